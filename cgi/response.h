/* SPDX-License-Identifier: MIT */
/*
 * response.h - the answer of the CGI program: a status, a content type,
 * a few headers and a body, written to stdout in CGI form (the status as
 * a "Status:" header, RFC 3875 6.3.3).
 *
 * Every answer, errors included, carries the same security headers
 * (response.c lists them), and every textual Content-Type names its
 * charset. Header values are checked: one with a line break or another
 * control character is refused, so nothing can split a header.
 */
#ifndef CGI_RESPONSE_H
#define CGI_RESPONSE_H

#include <stdio.h>

#include "html.h"

#define RESPONSE_HEADERS_MAX 8

typedef struct response_header {
	const char *name;       /* a static string */
	char *value;
} response_header;

typedef struct response {
	int status;
	const char *content_type;   /* a static string */
	response_header headers[RESPONSE_HEADERS_MAX];
	size_t header_count;
	html_buf body;              /* the pages' buffer: a page becomes the body as it is */
	int head_only;              /* HEAD: the headers, not the body */
} response;

/* 200, text/html with charset, no headers, an empty body. */
void response_init(response *r);
void response_free(response *r);

/* The reason phrase of `status` ("Not Found"); "Error" for unknown ones. */
const char *response_reason(int status);

/*
 * Add header `name` (a static string) with `value` (copied). -1 when the
 * value holds a control character or the table is full: the header is
 * not added.
 */
int response_add_header(response *r, const char *name, const char *value);

/* The value of header `name` added so far, or NULL. */
const char *response_get_header(const response *r, const char *name);

/* Drop the body and headers and answer `status` with a short HTML page
 * of its reason and `message` (escaped), for when nothing better can be built. */
void response_plain_page(response *r, int status, const char *message);

/* A 303 See Other to `location`, a path of this site. */
int response_redirect(response *r, const char *location);

/* Write the whole answer to `out`. 0, or -1 on a write error. */
int response_write(const response *r, FILE *out);

#endif
