/* SPDX-License-Identifier: MIT */
/*
 * bind_guard.c - in the unit tests, a value bound to a parameter number
 * that the statement does not have stops the test.
 *
 * SQLite answers such a bind with SQLITE_RANGE, which the store does not
 * look at; a server database refuses the statement, as it wants exactly
 * the values of the parameters a statement uses (sqlite.h). The unit
 * tests are linked with --wrap for each sqlite3_bind_* function the
 * store calls (tests/CMakeLists.txt), so every bind the library makes in
 * them comes through here first.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

int __real_sqlite3_bind_int(sqlite3_stmt *st, int i, int v);
int __real_sqlite3_bind_int64(sqlite3_stmt *st, int i, sqlite3_int64 v);
int __real_sqlite3_bind_double(sqlite3_stmt *st, int i, double v);
int __real_sqlite3_bind_null(sqlite3_stmt *st, int i);
int __real_sqlite3_bind_text(sqlite3_stmt *st, int i, const char *v, int n,
	void (*dispose)(void *));
int __real_sqlite3_bind_blob(sqlite3_stmt *st, int i, const void *v, int n,
	void (*dispose)(void *));

int __wrap_sqlite3_bind_int(sqlite3_stmt *st, int i, int v);
int __wrap_sqlite3_bind_int64(sqlite3_stmt *st, int i, sqlite3_int64 v);
int __wrap_sqlite3_bind_double(sqlite3_stmt *st, int i, double v);
int __wrap_sqlite3_bind_null(sqlite3_stmt *st, int i);
int __wrap_sqlite3_bind_text(sqlite3_stmt *st, int i, const char *v, int n,
	void (*dispose)(void *));
int __wrap_sqlite3_bind_blob(sqlite3_stmt *st, int i, const void *v, int n,
	void (*dispose)(void *));

/* Passes `rc` on, unless it says parameter `i` is not there. */
static int checked(sqlite3_stmt *st, int i, int rc)
{
	if (rc != SQLITE_RANGE)
		return rc;
	fprintf(stderr, "bind_guard: a value for ?%d of a statement with %d parameters: %s\n",
		i, sqlite3_bind_parameter_count(st), sqlite3_sql(st));
	abort();
}

int __wrap_sqlite3_bind_int(sqlite3_stmt *st, int i, int v)
{
	return checked(st, i, __real_sqlite3_bind_int(st, i, v));
}

int __wrap_sqlite3_bind_int64(sqlite3_stmt *st, int i, sqlite3_int64 v)
{
	return checked(st, i, __real_sqlite3_bind_int64(st, i, v));
}

int __wrap_sqlite3_bind_double(sqlite3_stmt *st, int i, double v)
{
	return checked(st, i, __real_sqlite3_bind_double(st, i, v));
}

int __wrap_sqlite3_bind_null(sqlite3_stmt *st, int i)
{
	return checked(st, i, __real_sqlite3_bind_null(st, i));
}

int __wrap_sqlite3_bind_text(sqlite3_stmt *st, int i, const char *v, int n,
	void (*dispose)(void *))
{
	return checked(st, i, __real_sqlite3_bind_text(st, i, v, n, dispose));
}

int __wrap_sqlite3_bind_blob(sqlite3_stmt *st, int i, const void *v, int n,
	void (*dispose)(void *))
{
	return checked(st, i, __real_sqlite3_bind_blob(st, i, v, n, dispose));
}
