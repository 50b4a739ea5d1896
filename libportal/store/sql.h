/* SPDX-License-Identifier: MIT */
/*
 * sql.h - how the store's query files (sql_*.c) run their SQL on
 * whichever engine holds the shop: a prepared statement, its parameters,
 * its rows, and the transaction bookkeeping the store's promises rest on
 * (store.h). The engines are drivers behind struct pt_driver: SQLite
 * (sqlite.c) and PostgreSQL (pg.c). A query file names no engine; what
 * the two dialects write differently is chosen with PT_SQL_DIALECT().
 */
#ifndef PORTAL_SQL_H
#define PORTAL_SQL_H

#include "store.h"

#include <stddef.h>
#include <stdint.h>

/* Prepared statements are kept per handle, keyed by the address of their
 * SQL text (always a string literal), so that each query is compiled once
 * per connection. */
#define PT_STMT_CACHE 256

/* The LIMIT that keeps every row, bound where a caller asks for no limit.
 * SQLite reads a negative LIMIT as none, PostgreSQL refuses one (its word
 * is LIMIT ALL, which SQLite does not know); the largest count means the
 * same to both. */
#define PT_ALL_ROWS INT64_MAX

/* How deep pt_store_savepoint() nests. */
#define PT_SAVEPOINTS_MAX 8

/* The longest LIKE pattern a search sends. SQLite refuses longer ones
 * (its default limit); no name, email or phone the library keeps comes
 * near it, so a longer search finds nobody without asking. */
#define PT_LIKE_PATTERN_MAX 50000

/*
 * Text folded for a search or an order that ignores case: the names of
 * clients and technicians are listed and found by it.
 *
 * The store's rule, on every engine: only A-Z fold, and folded text sorts
 * by code point. "Émile" sorts after "Zoë", and "ÉMILE" does not find
 * "émile". It is what SQLite's
 * lower() does, and PostgreSQL's on the COLLATE "C" columns of its
 * schema (pg_schema.c), whatever locale that server was set up with; a
 * search's pattern is folded alike by the library before it is bound
 * (sql_client.c), never by the server. The index that serves the order
 * of clients is on this expression.
 */
#define PT_SQL_FOLD(x) "lower(" x ")"

/* What pt_step() gives when it does not fail. */
#define PT_DONE 0
#define PT_ROW 1

/* The type of a column's value in the row at hand. */
typedef enum {
	PT_COL_NULL,
	PT_COL_INT,
	PT_COL_REAL,
	PT_COL_TEXT,
	PT_COL_BLOB
} pt_col_type;

/* The engines. */
typedef enum {
	PT_ENGINE_SQLITE,
	PT_ENGINE_POSTGRESQL
} pt_engine;

/* A prepared statement of either engine; each driver extends it. */
typedef struct pt_stmt {
	const struct pt_driver *drv;
	/* The handle it belongs to, for its errors. */
	portal *p;
} pt_stmt;

/*
 * What an engine does. Every function that can fail sets nothing on the
 * handle itself but keeps the engine's own error for errmsg() and the
 * failure tests, which pt_store_fail() turns into the library's codes.
 */
struct pt_driver {
	pt_engine engine;
	/* Run SQL with no parameters and no rows wanted; 0 or -1. */
	int (*exec)(portal *p, const char *sql);
	pt_stmt *(*prepare)(portal *p, const char *sql);
	void (*finalize)(pt_stmt *st);
	/* The number of parameters, and the name of one (NULL for ?N). */
	int (*param_count)(pt_stmt *st);
	const char *(*param_name)(pt_stmt *st, int i);
	/* Binds copy what they are given; 0 or -1 (out of memory). */
	int (*bind_int64)(pt_stmt *st, int i, int64_t v);
	int (*bind_double)(pt_stmt *st, int i, double v);
	int (*bind_text)(pt_stmt *st, int i, const char *s);
	int (*bind_blob)(pt_stmt *st, int i, const void *b, size_t n);
	int (*bind_null)(pt_stmt *st, int i);
	/* PT_ROW, PT_DONE, or -1. */
	int (*step)(pt_stmt *st);
	/* Ready for the next use: no row, no bindings. */
	void (*reset)(pt_stmt *st);
	/* Read the statement's rows a batch at a time rather than all at
	 * once (NULL when the engine reads them so anyway). */
	void (*stream)(pt_stmt *st);
	/* Is a result set of the statement open? Does it only read? */
	int (*busy)(pt_stmt *st);
	int (*readonly)(pt_stmt *st);
	int (*col_count)(pt_stmt *st);
	const char *(*col_name)(pt_stmt *st, int i);
	pt_col_type (*col_type)(pt_stmt *st, int i);
	int64_t (*col_int64)(pt_stmt *st, int i);
	double (*col_double)(pt_stmt *st, int i);
	/* NULL for a NULL value. */
	const char *(*col_text)(pt_stmt *st, int i);
	const void *(*col_blob)(pt_stmt *st, int i, size_t *n);
	/* Rows the last writing statement changed. */
	int64_t (*changes)(portal *p);
	/* The engine's last error, in its words. */
	const char *(*errmsg)(portal *p);
	/* What the last error was. */
	int (*err_nomem)(portal *p);
	int (*err_notadb)(portal *p);
	int (*err_unique)(portal *p);
	int (*err_constraint)(portal *p);
	int (*err_busy)(portal *p);
	/* The statements that start a transaction (writing or reading) once
	 * the engine is told; the write lock of the shop is taken by it. */
	int (*begin)(portal *p, int writes);
	void (*close)(portal *p);
};

/* The store of a handle, whichever engine holds it. */
struct pt_store {
	const struct pt_driver *drv;
	/* What it was opened on, as it may be printed: a file's path, or a
	 * server's shop and database, never a password. */
	char *label;
	/* The engine's connection (sqlite.c's or pg.c's). */
	void *conn;
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
		pt_stmt *stmt;
	} stmts[PT_STMT_CACHE];
};

/* The engine of the handle's store. */
pt_engine pt_store_engine(const portal *p);

/*
 * The text of a statement the dialects write differently: `sqlite` or
 * `postgresql`, both string literals kept side by side where the
 * statement is. Everything else is written once.
 */
#define PT_SQL_DIALECT(p, sqlite, postgresql) \
	(pt_store_engine(p) == PT_ENGINE_POSTGRESQL ? (postgresql) : (sqlite))

/*
 * A cached prepared statement for `sql`, which must be a string literal
 * (the cache is keyed by its address). Returns NULL with the error set.
 * Every use ends with pt_stmt_done(), which resets it for the next use.
 */
pt_stmt *pt_stmt_get(portal *p, const char *sql);
void pt_stmt_done(pt_stmt *st);

/* As pt_stmt_get(), for a walk over the whole shop (an export): inside a
 * transaction its rows are read a batch at a time, so that a shop of a
 * million records is never held in memory at once. */
pt_stmt *pt_stmt_walk(portal *p, const char *sql);

/*
 * The statement of a walk over one client's rows or the whole shop's:
 * `sql_client` with the client bound as ?1 when `client_id` is set, else
 * `sql_all`. *next (when not NULL) receives the number of the statement's
 * next parameter, so the rest bind the same either way.
 *
 * An engine plans a statement before it sees its parameters, so it cannot
 * use an index for an optional filter like "?1 = 0 OR client_id = ?1":
 * that reads every row of the shop. A walk that may be limited to one
 * client has a second statement for that case, which finds the client's
 * rows through their index. Each form is bound with its own numbers and
 * nothing more: PostgreSQL wants every parameter of a statement used.
 * tests/test_view_scans.c proves that no view reads a table in full.
 */
pt_stmt *pt_stmt_client(portal *p, portal_id client_id, const char *sql_client,
	const char *sql_all, int *next);

/* Parameters and columns, numbered as the engines number them:
 * parameters from 1, columns from 0. */
static inline int pt_bind_int64(pt_stmt *st, int i, int64_t v)
{
	return st->drv->bind_int64(st, i, v);
}
static inline int pt_bind_int(pt_stmt *st, int i, int v)
{
	return st->drv->bind_int64(st, i, v);
}
static inline int pt_bind_double(pt_stmt *st, int i, double v)
{
	return st->drv->bind_double(st, i, v);
}
static inline int pt_bind_null(pt_stmt *st, int i)
{
	return st->drv->bind_null(st, i);
}
static inline int pt_bind_blob(pt_stmt *st, int i, const void *b, size_t n)
{
	return st->drv->bind_blob(st, i, b, n);
}
/* Text "" and NULL both bind as ''; bytes that are not UTF-8 are
 * replaced by U+FFFD. */
int pt_bind_text(pt_stmt *st, int i, const char *s);
static inline int pt_step(pt_stmt *st)
{
	return st->drv->step(st);
}
static inline int64_t pt_col_int64(pt_stmt *st, int i)
{
	return st->drv->col_int64(st, i);
}
static inline int pt_col_int(pt_stmt *st, int i)
{
	return (int)st->drv->col_int64(st, i);
}
static inline double pt_col_double(pt_stmt *st, int i)
{
	return st->drv->col_double(st, i);
}
static inline const char *pt_col_text(pt_stmt *st, int i)
{
	return st->drv->col_text(st, i);
}
static inline const void *pt_col_blob(pt_stmt *st, int i, size_t *n)
{
	return st->drv->col_blob(st, i, n);
}
static inline pt_col_type pt_col_type_of(pt_stmt *st, int i)
{
	return st->drv->col_type(st, i);
}
static inline int pt_col_count(pt_stmt *st)
{
	return st->drv->col_count(st);
}
static inline const char *pt_col_name(pt_stmt *st, int i)
{
	return st->drv->col_name(st, i);
}
static inline int pt_param_count(pt_stmt *st)
{
	return st->drv->param_count(st);
}
static inline const char *pt_param_name(pt_stmt *st, int i)
{
	return st->drv->param_name(st, i);
}

/* A column as a malloc'ed string ("" for NULL); NULL only when out of memory. */
char *pt_col_strdup(pt_stmt *st, int i);

/* Rows the last writing statement changed. */
int64_t pt_store_changes(portal *p);

/* Did the last failed statement break a UNIQUE key, or any constraint?
 * The engine's words for it, for a message. */
int pt_store_failed_unique(portal *p);
int pt_store_failed_constraint(portal *p);
const char *pt_store_errmsg(portal *p);

/* PORTAL_OK inside a writing transaction, else an error naming `what`:
 * for what reads in order to write (the next number, a rate limit's
 * count), which must hold the shop's write lock from the read on. */
int pt_store_require_lock(portal *p, const char *what);

/* A statement failed: the transaction now open is good for nothing but
 * its rollback (or its savepoint's). pt_store_fail() says so itself; a
 * caller that turns a failure into its own message calls this. */
void pt_store_statement_failed(portal *p);

/* Turn a failed engine call into the library's error, saying `what`. */
int pt_store_fail(portal *p, const char *what);

/* Step a statement that returns no row; ends it. */
int pt_store_exec(portal *p, pt_stmt *st, const char *what);

/* Step an INSERT ... RETURNING id: the new row's id in *out (unless out
 * is NULL); ends it. The id comes from the statement, as a server
 * database gives it, not from the connection's last insert. */
int pt_store_insert(portal_id *out, portal *p, pt_stmt *st, const char *what);

/* Run SQL with no parameters and no rows (transactions, savepoints). */
int pt_store_exec_sql(portal *p, const char *sql, const char *what);


/* The drivers' openers (sqlite.c, pg.c). pt_pg_open() answers that the
 * library was built without PostgreSQL when it was. */
int pt_sqlite_open(portal *p, const char *path);
int pt_pg_open(portal *p, const char *target, const char *shop);
int pt_pg_grant(portal *p, const char *role);
int pt_pg_shop_switch(portal *p, const char *shop);
int pt_pg_shop_create(portal *p, const char *shop);

/* Is `target` a PostgreSQL connection string rather than a file? */
int pt_store_target_is_pg(const char *target);

/*
 * Walk the rows of `st`, building each record with `from_row`, handing it
 * to `cb` and freeing it with `free_fn`. Stops at the first non-zero
 * `err` (the callback's answer included). Used by every foreach.
 */
#define PT_STORE_WALK(p, st, type, from_row, free_fn, cb, ctx, what, err)	\
	do {									\
		int rc_ = PT_DONE;						\
		while ((err) == 0 && (rc_ = pt_step(st)) == PT_ROW) {		\
			type *rec_ = from_row(st);				\
			if (rec_ == NULL) {					\
				(err) = pt_oom(p);				\
				break;						\
			}							\
			(err) = (cb)(rec_, ctx);				\
			free_fn(rec_);						\
		}							\
		if ((err) == 0 && rc_ != PT_DONE && rc_ != PT_ROW)		\
			(err) = pt_store_fail(p, what);				\
	} while (0)

/*
 * Step `st` for the one row of a get-by-id: build *out with `from_row`, or
 * fail with PORTAL_ENOTFOUND "no <noun> #<id>". Ends the statement.
 */
#define PT_STORE_ONE(p, st, out, from_row, noun, id, err)			\
	do {									\
		int rc_ = pt_step(st);						\
		if (rc_ == PT_ROW)						\
			(err) = (*(out) = from_row(st)) ? PORTAL_OK : pt_oom(p);	\
		else if (rc_ == PT_DONE)					\
			(err) = pt_error(p, PORTAL_ENOTFOUND, NULL, "no %s #%lld",	\
				noun, (long long)(id));				\
		else								\
			(err) = pt_store_fail(p, "reading " noun);		\
		pt_stmt_done(st);						\
	} while (0)

#endif
