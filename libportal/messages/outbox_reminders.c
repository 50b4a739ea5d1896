/* SPDX-License-Identifier: MIT */
/*
 * outbox_reminders.c - the reminders of tomorrow's visits, queued once
 * per visit by `portal outbox remind` (a daily job of the shop's).
 *
 * The visits are collected first and reminded after, so the walk over
 * them is over before a message is written.
 */
#include "outbox_queue.h"
#include "local_days.h"
#include "store.h"
#include "store_appointment.h"
#include "store_outbox.h"

#include <stdlib.h>

typedef struct visit_ids {
	portal_time from, to;
	portal_id *ids;
	size_t n, cap;
} visit_ids;

/* Visits starting tomorrow that will still happen. */
static int collect_visit(const portal_appointment *a, void *ctx)
{
	visit_ids *v = ctx;
	portal_id *grown;

	if (a->window_start < v->from || a->window_start >= v->to ||
	    a->status == PORTAL_APPT_CANCELLED || a->status == PORTAL_APPT_COMPLETED ||
	    a->status == PORTAL_APPT_NO_SHOW)
		return 0;
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 16;
		if ((grown = realloc(v->ids, v->cap * sizeof(*grown))) == NULL)
			return PORTAL_ENOMEM;
		v->ids = grown;
	}
	v->ids[v->n++] = a->id;
	return 0;
}

/* Queue the reminder of visit `id`. */
static int remind(portal *p, portal_id id)
{
	portal_appointment *a = NULL;
	int err;

	if ((err = pt_store_appointment_get(&a, p, id)) == 0)
		err = pt_outbox_reminder(p, a);
	portal_appointment_free(a);
	return err;
}

int portal_outbox_queue_reminders(int *queued, portal *p)
{
	portal_appointment_filter filter = { 0, 0, 0, 0 };
	visit_ids v = { 0, 0, NULL, 0, 0 };
	int64_t today;
	int err, count = 0, done;

	if ((err = pt_local_day(&today, p, portal_now(p))) < 0 ||
	    (err = pt_local_day_begin(&v.from, p, today + 1)) < 0 ||
	    (err = pt_local_day_begin(&v.to, p, today + 2)) < 0)
		return err;
	filter.from = v.from;
	filter.to = v.to;
	if ((err = pt_store_appointment_foreach(p, &filter, collect_visit, &v)) < 0) {
		free(v.ids);
		return err == PORTAL_ENOMEM ? pt_oom(p) : err;
	}
	if ((err = pt_store_begin(p)) < 0) {
		free(v.ids);
		return err;
	}
	for (size_t i = 0; err == 0 && i < v.n; i++) {
		if ((err = pt_store_outbox_exists(&done, p, "appointment_reminder", v.ids[i])) < 0 ||
		    done)
			continue;
		if ((err = remind(p, v.ids[i])) < 0)
			break;
		if ((err = pt_store_outbox_exists(&done, p, "appointment_reminder", v.ids[i])) == 0)
			count += done;
	}
	free(v.ids);
	err = pt_store_end(p, err);
	if (queued)
		*queued = err == 0 ? count : 0;
	return err;
}
