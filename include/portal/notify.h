/* SPDX-License-Identifier: MIT */
/*
 * portal/notify.h - what changed for a client since they last looked.
 *
 * The library writes a notification for the client at every event that
 * concerns them: a job's status changes, an estimate is sent, an invoice
 * issued, a payment recorded, a visit booked, changed or cancelled, the
 * technician on the way. The portal shows them with an unread count; the
 * client marks them read.
 */
#ifndef PORTAL_NOTIFY_H
#define PORTAL_NOTIFY_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/** One notification. Strings are never NULL. */
typedef struct portal_notification {
	portal_id id;
	portal_id client_id;
	portal_time at;
	/**
	 * "job.status", "estimate.sent", "invoice.issued", "payment.recorded",
	 * "appointment.booked", "appointment.changed", "appointment.cancelled",
	 * "tech.en_route", "request.resolved" (a request the client made was
	 * approved or rejected; the subject is the request).
	 */
	const char *kind;
	/** The record it is about (job, estimate, invoice, payment or visit id). */
	portal_id subject_id;
	/** One sentence for the customer, e.g. "Invoice 10231 was issued: $135.60." */
	const char *text;
	portal_time read_at;    /**< 0 while unread */
} portal_notification;

/**
 * Call `cb` for each notification of `client_id`, newest first; only the
 * unread ones when `unread_only`. At most `limit` (0: all). Valid during
 * the call; a non-zero return stops the walk and is returned.
 */
PORTAL_EXTERN(int) portal_notification_foreach(portal *p, portal_id client_id,
	int unread_only, int limit,
	int (*cb)(const portal_notification *n, void *ctx), void *ctx);

/** The notifications of `client_id` (as foreach) as a JSON array into `out`. */
PORTAL_EXTERN(int) portal_notification_list_json(portal_buf *out, portal *p,
	portal_id client_id, int unread_only, int limit);

/** How many notifications of `client_id` are unread, into `*count`. */
PORTAL_EXTERN(int) portal_notification_unread(int64_t *count, portal *p, portal_id client_id);

/**
 * Mark the notifications of `client_id` read now: those up to and
 * including id `up_to`, or all with 0. Marking twice changes nothing.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (no such client)
 */
PORTAL_EXTERN(int) portal_notification_mark_read(portal *p, portal_id client_id,
	portal_id up_to);

PORTAL_END_DECL

#endif
