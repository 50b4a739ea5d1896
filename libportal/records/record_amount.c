/* SPDX-License-Identifier: MIT */
/*
 * record_amount.c - the arithmetic of one line: its amount, its tax and
 * its quantity as typed and written.
 *
 * Everything here is integer arithmetic on cents and thousandths, with
 * every product bounded by the input limits so that nothing overflows:
 * a quantity (<= 1e8) times a unit price (<= 1e9) stays below 1e17, and
 * so does a taxable sum (<= 1e12) times a rate (<= 1e5). The store sums
 * lines as it reads them, so this sits below it.
 */
#include "record.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* n / d rounded to the nearest integer, halves away from zero; d > 0. */
static int64_t div_round(int64_t n, int64_t d)
{
	return n >= 0 ? (n + d / 2) / d : -((-n + d / 2) / d);
}

static int subtracts(portal_line_kind k)
{
	return k == PORTAL_LINE_DISCOUNT || k == PORTAL_LINE_CREDIT;
}

int portal_line_amount(portal_money *out, portal_line_kind kind, int64_t quantity,
	portal_money unit_price)
{
	int64_t amount;

	if (portal_line_kind_name(kind) == NULL || quantity < 1 ||
	    quantity > PORTAL_QUANTITY_MAX || unit_price < 0 ||
	    unit_price > PORTAL_UNIT_PRICE_MAX)
		return -1;
	amount = div_round(quantity * unit_price, 1000);
	*out = subtracts(kind) ? -amount : amount;
	return 0;
}

int portal_tax(portal_money *out, portal_money taxable, int32_t rate)
{
	if (taxable > PORTAL_MONEY_MAX || taxable < -PORTAL_MONEY_MAX ||
	    rate < 0 || rate > 100000)
		return -1;
	*out = div_round(taxable * rate, 100000);
	return 0;
}

int portal_quantity_parse(int64_t *out, const char *text)
{
	int64_t whole = 0, frac = 0;
	int digits = 0, decimals = 0;
	const char *s = text;

	if (s == NULL)
		return -1;
	while (*s == ' ')
		s++;
	for (; isdigit((unsigned char)*s); s++, digits++) {
		if (whole > PORTAL_QUANTITY_MAX)
			return -1;
		whole = whole * 10 + (*s - '0');
	}
	if (*s == '.') {
		for (s++; isdigit((unsigned char)*s); s++, decimals++) {
			if (decimals == 3)
				return -1;
			frac = frac * 10 + (*s - '0');
		}
		if (decimals == 0)
			return -1;
	}
	while (*s == ' ')
		s++;
	if (*s != '\0' || digits == 0)
		return -1;
	for (; decimals < 3; decimals++)
		frac *= 10;
	if (whole > PORTAL_QUANTITY_MAX / 1000)
		return -1;
	whole = whole * 1000 + frac;
	if (whole < 1 || whole > PORTAL_QUANTITY_MAX)
		return -1;
	*out = whole;
	return 0;
}

char *portal_quantity_format(char *buf, size_t len, int64_t quantity)
{
	int64_t whole = quantity / 1000, frac = quantity % 1000;

	if (quantity < 0) {
		snprintf(buf, len, "?");
		return buf;
	}
	if (frac == 0)
		snprintf(buf, len, "%lld", (long long)whole);
	else if (frac % 100 == 0)
		snprintf(buf, len, "%lld.%lld", (long long)whole, (long long)(frac / 100));
	else if (frac % 10 == 0)
		snprintf(buf, len, "%lld.%02lld", (long long)whole, (long long)(frac / 10));
	else
		snprintf(buf, len, "%lld.%03lld", (long long)whole, (long long)frac);
	return buf;
}
