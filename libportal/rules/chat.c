/* SPDX-License-Identifier: MIT */
/*
 * chat.c - the chat between a client and the shop: cleaning what people
 * type, both sides' unread counts, and the shop's list of conversations.
 */
#include "chat_requests.h"
#include "audit_log.h"
#include "json.h"
#include "outbox_queue.h"
#include "store_chat.h"
#include "validate.h"

#include <stdlib.h>
#include <string.h>

/* Is code point `cp` a control character a message may not hold? Newlines
 * stay: people write paragraphs. */
static int is_control(uint32_t cp)
{
	return (cp < 0x20 && cp != '\n') || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

/* Drop the spaces and newlines at both ends of `s` (in place). */
static void trim(char *s)
{
	size_t start = strspn(s, " \n"), n = strlen(s);

	while (n > start && (s[n - 1] == ' ' || s[n - 1] == '\n'))
		n--;
	memmove(s, s + start, n - start);
	s[n - start] = '\0';
}

/*
 * The message as it is kept: valid UTF-8, control characters removed
 * ("\r\n" becomes "\n" since the "\r" goes), trimmed, 1..PORTAL_CHAT_MAX
 * code points. The caller frees *out.
 */
static int clean_message(char **out, portal *p, const char *in)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t len = strlen((const char *)s), w = 0, chars;
	char *clean = malloc(len + 1);

	*out = NULL;
	if (clean == NULL)
		return pt_oom(p);
	while (*s) {
		uint32_t cp;
		size_t n = pt_utf8_decode(s, &cp);

		if (n == 0) {
			free(clean);
			return pt_say(p, pt_error(p, PORTAL_EINVAL, "chat.text",
					"the message is not valid UTF-8"),
				"Your message has characters that cannot be read; please type it again");
		}
		if (!is_control(cp)) {
			memcpy(clean + w, s, n);
			w += n;
		}
		s += n;
	}
	clean[w] = '\0';
	trim(clean);
	chars = pt_utf8_length(clean);
	if (chars == 0 || chars > PORTAL_CHAT_MAX) {
		free(clean);
		return chars == 0
			? pt_say(p, pt_error(p, PORTAL_EINVAL, "chat.text", "the message is empty"),
				"Your message is empty; write something before sending it")
			: pt_say(p, pt_error(p, PORTAL_EINVAL, "chat.text",
					"a message is at most %d characters; this one has %zu",
					PORTAL_CHAT_MAX, chars),
				"Your message is %zu characters long; a message can have %d at most",
				chars, PORTAL_CHAT_MAX);
	}
	*out = clean;
	return PORTAL_OK;
}

static int check_client(portal *p, portal_id client_id)
{
	portal_client *c = NULL;
	int err = pt_store_client_get(&c, p, client_id);

	portal_client_free(c);
	return err;
}

/* Write a message of either side; the shop's reply also goes out by the
 * outbox, in the same transaction. */
static int post(portal_id *out, portal *p, portal_id client_id, int from_shop,
	const char *text, const char *source)
{
	char *body = NULL;
	portal_id id = 0;
	int err;

	if ((err = clean_message(&body, p, text)) < 0)
		return err;
	if ((err = pt_store_begin(p)) < 0)
		goto done;
	if ((err = check_client(p, client_id)) == 0 &&
	    (err = pt_store_chat_insert(&id, p, client_id, from_shop, body, portal_now(p))) == 0)
		err = from_shop
			? pt_outbox_chat_reply(p, client_id, id)
			: pt_audit(p, "chat.post", "ok", client_id, source, "message #%lld",
				(long long)id);
	err = pt_store_end(p, err);
	if (err == 0 && out != NULL)
		*out = id;
done:
	free(body);
	return err;
}

int pt_chat_post(portal_id *out, portal *p, portal_id client_id, const char *text,
	const char *source)
{
	return post(out, p, client_id, 0, text, source);
}

int portal_chat_reply(portal_id *out, portal *p, portal_id client_id, const char *text)
{
	return post(out, p, client_id, 1, text, NULL);
}

int portal_chat_foreach(portal *p, portal_id client_id, portal_id since_id,
	int (*cb)(const portal_chat_message *m, void *ctx), void *ctx)
{
	int err;

	if (since_id < 0)
		return pt_error(p, PORTAL_EINVAL, "since", "not a message id");
	if ((err = check_client(p, client_id)) < 0)
		return err;
	return pt_store_chat_foreach(p, client_id, since_id, cb, ctx);
}

static int walk_message(const portal_chat_message *m, void *ctx)
{
	pt_json_walk *w = ctx;
	cJSON *o = cJSON_CreateObject();

	if (o != NULL &&
	    (!pt_json_add_id(o, "id", m->id) ||
	     !cJSON_AddNumberToObject(o, "at", (double)m->at) ||
	     !pt_json_add_time(o, "at_text", w->p, m->at) ||
	     !cJSON_AddStringToObject(o, "from", m->from_shop ? "shop" : "client") ||
	     !cJSON_AddStringToObject(o, "body", m->body) ||
	     !cJSON_AddBoolToObject(o, "read", m->read_at != 0))) {
		cJSON_Delete(o);
		o = NULL;
	}
	return pt_json_walk_add(w, o);
}

int portal_chat_list_json(portal_buf *out, portal *p, portal_id client_id, portal_id since_id)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err;

	if (w.array == NULL)
		return pt_oom(p);
	err = portal_chat_foreach(p, client_id, since_id, walk_message, &w);
	return pt_json_finish(out, p, w.array, err);
}

int portal_chat_unread(int64_t *count, portal *p, portal_id client_id, portal_chat_side side)
{
	int err;

	if (side != PORTAL_CHAT_SHOP && side != PORTAL_CHAT_CLIENT)
		return pt_error(p, PORTAL_EINVAL, "side", "unknown side %d", (int)side);
	if (client_id == 0 && side == PORTAL_CHAT_CLIENT)
		return pt_error(p, PORTAL_EINVAL, "client", "a client's unread count needs the client");
	if (client_id != 0 && (err = check_client(p, client_id)) < 0)
		return err;
	/* The shop's unread messages are the ones the client wrote. */
	return pt_store_chat_unread(count, p, client_id, side == PORTAL_CHAT_CLIENT);
}

static int mark_read(portal *p, portal_id client_id, int from_shop, portal_id up_to)
{
	int err;

	if (up_to < 0)
		return pt_error(p, PORTAL_EINVAL, "up_to", "not a message id");
	if ((err = check_client(p, client_id)) < 0)
		return err;
	return pt_store_chat_mark_read(p, client_id, from_shop, up_to, portal_now(p));
}

int portal_chat_mark_read(portal *p, portal_id client_id, portal_id up_to)
{
	return mark_read(p, client_id, 0, up_to);
}

int pt_chat_client_read(portal *p, portal_id client_id, portal_id up_to)
{
	return mark_read(p, client_id, 1, up_to);
}

int portal_chat_conversation_foreach(portal *p, int unread_only,
	int (*cb)(const portal_chat_conversation *c, void *ctx), void *ctx)
{
	return pt_store_chat_conversation_foreach(p, unread_only != 0, cb, ctx);
}

static int walk_conversation(const portal_chat_conversation *c, void *ctx)
{
	pt_json_walk *w = ctx;
	cJSON *o = cJSON_CreateObject();

	if (o != NULL &&
	    (!pt_json_add_id(o, "client_id", c->client_id) ||
	     !cJSON_AddStringToObject(o, "client_name", c->client_name) ||
	     !cJSON_AddNumberToObject(o, "messages", (double)c->messages) ||
	     !cJSON_AddNumberToObject(o, "unread", (double)c->unread) ||
	     !cJSON_AddNumberToObject(o, "last_at", (double)c->last_at) ||
	     !pt_json_add_time(o, "last_at_text", w->p, c->last_at))) {
		cJSON_Delete(o);
		o = NULL;
	}
	return pt_json_walk_add(w, o);
}

int portal_chat_conversation_list_json(portal_buf *out, portal *p, int unread_only)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err;

	if (w.array == NULL)
		return pt_oom(p);
	err = portal_chat_conversation_foreach(p, unread_only, walk_conversation, &w);
	return pt_json_finish(out, p, w.array, err);
}
