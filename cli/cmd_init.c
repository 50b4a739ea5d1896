/* SPDX-License-Identifier: MIT */
/*
 * cmd_init.c - `portal init` and `portal demo`.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char init_usage[] =
	"usage: portal init\n\n"
	"Create the shop database (--db, $PORTAL_DB or ./portal.db) with the\n"
	"default policies of the shop, and the shop's secret key. Running it on\n"
	"an existing shop database changes nothing. Then set the shop's details:\n"
	"  portal shop set name \"Northside Repair\"\n"
	"  portal shop set timezone America/Toronto\n";

int cmd_init(cli *c, int argc, char **argv)
{
	int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, init_usage);

	CLI_PARSED(rc);
	if ((rc = cli_open(c, PORTAL_OPEN_CREATE)) != 0)
		return rc;
	if (c->json)
		printf("{\"schema_version\": %d}\n", portal_schema_version(c->p));
	else
		printf("shop database %s ready (schema %d)\n", portal_db_label(c->p),
			portal_schema_version(c->p));
	return EXIT_OK;
}

static const char demo_usage[] =
	"usage: portal demo\n\n"
	"Create the database if needed and fill it with a demo shop: settings,\n"
	"technicians, a dozen clients with their appliances and vehicles, jobs\n"
	"at every stage with their estimates, invoices in every status and\n"
	"payments, visits (one today), inspections and service reminders.\n"
	"Refused (exit 3) when the shop already has clients.\n";

static int print_one(const portal_job *j, void *ctx)
{
	putchar('\n');
	return cli_print_job_timeline(ctx, j->id);
}

static int print_invoice(const portal_invoice *inv, void *ctx)
{
	char total[PORTAL_MONEY_STRLEN], balance[PORTAL_MONEY_STRLEN];

	(void)ctx;
	printf("  Invoice %-8s %-12s total %10s  balance %10s\n", inv->number,
		portal_invoice_status_label(inv->status),
		portal_money_format(total, sizeof(total), inv->totals.total),
		portal_money_format(balance, sizeof(balance), inv->balance));
	return 0;
}

/* The demo client whose jobs show what the portal is about: Łukasz
 * Kowalski has two, one paid for and one just booked. */
static int pick_client(const portal_client *cl, void *ctx)
{
	if (strncmp(cl->name, "\xc5\x81ukasz", 7) == 0)
		*(portal_id *)ctx = cl->id;
	return 0;
}

int cmd_demo(cli *c, int argc, char **argv)
{
	portal_invoice_filter filter = { 0, 0, 0 };
	portal_buf doc = PORTAL_BUF_INIT;
	portal_client *cl = NULL;
	portal_id id = 0;
	int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, demo_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, PORTAL_OPEN_CREATE)) != 0)
		return rc;
	if ((err = portal_demo_fill(c->p)) < 0 ||
	    (err = portal_client_foreach(c->p, NULL, pick_client, &id)) < 0 ||
	    (err = portal_client_get(&cl, c->p, id)) < 0)
		return cli_fail(c, err);
	if (c->json) {
		portal_client_free(cl);
		if ((err = portal_job_list_json(&doc, c->p, id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	printf("demo shop written to %s\n\nJobs of %s (client #%lld), as the portal will show them:\n",
		c->db_path, cl->name, (long long)id);
	portal_client_free(cl);
	/* A positive answer is the exit code of a failed print. */
	if ((err = portal_job_foreach(c->p, id, print_one, c)) != 0)
		return err < 0 ? cli_fail(c, err) : err;
	puts("\nTheir invoices:");
	filter.client_id = id;
	if ((err = portal_invoice_foreach(c->p, &filter, print_invoice, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}
