/* SPDX-License-Identifier: MIT */
/*
 * records.c - jobs and warranties, drawn the same way on every page.
 */
#include "records.h"

#include <stdio.h>

#include "doc.h"
#include "parts.h"

static void job_heading(html_buf *out, const cJSON *job, int level)
{
	char label[48];
	long long id = doc_int(job, "id", 0);

	snprintf(label, sizeof(label), "Repair #%lld", id);
	html_printf(out, "<h%d>", level);
	part_link_id(out, "/portal/job/", id, "", label);
	if (doc_str(job, "asset_label")) {
		html_raw(out, " <span class=\"sub\">");
		html_text(out, doc_str(job, "asset_label"));
		html_raw(out, "</span>");
	}
	html_printf(out, "</h%d>", level);
}

void rec_job(html_buf *out, const cJSON *job, int level)
{
	const cJSON *warranty = doc_obj(job, "warranty");

	html_raw(out, "<article class=\"card job\">");
	job_heading(out, job, level);
	html_raw(out, "<p>");
	part_badge(out, doc_str(job, "status"), doc_str(job, "status_label"));
	html_raw(out, "</p>");
	part_p(out, "problem", doc_str(job, "problem"));
	html_raw(out, "<dl>");
	part_row_time(out, "Booked", job, "booked_at");
	part_row_time(out, "Latest step", job, "updated_at");
	part_row_time(out, "Repaired", job, "completed_at");
	part_row_text(out, "Work done", doc_str(job, "work_done"));
	part_row_text(out, "Where", doc_str(job, "address"));
	html_raw(out, "</dl>");
	if (warranty)
		rec_warranty(out, warranty, level + 1);
	html_raw(out, "</article>");
}

void rec_timeline(html_buf *out, const cJSON *timeline)
{
	const cJSON *step;
	int n = cJSON_GetArraySize(timeline), i = 0;

	if (n == 0)
		return;
	html_raw(out, "<ol class=\"timeline\">");
	cJSON_ArrayForEach(step, timeline) {
		/* The steps come oldest first, so the last one is where the
		 * job stands now. */
		html_raw(out, ++i == n ? "<li aria-current=\"step\">" : "<li>");
		html_raw(out, "<span class=\"step\">");
		html_text(out, doc_str(step, "label"));
		html_raw(out, "</span> ");
		part_time(out, step, "at");
		if (doc_text(step, "note")[0])
			part_p(out, "step-note", doc_str(step, "note"));
		html_raw(out, "</li>");
	}
	html_raw(out, "</ol>");
}

/* "Labour warranty until 2027-02-18", and whether it still runs: the
 * day and the flag both come from the document. */
static void warranty_part(html_buf *out, const cJSON *w, const char *what,
	const char *until_key, const char *running_key)
{
	const char *until = doc_str(w, until_key);

	if (until == NULL)
		return;
	html_raw(out, "<li>");
	html_raw(out, what);
	html_raw(out, " warranty until ");
	part_day(out, until);
	html_raw(out, " ");
	if (doc_bool(w, running_key))
		part_badge(out, "covered", "Covered");
	else
		part_badge(out, "ended", "Ended");
	html_raw(out, "</li>");
}

void rec_warranty(html_buf *out, const cJSON *warranty, int level)
{
	/* The history and job documents say "_running", the invoice's says
	 * "_covered"; both mean the warranty holds today. */
	int history = cJSON_HasObjectItem(warranty, "labour_running");

	html_raw(out, "<section class=\"warranty\">");
	part_heading(out, level, "Warranty");
	part_p(out, NULL, doc_str(warranty, "explanation"));
	html_raw(out, "<ul>");
	warranty_part(out, warranty, "Labour", "labour_until", history ? "labour_running" : "labour_covered");
	warranty_part(out, warranty, "Parts", "parts_until", history ? "parts_running" : "parts_covered");
	html_raw(out, "</ul><p class=\"small\"><a href=\"/portal/policies\">What the warranty covers</a></p></section>");
}

void rec_line_head(html_buf *out)
{
	html_raw(out, "<th scope=\"col\">Item</th><th scope=\"col\" class=\"num\">Qty</th>"
		"<th scope=\"col\" class=\"num\">Unit price</th>"
		"<th scope=\"col\" class=\"num\">Amount</th>");
}

void rec_line_cells(html_buf *out, const cJSON *line, const char *rule, const char *note)
{
	html_raw(out, "<td data-label=\"Item\">");
	html_text(out, doc_str(line, "description"));
	html_raw(out, " <span class=\"sub\">");
	html_text(out, doc_str(line, "kind_label"));
	if (doc_bool(line, "taxable"))
		html_raw(out, ", taxed");
	html_raw(out, "</span>");
	if (rule || note) {
		html_raw(out, "<p class=\"rule\">");
		if (rule) {
			html_raw(out, "<strong>");
			html_text(out, rule);
			html_raw(out, note ? ":</strong> " : "</strong>");
		}
		html_text(out, note);
		html_raw(out, "</p>");
	}
	html_raw(out, "</td><td class=\"num\" data-label=\"Qty\">");
	html_text(out, doc_str(line, "quantity"));
	html_raw(out, "</td><td class=\"num\" data-label=\"Unit price\">");
	part_money(out, line, "unit_price");
	html_raw(out, "</td><td class=\"num\" data-label=\"Amount\">");
	part_money(out, line, "amount");
	html_raw(out, "</td>");
}

void rec_totals(html_buf *out, const cJSON *totals)
{
	if (totals == NULL)
		return;
	html_raw(out, "<dl class=\"totals\">");
	part_row_money(out, "Subtotal", totals, "subtotal");
	if (doc_str(totals, "tax_rate")) {
		/* The rate is part of the label, so the amount stays in the
		 * column of amounts however narrow the screen. */
		html_raw(out, "<div><dt>Tax <span class=\"sub\">");
		html_text(out, doc_str(totals, "tax_rate"));
		html_raw(out, "% of ");
		part_money(out, totals, "taxable");
		html_raw(out, "</span></dt><dd>");
		part_money(out, totals, "tax");
		part_row_close(out);
	} else {
		part_row_money(out, "Tax", totals, "tax");
	}
	part_row_money(out, "Total", totals, "total");
	html_raw(out, "</dl>");
}

/* "Payment, Debit, ref. 1234" or "Refund, Cash: reason". */
static void payment_what(html_buf *out, const cJSON *pay)
{
	html_raw(out, doc_is(pay, "kind", "refund") ? "Refund" : "Payment");
	html_raw(out, " <span class=\"sub\">");
	html_text(out, doc_str(pay, "method_label"));
	if (doc_str(pay, "reference")) {
		html_raw(out, ", ref. ");
		html_text(out, doc_str(pay, "reference"));
	}
	html_raw(out, "</span>");
	if (doc_str(pay, "reason"))
		part_p(out, "rule", doc_str(pay, "reason"));
	if (doc_int(pay, "refunded", 0) != 0) {
		html_raw(out, "<p class=\"rule\">");
		part_money(out, pay, "refunded");
		html_raw(out, " of it refunded</p>");
	}
}

static void payment_invoice(html_buf *out, const cJSON *pay, int link)
{
	if (doc_str(pay, "invoice_number") && link)
		part_link(out, "/portal/invoice/", doc_str(pay, "invoice_number"), "",
			doc_str(pay, "invoice_number"));
	else if (doc_str(pay, "invoice_number"))
		html_text(out, doc_str(pay, "invoice_number"));
	else if (doc_bool(pay, "account_credit"))
		html_raw(out, "Account credit");
}

void rec_payments(html_buf *out, const cJSON *payments, int with_invoice)
{
	const cJSON *pay;

	html_raw(out, "<table class=\"list\"><thead><tr><th scope=\"col\">Date</th>"
		"<th scope=\"col\">What</th>");
	if (with_invoice)
		html_raw(out, "<th scope=\"col\">Invoice</th>");
	html_raw(out, "<th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody>");
	cJSON_ArrayForEach(pay, payments) {
		html_raw(out, "<tr><td data-label=\"Date\">");
		part_time(out, pay, "received_at");
		html_raw(out, "</td><td data-label=\"What\">");
		payment_what(out, pay);
		if (with_invoice) {
			html_raw(out, "</td><td data-label=\"Invoice\">");
			payment_invoice(out, pay, with_invoice == REC_INVOICE_LINK);
		}
		html_raw(out, "</td><td class=\"num\" data-label=\"Amount\">");
		part_money(out, pay, "amount");
		html_raw(out, "</td></tr>");
	}
	html_raw(out, "</tbody></table>");
}
