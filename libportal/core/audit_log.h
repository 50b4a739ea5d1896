/* SPDX-License-Identifier: MIT */
/*
 * audit_log.h - writing the audit log (reading it is portal/audit.h).
 */
#ifndef PORTAL_AUDIT_LOG_H
#define PORTAL_AUDIT_LOG_H

#include "internal.h"

/* The source recorded for the shop's own tools (CLI, linked software),
 * and for a customer's request whose address the front end did not give. */
#define PT_AUDIT_SHOP "shop"
#define PT_AUDIT_UNKNOWN "unknown"

/*
 * Append an entry at now: `event` and `outcome` are fixed words from
 * portal/audit.h; `source` (NULL: PT_AUDIT_SHOP, "": PT_AUDIT_UNKNOWN)
 * and the detail made from `fmt` are encoded to one line of at most a
 * few hundred bytes. Joins the caller's transaction, so an action and
 * its entry are written together or not at all. Never pass a token.
 */
int pt_audit(portal *p, const char *event, const char *outcome, portal_id client_id,
	const char *source, const char *fmt, ...) PT_PRINTF(6, 7);

/* Encode `in` into `out` (`len` bytes, at least 5) as the log keeps text:
 * control characters, backslashes and bytes that are not UTF-8 become
 * "\xNN"; cut on a character boundary to fit. */
void pt_audit_encode(char *out, size_t len, const char *in);

#endif
