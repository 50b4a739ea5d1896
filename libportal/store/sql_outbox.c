/* SPDX-License-Identifier: MIT */
/*
 * store_outbox.c - storage of the outbox, chat message bodies and SMS
 * consent.
 */
#include "sql.h"
#include "store_outbox.h"

#include <stdlib.h>

#define OUTBOX_COLUMNS \
	"id, coalesce(client_id, 0), channel, kind, coalesce(subject_id, 0), recipient," \
	" message, segments, status, created_at, not_before, attempts, last_error," \
	" coalesce(delivered_at, 0)"

static portal_outbox_message *outbox_from_row(pt_stmt *st)
{
	portal_outbox_message *m = calloc(1, sizeof(*m));

	if (m == NULL)
		return NULL;
	m->id = pt_col_int64(st, 0);
	m->client_id = pt_col_int64(st, 1);
	m->channel = pt_col_strdup(st, 2);
	m->kind = pt_col_strdup(st, 3);
	m->subject_id = pt_col_int64(st, 4);
	m->recipient = pt_col_strdup(st, 5);
	m->message = pt_col_strdup(st, 6);
	m->segments = pt_col_int(st, 7);
	m->status = (portal_outbox_status)pt_col_int(st, 8);
	m->created_at = pt_col_int64(st, 9);
	m->not_before = pt_col_int64(st, 10);
	m->attempts = pt_col_int(st, 11);
	m->last_error = pt_col_strdup(st, 12);
	m->delivered_at = pt_col_int64(st, 13);
	if (!m->channel || !m->kind || !m->recipient || !m->message || !m->last_error) {
		portal_outbox_message_free(m);
		return NULL;
	}
	return m;
}

static void bind_id_or_null(pt_stmt *st, int i, portal_id id)
{
	if (id)
		pt_bind_int64(st, i, id);
	else
		pt_bind_null(st, i);
}

int pt_store_outbox_insert(portal_id *out, portal *p, const portal_outbox_message *m)
{
	static const char sql[] =
		"INSERT INTO outbox (client_id, channel, kind, subject_id, recipient, message,"
		" segments, created_at, not_before) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	bind_id_or_null(st, 1, m->client_id);
	pt_bind_text(st, 2, m->channel);
	pt_bind_text(st, 3, m->kind);
	bind_id_or_null(st, 4, m->subject_id);
	pt_bind_text(st, 5, m->recipient);
	pt_bind_text(st, 6, m->message);
	pt_bind_int(st, 7, m->segments);
	pt_bind_int64(st, 8, m->created_at);
	pt_bind_int64(st, 9, m->not_before);
	return pt_store_insert(out, p, st, "queueing a message");
}

int pt_store_outbox_get(portal_outbox_message **out, portal *p, portal_id id)
{
	static const char sql[] = "SELECT " OUTBOX_COLUMNS " FROM outbox WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	PT_STORE_ONE(p, st, out, outbox_from_row, "message", id, err);
	return err;
}

int pt_store_outbox_foreach(portal *p, portal_outbox_filter filter,
	int (*cb)(const portal_outbox_message *m, void *ctx), void *ctx)
{
	/* ?1: 0 all, 1 pending, 2 failed or skipped. */
	static const char sql[] =
		"SELECT " OUTBOX_COLUMNS " FROM outbox"
		" WHERE ?1 = 0 OR (?1 = 1 AND status = 1) OR (?1 = 2 AND status IN (3, 4))"
		" ORDER BY id DESC";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err = 0;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int(st, 1, (int)filter);
	PT_STORE_WALK(p, st, portal_outbox_message, outbox_from_row, portal_outbox_message_free,
		cb, ctx, "reading the outbox", err);
	pt_stmt_done(st);
	return err;
}

int pt_store_outbox_due(portal_id **ids, size_t *n, portal *p, portal_time now)
{
	static const char sql[] =
		"SELECT id FROM outbox WHERE status = 1 AND not_before <= ?1"
		" ORDER BY not_before, id";
	pt_stmt *st = pt_stmt_get(p, sql);
	portal_id *v = NULL, *grown;
	size_t len = 0, cap = 0;
	int rc, err = 0;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, now);
	while ((rc = pt_step(st)) == PT_ROW) {
		if (len == cap) {
			cap = cap ? cap * 2 : 16;
			if ((grown = realloc(v, cap * sizeof(*v))) == NULL) {
				err = pt_oom(p);
				break;
			}
			v = grown;
		}
		v[len++] = pt_col_int64(st, 0);
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading the messages due");
	pt_stmt_done(st);
	if (err < 0) {
		free(v);
		return err;
	}
	*ids = v;
	*n = len;
	return PORTAL_OK;
}

int pt_store_outbox_exists(int *out, portal *p, const char *kind, portal_id subject_id)
{
	/* 1 or 0, not the truth value of EXISTS: PostgreSQL gives that as a
	 * boolean, which is no integer column. */
	static const char sql[] =
		"SELECT CASE WHEN EXISTS (SELECT 1 FROM outbox WHERE kind = ?1 AND subject_id = ?2)"
		" THEN 1 ELSE 0 END";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, kind);
	pt_bind_int64(st, 2, subject_id);
	if (pt_step(st) == PT_ROW)
		*out = pt_col_int(st, 0);
	else
		err = pt_store_fail(p, "reading the outbox");
	pt_stmt_done(st);
	return err;
}

int pt_store_outbox_delivered(portal *p, portal_id id, portal_time at)
{
	static const char sql[] =
		"UPDATE outbox SET status = 2, delivered_at = ?2 WHERE id = ?1 AND status = 1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int64(st, 2, at);
	return pt_store_exec(p, st, "marking a message delivered");
}

int pt_store_outbox_failed(portal *p, portal_id id, const char *error,
	portal_time retry_at, int give_up)
{
	static const char sql[] =
		"UPDATE outbox SET attempts = attempts + 1, last_error = ?2, not_before = ?3,"
		" status = CASE WHEN ?4 = 1 THEN 3 ELSE 1 END WHERE id = ?1 AND status = 1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_text(st, 2, error);
	pt_bind_int64(st, 3, retry_at);
	pt_bind_int(st, 4, give_up != 0);
	return pt_store_exec(p, st, "recording a failed delivery");
}

int pt_store_outbox_set_message(portal *p, portal_id id, const char *message)
{
	static const char sql[] = "UPDATE outbox SET message = ?2 WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_text(st, 2, message);
	return pt_store_exec(p, st, "rewriting a message");
}

int pt_store_outbox_hold(portal *p, portal_id id, portal_time until)
{
	static const char sql[] =
		"UPDATE outbox SET not_before = ?2 WHERE id = ?1 AND status = 1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int64(st, 2, until);
	return pt_store_exec(p, st, "holding a message");
}

int pt_store_outbox_skip(portal *p, portal_id id, const char *reason)
{
	static const char sql[] =
		"UPDATE outbox SET status = 4, last_error = ?2 WHERE id = ?1 AND status = 1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_text(st, 2, reason);
	return pt_store_exec(p, st, "skipping a message");
}

int pt_store_chat_body(char **out, portal *p, portal_id client_id, portal_id message_id)
{
	static const char sql[] =
		"SELECT body FROM chat_messages WHERE id = ?1 AND client_id = ?2";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, message_id);
	pt_bind_int64(st, 2, client_id);
	if ((rc = pt_step(st)) == PT_ROW)
		err = (*out = pt_col_strdup(st, 0)) ? PORTAL_OK : pt_oom(p);
	else if (rc == PT_DONE)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no chat message #%lld of client #%lld",
			(long long)message_id, (long long)client_id);
	else
		err = pt_store_fail(p, "reading a chat message");
	pt_stmt_done(st);
	return err;
}

int pt_store_client_by_phone(portal_id *out, portal *p, const char *phone)
{
	static const char sql[] =
		"SELECT id FROM clients WHERE phone = ?1 ORDER BY id LIMIT 1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, phone);
	*out = 0;
	if ((rc = pt_step(st)) == PT_ROW)
		*out = pt_col_int64(st, 0);
	else if (rc != PT_DONE)
		err = pt_store_fail(p, "finding a client by phone");
	pt_stmt_done(st);
	return err;
}

int pt_store_sms_consent_by_phone(portal *p, const char *phone, int on, portal_time at)
{
	static const char sql[] =
		"UPDATE clients SET sms_consent = ?2, sms_consent_at = ?3 WHERE phone = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, phone);
	pt_bind_int(st, 2, on != 0);
	pt_bind_int64(st, 3, at);
	return pt_store_exec(p, st, "changing SMS consent");
}

int pt_store_sms_consent_set(portal *p, portal_id client_id, int on, portal_time at)
{
	static const char sql[] =
		"UPDATE clients SET sms_consent = ?2, sms_consent_at = ?3 WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_int(st, 2, on != 0);
	pt_bind_int64(st, 3, at);
	return pt_store_exec(p, st, "changing SMS consent");
}
