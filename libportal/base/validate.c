/* SPDX-License-Identifier: MIT */
/*
 * validate.c - checking and normalising the values people type.
 */
#include "validate.h"

#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decode one UTF-8 sequence at `s`; returns its length, or 0 when it is
 * malformed (overlong, surrogate, beyond U+10FFFF, truncated). */
size_t pt_utf8_decode(const unsigned char *s, uint32_t *cp)
{
	size_t n, i;
	uint32_t c = s[0], min;

	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if ((c & 0xe0) == 0xc0) {
		n = 2; c &= 0x1f; min = 0x80;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3; c &= 0x0f; min = 0x800;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4; c &= 0x07; min = 0x10000;
	} else {
		return 0;
	}
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

size_t pt_utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

int pt_utf8_valid(const char *s)
{
	uint32_t cp;
	size_t n;

	for (; *s; s += n)
		if ((n = pt_utf8_decode((const unsigned char *)s, &cp)) == 0)
			return 0;
	return 1;
}

char *pt_utf8_repaired(const char *s)
{
	/* U+FFFD takes 3 bytes where a bad byte took 1. */
	char *out = malloc(strlen(s) * 3 + 1), *o = out;
	uint32_t cp;
	size_t n;

	if (out == NULL)
		return NULL;
	while (*s) {
		if ((n = pt_utf8_decode((const unsigned char *)s, &cp)) == 0) {
			memcpy(o, "\xEF\xBF\xBD", 3);
			o += 3;
			s++;
			continue;
		}
		memcpy(o, s, n);
		o += n;
		s += n;
	}
	*o = '\0';
	return out;
}


static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

/* A trimmed copy of `in` (NULL counts as ""). */
static char *trimmed_copy(const char *in)
{
	const char *end;
	char *out;
	size_t n;

	if (in == NULL)
		in = "";
	while (is_space(*in))
		in++;
	end = in + strlen(in);
	while (end > in && is_space(end[-1]))
		end--;
	n = (size_t)(end - in);
	if ((out = malloc(n + 1)) == NULL)
		return NULL;
	memcpy(out, in, n);
	out[n] = '\0';
	return out;
}

/* Control characters (C0, DEL, C1) and the Unicode line and paragraph
 * separators would let a value break a line in a log, a header or a
 * terminal. */
static int is_forbidden(uint32_t cp, unsigned flags)
{
	if (cp == '\n')
		return !(flags & PT_TEXT_MULTILINE);
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029;
}

void pt_text_scrub(char *s)
{
	uint32_t cp;
	size_t n;

	while (*s) {
		if ((n = pt_utf8_decode((const unsigned char *)s, &cp)) == 0)
			n = 1;
		else if (!is_forbidden(cp, 0)) {
			s += n;
			continue;
		}
		/* Each byte of what may not stay becomes '?'. */
		memset(s, '?', n);
		s += n;
	}
}

static int check_utf8(portal *p, const char *field, const char *s, unsigned flags)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	size_t n;

	while (*u) {
		if ((n = pt_utf8_decode(u, &cp)) == 0)
			return pt_say(p, pt_error(p, PORTAL_EINVAL, field, "not valid UTF-8 text"),
				"%s has characters that cannot be read; please type it again",
				pt_field_words(field));
		if (is_forbidden(cp, flags))
			return pt_say(p, pt_error(p, PORTAL_EINVAL, field,
					"control characters are not allowed"),
				"%s has control characters; please type plain text",
				pt_field_words(field));
		u += n;
	}
	return PORTAL_OK;
}

int pt_valid_text(char **out, portal *p, const char *field, const char *in,
	size_t min, size_t max, unsigned flags)
{
	char *s;
	size_t len;
	int err;

	*out = NULL;
	if ((s = trimmed_copy(in)) == NULL)
		return pt_oom(p);
	if (flags & PT_TEXT_MULTILINE) {
		/* Keep the lines, drop the carriage returns of CRLF input. */
		char *r = s, *w = s;
		for (; *r; r++)
			if (!(r[0] == '\r' && r[1] == '\n'))
				*w++ = *r;
		*w = '\0';
	}
	if ((err = check_utf8(p, field, s, flags)) < 0)
		goto fail;
	len = pt_utf8_length(s);
	if (len == 0 && min > 0) {
		err = pt_say(p, pt_error(p, PORTAL_EINVAL, field, "required"),
			"Please fill in %s", pt_field_words(field));
		goto fail;
	}
	if (len < min || len > max) {
		err = pt_say(p, pt_error(p, PORTAL_EINVAL, field,
				"must be %zu to %zu characters (got %zu)", min, max, len),
			"%s must be %zu to %zu characters long; it has %zu",
			pt_field_words(field), min, max, len);
		goto fail;
	}
	*out = s;
	return PORTAL_OK;
fail:
	free(s);
	return err;
}

static int is_email_local_char(unsigned char c)
{
	return isalnum(c) || strchr("!#$%&'*+/=?^_`{|}~.-", c) != NULL;
}

static int check_domain(char *d)
{
	char *label = d, *dot;
	size_t n, labels = 0;

	for (; *d; d++)
		*d = (char)tolower((unsigned char)*d);
	for (;;) {
		dot = strchr(label, '.');
		n = dot ? (size_t)(dot - label) : strlen(label);
		if (n == 0 || n > 63 || label[0] == '-' || label[n - 1] == '-')
			return -1;
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)label[i];
			/* Bytes >= 0x80 are the UTF-8 of an internationalised name. */
			if (!(isalnum(c) || c == '-' || c >= 0x80))
				return -1;
		}
		labels++;
		if (dot == NULL)
			break;
		label = dot + 1;
	}
	/* "user@localhost" is legal but never a customer's address. */
	return labels >= 2 && n >= 2 ? 0 : -1;
}

int pt_valid_email(char **out, portal *p, const char *field, const char *in, int required)
{
	char *s, *at;
	size_t local;
	int err;

	*out = NULL;
	if ((err = pt_valid_text(&s, p, field, in, required ? 1 : 0, 254, 0)) < 0)
		return err;
	if (*s == '\0') {
		*out = s;
		return PORTAL_OK;
	}
	at = strrchr(s, '@');
	local = at ? (size_t)(at - s) : 0;
	if (at == NULL || local == 0 || local > 64 || s[0] == '.' || at[-1] == '.' ||
	    strstr(s, "..") != NULL || check_domain(at + 1) < 0)
		goto bad;
	for (size_t i = 0; i < local; i++)
		if (!is_email_local_char((unsigned char)s[i]))
			goto bad;
	*out = s;
	return PORTAL_OK;
bad:
	err = pt_error(p, PORTAL_EINVAL, field, "'%s' is not an email address", s);
	free(s);
	*out = NULL;
	return err;
}

/* North American numbers: area code and exchange start with 2-9. */
static int is_nanp(const char *d)
{
	return d[0] >= '2' && d[3] >= '2';
}

int pt_valid_phone(char **out, portal *p, const char *field, const char *in, int required)
{
	char digits[20], *s;
	size_t n = 0;
	int plus = 0, err;

	*out = NULL;
	if ((err = pt_valid_text(&s, p, field, in, required ? 1 : 0, 40, 0)) < 0)
		return err;
	if (*s == '\0') {
		*out = s;
		return PORTAL_OK;
	}
	for (const char *c = s; *c; c++) {
		if (*c == '+' && c == s)
			plus = 1;
		else if (isdigit((unsigned char)*c) && n < sizeof(digits) - 1)
			digits[n++] = *c;
		else if (isdigit((unsigned char)*c) || !strchr(" -.()", *c))
			goto bad;
	}
	digits[n] = '\0';
	if (!plus && n == 11 && digits[0] == '1')
		memmove(digits, digits + 1, n--);
	if (!plus && n == 10 && is_nanp(digits)) {
		memmove(digits + 1, digits, n + 1);
		digits[0] = '1';
	} else if (!(plus && n >= 8 && n <= 15 && digits[0] != '0') ||
	    (plus && digits[0] == '1' && (n != 11 || !is_nanp(digits + 1)))) {
		goto bad;
	}
	free(s);
	if ((*out = malloc(strlen(digits) + 2)) == NULL)
		return pt_oom(p);
	(*out)[0] = '+';
	strcpy(*out + 1, digits);
	return PORTAL_OK;
bad:
	err = pt_error(p, PORTAL_EINVAL, field,
		"'%s' is not a phone number (10 digits, or + and the country code)", s);
	free(s);
	return err;
}

/* ISO 3779 transliteration and weights for the North American check digit. */
static int vin_value(char c)
{
	static const char letters[] = "ABCDEFGHJKLMNPRSTUVWXYZ";
	static const int values[] = { 1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9,
		2, 3, 4, 5, 6, 7, 8, 9 };
	const char *l;

	if (c >= '0' && c <= '9')
		return c - '0';
	l = strchr(letters, c);
	return l ? values[l - letters] : -1;
}

static int vin_check_digit(const char *vin)
{
	static const int weights[17] = { 8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2 };
	int sum = 0, r;

	for (int i = 0; i < 17; i++)
		sum += vin_value(vin[i]) * weights[i];
	r = sum % 11;
	return r == 10 ? 'X' : '0' + r;
}

int pt_valid_vin(char **out, portal *p, const char *field, const char *in)
{
	char *s;
	int err;

	*out = NULL;
	if ((err = pt_valid_text(&s, p, field, in, 0, 17, 0)) < 0)
		return err;
	if (*s == '\0') {
		*out = s;
		return PORTAL_OK;
	}
	for (char *c = s; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	if (strlen(s) != 17) {
		err = pt_error(p, PORTAL_EINVAL, field, "a VIN has 17 characters (got %zu)", strlen(s));
		goto fail;
	}
	for (const char *c = s; *c; c++) {
		if (vin_value(*c) < 0) {
			err = pt_error(p, PORTAL_EINVAL, field,
				"'%c' cannot appear in a VIN (letters I, O, Q never do)", *c);
			goto fail;
		}
	}
	if (s[0] >= '1' && s[0] <= '5' && s[8] != vin_check_digit(s)) {
		err = pt_error(p, PORTAL_EINVAL, field,
			"check digit of %s does not match (a character is mistyped)", s);
		goto fail;
	}
	*out = s;
	return PORTAL_OK;
fail:
	free(s);
	return err;
}

int pt_valid_house_number(char **out, portal *p, const char *field, const char *in)
{
	char *s;
	int err;

	*out = NULL;
	if ((err = pt_valid_text(&s, p, field, in, 1, 12, 0)) < 0)
		return err;
	if (!isdigit((unsigned char)s[0]))
		goto bad;
	for (const char *c = s; *c; c++) {
		if (isalnum((unsigned char)*c) || *c == ' ' || *c == '/')
			continue;
		if (strncmp(c, "\xc2\xbd", 2) == 0) {	/* ½ */
			c++;
			continue;
		}
		goto bad;
	}
	*out = s;
	return PORTAL_OK;
bad:
	err = pt_error(p, PORTAL_EINVAL, field,
		"'%s' is not a house number (digits first, e.g. 120 or 120A; the unit has its own field)", s);
	free(s);
	return err;
}

char *pt_house_key(const char *house_number)
{
	char *key = malloc(strlen(house_number) * 2 + 1), *w = key;

	if (key == NULL)
		return NULL;
	for (const char *c = house_number; *c; c++) {
		if (strncmp(c, "\xc2\xbd", 2) == 0) {
			memcpy(w, "1/2", 3);
			w += 3;
			c++;
		} else if (*c != ' ') {
			*w++ = (char)tolower((unsigned char)*c);
		}
	}
	*w = '\0';
	return key;
}

static int postal_ca(char *s, char *norm)
{
	char c[6];
	size_t n = 0;

	for (; *s; s++) {
		if (*s == ' ' || *s == '-')
			continue;
		if (n == 6)
			return -1;
		c[n++] = (char)toupper((unsigned char)*s);
	}
	if (n != 6)
		return -1;
	for (size_t i = 0; i < 6; i++)
		if (i % 2 == 0 ? !(isupper((unsigned char)c[i]) && !strchr("DFIOQU", c[i]))
			       : !isdigit((unsigned char)c[i]))
			return -1;
	if (c[0] == 'W' || c[0] == 'Z')
		return -1;
	snprintf(norm, 8, "%.3s %.3s", c, c + 3);
	return 0;
}

static int postal_us(const char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n; i++)
		if (!(isdigit((unsigned char)s[i]) || (i == 5 && s[i] == '-')))
			return -1;
	return (n == 5 || (n == 10 && s[5] == '-')) ? 0 : -1;
}

static int postal_other(const char *s)
{
	for (; *s; s++)
		if (!(isalnum((unsigned char)*s) || *s == ' ' || *s == '-'))
			return -1;
	return 0;
}

int pt_valid_postal_code(char **out, portal *p, const char *field, const char *in,
	const char *country)
{
	char norm[8], *s;
	int err, bad;

	*out = NULL;
	if ((err = pt_valid_text(&s, p, field, in, 0, 12, 0)) < 0)
		return err;
	if (*s == '\0') {
		*out = s;
		return PORTAL_OK;
	}
	if (strcmp(country, "CA") == 0) {
		if ((bad = postal_ca(s, norm)) == 0) {
			/* "M5V2T6" grows by the space: make room. */
			free(s);
			if ((s = pt_strdup(norm)) == NULL)
				return pt_oom(p);
		}
	} else if (strcmp(country, "US") == 0) {
		bad = postal_us(s);
	} else {
		bad = postal_other(s);
	}
	if (bad) {
		err = pt_error(p, PORTAL_EINVAL, field, "'%s' is not a postal code of %s", s, country);
		free(s);
		return err;
	}
	*out = s;
	return PORTAL_OK;
}

int pt_valid_country(char **out, portal *p, const char *field, const char *in)
{
	char *s;
	int err;

	*out = NULL;
	if ((err = pt_valid_text(&s, p, field, in, 0, 2, 0)) < 0)
		return err;
	if (*s == '\0') {
		free(s);
		*out = pt_strdup("CA");
		return *out ? PORTAL_OK : pt_oom(p);
	}
	for (char *c = s; *c; c++)
		*c = (char)toupper((unsigned char)*c);
	if (strlen(s) != 2 || !isupper((unsigned char)s[0]) || !isupper((unsigned char)s[1])) {
		err = pt_error(p, PORTAL_EINVAL, field, "'%s' is not a two-letter country code", s);
		free(s);
		return err;
	}
	*out = s;
	return PORTAL_OK;
}

static int days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

int pt_valid_date(char **out, portal *p, const char *field, const char *in, int required)
{
	int y, m, d, n = 0;
	char *s;
	int err;

	*out = NULL;
	if ((err = pt_valid_text(&s, p, field, in, required ? 1 : 0, 10, 0)) < 0)
		return err;
	if (*s == '\0') {
		*out = s;
		return PORTAL_OK;
	}
	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
	    !isdigit((unsigned char)s[5]) || !isdigit((unsigned char)s[8]) ||
	    y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) {
		err = pt_error(p, PORTAL_EINVAL, field, "'%s' is not a date (YYYY-MM-DD)", s);
		free(s);
		return err;
	}
	*out = s;
	return PORTAL_OK;
}

int pt_valid_location(portal *p, const char *field, double lat, double lon)
{
	if (!isfinite(lat) || !isfinite(lon) || lat < -90.0 || lat > 90.0 ||
	    lon < -180.0 || lon > 180.0)
		return pt_error(p, PORTAL_EINVAL, field,
			"latitude must be -90..90 and longitude -180..180");
	return PORTAL_OK;
}

int pt_name_fold(char *out, size_t len, const char *text)
{
	size_t n = 0;

	if (text == NULL || len == 0)
		return -1;
	for (; *text; text++) {
		char c = *text;
		if (n + 1 >= len)
			return -1;
		out[n++] = (c == ' ' || c == '-') ? '_' : (char)tolower((unsigned char)c);
	}
	out[n] = '\0';
	return 0;
}

int pt_name_normalise(char *out, size_t len, const char *text)
{
	size_t n;

	while (text != NULL && *text == ' ')
		text++;
	if (pt_name_fold(out, len, text) < 0)
		return -1;
	for (n = strlen(out); n > 0 && out[n - 1] == '_'; n--)
		out[n - 1] = '\0';
	return 0;
}

/* The longest shop name: a DNS label's length. */
#define PT_SHOP_NAME_MAX 63

/* A shop's name is a word of a host name, so that it reads the same in a
 * URL, a file name and a command line. */
int pt_shop_name_check(portal *p, const char *name)
{
	size_t n = name ? strlen(name) : 0;

	if (n == 0 || n > PT_SHOP_NAME_MAX)
		return pt_error(p, PORTAL_EINVAL, "name",
			"a shop's name has 1 to %d characters", PT_SHOP_NAME_MAX);
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' ||
		      c == '-' || c == '_'))
			return pt_error(p, PORTAL_EINVAL, "name", "a shop's name is made "
				"of a-z, 0-9, '.', '-' and '_'");
	}
	return PORTAL_OK;
}
