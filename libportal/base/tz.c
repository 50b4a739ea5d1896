/* SPDX-License-Identifier: MIT */
/*
 * tz.c - TZif (RFC 8536) reader and civil time conversions.
 *
 * Nothing here touches process-wide state: the zone file is read with
 * fopen/fread, every table lives in the tz object, and a loaded tz is never
 * modified afterwards, so it may be shared between threads.
 */
#include "tz.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TZ_DEFAULT_DIR "/usr/share/zoneinfo"
#define TZ_MAX_FILE_SIZE ((size_t)1024 * 1024)
#define TZ_NAME_MAX 255
#define TZ_ABBR_MAX 15
#define TZ_FOOTER_MAX 255
#define TZ_PARSE_MAX 63
#define SECS_PER_MINUTE 60
#define SECS_PER_HOUR 3600
#define SECS_PER_DAY 86400

/* RFC 8536 says UT offsets SHOULD lie in -89999..93599 (just over a day);
 * holding files to that keeps all the arithmetic below far from overflow. */
#define TZ_MIN_UTOFF (-89999)
#define TZ_MAX_UTOFF 93599

/* Any solution of t + offset(t) == local lies within 26 hours of local, so
 * a window of two days either side is sure to contain it. */
#define TZ_SEARCH_WINDOW ((int64_t)2 * SECS_PER_DAY)

/* Days 0001-01-01 and 9999-12-31, the calendar range pt_tz_add_days keeps to. */
#define TZ_DAY_MIN INT64_C(-719162)
#define TZ_DAY_MAX INT64_C(2932896)

/* pt_tz_civil_from_days clamps to this many days so the year fits an int. */
#define TZ_DAYS_LIMIT (INT64_C(365) * 2000000000)

/* One local time type: an offset, a DST flag and an abbreviation. */
struct tz_type {
	int32_t utoff;
	int is_dst;
	char abbr[TZ_ABBR_MAX + 1];
};

/* A POSIX rule date: 'J' (Jn, 1..365, Feb 29 never counted), 'D' (n,
 * 0..365, Feb 29 counted) or 'M' (Mm.w.d), with the local time of day. */
struct tz_rule_date {
	char kind;
	int day;
	int month, week, wday;
	int32_t secs;
};

/* The POSIX TZ string of the file's footer. */
struct tz_rule {
	struct tz_type std, dst;
	int has_dst;
	struct tz_rule_date start, end;
};

struct tz {
	char name[TZ_NAME_MAX + 1];
	int64_t *times;          /* transition instants, strictly ascending */
	unsigned char *idx;      /* type index of each transition */
	size_t ntimes;
	struct tz_type *types;
	size_t ntypes;
	int has_rule;
	struct tz_rule rule;
};

/* A change of the POSIX rule: at `at`, DST starts (to_dst) or ends. */
struct tz_change {
	int64_t at;
	int to_dst;
};

/* How tz_resolve treats a local time that falls in a gap. */
enum tz_gap_mode {
	TZ_GAP_SHIFT,     /* move it forward by the gap's length */
	TZ_GAP_BOUNDARY   /* give the first instant after the gap */
};

struct tzif_header {
	unsigned char version;
	uint32_t isutcnt, isstdcnt, leapcnt, timecnt, typecnt, charcnt;
};

struct tz_reader {
	const unsigned char *data;
	size_t len;
	size_t pos;
};

enum tz_read_status {
	TZ_READ_OK,
	TZ_READ_MISSING,
	TZ_READ_FAILED,
	TZ_READ_TOO_LARGE,
	TZ_READ_NO_MEMORY
};

/* ---------------------------------------------------------------------
 * Calendar arithmetic (Howard Hinnant's days_from_civil / civil_from_days).
 */

static int64_t floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if (a % b != 0 && (a < 0) != (b < 0))
		q--;
	return q;
}

static int is_leap(int64_t year)
{
	return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

static int days_in_month(int64_t year, int month)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

/* 1970-01-01 was a Thursday. */
static int weekday_of(int64_t days)
{
	return (int)((days % 7 + 11) % 7);
}

static int64_t days_from_ymd(int64_t year, int month, int day)
{
	int64_t y = year - (month <= 2);
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

int64_t pt_tz_days_from_civil(int year, int month, int day)
{
	return days_from_ymd(year, month, day);
}

void pt_tz_civil_from_days(int64_t days, int *year, int *month, int *day)
{
	int64_t z, era, doe, yoe, doy, mp, m;

	if (days > TZ_DAYS_LIMIT)
		days = TZ_DAYS_LIMIT;
	if (days < -TZ_DAYS_LIMIT)
		days = -TZ_DAYS_LIMIT;
	z = days + 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (year)
		*year = (int)(yoe + era * 400 + (m <= 2));
	if (month)
		*month = (int)m;
	if (day)
		*day = (int)(doy - (153 * mp + 2) / 5 + 1);
}

static int64_t year_of(int64_t t)
{
	int year;

	pt_tz_civil_from_days(floor_div(t, SECS_PER_DAY), &year, NULL, NULL);
	return year;
}

static int64_t clamp_utc(int64_t t)
{
	if (t < TZ_UTC_MIN)
		return TZ_UTC_MIN;
	if (t > TZ_UTC_MAX)
		return TZ_UTC_MAX;
	return t;
}

static int civil_is_valid(const tz_civil *c)
{
	return c->year >= 1 && c->year <= 9999 &&
		c->month >= 1 && c->month <= 12 &&
		c->day >= 1 && c->day <= days_in_month(c->year, c->month) &&
		c->hour >= 0 && c->hour <= 23 &&
		c->minute >= 0 && c->minute <= 59 &&
		c->second >= 0 && c->second <= 59;
}

/* Local wall time as seconds since 1970-01-01T00:00:00 on the local clock. */
static int64_t local_seconds(const tz_civil *c)
{
	return days_from_ymd(c->year, c->month, c->day) * SECS_PER_DAY +
		c->hour * SECS_PER_HOUR + c->minute * SECS_PER_MINUTE + c->second;
}

/* ---------------------------------------------------------------------
 * POSIX TZ strings, with the RFC 8536 extensions (rule times from -167 to
 * 167 hours).
 */

static int is_alpha(int c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int parse_abbr(const char **pp, char out[TZ_ABBR_MAX + 1])
{
	const char *p = *pp;
	int quoted = *p == '<';
	size_t n = 0;

	if (quoted)
		p++;
	while (is_alpha(*p) || (quoted && (is_digit(*p) || *p == '+' || *p == '-'))) {
		if (n == TZ_ABBR_MAX)
			return -1;
		out[n++] = *p++;
	}
	if (quoted && *p++ != '>')
		return -1;
	/* POSIX requires at least three characters. */
	if (n < 3)
		return -1;
	out[n] = '\0';
	*pp = p;
	return 0;
}

/* Reads 1..max_digits decimal digits with a value of at most max. */
static int parse_uint(const char **pp, int max_digits, int max, int *out)
{
	const char *p = *pp;
	int v = 0, n = 0;

	while (is_digit(*p) && n < max_digits) {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (n == 0 || is_digit(*p) || v > max)
		return -1;
	*out = v;
	*pp = p;
	return 0;
}

/* Reads [+-]hh[:mm[:ss]] as signed seconds. */
static int parse_hms(const char **pp, int max_hours, int32_t *out)
{
	const char *p = *pp;
	int sign = 1, h, m = 0, s = 0;

	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (parse_uint(&p, 3, max_hours, &h) != 0)
		return -1;
	if (*p == ':') {
		p++;
		if (parse_uint(&p, 2, 59, &m) != 0)
			return -1;
		if (*p == ':') {
			p++;
			if (parse_uint(&p, 2, 59, &s) != 0)
				return -1;
		}
	}
	*out = sign * (h * SECS_PER_HOUR + m * SECS_PER_MINUTE + s);
	*pp = p;
	return 0;
}

static int parse_mwd(const char **pp, struct tz_rule_date *d)
{
	const char *p = *pp;

	if (parse_uint(&p, 2, 12, &d->month) != 0 || d->month < 1 || *p++ != '.')
		return -1;
	if (parse_uint(&p, 1, 5, &d->week) != 0 || d->week < 1 || *p++ != '.')
		return -1;
	if (parse_uint(&p, 1, 6, &d->wday) != 0)
		return -1;
	*pp = p;
	return 0;
}

static int parse_rule_date(const char **pp, struct tz_rule_date *d)
{
	const char *p = *pp;

	d->kind = *p;
	if (*p == 'J') {
		p++;
		if (parse_uint(&p, 3, 365, &d->day) != 0 || d->day < 1)
			return -1;
	} else if (*p == 'M') {
		p++;
		if (parse_mwd(&p, d) != 0)
			return -1;
	} else {
		d->kind = 'D';
		if (parse_uint(&p, 3, 365, &d->day) != 0)
			return -1;
	}
	d->secs = 2 * SECS_PER_HOUR;
	if (*p == '/') {
		p++;
		if (parse_hms(&p, 167, &d->secs) != 0)
			return -1;
	}
	*pp = p;
	return 0;
}

static int parse_rule(const char *s, struct tz_rule *r)
{
	const char *p = s;
	int32_t off;

	memset(r, 0, sizeof *r);
	/* POSIX offsets count hours west of Greenwich; ours count east. */
	if (parse_abbr(&p, r->std.abbr) != 0 || parse_hms(&p, 24, &off) != 0)
		return -1;
	r->std.utoff = -off;
	if (*p == '\0')
		return 0;
	if (parse_abbr(&p, r->dst.abbr) != 0)
		return -1;
	r->dst.is_dst = 1;
	r->dst.utoff = r->std.utoff + SECS_PER_HOUR;
	if (*p != ',' && *p != '\0') {
		if (parse_hms(&p, 24, &off) != 0)
			return -1;
		r->dst.utoff = -off;
	}
	r->has_dst = 1;
	/* POSIX leaves a missing rule to the implementation; tzcode and glibc
	 * fall back to the US rules, and so do we. */
	if (*p == '\0')
		p = ",M3.2.0,M11.1.0";
	if (*p++ != ',' || parse_rule_date(&p, &r->start) != 0)
		return -1;
	if (*p++ != ',' || parse_rule_date(&p, &r->end) != 0)
		return -1;
	return *p == '\0' ? 0 : -1;
}

/* The day (since the epoch) on which a rule date falls in `year`. */
static int64_t rule_day(const struct tz_rule_date *d, int64_t year)
{
	int64_t first, last, day;

	if (d->kind == 'J')
		return days_from_ymd(year, 1, 1) + d->day - 1 + (is_leap(year) && d->day >= 60);
	if (d->kind == 'D')
		return days_from_ymd(year, 1, 1) + d->day;
	/* The week-th wday of the month; week 5 means the last one. */
	first = days_from_ymd(year, d->month, 1);
	last = first + days_in_month(year, d->month) - 1;
	day = first + (d->wday - weekday_of(first) + 7) % 7 + (int64_t)(d->week - 1) * 7;
	while (day > last)
		day -= 7;
	return day;
}

/* The rule's changes in years year-1..year+1, in time order. Times of day
 * past 24h or below 0 can push a change into a neighbouring year, which is
 * why a single year is not enough. On a tie the end sorts first, so that
 * "DST all year" rules (J365/25 meeting 0/0) stay in DST. */
static void rule_changes(const struct tz_rule *r, int64_t year, struct tz_change ch[6])
{
	size_t n = 0, i, j;
	int64_t y;

	for (y = year - 1; y <= year + 1; y++) {
		ch[n].at = rule_day(&r->start, y) * SECS_PER_DAY + r->start.secs - r->std.utoff;
		ch[n++].to_dst = 1;
		ch[n].at = rule_day(&r->end, y) * SECS_PER_DAY + r->end.secs - r->dst.utoff;
		ch[n++].to_dst = 0;
	}
	for (i = 1; i < n; i++) {
		struct tz_change c = ch[i];

		for (j = i; j > 0 && (ch[j - 1].at > c.at ||
				(ch[j - 1].at == c.at && ch[j - 1].to_dst > c.to_dst)); j--)
			ch[j] = ch[j - 1];
		ch[j] = c;
	}
}

/* The state set by the last change at or before t. Three years of changes
 * always hold one; should odd rule times defeat that, the state before the
 * first change is the opposite of what it sets. */
static const struct tz_type *rule_type_at(const struct tz_rule *r, int64_t t)
{
	struct tz_change ch[6];
	size_t i;
	int dst;

	if (!r->has_dst)
		return &r->std;
	rule_changes(r, year_of(t + r->std.utoff), ch);
	dst = !ch[0].to_dst;
	for (i = 0; i < 6 && ch[i].at <= t; i++)
		dst = ch[i].to_dst;
	return dst ? &r->dst : &r->std;
}

/* The first change after t. Each window of three years normally has one;
 * looking two years further only guards against odd rule times. */
static int rule_next_change(const struct tz_rule *r, int64_t t, int64_t *next)
{
	struct tz_change ch[6];
	int64_t year = year_of(t);
	int64_t y;
	size_t i;

	if (!r->has_dst)
		return 0;
	for (y = year; y <= year + 2; y++) {
		rule_changes(r, y, ch);
		for (i = 0; i < 6; i++) {
			if (ch[i].at > t) {
				*next = ch[i].at;
				return 1;
			}
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * Looking up the local time type of an instant.
 */

/* The number of transitions at or before t. */
static size_t transitions_until(const tz *z, int64_t t)
{
	size_t lo = 0, hi = z->ntimes;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (z->times[mid] <= t)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* RFC 8536: type 0 before the first transition, the footer's rule from the
 * last one on (tzfile(5): for all instants if there are no transitions),
 * or the last transition's type when the footer is empty. */
static const struct tz_type *type_at(const tz *z, int64_t t)
{
	size_t n = transitions_until(z, t);

	if (n == z->ntimes && z->has_rule)
		return rule_type_at(&z->rule, t);
	return &z->types[n > 0 ? z->idx[n - 1] : 0];
}

/* The first instant after t at which the type may change, if any. */
static int next_change(const tz *z, int64_t t, int64_t *next)
{
	size_t n = transitions_until(z, t);

	if (n < z->ntimes) {
		*next = z->times[n];
		return 1;
	}
	if (z->has_rule)
		return rule_next_change(&z->rule, t, next);
	return 0;
}

/* Finds the earliest instant t with t + offset(t) == local by walking the
 * stretches of constant type around local. If there is none, local lies in
 * a gap: the first stretch whose solution lies past its end is followed by
 * one whose solution lies before its start, and the gap is between them. */
static int64_t tz_resolve(const tz *z, int64_t local, enum tz_gap_mode mode)
{
	int64_t a = local - TZ_SEARCH_WINDOW;
	int64_t hi = local + TZ_SEARCH_WINDOW;
	int32_t off = type_at(z, a)->utoff;

	for (;;) {
		int64_t cand = local - off;
		int64_t b;
		int32_t next_off;

		if (!next_change(z, a, &b) || b > hi || cand < b)
			return cand;
		next_off = type_at(z, b)->utoff;
		if (local - next_off < b)
			return mode == TZ_GAP_SHIFT ? cand : b;
		a = b;
		off = next_off;
	}
}

/* ---------------------------------------------------------------------
 * Reading TZif files.
 */

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* Two's complement decoding spelled out, since converting an out-of-range
 * unsigned value to a signed type is implementation-defined. */
static int32_t get_i32(const unsigned char *p)
{
	uint32_t u = get_u32(p);

	if (u <= INT32_MAX)
		return (int32_t)u;
	return (int32_t)(u - UINT32_C(0x80000000)) - INT32_MAX - 1;
}

static int64_t get_i64(const unsigned char *p)
{
	uint64_t u = (uint64_t)get_u32(p) << 32 | get_u32(p + 4);

	if (u <= INT64_MAX)
		return (int64_t)u;
	return (int64_t)(u - UINT64_C(0x8000000000000000)) - INT64_MAX - 1;
}

/* Returns the next n bytes, or NULL if the data is shorter than that. */
static const unsigned char *reader_take(struct tz_reader *r, uint64_t n)
{
	const unsigned char *p;

	if (n > r->len - r->pos)
		return NULL;
	p = r->data + r->pos;
	r->pos += (size_t)n;
	return p;
}

static int read_header(struct tz_reader *r, struct tzif_header *h)
{
	const unsigned char *p = reader_take(r, 44);

	if (!p || memcmp(p, "TZif", 4) != 0)
		return -1;
	h->version = p[4];
	h->isutcnt = get_u32(p + 20);
	h->isstdcnt = get_u32(p + 24);
	h->leapcnt = get_u32(p + 28);
	h->timecnt = get_u32(p + 32);
	h->typecnt = get_u32(p + 36);
	h->charcnt = get_u32(p + 40);
	return 0;
}

static int version_is_64bit(unsigned char version)
{
	return version >= '2' && version <= '9';
}

static uint64_t data_block_size(const struct tzif_header *h, uint64_t time_size)
{
	return h->timecnt * time_size + h->timecnt + (uint64_t)h->typecnt * 6 +
		h->charcnt + h->leapcnt * (time_size + 4) + h->isstdcnt + h->isutcnt;
}

static const char *check_counts(const struct tzif_header *h, const struct tz_reader *r)
{
	if (h->typecnt == 0 || h->typecnt > 256)
		return "bad number of local time types";
	if (h->charcnt == 0)
		return "no time zone abbreviations";
	if ((h->isutcnt != 0 && h->isutcnt != h->typecnt) ||
			(h->isstdcnt != 0 && h->isstdcnt != h->typecnt))
		return "bad number of indicators";
	/* The "right/" zones count leap seconds in their timestamps, which
	 * would put every answer off by half a minute. */
	if (h->leapcnt != 0)
		return "leap-second zones are not supported";
	if (data_block_size(h, 8) > r->len - r->pos)
		return "truncated data";
	return NULL;
}

static const char *read_times(tz *z, struct tz_reader *r, const struct tzif_header *h)
{
	const unsigned char *tp = reader_take(r, (uint64_t)h->timecnt * 8);
	const unsigned char *ip = reader_take(r, h->timecnt);
	size_t i, n = h->timecnt;

	if (!tp || !ip)
		return "truncated data";
	if (n == 0)
		return NULL;
	z->times = malloc(n * sizeof *z->times);
	z->idx = malloc(n);
	if (!z->times || !z->idx)
		return "out of memory";
	for (i = 0; i < n; i++) {
		z->times[i] = get_i64(tp + 8 * i);
		if (i > 0 && z->times[i] <= z->times[i - 1])
			return "transition times out of order";
		if (ip[i] >= h->typecnt)
			return "transition type index out of range";
		z->idx[i] = ip[i];
	}
	z->ntimes = n;
	return NULL;
}

static const char *read_types(tz *z, struct tz_reader *r, const struct tzif_header *h)
{
	const unsigned char *tp = reader_take(r, (uint64_t)h->typecnt * 6);
	const unsigned char *cp = reader_take(r, h->charcnt);
	size_t i;

	if (!tp || !cp)
		return "truncated data";
	z->types = calloc(h->typecnt, sizeof *z->types);
	if (!z->types)
		return "out of memory";
	for (i = 0; i < h->typecnt; i++) {
		const unsigned char *p = tp + 6 * i;
		struct tz_type *t = &z->types[i];
		const char *abbr;
		size_t len;

		t->utoff = get_i32(p);
		if (t->utoff < TZ_MIN_UTOFF || t->utoff > TZ_MAX_UTOFF)
			return "UTC offset out of range";
		if (p[4] > 1)
			return "bad DST flag";
		t->is_dst = p[4];
		if (p[5] >= h->charcnt || !memchr(cp + p[5], '\0', h->charcnt - p[5]))
			return "bad abbreviation index";
		abbr = (const char *)cp + p[5];
		len = strlen(abbr);
		if (len > TZ_ABBR_MAX)
			len = TZ_ABBR_MAX;
		memcpy(t->abbr, abbr, len);
	}
	z->ntypes = h->typecnt;
	return NULL;
}

static const char *read_indicators(struct tz_reader *r, const struct tzif_header *h)
{
	const unsigned char *std = reader_take(r, h->isstdcnt);
	const unsigned char *ut = reader_take(r, h->isutcnt);
	size_t i;

	if (!std || !ut)
		return "truncated data";
	for (i = 0; i < h->isstdcnt; i++)
		if (std[i] > 1)
			return "bad standard/wall indicator";
	for (i = 0; i < h->isutcnt; i++)
		if (ut[i] > 1 || (ut[i] == 1 && (h->isstdcnt == 0 || std[i] != 1)))
			return "bad UT/local indicator";
	return NULL;
}

/* The footer is "\n" TZ-string "\n" and ends the file. */
static const char *read_footer(tz *z, struct tz_reader *r)
{
	const unsigned char *start = r->data + r->pos;
	size_t left = r->len - r->pos;
	const unsigned char *nl;
	char spec[TZ_FOOTER_MAX + 1];
	size_t n;

	if (left < 2 || start[0] != '\n')
		return "missing footer";
	nl = memchr(start + 1, '\n', left - 1);
	if (!nl)
		return "unterminated footer";
	if ((size_t)(nl - start) + 1 != left)
		return "trailing data after footer";
	n = (size_t)(nl - start) - 1;
	if (n > TZ_FOOTER_MAX)
		return "footer too long";
	memcpy(spec, start + 1, n);
	spec[n] = '\0';
	if (strlen(spec) != n)
		return "NUL byte in footer";
	if (n == 0)
		return NULL;
	if (parse_rule(spec, &z->rule) != 0)
		return "bad TZ string in footer";
	z->has_rule = 1;
	return NULL;
}

/* Parses a whole file into z; returns NULL or the reason it is refused. */
static const char *parse_tzif(tz *z, const unsigned char *data, size_t len)
{
	struct tz_reader r = { data, len, 0 };
	struct tzif_header h;
	const char *why;

	if (read_header(&r, &h) != 0)
		return "not a TZif file";
	if (!version_is_64bit(h.version))
		return "version 1 (32-bit only) files are not supported";
	/* The version 1 block only matters to old readers: skip it. */
	if (!reader_take(&r, data_block_size(&h, 4)))
		return "truncated data";
	if (read_header(&r, &h) != 0 || !version_is_64bit(h.version))
		return "bad second header";
	why = check_counts(&h, &r);
	if (!why)
		why = read_times(z, &r, &h);
	if (!why)
		why = read_types(z, &r, &h);
	if (!why)
		why = read_indicators(&r, &h);
	if (!why)
		why = read_footer(z, &r);
	return why;
}

/* ---------------------------------------------------------------------
 * Loading.
 */

/* The format attribute lets the compiler check every call's arguments. */
#if defined(__GNUC__)
__attribute__((format(printf, 3, 4)))
#endif
static void set_error(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (!err || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

static int name_char_ok(int c)
{
	return is_alpha(c) || is_digit(c) || c == '_' || c == '+' || c == '-' ||
		c == '/' || c == '.';
}

/* Checked before any file is opened, so that a name can never reach
 * outside the zoneinfo directory through "..", an absolute path or odd
 * characters. */
static int name_is_valid(const char *name)
{
	size_t i, start = 0;

	if (!name || name[0] == '\0' || name[0] == '/')
		return 0;
	for (i = 0; ; i++) {
		if (i > TZ_NAME_MAX)
			return 0;
		if (name[i] == '/' || name[i] == '\0') {
			size_t n = i - start;

			if (n == 0 || (n == 1 && name[start] == '.') ||
					(n == 2 && name[start] == '.' && name[start + 1] == '.'))
				return 0;
			if (name[i] == '\0')
				return 1;
			start = i + 1;
		} else if (!name_char_ok((unsigned char)name[i])) {
			return 0;
		}
	}
}

static int is_builtin_utc(const char *name)
{
	return strcmp(name, "UTC") == 0 || strcmp(name, "Etc/UTC") == 0;
}

static int make_utc(tz *z)
{
	z->types = calloc(1, sizeof *z->types);
	if (!z->types)
		return -1;
	z->ntypes = 1;
	memcpy(z->types[0].abbr, "UTC", 4);
	return 0;
}

static char *join_path(const char *dir, const char *name)
{
	size_t dlen = strlen(dir), nlen = strlen(name);
	char *path = malloc(dlen + nlen + 2);

	if (!path)
		return NULL;
	memcpy(path, dir, dlen);
	path[dlen] = '/';
	memcpy(path + dlen + 1, name, nlen + 1);
	return path;
}

/* Reads at most TZ_MAX_FILE_SIZE bytes; one byte more means too large. */
static enum tz_read_status read_file(const char *path, unsigned char **out, size_t *outlen)
{
	enum tz_read_status st = TZ_READ_FAILED;
	unsigned char *buf = NULL;
	FILE *f = fopen(path, "rb");
	size_t n;

	if (!f)
		return errno == ENOENT || errno == ENOTDIR ? TZ_READ_MISSING : TZ_READ_FAILED;
	buf = malloc(TZ_MAX_FILE_SIZE + 1);
	if (!buf) {
		st = TZ_READ_NO_MEMORY;
		goto done;
	}
	n = fread(buf, 1, TZ_MAX_FILE_SIZE + 1, f);
	if (ferror(f))
		goto done;
	if (n > TZ_MAX_FILE_SIZE) {
		st = TZ_READ_TOO_LARGE;
		goto done;
	}
	*out = buf;
	*outlen = n;
	buf = NULL;
	st = TZ_READ_OK;
done:
	free(buf);
	fclose(f);
	return st;
}

static void read_error(enum tz_read_status st, const char *name, char *err, size_t errlen)
{
	switch (st) {
	case TZ_READ_MISSING:
		set_error(err, errlen, "unknown time zone \"%s\"", name);
		break;
	case TZ_READ_TOO_LARGE:
		set_error(err, errlen, "time zone file for \"%s\" is larger than 1 MiB", name);
		break;
	case TZ_READ_NO_MEMORY:
		set_error(err, errlen, "out of memory loading time zone \"%s\"", name);
		break;
	default:
		set_error(err, errlen, "cannot read time zone file for \"%s\"", name);
		break;
	}
}

int pt_tz_load(tz **out, const char *name, const char *dir, char *err, size_t errlen)
{
	enum tz_read_status st;
	unsigned char *data = NULL;
	char *path = NULL;
	size_t len = 0;
	const char *why;
	tz *z = NULL;
	int rc = -1;

	set_error(err, errlen, "%s", "");
	if (!out) {
		set_error(err, errlen, "pt_tz_load: no place to store the zone");
		return -1;
	}
	*out = NULL;
	if (!name_is_valid(name)) {
		set_error(err, errlen, "invalid time zone name");
		return -1;
	}
	z = calloc(1, sizeof *z);
	if (!z) {
		set_error(err, errlen, "out of memory loading time zone \"%s\"", name);
		return -1;
	}
	strcpy(z->name, name);
	if (is_builtin_utc(name)) {
		rc = make_utc(z);
		if (rc != 0)
			set_error(err, errlen, "out of memory loading time zone \"%s\"", name);
		goto done;
	}
	path = join_path(dir ? dir : TZ_DEFAULT_DIR, name);
	st = path ? read_file(path, &data, &len) : TZ_READ_NO_MEMORY;
	if (st != TZ_READ_OK) {
		read_error(st, name, err, errlen);
		goto done;
	}
	why = parse_tzif(z, data, len);
	if (why) {
		set_error(err, errlen, "time zone \"%s\" is unusable: %s", name, why);
		goto done;
	}
	rc = 0;
done:
	free(data);
	free(path);
	if (rc == 0)
		*out = z;
	else
		pt_tz_free(z);
	return rc;
}

void pt_tz_free(tz *z)
{
	if (!z)
		return;
	free(z->times);
	free(z->idx);
	free(z->types);
	free(z);
}

const char *pt_tz_name(const tz *z)
{
	return z ? z->name : "";
}

/* ---------------------------------------------------------------------
 * Conversions.
 */

void pt_tz_to_civil(const tz *z, int64_t utc, tz_civil *out)
{
	const struct tz_type *tt;
	int64_t local, days, secs;

	if (!z || !out)
		return;
	utc = clamp_utc(utc);
	tt = type_at(z, utc);
	local = utc + tt->utoff;
	days = floor_div(local, SECS_PER_DAY);
	secs = local - days * SECS_PER_DAY;
	memset(out, 0, sizeof *out);
	pt_tz_civil_from_days(days, &out->year, &out->month, &out->day);
	out->hour = (int)(secs / SECS_PER_HOUR);
	out->minute = (int)(secs / SECS_PER_MINUTE % 60);
	out->second = (int)(secs % 60);
	out->wday = weekday_of(days);
	out->yday = (int)(days - days_from_ymd(out->year, 1, 1));
	out->utc_offset = tt->utoff;
	out->is_dst = tt->is_dst;
	memcpy(out->abbr, tt->abbr, sizeof out->abbr);
}

int pt_tz_from_civil(const tz *z, const tz_civil *local, int64_t *out_utc)
{
	if (!z || !local || !out_utc || !civil_is_valid(local))
		return -1;
	*out_utc = tz_resolve(z, local_seconds(local), TZ_GAP_SHIFT);
	return 0;
}

int64_t pt_tz_day_start(const tz *z, int64_t utc)
{
	tz_civil c;

	if (!z)
		return utc;
	pt_tz_to_civil(z, utc, &c);
	return tz_resolve(z, days_from_ymd(c.year, c.month, c.day) * SECS_PER_DAY,
		TZ_GAP_BOUNDARY);
}

int64_t pt_tz_add_days(const tz *z, int64_t utc, int days)
{
	tz_civil c;
	int64_t day;

	if (!z)
		return utc;
	pt_tz_to_civil(z, utc, &c);
	day = days_from_ymd(c.year, c.month, c.day) + days;
	if (day < TZ_DAY_MIN)
		day = TZ_DAY_MIN;
	if (day > TZ_DAY_MAX)
		day = TZ_DAY_MAX;
	return tz_resolve(z, day * SECS_PER_DAY + c.hour * SECS_PER_HOUR +
		c.minute * SECS_PER_MINUTE + c.second, TZ_GAP_SHIFT);
}

/* ---------------------------------------------------------------------
 * Parsing and formatting.
 */

static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Reads exactly n digits. */
static int take_digits(const char **pp, int n, int *out)
{
	const char *p = *pp;
	int v = 0, i;

	for (i = 0; i < n; i++) {
		if (!is_digit(p[i]))
			return -1;
		v = v * 10 + (p[i] - '0');
	}
	*out = v;
	*pp = p + n;
	return 0;
}

static int take_char(const char **pp, char c)
{
	if (**pp != c)
		return -1;
	(*pp)++;
	return 0;
}

static int parse_unix(const char *p, int64_t *out_utc)
{
	int64_t v = 0;
	int neg = 0, n = 0;

	if (*p == '-') {
		neg = 1;
		p++;
	}
	/* Twelve digits cover the whole supported range and cannot overflow. */
	for (; is_digit(*p); p++) {
		if (++n > 12)
			return -1;
		v = v * 10 + (*p - '0');
	}
	if (n == 0 || *p != '\0')
		return -1;
	v = neg ? -v : v;
	if (v < TZ_UTC_MIN || v > TZ_UTC_MAX)
		return -1;
	*out_utc = v;
	return 0;
}

/* "Z", "+HH", "+HHMM" or "+HH:MM" (or with '-'), as seconds east. */
static int parse_offset(const char **pp, int32_t *off)
{
	const char *p = *pp;
	int sign, h, m = 0;

	if (*p == 'Z') {
		*off = 0;
		*pp = p + 1;
		return 0;
	}
	if (*p != '+' && *p != '-')
		return -1;
	sign = *p++ == '-' ? -1 : 1;
	if (take_digits(&p, 2, &h) != 0 || h > 23)
		return -1;
	if (*p == ':' || is_digit(*p)) {
		if (*p == ':')
			p++;
		if (take_digits(&p, 2, &m) != 0 || m > 59)
			return -1;
	}
	*off = sign * (h * SECS_PER_HOUR + m * SECS_PER_MINUTE);
	*pp = p;
	return 0;
}

static int parse_datetime(const tz *z, const char *p, int64_t *out_utc)
{
	tz_civil c;
	int32_t off;

	memset(&c, 0, sizeof c);
	if (take_digits(&p, 4, &c.year) != 0 || take_char(&p, '-') != 0 ||
			take_digits(&p, 2, &c.month) != 0 || take_char(&p, '-') != 0 ||
			take_digits(&p, 2, &c.day) != 0)
		return -1;
	if (*p == '\0')
		return pt_tz_from_civil(z, &c, out_utc);
	if (*p != ' ' && *p != 'T')
		return -1;
	p++;
	if (take_digits(&p, 2, &c.hour) != 0 || take_char(&p, ':') != 0 ||
			take_digits(&p, 2, &c.minute) != 0)
		return -1;
	if (*p == ':') {
		p++;
		if (take_digits(&p, 2, &c.second) != 0)
			return -1;
	}
	if (*p == '\0')
		return pt_tz_from_civil(z, &c, out_utc);
	if (parse_offset(&p, &off) != 0 || *p != '\0' || !civil_is_valid(&c))
		return -1;
	*out_utc = local_seconds(&c) - off;
	return 0;
}

int pt_tz_parse(const tz *z, const char *text, int64_t *out_utc)
{
	char buf[TZ_PARSE_MAX + 1];
	size_t n;

	if (!z || !text || !out_utc)
		return -1;
	while (is_space((unsigned char)*text))
		text++;
	n = strlen(text);
	while (n > 0 && is_space((unsigned char)text[n - 1]))
		n--;
	/* Every accepted form is short; copying the trimmed text lets the
	 * parsers below rely on a terminating NUL. */
	if (n > TZ_PARSE_MAX)
		return -1;
	memcpy(buf, text, n);
	buf[n] = '\0';
	if (buf[0] == '@')
		return parse_unix(buf + 1, out_utc);
	return parse_datetime(z, buf, out_utc);
}

char *pt_tz_format(const tz *z, int64_t utc, char *buf, size_t len)
{
	tz_civil c;
	int32_t off;
	char sign;

	if (!buf || len == 0)
		return buf;
	if (!z) {
		buf[0] = '\0';
		return buf;
	}
	pt_tz_to_civil(z, utc, &c);
	sign = c.utc_offset < 0 ? '-' : '+';
	off = c.utc_offset < 0 ? -c.utc_offset : c.utc_offset;
	if (off % 60 != 0)
		snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d:%02d",
			c.year, c.month, c.day, c.hour, c.minute, c.second, sign,
			(int)(off / 3600), (int)(off / 60 % 60), (int)(off % 60));
	else
		snprintf(buf, len, "%04d-%02d-%02dT%02d:%02d:%02d%c%02d:%02d",
			c.year, c.month, c.day, c.hour, c.minute, c.second, sign,
			(int)(off / 3600), (int)(off / 60 % 60));
	return buf;
}
