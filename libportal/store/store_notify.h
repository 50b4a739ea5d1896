/* SPDX-License-Identifier: MIT */
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

/* The notifications of `client_id` about records of job `job_id` only
 * (newest first, at most `limit`, 0: all), and how many are unread. */
int pt_store_notification_foreach_job(portal *p, portal_id client_id, portal_id job_id,
	int limit, int (*cb)(const portal_notification *n, void *ctx), void *ctx);
int pt_store_notification_unread_job(int64_t *count, portal *p, portal_id client_id,
	portal_id job_id);

#endif
