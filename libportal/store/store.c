/* SPDX-License-Identifier: MIT */
/*
 * store.c - what the store does the same on every engine: choosing the
 * engine by the target, the statement cache, transactions and
 * savepoints, and the checks that keep the store's promises (store.h).
 * The engines' own work is in their drivers (sqlite.c, pg.c).
 */
#include "sql.h"
#include "validate.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

pt_engine pt_store_engine(const portal *p)
{
	return p->store != NULL && p->store->drv != NULL ? p->store->drv->engine :
		PT_ENGINE_SQLITE;
}

int pt_store_target_is_pg(const char *target)
{
	return strncmp(target, "postgresql://", 13) == 0 ||
		strncmp(target, "postgres://", 11) == 0;
}

int pt_store_open(portal *p, const char *target, const char *shop, int flags)
{
	int pg = pt_store_target_is_pg(target);

	if ((p->store = calloc(1, sizeof(*p->store))) == NULL ||
	    (p->store->label = pt_strdup(pg ? "a PostgreSQL database" : target)) == NULL)
		return pt_oom(p);
	p->store->flags = flags;
	if (pg)
		return pt_pg_open(p, target, shop);
	if (flags & PT_OPEN_HOST)
		return pt_error(p, PORTAL_EINVAL, NULL, "%s: a SQLite file holds one shop; a host "
			"of many shops is a PostgreSQL database (postgresql://...)", target);
	if (shop != NULL && *shop != '\0')
		return pt_error(p, PORTAL_EINVAL, NULL,
			"%s: a shop is named only on a PostgreSQL database; a SQLite file "
			"holds one shop", target);
	return pt_sqlite_open(p, target);
}

void pt_store_close(portal *p)
{
	struct pt_store *s = p->store;

	if (s == NULL)
		return;
	for (size_t i = 0; i < PT_STMT_CACHE && s->stmts[i].sql != NULL; i++)
		s->drv->finalize(s->stmts[i].stmt);
	if (s->drv != NULL)
		s->drv->close(p);
	free(s->label);
	free(s);
	p->store = NULL;
}

void pt_store_statement_failed(portal *p)
{
	/* A server database refuses every statement of a transaction after
	 * one failed; so does this store on every engine, so no caller
	 * learns to go on. */
	if (p->store != NULL && p->store->txn_depth > 0)
		p->store->aborted = 1;
}

int pt_store_fail(portal *p, const char *what)
{
	const struct pt_driver *d = p->store ? p->store->drv : NULL;

	pt_store_statement_failed(p);
	if (d == NULL || d->errmsg == NULL)
		return pt_error(p, PORTAL_ESTORE, NULL, "%s: no database", what);
	if (d->err_nomem(p))
		return pt_oom(p);
	if (d->err_notadb(p))
		return pt_error(p, PORTAL_ENOTDB, NULL, "%s: not a portal database", what);
	return pt_error(p, PORTAL_ESTORE, NULL, "%s: %s", what, d->errmsg(p));
}

int pt_store_failed_unique(portal *p)
{
	return p->store != NULL && p->store->drv->err_unique(p);
}

int pt_store_failed_constraint(portal *p)
{
	return p->store != NULL && p->store->drv->err_constraint(p);
}

const char *pt_store_errmsg(portal *p)
{
	return p->store != NULL ? p->store->drv->errmsg(p) : "no database";
}

int64_t pt_store_changes(portal *p)
{
	return p->store->drv->changes(p);
}

/* A handle whose opening failed has no store; every call on it says so
 * rather than touching a connection that is not there. */
static int no_store(portal *p)
{
	return pt_error(p, PORTAL_ESTORE, NULL, "no database is open");
}

/* Is a walk going on: a result set of the handle still open? */
static int walk_open(const struct pt_store *s)
{
	for (size_t i = 0; i < PT_STMT_CACHE && s->stmts[i].sql != NULL; i++)
		if (s->drv->busy(s->stmts[i].stmt))
			return 1;
	return 0;
}

/*
 * The store's promises (store.h) that its callers must keep, checked on
 * each use of a statement that writes: never inside a transaction that
 * only reads (it holds no write lock, and its snapshot may be stale), and
 * never while a walk's result set is open, which a server database would
 * not allow. A break is a programming error, refused before it writes.
 * A write outside any transaction is a transaction of its own, which
 * each engine runs under the shop's write lock like any other.
 */
static int check_write(portal *p, pt_stmt *st)
{
	const struct pt_store *s = p->store;

	if (s->drv->readonly(st))
		return PORTAL_OK;
	if (s->txn_depth > 0 && !s->txn_writes)
		return pt_error(p, PORTAL_ERROR, NULL, "a write inside a read-only transaction");
	if (walk_open(s))
		return pt_error(p, PORTAL_ERROR, NULL, "a write while a walk is going on");
	return PORTAL_OK;
}

int pt_store_require_lock(portal *p, const char *what)
{
	if (p->store != NULL && p->store->txn_depth > 0 && p->store->txn_writes)
		return PORTAL_OK;
	return pt_error(p, PORTAL_ERROR, NULL,
		"%s outside a writing transaction: what it reads could change before the "
		"write that depends on it", what);
}

/*
 * Are the parameters of `st` numbered 1 to n with every number used? A
 * server database must tell the type of each parameter from where the
 * statement uses it, so it refuses a statement that skips a number. A
 * gap (or an unnumbered "?") is a programming error, refused here so that
 * the tests find it on SQLite too.
 */
static int parameters_numbered(pt_stmt *st)
{
	int n = pt_param_count(st);

	for (int i = 1; i <= n; i++)
		if (pt_param_name(st, i) == NULL)
			return 0;
	return 1;
}

/* The cached statement for `sql`, or its slot in the cache (NULL). */
static pt_stmt *cached(portal *p, const char *sql, size_t *slot)
{
	size_t i;

	for (i = 0; i < PT_STMT_CACHE && p->store->stmts[i].sql != NULL; i++)
		if (p->store->stmts[i].sql == sql)
			break;
	*slot = i;
	return i < PT_STMT_CACHE ? p->store->stmts[i].stmt : NULL;
}

pt_stmt *pt_stmt_get(portal *p, const char *sql)
{
	pt_stmt *st;
	size_t i;

	if (p->store == NULL || p->store->drv == NULL) {
		no_store(p);
		return NULL;
	}
	if (p->store->txn_depth > 0 && p->store->aborted) {
		pt_error(p, PORTAL_ERROR, NULL, "a statement after a failed one in the same "
			"transaction");
		return NULL;
	}
	if ((st = cached(p, sql, &i)) != NULL) {
		/* A walk's callback that starts the same walk would reset the
		 * statement under its caller's feet. */
		if (p->store->drv->busy(st)) {
			pt_error(p, PORTAL_ERROR, NULL,
				"a foreach callback cannot start the same kind of walk");
			return NULL;
		}
		return check_write(p, st) == 0 ? st : NULL;
	}
	if (i == PT_STMT_CACHE) {
		/* The cache is full: a programming error worth hearing about
		 * in tests. */
		pt_error(p, PORTAL_ERROR, NULL, "statement cache full");
		return NULL;
	}
	if ((st = p->store->drv->prepare(p, sql)) == NULL) {
		pt_store_fail(p, "preparing a query");
		return NULL;
	}
	if (!parameters_numbered(st)) {
		p->store->drv->finalize(st);
		pt_error(p, PORTAL_ERROR, NULL, "a query whose parameters skip a number");
		return NULL;
	}
	p->store->stmts[i].sql = sql;
	p->store->stmts[i].stmt = st;
	return check_write(p, st) == 0 ? st : NULL;
}

pt_stmt *pt_stmt_walk(portal *p, const char *sql)
{
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st != NULL && st->drv->stream != NULL)
		st->drv->stream(st);
	return st;
}

pt_stmt *pt_stmt_client(portal *p, portal_id client_id, const char *sql_client,
	const char *sql_all, int *next)
{
	pt_stmt *st = pt_stmt_get(p, client_id ? sql_client : sql_all);

	if (st != NULL && client_id)
		pt_bind_int64(st, 1, client_id);
	if (next != NULL)
		*next = client_id ? 2 : 1;
	return st;
}

void pt_stmt_done(pt_stmt *st)
{
	if (st != NULL)
		st->drv->reset(st);
}

int pt_bind_text(pt_stmt *st, int i, const char *s)
{
	char *repaired;
	int rc;

	if (s == NULL || pt_utf8_valid(s))
		return st->drv->bind_text(st, i, s ? s : "");
	/* The fields people type are refused when they are not UTF-8; this
	 * is for the text the library did not check, so the store never
	 * holds bytes a server database or a JSON document would refuse. */
	if ((repaired = pt_utf8_repaired(s)) == NULL)
		return -1;
	rc = st->drv->bind_text(st, i, repaired);
	free(repaired);
	return rc;
}

char *pt_col_strdup(pt_stmt *st, int i)
{
	const char *s = pt_col_text(st, i);

	return pt_strdup(s ? s : "");
}

int pt_store_exec(portal *p, pt_stmt *st, const char *what)
{
	int rc = pt_step(st);
	int err = PORTAL_OK;

	if (rc != PT_DONE && rc != PT_ROW)
		err = pt_store_fail(p, what);
	pt_stmt_done(st);
	return err;
}

int pt_store_insert(portal_id *out, portal *p, pt_stmt *st, const char *what)
{
	portal_id id = 0;
	int rc = pt_step(st);

	/* The row is written by the first step, which gives its id; the
	 * second runs the statement to its end. */
	if (rc == PT_ROW) {
		id = pt_col_int64(st, 0);
		rc = pt_step(st);
	}
	if (rc != PT_DONE) {
		rc = pt_store_fail(p, what);
		pt_stmt_done(st);
		return rc;
	}
	pt_stmt_done(st);
	if (out != NULL)
		*out = id;
	return PORTAL_OK;
}

int pt_store_exec_sql(portal *p, const char *sql, const char *what)
{
	if (p->store->drv->exec(p, sql) < 0)
		return pt_store_fail(p, what);
	return PORTAL_OK;
}

/* Begin the outermost transaction, writing or only reading, or join the
 * one open. */
static int begin(portal *p, int writes)
{
	struct pt_store *s = p->store;

	if (s == NULL || s->drv == NULL)
		return no_store(p);
	if (s->txn_depth++ > 0)
		return PORTAL_OK;
	s->txn_failed = 0;
	s->aborted = 0;
	s->sp_depth = 0;
	s->txn_writes = writes;
	s->txn_serial++;
	if (s->drv->begin(p, writes) < 0) {
		s->txn_depth = 0;
		return pt_store_fail(p, writes ? "starting a transaction" : "starting a read");
	}
	return PORTAL_OK;
}

int pt_store_begin(portal *p)
{
	return begin(p, 1);
}

int pt_store_read_begin(portal *p)
{
	return begin(p, 0);
}

int pt_store_end(portal *p, int err)
{
	struct pt_store *s = p->store;

	if (s == NULL || s->txn_depth <= 0)
		return err;
	if (err < 0)
		s->txn_failed = 1;
	if (--s->txn_depth > 0)
		return err;
	if (s->txn_failed) {
		/* Keep the message of the failure, not of the rollback. */
		s->drv->exec(p, "ROLLBACK");
		return err < 0 ? err : PORTAL_ERROR;
	}
	if (s->drv->exec(p, "COMMIT") < 0) {
		err = pt_store_fail(p, "committing");
		s->drv->exec(p, "ROLLBACK");
	}
	return err;
}

int pt_store_savepoint(portal *p)
{
	struct pt_store *s = p->store;
	int err;

	if (s == NULL || s->txn_depth == 0 || !s->txn_writes)
		return pt_error(p, PORTAL_ERROR, NULL, "a savepoint outside a writing transaction");
	if (s->sp_depth == PT_SAVEPOINTS_MAX)
		return pt_error(p, PORTAL_ERROR, NULL, "savepoints nested too deep");
	if ((err = pt_store_exec_sql(p, "SAVEPOINT pt_part",
			"starting a part of a transaction")) < 0)
		return err;
	s->sp_failed[s->sp_depth] = s->txn_failed;
	s->sp_aborted[s->sp_depth++] = s->aborted;
	return PORTAL_OK;
}

int pt_store_release(portal *p, int err)
{
	struct pt_store *s = p->store;
	int rc;

	if (s == NULL || s->sp_depth == 0)
		return err;
	s->sp_depth--;
	if (err < 0) {
		/* The part is undone and the transaction is whole again: the
		 * failure inside it no longer dooms the rest. What was read in
		 * it may be stale now, so the serial moves on. */
		rc = pt_store_exec_sql(p, "ROLLBACK TO pt_part", "undoing a part of a transaction");
		s->txn_failed = rc < 0 ? 1 : s->sp_failed[s->sp_depth];
		s->aborted = rc < 0 ? 1 : s->sp_aborted[s->sp_depth];
		s->txn_serial++;
	}
	if ((rc = pt_store_exec_sql(p, "RELEASE pt_part", "ending a part of a transaction")) < 0)
		s->txn_failed = 1;
	return err < 0 ? err : rc;
}

uint64_t pt_store_txn_serial(const portal *p)
{
	return p->store && p->store->txn_depth > 0 ? p->store->txn_serial : 0;
}

int pt_store_create_secret(portal *p)
{
	static const char sql[] = "INSERT INTO secrets (name, value) VALUES ('link_key', ?1)";
	unsigned char key[32];
	pt_stmt *st;
	int err;

	if (sodium_init() < 0)
		return pt_error(p, PORTAL_ERROR, NULL, "libsodium failed to initialise");
	randombytes_buf(key, sizeof(key));
	if ((st = pt_stmt_get(p, sql)) == NULL)
		err = PORTAL_ESTORE;
	else {
		pt_bind_blob(st, 1, key, sizeof(key));
		err = pt_store_exec(p, st, "creating the shop's secret");
	}
	sodium_memzero(key, sizeof(key));
	return err;
}

int pt_store_is_host(const portal *p)
{
	return p->store != NULL && p->store->drv != NULL && (p->store->flags & PT_OPEN_HOST);
}

int pt_store_require_host(portal *p)
{
	if (pt_store_is_host(p))
		return PORTAL_OK;
	return pt_error(p, PORTAL_EINVAL, NULL, "not a host's handle (portal_host_open())");
}

const char *pt_store_label(const portal *p)
{
	return p->store != NULL && p->store->label != NULL ? p->store->label : "";
}

int pt_store_shop_switch(portal *p, const char *shop)
{
	if (pt_store_engine(p) != PT_ENGINE_POSTGRESQL || p->store->conn == NULL)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"only a PostgreSQL database holds more than one shop");
	if (p->store->txn_depth > 0)
		return pt_error(p, PORTAL_EINVAL, NULL, "a shop cannot change inside a transaction");
	return pt_pg_shop_switch(p, shop);
}

int pt_store_host_shop_create(portal *p, const char *shop)
{
	if (pt_store_require_host(p) < 0)
		return PORTAL_EINVAL;
	if (p->store->txn_depth == 0 || !p->store->txn_writes)
		return pt_error(p, PORTAL_ERROR, NULL,
			"a shop is made inside a writing transaction of a host's handle");
	return pt_pg_shop_create(p, shop);
}

int pt_store_host_grant(portal *p, const char *role)
{
	return pt_pg_grant(p, role);
}

int pt_store_count_clients(int64_t *out, portal *p)
{
	static const char sql[] = "SELECT count(*) FROM clients";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	if (pt_step(st) == PT_ROW)
		*out = pt_col_int64(st, 0);
	else
		err = pt_store_fail(p, "counting clients");
	pt_stmt_done(st);
	return err;
}
