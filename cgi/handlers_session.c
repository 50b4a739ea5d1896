/* SPDX-License-Identifier: MIT */
/*
 * handlers_session.c - getting in and out: the landing page, the lookup
 * by invoice and house number, the secure link, logging out.
 */
#include "handlers.h"

#include <stdio.h>
#include <string.h>

int handle_landing(app *a, const char *const *args)
{
	(void)args;
	app_landing(a, 200, NULL, NULL, NULL);
	return 0;
}

/* 429 with the seconds until the lock ends, from the library; the
 * refusal's sentence is kept before the library is asked for them. */
static void refused(app *a, const char *invoice)
{
	const char *message = app_refusal(a);
	char seconds_text[24];
	int64_t seconds = 0;

	if (portal_lookup_retry_after(&seconds, a->p, invoice, a->source) < 0 || seconds < 1)
		seconds = 60;
	snprintf(seconds_text, sizeof(seconds_text), "%lld", (long long)seconds);
	app_landing(a, 429, message, NULL, NULL);
	response_add_header(&a->res, "Retry-After", seconds_text);
}

/* A lookup opens a session without one before it, so no CSRF token can
 * guard it; its Origin must still be this site, and the cookie is
 * SameSite=Strict. */
int handle_session_open(app *a, const char *const *args)
{
	const char *invoice = request_form(&a->req, "invoice");
	const char *house = request_form(&a->req, "house");
	const char *next = request_form(&a->req, "next");
	portal_session *s = NULL;
	int err;

	(void)args;
	if (!app_origin_ok(a)) {
		app_error(a, 403, "This form was sent from another site, so nothing was changed.");
		return 0;
	}
	err = portal_lookup(&s, a->p, invoice ? invoice : "", house ? house : "", a->source);
	if (err == PORTAL_OK) {
		app_set_session_cookie(a, s);
		portal_session_free(s);
		app_redirect(a, next && strcmp(next, "tracking") == 0 ? "/portal/tracking" :
			"/portal", NULL);
	} else if (err == PORTAL_ERATELIMIT) {
		refused(a, invoice);
	} else if (err == PORTAL_ENOTFOUND || err == PORTAL_EDENIED) {
		app_landing(a, err == PORTAL_EDENIED ? 403 : 200, app_refusal(a), invoice, house);
	} else {
		app_error(a, 500, "Something went wrong on our side; please try again later.");
	}
	return 0;
}

/* The page a message's link opens ("/k/TOKEN/estimate/E1009"), once the
 * session is open: only a page of the portal's own, only when the session
 * may see it, and named from what the library stored, never from what
 * the request typed; else the overview. */
static void landing_path(app *a, const char *const *args, char *path, size_t len)
{
	static const char *const pages[] = { "tracking", "appointments", "chat",
		"estimates", "invoices", "jobs" };
	portal_buf doc = PORTAL_BUF_INIT;
	char number[3 * 40 + 1];
	portal_id id;

	snprintf(path, len, "/portal");
	if (args[1] == NULL)
		return;
	if (args[2] == NULL) {
		for (size_t i = 0; i < sizeof(pages) / sizeof(pages[0]); i++)
			if (strcmp(args[1], pages[i]) == 0 &&
			    portal_view(&doc, a->p, a->session, pages[i], NULL) == PORTAL_OK)
				snprintf(path, len, "/portal/%s", pages[i]);
	} else if (strcmp(args[1], "estimate") == 0 || strcmp(args[1], "invoice") == 0) {
		const char *view = args[1][0] == 'e' ? "estimate" : "invoice";
		if (handlers_record_number(a, view, args[2], number, sizeof(number),
				NUMBER_FOR_PATH) == 0)
			snprintf(path, len, "/portal/%s/%s", view, number);
	} else if (strcmp(args[1], "job") == 0 && (id = app_parse_id(args[2])) > 0 &&
		   portal_view(&doc, a->p, a->session, "job", args[2]) == PORTAL_OK) {
		snprintf(path, len, "/portal/job/%lld", (long long)id);
	}
	portal_buf_dispose(&doc);
}

/* The token leaves the address bar at once: the answer is a redirect,
 * and Referrer-Policy keeps it out of any Referer. A link that no longer
 * opens offers a fresh one. */
int handle_link(app *a, const char *const *args)
{
	portal_session *s = NULL;
	char path[3 * 40 + 64];
	int err = portal_link_open(&s, a->p, args[0], a->source);

	if (err == PORTAL_OK) {
		app_set_session_cookie(a, s);
		a->session = s;
		landing_path(a, args, path, sizeof(path));
		a->session = NULL;
		portal_session_free(s);
		app_redirect(a, path, NULL);
	} else if (err == PORTAL_ENOTFOUND) {
		app_link_dead(a, 404, app_refusal(a), args[0]);
	} else if (err == PORTAL_EDENIED) {
		app_landing(a, 403, app_refusal(a), NULL, NULL);
	} else {
		app_error(a, 500, "Something went wrong on our side; please try again later.");
	}
	return 0;
}

/* "Send me a fresh link" has no session either: like a lookup, it gets
 * the Origin check. The answer is one sentence whatever happened, but
 * for the address's own limit. */
int handle_link_fresh(app *a, const char *const *args)
{
	const char *token = request_form(&a->req, "token");
	char seconds_text[24];
	int64_t seconds = 0;
	int err;

	(void)args;
	if (!app_origin_ok(a)) {
		app_error(a, 403, "This form was sent from another site, so nothing was changed.");
		return 0;
	}
	err = portal_link_fresh(&seconds, a->p, token ? token : "", a->source);
	if (err == PORTAL_OK) {
		a->flash = PORTAL_LINK_FRESH_ANSWER;
		app_landing(a, 200, NULL, NULL, NULL);
	} else if (err == PORTAL_ERATELIMIT) {
		snprintf(seconds_text, sizeof(seconds_text), "%lld",
			(long long)(seconds > 0 ? seconds : 60));
		app_landing(a, 429, app_refusal(a), NULL, NULL);
		response_add_header(&a->res, "Retry-After", seconds_text);
	} else {
		app_error(a, 500, "Something went wrong on our side; please try again later.");
	}
	return 0;
}

int handle_logout(app *a, const char *const *args)
{
	(void)args;
	if (app_post_guard(a) < 0)
		return 0;
	portal_session_end(a->p, request_cookie(&a->req, APP_COOKIE), a->source);
	portal_session_free(a->session);
	a->session = NULL;
	app_clear_session_cookie(a);
	app_redirect(a, "/", "logout");
	return 0;
}
