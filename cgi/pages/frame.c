/* SPDX-License-Identifier: MIT */
/*
 * frame.c - the page frame: one function draws the parts every page
 * shares, around the body a page draws.
 *
 * No inline script or style anywhere: the Content-Security-Policy is
 * default-src 'self', so the look comes from /static/portal.css and the
 * behaviour from /static/portal.js, both from the portal itself.
 */
#include "frame.h"

#include <string.h>

#include "doc.h"
#include "parts.h"

/* The portal's navigation, the pages a customer opens most first: where
 * the repair is and when the technician comes, then what they owe, then
 * the rest. A section's pages are listed only when the document's
 * `sections` names it. */
static const struct nav_entry {
	const char *view;
	const char *label;
	const char *section; /* NULL: always shown */
} nav_entries[] = {
	{ "dashboard", "Overview", NULL },
	{ "jobs", "Repairs", NULL },
	{ "tracking", "Technician", "tracking" },
	{ "appointments", "Visits", "appointments" },
	{ "invoices", "Invoices", "invoices" },
	{ "estimates", "Estimates", "estimates" },
	{ "chat", "Chat", "chat" },
	{ "notifications", "Notifications", NULL },
	{ "payments", "Payments", "payments" },
	{ "statement", "Statement", "invoices" },
	{ "history", "Service history", NULL },
	{ "inspections", "Inspections", "inspections" },
	{ "profile", "Profile", NULL },
	{ "policies", "Policies", NULL },
	{ "access-log", "Access log", NULL },
};

static int nav_shown(const struct nav_entry *e, const cJSON *doc)
{
	if (e->section && !doc_shows(doc, e->section))
		return 0;
	/* The statement covers every job, so the library refuses it to a link
	 * limited to one job (docs/views.md); a link to it would only lead to
	 * a refusal. */
	if (strcmp(e->view, "statement") == 0 && doc_job_scoped(doc))
		return 0;
	return 1;
}

static void nav_link(html_buf *out, const struct nav_entry *e, const char *current)
{
	html_raw(out, "<li><a href=\"/portal");
	if (strcmp(e->view, "dashboard") != 0) {
		html_raw(out, "/");
		html_raw(out, e->view);
	}
	html_raw(out, "\"");
	if (current && strcmp(current, e->view) == 0)
		html_raw(out, " aria-current=\"page\"");
	html_raw(out, ">");
	html_raw(out, e->label);
	html_raw(out, "</a></li>");
}

/* One disclosure holds the links: on a phone it is one line until the
 * customer opens it, and it opens and closes without a script; on a wide
 * screen the stylesheet shows it as a bar (portal.css). */
static void nav(html_buf *out, const page_frame *f)
{
	if (f->doc == NULL || doc_arr(f->doc, "sections") == NULL)
		return;
	html_raw(out, "<nav class=\"portal-nav\" aria-label=\"Portal\">"
		"<details class=\"menu\"><summary><span class=\"menu-icon\" aria-hidden=\"true\">"
		"</span>Menu</summary><ul>");
	for (size_t i = 0; i < sizeof(nav_entries) / sizeof(nav_entries[0]); i++)
		if (nav_shown(&nav_entries[i], f->doc))
			nav_link(out, &nav_entries[i], f->nav);
	html_raw(out, "</ul></details></nav>");
}

/* The shop's name: the program's, else the document's. */
static const char *shop_name(const page_frame *f, const page_ctx *ctx)
{
	const char *name = ctx && ctx->shop_name ? ctx->shop_name : NULL;

	if (name == NULL)
		name = doc_str(doc_obj(f->doc, "shop"), "name");
	return name ? name : "Client portal";
}

/* A reference to static file `name`: under /static/ on the web, or
 * under the folder a page saved to a file names (ctx->static_base). */
static void static_link(html_buf *out, const page_ctx *ctx, const char *open,
	const char *name, const char *close)
{
	html_raw(out, open);
	if (ctx->static_base != NULL)
		html_text(out, ctx->static_base);
	else
		html_raw(out, "/static");
	html_raw(out, "/");
	html_raw(out, name);
	html_raw(out, close);
}

static void head(html_buf *out, const page_frame *f, const page_ctx *ctx)
{
	html_raw(out, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		"<meta name=\"robots\" content=\"noindex\">"
		"<meta name=\"referrer\" content=\"no-referrer\"><title>");
	html_text(out, f->title);
	html_raw(out, " \xe2\x80\x93 ");
	html_text(out, shop_name(f, ctx));
	/* The icon is the portal's own file, as the Content-Security-Policy
	 * wants; naming it keeps browsers from asking for /favicon.ico. */
	html_raw(out, "</title>");
	static_link(out, ctx, "<link rel=\"icon\" href=\"", "icon.svg", "\" type=\"image/svg+xml\">");
	static_link(out, ctx, "<link rel=\"stylesheet\" href=\"", "portal.css", "\">");
	static_link(out, ctx, "<script src=\"", "portal.js", "\" defer></script>");
	html_raw(out, "</head>\n");
}

static void logout_form(html_buf *out, const page_ctx *ctx)
{
	if (ctx == NULL || ctx->csrf == NULL)
		return;
	html_raw(out, "<form class=\"logout\" method=\"post\" action=\"/logout\">");
	part_csrf(out, ctx);
	html_raw(out, "<button type=\"submit\">Log out</button></form>");
}

static void header(html_buf *out, const page_frame *f, const page_ctx *ctx)
{
	const char *client = doc_str(doc_obj(f->doc, "client"), "name");
	int in_portal = f->doc && doc_arr(f->doc, "sections");

	html_raw(out, "<a class=\"skip\" href=\"#main\">Skip to content</a>"
		"<header class=\"site\"><p class=\"shop\"><a href=\"");
	html_raw(out, in_portal || (ctx && ctx->csrf) ? "/portal" : "/");
	html_raw(out, "\">");
	html_text(out, shop_name(f, ctx));
	html_raw(out, "</a></p>");
	if (client) {
		html_raw(out, "<p class=\"who\">Portal of <strong>");
		html_text(out, client);
		html_raw(out, "</strong></p>");
	}
	logout_form(out, ctx);
	html_raw(out, "</header>\n");
}

/* The result of the last form, and a refusal, each on one line. */
static void notices(html_buf *out, const page_ctx *ctx)
{
	if (ctx == NULL)
		return;
	if (ctx->flash) {
		html_raw(out, "<p class=\"flash\" role=\"status\">");
		html_text(out, ctx->flash);
		html_raw(out, "</p>");
	}
	if (ctx->error) {
		html_raw(out, "<p class=\"error\" role=\"alert\">");
		html_text(out, ctx->error);
		html_raw(out, "</p>");
	}
}

/* A link limited to one job shows only that job: say so, so the customer
 * does not look for the rest. */
static void scope_note(html_buf *out, const cJSON *doc)
{
	if (!doc_job_scoped(doc))
		return;
	html_raw(out, "<p class=\"scope\">This link shows ");
	part_link_id(out, "/portal/job/", doc_int(doc, "job_scope", 0), "", "one repair");
	html_raw(out, " only.</p>");
}

static void footer(html_buf *out, const page_frame *f)
{
	const cJSON *shop = doc_obj(f->doc, "shop");
	const char *phone = doc_str(shop, "phone"), *email = doc_str(shop, "email");

	html_raw(out, "<footer class=\"site\">");
	if (phone || email) {
		html_raw(out, "<p>Questions? ");
		if (phone)
			part_phone(out, "Call ", phone);
		if (phone && email)
			html_raw(out, " or write to ");
		else if (email)
			html_raw(out, "Write to ");
		if (email) {
			html_raw(out, "<a href=\"mailto:");
			html_text(out, email);
			html_raw(out, "\">");
			html_text(out, email);
			html_raw(out, "</a>");
		}
		html_raw(out, ".</p>");
	}
	html_raw(out, "<p>Times are the shop\xe2\x80\x99s local time.</p></footer>\n");
}

int page_frame_render(html_buf *out, const page_frame *f, const page_ctx *ctx)
{
	head(out, f, ctx);
	html_raw(out, "<body");
	if (f->refresh) {
		/* The script reads this to know which document to poll. */
		html_raw(out, " data-refresh=\"");
		html_text(out, f->refresh);
		html_raw(out, "\"");
	}
	html_raw(out, ">");
	header(out, f, ctx);
	nav(out, f);
	html_raw(out, "<main id=\"main\"><h1>");
	html_text(out, f->title);
	html_raw(out, "</h1>");
	scope_note(out, f->doc);
	notices(out, ctx);
	/* The body's amounts carry the sign of the document's currency. */
	out->currency = doc_str(doc_obj(f->doc, "shop"), "currency");
	/* A day of the year the page was made in is said without its year. */
	out->this_year = doc_year(f->doc, "generated_at_text");
	if (f->body)
		f->body(out, f->doc, f->arg, ctx);
	out->currency = NULL;
	out->this_year = 0;
	html_raw(out, "</main>\n");
	footer(out, f);
	html_raw(out, "</body></html>\n");
	return html_status(out);
}
