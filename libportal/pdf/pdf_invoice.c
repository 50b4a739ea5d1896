/* SPDX-License-Identifier: MIT */
/*
 * pdf_invoice.c - an invoice as a PDF, for the shop and for the customer
 * in a session.
 *
 * Every figure is the invoice's own (portal_invoice_get()): the lines,
 * the totals, the tax rate it was issued with, what was paid and the
 * balance. The line crediting the service call fee is shown among the
 * totals, where the customer looks for it, rather than among the repairs.
 */
#include "pdf_doc.h"
#include "billing.h"
#include "store_billing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static const pt_pdf_column line_columns[] = {
	{ "DESCRIPTION", 0.56f, 0 },
	{ "QTY", 0.10f, 1 },
	{ "UNIT PRICE", 0.17f, 1 },
	{ "AMOUNT", 0.17f, 1 },
};

/* The mark: what the customer must know at a glance. A partly paid
 * invoice still has a balance due. */
static void set_mark(pt_pdf_doc *d, const portal_invoice *inv)
{
	static const struct {
		portal_invoice_status status;
		const char *mark;
		pt_pdf_tone tone;
	} marks[] = {
		{ PORTAL_INVOICE_DRAFT, "DRAFT", PT_PDF_TONE_MUTED },
		{ PORTAL_INVOICE_DUE, "DUE", PT_PDF_TONE_NOTICE },
		{ PORTAL_INVOICE_PARTLY_PAID, "DUE", PT_PDF_TONE_NOTICE },
		{ PORTAL_INVOICE_PAID, "PAID", PT_PDF_TONE_GOOD },
		{ PORTAL_INVOICE_OVERDUE, "OVERDUE", PT_PDF_TONE_ALERT },
		{ PORTAL_INVOICE_VOID, "VOID", PT_PDF_TONE_MUTED },
	};

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (marks[i].status == inv->status)
			pt_pdf_mark(d, marks[i].mark, marks[i].tone);
}

static void add_facts(pt_pdf_doc *d, portal *p, const portal_invoice *inv)
{
	char date[PORTAL_TIME_STRLEN], *job;
	char issued[PORTAL_TIME_STRLEN];

	pt_pdf_fact(d, "Status", portal_invoice_status_label(inv->status));
	pt_pdf_fact(d, "Issued", pt_pdf_date(issued, sizeof(issued), p, inv->issued_at));
	pt_pdf_date(date, sizeof(date), p, inv->due_at);
	pt_pdf_fact(d, "Due", *date && strcmp(date, issued) == 0 ? "On receipt" : date);
	pt_pdf_fact(d, "Voided", pt_pdf_date(date, sizeof(date), p, inv->voided_at));
	if (inv->job_id != 0) {
		job = pt_pdf_printf(d, "%lld", (long long)inv->job_id);
		pt_pdf_fact(d, "Job", job);
		free(job);
	}
}

static void add_totals(pt_pdf_doc *d, const portal_invoice *inv, const portal_line *credit)
{
	pt_pdf_item *t = pt_pdf_totals(d);

	pt_pdf_money_total(d, t, "Subtotal", inv->totals.subtotal - (credit ? credit->amount : 0), 0);
	if (credit != NULL)
		pt_pdf_money_total(d, t, "Service call fee credited", credit->amount, 0);
	pt_pdf_tax_total(d, t, &inv->totals);
	pt_pdf_money_total(d, t, "Total", inv->totals.total, 1);
	if (inv->paid != 0)
		pt_pdf_money_total(d, t, "Payments received", -inv->paid, 0);
	pt_pdf_money_total(d, t, inv->status == PORTAL_INVOICE_VOID ? "Balance (void)" : "Balance due",
		inv->balance, 1);
}

/* ---------------------------------------------------------------------
 * Below the totals: payments, warranty, notes.
 */

typedef struct payments_text {
	pt_pdf_doc *d;
	portal *p;
	char *text;
} payments_text;

static int add_payment(const portal_payment *pay, void *ctx)
{
	payments_text *w = ctx;
	char date[PORTAL_TIME_STRLEN], *amount, *more;

	pt_pdf_date(date, sizeof(date), w->p, pay->received_at);
	amount = pt_pdf_dollars(w->d, pay->amount);
	more = pt_pdf_printf(w->d, "%s%s%s  %s  %s%s%s%s", w->text ? w->text : "",
		w->text ? "\n" : "", date,
		pay->refund_of ? "Refund" : portal_payment_method_label(pay->method),
		amount ? amount : "", *pay->reference ? "  (ref. " : "", pay->reference,
		*pay->reference ? ")" : "");
	free(amount);
	free(w->text);
	w->text = more;
	return more ? 0 : PORTAL_ENOMEM;
}

static int add_payments(pt_pdf_doc *d, portal *p, const portal_invoice *inv)
{
	payments_text w = { d, p, NULL };
	int err = portal_payment_foreach(p, inv->client_id, inv->id, add_payment, &w);

	if (err == 0)
		pt_pdf_text(d, "Payments received", w.text);
	free(w.text);
	return err == PORTAL_ENOMEM ? pt_oom(p) : err;
}

/* "Labour until ..., parts until ..." once the repair is complete. */
static int add_warranty(pt_pdf_doc *d, portal *p, const portal_invoice *inv)
{
	portal_warranty_claim claim = PORTAL_WARRANTY_CLAIM_INIT;
	portal_warranty w;
	char labour[PORTAL_WORDS_LEN], parts[PORTAL_WORDS_LEN];
	char *text;
	int err;

	if (inv->job_id == 0 || inv->status == PORTAL_INVOICE_VOID)
		return PORTAL_OK;
	if ((err = portal_warranty_check(&w, p, inv->job_id, &claim)) < 0)
		return err;
	if (w.completed_at == 0)
		return PORTAL_OK;
	text = pt_pdf_printf(d, "Labour until %s, parts until %s, for the same problem "
		"(the shop's terms below say what is not covered).",
		pt_pdf_day(labour, sizeof(labour), w.labour_until),
		pt_pdf_day(parts, sizeof(parts), w.parts_until));
	pt_pdf_text(d, "Warranty on this repair", text);
	free(text);
	return PORTAL_OK;
}

/* ---------------------------------------------------------------------
 * The document.
 */

static int build(pt_pdf_doc *d, portal *p, const portal_invoice *inv)
{
	const portal_line *credit = NULL;
	portal_id credit_id = 0;
	pt_pdf_item *table;
	char *reason;
	int err;

	d->title = pt_pdf_strdup(d, "Invoice");
	d->number = pt_pdf_strdup(d, inv->number);
	set_mark(d, inv);
	add_facts(d, p, inv);
	if ((err = pt_pdf_shop(d, p)) < 0 ||
	    (err = pt_pdf_parties(d, p, inv->client_id, inv->job_id)) < 0 ||
	    (err = pt_store_invoice_rule_line(&credit_id, p, inv->id,
		PT_SERVICE_CALL_CREDIT_RULE)) < 0)
		return err;
	table = pt_pdf_table(d, NULL, line_columns, 4);
	for (size_t i = 0; i < inv->line_count; i++) {
		if (inv->lines[i].id == credit_id)
			credit = &inv->lines[i];
		else
			pt_pdf_line_row(d, table, &inv->lines[i], NULL);
	}
	add_totals(d, inv, credit);
	if (inv->status == PORTAL_INVOICE_VOID) {
		reason = pt_pdf_printf(d, "This invoice was voided%s%s. Nothing is owed on it.",
			*inv->void_reason ? ": " : "", inv->void_reason);
		pt_pdf_text(d, "Void", reason);
		free(reason);
	}
	if ((err = add_payments(d, p, inv)) < 0 || (err = add_warranty(d, p, inv)) < 0)
		return err;
	pt_pdf_text(d, "Notes", inv->notes);
	return pt_pdf_terms(d, p);
}

int portal_invoice_pdf(portal_buf *out, portal *p, portal_id id,
	const portal_pdf_options *opt)
{
	portal_invoice *inv;
	pt_pdf_doc d;
	int err;

	if (out == NULL)
		return pt_error(p, PORTAL_EINVAL, "out", "no buffer for the PDF");
	if ((err = portal_invoice_get(&inv, p, id)) < 0)
		return err;
	pt_pdf_doc_init(&d, "invoice");
	if ((err = build(&d, p, inv)) == 0)
		err = pt_pdf_finish(out, p, &d, opt);
	pt_pdf_doc_free(&d);
	portal_invoice_free(inv);
	return err;
}
