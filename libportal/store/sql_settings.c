/* SPDX-License-Identifier: MIT */
/*
 * store_settings.c - storage of the shop's settings.
 */
#include "sql.h"

int pt_store_setting_get(char **out, portal *p, const char *key)
{
	static const char sql[] = "SELECT value FROM settings WHERE key = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err = PORTAL_OK;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, key);
	rc = pt_step(st);
	if (rc == PT_ROW) {
		if ((*out = pt_col_strdup(st, 0)) == NULL)
			err = pt_oom(p);
	} else if (rc == PT_DONE) {
		err = PORTAL_ENOTFOUND;
	} else {
		err = pt_store_fail(p, "reading a setting");
	}
	pt_stmt_done(st);
	return err;
}

int pt_store_setting_put(portal *p, const char *key, const char *value)
{
	/* The key of a conflict is the table's unique key, which on
	 * PostgreSQL begins with the shop (pg_schema.c). */
#define SETTING_PUT(key) "INSERT INTO settings (key, value) VALUES (?1, ?2)" \
	" ON CONFLICT (" key ") DO UPDATE SET value = excluded.value"
	static const char sql_sqlite[] = SETTING_PUT("key");
	static const char sql_pg[] = SETTING_PUT("shop_id, key");
	pt_stmt *st = pt_stmt_get(p, PT_SQL_DIALECT(p, sql_sqlite, sql_pg));

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, key);
	pt_bind_text(st, 2, value);
	return pt_store_exec(p, st, "saving a setting");
}

int pt_store_setting_foreach(portal *p,
	int (*cb)(const char *key, const char *value, void *ctx), void *ctx)
{
	static const char sql[] = "SELECT key, value FROM settings";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc = PT_DONE, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	while (err == 0 && (rc = pt_step(st)) == PT_ROW)
		err = cb(pt_col_text(st, 0),
			pt_col_text(st, 1), ctx);
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading the settings");
	pt_stmt_done(st);
	return err;
}
