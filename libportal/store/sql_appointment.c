/* SPDX-License-Identifier: MIT */
/*
 * store_appointment.c - storage of appointments.
 */
#include "sql.h"
#include "store_appointment.h"

#include <stdlib.h>

#define APPOINTMENT_COLUMNS \
	"id, client_id, job_id, address_id, technician_id, window_start, window_end," \
	" status, status_at, cancelled_at, door_code, notes, fee_invoice_id"

static portal_appointment *appointment_from_row(pt_stmt *st)
{
	portal_appointment *a = calloc(1, sizeof(*a));

	if (a == NULL)
		return NULL;
	a->id = pt_col_int64(st, 0);
	a->client_id = pt_col_int64(st, 1);
	a->job_id = pt_col_int64(st, 2);
	a->address_id = pt_col_int64(st, 3);
	a->technician_id = pt_col_int64(st, 4);
	a->window_start = pt_col_int64(st, 5);
	a->window_end = pt_col_int64(st, 6);
	a->status = (portal_appointment_status)pt_col_int(st, 7);
	a->status_at = pt_col_int64(st, 8);
	a->cancelled_at = pt_col_int64(st, 9);
	a->door_code = pt_col_strdup(st, 10);
	a->notes = pt_col_strdup(st, 11);
	a->fee_invoice_id = pt_col_int64(st, 12);
	if (a->door_code == NULL || a->notes == NULL) {
		portal_appointment_free(a);
		return NULL;
	}
	return a;
}

/* Optional links and times are NULL in the table, 0 in the records. */
static void bind_or_null(pt_stmt *st, int i, int64_t v)
{
	if (v)
		pt_bind_int64(st, i, v);
	else
		pt_bind_null(st, i);
}

int pt_store_appointment_insert(portal_id *out, portal *p, const portal_appointment *a)
{
	static const char sql[] =
		"INSERT INTO appointments (client_id, job_id, address_id, technician_id,"
		" window_start, window_end, status, door_code, status_at, notes, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?9)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, a->client_id);
	bind_or_null(st, 2, a->job_id);
	bind_or_null(st, 3, a->address_id);
	bind_or_null(st, 4, a->technician_id);
	pt_bind_int64(st, 5, a->window_start);
	pt_bind_int64(st, 6, a->window_end);
	pt_bind_int(st, 7, (int)a->status);
	pt_bind_text(st, 8, a->door_code);
	pt_bind_int64(st, 9, portal_now(p));
	pt_bind_text(st, 10, a->notes);
	return pt_store_insert(out, p, st, "adding an appointment");
}

int pt_store_appointment_get(portal_appointment **out, portal *p, portal_id id)
{
	static const char sql[] =
		"SELECT " APPOINTMENT_COLUMNS " FROM appointments WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	PT_STORE_ONE(p, st, out, appointment_from_row, "appointment", id, err);
	return err;
}

int pt_store_appointment_set_technician(portal *p, portal_id id, portal_id tech_id)
{
	static const char sql[] = "UPDATE appointments SET technician_id = ?2 WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	bind_or_null(st, 2, tech_id);
	return pt_store_exec(p, st, "assigning a technician");
}

int pt_store_appointment_set_status(portal *p, portal_id id,
	portal_appointment_status status, portal_time at, portal_time cancelled_at,
	portal_id fee_invoice_id)
{
	static const char sql[] =
		"UPDATE appointments SET status = ?2, status_at = ?3, cancelled_at = ?4,"
		" fee_invoice_id = ?5 WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int(st, 2, (int)status);
	pt_bind_int64(st, 3, at);
	bind_or_null(st, 4, cancelled_at);
	bind_or_null(st, 5, fee_invoice_id);
	return pt_store_exec(p, st, "changing an appointment's status");
}

int pt_store_appointment_foreach(portal *p, const portal_appointment_filter *f,
	int (*cb)(const portal_appointment *a, void *ctx), void *ctx)
{
	/* A window overlaps [from, to) when it ends after `from` and starts
	 * before `to`; 0 leaves a bound open. */
	static const char sql_all[] =
		"SELECT " APPOINTMENT_COLUMNS " FROM appointments"
		" WHERE (?1 = 0 OR technician_id = ?1)"
		" AND (?2 = 0 OR window_end > ?2) AND (?3 = 0 OR window_start < ?3)"
		" ORDER BY window_start, id";
	/* One client's rows through their index (sql.h). */
	static const char sql_client[] =
		"SELECT " APPOINTMENT_COLUMNS " FROM appointments"
		" WHERE client_id = ?1 AND (?2 = 0 OR technician_id = ?2)"
		" AND (?3 = 0 OR window_end > ?3) AND (?4 = 0 OR window_start < ?4)"
		" ORDER BY window_start, id";
	static const portal_appointment_filter all = { 0, 0, 0, 0 };
	pt_stmt *st;
	int n, err = PORTAL_OK;

	if (f == NULL)
		f = &all;
	if ((st = pt_stmt_client(p, f->client_id, sql_client, sql_all, &n)) == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, n++, f->technician_id);
	pt_bind_int64(st, n++, f->from);
	pt_bind_int64(st, n, f->to);
	PT_STORE_WALK(p, st, portal_appointment, appointment_from_row, portal_appointment_free,
		cb, ctx, "listing appointments", err);
	pt_stmt_done(st);
	return err;
}
