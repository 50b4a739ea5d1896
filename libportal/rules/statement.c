/* SPDX-License-Identifier: MIT */
/*
 * statement.c - a client's statement of account: every charge, payment
 * and refund in time order with a running balance, the ageing of what is
 * open, and the account credit.
 *
 * The statement is computed as of a moment, from the records as they are
 * now: an event after `as_of` is left out, so a statement printed today
 * for the end of last month shows what the client owed then.
 */
#include "internal.h"
#include "local_days.h"
#include "json.h"
#include "store_payment.h"

#include <stdlib.h>
#include <string.h>

/* An invoice issued by `as_of`, with what had been paid on it by then. */
typedef struct charge {
	portal_id id;
	char *number;
	char *void_reason;
	portal_time issued_at, due_at, voided_at;
	portal_money total;
	portal_money paid;
} charge;

/* What happened, in the order the statement lists it. */
enum entry_kind { ENTRY_INVOICE, ENTRY_PAYMENT, ENTRY_REFUND, ENTRY_VOID };

typedef struct entry {
	portal_time at;
	enum entry_kind kind;
	portal_id order;            /* the record's id, to break ties */
	const charge *inv;          /* ENTRY_INVOICE and ENTRY_VOID */
	const portal_payment *pay;  /* ENTRY_PAYMENT and ENTRY_REFUND */
} entry;

typedef struct statement {
	portal *p;
	portal_time as_of;
	charge *charges;
	size_t ncharges, charges_cap;
	portal_payment **pays;
	size_t npays, pays_cap;
	entry *entries;
	size_t nentries;
} statement;

static const char *const kind_names[] = { "invoice", "payment", "refund", "void" };

/* Buckets of days past the due day: the upper bound of each, inclusive. */
static const struct {
	const char *name;
	int64_t max_days;
} buckets[] = {
	{ "current", 0 },
	{ "days_1_30", 30 },
	{ "days_31_60", 60 },
	{ "days_61_90", 90 },
	{ "over_90", INT64_MAX },
};

#define NBUCKETS (sizeof(buckets) / sizeof(buckets[0]))

static void statement_free(statement *s)
{
	for (size_t i = 0; i < s->ncharges; i++) {
		free(s->charges[i].number);
		free(s->charges[i].void_reason);
	}
	free(s->charges);
	for (size_t i = 0; i < s->npays; i++)
		portal_payment_free(s->pays[i]);
	free(s->pays);
	free(s->entries);
}

/* Grow `*arr` of `*cap` elements of `size` bytes to hold one more. */
static int reserve(void **arr, size_t *cap, size_t n, size_t size)
{
	void *grown;
	size_t ncap;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	if ((grown = realloc(*arr, ncap * size)) == NULL)
		return -1;
	*arr = grown;
	*cap = ncap;
	return 0;
}

static int collect_invoice(const portal_invoice *inv, void *ctx)
{
	statement *s = ctx;
	charge *c;

	if (inv->issued_at == 0 || inv->issued_at > s->as_of)
		return 0;
	if (reserve((void **)&s->charges, &s->charges_cap, s->ncharges, sizeof(*c)) < 0)
		return pt_oom(s->p);
	c = &s->charges[s->ncharges];
	memset(c, 0, sizeof(*c));
	c->number = pt_strdup(inv->number);
	c->void_reason = pt_strdup(inv->void_reason);
	if (c->number == NULL || c->void_reason == NULL) {
		free(c->number);
		free(c->void_reason);
		return pt_oom(s->p);
	}
	c->id = inv->id;
	c->issued_at = inv->issued_at;
	/* An invoice is always issued with a due day; be safe all the same. */
	c->due_at = inv->due_at ? inv->due_at : inv->issued_at;
	c->voided_at = inv->voided_at <= s->as_of ? inv->voided_at : 0;
	c->total = inv->totals.total;
	s->ncharges++;
	return 0;
}

static portal_payment *payment_copy(const portal_payment *pay)
{
	portal_payment *copy = malloc(sizeof(*copy));

	if (copy == NULL)
		return NULL;
	*copy = *pay;
	copy->invoice_number = pt_strdup(pay->invoice_number);
	copy->reference = pt_strdup(pay->reference);
	copy->reason = pt_strdup(pay->reason);
	if (copy->invoice_number == NULL || copy->reference == NULL || copy->reason == NULL) {
		portal_payment_free(copy);
		return NULL;
	}
	return copy;
}

static int collect_payment(const portal_payment *pay, void *ctx)
{
	statement *s = ctx;

	if (pay->received_at > s->as_of)
		return 0;
	if (reserve((void **)&s->pays, &s->pays_cap, s->npays, sizeof(*s->pays)) < 0 ||
	    (s->pays[s->npays] = payment_copy(pay)) == NULL)
		return pt_oom(s->p);
	s->npays++;
	return 0;
}

static int by_id(const void *a, const void *b)
{
	portal_id x = ((const charge *)a)->id, y = ((const charge *)b)->id;

	return (x > y) - (x < y);
}

static charge *find_charge(statement *s, portal_id invoice_id)
{
	charge key = { 0 };

	/* bsearch() and qsort() want an array even when it is empty. */
	if (s->ncharges == 0)
		return NULL;
	key.id = invoice_id;
	return bsearch(&key, s->charges, s->ncharges, sizeof(key), by_id);
}

/* What each invoice had been paid by `as_of`, refunds included. */
static int sum_paid(statement *s)
{
	if (s->ncharges > 1)
		qsort(s->charges, s->ncharges, sizeof(*s->charges), by_id);
	for (size_t i = 0; i < s->npays; i++) {
		charge *c = find_charge(s, s->pays[i]->invoice_id);
		if (c != NULL && pt_money_add(&c->paid, s->pays[i]->amount) < 0)
			return pt_error(s->p, PORTAL_ERROR, NULL,
				"payments on invoice %s are out of range", c->number);
	}
	return PORTAL_OK;
}

static int by_time(const void *a, const void *b)
{
	const entry *x = a, *y = b;

	if (x->at != y->at)
		return (x->at > y->at) - (x->at < y->at);
	if (x->kind != y->kind)
		return (int)x->kind - (int)y->kind;
	return (x->order > y->order) - (x->order < y->order);
}

static int build_entries(statement *s)
{
	size_t n = 0;

	s->entries = calloc(s->ncharges * 2 + s->npays + 1, sizeof(*s->entries));
	if (s->entries == NULL)
		return pt_oom(s->p);
	for (size_t i = 0; i < s->ncharges; i++) {
		const charge *c = &s->charges[i];
		s->entries[n++] = (entry){ c->issued_at, ENTRY_INVOICE, c->id, c, NULL };
		if (c->voided_at)
			s->entries[n++] = (entry){ c->voided_at, ENTRY_VOID, c->id, c, NULL };
	}
	for (size_t i = 0; i < s->npays; i++) {
		const portal_payment *pay = s->pays[i];
		enum entry_kind k = pay->refund_of ? ENTRY_REFUND : ENTRY_PAYMENT;
		s->entries[n++] = (entry){ pay->received_at, k, pay->id, NULL, pay };
	}
	s->nentries = n;
	if (n > 1)
		qsort(s->entries, n, sizeof(*s->entries), by_time);
	return PORTAL_OK;
}

/* What the entry adds to what the client owes. */
static portal_money entry_amount(const entry *e)
{
	switch (e->kind) {
	case ENTRY_INVOICE: return e->inv->total;
	case ENTRY_VOID: return -e->inv->total;
	default: return -e->pay->amount;
	}
}

static int describe(portal_buf *b, const entry *e)
{
	const portal_payment *pay = e->pay;
	const char *method = pay ? portal_payment_method_label(pay->method) : NULL;
	int err;

	switch (e->kind) {
	case ENTRY_INVOICE:
		return pt_buf_printf(b, "Invoice %s", e->inv->number);
	case ENTRY_VOID:
		return pt_buf_printf(b, "Invoice %s void%s%s", e->inv->number,
			*e->inv->void_reason ? ": " : "", e->inv->void_reason);
	default:
		break;
	}
	if (pay->invoice_id)
		err = pt_buf_printf(b, "%s on invoice %s", e->kind == ENTRY_REFUND ?
			"Refund" : "Payment", pay->invoice_number);
	else
		err = pt_buf_printf(b, "%s", e->kind == ENTRY_REFUND ?
			"Refund of account credit" : "Payment to account credit");
	if (err == 0)
		err = pt_buf_printf(b, " (%s%s%s)", method ? method : "Other",
			*pay->reference ? ", ref. " : "", pay->reference);
	if (err == 0 && e->kind == ENTRY_REFUND)
		err = pt_buf_printf(b, ": %s", pay->reason);
	return err;
}

static cJSON *entry_to_json(portal *p, const entry *e, portal_money balance)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	char date[PORTAL_TIME_STRLEN];
	portal_buf text = PORTAL_BUF_INIT;
	cJSON *o = cJSON_CreateObject();
	portal_id invoice_id = e->inv ? e->inv->id : e->pay->invoice_id;

	pt_jb_check(&b, o != NULL && describe(&text, e) >= 0);
	pt_jb_time(&b, o, "at", e->at);
	pt_jb_string(&b, o, "date",
		portal_time_format(date, sizeof(date), p, e->at, PORTAL_TIME_DATE));
	pt_jb_string(&b, o, "kind", kind_names[e->kind]);
	pt_jb_string(&b, o, "description", text.ptr);
	pt_jb_id(&b, o, "invoice_id", invoice_id);
	pt_jb_string(&b, o, "invoice_number", e->inv ? e->inv->number : e->pay->invoice_number);
	pt_jb_id(&b, o, "payment_id", e->pay ? e->pay->id : 0);
	pt_jb_int(&b, o, "amount", entry_amount(e));
	pt_jb_int(&b, o, "balance", balance);
	portal_buf_dispose(&text);
	return pt_jb_done(&b, o);
}

static int add_entries(cJSON *root, statement *s)
{
	cJSON *list = cJSON_AddArrayToObject(root, "entries");
	portal_money balance = 0;

	if (list == NULL)
		return pt_oom(s->p);
	for (size_t i = 0; i < s->nentries; i++) {
		const entry *e = &s->entries[i];
		cJSON *item;
		if (pt_money_add(&balance, entry_amount(e)) < 0)
			return pt_error(s->p, PORTAL_ERROR, NULL, "the running balance is out of range");
		item = entry_to_json(s->p, e, balance);
		if (item == NULL || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			return pt_oom(s->p);
		}
	}
	return PORTAL_OK;
}

static size_t bucket_of(int64_t days_past_due)
{
	size_t b = 0;

	while (days_past_due > buckets[b].max_days)
		b++;
	return b;
}

static cJSON *open_invoice_to_json(portal *p, const charge *c, int64_t days, size_t bucket)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	char date[PORTAL_TIME_STRLEN];
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "invoice_id", c->id);
	pt_jb_string(&b, o, "invoice_number", c->number);
	pt_jb_string(&b, o, "due_date",
		portal_time_format(date, sizeof(date), p, c->due_at, PORTAL_TIME_DATE));
	pt_jb_int(&b, o, "days_past_due", days > 0 ? days : 0);
	pt_jb_string(&b, o, "bucket", buckets[bucket].name);
	pt_jb_int(&b, o, "total", c->total);
	pt_jb_int(&b, o, "paid", c->paid);
	pt_jb_int(&b, o, "balance", c->total - c->paid);
	return pt_jb_done(&b, o);
}

/* What invoice `c` still asks for: nothing once it is void or paid. */
static portal_money open_of(const charge *c)
{
	return c->voided_at || c->total <= c->paid ? 0 : c->total - c->paid;
}

/*
 * Sort what is open into the buckets, by whole local days between the
 * due day and the day of `as_of`: an invoice due today is current
 * whatever the hour, and one day late from the first minute of the next
 * day.
 */
static int add_ageing(cJSON *root, statement *s, portal_money *open_total)
{
	portal_money sums[NBUCKETS] = { 0 };
	cJSON *list = cJSON_AddArrayToObject(root, "open_invoices"), *ageing;
	int64_t today, due;
	int err;

	if (list == NULL)
		return pt_oom(s->p);
	if ((err = pt_local_day(&today, s->p, s->as_of)) < 0)
		return err;
	*open_total = 0;
	for (size_t i = 0; i < s->ncharges; i++) {
		const charge *c = &s->charges[i];
		portal_money open = open_of(c);
		size_t b;
		cJSON *item;
		if (open == 0)
			continue;
		if ((err = pt_local_day(&due, s->p, c->due_at)) < 0)
			return err;
		b = bucket_of(today - due);
		if (pt_money_add(&sums[b], open) < 0 || pt_money_add(open_total, open) < 0)
			return pt_error(s->p, PORTAL_ERROR, NULL, "open balances are out of range");
		item = open_invoice_to_json(s->p, c, today - due, b);
		if (item == NULL || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			return pt_oom(s->p);
		}
	}
	if ((ageing = cJSON_AddObjectToObject(root, "ageing")) == NULL)
		return pt_oom(s->p);
	for (size_t b = 0; b < NBUCKETS; b++)
		if (cJSON_AddNumberToObject(ageing, buckets[b].name, (double)sums[b]) == NULL)
			return pt_oom(s->p);
	if (cJSON_AddNumberToObject(ageing, "total", (double)*open_total) == NULL)
		return pt_oom(s->p);
	return PORTAL_OK;
}

static int add_header(cJSON *root, portal *p, const portal_client *c, portal_time as_of)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	char date[PORTAL_TIME_STRLEN];

	pt_jb_int(&b, root, "client_id", c->id);
	pt_jb_string(&b, root, "client_name", c->name);
	pt_jb_time(&b, root, "as_of", as_of);
	pt_jb_string(&b, root, "as_of_date",
		portal_time_format(date, sizeof(date), p, as_of, PORTAL_TIME_DATE));
	return pt_jb_error(&b);
}

/* What the client owes: the open invoices less the account credit. */
static int balance_of(portal_balance *out, statement *s, portal_id client_id)
{
	int err;

	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < s->ncharges; i++) {
		portal_money open = open_of(&s->charges[i]);
		if (open == 0)
			continue;
		if (pt_money_add(&out->open, open) < 0)
			return pt_error(s->p, PORTAL_ERROR, NULL, "open balances are out of range");
		out->open_invoices++;
	}
	if ((err = pt_store_account_credit(&out->account_credit, s->p, client_id, s->as_of)) < 0)
		return err;
	out->balance = out->open;
	if (pt_money_add(&out->balance, -out->account_credit) < 0)
		return pt_error(s->p, PORTAL_ERROR, NULL, "the balance is out of range");
	return PORTAL_OK;
}

static int add_totals(cJSON *root, statement *s, portal_id client_id)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(s->p);
	portal_balance bal;
	int err;

	if ((err = balance_of(&bal, s, client_id)) < 0)
		return err;
	pt_jb_int(&b, root, "account_credit", bal.account_credit);
	pt_jb_int(&b, root, "balance", bal.balance);
	return pt_jb_error(&b);
}

/* Read the client's invoices, then their payments (two walks one after
 * the other: a walk may not start inside one of the same kind). */
static int collect(statement *s, portal_id client_id)
{
	portal_invoice_filter filter = { 0 };
	int err;

	filter.client_id = client_id;
	if ((err = portal_invoice_foreach(s->p, &filter, collect_invoice, s)) < 0 ||
	    (err = pt_store_payment_foreach(s->p, client_id, 0, collect_payment, s)) < 0 ||
	    (err = sum_paid(s)) < 0)
		return err;
	return build_entries(s);
}

int portal_statement_json(portal_buf *out, portal *p, portal_id client_id, portal_time as_of)
{
	statement s = { 0 };
	portal_client *c = NULL;
	portal_money open_total = 0;
	cJSON *root = NULL;
	int err;

	if (as_of < 0)
		return pt_error(p, PORTAL_EINVAL, "statement.as_of", "not a time");
	s.p = p;
	s.as_of = as_of ? as_of : portal_now(p);
	if ((err = portal_client_get(&c, p, client_id)) < 0 ||
	    (err = collect(&s, client_id)) < 0)
		goto done;
	if ((root = cJSON_CreateObject()) == NULL) {
		err = pt_oom(p);
		goto done;
	}
	if ((err = add_header(root, p, c, s.as_of)) == 0 &&
	    (err = add_entries(root, &s)) == 0 &&
	    (err = add_ageing(root, &s, &open_total)) == 0)
		err = add_totals(root, &s, client_id);
done:
	statement_free(&s);
	portal_client_free(c);
	return pt_json_finish(out, p, root, err);
}

int portal_client_balance(portal_balance *out, portal *p, portal_id client_id,
	portal_time as_of)
{
	statement s = { 0 };
	portal_client *c = NULL;
	int err;

	if (out == NULL)
		return pt_error(p, PORTAL_EINVAL, NULL, "no balance to fill");
	memset(out, 0, sizeof(*out));
	if (as_of < 0)
		return pt_error(p, PORTAL_EINVAL, "statement.as_of", "not a time");
	s.p = p;
	s.as_of = as_of ? as_of : portal_now(p);
	if ((err = portal_client_get(&c, p, client_id)) == 0 &&
	    (err = collect(&s, client_id)) == 0)
		err = balance_of(out, &s, client_id);
	statement_free(&s);
	portal_client_free(c);
	return err;
}
