/* SPDX-License-Identifier: MIT */
/*
 * local_days.h - calendar days in the shop's time zone (clock.c).
 */
#ifndef PORTAL_LOCAL_DAYS_H
#define PORTAL_LOCAL_DAYS_H

#include "internal.h"
#include <portal/words.h>

struct tz;

/* The shop's time zone (loaded lazily); NULL with an error set on failure. */
const struct tz *pt_shop_tz(portal *p);

/*
 * Calendar days in the shop's zone (clock.c). Rules that speak of days
 * ("valid 7 days", "90 days of warranty", "overdue") count local dates,
 * as day numbers: days since 1970-01-01.
 */
/* The local date of `t`. */
int pt_local_day(int64_t *out, portal *p, portal_time t);
/* The instant local day `day` begins (its midnight, or the first instant
 * after a skipped midnight). */
int pt_local_day_begin(portal_time *out, portal *p, int64_t day);
/* Write day `day` as "YYYY-MM-DD" into buf (11 bytes). */
char *pt_day_format(char buf[11], int64_t day);
/* Parse "YYYY-MM-DD" (a real date); -1 if it is not one. */
int pt_day_parse(int64_t *out, const char *text);

/*
 * The same moments in words for people (base/words.h), in the shop's
 * zone. `this_year` leaves the year out of a day of that year; 0 writes
 * it always (a document kept for years), PT_WORDS_NOW when it is the
 * year of the handle's clock (a message read now).
 */
#define PT_WORDS_NOW (-1)
/* `t` as `style` (a portal_words_style): "Mon 7 Dec 2026, 1:00 pm". */
int pt_time_words(char *buf, size_t len, portal *p, portal_time t, int style,
	int this_year);
/* A moment soon, as a customer told to wait reads it: "11:00 am" today,
 * "Mon 8 Dec, 9:00 am" on another day. */
int pt_soon_words(char *buf, size_t len, portal *p, portal_time t);
/* Day number `day` (as pt_local_day()): "Mon 7 Dec 2026". */
int pt_day_words(char *buf, size_t len, portal *p, int64_t day, int this_year);
/* A day as the records write it ("2026-12-07") in words, the year as
 * pt_day_words(); PORTAL_EINVAL when it is no day. */
int pt_iso_day_words(char *buf, size_t len, portal *p, const char *iso, int this_year);
/* The window from `start` to `end`: "Mon 7 Dec, 1:00–3:00 pm", the
 * year as pt_time_words(). */
int pt_window_words(char *buf, size_t len, portal *p, portal_time start,
	portal_time end, int this_year);

#endif
