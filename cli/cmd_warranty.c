/* SPDX-License-Identifier: MIT */
/*
 * cmd_warranty.c - `portal warranty check`: is a return visit covered?
 */
#include "cli.h"

static const char warranty_usage[] =
	"usage: portal warranty check JOB [--on TIME] [--other-problem]\n"
	"                                 [--cause CAUSE] [--owner-changed]\n\n"
	"Answers whether a problem reported at TIME (default now) on repaired\n"
	"job JOB is covered: labour for 90 days and parts for 30 days from the\n"
	"day of the repair (shop settings), the same problem only, not for a\n"
	"new owner. CAUSE is one of: misuse, improper_maintenance,\n"
	"external_damage, pests, weather, relocated; each is excluded.\n"
	"Exits 0 whether covered or not.\n";

static const char *yes_no(int covered)
{
	return covered ? "covered" : "not covered";
}

static int warranty_check(cli *c, int argc, char **argv)
{
	portal_warranty_claim claim = PORTAL_WARRANTY_CLAIM_INIT;
	portal_warranty w;
	portal_buf doc = PORTAL_BUF_INIT;
	const char *pos[1], *on = NULL, *cause = NULL;
	int other = 0, owner = 0;
	const cli_opt opts[] = {
		{ "on", &on, NULL }, { "cause", &cause, NULL },
		{ "other-problem", NULL, &other }, { "owner-changed", NULL, &owner },
		{ NULL, NULL, NULL }
	};
	char when[PORTAL_TIME_STRLEN];
	portal_id job;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, warranty_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&job, pos[0], "job")) != 0)
		return rc;
	if (cause && portal_warranty_cause_parse(&claim.cause, cause) < 0)
		return cli_usage_error("'%s' is not a cause (see portal warranty --help)", cause);
	claim.same_problem = !other;
	claim.owner_changed = owner;
	if ((rc = cli_open(c, 0)) != 0 || (on && (rc = cli_time_arg(c, &claim.at, on)) != 0))
		return rc;
	if (c->json) {
		if ((err = portal_warranty_json(&doc, c->p, job, &claim)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_warranty_check(&w, c->p, job, &claim)) < 0)
		return cli_fail(c, err);
	printf("Job #%lld warranty\n", (long long)job);
	cli_field("Repaired", cli_time(c, w.completed_at, when, sizeof(when)));
	if (w.completed_at) {
		printf("%-10s %s (until %s)\n", "Labour", yes_no(w.labour_covered), w.labour_until);
		printf("%-10s %s (until %s)\n", "Parts", yes_no(w.parts_covered), w.parts_until);
	}
	puts(w.explanation);
	return EXIT_OK;
}

int cmd_warranty(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "check", warranty_check, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, warranty_usage);
}
