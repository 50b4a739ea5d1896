/* SPDX-License-Identifier: MIT */
/*
 * test_session.c - unit tests for sessions (session.c): the check on
 * every request, idle and absolute timeouts, logout, CSRF tokens, and
 * that no token is ever stored or logged in clear.
 *
 * Defaults: a session ends after 30 minutes without a request, and 12
 * hours after it opened.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "fixtures.h"

#define MINUTE ((portal_time)60)
#define HOUR (60 * MINUTE)

static portal_id alice, bob;

static int setup(void **state)
{
	portal *p = th_open();
	portal_id inv;

	alice = th_add_client(p, "Alice Martin");
	bob = th_add_client(p, "Bob Chen");
	/* Invoice 10001 at 120 King St W: what open_session() looks up. */
	th_add_address(p, alice, "120", "King St W", NULL);
	inv = th_add_invoice(p, alice, 0, NULL);
	th_add_invoice_line(p, inv, PORTAL_LINE_LABOUR, NULL, 10000, -1);
	th_issue_invoice(p, inv, 0, 0);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

/* A session of Alice's, opened by a lookup. */
static portal_session *open_session(portal *p)
{
	portal_session *s = NULL;
	int rc = portal_lookup(&s, p, "10001", "120", "203.0.113.7");

	if (rc != PORTAL_OK)
		fail_msg("lookup: %d (%s)", rc, portal_errmsg(p));
	return s;
}

/* portal_session_check's code; a session it returns is freed. */
static int check(portal *p, const char *token)
{
	portal_session *s = NULL;
	int rc = portal_session_check(&s, p, token, "203.0.113.8");

	if (rc == PORTAL_OK)
		assert_non_null(s);
	else
		assert_null(s);
	portal_session_free(s);
	return rc;
}

static void want(portal *p, int rc, int expected, const char *what)
{
	if (rc != expected)
		fail_msg("%s: got %d (%s), want %d", what, rc, portal_errmsg(p), expected);
}

typedef struct counter {
	const char *event, *outcome;
	int n;
} counter;

static int count_entry(const portal_audit_entry *e, void *ctx)
{
	counter *c = ctx;

	if (strcmp(e->event, c->event) == 0 && strcmp(e->outcome, c->outcome) == 0)
		c->n++;
	return 0;
}

static int audited(portal *p, const char *event, const char *outcome)
{
	counter c = { event, outcome, 0 };

	assert_int_equal(portal_audit_foreach(p, NULL, count_entry, &c), PORTAL_OK);
	return c.n;
}

/* ---------------------------------------------------------------------
 * The check on every request.
 */

static void test_session__check_renews_and_fills_the_session(void **state)
{
	portal *p = *state;
	portal_session *s = open_session(p), *c = NULL;

	assert_int_equal(portal_client_set_sections(p, alice,
		PORTAL_SECTIONS_ALL & ~PORTAL_SECTION_CHAT), PORTAL_OK);
	portal_set_now(p, TH_NOW + 20 * MINUTE);
	assert_int_equal(portal_session_check(&c, p, s->token, "203.0.113.8"), PORTAL_OK);
	assert_int_equal(c->id, s->id);
	assert_int_equal(c->client_id, alice);
	assert_string_equal(c->token, s->token);
	assert_string_equal(c->csrf, s->csrf);
	assert_int_equal(c->sections, PORTAL_SECTIONS_ALL & ~PORTAL_SECTION_CHAT);
	assert_int_equal(c->created_at, TH_NOW);
	assert_int_equal(c->last_seen_at, TH_NOW + 20 * MINUTE);
	assert_int_equal(c->expires_at, TH_NOW + 50 * MINUTE);
	assert_string_equal(c->source, "203.0.113.8");
	portal_session_free(c);
	portal_session_free(s);
}

/* The last_seen_at of session `id` as stored, read through another
 * connection; -1 when there is no such session. */
static portal_time stored_last_seen(portal_id id)
{
	return th_sql_int("SELECT last_seen_at FROM sessions WHERE id = ?1", id);
}

/* Within a minute of its last renewal a check writes nothing (no write
 * lock for the pages of a session); a minute on, it renews the timer. */
static void test_session__renewed_once_a_minute(void **state)
{
	portal *p = *state;
	portal_session *s = open_session(p), *c = NULL;
	char *before = th_fingerprint(th_db_path()), *after;

	portal_set_now(p, TH_NOW + 59);
	assert_int_equal(portal_session_check(&c, p, s->token, "203.0.113.8"), PORTAL_OK);
	assert_int_equal(c->id, s->id);
	assert_string_equal(c->csrf, s->csrf);
	assert_string_equal(c->source, "203.0.113.8");
	assert_int_equal(c->last_seen_at, TH_NOW);
	assert_int_equal(c->expires_at, TH_NOW + 30 * MINUTE);
	portal_session_free(c);
	after = th_fingerprint(th_db_path());
	assert_string_equal(before, after);
	free(after);
	assert_int_equal(stored_last_seen(s->id), TH_NOW);
	portal_set_now(p, TH_NOW + MINUTE);
	assert_int_equal(portal_session_check(&c, p, s->token, NULL), PORTAL_OK);
	assert_int_equal(c->last_seen_at, TH_NOW + MINUTE);
	assert_int_equal(c->expires_at, TH_NOW + 31 * MINUTE);
	portal_session_free(c);
	assert_int_equal(stored_last_seen(s->id), TH_NOW + MINUTE);
	free(before);
	/* An ended session is refused without the renewal being due. */
	assert_int_equal(portal_session_end(p, s->token, NULL), PORTAL_OK);
	portal_set_now(p, TH_NOW + MINUTE + 1);
	want(p, check(p, s->token), PORTAL_ENOTFOUND, "after logout");
	portal_session_free(s);
}

static void test_session__unknown_tokens_change_nothing(void **state)
{
	portal *p = *state;
	portal_session *s = NULL;

	TH_CHECK_REFUSED(p, "unknown", portal_session_check(&s, p,
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL), PORTAL_ENOTFOUND, NULL);
	assert_null(s);
	assert_non_null(strstr(portal_errmsg(p), "look up your invoice again"));
	TH_CHECK_REFUSED(p, "NULL", portal_session_check(&s, p, NULL, NULL),
		PORTAL_ENOTFOUND, NULL);
	TH_CHECK_REFUSED(p, "too long", portal_session_check(&s, p,
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", NULL), PORTAL_ENOTFOUND, NULL);
	/* The last character carries 2 unused bits: "B" sets one of them. */
	TH_CHECK_REFUSED(p, "non-canonical", portal_session_check(&s, p,
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB", NULL), PORTAL_ENOTFOUND, NULL);
	TH_CHECK_REFUSED(p, "not base64url", portal_session_check(&s, p,
		"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+A", NULL), PORTAL_ENOTFOUND, NULL);
	TH_CHECK_REFUSED(p, "logout of nothing", portal_session_end(p, "x", NULL),
		PORTAL_ENOTFOUND, NULL);
}

static void test_session__idle_timeout(void **state)
{
	portal *p = *state;
	portal_session *s = open_session(p);

	portal_set_now(p, TH_NOW + 29 * MINUTE + 59);
	want(p, check(p, s->token), PORTAL_OK, "29:59 idle");
	/* The timer restarted at 29:59. */
	portal_set_now(p, TH_NOW + 59 * MINUTE + 58);
	want(p, check(p, s->token), PORTAL_OK, "29:59 idle again");
	portal_set_now(p, TH_NOW + 89 * MINUTE + 58);
	want(p, check(p, s->token), PORTAL_ENOTFOUND, "30 minutes idle");
	assert_non_null(strstr(portal_errmsg(p), "after 30 minutes without activity"));
	assert_int_equal(audited(p, "session.end", "idle"), 1);
	/* Ended for good, and said why. */
	portal_set_now(p, TH_NOW + 90 * MINUTE);
	want(p, check(p, s->token), PORTAL_ENOTFOUND, "later");
	assert_non_null(strstr(portal_errmsg(p), "without activity"));
	assert_int_equal(audited(p, "session.end", "idle"), 1);
	portal_session_free(s);
}

static void test_session__absolute_timeout(void **state)
{
	portal *p = *state;
	portal_session *s = open_session(p), *c = NULL;
	portal_time t;

	for (t = TH_NOW + 20 * MINUTE; t < TH_NOW + 12 * HOUR; t += 20 * MINUTE) {
		portal_set_now(p, t);
		want(p, check(p, s->token), PORTAL_OK, "in use");
	}
	/* Near the end, the absolute limit comes before the idle one. */
	portal_set_now(p, TH_NOW + 12 * HOUR - 10 * MINUTE);
	assert_int_equal(portal_session_check(&c, p, s->token, NULL), PORTAL_OK);
	assert_int_equal(c->expires_at, TH_NOW + 12 * HOUR);
	portal_session_free(c);
	portal_set_now(p, TH_NOW + 12 * HOUR);
	want(p, check(p, s->token), PORTAL_ENOTFOUND, "12 hours");
	assert_non_null(strstr(portal_errmsg(p), "expired 12 hours after it opened"));
	assert_int_equal(audited(p, "session.end", "expired"), 1);
	portal_session_free(s);
}

static void test_session__logout(void **state)
{
	portal *p = *state;
	portal_session *s = open_session(p), *other = open_session(p);

	assert_int_equal(portal_session_end(p, s->token, "203.0.113.7"), PORTAL_OK);
	assert_int_equal(audited(p, "session.end", "logout"), 1);
	want(p, check(p, s->token), PORTAL_ENOTFOUND, "after logout");
	assert_non_null(strstr(portal_errmsg(p), "you logged out"));
	want(p, portal_session_end(p, s->token, NULL), PORTAL_ENOTFOUND, "twice");
	want(p, check(p, other->token), PORTAL_OK, "the other session");
	portal_session_free(s);
	portal_session_free(other);
}

static void test_session__csrf(void **state)
{
	portal *p = *state;
	portal_session *s = open_session(p), *other = open_session(p);
	char wrong[PORTAL_TOKEN_LEN + 1];

	assert_int_equal(strlen(s->csrf), PORTAL_TOKEN_LEN);
	assert_string_not_equal(s->csrf, s->token);
	assert_true(portal_session_csrf_ok(s, s->csrf));
	snprintf(wrong, sizeof(wrong), "%s", s->csrf);
	wrong[5] = wrong[5] == 'A' ? 'B' : 'A';
	assert_false(portal_session_csrf_ok(s, wrong));
	assert_false(portal_session_csrf_ok(s, NULL));
	assert_false(portal_session_csrf_ok(NULL, s->csrf));
	assert_false(portal_session_csrf_ok(s, ""));
	assert_false(portal_session_csrf_ok(s, s->token));
	wrong[PORTAL_TOKEN_LEN - 1] = '\0';
	assert_false(portal_session_csrf_ok(s, wrong));
	assert_false(portal_session_csrf_ok(s, other->csrf));
	assert_false(portal_session_csrf_ok(other, s->csrf));
	assert_true(portal_session_csrf_ok(other, other->csrf));
	portal_session_free(s);
	portal_session_free(other);
}

/* ---------------------------------------------------------------------
 * No token in clear, anywhere.
 */

static int contains(const unsigned char *hay, size_t n, const void *needle, size_t len)
{
	for (size_t i = 0; hay != NULL && i + len <= n; i++)
		if (memcmp(hay + i, needle, len) == 0)
			return 1;
	return 0;
}

/* Is `token` in the database files, as text or as its 32 bytes? The
 * files of a SQLite shop are read whole, what was deleted in them too; a
 * shop on a server is read as every row it has, bytes in hex. */
static int stored(const char *token)
{
	unsigned char raw[32];
	size_t raw_len = 0, n;
	char path[256], hex[65], *rows;
	int found = 0;

	assert_int_equal(sodium_base642bin(raw, sizeof(raw), token, strlen(token), NULL, &raw_len,
		NULL, sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
	assert_int_equal(raw_len, 32);
	for (int i = 0; i < 2 && !th_on_pg(); i++) {
		unsigned char *bytes;

		snprintf(path, sizeof(path), "%s%s", th_db_path(), i ? "-wal" : "");
		bytes = th_read_file(path, &n);
		found |= contains(bytes, n, token, strlen(token)) || contains(bytes, n, raw, 32);
		free(bytes);
	}
	for (size_t i = 0; i < raw_len; i++)
		snprintf(hex + 2 * i, 3, "%02x", raw[i]);
	rows = th_fingerprint(th_db_path());
	found |= strstr(rows, token) != NULL || strstr(rows, hex) != NULL;
	free(rows);
	return found;
}

typedef struct secrets {
	const char *tokens[4];
	int entries;
} secrets;

static int no_token_in(const portal_audit_entry *e, void *ctx)
{
	secrets *s = ctx;

	s->entries++;
	for (int i = 0; i < 4; i++) {
		if (strstr(e->detail, s->tokens[i]) || strstr(e->source, s->tokens[i]))
			fail_msg("%s %s logs a token: %s", e->event, e->outcome, e->detail);
	}
	return 0;
}

/* A form with the wrong token is refused before anything is touched: the
 * idle timer does not restart, so a forged POST cannot keep a session
 * alive, and the database is as it was. */
static void test_session__refused_form_changes_nothing(void **state)
{
	portal *p = *state;
	portal_session *s = open_session(p), *c = NULL;
	char wrong[PORTAL_TOKEN_LEN + 1];

	snprintf(wrong, sizeof(wrong), "%s", s->csrf);
	wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
	portal_set_now(p, TH_NOW + 20 * MINUTE);
	TH_CHECK_REFUSED(p, "wrong form token",
		portal_session_check_form(&c, p, s->token, wrong, "203.0.113.8"), PORTAL_EDENIED, NULL);
	assert_null(c);
	TH_CHECK_REFUSED(p, "missing form token",
		portal_session_check_form(&c, p, s->token, NULL, "203.0.113.8"), PORTAL_EDENIED, NULL);
	TH_CHECK_REFUSED(p, "another session's form token",
		portal_session_check_form(&c, p, s->token, s->token, "203.0.113.8"), PORTAL_EDENIED, NULL);
	/* The session still ends 30 minutes after the lookup, not after the forms. */
	portal_set_now(p, TH_NOW + 29 * MINUTE);
	want(p, portal_session_check_form(&c, p, s->token, s->csrf, "203.0.113.8"), PORTAL_OK,
		"the right form token");
	assert_int_equal(c->last_seen_at, TH_NOW + 29 * MINUTE);
	portal_session_free(c);
	portal_set_now(p, TH_NOW + 60 * MINUTE);
	want(p, portal_session_check_form(&c, p, s->token, s->csrf, "203.0.113.8"),
		PORTAL_ENOTFOUND, "an idle session with the right form token");
	portal_session_free(s);
}

static void test_session__tokens_are_never_stored_or_logged(void **state)
{
	portal *p = *state;
	portal_buf url = PORTAL_BUF_INIT, log = PORTAL_BUF_INIT;
	portal_session *by_link = NULL, *by_lookup = open_session(p), *c = NULL;
	secrets s;

	assert_int_equal(portal_link_create(&url, NULL, p, alice, NULL), PORTAL_OK);
	s.tokens[0] = strstr(url.ptr, "/k/") + 3;
	assert_int_equal(portal_link_open(&by_link, p, s.tokens[0], "203.0.113.9"), PORTAL_OK);
	s.tokens[1] = by_link->token;
	s.tokens[2] = by_link->csrf;
	s.tokens[3] = by_lookup->token;
	portal_set_now(p, TH_NOW + MINUTE);
	assert_int_equal(portal_session_check(&c, p, by_link->token, NULL), PORTAL_OK);
	assert_int_equal(portal_session_end(p, by_lookup->token, NULL), PORTAL_OK);
	assert_int_equal(portal_link_revoke_all(NULL, p, alice), PORTAL_OK);

	for (int i = 0; i < 4; i++)
		if (stored(s.tokens[i]))
			fail_msg("token %d is in the shop's database", i);
	if (stored(by_lookup->csrf))
		fail_msg("the lookup session's CSRF token is in the shop's database");
	s.entries = 0;
	assert_int_equal(portal_audit_foreach(p, NULL, no_token_in, &s), PORTAL_OK);
	/* lookup + session.open, link.create, link.open + session.open,
	 * session.end (logout), link.revoke + session.end (revoked). */
	assert_int_equal(s.entries, 8);
	assert_int_equal(audited(p, "session.open", "ok"), 2);
	assert_int_equal(portal_audit_json(&log, p, NULL), PORTAL_OK);
	assert_false(th_contains(&log, s.tokens[0]));
	assert_false(th_contains(&log, s.tokens[1]));
	portal_buf_dispose(&log);
	portal_buf_dispose(&url);
	portal_session_free(c);
	portal_session_free(by_link);
	portal_session_free(by_lookup);
}

static void test_session__free_accepts_null(void **state)
{
	(void)state;
	portal_session_free(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_session__check_renews_and_fills_the_session),
		T(test_session__renewed_once_a_minute),
		T(test_session__unknown_tokens_change_nothing),
		T(test_session__idle_timeout),
		T(test_session__absolute_timeout),
		T(test_session__logout),
		T(test_session__csrf),
		T(test_session__refused_form_changes_nothing),
		T(test_session__tokens_are_never_stored_or_logged),
		T(test_session__free_accepts_null),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
