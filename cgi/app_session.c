/*
 * app_session.c - the session cookie, and the checks every POST passes
 * before it may change anything: its Origin and its CSRF token.
 */
#include "app.h"

#include <stdio.h>
#include <string.h>

/* Strict: the cookie never goes to another site's request, not even a
 * link followed from one (the portal asks for the session again then). */
#define COOKIE_ATTRIBUTES "Path=/; Secure; HttpOnly; SameSite=Strict"

/* A failure of the database, not an answer about the session. */
static int unavailable(int err)
{
	return err == PORTAL_ESTORE || err == PORTAL_ENOMEM || err == PORTAL_EIO ||
		err == PORTAL_ENOTDB || err == PORTAL_EVERSION;
}

int app_session(app *a)
{
	const char *token = request_cookie(&a->req, APP_COOKIE);
	int err;

	if (a->session != NULL)
		return 0;
	if (token == NULL || a->p == NULL)
		return APP_NO_SESSION;
	if ((err = portal_session_check(&a->session, a->p, token, a->source)) == PORTAL_OK)
		return 0;
	if (unavailable(err)) {
		app_log_failure(a->p, "checking a session");
		app_error(a, 503, "The portal is not available right now; please try later.");
		return APP_UNAVAILABLE;
	}
	app_clear_session_cookie(a);
	return APP_NO_SESSION;
}

int app_set_session_cookie(app *a, const portal_session *s)
{
	char value[PORTAL_TOKEN_LEN + 128];

	snprintf(value, sizeof(value), APP_COOKIE "=%s; " COOKIE_ATTRIBUTES, s->token);
	return response_add_header(&a->res, "Set-Cookie", value);
}

int app_clear_session_cookie(app *a)
{
	return response_add_header(&a->res, "Set-Cookie",
		APP_COOKIE "=; Max-Age=0; " COOKIE_ATTRIBUTES);
}

/* The request's own origin is its scheme and Host header; a browser's
 * Origin names the page that made the request. The pages ask for
 * Referrer-Policy no-referrer (a link's token must never leave in a
 * Referer), and under that policy browsers send "Origin: null" even on a
 * page's own form (Fetch, "serialize a request origin"). Sec-Fetch-Site,
 * which no page can set, then says whether the form came from this site. */
int app_origin_ok(const app *a)
{
	const char *origin = a->req.origin, *scheme = a->req.https ? "https://" : "http://";
	const char *site = a->req.fetch_site;
	size_t n = strlen(scheme);

	if (origin == NULL)
		return 1;
	if (strcmp(origin, "null") == 0)
		return site != NULL && strcmp(site, "same-origin") == 0;
	return a->req.host != NULL && strncmp(origin, scheme, n) == 0 &&
		strcmp(origin + n, a->req.host) == 0;
}

/* The session of a form's request, found only when the form carries its
 * CSRF token: the library then restarts nothing for a refused form. */
static int form_session(app *a, const char *csrf)
{
	const char *token = request_cookie(&a->req, APP_COOKIE);
	int err;

	if (a->session != NULL)
		return portal_session_csrf_ok(a->session, csrf) ? 0 : -1;
	if (token == NULL || a->p == NULL)
		return -1;
	err = portal_session_check_form(&a->session, a->p, token, csrf, a->source);
	if (err == PORTAL_ENOTFOUND)
		app_clear_session_cookie(a);
	return err == PORTAL_OK ? 0 : -1;
}

int app_post_guard(app *a)
{
	const char *csrf = request_form(&a->req, "csrf");

	if (!app_origin_ok(a)) {
		app_error(a, 403, "This form was sent from another site, so nothing was changed.");
		return -1;
	}
	if (form_session(a, csrf) < 0) {
		app_error(a, 403, "This form has expired, so nothing was changed. "
			"Open the portal again and send it once more.");
		return -1;
	}
	return 0;
}
