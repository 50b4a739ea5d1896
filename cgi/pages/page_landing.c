/* SPDX-License-Identifier: MIT */
/*
 * page_landing.c - the portal's front door.
 *
 * Two forms, as on the shop's own site: "Track your repair" opens the
 * portal's overview, "Track your technician" the tracking page. Both take
 * a number (invoice, estimate or booking) and the house number printed on
 * the customer's paperwork. A link that no longer opens shows the same page
 * with an offer to send a fresh one.
 * The note beside them says the secure link the shop sends opens the same
 * portal without typing anything. Below: the answers to the questions
 * customers ask, the shop's policies and how to reach the shop, all in
 * the library's words (portal_view_public()); the page only prints them.
 */
#include "page.h"

#include <stdio.h>

#include "doc.h"
#include "frame.h"
#include "parts.h"

struct landing {
	const char *invoice; /* refill after a miss, or NULL */
	const char *house;
	const char *dead;    /* the token of a link that no longer opens, or NULL */
};

/* A labelled text input; `id` is unique on the page. */
static void input(html_buf *out, const char *id, const char *name, const char *label,
	const char *hint, const char *value)
{
	html_raw(out, "<p><label for=\"");
	html_raw(out, id);
	html_raw(out, "\">");
	html_raw(out, label);
	html_raw(out, "</label> <span class=\"hint\" id=\"");
	html_raw(out, id);
	html_raw(out, "-hint\">");
	html_raw(out, hint);
	html_raw(out, "</span><input type=\"text\" id=\"");
	html_raw(out, id);
	html_raw(out, "\" name=\"");
	html_raw(out, name);
	html_raw(out, "\" aria-describedby=\"");
	html_raw(out, id);
	html_raw(out, "-hint\" autocomplete=\"off\" required maxlength=\"40\"");
	if (value) {
		html_raw(out, " value=\"");
		html_text(out, value);
		html_raw(out, "\"");
	}
	html_raw(out, "></p>");
}

/* One lookup form; `next` says which page it opens. */
static void lookup_form(html_buf *out, const char *id, const char *title,
	const char *next, const char *button, const struct landing *l, const page_ctx *ctx)
{
	char inv[40], house[40];

	snprintf(inv, sizeof(inv), "%s-invoice", id);
	snprintf(house, sizeof(house), "%s-house", id);
	html_raw(out, "<section class=\"card lookup\" aria-labelledby=\"");
	html_raw(out, id);
	html_raw(out, "-title\"><h2 id=\"");
	html_raw(out, id);
	html_raw(out, "-title\">");
	html_raw(out, title);
	html_raw(out, "</h2>");
	part_form(out, NULL, "/session", NULL, "", ctx);
	part_hidden(out, "next", next);
	input(out, inv, "invoice", "Invoice, estimate or booking number",
		"As printed on your paperwork, e.g. 10231, E1009 or J12", l->invoice);
	input(out, house, "house", "House number", "The number of the address we came to", l->house);
	html_raw(out, "<p><button type=\"submit\">");
	html_raw(out, button);
	html_raw(out, "</button></p></form></section>");
}

/* A link that no longer opens offers a new one, sent to what the shop
 * has on file: the form carries the dead token back, and nothing else. */
static void fresh_form(html_buf *out, const char *token, const page_ctx *ctx)
{
	html_raw(out, "<section class=\"card fresh\" aria-labelledby=\"fresh-title\">"
		"<h2 id=\"fresh-title\">Need a new link?</h2>"
		"<p>We can send a fresh link to the email address or phone number we "
		"have on file for you.</p>");
	part_form(out, NULL, "/link/fresh", NULL, "", ctx);
	part_hidden(out, "token", token);
	html_raw(out, "<p><button type=\"submit\">Send me a fresh link</button></p>"
		"</form></section>");
}

/* A setting the shop may leave empty: NULL when it did. */
static const char *given(const cJSON *obj, const char *key)
{
	const char *s = doc_str(obj, key);

	return s && *s ? s : NULL;
}

/* A titled list of short texts (questions and answers, policies), each
 * under its own heading, with an anchor from its key. */
static void titled_texts(html_buf *out, const cJSON *doc, const char *list,
	const char *id, const char *heading, const char *title_key, const char *text_key)
{
	const cJSON *item;

	if (doc_count(doc, list) == 0)
		return;
	html_printf(out, "<section class=\"%s\" aria-labelledby=\"%s-title\">"
		"<h2 id=\"%s-title\">", id, id, id);
	html_text(out, heading);
	html_raw(out, "</h2>");
	cJSON_ArrayForEach(item, doc_arr(doc, list)) {
		html_printf(out, "<section id=\"%s-", id);
		part_segment(out, doc_str(item, "key"));
		html_raw(out, "\">");
		part_heading(out, 3, doc_str(item, title_key));
		part_p(out, NULL, doc_str(item, text_key));
		html_raw(out, "</section>");
	}
	html_raw(out, "</section>");
}

static void contact_link(html_buf *out, const char *scheme, const char *value)
{
	html_raw(out, "<br><a href=\"");
	html_raw(out, scheme);
	html_text(out, value);
	html_raw(out, "\">");
	html_text(out, value);
	html_raw(out, "</a>");
}

/* Where the shop is and how to reach it, as the shop set it. */
static void contact(html_buf *out, const cJSON *shop)
{
	const char *name = given(shop, "name"), *address = given(shop, "address");
	const char *phone = given(shop, "phone"), *email = given(shop, "email");

	if (!address && !phone && !email)
		return;
	html_raw(out, "<section class=\"contact\" aria-labelledby=\"contact-title\">"
		"<h2 id=\"contact-title\">How to reach us</h2><address>");
	if (name) {
		html_raw(out, "<strong>");
		html_text(out, name);
		html_raw(out, "</strong>");
	}
	if (address) {
		html_raw(out, name ? "<br>" : "");
		html_text(out, address);
	}
	if (phone)
		contact_link(out, "tel:", phone);
	if (email)
		contact_link(out, "mailto:", email);
	html_raw(out, "</address></section>");
}

static void landing_body(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const struct landing *l = arg;

	if (l->dead)
		fresh_form(out, l->dead, ctx);
	part_p(out, "lead", "See where your repair is, when your technician arrives, "
		"your invoices and estimates, and chat with us.");
	html_raw(out, "<div class=\"cards\">");
	lookup_form(out, "repair", "Track your repair", "dashboard", "Open my repair", l, ctx);
	lookup_form(out, "tech", "Track your technician", "tracking", "Follow my technician", l, ctx);
	html_raw(out, "</div><section class=\"note\" aria-labelledby=\"link-title\">"
		"<h2 id=\"link-title\">Got a link from us?</h2>"
		"<p>The secure link in our email or text message opens your portal "
		"directly, with nothing to type. Keep it to yourself: anyone with the "
		"link can see your repairs. Links expire; ask us for a new one any time.</p>"
		"</section>");
	titled_texts(out, doc, "faq", "faq", "Questions", "question", "answer");
	titled_texts(out, doc, "policies", "policy", "Our policies", "title", "text");
	contact(out, doc_obj(doc, "shop"));
}

int page_landing(html_buf *out, const cJSON *doc, const char *invoice,
	const char *house, const page_ctx *ctx)
{
	struct landing l = { invoice, house, NULL };
	page_frame f = { "Your repair, online", NULL, doc, NULL, landing_body, &l };

	return page_frame_render(out, &f, ctx);
}

int page_link_dead(html_buf *out, const cJSON *doc, const char *token, const page_ctx *ctx)
{
	struct landing l = { NULL, NULL, token };
	page_frame f = { "Your repair, online", NULL, doc, NULL, landing_body, &l };

	return page_frame_render(out, &f, ctx);
}
