/* SPDX-License-Identifier: MIT */
/*
 * notify.c - notifications: written with the event that causes them, read
 * and marked read by the client.
 */
#include "notify_log.h"
#include "store.h"
#include "json.h"
#include "store_notify.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

int pt_notify(portal *p, portal_id client_id, const char *kind, portal_id subject_id,
	const char *fmt, ...)
{
	portal_notification n;
	char text[400];
	va_list ap;

	if (client_id == 0 || p->quiet)
		return PORTAL_OK;
	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	n.id = 0;
	n.client_id = client_id;
	n.at = portal_now(p);
	n.kind = kind;
	n.subject_id = subject_id;
	n.text = text;
	n.read_at = 0;
	return pt_store_notification_insert(p, &n);
}

/* Reading someone's notifications starts with knowing they exist. */
static int check_client(portal *p, portal_id client_id)
{
	portal_client *c = NULL;
	int err = pt_store_client_get(&c, p, client_id);

	portal_client_free(c);
	return err;
}

int portal_notification_foreach(portal *p, portal_id client_id, int unread_only, int limit,
	int (*cb)(const portal_notification *n, void *ctx), void *ctx)
{
	int err;

	if (limit < 0)
		return pt_error(p, PORTAL_EINVAL, "limit", "the limit cannot be negative");
	if ((err = check_client(p, client_id)) < 0)
		return err;
	return pt_store_notification_foreach(p, client_id, unread_only != 0, limit, cb, ctx);
}

int pt_walk_notification(const portal_notification *n, void *ctx)
{
	pt_json_walk *w = ctx;
	cJSON *o = cJSON_CreateObject();

	if (o != NULL &&
	    (!pt_json_add_id(o, "id", n->id) ||
	     !cJSON_AddNumberToObject(o, "at", (double)n->at) ||
	     !pt_json_add_time(o, "at_text", w->p, n->at) ||
	     !cJSON_AddStringToObject(o, "kind", n->kind) ||
	     !pt_json_add_id(o, "subject_id", n->subject_id) ||
	     !cJSON_AddStringToObject(o, "text", n->text) ||
	     !cJSON_AddBoolToObject(o, "read", n->read_at != 0))) {
		cJSON_Delete(o);
		o = NULL;
	}
	return pt_json_walk_add(w, o);
}

int portal_notification_list_json(portal_buf *out, portal *p, portal_id client_id,
	int unread_only, int limit)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err;

	if (w.array == NULL)
		return pt_oom(p);
	err = portal_notification_foreach(p, client_id, unread_only, limit,
		pt_walk_notification, &w);
	return pt_json_finish(out, p, w.array, err);
}

int portal_notification_unread(int64_t *count, portal *p, portal_id client_id)
{
	int err;

	if ((err = check_client(p, client_id)) < 0)
		return err;
	return pt_store_notification_unread(count, p, client_id);
}

int portal_notification_mark_read(portal *p, portal_id client_id, portal_id up_to)
{
	int err;

	if (up_to < 0)
		return pt_error(p, PORTAL_EINVAL, "up_to", "not a notification id");
	if ((err = check_client(p, client_id)) < 0)
		return err;
	return pt_store_notification_mark_read(p, client_id, up_to, portal_now(p));
}
