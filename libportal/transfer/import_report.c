/* SPDX-License-Identifier: MIT */
/*
 * import_report.c - a problem found by an import, handed to the caller.
 */
#include "import_report.h"

#include <stdio.h>

size_t pt_import_max_problems(const portal_import_options *opt)
{
	return opt->max_problems ? opt->max_problems : PT_IMPORT_MAX_PROBLEMS;
}

void pt_import_report(const portal_import_options *opt, const char *file, long line,
	const char *field, const char *fmt, va_list ap)
{
	portal_import_problem problem;
	char message[600];

	if (opt->on_problem == NULL)
		return;
	vsnprintf(message, sizeof(message), fmt, ap);
	problem.file = file;
	problem.line = line;
	problem.field = field;
	problem.message = message;
	opt->on_problem(&problem, opt->problem_ctx);
}
