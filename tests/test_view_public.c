/* SPDX-License-Identifier: MIT */
/*
 * test_view_public.c - the shop's public document: the landing page's
 * policies, answers and address, from the shop's settings, before any
 * session.
 */
#include "fixtures.h"
#include "helpers.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SMS_TERMS "Message frequency varies. Message and data rates may apply. " \
	"Reply STOP to opt out, HELP for help."

static int setup(void **state)
{
	*state = th_open_demo();
	return *state ? 0 : -1;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static cJSON *public_doc(portal *p)
{
	portal_buf out = PORTAL_BUF_INIT;
	cJSON *doc;

	if (portal_view_public(&out, p) != PORTAL_OK)
		fail_msg("portal_view_public: %s", portal_errmsg(p));
	doc = cJSON_Parse(out.ptr);
	portal_buf_dispose(&out);
	assert_non_null(doc);
	return doc;
}

static const char *text_of(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(v))
		fail_msg("no text %s", key);
	return v->valuestring;
}

/* The item of list `list` whose key is `key`, and its field `field`. */
static const char *item_text(const cJSON *doc, const char *list, const char *key,
	const char *field)
{
	const cJSON *o;

	cJSON_ArrayForEach(o, cJSON_GetObjectItemCaseSensitive(doc, list))
		if (strcmp(text_of(o, "key"), key) == 0)
			return text_of(o, field);
	fail_msg("no %s %s", list, key);
	return NULL;
}

static void has(const char *text, const char *part)
{
	if (text == NULL || strstr(text, part) == NULL)
		fail_msg("'%s' lacks '%s'", text ? text : "(null)", part);
}

static void test_view_public__every_policy_in_its_order(void **state)
{
	static const char *const keys[] = { "service_call_fee", "estimate_validity", "warranty",
		"warranty_exclusions", "cancellation", "no_show", "sms", "tax" };
	cJSON *doc = public_doc(*state);
	const cJSON *list = cJSON_GetObjectItemCaseSensitive(doc, "policies");
	size_t i = 0;
	const cJSON *o;

	assert_string_equal(text_of(doc, "view"), "public");
	assert_int_equal(cJSON_GetArraySize(list), sizeof(keys) / sizeof(keys[0]));
	cJSON_ArrayForEach(o, list)
		assert_string_equal(text_of(o, "key"), keys[i++]);
	has(item_text(doc, "policies", "service_call_fee", "text"), "$120.00 plus tax");
	has(item_text(doc, "policies", "service_call_fee", "text"), "not refundable");
	has(item_text(doc, "policies", "service_call_fee", "text"), "credited toward the repair");
	has(item_text(doc, "policies", "estimate_validity", "text"), "7 days");
	has(item_text(doc, "policies", "warranty", "text"), "Labour is guaranteed for 90 days");
	has(item_text(doc, "policies", "warranty", "text"), "parts for 30 days");
	has(item_text(doc, "policies", "warranty_exclusions", "text"), "not transferable");
	has(item_text(doc, "policies", "cancellation", "text"), "at least 12 hours");
	has(item_text(doc, "policies", "cancellation", "text"), "$60.00");
	has(item_text(doc, "policies", "no_show", "text"), "$60.00");
	has(item_text(doc, "policies", "tax", "text"), "13%");
	cJSON_Delete(doc);
}

static void test_view_public__the_sms_policy_carries_the_exact_consent_words(void **state)
{
	cJSON *doc = public_doc(*state);
	const char *sms = item_text(doc, "policies", "sms", "text");

	assert_string_equal(item_text(doc, "policies", "sms", "title"), "Text messages");
	has(sms, "only if you agree");
	/* Exactly once, and at the end, as the carriers want it. */
	assert_true(strlen(sms) >= strlen(SMS_TERMS));
	assert_string_equal(sms + strlen(sms) - strlen(SMS_TERMS), SMS_TERMS);
	assert_null(strstr(strstr(sms, "STOP") + 1, "STOP"));
	cJSON_Delete(doc);
}

static void test_view_public__the_answers_quote_the_shop(void **state)
{
	portal *p = *state;
	cJSON *doc = public_doc(p);

	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(doc, "faq")), 3);
	assert_string_equal(item_text(doc, "faq", "invoice_number", "question"),
		"Where do I find my invoice number?");
	has(item_text(doc, "faq", "invoice_number", "answer"), "printed at the top of your invoice");
	has(item_text(doc, "faq", "invoice_number", "answer"), "house number");
	has(item_text(doc, "faq", "invoice_number", "answer"),
		"Cannot find your paperwork? Call us at +18664153937.");
	has(item_text(doc, "faq", "link_expired", "answer"), "Or call us at +18664153937.");
	assert_string_equal(item_text(doc, "faq", "security", "question"),
		"Is my information secure?");
	has(item_text(doc, "faq", "security", "answer"), "a link works for 21 days");
	has(item_text(doc, "faq", "security", "answer"), "after 30 minutes without activity");
	has(item_text(doc, "faq", "security", "answer"), "only your own repairs");
	has(item_text(doc, "faq", "link_expired", "answer"), "ask for a fresh one");
	cJSON_Delete(doc);

	/* The shop's own numbers, as it sets them; no phone, no call. */
	assert_int_equal(portal_shop_set(p, "link_days", "1"), 0);
	assert_int_equal(portal_shop_set(p, "session_idle_minutes", "45"), 0);
	assert_int_equal(portal_shop_set(p, "phone", ""), 0);
	doc = public_doc(p);
	has(item_text(doc, "faq", "security", "answer"), "a link works for 1 day and");
	has(item_text(doc, "faq", "security", "answer"), "after 45 minutes");
	assert_null(strstr(item_text(doc, "faq", "invoice_number", "answer"), "all us"));
	assert_null(strstr(item_text(doc, "faq", "link_expired", "answer"), "all us"));
	cJSON_Delete(doc);
}

static void test_view_public__the_shop_and_its_address(void **state)
{
	portal *p = *state;
	cJSON *doc = public_doc(p);
	const cJSON *shop = cJSON_GetObjectItemCaseSensitive(doc, "shop");

	assert_string_equal(text_of(shop, "name"), "Northside Appliance & Auto Repair");
	assert_string_equal(text_of(shop, "phone"), "+18664153937");
	assert_string_equal(text_of(shop, "email"), "service@northside-repair.example.com");
	assert_string_equal(text_of(shop, "address"), "2150 Dundas St W, Toronto, ON M6R 1X3");
	assert_string_equal(text_of(shop, "currency"), "CAD");
	/* Nothing of any client, not even the frame's. */
	assert_null(cJSON_GetObjectItemCaseSensitive(doc, "client"));
	assert_null(cJSON_GetObjectItemCaseSensitive(doc, "sections"));
	cJSON_Delete(doc);

	assert_int_equal(portal_shop_set(p, "address", "12 Main St, Halifax, NS B3H 1A1"), 0);
	assert_int_equal(portal_shop_set(p, "service_call_fee", "95"), 0);
	doc = public_doc(p);
	shop = cJSON_GetObjectItemCaseSensitive(doc, "shop");
	assert_string_equal(text_of(shop, "address"), "12 Main St, Halifax, NS B3H 1A1");
	has(item_text(doc, "policies", "service_call_fee", "text"), "$95.00 plus tax");
	cJSON_Delete(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_view_public__every_policy_in_its_order,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_public__the_sms_policy_carries_the_exact_consent_words,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_public__the_answers_quote_the_shop,
			setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_public__the_shop_and_its_address,
			setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
