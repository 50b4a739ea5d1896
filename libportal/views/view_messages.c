/* SPDX-License-Identifier: MIT */
/*
 * view_messages.c - the customer's notifications and chat.
 *
 * Both are read-only like every view: what the client has read is marked
 * by the front end through portal_customer_notifications_mark_read() and
 * portal_customer_chat_mark_read() once it has shown them.
 */
#include "view_build.h"
#include "store_chat.h"
#include "notify_log.h"
#include "store_notify.h"

/* The newest notifications a page shows; older ones stay in the store. */
#define NOTIFICATIONS_SHOWN 50

int pt_notification_unread_for(int64_t *count, portal *p, const pt_viewer *v)
{
	if (v->job_id == 0)
		return pt_store_notification_unread(count, p, v->client_id);
	return pt_store_notification_unread_job(count, p, v->client_id, v->job_id);
}

/* A viewer limited to one job sees only what is about that job. */
int pt_view_notifications(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	pt_json_walk w = { p, NULL };
	int64_t unread = 0;
	int err;

	(void)arg;
	if ((w.array = cJSON_AddArrayToObject(doc, "notifications")) == NULL)
		return pt_oom(p);
	if (v->job_id == 0)
		err = pt_store_notification_foreach(p, v->client_id, 0, NOTIFICATIONS_SHOWN,
			pt_walk_notification, &w);
	else
		err = pt_store_notification_foreach_job(p, v->client_id, v->job_id,
			NOTIFICATIONS_SHOWN, pt_walk_notification, &w);
	if (err == 0)
		err = pt_notification_unread_for(&unread, p, v);
	if (err == 0 && !cJSON_AddNumberToObject(doc, "unread", (double)unread))
		err = pt_oom(p);
	return err;
}

struct chat_walk {
	pt_json_walk w;
	portal_id last_id;
	portal_id first_unread_id;  /* the oldest message the client has not read */
};

static int add_message(const portal_chat_message *m, void *ctx)
{
	struct chat_walk *cw = ctx;
	cJSON *o = cJSON_CreateObject();
	/* What is new to the client: the shop's messages they have not
	 * marked read. Their own messages are never new to them. */
	int unread = m->from_shop && m->read_at == 0;

	cw->last_id = m->id;
	if (unread && cw->first_unread_id == 0)
		cw->first_unread_id = m->id;
	if (o != NULL &&
	    (!pt_json_add_id(o, "id", m->id) ||
	     !cJSON_AddNumberToObject(o, "at", (double)m->at) ||
	     !pt_json_add_time(o, "at_text", cw->w.p, m->at) ||
	     !cJSON_AddStringToObject(o, "from", m->from_shop ? "shop" : "you") ||
	     !cJSON_AddStringToObject(o, "body", m->body) ||
	     !cJSON_AddBoolToObject(o, "read", m->read_at != 0) ||
	     !cJSON_AddBoolToObject(o, "unread", unread))) {
		cJSON_Delete(o);
		o = NULL;
	}
	return pt_json_walk_add(&cw->w, o);
}

int pt_view_chat(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	struct chat_walk cw = { { p, NULL }, 0, 0 };
	int64_t unread = 0;
	int err;

	(void)arg;
	if ((cw.w.array = cJSON_AddArrayToObject(doc, "messages")) == NULL)
		return pt_oom(p);
	if ((err = pt_store_chat_foreach(p, v->client_id, 0, add_message, &cw)) < 0 ||
	    (err = pt_store_chat_unread(&unread, p, v->client_id, 1)) < 0)
		return err;
	if (!cJSON_AddNumberToObject(doc, "unread", (double)unread) ||
	    !pt_json_add_id(doc, "last_id", cw.last_id) ||
	    !pt_json_add_id(doc, "first_unread_id", cw.first_unread_id) ||
	    !cJSON_AddNumberToObject(doc, "max_length", PORTAL_CHAT_MAX))
		return pt_oom(p);
	return PORTAL_OK;
}
