/* SPDX-License-Identifier: MIT */
/*
 * payment.c - payments, refunds, account credit and the breakdown of
 * money received by method.
 *
 * A payment never takes an invoice below zero: what exceeds the balance
 * is refused, or on request kept as account credit, so an invoice's
 * balance always says what is owed on it and credit is always visible as
 * credit. Refunds are negative rows naming their payment, so a payment's
 * history stays whole and nothing is ever edited or deleted.
 */
#include "internal.h"
#include "rules.h"
#include "billing.h"
#include "json.h"
#include "record_json.h"
#include "notify_log.h"
#include "store_payment.h"
#include "validate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int check_received_at(portal *p, const char *field, portal_time at)
{
	if (at < 0)
		return pt_error(p, PORTAL_EINVAL, field, "not a time");
	if (at > portal_now(p))
		return pt_error(p, PORTAL_EINVAL, field, "money cannot change hands in the future");
	return PORTAL_OK;
}

static int check_fields(portal *p, const portal_payment_fields *f)
{
	if (f == NULL || f->version != PORTAL_PAYMENT_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_payment_fields: missing or of an unknown version");
	if (f->amount < 1 || f->amount > PORTAL_MONEY_MAX)
		return pt_error(p, PORTAL_EINVAL, "payment.amount",
			"a payment is more than $0.00 and at most $10,000,000,000.00");
	if (portal_payment_method_name(f->method) == NULL)
		return pt_error(p, PORTAL_EINVAL, "payment.method",
			"how the client paid is required (cash, debit, credit_card, cheque,"
			" e_transfer, financing or other)");
	if (f->invoice_id == 0 && f->client_id == 0)
		return pt_error(p, PORTAL_EINVAL, "payment.client",
			"account credit needs the client who pays");
	return check_received_at(p, "payment.received_at", f->received_at);
}

/* The invoice a payment goes to must be one the client owes money on. */
static int check_invoice(portal *p, const portal_invoice *inv, portal_id client_id)
{
	if (inv->status == PORTAL_INVOICE_DRAFT)
		return pt_error(p, PORTAL_ERULE, NULL,
			"invoice %s is a draft: issue it before taking payment", inv->number);
	if (inv->status == PORTAL_INVOICE_VOID)
		return pt_error(p, PORTAL_ERULE, NULL,
			"invoice %s is void and takes no payment", inv->number);
	if (client_id != 0 && client_id != inv->client_id)
		return pt_error(p, PORTAL_EINVAL, "payment.client",
			"invoice %s belongs to another client", inv->number);
	return PORTAL_OK;
}

/* Split `amount` into what goes on the invoice and what becomes credit,
 * or refuse the overpayment when the caller did not ask for credit. */
static int split_amount(portal *p, const portal_invoice *inv, const portal_payment_fields *f,
	portal_money *on_invoice, portal_money *to_credit)
{
	char paid[PORTAL_MONEY_STRLEN], owed[PORTAL_MONEY_STRLEN];
	portal_money balance = inv->balance > 0 ? inv->balance : 0;

	if (f->amount <= balance) {
		*on_invoice = f->amount;
		*to_credit = 0;
		return PORTAL_OK;
	}
	if (!f->excess_to_credit && balance == 0)
		return pt_error(p, PORTAL_ERULE, NULL,
			"invoice %s has nothing owed; record the payment as account credit",
			inv->number);
	if (!f->excess_to_credit)
		return pt_error(p, PORTAL_ERULE, NULL,
			"a payment of %s exceeds the balance of %s on invoice %s;"
			" record the rest as account credit",
			portal_shop_money_format(paid, p, f->amount), portal_shop_money_format(owed, p, balance), inv->number);
	*on_invoice = balance;
	*to_credit = f->amount - balance;
	return PORTAL_OK;
}

/* Tell the client what was received: on which invoice, and how much of
 * it became account credit. */
static int notify_received(portal *p, portal_id client_id, portal_id id,
	const portal_invoice *inv, portal_money on_invoice, portal_money to_credit)
{
	char paid[PORTAL_MONEY_STRLEN], credit[PORTAL_MONEY_STRLEN];

	if (inv == NULL || on_invoice == 0)
		return pt_notify(p, client_id, "payment.recorded", id,
			"We received your payment of %s as account credit. Thank you.",
			portal_shop_money_format(paid, p, to_credit));
	if (to_credit == 0)
		return pt_notify(p, client_id, "payment.recorded", id,
			"We received your payment of %s on invoice %s. Thank you.",
			portal_shop_money_format(paid, p, on_invoice), inv->number);
	return pt_notify(p, client_id, "payment.recorded", id,
		"We received your payment of %s on invoice %s and %s as account credit. Thank you.",
		portal_shop_money_format(paid, p, on_invoice), inv->number, portal_shop_money_format(credit, p, to_credit));
}

static int notify_refund(portal *p, const portal_payment *pay, portal_id id,
	portal_money amount, const char *reason)
{
	char sum[PORTAL_MONEY_STRLEN];

	if (pay->invoice_id == 0)
		return pt_notify(p, pay->client_id, "payment.recorded", id,
			"We refunded %s of your account credit: %.200s", portal_shop_money_format(sum, p, amount), reason);
	return pt_notify(p, pay->client_id, "payment.recorded", id,
		"We refunded %s of your payment on invoice %s: %.200s", portal_shop_money_format(sum, p, amount),
		pay->invoice_number, reason);
}

static int insert_row(portal_id *out, portal *p, portal_payment *row, portal_money amount)
{
	row->amount = amount;
	return pt_store_payment_insert(out, p, row);
}

/* Record on the invoice of `f` (or as credit when it names none), under
 * the caller's transaction, so the balance checked is the balance paid. */
static int record_payment(portal_id *out, portal *p, const portal_payment_fields *f,
	portal_payment *row)
{
	portal_invoice *inv = NULL;
	portal_money on_invoice = f->amount, to_credit = 0;
	portal_id first = 0, credit_id = 0;
	portal_client *c = NULL;
	int err;

	if (f->invoice_id == 0) {
		if ((err = pt_store_client_get(&c, p, f->client_id)) == 0 &&
		    (err = insert_row(out, p, row, f->amount)) == 0)
			err = notify_received(p, c->id, *out, NULL, 0, f->amount);
		portal_client_free(c);
		return err;
	}
	if ((err = portal_invoice_get(&inv, p, f->invoice_id)) < 0 ||
	    (err = check_invoice(p, inv, f->client_id)) < 0 ||
	    (err = split_amount(p, inv, f, &on_invoice, &to_credit)) < 0)
		goto done;
	row->client_id = inv->client_id;
	if (on_invoice > 0) {
		row->invoice_id = inv->id;
		if ((err = insert_row(&first, p, row, on_invoice)) < 0)
			goto done;
	}
	if (to_credit > 0) {
		row->invoice_id = 0;
		if ((err = insert_row(&credit_id, p, row, to_credit)) < 0)
			goto done;
	}
	*out = first ? first : credit_id;
	if ((err = notify_received(p, inv->client_id, *out, inv, on_invoice, to_credit)) < 0)
		goto done;
	/* Paying the repair's invoice, not only the diagnosis fee, is what
	 * moves the job to "paid". */
	if (on_invoice > 0 && on_invoice == inv->balance && pt_invoice_bills_repair(inv))
		err = pt_job_advance(p, inv->job_id, PORTAL_JOB_PAID, row->received_at);
done:
	portal_invoice_free(inv);
	return err;
}

int portal_payment_add(portal_id *out, portal *p, const portal_payment_fields *f)
{
	portal_payment row = { 0 };
	portal_id id = 0;
	int err;

	if ((err = check_fields(p, f)) < 0 ||
	    (err = pt_valid_text(&row.reference, p, "payment.reference", f->reference, 0, 100,
			0)) < 0)
		return err;
	row.client_id = f->client_id;
	row.method = f->method;
	row.received_at = f->received_at ? f->received_at : portal_now(p);
	if ((err = pt_store_begin(p)) == 0) {
		err = record_payment(&id, p, f, &row);
		err = pt_store_end(p, err);
	}
	if (err == 0 && out != NULL)
		*out = id;
	free(row.reference);
	return err;
}

/* How much of `pay` a refund of `*amount` (0: all that is left) takes. */
static int check_refund(portal *p, const portal_payment *pay, portal_money *amount,
	portal_time at)
{
	char want[PORTAL_MONEY_STRLEN], left_s[PORTAL_MONEY_STRLEN];
	portal_money left;

	if (pay->refund_of != 0 || pay->amount < 0)
		return pt_error(p, PORTAL_ERULE, NULL,
			"payment #%lld is a refund; a refund cannot be refunded",
			(long long)pay->id);
	left = pay->amount - pay->refunded;
	if (left <= 0)
		return pt_error(p, PORTAL_ERULE, NULL,
			"payment #%lld is already refunded in full", (long long)pay->id);
	if (*amount == 0)
		*amount = left;
	if (*amount > left)
		return pt_error(p, PORTAL_ERULE, NULL,
			"a refund of %s exceeds the %s left of payment #%lld",
			portal_shop_money_format(want, p, *amount), portal_shop_money_format(left_s, p, left), (long long)pay->id);
	if (at < pay->received_at)
		return pt_error(p, PORTAL_EINVAL, "refund.at",
			"a refund cannot be earlier than the payment it refunds");
	return PORTAL_OK;
}

int portal_payment_refund(portal_id *out, portal *p, portal_id payment_id,
	portal_money amount, const char *reason, portal_time at)
{
	portal_payment *pay = NULL, row = { 0 };
	portal_id id = 0;
	int err;

	if (amount < 0 || amount > PORTAL_MONEY_MAX)
		return pt_error(p, PORTAL_EINVAL, "refund.amount",
			"a refund is a positive amount, or 0 for all that is left");
	if (at == 0)
		at = portal_now(p);
	if ((err = check_received_at(p, "refund.at", at)) < 0 ||
	    (err = pt_valid_text(&row.reason, p, "refund.reason", reason, 1, 500, 0)) < 0)
		return err;
	/* Checked and written under one lock, so two clerks refunding the
	 * same payment cannot both take what is left. */
	if ((err = pt_store_begin(p)) < 0)
		goto done;
	if ((err = pt_store_payment_get(&pay, p, payment_id)) == 0 &&
	    (err = check_refund(p, pay, &amount, at)) == 0) {
		row.client_id = pay->client_id;
		row.invoice_id = pay->invoice_id;
		row.amount = -amount;
		row.method = pay->method;
		row.received_at = at;
		row.refund_of = pay->id;
		if ((err = pt_store_payment_insert(&id, p, &row)) == 0)
			err = notify_refund(p, pay, id, amount, row.reason);
	}
	err = pt_store_end(p, err);
	if (err == 0 && out != NULL)
		*out = id;
done:
	portal_payment_free(pay);
	free(row.reason);
	return err;
}

int portal_payment_get(portal_payment **out, portal *p, portal_id id)
{
	return pt_store_payment_get(out, p, id);
}

int portal_payment_foreach(portal *p, portal_id client_id, portal_id invoice_id,
	int (*cb)(const portal_payment *pay, void *ctx), void *ctx)
{
	return pt_store_payment_foreach(p, client_id, invoice_id, cb, ctx);
}

int portal_account_credit(portal_money *out, portal *p, portal_id client_id)
{
	portal_client *c = NULL;
	int err;

	if ((err = pt_store_client_get(&c, p, client_id)) < 0)
		return err;
	portal_client_free(c);
	/* Every row counts, whatever the clock says: credit recorded is
	 * credit held. */
	return pt_store_account_credit(out, p, client_id, INT64_MAX);
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
	pt_jb_int(&b, o, "id", pay->id);
	pt_jb_string(&b, o, "kind", refund ? "refund" : "payment");
	pt_jb_int(&b, o, "client_id", pay->client_id);
	pt_jb_id(&b, o, "invoice_id", pay->invoice_id);
	pt_jb_string(&b, o, "invoice_number", pay->invoice_number);
	pt_jb_bool(&b, o, "account_credit", pay->invoice_id == 0);
	pt_jb_int(&b, o, "amount", pay->amount);
	pt_jb_string(&b, o, "method", method ? method : "");
	pt_jb_string(&b, o, "method_label", label ? label : "");
	pt_jb_time(&b, o, "received_at", pay->received_at);
	pt_jb_string(&b, o, "reference", pay->reference);
	pt_jb_id(&b, o, "refund_of", pay->refund_of);
	pt_jb_string(&b, o, "reason", pay->reason);
	pt_jb_int(&b, o, "refunded", pay->refunded);
	pt_jb_int(&b, o, "refundable", refund ? 0 : pay->amount - pay->refunded);
	return pt_jb_done(&b, o);
}

int portal_payment_json(portal_buf *out, portal *p, portal_id id)
{
	portal_payment *pay = NULL;
	cJSON *o = NULL;
	int err = pt_store_payment_get(&pay, p, id);

	if (err == 0 && (o = payment_to_json(p, pay)) == NULL)
		err = pt_oom(p);
	portal_payment_free(pay);
	return pt_json_finish(out, p, o, err);
}

static int add_payment(const portal_payment *pay, void *ctx)
{
	pt_json_walk *w = ctx;

	return pt_json_walk_add(w, payment_to_json(w->p, pay));
}

int portal_payment_list_json(portal_buf *out, portal *p,
	portal_id client_id, portal_id invoice_id)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err = w.array ? PORTAL_OK : pt_oom(p);

	if (err == 0)
		err = pt_store_payment_foreach(p, client_id, invoice_id, add_payment, &w);
	return pt_json_finish(out, p, w.array, err);
}

static int check_period(portal *p, portal_id client_id, portal_time from, portal_time to)
{
	portal_client *c = NULL;
	int err;

	if (from < 0 || to < 0 || (from && to && to <= from))
		return pt_error(p, PORTAL_EINVAL, "payment.to",
			"the end of the period must come after its start");
	if (client_id == 0)
		return PORTAL_OK;
	err = pt_store_client_get(&c, p, client_id);
	portal_client_free(c);
	return err;
}

/* One method's line of the breakdown, appended to `list`. */
static void add_method(pt_json_builder *b, cJSON *list, int m, int64_t count,
	portal_money amount)
{
	cJSON *item = pt_jb_append(b, list, cJSON_CreateObject());

	pt_jb_string(b, item, "method", portal_payment_method_name((portal_payment_method)m));
	pt_jb_string(b, item, "label", portal_payment_method_label((portal_payment_method)m));
	pt_jb_int(b, item, "count", count);
	pt_jb_money(b, item, "amount", amount);
}

static cJSON *breakdown_to_json(portal *p, portal_id client_id, portal_time from,
	portal_time to, const int64_t counts[], const portal_money amounts[],
	portal_money total)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject(), *list;
	int64_t count = 0;

	if (o == NULL)
		return NULL;
	pt_jb_id(&b, o, "client_id", client_id);
	pt_jb_time(&b, o, "from", from);
	pt_jb_time(&b, o, "to", to);
	list = pt_jb_array(&b, o, "methods");
	for (int m = PORTAL_PAY_CASH; !b.failed && m <= PT_PAY_METHOD_LAST; m++) {
		add_method(&b, list, m, counts[m], amounts[m]);
		count += counts[m];
	}
	pt_jb_int(&b, o, "count", count);
	pt_jb_money(&b, o, "total", total);
	return pt_jb_done(&b, o);
}

int portal_payment_breakdown_json(portal_buf *out, portal *p,
	portal_id client_id, portal_time from, portal_time to)
{
	int64_t counts[PT_PAY_METHOD_LAST + 1];
	portal_money amounts[PT_PAY_METHOD_LAST + 1], total = 0;
	cJSON *o = NULL;
	int err;

	if ((err = check_period(p, client_id, from, to)) < 0 ||
	    (err = pt_store_payment_by_method(p, client_id, from, to, counts, amounts)) < 0)
		return err;
	/* Each method's sum is in range (SQLite's sum() refuses to
	 * overflow); their total might not be. */
	for (int m = PORTAL_PAY_CASH; m <= PT_PAY_METHOD_LAST; m++)
		if (pt_money_add(&total, amounts[m]) < 0)
			return pt_error(p, PORTAL_ERROR, NULL, "the total received is out of range");
	if ((o = breakdown_to_json(p, client_id, from, to, counts, amounts, total)) == NULL)
		err = pt_oom(p);
	return pt_json_finish(out, p, o, err);
}
