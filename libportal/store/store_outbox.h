/* SPDX-License-Identifier: MIT */
/*
 * store_outbox.h - storage of the outbox, and the few reads and writes of
 * clients and chat messages that email and SMS need.
 */
#ifndef PORTAL_STORE_OUTBOX_H
#define PORTAL_STORE_OUTBOX_H

#include "store.h"

/* A new message from `m` (its id, status and delivery fields ignored:
 * it starts pending, without attempts). */
int pt_store_outbox_insert(portal_id *out, portal *p, const portal_outbox_message *m);
int pt_store_outbox_get(portal_outbox_message **out, portal *p, portal_id id);
int pt_store_outbox_foreach(portal *p, portal_outbox_filter filter,
	int (*cb)(const portal_outbox_message *m, void *ctx), void *ctx);
/* The ids of the pending messages due at `now`, oldest due first, into a
 * malloc'ed array the caller frees. */
int pt_store_outbox_due(portal_id **ids, size_t *n, portal *p, portal_time now);
/* Has a message of `kind` about `subject_id` been queued? */
int pt_store_outbox_exists(int *out, portal *p, const char *kind, portal_id subject_id);

/* Ends of an attempt. Each changes only a message still pending. */
int pt_store_outbox_delivered(portal *p, portal_id id, portal_time at);
int pt_store_outbox_failed(portal *p, portal_id id, const char *error,
	portal_time retry_at, int give_up);
/* Replace the text of message `id` (a link's token taken out). */
int pt_store_outbox_set_message(portal *p, portal_id id, const char *message);
int pt_store_outbox_hold(portal *p, portal_id id, portal_time until);
int pt_store_outbox_skip(portal *p, portal_id id, const char *reason);

/* The text of chat message `message_id` of client `client_id`. */
int pt_store_chat_body(char **out, portal *p, portal_id client_id, portal_id message_id);

/* The first client (lowest id) whose phone is `phone` (E.164); 0: none. */
int pt_store_client_by_phone(portal_id *out, portal *p, const char *phone);
/* Set the SMS consent of every client with `phone`, or of one client. */
int pt_store_sms_consent_by_phone(portal *p, const char *phone, int on, portal_time at);
int pt_store_sms_consent_set(portal *p, portal_id client_id, int on, portal_time at);

#endif
