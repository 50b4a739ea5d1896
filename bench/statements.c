/* SPDX-License-Identifier: MIT */
/*
 * statements.c - how many SQL statements a customer's page costs.
 *
 *     statements DB [CLIENT [VIEW [ARG]]]
 *
 * Renders VIEW (default: dashboard) of CLIENT (default: 1) on the shop
 * DB as the portal does for a session, and prints the statements SQLite
 * ran for it, how many read settings, and how many began or ended a
 * transaction. Counts, not times: they are the same on any machine, so a
 * change to the library's reads shows as a difference here. It sees the
 * store's SQLite connection, so it links the static library and its
 * private headers.
 */
#include "sqlite.h"

#include <portal.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct counts {
	long statements;
	long settings;
	long transactions;
} counts;

static int count_statement(unsigned type, void *ctx, void *stmt, void *unused)
{
	counts *c = ctx;
	const char *sql = sqlite3_sql(stmt);

	(void)type;
	(void)unused;
	c->statements++;
	if (sql != NULL && strstr(sql, "FROM settings") != NULL)
		c->settings++;
	if (sql != NULL && (strncmp(sql, "BEGIN", 5) == 0 || strcmp(sql, "COMMIT") == 0 ||
	    strcmp(sql, "ROLLBACK") == 0))
		c->transactions++;
	return 0;
}

int main(int argc, char **argv)
{
	portal_session s = { 0 };
	portal_buf doc = PORTAL_BUF_INIT;
	counts c = { 0, 0, 0 };
	portal *p = NULL;
	int err;

	if (argc < 2) {
		fprintf(stderr, "usage: statements DB [CLIENT [VIEW [ARG]]]\n");
		return 2;
	}
	if (portal_open(&p, argv[1], 0) < 0) {
		fprintf(stderr, "statements: %s\n", portal_errmsg(p));
		portal_close(p);
		return 1;
	}
	s.client_id = argc > 2 ? atoll(argv[2]) : 1;
	sqlite3_trace_v2(pt_sqlite_db(p), SQLITE_TRACE_STMT, count_statement, &c);
	err = portal_view(&doc, p, &s, argc > 3 ? argv[3] : "dashboard", argc > 4 ? argv[4] : NULL);
	if (err < 0)
		fprintf(stderr, "statements: %s\n", portal_errmsg(p));
	else
		printf("%s: %ld statements, %ld of them reading settings, %ld beginning or "
			"ending a transaction\n", argc > 3 ? argv[3] : "dashboard", c.statements,
			c.settings, c.transactions);
	portal_buf_dispose(&doc);
	portal_close(p);
	return err < 0 ? 1 : 0;
}
