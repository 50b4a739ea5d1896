/* SPDX-License-Identifier: MIT */
/*
 * helpers.h - what the unit tests share: temporary shop databases with a
 * fixed clock, times typed in shop time, a fingerprint of a shop's
 * content to prove that a refused operation changed nothing, and SQL run
 * on the side of the library. The records the tests build in those
 * databases are in fixtures.h.
 *
 * The shops are SQLite files, or, when the environment has PORTAL_TEST_PG
 * (a postgresql:// URI), new shops of that PostgreSQL database, so that
 * one test program proves the library on either engine. A test that
 * looks at the database itself does it through the helpers below, in SQL
 * both engines read.
 */
#ifndef PORTAL_TEST_HELPERS_H
#define PORTAL_TEST_HELPERS_H

#include <portal.h>
#include <stddef.h>
#include <stdint.h>

/* The fixed "now" of th_open(): 2026-11-22T15:00:00Z, a Sunday, 10:00 in
 * Toronto (EST, -05:00). */
#define TH_NOW ((portal_time)1795359600)

/* A fresh temporary directory (removed by th_cleanup()); returns its path. */
const char *th_tempdir(void);

/* Remove every temporary directory made by th_tempdir(). */
void th_cleanup(void);

/* A path for a file named `name` inside a new temporary directory. The
 * returned string is static per call slot: copy it if you need two. */
char *th_path(const char *name);

/*
 * Create a new shop, with the clock fixed at TH_NOW and the time zone
 * America/Toronto: a database in a temporary directory, or on
 * PostgreSQL a shop of its own name. Fails the test on error. Close with
 * portal_close() and call th_cleanup() in teardown.
 */
portal *th_open(void);

/* The target of the shop opened by the last th_open(): the path of its
 * database, or the PostgreSQL URI. */
const char *th_db_path(void);

/* The name of the shop opened by the last th_open() on PostgreSQL; NULL
 * on SQLite, where a file is a shop. */
const char *th_db_shop(void);

/* Are the tests' shops on PostgreSQL (PORTAL_TEST_PG)? */
int th_on_pg(void);

/* A second handle on the shop of the last th_open(), opened without
 * creating anything, with the same clock; fails the test on error. */
portal *th_reopen(void);

/*
 * SQL on the shop of the last th_open(), through a handle of its own
 * that sees only what is committed. `sql` must be a string literal (the
 * store keeps statements by the address of their text) in words both
 * engines read; each fails the test when the statement fails.
 *
 * th_sql_exec() runs a statement without parameters. th_sql_int() and
 * th_sql_text() give the first column of the first row, with ?1 bound to
 * `arg` when the statement has a parameter: th_sql_int() -1 when there
 * is no row, th_sql_text() NULL (else a string the caller frees, "" for
 * NULL).
 */
void th_sql_exec(const char *sql);
int64_t th_sql_int(const char *sql, int64_t arg);
char *th_sql_text(const char *sql, int64_t arg);

/*
 * Run `sql` with ?1, ?2 ... bound in turn from the arguments that follow,
 * one for each letter of `types`: 'i' an int64_t, 't' a const char *, 'n'
 * NULL (no argument), 'b' a const void * and its size_t length. The
 * first column of the first row as an integer (the id of INSERT ...
 * RETURNING id), or 0 when there is no row.
 */
int64_t th_sql_bind(const char *sql, const char *types, ...);

/* Call `cb` with the bytes of the first column of each row of `sql`
 * (NULL and 0 for NULL); returns the number of rows. */
size_t th_sql_each_blob(const char *sql,
	void (*cb)(const unsigned char *v, size_t n, void *ctx), void *ctx);

/* A time as people type it ("2026-11-23 08:00"), in the shop's zone
 * unless it has an offset; fails the test when it does not parse. */
portal_time th_at(portal *p, const char *text);

/*
 * A fingerprint of every row of every table of the shop at `path` (on
 * PostgreSQL, of the shop th_db_shop() names on that database), read
 * through a handle of its own. Two equal fingerprints mean equal
 * content. The caller frees the result.
 */
char *th_fingerprint(const char *path);

/* The same for the shop `shop` (NULL on SQLite) at `target`. */
char *th_shop_fingerprint(const char *target, const char *shop);

/* The whole content of a file, or NULL; *len gets its size. Caller frees. */
unsigned char *th_read_file(const char *path, size_t *len);

/* Write `len` bytes to a new file at `path`; fails the test on error. */
void th_write_file(const char *path, const void *data, size_t len);

/* A JSON document from a portal_buf: does `doc` contain `needle`? */
int th_contains(const portal_buf *doc, const char *needle);

/* For TH_CHECK_REFUSED: the refusal must name some field, whichever. */
#define TH_FIELD_ANY "*"

/*
 * Check a refused call: its return code `rc` against `want`, the field it
 * names against `field` (NULL: no field may be named; TH_FIELD_ANY: some
 * field must be), and that the shop of th_db_path() still has the
 * fingerprint `before`, which this frees. `what` names the case.
 */
void th_check_refusal(portal *p, const char *what, int rc, int want,
	const char *field, char *before);

/* Run `call` between two fingerprints and check it was refused. */
#define TH_CHECK_REFUSED(p, what, call, want, field) do { \
	char *before_ = th_fingerprint(th_db_path()); \
	int rc_ = (call); \
	th_check_refusal((p), (what), rc_, (want), (field), before_); \
} while (0)

/* `s` as a C string literal in `buf`, control and non-ASCII bytes as \xNN. */
const char *th_show(const char *s, char *buf, size_t len);

#endif
