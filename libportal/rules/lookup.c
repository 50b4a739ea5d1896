/* SPDX-License-Identifier: MIT */
/*
 * lookup.c - finding a client by a number and the house number on their
 * paperwork, with rate limits per network address and per number. The
 * number is an issued invoice's, a sent estimate's, or the booking number
 * of a visit's confirmation (J and the job's id, V and the visit's), so a
 * customer who has no invoice yet can get in too; all are read alike,
 * counted alike and missed alike.
 *
 * The pair is a weak secret: invoice numbers are sequential and house
 * numbers are small. So every miss answers the same words after the same
 * query, whatever was wrong, and misses are counted: too many from one
 * address, or on one invoice number from anywhere, lock that subject for
 * a while. A lock refuses even the right pair, so that guessing on while
 * locked teaches nothing; it ends on its own, and refused attempts are
 * not counted, so it cannot be kept alive by knocking.
 *
 * On a host of many shops (PostgreSQL), an address's misses at every
 * shop together are counted too, so that guessing at a little of each of
 * a thousand shops is held as guessing at one (store_access.h).
 */
#include "local_days.h"
#include "session.h"
#include "settings.h"
#include "audit_log.h"
#include "store_access.h"

#include <stdio.h>
#include <string.h>

#define MISS_MESSAGE \
	"nothing matches that number and house number; " \
	"check both on your paperwork"

/* The window and the lock of the host's limit on an address's misses
 * across every shop; the number of misses is the host's
 * (portal_host_lookup_limit()). */
#define HOST_WINDOW_MINUTES 15
#define HOST_LOCK_MINUTES 60

/* One kind of subject the limits count. */
typedef struct limit {
	const char *scope;      /* "addr" or "invoice" */
	const char *subject;    /* the address, or the invoice number key */
	int64_t count, window, lock;   /* misses; minutes */
} limit;

static int limit_settings(limit *l, portal *p, const char *prefix)
{
	char key[64];
	int err;

	snprintf(key, sizeof(key), "lookup_%s_limit", prefix);
	if ((err = pt_setting_int(&l->count, p, key)) < 0)
		return err;
	snprintf(key, sizeof(key), "lookup_%s_window_minutes", prefix);
	if ((err = pt_setting_int(&l->window, p, key)) < 0)
		return err;
	snprintf(key, sizeof(key), "lookup_%s_lock_minutes", prefix);
	return pt_setting_int(&l->lock, p, key);
}

/* The later end of the locks on the address and the invoice number. */
static int locked_until(portal_time *until, portal *p, const limit *addr, const limit *inv)
{
	portal_time now = portal_now(p), a, i = 0;
	int err;

	portal_time h;

	if ((err = pt_store_lookup_locked_until(&a, p, addr->scope, addr->subject, now)) < 0 ||
	    (inv->subject[0] &&
	     (err = pt_store_lookup_locked_until(&i, p, inv->scope, inv->subject, now)) < 0) ||
	    (err = pt_store_host_lookup_locked_until(&h, p, addr->subject, now)) < 0)
		return err;
	*until = a > i ? a : i;
	*until = h > *until ? h : *until;
	return PORTAL_OK;
}

/* Count a miss against one subject, locking it when it reaches the limit. */
static int count_miss(portal *p, const limit *l)
{
	portal_time now = portal_now(p);
	int64_t count;
	int err;

	if ((err = pt_store_lookup_failure(&count, p, l->scope, l->subject, now,
			now - l->window * 60)) < 0)
		return err;
	if (l->count > 0 && count >= l->count)
		err = pt_store_lookup_lock(p, l->scope, l->subject, now + l->lock * 60);
	return err;
}

/* Count a miss of an address against the host's limit. */
static int count_host_miss(portal *p, const char *subject)
{
	portal_time now = portal_now(p);
	int64_t count, most;
	int err;

	if ((err = pt_store_host_lookup_failure(&count, &most, p, subject, now,
			now - HOST_WINDOW_MINUTES * 60)) < 0)
		return err;
	if (most > 0 && count >= most)
		err = pt_store_host_lookup_lock(p, subject, now + HOST_LOCK_MINUTES * 60);
	return err;
}

/* The id in a booking number, "J12" or "V7" as normalised, when `key`
 * is one with `letter`; else 0, which matches no record. */
static portal_id booking_id(const char *key, char letter)
{
	portal_id id = 0;

	if (key[0] != letter || key[1] == '\0' || strlen(key) > 16)
		return 0;
	for (const char *s = key + 1; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		id = id * 10 + (*s - '0');
	}
	return id;
}

/* What happened to one attempt, decided inside the transaction and told
 * to the caller after it is committed. */
enum outcome { MATCH, MISS, REFUSED, DENIED };

static int attempt(enum outcome *how, portal_time *until, portal_session **out, portal *p,
	const limit *addr, const limit *inv, const char *house, const char *typed)
{
	portal_id client;
	int enabled, err;

	if ((err = locked_until(until, p, addr, inv)) < 0)
		return err;
	if (*until) {
		*how = REFUSED;
		return pt_audit(p, "lookup", "refused", 0, addr->subject, "number %s", typed);
	}
	/* The same query for every attempt, even when the input could not be
	 * read: empty keys match nothing. */
	if ((err = pt_store_lookup_match(&client, &enabled, p, inv->subject, house,
			booking_id(inv->subject, 'J'), booking_id(inv->subject, 'V'))) < 0)
		return err;
	if (client == 0) {
		*how = MISS;
		if ((err = count_miss(p, addr)) < 0 ||
		    (inv->subject[0] && (err = count_miss(p, inv)) < 0) ||
		    (err = count_host_miss(p, addr->subject)) < 0)
			return err;
		return pt_audit(p, "lookup", "miss", 0, addr->subject, "number %s", typed);
	}
	if (!enabled) {
		*how = DENIED;
		return pt_audit(p, "lookup", "denied", client, addr->subject, "number %s", inv->subject);
	}
	*how = MATCH;
	if ((err = pt_audit(p, "lookup", "ok", client, addr->subject, "number %s",
			inv->subject)) < 0)
		return err;
	return pt_session_open(out, p, client, 0, 0, addr->subject);
}

static int refused(portal *p, portal_time until)
{
	char when[PORTAL_WORDS_LEN];

	if (pt_soon_words(when, sizeof(when), p, until) < 0)
		portal_time_format(when, sizeof(when), p, until, PORTAL_TIME_HUMAN);
	return pt_error(p, PORTAL_ERATELIMIT, NULL, "too many failed lookups; try again "
		"after %s", when);
}

int portal_lookup_retry_after(int64_t *seconds, portal *p, const char *invoice_number,
	const char *source)
{
	char number_key[PORTAL_INVOICE_NUMBER_MAX + 1] = "", src[64];
	limit addr = { "addr", src, 0, 0, 0 }, inv = { "invoice", number_key, 0, 0, 0 };
	portal_time until;
	int err;

	*seconds = 0;
	pt_source_copy(src, source);
	if (portal_invoice_number_key(number_key, sizeof(number_key), invoice_number) < 0)
		number_key[0] = '\0';
	if ((err = locked_until(&until, p, &addr, &inv)) < 0)
		return err;
	if (until > portal_now(p))
		*seconds = until - portal_now(p);
	return PORTAL_OK;
}

int portal_lookup(portal_session **out, portal *p, const char *invoice_number,
	const char *house_number, const char *source)
{
	char number_key[PORTAL_INVOICE_NUMBER_MAX + 1] = "", house_key[32] = "", src[64];
	char typed[48];
	limit addr = { "addr", src, 0, 0, 0 }, inv = { "invoice", number_key, 0, 0, 0 };
	portal_session *s = NULL;
	portal_time until = 0;
	enum outcome how = MISS;
	int err;

	*out = NULL;
	pt_source_copy(src, source);
	/* Input that cannot be read is a miss like any other. */
	if (portal_invoice_number_key(number_key, sizeof(number_key), invoice_number) < 0)
		number_key[0] = '\0';
	if (portal_house_number_key(house_key, sizeof(house_key), house_number) < 0)
		house_key[0] = '\0';
	snprintf(typed, sizeof(typed), "%s", number_key[0] ? number_key :
		invoice_number ? invoice_number : "");
	if ((err = limit_settings(&addr, p, "addr")) < 0 ||
	    (err = limit_settings(&inv, p, "invoice")) < 0 ||
	    (err = pt_store_begin(p)) < 0)
		return err;
	err = attempt(&how, &until, &s, p, &addr, &inv, house_key, typed);
	if ((err = pt_store_end(p, err)) < 0) {
		portal_session_free(s);
		return err;
	}
	switch (how) {
	case MATCH:
		*out = s;
		return PORTAL_OK;
	case REFUSED:
		return refused(p, until);
	case DENIED:
		return pt_access_off(p, PORTAL_EDENIED);
	case MISS:
	default:
		return pt_error(p, PORTAL_ENOTFOUND, NULL, MISS_MESSAGE);
	}
}
