/* SPDX-License-Identifier: MIT */
/*
 * page_work.c - the customer's work: the list of repairs, one repair with
 * its timeline, warranty, estimates, invoices and visits, and the service
 * history per appliance or vehicle.
 */
#include <stdio.h>

#include "doc.h"
#include "lists.h"
#include "parts.h"
#include "records.h"
#include "views.h"

void view_jobs(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *job;

	if (doc_count(doc, "jobs") == 0) {
		part_empty(out, "You have no repairs with us yet.");
		return;
	}
	cJSON_ArrayForEach(job, doc_arr(doc, "jobs")) {
		rec_job(out, job, 2);
		html_raw(out, "<details class=\"steps\"><summary>Every step</summary>");
		rec_timeline(out, doc_arr(job, "timeline"));
		html_raw(out, "</details>");
	}
}

/* The form asking for a warranty visit: shown while some part of the
 * job's warranty still runs, as the document says. */
static void warranty_callback(html_buf *out, const cJSON *job, const page_ctx *ctx)
{
	const cJSON *w = doc_obj(job, "warranty");
	char prefix[48];

	if (w == NULL || !(doc_bool(w, "labour_running") || doc_bool(w, "parts_running")))
		return;
	snprintf(prefix, sizeof(prefix), "/portal/job/%lld", doc_int(job, "id", 0));
	html_raw(out, "<section class=\"card\" aria-labelledby=\"callback-title\">"
		"<h2 id=\"callback-title\">The same problem again?</h2>"
		"<p>While the warranty runs, we come back for the same problem. "
		"Tell us what happens and when you are home; we confirm the visit.</p>");
	part_form(out, NULL, prefix, NULL, "/warranty-callback", ctx);
	html_raw(out, "<p><label for=\"callback-problem\">What happens</label>"
		"<textarea id=\"callback-problem\" name=\"problem\" rows=\"3\" required "
		"maxlength=\"2000\"></textarea></p>");
	part_window_inputs(out, "callback", 1, 1);
	html_raw(out, "<p><button type=\"submit\">Ask for a warranty visit</button></p></form></section>");
}

/* Whether the job's list `key` belongs on the page: its section is shown
 * to the client, the link (if limited to one job) is this job's, and the
 * list has items. The library already leaves out a hidden section's
 * list; the page asks again, as every page does, rather than trust that a
 * list present is one the client may see. */
static const cJSON *job_list(const cJSON *doc, const cJSON *job, const char *key)
{
	if (!doc_shows(doc, key))
		return NULL;
	if (doc_job_scoped(doc) && doc_int(doc, "job_scope", 0) != doc_int(job, "id", -1))
		return NULL;
	return doc_count(job, key) > 0 ? doc_arr(job, key) : NULL;
}

/* The job's invoices, estimates and visits, each as its list page draws
 * it, with the way to that whole list. */
static void job_documents(html_buf *out, const cJSON *doc, const cJSON *job)
{
	const cJSON *invoices = job_list(doc, job, "invoices");
	const cJSON *estimates = job_list(doc, job, "estimates");
	const cJSON *visits = job_list(doc, job, "appointments"), *v;

	if (estimates) {
		html_raw(out, "<section class=\"job-list\" aria-labelledby=\"job-estimates\">"
			"<h2 id=\"job-estimates\">Estimates</h2>");
		list_estimates(out, estimates, "The estimates for this repair, newest first");
		html_raw(out, "<p><a href=\"/portal/estimates\">All your estimates</a></p></section>");
	}
	if (invoices) {
		html_raw(out, "<section class=\"job-list\" aria-labelledby=\"job-invoices\">"
			"<h2 id=\"job-invoices\">Invoices</h2>");
		list_invoices(out, invoices, "The invoices for this repair, newest first");
		html_raw(out, "<p><a href=\"/portal/invoices\">All your invoices</a></p></section>");
	}
	if (visits) {
		html_raw(out, "<section class=\"job-list\" aria-labelledby=\"job-visits\">"
			"<h2 id=\"job-visits\">Visits</h2>");
		cJSON_ArrayForEach(v, visits)
			list_visit(out, v, doc_shows(doc, "invoices") ? REC_INVOICE_LINK : REC_INVOICE_TEXT, 0);
		html_raw(out, "<p><a href=\"/portal/appointments\">All your visits</a></p></section>");
	}
	if (estimates || invoices || visits)
		part_currency(out, doc);
}

void view_job(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *job = doc_obj(doc, "job");

	html_raw(out, "<p>");
	part_badge(out, doc_str(job, "status"), doc_str(job, "status_label"));
	html_raw(out, "</p>");
	part_p(out, "problem", doc_str(job, "problem"));
	html_raw(out, "<dl>");
	part_row_text(out, "Appliance or vehicle", doc_str(job, "asset_label"));
	part_row_text(out, "Where", doc_str(job, "address"));
	part_row_time(out, "Booked", job, "booked_at");
	part_row_time(out, "Repaired", job, "completed_at");
	part_row_text(out, "Work done", doc_str(job, "work_done"));
	html_raw(out, "</dl>");
	part_h2(out, "Progress");
	rec_timeline(out, doc_arr(job, "timeline"));
	if (doc_obj(job, "warranty"))
		rec_warranty(out, doc_obj(job, "warranty"), 2);
	job_documents(out, doc, job);
	warranty_callback(out, job, ctx);
	html_raw(out, "<p><a href=\"/portal/jobs\">All your repairs</a></p>");
}

/* An appliance or vehicle, named as the shop recorded it. */
static void asset_heading(html_buf *out, const cJSON *asset)
{
	html_raw(out, "<h2>");
	html_text(out, doc_text(asset, "make"));
	html_raw(out, " ");
	html_text(out, doc_text(asset, "model"));
	if (doc_text(asset, "category")[0]) {
		html_raw(out, " <span class=\"sub\">");
		html_text(out, doc_str(asset, "category"));
		html_raw(out, "</span>");
	}
	html_raw(out, "</h2>");
}

/* What identifies an asset: its serial number or VIN, its year. */
static void asset_facts(html_buf *out, const cJSON *asset)
{
	html_raw(out, "<dl>");
	part_row_text(out, "Serial number", doc_str(asset, "serial"));
	part_row_text(out, "VIN", doc_str(asset, "vin"));
	if (doc_int(asset, "year", 0) > 0) {
		part_row_open(out, "Year");
		html_printf(out, "%lld", doc_int(asset, "year", 0));
		part_row_close(out);
	}
	part_row_text(out, "Notes", doc_str(asset, "notes"));
	html_raw(out, "</dl>");
}

static void history_jobs(html_buf *out, const cJSON *jobs)
{
	const cJSON *job;

	if (cJSON_GetArraySize(jobs) == 0) {
		part_empty(out, "No finished repairs yet.");
		return;
	}
	cJSON_ArrayForEach(job, jobs)
		rec_job(out, job, 3);
}

void view_history(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *asset;

	if (doc_count(doc, "assets") == 0 && doc_count(doc, "other_jobs") == 0) {
		part_empty(out, "No finished repairs yet.");
		return;
	}
	cJSON_ArrayForEach(asset, doc_arr(doc, "assets")) {
		html_raw(out, "<section class=\"asset\">");
		asset_heading(out, asset);
		asset_facts(out, asset);
		history_jobs(out, doc_arr(asset, "jobs"));
		html_raw(out, "</section>");
	}
	if (doc_count(doc, "other_jobs") > 0) {
		html_raw(out, "<section class=\"asset\">");
		part_h2(out, "Other repairs");
		history_jobs(out, doc_arr(doc, "other_jobs"));
		html_raw(out, "</section>");
	}
}
