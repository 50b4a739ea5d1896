/* SPDX-License-Identifier: MIT */
/*
 * link_mint.c - drawing a secure link: 256 random bits, of which the shop
 * keeps only the keyed hash, expiring at the end of a local day,
 * optionally limited to one job of the client.
 */
#include "link_mint.h"
#include "local_days.h"
#include "settings.h"
#include "audit_log.h"
#include "store.h"
#include "store_access.h"
#include "token.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Valid through the end of local day today + days: expired from the
 * start of the day after, like an estimate's validity. */
static int link_expiry(portal_time *out, portal *p, int days)
{
	int64_t day, fallback;
	int err;

	if (days == 0) {
		if ((err = pt_setting_int(&fallback, p, "link_days")) < 0)
			return err;
		days = (int)fallback;
	}
	if ((err = pt_local_day(&day, p, portal_now(p))) < 0)
		return err;
	return pt_local_day_begin(out, p, day + days + 1);
}

/* The job must be the client's: another client's job is as unknown as
 * no job at all. */
static int check_job(portal *p, portal_id client_id, portal_id job_id)
{
	portal_job *j = NULL;
	int err, theirs;

	if (job_id == 0)
		return PORTAL_OK;
	if ((err = pt_store_job_get(&j, p, job_id, 0)) < 0)
		return err;
	theirs = j->client_id == client_id;
	portal_job_free(j);
	if (!theirs)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "client #%lld has no job #%lld",
			(long long)client_id, (long long)job_id);
	return PORTAL_OK;
}

int pt_portal_base(char **out, portal *p)
{
	size_t n;
	int err;

	if ((err = pt_setting_text(out, p, "portal_url")) < 0)
		return err;
	n = strlen(*out);
	while (n > 0 && (*out)[n - 1] == '/')
		n--;
	(*out)[n] = '\0';
	return PORTAL_OK;
}

static int make_url(portal_buf *url, portal *p, const char *token, const char *landing)
{
	char *base = NULL;
	int err;

	if ((err = pt_portal_base(&base, p)) < 0)
		return err;
	portal_buf_dispose(url);
	err = pt_buf_printf(url, "%s/k/%s%s%s", base, token, landing && *landing ? "/" : "",
		landing ? landing : "");
	free(base);
	return err < 0 ? pt_oom(p) : PORTAL_OK;
}

static int log_link(portal *p, const portal_link *l)
{
	char scope[32], last[11];
	int64_t day;
	int err;

	if ((err = pt_local_day(&day, p, l->expires_at - 1)) < 0)
		return err;
	if (l->job_id)
		snprintf(scope, sizeof(scope), "job #%lld", (long long)l->job_id);
	else
		snprintf(scope, sizeof(scope), "whole account");
	return pt_audit(p, "link.create", "ok", l->client_id, NULL, "link #%lld, %s, valid "
		"through %s", (long long)l->id, scope, pt_day_format(last, day));
}

int pt_link_mint(portal_buf *url, portal_id *id, portal *p, portal_link *l, int days,
	const char *landing)
{
	unsigned char bytes[PT_TOKEN_BYTES], hash[PT_HASH_BYTES];
	char token[PORTAL_TOKEN_LEN + 1] = "";
	int enabled, err;

	if ((err = pt_store_client_access(&enabled, p, l->client_id)) < 0 ||
	    (err = check_job(p, l->client_id, l->job_id)) < 0)
		return err;
	if (!enabled)
		return pt_error(p, PORTAL_EDENIED, NULL, "portal access of client #%lld is off; "
			"turn it on before sending a link", (long long)l->client_id);
	if ((err = link_expiry(&l->expires_at, p, days)) < 0 ||
	    (err = pt_token_new(bytes, token, p)) < 0 ||
	    (err = pt_token_hash(hash, p, PT_HASH_LINK, bytes, sizeof(bytes))) < 0 ||
	    (err = pt_store_link_insert(&l->id, p, l, hash)) < 0 ||
	    (err = log_link(p, l)) < 0 ||
	    (err = make_url(url, p, token, landing)) < 0)
		goto done;
	*id = l->id;
done:
	sodium_memzero(bytes, sizeof(bytes));
	sodium_memzero(token, sizeof(token));
	return err;
}
