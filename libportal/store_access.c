/*
 * store_access.c - storage of the client's switches, links, sessions,
 * failed lookups and their locks.
 */
#include "store_access.h"

#include <stdlib.h>

int pt_store_client_hidden_sections(char **out, portal *p, portal_id client_id)
{
	static const char sql[] = "SELECT hidden_sections FROM clients WHERE id = ?1";
	sqlite3_stmt *st = pt_stmt(p, sql);
	int rc, err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	sqlite3_bind_int64(st, 1, client_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		err = (*out = pt_col_strdup(st, 0)) ? PORTAL_OK : pt_oom(p);
	else if (rc == SQLITE_DONE)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no client #%lld", (long long)client_id);
	else
		err = pt_store_fail(p, "reading the client's sections");
	pt_stmt_done(st);
	return err;
}

int pt_store_client_set_hidden_sections(portal *p, portal_id client_id, const char *hidden)
{
	static const char sql[] = "UPDATE clients SET hidden_sections = ?2 WHERE id = ?1";
	sqlite3_stmt *st = pt_stmt(p, sql);
	int err;

	if (st == NULL)
		return PORTAL_ESTORE;
	sqlite3_bind_int64(st, 1, client_id);
	pt_bind_text(st, 2, hidden);
	if ((err = pt_store_exec(p, st, "changing the client's sections")) == 0 &&
	    sqlite3_changes(p->db) == 0)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no client #%lld", (long long)client_id);
	return err;
}
