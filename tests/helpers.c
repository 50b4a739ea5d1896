/*
 * helpers.c - temporary databases and fingerprints for the unit tests.
 */
#include "helpers.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_DIRS 64

static char dirs[MAX_DIRS][64];
static int ndirs;
static char last_db[128];

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

portal *th_open(void)
{
	portal *p = NULL;
	int err;

	snprintf(last_db, sizeof(last_db), "%s", th_path("shop.db"));
	err = portal_open(&p, last_db, PORTAL_OPEN_CREATE);
	if (err != 0)
		fail_msg("portal_open(%s): %s", last_db, portal_errmsg(p));
	portal_set_now(p, TH_NOW);
	assert_int_equal(portal_shop_set(p, "timezone", "America/Toronto"), 0);
	return p;
}

const char *th_db_path(void)
{
	return last_db;
}

portal_time th_at(portal *p, const char *text)
{
	portal_time t = 0;

	if (portal_time_parse(&t, p, text) != PORTAL_OK)
		fail_msg("'%s': %s", text, portal_errmsg(p));
	return t;
}

static void append(char **s, size_t *len, const char *add, size_t n)
{
	*s = realloc(*s, *len + n + 1);
	assert_non_null(*s);
	memcpy(*s + *len, add, n);
	*len += n;
	(*s)[*len] = '\0';
}

static void fingerprint_table(sqlite3 *db, const char *table, char **s, size_t *len)
{
	char sql[256];
	sqlite3_stmt *st;

	snprintf(sql, sizeof(sql), "SELECT * FROM \"%.63s\" ORDER BY 1", table);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
	append(s, len, table, strlen(table));
	append(s, len, "\n", 1);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const void *v = sqlite3_column_blob(st, i);
			int n = sqlite3_column_bytes(st, i);
			append(s, len, "|", 1);
			if (v != NULL)
				append(s, len, v, (size_t)n);
		}
		append(s, len, "\n", 1);
	}
	sqlite3_finalize(st);
}

char *th_fingerprint(const char *path)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	char *s = NULL, names[64][64];
	size_t len = 0;
	int n = 0;

	assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
		"SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", -1, &st, NULL),
		SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && n < 64)
		snprintf(names[n++], sizeof(names[0]), "%s", sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	append(&s, &len, "", 0);
	for (int i = 0; i < n; i++)
		fingerprint_table(db, names[i], &s, &len);
	sqlite3_close(db);
	return s;
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
