/* SPDX-License-Identifier: MIT */
/*
 * test_link.c - unit tests for secure links (link.c): creation, the URL
 * given once, expiry, revocation and the sessions it ends, job scope, and
 * the client's access switch.
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

static portal_id alice, bob, alice_job, bob_job;

static int setup(void **state)
{
	portal *p = th_open();

	assert_int_equal(portal_shop_set(p, "portal_url", "https://portal.example.com/"),
		PORTAL_OK);
	alice = th_add_client(p, "Alice Martin");
	bob = th_add_client(p, "Bob Chen");
	alice_job = th_add_job(p, alice, 0, 0, "Washer leaks", 0);
	bob_job = th_add_job(p, bob, 0, 0, "Washer leaks", 0);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

/* A new link's token (static buffer), after checking its URL. */
static const char *new_link(portal *p, portal_id *id, portal_id client, portal_id job_id,
	int days)
{
	static char token[PORTAL_TOKEN_LEN + 1];
	portal_link_fields f = PORTAL_LINK_FIELDS_INIT;
	portal_buf url = PORTAL_BUF_INIT;
	int rc;

	f.job_id = job_id;
	f.days = days;
	if ((rc = portal_link_create(&url, id, p, client, &f)) != PORTAL_OK)
		fail_msg("link: %d (%s)", rc, portal_errmsg(p));
	assert_int_equal(strncmp(url.ptr, "https://portal.example.com/k/", 29), 0);
	assert_int_equal(strlen(url.ptr + 29), PORTAL_TOKEN_LEN);
	for (const char *c = url.ptr + 29; *c; c++)
		assert_non_null(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			"0123456789-_", *c));
	snprintf(token, sizeof(token), "%s", url.ptr + 29);
	portal_buf_dispose(&url);
	return token;
}

static portal_link get_link(portal *p, portal_id id);

static int find_link(const portal_link *l, void *ctx)
{
	portal_link *want = ctx;

	if (l->id == want->id)
		*want = *l;
	return 0;
}

static portal_link get_link(portal *p, portal_id id)
{
	portal_link l;
	portal_id client;

	for (client = alice; client <= bob; client++) {
		memset(&l, 0, sizeof(l));
		l.id = id;
		assert_int_equal(portal_link_foreach(p, client, find_link, &l), PORTAL_OK);
		if (l.client_id)
			return l;
	}
	fail_msg("no link #%lld", (long long)id);
	return l;
}

static void want(portal *p, int rc, int expected, const char *what)
{
	if (rc != expected)
		fail_msg("%s: got %d (%s), want %d", what, rc, portal_errmsg(p), expected);
}

static int open_link(portal *p, const char *token)
{
	portal_session *s = NULL;
	int rc = portal_link_open(&s, p, token, "203.0.113.7");

	if (rc != PORTAL_OK)
		assert_null(s);
	portal_session_free(s);
	return rc;
}

typedef struct counter {
	const char *event, *outcome;
	int n;
	portal_id client;
	char detail[256];
} counter;

static int count_entry(const portal_audit_entry *e, void *ctx)
{
	counter *c = ctx;

	if (strcmp(e->event, c->event) == 0 && strcmp(e->outcome, c->outcome) == 0) {
		c->n++;
		c->client = e->client_id;
		snprintf(c->detail, sizeof(c->detail), "%s", e->detail);
	}
	return 0;
}

static counter audited(portal *p, const char *event, const char *outcome)
{
	counter c;

	memset(&c, 0, sizeof(c));
	c.event = event;
	c.outcome = outcome;
	assert_int_equal(portal_audit_foreach(p, NULL, count_entry, &c), PORTAL_OK);
	return c;
}

/* ---------------------------------------------------------------------
 * Creating links.
 */

static void test_link__create_gives_the_url_once_and_stores_no_token(void **state)
{
	portal *p = *state;
	portal_id id = 0;
	const char *token = new_link(p, &id, alice, 0, 0);
	portal_link l = get_link(p, id);
	portal_buf list = PORTAL_BUF_INIT;
	counter c;

	assert_true(id > 0);
	assert_int_equal(l.client_id, alice);
	assert_int_equal(l.job_id, 0);
	assert_int_equal(l.created_at, TH_NOW);
	assert_int_equal(l.last_used_at, 0);
	assert_int_equal(l.revoked_at, 0);
	assert_string_equal(portal_link_state(&l, TH_NOW), "active");
	assert_int_equal(portal_link_list_json(&list, p, alice), PORTAL_OK);
	assert_true(th_contains(&list, "\"active\""));
	assert_false(th_contains(&list, token));
	portal_buf_dispose(&list);
	c = audited(p, "link.create", "ok");
	assert_int_equal(c.n, 1);
	assert_int_equal(c.client, alice);
	assert_non_null(strstr(c.detail, "whole account"));
	assert_non_null(strstr(c.detail, "valid through 2026-12-13"));
	assert_null(strstr(c.detail, token));
}

static void test_link__expiry_counts_the_shops_days(void **state)
{
	portal *p = *state;
	portal_time start;
	portal_id id;

	/* 21 days by default: valid through local 2026-12-13, expired from
	 * midnight in Toronto. */
	new_link(p, &id, alice, 0, 0);
	assert_int_equal(portal_time_parse(&start, p, "2026-12-14"), PORTAL_OK);
	assert_int_equal(get_link(p, id).expires_at, start);
	new_link(p, &id, alice, 0, 1);
	assert_int_equal(portal_time_parse(&start, p, "2026-11-24"), PORTAL_OK);
	assert_int_equal(get_link(p, id).expires_at, start);
	assert_int_equal(portal_shop_set(p, "link_days", "3"), PORTAL_OK);
	new_link(p, &id, alice, 0, 0);
	assert_int_equal(portal_time_parse(&start, p, "2026-11-26"), PORTAL_OK);
	assert_int_equal(get_link(p, id).expires_at, start);
}

static void test_link__bad_requests_change_nothing(void **state)
{
	portal *p = *state;
	portal_link_fields f = PORTAL_LINK_FIELDS_INIT;
	portal_buf url = PORTAL_BUF_INIT;

	f.days = 366;
	TH_CHECK_REFUSED(p, "366 days", portal_link_create(&url, NULL, p, alice, &f),
		PORTAL_EINVAL, "link.days");
	f.days = -1;
	TH_CHECK_REFUSED(p, "negative days", portal_link_create(&url, NULL, p, alice, &f),
		PORTAL_EINVAL, "link.days");
	f.days = 0;
	f.job_id = bob_job;
	TH_CHECK_REFUSED(p, "another client's job", portal_link_create(&url, NULL, p, alice, &f),
		PORTAL_ENOTFOUND, NULL);
	f.job_id = 999;
	TH_CHECK_REFUSED(p, "no such job", portal_link_create(&url, NULL, p, alice, &f),
		PORTAL_ENOTFOUND, NULL);
	f.job_id = 0;
	TH_CHECK_REFUSED(p, "no such client", portal_link_create(&url, NULL, p, 999, &f),
		PORTAL_ENOTFOUND, NULL);
	assert_int_equal(portal_client_set_access(p, alice, 0), PORTAL_OK);
	TH_CHECK_REFUSED(p, "access off", portal_link_create(&url, NULL, p, alice, &f),
		PORTAL_EDENIED, NULL);
	assert_null(url.ptr);
	TH_CHECK_REFUSED(p, "revoke no such link", portal_link_revoke(p, 999),
		PORTAL_ENOTFOUND, NULL);
	TH_CHECK_REFUSED(p, "revoke all of no client", portal_link_revoke_all(NULL, p, 999),
		PORTAL_ENOTFOUND, NULL);
	TH_CHECK_REFUSED(p, "access 2", portal_client_set_access(p, alice, 2),
		PORTAL_EINVAL, "client.portal_enabled");
	TH_CHECK_REFUSED(p, "access of no client", portal_client_set_access(p, 999, 1),
		PORTAL_ENOTFOUND, NULL);
}

/* ---------------------------------------------------------------------
 * Opening links.
 */

static void test_link__open_gives_a_session_of_the_links_scope(void **state)
{
	portal *p = *state;
	portal_session *s = NULL;
	portal_id id, job_link;
	const char *token = new_link(p, &id, alice, 0, 0);

	assert_int_equal(portal_link_open(&s, p, token, "203.0.113.7"), PORTAL_OK);
	assert_int_equal(s->client_id, alice);
	assert_int_equal(s->job_id, 0);
	assert_int_equal(s->link_id, id);
	assert_string_not_equal(s->token, token);
	portal_session_free(s);
	assert_int_equal(get_link(p, id).last_used_at, TH_NOW);
	assert_string_equal(audited(p, "session.open", "ok").detail, "link #1");

	token = new_link(p, &job_link, alice, alice_job, 0);
	assert_int_equal(portal_link_open(&s, p, token, NULL), PORTAL_OK);
	assert_int_equal(s->job_id, alice_job);
	assert_int_equal(s->link_id, job_link);
	portal_session_free(s);
	/* A link is used as often as the customer likes until it expires. */
	want(p, open_link(p, token), PORTAL_OK, "again");
	assert_int_equal(audited(p, "link.open", "ok").n, 3);
}

static void test_link__unknown_expired_and_revoked_say_which(void **state)
{
	portal *p = *state;
	portal_id id, gone;
	char expired[PORTAL_TOKEN_LEN + 1], revoked[PORTAL_TOKEN_LEN + 1], fake[] =
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

	snprintf(expired, sizeof(expired), "%s", new_link(p, &id, alice, 0, 1));
	snprintf(revoked, sizeof(revoked), "%s", new_link(p, &gone, alice, 0, 0));
	assert_int_equal(portal_link_revoke(p, gone), PORTAL_OK);

	want(p, open_link(p, fake), PORTAL_ENOTFOUND, "unknown");
	assert_non_null(strstr(portal_errmsg(p), "not known; ask the shop for a new link"));
	assert_int_equal(audited(p, "link.open", "unknown").client, 0);
	want(p, open_link(p, "short"), PORTAL_ENOTFOUND, "malformed");
	want(p, open_link(p, NULL), PORTAL_ENOTFOUND, "NULL");
	assert_int_equal(audited(p, "link.open", "unknown").n, 3);

	want(p, open_link(p, revoked), PORTAL_ENOTFOUND, "revoked");
	assert_non_null(strstr(portal_errmsg(p), "withdrawn by the shop; ask the shop for a "
		"new link"));
	assert_int_equal(audited(p, "link.open", "revoked").client, alice);

	want(p, open_link(p, expired), PORTAL_OK, "the last second");
	portal_set_now(p, get_link(p, id).expires_at);
	want(p, open_link(p, expired), PORTAL_ENOTFOUND, "expired");
	assert_non_null(strstr(portal_errmsg(p), "expired after Mon 23 Nov; ask the shop for "
		"a new link"));
	assert_int_equal(audited(p, "link.open", "expired").n, 1);
	assert_string_equal(portal_link_state(&(portal_link){ .expires_at = TH_NOW }, TH_NOW),
		"expired");
}

static void test_link__revoking_ends_the_sessions_it_opened(void **state)
{
	portal *p = *state;
	portal_session *by_link = NULL, *other = NULL, *check = NULL;
	portal_buf url = PORTAL_BUF_INIT;
	portal_id id, id2;
	const char *token = new_link(p, &id, alice, 0, 0);
	int count = -1;

	assert_int_equal(portal_link_open(&by_link, p, token, NULL), PORTAL_OK);
	token = new_link(p, &id2, alice, 0, 0);
	assert_int_equal(portal_link_open(&other, p, token, NULL), PORTAL_OK);

	assert_int_equal(portal_link_revoke(p, id), PORTAL_OK);
	assert_string_equal(portal_link_state(&(portal_link){ .revoked_at = 1 }, 0), "revoked");
	assert_int_equal(get_link(p, id).revoked_at, TH_NOW);
	want(p, portal_session_check(&check, p, by_link->token, NULL), PORTAL_ENOTFOUND,
		"its session");
	assert_int_equal(portal_session_check(&check, p, other->token, NULL), PORTAL_OK);
	portal_session_free(check);
	assert_int_equal(audited(p, "session.end", "revoked").n, 1);
	assert_int_equal(audited(p, "link.revoke", "ok").n, 1);
	/* Revoking a revoked link changes nothing. */
	TH_CHECK_REFUSED(p, "again", portal_link_revoke(p, id), PORTAL_OK, NULL);

	/* All: every link, and every session of the client, lookups' too. */
	assert_int_equal(portal_link_revoke_all(&count, p, alice), PORTAL_OK);
	assert_int_equal(count, 1);
	want(p, portal_session_check(&check, p, other->token, NULL), PORTAL_ENOTFOUND, "other");
	assert_non_null(strstr(portal_errmsg(p), "the shop ended your session"));
	assert_int_equal(get_link(p, id2).revoked_at, TH_NOW);
	assert_non_null(strstr(audited(p, "link.revoke", "ok").detail, "all links (1)"));
	portal_session_free(by_link);
	portal_session_free(other);
	portal_buf_dispose(&url);
}

static void test_link__access_off_ends_sessions_and_refuses_links(void **state)
{
	portal *p = *state;
	portal_session *s = NULL, *bobs = NULL, *check = NULL;
	portal_id id;
	char token[PORTAL_TOKEN_LEN + 1];

	snprintf(token, sizeof(token), "%s", new_link(p, &id, alice, 0, 0));
	assert_int_equal(portal_link_open(&s, p, token, NULL), PORTAL_OK);
	assert_int_equal(portal_link_open(&bobs, p, new_link(p, NULL, bob, 0, 0), NULL),
		PORTAL_OK);
	assert_int_equal(portal_client_set_access(p, alice, 0), PORTAL_OK);
	want(p, portal_session_check(&check, p, s->token, NULL), PORTAL_ENOTFOUND, "ended");
	assert_non_null(strstr(portal_errmsg(p), "portal access to this account is off"));
	assert_int_equal(audited(p, "session.end", "access_off").n, 1);
	assert_int_equal(audited(p, "access.off", "ok").client, alice);
	want(p, open_link(p, token), PORTAL_EDENIED, "link while off");
	assert_non_null(strstr(portal_errmsg(p), "please call the shop"));
	assert_int_equal(audited(p, "link.open", "denied").n, 1);
	/* Bob is not affected. */
	assert_int_equal(portal_session_check(&check, p, bobs->token, NULL), PORTAL_OK);
	portal_session_free(check);

	assert_int_equal(portal_client_set_access(p, alice, 1), PORTAL_OK);
	assert_int_equal(audited(p, "access.on", "ok").n, 1);
	want(p, open_link(p, token), PORTAL_OK, "link while on");
	/* The ended session stays ended. */
	want(p, portal_session_check(&check, p, s->token, NULL), PORTAL_ENOTFOUND, "still ended");
	portal_session_free(s);
	portal_session_free(bobs);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_link__create_gives_the_url_once_and_stores_no_token),
		T(test_link__expiry_counts_the_shops_days),
		T(test_link__bad_requests_change_nothing),
		T(test_link__open_gives_a_session_of_the_links_scope),
		T(test_link__unknown_expired_and_revoked_say_which),
		T(test_link__revoking_ends_the_sessions_it_opened),
		T(test_link__access_off_ends_sessions_and_refuses_links),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
