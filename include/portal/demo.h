/* SPDX-License-Identifier: MIT */
/*
 * portal/demo.h - a realistic demo shop.
 */
#ifndef PORTAL_DEMO_H
#define PORTAL_DEMO_H

#include "common.h"

PORTAL_BEGIN_DECL

/**
 * Fill an empty shop database with a demo shop: its settings, technicians,
 * a dozen clients (names and addresses with accents), their appliances and
 * vehicles, and jobs at every stage with their timelines, dated relative to
 * portal_now(). All in one transaction.
 *
 * @return PORTAL_OK, or PORTAL_ERULE when the database already has clients
 */
PORTAL_EXTERN(int) portal_demo_fill(portal *p);

PORTAL_END_DECL

#endif
