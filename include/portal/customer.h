/* SPDX-License-Identifier: MIT */
/*
 * portal/customer.h - what a customer does in the portal, in a session.
 *
 * These are the shop's functions (portal_estimate_decide(),
 * portal_appointment_cancel(), ...) behind the checks a customer needs:
 * the record must belong to the session's client and lie inside its job,
 * the section must be shown to the client, and the action is written to
 * the audit log with the session's source address. A record the session
 * may not see answers exactly as one that does not exist.
 */
#ifndef PORTAL_CUSTOMER_H
#define PORTAL_CUSTOMER_H

#include "common.h"
#include "access.h"
#include "line.h"
#include "appointment.h"
#include "chat.h"

PORTAL_BEGIN_DECL

/**
 * Approve or decline line `line_id` (0: every pending line) of estimate
 * `number` (as typed) in session `s`, with the customer's typed `name`.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EDENIED (estimates hidden),
 *         PORTAL_EINVAL, PORTAL_ERULE (expired, already decided)
 */
PORTAL_EXTERN(int) portal_customer_estimate_decide(portal *p, const portal_session *s,
	const char *number, portal_id line_id, portal_decision decision, const char *name);

/**
 * Ask the shop for a new estimate in place of expired estimate `number`
 * (as typed) of session `s`: a request of kind PORTAL_REQUEST_ESTIMATE
 * (portal/chat.h) the shop answers. `out` (may be NULL) receives its id.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EDENIED (estimates hidden),
 *         PORTAL_ERULE (not expired, or asked already and not answered)
 */
PORTAL_EXTERN(int) portal_customer_request_estimate(portal_id *out, portal *p,
	const portal_session *s, const char *number);

/**
 * What cancelling appointment `id` now would cost, for session `s`,
 * without changing anything (shown before the customer confirms).
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EDENIED, PORTAL_ERULE
 */
PORTAL_EXTERN(int) portal_customer_appointment_cancel_quote(portal_cancellation *out,
	portal *p, const portal_session *s, portal_id id);

/**
 * Cancel appointment `id` in session `s`, charging the late fee when it
 * applies; `out` (may be NULL) receives what applied.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EDENIED, PORTAL_ERULE
 */
PORTAL_EXTERN(int) portal_customer_appointment_cancel(portal_cancellation *out,
	portal *p, const portal_session *s, portal_id id);

/**
 * Appointment `id` of session `s` as an iCalendar file (portal/ics.h),
 * into `out` (the caller disposes it), for the customer's calendar.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (a visit the session may not see),
 *         PORTAL_EDENIED (appointments hidden)
 */
PORTAL_EXTERN(int) portal_customer_appointment_ics(portal_buf *out, portal *p,
	const portal_session *s, portal_id id);

/**
 * Write `text` to the shop in the chat of session `s` (cleaned and limited
 * as portal/chat.h says). `out` (may be NULL) receives the message's id.
 * @return PORTAL_OK, PORTAL_EDENIED (chat hidden), PORTAL_EINVAL (empty,
 *         too long, not UTF-8)
 */
PORTAL_EXTERN(int) portal_customer_chat_post(portal_id *out, portal *p,
	const portal_session *s, const char *text);

/**
 * The client of session `s` has read the shop's messages up to and
 * including id `up_to` (0: all). Views never mark anything read: the
 * front end calls this once the messages were shown.
 * @return PORTAL_OK, PORTAL_EDENIED (chat hidden), PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_customer_chat_mark_read(portal *p, const portal_session *s,
	portal_id up_to);

/**
 * The client of session `s` has read their notifications up to and
 * including id `up_to` (0: all).
 * @return PORTAL_OK, PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_customer_notifications_mark_read(portal *p,
	const portal_session *s, portal_id up_to);

/**
 * Ask the shop to change the profile of session `s`'s client (`c`: at
 * least one change; each value checked as the shop's own change would
 * be). `out` (may be NULL) receives the request's id. Approving a new
 * email or phone ends the client's sessions other than `s`.
 * @return PORTAL_OK, PORTAL_EINVAL naming the field
 */
PORTAL_EXTERN(int) portal_customer_request_profile(portal_id *out, portal *p,
	const portal_session *s, const portal_profile_change *c);

/**
 * Ask the shop for a visit: the problem and one to three preferred
 * windows (`v`). `out` (may be NULL) receives the request's id.
 * @return PORTAL_OK, PORTAL_EDENIED (appointments hidden), PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_customer_request_appointment(portal_id *out, portal *p,
	const portal_session *s, const portal_visit_request *v);

/**
 * Ask the shop for a return visit on repaired job `job_id` of session
 * `s`, under its warranty (`v` as for an appointment request).
 * @return PORTAL_OK, PORTAL_ENOTFOUND (a job the session may not see),
 *         PORTAL_EDENIED (appointments hidden), PORTAL_EINVAL,
 *         PORTAL_ERULE (not repaired, or the warranty has ended: the
 *         message says when)
 */
PORTAL_EXTERN(int) portal_customer_request_warranty_callback(portal_id *out, portal *p,
	const portal_session *s, portal_id job_id, const portal_visit_request *v);

PORTAL_END_DECL

#endif
