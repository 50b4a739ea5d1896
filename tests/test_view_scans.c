/* SPDX-License-Identifier: MIT */
/*
 * test_view_scans.c - the portal's pages read a client's rows through
 * their indexes, never by reading a whole table.
 *
 * SQLite counts, per statement, the rows it stepped over in full table
 * scans (SQLITE_STMTSTATUS_FULLSCAN_STEP). A shop of three clients, each
 * with records of every kind (at least two rows in every table a view
 * reads, so that a scan has somewhere to step), is read as the web portal
 * reads it for one client: the session check, then every view that
 * portal_view_name_at() lists; and as the shop's CLI lists read one
 * client. Every statement run must have stepped through no table in full.
 * A statement written for "all clients or one" (?1 = 0 OR client_id = ?1)
 * would fail this: SQLite plans it before it sees ?1.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "sqlite.h"
#include "fixtures.h"
#include "internal.h"

#define HOUR ((portal_time)3600)
#define DAY (24 * HOUR)

/* One client's records: what the views of that client are asked for. */
typedef struct client_records {
	portal_id id;
	portal_id done_job, open_job;
	char invoice[24], estimate[24];
} client_records;

typedef struct shop {
	portal *p;
	portal_id tech;
	client_records c[3];
} shop;

static void ok(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

/* ---------------------------------------------------------------------
 * Building the shop.
 */

static void add_invoice(client_records *c, portal *p, portal_id job, portal_time issued)
{
	portal_id id = th_add_invoice(p, c->id, job, NULL);
	portal_invoice *inv = NULL;

	th_add_invoice_line(p, id, PORTAL_LINE_LABOUR, NULL, 10000, -1);
	th_add_invoice_line(p, id, PORTAL_LINE_PART, NULL, 10000, -1);
	th_issue_invoice(p, id, issued, 0);
	th_add_payment(p, c->id, id, 5000, PORTAL_PAY_DEBIT, issued + HOUR);
	ok(p, portal_invoice_get(&inv, p, id), "reading the invoice");
	snprintf(c->invoice, sizeof(c->invoice), "%s", inv->number);
	portal_invoice_free(inv);
}

static void add_estimate(client_records *c, portal *p, portal_id job)
{
	portal_id id = th_add_estimate(p, c->id, job);
	portal_estimate *e = NULL;

	th_add_estimate_line(p, id, PORTAL_LINE_LABOUR, NULL, 10000);
	th_add_estimate_line(p, id, PORTAL_LINE_PART, NULL, 10000);
	th_send_estimate(p, id, TH_NOW - DAY);
	ok(p, portal_estimate_get(&e, p, id), "reading the estimate");
	snprintf(c->estimate, sizeof(c->estimate), "%s", e->number);
	portal_estimate_free(e);
}

static void add_inspection(portal *p, portal_id job, portal_id tech)
{
	portal_inspection_fields f = PORTAL_INSPECTION_FIELDS_INIT;
	portal_inspection_item_fields it = PORTAL_INSPECTION_ITEM_FIELDS_INIT;
	portal_id id = 0;

	f.job_id = job;
	f.technician_id = tech;
	f.inspected_at = TH_NOW - 5 * DAY;
	ok(p, portal_inspection_add(&id, p, &f), "inspection");
	it.item = "Door gasket";
	it.condition = PORTAL_CONDITION_NEEDS_ATTENTION;
	it.recommendation = "Replace the gasket";
	it.recommended_price = 8000;
	ok(p, portal_inspection_item_add(NULL, p, id, &it), "inspection item");
	it.item = "Compressor";
	it.condition = PORTAL_CONDITION_GOOD;
	it.recommendation = NULL;
	it.recommended_price = -1;
	ok(p, portal_inspection_item_add(NULL, p, id, &it), "inspection item");
}

static void add_visit(portal *p, portal_id client, portal_id job, portal_id address,
	portal_id tech, portal_time start)
{
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;

	f.client_id = client;
	f.job_id = job;
	f.address_id = address;
	f.technician_id = tech;
	f.window_start = start;
	f.window_end = start + 4 * HOUR;
	th_add_visit(p, &f);
}

/* What the client asked in the portal and what the shop wrote back. */
static void add_messages(portal *p, portal_id client)
{
	portal_session s = th_session_for(client, 0);
	portal_profile_change change = PORTAL_PROFILE_CHANGE_INIT;
	portal_visit_request visit = PORTAL_VISIT_REQUEST_INIT;

	ok(p, portal_customer_chat_post(NULL, p, &s, "Is the part in?"), "chat");
	ok(p, portal_chat_reply(NULL, p, client, "Tomorrow morning."), "reply");
	ok(p, portal_customer_chat_post(NULL, p, &s, "Thanks"), "chat");
	ok(p, portal_chat_reply(NULL, p, client, "You are welcome."), "reply");
	change.email = "new@example.com";
	ok(p, portal_customer_request_profile(NULL, p, &s, &change), "profile request");
	visit.problem = "The dishwasher leaks";
	visit.window_count = 1;
	visit.windows[0].start = TH_NOW + 3 * DAY;
	visit.windows[0].end = TH_NOW + 3 * DAY + 4 * HOUR;
	ok(p, portal_customer_request_appointment(NULL, p, &s, &visit), "visit request");
}

/* Everything one client can have, so each table has rows of each client. */
static void fill(shop *s, client_records *c, const char *name, const char *house)
{
	portal *p = s->p;
	portal_id home, fridge, dryer;
	portal_buf url = PORTAL_BUF_INIT;

	c->id = th_add_client(p, name);
	home = th_add_address(p, c->id, house, "King St W", "ON");
	th_add_address(p, c->id, "7", "King St W", "ON");
	fridge = th_add_asset(p, c->id, PORTAL_ASSET_APPLIANCE, "Refrigerator", "Whirlpool",
		"WRF555SDFZ");
	dryer = th_add_asset(p, c->id, PORTAL_ASSET_APPLIANCE, "Dryer", "Whirlpool", "WRF555SDFZ");
	c->done_job = th_add_job(p, c->id, dryer, home, "Does not work", TH_NOW - 20 * DAY);
	ok(p, portal_job_set_status(p, c->done_job, PORTAL_JOB_REPAIRED, "Element replaced",
		TH_NOW - 10 * DAY), "repaired");
	c->open_job = th_add_job(p, c->id, fridge, home, "Does not work", TH_NOW - 2 * DAY);
	add_invoice(c, p, c->done_job, TH_NOW - 9 * DAY);
	add_invoice(c, p, c->open_job, TH_NOW - DAY);
	add_estimate(c, p, c->open_job);
	add_estimate(c, p, c->open_job);
	add_inspection(p, c->open_job, s->tech);
	add_inspection(p, c->done_job, s->tech);
	add_visit(p, c->id, c->open_job, home, s->tech, TH_NOW + DAY - 2 * HOUR);
	add_visit(p, c->id, c->done_job, home, s->tech, TH_NOW - 12 * DAY);
	th_add_reminder(p, dryer, "Clean the coils", 0, "2026-11-29");
	th_add_reminder(p, fridge, "Clean the coils", 0, "2026-12-02");
	add_messages(p, c->id);
	ok(p, portal_link_create(&url, NULL, p, c->id, NULL), "link");
	portal_buf_dispose(&url);
}

static int setup(void **state)
{
	shop *s = calloc(1, sizeof(*s));

	assert_non_null(s);
	s->p = th_open();
	ok(s->p, portal_tech_add(&s->tech, s->p, "Sam Okafor", "416-555-0177"), "tech");
	fill(s, &s->c[0], "Ann Lee", "120");
	fill(s, &s->c[1], "Bob Stone", "48");
	fill(s, &s->c[2], "Cy Young", "9");
	/* Account credit, and its refund. */
	th_add_payment(s->p, s->c[0].id, 0, 2000, PORTAL_PAY_CASH, TH_NOW - 7 * DAY);
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
 * Counting full scans.
 */

/*
 * The count is SQLite's, kept per statement; PostgreSQL keeps none. On
 * PostgreSQL the tests below still run every view and list and check
 * that each answers, then skip themselves before the count, which there
 * is nothing to prove.
 */
static int counting(void)
{
	return !th_on_pg();
}

static void reset_scans(portal *p)
{
	if (!counting())
		return;
	for (size_t i = 0; i < PT_STMT_CACHE && p->store->stmts[i].sql != NULL; i++)
		sqlite3_stmt_status(pt_sqlite_stmt(p->store->stmts[i].stmt), SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
}

/* How many statements stepped through a table in full since the last
 * reset; each is printed with what was being done. */
static int full_scans(portal *p, const char *during)
{
	int scans = 0;

	if (!counting())
		return 0;
	for (size_t i = 0; i < PT_STMT_CACHE && p->store->stmts[i].sql != NULL; i++)
		if (sqlite3_stmt_status(pt_sqlite_stmt(p->store->stmts[i].stmt), SQLITE_STMTSTATUS_FULLSCAN_STEP, 1)) {
			print_error("%s: a full scan: %s\n", during, p->store->stmts[i].sql);
			scans++;
		}
	return scans;
}

/* The argument the portal gives view `name` of client `c`: the job, the
 * invoice and the estimate by the numbers a page links them with. */
static const char *view_arg(const client_records *c, const char *name, char *buf, size_t len)
{
	if (portal_view_takes_arg(name) != 1)
		return NULL;
	if (strcmp(name, "job") == 0)
		snprintf(buf, len, "%lld", (long long)c->open_job);
	else if (strcmp(name, "invoice") == 0)
		snprintf(buf, len, "%s", c->invoice);
	else if (strcmp(name, "estimate") == 0)
		snprintf(buf, len, "%s", c->estimate);
	else
		fail_msg("view %s takes an argument this test does not know", name);
	return buf;
}

/* What the web portal does for each page: the session check, then the
 * page's view, for the middle client (rows of others before and after). */
static void test_every_view_reads_no_table_in_full(void **state)
{
	shop *s = *state;
	const client_records *c = &s->c[1];
	portal_buf url = PORTAL_BUF_INIT;
	portal_session *opened = NULL;
	const char *token, *name;
	int scans = 0;
	size_t i;

	ok(s->p, portal_link_create(&url, NULL, s->p, c->id, NULL), "link");
	token = strstr(url.ptr, "/k/");
	assert_non_null(token);
	ok(s->p, portal_link_open(&opened, s->p, token + 3, "203.0.113.9"), "opening");
	for (i = 0; (name = portal_view_name_at(i)) != NULL; i++) {
		portal_session *checked = NULL;
		portal_buf doc = PORTAL_BUF_INIT;
		char arg[32];

		reset_scans(s->p);
		ok(s->p, portal_session_check(&checked, s->p, opened->token, "203.0.113.9"),
			"check");
		ok(s->p, portal_view(&doc, s->p, checked, name, view_arg(c, name, arg, sizeof(arg))),
			name);
		scans += full_scans(s->p, name);
		portal_session_free(checked);
		portal_buf_dispose(&doc);
	}
	assert_true(i >= 18);
	portal_session_free(opened);
	portal_buf_dispose(&url);
	if (!counting())
		skip();
	assert_int_equal(scans, 0);
}

/* The same views through a link for one job. */
static void test_job_views_read_no_table_in_full(void **state)
{
	shop *s = *state;
	const client_records *c = &s->c[1];
	const char *name;
	int scans = 0;

	for (size_t i = 0; (name = portal_view_name_at(i)) != NULL; i++) {
		portal_buf doc = PORTAL_BUF_INIT;
		char arg[32];
		int rc;

		if (strcmp(name, "statement") == 0)
			continue;       /* refused through a job's link */
		reset_scans(s->p);
		rc = portal_preview(&doc, s->p, c->id, c->open_job, name,
			view_arg(c, name, arg, sizeof(arg)));
		if (rc != PORTAL_OK && rc != PORTAL_ENOTFOUND)
			fail_msg("%s: %d (%s)", name, rc, portal_errmsg(s->p));
		scans += full_scans(s->p, name);
		portal_buf_dispose(&doc);
	}
	if (!counting())
		skip();
	assert_int_equal(scans, 0);
}

static int count_one(const portal_audit_entry *e, void *ctx)
{
	(void)e;
	++*(int *)ctx;
	return 0;
}

static int ignore_address(const portal_address *a, void *ctx)
{
	(void)a;
	(void)ctx;
	return 0;
}

/* The shop's lists of one client, as the CLI reads them. */
static void test_client_lists_read_no_table_in_full(void **state)
{
	shop *s = *state;
	portal *p = s->p;
	portal_id client = s->c[1].id;
	portal_invoice_filter invoices = { client, 0, 0 };
	portal_appointment_filter visits = { client, 0, 0, 0 };
	portal_request_filter open = PORTAL_REQUEST_FILTER_INIT;
	portal_request_filter every = PORTAL_REQUEST_FILTER_INIT;
	portal_audit_filter audit = PORTAL_AUDIT_FILTER_INIT;
	portal_buf b = PORTAL_BUF_INIT;
	int scans = 0, entries = 0;

#define LIST(call) do { \
		reset_scans(p); \
		ok(p, (call), #call); \
		scans += full_scans(p, #call); \
		portal_buf_dispose(&b); \
	} while (0)

	open.client_id = every.client_id = audit.client_id = client;
	every.open_only = 0;
	LIST(portal_invoice_list_json(&b, p, &invoices));
	LIST(portal_estimate_list_json(&b, p, client));
	LIST(portal_payment_list_json(&b, p, client, 0));
	LIST(portal_payment_breakdown_json(&b, p, client, 0, 0));
	LIST(portal_payment_breakdown_json(&b, p, client, TH_NOW - 30 * DAY, TH_NOW));
	LIST(portal_statement_json(&b, p, client, TH_NOW));
	LIST(portal_inspection_list_json(&b, p, client));
	LIST(portal_appointment_list_json(&b, p, &visits));
	LIST(portal_asset_list_json(&b, p, client));
	LIST(portal_address_foreach(p, client, ignore_address, NULL));
	LIST(portal_job_list_json(&b, p, client));
	LIST(portal_reminder_list_json(&b, p, client, -1));
	LIST(portal_reminder_list_json(&b, p, client, 30));
	LIST(portal_chat_list_json(&b, p, client, 0));
	LIST(portal_notification_list_json(&b, p, client, 0, 0));
	LIST(portal_notification_list_json(&b, p, client, 1, 10));
	LIST(portal_request_list_json(&b, p, &open));
	LIST(portal_request_list_json(&b, p, &every));
	LIST(portal_link_list_json(&b, p, client));
	LIST(portal_audit_foreach(p, &audit, count_one, &entries));
	audit.since = TH_NOW - DAY;
	audit.limit = 5;
	LIST(portal_audit_foreach(p, &audit, count_one, &entries));
#undef LIST
	assert_true(entries > 0);
	if (!counting())
		skip();
	assert_int_equal(scans, 0);
}

static int count_of_client(const cJSON *list, portal_id client)
{
	const cJSON *o;
	int n = 0;

	cJSON_ArrayForEach(o, list)
		n += cJSON_GetNumberValue(cJSON_GetObjectItem(o, "client_id")) == (double)client;
	return n;
}

/* The shop-wide forms still list every client's rows. */
static void test_shop_wide_lists_still_list_everyone(void **state)
{
	shop *s = *state;
	portal *p = s->p;
	portal_request_filter open = PORTAL_REQUEST_FILTER_INIT;
	portal_audit_filter audit = PORTAL_AUDIT_FILTER_INIT;
	portal_buf b = PORTAL_BUF_INIT;
	cJSON *list;
	int entries = 0;

	ok(p, portal_estimate_list_json(&b, p, 0), "estimates");
	for (size_t i = 0; i < 3; i++)
		assert_true(th_contains(&b, s->c[i].estimate));
	portal_buf_dispose(&b);
	ok(p, portal_inspection_list_json(&b, p, 0), "inspections");
	list = cJSON_Parse(b.ptr);
	assert_int_equal(cJSON_GetArraySize(list), 6);
	cJSON_Delete(list);
	portal_buf_dispose(&b);
	ok(p, portal_reminder_list_json(&b, p, 0, -1), "reminders");
	assert_true(strstr(b.ptr, "Clean the coils") != NULL);
	portal_buf_dispose(&b);
	ok(p, portal_request_list_json(&b, p, &open), "requests");
	list = cJSON_Parse(b.ptr);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(count_of_client(list, s->c[i].id), 2);
	cJSON_Delete(list);
	portal_buf_dispose(&b);
	ok(p, portal_payment_breakdown_json(&b, p, 0, 0, 0), "breakdown");
	/* Six invoices paid $50.00 by debit, and $20.00 of credit in cash. */
	list = cJSON_Parse(b.ptr);
	assert_int_equal(cJSON_GetNumberValue(cJSON_GetObjectItem(list, "total")), 32000);
	cJSON_Delete(list);
	portal_buf_dispose(&b);
	ok(p, portal_audit_foreach(p, &audit, count_one, &entries), "audit");
	assert_true(entries >= 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_every_view_reads_no_table_in_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_job_views_read_no_table_in_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_client_lists_read_no_table_in_full, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shop_wide_lists_still_list_everyone, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
