/*
 * billing.h - what other modules of the library ask of estimates and
 * invoices (private header).
 */
#ifndef LIBPORTAL_BILLING_H
#define LIBPORTAL_BILLING_H

#include "internal.h"

/*
 * Charge `amount` cents to `client_id` as a new invoice with one line of
 * `kind` described by `description`, issued now and due on receipt, for
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

#endif
