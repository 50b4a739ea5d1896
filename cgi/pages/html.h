/* SPDX-License-Identifier: MIT */
/*
 * html.h - a growable buffer for HTML text, with escaping.
 *
 * Pages are built by appending to an html_buf: html_raw() for the page's
 * own markup, html_text() for every value that comes from a document (it
 * escapes & < > " ' so a value can never open a tag or leave an attribute),
 * html_printf() for numbers only. Running out of memory is sticky: once an
 * append fails every later one does nothing and returns -1, so a page can
 * append freely and check once, at the end, with html_status().
 *
 * It is the CGI's only growable buffer and html_text() its only escaper:
 * an answer's body is an html_buf too, so a finished page becomes the body
 * without a copy, and the bytes of JSON, a PDF or a calendar go in with
 * html_rawn().
 */
#ifndef PORTAL_HTML_H
#define PORTAL_HTML_H

#include <stddef.h>

typedef struct html_buf {
	char *ptr;    /* the text, NUL-terminated; NULL while empty */
	size_t size;  /* bytes in ptr, without the NUL */
	size_t asize; /* bytes allocated */
	int failed;   /* an allocation failed: the text is incomplete */
	const char *currency; /* the page's shop.currency, for its amounts; NULL: "$" */
	int this_year;        /* the page's year, left out of its days; 0: always said */
} html_buf;

#define HTML_BUF_INIT { NULL, 0, 0, 0, NULL, 0 }

/* Make `b` an empty buffer. */
void html_init(html_buf *b);

/* Release what `b` holds and make it empty again. */
void html_free(html_buf *b);

/* Append markup `s` as it is (NULL appends nothing). 0, or -1 when out of memory. */
int html_raw(html_buf *b, const char *s);

/* Append `len` bytes of markup. 0, or -1 when out of memory. */
int html_rawn(html_buf *b, const char *s, size_t len);

/* Append text `s` escaped for element content and quoted attribute values
 * (NULL appends nothing). 0, or -1 when out of memory. */
int html_text(html_buf *b, const char *s);

/* Append formatted text WITHOUT escaping: only for numbers (%d, %lld, %.1f).
 * 0, or -1 when out of memory. */
int html_printf(html_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* 0 when every append so far succeeded, -1 when one ran out of memory. */
int html_status(const html_buf *b);

#endif
