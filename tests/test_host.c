/* SPDX-License-Identifier: MIT */
/*
 * test_host.c - a host of many shops (portal/host.h): every refusal of
 * its calls, with its code and its exact sentence. On SQLite (unit.host)
 * the calls meet a file, which holds one shop and has no host; on
 * PostgreSQL (pg.unit.host) they meet the host itself.
 */
#include "helpers.h"
#include "store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int teardown(void **state)
{
	(void)state;
	th_cleanup();
	return 0;
}

static void assert_refused(portal *p, int rc, int want, const char *sentence)
{
	if (rc != want || strcmp(portal_errmsg(p), sentence) != 0)
		fail_msg("got %d \"%s\", want %d \"%s\"", rc, portal_errmsg(p), want, sentence);
}

/* A shop's handle is no host's, on either engine. */
static void test_host__a_shops_handle_is_no_host(void **state)
{
	portal *p = th_open();

	(void)state;
	assert_refused(p, portal_host_shop_add(p, "north"), PORTAL_EINVAL,
		"not a host's handle (portal_host_open())");
	assert_refused(p, portal_host_shop_disable(p, "north", 1), PORTAL_EINVAL,
		"not a host's handle (portal_host_open())");
	assert_refused(p, portal_host_lookup_limit(p, 3), PORTAL_EINVAL,
		"not a host's handle (portal_host_open())");
	assert_refused(p, portal_host_grant(p, "someone"), PORTAL_EINVAL,
		"not a host's handle (portal_host_open())");
	assert_refused(p, portal_host_shop_move(p, th_path("x.db"), "north"), PORTAL_EINVAL,
		"not a host's handle (portal_host_open())");
	portal_close(p);
}

/* A SQLite file holds one shop: no host, no other shop to switch to. */
static void test_host__a_file_has_no_host(void **state)
{
	portal *p = th_open(), *h = NULL;
	char want[512];

	(void)state;
	if (!th_on_pg()) {
		snprintf(want, sizeof(want), "%s: a SQLite file holds one shop; a host of many "
			"shops is a PostgreSQL database (postgresql://...)", th_db_path());
		assert_refused(h, portal_host_open(&h, th_db_path(), 0), PORTAL_EINVAL, want);
		portal_close(h);
		assert_refused(p, portal_shop_switch(p, "north"), PORTAL_EINVAL,
			"only a PostgreSQL database holds more than one shop");
		snprintf(want, sizeof(want), "%s: a shop is named only on a PostgreSQL database; "
			"a SQLite file holds one shop", th_db_path());
		assert_refused(h, portal_open_shop(&h, th_db_path(), "north", 0), PORTAL_EINVAL,
			want);
		portal_close(h);
	} else {
		/* On PostgreSQL the same handle goes to another shop and back. */
		char name[64];
		snprintf(name, sizeof(name), "%s", th_db_shop());
		assert_refused(p, portal_shop_switch(p, "no-such-shop"), PORTAL_ENOTFOUND,
			"no shop named no-such-shop on this database");
		assert_int_equal(portal_shop_switch(p, name), PORTAL_OK);
		assert_int_equal(pt_store_begin(p), PORTAL_OK);
		assert_refused(p, portal_shop_switch(p, name), PORTAL_EINVAL,
			"a shop cannot change inside a transaction");
		pt_store_end(p, PORTAL_OK);
		assert_refused(p, portal_shop_switch(p, ""), PORTAL_EINVAL, "no shop named");
	}
	portal_close(p);
}

/* The host's own refusals, on PostgreSQL; on SQLite the host is refused
 * whole (above), so these meet a file's refusal. */
static void test_host__refusals_of_the_host(void **state)
{
	const char *uri = getenv("PORTAL_TEST_PG");
	char name[64], long_name[80], want[160];
	portal *h = NULL;

	(void)state;
	if (!th_on_pg() || uri == NULL) {
		assert_int_equal(portal_host_open(&h, th_path("none.db"), 0), PORTAL_EINVAL);
		portal_close(h);
		return;
	}
	assert_int_equal(portal_host_open(&h, uri, PORTAL_OPEN_CREATE), PORTAL_OK);
	snprintf(name, sizeof(name), "h%ld", (long)getpid());
	memset(long_name, 'a', 64);
	long_name[64] = '\0';
	assert_refused(h, portal_host_shop_add(h, "North Side"), PORTAL_EINVAL,
		"name: a shop's name is made of a-z, 0-9, '.', '-' and '_'");
	assert_string_equal(portal_errfield(h), "name");
	assert_refused(h, portal_host_shop_add(h, long_name), PORTAL_EINVAL,
		"name: a shop's name has 1 to 63 characters");
	assert_refused(h, portal_host_shop_add(h, ""), PORTAL_EINVAL,
		"name: a shop's name has 1 to 63 characters");
	assert_int_equal(portal_host_shop_add(h, name), PORTAL_OK);
	snprintf(want, sizeof(want), "name: the shop %s already exists", name);
	assert_refused(h, portal_host_shop_add(h, name), PORTAL_EEXISTS, want);
	assert_refused(h, portal_host_shop_disable(h, "no-such-shop", 1), PORTAL_ENOTFOUND,
		"no shop named no-such-shop");
	assert_refused(h, portal_host_lookup_limit(h, -1), PORTAL_EINVAL,
		"misses: the limit is a number of failed lookups, 0 for none");
	assert_refused(h, portal_host_grant(h, ""), PORTAL_EINVAL, "role: name the database role");
	snprintf(long_name, sizeof(long_name), "%s", th_path("missing.db"));
	snprintf(want, sizeof(want), "%s: no such database (run `portal init`)", long_name);
	assert_refused(h, portal_host_shop_move(h, long_name, "moved"), PORTAL_ENOTFOUND, want);
	portal_close(h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_teardown(test_host__a_shops_handle_is_no_host, teardown),
		cmocka_unit_test_teardown(test_host__a_file_has_no_host, teardown),
		cmocka_unit_test_teardown(test_host__refusals_of_the_host, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
