/* SPDX-License-Identifier: MIT */
/*
 * test_cgi_app_session.c - the Origin check of every POST
 * (cgi/app_session.c): origins compared as scheme, host and port, with
 * the web servers' ways of passing them (nginx's $host without the port,
 * a TLS-terminating proxy), the shop's portal_url as the authority, and
 * the forwarded headers believed only from the shop's trusted_proxy.
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
#include "cgi_fake.h"
#include "app.h"

/* The most variables a case sets, as "NAME", "value" pairs. */
#define MAX_VARS 12

/* A POST's variables: REQUEST_METHOD and the form's, then `extra`
 * ("NAME", "value", ..., NULL). */
static void post_vars(const char **vars, const char *const *extra)
{
	size_t n = 0;

	vars[n++] = "REQUEST_METHOD";
	vars[n++] = "POST";
	vars[n++] = "PATH_INFO";
	vars[n++] = "/session";
	vars[n++] = "CONTENT_TYPE";
	vars[n++] = "application/x-www-form-urlencoded";
	for (size_t i = 0; extra[i] != NULL; i++) {
		assert_true(n < 2 * MAX_VARS);
		vars[n++] = extra[i];
	}
	vars[n] = NULL;
}

/* Whether the POST of `extra` passes the Origin check, the shop's
 * settings given as app_origin_ok() reads them. */
static int matches(const char *public_url, int via_proxy, const char *const *extra)
{
	const char *vars[2 * MAX_VARS + 1];
	fake_request f = { vars, "", 0, 0 };
	request_source src;
	request r = REQUEST_INIT;
	const char *why;
	int ok;

	post_vars(vars, extra);
	src = fake_source(&f);
	assert_int_equal(request_parse(&r, &src, &why), 0);
	ok = app_origin_matches(&r, public_url, via_proxy);
	request_free(&r);
	return ok;
}

#define VARS(...) ((const char *const[]){ __VA_ARGS__, NULL })
#define ACCEPTED(url, proxy, ...) assert_true(matches(url, proxy, VARS(__VA_ARGS__)))
#define REFUSED(url, proxy, ...) assert_false(matches(url, proxy, VARS(__VA_ARGS__)))

static void test_cgi_app_session__nginx_host_without_its_port_is_on_server_port(void **state)
{
	(void)state;
	/* Debian 12's fastcgi_params: HTTP_HOST is $host, the port is SERVER_PORT. */
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "http://127.0.0.1:8080", "HTTP_HOST", "127.0.0.1",
		"SERVER_PORT", "8080");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "http://127.0.0.1:8081", "HTTP_HOST", "127.0.0.1",
		"SERVER_PORT", "8080");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "http://127.0.0.1", "HTTP_HOST", "127.0.0.1",
		"SERVER_PORT", "8080");
	/* A port in the Host wins over the server's own. */
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "http://localhost:8080", "HTTP_HOST", "localhost:8080",
		"SERVER_PORT", "80");
	/* Without SERVER_PORT, or with one that is no port: the scheme's. */
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "http://portal.example.com",
		"HTTP_HOST", "portal.example.com");
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "http://portal.example.com",
		"HTTP_HOST", "portal.example.com", "SERVER_PORT", "eighty");
}

static void test_cgi_app_session__default_ports_are_written_out(void **state)
{
	(void)state;
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "http://portal.example.com",
		"HTTP_HOST", "portal.example.com:80");
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "http://portal.example.com:80",
		"HTTP_HOST", "portal.example.com");
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "https://portal.example.com", "HTTPS", "on",
		"HTTP_HOST", "portal.example.com", "SERVER_PORT", "443");
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "https://portal.example.com:443",
		"REQUEST_SCHEME", "https", "HTTP_HOST", "portal.example.com");
	/* The same host and port under the other scheme is another site. */
	REFUSED(NULL, 0, "HTTP_ORIGIN", "http://portal.example.com:443", "HTTPS", "on",
		"HTTP_HOST", "portal.example.com");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "https://portal.example.com",
		"HTTP_HOST", "portal.example.com", "SERVER_PORT", "443");
}

static void test_cgi_app_session__hosts_compare_in_any_case(void **state)
{
	(void)state;
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "http://portal.example.com:8080",
		"HTTP_HOST", "PORTAL.Example.COM:8080");
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "HTTPS://Portal.Example.Com", "HTTPS", "on",
		"HTTP_HOST", "portal.example.com");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "http://portal.example.co", "HTTP_HOST",
		"portal.example.com");
}

static void test_cgi_app_session__an_ipv6_literal_is_one_host(void **state)
{
	(void)state;
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "http://[::1]:8080", "HTTP_HOST", "[::1]:8080");
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "http://[::1]:8080", "HTTP_HOST", "[::1]",
		"SERVER_PORT", "8080");
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "http://[2001:db8::1]",
		"HTTP_HOST", "[2001:DB8:0::1]");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "http://[::1]:8080", "HTTP_HOST", "[::2]:8080");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "http://[::1]:8080", "HTTP_HOST", "[::1]:8081");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "http://[::1:8080", "HTTP_HOST", "[::1]:8080");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "http://[nothost]:8080", "HTTP_HOST", "[nothost]:8080");
}

static void test_cgi_app_session__evil_origins_are_refused(void **state)
{
	static const char *const evil[] = {
		"http://127.0.0.1:8080.evil.example", "http://127.0.0.1:80801",
		"http://a@127.0.0.1:8080", "http://127.0.0.1:8080@evil.example",
		"http://evil.example", "http://127.0.0.1:8080/", "http://127.0.0.1:8080/x",
		"http://127.0.0.1:", "http://127.0.0.1:0", "http://127.0.0.1:+8080",
		"http://127.0.0.1:-8080", "ftp://127.0.0.1:8080", "//127.0.0.1:8080",
		"127.0.0.1:8080", "http://", "http://127.0.0.1%3a8080", "http://127.0.0.1 :8080",
		"https://127.0.0.1:8080", "", "null ", "NULL",
	};
	const char *vars[] = { "HTTP_ORIGIN", NULL, "HTTP_HOST", "127.0.0.1:8080",
		"SERVER_PORT", "8080", "HTTP_SEC_FETCH_SITE", "same-origin", NULL };

	(void)state;
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "http://127.0.0.1:8080", "HTTP_HOST", "127.0.0.1:8080");
	for (size_t i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
		vars[1] = evil[i];
		/* An empty Origin is no Origin (CGI drops empty variables). */
		if (evil[i][0] == '\0')
			continue;
		if (matches(NULL, 0, vars))
			fail_msg("accepted Origin '%s'", evil[i]);
		if (matches("http://127.0.0.1:8080", 1, vars))
			fail_msg("accepted Origin '%s' against portal_url", evil[i]);
	}
	/* A Host that is not one gives the request no origin to match. */
	REFUSED(NULL, 0, "HTTP_ORIGIN", "http://a", "HTTP_HOST", "a@");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "http://127.0.0.1:8080", "HTTP_HOST",
		"127.0.0.1:8080.evil.example");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "http://127.0.0.1:8080");
}

static void test_cgi_app_session__the_trusted_proxy_says_the_scheme(void **state)
{
	(void)state;
	/* TLS ends at the proxy: the request reaches the server as http. */
	ACCEPTED(NULL, 1, "HTTP_ORIGIN", "https://portal.example.com",
		"HTTP_HOST", "portal.example.com", "SERVER_PORT", "8080",
		"HTTP_X_FORWARDED_PROTO", "https");
	ACCEPTED(NULL, 1, "HTTP_ORIGIN", "https://portal.example.com",
		"HTTP_HOST", "10.0.0.3:8080", "SERVER_PORT", "8080",
		"HTTP_X_FORWARDED_PROTO", "https", "HTTP_X_FORWARDED_HOST", "portal.example.com");
	ACCEPTED(NULL, 1, "HTTP_ORIGIN", "https://portal.example.com:8443",
		"HTTP_HOST", "portal.example.com", "SERVER_PORT", "8080",
		"HTTP_X_FORWARDED_PROTO", "HTTPS", "HTTP_X_FORWARDED_HOST", "portal.example.com:8443");
	/* The last value is the one the shop's proxy added. */
	ACCEPTED(NULL, 1, "HTTP_ORIGIN", "https://portal.example.com",
		"HTTP_HOST", "portal.example.com", "HTTP_X_FORWARDED_PROTO", "http, https");
	REFUSED(NULL, 1, "HTTP_ORIGIN", "https://portal.example.com",
		"HTTP_HOST", "portal.example.com", "HTTP_X_FORWARDED_PROTO", "https, http");
	/* A proxy that says nothing leaves the server's own view. */
	ACCEPTED(NULL, 1, "HTTP_ORIGIN", "http://portal.example.com:8080",
		"HTTP_HOST", "portal.example.com", "SERVER_PORT", "8080");
	REFUSED(NULL, 1, "HTTP_ORIGIN", "https://portal.example.com",
		"HTTP_HOST", "portal.example.com", "HTTP_X_FORWARDED_PROTO", "gopher");
}

static void test_cgi_app_session__forwarded_headers_from_anyone_else_are_ignored(void **state)
{
	(void)state;
	REFUSED(NULL, 0, "HTTP_ORIGIN", "https://portal.example.com",
		"HTTP_HOST", "portal.example.com", "SERVER_PORT", "8080",
		"HTTP_X_FORWARDED_PROTO", "https");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "http://evil.example",
		"HTTP_HOST", "portal.example.com", "HTTP_X_FORWARDED_HOST", "evil.example");
	/* Its own origin still passes: the headers are ignored, not refused. */
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "http://portal.example.com:8080",
		"HTTP_HOST", "portal.example.com", "SERVER_PORT", "8080",
		"HTTP_X_FORWARDED_PROTO", "https", "HTTP_X_FORWARDED_HOST", "evil.example");
}

static void test_cgi_app_session__portal_url_is_the_authority(void **state)
{
	const char *url = "https://portal.example.com";

	(void)state;
	/* Whatever the server says of Host and scheme. */
	ACCEPTED(url, 0, "HTTP_ORIGIN", "https://portal.example.com",
		"HTTP_HOST", "10.0.0.3", "SERVER_PORT", "8080");
	ACCEPTED(url, 0, "HTTP_ORIGIN", "https://Portal.Example.com:443");
	ACCEPTED("https://portal.example.com:8443/shop", 0,
		"HTTP_ORIGIN", "https://portal.example.com:8443", "HTTP_HOST", "10.0.0.3");
	ACCEPTED("http://[::1]:8080", 0, "HTTP_ORIGIN", "http://[::1]:8080");
	REFUSED(url, 0, "HTTP_ORIGIN", "http://portal.example.com", "HTTP_HOST", "10.0.0.3");
	REFUSED(url, 0, "HTTP_ORIGIN", "https://portal.example.com:8443", "HTTP_HOST", "10.0.0.3");
	REFUSED(url, 0, "HTTP_ORIGIN", "https://evil.example", "HTTP_HOST", "10.0.0.3");
	/* The request's own origin still passes beside it. */
	ACCEPTED(url, 0, "HTTP_ORIGIN", "http://localhost:8080", "HTTP_HOST", "localhost:8080");
	/* An address whose origin cannot be read is no authority. */
	REFUSED("https://a@portal.example.com", 0, "HTTP_ORIGIN", "https://portal.example.com",
		"HTTP_HOST", "10.0.0.3");
}

static void test_cgi_app_session__opaque_and_missing_origins_are_as_before(void **state)
{
	(void)state;
	ACCEPTED(NULL, 0, "HTTP_HOST", "portal.example.com");
	ACCEPTED(NULL, 0, "HTTP_ORIGIN", "null", "HTTP_SEC_FETCH_SITE", "same-origin",
		"HTTP_HOST", "portal.example.com");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "null", "HTTP_HOST", "portal.example.com");
	REFUSED(NULL, 0, "HTTP_ORIGIN", "null", "HTTP_SEC_FETCH_SITE", "same-site",
		"HTTP_HOST", "portal.example.com");
	REFUSED("https://portal.example.com", 1, "HTTP_ORIGIN", "null",
		"HTTP_SEC_FETCH_SITE", "cross-site", "HTTP_HOST", "portal.example.com");
}

/* ---- with the shop's settings, as app_origin_ok() reads them ---- */

static int origin_ok(portal *p, const char *const *extra)
{
	const char *vars[2 * MAX_VARS + 1];
	fake_request f = { vars, "", 0, 0 };
	request_source src;
	app a;
	const char *why;
	int ok;

	memset(&a, 0, sizeof(a));
	a.req = (request)REQUEST_INIT;
	a.p = p;
	post_vars(vars, extra);
	src = fake_source(&f);
	assert_int_equal(request_parse(&a.req, &src, &why), 0);
	ok = app_origin_ok(&a);
	request_free(&a.req);
	return ok;
}

#define PROXIED(addr) "REMOTE_ADDR", addr, "HTTP_ORIGIN", "https://portal.example.com", \
	"HTTP_HOST", "portal.example.com", "SERVER_PORT", "8080", "HTTP_X_FORWARDED_PROTO", "https"

static void test_cgi_app_session__the_shop_names_its_proxy(void **state)
{
	portal *p = th_open();

	(void)state;
	assert_false(origin_ok(p, VARS(PROXIED("10.0.0.2"))));
	assert_int_equal(portal_shop_set(p, "trusted_proxy", "10.0.0.2"), PORTAL_OK);
	assert_true(origin_ok(p, VARS(PROXIED("10.0.0.2"))));
	assert_false(origin_ok(p, VARS(PROXIED("10.0.0.3"))));
	assert_false(origin_ok(p, VARS(PROXIED("not an address"))));
	assert_false(origin_ok(p, VARS("HTTP_ORIGIN", "https://portal.example.com",
		"HTTP_HOST", "portal.example.com", "HTTP_X_FORWARDED_PROTO", "https")));
	assert_int_equal(portal_shop_set(p, "trusted_proxy", "2001:db8::2"), PORTAL_OK);
	assert_true(origin_ok(p, VARS(PROXIED("2001:DB8:0::2"))));
	assert_false(origin_ok(p, VARS(PROXIED("10.0.0.2"))));
	portal_close(p);
}

static void test_cgi_app_session__the_shop_names_its_address(void **state)
{
	portal *p = th_open();
	const char *const behind_nat[] = { "HTTP_ORIGIN", "https://portal.example.com",
		"HTTP_HOST", "10.0.0.3", "SERVER_PORT", "8080", NULL };
	const char *const at_default[] = { "HTTP_ORIGIN", "http://localhost:8080",
		"HTTP_HOST", "10.0.0.3", "SERVER_PORT", "8080", NULL };

	(void)state;
	/* The default portal_url names no shop: it is no authority. */
	assert_false(origin_ok(p, behind_nat));
	assert_false(origin_ok(p, at_default));
	assert_int_equal(portal_shop_set(p, "portal_url", "https://portal.example.com/"), PORTAL_OK);
	assert_true(origin_ok(p, behind_nat));
	assert_false(origin_ok(p, at_default));
	assert_false(origin_ok(p, VARS("HTTP_ORIGIN", "https://evil.example",
		"HTTP_HOST", "portal.example.com")));
	portal_close(p);
}

#define T(name) cmocka_unit_test(name)

static int teardown(void **state)
{
	(void)state;
	th_cleanup();
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_cgi_app_session__nginx_host_without_its_port_is_on_server_port),
		T(test_cgi_app_session__default_ports_are_written_out),
		T(test_cgi_app_session__hosts_compare_in_any_case),
		T(test_cgi_app_session__an_ipv6_literal_is_one_host),
		T(test_cgi_app_session__evil_origins_are_refused),
		T(test_cgi_app_session__the_trusted_proxy_says_the_scheme),
		T(test_cgi_app_session__forwarded_headers_from_anyone_else_are_ignored),
		T(test_cgi_app_session__portal_url_is_the_authority),
		T(test_cgi_app_session__opaque_and_missing_origins_are_as_before),
		cmocka_unit_test_teardown(test_cgi_app_session__the_shop_names_its_proxy, teardown),
		cmocka_unit_test_teardown(test_cgi_app_session__the_shop_names_its_address, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
