/* SPDX-License-Identifier: MIT */
/*
 * portal/asset.h - the appliances and vehicles the shop services.
 */
#ifndef PORTAL_ASSET_H
#define PORTAL_ASSET_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

typedef enum portal_asset_kind {
	PORTAL_ASSET_APPLIANCE = 1,
	PORTAL_ASSET_VEHICLE = 2
} portal_asset_kind;

/** "appliance" or "vehicle"; NULL for an unknown kind. */
PORTAL_EXTERN(const char *) portal_asset_kind_name(portal_asset_kind kind);

/** Parse "appliance" / "vehicle" (any case). @return 0 or -1 */
PORTAL_EXTERN(int) portal_asset_kind_parse(portal_asset_kind *out, const char *text);

/** Values of an asset's fields. */
typedef struct portal_asset_fields {
	unsigned int version;
	portal_asset_kind kind;    /**< required */
	/** What it is: "Refrigerator", "Dryer", "Pickup truck" ... required. */
	const char *category;
	const char *make;          /**< required, e.g. "Whirlpool", "Toyota" */
	const char *model;         /**< optional */
	/** Appliance serial number; optional, 3..40 of [A-Za-z0-9 -/.]. */
	const char *serial;
	/**
	 * Vehicle identification number; vehicles only, optional. Checked as
	 * ISO 3779 (17 characters, no I, O or Q) and, for North American VINs
	 * (first character 1-5), the check digit in position 9.
	 */
	const char *vin;
	/** Model year, 1900..(this year + 1); 0 for unknown. */
	int year;
	/** Installation or purchase date "YYYY-MM-DD"; optional, not in the future. */
	const char *acquired_on;
	const char *notes;         /**< optional, shown to the client */
} portal_asset_fields;

#define PORTAL_ASSET_FIELDS_VERSION 1
#define PORTAL_ASSET_FIELDS_INIT \
	{ PORTAL_ASSET_FIELDS_VERSION, 0, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL }

/** An asset as stored. Strings are never NULL. */
typedef struct portal_asset {
	portal_id id;
	portal_id client_id;
	portal_asset_kind kind;
	char *category;
	char *make;
	char *model;
	char *serial;
	char *vin;                 /**< upper case */
	int year;
	char *acquired_on;
	char *notes;
} portal_asset;

/**
 * Add an asset owned by client `client_id`.
 * @param out  receives the new asset's id (may be NULL)
 * @return PORTAL_OK, PORTAL_ENOTFOUND (no such client), PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_asset_add(portal_id *out, portal *p,
	portal_id client_id, const portal_asset_fields *f);

/**
 * Read asset `id`. The caller frees `*out` with portal_asset_free().
 * @return PORTAL_OK or PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_asset_get(portal_asset **out, portal *p, portal_id id);

/** Free an asset returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_asset_free(portal_asset *a);

/**
 * Call `cb` for each asset of client `client_id` (0: of every client);
 * the asset is valid only during the call. A non-zero return from `cb`
 * stops the walk and is returned.
 */
PORTAL_EXTERN(int) portal_asset_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_asset *a, void *ctx), void *ctx);

/** Asset `id` as a JSON object into `out`. The caller disposes `out`. */
PORTAL_EXTERN(int) portal_asset_json(portal_buf *out, portal *p, portal_id id);

/** The assets of `client_id` (0: all) as a JSON array into `out`. */
PORTAL_EXTERN(int) portal_asset_list_json(portal_buf *out, portal *p, portal_id client_id);

PORTAL_END_DECL

#endif
