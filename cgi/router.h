/* SPDX-License-Identifier: MIT */
/*
 * router.h - which handler answers a request: a table from method and
 * path pattern to a function.
 *
 * A pattern is a path whose segments are literal words or a star, which
 * matches one non-empty segment and captures it (see routes.c). The first route of the table whose method and pattern match wins. A
 * path that some route matches with another method is 405 (with the
 * methods it allows); a path no route matches is 404. A "GET" route
 * answers HEAD too.
 */
#ifndef CGI_ROUTER_H
#define CGI_ROUTER_H

#include <stddef.h>

#include "request.h"

#define ROUTE_ARGS_MAX 4

struct app;

typedef int (*route_handler)(struct app *a, const char *const *args);

typedef struct route {
	const char *method;
	const char *pattern;
	route_handler handler;
} route;

enum route_result { ROUTE_FOUND, ROUTE_NOT_FOUND, ROUTE_BAD_METHOD };

typedef struct route_match {
	const route *route;                 /* ROUTE_FOUND */
	/* The captured segments, in order, then NULL (the dispatcher ends the
	 * list, so a handler may read args[n] for an absent optional one). */
	const char *args[ROUTE_ARGS_MAX + 1];
	size_t argc;
	char allow[64];                     /* ROUTE_BAD_METHOD: "GET, HEAD, POST" */
	char buf[REQUEST_URI_MAX + 1];      /* where the captures point */
} route_match;

/* Match `method` and `path` against `table` (ended by a NULL method).
 * `path` is as the client sent it: it is split at its slashes first and
 * each segment decoded after, so "/portal/invoice/2026%2F0042" captures
 * "2026/0042". */
enum route_result router_match(route_match *m, const route *table, const char *method,
	const char *path);

#endif
