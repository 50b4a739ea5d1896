/*
 * store.c - the SQLite connection: opening, checking and migrating the
 * file, transactions and the prepared-statement cache.
 */
#include "sqlite.h"
#include "sqlite_schema.h"
#include "validate.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Long enough to wait out another writer (the CLI while the CGI serves),
 * short enough that a stuck lock surfaces as an error, not a hang. */
#define PT_BUSY_TIMEOUT_MS 5000

void pt_store_statement_failed(portal *p)
{
	/* A server database refuses every statement of a transaction after
	 * one failed; so does this store, so no caller learns to go on. */
	if (p->store != NULL && p->store->txn_depth > 0)
		p->store->aborted = 1;
}

int pt_store_fail(portal *p, const char *what)
{
	sqlite3 *db = p->store ? p->store->db : NULL;
	int rc = db ? sqlite3_extended_errcode(db) : SQLITE_ERROR;
	const char *msg = db ? sqlite3_errmsg(db) : "no database";

	pt_store_statement_failed(p);
	if (rc == SQLITE_NOMEM)
		return pt_oom(p);
	if ((rc & 0xff) == SQLITE_NOTADB)
		return pt_error(p, PORTAL_ENOTDB, NULL, "%s: not a portal database", what);
	return pt_error(p, PORTAL_ESTORE, NULL, "%s: %s", what, msg);
}

/* A handle whose opening failed has no store; every call on it says so
 * rather than touching a connection that is not there. */
static int no_store(portal *p)
{
	return pt_error(p, PORTAL_ESTORE, NULL, "no database is open");
}

/* Is a walk going on: a result set of the handle still open? */
static int walk_open(const struct pt_store *s)
{
	for (size_t i = 0; i < PT_STMT_CACHE && s->stmts[i].sql != NULL; i++)
		if (sqlite3_stmt_busy(s->stmts[i].stmt))
			return 1;
	return 0;
}

/*
 * The store's promises (store.h) that its callers must keep, checked on
 * each use of a statement that writes: never inside a transaction that
 * only reads (it holds no write lock, and its snapshot may be stale), and
 * never while a walk's result set is open, which a server database would
 * not allow. A break is a programming error, refused before it writes.
 * A write outside any transaction is a transaction of its own, which
 * SQLite runs under the write lock like any other.
 */
static int check_write(portal *p, sqlite3_stmt *st)
{
	const struct pt_store *s = p->store;

	if (sqlite3_stmt_readonly(st))
		return PORTAL_OK;
	if (s->txn_depth > 0 && !s->txn_writes)
		return pt_error(p, PORTAL_ERROR, NULL, "a write inside a read-only transaction");
	if (walk_open(s))
		return pt_error(p, PORTAL_ERROR, NULL, "a write while a walk is going on");
	return PORTAL_OK;
}

int pt_store_require_lock(portal *p, const char *what)
{
	if (p->store != NULL && p->store->txn_depth > 0 && p->store->txn_writes)
		return PORTAL_OK;
	return pt_error(p, PORTAL_ERROR, NULL,
		"%s outside a writing transaction: what it reads could change before the "
		"write that depends on it", what);
}

/*
 * Are the parameters of `st` numbered 1 to n with every number used? A
 * server database must tell the type of each parameter from where the
 * statement uses it, so it refuses a statement that skips a number. A
 * gap (or an unnumbered "?") is a programming error, refused here so that
 * the tests find it on SQLite too.
 */
static int parameters_numbered(sqlite3_stmt *st)
{
	int n = sqlite3_bind_parameter_count(st);

	for (int i = 1; i <= n; i++)
		if (sqlite3_bind_parameter_name(st, i) == NULL)
			return 0;
	return 1;
}

/* The cached statement for `sql`, or its slot in the cache (NULL). */
static sqlite3_stmt *cached(portal *p, const char *sql, size_t *slot)
{
	size_t i;

	for (i = 0; i < PT_STMT_CACHE && p->store->stmts[i].sql != NULL; i++)
		if (p->store->stmts[i].sql == sql)
			break;
	*slot = i;
	return i < PT_STMT_CACHE ? p->store->stmts[i].stmt : NULL;
}

sqlite3_stmt *pt_stmt(portal *p, const char *sql)
{
	sqlite3_stmt *st;
	size_t i;

	if (p->store == NULL) {
		no_store(p);
		return NULL;
	}
	if (p->store->txn_depth > 0 && p->store->aborted) {
		pt_error(p, PORTAL_ERROR, NULL, "a statement after a failed one in the same "
			"transaction");
		return NULL;
	}
	if ((st = cached(p, sql, &i)) != NULL) {
		/* A walk's callback that starts the same walk would reset the
		 * statement under its caller's feet. */
		if (sqlite3_stmt_busy(st)) {
			pt_error(p, PORTAL_ERROR, NULL,
				"a foreach callback cannot start the same kind of walk");
			return NULL;
		}
		return check_write(p, st) == 0 ? st : NULL;
	}
	if (sqlite3_prepare_v3(p->store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		pt_store_fail(p, "preparing a query");
		return NULL;
	}
	if (i == PT_STMT_CACHE) {
		/* The cache is full: a programming error worth hearing about
		 * in tests. */
		sqlite3_finalize(st);
		pt_error(p, PORTAL_ERROR, NULL, "statement cache full");
		return NULL;
	}
	if (!parameters_numbered(st)) {
		sqlite3_finalize(st);
		pt_error(p, PORTAL_ERROR, NULL, "a query whose parameters skip a number");
		return NULL;
	}
	p->store->stmts[i].sql = sql;
	p->store->stmts[i].stmt = st;
	return check_write(p, st) == 0 ? st : NULL;
}

sqlite3_stmt *pt_stmt_client(portal *p, portal_id client_id, const char *sql_client,
	const char *sql_all, int *next)
{
	sqlite3_stmt *st = pt_stmt(p, client_id ? sql_client : sql_all);

	if (st != NULL && client_id)
		sqlite3_bind_int64(st, 1, client_id);
	if (next != NULL)
		*next = client_id ? 2 : 1;
	return st;
}

void pt_stmt_done(sqlite3_stmt *st)
{
	if (st != NULL) {
		sqlite3_reset(st);
		sqlite3_clear_bindings(st);
	}
}

int pt_store_exec(portal *p, sqlite3_stmt *st, const char *what)
{
	int rc = sqlite3_step(st);
	int err = PORTAL_OK;

	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		err = pt_store_fail(p, what);
	pt_stmt_done(st);
	return err;
}

int pt_store_insert(portal_id *out, portal *p, sqlite3_stmt *st, const char *what)
{
	portal_id id = 0;
	int rc = sqlite3_step(st);

	/* The row is written by the first step, which gives its id; the
	 * second runs the statement to its end. */
	if (rc == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	if (rc != SQLITE_DONE) {
		rc = pt_store_fail(p, what);
		pt_stmt_done(st);
		return rc;
	}
	pt_stmt_done(st);
	if (out != NULL)
		*out = id;
	return PORTAL_OK;
}

int pt_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	char *repaired;
	int rc;

	if (s == NULL || pt_utf8_valid(s))
		return sqlite3_bind_text(st, i, s ? s : "", -1, SQLITE_TRANSIENT);
	/* The fields people type are refused when they are not UTF-8; this
	 * is for the text the library did not check, so the store never
	 * holds bytes a server database or a JSON document would refuse. */
	if ((repaired = pt_utf8_repaired(s)) == NULL)
		return SQLITE_NOMEM;
	rc = sqlite3_bind_text(st, i, repaired, -1, SQLITE_TRANSIENT);
	free(repaired);
	return rc;
}

char *pt_col_strdup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return pt_strdup(s ? (const char *)s : "");
}

static int exec_sql(portal *p, const char *sql, const char *what)
{
	if (sqlite3_exec(p->store->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return pt_store_fail(p, what);
	return PORTAL_OK;
}

/* Begin the outermost transaction, writing or only reading, or join the
 * one open. */
static int begin(portal *p, int writes)
{
	struct pt_store *s = p->store;
	int err;

	if (s == NULL)
		return no_store(p);
	if (s->txn_depth++ > 0)
		return PORTAL_OK;
	s->txn_failed = 0;
	s->aborted = 0;
	s->sp_depth = 0;
	s->txn_writes = writes;
	s->txn_serial++;
	/* IMMEDIATE takes the write lock now, so two writers queue on the
	 * busy timeout instead of failing half way with SQLITE_BUSY.
	 * DEFERRED takes a read snapshot at the first statement and never
	 * the write lock; in WAL mode writers are not held up by it. */
	if ((err = exec_sql(p, writes ? PT_SQL_BEGIN_WRITE : PT_SQL_BEGIN_READ,
			writes ? "starting a transaction" : "starting a read")) < 0)
		s->txn_depth = 0;
	return err;
}

int pt_store_begin(portal *p)
{
	return begin(p, 1);
}

int pt_store_read_begin(portal *p)
{
	return begin(p, 0);
}

int pt_store_end(portal *p, int err)
{
	if (p->store == NULL || p->store->txn_depth <= 0)
		return err;
	if (err < 0)
		p->store->txn_failed = 1;
	if (--p->store->txn_depth > 0)
		return err;
	if (p->store->txn_failed) {
		/* Keep the message of the failure, not of the rollback. */
		sqlite3_exec(p->store->db, "ROLLBACK", NULL, NULL, NULL);
		return err < 0 ? err : PORTAL_ERROR;
	}
	if (sqlite3_exec(p->store->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		err = pt_store_fail(p, "committing");
		sqlite3_exec(p->store->db, "ROLLBACK", NULL, NULL, NULL);
	}
	return err;
}

static int pragma_int(portal *p, const char *sql, int *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (sqlite3_prepare_v2(p->store->db, sql, -1, &st, NULL) != SQLITE_OK)
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
		err = exec_sql(p, pt_schema_migration(v), "migrating the schema");
		if (err == 0) {
			snprintf(sql, sizeof(sql), PT_SQL_SET_USER_VERSION, v);
			err = exec_sql(p, sql, "migrating the schema");
		}
	}
	err = pt_store_end(p, err);
	if (err == 0)
		p->schema_version = pt_schema_latest();
	return err;
}

/* A new shop: the schema, the marker that says "portal database", and the
 * secret key that hashes access-link tokens, created once and never shown. */
static int create_shop(portal *p)
{
	static const char sql_secret[] =
		"INSERT INTO secrets (name, value) VALUES ('link_key', ?1)";
	unsigned char key[32];
	sqlite3_stmt *st;
	char sql[64];
	int err;

	if (sodium_init() < 0)
		return pt_error(p, PORTAL_ERROR, NULL, "libsodium failed to initialise");
	randombytes_buf(key, sizeof(key));
	if ((err = pt_store_begin(p)) < 0)
		return err;
	snprintf(sql, sizeof(sql), PT_SQL_SET_APPLICATION_ID, PT_APPLICATION_ID);
	err = exec_sql(p, sql, "creating the database");
	if (err == 0 && (st = pt_stmt(p, sql_secret)) == NULL)
		err = PORTAL_ESTORE;
	else if (err == 0) {
		sqlite3_bind_blob(st, 1, key, sizeof(key), SQLITE_TRANSIENT);
		err = pt_store_exec(p, st, "creating the shop's secret");
	}
	sodium_memzero(key, sizeof(key));
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
	err = pragma_int(p, PT_SQL_USER_VERSION, &version);
	if (err == 0 && version < pt_schema_latest())
		err = migrate(p, version);
	if (err == 0 && fresh && version == 0)
		err = create_shop(p);
	if (err == 0 && version >= pt_schema_latest())
		p->schema_version = version;
	return pt_store_end(p, err);
}

static int is_empty_database(portal *p, int *empty)
{
	return pragma_int(p, PT_SQL_IS_EMPTY, empty);
}

/* Decide what the file is before writing anything to it: a failed open
 * must leave a foreign file byte for byte as it was. */
static int check_identity(portal *p, const char *path, int *fresh)
{
	int app_id = 0, version = 0, empty = 0, err;

	*fresh = 0;
	if ((err = pragma_int(p, PT_SQL_APPLICATION_ID, &app_id)) < 0 ||
	    (err = pragma_int(p, PT_SQL_USER_VERSION, &version)) < 0 ||
	    (err = is_empty_database(p, &empty)) < 0)
		return err == PORTAL_ESTORE ?
			pt_error(p, PORTAL_ENOTDB, NULL, "%s: not a portal database (%s)",
				path, sqlite3_errmsg(p->store->db)) : err;
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
	if (sqlite3_open_v2(path, &p->store->db, oflags, NULL) != SQLITE_OK)
		return pt_error(p, PORTAL_ESTORE, NULL, "%s: %s", path,
			p->store->db ? sqlite3_errmsg(p->store->db) : "cannot open");
	sqlite3_extended_result_codes(p->store->db, 1);
	sqlite3_busy_timeout(p->store->db, PT_BUSY_TIMEOUT_MS);
	return PORTAL_OK;
}

int pt_store_open(portal *p, const char *path, int flags)
{
	int fresh, err;

	if ((p->store = calloc(1, sizeof(*p->store))) == NULL)
		return pt_oom(p);
	p->store->flags = flags;
	if ((err = open_connection(p, path)) < 0 ||
	    (err = check_identity(p, path, &fresh)) < 0)
		return err;
	if ((err = exec_sql(p, PT_SQL_FOREIGN_KEYS, "configuring")) < 0)
		return err;
	if (flags & PORTAL_OPEN_READONLY)
		return fresh ? pt_error(p, PORTAL_ENOTDB, NULL, "%s: empty file", path) : 0;
	/* WAL lets the web portal read while the shop writes. */
	if ((err = exec_sql(p, PT_SQL_JOURNAL, "configuring")) < 0 ||
	    (err = exec_sql(p, PT_SQL_SYNCHRONOUS, "configuring")) < 0)
		return err;
	if (!fresh && p->schema_version == pt_schema_latest())
		return PORTAL_OK;
	return create_or_migrate(p, fresh);
}

void pt_store_close(portal *p)
{
	size_t i;

	if (p->store == NULL)
		return;
	for (i = 0; i < PT_STMT_CACHE && p->store->stmts[i].sql != NULL; i++)
		sqlite3_finalize(p->store->stmts[i].stmt);
	sqlite3_close(p->store->db);
	free(p->store);
	p->store = NULL;
}

int pt_store_schema_latest(void)
{
	return pt_schema_latest();
}

int pt_store_count_clients(int64_t *out, portal *p)
{
	static const char sql[] = "SELECT count(*) FROM clients";
	sqlite3_stmt *st = pt_stmt(p, sql);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	if (sqlite3_step(st) == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		err = pt_store_fail(p, "counting clients");
	pt_stmt_done(st);
	return err;
}

int pt_store_savepoint(portal *p)
{
	struct pt_store *s = p->store;
	int err;

	if (s == NULL || s->txn_depth == 0 || !s->txn_writes)
		return pt_error(p, PORTAL_ERROR, NULL, "a savepoint outside a writing transaction");
	if (s->sp_depth == PT_SAVEPOINTS_MAX)
		return pt_error(p, PORTAL_ERROR, NULL, "savepoints nested too deep");
	if ((err = exec_sql(p, "SAVEPOINT pt_part", "starting a part of a transaction")) < 0)
		return err;
	s->sp_failed[s->sp_depth] = s->txn_failed;
	s->sp_aborted[s->sp_depth++] = s->aborted;
	return PORTAL_OK;
}

int pt_store_release(portal *p, int err)
{
	struct pt_store *s = p->store;
	int rc;

	if (s == NULL || s->sp_depth == 0)
		return err;
	s->sp_depth--;
	if (err < 0) {
		/* The part is undone and the transaction is whole again: the
		 * failure inside it no longer dooms the rest. What was read in
		 * it may be stale now, so the serial moves on. */
		rc = exec_sql(p, "ROLLBACK TO pt_part", "undoing a part of a transaction");
		s->txn_failed = rc < 0 ? 1 : s->sp_failed[s->sp_depth];
		s->aborted = rc < 0 ? 1 : s->sp_aborted[s->sp_depth];
		s->txn_serial++;
	}
	if ((rc = exec_sql(p, "RELEASE pt_part", "ending a part of a transaction")) < 0)
		s->txn_failed = 1;
	return err < 0 ? err : rc;
}

uint64_t pt_store_txn_serial(const portal *p)
{
	return p->store && p->store->txn_depth > 0 ? p->store->txn_serial : 0;
}
