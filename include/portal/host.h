/* SPDX-License-Identifier: MIT */
/*
 * portal/host.h - a host of many shops on one PostgreSQL database.
 *
 * A chain, or a host serving many shops, keeps them all in one
 * PostgreSQL database; each shop is opened by its name with
 * portal_open_shop(). A host handle, opened with portal_host_open(),
 * sees the shops themselves and none of their records.
 */
#ifndef PORTAL_HOST_H
#define PORTAL_HOST_H

#include "common.h"

PORTAL_BEGIN_DECL

/** A shop of the host. `name` is never NULL. */
typedef struct portal_host_shop {
	portal_id id;
	const char *name;
	portal_time created_at;
	portal_time disabled_at;   /**< 0 while the shop is open */
} portal_host_shop;

/**
 * Open the host at `target`, a postgresql:// URI, making the schema when
 * the database has none and `flags` has PORTAL_OPEN_CREATE. A SQLite
 * file holds one shop and has no host: it gives PORTAL_EINVAL. `*out` is
 * set as by portal_open() and released with portal_close().
 * @return PORTAL_OK or a negative PORTAL_E* code
 */
PORTAL_EXTERN(int) portal_host_open(portal **out, const char *target, int flags);

/**
 * Add the shop `name` (1 to 63 of a-z, 0-9, '.', '-' and '_', such as
 * the host name the shop is served under) with its secret key, made at
 * once. Its records start empty; `portal_open_shop()` opens it.
 * @return PORTAL_OK, PORTAL_EINVAL for a bad name, PORTAL_EEXISTS
 */
PORTAL_EXTERN(int) portal_host_shop_add(portal *host, const char *name);

/**
 * Disable the shop `name` (`disabled` 1), so that it no longer opens
 * (PORTAL_EDENIED) and its portal answers that it is unavailable, or
 * enable it again (0). Nothing of the shop is deleted.
 * @return PORTAL_OK or PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_host_shop_disable(portal *host, const char *name, int disabled);

/**
 * Call `cb` for each shop of the host, by name. A non-zero answer of
 * `cb` stops the walk and is returned. The record is valid during the
 * call only.
 */
PORTAL_EXTERN(int) portal_host_shop_foreach(portal *host,
	int (*cb)(const portal_host_shop *shop, void *ctx), void *ctx);

/**
 * Move the shop of the SQLite file `path` into the host as the shop
 * `name`, whole: its records and settings, and the secret key that
 * hashes its links, its links and its sessions, so that every link its
 * customers hold and every session open goes on working (an export and
 * import leaves those behind on purpose). One transaction: the new shop
 * has everything, or there is no new shop. The file is only read.
 * @return PORTAL_OK, PORTAL_EINVAL (a bad name, or not a host's handle),
 *         PORTAL_EEXISTS (the name is taken), PORTAL_ENOTFOUND or
 *         PORTAL_ENOTDB (the file), or PORTAL_ESTORE
 */
PORTAL_EXTERN(int) portal_host_shop_move(portal *host, const char *path, const char *name);

/**
 * Bind `p`, a handle on a PostgreSQL database (a host's, or a shop's),
 * to the shop `name`: from its next transaction on it sees that shop's
 * records and no other's. One connection then serves many shops in turn,
 * its prepared statements shared, as a host's web process does. Not
 * inside a transaction, and not on a SQLite file (PORTAL_EINVAL). When
 * it fails, the handle is bound to no shop and sees no shop's records.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (no such shop), PORTAL_EDENIED
 *         (a disabled shop), PORTAL_EINVAL or PORTAL_ESTORE
 */
PORTAL_EXTERN(int) portal_shop_switch(portal *p, const char *name);

/**
 * Set the host's limit on one network address's failed lookups across
 * all its shops in 15 minutes, on top of each shop's own limit: when an
 * address reaches it, every shop of the host refuses its lookups for an
 * hour (PORTAL_ERATELIMIT). 25 when the schema is made; 0 turns it off.
 * @return PORTAL_OK, PORTAL_EINVAL (a negative number, not a host's
 *         handle) or PORTAL_ESTORE
 */
PORTAL_EXTERN(int) portal_host_lookup_limit(portal *host, int64_t misses);

/**
 * Grant the database role `role` what the portal's programs need on the
 * host's tables, and nothing more: reading and writing the shops' rows
 * through row-level security, which it can neither turn off nor pass by.
 * Run by the role that owns the schema.
 * @return PORTAL_OK, PORTAL_EINVAL, or PORTAL_ESTORE
 */
PORTAL_EXTERN(int) portal_host_grant(portal *host, const char *role);

PORTAL_END_DECL

#endif
