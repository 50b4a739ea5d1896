/* SPDX-License-Identifier: MIT */
/*
 * policy.c - the shop's terms in plain words (policy.h).
 */
#include "policy.h"
#include "settings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pt_terms_read(pt_terms *t, portal *p)
{
	int err;

	memset(t, 0, sizeof(*t));
	if ((err = pt_setting_int(&t->fee, p, "service_call_fee")) < 0 ||
	    (err = pt_setting_int(&t->validity, p, "estimate_validity_days")) < 0 ||
	    (err = pt_setting_int(&t->labour, p, "labour_warranty_days")) < 0 ||
	    (err = pt_setting_int(&t->parts, p, "parts_warranty_days")) < 0 ||
	    (err = pt_setting_int(&t->notice, p, "cancellation_notice_hours")) < 0 ||
	    (err = pt_setting_int(&t->late_fee, p, "late_cancellation_fee")) < 0 ||
	    (err = pt_setting_int(&t->no_show_fee, p, "no_show_fee")) < 0 ||
	    (err = pt_setting_text(&t->exclusions, p, "warranty_exclusions")) < 0 ||
	    (err = pt_setting_text(&t->tax_rate, p, "tax_rate")) < 0)
		return err;
	portal_shop_money_format(t->fee_text, p, t->fee);
	portal_shop_money_format(t->late_text, p, t->late_fee);
	portal_shop_money_format(t->no_show_text, p, t->no_show_fee);
	return PORTAL_OK;
}

void pt_terms_free(pt_terms *t)
{
	free(t->exclusions);
	free(t->tax_rate);
}

/* "1 day", "7 days". */
static const char *plural(int64_t n)
{
	return n == 1 ? "" : "s";
}

typedef struct policy_walk {
	pt_policy_cb cb;
	void *ctx;
} policy_walk;

static int say(const policy_walk *w, const char *key, const char *title,
	const char *fmt, ...) PT_PRINTF(4, 5);

static int say(const policy_walk *w, const char *key, const char *title,
	const char *fmt, ...)
{
	char text[4200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return w->cb(key, title, text, w->ctx);
}

int pt_policies_foreach(const pt_terms *t, pt_policy_cb cb, void *ctx)
{
	policy_walk w = { cb, ctx };
	int err;

	if ((err = say(&w, "service_call_fee", "Service call",
		"A diagnosis visit costs %s plus tax. It is not refundable, and it is "
		"credited toward the repair when you go ahead with it.", t->fee_text)) < 0 ||
	    (err = say(&w, "estimate_validity", "Estimates",
		"An estimate can be approved for %lld day%s after it is sent. After that it "
		"expires and the shop prepares a new one.",
		(long long)t->validity, plural(t->validity))) < 0 ||
	    (err = say(&w, "warranty", "Warranty",
		"Labour is guaranteed for %lld day%s and parts for %lld day%s from the day "
		"of the repair, for the same problem only.",
		(long long)t->labour, plural(t->labour),
		(long long)t->parts, plural(t->parts))) < 0 ||
	    (err = say(&w, "warranty_exclusions", "What the warranty does not cover",
		"%s", t->exclusions)) < 0)
		return err;
	if (t->late_fee > 0)
		err = say(&w, "cancellation", "Cancelling a visit",
			"Cancel at least %lld hour%s before the arrival window at no charge. "
			"A later cancellation costs %s.",
			(long long)t->notice, plural(t->notice), t->late_text);
	else
		err = say(&w, "cancellation", "Cancelling a visit",
			"You can cancel a visit at no charge.");
	if (err < 0)
		return err;
	if (t->no_show_fee > 0)
		err = say(&w, "no_show", "Missed visits",
			"If no one is home or you cannot be reached at the time of the visit, "
			"a fee of %s applies.", t->no_show_text);
	else
		err = say(&w, "no_show", "Missed visits",
			"There is no charge for a missed visit; please call to book another.");
	if (err < 0 ||
	    (err = say(&w, "sms", "Text messages",
		"We text you about your visits and repairs only if you agree to it. %s",
		PT_SMS_TERMS)) < 0)
		return err;
	return say(&w, "tax", "Tax", "Sales tax of %s%% is added to taxable items.",
		t->tax_rate);
}

