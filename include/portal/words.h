/* SPDX-License-Identifier: MIT */
/*
 * portal/words.h - times, months and phone numbers written for people.
 *
 * The customer reads "Mon 7 Dec, 1:00–3:00 pm", "December 2026" and
 * "866-415-3937" on every page, PDF and message; the JSON views keep
 * their ISO 8601 forms, which these functions turn into words. An ISO
 * time as the library writes it ("2026-12-07T13:00:00-05:00") already
 * holds the shop's wall clock, so no handle is needed: a page, a PDF and
 * a message all write the same words for the same moment.
 */
#ifndef PORTAL_WORDS_H
#define PORTAL_WORDS_H

#include "common.h"

PORTAL_BEGIN_DECL

/** Buffer size large enough for every text these functions write. */
#define PORTAL_WORDS_LEN 80

/** What portal_words_iso() writes of a time. */
typedef enum portal_words_style {
	/** The day: "Mon 7 Dec 2026". */
	PORTAL_WORDS_DAY = 0,
	/** The time of day: "1:00 pm", "12:00 am" (midnight), "12:00 pm" (noon). */
	PORTAL_WORDS_TIME = 1,
	/** Both: "Mon 7 Dec 2026, 1:00 pm". */
	PORTAL_WORDS_DAY_TIME = 2,
	/** The month: "December 2026". */
	PORTAL_WORDS_MONTH = 3
} portal_words_style;

/**
 * Write the local time `iso` ("2026-12-07T13:00:00-05:00", a day
 * "2026-12-07" or a month "2026-12", as the views write them) in words
 * of `style` into `buf` (`len` bytes, PORTAL_WORDS_LEN is enough). A day's
 * year is left out when it is `this_year` (0: always written); a month
 * always has its year. A day or a month has no time of day: asking for
 * one is refused.
 * @return PORTAL_OK, or PORTAL_EINVAL when `iso` has none of those shapes
 *         or `buf` is too small (then `buf` is "")
 */
PORTAL_EXTERN(int) portal_words_iso(char *buf, size_t len, const char *iso,
	portal_words_style style, int this_year);

/**
 * Write an arrival window from `start_iso` to `end_iso` (local times as
 * the views write them) into `buf`: "Mon 7 Dec, 1:00–3:00 pm" within a
 * morning or an afternoon, "Mon 7 Dec, 11:00 am–1:00 pm" across noon,
 * "Mon 7 Dec, 11:00 pm – Tue 8 Dec, 1:00 am" across midnight. Years as
 * portal_words_iso().
 * @return PORTAL_OK, or PORTAL_EINVAL as portal_words_iso()
 */
PORTAL_EXTERN(int) portal_words_window(char *buf, size_t len, const char *start_iso,
	const char *end_iso, int this_year);

/**
 * Write phone number `phone` for people into `buf` (`len` bytes; 32 is
 * enough for any stored number): a North American number, "+18664153937"
 * or ten digits however punctuated, reads "866-415-3937"; any other
 * number is written as it is. Returns `buf`; NULL gives "".
 */
PORTAL_EXTERN(const char *) portal_words_phone(char *buf, size_t len, const char *phone);

PORTAL_END_DECL

#endif
