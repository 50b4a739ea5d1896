/* SPDX-License-Identifier: MIT */
/*
 * store_asset.c - storage of assets and technicians.
 */
#include "sql.h"

#include <stdlib.h>

#define ASSET_COLUMNS \
	"id, client_id, kind, category, make, model, serial, vin, year, acquired_on, notes"

static portal_asset *asset_from_row(pt_stmt *st)
{
	portal_asset *a = calloc(1, sizeof(*a));

	if (a == NULL)
		return NULL;
	a->id = pt_col_int64(st, 0);
	a->client_id = pt_col_int64(st, 1);
	a->kind = (portal_asset_kind)pt_col_int(st, 2);
	a->category = pt_col_strdup(st, 3);
	a->make = pt_col_strdup(st, 4);
	a->model = pt_col_strdup(st, 5);
	a->serial = pt_col_strdup(st, 6);
	a->vin = pt_col_strdup(st, 7);
	a->year = pt_col_int(st, 8);
	a->acquired_on = pt_col_strdup(st, 9);
	a->notes = pt_col_strdup(st, 10);
	if (!a->category || !a->make || !a->model || !a->serial || !a->vin ||
	    !a->acquired_on || !a->notes) {
		portal_asset_free(a);
		return NULL;
	}
	return a;
}

int pt_store_asset_insert(portal_id *out, portal *p, const portal_asset *a)
{
	static const char sql[] =
		"INSERT INTO assets (client_id, kind, category, make, model, serial, vin, year,"
		" acquired_on, notes, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, a->client_id);
	pt_bind_int(st, 2, (int)a->kind);
	pt_bind_text(st, 3, a->category);
	pt_bind_text(st, 4, a->make);
	pt_bind_text(st, 5, a->model);
	pt_bind_text(st, 6, a->serial);
	pt_bind_text(st, 7, a->vin);
	pt_bind_int(st, 8, a->year);
	pt_bind_text(st, 9, a->acquired_on);
	pt_bind_text(st, 10, a->notes);
	pt_bind_int64(st, 11, portal_now(p));
	return pt_store_insert(out, p, st, "adding an asset");
}

int pt_store_asset_get(portal_asset **out, portal *p, portal_id id)
{
	static const char sql[] = "SELECT " ASSET_COLUMNS " FROM assets WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	PT_STORE_ONE(p, st, out, asset_from_row, "asset", id, err);
	return err;
}

int pt_store_asset_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_asset *a, void *ctx), void *ctx)
{
	/* One client's rows through their index (sql.h). */
	static const char sql_all[] =
		"SELECT " ASSET_COLUMNS " FROM assets ORDER BY id";
	static const char sql_client[] =
		"SELECT " ASSET_COLUMNS " FROM assets WHERE client_id = ?1 ORDER BY id";
	pt_stmt *st = pt_stmt_client(p, client_id, sql_client, sql_all, NULL);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	PT_STORE_WALK(p, st, portal_asset, asset_from_row, portal_asset_free, cb, ctx,
		"listing assets", err);
	pt_stmt_done(st);
	return err;
}

static portal_tech *tech_from_row(pt_stmt *st)
{
	portal_tech *t = calloc(1, sizeof(*t));

	if (t == NULL)
		return NULL;
	t->id = pt_col_int64(st, 0);
	t->name = pt_col_strdup(st, 1);
	t->phone = pt_col_strdup(st, 2);
	t->active = pt_col_int(st, 3);
	if (!t->name || !t->phone) {
		portal_tech_free(t);
		return NULL;
	}
	return t;
}

int pt_store_tech_insert(portal_id *out, portal *p, const portal_tech *t)
{
	static const char sql[] =
		"INSERT INTO technicians (name, phone, active, created_at) VALUES (?1, ?2, ?3, ?4)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, t->name);
	pt_bind_text(st, 2, t->phone);
	pt_bind_int(st, 3, t->active);
	pt_bind_int64(st, 4, portal_now(p));
	return pt_store_insert(out, p, st, "adding a technician");
}

int pt_store_tech_set_active(portal *p, portal_id id, int active)
{
	static const char sql[] = "UPDATE technicians SET active = ?2 WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int(st, 2, active);
	if ((err = pt_store_exec(p, st, "updating a technician")) == 0 &&
	    pt_store_changes(p) == 0)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no technician #%lld", (long long)id);
	return err;
}

int pt_store_tech_get(portal_tech **out, portal *p, portal_id id)
{
	static const char sql[] = "SELECT id, name, phone, active FROM technicians WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	PT_STORE_ONE(p, st, out, tech_from_row, "technician", id, err);
	return err;
}

int pt_store_tech_foreach(portal *p, int (*cb)(const portal_tech *t, void *ctx), void *ctx)
{
	static const char sql[] =
		"SELECT id, name, phone, active FROM technicians"
		" ORDER BY " PT_SQL_FOLD("name") ", id";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	PT_STORE_WALK(p, st, portal_tech, tech_from_row, portal_tech_free, cb, ctx,
		"listing technicians", err);
	pt_stmt_done(st);
	return err;
}
