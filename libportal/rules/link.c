/* SPDX-License-Identifier: MIT */
/*
 * link.c - secure links: a random token the shop sends a customer, kept
 * only as its keyed hash, expiring, revocable, optionally for one job.
 *
 * The URL with the token is handed back once, when the link is made; the
 * shop can list its links and their state but never read a token again.
 * Lookup locks never apply here: a token is not guessable.
 */
#include "session.h"
#include "local_days.h"
#include "settings.h"
#include "audit_log.h"
#include "json.h"
#include "store_access.h"
#include "token.h"
#include "link_mint.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NEW_LINK "ask the shop for a new link"

const char *portal_link_state(const portal_link *l, portal_time now)
{
	if (l->revoked_at)
		return "revoked";
	return now >= l->expires_at ? "expired" : "active";
}

static int check_fields(portal *p, const portal_link_fields *f)
{
	if (f->version != PORTAL_LINK_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, "link.version", "unknown fields version %u",
			f->version);
	if (f->days < 0 || f->days > 365)
		return pt_error(p, PORTAL_EINVAL, "link.days",
			"a link lasts 1 to 365 days (0 for the shop's default), not %d", f->days);
	return PORTAL_OK;
}

int portal_link_create(portal_buf *url, portal_id *id, portal *p,
	portal_id client_id, const portal_link_fields *f)
{
	portal_link_fields defaults = PORTAL_LINK_FIELDS_INIT;
	portal_link l;
	portal_id new_id = 0;
	int err;

	if (f == NULL)
		f = &defaults;
	if ((err = check_fields(p, f)) < 0)
		return err;
	memset(&l, 0, sizeof(l));
	l.client_id = client_id;
	l.job_id = f->job_id;
	l.created_at = portal_now(p);
	if ((err = pt_store_begin(p)) < 0)
		return err;
	err = pt_link_mint(url, &new_id, p, &l, f->days, NULL);
	/* The URL counts only once the link is saved. */
	if ((err = pt_store_end(p, err)) == 0 && id != NULL)
		*id = new_id;
	if (err < 0 && url->ptr != NULL) {
		sodium_memzero(url->ptr, url->size);
		portal_buf_dispose(url);
	}
	return err;
}

/* What a link's token leads to, decided inside the transaction. */
static int open_link(const char **outcome, portal_link *l, portal_session **out, portal *p,
	const char *token, const char *source)
{
	unsigned char bytes[PT_TOKEN_BYTES], hash[PT_HASH_BYTES];
	int enabled, err = PORTAL_ENOTFOUND;

	*outcome = "unknown";
	memset(l, 0, sizeof(*l));
	if (pt_token_decode(bytes, token) == 0 &&
	    (err = pt_token_hash(hash, p, PT_HASH_LINK, bytes, sizeof(bytes))) == 0)
		err = pt_store_link_by_hash(l, p, hash);
	sodium_memzero(bytes, sizeof(bytes));
	if (err == PORTAL_ENOTFOUND)
		return pt_audit(p, "link.open", "unknown", 0, source, "%s", "");
	if (err < 0 || (err = pt_store_client_access(&enabled, p, l->client_id)) < 0)
		return err;
	if (l->revoked_at)
		*outcome = "revoked";
	else if (portal_now(p) >= l->expires_at)
		*outcome = "expired";
	else if (!enabled)
		*outcome = "denied";
	else
		*outcome = "ok";
	if ((err = pt_audit(p, "link.open", *outcome, l->client_id, source, "link #%lld",
			(long long)l->id)) < 0 || strcmp(*outcome, "ok") != 0)
		return err;
	if ((err = pt_store_link_used(p, l->id, portal_now(p))) < 0)
		return err;
	return pt_session_open(out, p, l->client_id, l->job_id, l->id, source);
}

int portal_link_open(portal_session **out, portal *p, const char *token, const char *source)
{
	const char *outcome = "unknown";
	char last[PORTAL_WORDS_LEN];
	portal_session *s = NULL;
	portal_link l;
	int64_t day;
	int err;

	*out = NULL;
	if ((err = pt_store_begin(p)) < 0)
		return err;
	err = open_link(&outcome, &l, &s, p, token, source);
	if ((err = pt_store_end(p, err)) < 0) {
		portal_session_free(s);
		return err;
	}
	if (strcmp(outcome, "ok") == 0) {
		*out = s;
		return PORTAL_OK;
	}
	if (strcmp(outcome, "denied") == 0)
		return pt_access_off(p, PORTAL_EDENIED);
	if (strcmp(outcome, "revoked") == 0)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "this link was withdrawn by the shop; "
			NEW_LINK);
	if (strcmp(outcome, "expired") == 0 && pt_local_day(&day, p, l.expires_at - 1) == 0 &&
	    pt_day_words(last, sizeof(last), p, day, PT_WORDS_NOW) == 0)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "this link expired after %s; " NEW_LINK,
			last);
	return pt_error(p, PORTAL_ENOTFOUND, NULL, "this link is not known; " NEW_LINK);
}

int portal_link_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_link *l, void *ctx), void *ctx)
{
	int enabled, err;

	if ((err = pt_store_client_access(&enabled, p, client_id)) < 0)
		return err;
	return pt_store_link_foreach(p, client_id, cb, ctx);
}

static int walk_link(const portal_link *l, void *ctx)
{
	pt_json_walk *w = ctx;
	cJSON *o = cJSON_CreateObject();

	if (o != NULL &&
	    (!pt_json_add_id(o, "id", l->id) ||
	     !pt_json_add_id(o, "client_id", l->client_id) ||
	     !pt_json_add_id(o, "job_id", l->job_id) ||
	     !cJSON_AddStringToObject(o, "state", portal_link_state(l, portal_now(w->p))) ||
	     !cJSON_AddNumberToObject(o, "created_at", (double)l->created_at) ||
	     !pt_json_add_time(o, "created_at_text", w->p, l->created_at) ||
	     !cJSON_AddNumberToObject(o, "expires_at", (double)l->expires_at) ||
	     !pt_json_add_time(o, "expires_at_text", w->p, l->expires_at) ||
	     !cJSON_AddNumberToObject(o, "last_used_at", (double)l->last_used_at) ||
	     !pt_json_add_time(o, "last_used_at_text", w->p, l->last_used_at) ||
	     !cJSON_AddNumberToObject(o, "revoked_at", (double)l->revoked_at) ||
	     !pt_json_add_time(o, "revoked_at_text", w->p, l->revoked_at))) {
		cJSON_Delete(o);
		o = NULL;
	}
	return pt_json_walk_add(w, o);
}

int portal_link_list_json(portal_buf *out, portal *p, portal_id client_id)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err;

	if (w.array == NULL)
		return pt_oom(p);
	err = portal_link_foreach(p, client_id, walk_link, &w);
	return pt_json_finish(out, p, w.array, err);
}

int portal_link_revoke(portal *p, portal_id link_id)
{
	portal_link l;
	int err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_store_link_get(&l, p, link_id)) == 0 && l.revoked_at == 0 &&
	    (err = pt_store_link_revoke(p, link_id, portal_now(p))) == 0 &&
	    (err = pt_sessions_end(p, l.client_id, link_id, 0, "revoked")) == 0)
		err = pt_audit(p, "link.revoke", "ok", l.client_id, NULL, "link #%lld",
			(long long)link_id);
	return pt_store_end(p, err);
}

int portal_link_revoke_all(int *count, portal *p, portal_id client_id)
{
	int n = 0, enabled, err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_store_client_access(&enabled, p, client_id)) == 0 &&
	    (err = pt_store_link_revoke_all(&n, p, client_id, portal_now(p))) == 0 &&
	    (err = pt_sessions_end(p, client_id, 0, 0, "revoked")) == 0)
		err = pt_audit(p, "link.revoke", "ok", client_id, NULL, "all links (%d)", n);
	if ((err = pt_store_end(p, err)) == 0 && count != NULL)
		*count = n;
	return err;
}
