/* SPDX-License-Identifier: MIT */
/*
 * request.c - reading a CGI request (RFC 3875) from the environment and
 * the body, within limits.
 */
#include "request.h"
#include "decode.h"

#include <ctype.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char *cgi_env(void *ctx, const char *name)
{
	(void)ctx;
	return getenv(name);
}

static long cgi_read(void *ctx, char *buf, size_t n)
{
	(void)ctx;
	return (long)read(STDIN_FILENO, buf, n);
}

const request_source request_source_cgi = { cgi_env, cgi_read, NULL };

/* A failure: the status and its explanation. */
#define FAIL(status, text) do { *why = (text); return (status); } while (0)

static const char *env(const request_source *src, const char *name)
{
	const char *v = src->env(src->ctx, name);

	return v != NULL && *v != '\0' ? v : NULL;
}

static char *dup_env(const request_source *src, const char *name)
{
	const char *v = env(src, name);

	return v ? strdup(v) : NULL;
}

/* RFC 9110 token characters. */
static int is_tchar(unsigned char c)
{
	return isalnum(c) || (c && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static int parse_method(request *r, const request_source *src, const char **why)
{
	const char *m = env(src, "REQUEST_METHOD");
	size_t n;

	if (m == NULL)
		FAIL(400, "The request has no method.");
	n = strlen(m);
	if (n >= sizeof(r->method))
		FAIL(400, "The request's method is not one this server knows.");
	for (size_t i = 0; i < n; i++)
		if (!is_tchar((unsigned char)m[i]))
			FAIL(400, "The request's method is malformed.");
	memcpy(r->method, m, n + 1);
	return 0;
}

static int path_is_clean(const char *p)
{
	if (p[0] != '/')
		return 0;
	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

/* PATH_INFO with each '%' escaped again, so that decoding the segments
 * gives it back: what routes match when the server gives no REQUEST_URI.
 * Its escaped slashes are already lost; such a server cannot reach a
 * record whose name holds one. */
static char *escape_percent(const char *s)
{
	size_t n = strlen(s), extra = 0;
	char *out, *o;

	for (const char *c = s; *c; c++)
		extra += *c == '%' ? 2 : 0;
	if ((out = o = malloc(n + extra + 1)) == NULL)
		return NULL;
	for (; *s; s++) {
		*o++ = *s;
		if (*s == '%') {
			*o++ = '2';
			*o++ = '5';
		}
	}
	*o = '\0';
	return out;
}

/* The path is read from REQUEST_URI, as the client sent it, and decoded
 * here strictly: a server decodes PATH_INFO leniently (a bad escape passes
 * as it is), after its own rewriting, and turns an escaped '/' (an invoice
 * "2026/0042" in one segment) into a separator. PATH_INFO (already
 * decoded, RFC 3875 4.1.5) serves a server that gives no REQUEST_URI. The
 * portal lives at the root of its host, so the two name the same path. */
static int parse_path(request *r, const request_source *src, const char **why)
{
	const char *info = env(src, "PATH_INFO"), *uri = env(src, "REQUEST_URI");
	size_t len;
	int err;

	if (uri == NULL && info != NULL) {
		if (strlen(info) > REQUEST_URI_MAX)
			FAIL(400, "The address is too long.");
		if ((r->path = strdup(info)) == NULL || (r->raw_path = escape_percent(info)) == NULL)
			FAIL(500, "Out of memory.");
	} else {
		uri = uri ? uri : "/";
		len = strcspn(uri, "?#");
		if (len > REQUEST_URI_MAX)
			FAIL(400, "The address is too long.");
		if ((err = decode_percent(&r->path, uri, len, 0)) < 0)
			FAIL(err == -2 ? 500 : 400, "The address is not correctly encoded.");
		if ((r->raw_path = strndup(uri, len)) == NULL)
			FAIL(500, "Out of memory.");
	}
	if (!path_is_clean(r->path))
		FAIL(400, "The address is not correctly encoded.");
	return 0;
}

static int parse_query(request *r, const request_source *src, const char **why)
{
	const char *q = env(src, "QUERY_STRING"), *uri = env(src, "REQUEST_URI");
	int err;

	/* As the path: what the client sent, not the server's reencoding. */
	if (uri != NULL)
		q = strchr(uri, '?') ? strchr(uri, '?') + 1 : NULL;
	if (q == NULL)
		return 0;
	if (strlen(q) > REQUEST_URI_MAX)
		FAIL(400, "The address is too long.");
	if ((err = decode_urlencoded(&r->query, q, strcspn(q, "#"))) < 0)
		FAIL(err == -2 ? 500 : 400, "The address's query is not correctly encoded.");
	return 0;
}

static int parse_cookies(request *r, const request_source *src, const char **why)
{
	const char *c = env(src, "HTTP_COOKIE");
	int err;

	if (c == NULL)
		return 0;
	if (strlen(c) > REQUEST_COOKIE_MAX)
		FAIL(400, "The request's cookies are too large.");
	if ((err = decode_cookies(&r->cookies, c)) < 0)
		FAIL(err == -2 ? 500 : 400, "The request has too many cookies.");
	return 0;
}

/* "application/x-www-form-urlencoded", maybe with parameters. */
static int is_form_type(const char *type)
{
	static const char form[] = "application/x-www-form-urlencoded";
	size_t n = sizeof(form) - 1;

	if (type == NULL || strncasecmp(type, form, n) != 0)
		return 0;
	return type[n] == '\0' || type[n] == ';' || type[n] == ' ' || type[n] == '\t';
}

static int parse_length(size_t *out, const char *text)
{
	size_t v = 0;

	if (text == NULL) {
		*out = 0;
		return 0;
	}
	for (const char *s = text; *s; s++) {
		if (!isdigit((unsigned char)*s) || v > REQUEST_BODY_MAX)
			return -1;
		v = v * 10 + (size_t)(*s - '0');
	}
	*out = v;
	return 0;
}

static int read_body(char *buf, size_t len, const request_source *src)
{
	size_t got = 0;

	while (got < len) {
		long n = src->read(src->ctx, buf + got, len - got);
		if (n <= 0)
			return -1;
		got += (size_t)n;
	}
	return 0;
}

static int parse_form(request *r, const request_source *src, const char **why)
{
	size_t len;
	char *body;
	int err;

	if (parse_length(&len, env(src, "CONTENT_LENGTH")) < 0)
		FAIL(400, "The request's length is malformed.");
	if (len > REQUEST_BODY_MAX)
		FAIL(413, "The request is too large.");
	if (!is_form_type(env(src, "CONTENT_TYPE")))
		FAIL(415, "Forms are sent as application/x-www-form-urlencoded.");
	if ((body = malloc(len + 1)) == NULL)
		FAIL(500, "Out of memory.");
	if (read_body(body, len, src) < 0 || memchr(body, '\0', len) != NULL) {
		free(body);
		FAIL(400, "The request's body is incomplete or malformed.");
	}
	err = decode_urlencoded(&r->form, body, len);
	free(body);
	if (err < 0)
		FAIL(err == -2 ? 500 : 400, "The form is not correctly encoded.");
	return 0;
}

/* The headers and variables the Origin check and the client's address
 * are made of. Each is copied whole; what is believed of it is decided
 * later, with the shop's settings at hand. */
static int parse_headers(request *r, const request_source *src, const char **why)
{
	static const struct { const char *name; size_t field; } copied[] = {
		{ "HTTP_ORIGIN", offsetof(request, origin) },
		{ "HTTP_HOST", offsetof(request, host) },
		{ "REMOTE_ADDR", offsetof(request, remote_addr) },
		{ "HTTP_X_FORWARDED_FOR", offsetof(request, forwarded_for) },
		{ "HTTP_SEC_FETCH_SITE", offsetof(request, fetch_site) },
		{ "HTTP_X_FORWARDED_PROTO", offsetof(request, forwarded_proto) },
		{ "HTTP_X_FORWARDED_HOST", offsetof(request, forwarded_host) },
		{ "SERVER_PORT", offsetof(request, server_port) },
	};
	const char *https = env(src, "HTTPS"), *scheme = env(src, "REQUEST_SCHEME");

	for (size_t i = 0; i < sizeof(copied) / sizeof(copied[0]); i++) {
		char **field = (char **)((char *)r + copied[i].field);
		if (env(src, copied[i].name) && (*field = dup_env(src, copied[i].name)) == NULL)
			FAIL(500, "Out of memory.");
	}
	r->https = (https && strcasecmp(https, "on") == 0) ||
		(scheme && strcasecmp(scheme, "https") == 0);
	return 0;
}

int request_parse(request *r, const request_source *src, const char **why)
{
	int status;

	*why = "";
	if ((status = parse_method(r, src, why)) != 0 ||
	    (status = parse_path(r, src, why)) != 0 ||
	    (status = parse_query(r, src, why)) != 0 ||
	    (status = parse_cookies(r, src, why)) != 0 ||
	    (status = parse_headers(r, src, why)) != 0)
		return status;
	if (request_is_post(r))
		return parse_form(r, src, why);
	return 0;
}

void request_free(request *r)
{
	free(r->path);
	free(r->raw_path);
	r->raw_path = NULL;
	params_free(&r->query);
	params_free(&r->form);
	params_free(&r->cookies);
	free(r->origin);
	free(r->host);
	free(r->remote_addr);
	free(r->forwarded_for);
	free(r->fetch_site);
	free(r->forwarded_proto);
	free(r->forwarded_host);
	free(r->server_port);
	r->path = r->origin = r->host = r->remote_addr = r->forwarded_for = NULL;
	r->fetch_site = r->forwarded_proto = r->forwarded_host = r->server_port = NULL;
}

const char *request_query(const request *r, const char *name)
{
	return params_get(&r->query, name);
}

const char *request_form(const request *r, const char *name)
{
	return params_get(&r->form, name);
}

const char *request_cookie(const request *r, const char *name)
{
	return params_get(&r->cookies, name);
}

int request_is_get(const request *r)
{
	return strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0;
}

int request_is_post(const request *r)
{
	return strcmp(r->method, "POST") == 0;
}
