/* SPDX-License-Identifier: MIT */
/*
 * cmd_sms.c - `portal sms inbound`: what the shop's SMS gateway received.
 */
#include "cli.h"

static const char sms_usage[] =
	"usage: portal sms inbound --from NUMBER --body TEXT\n\n"
	"Handle an SMS a customer sent to the shop's number (a gateway's hook\n"
	"runs this). The whole text, trimmed, in any case: STOP, STOPALL,\n"
	"UNSUBSCRIBE, CANCEL, END or QUIT opt the number out of SMS, with one\n"
	"confirmation; START or UNSTOP opt it back in; HELP answers with the\n"
	"shop's name and phone. The answer is queued in the outbox and printed.\n"
	"An unknown number changes nothing and gets an answer only to HELP.\n";

static const char *action_name(portal_sms_action a)
{
	switch (a) {
	case PORTAL_SMS_OPTED_OUT: return "opted_out";
	case PORTAL_SMS_OPTED_IN: return "opted_in";
	case PORTAL_SMS_HELP: return "help";
	default: return "ignored";
	}
}

/* A JSON string: the reply is the shop's own text, but quote it properly. */
static void print_json_string(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			printf("\\%c", *s);
		else if ((unsigned char)*s < 0x20)
			printf("\\u%04x", (unsigned)(unsigned char)*s);
		else
			putchar(*s);
	}
	putchar('"');
}

static int sms_inbound(cli *c, int argc, char **argv)
{
	const char *from = NULL, *body = NULL;
	const cli_opt opts[] = { { "from", &from, NULL }, { "body", &body, NULL },
		{ NULL, NULL, NULL } };
	portal_sms_inbound_result r;
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, sms_usage), err;

	CLI_PARSED(rc);
	if (from == NULL || body == NULL)
		return cli_usage_error("sms inbound needs --from and --body");
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_sms_inbound(&r, c->p, from, body)) < 0)
		return cli_fail(c, err);
	if (c->json) {
		printf("{\"action\": \"%s\", \"client_id\": ", action_name(r.action));
		r.client_id ? printf("%lld", (long long)r.client_id) : printf("null");
		printf(", \"reply_id\": ");
		r.reply_id ? printf("%lld", (long long)r.reply_id) : printf("null");
		printf(", \"reply\": ");
		print_json_string(r.reply);
		printf("}\n");
		return EXIT_OK;
	}
	printf("%s", action_name(r.action));
	if (r.client_id)
		printf(" (client #%lld)", (long long)r.client_id);
	putchar('\n');
	if (r.reply[0])
		printf("reply #%lld: %s\n", (long long)r.reply_id, r.reply);
	return EXIT_OK;
}

int cmd_sms(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "inbound", sms_inbound, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, sms_usage);
}
