/*
 * record_json.c - the JSON form of the shop's records.
 *
 * cJSON's Add* functions return NULL when out of memory; each builder
 * counts the failures and gives up on the whole object if any occurred,
 * rather than checking every line.
 */
#include "record_json.h"

#include <stdlib.h>

static cJSON *finish(cJSON *o, int failed)
{
	if (failed) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

#define ADD(expr) (failed |= ((expr) == NULL))

cJSON *pt_client_to_json(portal *p, const portal_client *c)
{
	cJSON *o = cJSON_CreateObject();
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(cJSON_AddNumberToObject(o, "id", (double)c->id));
	ADD(cJSON_AddStringToObject(o, "name", c->name));
	ADD(cJSON_AddStringToObject(o, "email", c->email));
	ADD(cJSON_AddStringToObject(o, "phone", c->phone));
	ADD(cJSON_AddBoolToObject(o, "sms_consent", c->sms_consent));
	ADD(pt_json_add_time(o, "sms_consent_at", p, c->sms_consent_at));
	ADD(cJSON_AddBoolToObject(o, "portal_enabled", c->portal_enabled));
	ADD(cJSON_AddStringToObject(o, "notes", c->notes));
	ADD(pt_json_add_time(o, "created_at", p, c->created_at));
	return finish(o, failed);
}

cJSON *pt_address_to_json(portal *p, const portal_address *a)
{
	portal_buf line = PORTAL_BUF_INIT;
	cJSON *o = cJSON_CreateObject();
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(cJSON_AddNumberToObject(o, "id", (double)a->id));
	ADD(cJSON_AddNumberToObject(o, "client_id", (double)a->client_id));
	ADD(cJSON_AddStringToObject(o, "house_number", a->house_number));
	ADD(cJSON_AddStringToObject(o, "unit", a->unit));
	ADD(cJSON_AddStringToObject(o, "street", a->street));
	ADD(cJSON_AddStringToObject(o, "city", a->city));
	ADD(cJSON_AddStringToObject(o, "region", a->region));
	ADD(cJSON_AddStringToObject(o, "postal_code", a->postal_code));
	ADD(cJSON_AddStringToObject(o, "country", a->country));
	if (a->has_location) {
		ADD(cJSON_AddNumberToObject(o, "latitude", a->latitude));
		ADD(cJSON_AddNumberToObject(o, "longitude", a->longitude));
	} else {
		ADD(cJSON_AddNullToObject(o, "latitude"));
		ADD(cJSON_AddNullToObject(o, "longitude"));
	}
	failed |= portal_address_format(&line, a) < 0;
	ADD(cJSON_AddStringToObject(o, "line", line.ptr ? line.ptr : ""));
	portal_buf_dispose(&line);
	(void)p;
	return finish(o, failed);
}

cJSON *pt_asset_to_json(portal *p, const portal_asset *a)
{
	cJSON *o = cJSON_CreateObject();
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(cJSON_AddNumberToObject(o, "id", (double)a->id));
	ADD(cJSON_AddNumberToObject(o, "client_id", (double)a->client_id));
	ADD(cJSON_AddStringToObject(o, "kind", portal_asset_kind_name(a->kind)));
	ADD(cJSON_AddStringToObject(o, "category", a->category));
	ADD(cJSON_AddStringToObject(o, "make", a->make));
	ADD(cJSON_AddStringToObject(o, "model", a->model));
	ADD(cJSON_AddStringToObject(o, "serial", a->serial));
	ADD(cJSON_AddStringToObject(o, "vin", a->vin));
	if (a->year)
		ADD(cJSON_AddNumberToObject(o, "year", a->year));
	else
		ADD(cJSON_AddNullToObject(o, "year"));
	ADD(cJSON_AddStringToObject(o, "acquired_on", a->acquired_on));
	ADD(cJSON_AddStringToObject(o, "notes", a->notes));
	(void)p;
	return finish(o, failed);
}

cJSON *pt_tech_to_json(portal *p, const portal_tech *t)
{
	cJSON *o = cJSON_CreateObject();
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(cJSON_AddNumberToObject(o, "id", (double)t->id));
	ADD(cJSON_AddStringToObject(o, "name", t->name));
	ADD(cJSON_AddStringToObject(o, "phone", t->phone));
	ADD(cJSON_AddBoolToObject(o, "active", t->active));
	(void)p;
	return finish(o, failed);
}

static cJSON *event_to_json(portal *p, const portal_job_event *e)
{
	cJSON *o = cJSON_CreateObject();
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(cJSON_AddStringToObject(o, "status", portal_job_status_name(e->status)));
	ADD(cJSON_AddStringToObject(o, "label", portal_job_status_label(e->status)));
	ADD(pt_json_add_time(o, "at", p, e->at));
	ADD(cJSON_AddStringToObject(o, "note", e->note));
	return finish(o, failed);
}

cJSON *pt_job_to_json(portal *p, const portal_job *j)
{
	cJSON *o = cJSON_CreateObject(), *events;
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(cJSON_AddNumberToObject(o, "id", (double)j->id));
	ADD(cJSON_AddNumberToObject(o, "client_id", (double)j->client_id));
	ADD(pt_json_add_id(o, "asset_id", j->asset_id));
	ADD(pt_json_add_id(o, "address_id", j->address_id));
	ADD(cJSON_AddStringToObject(o, "problem", j->problem));
	ADD(cJSON_AddStringToObject(o, "status", portal_job_status_name(j->status)));
	ADD(cJSON_AddStringToObject(o, "status_label", portal_job_status_label(j->status)));
	ADD(pt_json_add_time(o, "booked_at", p, j->booked_at));
	ADD(pt_json_add_time(o, "updated_at", p, j->updated_at));
	ADD(events = cJSON_AddArrayToObject(o, "timeline"));
	for (size_t i = 0; !failed && i < j->event_count; i++) {
		cJSON *e = event_to_json(p, &j->events[i]);
		if (e == NULL || !cJSON_AddItemToArray(events, e)) {
			cJSON_Delete(e);
			failed = 1;
		}
	}
	return finish(o, failed);
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
