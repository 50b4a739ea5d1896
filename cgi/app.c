/*
 * app.c - one request from start to answer: parse, open the shop, find
 * the client's address, route, write.
 */
#include "app.h"

#include <stdlib.h>
#include <string.h>

static const char *src_env(const request_source *src, const char *name)
{
	const char *v = src->env(src->ctx, name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* PORTAL_DB is set by the web server's configuration, never by a request
 * (request headers reach a CGI program only as HTTP_* variables).
 * PORTAL_NOW, likewise set only by the server, fixes the clock for
 * demonstrations and tests, as it does for the CLI. */
static int open_shop(app *a, const request_source *src)
{
	const char *path = src_env(src, "PORTAL_DB"), *now = src_env(src, "PORTAL_NOW");
	portal_time t;
	int err;

	if (path == NULL) {
		fputs("portal.cgi: PORTAL_DB is not set\n", stderr);
		return -1;
	}
	if ((err = portal_open(&a->p, path, PORTAL_OPEN_DEFAULT)) < 0) {
		fprintf(stderr, "portal.cgi: %s: %s\n", path, portal_errmsg(a->p));
		return -1;
	}
	if (now != NULL) {
		if (portal_time_parse(&t, a->p, now) < 0) {
			fprintf(stderr, "portal.cgi: PORTAL_NOW: %s\n", portal_errmsg(a->p));
			return -1;
		}
		portal_set_now(a->p, t);
	}
	return portal_request_source(a->source, sizeof(a->source), a->p,
		a->req.remote_addr, a->req.forwarded_for) < 0 ? -1 : 0;
}

static void dispatch(app *a)
{
	route_match m;
	enum route_result r = router_match(&m, app_routes, a->req.method, a->req.path);

	if (r == ROUTE_NOT_FOUND) {
		app_error(a, 404, "There is no such page.");
	} else if (r == ROUTE_BAD_METHOD) {
		app_error(a, 405, "This page does not take that kind of request.");
		response_add_header(&a->res, "Allow", m.allow);
	} else {
		m.args[m.argc] = NULL;
		m.route->handler(a, m.args);
	}
}

static void answer(app *a, const request_source *src)
{
	const char *why;
	int status = request_parse(&a->req, src, &why);

	a->res.head_only = strcmp(a->req.method, "HEAD") == 0;
	if (status != 0) {
		app_error(a, status, why);
		return;
	}
	if (open_shop(a, src) < 0) {
		app_error(a, 500, "The portal is not available right now; please try later.");
		return;
	}
	a->flash = app_flash_text(request_query(&a->req, "done"));
	dispatch(a);
}

int app_run(const request_source *src, FILE *out)
{
	app a;
	int rc;

	memset(&a, 0, sizeof(a));
	a.req = (request)REQUEST_INIT;
	response_init(&a.res);
	answer(&a, src);
	rc = response_write(&a.res, out) < 0 ? 1 : 0;
	portal_session_free(a.session);
	portal_close(a.p);
	request_free(&a.req);
	response_free(&a.res);
	return rc;
}
