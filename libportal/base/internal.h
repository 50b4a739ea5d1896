/* SPDX-License-Identifier: MIT */
/*
 * internal.h - the handle and the helpers every module of the library uses.
 * Private: never installed, never included by a front end.
 */
#ifndef PORTAL_INTERNAL_H
#define PORTAL_INTERNAL_H

#include "portal.h"

#include <stdarg.h>

struct tz;
struct pt_store;

struct portal {
	/* The shop's records, behind the store's neutral interface
	 * (store/store.h); which engine holds them is the store's business. */
	struct pt_store *store;
	int schema_version;
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

	/* The settings read in the transaction now open (settings.c). */
	struct pt_settings_cache *settings;

	char errmsg[512];
	char errfield[64];
	/* The same failure as the shop's customer reads it (errors.c). */
	char errsay[512];
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

/*
 * Word the failure just recorded by pt_error() for the shop's customer,
 * and return `code`: `return pt_say(p, pt_error(p, ...), "Your message is
 * empty.")`. One sentence: its first letter is made a capital; it names
 * no field or internal code. Without it, the customer reads the message
 * without its field, capitalised, with a full stop (errors.c).
 */
int pt_say(portal *p, int code, const char *fmt, ...) PT_PRINTF(3, 4);

/* The words the customer reads for field `field` ("your name" for
 * "client.name"), or "this field" for one no customer form has. */
const char *pt_field_words(const char *field);

/* Duplicate a string; NULL stays NULL. */
char *pt_strdup(const char *s);

/* Append to a portal_buf, growing it; the content stays NUL-terminated. */
int pt_buf_put(portal_buf *b, const char *data, size_t len);
int pt_buf_puts(portal_buf *b, const char *s);
int pt_buf_printf(portal_buf *b, const char *fmt, ...) PT_PRINTF(2, 3);
/* Hand a malloc'ed NUL-terminated string over to `b`, which must be empty. */
void pt_buf_attach(portal_buf *b, char *s);

/* Fold an enum name as typed ("Partly paid", "en-route") into `out`:
 * lower case, spaces and '-' as '_'. -1 when it does not fit.
 * pt_name_normalise() also forgives spaces before and after it. */
int pt_name_fold(char *out, size_t len, const char *text);
/* A shop's name on a host (portal/host.h): 1 to 63 of a-z, 0-9, '.', '-'
 * and '_', a word of a host name. PORTAL_OK or PORTAL_EINVAL naming the
 * field "name". */
int pt_shop_name_check(portal *p, const char *name);
int pt_name_normalise(char *out, size_t len, const char *text);

#endif
