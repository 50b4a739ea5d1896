/* SPDX-License-Identifier: MIT */
/*
 * cmd_shop.c - `portal shop`: the shop's details and policies.
 */
#include "cli.h"

static const char shop_usage[] =
	"usage: portal shop show\n"
	"       portal shop get KEY\n"
	"       portal shop set KEY VALUE\n\n"
	"The shop's contact details and policy settings. `show` lists every\n"
	"setting with its value; unset ones have the published default.\n";

static int shop_show(cli *c, int argc, char **argv)
{
	portal_buf v = PORTAL_BUF_INIT;
	int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, shop_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_shop_json(&v, c->p)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&v);
	}
	for (size_t i = 0; i < portal_setting_count(); i++) {
		const portal_setting_info *s = portal_setting_at(i);
		if ((err = portal_shop_get(&v, c->p, s->key)) < 0)
			return cli_fail(c, err);
		printf("%-26s %s\n", s->key, v.ptr);
		portal_buf_dispose(&v);
	}
	return EXIT_OK;
}

static int shop_get(cli *c, int argc, char **argv)
{
	portal_buf v = PORTAL_BUF_INIT;
	const char *pos[1];
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, shop_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_shop_get(&v, c->p, pos[0])) < 0)
		return cli_fail(c, err);
	if (c->json) {
		/* One document for every --json command: the shop's settings. */
		portal_buf_dispose(&v);
		if ((err = portal_shop_json(&v, c->p)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&v);
	}
	puts(v.ptr);
	portal_buf_dispose(&v);
	return EXIT_OK;
}

static int shop_set(cli *c, int argc, char **argv)
{
	portal_buf v = PORTAL_BUF_INIT;
	const char *pos[2];
	int rc = cli_parse(argc, argv, NULL, pos, 2, 2, shop_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_shop_set(c->p, pos[0], pos[1])) < 0 ||
	    (err = portal_shop_get(&v, c->p, pos[0])) < 0)
		return cli_fail(c, err);
	if (c->json) {
		portal_buf_dispose(&v);
		if ((err = portal_shop_json(&v, c->p)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&v);
	}
	printf("%s = %s\n", pos[0], v.ptr);
	portal_buf_dispose(&v);
	return EXIT_OK;
}

int cmd_shop(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "show", shop_show, NULL },
		{ "get", shop_get, NULL },
		{ "set", shop_set, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, shop_usage);
}
