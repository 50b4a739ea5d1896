/* SPDX-License-Identifier: MIT */
/*
 * main.c - `portal`: the shop's command line.
 *
 *     portal [--db FILE|URI] [--shop NAME] [--json] COMMAND [ARGS]
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_command commands[] = {
	{ "init", cmd_init, "create the shop database" },
	{ "demo", cmd_demo, "fill a new database with a demo shop" },
	{ "shop", cmd_shop, "the shop's contact details and policies" },
	{ "client", cmd_client, "clients: add, list, show, set" },
	{ "address", cmd_address, "service addresses: add, list" },
	{ "asset", cmd_asset, "appliances and vehicles: add, list, show" },
	{ "tech", cmd_tech, "technicians: add, list, activate, deactivate" },
	{ "job", cmd_job, "jobs and their timelines: add, status, show, list" },
	{ "estimate", cmd_estimate, "estimates: add, line, send, show, approve, decline, list, pdf" },
	{ "invoice", cmd_invoice, "invoices: add, line, issue, show, void, list, monthly, pdf" },
	{ "payment", cmd_payment, "payments: add, refund, list, breakdown" },
	{ "statement", cmd_statement, "a client's statement of account, or its PDF" },
	{ "inspection", cmd_inspection, "inspections: add, item, estimate, show, list" },
	{ "appointment", cmd_appointment, "visits: add, assign, status, cancel, no-show, list, ics" },
	{ "warranty", cmd_warranty, "check a job's warranty" },
	{ "reminder", cmd_reminder, "service reminders: add, done, show, list" },
	{ "reminders", cmd_reminders, "the service reminders due soon" },
	{ "access", cmd_access, "portal access: link, list, revoke, on, off, sections" },
	{ "lookup", cmd_lookup, "what a customer gets for an invoice and house number" },
	{ "preview", cmd_preview, "exactly what a client sees in the portal" },
	{ "audit", cmd_audit, "the audit log of portal access" },
	{ "chat", cmd_chat, "the chat with clients: list, reply, read" },
	{ "requests", cmd_requests, "clients' requests: list, show, approve, reject" },
	{ "notifications", cmd_notifications, "what a client has been told" },
	{ "outbox", cmd_outbox, "emails and SMS: list, show, deliver, remind" },
	{ "sms", cmd_sms, "SMS replies from customers: inbound" },
	{ "export", cmd_export, "the whole shop as one JSON document" },
	{ "backup", cmd_backup, "copy the shop's database while the portal serves" },
	{ "check", cmd_check, "check the database and the settings a shop must make" },
	{ "serve", cmd_serve, "the customer's web portal on this machine, through lighttpd" },
	{ "import", cmd_import, "bring records in: CSV files from another system, or an export" },
	{ "host", cmd_host, "the shops of a PostgreSQL database: add, list, disable, grant" },
	{ NULL, NULL, NULL }
};

static void usage(FILE *f)
{
	fputs("usage: portal [--db FILE|URI] [--shop NAME] [--json] COMMAND [ARGS]\n\n"
	      "The shop's side of the client portal.\n\n"
	      "Options:\n"
	      "  --db FILE   shop database (default: $PORTAL_DB, then ./portal.db),\n"
	      "              or a postgresql:// URI of a database of many shops\n"
	      "  --shop NAME the shop on a PostgreSQL database (default: $PORTAL_SHOP)\n"
	      "  --json      print one JSON document on stdout\n"
	      "  --version   print the version\n\n"
	      "Commands:\n", f);
	for (const cli_command *c = commands; c->name; c++)
		fprintf(f, "  %-12s %s\n", c->name, c->summary);
	fputs("\nEvery command has --help. Exit codes: 0 ok, 1 not found, 2 usage,\n"
	      "3 refused by a rule, 4 rate limited, 5 storage or I/O error.\n", f);
}

/* Global options may stand before the command; --json may also follow
 * it, where people tend to type it. */
static int take_global_options(cli *c, int *argc, char **argv)
{
	int w = 1, in_command = 0;

	for (int i = 1; i < *argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "--json") == 0) {
			c->json = 1;
		} else if (!in_command && strcmp(a, "--db") == 0) {
			if (i + 1 >= *argc)
				return cli_usage_error("--db needs a file");
			c->db_path = argv[++i];
		} else if (!in_command && strncmp(a, "--db=", 5) == 0) {
			c->db_path = a + 5;
		} else if (!in_command && strcmp(a, "--shop") == 0) {
			if (i + 1 >= *argc)
				return cli_usage_error("--shop needs a name");
			c->shop = argv[++i];
		} else if (!in_command && strncmp(a, "--shop=", 7) == 0) {
			c->shop = a + 7;
		} else {
			if (!in_command && a[0] != '-')
				in_command = 1;
			argv[w++] = argv[i];
		}
	}
	*argc = w;
	argv[w] = NULL;
	return 0;
}

int main(int argc, char **argv)
{
	cli c = { 0 };
	int rc;

	c.db_path = getenv("PORTAL_DB");
	if (c.db_path == NULL || *c.db_path == '\0')
		c.db_path = "portal.db";
	c.shop = getenv("PORTAL_SHOP");
	if ((rc = take_global_options(&c, &argc, argv)) != 0)
		return rc;
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    strcmp(argv[1], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		printf("portal %s (libportal %s, schema %d)\n", PORTAL_VERSION, portal_version(),
			portal_schema_version_supported());
		return EXIT_OK;
	}
	for (const cli_command *cmd = commands; cmd->name; cmd++) {
		if (strcmp(argv[1], cmd->name) == 0) {
			rc = cmd->run(&c, argc - 1, argv + 1);
			portal_close(c.p);
			return rc;
		}
	}
	fprintf(stderr, "portal: unknown command '%s' (see portal --help)\n", argv[1]);
	return EXIT_USAGE;
}
