/* SPDX-License-Identifier: MIT */
/*
 * portal/upkeep.h - keeping a shop's database: a backup taken while the
 * portal serves, and a check of the database and of the settings a real
 * shop must make.
 */
#ifndef PORTAL_UPKEEP_H
#define PORTAL_UPKEEP_H

#include "common.h"

PORTAL_BEGIN_DECL

/**
 * Copy the shop of `p` to the file `path`: the shop as it was at one
 * moment, taken while the portal goes on serving and writing. The copy is
 * written beside `path`, read back, flushed to disk and only then renamed
 * over `path`, so a failed backup leaves an earlier one at `path` as it
 * was. The file holds every customer's data and the shop's secret key; it
 * is readable by its owner only. The copy is itself a shop database:
 * restoring is opening it (or copying it back while nothing serves).
 *
 * A shop on PostgreSQL is backed up with the server's `pg_dump`, which
 * this refuses with PORTAL_EINVAL and a sentence saying so.
 *
 * @return PORTAL_OK; PORTAL_EINVAL when `path` is the shop's own file or
 *         the shop is on PostgreSQL; PORTAL_ESTORE when the copy cannot be
 *         written (the message says why)
 */
PORTAL_EXTERN(int) portal_backup(portal *p, const char *path);

/** What a finding of portal_check() is about. */
typedef enum portal_check_kind {
	/** The database itself: damaged pages, rows referring to rows that
	 *  are gone, a schema of another version. Restore from a backup. */
	PORTAL_CHECK_DAMAGE = 1,
	/** A setting a real shop must make and this one has not. */
	PORTAL_CHECK_SETUP = 2
} portal_check_kind;

/** One thing portal_check() found wrong. Valid during the callback. */
typedef struct portal_check_finding {
	portal_check_kind kind;
	/** What it is about: "database", "references", "schema", or the
	 *  name of a setting ("timezone"). */
	const char *subject;
	/** What is wrong, and for a setting what to do: one sentence. */
	const char *problem;
} portal_check_finding;

/**
 * Check the shop of `p`: the database's pages and references (SQLite's
 * integrity and foreign key checks; a PostgreSQL server keeps its own, and
 * is only asked to answer), its schema version, and the settings that a
 * shop serving customers must set: its name, time zone, public URL, email
 * and phone. Each finding is given to `cb`, which returns 0 to go on or
 * anything else to stop the check (that value is returned). Reads only.
 *
 * @return PORTAL_OK once every check ran, whatever was found; the
 *         callback's value when it stopped; a negative PORTAL_E* code
 *         when the checks could not run
 */
PORTAL_EXTERN(int) portal_check(portal *p,
	int (*cb)(const portal_check_finding *f, void *ctx), void *ctx);

/**
 * Does the shop's database answer? One small read, for a health check
 * that a load balancer calls often.
 * @return PORTAL_OK, or the error that the read met
 */
PORTAL_EXTERN(int) portal_ping(portal *p);

PORTAL_END_DECL

#endif
