/* SPDX-License-Identifier: MIT */
/*
 * pdf_font.h - whether a file is a TrueType font the PDF library can
 * embed, asked before the library is given it: its loader trusts the
 * file's table directory and reads past the end of a file that is not
 * a font, which would take the process down.
 */
#ifndef PORTAL_PDF_FONT_H
#define PORTAL_PDF_FONT_H

/* 0 when the file at `path` is a TrueType font whose table directory
 * lies within the file and names the tables an embedded font needs;
 * -1 when it cannot be read or is anything else. */
int pt_pdf_font_check(const char *path);

#endif
