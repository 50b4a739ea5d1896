/* SPDX-License-Identifier: MIT */
/*
 * customer_checks.h - the checks every action of a customer in a session passes
 * (customer.c), for the actions that live above the rules (a PDF).
 */
#ifndef PORTAL_CUSTOMER_CHECKS_H
#define PORTAL_CUSTOMER_CHECKS_H

#include "internal.h"

/* The session is open and its client sees `section` now (the shop may
 * have hidden it since the session opened); else PORTAL_EINVAL or
 * PORTAL_EDENIED with the sentence the customer reads. */
int pt_customer_check_section(portal *p, const portal_session *s, unsigned section);

/* PORTAL_EDENIED: the shop hides `section` from the client, in words for
 * the shop and for the customer. */
int pt_refuse_hidden(portal *p, unsigned section);

/* 1 when `s` is the shop's preview of a client's portal
 * (portal_preview_session()): no session row, reads only, logs nothing. */
int pt_session_is_preview(const portal_session *s);

/* 1 when a record of `client_id` on `job_id` is the session's to act on. */
int pt_session_owns(const portal_session *s, portal_id client_id, portal_id job_id);

#endif
