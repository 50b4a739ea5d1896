/* SPDX-License-Identifier: MIT */
/*
 * test_request.c - requests (request.c, customer.c): checked when asked,
 * applied in one transaction when approved (a failing part leaves
 * nothing), a new email ends the client's other sessions, a confirmed
 * window books the visit, a warranty callback needs a running warranty,
 * and one client never reaches another's records.
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
#include "store_chat.h"

#define DAY 86400

static void check(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

/* A session of `client` as th_session_for() builds it, numbered
 * `session_id`: the tests that end sessions name the rows they add. A
 * session is never numbered 0, the number of the shop's preview, which
 * every action of the customer refuses. */
static portal_session session_for(portal_id client, portal_id session_id)
{
	portal_session s = th_session_for(client, 0);

	s.id = session_id;
	return s;
}

/* A home with a postal code, which the profile changes below rewrite. */
static portal_id add_home(portal *p, portal_id client)
{
	portal_address_fields f = PORTAL_ADDRESS_FIELDS_INIT;

	f.house_number = "120";
	f.street = "King St W";
	f.city = "Toronto";
	f.region = "ON";
	f.postal_code = "M5V 2T6";
	return th_add_address_fields(p, client, &f);
}

/* A session row of `client`, as the access module writes them, its
 * hashes made of its id so that each is its own. */
static void add_session(portal_id id, portal_id client)
{
	unsigned char id_hash[32], csrf_hash[32];

	memset(id_hash, (int)(id & 0x7f), sizeof(id_hash));
	memset(csrf_hash, (int)(id & 0x7f) | 0x80, sizeof(csrf_hash));
	th_sql_bind("INSERT INTO sessions (id, client_id, id_hash, csrf_hash, created_at,"
		" last_seen_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)", "iibbi", id, client,
		(const void *)id_hash, sizeof(id_hash), (const void *)csrf_hash, sizeof(csrf_hash),
		(int64_t)TH_NOW);
}

/* The session's end reason, "" while open. */
static void session_end(char *out, size_t len, portal_id id)
{
	char *reason = th_sql_text("SELECT CASE WHEN coalesce(ended_at, 0) = 0 THEN ''"
		" ELSE end_reason END FROM sessions WHERE id = ?1", id);

	assert_non_null(reason);
	snprintf(out, len, "%s", reason);
	free(reason);
}

static portal_visit_request two_windows(const char *problem)
{
	portal_visit_request v = PORTAL_VISIT_REQUEST_INIT;

	v.problem = problem;
	v.window_count = 2;
	v.windows[0].start = TH_NOW + 2 * DAY;
	v.windows[0].end = TH_NOW + 2 * DAY + 2 * 3600;
	v.windows[1].start = TH_NOW + 3 * DAY;
	v.windows[1].end = TH_NOW + 3 * DAY + 4 * 3600;
	return v;
}

static int setup(void **state)
{
	*state = th_open();
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static void test_request__profile_change_is_checked_when_asked(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_id bob = th_add_client(p, "Bob Client");
	portal_id bobs = add_home(p, bob);
	portal_session s = session_for(ada, 1);
	portal_profile_change c = PORTAL_PROFILE_CHANGE_INIT;
	portal_address_fields a = PORTAL_ADDRESS_FIELDS_INIT;

	TH_CHECK_REFUSED(p, "nothing", portal_customer_request_profile(NULL, p, &s, &c),
		PORTAL_EINVAL, "change");
	c.email = "not an email";
	TH_CHECK_REFUSED(p, "bad email", portal_customer_request_profile(NULL, p, &s, &c),
		PORTAL_EINVAL, "client.email");
	c.email = NULL;
	c.phone = "12";
	TH_CHECK_REFUSED(p, "bad phone", portal_customer_request_profile(NULL, p, &s, &c),
		PORTAL_EINVAL, "client.phone");
	c.phone = NULL;
	c.name = "";
	TH_CHECK_REFUSED(p, "empty name", portal_customer_request_profile(NULL, p, &s, &c),
		PORTAL_EINVAL, "client.name");
	c.name = NULL;
	a.house_number = "12";
	a.street = "Main St";
	a.city = "Toronto";
	a.postal_code = "12345";
	c.address = &a;
	TH_CHECK_REFUSED(p, "bad postal code", portal_customer_request_profile(NULL, p, &s, &c),
		PORTAL_EINVAL, "address.postal_code");
	a.postal_code = "M4C 1B5";
	c.address_id = bobs;
	TH_CHECK_REFUSED(p, "another client's address",
		portal_customer_request_profile(NULL, p, &s, &c), PORTAL_EINVAL, "address_id");
}

static void test_request__approving_a_profile_change_applies_it(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_id home = add_home(p, ada);
	portal_session s = session_for(ada, 1);
	portal_profile_change c = PORTAL_PROFILE_CHANGE_INIT;
	portal_address_fields a = PORTAL_ADDRESS_FIELDS_INIT;
	portal_request *r = NULL;
	portal_client *cl = NULL;
	portal_address *ad = NULL;
	portal_buf doc = PORTAL_BUF_INIT;
	portal_id id;

	c.name = "Ada Lovelace";
	a.house_number = "122";
	a.street = "King St W";
	a.city = "Toronto";
	a.postal_code = "m5v2t6";
	c.address = &a;
	c.address_id = home;
	check(p, portal_customer_request_profile(&id, p, &s, &c), "asking");
	check(p, portal_request_get(&r, p, id), "reading");
	assert_int_equal(r->status, PORTAL_REQUEST_OPEN);
	assert_int_equal(r->kind, PORTAL_REQUEST_PROFILE);
	assert_non_null(strstr(r->summary, "new name: Ada Lovelace"));
	assert_non_null(strstr(r->summary, "122 King St W"));
	portal_request_free(r);

	TH_CHECK_REFUSED(p, "a window for a profile change", portal_request_approve(p, id, 1),
		PORTAL_EINVAL, "window");
	check(p, portal_request_approve(p, id, 0), "approving");
	check(p, portal_client_get(&cl, p, ada), "client");
	assert_string_equal(cl->name, "Ada Lovelace");
	portal_client_free(cl);
	check(p, portal_address_get(&ad, p, home), "address");
	assert_string_equal(ad->house_number, "122");
	assert_string_equal(ad->postal_code, "M5V 2T6");
	portal_address_free(ad);
	check(p, portal_request_json(&doc, p, id), "json");
	assert_true(th_contains(&doc, "\"status\":\t\"approved\""));
	assert_true(th_contains(&doc, "Approved: your name, address changed."));
	portal_buf_dispose(&doc);
	check(p, portal_notification_list_json(&doc, p, ada, 0, 1), "notification");
	assert_true(th_contains(&doc, "request.resolved"));
	portal_buf_dispose(&doc);

	TH_CHECK_REFUSED(p, "approving twice", portal_request_approve(p, id, 0),
		PORTAL_ERULE, NULL);
	TH_CHECK_REFUSED(p, "rejecting an approved one", portal_request_reject(p, id, "no"),
		PORTAL_ERULE, NULL);
}

static void test_request__a_new_email_ends_the_other_sessions(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_id bob = th_add_client(p, "Bob Client");
	portal_session s = session_for(ada, 11);
	portal_profile_change c = PORTAL_PROFILE_CHANGE_INIT;
	portal_buf doc = PORTAL_BUF_INIT;
	char reason[32];
	portal_id id;

	add_session(11, ada);
	add_session(12, ada);
	add_session(13, bob);
	c.email = "Ada@Example.COM";
	check(p, portal_customer_request_profile(&id, p, &s, &c), "asking");
	session_end(reason, sizeof(reason), 12);
	assert_string_equal(reason, "");
	check(p, portal_request_approve(p, id, 0), "approving");
	session_end(reason, sizeof(reason), 11);
	assert_string_equal(reason, "");
	session_end(reason, sizeof(reason), 12);
	assert_string_equal(reason, "contact_changed");
	session_end(reason, sizeof(reason), 13);
	assert_string_equal(reason, "");
	check(p, portal_audit_json(&doc, p, NULL), "audit");
	assert_true(th_contains(&doc, "\"outcome\":\t\"contact_changed\""));
	assert_true(th_contains(&doc, "\"session #12\""));
	assert_false(th_contains(&doc, "\"session #11\""));
	assert_false(th_contains(&doc, "\"session #13\""));
	portal_buf_dispose(&doc);
}

static void test_request__a_failing_part_leaves_nothing(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_request r;
	portal_id id;

	add_session(21, ada);
	add_session(22, ada);
	/* Asked under rules that no longer hold: the name and email would
	 * apply, the address fails after them. */
	memset(&r, 0, sizeof(r));
	r.client_id = ada;
	r.kind = PORTAL_REQUEST_PROFILE;
	r.created_at = TH_NOW;
	r.content = "{\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"session_id\":21,"
		"\"address\":{\"house_number\":\"12\",\"unit\":\"\",\"street\":\"Main St\","
		"\"city\":\"Toronto\",\"region\":\"\",\"postal_code\":\"99999\",\"country\":\"CA\"}}";
	check(p, pt_store_request_insert(&id, p, &r), "writing the request");
	TH_CHECK_REFUSED(p, "approving", portal_request_approve(p, id, 0), PORTAL_EINVAL,
		"address.postal_code");
}

static void test_request__confirming_a_window_books_the_visit(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_session s = session_for(ada, 1);
	portal_visit_request v = two_windows("The oven clicks but will not light");
	portal_appointment *a = NULL;
	portal_request *r = NULL;
	portal_id id;

	add_home(p, ada);
	check(p, portal_customer_request_appointment(&id, p, &s, &v), "asking");
	TH_CHECK_REFUSED(p, "no window", portal_request_approve(p, id, 0), PORTAL_EINVAL,
		"window");
	TH_CHECK_REFUSED(p, "window 3 of 2", portal_request_approve(p, id, 3), PORTAL_EINVAL,
		"window");
	check(p, portal_request_approve(p, id, 2), "confirming window 2");
	check(p, portal_request_get(&r, p, id), "reading");
	assert_int_equal(r->status, PORTAL_REQUEST_APPROVED);
	assert_true(r->appointment_id > 0);
	/* Its windows, and the one confirmed, as the customer reads them. */
	assert_non_null(strstr(r->summary, "| windows: 1) Tue 24 Nov, 10:00 am\xe2\x80\x93"
		"12:00 pm; 2) Wed 25 Nov, 10:00 am\xe2\x80\x93" "2:00 pm"));
	assert_non_null(strstr(r->resolution, "Confirmed: a visit Wed 25 Nov, 10:00 am"
		"\xe2\x80\x93" "2:00 pm (appointment #"));
	check(p, portal_appointment_get(&a, p, r->appointment_id), "the visit");
	assert_int_equal(a->client_id, ada);
	assert_int_equal(a->window_start, v.windows[1].start);
	assert_int_equal(a->window_end, v.windows[1].end);
	assert_string_equal(a->notes, "The oven clicks but will not light");
	portal_appointment_free(a);
	portal_request_free(r);
}

static void test_request__windows_are_checked_and_a_passed_one_refused(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_session s = session_for(ada, 1);
	portal_visit_request v = two_windows("Noise");
	portal_id id;

	v.window_count = 0;
	TH_CHECK_REFUSED(p, "no window", portal_customer_request_appointment(NULL, p, &s, &v),
		PORTAL_EINVAL, "request.windows");
	v.window_count = 4;
	TH_CHECK_REFUSED(p, "four", portal_customer_request_appointment(NULL, p, &s, &v),
		PORTAL_EINVAL, "request.windows");
	v = two_windows("Noise");
	v.windows[1].end = v.windows[1].start;
	TH_CHECK_REFUSED(p, "ends at its start", portal_customer_request_appointment(NULL, p,
		&s, &v), PORTAL_EINVAL, "request.window_end");
	v = two_windows("Noise");
	v.windows[0].start = TH_NOW - 3600;
	TH_CHECK_REFUSED(p, "in the past", portal_customer_request_appointment(NULL, p, &s, &v),
		PORTAL_EINVAL, "request.window_start");
	v = two_windows("");
	TH_CHECK_REFUSED(p, "no problem", portal_customer_request_appointment(NULL, p, &s, &v),
		PORTAL_EINVAL, "request.problem");

	v = two_windows("Noise");
	check(p, portal_customer_request_appointment(&id, p, &s, &v), "asking");
	portal_set_now(p, v.windows[0].start + 60);
	TH_CHECK_REFUSED(p, "window 1 has started", portal_request_approve(p, id, 1),
		PORTAL_ERULE, NULL);
	check(p, portal_request_approve(p, id, 2), "window 2 still can");
}

static void test_request__rejecting_needs_a_reason_the_client_reads(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_session s = session_for(ada, 1);
	portal_visit_request v = two_windows("Noise");
	portal_buf doc = PORTAL_BUF_INIT;
	portal_id id;

	check(p, portal_customer_request_appointment(&id, p, &s, &v), "asking");
	TH_CHECK_REFUSED(p, "no reason", portal_request_reject(p, id, " "), PORTAL_EINVAL,
		"reason");
	check(p, portal_request_reject(p, id, "We are booked that week"), "rejecting");
	check(p, portal_preview(&doc, p, ada, 0, "notifications", NULL), "view");
	assert_true(th_contains(&doc, "Your visit request was declined: We are booked that week"));
	portal_buf_dispose(&doc);
	TH_CHECK_REFUSED(p, "rejecting twice", portal_request_reject(p, id, "again"),
		PORTAL_ERULE, NULL);
}

static portal_id repaired_job(portal *p, portal_id client, portal_time repaired_at)
{
	portal_id id = th_add_job(p, client, 0, 0, "Dishwasher does not drain",
		repaired_at - 2 * DAY);

	check(p, portal_job_set_status(p, id, PORTAL_JOB_REPAIRED, NULL, repaired_at), "repaired");
	return id;
}

static void test_request__warranty_callback_needs_a_running_warranty(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_id bob = th_add_client(p, "Bob Client");
	portal_session s = session_for(ada, 1);
	portal_visit_request v = two_windows("It stopped draining again");
	portal_id recent = repaired_job(p, ada, TH_NOW - 10 * DAY);
	portal_id old = repaired_job(p, ada, TH_NOW - 150 * DAY);
	portal_id bobs = repaired_job(p, bob, TH_NOW - 10 * DAY);
	portal_request *r = NULL;
	portal_appointment *a = NULL;
	portal_id id;

	TH_CHECK_REFUSED(p, "expired", portal_customer_request_warranty_callback(NULL, p, &s,
		old, &v), PORTAL_ERULE, NULL);
	assert_non_null(strstr(portal_errmsg(p), "labour was covered until Wed 23 Sep"));
	TH_CHECK_REFUSED(p, "another client's job", portal_customer_request_warranty_callback(
		NULL, p, &s, bobs, &v), PORTAL_ENOTFOUND, NULL);

	check(p, portal_customer_request_warranty_callback(&id, p, &s, recent, &v), "asking");
	check(p, portal_request_get(&r, p, id), "reading");
	assert_int_equal(r->kind, PORTAL_REQUEST_WARRANTY_CALLBACK);
	assert_int_equal(r->job_id, recent);
	check(p, portal_request_approve(p, id, 1), "confirming");
	portal_request_free(r);
	check(p, portal_request_get(&r, p, id), "reading again");
	check(p, portal_appointment_get(&a, p, r->appointment_id), "the visit");
	assert_int_equal(a->job_id, recent);
	assert_non_null(strstr(r->resolution, "a warranty visit"));
	portal_appointment_free(a);
	portal_request_free(r);
}

static int count_request(const portal_request *r, void *ctx)
{
	(void)r;
	++*(int *)ctx;
	return 0;
}

static void test_request__lists_by_client_and_status(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_id bob = th_add_client(p, "Bob Client");
	portal_session sa = session_for(ada, 1), sb = session_for(bob, 2);
	portal_visit_request v = two_windows("Noise");
	portal_request_filter f = PORTAL_REQUEST_FILTER_INIT;
	portal_id first;
	int n = 0;

	check(p, portal_customer_request_appointment(&first, p, &sa, &v), "ada");
	check(p, portal_customer_request_appointment(NULL, p, &sb, &v), "bob");
	check(p, portal_request_reject(p, first, "No"), "reject");
	check(p, portal_request_foreach(p, NULL, count_request, &n), "open");
	assert_int_equal(n, 1);
	n = 0;
	f.open_only = 0;
	check(p, portal_request_foreach(p, &f, count_request, &n), "all");
	assert_int_equal(n, 2);
	n = 0;
	f.client_id = ada;
	check(p, portal_request_foreach(p, &f, count_request, &n), "ada's");
	assert_int_equal(n, 1);
	/* A hidden appointments section refuses visit requests. */
	check(p, portal_client_set_sections(p, ada, PORTAL_SECTION_CHAT), "hide");
	TH_CHECK_REFUSED(p, "hidden", portal_customer_request_appointment(NULL, p, &sa, &v),
		PORTAL_EDENIED, NULL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_request__profile_change_is_checked_when_asked),
		T(test_request__approving_a_profile_change_applies_it),
		T(test_request__a_new_email_ends_the_other_sessions),
		T(test_request__a_failing_part_leaves_nothing),
		T(test_request__confirming_a_window_books_the_visit),
		T(test_request__windows_are_checked_and_a_passed_one_refused),
		T(test_request__rejecting_needs_a_reason_the_client_reads),
		T(test_request__warranty_callback_needs_a_running_warranty),
		T(test_request__lists_by_client_and_status),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
