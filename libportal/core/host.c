/* SPDX-License-Identifier: MIT */
/*
 * host.c - a host of many shops on one PostgreSQL database: adding,
 * listing and disabling its shops (portal/host.h).
 */
#include "settings.h"
#include "store.h"
#include "store_access.h"

int portal_host_open(portal **out, const char *target, int flags)
{
	return portal_open_shop(out, target, NULL, (flags & ~PORTAL_OPEN_READONLY) | PT_OPEN_HOST);
}

int portal_host_shop_add(portal *host, const char *name)
{
	int err;

	if ((err = pt_store_require_host(host)) < 0 || (err = pt_store_begin(host)) < 0)
		return err;
	/* The shop and its secret in one transaction, on the host's own
	 * connection; the handle then goes back to no shop. */
	err = pt_store_host_shop_create(host, name);
	if (err == 0)
		err = pt_store_create_secret(host);
	err = pt_store_end(host, err);
	pt_store_shop_switch(host, NULL);
	return err;
}

int portal_host_shop_disable(portal *host, const char *name, int disabled)
{
	int err;

	if ((err = pt_store_require_host(host)) < 0)
		return err;
	return pt_store_host_shop_disable(host, name, disabled ? portal_now(host) : 0);
}

int portal_host_shop_foreach(portal *host,
	int (*cb)(const portal_host_shop *shop, void *ctx), void *ctx)
{
	int err;

	if ((err = pt_store_require_host(host)) < 0)
		return err;
	return pt_store_host_shop_foreach(host, cb, ctx);
}

int portal_shop_switch(portal *p, const char *name)
{
	int err;

	err = pt_store_shop_switch(p, name);
	/* What was read of the last shop belongs to it. */
	pt_settings_forget(p);
	return err;
}

int portal_host_lookup_limit(portal *host, int64_t misses)
{
	int err;

	if ((err = pt_store_require_host(host)) < 0)
		return err;
	if (misses < 0)
		return pt_error(host, PORTAL_EINVAL, "misses",
			"the limit is a number of failed lookups, 0 for none");
	return pt_store_host_lookup_limit_set(host, misses);
}

int portal_host_grant(portal *host, const char *role)
{
	int err;

	if ((err = pt_store_require_host(host)) < 0)
		return err;
	if (role == NULL || *role == '\0')
		return pt_error(host, PORTAL_EINVAL, "role", "name the database role");
	return pt_store_host_grant(host, role);
}
