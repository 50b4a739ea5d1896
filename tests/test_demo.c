/* SPDX-License-Identifier: MIT */
/*
 * test_demo.c - unit tests for the demo shop (demo.c).
 *
 * Each test opens a fresh shop database (clock fixed at TH_NOW,
 * 2026-11-22T15:00:00Z, 10:00 in Toronto) and fills it with
 * portal_demo_fill(), then checks what a person trying the portal would
 * see: a dozen clients with accented and non-Latin names, jobs at every
 * stage with timelines that read forward and never reach past "now".
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

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define MAX_RECORDS 64

/* ---------------------------------------------------------------------
 * Fixtures and helpers.
 */

/* An empty shop. */
static int setup(void **state)
{
	*state = th_open();
	return 0;
}

/* The demo shop. */
static int setup_demo(void **state)
{
	*state = th_open_demo();
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

struct ids {
	portal_id id[MAX_RECORDS];
	char name[MAX_RECORDS][128];
	size_t n;
};

static int collect_client(const portal_client *c, void *ctx)
{
	struct ids *w = ctx;

	assert_true(w->n < MAX_RECORDS);
	w->id[w->n] = c->id;
	snprintf(w->name[w->n], sizeof(w->name[0]), "%s", c->name);
	w->n++;
	return 0;
}

static int collect_job(const portal_job *j, void *ctx)
{
	struct ids *w = ctx;

	assert_true(w->n < MAX_RECORDS);
	w->id[w->n] = j->id;
	snprintf(w->name[w->n], sizeof(w->name[0]), "%s", j->problem);
	w->n++;
	return 0;
}

static void clients_of(portal *p, struct ids *w)
{
	memset(w, 0, sizeof(*w));
	assert_int_equal(portal_client_foreach(p, NULL, collect_client, w), 0);
}

static void jobs_of(portal *p, struct ids *w)
{
	memset(w, 0, sizeof(*w));
	assert_int_equal(portal_job_foreach(p, 0, collect_job, w), 0);
}

/* Does the UTF-8 text `s` hold a Cyrillic letter (U+0400..U+04FF)? */
static int has_cyrillic(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	for (; *u; u++)
		if (*u >= 0xd0 && *u <= 0xd3 && (u[1] & 0xc0) == 0x80)
			return 1;
	return 0;
}

/*
 * Check every job of `p`: its timeline starts with "booked", reads in
 * non-decreasing time order, never passes `now`, and ends with the job's
 * status. Marks in `seen` (13 entries) the status each job has reached.
 */
static void check_timelines(portal *p, portal_time now, const char *what, int *seen)
{
	struct ids jobs;

	jobs_of(p, &jobs);
	if (jobs.n == 0)
		fail_msg("%s: no jobs", what);
	for (size_t i = 0; i < jobs.n; i++) {
		portal_job *j = NULL;

		assert_int_equal(portal_job_get(&j, p, jobs.id[i]), PORTAL_OK);
		if (j->event_count < 1 || j->events[0].status != PORTAL_JOB_BOOKED)
			fail_msg("%s: job %lld (%s) does not start with booked", what,
				(long long)j->id, j->problem);
		for (size_t k = 0; k < j->event_count; k++) {
			const portal_job_event *e = &j->events[k];
			if (e->at > now)
				fail_msg("%s: job %lld (%s): event %zu (%s) at %lld is after now %lld",
					what, (long long)j->id, j->problem, k,
					portal_job_status_name(e->status), (long long)e->at,
					(long long)now);
			if (e->at <= 0)
				fail_msg("%s: job %lld: event %zu has no time", what,
					(long long)j->id, k);
			if (k > 0 && e->at < j->events[k - 1].at)
				fail_msg("%s: job %lld (%s): event %zu (%s) at %lld is before "
					"event %zu (%s) at %lld", what, (long long)j->id, j->problem,
					k, portal_job_status_name(e->status), (long long)e->at, k - 1,
					portal_job_status_name(j->events[k - 1].status),
					(long long)j->events[k - 1].at);
		}
		if (j->status != j->events[j->event_count - 1].status)
			fail_msg("%s: job %lld: status %d is not its latest event", what,
				(long long)j->id, (int)j->status);
		if (j->status < PORTAL_JOB_BOOKED || j->status > PORTAL_JOB_CANCELLED)
			fail_msg("%s: job %lld: status %d", what, (long long)j->id, (int)j->status);
		if (seen != NULL)
			seen[j->status] = 1;
		portal_job_free(j);
	}
}

/* ---------------------------------------------------------------------
 * Tests.
 */

static void test_demo__fill_adds_twelve_clients(void **state)
{
	portal *p = *state;
	struct ids clients;

	clients_of(p, &clients);
	assert_int_equal(clients.n, 12);
}

static void test_demo__client_names_keep_their_accents_and_scripts(void **state)
{
	static const char *const wanted[] = { "Zoë Laurent", "Łukasz Kowalski" };
	portal *p = *state;
	struct ids clients;
	size_t cyrillic = 0;

	clients_of(p, &clients);
	for (size_t i = 0; i < ARRAY_LEN(wanted); i++) {
		size_t k = 0;
		while (k < clients.n && strcmp(clients.name[k], wanted[i]) != 0)
			k++;
		if (k == clients.n)
			fail_msg("no client named %s", wanted[i]);
	}
	for (size_t k = 0; k < clients.n; k++)
		cyrillic += has_cyrillic(clients.name[k]);
	if (cyrillic != 1)
		fail_msg("%zu clients with a Cyrillic name, want 1", cyrillic);
}

static void test_demo__every_job_status_is_reached_by_a_job(void **state)
{
	portal *p = *state;
	int seen[PORTAL_JOB_CANCELLED + 1] = { 0 };

	check_timelines(p, TH_NOW, "demo", seen);
	for (int s = PORTAL_JOB_BOOKED; s <= PORTAL_JOB_CANCELLED; s++)
		if (!seen[s])
			fail_msg("no job is %s", portal_job_status_name((portal_job_status)s));
}

static void test_demo__every_timeline_is_in_order_and_not_after_now(void **state)
{
	check_timelines(*state, TH_NOW, "demo at TH_NOW", NULL);
}

static int count_house_numbers(const portal_address *a, void *ctx)
{
	size_t *n = ctx;

	if (a->house_number[0] >= '0' && a->house_number[0] <= '9')
		(*n)++;
	return 0;
}

static void test_demo__every_client_has_an_address_with_a_house_number(void **state)
{
	portal *p = *state;
	struct ids clients;

	clients_of(p, &clients);
	for (size_t i = 0; i < clients.n; i++) {
		size_t n = 0;

		assert_int_equal(portal_address_foreach(p, clients.id[i], count_house_numbers, &n), 0);
		if (n == 0)
			fail_msg("client %s has no address with a house number", clients.name[i]);
	}
}

static void test_demo__jobs_use_their_clients_own_assets_and_addresses(void **state)
{
	portal *p = *state;
	struct ids jobs;

	jobs_of(p, &jobs);
	for (size_t i = 0; i < jobs.n; i++) {
		portal_job *j = NULL;

		assert_int_equal(portal_job_get(&j, p, jobs.id[i]), PORTAL_OK);
		if (j->asset_id) {
			portal_asset *a = NULL;
			assert_int_equal(portal_asset_get(&a, p, j->asset_id), PORTAL_OK);
			if (a->client_id != j->client_id)
				fail_msg("job %lld: asset of another client", (long long)j->id);
			portal_asset_free(a);
		}
		if (j->address_id == 0)
			fail_msg("job %lld (%s): no address", (long long)j->id, j->problem);
		else {
			portal_address *a = NULL;
			assert_int_equal(portal_address_get(&a, p, j->address_id), PORTAL_OK);
			if (a->client_id != j->client_id)
				fail_msg("job %lld: address of another client", (long long)j->id);
			portal_address_free(a);
		}
		portal_job_free(j);
	}
}

struct asset_kinds {
	size_t appliances, vehicles, vehicles_with_vin;
};

static int count_asset_kind(const portal_asset *a, void *ctx)
{
	struct asset_kinds *k = ctx;

	if (a->kind == PORTAL_ASSET_APPLIANCE)
		k->appliances++;
	else if (a->kind == PORTAL_ASSET_VEHICLE) {
		k->vehicles++;
		k->vehicles_with_vin += a->vin != NULL && strlen(a->vin) == 17;
	}
	return 0;
}

/* A repair shop of both kinds: appliances, and vehicles with their VINs. */
static void test_demo__assets_mix_appliances_and_vehicles(void **state)
{
	struct asset_kinds k = { 0, 0, 0 };

	assert_int_equal(portal_asset_foreach(*state, 0, count_asset_kind, &k), 0);
	if (k.appliances < 2 || k.vehicles < 2 || k.vehicles_with_vin < 1)
		fail_msg("%zu appliances, %zu vehicles (%zu with a VIN)", k.appliances,
			k.vehicles, k.vehicles_with_vin);
}

static int check_tech(const portal_tech *t, void *ctx)
{
	size_t *n = ctx;

	if (t->name[0] == '\0' || !t->active)
		fail_msg("technician %lld: name \"%s\", active %d", (long long)t->id, t->name,
			t->active);
	(*n)++;
	return 0;
}

static void test_demo__shop_has_its_settings_and_active_technicians(void **state)
{
	portal *p = *state;
	portal_buf name = PORTAL_BUF_INIT;
	size_t techs = 0;

	assert_int_equal(portal_tech_foreach(p, check_tech, &techs), 0);
	assert_true(techs > 0);
	assert_int_equal(portal_shop_get(&name, p, "name"), PORTAL_OK);
	assert_non_null(name.ptr);
	assert_true(name.size > 0);
	portal_buf_dispose(&name);
}

/* Quebec streets and cities carry accents, as real addresses do. */
static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

static int count_accented_addresses(const portal_address *a, void *ctx)
{
	size_t *n = ctx;

	if (has_non_ascii(a->house_number) || has_non_ascii(a->unit) ||
	    has_non_ascii(a->street) || has_non_ascii(a->city) || has_non_ascii(a->region))
		(*n)++;
	return 0;
}

static void test_demo__some_addresses_have_accents(void **state)
{
	portal *p = *state;
	struct ids clients;
	size_t accented = 0;

	clients_of(p, &clients);
	for (size_t i = 0; i < clients.n; i++)
		assert_int_equal(portal_address_foreach(p, clients.id[i],
			count_accented_addresses, &accented), 0);
	assert_true(accented > 0);
}

static void test_demo__shop_time_zone_is_toronto(void **state)
{
	portal *p = *state;
	portal_buf tz = PORTAL_BUF_INIT;

	assert_int_equal(portal_shop_get(&tz, p, "timezone"), PORTAL_OK);
	assert_string_equal(tz.ptr, "America/Toronto");
	portal_buf_dispose(&tz);
}

static void test_demo__fill_sets_the_time_zone_itself(void **state)
{
	portal *p = *state;
	portal_buf tz = PORTAL_BUF_INIT;

	assert_int_equal(portal_shop_set(p, "timezone", "Europe/Paris"), PORTAL_OK);
	assert_int_equal(portal_demo_fill(p), PORTAL_OK);
	assert_int_equal(portal_shop_get(&tz, p, "timezone"), PORTAL_OK);
	assert_string_equal(tz.ptr, "America/Toronto");
	portal_buf_dispose(&tz);
}

static void test_demo__second_fill_is_refused_and_changes_nothing(void **state)
{
	portal *p = *state;
	char *before = th_fingerprint(th_db_path()), *after;
	int rc = portal_demo_fill(p);

	after = th_fingerprint(th_db_path());
	assert_int_equal(rc, PORTAL_ERULE);
	assert_null(portal_errfield(p));
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_demo__fill_on_a_shop_with_a_client_is_refused(void **state)
{
	portal *p = *state;
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	char *before, *after;
	int rc;

	f.name = "A real client";
	assert_int_equal(portal_client_add(NULL, p, &f), PORTAL_OK);
	before = th_fingerprint(th_db_path());
	rc = portal_demo_fill(p);
	after = th_fingerprint(th_db_path());
	assert_int_equal(rc, PORTAL_ERULE);
	assert_null(portal_errfield(p));
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static int mark_invoice_status(const portal_invoice *inv, void *ctx)
{
	((int *)ctx)[inv->status] = 1;
	return 0;
}

static int mark_estimate_status(const portal_estimate *e, void *ctx)
{
	((int *)ctx)[e->status] = 1;
	return 0;
}

static int count_today(const portal_appointment *a, void *ctx)
{
	(void)a;
	(*(int *)ctx)++;
	return 0;
}

/* What the demo promises whenever it is filled: invoices in every status,
 * an estimate still valid and one expired, and one visit today. */
static void check_documents_and_today(portal *p, const char *what)
{
	int invoices[PORTAL_INVOICE_VOID + 1] = { 0 };
	int estimates[PORTAL_ESTIMATE_EXPIRED + 1] = { 0 };
	portal_appointment_filter today = { 0, 0, 0, 0 };
	int visits = 0;

	assert_int_equal(portal_invoice_foreach(p, NULL, mark_invoice_status, invoices), 0);
	for (int s = PORTAL_INVOICE_DRAFT; s <= PORTAL_INVOICE_VOID; s++)
		if (!invoices[s])
			fail_msg("%s: no invoice is %s", what, portal_invoice_status_name(s));
	assert_int_equal(portal_estimate_foreach(p, 0, mark_estimate_status, estimates), 0);
	if (!estimates[PORTAL_ESTIMATE_SENT] || !estimates[PORTAL_ESTIMATE_EXPIRED])
		fail_msg("%s: sent %d, expired %d estimates seen", what,
			estimates[PORTAL_ESTIMATE_SENT], estimates[PORTAL_ESTIMATE_EXPIRED]);
	assert_int_equal(portal_appointment_filter_day(&today, p, "today"), 0);
	assert_int_equal(portal_appointment_foreach(p, &today, count_today, &visits), 0);
	if (visits != 1)
		fail_msg("%s: %d visits today, want 1", what, visits);
}

/*
 * The demo is dated relative to portal_now(): whatever the clock says
 * (early morning, late evening, the days the clocks change), the fill
 * succeeds, every timeline stays in order and in the past, and what the
 * demo shows of the money and the day still holds (invoices in every
 * status, a valid and an expired estimate, one visit today).
 */
static void test_demo__fill_at_other_times_keeps_timelines_in_the_past(void **state)
{
	static const struct {
		const char *what;
		portal_time now;
	} cases[] = {
		{ "06:00 EST", 1795345200 },            /* 2026-11-22T11:00:00Z */
		{ "00:30 EST", 1795325400 },            /* 2026-11-22T05:30:00Z */
		{ "23:59 EST", 1795409940 },            /* 2026-11-23T04:59:00Z */
		{ "09:00 EDT, DST began", 1805029200 }, /* 2027-03-14T13:00:00Z */
		{ "07:30 EST, DST ended", 1793536200 }, /* 2026-11-01T12:30:00Z */
		{ "noon, midsummer", 1814112000 },      /* 2027-06-27T16:00:00Z */
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal *p = th_open();
		int seen[PORTAL_JOB_CANCELLED + 1] = { 0 };
		struct ids clients;
		int rc;

		portal_set_now(p, cases[i].now);
		if ((rc = portal_demo_fill(p)) != PORTAL_OK)
			fail_msg("%s: portal_demo_fill: %d (%s)", cases[i].what, rc, portal_errmsg(p));
		clients_of(p, &clients);
		if (clients.n != 12)
			fail_msg("%s: %zu clients", cases[i].what, clients.n);
		check_timelines(p, cases[i].now, cases[i].what, seen);
		for (int s = PORTAL_JOB_BOOKED; s <= PORTAL_JOB_CANCELLED; s++)
			if (!seen[s])
				fail_msg("%s: no job is %s", cases[i].what,
					portal_job_status_name((portal_job_status)s));
		check_documents_and_today(p, cases[i].what);
		portal_close(p);
	}
}

/* ---------------------------------------------------------------------
 * The money, visits, inspections and reminders of the demo.
 */

static void test_demo__invoices_in_every_status(void **state)
{
	portal *p = *state;
	int seen[PORTAL_INVOICE_VOID + 1] = { 0 };

	assert_int_equal(portal_invoice_foreach(p, NULL, mark_invoice_status, seen), 0);
	for (int s = PORTAL_INVOICE_DRAFT; s <= PORTAL_INVOICE_VOID; s++)
		if (!seen[s])
			fail_msg("no demo invoice is %s", portal_invoice_status_name(s));
}

static void test_demo__estimates_valid_expired_and_decided(void **state)
{
	portal *p = *state;
	int seen[PORTAL_ESTIMATE_EXPIRED + 1] = { 0 };

	assert_int_equal(portal_estimate_foreach(p, 0, mark_estimate_status, seen), 0);
	assert_true(seen[PORTAL_ESTIMATE_SENT]);
	assert_true(seen[PORTAL_ESTIMATE_EXPIRED]);
	assert_true(seen[PORTAL_ESTIMATE_APPROVED]);
	assert_true(seen[PORTAL_ESTIMATE_PARTLY_APPROVED]);
}

static int mark_method(const portal_payment *pay, void *ctx)
{
	((int *)ctx)[pay->method] += pay->amount > 0;
	((int *)ctx)[0] += pay->refund_of != 0;
	return 0;
}

static void test_demo__payments_of_several_methods_and_a_refund(void **state)
{
	portal *p = *state;
	int seen[PORTAL_PAY_OTHER + 1] = { 0 }, methods = 0;

	assert_int_equal(portal_payment_foreach(p, 0, 0, mark_method, seen), 0);
	for (int m = PORTAL_PAY_CASH; m <= PORTAL_PAY_OTHER; m++)
		methods += seen[m] > 0;
	assert_true(methods >= 5);
	assert_int_equal(seen[0], 1);
}

static void test_demo__a_visit_today_and_others(void **state)
{
	portal *p = *state;
	portal_appointment_filter today = { 0, 0, 0, 0 };
	int n = 0, all = 0;

	assert_int_equal(portal_appointment_filter_day(&today, p, "today"), 0);
	assert_int_equal(portal_appointment_foreach(p, &today, count_today, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(portal_appointment_foreach(p, NULL, count_today, &all), 0);
	assert_true(all >= 4);
}

static int count_inspection(const portal_inspection *in, void *ctx)
{
	(void)in;
	(*(int *)ctx)++;
	return 0;
}

static int count_reminder(const portal_reminder *r, void *ctx)
{
	int *n = ctx;

	n[0]++;
	n[1] += r->days_left < 0;
	return 0;
}

static void test_demo__inspections_and_reminders_due(void **state)
{
	portal *p = *state;
	int inspections = 0, due[2] = { 0, 0 };

	assert_int_equal(portal_inspection_foreach(p, 0, count_inspection, &inspections), 0);
	assert_true(inspections >= 2);
	assert_int_equal(portal_reminder_foreach(p, 0, 30, count_reminder, due), 0);
	assert_true(due[0] >= 3);
	assert_int_equal(due[1], 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_demo__invoices_in_every_status,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__estimates_valid_expired_and_decided,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__payments_of_several_methods_and_a_refund,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__a_visit_today_and_others,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__inspections_and_reminders_due,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__fill_adds_twelve_clients,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__client_names_keep_their_accents_and_scripts,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__every_job_status_is_reached_by_a_job,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__every_timeline_is_in_order_and_not_after_now,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__every_client_has_an_address_with_a_house_number,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__jobs_use_their_clients_own_assets_and_addresses,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__assets_mix_appliances_and_vehicles,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__shop_has_its_settings_and_active_technicians,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__some_addresses_have_accents,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__shop_time_zone_is_toronto,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__fill_sets_the_time_zone_itself,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo__second_fill_is_refused_and_changes_nothing,
			setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_demo__fill_on_a_shop_with_a_client_is_refused,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_demo__fill_at_other_times_keeps_timelines_in_the_past,
			setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
