/* SPDX-License-Identifier: MIT */
/*
 * settings.h - reading the shop's settings (settings.c).
 */
#ifndef PORTAL_SETTINGS_H
#define PORTAL_SETTINGS_H

#include "internal.h"

/* The setting named `key`, or NULL with PORTAL_ENOTFOUND set on `p`. */
const portal_setting_info *pt_setting_info(portal *p, const char *key);

/* A setting's canonical text, or its default when never set. The caller
 * frees *out. */
int pt_setting_text(char **out, portal *p, const char *key);

/* A numeric setting as an integer: money in cents, a percentage in
 * thousandths of a percent (13% is 13000), days and hours as counts, a
 * time of day as minutes since midnight ("21:00" is 1260). */
int pt_setting_int(int64_t *out, portal *p, const char *key);

/* Store the canonical text `value` of setting `key` and forget every
 * cached value. The only way a setting is written. */
int pt_setting_put(portal *p, const char *key, const char *value);

/* Forget the cached values, or free the cache when the handle closes. */
void pt_settings_forget(portal *p);
void pt_settings_free(portal *p);

/* A non-negative decimal with at most `decimals` decimals, scaled, up to
 * `max`: ("9.975", 3) gives 9975. -1 when it is not one. */
int pt_parse_scaled(const char *s, int decimals, int64_t max, int64_t *out);

#endif
