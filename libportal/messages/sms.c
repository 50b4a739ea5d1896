/* SPDX-License-Identifier: MIT */
/*
 * sms.c - what is particular to sending an SMS: segment counts and quiet
 * hours (sms_inbound.c answers what customers text back).
 */
#include "outbox_queue.h"
#include "local_days.h"
#include "settings.h"
#include "audit_log.h"
#include "store_outbox.h"
#include "tz.h"
#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- segments ---------------------------------------------------------- */

/* GSM 03.38 characters outside ASCII in the basic table (one septet). */
static const uint16_t gsm_basic_extra[] = {
	0x00A3, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, 0x00F2, 0x00C7, 0x00D8, 0x00F8,
	0x00C5, 0x00E5, 0x0394, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8, 0x03A3,
	0x0398, 0x039E, 0x00C6, 0x00E6, 0x00DF, 0x00C9, 0x00A4, 0x00A1, 0x00C4, 0x00D6,
	0x00D1, 0x00DC, 0x00A7, 0x00BF, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0
};

/* Septets a character takes in GSM 7-bit: 1 in the basic table, 2 in the
 * extension table (escape + code), 0 when it has no GSM form. */
static int gsm_septets(uint32_t cp)
{
	if (cp > 0 && cp < 0x80) {
		if (isalnum((int)cp) || strchr(" !\"#%&'()*+,-./:;<=>?@$_\n\r", (int)cp))
			return 1;
		if (strchr("^{}\\[~]|\f", (int)cp))
			return 2;
		return 0;
	}
	for (size_t i = 0; i < sizeof(gsm_basic_extra) / sizeof(gsm_basic_extra[0]); i++)
		if (gsm_basic_extra[i] == cp)
			return 1;
	return cp == 0x20AC ? 2 : 0;   /* the euro sign is in the extension table */
}

/* Parts of at most `per_part` units, never splitting one character's
 * units (an escape pair, a surrogate pair) between two parts. */
static int count_parts(const unsigned char *s, int gsm, int single, int per_part)
{
	int total = 0, parts = 1, cur = 0;
	const unsigned char *q;
	uint32_t cp;
	size_t n;

	for (q = s; *q; q += n) {
		n = pt_utf8_decode(q, &cp);
		total += gsm ? gsm_septets(cp) : (cp > 0xFFFF ? 2 : 1);
	}
	if (total <= single)
		return 1;
	for (q = s; *q; q += n) {
		int u;
		n = pt_utf8_decode(q, &cp);
		u = gsm ? gsm_septets(cp) : (cp > 0xFFFF ? 2 : 1);
		if (cur + u > per_part) {
			parts++;
			cur = 0;
		}
		cur += u;
	}
	return parts;
}

int portal_sms_segments(const char *text, portal_sms_encoding *encoding)
{
	const unsigned char *s = (const unsigned char *)text;
	int gsm = 1;
	uint32_t cp;
	size_t n;

	if (text == NULL)
		return -1;
	for (; *s; s += n) {
		if ((n = pt_utf8_decode(s, &cp)) == 0)
			return -1;
		if (gsm_septets(cp) == 0)
			gsm = 0;
	}
	if (encoding)
		*encoding = gsm ? PORTAL_SMS_GSM7 : PORTAL_SMS_UCS2;
	s = (const unsigned char *)text;
	return gsm ? count_parts(s, 1, 160, 153) : count_parts(s, 0, 70, 67);
}

/* ---- quiet hours ----------------------------------------------------------- */

int pt_sms_quiet_end(portal_time *out, portal *p, portal_time t)
{
	int64_t start, end, day, minute;
	const tz *z;
	tz_civil c;
	int err;

	*out = t;
	if ((err = pt_setting_int(&start, p, "quiet_hours_start")) < 0 ||
	    (err = pt_setting_int(&end, p, "quiet_hours_end")) < 0)
		return err;
	if (start == end)
		return PORTAL_OK;
	if ((z = pt_shop_tz(p)) == NULL)
		return PORTAL_EIO;
	pt_tz_to_civil(z, t, &c);
	minute = c.hour * 60 + c.minute;
	if (start < end ? (minute < start || minute >= end) : (minute < start && minute >= end))
		return PORTAL_OK;
	/* Quiet: they end today, or tomorrow when they began this evening. */
	day = pt_tz_days_from_civil(c.year, c.month, c.day) + (minute >= end);
	memset(&c, 0, sizeof(c));
	pt_tz_civil_from_days(day, &c.year, &c.month, &c.day);
	c.hour = (int)(end / 60);
	c.minute = (int)(end % 60);
	if (pt_tz_from_civil(z, &c, out) < 0)
		return pt_error(p, PORTAL_ERROR, NULL, "the end of the quiet hours is out of range");
	return PORTAL_OK;
}
