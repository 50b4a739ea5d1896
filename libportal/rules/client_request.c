/* SPDX-License-Identifier: MIT */
/*
 * client_request.c - what a client asks the shop to do: checked when asked with
 * the rules the shop's own change would meet, then applied or refused, in
 * one transaction, when the shop resolves it.
 */
#include "chat_requests.h"
#include "rules.h"
#include "audit_log.h"
#include "json.h"
#include "local_days.h"
#include "notify_log.h"
#include "session.h"
#include "store_chat.h"
#include "validate.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The longest arrival window, as portal_appointment_add() allows it: a
 * window it would refuse is refused when asked, not when approved. */
#define WINDOW_MAX (12 * 3600)

/* A visit's problem becomes the appointment's notes, which hold 1000. */
#define PROBLEM_MAX 1000

/* ---- asking ---------------------------------------------------------- */

/* Add the validated text `v` (which this frees) as `name` of `o`. */
static int add_owned(portal *p, cJSON *o, const char *name, char *v)
{
	int ok = cJSON_AddStringToObject(o, name, v) != NULL;

	free(v);
	return ok ? PORTAL_OK : pt_oom(p);
}

/* The new values of a client's name, email and phone, as portal_client_update()
 * checks them (a name is 1..120 characters there too). */
static int profile_contact(cJSON *o, portal *p, const portal_profile_change *c)
{
	char *v = NULL;
	int err = PORTAL_OK;

	if (c->name && ((err = pt_valid_text(&v, p, "client.name", c->name, 1, 120, 0)) < 0 ||
			(err = add_owned(p, o, "name", v)) < 0))
		return err;
	if (c->email && ((err = pt_valid_email(&v, p, "client.email", c->email, 0)) < 0 ||
			 (err = add_owned(p, o, "email", v)) < 0))
		return err;
	if (c->phone && ((err = pt_valid_phone(&v, p, "client.phone", c->phone, 0)) < 0 ||
			 (err = add_owned(p, o, "phone", v)) < 0))
		return err;
	return PORTAL_OK;
}

static int profile_address(cJSON *o, portal *p, portal_id client_id,
	const portal_profile_change *c)
{
	portal_address *old = NULL, *a = NULL;
	cJSON *ao;
	int err;

	if (c->address_id != 0) {
		if (pt_store_address_get(&old, p, c->address_id) < 0 || old->client_id != client_id) {
			portal_address_free(old);
			return pt_say(p, pt_error(p, PORTAL_EINVAL, "address_id",
					"no address #%lld of this client", (long long)c->address_id),
				"We could not find that address on your profile");
		}
		portal_address_free(old);
		if (!pt_json_add_id(o, "address_id", c->address_id))
			return pt_oom(p);
	}
	if ((err = pt_address_check(&a, p, c->address)) < 0)
		return err;
	err = pt_oom(p);
	if ((ao = cJSON_AddObjectToObject(o, "address")) != NULL &&
	    cJSON_AddStringToObject(ao, "house_number", a->house_number) &&
	    cJSON_AddStringToObject(ao, "unit", a->unit) &&
	    cJSON_AddStringToObject(ao, "street", a->street) &&
	    cJSON_AddStringToObject(ao, "city", a->city) &&
	    cJSON_AddStringToObject(ao, "region", a->region) &&
	    cJSON_AddStringToObject(ao, "postal_code", a->postal_code) &&
	    cJSON_AddStringToObject(ao, "country", a->country))
		err = PORTAL_OK;
	portal_address_free(a);
	return err;
}

/* Write request `r` with `content` (which this frees) and log it, in one
 * transaction. */
static int file_request(portal_id *out, portal *p, portal_request *r, cJSON *content,
	const char *source)
{
	portal_id id = 0;
	int err;

	r->content = cJSON_PrintUnformatted(content);
	cJSON_Delete(content);
	if (r->content == NULL)
		return pt_oom(p);
	r->created_at = portal_now(p);
	if ((err = pt_store_begin(p)) == 0) {
		if ((err = pt_store_request_insert(&id, p, r)) == 0)
			err = pt_audit(p, "request.create", "ok", r->client_id, source,
				"request #%lld (%s)", (long long)id, portal_request_kind_name(r->kind));
		err = pt_store_end(p, err);
	}
	cJSON_free(r->content);
	if (err == 0 && out != NULL)
		*out = id;
	return err;
}

int pt_request_profile(portal_id *out, portal *p, portal_id client_id,
	portal_id session_id, const portal_profile_change *c, const char *source)
{
	portal_request r = { 0 };
	cJSON *o;
	int err;

	if (c == NULL || c->version != PORTAL_PROFILE_CHANGE_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_profile_change: missing or of an unknown version");
	if (!c->name && !c->email && !c->phone && !c->address)
		return pt_say(p, pt_error(p, PORTAL_EINVAL, "change", "the request changes nothing"),
			"Fill in what you want to change before sending the request");
	if (c->address_id && !c->address)
		return pt_say(p, pt_error(p, PORTAL_EINVAL, "address",
				"give the address's new values"),
			"Fill in the new address before sending the request");
	if ((o = cJSON_CreateObject()) == NULL)
		return pt_oom(p);
	/* The requesting session survives the email or phone change it asked
	 * for; the client's other sessions end when it is approved. */
	if ((err = profile_contact(o, p, c)) < 0 ||
	    (c->address && (err = profile_address(o, p, client_id, c)) < 0) ||
	    (session_id && !pt_json_add_id(o, "session_id", session_id) && (err = pt_oom(p)) < 0)) {
		cJSON_Delete(o);
		return err;
	}
	r.client_id = client_id;
	r.kind = PORTAL_REQUEST_PROFILE;
	return file_request(out, p, &r, o, source);
}

static int visit_windows(cJSON *o, portal *p, const portal_visit_request *v)
{
	portal_time now = portal_now(p);
	cJSON *list;

	if (v->window_count < 1 || v->window_count > PORTAL_REQUEST_WINDOWS)
		return pt_say(p, pt_error(p, PORTAL_EINVAL, "request.windows",
				"give one to %d preferred windows", PORTAL_REQUEST_WINDOWS),
			"Give at least one preferred time for the visit, and at most %d",
			PORTAL_REQUEST_WINDOWS);
	if ((list = cJSON_AddArrayToObject(o, "windows")) == NULL)
		return pt_oom(p);
	for (size_t i = 0; i < v->window_count; i++) {
		const portal_request_window *w = &v->windows[i];
		cJSON *wo;

		if (w->start <= now)
			return pt_say(p, pt_error(p, PORTAL_EINVAL, "request.window_start",
					"window %zu starts in the past", i + 1),
				"Preferred time %zu starts in the past; choose a later one", i + 1);
		if (w->end <= w->start)
			return pt_say(p, pt_error(p, PORTAL_EINVAL, "request.window_end",
					"window %zu must end after it starts", i + 1),
				"Preferred time %zu must end after it starts", i + 1);
		if (w->end - w->start > WINDOW_MAX)
			return pt_say(p, pt_error(p, PORTAL_EINVAL, "request.window_end",
					"window %zu is longer than 12 hours", i + 1),
				"Preferred time %zu is longer than 12 hours; choose a shorter one",
				i + 1);
		if ((wo = cJSON_CreateObject()) == NULL || !cJSON_AddItemToArray(list, wo) ||
		    !cJSON_AddNumberToObject(wo, "start", (double)w->start) ||
		    !cJSON_AddNumberToObject(wo, "end", (double)w->end))
			return pt_oom(p);
	}
	return PORTAL_OK;
}

/* A warranty callback is for a repair of this client whose warranty, labour
 * or parts, still runs now. */
/* The refusal of a callback once the warranty ended, its days in words. */
static int ended(portal *p, portal_id job_id, const portal_warranty *w)
{
	char labour[PORTAL_WORDS_LEN], parts[PORTAL_WORDS_LEN];

	if (pt_iso_day_words(labour, sizeof(labour), p, w->labour_until, PT_WORDS_NOW) < 0)
		snprintf(labour, sizeof(labour), "%s", w->labour_until);
	if (pt_iso_day_words(parts, sizeof(parts), p, w->parts_until, PT_WORDS_NOW) < 0)
		snprintf(parts, sizeof(parts), "%s", w->parts_until);
	return pt_error(p, PORTAL_ERULE, NULL, "the warranty on job #%lld ended: labour was "
		"covered until %s, parts until %s; call the shop to book a visit",
		(long long)job_id, labour, parts);
}

static int check_warranty(cJSON *o, portal *p, portal_id client_id, portal_id job_id)
{
	portal_job *j = NULL;
	portal_warranty w;
	int mine, err;

	if (job_id <= 0 || pt_store_job_get(&j, p, job_id, 0) < 0)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "no job #%lld", (long long)job_id);
	mine = j->client_id == client_id;
	portal_job_free(j);
	if (!mine)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "no job #%lld", (long long)job_id);
	if ((err = portal_warranty_check(&w, p, job_id, NULL)) < 0)
		return err;
	if (w.completed_at == 0)
		return pt_say(p, pt_error(p, PORTAL_ERULE, NULL,
				"job #%lld is not repaired yet: a warranty callback is for a finished repair",
				(long long)job_id),
			"Job #%lld is not repaired yet: a warranty visit is for a finished repair",
			(long long)job_id);
	if (!w.labour_covered && !w.parts_covered)
		return ended(p, job_id, &w);
	if (!cJSON_AddStringToObject(o, "labour_until", w.labour_until) ||
	    !cJSON_AddStringToObject(o, "parts_until", w.parts_until))
		return pt_oom(p);
	return PORTAL_OK;
}

int pt_request_visit(portal_id *out, portal *p, portal_id client_id,
	portal_request_kind kind, portal_id job_id, const portal_visit_request *v,
	const char *source)
{
	portal_request r = { 0 };
	char *problem = NULL;
	cJSON *o;
	int err;

	if (v == NULL || v->version != PORTAL_VISIT_REQUEST_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_visit_request: missing or of an unknown version");
	if ((err = pt_valid_text(&problem, p, "request.problem", v->problem, 1, PROBLEM_MAX,
			PT_TEXT_MULTILINE)) < 0)
		return err;
	if ((o = cJSON_CreateObject()) == NULL) {
		free(problem);
		return pt_oom(p);
	}
	if ((err = add_owned(p, o, "problem", problem)) < 0 ||
	    (err = visit_windows(o, p, v)) < 0 ||
	    (kind == PORTAL_REQUEST_WARRANTY_CALLBACK &&
	     (err = check_warranty(o, p, client_id, job_id)) < 0)) {
		cJSON_Delete(o);
		return err;
	}
	r.client_id = client_id;
	r.kind = kind;
	r.job_id = kind == PORTAL_REQUEST_WARRANTY_CALLBACK ? job_id : 0;
	return file_request(out, p, &r, o, source);
}

/* Is a new estimate in place of `e` asked and not yet answered? */
struct renewal_search {
	portal_id estimate_id;
	int asked;
};

static int find_renewal(const portal_request *r, void *ctx)
{
	struct renewal_search *s = ctx;
	cJSON *c;

	if (r->kind != PORTAL_REQUEST_ESTIMATE)
		return 0;
	c = cJSON_Parse(r->content);
	if (cJSON_IsNumber(cJSON_GetObjectItemCaseSensitive(c, "estimate_id")) &&
	    (portal_id)cJSON_GetObjectItemCaseSensitive(c, "estimate_id")->valuedouble ==
	    s->estimate_id)
		s->asked = 1;
	cJSON_Delete(c);
	return 0;
}

int pt_estimate_renewal_asked(int *asked, portal *p, const portal_estimate *e)
{
	portal_request_filter f = PORTAL_REQUEST_FILTER_INIT;
	struct renewal_search s = { e->id, 0 };
	int err;

	f.client_id = e->client_id;
	f.open_only = 1;
	err = pt_store_request_foreach(p, &f, find_renewal, &s);
	*asked = s.asked;
	return err;
}

/* The expired estimate and no new one asked already, checked in the
 * transaction that files the request, so two clicks file one. */
static int check_renewal(portal *p, const portal_estimate *e)
{
	int asked = 0, err;

	if (e->status != PORTAL_ESTIMATE_EXPIRED)
		return pt_say(p, pt_error(p, PORTAL_ERULE, NULL,
				"estimate %s has not expired: it can still be decided", e->number),
			"Estimate %s has not expired: you can still approve or decline it",
			e->number);
	if ((err = pt_estimate_renewal_asked(&asked, p, e)) < 0)
		return err;
	if (asked)
		return pt_say(p, pt_error(p, PORTAL_ERULE, NULL,
				"a new estimate in place of %s is asked already", e->number),
			"You have asked for a new estimate in place of %s already; the shop"
			" will answer soon", e->number);
	return PORTAL_OK;
}

int pt_request_estimate(portal_id *out, portal *p, const portal_estimate *e,
	const char *source)
{
	portal_request r = { 0 };
	portal_id id = 0;
	cJSON *o = cJSON_CreateObject();
	int err;

	if (o == NULL || !cJSON_AddStringToObject(o, "estimate", e->number) ||
	    !pt_json_add_id(o, "estimate_id", e->id) ||
	    (r.content = cJSON_PrintUnformatted(o)) == NULL) {
		cJSON_Delete(o);
		return pt_oom(p);
	}
	cJSON_Delete(o);
	r.client_id = e->client_id;
	r.kind = PORTAL_REQUEST_ESTIMATE;
	r.job_id = e->job_id;
	r.created_at = portal_now(p);
	if ((err = pt_store_begin(p)) == 0) {
		if ((err = check_renewal(p, e)) == 0 &&
		    (err = pt_store_request_insert(&id, p, &r)) == 0)
			err = pt_audit(p, "request.create", "ok", r.client_id, source,
				"request #%lld (estimate, in place of %s)", (long long)id, e->number);
		err = pt_store_end(p, err);
	}
	cJSON_free(r.content);
	if (err == 0 && out != NULL)
		*out = id;
	return err;
}

/* ---- reading ---------------------------------------------------------- */

static const char *json_text(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static portal_id json_id(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsNumber(v) ? (portal_id)v->valuedouble : 0;
}

/* "Wed 25 Nov, 9:00–11:00 am", as every page writes a window. */
static int put_window(portal_buf *b, portal *p, const cJSON *w)
{
	char words[PORTAL_WORDS_LEN];
	int err;

	if ((err = pt_window_words(words, sizeof(words), p, (portal_time)json_id(w, "start"),
		(portal_time)json_id(w, "end"), PT_WORDS_NOW)) < 0)
		return err;
	return pt_buf_printf(b, "%s", words);
}

static int profile_summary(portal_buf *b, const cJSON *c)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(c, "address");
	const char *sep = "";
	int err = 0;

	if (json_text(c, "name"))
		err |= pt_buf_printf(b, "%snew name: %s", sep, json_text(c, "name")), sep = "; ";
	if (json_text(c, "email"))
		err |= pt_buf_printf(b, "%snew email: %s", sep,
			*json_text(c, "email") ? json_text(c, "email") : "(none)"), sep = "; ";
	if (json_text(c, "phone"))
		err |= pt_buf_printf(b, "%snew phone: %s", sep,
			*json_text(c, "phone") ? json_text(c, "phone") : "(none)"), sep = "; ";
	if (cJSON_IsObject(a)) {
		if (json_id(c, "address_id"))
			err |= pt_buf_printf(b, "%saddress #%lld becomes: ", sep,
				(long long)json_id(c, "address_id"));
		else
			err |= pt_buf_printf(b, "%snew address: ", sep);
		if (*json_text(a, "unit"))
			err |= pt_buf_printf(b, "%s-", json_text(a, "unit"));
		err |= pt_buf_printf(b, "%s %s, %s", json_text(a, "house_number"),
			json_text(a, "street"), json_text(a, "city"));
	}
	return err;
}

static int visit_summary(portal_buf *b, portal *p, const cJSON *c)
{
	const cJSON *windows = cJSON_GetObjectItemCaseSensitive(c, "windows"), *w;
	int err = 0, i = 0;

	err |= pt_buf_printf(b, "%.80s%s", json_text(c, "problem"),
		strlen(json_text(c, "problem")) > 80 ? "..." : "");
	cJSON_ArrayForEach(w, windows) {
		err |= pt_buf_printf(b, "%s%d) ", i ? "; " : " | windows: ", i + 1);
		err |= put_window(b, p, w);
		i++;
	}
	return err;
}

/* The request's content, checked to be what its kind writes. */
static cJSON *parse_content(portal *p, const portal_request *r)
{
	cJSON *c = cJSON_Parse(r->content);
	int ok = cJSON_IsObject(c) && portal_request_kind_name(r->kind) != NULL;

	if (ok && r->kind == PORTAL_REQUEST_ESTIMATE)
		ok = json_text(c, "estimate") != NULL;
	else if (ok && r->kind != PORTAL_REQUEST_PROFILE)
		ok = json_text(c, "problem") != NULL &&
		     cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(c, "windows"));
	if (ok && cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(c, "address"))) {
		const cJSON *a = cJSON_GetObjectItemCaseSensitive(c, "address");
		ok = json_text(a, "house_number") && json_text(a, "unit") &&
		     json_text(a, "street") && json_text(a, "city");
	}
	if (!ok) {
		cJSON_Delete(c);
		pt_error(p, PORTAL_ESTORE, NULL, "request #%lld is unreadable", (long long)r->id);
		return NULL;
	}
	return c;
}

static int make_summary(char **out, portal *p, const portal_request *r)
{
	portal_buf b = PORTAL_BUF_INIT;
	cJSON *c = parse_content(p, r);
	int err;

	*out = NULL;
	if (c == NULL)
		return PORTAL_ESTORE;
	if (r->kind == PORTAL_REQUEST_ESTIMATE)
		err = pt_buf_printf(&b, "a new estimate in place of expired %s",
			json_text(c, "estimate"));
	else if (r->kind == PORTAL_REQUEST_PROFILE)
		err = profile_summary(&b, c);
	else
		err = visit_summary(&b, p, c);
	cJSON_Delete(c);
	if (err || (*out = pt_strdup(b.ptr ? b.ptr : "")) == NULL) {
		portal_buf_dispose(&b);
		return pt_oom(p);
	}
	portal_buf_dispose(&b);
	return PORTAL_OK;
}

int portal_request_get(portal_request **out, portal *p, portal_id id)
{
	portal_request *r = NULL;
	int err;

	*out = NULL;
	if ((err = pt_store_request_get(&r, p, id)) < 0)
		return err;
	free(r->summary);
	if ((err = make_summary(&r->summary, p, r)) < 0) {
		portal_request_free(r);
		return err;
	}
	*out = r;
	return PORTAL_OK;
}

struct summarising {
	portal *p;
	int (*cb)(const portal_request *r, void *ctx);
	void *ctx;
};

static int with_summary(const portal_request *r, void *ctx)
{
	struct summarising *s = ctx;
	portal_request copy = *r;
	int err;

	if ((err = make_summary(&copy.summary, s->p, r)) < 0)
		return err;
	err = s->cb(&copy, s->ctx);
	free(copy.summary);
	return err;
}

int portal_request_foreach(portal *p, const portal_request_filter *filter,
	int (*cb)(const portal_request *r, void *ctx), void *ctx)
{
	portal_request_filter open = PORTAL_REQUEST_FILTER_INIT;
	struct summarising s = { p, cb, ctx };

	if (filter == NULL)
		filter = &open;
	if (filter->version != PORTAL_REQUEST_FILTER_VERSION)
		return pt_error(p, PORTAL_EINVAL, "filter.version", "unknown filter version %u",
			filter->version);
	return pt_store_request_foreach(p, filter, with_summary, &s);
}

/* The content for the shop: windows with their times in words, and
 * without the session it came from. */
static cJSON *content_to_json(portal *p, const portal_request *r)
{
	cJSON *c = parse_content(p, r), *w;

	if (c == NULL)
		return NULL;
	cJSON_DeleteItemFromObjectCaseSensitive(c, "session_id");
	cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(c, "windows")) {
		if (!pt_json_add_time(w, "start_text", p, (portal_time)json_id(w, "start")) ||
		    !pt_json_add_time(w, "end_text", p, (portal_time)json_id(w, "end"))) {
			cJSON_Delete(c);
			return NULL;
		}
	}
	return c;
}

static cJSON *request_to_json(portal *p, const portal_request *r)
{
	portal_client *c = NULL;
	cJSON *o = cJSON_CreateObject(), *content = NULL;
	int ok;

	if (o == NULL || pt_store_client_get(&c, p, r->client_id) < 0 ||
	    (content = content_to_json(p, r)) == NULL) {
		portal_client_free(c);
		cJSON_Delete(o);
		return NULL;
	}
	ok = pt_json_add_id(o, "id", r->id) &&
	     pt_json_add_id(o, "client_id", r->client_id) &&
	     cJSON_AddStringToObject(o, "client_name", c->name) &&
	     cJSON_AddStringToObject(o, "kind", portal_request_kind_name(r->kind)) &&
	     pt_json_add_id(o, "job_id", r->job_id) &&
	     cJSON_AddStringToObject(o, "status", portal_request_status_name(r->status)) &&
	     cJSON_AddNumberToObject(o, "created_at", (double)r->created_at) &&
	     pt_json_add_time(o, "created_at_text", p, r->created_at) &&
	     cJSON_AddNumberToObject(o, "resolved_at", (double)r->resolved_at) &&
	     pt_json_add_time(o, "resolved_at_text", p, r->resolved_at) &&
	     cJSON_AddStringToObject(o, "resolution", r->resolution) &&
	     pt_json_add_id(o, "appointment_id", r->appointment_id) &&
	     cJSON_AddStringToObject(o, "summary", r->summary) &&
	     cJSON_AddItemToObject(o, "content", content);
	portal_client_free(c);
	if (!ok) {
		if (!cJSON_GetObjectItemCaseSensitive(o, "content"))
			cJSON_Delete(content);
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

int portal_request_json(portal_buf *out, portal *p, portal_id id)
{
	portal_request *r = NULL;
	cJSON *o = NULL;
	int err;

	if ((err = portal_request_get(&r, p, id)) == 0 && (o = request_to_json(p, r)) == NULL)
		err = pt_oom(p);
	portal_request_free(r);
	return pt_json_finish(out, p, o, err);
}

static int walk_request(const portal_request *r, void *ctx)
{
	pt_json_walk *w = ctx;

	return pt_json_walk_add(w, request_to_json(w->p, r));
}

int portal_request_list_json(portal_buf *out, portal *p, const portal_request_filter *filter)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err;

	if (w.array == NULL)
		return pt_oom(p);
	err = portal_request_foreach(p, filter, walk_request, &w);
	return pt_json_finish(out, p, w.array, err);
}

/* ---- resolving -------------------------------------------------------- */

/* The fields of the address a profile request asked for. A correction
 * that keeps the house, street and city keeps the map position too. */
static void address_fields(portal_address_fields *f, const cJSON *a, const portal_address *old)
{
	f->house_number = json_text(a, "house_number");
	f->unit = json_text(a, "unit");
	f->street = json_text(a, "street");
	f->city = json_text(a, "city");
	f->region = json_text(a, "region");
	f->postal_code = json_text(a, "postal_code");
	f->country = json_text(a, "country");
	if (old && old->has_location && strcmp(old->house_number, f->house_number) == 0 &&
	    strcmp(old->street, f->street) == 0 && strcmp(old->city, f->city) == 0) {
		f->has_location = 1;
		f->latitude = old->latitude;
		f->longitude = old->longitude;
	}
}

static int apply_address(portal *p, const portal_request *r, const cJSON *a, portal_id id)
{
	portal_address_fields f = PORTAL_ADDRESS_FIELDS_INIT;
	portal_address *old = NULL;
	int err;

	if (id == 0) {
		address_fields(&f, a, NULL);
		return portal_address_add(NULL, p, r->client_id, &f);
	}
	if ((err = pt_store_address_get(&old, p, id)) == 0 && old->client_id != r->client_id)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no address #%lld", (long long)id);
	if (err == 0) {
		address_fields(&f, a, old);
		err = portal_address_update(p, id, &f);
	}
	portal_address_free(old);
	return err;
}

/* A new email or phone may mean someone else had the old one: every
 * session of the client but the one that asked ends, each logged. */
static int end_other_sessions(portal *p, const portal_request *r, const cJSON *c)
{
	return pt_sessions_end(p, r->client_id, 0, json_id(c, "session_id"), "contact_changed");
}

static int differs(const char *want, const char *have)
{
	return want != NULL && strcmp(want, have) != 0;
}

static int apply_profile(char *resolution, size_t len, portal *p, const portal_request *r,
	const cJSON *c)
{
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(c, "address");
	portal_client *now = NULL;
	char changed[64] = "";
	int contact_changed, err;

	if ((err = pt_store_client_get(&now, p, r->client_id)) < 0)
		return err;
	f.name = json_text(c, "name");
	f.email = json_text(c, "email");
	f.phone = json_text(c, "phone");
	/* Consent to SMS was given for a number: a new one opts in again. */
	if (differs(f.phone, now->phone))
		f.sms_consent = 0;
	contact_changed = differs(f.email, now->email) || differs(f.phone, now->phone);
	snprintf(changed, sizeof(changed), "%s%s%s%s", f.name ? "name, " : "",
		f.email ? "email, " : "", f.phone ? "phone, " : "", cJSON_IsObject(a) ? "address, " : "");
	portal_client_free(now);
	if (changed[0] == '\0')
		return pt_error(p, PORTAL_ESTORE, NULL, "request #%lld changes nothing",
			(long long)r->id);
	if ((err = portal_client_update(p, r->client_id, &f)) < 0 ||
	    (cJSON_IsObject(a) && (err = apply_address(p, r, a, json_id(c, "address_id"))) < 0) ||
	    (contact_changed && (err = end_other_sessions(p, r, c)) < 0))
		return err;
	changed[strlen(changed) - 2] = '\0';
	snprintf(resolution, len, "Approved: your %s changed.", changed);
	return PORTAL_OK;
}

static int book_visit(portal_id *appointment, char *resolution, size_t len, portal *p,
	const portal_request *r, const cJSON *c, int window)
{
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
	const cJSON *windows = cJSON_GetObjectItemCaseSensitive(c, "windows"), *w;
	portal_buf when = PORTAL_BUF_INIT;
	int n = cJSON_GetArraySize(windows), err;

	if (window < 1 || window > n)
		return n == 1
			? pt_error(p, PORTAL_EINVAL, "window",
				"request #%lld has one preferred window: confirm window 1",
				(long long)r->id)
			: pt_error(p, PORTAL_EINVAL, "window",
				"request #%lld has %d preferred windows: confirm one, 1 to %d",
				(long long)r->id, n, n);
	w = cJSON_GetArrayItem(windows, window - 1);
	f.client_id = r->client_id;
	f.job_id = r->job_id;
	f.window_start = (portal_time)json_id(w, "start");
	f.window_end = (portal_time)json_id(w, "end");
	f.notes = json_text(c, "problem");
	if (f.window_start <= portal_now(p))
		return pt_error(p, PORTAL_ERULE, NULL,
			"window %d of request #%lld has started already: decline it and ask for new"
			" windows", window, (long long)r->id);
	if ((err = portal_appointment_add(appointment, p, &f)) < 0)
		return err;
	if (put_window(&when, p, w) != 0) {
		portal_buf_dispose(&when);
		return pt_oom(p);
	}
	snprintf(resolution, len, "Confirmed: %s visit %s (appointment #%lld).",
		r->kind == PORTAL_REQUEST_WARRANTY_CALLBACK ? "a warranty" : "a", when.ptr,
		(long long)*appointment);
	portal_buf_dispose(&when);
	return PORTAL_OK;
}

/* The open request `id`, read under the caller's transaction. */
static int open_request(portal_request **out, portal *p, portal_id id)
{
	int err;

	if ((err = portal_request_get(out, p, id)) < 0)
		return err;
	if ((*out)->status != PORTAL_REQUEST_OPEN)
		return pt_error(p, PORTAL_ERULE, NULL, "request #%lld is %s already", (long long)id,
			portal_request_status_name((*out)->status));
	return PORTAL_OK;
}

static const char *request_noun(portal_request_kind k)
{
	return k == PORTAL_REQUEST_PROFILE ? "profile change"
		: k == PORTAL_REQUEST_APPOINTMENT ? "visit request"
		: k == PORTAL_REQUEST_ESTIMATE ? "request for a new estimate" : "warranty callback";
}

int portal_request_approve(portal *p, portal_id id, int window)
{
	portal_request *r = NULL;
	portal_id appointment = 0;
	char resolution[300];
	cJSON *c = NULL;
	int err;

	if (window < 0 || window > PORTAL_REQUEST_WINDOWS)
		return pt_error(p, PORTAL_EINVAL, "window", "a window is 1 to %d",
			PORTAL_REQUEST_WINDOWS);
	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = open_request(&r, p, id)) < 0)
		goto end;
	if ((c = parse_content(p, r)) == NULL)
		err = PORTAL_ESTORE;
	else if ((r->kind == PORTAL_REQUEST_PROFILE || r->kind == PORTAL_REQUEST_ESTIMATE) &&
		 window != 0)
		err = pt_error(p, PORTAL_EINVAL, "window", "a %s has no window",
			request_noun(r->kind));
	else if (r->kind == PORTAL_REQUEST_PROFILE)
		err = apply_profile(resolution, sizeof(resolution), p, r, c);
	else if (r->kind == PORTAL_REQUEST_ESTIMATE)
		snprintf(resolution, sizeof(resolution), "Approved: the shop will send you a new"
			" estimate in place of %s.", json_text(c, "estimate"));
	else
		err = book_visit(&appointment, resolution, sizeof(resolution), p, r, c, window);
	if (err == 0 &&
	    (err = pt_store_request_resolve(p, id, PORTAL_REQUEST_APPROVED, resolution,
			appointment, portal_now(p))) == 0)
		err = pt_notify(p, r->client_id, "request.resolved", id, "Your %s: %s",
			request_noun(r->kind), resolution);
end:
	err = pt_store_end(p, err);
	cJSON_Delete(c);
	portal_request_free(r);
	return err;
}

int portal_request_reject(portal *p, portal_id id, const char *reason)
{
	portal_request *r = NULL;
	char *clean = NULL;
	int err;

	if ((err = pt_valid_text(&clean, p, "reason", reason, 1, 500, 0)) < 0)
		return err;
	if ((err = pt_store_begin(p)) < 0)
		goto done;
	if ((err = open_request(&r, p, id)) == 0 &&
	    (err = pt_store_request_resolve(p, id, PORTAL_REQUEST_REJECTED, clean, 0,
			portal_now(p))) == 0)
		err = pt_notify(p, r->client_id, "request.resolved", id,
			"Your %s was declined: %s", request_noun(r->kind), clean);
	err = pt_store_end(p, err);
done:
	portal_request_free(r);
	free(clean);
	return err;
}
