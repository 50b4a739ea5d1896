/* SPDX-License-Identifier: MIT */
/*
 * transfer_kinds.h - what the export document holds, kind by kind: the name of
 * each kind's array and, for each of its keys, the value it takes.
 *
 * The export writes the columns store_transfer.c reads, named as they
 * are; the import checks every key of every record against this table
 * with the library's own rules (validate.h) before it writes the record
 * back. A kind's keys here and its columns there are the same list.
 */
#ifndef PT_TRANSFER_KINDS_H
#define PT_TRANSFER_KINDS_H

#include "store_transfer.h"

/* The export document's format name and version (docs/import.md). */
#define PT_EXPORT_FORMAT "libportal-export"
#define PT_EXPORT_VERSION 1

typedef enum pt_key_type {
	PT_KEY_ID,        /* the record's own id: a whole number from 1 */
	PT_KEY_REF,       /* the id of a record of kind `ref` */
	PT_KEY_INT,       /* a whole number from min to max (codes, flags, counts) */
	PT_KEY_TIME,      /* UTC seconds, from 0 */
	PT_KEY_MONEY,     /* cents, from min to max */
	PT_KEY_REAL,      /* a number from min to max (degrees, metres) */
	PT_KEY_TEXT,      /* text people typed: min..max characters (pt_valid_text) */
	PT_KEY_STRING,    /* text the library wrote (messages, logs): valid UTF-8 */
	PT_KEY_WORD,      /* one of `words` */
	PT_KEY_JSON,      /* a JSON object, as text */
	PT_KEY_EMAIL,
	PT_KEY_PHONE,
	PT_KEY_VIN,
	PT_KEY_HOUSE_NUMBER,
	PT_KEY_DATE,      /* "YYYY-MM-DD" or "" */
	PT_KEY_COUNTRY,
	PT_KEY_POSTAL_CODE  /* of the record's "country" */
} pt_key_type;

/* Flags of a key. */
#define PT_KEY_NULL 1u        /* null is allowed */
#define PT_KEY_MULTILINE 2u   /* text: newlines allowed */

typedef struct pt_key {
	const char *name;
	pt_key_type type;
	unsigned flags;
	int64_t min, max;
	pt_transfer_kind ref;
	const char *const *words;
} pt_key;

typedef struct pt_kind {
	/* The array's name in the document; also the table's. */
	const char *name;
	/* One record, for messages: "client #4". */
	const char *noun;
	const pt_key *keys;
	size_t key_count;
} pt_kind;

/* Kind `k` (0..PT_TRANSFER_KIND_COUNT-1). */
const pt_kind *pt_transfer_kind_at(pt_transfer_kind k);

/* The kind whose array is called `name`, or -1. */
int pt_transfer_kind_find(const char *name);

#endif
