/* SPDX-License-Identifier: MIT */
/*
 * store.h - the storage layer's neutral interface: records in, records
 * out, in transactions. No type of a database engine appears here or in
 * store_*.h. The functions are the store's sql_*.c files, which run
 * their SQL through sql.h on whichever engine holds the shop: a SQLite
 * file (sqlite.c) or a PostgreSQL database of many shops (pg.c).
 *
 * What every backend promises, and every caller may rely on:
 *
 * - One writer per shop. pt_store_begin() takes the shop's write lock
 *   (SQLite: BEGIN IMMEDIATE on the shop's file; a server database: a
 *   per-shop lock taken by the transaction), waiting a bounded time for
 *   it. Every write of the library runs inside such a transaction, so
 *   what is read there to compute a write (the next invoice number, a
 *   line's position, a rate limit's count, an outbox claim) cannot change
 *   before the write commits. A write outside a transaction is refused.
 * - A failed statement fails its transaction: no caller goes on writing
 *   after one. A caller that must carry on past a refused record (an
 *   import) wraps it in pt_store_savepoint() and pt_store_release().
 * - No result set stays open while a walk calls back: a walk hands each
 *   record to its callback, which may read through the library (any get
 *   or walk but the same walk) and must not write.
 * - Text is UTF-8: every text bound is valid UTF-8, bytes that are not
 *   are replaced by U+FFFD.
 */
#ifndef PORTAL_STORE_H
#define PORTAL_STORE_H

#include "internal.h"
#include "record.h"

/* Open the shop of `p`: a SQLite file, or `shop` on the PostgreSQL
 * database of a postgresql:// `target` (see portal_open_shop()). With
 * PT_OPEN_HOST among `flags`, open the host of a PostgreSQL database
 * instead, bound to no shop (portal/host.h). */
#define PT_OPEN_HOST (1 << 16)
int pt_store_open(portal *p, const char *target, const char *shop, int flags);

/* Make a new shop's secret key that hashes access-link tokens (store.c);
 * inside the transaction that makes the shop. */
int pt_store_create_secret(portal *p);

/* PORTAL_OK on a handle opened with PT_OPEN_HOST, else the refusal. */
int pt_store_require_host(portal *p);

/* The host's shops (sql_host.c); only on a handle opened with
 * PT_OPEN_HOST. */
int pt_store_host_shop_disable(portal *p, const char *name, portal_time disabled_at);
int pt_store_host_shop_foreach(portal *p,
	int (*cb)(const portal_host_shop *shop, void *ctx), void *ctx);
/* Inside a writing transaction of a host's handle: a new shop named
 * `shop`, with nothing in it (no secret either), the handle bound to it
 * from here on; PORTAL_EEXISTS when the name is taken (pg.c). A rolled
 * back transaction leaves no shop: switch the handle away after one. */
int pt_store_host_shop_create(portal *p, const char *shop);
/* Bind the handle to another shop of its PostgreSQL database, or to
 * none when `shop` is NULL (pg.c). */
int pt_store_shop_switch(portal *p, const char *shop);
/* Grant `role` the use of the host's tables (pg.c). */
int pt_store_host_grant(portal *p, const char *role);
/* Was the handle opened as a host's? */
int pt_store_is_host(const portal *p);
/* What the handle was opened on, as it may be printed (portal_db_label()). */
const char *pt_store_label(const portal *p);
void pt_store_close(portal *p);

/* The newest schema version the migrations create. */
int pt_store_schema_latest(void);

/*
 * Transactions nest: only the outermost begin/end talk to the engine, and a
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

/*
 * A part of a writing transaction that can fail alone: after
 * pt_store_release(p, err) with err < 0, what the part wrote is undone
 * and the transaction goes on as if it had not been tried (SAVEPOINT,
 * ROLLBACK TO). For a caller that reports a refused record and carries
 * on with the next, as an import does. pt_store_release() returns err,
 * or the error of ending the part.
 */
int pt_store_savepoint(portal *p);
int pt_store_release(portal *p, int err);

/* A number that names the outermost transaction now open, never the same
 * for two of them; 0 outside a transaction. What is read inside one may
 * be kept until it ends (settings.c). */
uint64_t pt_store_txn_serial(const portal *p);

/* Does any row of `table` exist? Only for the fixed names of store.c. */
int pt_store_count_clients(int64_t *out, portal *p);

/* Settings and secrets (store_settings.c). */
int pt_store_setting_get(char **out, portal *p, const char *key);
int pt_store_setting_put(portal *p, const char *key, const char *value);
/* Every stored setting; the callback must not call the library. */
int pt_store_setting_foreach(portal *p,
	int (*cb)(const char *key, const char *value, void *ctx), void *ctx);

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
