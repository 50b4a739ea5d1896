/* SPDX-License-Identifier: MIT */
/*
 * csv_refs.c - an open-addressing hash map from text to a number.
 */
#include "csv_refs.h"

#include <stdlib.h>
#include <string.h>

/* FNV-1a: short keys, no adversary (the shop's own files). */
static size_t hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static size_t slot(const pt_refs *m, const char *key)
{
	size_t i = hash(key) & (m->cap - 1);

	while (m->keys[i] != NULL && strcmp(m->keys[i], key) != 0)
		i = (i + 1) & (m->cap - 1);
	return i;
}

static int grow(pt_refs *m)
{
	pt_refs bigger = PT_REFS_INIT;

	bigger.cap = m->cap ? m->cap * 2 : 64;
	bigger.keys = calloc(bigger.cap, sizeof(*bigger.keys));
	bigger.values = calloc(bigger.cap, sizeof(*bigger.values));
	if (bigger.keys == NULL || bigger.values == NULL) {
		free(bigger.keys);
		free(bigger.values);
		return -2;
	}
	for (size_t i = 0; i < m->cap; i++) {
		if (m->keys[i] != NULL) {
			size_t j = slot(&bigger, m->keys[i]);
			bigger.keys[j] = m->keys[i];
			bigger.values[j] = m->values[i];
		}
	}
	bigger.count = m->count;
	free(m->keys);
	free(m->values);
	*m = bigger;
	return 0;
}

int pt_refs_add(pt_refs *m, const char *key, int64_t value)
{
	size_t i;

	/* At most half full, so that probes stay short. */
	if ((m->count + 1) * 2 > m->cap && grow(m) < 0)
		return -2;
	i = slot(m, key);
	if (m->keys[i] != NULL)
		return 1;
	size_t len = strlen(key) + 1;
	if ((m->keys[i] = malloc(len)) == NULL)
		return -2;
	memcpy(m->keys[i], key, len);
	m->values[i] = value;
	m->count++;
	return 0;
}

void pt_refs_set(pt_refs *m, const char *key, int64_t value)
{
	size_t i;

	if (m->cap == 0)
		return;
	i = slot(m, key);
	if (m->keys[i] != NULL)
		m->values[i] = value;
}

int pt_refs_get(const pt_refs *m, const char *key, int64_t *value)
{
	size_t i;

	if (m->cap == 0)
		return 0;
	i = slot(m, key);
	if (m->keys[i] == NULL)
		return 0;
	*value = m->values[i];
	return 1;
}

void pt_refs_dispose(pt_refs *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->values);
	memset(m, 0, sizeof(*m));
}
