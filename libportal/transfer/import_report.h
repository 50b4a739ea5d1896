/* SPDX-License-Identifier: MIT */
/*
 * import_report.h - what both imports (CSV and JSON) share: handing a
 * problem to the caller and the default limit of problems.
 */
#ifndef PT_IMPORT_REPORT_H
#define PT_IMPORT_REPORT_H

#include <portal/transfer.h>
#include <stdarg.h>

/* Problems reported before reading stops, when the caller sets no limit. */
#define PT_IMPORT_MAX_PROBLEMS 100

/* The limit `opt` asks for, or the default. */
size_t pt_import_max_problems(const portal_import_options *opt);

/* Format one problem and hand it to `opt->on_problem`, when there is
 * one. The caller counts it. */
void pt_import_report(const portal_import_options *opt, const char *file, long line,
	const char *field, const char *fmt, va_list ap);

#endif
