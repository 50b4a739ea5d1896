/* SPDX-License-Identifier: MIT */
/*
 * chart.c - a small bar chart as inline SVG.
 *
 * The chart only scales the document's own amounts into bar heights; the
 * numbers beside it, and the text on each bar, are the document's text.
 * The sizes are in the SVG's own units: the stylesheet makes it fluid.
 */
#include "chart.h"

#include <string.h>

#include <portal.h>

#include "doc.h"
#include "parts.h"

#define CHART_W 320
#define CHART_H 180
#define CHART_TOP 22    /* room for the amount above the tallest bar */
#define CHART_BOTTOM 36 /* room for the month and year below */
#define CHART_MONTHS 12

/* "Nov" for "2026-11": a name is easier to read than a number. */
static const char *month_name(const char *month)
{
	static const char *const names[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	int m;

	if (month == NULL || strlen(month) != 7 || month[4] != '-')
		return NULL;
	m = (month[5] - '0') * 10 + (month[6] - '0');
	return m >= 1 && m <= 12 ? names[m - 1] : NULL;
}

static double largest(const cJSON *const *months, int n)
{
	double max = 0, v;

	for (int i = 0; i < n; i++)
		if (doc_num(months[i], "invoiced", &v) && v > max)
			max = v;
	return max;
}

/* One bar with its amount above and its month below; the year is written
 * under the first bar and wherever it changes. */
static void bar(html_buf *out, const cJSON *month, int i, double slot, double max,
	const char *prev_month)
{
	double v = 0, plot = CHART_H - CHART_TOP - CHART_BOTTOM, h, x;
	const char *m = doc_str(month, "month"), *name = month_name(m);

	doc_num(month, "invoiced", &v);
	h = max > 0 && v > 0 ? v / max * plot : 0;
	x = i * slot;
	html_printf(out, "<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\"></rect>",
		x + slot * 0.15, CHART_TOP + plot - h, slot * 0.7, h);
	html_printf(out, "<text class=\"amount\" x=\"%.1f\" y=\"%.1f\">", x + slot / 2,
		CHART_TOP + plot - h - 5);
	html_text(out, doc_str(month, "invoiced_text"));
	html_printf(out, "</text><text class=\"month\" x=\"%.1f\" y=\"%d\">", x + slot / 2,
		CHART_H - CHART_BOTTOM + 15);
	html_text(out, name ? name : m);
	html_raw(out, "</text>");
	if (name && (prev_month == NULL || strncmp(prev_month, m, 4) != 0)) {
		html_printf(out, "<text class=\"year\" x=\"%.1f\" y=\"%d\">", x + slot / 2, CHART_H - 4);
		html_rawn(out, m, 4);
		html_raw(out, "</text>");
	}
}

/* The words a screen reader says instead of the picture. */
static void description(html_buf *out, const cJSON *const *months, int n)
{
	char sign[PORTAL_MONEY_SIGNLEN], words[PORTAL_WORDS_LEN];

	portal_money_sign(sign, sizeof(sign), out->currency);
	html_raw(out, "<title id=\"chart-title\">Invoiced per month</title><desc id=\"chart-desc\">");
	for (int i = 0; i < n; i++) {
		html_raw(out, i ? "; " : "");
		html_text(out, portal_words_iso(words, sizeof(words), doc_str(months[i], "month"),
			PORTAL_WORDS_MONTH, 0) == PORTAL_OK ? words : doc_str(months[i], "month"));
		html_raw(out, ": ");
		html_text(out, sign);
		html_text(out, doc_str(months[i], "invoiced_text"));
	}
	html_raw(out, ".</desc>");
}

void chart_monthly(html_buf *out, const cJSON *monthly)
{
	const cJSON *months[CHART_MONTHS], *m;
	int total = cJSON_GetArraySize(monthly), skip, n = 0;
	const char *prev = NULL;
	double slot, max;

	if (total <= 0)
		return;
	skip = total > CHART_MONTHS ? total - CHART_MONTHS : 0;
	cJSON_ArrayForEach(m, monthly)
		if (skip-- <= 0 && n < CHART_MONTHS)
			months[n++] = m;
	max = largest(months, n);
	slot = (double)CHART_W / (n < 4 ? 4 : n);
	html_printf(out, "<svg class=\"chart\" viewBox=\"0 0 %d %d\" role=\"img\" "
		"aria-labelledby=\"chart-title chart-desc\" focusable=\"false\">", CHART_W, CHART_H);
	description(out, months, n);
	html_printf(out, "<line class=\"axis\" x1=\"0\" y1=\"%d\" x2=\"%d\" y2=\"%d\"></line>",
		CHART_H - CHART_BOTTOM, CHART_W, CHART_H - CHART_BOTTOM);
	for (int i = 0; i < n; i++) {
		bar(out, months[i], i, slot, max, prev);
		prev = doc_str(months[i], "month");
	}
	html_raw(out, "</svg>");
}
