/* SPDX-License-Identifier: MIT */
/*
 * store_chat.h - storage of chat messages, client requests, and what
 * approving a request touches beyond them (ending sessions).
 */
#ifndef PORTAL_STORE_CHAT_H
#define PORTAL_STORE_CHAT_H

#include "store.h"

/* Chat messages. */
int pt_store_chat_insert(portal_id *out, portal *p, portal_id client_id, int from_shop,
	const char *body, portal_time at);
int pt_store_chat_foreach(portal *p, portal_id client_id, portal_id since_id,
	int (*cb)(const portal_chat_message *m, void *ctx), void *ctx);
/* Messages written by the side `from_shop` that the other has not read;
 * every client's when `client_id` is 0. */
int pt_store_chat_unread(int64_t *count, portal *p, portal_id client_id, int from_shop);
/* The other side read the messages `from_shop` wrote, up to `up_to` (0: all). */
int pt_store_chat_mark_read(portal *p, portal_id client_id, int from_shop,
	portal_id up_to, portal_time at);
int pt_store_chat_conversation_foreach(portal *p, int unread_only,
	int (*cb)(const portal_chat_conversation *c, void *ctx), void *ctx);

/* Requests. Records come with an empty summary; client_request.c writes it. */
int pt_store_request_insert(portal_id *out, portal *p, const portal_request *r);
int pt_store_request_get(portal_request **out, portal *p, portal_id id);
int pt_store_request_foreach(portal *p, const portal_request_filter *filter,
	int (*cb)(const portal_request *r, void *ctx), void *ctx);
/* Resolve request `id` if it is still open; PORTAL_ERULE when it is not. */
int pt_store_request_resolve(portal *p, portal_id id, portal_request_status status,
	const char *resolution, portal_id appointment_id, portal_time at);



#endif
