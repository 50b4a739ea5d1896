/* SPDX-License-Identifier: MIT */
/*
 * transfer_importer.c - the state of a JSON import that every part of it
 * reports to: the problems found, and the ids the document holds.
 */
#include "transfer_import.h"
#include "import_report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int pt_import_problem(pt_importer *im, long line, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (pt_import_stopped(im))
		return 1;
	va_start(ap, fmt);
	pt_import_report(im->opt, im->path, line, field, fmt, ap);
	va_end(ap);
	im->problems++;
	return pt_import_stopped(im);
}

int pt_import_stopped(const pt_importer *im)
{
	return im->problems >= im->max_problems;
}

static int compare_ids(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int pt_import_has_id(const pt_importer *im, pt_transfer_kind k, int64_t id)
{
	const pt_id_set *s = &im->ids[k];

	return s->count > 0 && bsearch(&id, s->ids, s->count, sizeof(id), compare_ids) != NULL;
}

int pt_import_add_id(pt_importer *im, pt_id_set *s, int64_t id)
{
	if (s->count == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		int64_t *ids = realloc(s->ids, cap * sizeof(*ids));
		if (ids == NULL)
			return pt_oom(im->p);
		s->ids = ids;
		s->cap = cap;
	}
	s->ids[s->count++] = id;
	return PORTAL_OK;
}

void pt_import_sort_ids(pt_id_set *s)
{
	if (s->count > 1)
		qsort(s->ids, s->count, sizeof(*s->ids), compare_ids);
}
