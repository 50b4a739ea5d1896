/* SPDX-License-Identifier: MIT */
/*
 * session.h - what lookups, links and the client's switches share about
 * sessions (private header; the public side is portal/access.h).
 */
#ifndef PORTAL_SESSION_H
#define PORTAL_SESSION_H

#include "internal.h"

/* The source of a request as recorded: "" for none, cut to fit the
 * session's `source` field. */
void pt_source_copy(char out[64], const char *source);

/*
 * Open a session for client `client_id`, limited to job `job_id` (0: the
 * whole client), opened by link `link_id` (0: a lookup), from `source`.
 * Logs session.open. Joins the caller's transaction; *out is set only
 * when everything succeeded, and the caller frees it.
 */
int pt_session_open(portal_session **out, portal *p, portal_id client_id,
	portal_id job_id, portal_id link_id, const char *source);

/*
 * End the open sessions of client `client_id` (only those opened by link
 * `link_id` unless it is 0; all but session `keep` unless it is 0) for
 * `reason` ("revoked", "access_off", "contact_changed"), logging
 * session.end for each. Joins the caller's transaction.
 */
int pt_sessions_end(portal *p, portal_id client_id, portal_id link_id, portal_id keep,
	const char *reason);

/* Refuse with `code` because the client's access is off: the message
 * asks the customer to call the shop, with its phone number when set. */
int pt_access_off(portal *p, int code);

#endif
