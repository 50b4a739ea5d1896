/* SPDX-License-Identifier: MIT */
/*
 * test_notify.c - notifications (notify.c and the modules that write
 * them): each event that concerns a client leaves one sentence for them,
 * in the same transaction as the event; the client's view shows them,
 * limited to the job of a job-scoped link.
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

static void check(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

/* The newest notifications of a client, newest first. */
struct seen {
	int count;
	char kind[8][32];
	char text[8][400];
	portal_id subject[8];
};

static int keep(const portal_notification *n, void *ctx)
{
	struct seen *s = ctx;

	if (s->count < 8) {
		snprintf(s->kind[s->count], sizeof(s->kind[0]), "%s", n->kind);
		snprintf(s->text[s->count], sizeof(s->text[0]), "%s", n->text);
		s->subject[s->count] = n->subject_id;
	}
	s->count++;
	return 0;
}

static struct seen newest(portal *p, portal_id client, int limit)
{
	struct seen s;

	memset(&s, 0, sizeof(s));
	check(p, portal_notification_foreach(p, client, 0, limit, keep, &s), "notifications");
	return s;
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

static void test_notify__a_job_status_change_tells_the_client(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Ada Client");
	portal_id job = th_add_job(p, client, 0, 0, "Dryer does not heat", 0);
	struct seen s;
	int64_t unread;

	assert_int_equal(newest(p, client, 0).count, 0);
	check(p, portal_job_set_status(p, job, PORTAL_JOB_DIAGNOSED, NULL, 0), "diagnosed");
	s = newest(p, client, 0);
	assert_int_equal(s.count, 1);
	assert_string_equal(s.kind[0], "job.status");
	assert_int_equal(s.subject[0], job);
	assert_non_null(strstr(s.text[0], "Dryer does not heat"));
	assert_non_null(strstr(s.text[0], "is now: Diagnosed."));
	check(p, portal_notification_unread(&unread, p, client), "unread");
	assert_int_equal(unread, 1);
	/* A refused change writes no notification either. */
	TH_CHECK_REFUSED(p, "same status again",
		portal_job_set_status(p, job, PORTAL_JOB_DIAGNOSED, NULL, 0), PORTAL_ERULE, NULL);
}

static void test_notify__estimate_invoice_and_payment_each_tell_the_client(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Ada Client");
	portal_id job = th_add_job(p, client, 0, 0, "Fridge is warm", 0);
	portal_estimate_fields ef = PORTAL_ESTIMATE_FIELDS_INIT;
	portal_invoice_fields inf = PORTAL_INVOICE_FIELDS_INIT;
	portal_line_fields lf = PORTAL_LINE_FIELDS_INIT;
	portal_payment_fields pf = PORTAL_PAYMENT_FIELDS_INIT;
	portal_id estimate, invoice, payment, refund;
	struct seen s;

	ef.client_id = client;
	ef.job_id = job;
	lf.unit_price = 10000;
	check(p, portal_estimate_add(&estimate, p, &ef), "estimate");
	check(p, portal_estimate_line_add(NULL, p, estimate, &lf), "estimate line");
	check(p, portal_estimate_send(p, estimate, 0), "sending the estimate");
	s = newest(p, client, 0);
	/* Sending moves the job too: both are told, the estimate last. */
	assert_int_equal(s.count, 2);
	assert_string_equal(s.kind[0], "estimate.sent");
	assert_int_equal(s.subject[0], estimate);
	assert_non_null(strstr(s.text[0], "is ready for your answer: $"));
	assert_non_null(strstr(s.text[0], "valid until Sun 29 Nov"));
	assert_string_equal(s.kind[1], "job.status");
	assert_non_null(strstr(s.text[1], "Estimate sent"));

	inf.client_id = client;
	check(p, portal_invoice_add(&invoice, p, &inf), "invoice");
	check(p, portal_invoice_line_add(NULL, p, invoice, &lf), "invoice line");
	check(p, portal_invoice_issue(p, invoice, 0, 0), "issuing");
	s = newest(p, client, 1);
	assert_string_equal(s.kind[0], "invoice.issued");
	assert_int_equal(s.subject[0], invoice);
	assert_non_null(strstr(s.text[0], " was issued: $"));
	assert_non_null(strstr(s.text[0], ", due on receipt."));

	pf.invoice_id = invoice;
	pf.amount = 5000;
	pf.method = PORTAL_PAY_CASH;
	check(p, portal_payment_add(&payment, p, &pf), "paying");
	s = newest(p, client, 1);
	assert_string_equal(s.kind[0], "payment.recorded");
	assert_int_equal(s.subject[0], payment);
	assert_non_null(strstr(s.text[0], "We received your payment of $50.00 on invoice"));

	check(p, portal_payment_refund(&refund, p, payment, 2000, "Charged twice", 0), "refund");
	s = newest(p, client, 1);
	assert_string_equal(s.kind[0], "payment.recorded");
	assert_int_equal(s.subject[0], refund);
	assert_non_null(strstr(s.text[0], "We refunded $20.00"));
	assert_non_null(strstr(s.text[0], "Charged twice"));
}

static void test_notify__account_credit_and_a_later_due_day_say_so(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Ada Client");
	portal_invoice_fields inf = PORTAL_INVOICE_FIELDS_INIT;
	portal_line_fields lf = PORTAL_LINE_FIELDS_INIT;
	portal_payment_fields pf = PORTAL_PAYMENT_FIELDS_INIT;
	portal_id invoice;
	struct seen s;

	inf.client_id = client;
	lf.unit_price = 10000;
	check(p, portal_invoice_add(&invoice, p, &inf), "invoice");
	check(p, portal_invoice_line_add(NULL, p, invoice, &lf), "invoice line");
	check(p, portal_invoice_issue(p, invoice, 0, TH_NOW + 14 * 86400), "issuing");
	s = newest(p, client, 1);
	assert_non_null(strstr(s.text[0], "due on Sun 6 Dec."));

	pf.client_id = client;
	pf.amount = 2500;
	pf.method = PORTAL_PAY_DEBIT;
	check(p, portal_payment_add(NULL, p, &pf), "credit");
	s = newest(p, client, 1);
	assert_string_equal(s.text[0], "We received your payment of $25.00 as account credit. Thank you.");
}

static void test_notify__the_view_shows_them_and_a_job_link_only_its_job(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Ada Client");
	portal_id other = th_add_client(p, "Bob Other");
	portal_id washer = th_add_job(p, client, 0, 0, "Washer leaks", 0);
	portal_id oven = th_add_job(p, client, 0, 0, "Oven will not light", 0);
	portal_id elsewhere = th_add_job(p, other, 0, 0, "Secret job of Bob", 0);
	portal_buf doc = PORTAL_BUF_INIT;

	check(p, portal_job_set_status(p, washer, PORTAL_JOB_DIAGNOSED, NULL, 0), "washer");
	check(p, portal_job_set_status(p, oven, PORTAL_JOB_DIAGNOSED, NULL, 0), "oven");
	check(p, portal_job_set_status(p, elsewhere, PORTAL_JOB_DIAGNOSED, NULL, 0), "bob");
	check(p, portal_preview(&doc, p, client, 0, "notifications", NULL), "view");
	assert_true(th_contains(&doc, "\"view\":\t\"notifications\""));
	assert_true(th_contains(&doc, "Washer leaks"));
	assert_true(th_contains(&doc, "Oven will not light"));
	assert_true(th_contains(&doc, "\"unread\":\t2"));
	assert_false(th_contains(&doc, "Secret job"));
	portal_buf_dispose(&doc);

	check(p, portal_preview(&doc, p, client, washer, "notifications", NULL), "job view");
	assert_true(th_contains(&doc, "Washer leaks"));
	assert_false(th_contains(&doc, "Oven will not light"));
	assert_true(th_contains(&doc, "\"unread\":\t1"));
	portal_buf_dispose(&doc);

	/* Marking read is the client's act, not the view's. */
	check(p, portal_notification_mark_read(p, client, 0), "mark read");
	check(p, portal_preview(&doc, p, client, 0, "notifications", NULL), "view again");
	assert_true(th_contains(&doc, "\"unread\":\t0"));
	assert_true(th_contains(&doc, "\"read\":\ttrue"));
	portal_buf_dispose(&doc);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_notify__a_job_status_change_tells_the_client),
		T(test_notify__estimate_invoice_and_payment_each_tell_the_client),
		T(test_notify__account_credit_and_a_later_due_day_say_so),
		T(test_notify__the_view_shows_them_and_a_job_link_only_its_job),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
