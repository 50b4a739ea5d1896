/* SPDX-License-Identifier: MIT */
/*
 * test_estimate.c - unit tests for estimates (estimate.c): numbers, lines
 * and their defaults, totals, sending and validity in the shop's days,
 * the customer's decisions, approved lines going to the job's invoice and
 * the service call fee credited on it.
 *
 * Every test runs on a fresh shop database whose clock is fixed at TH_NOW
 * (2026-11-22T15:00:00Z, Sunday 10:00 in Toronto), with the default policy
 * (13% tax, $120.00 service call fee, 7-day estimates) and two clients,
 * Alice and Bob, each with a job booked two days ago. Every refusal is
 * checked three ways: the return code, the field named by
 * portal_errfield(), and a fingerprint of the whole database taken before
 * and after the call.
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
#define HOUR ((portal_time)3600)
#define DAY (24 * HOUR)

/* Sent at TH_NOW, an estimate is valid through Sunday 2026-11-29 and
 * expired from Monday 2026-11-30 00:00 EST (05:00 UTC). */
#define TH_VALID_UNTIL ((portal_time)1796014800)

static struct {
	portal_id alice, bob;
	portal_id alice_job, bob_job;
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
	fx.alice_job = th_add_job(p, fx.alice, 0, 0, "Fridge not cooling", TH_NOW - 2 * DAY);
	fx.bob_job = th_add_job(p, fx.bob, 0, 0, "Truck brakes squeal", TH_NOW - 2 * DAY);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static void decide(portal *p, portal_id estimate, portal_id line, portal_decision d,
	const char *name)
{
	int rc = portal_estimate_decide(p, estimate, line, d, name);

	if (rc != PORTAL_OK)
		fail_msg("deciding line %lld of estimate %lld: %d (%s)", (long long)line,
			(long long)estimate, rc, portal_errmsg(p));
}

static portal_estimate *get_estimate(portal *p, portal_id id)
{
	portal_estimate *e = NULL;
	int rc = portal_estimate_get(&e, p, id);

	if (rc != PORTAL_OK)
		fail_msg("reading estimate %lld: %d (%s)", (long long)id, rc, portal_errmsg(p));
	assert_non_null(e);
	return e;
}

static portal_invoice *get_invoice(portal *p, portal_id id)
{
	portal_invoice *inv = NULL;
	int rc = portal_invoice_get(&inv, p, id);

	if (rc != PORTAL_OK)
		fail_msg("reading invoice %lld: %d (%s)", (long long)id, rc, portal_errmsg(p));
	assert_non_null(inv);
	return inv;
}

static portal_job_status job_status(portal *p, portal_id id)
{
	portal_job *j = NULL;
	portal_job_status s;

	assert_int_equal(portal_job_get(&j, p, id), PORTAL_OK);
	s = j->status;
	portal_job_free(j);
	return s;
}

/* An estimate for Alice's job with a labour and a part line, sent now. */
static portal_id sent_estimate(portal *p, portal_id *labour, portal_id *part)
{
	portal_id e = th_add_estimate(p, fx.alice, fx.alice_job);
	portal_id l = th_add_estimate_line(p, e, PORTAL_LINE_LABOUR, "Replace start relay", 15000);
	portal_id q = th_add_estimate_line(p, e, PORTAL_LINE_PART, "Start relay", 8000);

	th_send_estimate(p, e, 0);
	if (labour)
		*labour = l;
	if (part)
		*part = q;
	return e;
}

/* The invoices of a job, newest first. */
struct invoice_walk {
	portal_id ids[16];
	portal_invoice_status statuses[16];
	size_t n;
};

static int collect_invoice(const portal_invoice *inv, void *ctx)
{
	struct invoice_walk *w = ctx;

	assert_true(w->n < ARRAY_LEN(w->ids));
	w->ids[w->n] = inv->id;
	w->statuses[w->n] = inv->status;
	w->n++;
	return 0;
}

static struct invoice_walk job_invoices(portal *p, portal_id job)
{
	portal_invoice_filter f = { 0, job, 0 };
	struct invoice_walk w = { .n = 0 };

	assert_int_equal(portal_invoice_foreach(p, &f, collect_invoice, &w), PORTAL_OK);
	return w;
}

/* The lines of `inv` of kind `kind`. */
static size_t count_kind(const portal_invoice *inv, portal_line_kind kind)
{
	size_t n = 0;

	for (size_t i = 0; i < inv->line_count; i++)
		n += inv->lines[i].kind == kind;
	return n;
}

/* A string of `n` copies of `s`; the caller frees it. */
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

static const char *json_string(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(v))
		fail_msg("\"%s\" is not a string", key);
	return v->valuestring;
}

static double json_number(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v))
		fail_msg("\"%s\" is not a number", key);
	return v->valuedouble;
}

/* ---------------------------------------------------------------------
 * Numbers and lines.
 */

static void test_estimate__numbers_count_up_from_E1001(void **state)
{
	static const char *const want[] = { "E1001", "E1002", "E1003" };
	portal *p = *state;
	portal_id ids[3];

	ids[0] = th_add_estimate(p, fx.alice, fx.alice_job);
	ids[1] = th_add_estimate(p, fx.bob, 0);
	ids[2] = th_add_estimate(p, fx.alice, 0);
	for (size_t i = 0; i < ARRAY_LEN(want); i++) {
		portal_estimate *e = get_estimate(p, ids[i]);

		if (strcmp(e->number, want[i]) != 0)
			fail_msg("estimate %zu is %s, want %s", i, e->number, want[i]);
		/* A new estimate is a draft with no dates and nothing to sum. */
		assert_int_equal(e->status, PORTAL_ESTIMATE_DRAFT);
		assert_int_equal(e->issued_at, 0);
		assert_int_equal(e->valid_until, 0);
		assert_int_equal(e->line_count, 0);
		assert_int_equal(e->totals.total, 0);
		portal_estimate_free(e);
	}
}

static void test_estimate__line_defaults_come_from_the_kind_and_the_shop(void **state)
{
	static const struct {
		const char *what;
		portal_line_kind kind;
		const char *description;
		int64_t quantity;
		portal_money price;
		int taxable;
		const char *want_description;
		int64_t want_quantity;
		portal_money want_price, want_amount;
		int want_taxable;
	} cases[] = {
		{ "no description takes the kind's label", PORTAL_LINE_LABOUR, NULL, 0, 9000, -1,
		  "Labour", 1000, 9000, 9000, 1 },
		{ "empty description takes the kind's label", PORTAL_LINE_PART, "", 0, 4599, -1,
		  "Part", 1000, 4599, 4599, 1 },
		{ "quantity 0 means 1", PORTAL_LINE_LABOUR, "Diagnosis", 0, 100, -1,
		  "Diagnosis", 1000, 100, 100, 1 },
		{ "1.5 hours", PORTAL_LINE_LABOUR, "Labour", 1500, 9000, -1,
		  "Labour", 1500, 9000, 13500, 1 },
		{ "service call fee at the shop's fee", PORTAL_LINE_SERVICE_CALL_FEE, NULL, 0,
		  PORTAL_PRICE_SHOP_FEE, -1, "Service call fee", 1000, 12000, 12000, 1 },
		{ "service call fee at a price given", PORTAL_LINE_SERVICE_CALL_FEE, "Fee", 0,
		  8900, -1, "Fee", 1000, 8900, 8900, 1 },
		{ "a credit subtracts and is not taxable", PORTAL_LINE_CREDIT, NULL, 0, 2500, -1,
		  "Credit", 1000, 2500, -2500, 0 },
		{ "a discount subtracts and is taxable", PORTAL_LINE_DISCOUNT, NULL, 0, 1000, -1,
		  "Discount", 1000, 1000, -1000, 1 },
		{ "a credit made taxable", PORTAL_LINE_CREDIT, NULL, 0, 2500, 1,
		  "Credit", 1000, 2500, -2500, 1 },
		{ "labour made tax-free", PORTAL_LINE_LABOUR, NULL, 0, 2500, 0,
		  "Labour", 1000, 2500, 2500, 0 },
		{ "a price of zero", PORTAL_LINE_OTHER_FEE, NULL, 0, 0, -1,
		  "Fee", 1000, 0, 0, 1 },
	};
	portal *p = *state;
	portal_id e = th_add_estimate(p, fx.alice, fx.alice_job);
	portal_estimate *got;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_line_fields f = PORTAL_LINE_FIELDS_INIT;
		int rc;

		f.kind = cases[i].kind;
		f.description = cases[i].description;
		f.quantity = cases[i].quantity;
		f.unit_price = cases[i].price;
		f.taxable = cases[i].taxable;
		if ((rc = portal_estimate_line_add(NULL, p, e, &f)) != PORTAL_OK)
			fail_msg("%s: %d (%s)", cases[i].what, rc, portal_errmsg(p));
	}
	got = get_estimate(p, e);
	assert_int_equal(got->line_count, ARRAY_LEN(cases));
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const portal_line *l = &got->lines[i];

		if (l->position != (int)i + 1 || l->kind != cases[i].kind ||
		    strcmp(l->description, cases[i].want_description) != 0 ||
		    l->quantity != cases[i].want_quantity || l->unit_price != cases[i].want_price ||
		    l->amount != cases[i].want_amount || l->taxable != cases[i].want_taxable)
			fail_msg("%s: line %d \"%s\" qty %lld at %lld = %lld taxable %d, "
				"want \"%s\" qty %lld at %lld = %lld taxable %d", cases[i].what,
				l->position, l->description, (long long)l->quantity,
				(long long)l->unit_price, (long long)l->amount, l->taxable,
				cases[i].want_description, (long long)cases[i].want_quantity,
				(long long)cases[i].want_price, (long long)cases[i].want_amount,
				cases[i].want_taxable);
		if (l->decision != PORTAL_DECISION_PENDING || l->decided_at != 0 ||
		    strcmp(l->decided_by, "") != 0)
			fail_msg("%s: a new line is decided", cases[i].what);
	}
	portal_estimate_free(got);
}

/* The fee is read when the line is added: the shop's setting of the day. */
static void test_estimate__shop_fee_line_follows_the_fee_setting(void **state)
{
	portal *p = *state;
	portal_id e = th_add_estimate(p, fx.alice, fx.alice_job);
	portal_estimate *got;

	th_add_estimate_line(p, e, PORTAL_LINE_SERVICE_CALL_FEE, NULL, PORTAL_PRICE_SHOP_FEE);
	assert_int_equal(portal_shop_set(p, "service_call_fee", "95.50"), PORTAL_OK);
	th_add_estimate_line(p, e, PORTAL_LINE_SERVICE_CALL_FEE, NULL, PORTAL_PRICE_SHOP_FEE);
	got = get_estimate(p, e);
	assert_int_equal(got->lines[0].unit_price, 12000);
	assert_int_equal(got->lines[1].unit_price, 9550);
	portal_estimate_free(got);
}

static void test_estimate__bad_lines_are_refused(void **state)
{
	char *long_text = repeat("x", 501);
	const struct {
		const char *what;
		portal_line_kind kind;
		const char *description;
		int64_t quantity;
		portal_money price;
		int taxable;
		const char *field;
	} cases[] = {
		{ "negative price", PORTAL_LINE_LABOUR, NULL, 0, -100, -1, "line.unit_price" },
		/* The shop's fee is only a price for a service call fee line. */
		{ "shop fee on a labour line", PORTAL_LINE_LABOUR, NULL, 0, PORTAL_PRICE_SHOP_FEE,
		  -1, "line.unit_price" },
		{ "negative discount price", PORTAL_LINE_DISCOUNT, NULL, 0, -500, -1,
		  "line.unit_price" },
		{ "price over the maximum", PORTAL_LINE_PART, NULL, 0, PORTAL_UNIT_PRICE_MAX + 1,
		  -1, "line.unit_price" },
		{ "negative quantity", PORTAL_LINE_LABOUR, NULL, -1000, 100, -1, "line.quantity" },
		{ "quantity over the maximum", PORTAL_LINE_LABOUR, NULL, PORTAL_QUANTITY_MAX + 1,
		  100, -1, "line.quantity" },
		{ "kind 0", (portal_line_kind)0, NULL, 0, 100, -1, "line.kind" },
		{ "kind 7", (portal_line_kind)7, NULL, 0, 100, -1, "line.kind" },
		{ "taxable 2", PORTAL_LINE_LABOUR, NULL, 0, 100, 2, "line.taxable" },
		{ "description of 501 characters", PORTAL_LINE_LABOUR, long_text, 0, 100, -1,
		  "line.description" },
		{ "control character in description", PORTAL_LINE_LABOUR, "Bell\a", 0, 100, -1,
		  "line.description" },
	};
	portal *p = *state;
	portal_id e = th_add_estimate(p, fx.alice, fx.alice_job);

	th_add_estimate_line(p, e, PORTAL_LINE_LABOUR, "Already there", 100);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_line_fields f = PORTAL_LINE_FIELDS_INIT;

		f.kind = cases[i].kind;
		f.description = cases[i].description;
		f.quantity = cases[i].quantity;
		f.unit_price = cases[i].price;
		f.taxable = cases[i].taxable;
		TH_CHECK_REFUSED(p, cases[i].what, portal_estimate_line_add(NULL, p, e, &f),
			PORTAL_EINVAL, cases[i].field);
	}
	free(long_text);
}

static void test_estimate__line_on_a_missing_estimate_is_not_found(void **state)
{
	portal *p = *state;
	portal_line_fields f = PORTAL_LINE_FIELDS_INIT;

	f.unit_price = 100;
	TH_CHECK_REFUSED(p, "estimate 999", portal_estimate_line_add(NULL, p, 999, &f),
		PORTAL_ENOTFOUND, NULL);
}

static void test_estimate__tax_is_rounded_once_per_document(void **state)
{
	static const struct {
		const char *what;
		portal_money prices[3];
		portal_line_kind kinds[3];
		portal_money want_subtotal, want_taxable, want_tax;
	} cases[] = {
		/* Per line 6.5 cents rounds to 7, three times 21; once: 19.5 is 20. */
		{ "three $0.50 lines", { 50, 50, 50 },
		  { PORTAL_LINE_LABOUR, PORTAL_LINE_PART, PORTAL_LINE_OTHER_FEE }, 150, 150, 20 },
		/* Per line 4.55 rounds to 5, three times 15; once: 13.65 is 14. */
		{ "three $0.35 lines", { 35, 35, 35 },
		  { PORTAL_LINE_PART, PORTAL_LINE_PART, PORTAL_LINE_PART }, 105, 105, 14 },
		/* Per line 0.13 + 0.13 + 0.26 rounds to 0; once: 0.52 is 1. */
		{ "three $0.01/$0.01/$0.02 lines", { 1, 1, 2 },
		  { PORTAL_LINE_LABOUR, PORTAL_LINE_LABOUR, PORTAL_LINE_PART }, 4, 4, 1 },
		/* A credit is not taxed; a discount reduces the taxed sum. */
		{ "labour, discount, credit", { 10000, 1000, 2000 },
		  { PORTAL_LINE_LABOUR, PORTAL_LINE_DISCOUNT, PORTAL_LINE_CREDIT }, 7000, 9000, 1170 },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id e = th_add_estimate(p, fx.alice, fx.alice_job);
		portal_estimate *got;

		for (size_t k = 0; k < 3; k++)
			th_add_estimate_line(p, e, cases[i].kinds[k], NULL, cases[i].prices[k]);
		got = get_estimate(p, e);
		if (got->totals.subtotal != cases[i].want_subtotal ||
		    got->totals.taxable != cases[i].want_taxable ||
		    got->totals.tax != cases[i].want_tax ||
		    got->totals.total != cases[i].want_subtotal + cases[i].want_tax ||
		    got->totals.tax_rate != 13000)
			fail_msg("%s: subtotal %lld taxable %lld tax %lld total %lld rate %d, "
				"want %lld %lld %lld %lld 13000", cases[i].what,
				(long long)got->totals.subtotal, (long long)got->totals.taxable,
				(long long)got->totals.tax, (long long)got->totals.total,
				(int)got->totals.tax_rate, (long long)cases[i].want_subtotal,
				(long long)cases[i].want_taxable, (long long)cases[i].want_tax,
				(long long)(cases[i].want_subtotal + cases[i].want_tax));
		portal_estimate_free(got);
	}
}

/* ---------------------------------------------------------------------
 * Sending and validity.
 */

static void test_estimate__send_without_lines_is_refused(void **state)
{
	portal *p = *state;
	portal_id e = th_add_estimate(p, fx.alice, fx.alice_job);

	TH_CHECK_REFUSED(p, "no lines", portal_estimate_send(p, e, 0), PORTAL_ERULE, NULL);
	TH_CHECK_REFUSED(p, "missing estimate", portal_estimate_send(p, 999, 0),
		PORTAL_ENOTFOUND, NULL);
}

static void test_estimate__send_fixes_validity_and_moves_the_job(void **state)
{
	portal *p = *state;
	portal_id e = sent_estimate(p, NULL, NULL);
	portal_estimate *got = get_estimate(p, e);

	assert_int_equal(got->issued_at, TH_NOW);
	/* Sunday 10:00 + 7 days: valid through Sunday 29th, expired from
	 * Monday 30th 00:00 EST. */
	assert_int_equal(got->valid_until, TH_VALID_UNTIL);
	assert_int_equal(got->status, PORTAL_ESTIMATE_SENT);
	assert_int_equal(got->totals.tax_rate, 13000);
	assert_int_equal(got->totals.total, 23000 + 2990);
	portal_estimate_free(got);
	assert_int_equal(job_status(p, fx.alice_job), PORTAL_JOB_ESTIMATE_SENT);

	TH_CHECK_REFUSED(p, "sent twice", portal_estimate_send(p, e, 0), PORTAL_ERULE, NULL);
}

static void test_estimate__send_in_the_future_is_refused(void **state)
{
	portal *p = *state;
	portal_id e = th_add_estimate(p, fx.alice, fx.alice_job);

	th_add_estimate_line(p, e, PORTAL_LINE_LABOUR, NULL, 100);
	TH_CHECK_REFUSED(p, "now + 1 s", portal_estimate_send(p, e, TH_NOW + 1), PORTAL_EINVAL,
		TH_FIELD_ANY);
}

static void test_estimate__sent_estimate_refuses_new_lines(void **state)
{
	portal *p = *state;
	portal_id e = sent_estimate(p, NULL, NULL);
	portal_line_fields f = PORTAL_LINE_FIELDS_INIT;

	f.unit_price = 100;
	TH_CHECK_REFUSED(p, "line on a sent estimate", portal_estimate_line_add(NULL, p, e, &f),
		PORTAL_ERULE, NULL);
}

/* Sending fixes the rate: a later change of the shop's rate applies to
 * drafts only. */
static void test_estimate__tax_rate_is_fixed_when_sent(void **state)
{
	portal *p = *state;
	portal_id sent = sent_estimate(p, NULL, NULL);
	portal_id draft = th_add_estimate(p, fx.alice, fx.alice_job);
	portal_estimate *got;

	th_add_estimate_line(p, draft, PORTAL_LINE_LABOUR, NULL, 10000);
	assert_int_equal(portal_shop_set(p, "tax_rate", "15"), PORTAL_OK);
	got = get_estimate(p, sent);
	assert_int_equal(got->totals.tax_rate, 13000);
	assert_int_equal(got->totals.tax, 2990);
	portal_estimate_free(got);
	got = get_estimate(p, draft);
	assert_int_equal(got->totals.tax_rate, 15000);
	assert_int_equal(got->totals.tax, 1500);
	portal_estimate_free(got);
}

static void test_estimate__approve_in_the_last_valid_minute_works(void **state)
{
	portal *p = *state;
	portal_id e = sent_estimate(p, NULL, NULL);
	portal_estimate *got;

	portal_set_now(p, TH_VALID_UNTIL - MINUTE);
	decide(p, e, 0, PORTAL_DECISION_APPROVED, "Alice Martin");
	got = get_estimate(p, e);
	assert_int_equal(got->status, PORTAL_ESTIMATE_APPROVED);
	assert_int_equal(got->lines[0].decided_at, TH_VALID_UNTIL - MINUTE);
	portal_estimate_free(got);
}

static void test_estimate__approve_at_valid_until_is_refused_as_expired(void **state)
{
	static const portal_decision decisions[] = {
		PORTAL_DECISION_APPROVED, PORTAL_DECISION_DECLINED,
	};
	portal *p = *state;
	portal_id labour, e = sent_estimate(p, &labour, NULL);
	portal_estimate *got;

	portal_set_now(p, TH_VALID_UNTIL);
	for (size_t i = 0; i < ARRAY_LEN(decisions); i++) {
		const char *msg;
		char what[64];

		snprintf(what, sizeof(what), "%s all", portal_decision_name(decisions[i]));
		TH_CHECK_REFUSED(p, what, portal_estimate_decide(p, e, 0, decisions[i], "Alice"),
			PORTAL_ERULE, NULL);
		msg = portal_errmsg(p);
		/* The customer reads when it ended and what to do. */
		if (strstr(msg, "expired") == NULL || strstr(msg, "ask the shop") == NULL ||
		    strstr(msg, "Sun 29 Nov") == NULL)
			fail_msg("%s: message \"%s\"", what, msg);
		snprintf(what, sizeof(what), "%s one line", portal_decision_name(decisions[i]));
		TH_CHECK_REFUSED(p, what,
			portal_estimate_decide(p, e, labour, decisions[i], "Alice"),
			PORTAL_ERULE, NULL);
		assert_non_null(strstr(portal_errmsg(p), "expired"));
	}
	got = get_estimate(p, e);
	assert_int_equal(got->status, PORTAL_ESTIMATE_EXPIRED);
	portal_estimate_free(got);
}

/*
 * Validity counts local days: the end of day issue + N in the shop's
 * zone, whatever the clocks do in between. Each row sends an estimate at
 * `sent`, approves its first line in the last valid minute and is
 * refused on its second at valid_until.
 */
static void test_estimate__validity_ends_with_the_local_day(void **state)
{
	static const struct {
		const char *what;
		const char *days;           /* estimate_validity_days */
		portal_time sent, want_until;
		const char *want_last_day;
	} cases[] = {
		{ "Sunday 10:00 EST", "7", 1795359600, 1796014800, "Sun 29 Nov" },
		{ "00:00 local counts that day", "7", 1795323600, 1796014800, "Sun 29 Nov" },
		{ "23:59 local counts that day", "7", 1795409940, 1796014800, "Sun 29 Nov" },
		/* 2027-03-10 10:00 EST; clocks go forward on the 14th; expired
		 * from 2027-03-18 00:00 EDT (04:00 UTC). */
		{ "across spring forward", "7", 1804690800, 1805342400, "Wed 17 Mar" },
		/* 2026-10-30 10:00 EDT; clocks go back on 1 November; expired
		 * from 2026-11-07 00:00 EST (05:00 UTC). */
		{ "across fall back", "7", 1793368800, 1794027600, "Fri 6 Nov" },
		/* 2028-02-25 10:00 EST; 29 February is one of the seven days. */
		{ "across leap day", "7", 1835103600, 1835758800, "Fri 3 Mar" },
		/* 0 days: valid through the end of the day it is sent. */
		{ "validity of 0 days", "0", 1795359600, 1795410000, "Sun 22 Nov" },
		{ "validity of 30 days", "30", 1795359600, 1798002000, "Tue 22 Dec" },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id e, first, second;
		portal_estimate *got;
		char what[96];

		assert_int_equal(portal_shop_set(p, "estimate_validity_days", cases[i].days),
			PORTAL_OK);
		portal_set_now(p, cases[i].sent);
		e = th_add_estimate(p, fx.alice, 0);
		first = th_add_estimate_line(p, e, PORTAL_LINE_LABOUR, NULL, 1000);
		second = th_add_estimate_line(p, e, PORTAL_LINE_PART, NULL, 1000);
		th_send_estimate(p, e, 0);
		got = get_estimate(p, e);
		if (got->valid_until != cases[i].want_until)
			fail_msg("%s: valid until %lld, want %lld", cases[i].what,
				(long long)got->valid_until, (long long)cases[i].want_until);
		portal_estimate_free(got);

		portal_set_now(p, cases[i].want_until - MINUTE);
		decide(p, e, first, PORTAL_DECISION_APPROVED, "Alice Martin");
		portal_set_now(p, cases[i].want_until);
		snprintf(what, sizeof(what), "%s: at valid_until", cases[i].what);
		TH_CHECK_REFUSED(p, what,
			portal_estimate_decide(p, e, second, PORTAL_DECISION_APPROVED, "Alice"),
			PORTAL_ERULE, NULL);
		if (strstr(portal_errmsg(p), cases[i].want_last_day) == NULL)
			fail_msg("%s: message \"%s\" does not name %s", cases[i].what,
				portal_errmsg(p), cases[i].want_last_day);
	}
}

/* ---------------------------------------------------------------------
 * Decisions.
 */

static void test_estimate__approve_one_line_then_decline_the_other(void **state)
{
	portal *p = *state;
	portal_id labour, part, e = sent_estimate(p, &labour, &part);
	portal_estimate *got;

	decide(p, e, labour, PORTAL_DECISION_APPROVED, "Alice Martin");
	got = get_estimate(p, e);
	assert_int_equal(got->status, PORTAL_ESTIMATE_PARTLY_DECIDED);
	portal_estimate_free(got);

	/* The customer comes back the next day, under another name. */
	portal_set_now(p, TH_NOW + DAY);
	decide(p, e, part, PORTAL_DECISION_DECLINED, "  A. Martin ");
	got = get_estimate(p, e);
	assert_int_equal(got->status, PORTAL_ESTIMATE_PARTLY_APPROVED);
	assert_int_equal(got->lines[0].decision, PORTAL_DECISION_APPROVED);
	assert_string_equal(got->lines[0].decided_by, "Alice Martin");
	assert_int_equal(got->lines[0].decided_at, TH_NOW);
	assert_int_equal(got->lines[1].decision, PORTAL_DECISION_DECLINED);
	assert_string_equal(got->lines[1].decided_by, "A. Martin");
	assert_int_equal(got->lines[1].decided_at, TH_NOW + DAY);
	/* The whole estimate sums every line; "approved" only the labour. */
	assert_int_equal(got->totals.subtotal, 23000);
	assert_int_equal(got->approved.subtotal, 15000);
	assert_int_equal(got->approved.tax, 1950);
	assert_int_equal(got->approved.total, 16950);
	portal_estimate_free(got);
}

static void test_estimate__a_decided_line_cannot_be_decided_again(void **state)
{
	portal *p = *state;
	portal_id labour, part, e = sent_estimate(p, &labour, &part);

	decide(p, e, labour, PORTAL_DECISION_APPROVED, "Alice Martin");
	TH_CHECK_REFUSED(p, "approve an approved line",
		portal_estimate_decide(p, e, labour, PORTAL_DECISION_APPROVED, "Alice Martin"),
		PORTAL_ERULE, NULL);
	TH_CHECK_REFUSED(p, "decline an approved line",
		portal_estimate_decide(p, e, labour, PORTAL_DECISION_DECLINED, "Alice Martin"),
		PORTAL_ERULE, NULL);
	decide(p, e, part, PORTAL_DECISION_DECLINED, "Alice Martin");
	TH_CHECK_REFUSED(p, "approve a declined line",
		portal_estimate_decide(p, e, part, PORTAL_DECISION_APPROVED, "Alice Martin"),
		PORTAL_ERULE, NULL);
	TH_CHECK_REFUSED(p, "decide all when all are decided",
		portal_estimate_decide(p, e, 0, PORTAL_DECISION_APPROVED, "Alice Martin"),
		PORTAL_ERULE, NULL);
}

static void test_estimate__decide_a_missing_line_or_estimate_is_not_found(void **state)
{
	portal *p = *state;
	portal_id e = sent_estimate(p, NULL, NULL);
	portal_id other = sent_estimate(p, NULL, NULL);
	portal_estimate *o = get_estimate(p, other);

	TH_CHECK_REFUSED(p, "line 999",
		portal_estimate_decide(p, e, 999, PORTAL_DECISION_APPROVED, "Alice"),
		PORTAL_ENOTFOUND, NULL);
	/* A line of another estimate is not a line of this one. */
	TH_CHECK_REFUSED(p, "line of another estimate",
		portal_estimate_decide(p, e, o->lines[0].id, PORTAL_DECISION_APPROVED, "Alice"),
		PORTAL_ENOTFOUND, NULL);
	TH_CHECK_REFUSED(p, "estimate 999",
		portal_estimate_decide(p, 999, 0, PORTAL_DECISION_APPROVED, "Alice"),
		PORTAL_ENOTFOUND, NULL);
	portal_estimate_free(o);
}

static void test_estimate__decide_all_with_line_0_takes_the_pending_lines(void **state)
{
	portal *p = *state;
	portal_id labour, e = sent_estimate(p, &labour, NULL);
	portal_estimate *got;

	decide(p, e, labour, PORTAL_DECISION_DECLINED, "Alice Martin");
	portal_set_now(p, TH_NOW + HOUR);
	decide(p, e, 0, PORTAL_DECISION_APPROVED, "Bob Stone");
	got = get_estimate(p, e);
	/* Only the line still pending took the second decision. */
	assert_int_equal(got->lines[0].decision, PORTAL_DECISION_DECLINED);
	assert_string_equal(got->lines[0].decided_by, "Alice Martin");
	assert_int_equal(got->lines[1].decision, PORTAL_DECISION_APPROVED);
	assert_string_equal(got->lines[1].decided_by, "Bob Stone");
	assert_int_equal(got->lines[1].decided_at, TH_NOW + HOUR);
	assert_int_equal(got->status, PORTAL_ESTIMATE_PARTLY_APPROVED);
	portal_estimate_free(got);

	e = sent_estimate(p, NULL, NULL);
	decide(p, e, 0, PORTAL_DECISION_APPROVED, "Alice Martin");
	got = get_estimate(p, e);
	assert_int_equal(got->status, PORTAL_ESTIMATE_APPROVED);
	for (size_t i = 0; i < got->line_count; i++) {
		assert_int_equal(got->lines[i].decision, PORTAL_DECISION_APPROVED);
		assert_string_equal(got->lines[i].decided_by, "Alice Martin");
		assert_int_equal(got->lines[i].decided_at, TH_NOW + HOUR);
	}
	portal_estimate_free(got);
}

static void test_estimate__approver_name_is_2_to_100_characters(void **state)
{
	char *n101 = repeat("n", 101), *n100 = repeat("é", 100);
	const struct {
		const char *what, *name;
	} cases[] = {
		{ "NULL", NULL },
		{ "empty", "" },
		{ "one letter", "A" },
		{ "one letter between spaces", "  A  " },
		{ "101 characters", n101 },
		{ "control character", "Al\x1b" },
	};
	portal *p = *state;
	portal_id labour, e = sent_estimate(p, &labour, NULL);
	portal_estimate *got;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		TH_CHECK_REFUSED(p, cases[i].what,
			portal_estimate_decide(p, e, 0, PORTAL_DECISION_APPROVED, cases[i].name),
			PORTAL_EINVAL, "estimate.name");
	/* The shortest and the longest are taken. */
	decide(p, e, labour, PORTAL_DECISION_APPROVED, "Al");
	decide(p, e, 0, PORTAL_DECISION_APPROVED, n100);
	got = get_estimate(p, e);
	assert_string_equal(got->lines[0].decided_by, "Al");
	assert_string_equal(got->lines[1].decided_by, n100);
	portal_estimate_free(got);
	free(n101);
	free(n100);
}

static void test_estimate__decision_must_be_approve_or_decline(void **state)
{
	static const int decisions[] = { PORTAL_DECISION_PENDING, 3, -1 };
	portal *p = *state;
	portal_id e = sent_estimate(p, NULL, NULL);

	for (size_t i = 0; i < ARRAY_LEN(decisions); i++) {
		char what[32];

		snprintf(what, sizeof(what), "decision %d", decisions[i]);
		TH_CHECK_REFUSED(p, what,
			portal_estimate_decide(p, e, 0, (portal_decision)decisions[i], "Alice"),
			PORTAL_EINVAL, "estimate.decision");
	}
}

static void test_estimate__a_draft_cannot_be_decided(void **state)
{
	portal *p = *state;
	portal_id e = th_add_estimate(p, fx.alice, fx.alice_job);
	portal_id l = th_add_estimate_line(p, e, PORTAL_LINE_LABOUR, NULL, 100);

	TH_CHECK_REFUSED(p, "all lines of a draft",
		portal_estimate_decide(p, e, 0, PORTAL_DECISION_APPROVED, "Alice"),
		PORTAL_ERULE, NULL);
	TH_CHECK_REFUSED(p, "one line of a draft",
		portal_estimate_decide(p, e, l, PORTAL_DECISION_APPROVED, "Alice"),
		PORTAL_ERULE, NULL);
}

/* Status is derived from the dates and decisions of two lines. */
static void test_estimate__status_follows_dates_and_decisions(void **state)
{
#define P PORTAL_DECISION_PENDING
#define A PORTAL_DECISION_APPROVED
#define D PORTAL_DECISION_DECLINED
	static const struct {
		const char *what;
		int sent;
		portal_decision first, second;
		portal_time now;            /* when the status is read */
		portal_estimate_status want;
		const char *want_name;
	} cases[] = {
		{ "not sent", 0, P, P, TH_NOW, PORTAL_ESTIMATE_DRAFT, "draft" },
		{ "a draft stays a draft past a week", 0, P, P, TH_NOW + 30 * DAY,
		  PORTAL_ESTIMATE_DRAFT, "draft" },
		{ "sent, nothing decided", 1, P, P, TH_NOW, PORTAL_ESTIMATE_SENT, "sent" },
		{ "one line approved", 1, A, P, TH_NOW, PORTAL_ESTIMATE_PARTLY_DECIDED,
		  "partly_decided" },
		{ "one line declined", 1, P, D, TH_NOW, PORTAL_ESTIMATE_PARTLY_DECIDED,
		  "partly_decided" },
		{ "both approved", 1, A, A, TH_NOW, PORTAL_ESTIMATE_APPROVED, "approved" },
		{ "one approved, one declined", 1, A, D, TH_NOW, PORTAL_ESTIMATE_PARTLY_APPROVED,
		  "partly_approved" },
		{ "both declined", 1, D, D, TH_NOW, PORTAL_ESTIMATE_DECLINED, "declined" },
		{ "sent, last second of validity", 1, P, P, TH_VALID_UNTIL - 1,
		  PORTAL_ESTIMATE_SENT, "sent" },
		{ "sent, nothing decided at valid_until", 1, P, P, TH_VALID_UNTIL,
		  PORTAL_ESTIMATE_EXPIRED, "expired" },
		{ "partly decided, then expired", 1, A, P, TH_VALID_UNTIL + DAY,
		  PORTAL_ESTIMATE_EXPIRED, "expired" },
		/* A decision made in time stands after the estimate's date. */
		{ "approved stays approved after valid_until", 1, A, A, TH_VALID_UNTIL + DAY,
		  PORTAL_ESTIMATE_APPROVED, "approved" },
		{ "declined stays declined after valid_until", 1, D, D, TH_VALID_UNTIL + DAY,
		  PORTAL_ESTIMATE_DECLINED, "declined" },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id e, l[2];
		portal_decision d[2] = { cases[i].first, cases[i].second };
		portal_estimate *got;

		portal_set_now(p, TH_NOW);
		e = th_add_estimate(p, fx.alice, 0);
		l[0] = th_add_estimate_line(p, e, PORTAL_LINE_LABOUR, NULL, 1000);
		l[1] = th_add_estimate_line(p, e, PORTAL_LINE_PART, NULL, 1000);
		if (cases[i].sent)
			th_send_estimate(p, e, 0);
		for (size_t k = 0; k < 2; k++)
			if (d[k] != PORTAL_DECISION_PENDING)
				decide(p, e, l[k], d[k], "Alice Martin");
		portal_set_now(p, cases[i].now);
		got = get_estimate(p, e);
		if (got->status != cases[i].want ||
		    strcmp(portal_estimate_status_name(got->status), cases[i].want_name) != 0)
			fail_msg("%s: status %s, want %s", cases[i].what,
				portal_estimate_status_name(got->status), cases[i].want_name);
		portal_estimate_free(got);
	}
	assert_null(portal_estimate_status_name((portal_estimate_status)0));
	assert_null(portal_estimate_status_name((portal_estimate_status)8));
}
#undef P
#undef A
#undef D

/* ---------------------------------------------------------------------
 * Finding an estimate by its number as typed.
 */

static void test_estimate__find_by_number_as_typed(void **state)
{
	static const struct {
		const char *typed;
		int which;                  /* 1: E1001, 2: E1002 */
	} found[] = {
		{ "E1001", 1 },
		{ "e-1001", 1 },
		{ "#1001", 1 },
		{ "Estimate 1001", 1 },
		{ " est 1001 ", 1 },
		{ "1001", 1 },
		{ "ESTIMATE #1001", 1 },
		{ "E01001", 1 },             /* a leading zero */
		{ "e1002", 2 },
	};
	static const char *const missed[] = {
		"E1003", "E 999", "", "E", "#", "estimate", "1001x", "invoice 1001", "E1001-A",
	};
	portal *p = *state;
	portal_id ids[3] = { 0 };

	ids[1] = th_add_estimate(p, fx.alice, 0);
	ids[2] = th_add_estimate(p, fx.bob, 0);
	for (size_t i = 0; i < ARRAY_LEN(found); i++) {
		portal_id got = 0;
		int rc = portal_estimate_find(&got, p, found[i].typed);

		if (rc != PORTAL_OK || got != ids[found[i].which])
			fail_msg("\"%s\": %d (%s), estimate %lld, want %lld", found[i].typed, rc,
				portal_errmsg(p), (long long)got, (long long)ids[found[i].which]);
	}
	for (size_t i = 0; i < ARRAY_LEN(missed); i++) {
		char what[64];
		portal_id got = -1;

		snprintf(what, sizeof(what), "\"%s\"", missed[i]);
		TH_CHECK_REFUSED(p, what, portal_estimate_find(&got, p, missed[i]),
			PORTAL_ENOTFOUND, NULL);
		if (got != -1)
			fail_msg("%s: the id was written on a miss", what);
	}
	TH_CHECK_REFUSED(p, "NULL", portal_estimate_find(NULL, p, NULL), PORTAL_ENOTFOUND, NULL);
}

/* ---------------------------------------------------------------------
 * Approved lines go to the job's draft invoice.
 */

static void test_estimate__approved_lines_make_a_new_draft_invoice(void **state)
{
	portal *p = *state;
	portal_id e, labour, part, fee;
	struct invoice_walk w;
	portal_invoice *inv;

	/* Labour, a part, and a fee the customer declines. */
	e = th_add_estimate(p, fx.alice, fx.alice_job);
	labour = th_add_estimate_line(p, e, PORTAL_LINE_LABOUR, "Replace compressor", 30000);
	part = th_add_estimate_line(p, e, PORTAL_LINE_PART, "Compressor", 42050);
	fee = th_add_estimate_line(p, e, PORTAL_LINE_OTHER_FEE, "Haul-away", 5000);
	th_send_estimate(p, e, 0);
	decide(p, e, labour, PORTAL_DECISION_APPROVED, "Alice Martin");
	decide(p, e, fee, PORTAL_DECISION_DECLINED, "Alice Martin");
	assert_int_equal(job_invoices(p, fx.alice_job).n, 0);
	decide(p, e, part, PORTAL_DECISION_APPROVED, "Alice Martin");

	w = job_invoices(p, fx.alice_job);
	assert_int_equal(w.n, 1);
	inv = get_invoice(p, w.ids[0]);
	assert_int_equal(inv->status, PORTAL_INVOICE_DRAFT);
	assert_string_equal(inv->number, "10001");
	assert_int_equal(inv->client_id, fx.alice);
	assert_int_equal(inv->job_id, fx.alice_job);
	assert_int_equal(inv->estimate_id, e);
	assert_int_equal(inv->line_count, 2);
	assert_string_equal(inv->lines[0].description, "Replace compressor");
	assert_int_equal(inv->lines[0].kind, PORTAL_LINE_LABOUR);
	assert_int_equal(inv->lines[0].amount, 30000);
	assert_string_equal(inv->lines[1].description, "Compressor");
	assert_int_equal(inv->lines[1].kind, PORTAL_LINE_PART);
	assert_int_equal(inv->lines[1].amount, 42050);
	/* Invoice lines carry no decision. */
	assert_int_equal(inv->lines[0].decision, PORTAL_DECISION_PENDING);
	assert_string_equal(inv->lines[0].decided_by, "");
	assert_int_equal(inv->totals.subtotal, 72050);
	assert_int_equal(inv->totals.tax, 9367);
	portal_invoice_free(inv);
	assert_int_equal(job_status(p, fx.alice_job), PORTAL_JOB_APPROVED);
}

static void test_estimate__approved_lines_join_the_jobs_draft_invoice(void **state)
{
	portal *p = *state;
	portal_invoice_fields f = PORTAL_INVOICE_FIELDS_INIT;
	portal_line_fields lf = PORTAL_LINE_FIELDS_INIT;
	portal_id draft = 0, e;
	struct invoice_walk w;
	portal_invoice *inv;

	f.client_id = fx.alice;
	f.job_id = fx.alice_job;
	assert_int_equal(portal_invoice_add(&draft, p, &f), PORTAL_OK);
	lf.kind = PORTAL_LINE_OTHER_FEE;
	lf.description = "Trip charge";
	lf.unit_price = 2500;
	assert_int_equal(portal_invoice_line_add(NULL, p, draft, &lf), PORTAL_OK);

	e = sent_estimate(p, NULL, NULL);
	decide(p, e, 0, PORTAL_DECISION_APPROVED, "Alice Martin");
	w = job_invoices(p, fx.alice_job);
	assert_int_equal(w.n, 1);
	assert_int_equal(w.ids[0], draft);
	inv = get_invoice(p, draft);
	assert_int_equal(inv->line_count, 3);
	assert_string_equal(inv->lines[0].description, "Trip charge");
	assert_string_equal(inv->lines[1].description, "Replace start relay");
	assert_string_equal(inv->lines[2].description, "Start relay");
	assert_int_equal(inv->lines[2].position, 3);
	assert_int_equal(inv->estimate_id, e);
	portal_invoice_free(inv);
}

static void test_estimate__declined_or_undecided_lines_make_no_invoice(void **state)
{
	portal *p = *state;
	portal_id labour, e = sent_estimate(p, &labour, NULL);

	/* Half decided: nothing goes to an invoice yet. */
	decide(p, e, labour, PORTAL_DECISION_APPROVED, "Alice Martin");
	assert_int_equal(job_invoices(p, fx.alice_job).n, 0);
	assert_int_equal(job_status(p, fx.alice_job), PORTAL_JOB_ESTIMATE_SENT);

	e = sent_estimate(p, NULL, NULL);
	decide(p, e, 0, PORTAL_DECISION_DECLINED, "Alice Martin");
	assert_int_equal(job_invoices(p, fx.alice_job).n, 0);
	assert_int_equal(job_status(p, fx.alice_job), PORTAL_JOB_ESTIMATE_SENT);
}

/* ---------------------------------------------------------------------
 * The service call fee is credited when the repair goes ahead.
 */

/* An issued invoice on Alice's job carrying one service call fee line. */
static portal_id charge_fee(portal *p, portal_id job, portal_money price, int taxable)
{
	portal_id id = th_add_invoice(p, fx.alice, job, NULL);

	th_add_invoice_line(p, id, PORTAL_LINE_SERVICE_CALL_FEE, NULL, price, taxable);
	th_issue_invoice(p, id, TH_NOW - DAY, 0);
	return id;
}

/* The one draft invoice of Alice's job. */
static portal_invoice *job_draft(portal *p)
{
	struct invoice_walk w = job_invoices(p, fx.alice_job);
	portal_id draft = 0;

	for (size_t i = 0; i < w.n; i++) {
		if (w.statuses[i] != PORTAL_INVOICE_DRAFT)
			continue;
		if (draft != 0)
			fail_msg("job has two draft invoices");
		draft = w.ids[i];
	}
	if (draft == 0)
		fail_msg("job has no draft invoice");
	return get_invoice(p, draft);
}

static void test_estimate__service_call_fee_is_credited_on_the_repair(void **state)
{
	static const struct {
		const char *what;
		portal_money fee;
		int taxable;
		portal_money want_tax;
	} cases[] = {
		/* labour 150 + part 80 - 120 = 110.00, 13% of it */
		{ "the shop's fee, taxable", PORTAL_PRICE_SHOP_FEE, -1, 1430 },
		/* A tax-free fee is credited tax-free: 13% of 230.00. */
		{ "a tax-free fee", PORTAL_PRICE_SHOP_FEE, 0, 2990 },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id job = th_add_job(p, fx.alice, 0, 0, cases[i].what, TH_NOW - 2 * DAY);
		portal_id e;
		portal_invoice *inv;
		const portal_line *credit;

		fx.alice_job = job;
		charge_fee(p, job, cases[i].fee, cases[i].taxable);
		e = sent_estimate(p, NULL, NULL);
		decide(p, e, 0, PORTAL_DECISION_APPROVED, "Alice Martin");
		inv = job_draft(p);
		if (inv->line_count != 3)
			fail_msg("%s: %zu lines, want labour, part, credit", cases[i].what,
				inv->line_count);
		credit = &inv->lines[2];
		assert_string_equal(credit->description, "Service call fee credited");
		assert_int_equal(credit->kind, PORTAL_LINE_CREDIT);
		assert_int_equal(credit->unit_price, 12000);
		assert_int_equal(credit->amount, -12000);
		assert_int_equal(credit->taxable, cases[i].taxable != 0);
		assert_int_equal(inv->totals.subtotal, 11000);
		if (inv->totals.tax != cases[i].want_tax)
			fail_msg("%s: tax %lld, want %lld", cases[i].what,
				(long long)inv->totals.tax, (long long)cases[i].want_tax);
		portal_invoice_free(inv);
	}
}

/* Credited toward the repair: a fee larger than the repair approved is
 * credited up to the repair's amount, so the invoice never goes below
 * zero and can still be issued. */
static void test_estimate__service_call_credit_is_capped_at_the_repair(void **state)
{
	portal *p = *state;
	portal_invoice *inv;
	portal_id e;

	charge_fee(p, fx.alice_job, 30000, -1);
	e = sent_estimate(p, NULL, NULL);
	decide(p, e, 0, PORTAL_DECISION_APPROVED, "Alice Martin");
	inv = job_draft(p);
	assert_int_equal(inv->line_count, 3);
	assert_int_equal(inv->lines[2].amount, -23000);
	assert_int_equal(inv->totals.total, 0);
	assert_int_equal(portal_invoice_issue(p, inv->id, 0, 0), PORTAL_OK);
	portal_invoice_free(inv);
}

static void test_estimate__service_call_fee_is_credited_once(void **state)
{
	portal *p = *state;
	portal_invoice *inv;
	portal_id e;

	charge_fee(p, fx.alice_job, PORTAL_PRICE_SHOP_FEE, -1);
	e = sent_estimate(p, NULL, NULL);
	decide(p, e, 0, PORTAL_DECISION_APPROVED, "Alice Martin");
	/* A second estimate on the same job, approved later, adds its lines
	 * to the same draft and no second credit. */
	portal_set_now(p, TH_NOW + HOUR);
	e = sent_estimate(p, NULL, NULL);
	decide(p, e, 0, PORTAL_DECISION_APPROVED, "Alice Martin");
	inv = job_draft(p);
	assert_int_equal(inv->line_count, 5);
	assert_int_equal(count_kind(inv, PORTAL_LINE_CREDIT), 1);
	portal_invoice_free(inv);
}

static void test_estimate__service_call_fee_is_not_credited_again_on_a_new_invoice(
	void **state)
{
	portal *p = *state;
	portal_invoice *inv;
	portal_id e;

	charge_fee(p, fx.alice_job, PORTAL_PRICE_SHOP_FEE, -1);
	e = sent_estimate(p, NULL, NULL);
	decide(p, e, 0, PORTAL_DECISION_APPROVED, "Alice Martin");
	inv = job_draft(p);
	assert_int_equal(portal_invoice_issue(p, inv->id, 0, 0), PORTAL_OK);
	portal_invoice_free(inv);

	/* The repair invoice with its credit is issued; more work approved
	 * later goes on a new draft, without the credit. */
	portal_set_now(p, TH_NOW + HOUR);
	e = sent_estimate(p, NULL, NULL);
	decide(p, e, 0, PORTAL_DECISION_APPROVED, "Alice Martin");
	inv = job_draft(p);
	assert_int_equal(inv->line_count, 2);
	assert_int_equal(count_kind(inv, PORTAL_LINE_CREDIT), 0);
	portal_invoice_free(inv);
}

static void test_estimate__service_call_fee_credit_needs_a_fee_and_a_repair(void **state)
{
	enum { NO_FEE, FEE, FEE_VOIDED, FEE_ON_OTHER_JOB };
	static const struct {
		const char *what;
		int fee;
		portal_decision decision;
		int approve_only_fee;       /* approve a fee line, not labour or part */
	} cases[] = {
		{ "no fee charged", NO_FEE, PORTAL_DECISION_APPROVED, 0 },
		{ "fee invoice voided", FEE_VOIDED, PORTAL_DECISION_APPROVED, 0 },
		{ "fee charged on another job", FEE_ON_OTHER_JOB, PORTAL_DECISION_APPROVED, 0 },
		{ "only declined", FEE, PORTAL_DECISION_DECLINED, 0 },
		{ "no labour or part approved", FEE, PORTAL_DECISION_APPROVED, 1 },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id job = th_add_job(p, fx.alice, 0, 0, cases[i].what, TH_NOW - 2 * DAY);
		struct invoice_walk w;
		portal_id e;

		fx.alice_job = job;
		if (cases[i].fee == FEE || cases[i].fee == FEE_VOIDED) {
			portal_id fee = charge_fee(p, job, PORTAL_PRICE_SHOP_FEE, -1);
			if (cases[i].fee == FEE_VOIDED)
				assert_int_equal(portal_invoice_void(p, fee, "Waived"), PORTAL_OK);
		} else if (cases[i].fee == FEE_ON_OTHER_JOB) {
			portal_id other = th_add_job(p, fx.alice, 0, 0, "Another job",
				TH_NOW - 2 * DAY);
			charge_fee(p, other, PORTAL_PRICE_SHOP_FEE, -1);
		}
		if (cases[i].approve_only_fee) {
			e = th_add_estimate(p, fx.alice, job);
			th_add_estimate_line(p, e, PORTAL_LINE_OTHER_FEE, "Disposal", 4000);
			th_send_estimate(p, e, 0);
		} else {
			e = sent_estimate(p, NULL, NULL);
		}
		decide(p, e, 0, cases[i].decision, "Alice Martin");
		w = job_invoices(p, job);
		for (size_t k = 0; k < w.n; k++) {
			portal_invoice *inv = get_invoice(p, w.ids[k]);
			if (count_kind(inv, PORTAL_LINE_CREDIT) != 0)
				fail_msg("%s: invoice %s has a credit", cases[i].what, inv->number);
			portal_invoice_free(inv);
		}
	}
}

/* ---------------------------------------------------------------------
 * Clients, jobs, JSON.
 */

static void test_estimate__job_of_another_client_is_refused(void **state)
{
	const struct {
		const char *what;
		portal_id client, job;
		int want;
		const char *field;
	} cases[] = {
		{ "Bob's job for Alice", fx.alice, fx.bob_job, PORTAL_EINVAL, "estimate.job" },
		{ "Alice's job for Bob", fx.bob, fx.alice_job, PORTAL_EINVAL, "estimate.job" },
		{ "missing job", fx.alice, 999, PORTAL_ENOTFOUND, NULL },
		{ "missing client", 999, 0, PORTAL_ENOTFOUND, NULL },
		{ "client 0", 0, 0, PORTAL_ENOTFOUND, NULL },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_estimate_fields f = PORTAL_ESTIMATE_FIELDS_INIT;
		portal_id out = -1;

		f.client_id = cases[i].client;
		f.job_id = cases[i].job;
		TH_CHECK_REFUSED(p, cases[i].what, portal_estimate_add(&out, p, &f),
			cases[i].want, cases[i].field);
		if (out != -1)
			fail_msg("%s: the id was written on failure", cases[i].what);
	}
	TH_CHECK_REFUSED(p, "NULL fields", portal_estimate_add(NULL, p, NULL), PORTAL_EINVAL,
		NULL);
}

/* Lines are refused once the estimate's total would pass the maximum. */
static void test_estimate__total_past_the_maximum_is_refused(void **state)
{
	portal *p = *state;
	portal_id e = th_add_estimate(p, fx.alice, 0);
	portal_line_fields f = PORTAL_LINE_FIELDS_INIT;

	/* 100 x $10,000,000.00 = $1,000,000,000.00 a line, tax-free. */
	f.quantity = 100000;
	f.unit_price = PORTAL_UNIT_PRICE_MAX;
	f.taxable = 0;
	for (int i = 0; i < 10; i++)
		assert_int_equal(portal_estimate_line_add(NULL, p, e, &f), PORTAL_OK);
	f.quantity = 0;
	f.unit_price = 1;
	TH_CHECK_REFUSED(p, "one cent past the maximum", portal_estimate_line_add(NULL, p, e, &f),
		PORTAL_EINVAL, "line");
}

/* Approved lines join the job's draft invoice only while its total stays
 * in range: the decision is refused, and the invoice stays readable. */
static void test_estimate__approval_past_the_invoice_maximum_is_refused(void **state)
{
	portal *p = *state;
	portal_invoice_fields f = PORTAL_INVOICE_FIELDS_INIT;
	portal_line_fields lf = PORTAL_LINE_FIELDS_INIT;
	portal_id draft = 0, e;
	portal_invoice *inv;

	/* $1,000,000,000.00 a line, tax-free: nine on the draft, two on the
	 * estimate, each document under the maximum on its own. */
	lf.quantity = 100000;
	lf.unit_price = PORTAL_UNIT_PRICE_MAX;
	lf.taxable = 0;
	f.client_id = fx.alice;
	f.job_id = fx.alice_job;
	assert_int_equal(portal_invoice_add(&draft, p, &f), PORTAL_OK);
	for (int i = 0; i < 9; i++)
		assert_int_equal(portal_invoice_line_add(NULL, p, draft, &lf), PORTAL_OK);
	e = th_add_estimate(p, fx.alice, fx.alice_job);
	for (int i = 0; i < 2; i++)
		assert_int_equal(portal_estimate_line_add(NULL, p, e, &lf), PORTAL_OK);
	th_send_estimate(p, e, 0);
	TH_CHECK_REFUSED(p, "approve past the invoice's maximum",
		portal_estimate_decide(p, e, 0, PORTAL_DECISION_APPROVED, "Alice Martin"),
		PORTAL_EINVAL, "line");
	inv = get_invoice(p, draft);
	assert_int_equal(inv->line_count, 9);
	portal_invoice_free(inv);
}

static void test_estimate__json_has_number_status_lines_and_totals(void **state)
{
	portal *p = *state;
	portal_id labour, e = sent_estimate(p, &labour, NULL);
	portal_buf out = PORTAL_BUF_INIT;
	const cJSON *lines, *totals, *line;
	cJSON *root;

	decide(p, e, labour, PORTAL_DECISION_APPROVED, "Alice Martin");
	assert_int_equal(portal_estimate_json(&out, p, e), PORTAL_OK);
	root = cJSON_Parse(out.ptr);
	if (root == NULL)
		fail_msg("not JSON: %s", out.ptr);
	assert_string_equal(json_string(root, "number"), "E1001");
	assert_string_equal(json_string(root, "status"), "partly_decided");
	assert_int_equal((portal_id)json_number(root, "job_id"), fx.alice_job);
	assert_string_equal(json_string(root, "valid_until"), "2026-11-30T00:00:00-05:00");
	assert_string_equal(json_string(root, "last_valid_day"), "2026-11-29");
	lines = cJSON_GetObjectItemCaseSensitive(root, "lines");
	assert_true(cJSON_IsArray(lines));
	assert_int_equal(cJSON_GetArraySize(lines), 2);
	line = cJSON_GetArrayItem(lines, 0);
	assert_string_equal(json_string(line, "kind"), "labour");
	assert_string_equal(json_string(line, "decision"), "approved");
	assert_string_equal(json_string(line, "decided_by"), "Alice Martin");
	assert_int_equal((portal_money)json_number(line, "amount"), 15000);
	assert_string_equal(json_string(cJSON_GetArrayItem(lines, 1), "decision"), "pending");
	totals = cJSON_GetObjectItemCaseSensitive(root, "totals");
	assert_true(cJSON_IsObject(totals));
	assert_int_equal((portal_money)json_number(totals, "subtotal"), 23000);
	assert_int_equal((portal_money)json_number(totals, "tax"), 2990);
	assert_int_equal((portal_money)json_number(totals, "total"), 25990);
	assert_string_equal(json_string(totals, "total_text"), "259.90");
	assert_string_equal(json_string(totals, "tax_rate"), "13");
	cJSON_Delete(root);
	portal_buf_dispose(&out);

	TH_CHECK_REFUSED(p, "JSON of estimate 999", portal_estimate_json(&out, p, 999),
		PORTAL_ENOTFOUND, NULL);
	portal_buf_dispose(&out);
}

/* ---------------------------------------------------------------------
 */

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_estimate__numbers_count_up_from_E1001),
		T(test_estimate__line_defaults_come_from_the_kind_and_the_shop),
		T(test_estimate__shop_fee_line_follows_the_fee_setting),
		T(test_estimate__bad_lines_are_refused),
		T(test_estimate__line_on_a_missing_estimate_is_not_found),
		T(test_estimate__tax_is_rounded_once_per_document),
		T(test_estimate__send_without_lines_is_refused),
		T(test_estimate__send_fixes_validity_and_moves_the_job),
		T(test_estimate__send_in_the_future_is_refused),
		T(test_estimate__sent_estimate_refuses_new_lines),
		T(test_estimate__tax_rate_is_fixed_when_sent),
		T(test_estimate__approve_in_the_last_valid_minute_works),
		T(test_estimate__approve_at_valid_until_is_refused_as_expired),
		T(test_estimate__validity_ends_with_the_local_day),
		T(test_estimate__approve_one_line_then_decline_the_other),
		T(test_estimate__a_decided_line_cannot_be_decided_again),
		T(test_estimate__decide_a_missing_line_or_estimate_is_not_found),
		T(test_estimate__decide_all_with_line_0_takes_the_pending_lines),
		T(test_estimate__approver_name_is_2_to_100_characters),
		T(test_estimate__decision_must_be_approve_or_decline),
		T(test_estimate__a_draft_cannot_be_decided),
		T(test_estimate__status_follows_dates_and_decisions),
		T(test_estimate__find_by_number_as_typed),
		T(test_estimate__approved_lines_make_a_new_draft_invoice),
		T(test_estimate__approved_lines_join_the_jobs_draft_invoice),
		T(test_estimate__declined_or_undecided_lines_make_no_invoice),
		T(test_estimate__service_call_fee_is_credited_on_the_repair),
		T(test_estimate__service_call_credit_is_capped_at_the_repair),
		T(test_estimate__service_call_fee_is_credited_once),
		T(test_estimate__service_call_fee_is_not_credited_again_on_a_new_invoice),
		T(test_estimate__service_call_fee_credit_needs_a_fee_and_a_repair),
		T(test_estimate__job_of_another_client_is_refused),
		T(test_estimate__total_past_the_maximum_is_refused),
		T(test_estimate__approval_past_the_invoice_maximum_is_refused),
		T(test_estimate__json_has_number_status_lines_and_totals),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
