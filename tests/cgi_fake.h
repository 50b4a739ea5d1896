/* SPDX-License-Identifier: MIT */
/*
 * cgi_fake.h - a request source made of a list of variables and a body,
 * for the tests of portal.cgi's modules.
 */
#ifndef PORTAL_TEST_CGI_FAKE_H
#define PORTAL_TEST_CGI_FAKE_H

#include <string.h>

#include "request.h"

typedef struct fake_request {
	const char *const *vars;    /* "NAME", "value", ..., NULL */
	const char *body;
	size_t body_len;
	size_t read_pos;
} fake_request;

static const char *fake_env(void *ctx, const char *name)
{
	const fake_request *f = ctx;

	for (size_t i = 0; f->vars[i]; i += 2)
		if (strcmp(f->vars[i], name) == 0)
			return f->vars[i + 1];
	return NULL;
}

static long fake_read(void *ctx, char *buf, size_t n)
{
	fake_request *f = ctx;
	size_t left = f->body ? f->body_len - f->read_pos : 0;

	if (n > left)
		n = left;
	if (n)
		memcpy(buf, f->body + f->read_pos, n);
	f->read_pos += n;
	return (long)n;
}

static request_source fake_source(fake_request *f)
{
	request_source src = { fake_env, fake_read, f };

	if (f->body && f->body_len == 0)
		f->body_len = strlen(f->body);
	return src;
}

#endif
