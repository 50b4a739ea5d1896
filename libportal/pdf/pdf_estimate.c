/* SPDX-License-Identifier: MIT */
/*
 * pdf_estimate.c - an estimate as a PDF: the proposed work line by line,
 * how long it can be approved, and what the customer decided on each line.
 */
#include "pdf_doc.h"
#include "local_days.h"
#include "billing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const pt_pdf_column estimate_columns[] = {
	{ "DESCRIPTION", 0.46f, 0 },
	{ "QTY", 0.08f, 1 },
	{ "UNIT PRICE", 0.14f, 1 },
	{ "AMOUNT", 0.14f, 1 },
	{ "DECISION", 0.18f, 0 },
};

static void set_mark(pt_pdf_doc *d, const portal_estimate *e)
{
	static const struct {
		portal_estimate_status status;
		const char *mark;
		pt_pdf_tone tone;
	} marks[] = {
		{ PORTAL_ESTIMATE_DRAFT, "DRAFT", PT_PDF_TONE_MUTED },
		{ PORTAL_ESTIMATE_SENT, "AWAITING APPROVAL", PT_PDF_TONE_NOTICE },
		{ PORTAL_ESTIMATE_PARTLY_DECIDED, "PARTLY DECIDED", PT_PDF_TONE_NOTICE },
		{ PORTAL_ESTIMATE_APPROVED, "APPROVED", PT_PDF_TONE_GOOD },
		{ PORTAL_ESTIMATE_PARTLY_APPROVED, "PARTLY APPROVED", PT_PDF_TONE_GOOD },
		{ PORTAL_ESTIMATE_DECLINED, "DECLINED", PT_PDF_TONE_MUTED },
		{ PORTAL_ESTIMATE_EXPIRED, "EXPIRED", PT_PDF_TONE_ALERT },
	};

	for (size_t i = 0; i < sizeof(marks) / sizeof(marks[0]); i++)
		if (marks[i].status == e->status)
			pt_pdf_mark(d, marks[i].mark, marks[i].tone);
}

/* "Valid until" is the last day it can be approved, as people say it:
 * valid_until is the first instant it cannot. */
static int add_facts(pt_pdf_doc *d, portal *p, const portal_estimate *e)
{
	char date[PORTAL_WORDS_LEN], last[PORTAL_WORDS_LEN], *job;
	int64_t day;
	int err;

	pt_pdf_fact(d, "Status", pt_estimate_status_label(e->status));
	pt_pdf_fact(d, "Issued", pt_pdf_date(date, sizeof(date), p, e->issued_at));
	if (e->valid_until != 0) {
		if ((err = pt_local_day(&day, p, e->valid_until)) < 0)
			return err;
		if ((err = pt_day_words(last, sizeof(last), p, day - 1, 0)) < 0)
			return err;
		pt_pdf_fact(d, "Valid until", last);
	}
	if (e->job_id != 0) {
		job = pt_pdf_printf(d, "%lld", (long long)e->job_id);
		pt_pdf_fact(d, "Job", job);
		free(job);
	}
	return PORTAL_OK;
}

/* The decision in the last column, and under the description who
 * decided and when. */
static void add_line_row(pt_pdf_doc *d, portal *p, pt_pdf_item *table, const portal_line *l)
{
	const char *decision = l->decision == PORTAL_DECISION_APPROVED ? "Approved" :
		l->decision == PORTAL_DECISION_DECLINED ? "Declined" : "Pending";
	char when[PORTAL_WORDS_LEN];
	pt_pdf_row *row = pt_pdf_line_row(d, table, l, decision);

	if (row != NULL && l->decided_at != 0) {
		free(row->note);
		row->note = pt_pdf_printf(d, "%s by %s on %s", decision, l->decided_by,
			pt_time_words(when, sizeof(when), p, l->decided_at, PORTAL_WORDS_DAY_TIME, 0) == 0 ?
			when : "");
	}
}

static void add_totals(pt_pdf_doc *d, const portal_estimate *e)
{
	pt_pdf_item *t = pt_pdf_totals(d);
	int decided = e->approved.subtotal != 0 || e->status == PORTAL_ESTIMATE_APPROVED ||
		e->status == PORTAL_ESTIMATE_PARTLY_APPROVED;

	pt_pdf_money_total(d, t, "Subtotal", e->totals.subtotal, 0);
	pt_pdf_tax_total(d, t, &e->totals);
	pt_pdf_money_total(d, t, "Estimate total", e->totals.total, 1);
	if (decided)
		pt_pdf_money_total(d, t, "Approved total", e->approved.total, 1);
}

static int build(pt_pdf_doc *d, portal *p, const portal_estimate *e)
{
	char notice[300];
	pt_pdf_item *table;
	int err;

	d->title = pt_pdf_strdup(d, "Estimate");
	d->number = pt_pdf_strdup(d, e->number);
	set_mark(d, e);
	if ((err = add_facts(d, p, e)) < 0 || (err = pt_pdf_shop(d, p)) < 0 ||
	    (err = pt_pdf_parties(d, p, e->client_id, e->job_id)) < 0)
		return err;
	table = pt_pdf_table(d, NULL, estimate_columns, 5);
	for (size_t i = 0; i < e->line_count; i++)
		add_line_row(d, p, table, &e->lines[i]);
	add_totals(d, e);
	if (e->valid_until != 0) {
		if ((err = pt_estimate_validity_notice(notice, sizeof(notice), p, e, 0)) < 0)
			return err;
		pt_pdf_text(d, "Approval", notice);
	}
	pt_pdf_text(d, "Notes", e->notes);
	return pt_pdf_terms(d, p);
}

int portal_estimate_pdf(portal_buf *out, portal *p, portal_id id,
	const portal_pdf_options *opt)
{
	portal_estimate *e;
	pt_pdf_doc d;
	int err;

	if (out == NULL)
		return pt_error(p, PORTAL_EINVAL, "out", "no buffer for the PDF");
	if ((err = portal_estimate_get(&e, p, id)) < 0)
		return err;
	pt_pdf_doc_init(&d, "estimate");
	if ((err = build(&d, p, e)) == 0)
		err = pt_pdf_finish(out, p, &d, opt);
	pt_pdf_doc_free(&d);
	portal_estimate_free(e);
	return err;
}
