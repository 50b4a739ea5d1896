/* SPDX-License-Identifier: MIT */
/*
 * test_line.c - the arithmetic of line items and documents (line.c):
 * line amounts, tax rounded once per document half-up, quantities,
 * kinds. Pure functions: no database.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "helpers.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static void tax_rounds_half_up_once(void **state)
{
	static const struct {
		const char *name;
		portal_money taxable;
		int32_t rate;
		portal_money want;
	} cases[] = {
		{ "13% of $0.50 is 6.5 cents: up to 7", 50, 13000, 7 },
		{ "13% of $0.49 is 6.37 cents: 6", 49, 13000, 6 },
		{ "13% of $0.35 is 4.55 cents: 5", 35, 13000, 5 },
		{ "13% of $1.50 is 19.5 cents: 20", 150, 13000, 20 },
		{ "5% of $0.10 is 0.5 cents: 1", 10, 5000, 1 },
		{ "5% of $0.09 is 0.45 cents: 0", 9, 5000, 0 },
		{ "9.975% of $10.00 is 99.75 cents: 100", 1000, 9975, 100 },
		{ "14.975% of $120.00 is 1797 cents exactly", 12000, 14975, 1797 },
		{ "13% of $120.00", 12000, 13000, 1560 },
		{ "0% of anything", 123456, 0, 0 },
		{ "negative half cent rounds away from zero", -50, 13000, -7 },
		{ "the largest amount at 100%", PORTAL_MONEY_MAX, 100000, PORTAL_MONEY_MAX },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_money got = -1;
		assert_int_equal(portal_tax(&got, cases[i].taxable, cases[i].rate), 0);
		if (got != cases[i].want)
			fail_msg("%s: got %lld, want %lld", cases[i].name, (long long)got,
				(long long)cases[i].want);
	}
}

static void tax_refuses_out_of_range(void **state)
{
	portal_money got;

	(void)state;
	assert_int_equal(portal_tax(&got, PORTAL_MONEY_MAX + 1, 13000), -1);
	assert_int_equal(portal_tax(&got, 100, -1), -1);
	assert_int_equal(portal_tax(&got, 100, 100001), -1);
}

static void line_amounts(void **state)
{
	static const struct {
		const char *name;
		portal_line_kind kind;
		int64_t quantity;
		portal_money price;
		portal_money want;
	} cases[] = {
		{ "one part", PORTAL_LINE_PART, 1000, 4599, 4599 },
		{ "1.5 hours of labour", PORTAL_LINE_LABOUR, 1500, 9500, 14250 },
		{ "0.333 h at $1.50 is 49.95 cents: 50", PORTAL_LINE_LABOUR, 333, 150, 50 },
		{ "0.001 h at $4.99 is 0.499 cents: 0", PORTAL_LINE_LABOUR, 1, 499, 0 },
		{ "0.001 h at $5.00 is 0.5 cents: 1", PORTAL_LINE_LABOUR, 1, 500, 1 },
		{ "a discount subtracts", PORTAL_LINE_DISCOUNT, 1000, 2000, -2000 },
		{ "a credit subtracts", PORTAL_LINE_CREDIT, 1000, 12000, -12000 },
		{ "a free line", PORTAL_LINE_OTHER_FEE, 1000, 0, 0 },
		{ "the largest line", PORTAL_LINE_PART, PORTAL_QUANTITY_MAX,
		  PORTAL_UNIT_PRICE_MAX, (portal_money)100000 * PORTAL_UNIT_PRICE_MAX },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_money got = -1;
		assert_int_equal(portal_line_amount(&got, cases[i].kind, cases[i].quantity,
			cases[i].price), 0);
		if (got != cases[i].want)
			fail_msg("%s: got %lld, want %lld", cases[i].name, (long long)got,
				(long long)cases[i].want);
	}
}

static void line_amount_refuses_out_of_range(void **state)
{
	portal_money got;

	(void)state;
	assert_int_equal(portal_line_amount(&got, PORTAL_LINE_PART, 0, 100), -1);
	assert_int_equal(portal_line_amount(&got, PORTAL_LINE_PART, 1000, -1), -1);
	assert_int_equal(portal_line_amount(&got, PORTAL_LINE_PART,
		PORTAL_QUANTITY_MAX + 1, 100), -1);
	assert_int_equal(portal_line_amount(&got, PORTAL_LINE_PART, 1000,
		PORTAL_UNIT_PRICE_MAX + 1), -1);
	assert_int_equal(portal_line_amount(&got, (portal_line_kind)99, 1000, 100), -1);
}

static void quantities_parse_and_format(void **state)
{
	static const struct {
		const char *text;
		int64_t want;       /* -1: refused */
		const char *back;
	} cases[] = {
		{ "1", 1000, "1" }, { "2", 2000, "2" }, { "1.5", 1500, "1.5" },
		{ "0.25", 250, "0.25" }, { "0.125", 125, "0.125" }, { " 3 ", 3000, "3" },
		{ "100000", PORTAL_QUANTITY_MAX, "100000" },
		{ "0", -1, NULL }, { "0.0001", -1, NULL }, { "1.", -1, NULL },
		{ "-1", -1, NULL }, { "", -1, NULL }, { "1,5", -1, NULL },
		{ "100000.001", -1, NULL }, { "99999999999999999999", -1, NULL },
	};
	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		int64_t got = 0;
		char buf[32];
		int rc = portal_quantity_parse(&got, cases[i].text);
		if (cases[i].want < 0) {
			if (rc != -1)
				fail_msg("'%s' should be refused", cases[i].text);
			continue;
		}
		if (rc != 0 || got != cases[i].want)
			fail_msg("'%s': rc %d, got %lld", cases[i].text, rc, (long long)got);
		assert_string_equal(portal_quantity_format(buf, sizeof(buf), got), cases[i].back);
	}
}

static void kinds_parse_as_typed(void **state)
{
	static const struct {
		const char *text;
		portal_line_kind want;
	} cases[] = {
		{ "labour", PORTAL_LINE_LABOUR }, { "Labor", PORTAL_LINE_LABOUR },
		{ "part", PORTAL_LINE_PART }, { "parts", PORTAL_LINE_PART },
		{ "service-call-fee", PORTAL_LINE_SERVICE_CALL_FEE },
		{ "Service call fee", PORTAL_LINE_SERVICE_CALL_FEE },
		{ "other_fee", PORTAL_LINE_OTHER_FEE }, { "fee", PORTAL_LINE_OTHER_FEE },
		{ "DISCOUNT", PORTAL_LINE_DISCOUNT }, { "credit", PORTAL_LINE_CREDIT },
	};
	portal_line_kind k;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		if (portal_line_kind_parse(&k, cases[i].text) != 0 || k != cases[i].want)
			fail_msg("'%s' parsed wrong", cases[i].text);
	}
	assert_int_equal(portal_line_kind_parse(&k, "tip"), -1);
	assert_int_equal(portal_line_kind_parse(&k, NULL), -1);
	assert_string_equal(portal_line_kind_name(PORTAL_LINE_SERVICE_CALL_FEE), "service_call_fee");
	assert_null(portal_line_kind_name((portal_line_kind)0));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(tax_rounds_half_up_once),
		cmocka_unit_test(tax_refuses_out_of_range),
		cmocka_unit_test(line_amounts),
		cmocka_unit_test(line_amount_refuses_out_of_range),
		cmocka_unit_test(quantities_parse_and_format),
		cmocka_unit_test(kinds_parse_as_typed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
