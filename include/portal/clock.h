/* SPDX-License-Identifier: MIT */
/*
 * portal/clock.h - reading and writing times in the shop's time zone.
 *
 * Times are stored as UTC seconds. People read and type them in the shop's
 * time zone (the `timezone` setting, an IANA name such as
 * "America/Toronto"). The library reads the system's zoneinfo files
 * itself and never changes the process's TZ or locale.
 */
#ifndef PORTAL_CLOCK_H
#define PORTAL_CLOCK_H

#include "common.h"

PORTAL_BEGIN_DECL

/** Buffer size large enough for every string portal_time_format() writes. */
#define PORTAL_TIME_STRLEN 40

/** How portal_time_format() writes a time. */
typedef enum portal_time_style {
	/** ISO 8601 with the offset: "2026-11-22T14:30:00-05:00". */
	PORTAL_TIME_ISO = 0,
	/** For people: "2026-11-22 14:30 EST". */
	PORTAL_TIME_HUMAN = 1,
	/** The local date only: "2026-11-22". */
	PORTAL_TIME_DATE = 2
} portal_time_style;

/**
 * Parse a time typed by a person or a script, in the shop's time zone:
 * "2026-11-22" (local midnight), "2026-11-22 14:30", "2026-11-22T14:30:05",
 * any timed form followed by "Z" or an offset ("+05:00", "-0330"), or
 * "@1700000000" (Unix seconds).
 *
 * @return PORTAL_OK, or PORTAL_EINVAL with a message quoting the forms
 */
PORTAL_EXTERN(int) portal_time_parse(portal_time *out, portal *p, const char *text);

/**
 * Write `t` in the shop's time zone into `buf` (`len` bytes, at least
 * PORTAL_TIME_STRLEN for every style). Returns `buf`. A zero time gives "".
 */
PORTAL_EXTERN(char *) portal_time_format(char *buf, size_t len, portal *p,
	portal_time t, portal_time_style style);

PORTAL_END_DECL

#endif
