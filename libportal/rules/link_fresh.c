/* SPDX-License-Identifier: MIT */
/*
 * link_fresh.c - a dead link asks for a new one: "send me a fresh link".
 *
 * Whoever holds an expired or revoked link may ask for another. It goes
 * to the email address or phone number the shop has for the link's
 * client, never to one the asker names, and the asker is never told
 * which, nor whether the link was known at all: every request that is
 * not over the address's limit gets the same sentence, whether a link
 * was sent, the token was made up, the client's access is off or the
 * client has had enough links for now. Each request is logged, and the
 * log is what the limits count (event "link.fresh").
 */
#include "local_days.h"
#include "session.h"
#include "settings.h"
#include "audit_log.h"
#include "link_mint.h"
#include "outbox_queue.h"
#include "store_access.h"
#include "store_audit.h"
#include "token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define EVENT "link.fresh"

/* The end of the address's lock: when the oldest request it counts
 * leaves the window; 0 while it is under its limit. */
static int addr_locked_until(portal_time *until, portal *p, const char *who)
{
	int64_t most, minutes, count;
	portal_time oldest;
	int err;

	*until = 0;
	if ((err = pt_setting_int(&most, p, "fresh_link_addr_limit")) < 0 ||
	    (err = pt_setting_int(&minutes, p, "fresh_link_addr_window_minutes")) < 0 ||
	    (err = pt_store_audit_count_source(&count, &oldest, p, EVENT, who,
		portal_now(p) - minutes * 60 + 1)) < 0)
		return err;
	if (count >= most)
		*until = oldest + minutes * 60;
	return PORTAL_OK;
}

static int client_over_limit(int *over, portal *p, portal_id client_id)
{
	int64_t most, minutes, count;
	int err;

	if ((err = pt_setting_int(&most, p, "fresh_link_client_limit")) < 0 ||
	    (err = pt_setting_int(&minutes, p, "fresh_link_client_window_minutes")) < 0 ||
	    (err = pt_store_audit_count_client(&count, p, client_id, EVENT, "sent",
		portal_now(p) - minutes * 60 + 1)) < 0)
		return err;
	*over = count >= most;
	return PORTAL_OK;
}

/* The channel that reaches client `c`: email first, for a link is read
 * at leisure; NULL when neither does. */
static const char *fresh_channel(portal *p, const portal_client *c)
{
	if (pt_outbox_unreachable(p, c, "email") == NULL)
		return "email";
	return pt_outbox_unreachable(p, c, "sms") == NULL ? "sms" : NULL;
}

/* Make a link like the dead one (the same client and job) and queue it. */
static int send_fresh(portal *p, const portal_link *dead, const char *channel,
	const char *who)
{
	portal_buf url = PORTAL_BUF_INIT;
	portal_link l;
	portal_id id = 0;
	char landing[32];
	int err;

	memset(&l, 0, sizeof(l));
	l.client_id = dead->client_id;
	l.job_id = dead->job_id;
	l.created_at = portal_now(p);
	snprintf(landing, sizeof(landing), "job/%lld", (long long)dead->job_id);
	if ((err = pt_link_mint(&url, &id, p, &l, 0, dead->job_id ? landing : NULL)) == 0 &&
	    (err = pt_outbox_access_link(p, l.client_id, url.ptr, l.expires_at, channel)) == 0)
		err = pt_audit(p, EVENT, "sent", l.client_id, who, "link #%lld for link #%lld "
			"by %s", (long long)id, (long long)dead->id, channel);
	if (url.ptr != NULL)
		sodium_memzero(url.ptr, url.size);
	portal_buf_dispose(&url);
	return err;
}

/* What a request for a fresh link does, inside the transaction; the
 * asker learns none of it. */
static int fresh(portal *p, const portal_link *dead, const char *who)
{
	portal_client *c = NULL;
	const char *channel, *outcome = NULL;
	int over = 0, err;

	if ((err = pt_store_client_get(&c, p, dead->client_id)) < 0 ||
	    (err = client_over_limit(&over, p, dead->client_id)) < 0)
		goto done;
	channel = fresh_channel(p, c);
	if (!c->portal_enabled)
		outcome = "denied";
	else if (over)
		outcome = "limited";
	else if (channel == NULL)
		outcome = "unreachable";
	if (outcome != NULL)
		err = pt_audit(p, EVENT, outcome, c->id, who, "link #%lld", (long long)dead->id);
	else
		err = send_fresh(p, dead, channel, who);
done:
	portal_client_free(c);
	return err;
}

static int request(portal_time *until, portal *p, const char *token, const char *who)
{
	unsigned char bytes[PT_TOKEN_BYTES], hash[PT_HASH_BYTES];
	portal_link dead;
	int err = PORTAL_ENOTFOUND;

	if ((err = addr_locked_until(until, p, who)) < 0)
		return err;
	if (*until)
		return pt_audit(p, EVENT, "refused", 0, who, "%s", "");
	err = PORTAL_ENOTFOUND;
	if (pt_token_decode(bytes, token) == 0 &&
	    (err = pt_token_hash(hash, p, PT_HASH_LINK, bytes, sizeof(bytes))) == 0)
		err = pt_store_link_by_hash(&dead, p, hash);
	sodium_memzero(bytes, sizeof(bytes));
	if (err == PORTAL_ENOTFOUND)
		return pt_audit(p, EVENT, "unknown", 0, who, "%s", "");
	return err < 0 ? err : fresh(p, &dead, who);
}

int portal_link_fresh(int64_t *retry_after, portal *p, const char *token,
	const char *source)
{
	char who[64], when[PORTAL_WORDS_LEN];
	portal_time until = 0;
	int err;

	*retry_after = 0;
	pt_source_copy(who, source);
	/* Counted by the address as the log writes it. */
	if (who[0] == '\0')
		snprintf(who, sizeof(who), "%s", PT_AUDIT_UNKNOWN);
	if ((err = pt_store_begin(p)) < 0)
		return err;
	err = request(&until, p, token, who);
	if ((err = pt_store_end(p, err)) < 0)
		return err;
	if (until == 0)
		return PORTAL_OK;
	*retry_after = until > portal_now(p) ? until - portal_now(p) : 1;
	if (pt_soon_words(when, sizeof(when), p, until) < 0)
		portal_time_format(when, sizeof(when), p, until, PORTAL_TIME_HUMAN);
	return pt_error(p, PORTAL_ERATELIMIT, NULL, "too many requests for a fresh link from "
		"here; try again after %s", when);
}
