/*
 * store_notify.h - storage of notifications.
 */
#ifndef PORTAL_STORE_NOTIFY_H
#define PORTAL_STORE_NOTIFY_H

#include "store.h"

int pt_store_notification_insert(portal *p, const portal_notification *n);
int pt_store_notification_foreach(portal *p, portal_id client_id, int unread_only,
	int limit, int (*cb)(const portal_notification *n, void *ctx), void *ctx);
int pt_store_notification_unread(int64_t *count, portal *p, portal_id client_id);
int pt_store_notification_mark_read(portal *p, portal_id client_id, portal_id up_to,
	portal_time at);

#endif
