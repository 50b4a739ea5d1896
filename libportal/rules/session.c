/* SPDX-License-Identifier: MIT */
/*
 * session.c - sessions: opening one for a lookup or a link, the check a
 * front end makes on every request, timeouts, logout and CSRF tokens.
 *
 * The session token goes to the browser; the database keeps only its
 * keyed hash. The CSRF token is derived from the session token with the
 * keyed hash, so the library can give it back on every check without
 * keeping it; its hash is stored as well, to check the derivation.
 */
#include "session.h"
#include "settings.h"
#include "audit_log.h"
#include "store_access.h"
#include "store_audit.h"
#include "store_notify.h"
#include "token.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AGAIN "open your link or look up your invoice again"

/* A session's idle timer restarts on a request at most once a minute:
 * timeouts are counted in minutes, and a check that writes nothing
 * takes no write lock (see check_without_writing()). */
#define PT_SESSION_RENEW_SECONDS 60

void pt_source_copy(char out[64], const char *source)
{
	snprintf(out, 64, "%s", source ? source : "");
}

/* The timeouts, in seconds. */
static int timeouts(int64_t *idle, int64_t *max, portal *p)
{
	int err;

	if ((err = pt_setting_int(idle, p, "session_idle_minutes")) < 0 ||
	    (err = pt_setting_int(max, p, "session_max_hours")) < 0)
		return err;
	*idle *= 60;
	*max *= 3600;
	return PORTAL_OK;
}

static portal_time expiry(const pt_session_row *row, int64_t idle, int64_t max)
{
	portal_time by_idle = row->last_seen_at + idle, by_age = row->created_at + max;

	return by_idle < by_age ? by_idle : by_age;
}

/* The CSRF token of the session whose token is `token`, as bytes and
 * text, and the hash the database keeps of it. */
static int derive_csrf(unsigned char csrf[PT_TOKEN_BYTES], char text[PORTAL_TOKEN_LEN + 1],
	unsigned char hash[PT_HASH_BYTES], portal *p, const unsigned char token[PT_TOKEN_BYTES])
{
	int err;

	if ((err = pt_token_hash(csrf, p, PT_HASH_CSRF, token, PT_TOKEN_BYTES)) < 0 ||
	    (err = pt_token_hash(hash, p, PT_HASH_CSRF, csrf, PT_TOKEN_BYTES)) < 0)
		return err;
	pt_token_encode(text, csrf);
	return PORTAL_OK;
}

/* The session as the front end gets it, from its stored row. */
static int fill(portal_session *s, portal *p, const pt_session_row *row, const char *source)
{
	int64_t idle, max;
	int err;

	if ((err = timeouts(&idle, &max, p)) < 0 ||
	    (err = portal_client_sections(&s->sections, p, row->client_id)) < 0)
		return err;
	s->id = row->id;
	s->client_id = row->client_id;
	s->job_id = row->job_id;
	s->link_id = row->link_id;
	s->created_at = row->created_at;
	s->last_seen_at = row->last_seen_at;
	s->expires_at = expiry(row, idle, max);
	pt_source_copy(s->source, source);
	return PORTAL_OK;
}

/* A client's first session starts their news from now: what happened
 * before they ever opened the portal is their history, not news, and
 * "12 new notifications" on a first visit would say otherwise. The log's
 * sessions tell a first one, as it moves with the shop's export, where
 * the sessions themselves do not. */
static int start_news(portal *p, portal_id client_id)
{
	int any = 0, err;

	if ((err = pt_store_audit_any(&any, p, client_id, "session.open")) < 0 || any)
		return err;
	return pt_store_notification_mark_read(p, client_id, 0, portal_now(p));
}

int pt_session_open(portal_session **out, portal *p, portal_id client_id,
	portal_id job_id, portal_id link_id, const char *source)
{
	unsigned char token[PT_TOKEN_BYTES], csrf[PT_TOKEN_BYTES];
	pt_session_row row;
	portal_session *s = calloc(1, sizeof(*s));
	int err;

	if (s == NULL)
		return pt_oom(p);
	memset(&row, 0, sizeof(row));
	row.client_id = client_id;
	row.job_id = job_id;
	row.link_id = link_id;
	row.created_at = row.last_seen_at = portal_now(p);
	pt_source_copy(row.source, source);
	if ((err = start_news(p, client_id)) == 0 &&
	    (err = pt_token_new(token, s->token, p)) == 0 &&
	    (err = pt_token_hash(row.id_hash, p, PT_HASH_SESSION, token, sizeof(token))) == 0 &&
	    (err = derive_csrf(csrf, s->csrf, row.csrf_hash, p, token)) == 0 &&
	    (err = pt_store_session_insert(&row.id, p, &row)) == 0 &&
	    (err = fill(s, p, &row, source)) == 0) {
		if (link_id)
			err = pt_audit(p, "session.open", "ok", client_id, source, "link #%lld",
				(long long)link_id);
		else
			err = pt_audit(p, "session.open", "ok", client_id, source, "lookup");
	}
	sodium_memzero(token, sizeof(token));
	sodium_memzero(csrf, sizeof(csrf));
	if (err < 0) {
		portal_session_free(s);
		return err;
	}
	*out = s;
	return PORTAL_OK;
}

static int end_one(portal *p, const pt_session_row *row, const char *reason, const char *source)
{
	int err;

	if ((err = pt_store_session_end(p, row->id, portal_now(p), reason)) < 0)
		return err;
	return pt_audit(p, "session.end", reason, row->client_id, source, "session #%lld",
		(long long)row->id);
}

int pt_sessions_end(portal *p, portal_id client_id, portal_id link_id, portal_id keep,
	const char *reason)
{
	portal_id *ids;
	size_t n;
	int err;

	if ((err = pt_store_session_open_ids(&ids, &n, p, client_id, link_id)) < 0)
		return err;
	for (size_t i = 0; i < n && err == 0; i++) {
		pt_session_row row;

		if (ids[i] == keep)
			continue;
		memset(&row, 0, sizeof(row));
		row.id = ids[i];
		row.client_id = client_id;
		err = end_one(p, &row, reason, NULL);
	}
	free(ids);
	return err;
}

/* Why a session is over, in words for the customer. */
static int ended(portal *p, const char *reason)
{
	int64_t idle = 0, max = 0;

	if (strcmp(reason, "access_off") == 0)
		return pt_access_off(p, PORTAL_ENOTFOUND);
	if (timeouts(&idle, &max, p) < 0)
		idle = max = 0;
	if (strcmp(reason, "idle") == 0)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "your session ended after %lld minutes "
			"without activity; " AGAIN, (long long)(idle / 60));
	if (strcmp(reason, "expired") == 0)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "your session expired %lld hours after "
			"it opened; " AGAIN, (long long)(max / 3600));
	if (strcmp(reason, "logout") == 0)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "you logged out; " AGAIN);
	if (strcmp(reason, "revoked") == 0)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "the shop ended your session; " AGAIN);
	return pt_error(p, PORTAL_ENOTFOUND, NULL, "your session ended; " AGAIN);
}

/* The stored session of `token`; "" in *why when it is open, else the
 * reason it cannot be used ("unknown" for no such session). */
static int find(pt_session_row *row, unsigned char token[PT_TOKEN_BYTES], portal *p,
	const char *text)
{
	unsigned char hash[PT_HASH_BYTES];
	int err;

	if (pt_token_decode(token, text) < 0)
		return PORTAL_ENOTFOUND;
	if ((err = pt_token_hash(hash, p, PT_HASH_SESSION, token, PT_TOKEN_BYTES)) < 0)
		return err;
	return pt_store_session_by_hash(row, p, hash);
}

/* The state of an open session at now: "" when it may go on, else the
 * reason it ends now. */
static int due_reason(const char **reason, portal *p, const pt_session_row *row)
{
	portal_time now = portal_now(p);
	int64_t idle, max;
	int enabled, err;

	*reason = "";
	if ((err = timeouts(&idle, &max, p)) < 0 ||
	    (err = pt_store_client_access(&enabled, p, row->client_id)) < 0)
		return err;
	if (!enabled)
		*reason = "access_off";
	else if (now >= row->created_at + max)
		*reason = "expired";
	else if (now >= row->last_seen_at + idle)
		*reason = "idle";
	return PORTAL_OK;
}

/* Does the stored CSRF hash belong to this token? A row whose hash does
 * not is treated as no session at all. */
static int csrf_matches(int *ok, char text[PORTAL_TOKEN_LEN + 1], portal *p,
	const pt_session_row *row, const unsigned char token[PT_TOKEN_BYTES])
{
	unsigned char csrf[PT_TOKEN_BYTES], hash[PT_HASH_BYTES];
	int err = derive_csrf(csrf, text, hash, p, token);

	*ok = err == 0 && sodium_memcmp(hash, row->csrf_hash, PT_HASH_BYTES) == 0;
	sodium_memzero(csrf, sizeof(csrf));
	return err;
}

/*
 * The check of an open session renewed less than PT_SESSION_RENEW_SECONDS
 * ago, the common case (every page and every request of a page), reads
 * and writes nothing: no write lock, so the requests of many customers
 * run side by side instead of queueing on the database, and the web
 * server's requests leave the file alone. *done is 1 when `s` is filled;
 * 0 when the check must be made under the write lock (a renewal is due,
 * or the session is unknown or over), which then decides everything again.
 */
static int check_without_writing(int *done, portal_session *s, portal *p,
	const char *token, const char *source)
{
	unsigned char bytes[PT_TOKEN_BYTES];
	pt_session_row row;
	const char *reason = "";
	portal_time now = portal_now(p);
	int err, ok = 0;

	*done = 0;
	err = find(&row, bytes, p, token);
	if (err == 0)
		err = csrf_matches(&ok, s->csrf, p, &row, bytes);
	if (err == 0 && ok && row.ended_at == 0 &&
	    (err = due_reason(&reason, p, &row)) == 0 && *reason == '\0' &&
	    now >= row.last_seen_at && now - row.last_seen_at < PT_SESSION_RENEW_SECONDS &&
	    (err = fill(s, p, &row, source)) == 0) {
		memcpy(s->token, token, PORTAL_TOKEN_LEN + 1);
		*done = 1;
	}
	sodium_memzero(bytes, sizeof(bytes));
	sodium_memzero(&row, sizeof(row));
	return err == PORTAL_ENOTFOUND ? PORTAL_OK : err;
}

static int form_refused(portal *p)
{
	return pt_error(p, PORTAL_EDENIED, NULL,
		"this form has expired or came from elsewhere; nothing was changed");
}

/* The session of `token`, its idle timer restarted; with `form` (a POST's
 * CSRF field, or NULL for none to check), only when the form's token is
 * the session's: a refused form restarts nothing. */
static int check(portal_session **out, portal *p, const char *token, const char *form,
	const char *source)
{
	unsigned char bytes[PT_TOKEN_BYTES];
	pt_session_row row;
	portal_session *s = NULL;
	const char *reason = "";
	int err, ok = 0, form_ok = 1, done = 0;

	*out = NULL;
	memset(&row, 0, sizeof(row));
	memset(bytes, 0, sizeof(bytes));
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return pt_oom(p);
	if ((err = check_without_writing(&done, s, p, token, source)) < 0)
		goto done;
	if (done) {
		if (form != NULL && !portal_session_csrf_ok(s, form))
			err = form_refused(p);
		goto done;
	}
	if ((err = pt_store_begin(p)) < 0)
		goto done;
	err = find(&row, bytes, p, token);
	if (err == 0 && (err = csrf_matches(&ok, s->csrf, p, &row, bytes)) == 0 && !ok)
		err = PORTAL_ENOTFOUND;
	if (err == 0 && row.ended_at)
		reason = row.end_reason[0] ? row.end_reason : "ended";
	else if (err == 0 && (err = due_reason(&reason, p, &row)) == 0 && *reason)
		err = end_one(p, &row, reason, source);
	else if (err == 0 && form != NULL && !portal_session_csrf_ok(s, form))
		form_ok = 0;
	else if (err == 0) {
		row.last_seen_at = portal_now(p);
		if ((err = pt_store_session_touch(p, row.id, row.last_seen_at)) == 0 &&
		    (err = fill(s, p, &row, source)) == 0)
			memcpy(s->token, token, PORTAL_TOKEN_LEN + 1);
	}
	/* An ended session is a finding, not a failure: what ended it
	 * (logged above) is kept. */
	err = pt_store_end(p, err == PORTAL_ENOTFOUND ? 0 : err);
	if (err == 0 && (ok == 0 || *reason))
		err = ok ? ended(p, reason) : pt_error(p, PORTAL_ENOTFOUND, NULL,
			"no such session; " AGAIN);
	if (err == 0 && !form_ok)
		err = form_refused(p);
done:
	sodium_memzero(bytes, sizeof(bytes));
	sodium_memzero(&row, sizeof(row));
	if (err < 0) {
		portal_session_free(s);
		return err;
	}
	*out = s;
	return PORTAL_OK;
}

int portal_session_check(portal_session **out, portal *p, const char *token,
	const char *source)
{
	return check(out, p, token, NULL, source);
}

int portal_session_check_form(portal_session **out, portal *p, const char *token,
	const char *csrf, const char *source)
{
	return check(out, p, token, csrf ? csrf : "", source);
}

int portal_session_end(portal *p, const char *token, const char *source)
{
	unsigned char bytes[PT_TOKEN_BYTES];
	pt_session_row row;
	int err, open = 0;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	err = find(&row, bytes, p, token);
	if (err == 0 && row.ended_at == 0) {
		open = 1;
		err = end_one(p, &row, "logout", source);
	}
	err = pt_store_end(p, err == PORTAL_ENOTFOUND ? 0 : err);
	sodium_memzero(bytes, sizeof(bytes));
	if (err == 0 && !open)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no open session to end");
	return err;
}

/* Length of `s`, stopping at `max` + 1: never reads past a short string. */
static size_t bounded_len(const char *s, size_t max)
{
	size_t n = 0;

	while (n <= max && s[n] != '\0')
		n++;
	return n;
}

int portal_session_csrf_ok(const portal_session *s, const char *csrf)
{
	if (s == NULL || csrf == NULL ||
	    bounded_len(csrf, PORTAL_TOKEN_LEN) != PORTAL_TOKEN_LEN ||
	    bounded_len(s->csrf, PORTAL_TOKEN_LEN) != PORTAL_TOKEN_LEN)
		return 0;
	return sodium_memcmp(s->csrf, csrf, PORTAL_TOKEN_LEN) == 0;
}

