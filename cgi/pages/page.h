/* SPDX-License-Identifier: MIT */
/*
 * page.h - the portal's HTML pages.
 *
 * portal.cgi asks the library for a view's JSON document and hands it
 * here; a page only arranges what the document holds. Every value is
 * escaped, every form carries the session's CSRF token, and every link
 * points at one of the portal's own URLs. Each function appends a whole
 * document, doctype to </html>, and returns 0, or -1 when out of memory
 * (the buffer then holds an incomplete page that must not be sent).
 */
#ifndef PORTAL_PAGE_H
#define PORTAL_PAGE_H

#include <cjson/cJSON.h>

#include "html.h"

typedef struct page_ctx {
	const char *csrf;        /* the session's CSRF token; NULL outside a session */
	const char *shop_name;   /* for <title> and the header */
	const char *flash;       /* one line to show on top (result of a POST), or NULL */
	const char *error;       /* one line error to show (form refused), or NULL */
	/* Where the static files are, for a page opened from a file
	 * ("file:///usr/share/portal/static"); NULL: the portal's /static. */
	const char *static_base;
} page_ctx;

/* The whole HTML document (doctype to </html>) for portal view `view`
 * (a portal_view_name_at() name) whose JSON document (what portal_view()
 * returned, parsed) is `doc`, appended to `out`. 0, or -1 out of memory. */
int page_view(html_buf *out, const char *view, const cJSON *doc, const page_ctx *ctx);

/* The landing page: the two lookup forms and the note about the secure link.
 * `doc` is NULL or {"shop":{"name","phone","email"}}; `invoice`, `house`
 * refill the form after a miss. */
int page_landing(html_buf *out, const cJSON *doc, const char *invoice,
	const char *house, const page_ctx *ctx);

/* The landing page for a link that no longer opens (`ctx->error` says
 * why), led by a form POSTing `token` to /link/fresh. */
int page_link_dead(html_buf *out, const cJSON *doc, const char *token, const page_ctx *ctx);

/* The page confirming a cancellation: the visit, the quote (JSON below)
 * and a form POSTing to /portal/appointments/<id>/cancel with confirm=yes.
 * {"appointment_id":N, "late":bool, "fee":cents, "fee_text":"60.00",
 *  "free_until":"2026-11-22T05:00:00-05:00",
 *  "visit":{...} (the visit as the appointments view lists it), and that
 *  view's "client", "shop", "sections", "job_scope" for the frame}.
 * "visit" and the frame's parts may be missing: the page shows less. */
int page_cancel_confirm(html_buf *out, const cJSON *quote, const page_ctx *ctx);

/* A short page for an error status: 400, 403, 404, 405, 413, 415, 429, 500. */
int page_status(html_buf *out, int status, const char *message, const page_ctx *ctx);

#endif
