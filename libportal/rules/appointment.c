/* SPDX-License-Identifier: MIT */
/*
 * appointment.c - visits with an arrival window, and the rules of
 * cancelling and missing them.
 */
#include "internal.h"
#include "rules.h"
#include "local_days.h"
#include "settings.h"
#include "appointment_notice.h"
#include "audit_log.h"
#include "billing.h"
#include "json.h"
#include "record_json.h"
#include "store_appointment.h"
#include "validate.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The longest arrival window a shop promises: half a day. */
#define WINDOW_MAX_SECONDS (12 * 3600)

static int is_final(portal_appointment_status s)
{
	return s == PORTAL_APPT_COMPLETED || s == PORTAL_APPT_CANCELLED ||
		s == PORTAL_APPT_NO_SHOW;
}

/* A status as the customer says it: "completed", "cancelled", "missed". */
static const char *final_words(portal_appointment_status s)
{
	return s == PORTAL_APPT_COMPLETED ? "completed"
		: s == PORTAL_APPT_CANCELLED ? "cancelled" : "marked as missed";
}

static int refuse_final(portal *p, const portal_appointment *a)
{
	return pt_say(p, pt_error(p, PORTAL_ERULE, NULL, "appointment #%lld is %s and cannot change",
			(long long)a->id, portal_appointment_status_name(a->status)),
		"Visit #%lld was %s and can no longer change", (long long)a->id,
		final_words(a->status));
}

/* ---------------------------------------------------------------------
 * Booking and assigning.
 */

/* An active technician, or an error naming `field`. */
static int check_tech(portal *p, portal_id tech_id)
{
	portal_tech *t = NULL;
	int err;

	if ((err = pt_store_tech_get(&t, p, tech_id)) == 0 && !t->active)
		err = pt_error(p, PORTAL_EINVAL, "appointment.technician",
			"technician #%lld (%s) no longer works for the shop",
			(long long)tech_id, t->name);
	portal_tech_free(t);
	return err;
}

/* The job and the address must be the client's own; the address visited
 * defaults to the job's, then to the client's first. */
static int check_links(portal *p, const portal_appointment_fields *f, portal_id *address_id)
{
	portal_job *j = NULL;
	portal_address *addr = NULL;
	int err = PORTAL_OK;

	*address_id = f->address_id;
	if (f->job_id) {
		if ((err = pt_store_job_get(&j, p, f->job_id, 0)) == 0 &&
		    j->client_id != f->client_id)
			err = pt_error(p, PORTAL_EINVAL, "appointment.job",
				"job #%lld belongs to another client", (long long)f->job_id);
		if (err == 0 && *address_id == 0)
			*address_id = j->address_id;
		portal_job_free(j);
		if (err < 0)
			return err;
	}
	if (f->address_id) {
		if ((err = pt_store_address_get(&addr, p, f->address_id)) == 0 &&
		    addr->client_id != f->client_id)
			err = pt_error(p, PORTAL_EINVAL, "appointment.address",
				"address #%lld belongs to another client",
				(long long)f->address_id);
		portal_address_free(addr);
		return err;
	}
	if (*address_id == 0)
		err = pt_store_address_first(address_id, p, f->client_id);
	return err;
}

static int check_window(portal *p, portal_time start, portal_time end)
{
	if (start == 0)
		return pt_error(p, PORTAL_EINVAL, "appointment.window_start",
			"the arrival window needs a start");
	if (end <= start)
		return pt_error(p, PORTAL_EINVAL, "appointment.window_end",
			"the arrival window must end after it starts");
	if (end - start > WINDOW_MAX_SECONDS)
		return pt_error(p, PORTAL_EINVAL, "appointment.window_end",
			"an arrival window lasts at most 12 hours");
	return PORTAL_OK;
}

int portal_appointment_add(portal_id *out, portal *p, const portal_appointment_fields *f)
{
	portal_appointment a = { 0 };
	portal_client *c = NULL;
	portal_id id = 0;
	char code[8];
	int err;

	if (f == NULL || f->version != PORTAL_APPOINTMENT_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_appointment_fields: missing or of an unknown version");
	a.client_id = f->client_id;
	a.job_id = f->job_id;
	a.technician_id = f->technician_id;
	a.window_start = f->window_start;
	a.window_end = f->window_end;
	a.status = PORTAL_APPT_SCHEDULED;
	/* The code opens a lock box or a building door: drawn uniformly, so
	 * no code is likelier than another. */
	snprintf(code, sizeof(code), "%04u", (unsigned)randombytes_uniform(10000) % 10000u);
	a.door_code = code;
	if ((err = pt_store_client_get(&c, p, f->client_id)) < 0 ||
	    (err = check_links(p, f, &a.address_id)) < 0 ||
	    (f->technician_id && (err = check_tech(p, f->technician_id)) < 0) ||
	    (err = check_window(p, f->window_start, f->window_end)) < 0 ||
	    (err = pt_valid_text(&a.notes, p, "appointment.notes", f->notes, 0, 1000,
			PT_TEXT_MULTILINE)) < 0)
		goto done;
	/* The visit and the client's notice of it land together. */
	if ((err = pt_store_begin(p)) < 0)
		goto done;
	if ((err = pt_store_appointment_insert(&id, p, &a)) == 0) {
		a.id = id;
		err = pt_notice_booked(p, &a);
	}
	if ((err = pt_store_end(p, err)) == 0 && out != NULL)
		*out = id;
done:
	portal_client_free(c);
	free(a.notes);
	return err;
}

int portal_appointment_assign(portal *p, portal_id id, portal_id tech_id)
{
	portal_appointment *a = NULL;
	int err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_store_appointment_get(&a, p, id)) == 0 &&
	    (err = check_tech(p, tech_id)) == 0) {
		if (is_final(a->status))
			err = refuse_final(p, a);
		else if ((err = pt_store_appointment_set_technician(p, id, tech_id)) == 0)
			err = pt_notice_assigned(p, a, tech_id);
	}
	err = pt_store_end(p, err);
	portal_appointment_free(a);
	return err;
}

/* ---------------------------------------------------------------------
 * The visit's progress.
 */

int portal_appointment_set_status(portal *p, portal_id id,
	portal_appointment_status status, portal_time at)
{
	portal_appointment *a = NULL;
	int err;

	if (status == PORTAL_APPT_CANCELLED)
		return pt_error(p, PORTAL_EINVAL, "appointment.status",
			"cancel with portal_appointment_cancel(), which applies the "
			"late-cancellation fee");
	if (status == PORTAL_APPT_NO_SHOW)
		return pt_error(p, PORTAL_EINVAL, "appointment.status",
			"record a no-show with portal_appointment_no_show(), which applies "
			"the no-show fee");
	if (portal_appointment_status_name(status) == NULL)
		return pt_error(p, PORTAL_EINVAL, "appointment.status", "unknown status %d",
			(int)status);
	if (at == 0)
		at = portal_now(p);
	/* Read and write under one lock, so that two people moving the same
	 * visit cannot both pass the checks against a stale status. */
	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_store_appointment_get(&a, p, id)) < 0)
		goto end;
	if (is_final(a->status))
		err = refuse_final(p, a);
	else if (status <= a->status)
		err = pt_error(p, PORTAL_ERULE, NULL,
			"appointment #%lld is %s: a visit moves forward only, not to %s",
			(long long)id, portal_appointment_status_name(a->status),
			portal_appointment_status_name(status));
	else if (at > portal_now(p))
		err = pt_error(p, PORTAL_EINVAL, "appointment.at",
			"a status change cannot be in the future");
	else if (at < a->status_at)
		err = pt_error(p, PORTAL_EINVAL, "appointment.at",
			"a status change cannot be earlier than the one before it");
	else if ((err = pt_store_appointment_set_status(p, id, status, at, 0, 0)) == 0)
		err = pt_notice_status(p, a, status);
end:
	err = pt_store_end(p, err);
	portal_appointment_free(a);
	return err;
}

/* ---------------------------------------------------------------------
 * Cancelling, missing, and their fees.
 */

/* Can `a` still be cancelled? Once the technician is at the door the
 * visit is either done or a no-show. */
static int check_cancellable(portal *p, const portal_appointment *a)
{
	if (is_final(a->status))
		return refuse_final(p, a);
	if (a->status == PORTAL_APPT_ARRIVED || a->status == PORTAL_APPT_IN_PROGRESS)
		return pt_error(p, PORTAL_ERULE, NULL,
			"appointment #%lld cannot be cancelled: the technician has %s",
			(long long)a->id, a->status == PORTAL_APPT_ARRIVED ? "arrived" : "started");
	return PORTAL_OK;
}

/* The fee rule. Notice is counted in elapsed seconds, so a night when the
 * clocks change is as long as it really is. */
static int quote(portal_cancellation *out, portal *p, const portal_appointment *a,
	portal_time at)
{
	int64_t hours, fee;
	int err;

	if ((err = pt_setting_int(&hours, p, "cancellation_notice_hours")) < 0 ||
	    (err = pt_setting_int(&fee, p, "late_cancellation_fee")) < 0)
		return err;
	out->free_until = a->window_start - hours * 3600;
	out->late = at > out->free_until;
	out->fee = out->late ? fee : 0;
	return PORTAL_OK;
}

int portal_appointment_cancel_quote(portal_cancellation *out, portal *p,
	portal_id id, portal_time at)
{
	portal_appointment *a = NULL;
	portal_cancellation q;
	int err;

	if (at == 0)
		at = portal_now(p);
	if ((err = pt_store_appointment_get(&a, p, id)) == 0 &&
	    (err = check_cancellable(p, a)) == 0 &&
	    (err = quote(&q, p, a, at)) == 0 && out != NULL)
		*out = q;
	portal_appointment_free(a);
	return err;
}

/* "<what>: visit of Mon 23 Nov 2026, 8:00 am–12:00 pm" in the shop's
 * time. The line stays on the invoice for years, so it says the year. */
static int fee_description(char *buf, size_t len, portal *p, const char *what,
	const portal_appointment *a)
{
	char window[PORTAL_WORDS_LEN];
	int err;

	if ((err = pt_window_words(window, sizeof(window), p, a->window_start,
			a->window_end, 0)) < 0)
		return err;
	snprintf(buf, len, "%s: visit of %s", what, window);
	return PORTAL_OK;
}

/* Charge `fee` for `a` on a new invoice; nothing when the fee is 0. */
static int charge(portal_id *invoice_id, portal *p, const portal_appointment *a,
	const char *what, portal_money fee)
{
	char desc[160];
	int err;

	*invoice_id = 0;
	if (fee <= 0)
		return PORTAL_OK;
	if ((err = fee_description(desc, sizeof(desc), p, what, a)) < 0)
		return err;
	return pt_invoice_charge(invoice_id, p, a->client_id, a->job_id, a->id,
		PORTAL_LINE_OTHER_FEE, desc, fee);
}

int portal_appointment_cancel(portal_cancellation *out, portal *p, portal_id id)
{
	return pt_appointment_cancel(out, p, id, NULL);
}

static int log_cancel(portal *p, const portal_appointment *a, const portal_cancellation *q,
	const char *source)
{
	char fee[PORTAL_MONEY_STRLEN];

	if (!q->late || q->fee == 0)
		return pt_audit(p, "appointment.cancel", "ok", a->client_id, source,
			"visit #%lld, no fee", (long long)a->id);
	portal_shop_money_format(fee, p, q->fee);
	return pt_audit(p, "appointment.cancel", "ok", a->client_id, source,
		"visit #%lld, late: fee %s", (long long)a->id, fee);
}

int pt_appointment_cancel(portal_cancellation *out, portal *p, portal_id id,
	const char *source)
{
	portal_appointment *a = NULL;
	portal_cancellation q = { 0, 0, 0 };
	portal_time now = portal_now(p);
	portal_id invoice_id = 0;
	int err;

	/* The status, the fee's invoice and the link between them land
	 * together or not at all; the final status then keeps a second
	 * cancellation from charging again. */
	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_store_appointment_get(&a, p, id)) == 0 &&
	    (err = check_cancellable(p, a)) == 0 &&
	    (err = quote(&q, p, a, now)) == 0 &&
	    (err = charge(&invoice_id, p, a, "Late cancellation fee", q.fee)) == 0)
		err = pt_store_appointment_set_status(p, id, PORTAL_APPT_CANCELLED, now, now,
			invoice_id);
	if (err == 0)
		err = pt_notice_cancelled(p, a, invoice_id ? q.fee : 0);
	if (err == 0)
		err = log_cancel(p, a, &q, source);
	if ((err = pt_store_end(p, err)) == 0 && out != NULL)
		*out = q;
	portal_appointment_free(a);
	return err;
}

int portal_appointment_no_show(portal_money *fee, portal *p, portal_id id)
{
	portal_appointment *a = NULL;
	portal_time now = portal_now(p);
	portal_id invoice_id = 0;
	int64_t amount = 0;
	int err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_store_appointment_get(&a, p, id)) < 0)
		goto end;
	if (is_final(a->status))
		err = refuse_final(p, a);
	else if (a->status == PORTAL_APPT_IN_PROGRESS)
		err = pt_error(p, PORTAL_ERULE, NULL,
			"appointment #%lld is in progress: the customer was not missed",
			(long long)id);
	else if (now < a->window_start)
		err = pt_error(p, PORTAL_ERULE, NULL,
			"appointment #%lld: a customer can be missed only once the arrival "
			"window has started", (long long)id);
	else if ((err = pt_setting_int(&amount, p, "no_show_fee")) == 0 &&
		 (err = charge(&invoice_id, p, a, "Missed appointment fee", amount)) == 0 &&
		 (err = pt_store_appointment_set_status(p, id, PORTAL_APPT_NO_SHOW, now, 0,
			invoice_id)) == 0)
		err = pt_notice_no_show(p, a, invoice_id ? amount : 0);
end:
	if ((err = pt_store_end(p, err)) == 0 && fee != NULL)
		*fee = amount;
	portal_appointment_free(a);
	return err;
}

/* ---------------------------------------------------------------------
 * Reading.
 */

int portal_appointment_get(portal_appointment **out, portal *p, portal_id id)
{
	return pt_store_appointment_get(out, p, id);
}

int portal_appointment_foreach(portal *p, const portal_appointment_filter *filter,
	int (*cb)(const portal_appointment *a, void *ctx), void *ctx)
{
	return pt_store_appointment_foreach(p, filter, cb, ctx);
}

int portal_appointment_filter_day(portal_appointment_filter *filter, portal *p,
	const char *day)
{
	int64_t d;
	portal_time from, to;
	int err;

	if (day != NULL && strcmp(day, "today") == 0) {
		if ((err = pt_local_day(&d, p, portal_now(p))) < 0)
			return err;
	} else if (pt_day_parse(&d, day) < 0) {
		return pt_error(p, PORTAL_EINVAL, "appointment.day",
			"'%s' is not a date: use YYYY-MM-DD or today", day ? day : "");
	}
	/* A local day lasts 23, 24 or 25 hours: ask where the next begins. */
	if ((err = pt_local_day_begin(&from, p, d)) < 0 ||
	    (err = pt_local_day_begin(&to, p, d + 1)) < 0)
		return err;
	filter->from = from;
	filter->to = to;
	return PORTAL_OK;
}

static cJSON *cancellation_to_json(portal *p, const portal_cancellation *q)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_time(&b, o, "free_until", q->free_until);
	pt_jb_bool(&b, o, "late", q->late);
	pt_jb_money(&b, o, "fee", q->fee);
	return pt_jb_done(&b, o);
}

/* The records an appointment points to, read for its JSON. */
struct appointment_refs {
	portal_client *client;
	portal_address *address;
	portal_tech *tech;
	portal_invoice *invoice;
	portal_cancellation quote;
	int cancellable;
};

static int read_refs(struct appointment_refs *r, portal *p, const portal_appointment *a)
{
	int err;

	memset(r, 0, sizeof(*r));
	if ((err = pt_store_client_get(&r->client, p, a->client_id)) < 0 ||
	    (a->address_id && (err = pt_store_address_get(&r->address, p, a->address_id)) < 0) ||
	    (a->technician_id && (err = pt_store_tech_get(&r->tech, p, a->technician_id)) < 0) ||
	    (a->fee_invoice_id && (err = portal_invoice_get(&r->invoice, p, a->fee_invoice_id)) < 0))
		return err;
	r->cancellable = !is_final(a->status) && a->status != PORTAL_APPT_ARRIVED &&
		a->status != PORTAL_APPT_IN_PROGRESS;
	if (r->cancellable)
		err = quote(&r->quote, p, a, portal_now(p));
	return err;
}

static void free_refs(struct appointment_refs *r)
{
	portal_client_free(r->client);
	portal_address_free(r->address);
	portal_tech_free(r->tech);
	portal_invoice_free(r->invoice);
}

/* The appointment as the shop sees it; the technician's phone is left out
 * because this document may be shown to the customer. */
static cJSON *appointment_to_json(portal *p, const portal_appointment *a,
	const struct appointment_refs *r)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "id", a->id);
	pt_jb_int(&b, o, "client_id", a->client_id);
	pt_jb_string(&b, o, "client_name", r->client->name);
	pt_jb_id(&b, o, "job_id", a->job_id);
	pt_jb_id(&b, o, "address_id", a->address_id);
	pt_jb_item(&b, o, "address",
		r->address ? pt_address_to_json(p, r->address) : cJSON_CreateNull());
	pt_jb_id(&b, o, "technician_id", a->technician_id);
	if (r->tech)
		pt_jb_string(&b, o, "technician_name", r->tech->name);
	else
		pt_jb_null(&b, o, "technician_name");
	pt_jb_time(&b, o, "window_start", a->window_start);
	pt_jb_time(&b, o, "window_end", a->window_end);
	pt_jb_string(&b, o, "status", portal_appointment_status_name(a->status));
	pt_jb_string(&b, o, "status_label", portal_appointment_status_label(a->status));
	pt_jb_time(&b, o, "status_at", a->status_at);
	pt_jb_time(&b, o, "cancelled_at", a->cancelled_at);
	pt_jb_string(&b, o, "door_code", a->door_code);
	pt_jb_string(&b, o, "notes", a->notes);
	pt_jb_id(&b, o, "fee_invoice_id", a->fee_invoice_id);
	if (r->invoice)
		pt_jb_string(&b, o, "fee_invoice_number", r->invoice->number);
	else
		pt_jb_null(&b, o, "fee_invoice_number");
	pt_jb_item(&b, o, "cancellation",
		r->cancellable ? cancellation_to_json(p, &r->quote) : cJSON_CreateNull());
	return pt_jb_done(&b, o);
}

static cJSON *appointment_document(portal *p, const portal_appointment *a, int *err)
{
	struct appointment_refs r;
	cJSON *o = NULL;

	if ((*err = read_refs(&r, p, a)) == 0 && (o = appointment_to_json(p, a, &r)) == NULL)
		*err = pt_oom(p);
	free_refs(&r);
	return o;
}

int portal_appointment_json(portal_buf *out, portal *p, portal_id id)
{
	portal_appointment *a = NULL;
	cJSON *root = NULL;
	int err;

	if ((err = pt_store_appointment_get(&a, p, id)) == 0)
		root = appointment_document(p, a, &err);
	portal_appointment_free(a);
	return pt_json_finish(out, p, root, err);
}

static int add_appointment_document(const portal_appointment *a, void *ctx)
{
	pt_json_walk *w = ctx;
	int err;
	cJSON *o = appointment_document(w->p, a, &err);

	return o ? pt_json_walk_add(w, o) : err;
}

int portal_appointment_list_json(portal_buf *out, portal *p,
	const portal_appointment_filter *filter)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err = w.array ? PORTAL_OK : pt_oom(p);

	if (err == 0)
		err = pt_store_appointment_foreach(p, filter, add_appointment_document, &w);
	return pt_json_finish(out, p, w.array, err);
}
