/* SPDX-License-Identifier: MIT */
/*
 * page_account.c - the customer's account: the contact details the shop
 * has, with the forms to ask for a change and to turn text messages on or
 * off; the shop's policies; and who opened the portal.
 */
#include "doc.h"
#include "parts.h"
#include "views.h"

static void addresses(html_buf *out, const cJSON *profile)
{
	const cJSON *a;

	if (doc_count(profile, "addresses") == 0)
		return;
	part_h2(out, "Where we come");
	html_raw(out, "<ul class=\"plain\">");
	cJSON_ArrayForEach(a, doc_arr(profile, "addresses")) {
		html_raw(out, "<li>");
		html_text(out, doc_str(a, "line"));
		html_raw(out, "</li>");
	}
	html_raw(out, "</ul>");
}

/* One detail a change request asks for: the new value, or that it be
 * removed ("" asks to remove an email or a phone). */
static void asked_change(html_buf *out, const cJSON *changes, const char *key,
	const char *label)
{
	const char *value = doc_str(changes, key);

	if (value == NULL)
		return;
	part_row_open(out, label);
	if (value[0])
		html_text(out, value);
	else
		html_raw(out, "<em>Remove it</em>");
	part_row_close(out);
}

/* What a change of details asks, only the parts asked for. */
static void request_changes(html_buf *out, const cJSON *changes)
{
	html_raw(out, "<dl>");
	asked_change(out, changes, "name", "Name");
	asked_change(out, changes, "email", "Email");
	asked_change(out, changes, "phone", "Phone");
	if (doc_str(changes, "address"))
		asked_change(out, changes, "address", doc_num(changes, "address_id", NULL) ?
			"Corrected address" : "New address");
	html_raw(out, "</dl>");
}

/* What a visit request or a warranty callback asks: the problem in the
 * customer's words and the windows offered, most wanted first. */
static void request_visit(html_buf *out, const cJSON *r)
{
	const cJSON *w;

	if (doc_num(r, "job_id", NULL)) {
		html_raw(out, "<p>About ");
		part_link_id(out, "/portal/job/", doc_int(r, "job_id", 0), "", "your repair");
		html_raw(out, "</p>");
	}
	part_p(out, "problem", doc_str(r, "problem"));
	if (doc_count(r, "windows") == 0)
		return;
	html_raw(out, "<p class=\"sub\">When you are home:</p><ol class=\"windows\">");
	cJSON_ArrayForEach(w, doc_arr(r, "windows")) {
		html_raw(out, "<li>");
		part_window(out, w, "start", "end");
		html_raw(out, "</li>");
	}
	html_raw(out, "</ol>");
}

/* A new estimate asked in place of an expired one. */
static void request_estimate(html_buf *out, const cJSON *r)
{
	if (doc_str(r, "estimate") == NULL)
		return;
	html_raw(out, "<p>In place of ");
	part_link(out, "/portal/estimate/", doc_str(r, "estimate"), "", doc_str(r, "estimate"));
	html_raw(out, ", which expired</p>");
}

/* The requests the shop has not answered yet, so a customer who asked
 * sees it arrived and waits; the answer comes as a notification. */
static void pending_requests(html_buf *out, const cJSON *doc)
{
	const cJSON *r;

	if (doc_count(doc, "pending_requests") == 0)
		return;
	html_raw(out, "<section aria-labelledby=\"pending-title\">"
		"<h2 id=\"pending-title\">Waiting for the shop</h2>");
	cJSON_ArrayForEach(r, doc_arr(doc, "pending_requests")) {
		html_raw(out, "<article class=\"card request\"><h3>");
		html_text(out, doc_str(r, "kind_label"));
		html_raw(out, "</h3><p>");
		part_badge(out, "pending", "Pending");
		html_raw(out, " <span class=\"sub\">Asked ");
		part_time(out, r, "created_at");
		html_raw(out, "</span></p>");
		if (doc_is(r, "kind", "profile"))
			request_changes(out, doc_obj(r, "changes"));
		else if (doc_is(r, "kind", "estimate"))
			request_estimate(out, r);
		else
			request_visit(out, r);
		html_raw(out, "</article>");
	}
	html_raw(out, "</section>");
}

/* A text input for the change request, showing what the shop has now. */
static void change_input(html_buf *out, const char *name, const char *type,
	const char *label, const char *current, const char *autocomplete)
{
	html_raw(out, "<p><label for=\"change-");
	html_raw(out, name);
	html_raw(out, "\">");
	html_raw(out, label);
	html_raw(out, "</label><input type=\"");
	html_raw(out, type);
	html_raw(out, "\" id=\"change-");
	html_raw(out, name);
	html_raw(out, "\" name=\"");
	html_raw(out, name);
	html_raw(out, "\" maxlength=\"200\" autocomplete=\"");
	html_raw(out, autocomplete);
	html_raw(out, "\"");
	if (current && current[0]) {
		html_raw(out, " placeholder=\"");
		html_text(out, current);
		html_raw(out, "\"");
	}
	html_raw(out, "></p>");
}

/* Which address a new one replaces: each of the profile's, or none (a
 * new service address). The first is chosen, the usual correction. */
static void address_choice(html_buf *out, const cJSON *profile)
{
	const cJSON *a;

	html_raw(out, "<p><label for=\"change-address-id\">This address</label>"
		"<select id=\"change-address-id\" name=\"address_id\">");
	cJSON_ArrayForEach(a, doc_arr(profile, "addresses")) {
		html_printf(out, "<option value=\"%lld\">Replaces ", doc_int(a, "id", 0));
		html_text(out, doc_str(a, "line"));
		html_raw(out, "</option>");
	}
	html_raw(out, "<option value=\"new\">Is a new address where we come</option>"
		"</select></p>");
}

/* A new or corrected service address: every part of it, as the shop
 * would enter it; left empty, the address does not change. */
static void address_fields(html_buf *out, const cJSON *profile)
{
	html_raw(out, "<fieldset><legend>Address</legend><p class=\"hint\">To change an "
		"address, give all of it: house number, street and city at least.</p>");
	address_choice(out, profile);
	change_input(out, "house_number", "text", "House number", NULL, "off");
	change_input(out, "unit", "text", "Unit", NULL, "off");
	change_input(out, "street", "text", "Street", NULL, "address-line1");
	change_input(out, "city", "text", "City", NULL, "address-level2");
	change_input(out, "region", "text", "Province or state", NULL, "address-level1");
	change_input(out, "postal_code", "text", "Postal code", NULL, "postal-code");
	change_input(out, "country", "text", "Country (two letters, e.g. CA)", NULL, "country");
	html_raw(out, "</fieldset>");
}

static void change_form(html_buf *out, const cJSON *profile, const page_ctx *ctx)
{
	html_raw(out, "<section class=\"card\" aria-labelledby=\"change-title\">"
		"<h2 id=\"change-title\">Ask for a change</h2>"
		"<p>Fill in only what changed; the shop checks it and updates your details.</p>");
	part_form(out, NULL, "/portal/profile/request", NULL, "", ctx);
	change_input(out, "name", "text", "Name", doc_str(profile, "name"), "name");
	change_input(out, "email", "email", "Email", doc_str(profile, "email"), "email");
	change_input(out, "phone", "tel", "Phone", doc_str(profile, "phone"), "tel");
	address_fields(out, profile);
	html_raw(out, "<p><button type=\"submit\">Send my change</button></p></form></section>");
}

/* Text messages: what the customer agreed to, and the one button that
 * turns it the other way, under the consent words of the library. */
static void sms_form(html_buf *out, const cJSON *doc, const page_ctx *ctx)
{
	const cJSON *profile = doc_obj(doc, "profile");
	int on = doc_bool(profile, "sms_consent");

	html_raw(out, "<section class=\"card\" aria-labelledby=\"sms-title\">"
		"<h2 id=\"sms-title\">Text messages</h2><p>");
	html_raw(out, on ? "We may text you about your visits and repairs." :
		"We do not text you.");
	if (doc_str(profile, "sms_consent_at_text")) {
		html_raw(out, " Since ");
		part_time(out, profile, "sms_consent_at");
		html_raw(out, ".");
	}
	html_raw(out, "</p>");
	part_p(out, "small", doc_str(doc, "sms_terms"));
	part_form(out, NULL, "/portal/profile/sms", NULL, "", ctx);
	part_hidden(out, "sms", on ? "off" : "on");
	html_raw(out, on ? "<p><button type=\"submit\" class=\"secondary\">Stop text messages</button></p>" :
		"<p><button type=\"submit\">Text me about my visits</button></p>");
	html_raw(out, "</form></section>");
}

void view_profile(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *profile = doc_obj(doc, "profile");

	html_raw(out, "<dl>");
	part_row_text(out, "Name", doc_str(profile, "name"));
	part_row_text(out, "Email", doc_str(profile, "email"));
	if (doc_str(profile, "phone") && *doc_str(profile, "phone")) {
		part_row_open(out, "Phone");
		part_phone(out, "", doc_str(profile, "phone"));
		part_row_close(out);
	}
	html_raw(out, "</dl>");
	addresses(out, profile);
	pending_requests(out, doc);
	change_form(out, profile, ctx);
	sms_form(out, doc, ctx);
}

void view_policies(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *pol;

	part_p(out, "lead", "The terms that apply to every repair and visit, in plain words.");
	cJSON_ArrayForEach(pol, doc_arr(doc, "policies")) {
		/* The key makes an anchor other pages could point at. */
		html_raw(out, "<section class=\"policy\" id=\"policy-");
		part_segment(out, doc_str(pol, "key"));
		html_raw(out, "\">");
		part_h2(out, doc_str(pol, "title"));
		part_p(out, NULL, doc_str(pol, "text"));
		html_raw(out, "</section>");
	}
	if (doc_count(doc, "faq") == 0)
		return;
	part_h2(out, "Questions");
	cJSON_ArrayForEach(pol, doc_arr(doc, "faq")) {
		html_raw(out, "<section class=\"question\" id=\"faq-");
		part_segment(out, doc_str(pol, "key"));
		html_raw(out, "\">");
		part_heading(out, 3, doc_str(pol, "question"));
		part_p(out, NULL, doc_str(pol, "answer"));
		html_raw(out, "</section>");
	}
}

/* One row per visit to the portal: when, how the customer came in, and
 * from where (the address masked by the library). */
void view_access_log(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *e;

	html_raw(out, "<p class=\"lead\">Every visit to your portal: when, how it was opened "
		"and from which network. ");
	html_printf(out, "The latest %lld visits are shown.", doc_int(doc, "limit", 100));
	html_raw(out, " If you see a visit you did not make, call us.</p>");
	if (doc_count(doc, "visits") == 0) {
		part_empty(out, "Nothing yet.");
		return;
	}
	html_raw(out, "<table class=\"list\" id=\"visits\"><thead><tr><th scope=\"col\">When</th>"
		"<th scope=\"col\">How</th><th scope=\"col\">From</th>"
		"</tr></thead><tbody>");
	cJSON_ArrayForEach(e, doc_arr(doc, "visits")) {
		html_raw(out, "<tr><td data-label=\"When\">");
		part_time(out, e, "at");
		html_raw(out, "</td><td data-label=\"How\">");
		html_text(out, doc_str(e, "how_text"));
		html_raw(out, "</td><td data-label=\"From\">");
		html_text(out, doc_str(e, "source"));
		html_raw(out, "</td></tr>");
	}
	html_raw(out, "</tbody></table>");
}
