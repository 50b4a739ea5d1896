/* SPDX-License-Identifier: MIT */
/*
 * test_view_work.c - unit tests of the customer's views of their work and
 * account (view_work.c, view_account.c): dashboard, jobs, job, history,
 * profile, policies and access-log.
 *
 * A small shop is built for each test (clock fixed at TH_NOW, Sunday
 * 2026-11-22 10:00 in Toronto): Ann with two appliances, a repaired and
 * invoiced job on her dryer and an open one on her fridge with a visit
 * booked, and Bob, another client, with a job of his own. Views are read
 * through portal_preview(), the same path as a customer's session.
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
#include "audit_log.h"
#include "internal.h"

#define DAY (24 * 60 * 60)

typedef struct shop {
	portal *p;
	portal_id ann, bob;
	portal_id dryer, fridge;
	portal_id done_job;      /* Ann's dryer: repaired, invoiced, partly paid */
	portal_id open_job;      /* Ann's fridge: booked, a visit tomorrow */
	portal_id bob_job;
	portal_id invoice;
	portal_id visit;
} shop;

#define ANN_NOTES "Owes us a favour; dog bites"
#define TECH_PHONE "416-555-0177"

/* ---------------------------------------------------------------------
 * Building the shop.
 */

static void ok(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

/* An invoice of one labour line of `price` cents, issued at `issued`. */
static portal_id issued_invoice(portal *p, portal_id client, portal_id job, portal_money price,
	portal_time issued)
{
	portal_id id = th_add_invoice(p, client, job, NULL);

	th_add_invoice_line(p, id, PORTAL_LINE_LABOUR, NULL, price, -1);
	th_issue_invoice(p, id, issued, 0);
	return id;
}

static void add_notification(portal_id client, const char *kind, portal_id subject, int read)
{
	/* An unread one binds NULL and leaves the time unused. */
	th_sql_bind("INSERT INTO notifications (client_id, at, kind, subject_id, text, read_at)"
		" VALUES (?1, ?2, ?3, ?4, 'Your job moved', ?5)", read ? "iitii" : "iitin",
		client, (int64_t)TH_NOW, kind, subject, (int64_t)1795359000);
}

static int setup(void **state)
{
	shop *s = calloc(1, sizeof(*s));
	portal_client_fields cf = PORTAL_CLIENT_FIELDS_INIT;
	portal_appointment_fields af = PORTAL_APPOINTMENT_FIELDS_INIT;
	portal_id tech = 0;
	portal *p;

	assert_non_null(s);
	s->p = p = th_open();
	ok(p, portal_shop_set(p, "name", "Northside Repair"), "shop name");
	ok(p, portal_shop_set(p, "phone", "866-415-3937"), "shop phone");
	cf.name = "Ann Lee";
	cf.email = "ann@example.com";
	cf.phone = "416-555-0199";
	cf.sms_consent = 1;
	cf.notes = ANN_NOTES;
	ok(p, portal_client_add(&s->ann, p, &cf), "client");
	s->bob = th_add_client(p, "Bob Stone");
	th_add_address(p, s->ann, "120", "King St W", "ON");
	th_add_address(p, s->bob, "48", "King St W", "ON");
	s->dryer = th_add_asset(p, s->ann, PORTAL_ASSET_APPLIANCE, "Dryer", "Samsung",
		"DVE45R6100C");
	s->fridge = th_add_asset(p, s->ann, PORTAL_ASSET_APPLIANCE, "Refrigerator", "Whirlpool",
		"WRF555SDFZ");
	th_add_asset(p, s->bob, PORTAL_ASSET_APPLIANCE, "Washer", "LG", "WM3900HWA");

	/* The dryer: repaired ten days ago, invoiced $113.00, $50.00 paid. */
	s->done_job = th_add_job(p, s->ann, s->dryer, 0, "Dryer does not heat", TH_NOW - 20 * DAY);
	ok(p, portal_job_set_status(p, s->done_job, PORTAL_JOB_REPAIRED,
		"Heating element replaced", TH_NOW - 10 * DAY), "repaired");
	s->invoice = issued_invoice(p, s->ann, s->done_job, 10000, TH_NOW - 9 * DAY);
	th_add_payment(p, s->ann, s->invoice, 5000, PORTAL_PAY_DEBIT, TH_NOW - 8 * DAY);
	/* $20.00 of account credit, paid in cash. */
	th_add_payment(p, s->ann, 0, 2000, PORTAL_PAY_CASH, TH_NOW - 7 * DAY);

	/* The fridge: booked, a visit tomorrow morning. */
	s->open_job = th_add_job(p, s->ann, s->fridge, 0, "Fridge not cooling", TH_NOW - 2 * DAY);
	ok(p, portal_tech_add(&tech, p, "Sam Okafor", TECH_PHONE), "tech");
	af.client_id = s->ann;
	af.job_id = s->open_job;
	af.technician_id = tech;
	af.window_start = TH_NOW + DAY - 2 * 3600;
	af.window_end = TH_NOW + DAY + 2 * 3600;
	s->visit = th_add_visit(p, &af);
	/* An old visit of the dryer, long over. */
	af.job_id = s->done_job;
	af.window_start = TH_NOW - 12 * DAY;
	af.window_end = TH_NOW - 12 * DAY + 3600;
	th_add_visit(p, &af);

	/* A reminder due in a week on the dryer. */
	th_add_reminder(p, s->dryer, "Clean the dryer vent", 0, "2026-11-29");

	s->bob_job = th_add_job(p, s->bob, 0, 0, "Washer leaks", TH_NOW - 3 * DAY);
	issued_invoice(p, s->bob, s->bob_job, 99900, TH_NOW - DAY);

	/* The events above told the clients already; start the count from
	 * the notifications below. */
	ok(p, portal_notification_mark_read(p, s->ann, 0), "reading Ann's news");
	ok(p, portal_notification_mark_read(p, s->bob, 0), "reading Bob's news");
	add_notification(s->ann, "job.status", s->open_job, 0);
	add_notification(s->ann, "chat", 0, 0);
	add_notification(s->ann, "job.status", s->done_job, 1);
	add_notification(s->bob, "job.status", s->bob_job, 0);
	*state = s;
	return 0;
}

static int teardown(void **state)
{
	shop *s = *state;

	portal_close(s->p);
	free(s);
	th_cleanup();
	return 0;
}

/* ---------------------------------------------------------------------
 * Reading views.
 */

/* View `name` of `client` (limited to `job` unless 0) as parsed JSON;
 * its text goes to `text` when not NULL (the caller frees it). */
static cJSON *view_text(portal *p, portal_id client, portal_id job, const char *name,
	const char *arg, char **text)
{
	portal_buf b = PORTAL_BUF_INIT;
	int rc = portal_preview(&b, p, client, job, name, arg);
	cJSON *doc;

	if (rc != PORTAL_OK)
		fail_msg("view %s of client %lld: %d (%s)", name, (long long)client, rc,
			portal_errmsg(p));
	doc = cJSON_Parse(b.ptr);
	assert_non_null(doc);
	if (text != NULL) {
		*text = strdup(b.ptr);
		assert_non_null(*text);
	}
	portal_buf_dispose(&b);
	return doc;
}

static cJSON *view(portal *p, portal_id client, portal_id job, const char *name,
	const char *arg)
{
	return view_text(p, client, job, name, arg, NULL);
}

/* The value at a dotted path ("totals.paid", "jobs.0.status"); NULL when
 * absent. */
static const cJSON *at(const cJSON *o, const char *path)
{
	char key[64];

	while (o != NULL && *path) {
		size_t n = strcspn(path, ".");
		snprintf(key, sizeof(key), "%.*s", (int)n, path);
		if (cJSON_IsArray(o))
			o = cJSON_GetArrayItem(o, atoi(key));
		else
			o = cJSON_GetObjectItemCaseSensitive(o, key);
		path += n + (path[n] == '.');
	}
	return o;
}

static double num(const cJSON *o, const char *path)
{
	const cJSON *v = at(o, path);

	if (!cJSON_IsNumber(v))
		fail_msg("%s is not a number", path);
	return v->valuedouble;
}

static const char *str(const cJSON *o, const char *path)
{
	const cJSON *v = at(o, path);

	if (!cJSON_IsString(v))
		fail_msg("%s is not a string", path);
	return v->valuestring;
}

static int size(const cJSON *o, const char *path)
{
	const cJSON *v = at(o, path);

	if (!cJSON_IsArray(v))
		fail_msg("%s is not an array", path);
	return cJSON_GetArraySize(v);
}

/* The method entry `method` of a payments_by_method object. */
static const cJSON *method(const cJSON *doc, const char *name)
{
	const cJSON *m;

	cJSON_ArrayForEach(m, at(doc, "payments_by_method.methods"))
		if (strcmp(str(m, "method"), name) == 0)
			return m;
	fail_msg("no method %s", name);
	return NULL;
}

/* ---------------------------------------------------------------------
 * The frame.
 */

static void test_frame(void **state)
{
	shop *s = *state;
	const char *names[] = { "dashboard", "jobs", "history", "profile", "policies",
		"access-log" };

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		cJSON *d = view(s->p, s->ann, 0, names[i], NULL);
		assert_string_equal(str(d, "view"), names[i]);
		assert_int_equal((portal_time)num(d, "generated_at"), TH_NOW);
		assert_string_equal(str(d, "generated_at_text"), "2026-11-22T10:00:00-05:00");
		assert_string_equal(str(d, "client.name"), "Ann Lee");
		assert_string_equal(str(d, "shop.name"), "Northside Repair");
		assert_string_equal(str(d, "shop.phone"), "+18664153937");
		assert_non_null(at(d, "shop.email"));
		assert_string_equal(str(d, "shop.currency"), "CAD");
		assert_int_equal(size(d, "sections"), 7);
		assert_true(cJSON_IsNull(at(d, "job_scope")));
		cJSON_Delete(d);
	}
	{
		cJSON *d = view(s->p, s->ann, s->open_job, "jobs", NULL);
		assert_int_equal((portal_id)num(d, "job_scope"), s->open_job);
		cJSON_Delete(d);
	}
	/* The currency is the shop's setting, in every view. */
	ok(s->p, portal_shop_set(s->p, "currency", "usd"), "currency");
	for (size_t i = 0; portal_view_name_at(i) != NULL; i++) {
		const char *name = portal_view_name_at(i);
		cJSON *d;
		if (portal_view_takes_arg(name))
			continue;
		d = view(s->p, s->ann, 0, name, NULL);
		assert_string_equal(str(d, "shop.currency"), "USD");
		cJSON_Delete(d);
	}
}

/* ---------------------------------------------------------------------
 * Dashboard.
 */

static void test_dashboard(void **state)
{
	shop *s = *state;
	cJSON *d = view(s->p, s->ann, 0, "dashboard", NULL);

	/* $100.00 + 13% = $113.00 invoiced, $50.00 paid, $63.00 due. */
	assert_int_equal(num(d, "balance_due"), 6300);
	assert_string_equal(str(d, "balance_due_text"), "63.00");
	assert_int_equal(num(d, "totals.invoiced"), 11300);
	assert_int_equal(num(d, "totals.paid"), 5000);
	assert_int_equal(num(d, "totals.account_credit"), 2000);
	assert_string_equal(str(d, "totals.account_credit_text"), "20.00");
	/* The invoice of 2026-11-13 (Toronto). */
	assert_int_equal(size(d, "monthly"), 1);
	assert_string_equal(str(d, "monthly.0.month"), "2026-11");
	assert_int_equal(num(d, "monthly.0.count"), 1);
	assert_int_equal(num(d, "monthly.0.invoiced"), 11300);
	assert_int_equal(num(d, "monthly.0.balance"), 6300);
	/* Debit on the invoice and cash as credit. */
	assert_int_equal(num(method(d, "debit"), "amount"), 5000);
	assert_int_equal(num(method(d, "debit"), "count"), 1);
	assert_int_equal(num(method(d, "cash"), "amount"), 2000);
	assert_int_equal(num(d, "payments_by_method.total"), 7000);
	assert_int_equal(num(d, "payments_by_method.count"), 2);
	assert_string_equal(str(d, "payments_by_method.total_text"), "70.00");
	/* Two assets, both Ann's. */
	assert_int_equal(size(d, "assets"), 2);
	assert_int_equal(num(d, "assets.0.client_id"), s->ann);
	assert_int_equal(num(d, "assets.1.client_id"), s->ann);
	/* Tomorrow's visit, not the old one; the technician's name only. */
	assert_int_equal(size(d, "upcoming_appointments"), 1);
	assert_int_equal(num(d, "upcoming_appointments.0.id"), s->visit);
	assert_int_equal(num(d, "upcoming_appointments.0.job_id"), s->open_job);
	assert_string_equal(str(d, "upcoming_appointments.0.status"), "scheduled");
	assert_string_equal(str(d, "upcoming_appointments.0.technician"), "Sam Okafor");
	assert_int_equal(num(d, "upcoming_appointments.0.window_start"), TH_NOW + DAY - 7200);
	assert_string_equal(str(d, "upcoming_appointments.0.window_start_text"),
		"2026-11-23T08:00:00-05:00");
	/* The dryer vent in 7 days. */
	assert_int_equal(size(d, "reminders"), 1);
	assert_string_equal(str(d, "reminders.0.description"), "Clean the dryer vent");
	assert_string_equal(str(d, "reminders.0.next_due"), "2026-11-29");
	assert_int_equal(num(d, "reminders.0.days_left"), 7);
	assert_true(cJSON_IsFalse(at(d, "reminders.0.overdue")));
	/* Both jobs are still open (repaired and invoiced is not closed). */
	assert_int_equal(size(d, "open_jobs"), 2);
	assert_string_equal(str(d, "open_jobs.0.status_label"), "Booked");
	assert_string_equal(str(d, "open_jobs.1.status"), "invoiced");
	assert_string_equal(str(d, "open_jobs.1.asset_label"), "Samsung DVE45R6100C");
	/* Two unread, one read, one of Bob's. */
	assert_int_equal(num(d, "unread_notifications"), 2);
	cJSON_Delete(d);
}

static void test_dashboard_closed_job_leaves_open_jobs(void **state)
{
	shop *s = *state;
	cJSON *d;

	ok(s->p, portal_job_set_status(s->p, s->done_job, PORTAL_JOB_CLOSED, NULL, 0), "close");
	d = view(s->p, s->ann, 0, "dashboard", NULL);
	assert_int_equal(size(d, "open_jobs"), 1);
	assert_int_equal(num(d, "open_jobs.0.id"), s->open_job);
	cJSON_Delete(d);
}

static void test_dashboard_paid_job_is_not_open(void **state)
{
	shop *s = *state;
	cJSON *d;

	ok(s->p, portal_job_set_status(s->p, s->done_job, PORTAL_JOB_PAID, NULL, 0), "paid");
	d = view(s->p, s->ann, 0, "dashboard", NULL);
	assert_int_equal(size(d, "open_jobs"), 1);
	assert_int_equal(num(d, "open_jobs.0.id"), s->open_job);
	cJSON_Delete(d);
	d = view(s->p, s->ann, 0, "jobs", NULL);
	assert_true(cJSON_IsFalse(at(d, "jobs.1.open")));
	assert_string_equal(str(d, "jobs.1.status"), "paid");
	cJSON_Delete(d);
}

/* A visit of Ann's today, 12:00 to 14:00 (it is 10:00), with Rita. */
static portal_id visit_today(shop *s)
{
	portal_appointment_fields af = PORTAL_APPOINTMENT_FIELDS_INIT;
	portal_id tech = 0;

	ok(s->p, portal_tech_add(&tech, s->p, "Rita Moreno", NULL), "tech");
	af.client_id = s->ann;
	af.job_id = s->open_job;
	af.technician_id = tech;
	af.window_start = TH_NOW + 2 * 3600;
	af.window_end = TH_NOW + 4 * 3600;
	return th_add_visit(s->p, &af);
}

static void test_dashboard_visit_today(void **state)
{
	shop *s = *state;
	cJSON *d = view(s->p, s->ann, 0, "dashboard", NULL);
	portal_id today;
	char *text;

	/* Tomorrow's visit is not today's. */
	assert_true(cJSON_IsNull(at(d, "visit_today")));
	cJSON_Delete(d);
	today = visit_today(s);
	d = view(s->p, s->ann, 0, "dashboard", NULL);
	assert_int_equal(num(d, "visit_today.id"), today);
	assert_string_equal(str(d, "visit_today.technician_first_name"), "Rita");
	assert_string_equal(str(d, "visit_today.status"), "scheduled");
	assert_string_equal(str(d, "visit_today.status_label"), "Scheduled");
	assert_string_equal(str(d, "visit_today.window_start_text"), "2026-11-22T12:00:00-05:00");
	assert_string_equal(str(d, "visit_today.window_end_text"), "2026-11-22T14:00:00-05:00");
	assert_true(cJSON_IsTrue(at(d, "visit_today.follow")));
	/* Nothing is expected before the technician sets out. */
	assert_true(cJSON_IsNull(at(d, "visit_today.eta")));
	assert_true(cJSON_IsNull(at(d, "visit_today.eta_window")));
	/* Never the technician's phone or position on the overview. */
	assert_null(at(d, "visit_today.position"));
	text = cJSON_PrintUnformatted(at(d, "visit_today"));
	assert_null(strstr(text, "555"));
	free(text);
	cJSON_Delete(d);

	ok(s->p, portal_client_set_sections(s->p, s->ann,
		PORTAL_SECTIONS_ALL & ~(unsigned)PORTAL_SECTION_TRACKING), "hide tracking");
	d = view(s->p, s->ann, 0, "dashboard", NULL);
	assert_true(cJSON_IsFalse(at(d, "visit_today.follow")));
	cJSON_Delete(d);
	ok(s->p, portal_client_set_sections(s->p, s->ann, PORTAL_SECTIONS_ALL &
		~(unsigned)(PORTAL_SECTION_TRACKING | PORTAL_SECTION_APPOINTMENTS)), "hide both");
	d = view(s->p, s->ann, 0, "dashboard", NULL);
	assert_null(at(d, "visit_today"));
	cJSON_Delete(d);
}

/* The expected time against the window 12:00-14:00, both ends within. */
static void test_dashboard_eta_against_the_window(void **state)
{
	static const struct { portal_time eta; const char *word, *text; } cases[] = {
		{ TH_NOW + 3600, "early", "earlier than your window" },
		{ TH_NOW + 2 * 3600 - 1, "early", "earlier than your window" },
		{ TH_NOW + 2 * 3600, "within", "within your window" },
		{ TH_NOW + 3 * 3600, "within", "within your window" },
		{ TH_NOW + 4 * 3600, "within", "within your window" },
		{ TH_NOW + 4 * 3600 + 1, "late", "later than your window" },
		{ TH_NOW + 6 * 3600, "late", "later than your window" },
	};
	shop *s = *state;
	portal_id today = visit_today(s);

	ok(s->p, portal_appointment_set_status(s->p, today, PORTAL_APPT_EN_ROUTE, 0), "en route");
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		cJSON *d;

		ok(s->p, portal_appointment_set_eta(s->p, today, cases[i].eta), "eta");
		d = view(s->p, s->ann, 0, "dashboard", NULL);
		assert_int_equal(num(d, "visit_today.eta"), cases[i].eta);
		assert_string_equal(str(d, "visit_today.eta_source"), "dispatcher");
		assert_string_equal(str(d, "visit_today.eta_window"), cases[i].word);
		assert_string_equal(str(d, "visit_today.eta_window_text"), cases[i].text);
		assert_string_equal(str(d, "visit_today.status"), "en_route");
		cJSON_Delete(d);
		/* The tracking view says the same. */
		d = view(s->p, s->ann, 0, "tracking", NULL);
		assert_string_equal(str(d, "visit.eta_window"), cases[i].word);
		cJSON_Delete(d);
	}
}

static void test_dashboard_job_scope(void **state)
{
	shop *s = *state;
	cJSON *d = view(s->p, s->ann, s->done_job, "dashboard", NULL);

	/* The dryer job: its invoice and the payment on it; no credit. */
	assert_int_equal(num(d, "balance_due"), 6300);
	assert_int_equal(num(d, "totals.paid"), 5000);
	assert_null(at(d, "totals.account_credit"));
	assert_int_equal(num(method(d, "cash"), "amount"), 0);
	assert_int_equal(num(d, "payments_by_method.total"), 5000);
	assert_int_equal(size(d, "assets"), 1);
	assert_int_equal(num(d, "assets.0.id"), s->dryer);
	assert_int_equal(size(d, "upcoming_appointments"), 0);
	assert_int_equal(size(d, "reminders"), 1);
	assert_int_equal(size(d, "open_jobs"), 1);
	assert_int_equal(num(d, "open_jobs.0.id"), s->done_job);
	assert_int_equal(num(d, "unread_notifications"), 0);
	cJSON_Delete(d);

	/* The fridge job: nothing invoiced, tomorrow's visit, no reminder. */
	d = view(s->p, s->ann, s->open_job, "dashboard", NULL);
	assert_int_equal(num(d, "balance_due"), 0);
	assert_int_equal(num(d, "totals.invoiced"), 0);
	assert_int_equal(size(d, "monthly"), 0);
	assert_int_equal(num(d, "payments_by_method.total"), 0);
	assert_int_equal(size(d, "assets"), 1);
	assert_int_equal(num(d, "assets.0.id"), s->fridge);
	assert_int_equal(size(d, "upcoming_appointments"), 1);
	assert_int_equal(size(d, "reminders"), 0);
	assert_int_equal(size(d, "open_jobs"), 1);
	assert_int_equal(num(d, "open_jobs.0.id"), s->open_job);
	assert_int_equal(num(d, "unread_notifications"), 1);
	cJSON_Delete(d);
}

static void test_dashboard_hidden_sections(void **state)
{
	shop *s = *state;
	cJSON *d;

	ok(s->p, portal_client_set_sections(s->p, s->ann,
		PORTAL_SECTIONS_ALL & ~(unsigned)PORTAL_SECTION_INVOICES), "hide invoices");
	d = view(s->p, s->ann, 0, "dashboard", NULL);
	assert_null(at(d, "balance_due"));
	assert_null(at(d, "totals"));
	assert_null(at(d, "monthly"));
	assert_non_null(at(d, "payments_by_method"));
	assert_non_null(at(d, "upcoming_appointments"));
	cJSON_Delete(d);

	ok(s->p, portal_client_set_sections(s->p, s->ann,
		PORTAL_SECTIONS_ALL & ~(unsigned)PORTAL_SECTION_PAYMENTS), "hide payments");
	d = view(s->p, s->ann, 0, "dashboard", NULL);
	assert_null(at(d, "payments_by_method"));
	assert_int_equal(num(d, "balance_due"), 6300);
	cJSON_Delete(d);

	ok(s->p, portal_client_set_sections(s->p, s->ann,
		PORTAL_SECTIONS_ALL & ~(unsigned)PORTAL_SECTION_APPOINTMENTS), "hide visits");
	d = view(s->p, s->ann, 0, "dashboard", NULL);
	assert_null(at(d, "upcoming_appointments"));
	assert_non_null(at(d, "payments_by_method"));
	assert_non_null(at(d, "open_jobs"));
	cJSON_Delete(d);

	ok(s->p, portal_client_set_sections(s->p, s->ann, 0), "hide all");
	d = view(s->p, s->ann, 0, "dashboard", NULL);
	assert_null(at(d, "balance_due"));
	assert_null(at(d, "payments_by_method"));
	assert_null(at(d, "upcoming_appointments"));
	assert_int_equal(size(d, "sections"), 0);
	assert_int_equal(size(d, "open_jobs"), 2);
	cJSON_Delete(d);
}

/* ---------------------------------------------------------------------
 * Jobs and one job.
 */

static void test_jobs(void **state)
{
	shop *s = *state;
	cJSON *d = view(s->p, s->ann, 0, "jobs", NULL);

	assert_int_equal(num(d, "count"), 2);
	assert_int_equal(size(d, "jobs"), 2);
	/* Newest booking first. */
	assert_int_equal(num(d, "jobs.0.id"), s->open_job);
	assert_int_equal(num(d, "jobs.1.id"), s->done_job);
	assert_string_equal(str(d, "jobs.1.problem"), "Dryer does not heat");
	assert_string_equal(str(d, "jobs.1.status"), "invoiced");
	assert_string_equal(str(d, "jobs.1.status_label"), "Invoiced");
	assert_true(cJSON_IsTrue(at(d, "jobs.1.open")));
	assert_int_equal(num(d, "jobs.1.booked_at"), TH_NOW - 20 * DAY);
	assert_non_null(at(d, "jobs.1.booked_at_text"));
	assert_int_equal(num(d, "jobs.1.asset_id"), s->dryer);
	assert_string_equal(str(d, "jobs.1.address"), "120 King St W, Toronto, ON");
	assert_int_equal(num(d, "jobs.1.completed_at"), TH_NOW - 10 * DAY);
	assert_string_equal(str(d, "jobs.1.work_done"), "Heating element replaced");
	/* Booked, repaired, invoiced: each step with its time. */
	assert_int_equal(size(d, "jobs.1.timeline"), 3);
	assert_string_equal(str(d, "jobs.1.timeline.0.status"), "booked");
	assert_string_equal(str(d, "jobs.1.timeline.1.label"), "Repaired");
	assert_int_equal(num(d, "jobs.1.timeline.1.at"), TH_NOW - 10 * DAY);
	assert_string_equal(str(d, "jobs.1.timeline.1.at_text"), "2026-11-12T10:00:00-05:00");
	assert_string_equal(str(d, "jobs.1.timeline.1.note"), "Heating element replaced");
	assert_int_equal(num(d, "jobs.1.timeline.2.at"), TH_NOW - 9 * DAY);
	cJSON_Delete(d);

	/* A link for one job lists that job only. */
	d = view(s->p, s->ann, s->open_job, "jobs", NULL);
	assert_int_equal(size(d, "jobs"), 1);
	assert_int_equal(num(d, "jobs.0.id"), s->open_job);
	cJSON_Delete(d);
}

static void test_job(void **state)
{
	shop *s = *state;
	char arg[32];
	cJSON *d;
	portal_warranty w;

	snprintf(arg, sizeof(arg), "%lld", (long long)s->done_job);
	d = view(s->p, s->ann, 0, "job", arg);
	assert_int_equal(num(d, "job.id"), s->done_job);
	assert_int_equal(size(d, "job.timeline"), 3);
	assert_string_equal(str(d, "job.timeline.2.status"), "invoiced");
	ok(s->p, portal_warranty_check(&w, s->p, s->done_job, NULL), "warranty");
	assert_string_equal(str(d, "job.warranty.labour_until"), w.labour_until);
	assert_string_equal(str(d, "job.warranty.parts_until"), w.parts_until);
	cJSON_Delete(d);

	/* The open job has no warranty yet; "#id" reads as the id. */
	snprintf(arg, sizeof(arg), "#%lld", (long long)s->open_job);
	d = view(s->p, s->ann, s->open_job, "job", arg);
	assert_int_equal(num(d, "job.id"), s->open_job);
	assert_true(cJSON_IsNull(at(d, "job.warranty")));
	assert_true(cJSON_IsNull(at(d, "job.completed_at")));
	cJSON_Delete(d);
}

/* An estimate of one $120.00 labour line, sent yesterday when `send`. */
static portal_id add_estimate(portal *p, portal_id client, portal_id job, int send)
{
	portal_id id = th_add_estimate(p, client, job);

	th_add_estimate_line(p, id, PORTAL_LINE_LABOUR, NULL, 12000);
	if (send)
		th_send_estimate(p, id, TH_NOW - DAY);
	return id;
}

static const char *number_of_estimate(portal *p, portal_id id, char *buf, size_t len)
{
	portal_estimate *e = NULL;

	ok(p, portal_estimate_get(&e, p, id), "reading an estimate");
	snprintf(buf, len, "%s", e->number);
	portal_estimate_free(e);
	return buf;
}

/* The job document lists what the job led to, as the invoices, estimates
 * and appointments views show each, so that a page links to them; only
 * that job's, only the client's, only what the sections show. */
static void test_job_lists_its_documents(void **state)
{
	shop *s = *state;
	portal_invoice *inv = NULL;
	char arg[32], sent[24], draft[24], bob[24];
	cJSON *d;

	ok(s->p, portal_invoice_get(&inv, s->p, s->invoice), "invoice");
	number_of_estimate(s->p, add_estimate(s->p, s->ann, s->done_job, 1), sent, sizeof(sent));
	number_of_estimate(s->p, add_estimate(s->p, s->ann, s->done_job, 0), draft, sizeof(draft));
	add_estimate(s->p, s->ann, s->open_job, 1);
	number_of_estimate(s->p, add_estimate(s->p, s->bob, s->bob_job, 1), bob, sizeof(bob));

	snprintf(arg, sizeof(arg), "%lld", (long long)s->done_job);
	d = view(s->p, s->ann, 0, "job", arg);
	/* Its one issued invoice, as in the invoices view. */
	assert_int_equal(size(d, "job.invoices"), 1);
	assert_string_equal(str(d, "job.invoices.0.number"), inv->number);
	assert_int_equal(num(d, "job.invoices.0.job_id"), s->done_job);
	assert_string_equal(str(d, "job.invoices.0.status"), "overdue");
	assert_string_equal(str(d, "job.invoices.0.status_label"), "Overdue");
	assert_int_equal(num(d, "job.invoices.0.total"), 11300);
	assert_string_equal(str(d, "job.invoices.0.total_text"), "113.00");
	assert_int_equal(num(d, "job.invoices.0.paid"), 5000);
	assert_int_equal(num(d, "job.invoices.0.balance"), 6300);
	assert_int_equal(num(d, "job.invoices.0.issued_at"), TH_NOW - 9 * DAY);
	assert_non_null(at(d, "job.invoices.0.due_date"));
	/* Its sent estimate; not the draft, not the other job's. */
	assert_int_equal(size(d, "job.estimates"), 1);
	assert_string_equal(str(d, "job.estimates.0.number"), sent);
	assert_string_equal(str(d, "job.estimates.0.status"), "sent");
	assert_int_equal(num(d, "job.estimates.0.total"), 13560);
	assert_true(cJSON_IsTrue(at(d, "job.estimates.0.can_approve")));
	assert_non_null(at(d, "job.estimates.0.valid_until_text"));
	/* Its old visit, not the fridge's. */
	assert_int_equal(size(d, "job.appointments"), 1);
	assert_int_equal(num(d, "job.appointments.0.job_id"), s->done_job);
	assert_int_equal(num(d, "job.appointments.0.window_start"), TH_NOW - 12 * DAY);
	assert_true(cJSON_IsFalse(at(d, "job.appointments.0.upcoming")));
	assert_string_equal(str(d, "job.appointments.0.status"), "scheduled");
	cJSON_Delete(d);

	/* The fridge job: its visit tomorrow, no invoice yet. */
	snprintf(arg, sizeof(arg), "%lld", (long long)s->open_job);
	d = view(s->p, s->ann, s->open_job, "job", arg);
	assert_int_equal(size(d, "job.invoices"), 0);
	assert_int_equal(size(d, "job.estimates"), 1);
	assert_int_equal(size(d, "job.appointments"), 1);
	assert_int_equal(num(d, "job.appointments.0.id"), s->visit);
	assert_true(cJSON_IsTrue(at(d, "job.appointments.0.upcoming")));
	assert_non_null(at(d, "job.appointments.0.door_code"));
	cJSON_Delete(d);

	/* Bob's job shows Bob's, and Ann's never. */
	snprintf(arg, sizeof(arg), "%lld", (long long)s->bob_job);
	{
		char *text = NULL;
		d = view_text(s->p, s->bob, 0, "job", arg, &text);
		assert_int_equal(size(d, "job.invoices"), 1);
		assert_int_equal(size(d, "job.estimates"), 1);
		assert_string_equal(str(d, "job.estimates.0.number"), bob);
		assert_int_equal(size(d, "job.appointments"), 0);
		assert_null(strstr(text, inv->number));
		assert_null(strstr(text, sent));
		cJSON_Delete(d);
		free(text);
	}

	/* A hidden section's part is left out, not shown empty. */
	ok(s->p, portal_client_set_sections(s->p, s->ann,
		PORTAL_SECTIONS_ALL & ~(unsigned)(PORTAL_SECTION_INVOICES |
			PORTAL_SECTION_ESTIMATES | PORTAL_SECTION_APPOINTMENTS)), "hide");
	snprintf(arg, sizeof(arg), "%lld", (long long)s->done_job);
	d = view(s->p, s->ann, 0, "job", arg);
	assert_null(at(d, "job.invoices"));
	assert_null(at(d, "job.estimates"));
	assert_null(at(d, "job.appointments"));
	assert_non_null(at(d, "job.timeline"));
	cJSON_Delete(d);
	portal_invoice_free(inv);
}

/* Guessed ids get the answer of an id that does not exist: same code,
 * same message but for the id typed, and nothing in the buffer. */
static void expect_no_job(shop *s, portal_id job_scope, const char *arg)
{
	portal_buf b = PORTAL_BUF_INIT;
	char want[80];
	int rc = portal_preview(&b, s->p, s->ann, job_scope, "job", arg);

	snprintf(want, sizeof(want), "no job %s", arg);
	if (rc != PORTAL_ENOTFOUND)
		fail_msg("job %s: %d (%s)", arg, rc, portal_errmsg(s->p));
	assert_string_equal(portal_errmsg(s->p), want);
	assert_null(portal_errfield(s->p));
	assert_null(b.ptr);
}

static void test_job_not_found_alike(void **state)
{
	shop *s = *state;
	char bob[32], other[32], big[32];

	snprintf(bob, sizeof(bob), "%lld", (long long)s->bob_job);
	snprintf(other, sizeof(other), "%lld", (long long)s->open_job);
	snprintf(big, sizeof(big), "%lld", (long long)s->bob_job + 1000);
	expect_no_job(s, 0, bob);          /* another client's */
	expect_no_job(s, 0, big);          /* no such job */
	expect_no_job(s, 0, "0");
	expect_no_job(s, 0, "-1");
	expect_no_job(s, 0, "abc");
	expect_no_job(s, 0, "1 OR 1=1");
	expect_no_job(s, 0, "99999999999999999999999");
	expect_no_job(s, s->done_job, other);   /* outside the link's job */
	expect_no_job(s, s->done_job, bob);
}

/* ---------------------------------------------------------------------
 * History.
 */

static void test_history(void **state)
{
	shop *s = *state;
	portal_warranty w;
	cJSON *d = view(s->p, s->ann, 0, "history", NULL);
	const cJSON *dryer = NULL, *a;

	assert_int_equal(size(d, "assets"), 2);
	cJSON_ArrayForEach(a, at(d, "assets"))
		if ((portal_id)num(a, "id") == s->dryer)
			dryer = a;
	assert_non_null(dryer);
	assert_string_equal(str(dryer, "make"), "Samsung");
	/* The repaired job; the fridge's open job is not history yet. */
	assert_int_equal(size(dryer, "jobs"), 1);
	assert_int_equal(num(dryer, "jobs.0.id"), s->done_job);
	assert_string_equal(str(dryer, "jobs.0.problem"), "Dryer does not heat");
	assert_string_equal(str(dryer, "jobs.0.work_done"), "Heating element replaced");
	assert_int_equal(num(dryer, "jobs.0.completed_at"), TH_NOW - 10 * DAY);
	ok(s->p, portal_warranty_check(&w, s->p, s->done_job, NULL), "warranty");
	assert_string_equal(str(dryer, "jobs.0.warranty.labour_until"), "2027-02-10");
	assert_string_equal(str(dryer, "jobs.0.warranty.parts_until"), "2026-12-12");
	assert_string_equal(str(dryer, "jobs.0.warranty.labour_until"), w.labour_until);
	assert_true(cJSON_IsTrue(at(dryer, "jobs.0.warranty.labour_running")));
	assert_true(cJSON_IsTrue(at(dryer, "jobs.0.warranty.parts_running")));
	assert_non_null(at(dryer, "jobs.0.warranty.explanation"));
	assert_int_equal(size(d, "other_jobs"), 0);
	cJSON_Delete(d);

	/* 40 days after: parts ended, labour still runs. */
	portal_set_now(s->p, TH_NOW + 30 * DAY);
	d = view(s->p, s->ann, 0, "history", NULL);
	cJSON_ArrayForEach(a, at(d, "assets"))
		if ((portal_id)num(a, "id") == s->dryer) {
			assert_true(cJSON_IsTrue(at(a, "jobs.0.warranty.labour_running")));
			assert_true(cJSON_IsFalse(at(a, "jobs.0.warranty.parts_running")));
		}
	cJSON_Delete(d);
	portal_set_now(s->p, TH_NOW);

	/* A link for the fridge job: the fridge only, no dryer history. */
	d = view(s->p, s->ann, s->open_job, "history", NULL);
	assert_int_equal(size(d, "assets"), 1);
	assert_int_equal(num(d, "assets.0.id"), s->fridge);
	assert_int_equal(size(d, "assets.0.jobs"), 0);
	cJSON_Delete(d);
}

/* ---------------------------------------------------------------------
 * Profile, policies, access log.
 */

static void test_profile(void **state)
{
	shop *s = *state;
	char *text = NULL;
	cJSON *d = view_text(s->p, s->ann, 0, "profile", NULL, &text);

	assert_string_equal(str(d, "profile.name"), "Ann Lee");
	assert_string_equal(str(d, "profile.email"), "ann@example.com");
	assert_string_equal(str(d, "profile.phone"), "+14165550199");
	assert_true(cJSON_IsTrue(at(d, "profile.sms_consent")));
	assert_int_equal(num(d, "profile.sms_consent_at"), TH_NOW);
	/* The words the page asks for consent with, exactly. */
	assert_string_equal(str(d, "sms_terms"), "Message frequency varies. Message and data "
		"rates may apply. Reply STOP to opt out, HELP for help.");
	assert_int_equal(size(d, "profile.addresses"), 1);
	assert_string_equal(str(d, "profile.addresses.0.house_number"), "120");
	assert_string_equal(str(d, "profile.addresses.0.line"), "120 King St W, Toronto, ON");
	/* The shop's notes never reach the client, under any name. */
	assert_null(strstr(text, "Owes us"));
	assert_null(strstr(text, "notes"));
	cJSON_Delete(d);
	free(text);
}

static void ask_visit(portal *p, const portal_session *session, portal_id job,
	const char *problem, portal_id *out)
{
	portal_visit_request v = PORTAL_VISIT_REQUEST_INIT;

	v.problem = problem;
	v.window_count = 2;
	v.windows[0].start = TH_NOW + 2 * DAY;
	v.windows[0].end = TH_NOW + 2 * DAY + 4 * 3600;
	v.windows[1].start = TH_NOW + 3 * DAY;
	v.windows[1].end = TH_NOW + 3 * DAY + 4 * 3600;
	if (job)
		ok(p, portal_customer_request_warranty_callback(out, p, session, job, &v),
			"callback");
	else
		ok(p, portal_customer_request_appointment(out, p, session, &v), "visit request");
}

/* The requests the shop has not answered yet, oldest first: what each
 * asks, in the customer's words; another client's never, an answered one
 * no longer. */
static void test_profile_pending_requests(void **state)
{
	shop *s = *state;
	portal_session ann = th_session_for(s->ann, 0), bob = th_session_for(s->bob, 0);
	portal_profile_change change = PORTAL_PROFILE_CHANGE_INIT;
	portal_address_fields moved = PORTAL_ADDRESS_FIELDS_INIT;
	portal_id email_change = 0, visit = 0, callback = 0, rejected = 0;
	char *text = NULL;
	cJSON *d;

	change.email = "ann.lee@example.org";
	change.phone = "";
	moved.house_number = "122";
	moved.unit = "3";
	moved.street = "King St W";
	moved.city = "Toronto";
	moved.region = "ON";
	change.address = &moved;
	ok(s->p, portal_customer_request_profile(&email_change, s->p, &ann, &change), "change");
	ask_visit(s->p, &ann, 0, "The oven does not heat", &visit);
	ask_visit(s->p, &ann, s->done_job, "The dryer is cold again", &callback);
	change = (portal_profile_change)PORTAL_PROFILE_CHANGE_INIT;
	change.name = "Ann Smith";
	ok(s->p, portal_customer_request_profile(&rejected, s->p, &ann, &change), "rename");
	ok(s->p, portal_request_reject(s->p, rejected, "Please call us"), "reject");
	change.name = "Robert Stone";
	ok(s->p, portal_customer_request_profile(NULL, s->p, &bob, &change), "Bob's");

	d = view_text(s->p, s->ann, 0, "profile", NULL, &text);
	assert_int_equal(size(d, "pending_requests"), 3);
	assert_int_equal(num(d, "pending_requests.0.id"), email_change);
	assert_string_equal(str(d, "pending_requests.0.kind"), "profile");
	assert_string_equal(str(d, "pending_requests.0.kind_label"), "Change of details");
	assert_true(cJSON_IsNull(at(d, "pending_requests.0.job_id")));
	assert_int_equal(num(d, "pending_requests.0.created_at"), TH_NOW);
	assert_string_equal(str(d, "pending_requests.0.created_at_text"),
		"2026-11-22T10:00:00-05:00");
	assert_string_equal(str(d, "pending_requests.0.changes.email"), "ann.lee@example.org");
	assert_string_equal(str(d, "pending_requests.0.changes.phone"), "");
	assert_null(at(d, "pending_requests.0.changes.name"));
	assert_string_equal(str(d, "pending_requests.0.changes.address"),
		"3-122 King St W, Toronto, ON");
	assert_true(cJSON_IsNull(at(d, "pending_requests.0.changes.address_id")));
	assert_null(at(d, "pending_requests.0.problem"));

	assert_int_equal(num(d, "pending_requests.1.id"), visit);
	assert_string_equal(str(d, "pending_requests.1.kind"), "appointment");
	assert_string_equal(str(d, "pending_requests.1.kind_label"), "Visit request");
	assert_string_equal(str(d, "pending_requests.1.problem"), "The oven does not heat");
	assert_int_equal(size(d, "pending_requests.1.windows"), 2);
	assert_int_equal(num(d, "pending_requests.1.windows.0.start"), TH_NOW + 2 * DAY);
	assert_string_equal(str(d, "pending_requests.1.windows.0.start_text"),
		"2026-11-24T10:00:00-05:00");
	assert_int_equal(num(d, "pending_requests.1.windows.1.end"), TH_NOW + 3 * DAY + 4 * 3600);
	assert_null(at(d, "pending_requests.1.changes"));

	assert_int_equal(num(d, "pending_requests.2.id"), callback);
	assert_string_equal(str(d, "pending_requests.2.kind"), "warranty_callback");
	assert_int_equal(num(d, "pending_requests.2.job_id"), s->done_job);
	/* Not the rejected one, not Bob's, not the session it came from. */
	assert_null(strstr(text, "Ann Smith"));
	assert_null(strstr(text, "Robert"));
	assert_null(strstr(text, "session"));
	cJSON_Delete(d);
	free(text);

	/* Through a link for the dryer's job: the requests about that job. */
	d = view(s->p, s->ann, s->done_job, "profile", NULL);
	assert_int_equal(size(d, "pending_requests"), 1);
	assert_int_equal(num(d, "pending_requests.0.id"), callback);
	cJSON_Delete(d);

	/* Bob sees his own. */
	d = view(s->p, s->bob, 0, "profile", NULL);
	assert_int_equal(size(d, "pending_requests"), 1);
	assert_string_equal(str(d, "pending_requests.0.changes.name"), "Robert Stone");
	cJSON_Delete(d);

	/* Answered: no longer pending. */
	ok(s->p, portal_request_approve(s->p, visit, 1), "confirm");
	d = view(s->p, s->ann, 0, "profile", NULL);
	assert_int_equal(size(d, "pending_requests"), 2);
	assert_int_equal(num(d, "pending_requests.1.id"), callback);
	cJSON_Delete(d);
}

static const cJSON *policy(const cJSON *d, const char *key)
{
	const cJSON *o;

	cJSON_ArrayForEach(o, at(d, "policies"))
		if (strcmp(str(o, "key"), key) == 0)
			return o;
	fail_msg("no policy %s", key);
	return NULL;
}

static void test_policies(void **state)
{
	shop *s = *state;
	cJSON *d = view(s->p, s->ann, 0, "policies", NULL);

	assert_int_equal(size(d, "policies"), 8);
	assert_non_null(strstr(str(policy(d, "service_call_fee"), "text"), "$120.00 plus tax"));
	assert_non_null(strstr(str(policy(d, "service_call_fee"), "text"), "credited"));
	assert_non_null(strstr(str(policy(d, "estimate_validity"), "text"), "7 days"));
	assert_non_null(strstr(str(policy(d, "warranty"), "text"), "90 days"));
	assert_non_null(strstr(str(policy(d, "warranty"), "text"), "30 days"));
	assert_non_null(strstr(str(policy(d, "warranty_exclusions"), "text"), "pests"));
	assert_non_null(strstr(str(policy(d, "cancellation"), "text"), "12 hours"));
	assert_non_null(strstr(str(policy(d, "cancellation"), "text"), "$60.00"));
	assert_non_null(strstr(str(policy(d, "no_show"), "text"), "$60.00"));
	assert_non_null(strstr(str(policy(d, "tax"), "text"), "13%"));
	assert_string_equal(str(policy(d, "tax"), "title"), "Tax");
	assert_non_null(strstr(str(policy(d, "sms"), "text"), "Message frequency varies. "
		"Message and data rates may apply. Reply STOP to opt out, HELP for help."));
	assert_int_equal(size(d, "faq"), 3);
	assert_string_equal(str(d, "faq.0.key"), "invoice_number");
	assert_string_equal(str(d, "faq.1.key"), "security");
	assert_int_equal(num(d, "values.service_call_fee"), 12000);
	assert_string_equal(str(d, "values.service_call_fee_text"), "120.00");
	assert_int_equal(num(d, "values.estimate_validity_days"), 7);
	assert_int_equal(num(d, "values.labour_warranty_days"), 90);
	assert_int_equal(num(d, "values.parts_warranty_days"), 30);
	assert_int_equal(num(d, "values.cancellation_notice_hours"), 12);
	assert_int_equal(num(d, "values.late_cancellation_fee"), 6000);
	assert_int_equal(num(d, "values.no_show_fee"), 6000);
	assert_string_equal(str(d, "values.no_show_fee_text"), "60.00");
	assert_string_equal(str(d, "values.tax_rate"), "13");
	assert_string_equal(str(d, "values.tax_rate_text"), "13%");
	cJSON_Delete(d);

	/* The shop's own terms, as it sets them. */
	ok(s->p, portal_shop_set(s->p, "estimate_validity_days", "1"), "validity");
	ok(s->p, portal_shop_set(s->p, "late_cancellation_fee", "0"), "late fee");
	ok(s->p, portal_shop_set(s->p, "tax_rate", "9.975"), "tax");
	d = view(s->p, s->ann, 0, "policies", NULL);
	assert_non_null(strstr(str(policy(d, "estimate_validity"), "text"), "for 1 day after"));
	assert_non_null(strstr(str(policy(d, "cancellation"), "text"), "no charge"));
	assert_null(strstr(str(policy(d, "cancellation"), "text"), "$"));
	assert_non_null(strstr(str(policy(d, "tax"), "text"), "9.975%"));
	assert_string_equal(str(d, "values.tax_rate"), "9.975");
	cJSON_Delete(d);
}

static void test_access_log(void **state)
{
	shop *s = *state;
	cJSON *d;

	portal_set_now(s->p, TH_NOW - 3600);
	ok(s->p, pt_audit(s->p, "lookup", "ok", s->ann, "203.0.113.7", "invoice 10001"), "a");
	ok(s->p, pt_audit(s->p, "lookup", "miss", 0, "198.51.100.9", "invoice 10001"), "miss");
	ok(s->p, pt_audit(s->p, "link.open", "ok", s->bob, "192.0.2.44", "link #2"), "bob");
	portal_set_now(s->p, TH_NOW);
	ok(s->p, pt_audit(s->p, "session.end", "logout", s->ann, "203.0.113.7", "%s", ""), "b");

	d = view(s->p, s->ann, 0, "access-log", NULL);
	assert_int_equal(size(d, "entries"), 2);
	/* Newest first. */
	assert_int_equal(num(d, "entries.0.at"), TH_NOW);
	assert_string_equal(str(d, "entries.0.event"), "session.end");
	assert_string_equal(str(d, "entries.0.outcome"), "logout");
	assert_string_equal(str(d, "entries.0.outcome_text"), "Logged out");
	assert_int_equal(num(d, "entries.1.at"), TH_NOW - 3600);
	assert_string_equal(str(d, "entries.1.at_text"), "2026-11-22T09:00:00-05:00");
	assert_string_equal(str(d, "entries.1.event"), "lookup");
	assert_non_null(strstr(str(d, "entries.1.event_text"), "invoice number"));
	assert_string_equal(str(d, "entries.1.source"), "203.0.113.7");
	assert_int_equal(num(d, "limit"), 100);
	cJSON_Delete(d);

	/* Bob sees his only: not Ann's, not the miss. */
	d = view(s->p, s->bob, 0, "access-log", NULL);
	assert_int_equal(size(d, "entries"), 1);
	assert_string_equal(str(d, "entries.0.source"), "192.0.2.44");
	cJSON_Delete(d);
}

/* A secure link's token for `client` (static buffer). */
static const char *link_token(portal *p, portal_id client)
{
	static char token[PORTAL_TOKEN_LEN + 1];
	portal_link_fields f = PORTAL_LINK_FIELDS_INIT;
	portal_buf url = PORTAL_BUF_INIT;
	const char *slash;

	ok(p, portal_link_create(&url, NULL, p, client, &f), "link");
	slash = strrchr(url.ptr, '/');
	snprintf(token, sizeof(token), "%s", slash + 1);
	portal_buf_dispose(&url);
	return token;
}

/* The log shows visits, one row per session however many requests it
 * made (and not its lookup, link or logout): when, how (lookup or link)
 * and the network, masked. */
static void test_access_log_one_row_per_visit(void **state)
{
	shop *s = *state;
	portal_session *first = NULL, *second = NULL, *again = NULL;
	portal_id inv = issued_invoice(s->p, s->ann, s->done_job, 1000, TH_NOW - DAY);
	portal_invoice *i = NULL;
	cJSON *d;

	ok(s->p, portal_invoice_get(&i, s->p, inv), "invoice");
	portal_set_now(s->p, TH_NOW - 3600);
	ok(s->p, portal_lookup(&first, s->p, i->number, "120", "203.0.113.7"), "lookup");
	for (int n = 0; n < 3; n++) {
		ok(s->p, portal_session_check(&again, s->p, first->token, "203.0.113.7"), "request");
		portal_session_free(again);
		again = NULL;
	}
	ok(s->p, portal_session_end(s->p, first->token, "203.0.113.7"), "logout");
	portal_set_now(s->p, TH_NOW);
	ok(s->p, portal_link_open(&second, s->p, link_token(s->p, s->ann),
		"2001:db8:85a3::8a2e:370:7334"), "link");

	d = view(s->p, s->ann, 0, "access-log", NULL);
	assert_int_equal(size(d, "visits"), 2);
	assert_int_equal(num(d, "visits.0.at"), TH_NOW);
	assert_string_equal(str(d, "visits.0.how"), "link");
	assert_string_equal(str(d, "visits.0.how_text"), "With a secure link");
	assert_string_equal(str(d, "visits.0.source"), "2001:db8:85a3:x");
	assert_int_equal(num(d, "visits.1.at"), TH_NOW - 3600);
	assert_string_equal(str(d, "visits.1.at_text"), "2026-11-22T09:00:00-05:00");
	assert_string_equal(str(d, "visits.1.how"), "lookup");
	assert_string_equal(str(d, "visits.1.how_text"), "With the invoice number and house number");
	assert_string_equal(str(d, "visits.1.source"), "203.0.113.x");
	cJSON_Delete(d);
	/* Bob never came: nothing of Ann's. */
	d = view(s->p, s->bob, 0, "access-log", NULL);
	assert_int_equal(size(d, "visits"), 0);
	cJSON_Delete(d);
	portal_invoice_free(i);
	portal_session_free(first);
	portal_session_free(second);
}

/* What happened before a client's first visit is history, not news; what
 * happens after it is news on the next one. */
static void test_first_visit_has_no_old_news(void **state)
{
	shop *s = *state;
	portal_session *first = NULL, *next = NULL;
	cJSON *d;

	add_notification(s->bob, "job.status", s->bob_job, 0);
	d = view(s->p, s->bob, 0, "dashboard", NULL);
	assert_int_equal(num(d, "unread_notifications"), 2);
	cJSON_Delete(d);
	ok(s->p, portal_link_open(&first, s->p, link_token(s->p, s->bob), "192.0.2.44"), "first");
	d = view(s->p, s->bob, 0, "dashboard", NULL);
	assert_int_equal(num(d, "unread_notifications"), 0);
	cJSON_Delete(d);
	d = view(s->p, s->bob, 0, "notifications", NULL);
	assert_int_equal(num(d, "unread"), 0);
	assert_true(size(d, "notifications") >= 2);
	cJSON_Delete(d);

	add_notification(s->bob, "job.status", s->bob_job, 0);
	ok(s->p, portal_link_open(&next, s->p, link_token(s->p, s->bob), "192.0.2.44"), "next");
	d = view(s->p, s->bob, 0, "dashboard", NULL);
	assert_int_equal(num(d, "unread_notifications"), 1);
	cJSON_Delete(d);
	/* Ann's news are hers: untouched by Bob's first visit. */
	d = view(s->p, s->ann, 0, "dashboard", NULL);
	assert_int_equal(num(d, "unread_notifications"), 2);
	cJSON_Delete(d);
	portal_session_free(first);
	portal_session_free(next);
}

static void test_access_log_keeps_the_last_100(void **state)
{
	shop *s = *state;
	cJSON *d;

	for (int i = 0; i < 105; i++) {
		portal_set_now(s->p, TH_NOW - 1000 + i);
		ok(s->p, pt_audit(s->p, "session.open", "ok", s->ann, "203.0.113.7", "n"), "log");
	}
	d = view(s->p, s->ann, 0, "access-log", NULL);
	assert_int_equal(size(d, "entries"), 100);
	assert_int_equal(num(d, "entries.0.at"), TH_NOW - 1000 + 104);
	assert_int_equal(num(d, "entries.99.at"), TH_NOW - 1000 + 5);
	cJSON_Delete(d);
}

/* Views take no argument, bar "job"; other errors are the dispatcher's. */
static void test_arguments(void **state)
{
	shop *s = *state;
	portal_buf b = PORTAL_BUF_INIT;

	assert_int_equal(portal_preview(&b, s->p, s->ann, 0, "history", "1"), PORTAL_EINVAL);
	assert_int_equal(portal_preview(&b, s->p, s->ann, 0, "job", NULL), PORTAL_EINVAL);
	assert_int_equal(portal_preview(&b, s->p, s->ann, 0, "no-such-view", NULL),
		PORTAL_ENOTFOUND);
	assert_int_equal(portal_preview(&b, s->p, s->ann, s->bob_job, "dashboard", NULL),
		PORTAL_ENOTFOUND);
	assert_null(b.ptr);
}

/* ---------------------------------------------------------------------
 * The demo shop: every client's views build, and no technician's phone
 * nor any client's notes appear in them.
 */

typedef struct phones {
	char phone[8][40];
	size_t n;
} phones;

static int collect_phone(const portal_tech *t, void *ctx)
{
	phones *w = ctx;

	if (w->n < 8 && t->phone[0])
		snprintf(w->phone[w->n++], sizeof(w->phone[0]), "%s", t->phone);
	return 0;
}

static void test_demo_views(void **state)
{
	static const char *const names[] = { "dashboard", "jobs", "history", "profile",
		"policies", "access-log" };
	portal *p = th_open_demo();
	phones ph = { .n = 0 };
	int dashboards_with_money = 0;

	(void)state;
	ok(p, portal_tech_foreach(p, collect_phone, &ph), "techs");
	assert_true(ph.n > 0);
	for (portal_id client = 1; client <= 12; client++) {
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			char *text = NULL;
			cJSON *d = view_text(p, client, 0, names[i], NULL, &text);
			for (size_t k = 0; k < ph.n; k++)
				assert_null(strstr(text, ph.phone[k]));
			if (strcmp(names[i], "dashboard") == 0 && num(d, "totals.invoiced") > 0)
				dashboards_with_money++;
			if (strcmp(names[i], "jobs") == 0) {
				const cJSON *j;
				cJSON_ArrayForEach(j, at(d, "jobs")) {
					char arg[24];
					cJSON *one;
					snprintf(arg, sizeof(arg), "%.0f", num(j, "id"));
					one = view(p, client, 0, "job", arg);
					assert_int_equal(size(one, "job.timeline"), size(j, "timeline"));
					cJSON_Delete(one);
					cJSON_Delete(view(p, client, (portal_id)num(j, "id"), "dashboard",
						NULL));
				}
			}
			cJSON_Delete(d);
			free(text);
		}
	}
	assert_true(dashboards_with_money >= 3);
	portal_close(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_frame, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dashboard, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dashboard_closed_job_leaves_open_jobs,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_dashboard_paid_job_is_not_open, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dashboard_visit_today, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dashboard_eta_against_the_window, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_access_log_one_row_per_visit, setup, teardown),
		cmocka_unit_test_setup_teardown(test_first_visit_has_no_old_news, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dashboard_job_scope, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dashboard_hidden_sections, setup, teardown),
		cmocka_unit_test_setup_teardown(test_jobs, setup, teardown),
		cmocka_unit_test_setup_teardown(test_job, setup, teardown),
		cmocka_unit_test_setup_teardown(test_job_not_found_alike, setup, teardown),
		cmocka_unit_test_setup_teardown(test_job_lists_its_documents, setup, teardown),
		cmocka_unit_test_setup_teardown(test_history, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profile, setup, teardown),
		cmocka_unit_test_setup_teardown(test_profile_pending_requests, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policies, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access_log, setup, teardown),
		cmocka_unit_test_setup_teardown(test_access_log_keeps_the_last_100, setup,
			teardown),
		cmocka_unit_test_setup_teardown(test_arguments, setup, teardown),
		cmocka_unit_test(test_demo_views),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	th_cleanup();
	return rc;
}
