/* SPDX-License-Identifier: MIT */
/*
 * tz.h - time zone conversions for libportal (private header).
 *
 * The library must convert between UTC and a shop's local civil time without
 * touching the host process's global state, because it is linked into other
 * programs: no TZ environment variable, no tzset(), no localtime() or
 * mktime(). Instead it reads the compiled zoneinfo files (TZif, RFC 8536)
 * itself, including the POSIX TZ rule in the version 2+ footer that gives
 * local time after the last transition stored in the file.
 *
 * All instants are int64_t seconds since 1970-01-01T00:00:00Z, without leap
 * seconds. A loaded zone is immutable, so one tz may be shared by threads.
 */
#ifndef LIBPORTAL_TZ_H
#define LIBPORTAL_TZ_H

#include <stddef.h>
#include <stdint.h>

/* The supported range of instants: 0001-01-01T00:00:00Z .. 9999-12-31T23:59:59Z.
 * Functions taking an instant clamp it to this range. */
#define TZ_UTC_MIN INT64_C(-62135596800)
#define TZ_UTC_MAX INT64_C(253402300799)

typedef struct tz tz;               /* opaque loaded zone */

typedef struct tz_civil {
	int year;      /* e.g. 2026 */
	int month;     /* 1..12 */
	int day;       /* 1..31 */
	int hour, minute, second;
	int wday;      /* 0 = Sunday */
	int yday;      /* 0..365 */
	int32_t utc_offset;   /* seconds east of UTC in force */
	int is_dst;
	char abbr[16]; /* "EST", "+1030" ... */
} tz_civil;

/* Load zone `name` from `dir` (NULL = "/usr/share/zoneinfo"). "UTC" and
 * "Etc/UTC" are built in and need no file. Names are validated before any
 * file is opened: 1..255 chars of [A-Za-z0-9_+-/.], no leading '/', no "."
 * or ".." component, no empty component. Files with leap-second data (the
 * "right/" zones), version 1 files and files over 1 MiB are refused.
 * Returns 0 and *out on success, or -1 with a one-line English message in
 * err (if err != NULL and errlen > 0; always NUL-terminated). Caller frees
 * with pt_tz_free(). */
int pt_tz_load(tz **out, const char *name, const char *dir, char *err, size_t errlen);
void pt_tz_free(tz *z);                         /* NULL is a no-op */
const char *pt_tz_name(const tz *z);

/* UTC -> local civil time. */
void pt_tz_to_civil(const tz *z, int64_t utc, tz_civil *out);

/* Local wall time -> UTC. Fields used: year (1..9999), month, day, hour,
 * minute, second; the others are ignored. Out-of-range values return -1.
 * A time in a gap (spring forward) is moved forward by the gap's length
 * (02:30 in a 02:00->03:00 gap gives 03:30 local); a time that occurs twice
 * (fall back) gives the earlier instant. Returns 0 or -1. */
int pt_tz_from_civil(const tz *z, const tz_civil *local, int64_t *out_utc);

/* The UTC instant at which the local calendar day containing `utc` begins
 * (local midnight, or the first existing instant of that day if midnight
 * is skipped). */
int64_t pt_tz_day_start(const tz *z, int64_t utc);

/* Add `days` calendar days in local time: same wall clock time on the day
 * `days` later (gap/overlap resolved as pt_tz_from_civil). The resulting date
 * is clamped to years 1..9999. */
int64_t pt_tz_add_days(const tz *z, int64_t utc, int days);

/* Pure civil-calendar helpers (proleptic Gregorian). pt_tz_days_from_civil
 * expects month 1..12 and works for any int year; pt_tz_civil_from_days clamps
 * its input to about +-2e9 years so that the year fits an int. */
int64_t pt_tz_days_from_civil(int year, int month, int day);   /* days since 1970-01-01 */
void pt_tz_civil_from_days(int64_t days, int *year, int *month, int *day);

/* Parse a time as a person or a script types it. Accepted:
 *   "@1700000000"                       Unix seconds (optionally negative)
 *   "2026-11-22"                        local midnight in z
 *   "2026-11-22 14:30" / "2026-11-22T14:30" / with ":05" seconds   local time in z
 *   any of the timed forms followed by "Z" or "+05:00" / "-0330" / "+05"   explicit offset
 * Leading/trailing white space allowed; anything else (bad dates like
 * 2026-02-30, hour 24, trailing junk, years outside 1..9999) returns -1.
 * Returns 0 and *out_utc. */
int pt_tz_parse(const tz *z, const char *text, int64_t *out_utc);

/* Format as ISO 8601 local time with offset, e.g. "2026-11-22T14:30:00-05:00"
 * (UTC gives "...+00:00"; an offset with seconds, as in local mean time
 * before 1900, is written "+HH:MM:SS"). buf needs at least 32 bytes;
 * returns buf. */
char *pt_tz_format(const tz *z, int64_t utc, char *buf, size_t len);

#endif
