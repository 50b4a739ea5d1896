/* SPDX-License-Identifier: MIT */
/*
 * fuzz_input.c - feeding one fuzz input to the request parser and the
 * portal's route table, with the invariants a parsed request must keep.
 */
#include "fuzz_input.h"
#include "app.h"
#include "scgi.h"

#include <stdlib.h>
#include <string.h>

#define VARS_MAX 32

typedef struct fuzz_source {
	char *names[VARS_MAX];
	char *values[VARS_MAX];
	size_t count;
	const char *body;
	size_t body_len, pos;
} fuzz_source;

static const char *fuzz_env(void *ctx, const char *name)
{
	fuzz_source *f = ctx;

	for (size_t i = 0; i < f->count; i++)
		if (strcmp(f->names[i], name) == 0)
			return f->values[i];
	return NULL;
}

static long fuzz_read(void *ctx, char *buf, size_t n)
{
	fuzz_source *f = ctx;
	size_t left = f->body_len - f->pos;

	if (n > left)
		n = left;
	memcpy(buf, f->body + f->pos, n);
	f->pos += n;
	return (long)n;
}

/* Split the "NAME=value" lines (in the NUL-terminated copy `text`). */
static void read_vars(fuzz_source *f, char *text, size_t size)
{
	char *line = text, *end = text + size;

	while (line < end && f->count < VARS_MAX) {
		char *nl = memchr(line, '\n', (size_t)(end - line)), *eq;
		if (nl == NULL)
			nl = end;
		*nl = '\0';
		if (nl == line) {
			line = nl + 1;
			break;
		}
		if ((eq = strchr(line, '=')) != NULL) {
			*eq = '\0';
			f->names[f->count] = line;
			f->values[f->count++] = eq + 1;
		}
		line = nl + 1;
	}
	f->body = line < end ? line : end;
	f->body_len = line < end ? (size_t)(end - line) : 0;
}

static void check_invariants(const request *r)
{
	/* A parsed path is absolute and holds no control character; every
	 * form value is a string without NUL (strlen stops at its end). */
	if (r->path == NULL || r->path[0] != '/' || strpbrk(r->path, "\r\n") != NULL)
		abort();
	for (size_t i = 0; i < r->form.count; i++)
		if (r->form.items[i].name == NULL || r->form.items[i].value == NULL)
			abort();
}

/* Parse and route the request of `src`: its status. */
static int parse_and_route(const request_source *src)
{
	request r = REQUEST_INIT;
	route_match *m = malloc(sizeof(*m));
	const char *why;
	int status;

	if (m == NULL)
		return -1;
	status = request_parse(&r, src, &why);
	if (status == 0) {
		check_invariants(&r);
		router_match(m, app_routes, r.method, r.path);
	} else if (why == NULL || *why == '\0') {
		abort();
	}
	request_free(&r);
	free(m);
	return status;
}

int fuzz_scgi_input(const uint8_t *data, size_t size)
{
	/* A copy of the exact size, so a read past the input is caught. */
	char *copy = malloc(size ? size : 1);
	scgi_request *req = malloc(sizeof(*req));
	scgi_input in;
	request_source src;
	const char *why = NULL;
	int rc = -1;

	if (copy == NULL || req == NULL)
		goto done;
	memcpy(copy, data, size);
	rc = scgi_parse(req, copy, size, &why);
	if (why == NULL || (rc != SCGI_OK && *why == '\0'))
		abort();
	if (rc == SCGI_OK) {
		if (req->body_start > size || req->count == 0)
			abort();
		scgi_input_init(&in, req, copy, size);
		src = scgi_source(&in);
		if (src.env(src.ctx, "PORTAL_DB") != NULL)
			abort();
		parse_and_route(&src);
	}
done:
	free(copy);
	free(req);
	return rc;
}

int fuzz_request_input(const uint8_t *data, size_t size)
{
	fuzz_source f;
	request_source src = { fuzz_env, fuzz_read, &f };
	char *text = malloc(size + 1);
	int status;

	if (text == NULL)
		return -1;
	memset(&f, 0, sizeof(f));
	memcpy(text, data, size);
	text[size] = '\0';
	read_vars(&f, text, size);
	status = parse_and_route(&src);
	free(text);
	return status;
}
