/* SPDX-License-Identifier: MIT */
/*
 * cmd_appointment.c - `portal appointment`: visits with an arrival window,
 * cancellations and no-shows.
 */
#include "cli.h"

#include <cjson/cJSON.h>
#include <string.h>

static const char appointment_usage[] =
	"usage: portal appointment add CLIENT --start TIME --end TIME [--job ID]\n"
	"                              [--address ID] [--tech ID] [--notes TEXT]\n"
	"       portal appointment assign ID TECH\n"
	"       portal appointment status ID STATUS [--at TIME]\n"
	"       portal appointment cancel ID [--dry-run]\n"
	"       portal appointment no-show ID\n"
	"       portal appointment show ID\n"
	"       portal appointment ics ID [-o FILE]\n"
	"       portal appointment list [--client ID] [--tech ID] [--day DATE|today]\n"
	"                               [--from TIME] [--to TIME]\n"
	"       portal appointment eta ID TIME|--clear\n"
	"       portal appointment track ID\n\n"
	"The arrival window lasts at most 12 hours. STATUS moves forward only:\n"
	"scheduled, confirmed, en_route, arrived, in_progress, completed.\n"
	"Cancelling less than the notice period (12 hours) before the window\n"
	"starts charges the late-cancellation fee; `cancel --dry-run` shows what\n"
	"it would cost and changes nothing. `no-show` (once the window started)\n"
	"charges the no-show fee. A cancelled, completed or no-show visit does\n"
	"not change (exit 3). TIME is shop time (2026-11-23 08:00), ISO 8601\n"
	"with an offset, or @UNIXSECONDS. `list` shows windows overlapping the\n"
	"shop's day DATE, or [--from, --to). `eta` sets when the dispatcher\n"
	"expects the technician (shown instead of the estimate from distance).\n"
	"`track` shows the visit's tracking document as the customer sees it.\n"
	"`ics` writes the visit as an iCalendar file for the customer's\n"
	"calendar (stdout, or FILE).\n";

static void print_window(cli *c, const portal_appointment *a)
{
	char start[PORTAL_TIME_STRLEN], end[PORTAL_TIME_STRLEN];

	printf("%-10s %s to %s\n", "Window", cli_time(c, a->window_start, start, sizeof(start)),
		cli_time(c, a->window_end, end, sizeof(end)));
}

/* The appointment as the shop reads it, with what cancelling would cost. */
static int print_appointment_text(cli *c, portal_id id)
{
	portal_appointment *a = NULL;
	portal_client *cl = NULL;
	portal_address *addr = NULL;
	portal_tech *t = NULL;
	portal_invoice *inv = NULL;
	portal_buf line = PORTAL_BUF_INIT;
	portal_cancellation q;
	char when[PORTAL_TIME_STRLEN], money[PORTAL_MONEY_STRLEN], job[32];
	int err;

	if ((err = portal_appointment_get(&a, c->p, id)) < 0 ||
	    (err = portal_client_get(&cl, c->p, a->client_id)) < 0 ||
	    (a->address_id && (err = portal_address_get(&addr, c->p, a->address_id)) < 0) ||
	    (addr && (err = portal_address_format(&line, addr)) < 0) ||
	    (a->technician_id && (err = portal_tech_get(&t, c->p, a->technician_id)) < 0) ||
	    (a->fee_invoice_id && (err = portal_invoice_get(&inv, c->p, a->fee_invoice_id)) < 0)) {
		err = cli_fail(c, err);
		goto done;
	}
	printf("Appointment #%lld  %s\n", (long long)a->id,
		portal_appointment_status_label(a->status));
	cli_field("Client", cl->name);
	cli_field("Address", line.ptr);
	print_window(c, a);
	cli_field("Technician", t ? t->name : "not assigned");
	cli_field("Door code", a->door_code);
	if (a->job_id) {
		snprintf(job, sizeof(job), "#%lld", (long long)a->job_id);
		cli_field("Job", job);
	}
	cli_field("Notes", a->notes);
	cli_field("Since", cli_time(c, a->status_at, when, sizeof(when)));
	if (inv != NULL)
		printf("%-10s invoice %s\n", "Fee", inv->number);
	/* Only a visit that can still be cancelled has a price for it. */
	if (portal_appointment_cancel_quote(&q, c->p, id, 0) == PORTAL_OK) {
		cli_time(c, q.free_until, when, sizeof(when));
		if (q.late)
			printf("%-10s now costs %s (free until %s)\n", "Cancelling",
				portal_money_format(money, sizeof(money), q.fee), when);
		else
			printf("%-10s free until %s\n", "Cancelling", when);
	}
	err = EXIT_OK;
done:
	portal_buf_dispose(&line);
	portal_invoice_free(inv);
	portal_tech_free(t);
	portal_address_free(addr);
	portal_client_free(cl);
	portal_appointment_free(a);
	return err;
}

static int print_appointment(cli *c, portal_id id)
{
	portal_buf doc = PORTAL_BUF_INIT;
	int err;

	if (!c->json)
		return print_appointment_text(c, id);
	if ((err = portal_appointment_json(&doc, c->p, id)) < 0)
		return cli_fail(c, err);
	return cli_print_json(&doc);
}

static int appointment_add(cli *c, int argc, char **argv)
{
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
	const char *pos[1], *start = NULL, *end = NULL, *job = NULL, *address = NULL,
		*tech = NULL;
	const cli_opt opts[] = {
		{ "start", &start, NULL }, { "end", &end, NULL }, { "job", &job, NULL },
		{ "address", &address, NULL }, { "tech", &tech, NULL },
		{ "notes", &f.notes, NULL }, { NULL, NULL, NULL }
	};
	portal_appointment *a = NULL;
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, appointment_usage), err;

	CLI_PARSED(rc);
	if (start == NULL || end == NULL)
		return cli_usage_error("appointment add needs --start and --end");
	if ((rc = cli_id_arg(&f.client_id, pos[0], "client")) != 0 ||
	    (job && (rc = cli_id_arg(&f.job_id, job, "--job")) != 0) ||
	    (address && (rc = cli_id_arg(&f.address_id, address, "--address")) != 0) ||
	    (tech && (rc = cli_id_arg(&f.technician_id, tech, "--tech")) != 0) ||
	    (rc = cli_open(c, 0)) != 0 ||
	    (rc = cli_time_arg(c, &f.window_start, start)) != 0 ||
	    (rc = cli_time_arg(c, &f.window_end, end)) != 0)
		return rc;
	if ((err = portal_appointment_add(&id, c->p, &f)) < 0)
		return cli_fail(c, err);
	if (c->json)
		return print_appointment(c, id);
	if ((err = portal_appointment_get(&a, c->p, id)) < 0)
		return cli_fail(c, err);
	printf("appointment #%lld, door code %s\n", (long long)id, a->door_code);
	portal_appointment_free(a);
	return EXIT_OK;
}

static int appointment_assign(cli *c, int argc, char **argv)
{
	const char *pos[2];
	portal_id id, tech;
	int rc = cli_parse(argc, argv, NULL, pos, 2, 2, appointment_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "appointment")) != 0 ||
	    (rc = cli_id_arg(&tech, pos[1], "technician")) != 0 ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_appointment_assign(c->p, id, tech)) < 0)
		return cli_fail(c, err);
	return print_appointment(c, id);
}

static int appointment_status(cli *c, int argc, char **argv)
{
	const char *pos[2], *at = NULL;
	const cli_opt opts[] = { { "at", &at, NULL }, { NULL, NULL, NULL } };
	portal_appointment_status status;
	portal_time when = 0;
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 2, 2, appointment_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "appointment")) != 0)
		return rc;
	if (portal_appointment_status_parse(&status, pos[1]) < 0)
		return cli_usage_error("'%s' is not an appointment status "
			"(see portal appointment --help)", pos[1]);
	/* The library refuses these too; here the user learns the command. */
	if (status == PORTAL_APPT_CANCELLED)
		return cli_usage_error("cancel with 'portal appointment cancel %s', "
			"which applies the late-cancellation fee", pos[0]);
	if (status == PORTAL_APPT_NO_SHOW)
		return cli_usage_error("record a no-show with 'portal appointment no-show %s', "
			"which applies the no-show fee", pos[0]);
	if ((rc = cli_open(c, 0)) != 0 || (at && (rc = cli_time_arg(c, &when, at)) != 0))
		return rc;
	if ((err = portal_appointment_set_status(c->p, id, status, when)) < 0)
		return cli_fail(c, err);
	return print_appointment(c, id);
}

/* "... fee 60.00 on invoice 10001." */
static void print_fee(cli *c, const char *what, portal_id id, portal_money fee)
{
	portal_appointment *a = NULL;
	portal_invoice *inv = NULL;
	char money[PORTAL_MONEY_STRLEN];

	portal_money_format(money, sizeof(money), fee);
	if (portal_appointment_get(&a, c->p, id) == PORTAL_OK && a->fee_invoice_id &&
	    portal_invoice_get(&inv, c->p, a->fee_invoice_id) == PORTAL_OK)
		printf("%s %s charged on invoice %s.\n", what, money, inv->number);
	else
		printf("%s %s charged.\n", what, money);
	portal_invoice_free(inv);
	portal_appointment_free(a);
}

static int appointment_cancel(cli *c, int argc, char **argv)
{
	const char *pos[1];
	int dry_run = 0;
	const cli_opt opts[] = { { "dry-run", NULL, &dry_run }, { NULL, NULL, NULL } };
	portal_cancellation q;
	char until[PORTAL_TIME_STRLEN], money[PORTAL_MONEY_STRLEN];
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, appointment_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "appointment")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if (dry_run) {
		if ((err = portal_appointment_cancel_quote(&q, c->p, id, 0)) < 0)
			return cli_fail(c, err);
		if (c->json)
			return print_appointment(c, id);
		cli_time(c, q.free_until, until, sizeof(until));
		if (q.late)
			printf("Cancelling appointment #%lld now costs a late-cancellation fee of "
				"%s (it was free until %s). Nothing was changed.\n", (long long)id,
				portal_money_format(money, sizeof(money), q.fee), until);
		else
			printf("Cancelling appointment #%lld now is free (until %s). "
				"Nothing was changed.\n", (long long)id, until);
		return EXIT_OK;
	}
	if ((err = portal_appointment_cancel(&q, c->p, id)) < 0)
		return cli_fail(c, err);
	if (c->json)
		return print_appointment(c, id);
	printf("Appointment #%lld cancelled.\n", (long long)id);
	if (q.fee > 0)
		print_fee(c, "Late-cancellation fee", id, q.fee);
	else if (q.late)
		puts("Late, but the shop charges no late-cancellation fee.");
	else
		puts("No fee: cancelled in time.");
	return EXIT_OK;
}

static int appointment_no_show(cli *c, int argc, char **argv)
{
	const char *pos[1];
	portal_money fee = 0;
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, appointment_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "appointment")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_appointment_no_show(&fee, c->p, id)) < 0)
		return cli_fail(c, err);
	if (c->json)
		return print_appointment(c, id);
	printf("Appointment #%lld: the customer was missed.\n", (long long)id);
	if (fee > 0)
		print_fee(c, "No-show fee", id, fee);
	else
		puts("The shop charges no no-show fee.");
	return EXIT_OK;
}

static int appointment_show(cli *c, int argc, char **argv)
{
	const char *pos[1];
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, appointment_usage);

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "appointment")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	return print_appointment(c, id);
}

static int print_appointment_row(const portal_appointment *a, void *ctx)
{
	cli *c = ctx;
	portal_client *cl = NULL;
	portal_tech *t = NULL;
	char start[PORTAL_TIME_STRLEN], end[PORTAL_TIME_STRLEN];
	int err;

	if ((err = portal_client_get(&cl, c->p, a->client_id)) < 0 ||
	    (a->technician_id && (err = portal_tech_get(&t, c->p, a->technician_id)) < 0))
		goto done;
	printf("#%-5lld %s to %s  %-11s %-24s %s\n", (long long)a->id,
		cli_time(c, a->window_start, start, sizeof(start)),
		cli_time(c, a->window_end, end, sizeof(end)),
		portal_appointment_status_label(a->status), cl->name,
		t ? t->name : "(no technician)");
done:
	portal_tech_free(t);
	portal_client_free(cl);
	return err;
}

static int appointment_list(cli *c, int argc, char **argv)
{
	portal_appointment_filter f = { 0, 0, 0, 0 };
	portal_buf doc = PORTAL_BUF_INIT;
	const char *client = NULL, *tech = NULL, *day = NULL, *from = NULL, *to = NULL;
	const cli_opt opts[] = {
		{ "client", &client, NULL }, { "tech", &tech, NULL }, { "day", &day, NULL },
		{ "from", &from, NULL }, { "to", &to, NULL }, { NULL, NULL, NULL }
	};
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, appointment_usage), err;

	CLI_PARSED(rc);
	if (day && (from || to))
		return cli_usage_error("--day cannot be combined with --from or --to");
	if ((client && (rc = cli_id_arg(&f.client_id, client, "--client")) != 0) ||
	    (tech && (rc = cli_id_arg(&f.technician_id, tech, "--tech")) != 0) ||
	    (rc = cli_open(c, 0)) != 0 ||
	    (from && (rc = cli_time_arg(c, &f.from, from)) != 0) ||
	    (to && (rc = cli_time_arg(c, &f.to, to)) != 0))
		return rc;
	if (day && (err = portal_appointment_filter_day(&f, c->p, day)) < 0)
		return cli_fail(c, err);
	if (c->json) {
		if ((err = portal_appointment_list_json(&doc, c->p, &f)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_appointment_foreach(c->p, &f, print_appointment_row, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

/* ---------------------------------------------------------------------
 * Tracking: the dispatcher's arrival time and what the customer sees.
 */

static const char *json_text(const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

static int json_number(double *out, const cJSON *o, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, name);

	if (!cJSON_IsNumber(v))
		return 0;
	*out = v->valuedouble;
	return 1;
}

/* A time of the document, for people. */
static void print_doc_time(cli *c, const char *label, const cJSON *o, const char *name)
{
	char when[PORTAL_TIME_STRLEN];
	double t;

	if (json_number(&t, o, name))
		cli_field(label, cli_time(c, (portal_time)t, when, sizeof(when)));
}

/* The position part of a visit en route. */
static void print_en_route(cli *c, const cJSON *doc)
{
	const cJSON *pos = cJSON_GetObjectItemCaseSensitive(doc, "position");
	const char *source = json_text(doc, "eta_source");
	double lat, lon, acc, minutes, straight, road;
	char line[160];

	if (json_number(&lat, pos, "latitude") && json_number(&lon, pos, "longitude")) {
		int n = snprintf(line, sizeof(line), "%.6f, %.6f", lat, lon);
		if (json_number(&acc, pos, "accuracy_m"))
			n += snprintf(line + n, sizeof(line) - (size_t)n, " (within %.0f m)", acc);
		if (json_number(&minutes, doc, "updated_minutes_ago"))
			snprintf(line + n, sizeof(line) - (size_t)n, ", %.0f min ago", minutes);
		cli_field("Position", line);
	} else {
		cli_field("Position", "none yet");
	}
	if (cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(doc, "stale")))
		cli_field("Warning", "the position is not current");
	if (json_number(&straight, doc, "distance_m") && json_number(&road, doc, "road_distance_m")) {
		snprintf(line, sizeof(line), "%.1f km (about %.1f km by road)", straight / 1000,
			road / 1000);
		cli_field("Distance", line);
	}
	print_doc_time(c, source && strcmp(source, "dispatcher") == 0 ? "ETA (set)" : "ETA",
		doc, "eta");
}

static void print_tracking_text(cli *c, const cJSON *doc)
{
	const cJSON *tech = cJSON_GetObjectItemCaseSensitive(doc, "technician");
	const cJSON *contact = cJSON_GetObjectItemCaseSensitive(doc, "contact");
	const char *state = json_text(doc, "state");
	char line[200], start[PORTAL_TIME_STRLEN], end[PORTAL_TIME_STRLEN];
	double s, e, id = 0;

	json_number(&id, doc, "id");
	printf("Visit #%.0f  %s\n", id, json_text(doc, "status_label"));
	cli_field("Message", json_text(doc, "message"));
	if (json_number(&s, doc, "window_start") && json_number(&e, doc, "window_end")) {
		snprintf(line, sizeof(line), "%s to %s", cli_time(c, (portal_time)s, start,
			sizeof(start)), cli_time(c, (portal_time)e, end, sizeof(end)));
		cli_field("Window", line);
	}
	print_doc_time(c, "Opens", doc, "tracking_opens_at");
	cli_field("Technician", json_text(tech, "first_name"));
	print_doc_time(c, "Since", doc, "status_at");
	if (state && strcmp(state, "en_route") == 0)
		print_en_route(c, doc);
	cli_field("Door code", json_text(doc, "door_code"));
	snprintf(line, sizeof(line), "%s, %s", json_text(contact, "name") ?
		json_text(contact, "name") : "", json_text(contact, "phone") ?
		json_text(contact, "phone") : "");
	cli_field("Contact", line);
}

static int print_tracking(cli *c, portal_id id)
{
	portal_buf doc = PORTAL_BUF_INIT;
	cJSON *o;
	int err;

	if ((err = portal_tracking_json(&doc, c->p, id)) < 0)
		return cli_fail(c, err);
	if (c->json)
		return cli_print_json(&doc);
	o = cJSON_Parse(doc.ptr);
	portal_buf_dispose(&doc);
	if (o == NULL) {
		fputs("portal: out of memory\n", stderr);
		return EXIT_STORE;
	}
	print_tracking_text(c, o);
	cJSON_Delete(o);
	return EXIT_OK;
}

static int appointment_eta(cli *c, int argc, char **argv)
{
	const char *pos[2] = { NULL, NULL };
	int clear = 0;
	const cli_opt opts[] = { { "clear", NULL, &clear }, { NULL, NULL, NULL } };
	char when[PORTAL_TIME_STRLEN];
	portal_time eta = 0;
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 2, appointment_usage), err;

	CLI_PARSED(rc);
	if (clear == (pos[1] != NULL))
		return cli_usage_error("appointment eta needs a TIME or --clear, not both");
	if ((rc = cli_id_arg(&id, pos[0], "appointment")) != 0 || (rc = cli_open(c, 0)) != 0 ||
	    (pos[1] && (rc = cli_time_arg(c, &eta, pos[1])) != 0))
		return rc;
	if ((err = portal_appointment_set_eta(c->p, id, eta)) < 0)
		return cli_fail(c, err);
	if (c->json)
		return print_tracking(c, id);
	if (eta == 0)
		printf("Appointment #%lld: expected arrival cleared.\n", (long long)id);
	else
		printf("Appointment #%lld: the technician is expected at %s.\n", (long long)id,
			cli_time(c, eta, when, sizeof(when)));
	return EXIT_OK;
}

static int appointment_track(cli *c, int argc, char **argv)
{
	const char *pos[1];
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, appointment_usage);

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "appointment")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	return print_tracking(c, id);
}

static int appointment_ics(cli *c, int argc, char **argv)
{
	const char *pos[1], *file = NULL;
	const cli_opt opts[] = {
		{ "o", &file, NULL }, { "output", &file, NULL }, { NULL, NULL, NULL }
	};
	portal_buf ics = PORTAL_BUF_INIT;
	portal_id id;
	FILE *f;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, appointment_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "appointment")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_appointment_ics(&ics, c->p, id)) < 0)
		return cli_fail(c, err);
	if ((f = file ? fopen(file, "wb") : stdout) == NULL ||
	    fwrite(ics.ptr, 1, ics.size, f) != ics.size || (file && fclose(f) != 0)) {
		fprintf(stderr, "portal: cannot write %s\n", file ? file : "the calendar");
		portal_buf_dispose(&ics);
		return EXIT_STORE;
	}
	portal_buf_dispose(&ics);
	return EXIT_OK;
}

int cmd_appointment(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", appointment_add, NULL },
		{ "assign", appointment_assign, NULL },
		{ "status", appointment_status, NULL },
		{ "cancel", appointment_cancel, NULL },
		{ "no-show", appointment_no_show, NULL },
		{ "show", appointment_show, NULL },
		{ "list", appointment_list, NULL },
		{ "eta", appointment_eta, NULL },
		{ "track", appointment_track, NULL },
		{ "ics", appointment_ics, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, appointment_usage);
}
