/* SPDX-License-Identifier: MIT */
/*
 * shop_tool.c - what the CLI and web test scripts read and write in a
 * shop beside the programs under test, through the store, so the same
 * script runs on a SQLite file and on a shop of a PostgreSQL database:
 *
 *   shop_tool dump TARGET SHOP [TABLE]
 *       every row of the shop as the store dumps it (store_dump.h), or
 *       only the rows of TABLE, one per line
 *   shop_tool sql TARGET SHOP STATEMENT
 *       run one SQL statement that both engines read alike (a row the
 *       portal would write, a setting no command reaches) and print the
 *       rows it gives, their values between '|'
 *
 * SHOP is "-" for a SQLite file. Exit 0, or 1 with the error on stderr.
 */
#include "portal.h"
#include "sql.h"
#include "store_dump.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static portal *open_target(const char *target, const char *shop)
{
	portal *p = NULL;

	if (portal_open_shop(&p, target, strcmp(shop, "-") == 0 ? NULL : shop,
			PORTAL_OPEN_DEFAULT) != PORTAL_OK) {
		fprintf(stderr, "shop_tool: %s: %s\n", target, portal_errmsg(p));
		portal_close(p);
		return NULL;
	}
	return p;
}

/* The lines of `table`'s section in a dump: after the line that names
 * it, up to the next table's name (a line without '|' that is a name of
 * the dump's list, which rows never are: every table has several
 * columns). */
static void print_section(const char *dump, const char *table)
{
	size_t n = strlen(table);
	int in = 0;

	for (const char *line = dump; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);

		if (memchr(line, '|', len) == NULL)
			in = len == n && memcmp(line, table, n) == 0;
		else if (in)
			printf("%.*s\n", (int)len, line);
		line += len + (end != NULL);
	}
}

static int dump(portal *p, const char *table)
{
	char *s = NULL;

	if (pt_store_dump(&s, p) != PORTAL_OK) {
		fprintf(stderr, "shop_tool: %s\n", portal_errmsg(p));
		return 1;
	}
	if (table != NULL)
		print_section(s, table);
	else
		fputs(s, stdout);
	free(s);
	return 0;
}

static int sql(portal *p, const char *text)
{
	pt_stmt *st = pt_stmt_get(p, text);
	int rc;

	if (st == NULL) {
		fprintf(stderr, "shop_tool: %s\n", pt_store_errmsg(p));
		return 1;
	}
	while ((rc = pt_step(st)) == PT_ROW) {
		for (int i = 0; i < pt_col_count(st); i++) {
			const char *v = pt_col_text(st, i);
			printf("%s%s", i > 0 ? "|" : "", v ? v : "");
		}
		putchar('\n');
	}
	pt_stmt_done(st);
	if (rc != PT_DONE) {
		fprintf(stderr, "shop_tool: %s\n", pt_store_errmsg(p));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	portal *p;
	int rc;

	if (argc < 4 || argc > 5 || (strcmp(argv[1], "dump") != 0 &&
	    (strcmp(argv[1], "sql") != 0 || argc != 5))) {
		fputs("usage: shop_tool dump TARGET SHOP [TABLE]\n"
		      "       shop_tool sql TARGET SHOP STATEMENT\n", stderr);
		return 2;
	}
	if ((p = open_target(argv[2], argv[3])) == NULL)
		return 1;
	rc = strcmp(argv[1], "dump") == 0 ? dump(p, argc == 5 ? argv[4] : NULL) :
		sql(p, argv[4]);
	portal_close(p);
	return rc;
}
