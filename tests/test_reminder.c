/* SPDX-License-Identifier: MIT */
/*
 * test_reminder.c - unit tests for service reminders (reminder.c).
 *
 * Every test runs on a fresh shop database whose clock is fixed at TH_NOW
 * (Sunday 2026-11-22, 10:00 in Toronto), with Alice's fridge (Whirlpool
 * WRF555SDFZ), Alice's dryer (Maytag, no model) and Bob's truck. Dates are
 * local dates in Toronto; the tests move the clock with set_clock().
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

static struct {
	portal_id alice, bob;
	portal_id fridge, dryer, truck;
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
	fx.fridge = th_add_asset(p, fx.alice, PORTAL_ASSET_APPLIANCE, "Refrigerator", "Whirlpool",
		"WRF555SDFZ");
	fx.dryer = th_add_asset(p, fx.alice, PORTAL_ASSET_APPLIANCE, "Dryer", "Maytag", NULL);
	fx.truck = th_add_asset(p, fx.bob, PORTAL_ASSET_VEHICLE, "Pickup truck", "Ford", "F-150");
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

/* Move the clock to `local`, a shop time such as "2028-02-29 12:00". */
static void set_clock(portal *p, const char *local)
{
	portal_set_now(p, th_at(p, local));
}

static void done(portal *p, portal_id id, const char *on)
{
	int rc = portal_reminder_done(p, id, on);

	if (rc != PORTAL_OK)
		fail_msg("reminder %lld done on %s: %d (%s)", (long long)id, on ? on : "NULL", rc,
			portal_errmsg(p));
}

/* Check reminder `id`'s next due date and days left, as `what`. */
static void check_due(portal *p, const char *what, portal_id id, const char *next_due,
	int days_left)
{
	portal_reminder *r = NULL;

	assert_int_equal(portal_reminder_get(&r, p, id), PORTAL_OK);
	if (strcmp(r->next_due, next_due) != 0 || r->days_left != days_left)
		fail_msg("%s: next due \"%s\" in %d days, want \"%s\" in %d", what, r->next_due,
			r->days_left, next_due, days_left);
	portal_reminder_free(r);
}

/* ---------------------------------------------------------------------
 * The next due date.
 */

static void test_reminder__add_keeps_the_fields_and_the_assets_owner(void **state)
{
	portal *p = *state;
	portal_id id = th_add_reminder(p, fx.fridge, "  Clean the condenser coils  ", 180, NULL);
	portal_reminder *r = NULL;

	assert_int_equal(portal_reminder_get(&r, p, id), PORTAL_OK);
	assert_int_equal(r->id, id);
	assert_int_equal(r->asset_id, fx.fridge);
	assert_int_equal(r->client_id, fx.alice);
	assert_string_equal(r->asset_label, "Whirlpool WRF555SDFZ");
	assert_string_equal(r->description, "Clean the condenser coils");
	assert_int_equal(r->interval_days, 180);
	assert_string_equal(r->due_on, "");
	assert_string_equal(r->last_done_on, "");
	portal_reminder_free(r);

	/* Without a model, the category names the asset. */
	id = th_add_reminder(p, fx.dryer, "Clean the dryer vent", 365, NULL);
	assert_int_equal(portal_reminder_get(&r, p, id), PORTAL_OK);
	assert_string_equal(r->asset_label, "Maytag Dryer");
	portal_reminder_free(r);
	portal_reminder_free(NULL);
}

static void test_reminder__interval_counts_from_the_local_day_of_creation(void **state)
{
	static const struct {
		const char *created;    /* shop time */
		int interval;
		const char *next_due;
	} cases[] = {
		{ "2026-11-22 10:00", 90, "2027-02-20" },
		{ "2026-11-22 00:00", 1, "2026-11-23" },
		/* 04:30 UTC on the 23rd is still the 22nd in Toronto. */
		{ "2026-11-22 23:30", 30, "2026-12-22" },
		{ "2026-11-22 23:59:59", 3660, "2036-11-29" },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id id;

		set_clock(p, cases[i].created);
		id = th_add_reminder(p, fx.fridge, "Replace the water filter", cases[i].interval,
			NULL);
		check_due(p, cases[i].created, id, cases[i].next_due, cases[i].interval);
	}
}

static void test_reminder__interval_counts_from_the_last_service(void **state)
{
	portal *p = *state;
	portal_id id;

	set_clock(p, "2026-06-01 09:00");
	id = th_add_reminder(p, fx.truck, "Oil change", 120, NULL);
	check_due(p, "new", id, "2026-09-29", 120);

	set_clock(p, "2026-11-22 10:00");
	check_due(p, "never done, 54 days later", id, "2026-09-29", -54);
	done(p, id, "2026-11-01");
	check_due(p, "done on 2026-11-01", id, "2027-03-01", 99);
	done(p, id, NULL);
	check_due(p, "done today", id, "2027-03-22", 120);
	/* A date recorded by mistake can be put right, even to an earlier one. */
	done(p, id, "2026-11-20");
	check_due(p, "corrected to 2026-11-20", id, "2027-03-20", 118);
}

static void test_reminder__done_without_a_date_is_today_in_the_shops_zone(void **state)
{
	portal *p = *state;
	portal_id id = th_add_reminder(p, fx.fridge, "Replace the water filter", 30, NULL);
	portal_reminder *r = NULL;

	/* 23:30 in Toronto is already the next day in UTC. */
	set_clock(p, "2026-11-24 23:30");
	done(p, id, "");
	assert_int_equal(portal_reminder_get(&r, p, id), PORTAL_OK);
	assert_string_equal(r->last_done_on, "2026-11-24");
	assert_string_equal(r->next_due, "2026-12-24");
	assert_int_equal(r->days_left, 30);
	portal_reminder_free(r);
}

static void test_reminder__set_date_before_and_after_the_service(void **state)
{
	portal *p = *state;
	portal_id id = th_add_reminder(p, fx.dryer, "Annual dryer check", 0, "2027-03-01");
	portal_buf doc = PORTAL_BUF_INIT;

	check_due(p, "never done", id, "2027-03-01", 99);
	/* A service before the set date was the previous one. */
	done(p, id, "2026-11-20");
	check_due(p, "done before the date", id, "2027-03-01", 99);

	set_clock(p, "2027-03-05 10:00");
	check_due(p, "overdue", id, "2027-03-01", -4);
	done(p, id, "2027-03-01");
	check_due(p, "done on the date", id, "", 0);

	/* Nothing due: out of every due-soon list, but still listed in full. */
	assert_int_equal(portal_reminder_list_json(&doc, p, 0, 100000), PORTAL_OK);
	assert_string_equal(doc.ptr, "[]");
	portal_buf_dispose(&doc);
	assert_int_equal(portal_reminder_list_json(&doc, p, 0, -1), PORTAL_OK);
	assert_true(th_contains(&doc, "\"next_due\":\t\"\""));
	assert_true(th_contains(&doc, "\"days_left\":\tnull"));
	portal_buf_dispose(&doc);
}

static void test_reminder__set_date_holds_then_the_interval_takes_over(void **state)
{
	portal *p = *state;
	portal_id id = th_add_reminder(p, fx.truck, "Tire rotation", 180, "2027-01-15");

	check_due(p, "never done", id, "2027-01-15", 54);
	done(p, id, "2026-11-20");
	check_due(p, "done before the date", id, "2027-01-15", 54);

	set_clock(p, "2027-01-20 10:00");
	check_due(p, "overdue", id, "2027-01-15", -5);
	done(p, id, "2027-01-16");
	check_due(p, "done after the date", id, "2027-07-15", 176);

	/* Done on the set date itself counts as done. */
	id = th_add_reminder(p, fx.truck, "Brake check", 30, "2027-01-20");
	done(p, id, "2027-01-20");
	check_due(p, "done on the date", id, "2027-02-19", 30);
}

static void test_reminder__leap_days(void **state)
{
	portal *p = *state;
	portal_id yearly, leap_due, done_on_leap;

	/* Created on a leap day: 365 days later is 2029-02-28. */
	set_clock(p, "2028-02-29 12:00");
	yearly = th_add_reminder(p, fx.fridge, "Yearly check", 365, NULL);
	check_due(p, "created on a leap day", yearly, "2029-02-28", 365);

	/* Created before the leap day: 2028-02-01 + 30 crosses it. */
	set_clock(p, "2028-02-01 12:00");
	done_on_leap = th_add_reminder(p, fx.dryer, "Vent", 30, NULL);
	check_due(p, "across February 29", done_on_leap, "2028-03-02", 30);

	/* A set date on the leap day, seen from either side of it. */
	leap_due = th_add_reminder(p, fx.truck, "Inspection", 0, "2028-02-29");
	set_clock(p, "2028-02-28 23:59");
	check_due(p, "the day before", leap_due, "2028-02-29", 1);
	set_clock(p, "2028-02-29 00:00");
	check_due(p, "the day itself", leap_due, "2028-02-29", 0);
	set_clock(p, "2028-03-01 00:01");
	check_due(p, "the day after", leap_due, "2028-02-29", -1);

	/* Done on the leap day. */
	done(p, done_on_leap, "2028-02-29");
	check_due(p, "done on the leap day", done_on_leap, "2028-03-30", 29);
}

static void test_reminder__days_are_calendar_days_across_daylight_saving(void **state)
{
	portal *p = *state;
	portal_id id;

	/* Clocks go forward at 02:00 on Sunday 2027-03-14 in Toronto: that
	 * day has 23 hours but is one day. */
	set_clock(p, "2027-03-13 23:30");
	id = th_add_reminder(p, fx.fridge, "Check the seal", 1, NULL);
	check_due(p, "the evening before", id, "2027-03-14", 1);
	set_clock(p, "2027-03-14 03:30");
	check_due(p, "after the change", id, "2027-03-14", 0);
	set_clock(p, "2027-03-15 00:00");
	check_due(p, "next midnight", id, "2027-03-14", -1);

	/* And back at 02:00 on 2027-11-07: a 25-hour day. */
	set_clock(p, "2027-11-06 12:00");
	id = th_add_reminder(p, fx.fridge, "Check the gasket", 2, NULL);
	set_clock(p, "2027-11-07 23:59");
	check_due(p, "end of the long day", id, "2027-11-08", 1);
}

/* ---------------------------------------------------------------------
 * Refusals.
 */

static void test_reminder__invalid_fields_are_refused(void **state)
{
	portal *p = *state;
	char long_text[202];
	const struct {
		const char *what;
		portal_id asset;
		const char *description;
		int interval;
		const char *due_on;
		int want;
		const char *field;
	} cases[] = {
		{ "no description", fx.fridge, "", 30, NULL, PORTAL_EINVAL, "reminder.description" },
		{ "NULL description", fx.fridge, NULL, 30, NULL, PORTAL_EINVAL,
		  "reminder.description" },
		{ "201 characters", fx.fridge, long_text, 30, NULL, PORTAL_EINVAL,
		  "reminder.description" },
		{ "two lines", fx.fridge, "Clean\nthe vent", 30, NULL, PORTAL_EINVAL,
		  "reminder.description" },
		{ "neither interval nor date", fx.fridge, "Vent", 0, "", PORTAL_EINVAL,
		  "reminder.interval_days" },
		{ "negative interval", fx.fridge, "Vent", -1, NULL, PORTAL_EINVAL,
		  "reminder.interval_days" },
		{ "3661 days", fx.fridge, "Vent", 3661, NULL, PORTAL_EINVAL,
		  "reminder.interval_days" },
		{ "February 29 of 2027", fx.fridge, "Vent", 0, "2027-02-29", PORTAL_EINVAL,
		  "reminder.due_on" },
		{ "April 31", fx.fridge, "Vent", 0, "2027-04-31", PORTAL_EINVAL, "reminder.due_on" },
		{ "month 13", fx.fridge, "Vent", 30, "2027-13-01", PORTAL_EINVAL, "reminder.due_on" },
		{ "day 0", fx.fridge, "Vent", 30, "2027-03-00", PORTAL_EINVAL, "reminder.due_on" },
		{ "not a date", fx.fridge, "Vent", 30, "next spring", PORTAL_EINVAL,
		  "reminder.due_on" },
		{ "short form", fx.fridge, "Vent", 30, "2027-3-1", PORTAL_EINVAL, "reminder.due_on" },
		{ "no asset", 0, "Vent", 30, NULL, PORTAL_ENOTFOUND, NULL },
		{ "asset 999", 999, "Vent", 30, NULL, PORTAL_ENOTFOUND, NULL },
	};

	memset(long_text, 'x', 201);
	long_text[201] = '\0';
	th_add_reminder(p, fx.fridge, "An earlier reminder", 30, NULL);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_reminder_fields f = PORTAL_REMINDER_FIELDS_INIT;
		portal_id out = -1;

		f.asset_id = cases[i].asset;
		f.description = cases[i].description;
		f.interval_days = cases[i].interval;
		f.due_on = cases[i].due_on;
		TH_CHECK_REFUSED(p, cases[i].what, portal_reminder_add(&out, p, &f), cases[i].want,
			cases[i].field);
		if (out != -1)
			fail_msg("%s: the id was written on failure", cases[i].what);
	}
}

static void test_reminder__limits_are_accepted(void **state)
{
	portal *p = *state;

	th_add_reminder(p, fx.fridge, "x", 1, NULL);
	th_add_reminder(p, fx.fridge, "Ten years", 3660, NULL);
	th_add_reminder(p, fx.fridge, "Past date", 0, "2020-01-01");
	th_add_reminder(p, fx.fridge, "Trimmed date", 0, " 2027-01-01 ");
}

static void test_reminder__fields_of_an_unknown_version_are_refused(void **state)
{
	portal *p = *state;
	portal_reminder_fields f = PORTAL_REMINDER_FIELDS_INIT;

	f.version = PORTAL_REMINDER_FIELDS_VERSION + 1;
	f.asset_id = fx.fridge;
	f.description = "Vent";
	f.interval_days = 30;
	TH_CHECK_REFUSED(p, "version 2", portal_reminder_add(NULL, p, &f), PORTAL_EINVAL, NULL);
	TH_CHECK_REFUSED(p, "NULL", portal_reminder_add(NULL, p, NULL), PORTAL_EINVAL, NULL);
}

static void test_reminder__done_refuses_future_and_unreal_dates(void **state)
{
	static const char *const dates[] = {
		"2026-11-23",   /* tomorrow */
		"2027-01-01",
		"2026-02-29",   /* not a leap year */
		"2026-11-31",
		"2026-13-01",
		"2026-00-10",
		"22/11/2026",
		"2026-11-2",
		"yesterday",
		"2026-11-22T10:00",
	};
	portal *p = *state;
	portal_id id = th_add_reminder(p, fx.fridge, "Water filter", 30, NULL);

	done(p, id, "2026-10-01");
	for (size_t i = 0; i < ARRAY_LEN(dates); i++)
		TH_CHECK_REFUSED(p, dates[i], portal_reminder_done(p, id, dates[i]), PORTAL_EINVAL,
			"reminder.last_done_on");
	/* Today is not the future. */
	done(p, id, "2026-11-22");
	check_due(p, "done today", id, "2026-12-22", 30);
}

static void test_reminder__missing_reminder_is_not_found(void **state)
{
	static const portal_id ids[] = { 0, -1, 2, 999 };
	portal *p = *state;
	portal_reminder *r = NULL;
	portal_buf doc = PORTAL_BUF_INIT;

	th_add_reminder(p, fx.fridge, "The only one", 30, NULL);
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		char what[64];

		snprintf(what, sizeof(what), "reminder %lld", (long long)ids[i]);
		TH_CHECK_REFUSED(p, what, portal_reminder_done(p, ids[i], NULL), PORTAL_ENOTFOUND,
			NULL);
		assert_int_equal(portal_reminder_get(&r, p, ids[i]), PORTAL_ENOTFOUND);
		assert_null(r);
		assert_int_equal(portal_reminder_json(&doc, p, ids[i]), PORTAL_ENOTFOUND);
		assert_null(doc.ptr);
	}
}

/* ---------------------------------------------------------------------
 * Due-soon lists.
 */

struct walk {
	portal_id ids[16];
	int days[16];
	size_t n;
};

static int collect(const portal_reminder *r, void *ctx)
{
	struct walk *w = ctx;

	assert_true(w->n < ARRAY_LEN(w->ids));
	w->ids[w->n] = r->id;
	w->days[w->n] = r->days_left;
	w->n++;
	return 0;
}

static void check_walk(portal *p, const char *what, portal_id client, int within,
	const portal_id *want, size_t n)
{
	struct walk w = { .n = 0 };

	assert_int_equal(portal_reminder_foreach(p, client, within, collect, &w), PORTAL_OK);
	for (size_t i = 0; i < n && i < w.n; i++)
		if (w.ids[i] != want[i])
			fail_msg("%s: item %zu is reminder %lld (in %d days), want %lld", what, i,
				(long long)w.ids[i], w.days[i], (long long)want[i]);
	if (w.n != n)
		fail_msg("%s: saw %zu reminders, want %zu", what, w.n, n);
}

static void test_reminder__due_soon_includes_overdue_ones_soonest_first(void **state)
{
	portal *p = *state;
	portal_id in30, in10, late5, late40, in31, today, bob_in3, none, tie10;

	/* Set dates put each reminder where the test wants it. */
	in30 = th_add_reminder(p, fx.fridge, "In 30 days", 0, "2026-12-22");
	in10 = th_add_reminder(p, fx.fridge, "In 10 days", 0, "2026-12-02");
	late5 = th_add_reminder(p, fx.dryer, "5 days late", 0, "2026-11-17");
	late40 = th_add_reminder(p, fx.dryer, "40 days late", 0, "2026-10-13");
	in31 = th_add_reminder(p, fx.fridge, "In 31 days", 0, "2026-12-23");
	today = th_add_reminder(p, fx.dryer, "Today", 0, "2026-11-22");
	bob_in3 = th_add_reminder(p, fx.truck, "Bob in 3 days", 0, "2026-11-25");
	none = th_add_reminder(p, fx.truck, "Done, nothing due", 0, "2026-11-01");
	tie10 = th_add_reminder(p, fx.truck, "Also in 10 days", 10, NULL);
	done(p, none, "2026-11-02");

	{
		const portal_id want[] = { late40, late5, today, bob_in3, in10, tie10, in30 };
		check_walk(p, "30 days, everyone", 0, 30, want, ARRAY_LEN(want));
	}
	{
		const portal_id want[] = { late40, late5, today, in10, in30 };
		check_walk(p, "30 days, Alice", fx.alice, 30, want, ARRAY_LEN(want));
	}
	{
		const portal_id want[] = { late40, late5, today };
		check_walk(p, "0 days: due today or overdue", 0, 0, want, ARRAY_LEN(want));
	}
	{
		const portal_id want[] = { bob_in3, tie10 };
		check_walk(p, "Bob, 10 days", fx.bob, 10, want, ARRAY_LEN(want));
	}
	{
		const portal_id want[] = {
			late40, late5, today, bob_in3, in10, tie10, in30, in31, none
		};
		check_walk(p, "every reminder", 0, -1, want, ARRAY_LEN(want));
	}
	check_walk(p, "a client without assets", 999, 30, NULL, 0);
}

static int stop_at_second(const portal_reminder *r, void *ctx)
{
	int *calls = ctx;

	(void)r;
	return ++*calls == 2 ? 42 : 0;
}

static void test_reminder__foreach_stops_when_the_callback_says(void **state)
{
	portal *p = *state;
	int calls = 0;

	th_add_reminder(p, fx.fridge, "One", 10, NULL);
	th_add_reminder(p, fx.fridge, "Two", 20, NULL);
	th_add_reminder(p, fx.fridge, "Three", 30, NULL);
	assert_int_equal(portal_reminder_foreach(p, 0, -1, stop_at_second, &calls), 42);
	assert_int_equal(calls, 2);
}

static void test_reminder__json_has_next_due_days_left_and_label(void **state)
{
	portal *p = *state;
	portal_id id = th_add_reminder(p, fx.fridge, "Replace the water filter", 180, "2026-11-20");
	portal_buf doc = PORTAL_BUF_INIT;
	cJSON *o, *a;

	assert_int_equal(portal_reminder_json(&doc, p, id), PORTAL_OK);
	o = cJSON_Parse(doc.ptr);
	assert_non_null(o);
	assert_int_equal(cJSON_GetObjectItem(o, "id")->valuedouble, id);
	assert_int_equal(cJSON_GetObjectItem(o, "client_id")->valuedouble, fx.alice);
	assert_string_equal(cJSON_GetObjectItem(o, "asset_label")->valuestring,
		"Whirlpool WRF555SDFZ");
	assert_int_equal(cJSON_GetObjectItem(o, "interval_days")->valuedouble, 180);
	assert_string_equal(cJSON_GetObjectItem(o, "due_on")->valuestring, "2026-11-20");
	assert_string_equal(cJSON_GetObjectItem(o, "last_done_on")->valuestring, "");
	assert_string_equal(cJSON_GetObjectItem(o, "next_due")->valuestring, "2026-11-20");
	assert_int_equal(cJSON_GetObjectItem(o, "days_left")->valuedouble, -2);
	assert_true(cJSON_IsTrue(cJSON_GetObjectItem(o, "overdue")));
	cJSON_Delete(o);
	portal_buf_dispose(&doc);

	th_add_reminder(p, fx.truck, "Bob's oil", 0, "2026-12-01");
	assert_int_equal(portal_reminder_list_json(&doc, p, fx.bob, 30), PORTAL_OK);
	a = cJSON_Parse(doc.ptr);
	assert_int_equal(cJSON_GetArraySize(a), 1);
	o = cJSON_GetArrayItem(a, 0);
	assert_string_equal(cJSON_GetObjectItem(o, "asset_label")->valuestring, "Ford F-150");
	assert_true(cJSON_IsNull(cJSON_GetObjectItem(o, "interval_days")));
	assert_int_equal(cJSON_GetObjectItem(o, "days_left")->valuedouble, 9);
	assert_true(cJSON_IsFalse(cJSON_GetObjectItem(o, "overdue")));
	cJSON_Delete(a);
	portal_buf_dispose(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(test_reminder__##name, setup, teardown)
		T(add_keeps_the_fields_and_the_assets_owner),
		T(interval_counts_from_the_local_day_of_creation),
		T(interval_counts_from_the_last_service),
		T(done_without_a_date_is_today_in_the_shops_zone),
		T(set_date_before_and_after_the_service),
		T(set_date_holds_then_the_interval_takes_over),
		T(leap_days),
		T(days_are_calendar_days_across_daylight_saving),
		T(invalid_fields_are_refused),
		T(limits_are_accepted),
		T(fields_of_an_unknown_version_are_refused),
		T(done_refuses_future_and_unreal_dates),
		T(missing_reminder_is_not_found),
		T(due_soon_includes_overdue_ones_soonest_first),
		T(foreach_stops_when_the_callback_says),
		T(json_has_next_due_days_left_and_label),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
