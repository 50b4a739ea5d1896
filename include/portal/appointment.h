/* SPDX-License-Identifier: MIT */
/*
 * portal/appointment.h - visits with an arrival window, and the rules of
 * cancelling and missing them.
 *
 * Cancellation: a cancellation at least `cancellation_notice_hours` (12)
 * hours before the window starts is free; exactly 12 hours before is free,
 * one second later is not. Hours are elapsed hours, so a night that
 * changes the clocks counts as the 23 or 25 hours it lasts. A later
 * cancellation charges the `late_cancellation_fee` ($60.00); a customer
 * missed or unreachable at the visit (a no-show, recorded by the shop)
 * charges the `no_show_fee` ($60.00). A fee lands on the client's account
 * once, as the line of a new invoice, issued and due on receipt; the
 * appointment remembers that invoice.
 *
 * Booking, assigning a technician, each status change, cancelling and a
 * no-show each write the client's notification (portal/notify.h) in the
 * same transaction as the change.
 */
#ifndef PORTAL_APPOINTMENT_H
#define PORTAL_APPOINTMENT_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/** A visit's state. Values are stored: never renumber. */
typedef enum portal_appointment_status {
	PORTAL_APPT_SCHEDULED = 1,
	PORTAL_APPT_CONFIRMED = 2,
	PORTAL_APPT_EN_ROUTE = 3,
	PORTAL_APPT_ARRIVED = 4,
	PORTAL_APPT_IN_PROGRESS = 5,
	PORTAL_APPT_COMPLETED = 6,
	PORTAL_APPT_CANCELLED = 7,
	PORTAL_APPT_NO_SHOW = 8
} portal_appointment_status;

/** "scheduled", "confirmed", "en_route", "arrived", "in_progress",
 * "completed", "cancelled", "no_show"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_appointment_status_name(portal_appointment_status s);

/** "Scheduled", "Confirmed", "En route", ...; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_appointment_status_label(portal_appointment_status s);

/** Parse a status as typed ("en-route", "No show"). @return 0 or -1 */
PORTAL_EXTERN(int) portal_appointment_status_parse(portal_appointment_status *out,
	const char *text);

/** Values of a new appointment. */
typedef struct portal_appointment_fields {
	unsigned int version;
	portal_id client_id;        /**< required */
	portal_id job_id;           /**< 0 for none; must be the client's */
	/** The address visited; 0: the job's, else the client's first. */
	portal_id address_id;
	portal_id technician_id;    /**< 0: not assigned yet; must be active */
	portal_time window_start;   /**< required */
	portal_time window_end;     /**< after the start, at most 12 hours later */
	const char *notes;          /**< NULL or up to 1000 characters */
} portal_appointment_fields;

#define PORTAL_APPOINTMENT_FIELDS_VERSION 1
#define PORTAL_APPOINTMENT_FIELDS_INIT \
	{ PORTAL_APPOINTMENT_FIELDS_VERSION, 0, 0, 0, 0, 0, 0, NULL }

/** A stored appointment. Strings are never NULL. */
typedef struct portal_appointment {
	portal_id id;
	portal_id client_id;
	portal_id job_id;
	portal_id address_id;
	portal_id technician_id;    /**< 0: not assigned */
	portal_time window_start;
	portal_time window_end;
	portal_appointment_status status;
	portal_time status_at;      /**< when the status last changed */
	portal_time cancelled_at;   /**< 0 unless cancelled */
	char *door_code;            /**< shown to the customer and the technician */
	char *notes;
	/** The invoice that charged a late cancellation or no-show; 0 for none. */
	portal_id fee_invoice_id;
} portal_appointment;

/** What cancelling would cost, or cost. */
typedef struct portal_cancellation {
	/** The last instant a cancellation is free: window start - notice. */
	portal_time free_until;
	int late;                   /**< 1 when the fee applies */
	portal_money fee;           /**< cents; 0 when free */
} portal_cancellation;

/**
 * Book an appointment (status "scheduled"; a door code is drawn).
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_appointment_add(portal_id *out, portal *p,
	const portal_appointment_fields *f);

/**
 * Assign technician `tech_id` (active) to appointment `id`.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_ERULE (closed)
 */
PORTAL_EXTERN(int) portal_appointment_assign(portal *p, portal_id id, portal_id tech_id);

/**
 * Move appointment `id` to `status` at `at` (0 for now). A visit moves
 * forward only (scheduled, confirmed, en route, arrived, in progress,
 * completed; steps may be skipped); cancelled, completed and no-show
 * visits do not change (PORTAL_ERULE). `at` may be neither in the future
 * nor before the previous change (PORTAL_EINVAL). Cancelling and no-shows
 * go through their own functions, which apply the fee rule: asking for
 * those statuses here is PORTAL_EINVAL.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_ERULE
 */
PORTAL_EXTERN(int) portal_appointment_set_status(portal *p, portal_id id,
	portal_appointment_status status, portal_time at);

/**
 * What cancelling appointment `id` at `at` (0 for now) costs, without
 * changing anything: the dry run the customer sees before confirming.
 * A scheduled, confirmed or en-route visit can be cancelled, even once
 * its window has started (late).
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_ERULE (already closed, or
 *         the technician has arrived)
 */
PORTAL_EXTERN(int) portal_appointment_cancel_quote(portal_cancellation *out, portal *p,
	portal_id id, portal_time at);

/**
 * Cancel appointment `id` now, charging the late fee when it applies (a
 * fee of 0 charges nothing); `out` (may be NULL) receives what applied.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_ERULE (already closed, or
 *         the technician has arrived)
 */
PORTAL_EXTERN(int) portal_appointment_cancel(portal_cancellation *out, portal *p,
	portal_id id);

/**
 * Record that the customer was missed at appointment `id`, charging the
 * no-show fee (a fee of 0 charges nothing); `fee` (may be NULL) receives
 * it. Only once the window has started, and only from scheduled,
 * confirmed, en route or arrived.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_ERULE
 */
PORTAL_EXTERN(int) portal_appointment_no_show(portal_money *fee, portal *p, portal_id id);

/**
 * Read appointment `id`. The caller frees `*out` with
 * portal_appointment_free(). @return PORTAL_OK or PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_appointment_get(portal_appointment **out, portal *p, portal_id id);

/** Free an appointment returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_appointment_free(portal_appointment *a);

/** Which appointments a walk visits. */
typedef struct portal_appointment_filter {
	portal_id client_id;        /**< 0: all */
	portal_id technician_id;    /**< 0: all */
	/** Windows overlapping [from, to): ending after `from`... */
	portal_time from;           /**< 0: no bound */
	portal_time to;             /**< ...and starting before `to`; 0: no bound */
} portal_appointment_filter;

/**
 * Narrow `filter` to the windows that overlap local day `day` of the shop
 * ("2026-11-23", or "today" for the shop's date now): sets `from` to the
 * day's first instant and `to` to the next day's, so a day of 23 or 25
 * hours counts as it is. Other fields are left as they were.
 * @return PORTAL_OK, PORTAL_EINVAL (not a date)
 */
PORTAL_EXTERN(int) portal_appointment_filter_day(portal_appointment_filter *filter,
	portal *p, const char *day);

/**
 * Call `cb` for each appointment matching `filter` (NULL: all), by window
 * start; valid only during the call. A non-zero return from `cb` stops the
 * walk and is returned.
 */
PORTAL_EXTERN(int) portal_appointment_foreach(portal *p,
	const portal_appointment_filter *filter,
	int (*cb)(const portal_appointment *a, void *ctx), void *ctx);

/**
 * Appointment `id` as a JSON object into `out` (the caller disposes it):
 * the record with its status name and label, the window in ISO 8601 shop
 * time, the client's name, the address, the technician's name (never the
 * phone), the door code, the fee invoice's number (null for none), and
 * "cancellation": what cancelling now would cost, {"free_until", "late",
 * "fee" (cents), "fee_text" ("60.00")}, or null when the visit can no
 * longer be cancelled.
 */
PORTAL_EXTERN(int) portal_appointment_json(portal_buf *out, portal *p, portal_id id);

/** The appointments matching `filter` (NULL: all) as a JSON array. */
PORTAL_EXTERN(int) portal_appointment_list_json(portal_buf *out, portal *p,
	const portal_appointment_filter *filter);

PORTAL_END_DECL

#endif
