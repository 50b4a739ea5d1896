/* SPDX-License-Identifier: MIT */
/*
 * chart.h - the overview's bar chart of what was invoiced per month.
 */
#ifndef PORTAL_PAGE_CHART_H
#define PORTAL_PAGE_CHART_H

#include <cjson/cJSON.h>

#include "html.h"

/* An inline SVG with one bar per month of `monthly` (the dashboard's
 * array, oldest first; the last twelve months drawn), each as tall as the
 * month's `invoiced` against the largest, labelled with its amount text.
 * Nothing when there is no month. */
void chart_monthly(html_buf *out, const cJSON *monthly);

#endif
