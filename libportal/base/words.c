/* SPDX-License-Identifier: MIT */
/*
 * words.c - times, months and phone numbers written for people: every
 * page, PDF and message of the customer's says them the same way.
 */
#include "internal.h"
#include "civil_words.h"

#include <portal/words.h>

#include <stdio.h>
#include <string.h>

static const char *const weekdays[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
static const char *const short_months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
static const char *const months[] = { "January", "February", "March", "April", "May",
	"June", "July", "August", "September", "October", "November", "December" };

/* 0 when all of it fitted, else PORTAL_EINVAL with `buf` emptied. */
static int fitted(char *buf, size_t len, int n)
{
	if (n < 0 || (size_t)n >= len) {
		if (len > 0)
			buf[0] = '\0';
		return PORTAL_EINVAL;
	}
	return PORTAL_OK;
}

static int valid_day(const tz_civil *c)
{
	return c->month >= 1 && c->month <= 12 && c->day >= 1 && c->day <= 31;
}

int pt_words_day(char *buf, size_t len, const tz_civil *c, int this_year)
{
	if (!valid_day(c))
		return fitted(buf, len, -1);
	if (c->year == this_year)
		return fitted(buf, len, snprintf(buf, len, "%s %d %s", weekdays[(c->wday % 7 + 7) % 7],
			c->day, short_months[c->month - 1]));
	return fitted(buf, len, snprintf(buf, len, "%s %d %s %d", weekdays[(c->wday % 7 + 7) % 7],
		c->day, short_months[c->month - 1], c->year));
}

/* The hour on a 12-hour clock: midnight and noon are 12. */
static int hour12(int hour)
{
	return hour % 12 == 0 ? 12 : hour % 12;
}

static const char *half(int hour)
{
	return hour < 12 ? "am" : "pm";
}

/* "1:00" without its half of the day. */
static int clock_digits(char *buf, size_t len, const tz_civil *c)
{
	return fitted(buf, len, snprintf(buf, len, "%d:%02d", hour12(c->hour), c->minute));
}

int pt_words_time(char *buf, size_t len, const tz_civil *c)
{
	if (c->hour < 0 || c->hour > 23 || c->minute < 0 || c->minute > 59)
		return fitted(buf, len, -1);
	return fitted(buf, len, snprintf(buf, len, "%d:%02d %s", hour12(c->hour), c->minute,
		half(c->hour)));
}

int pt_words_day_time(char *buf, size_t len, const tz_civil *c, int this_year)
{
	char day[40], time[16];
	int err;

	if ((err = pt_words_day(day, sizeof(day), c, this_year)) < 0 ||
	    (err = pt_words_time(time, sizeof(time), c)) < 0)
		return fitted(buf, len, -1);
	return fitted(buf, len, snprintf(buf, len, "%s, %s", day, time));
}

int pt_words_month(char *buf, size_t len, int year, int month)
{
	if (month < 1 || month > 12)
		return fitted(buf, len, -1);
	return fitted(buf, len, snprintf(buf, len, "%s %d", months[month - 1], year));
}

static int same_day(const tz_civil *a, const tz_civil *b)
{
	return a->year == b->year && a->month == b->month && a->day == b->day;
}

int pt_words_window(char *buf, size_t len, const tz_civil *a, const tz_civil *b,
	int this_year)
{
	char day[40], from[16], to[16];

	if (pt_words_day(day, sizeof(day), a, this_year) < 0 ||
	    pt_words_time(to, sizeof(to), b) < 0)
		return fitted(buf, len, -1);
	if (!same_day(a, b)) {
		char other[PORTAL_WORDS_LEN];
		if (pt_words_day_time(other, sizeof(other), b, this_year) < 0 ||
		    pt_words_time(from, sizeof(from), a) < 0)
			return fitted(buf, len, -1);
		return fitted(buf, len, snprintf(buf, len, "%s, %s \xe2\x80\x93 %s", day, from, other));
	}
	/* Within one half of the day, "am" or "pm" is said once, at the end. */
	if ((a->hour < 12) == (b->hour < 12)) {
		if (clock_digits(from, sizeof(from), a) < 0)
			return fitted(buf, len, -1);
	} else if (pt_words_time(from, sizeof(from), a) < 0) {
		return fitted(buf, len, -1);
	}
	return fitted(buf, len, snprintf(buf, len, "%s, %s\xe2\x80\x93%s", day, from, to));
}

/* ---- from the views' ISO text ---- */

/* `n` digits at `s` as a number, or -1. */
static int digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

enum iso_shape { ISO_NONE, ISO_MONTH, ISO_DAY, ISO_TIME };

/* What `iso` holds ("2026-12", "2026-12-07", "2026-12-07T13:00..."),
 * its fields in `c` (the weekday computed from the date). */
static enum iso_shape parse_iso(tz_civil *c, const char *iso)
{
	size_t n = iso ? strlen(iso) : 0;

	memset(c, 0, sizeof(*c));
	if (n < 7 || iso[4] != '-' || (c->year = digits(iso, 4)) < 0 ||
	    (c->month = digits(iso + 5, 2)) < 1 || c->month > 12)
		return ISO_NONE;
	if (n == 7)
		return ISO_MONTH;
	if (n < 10 || iso[7] != '-' || (c->day = digits(iso + 8, 2)) < 1 || c->day > 31)
		return ISO_NONE;
	/* 1970-01-01 was a Thursday. */
	c->wday = (int)(((pt_tz_days_from_civil(c->year, c->month, c->day) % 7) + 11) % 7);
	if (n == 10)
		return ISO_DAY;
	if (n < 16 || (iso[10] != 'T' && iso[10] != ' ') || iso[13] != ':' ||
	    (c->hour = digits(iso + 11, 2)) < 0 || c->hour > 23 ||
	    (c->minute = digits(iso + 14, 2)) < 0 || c->minute > 59)
		return ISO_NONE;
	return ISO_TIME;
}

int portal_words_iso(char *buf, size_t len, const char *iso, portal_words_style style,
	int this_year)
{
	tz_civil c;
	enum iso_shape shape = parse_iso(&c, iso);

	if (buf == NULL || len == 0)
		return PORTAL_EINVAL;
	if (shape == ISO_NONE || (shape == ISO_MONTH && style != PORTAL_WORDS_MONTH) ||
	    (shape != ISO_TIME && (style == PORTAL_WORDS_TIME || style == PORTAL_WORDS_DAY_TIME)))
		return fitted(buf, len, -1);
	switch (style) {
	case PORTAL_WORDS_DAY: return pt_words_day(buf, len, &c, this_year);
	case PORTAL_WORDS_TIME: return pt_words_time(buf, len, &c);
	case PORTAL_WORDS_DAY_TIME: return pt_words_day_time(buf, len, &c, this_year);
	case PORTAL_WORDS_MONTH: return pt_words_month(buf, len, c.year, c.month);
	}
	return fitted(buf, len, -1);
}

int portal_words_window(char *buf, size_t len, const char *start_iso, const char *end_iso,
	int this_year)
{
	tz_civil a, b;

	if (buf == NULL || len == 0)
		return PORTAL_EINVAL;
	if (parse_iso(&a, start_iso) != ISO_TIME || parse_iso(&b, end_iso) != ISO_TIME)
		return fitted(buf, len, -1);
	return pt_words_window(buf, len, &a, &b, this_year);
}

/* ---- phone numbers ---- */

/* The ten digits of a North American number in `phone` ("+1 866 415
 * 3937", "(866) 415-3937", "18664153937"), or 0 when it is not one: the
 * area code and the exchange each start with 2 to 9. */
static int nanp_digits(char out[11], const char *phone)
{
	char d[16];
	size_t n = 0;
	int plus = 0;

	for (const char *s = phone; *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (n + 1 >= sizeof(d))
				return 0;
			d[n++] = *s;
		} else if (*s == '+' && n == 0 && !plus) {
			plus = 1;
		} else if (!strchr(" -().", *s)) {
			return 0;
		}
	}
	if (n == 11 && d[0] == '1')
		memmove(d, d + 1, --n);
	else if (plus || n != 10)
		return 0;
	if (d[0] < '2' || d[3] < '2')
		return 0;
	memcpy(out, d, 10);
	out[10] = '\0';
	return 1;
}

void pt_phone_for_people(char *phone)
{
	char words[32];

	portal_words_phone(words, sizeof(words), phone);
	if (strlen(words) <= strlen(phone))
		memcpy(phone, words, strlen(words) + 1);
}

const char *portal_words_phone(char *buf, size_t len, const char *phone)
{
	char d[11];

	if (buf == NULL || len == 0)
		return buf;
	if (phone == NULL)
		phone = "";
	if (nanp_digits(d, phone))
		snprintf(buf, len, "%.3s-%.3s-%.4s", d, d + 3, d + 6);
	else
		snprintf(buf, len, "%s", phone);
	return buf;
}
