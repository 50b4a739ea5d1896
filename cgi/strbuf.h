/*
 * strbuf.h - a growable, always NUL-terminated byte buffer for what the
 * CGI builds itself: response bodies, JSON it prints, header values.
 */
#ifndef CGI_STRBUF_H
#define CGI_STRBUF_H

#include <stddef.h>

typedef struct strbuf {
	char *ptr;      /* NULL until something is added */
	size_t len;
	size_t cap;
} strbuf;

#define STRBUF_INIT { NULL, 0, 0 }

/* Append; 0, or -1 out of memory (the buffer is then left as it was). */
int strbuf_put(strbuf *b, const char *data, size_t len);
int strbuf_puts(strbuf *b, const char *s);
int strbuf_printf(strbuf *b, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The text, "" when empty. */
const char *strbuf_str(const strbuf *b);

/* Hand the bytes to the caller (who frees them) and reset `b`. */
char *strbuf_detach(strbuf *b);

void strbuf_free(strbuf *b);

#endif
