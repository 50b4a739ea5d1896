/* SPDX-License-Identifier: MIT */
/*
 * print_billing.c - what `portal estimate` and `portal invoice` share:
 * reading a line item from the command line, and printing line tables
 * and totals.
 */
#include "cli.h"

#include <string.h>

int cli_line_fields(portal_line_fields *f, const char *kind, const char *description,
	const char *price, const char *qty, int no_tax)
{
	if (portal_line_kind_parse(&f->kind, kind) < 0)
		return cli_usage_error("'%s' is not a line kind: labour, part, service-call-fee, "
			"other-fee, discount or credit", kind);
	f->description = description;
	if (price == NULL) {
		if (f->kind != PORTAL_LINE_SERVICE_CALL_FEE)
			return cli_usage_error("--price is needed for a %s line",
				portal_line_kind_name(f->kind));
		f->unit_price = PORTAL_PRICE_SHOP_FEE;
	} else if (portal_money_parse(&f->unit_price, price) < 0) {
		return cli_usage_error("--price: '%s' is not an amount", price);
	}
	if (qty && portal_quantity_parse(&f->quantity, qty) < 0)
		return cli_usage_error("--qty: '%s' is not a quantity (up to 3 decimals)", qty);
	f->taxable = no_tax ? 0 : -1;
	return 0;
}

void cli_print_lines(const portal_line *lines, size_t n, int with_decision)
{
	char qty[32], price[PORTAL_MONEY_STRLEN], amount[PORTAL_MONEY_STRLEN];

	for (size_t i = 0; i < n; i++) {
		const portal_line *l = &lines[i];
		printf("  %2d. %-40.40s %6s x %10s %11s%s", l->position, l->description,
			portal_quantity_format(qty, sizeof(qty), l->quantity),
			portal_money_format(price, sizeof(price), l->unit_price),
			portal_money_format(amount, sizeof(amount), l->amount),
			l->taxable ? "" : "  (no tax)");
		if (with_decision)
			printf("  [%s%s%s]", portal_decision_name(l->decision),
				*l->decided_by ? " by " : "", l->decided_by);
		putchar('\n');
	}
}

void cli_print_totals(const portal_totals *t)
{
	char buf[PORTAL_MONEY_STRLEN], base[PORTAL_MONEY_STRLEN], label[96], rate[16];
	size_t n;

	printf("  %-58s %11s\n", "Subtotal", portal_money_format(buf, sizeof(buf), t->subtotal));
	/* 13000 thousandths of a percent reads "13%", 9975 "9.975%". */
	n = (size_t)snprintf(rate, sizeof(rate), "%d.%03d", t->tax_rate / 1000,
		t->tax_rate % 1000);
	n = n < sizeof(rate) ? n : sizeof(rate) - 1;
	while (n > 1 && rate[n - 1] == '0')
		n--;
	if (n > 1 && rate[n - 1] == '.')
		n--;
	rate[n] = '\0';
	snprintf(label, sizeof(label), "Tax %s%% on %s", rate,
		portal_money_format(base, sizeof(base), t->taxable));
	printf("  %-58s %11s\n", label, portal_money_format(buf, sizeof(buf), t->tax));
	printf("  %-58s %11s\n", "Total", portal_money_format(buf, sizeof(buf), t->total));
}
