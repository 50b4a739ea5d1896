/* SPDX-License-Identifier: MIT */
/*
 * test_page_html.c - unit tests for the pages' HTML buffer (cgi/pages/
 * html.c) and the pages that need no view document: the status pages,
 * the landing page and the cancellation's confirmation (given the quote
 * and the visit by the program).
 *
 * The buffer is the one place values meet markup, so its escaping is
 * tested character by character; the pages are checked for what the
 * program relies on (the forms, their fields, the CSRF field) and for
 * values that try to break out of their element or attribute.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "page.h"

/* ---------------------------------------------------------------------
 * Helpers.
 */

static void check_has(const html_buf *b, const char *needle)
{
	if (b->ptr == NULL || strstr(b->ptr, needle) == NULL)
		fail_msg("the page lacks: %s\n--- page ---\n%s", needle, b->ptr ? b->ptr : "(empty)");
}

static void check_lacks(const html_buf *b, const char *needle)
{
	if (b->ptr && strstr(b->ptr, needle) != NULL)
		fail_msg("the page holds: %s\n--- page ---\n%s", needle, b->ptr);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;

	for (const char *s = hay; (s = strstr(s, needle)) != NULL; s += strlen(needle))
		n++;
	return n;
}

/* Every <form> of the page carries the CSRF field with `token`. */
static void check_forms_carry(const html_buf *b, const char *token)
{
	char field[128];
	const char *s = b->ptr;
	int forms = 0;

	snprintf(field, sizeof(field), "<input type=\"hidden\" name=\"csrf\" value=\"%s\">", token);
	while ((s = strstr(s, "<form")) != NULL) {
		const char *end = strstr(s, "</form>");

		assert_non_null(end);
		if (strstr(s, field) == NULL || strstr(s, field) > end)
			fail_msg("a form without the CSRF field:\n%.*s", (int)(end - s), s);
		forms++;
		s = end;
	}
	assert_true(forms > 0);
}

/* ---------------------------------------------------------------------
 * The buffer.
 */

static void test_page_html__text_escapes_the_five_special_characters(void **state)
{
	html_buf b = HTML_BUF_INIT;

	assert_int_equal(html_text(&b, "a&b<c>d\"e'f"), 0);
	assert_string_equal(b.ptr, "a&amp;b&lt;c&gt;d&quot;e&#39;f");
	html_free(&b);
}

static void test_page_html__text_keeps_utf8_and_plain_text_as_it_is(void **state)
{
	html_buf b = HTML_BUF_INIT;

	assert_int_equal(html_text(&b, "Łukasz Ольга Nguyễn 10:00 $12.50"), 0);
	assert_string_equal(b.ptr, "Łukasz Ольга Nguyễn 10:00 $12.50");
	html_free(&b);
}

static void test_page_html__raw_and_printf_append_unescaped(void **state)
{
	html_buf b = HTML_BUF_INIT;

	assert_int_equal(html_raw(&b, "<p>"), 0);
	assert_int_equal(html_printf(&b, "%d of %lld", 3, 12LL), 0);
	assert_int_equal(html_raw(&b, NULL), 0);
	assert_int_equal(html_text(&b, NULL), 0);
	assert_int_equal(html_raw(&b, "</p>"), 0);
	assert_string_equal(b.ptr, "<p>3 of 12</p>");
	assert_int_equal(b.size, strlen(b.ptr));
	html_free(&b);
	assert_null(b.ptr);
	assert_int_equal(b.size, 0);
}

static void test_page_html__grows_past_its_first_allocation(void **state)
{
	html_buf b;
	char chunk[101];

	html_init(&b);
	memset(chunk, 'x', 100);
	chunk[100] = '\0';
	for (int i = 0; i < 1000; i++)
		assert_int_equal(html_text(&b, chunk), 0);
	assert_int_equal(b.size, 100000);
	assert_int_equal(strlen(b.ptr), 100000);
	html_free(&b);
}

/* Once an append failed, the text is incomplete: every later append and
 * every page must say so rather than hand out a cut page. */
static void test_page_html__out_of_memory_is_sticky_and_reported(void **state)
{
	html_buf b = HTML_BUF_INIT;
	page_ctx ctx = { "t", "Shop", NULL, NULL, NULL };

	html_raw(&b, "<p>");
	b.failed = 1;
	assert_int_equal(html_status(&b), -1);
	assert_int_equal(html_raw(&b, "more"), -1);
	assert_int_equal(html_text(&b, "more"), -1);
	assert_int_equal(html_printf(&b, "%d", 1), -1);
	assert_string_equal(b.ptr, "<p>");
	assert_int_equal(page_status(&b, 404, NULL, &ctx), -1);
	assert_int_equal(page_landing(&b, NULL, NULL, NULL, &ctx), -1);
	assert_int_equal(page_view(&b, "dashboard", NULL, &ctx), -1);
	html_free(&b);
	assert_int_equal(html_status(&b), 0);
}

/* ---------------------------------------------------------------------
 * The status pages.
 */

static void test_page_html__every_status_has_a_short_page(void **state)
{
	static const int statuses[] = { 400, 403, 404, 405, 413, 415, 429, 500, 418 };
	page_ctx ctx = { NULL, "Northside", NULL, NULL, NULL };

	for (size_t i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++) {
		html_buf b = HTML_BUF_INIT;
		char code[32];

		assert_int_equal(page_status(&b, statuses[i], NULL, &ctx), 0);
		snprintf(code, sizeof(code), "Error %d", statuses[i]);
		check_has(&b, "<!doctype html>");
		check_has(&b, code);
		check_has(&b, "<meta name=\"robots\" content=\"noindex\">");
		check_has(&b, "<h1>");
		check_has(&b, "<a href=\"/\">Back to the start</a>");
		check_lacks(&b, "action=\"/logout\"");
		assert_true(strlen(b.ptr) < 4096);
		html_free(&b);
	}
}

static void test_page_html__status_message_is_escaped(void **state)
{
	html_buf b = HTML_BUF_INIT;
	page_ctx ctx = { "tok", "Shop <b>", NULL, NULL, NULL };

	assert_int_equal(page_status(&b, 404, "no invoice <script>alert('x')</script>", &ctx), 0);
	check_has(&b, "no invoice &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	check_has(&b, "Shop &lt;b&gt;");
	check_lacks(&b, "<script>alert");
	check_lacks(&b, "Shop <b>");
	/* In a session the way back is the portal, and logging out stays. */
	check_has(&b, "<a href=\"/portal\">Back to your portal</a>");
	check_forms_carry(&b, "tok");
	html_free(&b);
}

/* ---------------------------------------------------------------------
 * The landing page.
 */

static void test_page_html__landing_has_both_lookup_forms(void **state)
{
	html_buf b = HTML_BUF_INIT;
	page_ctx ctx = { NULL, NULL, NULL, NULL, NULL };
	cJSON *doc = cJSON_Parse("{\"shop\":{\"name\":\"Northside Appliance & Auto Repair\","
		"\"phone\":\"+18664153937\",\"email\":\"service@example.com\"}}");

	assert_int_equal(page_landing(&b, doc, NULL, NULL, &ctx), 0);
	check_has(&b, "<title>Your repair, online \xe2\x80\x93 Northside Appliance &amp; Auto Repair</title>");
	check_has(&b, "Track your repair");
	check_has(&b, "Track your technician");
	assert_int_equal(count(b.ptr, "<form method=\"post\" action=\"/session\">"), 2);
	check_has(&b, "name=\"next\" value=\"dashboard\"");
	check_has(&b, "name=\"next\" value=\"tracking\"");
	assert_int_equal(count(b.ptr, "name=\"invoice\""), 2);
	assert_int_equal(count(b.ptr, "name=\"house\""), 2);
	check_has(&b, "<label for=\"repair-invoice\">");
	check_has(&b, "<label for=\"tech-house\">");
	check_has(&b, "secure link");
	check_has(&b, "href=\"tel:+18664153937\"");
	/* Outside a session there is nothing to log out of. */
	check_lacks(&b, "/logout");
	check_forms_carry(&b, "");
	cJSON_Delete(doc);
	html_free(&b);
}

/* The landing page prints the public document's words as they come,
 * escaped: the questions, the policies and the shop's address. */
static void test_page_html__landing_prints_the_shops_answers_policies_and_address(void **state)
{
	html_buf b = HTML_BUF_INIT;
	page_ctx ctx = { NULL, NULL, NULL, NULL, NULL };
	cJSON *doc = cJSON_Parse("{\"view\":\"public\",\"shop\":{\"name\":\"A & B\","
		"\"phone\":\"+18664153937\",\"email\":\"s@example.com\","
		"\"address\":\"1 <Main> St, Toronto\"},"
		"\"policies\":[{\"key\":\"sms\",\"title\":\"Text messages\","
		"\"text\":\"Reply STOP to opt out, HELP for help.\"},"
		"{\"key\":\"tax\",\"title\":\"Tax\",\"text\":\"13% & more\"}],"
		"\"faq\":[{\"key\":\"security\",\"question\":\"Is it <safe>?\","
		"\"answer\":\"Yes.\"}]}");

	assert_int_equal(page_landing(&b, doc, NULL, NULL, &ctx), 0);
	check_has(&b, "<section class=\"faq\" aria-labelledby=\"faq-title\"><h2 id=\"faq-title\">"
		"Questions</h2><section id=\"faq-security\"><h3>Is it &lt;safe&gt;?</h3><p>Yes.</p>");
	check_has(&b, "<h2 id=\"policy-title\">Our policies</h2><section id=\"policy-sms\">"
		"<h3>Text messages</h3><p>Reply STOP to opt out, HELP for help.</p></section>");
	check_has(&b, "<h3>Tax</h3><p>13% &amp; more</p>");
	check_has(&b, "<address><strong>A &amp; B</strong><br>1 &lt;Main&gt; St, Toronto<br>"
		"<a href=\"tel:+18664153937\">+18664153937</a><br>"
		"<a href=\"mailto:s@example.com\">s@example.com</a></address>");
	/* The questions come after the forms, the address last. */
	assert_true(strstr(b.ptr, "Track your technician") < strstr(b.ptr, "Questions"));
	assert_true(strstr(b.ptr, "Our policies") < strstr(b.ptr, "<address>"));
	cJSON_Delete(doc);
	html_free(&b);

	/* A shop that set none of it: no empty headings, no empty address. */
	assert_int_equal(page_landing(&b, NULL, NULL, NULL, &ctx), 0);
	check_lacks(&b, "Questions");
	check_lacks(&b, "Our policies");
	check_lacks(&b, "<address>");
	check_lacks(&b, "tel:");
	html_free(&b);
}

static void test_page_html__landing_refills_the_form_escaped_after_a_miss(void **state)
{
	html_buf b = HTML_BUF_INIT;
	page_ctx ctx = { NULL, "Shop", NULL, "No invoice matches that number and house number.", NULL };

	assert_int_equal(page_landing(&b, NULL, "10\"><script>x()</script>", "4'8", &ctx), 0);
	check_has(&b, "value=\"10&quot;&gt;&lt;script&gt;x()&lt;/script&gt;\"");
	check_has(&b, "value=\"4&#39;8\"");
	check_lacks(&b, "<script>x()");
	check_has(&b, "<p class=\"error\" role=\"alert\">No invoice matches that number and house number.</p>");
	html_free(&b);
}

static void test_page_html__flash_and_error_lines_are_escaped(void **state)
{
	html_buf b = HTML_BUF_INIT;
	page_ctx ctx = { "tok", "Shop", "Sent <b>", "Refused & \"why\"", NULL };

	assert_int_equal(page_landing(&b, NULL, NULL, NULL, &ctx), 0);
	check_has(&b, "<p class=\"flash\" role=\"status\">Sent &lt;b&gt;</p>");
	check_has(&b, "<p class=\"error\" role=\"alert\">Refused &amp; &quot;why&quot;</p>");
	html_free(&b);
}

/* ---------------------------------------------------------------------
 * The cancellation's confirmation.
 */

static void test_page_html__cancel_confirm_shows_the_late_fee_first(void **state)
{
	html_buf b = HTML_BUF_INIT;
	page_ctx ctx = { "csrf-123", "Shop", NULL, NULL, NULL };
	cJSON *quote = cJSON_Parse("{\"appointment_id\":7,\"late\":true,\"fee\":6000,"
		"\"fee_text\":\"60.00\",\"free_until\":\"2026-11-22T01:00:00-05:00\"}");

	assert_int_equal(page_cancel_confirm(&b, quote, &ctx), 0);
	check_has(&b, "Cancelling now costs <strong><span class=\"money\">$60.00</span></strong>");
	check_has(&b, "<time datetime=\"2026-11-22T01:00:00-05:00\">Sun 22 Nov 2026, 1:00 am</time>");
	check_has(&b, "<form method=\"post\" action=\"/portal/appointments/7/cancel\"");
	check_has(&b, "<input type=\"hidden\" name=\"confirm\" value=\"yes\">");
	check_has(&b, "<a class=\"button primary\" href=\"/portal/appointments\">Keep my visit</a>");
	check_has(&b, "<button type=\"submit\" class=\"danger\">Cancel the visit and pay "
		"<span class=\"money\">$60.00</span></button>");
	/* The fee is before the button that accepts it, and the way back
	 * before the form, outside it: one press cannot meet both. */
	assert_true(strstr(b.ptr, "$60.00") < strstr(b.ptr, "<button type=\"submit\" class=\"danger\">"));
	assert_true(strstr(b.ptr, "Keep my visit") < strstr(b.ptr, "action=\"/portal/appointments/7/cancel\""));
	check_forms_carry(&b, "csrf-123");
	cJSON_Delete(quote);
	html_free(&b);
}

static void test_page_html__cancel_confirm_says_when_it_is_free(void **state)
{
	html_buf b = HTML_BUF_INIT;
	page_ctx ctx = { "csrf-123", "Shop", NULL, NULL, NULL };
	cJSON *quote = cJSON_Parse("{\"appointment_id\":2,\"late\":false,\"fee\":0,"
		"\"fee_text\":\"0.00\",\"free_until\":\"2026-11-22T21:00:00-05:00\"}");

	assert_int_equal(page_cancel_confirm(&b, quote, &ctx), 0);
	check_has(&b, "Cancelling is <strong>free</strong> until <time datetime=\"2026-11-22T21:00:00-05:00\">"
		"Sun 22 Nov 2026, 9:00 pm</time>.");
	check_has(&b, "<button type=\"submit\" class=\"danger\">Cancel the visit</button>");
	check_lacks(&b, "costs");
	check_has(&b, "action=\"/portal/appointments/2/cancel\"");
	cJSON_Delete(quote);
	html_free(&b);
}

/* The page names the visit it would cancel, and is framed like every
 * other page of the portal: navigation (the visits current), footer. */
static void test_page_html__cancel_confirm_names_the_visit_in_the_portal_frame(void **state)
{
	html_buf b = HTML_BUF_INIT;
	page_ctx ctx = { "csrf-123", "Shop", NULL, NULL, NULL };
	cJSON *quote = cJSON_Parse("{\"appointment_id\":1,\"late\":true,\"fee\":6000,"
		"\"fee_text\":\"60.00\",\"free_until\":\"2026-11-22T01:00:00-05:00\","
		"\"client\":{\"name\":\"Amara <Okafor>\"},"
		"\"shop\":{\"name\":\"Shop\",\"phone\":\"+18664153937\",\"email\":\"s@example.com\"},"
		"\"sections\":[\"appointments\",\"chat\"],\"job_scope\":null,"
		"\"visit\":{\"id\":1,\"window_start_text\":\"2026-11-22T13:00:00-05:00\","
		"\"window_end_text\":\"2026-11-22T15:00:00-05:00\",\"status\":\"confirmed\","
		"\"status_label\":\"Confirmed\",\"technician_first_name\":\"Marc\","
		"\"address\":\"9 Queen St E, Toronto & <b>\"}}");

	assert_int_equal(page_cancel_confirm(&b, quote, &ctx), 0);
	check_has(&b, "<dt>Date</dt><dd><time datetime=\"2026-11-22T13:00:00-05:00\">Sun 22 Nov 2026</time>");
	check_has(&b, "<dt>Arrival window</dt><dd><time datetime=\"2026-11-22T13:00:00-05:00\">1:00 pm</time>"
		"\xe2\x80\x93<time datetime=\"2026-11-22T15:00:00-05:00\">3:00 pm</time>");
	check_has(&b, "<dt>Address</dt><dd>9 Queen St E, Toronto &amp; &lt;b&gt;</dd>");
	check_has(&b, "<dt>Technician</dt><dd>Marc</dd>");
	check_has(&b, "Portal of <strong>Amara &lt;Okafor&gt;</strong>");
	check_has(&b, "<nav class=\"portal-nav\" aria-label=\"Portal\">");
	check_has(&b, "<a href=\"/portal/appointments\" aria-current=\"page\">Visits</a>");
	check_has(&b, "<a href=\"/portal/chat\">Chat</a>");
	check_has(&b, "Questions? Call <a href=\"tel:+18664153937\">");
	/* The visit comes before its price, the price before the buttons. */
	assert_true(strstr(b.ptr, "Arrival window") < strstr(b.ptr, "Cancelling now costs"));
	assert_true(strstr(b.ptr, "Cancelling now costs") < strstr(b.ptr, "Keep my visit"));
	check_lacks(&b, "<b>");
	check_forms_carry(&b, "csrf-123");
	cJSON_Delete(quote);
	html_free(&b);
}

/* A visit not yet given a technician leaves the row out. */
static void test_page_html__cancel_confirm_leaves_out_what_is_not_known(void **state)
{
	html_buf b = HTML_BUF_INIT;
	page_ctx ctx = { "csrf-123", "Shop", NULL, NULL, NULL };
	cJSON *quote = cJSON_Parse("{\"appointment_id\":5,\"late\":false,\"fee\":0,"
		"\"fee_text\":\"0.00\",\"free_until\":\"2026-11-23T21:00:00-05:00\","
		"\"visit\":{\"id\":5,\"window_start_text\":\"2026-11-23T22:00:00-05:00\","
		"\"window_end_text\":\"2026-11-24T02:00:00-05:00\",\"technician_first_name\":null,"
		"\"address\":\"48 Roncesvalles Ave\"}}");

	assert_int_equal(page_cancel_confirm(&b, quote, &ctx), 0);
	check_lacks(&b, "Technician");
	/* A window across midnight is shown with both days. */
	check_has(&b, "<dt>Arrival window</dt><dd><time datetime=\"2026-11-23T22:00:00-05:00\">Mon 23 Nov 2026, "
		"10:00 pm \xe2\x80\x93 Tue 24 Nov 2026, 2:00 am</time>");
	check_has(&b, "<dt>Address</dt><dd>48 Roncesvalles Ave</dd>");
	cJSON_Delete(quote);
	html_free(&b);
}

/* Every page names its icon, a file of the portal's own. */
static void test_page_html__every_page_names_the_portal_icon(void **state)
{
	html_buf b = HTML_BUF_INIT;
	page_ctx ctx = { NULL, "Shop", NULL, NULL, NULL };

	assert_int_equal(page_landing(&b, NULL, NULL, NULL, &ctx), 0);
	check_has(&b, "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\">");
	html_free(&b);
	assert_int_equal(page_status(&b, 404, NULL, &ctx), 0);
	check_has(&b, "<link rel=\"icon\" href=\"/static/icon.svg\" type=\"image/svg+xml\">");
	html_free(&b);
}

/* A view name the pages do not know gets the not-found page, not a
 * blank one. */
static void test_page_html__an_unknown_view_is_not_found(void **state)
{
	html_buf b = HTML_BUF_INIT;
	page_ctx ctx = { "tok", "Shop", NULL, NULL, NULL };

	assert_int_equal(page_view(&b, "nosuch", NULL, &ctx), 0);
	check_has(&b, "Page not found");
	check_has(&b, "Error 404");
	html_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_html__text_escapes_the_five_special_characters),
		cmocka_unit_test(test_page_html__text_keeps_utf8_and_plain_text_as_it_is),
		cmocka_unit_test(test_page_html__raw_and_printf_append_unescaped),
		cmocka_unit_test(test_page_html__grows_past_its_first_allocation),
		cmocka_unit_test(test_page_html__out_of_memory_is_sticky_and_reported),
		cmocka_unit_test(test_page_html__every_status_has_a_short_page),
		cmocka_unit_test(test_page_html__status_message_is_escaped),
		cmocka_unit_test(test_page_html__landing_has_both_lookup_forms),
		cmocka_unit_test(test_page_html__landing_prints_the_shops_answers_policies_and_address),
		cmocka_unit_test(test_page_html__landing_refills_the_form_escaped_after_a_miss),
		cmocka_unit_test(test_page_html__flash_and_error_lines_are_escaped),
		cmocka_unit_test(test_page_html__cancel_confirm_shows_the_late_fee_first),
		cmocka_unit_test(test_page_html__cancel_confirm_says_when_it_is_free),
		cmocka_unit_test(test_page_html__cancel_confirm_names_the_visit_in_the_portal_frame),
		cmocka_unit_test(test_page_html__cancel_confirm_leaves_out_what_is_not_known),
		cmocka_unit_test(test_page_html__every_page_names_the_portal_icon),
		cmocka_unit_test(test_page_html__an_unknown_view_is_not_found),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
