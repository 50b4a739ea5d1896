/* SPDX-License-Identifier: MIT */
/*
 * csv_refs.h - the names that join one import file to another (a client's
 * ref, an invoice's number) and what each became: a map from text to a
 * number, for files of a hundred thousand rows.
 */
#ifndef PORTAL_CSV_REFS_H
#define PORTAL_CSV_REFS_H

#include <stddef.h>
#include <stdint.h>

typedef struct pt_refs {
	char **keys;
	int64_t *values;
	size_t cap;     /* a power of two, or 0 */
	size_t count;
} pt_refs;

#define PT_REFS_INIT { NULL, NULL, 0, 0 }

/* Add `key` with `value`. Returns 0, 1 when `key` is there already (its
 * value left alone), or -2 when out of memory. */
int pt_refs_add(pt_refs *m, const char *key, int64_t value);

/* Change the value of `key`, which must be there. */
void pt_refs_set(pt_refs *m, const char *key, int64_t value);

/* 1 with *value when `key` is there, else 0. */
int pt_refs_get(const pt_refs *m, const char *key, int64_t *value);

void pt_refs_dispose(pt_refs *m);

#endif
