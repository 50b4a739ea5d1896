/* SPDX-License-Identifier: MIT */
/*
 * portal/common.h - types and macros shared by every libportal header.
 */
#ifndef PORTAL_COMMON_H
#define PORTAL_COMMON_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
# define PORTAL_BEGIN_DECL extern "C" {
# define PORTAL_END_DECL }
#else
# define PORTAL_BEGIN_DECL
# define PORTAL_END_DECL
#endif

/*
 * The library is built with hidden default visibility: only functions
 * declared with PORTAL_EXTERN are exported from the shared library
 * (libshopportal.so).
 */
#if defined(__GNUC__) && __GNUC__ >= 4
# define PORTAL_EXTERN(type) extern __attribute__((visibility("default"))) type
#else
# define PORTAL_EXTERN(type) extern type
#endif

PORTAL_BEGIN_DECL

/** An open shop database. Opaque; see portal_open() in portal/db.h. */
typedef struct portal portal;

/** A point in time: seconds since 1970-01-01T00:00:00Z. */
typedef int64_t portal_time;

/** An amount of money in cents (1/100 of the shop's currency). */
typedef int64_t portal_money;

/** The row id of a record. Valid ids are > 0; 0 means "none". */
typedef int64_t portal_id;

PORTAL_END_DECL

#endif
