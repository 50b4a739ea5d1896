/* SPDX-License-Identifier: MIT */
/*
 * view_visits.c - the customer's visits: inspections with their findings,
 * and appointments with what cancelling them would cost now.
 *
 * Technicians appear by first name only and never with their phone; a
 * door code is shown only for a visit still to come.
 */
#include "view_build.h"
#include "view_fields.h"
#include "record_json.h"
#include "store_inspection.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The technician as the customer may know them: the first word of their
 * name ("Marc-André" of "Marc-André Roy"), or null when none is
 * assigned. */
static int add_technician(cJSON *o, portal *p, portal_id tech_id)
{
	portal_tech *t = NULL;
	char first[128];
	size_t n;
	int err;

	if (tech_id == 0)
		return cJSON_AddNullToObject(o, "technician_first_name") ? PORTAL_OK : pt_oom(p);
	if ((err = portal_tech_get(&t, p, tech_id)) < 0)
		return err;
	n = strcspn(t->name, " \t");
	if (n >= sizeof(first))
		n = sizeof(first) - 1;
	memcpy(first, t->name, n);
	first[n] = '\0';
	portal_tech_free(t);
	return pt_view_add_text_or_null(o, "technician_first_name", first) ? PORTAL_OK : pt_oom(p);
}

/* ---------------------------------------------------------------------
 * Inspections.
 */

static int in_scope(const pt_viewer *v, portal_id client_id, portal_id job_id)
{
	return client_id == v->client_id && (v->job_id == 0 || job_id == v->job_id);
}

static cJSON *item_to_json(const portal_inspection_item *it)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(NULL);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "position", it->position);
	pt_jb_string(&b, o, "item", it->item);
	pt_jb_check(&b, pt_json_add_condition(o, "condition", "condition_label",
		it->condition) != NULL);
	pt_jb_text(&b, o, "note", it->note);
	pt_jb_text(&b, o, "recommendation", it->recommendation);
	if (it->recommended_price >= 0) {
		pt_jb_money(&b, o, "recommended_price", it->recommended_price);
	} else {
		pt_jb_null(&b, o, "recommended_price");
		pt_jb_null(&b, o, "recommended_price_text");
	}
	/* Already priced on an estimate the shop prepared. */
	pt_jb_bool(&b, o, "on_estimate", it->estimate_line_id != 0);
	return pt_jb_done(&b, o);
}

/* What was inspected, as the customer calls it: "Whirlpool WRF555SDFZ". */
static int add_asset_label(cJSON *o, portal *p, portal_id asset_id)
{
	portal_asset *a = NULL;
	char *label = NULL;
	int err;

	if (asset_id == 0)
		return cJSON_AddNullToObject(o, "asset_label") ? PORTAL_OK : pt_oom(p);
	if ((err = portal_asset_get(&a, p, asset_id)) < 0)
		return err;
	label = pt_asset_label(a->make, a->model, a->category);
	err = label && pt_view_add_text_or_null(o, "asset_label", label) ? PORTAL_OK : pt_oom(p);
	free(label);
	portal_asset_free(a);
	return err;
}

static int add_recommended_total(cJSON *o, portal *p, const portal_inspection *in)
{
	portal_money sum = 0;
	int count = 0;

	for (size_t i = 0; i < in->item_count; i++) {
		if (in->items[i].recommended_price < 0)
			continue;
		count++;
		sum += in->items[i].recommended_price;
	}
	return cJSON_AddNumberToObject(o, "recommendations", count) &&
		pt_json_add_money(o, "recommended_total", sum) ? PORTAL_OK : pt_oom(p);
}

static cJSON *inspection_to_json(portal *p, const portal_inspection *in, int *err)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject(), *items;

	if (o == NULL) {
		*err = pt_oom(p);
		return NULL;
	}
	pt_jb_id(&b, o, "job_id", in->job_id);
	pt_jb_seconds(&b, o, "inspected_at", in->inspected_at);
	pt_jb_text(&b, o, "summary", in->summary);
	pt_jb_check(&b, pt_json_add_condition(o, "worst", "worst_label", in->worst) != NULL);
	items = pt_jb_array(&b, o, "items");
	for (size_t i = 0; !b.failed && i < in->item_count; i++)
		pt_jb_append(&b, items, item_to_json(&in->items[i]));
	if ((*err = pt_jb_error(&b)) == 0 && (*err = add_recommended_total(o, p, in)) == 0 &&
	    (*err = add_asset_label(o, p, in->asset_id)) == 0)
		*err = add_technician(o, p, in->technician_id);
	if (*err < 0) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static int collect_inspection(const portal_inspection *in, void *ctx)
{
	pt_id_list *l = ctx;

	return in_scope(l->v, in->client_id, in->job_id) ? pt_id_list_add(l, in->id) : 0;
}

int pt_view_inspections(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	pt_id_list ids = { p, v, NULL, 0, 0 };
	cJSON *list;
	int err;

	(void)arg;
	if ((list = cJSON_AddArrayToObject(doc, "inspections")) == NULL)
		return pt_oom(p);
	/* Newest first, as the walk goes. */
	err = portal_inspection_foreach(p, v->client_id, collect_inspection, &ids);
	for (size_t i = 0; err == 0 && i < ids.n; i++) {
		portal_inspection *in = NULL;
		cJSON *o;
		if ((err = portal_inspection_get(&in, p, ids.ids[i])) == 0 &&
		    (o = inspection_to_json(p, in, &err)) != NULL)
			err = pt_view_append(p, list, o);
		portal_inspection_free(in);
	}
	free(ids.ids);
	return err;
}

/* ---------------------------------------------------------------------
 * Appointments.
 */

/* A visit still to come or under way: not closed, its window not over. */
static int is_upcoming(const portal_appointment *a, portal_time now)
{
	switch (a->status) {
	case PORTAL_APPT_COMPLETED:
	case PORTAL_APPT_CANCELLED:
	case PORTAL_APPT_NO_SHOW:
		return 0;
	default:
		return a->window_end > now;
	}
}

/* What cancelling now would cost, from the library's own quote; null
 * for a visit that can no longer be cancelled. */
static int add_cancellation(cJSON *o, portal *p, const portal_appointment *a)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	portal_cancellation q;
	cJSON *c;
	int err;

	err = portal_appointment_cancel_quote(&q, p, a->id, 0);
	if (err == PORTAL_ERULE)
		return cJSON_AddNullToObject(o, "cancellation") ? PORTAL_OK : pt_oom(p);
	if (err < 0)
		return err;
	c = pt_jb_object(&b, o, "cancellation");
	pt_jb_seconds(&b, c, "free_until", q.free_until);
	pt_jb_bool(&b, c, "late", q.late);
	pt_jb_money(&b, c, "fee", q.fee);
	return pt_jb_error(&b);
}

static int add_address(cJSON *o, portal *p, portal_id address_id)
{
	portal_address *a = NULL;
	portal_buf text = PORTAL_BUF_INIT;
	int err;

	if (address_id == 0)
		return cJSON_AddNullToObject(o, "address") ? PORTAL_OK : pt_oom(p);
	if ((err = portal_address_get(&a, p, address_id)) == 0 &&
	    (err = portal_address_format(&text, a)) == 0 &&
	    !pt_view_add_text_or_null(o, "address", text.ptr))
		err = pt_oom(p);
	portal_buf_dispose(&text);
	portal_address_free(a);
	return err;
}

static int add_fee_invoice(cJSON *o, portal *p, portal_id invoice_id)
{
	portal_invoice *inv = NULL;
	int err;

	if (invoice_id == 0)
		return cJSON_AddNullToObject(o, "fee_invoice_number") ? PORTAL_OK : pt_oom(p);
	if ((err = portal_invoice_get(&inv, p, invoice_id)) == 0 &&
	    !cJSON_AddStringToObject(o, "fee_invoice_number", inv->number))
		err = pt_oom(p);
	portal_invoice_free(inv);
	return err;
}

static cJSON *appointment_to_json(portal *p, const portal_appointment *a, int upcoming,
	int *err)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL) {
		*err = pt_oom(p);
		return NULL;
	}
	/* The client's own visit: the portal cancels it and builds its
	 * calendar entry by this id. */
	pt_jb_int(&b, o, "id", a->id);
	pt_jb_id(&b, o, "job_id", a->job_id);
	pt_jb_bool(&b, o, "upcoming", upcoming);
	pt_jb_seconds(&b, o, "window_start", a->window_start);
	pt_jb_seconds(&b, o, "window_end", a->window_end);
	pt_jb_string(&b, o, "status", portal_appointment_status_name(a->status));
	pt_jb_string(&b, o, "status_label", portal_appointment_status_label(a->status));
	pt_jb_seconds(&b, o, "status_at", a->status_at);
	pt_jb_seconds(&b, o, "cancelled_at", a->cancelled_at);
	/* The door code opens the customer's door: only while a visit is
	 * still to come. */
	pt_jb_text(&b, o, "door_code", upcoming ? a->door_code : NULL);
	if ((*err = pt_jb_error(&b)) == 0 &&
	    (*err = add_technician(o, p, a->technician_id)) == 0 &&
	    (*err = add_address(o, p, a->address_id)) == 0 &&
	    (*err = add_fee_invoice(o, p, a->fee_invoice_id)) == 0)
		*err = add_cancellation(o, p, a);
	if (*err < 0) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

typedef struct visits_walk {
	pt_id_list upcoming;           /* by window start, soonest first */
	pt_id_list past;               /* by window start, oldest first */
	portal_time now;
} visits_walk;

static int collect_visit(const portal_appointment *a, void *ctx)
{
	visits_walk *w = ctx;

	if (!in_scope(w->upcoming.v, a->client_id, a->job_id))
		return 0;
	return pt_id_list_add(is_upcoming(a, w->now) ? &w->upcoming : &w->past, a->id);
}

static int add_visit(cJSON *list, portal *p, portal_id id, int upcoming)
{
	portal_appointment *a = NULL;
	cJSON *o;
	int err;

	if ((err = portal_appointment_get(&a, p, id)) == 0 &&
	    (o = appointment_to_json(p, a, upcoming, &err)) != NULL)
		err = pt_view_append(p, list, o);
	portal_appointment_free(a);
	return err;
}

/* The viewer's visits as an array "appointments" of `o`: upcoming first,
 * soonest first; then the past, latest first. `*upcoming` counts the
 * first. */
static int list_appointments(size_t *upcoming, cJSON *o, portal *p, const pt_viewer *v)
{
	portal_appointment_filter filter = { 0, 0, 0, 0 };
	visits_walk w = { { p, v, NULL, 0, 0 }, { p, v, NULL, 0, 0 }, portal_now(p) };
	cJSON *list;
	int err;

	filter.client_id = v->client_id;
	if ((list = cJSON_AddArrayToObject(o, "appointments")) == NULL)
		return pt_oom(p);
	err = portal_appointment_foreach(p, &filter, collect_visit, &w);
	for (size_t i = 0; err == 0 && i < w.upcoming.n; i++)
		err = add_visit(list, p, w.upcoming.ids[i], 1);
	for (size_t i = w.past.n; err == 0 && i > 0; i--)
		err = add_visit(list, p, w.past.ids[i - 1], 0);
	*upcoming = w.upcoming.n;
	free(w.upcoming.ids);
	free(w.past.ids);
	return err;
}

int pt_view_appointments(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	size_t upcoming = 0;
	int err;

	(void)arg;
	if ((err = list_appointments(&upcoming, doc, p, v)) == 0 &&
	    !cJSON_AddNumberToObject(doc, "upcoming_count", (double)upcoming))
		err = pt_oom(p);
	return err;
}

int pt_view_add_job_appointments(cJSON *o, portal *p, const pt_viewer *v, portal_id job_id)
{
	pt_viewer job = *v;
	size_t upcoming;

	job.job_id = job_id;
	return list_appointments(&upcoming, o, p, &job);
}
