/* SPDX-License-Identifier: MIT */
/*
 * scgi.c - the SCGI request head (a netstring of NUL-terminated pairs)
 * and the request source over it: pure functions over bytes.
 */
#include "scgi.h"

#include <string.h>

/* A failure: its result and its explanation. */
#define FAIL(result, text) do { *why = (text); return (result); } while (0)

/* The netstring's length: "0" or digits without a leading zero, then ':'.
 * SCGI_MORE while only digits have arrived. */
static int parse_length(size_t *len, size_t *colon, const char *buf, size_t n,
	const char **why)
{
	size_t v = 0, i;

	for (i = 0; i < n && buf[i] != ':'; i++) {
		if (buf[i] < '0' || buf[i] > '9')
			FAIL(SCGI_BAD, "The request's head does not start with its length.");
		if (i == 1 && buf[0] == '0')
			FAIL(SCGI_BAD, "The request's head length has a leading zero.");
		v = v * 10 + (size_t)(buf[i] - '0');
		if (v > SCGI_HEADERS_MAX)
			FAIL(SCGI_TOO_LARGE, "The request's head is too large.");
	}
	if (i == n)
		FAIL(SCGI_MORE, "The request's head is incomplete.");
	if (i == 0)
		FAIL(SCGI_BAD, "The request's head has no length.");
	*len = v;
	*colon = i;
	return SCGI_OK;
}

/* CONTENT_LENGTH's value: decimal digits, at most 15 of them. */
static int parse_content_length(unsigned long long *out, const char *text)
{
	unsigned long long v = 0;
	size_t n = strlen(text);

	if (n == 0 || n > 15)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (text[i] < '0' || text[i] > '9')
			return -1;
		v = v * 10 + (unsigned long long)(text[i] - '0');
	}
	*out = v;
	return 0;
}

/* Split `len` bytes of NUL-terminated strings into name/value pairs. */
static int split_pairs(scgi_request *r, const char *s, size_t len, const char **why)
{
	const char *end = s + len;

	if (len == 0 || s[len - 1] != '\0')
		FAIL(SCGI_BAD, "The request's head does not end with a NUL.");
	while (s < end) {
		const char *name = s, *value = name + strlen(name) + 1;
		if (value >= end)
			FAIL(SCGI_BAD, "A header of the request has no value.");
		if (*name == '\0')
			FAIL(SCGI_BAD, "A header of the request has no name.");
		if (r->count == SCGI_VARS_MAX)
			FAIL(SCGI_TOO_LARGE, "The request has too many headers.");
		if (scgi_header(r, name) != NULL)
			FAIL(SCGI_BAD, "A header of the request is repeated.");
		r->names[r->count] = name;
		r->values[r->count++] = value;
		s = value + strlen(value) + 1;
	}
	return SCGI_OK;
}

static int check_pairs(scgi_request *r, const char **why)
{
	const char *scgi = scgi_header(r, "SCGI");

	if (r->count == 0 || strcmp(r->names[0], "CONTENT_LENGTH") != 0)
		FAIL(SCGI_BAD, "The request's first header is not CONTENT_LENGTH.");
	if (parse_content_length(&r->content_length, r->values[0]) < 0)
		FAIL(SCGI_BAD, "The request's CONTENT_LENGTH is malformed.");
	if (scgi == NULL || strcmp(scgi, "1") != 0)
		FAIL(SCGI_BAD, "The request does not say SCGI=1.");
	return SCGI_OK;
}

int scgi_parse(scgi_request *out, const char *buf, size_t len, const char **why)
{
	size_t content, colon;
	int rc;

	*why = "";
	out->count = 0;
	if ((rc = parse_length(&content, &colon, buf, len, why)) != SCGI_OK)
		return rc;
	/* The content, then the ',' that ends a netstring. */
	if (len - colon - 1 < content + 1)
		FAIL(SCGI_MORE, "The request's head is incomplete.");
	if (buf[colon + 1 + content] != ',')
		FAIL(SCGI_BAD, "The request's head does not end with ','.");
	if ((rc = split_pairs(out, buf + colon + 1, content, why)) != SCGI_OK ||
	    (rc = check_pairs(out, why)) != SCGI_OK) {
		out->count = 0;
		return rc;
	}
	out->body_start = colon + 1 + content + 1;
	return SCGI_OK;
}

const char *scgi_header(const scgi_request *r, const char *name)
{
	for (size_t i = 0; i < r->count; i++)
		if (strcmp(r->names[i], name) == 0)
			return r->values[i];
	return NULL;
}

void scgi_input_init(scgi_input *in, const scgi_request *req, const char *buf,
	size_t len)
{
	size_t extra = len > req->body_start ? len - req->body_start : 0;

	memset(in, 0, sizeof(*in));
	in->req = req;
	in->pending = buf + req->body_start;
	/* Bytes past CONTENT_LENGTH are not the body: ignored. */
	in->pending_len = extra < req->content_length ? extra : (size_t)req->content_length;
	in->left = req->content_length;
}

static const char *input_env(void *ctx, const char *name)
{
	const scgi_input *in = ctx;

	if (strncmp(name, "PORTAL_", 7) == 0)
		return NULL;
	return scgi_header(in->req, name);
}

static long input_read(void *ctx, char *buf, size_t n)
{
	scgi_input *in = ctx;
	long got;

	if (n > in->left)
		n = (size_t)in->left;
	if (n == 0)
		return 0;
	if (in->pending_len > 0) {
		if (n > in->pending_len)
			n = in->pending_len;
		memcpy(buf, in->pending, n);
		in->pending += n;
		in->pending_len -= n;
		in->left -= n;
		return (long)n;
	}
	if (in->more == NULL)
		return 0;
	if ((got = in->more(in->ctx, buf, n)) > 0)
		in->left -= (unsigned long long)got;
	return got;
}

request_source scgi_source(scgi_input *in)
{
	request_source src = { input_env, input_read, in };

	return src;
}
