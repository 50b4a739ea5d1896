/* SPDX-License-Identifier: MIT */
/*
 * store_access.c - storage of the client's switches, links, sessions,
 * failed lookups and their locks.
 */
#include "sql.h"
#include "store_access.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pt_store_client_hidden_sections(char **out, portal *p, portal_id client_id)
{
	static const char sql[] = "SELECT hidden_sections FROM clients WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	rc = pt_step(st);
	if (rc == PT_ROW)
		err = (*out = pt_col_strdup(st, 0)) ? PORTAL_OK : pt_oom(p);
	else if (rc == PT_DONE)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no client #%lld", (long long)client_id);
	else
		err = pt_store_fail(p, "reading the client's sections");
	pt_stmt_done(st);
	return err;
}

int pt_store_client_set_hidden_sections(portal *p, portal_id client_id, const char *hidden)
{
	static const char sql[] = "UPDATE clients SET hidden_sections = ?2 WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_text(st, 2, hidden);
	if ((err = pt_store_exec(p, st, "changing the client's sections")) == 0 &&
	    pt_store_changes(p) == 0)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no client #%lld", (long long)client_id);
	return err;
}

int pt_store_client_access(int *enabled, portal *p, portal_id client_id)
{
	pt_stmt *st = pt_stmt_get(p, "SELECT portal_enabled FROM clients WHERE id = ?1");
	int rc, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	rc = pt_step(st);
	if (rc == PT_ROW)
		*enabled = pt_col_int(st, 0);
	else if (rc == PT_DONE)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no client #%lld", (long long)client_id);
	else
		err = pt_store_fail(p, "reading the client's access");
	pt_stmt_done(st);
	return err;
}

int pt_store_client_set_access(portal *p, portal_id client_id, int enabled)
{
	pt_stmt *st = pt_stmt_get(p, "UPDATE clients SET portal_enabled = ?2 WHERE id = ?1");
	int err;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_int(st, 2, enabled);
	if ((err = pt_store_exec(p, st, "changing the client's access")) == 0 &&
	    pt_store_changes(p) == 0)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no client #%lld", (long long)client_id);
	return err;
}

int pt_store_secret(unsigned char *out, size_t len, portal *p, const char *name)
{
	pt_stmt *st = pt_stmt_get(p, "SELECT value FROM secrets WHERE name = ?1");
	const void *blob;
	size_t n = 0;
	int rc, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, name);
	rc = pt_step(st);
	if (rc == PT_ROW && (blob = pt_col_blob(st, 0, &n)) != NULL && n == len)
		memcpy(out, blob, len);
	else if (rc == PT_ROW || rc == PT_DONE)
		err = pt_error(p, PORTAL_ESTORE, NULL, "the shop's %s secret is missing or damaged",
			name);
	else
		err = pt_store_fail(p, "reading a secret");
	pt_stmt_done(st);
	return err;
}

/* ---- lookups ------------------------------------------------------- */

int pt_store_lookup_match(portal_id *client_id, int *enabled, portal *p,
	const char *number_key, const char *house_key, portal_id job_id, portal_id visit_id)
{
	/* Each kind of number through its own unique key; a draft invoice or
	 * an estimate not yet sent is not on anyone's paperwork. */
	static const char sql[] =
		"SELECT c.id, c.portal_enabled FROM clients c"
		" WHERE c.id IN (SELECT client_id FROM invoices"
		"                WHERE number_key = ?1 AND issued_at IS NOT NULL"
		"                UNION ALL SELECT client_id FROM estimates"
		"                WHERE number = ?1 AND issued_at IS NOT NULL"
		"                UNION ALL SELECT client_id FROM jobs WHERE id = ?3"
		"                UNION ALL SELECT client_id FROM appointments WHERE id = ?4)"
		"   AND EXISTS (SELECT 1 FROM addresses a"
		"               WHERE a.client_id = c.id AND a.house_key = ?2)"
		" ORDER BY c.id LIMIT 1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err = PORTAL_OK;

	*client_id = 0;
	*enabled = 0;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, number_key);
	pt_bind_text(st, 2, house_key);
	pt_bind_int64(st, 3, job_id);
	pt_bind_int64(st, 4, visit_id);
	rc = pt_step(st);
	if (rc == PT_ROW) {
		*client_id = pt_col_int64(st, 0);
		*enabled = pt_col_int(st, 1);
	} else if (rc != PT_DONE) {
		err = pt_store_fail(p, "looking up a number");
	}
	pt_stmt_done(st);
	return err;
}

int pt_store_lookup_locked_until(portal_time *until, portal *p, const char *scope,
	const char *subject, portal_time now)
{
	static const char sql[] =
		"SELECT until FROM lookup_locks WHERE scope = ?1 AND subject = ?2 AND until > ?3";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err = PORTAL_OK;

	*until = 0;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, scope);
	pt_bind_text(st, 2, subject);
	pt_bind_int64(st, 3, now);
	rc = pt_step(st);
	if (rc == PT_ROW)
		*until = pt_col_int64(st, 0);
	else if (rc != PT_DONE)
		err = pt_store_fail(p, "reading the lookup locks");
	pt_stmt_done(st);
	return err;
}

int pt_store_lookup_failure(int64_t *count, portal *p, const char *scope,
	const char *subject, portal_time at, portal_time since)
{
	pt_stmt *st;
	int rc, err;

	/* The count decides a lock: it must include every failure before it. */
	if ((err = pt_store_require_lock(p, "counting failed lookups")) < 0)
		return err;
	if ((st = pt_stmt_get(p, "INSERT INTO lookup_failures (scope, subject, at)"
			" VALUES (?1, ?2, ?3)")) == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, scope);
	pt_bind_text(st, 2, subject);
	pt_bind_int64(st, 3, at);
	if ((err = pt_store_exec(p, st, "recording a failed lookup")) < 0)
		return err;

	if ((st = pt_stmt_get(p, "DELETE FROM lookup_failures"
			" WHERE scope = ?1 AND subject = ?2 AND at <= ?3")) == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, scope);
	pt_bind_text(st, 2, subject);
	pt_bind_int64(st, 3, since);
	if ((err = pt_store_exec(p, st, "forgetting old failed lookups")) < 0)
		return err;

	if ((st = pt_stmt_get(p, "SELECT count(*) FROM lookup_failures"
			" WHERE scope = ?1 AND subject = ?2 AND at > ?3")) == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, scope);
	pt_bind_text(st, 2, subject);
	pt_bind_int64(st, 3, since);
	rc = pt_step(st);
	if (rc == PT_ROW)
		*count = pt_col_int64(st, 0);
	else
		err = pt_store_fail(p, "counting failed lookups");
	pt_stmt_done(st);
	return err;
}

int pt_store_lookup_lock(portal *p, const char *scope, const char *subject,
	portal_time until)
{
	/* The key of a conflict is the table's unique key, which on
	 * PostgreSQL begins with the shop (pg_schema.c). */
#define LOCK_PUT(key) "INSERT INTO lookup_locks (scope, subject, until) VALUES (?1, ?2, ?3)" \
	" ON CONFLICT (" key ") DO UPDATE SET until = excluded.until"
	static const char sql_sqlite[] = LOCK_PUT("scope, subject");
	static const char sql_pg[] = LOCK_PUT("shop_id, scope, subject");
	pt_stmt *st = pt_stmt_get(p, PT_SQL_DIALECT(p, sql_sqlite, sql_pg));

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, scope);
	pt_bind_text(st, 2, subject);
	pt_bind_int64(st, 3, until);
	return pt_store_exec(p, st, "locking lookups");
}

/* ---- links --------------------------------------------------------- */

#define LINK_SELECT \
	"SELECT id, client_id, coalesce(job_id, 0), created_at, expires_at," \
	" coalesce(last_used_at, 0), coalesce(revoked_at, 0) FROM access_links"

static void link_from_row(portal_link *l, pt_stmt *st)
{
	l->id = pt_col_int64(st, 0);
	l->client_id = pt_col_int64(st, 1);
	l->job_id = pt_col_int64(st, 2);
	l->created_at = pt_col_int64(st, 3);
	l->expires_at = pt_col_int64(st, 4);
	l->last_used_at = pt_col_int64(st, 5);
	l->revoked_at = pt_col_int64(st, 6);
}

/* Step a statement selecting one link; ENOTFOUND (no message) when none. */
static int link_one(portal_link *out, portal *p, pt_stmt *st)
{
	int rc = pt_step(st), err = PORTAL_OK;

	if (rc == PT_ROW)
		link_from_row(out, st);
	else if (rc == PT_DONE)
		err = PORTAL_ENOTFOUND;
	else
		err = pt_store_fail(p, "reading a link");
	pt_stmt_done(st);
	return err;
}

int pt_store_link_insert(portal_id *out, portal *p, const portal_link *l,
	const unsigned char hash[PT_HASH_BYTES])
{
	static const char sql[] =
		"INSERT INTO access_links (client_id, job_id, token_hash, created_at, expires_at)"
		" VALUES (?1, nullif(?2, 0), ?3, ?4, ?5)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, l->client_id);
	pt_bind_int64(st, 2, l->job_id);
	pt_bind_blob(st, 3, hash, PT_HASH_BYTES);
	pt_bind_int64(st, 4, l->created_at);
	pt_bind_int64(st, 5, l->expires_at);
	return pt_store_insert(out, p, st, "saving a link");
}

int pt_store_link_by_hash(portal_link *out, portal *p, const unsigned char hash[PT_HASH_BYTES])
{
	static const char sql[] = LINK_SELECT " WHERE token_hash = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_blob(st, 1, hash, PT_HASH_BYTES);
	return link_one(out, p, st);
}

int pt_store_link_get(portal_link *out, portal *p, portal_id id)
{
	static const char sql[] = LINK_SELECT " WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	if ((err = link_one(out, p, st)) == PORTAL_ENOTFOUND)
		err = pt_error(p, PORTAL_ENOTFOUND, NULL, "no link #%lld", (long long)id);
	return err;
}

int pt_store_link_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_link *l, void *ctx), void *ctx)
{
	static const char sql[] = LINK_SELECT " WHERE client_id = ?1 ORDER BY id DESC";
	pt_stmt *st = pt_stmt_get(p, sql);
	portal_link l;
	int rc = PT_DONE, err = 0;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	while (err == 0 && (rc = pt_step(st)) == PT_ROW) {
		link_from_row(&l, st);
		err = cb(&l, ctx);
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading links");
	pt_stmt_done(st);
	return err;
}

int pt_store_link_used(portal *p, portal_id id, portal_time at)
{
	pt_stmt *st = pt_stmt_get(p, "UPDATE access_links SET last_used_at = ?2 WHERE id = ?1");

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int64(st, 2, at);
	return pt_store_exec(p, st, "marking a link used");
}

int pt_store_link_revoke(portal *p, portal_id id, portal_time at)
{
	pt_stmt *st = pt_stmt_get(p, "UPDATE access_links SET revoked_at = ?2"
		" WHERE id = ?1 AND revoked_at IS NULL");

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int64(st, 2, at);
	return pt_store_exec(p, st, "revoking a link");
}

int pt_store_link_revoke_all(int *count, portal *p, portal_id client_id, portal_time at)
{
	pt_stmt *st = pt_stmt_get(p, "UPDATE access_links SET revoked_at = ?2"
		" WHERE client_id = ?1 AND revoked_at IS NULL");
	int err;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_int64(st, 2, at);
	if ((err = pt_store_exec(p, st, "revoking links")) == 0)
		*count = pt_store_changes(p);
	return err;
}

/* ---- sessions ------------------------------------------------------ */

int pt_store_session_insert(portal_id *out, portal *p, const pt_session_row *s)
{
	static const char sql[] =
		"INSERT INTO sessions (client_id, job_id, link_id, id_hash, csrf_hash,"
		" source_addr, created_at, last_seen_at)"
		" VALUES (?1, nullif(?2, 0), nullif(?3, 0), ?4, ?5, ?6, ?7, ?7)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, s->client_id);
	pt_bind_int64(st, 2, s->job_id);
	pt_bind_int64(st, 3, s->link_id);
	pt_bind_blob(st, 4, s->id_hash, PT_HASH_BYTES);
	pt_bind_blob(st, 5, s->csrf_hash, PT_HASH_BYTES);
	pt_bind_text(st, 6, s->source);
	pt_bind_int64(st, 7, s->created_at);
	return pt_store_insert(out, p, st, "opening a session");
}

static void copy_blob(unsigned char *out, pt_stmt *st, int i)
{
	size_t n = 0;
	const void *blob = pt_col_blob(st, i, &n);

	memset(out, 0, PT_HASH_BYTES);
	if (blob != NULL && n == PT_HASH_BYTES)
		memcpy(out, blob, PT_HASH_BYTES);
}

int pt_store_session_by_hash(pt_session_row *out, portal *p,
	const unsigned char hash[PT_HASH_BYTES])
{
	static const char sql[] =
		"SELECT id, client_id, coalesce(job_id, 0), coalesce(link_id, 0), id_hash,"
		" csrf_hash, source_addr, created_at, last_seen_at, coalesce(ended_at, 0),"
		" end_reason FROM sessions WHERE id_hash = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_blob(st, 1, hash, PT_HASH_BYTES);
	rc = pt_step(st);
	if (rc == PT_ROW) {
		const char *src = pt_col_text(st, 6);
		const char *why = pt_col_text(st, 10);

		out->id = pt_col_int64(st, 0);
		out->client_id = pt_col_int64(st, 1);
		out->job_id = pt_col_int64(st, 2);
		out->link_id = pt_col_int64(st, 3);
		copy_blob(out->id_hash, st, 4);
		copy_blob(out->csrf_hash, st, 5);
		snprintf(out->source, sizeof(out->source), "%s", src ? (const char *)src : "");
		out->created_at = pt_col_int64(st, 7);
		out->last_seen_at = pt_col_int64(st, 8);
		out->ended_at = pt_col_int64(st, 9);
		snprintf(out->end_reason, sizeof(out->end_reason), "%s",
			why ? (const char *)why : "");
	} else if (rc == PT_DONE) {
		err = PORTAL_ENOTFOUND;
	} else {
		err = pt_store_fail(p, "reading a session");
	}
	pt_stmt_done(st);
	return err;
}

int pt_store_session_touch(portal *p, portal_id id, portal_time at)
{
	pt_stmt *st = pt_stmt_get(p, "UPDATE sessions SET last_seen_at = ?2 WHERE id = ?1");

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int64(st, 2, at);
	return pt_store_exec(p, st, "renewing a session");
}

int pt_store_session_end(portal *p, portal_id id, portal_time at, const char *reason)
{
	pt_stmt *st = pt_stmt_get(p, "UPDATE sessions SET ended_at = ?2, end_reason = ?3"
		" WHERE id = ?1 AND ended_at IS NULL");

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int64(st, 2, at);
	pt_bind_text(st, 3, reason);
	return pt_store_exec(p, st, "ending a session");
}

int pt_store_session_open_ids(portal_id **ids, size_t *n, portal *p,
	portal_id client_id, portal_id link_id)
{
	static const char sql[] =
		"SELECT id FROM sessions WHERE client_id = ?1 AND ended_at IS NULL"
		" AND (?2 = 0 OR link_id = ?2) ORDER BY id";
	pt_stmt *st = pt_stmt_get(p, sql);
	portal_id *list = NULL, *grown;
	size_t count = 0, cap = 0;
	int rc = PT_DONE, err = PORTAL_OK;

	*ids = NULL;
	*n = 0;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_int64(st, 2, link_id);
	while (err == 0 && (rc = pt_step(st)) == PT_ROW) {
		if (count == cap) {
			cap = cap ? cap * 2 : 8;
			if ((grown = realloc(list, cap * sizeof(*list))) == NULL) {
				err = pt_oom(p);
				break;
			}
			list = grown;
		}
		list[count++] = pt_col_int64(st, 0);
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading open sessions");
	pt_stmt_done(st);
	if (err < 0) {
		free(list);
		return err;
	}
	*ids = list;
	*n = count;
	return PORTAL_OK;
}

/* ---- across the shops of a host ----------------------------------------- */

/* Only a database of many shops has a host. */
static int on_host(portal *p)
{
	return pt_store_engine(p) == PT_ENGINE_POSTGRESQL;
}

int pt_store_host_lookup_locked_until(portal_time *until, portal *p, const char *subject,
	portal_time now)
{
	static const char sql[] =
		"SELECT coalesce(max(until), 0) FROM portal_host_lookup_locks"
		" WHERE subject = ?1 AND until > ?2";
	pt_stmt *st;
	int err = PORTAL_OK;

	*until = 0;
	if (!on_host(p))
		return PORTAL_OK;
	if ((st = pt_stmt_get(p, sql)) == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, subject);
	pt_bind_int64(st, 2, now);
	if (pt_step(st) == PT_ROW)
		*until = pt_col_int64(st, 0);
	else
		err = pt_store_fail(p, "reading the host's lookup locks");
	pt_stmt_done(st);
	return err;
}

int pt_store_host_lookup_failure(int64_t *count, int64_t *limit, portal *p,
	const char *subject, portal_time at, portal_time since)
{
	static const char sql_lock[] =
		"SELECT pg_advisory_xact_lock(1886351989, hashtext(?1))";
	static const char sql_drop[] =
		"DELETE FROM portal_host_lookup_failures WHERE subject = ?1 AND at < ?2";
	static const char sql_add[] =
		"INSERT INTO portal_host_lookup_failures (subject, at) VALUES (?1, ?2)";
	static const char sql_count[] =
		"SELECT count(*), (SELECT host_lookup_limit FROM portal_meta)"
		" FROM portal_host_lookup_failures WHERE subject = ?1";
	pt_stmt *st;
	int err;

	*count = *limit = 0;
	if (!on_host(p))
		return PORTAL_OK;
	if ((err = pt_store_require_lock(p, "counting a host's failed lookups")) < 0)
		return err;
	/* The address's lock, held to the end of the transaction, makes the
	 * count and the lock that may follow one step for every process. */
	if ((st = pt_stmt_get(p, sql_lock)) == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, subject);
	if ((err = pt_store_exec(p, st, "counting a host's failed lookups")) < 0)
		return err;
	if ((st = pt_stmt_get(p, sql_drop)) == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, subject);
	pt_bind_int64(st, 2, since);
	if ((err = pt_store_exec(p, st, "counting a host's failed lookups")) < 0)
		return err;
	if ((st = pt_stmt_get(p, sql_add)) == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, subject);
	pt_bind_int64(st, 2, at);
	if ((err = pt_store_exec(p, st, "counting a host's failed lookups")) < 0)
		return err;
	if ((st = pt_stmt_get(p, sql_count)) == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, subject);
	if (pt_step(st) == PT_ROW) {
		*count = pt_col_int64(st, 0);
		*limit = pt_col_int64(st, 1);
	} else {
		err = pt_store_fail(p, "counting a host's failed lookups");
	}
	pt_stmt_done(st);
	return err;
}

int pt_store_host_lookup_lock(portal *p, const char *subject, portal_time until)
{
	static const char sql[] =
		"INSERT INTO portal_host_lookup_locks (subject, until) VALUES (?1, ?2)"
		" ON CONFLICT (subject) DO UPDATE SET until = excluded.until";
	pt_stmt *st;

	if (!on_host(p))
		return PORTAL_OK;
	if ((st = pt_stmt_get(p, sql)) == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, subject);
	pt_bind_int64(st, 2, until);
	return pt_store_exec(p, st, "locking a host's lookups");
}

int pt_store_host_lookup_limit_set(portal *p, int64_t misses)
{
	static const char sql[] = "UPDATE portal_meta SET host_lookup_limit = ?1";
	pt_stmt *st;

	if (!on_host(p))
		return pt_error(p, PORTAL_EINVAL, NULL, "a SQLite file holds one shop and has no host");
	if ((st = pt_stmt_get(p, sql)) == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, misses);
	return pt_store_exec(p, st, "setting the host's lookup limit");
}
