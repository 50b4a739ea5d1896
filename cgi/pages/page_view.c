/* SPDX-License-Identifier: MIT */
/*
 * page_view.c - from a view's name to its page.
 *
 * One table row per view: its title, the navigation entry it belongs to,
 * whether the script keeps it fresh, and the function that draws its body.
 * A detail page (one job, invoice or estimate) adds the record's number to
 * its title, read from the document.
 */
#include "page.h"

#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "frame.h"
#include "views.h"

static const struct view_page {
	const char *view;
	const char *title;
	const char *nav;
	const char *refresh;
	page_body_fn body;
	const char *record;  /* detail pages: the object holding the record */
	const char *number;  /* its field that names it in the title */
} view_pages[] = {
	{ "dashboard", "Overview", "dashboard", NULL, view_dashboard, NULL, NULL },
	{ "jobs", "Your repairs", "jobs", NULL, view_jobs, NULL, NULL },
	{ "job", "Repair", "jobs", NULL, view_job, "job", "id" },
	{ "history", "Service history", "history", NULL, view_history, NULL, NULL },
	{ "invoices", "Invoices", "invoices", NULL, view_invoices, NULL, NULL },
	{ "invoice", "Invoice", "invoices", NULL, view_invoice, "invoice", "number" },
	{ "estimates", "Estimates", "estimates", NULL, view_estimates, NULL, NULL },
	{ "estimate", "Estimate", "estimates", NULL, view_estimate, "estimate", "number" },
	{ "payments", "Payments", "payments", NULL, view_payments, NULL, NULL },
	{ "statement", "Statement of account", "statement", NULL, view_statement, NULL, NULL },
	{ "inspections", "Inspections", "inspections", NULL, view_inspections, NULL, NULL },
	{ "appointments", "Visits", "appointments", NULL, view_appointments, NULL, NULL },
	{ "profile", "Your profile", "profile", NULL, view_profile, NULL, NULL },
	{ "policies", "Our policies", "policies", NULL, view_policies, NULL, NULL },
	{ "access-log", "Who opened your portal", "access-log", NULL, view_access_log, NULL, NULL },
	{ "tracking", "Your technician", "tracking", "tracking", view_tracking, NULL, NULL },
	{ "notifications", "Notifications", "notifications", NULL, view_notifications, NULL, NULL },
	{ "chat", "Chat with us", "chat", "chat", view_chat, NULL, NULL },
};

static const struct view_page *find_page(const char *view)
{
	for (size_t i = 0; view && i < sizeof(view_pages) / sizeof(view_pages[0]); i++)
		if (strcmp(view_pages[i].view, view) == 0)
			return &view_pages[i];
	return NULL;
}

/* "Invoice 10231", "Repair #12": the record's own number, as the
 * document gives it. The frame escapes the title. */
static const char *detail_title(char *buf, size_t len, const struct view_page *v,
	const cJSON *doc)
{
	const cJSON *rec = doc_obj(doc, v->record);
	const char *number = doc_str(rec, v->number);

	if (number)
		snprintf(buf, len, "%s %s", v->title, number);
	else if (doc_num(rec, v->number, NULL))
		snprintf(buf, len, "%s #%lld", v->title, doc_int(rec, v->number, 0));
	else
		return v->title;
	return buf;
}

int page_view(html_buf *out, const char *view, const cJSON *doc, const page_ctx *ctx)
{
	const struct view_page *v = find_page(view);
	char title[160];
	page_frame f;

	if (v == NULL)
		return page_status(out, 404, NULL, ctx);
	f.title = v->record ? detail_title(title, sizeof(title), v, doc) : v->title;
	f.nav = v->nav;
	f.doc = doc;
	f.refresh = v->refresh;
	f.body = v->body;
	f.arg = NULL;
	return page_frame_render(out, &f, ctx);
}
