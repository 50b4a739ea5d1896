/* SPDX-License-Identifier: MIT */
/*
 * faq.c - the questions customers ask, answered from the shop's settings
 * (faq.h).
 */
#include "faq.h"
#include "settings.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* The settings the answers quote, read once. */
typedef struct faq_facts {
	char *phone;
	int64_t link_days, idle_minutes;
} faq_facts;

static int facts_read(faq_facts *f, portal *p)
{
	int err;

	f->phone = NULL;
	if ((err = pt_setting_text(&f->phone, p, "phone")) < 0 ||
	    (err = pt_setting_int(&f->link_days, p, "link_days")) < 0 ||
	    (err = pt_setting_int(&f->idle_minutes, p, "session_idle_minutes")) < 0)
		return err;
	return PORTAL_OK;
}

static const char *plural(int64_t n)
{
	return n == 1 ? "" : "s";
}

static int answer(pt_faq_cb cb, void *ctx, const char *key, const char *question,
	const char *fmt, ...) PT_PRINTF(5, 6);

static int answer(pt_faq_cb cb, void *ctx, const char *key, const char *question,
	const char *fmt, ...)
{
	char text[1200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	return cb(key, question, text, ctx);
}

/* "... Call us at 866-415-3937." when the shop gave a number; a shop without
 * one is reached by the link's fresh copy and the paperwork alone. */
static void call_us(char *out, size_t len, const char *before, const faq_facts *f)
{
	if (*f->phone)
		snprintf(out, len, " %s us at %s.", before, f->phone);
	else
		*out = '\0';
}

static int say_all(const faq_facts *f, pt_faq_cb cb, void *ctx)
{
	char call[120];
	int err;

	call_us(call, sizeof(call), "Cannot find your paperwork? Call", f);
	if ((err = answer(cb, ctx, "invoice_number", "Where do I find my invoice number?",
		"It is printed at the top of your invoice, and on your estimate or booking "
		"confirmation, and it is in the email or text message we sent you: a number "
		"such as 10231, E1009 or J12. Type it with the house number of the address "
		"we came to.%s", call)) < 0)
		return err;
	if ((err = answer(cb, ctx, "security", "Is my information secure?",
		"Your portal opens only with a number from your paperwork and your house "
		"number, or with the secure link we sent you. Repeated wrong guesses are "
		"blocked, a link works for %lld day%s and we can cancel it at any time, and a "
		"visit to the portal ends after %lld minute%s without activity. You see only "
		"your own repairs, and your access log lists every visit to your portal.",
		(long long)f->link_days, plural(f->link_days),
		(long long)f->idle_minutes, plural(f->idle_minutes))) < 0)
		return err;
	call_us(call, sizeof(call), "Or call", f);
	return answer(cb, ctx, "link_expired", "My link does not open. What now?",
		"Links expire. Open it anyway and ask for a fresh one: we send it to the email "
		"address or phone number we have on file. You can also type the number from "
		"your paperwork and your house number.%s", call);
}

int pt_faq_foreach(portal *p, pt_faq_cb cb, void *ctx)
{
	faq_facts f;
	int err;

	if ((err = facts_read(&f, p)) == 0)
		err = say_all(&f, cb, ctx);
	free(f.phone);
	return err;
}
