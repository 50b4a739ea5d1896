/* SPDX-License-Identifier: MIT */
/*
 * app.h - one request through the portal: what the handlers share.
 *
 * main() fills an app from the CGI environment, app_run() routes it and
 * writes the answer. Handlers parse what they need from the request, call
 * one library function and render; every rule and query is the library's.
 */
#ifndef CGI_APP_H
#define CGI_APP_H

#include <portal.h>
#include <stdio.h>
#include <sys/types.h>

#include "page.h"
#include "request.h"
#include "response.h"
#include "router.h"

/* The session cookie. "__Host-" makes browsers insist on Secure, Path=/
 * and no Domain, so no other host or path can set or read it. */
#define APP_COOKIE "__Host-portal"

typedef struct app {
	request req;
	response res;
	portal *p;                       /* NULL until the database is open */
	portal_session *session;         /* after app_session() found one */
	char source[PORTAL_SOURCE_LEN];  /* the client's address, for the library */
	const char *flash;               /* one line for the top of the page */
	/* The message the answer shows, copied here before the library is
	 * asked anything more: the handle's own would be overwritten by the
	 * very calls that build the page (app_keep_message()). */
	char message[512];
} app;

/* Read the request from `src`, answer it and write the answer to `out`.
 * Returns the process's exit status (0 whenever an answer was written). */
int app_run(const request_source *src, FILE *out);

/*
 * The shop's database as a resident process keeps it across requests:
 * opened by the first request, reused by the next ones with its prepared
 * statements, and opened afresh after a request that failed unexpectedly
 * (any 5xx answer) or when the file at `db` was replaced (a restored
 * backup). `db`, `shop` and `now` come from the process's environment.
 */
typedef struct app_shop {
	const char *db;      /* PORTAL_DB; NULL answers every request 500 */
	const char *now;     /* PORTAL_NOW, or NULL for the real clock */
	const char *shop;    /* PORTAL_SHOP, on a PostgreSQL database */
	int by_host;         /* PORTAL_SHOP_BY_HOST: the shop is the request's host */
	portal *p;           /* NULL while closed */
	int is_file;         /* whether `db` is a file, watched for a new one */
	dev_t dev;           /* the file `p` has open */
	ino_t ino;
} app_shop;

/* As app_run(), on the handle of `shop` (opened when needed) instead of
 * one of its own; PORTAL_DB and PORTAL_NOW are never read from `src`.
 * Nothing of one request (session, flash, errors) reaches the next: only
 * the handle is kept. */
int app_run_shop(app_shop *shop, const request_source *src, FILE *out);

/* Say on stderr, for the server's log, why the last call on `p` failed
 * (`doing`, when not NULL, says what was being done). */
void app_log_failure(portal *p, const char *doing);

/* Close the handle of `shop`, if open. */
void app_shop_close(app_shop *shop);

/* The route table (routes.c). */
extern const route app_routes[];

/* ---- sessions and forms (app_session.c) ---- */

/* The request's open session into a->session: 0, or APP_NO_SESSION
 * when there is none (a stale cookie is then cleared), or, when the
 * shop's database could not be asked, APP_UNAVAILABLE after answering
 * 503 and saying why on stderr: the cookie is kept, as the session may
 * well be valid. */
#define APP_NO_SESSION (-1)
#define APP_UNAVAILABLE (-2)
int app_session(app *a);

/* Give the browser the cookie of session `s` / clear it. */
int app_set_session_cookie(app *a, const portal_session *s);
int app_clear_session_cookie(app *a);

/* The Origin of a POST, when it sent one, is this site's own: 1 or 0.
 * The shop's portal_url and trusted_proxy are read for it. */
int app_origin_ok(const app *a);

/* The Origin check itself, the shop's settings given: `public_url` is
 * the shop's portal_url when it set one (NULL otherwise), an origin the
 * request is accepted from whatever its Host says; `via_proxy` says the
 * request came from the shop's trusted_proxy, whose X-Forwarded-Proto
 * and X-Forwarded-Host are then believed. Origins compare as scheme,
 * host (any case) and port (80 and 443 when not written). 1 or 0. */
int app_origin_matches(const request *r, const char *public_url, int via_proxy);

/* Guard a POST made in a session: an open session, its CSRF token in the
 * form field "csrf" and a matching Origin. 0, or -1 after answering 403
 * (nothing was changed). */
int app_post_guard(app *a);

/* ---- answers (app_render.c) ---- */

/* The HTTP status for a library return code. */
int app_status_of(int err);

/* The library's sentence for the customer about the failure just met
 * (portal_errmsg_customer()), copied into the request's own storage:
 * call it right after the call that failed, before any other. */
const char *app_refusal(app *a);

/* `text` copied into the request's own storage (a->message), unless it
 * is there already. The answers below keep their message with it before
 * they call the library, so a message the handle owns cannot change
 * under them. */
const char *app_keep_message(app *a, const char *text);

/* A short error page (or a JSON error under /api/) with `status`. The
 * message is shown escaped; it must not repeat request text. */
void app_error(app *a, int status, const char *message);

/* The page of view `view` (with `arg`) of the session, with `error` (or
 * NULL) on top and `status`. */
void app_view_page(app *a, const char *view, const char *arg, int status,
	const char *error);

/* The landing page with `error` (or NULL) and `status`, the form refilled
 * with `invoice` and `house` (or NULL). */
void app_landing(app *a, int status, const char *error, const char *invoice,
	const char *house);

/* The page of a link that no longer opens: `error` says why, and a form
 * offers a fresh link for `token`. */
void app_link_dead(app *a, int status, const char *error, const char *token);

/* What a page shows of the request: the session's CSRF token, the shop's
 * name (read into `name`, which the caller disposes), the flash and
 * `error` (or NULL). */
void app_page_ctx_init(app *a, page_ctx *ctx, portal_buf *name, const char *error);

/* Page `html`, built with result `rc`, as the answer with `status`; a
 * plain 500 page when it could not be built. Takes `html`. */
void app_send_page(app *a, int status, html_buf *html, int rc);

/* 303 to `path` (a site path built by the CGI, never request text),
 * with "?done=WORD" when `done` is not NULL. */
void app_redirect(app *a, const char *path, const char *done);

/* After a form: 303 to `path` with `done` on success; otherwise the page
 * of `view`/`arg` with the library's sentence for the customer, or an
 * error page. Call it right after the library call that gave `err`. */
void app_form_result(app *a, int err, const char *path, const char *done,
	const char *view, const char *arg);

/* The one-line message of a "done" word, or NULL for an unknown word. */
const char *app_flash_text(const char *done);

/* A record id (or 0) from the request: "12" -> 12; -1 when it is not
 * one (signs, spaces and "#" included). */
portal_id app_parse_id(const char *text);

/* The answer of GET /healthz (handlers_health.c): 200 when the shop's
 * database answers, else 503; and whether the request is that probe, so
 * that a shop that could not even be opened answers it too. */
void app_health(app *a, int answers);
int app_is_health_check(const app *a);

#endif
