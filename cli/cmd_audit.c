/* SPDX-License-Identifier: MIT */
/*
 * cmd_audit.c - `portal audit`: who came into the portal, and what they did.
 */
#include "cli.h"

#include <stdlib.h>

static const char audit_usage[] =
	"usage: portal audit [--client CLIENT] [--since TIME] [--limit N]\n\n"
	"Prints the audit log, oldest first: every lookup (match, miss,\n"
	"refused), link created, used and revoked, session opened and ended,\n"
	"access turned on or off, estimate approved or declined, appointment\n"
	"cancelled. One line per entry: time (shop's zone), source address\n"
	"(\"shop\" for the shop's own tools), client, event, outcome, detail.\n"
	"Text from outside is encoded (\\xNN) so an entry is always one line.\n"
	"Tokens are never logged.\n\n"
	"  --client CLIENT  only the entries about this client\n"
	"  --since TIME     only entries at or after TIME (e.g. 2026-11-22 or\n"
	"                   \"2026-11-22 09:00\", shop's zone)\n"
	"  --limit N        only the newest N entries\n";

static int print_entry(const portal_audit_entry *e, void *ctx)
{
	cli *c = ctx;
	char when[PORTAL_TIME_STRLEN], client[24] = "-";

	if (e->client_id)
		snprintf(client, sizeof(client), "#%lld", (long long)e->client_id);
	printf("%s  %-15s %-7s %-18s %-9s %s\n", cli_time(c, e->at, when, sizeof(when)),
		e->source, client, e->event, e->outcome, e->detail);
	return 0;
}

int cmd_audit(cli *c, int argc, char **argv)
{
	portal_audit_filter filter = PORTAL_AUDIT_FILTER_INIT;
	portal_buf doc = PORTAL_BUF_INIT;
	const char *client = NULL, *since = NULL, *limit = NULL;
	const cli_opt opts[] = {
		{ "client", &client, NULL }, { "since", &since, NULL }, { "limit", &limit, NULL },
		{ NULL, NULL, NULL }
	};
	char *end;
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, audit_usage), err;

	CLI_PARSED(rc);
	if (client && (rc = cli_id_arg(&filter.client_id, client, "client")) != 0)
		return rc;
	if (limit) {
		long n = strtol(limit, &end, 10);
		if (*limit == '\0' || *end != '\0' || n < 1 || n > 1000000)
			return cli_usage_error("--limit takes a number from 1 to 1000000");
		filter.limit = (int)n;
	}
	if ((rc = cli_open(c, 0)) != 0 || (since && (rc = cli_time_arg(c, &filter.since, since)) != 0))
		return rc;
	if (c->json) {
		if ((err = portal_audit_json(&doc, c->p, &filter)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_audit_foreach(c->p, &filter, print_entry, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}
