/* SPDX-License-Identifier: MIT */
/*
 * pdf_doc.c - building a document to print (pdf_doc.h).
 */
#include "pdf_doc.h"
#include "pdf_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pt_pdf_doc_init(pt_pdf_doc *d, const char *kind)
{
	memset(d, 0, sizeof(*d));
	d->kind = kind;
	d->tone = PT_PDF_TONE_NOTICE;
}

static void item_free(pt_pdf_item *it)
{
	free(it->title);
	free(it->text);
	for (size_t i = 0; i < it->nrows; i++) {
		for (size_t c = 0; c < it->ncols; c++)
			free(it->rows[i].cells[c]);
		free(it->rows[i].note);
	}
	free(it->rows);
	for (size_t i = 0; i < it->npairs; i++) {
		free(it->pairs[i].label);
		free(it->pairs[i].value);
	}
	free(it->pairs);
}

void pt_pdf_doc_free(pt_pdf_doc *d)
{
	free(d->title);
	free(d->number);
	free(d->mark);
	free(d->shop_name);
	for (size_t i = 0; i < 3; i++)
		free(d->shop_lines[i]);
	free(d->logo_path);
	for (size_t i = 0; i < d->nfacts; i++) {
		free(d->facts[i].label);
		free(d->facts[i].value);
	}
	for (size_t i = 0; i < d->nblocks; i++) {
		free(d->blocks[i].title);
		for (size_t l = 0; l < d->blocks[i].nlines; l++)
			free(d->blocks[i].lines[l]);
	}
	for (size_t i = 0; i < d->nitems; i++)
		item_free(&d->items[i]);
	free(d->items);
	free(d->terms);
	memset(d, 0, sizeof(*d));
}

char *pt_pdf_strdup(pt_pdf_doc *d, const char *s)
{
	char *copy;

	if (s == NULL)
		return NULL;
	if ((copy = strdup(s)) == NULL)
		d->failed = 1;
	return copy;
}

char *pt_pdf_printf(pt_pdf_doc *d, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n >= 0 && (s = malloc((size_t)n + 1)) != NULL) {
		va_start(ap, fmt);
		vsnprintf(s, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	if (s == NULL)
		d->failed = 1;
	return s;
}

/* Room for one more of `*n` elements of `size` bytes in `*arr`. */
static int grow(pt_pdf_doc *d, void **arr, size_t *cap, size_t n, size_t size)
{
	void *bigger;
	size_t want;

	if (n < *cap)
		return 0;
	want = *cap ? *cap * 2 : 8;
	if ((bigger = realloc(*arr, want * size)) == NULL) {
		d->failed = 1;
		return -1;
	}
	*arr = bigger;
	*cap = want;
	return 0;
}

void pt_pdf_fact(pt_pdf_doc *d, const char *label, const char *value)
{
	pt_pdf_pair *f;

	if (value == NULL || *value == '\0' || d->nfacts == PT_PDF_MAX_FACTS)
		return;
	f = &d->facts[d->nfacts++];
	f->label = pt_pdf_strdup(d, label);
	f->value = pt_pdf_strdup(d, value);
}

pt_pdf_block *pt_pdf_block_add(pt_pdf_doc *d, const char *title)
{
	pt_pdf_block *b;

	if (d->nblocks == PT_PDF_MAX_BLOCKS)
		return NULL;
	b = &d->blocks[d->nblocks++];
	b->title = pt_pdf_strdup(d, title);
	return b;
}

void pt_pdf_block_line(pt_pdf_doc *d, pt_pdf_block *b, const char *line)
{
	if (b == NULL || line == NULL || *line == '\0' || b->nlines == PT_PDF_MAX_LINES)
		return;
	b->lines[b->nlines++] = pt_pdf_strdup(d, line);
}

static pt_pdf_item *item_add(pt_pdf_doc *d, pt_pdf_item_kind kind)
{
	pt_pdf_item *it;

	if (grow(d, (void **)&d->items, &d->items_cap, d->nitems, sizeof(*d->items)) < 0)
		return NULL;
	it = &d->items[d->nitems++];
	memset(it, 0, sizeof(*it));
	it->kind = kind;
	return it;
}

pt_pdf_item *pt_pdf_table(pt_pdf_doc *d, const char *title, const pt_pdf_column *cols,
	size_t ncols)
{
	pt_pdf_item *t;

	if (ncols > PT_PDF_MAX_COLS || (t = item_add(d, PT_PDF_TABLE)) == NULL)
		return NULL;
	t->title = pt_pdf_strdup(d, title);
	t->ncols = ncols;
	memcpy(t->cols, cols, ncols * sizeof(*cols));
	return t;
}

pt_pdf_row *pt_pdf_row_add(pt_pdf_doc *d, pt_pdf_item *t, const char *const *cells)
{
	pt_pdf_row *r;

	if (t == NULL ||
	    grow(d, (void **)&t->rows, &t->rows_cap, t->nrows, sizeof(*t->rows)) < 0)
		return NULL;
	r = &t->rows[t->nrows++];
	memset(r, 0, sizeof(*r));
	for (size_t c = 0; c < t->ncols; c++)
		r->cells[c] = pt_pdf_strdup(d, cells[c] ? cells[c] : "");
	return r;
}

pt_pdf_item *pt_pdf_totals(pt_pdf_doc *d)
{
	return item_add(d, PT_PDF_TOTALS);
}

void pt_pdf_total(pt_pdf_doc *d, pt_pdf_item *t, const char *label, const char *value,
	int strong)
{
	pt_pdf_pair *pair;

	if (t == NULL ||
	    grow(d, (void **)&t->pairs, &t->pairs_cap, t->npairs, sizeof(*t->pairs)) < 0)
		return;
	pair = &t->pairs[t->npairs++];
	pair->label = pt_pdf_strdup(d, label);
	pair->value = pt_pdf_strdup(d, value);
	pair->strong = strong;
}

void pt_pdf_text(pt_pdf_doc *d, const char *title, const char *text)
{
	pt_pdf_item *it;

	if (text == NULL || *text == '\0' || (it = item_add(d, PT_PDF_TEXT)) == NULL)
		return;
	it->title = pt_pdf_strdup(d, title);
	it->text = pt_pdf_strdup(d, text);
}

static int item_is_winansi(const pt_pdf_item *it)
{
	if (!pt_pdf_winansi_ok(it->title) || !pt_pdf_winansi_ok(it->text))
		return 0;
	for (size_t c = 0; c < it->ncols; c++)
		if (!pt_pdf_winansi_ok(it->cols[c].title))
			return 0;
	for (size_t i = 0; i < it->nrows; i++) {
		for (size_t c = 0; c < it->ncols; c++)
			if (!pt_pdf_winansi_ok(it->rows[i].cells[c]))
				return 0;
		if (!pt_pdf_winansi_ok(it->rows[i].note))
			return 0;
	}
	for (size_t i = 0; i < it->npairs; i++)
		if (!pt_pdf_winansi_ok(it->pairs[i].label) ||
		    !pt_pdf_winansi_ok(it->pairs[i].value))
			return 0;
	return 1;
}

int pt_pdf_doc_is_winansi(const pt_pdf_doc *d)
{
	const char *heads[] = { d->title, d->number, d->mark, d->shop_name,
		d->shop_lines[0], d->shop_lines[1], d->shop_lines[2], d->terms };

	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		if (!pt_pdf_winansi_ok(heads[i]))
			return 0;
	for (size_t i = 0; i < d->nfacts; i++)
		if (!pt_pdf_winansi_ok(d->facts[i].label) || !pt_pdf_winansi_ok(d->facts[i].value))
			return 0;
	for (size_t i = 0; i < d->nblocks; i++) {
		if (!pt_pdf_winansi_ok(d->blocks[i].title))
			return 0;
		for (size_t l = 0; l < d->blocks[i].nlines; l++)
			if (!pt_pdf_winansi_ok(d->blocks[i].lines[l]))
				return 0;
	}
	for (size_t i = 0; i < d->nitems; i++)
		if (!item_is_winansi(&d->items[i]))
			return 0;
	return 1;
}
