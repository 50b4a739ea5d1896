/* SPDX-License-Identifier: MIT */
/*
 * view_money.c - the customer's money: invoices, estimates, payments and
 * the statement of account.
 *
 * Every status, amount and date shown here is the one the library
 * computed (portal_invoice_get(), portal_estimate_get(),
 * portal_statement_json() ...): a view picks and arranges, and only adds
 * up what it lists. Records are reached by the numbers customers type, and
 * one the viewer may not see (another client's, a draft, outside the
 * viewer's job) answers exactly as a number that does not exist.
 */
#include "view_build.h"
#include "local_days.h"
#include "view_fields.h"
#include "billing.h"
#include "record_json.h"
#include "store_billing.h"
#include "store_payment.h"
#include "chat_requests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---------------------------------------------------------------------
 * Small builders.
 */

/* The local date of `t` as "2026-11-22", or null for no time. */
static int add_date(pt_json_builder *b, cJSON *o, const char *name, portal_time t)
{
	char date[PORTAL_TIME_STRLEN];

	if (t == 0)
		return pt_jb_null(b, o, name);
	return pt_jb_string(b, o, name,
		portal_time_format(date, sizeof(date), b->p, t, PORTAL_TIME_DATE));
}

/* ---------------------------------------------------------------------
 * Invoices.
 */

/* Drafts are the shop's work in progress, so they are never shown, even
 * once voided. */
static int invoice_visible(const pt_viewer *v, const portal_invoice *inv)
{
	return inv->client_id == v->client_id && inv->issued_at != 0 &&
		(v->job_id == 0 || inv->job_id == v->job_id);
}

/* The fields an invoice has in the list and in its own view. */
static cJSON *invoice_summary(portal *p, const portal_invoice *inv)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_string(&b, o, "number", inv->number);
	pt_jb_id(&b, o, "job_id", inv->job_id);
	pt_jb_string(&b, o, "status", portal_invoice_status_name(inv->status));
	pt_jb_string(&b, o, "status_label", portal_invoice_status_label(inv->status));
	pt_jb_seconds(&b, o, "issued_at", inv->issued_at);
	pt_jb_seconds(&b, o, "due_at", inv->due_at);
	add_date(&b, o, "due_date", inv->due_at);
	pt_jb_int(&b, o, "days_overdue", inv->days_overdue);
	pt_jb_seconds(&b, o, "voided_at", inv->voided_at);
	pt_jb_text(&b, o, "void_reason", inv->void_reason);
	pt_jb_money(&b, o, "total", inv->totals.total);
	pt_jb_money(&b, o, "paid", inv->paid);
	pt_jb_money(&b, o, "balance", inv->balance);
	return pt_jb_done(&b, o);
}

typedef struct invoice_sums {
	int count, overdue_count;
	portal_money invoiced, paid, balance_due, overdue;
} invoice_sums;

typedef struct invoices_walk {
	portal *p;
	cJSON *list;
	invoice_sums sums;
} invoices_walk;

static int sum_invoice(invoices_walk *w, const portal_invoice *inv)
{
	invoice_sums *s = &w->sums;
	int err = 0;

	s->count++;
	if (inv->status == PORTAL_INVOICE_VOID)
		return PORTAL_OK;
	err |= pt_money_add(&s->invoiced, inv->totals.total);
	err |= pt_money_add(&s->paid, inv->paid);
	if (inv->balance > 0)
		err |= pt_money_add(&s->balance_due, inv->balance);
	if (inv->status == PORTAL_INVOICE_OVERDUE) {
		s->overdue_count++;
		err |= pt_money_add(&s->overdue, inv->balance);
	}
	return err ? pt_error(w->p, PORTAL_ERROR, NULL, "the invoices' totals are out of range") :
		PORTAL_OK;
}

static int add_invoice_row(const portal_invoice *inv, void *ctx)
{
	invoices_walk *w = ctx;
	int err;

	if (inv->issued_at == 0)
		return 0;
	if ((err = sum_invoice(w, inv)) < 0)
		return err;
	return pt_view_append(w->p, w->list, invoice_summary(w->p, inv));
}

static cJSON *invoice_sums_to_json(const invoice_sums *s)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(NULL);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "count", s->count);
	pt_jb_money(&b, o, "invoiced", s->invoiced);
	pt_jb_money(&b, o, "paid", s->paid);
	pt_jb_money(&b, o, "balance_due", s->balance_due);
	pt_jb_int(&b, o, "overdue_count", s->overdue_count);
	pt_jb_money(&b, o, "overdue", s->overdue);
	return pt_jb_done(&b, o);
}

/* The viewer's issued invoices, newest first, as an array "invoices" of
 * `o`; their sums go to `w`. */
static int list_invoices(invoices_walk *w, cJSON *o, portal *p, const pt_viewer *v)
{
	portal_invoice_filter filter = { 0, 0, 0 };

	memset(w, 0, sizeof(*w));
	w->p = p;
	filter.client_id = v->client_id;
	filter.job_id = v->job_id;
	if ((w->list = cJSON_AddArrayToObject(o, "invoices")) == NULL)
		return pt_oom(p);
	return portal_invoice_foreach(p, &filter, add_invoice_row, w);
}

int pt_view_invoices(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	invoices_walk w;
	int err;

	(void)arg;
	if ((err = list_invoices(&w, doc, p, v)) < 0)
		return err;
	pt_jb_item(&b, doc, "totals", invoice_sums_to_json(&w.sums));
	return pt_jb_error(&b);
}

int pt_view_add_job_invoices(cJSON *o, portal *p, const pt_viewer *v, portal_id job_id)
{
	pt_viewer job = *v;
	invoices_walk w;

	job.job_id = job_id;
	return list_invoices(&w, o, p, &job);
}

/* Invoice `arg`, a number as typed, if the viewer may see it; every other
 * case is the one "no invoice" answer. */
static int find_invoice(portal_invoice **out, portal *p, const pt_viewer *v, const char *arg)
{
	portal_id id;
	int err;

	*out = NULL;
	err = portal_invoice_find(&id, p, arg);
	if (err == PORTAL_ENOTFOUND)
		return pt_view_not_found(p, "invoice", arg);
	if (err < 0 || (err = portal_invoice_get(out, p, id)) < 0)
		return err;
	if (!invoice_visible(v, *out)) {
		portal_invoice_free(*out);
		*out = NULL;
		return pt_view_not_found(p, "invoice", arg);
	}
	return PORTAL_OK;
}

static cJSON *payment_to_json(portal *p, const portal_payment *pay)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();
	const char *method = portal_payment_method_name(pay->method);
	const char *label = portal_payment_method_label(pay->method);
	int refund = pay->refund_of != 0;

	if (o == NULL)
		return NULL;
	pt_jb_string(&b, o, "kind", refund ? "refund" : "payment");
	pt_jb_text(&b, o, "invoice_number", pay->invoice_number);
	pt_jb_bool(&b, o, "account_credit", pay->invoice_id == 0);
	pt_jb_money(&b, o, "amount", pay->amount);
	pt_jb_string(&b, o, "method", method ? method : "other");
	pt_jb_string(&b, o, "method_label", label ? label : "Other");
	pt_jb_seconds(&b, o, "received_at", pay->received_at);
	pt_jb_text(&b, o, "reference", pay->reference);
	pt_jb_text(&b, o, "reason", pay->reason);
	pt_jb_money(&b, o, "refunded", refund ? 0 : pay->refunded);
	return pt_jb_done(&b, o);
}

typedef struct payments_of {
	portal *p;
	cJSON *list;
} payments_of;

static int add_invoice_payment(const portal_payment *pay, void *ctx)
{
	payments_of *w = ctx;

	return pt_view_append(w->p, w->list, payment_to_json(w->p, pay));
}

/* The line that credits the service call fee toward this repair, when
 * the rule applied; else null. */
static int add_service_call_credit(cJSON *o, portal *p, const portal_invoice *inv)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	const portal_line *l = NULL;
	portal_id line_id;
	cJSON *c;
	int err;

	if ((err = pt_store_invoice_rule_line(&line_id, p, inv->id, PT_SERVICE_CALL_CREDIT_RULE)) < 0)
		return err;
	for (size_t i = 0; line_id && i < inv->line_count; i++)
		if (inv->lines[i].id == line_id)
			l = &inv->lines[i];
	if (l == NULL)
		return cJSON_AddNullToObject(o, "service_call_credit") ? PORTAL_OK : pt_oom(p);
	c = pt_jb_object(&b, o, "service_call_credit");
	pt_jb_int(&b, c, "position", l->position);
	pt_jb_string(&b, c, "description", l->description);
	/* The line subtracts; the customer reads what was credited. */
	pt_jb_money(&b, c, "amount", -l->amount);
	pt_jb_bool(&b, c, "taxable", l->taxable);
	pt_jb_string(&b, c, "explanation",
		"The service call fee is credited toward the repair because you went ahead "
		"with it.");
	return pt_jb_error(&b);
}

/* The warranty of the repair the invoice bills; null for an invoice that
 * bills no repair (a diagnosis or a fee) or is void. */
static int add_warranty(cJSON *o, portal *p, const portal_invoice *inv)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	portal_warranty w;
	cJSON *wj;
	int err;

	if (inv->job_id == 0 || inv->status == PORTAL_INVOICE_VOID || !pt_invoice_bills_repair(inv))
		return cJSON_AddNullToObject(o, "warranty") ? PORTAL_OK : pt_oom(p);
	if ((err = portal_warranty_check(&w, p, inv->job_id, NULL)) < 0)
		return err;
	wj = pt_jb_object(&b, o, "warranty");
	pt_jb_bool(&b, wj, "completed", w.completed_at != 0);
	pt_jb_seconds(&b, wj, "completed_at", w.completed_at);
	pt_jb_text(&b, wj, "labour_until", w.labour_until);
	pt_jb_text(&b, wj, "parts_until", w.parts_until);
	pt_jb_bool(&b, wj, "labour_covered", w.labour_covered);
	pt_jb_bool(&b, wj, "parts_covered", w.parts_covered);
	pt_jb_string(&b, wj, "explanation", w.explanation);
	return pt_jb_error(&b);
}

static int add_estimate_number(cJSON *o, portal *p, const portal_invoice *inv)
{
	portal_estimate *e = NULL;
	int err;

	if (inv->estimate_id == 0)
		return cJSON_AddNullToObject(o, "estimate_number") ? PORTAL_OK : pt_oom(p);
	if ((err = portal_estimate_get(&e, p, inv->estimate_id)) < 0)
		return err;
	if (!cJSON_AddStringToObject(o, "estimate_number", e->number))
		err = pt_oom(p);
	portal_estimate_free(e);
	return err;
}

int pt_view_invoice(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	portal_invoice *inv = NULL;
	payments_of pays = { p, NULL };
	cJSON *o;
	int err;

	if ((err = find_invoice(&inv, p, v, arg)) < 0)
		return err;
	o = pt_jb_item(&b, doc, "invoice", invoice_summary(p, inv));
	pt_jb_text(&b, o, "notes", inv->notes);
	pt_jb_item(&b, o, "lines", pt_lines_to_json(p, inv->lines, inv->line_count, 0));
	pt_jb_item(&b, o, "totals", pt_totals_to_json(&inv->totals));
	pays.list = pt_jb_array(&b, o, "payments");
	if ((err = pt_jb_error(&b)) < 0 ||
	    (err = add_service_call_credit(o, p, inv)) < 0 ||
	    (err = add_estimate_number(o, p, inv)) < 0 ||
	    (err = add_warranty(o, p, inv)) < 0)
		goto done;
	err = portal_payment_foreach(p, 0, inv->id, add_invoice_payment, &pays);
done:
	portal_invoice_free(inv);
	return err;
}

/* ---------------------------------------------------------------------
 * Estimates.
 */

static int estimate_visible(const pt_viewer *v, const portal_estimate *e)
{
	return e->client_id == v->client_id && e->issued_at != 0 &&
		(v->job_id == 0 || e->job_id == v->job_id);
}

/* The latest decision on any line: who decided, and when. */
static const portal_line *latest_decision(const portal_estimate *e)
{
	const portal_line *latest = NULL;

	for (size_t i = 0; i < e->line_count; i++)
		if (e->lines[i].decided_at && (latest == NULL ||
		    e->lines[i].decided_at >= latest->decided_at))
			latest = &e->lines[i];
	return latest;
}

static cJSON *estimate_summary(portal *p, const portal_estimate *e)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	const portal_line *decided = latest_decision(e);
	cJSON *o = cJSON_CreateObject();
	char last[11];
	int64_t day;
	int asked = 0;

	if (o == NULL)
		return NULL;
	pt_jb_string(&b, o, "number", e->number);
	pt_jb_id(&b, o, "job_id", e->job_id);
	pt_jb_string(&b, o, "status", portal_estimate_status_name(e->status));
	pt_jb_string(&b, o, "status_label", pt_estimate_status_label(e->status));
	pt_jb_seconds(&b, o, "issued_at", e->issued_at);
	pt_jb_seconds(&b, o, "valid_until", e->valid_until);
	/* valid_until is the first expired instant: the last valid day is the
	 * one before, as people say it. */
	if (pt_local_day(&day, p, e->valid_until) == 0)
		pt_jb_string(&b, o, "last_valid_day", pt_day_format(last, day - 1));
	else
		pt_jb_null(&b, o, "last_valid_day");
	pt_jb_bool(&b, o, "expired", e->status == PORTAL_ESTIMATE_EXPIRED);
	pt_jb_bool(&b, o, "can_approve", pt_estimate_can_approve(e));
	/* An expired estimate offers to ask for a new one, until asked. */
	if (e->status == PORTAL_ESTIMATE_EXPIRED)
		pt_jb_check(&b, pt_estimate_renewal_asked(&asked, p, e) == 0);
	pt_jb_bool(&b, o, "new_estimate_asked", asked);
	pt_jb_bool(&b, o, "can_ask_new", e->status == PORTAL_ESTIMATE_EXPIRED && !asked);
	pt_jb_money(&b, o, "total", e->totals.total);
	pt_jb_money(&b, o, "approved_total", e->approved.total);
	pt_jb_seconds(&b, o, "decided_at", decided ? decided->decided_at : 0);
	pt_jb_text(&b, o, "decided_by", decided ? decided->decided_by : NULL);
	return pt_jb_done(&b, o);
}

static int collect_estimate(const portal_estimate *e, void *ctx)
{
	pt_id_list *l = ctx;

	return estimate_visible(l->v, e) ? pt_id_list_add(l, e->id) : 0;
}

/* The viewer's sent estimates, newest first, as an array "estimates" of
 * `o`; `*open` counts those that can be approved now. */
static int list_estimates(int *open, cJSON *o, portal *p, const pt_viewer *v)
{
	pt_id_list ids = { p, v, NULL, 0, 0 };
	cJSON *list;
	int err;

	*open = 0;
	if ((list = cJSON_AddArrayToObject(o, "estimates")) == NULL)
		return pt_oom(p);
	err = portal_estimate_foreach(p, v->client_id, collect_estimate, &ids);
	for (size_t i = 0; err == 0 && i < ids.n; i++) {
		portal_estimate *e = NULL;
		if ((err = portal_estimate_get(&e, p, ids.ids[i])) == 0) {
			*open += pt_estimate_can_approve(e);
			err = pt_view_append(p, list, estimate_summary(p, e));
		}
		portal_estimate_free(e);
	}
	free(ids.ids);
	return err;
}

int pt_view_estimates(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	int err, open;

	(void)arg;
	if ((err = list_estimates(&open, doc, p, v)) == 0 &&
	    !cJSON_AddNumberToObject(doc, "awaiting_decision", open))
		err = pt_oom(p);
	return err;
}

int pt_view_add_job_estimates(cJSON *o, portal *p, const pt_viewer *v, portal_id job_id)
{
	pt_viewer job = *v;
	int open;

	job.job_id = job_id;
	return list_estimates(&open, o, p, &job);
}

/* A line's decision in words; a line still pending on an expired
 * estimate waits for nothing any more, and says since when. */
static const char *decision_label(char *buf, size_t len, portal *p, const portal_estimate *e,
	portal_decision d)
{
	char last[32];
	int64_t day;

	switch (d) {
	case PORTAL_DECISION_APPROVED: return "Approved";
	case PORTAL_DECISION_DECLINED: return "Declined";
	default: break;
	}
	if (e->status != PORTAL_ESTIMATE_EXPIRED)
		return "Waiting for your decision";
	if (pt_local_day(&day, p, e->valid_until) < 0)
		return "Expired";
	pt_day_words(last, sizeof(last), p, day - 1, PT_WORDS_NOW);
	snprintf(buf, len, "Expired at the end of %s", last);
	return buf;
}

/* Estimate lines with the library's decisions; decision times also as
 * seconds, like every time in a view. */
static cJSON *estimate_lines_to_json(portal *p, const portal_estimate *e)
{
	cJSON *a = pt_lines_to_json(p, e->lines, e->line_count, 1), *l;
	char label[64];
	size_t i = 0;

	cJSON_ArrayForEach(l, a) {
		const portal_line *line = &e->lines[i];
		cJSON_DeleteItemFromObject(l, "decided_at");
		cJSON_DeleteItemFromObject(l, "decided_by");
		cJSON_DeleteItemFromObject(l, "inspection_item_id");
		if (!cJSON_AddStringToObject(l, "decision_label", decision_label(label, sizeof(label),
				p, e, line->decision)) ||
		    !pt_view_add_text_or_null(l, "decided_by", line->decided_by) ||
		    !pt_view_add_time(l, "decided_at", p, line->decided_at)) {
			cJSON_Delete(a);
			return NULL;
		}
		i++;
	}
	return a;
}

int pt_view_estimate(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	portal_estimate *e = NULL;
	portal_id id;
	char notice[200];
	cJSON *o;
	int err;

	err = portal_estimate_find(&id, p, arg);
	if (err == PORTAL_ENOTFOUND)
		return pt_view_not_found(p, "estimate", arg);
	if (err < 0 || (err = portal_estimate_get(&e, p, id)) < 0)
		return err;
	if (!estimate_visible(v, e)) {
		err = pt_view_not_found(p, "estimate", arg);
		goto done;
	}
	if ((err = pt_estimate_validity_notice(notice, sizeof(notice), p, e,
		PT_WORDS_NOW)) < 0)
		goto done;
	o = pt_jb_item(&b, doc, "estimate", estimate_summary(p, e));
	pt_jb_string(&b, o, "validity_notice", notice);
	pt_jb_text(&b, o, "notes", e->notes);
	pt_jb_item(&b, o, "lines", estimate_lines_to_json(p, e));
	pt_jb_item(&b, o, "totals", pt_totals_to_json(&e->totals));
	pt_jb_item(&b, o, "approved", pt_totals_to_json(&e->approved));
	err = pt_jb_error(&b);
done:
	portal_estimate_free(e);
	return err;
}

/* ---------------------------------------------------------------------
 * Payments.
 */

typedef struct month_sum {
	char month[8];              /* "2026-11" */
	int count;
	portal_money received, refunded;
} month_sum;

typedef struct payments_walk {
	portal *p;
	const pt_viewer *v;
	const pt_id_list *invoices;    /* the invoices in the viewer's job */
	cJSON *list;
	int64_t counts[PT_PAY_METHOD_LAST + 1];
	portal_money amounts[PT_PAY_METHOD_LAST + 1];
	int count;
	portal_money received, refunded;
	month_sum *months;          /* oldest first, as the walk goes */
	size_t nmonths, months_cap;
} payments_walk;

/* The sums of the month of local day `day` ("2026-11-22"). The walk goes
 * in time order, so a month is the last one or a new one. */
static month_sum *month_of(payments_walk *w, const char *day)
{
	if (w->nmonths && strncmp(w->months[w->nmonths - 1].month, day, 7) == 0)
		return &w->months[w->nmonths - 1];
	if (w->nmonths == w->months_cap) {
		size_t ncap = w->months_cap ? w->months_cap * 2 : 16;
		month_sum *grown = realloc(w->months, ncap * sizeof(*grown));
		if (grown == NULL)
			return NULL;
		w->months = grown;
		w->months_cap = ncap;
	}
	memset(&w->months[w->nmonths], 0, sizeof(*w->months));
	memcpy(w->months[w->nmonths].month, day, 7);
	return &w->months[w->nmonths++];
}

/* Count a payment or refund as the library's breakdown does: payments
 * counted and added, refunds subtracted under their payment's method. */
static int sum_payment(payments_walk *w, const portal_payment *pay)
{
	char day[11];
	int64_t local;
	month_sum *m;
	int m_idx = pay->method >= PORTAL_PAY_CASH && pay->method <= PT_PAY_METHOD_LAST ?
		(int)pay->method : (int)PORTAL_PAY_OTHER;
	int refund = pay->refund_of != 0, err = 0;

	if ((err = pt_local_day(&local, w->p, pay->received_at)) < 0)
		return err;
	pt_day_format(day, local);
	if ((m = month_of(w, day)) == NULL)
		return pt_oom(w->p);
	err |= pt_money_add(&w->amounts[m_idx], pay->amount);
	if (refund) {
		err |= pt_money_add(&w->refunded, -pay->amount);
		err |= pt_money_add(&m->refunded, -pay->amount);
	} else {
		w->counts[m_idx]++;
		w->count++;
		m->count++;
		err |= pt_money_add(&w->received, pay->amount);
		err |= pt_money_add(&m->received, pay->amount);
	}
	return err ? pt_error(w->p, PORTAL_ERROR, NULL, "the payments' totals are out of range") :
		PORTAL_OK;
}

static int add_payment_row(const portal_payment *pay, void *ctx)
{
	payments_walk *w = ctx;
	cJSON *item;
	int err;

	/* Through a job's link: the payments on that job's invoices only,
	 * so no account credit, which belongs to no job. */
	if (w->v->job_id != 0 && (pay->invoice_id == 0 || !pt_id_list_has(w->invoices, pay->invoice_id)))
		return 0;
	if ((err = sum_payment(w, pay)) < 0)
		return err;
	/* The walk goes oldest first; the view lists newest first. */
	item = payment_to_json(w->p, pay);
	if (item == NULL || !cJSON_InsertItemInArray(w->list, 0, item)) {
		cJSON_Delete(item);
		return pt_oom(w->p);
	}
	return PORTAL_OK;
}

static int collect_invoice(const portal_invoice *inv, void *ctx)
{
	return pt_id_list_add(ctx, inv->id);
}

static cJSON *by_method_to_json(const payments_walk *w)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(w->p);
	cJSON *a = cJSON_CreateArray();

	for (int m = PORTAL_PAY_CASH; a != NULL && !b.failed && m <= PT_PAY_METHOD_LAST; m++) {
		portal_payment_method method = (portal_payment_method)m;
		cJSON *o = pt_jb_append(&b, a, cJSON_CreateObject());
		pt_jb_string(&b, o, "method", portal_payment_method_name(method));
		pt_jb_string(&b, o, "label", portal_payment_method_label(method));
		pt_jb_int(&b, o, "count", w->counts[m]);
		pt_jb_money(&b, o, "amount", w->amounts[m]);
	}
	return pt_jb_done(&b, a);
}

/* Payments counted, money received and refunded, and what is left. */
static void add_money_sums(pt_json_builder *b, cJSON *o, int count, portal_money received,
	portal_money refunded)
{
	pt_jb_int(b, o, "count", count);
	pt_jb_money(b, o, "received", received);
	pt_jb_money(b, o, "refunded", refunded);
	pt_jb_money(b, o, "net", received - refunded);
}

/* Months newest first, like the payments. */
static cJSON *months_to_json(const payments_walk *w)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(w->p);
	cJSON *a = cJSON_CreateArray();

	for (size_t i = w->nmonths; a != NULL && !b.failed && i > 0; i--) {
		const month_sum *m = &w->months[i - 1];
		cJSON *o = pt_jb_append(&b, a, cJSON_CreateObject());
		pt_jb_string(&b, o, "month", m->month);
		add_money_sums(&b, o, m->count, m->received, m->refunded);
	}
	return pt_jb_done(&b, a);
}

/* Account credit belongs to the client, not to a job: null through a
 * job's link. */
static int add_account_credit(cJSON *doc, portal *p, const pt_viewer *v)
{
	portal_money credit = 0;
	int err;

	if (v->job_id != 0)
		return cJSON_AddNullToObject(doc, "account_credit") &&
			cJSON_AddNullToObject(doc, "account_credit_text") ? PORTAL_OK : pt_oom(p);
	if ((err = portal_account_credit(&credit, p, v->client_id)) < 0)
		return err;
	return pt_json_add_money(doc, "account_credit", credit) ? PORTAL_OK : pt_oom(p);
}

/* What the walk summed: by method, by month and in all. */
static int add_payment_sums(cJSON *doc, const payments_walk *w)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(w->p);
	cJSON *totals;

	pt_jb_item(&b, doc, "by_method", by_method_to_json(w));
	pt_jb_item(&b, doc, "by_month", months_to_json(w));
	totals = pt_jb_object(&b, doc, "totals");
	add_money_sums(&b, totals, w->count, w->received, w->refunded);
	return pt_jb_error(&b);
}

int pt_view_payments(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	portal_invoice_filter filter = { 0, 0, 0 };
	pt_id_list invoices = { p, v, NULL, 0, 0 };
	payments_walk w;
	int err = PORTAL_OK;

	(void)arg;
	memset(&w, 0, sizeof(w));
	w.p = p;
	w.v = v;
	w.invoices = &invoices;
	filter.client_id = v->client_id;
	filter.job_id = v->job_id;
	if ((w.list = cJSON_AddArrayToObject(doc, "payments")) == NULL)
		return pt_oom(p);
	if ((v->job_id == 0 ||
	     (err = portal_invoice_foreach(p, &filter, collect_invoice, &invoices)) == 0) &&
	    (err = portal_payment_foreach(p, v->client_id, 0, add_payment_row, &w)) == 0 &&
	    (err = add_payment_sums(doc, &w)) == 0)
		err = add_account_credit(doc, p, v);
	free(invoices.ids);
	free(w.months);
	return err;
}

/* ---------------------------------------------------------------------
 * The statement of account.
 */

/* The statement's amounts, in cents: each gets its "_text". */
static const char *const statement_money[] = {
	"amount", "balance", "total", "paid", "account_credit",
	"current", "days_1_30", "days_31_60", "days_61_90", "over_90",
};

/* The statement's times, as ISO 8601 text from the library. */
static const char *const statement_times[] = { "at", "as_of" };

/* Left out: the frame names the client, and the portal reaches
 * documents by their numbers, not by the shop's ids. */
static const char *const statement_left_out[] = {
	"client_id", "client_name", "invoice_id", "payment_id",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static int is_one_of(const char *key, const char *const names[], size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(key, names[i]) == 0)
			return 1;
	return 0;
}

/* A time the library wrote as text, as seconds with that text. */
static int add_time_text(cJSON *o, const char *name, portal *p, const char *text)
{
	portal_time t;
	int err;

	if ((err = portal_time_parse(&t, p, text)) < 0)
		return err;
	return pt_view_add_time(o, name, p, t) ? PORTAL_OK : pt_oom(p);
}

static cJSON *statement_copy(portal *p, const cJSON *from, int *err);

static cJSON *statement_array_copy(portal *p, const cJSON *from, int *err)
{
	cJSON *a = cJSON_CreateArray();
	const cJSON *el;

	if (a == NULL) {
		*err = pt_oom(p);
		return NULL;
	}
	cJSON_ArrayForEach(el, from) {
		cJSON *copy = *err == 0 ? statement_copy(p, el, err) : NULL;
		if (*err == 0)
			*err = pt_view_append(p, a, copy);
	}
	if (*err < 0) {
		cJSON_Delete(a);
		return NULL;
	}
	return a;
}

/*
 * A copy of an object of the library's statement in the form of a view:
 * times as seconds with their text, amounts with their text, the client's
 * id and name left to the frame. Every amount is the library's.
 */
static cJSON *statement_copy(portal *p, const cJSON *from, int *err)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();
	const cJSON *item;

	pt_jb_check(&b, o != NULL);
	cJSON_ArrayForEach(item, from) {
		const char *k = item->string;
		if (b.failed || *err < 0)
			break;
		if (k == NULL || is_one_of(k, statement_left_out, COUNT(statement_left_out)))
			continue;
		if (cJSON_IsObject(item))
			pt_jb_item(&b, o, k, statement_copy(p, item, err));
		else if (cJSON_IsArray(item))
			pt_jb_item(&b, o, k, statement_array_copy(p, item, err));
		else if (cJSON_IsNumber(item) && is_one_of(k, statement_money, COUNT(statement_money)))
			pt_jb_money(&b, o, k, (portal_money)item->valuedouble);
		else if (cJSON_IsString(item) && is_one_of(k, statement_times, COUNT(statement_times)))
			*err = add_time_text(o, k, p, item->valuestring);
		else
			pt_jb_item(&b, o, k, cJSON_Duplicate(item, 1));
	}
	if (*err == 0)
		*err = pt_jb_error(&b);
	if (*err < 0) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

int pt_view_statement(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	portal_buf text = PORTAL_BUF_INIT;
	cJSON *lib = NULL, *st = NULL;
	int err;

	(void)arg;
	/* The statement covers every job of the client: a link to one job
	 * must not show the others. */
	if (v->job_id != 0)
		return pt_error(p, PORTAL_EDENIED, NULL,
			"this link shows one job; the statement of account covers all your jobs: "
			"find your portal with your invoice and house numbers, or ask the shop");
	if ((err = portal_statement_json(&text, p, v->client_id, 0)) < 0)
		return err;
	if ((lib = cJSON_Parse(text.ptr)) == NULL)
		err = pt_oom(p);
	else if ((st = statement_copy(p, lib, &err)) != NULL &&
		 !cJSON_AddItemToObject(doc, "statement", st)) {
		cJSON_Delete(st);
		err = pt_oom(p);
	}
	cJSON_Delete(lib);
	portal_buf_dispose(&text);
	return err;
}
