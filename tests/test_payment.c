/* SPDX-License-Identifier: MIT */
/*
 * test_payment.c - unit tests for payments, refunds, account credit and
 * the breakdown by method (payment.c).
 *
 * Every test runs on a fresh shop (clock at TH_NOW, 10:00 in Toronto,
 * tax 13%) with two clients, Alice and Bob. A labour line of $120.00
 * makes an invoice of $135.60. Refusals are checked for their code, the
 * field named, and a fingerprint of the whole database before and after.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "fixtures.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define HOUR ((portal_time)3600)
#define DAY (24 * HOUR)

/* $120.00 of labour with 13% tax. */
#define PRICE ((portal_money)12000)
#define TOTAL ((portal_money)13560)

static struct {
	portal_id alice, bob;
} fx;

/* ---------------------------------------------------------------------
 * Fixtures and helpers.
 */

static int setup(void **state)
{
	portal *p = th_open();

	memset(&fx, 0, sizeof(fx));
	fx.alice = th_add_client(p, "Alice Martin");
	fx.bob = th_add_client(p, "Bob Stone");
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static void check(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

/* A draft invoice of `client` on `job` (0: none) with one labour line. */
static portal_id draft(portal *p, portal_id client, portal_id job, portal_money price)
{
	portal_id id = th_add_invoice(p, client, job, NULL);

	th_add_invoice_line(p, id, PORTAL_LINE_LABOUR, "Repair", price, -1);
	return id;
}

/* An invoice of $135.60 issued a day ago, due in two weeks. */
static portal_id issued(portal *p, portal_id client)
{
	portal_id id = draft(p, client, 0, PRICE);

	th_issue_invoice(p, id, TH_NOW - DAY, TH_NOW + 14 * DAY);
	return id;
}

static portal_id pay_now(portal *p, portal_id invoice, portal_money amount)
{
	return th_add_payment(p, 0, invoice, amount, PORTAL_PAY_CASH, 0);
}

static portal_id refund(portal *p, portal_id payment, portal_money amount, portal_time at)
{
	portal_id id = 0;

	check(p, portal_payment_refund(&id, p, payment, amount, "Customer returned the part", at),
		"refunding");
	assert_true(id > 0);
	return id;
}

static portal_invoice *get_invoice(portal *p, portal_id id)
{
	portal_invoice *inv = NULL;

	check(p, portal_invoice_get(&inv, p, id), "reading an invoice");
	return inv;
}

static portal_payment *get_payment(portal *p, portal_id id)
{
	portal_payment *pay = NULL;

	check(p, portal_payment_get(&pay, p, id), "reading a payment");
	return pay;
}

static void expect_invoice(portal *p, portal_id id, portal_invoice_status status,
	portal_money paid, portal_money balance, const char *what)
{
	portal_invoice *inv = get_invoice(p, id);

	if (inv->status != status || inv->paid != paid || inv->balance != balance)
		fail_msg("%s: invoice %s is %s, paid %lld, balance %lld; want %s, %lld, %lld",
			what, inv->number, portal_invoice_status_name(inv->status),
			(long long)inv->paid, (long long)inv->balance,
			portal_invoice_status_name(status), (long long)paid, (long long)balance);
	portal_invoice_free(inv);
}

static portal_money account_credit(portal *p, portal_id client)
{
	portal_money c = -1;

	check(p, portal_account_credit(&c, p, client), "reading account credit");
	return c;
}

static cJSON *parse_json(portal_buf *buf)
{
	cJSON *root;

	assert_non_null(buf->ptr);
	root = cJSON_Parse(buf->ptr);
	if (root == NULL)
		fail_msg("not JSON: %s", buf->ptr);
	portal_buf_dispose(buf);
	return root;
}

static double json_number(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v))
		fail_msg("\"%s\" is not a number", key);
	return v->valuedouble;
}

static const char *json_string(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(v))
		fail_msg("\"%s\" is not a string", key);
	return v->valuestring;
}

static char *repeat(const char *s, size_t n)
{
	size_t len = strlen(s);
	char *out = malloc(len * n + 1);

	assert_non_null(out);
	for (size_t i = 0; i < n; i++)
		memcpy(out + i * len, s, len);
	out[len * n] = '\0';
	return out;
}

/* ---------------------------------------------------------------------
 * Methods.
 */

static void test_payment__method_names_labels_and_parse(void **state)
{
	static const struct {
		const char *typed;
		int want;           /* -1: not a method */
	} cases[] = {
		{ "cash", PORTAL_PAY_CASH }, { " Cash ", PORTAL_PAY_CASH },
		{ "debit", PORTAL_PAY_DEBIT }, { "Credit card", PORTAL_PAY_CREDIT_CARD },
		{ "credit-card", PORTAL_PAY_CREDIT_CARD }, { "CREDIT_CARD", PORTAL_PAY_CREDIT_CARD },
		{ "cheque", PORTAL_PAY_CHEQUE }, { "check", PORTAL_PAY_CHEQUE },
		{ "e-transfer", PORTAL_PAY_ETRANSFER }, { "E-transfer", PORTAL_PAY_ETRANSFER },
		{ "etransfer", PORTAL_PAY_ETRANSFER }, { "financing", PORTAL_PAY_FINANCING },
		{ "other", PORTAL_PAY_OTHER },
		{ "", -1 }, { "bitcoin", -1 }, { "cash!", -1 }, { NULL, -1 },
		{ "cashcashcashcashcashcashcashcashcash", -1 },
	};
	static const char *const names[] = { NULL, "cash", "debit", "credit_card", "cheque",
		"e_transfer", "financing", "other" };
	static const char *const labels[] = { NULL, "Cash", "Debit", "Credit card", "Cheque",
		"E-transfer", "Financing", "Other" };

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_payment_method m = 0;
		int rc = portal_payment_method_parse(&m, cases[i].typed);
		if (cases[i].want < 0 ? rc != -1 : (rc != 0 || (int)m != cases[i].want))
			fail_msg("parse \"%s\": rc %d method %d, want %d",
				cases[i].typed ? cases[i].typed : "(null)", rc, (int)m, cases[i].want);
	}
	for (int m = PORTAL_PAY_CASH; m <= PORTAL_PAY_OTHER; m++) {
		portal_payment_method back = 0;
		assert_string_equal(portal_payment_method_name((portal_payment_method)m), names[m]);
		assert_string_equal(portal_payment_method_label((portal_payment_method)m), labels[m]);
		assert_int_equal(portal_payment_method_parse(&back, labels[m]), 0);
		assert_int_equal(back, m);
	}
	assert_null(portal_payment_method_name(0));
	assert_null(portal_payment_method_label(8));
}

/* ---------------------------------------------------------------------
 * Paying an invoice.
 */

static void test_payment__partial_then_full_payment(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	portal_id first, second;
	portal_payment *pay;

	expect_invoice(p, inv, PORTAL_INVOICE_DUE, 0, TOTAL, "before paying");
	first = pay_now(p, inv, 5000);
	expect_invoice(p, inv, PORTAL_INVOICE_PARTLY_PAID, 5000, TOTAL - 5000, "partly paid");
	second = pay_now(p, inv, TOTAL - 5000);
	expect_invoice(p, inv, PORTAL_INVOICE_PAID, TOTAL, 0, "paid");
	assert_true(second > first);

	pay = get_payment(p, first);
	assert_int_equal(pay->client_id, fx.alice);
	assert_int_equal(pay->invoice_id, inv);
	assert_string_equal(pay->invoice_number, "10001");
	assert_int_equal(pay->amount, 5000);
	assert_int_equal(pay->method, PORTAL_PAY_CASH);
	assert_int_equal(pay->received_at, TH_NOW);
	assert_string_equal(pay->reference, "");
	assert_int_equal(pay->refund_of, 0);
	assert_string_equal(pay->reason, "");
	assert_int_equal(pay->refunded, 0);
	portal_payment_free(pay);
	assert_int_equal(account_credit(p, fx.alice), 0);
}

static void test_payment__exact_balance_pays_the_invoice(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);

	pay_now(p, inv, TOTAL);
	expect_invoice(p, inv, PORTAL_INVOICE_PAID, TOTAL, 0, "exact balance");
	assert_int_equal(account_credit(p, fx.alice), 0);
}

static void test_payment__overpayment_is_refused_and_changes_nothing(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	portal_payment_fields f = PORTAL_PAYMENT_FIELDS_INIT;

	f.invoice_id = inv;
	f.amount = 15000;
	f.method = PORTAL_PAY_DEBIT;
	TH_CHECK_REFUSED(p, "150.00 on 135.60", portal_payment_add(NULL, p, &f), PORTAL_ERULE,
		NULL);
	assert_string_equal(portal_errmsg(p), "a payment of $150.00 exceeds the balance of"
		" $135.60 on invoice 10001; record the rest as account credit");

	/* One cent over, after a partial payment. */
	pay_now(p, inv, 10000);
	f.amount = TOTAL - 10000 + 1;
	TH_CHECK_REFUSED(p, "one cent over the balance", portal_payment_add(NULL, p, &f),
		PORTAL_ERULE, NULL);
	assert_non_null(strstr(portal_errmsg(p), "exceeds the balance of $35.60"));
	expect_invoice(p, inv, PORTAL_INVOICE_PARTLY_PAID, 10000, TOTAL - 10000, "after refusal");

	/* A paid invoice takes nothing more. */
	pay_now(p, inv, TOTAL - 10000);
	f.amount = 1;
	TH_CHECK_REFUSED(p, "one cent on a paid invoice", portal_payment_add(NULL, p, &f),
		PORTAL_ERULE, NULL);
	assert_non_null(strstr(portal_errmsg(p), "account credit"));
}

static void test_payment__overpayment_with_excess_to_credit(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	portal_payment_fields f = PORTAL_PAYMENT_FIELDS_INIT;
	portal_payment *on_invoice, *rest;
	portal_id id = 0;

	f.invoice_id = inv;
	f.amount = 15000;
	f.method = PORTAL_PAY_CHEQUE;
	f.reference = " Cheque 1042 ";
	f.received_at = TH_NOW - HOUR;
	f.excess_to_credit = 1;
	check(p, portal_payment_add(&id, p, &f), "paying with excess to credit");
	expect_invoice(p, inv, PORTAL_INVOICE_PAID, TOTAL, 0, "excess to credit");
	assert_int_equal(account_credit(p, fx.alice), 15000 - TOTAL);

	/* `out` is the payment on the invoice; the credit is the next row. */
	on_invoice = get_payment(p, id);
	rest = get_payment(p, id + 1);
	assert_int_equal(on_invoice->invoice_id, inv);
	assert_int_equal(on_invoice->amount, TOTAL);
	assert_int_equal(rest->invoice_id, 0);
	assert_string_equal(rest->invoice_number, "");
	assert_int_equal(rest->amount, 15000 - TOTAL);
	assert_int_equal(rest->client_id, fx.alice);
	assert_int_equal(rest->method, PORTAL_PAY_CHEQUE);
	assert_int_equal(rest->received_at, TH_NOW - HOUR);
	assert_string_equal(rest->reference, "Cheque 1042");
	assert_string_equal(on_invoice->reference, "Cheque 1042");
	portal_payment_free(on_invoice);
	portal_payment_free(rest);
	assert_int_equal(account_credit(p, fx.bob), 0);
}

static void test_payment__excess_to_credit_within_the_balance_makes_one_row(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	portal_payment_fields f = PORTAL_PAYMENT_FIELDS_INIT;
	portal_id id = 0;
	portal_payment *next = NULL;

	f.invoice_id = inv;
	f.amount = TOTAL;
	f.method = PORTAL_PAY_CASH;
	f.excess_to_credit = 1;
	check(p, portal_payment_add(&id, p, &f), "exact balance with excess_to_credit");
	assert_int_equal(portal_payment_get(&next, p, id + 1), PORTAL_ENOTFOUND);
	assert_int_equal(account_credit(p, fx.alice), 0);
}

static void test_payment__nothing_owed_with_excess_to_credit_is_all_credit(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	portal_payment_fields f = PORTAL_PAYMENT_FIELDS_INIT;
	portal_payment *row;
	portal_id id = 0;

	pay_now(p, inv, TOTAL);
	f.invoice_id = inv;
	f.amount = 2500;
	f.method = PORTAL_PAY_ETRANSFER;
	f.excess_to_credit = 1;
	check(p, portal_payment_add(&id, p, &f), "paying a paid invoice to credit");
	row = get_payment(p, id);
	assert_int_equal(row->invoice_id, 0);
	assert_int_equal(row->amount, 2500);
	assert_int_equal(row->client_id, fx.alice);
	portal_payment_free(row);
	assert_int_equal(account_credit(p, fx.alice), 2500);
	expect_invoice(p, inv, PORTAL_INVOICE_PAID, TOTAL, 0, "still paid");
}

static void test_payment__draft_or_void_invoice_is_refused(void **state)
{
	portal *p = *state;
	portal_id draft_id = draft(p, fx.alice, 0, PRICE);
	portal_id void_id = issued(p, fx.alice);
	const struct {
		const char *what;
		portal_id invoice;
		int excess_to_credit;
	} cases[] = {
		{ "a draft", draft_id, 0 },
		{ "a draft, excess to credit", draft_id, 1 },
		{ "a void invoice", void_id, 0 },
		{ "a void invoice, excess to credit", void_id, 1 },
	};

	check(p, portal_invoice_void(p, void_id, "Entered twice"), "voiding");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_payment_fields f = PORTAL_PAYMENT_FIELDS_INIT;

		f.invoice_id = cases[i].invoice;
		f.amount = 1000;
		f.method = PORTAL_PAY_CASH;
		f.excess_to_credit = cases[i].excess_to_credit;
		TH_CHECK_REFUSED(p, cases[i].what, portal_payment_add(NULL, p, &f), PORTAL_ERULE,
			NULL);
	}
}

static void test_payment__invalid_fields_are_refused(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	char *ref101 = repeat("é", 101);
	const struct {
		const char *what;
		portal_id client, invoice;
		portal_money amount;
		int method;
		portal_time at;
		const char *reference;
		int want;
		const char *field;
	} cases[] = {
		{ "amount 0", 0, inv, 0, 1, 0, NULL, PORTAL_EINVAL, "payment.amount" },
		{ "amount -1", 0, inv, -1, 1, 0, NULL, PORTAL_EINVAL, "payment.amount" },
		{ "amount over the maximum", 0, 0, PORTAL_MONEY_MAX + 1, 1, 0, NULL,
		  PORTAL_EINVAL, "payment.amount" },
		{ "no method", 0, inv, 100, 0, 0, NULL, PORTAL_EINVAL, "payment.method" },
		{ "method 8", 0, inv, 100, 8, 0, NULL, PORTAL_EINVAL, "payment.method" },
		{ "received in the future", 0, inv, 100, 1, TH_NOW + 1, NULL, PORTAL_EINVAL,
		  "payment.received_at" },
		{ "received before 1970", 0, inv, 100, 1, -5, NULL, PORTAL_EINVAL,
		  "payment.received_at" },
		{ "reference of 101 characters", 0, inv, 100, 1, 0, ref101, PORTAL_EINVAL,
		  "payment.reference" },
		{ "reference with a control character", 0, inv, 100, 1, 0, "12\a34",
		  PORTAL_EINVAL, "payment.reference" },
		{ "another client's invoice", fx.bob, inv, 100, 1, 0, NULL, PORTAL_EINVAL,
		  "payment.client" },
		{ "credit without a client", 0, 0, 100, 1, 0, NULL, PORTAL_EINVAL,
		  "payment.client" },
		{ "missing invoice", 0, 999, 100, 1, 0, NULL, PORTAL_ENOTFOUND, NULL },
		{ "negative invoice", 0, -3, 100, 1, 0, NULL, PORTAL_ENOTFOUND, NULL },
		{ "credit for a missing client", 999, 0, 100, 1, 0, NULL, PORTAL_ENOTFOUND, NULL },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_payment_fields f = PORTAL_PAYMENT_FIELDS_INIT;
		portal_id out = -1;

		f.client_id = cases[i].client;
		f.invoice_id = cases[i].invoice;
		f.amount = cases[i].amount;
		f.method = (portal_payment_method)cases[i].method;
		f.received_at = cases[i].at;
		f.reference = cases[i].reference;
		TH_CHECK_REFUSED(p, cases[i].what, portal_payment_add(&out, p, &f), cases[i].want,
			cases[i].field);
		if (out != -1)
			fail_msg("%s: the id was written on failure", cases[i].what);
	}
	free(ref101);
}

static void test_payment__fields_of_an_unknown_version_are_refused(void **state)
{
	portal *p = *state;
	portal_payment_fields f = PORTAL_PAYMENT_FIELDS_INIT;

	f.version = PORTAL_PAYMENT_FIELDS_VERSION + 1;
	f.client_id = fx.alice;
	f.amount = 100;
	f.method = PORTAL_PAY_CASH;
	TH_CHECK_REFUSED(p, "version 2", portal_payment_add(NULL, p, &f), PORTAL_EINVAL, NULL);
	TH_CHECK_REFUSED(p, "NULL", portal_payment_add(NULL, p, NULL), PORTAL_EINVAL, NULL);
}

static void test_payment__limits_that_are_accepted(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	char *ref100 = repeat("é", 100);
	portal_payment_fields f = PORTAL_PAYMENT_FIELDS_INIT;
	portal_payment *row;
	portal_id id = 0;

	/* Client 0 takes the invoice's; received exactly now; 100 characters. */
	f.invoice_id = inv;
	f.amount = 1;
	f.method = PORTAL_PAY_OTHER;
	f.received_at = TH_NOW;
	f.reference = ref100;
	check(p, portal_payment_add(&id, p, &f), "one cent");
	row = get_payment(p, id);
	assert_int_equal(row->client_id, fx.alice);
	assert_string_equal(row->reference, ref100);
	portal_payment_free(row);

	/* The invoice's own client named explicitly. */
	f.client_id = fx.alice;
	f.reference = NULL;
	check(p, portal_payment_add(NULL, p, &f), "the invoice's client named");

	/* The largest amount, as credit. */
	assert_true(th_add_payment(p, fx.bob, 0, PORTAL_MONEY_MAX, PORTAL_PAY_FINANCING, 0) > 0);
	assert_int_equal(account_credit(p, fx.bob), PORTAL_MONEY_MAX);
	free(ref100);
}

static void test_payment__account_credit_sums_rows_without_invoice(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	portal_id c1;
	portal_money missing;

	assert_int_equal(account_credit(p, fx.alice), 0);
	c1 = th_add_payment(p, fx.alice, 0, 5000, PORTAL_PAY_CASH, TH_NOW - DAY);
	th_add_payment(p, fx.alice, 0, 1234, PORTAL_PAY_DEBIT, 0);
	th_add_payment(p, fx.bob, 0, 700, PORTAL_PAY_DEBIT, 0);
	pay_now(p, inv, 1000);
	assert_int_equal(account_credit(p, fx.alice), 6234);
	assert_int_equal(account_credit(p, fx.bob), 700);

	/* Refunding credit takes it back. */
	refund(p, c1, 2000, 0);
	assert_int_equal(account_credit(p, fx.alice), 4234);
	assert_int_equal(portal_account_credit(&missing, p, 999), PORTAL_ENOTFOUND);
}

/* ---------------------------------------------------------------------
 * The job of a paid invoice.
 */

static portal_job *get_job(portal *p, portal_id id)
{
	portal_job *j = NULL;

	check(p, portal_job_get(&j, p, id), "reading a job");
	return j;
}

static portal_id invoice_for_job(portal *p, portal_id job)
{
	portal_id id = draft(p, fx.alice, job, PRICE);

	th_issue_invoice(p, id, TH_NOW - 2 * DAY, 0);
	return id;
}

static void test_payment__paying_in_full_marks_the_job_paid(void **state)
{
	static const struct {
		const char *what;
		portal_time paid_at;    /* relative to TH_NOW */
		portal_time want_at;    /* relative to TH_NOW */
	} cases[] = {
		{ "paid now", 0, 0 },
		{ "paid yesterday, after the job was invoiced", -DAY, -DAY },
		/* A payment entered late never puts "paid" before the step the
		 * job had reached (invoiced, two days ago). */
		{ "paid before the job's latest step: at that step", -3 * DAY + HOUR, -2 * DAY },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id job = th_add_job(p, fx.alice, 0, 0, "Dryer does not heat",
			TH_NOW - 3 * DAY);
		portal_id inv;
		portal_job *j;

		check(p, portal_job_set_status(p, job, PORTAL_JOB_REPAIRED, NULL,
			TH_NOW - 2 * DAY - HOUR), "repaired");
		inv = invoice_for_job(p, job);
		th_add_payment(p, 0, inv, 5000, PORTAL_PAY_CASH, TH_NOW - 2 * DAY);
		j = get_job(p, job);
		if (j->status == PORTAL_JOB_PAID)
			fail_msg("%s: a partial payment marked the job paid", cases[i].what);
		portal_job_free(j);

		th_add_payment(p, 0, inv, TOTAL - 5000, PORTAL_PAY_CASH, TH_NOW + cases[i].paid_at);
		j = get_job(p, job);
		if (j->status != PORTAL_JOB_PAID ||
		    j->events[j->event_count - 1].at != TH_NOW + cases[i].want_at)
			fail_msg("%s: job %s at %lld, want paid at %lld", cases[i].what,
				portal_job_status_name(j->status),
				(long long)j->events[j->event_count - 1].at,
				(long long)(TH_NOW + cases[i].want_at));
		portal_job_free(j);
	}
}

static void test_payment__a_closed_or_already_paid_job_gets_no_event(void **state)
{
	static const portal_job_status finals[] = {
		PORTAL_JOB_CLOSED, PORTAL_JOB_CANCELLED, PORTAL_JOB_PAID
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(finals); i++) {
		portal_id job = th_add_job(p, fx.alice, 0, 0, "Dryer does not heat",
			TH_NOW - 3 * DAY);
		portal_id inv = invoice_for_job(p, job);
		portal_job *j;
		size_t events;

		check(p, portal_job_set_status(p, job, finals[i], NULL, TH_NOW - HOUR), "final");
		j = get_job(p, job);
		events = j->event_count;
		portal_job_free(j);
		pay_now(p, inv, TOTAL);
		j = get_job(p, job);
		if (j->status != finals[i] || j->event_count != events)
			fail_msg("%s job: now %s with %zu events",
				portal_job_status_name(finals[i]),
				portal_job_status_name(j->status), j->event_count);
		portal_job_free(j);
	}
}

/* ---------------------------------------------------------------------
 * Refunds.
 */

static void test_payment__refund_part_then_the_rest(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	portal_id paid = th_add_payment(p, 0, inv, TOTAL, PORTAL_PAY_CREDIT_CARD, TH_NOW - HOUR);
	portal_id r1, r2;
	portal_payment *row;

	r1 = refund(p, paid, 5000, 0);
	row = get_payment(p, r1);
	assert_int_equal(row->amount, -5000);
	assert_int_equal(row->refund_of, paid);
	assert_int_equal(row->invoice_id, inv);
	assert_string_equal(row->invoice_number, "10001");
	assert_int_equal(row->client_id, fx.alice);
	assert_int_equal(row->method, PORTAL_PAY_CREDIT_CARD);
	assert_int_equal(row->received_at, TH_NOW);
	assert_string_equal(row->reason, "Customer returned the part");
	assert_int_equal(row->refunded, 0);
	portal_payment_free(row);
	row = get_payment(p, paid);
	assert_int_equal(row->refunded, 5000);
	portal_payment_free(row);
	expect_invoice(p, inv, PORTAL_INVOICE_PARTLY_PAID, TOTAL - 5000, 5000, "partly refunded");

	/* Amount 0: all that is left. */
	r2 = refund(p, paid, 0, 0);
	row = get_payment(p, r2);
	assert_int_equal(row->amount, -(TOTAL - 5000));
	portal_payment_free(row);
	row = get_payment(p, paid);
	assert_int_equal(row->refunded, TOTAL);
	portal_payment_free(row);
	expect_invoice(p, inv, PORTAL_INVOICE_DUE, 0, TOTAL, "refunded in full");
}

static void test_payment__refund_beyond_what_is_left_is_refused(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	portal_id paid = pay_now(p, inv, 10000);

	TH_CHECK_REFUSED(p, "a cent more than the payment",
		portal_payment_refund(NULL, p, paid, 10001, "Too much", 0), PORTAL_ERULE, NULL);
	refund(p, paid, 6000, 0);
	TH_CHECK_REFUSED(p, "a cent more than is left",
		portal_payment_refund(NULL, p, paid, 4001, "Too much", 0), PORTAL_ERULE, NULL);
	assert_non_null(strstr(portal_errmsg(p), "$40.00 left"));
	refund(p, paid, 4000, 0);
	TH_CHECK_REFUSED(p, "anything after a full refund",
		portal_payment_refund(NULL, p, paid, 1, "Again", 0), PORTAL_ERULE, NULL);
	TH_CHECK_REFUSED(p, "the rest after a full refund",
		portal_payment_refund(NULL, p, paid, 0, "Again", 0), PORTAL_ERULE, NULL);
}

static void test_payment__refund_of_a_refund_is_refused(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	portal_id paid = pay_now(p, inv, 10000);
	portal_id back = refund(p, paid, 3000, 0);

	TH_CHECK_REFUSED(p, "part of a refund",
		portal_payment_refund(NULL, p, back, 1000, "Undo", 0), PORTAL_ERULE, NULL);
	TH_CHECK_REFUSED(p, "all of a refund",
		portal_payment_refund(NULL, p, back, 0, "Undo", 0), PORTAL_ERULE, NULL);
}

static void test_payment__refund_reopens_the_balance(void **state)
{
	portal *p = *state;
	portal_id due_later = issued(p, fx.alice);
	portal_id overdue = draft(p, fx.alice, 0, PRICE);
	portal_id a, b;

	check(p, portal_invoice_issue(p, overdue, TH_NOW - DAY, 0), "issuing on receipt");
	a = pay_now(p, due_later, TOTAL);
	b = pay_now(p, overdue, TOTAL);
	expect_invoice(p, due_later, PORTAL_INVOICE_PAID, TOTAL, 0, "paid");
	refund(p, a, 1000, 0);
	expect_invoice(p, due_later, PORTAL_INVOICE_PARTLY_PAID, TOTAL - 1000, 1000,
		"refund on an invoice not yet due");
	/* Due on receipt yesterday: a balance reopened today is overdue. */
	refund(p, b, 0, 0);
	expect_invoice(p, overdue, PORTAL_INVOICE_OVERDUE, 0, TOTAL, "refund past the due day");
}

static void test_payment__void_after_full_refund(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	portal_id paid = pay_now(p, inv, TOTAL);
	portal_invoice *i;

	TH_CHECK_REFUSED(p, "void while it holds a payment",
		portal_invoice_void(p, inv, "Wrong client"), PORTAL_ERULE, NULL);
	refund(p, paid, 0, 0);
	check(p, portal_invoice_void(p, inv, "Wrong client"), "void after the refund");
	i = get_invoice(p, inv);
	assert_int_equal(i->status, PORTAL_INVOICE_VOID);
	assert_int_equal(i->balance, 0);
	portal_invoice_free(i);
}

static void test_payment__invalid_refunds_are_refused(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	portal_id paid = th_add_payment(p, 0, inv, 10000, PORTAL_PAY_CASH, TH_NOW - DAY);
	char *reason501 = repeat("é", 501);
	const struct {
		const char *what;
		portal_id payment;
		portal_money amount;
		const char *reason;
		portal_time at;
		int want;
		const char *field;
	} cases[] = {
		{ "no reason", paid, 100, NULL, 0, PORTAL_EINVAL, "refund.reason" },
		{ "blank reason", paid, 100, "  ", 0, PORTAL_EINVAL, "refund.reason" },
		{ "reason of 501 characters", paid, 100, reason501, 0, PORTAL_EINVAL,
		  "refund.reason" },
		{ "negative amount", paid, -100, "Damaged", 0, PORTAL_EINVAL, "refund.amount" },
		{ "in the future", paid, 100, "Damaged", TH_NOW + 1, PORTAL_EINVAL, "refund.at" },
		{ "before the payment", paid, 100, "Damaged", TH_NOW - DAY - 1, PORTAL_EINVAL,
		  "refund.at" },
		{ "missing payment", 999, 100, "Damaged", 0, PORTAL_ENOTFOUND, NULL },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id out = -1;

		TH_CHECK_REFUSED(p, cases[i].what, portal_payment_refund(&out, p, cases[i].payment,
			cases[i].amount, cases[i].reason, cases[i].at), cases[i].want, cases[i].field);
		if (out != -1)
			fail_msg("%s: the id was written on failure", cases[i].what);
	}
	/* The same moment as the payment is not before it. */
	refund(p, paid, 100, TH_NOW - DAY);
	free(reason501);
}

/* ---------------------------------------------------------------------
 * Reading payments.
 */

struct collected {
	size_t n;
	portal_id ids[16];
	portal_money refunded[16];
	char numbers[16][24];
};

static int collect(const portal_payment *pay, void *ctx)
{
	struct collected *c = ctx;

	assert_true(c->n < ARRAY_LEN(c->ids));
	c->ids[c->n] = pay->id;
	c->refunded[c->n] = pay->refunded;
	snprintf(c->numbers[c->n], sizeof(c->numbers[0]), "%s", pay->invoice_number);
	c->n++;
	return 0;
}

static void test_payment__foreach_oldest_first_with_filters(void **state)
{
	portal *p = *state;
	portal_id a1 = issued(p, fx.alice), a2 = issued(p, fx.alice), b1 = issued(p, fx.bob);
	portal_id late = th_add_payment(p, 0, a1, 1000, PORTAL_PAY_CASH, TH_NOW - HOUR);
	portal_id early = th_add_payment(p, 0, a2, 2000, PORTAL_PAY_CASH, TH_NOW - 2 * HOUR);
	portal_id bob = th_add_payment(p, 0, b1, 3000, PORTAL_PAY_CASH, TH_NOW - 3 * HOUR);
	portal_id cr = th_add_payment(p, fx.alice, 0, 400, PORTAL_PAY_CASH, TH_NOW - 30 * 60);
	portal_id back = refund(p, late, 250, 0);
	const struct {
		const char *what;
		portal_id client, invoice;
		size_t n;
		portal_id want[6];
	} cases[] = {
		{ "everything", 0, 0, 5, { bob, early, late, cr, back } },
		{ "Alice", fx.alice, 0, 4, { early, late, cr, back } },
		{ "Bob", fx.bob, 0, 1, { bob } },
		{ "invoice a1", 0, a1, 2, { late, back } },
		{ "Alice on Bob's invoice", fx.alice, b1, 0, { 0 } },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct collected got = { 0 };
		check(p, portal_payment_foreach(p, cases[i].client, cases[i].invoice, collect, &got),
			cases[i].what);
		if (got.n != cases[i].n)
			fail_msg("%s: %zu rows, want %zu", cases[i].what, got.n, cases[i].n);
		for (size_t k = 0; k < got.n; k++)
			if (got.ids[k] != cases[i].want[k])
				fail_msg("%s: row %zu is #%lld, want #%lld", cases[i].what, k,
					(long long)got.ids[k], (long long)cases[i].want[k]);
	}
	{
		struct collected got = { 0 };
		check(p, portal_payment_foreach(p, fx.alice, 0, collect, &got), "Alice again");
		assert_string_equal(got.numbers[0], "10002");
		assert_string_equal(got.numbers[1], "10001");
		assert_int_equal(got.refunded[1], 250);
		assert_string_equal(got.numbers[2], "");
		assert_string_equal(got.numbers[3], "10001");
	}
}

static int stop_after_one(const portal_payment *pay, void *ctx)
{
	(void)pay;
	(*(int *)ctx)++;
	return 42;
}

static void test_payment__foreach_stops_when_the_callback_says_so(void **state)
{
	portal *p = *state;
	int calls = 0;

	th_add_payment(p, fx.alice, 0, 100, PORTAL_PAY_CASH, 0);
	th_add_payment(p, fx.alice, 0, 200, PORTAL_PAY_CASH, 0);
	assert_int_equal(portal_payment_foreach(p, 0, 0, stop_after_one, &calls), 42);
	assert_int_equal(calls, 1);
}

static void test_payment__get_of_a_missing_payment_is_not_found(void **state)
{
	portal *p = *state;
	portal_payment *pay = (portal_payment *)&pay;
	portal_buf doc = PORTAL_BUF_INIT;

	assert_int_equal(portal_payment_get(&pay, p, 1), PORTAL_ENOTFOUND);
	assert_null(pay);
	assert_string_equal(portal_errmsg(p), "no payment #1");
	assert_int_equal(portal_payment_json(&doc, p, 1), PORTAL_ENOTFOUND);
	assert_null(doc.ptr);
	portal_payment_free(NULL);
}

static void test_payment__json_of_a_payment_and_a_refund(void **state)
{
	portal *p = *state;
	portal_id inv = issued(p, fx.alice);
	portal_id paid = th_add_payment(p, 0, inv, 10000, PORTAL_PAY_ETRANSFER, TH_NOW - HOUR);
	portal_id back = refund(p, paid, 2500, 0);
	portal_buf doc = PORTAL_BUF_INIT;
	cJSON *root, *item;

	check(p, portal_payment_json(&doc, p, paid), "payment json");
	root = parse_json(&doc);
	assert_int_equal(json_number(root, "id"), paid);
	assert_string_equal(json_string(root, "kind"), "payment");
	assert_string_equal(json_string(root, "invoice_number"), "10001");
	assert_int_equal(json_number(root, "amount"), 10000);
	assert_string_equal(json_string(root, "method"), "e_transfer");
	assert_string_equal(json_string(root, "method_label"), "E-transfer");
	assert_string_equal(json_string(root, "received_at"), "2026-11-22T09:00:00-05:00");
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(root, "refund_of")));
	assert_int_equal(json_number(root, "refunded"), 2500);
	assert_int_equal(json_number(root, "refundable"), 7500);
	cJSON_Delete(root);

	check(p, portal_payment_list_json(&doc, p, fx.alice, 0), "list json");
	root = parse_json(&doc);
	assert_int_equal(cJSON_GetArraySize(root), 2);
	item = cJSON_GetArrayItem(root, 1);
	assert_int_equal(json_number(item, "id"), back);
	assert_string_equal(json_string(item, "kind"), "refund");
	assert_int_equal(json_number(item, "amount"), -2500);
	assert_int_equal(json_number(item, "refund_of"), paid);
	assert_string_equal(json_string(item, "reason"), "Customer returned the part");
	cJSON_Delete(root);

	check(p, portal_payment_list_json(&doc, p, fx.bob, 0), "Bob's list");
	root = parse_json(&doc);
	assert_int_equal(cJSON_GetArraySize(root), 0);
	cJSON_Delete(root);
}

/* ---------------------------------------------------------------------
 * Breakdown by method.
 */

static void expect_breakdown(portal *p, const char *what, portal_id client, portal_time from,
	portal_time to, const portal_money want_amount[8], const int want_count[8],
	portal_money want_total)
{
	static const char *const names[] = { NULL, "cash", "debit", "credit_card", "cheque",
		"e_transfer", "financing", "other" };
	portal_buf doc = PORTAL_BUF_INIT;
	cJSON *root, *methods;

	check(p, portal_payment_breakdown_json(&doc, p, client, from, to), what);
	root = parse_json(&doc);
	methods = cJSON_GetObjectItemCaseSensitive(root, "methods");
	if (cJSON_GetArraySize(methods) != 7)
		fail_msg("%s: %d methods, want 7", what, cJSON_GetArraySize(methods));
	for (int m = 1; m <= 7; m++) {
		cJSON *item = cJSON_GetArrayItem(methods, m - 1);
		if (strcmp(json_string(item, "method"), names[m]) != 0 ||
		    (portal_money)json_number(item, "amount") != want_amount[m] ||
		    (int)json_number(item, "count") != want_count[m])
			fail_msg("%s: row %d is %s %lld x%d, want %s %lld x%d", what, m,
				json_string(item, "method"), (long long)json_number(item, "amount"),
				(int)json_number(item, "count"), names[m],
				(long long)want_amount[m], want_count[m]);
	}
	if ((portal_money)json_number(root, "total") != want_total)
		fail_msg("%s: total %lld, want %lld", what, (long long)json_number(root, "total"),
			(long long)want_total);
	/* Every amount also as text, as in every other document (json_string
	 * fails the test when it is missing). */
	json_string(root, "total_text");
	json_string(cJSON_GetArrayItem(methods, 0), "amount_text");
	cJSON_Delete(root);
}

static void test_payment__breakdown_by_method_with_a_refund(void **state)
{
	portal *p = *state;
	portal_id a1 = issued(p, fx.alice), a2 = issued(p, fx.alice), b1 = issued(p, fx.bob);
	portal_id card;

	th_add_payment(p, 0, a1, 5000, PORTAL_PAY_CASH, TH_NOW - 5 * HOUR);
	card = th_add_payment(p, 0, a1, TOTAL - 5000, PORTAL_PAY_CREDIT_CARD, TH_NOW - 4 * HOUR);
	th_add_payment(p, 0, a2, 2000, PORTAL_PAY_CASH, TH_NOW - 3 * HOUR);
	th_add_payment(p, 0, b1, TOTAL, PORTAL_PAY_DEBIT, TH_NOW - 2 * HOUR);
	th_add_payment(p, fx.alice, 0, 1000, PORTAL_PAY_ETRANSFER, TH_NOW - 2 * HOUR);
	refund(p, card, 3000, TH_NOW - HOUR);

	{
		const portal_money amt[8] = { 0, 7000, TOTAL, TOTAL - 5000 - 3000, 0, 1000, 0, 0 };
		const int cnt[8] = { 0, 2, 1, 1, 0, 1, 0, 0 };
		expect_breakdown(p, "the shop", 0, 0, 0, amt, cnt,
			7000 + TOTAL + TOTAL - 8000 + 1000);
	}
	{
		const portal_money amt[8] = { 0, 7000, 0, TOTAL - 8000, 0, 1000, 0, 0 };
		const int cnt[8] = { 0, 2, 0, 1, 0, 1, 0, 0 };
		expect_breakdown(p, "Alice", fx.alice, 0, 0, amt, cnt, 7000 + TOTAL - 8000 + 1000);
	}
	{
		/* [from, to): from is in, to is out; the refund falls outside. */
		const portal_money amt[8] = { 0, 2000, TOTAL, TOTAL - 5000, 0, 1000, 0, 0 };
		const int cnt[8] = { 0, 1, 1, 1, 0, 1, 0, 0 };
		expect_breakdown(p, "from 4 hours ago to 1 hour ago", 0, TH_NOW - 4 * HOUR,
			TH_NOW - HOUR, amt, cnt, 2000 + TOTAL + TOTAL - 5000 + 1000);
	}
	{
		/* Only the refund: a period can take in less than nothing. */
		const portal_money amt[8] = { 0, 0, 0, -3000, 0, 0, 0, 0 };
		const int cnt[8] = { 0 };
		expect_breakdown(p, "the last hour", 0, TH_NOW - HOUR, 0, amt, cnt, -3000);
	}
	{
		const portal_money amt[8] = { 0 };
		const int cnt[8] = { 0 };
		expect_breakdown(p, "a client who never paid", th_add_client(p, "Carol"), 0, 0, amt,
			cnt, 0);
	}
}

static void test_payment__breakdown_refuses_a_bad_period_or_client(void **state)
{
	portal *p = *state;
	portal_buf doc = PORTAL_BUF_INIT;

	assert_int_equal(portal_payment_breakdown_json(&doc, p, 999, 0, 0), PORTAL_ENOTFOUND);
	assert_int_equal(portal_payment_breakdown_json(&doc, p, 0, TH_NOW, TH_NOW),
		PORTAL_EINVAL);
	assert_int_equal(portal_payment_breakdown_json(&doc, p, 0, TH_NOW, TH_NOW - 1),
		PORTAL_EINVAL);
	assert_null(doc.ptr);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_payment__method_names_labels_and_parse),
		T(test_payment__partial_then_full_payment),
		T(test_payment__exact_balance_pays_the_invoice),
		T(test_payment__overpayment_is_refused_and_changes_nothing),
		T(test_payment__overpayment_with_excess_to_credit),
		T(test_payment__excess_to_credit_within_the_balance_makes_one_row),
		T(test_payment__nothing_owed_with_excess_to_credit_is_all_credit),
		T(test_payment__draft_or_void_invoice_is_refused),
		T(test_payment__invalid_fields_are_refused),
		T(test_payment__fields_of_an_unknown_version_are_refused),
		T(test_payment__limits_that_are_accepted),
		T(test_payment__account_credit_sums_rows_without_invoice),
		T(test_payment__paying_in_full_marks_the_job_paid),
		T(test_payment__a_closed_or_already_paid_job_gets_no_event),
		T(test_payment__refund_part_then_the_rest),
		T(test_payment__refund_beyond_what_is_left_is_refused),
		T(test_payment__refund_of_a_refund_is_refused),
		T(test_payment__refund_reopens_the_balance),
		T(test_payment__void_after_full_refund),
		T(test_payment__invalid_refunds_are_refused),
		T(test_payment__foreach_oldest_first_with_filters),
		T(test_payment__foreach_stops_when_the_callback_says_so),
		T(test_payment__get_of_a_missing_payment_is_not_found),
		T(test_payment__json_of_a_payment_and_a_refund),
		T(test_payment__breakdown_by_method_with_a_refund),
		T(test_payment__breakdown_refuses_a_bad_period_or_client),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
