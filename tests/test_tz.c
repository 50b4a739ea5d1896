/* SPDX-License-Identifier: MIT */
/*
 * test_tz.c - unit tests for libportal's time zone module (tz.c).
 *
 * Expected values are hard-coded, never computed by asking the host's own
 * time zone code: the library exists precisely so that nothing has to set
 * TZ. The real zones are read from /usr/share/zoneinfo; dates after 2037
 * exercise the POSIX rule in the file's footer, since the transition tables
 * stop in 2037. Crafted TZif files, written to a temporary directory, test
 * the rule parser on its own and make sure that broken files are refused.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "tz.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* The temporary zoneinfo directory, made by group_setup. */
static char tmp_dir[64];

/* Every file and directory the tests create in tmp_dir. */
static const char *const tmp_files[] = { "Crafted", "Big" };
static const char *const tmp_dirs[] = { "Dir", "Empty" };

#define check_i64(actual, expected, what, row) do { \
	int64_t a_ = (actual), e_ = (expected); \
	if (a_ != e_) \
		fail_msg("%s (row %d): got %lld, want %lld", (what), (int)(row), \
			(long long)a_, (long long)e_); \
} while (0)

struct ymdhms {
	int year, month, day, hour, minute, second;
};

/* ---------------------------------------------------------------------
 * Helpers.
 */

static void tmp_path(char *buf, size_t len, const char *name)
{
	int n = snprintf(buf, len, "%s/%s", tmp_dir, name);

	assert_true(n > 0 && (size_t)n < len);
}

static tz *load_system(const char *name)
{
	char err[256];
	tz *z = NULL;

	if (pt_tz_load(&z, name, NULL, err, sizeof err) != 0)
		fail_msg("pt_tz_load(\"%s\") failed: %s", name, err);
	assert_non_null(z);
	return z;
}

static tz_civil civil_of(const struct ymdhms *t)
{
	tz_civil c;

	memset(&c, 0, sizeof c);
	c.year = t->year;
	c.month = t->month;
	c.day = t->day;
	c.hour = t->hour;
	c.minute = t->minute;
	c.second = t->second;
	return c;
}

static void check_wall(const tz_civil *c, const struct ymdhms *want, int row)
{
	if (c->year != want->year || c->month != want->month || c->day != want->day ||
			c->hour != want->hour || c->minute != want->minute ||
			c->second != want->second)
		fail_msg("row %d: got %04d-%02d-%02d %02d:%02d:%02d, want "
			"%04d-%02d-%02d %02d:%02d:%02d", row,
			c->year, c->month, c->day, c->hour, c->minute, c->second,
			want->year, want->month, want->day, want->hour, want->minute,
			want->second);
}

static void write_file(const char *name, const void *data, size_t len)
{
	char path[128];
	FILE *f;

	tmp_path(path, sizeof path, name);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

/* ---------------------------------------------------------------------
 * A small TZif writer for crafted files.
 */

struct blob {
	unsigned char b[8192];
	size_t len;
};

struct ttype {
	int32_t utoff;
	unsigned char is_dst, abbr_idx;
};

struct spec {
	unsigned char version;
	const int64_t *times;
	const unsigned char *idx;
	size_t ntimes;
	const struct ttype *types;
	size_t ntypes;
	const char *chars;
	size_t nchars;
	size_t nindicators;     /* 0 or ntypes; all indicators are 0 */
	const char *footer;     /* NULL: no footer at all */
};

/* Where the parts of a built file start, so tests can corrupt them. */
struct layout {
	size_t v2_header, times, idx, types, chars, indicators, footer;
};

static void put(struct blob *bl, const void *p, size_t n)
{
	if (n == 0)
		return;
	assert_true(bl->len + n <= sizeof bl->b);
	memcpy(bl->b + bl->len, p, n);
	bl->len += n;
}

static void put_be32(struct blob *bl, uint32_t v)
{
	unsigned char b[4] = { (unsigned char)(v >> 24), (unsigned char)(v >> 16),
		(unsigned char)(v >> 8), (unsigned char)v };

	put(bl, b, 4);
}

static void put_be64(struct blob *bl, uint64_t v)
{
	put_be32(bl, (uint32_t)(v >> 32));
	put_be32(bl, (uint32_t)v);
}

static void poke_be32(struct blob *bl, size_t at, uint32_t v)
{
	assert_true(at + 4 <= bl->len);
	bl->b[at] = (unsigned char)(v >> 24);
	bl->b[at + 1] = (unsigned char)(v >> 16);
	bl->b[at + 2] = (unsigned char)(v >> 8);
	bl->b[at + 3] = (unsigned char)v;
}

static void put_header(struct blob *bl, unsigned char version, uint32_t nind,
	uint32_t ntimes, uint32_t ntypes, uint32_t nchars)
{
	static const unsigned char zeros[15];

	put(bl, "TZif", 4);
	put(bl, &version, 1);
	put(bl, zeros, sizeof zeros);
	put_be32(bl, nind);
	put_be32(bl, nind);
	put_be32(bl, 0);
	put_be32(bl, ntimes);
	put_be32(bl, ntypes);
	put_be32(bl, nchars);
}

/* Writes a version 1 block like zic's "slim" stub (one type, no
 * transitions), then the real 64-bit block and the footer. */
static void build(struct blob *bl, const struct spec *s, struct layout *lay)
{
	static const unsigned char v1_data[7];
	unsigned char zero = 0;
	size_t i;

	bl->len = 0;
	put_header(bl, s->version, 0, 0, 1, 1);
	put(bl, v1_data, sizeof v1_data);
	lay->v2_header = bl->len;
	put_header(bl, s->version, (uint32_t)s->nindicators, (uint32_t)s->ntimes,
		(uint32_t)s->ntypes, (uint32_t)s->nchars);
	lay->times = bl->len;
	for (i = 0; i < s->ntimes; i++)
		put_be64(bl, (uint64_t)s->times[i]);
	lay->idx = bl->len;
	put(bl, s->idx, s->ntimes);
	lay->types = bl->len;
	for (i = 0; i < s->ntypes; i++) {
		put_be32(bl, (uint32_t)s->types[i].utoff);
		put(bl, &s->types[i].is_dst, 1);
		put(bl, &s->types[i].abbr_idx, 1);
	}
	lay->chars = bl->len;
	put(bl, s->chars, s->nchars);
	lay->indicators = bl->len;
	for (i = 0; i < 2 * s->nindicators; i++)
		put(bl, &zero, 1);
	lay->footer = bl->len;
	if (s->footer) {
		put(bl, "\n", 1);
		put(bl, s->footer, strlen(s->footer));
		put(bl, "\n", 1);
	}
}

/* A well-formed miniature Toronto: EST and EDT, the two 2026 changes, and
 * the footer rule for everything after them. */
static const int64_t base_times[] = { 1772953200, 1793512800 };
static const unsigned char base_idx[] = { 1, 0 };
static const struct ttype base_types[] = { { -18000, 0, 0 }, { -14400, 1, 4 } };
static const char base_chars[] = "EST\0EDT";

static struct spec base_spec(void)
{
	struct spec s = {
		'2', base_times, base_idx, 2, base_types, 2,
		base_chars, sizeof base_chars, 2, "EST5EDT,M3.2.0,M11.1.0"
	};

	return s;
}

/* Only a footer: no transitions and one placeholder type. tzfile(5) says
 * the TZ string then applies to all instants. */
static void build_rule_only(struct blob *bl, const char *footer)
{
	static const struct ttype types[] = { { 0, 0, 0 } };
	struct spec s = { '2', NULL, NULL, 0, types, 1, "XXX", 4, 0, footer };
	struct layout lay;

	build(bl, &s, &lay);
}

static int load_blob(const struct blob *bl, tz **z, char *err, size_t errlen)
{
	write_file("Crafted", bl->b, bl->len);
	return pt_tz_load(z, "Crafted", tmp_dir, err, errlen);
}

static tz *load_rule_only(const char *footer)
{
	struct blob bl;
	char err[256];
	tz *z = NULL;

	build_rule_only(&bl, footer);
	if (load_blob(&bl, &z, err, sizeof err) != 0)
		fail_msg("footer \"%s\" refused: %s", footer, err);
	return z;
}

/* Loading must fail, with a one-line message and nothing returned. */
static void expect_refused(const struct blob *bl, const char *what)
{
	char err[256];
	tz *z = (tz *)&err;     /* must be reset to NULL */

	if (load_blob(bl, &z, err, sizeof err) == 0) {
		pt_tz_free(z);
		fail_msg("%s: malformed file was accepted", what);
	}
	assert_null(z);
	assert_true(strlen(err) > 0);
	assert_null(strchr(err, '\n'));
}

/* ---------------------------------------------------------------------
 * Fixture.
 */

static int group_setup(void **state)
{
	char path[128];
	size_t i;

	(void)state;
	strcpy(tmp_dir, "/tmp/test_tz.XXXXXX");
	if (!mkdtemp(tmp_dir))
		return -1;
	for (i = 0; i < ARRAY_LEN(tmp_dirs); i++) {
		snprintf(path, sizeof path, "%s/%s", tmp_dir, tmp_dirs[i]);
		if (mkdir(path, 0700) != 0)
			return -1;
	}
	return 0;
}

static int group_teardown(void **state)
{
	char path[128];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(tmp_files); i++) {
		snprintf(path, sizeof path, "%s/%s", tmp_dir, tmp_files[i]);
		unlink(path);
	}
	for (i = 0; i < ARRAY_LEN(tmp_dirs); i++) {
		snprintf(path, sizeof path, "%s/%s", tmp_dir, tmp_dirs[i]);
		rmdir(path);
	}
	return rmdir(tmp_dir);
}

/* ---------------------------------------------------------------------
 * Calendar helpers.
 */

static void test_tz__days_from_civil_known_values(void **state)
{
	static const struct {
		int year, month, day;
		int64_t days;
	} rows[] = {
		{ 1970, 1, 1, 0 },
		{ 1969, 12, 31, -1 },
		{ 2000, 3, 1, 11017 },
		{ 2026, 1, 1, 20454 },
		{ 2028, 2, 29, 21243 },
		{ 2028, 3, 1, 21244 },
		{ 1900, 3, 1, -25508 },
		{ 1600, 2, 29, -135081 },
		{ 1, 1, 1, -719162 },
		{ 9999, 12, 31, 2932896 },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(rows); i++) {
		int y, m, d;

		check_i64(pt_tz_days_from_civil(rows[i].year, rows[i].month, rows[i].day),
			rows[i].days, "days_from_civil", i);
		pt_tz_civil_from_days(rows[i].days, &y, &m, &d);
		assert_int_equal(y, rows[i].year);
		assert_int_equal(m, rows[i].month);
		assert_int_equal(d, rows[i].day);
	}
}

/* Every day of years 1..9999 converts both ways, and consecutive days
 * differ by exactly one calendar day. */
static void test_tz__civil_days_round_trip_years_1_to_9999(void **state)
{
	int64_t days;
	int py = 0, pm = 12, pd = 31;

	(void)state;
	for (days = -719162; days <= 2932896; days++) {
		int y, m, d;

		pt_tz_civil_from_days(days, &y, &m, &d);
		if (pt_tz_days_from_civil(y, m, d) != days)
			fail_msg("day %lld gave %d-%d-%d", (long long)days, y, m, d);
		if (!((y == py && m == pm && d == pd + 1) ||
				(y == py && m == pm + 1 && d == 1) ||
				(y == py + 1 && m == 1 && d == 1 && pm == 12)))
			fail_msg("day %lld: %d-%d-%d does not follow %d-%d-%d",
				(long long)days, y, m, d, py, pm, pd);
		py = y;
		pm = m;
		pd = d;
	}
	assert_int_equal(py, 9999);
}

/* ---------------------------------------------------------------------
 * Loading.
 */

static void test_tz__utc_works_without_any_file(void **state)
{
	static const char *const names[] = { "UTC", "Etc/UTC" };
	char dir[128], err[128], buf[32];
	size_t i;

	(void)state;
	tmp_path(dir, sizeof dir, "Empty");
	for (i = 0; i < ARRAY_LEN(names); i++) {
		tz_civil c;
		tz *z = NULL;

		if (pt_tz_load(&z, names[i], dir, err, sizeof err) != 0)
			fail_msg("%s: %s", names[i], err);
		assert_string_equal(pt_tz_name(z), names[i]);
		pt_tz_to_civil(z, 1700000000, &c);
		assert_int_equal(c.year, 2023);
		assert_int_equal(c.month, 11);
		assert_int_equal(c.day, 14);
		assert_int_equal(c.hour, 22);
		assert_int_equal(c.minute, 13);
		assert_int_equal(c.second, 20);
		assert_int_equal(c.wday, 2);
		assert_int_equal(c.yday, 317);
		assert_int_equal(c.utc_offset, 0);
		assert_int_equal(c.is_dst, 0);
		assert_string_equal(c.abbr, "UTC");
		assert_string_equal(pt_tz_format(z, 0, buf, sizeof buf), "1970-01-01T00:00:00+00:00");
		pt_tz_free(z);
	}
}

static void test_tz__free_null_is_noop(void **state)
{
	(void)state;
	pt_tz_free(NULL);
}

static void test_tz__name_is_kept(void **state)
{
	tz *z = load_system("America/Toronto");

	(void)state;
	assert_string_equal(pt_tz_name(z), "America/Toronto");
	pt_tz_free(z);
}

static void test_tz__invalid_names_are_refused(void **state)
{
	static const char *const names[] = {
		"", "../etc/passwd", "/etc/localtime", "..", ".", "./UTC",
		"America/../Europe/Warsaw", "America/./Toronto", "America//Toronto",
		"America/Toronto/", "America/..", "Europe/Warsaw ", " UTC",
		"Europe/War saw", "Europe\\Warsaw", "Europe/Warsaw\n", "a;b", "$HOME",
		"~/zone", "Europe/Warsaw*", "\xc3\x89vora", "../Crafted",
	};
	char dir[128], err[128], longname[300];
	size_t i;

	(void)state;
	/* Make "../Crafted" point at a real, valid file: the name must be
	 * refused before any file is opened. */
	{
		struct spec s = base_spec();
		struct blob bl;
		struct layout lay;

		build(&bl, &s, &lay);
		write_file("Crafted", bl.b, bl.len);
	}
	tmp_path(dir, sizeof dir, "Dir");
	for (i = 0; i < ARRAY_LEN(names); i++) {
		tz *z = (tz *)err;

		if (pt_tz_load(&z, names[i], dir, err, sizeof err) != -1)
			fail_msg("name \"%s\" was accepted", names[i]);
		assert_null(z);
		assert_string_equal(err, "invalid time zone name");
	}
	memset(longname, 'A', 256);
	longname[256] = '\0';
	assert_int_equal(pt_tz_load(&(tz *){ NULL }, longname, dir, err, sizeof err), -1);
	assert_string_equal(err, "invalid time zone name");
	assert_int_equal(pt_tz_load(&(tz *){ NULL }, NULL, dir, err, sizeof err), -1);
	/* 255 characters is still a valid name, just not a known one. */
	longname[255] = '\0';
	assert_int_equal(pt_tz_load(&(tz *){ NULL }, longname, dir, err, sizeof err), -1);
	assert_non_null(strstr(err, "unknown time zone"));
}

static void test_tz__unknown_zone_is_refused(void **state)
{
	char err[128];
	tz *z = NULL;

	(void)state;
	assert_int_equal(pt_tz_load(&z, "Foo/Bar", NULL, err, sizeof err), -1);
	assert_null(z);
	assert_string_equal(err, "unknown time zone \"Foo/Bar\"");
	/* A directory, and a file that is not TZif at all. */
	assert_int_equal(pt_tz_load(&z, "America", NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "\"America\""));
	assert_int_equal(pt_tz_load(&z, "zone.tab", NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "not a TZif file"));
}

static void test_tz__error_buffer_is_always_terminated(void **state)
{
	char err[8];
	tz *z = NULL;

	(void)state;
	memset(err, 'x', sizeof err);
	assert_int_equal(pt_tz_load(&z, "Foo/Bar", NULL, err, sizeof err), -1);
	assert_int_equal(strlen(err), sizeof err - 1);
	assert_int_equal(pt_tz_load(&z, "Foo/Bar", NULL, err, 1), -1);
	assert_string_equal(err, "");
	assert_int_equal(pt_tz_load(&z, "Foo/Bar", NULL, NULL, 0), -1);
	assert_int_equal(pt_tz_load(NULL, "UTC", NULL, err, sizeof err), -1);
}

static void test_tz__valid_odd_names_load(void **state)
{
	static const char *const names[] = {
		"America/Argentina/Buenos_Aires", "Etc/GMT+5", "America/Port-au-Prince",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(names); i++)
		pt_tz_free(load_system(names[i]));
}

/* ---------------------------------------------------------------------
 * UTC -> local.
 */

struct civil_case {
	const char *zone;
	int64_t utc;
	struct ymdhms local;
	int wday, yday;
	int32_t offset;
	int is_dst;
	const char *abbr;
};

static const struct civil_case civil_cases[] = {
	{ "America/Toronto", 1768496400, { 2026, 1, 15, 12, 0, 0 }, 4, 14, -18000, 0, "EST" }, /* 2026-01-15T17:00:00Z */
	{ "America/Toronto", 1782907200, { 2026, 7, 1, 8, 0, 0 }, 3, 181, -14400, 1, "EDT" }, /* 2026-07-01T12:00:00Z */
	{ "America/Toronto", 1772953199, { 2026, 3, 8, 1, 59, 59 }, 0, 66, -18000, 0, "EST" }, /* 2026-03-08T06:59:59Z */
	{ "America/Toronto", 1772953200, { 2026, 3, 8, 3, 0, 0 }, 0, 66, -14400, 1, "EDT" }, /* 2026-03-08T07:00:00Z */
	{ "America/Toronto", 1793512799, { 2026, 11, 1, 1, 59, 59 }, 0, 304, -14400, 1, "EDT" }, /* 2026-11-01T05:59:59Z */
	{ "America/Toronto", 1793512800, { 2026, 11, 1, 1, 0, 0 }, 0, 304, -18000, 0, "EST" }, /* 2026-11-01T06:00:00Z */
	/* After 2037 only the footer "EST5EDT,M3.2.0,M11.1.0" knows. */
	{ "America/Toronto", 2224756800, { 2040, 7, 1, 8, 0, 0 }, 0, 182, -14400, 1, "EDT" }, /* 2040-07-01T12:00:00Z */
	{ "America/Toronto", 2209032000, { 2040, 1, 1, 7, 0, 0 }, 0, 0, -18000, 0, "EST" }, /* 2040-01-01T12:00:00Z */
	{ "America/Toronto", 2215061999, { 2040, 3, 11, 1, 59, 59 }, 0, 70, -18000, 0, "EST" }, /* 2040-03-11T06:59:59Z */
	{ "America/Toronto", 2215062000, { 2040, 3, 11, 3, 0, 0 }, 0, 70, -14400, 1, "EDT" }, /* 2040-03-11T07:00:00Z */
	{ "America/Toronto", 2235621599, { 2040, 11, 4, 1, 59, 59 }, 0, 308, -14400, 1, "EDT" }, /* 2040-11-04T05:59:59Z */
	{ "America/Toronto", 2235621600, { 2040, 11, 4, 1, 0, 0 }, 0, 308, -18000, 0, "EST" }, /* 2040-11-04T06:00:00Z */
	{ "America/Toronto", 1835456400, { 2028, 2, 29, 12, 0, 0 }, 2, 59, -18000, 0, "EST" }, /* 2028-02-29T17:00:00Z */
	{ "Europe/Warsaw", 1774745999, { 2026, 3, 29, 1, 59, 59 }, 0, 87, 3600, 0, "CET" }, /* 2026-03-29T00:59:59Z */
	{ "Europe/Warsaw", 1774746000, { 2026, 3, 29, 3, 0, 0 }, 0, 87, 7200, 1, "CEST" }, /* 2026-03-29T01:00:00Z */
	{ "Europe/Warsaw", 1792889999, { 2026, 10, 25, 2, 59, 59 }, 0, 297, 7200, 1, "CEST" }, /* 2026-10-25T00:59:59Z */
	{ "Europe/Warsaw", 1792890000, { 2026, 10, 25, 2, 0, 0 }, 0, 297, 3600, 0, "CET" }, /* 2026-10-25T01:00:00Z */
	{ "Europe/Warsaw", 2540282400, { 2050, 7, 1, 12, 0, 0 }, 5, 181, 7200, 1, "CEST" }, /* 2050-07-01T10:00:00Z */
	{ "Australia/Sydney", 1767225600, { 2026, 1, 1, 11, 0, 0 }, 4, 0, 39600, 1, "AEDT" }, /* 2026-01-01T00:00:00Z */
	{ "Australia/Sydney", 1775318399, { 2026, 4, 5, 2, 59, 59 }, 0, 94, 39600, 1, "AEDT" }, /* 2026-04-04T15:59:59Z */
	{ "Australia/Sydney", 1775318400, { 2026, 4, 5, 2, 0, 0 }, 0, 94, 36000, 0, "AEST" }, /* 2026-04-04T16:00:00Z */
	{ "Australia/Sydney", 1791043199, { 2026, 10, 4, 1, 59, 59 }, 0, 276, 36000, 0, "AEST" }, /* 2026-10-03T15:59:59Z */
	{ "Australia/Sydney", 1791043200, { 2026, 10, 4, 3, 0, 0 }, 0, 276, 39600, 1, "AEDT" }, /* 2026-10-03T16:00:00Z */
	{ "Australia/Sydney", 2368051200, { 2045, 1, 15, 11, 0, 0 }, 0, 14, 39600, 1, "AEDT" }, /* 2045-01-15T00:00:00Z */
	{ "Australia/Sydney", 2383689600, { 2045, 7, 15, 10, 0, 0 }, 6, 195, 36000, 0, "AEST" }, /* 2045-07-15T00:00:00Z */
	{ "Asia/Kolkata", 1780272000, { 2026, 6, 1, 5, 30, 0 }, 1, 151, 19800, 0, "IST" }, /* 2026-06-01T00:00:00Z */
	{ "Asia/Kolkata", 2398363200, { 2046, 1, 1, 1, 30, 0 }, 1, 0, 19800, 0, "IST" }, /* 2045-12-31T20:00:00Z */
	{ "America/St_Johns", 1768478400, { 2026, 1, 15, 8, 30, 0 }, 4, 14, -12600, 0, "NST" }, /* 2026-01-15T12:00:00Z */
	{ "America/St_Johns", 1782907200, { 2026, 7, 1, 9, 30, 0 }, 3, 181, -9000, 1, "NDT" }, /* 2026-07-01T12:00:00Z */
	{ "America/St_Johns", 2382523200, { 2045, 7, 1, 9, 30, 0 }, 6, 181, -9000, 1, "NDT" }, /* 2045-07-01T12:00:00Z */
	{ "Pacific/Chatham", 1768435200, { 2026, 1, 15, 13, 45, 0 }, 4, 14, 49500, 1, "+1345" }, /* 2026-01-15T00:00:00Z */
	{ "Pacific/Chatham", 1782864000, { 2026, 7, 1, 12, 45, 0 }, 3, 181, 45900, 0, "+1245" }, /* 2026-07-01T00:00:00Z */
	{ "Pacific/Chatham", 1790431199, { 2026, 9, 27, 2, 44, 59 }, 0, 269, 45900, 0, "+1245" }, /* 2026-09-26T13:59:59Z */
	{ "Pacific/Chatham", 1790431200, { 2026, 9, 27, 3, 45, 0 }, 0, 269, 49500, 1, "+1345" }, /* 2026-09-26T14:00:00Z */
	{ "Pacific/Chatham", 2368051200, { 2045, 1, 15, 13, 45, 0 }, 0, 14, 49500, 1, "+1345" }, /* 2045-01-15T00:00:00Z */
	{ "Australia/Lord_Howe", 1768435200, { 2026, 1, 15, 11, 0, 0 }, 4, 14, 39600, 1, "+11" }, /* 2026-01-15T00:00:00Z */
	{ "Australia/Lord_Howe", 1782864000, { 2026, 7, 1, 10, 30, 0 }, 3, 181, 37800, 0, "+1030" }, /* 2026-07-01T00:00:00Z */
	{ "Australia/Lord_Howe", 2368051200, { 2045, 1, 15, 11, 0, 0 }, 0, 14, 39600, 1, "+11" }, /* 2045-01-15T00:00:00Z */
	{ "America/Sao_Paulo", 1768478400, { 2026, 1, 15, 9, 0, 0 }, 4, 14, -10800, 0, "-03" }, /* 2026-01-15T12:00:00Z */
	{ "America/Sao_Paulo", 2368094400, { 2045, 1, 15, 9, 0, 0 }, 0, 14, -10800, 0, "-03" }, /* 2045-01-15T12:00:00Z */
	{ "Asia/Tokyo", 2524608000, { 2050, 1, 1, 9, 0, 0 }, 6, 0, 32400, 0, "JST" }, /* 2050-01-01T00:00:00Z */
	{ "America/Santiago", 1788667199, { 2026, 9, 5, 23, 59, 59 }, 6, 247, -14400, 0, "-04" }, /* 2026-09-06T03:59:59Z */
	{ "America/Santiago", 1788667200, { 2026, 9, 6, 1, 0, 0 }, 0, 248, -10800, 1, "-03" }, /* 2026-09-06T04:00:00Z */
	{ "America/Santiago", 2388024000, { 2045, 9, 3, 1, 0, 0 }, 0, 245, -10800, 1, "-03" }, /* 2045-09-03T04:00:00Z */
	{ "Europe/Dublin", 1768478400, { 2026, 1, 15, 12, 0, 0 }, 4, 14, 0, 1, "GMT" }, /* 2026-01-15T12:00:00Z */
	{ "Europe/Dublin", 1784116800, { 2026, 7, 15, 13, 0, 0 }, 3, 195, 3600, 0, "IST" }, /* 2026-07-15T12:00:00Z */
	{ "Europe/Dublin", 2368094400, { 2045, 1, 15, 12, 0, 0 }, 0, 14, 0, 1, "GMT" }, /* 2045-01-15T12:00:00Z */
	{ "Asia/Gaza", 2379931200, { 2045, 6, 1, 15, 0, 0 }, 4, 151, 10800, 1, "EEST" }, /* 2045-06-01T12:00:00Z */
	{ "America/Nuuk", 2379931200, { 2045, 6, 1, 11, 0, 0 }, 4, 151, -3600, 1, "-01" }, /* 2045-06-01T12:00:00Z */
	/* Local mean time before the first transition. */
	{ "America/Toronto", -3000000000, { 1874, 12, 7, 13, 22, 28 }, 1, 340, -19052, 0, "LMT" }, /* 1874-12-07T18:40:00Z */
};

static void check_civil_case(const tz *z, const struct civil_case *cc, int row)
{
	tz_civil c;

	pt_tz_to_civil(z, cc->utc, &c);
	check_wall(&c, &cc->local, row);
	if (c.wday != cc->wday || c.yday != cc->yday || c.utc_offset != cc->offset ||
			c.is_dst != cc->is_dst || strcmp(c.abbr, cc->abbr) != 0)
		fail_msg("row %d (%s %lld): got wday %d yday %d offset %d dst %d %s",
			row, cc->zone, (long long)cc->utc, c.wday, c.yday,
			(int)c.utc_offset, c.is_dst, c.abbr);
}

static void test_tz__to_civil_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(civil_cases); i++) {
		tz *z = load_system(civil_cases[i].zone);

		check_civil_case(z, &civil_cases[i], (int)i);
		pt_tz_free(z);
	}
}

static void test_tz__leap_day_2028(void **state)
{
	tz *z = load_system("America/Toronto");
	tz_civil c = { 2028, 2, 29, 23, 59, 59, 0, 0, 0, 0, "" };
	int64_t t;

	(void)state;
	assert_int_equal(pt_tz_from_civil(z, &c, &t), 0);
	check_i64(t, 1835499599, "2028-02-29 23:59:59 EST", 0);
	pt_tz_to_civil(z, t + 1, &c);
	assert_int_equal(c.month, 3);
	assert_int_equal(c.day, 1);
	assert_int_equal(c.yday, 60);
	assert_int_equal(c.wday, 3);
	c.year = 2026;
	c.month = 2;
	c.day = 29;
	assert_int_equal(pt_tz_from_civil(z, &c, &t), -1);
	pt_tz_free(z);
}

/* Instants far outside years 1..9999 are clamped, never overflow. */
static void test_tz__extreme_instants_are_clamped(void **state)
{
	static const char *const zones[] = { "UTC", "America/Toronto", "Pacific/Chatham" };
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(zones); i++) {
		tz *z = load_system(zones[i]);
		char buf[32];
		tz_civil c;

		pt_tz_to_civil(z, INT64_MIN, &c);
		assert_true(c.year == 0 || c.year == 1);
		pt_tz_to_civil(z, INT64_MAX, &c);
		assert_true(c.year == 9999 || c.year == 10000);
		pt_tz_format(z, INT64_MAX, buf, sizeof buf);
		pt_tz_format(z, INT64_MIN, buf, sizeof buf);
		(void)pt_tz_day_start(z, INT64_MIN);
		(void)pt_tz_day_start(z, INT64_MAX);
		pt_tz_to_civil(z, pt_tz_add_days(z, 0, INT_MAX), &c);
		assert_true(c.year == 9999 || c.year == 10000);
		pt_tz_to_civil(z, pt_tz_add_days(z, 0, INT_MIN), &c);
		assert_true(c.year == 0 || c.year == 1);
		pt_tz_free(z);
	}
	{
		tz *z = load_system("UTC");
		char buf[32];

		assert_string_equal(pt_tz_format(z, INT64_MAX, buf, sizeof buf),
			"9999-12-31T23:59:59+00:00");
		assert_string_equal(pt_tz_format(z, INT64_MIN, buf, sizeof buf),
			"0001-01-01T00:00:00+00:00");
		pt_tz_free(z);
	}
}

/* ---------------------------------------------------------------------
 * Local -> UTC.
 */

struct from_case {
	const char *zone;
	struct ymdhms local;
	int64_t utc;
};

static const struct from_case from_cases[] = {
	{ "America/Toronto", { 2026, 7, 1, 8, 0, 0 }, 1782907200 }, /* 2026-07-01T12:00:00Z */
	/* Gap: 02:00..03:00 does not exist; moved forward by an hour. */
	{ "America/Toronto", { 2026, 3, 8, 2, 30, 0 }, 1772955000 }, /* 2026-03-08T07:30:00Z = 03:30 EDT */
	{ "America/Toronto", { 2026, 3, 8, 2, 0, 0 }, 1772953200 }, /* 2026-03-08T07:00:00Z */
	{ "America/Toronto", { 2026, 3, 8, 1, 59, 59 }, 1772953199 }, /* 2026-03-08T06:59:59Z */
	{ "America/Toronto", { 2026, 3, 8, 3, 0, 0 }, 1772953200 }, /* 2026-03-08T07:00:00Z */
	/* Overlap: 01:00..02:00 happens twice; the earlier (EDT) wins. */
	{ "America/Toronto", { 2026, 11, 1, 1, 30, 0 }, 1793511000 }, /* 2026-11-01T05:30:00Z */
	{ "America/Toronto", { 2026, 11, 1, 0, 59, 59 }, 1793509199 }, /* 2026-11-01T04:59:59Z */
	{ "America/Toronto", { 2026, 11, 1, 2, 0, 0 }, 1793516400 }, /* 2026-11-01T07:00:00Z */
	{ "America/Toronto", { 2040, 3, 11, 2, 30, 0 }, 2215063800 }, /* 2040-03-11T07:30:00Z */
	{ "America/Toronto", { 2040, 11, 4, 1, 30, 0 }, 2235619800 }, /* 2040-11-04T05:30:00Z */
	{ "America/Toronto", { 2028, 2, 29, 12, 0, 0 }, 1835456400 }, /* 2028-02-29T17:00:00Z */
	{ "Europe/Warsaw", { 2026, 3, 29, 2, 30, 0 }, 1774747800 }, /* 2026-03-29T01:30:00Z */
	{ "Europe/Warsaw", { 2026, 10, 25, 2, 30, 0 }, 1792888200 }, /* 2026-10-25T00:30:00Z */
	{ "Australia/Sydney", { 2026, 10, 4, 2, 30, 0 }, 1791045000 }, /* 2026-10-03T16:30:00Z */
	{ "Australia/Sydney", { 2026, 4, 5, 2, 30, 0 }, 1775316600 }, /* 2026-04-04T15:30:00Z */
	{ "Pacific/Chatham", { 2026, 9, 27, 3, 0, 0 }, 1790432100 }, /* 2026-09-26T14:15:00Z */
	{ "Pacific/Chatham", { 2026, 4, 5, 3, 15, 0 }, 1775309400 }, /* 2026-04-04T13:30:00Z */
	{ "Australia/Lord_Howe", { 2026, 10, 4, 2, 15, 0 }, 1791042300 }, /* 2026-10-03T15:45:00Z */
	{ "Australia/Lord_Howe", { 2026, 4, 5, 1, 45, 0 }, 1775313900 }, /* 2026-04-04T14:45:00Z */
	{ "Asia/Kolkata", { 2026, 6, 1, 5, 30, 0 }, 1780272000 }, /* 2026-06-01T00:00:00Z */
	{ "America/Santiago", { 2026, 9, 6, 0, 30, 0 }, 1788669000 }, /* 2026-09-06T04:30:00Z */
	{ "America/St_Johns", { 2026, 3, 8, 2, 30, 0 }, 1772949600 }, /* 2026-03-08T06:00:00Z */
	{ "America/Nuuk", { 2045, 3, 25, 23, 30, 0 }, 2374104600 }, /* 2045-03-26T01:30:00Z */
	{ "America/Nuuk", { 2045, 10, 28, 23, 30, 0 }, 2392849800 }, /* 2045-10-29T00:30:00Z */
	{ "UTC", { 1, 1, 1, 0, 0, 0 }, TZ_UTC_MIN },
	{ "UTC", { 9999, 12, 31, 23, 59, 59 }, TZ_UTC_MAX },
};

static void test_tz__from_civil_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(from_cases); i++) {
		tz *z = load_system(from_cases[i].zone);
		tz_civil c = civil_of(&from_cases[i].local);
		int64_t t = 0;

		c.wday = 99;            /* ignored fields may hold anything */
		c.yday = -7;
		c.utc_offset = 12345;
		c.is_dst = 1;
		assert_int_equal(pt_tz_from_civil(z, &c, &t), 0);
		check_i64(t, from_cases[i].utc, from_cases[i].zone, i);
		pt_tz_free(z);
	}
}

static void test_tz__spring_forward_gap_moves_forward(void **state)
{
	tz *z = load_system("America/Toronto");
	tz_civil c = { 2026, 3, 8, 2, 30, 0, 0, 0, 0, 0, "" };
	int64_t t;

	(void)state;
	assert_int_equal(pt_tz_from_civil(z, &c, &t), 0);
	pt_tz_to_civil(z, t, &c);
	assert_int_equal(c.hour, 3);
	assert_int_equal(c.minute, 30);
	assert_int_equal(c.utc_offset, -14400);
	pt_tz_free(z);
}

static void test_tz__fall_back_overlap_takes_earlier(void **state)
{
	tz *z = load_system("America/Toronto");
	tz_civil c = { 2026, 11, 1, 1, 30, 0, 0, 0, 0, 0, "" };
	int64_t t;

	(void)state;
	assert_int_equal(pt_tz_from_civil(z, &c, &t), 0);
	pt_tz_to_civil(z, t, &c);
	assert_int_equal(c.hour, 1);
	assert_int_equal(c.minute, 30);
	assert_int_equal(c.is_dst, 1);
	/* The later 01:30 (EST) is an hour on and reads the same. */
	pt_tz_to_civil(z, t + 3600, &c);
	assert_int_equal(c.hour, 1);
	assert_int_equal(c.minute, 30);
	assert_int_equal(c.is_dst, 0);
	pt_tz_free(z);
}

static void test_tz__from_civil_rejects_out_of_range(void **state)
{
	static const struct ymdhms bad[] = {
		{ 2026, 2, 29, 12, 0, 0 }, { 2026, 4, 31, 12, 0, 0 },
		{ 2026, 13, 1, 12, 0, 0 }, { 2026, 0, 1, 12, 0, 0 },
		{ 2026, 1, 0, 12, 0, 0 }, { 2026, 1, 32, 12, 0, 0 },
		{ 0, 1, 1, 12, 0, 0 }, { 10000, 1, 1, 0, 0, 0 }, { -5, 1, 1, 0, 0, 0 },
		{ 2026, 1, 1, 24, 0, 0 }, { 2026, 1, 1, -1, 0, 0 },
		{ 2026, 1, 1, 12, 60, 0 }, { 2026, 1, 1, 12, -1, 0 },
		{ 2026, 1, 1, 12, 0, 60 }, { 2026, 1, 1, 12, 0, -1 },
		{ 1900, 2, 29, 0, 0, 0 }, { INT_MAX, INT_MAX, INT_MAX, INT_MAX, INT_MAX, INT_MAX },
	};
	tz *z = load_system("America/Toronto");
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		tz_civil c = civil_of(&bad[i]);
		int64_t t = 42;

		if (pt_tz_from_civil(z, &c, &t) != -1)
			fail_msg("row %d was accepted", (int)i);
		check_i64(t, 42, "untouched output", i);
	}
	pt_tz_free(z);
}

/* ---------------------------------------------------------------------
 * Days.
 */

struct day_case {
	const char *zone;
	int year, month, day;
	int64_t start;
	int64_t length;     /* seconds until the next day starts */
};

static const struct day_case day_cases[] = {
	{ "America/Toronto", 2026, 3, 8, 1772946000, 82800 }, /* 23 h */
	{ "America/Toronto", 2026, 11, 1, 1793505600, 90000 }, /* 25 h */
	{ "America/Toronto", 2026, 7, 1, 1782878400, 86400 },
	{ "America/Toronto", 2040, 3, 11, 2215054800, 82800 },
	{ "America/Toronto", 2040, 11, 4, 2235614400, 90000 },
	{ "Europe/Warsaw", 2026, 3, 29, 1774738800, 82800 },
	{ "Europe/Warsaw", 2026, 10, 25, 1792879200, 90000 },
	{ "Australia/Sydney", 2026, 10, 4, 1791036000, 82800 },
	{ "Australia/Sydney", 2026, 4, 5, 1775307600, 90000 },
	{ "Pacific/Chatham", 2026, 9, 27, 1790421300, 82800 },
	{ "Australia/Lord_Howe", 2026, 10, 4, 1791034200, 84600 }, /* 23.5 h */
	{ "Australia/Lord_Howe", 2026, 4, 5, 1775307600, 88200 }, /* 24.5 h */
	/* Midnight is skipped: the day starts at 01:00 -03. */
	{ "America/Santiago", 2026, 9, 6, 1788667200, 82800 },
	{ "America/Santiago", 2045, 9, 3, 2388024000, 82800 },
	{ "America/Havana", 2026, 3, 8, 1772946000, 82800 },
	/* Changes at -1:00 and 0:00 make Saturday the short or long day. */
	{ "America/Nuuk", 2026, 3, 28, 1774663200, 82800 },
	{ "America/Nuuk", 2026, 3, 29, 1774746000, 86400 },
	{ "America/Nuuk", 2026, 10, 24, 1792803600, 90000 },
	{ "America/Nuuk", 2026, 10, 25, 1792893600, 86400 },
	{ "Asia/Kolkata", 2026, 6, 1, 1780252200, 86400 },
};

static void test_tz__day_start_on_dst_change_days(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(day_cases); i++) {
		const struct day_case *dc = &day_cases[i];
		tz *z = load_system(dc->zone);
		int64_t start = dc->start, end = dc->start + dc->length;
		tz_civil c;

		check_i64(pt_tz_day_start(z, start), start, "start of day", i);
		check_i64(pt_tz_day_start(z, start + 11 * 3600), start, "midday", i);
		check_i64(pt_tz_day_start(z, end - 1), start, "last second", i);
		check_i64(pt_tz_day_start(z, end) - pt_tz_day_start(z, start), dc->length,
			"day length", i);
		pt_tz_to_civil(z, start, &c);
		assert_int_equal(c.year, dc->year);
		assert_int_equal(c.month, dc->month);
		assert_int_equal(c.day, dc->day);
		pt_tz_to_civil(z, start - 1, &c);
		assert_int_not_equal(c.day, dc->day);
		pt_tz_free(z);
	}
}

struct add_case {
	const char *zone;
	int64_t from;
	int days;
	int64_t want;
};

static const struct add_case add_cases[] = {
	/* 2026-03-07 12:00 EST + 1 -> 2026-03-08 12:00 EDT (23 hours later). */
	{ "America/Toronto", 1772902800, 1, 1772985600 },
	{ "America/Toronto", 1772985600, -1, 1772902800 },
	/* 2026-10-31 12:00 EDT + 1 -> 2026-11-01 12:00 EST (25 hours later). */
	{ "America/Toronto", 1793462400, 1, 1793552400 },
	/* 02:30 the day before the gap -> 03:30 EDT. */
	{ "America/Toronto", 1772868600, 1, 1772955000 },
	/* 01:30 the day before the overlap -> the earlier 01:30 (EDT). */
	{ "America/Toronto", 1793424600, 1, 1793511000 },
	{ "America/Toronto", 1768496400, 365, 1800032400 },
	{ "America/Toronto", 1835362800, 1, 1835449200 }, /* -> 2028-02-29 10:00 */
	{ "America/Toronto", 1835362800, 2, 1835535600 }, /* -> 2028-03-01 10:00 */
	{ "America/Toronto", 2215011600, 1, 2215094400 }, /* 2040, footer rule */
	{ "America/Toronto", 1793552400, -7, 1792944000 },
	{ "America/Toronto", 1793552400, 0, 1793552400 },
	{ "Australia/Sydney", 1790982000, 1, 1791064800 },
	{ "Australia/Sydney", 1775253600, 1, 1775343600 },
};

static void test_tz__add_days_keeps_wall_time_across_dst(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(add_cases); i++) {
		tz *z = load_system(add_cases[i].zone);

		check_i64(pt_tz_add_days(z, add_cases[i].from, add_cases[i].days),
			add_cases[i].want, add_cases[i].zone, i);
		pt_tz_free(z);
	}
}

/* ---------------------------------------------------------------------
 * Parsing and formatting.
 */

static void test_tz__parse_accepts(void **state)
{
	static const struct {
		const char *text;
		int64_t utc;
	} rows[] = {
		{ "@1700000000", 1700000000 },
		{ "  @0  ", 0 },
		{ "@-86400", -86400 },
		{ "@253402300799", TZ_UTC_MAX },
		{ "2026-11-22", 1795323600 },                  /* 05:00Z */
		{ "2026-11-22 14:30", 1795375800 },            /* 19:30Z */
		{ "2026-11-22T14:30", 1795375800 },
		{ "2026-11-22T14:30:05", 1795375805 },
		{ "2026-11-22 14:30:05Z", 1795357805 },
		{ "2026-11-22T14:30Z", 1795357800 },
		{ "2026-11-22T14:30+05:00", 1795339800 },      /* 09:30Z */
		{ "2026-11-22T14:30:00-0330", 1795370400 },    /* 18:00Z */
		{ "2026-11-22T14:30+05", 1795339800 },
		{ "2026-11-22T14:30-00:00", 1795357800 },
		{ "2026-07-01 08:00", 1782907200 },            /* EDT */
		{ "2026-03-08 02:30", 1772955000 },            /* gap */
		{ "2026-11-01 01:30", 1793511000 },            /* overlap */
		{ "2028-02-29", 1835413200 },
		{ "\t 2026-11-22 14:30 \r\n", 1795375800 },
		{ "0001-01-01T00:00Z", TZ_UTC_MIN },
		{ "9999-12-31T23:59:59Z", TZ_UTC_MAX },
	};
	tz *z = load_system("America/Toronto");
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(rows); i++) {
		int64_t t = 0;

		if (pt_tz_parse(z, rows[i].text, &t) != 0)
			fail_msg("\"%s\" was refused", rows[i].text);
		check_i64(t, rows[i].utc, rows[i].text, i);
	}
	pt_tz_free(z);
}

static void test_tz__parse_refuses(void **state)
{
	static const char *const rows[] = {
		"", "   ", "@", "@abc", "@12x", "@1e9", "@ 5", "@--1", "@+5",
		"@9999999999999", "@253402300800", "@-62135596801",
		"2026-02-30", "2026-02-29", "2026-13-01", "2026-00-10", "2026-11-31",
		"2026-11-00", "0000-01-01", "26-11-22", "2026-1-22", "2026/11/22",
		"2026-11-22x", "2026-11-22Z", "2026-11-22+05:00", "2026-11-22T",
		"2026-11-22 24:00", "2026-11-22 23:60",
		"2026-11-22 14:30:60", "2026-11-22 14:3", "2026-11-22 14",
		"2026-11-22 14:30:", "2026-11-22T14:30+5", "2026-11-22T14:30+05:",
		"2026-11-22T14:30+05:0", "2026-11-22T14:30+0530x",
		"2026-11-22T14:30+24:00", "2026-11-22T14:30+05:60",
		"2026-11-22T14:30 Z", "2026-11-22T14:30z", "2026-11-22  14:30",
		"2026-11-22t14:30", "2026-11-22T14:30:05.5", "2026-11-22T14:30ZZ",
		"tomorrow", "12026-11-22", "+2026-11-22", "2026-11-22 14:30 EST",
		"2026-11-22T14:30:05+05:00:00",
		"2026-11-22                                                      14:30",
	};
	tz *z = load_system("America/Toronto");
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(rows); i++) {
		int64_t t = 42;

		if (pt_tz_parse(z, rows[i], &t) != -1)
			fail_msg("\"%s\" was accepted", rows[i]);
		check_i64(t, 42, rows[i], i);
	}
	assert_int_equal(pt_tz_parse(z, NULL, &(int64_t){ 0 }), -1);
	pt_tz_free(z);
}

static void test_tz__format_table(void **state)
{
	static const struct {
		const char *zone;
		int64_t utc;
		const char *text;
	} rows[] = {
		{ "UTC", 0, "1970-01-01T00:00:00+00:00" },
		{ "America/Toronto", 1795375800, "2026-11-22T14:30:00-05:00" },
		{ "America/Toronto", 1793512799, "2026-11-01T01:59:59-04:00" },
		{ "America/Toronto", 1793512800, "2026-11-01T01:00:00-05:00" },
		{ "America/Toronto", 2224756800, "2040-07-01T08:00:00-04:00" },
		{ "America/Toronto", -3000000000, "1874-12-07T13:22:28-05:17:32" },
		{ "Asia/Kolkata", 1780272000, "2026-06-01T05:30:00+05:30" },
		{ "America/St_Johns", 1768478400, "2026-01-15T08:30:00-03:30" },
		{ "Pacific/Chatham", 1768435200, "2026-01-15T13:45:00+13:45" },
		{ "Europe/Warsaw", 1792890000, "2026-10-25T02:00:00+01:00" },
		{ "Australia/Sydney", 1767225600, "2026-01-01T11:00:00+11:00" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(rows); i++) {
		tz *z = load_system(rows[i].zone);
		char buf[32];

		assert_ptr_equal(pt_tz_format(z, rows[i].utc, buf, sizeof buf), buf);
		assert_string_equal(buf, rows[i].text);
		pt_tz_free(z);
	}
}

static void test_tz__format_truncates_small_buffer(void **state)
{
	tz *z = load_system("America/Toronto");
	char buf[10];

	(void)state;
	memset(buf, 'x', sizeof buf);
	pt_tz_format(z, 1795375800, buf, sizeof buf);
	assert_string_equal(buf, "2026-11-2");
	pt_tz_format(z, 1795375800, buf, 0);
	assert_string_equal(buf, "2026-11-2");
	pt_tz_free(z);
}

/* format -> parse gives back the instant, and from_civil(to_civil(t)) is t
 * or, in an overlap, the earlier instant with the same wall time; every
 * quarter hour of 2026 and of 2040 in zones with odd rules. */
static void test_tz__round_trips_every_quarter_hour(void **state)
{
	static const char *const zones[] = {
		"America/Toronto", "Australia/Sydney", "Pacific/Chatham",
		"Australia/Lord_Howe", "America/Nuuk", "America/Santiago",
		"Europe/Dublin", "Asia/Kolkata",
	};
	static const int64_t years[][2] = {
		{ 1767225600, 1798761600 },     /* 2026 */
		{ 2208988800, 2240611200 },     /* 2040 */
	};
	size_t i, y;

	(void)state;
	for (i = 0; i < ARRAY_LEN(zones); i++) {
		tz *z = load_system(zones[i]);

		for (y = 0; y < ARRAY_LEN(years); y++) {
			int64_t t;

			for (t = years[y][0]; t < years[y][1]; t += 900) {
				char buf[32];
				tz_civil c, c2;
				int64_t back;

				pt_tz_format(z, t, buf, sizeof buf);
				if (pt_tz_parse(z, buf, &back) != 0 || back != t)
					fail_msg("%s: %s did not parse back", zones[i], buf);
				pt_tz_to_civil(z, t, &c);
				assert_int_equal(pt_tz_from_civil(z, &c, &back), 0);
				if (back != t) {
					assert_true(back < t);
					pt_tz_to_civil(z, back, &c2);
					assert_int_equal(c2.hour, c.hour);
					assert_int_equal(c2.minute, c.minute);
					assert_int_equal(c2.day, c.day);
				}
				back = pt_tz_day_start(z, t);
				assert_true(back <= t && t - back < 26 * 3600);
			}
		}
		pt_tz_free(z);
	}
}

/* ---------------------------------------------------------------------
 * The POSIX TZ rule, through crafted files whose footer is all there is.
 */

struct rule_case {
	const char *footer;
	int64_t utc;
	struct ymdhms local;
	int32_t offset;
	int is_dst;
	const char *abbr;
};

static const struct rule_case rule_cases[] = {
	{ "EST5EDT,M3.2.0,M11.1.0", 1772953199, { 2026, 3, 8, 1, 59, 59 }, -18000, 0, "EST" },
	{ "EST5EDT,M3.2.0,M11.1.0", 1772953200, { 2026, 3, 8, 3, 0, 0 }, -14400, 1, "EDT" },
	{ "EST5EDT,M3.2.0,M11.1.0", 1793512799, { 2026, 11, 1, 1, 59, 59 }, -14400, 1, "EDT" },
	{ "EST5EDT,M3.2.0,M11.1.0", 1793512800, { 2026, 11, 1, 1, 0, 0 }, -18000, 0, "EST" },
	{ "EST5EDT,M3.2.0,M11.1.0", 2224756800, { 2040, 7, 1, 8, 0, 0 }, -14400, 1, "EDT" },
	/* Half-hour DST. */
	{ "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 1791041399, { 2026, 10, 4, 1, 59, 59 }, 37800, 0, "+1030" },
	{ "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 1791041400, { 2026, 10, 4, 2, 30, 0 }, 39600, 1, "+11" },
	{ "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 1775314799, { 2026, 4, 5, 1, 59, 59 }, 39600, 1, "+11" },
	{ "<+1030>-10:30<+11>-11,M10.1.0,M4.1.0", 1775314800, { 2026, 4, 5, 1, 30, 0 }, 37800, 0, "+1030" },
	/* Southern hemisphere, with an explicit end time. */
	{ "AEST-10AEDT,M10.1.0,M4.1.0/3", 1775318399, { 2026, 4, 5, 2, 59, 59 }, 39600, 1, "AEDT" },
	{ "AEST-10AEDT,M10.1.0,M4.1.0/3", 1775318400, { 2026, 4, 5, 2, 0, 0 }, 36000, 0, "AEST" },
	{ "AEST-10AEDT,M10.1.0,M4.1.0/3", 1791043199, { 2026, 10, 4, 1, 59, 59 }, 36000, 0, "AEST" },
	{ "AEST-10AEDT,M10.1.0,M4.1.0/3", 1791043200, { 2026, 10, 4, 3, 0, 0 }, 39600, 1, "AEDT" },
	/* No DST. */
	{ "JST-9", 1782864000, { 2026, 7, 1, 9, 0, 0 }, 32400, 0, "JST" },
	{ "JST-9", 4070908800, { 2099, 1, 1, 9, 0, 0 }, 32400, 0, "JST" },
	{ "<-03>3", 1768478400, { 2026, 1, 15, 9, 0, 0 }, -10800, 0, "-03" },
	{ "<-0330>+3:30", 1782907200, { 2026, 7, 1, 8, 30, 0 }, -12600, 0, "-0330" },
	{ "XXX-5:30:15", 1782907200, { 2026, 7, 1, 17, 30, 15 }, 19815, 0, "XXX" },
	/* Jn: 1-based, Feb 29 never counted, so J60 is always March 1. */
	{ "XXX3YYY,J60/2,J300/2", 1835499599, { 2028, 3, 1, 1, 59, 59 }, -10800, 0, "XXX" },
	{ "XXX3YYY,J60/2,J300/2", 1835499600, { 2028, 3, 1, 3, 0, 0 }, -7200, 1, "YYY" },
	{ "XXX3YYY,J60/2,J300/2", 1856231999, { 2028, 10, 27, 1, 59, 59 }, -7200, 1, "YYY" },
	{ "XXX3YYY,J60/2,J300/2", 1856232000, { 2028, 10, 27, 1, 0, 0 }, -10800, 0, "XXX" },
	{ "XXX3YYY,J60/2,J300/2", 1772341200, { 2026, 3, 1, 3, 0, 0 }, -7200, 1, "YYY" },
	/* n: 0-based, Feb 29 counted, so 59 is Feb 29 in a leap year. */
	{ "XXX3YYY,59/2,299/2", 1835413199, { 2028, 2, 29, 1, 59, 59 }, -10800, 0, "XXX" },
	{ "XXX3YYY,59/2,299/2", 1835413200, { 2028, 2, 29, 3, 0, 0 }, -7200, 1, "YYY" },
	{ "XXX3YYY,59/2,299/2", 1772280000, { 2026, 2, 28, 9, 0, 0 }, -10800, 0, "XXX" },
	{ "XXX3YYY,59/2,299/2", 1772341200, { 2026, 3, 1, 3, 0, 0 }, -7200, 1, "YYY" },
	{ "XXX3YYY,59/2,299/2", 1856145599, { 2028, 10, 26, 1, 59, 59 }, -7200, 1, "YYY" },
	{ "XXX3YYY,59/2,299/2", 1856145600, { 2028, 10, 26, 1, 0, 0 }, -10800, 0, "XXX" },
	{ "XXX3YYY,59/2,299/2", 1793073600, { 2026, 10, 27, 1, 0, 0 }, -10800, 0, "XXX" },
	/* Negative time: starts at "-1:00" on Sunday, i.e. Saturday 23:00. */
	{ "<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 1774745999, { 2026, 3, 28, 22, 59, 59 }, -7200, 0, "-02" },
	{ "<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 1774746000, { 2026, 3, 29, 0, 0, 0 }, -3600, 1, "-01" },
	{ "<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 1792889999, { 2026, 10, 24, 23, 59, 59 }, -3600, 1, "-01" },
	{ "<-02>2<-01>,M3.5.0/-1,M10.5.0/0", 1792890000, { 2026, 10, 24, 23, 0, 0 }, -7200, 0, "-02" },
	/* Over 24 hours: Thursday at "50:00" is Saturday 02:00. */
	{ "EET-2EEST,M3.4.4/50,M10.4.4/50", 1774655999, { 2026, 3, 28, 1, 59, 59 }, 7200, 0, "EET" },
	{ "EET-2EEST,M3.4.4/50,M10.4.4/50", 1774656000, { 2026, 3, 28, 3, 0, 0 }, 10800, 1, "EEST" },
	{ "EET-2EEST,M3.4.4/50,M10.4.4/50", 1792796399, { 2026, 10, 24, 1, 59, 59 }, 10800, 1, "EEST" },
	{ "EET-2EEST,M3.4.4/50,M10.4.4/50", 1792796400, { 2026, 10, 24, 1, 0, 0 }, 7200, 0, "EET" },
	{ "<-04>4<-03>,M9.1.6/24,M4.1.6/24", 1788667199, { 2026, 9, 5, 23, 59, 59 }, -14400, 0, "-04" },
	{ "<-04>4<-03>,M9.1.6/24,M4.1.6/24", 1788667200, { 2026, 9, 6, 1, 0, 0 }, -10800, 1, "-03" },
	{ "<-04>4<-03>,M9.1.6/24,M4.1.6/24", 1775357999, { 2026, 4, 4, 23, 59, 59 }, -10800, 1, "-03" },
	{ "<-04>4<-03>,M9.1.6/24,M4.1.6/24", 1775358000, { 2026, 4, 4, 23, 0, 0 }, -14400, 0, "-04" },
	/* DST all year (RFC 8536 section 3.3.1), even across New Year. */
	{ "EST5EDT4,0/0,J365/25", 1767241800, { 2026, 1, 1, 0, 30, 0 }, -14400, 1, "EDT" },
	{ "EST5EDT4,0/0,J365/25", 1798758000, { 2026, 12, 31, 19, 0, 0 }, -14400, 1, "EDT" },
	{ "EST5EDT4,0/0,J365/25", 1861876800, { 2028, 12, 31, 8, 0, 0 }, -14400, 1, "EDT" },
	{ "EST5EDT4,0/0,J365/25", 1861937999, { 2029, 1, 1, 0, 59, 59 }, -14400, 1, "EDT" },
	{ "EST5EDT4,0/0,J365/25", 1861938000, { 2029, 1, 1, 1, 0, 0 }, -14400, 1, "EDT" },
	/* Negative DST, as Europe/Dublin: winter is the "DST" part. */
	{ "IST-1GMT0,M10.5.0,M3.5.0/1", 1768478400, { 2026, 1, 15, 12, 0, 0 }, 0, 1, "GMT" },
	{ "IST-1GMT0,M10.5.0,M3.5.0/1", 1784116800, { 2026, 7, 15, 13, 0, 0 }, 3600, 0, "IST" },
	{ "IST-1GMT0,M10.5.0,M3.5.0/1", 1774745999, { 2026, 3, 29, 0, 59, 59 }, 0, 1, "GMT" },
	{ "IST-1GMT0,M10.5.0,M3.5.0/1", 1774746000, { 2026, 3, 29, 2, 0, 0 }, 3600, 0, "IST" },
	{ "IST-1GMT0,M10.5.0,M3.5.0/1", 1792889999, { 2026, 10, 25, 1, 59, 59 }, 3600, 0, "IST" },
	{ "IST-1GMT0,M10.5.0,M3.5.0/1", 1792890000, { 2026, 10, 25, 1, 0, 0 }, 0, 1, "GMT" },
	/* No rule given: the US rules, as tzcode and glibc do. */
	{ "EST5EDT", 1772953199, { 2026, 3, 8, 1, 59, 59 }, -18000, 0, "EST" },
	{ "EST5EDT", 1772953200, { 2026, 3, 8, 3, 0, 0 }, -14400, 1, "EDT" },
	{ "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", 1790431199, { 2026, 9, 27, 2, 44, 59 }, 45900, 0, "+1245" },
	{ "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", 1790431200, { 2026, 9, 27, 3, 45, 0 }, 49500, 1, "+1345" },
	{ "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", 1775311199, { 2026, 4, 5, 3, 44, 59 }, 49500, 1, "+1345" },
	{ "<+1245>-12:45<+1345>,M9.5.0/2:45,M4.1.0/3:45", 1775311200, { 2026, 4, 5, 2, 45, 0 }, 45900, 0, "+1245" },
	{ "NST3:30NDT,M3.2.0,M11.1.0", 1772947799, { 2026, 3, 8, 1, 59, 59 }, -12600, 0, "NST" },
	{ "NST3:30NDT,M3.2.0,M11.1.0", 1772947800, { 2026, 3, 8, 3, 0, 0 }, -9000, 1, "NDT" },
	/* An explicit DST offset two hours ahead. */
	{ "AAA3BBB1,M3.2.0,M11.1.0", 1782907200, { 2026, 7, 1, 11, 0, 0 }, -3600, 1, "BBB" },
	{ "AAA3BBB1,M3.2.0,M11.1.0", 1772945999, { 2026, 3, 8, 1, 59, 59 }, -10800, 0, "AAA" },
	{ "AAA3BBB1,M3.2.0,M11.1.0", 1772946000, { 2026, 3, 8, 4, 0, 0 }, -3600, 1, "BBB" },
	/* Week 5 means the last such weekday, even in a four-week month. */
	{ "XXX3YYY,M2.5.0,M11.1.0", 1771736399, { 2026, 2, 22, 1, 59, 59 }, -10800, 0, "XXX" },
	{ "XXX3YYY,M2.5.0,M11.1.0", 1771736400, { 2026, 2, 22, 3, 0, 0 }, -7200, 1, "YYY" },
};

static void test_tz__posix_rule_table(void **state)
{
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(rule_cases); i++) {
		const struct rule_case *rc = &rule_cases[i];
		tz *z = load_rule_only(rc->footer);
		tz_civil c;

		pt_tz_to_civil(z, rc->utc, &c);
		check_wall(&c, &rc->local, (int)i);
		if (c.utc_offset != rc->offset || c.is_dst != rc->is_dst ||
				strcmp(c.abbr, rc->abbr) != 0)
			fail_msg("row %d (%s): got offset %d dst %d %s", (int)i,
				rc->footer, (int)c.utc_offset, c.is_dst, c.abbr);
		pt_tz_free(z);
	}
}

static void test_tz__posix_rule_gap_and_overlap(void **state)
{
	tz *z = load_rule_only("<-02>2<-01>,M3.5.0/-1,M10.5.0/0");
	tz_civil c = { 2026, 3, 28, 23, 30, 0, 0, 0, 0, 0, "" };
	int64_t t;

	(void)state;
	/* Saturday 23:30 is skipped: 00:30 Sunday -01. */
	assert_int_equal(pt_tz_from_civil(z, &c, &t), 0);
	check_i64(t, 1774747800, "gap", 0);
	check_i64(pt_tz_day_start(z, t), 1774746000, "Sunday starts at the change", 0);
	/* Saturday 23:30 happens twice in October; the first is in -01. */
	c.month = 10;
	c.day = 24;
	assert_int_equal(pt_tz_from_civil(z, &c, &t), 0);
	check_i64(t, 1792888200, "overlap", 0);
	pt_tz_free(z);
}

/* A gap from Sunday 23:30 to Monday 00:30: Monday begins at the change,
 * half an hour after its midnight, and so is 23.5 hours long. */
static void test_tz__day_start_when_gap_spans_midnight(void **state)
{
	tz *z = load_rule_only("XXX3YYY,M3.2.0/23:30,M11.1.0");
	tz_civil c = { 2026, 3, 9, 0, 0, 0, 0, 0, 0, 0, "" };
	int64_t t;

	(void)state;
	pt_tz_to_civil(z, 1773023399, &c);     /* 2026-03-09T02:29:59Z */
	assert_int_equal(c.day, 8);
	assert_int_equal(c.hour, 23);
	assert_int_equal(c.minute, 29);
	pt_tz_to_civil(z, 1773023400, &c);     /* 2026-03-09T02:30:00Z */
	assert_int_equal(c.day, 9);
	assert_int_equal(c.hour, 0);
	assert_int_equal(c.minute, 30);
	check_i64(pt_tz_day_start(z, 1773050000), 1773023400, "Monday", 0);
	check_i64(pt_tz_day_start(z, 1773023400), 1773023400, "Monday", 1);
	check_i64(pt_tz_day_start(z, 1773023399), 1772938800, "Sunday", 2);
	/* pt_tz_from_civil still moves midnight forward by the whole gap. */
	c.hour = c.minute = 0;
	assert_int_equal(pt_tz_from_civil(z, &c, &t), 0);
	check_i64(t, 1773025200, "midnight in gap", 0);
	pt_tz_free(z);
}

static void test_tz__rule_time_limits(void **state)
{
	static const char *const ok[] = {
		"XXX3YYY,M3.2.0/167,M11.1.0/-167", "XXX3YYY,M3.2.0/+2,M11.1.0/-0:30:15",
		"XXX24YYY,M3.2.0,M11.1.0", "<A+1>-24:59:59<B-2>24,J1/0,J365/0",
		"XXX3YYY,0,365", "<ABCDEFGHIJKLMNO>5",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(ok); i++) {
		tz *z = load_rule_only(ok[i]);
		tz_civil c;
		int64_t t;

		pt_tz_to_civil(z, 1782907200, &c);
		assert_int_equal(pt_tz_from_civil(z, &c, &t), 0);
		(void)pt_tz_day_start(z, 1782907200);
		(void)pt_tz_add_days(z, 1782907200, 200);
		pt_tz_free(z);
	}
}

static void test_tz__bad_footers_are_refused(void **state)
{
	static const char *const bad[] = {
		"EST", "ES5", "<AB>5", "<EST5", "<E$T>5", "EST25", "EST5:60",
		"EST5:00:60", "EST 5", "5", "EST-", "EST+", "<>5",
		"<ABCDEFGHIJKLMNOP>5", "ABCDEFGHIJKLMNOPQ5",
		"EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M0.1.0,M11.1.0",
		"EST5EDT,M3.6.0,M11.1.0", "EST5EDT,M3.0.0,M11.1.0",
		"EST5EDT,M3.2.7,M11.1.0", "EST5EDT,M3.2,M11.1.0", "EST5EDT,M3,M11.1.0",
		"EST5EDT,J0,J300", "EST5EDT,J366,J300", "EST5EDT,366,300",
		"EST5EDT,M3.2.0/168,M11.1.0", "EST5EDT,M3.2.0/-168,M11.1.0",
		"EST5EDT,M3.2.0/2:60,M11.1.0", "EST5EDT,M3.2.0", "EST5EDT,M3.2.0,",
		"EST5EDT,M3.2.0,M11.1.0,", "EST5EDT,M3.2.0,M11.1.0 ", "EST5EDT,,M11.1.0",
		"EST5EDT;M3.2.0,M11.1.0", "EST5EDT25,M3.2.0,M11.1.0",
		"EST5EDT,M3.2.0/,M11.1.0", "EST5EDT,M3.2.0/x,M11.1.0", "EST5ED",
		"EST5EDT,X3.2.0,M11.1.0", "EST5EDT,M3.2.0,M11.1.0/1000",
		"EST1234", " EST5", "EST5\t",
	};
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(bad); i++) {
		struct blob bl;

		build_rule_only(&bl, bad[i]);
		expect_refused(&bl, bad[i]);
	}
}

/* ---------------------------------------------------------------------
 * Crafted files: what is valid, and what is refused.
 */

static void test_tz__crafted_file_uses_table_then_footer(void **state)
{
	struct spec s = base_spec();
	struct layout lay;
	struct blob bl;
	char err[256];
	tz_civil c;
	tz *z = NULL;

	(void)state;
	build(&bl, &s, &lay);
	if (load_blob(&bl, &z, err, sizeof err) != 0)
		fail_msg("base file refused: %s", err);
	/* Before the first transition: type 0 (RFC 8536). */
	pt_tz_to_civil(z, 1593604800, &c);             /* 2020-07-01T12:00:00Z */
	assert_string_equal(c.abbr, "EST");
	pt_tz_to_civil(z, 1782907200, &c);             /* 2026-07-01T12:00:00Z */
	assert_string_equal(c.abbr, "EDT");
	pt_tz_to_civil(z, 2224756800, &c);             /* 2040-07-01T12:00:00Z */
	assert_string_equal(c.abbr, "EDT");
	assert_int_equal(c.hour, 8);
	pt_tz_free(z);

	/* An empty footer: the last transition's type goes on for ever. */
	s.footer = "";
	build(&bl, &s, &lay);
	if (load_blob(&bl, &z, err, sizeof err) != 0)
		fail_msg("empty footer refused: %s", err);
	pt_tz_to_civil(z, 2224756800, &c);
	assert_string_equal(c.abbr, "EST");
	pt_tz_free(z);

	/* Versions 3 and 4 read the same way. */
	s.version = '3';
	build(&bl, &s, &lay);
	assert_int_equal(load_blob(&bl, &z, err, sizeof err), 0);
	pt_tz_free(z);
	s.version = '4';
	build(&bl, &s, &lay);
	assert_int_equal(load_blob(&bl, &z, err, sizeof err), 0);
	pt_tz_free(z);
}

static void m_v1_only(struct blob *b, const struct layout *l)
{
	b->b[4] = 0;
	b->len = l->v2_header;
}
static void m_version_1_char(struct blob *b, const struct layout *l) { (void)l; b->b[4] = '1'; }
static void m_bad_magic(struct blob *b, const struct layout *l) { (void)l; b->b[0] = 'X'; }
static void m_bad_second_magic(struct blob *b, const struct layout *l) { b->b[l->v2_header + 3] = 'F'; }
static void m_second_header_v1(struct blob *b, const struct layout *l) { b->b[l->v2_header + 4] = 0; }
static void m_index_out_of_range(struct blob *b, const struct layout *l) { b->b[l->idx] = 2; }
static void m_index_way_out(struct blob *b, const struct layout *l) { b->b[l->idx + 1] = 255; }
static void m_times_equal(struct blob *b, const struct layout *l) { memcpy(b->b + l->times + 8, b->b + l->times, 8); }
static void m_times_descending(struct blob *b, const struct layout *l) { b->b[l->times + 8] = 0x80; }
static void m_no_types(struct blob *b, const struct layout *l) { poke_be32(b, l->v2_header + 36, 0); }
static void m_too_many_types(struct blob *b, const struct layout *l) { poke_be32(b, l->v2_header + 36, 257); }
static void m_no_chars(struct blob *b, const struct layout *l) { poke_be32(b, l->v2_header + 40, 0); }
static void m_huge_timecnt(struct blob *b, const struct layout *l) { poke_be32(b, l->v2_header + 32, 0xffffffff); }
static void m_huge_charcnt(struct blob *b, const struct layout *l) { poke_be32(b, l->v2_header + 40, 0x7fffffff); }
static void m_huge_v1_counts(struct blob *b, const struct layout *l) { (void)l; poke_be32(b, 32, 0xffffffff); poke_be32(b, 40, 0xffffffff); }
static void m_v1_count_off(struct blob *b, const struct layout *l) { (void)l; poke_be32(b, 40, 2); }
static void m_leap_seconds(struct blob *b, const struct layout *l) { poke_be32(b, l->v2_header + 28, 1); }
static void m_isut_count(struct blob *b, const struct layout *l) { poke_be32(b, l->v2_header + 20, 1); }
static void m_isstd_count(struct blob *b, const struct layout *l) { poke_be32(b, l->v2_header + 24, 3); }
static void m_bad_dst_flag(struct blob *b, const struct layout *l) { b->b[l->types + 4] = 2; }
static void m_abbr_out_of_range(struct blob *b, const struct layout *l) { b->b[l->types + 6 + 5] = 8; }
static void m_abbr_unterminated(struct blob *b, const struct layout *l) { b->b[l->chars + 7] = 'X'; }
static void m_offset_huge(struct blob *b, const struct layout *l) { poke_be32(b, l->types, 0x7fffffff); }
static void m_offset_min(struct blob *b, const struct layout *l) { poke_be32(b, l->types, 0x80000000); }
static void m_offset_26h(struct blob *b, const struct layout *l) { poke_be32(b, l->types + 6, 93600); }
static void m_bad_std_indicator(struct blob *b, const struct layout *l) { b->b[l->indicators] = 2; }
static void m_ut_without_std(struct blob *b, const struct layout *l) { b->b[l->indicators + 2] = 1; }
static void m_no_footer(struct blob *b, const struct layout *l) { b->len = l->footer; }
static void m_footer_only_newline(struct blob *b, const struct layout *l) { b->len = l->footer + 1; }
static void m_footer_unterminated(struct blob *b, const struct layout *l) { (void)l; b->len--; }
static void m_footer_no_leading_newline(struct blob *b, const struct layout *l) { b->b[l->footer] = 'x'; }
static void m_footer_nul(struct blob *b, const struct layout *l) { b->b[l->footer + 4] = 0; }
static void m_trailing_data(struct blob *b, const struct layout *l) { (void)l; put(b, "junk", 4); }
static void m_extra_newline(struct blob *b, const struct layout *l) { (void)l; put(b, "\n", 1); }
static void m_footer_too_long(struct blob *b, const struct layout *l)
{
	size_t i;

	b->len = l->footer;
	put(b, "\nEST5EDT,M3.2.0,M11.1.0", 23);
	for (i = 0; i < 300; i++)
		put(b, "0", 1);
	put(b, "\n", 1);
}

static void test_tz__malformed_files_fail_cleanly(void **state)
{
	static const struct {
		const char *what;
		void (*mutate)(struct blob *, const struct layout *);
	} rows[] = {
		{ "v1 only", m_v1_only },
		{ "version '1'", m_version_1_char },
		{ "bad magic", m_bad_magic },
		{ "bad second magic", m_bad_second_magic },
		{ "second header v1", m_second_header_v1 },
		{ "type index out of range", m_index_out_of_range },
		{ "type index 255", m_index_way_out },
		{ "equal transition times", m_times_equal },
		{ "descending transition times", m_times_descending },
		{ "no types", m_no_types },
		{ "257 types", m_too_many_types },
		{ "no abbreviation chars", m_no_chars },
		{ "huge time count", m_huge_timecnt },
		{ "huge char count", m_huge_charcnt },
		{ "huge v1 counts", m_huge_v1_counts },
		{ "v1 block size off", m_v1_count_off },
		{ "leap seconds", m_leap_seconds },
		{ "UT indicator count", m_isut_count },
		{ "std indicator count", m_isstd_count },
		{ "DST flag 2", m_bad_dst_flag },
		{ "abbreviation index out of range", m_abbr_out_of_range },
		{ "unterminated abbreviation", m_abbr_unterminated },
		{ "offset 2^31-1", m_offset_huge },
		{ "offset -2^31", m_offset_min },
		{ "offset 26 hours", m_offset_26h },
		{ "std indicator 2", m_bad_std_indicator },
		{ "UT indicator without std", m_ut_without_std },
		{ "no footer", m_no_footer },
		{ "footer only a newline", m_footer_only_newline },
		{ "footer unterminated", m_footer_unterminated },
		{ "footer without leading newline", m_footer_no_leading_newline },
		{ "NUL in footer", m_footer_nul },
		{ "trailing data", m_trailing_data },
		{ "extra newline", m_extra_newline },
		{ "footer too long", m_footer_too_long },
	};
	struct spec s = base_spec();
	struct layout lay;
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(rows); i++) {
		struct blob bl;

		build(&bl, &s, &lay);
		rows[i].mutate(&bl, &lay);
		expect_refused(&bl, rows[i].what);
	}
}

static void test_tz__refusal_messages(void **state)
{
	static const struct {
		void (*mutate)(struct blob *, const struct layout *);
		const char *message;
	} rows[] = {
		{ m_v1_only, "time zone \"Crafted\" is unusable: version 1 (32-bit only) files are not supported" },
		{ m_leap_seconds, "time zone \"Crafted\" is unusable: leap-second zones are not supported" },
		{ m_bad_magic, "time zone \"Crafted\" is unusable: not a TZif file" },
		{ m_trailing_data, "time zone \"Crafted\" is unusable: trailing data after footer" },
	};
	struct spec s = base_spec();
	struct layout lay;
	char err[256];
	size_t i;

	(void)state;
	for (i = 0; i < ARRAY_LEN(rows); i++) {
		struct blob bl;
		tz *z = NULL;

		build(&bl, &s, &lay);
		rows[i].mutate(&bl, &lay);
		assert_int_equal(load_blob(&bl, &z, err, sizeof err), -1);
		assert_string_equal(err, rows[i].message);
	}
}

static void test_tz__truncated_files_fail_cleanly(void **state)
{
	struct spec s = base_spec();
	struct layout lay;
	struct blob bl;
	size_t n;

	(void)state;
	build(&bl, &s, &lay);
	for (n = 0; n < bl.len; n++) {
		struct blob cut = bl;
		char what[48];

		cut.len = n;
		snprintf(what, sizeof what, "first %zu bytes", n);
		expect_refused(&cut, what);
	}
}

/* Every proper prefix of the real Toronto file is refused too. */
static void test_tz__truncated_system_file_fails_cleanly(void **state)
{
	FILE *f = fopen("/usr/share/zoneinfo/America/Toronto", "rb");
	struct blob bl;
	size_t n;

	(void)state;
	assert_non_null(f);
	bl.len = fread(bl.b, 1, sizeof bl.b, f);
	fclose(f);
	assert_true(bl.len > 100 && bl.len < sizeof bl.b);
	for (n = 0; n < bl.len; n++) {
		struct blob cut = bl;
		char what[48];

		cut.len = n;
		snprintf(what, sizeof what, "Toronto, first %zu bytes", n);
		expect_refused(&cut, what);
	}
}

/* Changing any byte to a few values may make the file valid or not, but
 * must never crash or read out of bounds (run this under ASan). */
static void test_tz__corrupted_bytes_never_crash(void **state)
{
	static const unsigned char values[] = { 0x00, 0xff, 0x80, 0x7f, '0', '\n' };
	struct spec s = base_spec();
	struct layout lay;
	struct blob bl;
	size_t i, v;
	int loaded = 0;

	(void)state;
	build(&bl, &s, &lay);
	for (i = 0; i < bl.len; i++) {
		for (v = 0; v < ARRAY_LEN(values); v++) {
			struct blob bad = bl;
			char err[256], buf[32];
			tz *z = NULL;
			tz_civil c;
			int64_t t;

			bad.b[i] = values[v];
			if (load_blob(&bad, &z, err, sizeof err) != 0) {
				assert_null(z);
				continue;
			}
			loaded++;
			pt_tz_to_civil(z, 1782907200, &c);
			(void)pt_tz_from_civil(z, &c, &t);
			(void)pt_tz_day_start(z, 2224756800);
			(void)pt_tz_add_days(z, 1772902800, 1);
			pt_tz_format(z, -3000000000, buf, sizeof buf);
			pt_tz_free(z);
		}
	}
	assert_true(loaded > 0);
}

static void test_tz__oversized_file_is_refused(void **state)
{
	const size_t size = (size_t)1024 * 1024 + 1;
	unsigned char *data = calloc(size, 1);
	char err[256];
	tz *z = NULL;

	(void)state;
	assert_non_null(data);
	memcpy(data, "TZif2", 5);
	write_file("Big", data, size);
	assert_int_equal(pt_tz_load(&z, "Big", tmp_dir, err, sizeof err), -1);
	assert_null(z);
	assert_string_equal(err, "time zone file for \"Big\" is larger than 1 MiB");
	/* Exactly 1 MiB is read, then refused for its content. */
	write_file("Big", data, size - 1);
	assert_int_equal(pt_tz_load(&z, "Big", tmp_dir, err, sizeof err), -1);
	assert_non_null(strstr(err, "unusable"));
	free(data);
}

static void test_tz__directory_is_refused(void **state)
{
	char err[256];
	tz *z = NULL;

	(void)state;
	assert_int_equal(pt_tz_load(&z, "Dir", tmp_dir, err, sizeof err), -1);
	assert_null(z);
	assert_string_equal(err, "cannot read time zone file for \"Dir\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tz__days_from_civil_known_values),
		cmocka_unit_test(test_tz__civil_days_round_trip_years_1_to_9999),
		cmocka_unit_test(test_tz__utc_works_without_any_file),
		cmocka_unit_test(test_tz__free_null_is_noop),
		cmocka_unit_test(test_tz__name_is_kept),
		cmocka_unit_test(test_tz__invalid_names_are_refused),
		cmocka_unit_test(test_tz__unknown_zone_is_refused),
		cmocka_unit_test(test_tz__error_buffer_is_always_terminated),
		cmocka_unit_test(test_tz__valid_odd_names_load),
		cmocka_unit_test(test_tz__to_civil_table),
		cmocka_unit_test(test_tz__leap_day_2028),
		cmocka_unit_test(test_tz__extreme_instants_are_clamped),
		cmocka_unit_test(test_tz__from_civil_table),
		cmocka_unit_test(test_tz__spring_forward_gap_moves_forward),
		cmocka_unit_test(test_tz__fall_back_overlap_takes_earlier),
		cmocka_unit_test(test_tz__from_civil_rejects_out_of_range),
		cmocka_unit_test(test_tz__day_start_on_dst_change_days),
		cmocka_unit_test(test_tz__add_days_keeps_wall_time_across_dst),
		cmocka_unit_test(test_tz__parse_accepts),
		cmocka_unit_test(test_tz__parse_refuses),
		cmocka_unit_test(test_tz__format_table),
		cmocka_unit_test(test_tz__format_truncates_small_buffer),
		cmocka_unit_test(test_tz__round_trips_every_quarter_hour),
		cmocka_unit_test(test_tz__posix_rule_table),
		cmocka_unit_test(test_tz__posix_rule_gap_and_overlap),
		cmocka_unit_test(test_tz__day_start_when_gap_spans_midnight),
		cmocka_unit_test(test_tz__rule_time_limits),
		cmocka_unit_test(test_tz__bad_footers_are_refused),
		cmocka_unit_test(test_tz__crafted_file_uses_table_then_footer),
		cmocka_unit_test(test_tz__malformed_files_fail_cleanly),
		cmocka_unit_test(test_tz__refusal_messages),
		cmocka_unit_test(test_tz__truncated_files_fail_cleanly),
		cmocka_unit_test(test_tz__truncated_system_file_fails_cleanly),
		cmocka_unit_test(test_tz__corrupted_bytes_never_crash),
		cmocka_unit_test(test_tz__oversized_file_is_refused),
		cmocka_unit_test(test_tz__directory_is_refused),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
