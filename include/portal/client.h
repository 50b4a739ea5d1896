/* SPDX-License-Identifier: MIT */
/*
 * portal/client.h - the shop's clients and their service addresses.
 *
 * A client is a person or business the shop works for. A client has one
 * or more service addresses; the house (civic) number of an address is
 * half of what the customer types to reach the portal, so it is kept as
 * its own field.
 *
 * Record structs returned by the library (portal_client, portal_address)
 * are read-only for the caller and freed with their _free() function.
 * Input structs (portal_client_fields, portal_address_fields) belong to
 * the caller; the library copies what it keeps.
 */
#ifndef PORTAL_CLIENT_H
#define PORTAL_CLIENT_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/** Used in an int field of an input struct: "leave this value as it is". */
#define PORTAL_UNCHANGED (-1)

/** Values of a client's fields, for portal_client_add() and _update(). */
typedef struct portal_client_fields {
	unsigned int version;
	/** Full name as the shop addresses the client; 1..120 characters. */
	const char *name;
	/** Optional contact email ("" or NULL for none). */
	const char *email;
	/** Optional contact phone, e.g. "416-555-0199" or "+1 416 555 0199". */
	const char *phone;
	/** 1: the client agreed to SMS; 0: no; PORTAL_UNCHANGED. */
	int sms_consent;
	/** Free notes for the shop, never shown to the client. */
	const char *notes;
} portal_client_fields;

#define PORTAL_CLIENT_FIELDS_VERSION 1
#define PORTAL_CLIENT_FIELDS_INIT \
	{ PORTAL_CLIENT_FIELDS_VERSION, NULL, NULL, NULL, PORTAL_UNCHANGED, NULL }

/** A client as stored. Strings are never NULL ("" when empty). */
typedef struct portal_client {
	portal_id id;
	char *name;
	char *email;
	char *phone;            /**< normalised: "+14165550199" style */
	int sms_consent;        /**< 1 when the client agreed to SMS */
	portal_time sms_consent_at; /**< when consent last changed; 0 never */
	int portal_enabled;     /**< 0 when the shop turned portal access off */
	char *notes;
	portal_time created_at;
} portal_client;

/**
 * Add a client. `f->name` is required; email and phone are validated when
 * given.
 *
 * @param out  receives the new client's id (may be NULL)
 * @return PORTAL_OK or PORTAL_EINVAL naming the field
 */
PORTAL_EXTERN(int) portal_client_add(portal_id *out, portal *p,
	const portal_client_fields *f);

/**
 * Change the fields of client `id` that are not NULL / PORTAL_UNCHANGED
 * in `f`; "" clears an optional field. All or nothing.
 *
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_client_update(portal *p, portal_id id,
	const portal_client_fields *f);

/**
 * Read client `id`. The caller frees `*out` with portal_client_free().
 * @return PORTAL_OK or PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_client_get(portal_client **out, portal *p, portal_id id);

/** Free a client returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_client_free(portal_client *c);

/**
 * Call `cb` for each client whose name, email or phone contains `search`
 * (NULL or "" for all), ordered by name. Both ignore the case of the
 * letters A to Z, and only theirs: "ÉMILE" does not find "émile", and
 * "Émile" comes after "Zoë". The client passed to `cb` is valid only
 * during the call. A non-zero return from `cb` stops the walk and is
 * returned.
 */
PORTAL_EXTERN(int) portal_client_foreach(portal *p, const char *search,
	int (*cb)(const portal_client *c, void *ctx), void *ctx);

/**
 * Client `id` as a JSON object with its addresses and assets, into `out`.
 * The caller disposes `out`. @return PORTAL_OK or PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_client_json(portal_buf *out, portal *p, portal_id id);

/** The clients matching `search` (as foreach) as a JSON array, into `out`. */
PORTAL_EXTERN(int) portal_client_list_json(portal_buf *out, portal *p,
	const char *search);

/** Values of a service address's fields. */
typedef struct portal_address_fields {
	unsigned int version;
	/** Civic (house) number as printed, e.g. "120", "120A", "120 1/2". Required. */
	const char *house_number;
	/** Unit, suite or apartment, e.g. "5"; optional. */
	const char *unit;
	const char *street;       /**< required, e.g. "King St W" */
	const char *city;         /**< required */
	const char *region;       /**< province or state; optional */
	const char *postal_code;  /**< optional; Canadian codes are normalised "M5V 2T6" */
	const char *country;      /**< ISO 3166 alpha-2, default "CA" */
	/** 1 when latitude/longitude are given. */
	int has_location;
	double latitude;          /**< -90..90 */
	double longitude;         /**< -180..180 */
} portal_address_fields;

#define PORTAL_ADDRESS_FIELDS_VERSION 1
#define PORTAL_ADDRESS_FIELDS_INIT \
	{ PORTAL_ADDRESS_FIELDS_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0.0, 0.0 }

/** A service address as stored. Strings are never NULL. */
typedef struct portal_address {
	portal_id id;
	portal_id client_id;
	char *house_number;
	char *unit;
	char *street;
	char *city;
	char *region;
	char *postal_code;
	char *country;
	int has_location;
	double latitude;
	double longitude;
} portal_address;

/**
 * Add a service address to client `client_id`.
 * @param out  receives the new address's id (may be NULL)
 * @return PORTAL_OK, PORTAL_ENOTFOUND (no such client), PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_address_add(portal_id *out, portal *p,
	portal_id client_id, const portal_address_fields *f);

/**
 * Replace every field of address `id` with `f` (validated as for
 * portal_address_add()). The jobs and visits at this address show the new
 * values: for correcting an address, not for a move.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_address_update(portal *p, portal_id id,
	const portal_address_fields *f);

/**
 * Read address `id`. The caller frees `*out` with portal_address_free().
 * @return PORTAL_OK or PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_address_get(portal_address **out, portal *p, portal_id id);

/** Free an address returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_address_free(portal_address *a);

/**
 * Call `cb` for each address of client `client_id`, oldest first; the
 * address is valid only during the call. A non-zero return from `cb`
 * stops the walk and is returned.
 */
PORTAL_EXTERN(int) portal_address_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_address *a, void *ctx), void *ctx);

/**
 * Write `a` on one line as a person reads it ("5-120 King St W, Toronto,
 * ON M5V 2T6") into `out`. The caller disposes `out`.
 */
PORTAL_EXTERN(int) portal_address_format(portal_buf *out, const portal_address *a);

PORTAL_END_DECL

#endif
