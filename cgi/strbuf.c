/*
 * strbuf.c - a growable byte buffer.
 */
#include "strbuf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int grow(strbuf *b, size_t extra)
{
	size_t need, cap;
	char *ptr;

	if (extra > SIZE_MAX - b->len - 1)
		return -1;
	need = b->len + extra + 1;
	if (need <= b->cap)
		return 0;
	cap = b->cap ? b->cap : 256;
	while (cap < need)
		cap = cap > SIZE_MAX / 2 ? need : cap * 2;
	if ((ptr = realloc(b->ptr, cap)) == NULL)
		return -1;
	b->ptr = ptr;
	b->cap = cap;
	return 0;
}

int strbuf_put(strbuf *b, const char *data, size_t len)
{
	if (grow(b, len) < 0)
		return -1;
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
	return 0;
}

int strbuf_puts(strbuf *b, const char *s)
{
	return strbuf_put(b, s, strlen(s));
}

int strbuf_printf(strbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || grow(b, (size_t)n) < 0)
		return -1;
	va_start(ap, fmt);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return 0;
}

const char *strbuf_str(const strbuf *b)
{
	return b->ptr ? b->ptr : "";
}

char *strbuf_detach(strbuf *b)
{
	char *s = b->ptr;

	b->ptr = NULL;
	b->len = b->cap = 0;
	return s;
}

void strbuf_free(strbuf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}
