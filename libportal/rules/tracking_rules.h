/* SPDX-License-Identifier: MIT */
/*
 * tracking_rules.h - the geometry the tracking rules and the tracking
 * document share (tracking.c).
 */
#ifndef PORTAL_TRACKING_RULES_H
#define PORTAL_TRACKING_RULES_H

#include "internal.h"

/* The great-circle distance in metres between two points given in
 * degrees (haversine, on a sphere of the Earth's mean radius: within
 * 0.5 % of the ellipsoid, far finer than a phone's position). */
double pt_distance_m(double lat1, double lon1, double lat2, double lon2);

#endif
