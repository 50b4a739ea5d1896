/*
 * line.c - line items and the arithmetic of a document's totals.
 *
 * Everything here is integer arithmetic on cents and thousandths, with
 * every product bounded by the input limits so that nothing overflows:
 * a quantity (<= 1e8) times a unit price (<= 1e9) stays below 1e17, and
 * so does a taxable sum (<= 1e12) times a rate (<= 1e5).
 */
#include "internal.h"
#include "settings.h"
#include "billing.h"
#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
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

int pt_line_prepare(portal_line *out, portal *p, const portal_line_fields *f)
{
	int64_t fee;
	int err;

	memset(out, 0, sizeof(*out));
	if (f == NULL || f->version != PORTAL_LINE_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_line_fields: missing or of an unknown version");
	if (portal_line_kind_name(f->kind) == NULL)
		return pt_error(p, PORTAL_EINVAL, "line.kind", "unknown line kind %d", (int)f->kind);
	out->kind = f->kind;
	out->quantity = f->quantity ? f->quantity : 1000;
	if (out->quantity < 1 || out->quantity > PORTAL_QUANTITY_MAX)
		return pt_error(p, PORTAL_EINVAL, "line.quantity",
			"a quantity is more than 0 and at most 100000");
	out->unit_price = f->unit_price;
	if (f->unit_price == PORTAL_PRICE_SHOP_FEE && f->kind == PORTAL_LINE_SERVICE_CALL_FEE) {
		if ((err = pt_setting_int(&fee, p, "service_call_fee")) < 0)
			return err;
		out->unit_price = fee;
	}
	if (out->unit_price < 0)
		return pt_error(p, PORTAL_EINVAL, "line.unit_price",
			"a price is never negative; a discount or credit line subtracts its price");
	if (out->unit_price > PORTAL_UNIT_PRICE_MAX)
		return pt_error(p, PORTAL_EINVAL, "line.unit_price",
			"a unit price is at most 10,000,000.00");
	if (f->taxable < -1 || f->taxable > 1)
		return pt_error(p, PORTAL_EINVAL, "line.taxable", "taxable is 1, 0 or -1 (default)");
	out->taxable = f->taxable >= 0 ? f->taxable : f->kind != PORTAL_LINE_CREDIT;
	if (portal_line_amount(&out->amount, out->kind, out->quantity, out->unit_price) < 0)
		return pt_error(p, PORTAL_EINVAL, "line", "line out of range");
	if (f->description == NULL || f->description[0] == '\0')
		out->description = pt_strdup(portal_line_kind_label(f->kind));
	else if ((err = pt_valid_text(&out->description, p, "line.description",
			f->description, 1, 500, 0)) < 0)
		return err;
	return out->description ? PORTAL_OK : pt_oom(p);
}

int pt_totals(portal_totals *out, portal *p, const portal_line *lines, size_t n,
	int32_t rate)
{
	portal_totals t = { 0, 0, 0, 0, rate };

	for (size_t i = 0; i < n; i++) {
		t.subtotal += lines[i].amount;
		if (lines[i].taxable)
			t.taxable += lines[i].amount;
		/* Each line is at most 1e14 cents, so one step past the limit
		 * is still far from int64 overflow; stop at the first. */
		if (t.subtotal > PORTAL_MONEY_MAX || t.subtotal < -PORTAL_MONEY_MAX ||
		    t.taxable > PORTAL_MONEY_MAX || t.taxable < -PORTAL_MONEY_MAX)
			return pt_error(p, PORTAL_EINVAL, "line",
				"the document's total would exceed 10,000,000,000.00");
	}
	if (portal_tax(&t.tax, t.taxable, rate) < 0)
		return pt_error(p, PORTAL_EINVAL, NULL, "tax rate out of range");
	/* Both terms are within the limit, so the sum cannot overflow; the
	 * tax alone may take it past the limit. */
	t.total = t.subtotal + t.tax;
	if (t.total > PORTAL_MONEY_MAX || t.total < -PORTAL_MONEY_MAX)
		return pt_error(p, PORTAL_EINVAL, "line",
			"the document's total would exceed 10,000,000,000.00");
	*out = t;
	return PORTAL_OK;
}
