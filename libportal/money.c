/*
 * money.c - typed amounts to cents and back, without floating point.
 */
#include "internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Digits with optional thousands separators, which must then group the
 * whole integer part by three: "1,200" yes, "12,00" no. */
static int parse_integer_part(const char **sp, portal_money *out)
{
	const char *s = *sp;
	portal_money v = 0;
	int digits = 0, group = -1;

	for (; isdigit((unsigned char)*s) || *s == ','; s++) {
		if (*s == ',') {
			/* A leading "0," is a decimal comma ("0,10"), not thousands. */
			if (digits == 0 || v == 0 || (group >= 0 && group != 3) ||
			    (group < 0 && digits > 3))
				return -1;
			group = 0;
			continue;
		}
		if (v > PORTAL_MONEY_MAX / 10)
			return -1;
		v = v * 10 + (*s - '0');
		digits++;
		if (group >= 0)
			group++;
	}
	if (digits == 0 || (group >= 0 && group != 3))
		return -1;
	*sp = s;
	*out = v;
	return 0;
}

int portal_money_parse(portal_money *out, const char *text)
{
	const char *s = text;
	portal_money units, cents = 0;
	int negative = 0;

	if (s == NULL)
		return -1;
	while (*s == ' ')
		s++;
	if (*s == '-' || *s == '+')
		negative = *s++ == '-';
	if (*s == '$')
		s++;
	if (parse_integer_part(&s, &units) < 0)
		return -1;
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)s[0]))
			return -1;
		cents = (s[0] - '0') * 10;
		s++;
		if (isdigit((unsigned char)*s))
			cents += *s++ - '0';
	}
	while (*s == ' ')
		s++;
	if (*s != '\0' || units > PORTAL_MONEY_MAX / 100)
		return -1;
	units = units * 100 + cents;
	if (units > PORTAL_MONEY_MAX)
		return -1;
	*out = negative ? -units : units;
	return 0;
}

char *portal_money_format(char *buf, size_t len, portal_money cents)
{
	char digits[32], grouped[48];
	uint64_t mag = cents < 0 ? (uint64_t)0 - (uint64_t)cents : (uint64_t)cents;
	size_t n, g = 0;

	n = (size_t)snprintf(digits, sizeof(digits), "%llu", (unsigned long long)(mag / 100));
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			grouped[g++] = ',';
		grouped[g++] = digits[i];
	}
	grouped[g] = '\0';
	snprintf(buf, len, "%s%s.%02u", cents < 0 ? "-" : "", grouped, (unsigned)(mag % 100));
	return buf;
}
