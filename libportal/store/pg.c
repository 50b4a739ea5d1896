/* SPDX-License-Identifier: MIT */
/*
 * pg.c - the PostgreSQL driver: many shops in one database, each handle
 * bound to one of them.
 *
 * What SQLite gives by being one file per shop, this driver makes
 * explicit (store.h), in every transaction it begins (pg_begin()):
 *
 * - The shop: every table has a shop column, filled from the setting
 *   portal.shop, which each transaction sets for itself, and row-level
 *   security shows a transaction only its shop's rows (pg_schema.c). The
 *   store's SQL never names the shop.
 * - One writer per shop: a writing transaction takes a transaction-scoped
 *   advisory lock on the shop first, waiting at most PT_LOCK_TIMEOUT for
 *   it, so numbering, positions, rate limits and claims are read and
 *   written by one writer at a time across processes and machines.
 * - A reading transaction is REPEATABLE READ READ ONLY: one snapshot.
 *
 * Statements are the store's own texts, with ?N written $N and :name
 * numbered in order, prepared on the server at their first use on a
 * connection; every value is sent as text with its type (int8, float8,
 * text) or as bytes (bytea), and rows come back as text. A walk over the
 * whole shop reads its rows through a cursor, a batch at a time.
 */
#include "sql.h"
#include "pg_schema.h"

#include <errno.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The first key of every advisory lock the library takes ("port"); the
 * second is the shop's id, or 0 for the schema itself. */
#define PT_LOCK_KEY 1886351988
#define PT_APPLICATION_ID 1886351988

/* The same waits as SQLite's busy timeout: another writer is waited out,
 * a stuck one surfaces as an error. */
#define PT_LOCK_TIMEOUT "5s"
#define PT_STATEMENT_TIMEOUT "60s"

/* The type of each parameter as PostgreSQL names them (pg_type.h). */
#define PT_OID_BYTEA 17
#define PT_OID_INT8 20
#define PT_OID_INT2 21
#define PT_OID_INT4 23
#define PT_OID_TEXT 25
#define PT_OID_BOOL 16
#define PT_OID_FLOAT4 700
#define PT_OID_FLOAT8 701
#define PT_OID_NUMERIC 1700

/* The rows a walk over the whole shop reads at a time (pt_stmt_walk()). */
#define PT_FETCH_ROWS 256

/* The most parameters a statement of the store has (an import's row). */
#define PT_PARAMS_MAX 32

typedef struct {
	PGconn *conn;
	int64_t shop_id;
	/* The shop's id as the setting portal.shop takes it; "" for none. */
	char shop[24];
	char sqlstate[6];
	char *errmsg;
	int64_t changes;
	/* Counts the connection's lives: a statement prepared in an earlier
	 * one (before a reconnection) is prepared again. */
	unsigned generation;
	unsigned named;
} pg_conn;

typedef struct {
	pt_stmt base;
	char *sql;
	int nparams;
	/* Which of ?1..?n the text uses (a gap is refused by store.c). */
	unsigned char used[PT_PARAMS_MAX];
	/* The names of :name parameters, colon first, in their order; NULL
	 * for ?N. */
	char *names[PT_PARAMS_MAX];
	/* Whether the text has a "?" without a number. */
	int bare;
	/* A parameter the statement lacks that was given a value, or 0. */
	int stray;
	int readonly;

	Oid types[PT_PARAMS_MAX];
	char *values[PT_PARAMS_MAX];
	int lengths[PT_PARAMS_MAX];
	int formats[PT_PARAMS_MAX];

	/* Its name on the server, and the connection's life it was
	 * prepared in (0: not prepared). */
	char name[16];
	unsigned prepared_in;

	/* Read through a cursor, a batch at a time (pt_stmt_walk()); the
	 * cursor is open, and may have rows beyond the batch at hand. */
	int stream;
	int cursor;
	int more;

	PGresult *res;
	int row;
	int nrows;
	/* A bytea column decoded for col_blob(). */
	unsigned char *blob;
} pg_stmt;

static pg_conn *conn(portal *p)
{
	return (pg_conn *)p->store->conn;
}

#define PG(st) ((pg_stmt *)(st))

/* Keep what went wrong, in PostgreSQL's words, for pt_store_fail(). */
static void keep_error(portal *p, const PGresult *res, const char *fallback)
{
	pg_conn *c = conn(p);
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	const char *msg = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	size_t n;

	if (msg == NULL)
		msg = PQerrorMessage(c->conn);
	if (msg == NULL || *msg == '\0')
		msg = fallback;
	snprintf(c->sqlstate, sizeof(c->sqlstate), "%s", state ? state : "");
	free(c->errmsg);
	c->errmsg = pt_strdup(msg);
	/* libpq's own messages run over lines, the first saying what
	 * failed and the rest guessing why: the first is kept. */
	if (c->errmsg != NULL && (n = strcspn(c->errmsg, "\n")) < strlen(c->errmsg))
		c->errmsg[n] = '\0';
}

/* Run SQL with no parameters and no rows wanted. */
static int run(portal *p, const char *sql)
{
	PGresult *res = PQexec(conn(p)->conn, sql);
	int ok = res != NULL && (PQresultStatus(res) == PGRES_COMMAND_OK ||
		PQresultStatus(res) == PGRES_TUPLES_OK);

	if (!ok)
		keep_error(p, res, "the query failed");
	PQclear(res);
	return ok ? 0 : -1;
}

/* A lost connection is made again before a transaction: a restarted
 * server or a failover costs the request that saw it, not the ones after.
 * Nothing is kept on the connection itself (see pg_begin()). */
static int connected(portal *p)
{
	pg_conn *c = conn(p);

	if (PQstatus(c->conn) == CONNECTION_OK)
		return 0;
	PQreset(c->conn);
	c->generation++;
	if (PQstatus(c->conn) != CONNECTION_OK) {
		keep_error(p, NULL, "the connection to PostgreSQL is lost");
		return -1;
	}
	return PQsetClientEncoding(c->conn, "UTF8") == 0 ? 0 : -1;
}

/*
 * Every transaction says which shop it is for, its timeouts and, when it
 * writes, takes the shop's lock, all in one round trip and all for this
 * transaction only (set_config(..., true), SET LOCAL, a transaction-scoped
 * lock). A statement's plan is made once, for every value of its
 * parameters (force_generic_plan): the store's statements each look up
 * by key or index, and planning them again at each use would cost more
 * than running them. Nothing stays on the connection between
 * transactions, so a pooler in transaction mode may hand it to another
 * shop's program, and a statement outside a transaction sees no shop at
 * all.
 */
static int pg_begin(portal *p, int writes)
{
	const pg_conn *c = conn(p);
	int ro = !writes || (p->store->flags & PORTAL_OPEN_READONLY);
	char sql[400];
	int n;

	if (connected(p) < 0)
		return -1;
	n = snprintf(sql, sizeof(sql), "%s; SET LOCAL statement_timeout = '%s';"
		" SET LOCAL lock_timeout = '%s'; SET LOCAL plan_cache_mode = force_generic_plan;"
		" SELECT set_config('portal.shop', '%s', true)",
		ro ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN",
		PT_STATEMENT_TIMEOUT, PT_LOCK_TIMEOUT, c->shop);
	if (c->shop_id > 0)
		n += snprintf(sql + n, sizeof(sql) - (size_t)n, "; SELECT portal_shop_check(%lld)",
			(long long)c->shop_id);
	if (writes && c->shop_id > 0)
		snprintf(sql + n, sizeof(sql) - (size_t)n, "; SELECT pg_advisory_xact_lock(%d, %d)",
			PT_LOCK_KEY, (int)c->shop_id);
	if (run(p, sql) == 0)
		return 0;
	/* A connection the server or the network ended is found out here,
	 * by the first command after it: nothing has happened yet, so it is
	 * made again and the transaction begun on the new one. */
	if (PQstatus(c->conn) == CONNECTION_BAD && connected(p) == 0 && run(p, sql) == 0)
		return 0;
	/* A failed BEGIN leaves no transaction; a failure after it does. */
	PQclear(PQexec(c->conn, "ROLLBACK"));
	return -1;
}

static int pg_exec(portal *p, const char *sql)
{
	return run(p, sql);
}

static const struct pt_driver pg_driver;

/* Does the statement only read? Its first word says. */
static int reads_only(const char *sql)
{
	while (*sql == ' ' || *sql == '(')
		sql++;
	return strncmp(sql, "SELECT", 6) == 0 || strncmp(sql, "WITH", 4) == 0;
}

static int is_ident(char ch)
{
	return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		(ch >= '0' && ch <= '9') || ch == '_';
}

/* The number of :name in the statement, given it the first time. */
static int name_number(pg_stmt *s, const char *name, size_t len)
{
	for (int i = 0; i < s->nparams; i++)
		if (s->names[i] && strlen(s->names[i] + 1) == len &&
		    memcmp(s->names[i] + 1, name, len) == 0)
			return i + 1;
	if (s->nparams == PT_PARAMS_MAX)
		return -1;
	if ((s->names[s->nparams] = malloc(len + 2)) == NULL)
		return -1;
	s->names[s->nparams][0] = ':';
	memcpy(s->names[s->nparams] + 1, name, len);
	s->names[s->nparams][len + 1] = '\0';
	s->used[s->nparams] = 1;
	return ++s->nparams;
}

/*
 * The statement in PostgreSQL's words: ?N becomes $N and each :name the
 * $N of its first appearance; quoted text and names are copied as they
 * are. A bare "?" keeps no number, and is refused as a gap.
 */
static int translate(pg_stmt *s, const char *sql)
{
	size_t len = strlen(sql);
	char *out = malloc(2 * len + 1), *o = out;
	const char *q = sql;

	if (out == NULL)
		return -1;
	while (*q) {
		if (*q == '\'' || *q == '"') {
			char quote = *q;
			*o++ = *q++;
			while (*q && *q != quote)
				*o++ = *q++;
			if (*q)
				*o++ = *q++;
		} else if (*q == '?') {
			char *end;
			long n = strtol(q + 1, &end, 10);
			q = end;
			if (n < 1 || n > PT_PARAMS_MAX) {
				/* store.c refuses it as a gap. */
				s->bare = 1;
				*o++ = '?';
				continue;
			}
			o += sprintf(o, "$%ld", n);
			s->used[n - 1] = 1;
			if (n > s->nparams)
				s->nparams = (int)n;
		} else if (*q == ':' && q[1] == ':') {
			*o++ = *q++;
			*o++ = *q++;
		} else if (*q == ':' && (q == sql || !is_ident(q[-1])) && is_ident(q[1])) {
			const char *name = ++q;
			int n;
			while (is_ident(*q))
				q++;
			if ((n = name_number(s, name, (size_t)(q - name))) < 0) {
				free(out);
				return -1;
			}
			o += sprintf(o, "$%d", n);
		} else {
			*o++ = *q++;
		}
	}
	*o = '\0';
	s->sql = out;
	return 0;
}

static void clear_values(pg_stmt *s)
{
	for (int i = 0; i < PT_PARAMS_MAX; i++) {
		free(s->values[i]);
		s->values[i] = NULL;
		s->types[i] = 0;
		s->lengths[i] = 0;
		s->formats[i] = 0;
	}
	s->stray = 0;
}

static void pg_reset(pt_stmt *st)
{
	pg_stmt *s = PG(st);
	char sql[48];

	/* A cursor ends with its transaction; one left open before is
	 * closed, so that the statement can declare it again. */
	if (s->cursor && PQtransactionStatus(conn(st->p)->conn) == PQTRANS_INTRANS) {
		snprintf(sql, sizeof(sql), "CLOSE c%s", s->name);
		PQclear(PQexec(conn(st->p)->conn, sql));
	}
	s->cursor = s->more = 0;
	PQclear(s->res);
	s->res = NULL;
	s->row = s->nrows = 0;
	PQfreemem(s->blob);
	s->blob = NULL;
	clear_values(s);
}

static void pg_finalize(pt_stmt *st)
{
	pg_stmt *s = PG(st);

	pg_reset(st);
	for (int i = 0; i < PT_PARAMS_MAX; i++)
		free(s->names[i]);
	free(s->sql);
	free(s);
}

static pt_stmt *pg_prepare(portal *p, const char *sql)
{
	pg_stmt *s = calloc(1, sizeof(*s));

	if (s == NULL || translate(s, sql) < 0) {
		free(s);
		keep_error(p, NULL, "out of memory");
		snprintf(conn(p)->sqlstate, sizeof(conn(p)->sqlstate), "53200");
		return NULL;
	}
	s->base.drv = &pg_driver;
	s->base.p = p;
	s->readonly = reads_only(sql);
	return &s->base;
}

static void pg_stream(pt_stmt *st)
{
	PG(st)->stream = 1;
}

static int pg_param_count(pt_stmt *st)
{
	return PG(st)->bare && PG(st)->nparams == 0 ? 1 : PG(st)->nparams;
}

static const char *pg_param_name(pt_stmt *st, int i)
{
	pg_stmt *s = PG(st);

	if (s->bare || i < 1 || i > s->nparams || !s->used[i - 1])
		return NULL;
	/* store.c asks only whether a number is used; sql_transfer.c binds
	 * by the name, which it reads past its first character. */
	return s->names[i - 1] != NULL ? s->names[i - 1] : "?";
}

/* Keep a parameter's value, as text of `type` or as bytes. */
static int bind(pt_stmt *st, int i, Oid type, const char *v, size_t n, int binary)
{
	pg_stmt *s = PG(st);
	char *copy = NULL;

	/* PostgreSQL takes the values of the parameters a statement uses and
	 * no more, so a value for one it lacks would go unseen: it is a
	 * programming error, and the statement's step says so (SQLite
	 * answers it with a code of its own, at which the unit tests stop:
	 * tests/bind_guard.c). */
	if (i < 1 || i > s->nparams) {
		if (s->stray == 0)
			s->stray = i;
		return -1;
	}
	if (v != NULL) {
		if ((copy = malloc(n + 1)) == NULL)
			return -1;
		memcpy(copy, v, n);
		copy[n] = '\0';
	}
	free(s->values[i - 1]);
	s->values[i - 1] = copy;
	s->types[i - 1] = type;
	s->lengths[i - 1] = (int)n;
	s->formats[i - 1] = binary;
	return 0;
}

static int pg_bind_int64(pt_stmt *st, int i, int64_t v)
{
	char text[24];
	int n = snprintf(text, sizeof(text), "%lld", (long long)v);

	return bind(st, i, PT_OID_INT8, text, (size_t)n, 0);
}

static int pg_bind_double(pt_stmt *st, int i, double v)
{
	char text[40];
	int n = snprintf(text, sizeof(text), "%.17g", v);

	return bind(st, i, PT_OID_FLOAT8, text, (size_t)n, 0);
}

static int pg_bind_text(pt_stmt *st, int i, const char *s)
{
	return bind(st, i, PT_OID_TEXT, s, strlen(s), 0);
}

static int pg_bind_blob(pt_stmt *st, int i, const void *b, size_t n)
{
	return n > INT32_MAX ? -1 : bind(st, i, PT_OID_BYTEA, b, n, 1);
}

static int pg_bind_null(pt_stmt *st, int i)
{
	return bind(st, i, 0, NULL, 0, 0);
}

/* A number column of the row that does not fit 64 bits (a sum of
 * bigints is a numeric in PostgreSQL) fails the step, as it does in
 * SQLite, rather than reading as some other number. */
static int row_fits(portal *p, pg_stmt *s)
{
	int ncols = PQnfields(s->res);

	for (int c = 0; c < ncols; c++) {
		if (PQftype(s->res, c) != PT_OID_NUMERIC || PQgetisnull(s->res, s->row, c))
			continue;
		errno = 0;
		char *end;
		(void)strtoll(PQgetvalue(s->res, s->row, c), &end, 10);
		if (errno == ERANGE || (*end != '\0' && *end != '.')) {
			keep_error(p, NULL, "integer overflow");
			return 0;
		}
	}
	return 1;
}

/*
 * Prepare the statement on the server the first time it runs on this
 * connection, with the types of the values then bound (a NULL leaves its
 * parameter's type to the server), so that it is parsed and planned once
 * per connection rather than at each use. A pooler in transaction mode
 * must keep prepared statements (docs/deploy.md).
 */
static int prepared(portal *p, pg_stmt *s)
{
	pg_conn *c = conn(p);
	PGresult *res;
	int ok;

	if (s->prepared_in == c->generation + 1)
		return 0;
	snprintf(s->name, sizeof(s->name), "pt%u", ++c->named);
	res = PQprepare(c->conn, s->name, s->sql, s->nparams, s->types);
	ok = res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		keep_error(p, res, "preparing the query failed");
	PQclear(res);
	if (!ok)
		return -1;
	s->prepared_in = c->generation + 1;
	return 0;
}

/* The next batch of a cursor's rows. */
static int fetch(portal *p, pg_stmt *s)
{
	char sql[64];

	PQclear(s->res);
	snprintf(sql, sizeof(sql), "FETCH FORWARD %d FROM c%s", PT_FETCH_ROWS, s->name);
	s->res = PQexec(conn(p)->conn, sql);
	if (s->res == NULL || PQresultStatus(s->res) != PGRES_TUPLES_OK) {
		keep_error(p, s->res, "reading rows failed");
		PQclear(s->res);
		s->res = NULL;
		return -1;
	}
	s->nrows = PQntuples(s->res);
	s->more = s->nrows == PT_FETCH_ROWS;
	s->row = 0;
	return 0;
}

/*
 * A walk over the whole shop, inside a transaction: a cursor over the
 * statement, with its values, read a batch at a time. Other statements
 * may run between two batches (a walk's callback reads), as a cursor is
 * the connection's, not a result set held open on it.
 */
static int declare(portal *p, pg_stmt *s, const char *const *values)
{
	size_t n = strlen(s->sql) + 64;
	char *sql = malloc(n);
	PGresult *res;
	int ok;

	if (sql == NULL)
		return -1;
	if (s->name[0] == '\0')
		snprintf(s->name, sizeof(s->name), "pt%u", ++conn(p)->named);
	snprintf(sql, n, "DECLARE c%s NO SCROLL CURSOR FOR %s", s->name, s->sql);
	res = PQexecParams(conn(p)->conn, sql, s->nparams, s->types, values, s->lengths,
		s->formats, 0);
	free(sql);
	ok = res != NULL && PQresultStatus(res) == PGRES_COMMAND_OK;
	if (!ok)
		keep_error(p, res, "the query failed");
	PQclear(res);
	if (!ok)
		return -1;
	s->cursor = 1;
	return fetch(p, s);
}

/* Run the statement with the values bound. */
static int execute(portal *p, pg_stmt *s)
{
	pg_conn *c = conn(p);
	const char *values[PT_PARAMS_MAX];
	int own_txn = p->store->txn_depth == 0;
	ExecStatusType status;

	if (s->stray != 0) {
		char msg[96];
		snprintf(msg, sizeof(msg), "a value for ?%d of a statement with %d parameters",
			s->stray, s->nparams);
		c->sqlstate[0] = '\0';
		free(c->errmsg);
		c->errmsg = pt_strdup(msg);
		return -1;
	}
	for (int i = 0; i < s->nparams; i++)
		values[i] = s->values[i];
	if (s->stream && !own_txn && s->readonly)
		return declare(p, s, values);
	/* A statement outside a transaction runs in one of its own, which
	 * names the shop (pg_begin()); a write takes the shop's lock like
	 * any other (store.c). */
	if (own_txn && pg_begin(p, !s->readonly) < 0)
		return -1;
	if (prepared(p, s) < 0) {
		if (own_txn)
			PQclear(PQexec(c->conn, "ROLLBACK"));
		return -1;
	}
	s->res = PQexecPrepared(c->conn, s->name, s->nparams, values, s->lengths, s->formats, 0);
	status = s->res ? PQresultStatus(s->res) : PGRES_FATAL_ERROR;
	if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
		keep_error(p, s->res, "the query failed");
		PQclear(s->res);
		s->res = NULL;
		if (own_txn)
			PQclear(PQexec(c->conn, "ROLLBACK"));
		return -1;
	}
	c->changes = strtoll(PQcmdTuples(s->res), NULL, 10);
	if (own_txn && run(p, "COMMIT") < 0)
		return -1;
	s->nrows = status == PGRES_TUPLES_OK ? PQntuples(s->res) : 0;
	s->row = 0;
	return 0;
}

static int pg_step(pt_stmt *st)
{
	pg_stmt *s = PG(st);
	portal *p = st->p;

	if (s->res == NULL) {
		if (execute(p, s) < 0)
			return -1;
	} else if (s->row < s->nrows) {
		s->row++;
		if (s->row == s->nrows && s->more && fetch(p, s) < 0)
			return -1;
	}
	if (s->row >= s->nrows)
		return PT_DONE;
	PQfreemem(s->blob);
	s->blob = NULL;
	return row_fits(p, s) ? PT_ROW : -1;
}

static int pg_busy(pt_stmt *st)
{
	return PG(st)->res != NULL && PG(st)->row < PG(st)->nrows;
}

static int pg_readonly(pt_stmt *st)
{
	return PG(st)->readonly;
}

static int pg_col_count(pt_stmt *st)
{
	pg_stmt *s = PG(st);

	/* Before its first step a statement's columns are not known here;
	 * the store asks after it. */
	return s->res ? PQnfields(s->res) : 0;
}

static const char *pg_col_name(pt_stmt *st, int i)
{
	return PG(st)->res ? PQfname(PG(st)->res, i) : "";
}

static int has_value(pg_stmt *s, int i)
{
	return s->res != NULL && s->row < s->nrows && i < PQnfields(s->res) &&
		!PQgetisnull(s->res, s->row, i);
}

static pt_col_type pg_col_type(pt_stmt *st, int i)
{
	pg_stmt *s = PG(st);

	if (!has_value(s, i))
		return PT_COL_NULL;
	switch (PQftype(s->res, i)) {
	case PT_OID_INT8: case PT_OID_INT4: case PT_OID_INT2: case PT_OID_BOOL:
	case PT_OID_NUMERIC:
		return PT_COL_INT;
	case PT_OID_FLOAT8: case PT_OID_FLOAT4:
		return PT_COL_REAL;
	case PT_OID_BYTEA:
		return PT_COL_BLOB;
	default:
		return PT_COL_TEXT;
	}
}

static int64_t pg_col_int64(pt_stmt *st, int i)
{
	pg_stmt *s = PG(st);
	const char *v;

	if (!has_value(s, i))
		return 0;
	v = PQgetvalue(s->res, s->row, i);
	if (PQftype(s->res, i) == PT_OID_BOOL)
		return *v == 't';
	if (PQftype(s->res, i) == PT_OID_FLOAT8 || PQftype(s->res, i) == PT_OID_FLOAT4)
		return (int64_t)strtod(v, NULL);
	return strtoll(v, NULL, 10);
}

static double pg_col_double(pt_stmt *st, int i)
{
	pg_stmt *s = PG(st);

	return has_value(s, i) ? strtod(PQgetvalue(s->res, s->row, i), NULL) : 0.0;
}

static const char *pg_col_text(pt_stmt *st, int i)
{
	pg_stmt *s = PG(st);

	return has_value(s, i) ? PQgetvalue(s->res, s->row, i) : NULL;
}

static const void *pg_col_blob(pt_stmt *st, int i, size_t *n)
{
	pg_stmt *s = PG(st);

	*n = 0;
	if (!has_value(s, i))
		return NULL;
	if (PQftype(s->res, i) != PT_OID_BYTEA) {
		*n = (size_t)PQgetlength(s->res, s->row, i);
		return PQgetvalue(s->res, s->row, i);
	}
	PQfreemem(s->blob);
	s->blob = PQunescapeBytea((const unsigned char *)PQgetvalue(s->res, s->row, i), n);
	return s->blob;
}

static int64_t pg_changes(portal *p)
{
	return conn(p)->changes;
}

static const char *pg_errmsg(portal *p)
{
	return conn(p) && conn(p)->errmsg ? conn(p)->errmsg : "unknown error";
}

static int state_is(portal *p, const char *prefix)
{
	return conn(p) && strncmp(conn(p)->sqlstate, prefix, strlen(prefix)) == 0;
}

static int pg_err_nomem(portal *p)
{
	return state_is(p, "53200");
}

static int pg_err_notadb(portal *p)
{
	(void)p;
	return 0;
}


static int pg_err_unique(portal *p)
{
	return state_is(p, "23505");
}

static int pg_err_constraint(portal *p)
{
	return state_is(p, "23") || state_is(p, "22003");
}

/* A lock not had in time, a statement cancelled by its timeout, a
 * deadlock. */
static int pg_err_busy(portal *p)
{
	return state_is(p, "55P03") || state_is(p, "57014") || state_is(p, "40P01");
}

static void pg_close(portal *p)
{
	pg_conn *c = conn(p);

	if (c == NULL)
		return;
	PQfinish(c->conn);
	free(c->errmsg);
	free(c);
	p->store->conn = NULL;
}

static const struct pt_driver pg_driver = {
	PT_ENGINE_POSTGRESQL,
	pg_exec, pg_prepare, pg_finalize, pg_param_count, pg_param_name,
	pg_bind_int64, pg_bind_double, pg_bind_text, pg_bind_blob, pg_bind_null,
	pg_step, pg_reset, pg_stream, pg_busy, pg_readonly,
	pg_col_count, pg_col_name, pg_col_type, pg_col_int64, pg_col_double,
	pg_col_text, pg_col_blob,
	pg_changes, pg_errmsg,
	pg_err_nomem, pg_err_notadb, pg_err_unique, pg_err_constraint, pg_err_busy,
	pg_begin, pg_close
};

/* One integer from a query with no parameters; -1 when there is no row. */
static int query_int(portal *p, const char *sql, int64_t *out)
{
	PGresult *res = PQexec(conn(p)->conn, sql);
	int err = 0;

	*out = -1;
	if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK) {
		keep_error(p, res, "the query failed");
		err = -1;
	} else if (PQntuples(res) > 0 && !PQgetisnull(res, 0, 0)) {
		*out = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	}
	PQclear(res);
	return err;
}

/* The schema's version, 0 when the database has no portal schema. */
static int schema_version(portal *p, int64_t *version)
{
	int64_t exists = 0;

	if (query_int(p, "SELECT CASE WHEN to_regclass('portal_meta') IS NULL THEN 0"
			" ELSE 1 END", &exists) < 0)
		return -1;
	if (!exists) {
		*version = 0;
		return 0;
	}
	return query_int(p, "SELECT schema_version FROM portal_meta", version);
}

/* The schema, made or brought up to date under the schema's own lock, so
 * that two processes opening an empty database make it once. */
static int make_schema(portal *p, int64_t *version)
{
	char sql[160];
	int err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	snprintf(sql, sizeof(sql), "SELECT pg_advisory_xact_lock(%d, 0)", PT_LOCK_KEY);
	err = pt_store_exec_sql(p, sql, "creating the schema");
	if (err == 0 && (err = schema_version(p, version)) < 0)
		err = pt_store_fail(p, "reading the schema version");
	for (int v = (int)*version + 1; err == 0 && v <= pt_pg_schema_latest(); v++) {
		const char *m = pt_pg_schema_migration(v);
		if (m != NULL && *m != '\0')
			err = pt_store_exec_sql(p, m, "creating the schema");
		if (err == 0 && v > 7) {
			snprintf(sql, sizeof(sql), "UPDATE portal_meta SET schema_version = %d", v);
			err = pt_store_exec_sql(p, sql, "migrating the schema");
		}
	}
	if (err == 0)
		*version = pt_pg_schema_latest();
	return pt_store_end(p, err);
}

/* What the database is, before anything is written to it. */
static int check_schema(portal *p, int64_t *version)
{
	int64_t app = -1;
	int create = p->store->flags & PORTAL_OPEN_CREATE;

	if (query_int(p, "SELECT CASE WHEN to_regclass('portal_meta') IS NULL THEN 0"
			" ELSE 1 END", &app) < 0 ||
	    (app == 1 && query_int(p, "SELECT application_id FROM portal_meta", &app) < 0))
		return pt_store_fail(p, "reading the database");
	if (app == 0) {
		if (!create)
			return pt_error(p, PORTAL_ENOTDB, NULL, "the PostgreSQL database has no "
				"portal schema (run `portal init` with a shop)");
		return make_schema(p, version);
	}
	if (app != PT_APPLICATION_ID)
		return pt_error(p, PORTAL_ENOTDB, NULL,
			"the PostgreSQL database's portal_meta is not a portal database's");
	if (query_int(p, "SELECT schema_version FROM portal_meta", version) < 0)
		return pt_store_fail(p, "reading the schema version");
	if (*version > pt_pg_schema_latest())
		return pt_error(p, PORTAL_EVERSION, NULL,
			"schema version %lld is newer than this libportal %s knows (%d); "
			"upgrade libportal", (long long)*version, PORTAL_VERSION,
			pt_pg_schema_latest());
	if (*version < pt_pg_schema_latest())
		return make_schema(p, version);
	return PORTAL_OK;
}

/* Bind the handle to shop `id`: every transaction from here on sees only
 * its rows. Inside a transaction (making the shop), that one too. */
static int bind_shop(portal *p, int64_t id)
{
	char sql[96];

	conn(p)->shop_id = id;
	snprintf(conn(p)->shop, sizeof(conn(p)->shop), "%lld", (long long)id);
	if (p->store->txn_depth == 0)
		return PORTAL_OK;
	snprintf(sql, sizeof(sql), "SELECT set_config('portal.shop', '%lld', true)",
		(long long)id);
	return pt_store_exec_sql(p, sql, "choosing the shop");
}

/* The shop named `shop`: its id, and whether it is disabled. */
static int find_shop(portal *p, const char *shop, int64_t *id, int *disabled)
{
	const char *values[1] = { shop };
	PGresult *res = PQexecParams(conn(p)->conn,
		"SELECT id, CASE WHEN disabled_at IS NULL THEN 0 ELSE 1 END FROM portal_shops"
		" WHERE name = $1", 1, NULL, values, NULL, NULL, 0);
	int err = PORTAL_OK;

	*id = 0;
	*disabled = 0;
	if (res == NULL || PQresultStatus(res) != PGRES_TUPLES_OK) {
		keep_error(p, res, "the query failed");
		err = pt_store_fail(p, "finding the shop");
	} else if (PQntuples(res) == 1) {
		*id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
		*disabled = *PQgetvalue(res, 0, 1) == '1';
	}
	PQclear(res);
	return err;
}

/* Inside a writing transaction, under the schema's lock, which orders two
 * processes making the same shop: the shop's row, when there is none of
 * that name, and the transaction bound to it. *id is the shop's, and
 * *made whether this transaction made it. */
static int add_shop_row(portal *p, const char *shop, int64_t *id, int *made)
{
	static const char sql_add[] =
		"INSERT INTO portal_shops (name, created_at) VALUES (?1, ?2) RETURNING id";
	char sql[96];
	pt_stmt *st;
	int disabled, err;

	*made = 0;
	snprintf(sql, sizeof(sql), "SELECT pg_advisory_xact_lock(%d, 0)", PT_LOCK_KEY);
	if ((err = pt_store_exec_sql(p, sql, "creating the shop")) < 0 ||
	    (err = find_shop(p, shop, id, &disabled)) < 0 || *id != 0)
		return err;
	if ((st = pt_stmt_get(p, sql_add)) == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, shop);
	pt_bind_int64(st, 2, portal_now(p));
	if ((err = pt_store_insert(id, p, st, "creating the shop")) < 0)
		return err;
	*made = 1;
	return bind_shop(p, *id);
}

/* A new shop: its row, and the secret that hashes its access links, in
 * one transaction. */
static int create_shop(portal *p, const char *shop, int64_t *id)
{
	int made, err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	err = add_shop_row(p, shop, id, &made);
	if (err == 0 && made)
		err = pt_store_create_secret(p);
	return pt_store_end(p, err);
}

static int open_shop(portal *p, const char *shop)
{
	int64_t id = 0;
	int disabled = 0, err;

	if (shop == NULL || *shop == '\0')
		return pt_error(p, PORTAL_EINVAL, NULL, "a PostgreSQL database holds many "
			"shops: name one (--shop, or PORTAL_SHOP)");
	if ((err = find_shop(p, shop, &id, &disabled)) < 0)
		return err;
	if (id == 0 && !(p->store->flags & PORTAL_OPEN_CREATE))
		return pt_error(p, PORTAL_ENOTFOUND, NULL,
			"no shop named %s on this database (run `portal init` with --shop %s)",
			shop, shop);
	if (disabled)
		return pt_error(p, PORTAL_EDENIED, NULL, "the shop %s is disabled", shop);
	if (id == 0 && ((err = pt_shop_name_check(p, shop)) < 0 ||
			(err = create_shop(p, shop, &id)) < 0))
		return err;
	return bind_shop(p, id);
}

/* The database as it may be printed: its user, server and name, and the
 * shop; never the password a URI may carry. Kept as it was when out of
 * memory. */
static void set_label(portal *p, const char *shop)
{
	PGconn *c = conn(p)->conn;
	const char *host = PQhost(c);
	char buf[512], *label;

	snprintf(buf, sizeof(buf), "%s%s%spostgresql://%s@%s%s%s/%s",
		shop && *shop ? "shop " : "", shop && *shop ? shop : "", shop && *shop ? " on " : "",
		PQuser(c), host && *host != '/' ? host : "",
		host && *host == '/' ? "" : ":", host && *host == '/' ? "" : PQport(c), PQdb(c));
	if ((label = pt_strdup(buf)) != NULL) {
		free(p->store->label);
		p->store->label = label;
	}
}

int pt_pg_open(portal *p, const char *target, const char *shop)
{
	pg_conn *c = calloc(1, sizeof(*c));
	int64_t version = 0;
	int err;

	if (c == NULL)
		return pt_oom(p);
	p->store->conn = c;
	p->store->drv = &pg_driver;
	c->conn = PQconnectdb(target);
	if (c->conn == NULL)
		return pt_oom(p);
	if (PQstatus(c->conn) != CONNECTION_OK) {
		/* The target may carry a password: the message names the
		 * server's answer, not the target. */
		keep_error(p, NULL, "cannot connect");
		return pt_error(p, PORTAL_ESTORE, NULL, "cannot connect to PostgreSQL: %s",
			pg_errmsg(p));
	}
	if (PQserverVersion(c->conn) < 150000)
		return pt_error(p, PORTAL_ESTORE, NULL,
			"PostgreSQL %d.%d is too old: libportal needs 15 or later",
			PQserverVersion(c->conn) / 10000, PQserverVersion(c->conn) % 10000);
	if (PQsetClientEncoding(c->conn, "UTF8") != 0)
		return pt_store_fail(p, "configuring the connection");
	set_label(p, shop);
	if ((err = check_schema(p, &version)) < 0)
		return err;
	/* A host's handle is bound to no shop: it sees no shop's rows. */
	if (!(p->store->flags & PT_OPEN_HOST) && (err = open_shop(p, shop)) < 0)
		return err;
	p->schema_version = (int)version;
	return PORTAL_OK;
}

int pt_pg_grant(portal *p, const char *role)
{
	pg_conn *c = conn(p);
	char *quoted, *sql;
	int err;

	if (pt_store_engine(p) != PT_ENGINE_POSTGRESQL)
		return pt_error(p, PORTAL_EINVAL, NULL, "only a PostgreSQL database has roles");
	if ((quoted = PQescapeIdentifier(c->conn, role, strlen(role))) == NULL) {
		keep_error(p, NULL, "cannot quote the role");
		return pt_store_fail(p, "granting");
	}
	sql = pt_pg_schema_grant_sql(quoted);
	PQfreemem(quoted);
	if (sql == NULL)
		return pt_oom(p);
	err = pt_store_exec_sql(p, sql, "granting");
	free(sql);
	return err;
}

int pt_pg_shop_switch(portal *p, const char *shop)
{
	int64_t id = 0;
	int disabled = 0, err;

	/* Until the shop is found, the handle sees none: a failed switch
	 * leaves nothing of the last shop in view. */
	conn(p)->shop_id = 0;
	conn(p)->shop[0] = '\0';
	if (shop == NULL) {
		set_label(p, NULL);
		return PORTAL_OK;
	}
	if (*shop == '\0')
		return pt_error(p, PORTAL_EINVAL, NULL, "no shop named");
	if (connected(p) < 0)
		return pt_store_fail(p, "finding the shop");
	if ((err = find_shop(p, shop, &id, &disabled)) < 0)
		return err;
	if (id == 0)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "no shop named %s on this database", shop);
	if (disabled)
		return pt_error(p, PORTAL_EDENIED, NULL, "the shop %s is disabled", shop);
	set_label(p, shop);
	return bind_shop(p, id);
}

int pt_pg_shop_create(portal *p, const char *shop)
{
	int64_t id = 0;
	int made, err;

	if ((err = pt_shop_name_check(p, shop)) < 0 ||
	    (err = add_shop_row(p, shop, &id, &made)) < 0)
		return err;
	if (!made)
		return pt_error(p, PORTAL_EEXISTS, "name", "the shop %s already exists", shop);
	set_label(p, shop);
	return PORTAL_OK;
}
