/* SPDX-License-Identifier: MIT */
/*
 * page_money.c - the customer's money: payments and refunds with their
 * breakdowns by month and by method, and the statement of account.
 */
#include <string.h>

#include "doc.h"
#include "parts.h"
#include "records.h"
#include "views.h"

static void payment_totals(html_buf *out, const cJSON *doc)
{
	const cJSON *t = doc_obj(doc, "totals");

	html_raw(out, "<dl class=\"totals\">");
	part_row_money(out, "Received", t, "received");
	part_row_money(out, "Refunded", t, "refunded");
	part_row_money(out, "Net", t, "net");
	/* Null through a job's link: credit belongs to the client. */
	part_row_money(out, "Account credit", doc, "account_credit");
	html_raw(out, "</dl>");
}

static void by_month(html_buf *out, const cJSON *doc)
{
	const cJSON *m;

	if (doc_count(doc, "by_month") == 0)
		return;
	html_raw(out, "<table class=\"list\"><caption>Per month, newest first</caption><thead><tr>"
		"<th scope=\"col\">Month</th><th scope=\"col\" class=\"num\">Payments</th>"
		"<th scope=\"col\" class=\"num\">Received</th><th scope=\"col\" class=\"num\">Refunded</th>"
		"<th scope=\"col\" class=\"num\">Net</th></tr></thead><tbody>");
	cJSON_ArrayForEach(m, doc_arr(doc, "by_month")) {
		html_raw(out, "<tr><th scope=\"row\">");
		part_month(out, doc_str(m, "month"));
		html_printf(out, "</th><td class=\"num\" data-label=\"Payments\">%lld</td>"
			"<td class=\"num\" data-label=\"Received\">", doc_int(m, "count", 0));
		part_money(out, m, "received");
		html_raw(out, "</td><td class=\"num\" data-label=\"Refunded\">");
		part_money(out, m, "refunded");
		html_raw(out, "</td><td class=\"num\" data-label=\"Net\">");
		part_money(out, m, "net");
		html_raw(out, "</td></tr>");
	}
	html_raw(out, "</tbody></table>");
}

static void by_method(html_buf *out, const cJSON *doc)
{
	const cJSON *m;

	html_raw(out, "<table class=\"list\"><caption>By way of payment</caption><thead><tr>"
		"<th scope=\"col\">Method</th><th scope=\"col\" class=\"num\">Payments</th>"
		"<th scope=\"col\" class=\"num\">Amount</th></tr></thead><tbody>");
	cJSON_ArrayForEach(m, doc_arr(doc, "by_method")) {
		html_raw(out, "<tr><th scope=\"row\">");
		html_text(out, doc_str(m, "label"));
		html_printf(out, "</th><td class=\"num\" data-label=\"Payments\">%lld</td>"
			"<td class=\"num\" data-label=\"Amount\">", doc_int(m, "count", 0));
		part_money(out, m, "amount");
		html_raw(out, "</td></tr>");
	}
	html_raw(out, "</tbody></table>");
}

void view_payments(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	payment_totals(out, doc);
	part_currency(out, doc);
	if (doc_count(doc, "payments") == 0) {
		part_empty(out, "No payment yet.");
		return;
	}
	part_h2(out, "Every payment and refund");
	rec_payments(out, doc_arr(doc, "payments"),
		doc_shows(doc, "invoices") ? REC_INVOICE_LINK : REC_INVOICE_TEXT);
	part_h2(out, "Summary");
	by_month(out, doc);
	by_method(out, doc);
}

static void statement_entries(html_buf *out, const cJSON *st)
{
	const cJSON *e;

	html_raw(out, "<table class=\"list\"><caption>Everything on your account, in order</caption>"
		"<thead><tr><th scope=\"col\">Date</th><th scope=\"col\">What</th>"
		"<th scope=\"col\" class=\"num\">Amount</th><th scope=\"col\" class=\"num\">Balance</th>"
		"</tr></thead><tbody>");
	cJSON_ArrayForEach(e, doc_arr(st, "entries")) {
		html_raw(out, "<tr><td data-label=\"Date\">");
		part_day(out, doc_str(e, "date"));
		html_raw(out, "</td><td data-label=\"What\">");
		html_text(out, doc_str(e, "description"));
		html_raw(out, "</td><td class=\"num\" data-label=\"Amount\">");
		part_money(out, e, "amount");
		html_raw(out, "</td><td class=\"num\" data-label=\"Balance\">");
		part_money(out, e, "balance");
		html_raw(out, "</td></tr>");
	}
	html_raw(out, "</tbody></table>");
}

/* The names of the ageing buckets, as the statement's fields name them. */
static const struct bucket {
	const char *key;
	const char *label;
} buckets[] = {
	{ "current", "Not yet due" },
	{ "days_1_30", "1 to 30 days late" },
	{ "days_31_60", "31 to 60 days late" },
	{ "days_61_90", "61 to 90 days late" },
	{ "over_90", "Over 90 days late" },
};

static const char *bucket_label(const char *key)
{
	for (size_t i = 0; key && i < sizeof(buckets) / sizeof(buckets[0]); i++)
		if (strcmp(buckets[i].key, key) == 0)
			return buckets[i].label;
	return key;
}

static void open_invoices(html_buf *out, const cJSON *st, int link)
{
	const cJSON *inv;

	part_h2(out, "Invoices still owed");
	if (doc_count(st, "open_invoices") == 0) {
		part_empty(out, "Nothing is owed.");
		return;
	}
	html_raw(out, "<table class=\"list\"><thead><tr><th scope=\"col\">Invoice</th>"
		"<th scope=\"col\">Due</th><th scope=\"col\">Age</th>"
		"<th scope=\"col\" class=\"num\">Total</th><th scope=\"col\" class=\"num\">Paid</th>"
		"<th scope=\"col\" class=\"num\">Balance</th></tr></thead><tbody>");
	cJSON_ArrayForEach(inv, doc_arr(st, "open_invoices")) {
		html_raw(out, "<tr><th scope=\"row\" data-label=\"Invoice\">");
		if (link)
			part_link(out, "/portal/invoice/", doc_str(inv, "invoice_number"), "",
				doc_str(inv, "invoice_number"));
		else
			html_text(out, doc_str(inv, "invoice_number"));
		html_raw(out, "</th><td data-label=\"Due\">");
		part_day(out, doc_str(inv, "due_date"));
		html_raw(out, "</td><td data-label=\"Age\">");
		html_text(out, bucket_label(doc_str(inv, "bucket")));
		html_raw(out, "</td><td class=\"num\" data-label=\"Total\">");
		part_money(out, inv, "total");
		html_raw(out, "</td><td class=\"num\" data-label=\"Paid\">");
		part_money(out, inv, "paid");
		html_raw(out, "</td><td class=\"num\" data-label=\"Balance\">");
		part_money(out, inv, "balance");
		html_raw(out, "</td></tr>");
	}
	html_raw(out, "</tbody></table>");
}

static void ageing(html_buf *out, const cJSON *st)
{
	const cJSON *a = doc_obj(st, "ageing");

	if (a == NULL)
		return;
	html_raw(out, "<dl class=\"totals\">");
	for (size_t i = 0; i < sizeof(buckets) / sizeof(buckets[0]); i++)
		part_row_money(out, buckets[i].label, a, buckets[i].key);
	part_row_money(out, "Total owed", a, "total");
	html_raw(out, "</dl>");
}

void view_statement(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *st = doc_obj(doc, "statement");

	html_raw(out, "<p>As of ");
	part_time(out, st, "as_of");
	html_raw(out, "</p><p class=\"big\">Balance: <strong>");
	part_money(out, st, "balance");
	html_raw(out, "</strong></p><dl>");
	part_row_money(out, "Account credit", st, "account_credit");
	html_raw(out, "</dl>");
	part_currency(out, doc);
	open_invoices(out, st, doc_shows(doc, "invoices"));
	part_h2(out, "By age");
	ageing(out, st);
	part_h2(out, "Account history");
	if (doc_count(st, "entries") == 0)
		part_empty(out, "Nothing on your account yet.");
	else
		statement_entries(out, st);
}
