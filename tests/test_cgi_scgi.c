/* SPDX-License-Identifier: MIT */
/*
 * test_cgi_scgi.c - the SCGI request head of portal.cgi's resident mode
 * (cgi/scgi.c): the netstring and its header pairs, every malformed or
 * oversized head refused, every truncated one asking for more, and the
 * request source over it (the body within CONTENT_LENGTH, no PORTAL_*
 * variable taken from a request).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scgi.h"

/* A head of `pairs` ("NAME", "value", ..., NULL) as a netstring, then
 * `body`: into `out` (freed by the caller), its length into `*len`. */
static char *head_of(size_t *len, const char *const *pairs, const char *body)
{
	size_t content = 0, n, body_len = body ? strlen(body) : 0;
	char *out, *p;

	for (size_t i = 0; pairs[i]; i++)
		content += strlen(pairs[i]) + 1;
	out = malloc(content + body_len + 32);
	assert_non_null(out);
	n = (size_t)sprintf(out, "%zu:", content);
	p = out + n;
	for (size_t i = 0; pairs[i]; i++) {
		memcpy(p, pairs[i], strlen(pairs[i]) + 1);
		p += strlen(pairs[i]) + 1;
	}
	*p++ = ',';
	if (body_len)
		memcpy(p, body, body_len);
	*len = (size_t)(p - out) + body_len;
	return out;
}

static int parse_pairs(const char *const *pairs)
{
	scgi_request r;
	const char *why = NULL;
	size_t len;
	char *buf = head_of(&len, pairs, NULL);
	int rc = scgi_parse(&r, buf, len, &why);

	assert_non_null(why);
	if (rc != SCGI_OK)
		assert_true(strlen(why) > 0);
	free(buf);
	return rc;
}

/* The result of parsing `len` bytes of `text`. */
static int parse_bytes(const char *text, size_t len)
{
	scgi_request r;
	const char *why = NULL;
	int rc = scgi_parse(&r, text, len, &why);

	assert_non_null(why);
	if (rc != SCGI_OK)
		assert_true(strlen(why) > 0);
	return rc;
}

#define PARSE_TEXT(s) parse_bytes((s), sizeof(s) - 1)

static const char *const post_pairs[] = { "CONTENT_LENGTH", "27", "SCGI", "1",
	"REQUEST_METHOD", "POST", "REQUEST_URI", "/portal/chat",
	"CONTENT_TYPE", "application/x-www-form-urlencoded", "HTTP_COOKIE", "a=b",
	"PORTAL_DB", "/elsewhere.db", "PORTAL_NOW", "2000-01-01T00:00:00Z", NULL };

static void test_cgi_scgi__a_whole_head_is_parsed(void **state)
{
	scgi_request r;
	const char *why;
	size_t len;
	char *buf = head_of(&len, post_pairs, "csrf=x&text=hello%20world!!");

	(void)state;
	assert_int_equal(scgi_parse(&r, buf, len, &why), SCGI_OK);
	assert_int_equal(r.count, 8);
	assert_int_equal(r.content_length, 27);
	assert_string_equal(scgi_header(&r, "REQUEST_METHOD"), "POST");
	assert_string_equal(scgi_header(&r, "HTTP_COOKIE"), "a=b");
	assert_null(scgi_header(&r, "HTTP_ORIGIN"));
	assert_memory_equal(buf + r.body_start, "csrf=x", 6);
	free(buf);
}

static void test_cgi_scgi__every_truncated_head_asks_for_more(void **state)
{
	size_t len;
	char *buf = head_of(&len, post_pairs, NULL);

	(void)state;
	for (size_t n = 0; n < len; n++)
		if (parse_bytes(buf, n) != SCGI_MORE)
			fail_msg("%zu of %zu bytes: not SCGI_MORE", n, len);
	assert_int_equal(parse_bytes(buf, len), SCGI_OK);
	free(buf);
}

static void test_cgi_scgi__a_bad_length_is_refused(void **state)
{
	(void)state;
	assert_int_equal(PARSE_TEXT(":,"), SCGI_BAD);
	assert_int_equal(PARSE_TEXT("abc:"), SCGI_BAD);
	assert_int_equal(PARSE_TEXT("-1:"), SCGI_BAD);
	assert_int_equal(PARSE_TEXT("1 2:"), SCGI_BAD);
	assert_int_equal(PARSE_TEXT("12a:"), SCGI_BAD);
	assert_int_equal(PARSE_TEXT("025:"), SCGI_BAD);
	assert_int_equal(PARSE_TEXT("0:,"), SCGI_BAD);
	assert_int_equal(PARSE_TEXT("GET / HTTP/1.1\r\n"), SCGI_BAD);
}

static void test_cgi_scgi__an_oversized_head_is_refused_before_it_arrives(void **state)
{
	char text[32];

	(void)state;
	snprintf(text, sizeof(text), "%d:", SCGI_HEADERS_MAX + 1);
	assert_int_equal(parse_bytes(text, strlen(text)), SCGI_TOO_LARGE);
	/* Known from the digits alone, without waiting for the ':'. */
	assert_int_equal(PARSE_TEXT("9999999"), SCGI_TOO_LARGE);
	assert_int_equal(PARSE_TEXT("99999999999999999999999999:"), SCGI_TOO_LARGE);
}

static void test_cgi_scgi__the_largest_head_is_accepted(void **state)
{
	static const char start[] = "CONTENT_LENGTH\0" "0\0" "SCGI\0" "1\0" "HTTP_COOKIE\0";
	size_t content = SCGI_HEADERS_MAX, n;
	char *buf = malloc(content + 16);
	scgi_request r;
	const char *why;

	(void)state;
	assert_non_null(buf);
	n = (size_t)sprintf(buf, "%zu:", content);
	memcpy(buf + n, start, sizeof(start) - 1);
	memset(buf + n + sizeof(start) - 1, 'c', content - (sizeof(start) - 1) - 1);
	buf[n + content - 1] = '\0';
	buf[n + content] = ',';
	assert_int_equal(scgi_parse(&r, buf, n + content + 1, &why), SCGI_OK);
	assert_int_equal(strlen(scgi_header(&r, "HTTP_COOKIE")), content - sizeof(start));
	free(buf);
}

static void test_cgi_scgi__a_head_without_its_comma_or_nul_is_refused(void **state)
{
	(void)state;
	assert_int_equal(PARSE_TEXT("24:CONTENT_LENGTH\0" "0\0" "SCGI\0" "1\0;"), SCGI_BAD);
	assert_int_equal(PARSE_TEXT("23:CONTENT_LENGTH\0" "0\0" "SCGI\0" "1,"), SCGI_BAD);
	assert_int_equal(PARSE_TEXT("24:CONTENT_LENGTH\0" "0\0" "SCGI\0" "1\0,"), SCGI_OK);
}

static void test_cgi_scgi__malformed_pairs_are_refused(void **state)
{
	static const char *const no_value[] = { "CONTENT_LENGTH", "0", "SCGI", "1", "LONELY", NULL };
	static const char *const no_name[] = { "CONTENT_LENGTH", "0", "SCGI", "1", "", "x", NULL };
	static const char *const repeated[] = { "CONTENT_LENGTH", "0", "SCGI", "1",
		"HTTP_COOKIE", "a=1", "HTTP_COOKIE", "a=2", NULL };

	(void)state;
	assert_int_equal(parse_pairs(no_value), SCGI_BAD);
	assert_int_equal(parse_pairs(no_name), SCGI_BAD);
	assert_int_equal(parse_pairs(repeated), SCGI_BAD);
}

static void test_cgi_scgi__content_length_comes_first_and_well_formed(void **state)
{
	static const char *const missing[] = { "SCGI", "1", "REQUEST_METHOD", "GET", NULL };
	static const char *const second[] = { "SCGI", "1", "CONTENT_LENGTH", "0", NULL };
	static const char *const empty[] = { "CONTENT_LENGTH", "", "SCGI", "1", NULL };
	static const char *const sign[] = { "CONTENT_LENGTH", "-1", "SCGI", "1", NULL };
	static const char *const text[] = { "CONTENT_LENGTH", "12x", "SCGI", "1", NULL };
	static const char *const huge[] = { "CONTENT_LENGTH", "1234567890123456", "SCGI", "1", NULL };
	static const char *const fine[] = { "CONTENT_LENGTH", "123456789012345", "SCGI", "1", NULL };

	(void)state;
	assert_int_equal(parse_pairs(missing), SCGI_BAD);
	assert_int_equal(parse_pairs(second), SCGI_BAD);
	assert_int_equal(parse_pairs(empty), SCGI_BAD);
	assert_int_equal(parse_pairs(sign), SCGI_BAD);
	assert_int_equal(parse_pairs(text), SCGI_BAD);
	assert_int_equal(parse_pairs(huge), SCGI_BAD);
	assert_int_equal(parse_pairs(fine), SCGI_OK);
}

static void test_cgi_scgi__the_head_says_scgi_1(void **state)
{
	static const char *const missing[] = { "CONTENT_LENGTH", "0", "REQUEST_METHOD", "GET", NULL };
	static const char *const two[] = { "CONTENT_LENGTH", "0", "SCGI", "2", NULL };

	(void)state;
	assert_int_equal(parse_pairs(missing), SCGI_BAD);
	assert_int_equal(parse_pairs(two), SCGI_BAD);
}

static void test_cgi_scgi__too_many_headers_are_refused(void **state)
{
	const char *pairs[2 * (SCGI_VARS_MAX + 1) + 1];
	char names[SCGI_VARS_MAX + 1][16];

	(void)state;
	pairs[0] = "CONTENT_LENGTH";
	pairs[1] = "0";
	pairs[2] = "SCGI";
	pairs[3] = "1";
	for (size_t i = 2; i < SCGI_VARS_MAX; i++) {
		snprintf(names[i], sizeof(names[i]), "HTTP_X_%zu", i);
		pairs[2 * i] = names[i];
		pairs[2 * i + 1] = "v";
	}
	pairs[2 * SCGI_VARS_MAX] = NULL;
	assert_int_equal(parse_pairs(pairs), SCGI_OK);
	pairs[2 * SCGI_VARS_MAX] = "HTTP_X_ONE_MORE";
	pairs[2 * SCGI_VARS_MAX + 1] = "v";
	pairs[2 * SCGI_VARS_MAX + 2] = NULL;
	assert_int_equal(parse_pairs(pairs), SCGI_TOO_LARGE);
}

/* The rest of a body, as a socket would give it: a few bytes at a time. */
typedef struct trickle {
	const char *data;
	size_t len, pos;
} trickle;

static long trickle_read(void *ctx, char *buf, size_t n)
{
	trickle *t = ctx;

	if (n > 3)
		n = 3;
	if (n > t->len - t->pos)
		n = t->len - t->pos;
	memcpy(buf, t->data + t->pos, n);
	t->pos += n;
	return (long)n;
}

static void test_cgi_scgi__the_source_reads_the_form_and_no_portal_variable(void **state)
{
	size_t len;
	char *buf = head_of(&len, post_pairs, "csrf=x&te");
	trickle rest = { "xt=hello%20world!!EXTRA BYTES", 29, 0 };
	scgi_request r;
	scgi_input in;
	request_source src;
	request req = REQUEST_INIT;
	const char *why;

	(void)state;
	assert_int_equal(scgi_parse(&r, buf, len, &why), SCGI_OK);
	scgi_input_init(&in, &r, buf, len);
	in.more = trickle_read;
	in.ctx = &rest;
	src = scgi_source(&in);
	assert_null(src.env(src.ctx, "PORTAL_DB"));
	assert_null(src.env(src.ctx, "PORTAL_NOW"));
	assert_string_equal(src.env(src.ctx, "HTTP_COOKIE"), "a=b");
	assert_int_equal(request_parse(&req, &src, &why), 0);
	assert_string_equal(req.path, "/portal/chat");
	assert_string_equal(request_form(&req, "text"), "hello world!!");
	assert_string_equal(request_cookie(&req, "a"), "b");
	/* Exactly CONTENT_LENGTH was read: the extra bytes were left. */
	assert_int_equal(in.left, 0);
	assert_int_equal(rest.pos, 18);
	request_free(&req);
	free(buf);
}

static void test_cgi_scgi__bytes_past_the_body_are_not_the_body(void **state)
{
	static const char *const pairs[] = { "CONTENT_LENGTH", "4", "SCGI", "1", NULL };
	size_t len;
	char *buf = head_of(&len, pairs, "a=b&junk");
	scgi_request r;
	scgi_input in;
	request_source src;
	const char *why;
	char body[16];

	(void)state;
	assert_int_equal(scgi_parse(&r, buf, len, &why), SCGI_OK);
	scgi_input_init(&in, &r, buf, len);
	src = scgi_source(&in);
	assert_int_equal(src.read(src.ctx, body, sizeof(body)), 4);
	assert_memory_equal(body, "a=b&", 4);
	assert_int_equal(src.read(src.ctx, body, sizeof(body)), 0);
	free(buf);
}

static void test_cgi_scgi__a_short_body_ends_early(void **state)
{
	static const char *const pairs[] = { "CONTENT_LENGTH", "10", "SCGI", "1",
		"REQUEST_METHOD", "POST", "REQUEST_URI", "/portal/chat",
		"CONTENT_TYPE", "application/x-www-form-urlencoded", NULL };
	size_t len;
	char *buf = head_of(&len, pairs, "a=b");
	scgi_request r;
	scgi_input in;
	request_source src;
	request req = REQUEST_INIT;
	const char *why;

	(void)state;
	assert_int_equal(scgi_parse(&r, buf, len, &why), SCGI_OK);
	scgi_input_init(&in, &r, buf, len);
	src = scgi_source(&in);
	assert_int_equal(request_parse(&req, &src, &why), 400);
	request_free(&req);
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cgi_scgi__a_whole_head_is_parsed),
		cmocka_unit_test(test_cgi_scgi__every_truncated_head_asks_for_more),
		cmocka_unit_test(test_cgi_scgi__a_bad_length_is_refused),
		cmocka_unit_test(test_cgi_scgi__an_oversized_head_is_refused_before_it_arrives),
		cmocka_unit_test(test_cgi_scgi__the_largest_head_is_accepted),
		cmocka_unit_test(test_cgi_scgi__a_head_without_its_comma_or_nul_is_refused),
		cmocka_unit_test(test_cgi_scgi__malformed_pairs_are_refused),
		cmocka_unit_test(test_cgi_scgi__content_length_comes_first_and_well_formed),
		cmocka_unit_test(test_cgi_scgi__the_head_says_scgi_1),
		cmocka_unit_test(test_cgi_scgi__too_many_headers_are_refused),
		cmocka_unit_test(test_cgi_scgi__the_source_reads_the_form_and_no_portal_variable),
		cmocka_unit_test(test_cgi_scgi__bytes_past_the_body_are_not_the_body),
		cmocka_unit_test(test_cgi_scgi__a_short_body_ends_early),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
