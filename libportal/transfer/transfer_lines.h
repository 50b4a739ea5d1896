/* SPDX-License-Identifier: MIT */
/*
 * transfer_lines.h - where things begin in a JSON text, by line: each
 * member of the top-level object, and each item of the arrays and objects
 * that are its values. cJSON keeps no positions; an import reports its
 * problems by line, and a record's line is where it begins.
 */
#ifndef PORTAL_TRANSFER_LINES_H
#define PORTAL_TRANSFER_LINES_H

#include <stddef.h>

typedef struct pt_line_map {
	/* Line of each top-level member, in document order. */
	long *members;
	size_t member_count;
	/* Line of each item one level further in, in document order: all
	 * the items of the first member's value, then the second's ... */
	long *items;
	size_t item_count;
} pt_line_map;

/* Map `text` (`len` bytes, already parsed as valid JSON). Returns 0, or
 * -1 when out of memory. Free with pt_line_map_free(). */
int pt_line_map_build(pt_line_map *map, const char *text, size_t len);
void pt_line_map_free(pt_line_map *map);

/* Does `text` stop inside a string, an object or an array (or is it
 * empty)? Then a parse failure means the file was cut short. */
int pt_json_cut_short(const char *text, size_t len);

/* The line holding byte `offset` of `text`. */
long pt_line_at(const char *text, size_t offset);

#endif
