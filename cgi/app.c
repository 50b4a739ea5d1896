/* SPDX-License-Identifier: MIT */
/*
 * app.c - one request from start to answer: parse, open the shop, find
 * the client's address, route, write.
 */
#include "app.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *src_env(const request_source *src, const char *name)
{
	const char *v = src->env(src->ctx, name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* The message is copied before the shop's label is asked for: the
 * handle owns it, and a call may overwrite it. The label names the
 * shop, never the URI, which may hold a password. */
void app_log_failure(portal *p, const char *doing)
{
	char why[512];

	snprintf(why, sizeof(why), "%s", portal_errmsg(p));
	fprintf(stderr, "portal.cgi: %s: %s%s%s\n", portal_db_label(p), doing ? doing : "",
		doing ? ": " : "", why);
}

/* PORTAL_DB (a file, or a PostgreSQL URI with PORTAL_SHOP) is set by the
 * web server's configuration, never by a request (request headers reach a
 * CGI program only as HTTP_* variables). PORTAL_NOW, likewise set only by
 * the server, fixes the clock for demonstrations and tests, as it does
 * for the CLI. */
static int open_handle(portal **out, const char *path, const char *shop, int by_host,
	const char *now)
{
	portal_time t;
	int err;

	if (path == NULL) {
		fputs("portal.cgi: PORTAL_DB is not set\n", stderr);
		return -1;
	}
	/* A host's handle is bound to each request's shop in turn. */
	err = by_host ? portal_host_open(out, path, PORTAL_OPEN_DEFAULT) :
		portal_open_shop(out, path, shop, PORTAL_OPEN_DEFAULT);
	if (err < 0) {
		app_log_failure(*out, NULL);
		return -1;
	}
	if (now != NULL) {
		if (portal_time_parse(&t, *out, now) < 0) {
			fprintf(stderr, "portal.cgi: PORTAL_NOW: %s\n", portal_errmsg(*out));
			return -1;
		}
		portal_set_now(*out, t);
	}
	return 0;
}

/* PORTAL_SHOP_BY_HOST=1: the host serves many shops, each under the host
 * name that is its name (portal host add). */
static int by_host(const request_source *src)
{
	const char *v = src_env(src, "PORTAL_SHOP_BY_HOST");

	return v != NULL && strcmp(v, "1") == 0;
}

static int open_shop(app *a, const request_source *src)
{
	return open_handle(&a->p, src_env(src, "PORTAL_DB"), src_env(src, "PORTAL_SHOP"),
		by_host(src), src_env(src, "PORTAL_NOW"));
}

/*
 * The shop of a host's request: the request's host name, without its
 * port, in lower case. Its browser's cookie is for that host name alone
 * (__Host-), so no session crosses from one shop to another. 0, or -1
 * after answering.
 */
static int choose_shop(app *a)
{
	char name[128];
	size_t n = 0;
	int err;

	for (const char *h = a->req.host ? a->req.host : ""; *h && *h != ':' &&
	     n + 1 < sizeof(name); h++)
		name[n++] = *h >= 'A' && *h <= 'Z' ? (char)(*h - 'A' + 'a') : *h;
	name[n] = '\0';
	if ((err = portal_shop_switch(a->p, name)) == PORTAL_OK)
		return 0;
	if (err == PORTAL_ENOTFOUND || err == PORTAL_EINVAL) {
		app_error(a, 404, "There is no portal at this address.");
		return -1;
	}
	app_log_failure(a->p, NULL);
	app_error(a, 503, "The portal is not available right now; please try later.");
	return -1;
}

/* The kept handle, opened when there is none or when the file it has
 * open is no longer the one at the path. A database server's connection
 * has no file to watch; the library makes it again when it is lost. */
static int shop_handle(app_shop *shop)
{
	struct stat st;

	if (shop->p != NULL && shop->is_file && (stat(shop->db, &st) < 0 ||
	    st.st_dev != shop->dev || st.st_ino != shop->ino))
		app_shop_close(shop);
	if (shop->p != NULL)
		return 0;
	if (shop->shop != NULL && *shop->shop == '\0')
		shop->shop = NULL;
	if (open_handle(&shop->p, shop->db, shop->shop, shop->by_host, shop->now) < 0) {
		app_shop_close(shop);
		return -1;
	}
	shop->is_file = stat(shop->db, &st) == 0;
	shop->dev = shop->is_file ? st.st_dev : 0;
	shop->ino = shop->is_file ? st.st_ino : 0;
	return 0;
}

void app_shop_close(app_shop *shop)
{
	portal_close(shop->p);
	shop->p = NULL;
}

static void dispatch(app *a)
{
	route_match m;
	enum route_result r = router_match(&m, app_routes, a->req.method, a->req.raw_path);

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

/* Answer the request of `src` on the handle of `shop`, or on one opened
 * for this request alone when `shop` is NULL. */
static void answer(app *a, const request_source *src, app_shop *shop)
{
	const char *why;
	int status = request_parse(&a->req, src, &why), opened;

	a->res.head_only = strcmp(a->req.method, "HEAD") == 0;
	if (status != 0) {
		app_error(a, status, why);
		return;
	}
	opened = shop != NULL ? shop_handle(shop) : open_shop(a, src);
	if (shop != NULL)
		a->p = shop->p;
	if (opened < 0) {
		/* A monitor reads the status of its probe: the database does
		 * not answer. */
		if (app_is_health_check(a))
			app_health(a, 0);
		else
			app_error(a, 500, "The portal is not available right now; please try later.");
		return;
	}
	/* Before anything is read of the shop, such as its trusted proxy. */
	if ((shop != NULL ? shop->by_host : by_host(src)) && choose_shop(a) < 0)
		return;
	if (portal_request_source(a->source, sizeof(a->source), a->p,
		a->req.remote_addr, a->req.forwarded_for) < 0) {
		app_error(a, 500, "The portal is not available right now; please try later.");
		return;
	}
	a->flash = app_flash_text(request_query(&a->req, "done"));
	dispatch(a);
}

/* Everything of one request but the shop's handle. */
static void app_free(app *a)
{
	portal_session_free(a->session);
	request_free(&a->req);
	response_free(&a->res);
}

static void app_init(app *a)
{
	memset(a, 0, sizeof(*a));
	a->req = (request)REQUEST_INIT;
	response_init(&a->res);
}

int app_run(const request_source *src, FILE *out)
{
	app a;
	int rc;

	app_init(&a);
	answer(&a, src, NULL);
	rc = response_write(&a.res, out) < 0 ? 1 : 0;
	portal_close(a.p);
	app_free(&a);
	return rc;
}

int app_run_shop(app_shop *shop, const request_source *src, FILE *out)
{
	app a;
	int rc;

	app_init(&a);
	answer(&a, src, shop);
	rc = response_write(&a.res, out) < 0 ? 1 : 0;
	/* An unexpected failure may have left the handle in a state no
	 * later request should meet (a transaction, a broken connection):
	 * the next request opens it afresh. */
	if (a.res.status >= 500)
		app_shop_close(shop);
	app_free(&a);
	return rc;
}
