/* SPDX-License-Identifier: MIT */
/*
 * store_upkeep.h - keeping a shop's database: a consistent copy of it,
 * and a check of what the engine itself can find wrong in it.
 */
#ifndef PORTAL_STORE_UPKEEP_H
#define PORTAL_STORE_UPKEEP_H

#include "store.h"

/* What a check found: the database itself is damaged, or the shop is not
 * set up as a real shop must be (core/upkeep.c). */
#define PT_CHECK_DAMAGE 1
#define PT_CHECK_SETUP 2

/* Told each finding; non-zero stops the check and is returned. */
typedef int (*pt_check_fn)(int kind, const char *subject, const char *problem, void *ctx);

/* Copy the shop to the file `path`, replaced whole only once the copy is
 * complete and checked; a SQLite shop only (a server's shops are backed up
 * with the server's own tools). */
int pt_store_backup(portal *p, const char *path);

/* Tell `cb` what the engine finds wrong in the database: damaged pages,
 * rows that refer to rows that are gone, a schema of another version. */
int pt_store_check(portal *p, pt_check_fn cb, void *ctx);

/* The drivers' own (sqlite_upkeep.c). */
int pt_sqlite_backup(portal *p, const char *path);
int pt_sqlite_check(portal *p, pt_check_fn cb, void *ctx);

#endif
