/* SPDX-License-Identifier: MIT */
/*
 * portal/chat.h - the chat between a client and the shop, and the requests
 * a client makes for the shop to resolve.
 *
 * Chat: the client writes from the portal (portal/customer.h), the shop
 * answers from the CLI or its own software. A message is 1..2000
 * characters (code points) after cleaning: control characters are
 * removed, newlines kept ("\r\n" becomes "\n"), the spaces around the
 * text trimmed. Each side has its own unread count: the shop's are the
 * client's messages it has not marked read, the client's are the shop's.
 *
 * Requests: a client cannot change their records directly. They ask
 * (portal/customer.h), the request is validated at once with the rules
 * the shop's own change would meet, and the shop approves or rejects it:
 *
 *  - "profile": a new name, email, phone or service address. Approving
 *    applies it in one transaction; a new email or phone also ends the
 *    client's other portal sessions.
 *  - "appointment": a problem and one to three preferred arrival windows.
 *    Approving confirms one window: the appointment is booked with it.
 *  - "warranty_callback": the same for a return visit on a repaired job
 *    whose warranty still runs when the client asks; the visit is linked
 *    to that job.
 *  - "estimate": a new estimate in place of an expired one of the client
 *    (the expired one's number). Approving tells the client the shop will
 *    send a new one, which the shop then makes (portal_estimate_add()).
 *
 * Rejecting needs a reason, which the client reads. A request is resolved
 * once. The client is notified of either answer (portal/notify.h, kind
 * "request.resolved").
 */
#ifndef PORTAL_CHAT_H
#define PORTAL_CHAT_H

#include "common.h"
#include "buf.h"
#include "client.h"

PORTAL_BEGIN_DECL

/** The longest chat message, in characters (code points). */
#define PORTAL_CHAT_MAX 2000

/* ---- chat ---------------------------------------------------------- */

/** One chat message. Strings are never NULL. */
typedef struct portal_chat_message {
	portal_id id;
	portal_id client_id;
	portal_time at;
	int from_shop;          /**< 1: the shop wrote it; 0: the client */
	const char *body;
	portal_time read_at;    /**< when the other side read it; 0 unread */
} portal_chat_message;

/**
 * The shop answers client `client_id` with `text` (cleaned as above). The
 * reply is queued for the client in the outbox too, in the same
 * transaction. `out` (may be NULL) receives the message's id.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (client), PORTAL_EINVAL (empty, too long)
 */
PORTAL_EXTERN(int) portal_chat_reply(portal_id *out, portal *p, portal_id client_id,
	const char *text);

/**
 * Call `cb` for each message of client `client_id` with an id greater than
 * `since_id` (0: all), oldest first. The message is valid during the
 * call; a non-zero return stops the walk and is returned.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (client), PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_chat_foreach(portal *p, portal_id client_id, portal_id since_id,
	int (*cb)(const portal_chat_message *m, void *ctx), void *ctx);

/** The messages of portal_chat_foreach() as a JSON array, into `out`. */
PORTAL_EXTERN(int) portal_chat_list_json(portal_buf *out, portal *p, portal_id client_id,
	portal_id since_id);

/** Whose unread messages to count. */
typedef enum portal_chat_side {
	/** The client's messages the shop has not read. */
	PORTAL_CHAT_SHOP = 1,
	/** The shop's messages the client has not read. */
	PORTAL_CHAT_CLIENT = 2
} portal_chat_side;

/**
 * How many messages `side` has not read, into `*count`: of client
 * `client_id`, or with 0 and PORTAL_CHAT_SHOP, across every client.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (client), PORTAL_EINVAL (side, or no
 *         client for PORTAL_CHAT_CLIENT)
 */
PORTAL_EXTERN(int) portal_chat_unread(int64_t *count, portal *p, portal_id client_id,
	portal_chat_side side);

/**
 * The shop has read client `client_id`'s messages up to and including id
 * `up_to` (0: all). Marking twice changes nothing. For the client's own
 * side, see portal_customer_chat_mark_read().
 * @return PORTAL_OK, PORTAL_ENOTFOUND (client), PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_chat_mark_read(portal *p, portal_id client_id, portal_id up_to);

/** A client's conversation as the shop's list shows it. */
typedef struct portal_chat_conversation {
	portal_id client_id;
	const char *client_name;
	int64_t messages;       /**< every message, both sides */
	int64_t unread;         /**< the client's messages the shop has not read */
	portal_time last_at;    /**< the newest message */
} portal_chat_conversation;

/**
 * Call `cb` for each client with messages (only those with unread ones
 * when `unread_only`), newest conversation first. Valid during the call;
 * a non-zero return stops the walk and is returned.
 */
PORTAL_EXTERN(int) portal_chat_conversation_foreach(portal *p, int unread_only,
	int (*cb)(const portal_chat_conversation *c, void *ctx), void *ctx);

/** The conversations of portal_chat_conversation_foreach() as a JSON array. */
PORTAL_EXTERN(int) portal_chat_conversation_list_json(portal_buf *out, portal *p,
	int unread_only);

/* ---- requests ------------------------------------------------------ */

/** What a request asks. Values are stable. */
typedef enum portal_request_kind {
	PORTAL_REQUEST_PROFILE = 1,
	PORTAL_REQUEST_APPOINTMENT = 2,
	PORTAL_REQUEST_WARRANTY_CALLBACK = 3,
	/** A new estimate in place of an expired one. */
	PORTAL_REQUEST_ESTIMATE = 4
} portal_request_kind;

/** "profile", "appointment", "warranty_callback", "estimate"; NULL if
 * unknown. */
PORTAL_EXTERN(const char *) portal_request_kind_name(portal_request_kind k);

/** Where a request stands. Values are stable. */
typedef enum portal_request_status {
	PORTAL_REQUEST_OPEN = 1,
	PORTAL_REQUEST_APPROVED = 2,    /**< approved, or a window confirmed */
	PORTAL_REQUEST_REJECTED = 3     /**< rejected, or declined */
} portal_request_status;

/** "open", "approved", "rejected"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_request_status_name(portal_request_status s);

/** The most preferred windows an appointment request may give. */
#define PORTAL_REQUEST_WINDOWS 3

/** A preferred arrival window: start before end, in the future, at most
 * 12 hours long (the rule of portal_appointment_add()). */
typedef struct portal_request_window {
	portal_time start;
	portal_time end;
} portal_request_window;

/** What a client asks for a visit (portal_customer_request_appointment(),
 * portal_customer_request_warranty_callback()). */
typedef struct portal_visit_request {
	unsigned int version;
	/** The problem in the customer's words; 1..2000 characters. */
	const char *problem;
	/** How many of `windows` are given: 1..PORTAL_REQUEST_WINDOWS. */
	size_t window_count;
	/** By preference, the first the most wanted. */
	portal_request_window windows[PORTAL_REQUEST_WINDOWS];
} portal_visit_request;

#define PORTAL_VISIT_REQUEST_VERSION 1
#define PORTAL_VISIT_REQUEST_INIT \
	{ PORTAL_VISIT_REQUEST_VERSION, NULL, 0, { { 0, 0 }, { 0, 0 }, { 0, 0 } } }

/** What a client asks to change in their profile
 * (portal_customer_request_profile()). At least one change is asked. */
typedef struct portal_profile_change {
	unsigned int version;
	const char *name;       /**< NULL: unchanged */
	const char *email;      /**< NULL: unchanged; "" removes it */
	const char *phone;      /**< NULL: unchanged; "" removes it */
	/** The client's service address that `address` corrects; 0 adds
	 * `address` as a new service address. */
	portal_id address_id;
	/** The address's values (all of them); NULL: no address change. */
	const portal_address_fields *address;
} portal_profile_change;

#define PORTAL_PROFILE_CHANGE_VERSION 1
#define PORTAL_PROFILE_CHANGE_INIT { PORTAL_PROFILE_CHANGE_VERSION, NULL, NULL, NULL, 0, NULL }

/** A request as stored. Strings are never NULL. */
typedef struct portal_request {
	portal_id id;
	portal_id client_id;
	portal_request_kind kind;
	/** The repaired job of a warranty callback; else 0. */
	portal_id job_id;
	portal_request_status status;
	portal_time created_at;
	portal_time resolved_at;    /**< 0 while open */
	/** What the shop answered, for the client: "Approved: email changed.",
	 * the reason of a rejection; "" while open. */
	char *resolution;
	/** The appointment booked by approving it; 0 for none. */
	portal_id appointment_id;
	/** One line for people: "New email: a@example.com; new phone: ...". */
	char *summary;
	/** What was asked, as a JSON object whose fields depend on the kind
	 * (docs/rules.md). */
	char *content;
} portal_request;

/** Free a request returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_request_free(portal_request *r);

/**
 * Read request `id`. The caller frees `*out` with portal_request_free().
 * @return PORTAL_OK or PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_request_get(portal_request **out, portal *p, portal_id id);

/** Which requests a walk visits. */
typedef struct portal_request_filter {
	unsigned int version;
	portal_id client_id;    /**< 0: every client */
	int open_only;          /**< 1: only the open ones */
} portal_request_filter;

#define PORTAL_REQUEST_FILTER_VERSION 1
#define PORTAL_REQUEST_FILTER_INIT { PORTAL_REQUEST_FILTER_VERSION, 0, 1 }

/**
 * Call `cb` for each request matching `filter` (NULL: every open one),
 * oldest first. Valid during the call; a non-zero return stops the walk
 * and is returned.
 */
PORTAL_EXTERN(int) portal_request_foreach(portal *p, const portal_request_filter *filter,
	int (*cb)(const portal_request *r, void *ctx), void *ctx);

/** Request `id` as a JSON object (its content as an object), into `out`. */
PORTAL_EXTERN(int) portal_request_json(portal_buf *out, portal *p, portal_id id);

/** The requests matching `filter` as a JSON array, into `out`. */
PORTAL_EXTERN(int) portal_request_list_json(portal_buf *out, portal *p,
	const portal_request_filter *filter);

/**
 * Approve open request `id`: apply a profile change, or book the
 * appointment of window `window` (1..3) of an appointment request or
 * warranty callback (`window` must be 0 for a profile change and for a
 * new estimate, whose approval tells the client one is coming). Everything
 * is one transaction with the request's resolution: a part that fails
 * leaves nothing changed.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL (window; a change
 *         that no longer passes validation), PORTAL_ERULE (resolved
 *         already, the window has started)
 */
PORTAL_EXTERN(int) portal_request_approve(portal *p, portal_id id, int window);

/**
 * Reject (decline) open request `id` with `reason` (1..500 characters),
 * which the client reads.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_ERULE (resolved)
 */
PORTAL_EXTERN(int) portal_request_reject(portal *p, portal_id id, const char *reason);

PORTAL_END_DECL

#endif
