/* SPDX-License-Identifier: MIT */
/*
 * rules.h - what the rules ask of one another beyond the public API: the
 * steps one record implies on another (a job's timeline), and the shop's
 * actions a customer can also take in a session (customer.c).
 */
#ifndef PORTAL_RULES_H
#define PORTAL_RULES_H

#include "internal.h"

/* Record on job `job_id`'s timeline that it reached `status` at `at` (no
 * earlier than its latest event), unless it is there already or closed or
 * cancelled; job 0 is no job. For the steps other records imply (estimate
 * sent, approved, invoiced, paid). Joins the caller's transaction. */
int pt_job_advance(portal *p, portal_id job_id, portal_job_status status, portal_time at);

/* The shop's actions that a customer can also take in a session
 * (customer.c), with the network address to log; NULL for the shop. */
int pt_estimate_decide(portal *p, portal_id id, portal_id line_id,
	portal_decision decision, const char *name, const char *source);
int pt_appointment_cancel(portal_cancellation *out, portal *p, portal_id id,
	const char *source);

/* Validate `f` as portal_address_add() does, storing nothing: the
 * normalised address (without ids) into *out, which the caller frees. */
int pt_address_check(portal_address **out, portal *p, const portal_address_fields *f);

#endif
