/* SPDX-License-Identifier: MIT */
/*
 * record.h - what every layer may do with a record: free it, and name,
 * label or parse its enumerations (record_free.c, record_enums.c).
 *
 * The records themselves are the public structs of include/portal/. This
 * layer sits just above base/: the store builds records and frees them on
 * failure, and everything above reads them, so neither has to reach into
 * the rules that own a record to free it or to name its status.
 */
#ifndef PORTAL_RECORD_H
#define PORTAL_RECORD_H

#include "internal.h"

/* One value of an enumeration: its stable name and the words a person reads. */
typedef struct pt_enum_entry {
	const char *name;
	const char *label;
} pt_enum_entry;

/* A word people type for a value, beside its name ("labor" for labour). */
typedef struct pt_enum_synonym {
	const char *typed;
	int value;
} pt_enum_synonym;

/* An enumeration: `names` indexed by value, valid from `first` to `last`. */
typedef struct pt_enum {
	const pt_enum_entry *names;
	int first;
	int last;
	const pt_enum_synonym *synonyms;
	size_t synonym_count;
	/* Whether spaces around the text are forgiven, as where people type
	 * it into a form; the stricter names are those of exports and
	 * scripts, which must match as written. */
	int trim;
} pt_enum;

/* The name or label of `value`, or NULL when it is not one of `e`. */
const char *pt_enum_name(const pt_enum *e, int value);
const char *pt_enum_label(const pt_enum *e, int value);

/* The value `text` names, whatever its case and with ' ' or '-' for '_'
 * (see pt_name_normalise() for an enumeration that trims); -1 when it
 * names none. */
int pt_enum_parse(int *out, const pt_enum *e, const char *text);

/* The payment method with the highest value. */
#define PT_PAY_METHOD_LAST PORTAL_PAY_OTHER

/* Free what an inspection item holds, not the item itself. */
void pt_inspection_item_clear(portal_inspection_item *it);

/* An inspection's item on its own, as the store reads one. */
void pt_inspection_item_free(portal_inspection_item *it);

#endif
