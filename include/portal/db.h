/* SPDX-License-Identifier: MIT */
/*
 * portal/db.h - opening and closing a shop database.
 *
 * A shop is one SQLite file (the embedded default), or one of many shops
 * in a PostgreSQL database (portal_open_shop()). A `portal` handle owns
 * the connection, the last error message and the clock. A handle may be used by one thread at
 * a time; open one handle per thread.
 */
#ifndef PORTAL_DB_H
#define PORTAL_DB_H

#include "common.h"

PORTAL_BEGIN_DECL

/** Flags for portal_open(). */
enum {
	/** Open an existing portal database (the default). */
	PORTAL_OPEN_DEFAULT = 0,
	/**
	 * Create the file if it is missing, and create the schema and the
	 * shop's secret when the file is new or empty.
	 */
	PORTAL_OPEN_CREATE = 1 << 0,
	/** Open read-only: every write fails with PORTAL_ESTORE. */
	PORTAL_OPEN_READONLY = 1 << 1
};

/**
 * Open the shop database at `path`.
 *
 * A database written by an older libportal is migrated forward in one
 * transaction. Nothing in the file is changed when opening fails: a file
 * that is not a portal database gives PORTAL_ENOTDB, one written by a
 * newer libportal gives PORTAL_EVERSION, a missing file without
 * PORTAL_OPEN_CREATE gives PORTAL_ENOTFOUND.
 *
 * Like sqlite3_open(), `*out` is set to a handle even when opening fails,
 * so that portal_errmsg(*out) can tell why; it is NULL only when memory ran
 * out. In every case the caller releases `*out` with portal_close().
 *
 * @param out    receives the handle
 * @param path   the database file
 * @param flags  PORTAL_OPEN_* flags, or-ed together
 * @return PORTAL_OK or a negative PORTAL_E* code
 */
PORTAL_EXTERN(int) portal_open(portal **out, const char *path, int flags);

/**
 * Open a shop by its target: a SQLite file's path (then `shop` is NULL
 * or ""), or a PostgreSQL connection string ("postgresql://...", libpq's
 * URI form) and the name of a shop held there.
 *
 * On PostgreSQL the database holds many shops, each row with its shop,
 * and the connection sees only the shop it opened (row-level security).
 * PORTAL_OPEN_CREATE makes the schema when the database has none, and
 * the shop when it is missing; without it a missing shop gives
 * PORTAL_ENOTFOUND and a disabled one PORTAL_EDENIED. A library built
 * without PostgreSQL answers PORTAL_EINVAL for such a target.
 *
 * `*out` is set as by portal_open(), and released with portal_close().
 *
 * @param out     receives the handle
 * @param target  a file's path or a postgresql:// connection string
 * @param shop    the shop's name on PostgreSQL; NULL or "" for a file
 * @param flags   PORTAL_OPEN_* flags, or-ed together
 * @return PORTAL_OK or a negative PORTAL_E* code
 */
PORTAL_EXTERN(int) portal_open_shop(portal **out, const char *target, const char *shop,
	int flags);

/**
 * What `p` was opened on, as it may be printed or logged: a file's path,
 * or the shop and its PostgreSQL database ("shop north on
 * postgresql://portal_app@/portal"), never a password the connection
 * string carries. Valid until portal_close(); "" for NULL.
 */
PORTAL_EXTERN(const char *) portal_db_label(const portal *p);

/** Close `p` and free everything it owns. NULL is a no-op. */
PORTAL_EXTERN(void) portal_close(portal *p);

/** The schema version of the open database (PRAGMA user_version). */
PORTAL_EXTERN(int) portal_schema_version(const portal *p);

/** The newest schema version this library knows how to create. */
PORTAL_EXTERN(int) portal_schema_version_supported(void);

/**
 * A source of the current time. Rules ("is this estimate expired?") ask
 * the handle's clock, never the system's directly, so that tests and
 * previews can fix "now".
 */
typedef portal_time (*portal_clock_fn)(void *ctx);

/**
 * Replace the clock of `p`. A NULL `fn` restores the system clock. `ctx`
 * is passed to `fn` and stays owned by the caller.
 */
PORTAL_EXTERN(void) portal_set_clock(portal *p, portal_clock_fn fn, void *ctx);

/**
 * Fix the clock of `p` at `now` (UTC seconds) until the next call to
 * portal_set_clock() or portal_set_now().
 */
PORTAL_EXTERN(void) portal_set_now(portal *p, portal_time now);

/** The current time according to the clock of `p`. */
PORTAL_EXTERN(portal_time) portal_now(portal *p);

PORTAL_END_DECL

#endif
