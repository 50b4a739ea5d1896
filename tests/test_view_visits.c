/* SPDX-License-Identifier: MIT */
/*
 * test_view_visits.c - unit tests for the customer's visit views
 * (view_visits.c): inspections and appointments, through
 * portal_preview().
 *
 * The clock is at TH_NOW, Sunday 2026-11-22 10:00 in Toronto. Alice has
 * two jobs at her home; Bob has one. Sam Okafor (phone 416-555-0177)
 * does the visits.
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
	portal_id alice, bob;
	portal_id alice_home, bob_home;
	portal_id alice_job, alice_job2, bob_job;
	portal_id sam;
} fx;

/* ---------------------------------------------------------------------
 * Fixtures and helpers.
 */

static void check(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

/* A visit of `client` on `job` from `start` for two hours, booked at
 * `booked` (the clock goes back to TH_NOW after). */
static portal_id book(portal *p, portal_id client, portal_id job, portal_time start,
	portal_time booked)
{
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
	portal_id id;

	f.client_id = client;
	f.job_id = job;
	f.technician_id = fx.sam;
	f.window_start = start;
	f.window_end = start + 2 * HOUR;
	f.notes = "Gate code on the side door";
	portal_set_now(p, booked);
	id = th_add_visit(p, &f);
	portal_set_now(p, TH_NOW);
	return id;
}

static int setup(void **state)
{
	portal *p = th_open();

	memset(&fx, 0, sizeof(fx));
	fx.alice = th_add_client(p, "Alice Martin");
	fx.bob = th_add_client(p, "Bob Stone");
	fx.alice_home = th_add_address(p, fx.alice, "120", "King St W", NULL);
	fx.bob_home = th_add_address(p, fx.bob, "48", "Roncesvalles Ave", NULL);
	fx.alice_job = th_add_job(p, fx.alice, 0, 0, "Fridge not cooling", TH_NOW - 30 * DAY);
	fx.alice_job2 = th_add_job(p, fx.alice, 0, 0, "Fridge not cooling", TH_NOW - 30 * DAY);
	fx.bob_job = th_add_job(p, fx.bob, 0, 0, "Fridge not cooling", TH_NOW - 30 * DAY);
	check(p, portal_tech_add(&fx.sam, p, "Sam Okafor", "416-555-0177"), "adding Sam");
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

static const cJSON *at(const cJSON *o, const char *path)
{
	char key[64];
	const char *dot;

	while ((dot = strchr(path, '.')) != NULL) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		if ((o = cJSON_GetObjectItemCaseSensitive(o, key)) == NULL)
			fail_msg("no %s", key);
		path = dot + 1;
	}
	if ((o = cJSON_GetObjectItemCaseSensitive(o, path)) == NULL)
		fail_msg("no %s", path);
	return o;
}

static int64_t num(const cJSON *o, const char *path)
{
	const cJSON *n = at(o, path);

	assert_true(cJSON_IsNumber(n));
	return (int64_t)n->valuedouble;
}

static const char *str(const cJSON *o, const char *path)
{
	const cJSON *s = at(o, path);

	if (!cJSON_IsString(s))
		fail_msg("%s is not a string", path);
	return s->valuestring;
}

static int is_null(const cJSON *o, const char *path)
{
	return cJSON_IsNull(at(o, path));
}

/* The visit with id `id` in an appointments view; fails when absent. */
static const cJSON *visit(const cJSON *doc, portal_id id)
{
	const cJSON *v;

	cJSON_ArrayForEach(v, at(doc, "appointments"))
		if (num(v, "id") == id)
			return v;
	fail_msg("no visit #%lld", (long long)id);
	return NULL;
}

/* ---------------------------------------------------------------------
 * appointments
 */

static void test_view_visits__appointments_upcoming_first_then_past(void **state)
{
	portal *p = *state;
	portal_id later = book(p, fx.alice, fx.alice_job, TH_NOW + 3 * DAY, TH_NOW - DAY);
	portal_id soon = book(p, fx.alice, fx.alice_job, TH_NOW + DAY, TH_NOW - DAY);
	portal_id old = book(p, fx.alice, fx.alice_job, TH_NOW - 10 * DAY, TH_NOW - 12 * DAY);
	portal_id older = book(p, fx.alice, fx.alice_job, TH_NOW - 20 * DAY, TH_NOW - 22 * DAY);
	portal_id ids[] = { soon, later, old, older };
	cJSON *doc;
	const cJSON *v;
	size_t i = 0;

	portal_set_now(p, TH_NOW - 10 * DAY + HOUR);
	check(p, portal_appointment_set_status(p, old, PORTAL_APPT_COMPLETED, 0), "completing");
	portal_set_now(p, TH_NOW);
	book(p, fx.bob, fx.bob_job, TH_NOW + 2 * DAY, TH_NOW - DAY);
	doc = view(p, fx.alice, 0, "appointments");
	assert_int_equal(cJSON_GetArraySize(at(doc, "appointments")), 4);   /* not Bob's */
	cJSON_ArrayForEach(v, at(doc, "appointments"))
		assert_int_equal(num(v, "id"), ids[i++]);
	assert_int_equal(num(doc, "upcoming_count"), 2);

	v = visit(doc, soon);
	assert_true(cJSON_IsTrue(at(v, "upcoming")));
	assert_int_equal(num(v, "window_start"), TH_NOW + DAY);
	assert_string_equal(str(v, "window_start_text"), "2026-11-23T10:00:00-05:00");
	assert_int_equal(num(v, "window_end"), TH_NOW + DAY + 2 * HOUR);
	assert_string_equal(str(v, "status"), "scheduled");
	assert_string_equal(str(v, "status_label"), "Scheduled");
	assert_string_equal(str(v, "technician_first_name"), "Sam");
	assert_int_equal(strlen(str(v, "door_code")) > 0, 1);
	assert_non_null(strstr(str(v, "address"), "120 King St W"));
	assert_int_equal(num(v, "job_id"), fx.alice_job);

	/* The past: no door code, nothing to cancel. */
	v = visit(doc, old);
	assert_false(cJSON_IsTrue(at(v, "upcoming")));
	assert_string_equal(str(v, "status"), "completed");
	assert_true(is_null(v, "door_code"));
	assert_true(is_null(v, "cancellation"));
	v = visit(doc, older);
	assert_true(is_null(v, "door_code"));
	cJSON_Delete(doc);
}

static void test_view_visits__appointments_keep_the_technician_private(void **state)
{
	portal *p = *state;
	portal_buf b = PORTAL_BUF_INIT;

	book(p, fx.alice, fx.alice_job, TH_NOW + DAY, TH_NOW - DAY);
	check(p, portal_preview(&b, p, fx.alice, 0, "appointments", NULL), "appointments");
	assert_true(th_contains(&b, "\"Sam\""));
	assert_false(th_contains(&b, "Okafor"));
	assert_false(th_contains(&b, "416-555-0177"));
	assert_false(th_contains(&b, "4165550177"));
	/* The shop's notes on the visit stay the shop's. */
	assert_false(th_contains(&b, "Gate code"));
	assert_false(th_contains(&b, "Bob"));
	portal_buf_dispose(&b);
}

/* The fee rule as the customer sees it, checked against the library's own
 * quote: free until 12 hours before the window, the late fee after. */
static void test_view_visits__appointments_show_the_cancellation_fee_now(void **state)
{
	portal *p = *state;
	portal_time start = TH_NOW + DAY;
	portal_id id = book(p, fx.alice, fx.alice_job, start, TH_NOW - DAY);
	static const struct {
		portal_time before;          /* seconds before the window */
		int late;
		portal_money fee;
	} cases[] = {
		{ 24 * HOUR, 0, 0 },
		{ 12 * HOUR, 0, 0 },
		{ 12 * HOUR - 1, 1, 6000 },
		{ 2 * HOUR, 1, 6000 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		portal_cancellation q;
		cJSON *doc;
		const cJSON *c;
		portal_set_now(p, start - cases[i].before);
		check(p, portal_appointment_cancel_quote(&q, p, id, 0), "quoting");
		doc = view(p, fx.alice, 0, "appointments");
		c = at(visit(doc, id), "cancellation");
		assert_int_equal(num(c, "free_until"), start - 12 * HOUR);
		assert_int_equal(num(c, "free_until"), q.free_until);
		assert_string_equal(str(c, "free_until_text"), "2026-11-22T22:00:00-05:00");
		assert_int_equal(cJSON_IsTrue(at(c, "late")), cases[i].late);
		assert_int_equal(cJSON_IsTrue(at(c, "late")), q.late);
		assert_int_equal(num(c, "fee"), cases[i].fee);
		assert_int_equal(num(c, "fee"), q.fee);
		assert_string_equal(str(c, "fee_text"), cases[i].fee ? "60.00" : "0.00");
		cJSON_Delete(doc);
	}
}

static void test_view_visits__a_cancelled_visit_shows_its_fee_invoice(void **state)
{
	portal *p = *state;
	portal_time start = TH_NOW + 2 * HOUR;
	portal_id id = book(p, fx.alice, fx.alice_job, start, TH_NOW - DAY);
	portal_appointment *a = NULL;
	portal_invoice *inv = NULL;
	cJSON *doc;
	const cJSON *v;

	check(p, portal_appointment_cancel(NULL, p, id), "cancelling late");
	check(p, portal_appointment_get(&a, p, id), "reading");
	check(p, portal_invoice_get(&inv, p, a->fee_invoice_id), "the fee's invoice");
	doc = view(p, fx.alice, 0, "appointments");
	v = visit(doc, id);
	assert_string_equal(str(v, "status"), "cancelled");
	assert_false(cJSON_IsTrue(at(v, "upcoming")));
	assert_int_equal(num(v, "cancelled_at"), TH_NOW);
	assert_true(is_null(v, "cancellation"));
	assert_true(is_null(v, "door_code"));
	assert_string_equal(str(v, "fee_invoice_number"), inv->number);
	assert_int_equal(num(doc, "upcoming_count"), 0);
	cJSON_Delete(doc);
	portal_invoice_free(inv);
	portal_appointment_free(a);
}

static void test_view_visits__an_arrived_technician_cannot_be_cancelled(void **state)
{
	portal *p = *state;
	portal_id id = book(p, fx.alice, fx.alice_job, TH_NOW - HOUR, TH_NOW - DAY);
	cJSON *doc;
	const cJSON *v;

	check(p, portal_appointment_set_status(p, id, PORTAL_APPT_ARRIVED, 0), "arrived");
	doc = view(p, fx.alice, 0, "appointments");
	v = visit(doc, id);
	assert_true(cJSON_IsTrue(at(v, "upcoming")));       /* under way */
	assert_false(is_null(v, "door_code"));
	assert_true(is_null(v, "cancellation"));
	cJSON_Delete(doc);
}

/* ---------------------------------------------------------------------
 * inspections
 */

static portal_id inspect(portal *p, portal_id job, portal_time at_)
{
	static const portal_inspection_item_fields items[] = {
		{ PORTAL_INSPECTION_ITEM_FIELDS_VERSION, "Condenser coil",
		  PORTAL_CONDITION_NEEDS_ATTENTION, "Dusty", "Clean the coil", 6500 },
		{ PORTAL_INSPECTION_ITEM_FIELDS_VERSION, "Door gasket", PORTAL_CONDITION_URGENT,
		  "Torn at the hinge side", "Replace the gasket", 18900 },
		{ PORTAL_INSPECTION_ITEM_FIELDS_VERSION, "Temperatures", PORTAL_CONDITION_GOOD,
		  NULL, NULL, -1 },
	};
	portal_inspection_fields f = PORTAL_INSPECTION_FIELDS_INIT;
	portal_id id = 0;

	f.job_id = job;
	f.technician_id = fx.sam;
	f.inspected_at = at_;
	f.summary = "Two items to plan for.";
	check(p, portal_inspection_add(&id, p, &f), "inspecting");
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++)
		check(p, portal_inspection_item_add(NULL, p, id, &items[i]), "adding an item");
	return id;
}

static void test_view_visits__inspections_show_findings_and_prices(void **state)
{
	portal *p = *state;
	portal_buf b = PORTAL_BUF_INIT;
	cJSON *doc;
	const cJSON *in, *item;

	inspect(p, fx.alice_job, TH_NOW - 5 * DAY);
	inspect(p, fx.alice_job2, TH_NOW - DAY);
	inspect(p, fx.bob_job, TH_NOW - 2 * DAY);
	doc = view(p, fx.alice, 0, "inspections");
	assert_int_equal(cJSON_GetArraySize(at(doc, "inspections")), 2);
	in = cJSON_GetArrayItem(at(doc, "inspections"), 0);          /* newest first */
	assert_int_equal(num(in, "job_id"), fx.alice_job2);
	assert_int_equal(num(in, "inspected_at"), TH_NOW - DAY);
	assert_string_equal(str(in, "inspected_at_text"), "2026-11-21T10:00:00-05:00");
	assert_string_equal(str(in, "summary"), "Two items to plan for.");
	assert_string_equal(str(in, "worst"), "urgent");
	assert_string_equal(str(in, "worst_label"), "Urgent");
	assert_string_equal(str(in, "technician_first_name"), "Sam");
	assert_int_equal(num(in, "recommendations"), 2);
	assert_int_equal(num(in, "recommended_total"), 6500 + 18900);
	assert_int_equal(cJSON_GetArraySize(at(in, "items")), 3);
	item = cJSON_GetArrayItem(at(in, "items"), 0);
	assert_string_equal(str(item, "item"), "Condenser coil");
	assert_string_equal(str(item, "condition"), "needs_attention");
	assert_string_equal(str(item, "condition_label"), "Needs attention");
	assert_string_equal(str(item, "note"), "Dusty");
	assert_string_equal(str(item, "recommendation"), "Clean the coil");
	assert_int_equal(num(item, "recommended_price"), 6500);
	assert_string_equal(str(item, "recommended_price_text"), "65.00");
	item = cJSON_GetArrayItem(at(in, "items"), 2);
	assert_string_equal(str(item, "condition_label"), "Good");
	assert_true(is_null(item, "note"));
	assert_true(is_null(item, "recommended_price"));
	cJSON_Delete(doc);

	check(p, portal_preview(&b, p, fx.alice, 0, "inspections", NULL), "inspections");
	assert_false(th_contains(&b, "Okafor"));
	assert_false(th_contains(&b, "416-555-0177"));
	portal_buf_dispose(&b);
}

/* ---------------------------------------------------------------------
 * Job scope and sections.
 */

static void test_view_visits__a_job_link_shows_that_jobs_visits_only(void **state)
{
	portal *p = *state;
	portal_id mine = book(p, fx.alice, fx.alice_job, TH_NOW + DAY, TH_NOW - DAY);
	cJSON *doc;

	book(p, fx.alice, fx.alice_job2, TH_NOW + 2 * DAY, TH_NOW - DAY);
	inspect(p, fx.alice_job, TH_NOW - 5 * DAY);
	inspect(p, fx.alice_job2, TH_NOW - DAY);
	doc = view(p, fx.alice, fx.alice_job, "appointments");
	assert_int_equal(cJSON_GetArraySize(at(doc, "appointments")), 1);
	assert_int_equal(num(cJSON_GetArrayItem(at(doc, "appointments"), 0), "id"), mine);
	cJSON_Delete(doc);
	doc = view(p, fx.alice, fx.alice_job, "inspections");
	assert_int_equal(cJSON_GetArraySize(at(doc, "inspections")), 1);
	assert_int_equal(num(cJSON_GetArrayItem(at(doc, "inspections"), 0), "job_id"),
		fx.alice_job);
	cJSON_Delete(doc);
}

static void test_view_visits__hidden_sections_are_denied(void **state)
{
	portal *p = *state;
	portal_buf b = PORTAL_BUF_INIT;

	check(p, portal_client_set_sections(p, fx.alice,
		PORTAL_SECTIONS_ALL & ~PORTAL_SECTION_APPOINTMENTS), "hiding appointments");
	assert_int_equal(portal_preview(&b, p, fx.alice, 0, "appointments", NULL), PORTAL_EDENIED);
	assert_null(b.ptr);
	cJSON_Delete(view(p, fx.alice, 0, "inspections"));
	check(p, portal_client_set_sections(p, fx.alice,
		PORTAL_SECTIONS_ALL & ~PORTAL_SECTION_INSPECTIONS), "hiding inspections");
	assert_int_equal(portal_preview(&b, p, fx.alice, 0, "inspections", NULL), PORTAL_EDENIED);
	assert_int_equal(portal_preview(&b, p, fx.alice, fx.alice_job, "inspections", NULL),
		PORTAL_EDENIED);
	assert_null(b.ptr);
	cJSON_Delete(view(p, fx.alice, 0, "appointments"));
	cJSON_Delete(view(p, fx.bob, 0, "inspections"));
}

/* ---------------------------------------------------------------------
 * The demo shop.
 */

static int collect_client(const portal_client *c, void *ctx)
{
	portal_id *ids = ctx;

	for (size_t i = 0; i < 64; i++)
		if (ids[i] == 0) {
			ids[i] = c->id;
			break;
		}
	return 0;
}

static int collect_phone(const portal_tech *t, void *ctx)
{
	char (*phones)[32] = ctx;

	for (size_t i = 0; i < 16; i++)
		if (phones[i][0] == '\0') {
			snprintf(phones[i], sizeof(phones[i]), "%s", t->phone);
			break;
		}
	return 0;
}

static void test_view_visits__demo_shop_visits(void **state)
{
	portal *p = th_open_demo();
	portal_id clients[64] = { 0 };
	char phones[16][32];
	int upcoming = 0, past = 0, fees = 0, inspections = 0;

	*state = p;
	memset(phones, 0, sizeof(phones));
	check(p, portal_client_foreach(p, NULL, collect_client, clients), "listing clients");
	check(p, portal_tech_foreach(p, collect_phone, phones), "listing technicians");
	for (size_t i = 0; i < 64 && clients[i]; i++) {
		portal_buf b = PORTAL_BUF_INIT;
		cJSON *doc = view(p, clients[i], 0, "appointments");
		const cJSON *v;
		cJSON_ArrayForEach(v, at(doc, "appointments")) {
			portal_cancellation q;
			int rc = portal_appointment_cancel_quote(&q, p, (portal_id)num(v, "id"), 0);
			if (cJSON_IsTrue(at(v, "upcoming"))) {
				upcoming++;
				assert_false(is_null(v, "door_code"));
			} else {
				past++;
				assert_true(is_null(v, "door_code"));
			}
			if (rc == PORTAL_OK) {
				assert_int_equal(num(v, "cancellation.fee"), q.fee);
				fees += q.fee > 0;
			} else {
				assert_true(is_null(v, "cancellation"));
			}
		}
		cJSON_Delete(doc);
		doc = view(p, clients[i], 0, "inspections");
		inspections += cJSON_GetArraySize(at(doc, "inspections"));
		cJSON_Delete(doc);
		for (const char *const *name = (const char *const[]){ "appointments", "inspections",
				NULL }; *name; name++) {
			check(p, portal_preview(&b, p, clients[i], 0, *name, NULL), *name);
			for (size_t t = 0; t < 16 && phones[t][0]; t++)
				assert_false(th_contains(&b, phones[t]));
			portal_buf_dispose(&b);
		}
	}
	/* The demo's visit today is inside the notice window: its fee shows. */
	assert_true(upcoming >= 2);
	assert_true(past >= 2);
	assert_true(fees >= 1);
	assert_int_equal(inspections, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_view_visits__appointments_upcoming_first_then_past, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_visits__appointments_keep_the_technician_private, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_visits__appointments_show_the_cancellation_fee_now, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_visits__a_cancelled_visit_shows_its_fee_invoice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_visits__an_arrived_technician_cannot_be_cancelled, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_visits__inspections_show_findings_and_prices, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_visits__a_job_link_shows_that_jobs_visits_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_visits__hidden_sections_are_denied, setup, teardown),
		cmocka_unit_test_teardown(test_view_visits__demo_shop_visits, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
