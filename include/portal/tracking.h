/* SPDX-License-Identifier: MIT */
/*
 * portal/tracking.h - where the technician is, and what the customer is
 * shown of it on the day of their visit.
 *
 * Technicians report positions; the shop keeps only the latest one of
 * each technician, never a history. A visit en route whose technician
 * reports a position within `arrival_radius_m` (125 m) of the service
 * address is marked arrived by itself.
 *
 * The tracking document of a visit follows its day (the shop's zone) and
 * its status: before the day, when tracking opens; on the day, the
 * arrival window; en route, the technician's first name, position,
 * distance and arrival time; from arrival on, no position at all. The
 * technician's own phone number is never in it: the contact is the shop.
 * Settings: tracking_speed_kmh (40), tracking_road_factor (130: roads are
 * 1.3 times the straight line), tracking_stale_minutes (10),
 * arrival_radius_m (125).
 */
#ifndef PORTAL_TRACKING_H
#define PORTAL_TRACKING_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/** The latest position of a technician. */
typedef struct portal_tech_position {
	portal_id technician_id;
	double latitude;           /**< -90..90 */
	double longitude;          /**< -180..180 */
	double accuracy_m;         /**< metres; negative when not given */
	portal_time at;            /**< when it was measured */
} portal_tech_position;

/**
 * Record that technician `tech_id` (active) is at `lat`, `lon`, measured
 * with `accuracy_m` metres (0..100000; negative: not given) at `at` (0:
 * now), replacing the technician's previous position. A position older
 * than the one kept is ignored: positions can arrive out of order, and
 * only the latest counts (PORTAL_OK, nothing changed; compare
 * portal_tech_position_get() to know).
 *
 * When the technician has a visit en route since no later than `at`, whose
 * window overlaps the shop's day of `at` and whose address has
 * coordinates within `arrival_radius_m` of the position, that visit moves
 * to arrived at `at`, with the client's notification, in the same
 * transaction.
 *
 * @return PORTAL_OK; PORTAL_EINVAL (a coordinate out of range or not a
 *         number, a bad accuracy, `at` in the future or negative: the
 *         field is "position.latitude", "position.longitude",
 *         "position.accuracy" or "position.at"); PORTAL_ENOTFOUND (no
 *         such technician); PORTAL_ERULE (the technician left the shop)
 */
PORTAL_EXTERN(int) portal_tech_ping(portal *p, portal_id tech_id, double lat, double lon,
	double accuracy_m, portal_time at);

/**
 * The latest position of technician `tech_id` into `*out`.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (no such technician, or no position)
 */
PORTAL_EXTERN(int) portal_tech_position_get(portal_tech_position *out, portal *p,
	portal_id tech_id);

/**
 * The latest position of technician `tech_id` as a JSON object into `out`
 * (the caller disposes it): {"technician_id", "latitude", "longitude",
 * "accuracy_m" (null when not given), "at", "at_text"}. For the shop.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (no such technician, or no position)
 */
PORTAL_EXTERN(int) portal_tech_position_json(portal_buf *out, portal *p, portal_id tech_id);

/**
 * Set the time the dispatcher expects the technician at visit `id` (0
 * clears it). While set and not past, the tracking document shows it
 * instead of the estimate from distance. The visit must be scheduled,
 * confirmed or en route; the time may not be in the past nor more than
 * 12 hours after the window ends. Setting one tells the client.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL ("appointment.eta"),
 *         PORTAL_ERULE (the technician arrived, or the visit is closed)
 */
PORTAL_EXTERN(int) portal_appointment_set_eta(portal *p, portal_id id, portal_time at);

/**
 * The time the dispatcher set for visit `id` into `*at` (0: none).
 * @return PORTAL_OK, PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_appointment_eta(portal_time *at, portal *p, portal_id id);

/**
 * The tracking document of visit `id` now, as the customer sees it (the
 * shop sees the same), into `out`; the caller disposes it.
 * docs/views-tracking.md describes its fields.
 * @return PORTAL_OK, PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_tracking_json(portal_buf *out, portal *p, portal_id id);

PORTAL_END_DECL

#endif
