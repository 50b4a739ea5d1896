/* SPDX-License-Identifier: MIT */
/*
 * transfer_import.h - the state of a JSON import, shared by the reading
 * of the document (transfer_json.c) and the checking and writing of each
 * record (transfer_record.c).
 */
#ifndef PORTAL_TRANSFER_IMPORT_H
#define PORTAL_TRANSFER_IMPORT_H

#include "internal.h"
#include "transfer_kinds.h"

#include <cjson/cJSON.h>
#include <portal/transfer.h>

/* The ids of one kind in the document, sorted, so references are found
 * by binary search. */
typedef struct pt_id_set {
	int64_t *ids;
	size_t count, cap;
} pt_id_set;

typedef struct pt_importer {
	portal *p;
	const char *path;
	const portal_import_options *opt;
	size_t max_problems;
	size_t problems;
	size_t records;
	size_t written[PT_TRANSFER_KIND_COUNT];   /* records of each kind */
	pt_id_set ids[PT_TRANSFER_KIND_COUNT];
} pt_importer;

/* Report a problem at `line` (`field` may be NULL). Returns 1 when the
 * limit of problems is reached and reading should stop, else 0. */
int pt_import_problem(pt_importer *im, long line, const char *field, const char *fmt, ...)
	PT_PRINTF(4, 5);

/* Has the limit of problems been reached? */
int pt_import_stopped(const pt_importer *im);

/* Gather the ids of a kind, then sort them once before any lookup. */
int pt_import_add_id(pt_importer *im, pt_id_set *s, int64_t id);
void pt_import_sort_ids(pt_id_set *s);

/* Is `id` a record of kind `k` in the document? */
int pt_import_has_id(const pt_importer *im, pt_transfer_kind k, int64_t id);

/* `item` as a whole number that a double holds exactly into *out;
 * -1 when it is not one. */
int pt_import_whole(const cJSON *item, int64_t *out);

/* Check record `obj` of kind `k`, which begins at `line`, and write it
 * when it is valid. Problems are reported and counted; the return value
 * is negative only for a failure that stops the import (memory, storage). */
int pt_import_record(pt_importer *im, pt_transfer_kind k, const cJSON *obj, long line);

#endif
