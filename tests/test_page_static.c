/* SPDX-License-Identifier: MIT */
/*
 * test_page_static.c - unit tests for the portal's static assets
 * (cgi/static/portal.css, portal.js and icon.svg) and the page sources
 * beside them.
 *
 * The portal contacts no third-party host and runs under a strict
 * Content-Security-Policy, so the assets are checked for any address
 * elsewhere, and the script for the ways text could become code. The
 * files are found beside this test's source, as the build keeps them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"

/* The repository's directory `sub`, from this file's own path. */
static const char *source_dir(char *buf, size_t len, const char *sub)
{
	const char *file = __FILE__, *slash = strrchr(file, '/');

	if (slash == NULL)
		snprintf(buf, len, "../%s", sub);
	else
		snprintf(buf, len, "%.*s/../%s", (int)(slash - file), file, sub);
	return buf;
}

/* The whole file at `path` as a C string; fails the test when unreadable. */
static char *read_text(const char *path)
{
	size_t n;
	unsigned char *data = th_read_file(path, &n);
	char *text;

	if (data == NULL)
		fail_msg("cannot read %s", path);
	text = malloc(n + 1);
	assert_non_null(text);
	memcpy(text, data, n);
	text[n] = '\0';
	free(data);
	return text;
}

static char *read_asset(const char *name)
{
	char dir[512], path[600];

	snprintf(path, sizeof(path), "%s/%s", source_dir(dir, sizeof(dir), "cgi/static"), name);
	return read_text(path);
}

static void check_lacks(const char *text, const char *needle, const char *what)
{
	if (strstr(text, needle) != NULL)
		fail_msg("%s holds \"%s\"", what, needle);
}

static void check_has(const char *text, const char *needle, const char *what)
{
	if (strstr(text, needle) == NULL)
		fail_msg("%s lacks \"%s\"", what, needle);
}

/* No file of `sub` names another host: no http(s) address, no
 * protocol-relative one, no @import. */
static int scan_dir(const char *sub, const char *suffix)
{
	char dir[512], path[1200];
	DIR *d = opendir(source_dir(dir, sizeof(dir), sub));
	struct dirent *e;
	int files = 0;

	if (d == NULL)
		fail_msg("cannot open %s", dir);
	while ((e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name), s = strlen(suffix);
		char *text;

		if (n < s || strcmp(e->d_name + n - s, suffix) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		text = read_text(path);
		check_lacks(text, "http://", path);
		check_lacks(text, "https://", path);
		check_lacks(text, "url(//", path);
		check_lacks(text, "\"//", path);
		check_lacks(text, "@import", path);
		free(text);
		files++;
	}
	closedir(d);
	return files;
}

static void test_page_static__no_file_names_another_host(void **state)
{
	assert_int_equal(scan_dir("cgi/static", ".css"), 1);
	assert_int_equal(scan_dir("cgi/static", ".js"), 1);
	assert_true(scan_dir("cgi/pages", ".c") >= 10);
	assert_true(scan_dir("cgi/pages", ".h") >= 5);
}

static void test_page_static__the_script_sets_text_never_markup(void **state)
{
	char *js = read_asset("portal.js");

	check_lacks(js, "innerHTML", "portal.js");
	check_lacks(js, "outerHTML", "portal.js");
	check_lacks(js, "insertAdjacentHTML", "portal.js");
	check_lacks(js, "document.write", "portal.js");
	check_lacks(js, "eval(", "portal.js");
	check_lacks(js, "new Function", "portal.js");
	check_lacks(js, "setTimeout(\"", "portal.js");
	check_has(js, "textContent", "portal.js");
	check_has(js, "\"use strict\"", "portal.js");
	free(js);
}

/* The script polls the two views web.md names, every 15 s, only while
 * the page is in view; a page without data-refresh is left alone. */
static void test_page_static__the_script_polls_tracking_and_chat(void **state)
{
	char *js = read_asset("portal.js");

	check_has(js, "\"/api/v1/tracking\"", "portal.js");
	check_has(js, "\"/api/v1/chat\"", "portal.js");
	check_has(js, "15000", "portal.js");
	check_has(js, "document.hidden", "portal.js");
	check_has(js, "getAttribute(\"data-refresh\")", "portal.js");
	check_has(js, "credentials: \"same-origin\"", "portal.js");
	free(js);
}

static void test_page_static__the_stylesheet_is_phone_first_with_visible_focus(void **state)
{
	char *css = read_asset("portal.css");

	check_has(css, ":focus-visible", "portal.css");
	check_has(css, "outline: 3px solid", "portal.css");
	check_has(css, "@media (max-width: 40rem)", "portal.css");
	check_has(css, "@media (min-width: 48rem)", "portal.css");
	check_has(css, "prefers-reduced-motion", "portal.css");
	/* Old browsers ran script from a stylesheet: none of that here. */
	check_lacks(css, "expression(", "portal.css");
	check_lacks(css, "behavior:", "portal.css");
	free(css);
}

/* The pages' icon: a small SVG of the portal's own that loads nothing
 * and runs nothing. Its one address is the SVG namespace, a name that no
 * browser fetches. */
static void test_page_static__the_icon_is_a_small_self_contained_svg(void **state)
{
	char *svg = read_asset("icon.svg");
	const char *ns = "xmlns=\"http://www.w3.org/2000/svg\"";

	assert_true(strncmp(svg, "<svg ", 5) == 0);
	assert_true(strlen(svg) < 2048);
	check_has(svg, ns, "icon.svg");
	check_has(svg, "viewBox=", "icon.svg");
	check_has(svg, "<title>", "icon.svg");
	check_lacks(strstr(svg, ns) + strlen(ns), "http", "icon.svg");
	check_lacks(svg, "<script", "icon.svg");
	check_lacks(svg, "href", "icon.svg");
	check_lacks(svg, " on", "icon.svg");
	check_lacks(svg, "<foreignObject", "icon.svg");
	free(svg);
}

/* The chat page's script sends the page's "Mark as read" form as the
 * form would: a POST with the CSRF token, only once the page is seen. */
static void test_page_static__the_script_marks_the_chat_read_with_the_form_token(void **state)
{
	char *js = read_asset("portal.js");

	check_has(js, "\"/portal/chat/read\"", "portal.js");
	check_has(js, "method: \"POST\"", "portal.js");
	check_has(js, "input[name=\\\"csrf\\\"]", "portal.js");
	check_has(js, "\"visibilitychange\"", "portal.js");
	free(js);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_static__no_file_names_another_host),
		cmocka_unit_test(test_page_static__the_script_sets_text_never_markup),
		cmocka_unit_test(test_page_static__the_script_polls_tracking_and_chat),
		cmocka_unit_test(test_page_static__the_stylesheet_is_phone_first_with_visible_focus),
		cmocka_unit_test(test_page_static__the_icon_is_a_small_self_contained_svg),
		cmocka_unit_test(test_page_static__the_script_marks_the_chat_read_with_the_form_token),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
