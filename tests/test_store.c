/* SPDX-License-Identifier: MIT */
/*
 * test_store.c - opening, creating and refusing database files; errors,
 * the clock and times in the shop's zone.
 */
#include "helpers.h"
#include "sqlite.h"
#include "sqlite_schema.h"
#include "fixtures.h"
#include "store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <locale.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int teardown(void **state)
{
	(void)state;
	th_cleanup();
	return 0;
}

/* Open `path` and expect `code`; the handle is closed before returning. */
static void expect_open_fails(const char *path, int flags, int code)
{
	portal *p = NULL;
	int err = portal_open(&p, path, flags);

	if (err != code)
		fail_msg("portal_open(%s) gave %d (%s), expected %d", path, err,
			portal_errmsg(p), code);
	assert_non_null(p);
	assert_string_not_equal(portal_errmsg(p), "ok");
	assert_null(strchr(portal_errmsg(p), '\n'));
	portal_close(p);
}

/* The file's bytes before and after a refused open are the same. */
static void expect_refused_unchanged(const char *path, int code)
{
	size_t before_len = 0, after_len = 0;
	unsigned char *before = th_read_file(path, &before_len), *after;

	assert_non_null(before);
	expect_open_fails(path, PORTAL_OPEN_CREATE, code);
	expect_open_fails(path, 0, code);
	after = th_read_file(path, &after_len);
	assert_non_null(after);
	assert_int_equal(before_len, after_len);
	assert_memory_equal(before, after, before_len);
	free(before);
	free(after);
}

static void test_store__missing_file_is_not_created_without_create_flag(void **state)
{
	char *path = th_path("missing.db");

	(void)state;
	expect_open_fails(path, 0, PORTAL_ENOTFOUND);
	assert_int_not_equal(access(path, F_OK), 0);
}

static int read_pragma(const char *path, const char *sql)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	int v = -1;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return v;
}

/* The tables of the first schema, among which any other table is. */
#define FIRST_TABLES "'clients', 'addresses', 'assets', 'technicians', 'jobs', 'job_events'," \
	" 'estimates', 'estimate_lines', 'invoices', 'invoice_lines', 'payments', 'inspections'," \
	" 'inspection_items', 'appointments', 'reminders', 'access_links', 'sessions'," \
	" 'audit_log', 'notifications', 'chat_messages', 'requests', 'outbox'"

static void test_store__create_makes_the_whole_schema_and_a_secret(void **state)
{
	portal *p = th_open();
	const char *path = th_db_path();

	(void)state;
	assert_int_equal(portal_schema_version(p), portal_schema_version_supported());
	portal_close(p);
	/* The mark and the version of the database: a SQLite file's header,
	 * a PostgreSQL database's portal_meta. */
	if (th_on_pg()) {
		assert_int_equal(th_sql_int("SELECT schema_version FROM portal_meta", 0),
			portal_schema_version_supported());
		assert_int_equal(th_sql_int("SELECT application_id FROM portal_meta", 0),
			PT_APPLICATION_ID);
	} else {
		assert_int_equal(read_pragma(path, "PRAGMA user_version"),
			portal_schema_version_supported());
		assert_int_equal(read_pragma(path, "PRAGMA application_id"), PT_APPLICATION_ID);
	}
	assert_int_equal(th_sql_int("SELECT length(value) FROM secrets WHERE name = 'link_key'",
		0), 32);
	assert_int_equal(th_sql_int(th_on_pg() ?
		"SELECT count(*) FROM information_schema.tables"
		" WHERE table_schema = current_schema() AND table_name IN (" FIRST_TABLES ")" :
		"SELECT count(*) FROM sqlite_schema WHERE type = 'table'"
		" AND name IN (" FIRST_TABLES ")", 0), 22);
}

static void test_store__reopening_keeps_data_and_secret(void **state)
{
	portal *p = th_open();
	char *path = strdup(th_db_path()), *before;

	(void)state;
	assert_int_equal(portal_tech_add(NULL, p, "Marc Tremblay", NULL), 0);
	portal_close(p);
	before = th_fingerprint(path);
	/* `portal init` on an existing shop changes nothing. */
	assert_int_equal(portal_open_shop(&p, path, th_db_shop(), PORTAL_OPEN_CREATE), 0);
	portal_close(p);
	assert_int_equal(portal_open_shop(&p, path, th_db_shop(), 0), 0);
	portal_close(p);
	char *after = th_fingerprint(path);
	assert_string_equal(before, after);
	free(before);
	free(after);
	free(path);
}

static void test_store__text_file_is_not_a_portal_database(void **state)
{
	char *path = th_path("notes.txt");
	static const char text[] = "Dear customer, this is not a database at all.\n"
		"It is long enough to look like a file with a header, though.\n";

	(void)state;
	th_write_file(path, text, sizeof(text) - 1);
	expect_refused_unchanged(path, PORTAL_ENOTDB);
}

static void test_store__other_sqlite_database_is_refused_unchanged(void **state)
{
	char *path = th_path("other.db");
	sqlite3 *db;

	(void)state;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE recipes (name TEXT);"
		"INSERT INTO recipes VALUES ('bread');", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	expect_refused_unchanged(path, PORTAL_ENOTDB);
}

static void test_store__empty_file_needs_create(void **state)
{
	char *path = th_path("empty.db");
	portal *p;

	(void)state;
	th_write_file(path, "", 0);
	expect_open_fails(path, 0, PORTAL_ENOTDB);
	assert_int_equal(portal_open(&p, path, PORTAL_OPEN_CREATE), 0);
	portal_close(p);
}

static void test_store__newer_schema_is_refused_unchanged(void **state)
{
	portal *p;
	char path[128];
	sqlite3 *db;
	char sql[64];

	(void)state;
	/* On PostgreSQL the schema's version is the database's, which every
	 * shop of the tests running beside this one shares: raising it would
	 * refuse them all. The refusal is proved in the SQLite run. */
	if (th_on_pg())
		skip();
	p = th_open();
	snprintf(path, sizeof(path), "%s", th_db_path());
	portal_close(p);
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", portal_schema_version_supported() + 1);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	/* Leave no WAL behind, so the main file holds everything. */
	assert_int_equal(sqlite3_exec(db, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	expect_refused_unchanged(path, PORTAL_EVERSION);
	assert_int_equal(portal_open(&p, path, 0), PORTAL_EVERSION);
	assert_non_null(strstr(portal_errmsg(p), "newer"));
	portal_close(p);
}

static void test_store__read_only_handle_reads_but_never_writes(void **state)
{
	portal *p = th_open();
	char path[1024], *before, *after;
	portal_buf doc = PORTAL_BUF_INIT;

	(void)state;
	snprintf(path, sizeof(path), "%s", th_db_path());
	assert_int_equal(portal_tech_add(NULL, p, "Marc Tremblay", NULL), 0);
	portal_close(p);
	before = th_fingerprint(path);
	assert_int_equal(portal_open_shop(&p, path, th_db_shop(), PORTAL_OPEN_READONLY), 0);
	assert_int_equal(portal_tech_list_json(&doc, p), 0);
	assert_true(th_contains(&doc, "Marc Tremblay"));
	portal_buf_dispose(&doc);
	assert_int_equal(portal_tech_add(NULL, p, "Kofi Mensah", NULL), PORTAL_ESTORE);
	portal_close(p);
	after = th_fingerprint(path);
	assert_string_equal(before, after);
	free(before);
	free(after);
	assert_int_equal(portal_open_shop(&p, path, th_db_shop(),
		PORTAL_OPEN_READONLY | PORTAL_OPEN_CREATE), PORTAL_EINVAL);
	portal_close(p);
}

/* The text of the first column of `sql` run on `db`, into `out`. */
static void query_text(sqlite3 *db, const char *sql, char *out, size_t len)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	snprintf(out, len, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

/* On PostgreSQL the same promises are each transaction's: a writer waits
 * a bounded time for the shop's lock (lock_timeout, SQLite's busy
 * timeout), no statement runs forever, and references are enforced. */
static void connection_promises_on_postgresql(void)
{
	static const char sql_orphan[] =
		"INSERT INTO jobs (client_id, problem, created_at) VALUES (999, 'Leak', 1)";
	portal *p = th_open();
	char *text;
	pt_stmt *st;

	assert_non_null(text = th_sql_text("SELECT current_setting('lock_timeout')", 0));
	assert_string_equal(text, "5s");
	free(text);
	assert_non_null(text = th_sql_text("SELECT current_setting('statement_timeout')", 0));
	assert_string_equal(text, "1min");
	free(text);
	assert_int_equal(pt_store_begin(p), PORTAL_OK);
	assert_non_null(st = pt_stmt_get(p, sql_orphan));
	assert_int_equal(pt_step(st), -1);
	assert_true(pt_store_failed_constraint(p));
	pt_stmt_done(st);
	assert_int_equal(pt_store_end(p, PORTAL_ERROR), PORTAL_ERROR);
	portal_close(p);
}

/* What the store promises of every connection: WAL (the web portal reads
 * while the shop writes), foreign keys enforced, and a busy timeout so a
 * second writer waits instead of failing at once. */
static void test_store__connection_is_wal_with_foreign_keys_and_a_busy_timeout(void **state)
{
	portal *p;
	sqlite3 *db;
	char text[32];
	int timeout;

	(void)state;
	if (th_on_pg()) {
		connection_promises_on_postgresql();
		return;
	}
	p = th_open();
	query_text(pt_sqlite_db(p), "PRAGMA journal_mode", text, sizeof(text));
	assert_string_equal(text, "wal");
	query_text(pt_sqlite_db(p), "PRAGMA foreign_keys", text, sizeof(text));
	assert_string_equal(text, "1");
	query_text(pt_sqlite_db(p), "PRAGMA busy_timeout", text, sizeof(text));
	timeout = atoi(text);
	assert_true(timeout >= 1000);
	/* Enforced, not only switched on: a job of a missing client. */
	assert_int_equal(sqlite3_exec(pt_sqlite_db(p), "INSERT INTO jobs (client_id, problem, created_at)"
		" VALUES (999, 'Leak', 1)", NULL, NULL, NULL), SQLITE_CONSTRAINT_FOREIGNKEY);
	portal_close(p);
	/* WAL is a property of the file: another program sees it too. */
	assert_int_equal(sqlite3_open_v2(th_db_path(), &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	query_text(db, "PRAGMA journal_mode", text, sizeof(text));
	sqlite3_close(db);
	assert_string_equal(text, "wal");
}

static void test_store__directory_is_not_a_database(void **state)
{
	(void)state;
	expect_open_fails(th_tempdir(), 0, PORTAL_ENOTDB);
}

static void test_store__failed_transaction_writes_nothing(void **state)
{
	portal *p = th_open();
	char *before = th_fingerprint(th_db_path()), *after;

	(void)state;
	assert_int_equal(pt_store_begin(p), 0);
	assert_int_equal(pt_store_begin(p), 0);
	assert_int_equal(portal_tech_add(NULL, p, "Kofi Mensah", NULL), 0);
	/* The inner part fails: the outer commit must roll everything back. */
	assert_int_equal(pt_store_end(p, PORTAL_EINVAL), PORTAL_EINVAL);
	assert_int_equal(portal_tech_add(NULL, p, "Priya Natarajan", NULL), 0);
	assert_int_not_equal(pt_store_end(p, 0), 0);
	after = th_fingerprint(th_db_path());
	assert_string_equal(before, after);
	free(before);
	free(after);
	portal_close(p);
}

static void test_store__every_code_has_a_message(void **state)
{
	static const int codes[] = { PORTAL_OK, PORTAL_ERROR, PORTAL_ENOMEM, PORTAL_EINVAL,
		PORTAL_ENOTFOUND, PORTAL_EDENIED, PORTAL_ERULE, PORTAL_ERATELIMIT, PORTAL_ESTORE,
		PORTAL_EIO, PORTAL_ENOTDB, PORTAL_EVERSION, PORTAL_EEXISTS };

	(void)state;
	for (size_t i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		assert_non_null(portal_strerror(codes[i]));
		assert_string_not_equal(portal_strerror(codes[i]), "unknown error");
	}
	assert_string_equal(portal_strerror(-999), "unknown error");
	assert_string_equal(portal_errmsg(NULL), "out of memory");
}

static void test_store__version_matches_headers(void **state)
{
	(void)state;
	assert_string_equal(portal_version(), PORTAL_VERSION);
	assert_int_equal(portal_version_number(), PORTAL_VERSION_NUMBER);
}

static portal_time counting_clock(void *ctx)
{
	return ++*(portal_time *)ctx;
}

static void test_store__clock_is_injectable(void **state)
{
	portal *p = th_open();
	portal_time t = 1000;

	(void)state;
	assert_int_equal(portal_now(p), TH_NOW);
	portal_set_clock(p, counting_clock, &t);
	assert_int_equal(portal_now(p), 1001);
	assert_int_equal(portal_now(p), 1002);
	portal_set_clock(p, NULL, NULL);
	assert_true(portal_now(p) > TH_NOW - 400 * 86400);
	portal_close(p);
}

static void test_store__times_read_and_written_in_shop_zone(void **state)
{
	static const struct {
		const char *text;
		portal_time expect;
	} cases[] = {
		{ "2026-11-22", 1795323600 },            /* local midnight, EST */
		{ "2026-11-22 10:00", TH_NOW },
		{ "2026-11-22T15:00:00Z", TH_NOW },
		{ "2026-11-22T10:00:00-05:00", TH_NOW },
		{ "@1795359600", TH_NOW },
		{ "2026-07-01 12:00", 1782921600 },      /* EDT, -04:00 */
	};
	portal *p = th_open();
	char buf[PORTAL_TIME_STRLEN];
	portal_time t;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (portal_time_parse(&t, p, cases[i].text) != 0 || t != cases[i].expect)
			fail_msg("'%s' gave %lld, expected %lld", cases[i].text, (long long)t,
				(long long)cases[i].expect);
	}
	assert_int_equal(portal_time_parse(&t, p, "2026-02-30"), PORTAL_EINVAL);
	assert_int_equal(portal_time_parse(&t, p, "tomorrow"), PORTAL_EINVAL);
	assert_string_equal(portal_time_format(buf, sizeof(buf), p, TH_NOW, PORTAL_TIME_ISO),
		"2026-11-22T10:00:00-05:00");
	assert_string_equal(portal_time_format(buf, sizeof(buf), p, TH_NOW, PORTAL_TIME_HUMAN),
		"2026-11-22 10:00 EST");
	assert_string_equal(portal_time_format(buf, sizeof(buf), p, TH_NOW, PORTAL_TIME_DATE),
		"2026-11-22");
	assert_string_equal(portal_time_format(buf, sizeof(buf), p, 0, PORTAL_TIME_ISO), "");
	portal_close(p);
}

/* The host's local hour of `t`, by the C library's own zone rules. */
static int host_hour(portal_time t)
{
	time_t tt = (time_t)t;
	struct tm tm;

	assert_non_null(localtime_r(&tt, &tm));
	return tm.tm_hour;
}

/* The library is linked into other programs: days in the shop's zone
 * must not touch the process's TZ, its zone rules or its locale. */
static void test_store__host_time_zone_and_locale_are_left_alone(void **state)
{
	portal *p;
	portal_time t;
	char buf[PORTAL_TIME_STRLEN], *locale;

	(void)state;
	assert_int_equal(setenv("TZ", "Asia/Tokyo", 1), 0);
	tzset();
	assert_int_equal(host_hour(TH_NOW), 0);       /* 15:00Z is midnight in Tokyo */
	locale = strdup(setlocale(LC_ALL, NULL));
	p = th_open();
	assert_int_equal(portal_shop_set(p, "timezone", "Europe/Warsaw"), PORTAL_OK);
	assert_string_equal(portal_time_format(buf, sizeof(buf), p, TH_NOW, PORTAL_TIME_ISO),
		"2026-11-22T16:00:00+01:00");
	assert_int_equal(portal_time_parse(&t, p, "2026-07-01 12:00"), PORTAL_OK);
	assert_int_equal(portal_demo_fill(p), PORTAL_OK);
	portal_close(p);
	assert_string_equal(getenv("TZ"), "Asia/Tokyo");
	assert_int_equal(host_hour(TH_NOW), 0);
	assert_string_equal(setlocale(LC_ALL, NULL), locale);
	free(locale);
	unsetenv("TZ");
	tzset();
}

/* Steps through whole tables taken by the cached statements of `p` whose
 * text contains `what`, since the last call; the counts restart. */
static int full_scans_of(portal *p, const char *what)
{
	int steps = 0;

	for (size_t i = 0; i < PT_STMT_CACHE && p->store->stmts[i].sql != NULL; i++)
		if (strstr(p->store->stmts[i].sql, what))
			steps += sqlite3_stmt_status(pt_sqlite_stmt(p->store->stmts[i].stmt),
				SQLITE_STMTSTATUS_FULLSCAN_STEP, 1);
	return steps;
}

static void exec_sql(const char *path, const char *sql)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	sqlite3_close(db);
}

/* The next number is the highest all-digit one plus one, by value (10000
 * after 9999, not after "9999" > "10000" as text), found in an index: no
 * invoice or estimate is read on the way. */
static void test_store__next_numbers_come_from_an_index(void **state)
{
	portal *p = th_open();
	portal_id client = th_add_client(p, "Ann Lee");
	portal_invoice *inv = NULL;
	portal_estimate *e = NULL;
	portal_id id;
	/* Steps through a whole table are SQLite's count of a statement;
	 * PostgreSQL keeps none per statement, so there the numbers are
	 * proved and the index is not. */
	int counted = !th_on_pg();

	(void)state;
	th_add_invoice(p, client, 0, "9999");
	th_add_invoice(p, client, 0, "0010000");
	th_add_invoice(p, client, 0, "A99999");
	th_add_invoice(p, client, 0, "123");
	for (int i = 0; i < 3; i++)
		th_add_estimate(p, client, 0);
	th_sql_exec("UPDATE estimates SET number = 'E10000' WHERE number = 'E1003'");
	th_sql_exec("UPDATE estimates SET number = 'X99999' WHERE number = 'E1001'");
	if (counted)
		full_scans_of(p, "AS BIGINT) DESC LIMIT 1");
	id = th_add_invoice(p, client, 0, NULL);
	assert_int_equal(portal_invoice_get(&inv, p, id), PORTAL_OK);
	assert_string_equal(inv->number, "10001");
	id = th_add_estimate(p, client, 0);
	assert_int_equal(portal_estimate_get(&e, p, id), PORTAL_OK);
	assert_string_equal(e->number, "E10001");
	if (counted)
		assert_int_equal(full_scans_of(p, "AS BIGINT) DESC LIMIT 1"), 0);
	portal_invoice_free(inv);
	portal_estimate_free(e);
	portal_close(p);
	if (!counted)
		skip();
}

/* A shop database of schema `version`, as the libportal of that schema
 * left it: the migrations up to it, its marks and its secret. */
static void make_old_shop(const char *path, int version)
{
	char sql[96];

	for (int v = 1; v <= version; v++)
		exec_sql(path, pt_schema_migration(v));
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d; PRAGMA user_version = %d",
		PT_APPLICATION_ID, version);
	exec_sql(path, sql);
	exec_sql(path, "INSERT INTO secrets (name, value) VALUES ('link_key', randomblob(32))");
}

/* The indexes of the next numbers, as many as there should be, none of
 * them in words only SQLite reads. */
static void expect_numbering_indexes(const char *path)
{
	assert_int_equal(read_pragma(path, "SELECT count(*) FROM sqlite_schema"
		" WHERE name LIKE '%number_value'"), 2);
	assert_int_equal(read_pragma(path, "SELECT count(*) FROM sqlite_schema"
		" WHERE name LIKE '%number_value' AND sql LIKE '%GLOB%'"), 0);
}

/* A shop of schema 4 gains the numbering indexes when it is opened. */
static void test_store__version_4_gains_the_numbering_indexes(void **state)
{
	char *path = th_path("v4.db");
	portal *p;

	(void)state;
	make_old_shop(path, 4);
	assert_int_equal(read_pragma(path, "SELECT count(*) FROM sqlite_schema"
		" WHERE name LIKE '%number_value'"), 0);
	assert_int_equal(portal_open(&p, path, 0), PORTAL_OK);
	assert_int_equal(portal_schema_version(p), portal_schema_version_supported());
	portal_close(p);
	expect_numbering_indexes(path);
}

/* A shop of schema 5 tells its all-digit numbers by GLOB; opened, it
 * tells them in portable words, and goes on numbering where it was, by
 * value and from an index. Numbers that are not all digits, longer than
 * a 64-bit count holds, or empty, are passed over as before. */
static void test_store__version_5_keeps_its_numbering_in_portable_words(void **state)
{
	char *path = th_path("v5.db");
	portal_invoice *inv = NULL;
	portal_estimate *e = NULL;
	portal *p;
	portal_id id;

	(void)state;
	make_old_shop(path, 5);
	exec_sql(path, "INSERT INTO clients (id, name, created_at) VALUES (1, 'Ann Lee', 1);"
		"INSERT INTO invoices (number, number_key, client_id, created_at) VALUES"
		" ('9999', '9999', 1, 1), ('0010000', '0010000', 1, 1), ('A99999', 'A99999', 1, 1),"
		" ('123', '123', 1, 1), ('', '', 1, 1), ('12 345', '12 345', 1, 1),"
		" ('9999999999999999999', '9999999999999999999', 1, 1);"
		"INSERT INTO estimates (number, client_id, created_at) VALUES"
		" ('E1001', 1, 1), ('E10000', 1, 1), ('X99999', 1, 1), ('E', 1, 1),"
		" ('E12a', 1, 1), ('E9999999999999999999', 1, 1)");
	assert_int_equal(portal_open(&p, path, 0), PORTAL_OK);
	assert_int_equal(portal_schema_version(p), portal_schema_version_supported());
	full_scans_of(p, "AS BIGINT) DESC LIMIT 1");
	id = th_add_invoice(p, 1, 0, NULL);
	assert_int_equal(portal_invoice_get(&inv, p, id), PORTAL_OK);
	assert_string_equal(inv->number, "10001");
	id = th_add_estimate(p, 1, 0);
	assert_int_equal(portal_estimate_get(&e, p, id), PORTAL_OK);
	assert_string_equal(e->number, "E10001");
	assert_int_equal(full_scans_of(p, "AS BIGINT) DESC LIMIT 1"), 0);
	portal_invoice_free(inv);
	portal_estimate_free(e);
	portal_close(p);
	expect_numbering_indexes(path);
}

/* Sorting steps taken by the cached statements of `p` whose text contains
 * `what`, since the last call; the counts restart. */
static int sorts_of(portal *p, const char *what)
{
	int sorts = 0;

	for (size_t i = 0; i < PT_STMT_CACHE && p->store->stmts[i].sql != NULL; i++)
		if (strstr(p->store->stmts[i].sql, what))
			sorts += sqlite3_stmt_status(pt_sqlite_stmt(p->store->stmts[i].stmt),
				SQLITE_STMTSTATUS_SORT, 1);
	return sorts;
}

static int count_client(const portal_client *c, void *ctx)
{
	(void)c;
	++*(int *)ctx;
	return 0;
}

/* A shop of schema 6 orders its clients through an index of their folded
 * names once it is opened, as it did through an index with SQLite's
 * COLLATE NOCASE: the clients are listed in the index's order, not
 * sorted, whether searched or not. */
static void test_store__version_6_lists_clients_by_an_index_of_folded_names(void **state)
{
	char *path = th_path("v6.db");
	portal *p;
	int n = 0;

	(void)state;
	make_old_shop(path, 6);
	exec_sql(path, "INSERT INTO clients (name, created_at) VALUES ('bob', 1), ('Alice', 1)");
	assert_int_equal(portal_open(&p, path, 0), PORTAL_OK);
	assert_int_equal(portal_schema_version(p), portal_schema_version_supported());
	assert_int_equal(portal_client_foreach(p, NULL, count_client, &n), PORTAL_OK);
	assert_int_equal(portal_client_foreach(p, "o", count_client, &n), PORTAL_OK);
	assert_int_equal(n, 3);
	assert_int_equal(sorts_of(p, "FROM clients WHERE"), 0);
	portal_close(p);
	assert_int_equal(read_pragma(path, "SELECT count(*) FROM sqlite_schema"
		" WHERE type = 'index' AND tbl_name = 'clients' AND sql LIKE '%NOCASE%'"), 0);
	assert_int_equal(read_pragma(path, "SELECT count(*) FROM sqlite_schema"
		" WHERE name = 'clients_name_folded'"), 1);
}

static int collect_job_id(const portal_job *j, void *ctx)
{
	portal_id *ids = ctx;

	while (*ids != 0)
		ids++;
	*ids = j->id;
	return 0;
}

/* Jobs are listed by their latest change, newest first; a job without
 * events, which only an import can leave, has none and comes last, for
 * the shop and for its client. */
static void test_store__a_job_without_events_is_listed_last(void **state)
{
	portal *p = th_open();
	portal_id client = th_add_client(p, "Ann Lee");
	portal_id bare, older, newer, ids[4];

	(void)state;
	th_sql_exec("INSERT INTO jobs (client_id, problem, created_at) VALUES (1, 'Imported', 1)");
	bare = 1;
	older = th_add_job(p, client, 0, 0, "Leak", TH_NOW - 86400);
	newer = th_add_job(p, client, 0, 0, "Noise", TH_NOW);
	for (int shop = 0; shop < 2; shop++) {
		memset(ids, 0, sizeof(ids));
		assert_int_equal(portal_job_foreach(p, shop ? 0 : client, collect_job_id, ids),
			PORTAL_OK);
		assert_int_equal(ids[0], newer);
		assert_int_equal(ids[1], older);
		assert_int_equal(ids[2], bare);
	}
	portal_close(p);
}

/* Each parameter of a statement is numbered, and no number is skipped: a
 * server database tells a parameter's type from where it is used. */
static void test_store__a_query_that_skips_a_parameter_number_is_refused(void **state)
{
	static const char gap[] = "SELECT ?1 + ?3";
	static const char unnumbered[] = "SELECT ?";
	static const char numbered[] = "SELECT ?1 + ?2, ?1";
	portal *p = th_open();
	pt_stmt *st;

	(void)state;
	assert_null(pt_stmt_get(p, gap));
	assert_non_null(strstr(portal_errmsg(p), "skip a number"));
	assert_null(pt_stmt_get(p, unnumbered));
	assert_non_null(st = pt_stmt_get(p, numbered));
	pt_stmt_done(st);
	portal_close(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_store__missing_file_is_not_created_without_create_flag, teardown),
		cmocka_unit_test_teardown(test_store__create_makes_the_whole_schema_and_a_secret, teardown),
		cmocka_unit_test_teardown(test_store__reopening_keeps_data_and_secret, teardown),
		cmocka_unit_test_teardown(test_store__text_file_is_not_a_portal_database, teardown),
		cmocka_unit_test_teardown(test_store__other_sqlite_database_is_refused_unchanged, teardown),
		cmocka_unit_test_teardown(test_store__empty_file_needs_create, teardown),
		cmocka_unit_test_teardown(test_store__newer_schema_is_refused_unchanged, teardown),
		cmocka_unit_test_teardown(test_store__read_only_handle_reads_but_never_writes, teardown),
		cmocka_unit_test_teardown(test_store__connection_is_wal_with_foreign_keys_and_a_busy_timeout, teardown),
		cmocka_unit_test_teardown(test_store__directory_is_not_a_database, teardown),
		cmocka_unit_test_teardown(test_store__failed_transaction_writes_nothing, teardown),
		cmocka_unit_test(test_store__every_code_has_a_message),
		cmocka_unit_test(test_store__version_matches_headers),
		cmocka_unit_test_teardown(test_store__clock_is_injectable, teardown),
		cmocka_unit_test_teardown(test_store__times_read_and_written_in_shop_zone, teardown),
		cmocka_unit_test_teardown(test_store__host_time_zone_and_locale_are_left_alone, teardown),
		cmocka_unit_test_teardown(test_store__next_numbers_come_from_an_index, teardown),
		cmocka_unit_test_teardown(test_store__version_4_gains_the_numbering_indexes, teardown),
		cmocka_unit_test_teardown(test_store__version_5_keeps_its_numbering_in_portable_words, teardown),
		cmocka_unit_test_teardown(test_store__version_6_lists_clients_by_an_index_of_folded_names, teardown),
		cmocka_unit_test_teardown(test_store__a_job_without_events_is_listed_last, teardown),
		cmocka_unit_test_teardown(test_store__a_query_that_skips_a_parameter_number_is_refused, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
