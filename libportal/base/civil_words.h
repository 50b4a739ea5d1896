/* SPDX-License-Identifier: MIT */
/*
 * civil_words.h - times, months and phone numbers written for people (private
 * header): the one place their words are made. portal/words.h gives the
 * same words from ISO text to the front ends; the messages and the PDFs
 * call these on the civil time of the shop's zone.
 */
#ifndef PORTAL_BASE_WORDS_H
#define PORTAL_BASE_WORDS_H

#include "tz.h"

#include <stddef.h>

/* "Mon 7 Dec 2026", the year left out when it is `this_year` (0: never). */
int pt_words_day(char *buf, size_t len, const tz_civil *c, int this_year);

/* "1:00 pm"; "12:00 am" at midnight, "12:00 pm" at noon. */
int pt_words_time(char *buf, size_t len, const tz_civil *c);

/* "Mon 7 Dec 2026, 1:00 pm", the year as pt_words_day(). */
int pt_words_day_time(char *buf, size_t len, const tz_civil *c, int this_year);

/* "December 2026". */
int pt_words_month(char *buf, size_t len, int year, int month);

/* Phone number `phone` as portal_words_phone() writes it, in place, when
 * that is no longer than it is (a stored "+18664153937" always is). */
void pt_phone_for_people(char *phone);

/* An arrival window, as portal_words_window() says. */
int pt_words_window(char *buf, size_t len, const tz_civil *a, const tz_civil *b,
	int this_year);

#endif
