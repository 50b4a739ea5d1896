/* SPDX-License-Identifier: MIT */
/*
 * csv_reader.h - records of a CSV text as spreadsheets write it (RFC 4180).
 *
 * Fields are separated by commas; a field in double quotes may hold
 * commas, line breaks and doubled quotes (""). Lines end in LF or CRLF; a
 * UTF-8 byte order mark before the first record is skipped. Records are
 * counted by the line they start on, so that a problem is reported where
 * a person finds it in an editor, however many line breaks the quoted
 * fields before it held.
 *
 * The first record sets the width: a later record with another number of
 * fields is refused, and reading goes on with the record after it. A line
 * that is empty, or holds only commas (which spreadsheets write for a
 * blank row), is no record.
 */
#ifndef PORTAL_CSV_READER_H
#define PORTAL_CSV_READER_H

#include <stddef.h>

typedef struct pt_csv {
	const char *data;
	size_t len;
	size_t pos;
	long line;          /* the line `pos` is on, 1-based */

	/* The current record: `count` fields, each NUL-terminated, valid
	 * until the next call; the caller may change their bytes. */
	char **fields;
	size_t count;
	long record_line;   /* the line the record starts on */
	size_t width;       /* the first record's count; 0 before it */

	char *text;         /* the fields' bytes, one after another */
	size_t text_len, text_cap;
	size_t *starts;     /* offset of each field in `text` */
	size_t fields_cap;

	char error[160];    /* why the last record was refused */
} pt_csv;

/* Start reading `len` bytes at `data`, which must outlive the reader. */
void pt_csv_init(pt_csv *r, const char *data, size_t len);

/*
 * Read the next record. Returns 1 with a record in r->fields, 0 at the
 * end, -1 for a record refused (r->error says why, r->record_line where;
 * the next call reads on after it), or -2 when out of memory.
 */
int pt_csv_next(pt_csv *r);

/* Free what the reader allocated. The reader may be initialised again. */
void pt_csv_dispose(pt_csv *r);

#endif
