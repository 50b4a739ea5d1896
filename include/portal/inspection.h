/* SPDX-License-Identifier: MIT */
/*
 * portal/inspection.h - inspections: what a technician found, item by item.
 *
 * An inspection belongs to a client and is made on a job or an asset (or
 * both). Each item has a condition and may recommend a repair with a
 * price; a recommendation becomes a line of a draft estimate on request.
 */
#ifndef PORTAL_INSPECTION_H
#define PORTAL_INSPECTION_H

#include "common.h"
#include "buf.h"
#include "line.h"

PORTAL_BEGIN_DECL

/** An item's condition. Values are stored: never renumber. */
typedef enum portal_condition {
	PORTAL_CONDITION_GOOD = 1,
	PORTAL_CONDITION_NEEDS_ATTENTION = 2,
	PORTAL_CONDITION_URGENT = 3
} portal_condition;

/** "good", "needs_attention", "urgent"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_condition_name(portal_condition c);

/** "Good", "Needs attention", "Urgent"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_condition_label(portal_condition c);

/** Parse a condition as typed ("needs-attention", "Urgent"). @return 0 or -1 */
PORTAL_EXTERN(int) portal_condition_parse(portal_condition *out, const char *text);

/** Values of a new inspection. */
typedef struct portal_inspection_fields {
	unsigned int version;
	/** The job inspected (0 for none); its client and asset are taken. */
	portal_id job_id;
	/** The asset inspected (0: the job's); must be the client's. */
	portal_id asset_id;
	/** Required when there is no job; must match the job's client. */
	portal_id client_id;
	portal_id technician_id;    /**< 0 for none */
	portal_time inspected_at;   /**< 0 for now; not in the future */
	const char *summary;        /**< NULL or up to 2000 characters */
} portal_inspection_fields;

#define PORTAL_INSPECTION_FIELDS_VERSION 1
#define PORTAL_INSPECTION_FIELDS_INIT { PORTAL_INSPECTION_FIELDS_VERSION, 0, 0, 0, 0, 0, NULL }

/** Values of a new inspection item. */
typedef struct portal_inspection_item_fields {
	unsigned int version;
	const char *item;           /**< what was checked; 1..200 characters */
	portal_condition condition; /**< required */
	const char *note;           /**< NULL or up to 1000 characters */
	/** The repair recommended; NULL or up to 500 characters. */
	const char *recommendation;
	/** Its price in cents; -1 for none. Needs a recommendation. */
	portal_money recommended_price;
} portal_inspection_item_fields;

#define PORTAL_INSPECTION_ITEM_FIELDS_VERSION 1
#define PORTAL_INSPECTION_ITEM_FIELDS_INIT \
	{ PORTAL_INSPECTION_ITEM_FIELDS_VERSION, NULL, 0, NULL, NULL, -1 }

/** A stored inspection item. Strings are never NULL. */
typedef struct portal_inspection_item {
	portal_id id;
	int position;
	char *item;
	portal_condition condition;
	char *note;
	char *recommendation;       /**< "" for none */
	portal_money recommended_price; /**< -1 for none */
	/** The estimate line made from it; 0 for none yet. */
	portal_id estimate_line_id;
} portal_inspection_item;

/** An inspection with its items. Strings are never NULL. */
typedef struct portal_inspection {
	portal_id id;
	portal_id client_id;
	portal_id job_id;           /**< 0 for none */
	portal_id asset_id;         /**< 0 for none */
	portal_id technician_id;    /**< 0 for none */
	portal_time inspected_at;
	char *summary;
	/** The worst condition found; 0 with no items. */
	portal_condition worst;
	size_t item_count;             /**< 0 in foreach walks */
	portal_inspection_item *items; /**< by position; NULL in foreach walks */
} portal_inspection;

/**
 * Record an inspection.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_inspection_add(portal_id *out, portal *p,
	const portal_inspection_fields *f);

/**
 * Add an item to inspection `id`.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_inspection_item_add(portal_id *out, portal *p, portal_id id,
	const portal_inspection_item_fields *f);

/**
 * Make item `item_id`'s recommended repair a line of kind `kind` on draft
 * estimate `estimate_id` of the same client, at its recommended price.
 * The line has quantity 1 and the recommendation as its description.
 * An item becomes a line once.
 * @param out_line  receives the new line's id (may be NULL)
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL (no recommendation or
 *         price, another client, a discount or credit kind), PORTAL_ERULE
 *         (estimate sent, item used)
 */
PORTAL_EXTERN(int) portal_inspection_item_to_estimate(portal_id *out_line, portal *p,
	portal_id item_id, portal_id estimate_id, portal_line_kind kind);

/** Read inspection `id` with its items; free with portal_inspection_free(). */
PORTAL_EXTERN(int) portal_inspection_get(portal_inspection **out, portal *p, portal_id id);

/** Free an inspection returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_inspection_free(portal_inspection *in);

/**
 * Call `cb` for each inspection of `client_id` (0: all), newest first,
 * without items; valid only during the call.
 */
PORTAL_EXTERN(int) portal_inspection_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_inspection *in, void *ctx), void *ctx);

/** Inspection `id` with its items as a JSON object. */
PORTAL_EXTERN(int) portal_inspection_json(portal_buf *out, portal *p, portal_id id);

/** The inspections of `client_id` (0: all) with their items as a JSON array. */
PORTAL_EXTERN(int) portal_inspection_list_json(portal_buf *out, portal *p, portal_id client_id);

PORTAL_END_DECL

#endif
