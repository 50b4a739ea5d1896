/*
 * outbox_queue.h - the messages other modules put in the outbox.
 *
 * Each renders its message in full (email and/or SMS, by the client's
 * contact details and SMS consent) and queues it, joining the caller's
 * transaction so that the event and its message land together. A client
 * without a way to reach them gets nothing queued, which is not an error.
 */
#ifndef PORTAL_OUTBOX_QUEUE_H
#define PORTAL_OUTBOX_QUEUE_H

#include "internal.h"

/* "email" or "sms": how the shop asked a link to be sent. */
int pt_outbox_access_link(portal *p, portal_id client_id, const char *url,
	portal_time expires_at, const char *channel);
/* The technician is on the way to visit `appointment_id`. */
int pt_outbox_on_my_way(portal *p, portal_id appointment_id);
/* Estimate `estimate_id` was sent and waits for an answer. */
int pt_outbox_estimate_ready(portal *p, portal_id estimate_id);
/* Invoice `invoice_id` was issued. */
int pt_outbox_invoice_ready(portal *p, portal_id invoice_id);
/* The shop answered in the chat: message `message_id` of `client_id`. */
int pt_outbox_chat_reply(portal *p, portal_id client_id, portal_id message_id);

#endif
