/*
 * internal.h - the handle and the helpers every module of the library uses.
 * Private: never installed, never included by a front end.
 */
#ifndef PORTAL_INTERNAL_H
#define PORTAL_INTERNAL_H

#include "portal.h"

#include <sqlite3.h>
#include <stdarg.h>

struct tz;

/* Prepared statements are kept per handle, keyed by the address of their
 * SQL text (always a string literal), so that each query is compiled once
 * per connection. The CGI opens one handle per request and runs a few
 * dozen queries: a small fixed table is enough. */
#define PT_STMT_CACHE 256

struct portal {
	sqlite3 *db;
	int flags;
	int schema_version;
	int txn_depth;
	int txn_failed;
	/* Counts outermost transactions, so what was read in one (the
	 * settings' cache) is known not to belong to the next. */
	uint64_t txn_serial;
	/* Set while an import writes records moved in from elsewhere: their
	 * past is not news, so nothing is announced to clients (no
	 * notification, no outbox message). */
	int quiet;

	portal_clock_fn clock;
	void *clock_ctx;
	portal_time fixed_now;

	/* The shop's zone, loaded on first use and reloaded when the
	 * `timezone` setting changes. */
	struct tz *tz;
	char tz_name[64];

	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} stmts[PT_STMT_CACHE];

	/* The settings read in the transaction now open (settings.c). */
	struct pt_settings_cache *settings;

	char errmsg[512];
	char errfield[64];
};

#if defined(__GNUC__)
# define PT_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
# define PT_PRINTF(fmt, args)
#endif

/*
 * Record a failure on `p` and return `code`, so that a failing path reads
 * `return pt_error(p, PORTAL_EINVAL, "client.email", "not an email address")`.
 * `field` may be NULL. The message is made one line: control characters
 * from quoted input become '?'.
 */
int pt_error(portal *p, int code, const char *field, const char *fmt, ...) PT_PRINTF(4, 5);
int pt_verror(portal *p, int code, const char *field, const char *fmt, va_list ap);
int pt_oom(portal *p);

/* Duplicate a string; NULL stays NULL. */
char *pt_strdup(const char *s);

/* Append to a portal_buf, growing it; the content stays NUL-terminated. */
int pt_buf_put(portal_buf *b, const char *data, size_t len);
int pt_buf_puts(portal_buf *b, const char *s);
int pt_buf_printf(portal_buf *b, const char *fmt, ...) PT_PRINTF(2, 3);
/* Hand a malloc'ed NUL-terminated string over to `b`, which must be empty. */
void pt_buf_attach(portal_buf *b, char *s);



/* Record on job `job_id`'s timeline that it reached `status` at `at` (no
 * earlier than its latest event), unless it is there already or closed or
 * cancelled; job 0 is no job. For the steps other records imply (estimate
 * sent, approved, invoiced, paid). Joins the caller's transaction. */
int pt_job_advance(portal *p, portal_id job_id, portal_job_status status, portal_time at);

/* The shop's actions that a customer can also take in a session
 * (customer.c), with the network address to log; NULL for the shop. */
int pt_estimate_decide(portal *p, portal_id id, portal_id line_id,
	portal_decision decision, const char *name, const char *source);
int pt_appointment_cancel(portal_cancellation *out, portal *p, portal_id id,
	const char *source);

/* Validate `f` as portal_address_add() does, storing nothing: the
 * normalised address (without ids) into *out, which the caller frees. */
int pt_address_check(portal_address **out, portal *p, const portal_address_fields *f);

/* Normalise an enum name as typed ("Partly paid", "en-route") into `out`:
 * lower case, spaces and '-' as '_'. -1 when it does not fit. */
int pt_name_normalise(char *out, size_t len, const char *text);

/* The shop's time zone (loaded lazily); NULL with an error set on failure. */
const struct tz *pt_shop_tz(portal *p);

/*
 * Calendar days in the shop's zone (clock.c). Rules that speak of days
 * ("valid 7 days", "90 days of warranty", "overdue") count local dates,
 * as day numbers: days since 1970-01-01.
 */
/* The local date of `t`. */
int pt_local_day(int64_t *out, portal *p, portal_time t);
/* The instant local day `day` begins (its midnight, or the first instant
 * after a skipped midnight). */
int pt_local_day_begin(portal_time *out, portal *p, int64_t day);
/* Write day `day` as "YYYY-MM-DD" into buf (11 bytes). */
char *pt_day_format(char buf[11], int64_t day);
/* Parse "YYYY-MM-DD" (a real date); -1 if it is not one. */
int pt_day_parse(int64_t *out, const char *text);

#endif
