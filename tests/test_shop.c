/* SPDX-License-Identifier: MIT */
/*
 * test_shop.c - the shop's settings: defaults, canonical values, refusals.
 */
#include "helpers.h"
#include "internal.h"
#include "settings.h"
#include "store.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static void expect_setting(portal *p, const char *key, const char *expect)
{
	portal_buf v = PORTAL_BUF_INIT;

	assert_int_equal(portal_shop_get(&v, p, key), 0);
	if (strcmp(v.ptr, expect) != 0)
		fail_msg("%s is '%s', expected '%s'", key, v.ptr, expect);
	portal_buf_dispose(&v);
}

static void test_shop__defaults_are_the_published_policy(void **state)
{
	static const char *const defaults[][2] = {
		{ "service_call_fee", "120.00" }, { "estimate_validity_days", "7" },
		{ "labour_warranty_days", "90" }, { "parts_warranty_days", "30" },
		{ "cancellation_notice_hours", "12" }, { "late_cancellation_fee", "60.00" },
		{ "no_show_fee", "60.00" }, { "tax_rate", "13" }, { "currency", "CAD" },
	};
	portal *p = *state;
	int64_t v;

	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
		expect_setting(p, defaults[i][0], defaults[i][1]);
	assert_int_equal(pt_setting_int(&v, p, "service_call_fee"), 0);
	assert_int_equal(v, 12000);
	assert_int_equal(pt_setting_int(&v, p, "tax_rate"), 0);
	assert_int_equal(v, 13000);
	assert_int_equal(pt_setting_int(&v, p, "labour_warranty_days"), 0);
	assert_int_equal(v, 90);
}

static void test_shop__every_setting_is_described(void **state)
{
	(void)state;
	assert_true(portal_setting_count() >= 15);
	for (size_t i = 0; i < portal_setting_count(); i++) {
		const portal_setting_info *s = portal_setting_at(i);
		assert_non_null(s);
		assert_ptr_equal(portal_setting_find(s->key), s);
		assert_true(strlen(s->description) > 10);
	}
	assert_null(portal_setting_at(portal_setting_count()));
	assert_null(portal_setting_find("colour"));
}

static const struct {
	const char *key, *value, *canonical; /* canonical NULL: refused */
} cases[] = {
	{ "tax_rate", "13%", "13" },
	{ "tax_rate", "9.975", "9.975" },
	{ "tax_rate", "13.50", "13.5" },
	{ "tax_rate", "0", "0" },
	{ "tax_rate", "100", "100" },
	{ "tax_rate", "100.001", NULL },
	{ "tax_rate", "-1", NULL },
	{ "tax_rate", "1.2345", NULL },
	{ "tax_rate", "13.", NULL },
	{ "tax_rate", "", NULL },
	{ "service_call_fee", "120", "120.00" },
	{ "service_call_fee", "$1,200", "1200.00" },
	{ "service_call_fee", "99.5", "99.50" },
	{ "service_call_fee", "-5", NULL },
	{ "service_call_fee", "12.345", NULL },
	{ "estimate_validity_days", " 14 ", "14" },
	{ "estimate_validity_days", "3651", NULL },
	{ "estimate_validity_days", "7.5", NULL },
	{ "cancellation_notice_hours", "720", "720" },
	{ "cancellation_notice_hours", "721", NULL },
	{ "timezone", "Europe/Warsaw", "Europe/Warsaw" },
	{ "timezone", "Mars/Olympus_Mons", NULL },
	{ "timezone", "../../etc/passwd", NULL },
	{ "timezone", "localtime", NULL },
	{ "currency", "usd", "USD" },
	{ "currency", "CA", NULL },
	{ "currency", "C4D", NULL },
	{ "phone", "866-415-3937", "+18664153937" },
	{ "phone", "555", NULL },
	{ "email", "Service@Example.COM", "Service@example.com" },
	{ "email", "service at example", NULL },
	{ "name", "Northside Repair", "Northside Repair" },
	{ "name", "   ", NULL },
	{ "name", "Line one\nLine two", NULL },
	{ "warranty_exclusions", "Misuse.\r\nPests.", "Misuse.\nPests." },
};

static void test_shop__values_are_checked_and_made_canonical(void **state)
{
	portal *p = *state;
	char field[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *before = th_fingerprint(th_db_path()), *after;
		int err = portal_shop_set(p, cases[i].key, cases[i].value);
		if (cases[i].canonical != NULL) {
			if (err != 0)
				fail_msg("%s = '%s' refused: %s", cases[i].key, cases[i].value,
					portal_errmsg(p));
			expect_setting(p, cases[i].key, cases[i].canonical);
		} else {
			if (err != PORTAL_EINVAL)
				fail_msg("%s = '%s' gave %d, expected refusal", cases[i].key,
					cases[i].value, err);
			snprintf(field, sizeof(field), "shop.%s", cases[i].key);
			assert_string_equal(portal_errfield(p), field);
			after = th_fingerprint(th_db_path());
			assert_string_equal(before, after);
			free(after);
		}
		free(before);
	}
}

static void test_shop__unknown_key_is_not_found(void **state)
{
	portal *p = *state;
	portal_buf v = PORTAL_BUF_INIT;

	assert_int_equal(portal_shop_set(p, "colour", "blue"), PORTAL_ENOTFOUND);
	assert_int_equal(portal_shop_get(&v, p, "colour"), PORTAL_ENOTFOUND);
	assert_null(v.ptr);
}

static void test_shop__json_has_every_setting(void **state)
{
	portal *p = *state;
	portal_buf doc = PORTAL_BUF_INIT;
	cJSON *root;

	assert_int_equal(portal_shop_set(p, "name", "Zoë's Repairs \"Ltd\""), 0);
	assert_int_equal(portal_shop_json(&doc, p), 0);
	root = cJSON_Parse(doc.ptr);
	assert_non_null(root);
	for (size_t i = 0; i < portal_setting_count(); i++)
		assert_true(cJSON_IsString(cJSON_GetObjectItem(root, portal_setting_at(i)->key)));
	assert_string_equal(cJSON_GetObjectItem(root, "name")->valuestring, "Zoë's Repairs \"Ltd\"");
	cJSON_Delete(root);
	portal_buf_dispose(&doc);
}

static void test_shop__time_zone_change_applies_at_once(void **state)
{
	portal *p = *state;
	char buf[PORTAL_TIME_STRLEN];

	assert_int_equal(portal_shop_set(p, "timezone", "Asia/Kolkata"), 0);
	assert_string_equal(portal_time_format(buf, sizeof(buf), p, TH_NOW, PORTAL_TIME_ISO),
		"2026-11-22T20:30:00+05:30");
}

/* Settings are kept for the life of a transaction: a setting written in
 * it is read back at once, and nothing kept outlives it. */
static void test_shop__a_setting_written_in_a_transaction_is_read_back_at_once(void **state)
{
	portal *p = *state;

	assert_int_equal(pt_store_begin(p), PORTAL_OK);
	expect_setting(p, "name", "My Repair Shop");
	assert_int_equal(portal_shop_set(p, "name", "Northside"), PORTAL_OK);
	expect_setting(p, "name", "Northside");
	assert_int_equal(pt_store_end(p, PORTAL_ERROR), PORTAL_ERROR);
	/* Rolled back: the value kept in the transaction went with it. */
	expect_setting(p, "name", "My Repair Shop");
}

/* The shop's public address is one the public can reach: the default and
 * any address on this machine are none. */
static void test_shop__public_url_is_none_on_this_machine(void **state)
{
	static const char *const local[] = {
		"http://localhost:8080", "http://LOCALHOST", "http://portal.localhost/x",
		"http://127.0.0.1:8080", "https://127.1.2.3/", "http://[::1]:8080",
	};
	static const char *const public_[] = {
		"https://portal.example.com", "http://localhostile.example:8080/",
		"http://192.0.2.7", "https://[2001:db8::1]/portal",
	};
	portal *p = *state;
	portal_buf url = PORTAL_BUF_INIT;

	assert_int_equal(portal_shop_public_url(&url, p), 0);   /* the default */
	assert_null(url.ptr);
	for (size_t i = 0; i < sizeof(local) / sizeof(local[0]); i++) {
		assert_int_equal(portal_shop_set(p, "portal_url", local[i]), PORTAL_OK);
		if (portal_shop_public_url(&url, p) != 0)
			fail_msg("%s taken for a public URL", local[i]);
	}
	for (size_t i = 0; i < sizeof(public_) / sizeof(public_[0]); i++) {
		assert_int_equal(portal_shop_set(p, "portal_url", public_[i]), PORTAL_OK);
		if (portal_shop_public_url(&url, p) != 1)
			fail_msg("%s not taken for a public URL", public_[i]);
		assert_memory_equal(url.ptr, public_[i], 12);   /* scheme and host */
		portal_buf_dispose(&url);
	}
}

/* A handle kept open between requests (the resident web portal) sees
 * what another process set from its next transaction on. */
static void test_shop__another_handle_s_change_is_seen_by_the_next_transaction(void **state)
{
	portal *p = *state, *shop = th_reopen();

	assert_int_equal(pt_store_read_begin(p), PORTAL_OK);
	expect_setting(p, "phone", "");
	assert_int_equal(portal_shop_set(shop, "phone", "866-415-3937"), PORTAL_OK);
	/* The same transaction reads the one moment it began at. */
	expect_setting(p, "phone", "");
	assert_int_equal(pt_store_end(p, PORTAL_OK), PORTAL_OK);

	assert_int_equal(pt_store_read_begin(p), PORTAL_OK);
	expect_setting(p, "phone", "+18664153937");
	assert_int_equal(pt_store_end(p, PORTAL_OK), PORTAL_OK);
	expect_setting(p, "phone", "+18664153937");
	portal_close(shop);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_shop__defaults_are_the_published_policy, setup, teardown),
		cmocka_unit_test(test_shop__every_setting_is_described),
		cmocka_unit_test_setup_teardown(test_shop__values_are_checked_and_made_canonical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shop__unknown_key_is_not_found, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shop__json_has_every_setting, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shop__time_zone_change_applies_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shop__a_setting_written_in_a_transaction_is_read_back_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shop__another_handle_s_change_is_seen_by_the_next_transaction, setup, teardown),
		cmocka_unit_test_setup_teardown(test_shop__public_url_is_none_on_this_machine, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
