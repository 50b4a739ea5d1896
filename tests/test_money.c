/* SPDX-License-Identifier: MIT */
/*
 * test_money.c - unit tests for libportal's amounts of money (money.c).
 *
 * portal_money_parse(), portal_money_format() and
 * portal_money_format_currency() are driven by tables of
 * rows; a row that fails prints itself and what the call did instead, and
 * a test fails after all its rows ran, so one run shows every failing row.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include <portal.h>

#include "helpers.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define OK 1
#define BAD 0

/* What portal_money_parse() must leave in *out when it refuses. */
#define UNTOUCHED ((portal_money)4242)


/* ---------------------------------------------------------------------
 * portal_money_parse
 */

struct parse_row {
	const char *text;
	int ok;
	portal_money cents;	/* when ok */
};

static void run_parse_rows(const char *table, const struct parse_row *rows, size_t n)
{
	char buf[256];
	size_t failed = 0;

	for (size_t i = 0; i < n; i++) {
		portal_money got = UNTOUCHED;
		int rc = portal_money_parse(&got, rows[i].text);
		int good = rows[i].ok ? rc == 0 && got == rows[i].cents
				      : rc == -1 && got == UNTOUCHED;

		if (!good) {
			if (rows[i].ok)
				print_error("%s row %zu: input %s: expected %lld cents\n",
					table, i, th_show(rows[i].text, buf, sizeof(buf)),
					(long long)rows[i].cents);
			else
				print_error("%s row %zu: input %s: expected -1, *out untouched\n",
					table, i, th_show(rows[i].text, buf, sizeof(buf)));
			print_error("    got rc=%d, *out=%lld%s\n", rc, (long long)got,
				got == UNTOUCHED ? " (untouched)" : "");
			failed++;
		}
	}
	if (failed)
		fail_msg("%s: %zu of %zu rows failed (listed above)", table, failed, n);
}

#define RUN_PARSE(rows) run_parse_rows(#rows, (rows), ARRAY_LEN(rows))

static void test_money__parse_reads_amounts_as_people_type_them(void **state)
{
	static const struct parse_row rows[] = {
		{ "120", OK, 12000 },
		{ "120.5", OK, 12050 },
		{ "120.50", OK, 12050 },
		{ "120.05", OK, 12005 },
		{ "$1,200.00", OK, 120000 },
		{ "-5.00", OK, -500 },
		{ "0.01", OK, 1 },
		{ "1,234,567.89", OK, 123456789 },
		{ "0", OK, 0 },
		{ "0.00", OK, 0 },
		{ "-0", OK, 0 },
		{ "-0.01", OK, -1 },
		{ "+5", OK, 500 },
		{ "$5", OK, 500 },
		{ "-$5.00", OK, -500 },
		{ "+$5.5", OK, 550 },
		{ "  120  ", OK, 12000 },
		{ "1,200", OK, 120000 },
		{ "1200", OK, 120000 },
		{ "999", OK, 99900 },
		{ "100,000,000", OK, 10000000000 },
		{ "007", OK, 700 },
	};

	(void)state;
	RUN_PARSE(rows);
}

static void test_money__parse_refuses_text_that_is_not_an_amount(void **state)
{
	static const struct parse_row rows[] = {
		{ NULL, BAD, 0 },
		{ "", BAD, 0 },
		{ "   ", BAD, 0 },
		{ "abc", BAD, 0 },
		{ "12a", BAD, 0 },
		{ "1e3", BAD, 0 },
		{ "0x10", BAD, 0 },
		{ "1.234", BAD, 0 },		/* three decimals */
		{ "1.", BAD, 0 },
		{ "1.5.", BAD, 0 },
		{ "1.2.3", BAD, 0 },
		{ "1.-5", BAD, 0 },
		/* A leading digit is required: ".5" and ".50" are refused rather
		 * than guessed at. */
		{ ".5", BAD, 0 },
		{ ".50", BAD, 0 },
		{ "-.5", BAD, 0 },
		/* Thousands separators only in groups of three. */
		{ "12,00", BAD, 0 },
		{ "1,2345", BAD, 0 },
		{ "1234,567", BAD, 0 },
		{ ",100", BAD, 0 },
		{ "1,,000", BAD, 0 },
		{ "1,000,", BAD, 0 },
		{ "1,00,000", BAD, 0 },
		{ "1,000.5,0", BAD, 0 },
		{ "1,234.567", BAD, 0 },
		/* "0,100" is a decimal comma, not one hundred. */
		{ "0,100", BAD, 0 },
		{ "0,10", BAD, 0 },
		/* Signs and the dollar sign: one sign, then at most one "$",
		 * then the digits with nothing in between. */
		{ "-", BAD, 0 },
		{ "$", BAD, 0 },
		{ "-$", BAD, 0 },
		{ "$-5", BAD, 0 },
		{ "$+5", BAD, 0 },
		{ "--5", BAD, 0 },
		{ "+-5", BAD, 0 },
		{ "$$5", BAD, 0 },
		{ "- 5", BAD, 0 },
		{ "$ 5", BAD, 0 },
		{ "5$", BAD, 0 },
		{ "5-", BAD, 0 },
		{ "1 000", BAD, 0 },
		{ "12 .50", BAD, 0 },
		/* Only spaces are trimmed. */
		{ "\t120", BAD, 0 },
		{ "120\n", BAD, 0 },
		/* Digits other than ASCII. */
		{ "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x90", BAD, 0 },	/* full-width 120 */
		{ "\xd9\xa1\xd9\xa2\xd9\xa3", BAD, 0 },		/* Arabic-Indic 123 */
	};

	(void)state;
	RUN_PARSE(rows);
}

static void test_money__parse_accepts_up_to_the_maximum_and_refuses_beyond(void **state)
{
	static const struct parse_row rows[] = {
		{ "10,000,000,000.00", OK, PORTAL_MONEY_MAX },
		{ "10000000000", OK, PORTAL_MONEY_MAX },
		{ "$10,000,000,000", OK, PORTAL_MONEY_MAX },
		{ "-10,000,000,000.00", OK, -PORTAL_MONEY_MAX },
		{ "9,999,999,999.99", OK, PORTAL_MONEY_MAX - 1 },
		{ "10,000,000,000.01", BAD, 0 },
		{ "10000000000.1", BAD, 0 },
		{ "10000000001", BAD, 0 },
		{ "-10,000,000,000.01", BAD, 0 },
		{ "-10000000001", BAD, 0 },
		{ "99,999,999,999", BAD, 0 },
		{ "100000000000", BAD, 0 },
		{ "000000000000000010000000000", OK, PORTAL_MONEY_MAX },	/* leading zeros */
	};

	(void)state;
	RUN_PARSE(rows);
}

static void test_money__parse_refuses_numbers_that_would_overflow(void **state)
{
	static const struct parse_row rows[] = {
		{ "99999999999999999999", BAD, 0 },
		{ "-99999999999999999999", BAD, 0 },
		{ "92233720368547758.07", BAD, 0 },		/* INT64_MAX cents */
		{ "9223372036854775807", BAD, 0 },		/* INT64_MAX */
		{ "9223372036854775808", BAD, 0 },
		{ "-9223372036854775808", BAD, 0 },		/* INT64_MIN */
		{ "18446744073709551616", BAD, 0 },		/* 2^64 */
		{ "1000000000000000000000000000000000000000.00", BAD, 0 },
		{ "99,999,999,999,999,999,999", BAD, 0 },
	};

	(void)state;
	RUN_PARSE(rows);
}

/* ---------------------------------------------------------------------
 * portal_money_format
 */

static void test_money__format_groups_thousands_and_shows_two_decimals(void **state)
{
	static const struct {
		portal_money cents;
		const char *want;
	} rows[] = {
		{ 0, "0.00" },
		{ 1, "0.01" },
		{ 5, "0.05" },
		{ -5, "-0.05" },
		{ -1, "-0.01" },
		{ 99, "0.99" },
		{ 100, "1.00" },
		{ -100, "-1.00" },
		{ 12050, "120.50" },
		{ 99999, "999.99" },
		{ 100000, "1,000.00" },
		{ -100000, "-1,000.00" },
		{ 10000000, "100,000.00" },
		{ 100000000, "1,000,000.00" },
		{ 123456789, "1,234,567.89" },
		{ -123456789, "-1,234,567.89" },
		{ PORTAL_MONEY_MAX, "10,000,000,000.00" },
		{ -PORTAL_MONEY_MAX, "-10,000,000,000.00" },
		{ INT64_MAX, "92,233,720,368,547,758.07" },
		{ INT64_MIN + 1, "-92,233,720,368,547,758.07" },
	};
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char buf[PORTAL_MONEY_STRLEN];
		char *ret = portal_money_format(buf, sizeof(buf), rows[i].cents);

		if (ret != buf || strcmp(buf, rows[i].want) != 0) {
			print_error("rows row %zu: %lld cents: expected \"%s\", got \"%s\"%s\n", i,
				(long long)rows[i].cents, rows[i].want, buf,
				ret != buf ? " (and a return value other than buf)" : "");
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

static void test_money__format_survives_int64_min(void **state)
{
	char buf[PORTAL_MONEY_STRLEN];

	(void)state;
	memset(buf, 'X', sizeof(buf));
	assert_ptr_equal(portal_money_format(buf, sizeof(buf), INT64_MIN), buf);
	assert_non_null(memchr(buf, '\0', sizeof(buf)));
	/* The exact magnitude 2^63 cents, not a wrapped or doubled sign. */
	assert_string_equal(buf, "-92,233,720,368,547,758.08");
}

static void test_money__format_never_writes_beyond_the_buffer(void **state)
{
	static const struct {
		size_t len;
		const char *want;
	} rows[] = {
		{ 1, "" },
		{ 2, "1" },
		{ 6, "1,234" },
		{ 12, "1,234,567.8" },
		{ 13, "1,234,567.89" },
		{ PORTAL_MONEY_STRLEN, "1,234,567.89" },
	};
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char buf[PORTAL_MONEY_STRLEN + 8];
		size_t len = rows[i].len, spill = 0;

		memset(buf, 'X', sizeof(buf));
		portal_money_format(buf, len, 123456789);
		for (size_t j = len; j < sizeof(buf); j++)
			if (buf[j] != 'X')
				spill++;
		if (spill || strcmp(buf, rows[i].want) != 0) {
			print_error("rows row %zu: len %zu: expected \"%s\", got \"%.*s\", "
				"%zu bytes written beyond len\n", i, len, rows[i].want,
				(int)len, buf, spill);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

/* ---------------------------------------------------------------------
 * Round trips
 */

static void test_money__format_then_parse_gives_back_the_amount(void **state)
{
	static const portal_money values[] = {
		0, 1, -1, 5, -5, 9, 10, 99, 100, 101, 999, 1000, 12050, 99999, 100000,
		100001, 999999, 1000000, 123456789, -123456789, 100000000, 987654321012,
		PORTAL_MONEY_MAX - 1, PORTAL_MONEY_MAX, -PORTAL_MONEY_MAX,
	};
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(values); i++) {
		char buf[PORTAL_MONEY_STRLEN];
		portal_money back = UNTOUCHED;
		int rc;

		portal_money_format(buf, sizeof(buf), values[i]);
		rc = portal_money_parse(&back, buf);
		if (rc != 0 || back != values[i]) {
			print_error("values row %zu: %lld formats as \"%s\", which parses to "
				"rc=%d, %lld\n", i, (long long)values[i], buf, rc, (long long)back);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

static void test_money__parse_then_format_gives_the_canonical_text(void **state)
{
	static const struct {
		const char *typed, *canonical;
	} rows[] = {
		{ "120", "120.00" },
		{ "120.5", "120.50" },
		{ "$1,200.00", "1,200.00" },
		{ "1200", "1,200.00" },
		{ "-5", "-5.00" },
		{ "-0", "0.00" },
		{ " +0.01 ", "0.01" },
		{ "1234567.89", "1,234,567.89" },
	};
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char buf[PORTAL_MONEY_STRLEN] = "";
		portal_money cents = UNTOUCHED;
		int rc = portal_money_parse(&cents, rows[i].typed);

		if (rc == 0)
			portal_money_format(buf, sizeof(buf), cents);
		if (rc != 0 || strcmp(buf, rows[i].canonical) != 0) {
			print_error("rows row %zu: \"%s\": expected \"%s\", got rc=%d, \"%s\"\n", i,
				rows[i].typed, rows[i].canonical, rc, buf);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

/* ---------------------------------------------------------------------
 * portal_money_format_currency and portal_money_sign
 */

static void test_money__format_currency_writes_each_currencys_sign(void **state)
{
	static const struct {
		portal_money cents;
		const char *currency;
		const char *want;
	} rows[] = {
		{ 13560, "CAD", "$135.60" },
		{ 13560, "USD", "$135.60" },
		{ 13560, "AUD", "$135.60" },
		{ 13560, "NZD", "$135.60" },
		{ 13560, "HKD", "$135.60" },
		{ 13560, "EUR", "\xe2\x82\xac" "135.60" },
		{ 13560, "GBP", "\xc2\xa3" "135.60" },
		{ 13560, "CHF", "CHF 135.60" },
		{ 13560, "JPY", "JPY 135.60" },
		{ 13560, "eur", "\xe2\x82\xac" "135.60" },
		{ 13560, "chf", "CHF 135.60" },
		{ 0, "CAD", "$0.00" },
		{ 0, "EUR", "\xe2\x82\xac" "0.00" },
		{ 0, "CHF", "CHF 0.00" },
		{ -1200, "CAD", "-$12.00" },
		{ -1200, "EUR", "-\xe2\x82\xac" "12.00" },
		{ -1200, "GBP", "-\xc2\xa3" "12.00" },
		{ -1200, "CHF", "-CHF 12.00" },
		{ -1, "USD", "-$0.01" },
		{ PORTAL_MONEY_MAX, "CAD", "$10,000,000,000.00" },
		{ PORTAL_MONEY_MAX, "EUR", "\xe2\x82\xac" "10,000,000,000.00" },
		{ INT64_MIN, "CHF", "-CHF 92,233,720,368,547,758.08" },
		{ INT64_MIN, "EUR", "-\xe2\x82\xac" "92,233,720,368,547,758.08" },
		/* No code, or not a code: the default currency, the Canadian dollar. */
		{ 13560, NULL, "$135.60" },
		{ 13560, "", "$135.60" },
		{ -1200, NULL, "-$12.00" },
		{ 13560, "EURO", "$135.60" },
		{ 13560, "E1R", "$135.60" },
		{ 13560, "\xe2\x82\xac", "$135.60" },
	};
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char buf[PORTAL_MONEY_STRLEN];
		char *ret = portal_money_format_currency(buf, sizeof(buf), rows[i].cents,
			rows[i].currency);

		if (ret != buf || strcmp(buf, rows[i].want) != 0) {
			print_error("row %zu: %lld %s: expected \"%s\", got \"%s\"\n", i,
				(long long)rows[i].cents, rows[i].currency ? rows[i].currency : "NULL",
				rows[i].want, buf);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

static void test_money__format_currency_fits_its_buffer_and_never_overruns(void **state)
{
	char buf[PORTAL_MONEY_STRLEN + 4], sign[PORTAL_MONEY_SIGNLEN];

	(void)state;
	/* The longest: a minus, a code and a space, the largest magnitude. */
	portal_money_format_currency(buf, PORTAL_MONEY_STRLEN, INT64_MIN, "CHF");
	assert_true(strlen(buf) < PORTAL_MONEY_STRLEN);
	assert_string_equal(buf, "-CHF 92,233,720,368,547,758.08");
	memset(buf, 'x', sizeof(buf));
	portal_money_format_currency(buf, 6, -1200, "CHF");
	assert_string_equal(buf, "-CHF ");
	assert_int_equal(buf[6], 'x');
	assert_string_equal(portal_money_sign(sign, sizeof(sign), "GBP"), "\xc2\xa3");
	assert_string_equal(portal_money_sign(sign, sizeof(sign), "CAD"), "$");
	assert_string_equal(portal_money_sign(sign, sizeof(sign), NULL), "$");
	assert_string_equal(portal_money_sign(sign, sizeof(sign), "sek"), "SEK ");
	assert_true(strlen(portal_money_sign(sign, sizeof(sign), "EUR")) < PORTAL_MONEY_SIGNLEN);
}

/* The shop's own amounts follow its currency setting. */
static void test_money__shop_format_follows_the_shops_currency(void **state)
{
	char buf[PORTAL_MONEY_STRLEN];
	portal *p = th_open();

	(void)state;
	assert_string_equal(portal_shop_money_format(buf, p, 6000), "$60.00");
	assert_int_equal(portal_shop_set(p, "currency", "EUR"), PORTAL_OK);
	assert_string_equal(portal_shop_money_format(buf, p, -6000), "-\u20ac60.00");
	assert_int_equal(portal_shop_set(p, "currency", "CHF"), PORTAL_OK);
	assert_string_equal(portal_shop_money_format(buf, p, 123456), "CHF 1,234.56");
	portal_close(p);
	th_cleanup();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_money__parse_reads_amounts_as_people_type_them),
		cmocka_unit_test(test_money__parse_refuses_text_that_is_not_an_amount),
		cmocka_unit_test(test_money__parse_accepts_up_to_the_maximum_and_refuses_beyond),
		cmocka_unit_test(test_money__parse_refuses_numbers_that_would_overflow),
		cmocka_unit_test(test_money__format_groups_thousands_and_shows_two_decimals),
		cmocka_unit_test(test_money__format_survives_int64_min),
		cmocka_unit_test(test_money__format_never_writes_beyond_the_buffer),
		cmocka_unit_test(test_money__format_then_parse_gives_back_the_amount),
		cmocka_unit_test(test_money__parse_then_format_gives_the_canonical_text),
		cmocka_unit_test(test_money__format_currency_writes_each_currencys_sign),
		cmocka_unit_test(test_money__format_currency_fits_its_buffer_and_never_overruns),
		cmocka_unit_test(test_money__shop_format_follows_the_shops_currency),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
