/* SPDX-License-Identifier: MIT */
/*
 * csv_reader.c - an RFC 4180 reader that counts lines as an editor does.
 */
#include "csv_reader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void pt_csv_init(pt_csv *r, const char *data, size_t len)
{
	memset(r, 0, sizeof(*r));
	r->data = data;
	r->len = len;
	r->line = 1;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		r->pos = 3;
}

void pt_csv_dispose(pt_csv *r)
{
	free(r->fields);
	free(r->text);
	free(r->starts);
	r->fields = NULL;
	r->text = NULL;
	r->starts = NULL;
}

static int put(pt_csv *r, char c)
{
	if (r->text_len == r->text_cap) {
		size_t cap = r->text_cap ? r->text_cap * 2 : 256;
		char *more = realloc(r->text, cap);
		if (more == NULL)
			return -2;
		r->text = more;
		r->text_cap = cap;
	}
	r->text[r->text_len++] = c;
	return 0;
}

static int start_field(pt_csv *r)
{
	if (r->count == r->fields_cap) {
		size_t cap = r->fields_cap ? r->fields_cap * 2 : 16;
		size_t *starts = realloc(r->starts, cap * sizeof(*starts));
		if (starts == NULL)
			return -2;
		r->starts = starts;
		char **fields = realloc(r->fields, cap * sizeof(*fields));
		if (fields == NULL)
			return -2;
		r->fields = fields;
		r->fields_cap = cap;
	}
	r->starts[r->count++] = r->text_len;
	return 0;
}

static int at_line_end(const pt_csv *r)
{
	return r->pos >= r->len || r->data[r->pos] == '\n' || r->data[r->pos] == '\r';
}

/* Step over the line break at `pos` (LF, CRLF or a lone CR). */
static void skip_line_break(pt_csv *r)
{
	if (r->pos < r->len && r->data[r->pos] == '\r')
		r->pos++;
	if (r->pos < r->len && r->data[r->pos] == '\n')
		r->pos++;
	r->line++;
}

/* Refuse the record: say why, and move to the start of the next line so
 * that reading can go on. */
static int refuse(pt_csv *r, const char *why)
{
	snprintf(r->error, sizeof(r->error), "%s", why);
	while (!at_line_end(r))
		r->pos++;
	if (r->pos < r->len)
		skip_line_break(r);
	return -1;
}

/* A field in quotes, from its opening quote to just after its closing
 * one. Line breaks inside are kept as "\n" whatever the file used. */
static int read_quoted(pt_csv *r)
{
	r->pos++;
	for (;;) {
		if (r->pos >= r->len) {
			snprintf(r->error, sizeof(r->error),
				"a quoted field is not closed: a '\"' is missing");
			return -1;
		}
		char c = r->data[r->pos];
		if (c == '"' && r->pos + 1 < r->len && r->data[r->pos + 1] == '"') {
			r->pos += 2;
		} else if (c == '"') {
			r->pos++;
			return 0;
		} else if (c == '\r' || c == '\n') {
			skip_line_break(r);
			c = '\n';
		} else {
			r->pos++;
		}
		if (put(r, c) < 0)
			return -2;
	}
}

static int read_unquoted(pt_csv *r)
{
	while (r->pos < r->len) {
		char c = r->data[r->pos];
		if (c == ',' || c == '\r' || c == '\n')
			return 0;
		if (c == '"')
			return refuse(r, "a '\"' inside a field that does not start with one;"
				" a field holding quotes is written in quotes, the quotes doubled");
		if (put(r, c) < 0)
			return -2;
		r->pos++;
	}
	return 0;
}

/* One record as it stands in the text, whatever its width. */
static int read_record(pt_csv *r)
{
	int rc;

	r->count = 0;
	r->text_len = 0;
	r->record_line = r->line;
	r->error[0] = '\0';
	for (;;) {
		if ((rc = start_field(r)) < 0)
			return rc;
		if (r->pos < r->len && r->data[r->pos] == '"')
			rc = read_quoted(r);
		else
			rc = read_unquoted(r);
		if (rc == 0)
			rc = put(r, '\0');
		if (rc < 0)
			return rc;
		if (r->pos < r->len && r->data[r->pos] == ',') {
			r->pos++;
			continue;
		}
		if (!at_line_end(r))
			return refuse(r, "after a closing '\"' comes a comma or the end of the line");
		if (r->pos < r->len)
			skip_line_break(r);
		break;
	}
	for (size_t i = 0; i < r->count; i++)
		r->fields[i] = r->text + r->starts[i];
	return 1;
}

static int is_blank(const pt_csv *r)
{
	for (size_t i = 0; i < r->count; i++)
		if (r->fields[i][0] != '\0')
			return 0;
	return 1;
}

int pt_csv_next(pt_csv *r)
{
	int rc;

	do {
		if (r->pos >= r->len)
			return 0;
		if ((rc = read_record(r)) != 1)
			return rc;
	} while (is_blank(r));
	if (r->width == 0) {
		r->width = r->count;
	} else if (r->count != r->width) {
		snprintf(r->error, sizeof(r->error), "%zu fields where the header row has %zu",
			r->count, r->width);
		return -1;
	}
	return 1;
}
