/* SPDX-License-Identifier: MIT */
/*
 * handlers_visits.c - the customer's visits: the calendar file, the
 * cancellation (its cost shown first), a request for a new visit and a
 * warranty callback on a repaired job.
 */
#include "handlers.h"
#include "page.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

int handle_visit_ics(app *a, const char *const *args)
{
	portal_buf ics = PORTAL_BUF_INIT;
	portal_id id = app_parse_id(args[0]);
	char disposition[64];
	int err;

	if ((err = app_session(a)) < 0) {
		if (err == APP_NO_SESSION)
			app_redirect(a, "/", "expired");
		return 0;
	}
	err = id > 0 ? portal_customer_appointment_ics(&ics, a->p, a->session, id) :
		PORTAL_ENOTFOUND;
	if (err < 0) {
		app_error(a, app_status_of(err), err == PORTAL_EDENIED ? app_refusal(a) :
			"We could not find that page.");
		return 0;
	}
	a->res.content_type = "text/calendar; charset=utf-8";
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"visit-%lld.ics\"",
		(long long)id);
	response_add_header(&a->res, "Content-Disposition", disposition);
	if (html_rawn(&a->res.body, ics.ptr, ics.size) < 0)
		response_plain_page(&a->res, 500, "Out of memory.");
	portal_buf_dispose(&ics);
	return 0;
}

/* The visit `id` of the appointments view's `doc`, or NULL. */
static cJSON *find_visit(cJSON *doc, portal_id id)
{
	cJSON *v;

	cJSON_ArrayForEach(v, cJSON_GetObjectItemCaseSensitive(doc, "appointments")) {
		cJSON *vid = cJSON_GetObjectItemCaseSensitive(v, "id");

		if (cJSON_IsNumber(vid) && (portal_id)vid->valuedouble == id)
			return v;
	}
	return NULL;
}

/* What the confirmation shows beside the quote, from the session's own
 * appointments view: the visit itself, and the client, shop and sections
 * that give the page its navigation and footer. Without the view (out of
 * memory) the page still shows the quote. */
static void add_visit(app *a, cJSON *o, portal_id id)
{
	static const char *const frame[] = { "client", "shop", "sections", "job_scope" };
	portal_buf view = PORTAL_BUF_INIT;
	cJSON *doc = NULL, *visit;

	if (o == NULL)
		return;
	if (portal_view(&view, a->p, a->session, "appointments", NULL) == PORTAL_OK)
		doc = cJSON_Parse(view.ptr);
	portal_buf_dispose(&view);
	if (doc == NULL)
		return;
	for (size_t i = 0; i < sizeof(frame) / sizeof(frame[0]); i++) {
		cJSON *part = cJSON_DetachItemFromObjectCaseSensitive(doc, frame[i]);

		if (part)
			cJSON_AddItemToObject(o, frame[i], part);
	}
	if ((visit = find_visit(doc, id)) != NULL)
		cJSON_AddItemToObject(o, "visit", cJSON_DetachItemViaPointer(
			cJSON_GetObjectItemCaseSensitive(doc, "appointments"), visit));
	cJSON_Delete(doc);
}

/* The quote as page_cancel_confirm() reads it: the library's dry run,
 * with the visit it is about. */
static cJSON *quote_json(app *a, portal_id id, const portal_cancellation *q)
{
	cJSON *o = cJSON_CreateObject();
	char money[PORTAL_MONEY_STRLEN], when[PORTAL_TIME_STRLEN];

	cJSON_AddNumberToObject(o, "appointment_id", (double)id);
	cJSON_AddBoolToObject(o, "late", q->late);
	cJSON_AddNumberToObject(o, "fee", (double)q->fee);
	cJSON_AddStringToObject(o, "fee_text", portal_money_format(money, sizeof(money), q->fee));
	cJSON_AddStringToObject(o, "free_until", portal_time_format(when, sizeof(when), a->p,
		q->free_until, PORTAL_TIME_ISO));
	/* As on every other page, a day of this year is said without it. */
	cJSON_AddStringToObject(o, "generated_at_text", portal_time_format(when, sizeof(when),
		a->p, portal_now(a->p), PORTAL_TIME_ISO));
	add_visit(a, o, id);
	return o;
}

static void confirm_page(app *a, portal_id id, const portal_cancellation *q)
{
	cJSON *quote = quote_json(a, id, q);
	html_buf html = HTML_BUF_INIT;
	portal_buf name = PORTAL_BUF_INIT;
	page_ctx ctx;
	int rc;

	app_page_ctx_init(a, &ctx, &name, NULL);
	rc = page_cancel_confirm(&html, quote, &ctx);
	app_send_page(a, a->res.status, &html, rc);
	portal_buf_dispose(&name);
	cJSON_Delete(quote);
}

int handle_visit_cancel_page(app *a, const char *const *args)
{
	portal_id id = app_parse_id(args[0]);
	portal_cancellation q;
	int err;

	if ((err = app_session(a)) < 0) {
		if (err == APP_NO_SESSION)
			app_redirect(a, "/", "expired");
		return 0;
	}
	err = id > 0 ? portal_customer_appointment_cancel_quote(&q, a->p, a->session, id) :
		PORTAL_ENOTFOUND;
	if (err == PORTAL_OK)
		confirm_page(a, id, &q);
	else
		app_form_result(a, err, NULL, NULL, "appointments", NULL);
	return 0;
}

int handle_visit_cancel(app *a, const char *const *args)
{
	portal_id id = app_parse_id(args[0]);
	const char *confirm = request_form(&a->req, "confirm");
	char path[64];
	int err;

	if (app_post_guard(a) < 0)
		return 0;
	if (confirm == NULL || strcmp(confirm, "yes") != 0) {
		snprintf(path, sizeof(path), "/portal/appointments/%lld/cancel",
			(long long)(id > 0 ? id : 0));
		app_redirect(a, id > 0 ? path : "/portal/appointments", NULL);
		return 0;
	}
	err = id > 0 ? portal_customer_appointment_cancel(NULL, a->p, a->session, id) :
		PORTAL_ENOTFOUND;
	app_form_result(a, err, "/portal/appointments", "cancelled", "appointments", NULL);
	return 0;
}

/* Windows "startN"/"endN" as the browser's datetime-local values, in the
 * shop's time; a window left empty ends the list. */
static int read_windows(app *a, portal_visit_request *v)
{
	char start_name[8], end_name[8];

	for (int i = 1; i <= PORTAL_REQUEST_WINDOWS; i++) {
		portal_request_window *w = &v->windows[v->window_count];
		const char *start, *end;

		snprintf(start_name, sizeof(start_name), "start%d", i);
		snprintf(end_name, sizeof(end_name), "end%d", i);
		start = request_form(&a->req, start_name);
		end = request_form(&a->req, end_name);
		if ((start == NULL || *start == '\0') && (end == NULL || *end == '\0'))
			break;
		if (portal_time_parse(&w->start, a->p, start ? start : "") < 0 ||
		    portal_time_parse(&w->end, a->p, end ? end : "") < 0)
			return PORTAL_EINVAL;
		v->window_count++;
	}
	return PORTAL_OK;
}

int handle_visit_request(app *a, const char *const *args)
{
	portal_visit_request v = PORTAL_VISIT_REQUEST_INIT;
	int err;

	(void)args;
	if (app_post_guard(a) < 0)
		return 0;
	v.problem = request_form(&a->req, "problem");
	if ((err = read_windows(a, &v)) == PORTAL_OK)
		err = portal_customer_request_appointment(NULL, a->p, a->session, &v);
	app_form_result(a, err, "/portal/appointments", "requested", "appointments", NULL);
	return 0;
}

int handle_warranty_callback(app *a, const char *const *args)
{
	portal_visit_request v = PORTAL_VISIT_REQUEST_INIT;
	portal_id job = app_parse_id(args[0]);
	char path[64];
	int err;

	if (app_post_guard(a) < 0)
		return 0;
	if (job <= 0) {
		app_error(a, 404, "We could not find that page.");
		return 0;
	}
	snprintf(path, sizeof(path), "/portal/job/%lld", (long long)job);
	v.problem = request_form(&a->req, "problem");
	if ((err = read_windows(a, &v)) == PORTAL_OK)
		err = portal_customer_request_warranty_callback(NULL, a->p, a->session, job, &v);
	app_form_result(a, err, path, "callback", "job", path + strlen("/portal/job/"));
	return 0;
}
