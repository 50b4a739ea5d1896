/* SPDX-License-Identifier: MIT */
/*
 * store_upkeep.c - backing up and checking a shop's database, on whichever
 * engine holds it (store_upkeep.h). A SQLite file is copied and checked
 * by SQLite itself (sqlite_upkeep.c); a PostgreSQL server keeps its own
 * pages and references, and is backed up with its own tools.
 */
#include "sql.h"
#include "store_upkeep.h"

#include <stdio.h>

int pt_store_backup(portal *p, const char *path)
{
	if (pt_store_engine(p) == PT_ENGINE_SQLITE)
		return pt_sqlite_backup(p, path);
	return pt_error(p, PORTAL_EINVAL, NULL, "a shop on PostgreSQL is backed up with the "
		"server's pg_dump, which copies every shop of the database at one moment "
		"(docs/deploy.md, \"Backups\")");
}

/* A server database answers, and is of the schema this library writes. */
static int check_server(portal *p, pt_check_fn cb, void *ctx)
{
	pt_stmt *st = pt_stmt_get(p, "SELECT 1");
	int rc;

	if (st == NULL)
		return cb(PT_CHECK_DAMAGE, "database", "the database does not answer", ctx);
	rc = pt_step(st);
	pt_stmt_done(st);
	if (rc != PT_ROW)
		return cb(PT_CHECK_DAMAGE, "database", "the database does not answer", ctx);
	return PORTAL_OK;
}

int pt_store_check(portal *p, pt_check_fn cb, void *ctx)
{
	char problem[160];
	int err;

	if (pt_store_engine(p) == PT_ENGINE_SQLITE)
		err = pt_sqlite_check(p, cb, ctx);
	else
		err = check_server(p, cb, ctx);
	if (err != 0)
		return err;
	if (p->schema_version != pt_store_schema_latest()) {
		snprintf(problem, sizeof(problem), "schema version %d, where this libportal "
			"writes %d", p->schema_version, pt_store_schema_latest());
		return cb(PT_CHECK_DAMAGE, "schema", problem, ctx);
	}
	return PORTAL_OK;
}
