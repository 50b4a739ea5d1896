/* SPDX-License-Identifier: MIT */
/*
 * store_appointment.h - storage of appointments (private header).
 *
 * Records are built by the store and freed with portal_appointment_free().
 * The module (appointment.c) applies every rule; these only read and write.
 */
#ifndef LIBPORTAL_STORE_APPOINTMENT_H
#define LIBPORTAL_STORE_APPOINTMENT_H

#include "store.h"

/* Insert `a` (its id is ignored); status_at and created_at are now. */
int pt_store_appointment_insert(portal_id *out, portal *p, const portal_appointment *a);

int pt_store_appointment_get(portal_appointment **out, portal *p, portal_id id);

/* Set the technician (0: none). */
int pt_store_appointment_set_technician(portal *p, portal_id id, portal_id tech_id);

/*
 * Move to `status` at `at`, and record when it was cancelled (0: not) and
 * the invoice of its fee (0: none).
 */
int pt_store_appointment_set_status(portal *p, portal_id id,
	portal_appointment_status status, portal_time at, portal_time cancelled_at,
	portal_id fee_invoice_id);

/* The appointments matching `f` (NULL: all) by window start, then id. */
int pt_store_appointment_foreach(portal *p, const portal_appointment_filter *f,
	int (*cb)(const portal_appointment *a, void *ctx), void *ctx);

#endif
