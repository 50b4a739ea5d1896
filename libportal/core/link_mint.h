/* SPDX-License-Identifier: MIT */
/*
 * link_mint.h - making a secure link (private header): the one place a
 * link's token is drawn, hashed and stored, for the shop's own links
 * (rules/link.c) and for the links every message to a client carries
 * (messages/outbox_queue.c), which are made below the rules.
 */
#ifndef PORTAL_LINK_MINT_H
#define PORTAL_LINK_MINT_H

#include "internal.h"

/*
 * Make a link for client `l->client_id`, limited to `l->job_id` when it is
 * not 0 (a job of that client), expiring `days` days from today (0: the
 * shop's link_days), and log it. `l` gets its expiry, `*id` its id, and
 * `url` the portal's address + "/k/" + the token, then "/" + `landing`
 * when `landing` is not NULL or "" (the page it opens). Joins the
 * caller's transaction; the URL is the customer's secret: the caller
 * wipes it. PORTAL_EDENIED when the client's access is off.
 */
int pt_link_mint(portal_buf *url, portal_id *id, portal *p, portal_link *l, int days,
	const char *landing);

/* The portal's address as customers reach it, without a trailing '/'.
 * The caller frees it. */
int pt_portal_base(char **out, portal *p);

#endif
