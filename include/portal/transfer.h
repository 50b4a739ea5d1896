/* SPDX-License-Identifier: MIT */
/*
 * portal/transfer.h - moving a shop in and out: CSV and JSON import,
 * JSON export.
 *
 * A shop leaving another system brings its clients, addresses, assets,
 * invoices with their lines and payments as CSV files, one file per kind
 * of record with a header row (docs/import.md lists the columns). A shop
 * leaving libportal takes everything with portal_export_json(): the whole
 * shop as one JSON document, secrets and token hashes excepted, which
 * portal_import_json() reads back into an empty shop.
 *
 * Imports are all or nothing: every row is validated by the same rules as
 * the library's own calls, every problem is reported with its file and
 * line, and the rows are written in one transaction only when there was
 * no problem at all.
 */
#ifndef PORTAL_TRANSFER_H
#define PORTAL_TRANSFER_H

#include "common.h"
#include "buf.h"
#include "db.h"

PORTAL_BEGIN_DECL

/** One problem found while importing: where it is and what is wrong. */
typedef struct portal_import_problem {
	/** The file as the caller named it. */
	const char *file;
	/** The 1-based line where the record starts; 0 for the file as a whole. */
	long line;
	/** The column (CSV) or key (JSON) at fault, or NULL. */
	const char *field;
	/** What is wrong, in one sentence. */
	const char *message;
} portal_import_problem;

/**
 * Called for each problem. The strings are valid only during the call.
 */
typedef void (*portal_import_problem_cb)(const portal_import_problem *problem,
	void *ctx);

/**
 * Called as records are read: `done` of `total` records so far (`total`
 * is known before the first call). Meant for a progress line.
 */
typedef void (*portal_import_progress_cb)(size_t done, size_t total, void *ctx);

typedef struct portal_import_options {
	/** Validate everything and report, but write nothing. */
	int dry_run;
	/** Where problems go; NULL: only the count is kept. */
	portal_import_problem_cb on_problem;
	void *problem_ctx;
	/** Progress; NULL for none. */
	portal_import_progress_cb on_progress;
	void *progress_ctx;
	/** Stop reading after this many problems; 0 means 100. */
	size_t max_problems;
} portal_import_options;

/** Static initialiser: no dry run, no callbacks, the default limit. */
#define PORTAL_IMPORT_OPTIONS_INIT { 0, NULL, NULL, NULL, NULL, 0 }

/** What an import did (or, in a dry run, would do). */
typedef struct portal_import_result {
	/** Records read and valid. */
	size_t records;
	/** Problems found; when non-zero nothing was written. */
	size_t problems;
	/** Of `records`, those of each kind. */
	size_t clients;
	size_t addresses;
	size_t assets;
	size_t invoices;
	size_t invoice_lines;
	size_t payments;
} portal_import_result;

/**
 * Import CSV files: `paths` holds `count` file names, each one kind of
 * record, recognised by its header row (docs/import.md). All files are
 * read, checked against each other (an address's client, an invoice's
 * client, a line's invoice must be in the files: refs join the files, not
 * the records already in the shop) and written in one transaction, each
 * row through the library's own call for its record, so it meets the
 * same rules. Importing tells the clients nothing: no notification, no
 * email or SMS for the invoices and payments of the past.
 *
 * Returns 0; PORTAL_EINVAL when any row is invalid (each problem went to
 * `opt->on_problem`, `result->problems` counts them, nothing was written);
 * PORTAL_EIO when a file cannot be read; PORTAL_ESTORE or PORTAL_ENOMEM
 * when the storage or memory fails, which stops the import at once. Call
 * it outside any transaction of the caller's. `opt` may be NULL for the
 * defaults; `result` may be NULL.
 */
PORTAL_EXTERN(int) portal_import_csv(portal *p, const char *const *paths,
	size_t count, const portal_import_options *opt,
	portal_import_result *result);

/**
 * Import the JSON document portal_export_json() wrote, from file `path`,
 * into a shop with no records yet (settings aside, which it replaces):
 * record ids are kept, so the views read the same afterwards. The shop's
 * secret key stays the new shop's own; secure links and sessions do not
 * travel.
 *
 * Returns 0; PORTAL_ERULE when the shop already has records;
 * PORTAL_EINVAL when the document or a record in it is invalid (problems
 * reported as for portal_import_csv(), nothing written); PORTAL_EIO when
 * the file cannot be read.
 */
PORTAL_EXTERN(int) portal_import_json(portal *p, const char *path,
	const portal_import_options *opt, portal_import_result *result);

/**
 * The whole shop as one JSON document into `out` (appended): settings and
 * every record, secrets, token and session hashes excepted. One record
 * per line, in id order, so two exports of the same shop differ only in
 * the header's `exported_at`. docs/import.md describes the document.
 * Returns 0 or a PORTAL_E* code; on error `out` is left as it was. Free
 * `out` with portal_buf_dispose().
 */
PORTAL_EXTERN(int) portal_export_json(portal *p, portal_buf *out);

/**
 * Where portal_export_json_write() puts the document: `len` bytes at
 * `data`, the next piece after the last. Returns 0, or non-zero to stop
 * the export (which then returns PORTAL_EIO, its message the caller's to
 * give: see errno or the sink's own state).
 */
typedef int (*portal_export_sink)(const void *data, size_t len, void *ctx);

/**
 * The same document as portal_export_json(), handed to `sink` a piece at
 * a time as the shop is read, so that a shop of a million records is
 * never held in memory: to a file, a socket or a compressor. The pieces
 * come in order; on an error the sink has had part of the document, and
 * it is the caller's to discard (a file written under a temporary name
 * and renamed into place only on success). Returns 0 or a PORTAL_E*
 * code; PORTAL_EIO when the sink refused a piece.
 */
PORTAL_EXTERN(int) portal_export_json_write(portal *p, portal_export_sink sink, void *ctx);

PORTAL_END_DECL

#endif
