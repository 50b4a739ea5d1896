/* SPDX-License-Identifier: MIT */
/*
 * outbox_queue.h - the messages other modules put in the outbox, and the
 * parts of the outbox its own modules share.
 *
 * Each entry point renders its message in full (email or SMS, by the
 * client's contact details and SMS consent) and queues it, joining the
 * caller's transaction so that the event and its message land together.
 * A client without a way to reach them gets nothing queued, which is not
 * an error.
 */
#ifndef PORTAL_OUTBOX_QUEUE_H
#define PORTAL_OUTBOX_QUEUE_H

#include "internal.h"

/* "email" or "sms": how the shop asked a link to be sent. */
int pt_outbox_access_link(portal *p, portal_id client_id, const char *url,
	portal_time expires_at, const char *channel);
/* The technician is on the way to visit `a`. */
int pt_outbox_on_my_way(portal *p, const portal_appointment *a);
/* Estimate `e`, as portal_estimate_get() completes it, was sent and
 * waits for an answer. */
int pt_outbox_estimate_ready(portal *p, const portal_estimate *e);
/* Invoice `inv`, as portal_invoice_get() completes it, was issued. */
int pt_outbox_invoice_ready(portal *p, const portal_invoice *inv);
/* The shop answered in the chat: message `message_id` of `client_id`. */
int pt_outbox_chat_reply(portal *p, portal_id client_id, portal_id message_id);
/* Visit `a` was booked: the confirmation, with its booking number. */
int pt_outbox_booked(portal *p, const portal_appointment *a);
/* The number a booking confirmation prints for visit `a`, which a lookup
 * takes with the house number: "J" and the job's id, or "V" and the
 * visit's when it has no job. */
void pt_booking_number(char *buf, size_t len, const portal_appointment *a);
/* Tomorrow's visit `a` (outbox_reminders.c walks the visits). */
int pt_outbox_reminder(portal *p, const portal_appointment *a);

/*
 * Can `channel` ("email" or "sms") reach client `client_id` now? Email
 * needs the client's address and the shop's; SMS a phone, the client's
 * consent and a gateway command. PORTAL_OK, or PORTAL_ERULE saying what
 * is missing (for a caller that must refuse, such as sending a link), or
 * PORTAL_ENOTFOUND.
 */
int pt_outbox_can_reach(portal *p, portal_id client_id, const char *channel);
/* The same for a client in hand: NULL when it can, else why not. */
const char *pt_outbox_unreachable(portal *p, const portal_client *c, const char *channel);

/* A message to queue: `subject` is for email only. */
typedef struct pt_outbox_draft {
	portal_id client_id;        /* 0: none */
	const char *kind;
	portal_id subject_id;
	const char *channel;        /* "email" or "sms" */
	const char *to_name;        /* email: the client's name */
	const char *recipient;      /* the address or E.164 number */
	const char *subject;
	const char *text;           /* the body in plain words, '\n' line ends */
} pt_outbox_draft;

/* Render `d` in full and queue it now, an SMS held past the quiet hours
 * unless it answers the customer (an sms_* kind). `id` may be NULL. */
int pt_outbox_queue(portal_id *id, portal *p, const pt_outbox_draft *d);

/* Answers to the customer's own SMS: sent in quiet hours; STOP's
 * confirmation and HELP's answer also without consent. */
int pt_outbox_is_reply(const char *kind);
int pt_outbox_needs_consent(const char *kind);

/* The email `d` as a whole RFC 5322 message, CRLF line ends, into `out`. */
int pt_email_render(portal_buf *out, portal *p, const pt_outbox_draft *d);

/* The end of the quiet hours when `t` falls in them, else `t` (sms.c). */
int pt_sms_quiet_end(portal_time *out, portal *p, portal_time t);

/* A domain of the shop's for Message-ID and UID: the shop's email's, else
 * the portal address's host, else "localhost". The caller frees it. */
int pt_shop_domain(char **out, portal *p);

#endif
