/*
 * view_fields.h - the pieces of the customer's views that more than one
 * view shows: times for people and scripts alike, and asset labels.
 */
#ifndef PORTAL_VIEW_FIELDS_H
#define PORTAL_VIEW_FIELDS_H

#include "views.h"

/*
 * Add time `t` as UTC seconds under `name` and in the shop's zone under
 * "<name>_text" (both null when `t` is 0). NULL when out of memory.
 */
cJSON *pt_view_add_time(cJSON *obj, const char *name, portal *p, portal_time t);

/* Add "asset_id" and "asset_label" ("Whirlpool WRF555SDFZ") for asset
 * `asset_id`, both null when it is 0. PORTAL_OK or an error code. */
int pt_view_add_asset_ref(cJSON *obj, portal *p, portal_id asset_id);

#endif
