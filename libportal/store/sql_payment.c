/* SPDX-License-Identifier: MIT */
/*
 * store_payment.c - storage of payments, refunds and account credit.
 *
 * Sums are left to SQLite: its sum() of integers fails with "integer
 * overflow" rather than wrapping, which surfaces as PORTAL_ESTORE.
 */
#include "sql.h"
#include "store_payment.h"

#include <stdlib.h>

/* A payment with the number of its invoice and what has been refunded
 * of it (a positive sum; 0 for a refund, which nothing refunds). */
#define PAYMENT_SELECT \
	"SELECT pa.id, pa.client_id, pa.invoice_id, coalesce(i.number, ''), pa.amount," \
	" pa.method, pa.received_at, pa.reference, pa.refund_of, pa.reason," \
	" (SELECT coalesce(-sum(r.amount), 0) FROM payments r WHERE r.refund_of = pa.id)" \
	" FROM payments pa LEFT JOIN invoices i ON i.id = pa.invoice_id"

static portal_payment *payment_from_row(pt_stmt *st)
{
	portal_payment *pay = calloc(1, sizeof(*pay));

	if (pay == NULL)
		return NULL;
	pay->id = pt_col_int64(st, 0);
	pay->client_id = pt_col_int64(st, 1);
	pay->invoice_id = pt_col_int64(st, 2);
	pay->invoice_number = pt_col_strdup(st, 3);
	pay->amount = pt_col_int64(st, 4);
	pay->method = (portal_payment_method)pt_col_int(st, 5);
	pay->received_at = pt_col_int64(st, 6);
	pay->reference = pt_col_strdup(st, 7);
	pay->refund_of = pt_col_int64(st, 8);
	pay->reason = pt_col_strdup(st, 9);
	pay->refunded = pt_col_int64(st, 10);
	if (pay->invoice_number == NULL || pay->reference == NULL || pay->reason == NULL) {
		portal_payment_free(pay);
		return NULL;
	}
	return pay;
}

static void bind_id_or_null(pt_stmt *st, int i, portal_id id)
{
	if (id)
		pt_bind_int64(st, i, id);
	else
		pt_bind_null(st, i);
}

int pt_store_payment_insert(portal_id *out, portal *p, const portal_payment *pay)
{
	static const char sql[] =
		"INSERT INTO payments (client_id, invoice_id, amount, method, received_at,"
		" reference, refund_of, reason, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, pay->client_id);
	bind_id_or_null(st, 2, pay->invoice_id);
	pt_bind_int64(st, 3, pay->amount);
	pt_bind_int(st, 4, (int)pay->method);
	pt_bind_int64(st, 5, pay->received_at);
	pt_bind_text(st, 6, pay->reference);
	bind_id_or_null(st, 7, pay->refund_of);
	pt_bind_text(st, 8, pay->reason);
	pt_bind_int64(st, 9, portal_now(p));
	return pt_store_insert(out, p, st, "recording a payment");
}

int pt_store_payment_get(portal_payment **out, portal *p, portal_id id)
{
	static const char sql[] = PAYMENT_SELECT " WHERE pa.id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	PT_STORE_ONE(p, st, out, payment_from_row, "payment", id, err);
	return err;
}

int pt_store_payment_foreach(portal *p, portal_id client_id, portal_id invoice_id,
	int (*cb)(const portal_payment *pay, void *ctx), void *ctx)
{
	/* One client's rows, or one invoice's, through their index (sql.h). */
	static const char sql_all[] = PAYMENT_SELECT " ORDER BY pa.received_at, pa.id";
	static const char sql_client[] = PAYMENT_SELECT
		" WHERE pa.client_id = ?1 AND (?2 = 0 OR pa.invoice_id = ?2)"
		" ORDER BY pa.received_at, pa.id";
	static const char sql_invoice[] = PAYMENT_SELECT
		" WHERE pa.invoice_id = ?1 ORDER BY pa.received_at, pa.id";
	pt_stmt *st = pt_stmt_get(p, client_id ? sql_client : invoice_id ? sql_invoice : sql_all);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	if (client_id) {
		pt_bind_int64(st, 1, client_id);
		pt_bind_int64(st, 2, invoice_id);
	} else if (invoice_id) {
		pt_bind_int64(st, 1, invoice_id);
	}
	PT_STORE_WALK(p, st, portal_payment, payment_from_row, portal_payment_free, cb, ctx,
		"listing payments", err);
	pt_stmt_done(st);
	return err;
}

int pt_store_payment_by_method(portal *p, portal_id client_id, portal_time from,
	portal_time to, int64_t counts[PT_PAY_METHOD_LAST + 1],
	portal_money amounts[PT_PAY_METHOD_LAST + 1])
{
	/* One client's rows through their index (sql.h). */
	static const char sql_all[] =
		"SELECT method, count(refund_of IS NULL OR NULL), sum(amount) FROM payments"
		" WHERE (?1 = 0 OR received_at >= ?1) AND (?2 = 0 OR received_at < ?2)"
		" GROUP BY method";
	static const char sql_client[] =
		"SELECT method, count(refund_of IS NULL OR NULL), sum(amount) FROM payments"
		" WHERE client_id = ?1"
		" AND (?2 = 0 OR received_at >= ?2) AND (?3 = 0 OR received_at < ?3)"
		" GROUP BY method";
	pt_stmt *st;
	int n, rc, err = PORTAL_OK;

	if ((st = pt_stmt_client(p, client_id, sql_client, sql_all, &n)) == NULL)
		return PORTAL_ESTORE;
	for (int m = 0; m <= PT_PAY_METHOD_LAST; m++) {
		counts[m] = 0;
		amounts[m] = 0;
	}
	pt_bind_int64(st, n++, from);
	pt_bind_int64(st, n, to);
	while ((rc = pt_step(st)) == PT_ROW) {
		int m = pt_col_int(st, 0);
		if (m < 1 || m > PT_PAY_METHOD_LAST)
			continue;
		counts[m] = pt_col_int64(st, 1);
		amounts[m] = pt_col_int64(st, 2);
	}
	if (rc != PT_DONE)
		err = pt_store_fail(p, "summing payments by method");
	pt_stmt_done(st);
	return err;
}

int pt_store_account_credit(portal_money *out, portal *p, portal_id client_id,
	portal_time as_of)
{
	static const char sql[] =
		"SELECT coalesce(sum(amount), 0) FROM payments"
		" WHERE client_id = ?1 AND invoice_id IS NULL AND received_at <= ?2";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	pt_bind_int64(st, 2, as_of);
	if ((rc = pt_step(st)) == PT_ROW)
		*out = pt_col_int64(st, 0);
	else
		err = pt_store_fail(p, "summing account credit");
	pt_stmt_done(st);
	return err;
}
