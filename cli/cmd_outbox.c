/* SPDX-License-Identifier: MIT */
/*
 * cmd_outbox.c - `portal outbox`: the emails and SMS the shop sends,
 * delivering them, and queueing tomorrow's visit reminders.
 */
#include "cli.h"

#include <string.h>

static const char outbox_usage[] =
	"usage: portal outbox list [--pending|--failed|--all]\n"
	"       portal outbox show ID\n"
	"       portal outbox deliver\n"
	"       portal outbox remind\n\n"
	"Every email and SMS the shop sends waits in the outbox, rendered in full.\n"
	"`list` shows them newest first: all (default), those still to deliver\n"
	"(--pending), or those that failed for good or were skipped (--failed).\n"
	"`show` prints one message exactly as it is sent. `deliver` sends what is\n"
	"due: email through `sendmail_path -t -i`, SMS through\n"
	"`sms_gateway_command NUMBER`, the message on their input; failures are\n"
	"retried later. `remind` queues the reminders of tomorrow's visits, once\n"
	"per visit. Run `deliver` and `remind` from cron.\n";

static int print_row(const portal_outbox_message *m, void *ctx)
{
	char when[PORTAL_TIME_STRLEN];
	cli *c = ctx;

	printf("#%-5lld %-9s %-5s %-20s %-28s %s", (long long)m->id,
		portal_outbox_status_name(m->status), m->channel, m->kind, m->recipient,
		cli_time(c, m->status == PORTAL_OUTBOX_DELIVERED ? m->delivered_at : m->not_before,
			when, sizeof(when)));
	if (m->segments > 0)
		printf("  %d segment%s", m->segments, m->segments == 1 ? "" : "s");
	if (m->attempts > 0)
		printf("  %d attempt%s", m->attempts, m->attempts == 1 ? "" : "s");
	if (m->last_error[0])
		printf("  (%s)", m->last_error);
	putchar('\n');
	return 0;
}

static int outbox_list(cli *c, int argc, char **argv)
{
	int pending = 0, failed = 0, all = 0, rc, err;
	const cli_opt opts[] = {
		{ "pending", NULL, &pending }, { "failed", NULL, &failed }, { "all", NULL, &all },
		{ NULL, NULL, NULL }
	};
	portal_outbox_filter filter;
	portal_buf doc = PORTAL_BUF_INIT;

	rc = cli_parse(argc, argv, opts, NULL, 0, 0, outbox_usage);
	CLI_PARSED(rc);
	if (pending + failed + all > 1)
		return cli_usage_error("choose one of --pending, --failed and --all");
	filter = pending ? PORTAL_OUTBOX_ONLY_PENDING : failed ? PORTAL_OUTBOX_ONLY_FAILED
		: PORTAL_OUTBOX_ALL;
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_outbox_list_json(&doc, c->p, filter)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_outbox_foreach(c->p, filter, print_row, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

static int outbox_show(cli *c, int argc, char **argv)
{
	const char *pos[1];
	char when[PORTAL_TIME_STRLEN], count[32];
	portal_outbox_message *m = NULL;
	portal_buf doc = PORTAL_BUF_INIT;
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, outbox_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "message")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_outbox_json(&doc, c->p, id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_outbox_get(&m, c->p, id)) < 0)
		return cli_fail(c, err);
	printf("Message #%lld  %s %s to %s, %s\n", (long long)m->id, m->channel, m->kind,
		m->recipient, portal_outbox_status_name(m->status));
	cli_field("Queued", cli_time(c, m->created_at, when, sizeof(when)));
	if (m->status == PORTAL_OUTBOX_PENDING)
		cli_field("Not before", cli_time(c, m->not_before, when, sizeof(when)));
	cli_field("Delivered", cli_time(c, m->delivered_at, when, sizeof(when)));
	snprintf(count, sizeof(count), "%d", m->attempts);
	cli_field("Attempts", m->attempts ? count : NULL);
	cli_field("Error", m->last_error);
	snprintf(count, sizeof(count), "%d", m->segments);
	cli_field("Segments", m->segments ? count : NULL);
	/* The message exactly as it is sent, CRLF line ends and all. */
	printf("\n%s%s", m->message, strcmp(m->channel, "sms") == 0 ? "\n" : "");
	portal_outbox_message_free(m);
	return EXIT_OK;
}

static int outbox_deliver(cli *c, int argc, char **argv)
{
	portal_outbox_report r;
	int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, outbox_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_outbox_deliver(&r, c->p)) < 0)
		return cli_fail(c, err);
	if (c->json)
		printf("{\"delivered\": %d, \"failed\": %d, \"held\": %d, \"skipped\": %d}\n",
			r.delivered, r.failed, r.held, r.skipped);
	else
		printf("delivered %d, failed %d, held %d, skipped %d\n", r.delivered, r.failed,
			r.held, r.skipped);
	return EXIT_OK;
}

static int outbox_remind(cli *c, int argc, char **argv)
{
	int queued = 0, rc = cli_parse(argc, argv, NULL, NULL, 0, 0, outbox_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_outbox_queue_reminders(&queued, c->p)) < 0)
		return cli_fail(c, err);
	if (c->json)
		printf("{\"queued\": %d}\n", queued);
	else
		printf("queued %d reminder%s\n", queued, queued == 1 ? "" : "s");
	return EXIT_OK;
}

int cmd_outbox(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "list", outbox_list, NULL },
		{ "show", outbox_show, NULL },
		{ "deliver", outbox_deliver, NULL },
		{ "remind", outbox_remind, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, outbox_usage);
}
