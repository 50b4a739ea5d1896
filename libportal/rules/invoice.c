/* SPDX-License-Identifier: MIT */
/*
 * invoice.c - invoices: numbers as people type them, issue, void, and the
 * status derived from dates and payments.
 */
#include "internal.h"
#include "rules.h"
#include "local_days.h"
#include "billing.h"
#include "json.h"
#include "notify_log.h"
#include "outbox_queue.h"
#include "record_json.h"
#include "store_billing.h"
#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* A leading word naming what follows as a number: "Invoice #", "inv-",
 * "No." It counts only when no letter follows it. */
static const char *skip_number_word(const char *s)
{
	static const char *const words[] = { "INVOICE", "INV", "NO" };

	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = strlen(words[i]);
		if (strncasecmp(s, words[i], n) == 0 && !isalpha((unsigned char)s[n]))
			return s + n;
	}
	return s;
}

int portal_invoice_number_key(char *buf, size_t len, const char *typed)
{
	size_t n = 0, lead = 0;
	int digits_only = 1;
	const char *s = typed;

	if (s == NULL || len == 0)
		return -1;
	while (*s == ' ' || *s == '\t' || *s == '#')
		s++;
	s = skip_number_word(s);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (!isalnum(c))
			continue;
		if (n + 1 >= len || n >= PORTAL_INVOICE_NUMBER_MAX)
			return -1;
		digits_only &= isdigit(c) != 0;
		buf[n++] = (char)toupper(c);
	}
	buf[n] = '\0';
	if (n == 0)
		return -1;
	/* "010231" is 10231; a number that is all zeros stays "0". */
	if (digits_only) {
		while (lead + 1 < n && buf[lead] == '0')
			lead++;
		memmove(buf, buf + lead, n - lead + 1);
	}
	return 0;
}

/* Status from the stored facts, as of `now`. */
static int derive_status(portal *p, portal_invoice *inv, portal_time now)
{
	int64_t today, due_day;
	int err;

	inv->days_overdue = 0;
	if (inv->voided_at) {
		inv->status = PORTAL_INVOICE_VOID;
		inv->balance = 0;
		return PORTAL_OK;
	}
	inv->balance = inv->totals.total - inv->paid;
	if (inv->issued_at == 0) {
		inv->status = PORTAL_INVOICE_DRAFT;
		return PORTAL_OK;
	}
	if (inv->balance <= 0) {
		inv->status = PORTAL_INVOICE_PAID;
		return PORTAL_OK;
	}
	if ((err = pt_local_day(&today, p, now)) < 0 ||
	    (err = pt_local_day(&due_day, p, inv->due_at)) < 0)
		return err;
	if (today > due_day) {
		inv->status = PORTAL_INVOICE_OVERDUE;
		inv->days_overdue = (int)(today - due_day);
	} else {
		inv->status = inv->paid > 0 ? PORTAL_INVOICE_PARTLY_PAID : PORTAL_INVOICE_DUE;
	}
	return PORTAL_OK;
}

/* Fill the derived fields of a stored invoice; keep its lines only when
 * `keep_lines`. */
static int complete(portal *p, portal_invoice *inv, int keep_lines)
{
	int32_t rate;
	int err;

	if ((err = pt_store_invoice_lines(&inv->lines, &inv->line_count, p, inv->id)) == 0 &&
	    (err = pt_document_rate(&rate, p, inv->issued_at, inv->totals.tax_rate)) == 0 &&
	    (err = pt_totals(&inv->totals, p, inv->lines, inv->line_count, rate)) == 0)
		err = derive_status(p, inv, portal_now(p));
	if (!keep_lines || err < 0) {
		portal_lines_free(inv->lines, inv->line_count);
		inv->lines = NULL;
		inv->line_count = 0;
	}
	return err;
}

int portal_invoice_get(portal_invoice **out, portal *p, portal_id id)
{
	int err;

	*out = NULL;
	if ((err = pt_store_invoice_get(out, p, id)) < 0)
		return err;
	if ((err = complete(p, *out, 1)) < 0) {
		portal_invoice_free(*out);
		*out = NULL;
	}
	return err;
}

int portal_invoice_find(portal_id *out, portal *p, const char *number)
{
	char key[PORTAL_INVOICE_NUMBER_MAX + 1];

	if (portal_invoice_number_key(key, sizeof(key), number) < 0)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "no invoice %s", number ? number : "");
	return pt_store_invoice_find(out, p, key);
}

/* The number of a new invoice: as given (checked), or the next free one. */
static int choose_number(portal *p, const char *given, char **number, char *key, size_t len)
{
	int64_t last;
	char next[32];
	int err;

	if (given == NULL) {
		if ((err = pt_store_invoice_next_number(&last, p)) < 0)
			return err;
		snprintf(next, sizeof(next), "%lld", (long long)(last ? last + 1 : 10001));
		given = next;
	}
	if ((err = pt_valid_text(number, p, "invoice.number", given, 1,
			PORTAL_INVOICE_NUMBER_MAX, 0)) < 0)
		return err;
	if (portal_invoice_number_key(key, len, *number) < 0)
		return pt_error(p, PORTAL_EINVAL, "invoice.number",
			"an invoice number needs letters or digits");
	return PORTAL_OK;
}

int portal_invoice_add(portal_id *out, portal *p, const portal_invoice_fields *f)
{
	portal_invoice inv = { 0 };
	portal_client *c = NULL;
	char key[PORTAL_INVOICE_NUMBER_MAX + 1];
	portal_id id;
	int err;

	if (f == NULL || f->version != PORTAL_INVOICE_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_invoice_fields: missing or of an unknown version");
	inv.client_id = f->client_id;
	inv.job_id = f->job_id;
	if ((err = pt_store_client_get(&c, p, f->client_id)) < 0 ||
	    (err = pt_check_job_client(p, "invoice.job", f->job_id, f->client_id)) < 0 ||
	    (err = pt_valid_text(&inv.notes, p, "invoice.notes", f->notes, 0, 2000,
			PT_TEXT_MULTILINE)) < 0 ||
	    (err = pt_store_begin(p)) < 0)
		goto done;
	if ((err = choose_number(p, f->number, &inv.number, key, sizeof(key))) == 0)
		err = pt_store_invoice_insert(&id, p, &inv, key);
	if ((err = pt_store_end(p, err)) == 0 && out)
		*out = id;
done:
	portal_client_free(c);
	free(inv.number);
	free(inv.notes);
	return err;
}

static int check_draft(portal *p, const portal_invoice *inv)
{
	if (inv->status == PORTAL_INVOICE_VOID)
		return pt_error(p, PORTAL_ERULE, NULL, "invoice %s is void", inv->number);
	if (inv->status != PORTAL_INVOICE_DRAFT)
		return pt_error(p, PORTAL_ERULE, NULL,
			"invoice %s was issued and cannot change; void it or add a new one",
			inv->number);
	return PORTAL_OK;
}

static int line_add(portal_id *out, portal *p, portal_id id, const portal_line *l,
	const pt_line_origin *origin)
{
	portal_invoice *inv = NULL;
	int err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = portal_invoice_get(&inv, p, id)) == 0 && (err = check_draft(p, inv)) == 0 &&
	    (err = pt_store_invoice_line_insert(out, p, id, l, origin)) == 0) {
		/* The sums must stay in range with the new line. */
		portal_invoice_free(inv);
		err = portal_invoice_get(&inv, p, id);
	}
	err = pt_store_end(p, err);
	portal_invoice_free(inv);
	return err;
}

int portal_invoice_line_add(portal_id *out, portal *p, portal_id id,
	const portal_line_fields *f)
{
	portal_line l;
	int err;

	if ((err = pt_line_prepare(&l, p, f)) == 0)
		err = line_add(out, p, id, &l, NULL);
	free(l.description);
	return err;
}

/* Due on local day `due_at`, never before the day of issue. */
static int check_due(portal *p, portal_time issued_at, portal_time due_at)
{
	int64_t issue_day, due_day;
	int err;

	if ((err = pt_local_day(&issue_day, p, issued_at)) < 0 ||
	    (err = pt_local_day(&due_day, p, due_at)) < 0)
		return err;
	if (due_day < issue_day)
		return pt_error(p, PORTAL_EINVAL, "invoice.due_at",
			"an invoice cannot be due before the day it is issued");
	return PORTAL_OK;
}

int pt_invoice_bills_repair(const portal_invoice *inv)
{
	for (size_t i = 0; i < inv->line_count; i++)
		if (inv->lines[i].kind == PORTAL_LINE_LABOUR || inv->lines[i].kind == PORTAL_LINE_PART)
			return 1;
	return 0;
}

/* Tell the client that invoice `id` was issued, in the portal and through
 * the outbox, with the total and due day it was issued with. */
static int announce_issued(portal *p, portal_id id)
{
	portal_invoice *inv = NULL;
	char total[PORTAL_MONEY_STRLEN], due[48] = "due on receipt";
	int64_t issued_day = 0, due_day = 0;
	int err;

	if ((err = portal_invoice_get(&inv, p, id)) < 0 ||
	    (err = pt_local_day(&issued_day, p, inv->issued_at)) < 0 ||
	    (err = pt_local_day(&due_day, p, inv->due_at)) < 0)
		goto done;
	if (due_day != issued_day) {
		char day[32];
		pt_day_words(day, sizeof(day), p, due_day, PT_WORDS_NOW);
		snprintf(due, sizeof(due), "due on %s", day);
	}
	portal_shop_money_format(total, p, inv->totals.total);
	if ((err = pt_notify(p, inv->client_id, "invoice.issued", id,
			"Invoice %s was issued: %s, %s.", inv->number, total, due)) == 0)
		err = pt_outbox_invoice_ready(p, inv);
done:
	portal_invoice_free(inv);
	return err;
}

int portal_invoice_issue(portal *p, portal_id id, portal_time issued_at, portal_time due_at)
{
	portal_invoice *inv = NULL;
	int32_t rate;
	int err;

	if (issued_at == 0)
		issued_at = portal_now(p);
	if (due_at == 0)
		due_at = issued_at;
	if (issued_at > portal_now(p))
		return pt_error(p, PORTAL_EINVAL, "invoice.issued_at",
			"an invoice cannot be issued in the future");
	if ((err = check_due(p, issued_at, due_at)) < 0 || (err = pt_store_begin(p)) < 0)
		return err;
	if ((err = portal_invoice_get(&inv, p, id)) < 0 || (err = check_draft(p, inv)) < 0)
		goto end;
	if (inv->line_count == 0)
		err = pt_error(p, PORTAL_ERULE, NULL, "invoice %s has no lines", inv->number);
	else if (inv->totals.total < 0)
		err = pt_error(p, PORTAL_ERULE, NULL,
			"invoice %s would total less than zero; credits cannot exceed charges",
			inv->number);
	else if ((err = pt_document_rate(&rate, p, 0, 0)) == 0 &&
		 (err = pt_store_invoice_issue(p, id, issued_at, due_at, rate)) == 0 &&
		 (!pt_invoice_bills_repair(inv) ||
		  (err = pt_job_advance(p, inv->job_id, PORTAL_JOB_INVOICED, issued_at)) == 0))
		err = announce_issued(p, id);
end:
	err = pt_store_end(p, err);
	portal_invoice_free(inv);
	return err;
}

int portal_invoice_void(portal *p, portal_id id, const char *reason)
{
	return portal_invoice_void_at(p, id, reason, 0);
}

int portal_invoice_void_at(portal *p, portal_id id, const char *reason, portal_time at)
{
	portal_invoice *inv = NULL;
	char *clean = NULL;
	char paid[PORTAL_MONEY_STRLEN];
	int err;

	if (at == 0)
		at = portal_now(p);
	if (at < 0 || at > portal_now(p))
		return pt_error(p, PORTAL_EINVAL, "invoice.voided_at",
			"an invoice cannot be voided in the future");
	if ((err = pt_valid_text(&clean, p, "invoice.void_reason", reason, 1, 500, 0)) < 0)
		return err;
	if ((err = pt_store_begin(p)) < 0)
		goto done;
	if ((err = portal_invoice_get(&inv, p, id)) < 0)
		goto end;
	if (inv->issued_at != 0 && at < inv->issued_at)
		err = pt_error(p, PORTAL_EINVAL, "invoice.voided_at",
			"an invoice cannot be voided before it was issued");
	else if (inv->status == PORTAL_INVOICE_VOID)
		err = pt_error(p, PORTAL_ERULE, NULL, "invoice %s is void already", inv->number);
	else if (inv->paid != 0)
		err = pt_error(p, PORTAL_ERULE, NULL,
			"invoice %s holds %s of payments; refund them before voiding it",
			inv->number, portal_shop_money_format(paid, p, inv->paid));
	else
		err = pt_store_invoice_void(p, id, at, clean);
end:
	err = pt_store_end(p, err);
done:
	portal_invoice_free(inv);
	free(clean);
	return err;
}

int pt_invoice_charge(portal_id *out, portal *p, portal_id client_id, portal_id job_id,
	portal_id appointment_id, portal_line_kind kind, const char *description,
	portal_money amount)
{
	portal_invoice_fields f = PORTAL_INVOICE_FIELDS_INIT;
	portal_line_fields lf = PORTAL_LINE_FIELDS_INIT;
	pt_line_origin origin = { 0, appointment_id, NULL };
	portal_line l;
	portal_id id = 0;
	int err;

	f.client_id = client_id;
	f.job_id = job_id;
	lf.kind = kind;
	lf.description = description;
	lf.unit_price = amount;
	/* The fee the customer was told is the fee they pay: not taxed. */
	lf.taxable = 0;
	if ((err = pt_line_prepare(&l, p, &lf)) < 0)
		return err;
	if ((err = pt_store_begin(p)) == 0) {
		if ((err = portal_invoice_add(&id, p, &f)) == 0 &&
		    (err = line_add(NULL, p, id, &l, &origin)) == 0)
			err = portal_invoice_issue(p, id, 0, 0);
		err = pt_store_end(p, err);
	}
	free(l.description);
	if (err == 0 && out)
		*out = id;
	return err;
}

/* --- walks and documents ---------------------------------------------- */

typedef struct invoice_walk {
	portal *p;
	portal_invoice_status status;
	int (*cb)(const portal_invoice *inv, void *ctx);
	void *ctx;
} invoice_walk;

static int walk_one(portal_invoice *inv, void *ctx)
{
	invoice_walk *w = ctx;
	int err = complete(w->p, inv, 0);

	if (err < 0)
		return err;
	if (w->status && inv->status != w->status)
		return 0;
	return w->cb(inv, w->ctx);
}

int portal_invoice_foreach(portal *p, const portal_invoice_filter *filter,
	int (*cb)(const portal_invoice *inv, void *ctx), void *ctx)
{
	portal_invoice_filter all = { 0, 0, 0 };
	invoice_walk w = { p, 0, cb, ctx };

	if (filter == NULL)
		filter = &all;
	w.status = filter->status;
	return pt_store_invoice_foreach(p, filter->client_id, filter->job_id, walk_one, &w);
}

int portal_invoice_json(portal_buf *out, portal *p, portal_id id)
{
	portal_invoice *inv = NULL;
	cJSON *o = NULL;
	int err;

	if ((err = portal_invoice_get(&inv, p, id)) == 0 &&
	    (o = pt_invoice_to_json(p, inv)) == NULL)
		err = pt_oom(p);
	portal_invoice_free(inv);
	return pt_json_finish(out, p, o, err);
}

static int add_invoice(const portal_invoice *inv, void *ctx)
{
	return pt_json_walk_add(ctx, pt_invoice_to_json(((pt_json_walk *)ctx)->p, inv));
}

int portal_invoice_list_json(portal_buf *out, portal *p, const portal_invoice_filter *filter)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err = w.array ? PORTAL_OK : pt_oom(p);

	if (err == 0)
		err = portal_invoice_foreach(p, filter, add_invoice, &w);
	return pt_json_finish(out, p, w.array, err);
}

/* --- totals per month ---------------------------------------------------- */

typedef struct month_sum {
	int year, month;
	int count;
	portal_money invoiced, paid, balance;
} month_sum;

typedef struct monthly_walk {
	portal *p;
	portal_time from, to;
	month_sum *months;
	size_t n, cap;
} monthly_walk;

static month_sum *month_slot(monthly_walk *w, int year, int month)
{
	size_t i;

	for (i = 0; i < w->n; i++)
		if (w->months[i].year == year && w->months[i].month == month)
			return &w->months[i];
	if (w->n == w->cap) {
		size_t ncap = w->cap ? w->cap * 2 : 16;
		month_sum *grown = realloc(w->months, ncap * sizeof(*grown));
		if (grown == NULL)
			return NULL;
		w->months = grown;
		w->cap = ncap;
	}
	/* Keep the months sorted, oldest first: insert in place. */
	for (i = w->n; i > 0 && (w->months[i - 1].year > year ||
		(w->months[i - 1].year == year && w->months[i - 1].month > month)); i--)
		w->months[i] = w->months[i - 1];
	memset(&w->months[i], 0, sizeof(w->months[i]));
	w->months[i].year = year;
	w->months[i].month = month;
	w->n++;
	return &w->months[i];
}

static int add_to_month(const portal_invoice *inv, void *ctx)
{
	monthly_walk *w = ctx;
	month_sum *m;
	int64_t day;
	char date[11];
	int year, month, err;

	if (inv->issued_at == 0 || inv->voided_at ||
	    (w->from && inv->issued_at < w->from) || (w->to && inv->issued_at >= w->to))
		return 0;
	if ((err = pt_local_day(&day, w->p, inv->issued_at)) < 0)
		return err;
	pt_day_format(date, day);
	year = atoi(date);
	month = atoi(date + 5);
	if ((m = month_slot(w, year, month)) == NULL)
		return pt_oom(w->p);
	m->count++;
	m->invoiced += inv->totals.total;
	m->paid += inv->paid;
	m->balance += inv->balance > 0 ? inv->balance : 0;
	return 0;
}

static cJSON *months_to_json(const monthly_walk *w)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a != NULL && i < w->n; i++) {
		const month_sum *m = &w->months[i];
		cJSON *o = cJSON_CreateObject();
		char month[16];
		snprintf(month, sizeof(month), "%04d-%02d", m->year % 10000, m->month % 100);
		if (o == NULL || !cJSON_AddItemToArray(a, o) ||
		    !cJSON_AddStringToObject(o, "month", month) ||
		    !cJSON_AddNumberToObject(o, "count", m->count) ||
		    !pt_json_add_money(o, "invoiced", m->invoiced) ||
		    !pt_json_add_money(o, "paid", m->paid) ||
		    !pt_json_add_money(o, "balance", m->balance)) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

int portal_invoice_monthly_json(portal_buf *out, portal *p, portal_id client_id,
	portal_time from, portal_time to)
{
	portal_invoice_filter filter = { client_id, 0, 0 };
	monthly_walk w = { p, from, to, NULL, 0, 0 };
	cJSON *a = NULL;
	int err = portal_invoice_foreach(p, &filter, add_to_month, &w);

	if (err == 0 && (a = months_to_json(&w)) == NULL)
		err = pt_oom(p);
	free(w.months);
	return pt_json_finish(out, p, a, err);
}
