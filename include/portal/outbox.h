/* SPDX-License-Identifier: MIT */
/*
 * portal/outbox.h - every email and SMS the shop sends, and the customer's
 * SMS choices.
 *
 * The library writes a message into the outbox with the event that causes
 * it (an access link sent, a visit booked, the technician on the way, a
 * visit tomorrow, an estimate or invoice ready, the shop's answer in the
 * chat), rendered in full, each with a secure link of its own to the page
 * it is about (portal/access.h), whose token the outbox forgets once the
 * message is delivered: an email is a complete RFC 5322 message in UTF-8 plain text, an
 * SMS its text with the number of segments it takes. Delivery is a
 * separate step, run by the shop (`portal outbox deliver`, e.g. from
 * cron): email goes through a sendmail-compatible program, SMS through a
 * gateway command. A failed delivery is retried later with a growing
 * delay; messages are kept after delivery and never sent twice.
 *
 * SMS goes only to clients who agreed to it, checked when the message is
 * queued and again when it is delivered, and never in the shop's quiet
 * hours (held until they end). Replies to the shop's number go through
 * portal_sms_inbound(): STOP and its synonyms opt out, START opts back in,
 * HELP answers with the shop's name and phone.
 */
#ifndef PORTAL_OUTBOX_H
#define PORTAL_OUTBOX_H

#include "common.h"
#include "buf.h"
#include "access.h"

PORTAL_BEGIN_DECL

/** Where a message stands. Values are stored: never renumber. */
typedef enum portal_outbox_status {
	PORTAL_OUTBOX_PENDING = 1,    /**< waiting for delivery, or for a retry */
	PORTAL_OUTBOX_DELIVERED = 2,  /**< handed to the program, once */
	PORTAL_OUTBOX_FAILED = 3,     /**< every attempt failed; kept, not retried */
	PORTAL_OUTBOX_SKIPPED = 4     /**< not sent: the client withdrew SMS consent */
} portal_outbox_status;

/** "pending", "delivered", "failed", "skipped"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_outbox_status_name(portal_outbox_status s);

/** One message of the outbox. Strings are never NULL. */
typedef struct portal_outbox_message {
	portal_id id;
	portal_id client_id;        /**< 0: none (a reply to an unknown number) */
	char *channel;              /**< "email" or "sms" */
	/**
	 * "access_link", "appointment_booked", "on_my_way",
	 * "appointment_reminder", "estimate_ready",
	 * "invoice_ready", "chat_reply", and the answers to inbound SMS
	 * "sms_opt_out", "sms_opt_in", "sms_help".
	 */
	char *kind;
	/** The record it is about (appointment, estimate, invoice, chat
	 * message, access link); 0 for none. */
	portal_id subject_id;
	char *recipient;            /**< an email address, or an E.164 number */
	/** The whole message: the RFC 5322 email with CRLF line ends, or the
	 * SMS text. */
	char *message;
	int segments;               /**< SMS segments; 0 for email */
	portal_outbox_status status;
	portal_time created_at;
	/** Not delivered before this: quiet hours and retries move it. */
	portal_time not_before;
	int attempts;               /**< failed attempts so far */
	char *last_error;           /**< why the last attempt failed or was skipped */
	portal_time delivered_at;   /**< 0 until delivered */
} portal_outbox_message;

/** Which messages a walk visits. */
typedef enum portal_outbox_filter {
	PORTAL_OUTBOX_ALL = 0,
	PORTAL_OUTBOX_ONLY_PENDING = 1,   /**< still to deliver (retries included) */
	PORTAL_OUTBOX_ONLY_FAILED = 2     /**< failed for good, or skipped */
} portal_outbox_filter;

/**
 * Call `cb` for each message matching `filter`, newest first; valid only
 * during the call. A non-zero return from `cb` stops the walk and is
 * returned.
 */
PORTAL_EXTERN(int) portal_outbox_foreach(portal *p, portal_outbox_filter filter,
	int (*cb)(const portal_outbox_message *m, void *ctx), void *ctx);

/** The messages matching `filter` as a JSON array (without their full
 * text) into `out`; the caller disposes it. */
PORTAL_EXTERN(int) portal_outbox_list_json(portal_buf *out, portal *p,
	portal_outbox_filter filter);

/**
 * Read message `id`. The caller frees `*out` with
 * portal_outbox_message_free(). @return PORTAL_OK or PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_outbox_get(portal_outbox_message **out, portal *p, portal_id id);

/** Free a message returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_outbox_message_free(portal_outbox_message *m);

/** Message `id` as a JSON object with its full text into `out`; the
 * caller disposes it. @return PORTAL_OK or PORTAL_ENOTFOUND */
PORTAL_EXTERN(int) portal_outbox_json(portal_buf *out, portal *p, portal_id id);

/** What one delivery run did. */
typedef struct portal_outbox_report {
	int delivered;   /**< handed over: the program exited 0 */
	int failed;      /**< attempts that failed (retried later unless it was the last) */
	int held;        /**< SMS due in quiet hours, moved to their end */
	int skipped;     /**< SMS to clients who withdrew their consent */
} portal_outbox_report;

/**
 * Deliver every message that is due (pending, not_before <= now): email
 * through `<sendmail_path> -t -i` with the message on its standard input,
 * SMS through `sms_gateway_command` (split on spaces, the number added as
 * the last argument, the text on standard input); exit status 0 means
 * delivered. No shell is involved. Each message is claimed, sent and
 * marked in one transaction, so two runs never send one message twice.
 *
 * A failure adds an attempt, records the error and retries after
 * `outbox_retry_minutes` doubling at each attempt (at most
 * `outbox_retry_max_minutes`); after `outbox_max_attempts` the message is
 * failed and kept. An SMS whose client withdrew consent is skipped; one
 * due in quiet hours is held until they end. `out` (may be NULL) receives
 * the counts. A failing program is not an error of this call.
 * @return PORTAL_OK, PORTAL_ESTORE
 */
PORTAL_EXTERN(int) portal_outbox_deliver(portal_outbox_report *out, portal *p);

/**
 * Queue the reminder of every visit of tomorrow (the shop's day), once per
 * visit: running it again queues nothing new. Cancelled and finished
 * visits get none. SMS when the client agreed to it, else email; clients
 * without either get none. `queued` (may be NULL) receives how many were
 * queued now.
 * @return PORTAL_OK, PORTAL_ESTORE
 */
PORTAL_EXTERN(int) portal_outbox_queue_reminders(int *queued, portal *p);

/* ---- SMS --------------------------------------------------------------- */

/** How an SMS text is encoded on the air. */
typedef enum portal_sms_encoding {
	PORTAL_SMS_GSM7 = 1,   /**< GSM 03.38: 160 characters, 153 per part */
	PORTAL_SMS_UCS2 = 2    /**< UTF-16: 70 code units, 67 per part */
} portal_sms_encoding;

/**
 * The number of SMS segments `text` (UTF-8) takes: GSM 7-bit when every
 * character is in the GSM 03.38 basic or extension table (an extension
 * character such as '{' or the euro sign counts as two), UCS-2 otherwise
 * (counting UTF-16 code units: an emoji counts two). 160 GSM characters
 * are one segment, 161 two; 70 UCS-2 units one, 71 two. An escape pair
 * or a surrogate pair is never split between parts. `encoding` (may be
 * NULL) receives the encoding.
 * @return the count (1 for ""), or -1 when `text` is NULL or not UTF-8
 */
PORTAL_EXTERN(int) portal_sms_segments(const char *text, portal_sms_encoding *encoding);

/** What portal_sms_inbound() did. */
typedef enum portal_sms_action {
	PORTAL_SMS_IGNORED = 0,   /**< not a keyword, or an unknown number */
	PORTAL_SMS_OPTED_OUT = 1, /**< STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT */
	PORTAL_SMS_OPTED_IN = 2,  /**< START, UNSTOP */
	PORTAL_SMS_HELP = 3       /**< HELP */
} portal_sms_action;

/** The answer to an inbound SMS. */
typedef struct portal_sms_inbound_result {
	portal_sms_action action;
	portal_id client_id;        /**< the client of that number; 0: unknown */
	portal_id reply_id;         /**< the outbox message queued; 0: none */
	char reply[480];            /**< its text; "" when there is none */
} portal_sms_inbound_result;

/**
 * Handle an SMS the shop received from `from_number` (as the gateway
 * gives it) with text `body`. A keyword is the whole message, trimmed,
 * in any case. STOP, STOPALL, UNSUBSCRIBE, CANCEL, END and QUIT withdraw
 * the SMS consent of every client with that number and queue one
 * confirmation (the only SMS ever sent after an opt-out); START and UNSTOP
 * give it back, with a confirmation; HELP queues the shop's name and
 * phone. Replies are not held by quiet hours: the customer just wrote. An
 * unknown number changes nothing and gets an answer only to HELP. Other
 * text is ignored (the shop's chat is in the portal). Each change of
 * consent is logged.
 * @return PORTAL_OK, PORTAL_EINVAL (not a phone number, no body)
 */
PORTAL_EXTERN(int) portal_sms_inbound(portal_sms_inbound_result *out, portal *p,
	const char *from_number, const char *body);

/**
 * The customer in session `s` turns SMS on (1) or off (0) in the portal.
 * Turning it on needs a phone number on file. Logged with the session's
 * address.
 * @return PORTAL_OK, PORTAL_EINVAL (no session, `on` not 0 or 1),
 *         PORTAL_ENOTFOUND (no such client), PORTAL_ERULE (no phone)
 */
PORTAL_EXTERN(int) portal_customer_sms_consent(portal *p, const portal_session *s, int on);

PORTAL_END_DECL

#endif
