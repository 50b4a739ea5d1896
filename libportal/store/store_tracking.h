/* SPDX-License-Identifier: MIT */
/*
 * store_tracking.h - storage of technicians' positions and of the arrival
 * time a dispatcher sets on a visit (private header).
 *
 * One row per technician: writing a position replaces the previous one,
 * so no history of where a technician went is ever kept.
 */
#ifndef LIBPORTAL_STORE_TRACKING_H
#define LIBPORTAL_STORE_TRACKING_H

#include "store.h"

/* Replace the position of `pos->technician_id` (a negative accuracy is
 * stored as none). */
int pt_store_position_put(portal *p, const portal_tech_position *pos);

/* The technician's position, or PORTAL_ENOTFOUND when none is kept. */
int pt_store_position_get(portal_tech_position *out, portal *p, portal_id tech_id);

/* The dispatcher's arrival time of appointment `id` (0: none). */
int pt_store_appointment_eta_get(portal_time *out, portal *p, portal_id id);
int pt_store_appointment_eta_set(portal *p, portal_id id, portal_time eta);

#endif
