/*
 * portal/money.h - amounts of money.
 *
 * Money is an int64_t count of cents (portal_money). There is no floating
 * point anywhere on the way from a typed amount to a stored one.
 */
#ifndef PORTAL_MONEY_H
#define PORTAL_MONEY_H

#include "common.h"

PORTAL_BEGIN_DECL

/** Buffer size large enough for every string portal_money_format() writes. */
#define PORTAL_MONEY_STRLEN 32

/** The largest amount the library accepts: $10,000,000,000.00. */
#define PORTAL_MONEY_MAX ((portal_money)1000000000000LL)

/**
 * Parse an amount as typed: "120", "120.5", "120.50", "$1,200.00",
 * "-5.00". At most two decimals; thousands separators only in groups of
 * three. Amounts beyond PORTAL_MONEY_MAX are refused.
 *
 * @return 0, or -1 when `text` is not an amount (no handle, so no message)
 */
PORTAL_EXTERN(int) portal_money_parse(portal_money *out, const char *text);

/**
 * Write `cents` as "1,234.56" (with a leading "-" when negative) into
 * `buf` of `len` bytes (PORTAL_MONEY_STRLEN is always enough). Returns `buf`.
 */
PORTAL_EXTERN(char *) portal_money_format(char *buf, size_t len, portal_money cents);

PORTAL_END_DECL

#endif
