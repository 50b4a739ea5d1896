/* SPDX-License-Identifier: MIT */
/*
 * test_cgi_app.c - whole requests through portal.cgi's app_run() on the
 * demo shop: the security headers on every answer, errors included; the
 * lookup and its cookie; a POST without its CSRF token refused with
 * nothing changed; header values that could split a header refused.
 * (tests/cgi/ runs the same program behind a real lighttpd.)
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
#include "cgi_fake.h"
#include "app.h"

/* The demo shop's database and, on PostgreSQL, its name there. */
static char db[512];
static char shop[64];

static int setup(void **state)
{
	portal *p = th_open_demo();

	snprintf(db, sizeof(db), "%s", th_db_path());
	snprintf(shop, sizeof(shop), "%s", th_db_shop() ? th_db_shop() : "");
	portal_close(p);
	*state = NULL;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	th_cleanup();
	return 0;
}

/* Run one request; the whole answer as text (the caller frees it). The
 * demo shop's database goes with its shop's name; another has none. */
static char *run(const char *method, const char *path, const char *cookie,
	const char *body, const char *db_path)
{
	char length[24], *out = NULL;
	size_t len = 0;
	const char *vars[] = { "REQUEST_METHOD", method, "PATH_INFO", path,
		"PORTAL_DB", db_path, "PORTAL_SHOP", db_path == db ? shop : "",
		"PORTAL_NOW", "@1795359600", "REMOTE_ADDR", "127.0.0.1",
		"HTTP_HOST", "localhost", "CONTENT_TYPE", "application/x-www-form-urlencoded",
		"CONTENT_LENGTH", length, "HTTP_COOKIE", cookie, NULL };
	fake_request f = { vars, body, 0, 0 };
	request_source src = fake_source(&f);
	FILE *stream = open_memstream(&out, &len);

	snprintf(length, sizeof(length), "%zu", body ? strlen(body) : (size_t)0);
	assert_non_null(stream);
	assert_int_equal(app_run(&src, stream), 0);
	fclose(stream);
	return out;
}

static void assert_security_headers(const char *answer)
{
	static const char *const headers[] = {
		"\r\nContent-Security-Policy: default-src 'self'; object-src 'none'; "
		"base-uri 'none'; frame-ancestors 'none'; form-action 'self'\r\n",
		"\r\nX-Content-Type-Options: nosniff\r\n", "\r\nReferrer-Policy: no-referrer\r\n",
		"\r\nCache-Control: no-store\r\n", "\r\nX-Robots-Tag: noindex\r\n", NULL };

	for (size_t i = 0; headers[i]; i++)
		if (strstr(answer, headers[i]) == NULL)
			fail_msg("missing %s in:\n%.400s", headers[i], answer);
	assert_non_null(strstr(answer, "charset=utf-8\r\n"));
}

static void assert_status(const char *answer, const char *status)
{
	if (strncmp(answer, status, strlen(status)) != 0)
		fail_msg("want %s, got:\n%.300s", status, answer);
}

static void test_cgi_app__every_answer_carries_the_security_headers(void **state)
{
	static const struct { const char *method, *path, *status; } cases[] = {
		{ "GET", "/", "Status: 200 OK" },
		{ "GET", "/no/such/page", "Status: 404 Not Found" },
		{ "DELETE", "/", "Status: 405 Method Not Allowed" },
		{ "GET", "/portal", "Status: 303 See Other" },
		{ "GET", "/api/v1/dashboard", "Status: 401 Unauthorized" },
		{ "POST", "/logout", "Status: 403 Forbidden" },
		{ "G E T", "/", "Status: 400 Bad Request" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *answer = run(cases[i].method, cases[i].path, "", "", db);
		assert_status(answer, cases[i].status);
		assert_security_headers(answer);
		free(answer);
	}
}

static void test_cgi_app__no_database_is_500_with_the_headers(void **state)
{
	char *answer = run("GET", "/", "", "", "/nonexistent/portal.db");

	(void)state;
	assert_status(answer, "Status: 500 Internal Server Error");
	assert_security_headers(answer);
	assert_null(strstr(answer, "nonexistent"));
	free(answer);
}

static void test_cgi_app__a_lookup_sets_the_cookie_and_opens_the_portal(void **state)
{
	char *answer = run("POST", "/session", "", "invoice=10003&house=48", db), cookie[128];
	const char *set;

	(void)state;
	assert_status(answer, "Status: 303 See Other");
	assert_non_null(strstr(answer, "\r\nLocation: /portal\r\n"));
	set = strstr(answer, "\r\nSet-Cookie: __Host-portal=");
	assert_non_null(set);
	assert_non_null(strstr(set, "; Path=/; Secure; HttpOnly; SameSite=Strict\r\n"));
	snprintf(cookie, sizeof(cookie), "__Host-portal=%.*s", PORTAL_TOKEN_LEN,
		set + strlen("\r\nSet-Cookie: __Host-portal="));
	free(answer);

	answer = run("GET", "/portal", cookie, "", db);
	assert_status(answer, "Status: 200 OK");
	free(answer);
	answer = run("GET", "/api/v1/invoices", cookie, "", db);
	assert_status(answer, "Status: 200 OK");
	assert_non_null(strstr(answer, "Content-Type: application/json; charset=utf-8\r\n"));
	assert_non_null(strstr(answer, "\"view\":\t\"invoices\""));
	free(answer);

	/* A POST without the CSRF token changes nothing. */
	{
		char *before = th_fingerprint(db), *after;
		answer = run("POST", "/portal/chat", cookie, "text=hello", db);
		assert_status(answer, "Status: 403 Forbidden");
		after = th_fingerprint(db);
		assert_string_equal(before, after);
		free(before);
		free(after);
		free(answer);
	}
}

static void test_cgi_app__header_values_never_split(void **state)
{
	response r;

	(void)state;
	response_init(&r);
	assert_int_equal(response_add_header(&r, "Location", "/a\r\nSet-Cookie: x=1"), -1);
	assert_int_equal(response_add_header(&r, "Location", "/a\nb"), -1);
	assert_int_equal(response_redirect(&r, "//evil.example/"), -1);
	assert_int_equal(response_redirect(&r, "https://evil.example/"), -1);
	assert_int_equal(r.header_count, 0);
	assert_int_equal(response_redirect(&r, "/portal"), 0);
	assert_string_equal(response_get_header(&r, "Location"), "/portal");
	response_free(&r);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_cgi_app__every_answer_carries_the_security_headers),
		T(test_cgi_app__no_database_is_500_with_the_headers),
		T(test_cgi_app__a_lookup_sets_the_cookie_and_opens_the_portal),
		T(test_cgi_app__header_values_never_split),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
