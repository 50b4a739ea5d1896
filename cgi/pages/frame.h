/* SPDX-License-Identifier: MIT */
/*
 * frame.h - what every page shares: the document head, the shop's header,
 * the navigation, the logout form, the result line, the footer and the
 * assets. A page gives its title and a function that draws its body.
 */
#ifndef PORTAL_PAGE_FRAME_H
#define PORTAL_PAGE_FRAME_H

#include <cjson/cJSON.h>

#include "html.h"
#include "page.h"

/* Draws a page's body from `doc` (the view document, or what the page was
 * given) and `arg` (anything else the page needs, or NULL). */
typedef void (*page_body_fn)(html_buf *out, const cJSON *doc, const void *arg,
	const page_ctx *ctx);

typedef struct page_frame {
	const char *title;   /* the page's <h1>, and the start of its <title> */
	const char *nav;     /* the view whose navigation entry is this page's, or NULL */
	const cJSON *doc;    /* the view document (client, shop, sections), or NULL */
	const char *refresh; /* "tracking" or "chat" when the script keeps the page fresh */
	page_body_fn body;
	const void *arg;
} page_frame;

/* Append the whole page. 0, or -1 out of memory. */
int page_frame_render(html_buf *out, const page_frame *f, const page_ctx *ctx);

#endif
