/* SPDX-License-Identifier: MIT */
/*
 * handlers_views.c - the portal's pages and the same documents as JSON
 * under /api/v1/: each one view of the library for the session.
 */
#include "handlers.h"

#include <stdlib.h>
#include <string.h>

/* Without a session the pages send the customer to the start. */
static int need_session_page(app *a)
{
	int rc = app_session(a);

	if (rc == APP_NO_SESSION)
		app_redirect(a, "/", "expired");
	return rc;
}

int handle_dashboard(app *a, const char *const *args)
{
	(void)args;
	if (need_session_page(a) == 0)
		app_view_page(a, "dashboard", NULL, 200, NULL);
	return 0;
}

int handle_view(app *a, const char *const *args)
{
	if (need_session_page(a) == 0)
		app_view_page(a, args[0], args[1], 200, NULL);
	return 0;
}

int handle_api_view(app *a, const char *const *args)
{
	portal_buf doc = PORTAL_BUF_INIT;
	int err;

	if ((err = app_session(a)) < 0) {
		if (err == APP_NO_SESSION)
			app_error(a, 401, "no session: find your job or open your link first");
		return 0;
	}
	if ((err = portal_view(&doc, a->p, a->session, args[0], args[1])) < 0) {
		if (err == PORTAL_EINVAL || err == PORTAL_ENOTFOUND)
			app_error(a, 404, "not found");
		else
			app_error(a, app_status_of(err), err == PORTAL_EDENIED ?
				app_refusal(a) : "internal error");
	} else {
		a->res.content_type = "application/json; charset=utf-8";
		if (html_rawn(&a->res.body, doc.ptr, doc.size) < 0 ||
		    html_raw(&a->res.body, "\n") < 0)
			response_plain_page(&a->res, 500, "Out of memory.");
	}
	portal_buf_dispose(&doc);
	return 0;
}

/* Browsers ask for /favicon.ico on their own; the pages name their icon,
 * a static file, and this sends any other asker there. */
int handle_favicon(app *a, const char *const *args)
{
	(void)args;
	app_redirect(a, "/static/icon.svg", NULL);
	return 0;
}
