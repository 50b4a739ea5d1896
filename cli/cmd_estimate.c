/* SPDX-License-Identifier: MIT */
/*
 * cmd_estimate.c - `portal estimate`: estimates and the customer's decisions.
 */
#include "cli.h"

#include <string.h>

static const char estimate_usage[] =
	"usage: portal estimate add CLIENT [--job JOB] [--notes TEXT]\n"
	"       portal estimate line NUMBER KIND [DESCRIPTION] --price AMOUNT [--qty Q] [--no-tax]\n"
	"       portal estimate send NUMBER [--at TIME]\n"
	"       portal estimate show NUMBER\n"
	"       portal estimate approve NUMBER --name NAME [--line N]\n"
	"       portal estimate decline NUMBER --name NAME [--line N]\n"
	"       portal estimate list [--client ID]\n"
	"       portal estimate pdf NUMBER [-o FILE]\n\n"
	"NUMBER as the customer reads it: E1001, e-1001, 1001.\n"
	"KIND is labour, part, service-call-fee, other-fee, discount or credit;\n"
	"a discount or credit subtracts its (positive) price. A service call fee\n"
	"without --price is the shop's fee. Lines may be added until the estimate\n"
	"is sent; it is then valid through the end of its last valid day (the\n"
	"estimate_validity_days setting, in shop time). --line N approves or\n"
	"declines line N only; without it, every line still pending. Approving\n"
	"an expired estimate exits 3.\n";

static int find_estimate(cli *c, portal_id *id, const char *number)
{
	int err = portal_estimate_find(id, c->p, number);

	return err < 0 ? cli_fail(c, err) : 0;
}

static int print_estimate(cli *c, portal_id id)
{
	portal_estimate *e = NULL;
	portal_buf doc = PORTAL_BUF_INIT;
	char when[PORTAL_TIME_STRLEN];
	int err;

	if (c->json) {
		if ((err = portal_estimate_json(&doc, c->p, id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_estimate_get(&e, c->p, id)) < 0)
		return cli_fail(c, err);
	printf("Estimate %s  %s  client #%lld", e->number, portal_estimate_status_name(e->status),
		(long long)e->client_id);
	if (e->job_id)
		printf("  job #%lld", (long long)e->job_id);
	putchar('\n');
	if (e->issued_at) {
		cli_field("Sent", cli_time(c, e->issued_at, when, sizeof(when)));
		cli_field("Expires", cli_time(c, e->valid_until, when, sizeof(when)));
	}
	cli_field("Notes", e->notes);
	cli_print_lines(e->lines, e->line_count, 1);
	cli_print_totals(&e->totals);
	if (e->approved.total != e->totals.total && e->approved.subtotal) {
		puts("Approved lines:");
		cli_print_totals(&e->approved);
	}
	portal_estimate_free(e);
	return EXIT_OK;
}

static int estimate_add(cli *c, int argc, char **argv)
{
	portal_estimate_fields f = PORTAL_ESTIMATE_FIELDS_INIT;
	const char *pos[1], *job = NULL;
	const cli_opt opts[] = {
		{ "job", &job, NULL }, { "notes", &f.notes, NULL }, { NULL, NULL, NULL }
	};
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, estimate_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&f.client_id, pos[0], "client")) != 0 ||
	    (job && (rc = cli_id_arg(&f.job_id, job, "--job")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_estimate_add(&id, c->p, &f)) < 0)
		return cli_fail(c, err);
	return print_estimate(c, id);
}

static int estimate_line(cli *c, int argc, char **argv)
{
	portal_line_fields f = PORTAL_LINE_FIELDS_INIT;
	const char *pos[3] = { NULL, NULL, NULL }, *price = NULL, *qty = NULL;
	int no_tax = 0;
	const cli_opt opts[] = {
		{ "price", &price, NULL }, { "qty", &qty, NULL }, { "no-tax", NULL, &no_tax },
		{ NULL, NULL, NULL }
	};
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 2, 3, estimate_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_line_fields(&f, pos[1], pos[2], price, qty, no_tax)) != 0 ||
	    (rc = cli_open(c, 0)) != 0 || (rc = find_estimate(c, &id, pos[0])) != 0)
		return rc;
	if ((err = portal_estimate_line_add(NULL, c->p, id, &f)) < 0)
		return cli_fail(c, err);
	return print_estimate(c, id);
}

static int estimate_send(cli *c, int argc, char **argv)
{
	const char *pos[1], *at = NULL;
	const cli_opt opts[] = { { "at", &at, NULL }, { NULL, NULL, NULL } };
	portal_time when = 0;
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, estimate_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0 || (at && (rc = cli_time_arg(c, &when, at)) != 0) ||
	    (rc = find_estimate(c, &id, pos[0])) != 0)
		return rc;
	if ((err = portal_estimate_send(c->p, id, when)) < 0)
		return cli_fail(c, err);
	return print_estimate(c, id);
}

static int estimate_show(cli *c, int argc, char **argv)
{
	const char *pos[1];
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, estimate_usage);

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0 || (rc = find_estimate(c, &id, pos[0])) != 0)
		return rc;
	return print_estimate(c, id);
}

/* --line N names a line by its position, as printed; the library wants its id. */
static int line_by_position(cli *c, portal_id *line_id, portal_id id, const char *text)
{
	portal_estimate *e = NULL;
	portal_id n;
	int err;

	if (cli_id_arg(&n, text, "--line") != 0)
		return EXIT_USAGE;
	if ((err = portal_estimate_get(&e, c->p, id)) < 0)
		return cli_fail(c, err);
	*line_id = 0;
	for (size_t i = 0; i < e->line_count; i++)
		if (e->lines[i].position == n)
			*line_id = e->lines[i].id;
	portal_estimate_free(e);
	if (*line_id == 0) {
		fprintf(stderr, "portal: the estimate has no line %lld\n", (long long)n);
		return EXIT_NOTFOUND;
	}
	return 0;
}

static int decide(cli *c, int argc, char **argv, portal_decision d)
{
	const char *pos[1], *name = NULL, *line = NULL;
	const cli_opt opts[] = {
		{ "name", &name, NULL }, { "line", &line, NULL }, { NULL, NULL, NULL }
	};
	portal_id id, line_id = 0;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, estimate_usage), err;

	CLI_PARSED(rc);
	if (name == NULL)
		return cli_usage_error("--name is needed: the name the customer typed");
	if ((rc = cli_open(c, 0)) != 0 || (rc = find_estimate(c, &id, pos[0])) != 0 ||
	    (line && (rc = line_by_position(c, &line_id, id, line)) != 0))
		return rc;
	if ((err = portal_estimate_decide(c->p, id, line_id, d, name)) < 0)
		return cli_fail(c, err);
	return print_estimate(c, id);
}

static int estimate_approve(cli *c, int argc, char **argv)
{
	return decide(c, argc, argv, PORTAL_DECISION_APPROVED);
}

static int estimate_decline(cli *c, int argc, char **argv)
{
	return decide(c, argc, argv, PORTAL_DECISION_DECLINED);
}

static int print_estimate_row(const portal_estimate *e, void *ctx)
{
	cli *c = ctx;
	char total[PORTAL_MONEY_STRLEN], when[PORTAL_TIME_STRLEN];

	printf("%-8s client #%-5lld %-16s %11s  %s\n", e->number, (long long)e->client_id,
		portal_estimate_status_name(e->status),
		portal_money_format(total, sizeof(total), e->totals.total),
		e->issued_at ? cli_time(c, e->valid_until, when, sizeof(when)) : "");
	return 0;
}

static int estimate_list(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	const char *client = NULL;
	const cli_opt opts[] = { { "client", &client, NULL }, { NULL, NULL, NULL } };
	portal_id client_id = 0;
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, estimate_usage), err;

	CLI_PARSED(rc);
	if ((client && (rc = cli_id_arg(&client_id, client, "--client")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_estimate_list_json(&doc, c->p, client_id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_estimate_foreach(c->p, client_id, print_estimate_row, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

int cmd_estimate(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", estimate_add, NULL },
		{ "line", estimate_line, NULL },
		{ "send", estimate_send, NULL },
		{ "show", estimate_show, NULL },
		{ "approve", estimate_approve, NULL },
		{ "decline", estimate_decline, NULL },
		{ "list", estimate_list, NULL },
		{ "pdf", cmd_estimate_pdf, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, estimate_usage);
}
