/* SPDX-License-Identifier: MIT */
/*
 * test_validate.c - unit tests for libportal's input validation (validate.c).
 *
 * Every validator is driven by a table of rows {input, expected_ok,
 * expected_output}. A row that fails prints itself (input escaped so that
 * control bytes stay visible) and what the call did instead; a test fails
 * after all its rows ran, so one run shows every failing row.
 *
 * For a refused row the tests check the whole failure contract: the code
 * is PORTAL_EINVAL, *out is NULL, portal_errfield() is the field that was
 * passed in and portal_errmsg() starts with "field: ". For an accepted row
 * they check that the handle's error is left alone.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "helpers.h"
#include "validate.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define OK 1
#define BAD 0

/* What every refusal must not leave in *out, and the message a successful
 * call must leave untouched. */
#define UNTOUCHED "untouched by the call"

/* Pieces of long inputs: 16, 63 and 57 characters. */
#define L16 "abcdefghijklmnop"
#define L63 L16 L16 L16 "abcdefghijklmno"
#define L57 L16 L16 L16 "abcdefghi"

/* ---------------------------------------------------------------------
 * Fixture: a real handle on a new database in a temporary directory.
 */

struct fixture {
	char dir[64];
	char path[128];
	portal *p;
};

static int setup(void **state)
{
	struct fixture *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return -1;
	snprintf(f->dir, sizeof(f->dir), "/tmp/test_validate.XXXXXX");
	if (mkdtemp(f->dir) == NULL) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/shop.db", f->dir);
	if (portal_open(&f->p, f->path, PORTAL_OPEN_CREATE) != PORTAL_OK) {
		fprintf(stderr, "portal_open(%s): %s\n", f->path, portal_errmsg(f->p));
		portal_close(f->p);
		rmdir(f->dir);
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

/* Remove the directory and whatever SQLite left in it (-wal, -shm ...). */
static void remove_dir(const char *dir)
{
	char path[512];
	struct dirent *e;
	DIR *d = opendir(dir);

	if (d != NULL) {
		while ((e = readdir(d)) != NULL) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			if (snprintf(path, sizeof(path), "%s/%s", dir, e->d_name) < (int)sizeof(path))
				unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	if (f == NULL)
		return 0;
	portal_close(f->p);
	remove_dir(f->dir);
	free(f);
	return 0;
}

static portal *handle(void **state)
{
	return ((struct fixture *)*state)->p;
}

/* ---------------------------------------------------------------------
 * Checking one row.
 */


/* Forget the handle's last error, so that a refusal is known to come
 * from the call under test and a success is known to leave it alone. */
static void reset_error(portal *p)
{
	pt_error(p, PORTAL_OK, NULL, UNTOUCHED);
}

/*
 * Check the outcome of one call against its row; print the row and return
 * 0 when it does not match. Frees `out` (unless it is still `sentinel`).
 */
static int check_outcome(portal *p, const char *table, size_t row, const char *field,
	const char *in, int want_ok, const char *want, int rc, char *out, const char *sentinel)
{
	char ibuf[1024], obuf[1024], wbuf[1024];
	const char *ef = portal_errfield(p), *em = portal_errmsg(p);
	size_t flen = strlen(field);
	int good;

	if (want_ok) {
		good = rc == PORTAL_OK && out != NULL && out != sentinel &&
			strcmp(out, want) == 0 && ef == NULL && strcmp(em, UNTOUCHED) == 0;
	} else {
		good = rc == PORTAL_EINVAL && out == NULL && ef != NULL &&
			strcmp(ef, field) == 0 && strncmp(em, field, flen) == 0 &&
			strncmp(em + flen, ": ", 2) == 0;
	}
	if (!good) {
		print_error("%s row %zu: input %s: expected %s%s\n"
			"    got rc=%d, *out=%s, errfield=%s, errmsg=\"%s\"\n",
			table, row, th_show(in, ibuf, sizeof(ibuf)),
			want_ok ? "OK, *out " : "PORTAL_EINVAL, *out NULL, errfield ",
			want_ok ? th_show(want, wbuf, sizeof(wbuf)) : field,
			rc, out == NULL ? "NULL" : out == sentinel ? "(not set by the call)" :
			th_show(out, obuf, sizeof(obuf)),
			ef ? ef : "NULL", em);
	}
	if (out != sentinel)
		free(out);
	return good;
}

/* ---------------------------------------------------------------------
 * Generic table runner for the validators of one string.
 */

struct row {
	const char *in;
	int ok;
	const char *want;	/* normalised output when ok */
};

/* The extra arguments of a validator. */
struct opts {
	int required;
	const char *country;
};

typedef int (*validator)(char **out, portal *p, const char *field, const char *in,
	const struct opts *o);

static int call_email(char **out, portal *p, const char *field, const char *in,
	const struct opts *o)
{
	return pt_valid_email(out, p, field, in, o->required);
}

static int call_phone(char **out, portal *p, const char *field, const char *in,
	const struct opts *o)
{
	return pt_valid_phone(out, p, field, in, o->required);
}

static int call_vin(char **out, portal *p, const char *field, const char *in,
	const struct opts *o)
{
	(void)o;
	return pt_valid_vin(out, p, field, in);
}

static int call_house_number(char **out, portal *p, const char *field, const char *in,
	const struct opts *o)
{
	(void)o;
	return pt_valid_house_number(out, p, field, in);
}

static int call_postal_code(char **out, portal *p, const char *field, const char *in,
	const struct opts *o)
{
	return pt_valid_postal_code(out, p, field, in, o->country);
}

static int call_country(char **out, portal *p, const char *field, const char *in,
	const struct opts *o)
{
	(void)o;
	return pt_valid_country(out, p, field, in);
}

static int call_date(char **out, portal *p, const char *field, const char *in,
	const struct opts *o)
{
	return pt_valid_date(out, p, field, in, o->required);
}

static void run_rows(portal *p, const char *table, validator fn, const struct opts *o,
	const char *field, const struct row *rows, size_t n)
{
	char sentinel[] = "sentinel";
	size_t failed = 0;

	for (size_t i = 0; i < n; i++) {
		/* Start from a non-NULL value: a refusal must set *out to NULL. */
		char *out = sentinel;
		int rc;

		reset_error(p);
		rc = fn(&out, p, field, rows[i].in, o);
		if (!check_outcome(p, table, i, field, rows[i].in, rows[i].ok, rows[i].want,
			rc, out, sentinel))
			failed++;
	}
	if (failed)
		fail_msg("%s: %zu of %zu rows failed (listed above)", table, failed, n);
}

#define RUN(state, fn, o, field, rows) \
	run_rows(handle(state), #rows, (fn), (o), (field), (rows), ARRAY_LEN(rows))

/* ---------------------------------------------------------------------
 * pt_valid_text
 */

struct text_row {
	const char *in;
	size_t min, max;
	unsigned flags;
	int ok;
	const char *want;
};

static void run_text_rows(portal *p, const char *table, const struct text_row *rows, size_t n)
{
	static const char field[] = "client.name";
	char sentinel[] = "sentinel";
	size_t failed = 0;

	for (size_t i = 0; i < n; i++) {
		char *out = sentinel;
		int rc;

		reset_error(p);
		rc = pt_valid_text(&out, p, field, rows[i].in, rows[i].min, rows[i].max,
			rows[i].flags);
		if (!check_outcome(p, table, i, field, rows[i].in, rows[i].ok, rows[i].want,
			rc, out, sentinel)) {
			print_error("    (min %zu, max %zu, flags %u)\n", rows[i].min, rows[i].max,
				rows[i].flags);
			failed++;
		}
	}
	if (failed)
		fail_msg("%s: %zu of %zu rows failed (listed above)", table, failed, n);
}

#define RUN_TEXT(state, rows) run_text_rows(handle(state), #rows, (rows), ARRAY_LEN(rows))

static void test_validate__text_trims_surrounding_whitespace(void **state)
{
	static const struct text_row rows[] = {
		{ "hello", 0, 10, 0, OK, "hello" },
		{ "  hello  ", 0, 10, 0, OK, "hello" },
		{ "\t hello world \r\n", 0, 20, 0, OK, "hello world" },
		{ "\v\fx\f\v", 0, 10, 0, OK, "x" },
		{ "   ", 0, 10, 0, OK, "" },
		{ "", 0, 10, 0, OK, "" },
		/* Inner spaces stay as typed. */
		{ " a  b ", 0, 10, 0, OK, "a  b" },
		/* Length is counted after trimming. */
		{ "    abc    ", 3, 3, 0, OK, "abc" },
		/* A no-break space is text, not trimmed. */
		{ "\xc2\xa0", 0, 10, 0, OK, "\xc2\xa0" },
	};

	RUN_TEXT(state, rows);
}

static void test_validate__text_counts_code_points_not_bytes(void **state)
{
	static const struct text_row rows[] = {
		{ "Zo\xc3\xab", 3, 3, 0, OK, "Zo\xc3\xab" },		/* Zoë: 4 bytes */
		{ "Zo\xc3\xab", 0, 2, 0, BAD, NULL },
		{ "Zo\xc3\xab", 4, 10, 0, BAD, NULL },
		{ "\xc3\xa9\xc3\xa9\xc3\xa9", 0, 3, 0, OK, "\xc3\xa9\xc3\xa9\xc3\xa9" },	/* ééé */
		{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 3, 3, 0, OK,
			"\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e" },		/* 日本語 */
		{ "\xf0\x9f\x98\x80", 1, 1, 0, OK, "\xf0\x9f\x98\x80" },	/* U+1F600 */
		{ "\xf4\x8f\xbf\xbf", 1, 1, 0, OK, "\xf4\x8f\xbf\xbf" },	/* U+10FFFF */
		{ "abc", 0, 3, 0, OK, "abc" },
		{ "abc", 3, 10, 0, OK, "abc" },
		{ "abcd", 0, 3, 0, BAD, NULL },
		{ "ab", 3, 10, 0, BAD, NULL },
	};

	RUN_TEXT(state, rows);
}

static void test_validate__text_refuses_invalid_utf8(void **state)
{
	static const struct text_row rows[] = {
		{ "\xc3\x28", 0, 10, 0, BAD, NULL },		/* bad continuation */
		{ "\xc0\xaf", 0, 10, 0, BAD, NULL },		/* overlong '/' */
		{ "\xc1\xbf", 0, 10, 0, BAD, NULL },		/* overlong U+007F */
		{ "\xe0\x80\xaf", 0, 10, 0, BAD, NULL },	/* overlong, 3 bytes */
		{ "\xf0\x80\x80\xaf", 0, 10, 0, BAD, NULL },	/* overlong, 4 bytes */
		{ "\xed\xa0\x80", 0, 10, 0, BAD, NULL },	/* surrogate U+D800 */
		{ "\xed\xbf\xbf", 0, 10, 0, BAD, NULL },	/* surrogate U+DFFF */
		{ "\xf4\x90\x80\x80", 0, 10, 0, BAD, NULL },	/* U+110000 */
		{ "\xf8\x88\x80\x80\x80", 0, 10, 0, BAD, NULL },	/* 5-byte form */
		{ "\x80", 0, 10, 0, BAD, NULL },		/* lone continuation */
		{ "\xff", 0, 10, 0, BAD, NULL },
		{ "\xc3", 0, 10, 0, BAD, NULL },		/* truncated at the end */
		{ "abc\xe2\x82", 0, 10, 0, BAD, NULL },
		{ "a\xe2\x82" "b", 0, 10, 0, BAD, NULL },	/* truncated inside */
		/* The boundaries that are valid. */
		{ "\xc2\x80" "x", 0, 10, 0, BAD, NULL },	/* valid, but C1 control */
		{ "\xed\x9f\xbf", 0, 10, 0, OK, "\xed\x9f\xbf" },	/* U+D7FF */
		{ "\xee\x80\x80", 0, 10, 0, OK, "\xee\x80\x80" },	/* U+E000 */
	};

	RUN_TEXT(state, rows);
}

static void test_validate__text_refuses_control_characters(void **state)
{
	static const struct text_row rows[] = {
		{ "\x01", 0, 10, 0, BAD, NULL },
		{ "a\x01" "b", 0, 10, 0, BAD, NULL },
		{ "a\x1b[31mb", 0, 20, 0, BAD, NULL },		/* ESC */
		{ "\x7f", 0, 10, 0, BAD, NULL },			/* DEL */
		{ "a\x7f" "b", 0, 10, 0, BAD, NULL },
		{ "\xc2\x85", 0, 10, 0, BAD, NULL },		/* NEL, C1 */
		{ "a\xc2\x9f" "b", 0, 10, 0, BAD, NULL },	/* last C1 */
		{ "a\xe2\x80\xa8" "b", 0, 10, 0, BAD, NULL },	/* U+2028 */
		{ "a\xe2\x80\xa9" "b", 0, 10, 0, BAD, NULL },	/* U+2029 */
		{ "a\tb", 0, 10, 0, BAD, NULL },
		{ "a\rb", 0, 10, 0, BAD, NULL },
		{ "a\nb", 0, 10, 0, BAD, NULL },
		{ "a\r\nb", 0, 10, 0, BAD, NULL },
		/* The neighbours of the forbidden ranges are text. */
		{ " ~", 0, 10, 0, OK, "~" },
		{ "\xc2\xa1", 0, 10, 0, OK, "\xc2\xa1" },	/* ¡ */
		{ "\xe2\x80\xa7", 0, 10, 0, OK, "\xe2\x80\xa7" },	/* U+2027 */
		{ "\xe2\x80\xaa", 0, 10, 0, OK, "\xe2\x80\xaa" },	/* U+202A */
	};

	RUN_TEXT(state, rows);
}

static void test_validate__text_allows_newlines_only_when_multiline(void **state)
{
	static const struct text_row rows[] = {
		{ "a\nb", 0, 10, 0, BAD, NULL },
		{ "a\nb", 0, 10, PT_TEXT_MULTILINE, OK, "a\nb" },
		{ "a\n\nb", 0, 10, PT_TEXT_MULTILINE, OK, "a\n\nb" },
		{ "a\r\nb\r\nc", 0, 10, PT_TEXT_MULTILINE, OK, "a\nb\nc" },
		{ "line one\r\n\r\nline two", 0, 30, PT_TEXT_MULTILINE, OK,
			"line one\n\nline two" },
		/* CRLF is one character once turned into LF. */
		{ "ab\r\ncd", 5, 5, PT_TEXT_MULTILINE, OK, "ab\ncd" },
		/* Leading and trailing line breaks are trimmed. */
		{ "\r\n  a\r\n  \r\n", 0, 10, PT_TEXT_MULTILINE, OK, "a" },
		/* Other controls stay refused in multiline text. */
		{ "a\rb", 0, 10, PT_TEXT_MULTILINE, BAD, NULL },
		{ "a\x01\nb", 0, 10, PT_TEXT_MULTILINE, BAD, NULL },
		{ "a\xe2\x80\xa8" "b", 0, 10, PT_TEXT_MULTILINE, BAD, NULL },
		{ "a\xc2\x85" "b", 0, 10, PT_TEXT_MULTILINE, BAD, NULL },
		{ "a\n\xc3\x28", 0, 10, PT_TEXT_MULTILINE, BAD, NULL },
	};

	RUN_TEXT(state, rows);
}

static void test_validate__text_treats_null_as_empty(void **state)
{
	static const struct text_row rows[] = {
		{ NULL, 0, 10, 0, OK, "" },
		{ NULL, 0, 10, PT_TEXT_MULTILINE, OK, "" },
		{ NULL, 1, 10, 0, BAD, NULL },
		{ "", 1, 10, 0, BAD, NULL },
		{ " \t ", 1, 10, 0, BAD, NULL },
	};

	RUN_TEXT(state, rows);
}

static void test_validate__text_says_required_when_empty_and_min_is_positive(void **state)
{
	static const char *const inputs[] = { NULL, "", "   ", "\r\n" };
	portal *p = handle(state);

	for (size_t i = 0; i < ARRAY_LEN(inputs); i++) {
		char ibuf[64], sentinel[] = "sentinel", *out = sentinel;

		reset_error(p);
		if (pt_valid_text(&out, p, "client.name", inputs[i], 1, 10, 0) != PORTAL_EINVAL ||
		    out != NULL || strcmp(portal_errmsg(p), "client.name: required") != 0)
			fail_msg("input %s: errmsg \"%s\", want \"client.name: required\"",
				th_show(inputs[i], ibuf, sizeof(ibuf)), portal_errmsg(p));
	}
}

static void test_validate__utf8_length_counts_code_points(void **state)
{
	static const struct {
		const char *in;
		size_t want;
	} rows[] = {
		{ "", 0 },
		{ "abc", 3 },
		{ "Zo\xc3\xab", 3 },
		{ "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 3 },
		{ "a\xf0\x9f\x98\x80" "b", 3 },
	};
	char buf[64];
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		size_t got = pt_utf8_length(rows[i].in);
		if (got != rows[i].want) {
			print_error("rows row %zu: input %s: expected %zu, got %zu\n", i,
				th_show(rows[i].in, buf, sizeof(buf)), rows[i].want, got);
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

/* ---------------------------------------------------------------------
 * pt_valid_email
 */

static void test_validate__email_accepts_addresses_and_lower_cases_the_domain(void **state)
{
	static const struct opts required = { .required = 1 };
	static const struct row rows[] = {
		{ "a@b.co", OK, "a@b.co" },
		{ "First.Last+tag@Example.COM", OK, "First.Last+tag@example.com" },
		{ "  user@example.com  ", OK, "user@example.com" },
		{ "o'brien@example.ca", OK, "o'brien@example.ca" },
		{ "user_name-1@mail.sub.example.org", OK, "user_name-1@mail.sub.example.org" },
		{ "x@b-c.com", OK, "x@b-c.com" },
		{ "x@xn--bcher-kva.ch", OK, "x@xn--bcher-kva.ch" },
		{ "x@B\xc3\xbc" "cher.CH", OK, "x@b\xc3\xbc" "cher.ch" },	/* IDN, UTF-8 */
		/* A 64-character local part and a 63-character label. */
		{ L16 L16 L16 L16 "@example.com", OK, L16 L16 L16 L16 "@example.com" },
		{ "a@" L63 ".com", OK, "a@" L63 ".com" },
		/* 254 characters in all. */
		{ L16 L16 L16 L16 "@" L63 "." L63 "." L57 ".com", OK,
			L16 L16 L16 L16 "@" L63 "." L63 "." L57 ".com" },
	};

	RUN(state, call_email, &required, "client.email", rows);
}

static void test_validate__email_refuses_what_is_not_an_address(void **state)
{
	static const struct opts required = { .required = 1 };
	static const struct row rows[] = {
		{ "", BAD, NULL },
		{ NULL, BAD, NULL },
		{ "plainaddress", BAD, NULL },
		{ "a@b", BAD, NULL },			/* one label */
		{ "a@@b.com", BAD, NULL },
		{ "a@b@c.com", BAD, NULL },
		{ "@b.com", BAD, NULL },
		{ "a@", BAD, NULL },
		{ ".a@b.com", BAD, NULL },
		{ "a.@b.com", BAD, NULL },
		{ "a..b@c.com", BAD, NULL },
		{ "a@b..com", BAD, NULL },
		{ "a@.b.com", BAD, NULL },
		{ "a@b.com.", BAD, NULL },
		{ "a@-b.com", BAD, NULL },
		{ "a@b-.com", BAD, NULL },
		{ "a@b_c.com", BAD, NULL },
		{ "a@b.c", BAD, NULL },			/* one-letter top-level domain */
		{ "a b@c.com", BAD, NULL },
		{ "a\"b@c.com", BAD, NULL },
		{ "a(b)@c.com", BAD, NULL },
		{ "\xc3\xa9@c.com", BAD, NULL },		/* non-ASCII local part */
		{ "a\n@b.com", BAD, NULL },
		{ "a@b.com\x7f", BAD, NULL },
		{ "a@b.c\xc3\x28", BAD, NULL },		/* invalid UTF-8 */
		/* 65-character local part, 64-character label, 255 in all. */
		{ L16 L16 L16 L16 "x@example.com", BAD, NULL },
		{ "a@" L63 "x.com", BAD, NULL },
		{ L16 L16 L16 L16 "@" L63 "." L63 "." L57 "x.com", BAD, NULL },
	};

	RUN(state, call_email, &required, "client.email", rows);
}

static void test_validate__email_allows_empty_only_when_optional(void **state)
{
	static const struct opts optional = { .required = 0 }, required = { .required = 1 };
	static const struct row when_optional[] = {
		{ "", OK, "" },
		{ "   ", OK, "" },
		{ NULL, OK, "" },
		{ "a@b.co", OK, "a@b.co" },
		{ "a@b", BAD, NULL },
	};
	static const struct row when_required[] = {
		{ "", BAD, NULL },
		{ "   ", BAD, NULL },
		{ NULL, BAD, NULL },
	};

	RUN(state, call_email, &optional, "client.email", when_optional);
	RUN(state, call_email, &required, "client.email", when_required);
}

/* ---------------------------------------------------------------------
 * pt_valid_phone
 */

static void test_validate__phone_normalises_north_american_numbers(void **state)
{
	static const struct opts required = { .required = 1 };
	static const struct row rows[] = {
		{ "416-555-0199", OK, "+14165550199" },
		{ "(416) 555 0199", OK, "+14165550199" },
		{ "(416) 555-0199", OK, "+14165550199" },
		{ "416.555.0199", OK, "+14165550199" },
		{ "4165550199", OK, "+14165550199" },
		{ "  416 555 0199  ", OK, "+14165550199" },
		{ "1-416-555-0199", OK, "+14165550199" },
		{ "1 (416) 555-0199", OK, "+14165550199" },
		{ "14165550199", OK, "+14165550199" },
		{ "+1 416 555 0199", OK, "+14165550199" },
		{ "+1 (416) 555-0199", OK, "+14165550199" },
		{ "+14165550199", OK, "+14165550199" },
		{ "866-415-3937", OK, "+18664153937" },
		{ "212-200-0000", OK, "+12122000000" },	/* lowest area code and exchange digit */
		{ "999-999-9999", OK, "+19999999999" },
	};

	RUN(state, call_phone, &required, "client.phone", rows);
}

static void test_validate__phone_normalises_international_numbers_given_with_plus(void **state)
{
	static const struct opts required = { .required = 1 };
	static const struct row rows[] = {
		{ "+44 20 7946 0958", OK, "+442079460958" },
		{ "+33 1 23 45 67 89", OK, "+33123456789" },
		{ "+49 30 1234567", OK, "+49301234567" },
		{ "+49123456", OK, "+49123456" },			/* 8 digits */
		{ "+491234567890123", OK, "+491234567890123" },	/* 15 digits */
		{ "+7 (495) 123-45-67", OK, "+74951234567" },
	};

	RUN(state, call_phone, &required, "client.phone", rows);
}

static void test_validate__phone_refuses_impossible_numbers(void **state)
{
	static const struct opts required = { .required = 1 };
	static const struct row rows[] = {
		{ "555-0199", BAD, NULL },		/* 7 digits */
		{ "123-456-7890", BAD, NULL },		/* area code starting 1 */
		{ "023-456-7890", BAD, NULL },		/* area code starting 0 */
		{ "416-155-0199", BAD, NULL },		/* exchange starting 1 */
		{ "416-055-0199", BAD, NULL },		/* exchange starting 0 */
		{ "1-123-456-7890", BAD, NULL },
		{ "2-416-555-0199", BAD, NULL },	/* 11 digits, not country 1 */
		{ "+1 123 456 7890", BAD, NULL },
		{ "+1 416 155 0199", BAD, NULL },
		{ "+1 416 555 019", BAD, NULL },	/* +1 needs ten more digits */
		{ "+1 416 555 01999", BAD, NULL },
		{ "416-555-019a", BAD, NULL },
		{ "1-800-FLOWERS", BAD, NULL },
		{ "416-555-0199 ext 2", BAD, NULL },
		{ "416-555-0199#", BAD, NULL },
		{ "++1 416 555 0199", BAD, NULL },
		{ "+ +1 416 555 0199", BAD, NULL },
		{ "416 555 0199+", BAD, NULL },
		{ "(+44) 20 7946 0958", BAD, NULL },
		{ "+0 20 7946 0958", BAD, NULL },
		{ "+020 7946 0958", BAD, NULL },
		{ "44 20 7946 0958", BAD, NULL },	/* international without + */
		{ "+4912345", BAD, NULL },		/* 7 digits */
		{ "+1234567890123456", BAD, NULL },	/* 16 digits */
		{ "+4912345678901234", BAD, NULL },	/* 16 digits */
		{ "4165550199012345", BAD, NULL },
		{ "12345678901234567890123", BAD, NULL },
		{ "+", BAD, NULL },
		{ "-", BAD, NULL },
		{ "()", BAD, NULL },
		{ "416\n555 0199", BAD, NULL },
		{ "\xef\xbc\x94\xef\xbc\x91\xef\xbc\x96" "5550199", BAD, NULL },	/* full-width digits */
		{ "", BAD, NULL },
		{ NULL, BAD, NULL },
	};

	RUN(state, call_phone, &required, "client.phone", rows);
}

static void test_validate__phone_allows_empty_only_when_optional(void **state)
{
	static const struct opts optional = { .required = 0 };
	static const struct row rows[] = {
		{ "", OK, "" },
		{ "  ", OK, "" },
		{ NULL, OK, "" },
		{ "416-555-0199", OK, "+14165550199" },
		{ "555-0199", BAD, NULL },
	};

	RUN(state, call_phone, &optional, "client.phone", rows);
}

/* ---------------------------------------------------------------------
 * pt_valid_vin
 */

static void test_validate__vin_accepts_a_correct_check_digit_and_upper_cases(void **state)
{
	static const struct row rows[] = {
		{ "1M8GDM9AXKP042788", OK, "1M8GDM9AXKP042788" },	/* check digit X */
		{ "1m8gdm9axkp042788", OK, "1M8GDM9AXKP042788" },
		{ "  1M8GDM9AXKP042788  ", OK, "1M8GDM9AXKP042788" },
		{ "1HGCM82633A004352", OK, "1HGCM82633A004352" },
		{ "11111111111111111", OK, "11111111111111111" },
		{ "", OK, "" },
		{ NULL, OK, "" },
	};

	RUN(state, call_vin, NULL, "asset.vin", rows);
}

static void test_validate__vin_skips_the_check_digit_outside_north_america(void **state)
{
	static const struct row rows[] = {
		{ "WVWZZZ1JZXW000001", OK, "WVWZZZ1JZXW000001" },
		{ "wvwzzz1jzxw000001", OK, "WVWZZZ1JZXW000001" },
		{ "JH4KA7561PC008260", OK, "JH4KA7561PC008260" },
		/* The alphabet is still checked. */
		{ "WVWZZZ1JZXO000001", BAD, NULL },
		{ "WVWZZZ1JZXW00000", BAD, NULL },
	};

	RUN(state, call_vin, NULL, "asset.vin", rows);
}

static void test_validate__vin_refuses_wrong_characters_lengths_and_check_digits(void **state)
{
	static const struct row rows[] = {
		{ "1M8GDM9A1KP042788", BAD, NULL },	/* wrong check digit */
		{ "1M8GDM9AXKP042789", BAD, NULL },	/* last character mistyped */
		{ "1HGCM82643A004352", BAD, NULL },
		{ "1M8GDM9AXKP04278", BAD, NULL },	/* 16 characters */
		{ "1M8GDM9AXKP0427888", BAD, NULL },	/* 18 characters */
		{ "IM8GDM9AXKP042788", BAD, NULL },	/* I */
		{ "1M8GDM9AXKO042788", BAD, NULL },	/* O */
		{ "1M8GDM9AXKQ042788", BAD, NULL },	/* Q */
		{ "1m8gdm9axkp04278o", BAD, NULL },	/* o, upper-cased to O */
		{ "1M8GDM9AX P042788", BAD, NULL },
		{ "1M8GDM9AXKP04278-", BAD, NULL },
		{ "1M8GDM9AXKP04278\xc3\xa9", BAD, NULL },	/* 17 code points, 18 bytes */
		{ "1M8GDM9AXKP04278\x01", BAD, NULL },
	};

	RUN(state, call_vin, NULL, "asset.vin", rows);
}

/* ---------------------------------------------------------------------
 * pt_valid_house_number, pt_house_key
 */

static void test_validate__house_number_accepts_digits_first(void **state)
{
	static const struct row rows[] = {
		{ "120", OK, "120" },
		{ "1", OK, "1" },
		{ "120A", OK, "120A" },
		{ "120a", OK, "120a" },
		{ "120 1/2", OK, "120 1/2" },
		{ "120\xc2\xbd", OK, "120\xc2\xbd" },		/* 120½ */
		{ "  120  ", OK, "120" },
		{ "123456789012", OK, "123456789012" },	/* 12 characters */
		{ "12345678901\xc2\xbd", OK, "12345678901\xc2\xbd" },	/* 12, in 13 bytes */
	};

	RUN(state, call_house_number, NULL, "address.house_number", rows);
}

static void test_validate__house_number_refuses_what_does_not_start_with_a_digit(void **state)
{
	static const struct row rows[] = {
		{ "", BAD, NULL },
		{ NULL, BAD, NULL },
		{ "   ", BAD, NULL },
		{ "A120", BAD, NULL },
		{ "5-120", BAD, NULL },
		{ "120#", BAD, NULL },
		{ "120,", BAD, NULL },
		{ "-120", BAD, NULL },
		{ "\xc2\xbd", BAD, NULL },			/* ½ alone */
		{ "120\xc3\xa9", BAD, NULL },		/* 120é */
		{ "120\xc2\xa0", BAD, NULL },		/* trailing no-break space */
		{ "120\xc2", BAD, NULL },			/* truncated UTF-8 */
		{ "1234567890123", BAD, NULL },		/* 13 characters */
		{ "120\n1", BAD, NULL },
	};

	RUN(state, call_house_number, NULL, "address.house_number", rows);
}

static void test_validate__house_key_lower_cases_drops_spaces_and_spells_half(void **state)
{
	static const struct {
		const char *in, *want;
	} rows[] = {
		{ "120", "120" },
		{ "120 A", "120a" },
		{ "120A", "120a" },
		{ "120\xc2\xbd", "1201/2" },
		{ "120 1/2", "1201/2" },
		{ "1\xc2\xbd\xc2\xbd", "11/21/2" },
		{ " 12 0 B ", "120b" },
		{ "", "" },
	};
	char ibuf[64], obuf[64];
	size_t failed = 0;

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char *key = pt_house_key(rows[i].in);
		if (key == NULL || strcmp(key, rows[i].want) != 0) {
			print_error("rows row %zu: input %s: expected \"%s\", got %s\n", i,
				th_show(rows[i].in, ibuf, sizeof(ibuf)), rows[i].want,
				th_show(key, obuf, sizeof(obuf)));
			failed++;
		}
		free(key);
	}
	assert_int_equal(failed, 0);
}

/* ---------------------------------------------------------------------
 * pt_valid_postal_code
 */

static void test_validate__postal_code_normalises_canadian_codes(void **state)
{
	static const struct opts canada = { .country = "CA" };
	static const struct row rows[] = {
		/* Typed without the space, the code grows by one byte. */
		{ "m5v2t6", OK, "M5V 2T6" },
		{ "M5V2T6", OK, "M5V 2T6" },
		{ "M5V 2T6", OK, "M5V 2T6" },
		{ "m5v 2t6", OK, "M5V 2T6" },
		{ "M5V-2T6", OK, "M5V 2T6" },
		{ "  m5v 2t6  ", OK, "M5V 2T6" },
		{ "K1A 0B1", OK, "K1A 0B1" },
		{ "H0H 0H0", OK, "H0H 0H0" },
		{ "V9Z 9Y9", OK, "V9Z 9Y9" },	/* W and Z allowed after the first */
		{ "", OK, "" },
		{ NULL, OK, "" },
	};

	RUN(state, call_postal_code, &canada, "address.postal_code", rows);
}

static void test_validate__postal_code_refuses_malformed_canadian_codes(void **state)
{
	static const struct opts canada = { .country = "CA" };
	static const struct row rows[] = {
		{ "M5V 2T", BAD, NULL },	/* too short */
		{ "M5V 2T66", BAD, NULL },	/* too long */
		{ "M5V 2T6 X", BAD, NULL },
		{ "D5V 2T6", BAD, NULL },	/* D never used */
		{ "F5V 2T6", BAD, NULL },
		{ "I5V 2T6", BAD, NULL },
		{ "O5V 2T6", BAD, NULL },
		{ "Q5V 2T6", BAD, NULL },
		{ "U5V 2T6", BAD, NULL },
		{ "M5D 2T6", BAD, NULL },
		{ "M5V 2U6", BAD, NULL },
		{ "W1A 1A1", BAD, NULL },	/* W, Z never first */
		{ "Z1A 1A1", BAD, NULL },
		{ "MM5 2T6", BAD, NULL },
		{ "M5V 236", BAD, NULL },
		{ "123 456", BAD, NULL },
		{ "90210", BAD, NULL },
		{ "M5V.2T6", BAD, NULL },
		{ "M5V_2T6", BAD, NULL },
		{ "M5V\xc2\xa0" "2T6", BAD, NULL },
		{ "M5V\t2T6", BAD, NULL },
	};

	RUN(state, call_postal_code, &canada, "address.postal_code", rows);
}

static void test_validate__postal_code_checks_us_zip_codes(void **state)
{
	static const struct opts us = { .country = "US" };
	static const struct row rows[] = {
		{ "90210", OK, "90210" },
		{ "90210-1234", OK, "90210-1234" },
		{ " 90210 ", OK, "90210" },
		{ "", OK, "" },
		{ "9021", BAD, NULL },
		{ "902101", BAD, NULL },
		{ "90210-", BAD, NULL },
		{ "90210-123", BAD, NULL },
		{ "90210-12345", BAD, NULL },
		{ "90210 1234", BAD, NULL },
		{ "902-101234", BAD, NULL },
		{ "9021O", BAD, NULL },
		{ "ABCDE", BAD, NULL },
		{ "M5V 2T6", BAD, NULL },
	};

	RUN(state, call_postal_code, &us, "address.postal_code", rows);
}

static void test_validate__postal_code_is_loose_for_other_countries(void **state)
{
	static const struct opts gb = { .country = "GB" }, fr = { .country = "FR" };
	static const struct row gb_rows[] = {
		{ "SW1A 1AA", OK, "SW1A 1AA" },
		{ "sw1a 1aa", OK, "sw1a 1aa" },
		{ "EC1A-1BB", OK, "EC1A-1BB" },
		{ "", OK, "" },
		{ "SW1A#1AA", BAD, NULL },
		{ "SW1A.1AA", BAD, NULL },
		{ "SW1A\xc3\xa9", BAD, NULL },
		{ "1234567890123", BAD, NULL },	/* 13 characters */
	};
	static const struct row fr_rows[] = {
		{ "75008", OK, "75008" },
		{ "75 008", OK, "75 008" },
		{ "75008/", BAD, NULL },
	};

	RUN(state, call_postal_code, &gb, "address.postal_code", gb_rows);
	RUN(state, call_postal_code, &fr, "address.postal_code", fr_rows);
}

/* ---------------------------------------------------------------------
 * pt_valid_country
 */

static void test_validate__country_upper_cases_and_defaults_to_canada(void **state)
{
	static const struct row rows[] = {
		{ "", OK, "CA" },
		{ NULL, OK, "CA" },
		{ "   ", OK, "CA" },
		{ "CA", OK, "CA" },
		{ "ca", OK, "CA" },
		{ "Us", OK, "US" },
		{ " gb ", OK, "GB" },
		{ "USA", BAD, NULL },
		{ "C", BAD, NULL },
		{ "C1", BAD, NULL },
		{ "1C", BAD, NULL },
		{ "c-", BAD, NULL },
		{ "C A", BAD, NULL },
		{ "\xc3\x89", BAD, NULL },			/* É */
		{ "\xc3\xa9\xc3\xa9", BAD, NULL },		/* éé: 2 code points */
		{ "C\x01", BAD, NULL },
	};

	RUN(state, call_country, NULL, "address.country", rows);
}

/* ---------------------------------------------------------------------
 * pt_valid_date
 */

static void test_validate__date_accepts_real_calendar_days(void **state)
{
	static const struct opts required = { .required = 1 };
	static const struct row rows[] = {
		{ "2028-02-29", OK, "2028-02-29" },	/* leap year */
		{ "2000-02-29", OK, "2000-02-29" },	/* divisible by 400 */
		{ "2026-01-01", OK, "2026-01-01" },
		{ "2026-12-31", OK, "2026-12-31" },
		{ "2026-04-30", OK, "2026-04-30" },
		{ "1900-01-01", OK, "1900-01-01" },
		{ "9999-12-31", OK, "9999-12-31" },
		{ " 2026-06-30 ", OK, "2026-06-30" },
	};

	RUN(state, call_date, &required, "job.date", rows);
}

static void test_validate__date_refuses_impossible_or_malformed_dates(void **state)
{
	static const struct opts required = { .required = 1 };
	static const struct row rows[] = {
		{ "2026-02-29", BAD, NULL },	/* not a leap year */
		{ "1900-02-29", BAD, NULL },	/* divisible by 100 */
		{ "2026-13-01", BAD, NULL },
		{ "2026-00-10", BAD, NULL },
		{ "2026-01-00", BAD, NULL },
		{ "2026-01-32", BAD, NULL },
		{ "2026-04-31", BAD, NULL },
		{ "1899-12-31", BAD, NULL },
		{ "2026-1-01", BAD, NULL },
		{ "2026-01-1", BAD, NULL },
		{ "26-01-01", BAD, NULL },
		{ "2026-1-011", BAD, NULL },
		{ "2026-01-001", BAD, NULL },
		{ "2026/01/01", BAD, NULL },
		{ "20260101", BAD, NULL },
		{ "2026-01-01x", BAD, NULL },
		{ "2026-01-1x", BAD, NULL },
		{ "+026-01-01", BAD, NULL },
		{ "-026-01-01", BAD, NULL },
		{ "2026-+1-01", BAD, NULL },
		{ "2026--1-01", BAD, NULL },
		{ "2026-01-+1", BAD, NULL },
		{ "2026- 1-01", BAD, NULL },
		{ "2026-01- 1", BAD, NULL },
		{ "abcd-ef-gh", BAD, NULL },
		{ "", BAD, NULL },
		{ NULL, BAD, NULL },
	};

	RUN(state, call_date, &required, "job.date", rows);
}

static void test_validate__date_allows_empty_only_when_optional(void **state)
{
	static const struct opts optional = { .required = 0 };
	static const struct row rows[] = {
		{ "", OK, "" },
		{ NULL, OK, "" },
		{ "2026-01-01", OK, "2026-01-01" },
		{ "2026-02-29", BAD, NULL },
	};

	RUN(state, call_date, &optional, "job.date", rows);
}

/* ---------------------------------------------------------------------
 * pt_valid_location
 */

static void test_validate__location_accepts_the_range_edges_inclusive(void **state)
{
	static const struct {
		double lat, lon;
		int ok;
	} rows[] = {
		{ 0.0, 0.0, OK },
		{ 43.6532, -79.3832, OK },
		{ 90.0, 180.0, OK },
		{ -90.0, -180.0, OK },
		{ 90.0, -180.0, OK },
		{ -90.0, 180.0, OK },
		{ -0.0, -0.0, OK },
		{ 90.000001, 0.0, BAD },
		{ -90.000001, 0.0, BAD },
		{ 0.0, 180.000001, BAD },
		{ 0.0, -180.000001, BAD },
		{ 180.0, 90.0, BAD },			/* swapped */
		{ NAN, 0.0, BAD },
		{ 0.0, NAN, BAD },
		{ INFINITY, 0.0, BAD },
		{ -INFINITY, 0.0, BAD },
		{ 0.0, INFINITY, BAD },
		{ 0.0, -INFINITY, BAD },
	};
	static const char field[] = "address.location";
	portal *p = handle(state);
	size_t failed = 0;

	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		const char *ef;
		int rc, good;

		reset_error(p);
		rc = pt_valid_location(p, field, rows[i].lat, rows[i].lon);
		ef = portal_errfield(p);
		if (rows[i].ok)
			good = rc == PORTAL_OK && ef == NULL &&
				strcmp(portal_errmsg(p), UNTOUCHED) == 0;
		else
			good = rc == PORTAL_EINVAL && ef != NULL && strcmp(ef, field) == 0;
		if (!good) {
			print_error("rows row %zu: lat %.9g lon %.9g: expected %s, got rc=%d, "
				"errfield=%s, errmsg=\"%s\"\n", i, rows[i].lat, rows[i].lon,
				rows[i].ok ? "OK" : "PORTAL_EINVAL", rc, ef ? ef : "NULL",
				portal_errmsg(p));
			failed++;
		}
	}
	assert_int_equal(failed, 0);
}

static void test_validate__location_refuses_just_beyond_the_edges(void **state)
{
	const double lat_edges[] = { 90.0, -90.0 }, lon_edges[] = { 180.0, -180.0 };
	portal *p = handle(state);

	for (size_t i = 0; i < 2; i++) {
		double out_lat = nextafter(lat_edges[i], lat_edges[i] * 2);
		double out_lon = nextafter(lon_edges[i], lon_edges[i] * 2);

		reset_error(p);
		assert_int_equal(pt_valid_location(p, "address.location", lat_edges[i], lon_edges[i]),
			PORTAL_OK);
		assert_int_equal(pt_valid_location(p, "address.location", out_lat, 0.0),
			PORTAL_EINVAL);
		assert_string_equal(portal_errfield(p), "address.location");
		reset_error(p);
		assert_int_equal(pt_valid_location(p, "address.location", 0.0, out_lon),
			PORTAL_EINVAL);
		assert_string_equal(portal_errfield(p), "address.location");
	}
}

/* ---------------------------------------------------------------------
 * The failure contract common to every validator.
 */

static int call_text(char **out, portal *p, const char *field, const char *in,
	const struct opts *o)
{
	(void)o;
	return pt_valid_text(out, p, field, in, 1, 10, 0);
}

static void test_validate__every_refusal_sets_out_to_null(void **state)
{
	static const struct opts required = { .required = 1 }, canada = { .country = "CA" };
	static const struct {
		const char *name;
		validator fn;
		const struct opts *o;
		const char *in;
	} rows[] = {
		{ "pt_valid_text", call_text, NULL, "" },
		{ "pt_valid_text", call_text, NULL, "\xc3\x28" },
		{ "pt_valid_email", call_email, &required, "a@b" },
		/* Refused by pt_valid_text() inside each validator. */
		{ "pt_valid_email", call_email, &required, "" },
		{ "pt_valid_phone", call_phone, &required, "555-0199" },
		{ "pt_valid_vin", call_vin, NULL, "1M8GDM9A1KP042788" },
		{ "pt_valid_house_number", call_house_number, NULL, "A120" },
		{ "pt_valid_postal_code", call_postal_code, &canada, "M5V 2T" },
		{ "pt_valid_country", call_country, NULL, "USA" },
		{ "pt_valid_date", call_date, &required, "2026-02-29" },
	};
	static const char field[] = "some.field";
	portal *p = handle(state);
	size_t failed = 0;

	(void)canada;
	for (size_t i = 0; i < ARRAY_LEN(rows); i++) {
		char sentinel[] = "sentinel", *out = sentinel;
		int rc;

		reset_error(p);
		rc = rows[i].fn(&out, p, field, rows[i].in, rows[i].o);
		if (!check_outcome(p, rows[i].name, i, field, rows[i].in, BAD, NULL, rc, out,
			sentinel))
			failed++;
	}
	assert_int_equal(failed, 0);
}

/* What a program printed, and a message that quotes what people typed,
 * become one line of valid UTF-8; valid text stays as it is. */
static void test_validate__scrub_makes_one_line_of_valid_utf8(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "gateway said: ok", "gateway said: ok" },
		{ "Zo\xc3\xab \xe6\x9d\x8e", "Zo\xc3\xab \xe6\x9d\x8e" },
		{ "two\nlines\r", "two?lines?" },
		{ "escape \x1b[31m", "escape ?[31m" },
		{ "stray \xff byte", "stray ? byte" },
		{ "cut \xc3", "cut ?" },
		{ "next line \xc2\x85 here", "next line ?? here" },
		{ "separator \xe2\x80\xa8 here", "separator ??? here" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char buf[64];

		snprintf(buf, sizeof(buf), "%s", cases[i].in);
		pt_text_scrub(buf);
		assert_string_equal(buf, cases[i].out);
	}
}

/* ---------------------------------------------------------------------
 */

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_validate__text_trims_surrounding_whitespace),
		T(test_validate__text_counts_code_points_not_bytes),
		T(test_validate__text_refuses_invalid_utf8),
		T(test_validate__scrub_makes_one_line_of_valid_utf8),
		T(test_validate__text_refuses_control_characters),
		T(test_validate__text_allows_newlines_only_when_multiline),
		T(test_validate__text_treats_null_as_empty),
		T(test_validate__text_says_required_when_empty_and_min_is_positive),
		T(test_validate__utf8_length_counts_code_points),
		T(test_validate__email_accepts_addresses_and_lower_cases_the_domain),
		T(test_validate__email_refuses_what_is_not_an_address),
		T(test_validate__email_allows_empty_only_when_optional),
		T(test_validate__phone_normalises_north_american_numbers),
		T(test_validate__phone_normalises_international_numbers_given_with_plus),
		T(test_validate__phone_refuses_impossible_numbers),
		T(test_validate__phone_allows_empty_only_when_optional),
		T(test_validate__vin_accepts_a_correct_check_digit_and_upper_cases),
		T(test_validate__vin_skips_the_check_digit_outside_north_america),
		T(test_validate__vin_refuses_wrong_characters_lengths_and_check_digits),
		T(test_validate__house_number_accepts_digits_first),
		T(test_validate__house_number_refuses_what_does_not_start_with_a_digit),
		T(test_validate__house_key_lower_cases_drops_spaces_and_spells_half),
		T(test_validate__postal_code_normalises_canadian_codes),
		T(test_validate__postal_code_refuses_malformed_canadian_codes),
		T(test_validate__postal_code_checks_us_zip_codes),
		T(test_validate__postal_code_is_loose_for_other_countries),
		T(test_validate__country_upper_cases_and_defaults_to_canada),
		T(test_validate__date_accepts_real_calendar_days),
		T(test_validate__date_refuses_impossible_or_malformed_dates),
		T(test_validate__date_allows_empty_only_when_optional),
		T(test_validate__location_accepts_the_range_edges_inclusive),
		T(test_validate__location_refuses_just_beyond_the_edges),
		T(test_validate__every_refusal_sets_out_to_null),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
