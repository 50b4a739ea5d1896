/* SPDX-License-Identifier: MIT */
/*
 * sqlite.c - the SQLite driver: one shop in one file. Opening, checking
 * and migrating the file, and the engine's side of statements
 * (struct pt_driver, sql.h).
 */
#include "sqlite.h"
#include "sqlite_schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Long enough to wait out another writer (the CLI while the CGI serves),
 * short enough that a stuck lock surfaces as an error, not a hang. */
#define PT_BUSY_TIMEOUT_MS 5000

typedef struct {
	pt_stmt base;
	sqlite3_stmt *st;
} sq_stmt;

static sqlite3 *conn(portal *p)
{
	return (sqlite3 *)p->store->conn;
}

static int sq_exec(portal *p, const char *sql)
{
	return sqlite3_exec(conn(p), sql, NULL, NULL, NULL) == SQLITE_OK ? 0 : -1;
}

static const struct pt_driver sqlite_driver;

static pt_stmt *sq_prepare(portal *p, const char *sql)
{
	sq_stmt *s = calloc(1, sizeof(*s));

	if (s == NULL)
		return NULL;
	if (sqlite3_prepare_v3(conn(p), sql, -1, SQLITE_PREPARE_PERSISTENT, &s->st,
			NULL) != SQLITE_OK) {
		free(s);
		return NULL;
	}
	s->base.drv = &sqlite_driver;
	s->base.p = p;
	return &s->base;
}

#define SQ(st) (((sq_stmt *)(st))->st)

static void sq_finalize(pt_stmt *st)
{
	sqlite3_finalize(SQ(st));
	free(st);
}

static int sq_param_count(pt_stmt *st)
{
	return sqlite3_bind_parameter_count(SQ(st));
}

static const char *sq_param_name(pt_stmt *st, int i)
{
	return sqlite3_bind_parameter_name(SQ(st), i);
}

static int ok(int rc)
{
	return rc == SQLITE_OK ? 0 : -1;
}

static int sq_bind_int64(pt_stmt *st, int i, int64_t v)
{
	return ok(sqlite3_bind_int64(SQ(st), i, v));
}

static int sq_bind_double(pt_stmt *st, int i, double v)
{
	return ok(sqlite3_bind_double(SQ(st), i, v));
}

static int sq_bind_text(pt_stmt *st, int i, const char *s)
{
	return ok(sqlite3_bind_text(SQ(st), i, s, -1, SQLITE_TRANSIENT));
}

static int sq_bind_blob(pt_stmt *st, int i, const void *b, size_t n)
{
	return n > INT32_MAX ? -1 : ok(sqlite3_bind_blob(SQ(st), i, b, (int)n, SQLITE_TRANSIENT));
}

static int sq_bind_null(pt_stmt *st, int i)
{
	return ok(sqlite3_bind_null(SQ(st), i));
}

static int sq_step(pt_stmt *st)
{
	int rc = sqlite3_step(SQ(st));

	if (rc == SQLITE_ROW)
		return PT_ROW;
	return rc == SQLITE_DONE ? PT_DONE : -1;
}

static void sq_reset(pt_stmt *st)
{
	sqlite3_reset(SQ(st));
	sqlite3_clear_bindings(SQ(st));
}

static int sq_busy(pt_stmt *st)
{
	return sqlite3_stmt_busy(SQ(st));
}

static int sq_readonly(pt_stmt *st)
{
	return sqlite3_stmt_readonly(SQ(st));
}

static int sq_col_count(pt_stmt *st)
{
	return sqlite3_column_count(SQ(st));
}

static const char *sq_col_name(pt_stmt *st, int i)
{
	return sqlite3_column_name(SQ(st), i);
}

static pt_col_type sq_col_type(pt_stmt *st, int i)
{
	switch (sqlite3_column_type(SQ(st), i)) {
	case SQLITE_NULL: return PT_COL_NULL;
	case SQLITE_INTEGER: return PT_COL_INT;
	case SQLITE_FLOAT: return PT_COL_REAL;
	case SQLITE_BLOB: return PT_COL_BLOB;
	default: return PT_COL_TEXT;
	}
}

static int64_t sq_col_int64(pt_stmt *st, int i)
{
	return sqlite3_column_int64(SQ(st), i);
}

static double sq_col_double(pt_stmt *st, int i)
{
	return sqlite3_column_double(SQ(st), i);
}

static const char *sq_col_text(pt_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(SQ(st), i);
}

static const void *sq_col_blob(pt_stmt *st, int i, size_t *n)
{
	const void *b = sqlite3_column_blob(SQ(st), i);

	*n = (size_t)sqlite3_column_bytes(SQ(st), i);
	return b;
}

static int64_t sq_changes(portal *p)
{
	return sqlite3_changes64(conn(p));
}

static const char *sq_errmsg(portal *p)
{
	return sqlite3_errmsg(conn(p));
}

static int errcode(portal *p)
{
	return p->store->conn ? sqlite3_extended_errcode(conn(p)) : SQLITE_ERROR;
}

static int sq_err_nomem(portal *p)
{
	return errcode(p) == SQLITE_NOMEM;
}

static int sq_err_notadb(portal *p)
{
	return (errcode(p) & 0xff) == SQLITE_NOTADB;
}

/* Extended result codes are on: a taken number or key is
 * SQLITE_CONSTRAINT_UNIQUE (or _PRIMARYKEY), never plain
 * SQLITE_CONSTRAINT. */
static int sq_err_unique(portal *p)
{
	return errcode(p) == SQLITE_CONSTRAINT_UNIQUE ||
		errcode(p) == SQLITE_CONSTRAINT_PRIMARYKEY;
}

static int sq_err_constraint(portal *p)
{
	return (errcode(p) & 0xff) == SQLITE_CONSTRAINT;
}

static int sq_err_busy(portal *p)
{
	return (errcode(p) & 0xff) == SQLITE_BUSY || (errcode(p) & 0xff) == SQLITE_LOCKED;
}

/* IMMEDIATE takes the write lock now, so two writers queue on the busy
 * timeout instead of failing half way with SQLITE_BUSY. DEFERRED takes a
 * read snapshot at the first statement and never the write lock; in WAL
 * mode writers are not held up by it. */
static int sq_begin(portal *p, int writes)
{
	return sq_exec(p, writes ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

static void sq_close(portal *p)
{
	sqlite3_close(conn(p));
	p->store->conn = NULL;
}

static const struct pt_driver sqlite_driver = {
	PT_ENGINE_SQLITE,
	sq_exec, sq_prepare, sq_finalize, sq_param_count, sq_param_name,
	sq_bind_int64, sq_bind_double, sq_bind_text, sq_bind_blob, sq_bind_null,
	sq_step, sq_reset, NULL, sq_busy, sq_readonly,
	sq_col_count, sq_col_name, sq_col_type, sq_col_int64, sq_col_double,
	sq_col_text, sq_col_blob,
	sq_changes, sq_errmsg,
	sq_err_nomem, sq_err_notadb, sq_err_unique, sq_err_constraint, sq_err_busy,
	sq_begin, sq_close
};

static int pragma_int(portal *p, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(conn(p), sql, -1, &st, NULL) != SQLITE_OK)
		return pt_store_fail(p, "reading the database header");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return pt_store_fail(p, "reading the database header");
	return PORTAL_OK;
}

/* Run the migrations from the file's version up to the latest, in one
 * transaction with the version bump, so a failure leaves the old schema. */
static int migrate(portal *p, int from)
{
	char sql[64];
	int v, err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	for (v = from + 1; v <= pt_schema_latest() && err == 0; v++) {
		err = pt_store_exec_sql(p, pt_schema_migration(v), "migrating the schema");
		if (err == 0) {
			snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v);
			err = pt_store_exec_sql(p, sql, "migrating the schema");
		}
	}
	err = pt_store_end(p, err);
	if (err == 0)
		p->schema_version = pt_schema_latest();
	return err;
}

/* A new shop: the marker that says "portal database", and the secret key
 * that hashes access-link tokens, created once and never shown. */
static int create_shop(portal *p)
{
	char sql[64];
	int err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", PT_APPLICATION_ID);
	err = pt_store_exec_sql(p, sql, "creating the database");
	if (err == 0)
		err = pt_store_create_secret(p);
	return pt_store_end(p, err);
}

/* One transaction for the whole change, so that a failure anywhere leaves
 * the file as it was. Another process may have done the work while we
 * waited for the write lock: look again once we hold it. */
static int create_or_migrate(portal *p, int fresh)
{
	int version = 0, err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	err = pragma_int(p, "PRAGMA user_version", &version);
	if (err == 0 && version < pt_schema_latest())
		err = migrate(p, version);
	if (err == 0 && fresh && version == 0)
		err = create_shop(p);
	if (err == 0 && version >= pt_schema_latest())
		p->schema_version = version;
	return pt_store_end(p, err);
}

/* Decide what the file is before writing anything to it: a failed open
 * must leave a foreign file byte for byte as it was. */
static int check_identity(portal *p, const char *path, int *fresh)
{
	int app_id = 0, version = 0, empty = 0, err;

	*fresh = 0;
	if ((err = pragma_int(p, "PRAGMA application_id", &app_id)) < 0 ||
	    (err = pragma_int(p, "PRAGMA user_version", &version)) < 0 ||
	    (err = pragma_int(p, "SELECT count(*) = 0 FROM sqlite_schema", &empty)) < 0)
		return err == PORTAL_ESTORE ?
			pt_error(p, PORTAL_ENOTDB, NULL, "%s: not a portal database (%s)",
				path, sqlite3_errmsg(conn(p))) : err;
	if (app_id == 0 && version == 0 && empty) {
		if (!(p->store->flags & PORTAL_OPEN_CREATE))
			return pt_error(p, PORTAL_ENOTDB, NULL,
				"%s: empty file, not a portal database (run `portal init`)", path);
		*fresh = 1;
		return PORTAL_OK;
	}
	if (app_id != PT_APPLICATION_ID)
		return pt_error(p, PORTAL_ENOTDB, NULL,
			"%s: a SQLite database, but not a portal database", path);
	if (version > pt_schema_latest())
		return pt_error(p, PORTAL_EVERSION, NULL,
			"%s: schema version %d is newer than this libportal %s knows (%d); "
			"upgrade libportal", path, version, PORTAL_VERSION, pt_schema_latest());
	p->schema_version = version;
	return PORTAL_OK;
}

static int open_connection(portal *p, const char *path)
{
	int oflags = SQLITE_OPEN_NOMUTEX;
	sqlite3 *db = NULL;
	struct stat sb;

	if (p->store->flags & PORTAL_OPEN_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE;
	if (stat(path, &sb) != 0) {
		if (!(p->store->flags & PORTAL_OPEN_CREATE))
			return pt_error(p, PORTAL_ENOTFOUND, NULL,
				"%s: no such database (run `portal init`)", path);
		oflags |= SQLITE_OPEN_CREATE;
	} else if (!S_ISREG(sb.st_mode)) {
		return pt_error(p, PORTAL_ENOTDB, NULL, "%s: not a regular file", path);
	}
	if (sqlite3_open_v2(path, &db, oflags, NULL) != SQLITE_OK) {
		int err = pt_error(p, PORTAL_ESTORE, NULL, "%s: %s", path,
			db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		return err;
	}
	p->store->conn = db;
	p->store->drv = &sqlite_driver;
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, PT_BUSY_TIMEOUT_MS);
	return PORTAL_OK;
}

int pt_sqlite_open(portal *p, const char *path)
{
	int flags = p->store->flags;
	int fresh, err;

	if ((err = open_connection(p, path)) < 0 ||
	    (err = check_identity(p, path, &fresh)) < 0)
		return err;
	/* SQLite leaves references unchecked unless asked. */
	if ((err = pt_store_exec_sql(p, "PRAGMA foreign_keys = ON", "configuring")) < 0)
		return err;
	if (flags & PORTAL_OPEN_READONLY)
		return fresh ? pt_error(p, PORTAL_ENOTDB, NULL, "%s: empty file", path) : 0;
	/* WAL lets the web portal read while the shop writes. */
	if ((err = pt_store_exec_sql(p, "PRAGMA journal_mode = WAL", "configuring")) < 0 ||
	    (err = pt_store_exec_sql(p, "PRAGMA synchronous = NORMAL", "configuring")) < 0)
		return err;
	if (!fresh && p->schema_version == pt_schema_latest())
		return PORTAL_OK;
	return create_or_migrate(p, fresh);
}

sqlite3 *pt_sqlite_db(portal *p)
{
	return pt_store_engine(p) == PT_ENGINE_SQLITE && p->store ? conn(p) : NULL;
}

sqlite3_stmt *pt_sqlite_stmt(pt_stmt *st)
{
	return st->drv == &sqlite_driver ? SQ(st) : NULL;
}

int pt_store_schema_latest(void)
{
	return pt_schema_latest();
}
