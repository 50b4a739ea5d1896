/* SPDX-License-Identifier: MIT */
/*
 * parts.c - the small pieces every page is made of.
 */
#include "parts.h"

#include <stdio.h>
#include <string.h>

#include <portal.h>

#include "doc.h"

/* Whether `iso` looks like "YYYY-MM-DDTHH:MM...", the only shape the
 * library writes; anything else is shown whole rather than cut wrongly. */
static int iso_shaped(const char *iso)
{
	static const char shape[] = "dddd-dd-ddTdd:dd";

	for (size_t i = 0; i < sizeof(shape) - 1; i++) {
		char c = iso[i];

		if (c == '\0')
			return 0;
		if (shape[i] == 'd' ? (c < '0' || c > '9') : c != shape[i])
			return 0;
	}
	return 1;
}

/* `iso` in a <time> element whose text is `words`, or the ISO text itself
 * when the library did not write it in a shape it can say in words. */
static void time_element(html_buf *out, const char *iso, const char *words, int rc)
{
	html_raw(out, "<time datetime=\"");
	html_text(out, iso);
	html_raw(out, "\">");
	html_text(out, rc == PORTAL_OK ? words : iso);
	html_raw(out, "</time>");
}

static void iso_words(html_buf *out, const char *iso, portal_words_style style)
{
	char words[PORTAL_WORDS_LEN];

	if (iso == NULL)
		return;
	time_element(out, iso, words, portal_words_iso(words, sizeof(words), iso, style,
		out->this_year));
}

void part_iso_time(html_buf *out, const char *iso)
{
	iso_words(out, iso, PORTAL_WORDS_DAY_TIME);
}

void part_iso_day(html_buf *out, const char *iso)
{
	iso_words(out, iso, PORTAL_WORDS_DAY);
}

void part_month(html_buf *out, const char *month)
{
	iso_words(out, month, PORTAL_WORDS_MONTH);
}

void part_phone(html_buf *out, const char *lead, const char *phone)
{
	char words[32];

	if (phone == NULL)
		return;
	html_raw(out, lead);
	html_raw(out, "<a href=\"tel:");
	html_text(out, phone);
	html_raw(out, "\">");
	html_text(out, portal_words_phone(words, sizeof(words), phone));
	html_raw(out, "</a>");
}

/* The "<key>_text" twin of `key` in `obj`, or NULL. */
static const char *twin(const cJSON *obj, const char *key)
{
	char name[64];

	if ((size_t)snprintf(name, sizeof(name), "%s_text", key) >= sizeof(name))
		return NULL;
	return doc_str(obj, name);
}

int part_time(html_buf *out, const cJSON *obj, const char *key)
{
	const char *iso = twin(obj, key);

	if (iso == NULL)
		return 0;
	part_iso_time(out, iso);
	return 1;
}

void part_window(html_buf *out, const cJSON *obj, const char *start, const char *end)
{
	const char *from = twin(obj, start), *to = twin(obj, end);
	char words[PORTAL_WORDS_LEN];

	if (from == NULL)
		return;
	if (to == NULL) {
		part_iso_time(out, from);
		return;
	}
	/* One element for the whole window: its start is its time. */
	time_element(out, from, words, portal_words_window(words, sizeof(words), from, to,
		out->this_year));
}

void part_window_hours(html_buf *out, const cJSON *obj, const char *start, const char *end)
{
	const char *from = twin(obj, start), *to = twin(obj, end);

	/* The day is shown apart only within one day; else the whole window. */
	if (from == NULL || to == NULL || !iso_shaped(from) || !iso_shaped(to) ||
	    strncmp(from, to, 10) != 0) {
		part_window(out, obj, start, end);
		return;
	}
	iso_words(out, from, PORTAL_WORDS_TIME);
	html_raw(out, "\xe2\x80\x93");
	iso_words(out, to, PORTAL_WORDS_TIME);
}

void part_count(html_buf *out, long long n, const char *one, const char *many)
{
	html_printf(out, "%lld ", n);
	html_raw(out, n == 1 ? one : many);
}

void part_heading(html_buf *out, int level, const char *text)
{
	if (level < 2 || level > 4)
		level = 2;
	html_printf(out, "<h%d>", level);
	html_text(out, text);
	html_printf(out, "</h%d>", level);
}

void part_day(html_buf *out, const char *day)
{
	iso_words(out, day, PORTAL_WORDS_DAY);
}

void part_money(html_buf *out, const cJSON *obj, const char *key)
{
	const char *text = twin(obj, key);
	char sign[PORTAL_MONEY_SIGNLEN];

	if (text == NULL)
		return;
	portal_money_sign(sign, sizeof(sign), out->currency);
	/* A minus sign before the currency's reads as money taken off. */
	html_raw(out, "<span class=\"money\">");
	if (text[0] == '-') {
		html_raw(out, "\xe2\x88\x92");
		text++;
	}
	html_text(out, sign);
	html_text(out, text);
	html_raw(out, "</span>");
}

void part_currency(html_buf *out, const cJSON *doc)
{
	const char *code = doc_str(doc_obj(doc, "shop"), "currency");

	if (code == NULL || code[0] == '\0')
		return;
	html_raw(out, "<p class=\"small currency\">Amounts in ");
	html_text(out, code);
	html_raw(out, ".</p>");
}

void part_segment(html_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";

	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~') {
			html_rawn(out, (const char *)s, 1);
		} else {
			char esc[3] = { '%', hex[c >> 4], hex[c & 15] };

			html_rawn(out, esc, 3);
		}
	}
}

void part_link(html_buf *out, const char *prefix, const char *seg,
	const char *suffix, const char *label)
{
	html_raw(out, "<a href=\"");
	html_raw(out, prefix);
	part_segment(out, seg);
	html_raw(out, suffix);
	html_raw(out, "\">");
	html_text(out, label);
	html_raw(out, "</a>");
}

void part_link_id(html_buf *out, const char *prefix, long long id,
	const char *suffix, const char *label)
{
	html_raw(out, "<a href=\"");
	html_raw(out, prefix);
	html_printf(out, "%lld", id);
	html_raw(out, suffix);
	html_raw(out, "\">");
	html_text(out, label);
	html_raw(out, "</a>");
}

void part_csrf(html_buf *out, const page_ctx *ctx)
{
	/* Drawn even without a session so that every form has the field; the
	 * program refuses an empty token like a wrong one. */
	part_hidden(out, "csrf", ctx && ctx->csrf ? ctx->csrf : "");
}

void part_hidden(html_buf *out, const char *name, const char *value)
{
	html_raw(out, "<input type=\"hidden\" name=\"");
	html_text(out, name);
	html_raw(out, "\" value=\"");
	html_text(out, value);
	html_raw(out, "\">");
}

void part_form(html_buf *out, const char *cls, const char *prefix,
	const char *seg, const char *suffix, const page_ctx *ctx)
{
	html_raw(out, "<form method=\"post\" action=\"");
	html_raw(out, prefix);
	part_segment(out, seg);
	html_raw(out, suffix);
	html_raw(out, "\"");
	if (cls) {
		html_raw(out, " class=\"");
		html_text(out, cls);
		html_raw(out, "\"");
	}
	html_raw(out, ">");
	part_csrf(out, ctx);
}

void part_badge(html_buf *out, const char *status, const char *label)
{
	html_raw(out, "<span class=\"badge");
	if (status) {
		html_raw(out, " badge-");
		for (const char *s = status; *s; s++)
			if ((*s >= 'a' && *s <= 'z') || *s == '_')
				html_rawn(out, s, 1);
	}
	html_raw(out, "\">");
	html_text(out, label ? label : status);
	html_raw(out, "</span>");
}

void part_row_open(html_buf *out, const char *term)
{
	html_raw(out, "<div><dt>");
	html_text(out, term);
	html_raw(out, "</dt><dd>");
}

void part_row_close(html_buf *out)
{
	html_raw(out, "</dd></div>");
}

void part_row_text(html_buf *out, const char *term, const char *value)
{
	if (value == NULL || value[0] == '\0')
		return;
	part_row_open(out, term);
	html_text(out, value);
	part_row_close(out);
}

void part_row_money(html_buf *out, const char *term, const cJSON *obj, const char *key)
{
	if (!doc_num(obj, key, NULL))
		return;
	part_row_open(out, term);
	part_money(out, obj, key);
	part_row_close(out);
}

void part_row_time(html_buf *out, const char *term, const cJSON *obj, const char *key)
{
	char name[64];

	snprintf(name, sizeof(name), "%s_text", key);
	if (doc_str(obj, name) == NULL)
		return;
	part_row_open(out, term);
	part_time(out, obj, key);
	part_row_close(out);
}

void part_empty(html_buf *out, const char *text)
{
	part_p(out, "empty", text);
}

void part_h2(html_buf *out, const char *text)
{
	html_raw(out, "<h2>");
	html_text(out, text);
	html_raw(out, "</h2>");
}

void part_p(html_buf *out, const char *cls, const char *text)
{
	if (text == NULL)
		return;
	html_raw(out, cls ? "<p class=\"" : "<p");
	if (cls) {
		html_text(out, cls);
		html_raw(out, "\"");
	}
	html_raw(out, ">");
	html_text(out, text);
	html_raw(out, "</p>");
}

/* "<idp>-<name><n>": the id of one input of a preferred window. */
static void window_id(html_buf *out, const char *idp, const char *name, int n)
{
	html_text(out, idp);
	html_raw(out, "-");
	html_raw(out, name);
	html_printf(out, "%d", n);
}

void part_window_inputs(html_buf *out, const char *idp, int n, int required)
{
	static const char *const names[] = { "start", "end" };
	static const char *const words[] = { "From", "To" };

	html_raw(out, "<fieldset class=\"window\"><legend>");
	html_printf(out, "Preferred time %d", n);
	html_raw(out, required ? "" : " (optional)");
	html_raw(out, "</legend>");
	for (int i = 0; i < 2; i++) {
		html_raw(out, "<p><label for=\"");
		window_id(out, idp, names[i], n);
		html_raw(out, "\">");
		html_raw(out, words[i]);
		html_raw(out, "</label> <input type=\"datetime-local\" id=\"");
		window_id(out, idp, names[i], n);
		html_raw(out, "\" name=\"");
		html_raw(out, names[i]);
		html_printf(out, "%d", n);
		html_raw(out, required ? "\" required></p>" : "\"></p>");
	}
	html_raw(out, "</fieldset>");
}
