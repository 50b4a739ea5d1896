/* SPDX-License-Identifier: MIT */
/*
 * page_dashboard.c - the overview: the visit of the day, what is new, the open repairs, the next
 * visits, the money, the services coming due and the appliances and
 * vehicles. A part of a section the shop hides is absent from the document
 * and so from the page.
 */
#include <stdio.h>

#include "chart.h"
#include "doc.h"
#include "parts.h"
#include "records.h"
#include "views.h"

/* The day of a visit, the overview leads with it: who comes, where they
 * are at, when they are expected and how that stands against the window
 * (the view's words), and the way to follow them. */
static void visit_today(html_buf *out, const cJSON *doc)
{
	const cJSON *v = doc_obj(doc, "visit_today");
	const char *name = doc_str(v, "technician_first_name");

	if (v == NULL)
		return;
	html_raw(out, "<section class=\"today\" id=\"visit-today\" aria-labelledby=\"today-title\">"
		"<h2 id=\"today-title\">Your visit today</h2>");
	part_p(out, "lead", doc_str(v, "message"));
	html_raw(out, "<dl>");
	part_row_text(out, "Technician", name);
	part_row_open(out, "Status");
	part_badge(out, doc_str(v, "status"), doc_str(v, "status_label"));
	part_row_close(out);
	if (doc_str(v, "eta_text")) {
		part_row_open(out, "Expected at");
		html_raw(out, "<strong id=\"today-eta\">");
		part_time(out, v, "eta");
		html_raw(out, "</strong>");
		if (doc_str(v, "eta_window_text")) {
			html_raw(out, " <span class=\"eta-window\" id=\"today-eta-window\">(");
			html_text(out, doc_str(v, "eta_window_text"));
			html_raw(out, ")</span>");
		}
		part_row_close(out);
	}
	part_row_open(out, "Arrival window");
	part_window(out, v, "window_start", "window_end");
	part_row_close(out);
	html_raw(out, "</dl>");
	if (doc_bool(v, "follow")) {
		html_raw(out, "<p><a class=\"button\" href=\"/portal/tracking\">Follow ");
		html_text(out, name ? name : "your technician");
		html_raw(out, "</a></p>");
	}
	html_raw(out, "</section>");
}

static void unread(html_buf *out, const cJSON *doc)
{
	long long n = doc_int(doc, "unread_notifications", 0);

	if (n <= 0)
		return;
	html_raw(out, "<p class=\"notice\"><a href=\"/portal/notifications\">");
	html_printf(out, "%lld", n);
	html_raw(out, n == 1 ? " new notification" : " new notifications");
	html_raw(out, "</a></p>");
}

static void open_jobs(html_buf *out, const cJSON *doc)
{
	const cJSON *job;

	part_h2(out, "Open repairs");
	if (doc_count(doc, "open_jobs") == 0) {
		part_empty(out, "No repair under way.");
		return;
	}
	cJSON_ArrayForEach(job, doc_arr(doc, "open_jobs"))
		rec_job(out, job, 3);
}

static void upcoming(html_buf *out, const cJSON *doc)
{
	const cJSON *visit, *list = doc_arr(doc, "upcoming_appointments");

	if (list == NULL)
		return;
	part_h2(out, "Next visits");
	if (cJSON_GetArraySize(list) == 0) {
		part_empty(out, "No visit planned.");
		return;
	}
	html_raw(out, "<ul class=\"plain\">");
	cJSON_ArrayForEach(visit, list) {
		html_raw(out, "<li>");
		part_window(out, visit, "window_start", "window_end");
		html_raw(out, " ");
		part_badge(out, doc_str(visit, "status"), doc_str(visit, "status_label"));
		if (doc_str(visit, "technician")) {
			html_raw(out, " with ");
			html_text(out, doc_str(visit, "technician"));
		}
		if (doc_str(visit, "address")) {
			html_raw(out, "<br><span class=\"small\">");
			html_text(out, doc_str(visit, "address"));
			html_raw(out, "</span>");
		}
		html_raw(out, "</li>");
	}
	html_raw(out, "</ul><p><a href=\"/portal/appointments\">Your visits</a></p>");
}

/* The invoice totals per month: the numbers, and the chart beside them. */
static void monthly(html_buf *out, const cJSON *doc)
{
	const cJSON *m, *list = doc_arr(doc, "monthly");

	if (cJSON_GetArraySize(list) == 0)
		return;
	html_raw(out, "<div class=\"monthly\"><table><caption>Invoiced per month</caption>"
		"<thead><tr><th scope=\"col\">Month</th><th scope=\"col\">Invoices</th>"
		"<th scope=\"col\">Invoiced</th><th scope=\"col\">Paid</th>"
		"<th scope=\"col\">Balance</th></tr></thead><tbody>");
	cJSON_ArrayForEach(m, list) {
		html_raw(out, "<tr><th scope=\"row\">");
		part_month(out, doc_str(m, "month"));
		html_printf(out, "</th><td data-label=\"Invoices\">%lld</td><td data-label=\"Invoiced\">",
			doc_int(m, "count", 0));
		part_money(out, m, "invoiced");
		html_raw(out, "</td><td data-label=\"Paid\">");
		part_money(out, m, "paid");
		html_raw(out, "</td><td data-label=\"Balance\">");
		part_money(out, m, "balance");
		html_raw(out, "</td></tr>");
	}
	html_raw(out, "</tbody></table>");
	chart_monthly(out, list);
	html_raw(out, "</div>");
}

static void money(html_buf *out, const cJSON *doc)
{
	const cJSON *totals = doc_obj(doc, "totals");

	if (!doc_num(doc, "balance_due", NULL))
		return;
	part_h2(out, "Money");
	html_raw(out, "<p class=\"big\">Balance due: <strong>");
	part_money(out, doc, "balance_due");
	html_raw(out, "</strong></p><dl>");
	part_row_money(out, "Invoiced", totals, "invoiced");
	part_row_money(out, "Paid", totals, "paid");
	part_row_money(out, "Account credit", totals, "account_credit");
	html_raw(out, "</dl>");
	part_currency(out, doc);
	monthly(out, doc);
	html_raw(out, "<p><a href=\"/portal/invoices\">Your invoices</a></p>");
}

static void by_method(html_buf *out, const cJSON *doc)
{
	const cJSON *pbm = doc_obj(doc, "payments_by_method"), *m;

	if (pbm == NULL)
		return;
	part_h2(out, "How you paid");
	if (doc_int(pbm, "count", 0) == 0) {
		part_empty(out, "No payment yet.");
		return;
	}
	html_raw(out, "<dl>");
	cJSON_ArrayForEach(m, doc_arr(pbm, "methods")) {
		/* Methods never used say nothing to the customer. */
		if (doc_int(m, "count", 0) == 0 && doc_int(m, "amount", 0) == 0)
			continue;
		part_row_money(out, doc_text(m, "label"), m, "amount");
	}
	part_row_money(out, "Total", pbm, "total");
	html_raw(out, "</dl><p><a href=\"/portal/payments\">Your payments</a></p>");
}

static void reminder(html_buf *out, const cJSON *r)
{
	long long days = doc_int(r, "days_left", 0);

	html_raw(out, "<li><strong>");
	html_text(out, doc_str(r, "description"));
	html_raw(out, "</strong>");
	if (doc_str(r, "asset_label")) {
		html_raw(out, " for ");
		html_text(out, doc_str(r, "asset_label"));
	}
	html_raw(out, ": ");
	if (doc_bool(r, "overdue")) {
		part_badge(out, "overdue", "Overdue");
		html_raw(out, " was due ");
		part_day(out, doc_str(r, "next_due"));
	} else {
		html_raw(out, "due ");
		part_day(out, doc_str(r, "next_due"));
		html_raw(out, " (in ");
		part_count(out, days, "day", "days");
		html_raw(out, ")");
	}
	html_raw(out, "</li>");
}

static void reminders(html_buf *out, const cJSON *doc)
{
	const cJSON *r;

	if (doc_count(doc, "reminders") == 0)
		return;
	part_h2(out, "Services coming due");
	html_raw(out, "<ul class=\"plain\">");
	cJSON_ArrayForEach(r, doc_arr(doc, "reminders"))
		reminder(out, r);
	html_raw(out, "</ul>");
}

static void assets(html_buf *out, const cJSON *doc)
{
	const cJSON *a;

	if (doc_count(doc, "assets") == 0)
		return;
	part_h2(out, "Your appliances and vehicles");
	html_raw(out, "<ul class=\"plain\">");
	cJSON_ArrayForEach(a, doc_arr(doc, "assets")) {
		html_raw(out, "<li>");
		html_text(out, doc_text(a, "make"));
		html_raw(out, " ");
		html_text(out, doc_text(a, "model"));
		if (doc_text(a, "category")[0]) {
			html_raw(out, " <span class=\"sub\">");
			html_text(out, doc_str(a, "category"));
			html_raw(out, "</span>");
		}
		html_raw(out, "</li>");
	}
	html_raw(out, "</ul><p><a href=\"/portal/history\">Service history</a></p>");
}

void view_dashboard(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	visit_today(out, doc);
	unread(out, doc);
	open_jobs(out, doc);
	upcoming(out, doc);
	money(out, doc);
	by_method(out, doc);
	reminders(out, doc);
	assets(out, doc);
}
