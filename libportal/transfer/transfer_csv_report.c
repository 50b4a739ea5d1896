/* SPDX-License-Identifier: MIT */
/*
 * transfer_csv_report.c - the problems of a CSV import, reported by file,
 * line and column, for the reading of the files and for each kind of
 * record alike.
 */
#include "transfer_csv.h"
#include "import_report.h"

#include <stdio.h>
#include <string.h>

int pt_csv_problem(pt_import *im, const pt_csv_file *file, long line,
	const char *column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	pt_import_report(im->opt, file->path, line, column, fmt, ap);
	va_end(ap);
	im->problems++;
	return 1;
}

/* What the library calls a field ("payment.received_at") as the column
 * of `kind` it came from ("paid_at"); NULL when none. */
static const char *column_of_field(const pt_csv_kind *kind, const char *field)
{
	static const struct { const char *field, *column; } renamed[] = {
		{ "location", "latitude" },
		{ "received_at", "paid_at" },
		{ "client", "client_ref" },
		{ "invoice", "invoice_number" },
	};
	const char *dot = field ? strchr(field, '.') : NULL;
	const char *name = dot ? dot + 1 : field;

	if (name == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof(renamed) / sizeof(renamed[0]); i++)
		if (strcmp(name, renamed[i].field) == 0)
			name = renamed[i].column;
	for (const char *const *c = kind->columns; *c; c++)
		if (strcmp(*c, name) == 0)
			return *c;
	return NULL;
}

int pt_csv_refused(pt_import *im, const pt_csv_row *row, const char *column, int err)
{
	const char *field = portal_errfield(im->p), *message = portal_errmsg(im->p);
	size_t n;

	switch (err) {
	case PORTAL_EINVAL: case PORTAL_ERULE: case PORTAL_ENOTFOUND:
	case PORTAL_EEXISTS: case PORTAL_EDENIED:
		break;
	default:
		return err;
	}
	/* The message starts with the field's name; the column replaces it. */
	if (field != NULL && strncmp(message, field, n = strlen(field)) == 0 &&
	    strncmp(message + n, ": ", 2) == 0)
		message += n + 2;
	if (column == NULL)
		column = column_of_field(row->file->kind, field);
	return pt_csv_problem(im, row->file, row->line, column, "%s", message);
}
