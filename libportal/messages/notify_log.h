/* SPDX-License-Identifier: MIT */
/*
 * notify_log.h - writing notifications (reading them is portal/notify.h).
 */
#ifndef PORTAL_NOTIFY_LOG_H
#define PORTAL_NOTIFY_LOG_H

#include "internal.h"

/*
 * Tell client `client_id` that `kind` happened to record `subject_id`, in
 * one sentence made from `fmt`. Joins the caller's transaction, so the
 * event and its notification land together. A client of 0 is no one: the
 * call does nothing.
 */
int pt_notify(portal *p, portal_id client_id, const char *kind, portal_id subject_id,
	const char *fmt, ...) PT_PRINTF(5, 6);

/* A foreach callback that appends `n` as JSON to a pt_json_walk (ctx). */
int pt_walk_notification(const portal_notification *n, void *ctx);

#endif
