/* SPDX-License-Identifier: MIT */
/*
 * test_lookup.c - unit tests for the lookup by invoice number and house
 * number (lookup.c), its rate limits and locks, and house numbers as
 * customers type them (access.c).
 *
 * The shop: Alice Martin at 120 King St W (and a cottage at 7½ Lake Rd)
 * with invoice 10001 issued, 10002 a draft and 10003 void; Bob Chen at
 * 45B Queen St with invoice 10004 issued. Default limits: 10 misses per
 * address in 15 minutes lock it for 15 minutes; 5 misses per invoice
 * number in 60 minutes lock it for 60 minutes.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "fixtures.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MINUTE ((portal_time)60)

static portal_id alice, bob;

/* An invoice of one $100 labour line: issued when `issue`, voided when
 * `void_it`. */
static void invoice(portal *p, portal_id client, const char *number, int issue, int void_it)
{
	portal_id id = th_add_invoice(p, client, 0, number);

	th_add_invoice_line(p, id, PORTAL_LINE_LABOUR, NULL, 10000, -1);
	if (issue)
		th_issue_invoice(p, id, 0, 0);
	if (void_it && portal_invoice_void(p, id, "Entered twice") != PORTAL_OK)
		fail_msg("voiding invoice %s: %s", number, portal_errmsg(p));
}

static int setup(void **state)
{
	portal *p = th_open();

	assert_int_equal(portal_shop_set(p, "phone", "416-555-0199"), PORTAL_OK);
	alice = th_add_client(p, "Alice Martin");
	bob = th_add_client(p, "Bob Chen");
	th_add_address(p, alice, "120", "King St W", NULL);
	th_add_address(p, alice, "7 \xc2\xbd", "Lake Rd", NULL);
	th_add_address(p, bob, "45B", "Queen St", NULL);
	invoice(p, alice, "10001", 1, 0);
	invoice(p, alice, "10002", 0, 0);
	invoice(p, alice, "10003", 1, 1);
	invoice(p, bob, "10004", 1, 0);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

/* A lookup's code; a session it opened is checked and freed. */
static int lookup(portal *p, const char *number, const char *house, const char *source)
{
	portal_session *s = NULL;
	int rc = portal_lookup(&s, p, number, house, source);

	if (rc == PORTAL_OK) {
		assert_non_null(s);
		assert_int_equal(strlen(s->token), PORTAL_TOKEN_LEN);
		assert_int_equal(s->job_id, 0);
		assert_int_equal(s->link_id, 0);
	} else {
		assert_null(s);
	}
	portal_session_free(s);
	return rc;
}

/* A made-up invoice number, different each call, so that only the
 * address limit counts. */
static const char *made_up(void)
{
	static char number[16];
	static int next = 30000;

	snprintf(number, sizeof(number), "%d", next++);
	return number;
}

static void want(portal *p, int rc, int expected, const char *what)
{
	if (rc != expected)
		fail_msg("%s: got %d (%s), want %d", what, rc, portal_errmsg(p), expected);
}

typedef struct counter {
	const char *event, *outcome;
	int n;
} counter;

static int count_entry(const portal_audit_entry *e, void *ctx)
{
	counter *c = ctx;

	if (strcmp(e->event, c->event) == 0 && strcmp(e->outcome, c->outcome) == 0)
		c->n++;
	return 0;
}

static int audited(portal *p, const char *event, const char *outcome)
{
	counter c = { event, outcome, 0 };

	assert_int_equal(portal_audit_foreach(p, NULL, count_entry, &c), PORTAL_OK);
	return c.n;
}

/* ---------------------------------------------------------------------
 * House numbers as typed.
 */

static void test_lookup__house_numbers_are_normalised(void **state)
{
	static const struct {
		const char *typed, *key;
	} cases[] = {
		{ "120", "120" },
		{ " 120 ", "120" },
		{ "#120", "120" },
		{ "120A", "120a" },
		{ "120 a", "120a" },
		{ "120a King St", "120a" },
		{ "120 King St W", "120" },
		{ "120 E Main St", "120" },
		{ "5-120", "120" },
		{ "#5 - 120", "120" },
		{ "Unit 5-120 King St", "120" },
		{ "A-120", "120" },
		{ "120 1/2", "1201/2" },
		{ "120 \xc2\xbd", "1201/2" },
		{ "120\xc2\xbd Lake Rd", "1201/2" },
		{ "120 1/2 Lake Rd", "1201/2" },
		{ "120-", "120" },
	};
	static const char *const bad[] = { "", "   ", "#", "King St", "A", "x-y", "\xc2\xbd" };
	char key[32];

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		if (portal_house_number_key(key, sizeof(key), cases[i].typed) != PORTAL_OK)
			fail_msg("'%s' refused", cases[i].typed);
		if (strcmp(key, cases[i].key) != 0)
			fail_msg("'%s' gave '%s', want '%s'", cases[i].typed, key, cases[i].key);
	}
	for (size_t i = 0; i < ARRAY_LEN(bad); i++)
		if (portal_house_number_key(key, sizeof(key), bad[i]) != PORTAL_EINVAL)
			fail_msg("'%s' accepted as '%s'", bad[i], key);
	assert_int_equal(portal_house_number_key(key, sizeof(key), NULL), PORTAL_EINVAL);
	assert_int_equal(portal_house_number_key(key, 4, "12345"), PORTAL_EINVAL);
	assert_int_equal(portal_house_number_key(key, 4, "123"), PORTAL_OK);
}

/* ---------------------------------------------------------------------
 * Matches and misses.
 */

static void test_lookup__matches_issued_invoices_at_any_of_the_clients_houses(void **state)
{
	static const struct {
		const char *what, *number, *house;
		int rc;
	} cases[] = {
		{ "issued invoice, main house", "10001", "120", PORTAL_OK },
		{ "as typed from the paper", "Invoice #10001", "120 King St W", PORTAL_OK },
		{ "leading zero, unit prefix", "inv-010001", "5-120", PORTAL_OK },
		{ "the client's other address", "10001", "7 1/2 Lake Rd", PORTAL_OK },
		{ "void invoice still held", "10003", "120", PORTAL_OK },
		{ "letter suffix", "10004", "45 b", PORTAL_OK },
		{ "wrong house", "10001", "121", PORTAL_ENOTFOUND },
		{ "draft invoice", "10002", "120", PORTAL_ENOTFOUND },
		{ "another client's house", "10001", "45B", PORTAL_ENOTFOUND },
		{ "another client's invoice", "10004", "120", PORTAL_ENOTFOUND },
		{ "no such invoice", "99999", "120", PORTAL_ENOTFOUND },
		{ "letter missing", "10004", "45", PORTAL_ENOTFOUND },
		{ "unreadable house", "10001", "King St", PORTAL_ENOTFOUND },
		{ "unreadable invoice", "###", "120", PORTAL_ENOTFOUND },
		{ "NULLs", NULL, NULL, PORTAL_ENOTFOUND },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char source[32];

		/* Each from its own address: the limits are tested below. */
		snprintf(source, sizeof(source), "198.51.100.%zu", i + 1);
		want(p, lookup(p, cases[i].number, cases[i].house, source), cases[i].rc,
			cases[i].what);
	}
}

static void test_lookup__a_match_opens_a_session_for_the_whole_client(void **state)
{
	portal *p = *state;
	portal_session *s = NULL;

	assert_int_equal(portal_lookup(&s, p, "10004", "45B", "203.0.113.7"), PORTAL_OK);
	assert_int_equal(s->client_id, bob);
	assert_int_equal(s->job_id, 0);
	assert_int_equal(s->link_id, 0);
	assert_int_equal(s->sections, PORTAL_SECTIONS_ALL);
	assert_int_equal(s->created_at, TH_NOW);
	assert_int_equal(s->expires_at, TH_NOW + 30 * MINUTE);
	assert_string_equal(s->source, "203.0.113.7");
	assert_int_equal(strlen(s->csrf), PORTAL_TOKEN_LEN);
	assert_int_equal(audited(p, "lookup", "ok"), 1);
	assert_int_equal(audited(p, "session.open", "ok"), 1);
	portal_session_free(s);
}

static void test_lookup__every_miss_answers_the_same(void **state)
{
	static const struct {
		const char *number, *house;
	} misses[] = {
		{ "10001", "121" }, { "99999", "121" }, { "10002", "120" },
		{ "10001", "45B" }, { "", "" }, { "x", "King St" },
	};
	portal *p = *state;
	char first[512];

	want(p, lookup(p, misses[0].number, misses[0].house, "a"), PORTAL_ENOTFOUND, "first");
	snprintf(first, sizeof(first), "%s", portal_errmsg(p));
	assert_non_null(strstr(first, "check both on your paperwork"));
	for (size_t i = 1; i < ARRAY_LEN(misses); i++) {
		want(p, lookup(p, misses[i].number, misses[i].house, "a"), PORTAL_ENOTFOUND,
			misses[i].number);
		assert_string_equal(portal_errmsg(p), first);
		assert_null(portal_errfield(p));
	}
	assert_int_equal(audited(p, "lookup", "miss"), (int)ARRAY_LEN(misses));
}

static void test_lookup__access_off_is_denied_with_the_shops_phone(void **state)
{
	portal *p = *state;

	assert_int_equal(portal_client_set_access(p, alice, 0), PORTAL_OK);
	want(p, lookup(p, "10001", "120", "a"), PORTAL_EDENIED, "access off");
	assert_non_null(strstr(portal_errmsg(p), "call the shop at +14165550199"));
	assert_int_equal(audited(p, "lookup", "denied"), 1);
	/* A denial is not a miss: nothing counts toward a lock. */
	for (int i = 0; i < 12; i++)
		want(p, lookup(p, "10001", "120", "a"), PORTAL_EDENIED, "again");
	assert_int_equal(portal_client_set_access(p, alice, 1), PORTAL_OK);
	want(p, lookup(p, "10001", "120", "a"), PORTAL_OK, "access on again");
}

/* ---------------------------------------------------------------------
 * Estimate and booking numbers.
 */

/* Alice's job at 120 King St W with a sent estimate and a draft one, and
 * a visit of it; Bob's visit without a job. The numbers go to `est`,
 * `draft`, `job` and `visit` ("E1001", "J1", "V2"). */
static void numbered_paperwork(portal *p, char est[16], char draft[16], char job[16],
	char visit[16])
{
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
	portal_estimate *e = NULL;
	portal_id j = th_add_job(p, alice, 0, 0, "Dryer does not heat", 0);
	portal_id sent = th_add_estimate(p, alice, j), unsent = th_add_estimate(p, alice, j);
	portal_id v;

	th_add_estimate_line(p, sent, PORTAL_LINE_LABOUR, NULL, 12000);
	th_send_estimate(p, sent, 0);
	assert_int_equal(portal_estimate_get(&e, p, sent), PORTAL_OK);
	snprintf(est, 16, "%s", e->number);
	portal_estimate_free(e);
	assert_int_equal(portal_estimate_get(&e, p, unsent), PORTAL_OK);
	snprintf(draft, 16, "%s", e->number);
	portal_estimate_free(e);
	f.client_id = alice;
	f.job_id = j;
	f.window_start = TH_NOW + 86400;
	f.window_end = TH_NOW + 86400 + 7200;
	th_add_visit(p, &f);
	snprintf(job, 16, "J%lld", (long long)j);
	v = th_book_visit(p, bob, "2026-11-25 08:00", "2026-11-25 10:00");
	snprintf(visit, 16, "V%lld", (long long)v);
}

static void test_lookup__estimate_and_booking_numbers_find_the_client(void **state)
{
	portal *p = *state;
	char est[16], draft[16], job[16], visit[16], typed[32];

	numbered_paperwork(p, est, draft, job, visit);
	want(p, lookup(p, est, "120", "a"), PORTAL_OK, "a sent estimate");
	/* The invoice number's normalisation: case, spaces, '#' and zeros. */
	snprintf(typed, sizeof(typed), "# %c %s", est[0] + 32, est + 1);
	want(p, lookup(p, typed, "120 King St W", "a"), PORTAL_OK, "an estimate as typed");
	want(p, lookup(p, job, "7 1/2", "a"), PORTAL_OK, "a job's booking number");
	snprintf(typed, sizeof(typed), "j-%s", job + 1);
	want(p, lookup(p, typed, "120", "a"), PORTAL_OK, "a job number as typed");
	want(p, lookup(p, visit, "45b", "a"), PORTAL_OK, "a visit's booking number");
	assert_int_equal(audited(p, "lookup", "ok"), 5);
}

static void test_lookup__every_kind_of_number_misses_alike(void **state)
{
	portal *p = *state;
	char est[16], draft[16], job[16], visit[16], first[512];
	const char *misses[6];

	numbered_paperwork(p, est, draft, job, visit);
	misses[0] = "10001";    /* another house */
	misses[1] = est;        /* another client's house */
	misses[2] = draft;      /* an estimate not sent */
	misses[3] = job;        /* Bob's house, Alice's job */
	misses[4] = "J999";     /* no such job */
	misses[5] = visit;      /* Alice's house, Bob's visit */
	want(p, lookup(p, misses[0], "121", "a"), PORTAL_ENOTFOUND, misses[0]);
	snprintf(first, sizeof(first), "%s", portal_errmsg(p));
	assert_string_equal(first, "nothing matches that number and house number; "
		"check both on your paperwork");
	want(p, lookup(p, misses[1], "45B", "a"), PORTAL_ENOTFOUND, misses[1]);
	assert_string_equal(portal_errmsg(p), first);
	want(p, lookup(p, misses[2], "120", "a"), PORTAL_ENOTFOUND, misses[2]);
	assert_string_equal(portal_errmsg(p), first);
	want(p, lookup(p, misses[3], "45B", "a"), PORTAL_ENOTFOUND, misses[3]);
	assert_string_equal(portal_errmsg(p), first);
	want(p, lookup(p, misses[4], "120", "a"), PORTAL_ENOTFOUND, misses[4]);
	assert_string_equal(portal_errmsg(p), first);
	want(p, lookup(p, misses[5], "120", "a"), PORTAL_ENOTFOUND, misses[5]);
	assert_string_equal(portal_errmsg(p), first);
	assert_int_equal(audited(p, "lookup", "miss"), 6);
}

static void test_lookup__five_misses_lock_an_estimate_or_booking_number(void **state)
{
	portal *p = *state;
	char est[16], draft[16], job[16], visit[16], source[32];
	int64_t seconds = 0;

	numbered_paperwork(p, est, draft, job, visit);
	for (int i = 1; i <= 5; i++) {
		snprintf(source, sizeof(source), "198.51.100.%d", i);
		want(p, lookup(p, est, "121", source), PORTAL_ENOTFOUND, "estimate miss");
		want(p, lookup(p, job, "121", source), PORTAL_ENOTFOUND, "job miss");
	}
	want(p, lookup(p, est, "120", "198.51.100.6"), PORTAL_ERATELIMIT, "estimate locked");
	assert_non_null(strstr(portal_errmsg(p), "try again after 11:00 am"));
	want(p, lookup(p, job, "120", "198.51.100.6"), PORTAL_ERATELIMIT, "job locked");
	assert_int_equal(portal_lookup_retry_after(&seconds, p, job, "198.51.100.6"), PORTAL_OK);
	assert_int_equal(seconds, 60 * MINUTE);
	/* The visit's number is another subject. */
	want(p, lookup(p, visit, "45B", "198.51.100.6"), PORTAL_OK, "another number");
}

/* ---------------------------------------------------------------------
 * Rate limits.
 */

static void test_lookup__ten_misses_lock_the_address(void **state)
{
	portal *p = *state;
	char number[16];

	for (int i = 0; i < 10; i++) {
		/* Different invoice numbers, so only the address counts. */
		snprintf(number, sizeof(number), "%d", 20000 + i);
		want(p, lookup(p, number, "120", "198.51.100.9"), PORTAL_ENOTFOUND, "miss");
	}
	want(p, lookup(p, "20011", "120", "198.51.100.9"), PORTAL_ERATELIMIT, "11th");
	/* 10:00 + 15 minutes, shop time. */
	assert_non_null(strstr(portal_errmsg(p), "try again after 10:15 am"));
	want(p, lookup(p, "10001", "120", "198.51.100.9"), PORTAL_ERATELIMIT, "right pair");
	assert_int_equal(audited(p, "lookup", "refused"), 2);
	/* Other addresses are not affected. */
	want(p, lookup(p, "10001", "120", "198.51.100.10"), PORTAL_OK, "another address");
}

static void test_lookup__five_misses_lock_the_invoice_number_everywhere(void **state)
{
	portal *p = *state;
	char source[32];

	for (int i = 1; i <= 5; i++) {
		snprintf(source, sizeof(source), "198.51.100.%d", i);
		want(p, lookup(p, "10001", i % 2 ? "121" : "#10001", source), PORTAL_ENOTFOUND,
			"miss");
	}
	want(p, lookup(p, "10001", "122", "198.51.100.6"), PORTAL_ERATELIMIT, "6th");
	assert_non_null(strstr(portal_errmsg(p), "try again after 11:00 am"));
	/* Typed another way, it is the same number. */
	want(p, lookup(p, "INV-010001", "120", "198.51.100.7"), PORTAL_ERATELIMIT, "right pair");
	/* Other invoices are not affected. */
	want(p, lookup(p, "10004", "45B", "198.51.100.8"), PORTAL_OK, "another invoice");
}

static void test_lookup__refused_attempts_change_only_the_log(void **state)
{
	portal *p = *state;
	portal_session *s = NULL;
	char *before;

	for (int i = 0; i < 10; i++)
		want(p, lookup(p, made_up(), "1", "x"), PORTAL_ENOTFOUND, "miss");
	/* The refused attempt writes its audit entry and nothing else: the
	 * failures and the lock stay as they were. */
	before = th_fingerprint(th_db_path());
	want(p, portal_lookup(&s, p, "10001", "120", "x"), PORTAL_ERATELIMIT, "refused");
	assert_null(s);
	{
		char *after = th_fingerprint(th_db_path());
		char *a = strstr(before, "lookup_failures"), *b = strstr(after, "lookup_failures");

		assert_non_null(a);
		assert_non_null(b);
		assert_string_equal(a, b);
		free(after);
	}
	free(before);
}

static void test_lookup__locks_end_on_their_own(void **state)
{
	portal *p = *state;

	for (int i = 0; i < 10; i++)
		want(p, lookup(p, made_up(), "1", "198.51.100.9"), PORTAL_ENOTFOUND, "miss");
	/* Knocking while locked does not extend the lock. */
	portal_set_now(p, TH_NOW + 14 * MINUTE);
	want(p, lookup(p, "10001", "120", "198.51.100.9"), PORTAL_ERATELIMIT, "14 minutes");
	portal_set_now(p, TH_NOW + 15 * MINUTE);
	want(p, lookup(p, "10001", "120", "198.51.100.9"), PORTAL_OK, "15 minutes");
	/* The old misses are out of the window: one more does not lock. */
	want(p, lookup(p, made_up(), "1", "198.51.100.9"), PORTAL_ENOTFOUND, "a new miss");
	want(p, lookup(p, "10001", "120", "198.51.100.9"), PORTAL_OK, "still open");

	for (int i = 0; i < 5; i++)
		want(p, lookup(p, "10004", "1", "203.0.113.1"), PORTAL_ENOTFOUND, "invoice miss");
	portal_set_now(p, TH_NOW + 15 * MINUTE + 59 * MINUTE);
	want(p, lookup(p, "10004", "45B", "203.0.113.2"), PORTAL_ERATELIMIT, "59 minutes");
	portal_set_now(p, TH_NOW + 15 * MINUTE + 60 * MINUTE);
	want(p, lookup(p, "10004", "45B", "203.0.113.2"), PORTAL_OK, "60 minutes");
}

static void test_lookup__settings_change_the_limits(void **state)
{
	portal *p = *state;

	assert_int_equal(portal_shop_set(p, "lookup_addr_limit", "2"), PORTAL_OK);
	assert_int_equal(portal_shop_set(p, "lookup_addr_lock_minutes", "5"), PORTAL_OK);
	want(p, lookup(p, "1", "1", "z"), PORTAL_ENOTFOUND, "1");
	want(p, lookup(p, "2", "1", "z"), PORTAL_ENOTFOUND, "2");
	want(p, lookup(p, "10001", "120", "z"), PORTAL_ERATELIMIT, "locked");
	portal_set_now(p, TH_NOW + 5 * MINUTE);
	want(p, lookup(p, "10001", "120", "z"), PORTAL_OK, "after 5 minutes");
}

static void test_lookup__no_source_is_one_subject(void **state)
{
	portal *p = *state;

	for (int i = 0; i < 5; i++)
		want(p, lookup(p, "40000", "1", NULL), PORTAL_ENOTFOUND, "NULL");
	for (int i = 0; i < 5; i++)
		want(p, lookup(p, "40001", "1", ""), PORTAL_ENOTFOUND, "empty");
	want(p, lookup(p, "10001", "120", NULL), PORTAL_ERATELIMIT, "locked");
}

static void test_lookup__a_lock_never_blocks_a_link(void **state)
{
	portal *p = *state;
	portal_buf url = PORTAL_BUF_INIT;
	portal_session *s = NULL;

	assert_int_equal(portal_link_create(&url, NULL, p, alice, NULL), PORTAL_OK);
	for (int i = 0; i < 10; i++)
		want(p, lookup(p, made_up(), "1", "198.51.100.9"), PORTAL_ENOTFOUND, "miss");
	want(p, lookup(p, "10001", "120", "198.51.100.9"), PORTAL_ERATELIMIT, "locked");
	want(p, portal_link_open(&s, p, strstr(url.ptr, "/k/") + 3, "198.51.100.9"), PORTAL_OK,
		"the link");
	assert_int_equal(s->client_id, alice);
	portal_session_free(s);
	portal_buf_dispose(&url);
}

static void test_lookup__success_keeps_the_failures(void **state)
{
	portal *p = *state;

	for (int i = 0; i < 9; i++)
		want(p, lookup(p, made_up(), "1", "q"), PORTAL_ENOTFOUND, "miss");
	want(p, lookup(p, "10001", "120", "q"), PORTAL_OK, "a match");
	want(p, lookup(p, made_up(), "1", "q"), PORTAL_ENOTFOUND, "10th miss");
	want(p, lookup(p, "10001", "120", "q"), PORTAL_ERATELIMIT, "locked");
}

static void test_lookup__retry_after_counts_to_the_later_lock(void **state)
{
	portal *p = *state;
	int64_t seconds = -1;
	char *before;

	assert_int_equal(portal_lookup_retry_after(&seconds, p, "10001", "198.51.100.9"),
		PORTAL_OK);
	assert_int_equal(seconds, 0);
	for (int i = 0; i < 10; i++)
		want(p, lookup(p, made_up(), "1", "198.51.100.9"), PORTAL_ENOTFOUND, "miss");
	/* The address is locked for 15 minutes; another address is not. */
	before = th_fingerprint(th_db_path());
	assert_int_equal(portal_lookup_retry_after(&seconds, p, "10001", "198.51.100.9"),
		PORTAL_OK);
	assert_int_equal(seconds, 15 * MINUTE);
	assert_int_equal(portal_lookup_retry_after(&seconds, p, "10001", "198.51.100.10"),
		PORTAL_OK);
	assert_int_equal(seconds, 0);
	{
		char *after = th_fingerprint(th_db_path());
		assert_string_equal(before, after);
		free(after);
	}
	free(before);
	/* Five misses on the invoice lock it for 60 minutes: the later lock wins. */
	for (int i = 0; i < 5; i++)
		want(p, lookup(p, "10001", "9", "203.0.113.1"), PORTAL_ENOTFOUND, "miss");
	portal_set_now(p, TH_NOW + 5 * MINUTE);
	assert_int_equal(portal_lookup_retry_after(&seconds, p, "#10001", "198.51.100.9"),
		PORTAL_OK);
	assert_int_equal(seconds, 55 * MINUTE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lookup__house_numbers_are_normalised),
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_lookup__matches_issued_invoices_at_any_of_the_clients_houses),
		T(test_lookup__a_match_opens_a_session_for_the_whole_client),
		T(test_lookup__every_miss_answers_the_same),
		T(test_lookup__access_off_is_denied_with_the_shops_phone),
		T(test_lookup__estimate_and_booking_numbers_find_the_client),
		T(test_lookup__every_kind_of_number_misses_alike),
		T(test_lookup__five_misses_lock_an_estimate_or_booking_number),
		T(test_lookup__ten_misses_lock_the_address),
		T(test_lookup__five_misses_lock_the_invoice_number_everywhere),
		T(test_lookup__refused_attempts_change_only_the_log),
		T(test_lookup__locks_end_on_their_own),
		T(test_lookup__settings_change_the_limits),
		T(test_lookup__no_source_is_one_subject),
		T(test_lookup__a_lock_never_blocks_a_link),
		T(test_lookup__success_keeps_the_failures),
		T(test_lookup__retry_after_counts_to_the_later_lock),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
