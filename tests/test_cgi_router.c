/* SPDX-License-Identifier: MIT */
/*
 * test_cgi_router.c - portal.cgi's route table (cgi/router.c): patterns
 * capture segments, the first match wins, another method is 405 with the
 * methods allowed, an unknown path 404.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "router.h"

static int h1(struct app *a, const char *const *args) { (void)a; (void)args; return 1; }
static int h2(struct app *a, const char *const *args) { (void)a; (void)args; return 2; }
static int h3(struct app *a, const char *const *args) { (void)a; (void)args; return 3; }

static const route table[] = {
	{ "GET", "/", h1 },
	{ "GET", "/portal/appointments/*/ics", h2 },
	{ "POST", "/portal/appointments/*/cancel", h3 },
	{ "GET", "/portal/appointments/*/cancel", h2 },
	{ "POST", "/portal/chat", h3 },
	{ "GET", "/portal/*", h1 },
	{ "GET", "/portal/*/*", h2 },
	{ NULL, NULL, NULL }
};

static void test_cgi_router__patterns_capture_segments(void **state)
{
	route_match m;

	(void)state;
	assert_int_equal(router_match(&m, table, "GET", "/"), ROUTE_FOUND);
	assert_ptr_equal(m.route->handler, h1);
	assert_int_equal(m.argc, 0);
	assert_int_equal(router_match(&m, table, "GET", "/portal/appointments/12/ics"),
		ROUTE_FOUND);
	assert_ptr_equal(m.route->handler, h2);
	assert_int_equal(m.argc, 1);
	assert_string_equal(m.args[0], "12");
	assert_int_equal(router_match(&m, table, "GET", "/portal/invoice/10231"), ROUTE_FOUND);
	assert_int_equal(m.argc, 2);
	assert_string_equal(m.args[0], "invoice");
	assert_string_equal(m.args[1], "10231");
	/* HEAD is answered as GET. */
	assert_int_equal(router_match(&m, table, "HEAD", "/portal/jobs"), ROUTE_FOUND);
	assert_string_equal(m.args[0], "jobs");
}

static void test_cgi_router__the_method_picks_among_equal_paths(void **state)
{
	route_match m;

	(void)state;
	assert_int_equal(router_match(&m, table, "POST", "/portal/appointments/3/cancel"),
		ROUTE_FOUND);
	assert_ptr_equal(m.route->handler, h3);
	assert_int_equal(router_match(&m, table, "GET", "/portal/appointments/3/cancel"),
		ROUTE_FOUND);
	assert_ptr_equal(m.route->handler, h2);
	assert_string_equal(m.args[0], "3");
}

static void test_cgi_router__another_method_is_405_with_allow(void **state)
{
	route_match m;

	(void)state;
	assert_int_equal(router_match(&m, table, "PUT", "/portal/chat"), ROUTE_BAD_METHOD);
	assert_string_equal(m.allow, "POST, GET, HEAD");
	assert_int_equal(router_match(&m, table, "DELETE", "/"), ROUTE_BAD_METHOD);
	assert_string_equal(m.allow, "GET, HEAD");
	assert_int_equal(router_match(&m, table, "POST", "/portal/jobs"), ROUTE_BAD_METHOD);
	assert_string_equal(m.allow, "GET, HEAD");
}

/* The path is matched as sent: an escaped '/' stays in its segment, and
 * each capture is decoded. */
static void test_cgi_router__an_escaped_slash_stays_in_its_segment(void **state)
{
	route_match m;

	(void)state;
	assert_int_equal(router_match(&m, table, "GET", "/portal/invoice/2026%2F0042"),
		ROUTE_FOUND);
	assert_int_equal(m.argc, 2);
	assert_string_equal(m.args[1], "2026/0042");
	assert_int_equal(router_match(&m, table, "GET", "/portal/invoice/50%25%20dep%23%3F"),
		ROUTE_FOUND);
	assert_string_equal(m.args[1], "50% dep#?");
	assert_int_equal(router_match(&m, table, "GET", "/portal/appointments/A%2FB/ics"),
		ROUTE_FOUND);
	assert_ptr_equal(m.route->handler, h2);
	assert_string_equal(m.args[0], "A/B");
	/* A real slash still separates. */
	assert_int_equal(router_match(&m, table, "GET", "/portal/invoice/2026/0042"),
		ROUTE_NOT_FOUND);
}

static void test_cgi_router__unknown_paths_are_404(void **state)
{
	static const char *const paths[] = { "/nothing", "/portal/", "/portal//x",
		"/portal/a/b/c/d", "/portal/appointments//ics", "//", "/a/b/c/d/e/f/g/h/i/j",
		NULL };
	route_match m;

	(void)state;
	for (size_t i = 0; paths[i]; i++)
		assert_int_equal(router_match(&m, table, "GET", paths[i]), ROUTE_NOT_FOUND);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cgi_router__patterns_capture_segments),
		cmocka_unit_test(test_cgi_router__the_method_picks_among_equal_paths),
		cmocka_unit_test(test_cgi_router__another_method_is_405_with_allow),
		cmocka_unit_test(test_cgi_router__an_escaped_slash_stays_in_its_segment),
		cmocka_unit_test(test_cgi_router__unknown_paths_are_404),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
