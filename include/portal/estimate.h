/* SPDX-License-Identifier: MIT */
/*
 * portal/estimate.h - estimates: what a repair will cost, approved or
 * declined by the customer line by line.
 *
 * An estimate is a draft until the shop sends it. Sending fixes its tax
 * rate and its validity: an estimate sent on local day D (shop time zone)
 * is valid through the end of day D + N, N the `estimate_validity_days`
 * setting (7 by default). Sent on Sunday 22 November 2026 at 10:00 in
 * Toronto, it is valid until Sunday 29 November 23:59:59 EST and expired
 * from Monday 30 November 00:00:00 EST; `valid_until` holds that first
 * expired instant.
 *
 * The customer approves or declines every line, or one line at a time,
 * typing their name. Once no line is pending and at least one is
 * approved, the approved lines become lines of the job's draft invoice
 * (see portal/invoice.h), in the same transaction.
 */
#ifndef PORTAL_ESTIMATE_H
#define PORTAL_ESTIMATE_H

#include "common.h"
#include "buf.h"
#include "line.h"

PORTAL_BEGIN_DECL

/** An estimate's state, derived from its dates and line decisions. */
typedef enum portal_estimate_status {
	PORTAL_ESTIMATE_DRAFT = 1,     /**< not sent yet */
	PORTAL_ESTIMATE_SENT = 2,      /**< valid, no decision yet */
	PORTAL_ESTIMATE_PARTLY_DECIDED = 3, /**< valid, some lines still pending */
	PORTAL_ESTIMATE_APPROVED = 4,  /**< every line approved */
	PORTAL_ESTIMATE_PARTLY_APPROVED = 5, /**< decided: some approved, some declined */
	PORTAL_ESTIMATE_DECLINED = 6,  /**< every line declined */
	PORTAL_ESTIMATE_EXPIRED = 7    /**< lines still pending after valid_until */
} portal_estimate_status;

/** "draft", "sent", "partly_decided", "approved", "partly_approved",
 * "declined", "expired"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_estimate_status_name(portal_estimate_status s);

/** Values of a new estimate. */
typedef struct portal_estimate_fields {
	unsigned int version;
	portal_id client_id;        /**< required */
	portal_id job_id;           /**< 0 for none; must be the client's */
	const char *notes;          /**< NULL or up to 2000 characters */
} portal_estimate_fields;

#define PORTAL_ESTIMATE_FIELDS_VERSION 1
#define PORTAL_ESTIMATE_FIELDS_INIT { PORTAL_ESTIMATE_FIELDS_VERSION, 0, 0, NULL }

/** An estimate with its lines and totals. Strings are never NULL. */
typedef struct portal_estimate {
	portal_id id;
	char *number;               /**< "E1001" */
	portal_id client_id;
	portal_id job_id;           /**< 0 for none */
	char *notes;
	portal_time issued_at;      /**< 0 while a draft */
	portal_time valid_until;    /**< the first expired instant; 0 while a draft */
	portal_estimate_status status;
	portal_totals totals;       /**< every line, whatever the decision */
	portal_totals approved;     /**< the approved lines only */
	size_t line_count;
	portal_line *lines;         /**< by position */
} portal_estimate;

/**
 * Start a draft estimate. Its number is the next free one ("E1001", ...).
 * @param out  receives the id (may be NULL)
 * @return PORTAL_OK, PORTAL_ENOTFOUND (client, job), PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_estimate_add(portal_id *out, portal *p,
	const portal_estimate_fields *f);

/**
 * Add a line to draft estimate `id`.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_ERULE (sent)
 */
PORTAL_EXTERN(int) portal_estimate_line_add(portal_id *out, portal *p, portal_id id,
	const portal_line_fields *f);

/**
 * Send draft estimate `id` at `at` (0 for now): fixes its tax rate and
 * its validity, and moves its job to "estimate sent".
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_ERULE (no lines, already sent)
 */
PORTAL_EXTERN(int) portal_estimate_send(portal *p, portal_id id, portal_time at);

/**
 * Approve or decline line `line_id` of estimate `id`, or with `line_id` 0
 * every line still pending, as `name` typed it (2..100 characters), now.
 *
 * Refused with PORTAL_ERULE: a draft, a decided line, an expired estimate
 * (the message says when it expired and to ask the shop for a new one).
 *
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_ERULE
 */
PORTAL_EXTERN(int) portal_estimate_decide(portal *p, portal_id id, portal_id line_id,
	portal_decision decision, const char *name);

/**
 * Find an estimate by its number exactly as stored (an imported
 * "E2026/0042"), else as a person types it: "E1001", "e-1001", "#1001",
 * "estimate 1001".
 * @return PORTAL_OK or PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_estimate_find(portal_id *out, portal *p, const char *number);

/** Read estimate `id`; free with portal_estimate_free(). */
PORTAL_EXTERN(int) portal_estimate_get(portal_estimate **out, portal *p, portal_id id);

/** Free an estimate returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_estimate_free(portal_estimate *e);

/**
 * Call `cb` for each estimate of `client_id` (0: all), newest first. The
 * estimate has its status and totals but no lines; valid during the call.
 */
PORTAL_EXTERN(int) portal_estimate_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_estimate *e, void *ctx), void *ctx);

/** Estimate `id` as a JSON object with its lines, totals, status and validity. */
PORTAL_EXTERN(int) portal_estimate_json(portal_buf *out, portal *p, portal_id id);

/** The estimates of `client_id` (0: all) as a JSON array. */
PORTAL_EXTERN(int) portal_estimate_list_json(portal_buf *out, portal *p, portal_id client_id);

PORTAL_END_DECL

#endif
