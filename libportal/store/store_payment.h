/* SPDX-License-Identifier: MIT */
/*
 * store_payment.h - storage of payments, refunds and account credit
 * (private header).
 */
#ifndef LIBPORTAL_STORE_PAYMENT_H
#define LIBPORTAL_STORE_PAYMENT_H

#include "store.h"

/* The last value of portal_payment_method, for arrays indexed by method. */

/* Store `pay` (its id, invoice_number and refunded are ignored). */
int pt_store_payment_insert(portal_id *out, portal *p, const portal_payment *pay);

/* Payment `id` with its invoice number and the sum refunded so far;
 * PORTAL_ENOTFOUND "no payment #id". Freed with portal_payment_free(). */
int pt_store_payment_get(portal_payment **out, portal *p, portal_id id);

/* Payments and refunds of `client_id` and `invoice_id` (0: any), oldest
 * received first. */
int pt_store_payment_foreach(portal *p, portal_id client_id, portal_id invoice_id,
	int (*cb)(const portal_payment *pay, void *ctx), void *ctx);

/*
 * Per method (index 1..PT_PAY_METHOD_LAST), the number of payments and
 * the money received net of refunds, for `client_id` (0: every client)
 * received in [from, to) (0: no bound). Index 0 is unused.
 */
int pt_store_payment_by_method(portal *p, portal_id client_id, portal_time from,
	portal_time to, int64_t counts[PT_PAY_METHOD_LAST + 1],
	portal_money amounts[PT_PAY_METHOD_LAST + 1]);

/* The sum of the client's payments and refunds without an invoice,
 * received at or before `as_of`. */
int pt_store_account_credit(portal_money *out, portal *p, portal_id client_id,
	portal_time as_of);

/*
 * Add `v` to `*sum` unless the result would leave the range of int64;
 * -1 then, with *sum unchanged. Totals of many payments are summed with
 * it, never with a bare +.
 */
static inline int pt_money_add(portal_money *sum, portal_money v)
{
	if ((v > 0 && *sum > INT64_MAX - v) || (v < 0 && *sum < INT64_MIN - v))
		return -1;
	*sum += v;
	return 0;
}

#endif
