/* SPDX-License-Identifier: MIT */
/*
 * demo_money.h - the demo shop's estimates, invoices, payments, visits,
 * inspections and reminders (private header; demo_money.c).
 */
#ifndef LIBPORTAL_DEMO_MONEY_H
#define LIBPORTAL_DEMO_MONEY_H

#include "internal.h"

/* The records of the demo, by their index in demo.c's tables. */
typedef struct pt_demo_ids {
	portal_id clients[12];
	portal_id assets[12][2];
	portal_id jobs[13];
	portal_id techs[3];
	const char *names[12];    /* the clients' names, as they sign */
} pt_demo_ids;

/*
 * Play the money of job `job` (index into demo.c's jobs[]) at timeline
 * step `s`, at `at` (the handle's clock is set to `at`). *advanced tells
 * whether the records moved the job to `s` themselves (sending an
 * estimate moves a job to "estimate sent"), so the caller must not.
 */
int pt_demo_money_step(portal *p, const pt_demo_ids *ids, size_t job,
	portal_job_status s, portal_time at, int *advanced);

/* Once every job exists: visits (one today), inspections, reminders, a
 * voided invoice, account credit and a refund. `now` is the demo's now. */
int pt_demo_extras(portal *p, const pt_demo_ids *ids, portal_time now);

#endif
