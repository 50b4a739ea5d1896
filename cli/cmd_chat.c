/* SPDX-License-Identifier: MIT */
/*
 * cmd_chat.c - `portal chat`: the shop answers its clients; and `portal
 * notifications`: what a client has been told.
 */
#include "cli.h"

#include <stdlib.h>

static const char chat_usage[] =
	"usage: portal chat list [--unread] [CLIENT [--since ID]]\n"
	"       portal chat reply CLIENT TEXT\n"
	"       portal chat read CLIENT [--up-to ID]\n\n"
	"list    without CLIENT: the clients with messages, newest conversation\n"
	"        first, with how many of their messages the shop has not read\n"
	"        (--unread: only those with some). With CLIENT: that client's\n"
	"        conversation, oldest first (--since ID: after message ID).\n"
	"        Listing marks nothing read.\n"
	"reply   write TEXT to CLIENT (1..2000 characters; control characters\n"
	"        are removed, newlines kept). It is also queued for sending.\n"
	"read    mark CLIENT's messages read by the shop (--up-to ID: up to\n"
	"        that message).\n";

static int print_conversation(const portal_chat_conversation *cv, void *ctx)
{
	cli *c = ctx;
	char when[PORTAL_TIME_STRLEN];

	printf("#%-5lld %-*s %4lld message%s %4lld unread  last %s\n", (long long)cv->client_id,
		cli_width(cv->client_name, 28), cv->client_name, (long long)cv->messages, cv->messages == 1 ? " " : "s",
		(long long)cv->unread, cli_time(c, cv->last_at, when, sizeof(when)));
	return 0;
}

static int print_message(const portal_chat_message *m, void *ctx)
{
	cli *c = ctx;
	char when[PORTAL_TIME_STRLEN];

	printf("#%lld  %s  %s%s\n", (long long)m->id, cli_time(c, m->at, when, sizeof(when)),
		m->from_shop ? "shop" : "client", m->read_at ? "" : " (unread)");
	for (const char *s = m->body; *s; ) {
		const char *end = s;
		while (*end && *end != '\n')
			end++;
		printf("    %.*s\n", (int)(end - s), s);
		s = *end ? end + 1 : end;
	}
	return 0;
}

static int list_conversation(cli *c, const char *client, const char *since)
{
	portal_buf doc = PORTAL_BUF_INIT;
	portal_id id, since_id = 0;
	int rc, err;

	if ((rc = cli_id_arg(&id, client, "client")) != 0 ||
	    (since && (rc = cli_id_arg(&since_id, since, "message")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_chat_list_json(&doc, c->p, id, since_id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_chat_foreach(c->p, id, since_id, print_message, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

static int chat_list(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	const char *pos[1] = { NULL }, *since = NULL;
	int unread = 0;
	const cli_opt opts[] = {
		{ "unread", NULL, &unread }, { "since", &since, NULL }, { NULL, NULL, NULL }
	};
	int rc = cli_parse(argc, argv, opts, pos, 0, 1, chat_usage), err;

	CLI_PARSED(rc);
	if (pos[0])
		return list_conversation(c, pos[0], since);
	if (since)
		return cli_usage_error("--since needs a CLIENT");
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_chat_conversation_list_json(&doc, c->p, unread)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_chat_conversation_foreach(c->p, unread, print_conversation, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

static int chat_reply(cli *c, int argc, char **argv)
{
	const char *pos[2];
	const cli_opt opts[] = { { NULL, NULL, NULL } };
	portal_id client, id;
	int rc = cli_parse(argc, argv, opts, pos, 2, 2, chat_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&client, pos[0], "client")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_chat_reply(&id, c->p, client, pos[1])) < 0)
		return cli_fail(c, err);
	if (c->json)
		printf("{\"id\": %lld, \"client_id\": %lld}\n", (long long)id, (long long)client);
	else
		printf("Message #%lld sent to client #%lld.\n", (long long)id, (long long)client);
	return EXIT_OK;
}

static int chat_read(cli *c, int argc, char **argv)
{
	const char *pos[1], *up_to = NULL;
	const cli_opt opts[] = { { "up-to", &up_to, NULL }, { NULL, NULL, NULL } };
	portal_id client, last = 0;
	int64_t left = 0;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, chat_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&client, pos[0], "client")) != 0 ||
	    (up_to && (rc = cli_id_arg(&last, up_to, "message")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if ((err = portal_chat_mark_read(c->p, client, last)) < 0 ||
	    (err = portal_chat_unread(&left, c->p, client, PORTAL_CHAT_SHOP)) < 0)
		return cli_fail(c, err);
	if (c->json)
		printf("{\"client_id\": %lld, \"unread\": %lld}\n", (long long)client,
			(long long)left);
	else
		printf("Client #%lld: %lld unread.\n", (long long)client, (long long)left);
	return EXIT_OK;
}

int cmd_chat(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "list", chat_list, NULL },
		{ "reply", chat_reply, NULL },
		{ "read", chat_read, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, chat_usage);
}

static const char notifications_usage[] =
	"usage: portal notifications CLIENT [--unread]\n\n"
	"The notifications CLIENT has in the portal, newest first: job status\n"
	"changes, estimates sent, invoices issued, payments and refunds, visits,\n"
	"answers to their requests. --unread: only those they have not read.\n";

static int print_notification(const portal_notification *n, void *ctx)
{
	cli *c = ctx;
	char when[PORTAL_TIME_STRLEN];

	printf("#%-5lld %s  %-18s %s%s\n", (long long)n->id, cli_time(c, n->at, when, sizeof(when)),
		n->kind, n->read_at ? "" : "* ", n->text);
	return 0;
}

int cmd_notifications(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	const char *pos[1];
	int unread = 0;
	const cli_opt opts[] = { { "unread", NULL, &unread }, { NULL, NULL, NULL } };
	portal_id client;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, notifications_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&client, pos[0], "client")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json) {
		if ((err = portal_notification_list_json(&doc, c->p, client, unread, 0)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_notification_foreach(c->p, client, unread, 0, print_notification, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}
