/* SPDX-License-Identifier: MIT */
/*
 * sqlite.h - the SQLite driver's own objects, for the tests and
 * benchmarks that measure what SQLite does (steps through a table,
 * sorts) on a handle whose store is a SQLite file. Nothing in the
 * library above the driver includes it.
 */
#ifndef PORTAL_SQLITE_H
#define PORTAL_SQLITE_H

#include "sql.h"

#include <sqlite3.h>

/* PRAGMA application_id of every portal database: "port". */
#define PT_APPLICATION_ID 0x706f7274

/* The connection of a handle opened on a SQLite file; NULL on another
 * engine. */
sqlite3 *pt_sqlite_db(portal *p);

/* The SQLite statement under a cached statement of such a handle. */
sqlite3_stmt *pt_sqlite_stmt(pt_stmt *st);

#endif
