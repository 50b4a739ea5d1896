/* SPDX-License-Identifier: MIT */
/*
 * portal/errors.h - return codes and error messages.
 *
 * Every fallible function returns an int: PORTAL_OK (0) on success or one
 * of the negative codes below. The detail of the last failure on a handle
 * is read with portal_errmsg(). Codes are never renumbered or removed.
 */
#ifndef PORTAL_ERRORS_H
#define PORTAL_ERRORS_H

#include "common.h"

PORTAL_BEGIN_DECL

typedef enum portal_error_code {
	PORTAL_OK = 0,
	/** Unexpected internal failure. */
	PORTAL_ERROR = -1,
	/** Out of memory. */
	PORTAL_ENOMEM = -2,
	/** An argument or a field value is invalid; see portal_errfield(). */
	PORTAL_EINVAL = -3,
	/** No such record (or not one this caller may see). */
	PORTAL_ENOTFOUND = -4,
	/** Access denied. */
	PORTAL_EDENIED = -5,
	/** A business rule refused the operation (e.g. an expired estimate). */
	PORTAL_ERULE = -6,
	/** Too many attempts; try again later. */
	PORTAL_ERATELIMIT = -7,
	/** The database failed (disk full, corrupt, locked too long ...). */
	PORTAL_ESTORE = -8,
	/** Reading or writing a file failed. */
	PORTAL_EIO = -9,
	/** The file is not a portal database. */
	PORTAL_ENOTDB = -10,
	/** The database was written by a newer libportal. */
	PORTAL_EVERSION = -11,
	/** The record already exists. */
	PORTAL_EEXISTS = -12
} portal_error_code;

/**
 * A static English description of `code` ("not found", "rule refused" ...).
 * Never NULL; unknown codes give "unknown error".
 */
PORTAL_EXTERN(const char *) portal_strerror(int code);

/**
 * The message of the most recent failure on `p`, in one line of English
 * that names the field or record concerned, e.g. "client.email: not an
 * email address". Successful calls leave it alone, so read it right after
 * the call that failed. The string is owned by `p` and valid until the
 * next call on it; "ok" when nothing failed yet. portal_errmsg(NULL) gives
 * "out of memory" (the only way portal_open() can fail to return a handle).
 */
PORTAL_EXTERN(const char *) portal_errmsg(const portal *p);

/**
 * The most recent failure on `p` as the shop's customer reads it: one
 * sentence, starting with a capital and ending with a full stop, that
 * names no field, internal code or other client ("Your message is
 * empty."). A failure of the database, a file or memory reads "Something
 * went wrong on our side; please try again later." Front ends that face
 * customers (the web portal) show this; the shop's tools show
 * portal_errmsg(). Owned by `p` and valid until the next call on it, so
 * copy it before calling the library again; "ok" when nothing failed yet.
 */
PORTAL_EXTERN(const char *) portal_errmsg_customer(const portal *p);

/**
 * When the last failure on `p` was PORTAL_EINVAL about one field, its name
 * ("client.email", "address.house_number" ...); otherwise NULL. Owned by `p`.
 */
PORTAL_EXTERN(const char *) portal_errfield(const portal *p);

PORTAL_END_DECL

#endif
