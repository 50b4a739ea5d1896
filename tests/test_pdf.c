/* SPDX-License-Identifier: MIT */
/*
 * test_pdf.c - PDFs in memory (pdf*.c): which text the built-in fonts
 * print, when the TrueType font is embedded, the deterministic mode,
 * refusals that leave the caller's buffer as it was, the shop's logo and
 * font settings, and the customer's own download with its audit entry.
 *
 * The text of the pages is checked in tests/cli/test_pdf.sh with
 * poppler; here the bytes are looked at directly.
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
#include "pdf_text.h"

static void check(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

static int setup(void **state)
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

static portal_id invoice_id(portal *p, const char *number)
{
	portal_id id = 0;

	check(p, portal_invoice_find(&id, p, number), number);
	return id;
}

/* `needle` among the `size` bytes of `hay`. */
static int has_bytes(const portal_buf *b, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; b->ptr != NULL && i + n <= b->size; i++)
		if (memcmp(b->ptr + i, needle, n) == 0)
			return 1;
	return 0;
}

static int is_pdf(const portal_buf *b)
{
	return b->size > 1000 && memcmp(b->ptr, "%PDF-1.", 7) == 0 && has_bytes(b, "%%EOF");
}

/* ---------------------------------------------------------------------
 * Which characters the built-in fonts print.
 */

static void test_pdf__winansi_is_windows_1252(void **state)
{
	static const struct {
		const char *text;
		int ok;
	} cases[] = {
		{ "Ann Lee", 1 },
		{ "J\xC3\xBCrgen M\xC3\xBCller", 1 },            /* Jürgen Müller */
		{ "Fran\xC3\xA7ois L\xC3\xA9vesque", 1 },        /* François Lévesque */
		{ "\xE2\x82\xAC 20 \xE2\x80\x94 \xC5\x92uvre", 1 }, /* € 20 — Œuvre */
		{ "\xC5\x81ukasz", 0 },                          /* Łukasz */
		{ "\xC4\x90or\xC4\x91" "e", 0 },                  /* Đorđe */
		{ "\xC5\x91", 0 },                               /* ő */
		{ "\xD0\x94\xD0\xBC\xD0\xB8", 0 },               /* Дми */
		{ "\xF0\x9F\x94\xA7", 0 },                       /* a wrench emoji */
		{ "bad \xC3", 0 },                               /* cut UTF-8 */
	};
	char out[16];

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (pt_pdf_winansi_ok(cases[i].text) != cases[i].ok)
			fail_msg("case %zu: %s", i, cases[i].text);
	assert_int_equal(pt_pdf_winansi(out, sizeof(out), "\xC3\xA9\xE2\x82\xAC"), 2);
	assert_memory_equal(out, "\xE9\x80", 3);
	/* Cut to fit, never past the buffer. */
	assert_int_equal(pt_pdf_winansi(out, 4, "abcdef"), 3);
	assert_string_equal(out, "abc");
}

/* ---------------------------------------------------------------------
 * Fonts, sizes and the deterministic mode.
 */

static void test_pdf__latin_text_embeds_no_font(void **state)
{
	portal *p = *state;
	portal_buf latin = PORTAL_BUF_INIT, forced = PORTAL_BUF_INIT;
	portal_pdf_options opt = PORTAL_PDF_OPTIONS_INIT;

	/* 10005 is Jürgen Müller's: Western European only. */
	check(p, portal_invoice_pdf(&latin, p, invoice_id(p, "10005"), NULL), "latin invoice");
	assert_true(is_pdf(&latin));
	assert_false(has_bytes(&latin, "FontFile2"));
	assert_true(has_bytes(&latin, "/Helvetica"));
	opt.font = PORTAL_PDF_FONT_EMBED;
	check(p, portal_invoice_pdf(&forced, p, invoice_id(p, "10005"), &opt), "forced font");
	assert_true(has_bytes(&forced, "FontFile2"));
	assert_true(forced.size > latin.size + 20000);
	portal_buf_dispose(&latin);
	portal_buf_dispose(&forced);
}

static void test_pdf__other_letters_embed_the_font(void **state)
{
	portal *p = *state;
	portal_buf pdf = PORTAL_BUF_INIT;

	/* 10003 is Łukasz Kowalski's. */
	check(p, portal_invoice_pdf(&pdf, p, invoice_id(p, "10003"), NULL), "invoice with Ł");
	assert_true(is_pdf(&pdf));
	assert_true(has_bytes(&pdf, "FontFile2"));
	portal_buf_dispose(&pdf);
}

static void test_pdf__deterministic_mode_repeats_bytes(void **state)
{
	portal *p = *state;
	portal_buf a = PORTAL_BUF_INIT, b = PORTAL_BUF_INIT, c = PORTAL_BUF_INIT;
	portal_pdf_options opt = PORTAL_PDF_OPTIONS_INIT;
	portal_id id = invoice_id(p, "10005");

	opt.deterministic = 1;
	check(p, portal_invoice_pdf(&a, p, id, &opt), "first");
	check(p, portal_invoice_pdf(&b, p, id, &opt), "second");
	assert_int_equal(a.size, b.size);
	assert_memory_equal(a.ptr, b.ptr, a.size);
	assert_true(has_bytes(&a, "D:20000101000000Z"));
	/* Without it, each document has its own id. */
	opt.deterministic = 0;
	portal_buf_dispose(&b);
	check(p, portal_invoice_pdf(&b, p, id, &opt), "random id 1");
	check(p, portal_invoice_pdf(&c, p, id, &opt), "random id 2");
	assert_true(b.size != c.size || memcmp(b.ptr, c.ptr, b.size) != 0);
	portal_buf_dispose(&a);
	portal_buf_dispose(&b);
	portal_buf_dispose(&c);
}

static void test_pdf__every_document_kind_renders(void **state)
{
	portal *p = *state;
	portal_buf pdf = PORTAL_BUF_INIT;
	portal_id estimate;

	check(p, portal_estimate_find(&estimate, p, "E1008"), "estimate");
	check(p, portal_estimate_pdf(&pdf, p, estimate, NULL), "estimate pdf");
	assert_true(is_pdf(&pdf));
	portal_buf_dispose(&pdf);
	check(p, portal_statement_pdf(&pdf, p, 3, 0, NULL), "statement pdf");
	assert_true(is_pdf(&pdf));
	portal_buf_dispose(&pdf);
	/* A client without any invoice still gets a statement. */
	check(p, portal_statement_pdf(&pdf, p, th_add_client(p, "New Client"), 0, NULL),
		"empty statement");
	assert_true(is_pdf(&pdf));
	portal_buf_dispose(&pdf);
}

/* ---------------------------------------------------------------------
 * Refusals leave the caller's buffer as it was.
 */

static void assert_untouched(const portal_buf *b)
{
	assert_int_equal(b->size, 3);
	assert_string_equal(b->ptr, "abc");
}

/* The first `n` bytes of DejaVu Sans into `path`; without the font on
 * this machine, as many bytes of a made-up TrueType header whose one
 * table lies beyond them. */
static void cut_font(const char *path, size_t n)
{
	static const unsigned char header[] = {
		0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0, 0, 0, 0, 0, 0,
		'c', 'm', 'a', 'p', 0, 0, 0, 0, 0x00, 0x10, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00,
	};
	char *bytes = calloc(1, n);
	FILE *f = fopen("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "rb");

	assert_non_null(bytes);
	assert_true(n >= sizeof(header));
	if (f == NULL || fread(bytes, 1, n, f) != n)
		memcpy(bytes, header, sizeof(header));
	if (f != NULL)
		fclose(f);
	th_write_file(path, bytes, n);
	free(bytes);
}

static void test_pdf__refusals_leave_the_buffer_alone(void **state)
{
	portal *p = *state;
	portal_buf out = PORTAL_BUF_INIT;
	portal_pdf_options opt = PORTAL_PDF_OPTIONS_INIT;
	char font[4096];

	/* Start from bytes of the caller's own. */
	out.ptr = malloc(4);
	memcpy(out.ptr, "abc", 4);
	out.size = 3;
	out.asize = 4;
	assert_int_equal(portal_invoice_pdf(&out, p, 99999, NULL), PORTAL_ENOTFOUND);
	assert_untouched(&out);
	assert_int_equal(portal_estimate_pdf(&out, p, 99999, NULL), PORTAL_ENOTFOUND);
	assert_int_equal(portal_statement_pdf(&out, p, 99999, 0, NULL), PORTAL_ENOTFOUND);
	assert_untouched(&out);
	opt.version = 99;
	assert_int_equal(portal_invoice_pdf(&out, p, invoice_id(p, "10005"), &opt), PORTAL_EINVAL);
	assert_string_equal(portal_errfield(p), "options");
	opt.version = PORTAL_PDF_OPTIONS_VERSION;
	opt.font = (portal_pdf_font)7;
	assert_int_equal(portal_invoice_pdf(&out, p, invoice_id(p, "10005"), &opt), PORTAL_EINVAL);
	assert_untouched(&out);
	/* A font that is not a font, for text that needs one: EIO. The file
	 * is one of the test's own, as the shop may not be a file. */
	opt.font = PORTAL_PDF_FONT_AUTO;
	snprintf(font, sizeof(font), "%s", th_path("not-a-font.ttf"));
	th_write_file(font, "SQLite format 3", 16);
	opt.font_path = font;
	assert_int_equal(portal_invoice_pdf(&out, p, invoice_id(p, "10003"), &opt), PORTAL_EIO);
	assert_non_null(strstr(portal_errmsg(p), "font"));
	assert_untouched(&out);
	/* Files the PDF library would read past the end of, which took the
	 * process down: a line of text, and a real font cut short, whose
	 * directory names tables beyond the end. Refused before it sees them. */
	th_write_file(font, "not a font\n", 11);
	assert_int_equal(portal_invoice_pdf(&out, p, invoice_id(p, "10003"), &opt), PORTAL_EIO);
	assert_non_null(strstr(portal_errmsg(p), "the font for this document cannot be used"));
	assert_untouched(&out);
	cut_font(font, 4096);
	assert_int_equal(portal_invoice_pdf(&out, p, invoice_id(p, "10003"), &opt), PORTAL_EIO);
	assert_untouched(&out);
	/* Latin text does not need it, so the same options work. */
	check(p, portal_invoice_pdf(&out, p, invoice_id(p, "10005"), &opt), "latin, bad font");
	assert_memory_equal(out.ptr, "abc%PDF-", 8);
	portal_buf_dispose(&out);
}

/* ---------------------------------------------------------------------
 * The shop's settings: logo and font.
 */

/* A 1x1 PNG, red. */
static const unsigned char tiny_png[] = {
	0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D,
	0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE, 0x00, 0x00, 0x00,
	0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0x00,
	0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00,
	0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
};

static void test_pdf__logo_is_printed_and_checked(void **state)
{
	portal *p = *state;
	portal_buf pdf = PORTAL_BUF_INIT;
	char logo[4096];

	snprintf(logo, sizeof(logo), "%s", th_path("logo.png"));
	th_write_file(logo, tiny_png, sizeof(tiny_png));
	TH_CHECK_REFUSED(p, "relative logo path", portal_shop_set(p, "logo_path", "logo.png"),
		PORTAL_EINVAL, "shop.logo_path");
	TH_CHECK_REFUSED(p, "missing logo", portal_shop_set(p, "logo_path", "/nonexistent/x.png"),
		PORTAL_EINVAL, "shop.logo_path");
	check(p, portal_shop_set(p, "logo_path", logo), "setting the logo");
	check(p, portal_invoice_pdf(&pdf, p, invoice_id(p, "10005"), NULL), "with a logo");
	assert_true(has_bytes(&pdf, "/Subtype /Image"));
	portal_buf_dispose(&pdf);
	/* A logo that went missing since is left out; the invoice still prints. */
	th_write_file(logo, "not a png", 9);
	check(p, portal_invoice_pdf(&pdf, p, invoice_id(p, "10005"), NULL), "unreadable logo");
	assert_false(has_bytes(&pdf, "/Subtype /Image"));
	assert_true(is_pdf(&pdf));
	portal_buf_dispose(&pdf);
	check(p, portal_shop_set(p, "logo_path", ""), "no logo");
}

/* ---------------------------------------------------------------------
 * The customer's download.
 */

static int count_downloads(const portal_audit_entry *e, void *ctx)
{
	if (strcmp(e->event, "pdf.download") == 0 && strcmp(e->source, "203.0.113.9") == 0 &&
	    strcmp(e->detail, "invoice 10003") == 0)
		++*(int *)ctx;
	return 0;
}

static int downloads(portal *p, portal_id client)
{
	portal_audit_filter f = PORTAL_AUDIT_FILTER_INIT;
	int n = 0;

	f.client_id = client;
	check(p, portal_audit_foreach(p, &f, count_downloads, &n), "reading the log");
	return n;
}

static void test_pdf__customer_downloads_only_their_own(void **state)
{
	portal *p = *state;
	portal_buf pdf = PORTAL_BUF_INIT, missing = PORTAL_BUF_INIT;
	portal_invoice *inv, *other;
	portal_session s;
	char message[256];

	check(p, portal_invoice_get(&inv, p, invoice_id(p, "10003")), "invoice");
	check(p, portal_invoice_get(&other, p, invoice_id(p, "10005")), "another invoice");
	s = th_session_for(inv->client_id, 0);
	check(p, portal_customer_invoice_pdf(&pdf, p, &s, "#10003"), "own invoice");
	assert_true(is_pdf(&pdf));
	assert_int_equal(downloads(p, inv->client_id), 1);
	/* Another client's invoice answers as a number that does not exist. */
	assert_int_equal(portal_customer_invoice_pdf(&missing, p, &s, "99999"), PORTAL_ENOTFOUND);
	snprintf(message, sizeof(message), "%s", portal_errmsg(p));
	assert_string_equal(message, "no invoice 99999");
	assert_true(other->client_id != inv->client_id);
	assert_int_equal(portal_customer_invoice_pdf(&missing, p, &s, other->number),
		PORTAL_ENOTFOUND);
	assert_string_equal(portal_errmsg(p), "no invoice 10005");
	/* A draft is the shop's own. */
	assert_int_equal(portal_customer_invoice_pdf(&missing, p, &s, "10013"), PORTAL_ENOTFOUND);
	/* A session limited to another job does not reach it. */
	s = th_session_for(inv->client_id, inv->job_id + 1000);
	assert_int_equal(portal_customer_invoice_pdf(&missing, p, &s, "10003"), PORTAL_ENOTFOUND);
	/* Invoices hidden from this client. */
	s = th_session_for(inv->client_id, 0);
	check(p, portal_client_set_sections(p, inv->client_id, PORTAL_SECTIONS_ALL &
		~(unsigned)PORTAL_SECTION_INVOICES), "hiding invoices");
	assert_int_equal(portal_customer_invoice_pdf(&missing, p, &s, "10003"), PORTAL_EDENIED);
	assert_null(missing.ptr);
	assert_int_equal(downloads(p, inv->client_id), 1);
	assert_int_equal(portal_customer_invoice_pdf(&missing, p, NULL, "10003"), PORTAL_EINVAL);
	portal_invoice_free(inv);
	portal_invoice_free(other);
	portal_buf_dispose(&pdf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pdf__winansi_is_windows_1252),
		cmocka_unit_test_setup_teardown(test_pdf__latin_text_embeds_no_font, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf__other_letters_embed_the_font, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf__deterministic_mode_repeats_bytes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf__every_document_kind_renders, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf__refusals_leave_the_buffer_alone, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf__logo_is_printed_and_checked, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pdf__customer_downloads_only_their_own, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
