/* SPDX-License-Identifier: MIT */
/*
 * store_notify.c - storage of notifications.
 */
#include "sql.h"
#include "store_notify.h"

int pt_store_notification_insert(portal *p, const portal_notification *n)
{
	static const char sql[] =
		"INSERT INTO notifications (client_id, at, kind, subject_id, text)"
		" VALUES (?1, ?2, ?3, ?4, ?5)";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, n->client_id);
	pt_bind_int64(st, 2, n->at);
	pt_bind_text(st, 3, n->kind);
	if (n->subject_id)
		pt_bind_int64(st, 4, n->subject_id);
	else
		pt_bind_null(st, 4);
	pt_bind_text(st, 5, n->text);
	return pt_store_exec(p, st, "writing a notification");
}

int pt_store_notification_foreach(portal *p, portal_id client_id, int unread_only,
	int limit, int (*cb)(const portal_notification *n, void *ctx), void *ctx)
{
	static const char sql[] =
		"SELECT id, client_id, at, kind, coalesce(subject_id, 0), text, coalesce(read_at, 0)"
		" FROM notifications WHERE client_id = ?1 AND (?2 = 0 OR read_at IS NULL)"
		" ORDER BY id DESC LIMIT ?3";
	pt_stmt *st = pt_stmt_get(p, sql);
	portal_notification n;
	int rc = PT_DONE, err = 0;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_int(st, 2, unread_only);
	pt_bind_int64(st, 3, limit > 0 ? limit : PT_ALL_ROWS);
	while (err == 0 && (rc = pt_step(st)) == PT_ROW) {
		n.id = pt_col_int64(st, 0);
		n.client_id = pt_col_int64(st, 1);
		n.at = pt_col_int64(st, 2);
		n.kind = pt_col_text(st, 3);
		n.subject_id = pt_col_int64(st, 4);
		n.text = pt_col_text(st, 5);
		n.read_at = pt_col_int64(st, 6);
		err = (n.kind && n.text) ? cb(&n, ctx) : pt_oom(p);
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading notifications");
	pt_stmt_done(st);
	return err;
}

int pt_store_notification_unread(int64_t *count, portal *p, portal_id client_id)
{
	static const char sql[] =
		"SELECT count(*) FROM notifications WHERE client_id = ?1 AND read_at IS NULL";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	if (pt_step(st) == PT_ROW)
		*count = pt_col_int64(st, 0);
	else
		err = pt_store_fail(p, "counting notifications");
	pt_stmt_done(st);
	return err;
}

int pt_store_notification_mark_read(portal *p, portal_id client_id, portal_id up_to,
	portal_time at)
{
	static const char sql[] =
		"UPDATE notifications SET read_at = ?3"
		" WHERE client_id = ?1 AND read_at IS NULL AND (?2 = 0 OR id <= ?2)";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_int64(st, 2, up_to);
	pt_bind_int64(st, 3, at);
	return pt_store_exec(p, st, "marking notifications read");
}

/* The job a notification's record belongs to, by the kind of record its
 * subject is. Kinds this does not know belong to no job. The visit's
 * kinds are told by their prefix through substr(), not LIKE, which
 * ignores case in SQLite and not in PostgreSQL. */
#define NOTIFICATION_JOB \
	"CASE WHEN kind = 'job.status' THEN subject_id" \
	" WHEN kind = 'estimate.sent' THEN (SELECT job_id FROM estimates WHERE id = subject_id)" \
	" WHEN kind = 'invoice.issued' THEN (SELECT job_id FROM invoices WHERE id = subject_id)" \
	" WHEN kind = 'payment.recorded' THEN (SELECT i.job_id FROM payments y" \
	"   JOIN invoices i ON i.id = y.invoice_id WHERE y.id = subject_id)" \
	" WHEN substr(kind, 1, 12) = 'appointment.' OR kind = 'tech.en_route'" \
	"   THEN (SELECT job_id FROM appointments WHERE id = subject_id)" \
	" WHEN kind = 'request.resolved' THEN (SELECT job_id FROM requests WHERE id = subject_id)" \
	" END"

int pt_store_notification_foreach_job(portal *p, portal_id client_id, portal_id job_id,
	int limit, int (*cb)(const portal_notification *n, void *ctx), void *ctx)
{
	static const char sql[] =
		"SELECT id, client_id, at, kind, coalesce(subject_id, 0), text, coalesce(read_at, 0)"
		" FROM notifications WHERE client_id = ?1 AND " NOTIFICATION_JOB " = ?2"
		" ORDER BY id DESC LIMIT ?3";
	pt_stmt *st = pt_stmt_get(p, sql);
	portal_notification n;
	int rc = PT_DONE, err = 0;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_int64(st, 2, job_id);
	pt_bind_int64(st, 3, limit > 0 ? limit : PT_ALL_ROWS);
	while (err == 0 && (rc = pt_step(st)) == PT_ROW) {
		n.id = pt_col_int64(st, 0);
		n.client_id = pt_col_int64(st, 1);
		n.at = pt_col_int64(st, 2);
		n.kind = pt_col_text(st, 3);
		n.subject_id = pt_col_int64(st, 4);
		n.text = pt_col_text(st, 5);
		n.read_at = pt_col_int64(st, 6);
		err = (n.kind && n.text) ? cb(&n, ctx) : pt_oom(p);
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading notifications");
	pt_stmt_done(st);
	return err;
}

int pt_store_notification_unread_job(int64_t *count, portal *p, portal_id client_id,
	portal_id job_id)
{
	static const char sql[] =
		"SELECT count(*) FROM notifications WHERE client_id = ?1 AND read_at IS NULL"
		" AND " NOTIFICATION_JOB " = ?2";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_int64(st, 2, job_id);
	if (pt_step(st) == PT_ROW)
		*count = pt_col_int64(st, 0);
	else
		err = pt_store_fail(p, "counting notifications");
	pt_stmt_done(st);
	return err;
}
