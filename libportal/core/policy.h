/* SPDX-License-Identifier: MIT */
/*
 * policy.h - the shop's terms in plain words.
 *
 * The policies view and the terms printed on every PDF say the same
 * sentences, built here once from the shop's settings.
 */
#ifndef PORTAL_POLICY_H
#define PORTAL_POLICY_H

#include "internal.h"

/* The settings the terms speak of, read once. */
typedef struct pt_terms {
	int64_t fee, validity, labour, parts, notice, late_fee, no_show_fee;
	char *exclusions, *tax_rate;
	char fee_text[PORTAL_MONEY_STRLEN], late_text[PORTAL_MONEY_STRLEN],
		no_show_text[PORTAL_MONEY_STRLEN];
} pt_terms;

/* What every request for a customer's consent to text messages says,
 * word for word: the carriers ask for exactly these sentences. */
#define PT_SMS_TERMS "Message frequency varies. Message and data rates may apply. " \
	"Reply STOP to opt out, HELP for help."

int pt_terms_read(pt_terms *t, portal *p);
void pt_terms_free(pt_terms *t);

/* Call `cb` with each policy's key ("service_call_fee", "estimate_validity",
 * "warranty", "warranty_exclusions", "cancellation", "no_show", "sms", "tax"),
 * title and sentence, in that order; stops at and returns the first
 * negative answer. */
typedef int (*pt_policy_cb)(const char *key, const char *title, const char *text, void *ctx);
int pt_policies_foreach(const pt_terms *t, pt_policy_cb cb, void *ctx);

#endif
