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

PORTAL_END_DECL

#endif
