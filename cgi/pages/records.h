/* SPDX-License-Identifier: MIT */
/*
 * records.h - how one record is drawn wherever it appears: a job on the
 * overview, in the list of repairs and in the service history; a warranty
 * beside its job or invoice.
 */
#ifndef PORTAL_PAGE_RECORDS_H
#define PORTAL_PAGE_RECORDS_H

#include <cjson/cJSON.h>

#include "html.h"

/* A job as a card under a heading of level `level`, its number linking
 * to the job's page, with its warranty when the document holds one. */
void rec_job(html_buf *out, const cJSON *job, int level);

/* A job's steps, oldest first, the latest marked as the current one. */
void rec_timeline(html_buf *out, const cJSON *timeline);

/* A warranty from the history, job or invoice documents: the library's
 * sentence, then each part of it with its last covered day. */
void rec_warranty(html_buf *out, const cJSON *warranty, int level);

/* The cells every document line has: description with its kind,
 * quantity, unit price and amount. The rule that applied to the line, in
 * a few words (`rule`) and the library's sentence (`note`), is shown
 * under the description; either may be NULL. */
void rec_line_cells(html_buf *out, const cJSON *line, const char *rule, const char *note);

/* The header cells matching rec_line_cells(). */
void rec_line_head(html_buf *out);

/* Totals of an invoice or estimate (`subtotal`, `tax`, `total` and
 * `tax_rate`) as a definition list. */
void rec_totals(html_buf *out, const cJSON *totals);

/* Payments and refunds as a table; `with_invoice` says whether a column
 * names the invoice each paid, and whether it links to it (a link only
 * where the client sees invoices). */
enum { REC_INVOICE_NONE, REC_INVOICE_TEXT, REC_INVOICE_LINK };
void rec_payments(html_buf *out, const cJSON *payments, int with_invoice);

#endif
