/* SPDX-License-Identifier: MIT */
/*
 * reminder.c - service reminders and the rule of their next due date.
 *
 * Dates are calendar days in the shop's zone, counted as day numbers, so
 * that "every 365 days" is a count of days whatever the clocks do: a
 * change to or from daylight saving time moves no date, and 365 days
 * after 2028-02-29 is 2029-02-28.
 */
#include "internal.h"
#include "local_days.h"
#include "json.h"
#include "store_inspection.h"
#include "validate.h"

#include <stdlib.h>
#include <string.h>

/* Ten years: longer than any service interval a shop gives. */
#define INTERVAL_DAYS_MAX 3660

static int today(int64_t *out, portal *p)
{
	return pt_local_day(out, p, portal_now(p));
}

/*
 * The next due date: the set date while the service has not been done
 * on or after it; otherwise `interval_days` after the last service, or
 * after the day the reminder was added when it was never done. With
 * neither, nothing is due and next_due stays "".
 */
static int set_next_due(portal_reminder *r, portal *p, portal_time created_at, int64_t now_day)
{
	int64_t due = 0, done = 0, next;
	int has_due = r->due_on[0] && pt_day_parse(&due, r->due_on) == 0;
	int has_done = r->last_done_on[0] && pt_day_parse(&done, r->last_done_on) == 0;
	int err;

	r->next_due[0] = '\0';
	r->days_left = 0;
	if (has_due && (!has_done || done < due)) {
		next = due;
	} else if (r->interval_days > 0) {
		if (!has_done && (err = pt_local_day(&done, p, created_at)) < 0)
			return err;
		next = done + r->interval_days;
	} else {
		return PORTAL_OK;
	}
	pt_day_format(r->next_due, next);
	r->days_left = (int)(next - now_day);
	return PORTAL_OK;
}

/* ---------------------------------------------------------------------
 * Adding and recording services.
 */

static int check_schedule(portal_reminder *r, portal *p, const portal_reminder_fields *f)
{
	int err;

	if (f->interval_days < 0 || f->interval_days > INTERVAL_DAYS_MAX)
		return pt_error(p, PORTAL_EINVAL, "reminder.interval_days",
			"%d days: an interval is 1 to %d days, or 0 for none",
			f->interval_days, INTERVAL_DAYS_MAX);
	r->interval_days = f->interval_days;
	if ((err = pt_valid_date(&r->due_on, p, "reminder.due_on", f->due_on, 0)) < 0)
		return err;
	if (r->interval_days == 0 && r->due_on[0] == '\0')
		return pt_error(p, PORTAL_EINVAL, "reminder.interval_days",
			"a reminder needs an interval, a date, or both");
	return PORTAL_OK;
}

int portal_reminder_add(portal_id *out, portal *p, const portal_reminder_fields *f)
{
	portal_reminder r = { 0 };
	portal_asset *a = NULL;
	portal_id id = 0;
	int err;

	if (f == NULL || f->version != PORTAL_REMINDER_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_reminder_fields: missing or of an unknown version");
	r.asset_id = f->asset_id;
	if ((err = pt_store_asset_get(&a, p, f->asset_id)) == 0 &&
	    (err = pt_valid_text(&r.description, p, "reminder.description", f->description,
			1, 200, 0)) == 0 &&
	    (err = check_schedule(&r, p, f)) == 0 &&
	    (err = pt_store_reminder_insert(&id, p, &r)) == 0 && out != NULL)
		*out = id;
	portal_asset_free(a);
	free(r.description);
	free(r.due_on);
	return err;
}

/* The day a service was done: a real date, today at the latest. */
static int done_day(char **out, portal *p, const char *on)
{
	int64_t day, now_day;
	char buf[11];
	int err;

	if ((err = pt_valid_date(out, p, "reminder.last_done_on", on, 0)) < 0 ||
	    (err = today(&now_day, p)) < 0)
		return err;
	if ((*out)[0] == '\0') {
		free(*out);
		return (*out = pt_strdup(pt_day_format(buf, now_day))) ? PORTAL_OK : pt_oom(p);
	}
	if (pt_day_parse(&day, *out) < 0 || day > now_day)
		return pt_error(p, PORTAL_EINVAL, "reminder.last_done_on",
			"%s is in the future", *out);
	return PORTAL_OK;
}

int portal_reminder_done(portal *p, portal_id id, const char *on)
{
	char *day = NULL;
	int err;

	/* The date replaces the one recorded before, even when earlier, so
	 * that a mistyped date can be put right. */
	if ((err = done_day(&day, p, on)) == 0)
		err = pt_store_reminder_set_done(p, id, day);
	free(day);
	return err;
}

/* ---------------------------------------------------------------------
 * Reading.
 */

int portal_reminder_get(portal_reminder **out, portal *p, portal_id id)
{
	portal_time created_at = 0;
	int64_t now_day;
	int err;

	*out = NULL;
	if ((err = today(&now_day, p)) < 0 ||
	    (err = pt_store_reminder_get(out, &created_at, p, id)) < 0)
		return err;
	if ((err = set_next_due(*out, p, created_at, now_day)) < 0) {
		portal_reminder_free(*out);
		*out = NULL;
	}
	return err;
}

/* The reminders of a walk, gathered to be sorted by their due dates,
 * which SQL cannot compute: they depend on the shop's zone. */
typedef struct due_list {
	portal *p;
	int64_t today;
	int within_days;
	portal_reminder **v;
	size_t n, cap;
} due_list;

static int gather(portal_reminder *r, portal_time created_at, void *ctx)
{
	due_list *l = ctx;
	int err;

	if ((err = set_next_due(r, l->p, created_at, l->today)) < 0)
		goto drop;
	/* A due-soon list holds what is due: never what has no date. */
	if (l->within_days >= 0 && (r->next_due[0] == '\0' || r->days_left > l->within_days))
		goto drop;
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		portal_reminder **v = realloc(l->v, ncap * sizeof(*v));
		if (v == NULL) {
			err = pt_oom(l->p);
			goto drop;
		}
		l->v = v;
		l->cap = ncap;
	}
	l->v[l->n++] = r;
	return PORTAL_OK;
drop:
	portal_reminder_free(r);
	return err;
}

/* Soonest first, overdue ones first of all; those with nothing due last. */
static int by_due(const void *a, const void *b)
{
	const portal_reminder *x = *(portal_reminder *const *)a;
	const portal_reminder *y = *(portal_reminder *const *)b;
	int xnone = x->next_due[0] == '\0', ynone = y->next_due[0] == '\0';

	if (xnone != ynone)
		return xnone - ynone;
	if (!xnone && x->days_left != y->days_left)
		return x->days_left < y->days_left ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

int portal_reminder_foreach(portal *p, portal_id client_id, int within_days,
	int (*cb)(const portal_reminder *r, void *ctx), void *ctx)
{
	due_list l = { p, 0, within_days, NULL, 0, 0 };
	int err;

	if ((err = today(&l.today, p)) == 0 &&
	    (err = pt_store_reminder_foreach(p, client_id, gather, &l)) == 0) {
		if (l.n > 1)
			qsort(l.v, l.n, sizeof(*l.v), by_due);
		for (size_t i = 0; err == 0 && i < l.n; i++)
			err = cb(l.v[i], ctx);
	}
	for (size_t i = 0; i < l.n; i++)
		portal_reminder_free(l.v[i]);
	free(l.v);
	return err;
}

/* ---------------------------------------------------------------------
 * JSON.
 */

static cJSON *reminder_to_json(const portal_reminder *r)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(NULL);
	cJSON *o = cJSON_CreateObject();
	int due = r->next_due[0] != '\0';

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "id", r->id);
	pt_jb_int(&b, o, "asset_id", r->asset_id);
	pt_jb_int(&b, o, "client_id", r->client_id);
	pt_jb_string(&b, o, "asset_label", r->asset_label);
	pt_jb_string(&b, o, "description", r->description);
	if (r->interval_days > 0)
		pt_jb_int(&b, o, "interval_days", r->interval_days);
	else
		pt_jb_null(&b, o, "interval_days");
	pt_jb_string(&b, o, "due_on", r->due_on);
	pt_jb_string(&b, o, "last_done_on", r->last_done_on);
	pt_jb_string(&b, o, "next_due", r->next_due);
	if (due)
		pt_jb_int(&b, o, "days_left", r->days_left);
	else
		pt_jb_null(&b, o, "days_left");
	pt_jb_bool(&b, o, "overdue", due && r->days_left < 0);
	return pt_jb_done(&b, o);
}

int portal_reminder_json(portal_buf *out, portal *p, portal_id id)
{
	portal_reminder *r = NULL;
	cJSON *root = NULL;
	int err;

	if ((err = portal_reminder_get(&r, p, id)) == 0 && (root = reminder_to_json(r)) == NULL)
		err = pt_oom(p);
	portal_reminder_free(r);
	return pt_json_finish(out, p, root, err);
}

static int add_reminder(const portal_reminder *r, void *ctx)
{
	pt_json_walk *w = ctx;

	return pt_json_walk_add(w, reminder_to_json(r));
}

int portal_reminder_list_json(portal_buf *out, portal *p, portal_id client_id, int within_days)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err = w.array ? PORTAL_OK : pt_oom(p);

	if (err == 0)
		err = portal_reminder_foreach(p, client_id, within_days, add_reminder, &w);
	return pt_json_finish(out, p, w.array, err);
}
