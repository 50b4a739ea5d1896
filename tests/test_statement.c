/* SPDX-License-Identifier: MIT */
/*
 * test_statement.c - unit tests for the statement of account
 * (statement.c): entries and the running balance, ageing by local days
 * past due, void invoices, account credit, and statements as of a past
 * moment.
 *
 * The clock is at TH_NOW, Sunday 2026-11-22 10:00 in Toronto (15:00Z),
 * tax 13%: a labour line of $120.00 makes an invoice of $135.60.
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

#define MINUTE ((portal_time)60)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

#define TOTAL ((portal_money)13560)     /* $120.00 + 13% */
#define TOTAL_2 ((portal_money)22600)   /* $200.00 + 13% */

static struct {
	portal_id alice, bob;
} fx;

/* ---------------------------------------------------------------------
 * Fixtures and helpers.
 */

static void check(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

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

static portal_id draft(portal *p, portal_id client, portal_money price)
{
	portal_id id = th_add_invoice(p, client, 0, NULL);

	th_add_invoice_line(p, id, PORTAL_LINE_LABOUR, "Repair", price, -1);
	return id;
}

static portal_id issue(portal *p, portal_id client, portal_money price, portal_time issued_at,
	portal_time due_at)
{
	portal_id id = draft(p, client, price);

	th_issue_invoice(p, id, issued_at, due_at);
	return id;
}

static const cJSON *item(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (v == NULL)
		fail_msg("no \"%s\"", key);
	return v;
}

static int64_t num(const cJSON *o, const char *key);

/* The statement of `client`; every one a test reads is also checked
 * against portal_client_balance(), which must count the same. */
static cJSON *statement(portal *p, portal_id client, portal_time as_of)
{
	portal_buf doc = PORTAL_BUF_INIT;
	portal_balance b;
	cJSON *root;

	check(p, portal_statement_json(&doc, p, client, as_of), "statement");
	root = cJSON_Parse(doc.ptr);
	if (root == NULL)
		fail_msg("not JSON: %s", doc.ptr);
	portal_buf_dispose(&doc);
	check(p, portal_client_balance(&b, p, client, as_of), "balance");
	if (b.balance != num(root, "balance") || b.account_credit != num(root, "account_credit") ||
	    b.open != num(item(root, "ageing"), "total") ||
	    b.open_invoices != cJSON_GetArraySize(item(root, "open_invoices")))
		fail_msg("portal_client_balance: %lld = %lld open (%d) - %lld credit; the statement "
			"says %lld", (long long)b.balance, (long long)b.open, b.open_invoices,
			(long long)b.account_credit, (long long)num(root, "balance"));
	return root;
}

static int64_t num(const cJSON *o, const char *key)
{
	const cJSON *v = item(o, key);

	if (!cJSON_IsNumber(v))
		fail_msg("\"%s\" is not a number", key);
	return (int64_t)v->valuedouble;
}

static const char *str(const cJSON *o, const char *key)
{
	const cJSON *v = item(o, key);

	if (!cJSON_IsString(v))
		fail_msg("\"%s\" is not a string", key);
	return v->valuestring;
}

struct want_entry {
	const char *kind;
	portal_money amount, balance;
	const char *description;    /* NULL: not checked */
	const char *date;           /* NULL: not checked */
};

static void expect_entries(const cJSON *root, const struct want_entry *want, size_t n,
	const char *what)
{
	const cJSON *entries = item(root, "entries");

	if ((size_t)cJSON_GetArraySize(entries) != n)
		fail_msg("%s: %d entries, want %zu", what, cJSON_GetArraySize(entries), n);
	for (size_t i = 0; i < n; i++) {
		const cJSON *e = cJSON_GetArrayItem(entries, (int)i);
		if (strcmp(str(e, "kind"), want[i].kind) != 0 || num(e, "amount") != want[i].amount ||
		    num(e, "balance") != want[i].balance)
			fail_msg("%s: entry %zu is %s %lld -> %lld, want %s %lld -> %lld", what, i,
				str(e, "kind"), (long long)num(e, "amount"),
				(long long)num(e, "balance"), want[i].kind,
				(long long)want[i].amount, (long long)want[i].balance);
		if (want[i].description && strcmp(str(e, "description"), want[i].description) != 0)
			fail_msg("%s: entry %zu says \"%s\", want \"%s\"", what, i,
				str(e, "description"), want[i].description);
		if (want[i].date && strcmp(str(e, "date"), want[i].date) != 0)
			fail_msg("%s: entry %zu dated %s, want %s", what, i, str(e, "date"),
				want[i].date);
	}
}

struct want_ageing {
	portal_money current, d1_30, d31_60, d61_90, over_90, total;
};

static void expect_ageing(const cJSON *root, struct want_ageing w, const char *what)
{
	const cJSON *a = item(root, "ageing");
	const struct {
		const char *key;
		portal_money want;
	} rows[] = {
		{ "current", w.current }, { "days_1_30", w.d1_30 }, { "days_31_60", w.d31_60 },
		{ "days_61_90", w.d61_90 }, { "over_90", w.over_90 }, { "total", w.total },
	};

	for (size_t i = 0; i < ARRAY_LEN(rows); i++)
		if (num(a, rows[i].key) != rows[i].want)
			fail_msg("%s: ageing %s is %lld, want %lld", what, rows[i].key,
				(long long)num(a, rows[i].key), (long long)rows[i].want);
}

/*
 * Alice's account over forty days: two invoices, payments, a refund,
 * account credit, and a third invoice voided today.
 */
static struct {
	portal_id inv1, inv2, inv3, paid_late;
} story;

static void tell_the_story(portal *p)
{
	story.inv1 = issue(p, fx.alice, 12000, TH_NOW - 40 * DAY, TH_NOW - 26 * DAY);
	th_add_payment(p, 0, story.inv1, 5000, PORTAL_PAY_CASH, TH_NOW - 35 * DAY);
	story.inv2 = issue(p, fx.alice, 20000, TH_NOW - 20 * DAY, TH_NOW - 6 * DAY);
	story.paid_late = th_add_payment(p, 0, story.inv1, TOTAL - 5000, PORTAL_PAY_CASH,
		TH_NOW - 15 * DAY);
	check(p, portal_payment_refund(NULL, p, story.paid_late, 2000, "Part returned",
		TH_NOW - 10 * DAY), "refunding");
	th_add_payment(p, fx.alice, 0, 1000, PORTAL_PAY_CASH, TH_NOW - 5 * DAY);
	story.inv3 = issue(p, fx.alice, 12000, TH_NOW - 3 * DAY, 0);
	check(p, portal_invoice_void(p, story.inv3, "Billed twice"), "voiding");
	/* Bob's invoice never shows on Alice's statement. */
	issue(p, fx.bob, 50000, TH_NOW - 30 * DAY, 0);
	/* Nor does a draft. */
	draft(p, fx.alice, 99900);
}

/* ---------------------------------------------------------------------
 * Entries and the running balance.
 */

static void test_statement__entries_in_time_order_with_a_running_balance(void **state)
{
	static const struct want_entry want[] = {
		{ "invoice", TOTAL, TOTAL, "Invoice 10001", "2026-10-13" },
		{ "payment", -5000, TOTAL - 5000, "Payment on invoice 10001 (Cash)", "2026-10-18" },
		{ "invoice", TOTAL_2, TOTAL - 5000 + TOTAL_2, "Invoice 10002", "2026-11-02" },
		{ "payment", -(TOTAL - 5000), TOTAL_2, NULL, "2026-11-07" },
		{ "refund", 2000, TOTAL_2 + 2000,
		  "Refund on invoice 10001 (Cash): Part returned", "2026-11-12" },
		{ "payment", -1000, TOTAL_2 + 1000, "Payment to account credit (Cash)",
		  "2026-11-17" },
		{ "invoice", TOTAL, TOTAL_2 + 1000 + TOTAL, "Invoice 10003", "2026-11-19" },
		{ "void", -TOTAL, TOTAL_2 + 1000, "Invoice 10003 void: Billed twice",
		  "2026-11-22" },
	};
	portal *p = *state;
	cJSON *root;

	tell_the_story(p);
	root = statement(p, fx.alice, 0);
	expect_entries(root, want, ARRAY_LEN(want), "today");
	assert_int_equal(num(root, "client_id"), fx.alice);
	assert_string_equal(str(root, "client_name"), "Alice Martin");
	assert_string_equal(str(root, "as_of"), "2026-11-22T10:00:00-05:00");
	assert_string_equal(str(root, "as_of_date"), "2026-11-22");
	/* Open: 20.00 left on 10001 (26 days late) and 226.00 on 10002 (6). */
	expect_ageing(root, (struct want_ageing){ 0, 2000 + TOTAL_2, 0, 0, 0, 2000 + TOTAL_2 },
		"today");
	assert_int_equal(num(root, "account_credit"), 1000);
	assert_int_equal(num(root, "balance"), 2000 + TOTAL_2 - 1000);
	/* The last running balance is the balance. */
	assert_int_equal(num(root, "balance"), want[ARRAY_LEN(want) - 1].balance);
	cJSON_Delete(root);
}

static void test_statement__as_of_a_past_moment_leaves_out_later_events(void **state)
{
	static const struct want_entry before_refund[] = {
		{ "invoice", TOTAL, TOTAL, NULL, NULL },
		{ "payment", -5000, TOTAL - 5000, NULL, NULL },
		{ "invoice", TOTAL_2, TOTAL - 5000 + TOTAL_2, NULL, NULL },
		{ "payment", -(TOTAL - 5000), TOTAL_2, NULL, NULL },
	};
	static const struct want_entry before_void[] = {
		{ "invoice", TOTAL, TOTAL, NULL, NULL },
		{ "payment", -5000, TOTAL - 5000, NULL, NULL },
		{ "invoice", TOTAL_2, TOTAL - 5000 + TOTAL_2, NULL, NULL },
		{ "payment", -(TOTAL - 5000), TOTAL_2, NULL, NULL },
		{ "refund", 2000, TOTAL_2 + 2000, NULL, NULL },
		{ "payment", -1000, TOTAL_2 + 1000, NULL, NULL },
		{ "invoice", TOTAL, TOTAL_2 + 1000 + TOTAL, NULL, NULL },
	};
	portal *p = *state;
	cJSON *root;

	tell_the_story(p);

	/* Twelve days ago 10001 was paid and 10002 not yet due. */
	root = statement(p, fx.alice, TH_NOW - 12 * DAY);
	expect_entries(root, before_refund, ARRAY_LEN(before_refund), "12 days ago");
	expect_ageing(root, (struct want_ageing){ TOTAL_2, 0, 0, 0, 0, TOTAL_2 }, "12 days ago");
	assert_int_equal(num(root, "account_credit"), 0);
	assert_int_equal(num(root, "balance"), TOTAL_2);
	assert_string_equal(str(root, "as_of_date"), "2026-11-10");
	cJSON_Delete(root);

	/* A second before the void, 10003 is open and current. */
	root = statement(p, fx.alice, TH_NOW - 1);
	expect_entries(root, before_void, ARRAY_LEN(before_void), "before the void");
	expect_ageing(root, (struct want_ageing){ 0, 2000 + TOTAL_2 + TOTAL, 0, 0, 0,
		2000 + TOTAL_2 + TOTAL }, "before the void");
	assert_int_equal(num(root, "balance"), 2000 + TOTAL_2 + TOTAL - 1000);
	cJSON_Delete(root);

	/* At the very moment of the first payment it counts; 10001 is not yet due. */
	root = statement(p, fx.alice, TH_NOW - 35 * DAY);
	expect_entries(root, before_refund, 2, "35 days ago");
	expect_ageing(root, (struct want_ageing){ TOTAL - 5000, 0, 0, 0, 0, TOTAL - 5000 },
		"35 days ago");
	cJSON_Delete(root);

	/* Before anything happened. */
	root = statement(p, fx.alice, TH_NOW - 41 * DAY);
	expect_entries(root, NULL, 0, "41 days ago");
	expect_ageing(root, (struct want_ageing){ 0 }, "41 days ago");
	assert_int_equal(num(root, "balance"), 0);
	cJSON_Delete(root);
}

static void test_statement__a_voided_invoice_is_charged_then_reversed(void **state)
{
	static const struct want_entry want[] = {
		{ "invoice", TOTAL, TOTAL, "Invoice 10001", NULL },
		{ "payment", -TOTAL, 0, NULL, NULL },
		{ "refund", TOTAL, TOTAL, NULL, NULL },
		{ "void", -TOTAL, 0, "Invoice 10001 void: Wrong client", NULL },
	};
	portal *p = *state;
	portal_id inv = issue(p, fx.bob, 12000, TH_NOW - 3 * DAY, 0);
	portal_id paid = th_add_payment(p, 0, inv, TOTAL, PORTAL_PAY_CASH, TH_NOW - 2 * DAY);
	cJSON *root;

	check(p, portal_payment_refund(NULL, p, paid, 0, "Wrong client", TH_NOW - DAY),
		"refunding");
	check(p, portal_invoice_void(p, inv, "Wrong client"), "voiding");
	root = statement(p, fx.bob, 0);
	expect_entries(root, want, ARRAY_LEN(want), "void");
	expect_ageing(root, (struct want_ageing){ 0 }, "void");
	assert_int_equal(cJSON_GetArraySize(item(root, "open_invoices")), 0);
	assert_int_equal(num(root, "balance"), 0);
	cJSON_Delete(root);
}

static void test_statement__account_credit_lowers_the_balance(void **state)
{
	static const struct want_entry want[] = {
		{ "payment", -5000, -5000, "Payment to account credit (Cash)", NULL },
		{ "invoice", TOTAL, TOTAL - 5000, NULL, NULL },
	};
	portal *p = *state;
	cJSON *root;

	th_add_payment(p, fx.bob, 0, 5000, PORTAL_PAY_CASH, TH_NOW - 2 * DAY);
	root = statement(p, fx.bob, 0);
	assert_int_equal(num(root, "account_credit"), 5000);
	assert_int_equal(num(root, "balance"), -5000);
	expect_ageing(root, (struct want_ageing){ 0 }, "credit only");
	cJSON_Delete(root);

	issue(p, fx.bob, 12000, TH_NOW - DAY, TH_NOW + 10 * DAY);
	root = statement(p, fx.bob, 0);
	expect_entries(root, want, ARRAY_LEN(want), "credit and an invoice");
	expect_ageing(root, (struct want_ageing){ TOTAL, 0, 0, 0, 0, TOTAL }, "credit");
	assert_int_equal(num(root, "account_credit"), 5000);
	assert_int_equal(num(root, "balance"), TOTAL - 5000);
	cJSON_Delete(root);
}

static void test_statement__a_client_with_nothing_has_an_empty_statement(void **state)
{
	portal *p = *state;
	cJSON *root = statement(p, th_add_client(p, "Carol Diaz"), 0);

	expect_entries(root, NULL, 0, "nothing");
	expect_ageing(root, (struct want_ageing){ 0 }, "nothing");
	assert_int_equal(num(root, "account_credit"), 0);
	assert_int_equal(num(root, "balance"), 0);
	assert_string_equal(str(root, "client_name"), "Carol Diaz");
	cJSON_Delete(root);
}

static void test_statement__missing_client_or_bad_time_is_refused(void **state)
{
	portal *p = *state;
	portal_buf doc = PORTAL_BUF_INIT;

	assert_int_equal(portal_statement_json(&doc, p, 999, 0), PORTAL_ENOTFOUND);
	assert_int_equal(portal_statement_json(&doc, p, 0, 0), PORTAL_ENOTFOUND);
	assert_int_equal(portal_statement_json(&doc, p, fx.alice, -1), PORTAL_EINVAL);
	assert_string_equal(portal_errfield(p), "statement.as_of");
	assert_null(doc.ptr);
}

static void test_statement__balance_refusals_leave_zeros(void **state)
{
	portal *p = *state;
	portal_balance b;

	memset(&b, 0x5a, sizeof(b));
	assert_int_equal(portal_client_balance(&b, p, 999, 0), PORTAL_ENOTFOUND);
	assert_int_equal(b.balance, 0);
	assert_int_equal(b.open_invoices, 0);
	assert_int_equal(portal_client_balance(&b, p, fx.alice, -1), PORTAL_EINVAL);
	assert_string_equal(portal_errfield(p), "statement.as_of");
	assert_int_equal(portal_client_balance(NULL, p, fx.alice, 0), PORTAL_EINVAL);
}

/* ---------------------------------------------------------------------
 * Ageing.
 */

static void test_statement__ageing_buckets_at_their_edges(void **state)
{
	static const struct {
		int days_past_due;
		const char *bucket;
	} cases[] = {
		{ -5, "current" }, { 0, "current" }, { 1, "days_1_30" }, { 30, "days_1_30" },
		{ 31, "days_31_60" }, { 60, "days_31_60" }, { 61, "days_61_90" },
		{ 90, "days_61_90" }, { 91, "over_90" }, { 400, "over_90" },
	};
	portal *p = *state;
	portal_id everything = th_add_client(p, "Everything Late");
	cJSON *root;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char name[32], what[48];
		portal_id client;
		portal_time due = TH_NOW - cases[i].days_past_due * DAY;
		const cJSON *open, *ageing;

		snprintf(name, sizeof(name), "Late %d", cases[i].days_past_due);
		snprintf(what, sizeof(what), "%d days past due", cases[i].days_past_due);
		client = th_add_client(p, name);
		/* Issued a day before it is due (or today, when due later). */
		issue(p, client, 12000, due - DAY < TH_NOW ? due - DAY : TH_NOW, due);
		issue(p, everything, 12000, due - DAY < TH_NOW ? due - DAY : TH_NOW, due);
		root = statement(p, client, 0);
		open = cJSON_GetArrayItem(item(root, "open_invoices"), 0);
		ageing = item(root, "ageing");
		if (open == NULL || strcmp(str(open, "bucket"), cases[i].bucket) != 0 ||
		    num(open, "days_past_due") !=
			(cases[i].days_past_due > 0 ? cases[i].days_past_due : 0) ||
		    num(ageing, cases[i].bucket) != TOTAL || num(ageing, "total") != TOTAL)
			fail_msg("%s: in %s with %lld days, want %s", what,
				open ? str(open, "bucket") : "nothing",
				open ? (long long)num(open, "days_past_due") : 0LL, cases[i].bucket);
		cJSON_Delete(root);
	}

	root = statement(p, everything, 0);
	expect_ageing(root, (struct want_ageing){ 2 * TOTAL, 2 * TOTAL, 2 * TOTAL, 2 * TOTAL,
		2 * TOTAL, 10 * TOTAL }, "all at once");
	cJSON_Delete(root);
}

static void test_statement__ageing_counts_what_is_left_after_partial_payment(void **state)
{
	portal *p = *state;
	portal_id inv = issue(p, fx.alice, 12000, TH_NOW - 50 * DAY, TH_NOW - 45 * DAY);
	cJSON *root;

	th_add_payment(p, 0, inv, 3560, PORTAL_PAY_CASH, TH_NOW - 40 * DAY);
	root = statement(p, fx.alice, 0);
	expect_ageing(root, (struct want_ageing){ 0, 0, 10000, 0, 0, 10000 }, "45 days late");
	assert_int_equal(num(cJSON_GetArrayItem(item(root, "open_invoices"), 0), "paid"), 3560);
	cJSON_Delete(root);

	/* Paid in full: nothing is open, however late it was. */
	th_add_payment(p, 0, inv, 10000, PORTAL_PAY_CASH, 0);
	root = statement(p, fx.alice, 0);
	expect_ageing(root, (struct want_ageing){ 0 }, "paid");
	cJSON_Delete(root);
}

static void test_statement__due_days_are_counted_in_the_shop_zone(void **state)
{
	/* 23:30 in Toronto on 2026-11-22 is 04:30Z on the 23rd; 23:30 on
	 * the 21st is 04:30Z on the 22nd, the same UTC day as TH_NOW. */
	const portal_time due_tonight = TH_NOW + 13 * HOUR + 30 * MINUTE;
	const portal_time due_last_night = TH_NOW - 10 * HOUR - 30 * MINUTE;
	const portal_time local_midnight = TH_NOW + 14 * HOUR;
	const struct {
		const char *what;
		portal_time due, as_of;
		const char *bucket;
		int64_t days;
	} cases[] = {
		{ "due tonight, now", due_tonight, TH_NOW, "current", 0 },
		{ "due tonight, at 23:59:59", due_tonight, local_midnight - 1, "current", 0 },
		{ "due tonight, at midnight", due_tonight, local_midnight, "days_1_30", 1 },
		{ "due last night at 23:30, now", due_last_night, TH_NOW, "days_1_30", 1 },
		{ "due last night, a minute before its midnight", due_last_night,
		  due_last_night + 29 * MINUTE, "current", 0 },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id client = th_add_client(p, cases[i].what);
		const cJSON *open;
		cJSON *root;

		issue(p, client, 12000, TH_NOW - 2 * DAY, cases[i].due);
		root = statement(p, client, cases[i].as_of);
		open = cJSON_GetArrayItem(item(root, "open_invoices"), 0);
		if (open == NULL || strcmp(str(open, "bucket"), cases[i].bucket) != 0 ||
		    num(open, "days_past_due") != cases[i].days)
			fail_msg("%s: %s with %lld days, want %s with %lld", cases[i].what,
				open ? str(open, "bucket") : "nothing",
				open ? (long long)num(open, "days_past_due") : -1LL,
				cases[i].bucket, (long long)cases[i].days);
		assert_string_equal(str(open, "due_date"),
			cases[i].due == due_tonight ? "2026-11-22" : "2026-11-21");
		cJSON_Delete(root);
	}
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_statement__entries_in_time_order_with_a_running_balance),
		T(test_statement__as_of_a_past_moment_leaves_out_later_events),
		T(test_statement__a_voided_invoice_is_charged_then_reversed),
		T(test_statement__account_credit_lowers_the_balance),
		T(test_statement__a_client_with_nothing_has_an_empty_statement),
		T(test_statement__missing_client_or_bad_time_is_refused),
		T(test_statement__balance_refusals_leave_zeros),
		T(test_statement__ageing_buckets_at_their_edges),
		T(test_statement__ageing_counts_what_is_left_after_partial_payment),
		T(test_statement__due_days_are_counted_in_the_shop_zone),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
