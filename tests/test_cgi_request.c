/* SPDX-License-Identifier: MIT */
/*
 * test_cgi_request.c - portal.cgi's request parser (cgi/request.c,
 * cgi/decode.c): RFC 3875 variables, strict percent-decoding, forms,
 * cookies and the limits, each refused with the status the portal
 * answers.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi_fake.h"
#include "decode.h"

/* Parse the request of `vars` and `body`; the status (0 when parsed). */
static int parse(request *r, const char *const *vars, const char *body)
{
	fake_request f = { vars, body, 0, 0 };
	request_source src = fake_source(&f);
	const char *why = NULL;
	int status;

	*r = (request)REQUEST_INIT;
	status = request_parse(r, &src, &why);
	assert_non_null(why);
	if (status != 0)
		assert_true(strlen(why) > 0);
	return status;
}

static int status_of(const char *const *vars, const char *body)
{
	request r;
	int status = parse(&r, vars, body);

	request_free(&r);
	return status;
}

static void test_cgi_request__a_get_with_path_info_and_query(void **state)
{
	static const char *const vars[] = { "REQUEST_METHOD", "GET",
		"PATH_INFO", "/portal/invoice/10231", "QUERY_STRING", "done=sent&x=a+b%21&flag",
		"HTTP_HOST", "portal.example.com", "REMOTE_ADDR", "203.0.113.7",
		"HTTP_ORIGIN", "https://portal.example.com", "HTTPS", "on",
		"HTTP_SEC_FETCH_SITE", "same-origin", "SERVER_PORT", "8080",
		"HTTP_X_FORWARDED_PROTO", "https", "HTTP_X_FORWARDED_HOST", "portal.example.com",
		NULL };
	request r;

	(void)state;
	assert_int_equal(parse(&r, vars, NULL), 0);
	assert_string_equal(r.method, "GET");
	assert_string_equal(r.path, "/portal/invoice/10231");
	assert_string_equal(r.raw_path, "/portal/invoice/10231");
	assert_string_equal(request_query(&r, "done"), "sent");
	assert_string_equal(request_query(&r, "x"), "a b!");
	assert_string_equal(request_query(&r, "flag"), "");
	assert_null(request_query(&r, "missing"));
	assert_string_equal(r.host, "portal.example.com");
	assert_string_equal(r.remote_addr, "203.0.113.7");
	assert_string_equal(r.origin, "https://portal.example.com");
	assert_string_equal(r.fetch_site, "same-origin");
	assert_string_equal(r.server_port, "8080");
	assert_string_equal(r.forwarded_proto, "https");
	assert_string_equal(r.forwarded_host, "portal.example.com");
	assert_true(r.https);
	assert_true(request_is_get(&r));
	request_free(&r);
}

static void test_cgi_request__the_path_comes_from_request_uri_without_path_info(void **state)
{
	static const char *const vars[] = { "REQUEST_METHOD", "HEAD",
		"REQUEST_URI", "/k/abc%2Ddef?done=logout", NULL };
	request r;

	(void)state;
	assert_int_equal(parse(&r, vars, NULL), 0);
	assert_string_equal(r.path, "/k/abc-def");
	/* Routes match the path as sent, so an escaped '/' stays one. */
	assert_string_equal(r.raw_path, "/k/abc%2Ddef");
	assert_string_equal(request_query(&r, "done"), "logout");
	assert_true(request_is_get(&r));
	assert_false(r.https);
	request_free(&r);
}

static void test_cgi_request__bad_escapes_and_nul_are_refused(void **state)
{
	static const char *const bad_uris[] = { "/a%", "/a%4", "/a%zz", "/a%00b", "/a%0Ab",
		"relative", NULL };
	static const char *const bad_queries[] = { "a=%", "a=%G1", "a=%00", "%=1", "a=%1f",
		NULL };

	(void)state;
	for (size_t i = 0; bad_uris[i]; i++) {
		const char *const vars[] = { "REQUEST_METHOD", "GET", "REQUEST_URI", bad_uris[i],
			NULL };
		assert_int_equal(status_of(vars, NULL), 400);
	}
	for (size_t i = 0; bad_queries[i]; i++) {
		const char *const vars[] = { "REQUEST_METHOD", "GET", "PATH_INFO", "/",
			"QUERY_STRING", bad_queries[i], NULL };
		assert_int_equal(status_of(vars, NULL), 400);
	}
}

static void test_cgi_request__a_missing_or_malformed_method_is_400(void **state)
{
	static const char *const none[] = { "PATH_INFO", "/", NULL };
	static const char *const empty[] = { "REQUEST_METHOD", "", "PATH_INFO", "/", NULL };
	static const char *const spaced[] = { "REQUEST_METHOD", "GE T", "PATH_INFO", "/", NULL };
	static const char *const longer[] = { "REQUEST_METHOD", "AVERYLONGMETHODNAME",
		"PATH_INFO", "/", NULL };
	static const char *const other[] = { "REQUEST_METHOD", "BREW", "PATH_INFO", "/", NULL };

	(void)state;
	assert_int_equal(status_of(none, NULL), 400);
	assert_int_equal(status_of(empty, NULL), 400);
	assert_int_equal(status_of(spaced, NULL), 400);
	assert_int_equal(status_of(longer, NULL), 400);
	/* A well-formed method the portal does not serve is the router's 405. */
	assert_int_equal(status_of(other, NULL), 0);
}

static void test_cgi_request__a_form_is_decoded(void **state)
{
	static const char *const vars[] = { "REQUEST_METHOD", "POST", "PATH_INFO", "/portal/chat",
		"CONTENT_TYPE", "application/x-www-form-urlencoded; charset=UTF-8",
		"CONTENT_LENGTH", "42", NULL };
	request r;

	(void)state;
	assert_int_equal(parse(&r, vars, "csrf=tok&text=Hello%2C+world%0D%0Ab&text=2"), 0);
	assert_string_equal(request_form(&r, "csrf"), "tok");
	/* The first of a repeated field counts; newlines stay. */
	assert_string_equal(request_form(&r, "text"), "Hello, world\r\nb");
	assert_true(request_is_post(&r));
	request_free(&r);
}

static void test_cgi_request__a_post_that_is_not_a_form_is_415(void **state)
{
	static const char *const types[] = { "application/json", "multipart/form-data; boundary=x",
		"text/plain", "application/x-www-form-urlencodedx", NULL };

	(void)state;
	for (size_t i = 0; types[i]; i++) {
		const char *const vars[] = { "REQUEST_METHOD", "POST", "PATH_INFO", "/session",
			"CONTENT_TYPE", types[i], "CONTENT_LENGTH", "3", NULL };
		assert_int_equal(status_of(vars, "a=1"), 415);
	}
	{
		const char *const vars[] = { "REQUEST_METHOD", "POST", "PATH_INFO", "/session",
			"CONTENT_LENGTH", "3", NULL };
		assert_int_equal(status_of(vars, "a=1"), 415);
	}
}

static void test_cgi_request__a_body_over_64_kib_is_413(void **state)
{
	static const char *const vars[] = { "REQUEST_METHOD", "POST", "PATH_INFO", "/session",
		"CONTENT_TYPE", "application/x-www-form-urlencoded", "CONTENT_LENGTH", "65537",
		NULL };
	static const char *const huge[] = { "REQUEST_METHOD", "POST", "PATH_INFO", "/session",
		"CONTENT_TYPE", "application/x-www-form-urlencoded",
		"CONTENT_LENGTH", "99999999999999999999999", NULL };
	static const char *const bad[] = { "REQUEST_METHOD", "POST", "PATH_INFO", "/session",
		"CONTENT_TYPE", "application/x-www-form-urlencoded", "CONTENT_LENGTH", "-1", NULL };
	static const char *const short_body[] = { "REQUEST_METHOD", "POST", "PATH_INFO",
		"/session", "CONTENT_TYPE", "application/x-www-form-urlencoded",
		"CONTENT_LENGTH", "10", NULL };

	(void)state;
	assert_int_equal(status_of(vars, NULL), 413);
	assert_int_equal(status_of(huge, NULL), 400);
	assert_int_equal(status_of(bad, NULL), 400);
	assert_int_equal(status_of(short_body, "a=1"), 400);
}

static void test_cgi_request__a_body_of_exactly_64_kib_is_read(void **state)
{
	static const char *const vars[] = { "REQUEST_METHOD", "POST", "PATH_INFO", "/portal/chat",
		"CONTENT_TYPE", "application/x-www-form-urlencoded", "CONTENT_LENGTH", "65536",
		NULL };
	char *body = malloc(REQUEST_BODY_MAX + 1);
	request r;

	(void)state;
	memcpy(body, "text=", 5);
	memset(body + 5, 'x', REQUEST_BODY_MAX - 5);
	body[REQUEST_BODY_MAX] = '\0';
	assert_int_equal(parse(&r, vars, body), 0);
	assert_int_equal(strlen(request_form(&r, "text")), REQUEST_BODY_MAX - 5);
	request_free(&r);
	free(body);
}

static void test_cgi_request__cookies_are_split_and_unquoted(void **state)
{
	static const char *const vars[] = { "REQUEST_METHOD", "GET", "PATH_INFO", "/",
		"HTTP_COOKIE", "a=1;  __Host-portal=\"tok\" ; junk; b=x%41y; a=2", NULL };
	request r;

	(void)state;
	assert_int_equal(parse(&r, vars, NULL), 0);
	assert_string_equal(request_cookie(&r, "a"), "1");
	assert_string_equal(request_cookie(&r, "__Host-portal"), "tok");
	/* Cookie values are not percent-decoded. */
	assert_string_equal(request_cookie(&r, "b"), "x%41y");
	assert_null(request_cookie(&r, "junk"));
	request_free(&r);
}

static void test_cgi_request__huge_cookies_and_too_many_fields_are_400(void **state)
{
	char *cookie = malloc(REQUEST_COOKIE_MAX + 10), query[1024] = "";
	request r;

	(void)state;
	memset(cookie, 'c', REQUEST_COOKIE_MAX + 9);
	memcpy(cookie, "a=", 2);
	cookie[REQUEST_COOKIE_MAX + 9] = '\0';
	{
		const char *const vars[] = { "REQUEST_METHOD", "GET", "PATH_INFO", "/",
			"HTTP_COOKIE", cookie, NULL };
		assert_int_equal(parse(&r, vars, NULL), 400);
		request_free(&r);
	}
	free(cookie);
	for (int i = 0; i <= REQUEST_PARAMS_MAX; i++)
		snprintf(query + strlen(query), sizeof(query) - strlen(query), "p%d=1&", i);
	{
		const char *const vars[] = { "REQUEST_METHOD", "GET", "PATH_INFO", "/",
			"QUERY_STRING", query, NULL };
		assert_int_equal(status_of(vars, NULL), 400);
	}
}

static void test_cgi_request__decoding_is_strict(void **state)
{
	char *out = NULL;

	(void)state;
	assert_int_equal(decode_percent(&out, "a%20b+c", 7, 1), 0);
	assert_string_equal(out, "a b c");
	free(out);
	assert_int_equal(decode_percent(&out, "a+b", 3, 0), 0);
	assert_string_equal(out, "a+b");
	free(out);
	assert_int_equal(decode_percent(&out, "%e2%82%ac", 9, 1), 0);
	assert_string_equal(out, "\xe2\x82\xac");
	free(out);
	assert_int_equal(decode_percent(&out, "%7f", 3, 1), -1);
	assert_null(out);
	/* The escape must lie inside the given length. */
	assert_int_equal(decode_percent(&out, "%41", 2, 1), -1);
	assert_null(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cgi_request__a_get_with_path_info_and_query),
		cmocka_unit_test(test_cgi_request__the_path_comes_from_request_uri_without_path_info),
		cmocka_unit_test(test_cgi_request__bad_escapes_and_nul_are_refused),
		cmocka_unit_test(test_cgi_request__a_missing_or_malformed_method_is_400),
		cmocka_unit_test(test_cgi_request__a_form_is_decoded),
		cmocka_unit_test(test_cgi_request__a_post_that_is_not_a_form_is_415),
		cmocka_unit_test(test_cgi_request__a_body_over_64_kib_is_413),
		cmocka_unit_test(test_cgi_request__a_body_of_exactly_64_kib_is_read),
		cmocka_unit_test(test_cgi_request__cookies_are_split_and_unquoted),
		cmocka_unit_test(test_cgi_request__huge_cookies_and_too_many_fields_are_400),
		cmocka_unit_test(test_cgi_request__decoding_is_strict),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
