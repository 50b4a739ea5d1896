/* SPDX-License-Identifier: MIT */
/*
 * store_access.h - storage of what controls a customer's access: the
 * client's switches, links, sessions, failed lookups and their locks.
 */
#ifndef PORTAL_STORE_ACCESS_H
#define PORTAL_STORE_ACCESS_H

#include "store.h"

/* The client's hidden sections as stored (a comma-separated list of
 * section names; "" when every section shows). */
int pt_store_client_hidden_sections(char **out, portal *p, portal_id client_id);
int pt_store_client_set_hidden_sections(portal *p, portal_id client_id, const char *hidden);

/* Client `client_id`'s portal_enabled switch into *enabled; ENOTFOUND. */
int pt_store_client_access(int *enabled, portal *p, portal_id client_id);
int pt_store_client_set_access(portal *p, portal_id client_id, int enabled);

/* Secret `name` (exactly `len` bytes) into `out`; the caller wipes it. */
int pt_store_secret(unsigned char *out, size_t len, portal *p, const char *name);

/* Keyed hashes of tokens are this long. */
#define PT_HASH_BYTES 32

/* ---- lookups ------------------------------------------------------- */

/*
 * The client whose paperwork carries `number_key` (a normalised number:
 * an issued invoice's, a sent estimate's) or, when they are not 0, job
 * `job_id` or visit `visit_id` (the booking number), and who has an
 * address with `house_key`; 0 for none. `enabled` is the client's access
 * switch. The same statement runs for every attempt, whatever kind of
 * number was typed, so that a miss on a real number costs what a miss on
 * a made-up one does.
 */
int pt_store_lookup_match(portal_id *client_id, int *enabled, portal *p,
	const char *number_key, const char *house_key, portal_id job_id, portal_id visit_id);

/* The latest end of a lock on `subject` in `scope` ("addr", "invoice")
 * after `now`; 0 when it is not locked. */
int pt_store_lookup_locked_until(portal_time *until, portal *p, const char *scope,
	const char *subject, portal_time now);

/* Record a failure at `at`, count the failures since `since` (this one
 * included) and drop the older ones of the same subject. */
int pt_store_lookup_failure(int64_t *count, portal *p, const char *scope,
	const char *subject, portal_time at, portal_time since);

int pt_store_lookup_lock(portal *p, const char *scope, const char *subject,
	portal_time until);

/* The same for a network address across every shop of a host (a
 * PostgreSQL database of many shops), on top of each shop's; *limit is
 * the host's (0 when it has none). A SQLite
 * file holds one shop: there they count nothing and lock nothing. The
 * failure holds the address's own lock, so that its count is exact
 * across the host's processes. */
int pt_store_host_lookup_locked_until(portal_time *until, portal *p, const char *subject,
	portal_time now);
int pt_store_host_lookup_failure(int64_t *count, int64_t *limit, portal *p,
	const char *subject, portal_time at, portal_time since);
/* The misses that lock an address out of every shop of the host. */
int pt_store_host_lookup_limit_set(portal *p, int64_t misses);
int pt_store_host_lookup_lock(portal *p, const char *subject, portal_time until);

/* ---- links --------------------------------------------------------- */

int pt_store_link_insert(portal_id *out, portal *p, const portal_link *l,
	const unsigned char hash[PT_HASH_BYTES]);
/* The link whose token hash is `hash`; ENOTFOUND without a message. */
int pt_store_link_by_hash(portal_link *out, portal *p, const unsigned char hash[PT_HASH_BYTES]);
int pt_store_link_get(portal_link *out, portal *p, portal_id id);
int pt_store_link_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_link *l, void *ctx), void *ctx);
int pt_store_link_used(portal *p, portal_id id, portal_time at);
int pt_store_link_revoke(portal *p, portal_id id, portal_time at);
/* Revoke the client's links not yet revoked; *count gets how many. */
int pt_store_link_revoke_all(int *count, portal *p, portal_id client_id, portal_time at);

/* ---- sessions ------------------------------------------------------ */

/* A session as stored: never its token, only hashes. */
typedef struct pt_session_row {
	portal_id id;
	portal_id client_id;
	portal_id job_id;
	portal_id link_id;
	unsigned char id_hash[PT_HASH_BYTES];
	unsigned char csrf_hash[PT_HASH_BYTES];
	char source[64];
	portal_time created_at;
	portal_time last_seen_at;
	portal_time ended_at;       /* 0: open */
	char end_reason[16];
} pt_session_row;

int pt_store_session_insert(portal_id *out, portal *p, const pt_session_row *s);
/* The session whose id hash is `hash`; ENOTFOUND without a message. */
int pt_store_session_by_hash(pt_session_row *out, portal *p,
	const unsigned char hash[PT_HASH_BYTES]);
int pt_store_session_touch(portal *p, portal_id id, portal_time at);
int pt_store_session_end(portal *p, portal_id id, portal_time at, const char *reason);
/* The ids of the open sessions of client `client_id`, only those opened
 * by link `link_id` unless it is 0; the caller frees *ids. */
int pt_store_session_open_ids(portal_id **ids, size_t *n, portal *p,
	portal_id client_id, portal_id link_id);

#endif
