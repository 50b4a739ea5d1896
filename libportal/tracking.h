/*
 * tracking.h - what the tracking modules share (private header).
 */
#ifndef LIBPORTAL_TRACKING_H
#define LIBPORTAL_TRACKING_H

#include "json.h"

/* The great-circle distance in metres between two points given in
 * degrees (haversine, on a sphere of the Earth's mean radius: within
 * 0.5 % of the ellipsoid, far finer than a phone's position). */
double pt_distance_m(double lat1, double lon1, double lat2, double lon2);

/* The tracking document of appointment `a` now (tracking_doc.c); NULL
 * with `*err` set on failure. */
cJSON *pt_tracking_visit(portal *p, const portal_appointment *a, int *err);

#endif
