/*
 * store.h - the storage layer: the only part of the library that speaks SQL.
 *
 * Modules validate and apply rules; they read and write records only
 * through the pt_store_* functions declared here and in store_*.h. A
 * PostgreSQL backend would implement this same interface.
 */
#ifndef PORTAL_STORE_H
#define PORTAL_STORE_H

#include "internal.h"
#include "record.h"

/* PRAGMA application_id of every portal database: "port". */
#define PT_APPLICATION_ID 0x706f7274

/* Open the database file of `p` (see portal_open()). */
int pt_store_open(portal *p, const char *path, int flags);
void pt_store_close(portal *p);

/* The newest schema version the migrations create. */
int pt_store_schema_latest(void);

/*
 * Transactions nest: only the outermost begin/end talk to SQLite, and a
 * failure anywhere inside rolls the whole outermost transaction back.
 * pt_store_end(p, err) commits when err is 0 and every inner part
 * succeeded, rolls back otherwise, and returns err (or the commit's error).
 */
int pt_store_begin(portal *p);
int pt_store_end(portal *p, int err);

/*
 * Begin a transaction that only reads: every statement until the matching
 * pt_store_end() sees one moment of the shop, without the write lock, so
 * writers go on and a read-only database can be read. Inside another
 * transaction it joins that one.
 */
int pt_store_read_begin(portal *p);

/* A number that names the outermost transaction now open, never the same
 * for two of them; 0 outside a transaction. What is read inside one may
 * be kept until it ends (settings.c). */
uint64_t pt_store_txn_serial(const portal *p);

/*
 * A cached prepared statement for `sql`, which must be a string literal
 * (the cache is keyed by its address). Returns NULL with the error set.
 * Every use ends with pt_stmt_done(), which resets it for the next use.
 */
sqlite3_stmt *pt_stmt(portal *p, const char *sql);
void pt_stmt_done(sqlite3_stmt *st);

/*
 * SQLite plans a statement before it sees its parameters, so it cannot
 * use an index for an optional filter like "?1 = 0 OR client_id = ?1":
 * that reads every row of the shop. A walk that may be limited to one
 * client has a second statement for that case, "client_id = ?1", which
 * finds the client's rows through their index: the portal's pages ask
 * for one client's rows only, on shops of a million invoices. The
 * shop-wide form leaves the client out altogether; both forms keep the
 * same parameter numbers, so one set of binds serves both (binding a
 * number a statement does not use is a harmless SQLITE_RANGE).
 * tests/test_view_scans.c proves that no view reads a table in full.
 */

/* Turn a failed SQLite call into PORTAL_ESTORE with a message saying `what`. */
int pt_store_fail(portal *p, const char *what);

/* Step a statement that returns no row; ends it. */
int pt_store_exec(portal *p, sqlite3_stmt *st, const char *what);

/* Bind helpers: text "" and NULL both bind as ''. */
int pt_bind_text(sqlite3_stmt *st, int i, const char *s);

/* A column as a malloc'ed string ("" for NULL); NULL only when out of memory. */
char *pt_col_strdup(sqlite3_stmt *st, int i);

/* Does any row of `table` exist? Only for the fixed names of store.c. */
int pt_store_count_clients(int64_t *out, portal *p);

/* Settings and secrets (store_settings.c). */
int pt_store_setting_get(char **out, portal *p, const char *key);
int pt_store_setting_put(portal *p, const char *key, const char *value);
/* Every stored setting; the callback must not call the library. */
int pt_store_setting_foreach(portal *p,
	int (*cb)(const char *key, const char *value, void *ctx), void *ctx);

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

/* Clients and addresses (store_client.c). Records are built by the
 * store and freed with the public _free() functions. */
int pt_store_client_insert(portal_id *out, portal *p, const portal_client *c);
int pt_store_client_update(portal *p, const portal_client *c);
int pt_store_client_get(portal_client **out, portal *p, portal_id id);
/* `digits`: the digits of the search, matched against stored phones. */
int pt_store_client_foreach(portal *p, const char *search, const char *digits,
	int (*cb)(const portal_client *c, void *ctx), void *ctx);
int pt_store_address_insert(portal_id *out, portal *p, const portal_address *a,
	const char *house_key);
int pt_store_address_update(portal *p, const portal_address *a, const char *house_key);
int pt_store_address_get(portal_address **out, portal *p, portal_id id);
int pt_store_address_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_address *a, void *ctx), void *ctx);
int pt_store_address_first(portal_id *out, portal *p, portal_id client_id);

/* Assets and technicians (store_asset.c). */
int pt_store_asset_insert(portal_id *out, portal *p, const portal_asset *a);
int pt_store_asset_get(portal_asset **out, portal *p, portal_id id);
int pt_store_asset_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_asset *a, void *ctx), void *ctx);
int pt_store_tech_insert(portal_id *out, portal *p, const portal_tech *t);
int pt_store_tech_set_active(portal *p, portal_id id, int active);
int pt_store_tech_get(portal_tech **out, portal *p, portal_id id);
int pt_store_tech_foreach(portal *p, int (*cb)(const portal_tech *t, void *ctx), void *ctx);

/* Jobs and their events (store_job.c). */
int pt_store_job_insert(portal_id *out, portal *p, const portal_job *j);
int pt_store_job_event_insert(portal *p, portal_id job_id, portal_job_status status,
	portal_time at, const char *note);
/* The job without its events, or with them when `with_events`. */
int pt_store_job_get(portal_job **out, portal *p, portal_id id, int with_events);
int pt_store_job_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_job *j, void *ctx), void *ctx);

#endif
