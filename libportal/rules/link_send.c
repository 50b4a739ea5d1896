/* SPDX-License-Identifier: MIT */
/*
 * link_send.c - a secure link that goes straight from the library to the
 * customer's inbox or phone, so that the shop never sees the URL.
 */
#include "internal.h"
#include "outbox_queue.h"
#include "store.h"
#include "store_access.h"

#include <sodium.h>
#include <string.h>

int portal_link_send(portal_id *id, portal *p, portal_id client_id,
	const portal_link_fields *f, const char *channel)
{
	portal_buf url = PORTAL_BUF_INIT;
	portal_link l;
	portal_id link_id = 0;
	int err;

	if (channel == NULL || (strcmp(channel, "email") != 0 && strcmp(channel, "sms") != 0))
		return pt_error(p, PORTAL_EINVAL, "channel", "a link is sent by email or sms");
	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_outbox_can_reach(p, client_id, channel)) == 0 &&
	    (err = portal_link_create(&url, &link_id, p, client_id, f)) == 0 &&
	    (err = pt_store_link_get(&l, p, link_id)) == 0)
		err = pt_outbox_access_link(p, client_id, url.ptr, l.expires_at, channel);
	err = pt_store_end(p, err);
	/* The URL is the customer's secret: it leaves memory wiped. */
	if (url.ptr != NULL)
		sodium_memzero(url.ptr, url.size);
	portal_buf_dispose(&url);
	if (err == 0 && id != NULL)
		*id = link_id;
	return err;
}
