/* SPDX-License-Identifier: MIT */
/*
 * pdf_export.h - writing PDFs into files, one or many at once.
 */
#ifndef PORTAL_CLI_PDF_EXPORT_H
#define PORTAL_CLI_PDF_EXPORT_H

#include "cli.h"

/* `number` as a file name part: letters, digits, '-', '_' and '.' kept,
 * anything else '_'. Returns `buf`. */
char *pdf_safe_name(char *buf, size_t len, const char *number);

/* Write `pdf` to `path` through a temporary file renamed into place, so
 * the file is whole or absent. 0, or -1 with the reason in `err`. */
int pdf_write_file(const char *path, const portal_buf *pdf, char *err, size_t errlen);

/* With --json: {"file": path, "bytes": size} on stdout. */
int pdf_print_written(const char *path, size_t size);

/* `portal invoice pdf --all --dir DIR [--jobs N]`. `number` and `out`
 * are what else was given, refused with --all. */
int pdf_export_invoices(cli *c, const char *number, const char *dir, const char *jobs,
	const char *out, int deterministic);

#endif
