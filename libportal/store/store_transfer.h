/* SPDX-License-Identifier: MIT */
/*
 * store_transfer.h - storage of a whole shop moving out and in: every
 * record of a kind read in id order as named values, and written back
 * with its id kept (transfer_export.c, transfer_json.c).
 *
 * The columns a kind carries are those of its SELECT in store_transfer.c,
 * named as the columns are; a kind's INSERT takes the same names as
 * parameters (":name"), plus the columns the store derives from others
 * (an address's house_key, an invoice's number_key). Secrets, token and
 * session hashes are in no kind at all.
 */
#ifndef PORTAL_STORE_TRANSFER_H
#define PORTAL_STORE_TRANSFER_H

#include "store.h"

/* The kinds of record, in the order a document lists and an import
 * writes them: every record after the records it refers to, except the
 * references that go both ways (a visit's fee invoice, an invoice line's
 * visit), which wait for the end of the transaction. */
typedef enum pt_transfer_kind {
	PT_TRANSFER_CLIENTS,
	PT_TRANSFER_ADDRESSES,
	PT_TRANSFER_ASSETS,
	PT_TRANSFER_TECHNICIANS,
	PT_TRANSFER_TECHNICIAN_POSITIONS,
	PT_TRANSFER_JOBS,
	PT_TRANSFER_JOB_EVENTS,
	PT_TRANSFER_INSPECTIONS,
	PT_TRANSFER_INSPECTION_ITEMS,
	PT_TRANSFER_ESTIMATES,
	PT_TRANSFER_ESTIMATE_LINES,
	PT_TRANSFER_INVOICES,
	PT_TRANSFER_APPOINTMENTS,
	PT_TRANSFER_INVOICE_LINES,
	PT_TRANSFER_PAYMENTS,
	PT_TRANSFER_REMINDERS,
	PT_TRANSFER_NOTIFICATIONS,
	PT_TRANSFER_CHAT_MESSAGES,
	PT_TRANSFER_REQUESTS,
	PT_TRANSFER_OUTBOX,
	PT_TRANSFER_AUDIT_LOG,
	PT_TRANSFER_KIND_COUNT
} pt_transfer_kind;

typedef enum pt_value_type {
	PT_VALUE_NULL,
	PT_VALUE_INT,
	PT_VALUE_REAL,
	PT_VALUE_TEXT,
	PT_VALUE_BLOB
} pt_value_type;

/* One column's value, by name. */
typedef struct pt_transfer_value {
	const char *name;
	pt_value_type type;
	int64_t i;
	double d;
	/* Text, or a blob's `len` bytes. */
	const char *s;
	size_t len;
} pt_transfer_value;

/* Hand each record of `kind`, in id order, to `cb` as `n` values (valid
 * only during the call). Stops at the callback's first non-zero answer. */
int pt_store_transfer_walk(portal *p, pt_transfer_kind kind,
	int (*cb)(const pt_transfer_value *values, size_t n, void *ctx), void *ctx);

/* Each setting the shop has set (defaults are not stored), by key. */
int pt_store_transfer_settings(portal *p,
	int (*cb)(const char *key, const char *value, void *ctx), void *ctx);

/* Does the shop have any record (settings and secrets aside)? */
int pt_store_transfer_has_records(int *out, portal *p);

/* Inside a transaction: forget every setting (an import replaces them),
 * and check references only at commit (records that point at each other). */
int pt_store_transfer_prepare(portal *p);

/* Write one record of `kind`. A value the constraints refuse (a second
 * record with the same id or number) gives PORTAL_EINVAL with SQLite's
 * words; a parameter of the kind's INSERT that `values` lacks gives
 * PORTAL_ERROR. */
int pt_store_transfer_insert(portal *p, pt_transfer_kind kind,
	const pt_transfer_value *values, size_t n);

/*
 * A move between engines that keeps everything: each of the shop's
 * tables (0 to PT_MOVE_TABLE_COUNT - 1), every column of every row as it
 * is, secrets, links and sessions included. The values carry blobs.
 */
#define PT_MOVE_TABLE_COUNT 27
int pt_store_move_walk(portal *p, int table,
	int (*cb)(const pt_transfer_value *values, size_t n, void *ctx), void *ctx);
int pt_store_move_insert(portal *p, int table, const pt_transfer_value *values, size_t n);

#endif
