/* SPDX-License-Identifier: MIT */
/*
 * record_json.c - the JSON form of the shop's records.
 */
#include "record_json.h"

#include <stdlib.h>

cJSON *pt_client_to_json(portal *p, const portal_client *c)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "id", c->id);
	pt_jb_string(&b, o, "name", c->name);
	pt_jb_string(&b, o, "email", c->email);
	pt_jb_string(&b, o, "phone", c->phone);
	pt_jb_bool(&b, o, "sms_consent", c->sms_consent);
	pt_jb_time(&b, o, "sms_consent_at", c->sms_consent_at);
	pt_jb_bool(&b, o, "portal_enabled", c->portal_enabled);
	pt_jb_string(&b, o, "notes", c->notes);
	pt_jb_time(&b, o, "created_at", c->created_at);
	return pt_jb_done(&b, o);
}

cJSON *pt_address_to_json(portal *p, const portal_address *a)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	portal_buf line = PORTAL_BUF_INIT;
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "id", a->id);
	pt_jb_int(&b, o, "client_id", a->client_id);
	pt_jb_string(&b, o, "house_number", a->house_number);
	pt_jb_string(&b, o, "unit", a->unit);
	pt_jb_string(&b, o, "street", a->street);
	pt_jb_string(&b, o, "city", a->city);
	pt_jb_string(&b, o, "region", a->region);
	pt_jb_string(&b, o, "postal_code", a->postal_code);
	pt_jb_string(&b, o, "country", a->country);
	if (a->has_location) {
		pt_jb_number(&b, o, "latitude", a->latitude);
		pt_jb_number(&b, o, "longitude", a->longitude);
	} else {
		pt_jb_null(&b, o, "latitude");
		pt_jb_null(&b, o, "longitude");
	}
	pt_jb_check(&b, portal_address_format(&line, a) >= 0);
	pt_jb_string(&b, o, "line", line.ptr ? line.ptr : "");
	portal_buf_dispose(&line);
	return pt_jb_done(&b, o);
}

cJSON *pt_asset_to_json(portal *p, const portal_asset *a)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "id", a->id);
	pt_jb_int(&b, o, "client_id", a->client_id);
	pt_jb_string(&b, o, "kind", portal_asset_kind_name(a->kind));
	pt_jb_string(&b, o, "category", a->category);
	pt_jb_string(&b, o, "make", a->make);
	pt_jb_string(&b, o, "model", a->model);
	pt_jb_string(&b, o, "serial", a->serial);
	pt_jb_string(&b, o, "vin", a->vin);
	if (a->year)
		pt_jb_int(&b, o, "year", a->year);
	else
		pt_jb_null(&b, o, "year");
	pt_jb_string(&b, o, "acquired_on", a->acquired_on);
	pt_jb_string(&b, o, "notes", a->notes);
	return pt_jb_done(&b, o);
}

cJSON *pt_tech_to_json(portal *p, const portal_tech *t)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "id", t->id);
	pt_jb_string(&b, o, "name", t->name);
	pt_jb_string(&b, o, "phone", t->phone);
	pt_jb_bool(&b, o, "active", t->active);
	return pt_jb_done(&b, o);
}

static cJSON *event_to_json(portal *p, const portal_job_event *e)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_string(&b, o, "status", portal_job_status_name(e->status));
	pt_jb_string(&b, o, "label", portal_job_status_label(e->status));
	pt_jb_time(&b, o, "at", e->at);
	pt_jb_string(&b, o, "note", e->note);
	return pt_jb_done(&b, o);
}

cJSON *pt_job_to_json(portal *p, const portal_job *j)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject(), *events;

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "id", j->id);
	pt_jb_int(&b, o, "client_id", j->client_id);
	pt_jb_id(&b, o, "asset_id", j->asset_id);
	pt_jb_id(&b, o, "address_id", j->address_id);
	pt_jb_string(&b, o, "problem", j->problem);
	pt_jb_string(&b, o, "status", portal_job_status_name(j->status));
	pt_jb_string(&b, o, "status_label", portal_job_status_label(j->status));
	pt_jb_time(&b, o, "booked_at", j->booked_at);
	pt_jb_time(&b, o, "updated_at", j->updated_at);
	events = pt_jb_array(&b, o, "timeline");
	for (size_t i = 0; !b.failed && i < j->event_count; i++)
		pt_jb_append(&b, events, event_to_json(p, &j->events[i]));
	return pt_jb_done(&b, o);
}

int pt_walk_client(const portal_client *c, void *ctx)
{
	pt_json_walk *w = ctx;

	return pt_json_walk_add(w, pt_client_to_json(w->p, c));
}

int pt_walk_address(const portal_address *a, void *ctx)
{
	pt_json_walk *w = ctx;

	return pt_json_walk_add(w, pt_address_to_json(w->p, a));
}

int pt_walk_asset(const portal_asset *a, void *ctx)
{
	pt_json_walk *w = ctx;

	return pt_json_walk_add(w, pt_asset_to_json(w->p, a));
}

int pt_walk_tech(const portal_tech *t, void *ctx)
{
	pt_json_walk *w = ctx;

	return pt_json_walk_add(w, pt_tech_to_json(w->p, t));
}
