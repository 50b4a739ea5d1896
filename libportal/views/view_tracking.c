/* SPDX-License-Identifier: MIT */
/*
 * view_tracking.c - the "tracking" view: the client's visit of today, or
 * their next one, with the technician as the tracking document shows them;
 * and the visit of today as the dashboard leads with it.
 */
#include "view_build.h"
#include "local_days.h"
#include "store_appointment.h"
#include "tracking_doc.h"

#include <string.h>

static int is_closed(portal_appointment_status s)
{
	return s == PORTAL_APPT_COMPLETED || s == PORTAL_APPT_CANCELLED ||
		s == PORTAL_APPT_NO_SHOW;
}

/* The visit to track, found during a walk of the client's visits. */
struct pick {
	const pt_viewer *viewer;
	portal_id found;
};

/* Visits come by window start, from today on: the first still open and
 * within the viewer's job is today's first, else the next one. */
static int pick_visit(const portal_appointment *a, void *ctx)
{
	struct pick *k = ctx;

	if (a->client_id != k->viewer->client_id || is_closed(a->status) ||
	    (k->viewer->job_id != 0 && a->job_id != k->viewer->job_id))
		return 0;
	k->found = a->id;
	return 1;
}

/* The visit to track into `*out`, or NULL when there is none. */
static int find_visit(portal_appointment **out, portal *p, const pt_viewer *v)
{
	portal_appointment_filter f = { 0, 0, 0, 0 };
	struct pick k = { v, 0 };
	int64_t today;
	int err;

	*out = NULL;
	f.client_id = v->client_id;
	/* Windows that end after today's midnight: today's and later ones. */
	if ((err = pt_local_day(&today, p, portal_now(p))) < 0 ||
	    (err = pt_local_day_begin(&f.from, p, today)) < 0)
		return err;
	if ((err = pt_store_appointment_foreach(p, &f, pick_visit, &k)) < 0)
		return err;
	return k.found ? pt_store_appointment_get(out, p, k.found) : PORTAL_OK;
}

int pt_view_tracking(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	portal_appointment *a = NULL;
	cJSON *visit;
	int err;

	(void)arg;
	if ((err = find_visit(&a, p, v)) < 0)
		return err;
	if (a == NULL) {
		if (!cJSON_AddNullToObject(doc, "visit") ||
		    !cJSON_AddStringToObject(doc, "message",
			    "You have no visit planned. Call the shop to book one."))
			return pt_oom(p);
		return PORTAL_OK;
	}
	visit = pt_tracking_visit(p, a, &err);
	portal_appointment_free(a);
	if (visit == NULL)
		return err;
	if (!cJSON_AddItemToObject(doc, "visit", visit)) {
		cJSON_Delete(visit);
		return pt_oom(p);
	}
	return PORTAL_OK;
}

/* The fields of the tracking document the dashboard repeats: who, what,
 * when, and where the expected time falls against the window. */
static const char *const today_fields[] = {
	"id", "state", "status", "status_label", "message",
	"window_start", "window_start_text", "window_end", "window_end_text", "window_words",
	"eta", "eta_text", "eta_words", "eta_source", "eta_window", "eta_window_text",
};

static int copy_today_fields(cJSON *today, const cJSON *visit, portal *p)
{
	const cJSON *tech = cJSON_GetObjectItemCaseSensitive(visit, "technician");
	const cJSON *first = cJSON_GetObjectItemCaseSensitive(tech, "first_name");

	for (size_t i = 0; i < sizeof(today_fields) / sizeof(today_fields[0]); i++) {
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(visit, today_fields[i]);
		cJSON *copy = f ? cJSON_Duplicate(f, 1) : cJSON_CreateNull();

		if (copy == NULL || !cJSON_AddItemToObject(today, today_fields[i], copy)) {
			cJSON_Delete(copy);
			return pt_oom(p);
		}
	}
	if (!(cJSON_IsString(first) ? cJSON_AddStringToObject(today, "technician_first_name",
		first->valuestring) : cJSON_AddNullToObject(today, "technician_first_name")))
		return pt_oom(p);
	return PORTAL_OK;
}

/* Is visit `a` on today's date in the shop's zone? */
static int is_today(int *out, portal *p, const portal_appointment *a)
{
	int64_t today, day;
	int err;

	if ((err = pt_local_day(&today, p, portal_now(p))) < 0 ||
	    (err = pt_local_day(&day, p, a->window_start)) < 0)
		return err;
	*out = day == today;
	return PORTAL_OK;
}

static int add_today(cJSON *doc, portal *p, const pt_viewer *v, const portal_appointment *a)
{
	cJSON *today, *visit;
	int err;

	if ((visit = pt_tracking_visit(p, a, &err)) == NULL)
		return err;
	if ((today = cJSON_AddObjectToObject(doc, "visit_today")) == NULL)
		err = pt_oom(p);
	else if ((err = copy_today_fields(today, visit, p)) == 0 &&
		 !cJSON_AddBoolToObject(today, "follow",
			 (v->sections & (unsigned)PORTAL_SECTION_TRACKING) != 0))
		err = pt_oom(p);
	cJSON_Delete(visit);
	return err;
}

int pt_view_add_visit_today(cJSON *doc, portal *p, const pt_viewer *v)
{
	portal_appointment *a = NULL;
	int today = 0, err;

	if ((v->sections & (unsigned)(PORTAL_SECTION_APPOINTMENTS | PORTAL_SECTION_TRACKING)) == 0)
		return PORTAL_OK;
	if ((err = find_visit(&a, p, v)) == 0 && a != NULL)
		err = is_today(&today, p, a);
	if (err == 0 && today)
		err = add_today(doc, p, v, a);
	else if (err == 0 && !cJSON_AddNullToObject(doc, "visit_today"))
		err = pt_oom(p);
	portal_appointment_free(a);
	return err;
}
