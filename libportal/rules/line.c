/* SPDX-License-Identifier: MIT */
/*
 * line.c - line items as the shop types them, and a document's totals
 * (one line's arithmetic is record_amount.c's).
 */
#include "internal.h"
#include "settings.h"
#include "billing.h"
#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
