/* SPDX-License-Identifier: MIT */
/*
 * appointment_notice.c - telling the client what happened to their visit:
 * one sentence per event, in the shop's time, naming the technician by
 * first name only.
 */
#include "appointment_notice.h"
#include "local_days.h"
#include "notify_log.h"
#include "outbox_queue.h"
#include "store.h"
#include "civil_words.h"
#include "tz.h"

#include <stdio.h>
#include <string.h>

int pt_appointment_window_text(char *buf, size_t len, portal *p,
	const portal_appointment *a)
{
	return pt_window_words(buf, len, p, a->window_start, a->window_end, PT_WORDS_NOW);
}

void pt_tech_first_name(char *buf, size_t len, const portal_tech *t)
{
	size_t n;

	if (t == NULL || t->name[0] == '\0') {
		snprintf(buf, len, "Your technician");
		return;
	}
	/* Names are stored trimmed: the first word ends at the first space. */
	n = strcspn(t->name, " ");
	snprintf(buf, len, "%.*s", (int)n, t->name);
}

/* The first name of technician `tech_id` (0: none). */
static int tech_first_name(char *buf, size_t len, portal *p, portal_id tech_id)
{
	portal_tech *t = NULL;
	int err = PORTAL_OK;

	if (tech_id && (err = pt_store_tech_get(&t, p, tech_id)) < 0)
		return err;
	pt_tech_first_name(buf, len, t);
	portal_tech_free(t);
	return PORTAL_OK;
}

int pt_notice_booked(portal *p, const portal_appointment *a)
{
	char window[PORTAL_WORDS_LEN];
	int err;

	if ((err = pt_appointment_window_text(window, sizeof(window), p, a)) < 0)
		return err;
	if ((err = pt_notify(p, a->client_id, "appointment.booked", a->id,
			"Your visit is booked for %s.", window)) < 0)
		return err;
	return pt_outbox_booked(p, a);
}

int pt_notice_assigned(portal *p, const portal_appointment *a, portal_id tech_id)
{
	char window[PORTAL_WORDS_LEN], name[64];
	int err;

	/* Assigning the same technician again changes nothing to tell. */
	if (tech_id == a->technician_id)
		return PORTAL_OK;
	if ((err = pt_appointment_window_text(window, sizeof(window), p, a)) < 0 ||
	    (err = tech_first_name(name, sizeof(name), p, tech_id)) < 0)
		return err;
	return pt_notify(p, a->client_id, "appointment.changed", a->id,
		"%s will be your technician for your visit of %s.", name, window);
}

int pt_notice_status(portal *p, const portal_appointment *a,
	portal_appointment_status status)
{
	char window[PORTAL_WORDS_LEN], name[64];
	int err;

	if ((err = pt_appointment_window_text(window, sizeof(window), p, a)) < 0 ||
	    (err = tech_first_name(name, sizeof(name), p, a->technician_id)) < 0)
		return err;
	switch (status) {
	case PORTAL_APPT_EN_ROUTE:
		if ((err = pt_notify(p, a->client_id, "tech.en_route", a->id,
				"%s is on the way for your visit of %s.", name, window)) < 0)
			return err;
		return pt_outbox_on_my_way(p, a);
	case PORTAL_APPT_CONFIRMED:
		return pt_notify(p, a->client_id, "appointment.changed", a->id,
			"Your visit of %s is confirmed.", window);
	case PORTAL_APPT_ARRIVED:
		return pt_notify(p, a->client_id, "appointment.changed", a->id,
			"%s has arrived for your visit of %s.", name, window);
	case PORTAL_APPT_IN_PROGRESS:
		return pt_notify(p, a->client_id, "appointment.changed", a->id,
			"Work has started on your visit of %s.", window);
	case PORTAL_APPT_COMPLETED:
		return pt_notify(p, a->client_id, "appointment.changed", a->id,
			"Your visit of %s is complete.", window);
	default:
		return pt_notify(p, a->client_id, "appointment.changed", a->id,
			"Your visit of %s is now %s.", window,
			portal_appointment_status_label(status));
	}
}

int pt_notice_cancelled(portal *p, const portal_appointment *a, portal_money fee)
{
	char window[PORTAL_WORDS_LEN], money[PORTAL_MONEY_STRLEN];
	int err;

	if ((err = pt_appointment_window_text(window, sizeof(window), p, a)) < 0)
		return err;
	if (fee <= 0)
		return pt_notify(p, a->client_id, "appointment.cancelled", a->id,
			"Your visit of %s was cancelled.", window);
	return pt_notify(p, a->client_id, "appointment.cancelled", a->id,
		"Your visit of %s was cancelled. A late-cancellation fee of %s applies.",
		window, portal_shop_money_format(money, p, fee));
}

int pt_notice_no_show(portal *p, const portal_appointment *a, portal_money fee)
{
	char window[PORTAL_WORDS_LEN], money[PORTAL_MONEY_STRLEN];
	int err;

	if ((err = pt_appointment_window_text(window, sizeof(window), p, a)) < 0)
		return err;
	if (fee <= 0)
		return pt_notify(p, a->client_id, "appointment.changed", a->id,
			"We missed you at your visit of %s.", window);
	return pt_notify(p, a->client_id, "appointment.changed", a->id,
		"We missed you at your visit of %s. A missed appointment fee of %s applies.",
		window, portal_shop_money_format(money, p, fee));
}

int pt_notice_eta(portal *p, const portal_appointment *a, portal_time eta)
{
	char window[PORTAL_WORDS_LEN], time[16], day[PORTAL_WORDS_LEN], name[64];
	int err;

	if ((err = pt_appointment_window_text(window, sizeof(window), p, a)) < 0 ||
	    (err = pt_time_words(time, sizeof(time), p, eta, PORTAL_WORDS_TIME, 0)) < 0 ||
	    (err = pt_time_words(day, sizeof(day), p, eta, PORTAL_WORDS_DAY, PT_WORDS_NOW)) < 0 ||
	    (err = tech_first_name(name, sizeof(name), p, a->technician_id)) < 0)
		return err;
	return pt_notify(p, a->client_id, "appointment.changed", a->id,
		"%s expects to arrive around %s on %s (visit of %s).", name, time, day, window);
}
