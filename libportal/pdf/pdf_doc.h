/* SPDX-License-Identifier: MIT */
/*
 * pdf_doc.h - a document to print, before any layout.
 *
 * pdf_invoice.c, pdf_estimate.c and pdf_statement.c read the records and
 * fill a pt_pdf_doc with the words and figures to print; pdf_render.c
 * lays any such document out on pages with libharu. Keeping the two apart
 * means the layout (flowing tables, repeated headers, page numbers, fonts)
 * is written and tested once, and a document is only what it says.
 *
 * Every string is UTF-8 and owned by the document. Builders never fail
 * one by one: running out of memory sets `failed`, and
 * pt_pdf_doc_render() refuses a failed document.
 */
#ifndef PORTAL_PDF_DOC_H
#define PORTAL_PDF_DOC_H

#include "internal.h"

#define PT_PDF_MAX_COLS 6
#define PT_PDF_MAX_LINES 6
#define PT_PDF_MAX_FACTS 6
#define PT_PDF_MAX_BLOCKS 3

/* How the document's mark (PAID, DUE ...) looks. */
typedef enum pt_pdf_tone {
	PT_PDF_TONE_GOOD,      /* paid, approved */
	PT_PDF_TONE_NOTICE,    /* due, pending */
	PT_PDF_TONE_ALERT,     /* overdue, expired */
	PT_PDF_TONE_MUTED      /* void, draft, declined */
} pt_pdf_tone;

typedef struct pt_pdf_column {
	const char *title;     /* static */
	float share;           /* of the table's width; the shares add up to 1 */
	int right;             /* right-aligned (figures) */
} pt_pdf_column;

typedef struct pt_pdf_row {
	char *cells[PT_PDF_MAX_COLS];
	char *note;            /* a smaller line under the first cell, or NULL */
	int strong;
} pt_pdf_row;

typedef struct pt_pdf_pair {
	char *label;
	char *value;
	int strong;
} pt_pdf_pair;

typedef enum pt_pdf_item_kind {
	PT_PDF_TABLE,          /* columns and rows; flows over pages */
	PT_PDF_TOTALS,         /* label and figure pairs on the right */
	PT_PDF_TEXT            /* a heading and a wrapped paragraph */
} pt_pdf_item_kind;

typedef struct pt_pdf_item {
	pt_pdf_item_kind kind;
	char *title;                   /* TABLE, TEXT: NULL for none */
	char *text;                    /* TEXT; may hold newlines */
	size_t ncols;                  /* TABLE */
	pt_pdf_column cols[PT_PDF_MAX_COLS];
	pt_pdf_row *rows;
	size_t nrows, rows_cap;
	pt_pdf_pair *pairs;            /* TOTALS */
	size_t npairs, pairs_cap;
} pt_pdf_item;

typedef struct pt_pdf_block {
	char *title;
	char *lines[PT_PDF_MAX_LINES];
	size_t nlines;
} pt_pdf_block;

typedef struct pt_pdf_doc {
	const char *kind;              /* "invoice", "estimate", "statement" (static) */
	char *title;                   /* "Invoice" */
	char *number;                  /* "10003" */
	const char *number_label;      /* "No." unless set (static) */
	char *mark;                    /* "PAID", "DUE" ...; NULL for none */
	pt_pdf_tone tone;
	char *shop_name;
	char *shop_lines[3];           /* address; phone and email */
	char *logo_path;               /* NULL for none */
	char currency[4];              /* the shop's, for amounts; "" until pt_pdf_shop() */
	pt_pdf_pair facts[PT_PDF_MAX_FACTS];   /* dates and numbers, top right */
	size_t nfacts;
	pt_pdf_block blocks[PT_PDF_MAX_BLOCKS]; /* bill to, service address, appliance */
	size_t nblocks;
	pt_pdf_item *items;
	size_t nitems, items_cap;
	char *terms;                   /* the shop's terms, the last thing printed */
	int failed;                    /* out of memory while building */
} pt_pdf_doc;

void pt_pdf_doc_init(pt_pdf_doc *d, const char *kind);
void pt_pdf_doc_free(pt_pdf_doc *d);

/* A copy of `s` kept by the document (NULL stays NULL). */
char *pt_pdf_strdup(pt_pdf_doc *d, const char *s);
/* A formatted string kept by the document. */
char *pt_pdf_printf(pt_pdf_doc *d, const char *fmt, ...) PT_PRINTF(2, 3);

void pt_pdf_fact(pt_pdf_doc *d, const char *label, const char *value);
/* A block and its first line; more lines with pt_pdf_block_line(). Empty
 * and NULL lines are skipped. */
pt_pdf_block *pt_pdf_block_add(pt_pdf_doc *d, const char *title);
void pt_pdf_block_line(pt_pdf_doc *d, pt_pdf_block *b, const char *line);

/* A table with `ncols` columns of `cols`; rows follow with
 * pt_pdf_row_add(). NULL when out of memory. */
pt_pdf_item *pt_pdf_table(pt_pdf_doc *d, const char *title, const pt_pdf_column *cols,
	size_t ncols);
/* A row of the table's column count of cells (copied); NULL when out of
 * memory. */
pt_pdf_row *pt_pdf_row_add(pt_pdf_doc *d, pt_pdf_item *table, const char *const *cells);

pt_pdf_item *pt_pdf_totals(pt_pdf_doc *d);
void pt_pdf_total(pt_pdf_doc *d, pt_pdf_item *totals, const char *label,
	const char *value, int strong);
void pt_pdf_text(pt_pdf_doc *d, const char *title, const char *text);

/* 1 when every string of the document prints in the built-in fonts. */
int pt_pdf_doc_is_winansi(const pt_pdf_doc *d);

/* How pdf_render.c is asked to render. */
typedef struct pt_pdf_render_opts {
	int embed;                     /* use the TrueType font at `font_path` */
	const char *font_path;
	portal_time created_at;
	int deterministic;
} pt_pdf_render_opts;

/* Lay `d` out and append the PDF to `out`; on error `out` is unchanged. */
int pt_pdf_doc_render(portal_buf *out, portal *p, const pt_pdf_doc *d,
	const pt_pdf_render_opts *o);

/* Check `opt` (NULL: defaults), pick the fonts `d` needs and render:
 * what every public portal_*_pdf() function ends with. */
int pt_pdf_finish(portal_buf *out, portal *p, const pt_pdf_doc *d,
	const portal_pdf_options *opt);

/* Parts every document shares (pdf.c). Each returns PORTAL_OK or the
 * error of the record it read. */
/* The shop's name, address, phone, email, logo and currency. */
int pt_pdf_shop(pt_pdf_doc *d, portal *p);
/* The client, the service address (the job's, else the client's first)
 * and the appliance or vehicle as blocks, and the job's problem. */
int pt_pdf_parties(pt_pdf_doc *d, portal *p, portal_id client_id, portal_id job_id);
/* The shop's terms (fee, warranty, cancellation ...) for the footer. */
int pt_pdf_terms(pt_pdf_doc *d, portal *p);

/* "1234.50", and "$1234.50" / "-$20.00" (or "€", "£", "CHF " ... by the
 * currency pt_pdf_shop() read), kept by the document. */
char *pt_pdf_money(pt_pdf_doc *d, portal_money cents);
char *pt_pdf_dollars(pt_pdf_doc *d, portal_money cents);
/* A money pair of the totals, "$1234.50"; the tax at the document's
 * own rate, "Tax (13%)". */
void pt_pdf_money_total(pt_pdf_doc *d, pt_pdf_item *totals, const char *label,
	portal_money cents, int strong);
void pt_pdf_tax_total(pt_pdf_doc *d, pt_pdf_item *totals, const portal_totals *t);
/* Line `l` as a row of description, quantity, unit price and amount,
 * and `last` in a fifth column when the table has one; its kind (and
 * "no tax") as the row's note. */
pt_pdf_row *pt_pdf_line_row(pt_pdf_doc *d, pt_pdf_item *table, const portal_line *l,
	const char *last);
/* The document's mark and how it looks. */
void pt_pdf_mark(pt_pdf_doc *d, const char *mark, pt_pdf_tone tone);
/* The shop-zone date of `t`, "2026-11-22"; "" for 0. */
const char *pt_pdf_date(char *buf, size_t len, portal *p, portal_time t);

/* A day of a view ("2026-12-07") as printed ("Mon 7 Dec 2026"), into `buf`. */
const char *pt_pdf_day(char *buf, size_t len, const char *iso);

#endif
