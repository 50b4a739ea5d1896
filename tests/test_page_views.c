/* SPDX-License-Identifier: MIT */
/*
 * test_page_views.c - unit tests for the portal's view pages
 * (cgi/pages/page_*.c), drawn from real documents of the demo shop.
 *
 * Each page is built the way portal.cgi builds it: portal_preview() (or
 * portal_view() after a real lookup) gives the view's JSON, cJSON parses
 * it, page_view() draws it. The clock is at TH_NOW, Sunday 2026-11-22
 * 10:00 in Toronto, so the demo's visit #1 (client 5) is today and visit
 * #2 (client 6) tomorrow.
 *
 * Besides each page's own content, every page is checked for what the
 * portal promises everywhere: the frame's head, a CSRF field in every
 * form, links only to the portal's own URLs, no inline script or style,
 * and, through python3's html.parser, well-formed markup, headings in
 * order, a label for every field and words for every picture.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "fixtures.h"
#include "page.h"

#define CSRF "csrf-Zx9_token"

/* ---------------------------------------------------------------------
 * Fixtures and helpers.
 */

static int setup_demo(void **state)
{
	*state = th_open_demo();
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static void check(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

static const page_ctx session_ctx = { CSRF, NULL, NULL, NULL, NULL };

/* Draw the page of a view document in `json`, as portal.cgi does. */
static void draw(html_buf *out, const char *view, const char *json)
{
	cJSON *doc = cJSON_Parse(json);

	assert_non_null(doc);
	html_init(out);
	assert_int_equal(page_view(out, view, doc, &session_ctx), 0);
	assert_non_null(out->ptr);
	cJSON_Delete(doc);
}

/* The page of view `view` (`arg`) as client `client` sees it, through a
 * link limited to `job` when not 0. */
static void draw_preview(html_buf *out, portal *p, portal_id client, portal_id job,
	const char *view, const char *arg)
{
	portal_buf json = PORTAL_BUF_INIT;
	char what[96];

	snprintf(what, sizeof(what), "preview %lld %s %s", (long long)client, view, arg ? arg : "");
	check(p, portal_preview(&json, p, client, job, view, arg), what);
	draw(out, view, json.ptr);
	portal_buf_dispose(&json);
}

static void check_has(const char *page, const char *needle, const char *what)
{
	if (strstr(page, needle) == NULL)
		fail_msg("%s: the page lacks: %s\n--- page ---\n%s", what, needle, page);
}

static void check_lacks(const char *page, const char *needle, const char *what)
{
	if (strstr(page, needle) != NULL)
		fail_msg("%s: the page holds: %s\n--- page ---\n%s", what, needle, page);
}

/* Every <form> posts, and carries the session's CSRF field before its end. */
static void check_forms(const char *page, const char *what)
{
	const char *field = "<input type=\"hidden\" name=\"csrf\" value=\"" CSRF "\">";

	for (const char *s = page; (s = strstr(s, "<form")) != NULL; ) {
		const char *end = strstr(s, "</form>"), *f = strstr(s, field);
		const char *tag_end = strchr(s, '>'), *post = strstr(s, " method=\"post\"");

		if (end == NULL || f == NULL || f > end || post == NULL || post > tag_end)
			fail_msg("%s: a form without the CSRF field or not a POST:\n%.300s", what, s);
		s = end;
	}
}

/* Whether `url` is one of the portal's own: web.md's table, the static
 * assets, a phone number or an email address of the shop. */
static int own_url(const char *url)
{
	static const char *const prefixes[] = { "/portal\"", "/portal/", "/static/portal.",
		"/static/icon.svg\"", "/logout\"", "/session\"", "/\"", "#", "tel:", "mailto:" };

	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++)
		if (strncmp(url, prefixes[i], strlen(prefixes[i])) == 0)
			return 1;
	return 0;
}

static void check_urls(const char *page, const char *attr, const char *what)
{
	size_t n = strlen(attr);

	for (const char *s = page; (s = strstr(s, attr)) != NULL; s += n)
		if (!own_url(s + n))
			fail_msg("%s: a link to somewhere else: %.80s", what, s);
}

/* What every page of the portal has and never has. */
static void check_frame(const char *page, const char *what)
{
	check_has(page, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">", what);
	check_has(page, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">", what);
	check_has(page, "<meta name=\"robots\" content=\"noindex\">", what);
	check_has(page, "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\">", what);
	check_has(page, "<link rel=\"stylesheet\" href=\"/static/portal.css\">", what);
	check_has(page, "<script src=\"/static/portal.js\" defer></script>", what);
	check_has(page, "</html>\n", what);
	/* The Content-Security-Policy is default-src 'self': no inline
	 * script, style or handler would run, so none may be relied on. */
	check_lacks(page, "<script>", what);
	check_lacks(page, "<style", what);
	check_lacks(page, " style=", what);
	check_lacks(page, " onclick=\"", what);
	check_lacks(page, " onload=\"", what);
	check_lacks(page, " onerror=\"", what);
	check_lacks(page, "javascript:", what);
	check_lacks(page, "http://", what);
	check_lacks(page, "https://", what);
	check_urls(page, "href=\"", what);
	check_urls(page, "action=\"", what);
	check_urls(page, " src=\"", what);
	check_forms(page, what);
}

/* ---------------------------------------------------------------------
 * Every view of the demo shop.
 */

#define MAX_NEEDLES 8

struct view_case {
	portal_id client;
	const char *view;
	const char *arg;
	const char *has[MAX_NEEDLES];
};

static const struct view_case view_cases[] = {
	{ 2, "dashboard", NULL, { "<h1>Overview</h1>", "\xc5\x81ukasz Kowalski", "Invoiced per month",
		"<svg class=\"chart\"", "$389.84", "Oil and filter change", "/portal/job/13" } },
	{ 3, "jobs", NULL, { "<h1>Your repairs</h1>", "Repair #3", "Dishwasher leaves water",
		"<ol class=\"timeline\">", "aria-current=\"step\"" } },
	{ 4, "job", "4", { "<h1>Repair #4</h1>", "Labour warranty until <time datetime=\"2027-02-18\">",
		"Heating element and thermal fuse replaced.",
		"action=\"/portal/job/4/warranty-callback\"", "name=\"problem\"", "name=\"start1\"",
		"name=\"end1\"" } },
	{ 4, "history", NULL, { "<h1>Service history</h1>", "Samsung DVE45R6100C",
		"Labour is covered until Thu 18 Feb 2027", "Parts warranty until" } },
	{ 3, "invoices", NULL, { "<h1>Invoices</h1>", "href=\"/portal/invoice/10005\"", "Partly paid",
		"Balance due: <strong><span class=\"money\">$17.52</span>", "href=\"/portal/invoice/10005/pdf\"" } },
	{ 3, "invoice", "10005", { "<h1>Invoice 10005</h1>", "href=\"/portal/invoice/10005/pdf\"",
		"<strong>Fee credited:</strong>", "credited toward the repair", "\xe2\x88\x92$120.00",
		"Labour warranty until", "e-Transfer CA8Z2Q" } },
	{ 9, "estimates", NULL, { "<h1>Estimates</h1>", "href=\"/portal/estimate/E1009\"",
		"Valid until <time datetime=\"2026-11-28\">", "1 estimate waits for your decision" } },
	{ 9, "estimate", "E1009", { "<h1>Estimate E1009</h1>", "action=\"/portal/estimate/E1009/decide\"",
		"<input type=\"hidden\" name=\"line\" value=\"0\">",
		"name=\"decision\" value=\"approve\"", "name=\"decision\" value=\"decline\"",
		"name=\"name\" autocomplete=\"name\" required", "until the end of Sat 28 Nov." } },
	{ 3, "payments", NULL, { "<h1>Payments</h1>", "E-transfer", "e-Transfer CA8Z2Q", "$235.60",
		"Per month, newest first", "By way of payment" } },
	{ 3, "statement", NULL, { "<h1>Statement of account</h1>", "Invoice 10016 void: Entered twice",
		"Balance: <strong><span class=\"money\">$17.52</span>", "Not yet due" } },
	{ 10, "inspections", NULL, { "<h1>Inspections</h1>", "Front tires", "Needs attention",
		"Replace wiper blades", "$465.00", "Inspected by Kofi" } },
	{ 5, "appointments", NULL, { "<h1>Visits</h1>", "href=\"/portal/appointments/1/cancel\"",
		"href=\"/portal/appointments/1/ics\"", "Cancelling now costs <span class=\"money\">$60.00</span>",
		"action=\"/portal/appointments/request\"", "name=\"start3\"", "name=\"end3\"" } },
	{ 6, "appointments", NULL, { "Free to cancel until", "href=\"/portal/appointments/2/cancel\"",
		"Priya" } },
	{ 3, "profile", NULL, { "<h1>Your profile</h1>", "action=\"/portal/profile/request\"",
		"action=\"/portal/profile/sms\"", "name=\"sms\" value=\"on\"", "+493055501034",
		"17 Bloor St W", "<p class=\"small\">Message frequency varies. Message and data rates "
		"may apply. Reply STOP to opt out, HELP for help.</p>" } },
	{ 3, "policies", NULL, { "<h1>Our policies</h1>", "Cancelling a visit", "$120.00 plus tax",
		"id=\"policy-warranty\"", "id=\"policy-sms\"",
		"<h3>Is my information secure?</h3>" } },
	{ 3, "access-log", NULL, { "<h1>Who opened your portal</h1>", "Every visit to your portal",
		"Nothing yet." } },
	{ 6, "tracking", NULL, { "<h1>Your technician</h1>", "Tracking opens on <time datetime=\"2026-11-23T00:00:00-05:00\">Mon 23 Nov</time>",
		"Tracking opens on the day of your visit.", "data-state=\"not_yet\"", "<dt>Door code</dt>",
		"data-refresh=\"tracking\"" } },
	{ 1, "tracking", NULL, { "You have no visit planned." } },
	{ 3, "notifications", NULL, { "<h1>Notifications</h1>", "action=\"/portal/notifications/read\"",
		"name=\"up_to\"", "Invoice 10005 was issued", "href=\"/portal/job/3\"" } },
	{ 3, "chat", NULL, { "<h1>Chat with us</h1>", "action=\"/portal/chat\"", "name=\"text\"",
		"maxlength=\"2000\"", "data-refresh=\"chat\"", "<label for=\"chat-text\">" } },
};

static void check_case(const struct view_case *c, const char *page)
{
	char what[96];

	snprintf(what, sizeof(what), "client %lld, %s %s", (long long)c->client, c->view,
		c->arg ? c->arg : "");
	check_frame(page, what);
	check_has(page, "action=\"/logout\"", what);
	for (int i = 0; i < MAX_NEEDLES && c->has[i]; i++)
		check_has(page, c->has[i], what);
}

/* A euro shop's pages write every amount with the euro sign: the library's
 * sentences and the pages' own figures alike, and never a dollar. */
static void test_page_views__a_euro_shop_shows_euros_never_dollars(void **state)
{
	static const struct view_case euro_cases[] = {
		{ 2, "dashboard", NULL, { "\xe2\x82\xac" "389.84", "Amounts in EUR." } },
		{ 3, "invoice", "10005", { "\xe2\x88\x92\xe2\x82\xac" "120.00",
			"<span class=\"money\">\xe2\x82\xac" "17.52</span>" } },
		{ 3, "statement", NULL, { "Balance: <strong><span class=\"money\">\xe2\x82\xac"
			"17.52</span>" } },
		{ 3, "payments", NULL, { "\xe2\x82\xac" "235.60" } },
		{ 5, "appointments", NULL, { "Cancelling now costs <span class=\"money\">"
			"\xe2\x82\xac" "60.00</span>" } },
		{ 3, "policies", NULL, { "\xe2\x82\xac" "120.00 plus tax" } },
	};
	portal *p = *state;

	check(p, portal_shop_set(p, "currency", "EUR"), "currency");
	for (size_t i = 0; i < sizeof(euro_cases) / sizeof(euro_cases[0]); i++) {
		html_buf b = HTML_BUF_INIT;

		draw_preview(&b, p, euro_cases[i].client, 0, euro_cases[i].view, euro_cases[i].arg);
		check_case(&euro_cases[i], b.ptr);
		check_lacks(b.ptr, "$", euro_cases[i].view);
		html_free(&b);
	}
}

static void test_page_views__every_view_shows_its_document(void **state)
{
	portal *p = *state;

	for (size_t i = 0; i < sizeof(view_cases) / sizeof(view_cases[0]); i++) {
		html_buf b;

		draw_preview(&b, p, view_cases[i].client, 0, view_cases[i].view, view_cases[i].arg);
		check_case(&view_cases[i], b.ptr);
		html_free(&b);
	}
}

/* Every view name the library has, so a new view cannot be left without
 * a page. */
static void test_page_views__every_library_view_has_a_page(void **state)
{
	int seen = 0;

	for (size_t i = 0; portal_view_name_at(i) != NULL; i++) {
		const char *view = portal_view_name_at(i);
		html_buf b;
		int found = 0;

		draw(&b, view, "{\"view\":\"x\",\"sections\":[],\"client\":{\"name\":\"A\"}}");
		check_lacks(b.ptr, "Page not found", view);
		for (size_t j = 0; j < sizeof(view_cases) / sizeof(view_cases[0]); j++)
			found |= strcmp(view_cases[j].view, view) == 0;
		if (!found)
			fail_msg("no test case draws the %s view from a real document", view);
		html_free(&b);
		seen++;
	}
	assert_int_equal(seen, 18);
}

static void test_page_views__the_navigation_lists_every_section_shown(void **state)
{
	static const char *const links[] = { "href=\"/portal\"", "/portal/jobs\"",
		"/portal/tracking\"", "/portal/appointments\"", "/portal/invoices\"",
		"/portal/estimates\"", "/portal/chat\"", "/portal/notifications\"",
		"/portal/payments\"", "/portal/statement\"", "/portal/history\"",
		"/portal/inspections\"", "/portal/profile\"", "/portal/policies\"",
		"/portal/access-log\"" };
	portal *p = *state;
	html_buf b;
	const char *nav, *end;

	draw_preview(&b, p, 3, 0, "invoices", NULL);
	nav = strstr(b.ptr, "<nav class=\"portal-nav\" aria-label=\"Portal\">");
	assert_non_null(nav);
	end = strstr(nav, "</nav>");
	for (size_t i = 0; i < sizeof(links) / sizeof(links[0]); i++) {
		const char *l = strstr(nav, links[i]);

		if (l == NULL || l > end)
			fail_msg("the navigation lacks %s", links[i]);
	}
	check_has(nav, "<a href=\"/portal/invoices\" aria-current=\"page\">", "invoices");
	/* One disclosure, "Menu", holds them: one line on a phone, and it
	 * opens without a script. */
	check_has(nav, "<details class=\"menu\"><summary>", "invoices");
	check_has(nav, "</span>Menu</summary><ul>", "invoices");
	/* What a customer opens most comes first. */
	for (size_t i = 1; i < sizeof(links) / sizeof(links[0]); i++)
		if (strstr(nav, links[i]) < strstr(nav, links[i - 1]))
			fail_msg("%s comes before %s", links[i], links[i - 1]);
	html_free(&b);
}

static void test_page_views__hidden_sections_leave_the_navigation_and_overview(void **state)
{
	portal *p = *state;
	html_buf b;

	check(p, portal_client_set_sections(p, 3, PORTAL_SECTION_INVOICES), "sections");
	draw_preview(&b, p, 3, 0, "dashboard", NULL);
	check_has(b.ptr, "/portal/invoices\"", "invoices only");
	check_has(b.ptr, "/portal/statement\"", "invoices only");
	check_has(b.ptr, "Invoiced per month", "invoices only");
	check_lacks(b.ptr, "/portal/estimates\"", "invoices only");
	check_lacks(b.ptr, "/portal/chat\"", "invoices only");
	check_lacks(b.ptr, "/portal/tracking\"", "invoices only");
	check_lacks(b.ptr, "/portal/payments\"", "invoices only");
	check_lacks(b.ptr, "How you paid", "invoices only");
	check_lacks(b.ptr, "Next visits", "invoices only");
	html_free(&b);
}

/* A link limited to one job says so, and leaves out the statement, which
 * covers every job and is refused to such a link. */
static void test_page_views__a_job_link_shows_one_repair_without_the_statement(void **state)
{
	portal *p = *state;
	html_buf b;

	draw_preview(&b, p, 3, 3, "dashboard", NULL);
	check_has(b.ptr, "<p class=\"scope\">This link shows <a href=\"/portal/job/3\">one repair</a> only.</p>",
		"job link");
	check_lacks(b.ptr, "/portal/statement\"", "job link");
	check_has(b.ptr, "/portal/invoices\"", "job link");
	html_free(&b);
	draw_preview(&b, p, 3, 0, "dashboard", NULL);
	check_lacks(b.ptr, "This link shows", "whole client");
	html_free(&b);
}

static void test_page_views__an_expired_estimate_offers_no_decision(void **state)
{
	portal *p = *state;
	html_buf b;

	draw_preview(&b, p, 12, 0, "estimate", "E1010");
	check_has(b.ptr, "Expired", "E1010");
	check_lacks(b.ptr, "/decide", "E1010");
	check_lacks(b.ptr, "name=\"decision\"", "E1010");
	html_free(&b);
}

/* A repair whose warranty has not started (not repaired yet) offers no
 * warranty visit. */
static void test_page_views__only_a_repaired_job_offers_a_warranty_visit(void **state)
{
	portal *p = *state;
	html_buf b;

	draw_preview(&b, p, 9, 0, "job", "9");
	check_lacks(b.ptr, "warranty-callback", "job 9");
	check_lacks(b.ptr, "Labour warranty until", "job 9");
	html_free(&b);
}

/* The day of the visit, the technician sets out and reports a position:
 * the page shows the map, the ETA and how fresh the position is. */
static void test_page_views__an_en_route_visit_shows_map_eta_and_freshness(void **state)
{
	portal *p = *state;
	portal_appointment *a = NULL;
	html_buf b;

	check(p, portal_appointment_get(&a, p, 1), "visit 1");
	check(p, portal_appointment_set_status(p, 1, PORTAL_APPT_EN_ROUTE, TH_NOW - 600), "en route");
	check(p, portal_tech_ping(p, a->technician_id, 43.6629, -79.3957, 25, TH_NOW - 300), "ping");
	portal_appointment_free(a);
	draw_preview(&b, p, 5, 0, "tracking", NULL);
	check_frame(b.ptr, "en route");
	check_has(b.ptr, "data-state=\"en_route\"", "en route");
	check_has(b.ptr, "<figure class=\"map\"><svg class=\"map\" id=\"map\"", "en route");
	check_has(b.ptr, "role=\"img\" aria-labelledby=\"map-title map-desc\"", "en route");
	check_has(b.ptr, "<title id=\"map-title\">Where Marc is</title>", "en route");
	check_has(b.ptr, "<span id=\"track-updated\">updated 5 min ago</span>", "en route");
	check_has(b.ptr, "<strong id=\"track-eta\"><time datetime=\"", "en route");
	check_has(b.ptr, "Marc is on the way.", "en route");
	check_has(b.ptr, "<strong class=\"code\" id=\"track-door\">", "en route");
	check_has(b.ptr, "href=\"tel:+18664153937\"", "en route");
	check_has(b.ptr, "<p class=\"warning\" id=\"track-stale\" hidden>", "en route");
	html_free(&b);
}

/* The map places both the technician and the home when the document
 * gives the home's coordinates, north up, with a scale. */
static void test_page_views__the_map_places_technician_and_home(void **state)
{
	html_buf b;
	const char *tech, *home;
	double tx, ty, hx, hy;

	draw(&b, "tracking", "{\"view\":\"tracking\",\"sections\":[\"tracking\"],"
		"\"visit\":{\"id\":1,\"state\":\"en_route\",\"status\":\"en_route\","
		"\"status_label\":\"En route\",\"message\":\"Sam is on the way.\","
		"\"technician\":{\"first_name\":\"Sam\"},"
		"\"position\":{\"latitude\":43.70,\"longitude\":-79.40,\"accuracy_m\":null},"
		"\"destination\":{\"latitude\":43.65,\"longitude\":-79.38},"
		"\"distance_m\":5760,\"road_distance_m\":7488,\"updated_minutes_ago\":2,"
		"\"stale\":false}}");
	tech = strstr(b.ptr, "<g id=\"map-tech\" class=\"tech\" transform=\"translate(");
	home = strstr(b.ptr, "<g id=\"map-home\" class=\"home\" transform=\"translate(");
	assert_non_null(tech);
	assert_non_null(home);
	assert_int_equal(sscanf(strchr(tech, '(') + 1, "%lf %lf", &tx, &ty), 2);
	assert_int_equal(sscanf(strchr(home, '(') + 1, "%lf %lf", &hx, &hy), 2);
	/* The technician is north (up) and west (left) of the home. */
	assert_true(ty < hy);
	assert_true(tx < hx);
	/* Both inside the picture. */
	assert_true(tx > 0 && tx < 320 && hx > 0 && hx < 320);
	assert_true(ty > 0 && ty < 240 && hy > 0 && hy < 240);
	check_has(b.ptr, "<g class=\"scale\">", "map");
	check_has(b.ptr, "<g class=\"north\"", "map");
	check_has(b.ptr, "Sam is about 5.8 km from your home in a straight line, about 7.5 km by road.", "map");
	check_has(b.ptr, "data-mode=\"positions\"", "map");
	html_free(&b);
}

/* ---------------------------------------------------------------------
 * Escaping.
 */

#define HOSTILE_NAME "Zo\xc3\xab <script>alert(\"name\")</script> O'Brien & Co"
#define HOSTILE_NAME_HTML "Zo\xc3\xab &lt;script&gt;alert(&quot;name&quot;)&lt;/script&gt; O&#39;Brien &amp; Co"

static void check_never_raw(const char *page, const char *what)
{
	check_lacks(page, "<script>alert", what);
	check_lacks(page, "<img src=x", what);
	check_lacks(page, "</li><b>", what);
}

static void test_page_views__a_hostile_client_name_is_escaped_everywhere(void **state)
{
	portal *p = *state;
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;

	f.name = HOSTILE_NAME;
	check(p, portal_client_update(p, 3, &f), "renaming client 3");
	for (size_t i = 0; portal_view_name_at(i) != NULL; i++) {
		const char *view = portal_view_name_at(i);
		const char *arg = strcmp(view, "job") == 0 ? "3" : strcmp(view, "invoice") == 0 ? "10005" :
			strcmp(view, "estimate") == 0 ? "E1003" : NULL;
		html_buf b;

		draw_preview(&b, p, 3, 0, view, arg);
		check_has(b.ptr, "Portal of <strong>" HOSTILE_NAME_HTML "</strong>", view);
		check_never_raw(b.ptr, view);
		html_free(&b);
	}
}

static void test_page_views__hostile_chat_messages_are_escaped(void **state)
{
	portal *p = *state;
	portal_session s;
	html_buf b;

	memset(&s, 0, sizeof(s));
	s.id = 1;
	s.client_id = 3;
	s.sections = PORTAL_SECTIONS_ALL;
	snprintf(s.source, sizeof(s.source), "%s", "203.0.113.9");
	check(p, portal_customer_chat_post(NULL, p, &s, "</li><b>bold</b> \"quoted\" & 'single'\nline two"),
		"client writes");
	check(p, portal_chat_reply(NULL, p, 3, "<img src=x onerror=\"alert('shop')\"> <script>alert(1)</script>"),
		"shop answers");
	draw_preview(&b, p, 3, 0, "chat", NULL);
	check_frame(b.ptr, "chat");
	check_has(b.ptr, "&lt;/li&gt;&lt;b&gt;bold&lt;/b&gt; &quot;quoted&quot; &amp; &#39;single&#39;\nline two",
		"client's message");
	check_has(b.ptr, "&lt;img src=x onerror=&quot;alert(&#39;shop&#39;)&quot;&gt; &lt;script&gt;alert(1)&lt;/script&gt;",
		"shop's message");
	check_has(b.ptr, "<li class=\"from-you\" data-id=\"", "chat");
	check_has(b.ptr, "<li class=\"from-shop unread\" id=\"chat-first-new\" data-id=\"", "chat");
	check_never_raw(b.ptr, "chat");
	check_lacks(b.ptr, "<script>alert(1)", "chat");
	html_free(&b);
}

/* The shop's new messages can be marked read from the page, up to the
 * newest one it shows (a newer one stays new); without news, no form. */
static void test_page_views__the_chat_marks_the_shop_messages_read(void **state)
{
	portal *p = *state;
	portal_id first = 0, second = 0;
	char field[64];
	html_buf b;

	check(p, portal_chat_reply(&first, p, 3, "Your part is in."), "first answer");
	check(p, portal_chat_reply(&second, p, 3, "We can come on Thursday."), "second answer");
	draw_preview(&b, p, 3, 0, "chat", NULL);
	check_frame(b.ptr, "chat news");
	check_has(b.ptr, "2 new messages from us.", "chat news");
	check_has(b.ptr, "<form method=\"post\" action=\"/portal/chat/read\" id=\"chat-read\">", "chat news");
	snprintf(field, sizeof(field), "<input type=\"hidden\" name=\"up_to\" value=\"%lld\">",
		(long long)second);
	check_has(b.ptr, field, "chat news");
	check_has(b.ptr, ">Mark as read</button>", "chat news");
	html_free(&b);
	draw(&b, "chat", "{\"view\":\"chat\",\"sections\":[\"chat\"],\"unread\":0,\"last_id\":3,"
		"\"messages\":[{\"id\":3,\"from\":\"shop\",\"body\":\"x\",\"read\":true}]}");
	check_lacks(b.ptr, "/portal/chat/read", "nothing new");
	check_lacks(b.ptr, "new message", "nothing new");
	html_free(&b);
}

/* The tax rate is part of the label, so the amount stays alone in its
 * cell, aligned with the other totals at any width. */
static void test_page_views__the_tax_amount_stands_alone_beside_its_rate(void **state)
{
	portal *p = *state;
	html_buf b;

	draw_preview(&b, p, 2, 0, "invoice", "10003");
	check_has(b.ptr, "<div><dt>Tax <span class=\"sub\">13% of <span class=\"money\">$344.99</span>"
		"</span></dt><dd><span class=\"money\">$44.85</span></dd></div>", "invoice 10003");
	html_free(&b);
}

/* A document number goes into links percent-encoded: whatever it holds,
 * it names one record and cannot add a path, a query or markup. */
static void test_page_views__a_hostile_document_number_stays_inside_its_link(void **state)
{
	html_buf b;

	draw(&b, "invoices", "{\"view\":\"invoices\",\"sections\":[\"invoices\"],"
		"\"invoices\":[{\"number\":\"1\\\"/><script>x()</script>/../?a=b#c\",\"status\":\"due\","
		"\"status_label\":\"Due\\\" onmouseover=\\\"x()\",\"total\":100,\"total_text\":\"1.00\","
		"\"balance\":100,\"balance_text\":\"1.00\"}],\"totals\":{}}");
	check_has(b.ptr, "href=\"/portal/invoice/1%22%2F%3E%3Cscript%3Ex%28%29%3C%2Fscript%3E%2F..%2F%3Fa%3Db%23c\"",
		"link");
	check_has(b.ptr, "href=\"/portal/invoice/1%22%2F%3E%3Cscript%3Ex%28%29%3C%2Fscript%3E%2F..%2F%3Fa%3Db%23c/pdf\"",
		"pdf link");
	check_has(b.ptr, ">1&quot;/&gt;&lt;script&gt;x()&lt;/script&gt;/../?a=b#c</a>", "link text");
	check_has(b.ptr, "Due&quot; onmouseover=&quot;x()", "label");
	check_lacks(b.ptr, "<script>x()", "invoices");
	check_lacks(b.ptr, "\" onmouseover", "invoices");
	html_free(&b);
}

/* ---------------------------------------------------------------------
 * A repair with its invoices, estimates and visits; the requests waiting
 * for the shop; the chat's new messages; the currency.
 */

/* The row of `page` that starts with `start`, up to its </tr>, copied
 * into `row` (to compare one page's row with another's). */
static void copy_row(char *row, size_t len, const char *page, const char *start)
{
	const char *s = strstr(page, start), *tr, *end;

	if (s == NULL)
		fail_msg("no row with %s", start);
	for (tr = s; tr > page && strncmp(tr, "<tr>", 4) != 0; tr--)
		;
	end = strstr(s, "</tr>");
	assert_non_null(end);
	assert_true((size_t)(end + 5 - tr) < len);
	snprintf(row, len, "%.*s", (int)(end + 5 - tr), tr);
}

/* Job 7 has two invoices, an estimate and a visit (the demo's): the
 * repair page lists each as its list page does, linking to it. */
static void test_page_views__a_repair_lists_its_invoices_estimates_and_visits(void **state)
{
	portal *p = *state;
	static char row[4096];
	html_buf job, list;

	draw_preview(&job, p, 7, 0, "job", "7");
	check_frame(job.ptr, "job 7");
	check_has(job.ptr, "<h2 id=\"job-estimates\">Estimates</h2>", "job 7");
	check_has(job.ptr, "<h2 id=\"job-invoices\">Invoices</h2>", "job 7");
	check_has(job.ptr, "<h2 id=\"job-visits\">Visits</h2>", "job 7");
	check_has(job.ptr, "<a href=\"/portal/invoice/10015\">10015</a>", "job 7");
	check_has(job.ptr, "<a href=\"/portal/invoice/10011\">10011</a>", "job 7");
	check_has(job.ptr, "<a href=\"/portal/invoice/10011/pdf\">PDF</a>", "job 7");
	check_has(job.ptr, "<a href=\"/portal/estimate/E1007\">E1007</a>", "job 7");
	check_has(job.ptr, "<a href=\"/portal/appointments\">All your visits</a>", "job 7");
	check_has(job.ptr, "<article class=\"card visit\"><h3><time", "job 7");
	check_has(job.ptr, "<p class=\"small currency\">Amounts in CAD.</p>", "job 7");
	/* The page is the job's own: its visit does not link back to it. */
	check_lacks(job.ptr, "See the repair", "job 7");
	/* The very rows of the list pages. */
	draw_preview(&list, p, 7, 0, "invoices", NULL);
	copy_row(row, sizeof(row), job.ptr, "<a href=\"/portal/invoice/10011\">");
	check_has(list.ptr, row, "the invoices page has the repair page's row");
	html_free(&list);
	draw_preview(&list, p, 7, 0, "estimates", NULL);
	copy_row(row, sizeof(row), job.ptr, "<a href=\"/portal/estimate/E1007\">");
	check_has(list.ptr, row, "the estimates page has the repair page's row");
	html_free(&list);
	html_free(&job);
	/* A repair with none of them lists nothing, not empty sections. */
	draw_preview(&job, p, 11, 0, "job", "11");
	check_lacks(job.ptr, "job-invoices", "job 11");
	check_lacks(job.ptr, "job-estimates", "job 11");
	check_lacks(job.ptr, "job-visits", "job 11");
	check_lacks(job.ptr, "Amounts in", "job 11");
	html_free(&job);
}

/* Whether the repair page `page` lists job 7's invoices, estimates and
 * visits (`shown`) or none of them. */
static void check_job_lists(const char *page, int shown, const char *what)
{
	static const char *const lists[] = { "job-invoices", "job-estimates", "job-visits",
		"/portal/invoice/", "/portal/estimate/E1007\"" };

	for (size_t i = 0; i < sizeof(lists) / sizeof(lists[0]); i++)
		(shown ? check_has : check_lacks)(page, lists[i], what);
}

/* A section the shop hides leaves the repair page, and so does what the
 * page is given about a job a link does not show. */
static void test_page_views__a_repair_lists_only_what_the_client_sees(void **state)
{
	static const char job_doc[] = "\"job\":{\"id\":7,\"status\":\"booked\",\"status_label\":\"Booked\","
		"\"invoices\":[{\"number\":\"10011\",\"status\":\"due\",\"status_label\":\"Due\"}],"
		"\"estimates\":[{\"number\":\"E1007\",\"status\":\"sent\",\"status_label\":\"Sent\"}],"
		"\"appointments\":[{\"id\":4,\"status\":\"scheduled\",\"status_label\":\"Scheduled\"}]}}";
	portal *p = *state;
	char json[1024];
	html_buf b;

	check(p, portal_client_set_sections(p, 7, PORTAL_SECTION_ESTIMATES), "sections");
	draw_preview(&b, p, 7, 0, "job", "7");
	check_has(b.ptr, "/portal/estimate/E1007\"", "estimates only");
	check_lacks(b.ptr, "/portal/invoice/", "estimates only");
	check_lacks(b.ptr, "job-invoices", "estimates only");
	check_lacks(b.ptr, "job-visits", "estimates only");
	html_free(&b);
	/* The page asks the sections itself, whatever lists the document holds. */
	snprintf(json, sizeof(json), "{\"view\":\"job\",\"sections\":[\"chat\"],\"job_scope\":null,%s",
		job_doc);
	draw(&b, "job", json);
	check_job_lists(b.ptr, 0, "hidden sections");
	html_free(&b);
	/* A link limited to job 7 shows job 7's lists ... */
	snprintf(json, sizeof(json), "{\"view\":\"job\",\"sections\":[\"invoices\",\"estimates\","
		"\"appointments\"],\"job_scope\":7,%s", job_doc);
	draw(&b, "job", json);
	check_job_lists(b.ptr, 1, "job link");
	html_free(&b);
	/* ... and nothing of another job. */
	snprintf(json, sizeof(json), "{\"view\":\"job\",\"sections\":[\"invoices\",\"estimates\","
		"\"appointments\"],\"job_scope\":3,%s", job_doc);
	draw(&b, "job", json);
	check_job_lists(b.ptr, 0, "another job's link");
	html_free(&b);
	/* Through a real link for job 7, as the library builds it. */
	check(p, portal_client_set_sections(p, 7, PORTAL_SECTIONS_ALL), "sections");
	draw_preview(&b, p, 7, 7, "job", "7");
	check_job_lists(b.ptr, 1, "link for job 7");
	html_free(&b);
}

static void test_page_views__a_repair_escapes_its_listed_documents(void **state)
{
	html_buf b;

	draw(&b, "job", "{\"view\":\"job\",\"sections\":[\"invoices\",\"estimates\",\"appointments\"],"
		"\"shop\":{\"currency\":\"<b>X</b>\"},"
		"\"job\":{\"id\":7,\"invoices\":[{\"number\":\"1<script>x()</script>\",\"status\":\"due\","
		"\"status_label\":\"<img src=x>\",\"total_text\":\"1.00<b>\"}],"
		"\"estimates\":[{\"number\":\"E1\\\"><script>y()</script>\",\"status\":\"approved\","
		"\"status_label\":\"Approved\",\"decided_at_text\":\"2026-11-20T10:00:00-05:00\","
		"\"decided_by\":\"</li><b>Bob</b>\"}],"
		"\"appointments\":[{\"id\":4,\"status\":\"scheduled\",\"status_label\":\"Scheduled\","
		"\"address\":\"<script>alert(1)</script>\",\"technician_first_name\":\"O'Neil & <i>\"}]}}");
	check_has(b.ptr, "href=\"/portal/invoice/1%3Cscript%3Ex%28%29%3C%2Fscript%3E\"", "invoice link");
	check_has(b.ptr, ">1&lt;script&gt;x()&lt;/script&gt;</a>", "invoice number");
	check_has(b.ptr, "&lt;img src=x&gt;", "status label");
	check_has(b.ptr, "$1.00&lt;b&gt;", "amount");
	check_has(b.ptr, "href=\"/portal/estimate/E1%22%3E%3Cscript%3Ey%28%29%3C%2Fscript%3E\"", "estimate link");
	check_has(b.ptr, " by &lt;/li&gt;&lt;b&gt;Bob&lt;/b&gt;", "decided by");
	check_has(b.ptr, "&lt;script&gt;alert(1)&lt;/script&gt;", "address");
	check_has(b.ptr, "O&#39;Neil &amp; &lt;i&gt;", "technician");
	check_has(b.ptr, "Amounts in &lt;b&gt;X&lt;/b&gt;.", "currency");
	check_never_raw(b.ptr, "job");
	check_lacks(b.ptr, "<script>", "job");
	check_lacks(b.ptr, "<b>", "job");
	html_free(&b);
}

/* A change of details, a visit request and a warranty callback wait on
 * the profile until the shop answers; a link for one job lists only the
 * requests about that job. */
static void test_page_views__the_profile_shows_the_requests_waiting(void **state)
{
	portal *p = *state;
	portal_session s = th_session_for(4, 0);
	portal_profile_change change = PORTAL_PROFILE_CHANGE_INIT;
	portal_visit_request visit = PORTAL_VISIT_REQUEST_INIT;
	html_buf b;

	draw_preview(&b, p, 4, 0, "profile", NULL);
	check_lacks(b.ptr, "Waiting for the shop", "nothing asked");
	html_free(&b);
	change.name = HOSTILE_NAME;
	change.email = "";
	check(p, portal_customer_request_profile(NULL, p, &s, &change), "change of details");
	visit.problem = "Dryer <b>squeaks</b> & stops";
	visit.window_count = 2;
	visit.windows[0].start = TH_NOW + 2 * 86400;
	visit.windows[0].end = TH_NOW + 2 * 86400 + 4 * 3600;
	visit.windows[1].start = TH_NOW + 3 * 86400;
	visit.windows[1].end = TH_NOW + 3 * 86400 + 2 * 3600;
	check(p, portal_customer_request_appointment(NULL, p, &s, &visit), "visit request");
	visit.problem = "The heater fails again";
	visit.window_count = 1;
	check(p, portal_customer_request_warranty_callback(NULL, p, &s, 4, &visit), "callback");
	draw_preview(&b, p, 4, 0, "profile", NULL);
	check_frame(b.ptr, "pending");
	check_has(b.ptr, "<h2 id=\"pending-title\">Waiting for the shop</h2>", "pending");
	check_has(b.ptr, "<h3>Change of details</h3>", "pending");
	check_has(b.ptr, "<h3>Visit request</h3>", "pending");
	check_has(b.ptr, "<h3>Warranty callback</h3>", "pending");
	check_has(b.ptr, "<span class=\"badge badge-pending\">Pending</span>", "pending");
	check_has(b.ptr, "<dt>Name</dt><dd>" HOSTILE_NAME_HTML "</dd>", "the name asked");
	check_has(b.ptr, "<dt>Email</dt><dd><em>Remove it</em></dd>", "the email removed");
	check_lacks(b.ptr, "<dt>Phone</dt><dd><em>", "the phone not asked");
	check_has(b.ptr, "Dryer &lt;b&gt;squeaks&lt;/b&gt; &amp; stops", "the problem");
	check_has(b.ptr, "<li><time datetime=\"2026-11-24T10:00:00-05:00\">Tue 24 Nov, 10:00 am"
		"\xe2\x80\x93" "2:00 pm</time></li>", "first window");
	check_has(b.ptr, "<time datetime=\"2026-11-25T10:00:00-05:00\">", "second window");
	check_has(b.ptr, "About <a href=\"/portal/job/4\">your repair</a>", "the callback's job");
	check_never_raw(b.ptr, "pending");
	check_lacks(b.ptr, "<b>squeaks", "pending");
	/* Oldest first, as the document lists them. */
	assert_true(strstr(b.ptr, "Change of details") < strstr(b.ptr, "Visit request"));
	assert_true(strstr(b.ptr, "Visit request") < strstr(b.ptr, "Warranty callback"));
	html_free(&b);
	/* A link for job 4: only the callback about job 4. */
	draw_preview(&b, p, 4, 4, "profile", NULL);
	check_has(b.ptr, "<h3>Warranty callback</h3>", "link for job 4");
	check_lacks(b.ptr, "Change of details", "link for job 4");
	check_lacks(b.ptr, "<h3>Visit request</h3>", "link for job 4");
	html_free(&b);
}

/* The shop's messages not read yet say "New" in words, the first of
 * them is where the notice leads; the client's own never do. */
static void test_page_views__the_chat_marks_new_messages_in_words(void **state)
{
	portal *p = *state;
	portal_session s = th_session_for(3, 0);
	portal_id first = 0, second = 0;
	char needle[128];
	html_buf b;

	check(p, portal_customer_chat_post(NULL, p, &s, "Is my part in?"), "client writes");
	check(p, portal_chat_reply(&first, p, 3, "It is."), "first answer");
	check(p, portal_chat_reply(&second, p, 3, "Thursday?"), "second answer");
	draw_preview(&b, p, 3, 0, "chat", NULL);
	check_frame(b.ptr, "new messages");
	snprintf(needle, sizeof(needle), "<li class=\"from-shop unread\" id=\"chat-first-new\" "
		"data-id=\"%lld\"><p class=\"who\"><span class=\"badge badge-new\">New</span> ",
		(long long)first);
	check_has(b.ptr, needle, "the first new message");
	snprintf(needle, sizeof(needle), "<li class=\"from-shop unread\" data-id=\"%lld\"><p class=\"who\">"
		"<span class=\"badge badge-new\">New</span> ", (long long)second);
	check_has(b.ptr, needle, "the second new message");
	check_has(b.ptr, "2 new messages from us. <a href=\"#chat-first-new\">Go to the first</a>", "notice");
	check_has(b.ptr, "<li class=\"from-you\" data-id=\"", "own message");
	check_lacks(b.ptr, "<li class=\"from-you unread\"", "own message");
	html_free(&b);
	check(p, portal_customer_chat_mark_read(p, &s, 0), "read");
	draw_preview(&b, p, 3, 0, "chat", NULL);
	check_lacks(b.ptr, "badge-new", "all read");
	check_lacks(b.ptr, "chat-first-new", "all read");
	check_lacks(b.ptr, " unread\"", "all read");
	html_free(&b);
}

/* Every page of amounts says once which currency they are in. */
static void test_page_views__money_pages_name_the_currency(void **state)
{
	static const struct { const char *view, *arg; } money[] = {
		{ "dashboard", NULL }, { "invoices", NULL }, { "invoice", "10005" },
		{ "estimates", NULL }, { "estimate", "E1003" }, { "payments", NULL },
		{ "statement", NULL }, { "job", "3" },
	};
	portal *p = *state;
	html_buf b;

	for (size_t i = 0; i < sizeof(money) / sizeof(money[0]); i++) {
		const char *at;

		draw_preview(&b, p, 3, 0, money[i].view, money[i].arg);
		at = strstr(b.ptr, "<p class=\"small currency\">Amounts in CAD.</p>");
		if (at == NULL)
			fail_msg("%s: no currency", money[i].view);
		check_lacks(at + strlen("<p class=\"small currency\">Amounts in"), "Amounts in",
			money[i].view);
		html_free(&b);
	}
	check(p, portal_shop_set(p, "currency", "eur"), "currency");
	draw_preview(&b, p, 3, 0, "statement", NULL);
	check_has(b.ptr, "Amounts in EUR.", "a shop in euros");
	html_free(&b);
	draw(&b, "invoices", "{\"view\":\"invoices\",\"sections\":[\"invoices\"],\"invoices\":[],"
		"\"totals\":{}}");
	check_lacks(b.ptr, "Amounts in", "no currency in the document");
	html_free(&b);
}

/* ---------------------------------------------------------------------
 * A real session, as portal.cgi has it after the customer's lookup.
 */

static void test_page_views__a_lookup_session_draws_its_pages(void **state)
{
	portal *p = *state;
	portal_session *s = NULL;
	portal_buf json = PORTAL_BUF_INIT;
	html_buf b;

	check(p, portal_lookup(&s, p, "10003", "48", "203.0.113.5"), "lookup");
	check(p, portal_view(&json, p, s, "dashboard", NULL), "dashboard");
	draw(&b, "dashboard", json.ptr);
	check_frame(b.ptr, "lookup");
	check_has(b.ptr, "Portal of <strong>\xc5\x81ukasz Kowalski</strong>", "lookup");
	portal_buf_dispose(&json);
	html_free(&b);
	check(p, portal_view(&json, p, s, "invoice", "#10003"), "invoice");
	draw(&b, "invoice", json.ptr);
	check_has(b.ptr, "<h1>Invoice 10003</h1>", "lookup invoice");
	check_has(b.ptr, "href=\"/portal/invoice/10003/pdf\"", "lookup invoice");
	portal_buf_dispose(&json);
	html_free(&b);
	portal_session_free(s);
}

/* ---------------------------------------------------------------------
 * Well-formed and accessible, checked by a real HTML parser.
 */

/* python3's html.parser walks each page: every element closed in order,
 * no block inside a paragraph (a browser would close the paragraph and
 * build another tree), unique ids, one h1 and no skipped heading level,
 * a <label for> for every field a person fills in, and an SVG only with
 * role="img" and words (aria-labelledby ids that exist, and a <title>). */
static const char checker[] =
	"import sys\n"
	"from html.parser import HTMLParser\n"
	"VOID={'area','base','br','col','embed','hr','img','input','link','meta','source','track','wbr'}\n"
	"BLOCK={'div','dl','ul','ol','table','section','article','form','p','h1','h2','h3','h4','h5','h6',"
	"'figure','details','fieldset','header','footer','main','nav'}\n"
	"class P(HTMLParser):\n"
	" def __init__(s):\n"
	"  super().__init__(convert_charrefs=True); s.stack=[]; s.err=[]; s.ids=[]; s.heads=[]\n"
	"  s.labels=set(); s.fields=[]; s.svgs=[]; s.titles=0\n"
	" def handle_starttag(s,t,a):\n"
	"  d=dict(a)\n"
	"  if 'id' in d: s.ids.append(d['id'])\n"
	"  if any(k.startswith('on') for k in d): s.err.append('an event handler on <%s>'%t)\n"
	"  if t in BLOCK and 'p' in s.stack: s.err.append('<%s> inside <p>'%t)\n"
	"  if len(t)==2 and t[0]=='h' and t[1].isdigit(): s.heads.append(int(t[1]))\n"
	"  if t=='label': s.labels.add(d.get('for'))\n"
	"  if t=='textarea' or t=='select' or (t=='input' and d.get('type') not in ('hidden','submit')):\n"
	"   s.fields.append(d.get('id'))\n"
	"  if t=='svg': s.svgs.append(d)\n"
	"  if t=='title' and 'svg' in s.stack: s.titles+=1\n"
	"  if t not in VOID: s.stack.append(t)\n"
	" def handle_endtag(s,t):\n"
	"  if t in VOID: return\n"
	"  if not s.stack or s.stack[-1]!=t: s.err.append('</%s> closes %s at %s'%(t,s.stack[-2:],s.getpos())); return\n"
	"  s.stack.pop()\n"
	"bad=0\n"
	"for f in sys.argv[1:]:\n"
	" p=P(); p.feed(open(f,encoding='utf-8').read()); p.close()\n"
	" e=p.err\n"
	" if p.stack: e.append('never closed: %s'%p.stack)\n"
	" dup=set(i for i in p.ids if p.ids.count(i)>1)\n"
	" if dup: e.append('ids twice: %s'%sorted(dup))\n"
	" if p.heads.count(1)!=1: e.append('%d h1'%p.heads.count(1))\n"
	" prev=0\n"
	" for h in p.heads:\n"
	"  if h>prev+1: e.append('h%d after h%d'%(h,prev))\n"
	"  prev=h\n"
	" for i in p.fields:\n"
	"  if i is None or i not in p.labels: e.append('a field without a label: %s'%i)\n"
	" for d in p.svgs:\n"
	"  ids=(d.get('aria-labelledby') or '').split()\n"
	"  if d.get('role')!='img' or not ids or any(i not in p.ids for i in ids): e.append('an svg without words')\n"
	" if p.titles<len(p.svgs): e.append('an svg without a title')\n"
	" for m in e: print('%s: %s'%(f,m)); bad=1\n"
	"sys.exit(bad)\n";

static int page_files;
static char page_list[16384];

static void save_page(const char *dir, const char *name, const html_buf *b)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%02d-%s.html", dir, page_files++, name);
	f = fopen(path, "w");
	assert_non_null(f);
	assert_int_equal(fwrite(b->ptr, 1, b->size, f), b->size);
	assert_int_equal(fclose(f), 0);
	assert_true(strlen(page_list) + strlen(path) + 2 < sizeof(page_list));
	strcat(page_list, " ");
	strcat(page_list, path);
}

static void save_special_pages(const char *dir)
{
	html_buf b = HTML_BUF_INIT;
	cJSON *quote = cJSON_Parse("{\"appointment_id\":1,\"late\":true,\"fee\":6000,"
		"\"fee_text\":\"60.00\",\"free_until\":\"2026-11-22T01:00:00-05:00\","
		"\"client\":{\"name\":\"A\"},\"shop\":{\"name\":\"Shop\",\"phone\":\"+1555\"},"
		"\"sections\":[\"appointments\"],\"visit\":{\"id\":1,"
		"\"window_start_text\":\"2026-11-22T13:00:00-05:00\","
		"\"window_end_text\":\"2026-11-22T15:00:00-05:00\",\"status\":\"confirmed\","
		"\"status_label\":\"Confirmed\",\"technician_first_name\":\"Marc\","
		"\"address\":\"9 Queen St E\"}}");
	page_ctx outside = { NULL, "Shop", NULL, "No match.", NULL };

	assert_int_equal(page_landing(&b, NULL, "1", "2", &outside), 0);
	save_page(dir, "landing", &b);
	html_free(&b);
	assert_int_equal(page_status(&b, 429, "Too many tries.", &outside), 0);
	save_page(dir, "status", &b);
	html_free(&b);
	assert_int_equal(page_cancel_confirm(&b, quote, &session_ctx), 0);
	check_frame(b.ptr, "cancel");
	save_page(dir, "cancel", &b);
	html_free(&b);
	cJSON_Delete(quote);
}

static void test_page_views__every_page_is_well_formed_and_accessible(void **state)
{
	portal *p = *state;
	const char *dir = th_tempdir();
	portal_appointment *a = NULL;
	char *cmd;
	size_t len;
	FILE *f;
	char script[256];

	page_files = 0;
	page_list[0] = '\0';
	for (size_t i = 0; i < sizeof(view_cases) / sizeof(view_cases[0]); i++) {
		html_buf b;

		draw_preview(&b, p, view_cases[i].client, 0, view_cases[i].view, view_cases[i].arg);
		save_page(dir, view_cases[i].view, &b);
		html_free(&b);
	}
	check(p, portal_appointment_get(&a, p, 1), "visit 1");
	check(p, portal_appointment_set_status(p, 1, PORTAL_APPT_EN_ROUTE, TH_NOW - 600), "en route");
	check(p, portal_tech_ping(p, a->technician_id, 43.6629, -79.3957, 25, TH_NOW - 300), "ping");
	portal_appointment_free(a);
	{
		html_buf b;

		draw_preview(&b, p, 5, 0, "tracking", NULL);
		save_page(dir, "tracking-en-route", &b);
		html_free(&b);
	}
	{
		/* The profile with requests waiting, the chat with news. */
		portal_session s = th_session_for(4, 0);
		portal_visit_request visit = PORTAL_VISIT_REQUEST_INIT;
		portal_profile_change change = PORTAL_PROFILE_CHANGE_INIT;
		html_buf b;

		change.phone = "";
		check(p, portal_customer_request_profile(NULL, p, &s, &change), "change");
		visit.problem = "Squeaks";
		visit.window_count = 1;
		visit.windows[0].start = TH_NOW + 86400;
		visit.windows[0].end = TH_NOW + 86400 + 3600;
		check(p, portal_customer_request_warranty_callback(NULL, p, &s, 4, &visit), "callback");
		check(p, portal_chat_reply(NULL, p, 4, "Your part is in."), "answer");
		draw_preview(&b, p, 4, 0, "profile", NULL);
		check_has(b.ptr, "Waiting for the shop", "profile saved");
		save_page(dir, "profile-pending", &b);
		html_free(&b);
		draw_preview(&b, p, 4, 0, "chat", NULL);
		check_has(b.ptr, "badge-new", "chat saved");
		save_page(dir, "chat-new", &b);
		html_free(&b);
		draw_preview(&b, p, 7, 0, "job", "7");
		save_page(dir, "job-lists", &b);
		html_free(&b);
	}
	save_special_pages(dir);
	snprintf(script, sizeof(script), "%s/check.py", dir);
	f = fopen(script, "w");
	assert_non_null(f);
	fputs(checker, f);
	assert_int_equal(fclose(f), 0);
	len = strlen(script) + strlen(page_list) + 32;
	cmd = malloc(len);
	assert_non_null(cmd);
	snprintf(cmd, len, "python3 %s%s", script, page_list);
	if (system(cmd) != 0)
		fail_msg("pages are not well formed or not accessible (see above)");
	free(cmd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_page_views__every_view_shows_its_document, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__a_euro_shop_shows_euros_never_dollars, setup_demo, teardown),
		cmocka_unit_test(test_page_views__every_library_view_has_a_page),
		cmocka_unit_test_setup_teardown(test_page_views__the_navigation_lists_every_section_shown, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__hidden_sections_leave_the_navigation_and_overview, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__a_job_link_shows_one_repair_without_the_statement, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__an_expired_estimate_offers_no_decision, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__only_a_repaired_job_offers_a_warranty_visit, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__an_en_route_visit_shows_map_eta_and_freshness, setup_demo, teardown),
		cmocka_unit_test(test_page_views__the_map_places_technician_and_home),
		cmocka_unit_test_setup_teardown(test_page_views__a_hostile_client_name_is_escaped_everywhere, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__hostile_chat_messages_are_escaped, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__the_chat_marks_the_shop_messages_read, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__the_tax_amount_stands_alone_beside_its_rate, setup_demo, teardown),
		cmocka_unit_test(test_page_views__a_hostile_document_number_stays_inside_its_link),
		cmocka_unit_test_setup_teardown(test_page_views__a_repair_lists_its_invoices_estimates_and_visits, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__a_repair_lists_only_what_the_client_sees, setup_demo, teardown),
		cmocka_unit_test(test_page_views__a_repair_escapes_its_listed_documents),
		cmocka_unit_test_setup_teardown(test_page_views__the_profile_shows_the_requests_waiting, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__the_chat_marks_new_messages_in_words, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__money_pages_name_the_currency, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__a_lookup_session_draws_its_pages, setup_demo, teardown),
		cmocka_unit_test_setup_teardown(test_page_views__every_page_is_well_formed_and_accessible, setup_demo, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
