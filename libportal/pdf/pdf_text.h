/* SPDX-License-Identifier: MIT */
/*
 * pdf_text.h - which characters the built-in PDF fonts can print.
 *
 * The fourteen standard PDF fonts need no embedding, which keeps a
 * document small and fast, but with WinAnsiEncoding (Windows-1252) they
 * print only Western European text. Everything else needs an embedded
 * TrueType font.
 */
#ifndef PORTAL_PDF_TEXT_H
#define PORTAL_PDF_TEXT_H

#include <stddef.h>

/* 1 when every character of UTF-8 `s` is in Windows-1252 (and `s` is
 * valid UTF-8); else 0. NULL is printable. */
int pt_pdf_winansi_ok(const char *s);

/* UTF-8 `s` as Windows-1252 into `out` (`len` bytes, NUL-terminated);
 * a character outside it becomes '?', which pt_pdf_winansi_ok() rules out
 * beforehand. Returns the number of bytes written, cut to fit. */
size_t pt_pdf_winansi(char *out, size_t len, const char *s);

/* The length in bytes of the UTF-8 character starting at `s` (1 for a
 * stray byte), so text is only ever cut between characters. */
size_t pt_pdf_char_len(const char *s);

#endif
