/* SPDX-License-Identifier: MIT */
/*
 * portal/tech.h - the shop's technicians.
 *
 * A technician's phone number is for the shop; views shown to customers
 * never include it.
 */
#ifndef PORTAL_TECH_H
#define PORTAL_TECH_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/** A technician as stored. Strings are never NULL. */
typedef struct portal_tech {
	portal_id id;
	char *name;
	char *phone;
	int active;            /**< 0 once the technician left the shop */
} portal_tech;

/**
 * Add a technician. `name` is required (1..120 characters), `phone`
 * optional (NULL or "").
 * @param out  receives the new id (may be NULL)
 * @return PORTAL_OK or PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_tech_add(portal_id *out, portal *p,
	const char *name, const char *phone);

/** Mark technician `id` active (1) or not (0). @return PORTAL_OK or PORTAL_ENOTFOUND */
PORTAL_EXTERN(int) portal_tech_set_active(portal *p, portal_id id, int active);

/**
 * Read technician `id`. The caller frees `*out` with portal_tech_free().
 * @return PORTAL_OK or PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_tech_get(portal_tech **out, portal *p, portal_id id);

/** Free a technician returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_tech_free(portal_tech *t);

/**
 * Call `cb` for each technician by name; valid only during the call. A
 * non-zero return from `cb` stops the walk and is returned.
 */
PORTAL_EXTERN(int) portal_tech_foreach(portal *p,
	int (*cb)(const portal_tech *t, void *ctx), void *ctx);

/** Every technician as a JSON array into `out`. The caller disposes `out`. */
PORTAL_EXTERN(int) portal_tech_list_json(portal_buf *out, portal *p);

PORTAL_END_DECL

#endif
