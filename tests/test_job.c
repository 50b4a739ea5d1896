/* SPDX-License-Identifier: MIT */
/*
 * test_job.c - unit tests for jobs and their status timelines (job.c).
 *
 * Every test runs on a fresh shop database whose clock is fixed at TH_NOW
 * (2026-11-22T15:00:00Z, 10:00 in Toronto), with three clients: Alice has
 * two addresses and a fridge, Bob one address and a truck, Carol nothing.
 * Every refusal is checked three ways: the return code, the field named by
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

/* For th_check_refusal(): any field may be named, but one must be. */

#define HOUR ((portal_time)3600)
#define DAY (24 * HOUR)

/* The records every test starts with. */
static struct {
	portal_id alice, bob, carol;
	portal_id alice_home, alice_cottage, bob_home;
	portal_id alice_fridge, bob_truck;
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
	fx.alice_home = th_add_address(p, fx.alice, "120", "King St W", "ON");
	fx.bob_home = th_add_address(p, fx.bob, "48", "Roncesvalles Ave", "ON");
	fx.alice_cottage = th_add_address(p, fx.alice, "9", "Lakeshore Rd", "ON");
	fx.alice_fridge = th_add_asset(p, fx.alice, PORTAL_ASSET_APPLIANCE, "Refrigerator",
		"Whirlpool", NULL);
	fx.bob_truck = th_add_asset(p, fx.bob, PORTAL_ASSET_VEHICLE, "Pickup truck", "Ford", NULL);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static portal_job *get_job(portal *p, portal_id id)
{
	portal_job *j = NULL;

	assert_int_equal(portal_job_get(&j, p, id), PORTAL_OK);
	assert_non_null(j);
	return j;
}

static void move(portal *p, portal_id job, portal_job_status s, const char *note,
	portal_time at)
{
	int rc = portal_job_set_status(p, job, s, note, at);

	if (rc != PORTAL_OK)
		fail_msg("moving job %lld to %s: %d (%s)", (long long)job,
			portal_job_status_name(s), rc, portal_errmsg(p));
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

static cJSON *parse_json(const portal_buf *buf)
{
	cJSON *root;

	assert_non_null(buf->ptr);
	assert_int_equal(strlen(buf->ptr), buf->size);
	root = cJSON_Parse(buf->ptr);
	if (root == NULL)
		fail_msg("not JSON: %s", buf->ptr);
	return root;
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
 * Booking.
 */

static void test_job__add_books_a_job_with_one_booked_event_now(void **state)
{
	portal *p = *state;
	portal_job_fields f = PORTAL_JOB_FIELDS_INIT;
	portal_job *j;
	portal_id id = 0;

	f.client_id = fx.alice;
	f.asset_id = fx.alice_fridge;
	f.problem = "  Fridge not cooling; clicking noise.\r\nFreezer fine.  ";
	assert_int_equal(portal_job_add(&id, p, &f), PORTAL_OK);
	assert_true(id > 0);

	j = get_job(p, id);
	assert_int_equal(j->id, id);
	assert_int_equal(j->client_id, fx.alice);
	assert_int_equal(j->asset_id, fx.alice_fridge);
	assert_int_equal(j->address_id, fx.alice_home);
	assert_string_equal(j->problem, "Fridge not cooling; clicking noise.\nFreezer fine.");
	assert_int_equal(j->status, PORTAL_JOB_BOOKED);
	assert_int_equal(j->booked_at, TH_NOW);
	assert_int_equal(j->updated_at, TH_NOW);
	assert_int_equal(j->event_count, 1);
	assert_non_null(j->events);
	assert_int_equal(j->events[0].status, PORTAL_JOB_BOOKED);
	assert_int_equal(j->events[0].at, TH_NOW);
	assert_string_equal(j->events[0].note, "");
	assert_true(j->events[0].id > 0);
	portal_job_free(j);
}

static void test_job__add_with_booked_at_puts_the_booking_then(void **state)
{
	portal *p = *state;
	portal_time then = TH_NOW - 3 * DAY - 5 * HOUR;
	portal_id id = th_add_job(p, fx.bob, fx.bob_truck, 0, "Brakes squeal", then);
	portal_job *j = get_job(p, id);

	assert_int_equal(j->event_count, 1);
	assert_int_equal(j->events[0].status, PORTAL_JOB_BOOKED);
	assert_int_equal(j->events[0].at, then);
	assert_int_equal(j->booked_at, then);
	assert_int_equal(j->updated_at, then);
	assert_int_equal(j->status, PORTAL_JOB_BOOKED);
	portal_job_free(j);

	/* Exactly now is not the future. */
	id = th_add_job(p, fx.bob, 0, 0, "Oil change", TH_NOW);
	j = get_job(p, id);
	assert_int_equal(j->events[0].at, TH_NOW);
	portal_job_free(j);
}

static void test_job__add_accepts_a_null_id_pointer(void **state)
{
	portal *p = *state;
	portal_job_fields f = PORTAL_JOB_FIELDS_INIT;
	portal_job *j;

	f.client_id = fx.carol;
	f.problem = "Walk-in";
	assert_int_equal(portal_job_add(NULL, p, &f), PORTAL_OK);
	j = get_job(p, 1);
	assert_int_equal(j->client_id, fx.carol);
	portal_job_free(j);
}

static void test_job__address_defaults_to_the_clients_first_address(void **state)
{
	portal *p = *state;
	portal_id id = th_add_job(p, fx.alice, 0, 0, "Dishwasher leaks", 0);
	portal_job *j = get_job(p, id);

	/* alice_cottage was added later, after one of Bob's. */
	assert_int_equal(j->address_id, fx.alice_home);
	portal_job_free(j);

	id = th_add_job(p, fx.bob, 0, 0, "Dryer cold", 0);
	j = get_job(p, id);
	assert_int_equal(j->address_id, fx.bob_home);
	portal_job_free(j);
}

static void test_job__address_is_zero_when_the_client_has_none(void **state)
{
	portal *p = *state;
	portal_id id = th_add_job(p, fx.carol, 0, 0, "Toaster brought to the shop", 0);
	portal_job *j = get_job(p, id);

	assert_int_equal(j->address_id, 0);
	assert_int_equal(j->asset_id, 0);
	portal_job_free(j);
}

static void test_job__address_given_is_kept(void **state)
{
	portal *p = *state;
	portal_id id = th_add_job(p, fx.alice, fx.alice_fridge, fx.alice_cottage, "Cottage fridge",
		0);
	portal_job *j = get_job(p, id);

	assert_int_equal(j->address_id, fx.alice_cottage);
	portal_job_free(j);
}

static void test_job__asset_or_address_of_another_client_is_refused(void **state)
{
	portal *p = *state;
	const struct {
		const char *what;
		portal_id client, asset, address;
		const char *field;
	} cases[] = {
		{ "Bob's truck for Alice", fx.alice, fx.bob_truck, 0, "job.asset" },
		{ "Alice's fridge for Bob", fx.bob, fx.alice_fridge, fx.bob_home, "job.asset" },
		{ "Alice's fridge for Carol", fx.carol, fx.alice_fridge, 0, "job.asset" },
		{ "Bob's house for Alice", fx.alice, fx.alice_fridge, fx.bob_home, "job.address" },
		{ "Alice's cottage for Bob", fx.bob, 0, fx.alice_cottage, "job.address" },
		{ "Alice's home for Carol", fx.carol, 0, fx.alice_home, "job.address" },
	};

	th_add_job(p, fx.alice, 0, 0, "An earlier job", 0);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_job_fields f = PORTAL_JOB_FIELDS_INIT;
		portal_id out = -1;

		f.client_id = cases[i].client;
		f.asset_id = cases[i].asset;
		f.address_id = cases[i].address;
		f.problem = "Should not be booked";
		TH_CHECK_REFUSED(p, cases[i].what, portal_job_add(&out, p, &f), PORTAL_EINVAL,
			cases[i].field);
		if (out != -1)
			fail_msg("%s: the id was written on failure", cases[i].what);
	}
}

static void test_job__missing_client_asset_or_address_is_not_found(void **state)
{
	portal *p = *state;
	const struct {
		const char *what;
		portal_id client, asset, address;
	} cases[] = {
		{ "client 999", 999, 0, 0 },
		{ "client 0", 0, 0, 0 },
		{ "client -1", -1, 0, 0 },
		{ "asset 999", fx.alice, 999, 0 },
		{ "address 999", fx.alice, 0, 999 },
		{ "address 999 with asset", fx.alice, fx.alice_fridge, 999 },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_job_fields f = PORTAL_JOB_FIELDS_INIT;

		f.client_id = cases[i].client;
		f.asset_id = cases[i].asset;
		f.address_id = cases[i].address;
		f.problem = "Should not be booked";
		TH_CHECK_REFUSED(p, cases[i].what, portal_job_add(NULL, p, &f), PORTAL_ENOTFOUND,
			NULL);
	}
}

static void test_job__problem_is_required_and_at_most_2000_characters(void **state)
{
	portal *p = *state;
	char *too_long = repeat("x", 2001), *accents = repeat("é", 2001);
	const struct {
		const char *what, *problem;
	} cases[] = {
		{ "NULL", NULL },
		{ "empty", "" },
		{ "blank", " \n\t " },
		{ "2001 characters", too_long },
		{ "2001 accented characters", accents },
		{ "control character", "Beeps \a all night" },
	};

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_job_fields f = PORTAL_JOB_FIELDS_INIT;

		f.client_id = fx.alice;
		f.problem = cases[i].problem;
		TH_CHECK_REFUSED(p, cases[i].what, portal_job_add(NULL, p, &f), PORTAL_EINVAL,
			"job.problem");
	}
	free(too_long);
	free(accents);
}

static void test_job__problem_of_2000_characters_is_accepted(void **state)
{
	portal *p = *state;
	char *longest = repeat("é", 2000);
	portal_id id = th_add_job(p, fx.alice, 0, 0, longest, 0);
	portal_job *j = get_job(p, id);

	assert_string_equal(j->problem, longest);
	portal_job_free(j);
	free(longest);
}

static void test_job__booked_at_in_the_future_is_refused(void **state)
{
	static const portal_time later[] = { 1, 60, DAY, 365 * DAY };
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(later); i++) {
		portal_job_fields f = PORTAL_JOB_FIELDS_INIT;
		char what[64];

		f.client_id = fx.alice;
		f.problem = "From the future";
		f.booked_at = TH_NOW + later[i];
		snprintf(what, sizeof(what), "now + %lld s", (long long)later[i]);
		/* The header names no field; the library says which. */
		TH_CHECK_REFUSED(p, what, portal_job_add(NULL, p, &f), PORTAL_EINVAL, TH_FIELD_ANY);
	}
}

static void test_job__fields_of_an_unknown_version_are_refused(void **state)
{
	portal *p = *state;
	portal_job_fields f = PORTAL_JOB_FIELDS_INIT;

	f.version = PORTAL_JOB_FIELDS_VERSION + 1;
	f.client_id = fx.alice;
	f.problem = "Versioned";
	TH_CHECK_REFUSED(p, "version 2", portal_job_add(NULL, p, &f), PORTAL_EINVAL, NULL);
	TH_CHECK_REFUSED(p, "NULL", portal_job_add(NULL, p, NULL), PORTAL_EINVAL, NULL);
}

/* ---------------------------------------------------------------------
 * Moving a job along its timeline.
 */

static void test_job__set_status_appends_events_in_order_with_notes(void **state)
{
	static const struct {
		portal_job_status status;
		portal_time at;         /* relative to TH_NOW */
		const char *note, *want_note;
	} steps[] = {
		{ PORTAL_JOB_DIAGNOSED, -2 * DAY, "Start relay failed", "Start relay failed" },
		{ PORTAL_JOB_ESTIMATE_SENT, -2 * DAY + HOUR, NULL, "" },
		{ PORTAL_JOB_APPROVED, -DAY, "", "" },
		{ PORTAL_JOB_PARTS_ORDERED, -DAY, "  Relay on order\r\nETA Monday  ",
		  "Relay on order\nETA Monday" },
		{ PORTAL_JOB_PARTS_ARRIVED, -HOUR, "Arrived", "Arrived" },
		{ PORTAL_JOB_REPAIR_SCHEDULED, 0, "Today 10:00", "Today 10:00" },
	};
	portal *p = *state;
	portal_id id = th_add_job(p, fx.alice, fx.alice_fridge, 0, "Fridge warm", TH_NOW - 3 * DAY);
	portal_job *j;

	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		/* `at` 0 means now. */
		move(p, id, steps[i].status, steps[i].note, steps[i].at ? TH_NOW + steps[i].at : 0);
		j = get_job(p, id);
		if (j->status != steps[i].status || j->event_count != i + 2)
			fail_msg("step %zu: status %d with %zu events, want %d with %zu", i,
				(int)j->status, j->event_count, (int)steps[i].status, i + 2);
		portal_job_free(j);
	}

	j = get_job(p, id);
	assert_int_equal(j->event_count, ARRAY_LEN(steps) + 1);
	assert_int_equal(j->events[0].status, PORTAL_JOB_BOOKED);
	assert_int_equal(j->events[0].at, TH_NOW - 3 * DAY);
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		const portal_job_event *e = &j->events[i + 1];
		if (e->status != steps[i].status || e->at != TH_NOW + steps[i].at ||
		    strcmp(e->note, steps[i].want_note) != 0)
			fail_msg("event %zu: %s at %lld \"%s\", want %s at %lld \"%s\"", i + 1,
				portal_job_status_name(e->status), (long long)e->at, e->note,
				portal_job_status_name(steps[i].status),
				(long long)(TH_NOW + steps[i].at), steps[i].want_note);
		if (e->id <= j->events[i].id)
			fail_msg("event %zu: id %lld not after %lld", i + 1, (long long)e->id,
				(long long)j->events[i].id);
	}
	assert_int_equal(j->status, PORTAL_JOB_REPAIR_SCHEDULED);
	assert_int_equal(j->booked_at, TH_NOW - 3 * DAY);
	assert_int_equal(j->updated_at, TH_NOW);
	portal_job_free(j);
}

static void test_job__status_is_the_latest_event_even_at_the_same_time(void **state)
{
	portal *p = *state;
	portal_id id = th_add_job(p, fx.bob, 0, 0, "Noise", TH_NOW - HOUR);
	portal_job *j;

	move(p, id, PORTAL_JOB_DIAGNOSED, NULL, TH_NOW - HOUR);
	move(p, id, PORTAL_JOB_ESTIMATE_SENT, NULL, TH_NOW - HOUR);
	j = get_job(p, id);
	assert_int_equal(j->status, PORTAL_JOB_ESTIMATE_SENT);
	assert_int_equal(j->event_count, 3);
	assert_int_equal(j->events[2].status, PORTAL_JOB_ESTIMATE_SENT);
	assert_int_equal(j->booked_at, TH_NOW - HOUR);
	assert_int_equal(j->updated_at, TH_NOW - HOUR);
	portal_job_free(j);

	/* A job may also step back, e.g. to be diagnosed again. */
	move(p, id, PORTAL_JOB_DIAGNOSED, "Second look", TH_NOW - HOUR / 2);
	j = get_job(p, id);
	assert_int_equal(j->status, PORTAL_JOB_DIAGNOSED);
	assert_int_equal(j->event_count, 4);
	assert_int_equal(j->updated_at, TH_NOW - HOUR / 2);
	portal_job_free(j);
}

static void test_job__same_status_again_is_refused_by_rule(void **state)
{
	portal *p = *state;
	portal_id id = th_add_job(p, fx.alice, 0, 0, "Oven", TH_NOW - DAY);

	TH_CHECK_REFUSED(p, "booked again", portal_job_set_status(p, id, PORTAL_JOB_BOOKED, NULL, 0),
		PORTAL_ERULE, NULL);
	move(p, id, PORTAL_JOB_DIAGNOSED, "Sensor", TH_NOW - HOUR);
	TH_CHECK_REFUSED(p, "diagnosed again",
		portal_job_set_status(p, id, PORTAL_JOB_DIAGNOSED, "Again", 0), PORTAL_ERULE, NULL);
}

static void test_job__closed_or_cancelled_job_does_not_change(void **state)
{
	static const portal_job_status finals[] = { PORTAL_JOB_CLOSED, PORTAL_JOB_CANCELLED };
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(finals); i++) {
		portal_id id = th_add_job(p, fx.alice, 0, 0, "Finished", TH_NOW - DAY);

		move(p, id, PORTAL_JOB_DIAGNOSED, NULL, TH_NOW - 2 * HOUR);
		move(p, id, finals[i], "Done", TH_NOW - HOUR);
		for (int s = PORTAL_JOB_BOOKED; s <= PORTAL_JOB_CANCELLED; s++) {
			char what[80];
			portal_job *j;

			snprintf(what, sizeof(what), "%s job to %s",
				portal_job_status_name(finals[i]),
				portal_job_status_name((portal_job_status)s));
			TH_CHECK_REFUSED(p, what,
				portal_job_set_status(p, id, (portal_job_status)s, "Reopen", 0),
				PORTAL_ERULE, NULL);
			j = get_job(p, id);
			if (j->status != finals[i] || j->event_count != 3)
				fail_msg("%s: status %d with %zu events", what, (int)j->status,
					j->event_count);
			portal_job_free(j);
		}
	}
}

static void test_job__at_before_the_previous_event_is_refused(void **state)
{
	portal *p = *state;
	portal_id id = th_add_job(p, fx.alice, 0, 0, "Washer", TH_NOW - 2 * DAY);

	TH_CHECK_REFUSED(p, "before the booking",
		portal_job_set_status(p, id, PORTAL_JOB_DIAGNOSED, NULL, TH_NOW - 2 * DAY - 1),
		PORTAL_EINVAL, "job.at");
	move(p, id, PORTAL_JOB_DIAGNOSED, NULL, TH_NOW - DAY);
	TH_CHECK_REFUSED(p, "one second before the latest event",
		portal_job_set_status(p, id, PORTAL_JOB_ESTIMATE_SENT, NULL, TH_NOW - DAY - 1),
		PORTAL_EINVAL, "job.at");
	TH_CHECK_REFUSED(p, "between the two events",
		portal_job_set_status(p, id, PORTAL_JOB_ESTIMATE_SENT, NULL, TH_NOW - 36 * HOUR),
		PORTAL_EINVAL, "job.at");
	TH_CHECK_REFUSED(p, "negative time",
		portal_job_set_status(p, id, PORTAL_JOB_ESTIMATE_SENT, NULL, -1),
		PORTAL_EINVAL, "job.at");
}

static void test_job__at_equal_to_the_previous_event_is_accepted(void **state)
{
	portal *p = *state;
	portal_id id = th_add_job(p, fx.alice, 0, 0, "Washer", TH_NOW - DAY);
	portal_job *j;

	move(p, id, PORTAL_JOB_DIAGNOSED, NULL, TH_NOW - DAY);
	move(p, id, PORTAL_JOB_ESTIMATE_SENT, NULL, TH_NOW);
	move(p, id, PORTAL_JOB_APPROVED, NULL, TH_NOW);
	j = get_job(p, id);
	assert_int_equal(j->event_count, 4);
	assert_int_equal(j->status, PORTAL_JOB_APPROVED);
	portal_job_free(j);
}

static void test_job__at_after_now_is_refused(void **state)
{
	static const portal_time later[] = { 1, HOUR, DAY };
	portal *p = *state;
	portal_id id = th_add_job(p, fx.alice, 0, 0, "Dryer", TH_NOW - DAY);

	for (size_t i = 0; i < ARRAY_LEN(later); i++) {
		char what[64];

		snprintf(what, sizeof(what), "now + %lld s", (long long)later[i]);
		TH_CHECK_REFUSED(p, what,
			portal_job_set_status(p, id, PORTAL_JOB_DIAGNOSED, NULL, TH_NOW + later[i]),
			PORTAL_EINVAL, "job.at");
	}

	/* Once the clock moves on, that time is allowed. */
	portal_set_now(p, TH_NOW + DAY);
	move(p, id, PORTAL_JOB_DIAGNOSED, NULL, TH_NOW + DAY);
}

static void test_job__unknown_status_is_refused(void **state)
{
	static const int statuses[] = { 0, 13, -1, 100 };
	portal *p = *state;
	portal_id id = th_add_job(p, fx.alice, 0, 0, "Range", TH_NOW - DAY);

	for (size_t i = 0; i < ARRAY_LEN(statuses); i++) {
		char what[64];

		snprintf(what, sizeof(what), "status %d", statuses[i]);
		/* The header names no field; the library says which. */
		TH_CHECK_REFUSED(p, what,
			portal_job_set_status(p, id, (portal_job_status)statuses[i], NULL, 0),
			PORTAL_EINVAL, TH_FIELD_ANY);
	}
}

static void test_job__note_longer_than_500_characters_is_refused(void **state)
{
	portal *p = *state;
	portal_id id = th_add_job(p, fx.alice, 0, 0, "Freezer", TH_NOW - DAY);
	char *n500 = repeat("ü", 500), *n501 = repeat("n", 501);
	portal_job *j;

	TH_CHECK_REFUSED(p, "501 characters",
		portal_job_set_status(p, id, PORTAL_JOB_DIAGNOSED, n501, 0), PORTAL_EINVAL, TH_FIELD_ANY);
	TH_CHECK_REFUSED(p, "control character",
		portal_job_set_status(p, id, PORTAL_JOB_DIAGNOSED, "esc \x1b[2J", 0),
		PORTAL_EINVAL, TH_FIELD_ANY);
	move(p, id, PORTAL_JOB_DIAGNOSED, n500, 0);
	j = get_job(p, id);
	assert_string_equal(j->events[1].note, n500);
	portal_job_free(j);
	free(n500);
	free(n501);
}

static void test_job__set_status_of_a_missing_job_is_not_found(void **state)
{
	static const portal_id ids[] = { 0, -1, 2, 999 };
	portal *p = *state;

	th_add_job(p, fx.alice, 0, 0, "The only job", TH_NOW - DAY);
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		char what[64];

		snprintf(what, sizeof(what), "job %lld", (long long)ids[i]);
		TH_CHECK_REFUSED(p, what,
			portal_job_set_status(p, ids[i], PORTAL_JOB_DIAGNOSED, NULL, 0),
			PORTAL_ENOTFOUND, NULL);
	}
}

static void test_job__get_or_json_of_a_missing_job_is_not_found(void **state)
{
	portal *p = *state;
	portal_job *j = NULL;
	portal_buf out = PORTAL_BUF_INIT;

	th_add_job(p, fx.alice, 0, 0, "The only job", 0);
	assert_int_equal(portal_job_get(&j, p, 2), PORTAL_ENOTFOUND);
	assert_null(portal_errfield(p));
	portal_job_free(j);
	assert_int_equal(portal_job_json(&out, p, 2), PORTAL_ENOTFOUND);
	assert_null(out.ptr);
	portal_buf_dispose(&out);
	portal_job_free(NULL);
}

/* ---------------------------------------------------------------------
 * Status names.
 */

static void test_job__status_parse(void **state)
{
	static const struct {
		const char *text;
		int ok;
		portal_job_status want;
	} cases[] = {
		{ "estimate_sent", 1, PORTAL_JOB_ESTIMATE_SENT },
		{ "Estimate sent", 1, PORTAL_JOB_ESTIMATE_SENT },
		{ "ESTIMATE-SENT", 1, PORTAL_JOB_ESTIMATE_SENT },
		{ "estimate-sent", 1, PORTAL_JOB_ESTIMATE_SENT },
		{ "booked", 1, PORTAL_JOB_BOOKED },
		{ "Repair scheduled", 1, PORTAL_JOB_REPAIR_SCHEDULED },
		{ "PARTS_ARRIVED", 1, PORTAL_JOB_PARTS_ARRIVED },
		{ "cancelled", 1, PORTAL_JOB_CANCELLED },
		{ "estimate", 0, 0 },
		{ "", 0, 0 },
		{ "sent estimate", 0, 0 },
		{ NULL, 0, 0 },
		{ "estimate_sent ", 0, 0 },
		{ "estimatesent", 0, 0 },
		{ "canceled", 0, 0 },
		{ "3", 0, 0 },
		{ "booked_booked_booked_booked_booked_booked", 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_job_status s = (portal_job_status)99;
		int rc = portal_job_status_parse(&s, cases[i].text);

		if (cases[i].ok && (rc != 0 || s != cases[i].want))
			fail_msg("row %zu (\"%s\"): rc %d status %d, want 0 and %d", i,
				cases[i].text, rc, (int)s, (int)cases[i].want);
		if (!cases[i].ok && (rc != -1 || s != (portal_job_status)99))
			fail_msg("row %zu (\"%s\"): rc %d status %d, want -1 and untouched", i,
				cases[i].text ? cases[i].text : "NULL", rc, (int)s);
	}
}

static void test_job__every_status_has_a_name_and_a_label(void **state)
{
	static const char *const names[] = {
		NULL, "booked", "diagnosed", "estimate_sent", "approved", "parts_ordered",
		"parts_arrived", "repair_scheduled", "repaired", "invoiced", "paid", "closed",
		"cancelled",
	};

	(void)state;
	for (int s = PORTAL_JOB_BOOKED; s <= PORTAL_JOB_CANCELLED; s++) {
		const char *name = portal_job_status_name((portal_job_status)s);
		const char *label = portal_job_status_label((portal_job_status)s);
		portal_job_status back = (portal_job_status)0;

		if (name == NULL || label == NULL)
			fail_msg("status %d: name %s, label %s", s, name ? name : "NULL",
				label ? label : "NULL");
		if (strcmp(name, names[s]) != 0)
			fail_msg("status %d: name %s, want %s", s, name, names[s]);
		if (label[0] == '\0')
			fail_msg("status %d: empty label", s);
		/* Both forms parse back to the status. */
		if (portal_job_status_parse(&back, name) != 0 || back != (portal_job_status)s)
			fail_msg("status %d: name %s does not parse back", s, name);
		back = (portal_job_status)0;
		if (portal_job_status_parse(&back, label) != 0 || back != (portal_job_status)s)
			fail_msg("status %d: label %s does not parse back", s, label);
	}
	assert_string_equal(portal_job_status_label(PORTAL_JOB_ESTIMATE_SENT), "Estimate sent");
	assert_null(portal_job_status_name((portal_job_status)0));
	assert_null(portal_job_status_label((portal_job_status)0));
	assert_null(portal_job_status_name((portal_job_status)13));
	assert_null(portal_job_status_label((portal_job_status)13));
	assert_null(portal_job_status_name((portal_job_status)-1));
	assert_null(portal_job_status_label((portal_job_status)-1));
}

/* ---------------------------------------------------------------------
 * Walking jobs.
 */

struct job_walk {
	portal_id ids[16];
	portal_id clients[16];
	portal_job_status statuses[16];
	portal_time booked[16];
	size_t n;
	size_t stop_at;
	int stop_with;
};

static int collect_job(const portal_job *j, void *ctx)
{
	struct job_walk *w = ctx;

	assert_true(w->n < ARRAY_LEN(w->ids));
	/* A walk carries no timeline. */
	if (j->event_count != 0 || j->events != NULL)
		fail_msg("job %lld in a walk has %zu events", (long long)j->id, j->event_count);
	w->ids[w->n] = j->id;
	w->clients[w->n] = j->client_id;
	w->statuses[w->n] = j->status;
	w->booked[w->n] = j->booked_at;
	w->n++;
	return w->n == w->stop_at ? w->stop_with : 0;
}

static void check_job_walk(const struct job_walk *w, const char *what,
	const portal_id *want, size_t n)
{
	for (size_t i = 0; i < n && i < w->n; i++)
		if (w->ids[i] != want[i])
			fail_msg("%s: item %zu is job %lld, want job %lld", what, i,
				(long long)w->ids[i], (long long)want[i]);
	if (w->n != n)
		fail_msg("%s: saw %zu jobs, want %zu", what, w->n, n);
}

static void test_job__foreach_walks_newest_booking_first_without_events(void **state)
{
	portal *p = *state;
	portal_id a = th_add_job(p, fx.alice, 0, 0, "First", TH_NOW - 3 * DAY);
	portal_id b = th_add_job(p, fx.bob, 0, 0, "Second", TH_NOW - 2 * DAY);
	portal_id c = th_add_job(p, fx.alice, 0, 0, "Third", TH_NOW - DAY);
	portal_id d = th_add_job(p, fx.carol, 0, 0, "Fourth", 0);
	const portal_id want[] = { d, c, b, a };
	struct job_walk w = { .n = 0 };

	move(p, b, PORTAL_JOB_DIAGNOSED, "Looked at it", TH_NOW - HOUR);
	assert_int_equal(portal_job_foreach(p, 0, collect_job, &w), 0);
	check_job_walk(&w, "all jobs", want, ARRAY_LEN(want));
	/* Status and booking time are there even without the timeline. */
	assert_int_equal(w.statuses[2], PORTAL_JOB_DIAGNOSED);
	assert_int_equal(w.statuses[0], PORTAL_JOB_BOOKED);
	assert_int_equal(w.booked[3], TH_NOW - 3 * DAY);
	assert_int_equal(w.booked[0], TH_NOW);
}

/* Jobs entered late still sort by when they were booked. */
static void test_job__foreach_orders_by_booking_time_not_entry_order(void **state)
{
	portal *p = *state;
	portal_id a = th_add_job(p, fx.alice, 0, 0, "Booked now", 0);
	portal_id b = th_add_job(p, fx.bob, 0, 0, "Entered late, booked 3 days ago",
		TH_NOW - 3 * DAY);
	const portal_id want[] = { a, b };
	struct job_walk w = { .n = 0 };

	assert_int_equal(portal_job_foreach(p, 0, collect_job, &w), 0);
	check_job_walk(&w, "all jobs", want, ARRAY_LEN(want));
}

static void test_job__foreach_filters_by_client(void **state)
{
	portal *p = *state;
	portal_id a1 = th_add_job(p, fx.alice, 0, 0, "A1", TH_NOW - 3 * DAY);
	portal_id b1 = th_add_job(p, fx.bob, 0, 0, "B1", TH_NOW - 2 * DAY);
	portal_id a2 = th_add_job(p, fx.alice, 0, 0, "A2", TH_NOW - DAY);
	const portal_id alice_want[] = { a2, a1 }, bob_want[] = { b1 };
	struct job_walk w = { .n = 0 };

	assert_int_equal(portal_job_foreach(p, fx.alice, collect_job, &w), 0);
	check_job_walk(&w, "alice", alice_want, ARRAY_LEN(alice_want));
	for (size_t i = 0; i < w.n; i++)
		assert_int_equal(w.clients[i], fx.alice);
	memset(&w, 0, sizeof(w));
	assert_int_equal(portal_job_foreach(p, fx.bob, collect_job, &w), 0);
	check_job_walk(&w, "bob", bob_want, ARRAY_LEN(bob_want));
	memset(&w, 0, sizeof(w));
	assert_int_equal(portal_job_foreach(p, fx.carol, collect_job, &w), 0);
	assert_int_equal(w.n, 0);
	memset(&w, 0, sizeof(w));
	assert_int_equal(portal_job_foreach(p, 999, collect_job, &w), 0);
	assert_int_equal(w.n, 0);
}

static void test_job__foreach_stops_when_the_callback_returns_non_zero(void **state)
{
	static const struct {
		size_t stop_at;
		int stop_with;
	} cases[] = { { 1, 1 }, { 2, -5 }, { 3, 99 } };
	portal *p = *state;

	th_add_job(p, fx.alice, 0, 0, "One", TH_NOW - 3 * DAY);
	th_add_job(p, fx.alice, 0, 0, "Two", TH_NOW - 2 * DAY);
	th_add_job(p, fx.alice, 0, 0, "Three", TH_NOW - DAY);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct job_walk w = { .n = 0 };
		int rc;

		w.stop_at = cases[i].stop_at;
		w.stop_with = cases[i].stop_with;
		rc = portal_job_foreach(p, 0, collect_job, &w);
		if (rc != cases[i].stop_with || w.n != cases[i].stop_at)
			fail_msg("row %zu: returned %d after %zu calls, want %d after %zu", i, rc,
				w.n, cases[i].stop_with, cases[i].stop_at);
	}
}

/* A callback that reads each job in full while the walk goes on. */
static int read_each_job(const portal_job *j, void *ctx)
{
	portal *p = ctx;
	portal_job *full = NULL;
	int rc = portal_job_get(&full, p, j->id);

	if (rc == PORTAL_OK && full->event_count < 1)
		rc = -100;
	portal_job_free(full);
	return rc;
}

static void test_job__foreach_callback_may_read_each_job(void **state)
{
	portal *p = *state;

	th_add_job(p, fx.alice, 0, 0, "One", TH_NOW - 2 * DAY);
	th_add_job(p, fx.bob, 0, 0, "Two", TH_NOW - DAY);
	assert_int_equal(portal_job_foreach(p, 0, read_each_job, p), 0);
}

/* ---------------------------------------------------------------------
 * JSON.
 */

static void test_job__json_has_status_timeline_client_name_and_asset(void **state)
{
	static const char *const want_timeline[] = {
		"booked", "diagnosed", "estimate_sent", "approved",
	};
	portal *p = *state;
	portal_id id = th_add_job(p, fx.alice, fx.alice_fridge, fx.alice_cottage, "Fridge warm",
		TH_NOW - 2 * DAY);
	portal_buf out = PORTAL_BUF_INIT;
	const cJSON *timeline, *asset, *address, *e;
	cJSON *root;

	move(p, id, PORTAL_JOB_DIAGNOSED, "Relay", TH_NOW - DAY);
	move(p, id, PORTAL_JOB_ESTIMATE_SENT, NULL, TH_NOW - HOUR);
	move(p, id, PORTAL_JOB_APPROVED, "By phone", 0);
	assert_int_equal(portal_job_json(&out, p, id), PORTAL_OK);
	root = parse_json(&out);
	assert_true(cJSON_IsObject(root));
	assert_int_equal((portal_id)json_number(root, "id"), id);
	assert_int_equal((portal_id)json_number(root, "client_id"), fx.alice);
	assert_string_equal(json_string(root, "client_name"), "Alice Martin");
	assert_string_equal(json_string(root, "status"), "approved");
	assert_string_equal(json_string(root, "status_label"), "Approved");
	assert_string_equal(json_string(root, "problem"), "Fridge warm");

	timeline = cJSON_GetObjectItemCaseSensitive(root, "timeline");
	assert_true(cJSON_IsArray(timeline));
	assert_int_equal(cJSON_GetArraySize(timeline), ARRAY_LEN(want_timeline));
	for (size_t i = 0; i < ARRAY_LEN(want_timeline); i++) {
		e = cJSON_GetArrayItem(timeline, (int)i);
		if (strcmp(json_string(e, "status"), want_timeline[i]) != 0)
			fail_msg("timeline[%zu] is %s, want %s", i, json_string(e, "status"),
				want_timeline[i]);
		assert_true(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "at")));
		assert_true(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, "note")));
	}
	e = cJSON_GetArrayItem(timeline, 1);
	assert_string_equal(json_string(e, "note"), "Relay");
	assert_string_equal(json_string(e, "label"), "Diagnosed");
	/* 2026-11-21T15:00Z is 10:00 in Toronto. */
	assert_string_equal(json_string(e, "at"), "2026-11-21T10:00:00-05:00");
	assert_string_equal(json_string(cJSON_GetArrayItem(timeline, 3), "note"), "By phone");

	asset = cJSON_GetObjectItemCaseSensitive(root, "asset");
	assert_true(cJSON_IsObject(asset));
	assert_int_equal((portal_id)json_number(asset, "id"), fx.alice_fridge);
	assert_string_equal(json_string(asset, "make"), "Whirlpool");
	assert_string_equal(json_string(asset, "kind"), "appliance");
	address = cJSON_GetObjectItemCaseSensitive(root, "address");
	assert_true(cJSON_IsObject(address));
	assert_int_equal((portal_id)json_number(address, "id"), fx.alice_cottage);
	assert_string_equal(json_string(address, "house_number"), "9");
	cJSON_Delete(root);
	portal_buf_dispose(&out);
}

static void test_job__json_without_asset_or_address_has_nulls(void **state)
{
	portal *p = *state;
	portal_id id = th_add_job(p, fx.carol, 0, 0, "Walk-in repair", 0);
	portal_buf out = PORTAL_BUF_INIT;
	const cJSON *timeline;
	cJSON *root;

	assert_int_equal(portal_job_json(&out, p, id), PORTAL_OK);
	root = parse_json(&out);
	assert_string_equal(json_string(root, "client_name"), "Carol Diaz");
	assert_string_equal(json_string(root, "status"), "booked");
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(root, "asset")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(root, "address")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(root, "asset_id")));
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(root, "address_id")));
	timeline = cJSON_GetObjectItemCaseSensitive(root, "timeline");
	assert_true(cJSON_IsArray(timeline));
	assert_int_equal(cJSON_GetArraySize(timeline), 1);
	assert_string_equal(json_string(cJSON_GetArrayItem(timeline, 0), "status"), "booked");
	assert_string_equal(json_string(cJSON_GetArrayItem(timeline, 0), "at"),
		"2026-11-22T10:00:00-05:00");
	cJSON_Delete(root);
	portal_buf_dispose(&out);
}

static void test_job__list_json_has_the_jobs_of_a_client_with_timelines(void **state)
{
	portal *p = *state;
	portal_id a1 = th_add_job(p, fx.alice, 0, 0, "A1", TH_NOW - 2 * DAY);
	portal_id b1 = th_add_job(p, fx.bob, fx.bob_truck, 0, "B1", TH_NOW - DAY);
	portal_id a2 = th_add_job(p, fx.alice, fx.alice_fridge, 0, "A2", 0);
	portal_buf out = PORTAL_BUF_INIT;
	cJSON *arr;

	move(p, a1, PORTAL_JOB_DIAGNOSED, NULL, TH_NOW - DAY);
	assert_int_equal(portal_job_list_json(&out, p, fx.alice), PORTAL_OK);
	arr = parse_json(&out);
	assert_true(cJSON_IsArray(arr));
	assert_int_equal(cJSON_GetArraySize(arr), 2);
	assert_int_equal((portal_id)json_number(cJSON_GetArrayItem(arr, 0), "id"), a2);
	assert_int_equal((portal_id)json_number(cJSON_GetArrayItem(arr, 1), "id"), a1);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetArrayItem(arr, 1), "timeline")), 2);
	assert_string_equal(json_string(cJSON_GetArrayItem(arr, 1), "client_name"), "Alice Martin");
	cJSON_Delete(arr);
	portal_buf_dispose(&out);

	assert_int_equal(portal_job_list_json(&out, p, 0), PORTAL_OK);
	arr = parse_json(&out);
	assert_int_equal(cJSON_GetArraySize(arr), 3);
	assert_int_equal((portal_id)json_number(cJSON_GetArrayItem(arr, 1), "id"), b1);
	cJSON_Delete(arr);
	portal_buf_dispose(&out);

	assert_int_equal(portal_job_list_json(&out, p, fx.carol), PORTAL_OK);
	arr = parse_json(&out);
	assert_true(cJSON_IsArray(arr));
	assert_int_equal(cJSON_GetArraySize(arr), 0);
	cJSON_Delete(arr);
	portal_buf_dispose(&out);
}

/* ---------------------------------------------------------------------
 */

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_job__add_books_a_job_with_one_booked_event_now),
		T(test_job__add_with_booked_at_puts_the_booking_then),
		T(test_job__add_accepts_a_null_id_pointer),
		T(test_job__address_defaults_to_the_clients_first_address),
		T(test_job__address_is_zero_when_the_client_has_none),
		T(test_job__address_given_is_kept),
		T(test_job__asset_or_address_of_another_client_is_refused),
		T(test_job__missing_client_asset_or_address_is_not_found),
		T(test_job__problem_is_required_and_at_most_2000_characters),
		T(test_job__problem_of_2000_characters_is_accepted),
		T(test_job__booked_at_in_the_future_is_refused),
		T(test_job__fields_of_an_unknown_version_are_refused),
		T(test_job__set_status_appends_events_in_order_with_notes),
		T(test_job__status_is_the_latest_event_even_at_the_same_time),
		T(test_job__same_status_again_is_refused_by_rule),
		T(test_job__closed_or_cancelled_job_does_not_change),
		T(test_job__at_before_the_previous_event_is_refused),
		T(test_job__at_equal_to_the_previous_event_is_accepted),
		T(test_job__at_after_now_is_refused),
		T(test_job__unknown_status_is_refused),
		T(test_job__note_longer_than_500_characters_is_refused),
		T(test_job__set_status_of_a_missing_job_is_not_found),
		T(test_job__get_or_json_of_a_missing_job_is_not_found),
		T(test_job__status_parse),
		T(test_job__every_status_has_a_name_and_a_label),
		T(test_job__foreach_walks_newest_booking_first_without_events),
		T(test_job__foreach_orders_by_booking_time_not_entry_order),
		T(test_job__foreach_filters_by_client),
		T(test_job__foreach_stops_when_the_callback_returns_non_zero),
		T(test_job__foreach_callback_may_read_each_job),
		T(test_job__json_has_status_timeline_client_name_and_asset),
		T(test_job__json_without_asset_or_address_has_nulls),
		T(test_job__list_json_has_the_jobs_of_a_client_with_timelines),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
