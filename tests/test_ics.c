/* SPDX-License-Identifier: MIT */
/*
 * test_ics.c - unit tests of visits as iCalendar files (ics.c), checked
 * against the rules of RFC 5545 they rely on: CRLF line ends (3.1), lines
 * of at most 75 octets folded with CRLF and a space, never inside a UTF-8
 * character (3.1), TEXT escaping of backslash, semicolon, comma and
 * newline (3.3.11), and UTC date-times with "Z" (3.3.5).
 *
 * The shop is in America/Toronto at TH_NOW (Sunday 2026-11-22 10:00 EST).
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
#include "fixtures.h"

static struct {
	portal_id ann, home;
} fx;

static int setup(void **state)
{
	portal *p = th_open();
	portal_address_fields a = PORTAL_ADDRESS_FIELDS_INIT;

	assert_int_equal(portal_shop_set(p, "name", "Fix-It Repair"), PORTAL_OK);
	assert_int_equal(portal_shop_set(p, "email", "shop@fixit.example"), PORTAL_OK);
	assert_int_equal(portal_shop_set(p, "phone", "866-415-3937"), PORTAL_OK);
	fx.ann = th_add_client(p, "Ann Lee");
	a.house_number = "120";
	a.unit = "5";
	a.street = "Rue Saint-\xc3\x89" "douard; c\xc3\xb4t\xc3\xa9 cour \\ jardin";
	a.city = "Montr\xc3\xa9" "al";
	fx.home = th_add_address_fields(p, fx.ann, &a);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

/* A visit of Ann at home for [start, end) typed in shop time. */
static portal_id book(portal *p, const char *start, const char *end)
{
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;

	f.client_id = fx.ann;
	f.address_id = fx.home;
	f.window_start = th_at(p, start);
	f.window_end = th_at(p, end);
	return th_add_visit(p, &f);
}

static int utf8_valid(const unsigned char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t len = s[i] < 0x80 ? 1 : (s[i] & 0xE0) == 0xC0 ? 2 :
			(s[i] & 0xF0) == 0xE0 ? 3 : (s[i] & 0xF8) == 0xF0 ? 4 : 0;
		if (len == 0 || i + len > n)
			return 0;
		for (size_t k = 1; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return 0;
		i += len;
	}
	return 1;
}

/*
 * Check the physical lines of `ics`: CRLF ends, at most 75 octets, each
 * one valid UTF-8 on its own (so no fold split a character). Returns the
 * unfolded text, lines joined by "\n", for the caller to free.
 */
static char *check_and_unfold(const char *ics, size_t len)
{
	char *out = malloc(len + 1);
	size_t o = 0, i = 0;

	assert_non_null(out);
	assert_true(len > 2 && ics[len - 2] == '\r' && ics[len - 1] == '\n');
	while (i < len) {
		const char *eol = strstr(ics + i, "\r\n");
		size_t n;

		if (eol == NULL)
			fail_msg("a line without CRLF at octet %zu", i);
		n = (size_t)(eol - (ics + i));
		if (memchr(ics + i, '\n', n) || memchr(ics + i, '\r', n))
			fail_msg("a bare CR or LF at octet %zu", i);
		if (n > 75)
			fail_msg("a line of %zu octets: %.80s", n, ics + i);
		if (!utf8_valid((const unsigned char *)ics + i, n))
			fail_msg("a line that splits a UTF-8 character: %.*s", (int)n, ics + i);
		if (ics[i] == ' ') {
			/* A continuation: drop the fold. */
			assert_true(o > 0);
			o--;
			memcpy(out + o, ics + i + 1, n - 1);
			o += n - 1;
		} else {
			memcpy(out + o, ics + i, n);
			o += n;
		}
		out[o++] = '\n';
		i += n + 2;
	}
	out[o] = '\0';
	return out;
}

static char *ics_of(portal *p, portal_id id)
{
	portal_buf b = PORTAL_BUF_INIT;
	char *text;

	assert_int_equal(portal_appointment_ics(&b, p, id), PORTAL_OK);
	text = check_and_unfold(b.ptr, b.size);
	portal_buf_dispose(&b);
	return text;
}

static void has_line(const char *text, const char *line)
{
	char *want = malloc(strlen(line) + 3);

	assert_non_null(want);
	sprintf(want, "\n%s\n", line);
	if (strstr(text, want) == NULL)
		fail_msg("no line '%s' in:\n%s", line, text);
	free(want);
}

static void test_ics__a_visit_is_one_event_in_utc(void **state)
{
	portal *p = *state;
	portal_id id = book(p, "2026-11-23 08:00", "2026-11-23 12:00");
	char *text = ics_of(p, id), uid[80];

	assert_true(strncmp(text, "BEGIN:VCALENDAR\n", 16) == 0);
	has_line(text, "VERSION:2.0");
	has_line(text, "METHOD:PUBLISH");
	assert_non_null(strstr(text, "\nPRODID:-//libportal//portal "));
	has_line(text, "BEGIN:VEVENT");
	snprintf(uid, sizeof(uid), "UID:appointment-%lld@fixit.example", (long long)id);
	has_line(text, uid);
	has_line(text, "DTSTAMP:20261122T150000Z");
	has_line(text, "DTSTART:20261123T130000Z");
	has_line(text, "DTEND:20261123T170000Z");
	has_line(text, "STATUS:CONFIRMED");
	has_line(text, "SUMMARY:Visit from Fix-It Repair");
	has_line(text, "END:VEVENT");
	assert_non_null(strstr(text, "\nEND:VCALENDAR\n"));
	/* The cancellation terms, in shop time, and the shop's phone. */
	assert_non_null(strstr(text, "Cancellation is free until Sun 22 Nov\\, 8:00 pm\\; after "
		"that\\, a late cancellation fee of $60.00 applies.\\n"));
	assert_non_null(strstr(text, "866-415-3937"));
	free(text);
}

static void test_ics__text_is_escaped_and_folded_between_characters(void **state)
{
	portal *p = *state;
	portal_id id = book(p, "2026-11-23 08:00", "2026-11-23 12:00");
	char *text = ics_of(p, id);

	has_line(text, "LOCATION:5-120 Rue Saint-\xc3\x89" "douard\\; c\xc3\xb4t\xc3\xa9 cour "
		"\\\\ jardin\\, Montr\xc3\xa9" "al");
	/* DESCRIPTION holds newlines: escaped, never raw. */
	assert_non_null(strstr(text, "\nDESCRIPTION:The technician arrives Mon 23 Nov\\, 8:00 am\xe2\x80\x93"
		"12:00 pm.\\nCancellation"));
	free(text);

	/* Names of every length with 2-, 3- and 4-octet characters put the
	 * 75th octet at every place inside a character. */
	for (int pad = 0; pad < 8; pad++) {
		char name[200];
		int n = snprintf(name, sizeof(name), "%.*s", pad, "xxxxxxxx");
		for (int k = 0; k < 6; k++)
			n += snprintf(name + n, sizeof(name) - (size_t)n,
				"\xc3\xa9\xe2\x82\xac\xf0\x9f\x94\xa7 ");
		name[n - 1] = '\0';   /* the setting trims a final space */
		assert_int_equal(portal_shop_set(p, "name", name), PORTAL_OK);
		text = ics_of(p, id);
		assert_non_null(strstr(text, name));
		free(text);
	}
}

static void test_ics__uid_is_stable_and_a_cancelled_visit_says_so(void **state)
{
	portal *p = *state;
	portal_id id = book(p, "2026-11-24 08:00", "2026-11-24 12:00");
	char *before = ics_of(p, id), *after;
	const char *u1, *u2;

	assert_int_equal(portal_appointment_cancel(NULL, p, id), PORTAL_OK);
	portal_set_now(p, TH_NOW + 3600);
	after = ics_of(p, id);
	u1 = strstr(before, "\nUID:");
	u2 = strstr(after, "\nUID:");
	assert_non_null(u1);
	assert_non_null(u2);
	assert_int_equal(strcspn(u1 + 1, "\n"), strcspn(u2 + 1, "\n"));
	assert_memory_equal(u1, u2, strcspn(u1 + 1, "\n"));
	has_line(after, "STATUS:CANCELLED");
	has_line(after, "SEQUENCE:1");
	has_line(before, "SEQUENCE:0");
	has_line(after, "DTSTAMP:20261122T160000Z");
	assert_non_null(strstr(after, "This visit was cancelled."));
	assert_null(strstr(after, "free until"));
	free(before);
	free(after);
}

static void test_ics__unknown_visit(void **state)
{
	portal *p = *state;
	portal_buf b = PORTAL_BUF_INIT;

	assert_int_equal(portal_appointment_ics(&b, p, 42), PORTAL_ENOTFOUND);
	assert_null(b.ptr);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_ics__a_visit_is_one_event_in_utc),
		T(test_ics__text_is_escaped_and_folded_between_characters),
		T(test_ics__uid_is_stable_and_a_cancelled_visit_says_so),
		T(test_ics__unknown_visit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
