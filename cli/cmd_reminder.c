/* SPDX-License-Identifier: MIT */
/*
 * cmd_reminder.c - `portal reminder` and `portal reminders`: service
 * reminders per appliance or vehicle, and what is due soon.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>

static const char reminder_usage[] =
	"usage: portal reminder add ASSET --description TEXT [--every DAYS] [--on DATE]\n"
	"       portal reminder done REMINDER [--on DATE]\n"
	"       portal reminder show REMINDER\n"
	"       portal reminder list [--client ID]\n\n"
	"A reminder is due every DAYS days after the service was last done (or\n"
	"after the day it was added), or on a set DATE (YYYY-MM-DD), or both: the\n"
	"set date holds until the service is done on or after it, then the\n"
	"interval takes over. `done` records the service as done on DATE (default\n"
	"today), never in the future. `list` shows every reminder, soonest first.\n";

static const char reminders_usage[] =
	"usage: portal reminders [--days N] [--client ID]\n\n"
	"The service reminders due within N days (default 30), overdue ones\n"
	"first, soonest first.\n";

static int int_arg(int *out, const char *text, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(text, &end, 10);
	if (end == text || *end != '\0' || errno != 0 || v < 0 || v > 100000)
		return cli_usage_error("%s: '%s' is not a number of days", what, text);
	*out = (int)v;
	return 0;
}

/* "in 12 days", "today", "3 days overdue". */
static const char *when_due(const portal_reminder *r, char *buf, size_t len)
{
	if (r->next_due[0] == '\0')
		return "nothing due";
	if (r->days_left == 0)
		return "today";
	if (r->days_left == 1)
		return "tomorrow";
	if (r->days_left > 0)
		snprintf(buf, len, "in %d days", r->days_left);
	else
		snprintf(buf, len, "%d day%s overdue", -r->days_left, r->days_left == -1 ? "" : "s");
	return buf;
}

static int print_reminder_row(const portal_reminder *r, void *ctx)
{
	char when[32];

	(void)ctx;
	printf("#%-5lld %-10s %-16s %-28s %s\n", (long long)r->id,
		r->next_due[0] ? r->next_due : "-", when_due(r, when, sizeof(when)),
		r->asset_label, r->description);
	return 0;
}

static int print_reminder(cli *c, portal_id id)
{
	portal_buf doc = PORTAL_BUF_INIT;
	portal_reminder *r = NULL;
	char when[32], every[32], asset[64];
	int err;

	if (c->json) {
		if ((err = portal_reminder_json(&doc, c->p, id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_reminder_get(&r, c->p, id)) < 0)
		return cli_fail(c, err);
	snprintf(every, sizeof(every), "%d days", r->interval_days);
	snprintf(asset, sizeof(asset), "(asset #%lld, client #%lld)", (long long)r->asset_id,
		(long long)r->client_id);
	printf("Reminder #%lld  %s\n", (long long)r->id, r->description);
	printf("%-10s %s %s\n", "Asset", r->asset_label, asset);
	cli_field("Every", r->interval_days ? every : NULL);
	cli_field("Set date", r->due_on);
	cli_field("Last done", r->last_done_on);
	printf("%-10s %s%s%s%s\n", "Next due", r->next_due, r->next_due[0] ? " (" : "",
		when_due(r, when, sizeof(when)), r->next_due[0] ? ")" : "");
	portal_reminder_free(r);
	return EXIT_OK;
}

static int reminder_add(cli *c, int argc, char **argv)
{
	portal_reminder_fields f = PORTAL_REMINDER_FIELDS_INIT;
	const char *pos[1], *every = NULL;
	const cli_opt opts[] = {
		{ "description", &f.description, NULL }, { "every", &every, NULL },
		{ "on", &f.due_on, NULL }, { NULL, NULL, NULL }
	};
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, reminder_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&f.asset_id, pos[0], "asset")) != 0 ||
	    (every && (rc = int_arg(&f.interval_days, every, "--every")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_reminder_add(&id, c->p, &f)) < 0)
		return cli_fail(c, err);
	return print_reminder(c, id);
}

static int reminder_done(cli *c, int argc, char **argv)
{
	const char *pos[1], *on = NULL;
	const cli_opt opts[] = { { "on", &on, NULL }, { NULL, NULL, NULL } };
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, reminder_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "reminder")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_reminder_done(c->p, id, on)) < 0)
		return cli_fail(c, err);
	return print_reminder(c, id);
}

static int reminder_show(cli *c, int argc, char **argv)
{
	const char *pos[1];
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, reminder_usage);

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "reminder")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	return print_reminder(c, id);
}

/* Reminders of `client` (NULL: all) due within `days` (negative: all). */
static int list_reminders(cli *c, const char *client, int days)
{
	portal_buf doc = PORTAL_BUF_INIT;
	portal_id client_id = 0;
	int rc, err;

	if ((client && (rc = cli_id_arg(&client_id, client, "--client")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_reminder_list_json(&doc, c->p, client_id, days)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_reminder_foreach(c->p, client_id, days, print_reminder_row, NULL)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

static int reminder_list(cli *c, int argc, char **argv)
{
	const char *client = NULL;
	const cli_opt opts[] = { { "client", &client, NULL }, { NULL, NULL, NULL } };
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, reminder_usage);

	CLI_PARSED(rc);
	return list_reminders(c, client, -1);
}

int cmd_reminder(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", reminder_add, NULL },
		{ "done", reminder_done, NULL },
		{ "show", reminder_show, NULL },
		{ "list", reminder_list, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, reminder_usage);
}

int cmd_reminders(cli *c, int argc, char **argv)
{
	const char *client = NULL, *days_text = NULL;
	const cli_opt opts[] = {
		{ "days", &days_text, NULL }, { "client", &client, NULL }, { NULL, NULL, NULL }
	};
	int days = 30;
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, reminders_usage);

	CLI_PARSED(rc);
	if (days_text && (rc = int_arg(&days, days_text, "--days")) != 0)
		return rc;
	return list_reminders(c, client, days);
}
