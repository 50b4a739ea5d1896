/* SPDX-License-Identifier: MIT */
/*
 * store_inspection.c - storage of inspections, their items and service
 * reminders.
 */
#include "sql.h"
#include "store_inspection.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *pt_asset_label(const char *make, const char *model, const char *category)
{
	const char *second = model && *model ? model : category;
	size_t len;
	char *s;

	if (make == NULL)
		make = "";
	if (second == NULL || *second == '\0')
		return pt_strdup(make);
	len = strlen(make) + 1 + strlen(second) + 1;
	if ((s = malloc(len)) != NULL)
		snprintf(s, len, "%s %s", make, second);
	return s;
}

static void bind_id_or_null(pt_stmt *st, int i, portal_id id)
{
	if (id)
		pt_bind_int64(st, i, id);
	else
		pt_bind_null(st, i);
}

/* ---------------------------------------------------------------------
 * Inspections.
 */

/* The worst condition is the highest code: the codes go from good to
 * urgent. NULL (no items) reads as 0. */
#define INSPECTION_SELECT \
	"SELECT i.id, i.client_id, i.job_id, i.asset_id, i.technician_id," \
	" i.inspected_at, i.summary," \
	" (SELECT max(condition) FROM inspection_items WHERE inspection_id = i.id)" \
	" FROM inspections i"

static portal_inspection *inspection_from_row(pt_stmt *st)
{
	portal_inspection *in = calloc(1, sizeof(*in));

	if (in == NULL)
		return NULL;
	in->id = pt_col_int64(st, 0);
	in->client_id = pt_col_int64(st, 1);
	in->job_id = pt_col_int64(st, 2);
	in->asset_id = pt_col_int64(st, 3);
	in->technician_id = pt_col_int64(st, 4);
	in->inspected_at = pt_col_int64(st, 5);
	in->worst = (portal_condition)pt_col_int(st, 7);
	if ((in->summary = pt_col_strdup(st, 6)) == NULL) {
		portal_inspection_free(in);
		return NULL;
	}
	return in;
}

int pt_store_inspection_insert(portal_id *out, portal *p, const portal_inspection *in)
{
	static const char sql[] =
		"INSERT INTO inspections (client_id, job_id, asset_id, technician_id,"
		" inspected_at, summary, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, in->client_id);
	bind_id_or_null(st, 2, in->job_id);
	bind_id_or_null(st, 3, in->asset_id);
	bind_id_or_null(st, 4, in->technician_id);
	pt_bind_int64(st, 5, in->inspected_at);
	pt_bind_text(st, 6, in->summary);
	pt_bind_int64(st, 7, portal_now(p));
	return pt_store_insert(out, p, st, "adding an inspection");
}

/* An item's estimate line is looked up rather than stored on the item,
 * so that it can never disagree with the line that names the item. */
#define ITEM_SELECT \
	"SELECT it.id, it.position, it.item, it.condition, it.note, it.recommendation," \
	" it.recommended_price," \
	" (SELECT min(l.id) FROM estimate_lines l WHERE l.inspection_item_id = it.id)," \
	" it.inspection_id" \
	" FROM inspection_items it"

/* Fill `it` from a row of ITEM_SELECT; -1 when out of memory. */
static int item_fill(portal_inspection_item *it, pt_stmt *st)
{
	it->id = pt_col_int64(st, 0);
	it->position = pt_col_int(st, 1);
	it->condition = (portal_condition)pt_col_int(st, 3);
	it->recommended_price = pt_col_type_of(st, 6) == PT_COL_NULL ? -1 :
		pt_col_int64(st, 6);
	it->estimate_line_id = pt_col_int64(st, 7);
	it->item = pt_col_strdup(st, 2);
	it->note = pt_col_strdup(st, 4);
	it->recommendation = pt_col_strdup(st, 5);
	return it->item && it->note && it->recommendation ? 0 : -1;
}

static int read_items(portal *p, portal_inspection *in)
{
	static const char sql[] =
		ITEM_SELECT " WHERE it.inspection_id = ?1 ORDER BY it.position, it.id";
	pt_stmt *st = pt_stmt_get(p, sql);
	size_t cap = 0;
	int rc, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, in->id);
	while ((rc = pt_step(st)) == PT_ROW) {
		portal_inspection_item *it;
		if (in->item_count == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			it = realloc(in->items, ncap * sizeof(*it));
			if (it == NULL) {
				err = pt_oom(p);
				break;
			}
			in->items = it;
			cap = ncap;
		}
		it = &in->items[in->item_count++];
		memset(it, 0, sizeof(*it));
		if (item_fill(it, st) < 0) {
			err = pt_oom(p);
			break;
		}
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading an inspection's items");
	pt_stmt_done(st);
	return err;
}

int pt_store_inspection_get(portal_inspection **out, portal *p, portal_id id, int with_items)
{
	static const char sql[] = INSPECTION_SELECT " WHERE i.id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	PT_STORE_ONE(p, st, out, inspection_from_row, "inspection", id, err);
	if (err == 0 && with_items && (err = read_items(p, *out)) < 0) {
		portal_inspection_free(*out);
		*out = NULL;
	}
	return err;
}

int pt_store_inspection_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_inspection *in, void *ctx), void *ctx)
{
	/* One client's rows through their index (sql.h). */
	static const char sql_all[] = INSPECTION_SELECT
		" ORDER BY i.inspected_at DESC, i.id DESC";
	static const char sql_client[] = INSPECTION_SELECT
		" WHERE i.client_id = ?1 ORDER BY i.inspected_at DESC, i.id DESC";
	pt_stmt *st = pt_stmt_client(p, client_id, sql_client, sql_all, NULL);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	PT_STORE_WALK(p, st, portal_inspection, inspection_from_row, portal_inspection_free,
		cb, ctx, "listing inspections", err);
	pt_stmt_done(st);
	return err;
}

int pt_store_inspection_item_insert(portal_id *out, portal *p, portal_id inspection_id,
	const portal_inspection_item *it)
{
	/* One statement picks the position and inserts, so two items added
	 * at once cannot take the same position. */
	static const char sql[] =
		"INSERT INTO inspection_items (inspection_id, position, item, condition, note,"
		" recommendation, recommended_price)"
		" SELECT ?1, coalesce(max(position), 0) + 1, ?2, ?3, ?4, ?5, ?6"
		" FROM inspection_items WHERE inspection_id = ?1"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, inspection_id);
	pt_bind_text(st, 2, it->item);
	pt_bind_int(st, 3, (int)it->condition);
	pt_bind_text(st, 4, it->note);
	pt_bind_text(st, 5, it->recommendation);
	if (it->recommended_price >= 0)
		pt_bind_int64(st, 6, it->recommended_price);
	else
		pt_bind_null(st, 6);
	return pt_store_insert(out, p, st, "adding an inspection item");
}

int pt_store_inspection_item_get(portal_inspection_item **out, portal_id *inspection_id,
	portal *p, portal_id id)
{
	static const char sql[] = ITEM_SELECT " WHERE it.id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	portal_inspection_item *it;
	int rc, err = PORTAL_OK;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	rc = pt_step(st);
	if (rc == PT_ROW) {
		if ((it = calloc(1, sizeof(*it))) == NULL || item_fill(it, st) < 0) {
			pt_inspection_item_free(it);
			err = pt_oom(p);
		} else {
			*inspection_id = pt_col_int64(st, 8);
			*out = it;
		}
	} else if (rc == PT_DONE) {
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no inspection item #%lld", (long long)id);
	} else {
		err = pt_store_fail(p, "reading an inspection item");
	}
	pt_stmt_done(st);
	return err;
}

/* ---------------------------------------------------------------------
 * Reminders.
 */

#define REMINDER_SELECT \
	"SELECT r.id, r.asset_id, a.client_id, a.make, a.model, a.category, r.description," \
	" r.interval_days, r.due_on, r.last_done_on, r.created_at" \
	" FROM reminders r JOIN assets a ON a.id = r.asset_id"

static portal_reminder *reminder_from_row(pt_stmt *st)
{
	portal_reminder *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	r->id = pt_col_int64(st, 0);
	r->asset_id = pt_col_int64(st, 1);
	r->client_id = pt_col_int64(st, 2);
	r->asset_label = pt_asset_label(pt_col_text(st, 3),
		pt_col_text(st, 4), pt_col_text(st, 5));
	r->description = pt_col_strdup(st, 6);
	r->interval_days = pt_col_int(st, 7);
	r->due_on = pt_col_strdup(st, 8);
	r->last_done_on = pt_col_strdup(st, 9);
	if (!r->asset_label || !r->description || !r->due_on || !r->last_done_on) {
		portal_reminder_free(r);
		return NULL;
	}
	return r;
}

int pt_store_reminder_insert(portal_id *out, portal *p, const portal_reminder *r)
{
	static const char sql[] =
		"INSERT INTO reminders (asset_id, description, interval_days, due_on, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, r->asset_id);
	pt_bind_text(st, 2, r->description);
	if (r->interval_days > 0)
		pt_bind_int(st, 3, r->interval_days);
	else
		pt_bind_null(st, 3);
	pt_bind_text(st, 4, r->due_on);
	pt_bind_int64(st, 5, portal_now(p));
	return pt_store_insert(out, p, st, "adding a reminder");
}

int pt_store_reminder_set_done(portal *p, portal_id id, const char *on)
{
	static const char sql[] = "UPDATE reminders SET last_done_on = ?2 WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_text(st, 2, on);
	if ((err = pt_store_exec(p, st, "recording a service")) == 0 &&
	    pt_store_changes(p) == 0)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no reminder #%lld", (long long)id);
	return err;
}

int pt_store_reminder_get(portal_reminder **out, portal_time *created_at, portal *p,
	portal_id id)
{
	static const char sql[] = REMINDER_SELECT " WHERE r.id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	rc = pt_step(st);
	if (rc == PT_ROW) {
		*created_at = pt_col_int64(st, 10);
		err = (*out = reminder_from_row(st)) ? PORTAL_OK : pt_oom(p);
	} else if (rc == PT_DONE) {
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no reminder #%lld", (long long)id);
	} else {
		err = pt_store_fail(p, "reading a reminder");
	}
	pt_stmt_done(st);
	return err;
}

int pt_store_reminder_foreach(portal *p, portal_id client_id,
	int (*cb)(portal_reminder *r, portal_time created_at, void *ctx), void *ctx)
{
	/* One client's rows through the index of their assets (sql.h). */
	static const char sql_all[] = REMINDER_SELECT " ORDER BY r.id";
	static const char sql_client[] = REMINDER_SELECT
		" WHERE a.client_id = ?1 ORDER BY r.id";
	pt_stmt *st = pt_stmt_client(p, client_id, sql_client, sql_all, NULL);
	int rc = PT_DONE, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	while (err == 0 && (rc = pt_step(st)) == PT_ROW) {
		portal_reminder *r = reminder_from_row(st);
		if (r == NULL)
			err = pt_oom(p);
		else
			err = cb(r, pt_col_int64(st, 10), ctx);
	}
	if (err == 0 && rc != PT_DONE && rc != PT_ROW)
		err = pt_store_fail(p, "listing reminders");
	pt_stmt_done(st);
	return err;
}
