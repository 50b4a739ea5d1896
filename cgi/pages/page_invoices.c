/* SPDX-License-Identifier: MIT */
/*
 * page_invoices.c - the customer's invoices: the list with what is still
 * owed, and one invoice with its lines, its payments, its PDF and the
 * rules that applied to it (the service call fee credited, the warranty).
 */
#include "doc.h"
#include "parts.h"
#include "lists.h"
#include "records.h"
#include "views.h"

static void invoice_totals(html_buf *out, const cJSON *totals)
{
	long long overdue = doc_int(totals, "overdue_count", 0);

	html_raw(out, "<p class=\"big\">Balance due: <strong>");
	part_money(out, totals, "balance_due");
	html_raw(out, "</strong></p>");
	if (overdue > 0) {
		html_raw(out, "<p class=\"warning\">");
		html_printf(out, "%lld", overdue);
		html_raw(out, overdue == 1 ? " invoice is overdue: " : " invoices are overdue: ");
		part_money(out, totals, "overdue");
		html_raw(out, ".</p>");
	}
	html_raw(out, "<dl>");
	part_row_money(out, "Invoiced", totals, "invoiced");
	part_row_money(out, "Paid", totals, "paid");
	html_raw(out, "</dl>");
}

void view_invoices(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	invoice_totals(out, doc_obj(doc, "totals"));
	part_currency(out, doc);
	if (doc_count(doc, "invoices") == 0) {
		part_empty(out, "You have no invoices.");
		return;
	}
	list_invoices(out, doc_arr(doc, "invoices"), "Your invoices, newest first");
	if (doc_shows(doc, "invoices") && !doc_job_scoped(doc))
		html_raw(out, "<p><a href=\"/portal/statement\">Your statement of account</a></p>");
}

/* The facts of an invoice, with the repair and estimate it comes from. */
static void invoice_facts(html_buf *out, const cJSON *doc, const cJSON *inv)
{
	html_raw(out, "<p>");
	part_badge(out, doc_str(inv, "status"), doc_str(inv, "status_label"));
	html_raw(out, "</p><dl>");
	part_row_time(out, "Issued", inv, "issued_at");
	if (doc_str(inv, "due_date")) {
		part_row_open(out, "Due");
		part_day(out, doc_str(inv, "due_date"));
		if (doc_int(inv, "days_overdue", 0) > 0) {
			html_raw(out, " <span class=\"warning\">");
			part_count(out, doc_int(inv, "days_overdue", 0), "day", "days");
			html_raw(out, " overdue</span>");
		}
		part_row_close(out);
	}
	part_row_time(out, "Void since", inv, "voided_at");
	part_row_text(out, "Why void", doc_str(inv, "void_reason"));
	if (doc_num(inv, "job_id", NULL)) {
		part_row_open(out, "Repair");
		part_link_id(out, "/portal/job/", doc_int(inv, "job_id", 0), "", "See the repair");
		part_row_close(out);
	}
	if (doc_str(inv, "estimate_number") && doc_shows(doc, "estimates")) {
		part_row_open(out, "Estimate");
		part_link(out, "/portal/estimate/", doc_str(inv, "estimate_number"), "",
			doc_str(inv, "estimate_number"));
		part_row_close(out);
	}
	html_raw(out, "</dl>");
}

static void invoice_lines(html_buf *out, const cJSON *inv)
{
	const cJSON *line, *credit = doc_obj(inv, "service_call_credit");
	long long credited = doc_int(credit, "position", -1);

	html_raw(out, "<table class=\"lines\"><caption>What was billed</caption><thead><tr>");
	rec_line_head(out);
	html_raw(out, "</tr></thead><tbody>");
	cJSON_ArrayForEach(line, doc_arr(inv, "lines")) {
		/* The rule beside the line it applied to: the diagnosis fee
		 * credited because the customer went ahead with the repair. */
		int is_credit = credit && doc_int(line, "position", 0) == credited;

		html_raw(out, "<tr>");
		rec_line_cells(out, line, is_credit ? "Fee credited" : NULL,
			is_credit ? doc_str(credit, "explanation") : NULL);
		html_raw(out, "</tr>");
	}
	html_raw(out, "</tbody></table>");
}

/* What was paid and what is left, under the invoice's own totals. */
static void invoice_money(html_buf *out, const cJSON *inv)
{
	rec_totals(out, doc_obj(inv, "totals"));
	html_raw(out, "<dl class=\"totals\">");
	part_row_money(out, "Paid", inv, "paid");
	part_row_open(out, "Balance");
	html_raw(out, "<strong>");
	part_money(out, inv, "balance");
	html_raw(out, "</strong>");
	part_row_close(out);
	html_raw(out, "</dl>");
}

void view_invoice(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *inv = doc_obj(doc, "invoice");

	invoice_facts(out, doc, inv);
	html_raw(out, "<p><a class=\"button\" href=\"/portal/invoice/");
	part_segment(out, doc_str(inv, "number"));
	html_raw(out, "/pdf\">Download the PDF</a></p>");
	invoice_lines(out, inv);
	invoice_money(out, inv);
	part_currency(out, doc);
	part_p(out, "notes", doc_str(inv, "notes"));
	part_h2(out, "Payments");
	if (doc_count(inv, "payments") == 0)
		part_empty(out, "No payment on this invoice yet.");
	else
		rec_payments(out, doc_arr(inv, "payments"), REC_INVOICE_NONE);
	if (doc_obj(inv, "warranty"))
		rec_warranty(out, doc_obj(inv, "warranty"), 2);
	html_raw(out, "<p><a href=\"/portal/invoices\">All your invoices</a></p>");
}
