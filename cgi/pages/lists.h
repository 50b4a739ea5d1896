/* SPDX-License-Identifier: MIT */
/*
 * lists.h - invoices, estimates and visits as their list pages draw them,
 * shared with the repair page, which lists the same items for one job:
 * the documents give them the same fields, so they look the same.
 */
#ifndef PORTAL_PAGE_LISTS_H
#define PORTAL_PAGE_LISTS_H

#include <cjson/cJSON.h>

#include "html.h"

/* Items of the `invoices` view as a table captioned `caption`: number
 * (linking to the invoice), issued, due day, status with the days late,
 * total, balance and the PDF. */
void list_invoices(html_buf *out, const cJSON *invoices, const char *caption);

/* Items of the `estimates` view as a table captioned `caption`: number
 * (linking to the estimate), sent, status with the rule that applies now
 * (valid until, expired, decided by), total and approved total. */
void list_estimates(html_buf *out, const cJSON *estimates, const char *caption);

/* An item of the `appointments` view as a card under an <h3> with its
 * window: status, technician, address, door code, its fee invoice (a link
 * when `fee_invoice` is REC_INVOICE_LINK, records.h), the calendar entry
 * and what cancelling costs now. `job_link`: whether it links to its
 * repair (not on that repair's own page). */
void list_visit(html_buf *out, const cJSON *visit, int fee_invoice, int job_link);

#endif
