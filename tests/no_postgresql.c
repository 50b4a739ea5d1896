/* SPDX-License-Identifier: MIT */
/*
 * no_postgresql.c - a library built without libpq (pg_none.c linked in
 * place of the PostgreSQL driver) refuses a postgresql:// target with a
 * sentence that says what to do, through every call that can open one.
 */
#include <portal.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#define REFUSAL "this libportal was built without PostgreSQL (libpq); " \
	"rebuild it with -DPORTAL_POSTGRESQL=ON"

static void test_no_postgresql__a_shop_is_refused(void **state)
{
	portal *p = NULL;

	(void)state;
	assert_int_equal(portal_open_shop(&p, "postgresql:///portal", "north", 0), PORTAL_EINVAL);
	assert_string_equal(portal_errmsg(p), REFUSAL);
	portal_close(p);
}

static void test_no_postgresql__a_host_is_refused(void **state)
{
	portal *p = NULL;

	(void)state;
	assert_int_equal(portal_host_open(&p, "postgres://db.example/portal", 0), PORTAL_EINVAL);
	assert_string_equal(portal_errmsg(p), REFUSAL);
	portal_close(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_postgresql__a_shop_is_refused),
		cmocka_unit_test(test_no_postgresql__a_host_is_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
