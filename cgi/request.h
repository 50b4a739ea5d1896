/* SPDX-License-Identifier: MIT */
/*
 * request.h - an HTTP request as a CGI program receives it (RFC 3875):
 * the method, the path, the query, an urlencoded form and the cookies,
 * read from the environment the web server sets and the body on stdin.
 *
 * Everything the request says is untrusted text. The parser decodes it
 * strictly (a bad percent escape or a NUL is refused, not guessed at) and
 * within limits, so what handlers see is always well-formed C strings.
 */
#ifndef CGI_REQUEST_H
#define CGI_REQUEST_H

#include <stddef.h>

/* The largest body accepted: more is 413. */
#define REQUEST_BODY_MAX (64 * 1024)
/* The longest Cookie header accepted: more is 400. */
#define REQUEST_COOKIE_MAX 8192
/* The longest path or query string accepted: more is 400. */
#define REQUEST_URI_MAX 4096
/* The most parameters of one kind (query, form, cookies): more is 400. */
#define REQUEST_PARAMS_MAX 64

typedef struct req_param {
	char *name;
	char *value;
} req_param;

typedef struct req_params {
	req_param *items;
	size_t count;
} req_params;

typedef struct request {
	char method[16];        /* "GET", "POST", ...: a valid token */
	char *path;             /* decoded, starts with '/' */
	char *raw_path;         /* as sent, escapes kept: what routes match, so
	                         * that an escaped '/' stays inside its segment */
	req_params query;
	req_params form;        /* the urlencoded body of a POST */
	req_params cookies;
	char *origin;           /* the Origin header, or NULL */
	char *host;             /* the Host header, or NULL */
	char *remote_addr;      /* REMOTE_ADDR, or NULL */
	char *forwarded_for;    /* X-Forwarded-For, or NULL */
	char *fetch_site;       /* Sec-Fetch-Site, or NULL */
	char *forwarded_proto;  /* X-Forwarded-Proto, or NULL */
	char *forwarded_host;   /* X-Forwarded-Host, or NULL */
	char *server_port;      /* SERVER_PORT, or NULL */
	int https;              /* the server says the request came over TLS */
} request;

#define REQUEST_INIT { "", NULL, NULL, { NULL, 0 }, { NULL, 0 }, { NULL, 0 }, \
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0 }

/* Where a request comes from: the CGI environment and the body. Tests
 * and the fuzz target give their own. */
typedef struct request_source {
	/* The value of CGI variable `name`, or NULL when it is not set. */
	const char *(*env)(void *ctx, const char *name);
	/* Up to `n` bytes of the body into `buf`: the count read, 0 at the
	 * end, -1 on an error. */
	long (*read)(void *ctx, char *buf, size_t n);
	void *ctx;
} request_source;

/* The real thing: getenv() and stdin. */
extern const request_source request_source_cgi;

/*
 * Read the request from `src` into `r` (initialised with REQUEST_INIT).
 * Returns 0, or the HTTP status to answer with instead (400 malformed,
 * 413 body too large, 415 a POST that is not an urlencoded form, 500 out
 * of memory) with `*why` a short static explanation. `r` is freed with
 * request_free() in every case.
 */
int request_parse(request *r, const request_source *src, const char **why);

void request_free(request *r);

/* The first value of `name` in the query, the form or the cookies;
 * NULL when absent. */
const char *request_query(const request *r, const char *name);
const char *request_form(const request *r, const char *name);
const char *request_cookie(const request *r, const char *name);

/* 1 for "GET" and "HEAD" (HEAD is answered as GET without the body). */
int request_is_get(const request *r);
int request_is_post(const request *r);

#endif
