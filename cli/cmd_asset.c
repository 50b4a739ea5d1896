/* SPDX-License-Identifier: MIT */
/*
 * cmd_asset.c - `portal asset`: appliances and vehicles.
 */
#include "cli.h"

#include <stdlib.h>

static const char asset_usage[] =
	"usage: portal asset add CLIENT --kind appliance|vehicle --category C --make M\n"
	"                        [--model M] [--serial S] [--vin VIN] [--year Y]\n"
	"                        [--acquired YYYY-MM-DD] [--notes T]\n"
	"       portal asset list [CLIENT]\n"
	"       portal asset show ID\n\n"
	"The appliances and vehicles the shop services. --category says what it\n"
	"is (Refrigerator, Dryer, Pickup truck ...). VINs are checked.\n";

static int parse_year(int *out, const char *text)
{
	char *end;
	long v;

	if (text == NULL)
		return 0;
	v = strtol(text, &end, 10);
	if (end == text || *end != '\0' || v < 0 || v > 9999)
		return cli_usage_error("--year: '%s' is not a year", text);
	*out = (int)v;
	return 0;
}

static int print_asset(cli *c, portal_id id)
{
	portal_buf doc = PORTAL_BUF_INIT;
	portal_asset *a = NULL;
	char year[8];
	int err;

	if (c->json) {
		if ((err = portal_asset_json(&doc, c->p, id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_asset_get(&a, c->p, id)) < 0)
		return cli_fail(c, err);
	snprintf(year, sizeof(year), "%d", a->year);
	printf("Asset #%lld (client #%lld)\n", (long long)a->id, (long long)a->client_id);
	cli_field("Kind", portal_asset_kind_name(a->kind));
	cli_field("Category", a->category);
	cli_field("Make", a->make);
	cli_field("Model", a->model);
	cli_field("Year", a->year ? year : NULL);
	cli_field("Serial", a->serial);
	cli_field("VIN", a->vin);
	cli_field("Acquired", a->acquired_on);
	cli_field("Notes", a->notes);
	portal_asset_free(a);
	return EXIT_OK;
}

static int asset_add(cli *c, int argc, char **argv)
{
	portal_asset_fields f = PORTAL_ASSET_FIELDS_INIT;
	const char *pos[1], *kind = NULL, *year = NULL;
	const cli_opt opts[] = {
		{ "kind", &kind, NULL }, { "category", &f.category, NULL },
		{ "make", &f.make, NULL }, { "model", &f.model, NULL },
		{ "serial", &f.serial, NULL }, { "vin", &f.vin, NULL },
		{ "year", &year, NULL }, { "acquired", &f.acquired_on, NULL },
		{ "notes", &f.notes, NULL }, { NULL, NULL, NULL }
	};
	portal_id client, id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, asset_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&client, pos[0], "client")) != 0 ||
	    (rc = parse_year(&f.year, year)) != 0)
		return rc;
	if (kind == NULL || portal_asset_kind_parse(&f.kind, kind) < 0)
		return cli_usage_error("--kind: give appliance or vehicle");
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_asset_add(&id, c->p, client, &f)) < 0)
		return cli_fail(c, err);
	if (!c->json) {
		printf("asset #%lld\n", (long long)id);
		return EXIT_OK;
	}
	return print_asset(c, id);
}

static int print_asset_row(const portal_asset *a, void *ctx)
{
	(void)ctx;
	printf("#%-5lld client #%-5lld %-9s %-14s %-12s %s\n", (long long)a->id,
		(long long)a->client_id, portal_asset_kind_name(a->kind), a->category,
		a->make, a->model);
	return 0;
}

static int asset_list(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	const char *pos[1] = { NULL };
	portal_id client = 0;
	int rc = cli_parse(argc, argv, NULL, pos, 0, 1, asset_usage), err;

	CLI_PARSED(rc);
	if ((pos[0] && (rc = cli_id_arg(&client, pos[0], "client")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_asset_list_json(&doc, c->p, client)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_asset_foreach(c->p, client, print_asset_row, NULL)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

static int asset_show(cli *c, int argc, char **argv)
{
	const char *pos[1];
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, asset_usage);

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "asset")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	return print_asset(c, id);
}

int cmd_asset(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", asset_add, NULL },
		{ "list", asset_list, NULL },
		{ "show", asset_show, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, asset_usage);
}
