/* SPDX-License-Identifier: MIT */
/*
 * portal/audit.h - the log of who came into the portal and what they did.
 *
 * The library writes an entry for every lookup (match, miss, refused),
 * link created, used and revoked, session opened and ended, access turned
 * on or off, and for what a customer does in a session (estimate approved
 * or declined, appointment cancelled, PDF downloaded). Entries are never
 * changed. Tokens are never logged; text from outside (addresses, typed
 * invoice numbers) is encoded so that an entry is always one line: a
 * control character, a backslash or a byte that is not UTF-8 becomes
 * "\xNN".
 */
#ifndef PORTAL_AUDIT_H
#define PORTAL_AUDIT_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/** One entry. Strings are never NULL. */
typedef struct portal_audit_entry {
	portal_id id;
	portal_time at;
	/**
	 * The network address of the request; "shop" for the shop's own
	 * tools; "unknown" when the front end gave no address.
	 */
	const char *source;
	/** The client it concerns; 0 when unknown (a miss). */
	portal_id client_id;
	/**
	 * What happened: "lookup", "link.create", "link.open", "link.revoke",
	 * "link.fresh" (a dead link asked for a new one: "sent", "unknown",
	 * "denied", "unreachable", "limited" by the client's limit, "refused"
	 * by the address's),
	 * "session.open", "session.end", "access.on", "access.off",
	 * "estimate.approve", "estimate.decline", "appointment.cancel",
	 * "pdf.download", "chat.post", "request.create", "sms.opt_in",
	 * "sms.opt_out" (source "sms" for a keyword texted to the shop).
	 */
	const char *event;
	/**
	 * How it ended: "ok", "miss", "refused" (rate limited), "denied"
	 * (access off), "expired", "revoked", "unknown"; for session.end the
	 * reason: "logout", "idle", "expired", "revoked", "access_off",
	 * "contact_changed" (an approved change of email or phone).
	 */
	const char *outcome;
	/** More words, e.g. the invoice number typed or the job; may be "". */
	const char *detail;
} portal_audit_entry;

/** Which entries to read. */
typedef struct portal_audit_filter {
	unsigned int version;
	portal_id client_id;     /**< 0: every client and the misses */
	portal_time since;       /**< 0: from the start */
	int limit;               /**< newest N; 0: all */
} portal_audit_filter;

#define PORTAL_AUDIT_FILTER_VERSION 1
#define PORTAL_AUDIT_FILTER_INIT { PORTAL_AUDIT_FILTER_VERSION, 0, 0, 0 }

/**
 * Call `cb` for each entry matching `filter` (NULL: all), oldest first.
 * The entry is valid during the call; a non-zero return stops the walk and
 * is returned.
 */
PORTAL_EXTERN(int) portal_audit_foreach(portal *p, const portal_audit_filter *filter,
	int (*cb)(const portal_audit_entry *e, void *ctx), void *ctx);

/** The entries matching `filter` as a JSON array, into `out`. */
PORTAL_EXTERN(int) portal_audit_json(portal_buf *out, portal *p,
	const portal_audit_filter *filter);

PORTAL_END_DECL

#endif
