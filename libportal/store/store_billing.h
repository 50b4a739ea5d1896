/* SPDX-License-Identifier: MIT */
/*
 * store_billing.h - storage of estimates, invoices and their lines
 * (private header).
 *
 * Records come back with their stored fields only; estimate.c and
 * invoice.c derive totals and statuses, which are never stored.
 */
#ifndef LIBPORTAL_STORE_BILLING_H
#define LIBPORTAL_STORE_BILLING_H

#include "store.h"

/* Estimates. The number of a new estimate is "E" + the next free one. */
int pt_store_estimate_next_number(int64_t *out, portal *p);
int pt_store_estimate_insert(portal_id *out, portal *p, const portal_estimate *e);
/* Without lines; totals.tax_rate holds the stored rate (0 for a draft). */
int pt_store_estimate_get(portal_estimate **out, portal *p, portal_id id);
int pt_store_estimate_find(portal_id *out, portal *p, const char *number);
int pt_store_estimate_foreach(portal *p, portal_id client_id,
	int (*cb)(portal_estimate *e, void *ctx), void *ctx);
int pt_store_estimate_send(portal *p, portal_id id, portal_time issued_at,
	portal_time valid_until, int32_t tax_rate);
int pt_store_estimate_lines(portal_line **out, size_t *n, portal *p, portal_id id);
int pt_store_estimate_line_insert(portal_id *out, portal *p, portal_id estimate_id,
	const portal_line *l, portal_id inspection_item_id);
int pt_store_estimate_line_decide(portal *p, portal_id line_id, portal_decision d,
	portal_time at, const char *name);
/* The estimate-level record of the latest decision. */
int pt_store_estimate_decided(portal *p, portal_id id, portal_time at, const char *name);

/* Invoices. */
int pt_store_invoice_next_number(int64_t *out, portal *p);
int pt_store_invoice_insert(portal_id *out, portal *p, const portal_invoice *inv,
	const char *number_key);
/* Without lines; `paid` is filled, totals.tax_rate holds the stored rate. */
int pt_store_invoice_get(portal_invoice **out, portal *p, portal_id id);
int pt_store_invoice_find(portal_id *out, portal *p, const char *number_key);
int pt_store_invoice_foreach(portal *p, portal_id client_id, portal_id job_id,
	int (*cb)(portal_invoice *inv, void *ctx), void *ctx);
int pt_store_invoice_issue(portal *p, portal_id id, portal_time issued_at,
	portal_time due_at, int32_t tax_rate);
int pt_store_invoice_void(portal *p, portal_id id, portal_time at, const char *reason);
int pt_store_invoice_set_estimate(portal *p, portal_id id, portal_id estimate_id);
int pt_store_invoice_lines(portal_line **out, size_t *n, portal *p, portal_id id);

/* Where an invoice line came from; all optional. */
typedef struct pt_line_origin {
	portal_id estimate_line_id;
	portal_id appointment_id;
	const char *rule;           /* "service_call_credit" or NULL */
} pt_line_origin;

int pt_store_invoice_line_insert(portal_id *out, portal *p, portal_id invoice_id,
	const portal_line *l, const pt_line_origin *origin);

/* The newest draft invoice of job `job_id`; 0 when there is none. */
int pt_store_invoice_job_draft(portal_id *out, portal *p, portal_id job_id);

/* Service call fees charged on job `job_id` (lines on invoices not void)
 * and whether any of them is taxable. */
int pt_store_job_service_fees(portal_money *amount, int *taxable, portal *p,
	portal_id job_id);

/* Does a line added by `rule` exist on an invoice of job `job_id` that
 * is not void? */
int pt_store_job_has_rule_line(int *out, portal *p, portal_id job_id, const char *rule);

/* The line that `rule` added to invoice `invoice_id`; 0 when there is none. */
int pt_store_invoice_rule_line(portal_id *out, portal *p, portal_id invoice_id,
	const char *rule);

#endif
