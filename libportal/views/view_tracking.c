/*
 * view_tracking.c - the "tracking" view: the client's visit of today, or
 * their next one, with the technician as the tracking document shows them.
 */
#include "view_build.h"
#include "local_days.h"
#include "store_appointment.h"
#include "tracking_doc.h"

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
