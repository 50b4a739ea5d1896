/* SPDX-License-Identifier: MIT */
/*
 * test_appointment.c - unit tests for appointments, the cancellation and
 * no-show fee rules (appointment.c).
 *
 * Every test runs on a fresh shop in America/Toronto whose clock is fixed
 * at TH_NOW (Sunday 2026-11-22 10:00 EST), with three clients (Alice has
 * a home and a cottage and a job at the cottage; Bob a home and a job;
 * Carol nothing) and two technicians (Sam, active, with a phone; Lee, who
 * left). Times in the tables are written as people type them, in shop
 * time or with an explicit offset, so each row reads as the case it is.
 * Every refusal is checked three ways: the code, the field named, and a
 * fingerprint of the whole database before and after.
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

static struct {
	portal_id alice, bob, carol;
	portal_id alice_home, alice_cottage, bob_home;
	portal_id alice_job, bob_job;
	portal_id sam, lee;
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
	fx.carol = th_add_client(p, "Carol Diaz");
	fx.alice_home = th_add_address(p, fx.alice, "120", "King St W", NULL);
	fx.bob_home = th_add_address(p, fx.bob, "48", "Roncesvalles Ave", NULL);
	fx.alice_cottage = th_add_address(p, fx.alice, "9", "Lakeshore Rd", NULL);
	fx.alice_job = th_add_job(p, fx.alice, 0, fx.alice_cottage, "Dryer does not heat", 0);
	fx.bob_job = th_add_job(p, fx.bob, 0, 0, "Dryer does not heat", 0);
	assert_int_equal(portal_tech_add(&fx.sam, p, "Sam Okafor", "416-555-0177"), PORTAL_OK);
	assert_int_equal(portal_tech_add(&fx.lee, p, "Lee Chen", NULL), PORTAL_OK);
	assert_int_equal(portal_tech_set_active(p, fx.lee, 0), PORTAL_OK);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

/* A visit booked, as th_book_visit() books it, at `booked_at`; the clock
 * goes back to TH_NOW after. */
static portal_id book_at(portal *p, portal_time booked_at, portal_id client,
	const char *start, const char *end)
{
	portal_id id;

	portal_set_now(p, booked_at);
	id = th_book_visit(p, client, start, end);
	portal_set_now(p, TH_NOW);
	return id;
}

/* portal_appointment_add() for a window typed in shop time. */
static int try_window(portal *p, const char *start, const char *end)
{
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;

	f.client_id = fx.alice;
	f.window_start = th_at(p, start);
	f.window_end = th_at(p, end);
	return portal_appointment_add(NULL, p, &f);
}

static portal_appointment *get(portal *p, portal_id id)
{
	portal_appointment *a = NULL;

	assert_int_equal(portal_appointment_get(&a, p, id), PORTAL_OK);
	assert_non_null(a);
	return a;
}

static portal_appointment_status status_of(portal *p, portal_id id)
{
	portal_appointment *a = get(p, id);
	portal_appointment_status s = a->status;

	portal_appointment_free(a);
	return s;
}

static void move(portal *p, portal_id id, portal_appointment_status s, portal_time when)
{
	int rc = portal_appointment_set_status(p, id, s, when);

	if (rc != PORTAL_OK)
		fail_msg("moving appointment %lld to %s: %d (%s)", (long long)id,
			portal_appointment_status_name(s), rc, portal_errmsg(p));
}

static int count_invoice(const portal_invoice *inv, void *ctx)
{
	(void)inv;
	++*(int *)ctx;
	return 0;
}

static int invoice_count(portal *p)
{
	int n = 0;

	assert_int_equal(portal_invoice_foreach(p, NULL, count_invoice, &n), PORTAL_OK);
	return n;
}

/* The fee invoice of appointment `id`: one line of `amount` whose
 * description is `description`, for the appointment's client and job. */
static void check_fee_invoice(portal *p, const char *what, portal_id id,
	portal_money amount, const char *description)
{
	portal_appointment *a = get(p, id);
	portal_invoice *inv = NULL;
	int rc;

	if (a->fee_invoice_id == 0)
		fail_msg("%s: no fee invoice", what);
	if ((rc = portal_invoice_get(&inv, p, a->fee_invoice_id)) != PORTAL_OK)
		fail_msg("%s: invoice %lld: %d (%s)", what, (long long)a->fee_invoice_id, rc,
			portal_errmsg(p));
	assert_int_equal(inv->client_id, a->client_id);
	assert_int_equal(inv->job_id, a->job_id);
	assert_true(inv->issued_at != 0);
	assert_true(inv->number[0] != '\0');
	if (inv->line_count != 1)
		fail_msg("%s: %zu lines, want 1", what, inv->line_count);
	assert_int_equal(inv->lines[0].kind, PORTAL_LINE_OTHER_FEE);
	if (inv->lines[0].amount != amount)
		fail_msg("%s: line of %lld cents, want %lld", what,
			(long long)inv->lines[0].amount, (long long)amount);
	if (strcmp(inv->lines[0].description, description) != 0)
		fail_msg("%s: line \"%s\", want \"%s\"", what, inv->lines[0].description,
			description);
	portal_invoice_free(inv);
	portal_appointment_free(a);
}

static cJSON *parse_json(const portal_buf *buf)
{
	cJSON *root;

	assert_non_null(buf->ptr);
	root = cJSON_Parse(buf->ptr);
	if (root == NULL)
		fail_msg("not JSON: %s", buf->ptr);
	return root;
}

static const cJSON *item(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (v == NULL)
		fail_msg("no \"%s\" in the document", key);
	return v;
}

static const char *json_string(const cJSON *o, const char *key)
{
	const cJSON *v = item(o, key);

	if (!cJSON_IsString(v))
		fail_msg("\"%s\" is not a string", key);
	return v->valuestring;
}

static double json_number(const cJSON *o, const char *key)
{
	const cJSON *v = item(o, key);

	if (!cJSON_IsNumber(v))
		fail_msg("\"%s\" is not a number", key);
	return v->valuedouble;
}

/* ---------------------------------------------------------------------
 * Booking.
 */

static void test_appointment__add_books_a_scheduled_visit_with_a_door_code(void **state)
{
	portal *p = *state;
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
	portal_appointment *a;
	portal_id id = 0;

	f.client_id = fx.alice;
	f.job_id = fx.alice_job;
	f.technician_id = fx.sam;
	f.window_start = th_at(p, "2026-11-23 08:00");
	f.window_end = th_at(p, "2026-11-23 12:00");
	f.notes = "  Side door; dog is friendly.  ";
	assert_int_equal(portal_appointment_add(&id, p, &f), PORTAL_OK);
	a = get(p, id);
	assert_int_equal(a->id, id);
	assert_int_equal(a->client_id, fx.alice);
	assert_int_equal(a->job_id, fx.alice_job);
	assert_int_equal(a->technician_id, fx.sam);
	assert_int_equal(a->window_start, th_at(p, "2026-11-23T13:00:00Z"));
	assert_int_equal(a->window_end, th_at(p, "2026-11-23T17:00:00Z"));
	assert_int_equal(a->status, PORTAL_APPT_SCHEDULED);
	assert_int_equal(a->status_at, TH_NOW);
	assert_int_equal(a->cancelled_at, 0);
	assert_int_equal(a->fee_invoice_id, 0);
	assert_string_equal(a->notes, "Side door; dog is friendly.");
	assert_int_equal(strlen(a->door_code), 4);
	assert_true(strspn(a->door_code, "0123456789") == 4);
	portal_appointment_free(a);
}

static void test_appointment__address_is_given_else_the_jobs_else_the_clients_first(void **state)
{
	portal *p = *state;
	const struct {
		const char *what;
		portal_id client, job, address, want;
	} cases[] = {
		{ "given", fx.alice, 0, fx.alice_cottage, fx.alice_cottage },
		{ "given beats the job's", fx.alice, fx.alice_job, fx.alice_home, fx.alice_home },
		{ "the job's (the cottage)", fx.alice, fx.alice_job, 0, fx.alice_cottage },
		{ "the client's first", fx.alice, 0, 0, fx.alice_home },
		{ "the job's, the client's first", fx.bob, fx.bob_job, 0, fx.bob_home },
		{ "none for a client without one", fx.carol, 0, 0, 0 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
		portal_appointment *a;
		portal_id id = 0;

		f.client_id = cases[i].client;
		f.job_id = cases[i].job;
		f.address_id = cases[i].address;
		f.window_start = TH_NOW + DAY;
		f.window_end = TH_NOW + DAY + 2 * HOUR;
		assert_int_equal(portal_appointment_add(&id, p, &f), PORTAL_OK);
		a = get(p, id);
		if (a->address_id != cases[i].want)
			fail_msg("%s: address %lld, want %lld", cases[i].what,
				(long long)a->address_id, (long long)cases[i].want);
		portal_appointment_free(a);
	}
}

static void test_appointment__add_refuses_bad_fields_and_changes_nothing(void **state)
{
	portal *p = *state;
	const portal_time s = TH_NOW + DAY;
	char notes[1100];
	const struct {
		const char *what;
		portal_id client, job, address, tech;
		portal_time start, end;
		const char *notes;
		int want;
		const char *field;
	} cases[] = {
		{ "no such client", 999, 0, 0, 0, s, s + HOUR, NULL, PORTAL_ENOTFOUND, NULL },
		{ "client 0", 0, 0, 0, 0, s, s + HOUR, NULL, PORTAL_ENOTFOUND, NULL },
		{ "no such job", fx.alice, 999, 0, 0, s, s + HOUR, NULL, PORTAL_ENOTFOUND, NULL },
		{ "Bob's job for Alice", fx.alice, fx.bob_job, 0, 0, s, s + HOUR, NULL,
		  PORTAL_EINVAL, "appointment.job" },
		{ "no such address", fx.alice, 0, 999, 0, s, s + HOUR, NULL, PORTAL_ENOTFOUND, NULL },
		{ "Bob's house for Alice", fx.alice, 0, fx.bob_home, 0, s, s + HOUR, NULL,
		  PORTAL_EINVAL, "appointment.address" },
		{ "Alice's cottage for Carol", fx.carol, 0, fx.alice_cottage, 0, s, s + HOUR,
		  NULL, PORTAL_EINVAL, "appointment.address" },
		{ "no such technician", fx.alice, 0, 0, 999, s, s + HOUR, NULL,
		  PORTAL_ENOTFOUND, NULL },
		{ "a technician who left", fx.alice, 0, 0, fx.lee, s, s + HOUR, NULL,
		  PORTAL_EINVAL, "appointment.technician" },
		{ "no window start", fx.alice, 0, 0, 0, 0, s, NULL, PORTAL_EINVAL,
		  "appointment.window_start" },
		{ "no window end", fx.alice, 0, 0, 0, s, 0, NULL, PORTAL_EINVAL,
		  "appointment.window_end" },
		{ "end equal to start", fx.alice, 0, 0, 0, s, s, NULL, PORTAL_EINVAL,
		  "appointment.window_end" },
		{ "end before start", fx.alice, 0, 0, 0, s, s - 1, NULL, PORTAL_EINVAL,
		  "appointment.window_end" },
		{ "window of 12 h and 1 s", fx.alice, 0, 0, 0, s, s + 12 * HOUR + 1, NULL,
		  PORTAL_EINVAL, "appointment.window_end" },
		{ "notes of 1001 characters", fx.alice, 0, 0, 0, s, s + HOUR, notes,
		  PORTAL_EINVAL, "appointment.notes" },
		{ "notes with a control character", fx.alice, 0, 0, 0, s, s + HOUR,
		  "Ring \a twice", PORTAL_EINVAL, "appointment.notes" },
	};

	memset(notes, 'x', 1001);
	notes[1001] = '\0';
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
		portal_id out = -1;

		f.client_id = cases[i].client;
		f.job_id = cases[i].job;
		f.address_id = cases[i].address;
		f.technician_id = cases[i].tech;
		f.window_start = cases[i].start;
		f.window_end = cases[i].end;
		f.notes = cases[i].notes;
		TH_CHECK_REFUSED(p, cases[i].what, portal_appointment_add(&out, p, &f),
			cases[i].want, cases[i].field);
		if (out != -1)
			fail_msg("%s: the id was written on failure", cases[i].what);
	}
}

static void test_appointment__fields_of_an_unknown_version_are_refused(void **state)
{
	portal *p = *state;
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;

	f.version = PORTAL_APPOINTMENT_FIELDS_VERSION + 1;
	f.client_id = fx.alice;
	f.window_start = TH_NOW + DAY;
	f.window_end = TH_NOW + DAY + HOUR;
	TH_CHECK_REFUSED(p, "version 2", portal_appointment_add(NULL, p, &f), PORTAL_EINVAL, NULL);
	TH_CHECK_REFUSED(p, "NULL", portal_appointment_add(NULL, p, NULL), PORTAL_EINVAL, NULL);
}

static void test_appointment__window_of_12_elapsed_hours_is_accepted(void **state)
{
	portal *p = *state;
	const struct {
		const char *what, *start, *end;
	} cases[] = {
		{ "08:00-20:00", "2026-11-23 08:00", "2026-11-23 20:00" },
		{ "one second", "2026-11-23 08:00", "2026-11-23 08:00:01" },
		/* 20:00 EDT to 07:00 EST is 12 real hours on the night the
		 * clocks go back, though 11 by the wall clock. */
		{ "over the night DST ends", "2026-10-31 20:00", "2026-11-01 07:00" },
		/* 13 h by the clock the night the clocks go forward, 12 real. */
		{ "over the night DST starts", "2027-03-13 20:00", "2027-03-14 09:00" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id id = th_book_visit(p, fx.alice, cases[i].start, cases[i].end);
		portal_appointment *a = get(p, id);

		if (a->window_end - a->window_start > 12 * HOUR)
			fail_msg("%s: a window of %lld s", cases[i].what,
				(long long)(a->window_end - a->window_start));
		portal_appointment_free(a);
	}
	/* 12 h by the clock the night the clocks go back is 13 real hours. */
	TH_CHECK_REFUSED(p, "13 real hours over the night DST ends",
		try_window(p, "2026-10-31 20:00", "2026-11-01 08:00"), PORTAL_EINVAL,
		"appointment.window_end");
}

static void test_appointment__door_codes_are_four_random_digits(void **state)
{
	portal *p = *state;
	char first[8] = "";
	int differ = 0;

	/* 30 equal codes out of 10000 would happen once in 10^116 runs. */
	for (int i = 0; i < 30; i++) {
		portal_id id = th_book_visit(p, fx.bob, "2026-11-24 13:00", "2026-11-24 17:00");
		portal_appointment *a = get(p, id);

		if (strlen(a->door_code) != 4 || strspn(a->door_code, "0123456789") != 4)
			fail_msg("door code \"%s\" is not 4 digits", a->door_code);
		if (i == 0)
			snprintf(first, sizeof(first), "%s", a->door_code);
		else if (strcmp(first, a->door_code) != 0)
			differ = 1;
		portal_appointment_free(a);
	}
	assert_true(differ);
}

/* ---------------------------------------------------------------------
 * Statuses.
 */

static void test_appointment__status_names_labels_and_parse(void **state)
{
	static const struct {
		portal_appointment_status s;
		const char *name, *label;
	} names[] = {
		{ PORTAL_APPT_SCHEDULED, "scheduled", "Scheduled" },
		{ PORTAL_APPT_CONFIRMED, "confirmed", "Confirmed" },
		{ PORTAL_APPT_EN_ROUTE, "en_route", "En route" },
		{ PORTAL_APPT_ARRIVED, "arrived", "Arrived" },
		{ PORTAL_APPT_IN_PROGRESS, "in_progress", "In progress" },
		{ PORTAL_APPT_COMPLETED, "completed", "Completed" },
		{ PORTAL_APPT_CANCELLED, "cancelled", "Cancelled" },
		{ PORTAL_APPT_NO_SHOW, "no_show", "No show" },
	};
	static const struct {
		const char *text;
		int ok;
		portal_appointment_status want;
	} typed[] = {
		{ "en-route", 1, PORTAL_APPT_EN_ROUTE },
		{ "En route", 1, PORTAL_APPT_EN_ROUTE },
		{ "No show", 1, PORTAL_APPT_NO_SHOW },
		{ "NO_SHOW", 1, PORTAL_APPT_NO_SHOW },
		{ "in-progress", 1, PORTAL_APPT_IN_PROGRESS },
		{ "", 0, 0 },
		{ "done", 0, 0 },
		{ "canceled", 0, 0 },
		{ "scheduled but this is far too long to be a status", 0, 0 },
		{ NULL, 0, 0 },
	};
	(void)state;

	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		portal_appointment_status got;
		assert_string_equal(portal_appointment_status_name(names[i].s), names[i].name);
		assert_string_equal(portal_appointment_status_label(names[i].s), names[i].label);
		assert_int_equal(portal_appointment_status_parse(&got, names[i].name), 0);
		assert_int_equal(got, names[i].s);
		assert_int_equal(portal_appointment_status_parse(&got, names[i].label), 0);
		assert_int_equal(got, names[i].s);
	}
	assert_null(portal_appointment_status_name(0));
	assert_null(portal_appointment_status_name(9));
	assert_null(portal_appointment_status_label(9));
	for (size_t i = 0; i < ARRAY_LEN(typed); i++) {
		portal_appointment_status got = 0;
		int rc = portal_appointment_status_parse(&got, typed[i].text);
		if ((rc == 0) != typed[i].ok || (typed[i].ok && got != typed[i].want))
			fail_msg("parsing \"%s\": %d, status %d", typed[i].text ? typed[i].text : "NULL",
				rc, (int)got);
	}
}

static void test_appointment__status_moves_forward_and_may_skip_steps(void **state)
{
	static const struct {
		const char *what;
		portal_appointment_status path[6];
	} cases[] = {
		{ "every step", { PORTAL_APPT_CONFIRMED, PORTAL_APPT_EN_ROUTE, PORTAL_APPT_ARRIVED,
		  PORTAL_APPT_IN_PROGRESS, PORTAL_APPT_COMPLETED, 0 } },
		{ "straight to arrived", { PORTAL_APPT_ARRIVED, PORTAL_APPT_COMPLETED, 0 } },
		{ "straight to completed", { PORTAL_APPT_COMPLETED, 0 } },
		{ "en route then in progress", { PORTAL_APPT_EN_ROUTE, PORTAL_APPT_IN_PROGRESS, 0 } },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id id = book_at(p, TH_NOW - 6 * HOUR, fx.alice, "2026-11-22 08:00",
			"2026-11-22 12:00");
		portal_time when = TH_NOW - 6 * HOUR;

		for (size_t k = 0; cases[i].path[k]; k++) {
			portal_appointment *a;
			/* Earlier than now but after booking, except the last: now. */
			when = cases[i].path[k + 1] ? when + HOUR : 0;
			move(p, id, cases[i].path[k], when);
			a = get(p, id);
			if (a->status != cases[i].path[k] || a->status_at != (when ? when : TH_NOW))
				fail_msg("%s, step %zu: %s at %lld", cases[i].what, k,
					portal_appointment_status_name(a->status),
					(long long)a->status_at);
			portal_appointment_free(a);
		}
	}
}

static void test_appointment__status_refusals_change_nothing(void **state)
{
	portal *p = *state;
	portal_id id = book_at(p, TH_NOW - 6 * HOUR, fx.alice, "2026-11-22 08:00",
		"2026-11-22 12:00");
	portal_id done = th_book_visit(p, fx.alice, "2026-11-22 08:00", "2026-11-22 12:00");
	const struct {
		const char *what;
		portal_id id;
		portal_appointment_status status;
		portal_time at;
		int want;
		const char *field;
	} cases[] = {
		{ "back to scheduled", id, PORTAL_APPT_SCHEDULED, 0, PORTAL_ERULE, NULL },
		{ "back to confirmed from en route", id, PORTAL_APPT_CONFIRMED, 0, PORTAL_ERULE,
		  NULL },
		{ "en route again", id, PORTAL_APPT_EN_ROUTE, 0, PORTAL_ERULE, NULL },
		{ "cancelled through set_status", id, PORTAL_APPT_CANCELLED, 0, PORTAL_EINVAL,
		  "appointment.status" },
		{ "no-show through set_status", id, PORTAL_APPT_NO_SHOW, 0, PORTAL_EINVAL,
		  "appointment.status" },
		{ "unknown status 0", id, 0, 0, PORTAL_EINVAL, "appointment.status" },
		{ "unknown status 9", id, 9, 0, PORTAL_EINVAL, "appointment.status" },
		{ "one second in the future", id, PORTAL_APPT_ARRIVED, TH_NOW + 1, PORTAL_EINVAL,
		  "appointment.at" },
		{ "before the last change", id, PORTAL_APPT_ARRIVED, TH_NOW - HOUR - 1,
		  PORTAL_EINVAL, "appointment.at" },
		{ "a completed visit", done, PORTAL_APPT_IN_PROGRESS, 0, PORTAL_ERULE, NULL },
		{ "no such appointment", 999, PORTAL_APPT_CONFIRMED, 0, PORTAL_ENOTFOUND, NULL },
	};

	move(p, id, PORTAL_APPT_EN_ROUTE, TH_NOW - HOUR);
	move(p, done, PORTAL_APPT_COMPLETED, 0);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		TH_CHECK_REFUSED(p, cases[i].what, portal_appointment_set_status(p, cases[i].id,
			cases[i].status, cases[i].at), cases[i].want, cases[i].field);
	/* At the time of the last change exactly is not earlier. */
	move(p, id, PORTAL_APPT_ARRIVED, TH_NOW - HOUR);
	assert_int_equal(status_of(p, id), PORTAL_APPT_ARRIVED);
}

static void test_appointment__final_statuses_do_not_change(void **state)
{
	portal *p = *state;
	portal_id cancelled = th_book_visit(p, fx.alice, "2026-11-25 08:00", "2026-11-25 12:00");
	portal_id missed = th_book_visit(p, fx.alice, "2026-11-22 08:00", "2026-11-22 12:00");
	portal_id completed = th_book_visit(p, fx.alice, "2026-11-22 08:00", "2026-11-22 12:00");
	const portal_id ids[] = { cancelled, missed, completed };
	const char *const names[] = { "cancelled", "no-show", "completed" };

	assert_int_equal(portal_appointment_cancel(NULL, p, cancelled), PORTAL_OK);
	assert_int_equal(portal_shop_set(p, "no_show_fee", "0"), PORTAL_OK);
	assert_int_equal(portal_appointment_no_show(NULL, p, missed), PORTAL_OK);
	move(p, completed, PORTAL_APPT_COMPLETED, 0);
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		char what[64];

		snprintf(what, sizeof(what), "%s: set_status", names[i]);
		TH_CHECK_REFUSED(p, what, portal_appointment_set_status(p, ids[i],
			PORTAL_APPT_COMPLETED, 0), PORTAL_ERULE, NULL);
		snprintf(what, sizeof(what), "%s: assign", names[i]);
		TH_CHECK_REFUSED(p, what, portal_appointment_assign(p, ids[i], fx.sam),
			PORTAL_ERULE, NULL);
		snprintf(what, sizeof(what), "%s: cancel", names[i]);
		TH_CHECK_REFUSED(p, what, portal_appointment_cancel(NULL, p, ids[i]),
			PORTAL_ERULE, NULL);
		snprintf(what, sizeof(what), "%s: cancel quote", names[i]);
		TH_CHECK_REFUSED(p, what, portal_appointment_cancel_quote(NULL, p, ids[i], 0),
			PORTAL_ERULE, NULL);
		snprintf(what, sizeof(what), "%s: no-show", names[i]);
		TH_CHECK_REFUSED(p, what, portal_appointment_no_show(NULL, p, ids[i]),
			PORTAL_ERULE, NULL);
	}
}

/* ---------------------------------------------------------------------
 * Assigning a technician.
 */

static void test_appointment__assign_sets_an_active_technician(void **state)
{
	portal *p = *state;
	portal_id id = th_book_visit(p, fx.bob, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_appointment *a;

	assert_int_equal(portal_appointment_assign(p, id, fx.sam), PORTAL_OK);
	a = get(p, id);
	assert_int_equal(a->technician_id, fx.sam);
	assert_int_equal(a->status, PORTAL_APPT_SCHEDULED);
	portal_appointment_free(a);

	TH_CHECK_REFUSED(p, "a technician who left", portal_appointment_assign(p, id, fx.lee),
		PORTAL_EINVAL, "appointment.technician");
	TH_CHECK_REFUSED(p, "no such technician", portal_appointment_assign(p, id, 999),
		PORTAL_ENOTFOUND, NULL);
	TH_CHECK_REFUSED(p, "no such appointment", portal_appointment_assign(p, 999, fx.sam),
		PORTAL_ENOTFOUND, NULL);
}

/* ---------------------------------------------------------------------
 * Cancelling: the 12-hour rule, in real seconds.
 */

static void test_appointment__cancellation_fee_rule(void **state)
{
	static const struct {
		const char *what;
		const char *start, *end;    /* the window, shop time */
		const char *at;             /* when the customer cancels */
		const char *free_until;     /* the last free instant, with offset */
		int late;
		const char *fee_line;       /* the invoice line; NULL: no invoice */
	} cases[] = {
		{ "exactly 12 h before: free",
		  "2026-11-23 08:00", "2026-11-23 12:00", "2026-11-22 20:00:00",
		  "2026-11-22T20:00:00-05:00", 0, NULL },
		{ "1 s inside the 12 h: fee",
		  "2026-11-23 08:00", "2026-11-23 12:00", "2026-11-22 20:00:01",
		  "2026-11-22T20:00:00-05:00", 1,
		  "Late cancellation fee: visit of Mon 23 Nov 2026, 8:00 am\xe2\x80\x93" "12:00 pm" },
		{ "long before: free",
		  "2026-12-10 13:00", "2026-12-10 17:00", "2026-11-22 10:00",
		  "2026-12-10T01:00:00-05:00", 0, NULL },
		{ "after the window started: fee",
		  "2026-11-23 08:00", "2026-11-23 12:00", "2026-11-23 09:30",
		  "2026-11-22T20:00:00-05:00", 1,
		  "Late cancellation fee: visit of Mon 23 Nov 2026, 8:00 am\xe2\x80\x93" "12:00 pm" },
		/* DST starts in Toronto on 2027-03-14 at 02:00 (to 03:00): 12 real
		 * hours before 08:00 EDT is 19:00 EST the evening before, not
		 * 20:00 as the wall clock would say. */
		{ "DST starts: 12 real hours before is 19:00 EST, free",
		  "2027-03-14 08:00", "2027-03-14 12:00", "2027-03-13 19:00:00",
		  "2027-03-13T19:00:00-05:00", 0, NULL },
		{ "DST starts: 1 s after 19:00 EST, fee",
		  "2027-03-14 08:00", "2027-03-14 12:00", "2027-03-13 19:00:01",
		  "2027-03-13T19:00:00-05:00", 1,
		  "Late cancellation fee: visit of Sun 14 Mar 2027, 8:00 am\xe2\x80\x93" "12:00 pm" },
		{ "DST starts: 20:00 EST, 12 h by the clock, is 11 real hours: fee",
		  "2027-03-14 08:00", "2027-03-14 12:00", "2027-03-13 20:00",
		  "2027-03-13T19:00:00-05:00", 1,
		  "Late cancellation fee: visit of Sun 14 Mar 2027, 8:00 am\xe2\x80\x93" "12:00 pm" },
		/* DST ends on 2026-11-01 at 02:00 (back to 01:00): 12 real hours
		 * before 08:00 EST is 21:00 EDT. */
		{ "DST ends: 12 real hours before is 21:00 EDT, free",
		  "2026-11-01 08:00", "2026-11-01 12:00", "2026-10-31 21:00:00",
		  "2026-10-31T21:00:00-04:00", 0, NULL },
		{ "DST ends: 1 s after 21:00 EDT, fee",
		  "2026-11-01 08:00", "2026-11-01 12:00", "2026-10-31 21:00:01",
		  "2026-10-31T21:00:00-04:00", 1,
		  "Late cancellation fee: visit of Sun 1 Nov 2026, 8:00 am\xe2\x80\x93" "12:00 pm" },
		{ "DST ends: 20:30 EDT, 11.5 h by the clock, is 12.5 real hours: free",
		  "2026-11-01 08:00", "2026-11-01 12:00", "2026-10-31 20:30",
		  "2026-10-31T21:00:00-04:00", 0, NULL },
		{ "leap day 2028-02-29: exactly 12 h before, free",
		  "2028-02-29 09:00", "2028-02-29 13:00", "2028-02-28 21:00:00",
		  "2028-02-28T21:00:00-05:00", 0, NULL },
		{ "leap day 2028-02-29: 1 s inside, fee",
		  "2028-02-29 09:00", "2028-02-29 13:00", "2028-02-28 21:00:01",
		  "2028-02-28T21:00:00-05:00", 1,
		  "Late cancellation fee: visit of Tue 29 Feb 2028, 9:00 am\xe2\x80\x93" "1:00 pm" },
		/* Windows that span the change themselves: 12 real hours before
		 * 00:00 EDT, and before the night into leap day 2028-02-29. */
		{ "window over the night DST ends: 12 h before, free",
		  "2026-11-01 00:00", "2026-11-01 04:00", "2026-10-31 12:00:00",
		  "2026-10-31T12:00:00-04:00", 0, NULL },
		{ "window over the night DST ends: 1 s inside, fee",
		  "2026-11-01 00:00", "2026-11-01 04:00", "2026-10-31 12:00:01",
		  "2026-10-31T12:00:00-04:00", 1,
		  "Late cancellation fee: visit of Sun 1 Nov 2026, 12:00\xe2\x80\x93" "4:00 am" },
		{ "window into leap day: 12 h before, free",
		  "2028-02-28 20:00", "2028-02-29 02:00", "2028-02-28 08:00:00",
		  "2028-02-28T08:00:00-05:00", 0, NULL },
		{ "window into leap day: 1 s inside, fee",
		  "2028-02-28 20:00", "2028-02-29 02:00", "2028-02-28 08:00:01",
		  "2028-02-28T08:00:00-05:00", 1,
		  "Late cancellation fee: visit of Mon 28 Feb 2028, 8:00 pm \xe2\x80\x93 "
		  "Tue 29 Feb 2028, 2:00 am" },
		{ "a window over midnight names both days",
		  "2026-11-23 20:00", "2026-11-24 02:00", "2026-11-23 19:00",
		  "2026-11-23T08:00:00-05:00", 1,
		  "Late cancellation fee: visit of Mon 23 Nov 2026, 8:00 pm \xe2\x80\x93 "
		  "Tue 24 Nov 2026, 2:00 am" },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *what = cases[i].what;
		portal_time when = th_at(p, cases[i].at);
		portal_id id = book_at(p, when - HOUR, fx.alice, cases[i].start, cases[i].end);
		portal_cancellation q = { -1, -1, -1 }, done = { -1, -1, -1 };
		portal_appointment *a;
		int invoices = invoice_count(p), rc;

		/* The quote at `when`, asked now: changes nothing. */
		{
			char *before = th_fingerprint(th_db_path());
			char *after;
			rc = portal_appointment_cancel_quote(&q, p, id, when);
			after = th_fingerprint(th_db_path());
			assert_string_equal(before, after);
			free(before);
			free(after);
		}
		if (rc != PORTAL_OK)
			fail_msg("%s: quote: %d (%s)", what, rc, portal_errmsg(p));
		if (q.free_until != th_at(p, cases[i].free_until) || q.late != cases[i].late ||
		    q.fee != (cases[i].late ? 6000 : 0))
			fail_msg("%s: free until %lld, late %d, fee %lld; want %lld, %d", what,
				(long long)q.free_until, q.late, (long long)q.fee,
				(long long)th_at(p, cases[i].free_until), cases[i].late);

		/* Cancelling then applies the same rule, once. */
		portal_set_now(p, when);
		if ((rc = portal_appointment_cancel(&done, p, id)) != PORTAL_OK)
			fail_msg("%s: cancel: %d (%s)", what, rc, portal_errmsg(p));
		assert_int_equal(done.free_until, q.free_until);
		assert_int_equal(done.late, q.late);
		assert_int_equal(done.fee, q.fee);
		a = get(p, id);
		assert_int_equal(a->status, PORTAL_APPT_CANCELLED);
		assert_int_equal(a->cancelled_at, when);
		assert_int_equal(a->status_at, when);
		if (cases[i].fee_line) {
			check_fee_invoice(p, what, id, 6000, cases[i].fee_line);
			assert_int_equal(invoice_count(p), invoices + 1);
		} else {
			assert_int_equal(a->fee_invoice_id, 0);
			assert_int_equal(invoice_count(p), invoices);
		}
		portal_appointment_free(a);
		portal_set_now(p, TH_NOW);
	}
}

static void test_appointment__cancelled_fee_lands_once(void **state)
{
	portal *p = *state;
	portal_id id = th_book_visit(p, fx.alice, "2026-11-22 14:00", "2026-11-22 18:00");
	portal_cancellation q;
	int invoices;

	assert_int_equal(portal_appointment_cancel(&q, p, id), PORTAL_OK);
	assert_true(q.late);
	assert_int_equal(q.fee, 6000);
	invoices = invoice_count(p);
	assert_int_equal(invoices, 1);
	/* The fingerprint covers the invoices: none is added. */
	TH_CHECK_REFUSED(p, "cancel again", portal_appointment_cancel(&q, p, id),
		PORTAL_ERULE, NULL);
	TH_CHECK_REFUSED(p, "a no-show after the cancellation",
		portal_appointment_no_show(NULL, p, id), PORTAL_ERULE, NULL);
	assert_int_equal(invoice_count(p), invoices);
}

static void test_appointment__cancel_is_refused_once_the_technician_arrived(void **state)
{
	portal *p = *state;
	const struct {
		const char *what;
		portal_appointment_status status;
		int allowed;
	} cases[] = {
		{ "confirmed", PORTAL_APPT_CONFIRMED, 1 },
		{ "en route", PORTAL_APPT_EN_ROUTE, 1 },
		{ "arrived", PORTAL_APPT_ARRIVED, 0 },
		{ "in progress", PORTAL_APPT_IN_PROGRESS, 0 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id id = th_book_visit(p, fx.alice, "2026-11-22 09:00", "2026-11-22 13:00");

		move(p, id, cases[i].status, 0);
		if (cases[i].allowed) {
			assert_int_equal(portal_appointment_cancel(NULL, p, id), PORTAL_OK);
			assert_int_equal(status_of(p, id), PORTAL_APPT_CANCELLED);
		} else {
			TH_CHECK_REFUSED(p, cases[i].what, portal_appointment_cancel(NULL, p, id),
				PORTAL_ERULE, NULL);
			TH_CHECK_REFUSED(p, cases[i].what,
				portal_appointment_cancel_quote(NULL, p, id, 0), PORTAL_ERULE, NULL);
		}
	}
	TH_CHECK_REFUSED(p, "no such appointment", portal_appointment_cancel(NULL, p, 999),
		PORTAL_ENOTFOUND, NULL);
	TH_CHECK_REFUSED(p, "quote of no such appointment",
		portal_appointment_cancel_quote(NULL, p, 999, 0), PORTAL_ENOTFOUND, NULL);
}

static void test_appointment__zero_fees_charge_nothing(void **state)
{
	portal *p = *state;
	portal_id late = th_book_visit(p, fx.alice, "2026-11-22 14:00", "2026-11-22 18:00");
	portal_id missed = th_book_visit(p, fx.bob, "2026-11-22 08:00", "2026-11-22 12:00");
	portal_cancellation q;
	portal_money fee = -1;
	portal_appointment *a;

	assert_int_equal(portal_shop_set(p, "late_cancellation_fee", "0"), PORTAL_OK);
	assert_int_equal(portal_shop_set(p, "no_show_fee", "0.00"), PORTAL_OK);
	assert_int_equal(portal_appointment_cancel(&q, p, late), PORTAL_OK);
	assert_true(q.late);
	assert_int_equal(q.fee, 0);
	assert_int_equal(portal_appointment_no_show(&fee, p, missed), PORTAL_OK);
	assert_int_equal(fee, 0);
	a = get(p, late);
	assert_int_equal(a->fee_invoice_id, 0);
	portal_appointment_free(a);
	a = get(p, missed);
	assert_int_equal(a->status, PORTAL_APPT_NO_SHOW);
	assert_int_equal(a->fee_invoice_id, 0);
	portal_appointment_free(a);
	assert_int_equal(invoice_count(p), 0);
}

static void test_appointment__notice_and_fee_follow_the_settings(void **state)
{
	portal *p = *state;
	portal_id id = th_book_visit(p, fx.alice, "2026-11-24 10:00", "2026-11-24 12:00");
	portal_cancellation q;

	assert_int_equal(portal_shop_set(p, "cancellation_notice_hours", "48"), PORTAL_OK);
	assert_int_equal(portal_shop_set(p, "late_cancellation_fee", "75.50"), PORTAL_OK);
	assert_int_equal(portal_appointment_cancel_quote(&q, p, id, 0), PORTAL_OK);
	assert_int_equal(q.free_until, th_at(p, "2026-11-22 10:00"));
	assert_false(q.late);
	assert_int_equal(portal_appointment_cancel_quote(&q, p, id, TH_NOW + 1), PORTAL_OK);
	assert_true(q.late);
	assert_int_equal(q.fee, 7550);
}

/* ---------------------------------------------------------------------
 * No-shows.
 */

/* The words of the no-show cases' windows on 22 November, by their start. */
static const char *window_words(const char *start)
{
	if (strncmp(start + 11, "10:00", 5) == 0)
		return "10:00 am\xe2\x80\x93" "2:00 pm";
	if (strncmp(start + 11, "08:00", 5) == 0)
		return "8:00 am\xe2\x80\x93" "12:00 pm";
	return "6:00\xe2\x80\x93" "8:00 am";
}

static void test_appointment__no_show_rule(void **state)
{
	static const struct {
		const char *what;
		const char *start, *end;
		portal_appointment_status before;   /* 0: scheduled */
		int want;
	} cases[] = {
		{ "before the window: refused", "2026-11-22 10:00:01", "2026-11-22 14:00", 0,
		  PORTAL_ERULE },
		{ "confirmed, tomorrow: refused", "2026-11-23 08:00", "2026-11-23 12:00",
		  PORTAL_APPT_CONFIRMED, PORTAL_ERULE },
		{ "at the window's start: fee", "2026-11-22 10:00", "2026-11-22 14:00", 0,
		  PORTAL_OK },
		{ "inside the window: fee", "2026-11-22 08:00", "2026-11-22 12:00", 0, PORTAL_OK },
		{ "after the window: fee", "2026-11-22 06:00", "2026-11-22 08:00", 0, PORTAL_OK },
		{ "confirmed: fee", "2026-11-22 08:00", "2026-11-22 12:00",
		  PORTAL_APPT_CONFIRMED, PORTAL_OK },
		{ "en route: fee", "2026-11-22 08:00", "2026-11-22 12:00",
		  PORTAL_APPT_EN_ROUTE, PORTAL_OK },
		{ "arrived, nobody home: fee", "2026-11-22 08:00", "2026-11-22 12:00",
		  PORTAL_APPT_ARRIVED, PORTAL_OK },
		{ "in progress: refused", "2026-11-22 08:00", "2026-11-22 12:00",
		  PORTAL_APPT_IN_PROGRESS, PORTAL_ERULE },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		const char *what = cases[i].what;
		portal_id id = th_book_visit(p, fx.bob, cases[i].start, cases[i].end);
		portal_money fee = -1;
		char line[128];

		if (cases[i].before)
			move(p, id, cases[i].before, 0);
		if (cases[i].want != PORTAL_OK) {
			TH_CHECK_REFUSED(p, what, portal_appointment_no_show(&fee, p, id),
				cases[i].want, NULL);
			assert_int_equal(fee, -1);
			continue;
		}
		if (portal_appointment_no_show(&fee, p, id) != PORTAL_OK)
			fail_msg("%s: %s", what, portal_errmsg(p));
		assert_int_equal(fee, 6000);
		assert_int_equal(status_of(p, id), PORTAL_APPT_NO_SHOW);
		snprintf(line, sizeof(line), "Missed appointment fee: visit of Sun 22 Nov 2026, %s",
			window_words(cases[i].start));
		check_fee_invoice(p, what, id, 6000, line);
		TH_CHECK_REFUSED(p, "no-show again", portal_appointment_no_show(&fee, p, id),
			PORTAL_ERULE, NULL);
		TH_CHECK_REFUSED(p, "cancel after a no-show", portal_appointment_cancel(NULL, p, id),
			PORTAL_ERULE, NULL);
	}
	TH_CHECK_REFUSED(p, "no such appointment", portal_appointment_no_show(NULL, p, 999),
		PORTAL_ENOTFOUND, NULL);
}

static void test_appointment__no_show_fee_is_charged_to_the_job(void **state)
{
	portal *p = *state;
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
	portal_appointment *a;
	portal_invoice *inv = NULL;
	portal_id id = 0;

	f.client_id = fx.alice;
	f.job_id = fx.alice_job;
	f.window_start = th_at(p, "2026-11-22 08:00");
	f.window_end = th_at(p, "2026-11-22 12:00");
	assert_int_equal(portal_appointment_add(&id, p, &f), PORTAL_OK);
	assert_int_equal(portal_appointment_no_show(NULL, p, id), PORTAL_OK);
	a = get(p, id);
	assert_int_equal(portal_invoice_get(&inv, p, a->fee_invoice_id), PORTAL_OK);
	assert_int_equal(inv->job_id, fx.alice_job);
	assert_int_equal(inv->client_id, fx.alice);
	portal_invoice_free(inv);
	portal_appointment_free(a);
}

/* ---------------------------------------------------------------------
 * Walks and filters.
 */

struct walk {
	size_t n;
	portal_id ids[16];
	int stop_after;
};

static int collect(const portal_appointment *a, void *ctx)
{
	struct walk *w = ctx;

	if (w->n < ARRAY_LEN(w->ids))
		w->ids[w->n] = a->id;
	w->n++;
	return w->stop_after && (int)w->n == w->stop_after ? 42 : 0;
}

static void check_walk(portal *p, const char *what, const portal_appointment_filter *f,
	const portal_id *want, size_t nwant)
{
	struct walk w = { 0, { 0 }, 0 };
	int rc = portal_appointment_foreach(p, f, collect, &w);

	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
	if (w.n != nwant)
		fail_msg("%s: %zu appointments, want %zu", what, w.n, nwant);
	for (size_t i = 0; i < nwant; i++)
		if (w.ids[i] != want[i])
			fail_msg("%s: [%zu] is #%lld, want #%lld", what, i, (long long)w.ids[i],
				(long long)want[i]);
}

static void test_appointment__foreach_filters_by_client_technician_and_window(void **state)
{
	portal *p = *state;
	/* Booked out of order: the walk goes by window start. */
	portal_id c = th_book_visit(p, fx.alice, "2026-11-24 08:00", "2026-11-24 12:00");
	portal_id a = th_book_visit(p, fx.alice, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_id b = th_book_visit(p, fx.bob, "2026-11-23 13:00", "2026-11-23 17:00");
	portal_id d = th_book_visit(p, fx.bob, "2026-11-25 08:00", "2026-11-25 12:00");
	const portal_time a_start = th_at(p, "2026-11-23 08:00");
	const portal_time a_end = th_at(p, "2026-11-23 12:00");
	const struct {
		const char *what;
		portal_appointment_filter f;
		portal_id want[5];
		size_t n;
	} cases[] = {
		{ "all, by window start", { 0, 0, 0, 0 }, { a, b, c, d }, 4 },
		{ "Alice's", { fx.alice, 0, 0, 0 }, { a, c }, 2 },
		{ "Bob's", { fx.bob, 0, 0, 0 }, { b, d }, 2 },
		{ "Carol has none", { fx.carol, 0, 0, 0 }, { 0 }, 0 },
		{ "Sam's", { 0, fx.sam, 0, 0 }, { b, c }, 2 },
		{ "Bob's with Sam", { fx.bob, fx.sam, 0, 0 }, { b }, 1 },
		{ "from a's end: a ends there, so it is out", { 0, 0, a_end, 0 }, { b, c, d }, 3 },
		{ "from 1 s before a's end: a overlaps", { 0, 0, a_end - 1, 0 }, { a, b, c, d }, 4 },
		{ "to a's start: a starts there, so it is out", { 0, 0, 0, a_start }, { 0 }, 0 },
		{ "to 1 s after a's start", { 0, 0, 0, a_start + 1 }, { a }, 1 },
		{ "[11:00, 14:00) on the 23rd overlaps a and b",
		  { 0, 0, a_end - HOUR, a_end + 2 * HOUR }, { a, b }, 2 },
	};

	assert_int_equal(portal_appointment_assign(p, b, fx.sam), PORTAL_OK);
	assert_int_equal(portal_appointment_assign(p, c, fx.sam), PORTAL_OK);
	check_walk(p, "NULL filter", NULL, cases[0].want, 4);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		check_walk(p, cases[i].what, &cases[i].f, cases[i].want, cases[i].n);
}

static void test_appointment__filter_day_is_the_shops_day(void **state)
{
	portal *p = *state;
	/* 2026-11-01 lasts 25 hours in Toronto: a 24-hour day from midnight
	 * would end at 23:00 EST and miss the evening visit. */
	portal_id morning = th_book_visit(p, fx.alice, "2026-11-01 00:30", "2026-11-01 03:00");
	portal_id evening = th_book_visit(p, fx.alice, "2026-11-01 23:30", "2026-11-01 23:59");
	portal_id before = th_book_visit(p, fx.alice, "2026-10-31 20:00", "2026-11-01 00:00");
	portal_id next = th_book_visit(p, fx.alice, "2026-11-02 00:00", "2026-11-02 04:00");
	portal_id today = th_book_visit(p, fx.bob, "2026-11-22 13:00", "2026-11-22 17:00");
	portal_id tomorrow = th_book_visit(p, fx.bob, "2026-11-23 00:00", "2026-11-23 01:00");
	portal_appointment_filter f = { 0, 0, 0, 0 };
	const portal_id want_nov1[] = { morning, evening };
	const portal_id want_today[] = { today };

	(void)before;
	(void)next;
	(void)tomorrow;
	assert_int_equal(portal_appointment_filter_day(&f, p, "2026-11-01"), PORTAL_OK);
	assert_int_equal(f.from, th_at(p, "2026-11-01T00:00:00-04:00"));
	assert_int_equal(f.to, th_at(p, "2026-11-02T00:00:00-05:00"));
	assert_int_equal(f.to - f.from, 25 * HOUR);
	check_walk(p, "2026-11-01", &f, want_nov1, ARRAY_LEN(want_nov1));

	f.client_id = fx.bob;
	assert_int_equal(portal_appointment_filter_day(&f, p, "today"), PORTAL_OK);
	assert_int_equal(f.client_id, fx.bob);
	assert_int_equal(f.from, th_at(p, "2026-11-22 00:00"));
	check_walk(p, "today", &f, want_today, ARRAY_LEN(want_today));

	{
		static const char *const bad[] = { "2026-02-30", "tomorrow", "", "2026-11-1", NULL };
		for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
			portal_appointment_filter g = { 0, 0, 7, 8 };
			if (portal_appointment_filter_day(&g, p, bad[i]) != PORTAL_EINVAL ||
			    g.from != 7 || g.to != 8)
				fail_msg("day \"%s\" was accepted", bad[i] ? bad[i] : "NULL");
			assert_string_equal(portal_errfield(p), "appointment.day");
		}
	}
}

static void test_appointment__foreach_stops_when_the_callback_says(void **state)
{
	portal *p = *state;
	struct walk w = { 0, { 0 }, 2 };

	th_book_visit(p, fx.alice, "2026-11-23 08:00", "2026-11-23 12:00");
	th_book_visit(p, fx.alice, "2026-11-24 08:00", "2026-11-24 12:00");
	th_book_visit(p, fx.alice, "2026-11-25 08:00", "2026-11-25 12:00");
	assert_int_equal(portal_appointment_foreach(p, NULL, collect, &w), 42);
	assert_int_equal(w.n, 2);
}

/* ---------------------------------------------------------------------
 * JSON.
 */

static void test_appointment__json_has_the_visit_and_its_cancellation_terms(void **state)
{
	portal *p = *state;
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
	portal_buf out = PORTAL_BUF_INIT;
	const cJSON *terms, *address;
	portal_appointment *a;
	portal_id id = 0;
	cJSON *root;

	f.client_id = fx.alice;
	f.job_id = fx.alice_job;
	f.technician_id = fx.sam;
	f.window_start = th_at(p, "2026-11-23 08:00");
	f.window_end = th_at(p, "2026-11-23 12:00");
	f.notes = "Gate code 12";
	assert_int_equal(portal_appointment_add(&id, p, &f), PORTAL_OK);
	move(p, id, PORTAL_APPT_CONFIRMED, 0);
	assert_int_equal(portal_appointment_json(&out, p, id), PORTAL_OK);
	/* The technician's phone is for the shop, never in this document. */
	assert_false(th_contains(&out, "4165550177"));
	root = parse_json(&out);
	a = get(p, id);
	assert_int_equal((portal_id)json_number(root, "id"), id);
	assert_int_equal((portal_id)json_number(root, "client_id"), fx.alice);
	assert_string_equal(json_string(root, "client_name"), "Alice Martin");
	assert_int_equal((portal_id)json_number(root, "job_id"), fx.alice_job);
	assert_int_equal((portal_id)json_number(root, "address_id"), fx.alice_cottage);
	address = item(root, "address");
	assert_string_equal(json_string(address, "street"), "Lakeshore Rd");
	assert_int_equal((portal_id)json_number(root, "technician_id"), fx.sam);
	assert_string_equal(json_string(root, "technician_name"), "Sam Okafor");
	assert_string_equal(json_string(root, "window_start"), "2026-11-23T08:00:00-05:00");
	assert_string_equal(json_string(root, "window_end"), "2026-11-23T12:00:00-05:00");
	assert_string_equal(json_string(root, "status"), "confirmed");
	assert_string_equal(json_string(root, "status_label"), "Confirmed");
	assert_string_equal(json_string(root, "status_at"), "2026-11-22T10:00:00-05:00");
	assert_true(cJSON_IsNull(item(root, "cancelled_at")));
	assert_string_equal(json_string(root, "door_code"), a->door_code);
	assert_string_equal(json_string(root, "notes"), "Gate code 12");
	assert_true(cJSON_IsNull(item(root, "fee_invoice_id")));
	assert_true(cJSON_IsNull(item(root, "fee_invoice_number")));
	terms = item(root, "cancellation");
	assert_string_equal(json_string(terms, "free_until"), "2026-11-22T20:00:00-05:00");
	assert_true(cJSON_IsFalse(item(terms, "late")));
	assert_int_equal((int)json_number(terms, "fee"), 0);
	cJSON_Delete(root);
	portal_buf_dispose(&out);
	portal_appointment_free(a);

	/* Inside the notice: the document says what cancelling costs. */
	portal_set_now(p, th_at(p, "2026-11-22 21:00"));
	assert_int_equal(portal_appointment_json(&out, p, id), PORTAL_OK);
	root = parse_json(&out);
	terms = item(root, "cancellation");
	assert_true(cJSON_IsTrue(item(terms, "late")));
	assert_int_equal((int)json_number(terms, "fee"), 6000);
	assert_string_equal(json_string(terms, "fee_text"), "60.00");
	cJSON_Delete(root);
	portal_buf_dispose(&out);

	/* Cancelled: no more terms, the fee's invoice instead. */
	assert_int_equal(portal_appointment_cancel(NULL, p, id), PORTAL_OK);
	assert_int_equal(portal_appointment_json(&out, p, id), PORTAL_OK);
	root = parse_json(&out);
	a = get(p, id);
	{
		portal_invoice *inv = NULL;
		assert_int_equal(portal_invoice_get(&inv, p, a->fee_invoice_id), PORTAL_OK);
		assert_string_equal(json_string(root, "fee_invoice_number"), inv->number);
		portal_invoice_free(inv);
	}
	assert_int_equal((portal_id)json_number(root, "fee_invoice_id"), a->fee_invoice_id);
	assert_string_equal(json_string(root, "status"), "cancelled");
	assert_string_equal(json_string(root, "cancelled_at"), "2026-11-22T21:00:00-05:00");
	assert_true(cJSON_IsNull(item(root, "cancellation")));
	cJSON_Delete(root);
	portal_buf_dispose(&out);
	portal_appointment_free(a);
}

static void test_appointment__json_without_address_or_technician_has_nulls(void **state)
{
	portal *p = *state;
	portal_id id = th_book_visit(p, fx.carol, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_buf out = PORTAL_BUF_INIT;
	cJSON *root;

	move(p, id, PORTAL_APPT_ARRIVED, 0);
	assert_int_equal(portal_appointment_json(&out, p, id), PORTAL_OK);
	root = parse_json(&out);
	assert_true(cJSON_IsNull(item(root, "job_id")));
	assert_true(cJSON_IsNull(item(root, "address_id")));
	assert_true(cJSON_IsNull(item(root, "address")));
	assert_true(cJSON_IsNull(item(root, "technician_id")));
	assert_true(cJSON_IsNull(item(root, "technician_name")));
	/* Arrived: too late to cancel at all. */
	assert_true(cJSON_IsNull(item(root, "cancellation")));
	cJSON_Delete(root);
	portal_buf_dispose(&out);

	TH_CHECK_REFUSED(p, "json of no such appointment",
		portal_appointment_json(&out, p, 999), PORTAL_ENOTFOUND, NULL);
	assert_null(out.ptr);
}

static void test_appointment__list_json_follows_the_filter(void **state)
{
	portal *p = *state;
	portal_id b = th_book_visit(p, fx.bob, "2026-11-24 08:00", "2026-11-24 12:00");
	portal_id a = th_book_visit(p, fx.alice, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_appointment_filter f = { fx.alice, 0, 0, 0 };
	portal_buf out = PORTAL_BUF_INIT;
	cJSON *arr;

	assert_int_equal(portal_appointment_list_json(&out, p, NULL), PORTAL_OK);
	arr = parse_json(&out);
	assert_int_equal(cJSON_GetArraySize(arr), 2);
	assert_int_equal((portal_id)json_number(cJSON_GetArrayItem(arr, 0), "id"), a);
	assert_int_equal((portal_id)json_number(cJSON_GetArrayItem(arr, 1), "id"), b);
	cJSON_Delete(arr);
	portal_buf_dispose(&out);

	assert_int_equal(portal_appointment_list_json(&out, p, &f), PORTAL_OK);
	arr = parse_json(&out);
	assert_int_equal(cJSON_GetArraySize(arr), 1);
	assert_string_equal(json_string(cJSON_GetArrayItem(arr, 0), "client_name"), "Alice Martin");
	cJSON_Delete(arr);
	portal_buf_dispose(&out);
}

/* ---------------------------------------------------------------------
 */

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_appointment__add_books_a_scheduled_visit_with_a_door_code),
		T(test_appointment__address_is_given_else_the_jobs_else_the_clients_first),
		T(test_appointment__add_refuses_bad_fields_and_changes_nothing),
		T(test_appointment__fields_of_an_unknown_version_are_refused),
		T(test_appointment__window_of_12_elapsed_hours_is_accepted),
		T(test_appointment__door_codes_are_four_random_digits),
		T(test_appointment__status_names_labels_and_parse),
		T(test_appointment__status_moves_forward_and_may_skip_steps),
		T(test_appointment__status_refusals_change_nothing),
		T(test_appointment__final_statuses_do_not_change),
		T(test_appointment__assign_sets_an_active_technician),
		T(test_appointment__cancellation_fee_rule),
		T(test_appointment__cancelled_fee_lands_once),
		T(test_appointment__cancel_is_refused_once_the_technician_arrived),
		T(test_appointment__zero_fees_charge_nothing),
		T(test_appointment__notice_and_fee_follow_the_settings),
		T(test_appointment__no_show_rule),
		T(test_appointment__no_show_fee_is_charged_to_the_job),
		T(test_appointment__foreach_filters_by_client_technician_and_window),
		T(test_appointment__filter_day_is_the_shops_day),
		T(test_appointment__foreach_stops_when_the_callback_says),
		T(test_appointment__json_has_the_visit_and_its_cancellation_terms),
		T(test_appointment__json_without_address_or_technician_has_nulls),
		T(test_appointment__list_json_follows_the_filter),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
