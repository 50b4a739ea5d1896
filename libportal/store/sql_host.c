/* SPDX-License-Identifier: MIT */
/*
 * sql_host.c - the shops of a host (a PostgreSQL database of many shops),
 * read and changed through a handle bound to none of them.
 */
#include "sql.h"

#include <stdlib.h>

int pt_store_host_shop_disable(portal *p, const char *name, portal_time disabled_at)
{
	static const char sql[] =
		"UPDATE portal_shops SET disabled_at = nullif(?2, 0) WHERE name = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, name);
	pt_bind_int64(st, 2, disabled_at);
	if ((err = pt_store_exec(p, st, "disabling a shop")) == 0 && pt_store_changes(p) == 0)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no shop named %s", name);
	return err;
}

int pt_store_host_shop_foreach(portal *p,
	int (*cb)(const portal_host_shop *shop, void *ctx), void *ctx)
{
	static const char sql[] =
		"SELECT id, name, created_at, coalesce(disabled_at, 0) FROM portal_shops ORDER BY name";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc = PT_DONE, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	while (err == 0 && (rc = pt_step(st)) == PT_ROW) {
		portal_host_shop s;
		s.id = pt_col_int64(st, 0);
		s.name = pt_col_text(st, 1);
		s.created_at = pt_col_int64(st, 2);
		s.disabled_at = pt_col_int64(st, 3);
		if (s.name == NULL)
			s.name = "";
		err = cb(&s, ctx);
	}
	if (err == 0 && rc != PT_DONE && rc != PT_ROW)
		err = pt_store_fail(p, "listing the shops");
	pt_stmt_done(st);
	return err;
}
