/* SPDX-License-Identifier: MIT */
/*
 * store_audit.h - storage of the audit log.
 */
#ifndef PORTAL_STORE_AUDIT_H
#define PORTAL_STORE_AUDIT_H

#include "store.h"

int pt_store_audit_insert(portal *p, const portal_audit_entry *e);
/* Whether the log holds an entry `event` of client `client_id`, into
 * `*any` (0 or 1). */
int pt_store_audit_any(int *any, portal *p, portal_id client_id, const char *event);
int pt_store_audit_foreach(portal *p, const portal_audit_filter *f,
	int (*cb)(const portal_audit_entry *e, void *ctx), void *ctx);

/* How many entries of `event` from `source` since `since`, leaving out
 * the refused ones, and the time of the oldest of them (0: none). */
int pt_store_audit_count_source(int64_t *count, portal_time *oldest, portal *p,
	const char *event, const char *source, portal_time since);

/* How many entries of `event` with `outcome` for client `client_id` since
 * `since`. */
int pt_store_audit_count_client(int64_t *count, portal *p, portal_id client_id,
	const char *event, const char *outcome, portal_time since);

#endif
