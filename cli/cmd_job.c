/* SPDX-License-Identifier: MIT */
/*
 * cmd_job.c - `portal job`: jobs (work orders) and their timelines.
 */
#include "cli.h"

#include <string.h>

static const char job_usage[] =
	"usage: portal job add CLIENT --problem TEXT [--asset ID] [--address ID] [--at TIME]\n"
	"       portal job status JOB STATUS [--note TEXT] [--at TIME]\n"
	"       portal job show JOB\n"
	"       portal job list [--client ID]\n\n"
	"STATUS is one of: booked, diagnosed, estimate_sent, approved,\n"
	"parts_ordered, parts_arrived, repair_scheduled, repaired, invoiced, paid,\n"
	"closed, cancelled. A closed or cancelled job does not change (exit 3).\n"
	"TIME is shop time (2026-11-22 14:30), ISO 8601 with an offset, or\n"
	"@UNIXSECONDS; it defaults to now.\n";

static int print_job(cli *c, portal_id id)
{
	portal_buf doc = PORTAL_BUF_INIT;
	int err;

	if (!c->json)
		return cli_print_job_timeline(c, id);
	if ((err = portal_job_json(&doc, c->p, id)) < 0)
		return cli_fail(c, err);
	return cli_print_json(&doc);
}

static int job_add(cli *c, int argc, char **argv)
{
	portal_job_fields f = PORTAL_JOB_FIELDS_INIT;
	const char *pos[1], *asset = NULL, *address = NULL, *at = NULL;
	const cli_opt opts[] = {
		{ "problem", &f.problem, NULL }, { "asset", &asset, NULL },
		{ "address", &address, NULL }, { "at", &at, NULL }, { NULL, NULL, NULL }
	};
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, job_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&f.client_id, pos[0], "client")) != 0 ||
	    (asset && (rc = cli_id_arg(&f.asset_id, asset, "--asset")) != 0) ||
	    (address && (rc = cli_id_arg(&f.address_id, address, "--address")) != 0) ||
	    (rc = cli_open(c, 0)) != 0 ||
	    (at && (rc = cli_time_arg(c, &f.booked_at, at)) != 0))
		return rc;
	if ((err = portal_job_add(&id, c->p, &f)) < 0)
		return cli_fail(c, err);
	if (!c->json) {
		printf("job #%lld\n", (long long)id);
		return EXIT_OK;
	}
	return print_job(c, id);
}

static int job_status(cli *c, int argc, char **argv)
{
	const char *pos[2], *note = NULL, *at = NULL;
	const cli_opt opts[] = {
		{ "note", &note, NULL }, { "at", &at, NULL }, { NULL, NULL, NULL }
	};
	portal_job_status status;
	portal_time when = 0;
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 2, 2, job_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "job")) != 0)
		return rc;
	if (portal_job_status_parse(&status, pos[1]) < 0)
		return cli_usage_error("'%s' is not a job status (see portal job --help)", pos[1]);
	if ((rc = cli_open(c, 0)) != 0 || (at && (rc = cli_time_arg(c, &when, at)) != 0))
		return rc;
	if ((err = portal_job_set_status(c->p, id, status, note, when)) < 0)
		return cli_fail(c, err);
	return print_job(c, id);
}

static int job_show(cli *c, int argc, char **argv)
{
	const char *pos[1];
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, job_usage);

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "job")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	return print_job(c, id);
}

static int print_job_row(const portal_job *j, void *ctx)
{
	cli *c = ctx;
	char when[PORTAL_TIME_STRLEN];

	printf("#%-5lld client #%-5lld %-17s %s  %s\n", (long long)j->id,
		(long long)j->client_id, portal_job_status_label(j->status),
		cli_time(c, j->updated_at, when, sizeof(when)), j->problem);
	return 0;
}

static int job_list(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	const char *client = NULL;
	const cli_opt opts[] = { { "client", &client, NULL }, { NULL, NULL, NULL } };
	portal_id client_id = 0;
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, job_usage), err;

	CLI_PARSED(rc);
	if ((client && (rc = cli_id_arg(&client_id, client, "--client")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_job_list_json(&doc, c->p, client_id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_job_foreach(c->p, client_id, print_job_row, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

int cmd_job(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", job_add, NULL },
		{ "status", job_status, NULL },
		{ "show", job_show, NULL },
		{ "list", job_list, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, job_usage);
}

/* Job header and timeline, as the customer will read them. */
int cli_print_job_timeline(cli *c, portal_id job_id)
{
	portal_job *j = NULL;
	portal_client *cl = NULL;
	portal_asset *a = NULL;
	portal_address *addr = NULL;
	portal_buf line = PORTAL_BUF_INIT;
	char when[PORTAL_TIME_STRLEN];
	int err;

	if ((err = portal_job_get(&j, c->p, job_id)) < 0 ||
	    (err = portal_client_get(&cl, c->p, j->client_id)) < 0 ||
	    (j->asset_id && (err = portal_asset_get(&a, c->p, j->asset_id)) < 0) ||
	    (j->address_id && (err = portal_address_get(&addr, c->p, j->address_id)) < 0) ||
	    (addr && (err = portal_address_format(&line, addr)) < 0)) {
		err = cli_fail(c, err);
		goto done;
	}
	printf("Job #%lld  %s\n", (long long)j->id, portal_job_status_label(j->status));
	cli_field("Client", cl->name);
	if (a != NULL)
		printf("%-10s %s %s (%s)\n", "Asset", a->make, a->model, a->category);
	cli_field("Address", line.ptr);
	cli_field("Problem", j->problem);
	puts("Timeline:");
	for (size_t i = 0; i < j->event_count; i++) {
		const portal_job_event *e = &j->events[i];
		printf("  %-22s %-17s %s\n", cli_time(c, e->at, when, sizeof(when)),
			portal_job_status_label(e->status), e->note);
	}
done:
	portal_buf_dispose(&line);
	portal_address_free(addr);
	portal_asset_free(a);
	portal_client_free(cl);
	portal_job_free(j);
	return err;
}
