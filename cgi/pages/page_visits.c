/* SPDX-License-Identifier: MIT */
/*
 * page_visits.c - the customer's visits: inspections, appointments with
 * their calendar entries, cancellation and the request for a new visit,
 * and the page that confirms a cancellation after showing what it costs.
 */
#include "page.h"

#include "doc.h"
#include "frame.h"
#include "lists.h"
#include "parts.h"
#include "records.h"
#include "views.h"

static void inspection_item(html_buf *out, const cJSON *item)
{
	html_raw(out, "<tr><th scope=\"row\" data-label=\"Item\">");
	html_text(out, doc_str(item, "item"));
	html_raw(out, "</th><td data-label=\"Condition\">");
	part_badge(out, doc_str(item, "condition"), doc_str(item, "condition_label"));
	part_p(out, "sub", doc_str(item, "note"));
	html_raw(out, "</td><td data-label=\"We recommend\">");
	html_text(out, doc_str(item, "recommendation") ? doc_str(item, "recommendation") :
		"Nothing needed");
	if (doc_str(item, "recommended_price_text")) {
		html_raw(out, " ");
		part_money(out, item, "recommended_price");
	}
	if (doc_bool(item, "on_estimate"))
		part_p(out, "rule", "On your estimate");
	html_raw(out, "</td></tr>");
}

static void inspection(html_buf *out, const cJSON *insp)
{
	const cJSON *item;
	long long recs = doc_int(insp, "recommendations", 0);

	html_raw(out, "<article class=\"card\"><h2>");
	html_text(out, doc_str(insp, "asset_label") ? doc_str(insp, "asset_label") : "Inspection");
	html_raw(out, " <span class=\"sub\">");
	part_time(out, insp, "inspected_at");
	html_raw(out, "</span></h2><p>");
	if (doc_str(insp, "worst")) {
		html_raw(out, "Worst found: ");
		part_badge(out, doc_str(insp, "worst"), doc_str(insp, "worst_label"));
	}
	if (doc_str(insp, "technician_first_name")) {
		html_raw(out, " Inspected by ");
		html_text(out, doc_str(insp, "technician_first_name"));
	}
	html_raw(out, "</p>");
	part_p(out, NULL, doc_str(insp, "summary"));
	if (doc_count(insp, "items") > 0) {
		html_raw(out, "<table class=\"list\"><thead><tr><th scope=\"col\">Item</th>"
			"<th scope=\"col\">Condition</th><th scope=\"col\">We recommend</th>"
			"</tr></thead><tbody>");
		cJSON_ArrayForEach(item, doc_arr(insp, "items"))
			inspection_item(out, item);
		html_raw(out, "</tbody></table>");
	}
	if (recs > 0) {
		html_raw(out, "<p>");
		part_count(out, recs, "recommended repair", "recommended repairs");
		html_raw(out, ", ");
		part_money(out, insp, "recommended_total");
		html_raw(out, " in all.</p>");
	}
	if (doc_num(insp, "job_id", NULL)) {
		html_raw(out, "<p>");
		part_link_id(out, "/portal/job/", doc_int(insp, "job_id", 0), "", "See the repair");
		html_raw(out, "</p>");
	}
	html_raw(out, "</article>");
}

void view_inspections(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *insp;

	if (doc_count(doc, "inspections") == 0) {
		part_empty(out, "No inspection yet.");
		return;
	}
	cJSON_ArrayForEach(insp, doc_arr(doc, "inspections"))
		inspection(out, insp);
}

/* Upcoming visits first, then the others: the document's own order. */
static void visits(html_buf *out, const cJSON *doc, int upcoming)
{
	const cJSON *v;
	int any = 0;

	part_h2(out, upcoming ? "Coming visits" : "Past visits");
	cJSON_ArrayForEach(v, doc_arr(doc, "appointments"))
		if (doc_bool(v, "upcoming") == upcoming) {
			list_visit(out, v, doc_shows(doc, "invoices") ? REC_INVOICE_LINK : REC_INVOICE_TEXT, 1);
			any = 1;
		}
	if (!any)
		part_empty(out, upcoming ? "No visit planned." : "No past visit.");
}

static void request_form(html_buf *out, const page_ctx *ctx)
{
	html_raw(out, "<section class=\"card\" aria-labelledby=\"request-title\">"
		"<h2 id=\"request-title\">Ask for a visit</h2>"
		"<p>Tell us what needs doing and when you are home. We confirm a time with you.</p>");
	part_form(out, NULL, "/portal/appointments/request", NULL, "", ctx);
	html_raw(out, "<p><label for=\"request-problem\">What needs doing</label>"
		"<textarea id=\"request-problem\" name=\"problem\" rows=\"3\" required "
		"maxlength=\"2000\"></textarea></p>");
	part_window_inputs(out, "request", 1, 1);
	/* Two more windows help the shop find a time, but most customers
	 * give one: folded away, they keep the form short on a phone. */
	html_raw(out, "<details class=\"more\"><summary>Offer more times</summary>");
	part_window_inputs(out, "request", 2, 0);
	part_window_inputs(out, "request", 3, 0);
	html_raw(out, "</details>");
	html_raw(out, "<p><button type=\"submit\">Send my request</button></p></form></section>");
}

void view_appointments(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	visits(out, doc, 1);
	request_form(out, ctx);
	visits(out, doc, 0);
	html_raw(out, "<p><a href=\"/portal/policies\">Our cancellation policy</a></p>");
}

/* Which visit the cancellation is about, so the customer cancels the
 * one they mean: its day, window, address and technician. */
static void cancel_visit(html_buf *out, const cJSON *visit)
{
	if (visit == NULL)
		return;
	html_raw(out, "<section class=\"card\" aria-labelledby=\"cancel-visit\">"
		"<h2 id=\"cancel-visit\">The visit</h2><dl>");
	if (doc_str(visit, "window_start_text")) {
		part_row_open(out, "Date");
		part_iso_day(out, doc_str(visit, "window_start_text"));
		part_row_close(out);
		part_row_open(out, "Arrival window");
		part_window_hours(out, visit, "window_start", "window_end");
		part_row_close(out);
	}
	part_row_text(out, "Address", doc_str(visit, "address"));
	part_row_text(out, "Technician", doc_str(visit, "technician_first_name"));
	if (doc_str(visit, "status")) {
		part_row_open(out, "Status");
		part_badge(out, doc_str(visit, "status"), doc_str(visit, "status_label"));
		part_row_close(out);
	}
	html_raw(out, "</dl></section>");
}

/* What cancelling costs, as the library's dry run quoted it: free until a
 * moment, or the late fee once that moment is past. */
static void cancel_quote(html_buf *out, const cJSON *quote)
{
	if (doc_bool(quote, "late")) {
		html_raw(out, "<p class=\"warning\" id=\"cancel-cost\">Cancelling now costs <strong>");
		part_money(out, quote, "fee");
		html_raw(out, "</strong>");
		if (doc_str(quote, "free_until")) {
			html_raw(out, ": it was free until ");
			part_iso_time(out, doc_str(quote, "free_until"));
		}
		html_raw(out, ".</p>");
	} else {
		html_raw(out, "<p class=\"notice\" id=\"cancel-cost\">Cancelling is <strong>free</strong>");
		if (doc_str(quote, "free_until")) {
			html_raw(out, " until ");
			part_iso_time(out, doc_str(quote, "free_until"));
		}
		html_raw(out, ".</p>");
	}
}

/* The way back comes first and looks like the main action; the cancel
 * button is red and set well apart (below on a phone, at the other end
 * on a wide screen), so a thumb aiming at one cannot press the other. */
static void cancel_choices(html_buf *out, const cJSON *quote, const page_ctx *ctx)
{
	long long id = doc_int(quote, "appointment_id", 0);

	html_raw(out, "<div class=\"choices\"><p><a class=\"button primary\" "
		"href=\"/portal/appointments\">Keep my visit</a></p>"
		"<form method=\"post\" action=\"/portal/appointments/");
	html_printf(out, "%lld", id);
	html_raw(out, "/cancel\" class=\"confirm\">");
	part_csrf(out, ctx);
	part_hidden(out, "confirm", "yes");
	html_raw(out, "<p><button type=\"submit\" class=\"danger\">");
	if (doc_bool(quote, "late")) {
		html_raw(out, "Cancel the visit and pay ");
		part_money(out, quote, "fee");
	} else {
		html_raw(out, "Cancel the visit");
	}
	html_raw(out, "</button></p></form></div>");
}

static void cancel_body(html_buf *out, const cJSON *quote, const void *arg, const page_ctx *ctx)
{
	cancel_visit(out, doc_obj(quote, "visit"));
	cancel_quote(out, quote);
	cancel_choices(out, quote, ctx);
	html_raw(out, "<p><a href=\"/portal/policies\">Our cancellation policy</a></p>");
}

int page_cancel_confirm(html_buf *out, const cJSON *quote, const page_ctx *ctx)
{
	/* The program adds the frame's parts of the appointments view to the
	 * quote (client, shop, sections), so the page has the navigation and
	 * the footer of every other page. */
	page_frame f = { "Cancel your visit?", "appointments", quote, NULL, cancel_body, NULL };

	return page_frame_render(out, &f, ctx);
}
