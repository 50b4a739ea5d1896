/* SPDX-License-Identifier: MIT */
/*
 * store_audit.c - storage of the audit log.
 */
#include "sql.h"
#include "store_audit.h"

int pt_store_audit_insert(portal *p, const portal_audit_entry *e)
{
	static const char sql[] =
		"INSERT INTO audit_log (at, source_addr, client_id, event, outcome, detail)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, e->at);
	pt_bind_text(st, 2, e->source);
	if (e->client_id)
		pt_bind_int64(st, 3, e->client_id);
	else
		pt_bind_null(st, 3);
	pt_bind_text(st, 4, e->event);
	pt_bind_text(st, 5, e->outcome);
	pt_bind_text(st, 6, e->detail);
	return pt_store_exec(p, st, "writing the audit log");
}

/* The newest `limit` entries (all when the limit is 0), given oldest first;
 * one client's through their index (sql.h). */
int pt_store_audit_foreach(portal *p, const portal_audit_filter *f,
	int (*cb)(const portal_audit_entry *e, void *ctx), void *ctx)
{
	static const char sql_all[] =
		"SELECT id, at, source_addr, coalesce(client_id, 0), event, outcome, detail"
		" FROM (SELECT * FROM audit_log WHERE at >= ?1"
		"  ORDER BY at DESC, id DESC LIMIT ?2) AS recent"
		" ORDER BY at, id";
	static const char sql_client[] =
		"SELECT id, at, source_addr, coalesce(client_id, 0), event, outcome, detail"
		" FROM (SELECT * FROM audit_log WHERE client_id = ?1 AND at >= ?2"
		"  ORDER BY at DESC, id DESC LIMIT ?3) AS recent"
		" ORDER BY at, id";
	pt_stmt *st;
	portal_audit_entry e;
	int n, rc = PT_DONE, err = 0;

	if ((st = pt_stmt_client(p, f->client_id, sql_client, sql_all, &n)) == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, n++, f->since);
	pt_bind_int64(st, n, f->limit > 0 ? f->limit : PT_ALL_ROWS);
	while (err == 0 && (rc = pt_step(st)) == PT_ROW) {
		e.id = pt_col_int64(st, 0);
		e.at = pt_col_int64(st, 1);
		e.source = pt_col_text(st, 2);
		e.client_id = pt_col_int64(st, 3);
		e.event = pt_col_text(st, 4);
		e.outcome = pt_col_text(st, 5);
		e.detail = pt_col_text(st, 6);
		if (!e.source || !e.event || !e.outcome || !e.detail)
			err = pt_oom(p);
		else
			err = cb(&e, ctx);
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading the audit log");
	pt_stmt_done(st);
	return err;
}

int pt_store_audit_any(int *any, portal *p, portal_id client_id, const char *event)
{
	static const char sql[] =
		"SELECT 1 FROM audit_log WHERE client_id = ?1 AND event = ?2 LIMIT 1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc;

	*any = 0;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_text(st, 2, event);
	rc = pt_step(st);
	*any = rc == PT_ROW;
	pt_stmt_done(st);
	return rc == PT_ROW || rc == PT_DONE ? PORTAL_OK : pt_store_fail(p, "reading the audit log");
}

int pt_store_audit_count_source(int64_t *count, portal_time *oldest, portal *p,
	const char *event, const char *source, portal_time since)
{
	/* What the source asked for, refused or not, but for the refusals
	 * themselves: a limit ends on its own, however often it is met. */
	static const char sql[] =
		"SELECT count(*), coalesce(min(at), 0) FROM audit_log"
		" WHERE at >= ?3 AND event = ?1 AND source_addr = ?2 AND outcome <> 'refused'";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err = PORTAL_OK;

	*count = 0;
	*oldest = 0;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, event);
	pt_bind_text(st, 2, source);
	pt_bind_int64(st, 3, since);
	if ((rc = pt_step(st)) == PT_ROW) {
		*count = pt_col_int64(st, 0);
		*oldest = pt_col_int64(st, 1);
	} else {
		err = pt_store_fail(p, "counting the audit log");
	}
	pt_stmt_done(st);
	return err;
}

int pt_store_audit_count_client(int64_t *count, portal *p, portal_id client_id,
	const char *event, const char *outcome, portal_time since)
{
	static const char sql[] =
		"SELECT count(*) FROM audit_log"
		" WHERE client_id = ?1 AND at >= ?4 AND event = ?2 AND outcome = ?3";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err = PORTAL_OK;

	*count = 0;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_text(st, 2, event);
	pt_bind_text(st, 3, outcome);
	pt_bind_int64(st, 4, since);
	if ((rc = pt_step(st)) == PT_ROW)
		*count = pt_col_int64(st, 0);
	else
		err = pt_store_fail(p, "counting the audit log");
	pt_stmt_done(st);
	return err;
}
