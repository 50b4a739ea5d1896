/* SPDX-License-Identifier: MIT */
/*
 * appointment_notice.h - telling the client what happened to their visit
 * (private header).
 *
 * Each function writes the client's notification (notify_log.h) for one
 * event of appointment `a`, as it was before the change, and joins the
 * caller's transaction: the change and what the client is told land
 * together or not at all.
 */
#ifndef LIBPORTAL_APPOINTMENT_NOTICE_H
#define LIBPORTAL_APPOINTMENT_NOTICE_H

#include "internal.h"

/* "Mon 23 Nov, 8:00 am–12:00 pm" in the shop's time, the year said when
 * it is not this year's; a window over midnight names both days.
 * PORTAL_EIO when the zone cannot be read. */
int pt_appointment_window_text(char *buf, size_t len, portal *p,
	const portal_appointment *a);

/* A technician's first name, the only part of it customers are shown,
 * into `buf`; "Your technician" for none. */
void pt_tech_first_name(char *buf, size_t len, const portal_tech *t);

/* "appointment.booked". */
int pt_notice_booked(portal *p, const portal_appointment *a);
/* "appointment.changed": technician `tech_id` now does the visit. */
int pt_notice_assigned(portal *p, const portal_appointment *a, portal_id tech_id);
/* The visit moved to `status`: "tech.en_route" (and the on-my-way
 * message in the outbox) or "appointment.changed". */
int pt_notice_status(portal *p, const portal_appointment *a,
	portal_appointment_status status);
/* "appointment.cancelled", with the late fee when one was charged. */
int pt_notice_cancelled(portal *p, const portal_appointment *a, portal_money fee);
/* "appointment.changed": the customer was missed, with the fee charged. */
int pt_notice_no_show(portal *p, const portal_appointment *a, portal_money fee);
/* "appointment.changed": the dispatcher expects the technician at `eta`. */
int pt_notice_eta(portal *p, const portal_appointment *a, portal_time eta);

#endif
