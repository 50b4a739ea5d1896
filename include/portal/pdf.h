/* SPDX-License-Identifier: MIT */
/*
 * portal/pdf.h - invoices, estimates and statements of account as PDF.
 *
 * A document prints what the library computed (portal_invoice_get(),
 * portal_estimate_get(), portal_statement_json() ...): the shop's header
 * and optional logo (setting "logo_path"), the client and the service
 * address, the appliance or vehicle, the job, a table of lines that flows
 * onto as many pages as it needs with its header repeated, the totals, a
 * PAID / DUE / OVERDUE / VOID mark, the warranty, the shop's terms in a
 * footer and "Page N of M".
 *
 * Text is UTF-8. A document whose every character is in the built-in PDF
 * fonts' Western European set (Windows-1252) uses those fonts and stays
 * small; any other character (Ł, ő, Cyrillic ...) makes the whole
 * document use one embedded TrueType font instead: the shop setting
 * "pdf_font", or DejaVu Sans found in the system's font directories.
 *
 * Rendering is all in memory: on any error `out` is left as it was and
 * nothing else changed.
 */
#ifndef PORTAL_PDF_H
#define PORTAL_PDF_H

#include "common.h"
#include "buf.h"
#include "access.h"

PORTAL_BEGIN_DECL

/** Which fonts a document uses. */
typedef enum portal_pdf_font {
	PORTAL_PDF_FONT_AUTO = 0,  /**< built-in fonts unless the text needs the embedded one */
	PORTAL_PDF_FONT_EMBED      /**< always the embedded TrueType font */
} portal_pdf_font;

/** How to render; start from PORTAL_PDF_OPTIONS_INIT. */
typedef struct portal_pdf_options {
	unsigned int version;
	/**
	 * Nonzero: the same records give the same bytes. The creation date is
	 * `created_at` (or 2000-01-01T00:00:00Z when that is 0) and the
	 * document id is a hash of the document's kind, number and creation
	 * date. Zero: the creation date is `created_at` or portal_now() and the
	 * id is random.
	 */
	int deterministic;
	portal_time created_at;
	portal_pdf_font font;
	/** A TrueType font file; NULL: the shop setting "pdf_font", else found. */
	const char *font_path;
} portal_pdf_options;

#define PORTAL_PDF_OPTIONS_VERSION 1
#define PORTAL_PDF_OPTIONS_INIT { PORTAL_PDF_OPTIONS_VERSION, 0, 0, PORTAL_PDF_FONT_AUTO, NULL }

/**
 * Invoice `id` as a PDF, appended to `out` (the caller disposes it).
 * `opt` may be NULL for the defaults. A draft prints marked DRAFT.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL (bad options),
 *         PORTAL_EIO (no usable font for the text, or the PDF library
 *         failed: portal_errmsg() says which)
 */
PORTAL_EXTERN(int) portal_invoice_pdf(portal_buf *out, portal *p, portal_id id,
	const portal_pdf_options *opt);

/**
 * Estimate `id` as a PDF, appended to `out`: "valid until", and each
 * line's approval state with who decided and when.
 * @return as portal_invoice_pdf()
 */
PORTAL_EXTERN(int) portal_estimate_pdf(portal_buf *out, portal *p, portal_id id,
	const portal_pdf_options *opt);

/**
 * Client `client_id`'s statement of account as of `as_of` (0: now) as a
 * PDF, appended to `out`: what portal_statement_json() computes, the
 * invoices and payments with the running balance, and the ageing buckets.
 * @return as portal_invoice_pdf()
 */
PORTAL_EXTERN(int) portal_statement_pdf(portal_buf *out, portal *p, portal_id client_id,
	portal_time as_of, const portal_pdf_options *opt);

/**
 * Invoice `number` (as typed) as a PDF for session `s`, appended to
 * `out`, and the download written to the audit log ("pdf.download"). An
 * invoice the session may not see (another client's, a draft, outside
 * its job) answers exactly as a number that does not exist.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EDENIED (invoices hidden),
 *         PORTAL_EIO
 */
PORTAL_EXTERN(int) portal_customer_invoice_pdf(portal_buf *out, portal *p,
	const portal_session *s, const char *number);

PORTAL_END_DECL

#endif
