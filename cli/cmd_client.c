/* SPDX-License-Identifier: MIT */
/*
 * cmd_client.c - `portal client` and `portal address`.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char client_usage[] =
	"usage: portal client add NAME [--email E] [--phone P] [--sms yes|no] [--notes T]\n"
	"       portal client set ID [--name N] [--email E] [--phone P] [--sms yes|no] [--notes T]\n"
	"       portal client list [SEARCH]\n"
	"       portal client show ID\n\n"
	"Clients of the shop. --sms records whether the client agreed to SMS\n"
	"(it needs a phone number). An empty value clears an optional field.\n";

static int parse_yes_no(int *out, const char *text, const char *what)
{
	if (text == NULL)
		return 0;
	if (strcasecmp(text, "yes") == 0 || strcmp(text, "1") == 0)
		*out = 1;
	else if (strcasecmp(text, "no") == 0 || strcmp(text, "0") == 0)
		*out = 0;
	else
		return cli_usage_error("%s: '%s' is not yes or no", what, text);
	return 0;
}

static int print_client_json_or_id(cli *c, portal_id id)
{
	portal_buf doc = PORTAL_BUF_INIT;
	int err;

	if (!c->json) {
		printf("client #%lld\n", (long long)id);
		return EXIT_OK;
	}
	if ((err = portal_client_json(&doc, c->p, id)) < 0)
		return cli_fail(c, err);
	return cli_print_json(&doc);
}

static int client_add(cli *c, int argc, char **argv)
{
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	const char *pos[1], *sms = NULL;
	const cli_opt opts[] = {
		{ "email", &f.email, NULL }, { "phone", &f.phone, NULL },
		{ "sms", &sms, NULL }, { "notes", &f.notes, NULL }, { NULL, NULL, NULL }
	};
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, client_usage), err;

	CLI_PARSED(rc);
	f.name = pos[0];
	if ((rc = parse_yes_no(&f.sms_consent, sms, "--sms")) != 0 ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_client_add(&id, c->p, &f)) < 0)
		return cli_fail(c, err);
	return print_client_json_or_id(c, id);
}

static int client_set(cli *c, int argc, char **argv)
{
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	const char *pos[1], *sms = NULL;
	const cli_opt opts[] = {
		{ "name", &f.name, NULL }, { "email", &f.email, NULL },
		{ "phone", &f.phone, NULL }, { "sms", &sms, NULL },
		{ "notes", &f.notes, NULL }, { NULL, NULL, NULL }
	};
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, client_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "client")) != 0 ||
	    (rc = parse_yes_no(&f.sms_consent, sms, "--sms")) != 0 ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_client_update(c->p, id, &f)) < 0)
		return cli_fail(c, err);
	return print_client_json_or_id(c, id);
}

static int print_client_row(const portal_client *cl, void *ctx)
{
	(void)ctx;
	printf("#%-5lld %-*s %-*s %s\n", (long long)cl->id, cli_width(cl->name, 28), cl->name,
		cli_width(cl->email, 32), cl->email, cl->phone);
	return 0;
}

static int client_list(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	const char *pos[1] = { NULL };
	int rc = cli_parse(argc, argv, NULL, pos, 0, 1, client_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_client_list_json(&doc, c->p, pos[0])) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_client_foreach(c->p, pos[0], print_client_row, NULL)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

static int print_address_line(const portal_address *a, void *ctx)
{
	portal_buf line = PORTAL_BUF_INIT;

	(void)ctx;
	if (portal_address_format(&line, a) < 0)
		return PORTAL_ENOMEM;
	printf("  address #%lld  %s\n", (long long)a->id, line.ptr);
	portal_buf_dispose(&line);
	return 0;
}

static int print_asset_line(const portal_asset *a, void *ctx)
{
	(void)ctx;
	printf("  asset #%lld    %s %s %s%s%s\n", (long long)a->id, a->make, a->category,
		a->model, a->vin[0] ? "  VIN " : (a->serial[0] ? "  s/n " : ""),
		a->vin[0] ? a->vin : a->serial);
	return 0;
}

static int client_show(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	portal_client *cl = NULL;
	const char *pos[1];
	char when[PORTAL_TIME_STRLEN];
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, client_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "client")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_client_json(&doc, c->p, id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_client_get(&cl, c->p, id)) < 0)
		return cli_fail(c, err);
	printf("Client #%lld\n", (long long)cl->id);
	cli_field("Name", cl->name);
	cli_field("Email", cl->email);
	cli_field("Phone", cl->phone);
	cli_field("SMS", cl->sms_consent ? "yes" : "no");
	cli_field("Portal", cl->portal_enabled ? "on" : "off");
	cli_field("Notes", cl->notes);
	cli_field("Since", cli_time(c, cl->created_at, when, sizeof(when)));
	portal_client_free(cl);
	if ((err = portal_address_foreach(c->p, id, print_address_line, NULL)) < 0 ||
	    (err = portal_asset_foreach(c->p, id, print_asset_line, NULL)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

int cmd_client(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", client_add, NULL },
		{ "set", client_set, NULL },
		{ "list", client_list, NULL },
		{ "show", client_show, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, client_usage);
}

static const char address_usage[] =
	"usage: portal address add CLIENT --house N --street S --city C [--unit U]\n"
	"                          [--region R] [--postal P] [--country CC]\n"
	"                          [--lat DEG --lon DEG]\n"
	"       portal address list CLIENT\n\n"
	"Service addresses. The house (civic) number is half of what a customer\n"
	"types to reach the portal, so give it alone; the unit has --unit.\n";

static int parse_degrees(double *out, const char *text, const char *what)
{
	char *end;

	*out = strtod(text, &end);
	if (end == text || *end != '\0')
		return cli_usage_error("%s: '%s' is not a number of degrees", what, text);
	return 0;
}

static int address_add(cli *c, int argc, char **argv)
{
	portal_address_fields f = PORTAL_ADDRESS_FIELDS_INIT;
	const char *pos[1], *lat = NULL, *lon = NULL;
	const cli_opt opts[] = {
		{ "house", &f.house_number, NULL }, { "unit", &f.unit, NULL },
		{ "street", &f.street, NULL }, { "city", &f.city, NULL },
		{ "region", &f.region, NULL }, { "postal", &f.postal_code, NULL },
		{ "country", &f.country, NULL }, { "lat", &lat, NULL },
		{ "lon", &lon, NULL }, { NULL, NULL, NULL }
	};
	portal_id client, id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, address_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&client, pos[0], "client")) != 0)
		return rc;
	if ((lat == NULL) != (lon == NULL))
		return cli_usage_error("--lat and --lon go together");
	if (lat != NULL) {
		f.has_location = 1;
		if ((rc = parse_degrees(&f.latitude, lat, "--lat")) != 0 ||
		    (rc = parse_degrees(&f.longitude, lon, "--lon")) != 0)
			return rc;
	}
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_address_add(&id, c->p, client, &f)) < 0)
		return cli_fail(c, err);
	if (!c->json) {
		printf("address #%lld\n", (long long)id);
		return EXIT_OK;
	}
	return print_client_json_or_id(c, client);
}

static int address_list(cli *c, int argc, char **argv)
{
	portal_client *cl = NULL;
	const char *pos[1];
	portal_id client;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, address_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&client, pos[0], "client")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json)
		return print_client_json_or_id(c, client);
	if ((err = portal_client_get(&cl, c->p, client)) < 0)
		return cli_fail(c, err);
	portal_client_free(cl);
	if ((err = portal_address_foreach(c->p, client, print_address_line, NULL)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

int cmd_address(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", address_add, NULL },
		{ "list", address_list, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, address_usage);
}
