/* SPDX-License-Identifier: MIT */
/*
 * router.c - matching a method and a path against the table of routes.
 */
#include "router.h"

#include <stdio.h>
#include <string.h>

#define SEGMENTS_MAX 8

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

/* Decode the escapes of one segment in place. The request's parser has
 * refused a path with a bad escape or an escaped NUL; an escape this
 * cannot read stays as it is. */
static void decode_segment(char *s)
{
	char *o = s;

	for (; *s; s++) {
		int hi, lo;

		if (*s == '%' && (hi = hex_value(s[1])) >= 0 && (lo = hex_value(s[2])) >= 0 &&
		    (hi || lo)) {
			*o++ = (char)(hi * 16 + lo);
			s += 2;
		} else {
			*o++ = *s;
		}
	}
	*o = '\0';
}

/* Split a copy of `path` (as sent, escapes kept; into `buf`) into its
 * segments, the leading '/' dropped, and decode each: "/" is one empty
 * segment, and an escaped '/' stays inside its segment. The count, or -1
 * for too many. */
static int split(char *buf, const char *path, char **seg)
{
	int n = 0;
	char *s = buf;

	snprintf(buf, REQUEST_URI_MAX + 1, "%s", path[0] == '/' ? path + 1 : path);
	for (;;) {
		char *slash = strchr(s, '/');
		if (n == SEGMENTS_MAX)
			return -1;
		seg[n++] = s;
		if (slash != NULL)
			*slash = '\0';
		decode_segment(s);
		if (slash == NULL)
			return n;
		s = slash + 1;
	}
}

/* Does `pattern` match the `n` segments? Captures go to `m`. */
static int pattern_matches(const char *pattern, char **seg, int n, route_match *m)
{
	const char *p = pattern[0] == '/' ? pattern + 1 : pattern;
	int i = 0;

	m->argc = 0;
	for (;;) {
		size_t len = strcspn(p, "/");
		if (i == n)
			return 0;
		if (len == 1 && p[0] == '*') {
			if (seg[i][0] == '\0' || m->argc == ROUTE_ARGS_MAX)
				return 0;
			m->args[m->argc++] = seg[i];
		} else if (strlen(seg[i]) != len || strncmp(seg[i], p, len) != 0) {
			return 0;
		}
		i++;
		if (p[len] == '\0')
			return i == n;
		p += len + 1;
	}
}

static int method_matches(const char *route_method, const char *method)
{
	return strcmp(route_method, method) == 0 ||
		(strcmp(route_method, "GET") == 0 && strcmp(method, "HEAD") == 0);
}

static void allow_add(char *allow, size_t len, const char *method)
{
	size_t used = strlen(allow);

	if (strstr(allow, method) != NULL)
		return;
	snprintf(allow + used, len - used, "%s%s", used ? ", " : "", method);
	if (strcmp(method, "GET") == 0)
		allow_add(allow, len, "HEAD");
}

enum route_result router_match(route_match *m, const route *table, const char *method,
	const char *path)
{
	char *seg[SEGMENTS_MAX];
	int n = split(m->buf, path, seg);
	const route *found = NULL;

	m->route = NULL;
	m->allow[0] = '\0';
	if (n < 0)
		return ROUTE_NOT_FOUND;
	for (const route *r = table; r->method != NULL; r++) {
		if (!pattern_matches(r->pattern, seg, n, m))
			continue;
		if (method_matches(r->method, method)) {
			found = r;
			break;
		}
		allow_add(m->allow, sizeof(m->allow), r->method);
	}
	if (found != NULL) {
		m->route = found;
		return ROUTE_FOUND;
	}
	return m->allow[0] ? ROUTE_BAD_METHOD : ROUTE_NOT_FOUND;
}
