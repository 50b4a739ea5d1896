/* SPDX-License-Identifier: MIT */
/*
 * view_account.c - the customer's views of their account: their profile,
 * the shop's policies and the log of who opened their portal.
 *
 * The profile is built field by field rather than from the shop's JSON
 * of a client, so that what the shop notes about a client can never
 * reach the client by a field added later to that JSON.
 */
#include "view_fields.h"
#include "record_json.h"
#include "faq.h"
#include "policy.h"
#include "source_mask.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The most entries the access log shows: the newest ones. */
#define ACCESS_LOG_LIMIT 100

/* --- profile ----------------------------------------------------------- */

typedef struct address_walk {
	portal *p;
	portal_id only;          /* the job's address for a job-scoped viewer */
	int scoped;
	cJSON *list;
} address_walk;

static int add_address(const portal_address *a, void *ctx)
{
	address_walk *w = ctx;
	cJSON *o;

	if (w->scoped && a->id != w->only)
		return 0;
	if ((o = pt_address_to_json(w->p, a)) == NULL || !cJSON_AddItemToArray(w->list, o)) {
		cJSON_Delete(o);
		return pt_oom(w->p);
	}
	return 0;
}

/* --- pending requests ------------------------------------------------- */

static const char *request_kind_label(portal_request_kind k)
{
	switch (k) {
	case PORTAL_REQUEST_PROFILE: return "Change of details";
	case PORTAL_REQUEST_APPOINTMENT: return "Visit request";
	case PORTAL_REQUEST_WARRANTY_CALLBACK: return "Warranty callback";
	case PORTAL_REQUEST_ESTIMATE: return "New estimate";
	}
	return "Request";
}

static const char *text_of(const cJSON *o, const char *name)
{
	return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(o, name));
}

/* A whole number of `o`, 0 when absent or out of range. */
static int64_t number_of(const cJSON *o, const char *name)
{
	const cJSON *n = cJSON_GetObjectItemCaseSensitive(o, name);

	if (!cJSON_IsNumber(n) || !(n->valuedouble >= -9e15 && n->valuedouble <= 9e15))
		return 0;
	return (int64_t)n->valuedouble;
}

/* Copy text `name` of `from` to `to` when the request asks for it. */
static cJSON *copy_text(cJSON *to, const cJSON *from, const char *name)
{
	const char *s = text_of(from, name);

	return s == NULL ? to : cJSON_AddStringToObject(to, name, s);
}

/* The address a profile request gives, on one line as people read it. */
static int add_requested_address(cJSON *changes, portal *p, const cJSON *content)
{
	const cJSON *a = cJSON_GetObjectItemCaseSensitive(content, "address");
	portal_address addr;
	portal_buf line = PORTAL_BUF_INIT;
	int err = PORTAL_OK;

	if (!cJSON_IsObject(a))
		return PORTAL_OK;
	memset(&addr, 0, sizeof(addr));
	addr.house_number = (char *)text_of(a, "house_number");
	addr.unit = (char *)text_of(a, "unit");
	addr.street = (char *)text_of(a, "street");
	addr.city = (char *)text_of(a, "city");
	addr.region = (char *)text_of(a, "region");
	addr.postal_code = (char *)text_of(a, "postal_code");
	addr.country = (char *)text_of(a, "country");
	if (!addr.house_number || !addr.unit || !addr.street || !addr.city || !addr.region ||
	    !addr.postal_code || !addr.country)
		return pt_error(p, PORTAL_ESTORE, NULL, "a request's address is unreadable");
	if ((err = portal_address_format(&line, &addr)) == 0 &&
	    (!cJSON_AddStringToObject(changes, "address", line.ptr ? line.ptr : "") ||
	     !pt_json_add_id(changes, "address_id", number_of(content, "address_id"))))
		err = pt_oom(p);
	portal_buf_dispose(&line);
	return err;
}

/* What a request asks, from its content: the changed details, or the
 * problem and the preferred windows of a visit. */
static int add_request_content(cJSON *o, portal *p, const portal_request *r)
{
	cJSON *content = cJSON_Parse(r->content), *changes, *windows;
	const cJSON *w;
	int err = pt_oom(p);

	if (content == NULL)
		return pt_error(p, PORTAL_ESTORE, NULL, "request #%lld is unreadable",
			(long long)r->id);
	if (r->kind == PORTAL_REQUEST_PROFILE) {
		if ((changes = cJSON_AddObjectToObject(o, "changes")) != NULL &&
		    copy_text(changes, content, "name") && copy_text(changes, content, "email") &&
		    copy_text(changes, content, "phone"))
			err = add_requested_address(changes, p, content);
	} else if (r->kind == PORTAL_REQUEST_ESTIMATE) {
		if (pt_view_add_text_or_null(o, "estimate", text_of(content, "estimate")))
			err = PORTAL_OK;
	} else if (pt_view_add_text_or_null(o, "problem", text_of(content, "problem")) &&
	    (windows = cJSON_AddArrayToObject(o, "windows")) != NULL) {
		err = PORTAL_OK;
		cJSON_ArrayForEach(w, cJSON_GetObjectItemCaseSensitive(content, "windows")) {
			cJSON *wo = cJSON_CreateObject();
			if ((err = pt_view_append(p, windows, wo)) < 0)
				break;
			if (!pt_view_add_time(wo, "start", p, number_of(w, "start")) ||
			    !pt_view_add_time(wo, "end", p, number_of(w, "end"))) {
				err = pt_oom(p);
				break;
			}
		}
	}
	cJSON_Delete(content);
	return err;
}

typedef struct request_walk {
	portal *p;
	const pt_viewer *v;
	cJSON *list;
} request_walk;

static int add_request(const portal_request *r, void *ctx)
{
	request_walk *w = ctx;
	cJSON *o;
	int err;

	/* A link for one job shows the requests about that job only. */
	if (w->v->job_id != 0 && r->job_id != w->v->job_id)
		return 0;
	if ((o = cJSON_CreateObject()) == NULL || (err = pt_view_append(w->p, w->list, o)) < 0)
		return pt_oom(w->p);
	if (!pt_json_add_id(o, "id", r->id) ||
	    !cJSON_AddStringToObject(o, "kind", portal_request_kind_name(r->kind)) ||
	    !cJSON_AddStringToObject(o, "kind_label", request_kind_label(r->kind)) ||
	    !pt_json_add_id(o, "job_id", r->job_id) ||
	    !pt_view_add_time(o, "created_at", w->p, r->created_at))
		return pt_oom(w->p);
	return add_request_content(o, w->p, r);
}

/* The client's requests the shop has not answered yet, oldest first. */
static int add_pending_requests(cJSON *doc, portal *p, const pt_viewer *v)
{
	portal_request_filter open = PORTAL_REQUEST_FILTER_INIT;
	request_walk w = { p, v, NULL };

	open.client_id = v->client_id;
	open.open_only = 1;
	if ((w.list = cJSON_AddArrayToObject(doc, "pending_requests")) == NULL)
		return pt_oom(p);
	return portal_request_foreach(p, &open, add_request, &w);
}

int pt_view_profile(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	address_walk w = { p, 0, v->job_id != 0, NULL };
	portal_client *c = NULL;
	portal_job *j = NULL;
	cJSON *o;
	int err;

	(void)arg;
	/* A link for one job shows the address of that job only. */
	if (v->job_id != 0) {
		if ((err = portal_job_get(&j, p, v->job_id)) < 0)
			return err;
		w.only = j->address_id;
		portal_job_free(j);
	}
	if ((err = portal_client_get(&c, p, v->client_id)) < 0)
		return err;
	err = pt_oom(p);
	if ((o = cJSON_AddObjectToObject(doc, "profile")) != NULL &&
	    cJSON_AddStringToObject(o, "name", c->name) &&
	    cJSON_AddStringToObject(o, "email", c->email) &&
	    cJSON_AddStringToObject(o, "phone", c->phone) &&
	    cJSON_AddBoolToObject(o, "sms_consent", c->sms_consent) &&
	    pt_view_add_time(o, "sms_consent_at", p, c->sms_consent_at) &&
	    (w.list = cJSON_AddArrayToObject(o, "addresses")) != NULL)
		err = portal_address_foreach(p, v->client_id, add_address, &w);
	portal_client_free(c);
	if (err == 0)
		err = add_pending_requests(doc, p, v);
	/* The page asks for consent to text messages: with the words the
	 * policy uses. */
	if (err == 0 && !cJSON_AddStringToObject(doc, "sms_terms", PT_SMS_TERMS))
		err = pt_oom(p);
	return err;
}

/* --- policies ---------------------------------------------------------- */

/* One policy as a JSON object of the list. */
static int add_policy(const char *key, const char *title, const char *text, void *ctx)
{
	cJSON *list = ctx, *o = cJSON_CreateObject();

	if (o == NULL || !cJSON_AddItemToArray(list, o)) {
		cJSON_Delete(o);
		return PORTAL_ENOMEM;
	}
	if (!cJSON_AddStringToObject(o, "key", key) ||
	    !cJSON_AddStringToObject(o, "title", title) ||
	    !cJSON_AddStringToObject(o, "text", text))
		return PORTAL_ENOMEM;
	return PORTAL_OK;
}

/* One question and its answer as a JSON object of the list. */
static int add_question(const char *key, const char *question, const char *answer,
	void *ctx)
{
	cJSON *list = ctx, *o = cJSON_CreateObject();

	if (o == NULL || !cJSON_AddItemToArray(list, o)) {
		cJSON_Delete(o);
		return PORTAL_ENOMEM;
	}
	if (!cJSON_AddStringToObject(o, "key", key) ||
	    !cJSON_AddStringToObject(o, "question", question) ||
	    !cJSON_AddStringToObject(o, "answer", answer))
		return PORTAL_ENOMEM;
	return PORTAL_OK;
}

static int add_faq(cJSON *doc, portal *p)
{
	cJSON *list = cJSON_AddArrayToObject(doc, "faq");
	int err;

	if (list == NULL)
		return pt_oom(p);
	err = pt_faq_foreach(p, add_question, list);
	return err == PORTAL_ENOMEM ? pt_oom(p) : err;
}

static int add_values(cJSON *doc, portal *p, const pt_terms *t)
{
	char rate[40];
	cJSON *o = cJSON_AddObjectToObject(doc, "values");

	snprintf(rate, sizeof(rate), "%s%%", t->tax_rate);
	if (o == NULL ||
	    !pt_json_add_money(o, "service_call_fee", t->fee) ||
	    !cJSON_AddNumberToObject(o, "estimate_validity_days", (double)t->validity) ||
	    !cJSON_AddNumberToObject(o, "labour_warranty_days", (double)t->labour) ||
	    !cJSON_AddNumberToObject(o, "parts_warranty_days", (double)t->parts) ||
	    !cJSON_AddStringToObject(o, "warranty_exclusions", t->exclusions) ||
	    !cJSON_AddNumberToObject(o, "cancellation_notice_hours", (double)t->notice) ||
	    !pt_json_add_money(o, "late_cancellation_fee", t->late_fee) ||
	    !pt_json_add_money(o, "no_show_fee", t->no_show_fee) ||
	    !cJSON_AddStringToObject(o, "tax_rate", t->tax_rate) ||
	    !cJSON_AddStringToObject(o, "tax_rate_text", rate))
		return pt_oom(p);
	return PORTAL_OK;
}

int pt_view_policies(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	cJSON *list;
	pt_terms t;
	int err;

	(void)v;
	(void)arg;
	if ((err = pt_terms_read(&t, p)) == 0) {
		if ((list = cJSON_AddArrayToObject(doc, "policies")) == NULL)
			err = pt_oom(p);
		if (err == 0 && pt_policies_foreach(&t, add_policy, list) < 0)
			err = pt_oom(p);
		if (err == 0)
			err = add_values(doc, p, &t);
		if (err == 0)
			err = add_faq(doc, p);
	}
	pt_terms_free(&t);
	return err;
}

/* --- access log -------------------------------------------------------- */

/* Stored words of the log and what they say to the customer. */
struct words {
	const char *name, *text;
};

static const struct words event_words[] = {
	{ "lookup", "Opened the portal with an invoice number and house number" },
	{ "link.create", "The shop made a secure link" },
	{ "link.open", "Opened the portal with a secure link" },
	{ "link.revoke", "The shop revoked a secure link" },
	{ "session.open", "Started a portal visit" },
	{ "session.end", "A portal visit ended" },
	{ "access.on", "The shop turned portal access on" },
	{ "access.off", "The shop turned portal access off" },
	{ "estimate.approve", "Approved an estimate" },
	{ "estimate.decline", "Declined an estimate" },
	{ "appointment.cancel", "Cancelled a visit" },
	{ "pdf.download", "Downloaded a PDF" },
};

static const struct words outcome_words[] = {
	{ "ok", "Done" },
	{ "miss", "No match" },
	{ "refused", "Refused: too many attempts" },
	{ "denied", "Refused: portal access is off" },
	{ "expired", "Expired" },
	{ "revoked", "Revoked" },
	{ "unknown", "Unknown link" },
	{ "logout", "Logged out" },
	{ "idle", "Ended after a while without activity" },
	{ "access_off", "Ended: portal access turned off" },
};

#define WORDS(table, name) words(table, sizeof(table) / sizeof(table[0]), name)

static const char *words(const struct words *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return t[i].text;
	return name;
}

typedef struct log_walk {
	portal *p;
	portal_id client_id;
	cJSON *list;
} log_walk;

/* Entries come oldest first; each goes in front, so the newest leads. */
static int add_entry(const portal_audit_entry *e, void *ctx)
{
	log_walk *w = ctx;
	cJSON *o;

	if (e->client_id != w->client_id)
		return 0;
	if ((o = cJSON_CreateObject()) == NULL || !cJSON_InsertItemInArray(w->list, 0, o)) {
		cJSON_Delete(o);
		return pt_oom(w->p);
	}
	if (!pt_view_add_time(o, "at", w->p, e->at) ||
	    !cJSON_AddStringToObject(o, "event", e->event) ||
	    !cJSON_AddStringToObject(o, "event_text", WORDS(event_words, e->event)) ||
	    !cJSON_AddStringToObject(o, "outcome", e->outcome) ||
	    !cJSON_AddStringToObject(o, "outcome_text", WORDS(outcome_words, e->outcome)) ||
	    !cJSON_AddStringToObject(o, "source", e->source))
		return pt_oom(w->p);
	return 0;
}

/* One row per visit: a session opened, whatever number of requests it
 * made. The log keeps them, and moves with the shop's export. */
static int add_visit(const portal_audit_entry *e, void *ctx)
{
	log_walk *w = ctx;
	int by_link = strncmp(e->detail, "link", 4) == 0;
	char masked[PORTAL_SOURCE_LEN];
	cJSON *o;

	if (e->client_id != w->client_id || strcmp(e->event, "session.open") != 0)
		return 0;
	if ((o = cJSON_CreateObject()) == NULL || !cJSON_InsertItemInArray(w->list, 0, o)) {
		cJSON_Delete(o);
		return pt_oom(w->p);
	}
	pt_source_mask(masked, sizeof(masked), e->source);
	if (!pt_view_add_time(o, "at", w->p, e->at) ||
	    !cJSON_AddStringToObject(o, "how", by_link ? "link" : "lookup") ||
	    !cJSON_AddStringToObject(o, "how_text", by_link ? "With a secure link" :
		    "With the invoice number and house number") ||
	    !cJSON_AddStringToObject(o, "source", masked))
		return pt_oom(w->p);
	return 0;
}

/* The newest visits, at most the log's limit. */
static int add_visits(cJSON *doc, portal *p, const pt_viewer *v)
{
	portal_audit_filter filter = PORTAL_AUDIT_FILTER_INIT;
	log_walk w = { p, v->client_id, NULL };
	int err;

	filter.client_id = v->client_id;
	if ((w.list = cJSON_AddArrayToObject(doc, "visits")) == NULL)
		return pt_oom(p);
	if ((err = portal_audit_foreach(p, &filter, add_visit, &w)) < 0)
		return err;
	while (cJSON_GetArraySize(w.list) > ACCESS_LOG_LIMIT)
		cJSON_DeleteItemFromArray(w.list, ACCESS_LOG_LIMIT);
	return PORTAL_OK;
}

int pt_view_access_log(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	portal_audit_filter filter = PORTAL_AUDIT_FILTER_INIT;
	log_walk w = { p, v->client_id, NULL };
	int err;

	(void)arg;
	filter.client_id = v->client_id;
	filter.limit = ACCESS_LOG_LIMIT;
	if ((w.list = cJSON_AddArrayToObject(doc, "entries")) == NULL)
		return pt_oom(p);
	if ((err = portal_audit_foreach(p, &filter, add_entry, &w)) < 0)
		return err;
	if ((err = add_visits(doc, p, v)) < 0)
		return err;
	return cJSON_AddNumberToObject(doc, "limit", ACCESS_LOG_LIMIT) ? PORTAL_OK : pt_oom(p);
}
