/* SPDX-License-Identifier: MIT */
/*
 * cmd_invoice.c - `portal invoice`: invoices, their status and balance.
 */
#include "cli.h"

#include <string.h>

static const char invoice_usage[] =
	"usage: portal invoice add CLIENT [--job JOB] [--number NUMBER] [--notes TEXT]\n"
	"       portal invoice line NUMBER KIND [DESCRIPTION] --price AMOUNT [--qty Q] [--no-tax]\n"
	"       portal invoice issue NUMBER [--at TIME] [--due DATE]\n"
	"       portal invoice show NUMBER\n"
	"       portal invoice void NUMBER --reason TEXT\n"
	"       portal invoice list [--client ID] [--status STATUS]\n"
	"       portal invoice monthly [--client ID] [--from TIME] [--to TIME]\n"
	"       portal invoice pdf NUMBER [-o FILE] | --all --dir DIR [--jobs N]\n\n"
	"NUMBER as people type it: 10231, #10231, inv-10231, \"Invoice 10231\".\n"
	"A new invoice is a draft numbered after the highest number (from 10001);\n"
	"lines may be added until it is issued. It is due on receipt unless --due\n"
	"names a later day. STATUS is draft, due, partly-paid, paid, overdue or\n"
	"void. An invoice holding payments cannot be voided: refund them first.\n"
	"KIND is labour, part, service-call-fee, other-fee, discount or credit.\n";

static int find_invoice(cli *c, portal_id *id, const char *number)
{
	int err = portal_invoice_find(id, c->p, number);

	return err < 0 ? cli_fail(c, err) : 0;
}

static int print_invoice(cli *c, portal_id id)
{
	portal_invoice *inv = NULL;
	portal_buf doc = PORTAL_BUF_INIT;
	char when[PORTAL_TIME_STRLEN], money[PORTAL_MONEY_STRLEN];
	int err;

	if (c->json) {
		if ((err = portal_invoice_json(&doc, c->p, id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_invoice_get(&inv, c->p, id)) < 0)
		return cli_fail(c, err);
	printf("Invoice %s  %s  client #%lld", inv->number,
		portal_invoice_status_label(inv->status), (long long)inv->client_id);
	if (inv->job_id)
		printf("  job #%lld", (long long)inv->job_id);
	putchar('\n');
	if (inv->issued_at) {
		cli_field("Issued", cli_time(c, inv->issued_at, when, sizeof(when)));
		cli_field("Due", portal_time_format(when, sizeof(when), c->p, inv->due_at,
			PORTAL_TIME_DATE));
	}
	if (inv->voided_at) {
		cli_field("Voided", cli_time(c, inv->voided_at, when, sizeof(when)));
		cli_field("Reason", inv->void_reason);
	}
	cli_field("Notes", inv->notes);
	cli_print_lines(inv->lines, inv->line_count, 0);
	cli_print_totals(&inv->totals);
	printf("  %-58s %11s\n", "Paid", portal_money_format(money, sizeof(money), inv->paid));
	printf("  %-58s %11s\n", "Balance", portal_money_format(money, sizeof(money), inv->balance));
	if (inv->days_overdue)
		printf("  %d day%s overdue\n", inv->days_overdue, inv->days_overdue == 1 ? "" : "s");
	portal_invoice_free(inv);
	return EXIT_OK;
}

static int invoice_add(cli *c, int argc, char **argv)
{
	portal_invoice_fields f = PORTAL_INVOICE_FIELDS_INIT;
	const char *pos[1], *job = NULL;
	const cli_opt opts[] = {
		{ "job", &job, NULL }, { "number", &f.number, NULL }, { "notes", &f.notes, NULL },
		{ NULL, NULL, NULL }
	};
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, invoice_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&f.client_id, pos[0], "client")) != 0 ||
	    (job && (rc = cli_id_arg(&f.job_id, job, "--job")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_invoice_add(&id, c->p, &f)) < 0)
		return cli_fail(c, err);
	return print_invoice(c, id);
}

static int invoice_line(cli *c, int argc, char **argv)
{
	portal_line_fields f = PORTAL_LINE_FIELDS_INIT;
	const char *pos[3] = { NULL, NULL, NULL }, *price = NULL, *qty = NULL;
	int no_tax = 0;
	const cli_opt opts[] = {
		{ "price", &price, NULL }, { "qty", &qty, NULL }, { "no-tax", NULL, &no_tax },
		{ NULL, NULL, NULL }
	};
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 2, 3, invoice_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_line_fields(&f, pos[1], pos[2], price, qty, no_tax)) != 0 ||
	    (rc = cli_open(c, 0)) != 0 || (rc = find_invoice(c, &id, pos[0])) != 0)
		return rc;
	if ((err = portal_invoice_line_add(NULL, c->p, id, &f)) < 0)
		return cli_fail(c, err);
	return print_invoice(c, id);
}

static int invoice_issue(cli *c, int argc, char **argv)
{
	const char *pos[1], *at = NULL, *due = NULL;
	const cli_opt opts[] = { { "at", &at, NULL }, { "due", &due, NULL }, { NULL, NULL, NULL } };
	portal_time when = 0, due_at = 0;
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, invoice_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0 || (at && (rc = cli_time_arg(c, &when, at)) != 0) ||
	    (due && (rc = cli_time_arg(c, &due_at, due)) != 0) ||
	    (rc = find_invoice(c, &id, pos[0])) != 0)
		return rc;
	if ((err = portal_invoice_issue(c->p, id, when, due_at)) < 0)
		return cli_fail(c, err);
	return print_invoice(c, id);
}

static int invoice_show(cli *c, int argc, char **argv)
{
	const char *pos[1];
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, invoice_usage);

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0 || (rc = find_invoice(c, &id, pos[0])) != 0)
		return rc;
	return print_invoice(c, id);
}

static int invoice_void(cli *c, int argc, char **argv)
{
	const char *pos[1], *reason = NULL;
	const cli_opt opts[] = { { "reason", &reason, NULL }, { NULL, NULL, NULL } };
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, invoice_usage), err;

	CLI_PARSED(rc);
	if (reason == NULL)
		return cli_usage_error("--reason is needed to void an invoice");
	if ((rc = cli_open(c, 0)) != 0 || (rc = find_invoice(c, &id, pos[0])) != 0)
		return rc;
	if ((err = portal_invoice_void(c->p, id, reason)) < 0)
		return cli_fail(c, err);
	return print_invoice(c, id);
}

static int print_invoice_row(const portal_invoice *inv, void *ctx)
{
	cli *c = ctx;
	char total[PORTAL_MONEY_STRLEN], balance[PORTAL_MONEY_STRLEN], due[PORTAL_TIME_STRLEN];

	printf("%-10s client #%-5lld %-12s total %11s  balance %11s  due %s\n", inv->number,
		(long long)inv->client_id, portal_invoice_status_label(inv->status),
		portal_money_format(total, sizeof(total), inv->totals.total),
		portal_money_format(balance, sizeof(balance), inv->balance),
		inv->due_at ? portal_time_format(due, sizeof(due), c->p, inv->due_at,
			PORTAL_TIME_DATE) : "-");
	return 0;
}

static int invoice_list(cli *c, int argc, char **argv)
{
	portal_invoice_filter filter = { 0, 0, 0 };
	portal_buf doc = PORTAL_BUF_INIT;
	const char *client = NULL, *status = NULL;
	const cli_opt opts[] = {
		{ "client", &client, NULL }, { "status", &status, NULL }, { NULL, NULL, NULL }
	};
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, invoice_usage), err;

	CLI_PARSED(rc);
	if (client && (rc = cli_id_arg(&filter.client_id, client, "--client")) != 0)
		return rc;
	if (status && portal_invoice_status_parse(&filter.status, status) < 0)
		return cli_usage_error("'%s' is not an invoice status (see portal invoice --help)",
			status);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_invoice_list_json(&doc, c->p, &filter)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_invoice_foreach(c->p, &filter, print_invoice_row, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

static int invoice_monthly(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	cli_span span;
	int rc = cli_parse_span(c, argc, argv, invoice_usage, &span), err;

	CLI_PARSED(rc);
	if ((err = portal_invoice_monthly_json(&doc, c->p, span.client_id, span.from,
	    span.to)) < 0)
		return cli_fail(c, err);
	/* The monthly document is small and flat: people read it as JSON too. */
	return cli_print_json(&doc);
}

int cmd_invoice(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", invoice_add, NULL },
		{ "line", invoice_line, NULL },
		{ "issue", invoice_issue, NULL },
		{ "show", invoice_show, NULL },
		{ "void", invoice_void, NULL },
		{ "list", invoice_list, NULL },
		{ "monthly", invoice_monthly, NULL },
		{ "pdf", cmd_invoice_pdf, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, invoice_usage);
}
