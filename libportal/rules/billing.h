/* SPDX-License-Identifier: MIT */
/*
 * billing.h - what other modules of the library ask of estimates and
 * invoices (private header).
 */
#ifndef LIBPORTAL_BILLING_H
#define LIBPORTAL_BILLING_H

#include "internal.h"

/*
 * Charge `amount` cents to `client_id` as a new invoice with one untaxed
 * line of `kind` described by `description`, issued now and due on receipt, for
 * appointment `appointment_id` (0: none) on job `job_id` (0: none). Joins
 * the caller's transaction. *out receives the invoice id.
 */
int pt_invoice_charge(portal_id *out, portal *p, portal_id client_id, portal_id job_id,
	portal_id appointment_id, portal_line_kind kind, const char *description,
	portal_money amount);

/*
 * Add line `f` to draft estimate `estimate_id`, remembering the inspection
 * item it comes from (0: none). The same checks as
 * portal_estimate_line_add(); joins the caller's transaction.
 */
int pt_estimate_line_add(portal_id *out, portal *p, portal_id estimate_id,
	const portal_line_fields *f, portal_id inspection_item_id);

/*
 * Check line fields and resolve their defaults (quantity 1, the kind's
 * label, the shop's service call fee, taxable by kind) into *out, with
 * its amount. The caller frees out->description.
 */
int pt_line_prepare(portal_line *out, portal *p, const portal_line_fields *f);

/* Sum `n` lines at `rate` (thousandths of a percent), refusing totals
 * past PORTAL_MONEY_MAX. */
int pt_totals(portal_totals *out, portal *p, const portal_line *lines, size_t n,
	int32_t rate);

/* The tax rate of a document: its own once sent or issued (`issued_at`
 * set, `stored`), else the shop's current rate. */
int pt_document_rate(int32_t *rate, portal *p, portal_time issued_at, int32_t stored);

/* A job given with a client must be that client's (PORTAL_EINVAL naming
 * `field`); job 0 is no job. */
int pt_check_job_client(portal *p, const char *field, portal_id job_id, portal_id client_id);

/* Does the invoice (read with its lines) bill a repair, labour or parts?
 * A job is "invoiced" and "paid" when its repair is, not when only the
 * diagnosis fee or a late-cancellation fee is. */
int pt_invoice_bills_repair(const portal_invoice *inv);

/* The rule recorded on the invoice line that credits the service call
 * fee toward the repair (estimate.c); the views and the PDF find the
 * line by it. */
#define PT_SERVICE_CALL_CREDIT_RULE "service_call_credit"

/* An estimate's state as the customer reads it ("Waiting for your
 * decision", "Expired" ...). */
const char *pt_estimate_status_label(portal_estimate_status s);

/* 1 while the customer may still decide lines of `e`: sent, valid, and
 * some lines pending. */
int pt_estimate_can_approve(const portal_estimate *e);

/* What the customer is told about `e`'s validity: until the end of which
 * day it can be decided, or that it expired and a new one is needed. The
 * day's year as pt_day_words() (0 on paper, which is kept for years). */
int pt_estimate_validity_notice(char *buf, size_t len, portal *p, const portal_estimate *e,
	int this_year);

#endif

