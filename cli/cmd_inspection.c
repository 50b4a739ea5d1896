/* SPDX-License-Identifier: MIT */
/*
 * cmd_inspection.c - `portal inspection`: inspections, their items, and
 * recommended repairs put on estimates.
 */
#include "cli.h"

static const char inspection_usage[] =
	"usage: portal inspection add (--job ID | --client ID) [--asset ID] [--tech ID]\n"
	"                             [--at TIME] [--summary TEXT]\n"
	"       portal inspection item INSPECTION ITEM --condition CONDITION\n"
	"                             [--note TEXT] [--recommend TEXT] [--price AMOUNT]\n"
	"       portal inspection estimate ITEM_ID ESTIMATE_NUMBER [--kind KIND]\n"
	"       portal inspection show INSPECTION\n"
	"       portal inspection list [--client ID]\n\n"
	"An inspection on a job takes the job's client and asset. CONDITION is\n"
	"good, needs-attention or urgent. --price is the recommended repair's\n"
	"price and needs --recommend. `estimate` puts an item's recommended repair\n"
	"on a draft estimate of the same client (E1001) as one line at that price,\n"
	"of KIND labour (the default), part or other-fee; an item goes on an\n"
	"estimate once (exit 3 the second time, or when the estimate was sent).\n";

static int print_inspection_json(cli *c, portal_id id)
{
	portal_buf doc = PORTAL_BUF_INIT;
	int err;

	if ((err = portal_inspection_json(&doc, c->p, id)) < 0)
		return cli_fail(c, err);
	return cli_print_json(&doc);
}

static int inspection_add(cli *c, int argc, char **argv)
{
	portal_inspection_fields f = PORTAL_INSPECTION_FIELDS_INIT;
	const char *job = NULL, *client = NULL, *asset = NULL, *tech = NULL, *at = NULL;
	const cli_opt opts[] = {
		{ "job", &job, NULL }, { "client", &client, NULL }, { "asset", &asset, NULL },
		{ "tech", &tech, NULL }, { "at", &at, NULL }, { "summary", &f.summary, NULL },
		{ NULL, NULL, NULL }
	};
	portal_id id;
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, inspection_usage), err;

	CLI_PARSED(rc);
	if (job == NULL && client == NULL)
		return cli_usage_error("inspection add: give --job or --client");
	if ((job && (rc = cli_id_arg(&f.job_id, job, "--job")) != 0) ||
	    (client && (rc = cli_id_arg(&f.client_id, client, "--client")) != 0) ||
	    (asset && (rc = cli_id_arg(&f.asset_id, asset, "--asset")) != 0) ||
	    (tech && (rc = cli_id_arg(&f.technician_id, tech, "--tech")) != 0) ||
	    (rc = cli_open(c, 0)) != 0 ||
	    (at && (rc = cli_time_arg(c, &f.inspected_at, at)) != 0))
		return rc;
	if ((err = portal_inspection_add(&id, c->p, &f)) < 0)
		return cli_fail(c, err);
	if (c->json)
		return print_inspection_json(c, id);
	printf("inspection #%lld\n", (long long)id);
	return EXIT_OK;
}

static int inspection_item(cli *c, int argc, char **argv)
{
	portal_inspection_item_fields f = PORTAL_INSPECTION_ITEM_FIELDS_INIT;
	const char *pos[2], *condition = NULL, *price = NULL;
	const cli_opt opts[] = {
		{ "condition", &condition, NULL }, { "note", &f.note, NULL },
		{ "recommend", &f.recommendation, NULL }, { "price", &price, NULL },
		{ NULL, NULL, NULL }
	};
	portal_id id, item;
	int rc = cli_parse(argc, argv, opts, pos, 2, 2, inspection_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "inspection")) != 0)
		return rc;
	f.item = pos[1];
	if (condition == NULL || portal_condition_parse(&f.condition, condition) < 0)
		return cli_usage_error("--condition: give good, needs-attention or urgent");
	if (price && portal_money_parse(&f.recommended_price, price) < 0)
		return cli_usage_error("--price: '%s' is not an amount (such as 145.50)", price);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_inspection_item_add(&item, c->p, id, &f)) < 0)
		return cli_fail(c, err);
	if (c->json)
		return print_inspection_json(c, id);
	printf("item #%lld\n", (long long)item);
	return EXIT_OK;
}

static int inspection_estimate(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	const char *pos[2], *kind_text = NULL;
	const cli_opt opts[] = { { "kind", &kind_text, NULL }, { NULL, NULL, NULL } };
	portal_line_kind kind = PORTAL_LINE_LABOUR;
	portal_id item, estimate, line;
	int rc = cli_parse(argc, argv, opts, pos, 2, 2, inspection_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&item, pos[0], "item")) != 0)
		return rc;
	if (kind_text && portal_line_kind_parse(&kind, kind_text) < 0)
		return cli_usage_error("--kind: '%s' is not a line kind (labour, part, other-fee)",
			kind_text);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_estimate_find(&estimate, c->p, pos[1])) < 0 ||
	    (err = portal_inspection_item_to_estimate(&line, c->p, item, estimate, kind)) < 0)
		return cli_fail(c, err);
	if (!c->json) {
		printf("estimate line #%lld\n", (long long)line);
		return EXIT_OK;
	}
	if ((err = portal_estimate_json(&doc, c->p, estimate)) < 0)
		return cli_fail(c, err);
	return cli_print_json(&doc);
}

static void print_item(const portal_inspection_item *it)
{
	char price[PORTAL_MONEY_STRLEN];

	printf("  #%-5lld %-*s %s", (long long)it->id, cli_width(it->item, 28), it->item,
		portal_condition_label(it->condition));
	if (it->note[0])
		printf(": %s", it->note);
	putchar('\n');
	if (it->recommendation[0] == '\0')
		return;
	printf("         Recommended: %s", it->recommendation);
	if (it->recommended_price >= 0)
		printf("  %s", portal_money_format(price, sizeof(price), it->recommended_price));
	if (it->estimate_line_id)
		printf("  (estimate line #%lld)", (long long)it->estimate_line_id);
	putchar('\n');
}

static int print_inspection_text(cli *c, portal_id id)
{
	portal_inspection *in = NULL;
	portal_client *cl = NULL;
	portal_asset *a = NULL;
	portal_tech *t = NULL;
	char when[PORTAL_TIME_STRLEN], job[32];
	int err;

	if ((err = portal_inspection_get(&in, c->p, id)) < 0 ||
	    (err = portal_client_get(&cl, c->p, in->client_id)) < 0 ||
	    (in->asset_id && (err = portal_asset_get(&a, c->p, in->asset_id)) < 0) ||
	    (in->technician_id && (err = portal_tech_get(&t, c->p, in->technician_id)) < 0)) {
		err = cli_fail(c, err);
		goto done;
	}
	printf("Inspection #%lld  %s\n", (long long)in->id,
		in->worst ? portal_condition_label(in->worst) : "No items yet");
	cli_field("Client", cl->name);
	snprintf(job, sizeof(job), "#%lld", (long long)in->job_id);
	cli_field("Job", in->job_id ? job : NULL);
	if (a != NULL)
		printf("%-10s %s %s (%s)\n", "Asset", a->make, a->model, a->category);
	cli_field("Technician", t ? t->name : NULL);
	cli_field("Inspected", cli_time(c, in->inspected_at, when, sizeof(when)));
	cli_field("Summary", in->summary);
	if (in->item_count > 0)
		puts("Items:");
	for (size_t i = 0; i < in->item_count; i++)
		print_item(&in->items[i]);
done:
	portal_inspection_free(in);
	portal_client_free(cl);
	portal_asset_free(a);
	portal_tech_free(t);
	return err;
}

static int inspection_show(cli *c, int argc, char **argv)
{
	const char *pos[1];
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, inspection_usage);

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "inspection")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	return c->json ? print_inspection_json(c, id) : print_inspection_text(c, id);
}

static int print_inspection_row(const portal_inspection *in, void *ctx)
{
	cli *c = ctx;
	char when[PORTAL_TIME_STRLEN];

	printf("#%-5lld client #%-5lld %-22s %-16s %s\n", (long long)in->id,
		(long long)in->client_id, cli_time(c, in->inspected_at, when, sizeof(when)),
		in->worst ? portal_condition_label(in->worst) : "No items yet", in->summary);
	return 0;
}

static int inspection_list(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	const char *client = NULL;
	const cli_opt opts[] = { { "client", &client, NULL }, { NULL, NULL, NULL } };
	portal_id client_id = 0;
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, inspection_usage), err;

	CLI_PARSED(rc);
	if ((client && (rc = cli_id_arg(&client_id, client, "--client")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_inspection_list_json(&doc, c->p, client_id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_inspection_foreach(c->p, client_id, print_inspection_row, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

int cmd_inspection(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", inspection_add, NULL },
		{ "item", inspection_item, NULL },
		{ "estimate", inspection_estimate, NULL },
		{ "show", inspection_show, NULL },
		{ "list", inspection_list, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, inspection_usage);
}
