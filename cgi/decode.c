/* SPDX-License-Identifier: MIT */
/*
 * decode.c - percent escapes, urlencoded pairs and cookie pairs, read
 * strictly: malformed text is refused rather than repaired, so that a
 * handler never sees a string the browser could not have sent.
 */
#include "decode.h"

#include <stdlib.h>
#include <string.h>

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* NUL and control characters are never part of a value; tab, CR and LF
 * are, in the text a customer types (a chat message). */
static int byte_allowed(unsigned char c)
{
	return c >= 0x20 ? c != 0x7f : c == '\t' || c == '\r' || c == '\n';
}

int decode_percent(char **out, const char *s, size_t len, int plus_is_space)
{
	char *d = malloc(len + 1);
	size_t n = 0;

	*out = NULL;
	if (d == NULL)
		return -2;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= len || (hi = hex_value(s[i + 1])) < 0 ||
			    (lo = hex_value(s[i + 2])) < 0)
				goto bad;
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (!byte_allowed(c))
			goto bad;
		d[n++] = (char)c;
	}
	d[n] = '\0';
	*out = d;
	return 0;
bad:
	free(d);
	return -1;
}

int params_add(req_params *params, const char *name, size_t nlen,
	const char *value, size_t vlen)
{
	req_param *items;
	char *n, *v;

	if (params->count >= REQUEST_PARAMS_MAX)
		return -1;
	items = realloc(params->items, (params->count + 1) * sizeof(*items));
	if (items == NULL)
		return -2;
	params->items = items;
	n = malloc(nlen + 1);
	v = malloc(vlen + 1);
	if (n == NULL || v == NULL) {
		free(n);
		free(v);
		return -2;
	}
	memcpy(n, name, nlen);
	n[nlen] = '\0';
	memcpy(v, value, vlen);
	v[vlen] = '\0';
	items[params->count].name = n;
	items[params->count].value = v;
	params->count++;
	return 0;
}

/* Decode one "name=value" piece and append it. */
static int add_encoded_pair(req_params *params, const char *s, size_t len)
{
	const char *eq = memchr(s, '=', len);
	size_t nlen = eq ? (size_t)(eq - s) : len;
	char *name = NULL, *value = NULL;
	int err;

	if ((err = decode_percent(&name, s, nlen, 1)) < 0)
		return err;
	if ((err = decode_percent(&value, eq ? eq + 1 : "", eq ? len - nlen - 1 : 0, 1)) == 0)
		err = params_add(params, name, strlen(name), value, strlen(value));
	free(name);
	free(value);
	return err;
}

int decode_urlencoded(req_params *params, const char *s, size_t len)
{
	size_t start = 0;
	int err;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '&')
			continue;
		if (i > start && (err = add_encoded_pair(params, s + start, i - start)) < 0)
			return err;
		start = i + 1;
	}
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t';
}

int decode_cookies(req_params *params, const char *s)
{
	while (*s) {
		const char *end = strchr(s, ';'), *eq;
		size_t len;
		int err;

		while (is_space(*s))
			s++;
		len = end ? (size_t)(end - s) : strlen(s);
		while (len > 0 && is_space(s[len - 1]))
			len--;
		eq = memchr(s, '=', len);
		if (eq != NULL && eq > s) {
			const char *v = eq + 1;
			size_t vlen = len - (size_t)(v - s);
			if (vlen >= 2 && v[0] == '"' && v[vlen - 1] == '"') {
				v++;
				vlen -= 2;
			}
			if ((err = params_add(params, s, (size_t)(eq - s), v, vlen)) < 0)
				return err;
		}
		if (end == NULL)
			break;
		s = end + 1;
	}
	return 0;
}

void params_free(req_params *params)
{
	for (size_t i = 0; i < params->count; i++) {
		free(params->items[i].name);
		free(params->items[i].value);
	}
	free(params->items);
	params->items = NULL;
	params->count = 0;
}

const char *params_get(const req_params *params, const char *name)
{
	for (size_t i = 0; i < params->count; i++)
		if (strcmp(params->items[i].name, name) == 0)
			return params->items[i].value;
	return NULL;
}
