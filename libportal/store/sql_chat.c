/* SPDX-License-Identifier: MIT */
/*
 * store_chat.c - storage of chat messages and client requests.
 */
#include "sql.h"
#include "store_chat.h"

#include <stdlib.h>
#include <string.h>

/* ---- chat ---------------------------------------------------------- */

int pt_store_chat_insert(portal_id *out, portal *p, portal_id client_id, int from_shop,
	const char *body, portal_time at)
{
	static const char sql[] =
		"INSERT INTO chat_messages (client_id, at, from_shop, body) VALUES (?1, ?2, ?3, ?4)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_int64(st, 2, at);
	pt_bind_int(st, 3, from_shop);
	pt_bind_text(st, 4, body);
	return pt_store_insert(out, p, st, "writing a chat message");
}

int pt_store_chat_foreach(portal *p, portal_id client_id, portal_id since_id,
	int (*cb)(const portal_chat_message *m, void *ctx), void *ctx)
{
	static const char sql[] =
		"SELECT id, client_id, at, from_shop, body, coalesce(read_at, 0)"
		" FROM chat_messages WHERE client_id = ?1 AND id > ?2 ORDER BY id";
	pt_stmt *st = pt_stmt_get(p, sql);
	portal_chat_message m;
	int rc = PT_DONE, err = 0;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_int64(st, 2, since_id);
	while (err == 0 && (rc = pt_step(st)) == PT_ROW) {
		m.id = pt_col_int64(st, 0);
		m.client_id = pt_col_int64(st, 1);
		m.at = pt_col_int64(st, 2);
		m.from_shop = pt_col_int(st, 3);
		m.body = pt_col_text(st, 4);
		m.read_at = pt_col_int64(st, 5);
		err = m.body ? cb(&m, ctx) : pt_oom(p);
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading chat messages");
	pt_stmt_done(st);
	return err;
}

int pt_store_chat_unread(int64_t *count, portal *p, portal_id client_id, int from_shop)
{
	/* One client's rows through their index (sql.h). */
	static const char sql_all[] =
		"SELECT count(*) FROM chat_messages WHERE from_shop = ?1 AND read_at IS NULL";
	static const char sql_client[] =
		"SELECT count(*) FROM chat_messages"
		" WHERE client_id = ?1 AND from_shop = ?2 AND read_at IS NULL";
	pt_stmt *st;
	int n, err = PORTAL_OK;

	if ((st = pt_stmt_client(p, client_id, sql_client, sql_all, &n)) == NULL)
		return PORTAL_ESTORE;
	pt_bind_int(st, n, from_shop);
	if (pt_step(st) == PT_ROW)
		*count = pt_col_int64(st, 0);
	else
		err = pt_store_fail(p, "counting unread chat messages");
	pt_stmt_done(st);
	return err;
}

int pt_store_chat_mark_read(portal *p, portal_id client_id, int from_shop,
	portal_id up_to, portal_time at)
{
	static const char sql[] =
		"UPDATE chat_messages SET read_at = ?4 WHERE client_id = ?1 AND from_shop = ?2"
		" AND read_at IS NULL AND (?3 = 0 OR id <= ?3)";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_int(st, 2, from_shop);
	pt_bind_int64(st, 3, up_to);
	pt_bind_int64(st, 4, at);
	return pt_store_exec(p, st, "marking chat messages read");
}

int pt_store_chat_conversation_foreach(portal *p, int unread_only,
	int (*cb)(const portal_chat_conversation *c, void *ctx), void *ctx)
{
	/* A condition is counted through CASE rather than summed: PostgreSQL
	 * has no sum() of a truth value. The client's name is grouped by too,
	 * as PostgreSQL wants of every column outside an aggregate; the
	 * client decides it, so the groups are the same. */
	static const char sql[] =
		"SELECT m.client_id, c.name, count(*),"
		"  count(CASE WHEN m.from_shop = 0 AND m.read_at IS NULL THEN 1 END),"
		"  max(m.at), max(m.id) AS last_id"
		" FROM chat_messages m JOIN clients c ON c.id = m.client_id"
		" GROUP BY m.client_id, c.name"
		" HAVING ?1 = 0"
		"  OR count(CASE WHEN m.from_shop = 0 AND m.read_at IS NULL THEN 1 END) > 0"
		" ORDER BY last_id DESC";
	pt_stmt *st = pt_stmt_get(p, sql);
	portal_chat_conversation c;
	int rc = PT_DONE, err = 0;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int(st, 1, unread_only);
	while (err == 0 && (rc = pt_step(st)) == PT_ROW) {
		c.client_id = pt_col_int64(st, 0);
		c.client_name = pt_col_text(st, 1);
		c.messages = pt_col_int64(st, 2);
		c.unread = pt_col_int64(st, 3);
		c.last_at = pt_col_int64(st, 4);
		err = c.client_name ? cb(&c, ctx) : pt_oom(p);
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading conversations");
	pt_stmt_done(st);
	return err;
}

/* ---- requests ------------------------------------------------------ */

/* Kinds and statuses are stored as their names, so the table reads
 * plainly; an unknown name reads as 0 and is refused by the caller. */
static portal_request_kind kind_from_text(const char *s)
{
	for (int k = PORTAL_REQUEST_PROFILE; k <= PORTAL_REQUEST_ESTIMATE; k++)
		if (s && strcmp(s, portal_request_kind_name((portal_request_kind)k)) == 0)
			return (portal_request_kind)k;
	return (portal_request_kind)0;
}

static portal_request_status status_from_text(const char *s)
{
	for (int k = PORTAL_REQUEST_OPEN; k <= PORTAL_REQUEST_REJECTED; k++)
		if (s && strcmp(s, portal_request_status_name((portal_request_status)k)) == 0)
			return (portal_request_status)k;
	return (portal_request_status)0;
}

#define REQUEST_COLUMNS \
	"id, client_id, kind, content, coalesce(job_id, 0), status, created_at," \
	" coalesce(resolved_at, 0), resolution, coalesce(appointment_id, 0)"

static portal_request *request_from_row(pt_stmt *st)
{
	portal_request *r = calloc(1, sizeof(*r));

	if (r == NULL)
		return NULL;
	r->id = pt_col_int64(st, 0);
	r->client_id = pt_col_int64(st, 1);
	r->kind = kind_from_text(pt_col_text(st, 2));
	r->content = pt_col_strdup(st, 3);
	r->job_id = pt_col_int64(st, 4);
	r->status = status_from_text(pt_col_text(st, 5));
	r->created_at = pt_col_int64(st, 6);
	r->resolved_at = pt_col_int64(st, 7);
	r->resolution = pt_col_strdup(st, 8);
	r->appointment_id = pt_col_int64(st, 9);
	r->summary = pt_strdup("");
	if (r->content == NULL || r->resolution == NULL || r->summary == NULL) {
		portal_request_free(r);
		return NULL;
	}
	return r;
}

int pt_store_request_insert(portal_id *out, portal *p, const portal_request *r)
{
	static const char sql[] =
		"INSERT INTO requests (client_id, kind, content, job_id, status, created_at)"
		" VALUES (?1, ?2, ?3, ?4, 'open', ?5)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, r->client_id);
	pt_bind_text(st, 2, portal_request_kind_name(r->kind));
	pt_bind_text(st, 3, r->content);
	if (r->job_id)
		pt_bind_int64(st, 4, r->job_id);
	else
		pt_bind_null(st, 4);
	pt_bind_int64(st, 5, r->created_at);
	return pt_store_insert(out, p, st, "writing a request");
}

int pt_store_request_get(portal_request **out, portal *p, portal_id id)
{
	static const char sql[] = "SELECT " REQUEST_COLUMNS " FROM requests WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	PT_STORE_ONE(p, st, out, request_from_row, "request", id, err);
	return err;
}

int pt_store_request_foreach(portal *p, const portal_request_filter *filter,
	int (*cb)(const portal_request *r, void *ctx), void *ctx)
{
	/* One client's rows through their index (sql.h); the shop's open
	 * ones through the index of statuses. */
	static const char sql_all[] = "SELECT " REQUEST_COLUMNS " FROM requests ORDER BY id";
	static const char sql_open[] =
		"SELECT " REQUEST_COLUMNS " FROM requests WHERE status = 'open' ORDER BY id";
	static const char sql_client[] =
		"SELECT " REQUEST_COLUMNS " FROM requests"
		" WHERE client_id = ?1 AND (?2 = 0 OR status = 'open') ORDER BY id";
	pt_stmt *st = pt_stmt_get(p, filter->client_id ? sql_client :
		filter->open_only ? sql_open : sql_all);
	int err = 0;

	if (st == NULL)
		return PORTAL_ESTORE;
	if (filter->client_id) {
		pt_bind_int64(st, 1, filter->client_id);
		pt_bind_int(st, 2, filter->open_only != 0);
	}
	PT_STORE_WALK(p, st, portal_request, request_from_row, portal_request_free, cb, ctx,
		"reading requests", err);
	pt_stmt_done(st);
	return err;
}

int pt_store_request_resolve(portal *p, portal_id id, portal_request_status status,
	const char *resolution, portal_id appointment_id, portal_time at)
{
	static const char sql[] =
		"UPDATE requests SET status = ?2, resolution = ?3, appointment_id = ?4,"
		" resolved_at = ?5 WHERE id = ?1 AND status = 'open'";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_text(st, 2, portal_request_status_name(status));
	pt_bind_text(st, 3, resolution);
	if (appointment_id)
		pt_bind_int64(st, 4, appointment_id);
	else
		pt_bind_null(st, 4);
	pt_bind_int64(st, 5, at);
	if ((err = pt_store_exec(p, st, "resolving a request")) < 0)
		return err;
	if (pt_store_changes(p) != 1)
		return pt_error(p, PORTAL_ERULE, NULL, "request #%lld is resolved already",
			(long long)id);
	return PORTAL_OK;
}

