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

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ADD(expr) (failed |= ((expr) == NULL))


/* ---------------------------------------------------------------------
 * Small builders.
 */

/* The local date of `t` as "2026-11-22", or null for no time. */
static cJSON *add_date(cJSON *o, const char *name, portal *p, portal_time t)
{
	char date[PORTAL_TIME_STRLEN];

	if (t == 0)
		return cJSON_AddNullToObject(o, name);
	return cJSON_AddStringToObject(o, name,
		portal_time_format(date, sizeof(date), p, t, PORTAL_TIME_DATE));
}

/* Attach `child` (NULL when it could not be built) to `o` under `name`. */
static cJSON *add_child(cJSON *o, const char *name, cJSON *child)
{
	if (child == NULL || !cJSON_AddItemToObject(o, name, child)) {
		cJSON_Delete(child);
		return NULL;
	}
	return child;
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
	cJSON *o = cJSON_CreateObject();
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(cJSON_AddStringToObject(o, "number", inv->number));
	ADD(pt_json_add_id(o, "job_id", inv->job_id));
	ADD(cJSON_AddStringToObject(o, "status", portal_invoice_status_name(inv->status)));
	ADD(cJSON_AddStringToObject(o, "status_label", portal_invoice_status_label(inv->status)));
	ADD(pt_view_add_time(o, "issued_at", p, inv->issued_at));
	ADD(pt_view_add_time(o, "due_at", p, inv->due_at));
	ADD(add_date(o, "due_date", p, inv->due_at));
	ADD(cJSON_AddNumberToObject(o, "days_overdue", inv->days_overdue));
	ADD(pt_view_add_time(o, "voided_at", p, inv->voided_at));
	ADD(pt_view_add_text_or_null(o, "void_reason", inv->void_reason));
	ADD(pt_json_add_money(o, "total", inv->totals.total));
	ADD(pt_json_add_money(o, "paid", inv->paid));
	ADD(pt_json_add_money(o, "balance", inv->balance));
	if (failed) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
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
	cJSON *o = cJSON_CreateObject();
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(cJSON_AddNumberToObject(o, "count", s->count));
	ADD(pt_json_add_money(o, "invoiced", s->invoiced));
	ADD(pt_json_add_money(o, "paid", s->paid));
	ADD(pt_json_add_money(o, "balance_due", s->balance_due));
	ADD(cJSON_AddNumberToObject(o, "overdue_count", s->overdue_count));
	ADD(pt_json_add_money(o, "overdue", s->overdue));
	if (failed) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
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
	invoices_walk w;
	int err;

	(void)arg;
	if ((err = list_invoices(&w, doc, p, v)) < 0)
		return err;
	return add_child(doc, "totals", invoice_sums_to_json(&w.sums)) ? PORTAL_OK : pt_oom(p);
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
	cJSON *o = cJSON_CreateObject();
	const char *method = portal_payment_method_name(pay->method);
	const char *label = portal_payment_method_label(pay->method);
	int failed = o == NULL, refund = pay->refund_of != 0;

	if (failed)
		return NULL;
	ADD(cJSON_AddStringToObject(o, "kind", refund ? "refund" : "payment"));
	ADD(pt_view_add_text_or_null(o, "invoice_number", pay->invoice_number));
	ADD(cJSON_AddBoolToObject(o, "account_credit", pay->invoice_id == 0));
	ADD(pt_json_add_money(o, "amount", pay->amount));
	ADD(cJSON_AddStringToObject(o, "method", method ? method : "other"));
	ADD(cJSON_AddStringToObject(o, "method_label", label ? label : "Other"));
	ADD(pt_view_add_time(o, "received_at", p, pay->received_at));
	ADD(pt_view_add_text_or_null(o, "reference", pay->reference));
	ADD(pt_view_add_text_or_null(o, "reason", pay->reason));
	ADD(pt_json_add_money(o, "refunded", refund ? 0 : pay->refunded));
	if (failed) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
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
	const portal_line *l = NULL;
	portal_id line_id;
	cJSON *c;
	int err, failed = 0;

	if ((err = pt_store_invoice_rule_line(&line_id, p, inv->id, PT_SERVICE_CALL_CREDIT_RULE)) < 0)
		return err;
	for (size_t i = 0; line_id && i < inv->line_count; i++)
		if (inv->lines[i].id == line_id)
			l = &inv->lines[i];
	if (l == NULL)
		return cJSON_AddNullToObject(o, "service_call_credit") ? PORTAL_OK : pt_oom(p);
	if ((c = cJSON_AddObjectToObject(o, "service_call_credit")) == NULL)
		return pt_oom(p);
	ADD(cJSON_AddNumberToObject(c, "position", l->position));
	ADD(cJSON_AddStringToObject(c, "description", l->description));
	/* The line subtracts; the customer reads what was credited. */
	ADD(pt_json_add_money(c, "amount", -l->amount));
	ADD(cJSON_AddBoolToObject(c, "taxable", l->taxable));
	ADD(cJSON_AddStringToObject(c, "explanation",
		"The service call fee is credited toward the repair because you went ahead "
		"with it."));
	return failed ? pt_oom(p) : PORTAL_OK;
}

/* The warranty of the repair the invoice bills; null for an invoice that
 * bills no repair (a diagnosis or a fee) or is void. */
static int add_warranty(cJSON *o, portal *p, const portal_invoice *inv)
{
	portal_warranty w;
	cJSON *wj;
	int err, failed = 0;

	if (inv->job_id == 0 || inv->status == PORTAL_INVOICE_VOID || !pt_invoice_bills_repair(inv))
		return cJSON_AddNullToObject(o, "warranty") ? PORTAL_OK : pt_oom(p);
	if ((err = portal_warranty_check(&w, p, inv->job_id, NULL)) < 0)
		return err;
	if ((wj = cJSON_AddObjectToObject(o, "warranty")) == NULL)
		return pt_oom(p);
	ADD(cJSON_AddBoolToObject(wj, "completed", w.completed_at != 0));
	ADD(pt_view_add_time(wj, "completed_at", p, w.completed_at));
	ADD(pt_view_add_text_or_null(wj, "labour_until", w.labour_until));
	ADD(pt_view_add_text_or_null(wj, "parts_until", w.parts_until));
	ADD(cJSON_AddBoolToObject(wj, "labour_covered", w.labour_covered));
	ADD(cJSON_AddBoolToObject(wj, "parts_covered", w.parts_covered));
	ADD(cJSON_AddStringToObject(wj, "explanation", w.explanation));
	return failed ? pt_oom(p) : PORTAL_OK;
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
	portal_invoice *inv = NULL;
	payments_of pays = { p, NULL };
	cJSON *o;
	int err, failed = 0;

	if ((err = find_invoice(&inv, p, v, arg)) < 0)
		return err;
	if ((o = add_child(doc, "invoice", invoice_summary(p, inv))) == NULL) {
		err = pt_oom(p);
		goto done;
	}
	ADD(pt_view_add_text_or_null(o, "notes", inv->notes));
	ADD(add_child(o, "lines", pt_lines_to_json(p, inv->lines, inv->line_count, 0)));
	ADD(add_child(o, "totals", pt_totals_to_json(&inv->totals)));
	ADD(pays.list = cJSON_AddArrayToObject(o, "payments"));
	if (failed) {
		err = pt_oom(p);
		goto done;
	}
	if ((err = add_service_call_credit(o, p, inv)) < 0 ||
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
	const portal_line *decided = latest_decision(e);
	cJSON *o = cJSON_CreateObject();
	char last[11];
	int64_t day;
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(cJSON_AddStringToObject(o, "number", e->number));
	ADD(pt_json_add_id(o, "job_id", e->job_id));
	ADD(cJSON_AddStringToObject(o, "status", portal_estimate_status_name(e->status)));
	ADD(cJSON_AddStringToObject(o, "status_label", pt_estimate_status_label(e->status)));
	ADD(pt_view_add_time(o, "issued_at", p, e->issued_at));
	ADD(pt_view_add_time(o, "valid_until", p, e->valid_until));
	/* valid_until is the first expired instant: the last valid day is the
	 * one before, as people say it. */
	if (pt_local_day(&day, p, e->valid_until) == 0)
		ADD(cJSON_AddStringToObject(o, "last_valid_day", pt_day_format(last, day - 1)));
	else
		ADD(cJSON_AddNullToObject(o, "last_valid_day"));
	ADD(cJSON_AddBoolToObject(o, "expired", e->status == PORTAL_ESTIMATE_EXPIRED));
	ADD(cJSON_AddBoolToObject(o, "can_approve", pt_estimate_can_approve(e)));
	ADD(pt_json_add_money(o, "total", e->totals.total));
	ADD(pt_json_add_money(o, "approved_total", e->approved.total));
	ADD(pt_view_add_time(o, "decided_at", p, decided ? decided->decided_at : 0));
	ADD(pt_view_add_text_or_null(o, "decided_by", decided ? decided->decided_by : NULL));
	if (failed) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
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

static const char *decision_label(portal_decision d)
{
	switch (d) {
	case PORTAL_DECISION_APPROVED: return "Approved";
	case PORTAL_DECISION_DECLINED: return "Declined";
	default: return "Waiting for your decision";
	}
}

/* Estimate lines with the library's decisions; decision times also as
 * seconds, like every time in a view. */
static cJSON *estimate_lines_to_json(portal *p, const portal_estimate *e)
{
	cJSON *a = pt_lines_to_json(p, e->lines, e->line_count, 1), *l;
	size_t i = 0;

	cJSON_ArrayForEach(l, a) {
		const portal_line *line = &e->lines[i];
		cJSON_DeleteItemFromObject(l, "decided_at");
		cJSON_DeleteItemFromObject(l, "decided_by");
		cJSON_DeleteItemFromObject(l, "inspection_item_id");
		if (!cJSON_AddStringToObject(l, "decision_label", decision_label(line->decision)) ||
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
	portal_estimate *e = NULL;
	portal_id id;
	char notice[200];
	cJSON *o;
	int err, failed = 0;

	err = portal_estimate_find(&id, p, arg);
	if (err == PORTAL_ENOTFOUND)
		return pt_view_not_found(p, "estimate", arg);
	if (err < 0 || (err = portal_estimate_get(&e, p, id)) < 0)
		return err;
	if (!estimate_visible(v, e)) {
		err = pt_view_not_found(p, "estimate", arg);
		goto done;
	}
	if ((err = pt_estimate_validity_notice(notice, sizeof(notice), p, e)) < 0)
		goto done;
	if ((o = add_child(doc, "estimate", estimate_summary(p, e))) == NULL) {
		err = pt_oom(p);
		goto done;
	}
	ADD(cJSON_AddStringToObject(o, "validity_notice", notice));
	ADD(pt_view_add_text_or_null(o, "notes", e->notes));
	ADD(add_child(o, "lines", estimate_lines_to_json(p, e)));
	ADD(add_child(o, "totals", pt_totals_to_json(&e->totals)));
	ADD(add_child(o, "approved", pt_totals_to_json(&e->approved)));
	err = failed ? pt_oom(p) : PORTAL_OK;
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
	cJSON *a = cJSON_CreateArray();

	for (int m = PORTAL_PAY_CASH; a != NULL && m <= PT_PAY_METHOD_LAST; m++) {
		cJSON *o = cJSON_CreateObject();
		int failed = o == NULL || !cJSON_AddItemToArray(a, o);
		if (failed) {
			cJSON_Delete(o);
		} else {
			ADD(cJSON_AddStringToObject(o, "method",
				portal_payment_method_name((portal_payment_method)m)));
			ADD(cJSON_AddStringToObject(o, "label",
				portal_payment_method_label((portal_payment_method)m)));
			ADD(cJSON_AddNumberToObject(o, "count", (double)w->counts[m]));
			ADD(pt_json_add_money(o, "amount", w->amounts[m]));
		}
		if (failed) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

/* Payments counted, money received and refunded, and what is left. */
static cJSON *add_money_sums(cJSON *o, int count, portal_money received, portal_money refunded)
{
	int failed = o == NULL;

	ADD(cJSON_AddNumberToObject(o, "count", count));
	ADD(pt_json_add_money(o, "received", received));
	ADD(pt_json_add_money(o, "refunded", refunded));
	ADD(pt_json_add_money(o, "net", received - refunded));
	return failed ? NULL : o;
}

/* Months newest first, like the payments. */
static cJSON *months_to_json(const payments_walk *w)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = w->nmonths; a != NULL && i > 0; i--) {
		const month_sum *m = &w->months[i - 1];
		cJSON *o = cJSON_CreateObject();
		if (pt_view_append(w->p, a, o) < 0 || !cJSON_AddStringToObject(o, "month", m->month) ||
		    !add_money_sums(o, m->count, m->received, m->refunded)) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
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

int pt_view_payments(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	portal_invoice_filter filter = { 0, 0, 0 };
	pt_id_list invoices = { p, v, NULL, 0, 0 };
	payments_walk w;
	int err = PORTAL_OK, failed = 0;

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
	    (err = portal_payment_foreach(p, v->client_id, 0, add_payment_row, &w)) == 0) {
		ADD(add_child(doc, "by_method", by_method_to_json(&w)));
		ADD(add_child(doc, "by_month", months_to_json(&w)));
		ADD(add_money_sums(cJSON_AddObjectToObject(doc, "totals"), w.count, w.received,
			w.refunded));
		err = failed ? pt_oom(p) : add_account_credit(doc, p, v);
	}
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
	cJSON *o = cJSON_CreateObject();
	const cJSON *item;
	int failed = o == NULL;

	cJSON_ArrayForEach(item, from) {
		const char *k = item->string;
		if (failed || *err < 0)
			break;
		if (k == NULL || is_one_of(k, statement_left_out, COUNT(statement_left_out)))
			continue;
		if (cJSON_IsObject(item))
			ADD(add_child(o, k, statement_copy(p, item, err)));
		else if (cJSON_IsArray(item))
			ADD(add_child(o, k, statement_array_copy(p, item, err)));
		else if (cJSON_IsNumber(item) && is_one_of(k, statement_money, COUNT(statement_money)))
			ADD(pt_json_add_money(o, k, (portal_money)item->valuedouble));
		else if (cJSON_IsString(item) && is_one_of(k, statement_times, COUNT(statement_times)))
			*err = add_time_text(o, k, p, item->valuestring);
		else
			ADD(add_child(o, k, cJSON_Duplicate(item, 1)));
	}
	if (failed && *err == 0)
		*err = pt_oom(p);
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
