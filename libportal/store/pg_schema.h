/* SPDX-License-Identifier: MIT */
/*
 * pg_schema.h - the migrations that build the PostgreSQL schema, and the
 * privileges a connecting role needs on it.
 */
#ifndef PORTAL_PG_SCHEMA_H
#define PORTAL_PG_SCHEMA_H

/* The newest schema version the PostgreSQL migrations create; equals
 * SQLite's (pt_schema_latest()). */
int pt_pg_schema_latest(void);

/* The SQL, several statements for one PQexec(), that takes a database from
 * version-1 to `version`, or NULL when `version` is out of range. An empty
 * database goes from 0 straight to 7, which makes the whole schema; 1 to 6
 * give "". The SQL is static and is not freed. */
const char *pt_pg_schema_migration(int version);

/* The SQL, several statements for one PQexec(), that lets `quoted_role`
 * (a role name already quoted, as PQescapeIdentifier() gives it) use the
 * schema: read and write every shop's tables under row-level security,
 * add and change shops, read the database's mark and version. It assumes
 * the schema was made in "public". The caller frees the result with
 * free(); NULL when out of memory. */
char *pt_pg_schema_grant_sql(const char *quoted_role);

#endif
