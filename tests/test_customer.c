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
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
