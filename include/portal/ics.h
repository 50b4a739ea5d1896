/* SPDX-License-Identifier: MIT */
/*
 * portal/ics.h - a visit as an iCalendar file, for the customer's calendar.
 */
#ifndef PORTAL_ICS_H
#define PORTAL_ICS_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/**
 * Appointment `id` as an iCalendar object (RFC 5545, METHOD:PUBLISH) into
 * `out`: one VEVENT whose UID stays the same for the visit (so a calendar
 * updates it rather than adding another), DTSTART and DTEND the arrival
 * window in UTC, the service address as LOCATION, and a DESCRIPTION with
 * the window in shop time, the cancellation terms (free until when, the
 * late fee) and the shop's phone. A cancelled visit says STATUS:CANCELLED.
 * Lines end with CRLF and are folded at 75 octets, never inside a UTF-8
 * character. The caller disposes `out`.
 * @return PORTAL_OK, PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_appointment_ics(portal_buf *out, portal *p, portal_id id);

PORTAL_END_DECL

#endif
