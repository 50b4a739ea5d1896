/* SPDX-License-Identifier: MIT */
/*
 * test_view_messages.c - unit tests for the customer's notifications and
 * chat views (view_messages.c), through portal_preview().
 *
 * The clock is at TH_NOW, Sunday 2026-11-22 10:00 in Toronto. Ann has a
 * job with an estimate, an invoice and its payment, and a visit; each of
 * these told her by a notification. Bob has the same. Both chat with the
 * shop.
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

#define HOUR ((portal_time)3600)
#define DAY (24 * HOUR)

static struct {
	portal_id ann, bob;
	portal_id ann_job, bob_job;
} fx;

static void check(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

/* A job with a sent estimate, an issued invoice paid in part and a visit:
 * every kind of record a notification is about. */
static portal_id busy_job(portal *p, portal_id client)
{
	portal_appointment_fields af = PORTAL_APPOINTMENT_FIELDS_INIT;
	portal_id job = th_add_job(p, client, 0, 0, "Washer leaks", TH_NOW - 10 * DAY);
	portal_id est, inv;

	check(p, portal_job_set_status(p, job, PORTAL_JOB_DIAGNOSED, NULL, TH_NOW - 9 * DAY),
		"status");
	est = th_add_estimate(p, client, job);
	th_add_estimate_line(p, est, PORTAL_LINE_LABOUR, NULL, 10000);
	th_send_estimate(p, est, TH_NOW - 5 * DAY);
	inv = th_add_invoice(p, client, job, NULL);
	th_add_invoice_line(p, inv, PORTAL_LINE_LABOUR, NULL, 10000, -1);
	th_issue_invoice(p, inv, TH_NOW - 2 * DAY, 0);
	th_add_payment(p, client, inv, 5000, PORTAL_PAY_CASH, TH_NOW - DAY);
	af.client_id = client;
	af.job_id = job;
	af.window_start = TH_NOW + DAY;
	af.window_end = TH_NOW + DAY + 4 * HOUR;
	th_add_visit(p, &af);
	return job;
}

static int setup(void **state)
{
	portal *p = th_open();

	memset(&fx, 0, sizeof(fx));
	fx.ann = th_add_client(p, "Ann Lee");
	fx.bob = th_add_client(p, "Bob Stone");
	fx.ann_job = busy_job(p, fx.ann);
	fx.bob_job = busy_job(p, fx.bob);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static cJSON *view(portal *p, portal_id client, portal_id job, const char *name)
{
	portal_buf b = PORTAL_BUF_INIT;
	cJSON *doc;
	int rc = portal_preview(&b, p, client, job, name, NULL);

	if (rc != PORTAL_OK)
		fail_msg("view %s: %d (%s)", name, rc, portal_errmsg(p));
	doc = cJSON_Parse(b.ptr);
	portal_buf_dispose(&b);
	assert_non_null(doc);
	return doc;
}

static const cJSON *item(const cJSON *o, const char *name)
{
	const cJSON *i = cJSON_GetObjectItemCaseSensitive(o, name);

	if (i == NULL)
		fail_msg("no %s", name);
	return i;
}

static double num(const cJSON *o, const char *name)
{
	const cJSON *i = item(o, name);

	if (!cJSON_IsNumber(i))
		fail_msg("%s is not a number", name);
	return i->valuedouble;
}

/* ---------------------------------------------------------------------
 * Notifications.
 */

/* The record each kind is about, so a page can link to it. */
static int is_kind(const cJSON *n, const char *kind)
{
	return strcmp(cJSON_GetStringValue(item(n, "kind")), kind) == 0;
}

/* Every notification names its record by a JSON number: the job of a
 * status change, the estimate, invoice, payment or visit. */
static void test_notification_subject_is_a_number(void **state)
{
	portal *p = *state;
	cJSON *d = view(p, fx.ann, 0, "notifications");
	const cJSON *n;
	int kinds = 0, jobs = 0;

	cJSON_ArrayForEach(n, item(d, "notifications")) {
		const cJSON *subject = item(n, "subject_id");
		if (!cJSON_IsNumber(subject) || subject->valuedouble < 1 ||
		    subject->valuedouble != (double)(portal_id)subject->valuedouble)
			fail_msg("%s: subject_id is not a record's id",
				cJSON_GetStringValue(item(n, "kind")));
		if (is_kind(n, "job.status")) {
			assert_int_equal((portal_id)num(n, "subject_id"), fx.ann_job);
			jobs++;
		}
		kinds |= is_kind(n, "estimate.sent") << 0 | is_kind(n, "invoice.issued") << 1 |
			is_kind(n, "payment.recorded") << 2 | is_kind(n, "appointment.booked") << 3;
	}
	assert_int_equal(kinds, 0xf);
	assert_true(jobs >= 1);
	cJSON_Delete(d);
}

/* Another client's notifications never appear, not even by number. */
static void test_notifications_are_the_clients_own(void **state)
{
	portal *p = *state;
	cJSON *ann = view(p, fx.ann, 0, "notifications");
	cJSON *bob = view(p, fx.bob, 0, "notifications");
	const cJSON *a, *b;

	assert_true(cJSON_GetArraySize(item(ann, "notifications")) >= 5);
	cJSON_ArrayForEach(a, item(ann, "notifications"))
		cJSON_ArrayForEach(b, item(bob, "notifications"))
			assert_int_not_equal((portal_id)num(a, "id"), (portal_id)num(b, "id"));
	assert_int_equal(num(ann, "unread"), cJSON_GetArraySize(item(ann, "notifications")));
	cJSON_Delete(ann);
	cJSON_Delete(bob);
}

/* ---------------------------------------------------------------------
 * Chat.
 */

/* What is new to the client: the shop's messages not marked read, each
 * marked "unread", the oldest of them named; their own never. */
static void test_chat_says_what_is_unread(void **state)
{
	portal *p = *state;
	portal_session ann = th_session_for(fx.ann, 0), bob = th_session_for(fx.bob, 0);
	portal_id asked = 0, first = 0, second = 0, bob_asked = 0;
	const cJSON *m;
	cJSON *d;

	check(p, portal_customer_chat_post(&asked, p, &ann, "Is the part in?"), "post");
	check(p, portal_customer_chat_post(&bob_asked, p, &bob, "Bob here"), "Bob's post");
	check(p, portal_chat_reply(&first, p, fx.ann, "Tomorrow."), "reply");
	check(p, portal_chat_reply(&second, p, fx.ann, "Morning, before noon."), "reply");
	check(p, portal_chat_reply(NULL, p, fx.bob, "Hello Bob"), "reply to Bob");

	d = view(p, fx.ann, 0, "chat");
	assert_int_equal(cJSON_GetArraySize(item(d, "messages")), 3);
	assert_int_equal(num(d, "unread"), 2);
	assert_int_equal((portal_id)num(d, "first_unread_id"), first);
	assert_int_equal((portal_id)num(d, "last_id"), second);
	cJSON_ArrayForEach(m, item(d, "messages")) {
		portal_id id = (portal_id)num(m, "id");
		assert_true(id == asked || id == first || id == second);
		assert_true(cJSON_IsBool(item(m, "unread")));
		assert_int_equal(cJSON_IsTrue(item(m, "unread")), id != asked);
	}
	cJSON_Delete(d);

	/* Read up to the first reply: the second stays new. */
	check(p, portal_customer_chat_mark_read(p, &ann, first), "read");
	d = view(p, fx.ann, 0, "chat");
	assert_int_equal(num(d, "unread"), 1);
	assert_int_equal((portal_id)num(d, "first_unread_id"), second);
	assert_true(cJSON_IsFalse(item(cJSON_GetArrayItem(item(d, "messages"), 1), "unread")));
	assert_true(cJSON_IsTrue(item(cJSON_GetArrayItem(item(d, "messages"), 2), "unread")));
	cJSON_Delete(d);

	/* All read: nothing new. */
	check(p, portal_customer_chat_mark_read(p, &ann, 0), "read all");
	d = view(p, fx.ann, 0, "chat");
	assert_int_equal(num(d, "unread"), 0);
	assert_true(cJSON_IsNull(item(d, "first_unread_id")));
	cJSON_ArrayForEach(m, item(d, "messages"))
		assert_true(cJSON_IsFalse(item(m, "unread")));
	cJSON_Delete(d);

	/* Bob's conversation is his: his message and the reply to him. */
	d = view(p, fx.bob, 0, "chat");
	assert_int_equal(cJSON_GetArraySize(item(d, "messages")), 2);
	assert_int_equal((portal_id)num(cJSON_GetArrayItem(item(d, "messages"), 0), "id"), bob_asked);
	assert_int_equal(num(d, "unread"), 1);
	cJSON_Delete(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_notification_subject_is_a_number, setup, teardown),
		cmocka_unit_test_setup_teardown(test_notifications_are_the_clients_own, setup, teardown),
		cmocka_unit_test_setup_teardown(test_chat_says_what_is_unread, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
