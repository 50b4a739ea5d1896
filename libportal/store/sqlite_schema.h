/* SPDX-License-Identifier: MIT */
/*
 * sqlite_schema.h - the migrations that build the schema.
 */
#ifndef PORTAL_SQLITE_SCHEMA_H
#define PORTAL_SQLITE_SCHEMA_H

/* The schema version after the last migration. */
int pt_schema_latest(void);

/* The SQL that migrates version-1 to `version`, or NULL. */
const char *pt_schema_migration(int version);

#endif
