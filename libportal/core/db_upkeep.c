/* SPDX-License-Identifier: MIT */
/*
 * db_upkeep.c - a shop's backup and check (portal/upkeep.h): the store
 * copies and checks the database; here is what a shop serving customers
 * must have set, and what each missing setting does to them.
 */
#include "settings.h"
#include "store_upkeep.h"

#include <portal/upkeep.h>

#include <stdlib.h>
#include <string.h>

int portal_backup(portal *p, const char *path)
{
	if (p == NULL || path == NULL || *path == '\0')
		return p ? pt_error(p, PORTAL_EINVAL, NULL, "no file to back up to") : PORTAL_EINVAL;
	return pt_store_backup(p, path);
}

/* A setting a real shop sets, and what its customers meet until it does. */
static const struct {
	const char *key;
	const char *problem;
} required[] = {
	{ "name", "the shop's name is not set: customers read \"My Repair Shop\" "
	  "(portal shop set name \"...\")" },
	{ "timezone", "the time zone is not set: every time is shown in UTC "
	  "(portal shop set timezone America/Toronto)" },
	{ "portal_url", "the public URL is not set, or names this machine only: the "
	  "links in messages reach no customer (portal shop set portal_url https://...)" },
	{ "email", "the shop's email is not set: emails have no sender and customers "
	  "no address to write to (portal shop set email ...)" },
	{ "phone", "the shop's phone is not set: pages and messages give no number "
	  "to call (portal shop set phone ...)" },
};

/* Has the shop set `key`? The public URL only when the public can reach
 * it (portal_shop_public_url()). */
static int is_set(int *set, portal *p, const char *key)
{
	portal_buf url = PORTAL_BUF_INIT;
	char *value = NULL;
	int err;

	if (strcmp(key, "portal_url") == 0) {
		err = portal_shop_public_url(&url, p);
		portal_buf_dispose(&url);
		*set = err == 1;
		return err < 0 ? err : PORTAL_OK;
	}
	err = pt_store_setting_get(&value, p, key);
	*set = err == 0 && value != NULL && *value != '\0';
	free(value);
	return err < 0 && err != PORTAL_ENOTFOUND ? err : PORTAL_OK;
}

struct check_ctx {
	int (*cb)(const portal_check_finding *f, void *ctx);
	void *ctx;
};

static int tell(int kind, const char *subject, const char *problem, void *ctx)
{
	struct check_ctx *c = ctx;
	portal_check_finding f;

	f.kind = kind == PT_CHECK_DAMAGE ? PORTAL_CHECK_DAMAGE : PORTAL_CHECK_SETUP;
	f.subject = subject;
	f.problem = problem;
	return c->cb(&f, c->ctx);
}

static int check_settings(portal *p, struct check_ctx *c)
{
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++) {
		int err, set;

		if ((err = is_set(&set, p, required[i].key)) < 0)
			return err;
		if (!set && (err = tell(PT_CHECK_SETUP, required[i].key, required[i].problem,
			c)) != 0)
			return err;
	}
	return PORTAL_OK;
}

int portal_check(portal *p, int (*cb)(const portal_check_finding *f, void *ctx), void *ctx)
{
	struct check_ctx c;
	int err;

	if (p == NULL || cb == NULL)
		return p ? pt_error(p, PORTAL_EINVAL, NULL, "no callback for the findings") :
			PORTAL_EINVAL;
	c.cb = cb;
	c.ctx = ctx;
	if ((err = pt_store_read_begin(p)) < 0)
		return err;
	err = pt_store_check(p, tell, &c);
	if (err == 0)
		err = check_settings(p, &c);
	return pt_store_end(p, err);
}

int portal_ping(portal *p)
{
	int64_t n;

	if (p == NULL)
		return PORTAL_EINVAL;
	return pt_store_count_clients(&n, p);
}
