/* SPDX-License-Identifier: MIT */
/*
 * money.c - typed amounts to cents and back, without floating point.
 */
#include "internal.h"
#include "settings.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
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

/* Currencies written with a plain "$": the shop says which dollars once,
 * next to the amounts ("Amounts in CAD."). */
static const char *const dollar_codes[] = {
	"AUD", "BBD", "BMD", "BSD", "BZD", "CAD", "FJD", "HKD",
	"JMD", "KYD", "NZD", "SGD", "TTD", "USD", "XCD",
};

/* `currency` upper-cased into `code`, or 0 when it is not three letters. */
static int currency_code(char code[4], const char *currency)
{
	if (currency == NULL || strlen(currency) != 3)
		return 0;
	for (int i = 0; i < 3; i++) {
		if (!isalpha((unsigned char)currency[i]))
			return 0;
		code[i] = (char)toupper((unsigned char)currency[i]);
	}
	code[3] = '\0';
	return 1;
}

static int is_dollar(const char *code)
{
	for (size_t i = 0; i < sizeof(dollar_codes) / sizeof(dollar_codes[0]); i++)
		if (strcmp(code, dollar_codes[i]) == 0)
			return 1;
	return 0;
}

char *portal_money_sign(char *buf, size_t len, const char *currency)
{
	char code[4];

	/* No code at all is the default currency's, the Canadian dollar. */
	if (!currency_code(code, currency) || is_dollar(code))
		snprintf(buf, len, "$");
	else if (strcmp(code, "EUR") == 0)
		snprintf(buf, len, "\xe2\x82\xac");
	else if (strcmp(code, "GBP") == 0)
		snprintf(buf, len, "\xc2\xa3");
	else
		snprintf(buf, len, "%s ", code);
	return buf;
}

char *portal_money_format_currency(char *buf, size_t len, portal_money cents,
	const char *currency)
{
	char text[PORTAL_MONEY_STRLEN], sign[PORTAL_MONEY_SIGNLEN];
	const char *amount = text, *minus = "";

	/* portal_money_format() writes the minus; it goes before the sign. */
	portal_money_format(text, sizeof(text), cents);
	if (text[0] == '-') {
		minus = "-";
		amount++;
	}
	snprintf(buf, len, "%s%s%s", minus, portal_money_sign(sign, sizeof(sign), currency), amount);
	return buf;
}

/* Every sentence the library writes uses this. A setting that cannot be
 * read is taken as the default currency: the sentence's own write
 * reports the store. */
char *portal_shop_money_format(char buf[PORTAL_MONEY_STRLEN], portal *p, portal_money cents)
{
	char *currency = NULL;

	if (pt_setting_text(&currency, p, "currency") < 0)
		currency = NULL;
	portal_money_format_currency(buf, PORTAL_MONEY_STRLEN, cents, currency);
	free(currency);
	return buf;
}
