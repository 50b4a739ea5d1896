/* SPDX-License-Identifier: MIT */
/*
 * page_status.c - the short page of an error status.
 *
 * The program answers every refusal and failure with one of these, never
 * with a stack of errors: a title in plain words, the program's one-line
 * message, and a way back.
 */
#include "page.h"

#include <stddef.h>

#include "frame.h"
#include "parts.h"

static const struct status_words {
	int status;
	const char *title;
	const char *message; /* when the program gives none */
} status_words[] = {
	{ 400, "Bad request", "The request could not be understood." },
	{ 403, "Not allowed", "This page or form is not open to you. Reload the page and try again." },
	{ 404, "Page not found", "There is no such page in your portal." },
	{ 405, "Not allowed here", "This page cannot be used that way." },
	{ 413, "Too large", "What was sent is too large." },
	{ 415, "Not understood", "What was sent is not a form the portal understands." },
	{ 429, "Too many attempts", "Please wait a little and try again." },
	{ 500, "Something went wrong", "The portal could not answer. Please try again later." },
};

static const struct status_words *words_of(int status)
{
	static const struct status_words other = { 0, "Something went wrong", "The portal could not answer." };

	for (size_t i = 0; i < sizeof(status_words) / sizeof(status_words[0]); i++)
		if (status_words[i].status == status)
			return &status_words[i];
	return &other;
}

struct status_body {
	int status;
	const char *message;
};

static void status_body(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const struct status_body *b = arg;

	part_p(out, NULL, b->message ? b->message : words_of(b->status)->message);
	html_printf(out, "<p class=\"code\">Error %d</p>", b->status);
	/* Inside a session the way back is the portal; outside it, the start. */
	if (ctx && ctx->csrf)
		html_raw(out, "<p><a href=\"/portal\">Back to your portal</a></p>");
	else
		html_raw(out, "<p><a href=\"/\">Back to the start</a></p>");
}

int page_status(html_buf *out, int status, const char *message, const page_ctx *ctx)
{
	struct status_body b = { status, message };
	page_frame f = { words_of(status)->title, NULL, NULL, NULL, status_body, &b };

	return page_frame_render(out, &f, ctx);
}
