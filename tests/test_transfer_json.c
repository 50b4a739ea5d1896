/* SPDX-License-Identifier: MIT */
/*
 * test_transfer_json.c - unit tests for the JSON export and import
 * (transfer_export.c, transfer_json.c, transfer_record.c).
 *
 * The shop exported is the demo shop made busier: a secure link sent and
 * waiting in the outbox, another opened into a session, a chat, a
 * customer's request, a technician's position. Its document is imported
 * into a new shop (clock fixed at TH_NOW in both), which must export the
 * same bytes and show every client the same views, while no secret of
 * the first shop appears in the document. Broken documents must be
 * refused with each problem at its line, leaving the shop unchanged.
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
#include "store.h"

/* ---------------------------------------------------------------------
 * Fixtures and helpers.
 */

typedef struct fixture {
	portal *p;
	char db[1024];
	char shop[64];                        /* on PostgreSQL, its name there */
	char token[PORTAL_TOKEN_LEN + 1];     /* of the link opened into a session */
	char session[PORTAL_TOKEN_LEN + 1];   /* that session's cookie */
	char csrf[PORTAL_TOKEN_LEN + 1];
	portal_buf doc;
} fixture;

static void must(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

/* The demo shop, with a record in every kind the demo leaves empty and
 * a secret of every sort. */
static void make_busy(fixture *f)
{
	portal_profile_change change = PORTAL_PROFILE_CHANGE_INIT;
	portal_buf url = PORTAL_BUF_INIT;
	portal_session *s = NULL;
	const char *k;
	portal *p = f->p;

	must(p, portal_demo_fill(p), "demo");
	must(p, portal_link_send(NULL, p, 2, NULL, "email"), "link send");
	must(p, portal_link_create(&url, NULL, p, 1, NULL), "link create");
	k = strstr(url.ptr, "/k/");
	assert_non_null(k);
	snprintf(f->token, sizeof(f->token), "%s", k + 3);
	portal_buf_dispose(&url);
	must(p, portal_link_open(&s, p, f->token, "203.0.113.9"), "link open");
	snprintf(f->session, sizeof(f->session), "%s", s->token);
	snprintf(f->csrf, sizeof(f->csrf), "%s", s->csrf);
	must(p, portal_customer_chat_post(NULL, p, s, "Is Tuesday morning possible?"), "chat");
	must(p, portal_chat_reply(NULL, p, 1, "Yes, between 9 and 11."), "reply");
	change.phone = "416-555-0177";
	must(p, portal_customer_request_profile(NULL, p, s, &change), "request");
	portal_session_free(s);
	must(p, portal_tech_ping(p, 1, 43.6512, -79.3832, 12.5, TH_NOW - 120), "ping");
}

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof(*f));

	assert_non_null(f);
	f->p = th_open();
	snprintf(f->db, sizeof(f->db), "%s", th_db_path());
	snprintf(f->shop, sizeof(f->shop), "%s", th_db_shop() ? th_db_shop() : "");
	make_busy(f);
	must(f->p, portal_export_json(f->p, &f->doc), "export");
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;

	portal_buf_dispose(&f->doc);
	portal_close(f->p);
	free(f);
	th_cleanup();
	return 0;
}

/* The document into a file of its own. */
static char *doc_file(const char *text, size_t len)
{
	char *path = th_path("shop.json");

	th_write_file(path, text, len);
	return path;
}

#define MAX_PROBLEMS 32

typedef struct problems {
	size_t n;
	long line[MAX_PROBLEMS];
	char field[MAX_PROBLEMS][64];
	char message[MAX_PROBLEMS][400];
} problems;

static void on_problem(const portal_import_problem *pr, void *ctx)
{
	problems *ps = ctx;

	assert_true(ps->n < MAX_PROBLEMS);
	assert_non_null(pr->file);
	ps->line[ps->n] = pr->line;
	snprintf(ps->field[ps->n], sizeof(ps->field[0]), "%s", pr->field ? pr->field : "");
	snprintf(ps->message[ps->n], sizeof(ps->message[0]), "%s", pr->message);
	ps->n++;
}

static void print_problems(const problems *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		print_message("  line %ld [%s] %s\n", ps->line[i], ps->field[i], ps->message[i]);
}

/* Was there a problem at `line` about `field` whose message says `words`? */
static int has_problem(const problems *ps, long line, const char *field, const char *words)
{
	for (size_t i = 0; i < ps->n; i++)
		if (ps->line[i] == line && strcmp(ps->field[i], field) == 0 &&
		    strstr(ps->message[i], words) != NULL)
			return 1;
	return 0;
}

/* A new, empty shop (th_db_path() now names it). */
static portal *new_shop(void)
{
	return th_open();
}

/* The 1-based line of `doc` that starts with `prefix`, or 0. */
static long line_starting(const char *doc, const char *prefix)
{
	long line = 1;

	for (const char *s = doc; s && *s; line++) {
		if (strncmp(s, prefix, strlen(prefix)) == 0)
			return line;
		s = strchr(s, '\n');
		s = s ? s + 1 : NULL;
	}
	return 0;
}

/* `doc` with line `line` (a record and maybe its comma) edited by `edit`. */
typedef void (*edit_fn)(cJSON *record);

static char *edit_line(const char *doc, long line, edit_fn edit)
{
	const char *start = doc, *end;
	char *rec, *printed, *out;
	int comma;
	cJSON *o;

	for (long l = 1; l < line; l++)
		start = strchr(start, '\n') + 1;
	end = strchr(start, '\n');
	comma = end[-1] == ',';
	rec = strndup(start, (size_t)(end - start - comma));
	o = cJSON_Parse(rec);
	assert_non_null(o);
	edit(o);
	printed = cJSON_PrintUnformatted(o);
	out = malloc(strlen(doc) + strlen(printed) + 2);
	assert_non_null(out);
	sprintf(out, "%.*s%s%s%s", (int)(start - doc), doc, printed, comma ? "," : "", end);
	cJSON_Delete(o);
	free(printed);
	free(rec);
	return out;
}

static int count_records(const char *doc)
{
	cJSON *root = cJSON_Parse(doc), *item;
	int n = 0;

	cJSON_ArrayForEach(item, root)
		if (cJSON_IsArray(item))
			n += cJSON_GetArraySize(item);
	cJSON_Delete(root);
	return n;
}

/* ---------------------------------------------------------------------
 * A shop moved whole.
 */

static portal *moved_shop(fixture *f)
{
	portal_import_result result = { 0 };
	problems ps = { 0 };
	portal_import_options opt = PORTAL_IMPORT_OPTIONS_INIT;
	portal *q = new_shop();
	int rc;

	opt.on_problem = on_problem;
	opt.problem_ctx = &ps;
	rc = portal_import_json(q, doc_file(f->doc.ptr, f->doc.size), &opt, &result);
	print_problems(&ps);
	must(q, rc, "import");
	assert_int_equal(result.problems, 0);
	assert_int_equal(result.records, count_records(f->doc.ptr));
	return q;
}

static void test_transfer_json__export_import_export_gives_the_same_bytes(void **state)
{
	fixture *f = *state;
	portal_buf again = PORTAL_BUF_INIT;
	portal *q = moved_shop(f);

	must(q, portal_export_json(q, &again), "second export");
	assert_int_equal(again.size, f->doc.size);
	assert_memory_equal(again.ptr, f->doc.ptr, f->doc.size);
	portal_buf_dispose(&again);
	portal_close(q);
}

static void test_transfer_json__two_exports_of_a_shop_are_identical(void **state)
{
	fixture *f = *state;
	portal_buf again = PORTAL_BUF_INIT;

	must(f->p, portal_export_json(f->p, &again), "second export");
	assert_int_equal(again.size, f->doc.size);
	assert_memory_equal(again.ptr, f->doc.ptr, f->doc.size);
	portal_buf_dispose(&again);
}

static void test_transfer_json__document_is_one_record_per_line_with_every_kind(void **state)
{
	fixture *f = *state;
	static const char *const kinds[] = {
		"clients", "addresses", "assets", "technicians", "technician_positions", "jobs",
		"job_events", "inspections", "inspection_items", "estimates", "estimate_lines",
		"invoices", "appointments", "invoice_lines", "payments", "reminders",
		"notifications", "chat_messages", "requests", "outbox", "audit_log",
	};
	cJSON *root = cJSON_Parse(f->doc.ptr);
	char prefix[64];

	assert_non_null(root);
	assert_string_equal(cJSON_GetObjectItem(root, "format")->valuestring, "libportal-export");
	assert_int_equal(cJSON_GetObjectItem(root, "version")->valueint, 1);
	assert_int_equal(cJSON_GetObjectItem(root, "schema_version")->valueint,
		portal_schema_version(f->p));
	assert_string_equal(cJSON_GetObjectItem(root, "library_version")->valuestring,
		portal_version());
	assert_true(cJSON_GetObjectItem(root, "exported_at")->valuedouble == (double)TH_NOW);
	assert_string_equal(cJSON_GetObjectItem(cJSON_GetObjectItem(root, "settings"),
		"name")->valuestring, "Northside Appliance & Auto Repair");
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		cJSON *list = cJSON_GetObjectItem(root, kinds[i]);
		long first;

		assert_true(cJSON_IsArray(list));
		/* The busy demo has a record of every kind. */
		assert_true(cJSON_GetArraySize(list) > 0);
		snprintf(prefix, sizeof(prefix), "\"%s\":[", kinds[i]);
		first = line_starting(f->doc.ptr, prefix);
		assert_true(first > 0);
		/* Record n of the kind is on line first + n. */
		for (int n = 0; n < cJSON_GetArraySize(list); n++) {
			cJSON *rec = cJSON_GetArrayItem(list, n);
			char *line = cJSON_PrintUnformatted(rec);
			assert_int_equal(line_starting(f->doc.ptr, line), first + 1 + n);
			free(line);
		}
	}
	assert_null(cJSON_GetObjectItem(root, "access_links"));
	assert_null(cJSON_GetObjectItem(root, "sessions"));
	assert_null(cJSON_GetObjectItem(root, "secrets"));
	cJSON_Delete(root);
}

/* Every view of every client, with every argument it takes, reads the
 * same in both shops (or is refused the same way). */
static void compare_view(portal *a, portal *b, portal_id client, const char *name,
	const char *arg)
{
	portal_buf x = PORTAL_BUF_INIT, y = PORTAL_BUF_INIT;
	int ra = portal_preview(&x, a, client, 0, name, arg);
	int rb = portal_preview(&y, b, client, 0, name, arg);

	if (ra != rb || x.size != y.size || (x.size && memcmp(x.ptr, y.ptr, x.size) != 0))
		fail_msg("view %s(%s) of client %lld differs: %d/%d\n%s\n%s", name,
			arg ? arg : "", (long long)client, ra, rb, x.ptr ? x.ptr : "", y.ptr ? y.ptr : "");
	portal_buf_dispose(&x);
	portal_buf_dispose(&y);
}

static void test_transfer_json__every_view_of_every_client_reads_the_same(void **state)
{
	fixture *f = *state;
	portal *q = moved_shop(f);
	cJSON *root = cJSON_Parse(f->doc.ptr), *c, *rec;
	size_t views = 0;
	char arg[64];

	cJSON_ArrayForEach(c, cJSON_GetObjectItem(root, "clients")) {
		portal_id id = (portal_id)cJSON_GetObjectItem(c, "id")->valuedouble;
		const char *name;

		for (size_t v = 0; (name = portal_view_name_at(v)) != NULL; v++) {
			if (!portal_view_takes_arg(name)) {
				compare_view(f->p, q, id, name, NULL);
				views++;
				continue;
			}
			const char *list = strcmp(name, "job") == 0 ? "jobs"
				: strcmp(name, "invoice") == 0 ? "invoices" : "estimates";
			cJSON_ArrayForEach(rec, cJSON_GetObjectItem(root, list)) {
				if (cJSON_GetObjectItem(rec, "client_id")->valuedouble != (double)id)
					continue;
				if (strcmp(name, "job") == 0)
					snprintf(arg, sizeof(arg), "%d", cJSON_GetObjectItem(rec, "id")->valueint);
				else
					snprintf(arg, sizeof(arg), "%s",
						cJSON_GetObjectItem(rec, "number")->valuestring);
				compare_view(f->p, q, id, name, arg);
				views++;
			}
		}
	}
	assert_true(views > 12 * 15);
	cJSON_Delete(root);
	portal_close(q);
}

/* The columns the import derives (an invoice number and a house number
 * as lookups compare them) are rebuilt: a customer's lookup still works. */
static void test_transfer_json__a_customer_lookup_works_in_the_new_shop(void **state)
{
	fixture *f = *state;
	portal *q = moved_shop(f);
	portal_session *s = NULL;

	/* Invoice 10003 is Łukasz Kowalski's, at 48 Roncesvalles Ave. */
	must(q, portal_lookup(&s, q, "inv-10003", "48", "198.51.100.7"), "lookup");
	assert_int_equal(s->client_id, 2);
	portal_session_free(s);
	portal_close(q);
}

/* ---------------------------------------------------------------------
 * What stays home.
 */

static int contains_bytes(const portal_buf *doc, const void *bytes, size_t n)
{
	for (size_t i = 0; i + n <= doc->size; i++)
		if (memcmp(doc->ptr + i, bytes, n) == 0)
			return 1;
	return 0;
}

static int contains_hex(const portal_buf *doc, const unsigned char *bytes, size_t n)
{
	char lower[256], upper[256];

	assert_true(n * 2 < sizeof(lower));
	for (size_t i = 0; i < n; i++) {
		snprintf(lower + 2 * i, 3, "%02x", bytes[i]);
		snprintf(upper + 2 * i, 3, "%02X", bytes[i]);
	}
	return strstr(doc->ptr, lower) != NULL || strstr(doc->ptr, upper) != NULL;
}

/* What the export must not hold, and how many secrets were looked for. */
typedef struct secret_search {
	const portal_buf *doc;
	size_t seen;
} secret_search;

static void secret_not_exported(const unsigned char *v, size_t n, void *ctx)
{
	secret_search *s = ctx;

	assert_true(n >= 16);
	assert_false(contains_bytes(s->doc, v, n));
	assert_false(contains_hex(s->doc, v, n));
	s->seen++;
}

static void test_transfer_json__export_holds_no_secret_token_or_hash(void **state)
{
	fixture *f = *state;
	secret_search s = { &f->doc, 0 };

	/* The fixture's shop is the last opened, which th_sql_* read. */
	th_sql_each_blob("SELECT value FROM secrets", secret_not_exported, &s);
	th_sql_each_blob("SELECT token_hash FROM access_links", secret_not_exported, &s);
	th_sql_each_blob("SELECT id_hash FROM sessions", secret_not_exported, &s);
	th_sql_each_blob("SELECT csrf_hash FROM sessions", secret_not_exported, &s);
	/* The key, every link (the shop's two and those its messages carry),
	 * one session's two hashes. */
	assert_int_equal(s.seen, 3 + th_sql_int("SELECT count(*) FROM access_links", 0));
	assert_false(th_contains(&f->doc, f->token));
	assert_false(th_contains(&f->doc, f->session));
	assert_false(th_contains(&f->doc, f->csrf));
	/* The link still waiting in the outbox lost its token. */
	assert_true(th_contains(&f->doc, "/k/(removed)"));
}

/* ---------------------------------------------------------------------
 * Refusals.
 */

static void test_transfer_json__import_into_a_shop_with_records_is_refused(void **state)
{
	fixture *f = *state;
	char *path = doc_file(f->doc.ptr, f->doc.size);
	char *before = th_shop_fingerprint(f->db, f->shop), *after;
	portal *q;

	/* The demo shop itself: everything in it stays as it was. */
	assert_int_equal(portal_import_json(f->p, path, NULL, NULL), PORTAL_ERULE);
	assert_non_null(strstr(portal_errmsg(f->p), "already has records"));
	after = th_shop_fingerprint(f->db, f->shop);
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* A shop with one client, through the helper that checks refusals. */
	q = new_shop();
	th_add_client(q, "Ada Client");
	TH_CHECK_REFUSED(q, "shop with a client", portal_import_json(q, path, NULL, NULL),
		PORTAL_ERULE, NULL);
	portal_close(q);
}

static void bad_email(cJSON *o) { cJSON_ReplaceItemInObject(o, "email", cJSON_CreateString("not-an-email")); }
static void dangling_invoice(cJSON *o) { cJSON_ReplaceItemInObject(o, "invoice_id", cJSON_CreateNumber(9999)); }
static void unknown_key(cJSON *o) { cJSON_AddStringToObject(o, "colour", "red"); }
static void wrong_type(cJSON *o) { cJSON_ReplaceItemInObject(o, "problem", cJSON_CreateNumber(42)); }
static void negative_price(cJSON *o) { cJSON_ReplaceItemInObject(o, "unit_price", cJSON_CreateNumber(-500)); }
static void missing_key(cJSON *o) { cJSON_DeleteItemFromObject(o, "created_at"); }
static void bad_phone(cJSON *o) { cJSON_ReplaceItemInObject(o, "phone", cJSON_CreateString("12")); }
static void bad_vin(cJSON *o) { cJSON_ReplaceItemInObject(o, "vin", cJSON_CreateString("NOTAVIN")); }
static void bad_house(cJSON *o) { cJSON_ReplaceItemInObject(o, "house_number", cJSON_CreateString("Main")); }

struct bad_case {
	const char *section;   /* the line "section":[ */
	int record;            /* 1-based record of the section */
	edit_fn edit;
	const char *field;
	const char *words;
};

static const struct bad_case bad_cases[] = {
	{ "\"clients\":[", 3, bad_email, "email", "not an email address" },
	{ "\"clients\":[", 5, bad_phone, "phone", "phone" },
	{ "\"addresses\":[", 2, bad_house, "house_number", "house_number" },
	{ "\"assets\":[", 1, unknown_key, "colour", "unknown key" },
	{ "\"assets\":[", 3, bad_vin, "vin", "VIN" },
	{ "\"jobs\":[", 4, wrong_type, "problem", "must be a string" },
	{ "\"invoice_lines\":[", 1, dangling_invoice, "invoice_id", "no invoice #9999" },
	{ "\"invoice_lines\":[", 2, negative_price, "unit_price", "never negative" },
	{ "\"payments\":[", 1, missing_key, "created_at", "missing" },
};

static void test_transfer_json__bad_records_are_reported_by_line_and_nothing_written(void **state)
{
	fixture *f = *state;
	size_t n = sizeof(bad_cases) / sizeof(bad_cases[0]);
	char *doc = strdup(f->doc.ptr), *next;
	long lines[sizeof(bad_cases) / sizeof(bad_cases[0])];
	portal_import_options opt = PORTAL_IMPORT_OPTIONS_INIT;
	portal_import_result result = { 0 };
	problems ps = { 0 };
	char *path;
	portal *q;

	for (size_t i = 0; i < n; i++) {
		lines[i] = line_starting(doc, bad_cases[i].section) + bad_cases[i].record;
		next = edit_line(doc, lines[i], bad_cases[i].edit);
		free(doc);
		doc = next;
	}
	path = doc_file(doc, strlen(doc));
	q = new_shop();
	opt.on_problem = on_problem;
	opt.problem_ctx = &ps;
	TH_CHECK_REFUSED(q, "bad records", portal_import_json(q, path, &opt, &result),
		PORTAL_EINVAL, NULL);
	print_problems(&ps);
	for (size_t i = 0; i < n; i++)
		if (!has_problem(&ps, lines[i], bad_cases[i].field, bad_cases[i].words))
			fail_msg("no problem at line %ld on %s (%s)", lines[i], bad_cases[i].field,
				bad_cases[i].words);
	assert_int_equal(ps.n, n);
	assert_int_equal(result.problems, n);
	assert_non_null(strstr(portal_errmsg(q), "9 problems; nothing was imported"));
	/* Not even the settings were replaced. */
	portal_close(q);
	free(doc);
}

static void test_transfer_json__reading_stops_at_the_limit_of_problems(void **state)
{
	fixture *f = *state;
	char *doc = strdup(f->doc.ptr), *next;
	long first = line_starting(doc, "\"clients\":[");
	portal_import_options opt = PORTAL_IMPORT_OPTIONS_INIT;
	problems ps = { 0 };
	portal *q;

	for (int i = 1; i <= 6; i++) {
		next = edit_line(doc, first + i, bad_email);
		free(doc);
		doc = next;
	}
	q = new_shop();
	opt.on_problem = on_problem;
	opt.problem_ctx = &ps;
	opt.max_problems = 2;
	TH_CHECK_REFUSED(q, "limit", portal_import_json(q, doc_file(doc, strlen(doc)), &opt, NULL),
		PORTAL_EINVAL, NULL);
	assert_int_equal(ps.n, 2);
	assert_int_equal(ps.line[1], first + 2);
	portal_close(q);
	free(doc);
}

static void test_transfer_json__a_cut_file_is_refused_at_its_end(void **state)
{
	fixture *f = *state;
	size_t half = f->doc.size / 2;
	problems ps = { 0 };
	portal_import_options opt = PORTAL_IMPORT_OPTIONS_INIT;
	long lines = 1;
	portal *q = new_shop();

	for (size_t i = 0; i < half; i++)
		lines += f->doc.ptr[i] == '\n';
	opt.on_problem = on_problem;
	opt.problem_ctx = &ps;
	TH_CHECK_REFUSED(q, "cut file", portal_import_json(q, doc_file(f->doc.ptr, half), &opt, NULL),
		PORTAL_EINVAL, NULL);
	assert_int_equal(ps.n, 1);
	assert_int_equal(ps.line[0], lines);
	assert_non_null(strstr(ps.message[0], "ends too early"));
	assert_non_null(strstr(portal_errmsg(q), "not valid JSON"));
	portal_close(q);
}

static void test_transfer_json__documents_that_are_not_exports_are_refused(void **state)
{
	static const struct {
		const char *text;
		long line;
		const char *field;
		const char *words;
	} cases[] = {
		{ "{\"format\": \"libportal-export\", \"version\": 2, \"schema_version\": 1}",
		  1, "version", "newer libportal" },
		{ "{\"format\": \"libportal-export\", \"version\": 1, \"schema_version\": 999}",
		  1, "schema_version", "newer" },
		{ "{\"format\": \"something else\", \"version\": 1}", 1, "format", "not a shop export" },
		{ "[1, 2, 3]", 1, "", "not a JSON object" },
		{ "{\"format\": \"libportal-export\",\n\"version\": 1,\n\"schema_version\": 1,\n"
		  "\"customers\": []}", 4, "customers", "unknown key" },
		{ "{\"format\": \"libportal-export\",\n\"version\": 1 \"schema_version\": 1}", 2, "",
		  "not valid JSON" },
		{ "", 1, "", "ends too early" },
	};
	portal *q = new_shop();

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		portal_import_options opt = PORTAL_IMPORT_OPTIONS_INIT;
		problems ps = { 0 };
		char *path = doc_file(cases[i].text, strlen(cases[i].text));

		opt.on_problem = on_problem;
		opt.problem_ctx = &ps;
		TH_CHECK_REFUSED(q, cases[i].text, portal_import_json(q, path, &opt, NULL),
			PORTAL_EINVAL, NULL);
		print_problems(&ps);
		assert_int_equal(ps.n, 1);
		assert_int_equal(ps.line[0], cases[i].line);
		assert_string_equal(ps.field[0], cases[i].field);
		assert_non_null(strstr(ps.message[0], cases[i].words));
	}
	portal_close(q);
}

static void test_transfer_json__a_missing_file_is_an_io_error(void **state)
{
	portal *q = new_shop();

	(void)state;
	TH_CHECK_REFUSED(q, "missing file",
		portal_import_json(q, "/nonexistent/shop.json", NULL, NULL), PORTAL_EIO, NULL);
	assert_non_null(strstr(portal_errmsg(q), "/nonexistent/shop.json"));
	portal_close(q);
}

/* ---------------------------------------------------------------------
 * Options.
 */

typedef struct progress_seen {
	size_t calls, last_done, last_total;
} progress_seen;

static void on_progress(size_t done, size_t total, void *ctx)
{
	progress_seen *ps = ctx;

	assert_true(done >= ps->last_done);
	assert_true(done <= total);
	ps->calls++;
	ps->last_done = done;
	ps->last_total = total;
}

static void test_transfer_json__dry_run_checks_everything_and_writes_nothing(void **state)
{
	fixture *f = *state;
	portal_import_options opt = PORTAL_IMPORT_OPTIONS_INIT;
	portal_import_result result = { 0 };
	progress_seen seen = { 0, 0, 0 };
	char *path = doc_file(f->doc.ptr, f->doc.size);
	portal *q = new_shop();
	char *before = th_fingerprint(th_db_path()), *after;
	int records = count_records(f->doc.ptr);

	opt.dry_run = 1;
	opt.on_progress = on_progress;
	opt.progress_ctx = &seen;
	must(q, portal_import_json(q, path, &opt, &result), "dry run");
	assert_int_equal(result.records, records);
	assert_int_equal(result.problems, 0);
	assert_true(seen.calls >= 1);
	assert_int_equal(seen.last_done, records);
	assert_int_equal(seen.last_total, records);
	after = th_fingerprint(th_db_path());
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* And the real import still finds an empty shop afterwards. */
	must(q, portal_import_json(q, path, NULL, &result), "import after the dry run");
	assert_int_equal(result.records, records);
	portal_close(q);
}

static void test_transfer_json__settings_are_replaced_by_the_documents(void **state)
{
	fixture *f = *state;
	portal *q = new_shop();
	portal_buf shop = PORTAL_BUF_INIT;
	cJSON *settings;

	/* A setting the document does not have goes back to its default. */
	must(q, portal_shop_set(q, "portal_url", "https://elsewhere.example.com"), "set");
	must(q, portal_import_json(q, doc_file(f->doc.ptr, f->doc.size), NULL, NULL), "import");
	must(q, portal_shop_json(&shop, q), "shop");
	settings = cJSON_Parse(shop.ptr);
	assert_string_equal(cJSON_GetObjectItem(settings, "portal_url")->valuestring,
		"http://localhost:8080");
	assert_string_equal(cJSON_GetObjectItem(settings, "name")->valuestring,
		"Northside Appliance & Auto Repair");
	cJSON_Delete(settings);
	portal_buf_dispose(&shop);
	portal_close(q);
}

/* Export reads one moment of the shop without the write lock: it works
 * while another connection writes, and on a handle opened read-only. */
static void test_transfer_json__export_only_reads(void **state)
{
	fixture *f = *state;
	portal_buf doc = PORTAL_BUF_INIT;
	portal *ro = NULL, *writer = th_reopen();

	/* Another handle holds the shop's write lock meanwhile. */
	must(writer, pt_store_begin(writer), "begin a write on another handle");
	must(f->p, portal_export_json(f->p, &doc), "export while another connection writes");
	must(writer, pt_store_end(writer, PORTAL_OK), "commit on the other handle");
	portal_close(writer);
	assert_int_equal(doc.size, f->doc.size);
	portal_buf_dispose(&doc);

	must(ro, portal_open_shop(&ro, f->db, f->shop, PORTAL_OPEN_READONLY), "open read-only");
	must(ro, portal_export_json(ro, &doc), "export read-only");
	assert_int_equal(doc.size, f->doc.size);
	portal_buf_dispose(&doc);
	portal_close(ro);
}
/* The export handed to a sink a piece at a time: the pieces are the
 * document, none much larger than the exporter's buffer (64 KiB) however
 * large the shop, and a sink that refuses stops it with EIO. */
typedef struct pieces {
	portal_buf doc;
	size_t count, largest, refuse_at;
} pieces;

static int collect_piece(const void *data, size_t len, void *ctx)
{
	pieces *c = ctx;

	if (++c->count == c->refuse_at)
		return -1;
	if (len > c->largest)
		c->largest = len;
	assert_int_equal(pt_buf_put(&c->doc, data, len), 0);
	return 0;
}

static void test_transfer_json__export_streams_to_a_sink(void **state)
{
	fixture *f = *state;
	portal_client_fields cf = PORTAL_CLIENT_FIELDS_INIT;
	pieces c = { PORTAL_BUF_INIT, 0, 0, 0 };
	portal_buf whole = PORTAL_BUF_INIT;
	char name[32], notes[1001];

	memset(notes, 'n', sizeof(notes) - 1);
	notes[sizeof(notes) - 1] = '\0';
	cf.notes = notes;
	cf.name = name;
	for (int i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "Client %d", i);
		must(f->p, portal_client_add(NULL, f->p, &cf), "client");
	}
	must(f->p, portal_export_json(f->p, &whole), "export whole");
	must(f->p, portal_export_json_write(f->p, collect_piece, &c), "export in pieces");
	assert_true(whole.size > 300 * 1000);
	assert_int_equal(c.doc.size, whole.size);
	assert_memory_equal(c.doc.ptr, whole.ptr, whole.size);
	assert_true(c.count >= 5);
	assert_true(c.largest < 64 * 1024 + 4096);
	portal_buf_dispose(&c.doc);
	c.count = 0;
	c.refuse_at = 2;
	assert_int_equal(portal_export_json_write(f->p, collect_piece, &c), PORTAL_EIO);
	assert_int_equal(portal_export_json_write(f->p, NULL, NULL), PORTAL_EINVAL);
	/* The handle is whole after a refused sink: the next export works. */
	must(f->p, portal_export_json(f->p, &c.doc), "export after a refusal");
	portal_buf_dispose(&c.doc);
	portal_buf_dispose(&whole);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(
			test_transfer_json__export_import_export_gives_the_same_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__two_exports_of_a_shop_are_identical, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__document_is_one_record_per_line_with_every_kind, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__every_view_of_every_client_reads_the_same, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__a_customer_lookup_works_in_the_new_shop, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__export_holds_no_secret_token_or_hash, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__import_into_a_shop_with_records_is_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__bad_records_are_reported_by_line_and_nothing_written,
			setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__reading_stops_at_the_limit_of_problems, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__a_cut_file_is_refused_at_its_end, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__documents_that_are_not_exports_are_refused, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__a_missing_file_is_an_io_error, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__dry_run_checks_everything_and_writes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__settings_are_replaced_by_the_documents, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__export_only_reads, setup, teardown),
		cmocka_unit_test_setup_teardown(
			test_transfer_json__export_streams_to_a_sink, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
