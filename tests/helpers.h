/*
 * helpers.h - what the unit tests share: temporary shop databases with a
 * fixed clock, times typed in shop time, and a fingerprint of a
 * database's content to prove that a refused operation changed nothing.
 * The records the tests build in those databases are in fixtures.h.
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
 * Create a new shop database in a temporary directory, with the clock
 * fixed at TH_NOW and the time zone America/Toronto. Fails the test on
 * error. Close with portal_close() and call th_cleanup() in teardown.
 */
portal *th_open(void);

/* The path of the database opened by the last th_open(). */
const char *th_db_path(void);

/* A time as people type it ("2026-11-23 08:00"), in the shop's zone
 * unless it has an offset; fails the test when it does not parse. */
portal_time th_at(portal *p, const char *text);

/*
 * A fingerprint of every row of every table of the database at `path`,
 * read through its own connection. Two equal fingerprints mean equal
 * content. The caller frees the result.
 */
char *th_fingerprint(const char *path);

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
 * field must be), and that the database of th_db_path() still has the
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
