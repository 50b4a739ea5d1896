/* SPDX-License-Identifier: MIT */
/*
 * cmd_host.c - `portal host`: the shops of a PostgreSQL database.
 */
#include "cli.h"

#include <string.h>

static const char host_usage[] =
	"usage: portal --db URI host add NAME\n"
	"       portal --db URI host list\n"
	"       portal --db URI host disable NAME\n"
	"       portal --db URI host enable NAME\n"
	"       portal --db URI host grant ROLE\n"
	"       portal --db URI host move FILE NAME\n"
	"       portal --db URI host limit MISSES\n\n"
	"A host keeps many shops in one PostgreSQL database (--db postgresql://...).\n"
	"`add` makes a shop with its secret key (and the schema, the first time);\n"
	"its records are then reached with --shop NAME. A disabled shop keeps its\n"
	"records but no longer opens, and its portal says it is unavailable.\n"
	"`grant` gives a database role what the portal's programs need, run by\n"
	"the role that owns the schema. `move` brings the shop of a SQLite file\n"
	"in as shop NAME, whole: with its secret key, links and sessions, so that\n"
	"every link and session its customers hold goes on working. `limit` sets\n"
	"how many failed lookups one address may make across all the shops in\n"
	"15 minutes before every shop refuses it for an hour (25; 0 for none).\n";

static int open_host(cli *c, int flags)
{
	int err = portal_host_open(&c->p, c->db_path, flags);

	if (err < 0) {
		cli_fail(c, err);
		return EXIT_STORE;
	}
	return 0;
}

static int host_add(cli *c, int argc, char **argv)
{
	const char *pos[1];
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, host_usage), err;

	CLI_PARSED(rc);
	if ((rc = open_host(c, PORTAL_OPEN_CREATE)) != 0)
		return rc;
	if ((err = portal_host_shop_add(c->p, pos[0])) < 0)
		return cli_fail(c, err);
	printf("shop %s ready\n", pos[0]);
	return EXIT_OK;
}

static int print_shop(const portal_host_shop *s, void *ctx)
{
	cli *c = ctx;
	char when[PORTAL_TIME_STRLEN];

	cli_time(c, s->disabled_at ? s->disabled_at : s->created_at, when, sizeof(when));
	printf("%-32s %s %s\n", s->name, s->disabled_at ? "disabled" : "created ", when);
	return 0;
}

static int host_list(cli *c, int argc, char **argv)
{
	int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, host_usage), err;

	CLI_PARSED(rc);
	if ((rc = open_host(c, 0)) != 0)
		return rc;
	if ((err = portal_host_shop_foreach(c->p, print_shop, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

static int set_disabled(cli *c, int argc, char **argv, int disabled)
{
	const char *pos[1];
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, host_usage), err;

	CLI_PARSED(rc);
	if ((rc = open_host(c, 0)) != 0)
		return rc;
	if ((err = portal_host_shop_disable(c->p, pos[0], disabled)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

static int host_disable(cli *c, int argc, char **argv)
{
	return set_disabled(c, argc, argv, 1);
}

static int host_enable(cli *c, int argc, char **argv)
{
	return set_disabled(c, argc, argv, 0);
}

static int host_grant(cli *c, int argc, char **argv)
{
	const char *pos[1];
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, host_usage), err;

	CLI_PARSED(rc);
	if ((rc = open_host(c, 0)) != 0)
		return rc;
	if ((err = portal_host_grant(c->p, pos[0])) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

static int host_move(cli *c, int argc, char **argv)
{
	const char *pos[2];
	int rc = cli_parse(argc, argv, NULL, pos, 2, 2, host_usage), err;

	CLI_PARSED(rc);
	if ((rc = open_host(c, PORTAL_OPEN_CREATE)) != 0)
		return rc;
	if ((err = portal_host_shop_move(c->p, pos[0], pos[1])) < 0)
		return cli_fail(c, err);
	printf("shop %s moved in from %s\n", pos[1], pos[0]);
	return EXIT_OK;
}

static int host_limit(cli *c, int argc, char **argv)
{
	const char *pos[1];
	portal_id misses;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, host_usage), err;

	CLI_PARSED(rc);
	if (strcmp(pos[0], "0") == 0)
		misses = 0;
	else if (cli_parse_id(&misses, pos[0]) < 0)
		return cli_usage_error("limit: '%s' is not a number of lookups", pos[0]);
	if ((rc = open_host(c, PORTAL_OPEN_CREATE)) != 0)
		return rc;
	if ((err = portal_host_lookup_limit(c->p, misses)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

int cmd_host(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", host_add, NULL },
		{ "list", host_list, NULL },
		{ "disable", host_disable, NULL },
		{ "enable", host_enable, NULL },
		{ "grant", host_grant, NULL },
		{ "move", host_move, NULL },
		{ "limit", host_limit, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, host_usage);
}
