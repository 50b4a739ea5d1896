/* SPDX-License-Identifier: MIT */
/*
 * cmd_tech.c - `portal tech`: technicians.
 */
#include "cli.h"

#include <stdlib.h>

static const char tech_usage[] =
	"usage: portal tech add NAME [--phone P]\n"
	"       portal tech list\n"
	"       portal tech activate ID\n"
	"       portal tech deactivate ID\n"
	"       portal tech ping TECH LAT LON [--at TIME] [--accuracy METRES]\n\n"
	"The shop's technicians. A technician's phone is never shown to customers.\n"
	"`ping` records where a technician is (degrees; --at defaults to now),\n"
	"replacing the previous position: only the latest is kept. A position\n"
	"older than the one kept is ignored. A visit en route today whose address\n"
	"is within arrival_radius_m (125 m) becomes arrived.\n";

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

/* A number such as "43.6487" or "-79.38"; nothing else after it. */
static int parse_number(double *out, const char *text, const char *what)
{
	char *end;

	*out = strtod(text, &end);
	if (end == text || *end != '\0')
		return cli_usage_error("%s: '%s' is not a number", what, text);
	return 0;
}

static int print_position_text(cli *c, portal_id id, portal_time sent)
{
	portal_tech_position pos;
	char when[PORTAL_TIME_STRLEN];
	int err;

	if ((err = portal_tech_position_get(&pos, c->p, id)) < 0)
		return cli_fail(c, err);
	cli_time(c, pos.at, when, sizeof(when));
	if (pos.at > sent)
		printf("ignored: technician #%lld has a later position, from %s\n",
			(long long)id, when);
	else if (pos.accuracy_m >= 0)
		printf("technician #%lld at %.6f, %.6f (within %.0f m) at %s\n", (long long)id,
			pos.latitude, pos.longitude, pos.accuracy_m, when);
	else
		printf("technician #%lld at %.6f, %.6f at %s\n", (long long)id, pos.latitude,
			pos.longitude, when);
	return EXIT_OK;
}

static int tech_ping(cli *c, int argc, char **argv)
{
	const char *pos[3], *at = NULL, *accuracy = NULL;
	const cli_opt opts[] = {
		{ "at", &at, NULL }, { "accuracy", &accuracy, NULL }, { NULL, NULL, NULL }
	};
	portal_buf doc = PORTAL_BUF_INIT;
	double lat, lon, metres = -1;
	portal_time when = 0;
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 3, 3, tech_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "technician")) != 0 ||
	    (rc = parse_number(&lat, pos[1], "LAT")) != 0 ||
	    (rc = parse_number(&lon, pos[2], "LON")) != 0 ||
	    (accuracy && (rc = parse_number(&metres, accuracy, "--accuracy")) != 0))
		return rc;
	if (accuracy && metres < 0)
		return cli_usage_error("--accuracy: '%s' is not a number of metres from 0 to "
			"100000", accuracy);
	if ((rc = cli_open(c, 0)) != 0 || (at && (rc = cli_time_arg(c, &when, at)) != 0))
		return rc;
	if (when == 0)
		when = portal_now(c->p);
	if ((err = portal_tech_ping(c->p, id, lat, lon, metres, when)) < 0)
		return cli_fail(c, err);
	if (!c->json)
		return print_position_text(c, id, when);
	if ((err = portal_tech_position_json(&doc, c->p, id)) < 0)
		return cli_fail(c, err);
	return cli_print_json(&doc);
}

int cmd_tech(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", tech_add, NULL },
		{ "list", tech_list, NULL },
		{ "activate", tech_activate, NULL },
		{ "deactivate", tech_deactivate, NULL },
		{ "ping", tech_ping, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, tech_usage);
}
