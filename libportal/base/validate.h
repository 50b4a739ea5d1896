/* SPDX-License-Identifier: MIT */
/*
 * validate.h - checking and normalising the values people type.
 *
 * Each function takes the text as given (NULL counts as ""), trims the
 * spaces around it, checks it, and on success stores a malloc'ed,
 * normalised copy in *out (the caller frees it). On failure it returns
 * PORTAL_EINVAL with a message naming `field`, and *out is left NULL.
 */
#ifndef PORTAL_VALIDATE_H
#define PORTAL_VALIDATE_H

#include "internal.h"

#include <stdint.h>

/* Flags for pt_valid_text(). */
#define PT_TEXT_MULTILINE 1u   /* newlines allowed */

/* Text of `min`..`max` characters (code points, not bytes), valid UTF-8,
 * without control characters. min 0 makes the field optional. */
int pt_valid_text(char **out, portal *p, const char *field, const char *in,
	size_t min, size_t max, unsigned flags);

/* An email address; "" when optional and empty. The domain is lower-cased. */
int pt_valid_email(char **out, portal *p, const char *field, const char *in, int required);

/* A phone number, normalised to E.164: "416-555-0199" gives "+14165550199";
 * international numbers need their leading "+". */
int pt_valid_phone(char **out, portal *p, const char *field, const char *in, int required);

/* A vehicle identification number, upper-cased (see portal/asset.h). */
int pt_valid_vin(char **out, portal *p, const char *field, const char *in);

/* A civic (house) number: starts with a digit, "120", "120A", "120 1/2". */
int pt_valid_house_number(char **out, portal *p, const char *field, const char *in);

/* The house number as lookups compare it: lower case, no spaces, "½" as "1/2". */
char *pt_house_key(const char *house_number);

/* A postal code for `country` (ISO alpha-2); Canadian and US codes are
 * checked and normalised ("m5v2t6" gives "M5V 2T6"). */
int pt_valid_postal_code(char **out, portal *p, const char *field, const char *in,
	const char *country);

/* An ISO 3166 alpha-2 country code, upper-cased; "" gives "CA". */
int pt_valid_country(char **out, portal *p, const char *field, const char *in);

/* A calendar date "YYYY-MM-DD"; "" when optional and empty. */
int pt_valid_date(char **out, portal *p, const char *field, const char *in, int required);

/* Latitude and longitude in range and finite. */
int pt_valid_location(portal *p, const char *field, double lat, double lon);

/* Decode one UTF-8 sequence at `s` into *cp; its length in bytes, or 0
 * when it is malformed (overlong, surrogate, beyond U+10FFFF, cut). */
size_t pt_utf8_decode(const unsigned char *s, uint32_t *cp);

/* Number of code points in valid UTF-8 `s`. */
size_t pt_utf8_length(const char *s);

/* Is `s` valid UTF-8 throughout? */
int pt_utf8_valid(const char *s);

/* A copy of `s` with U+FFFD for every byte that does not start a valid
 * UTF-8 sequence; the caller frees it. NULL when out of memory. */
char *pt_utf8_repaired(const char *s);

/* Make text one line of valid UTF-8 in place, for a message or for what
 * a program printed: malformed bytes and control characters become
 * '?'. */
void pt_text_scrub(char *s);

#endif
