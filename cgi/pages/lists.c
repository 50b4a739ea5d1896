/* SPDX-License-Identifier: MIT */
/*
 * lists.c - invoices, estimates and visits drawn the same way on their
 * list pages and on the repair page.
 */
#include "lists.h"

#include "doc.h"
#include "parts.h"
#include "records.h"

static void invoice_row(html_buf *out, const cJSON *inv)
{
	html_raw(out, "<tr><th scope=\"row\" data-label=\"Invoice\">");
	part_link(out, "/portal/invoice/", doc_str(inv, "number"), "", doc_str(inv, "number"));
	html_raw(out, "</th><td data-label=\"Issued\">");
	part_time(out, inv, "issued_at");
	html_raw(out, "</td><td data-label=\"Due\">");
	part_day(out, doc_str(inv, "due_date"));
	html_raw(out, "</td><td data-label=\"Status\">");
	part_badge(out, doc_str(inv, "status"), doc_str(inv, "status_label"));
	if (doc_int(inv, "days_overdue", 0) > 0) {
		html_raw(out, " <span class=\"sub\">");
		part_count(out, doc_int(inv, "days_overdue", 0), "day", "days");
		html_raw(out, " late</span>");
	}
	html_raw(out, "</td><td class=\"num\" data-label=\"Total\">");
	part_money(out, inv, "total");
	html_raw(out, "</td><td class=\"num\" data-label=\"Balance\">");
	part_money(out, inv, "balance");
	html_raw(out, "</td><td data-label=\"PDF\">");
	part_link(out, "/portal/invoice/", doc_str(inv, "number"), "/pdf", "PDF");
	html_raw(out, "</td></tr>");
}

/* The rule that applies to an estimate now, from its own fields: until
 * when it can be approved, that it expired, or who decided it. */
static void estimate_rule(html_buf *out, const cJSON *est)
{
	if (doc_bool(est, "can_approve")) {
		html_raw(out, "Valid until ");
		part_day(out, doc_str(est, "last_valid_day"));
	} else if (doc_bool(est, "expired")) {
		html_raw(out, "Expired after ");
		part_day(out, doc_str(est, "last_valid_day"));
	} else if (doc_str(est, "decided_at_text")) {
		html_raw(out, "Decided ");
		part_time(out, est, "decided_at");
		if (doc_str(est, "decided_by")) {
			html_raw(out, " by ");
			html_text(out, doc_str(est, "decided_by"));
		}
	}
}

static void estimate_row(html_buf *out, const cJSON *est)
{
	html_raw(out, "<tr><th scope=\"row\" data-label=\"Estimate\">");
	part_link(out, "/portal/estimate/", doc_str(est, "number"), "", doc_str(est, "number"));
	html_raw(out, "</th><td data-label=\"Sent\">");
	part_time(out, est, "issued_at");
	html_raw(out, "</td><td data-label=\"Status\">");
	part_badge(out, doc_str(est, "status"), doc_str(est, "status_label"));
	html_raw(out, "<p class=\"rule\">");
	estimate_rule(out, est);
	html_raw(out, "</p></td><td class=\"num\" data-label=\"Total\">");
	part_money(out, est, "total");
	html_raw(out, "</td><td class=\"num\" data-label=\"Approved\">");
	part_money(out, est, "approved_total");
	html_raw(out, "</td></tr>");
}

/* What cancelling a visit would cost now, beside the visit: the rule that
 * applies, as the library quoted it, and the link to the confirmation. */
static void visit_cancellation(html_buf *out, const cJSON *visit)
{
	const cJSON *c = doc_obj(visit, "cancellation");

	if (c == NULL)
		return;
	html_raw(out, "<p class=\"rule\">");
	if (doc_bool(c, "late")) {
		html_raw(out, "Cancelling now costs ");
		part_money(out, c, "fee");
		html_raw(out, " (free until ");
		part_time(out, c, "free_until");
		html_raw(out, ").");
	} else {
		html_raw(out, "Free to cancel until ");
		part_time(out, c, "free_until");
		html_raw(out, ".");
	}
	html_raw(out, "</p><p>");
	part_link_id(out, "/portal/appointments/", doc_int(visit, "id", 0), "/cancel",
		"Cancel this visit");
	html_raw(out, "</p>");
}

static void visit_facts(html_buf *out, const cJSON *visit, int fee_invoice, int job_link)
{
	html_raw(out, "<dl>");
	part_row_text(out, "Technician", doc_str(visit, "technician_first_name"));
	part_row_text(out, "Where", doc_str(visit, "address"));
	part_row_text(out, "Door code", doc_str(visit, "door_code"));
	part_row_time(out, "Status since", visit, "status_at");
	part_row_time(out, "Cancelled", visit, "cancelled_at");
	if (job_link && doc_num(visit, "job_id", NULL)) {
		part_row_open(out, "Repair");
		part_link_id(out, "/portal/job/", doc_int(visit, "job_id", 0), "", "See the repair");
		part_row_close(out);
	}
	if (doc_str(visit, "fee_invoice_number")) {
		/* The late-cancellation or missed-visit fee, next to its visit. */
		part_row_open(out, "Fee charged");
		if (fee_invoice == REC_INVOICE_LINK)
			part_link(out, "/portal/invoice/", doc_str(visit, "fee_invoice_number"), "",
				doc_str(visit, "fee_invoice_number"));
		else
			html_text(out, doc_str(visit, "fee_invoice_number"));
		part_row_close(out);
	}
	html_raw(out, "</dl>");
}

void list_visit(html_buf *out, const cJSON *v, int fee_invoice, int job_link)
{
	html_raw(out, "<article class=\"card visit\"><h3>");
	part_window(out, v, "window_start", "window_end");
	html_raw(out, "</h3><p>");
	part_badge(out, doc_str(v, "status"), doc_str(v, "status_label"));
	html_raw(out, "</p>");
	visit_facts(out, v, fee_invoice, job_link);
	if (doc_bool(v, "upcoming")) {
		html_raw(out, "<p>");
		part_link_id(out, "/portal/appointments/", doc_int(v, "id", 0), "/ics",
			"Add to my calendar (.ics)");
		html_raw(out, "</p>");
	}
	visit_cancellation(out, v);
	html_raw(out, "</article>");
}


void list_invoices(html_buf *out, const cJSON *invoices, const char *caption)
{
	const cJSON *inv;

	html_raw(out, "<table class=\"list\"><caption>");
	html_text(out, caption);
	html_raw(out, "</caption><thead><tr>"
		"<th scope=\"col\">Invoice</th><th scope=\"col\">Issued</th><th scope=\"col\">Due</th>"
		"<th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Total</th>"
		"<th scope=\"col\" class=\"num\">Balance</th><th scope=\"col\">Download</th>"
		"</tr></thead><tbody>");
	cJSON_ArrayForEach(inv, invoices)
		invoice_row(out, inv);
	html_raw(out, "</tbody></table>");
}

void list_estimates(html_buf *out, const cJSON *estimates, const char *caption)
{
	const cJSON *est;

	html_raw(out, "<table class=\"list\"><caption>");
	html_text(out, caption);
	html_raw(out, "</caption><thead><tr>"
		"<th scope=\"col\">Estimate</th><th scope=\"col\">Sent</th><th scope=\"col\">Status</th>"
		"<th scope=\"col\" class=\"num\">Total</th><th scope=\"col\" class=\"num\">Approved</th>"
		"</tr></thead><tbody>");
	cJSON_ArrayForEach(est, estimates)
		estimate_row(out, est);
	html_raw(out, "</tbody></table>");
}
