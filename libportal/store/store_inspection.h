/* SPDX-License-Identifier: MIT */
/*
 * store_inspection.h - storage of inspections, their items and service
 * reminders (store_inspection.c). Private.
 */
#ifndef LIBPORTAL_STORE_INSPECTION_H
#define LIBPORTAL_STORE_INSPECTION_H

#include "store.h"

/*
 * The readable name of an asset, as customers know it: make and model
 * ("Whirlpool WRF555SDFZ"), or make and category ("Whirlpool
 * Refrigerator") when the model is not known. NULL when out of memory;
 * the caller frees it.
 */
char *pt_asset_label(const char *make, const char *model, const char *category);

/* Inspections. A record's `worst` is the worst condition of its items;
 * items are read only by _get with `with_items`. */
int pt_store_inspection_insert(portal_id *out, portal *p, const portal_inspection *in);
int pt_store_inspection_get(portal_inspection **out, portal *p, portal_id id, int with_items);
int pt_store_inspection_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_inspection *in, void *ctx), void *ctx);

/* Items: a new item takes the next position in its inspection. */
int pt_store_inspection_item_insert(portal_id *out, portal *p, portal_id inspection_id,
	const portal_inspection_item *it);
/* Item `id`, with the inspection it belongs to in *inspection_id. The
 * caller frees it with pt_inspection_item_free(). */
int pt_store_inspection_item_get(portal_inspection_item **out, portal_id *inspection_id,
	portal *p, portal_id id);

/*
 * Reminders. The store reads them as stored: next_due and days_left are
 * left empty for reminder.c, which computes them from the stored dates
 * and `created_at`, the time the reminder was added.
 */
int pt_store_reminder_insert(portal_id *out, portal *p, const portal_reminder *r);
int pt_store_reminder_set_done(portal *p, portal_id id, const char *on);
int pt_store_reminder_get(portal_reminder **out, portal_time *created_at, portal *p,
	portal_id id);
/* Call `cb` for each reminder of `client_id` (0: all), by id. `cb` owns
 * the record it is given: it frees it with portal_reminder_free() or
 * keeps it. */
int pt_store_reminder_foreach(portal *p, portal_id client_id,
	int (*cb)(portal_reminder *r, portal_time created_at, void *ctx), void *ctx);

#endif
