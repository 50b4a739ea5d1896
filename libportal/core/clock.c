/* SPDX-License-Identifier: MIT */
/*
 * clock.c - times in the shop's time zone.
 */
#include "internal.h"
#include "local_days.h"
#include "settings.h"
#include "store.h"
#include "tz.h"
#include "civil_words.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct tz *pt_shop_tz(portal *p)
{
	char *name = NULL;
	char err[160];
	tz *z = NULL;

	if (pt_setting_text(&name, p, "timezone") < 0)
		return NULL;
	if (p->tz != NULL && strcmp(p->tz_name, name) == 0) {
		free(name);
		return p->tz;
	}
	/* The name was validated when it was set, but the system's zoneinfo
	 * may have changed since, or the database been moved to a machine
	 * without it. */
	if (strlen(name) >= sizeof(p->tz_name) || pt_tz_load(&z, name, NULL, err, sizeof(err)) < 0) {
		pt_error(p, PORTAL_EIO, "shop.timezone", "%s", z ? "name too long" : err);
		free(name);
		return NULL;
	}
	pt_tz_free(p->tz);
	p->tz = z;
	snprintf(p->tz_name, sizeof(p->tz_name), "%s", name);
	free(name);
	return z;
}

int portal_time_parse(portal_time *out, portal *p, const char *text)
{
	const tz *z = pt_shop_tz(p);
	int64_t t;

	if (z == NULL)
		return PORTAL_EIO;
	if (text == NULL || pt_tz_parse(z, text, &t) < 0)
		return pt_say(p, pt_error(p, PORTAL_EINVAL, NULL,
				"'%s' is not a time: use YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] "
				"(shop time, or with Z or +HH:MM), or @UNIXSECONDS",
				text ? text : ""),
			text && *text ? "'%s' is not a date and time; give one such as 2026-11-25 09:00"
			: "%sPlease give a date and time, such as 2026-11-25 09:00", text ? text : "");
	*out = t;
	return PORTAL_OK;
}

char *portal_time_format(char *buf, size_t len, portal *p, portal_time t,
	portal_time_style style)
{
	const tz *z;
	tz_civil c;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (t == 0 || (z = pt_shop_tz(p)) == NULL)
		return buf;
	pt_tz_to_civil(z, t, &c);
	switch (style) {
	case PORTAL_TIME_DATE:
		snprintf(buf, len, "%04d-%02d-%02d", c.year, c.month, c.day);
		break;
	case PORTAL_TIME_HUMAN:
		snprintf(buf, len, "%04d-%02d-%02d %02d:%02d %s",
			c.year, c.month, c.day, c.hour, c.minute, c.abbr);
		break;
	default:
		pt_tz_format(z, t, buf, len);
		break;
	}
	return buf;
}

int pt_local_day(int64_t *out, portal *p, portal_time t)
{
	const tz *z = pt_shop_tz(p);
	tz_civil c;

	if (z == NULL)
		return PORTAL_EIO;
	pt_tz_to_civil(z, t, &c);
	*out = pt_tz_days_from_civil(c.year, c.month, c.day);
	return PORTAL_OK;
}

int pt_local_day_begin(portal_time *out, portal *p, int64_t day)
{
	const tz *z = pt_shop_tz(p);
	tz_civil c = { 0 };
	int64_t t;

	if (z == NULL)
		return PORTAL_EIO;
	pt_tz_civil_from_days(day, &c.year, &c.month, &c.day);
	if (pt_tz_from_civil(z, &c, &t) < 0)
		return pt_error(p, PORTAL_EINVAL, NULL, "date out of range");
	*out = t;
	return PORTAL_OK;
}

char *pt_day_format(char buf[11], int64_t day)
{
	int y, m, d;

	pt_tz_civil_from_days(day, &y, &m, &d);
	/* Bounded fields so the compiler can see the 10 characters. */
	snprintf(buf, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
		(unsigned)d % 100u);
	return buf;
}

int pt_day_parse(int64_t *out, const char *text)
{
	int y, m, d, n = 0;
	int64_t day;

	if (text == NULL || strlen(text) != 10 ||
	    sscanf(text, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    y < 1 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	day = pt_tz_days_from_civil(y, m, d);
	/* 2026-02-30 would wrap to March: refuse what does not round-trip. */
	{
		int y2, m2, d2;
		pt_tz_civil_from_days(day, &y2, &m2, &d2);
		if (y2 != y || m2 != m || d2 != d)
			return -1;
	}
	*out = day;
	return 0;
}

/* The year a day is written without: PT_WORDS_NOW's is the clock's. */
static int words_year(portal *p, const tz *z, int this_year)
{
	tz_civil now;

	if (this_year != PT_WORDS_NOW)
		return this_year;
	pt_tz_to_civil(z, portal_now(p), &now);
	return now.year;
}

int pt_time_words(char *buf, size_t len, portal *p, portal_time t, int style,
	int this_year)
{
	const tz *z = pt_shop_tz(p);
	tz_civil c;
	int year;

	if (z == NULL)
		return PORTAL_EIO;
	year = words_year(p, z, this_year);
	pt_tz_to_civil(z, t, &c);
	switch (style) {
	case PORTAL_WORDS_DAY: return pt_words_day(buf, len, &c, year);
	case PORTAL_WORDS_TIME: return pt_words_time(buf, len, &c);
	case PORTAL_WORDS_MONTH: return pt_words_month(buf, len, c.year, c.month);
	default: return pt_words_day_time(buf, len, &c, year);
	}
}

int pt_soon_words(char *buf, size_t len, portal *p, portal_time t)
{
	int64_t day, today;
	int err;

	if ((err = pt_local_day(&day, p, t)) < 0 ||
	    (err = pt_local_day(&today, p, portal_now(p))) < 0)
		return err;
	return pt_time_words(buf, len, p, t, day == today ? PORTAL_WORDS_TIME :
		PORTAL_WORDS_DAY_TIME, PT_WORDS_NOW);
}

int pt_day_words(char *buf, size_t len, portal *p, int64_t day, int this_year)
{
	const tz *z = pt_shop_tz(p);
	tz_civil c;

	if (z == NULL)
		return PORTAL_EIO;
	memset(&c, 0, sizeof(c));
	pt_tz_civil_from_days(day, &c.year, &c.month, &c.day);
	/* 1970-01-01, day 0, was a Thursday. */
	c.wday = (int)(((day % 7) + 11) % 7);
	return pt_words_day(buf, len, &c, words_year(p, z, this_year));
}

int pt_window_words(char *buf, size_t len, portal *p, portal_time start,
	portal_time end, int this_year)
{
	const tz *z = pt_shop_tz(p);
	tz_civil a, b;

	if (z == NULL)
		return PORTAL_EIO;
	pt_tz_to_civil(z, start, &a);
	pt_tz_to_civil(z, end, &b);
	return pt_words_window(buf, len, &a, &b, words_year(p, z, this_year));
}

int pt_iso_day_words(char *buf, size_t len, portal *p, const char *iso, int this_year)
{
	int64_t day;

	if (pt_day_parse(&day, iso) < 0) {
		if (len > 0)
			buf[0] = '\0';
		return PORTAL_EINVAL;
	}
	return pt_day_words(buf, len, p, day, this_year);
}
