/* SPDX-License-Identifier: MIT */
/*
 * portal/invoice.h - invoices: numbered, issued, paid, voided.
 *
 * Invoice numbers are what customers type to find their portal, so the
 * library accepts them as people type them. The normalisation
 * (portal_invoice_number_key()):
 *
 * 1. letters become upper case;
 * 2. a leading "INVOICE", "INV" or "NO" word is dropped ("inv-10231",
 *    "Invoice #10231", "No. 10231");
 * 3. everything but letters and digits is dropped (spaces, "#", "-", ".");
 * 4. leading zeros of an all-digit number are dropped ("010231").
 *
 * "#10231", " 10231 ", "inv-10231" and "INV 10231" all name invoice 10231.
 * Two invoices may not share a key.
 *
 * Status is derived, never stored: void, draft (not issued), paid (balance
 * 0 or less), overdue (balance left after the end of the due day in the
 * shop's time zone), partly paid, due. An invoice due on receipt is due on
 * the day it is issued and overdue from the next day.
 */
#ifndef PORTAL_INVOICE_H
#define PORTAL_INVOICE_H

#include "common.h"
#include "buf.h"
#include "line.h"

PORTAL_BEGIN_DECL

/** An invoice's state. */
typedef enum portal_invoice_status {
	PORTAL_INVOICE_DRAFT = 1,
	PORTAL_INVOICE_DUE = 2,
	PORTAL_INVOICE_PARTLY_PAID = 3,
	PORTAL_INVOICE_PAID = 4,
	PORTAL_INVOICE_OVERDUE = 5,
	PORTAL_INVOICE_VOID = 6
} portal_invoice_status;

/** "draft", "due", "partly_paid", "paid", "overdue", "void"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_invoice_status_name(portal_invoice_status s);

/** "Draft", "Due", "Partly paid", "Paid", "Overdue", "Void"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_invoice_status_label(portal_invoice_status s);

/** Parse a status as typed ("partly-paid", "Overdue"). @return 0 or -1 */
PORTAL_EXTERN(int) portal_invoice_status_parse(portal_invoice_status *out, const char *text);

/** The longest invoice number: 20 characters. */
#define PORTAL_INVOICE_NUMBER_MAX 20

/**
 * The key of an invoice number as typed (see above) into `buf` of `len`
 * bytes (PORTAL_INVOICE_NUMBER_MAX + 1 is enough).
 * @return 0, or -1 when nothing of a number is left or it is too long
 */
PORTAL_EXTERN(int) portal_invoice_number_key(char *buf, size_t len, const char *typed);

/** Values of a new invoice. */
typedef struct portal_invoice_fields {
	unsigned int version;
	portal_id client_id;        /**< required */
	portal_id job_id;           /**< 0 for none; must be the client's */
	/**
	 * The number, e.g. from the shop's previous system; NULL for the next
	 * free one: one more than the highest all-digit number, 10001 for
	 * the first.
	 */
	const char *number;
	const char *notes;          /**< NULL or up to 2000 characters */
} portal_invoice_fields;

#define PORTAL_INVOICE_FIELDS_VERSION 1
#define PORTAL_INVOICE_FIELDS_INIT { PORTAL_INVOICE_FIELDS_VERSION, 0, 0, NULL, NULL }

/** An invoice with its lines, totals and balance. Strings are never NULL. */
typedef struct portal_invoice {
	portal_id id;
	char *number;
	portal_id client_id;
	portal_id job_id;           /**< 0 for none */
	portal_id estimate_id;      /**< the estimate it came from; 0 for none */
	char *notes;
	portal_time issued_at;      /**< 0 while a draft */
	portal_time due_at;         /**< the due day (shop zone); 0 while a draft */
	portal_time voided_at;      /**< 0 unless void */
	char *void_reason;
	portal_invoice_status status; /**< as of portal_now() */
	portal_totals totals;
	portal_money paid;          /**< payments less refunds */
	portal_money balance;       /**< total - paid; 0 on a void invoice */
	/** Whole days past the due day (shop zone) with a balance; else 0. */
	int days_overdue;
	size_t line_count;
	portal_line *lines;         /**< by position; NULL in foreach walks */
} portal_invoice;

/**
 * Start a draft invoice.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_EEXISTS (number taken)
 */
PORTAL_EXTERN(int) portal_invoice_add(portal_id *out, portal *p,
	const portal_invoice_fields *f);

/**
 * Add a line to draft invoice `id`.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_ERULE (issued or void)
 */
PORTAL_EXTERN(int) portal_invoice_line_add(portal_id *out, portal *p, portal_id id,
	const portal_line_fields *f);

/**
 * Issue draft invoice `id` at `issued_at` (0 for now), due on local day
 * `due_at` (0: on receipt, the day of issue; else not before the issue
 * day). Fixes its tax rate and moves its job to "invoiced".
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_ERULE (no
 *         lines, a negative total, already issued, void)
 */
PORTAL_EXTERN(int) portal_invoice_issue(portal *p, portal_id id,
	portal_time issued_at, portal_time due_at);

/**
 * Void invoice `id` with a `reason` (1..500 characters). An invoice that
 * still holds payments is refused: refund them first.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_ERULE
 */
PORTAL_EXTERN(int) portal_invoice_void(portal *p, portal_id id, const char *reason);

/**
 * As portal_invoice_void(), at `at` (0 for now; not in the future, not
 * before the invoice was issued): for records brought from another
 * system, whose statements must show the void when it happened.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_ERULE
 */
PORTAL_EXTERN(int) portal_invoice_void_at(portal *p, portal_id id, const char *reason,
	portal_time at);

/**
 * Find an invoice by its number as typed (see above).
 * @return PORTAL_OK, or PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_invoice_find(portal_id *out, portal *p, const char *number);

/** Read invoice `id` with its lines; free with portal_invoice_free(). */
PORTAL_EXTERN(int) portal_invoice_get(portal_invoice **out, portal *p, portal_id id);

/** Free an invoice returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_invoice_free(portal_invoice *inv);

/** Which invoices a walk visits. */
typedef struct portal_invoice_filter {
	portal_id client_id;        /**< 0: every client */
	portal_id job_id;           /**< 0: every job */
	/** 0: every status; else only invoices in this status now. */
	portal_invoice_status status;
} portal_invoice_filter;

/**
 * Call `cb` for each invoice matching `filter` (NULL: all), newest first,
 * without lines; valid only during the call.
 */
PORTAL_EXTERN(int) portal_invoice_foreach(portal *p, const portal_invoice_filter *filter,
	int (*cb)(const portal_invoice *inv, void *ctx), void *ctx);

/** Invoice `id` as a JSON object with its lines, totals, payments and status. */
PORTAL_EXTERN(int) portal_invoice_json(portal_buf *out, portal *p, portal_id id);

/** The invoices matching `filter` (NULL: all) as a JSON array. */
PORTAL_EXTERN(int) portal_invoice_list_json(portal_buf *out, portal *p,
	const portal_invoice_filter *filter);

/**
 * Invoice totals per calendar month of issue (shop zone) for `client_id`
 * (0: the whole shop), from `from` to `to` (0: no bound), as a JSON array
 * of {"month": "2026-11", "count", "invoiced", "paid", "balance"}, oldest
 * first, void invoices left out.
 */
PORTAL_EXTERN(int) portal_invoice_monthly_json(portal_buf *out, portal *p,
	portal_id client_id, portal_time from, portal_time to);

PORTAL_END_DECL

#endif
