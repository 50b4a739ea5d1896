/* SPDX-License-Identifier: MIT */
/*
 * portal/line.h - line items of estimates and invoices, and the arithmetic
 * of a document's totals.
 *
 * Money is integer cents, quantities are integer thousandths (1.5 hours is
 * 1500). Two roundings exist, both to the cent and half away from zero:
 *
 * - a line's amount is quantity x unit price / 1000, rounded once;
 * - a document's tax is the shop's rate applied to the sum of its taxable
 *   lines, rounded once for the whole document (never per line).
 *
 * Discounts and credits are entered with a positive price and subtract:
 * their amounts are negative.
 */
#ifndef PORTAL_LINE_H
#define PORTAL_LINE_H

#include "common.h"

PORTAL_BEGIN_DECL

/** What a line charges for. Values are stored: never renumber. */
typedef enum portal_line_kind {
	PORTAL_LINE_LABOUR = 1,
	PORTAL_LINE_PART = 2,
	PORTAL_LINE_SERVICE_CALL_FEE = 3,
	PORTAL_LINE_OTHER_FEE = 4,
	PORTAL_LINE_DISCOUNT = 5,   /**< subtracts */
	PORTAL_LINE_CREDIT = 6      /**< subtracts */
} portal_line_kind;

/** The stable name of `k`: "labour", "part", "service_call_fee",
 * "other_fee", "discount", "credit"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_line_kind_name(portal_line_kind k);

/** A label for people: "Service call fee"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_line_kind_label(portal_line_kind k);

/** Parse a kind as typed ("service-call-fee", "Part", "labor"). @return 0 or -1 */
PORTAL_EXTERN(int) portal_line_kind_parse(portal_line_kind *out, const char *text);

/** A customer's decision on an estimate line. Values are stored. */
typedef enum portal_decision {
	PORTAL_DECISION_PENDING = 0,
	PORTAL_DECISION_APPROVED = 1,
	PORTAL_DECISION_DECLINED = 2
} portal_decision;

/** "pending", "approved", "declined"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_decision_name(portal_decision d);

/** The largest quantity a line takes: 100000.000. */
#define PORTAL_QUANTITY_MAX ((int64_t)100000000)

/** The largest unit price a line takes: $10,000,000.00. */
#define PORTAL_UNIT_PRICE_MAX ((portal_money)1000000000)

/** As a unit price of a service call fee line: the shop's current fee. */
#define PORTAL_PRICE_SHOP_FEE ((portal_money)-1)

/** Values of a new line. */
typedef struct portal_line_fields {
	unsigned int version;
	portal_line_kind kind;      /**< required */
	/** 1..500 characters; NULL or "" takes the kind's label. */
	const char *description;
	/** Thousandths, 1..PORTAL_QUANTITY_MAX; 0 means 1 (1000). */
	int64_t quantity;
	/**
	 * Cents, 0..PORTAL_UNIT_PRICE_MAX, or PORTAL_PRICE_SHOP_FEE on a
	 * service call fee line.
	 */
	portal_money unit_price;
	/** 1 taxable, 0 not, -1 the kind's default (all but credits taxable). */
	int taxable;
} portal_line_fields;

#define PORTAL_LINE_FIELDS_VERSION 1
#define PORTAL_LINE_FIELDS_INIT { PORTAL_LINE_FIELDS_VERSION, PORTAL_LINE_LABOUR, NULL, 0, 0, -1 }

/** A stored line. Strings are never NULL. */
typedef struct portal_line {
	portal_id id;
	int position;               /**< 1, 2, ... in the document */
	portal_line_kind kind;
	char *description;
	int64_t quantity;           /**< thousandths */
	portal_money unit_price;    /**< cents, never negative */
	int taxable;
	portal_money amount;        /**< signed: negative for discounts and credits */
	/* Estimate lines only (PENDING, 0 and "" on invoice lines). */
	portal_decision decision;
	portal_time decided_at;
	char *decided_by;           /**< the approver's typed name */
	/** The inspection item this line came from; 0 for none. */
	portal_id inspection_item_id;
} portal_line;

/** A document's sums, all in cents. */
typedef struct portal_totals {
	portal_money subtotal;      /**< sum of line amounts */
	portal_money taxable;       /**< sum of taxable line amounts */
	portal_money tax;           /**< rate x taxable, rounded once */
	portal_money total;         /**< subtotal + tax */
	/** The rate applied, in thousandths of a percent (13% is 13000). */
	int32_t tax_rate;
} portal_totals;

/**
 * The amount of `quantity` (thousandths) at `unit_price` (cents) for a
 * line of kind `kind`: rounded to the cent, half away from zero, negative
 * for discounts and credits.
 * @return 0, or -1 when the inputs are out of range
 */
PORTAL_EXTERN(int) portal_line_amount(portal_money *out, portal_line_kind kind,
	int64_t quantity, portal_money unit_price);

/**
 * Tax on `taxable` cents at `rate` thousandths of a percent, rounded to
 * the cent half away from zero: 0.5 cent and more rounds up. Example: 13%
 * of $0.50 is 6.5 cents and gives 7.
 * @return 0, or -1 when out of range (|taxable| > PORTAL_MONEY_MAX or the
 *         rate outside 0..100000)
 */
PORTAL_EXTERN(int) portal_tax(portal_money *out, portal_money taxable, int32_t rate);

/**
 * Parse a quantity as typed: "2", "1.5", "0.25", up to three decimals.
 * @return 0, or -1 when not a quantity in 1..PORTAL_QUANTITY_MAX thousandths
 */
PORTAL_EXTERN(int) portal_quantity_parse(int64_t *out, const char *text);

/** Write a quantity as "2", "1.5" or "0.25" into `buf` (32 bytes is enough). */
PORTAL_EXTERN(char *) portal_quantity_format(char *buf, size_t len, int64_t quantity);

/** Free an array of `n` lines returned by the library (and their strings). */
PORTAL_EXTERN(void) portal_lines_free(portal_line *lines, size_t n);

PORTAL_END_DECL

#endif
