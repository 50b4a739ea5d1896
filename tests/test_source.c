/* SPDX-License-Identifier: MIT */
/*
 * test_source.c - the address a web request came from (source.c) and
 * the shop's trusted_proxy setting it relies on (shop.c): the header any
 * client can send counts only through the proxy the shop named.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "helpers.h"

static int setup(void **state)
{
	*state = th_open();
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static void test_source__addresses_have_one_spelling(void **state)
{
	char out[PORTAL_SOURCE_LEN];
	static const struct { const char *in, *want; } ok[] = {
		{ "192.0.2.7", "192.0.2.7" },
		{ "2001:DB8:0:0::1", "2001:db8::1" },
		{ "::ffff:192.0.2.1", "::ffff:192.0.2.1" },
	};
	static const char *const bad[] = { "", "192.0.2", "192.0.2.256", "example.com",
		"2001:db8::1::2", "192.0.2.7 ", NULL };

	(void)state;
	for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(portal_ip_canonical(out, sizeof(out), ok[i].in), PORTAL_OK);
		assert_string_equal(out, ok[i].want);
	}
	for (size_t i = 0; bad[i]; i++)
		assert_int_equal(portal_ip_canonical(out, sizeof(out), bad[i]), PORTAL_EINVAL);
	assert_int_equal(portal_ip_canonical(out, sizeof(out), NULL), PORTAL_EINVAL);
	assert_int_equal(portal_ip_canonical(out, 4, "192.0.2.7"), PORTAL_EINVAL);
}

static void test_source__the_header_is_ignored_without_a_trusted_proxy(void **state)
{
	portal *p = *state;
	char out[PORTAL_SOURCE_LEN];

	assert_int_equal(portal_request_source(out, sizeof(out), p, "198.51.100.2",
		"203.0.113.9"), PORTAL_OK);
	assert_string_equal(out, "198.51.100.2");
	assert_int_equal(portal_request_source(out, sizeof(out), p, NULL, "203.0.113.9"),
		PORTAL_OK);
	assert_string_equal(out, "");
}

static void test_source__the_trusted_proxy_adds_the_last_address(void **state)
{
	portal *p = *state;
	char out[PORTAL_SOURCE_LEN];

	assert_int_equal(portal_shop_set(p, "trusted_proxy", "10.0.0.1"), PORTAL_OK);
	/* The client may have sent a header of its own: only the proxy's
	 * own addition, the last address, counts. */
	assert_int_equal(portal_request_source(out, sizeof(out), p, "10.0.0.1",
		"192.0.2.66, 203.0.113.9"), PORTAL_OK);
	assert_string_equal(out, "203.0.113.9");
	assert_int_equal(portal_request_source(out, sizeof(out), p, "10.0.0.1",
		" 2001:DB8::5 "), PORTAL_OK);
	assert_string_equal(out, "2001:db8::5");
	/* Another peer's header is not believed, nor a header that is not an
	 * address. */
	assert_int_equal(portal_request_source(out, sizeof(out), p, "10.0.0.2",
		"203.0.113.9"), PORTAL_OK);
	assert_string_equal(out, "10.0.0.2");
	assert_int_equal(portal_request_source(out, sizeof(out), p, "10.0.0.1",
		"203.0.113.9, evil"), PORTAL_OK);
	assert_string_equal(out, "10.0.0.1");
	assert_int_equal(portal_request_source(out, sizeof(out), p, "10.0.0.1", NULL),
		PORTAL_OK);
	assert_string_equal(out, "10.0.0.1");
}

static void test_source__trusted_proxy_is_an_address_or_nothing(void **state)
{
	portal *p = *state;
	portal_buf v = PORTAL_BUF_INIT;

	assert_int_equal(portal_shop_get(&v, p, "trusted_proxy"), PORTAL_OK);
	assert_string_equal(v.ptr, "");
	portal_buf_dispose(&v);
	TH_CHECK_REFUSED(p, "a host name", portal_shop_set(p, "trusted_proxy", "proxy.local"),
		PORTAL_EINVAL, "shop.trusted_proxy");
	assert_int_equal(portal_shop_set(p, "trusted_proxy", "2001:DB8::0:1"), PORTAL_OK);
	assert_int_equal(portal_shop_get(&v, p, "trusted_proxy"), PORTAL_OK);
	assert_string_equal(v.ptr, "2001:db8::1");
	portal_buf_dispose(&v);
	assert_int_equal(portal_shop_set(p, "trusted_proxy", ""), PORTAL_OK);
	assert_int_equal(portal_shop_get(&v, p, "trusted_proxy"), PORTAL_OK);
	assert_string_equal(v.ptr, "");
	portal_buf_dispose(&v);
}

/* The one rule the web portal asks before it believes any X-Forwarded-*
 * header: the peer is the shop's own proxy, in any spelling. */
static void test_source__only_the_trusted_proxy_is_a_proxy(void **state)
{
	portal *p = *state;

	assert_int_equal(portal_request_via_proxy(p, "10.0.0.1"), 0);
	assert_int_equal(portal_shop_set(p, "trusted_proxy", "2001:db8::1"), PORTAL_OK);
	assert_int_equal(portal_request_via_proxy(p, "2001:DB8:0::1"), 1);
	assert_int_equal(portal_request_via_proxy(p, "2001:db8::2"), 0);
	assert_int_equal(portal_request_via_proxy(p, ""), 0);
	assert_int_equal(portal_request_via_proxy(p, NULL), 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_source__addresses_have_one_spelling),
		T(test_source__the_header_is_ignored_without_a_trusted_proxy),
		T(test_source__the_trusted_proxy_adds_the_last_address),
		T(test_source__trusted_proxy_is_an_address_or_nothing),
		T(test_source__only_the_trusted_proxy_is_a_proxy),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
