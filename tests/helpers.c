/* SPDX-License-Identifier: MIT */
/*
 * helpers.c - temporary shops, fingerprints and SQL on the side for the
 * unit tests, on SQLite or on PostgreSQL (helpers.h).
 */
#include "helpers.h"
#include "sql.h"
#include "store_dump.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_DIRS 64

static char dirs[MAX_DIRS][64];
static int ndirs;
static char last_db[1024];
static char last_shop[64];

const char *th_tempdir(void)
{
	char *d;

	assert_true(ndirs < MAX_DIRS);
	snprintf(dirs[ndirs], sizeof(dirs[ndirs]), "/tmp/portal-test-XXXXXX");
	d = mkdtemp(dirs[ndirs]);
	assert_non_null(d);
	return dirs[ndirs++];
}

void th_cleanup(void)
{
	char cmd[128];

	for (int i = 0; i < ndirs; i++) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%.63s'", dirs[i]);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", dirs[i]);
	}
	ndirs = 0;
}

char *th_path(const char *name)
{
	static char paths[8][128];
	static int slot;
	char *p = paths[slot++ % 8];

	snprintf(p, 128, "%s/%s", th_tempdir(), name);
	return p;
}

/* The PostgreSQL database of the tests' shops, or NULL for SQLite files. */
static const char *pg_target(void)
{
	const char *t = getenv("PORTAL_TEST_PG");

	return t != NULL && *t != '\0' ? t : NULL;
}

int th_on_pg(void)
{
	return pg_target() != NULL;
}

/*
 * A shop name no other test has taken on the database: the tests run in
 * parallel, and one cluster serves a whole run, in which a process id
 * may come back. The time this process first asked tells the two apart.
 */
static void new_shop_name(char *out, size_t len)
{
	static struct timespec born;
	static int n;

	if (n == 0)
		clock_gettime(CLOCK_REALTIME, &born);
	snprintf(out, len, "t%ld_%lld%09ld_%d", (long)getpid(), (long long)born.tv_sec,
		born.tv_nsec, ++n);
}

portal *th_open(void)
{
	portal *p = NULL;
	int err;

	if (th_on_pg()) {
		snprintf(last_db, sizeof(last_db), "%s", pg_target());
		new_shop_name(last_shop, sizeof(last_shop));
	} else {
		snprintf(last_db, sizeof(last_db), "%s", th_path("shop.db"));
		last_shop[0] = '\0';
	}
	err = portal_open_shop(&p, last_db, th_db_shop(), PORTAL_OPEN_CREATE);
	if (err != 0)
		fail_msg("portal_open(%s): %s", th_db_shop() ? th_db_shop() : last_db,
			portal_errmsg(p));
	portal_set_now(p, TH_NOW);
	assert_int_equal(portal_shop_set(p, "timezone", "America/Toronto"), 0);
	return p;
}

const char *th_db_path(void)
{
	return last_db;
}

const char *th_db_shop(void)
{
	return last_shop[0] != '\0' ? last_shop : NULL;
}

/* A handle of `shop` at `target`, opened with `flags`; fails the test. */
static portal *open_shop(const char *target, const char *shop, int flags)
{
	portal *p = NULL;

	if (portal_open_shop(&p, target, shop, flags) != PORTAL_OK)
		fail_msg("reopening %s: %s", shop ? shop : target, portal_errmsg(p));
	return p;
}

portal *th_reopen(void)
{
	portal *p = open_shop(th_db_path(), th_db_shop(), PORTAL_OPEN_DEFAULT);

	portal_set_now(p, TH_NOW);
	return p;
}

portal_time th_at(portal *p, const char *text)
{
	portal_time t = 0;

	if (portal_time_parse(&t, p, text) != PORTAL_OK)
		fail_msg("'%s': %s", text, portal_errmsg(p));
	return t;
}

char *th_shop_fingerprint(const char *target, const char *shop)
{
	portal *p = open_shop(target, shop, PORTAL_OPEN_READONLY);
	char *s = NULL;

	if (pt_store_dump(&s, p) != PORTAL_OK)
		fail_msg("reading the shop: %s", portal_errmsg(p));
	portal_close(p);
	return s;
}

char *th_fingerprint(const char *path)
{
	return th_shop_fingerprint(path, th_db_shop());
}

/* ---------------------------------------------------------------------
 * SQL on the side.
 */

/* A statement of a handle of the last th_open()'s shop of its own. */
static pt_stmt *side_stmt(portal **p, const char *sql)
{
	pt_stmt *st;

	*p = open_shop(th_db_path(), th_db_shop(), PORTAL_OPEN_DEFAULT);
	if ((st = pt_stmt_get(*p, sql)) == NULL)
		fail_msg("%s: %s", sql, portal_errmsg(*p));
	return st;
}

/* Step `st` to its end; PT_ROW when it gave a row, which is kept in
 * *first (an integer) or *text (a copy) unless those are NULL. */
static int side_run(portal *p, pt_stmt *st, const char *sql, int64_t *first, char **text)
{
	int rc, rows = 0;

	while ((rc = pt_step(st)) == PT_ROW) {
		if (rows++ > 0)
			continue;
		if (first != NULL)
			*first = pt_col_int64(st, 0);
		if (text != NULL)
			assert_non_null(*text = pt_col_strdup(st, 0));
	}
	if (rc != PT_DONE)
		fail_msg("%s: %s", sql, pt_store_errmsg(p));
	pt_stmt_done(st);
	return rows > 0 ? PT_ROW : PT_DONE;
}

/* Bind `arg` to ?1 when the statement has it. */
static void bind_arg(pt_stmt *st, int64_t arg)
{
	if (pt_param_count(st) > 0)
		assert_int_equal(pt_bind_int64(st, 1, arg), 0);
}

void th_sql_exec(const char *sql)
{
	portal *p;
	pt_stmt *st = side_stmt(&p, sql);

	side_run(p, st, sql, NULL, NULL);
	portal_close(p);
}

int64_t th_sql_int(const char *sql, int64_t arg)
{
	portal *p;
	pt_stmt *st = side_stmt(&p, sql);
	int64_t v = -1;

	bind_arg(st, arg);
	side_run(p, st, sql, &v, NULL);
	portal_close(p);
	return v;
}

char *th_sql_text(const char *sql, int64_t arg)
{
	portal *p;
	pt_stmt *st = side_stmt(&p, sql);
	char *v = NULL;

	bind_arg(st, arg);
	side_run(p, st, sql, NULL, &v);
	portal_close(p);
	return v;
}

int64_t th_sql_bind(const char *sql, const char *types, ...)
{
	portal *p;
	pt_stmt *st = side_stmt(&p, sql);
	int64_t v = 0;
	va_list ap;
	int i = 1, rc = 0;

	va_start(ap, types);
	for (const char *t = types; *t && rc == 0; t++, i++) {
		if (*t == 'i') {
			rc = pt_bind_int64(st, i, va_arg(ap, int64_t));
		} else if (*t == 't') {
			rc = pt_bind_text(st, i, va_arg(ap, const char *));
		} else if (*t == 'n') {
			rc = pt_bind_null(st, i);
		} else if (*t == 'b') {
			const void *b = va_arg(ap, const void *);
			rc = pt_bind_blob(st, i, b, va_arg(ap, size_t));
		} else {
			fail_msg("th_sql_bind: no type '%c'", *t);
		}
	}
	va_end(ap);
	if (rc != 0)
		fail_msg("%s: binding ?%d: %s", sql, i - 1, pt_store_errmsg(p));
	side_run(p, st, sql, &v, NULL);
	portal_close(p);
	return v;
}

size_t th_sql_each_blob(const char *sql,
	void (*cb)(const unsigned char *v, size_t n, void *ctx), void *ctx)
{
	portal *p;
	pt_stmt *st = side_stmt(&p, sql);
	size_t rows = 0, n;
	int rc;

	while ((rc = pt_step(st)) == PT_ROW) {
		const unsigned char *v = pt_col_blob(st, 0, &n);
		cb(v, n, ctx);
		rows++;
	}
	if (rc != PT_DONE)
		fail_msg("%s: %s", sql, pt_store_errmsg(p));
	pt_stmt_done(st);
	portal_close(p);
	return rows;
}

unsigned char *th_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	long n;

	if (f == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0) {
		data = malloc((size_t)n + 1);
		if (data != NULL && fread(data, 1, (size_t)n, f) != (size_t)n) {
			free(data);
			data = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return data;
}

void th_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

int th_contains(const portal_buf *doc, const char *needle)
{
	return doc->ptr != NULL && strstr(doc->ptr, needle) != NULL;
}

void th_check_refusal(portal *p, const char *what, int rc, int want,
	const char *field, char *before)
{
	const char *got = portal_errfield(p);
	char *after = th_fingerprint(th_db_path());

	if (rc != want)
		fail_msg("%s: returned %d (%s), want %d (%s)", what, rc,
			portal_errmsg(p), want, portal_strerror(want));
	if (field == NULL && got != NULL)
		fail_msg("%s: names field %s, want none (%s)", what, got, portal_errmsg(p));
	if (field != NULL && got == NULL)
		fail_msg("%s: names no field, want %s (%s)", what, field, portal_errmsg(p));
	if (field != NULL && strcmp(field, TH_FIELD_ANY) != 0 && strcmp(got, field) != 0)
		fail_msg("%s: names field %s, want %s (%s)", what, got, field, portal_errmsg(p));
	if (got != NULL && strstr(portal_errmsg(p), got) == NULL)
		fail_msg("%s: message \"%s\" does not name the field %s", what,
			portal_errmsg(p), got);
	if (strcmp(before, after) != 0) {
		print_error("%s: the database changed\n", what);
		assert_string_equal(before, after);
	}
	free(before);
	free(after);
}

const char *th_show(const char *s, char *buf, size_t len)
{
	size_t w = 0;

	if (s == NULL)
		return "NULL";
	w += (size_t)snprintf(buf + w, len - w, "\"");
	for (; *s && w + 8 < len; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			w += (size_t)snprintf(buf + w, len - w, "\\x%02x", c);
		else
			buf[w++] = (char)c;
	}
	snprintf(buf + w, len - w, "%s\"", *s ? "..." : "");
	return buf;
}
