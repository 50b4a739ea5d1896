/* SPDX-License-Identifier: MIT */
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

/**
 * Buffer size large enough for every string portal_money_format() and
 * portal_money_format_currency() write. The longest is 30 bytes: "-",
 * a code and a space ("CHF "), and the 25 bytes of the largest int64_t
 * amount grouped by thousands ("92,233,720,368,547,758.08").
 */
#define PORTAL_MONEY_STRLEN 32

/** Buffer size large enough for every sign portal_money_sign() writes. */
#define PORTAL_MONEY_SIGNLEN 8

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

/**
 * Write what goes before the digits of an amount in `currency` into `buf`
 * of `len` bytes (PORTAL_MONEY_SIGNLEN is always enough): "$", "€", "£",
 * or the code and a space, "CHF ", by the rules of
 * portal_money_format_currency(). For a front end that writes amounts
 * whose digits it already has as text. Returns `buf`.
 */
PORTAL_EXTERN(char *) portal_money_sign(char *buf, size_t len, const char *currency);

/**
 * Write `cents` as people read it in `currency` (an ISO 4217 code, any
 * case) into `buf` of `len` bytes (PORTAL_MONEY_STRLEN is always enough),
 * in UTF-8. Returns `buf`.
 *
 * The dollars (CAD, USD, AUD, NZD, and the other dollars: BBD, BMD, BSD,
 * BZD, FJD, HKD, JMD, KYD, SGD, TTD, XCD) are written "$135.60", the
 * euro "€135.60", the pound sterling "£135.60"; any other code is written
 * before the amount with a space, "CHF 135.60". A negative amount has its
 * minus first: "-$12.00", "-€12.00", "-CHF 12.00". A `currency` that is
 * NULL, empty or not three letters is taken as the shop's default, the
 * Canadian dollar, and written "$".
 */
PORTAL_EXTERN(char *) portal_money_format_currency(char *buf, size_t len, portal_money cents,
	const char *currency);

/**
 * Write `cents` in the currency of shop `p` (its `currency` setting), as
 * portal_money_format_currency() does, into `buf` of PORTAL_MONEY_STRLEN
 * bytes: what the library itself writes in its sentences. A setting that
 * cannot be read is taken as the default's "$". Returns `buf`.
 */
PORTAL_EXTERN(char *) portal_shop_money_format(char buf[PORTAL_MONEY_STRLEN], portal *p,
	portal_money cents);

PORTAL_END_DECL

#endif
