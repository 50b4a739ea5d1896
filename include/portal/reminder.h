/* SPDX-License-Identifier: MIT */
/*
 * portal/reminder.h - service reminders: the next service due per asset.
 *
 * A reminder is due every `interval_days` after the service was last done
 * (or after the day the reminder was created, before the first service),
 * or on a set date; with both, the set date holds until the service is
 * done on or after it, then the interval takes over. With a set date
 * only, nothing is due once the service was done on or after it: next_due
 * is "" and the reminder leaves the due-soon lists. Days are calendar
 * days in the shop's zone.
 */
#ifndef PORTAL_REMINDER_H
#define PORTAL_REMINDER_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/** Values of a new reminder. At least one of interval_days and due_on. */
typedef struct portal_reminder_fields {
	unsigned int version;
	portal_id asset_id;         /**< required */
	const char *description;    /**< "Clean the dryer vent"; 1..200 characters */
	int interval_days;          /**< 0 for none; else 1..3660 */
	const char *due_on;         /**< "2027-03-01"; NULL or "" for none */
} portal_reminder_fields;

#define PORTAL_REMINDER_FIELDS_VERSION 1
#define PORTAL_REMINDER_FIELDS_INIT { PORTAL_REMINDER_FIELDS_VERSION, 0, NULL, 0, NULL }

/** A stored reminder with its next due date. Strings are never NULL. */
typedef struct portal_reminder {
	portal_id id;
	portal_id asset_id;
	portal_id client_id;        /**< the asset's owner */
	char *asset_label;          /**< "Whirlpool WRF555SDFZ" */
	char *description;
	int interval_days;
	char *due_on;               /**< the set date; "" for none */
	char *last_done_on;         /**< "" before the first service */
	char next_due[11];          /**< "2027-03-01"; "" when nothing is due */
	/** Days from today (shop zone) to next_due: negative when overdue
	 * (0 when nothing is due). */
	int days_left;
} portal_reminder;

/** Add a reminder. @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL */
PORTAL_EXTERN(int) portal_reminder_add(portal_id *out, portal *p,
	const portal_reminder_fields *f);

/**
 * Record that reminder `id`'s service was done on local date `on` ("" or
 * NULL: today); not in the future. It replaces the date recorded before.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_reminder_done(portal *p, portal_id id, const char *on);

/** Read reminder `id`; free with portal_reminder_free(). */
PORTAL_EXTERN(int) portal_reminder_get(portal_reminder **out, portal *p, portal_id id);

/** Reminder `id` with its next due date as a JSON object. */
PORTAL_EXTERN(int) portal_reminder_json(portal_buf *out, portal *p, portal_id id);

/** Free a reminder returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_reminder_free(portal_reminder *r);

/**
 * Call `cb` for each reminder of `client_id` (0: all) due within
 * `within_days` days from today (negative: every reminder, those with
 * nothing due last), overdue ones included, soonest first; valid only
 * during the call.
 */
PORTAL_EXTERN(int) portal_reminder_foreach(portal *p, portal_id client_id, int within_days,
	int (*cb)(const portal_reminder *r, void *ctx), void *ctx);

/** The same reminders as a JSON array. */
PORTAL_EXTERN(int) portal_reminder_list_json(portal_buf *out, portal *p,
	portal_id client_id, int within_days);

PORTAL_END_DECL

#endif
