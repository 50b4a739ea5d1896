/* SPDX-License-Identifier: MIT */
/*
 * pdf_text.c - UTF-8 to Windows-1252, the encoding PDF calls
 * WinAnsiEncoding.
 *
 * Windows-1252 is Latin-1 except for 0x80..0x9F, where it has typographic
 * characters (quotes, dashes, the euro sign ...) that names and notes do
 * use; Latin-1's control characters there are never printed.
 */
#include "pdf_text.h"
#include "validate.h"

#include <stdint.h>

/* Code points of Windows-1252's 0x80..0x9F; 0 where it has none. */
static const uint16_t cp1252_high[32] = {
	0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
	0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
	0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
	0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

/* The Windows-1252 byte of code point `cp`, or -1 when it has none. */
static int cp1252_byte(uint32_t cp)
{
	if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
		return (int)cp;
	for (int i = 0; i < 32; i++)
		if (cp1252_high[i] != 0 && cp1252_high[i] == cp)
			return 0x80 + i;
	return -1;
}

int pt_pdf_winansi_ok(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	if (s == NULL)
		return 1;
	while (*u) {
		uint32_t cp;
		size_t n = pt_utf8_decode(u, &cp);
		if (n == 0 || cp1252_byte(cp) < 0)
			return 0;
		u += n;
	}
	return 1;
}

size_t pt_pdf_winansi(char *out, size_t len, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t w = 0;

	if (len == 0)
		return 0;
	while (*u && w + 1 < len) {
		uint32_t cp;
		size_t n = pt_utf8_decode(u, &cp);
		int b = n ? cp1252_byte(cp) : -1;
		out[w++] = (char)(b < 0 ? '?' : b);
		u += n ? n : 1;
	}
	out[w] = '\0';
	return w;
}

size_t pt_pdf_char_len(const char *s)
{
	uint32_t cp;
	size_t n = pt_utf8_decode((const unsigned char *)s, &cp);

	return n ? n : 1;
}
