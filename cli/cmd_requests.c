/* SPDX-License-Identifier: MIT */
/*
 * cmd_requests.c - `portal requests`: what clients asked the shop to do,
 * and the shop's answer.
 */
#include "cli.h"

#include <stdlib.h>

static const char requests_usage[] =
	"usage: portal requests list [--all] [--client CLIENT]\n"
	"       portal requests show ID\n"
	"       portal requests approve ID [--window N]\n"
	"       portal requests reject ID --reason TEXT\n\n"
	"Clients ask from the portal: a profile change (name, email, phone or a\n"
	"service address), a visit (a problem and one to three preferred\n"
	"windows), or a warranty callback on a repaired job still under\n"
	"warranty.\n\n"
	"list     the open requests, oldest first (--all: resolved ones too).\n"
	"show     one request with what it asks.\n"
	"approve  apply a profile change (a new email or phone ends the client's\n"
	"         other portal sessions), or confirm window N of a visit or\n"
	"         callback: the appointment is booked. All or nothing.\n"
	"reject   decline it; the client reads TEXT.\n";

static int print_row(const portal_request *r, void *ctx)
{
	cli *c = ctx;
	char when[PORTAL_TIME_STRLEN];

	printf("#%-4lld %-17s %-8s client #%-4lld %s  %s\n", (long long)r->id,
		portal_request_kind_name(r->kind), portal_request_status_name(r->status),
		(long long)r->client_id, cli_time(c, r->created_at, when, sizeof(when)), r->summary);
	return 0;
}

static int requests_list(cli *c, int argc, char **argv)
{
	portal_request_filter f = PORTAL_REQUEST_FILTER_INIT;
	portal_buf doc = PORTAL_BUF_INIT;
	const char *client = NULL;
	int all = 0;
	const cli_opt opts[] = {
		{ "all", NULL, &all }, { "client", &client, NULL }, { NULL, NULL, NULL }
	};
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, requests_usage), err;

	CLI_PARSED(rc);
	if ((client && (rc = cli_id_arg(&f.client_id, client, "client")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	f.open_only = !all;
	if (c->json) {
		if ((err = portal_request_list_json(&doc, c->p, &f)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_request_foreach(c->p, &f, print_row, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

static int show(cli *c, portal_id id)
{
	portal_request *r = NULL;
	portal_client *cl = NULL;
	portal_buf doc = PORTAL_BUF_INIT;
	char when[PORTAL_TIME_STRLEN], num[32];
	int err;

	if (c->json) {
		if ((err = portal_request_json(&doc, c->p, id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_request_get(&r, c->p, id)) < 0 ||
	    (err = portal_client_get(&cl, c->p, r->client_id)) < 0) {
		portal_request_free(r);
		return cli_fail(c, err);
	}
	printf("Request #%lld\n", (long long)id);
	cli_field("Kind", portal_request_kind_name(r->kind));
	cli_field("Status", portal_request_status_name(r->status));
	printf("%-10s #%lld %s\n", "Client", (long long)cl->id, cl->name);
	if (r->job_id) {
		snprintf(num, sizeof(num), "#%lld", (long long)r->job_id);
		cli_field("Job", num);
	}
	cli_field("Asked", cli_time(c, r->created_at, when, sizeof(when)));
	cli_field("Asks", r->summary);
	cli_field("Resolved", cli_time(c, r->resolved_at, when, sizeof(when)));
	cli_field("Answer", r->resolution);
	if (r->appointment_id) {
		snprintf(num, sizeof(num), "#%lld", (long long)r->appointment_id);
		cli_field("Visit", num);
	}
	portal_client_free(cl);
	portal_request_free(r);
	return EXIT_OK;
}

static int requests_show(cli *c, int argc, char **argv)
{
	const char *pos[1];
	const cli_opt opts[] = { { NULL, NULL, NULL } };
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, requests_usage);

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "request")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	return show(c, id);
}

static int requests_approve(cli *c, int argc, char **argv)
{
	const char *pos[1], *window = NULL;
	const cli_opt opts[] = { { "window", &window, NULL }, { NULL, NULL, NULL } };
	portal_id id;
	long n = 0;
	char *end;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, requests_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "request")) != 0)
		return rc;
	if (window) {
		n = strtol(window, &end, 10);
		if (*window == '\0' || *end != '\0' || n < 1 || n > PORTAL_REQUEST_WINDOWS)
			return cli_usage_error("--window takes a number from 1 to %d",
				PORTAL_REQUEST_WINDOWS);
	}
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_request_approve(c->p, id, (int)n)) < 0)
		return cli_fail(c, err);
	return show(c, id);
}

static int requests_reject(cli *c, int argc, char **argv)
{
	const char *pos[1], *reason = NULL;
	const cli_opt opts[] = { { "reason", &reason, NULL }, { NULL, NULL, NULL } };
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, requests_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "request")) != 0)
		return rc;
	if (reason == NULL)
		return cli_usage_error("reject needs --reason TEXT: the client reads it");
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_request_reject(c->p, id, reason)) < 0)
		return cli_fail(c, err);
	return show(c, id);
}

int cmd_requests(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "list", requests_list, NULL },
		{ "show", requests_show, NULL },
		{ "approve", requests_approve, NULL },
		{ "reject", requests_reject, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, requests_usage);
}
