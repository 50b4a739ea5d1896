/* SPDX-License-Identifier: MIT */
/*
 * portal/payment.h - payments, refunds, account credit and the statement
 * of account.
 *
 * A payment is money received from a client, on one invoice or, when no
 * invoice is named, as credit on the client's account. A payment larger
 * than the invoice's balance is refused unless the caller asks for the
 * rest to go to account credit. A refund gives back part or all of one
 * payment, with a reason; it is stored as a negative payment that names
 * the payment it refunds.
 */
#ifndef PORTAL_PAYMENT_H
#define PORTAL_PAYMENT_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/** How a client paid. Values are stored: never renumber. */
typedef enum portal_payment_method {
	PORTAL_PAY_CASH = 1,
	PORTAL_PAY_DEBIT = 2,
	PORTAL_PAY_CREDIT_CARD = 3,
	PORTAL_PAY_CHEQUE = 4,
	PORTAL_PAY_ETRANSFER = 5,
	PORTAL_PAY_FINANCING = 6,
	PORTAL_PAY_OTHER = 7
} portal_payment_method;

/** "cash", "debit", "credit_card", "cheque", "e_transfer", "financing",
 * "other"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_payment_method_name(portal_payment_method m);

/** "Cash", "Debit", "Credit card", "Cheque", "E-transfer", "Financing", "Other". */
PORTAL_EXTERN(const char *) portal_payment_method_label(portal_payment_method m);

/** Parse a method as typed ("e-transfer", "Credit card", "check"). @return 0 or -1 */
PORTAL_EXTERN(int) portal_payment_method_parse(portal_payment_method *out, const char *text);

/** Values of a new payment. */
typedef struct portal_payment_fields {
	unsigned int version;
	/** The client paying; 0 takes the invoice's client. Required without an invoice. */
	portal_id client_id;
	/** The invoice paid (issued, not void); 0 for account credit. */
	portal_id invoice_id;
	portal_money amount;        /**< cents, 1..PORTAL_MONEY_MAX */
	portal_payment_method method; /**< required */
	portal_time received_at;    /**< 0 for now; not in the future */
	const char *reference;      /**< cheque number, transaction id ...; NULL or up to 100 */
	/** 1: what exceeds the invoice's balance becomes account credit. */
	int excess_to_credit;
} portal_payment_fields;

#define PORTAL_PAYMENT_FIELDS_VERSION 1
#define PORTAL_PAYMENT_FIELDS_INIT { PORTAL_PAYMENT_FIELDS_VERSION, 0, 0, 0, 0, 0, NULL, 0 }

/** A stored payment or refund. Strings are never NULL. */
typedef struct portal_payment {
	portal_id id;
	portal_id client_id;
	portal_id invoice_id;       /**< 0: account credit */
	char *invoice_number;       /**< "" for account credit */
	portal_money amount;        /**< negative for a refund */
	portal_payment_method method;
	portal_time received_at;
	char *reference;
	portal_id refund_of;        /**< the payment refunded; 0 for a payment */
	char *reason;               /**< a refund's reason; "" for a payment */
	portal_money refunded;      /**< of a payment: the sum refunded so far */
} portal_payment;

/**
 * Record a payment. With `excess_to_credit` and an amount over the
 * invoice's balance, two payments are recorded in one transaction: the
 * balance on the invoice and the rest as account credit; `out` receives
 * the first.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_ERULE
 *         (overpayment, a draft or void invoice, nothing owed)
 */
PORTAL_EXTERN(int) portal_payment_add(portal_id *out, portal *p,
	const portal_payment_fields *f);

/**
 * Refund `amount` cents (0: all that is left) of payment `payment_id`
 * at `at` (0 for now; not before the payment, not in the future), for
 * `reason` (1..500 characters), by the method of the payment. Payments
 * of a void invoice can still be refunded.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_ERULE (more
 *         than is left, a refund of a refund)
 */
PORTAL_EXTERN(int) portal_payment_refund(portal_id *out, portal *p, portal_id payment_id,
	portal_money amount, const char *reason, portal_time at);

/** Read payment `id`; free with portal_payment_free(). */
PORTAL_EXTERN(int) portal_payment_get(portal_payment **out, portal *p, portal_id id);

/** Free a payment returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_payment_free(portal_payment *pay);

/**
 * Call `cb` for each payment and refund of `client_id` (0: all) or of
 * invoice `invoice_id` (0: any), oldest first; valid during the call.
 */
PORTAL_EXTERN(int) portal_payment_foreach(portal *p, portal_id client_id,
	portal_id invoice_id, int (*cb)(const portal_payment *pay, void *ctx), void *ctx);

/** Payment or refund `id` as a JSON object, as in the list below. */
PORTAL_EXTERN(int) portal_payment_json(portal_buf *out, portal *p, portal_id id);

/** The payments of `client_id` / `invoice_id` (0: any) as a JSON array. */
PORTAL_EXTERN(int) portal_payment_list_json(portal_buf *out, portal *p,
	portal_id client_id, portal_id invoice_id);

/**
 * Money received by method for `client_id` (0: the whole shop) received
 * at or after `from` and before `to` (0: no bound), refunds subtracted,
 * as a JSON object {"methods": [{"method", "label", "count", "amount"}],
 * "count", "total"}; every method appears, in the order of the enum.
 * "count" is the number of payments (refunds are not counted, only
 * subtracted). A refund counts when it is made, which may be in a later
 * period than its payment.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (client), PORTAL_EINVAL (`to` not
 *         after `from`)
 */
PORTAL_EXTERN(int) portal_payment_breakdown_json(portal_buf *out, portal *p,
	portal_id client_id, portal_time from, portal_time to);

/**
 * A client's unused account credit in cents: the sum of their payments
 * and refunds without an invoice.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (client)
 */
PORTAL_EXTERN(int) portal_account_credit(portal_money *out, portal *p, portal_id client_id);

/**
 * The statement of account of `client_id` as of `as_of` (0 for now), as
 * a JSON object:
 *
 * - "entries": every issued invoice (a charge), payment and refund in
 *   time order with a running balance; a void invoice appears with its
 *   void as a reversing entry;
 * - "ageing": the open balances by days past their due day in the shop's
 *   zone: "current" (not past due), "days_1_30", "days_31_60",
 *   "days_61_90", "over_90", and their "total";
 * - "open_invoices": each invoice open as of `as_of` with its
 *   "due_date", "days_past_due", "bucket", "total", "paid", "balance";
 * - "account_credit" and "balance" (what the client owes less credit),
 *   with "client_name", "as_of" and "as_of_date".
 *
 * Only what happened at or before `as_of` counts. Money is in cents.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (client), PORTAL_EINVAL (as_of < 0)
 */
PORTAL_EXTERN(int) portal_statement_json(portal_buf *out, portal *p,
	portal_id client_id, portal_time as_of);

/** What a client owes, counted as the statement of account counts it. */
typedef struct portal_balance {
	/** The sum of the open balances of the client's issued invoices. */
	portal_money open;
	/** How many issued invoices are open (not paid, not void). */
	int open_invoices;
	/** The account credit the client holds. */
	portal_money account_credit;
	/** `open` less `account_credit`: what the client owes (negative when
	 * the credit is larger). The statement's "balance". */
	portal_money balance;
} portal_balance;

/**
 * What client `client_id` owes as of `as_of` (0 for now), into `*out`:
 * the figures of the statement of account (portal_statement_json())
 * without the document. Drafts are not owed yet; a void invoice owes
 * nothing.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (client), PORTAL_EINVAL (as_of < 0)
 */
PORTAL_EXTERN(int) portal_client_balance(portal_balance *out, portal *p,
	portal_id client_id, portal_time as_of);

PORTAL_END_DECL

#endif
