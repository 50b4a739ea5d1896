/* SPDX-License-Identifier: MIT */
/*
 * html.c - the HTML buffer and its escaping.
 */
#include "html.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void html_init(html_buf *b)
{
	b->ptr = NULL;
	b->size = 0;
	b->asize = 0;
	b->failed = 0;
	b->currency = NULL;
	b->this_year = 0;
}

void html_free(html_buf *b)
{
	if (b == NULL)
		return;
	free(b->ptr);
	html_init(b);
}

/* Make room for `extra` more bytes and the NUL; a failure is remembered. */
static int grow(html_buf *b, size_t extra)
{
	size_t need, asize;
	char *ptr;

	if (b->failed)
		return -1;
	if (extra > SIZE_MAX - b->size - 1)
		goto fail;
	need = b->size + extra + 1;
	if (need <= b->asize)
		return 0;
	asize = b->asize ? b->asize : 1024;
	while (asize < need)
		asize = asize > SIZE_MAX / 2 ? need : asize * 2;
	ptr = realloc(b->ptr, asize);
	if (ptr == NULL)
		goto fail;
	b->ptr = ptr;
	b->asize = asize;
	return 0;
fail:
	b->failed = 1;
	return -1;
}

int html_rawn(html_buf *b, const char *s, size_t len)
{
	if (grow(b, len) < 0)
		return -1;
	if (len)
		memcpy(b->ptr + b->size, s, len);
	b->size += len;
	b->ptr[b->size] = '\0';
	return 0;
}

int html_raw(html_buf *b, const char *s)
{
	return html_rawn(b, s ? s : "", s ? strlen(s) : 0);
}

/* The entity for a character that must not appear as itself, or NULL. */
static const char *entity(char c)
{
	switch (c) {
	case '&': return "&amp;";
	case '<': return "&lt;";
	case '>': return "&gt;";
	case '"': return "&quot;";
	case '\'': return "&#39;";
	default: return NULL;
	}
}

int html_text(html_buf *b, const char *s)
{
	const char *run = s;

	if (s == NULL)
		return html_status(b);
	/* Copy the runs between special characters in one go: most text has
	 * none, and a page is mostly text. */
	for (; *s; s++) {
		const char *e = entity(*s);

		if (e == NULL)
			continue;
		html_rawn(b, run, (size_t)(s - run));
		html_raw(b, e);
		run = s + 1;
	}
	return html_rawn(b, run, (size_t)(s - run));
}

int html_printf(html_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->failed = 1;
		return -1;
	}
	if (grow(b, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->size, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->size += (size_t)n;
	return 0;
}

int html_status(const html_buf *b)
{
	return b->failed ? -1 : 0;
}
