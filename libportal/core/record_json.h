/* SPDX-License-Identifier: MIT */
/*
 * record_json.h - the JSON form of the shop's records.
 *
 * One function per record, so that a client looks the same in
 * `portal client show --json`, in a list, and inside a job.
 */
#ifndef PORTAL_RECORD_JSON_H
#define PORTAL_RECORD_JSON_H

#include "json.h"

/* Each returns a new object, or NULL when out of memory. */
cJSON *pt_client_to_json(portal *p, const portal_client *c);
cJSON *pt_address_to_json(portal *p, const portal_address *a);
cJSON *pt_asset_to_json(portal *p, const portal_asset *a);
cJSON *pt_tech_to_json(portal *p, const portal_tech *t);
/* A job with its timeline when it was read with its events. */
cJSON *pt_job_to_json(portal *p, const portal_job *j);

/* Money as integer cents under `name` and formatted under "<name>_text". */
cJSON *pt_json_add_money(cJSON *obj, const char *name, portal_money cents);
/* Estimates, invoices and their parts (billing_json.c). Lines carry the
 * customer's decisions when `with_decision`. */
cJSON *pt_lines_to_json(portal *p, const portal_line *lines, size_t n, int with_decision);
cJSON *pt_totals_to_json(const portal_totals *t);
cJSON *pt_estimate_to_json(portal *p, const portal_estimate *e);
cJSON *pt_invoice_to_json(portal *p, const portal_invoice *inv);

/* A condition under `name` and its words under `label_name`; both null
 * for none (inspection.c). */
cJSON *pt_json_add_condition(cJSON *o, const char *name, const char *label_name,
	portal_condition c);

/* foreach callbacks that append to a pt_json_walk (passed as ctx). */
int pt_walk_client(const portal_client *c, void *ctx);
int pt_walk_address(const portal_address *a, void *ctx);
int pt_walk_asset(const portal_asset *a, void *ctx);
int pt_walk_tech(const portal_tech *t, void *ctx);

#endif
