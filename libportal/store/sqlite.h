/*
 * sqlite.h - the SQLite backend of the store: the connection, the
 * statement cache and the helpers its files share. Only the store's
 * sqlite*.c files include it; nothing above the store sees a SQLite type.
 */
#ifndef PORTAL_SQLITE_H
#define PORTAL_SQLITE_H

#include "store.h"
#include "sqlite_dialect.h"

#include <sqlite3.h>

/* PRAGMA application_id of every portal database: "port". */
#define PT_APPLICATION_ID 0x706f7274

/* Prepared statements are kept per handle, keyed by the address of their
 * SQL text (always a string literal), so that each query is compiled once
 * per connection. The CGI opens one handle per request and runs a few
 * dozen queries: a small fixed table is enough. */
#define PT_STMT_CACHE 256

/* The LIMIT that keeps every row, bound where a caller asks for no limit.
 * SQLite reads a negative LIMIT as none, PostgreSQL refuses one (its word
 * is LIMIT ALL, which SQLite does not know); the largest count means the
 * same to both. */
#define PT_ALL_ROWS INT64_MAX

/* How deep pt_store_savepoint() nests. */
#define PT_SAVEPOINTS_MAX 8

/* The store of a handle opened on a SQLite file. */
struct pt_store {
	sqlite3 *db;
	int flags;
	int txn_depth;
	int txn_failed;
	/* Whether a statement failed in the transaction now open. */
	int aborted;
	/* Whether the outermost transaction took the write lock. */
	int txn_writes;
	/* Counts outermost transactions (pt_store_txn_serial()). */
	uint64_t txn_serial;
	/* The open savepoints, each with the transaction's failure as it was
	 * when it began. */
	int sp_depth;
	int sp_failed[PT_SAVEPOINTS_MAX];
	int sp_aborted[PT_SAVEPOINTS_MAX];

	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} stmts[PT_STMT_CACHE];
};

/*
 * A cached prepared statement for `sql`, which must be a string literal
 * (the cache is keyed by its address). Returns NULL with the error set.
 * Every use ends with pt_stmt_done(), which resets it for the next use.
 */
sqlite3_stmt *pt_stmt(portal *p, const char *sql);
void pt_stmt_done(sqlite3_stmt *st);

/*
 * The statement of a walk over one client's rows or the whole shop's
 * (see below): `sql_client` with the client bound as ?1 when `client_id`
 * is set, else `sql_all`. *next (when not NULL) receives the number of
 * the statement's next parameter, so the rest bind the same either way.
 */
sqlite3_stmt *pt_stmt_client(portal *p, portal_id client_id, const char *sql_client,
	const char *sql_all, int *next);

/*
 * SQLite plans a statement before it sees its parameters, so it cannot
 * use an index for an optional filter like "?1 = 0 OR client_id = ?1":
 * that reads every row of the shop. A walk that may be limited to one
 * client has a second statement for that case, "client_id = ?1", which
 * finds the client's rows through their index: the portal's pages ask
 * for one client's rows only, on shops of a million invoices. The
 * client's form takes the client as ?1 and its other parameters after
 * it; the shop-wide form leaves the client out altogether and numbers
 * the same parameters from ?1. Each form is bound with its own numbers
 * and nothing more: a server database wants every parameter of a
 * statement used, with a type it can tell, and no value it has no
 * parameter for. tests/test_view_scans.c proves that no view reads a
 * table in full.
 */

/* PORTAL_OK inside a writing transaction, else an error naming `what`:
 * for what reads in order to write (the next number, a rate limit's
 * count), which must hold the shop's write lock from the read on. */
int pt_store_require_lock(portal *p, const char *what);

/* A statement failed: the transaction now open is good for nothing but
 * its rollback (or its savepoint's). pt_store_fail() says so itself; a
 * caller that turns a failure into its own message calls this. */
void pt_store_statement_failed(portal *p);

/* Turn a failed SQLite call into PORTAL_ESTORE with a message saying `what`. */
int pt_store_fail(portal *p, const char *what);

/* Step a statement that returns no row; ends it. */
int pt_store_exec(portal *p, sqlite3_stmt *st, const char *what);

/* Step an INSERT ... RETURNING id: the new row's id in *out (unless out
 * is NULL); ends it. The id comes from the statement, as a server
 * database gives it, not from the connection's last insert. */
int pt_store_insert(portal_id *out, portal *p, sqlite3_stmt *st, const char *what);

/* Bind helpers: text "" and NULL both bind as ''. */
int pt_bind_text(sqlite3_stmt *st, int i, const char *s);

/* A column as a malloc'ed string ("" for NULL); NULL only when out of memory. */
char *pt_col_strdup(sqlite3_stmt *st, int i);

/*
 * Walk the rows of `st`, building each record with `from_row`, handing it
 * to `cb` and freeing it with `free_fn`. Stops at the first non-zero
 * `err` (the callback's answer included). Used by every foreach.
 */
#define PT_STORE_WALK(p, st, type, from_row, free_fn, cb, ctx, what, err)	\
	do {									\
		int rc_ = SQLITE_DONE;						\
		while ((err) == 0 && (rc_ = sqlite3_step(st)) == SQLITE_ROW) {	\
			type *rec_ = from_row(st);				\
			if (rec_ == NULL) {					\
				(err) = pt_oom(p);				\
				break;						\
			}							\
			(err) = (cb)(rec_, ctx);				\
			free_fn(rec_);						\
		}							\
		if ((err) == 0 && rc_ != SQLITE_DONE && rc_ != SQLITE_ROW)	\
			(err) = pt_store_fail(p, what);				\
	} while (0)

/*
 * Step `st` for the one row of a get-by-id: build *out with `from_row`, or
 * fail with PORTAL_ENOTFOUND "no <noun> #<id>". Ends the statement.
 */
#define PT_STORE_ONE(p, st, out, from_row, noun, id, err)			\
	do {									\
		int rc_ = sqlite3_step(st);					\
		if (rc_ == SQLITE_ROW)						\
			(err) = (*(out) = from_row(st)) ? PORTAL_OK : pt_oom(p);	\
		else if (rc_ == SQLITE_DONE)					\
			(err) = pt_error(p, PORTAL_ENOTFOUND, NULL, "no %s #%lld",	\
				noun, (long long)(id));				\
		else								\
			(err) = pt_store_fail(p, "reading " noun);		\
		pt_stmt_done(st);						\
	} while (0)

#endif
