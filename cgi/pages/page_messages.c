/* SPDX-License-Identifier: MIT */
/*
 * page_messages.c - what the shop tells the customer: the notifications of
 * every change, and the chat with the shop. The script keeps the chat
 * fresh while it is open; without the script the page is whole as served.
 */
#include <stdio.h>
#include <string.h>

#include "doc.h"
#include "parts.h"
#include "views.h"

/* Where a notification leads, by its kind: the page that shows what
 * changed, when the client sees that page. NULL: nowhere. */
static const char *notification_page(const cJSON *doc, const cJSON *n)
{
	static const struct {
		const char *prefix;  /* of the kind */
		const char *section; /* NULL: always shown */
		const char *path;
	} pages[] = {
		{ "appointment.", "appointments", "/portal/appointments" },
		{ "tech.", "tracking", "/portal/tracking" },
		{ "invoice.", "invoices", "/portal/invoices" },
		{ "payment.", "payments", "/portal/payments" },
		{ "estimate.", "estimates", "/portal/estimates" },
		{ "request.", NULL, "/portal/profile" },
	};
	const char *kind = doc_str(n, "kind");

	for (size_t i = 0; kind && i < sizeof(pages) / sizeof(pages[0]); i++)
		if (strncmp(kind, pages[i].prefix, strlen(pages[i].prefix)) == 0)
			return !pages[i].section || doc_shows(doc, pages[i].section) ? pages[i].path : NULL;
	return NULL;
}

static void notification(html_buf *out, const cJSON *doc, const cJSON *n)
{
	const char *path = notification_page(doc, n);
	int unread = !doc_bool(n, "read");

	html_raw(out, unread ? "<li class=\"unread\">" : "<li>");
	if (unread) {
		part_badge(out, "new", "New");
		html_raw(out, " ");
	}
	part_time(out, n, "at");
	html_raw(out, "<p>");
	html_text(out, doc_str(n, "text"));
	html_raw(out, "</p>");
	/* A job's change leads to that job, by the id the notice is about. */
	if (doc_is(n, "kind", "job.status") && doc_num(n, "subject_id", NULL))
		part_link_id(out, "/portal/job/", doc_int(n, "subject_id", 0), "", "See the repair");
	else if (path) {
		html_raw(out, "<a href=\"");
		html_raw(out, path);
		html_raw(out, "\">See more</a>");
	}
	html_raw(out, "</li>");
}

/* "Mark all as read": up to the newest one listed, the first. */
static void mark_read_form(html_buf *out, const cJSON *doc, const page_ctx *ctx)
{
	const cJSON *newest = cJSON_GetArrayItem(doc_arr(doc, "notifications"), 0);
	char up_to[24];

	if (newest == NULL || doc_int(doc, "unread", 0) <= 0)
		return;
	snprintf(up_to, sizeof(up_to), "%lld", doc_int(newest, "id", 0));
	part_form(out, "inline", "/portal/notifications/read", NULL, "", ctx);
	part_hidden(out, "up_to", up_to);
	html_raw(out, "<button type=\"submit\" class=\"secondary\">Mark all as read</button></form>");
}

void view_notifications(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *n;
	long long unread = doc_int(doc, "unread", 0);

	html_raw(out, "<p>");
	if (unread > 0)
		part_count(out, unread, "unread notification", "unread notifications");
	else
		html_raw(out, "Nothing new.");
	html_raw(out, "</p>");
	mark_read_form(out, doc, ctx);
	if (doc_count(doc, "notifications") == 0) {
		part_empty(out, "No notification yet.");
		return;
	}
	html_raw(out, "<ol class=\"notifications\">");
	cJSON_ArrayForEach(n, doc_arr(doc, "notifications"))
		notification(out, doc, n);
	html_raw(out, "</ol>");
}

static void chat_message(html_buf *out, const cJSON *doc, const cJSON *m)
{
	int mine = doc_is(m, "from", "you"), unread = !mine && doc_bool(m, "unread");
	const char *shop = doc_str(doc_obj(doc, "shop"), "name");
	long long id = doc_int(m, "id", 0);

	html_raw(out, mine ? "<li class=\"from-you\"" : unread ? "<li class=\"from-shop unread\"" :
		"<li class=\"from-shop\"");
	/* Where the news start, so the notice above can lead there. */
	if (unread && id == doc_int(doc, "first_unread_id", -1))
		html_raw(out, " id=\"chat-first-new\"");
	html_printf(out, " data-id=\"%lld\"><p class=\"who\">", id);
	if (unread) {
		part_badge(out, "new", "New");
		html_raw(out, " ");
	}
	html_text(out, mine ? "You" : (shop ? shop : "The shop"));
	html_raw(out, " ");
	part_time(out, m, "at");
	html_raw(out, "</p><p class=\"body\">");
	html_text(out, doc_str(m, "body"));
	html_raw(out, "</p></li>");
}

static void chat_form(html_buf *out, const cJSON *doc, const page_ctx *ctx)
{
	long long max = doc_int(doc, "max_length", 2000);

	part_form(out, "chat-form", "/portal/chat", NULL, "", ctx);
	html_raw(out, "<p><label for=\"chat-text\">Your message</label>"
		"<textarea id=\"chat-text\" name=\"text\" rows=\"3\" required");
	html_printf(out, " maxlength=\"%lld\"", max);
	html_raw(out, " aria-describedby=\"chat-hint\"></textarea>"
		"<span class=\"hint\" id=\"chat-hint\">");
	html_printf(out, "Up to %lld characters.", max);
	html_raw(out, "</span></p>"
		"<p><button type=\"submit\">Send</button></p></form>");
}

/* The newest of the shop's messages the page shows, or 0. */
static long long newest_from_shop(const cJSON *doc)
{
	const cJSON *m;
	long long id = 0;

	cJSON_ArrayForEach(m, doc_arr(doc, "messages"))
		if (doc_is(m, "from", "shop") && doc_int(m, "id", 0) > id)
			id = doc_int(m, "id", 0);
	return id;
}

/* Viewing marks nothing read (the library leaves that to the page that
 * showed the messages): this form does, up to the newest message shown,
 * and the script sends it by itself once the page is in view. */
static void chat_news(html_buf *out, const cJSON *doc, const page_ctx *ctx)
{
	long long unread = doc_int(doc, "unread", 0), newest = newest_from_shop(doc);
	char up_to[24];

	if (unread <= 0 || newest <= 0)
		return;
	html_raw(out, "<div class=\"notice chat-news\" id=\"chat-news\"><p>");
	part_count(out, unread, "new message", "new messages");
	html_raw(out, " from us.");
	if (doc_int(doc, "first_unread_id", 0) > 0)
		html_raw(out, " <a href=\"#chat-first-new\">Go to the first</a>");
	html_raw(out, "</p>");
	snprintf(up_to, sizeof(up_to), "%lld", newest);
	html_raw(out, "<form method=\"post\" action=\"/portal/chat/read\" id=\"chat-read\">");
	part_csrf(out, ctx);
	part_hidden(out, "up_to", up_to);
	html_raw(out, "<button type=\"submit\" class=\"secondary\">Mark as read</button></form></div>");
}

void view_chat(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *m;

	chat_news(out, doc, ctx);
	/* The script appends newer messages here, after data-last-id. */
	html_raw(out, "<ol class=\"chat\" id=\"chat-messages\" aria-live=\"polite\" "
		"aria-label=\"Conversation\" data-last-id=\"");
	html_printf(out, "%lld", doc_int(doc, "last_id", 0));
	html_raw(out, "\">");
	cJSON_ArrayForEach(m, doc_arr(doc, "messages"))
		chat_message(out, doc, m);
	html_raw(out, "</ol>");
	if (doc_count(doc, "messages") == 0)
		html_raw(out, "<p class=\"empty\" id=\"chat-empty\">No message yet. Write to us below.</p>");
	chat_form(out, doc, ctx);
}
