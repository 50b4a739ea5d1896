/* SPDX-License-Identifier: MIT */
/*
 * transfer_csv.h - what the CSV import's two halves share: the driver
 * (transfer_csv.c: files, headers, the transaction, problems) and the
 * kinds of record (transfer_csv_kinds.c: their columns and how a row
 * becomes a record through the library's own calls).
 */
#ifndef PORTAL_TRANSFER_CSV_H
#define PORTAL_TRANSFER_CSV_H

#include "internal.h"
#include "csv_refs.h"

#include <stddef.h>

#define PT_CSV_MAX_COLUMNS 16

typedef struct pt_import pt_import;
typedef struct pt_csv_file pt_csv_file;

/* One data row of a file, its values by the kind's column index. */
typedef struct pt_csv_row {
	const pt_csv_file *file;
	long line;
	const char *values[PT_CSV_MAX_COLUMNS];   /* "" when the column is absent */
} pt_csv_row;

/*
 * A kind of record. Its columns are named in lower case with '_'; the
 * first `required` of them must be in the header. A row is written by
 * `apply`, which returns 0, 1 when it reported a problem, or a negative
 * code that ends the import (storage, memory). `then`, when set, runs
 * once after every file of the kind was read, even when there was none.
 */
typedef struct pt_csv_kind {
	const char *name;
	const char *const *columns;
	size_t required;
	/* Where its count goes: offsetof(portal_import_result, <kind>). */
	size_t counted_in;
	int (*apply)(pt_import *im, const pt_csv_row *row);
	int (*then)(pt_import *im);
} pt_csv_kind;

/* The kinds in the order they are written: a row names only records of
 * the kinds before its own. NULL-terminated. */
extern const pt_csv_kind *const pt_csv_kinds[];

struct pt_csv_file {
	const char *path;
	char *data;
	size_t len;
	const pt_csv_kind *kind;   /* NULL when the header was not recognised */
	int at[PT_CSV_MAX_COLUMNS]; /* header position of each column; -1 absent */
	size_t rows;
};

/* An invoice of the files, between its row and its issue. */
typedef struct pt_csv_invoice {
	portal_id id;               /* 0 when its row had a problem */
	int broken;                 /* a line of it had a problem */
	const pt_csv_file *file;
	long line;
	char *number;
	char status;                /* 'd'raft, 'i'ssued, 'v'oid */
	portal_time issued_at;
	portal_time due_at;
	char *void_reason;
	portal_time voided_at;       /* 0: now */
	int has_total;
	portal_money total;
} pt_csv_invoice;

struct pt_import {
	portal *p;
	const portal_import_options *opt;
	size_t max_problems;
	size_t problems;
	portal_import_result result;   /* the records written, by kind */
	size_t done;
	size_t total;
	/* A client's ref: its id, or 0 when its row had a problem. */
	pt_refs clients;
	/* An invoice number's key: its index in `invoices`, plus one. */
	pt_refs invoice_keys;
	pt_csv_invoice *invoices;
	size_t invoice_count;
	size_t invoice_cap;
};

/*
 * Report a problem at `line` of `file` (0: the file as a whole), about
 * `column` (NULL: the row as a whole). Returns 1, what `apply` returns
 * for a row with a problem.
 */
int pt_csv_problem(pt_import *im, const pt_csv_file *file, long line,
	const char *column, const char *fmt, ...) PT_PRINTF(5, 6);

/*
 * Report the library's refusal `err` of `row`, naming the column its
 * field came from (or `column` when not NULL). Returns 1, or `err` itself
 * when it is no refusal of the row but a failure of the storage or of
 * memory, which ends the import.
 */
int pt_csv_refused(pt_import *im, const pt_csv_row *row, const char *column, int err);

#endif
