/* SPDX-License-Identifier: MIT */
/*
 * test_words.c - unit tests for times, months and phone numbers written
 * for people (base/words.c, portal/words.h), from the views' ISO text and
 * from a shop's clock in its zone. Tables of rows; a row that fails prints
 * itself and what the call wrote instead.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <portal.h>

#include "fixtures.h"
#include "helpers.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

struct iso_row {
	const char *iso;
	portal_words_style style;
	int this_year;
	int rc;
	const char *want;
};

static const struct iso_row iso_rows[] = {
	{ "2026-12-07T13:00:00-05:00", PORTAL_WORDS_DAY_TIME, 0, PORTAL_OK, "Mon 7 Dec 2026, 1:00 pm" },
	{ "2026-12-07T13:00:00-05:00", PORTAL_WORDS_DAY_TIME, 2026, PORTAL_OK, "Mon 7 Dec, 1:00 pm" },
	{ "2026-12-07T13:00:00-05:00", PORTAL_WORDS_DAY_TIME, 2025, PORTAL_OK, "Mon 7 Dec 2026, 1:00 pm" },
	{ "2026-12-07T00:00:00-05:00", PORTAL_WORDS_TIME, 0, PORTAL_OK, "12:00 am" },
	{ "2026-12-07T00:30:00-05:00", PORTAL_WORDS_TIME, 0, PORTAL_OK, "12:30 am" },
	{ "2026-12-07T12:00:00-05:00", PORTAL_WORDS_TIME, 0, PORTAL_OK, "12:00 pm" },
	{ "2026-12-07T11:59:00-05:00", PORTAL_WORDS_TIME, 0, PORTAL_OK, "11:59 am" },
	{ "2026-12-07T09:05:00-05:00", PORTAL_WORDS_TIME, 0, PORTAL_OK, "9:05 am" },
	{ "2026-12-07T23:45:00Z", PORTAL_WORDS_TIME, 0, PORTAL_OK, "11:45 pm" },
	{ "2026-12-07", PORTAL_WORDS_DAY, 0, PORTAL_OK, "Mon 7 Dec 2026" },
	{ "2026-11-22", PORTAL_WORDS_DAY, 2026, PORTAL_OK, "Sun 22 Nov" },
	{ "2024-02-29", PORTAL_WORDS_DAY, 0, PORTAL_OK, "Thu 29 Feb 2024" },
	{ "1970-01-01", PORTAL_WORDS_DAY, 0, PORTAL_OK, "Thu 1 Jan 1970" },
	{ "1969-12-31", PORTAL_WORDS_DAY, 0, PORTAL_OK, "Wed 31 Dec 1969" },
	{ "2026-12-07T13:00:00-05:00", PORTAL_WORDS_DAY, 0, PORTAL_OK, "Mon 7 Dec 2026" },
	{ "2026-12", PORTAL_WORDS_MONTH, 0, PORTAL_OK, "December 2026" },
	{ "2026-01", PORTAL_WORDS_MONTH, 2026, PORTAL_OK, "January 2026" },
	{ "2026-05-07", PORTAL_WORDS_MONTH, 0, PORTAL_OK, "May 2026" },
	{ "2026-09-01T08:00:00-04:00", PORTAL_WORDS_MONTH, 0, PORTAL_OK, "September 2026" },
	/* A day has no time of day, a month no day: refused, not made up. */
	{ "2026-12-07", PORTAL_WORDS_TIME, 0, PORTAL_EINVAL, "" },
	{ "2026-12", PORTAL_WORDS_DAY, 0, PORTAL_EINVAL, "" },
	{ "2026-13", PORTAL_WORDS_MONTH, 0, PORTAL_EINVAL, "" },
	{ "2026-12-32", PORTAL_WORDS_DAY, 0, PORTAL_EINVAL, "" },
	{ "2026-12-07T25:00", PORTAL_WORDS_TIME, 0, PORTAL_EINVAL, "" },
	{ "yesterday", PORTAL_WORDS_DAY, 0, PORTAL_EINVAL, "" },
	{ "", PORTAL_WORDS_DAY, 0, PORTAL_EINVAL, "" },
	{ NULL, PORTAL_WORDS_DAY, 0, PORTAL_EINVAL, "" },
};

static void test_words__iso_times_days_and_months_read_as_words(void **state)
{
	int failed = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(iso_rows); i++) {
		const struct iso_row *r = &iso_rows[i];
		char buf[PORTAL_WORDS_LEN] = "untouched";
		int rc = portal_words_iso(buf, sizeof(buf), r->iso, r->style, r->this_year);

		if (rc != r->rc || strcmp(buf, r->want) != 0) {
			print_message("row %zu: '%s' style %d: rc %d '%s', want %d '%s'\n", i,
				r->iso ? r->iso : "(null)", (int)r->style, rc, buf, r->rc, r->want);
			failed = 1;
		}
	}
	assert_false(failed);
}

struct window_row {
	const char *start, *end;
	int this_year;
	const char *want;
};

static const struct window_row window_rows[] = {
	/* Same day, one half of it: "pm" said once. */
	{ "2026-12-07T13:00:00-05:00", "2026-12-07T15:00:00-05:00", 2026,
	  "Mon 7 Dec, 1:00\xe2\x80\x93" "3:00 pm" },
	{ "2026-12-07T08:00:00-05:00", "2026-12-07T11:30:00-05:00", 0,
	  "Mon 7 Dec 2026, 8:00\xe2\x80\x93" "11:30 am" },
	/* Across noon: both halves said. */
	{ "2026-12-07T11:00:00-05:00", "2026-12-07T13:00:00-05:00", 2026,
	  "Mon 7 Dec, 11:00 am\xe2\x80\x93" "1:00 pm" },
	{ "2026-12-07T10:00:00-05:00", "2026-12-07T12:00:00-05:00", 2026,
	  "Mon 7 Dec, 10:00 am\xe2\x80\x93" "12:00 pm" },
	{ "2026-12-07T12:00:00-05:00", "2026-12-07T14:00:00-05:00", 2026,
	  "Mon 7 Dec, 12:00\xe2\x80\x93" "2:00 pm" },
	/* From midnight, and across it into the next day. */
	{ "2026-12-07T00:00:00-05:00", "2026-12-07T02:00:00-05:00", 2026,
	  "Mon 7 Dec, 12:00\xe2\x80\x93" "2:00 am" },
	{ "2026-12-07T23:00:00-05:00", "2026-12-08T01:00:00-05:00", 2026,
	  "Mon 7 Dec, 11:00 pm \xe2\x80\x93 Tue 8 Dec, 1:00 am" },
	{ "2026-12-31T22:00:00-05:00", "2027-01-01T00:00:00-05:00", 2026,
	  "Thu 31 Dec, 10:00 pm \xe2\x80\x93 Fri 1 Jan 2027, 12:00 am" },
	{ "2026-12-07", "2026-12-07T15:00:00-05:00", 0, "" },
};

static void test_words__a_window_says_its_day_once_and_am_pm_where_needed(void **state)
{
	int failed = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(window_rows); i++) {
		const struct window_row *r = &window_rows[i];
		char buf[PORTAL_WORDS_LEN];
		int rc = portal_words_window(buf, sizeof(buf), r->start, r->end, r->this_year);

		if ((rc == PORTAL_OK) != (r->want[0] != '\0') || strcmp(buf, r->want) != 0) {
			print_message("row %zu: %s..%s: rc %d '%s', want '%s'\n", i, r->start,
				r->end, rc, buf, r->want);
			failed = 1;
		}
	}
	assert_false(failed);
}

static const struct { const char *typed, *want; } phone_rows[] = {
	{ "+18664153937", "866-415-3937" },
	{ "8664153937", "866-415-3937" },
	{ "(866) 415-3937", "866-415-3937" },
	{ "1-866-415-3937", "866-415-3937" },
	{ "+1 866 415 3937", "866-415-3937" },
	{ "866.415.3937", "866-415-3937" },
	/* Other countries' numbers, and what is not a NANP number, as typed. */
	{ "+442079460000", "+442079460000" },
	{ "+44 20 7946 0000", "+44 20 7946 0000" },
	{ "+33142685300", "+33142685300" },
	{ "+8664153937", "+8664153937" },
	{ "1664153937", "1664153937" },
	{ "8661153937", "8661153937" },
	{ "866-415-393", "866-415-393" },
	{ "ext. 12", "ext. 12" },
	{ "", "" },
};

static void test_words__north_american_phones_are_dashed_others_left_as_typed(void **state)
{
	int failed = 0;
	char buf[32], small[8];

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(phone_rows); i++) {
		portal_words_phone(buf, sizeof(buf), phone_rows[i].typed);
		if (strcmp(buf, phone_rows[i].want) != 0) {
			print_message("'%s' gave '%s', want '%s'\n", phone_rows[i].typed, buf,
				phone_rows[i].want);
			failed = 1;
		}
	}
	assert_false(failed);
	assert_string_equal(portal_words_phone(buf, sizeof(buf), NULL), "");
	/* A small buffer is cut, never overrun. */
	assert_string_equal(portal_words_phone(small, sizeof(small), "+18664153937"), "866-415");
}

/* The messages' words come from the same place as the pages': a visit's
 * notification reads its window the way portal_words_window() does. */
static void test_words__a_visits_notification_reads_its_window_in_words(void **state)
{
	portal *p = th_open();
	portal_id client;
	char *text;

	(void)state;
	portal_set_now(p, th_at(p, "2026-12-01 09:00"));
	client = th_add_client(p, "Zo\xc3\xab Laurent");
	th_add_address(p, client, "120", "Main St", "ON");
	th_book_visit(p, client, "2026-12-07 11:00", "2026-12-07 13:00");
	text = th_sql_text("SELECT text FROM notifications WHERE client_id = ?1 "
		"ORDER BY id DESC LIMIT 1", client);
	assert_non_null(text);
	assert_non_null(strstr(text, "Mon 7 Dec, 11:00 am\xe2\x80\x93" "1:00 pm"));
	free(text);
	portal_close(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words__iso_times_days_and_months_read_as_words),
		cmocka_unit_test(test_words__a_window_says_its_day_once_and_am_pm_where_needed),
		cmocka_unit_test(test_words__north_american_phones_are_dashed_others_left_as_typed),
		cmocka_unit_test(test_words__a_visits_notification_reads_its_window_in_words),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);

	th_cleanup();
	return rc;
}
