/* SPDX-License-Identifier: MIT */
/*
 * portal/shop.h - the shop's contact details and policy settings.
 *
 * Settings are named values with a type and a default. The defaults are
 * the published policy of PRODUCT.md ($120.00 service call fee, 7-day
 * estimates, 90/30-day warranties, 12-hour cancellation notice, $60 late
 * cancellation and no-show fees). Values are read and written as text in
 * a canonical form ("120.00", "13", "America/Toronto"), validated by type.
 */
#ifndef PORTAL_SHOP_H
#define PORTAL_SHOP_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/** The type of a setting, which decides how its value is validated. */
typedef enum portal_setting_type {
	PORTAL_SETTING_TEXT = 1,     /**< free text, one line */
	PORTAL_SETTING_LONGTEXT,     /**< free text, may hold newlines */
	PORTAL_SETTING_PHONE,        /**< a phone number */
	PORTAL_SETTING_EMAIL,        /**< an email address */
	PORTAL_SETTING_TIMEZONE,     /**< an IANA time zone name */
	PORTAL_SETTING_PERCENT,      /**< a percentage, up to 3 decimals: "13", "9.975" */
	PORTAL_SETTING_MONEY,        /**< an amount: "120.00" */
	PORTAL_SETTING_DAYS,         /**< a whole number of days, 0..3650 */
	PORTAL_SETTING_HOURS,        /**< a whole number of hours, 0..720 */
	PORTAL_SETTING_CURRENCY,     /**< an ISO 4217 code: "CAD" */
	PORTAL_SETTING_MINUTES,      /**< a whole number of minutes, 1..10080 */
	PORTAL_SETTING_COUNT,        /**< a whole number, 1..100000 */
	PORTAL_SETTING_URL,          /**< an http(s) address without a trailing '/' */
	PORTAL_SETTING_CLOCKTIME,    /**< a time of day in shop time, "HH:MM" (24-hour) */
	PORTAL_SETTING_COMMAND,      /**< a program and its arguments, split on spaces */
	PORTAL_SETTING_FILE,         /**< "" or the absolute path of a readable file */
	PORTAL_SETTING_IPADDR        /**< an IPv4 or IPv6 address, or "" for none */
} portal_setting_type;

/** Description of one setting. All strings are static. */
typedef struct portal_setting_info {
	const char *key;             /**< e.g. "service_call_fee" */
	portal_setting_type type;
	const char *default_value;   /**< canonical text */
	const char *description;     /**< one line of English */
} portal_setting_info;

/** The number of known settings. */
PORTAL_EXTERN(size_t) portal_setting_count(void);

/**
 * The description of setting number `i` (0 <= i < portal_setting_count()),
 * or NULL past the end. Static; do not free.
 */
PORTAL_EXTERN(const portal_setting_info *) portal_setting_at(size_t i);

/** The description of the setting named `key`, or NULL if there is none. */
PORTAL_EXTERN(const portal_setting_info *) portal_setting_find(const char *key);

/**
 * Read the value of setting `key` as canonical text into `out` (its
 * default when it was never set). The caller disposes `out`.
 *
 * @return PORTAL_OK, or PORTAL_ENOTFOUND for an unknown key
 */
PORTAL_EXTERN(int) portal_shop_get(portal_buf *out, portal *p, const char *key);

/**
 * The shop's public address (the setting "portal_url") into `out`, when
 * it is one the public can reach: the links of its messages and the
 * origin its pages are served from. A URL on this machine only
 * (localhost, 127.0.0.0/8, [::1]), as the default is, is none: `out` is
 * left as it was. The caller disposes `out`.
 *
 * @return 1 with the URL in `out`; 0 when the shop has no public URL; a
 *         negative PORTAL_E* code when the setting cannot be read
 */
PORTAL_EXTERN(int) portal_shop_public_url(portal_buf *out, portal *p);

/**
 * Validate `value` for setting `key` and store it in canonical form
 * ("$1,200" becomes "1200.00"). Nothing is stored when it is invalid.
 *
 * @return PORTAL_OK, PORTAL_ENOTFOUND for an unknown key, PORTAL_EINVAL
 *         for a bad value (portal_errfield() gives "shop.KEY")
 */
PORTAL_EXTERN(int) portal_shop_set(portal *p, const char *key, const char *value);

/**
 * All settings as one JSON object {"name": "...", "tax_rate": "13", ...}
 * into `out`, values as canonical text. The caller disposes `out`.
 */
PORTAL_EXTERN(int) portal_shop_json(portal_buf *out, portal *p);

PORTAL_END_DECL

#endif
