/* SPDX-License-Identifier: MIT */
/*
 * faq.h - the questions customers ask before they reach their portal,
 * answered from the shop's settings.
 *
 * The landing page and the policies view print these answers; the
 * library words them so that a number they quote (how long a link
 * works, when a visit to the portal ends) is always the one the rules
 * apply.
 */
#ifndef PORTAL_FAQ_H
#define PORTAL_FAQ_H

#include "internal.h"

/* Call `cb` with each question's key ("invoice_number", "security",
 * "link_expired"), question and answer, in that order; stops at and
 * returns the first negative answer, or a failure to read a setting. */
typedef int (*pt_faq_cb)(const char *key, const char *question, const char *answer,
	void *ctx);
int pt_faq_foreach(portal *p, pt_faq_cb cb, void *ctx);

#endif
