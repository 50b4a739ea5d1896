/* SPDX-License-Identifier: MIT */
/*
 * test_link_fresh.c - unit tests for "send me a fresh link" (link_fresh.c):
 * a new link for the same client and job, sent only to the contact on
 * file, one answer whatever happened, the limits per client and per
 * address, and the audit log.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "fixtures.h"

#define DAY ((portal_time)86400)
#define BASE "https://portal.example.com/k/"

static portal_id alice, bob, alice_job;

static int setup(void **state)
{
	portal *p = th_open();

	assert_int_equal(portal_shop_set(p, "portal_url", "https://portal.example.com/"),
		PORTAL_OK);
	assert_int_equal(portal_shop_set(p, "email", "shop@fixit.example"), PORTAL_OK);
	alice = th_add_reachable_client(p, "Alice Martin", "alice@example.com", NULL,
		PORTAL_UNCHANGED);
	bob = th_add_client(p, "Bob Chen");
	alice_job = th_add_job(p, alice, 0, 0, "Washer leaks", 0);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

/* A link of `client` on `job` (0: none) that lasts one day, its token in
 * `token`; `*id` its id. */
static void make_link(portal *p, char token[PORTAL_TOKEN_LEN + 1], portal_id *id,
	portal_id client, portal_id job)
{
	portal_link_fields f = PORTAL_LINK_FIELDS_INIT;
	portal_buf url = PORTAL_BUF_INIT;

	f.job_id = job;
	f.days = 1;
	assert_int_equal(portal_link_create(&url, id, p, client, &f), PORTAL_OK);
	snprintf(token, PORTAL_TOKEN_LEN + 1, "%s", url.ptr + strlen(BASE));
	portal_buf_dispose(&url);
}

static int count_message(const portal_outbox_message *m, void *ctx)
{
	(void)m;
	(*(int *)ctx)++;
	return 0;
}

static int messages(portal *p)
{
	int n = 0;

	assert_int_equal(portal_outbox_foreach(p, PORTAL_OUTBOX_ALL, count_message, &n),
		PORTAL_OK);
	return n;
}

typedef struct counter {
	const char *outcome;
	int n;
} counter;

static int count_entry(const portal_audit_entry *e, void *ctx)
{
	counter *c = ctx;

	if (strcmp(e->event, "link.fresh") == 0 && strcmp(e->outcome, c->outcome) == 0)
		c->n++;
	return 0;
}

static int audited(portal *p, const char *outcome)
{
	counter c = { outcome, 0 };

	assert_int_equal(portal_audit_foreach(p, NULL, count_entry, &c), PORTAL_OK);
	return c.n;
}

static int no_token(const portal_audit_entry *e, void *ctx)
{
	assert_null(strstr(e->detail, ctx));
	assert_null(strstr(e->source, ctx));
	return 0;
}

static int fresh(portal *p, const char *token, const char *source)
{
	int64_t seconds = -1;
	int rc = portal_link_fresh(&seconds, p, token, source);

	if (rc == PORTAL_OK)
		assert_int_equal(seconds, 0);
	return rc;
}

/* The token of the newest message's link, into `token`. */
static void newest_token(portal *p, char token[PORTAL_TOKEN_LEN + 1], const char *recipient)
{
	portal_outbox_message *m = NULL;
	const char *k;

	assert_int_equal(portal_outbox_get(&m, p, messages(p)), PORTAL_OK);
	assert_string_equal(m->kind, "access_link");
	assert_string_equal(m->recipient, recipient);
	assert_non_null(k = strstr(m->message, BASE));
	snprintf(token, PORTAL_TOKEN_LEN + 1, "%s", k + strlen(BASE));
	portal_outbox_message_free(m);
}

static void test_link_fresh__an_expired_link_sends_a_new_one_to_the_contact_on_file(void **state)
{
	portal *p = *state;
	char dead[PORTAL_TOKEN_LEN + 1], token[PORTAL_TOKEN_LEN + 1];
	portal_session *s = NULL;
	portal_outbox_message *m = NULL;
	portal_id id;
	char landing[32];

	make_link(p, dead, &id, alice, alice_job);
	portal_set_now(p, TH_NOW + 3 * DAY);
	assert_int_equal(portal_link_open(&s, p, dead, "203.0.113.7"), PORTAL_ENOTFOUND);
	assert_int_equal(fresh(p, dead, "203.0.113.7"), PORTAL_OK);
	assert_int_equal(messages(p), 1);
	newest_token(p, token, "alice@example.com");
	/* It opens the same job's page, and the session is the job's alone. */
	assert_int_equal(portal_outbox_get(&m, p, 1), PORTAL_OK);
	snprintf(landing, sizeof(landing), "/job/%lld\r\n", (long long)alice_job);
	assert_non_null(strstr(m->message, landing));
	portal_outbox_message_free(m);
	assert_int_equal(portal_link_open(&s, p, token, "203.0.113.7"), PORTAL_OK);
	assert_int_equal(s->client_id, alice);
	assert_int_equal(s->job_id, alice_job);
	portal_session_free(s);
	assert_int_equal(audited(p, "sent"), 1);
	/* The log never holds a token. */
	assert_int_equal(portal_audit_foreach(p, NULL, no_token, dead), PORTAL_OK);
	assert_int_equal(portal_audit_foreach(p, NULL, no_token, token), PORTAL_OK);
}

static void test_link_fresh__a_revoked_link_too(void **state)
{
	portal *p = *state;
	char dead[PORTAL_TOKEN_LEN + 1], token[PORTAL_TOKEN_LEN + 1];
	portal_session *s = NULL;
	portal_id id;

	make_link(p, dead, &id, alice, 0);
	assert_int_equal(portal_link_revoke(p, id), PORTAL_OK);
	assert_int_equal(fresh(p, dead, "203.0.113.7"), PORTAL_OK);
	newest_token(p, token, "alice@example.com");
	assert_int_equal(portal_link_open(&s, p, token, NULL), PORTAL_OK);
	assert_int_equal(s->job_id, 0);
	portal_session_free(s);
}

static void test_link_fresh__an_unknown_token_is_answered_alike_and_sends_nothing(void **state)
{
	portal *p = *state;
	char made_up[PORTAL_TOKEN_LEN + 1];

	memset(made_up, 'A', PORTAL_TOKEN_LEN);
	made_up[PORTAL_TOKEN_LEN] = '\0';
	assert_int_equal(fresh(p, made_up, "203.0.113.7"), PORTAL_OK);
	assert_int_equal(fresh(p, "not a token", "203.0.113.7"), PORTAL_OK);
	assert_int_equal(fresh(p, "", NULL), PORTAL_OK);
	assert_int_equal(messages(p), 0);
	assert_int_equal(audited(p, "unknown"), 3);
	assert_non_null(strstr(PORTAL_LINK_FRESH_ANSWER, "we have on file for you"));
}

static void test_link_fresh__no_contact_or_access_off_sends_nothing(void **state)
{
	portal *p = *state;
	char bobs[PORTAL_TOKEN_LEN + 1], alices[PORTAL_TOKEN_LEN + 1];
	portal_id id;

	make_link(p, bobs, &id, bob, 0);
	make_link(p, alices, &id, alice, 0);
	assert_int_equal(portal_client_set_access(p, alice, 0), PORTAL_OK);
	assert_int_equal(fresh(p, bobs, "203.0.113.7"), PORTAL_OK);
	assert_int_equal(fresh(p, alices, "203.0.113.7"), PORTAL_OK);
	assert_int_equal(messages(p), 0);
	assert_int_equal(audited(p, "unreachable"), 1);
	assert_int_equal(audited(p, "denied"), 1);
}

static void test_link_fresh__a_client_gets_three_a_day_and_the_answer_stays_the_same(void **state)
{
	portal *p = *state;
	char dead[PORTAL_TOKEN_LEN + 1], source[32];
	portal_id id;

	make_link(p, dead, &id, alice, alice_job);
	for (int i = 0; i < 4; i++) {
		/* From four addresses, so that only the client's limit counts. */
		snprintf(source, sizeof(source), "198.51.100.%d", i + 1);
		assert_int_equal(fresh(p, dead, source), PORTAL_OK);
	}
	assert_int_equal(messages(p), 3);
	assert_int_equal(audited(p, "sent"), 3);
	assert_int_equal(audited(p, "limited"), 1);
	/* A day later the oldest has left the window. */
	portal_set_now(p, TH_NOW + DAY);
	assert_int_equal(fresh(p, dead, "198.51.100.9"), PORTAL_OK);
	assert_int_equal(messages(p), 4);
	/* The limit is the shop's. */
	assert_int_equal(portal_shop_set(p, "fresh_link_client_limit", "5"), PORTAL_OK);
	assert_int_equal(fresh(p, dead, "198.51.100.10"), PORTAL_OK);
	assert_int_equal(fresh(p, dead, "198.51.100.11"), PORTAL_OK);
	assert_int_equal(messages(p), 6);
}

static void test_link_fresh__an_address_gets_five_an_hour_then_a_retry_after(void **state)
{
	portal *p = *state;
	char dead[PORTAL_TOKEN_LEN + 1];
	int64_t seconds = 0;
	portal_id id;

	make_link(p, dead, &id, alice, 0);
	assert_int_equal(fresh(p, dead, "198.51.100.7"), PORTAL_OK);
	portal_set_now(p, TH_NOW + 600);
	for (int i = 0; i < 4; i++)
		assert_int_equal(fresh(p, "made up", "198.51.100.7"), PORTAL_OK);
	assert_int_equal(portal_link_fresh(&seconds, p, dead, "198.51.100.7"),
		PORTAL_ERATELIMIT);
	assert_non_null(strstr(portal_errmsg(p), "too many requests for a fresh link from "
		"here; try again after 11:00 am"));
	assert_int_equal(seconds, 3000);
	assert_int_equal(audited(p, "refused"), 1);
	assert_int_equal(messages(p), 1);
	/* Refusals are not counted: the lock ends when the first request
	 * leaves the window, however often it was met. */
	portal_set_now(p, TH_NOW + 3599);
	assert_int_equal(portal_link_fresh(&seconds, p, dead, "198.51.100.7"),
		PORTAL_ERATELIMIT);
	assert_int_equal(seconds, 1);
	portal_set_now(p, TH_NOW + 3600);
	assert_int_equal(fresh(p, dead, "198.51.100.7"), PORTAL_OK);
	/* Other addresses are not affected. */
	assert_int_equal(fresh(p, dead, "198.51.100.8"), PORTAL_OK);
	assert_int_equal(messages(p), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_link_fresh__an_expired_link_sends_a_new_one_to_the_contact_on_file),
		T(test_link_fresh__a_revoked_link_too),
		T(test_link_fresh__an_unknown_token_is_answered_alike_and_sends_nothing),
		T(test_link_fresh__no_contact_or_access_off_sends_nothing),
		T(test_link_fresh__a_client_gets_three_a_day_and_the_answer_stays_the_same),
		T(test_link_fresh__an_address_gets_five_an_hour_then_a_retry_after),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
