/* SPDX-License-Identifier: MIT */
/*
 * view_fields.h - the pieces of the customer's views that more than one
 * view shows: times for people and scripts alike, and asset labels.
 */
#ifndef PORTAL_VIEW_FIELDS_H
#define PORTAL_VIEW_FIELDS_H

#include "view_build.h"

/*
 * Add time `t` as UTC seconds under `name` and in the shop's zone under
 * "<name>_text" (both null when `t` is 0). NULL when out of memory.
 */
cJSON *pt_view_add_time(cJSON *obj, const char *name, portal *p, portal_time t);

/* Add "asset_id" and "asset_label" ("Whirlpool WRF555SDFZ") for asset
 * `asset_id`, both null when it is 0. PORTAL_OK or an error code. */
int pt_view_add_asset_ref(cJSON *obj, portal *p, portal_id asset_id);

/* Add `text` under `name`, or null when it is NULL or "". */
cJSON *pt_view_add_text_or_null(cJSON *obj, const char *name, const char *text);

/* Append `item` (NULL when it could not be built) to array `a`; frees it
 * when that fails. PORTAL_OK or PORTAL_ENOMEM. */
int pt_view_append(portal *p, cJSON *a, cJSON *item);

/* Ids collected by a walk, to read the records in full after it: a read
 * of a record does not start inside a walk of its kind. The caller frees
 * `ids`. */
typedef struct pt_id_list {
	portal *p;
	const pt_viewer *v;
	portal_id *ids;
	size_t n, cap;
} pt_id_list;

int pt_id_list_add(pt_id_list *l, portal_id id);
int pt_id_list_has(const pt_id_list *l, portal_id id);

#endif
