/* SPDX-License-Identifier: MIT */
/*
 * transfer_lines.c - the line where each record of a JSON document
 * begins, found by walking its text once: strings are skipped, brackets
 * counted, and the start of each member or item at the first two levels
 * noted.
 */
#include "transfer_lines.h"

#include <stdlib.h>

static int push(long **list, size_t *n, size_t *cap, long line)
{
	if (*n == *cap) {
		size_t grown = *cap ? *cap * 2 : 64;
		long *l = realloc(*list, grown * sizeof(**list));
		if (l == NULL)
			return -1;
		*list = l;
		*cap = grown;
	}
	(*list)[(*n)++] = line;
	return 0;
}

int pt_line_map_build(pt_line_map *map, const char *text, size_t len)
{
	size_t member_cap = 0, item_cap = 0;
	long line = 1;
	int depth = 0, in_string = 0, expect = 0, rc = 0;

	map->members = map->items = NULL;
	map->member_count = map->item_count = 0;
	for (size_t i = 0; i < len && rc == 0; i++) {
		char c = text[i];

		if (c == '\n') {
			line++;
			continue;
		}
		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = 0;
			continue;
		}
		if (c == ' ' || c == '\t' || c == '\r')
			continue;
		/* The first character after '{', '[' or ',' at levels 1 and 2
		 * begins a member or an item (unless the container is empty). */
		if (expect && c != '}' && c != ']')
			rc = depth == 1 ? push(&map->members, &map->member_count, &member_cap, line)
				: push(&map->items, &map->item_count, &item_cap, line);
		expect = 0;
		switch (c) {
		case '"':
			in_string = 1;
			break;
		case '{': case '[':
			depth++;
			expect = depth <= 2;
			break;
		case '}': case ']':
			depth--;
			break;
		case ',':
			expect = depth >= 1 && depth <= 2;
			break;
		default:
			break;
		}
	}
	if (rc < 0)
		pt_line_map_free(map);
	return rc;
}

void pt_line_map_free(pt_line_map *map)
{
	free(map->members);
	free(map->items);
	map->members = map->items = NULL;
	map->member_count = map->item_count = 0;
}

long pt_line_at(const char *text, size_t offset)
{
	long line = 1;

	for (size_t i = 0; i < offset; i++)
		line += text[i] == '\n';
	return line;
}

int pt_json_cut_short(const char *text, size_t len)
{
	int depth = 0, in_string = 0;

	for (size_t i = 0; i < len; i++) {
		char c = text[i];

		if (in_string) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_string = 0;
		} else if (c == '"') {
			in_string = 1;
		} else if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			depth--;
		}
	}
	return in_string || depth > 0 || len == 0;
}
