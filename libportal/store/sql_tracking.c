/* SPDX-License-Identifier: MIT */
/*
 * store_tracking.c - storage of technicians' positions and dispatchers'
 * arrival times.
 */
#include "sql.h"
#include "store_tracking.h"

int pt_store_position_put(portal *p, const portal_tech_position *pos)
{
	/* The key of a conflict is the table's unique key, which on
	 * PostgreSQL begins with the shop (pg_schema.c). */
#define POSITION_PUT(key) \
		"INSERT INTO technician_positions (technician_id, latitude, longitude," \
		" accuracy_m, at) VALUES (?1, ?2, ?3, ?4, ?5)" \
		" ON CONFLICT (" key ") DO UPDATE SET latitude = excluded.latitude," \
		" longitude = excluded.longitude, accuracy_m = excluded.accuracy_m," \
		" at = excluded.at"
	static const char sql_sqlite[] = POSITION_PUT("technician_id");
	static const char sql_pg[] = POSITION_PUT("shop_id, technician_id");
	pt_stmt *st = pt_stmt_get(p, PT_SQL_DIALECT(p, sql_sqlite, sql_pg));

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, pos->technician_id);
	pt_bind_double(st, 2, pos->latitude);
	pt_bind_double(st, 3, pos->longitude);
	if (pos->accuracy_m >= 0)
		pt_bind_double(st, 4, pos->accuracy_m);
	else
		pt_bind_null(st, 4);
	pt_bind_int64(st, 5, pos->at);
	return pt_store_exec(p, st, "recording a technician's position");
}

int pt_store_position_get(portal_tech_position *out, portal *p, portal_id tech_id)
{
	static const char sql[] =
		"SELECT latitude, longitude, coalesce(accuracy_m, -1), at"
		" FROM technician_positions WHERE technician_id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, tech_id);
	rc = pt_step(st);
	if (rc == PT_ROW) {
		out->technician_id = tech_id;
		out->latitude = pt_col_double(st, 0);
		out->longitude = pt_col_double(st, 1);
		out->accuracy_m = pt_col_double(st, 2);
		out->at = pt_col_int64(st, 3);
	} else if (rc == PT_DONE) {
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no position of technician #%lld",
			(long long)tech_id);
	} else {
		err = pt_store_fail(p, "reading a technician's position");
	}
	pt_stmt_done(st);
	return err;
}

int pt_store_appointment_eta_get(portal_time *out, portal *p, portal_id id)
{
	static const char sql[] = "SELECT coalesce(eta_at, 0) FROM appointments WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	rc = pt_step(st);
	if (rc == PT_ROW)
		*out = pt_col_int64(st, 0);
	else if (rc == PT_DONE)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no appointment #%lld", (long long)id);
	else
		err = pt_store_fail(p, "reading an appointment's arrival time");
	pt_stmt_done(st);
	return err;
}

int pt_store_appointment_eta_set(portal *p, portal_id id, portal_time eta)
{
	static const char sql[] = "UPDATE appointments SET eta_at = ?2 WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	if (eta)
		pt_bind_int64(st, 2, eta);
	else
		pt_bind_null(st, 2);
	return pt_store_exec(p, st, "setting an appointment's arrival time");
}
