/* SPDX-License-Identifier: MIT */
/*
 * test_customer.c - the audit log (audit.c) and what a customer does in a
 * session (customer.c): one client never acts on another's records, a
 * hidden section refuses, a job-scoped session stays inside its job, and
 * every action is logged once, with the session's address, on one line.
 *
 * Runs on the demo shop at TH_NOW. Sessions are built by hand here: these
 * functions trust the session they are given (portal_session_check() is
 * what vouches for one).
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
#include "audit_log.h"

static struct {
	portal_id estimate, estimate_client, estimate_job, first_line;
	char estimate_number[16];
	portal_id visit, visit_client, visit_job;
	portal_id other_client;
} fx;

static void check(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

/* The first estimate still waiting for the customer. */
static int find_pending_estimate(const portal_estimate *e, void *ctx)
{
	portal *p = ctx;
	portal_estimate *full = NULL;

	if (fx.estimate || (e->status != PORTAL_ESTIMATE_SENT))
		return 0;
	check(p, portal_estimate_get(&full, p, e->id), "reading an estimate");
	fx.estimate = e->id;
	fx.estimate_client = e->client_id;
	fx.estimate_job = e->job_id;
	fx.first_line = full->lines[0].id;
	snprintf(fx.estimate_number, sizeof(fx.estimate_number), "%s", e->number);
	portal_estimate_free(full);
	return 0;
}

/* The first visit that can still be cancelled. */
static int find_open_visit(const portal_appointment *a, void *ctx)
{
	(void)ctx;
	if (fx.visit == 0 && (a->status == PORTAL_APPT_SCHEDULED ||
			      a->status == PORTAL_APPT_CONFIRMED)) {
		fx.visit = a->id;
		fx.visit_client = a->client_id;
		fx.visit_job = a->job_id;
	}
	return 0;
}

static int find_other_client(const portal_client *c, void *ctx)
{
	(void)ctx;
	if (fx.other_client == 0 && c->id != fx.estimate_client && c->id != fx.visit_client)
		fx.other_client = c->id;
	return 0;
}

static int setup(void **state)
{
	portal *p = th_open_demo();

	memset(&fx, 0, sizeof(fx));
	check(p, portal_estimate_foreach(p, 0, find_pending_estimate, p), "walking estimates");
	check(p, portal_appointment_foreach(p, NULL, find_open_visit, NULL), "walking visits");
	check(p, portal_client_foreach(p, NULL, find_other_client, NULL), "walking clients");
	assert_true(fx.estimate && fx.visit && fx.other_client);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

struct last_entry {
	int count;
	portal_audit_entry e;
	char event[32], outcome[16], source[64], detail[512];
};

static int keep_last(const portal_audit_entry *e, void *ctx)
{
	struct last_entry *l = ctx;

	l->count++;
	l->e = *e;
	snprintf(l->event, sizeof(l->event), "%s", e->event);
	snprintf(l->outcome, sizeof(l->outcome), "%s", e->outcome);
	snprintf(l->source, sizeof(l->source), "%s", e->source);
	snprintf(l->detail, sizeof(l->detail), "%s", e->detail);
	return 0;
}

static struct last_entry last_entry(portal *p, portal_id client)
{
	portal_audit_filter f = PORTAL_AUDIT_FILTER_INIT;
	struct last_entry l;

	memset(&l, 0, sizeof(l));
	f.client_id = client;
	check(p, portal_audit_foreach(p, &f, keep_last, &l), "reading the audit log");
	return l;
}

/* ---------------------------------------------------------------------
 * The log itself.
 */

static void test_audit__text_from_outside_stays_on_one_line(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "10231", "10231" },
		{ "10231\nlookup ok", "10231\\x0alookup ok" },
		{ "a\rb\tc\x1b[2J", "a\\x0db\\x09c\\x1b[2J" },
		{ "back\\slash", "back\\x5cslash" },
		{ "caf\xc3\xa9 \xc5\x81\xc3\xb3" "d\xc5\xba", "caf\xc3\xa9 \xc5\x81\xc3\xb3" "d\xc5\xba" },
		{ "bad \xff\xc3", "bad \\xff\\xc3" },
		{ "del\x7f", "del\\x7f" },
	};
	char out[64];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pt_audit_encode(out, sizeof(out), cases[i].in);
		assert_string_equal(out, cases[i].want);
	}
	/* Cut to fit, never inside a character or an escape. */
	pt_audit_encode(out, 6, "abcd\xc3\xa9");
	assert_string_equal(out, "abcd");
	pt_audit_encode(out, 7, "ab\ncd");
	assert_string_equal(out, "ab\\x0a");
}

static void test_audit__entries_are_read_by_client_since_and_limit(void **state)
{
	portal *p = *state;
	portal_audit_filter f = PORTAL_AUDIT_FILTER_INIT;
	struct last_entry l;
	portal_buf doc = PORTAL_BUF_INIT;

	/* After the fixtures' own entries (the links their messages carry). */
	portal_set_now(p, TH_NOW + 30);
	check(p, pt_audit(p, "lookup", "miss", 0, "198.51.100.4", "invoice %s", "99\nX"),
		"logging a miss");
	portal_set_now(p, TH_NOW + 60);
	check(p, pt_audit(p, "lookup", "ok", fx.other_client, NULL, "invoice 10231"),
		"logging a match");

	memset(&l, 0, sizeof(l));
	f.since = TH_NOW + 30;
	check(p, portal_audit_foreach(p, &f, keep_last, &l), "reading since now");
	assert_int_equal(l.count, 2);
	assert_string_equal(l.source, "shop");
	f.limit = 1;
	f.since = 0;
	memset(&l, 0, sizeof(l));
	check(p, portal_audit_foreach(p, &f, keep_last, &l), "reading the newest");
	assert_int_equal(l.count, 1);
	assert_int_equal(l.e.client_id, fx.other_client);

	f = (portal_audit_filter)PORTAL_AUDIT_FILTER_INIT;
	f.since = TH_NOW;
	check(p, portal_audit_json(&doc, p, &f), "the log as JSON");
	assert_true(th_contains(&doc, "\"invoice 99\\\\x0aX\""));
	assert_true(th_contains(&doc, "\"198.51.100.4\""));
	portal_buf_dispose(&doc);

	f.limit = -1;
	assert_int_equal(portal_audit_foreach(p, &f, keep_last, &l), PORTAL_EINVAL);
}

/* ---------------------------------------------------------------------
 * Estimates.
 */

static void test_customer__approves_their_own_estimate_and_it_is_logged(void **state)
{
	portal *p = *state;
	portal_session s = th_session_for(fx.estimate_client, 0);
	portal_estimate *e = NULL;
	struct last_entry l;

	check(p, portal_customer_estimate_decide(p, &s, fx.estimate_number, fx.first_line,
		PORTAL_DECISION_APPROVED, "Customer Name"), "approving a line");
	check(p, portal_estimate_get(&e, p, fx.estimate), "reading the estimate");
	assert_int_equal(e->lines[0].decision, PORTAL_DECISION_APPROVED);
	portal_estimate_free(e);

	l = last_entry(p, fx.estimate_client);
	assert_string_equal(l.event, "estimate.approve");
	assert_string_equal(l.outcome, "ok");
	assert_string_equal(l.source, "203.0.113.9");
	assert_non_null(strstr(l.detail, fx.estimate_number));
}

static void test_customer__the_shop_deciding_is_logged_as_the_shop(void **state)
{
	portal *p = *state;
	struct last_entry l;

	check(p, portal_estimate_decide(p, fx.estimate, 0, PORTAL_DECISION_DECLINED,
		"Customer Name"), "declining by phone");
	l = last_entry(p, fx.estimate_client);
	assert_string_equal(l.event, "estimate.decline");
	assert_string_equal(l.source, "shop");
}

/* Another client's estimate, by any typed form of its number, answers
 * exactly as an estimate that does not exist. */
static void test_customer__another_clients_estimate_is_not_found(void **state)
{
	portal *p = *state;
	portal_session s = th_session_for(fx.other_client, 0);
	char unknown_msg[256], typed[64];

	TH_CHECK_REFUSED(p, "unknown estimate", portal_customer_estimate_decide(p, &s, "E99999",
		0, PORTAL_DECISION_APPROVED, "Somebody Else"), PORTAL_ENOTFOUND, NULL);
	snprintf(unknown_msg, sizeof(unknown_msg), "%s", portal_errmsg(p));
	assert_string_equal(unknown_msg, "no estimate E99999");

	snprintf(typed, sizeof(typed), "#%s", fx.estimate_number + 1);
	TH_CHECK_REFUSED(p, "another client's estimate", portal_customer_estimate_decide(p, &s,
		typed, 0, PORTAL_DECISION_APPROVED, "Somebody Else"), PORTAL_ENOTFOUND, NULL);
	snprintf(unknown_msg, sizeof(unknown_msg), "no estimate %s", typed);
	assert_string_equal(portal_errmsg(p), unknown_msg);
}

static void test_customer__hidden_estimates_and_other_jobs_are_refused(void **state)
{
	portal *p = *state;
	portal_session s = th_session_for(fx.estimate_client, 0);
	portal_session scoped = th_session_for(fx.estimate_client, fx.estimate_job + 100000);

	check(p, portal_client_set_sections(p, fx.estimate_client,
		PORTAL_SECTIONS_ALL & ~PORTAL_SECTION_ESTIMATES), "hiding estimates");
	TH_CHECK_REFUSED(p, "hidden section", portal_customer_estimate_decide(p, &s,
		fx.estimate_number, 0, PORTAL_DECISION_APPROVED, "Customer Name"),
		PORTAL_EDENIED, NULL);
	check(p, portal_client_set_sections(p, fx.estimate_client, PORTAL_SECTIONS_ALL),
		"showing estimates");
	TH_CHECK_REFUSED(p, "outside the session's job", portal_customer_estimate_decide(p,
		&scoped, fx.estimate_number, 0, PORTAL_DECISION_APPROVED, "Customer Name"),
		PORTAL_ENOTFOUND, NULL);
	TH_CHECK_REFUSED(p, "no session", portal_customer_estimate_decide(p, NULL,
		fx.estimate_number, 0, PORTAL_DECISION_APPROVED, "Customer Name"),
		PORTAL_EINVAL, "session");
}

/* ---------------------------------------------------------------------
 * Appointments.
 */

static void test_customer__cancels_their_visit_after_seeing_the_fee(void **state)
{
	portal *p = *state;
	portal_session s = th_session_for(fx.visit_client, fx.visit_job);
	portal_cancellation quote, done;
	portal_appointment *a = NULL;
	struct last_entry l;

	check(p, portal_customer_appointment_cancel_quote(&quote, p, &s, fx.visit), "the quote");
	check(p, portal_customer_appointment_cancel(&done, p, &s, fx.visit), "cancelling");
	assert_int_equal(done.fee, quote.fee);
	assert_int_equal(done.late, quote.late);
	check(p, portal_appointment_get(&a, p, fx.visit), "reading the visit");
	assert_int_equal(a->status, PORTAL_APPT_CANCELLED);
	portal_appointment_free(a);

	l = last_entry(p, fx.visit_client);
	assert_string_equal(l.event, "appointment.cancel");
	assert_string_equal(l.source, "203.0.113.9");
}

static void test_customer__another_clients_visit_is_not_found(void **state)
{
	portal *p = *state;
	portal_session s = th_session_for(fx.other_client, 0);
	portal_cancellation q;
	char msg[128];

	TH_CHECK_REFUSED(p, "another client's visit", portal_customer_appointment_cancel(NULL, p,
		&s, fx.visit), PORTAL_ENOTFOUND, NULL);
	snprintf(msg, sizeof(msg), "no appointment #%lld", (long long)fx.visit);
	assert_string_equal(portal_errmsg(p), msg);
	assert_int_equal(portal_customer_appointment_cancel_quote(&q, p, &s, 999999),
		PORTAL_ENOTFOUND);
	assert_string_equal(portal_errmsg(p), "no appointment #999999");
}

static void test_customer__calendar_file_only_for_their_own_visit(void **state)
{
	portal *p = *state;
	portal_session own = th_session_for(fx.visit_client, 0);
	portal_session other = th_session_for(fx.other_client, 0);
	portal_session elsewhere = th_session_for(fx.visit_client, fx.visit_job + 100000);
	portal_buf ics = PORTAL_BUF_INIT, missing = PORTAL_BUF_INIT;
	char want[64];

	check(p, portal_customer_appointment_ics(&ics, p, &own, fx.visit), "the calendar file");
	assert_non_null(strstr(ics.ptr, "BEGIN:VCALENDAR"));
	assert_non_null(strstr(ics.ptr, "BEGIN:VEVENT"));
	portal_buf_dispose(&ics);

	/* Another client's visit, one outside the link's job and one that
	 * does not exist answer alike, and leave the buffer empty. */
	TH_CHECK_REFUSED(p, "another client's visit", portal_customer_appointment_ics(&ics, p,
		&other, fx.visit), PORTAL_ENOTFOUND, NULL);
	snprintf(want, sizeof(want), "no appointment #%lld", (long long)fx.visit);
	assert_string_equal(portal_errmsg(p), want);
	TH_CHECK_REFUSED(p, "outside the job", portal_customer_appointment_ics(&ics, p,
		&elsewhere, fx.visit), PORTAL_ENOTFOUND, NULL);
	assert_int_equal(portal_customer_appointment_ics(&missing, p, &own, 999999),
		PORTAL_ENOTFOUND);
	assert_null(ics.ptr);
	assert_null(missing.ptr);

	/* Hidden appointments refuse. */
	check(p, portal_client_set_sections(p, fx.visit_client,
		PORTAL_SECTIONS_ALL & ~PORTAL_SECTION_APPOINTMENTS), "hiding appointments");
	TH_CHECK_REFUSED(p, "hidden section", portal_customer_appointment_ics(&ics, p, &own,
		fx.visit), PORTAL_EDENIED, NULL);
	assert_null(ics.ptr);
}

/* ---------------------------------------------------------------------
 * What the customer reads when a form is refused.
 */

/* The refusal just met reads `want` for the customer, and the shop's
 * message is still its own. */
static void check_said(portal *p, const char *what, const char *want)
{
	const char *said = portal_errmsg_customer(p);

	if (strcmp(said, want) != 0)
		fail_msg("%s: the customer reads \"%s\", not \"%s\" (shop: %s)", what, said, want,
			portal_errmsg(p));
	assert_string_not_equal(portal_errmsg(p), said);
}

static portal_visit_request visit_request(const char *problem, portal_time start,
	portal_time end)
{
	portal_visit_request v = PORTAL_VISIT_REQUEST_INIT;

	v.problem = problem;
	v.window_count = start != 0;
	v.windows[0].start = start;
	v.windows[0].end = end;
	return v;
}

static void test_customer__every_refusal_reads_as_a_sentence_for_them(void **state)
{
	portal *p = *state;
	portal_session s = th_session_for(fx.estimate_client, 0);
	portal_profile_change nothing = PORTAL_PROFILE_CHANGE_INIT, email = nothing;
	portal_time day = 86400;
	struct {
		const char *what;
		portal_visit_request v;
		const char *want;
	} visits[] = {
		{ "no problem", visit_request(" ", TH_NOW + day, TH_NOW + day + 3600),
		  "Please fill in the description of the problem." },
		{ "in the past", visit_request("Leaks", TH_NOW - 3600, TH_NOW),
		  "Preferred time 1 starts in the past; choose a later one." },
		{ "backwards", visit_request("Leaks", TH_NOW + day, TH_NOW + day - 60),
		  "Preferred time 1 must end after it starts." },
		{ "too long", visit_request("Leaks", TH_NOW + day, TH_NOW + day + 13 * 3600),
		  "Preferred time 1 is longer than 12 hours; choose a shorter one." },
		{ "no window", visit_request("Leaks", 0, 0),
		  "Give at least one preferred time for the visit, and at most 3." },
	};
	char long_text[PORTAL_CHAT_MAX + 2];

	TH_CHECK_REFUSED(p, "empty chat", portal_customer_chat_post(NULL, p, &s, "  \n "),
		PORTAL_EINVAL, "chat.text");
	check_said(p, "empty chat", "Your message is empty; write something before sending it.");
	memset(long_text, 'x', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	TH_CHECK_REFUSED(p, "long chat", portal_customer_chat_post(NULL, p, &s, long_text),
		PORTAL_EINVAL, "chat.text");
	check_said(p, "long chat",
		"Your message is 2001 characters long; a message can have 2000 at most.");
	TH_CHECK_REFUSED(p, "bad bytes", portal_customer_chat_post(NULL, p, &s, "caf\xe9"),
		PORTAL_EINVAL, "chat.text");
	check_said(p, "bad bytes",
		"Your message has characters that cannot be read; please type it again.");

	TH_CHECK_REFUSED(p, "short name", portal_customer_estimate_decide(p, &s,
		fx.estimate_number, 0, PORTAL_DECISION_APPROVED, "A"), PORTAL_EINVAL,
		"estimate.name");
	check_said(p, "short name", "Your name must be 2 to 100 characters long; it has 1.");
	TH_CHECK_REFUSED(p, "no name", portal_customer_estimate_decide(p, &s,
		fx.estimate_number, 0, PORTAL_DECISION_APPROVED, ""), PORTAL_EINVAL,
		"estimate.name");
	check_said(p, "no name", "Please fill in your name.");

	TH_CHECK_REFUSED(p, "nothing to change", portal_customer_request_profile(NULL, p, &s,
		&nothing), PORTAL_EINVAL, "change");
	check_said(p, "nothing to change",
		"Fill in what you want to change before sending the request.");
	email.email = "bob@";
	TH_CHECK_REFUSED(p, "bad email", portal_customer_request_profile(NULL, p, &s, &email),
		PORTAL_EINVAL, "client.email");
	check_said(p, "bad email", "'bob@' is not an email address.");

	for (size_t i = 0; i < sizeof(visits) / sizeof(visits[0]); i++) {
		TH_CHECK_REFUSED(p, visits[i].what, portal_customer_request_appointment(NULL, p, &s,
			&visits[i].v), PORTAL_EINVAL, TH_FIELD_ANY);
		check_said(p, visits[i].what, visits[i].want);
	}

	check(p, portal_client_set_sections(p, fx.estimate_client,
		PORTAL_SECTIONS_ALL & ~PORTAL_SECTION_CHAT), "hiding the chat");
	TH_CHECK_REFUSED(p, "hidden chat", portal_customer_chat_post(NULL, p, &s, "Hello"),
		PORTAL_EDENIED, NULL);
	check_said(p, "hidden chat",
		"The shop does not offer chat in this portal; please call the shop.");
}

static void test_customer__a_visit_cancelled_twice_says_so_in_words(void **state)
{
	portal *p = *state;
	portal_session s = th_session_for(fx.visit_client, 0);
	char want[128];

	check(p, portal_customer_appointment_cancel(NULL, p, &s, fx.visit), "cancelling");
	TH_CHECK_REFUSED(p, "cancelled twice", portal_customer_appointment_cancel(NULL, p, &s,
		fx.visit), PORTAL_ERULE, NULL);
	snprintf(want, sizeof(want), "Visit #%lld was cancelled and can no longer change.",
		(long long)fx.visit);
	check_said(p, "cancelled twice", want);
}

static void test_customer__an_expired_estimate_says_when_in_words(void **state)
{
	portal *p = *state;
	portal_session s = th_session_for(fx.estimate_client, 0);
	const char *said;
	char start[64];

	portal_set_now(p, TH_NOW + 30 * 86400);
	TH_CHECK_REFUSED(p, "expired", portal_customer_estimate_decide(p, &s,
		fx.estimate_number, 0, PORTAL_DECISION_APPROVED, "Customer Name"),
		PORTAL_ERULE, NULL);
	said = portal_errmsg_customer(p);
	snprintf(start, sizeof(start), "Estimate %s expired at the end of Sat 28 Nov and",
		fx.estimate_number);
	assert_memory_equal(said, start, strlen(start));
	assert_non_null(strstr(said, " and can no longer be approved; you can ask the shop for"
		" a new one."));
}

/* A failure of the shop's own machinery is not the customer's to read. */
static void test_customer__a_failure_of_ours_reads_the_same_to_everyone(void **state)
{
	(void)state;
	assert_string_equal(portal_errmsg_customer(NULL),
		"Something went wrong on our side; please try again later.");
}

/* An expired estimate's lines say it expired; the customer may ask once for
 * a new one, which the shop lists and answers. */
static void test_customer__asks_for_a_new_estimate_once_it_expired(void **state)
{
	portal *p = *state;
	portal_session s = th_session_for(fx.estimate_client, 0);
	portal_request_filter open = PORTAL_REQUEST_FILTER_INIT;
	portal_request *r = NULL;
	portal_buf doc = PORTAL_BUF_INIT, list = PORTAL_BUF_INIT;
	portal_id id = 0;
	char want[160];

	TH_CHECK_REFUSED(p, "not expired", portal_customer_request_estimate(NULL, p, &s,
		fx.estimate_number), PORTAL_ERULE, NULL);
	snprintf(want, sizeof(want), "Estimate %s has not expired: you can still approve or"
		" decline it.", fx.estimate_number);
	check_said(p, "not expired", want);

	portal_set_now(p, TH_NOW + 30 * 86400);
	check(p, portal_view(&doc, p, &s, "estimate", fx.estimate_number), "the estimate's view");
	assert_true(th_contains(&doc, "\"decision_label\":\t\"Expired at the end of Sat 28 Nov\""));
	assert_false(th_contains(&doc, "Waiting for your decision"));
	assert_true(th_contains(&doc, "\"can_ask_new\":\ttrue"));
	portal_buf_dispose(&doc);

	check(p, portal_customer_request_estimate(&id, p, &s, fx.estimate_number), "asking");
	check(p, portal_request_get(&r, p, id), "reading the request");
	assert_int_equal(r->kind, PORTAL_REQUEST_ESTIMATE);
	assert_int_equal(r->client_id, fx.estimate_client);
	assert_int_equal(r->job_id, fx.estimate_job);
	snprintf(want, sizeof(want), "a new estimate in place of expired %s", fx.estimate_number);
	assert_string_equal(r->summary, want);
	portal_request_free(r);
	check(p, portal_request_list_json(&list, p, &open), "the shop's list");
	assert_true(th_contains(&list, "\"kind\":\t\"estimate\""));
	portal_buf_dispose(&list);

	TH_CHECK_REFUSED(p, "asked twice", portal_customer_request_estimate(NULL, p, &s,
		fx.estimate_number), PORTAL_ERULE, NULL);
	snprintf(want, sizeof(want), "You have asked for a new estimate in place of %s already;"
		" the shop will answer soon.", fx.estimate_number);
	check_said(p, "asked twice", want);
	check(p, portal_view(&doc, p, &s, "estimate", fx.estimate_number), "the view again");
	assert_true(th_contains(&doc, "\"new_estimate_asked\":\ttrue"));
	assert_true(th_contains(&doc, "\"can_ask_new\":\tfalse"));
	portal_buf_dispose(&doc);

	assert_int_equal(portal_request_approve(p, id, 1), PORTAL_EINVAL);
	check(p, portal_request_approve(p, id, 0), "the shop approves");
	check(p, portal_customer_request_estimate(NULL, p, &s, fx.estimate_number),
		"asking again once answered");
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_audit__text_from_outside_stays_on_one_line),
		T(test_audit__entries_are_read_by_client_since_and_limit),
		T(test_customer__approves_their_own_estimate_and_it_is_logged),
		T(test_customer__the_shop_deciding_is_logged_as_the_shop),
		T(test_customer__another_clients_estimate_is_not_found),
		T(test_customer__hidden_estimates_and_other_jobs_are_refused),
		T(test_customer__cancels_their_visit_after_seeing_the_fee),
		T(test_customer__another_clients_visit_is_not_found),
		T(test_customer__calendar_file_only_for_their_own_visit),
		T(test_customer__every_refusal_reads_as_a_sentence_for_them),
		T(test_customer__a_visit_cancelled_twice_says_so_in_words),
		T(test_customer__an_expired_estimate_says_when_in_words),
		T(test_customer__a_failure_of_ours_reads_the_same_to_everyone),
		T(test_customer__asks_for_a_new_estimate_once_it_expired),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
