/* SPDX-License-Identifier: MIT */
/*
 * tracking_doc.h - the tracking document of a visit (tracking_doc.c).
 */
#ifndef PORTAL_TRACKING_DOC_H
#define PORTAL_TRACKING_DOC_H

#include "json.h"

/* The tracking document of appointment `a` now; NULL with `*err` set on
 * failure. */
cJSON *pt_tracking_visit(portal *p, const portal_appointment *a, int *err);

#endif
