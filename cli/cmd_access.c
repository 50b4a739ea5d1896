/* SPDX-License-Identifier: MIT */
/*
 * cmd_access.c - `portal access`: secure links, the client's portal
 * switch and sections; `portal lookup`: what a customer gets for an
 * invoice number and a house number.
 */
#include "cli.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

static const char access_usage[] =
	"usage: portal access link CLIENT [--job ID] [--days N] [--send email|sms]\n"
	"       portal access list CLIENT\n"
	"       portal access revoke LINK\n"
	"       portal access revoke --client CLIENT\n"
	"       portal access on CLIENT\n"
	"       portal access off CLIENT\n"
	"       portal access sections CLIENT [--show LIST] [--hide LIST]\n\n"
	"`link` makes a secure link for the client (only job ID with --job),\n"
	"valid N days (1 to 365; default the shop's link_days, 21) through the\n"
	"end of the last day, and prints its URL: this once only, since the\n"
	"shop keeps just a hash of it. With --send, the URL is not printed but\n"
	"goes straight to the customer's email or phone through the outbox\n"
	"(`portal outbox deliver` sends it). `list` shows the client's links and\n"
	"their state, never a URL. `revoke` withdraws a link and ends the\n"
	"sessions it opened; with --client, every link of the client and all\n"
	"the client's sessions. `off` refuses the client's lookups and links\n"
	"and ends their sessions; `on` allows them again. `sections` shows or\n"
	"hides parts of the portal: LIST is comma-separated names (invoices,\n"
	"estimates, payments, inspections, appointments, tracking, chat) or\n"
	"`all`; without options it prints the sections the client sees.\n";

static const char lookup_usage[] =
	"usage: portal lookup NUMBER HOUSE [--from ADDRESS]\n\n"
	"Does what the portal does when a customer types NUMBER (an invoice's,\n"
	"an estimate's such as E1009, or the booking number of a visit's\n"
	"confirmation such as J12) and house number HOUSE from network address\n"
	"ADDRESS: on a match it opens a session and prints the client, the\n"
	"session's scope and when it ends (never its token). It counts toward\n"
	"the rate limits like any lookup. Exits 1 for a miss or a client whose\n"
	"access is off, 4 when the address or the number is locked after too\n"
	"many misses.\n";

/* Print `o` as the one JSON document of the command, and free it. */
static int print_cjson(cJSON *o)
{
	char *text = o ? cJSON_PrintUnformatted(o) : NULL;

	cJSON_Delete(o);
	if (text == NULL) {
		fprintf(stderr, "portal: out of memory\n");
		return EXIT_STORE;
	}
	puts(text);
	free(text);
	return EXIT_OK;
}

static void scope_text(char *buf, size_t len, portal_id job_id)
{
	if (job_id)
		snprintf(buf, len, "job #%lld", (long long)job_id);
	else
		snprintf(buf, len, "whole account");
}

/* A link by id among the client's. */
typedef struct find_link {
	portal_id id;
	portal_link link;
	int found;
} find_link;

static int match_link(const portal_link *l, void *ctx)
{
	find_link *f = ctx;

	if (l->id == f->id) {
		f->link = *l;
		f->found = 1;
	}
	return 0;
}

/* The last day a link works: the day before it expires, shop time. */
static const char *last_day(cli *c, portal_time expires_at, char *buf, size_t len)
{
	return portal_time_format(buf, len, c->p, expires_at - 1, PORTAL_TIME_DATE);
}

/* The link goes to the customer through the outbox; the shop sees only
 * that it went. */
static int access_send(cli *c, portal_id client, const portal_link_fields *f,
	const char *channel)
{
	portal_id id;
	int err;

	if (strcmp(channel, "email") != 0 && strcmp(channel, "sms") != 0)
		return cli_usage_error("--send takes email or sms, not '%s'", channel);
	if ((err = portal_link_send(&id, c->p, client, f, channel)) < 0)
		return cli_fail(c, err);
	if (c->json)
		printf("{\"id\": %lld, \"client_id\": %lld, \"sent_by\": \"%s\"}\n",
			(long long)id, (long long)client, channel);
	else
		printf("link #%lld for client #%lld queued by %s; `portal outbox deliver` "
			"sends it\n", (long long)id, (long long)client, channel);
	return EXIT_OK;
}

static int access_link(cli *c, int argc, char **argv)
{
	portal_link_fields f = PORTAL_LINK_FIELDS_INIT;
	portal_buf url = PORTAL_BUF_INIT;
	const char *pos[1], *job = NULL, *days = NULL;
	const char *send = NULL;
	const cli_opt opts[] = { { "job", &job, NULL }, { "days", &days, NULL },
		{ "send", &send, NULL }, { NULL, NULL, NULL } };
	char until[PORTAL_TIME_STRLEN], scope[32], *end;
	find_link found = { 0 };
	portal_id client;
	cJSON *o;
	long n;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, access_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&client, pos[0], "client")) != 0 ||
	    (job && (rc = cli_id_arg(&f.job_id, job, "--job")) != 0))
		return rc;
	if (days) {
		n = strtol(days, &end, 10);
		if (*days == '\0' || *end != '\0' || n < 1 || n > 365)
			return cli_usage_error("--days: '%s' is not a number of days from 1 to 365",
				days);
		f.days = (int)n;
	}
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if (send)
		return access_send(c, client, &f, send);
	if ((err = portal_link_create(&url, &found.id, c->p, client, &f)) < 0 ||
	    (err = portal_link_foreach(c->p, client, match_link, &found)) < 0) {
		portal_buf_dispose(&url);
		return cli_fail(c, err);
	}
	last_day(c, found.link.expires_at, until, sizeof(until));
	scope_text(scope, sizeof(scope), f.job_id);
	if (!c->json) {
		printf("link #%lld for client #%lld, %s, valid through %s\n", (long long)found.id,
			(long long)client, scope, until);
		printf("%s\n", url.ptr);
		printf("This URL is shown only this once: send it to the customer now.\n");
		portal_buf_dispose(&url);
		return EXIT_OK;
	}
	o = cJSON_CreateObject();
	if (o != NULL &&
	    (!cJSON_AddNumberToObject(o, "id", (double)found.id) ||
	     !cJSON_AddNumberToObject(o, "client_id", (double)client) ||
	     !(f.job_id ? cJSON_AddNumberToObject(o, "job_id", (double)f.job_id)
			: cJSON_AddNullToObject(o, "job_id")) ||
	     !cJSON_AddStringToObject(o, "url", url.ptr) ||
	     !cJSON_AddNumberToObject(o, "expires_at", (double)found.link.expires_at) ||
	     !cJSON_AddStringToObject(o, "valid_through", until))) {
		cJSON_Delete(o);
		o = NULL;
	}
	portal_buf_dispose(&url);
	return print_cjson(o);
}

typedef struct list_ctx {
	cli *c;
	int n;
} list_ctx;

static int print_link(const portal_link *l, void *ctx)
{
	list_ctx *x = ctx;
	char created[PORTAL_TIME_STRLEN], used[PORTAL_TIME_STRLEN], until[PORTAL_TIME_STRLEN];
	char scope[32];

	if (x->n++ == 0)
		printf("%-6s %-20s %-14s %-20s %-12s %s\n", "LINK", "CREATED", "SCOPE",
			"LAST USED", "VALID UNTIL", "STATE");
	scope_text(scope, sizeof(scope), l->job_id);
	cli_time(x->c, l->created_at, created, sizeof(created));
	if (l->last_used_at)
		cli_time(x->c, l->last_used_at, used, sizeof(used));
	else
		snprintf(used, sizeof(used), "never");
	last_day(x->c, l->expires_at, until, sizeof(until));
	printf("#%-5lld %-20s %-14s %-20s %-12s %s\n", (long long)l->id, created, scope, used,
		until, portal_link_state(l, portal_now(x->c->p)));
	return 0;
}

static int access_list(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	const char *pos[1];
	const cli_opt opts[] = { { NULL, NULL, NULL } };
	list_ctx x = { c, 0 };
	portal_id client;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, access_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&client, pos[0], "client")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_link_list_json(&doc, c->p, client)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_link_foreach(c->p, client, print_link, &x)) < 0)
		return cli_fail(c, err);
	if (x.n == 0)
		printf("client #%lld has no links\n", (long long)client);
	return EXIT_OK;
}

static int access_revoke(cli *c, int argc, char **argv)
{
	const char *pos[1] = { NULL }, *client_arg = NULL;
	const cli_opt opts[] = { { "client", &client_arg, NULL }, { NULL, NULL, NULL } };
	portal_id id = 0, client = 0;
	cJSON *o;
	int count = 0, rc = cli_parse(argc, argv, opts, pos, 0, 1, access_usage), err;

	CLI_PARSED(rc);
	if ((pos[0] == NULL) == (client_arg == NULL))
		return cli_usage_error("access revoke takes a LINK or --client CLIENT, not both");
	if ((pos[0] && (rc = cli_id_arg(&id, pos[0], "link")) != 0) ||
	    (client_arg && (rc = cli_id_arg(&client, client_arg, "--client")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	err = id ? portal_link_revoke(c->p, id) : portal_link_revoke_all(&count, c->p, client);
	if (err < 0)
		return cli_fail(c, err);
	if (!c->json) {
		if (id)
			printf("link #%lld revoked; its sessions ended\n", (long long)id);
		else
			printf("%d link%s of client #%lld revoked; all the client's sessions ended\n",
				count, count == 1 ? "" : "s", (long long)client);
		return EXIT_OK;
	}
	o = cJSON_CreateObject();
	if (o != NULL && (id ? !cJSON_AddNumberToObject(o, "link_id", (double)id)
			     : (!cJSON_AddNumberToObject(o, "client_id", (double)client) ||
				!cJSON_AddNumberToObject(o, "revoked", count)))) {
		cJSON_Delete(o);
		o = NULL;
	}
	return print_cjson(o);
}

static int access_switch(cli *c, int argc, char **argv, int enabled)
{
	const char *pos[1];
	const cli_opt opts[] = { { NULL, NULL, NULL } };
	portal_id client;
	cJSON *o;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, access_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&client, pos[0], "client")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_client_set_access(c->p, client, enabled)) < 0)
		return cli_fail(c, err);
	if (!c->json) {
		printf("portal access of client #%lld is %s%s\n", (long long)client,
			enabled ? "on" : "off", enabled ? "" : "; their sessions ended");
		return EXIT_OK;
	}
	o = cJSON_CreateObject();
	if (o != NULL && (!cJSON_AddNumberToObject(o, "client_id", (double)client) ||
			  !cJSON_AddBoolToObject(o, "portal_enabled", enabled))) {
		cJSON_Delete(o);
		o = NULL;
	}
	return print_cjson(o);
}

static int access_on(cli *c, int argc, char **argv)
{
	return access_switch(c, argc, argv, 1);
}

static int access_off(cli *c, int argc, char **argv)
{
	return access_switch(c, argc, argv, 0);
}

/* The sections of `bits` as a JSON array, or in words into `buf`. */
static cJSON *sections_json(unsigned bits)
{
	cJSON *a = cJSON_CreateArray();

	for (unsigned b = 1; a != NULL && b <= PORTAL_SECTIONS_ALL; b <<= 1) {
		cJSON *s;

		if (!(bits & b))
			continue;
		if ((s = cJSON_CreateString(portal_section_name((portal_section)b))) == NULL) {
			cJSON_Delete(a);
			return NULL;
		}
		cJSON_AddItemToArray(a, s);
	}
	return a;
}

static void print_sections(unsigned bits)
{
	int n = 0;

	for (unsigned b = 1; b <= PORTAL_SECTIONS_ALL; b <<= 1)
		if (bits & b)
			printf("%s%s", n++ ? ", " : "", portal_section_name((portal_section)b));
	puts(n ? "" : "none (only the dashboard, jobs, history, profile and policies)");
}

static int access_sections(cli *c, int argc, char **argv)
{
	const char *pos[1], *show = NULL, *hide = NULL;
	const cli_opt opts[] = { { "show", &show, NULL }, { "hide", &hide, NULL },
		{ NULL, NULL, NULL } };
	unsigned visible, add = 0, remove = 0;
	portal_id client;
	cJSON *o;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, access_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&client, pos[0], "client")) != 0)
		return rc;
	if (show && portal_sections_parse(&add, show) < 0)
		return cli_usage_error("--show: '%s' is not a list of sections "
			"(see portal access --help)", show);
	if (hide && portal_sections_parse(&remove, hide) < 0)
		return cli_usage_error("--hide: '%s' is not a list of sections "
			"(see portal access --help)", hide);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_client_sections(&visible, c->p, client)) < 0)
		return cli_fail(c, err);
	if (show || hide) {
		visible = (visible | add) & ~remove;
		if ((err = portal_client_set_sections(c->p, client, visible)) < 0)
			return cli_fail(c, err);
	}
	if (!c->json) {
		printf("client #%lld sees: ", (long long)client);
		print_sections(visible);
		return EXIT_OK;
	}
	o = cJSON_CreateObject();
	if (o != NULL && (!cJSON_AddNumberToObject(o, "client_id", (double)client) ||
			  !cJSON_AddItemToObject(o, "sections", sections_json(visible)))) {
		cJSON_Delete(o);
		o = NULL;
	}
	return print_cjson(o);
}

int cmd_access(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "link", access_link, NULL },
		{ "list", access_list, NULL },
		{ "revoke", access_revoke, NULL },
		{ "on", access_on, NULL },
		{ "off", access_off, NULL },
		{ "sections", access_sections, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, access_usage);
}

static int print_match(cli *c, const portal_session *s)
{
	portal_client *cl = NULL;
	char scope[32], until[PORTAL_TIME_STRLEN];
	cJSON *o;
	int err;

	if ((err = portal_client_get(&cl, c->p, s->client_id)) < 0)
		return cli_fail(c, err);
	scope_text(scope, sizeof(scope), s->job_id);
	cli_time(c, s->expires_at, until, sizeof(until));
	if (!c->json) {
		printf("match: %s (client #%lld)\n", cl->name, (long long)s->client_id);
		cli_field("Scope", scope);
		printf("%-10s ", "Sections");
		print_sections(s->sections);
		cli_field("Ends", until);
		portal_client_free(cl);
		return EXIT_OK;
	}
	o = cJSON_CreateObject();
	if (o != NULL &&
	    (!cJSON_AddNumberToObject(o, "client_id", (double)s->client_id) ||
	     !cJSON_AddStringToObject(o, "client_name", cl->name) ||
	     !cJSON_AddStringToObject(o, "scope", scope) ||
	     !cJSON_AddItemToObject(o, "sections", sections_json(s->sections)) ||
	     !cJSON_AddNumberToObject(o, "expires_at", (double)s->expires_at) ||
	     !cJSON_AddStringToObject(o, "expires_at_text", portal_time_format(until,
			sizeof(until), c->p, s->expires_at, PORTAL_TIME_ISO)))) {
		cJSON_Delete(o);
		o = NULL;
	}
	portal_client_free(cl);
	return print_cjson(o);
}

int cmd_lookup(cli *c, int argc, char **argv)
{
	const char *pos[2], *from = NULL;
	const cli_opt opts[] = { { "from", &from, NULL }, { NULL, NULL, NULL } };
	portal_session *s = NULL;
	int rc = cli_parse(argc, argv, opts, pos, 2, 2, lookup_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_lookup(&s, c->p, pos[0], pos[1], from)) < 0)
		return cli_fail(c, err);
	rc = print_match(c, s);
	portal_session_free(s);
	return rc;
}
