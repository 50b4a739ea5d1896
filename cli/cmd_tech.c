/*
 * cmd_tech.c - `portal tech`: technicians.
 */
#include "cli.h"

static const char tech_usage[] =
	"usage: portal tech add NAME [--phone P]\n"
	"       portal tech list\n"
	"       portal tech activate ID\n"
	"       portal tech deactivate ID\n\n"
	"The shop's technicians. A technician's phone is never shown to customers.\n";

static int print_techs(cli *c);

static int tech_add(cli *c, int argc, char **argv)
{
	const char *pos[1], *phone = NULL;
	const cli_opt opts[] = { { "phone", &phone, NULL }, { NULL, NULL, NULL } };
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, tech_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_tech_add(&id, c->p, pos[0], phone)) < 0)
		return cli_fail(c, err);
	if (c->json)
		return print_techs(c);
	printf("technician #%lld\n", (long long)id);
	return EXIT_OK;
}

static int print_tech_row(const portal_tech *t, void *ctx)
{
	(void)ctx;
	printf("#%-4lld %-28s %-14s %s\n", (long long)t->id, t->name, t->phone,
		t->active ? "active" : "inactive");
	return 0;
}

static int print_techs(cli *c)
{
	portal_buf doc = PORTAL_BUF_INIT;
	int err;

	if (c->json) {
		if ((err = portal_tech_list_json(&doc, c->p)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_tech_foreach(c->p, print_tech_row, NULL)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

static int tech_list(cli *c, int argc, char **argv)
{
	int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, tech_usage);

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	return print_techs(c);
}

static int set_active(cli *c, int argc, char **argv, int active)
{
	const char *pos[1];
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, tech_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "technician")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_tech_set_active(c->p, id, active)) < 0)
		return cli_fail(c, err);
	return c->json ? print_techs(c) : EXIT_OK;
}

static int tech_activate(cli *c, int argc, char **argv)
{
	return set_active(c, argc, argv, 1);
}

static int tech_deactivate(cli *c, int argc, char **argv)
{
	return set_active(c, argc, argv, 0);
}

int cmd_tech(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", tech_add, NULL },
		{ "list", tech_list, NULL },
		{ "activate", tech_activate, NULL },
		{ "deactivate", tech_deactivate, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, tech_usage);
}
