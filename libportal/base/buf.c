/* SPDX-License-Identifier: MIT */
/*
 * buf.c - growable byte buffers handed to callers.
 */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void portal_buf_dispose(portal_buf *buf)
{
	if (buf == NULL)
		return;
	free(buf->ptr);
	buf->ptr = NULL;
	buf->size = 0;
	buf->asize = 0;
}

static int buf_grow(portal_buf *b, size_t extra)
{
	size_t need, asize;
	char *ptr;

	if (extra > SIZE_MAX - b->size - 1)
		return PORTAL_ENOMEM;
	need = b->size + extra + 1;
	if (need <= b->asize)
		return PORTAL_OK;
	asize = b->asize ? b->asize : 64;
	while (asize < need)
		asize = asize > SIZE_MAX / 2 ? need : asize * 2;
	ptr = realloc(b->ptr, asize);
	if (ptr == NULL)
		return PORTAL_ENOMEM;
	b->ptr = ptr;
	b->asize = asize;
	return PORTAL_OK;
}

int pt_buf_put(portal_buf *b, const char *data, size_t len)
{
	if (buf_grow(b, len) < 0)
		return PORTAL_ENOMEM;
	if (len)
		memcpy(b->ptr + b->size, data, len);
	b->size += len;
	b->ptr[b->size] = '\0';
	return PORTAL_OK;
}

int pt_buf_puts(portal_buf *b, const char *s)
{
	return pt_buf_put(b, s, strlen(s));
}

int pt_buf_printf(portal_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || buf_grow(b, (size_t)n) < 0)
		return PORTAL_ENOMEM;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->size, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->size += (size_t)n;
	return PORTAL_OK;
}

void pt_buf_attach(portal_buf *b, char *s)
{
	b->ptr = s;
	b->size = strlen(s);
	b->asize = b->size + 1;
}

char *pt_strdup(const char *s)
{
	size_t n;
	char *d;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	d = malloc(n);
	if (d != NULL)
		memcpy(d, s, n);
	return d;
}
