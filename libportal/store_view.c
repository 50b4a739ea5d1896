/*
 * store_view.c - storage queries of the customer's views.
 */
#include "store_view.h"

int pt_store_notifications_unread(int64_t *out, portal *p, portal_id client_id,
	portal_id job_id)
{
	static const char sql[] =
		"SELECT count(*) FROM notifications"
		" WHERE client_id = ?1 AND read_at IS NULL"
		"  AND (?2 = 0 OR (kind = 'job.status' AND subject_id = ?2))";
	sqlite3_stmt *st = pt_stmt(p, sql);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	sqlite3_bind_int64(st, 1, client_id);
	sqlite3_bind_int64(st, 2, job_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		err = pt_store_fail(p, "counting unread notifications");
	pt_stmt_done(st);
	return err;
}
