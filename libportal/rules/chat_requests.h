/* SPDX-License-Identifier: MIT */
/*
 * chat_requests.h - what a customer's session writes into the chat and the
 * requests (customer.c checks the session, these do the work).
 */
#ifndef PORTAL_CHAT_REQUESTS_H
#define PORTAL_CHAT_REQUESTS_H

#include "internal.h"

/* Client `client_id` writes `text` in the chat from `source`. */
int pt_chat_post(portal_id *out, portal *p, portal_id client_id, const char *text,
	const char *source);

/* Client `client_id` read the shop's messages up to `up_to` (0: all). */
int pt_chat_client_read(portal *p, portal_id client_id, portal_id up_to);

/* Client `client_id`, in session `session_id` from `source`, asks for
 * the profile change `c`. */
int pt_request_profile(portal_id *out, portal *p, portal_id client_id,
	portal_id session_id, const portal_profile_change *c, const char *source);

/* Client `client_id` asks for a visit: a new one (kind appointment, job
 * 0) or a warranty callback on repaired job `job_id`. */
int pt_request_visit(portal_id *out, portal *p, portal_id client_id,
	portal_request_kind kind, portal_id job_id, const portal_visit_request *r,
	const char *source);

/* Client of expired estimate `e` asks, from `source`, for a new one. */
int pt_request_estimate(portal_id *out, portal *p, const portal_estimate *e,
	const char *source);

/* `*asked`: 1 when a new estimate in place of `e` is asked and the shop
 * has not answered yet. */
int pt_estimate_renewal_asked(int *asked, portal *p, const portal_estimate *e);

#endif
