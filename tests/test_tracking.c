/* SPDX-License-Identifier: MIT */
/*
 * test_tracking.c - unit tests for technician tracking (tracking.c,
 * tracking_doc.c, view_tracking.c) and the notifications of visits
 * (appointment_notice.c).
 *
 * Every test runs on a fresh shop in America/Toronto (phone 866-415-3937)
 * whose clock is fixed at TH_NOW (Sunday 2026-11-22 10:00 EST), with two
 * clients, Alice and Bob, whose homes have coordinates, Carol whose home
 * has none, and two technicians: Sam (active, with a phone the customer
 * must never see) and Lee, who left. Positions are placed by their
 * distance north of a home, so each case reads as the distance it tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "fixtures.h"
#include "tracking_rules.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MINUTE ((portal_time)60)

/* Metres per degree of latitude on the sphere pt_distance_m() uses. */
#define METRES_PER_DEGREE (6371008.8 * 3.14159265358979323846 / 180.0)

#define HOME_LAT 43.6487
#define HOME_LON (-79.3854)
#define BOB_LAT 43.6500
#define BOB_LON (-79.4500)

static struct {
	portal_id alice, bob, carol;
	portal_id alice_home, bob_home, carol_home;
	portal_id alice_job, alice_job2;
	portal_id sam, lee;
} fx;

/* ---------------------------------------------------------------------
 * Fixtures and helpers.
 */

static int setup(void **state)
{
	portal *p = th_open();

	memset(&fx, 0, sizeof(fx));
	assert_int_equal(portal_shop_set(p, "phone", "866-415-3937"), PORTAL_OK);
	fx.alice = th_add_client(p, "Alice Martin");
	fx.bob = th_add_client(p, "Bob Stone");
	fx.carol = th_add_client(p, "Carol Diaz");
	fx.alice_home = th_add_located_address(p, fx.alice, "120", "King St W", HOME_LAT,
		HOME_LON);
	fx.bob_home = th_add_located_address(p, fx.bob, "48", "King St W", BOB_LAT, BOB_LON);
	fx.carol_home = th_add_address(p, fx.carol, "7", "King St W", NULL);
	fx.alice_job = th_add_job(p, fx.alice, 0, fx.alice_home, "Dryer does not heat", 0);
	fx.alice_job2 = th_add_job(p, fx.alice, 0, fx.alice_home, "Dryer does not heat", 0);
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

/* Book `client` (job `job`, 0: none) with Sam for [start, end) in shop
 * time, booked at TH_NOW. */
static portal_id book(portal *p, portal_id client, portal_id job, const char *start,
	const char *end)
{
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
	portal_time now = portal_now(p);
	portal_id id;

	f.client_id = client;
	f.job_id = job;
	f.technician_id = fx.sam;
	f.window_start = th_at(p, start);
	f.window_end = th_at(p, end);
	portal_set_now(p, TH_NOW);
	id = th_add_visit(p, &f);
	portal_set_now(p, now);
	return id;
}

/* Move visit `id` to `status` at `when` typed in shop time, with the
 * clock set there. */
static void move(portal *p, portal_id id, portal_appointment_status s, const char *when)
{
	int rc;

	portal_set_now(p, th_at(p, when));
	if ((rc = portal_appointment_set_status(p, id, s, 0)) != PORTAL_OK)
		fail_msg("moving appointment %lld to %s: %d (%s)", (long long)id,
			portal_appointment_status_name(s), rc, portal_errmsg(p));
}

/* Sam reports a position `metres` north of (lat, lon) at `when`, with
 * the clock set there. */
static void ping_north(portal *p, double lat, double lon, double metres, const char *when)
{
	int rc;

	portal_set_now(p, th_at(p, when));
	rc = portal_tech_ping(p, fx.sam, lat + metres / METRES_PER_DEGREE, lon, 12, 0);
	if (rc != PORTAL_OK)
		fail_msg("ping at %s: %d (%s)", when, rc, portal_errmsg(p));
}

static portal_appointment_status status_of(portal *p, portal_id id)
{
	portal_appointment *a = NULL;
	portal_appointment_status s;

	assert_int_equal(portal_appointment_get(&a, p, id), PORTAL_OK);
	s = a->status;
	portal_appointment_free(a);
	return s;
}

/* The tracking document of visit `id` now, parsed. */
static cJSON *track(portal *p, portal_id id, portal_buf *raw)
{
	portal_buf doc = PORTAL_BUF_INIT;
	cJSON *o;
	int rc;

	if ((rc = portal_tracking_json(&doc, p, id)) != PORTAL_OK)
		fail_msg("tracking %lld: %d (%s)", (long long)id, rc, portal_errmsg(p));
	o = cJSON_Parse(doc.ptr);
	assert_non_null(o);
	if (raw != NULL)
		*raw = doc;
	else
		portal_buf_dispose(&doc);
	return o;
}

static const char *str(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	if (!cJSON_IsString(v))
		fail_msg("'%s' is not a string", name);
	return v->valuestring;
}

static double num(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	if (!cJSON_IsNumber(v))
		fail_msg("'%s' is not a number", name);
	return v->valuedouble;
}

static int has(const cJSON *o, const char *name)
{
	return cJSON_GetObjectItemCaseSensitive(o, name) != NULL;
}

static int is_null(const cJSON *o, const char *name)
{
	return cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, name));
}

static int is_true(const cJSON *o, const char *name)
{
	return cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(o, name));
}

static void check_state(portal *p, portal_id id, const char *state)
{
	cJSON *o = track(p, id, NULL);

	assert_string_equal(str(o, "state"), state);
	cJSON_Delete(o);
}

/* How many rows `sql` (a string literal) counts in the shop's database,
 * read on the side. */
static int64_t count_rows(const char *sql)
{
	return th_sql_int(sql, 0);
}

/* ---------------------------------------------------------------------
 * Distances.
 */

static void test_tracking__distance_is_the_great_circle(void **state)
{
	static const struct {
		double lat1, lon1, lat2, lon2, metres;
	} cases[] = {
		{ 0, 0, 0, 0, 0 },
		{ 0, 0, 0, 1, 111195.08 },            /* one degree on the equator */
		{ 0, 0, 1, 0, 111195.08 },
		{ 60, 10, 60, 11, 55597.01 },         /* a degree of longitude at 60 N: half */
		{ 90, 0, -90, 0, 20015114.35 },       /* pole to pole */
		{ 0, 0, 0, 180, 20015114.35 },        /* opposite points */
		{ 0, 179.9995, 0, -179.9995, 111.20 },/* across the date line */
		{ 43.6487, -79.3854, 45.5017, -73.5673, 504641.8 }, /* Toronto-Montreal */
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		double d = pt_distance_m(cases[i].lat1, cases[i].lon1, cases[i].lat2, cases[i].lon2);
		double tolerance = cases[i].metres < 1000 ? 0.05 : cases[i].metres * 1e-4;
		if (fabs(d - cases[i].metres) > tolerance)
			fail_msg("case %zu: %.2f m, want %.2f", i, d, cases[i].metres);
	}
}

/* ---------------------------------------------------------------------
 * Pings.
 */

static void test_tracking__ping_refusals_change_nothing(void **state)
{
	portal *p = *state;
	static const struct {
		const char *what;
		double lat, lon, acc;
		portal_time at;
		const char *field;
	} cases[] = {
		{ "latitude over 90", 90.0001, 0, 5, 0, "position.latitude" },
		{ "latitude under -90", -90.5, 0, 5, 0, "position.latitude" },
		{ "latitude NaN", NAN, 0, 5, 0, "position.latitude" },
		{ "latitude infinite", INFINITY, 0, 5, 0, "position.latitude" },
		{ "longitude over 180", 43, 180.001, 5, 0, "position.longitude" },
		{ "longitude under -180", 43, -181, 5, 0, "position.longitude" },
		{ "longitude NaN", 43, NAN, 5, 0, "position.longitude" },
		{ "accuracy NaN", 43, -79, NAN, 0, "position.accuracy" },
		{ "accuracy past 100 km", 43, -79, 100000.5, 0, "position.accuracy" },
		{ "in the future", 43, -79, 5, TH_NOW + 1, "position.at" },
		{ "a negative time", 43, -79, 5, -5, "position.at" },
	};

	/* A position is kept already, so a refusal must not touch it either. */
	assert_int_equal(portal_tech_ping(p, fx.sam, 43.6, -79.4, 10, TH_NOW - 60), PORTAL_OK);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		TH_CHECK_REFUSED(p, cases[i].what,
			portal_tech_ping(p, fx.sam, cases[i].lat, cases[i].lon, cases[i].acc,
				cases[i].at), PORTAL_EINVAL, cases[i].field);
	TH_CHECK_REFUSED(p, "no such technician",
		portal_tech_ping(p, 99, 43, -79, 5, 0), PORTAL_ENOTFOUND, NULL);
	TH_CHECK_REFUSED(p, "a technician who left",
		portal_tech_ping(p, fx.lee, 43, -79, 5, 0), PORTAL_ERULE, NULL);
}

static void test_tracking__the_edges_of_the_ranges_are_accepted(void **state)
{
	portal *p = *state;
	portal_tech_position pos;

	assert_int_equal(portal_tech_ping(p, fx.sam, 90, 180, 100000, TH_NOW - 3), PORTAL_OK);
	assert_int_equal(portal_tech_ping(p, fx.sam, -90, -180, 0, TH_NOW - 2), PORTAL_OK);
	/* A negative accuracy is "not given", whatever its size. */
	assert_int_equal(portal_tech_ping(p, fx.sam, 0, 0, -INFINITY, TH_NOW - 1), PORTAL_OK);
	assert_int_equal(portal_tech_position_get(&pos, p, fx.sam), PORTAL_OK);
	assert_true(pos.accuracy_m < 0);
	/* 0 is now. */
	assert_int_equal(portal_tech_ping(p, fx.sam, 1, 2, 3, 0), PORTAL_OK);
	assert_int_equal(portal_tech_position_get(&pos, p, fx.sam), PORTAL_OK);
	assert_int_equal(pos.at, TH_NOW);
	assert_true(pos.latitude == 1 && pos.longitude == 2 && pos.accuracy_m == 3);
}

static void test_tracking__only_the_latest_position_is_kept(void **state)
{
	portal *p = *state;
	portal_tech_position pos;
	char *before;

	assert_int_equal(portal_tech_position_get(&pos, p, fx.sam), PORTAL_ENOTFOUND);
	assert_int_equal(portal_tech_ping(p, fx.sam, 43.60, -79.40, 10, TH_NOW - 300), PORTAL_OK);
	assert_int_equal(portal_tech_ping(p, fx.sam, 43.61, -79.41, 8, TH_NOW - 200), PORTAL_OK);
	assert_int_equal(portal_tech_ping(p, fx.sam, 43.62, -79.42, -1, TH_NOW - 100), PORTAL_OK);
	assert_int_equal(count_rows("SELECT count(*) FROM technician_positions"), 1);
	assert_int_equal(portal_tech_position_get(&pos, p, fx.sam), PORTAL_OK);
	assert_int_equal(pos.technician_id, fx.sam);
	assert_true(pos.latitude == 43.62 && pos.longitude == -79.42);
	assert_true(pos.accuracy_m < 0);
	assert_int_equal(pos.at, TH_NOW - 100);

	/* A position older than the one kept arrived late: it is ignored. */
	before = th_fingerprint(th_db_path());
	assert_int_equal(portal_tech_ping(p, fx.sam, 10, 10, 5, TH_NOW - 150), PORTAL_OK);
	th_check_refusal(p, "an older position", PORTAL_OK, PORTAL_OK, NULL, before);
	assert_int_equal(portal_tech_position_get(&pos, p, fx.sam), PORTAL_OK);
	assert_true(pos.latitude == 43.62);

	/* One of the same second replaces it. */
	assert_int_equal(portal_tech_ping(p, fx.sam, 43.63, -79.43, 5, TH_NOW - 100), PORTAL_OK);
	assert_int_equal(portal_tech_position_get(&pos, p, fx.sam), PORTAL_OK);
	assert_true(pos.latitude == 43.63);
	assert_int_equal(count_rows("SELECT count(*) FROM technician_positions"), 1);
	assert_int_equal(portal_tech_position_get(&pos, p, 99), PORTAL_ENOTFOUND);
}

/* ---------------------------------------------------------------------
 * Arrival.
 */

static void test_tracking__arrival_within_125_metres(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, 0, "2026-11-22 10:00", "2026-11-22 14:00");

	move(p, id, PORTAL_APPT_EN_ROUTE, "2026-11-22 10:05");
	ping_north(p, HOME_LAT, HOME_LON, 2000, "2026-11-22 10:10");
	assert_int_equal(status_of(p, id), PORTAL_APPT_EN_ROUTE);
	ping_north(p, HOME_LAT, HOME_LON, 150, "2026-11-22 10:15");
	assert_int_equal(status_of(p, id), PORTAL_APPT_EN_ROUTE);
	ping_north(p, HOME_LAT, HOME_LON, 126, "2026-11-22 10:16");
	assert_int_equal(status_of(p, id), PORTAL_APPT_EN_ROUTE);
	ping_north(p, HOME_LAT, HOME_LON, 100, "2026-11-22 10:17");
	assert_int_equal(status_of(p, id), PORTAL_APPT_ARRIVED);
	{
		portal_appointment *a = NULL;
		assert_int_equal(portal_appointment_get(&a, p, id), PORTAL_OK);
		assert_int_equal(a->status_at, th_at(p, "2026-11-22 10:17"));
		portal_appointment_free(a);
	}
	/* Pinging on at the door changes nothing more. */
	ping_north(p, HOME_LAT, HOME_LON, 10, "2026-11-22 10:30");
	assert_int_equal(status_of(p, id), PORTAL_APPT_ARRIVED);
}

static void test_tracking__the_radius_is_a_setting(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, 0, "2026-11-22 10:00", "2026-11-22 14:00");

	assert_int_equal(portal_shop_set(p, "arrival_radius_m", "200"), PORTAL_OK);
	move(p, id, PORTAL_APPT_EN_ROUTE, "2026-11-22 10:05");
	ping_north(p, HOME_LAT, HOME_LON, 190, "2026-11-22 10:10");
	assert_int_equal(status_of(p, id), PORTAL_APPT_ARRIVED);
}

static void test_tracking__arrival_needs_en_route_today_and_a_located_address(void **state)
{
	portal *p = *state;
	portal_id confirmed = book(p, fx.alice, 0, "2026-11-22 10:00", "2026-11-22 12:00");
	portal_id tomorrow = book(p, fx.alice, 0, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_id carols = book(p, fx.carol, 0, "2026-11-22 12:00", "2026-11-22 16:00");

	/* At Alice's door, but her visit is only confirmed, and the one en
	 * route is tomorrow's. */
	move(p, confirmed, PORTAL_APPT_CONFIRMED, "2026-11-22 10:01");
	move(p, tomorrow, PORTAL_APPT_EN_ROUTE, "2026-11-22 10:02");
	ping_north(p, HOME_LAT, HOME_LON, 0, "2026-11-22 10:03");
	assert_int_equal(status_of(p, confirmed), PORTAL_APPT_CONFIRMED);
	assert_int_equal(status_of(p, tomorrow), PORTAL_APPT_EN_ROUTE);
	/* Carol's address has no coordinates: the shop marks the arrival. */
	move(p, carols, PORTAL_APPT_EN_ROUTE, "2026-11-22 10:04");
	ping_north(p, 0, 0, 0, "2026-11-22 10:05");
	assert_int_equal(status_of(p, carols), PORTAL_APPT_EN_ROUTE);
}

static void test_tracking__a_position_from_before_setting_out_is_no_arrival(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, 0, "2026-11-22 10:00", "2026-11-22 14:00");
	cJSON *o;

	move(p, id, PORTAL_APPT_EN_ROUTE, "2026-11-22 10:20");
	/* Measured at 10:10 at the door (an earlier visit?), delivered late. */
	portal_set_now(p, th_at(p, "2026-11-22 10:21"));
	assert_int_equal(portal_tech_ping(p, fx.sam, HOME_LAT, HOME_LON, 5,
		th_at(p, "2026-11-22 10:10")), PORTAL_OK);
	assert_int_equal(status_of(p, id), PORTAL_APPT_EN_ROUTE);
	/* Nor is it shown: it may be another customer's door. */
	o = track(p, id, NULL);
	assert_true(is_null(o, "position"));
	assert_true(is_null(o, "distance_m"));
	cJSON_Delete(o);
}

/* ---------------------------------------------------------------------
 * The document, by day and state.
 */

static void test_tracking__before_the_day_it_says_when_tracking_opens(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, 0, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_buf raw = PORTAL_BUF_INIT;
	cJSON *o;

	ping_north(p, HOME_LAT, HOME_LON, 3000, "2026-11-22 10:00");
	o = track(p, id, &raw);
	assert_string_equal(str(o, "state"), "not_yet");
	assert_string_equal(str(o, "status"), "scheduled");
	assert_string_equal(str(o, "message"), "Tracking opens on the day of your visit.");
	assert_int_equal((portal_time)num(o, "tracking_opens_at"), th_at(p, "2026-11-23 00:00"));
	assert_string_equal(str(o, "tracking_opens_at_text"), "2026-11-23T00:00:00-05:00");
	assert_int_equal((portal_time)num(o, "window_start"), th_at(p, "2026-11-23 08:00"));
	assert_string_equal(str(o, "window_end_text"), "2026-11-23T12:00:00-05:00");
	assert_int_equal(strlen(str(o, "door_code")), 4);
	assert_false(has(o, "position"));
	assert_false(has(o, "technician"));
	assert_false(th_contains(&raw, "latitude"));
	cJSON_Delete(o);
	portal_buf_dispose(&raw);

	/* Even en route the evening before, nothing is shown before the day. */
	move(p, id, PORTAL_APPT_EN_ROUTE, "2026-11-22 23:59:59");
	ping_north(p, HOME_LAT, HOME_LON, 3000, "2026-11-22 23:59:59");
	check_state(p, id, "not_yet");
	portal_set_now(p, th_at(p, "2026-11-23 00:00"));
	check_state(p, id, "en_route");
}

static void test_tracking__on_the_day_before_en_route_the_window_without_position(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, 0, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_buf raw = PORTAL_BUF_INIT;
	cJSON *o;

	ping_north(p, HOME_LAT, HOME_LON, 3000, "2026-11-23 07:00");
	o = track(p, id, &raw);
	assert_string_equal(str(o, "state"), "scheduled");
	assert_string_equal(str(o, "window_start_text"), "2026-11-23T08:00:00-05:00");
	assert_string_equal(str(cJSON_GetObjectItem(o, "technician"), "first_name"), "Sam");
	assert_false(has(o, "position"));
	assert_false(has(o, "tracking_opens_at"));
	assert_false(th_contains(&raw, "latitude"));
	cJSON_Delete(o);
	portal_buf_dispose(&raw);
	move(p, id, PORTAL_APPT_CONFIRMED, "2026-11-23 07:10");
	check_state(p, id, "confirmed");
}

static void test_tracking__en_route_shows_position_distance_and_eta(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, 0, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_time now;
	cJSON *o, *pos;

	move(p, id, PORTAL_APPT_EN_ROUTE, "2026-11-23 07:30");
	ping_north(p, HOME_LAT, HOME_LON, 10000, "2026-11-23 07:40");
	portal_set_now(p, now = th_at(p, "2026-11-23 07:45:30"));
	o = track(p, id, NULL);
	assert_string_equal(str(o, "state"), "en_route");
	assert_string_equal(str(o, "message"), "Sam is on the way.");
	assert_string_equal(str(cJSON_GetObjectItem(o, "technician"), "first_name"), "Sam");
	pos = cJSON_GetObjectItem(o, "position");
	assert_non_null(pos);
	assert_true(fabs(num(pos, "latitude") - (HOME_LAT + 10000 / METRES_PER_DEGREE)) < 1e-9);
	assert_true(num(pos, "longitude") == HOME_LON);
	assert_true(num(pos, "accuracy_m") == 12);
	/* The home, for the map. */
	pos = cJSON_GetObjectItem(o, "destination");
	assert_true(num(pos, "latitude") == HOME_LAT && num(pos, "longitude") == HOME_LON);
	assert_int_equal((portal_time)num(o, "updated_at"), th_at(p, "2026-11-23 07:40"));
	assert_int_equal(num(o, "updated_minutes_ago"), 5);
	assert_false(is_true(o, "stale"));
	/* 10 km straight, 13 km by road (130 %), at 40 km/h: 1170 s. */
	assert_int_equal(num(o, "distance_m"), 10000);
	assert_int_equal(num(o, "road_distance_m"), 13000);
	assert_int_equal((portal_time)num(o, "eta"), now + 1170);
	assert_string_equal(str(o, "eta_source"), "distance");
	cJSON_Delete(o);

	/* Speed and road factor are the shop's. */
	assert_int_equal(portal_shop_set(p, "tracking_speed_kmh", "60"), PORTAL_OK);
	assert_int_equal(portal_shop_set(p, "tracking_road_factor", "150"), PORTAL_OK);
	o = track(p, id, NULL);
	assert_int_equal(num(o, "road_distance_m"), 15000);
	assert_int_equal((portal_time)num(o, "eta"), now + 900);
	cJSON_Delete(o);
	/* A road is never shorter than the straight line. */
	assert_int_equal(portal_shop_set(p, "tracking_road_factor", "80"), PORTAL_OK);
	o = track(p, id, NULL);
	assert_int_equal(num(o, "road_distance_m"), 10000);
	cJSON_Delete(o);
}

static void test_tracking__en_route_to_an_address_without_coordinates(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.carol, 0, "2026-11-22 10:00", "2026-11-22 14:00");
	cJSON *o;

	move(p, id, PORTAL_APPT_EN_ROUTE, "2026-11-22 10:00");
	ping_north(p, HOME_LAT, HOME_LON, 10000, "2026-11-22 10:01");
	o = track(p, id, NULL);
	assert_non_null(cJSON_GetObjectItem(o, "position"));
	assert_true(is_null(o, "distance_m"));
	assert_true(is_null(o, "road_distance_m"));
	assert_true(is_null(o, "eta"));
	assert_true(is_null(o, "eta_source"));
	cJSON_Delete(o);
}

static void test_tracking__stale_after_10_minutes_without_a_position(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, 0, "2026-11-22 10:00", "2026-11-22 14:00");
	cJSON *o;

	/* No position yet: none shown, stale once en route 10 minutes. */
	move(p, id, PORTAL_APPT_EN_ROUTE, "2026-11-22 10:00");
	portal_set_now(p, th_at(p, "2026-11-22 10:10"));
	o = track(p, id, NULL);
	assert_true(is_null(o, "position"));
	assert_true(is_null(o, "updated_at"));
	assert_true(is_null(o, "updated_minutes_ago"));
	assert_false(is_true(o, "stale"));
	cJSON_Delete(o);
	portal_set_now(p, th_at(p, "2026-11-22 10:10:01"));
	o = track(p, id, NULL);
	assert_true(is_true(o, "stale"));
	cJSON_Delete(o);

	ping_north(p, HOME_LAT, HOME_LON, 5000, "2026-11-22 10:20");
	portal_set_now(p, th_at(p, "2026-11-22 10:30"));
	o = track(p, id, NULL);
	assert_false(is_true(o, "stale"));
	assert_int_equal(num(o, "updated_minutes_ago"), 10);
	cJSON_Delete(o);
	portal_set_now(p, th_at(p, "2026-11-22 10:30:01"));
	o = track(p, id, NULL);
	assert_true(is_true(o, "stale"));
	/* Still shown, with the warning. */
	assert_non_null(cJSON_GetObjectItem(o, "position"));
	cJSON_Delete(o);

	assert_int_equal(portal_shop_set(p, "tracking_stale_minutes", "30"), PORTAL_OK);
	o = track(p, id, NULL);
	assert_false(is_true(o, "stale"));
	cJSON_Delete(o);
}

static void test_tracking__the_dispatchers_eta_wins_until_it_passes(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, 0, "2026-11-22 10:00", "2026-11-22 14:00");
	portal_time eta = th_at(p, "2026-11-22 11:15"), got = 0;
	cJSON *o;

	assert_int_equal(portal_appointment_set_eta(p, id, eta), PORTAL_OK);
	assert_int_equal(portal_appointment_eta(&got, p, id), PORTAL_OK);
	assert_int_equal(got, eta);
	move(p, id, PORTAL_APPT_EN_ROUTE, "2026-11-22 10:30");
	/* Before any position, the dispatcher's time is all there is. */
	o = track(p, id, NULL);
	assert_int_equal((portal_time)num(o, "eta"), eta);
	assert_string_equal(str(o, "eta_source"), "dispatcher");
	assert_string_equal(str(o, "eta_text"), "2026-11-22T11:15:00-05:00");
	cJSON_Delete(o);
	ping_north(p, HOME_LAT, HOME_LON, 10000, "2026-11-22 10:40");
	o = track(p, id, NULL);
	assert_int_equal((portal_time)num(o, "eta"), eta);
	assert_string_equal(str(o, "eta_source"), "dispatcher");
	cJSON_Delete(o);
	/* Once past, the estimate from the distance takes over. */
	ping_north(p, HOME_LAT, HOME_LON, 10000, "2026-11-22 11:15:01");
	o = track(p, id, NULL);
	assert_string_equal(str(o, "eta_source"), "distance");
	assert_int_equal((portal_time)num(o, "eta"), th_at(p, "2026-11-22 11:15:01") + 1170);
	cJSON_Delete(o);
	/* Cleared, likewise. */
	portal_set_now(p, th_at(p, "2026-11-22 10:41"));
	assert_int_equal(portal_appointment_set_eta(p, id, eta), PORTAL_OK);
	assert_int_equal(portal_appointment_set_eta(p, id, 0), PORTAL_OK);
	assert_int_equal(portal_appointment_eta(&got, p, id), PORTAL_OK);
	assert_int_equal(got, 0);
	o = track(p, id, NULL);
	assert_string_equal(str(o, "eta_source"), "distance");
	cJSON_Delete(o);
}

static void test_tracking__eta_refusals_change_nothing(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, 0, "2026-11-22 10:00", "2026-11-22 14:00");
	portal_id done = book(p, fx.alice, 0, "2026-11-22 09:00", "2026-11-22 10:00");

	move(p, done, PORTAL_APPT_ARRIVED, "2026-11-22 10:00");
	portal_set_now(p, TH_NOW);
	TH_CHECK_REFUSED(p, "in the past",
		portal_appointment_set_eta(p, id, TH_NOW - 1), PORTAL_EINVAL, "appointment.eta");
	TH_CHECK_REFUSED(p, "negative",
		portal_appointment_set_eta(p, id, -1), PORTAL_EINVAL, "appointment.eta");
	TH_CHECK_REFUSED(p, "12 h after the window and a second",
		portal_appointment_set_eta(p, id, th_at(p, "2026-11-23 02:00:01")), PORTAL_EINVAL,
		"appointment.eta");
	assert_int_equal(portal_appointment_set_eta(p, id, th_at(p, "2026-11-23 02:00")),
		PORTAL_OK);
	TH_CHECK_REFUSED(p, "the technician arrived",
		portal_appointment_set_eta(p, done, TH_NOW + 60), PORTAL_ERULE, NULL);
	TH_CHECK_REFUSED(p, "no such visit",
		portal_appointment_set_eta(p, 99, TH_NOW + 60), PORTAL_ENOTFOUND, NULL);
}

static void test_tracking__no_position_from_arrival_on(void **state)
{
	portal *p = *state;
	static const struct {
		portal_appointment_status status;
		const char *when, *state;
	} steps[] = {
		{ PORTAL_APPT_ARRIVED, "2026-11-22 10:20", "arrived" },
		{ PORTAL_APPT_IN_PROGRESS, "2026-11-22 10:25", "in_progress" },
		{ PORTAL_APPT_COMPLETED, "2026-11-22 11:30", "completed" },
	};
	portal_id id = book(p, fx.carol, 0, "2026-11-22 10:00", "2026-11-22 14:00");
	portal_buf raw = PORTAL_BUF_INIT;
	cJSON *o;

	move(p, id, PORTAL_APPT_EN_ROUTE, "2026-11-22 10:00");
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		move(p, id, steps[i].status, steps[i].when);
		ping_north(p, HOME_LAT, HOME_LON, 0, steps[i].when);
		o = track(p, id, &raw);
		assert_string_equal(str(o, "state"), steps[i].state);
		assert_int_equal((portal_time)num(o, "status_at"), th_at(p, steps[i].when));
		assert_non_null(cJSON_GetObjectItem(o, "window_start"));
		if (has(o, "position") || has(o, "distance_m") || has(o, "eta") ||
		    has(o, "updated_at") || th_contains(&raw, "latitude"))
			fail_msg("%s: a position is shown: %s", steps[i].state, raw.ptr);
		cJSON_Delete(o);
		portal_buf_dispose(&raw);
	}
}

static void test_tracking__cancelled_and_missed_visits_show_their_status_only(void **state)
{
	portal *p = *state;
	portal_id cancelled = book(p, fx.alice, 0, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_id missed = book(p, fx.alice, 0, "2026-11-22 08:00", "2026-11-22 10:00");
	portal_buf raw = PORTAL_BUF_INIT;
	portal_id ids[2];
	cJSON *o;

	assert_int_equal(portal_appointment_cancel(NULL, p, cancelled), PORTAL_OK);
	assert_int_equal(portal_appointment_no_show(NULL, p, missed), PORTAL_OK);
	ids[0] = cancelled;
	ids[1] = missed;
	for (size_t i = 0; i < 2; i++) {
		o = track(p, ids[i], &raw);
		assert_string_equal(str(o, "state"), i == 0 ? "cancelled" : "no_show");
		assert_string_equal(str(o, "status"), str(o, "state"));
		assert_false(has(o, "window_start"));
		assert_false(has(o, "door_code"));
		assert_false(has(o, "technician"));
		assert_false(th_contains(&raw, "latitude"));
		cJSON_Delete(o);
		portal_buf_dispose(&raw);
	}
}

static void test_tracking__the_contact_is_the_shop_never_the_technician(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, 0, "2026-11-22 10:00", "2026-11-22 14:00");
	static const portal_appointment_status steps[] = {
		PORTAL_APPT_SCHEDULED, PORTAL_APPT_EN_ROUTE, PORTAL_APPT_ARRIVED,
		PORTAL_APPT_COMPLETED,
	};
	portal_buf raw = PORTAL_BUF_INIT;
	cJSON *o;

	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		if (i > 0)
			move(p, id, steps[i], "2026-11-22 10:00");
		ping_north(p, HOME_LAT, HOME_LON, 5000, "2026-11-22 10:00");
		o = track(p, id, &raw);
		assert_string_equal(str(cJSON_GetObjectItem(o, "contact"), "phone"),
			"+18664153937");
		if (th_contains(&raw, "4165550177") || th_contains(&raw, "555-0177") ||
		    th_contains(&raw, "Okafor"))
			fail_msg("the technician's phone or full name is shown: %s", raw.ptr);
		cJSON_Delete(o);
		portal_buf_dispose(&raw);
	}
	/* Nor in the view. */
	assert_int_equal(portal_preview(&raw, p, fx.alice, 0, "tracking", NULL), PORTAL_OK);
	assert_false(th_contains(&raw, "4165550177"));
	portal_buf_dispose(&raw);
}

/* ---------------------------------------------------------------------
 * The view.
 */

/* The view "tracking" for `client` (through `job`, 0: any), parsed. */
static cJSON *view(portal *p, portal_id client, portal_id job, portal_buf *raw)
{
	portal_buf doc = PORTAL_BUF_INIT;
	cJSON *o;
	int rc;

	if ((rc = portal_preview(&doc, p, client, job, "tracking", NULL)) != PORTAL_OK)
		fail_msg("tracking view: %d (%s)", rc, portal_errmsg(p));
	o = cJSON_Parse(doc.ptr);
	assert_non_null(o);
	if (raw != NULL)
		*raw = doc;
	else
		portal_buf_dispose(&doc);
	return o;
}

static portal_id viewed_visit(portal *p, portal_id client, portal_id job)
{
	cJSON *o = view(p, client, job, NULL);
	const cJSON *visit = cJSON_GetObjectItem(o, "visit");
	portal_id id = cJSON_IsNull(visit) ? 0 : (portal_id)num(visit, "id");

	cJSON_Delete(o);
	return id;
}

static void test_tracking__view_picks_todays_first_open_visit_else_the_next(void **state)
{
	portal *p = *state;
	portal_id earlier = book(p, fx.alice, 0, "2026-11-22 08:00", "2026-11-22 09:00");
	portal_id today = book(p, fx.alice, 0, "2026-11-22 13:00", "2026-11-22 15:00");
	portal_id next = book(p, fx.alice, fx.alice_job2, "2026-11-25 08:00", "2026-11-25 12:00");
	cJSON *o;

	/* 08:00's is completed: 13:00's is today's first still open. */
	move(p, earlier, PORTAL_APPT_COMPLETED, "2026-11-22 10:00");
	portal_set_now(p, TH_NOW);
	assert_int_equal(viewed_visit(p, fx.alice, 0), today);
	/* Cancelled too: the next one, on Wednesday. */
	assert_int_equal(portal_appointment_cancel(NULL, p, today), PORTAL_OK);
	assert_int_equal(viewed_visit(p, fx.alice, 0), next);
	o = view(p, fx.alice, 0, NULL);
	assert_string_equal(str(o, "view"), "tracking");
	assert_string_equal(str(cJSON_GetObjectItem(o, "visit"), "state"), "not_yet");
	cJSON_Delete(o);
	/* Through a link for the first job, the Wednesday visit is not seen. */
	assert_int_equal(viewed_visit(p, fx.alice, fx.alice_job), 0);
	assert_int_equal(viewed_visit(p, fx.alice, fx.alice_job2), next);
	/* After Wednesday, nothing to track. */
	portal_set_now(p, th_at(p, "2026-11-26 09:00"));
	o = view(p, fx.alice, 0, NULL);
	assert_true(is_null(o, "visit"));
	assert_string_equal(str(o, "message"), "You have no visit planned. Call the shop to book one.");
	cJSON_Delete(o);
}

static void test_tracking__another_clients_visit_never_appears(void **state)
{
	portal *p = *state;
	portal_id bobs = book(p, fx.bob, 0, "2026-11-22 10:00", "2026-11-22 14:00");
	portal_appointment *a = NULL;
	portal_buf raw = PORTAL_BUF_INIT;
	cJSON *o;

	move(p, bobs, PORTAL_APPT_EN_ROUTE, "2026-11-22 10:00");
	ping_north(p, BOB_LAT, BOB_LON, 3000, "2026-11-22 10:05");
	assert_int_equal(portal_appointment_get(&a, p, bobs), PORTAL_OK);
	o = view(p, fx.alice, 0, &raw);
	assert_true(is_null(o, "visit"));
	if (th_contains(&raw, "door_code") || th_contains(&raw, "latitude") ||
	    th_contains(&raw, "Sam"))
		fail_msg("Alice sees Bob's visit: %s", raw.ptr);
	cJSON_Delete(o);
	portal_buf_dispose(&raw);
	/* Bob sees his own. */
	o = view(p, fx.bob, 0, &raw);
	assert_int_equal(num(cJSON_GetObjectItem(o, "visit"), "id"), bobs);
	assert_string_equal(str(cJSON_GetObjectItem(o, "visit"), "door_code"), a->door_code);
	assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(o, "visit"), "position"));
	cJSON_Delete(o);
	portal_buf_dispose(&raw);
	/* Alice's own visit later does not make Bob's appear either. */
	book(p, fx.alice, 0, "2026-11-24 08:00", "2026-11-24 12:00");
	o = view(p, fx.alice, 0, &raw);
	assert_true(num(cJSON_GetObjectItem(o, "visit"), "id") != bobs);
	assert_false(th_contains(&raw, "latitude"));
	cJSON_Delete(o);
	portal_buf_dispose(&raw);
	portal_appointment_free(a);
}

static void test_tracking__the_shop_can_hide_the_section(void **state)
{
	portal *p = *state;
	portal_buf raw = PORTAL_BUF_INIT;

	book(p, fx.bob, 0, "2026-11-22 10:00", "2026-11-22 14:00");
	assert_int_equal(portal_client_set_sections(p, fx.bob,
		PORTAL_SECTIONS_ALL & ~(unsigned)PORTAL_SECTION_TRACKING), PORTAL_OK);
	assert_int_equal(portal_preview(&raw, p, fx.bob, 0, "tracking", NULL), PORTAL_EDENIED);
	assert_null(raw.ptr);
	assert_int_equal(portal_client_set_sections(p, fx.bob, PORTAL_SECTIONS_ALL), PORTAL_OK);
	assert_int_equal(portal_preview(&raw, p, fx.bob, 0, "tracking", NULL), PORTAL_OK);
	portal_buf_dispose(&raw);
	assert_int_equal(portal_preview(&raw, p, fx.bob, 0, "tracking", "1"), PORTAL_EINVAL);
	assert_int_equal(portal_view_takes_arg("tracking"), 0);
}

/* ---------------------------------------------------------------------
 * Notifications of visits.
 */

struct kinds {
	char list[1024];
	char last_text[400];
};

/* Oldest first, "kind;kind;..." */
static int collect_kind(const portal_notification *n, void *ctx)
{
	struct kinds *k = ctx;
	size_t kind = strlen(n->kind), had = strlen(k->list);

	assert_true(kind + 1 + had < sizeof(k->list));
	memmove(k->list + kind + 1, k->list, had + 1);
	memcpy(k->list, n->kind, kind);
	k->list[kind] = ';';
	if (k->last_text[0] == '\0')
		snprintf(k->last_text, sizeof(k->last_text), "%s", n->text);
	return 0;
}

static struct kinds kinds_of(portal *p, portal_id client)
{
	struct kinds k;

	memset(&k, 0, sizeof(k));
	assert_int_equal(portal_notification_foreach(p, client, 0, 0, collect_kind, &k),
		PORTAL_OK);
	return k;
}

static void test_tracking__visits_notify_their_client(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, 0, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_id other = book(p, fx.alice, 0, "2026-11-24 08:00", "2026-11-24 12:00");
	portal_id missed = book(p, fx.alice, 0, "2026-11-22 08:00", "2026-11-22 10:00");
	portal_id techless;
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
	struct kinds k;
	portal_id lee2;

	k = kinds_of(p, fx.alice);
	assert_string_equal(k.list, "appointment.booked;appointment.booked;appointment.booked;");
	assert_string_equal(k.last_text, "Your visit is booked for Sun 22 Nov, 8:00\xe2\x80\x93" "10:00 am.");
	assert_int_equal(portal_notification_mark_read(p, fx.alice, 0), PORTAL_OK);

	/* Assigning the same technician again is no change. */
	assert_int_equal(portal_appointment_assign(p, id, fx.sam), PORTAL_OK);
	assert_string_equal(kinds_of(p, fx.alice).list,
		"appointment.booked;appointment.booked;appointment.booked;");
	assert_int_equal(portal_tech_add(&lee2, p, "Lee Park", NULL), PORTAL_OK);
	assert_int_equal(portal_appointment_assign(p, id, lee2), PORTAL_OK);
	k = kinds_of(p, fx.alice);
	assert_string_equal(k.last_text,
		"Lee will be your technician for your visit of Mon 23 Nov, 8:00 am\xe2\x80\x93" "12:00 pm.");

	move(p, id, PORTAL_APPT_CONFIRMED, "2026-11-22 10:00");
	assert_string_equal(kinds_of(p, fx.alice).last_text,
		"Your visit of Mon 23 Nov, 8:00 am\xe2\x80\x93" "12:00 pm is confirmed.");
	move(p, id, PORTAL_APPT_EN_ROUTE, "2026-11-23 07:30");
	k = kinds_of(p, fx.alice);
	assert_string_equal(k.last_text,
		"Lee is on the way for your visit of Mon 23 Nov, 8:00 am\xe2\x80\x93" "12:00 pm.");
	assert_int_equal(portal_appointment_set_eta(p, id, th_at(p, "2026-11-23 08:10")),
		PORTAL_OK);
	assert_string_equal(kinds_of(p, fx.alice).last_text,
		"Lee expects to arrive around 8:10 am on Mon 23 Nov (visit of Mon 23 Nov, "
		"8:00 am\xe2\x80\x93" "12:00 pm).");
	move(p, id, PORTAL_APPT_ARRIVED, "2026-11-23 08:05");
	assert_string_equal(kinds_of(p, fx.alice).last_text,
		"Lee has arrived for your visit of Mon 23 Nov, 8:00 am\xe2\x80\x93" "12:00 pm.");

	/* Cancelled late (less than 12 hours before): the fee is said. */
	portal_set_now(p, th_at(p, "2026-11-23 21:00"));
	assert_int_equal(portal_appointment_cancel(NULL, p, other), PORTAL_OK);
	assert_string_equal(kinds_of(p, fx.alice).last_text,
		"Your visit of Tue 24 Nov, 8:00 am\xe2\x80\x93" "12:00 pm was cancelled. A late-cancellation "
		"fee of $60.00 applies.");
	assert_int_equal(portal_appointment_no_show(NULL, p, missed), PORTAL_OK);
	k = kinds_of(p, fx.alice);
	assert_string_equal(k.last_text, "We missed you at your visit of Sun 22 Nov, "
		"8:00\xe2\x80\x93" "10:00 am. A missed appointment fee of $60.00 applies.");
	/* Each fee is an invoice, which tells the client too, just before the
	 * visit's own notice. */
	assert_string_equal(k.list,
		"appointment.booked;appointment.booked;appointment.booked;"
		"appointment.changed;appointment.changed;tech.en_route;appointment.changed;"
		"appointment.changed;invoice.issued;appointment.cancelled;invoice.issued;"
		"appointment.changed;");

	/* Without a technician named, the customer still learns it. */
	portal_set_now(p, TH_NOW);
	f.client_id = fx.carol;
	f.window_start = th_at(p, "2026-11-22 11:00");
	f.window_end = th_at(p, "2026-11-22 12:00");
	assert_int_equal(portal_appointment_add(&techless, p, &f), PORTAL_OK);
	assert_int_equal(portal_appointment_set_status(p, techless, PORTAL_APPT_EN_ROUTE, 0),
		PORTAL_OK);
	assert_string_equal(kinds_of(p, fx.carol).last_text,
		"Your technician is on the way for your visit of Sun 22 Nov, 11:00 am\xe2\x80\x93" "12:00 pm.");
	/* Nothing went to Bob. */
	assert_string_equal(kinds_of(p, fx.bob).list, "");
}

static void test_tracking__automatic_arrival_notifies_and_refusals_do_not(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, 0, "2026-11-22 10:00", "2026-11-22 14:00");

	move(p, id, PORTAL_APPT_EN_ROUTE, "2026-11-22 10:00");
	ping_north(p, HOME_LAT, HOME_LON, 50, "2026-11-22 10:30");
	assert_string_equal(kinds_of(p, fx.alice).list,
		"appointment.booked;tech.en_route;appointment.changed;");
	assert_string_equal(kinds_of(p, fx.alice).last_text,
		"Sam has arrived for your visit of Sun 22 Nov, 10:00 am\xe2\x80\x93" "2:00 pm.");
	/* A refused change tells no one (the fingerprint covers the table). */
	TH_CHECK_REFUSED(p, "backwards",
		portal_appointment_set_status(p, id, PORTAL_APPT_CONFIRMED, 0), PORTAL_ERULE, NULL);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tracking__distance_is_the_great_circle),
		T(test_tracking__ping_refusals_change_nothing),
		T(test_tracking__the_edges_of_the_ranges_are_accepted),
		T(test_tracking__only_the_latest_position_is_kept),
		T(test_tracking__arrival_within_125_metres),
		T(test_tracking__the_radius_is_a_setting),
		T(test_tracking__arrival_needs_en_route_today_and_a_located_address),
		T(test_tracking__a_position_from_before_setting_out_is_no_arrival),
		T(test_tracking__before_the_day_it_says_when_tracking_opens),
		T(test_tracking__on_the_day_before_en_route_the_window_without_position),
		T(test_tracking__en_route_shows_position_distance_and_eta),
		T(test_tracking__en_route_to_an_address_without_coordinates),
		T(test_tracking__stale_after_10_minutes_without_a_position),
		T(test_tracking__the_dispatchers_eta_wins_until_it_passes),
		T(test_tracking__eta_refusals_change_nothing),
		T(test_tracking__no_position_from_arrival_on),
		T(test_tracking__cancelled_and_missed_visits_show_their_status_only),
		T(test_tracking__the_contact_is_the_shop_never_the_technician),
		T(test_tracking__view_picks_todays_first_open_visit_else_the_next),
		T(test_tracking__another_clients_visit_never_appears),
		T(test_tracking__the_shop_can_hide_the_section),
		T(test_tracking__visits_notify_their_client),
		T(test_tracking__automatic_arrival_notifies_and_refusals_do_not),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
