/* SPDX-License-Identifier: MIT */
/*
 * parts.h - the small pieces every page is made of.
 *
 * Times, money, links, forms and status badges are drawn the same way on
 * every page, and always from the document's own text: a time from its
 * "<name>_text" twin, an amount from its "<name>_text" twin. Nothing here
 * computes; it only arranges and escapes.
 */
#ifndef PORTAL_PAGE_PARTS_H
#define PORTAL_PAGE_PARTS_H

#include <cjson/cJSON.h>

#include "html.h"
#include "page.h"

/* An ISO 8601 time as the library wrote it, in a <time> element showing
 * it in words ("Sun 22 Nov, 1:00 pm"; the year when it is not the page's).
 * NULL draws nothing. */
void part_iso_time(html_buf *out, const char *iso);

/* Only the day of an ISO 8601 time ("Mon 23 Nov"), in a <time> element. */
void part_iso_day(html_buf *out, const char *iso);

/* A month of the views ("2026-12") in words ("December 2026"). */
void part_month(html_buf *out, const char *month);

/* A tel: link to `phone`, written for people ("866-415-3937"), after the
 * markup `lead`. NULL draws nothing. */
void part_phone(html_buf *out, const char *lead, const char *phone);

/* The time `key` of `obj` (from its "<key>_text" twin); 0 when there is
 * none (nothing drawn), 1 when drawn. */
int part_time(html_buf *out, const cJSON *obj, const char *key);

/* An arrival window from `obj`'s "<start>_text" and "<end>_text":
 * "Sun 22 Nov, 1:00–3:00 pm" (portal_words_window()). */
void part_window(html_buf *out, const cJSON *obj, const char *start, const char *end);

/* Only the hours of a window within one day ("5:00 pm–7:00 pm"), for a
 * page that shows its day apart; a window across midnight in full. */
void part_window_hours(html_buf *out, const cJSON *obj, const char *start, const char *end);

/* "1 day", "3 days": a count from the document and its noun. */
void part_count(html_buf *out, long long n, const char *one, const char *many);

/* A heading of level `level` (2 to 4) holding escaped `text`. */
void part_heading(html_buf *out, int level, const char *text);

/* A day ("2026-11-27") as the library wrote it, in a <time> element
 * showing it in words ("Fri 27 Nov"). */
void part_day(html_buf *out, const char *day);

/* The amount `key` of `obj` (from its "<key>_text" twin) with the sign of
 * the page's currency (`out->currency`, set from the document's
 * `shop.currency` by the frame) that the library's own sentences use:
 * "$17.52", "−$120.00", "€17.52", "CHF 17.52". */
void part_money(html_buf *out, const cJSON *obj, const char *key);

/* "Amounts in CAD.": the document's currency (`shop.currency`), said once
 * on a page of amounts, since part_money()'s "$" alone does not say which
 * dollars. Nothing when the document names no currency. */
void part_currency(html_buf *out, const cJSON *doc);

/* Text `s` percent-encoded as one path segment of a URL, so a document
 * number can never add a path, a query or markup to a link. */
void part_segment(html_buf *out, const char *s);

/* A link to `prefix` + segment `seg` (may be NULL) + `suffix`, showing
 * the text `label` escaped. */
void part_link(html_buf *out, const char *prefix, const char *seg,
	const char *suffix, const char *label);

/* The integer `key` of `obj` as a path segment (ids), e.g. "/portal/job/" 12. */
void part_link_id(html_buf *out, const char *prefix, long long id,
	const char *suffix, const char *label);

/* Open a POST form to `prefix` + segment `seg` + `suffix`, with the
 * session's CSRF field. `cls` names the form's class, or NULL. */
void part_form(html_buf *out, const char *cls, const char *prefix,
	const char *seg, const char *suffix, const page_ctx *ctx);

/* The hidden CSRF field every POST form carries. */
void part_csrf(html_buf *out, const page_ctx *ctx);

/* A hidden field `name` with value `value` (escaped). */
void part_hidden(html_buf *out, const char *name, const char *value);

/* A status badge: its class from the machine name `status` (letters and
 * underscores only), its text the document's label. */
void part_badge(html_buf *out, const char *status, const char *label);

/* One <div><dt>term</dt><dd>…</dd></div> row of a definition list: the
 * caller draws the value between part_row_open() and part_row_close(). */
void part_row_open(html_buf *out, const char *term);
void part_row_close(html_buf *out);

/* A row whose value is the text `value` (escaped); nothing for NULL. */
void part_row_text(html_buf *out, const char *term, const char *value);

/* A row whose value is the amount `key` of `obj`. */
void part_row_money(html_buf *out, const char *term, const cJSON *obj, const char *key);

/* A row whose value is the time `key` of `obj`; nothing when there is none. */
void part_row_time(html_buf *out, const char *term, const cJSON *obj, const char *key);

/* A paragraph saying a list is empty. */
void part_empty(html_buf *out, const char *text);

/* An <h2> heading. */
void part_h2(html_buf *out, const char *text);

/* A paragraph of escaped text with class `cls` (or none); nothing for NULL. */
void part_p(html_buf *out, const char *cls, const char *text);

/* Two "datetime-local" inputs for a preferred window `n` (1, 2, 3), with
 * labels; `required` for the first one. Names "start<n>" and "end<n>". */
void part_window_inputs(html_buf *out, const char *idp, int n, int required);

#endif
