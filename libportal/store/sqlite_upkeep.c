/* SPDX-License-Identifier: MIT */
/*
 * sqlite_upkeep.c - a SQLite shop's backup and check (store_upkeep.h).
 *
 * The backup is SQLite's online backup: the pages of one moment of the
 * shop, read while the portal goes on serving, written to a new file
 * beside the target, checked, flushed to disk and only then renamed over
 * it. A backup that fails leaves the previous one as it was. The file
 * holds every customer's data and the shop's secret: it is made readable
 * by its owner only.
 */
#include "sqlite.h"
#include "store_upkeep.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Is `path` the shop's own file (or the same file by another name)? */
static int is_shop_file(sqlite3 *db, const char *path)
{
	const char *own = sqlite3_db_filename(db, "main");
	struct stat a, b;

	return own != NULL && stat(own, &a) == 0 && stat(path, &b) == 0 &&
		a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* Copy every page of the shop into `copy`, at one moment. */
static int copy_pages(portal *p, sqlite3 *shop, sqlite3 *copy)
{
	sqlite3_backup *b = sqlite3_backup_init(copy, "main", shop, "main");
	int rc;

	if (b == NULL)
		return pt_error(p, PORTAL_ESTORE, NULL, "backing up: %s", sqlite3_errmsg(copy));
	/* All pages in one step: one read transaction, one moment of the
	 * shop, whatever the portal writes meanwhile (it waits for no one:
	 * the shop is in WAL mode). */
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
		sqlite3_sleep(50);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE)
		return pt_error(p, rc == SQLITE_NOMEM ? PORTAL_ENOMEM : PORTAL_ESTORE, NULL,
			"backing up: %s", sqlite3_errstr(rc));
	return PORTAL_OK;
}

/* The copy reads back whole before it replaces anything. */
static int check_copy(portal *p, sqlite3 *copy)
{
	sqlite3_stmt *st = NULL;
	int ok;

	if (sqlite3_prepare_v2(copy, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
		return pt_error(p, PORTAL_ESTORE, NULL, "checking the backup: %s",
			sqlite3_errmsg(copy));
	ok = sqlite3_step(st) == SQLITE_ROW &&
		strcmp((const char *)sqlite3_column_text(st, 0), "ok") == 0;
	sqlite3_finalize(st);
	return ok ? PORTAL_OK : pt_error(p, PORTAL_ESTORE, NULL,
		"the backup did not read back whole; nothing was replaced");
}

/* Write the shop into the new file `tmp`, and flush it to disk. */
static int write_copy(portal *p, const char *tmp)
{
	sqlite3 *copy = NULL;
	int err, fd;

	if (sqlite3_open_v2(tmp, &copy, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		err = pt_error(p, PORTAL_ESTORE, NULL, "%s: %s", tmp,
			copy ? sqlite3_errmsg(copy) : "cannot open");
		sqlite3_close(copy);
		return err;
	}
	if ((err = copy_pages(p, pt_sqlite_db(p), copy)) == 0)
		err = check_copy(p, copy);
	sqlite3_close(copy);
	if (err == 0 && ((fd = open(tmp, O_RDONLY)) < 0 || fsync(fd) != 0 || close(fd) != 0))
		err = pt_error(p, PORTAL_ESTORE, NULL, "%s: %s", tmp, strerror(errno));
	return err;
}

int pt_sqlite_backup(portal *p, const char *path)
{
	size_t len = strlen(path) + sizeof(".tmp-XXXXXX");
	char *tmp;
	int fd, err;

	if (is_shop_file(pt_sqlite_db(p), path))
		return pt_error(p, PORTAL_EINVAL, NULL, "%s is the shop's database itself; "
			"back it up to another file", path);
	if ((tmp = malloc(len)) == NULL)
		return pt_oom(p);
	snprintf(tmp, len, "%s.tmp-XXXXXX", path);
	/* A new file of its own, readable by its owner only. */
	if ((fd = mkstemp(tmp)) < 0) {
		err = pt_error(p, PORTAL_ESTORE, NULL, "cannot write a backup beside %s: %s",
			path, strerror(errno));
		free(tmp);
		return err;
	}
	close(fd);
	if ((err = write_copy(p, tmp)) == 0 && rename(tmp, path) != 0)
		err = pt_error(p, PORTAL_ESTORE, NULL, "%s: %s", path, strerror(errno));
	if (err != 0)
		unlink(tmp);
	free(tmp);
	return err;
}

/* Each line of an integrity check that is not "ok" is a damaged part. */
static int integrity(portal *p, pt_check_fn cb, void *ctx)
{
	sqlite3_stmt *st = NULL;
	int rc, err = 0;

	if (sqlite3_prepare_v2(pt_sqlite_db(p), "PRAGMA integrity_check(20)", -1, &st,
		NULL) != SQLITE_OK)
		return cb(PT_CHECK_DAMAGE, "database", sqlite3_errmsg(pt_sqlite_db(p)), ctx);
	while (err == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);

		if (line != NULL && strcmp(line, "ok") != 0)
			err = cb(PT_CHECK_DAMAGE, "database", line, ctx);
	}
	if (err == 0 && rc != SQLITE_DONE)
		err = cb(PT_CHECK_DAMAGE, "database", sqlite3_errmsg(pt_sqlite_db(p)), ctx);
	sqlite3_finalize(st);
	return err;
}

/* A row whose reference names a row that is gone. */
static int references(portal *p, pt_check_fn cb, void *ctx)
{
	sqlite3_stmt *st = NULL;
	char problem[200];
	int rc, err = 0;

	if (sqlite3_prepare_v2(pt_sqlite_db(p), "PRAGMA foreign_key_check", -1, &st,
		NULL) != SQLITE_OK)
		return cb(PT_CHECK_DAMAGE, "references", sqlite3_errmsg(pt_sqlite_db(p)), ctx);
	while (err == 0 && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(problem, sizeof(problem), "row %lld of %s refers to a row of %s "
			"that does not exist", (long long)sqlite3_column_int64(st, 1),
			(const char *)sqlite3_column_text(st, 0),
			(const char *)sqlite3_column_text(st, 2));
		err = cb(PT_CHECK_DAMAGE, "references", problem, ctx);
	}
	if (err == 0 && rc != SQLITE_DONE)
		err = cb(PT_CHECK_DAMAGE, "references", sqlite3_errmsg(pt_sqlite_db(p)), ctx);
	sqlite3_finalize(st);
	return err;
}

int pt_sqlite_check(portal *p, pt_check_fn cb, void *ctx)
{
	int err;

	if ((err = integrity(p, cb, ctx)) != 0)
		return err;
	return references(p, cb, ctx);
}
