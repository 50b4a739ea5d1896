/* SPDX-License-Identifier: MIT */
/*
 * scgi.h - portal.cgi as a resident SCGI responder.
 *
 * A web server that speaks SCGI (lighttpd's mod_scgi, nginx's scgi_pass,
 * Apache's mod_proxy_scgi) sends each request on a new connection as a
 * netstring of NUL-terminated header names and values, CONTENT_LENGTH
 * first and SCGI=1 among them, then the body:
 *
 *     70:CONTENT_LENGTH\0<n>\0SCGI\0<1>\0REQUEST_METHOD\0POST\0...,<body>
 *
 * and reads a CGI answer ("Status: ..." headers, the body) until the
 * connection closes. The headers are the CGI variables, so the rest of
 * portal.cgi reads them through the same request_source as a CGI run.
 *
 * Two halves: scgi_parse() and scgi_source() are pure functions over
 * bytes (the fuzz target and the unit tests reach them directly);
 * scgi_serve() (scgi_server.c) owns the sockets.
 */
#ifndef CGI_SCGI_H
#define CGI_SCGI_H

#include <stddef.h>

#include "request.h"

/* The longest header netstring accepted (its content): more is refused.
 * Above the largest request head the portal's web server configurations
 * let through (32 KiB), below anything that could hurt. */
#define SCGI_HEADERS_MAX (64 * 1024)
/* The most header pairs in one request. */
#define SCGI_VARS_MAX 128
/* The whole netstring: the length's digits, ':', the content and ','. */
#define SCGI_NETSTRING_MAX (SCGI_HEADERS_MAX + 8)

enum scgi_result {
	SCGI_OK = 0,         /* a whole, valid header netstring */
	SCGI_MORE = 1,       /* a valid beginning: read more bytes */
	SCGI_BAD = -1,       /* malformed: answer 400 and close */
	SCGI_TOO_LARGE = -2  /* over SCGI_HEADERS_MAX or SCGI_VARS_MAX: 400 */
};

typedef struct scgi_request {
	const char *names[SCGI_VARS_MAX];   /* point into the parsed bytes */
	const char *values[SCGI_VARS_MAX];
	size_t count;
	unsigned long long content_length;  /* CONTENT_LENGTH's value */
	size_t body_start;                  /* offset of the body's first byte */
} scgi_request;

/*
 * Parse the header netstring at the start of `buf`, of which `len` bytes
 * have arrived. SCGI_OK fills `out`, whose names and values point into
 * `buf` (which must outlive them). Every other result sets `*why` to a
 * short static explanation. No allocation, no I/O.
 */
int scgi_parse(scgi_request *out, const char *buf, size_t len, const char **why);

/* The value of header `name`, or NULL. */
const char *scgi_header(const scgi_request *r, const char *name);

/*
 * One request's input: its headers, the body bytes that arrived with
 * them, and where the rest of the body comes from (`more`, with `ctx`;
 * NULL when all of it has arrived).
 */
typedef struct scgi_input {
	const scgi_request *req;
	const char *pending;       /* body bytes read with the headers */
	size_t pending_len;
	unsigned long long left;   /* bytes of CONTENT_LENGTH not given yet */
	long (*more)(void *ctx, char *buf, size_t n);
	void *ctx;
} scgi_input;

/* Set up `in` for `req`, whose bytes `buf` (`len` received) hold. */
void scgi_input_init(scgi_input *in, const scgi_request *req, const char *buf,
	size_t len);

/*
 * The request source of `in`: its headers as CGI variables, except any
 * named PORTAL_*, which configure the portal and come only from the
 * process's own environment, never from a request; its body up to
 * CONTENT_LENGTH.
 */
request_source scgi_source(scgi_input *in);

/* 1 when `fd` is a listening socket: how a server that starts the
 * portal hands it its socket (on descriptor 0). */
int scgi_is_listening(int fd);

/*
 * Answer SCGI requests on the listening socket `fd`, one at a time, until
 * SIGTERM, SIGINT or SIGHUP; the shop's database comes from PORTAL_DB
 * (and PORTAL_NOW) of this process's environment, opened once and kept.
 * Returns the process's exit status.
 */
int scgi_serve(int fd);

#endif
