/* SPDX-License-Identifier: MIT */
/*
 * view_work.c - the customer's views of their work: the dashboard, their
 * jobs, one job, and the service history of their appliances and vehicles.
 *
 * Every record is read for the viewer's client and, when the viewer is
 * limited to one job, for that job only: its invoices, the payments on
 * them, its visits and its asset. A hidden section's parts are left out
 * of the dashboard rather than shown empty, so the page cannot hint at
 * what the shop chose not to show.
 */
#include "view_fields.h"
#include "local_days.h"
#include "record_json.h"
#include "store_payment.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reminders due within this many days count as "due soon". */
#define DUE_SOON_DAYS 30

static int sees_section(const pt_viewer *v, portal_section s)
{
	return (v->sections & (unsigned)s) != 0;
}

/* A job paid, closed or cancelled needs nothing more from the customer:
 * a paid repair is done and settled, not one under way. */
static int job_is_open(const portal_job *j)
{
	return j->status != PORTAL_JOB_PAID && j->status != PORTAL_JOB_CLOSED &&
		j->status != PORTAL_JOB_CANCELLED;
}

/* The asset the viewer's job is about (0 for none); 0 for a whole-client
 * viewer, who sees every asset. */
static int scope_asset(portal_id *out, portal *p, const pt_viewer *v)
{
	portal_job *j;
	int err;

	*out = 0;
	if (v->job_id == 0)
		return PORTAL_OK;
	if ((err = portal_job_get(&j, p, v->job_id)) < 0)
		return err;
	*out = j->asset_id;
	portal_job_free(j);
	return PORTAL_OK;
}

/* 1 when the viewer sees asset `asset_id`: any of the client's for a
 * whole-client viewer, only the job's asset for a job-scoped one. */
static int sees_asset(const pt_viewer *v, portal_id scope, portal_id asset_id)
{
	return v->job_id == 0 || (scope != 0 && asset_id == scope);
}

/* Append `item` to `array`, or free it; PORTAL_OK or out of memory. */
static int append(portal *p, cJSON *array, cJSON *item)
{
	if (item == NULL || !cJSON_AddItemToArray(array, item)) {
		cJSON_Delete(item);
		return pt_oom(p);
	}
	return PORTAL_OK;
}

/* --- jobs ------------------------------------------------------------- */

/* The time of the latest "repaired" event and its note: when and what
 * was done. 0 when the job was never repaired. */
static portal_time completion(const portal_job *j, const char **note)
{
	portal_time at = 0;

	*note = "";
	for (size_t i = 0; i < j->event_count; i++) {
		if (j->events[i].status == PORTAL_JOB_REPAIRED && j->events[i].at >= at) {
			at = j->events[i].at;
			*note = j->events[i].note;
		}
	}
	return at;
}

static cJSON *timeline_to_json(portal *p, const portal_job *j)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a != NULL && i < j->event_count; i++) {
		const portal_job_event *e = &j->events[i];
		cJSON *o = cJSON_CreateObject();
		if (append(p, a, o) < 0 ||
		    !cJSON_AddStringToObject(o, "status", portal_job_status_name(e->status)) ||
		    !cJSON_AddStringToObject(o, "label", portal_job_status_label(e->status)) ||
		    !pt_view_add_time(o, "at", p, e->at) ||
		    !cJSON_AddStringToObject(o, "note", e->note)) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

/* The address of a job on one line; null when it has none. */
static int add_address_line(cJSON *o, portal *p, portal_id address_id)
{
	portal_address *a = NULL;
	portal_buf line = PORTAL_BUF_INIT;
	int err;

	if (address_id == 0)
		return cJSON_AddNullToObject(o, "address") ? PORTAL_OK : pt_oom(p);
	if ((err = portal_address_get(&a, p, address_id)) == 0 &&
	    (err = portal_address_format(&line, a)) == 0 &&
	    !cJSON_AddStringToObject(o, "address", line.ptr ? line.ptr : ""))
		err = pt_oom(p);
	portal_buf_dispose(&line);
	portal_address_free(a);
	return err;
}

/* A job as the customer sees it; with its timeline when `j` was read
 * with its events. */
static int job_to_json(cJSON **out, portal *p, const portal_job *j, int with_timeline)
{
	cJSON *o = cJSON_CreateObject(), *timeline;
	const char *work_done;
	portal_time done = completion(j, &work_done);
	int err;

	*out = NULL;
	if (o == NULL)
		return pt_oom(p);
	err = pt_oom(p);
	if (!cJSON_AddNumberToObject(o, "id", (double)j->id) ||
	    !cJSON_AddStringToObject(o, "problem", j->problem) ||
	    !cJSON_AddStringToObject(o, "status", portal_job_status_name(j->status)) ||
	    !cJSON_AddStringToObject(o, "status_label", portal_job_status_label(j->status)) ||
	    !cJSON_AddBoolToObject(o, "open", job_is_open(j)) ||
	    !pt_view_add_time(o, "booked_at", p, j->booked_at) ||
	    !pt_view_add_time(o, "updated_at", p, j->updated_at))
		goto fail;
	if ((err = pt_view_add_asset_ref(o, p, j->asset_id)) < 0 ||
	    (err = add_address_line(o, p, j->address_id)) < 0)
		goto fail;
	if (with_timeline) {
		err = pt_oom(p);
		if (!pt_view_add_time(o, "completed_at", p, done) ||
		    !cJSON_AddStringToObject(o, "work_done", work_done) ||
		    (timeline = timeline_to_json(p, j)) == NULL)
			goto fail;
		if (!cJSON_AddItemToObject(o, "timeline", timeline)) {
			cJSON_Delete(timeline);
			goto fail;
		}
	}
	*out = o;
	return PORTAL_OK;
fail:
	cJSON_Delete(o);
	return err;
}

/* The warranty still running on a repaired job, as of now; null when the
 * job was never repaired. */
static int add_warranty(cJSON *o, portal *p, portal_id job_id)
{
	portal_warranty w;
	cJSON *wj;
	int err;

	if ((err = portal_warranty_check(&w, p, job_id, NULL)) < 0)
		return err;
	if (w.completed_at == 0)
		return cJSON_AddNullToObject(o, "warranty") ? PORTAL_OK : pt_oom(p);
	if ((wj = cJSON_AddObjectToObject(o, "warranty")) == NULL ||
	    !cJSON_AddStringToObject(wj, "labour_until", w.labour_until) ||
	    !cJSON_AddStringToObject(wj, "parts_until", w.parts_until) ||
	    !cJSON_AddBoolToObject(wj, "labour_running", w.labour_covered) ||
	    !cJSON_AddBoolToObject(wj, "parts_running", w.parts_covered) ||
	    !pt_view_add_time(wj, "labour_ends", p, w.labour_ends) ||
	    !pt_view_add_time(wj, "parts_ends", p, w.parts_ends) ||
	    !cJSON_AddStringToObject(wj, "explanation", w.explanation))
		return pt_oom(p);
	return PORTAL_OK;
}

/* The viewer's jobs, newest booking first: ids only, read by the walk
 * and then one by one with their timelines. */
typedef struct job_ids {
	const pt_viewer *v;
	portal_id *ids;
	size_t n, cap;
} job_ids;

static int collect_job(const portal_job *j, void *ctx)
{
	job_ids *w = ctx;

	if (w->v->job_id != 0 && j->id != w->v->job_id)
		return 0;
	if (w->n == w->cap) {
		size_t ncap = w->cap ? w->cap * 2 : 16;
		portal_id *grown = realloc(w->ids, ncap * sizeof(*grown));
		if (grown == NULL)
			return PORTAL_ENOMEM;
		w->ids = grown;
		w->cap = ncap;
	}
	w->ids[w->n++] = j->id;
	return 0;
}

static int viewer_jobs(job_ids *w, portal *p, const pt_viewer *v)
{
	int err;

	memset(w, 0, sizeof(*w));
	w->v = v;
	err = portal_job_foreach(p, v->client_id, collect_job, w);
	if (err == PORTAL_ENOMEM)
		err = pt_oom(p);
	return err;
}

int pt_view_jobs(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	cJSON *list;
	job_ids w;
	int err;

	(void)arg;
	if ((list = cJSON_AddArrayToObject(doc, "jobs")) == NULL)
		return pt_oom(p);
	if ((err = viewer_jobs(&w, p, v)) < 0)
		return err;
	for (size_t i = 0; err == 0 && i < w.n; i++) {
		portal_job *j = NULL;
		cJSON *o = NULL;
		if ((err = portal_job_get(&j, p, w.ids[i])) == 0 &&
		    (err = job_to_json(&o, p, j, 1)) == 0)
			err = append(p, list, o);
		portal_job_free(j);
	}
	free(w.ids);
	if (err == 0 && !cJSON_AddNumberToObject(doc, "count", (double)w.n))
		err = pt_oom(p);
	return err;
}

/* A job id as the customer typed it: digits only, maybe after '#'. */
static portal_id parse_job_id(const char *arg)
{
	portal_id id = 0;

	if (*arg == '#')
		arg++;
	if (*arg == '\0' || strlen(arg) > 18)
		return 0;
	for (; *arg; arg++) {
		if (*arg < '0' || *arg > '9')
			return 0;
		id = id * 10 + (*arg - '0');
	}
	return id;
}

/* What the job led to, each part when its section is shown: its invoices,
 * its estimates and its visits, so that a page links to each. */
static int add_job_documents(cJSON *o, portal *p, const pt_viewer *v, portal_id job_id)
{
	int err = PORTAL_OK;

	if (sees_section(v, PORTAL_SECTION_INVOICES))
		err = pt_view_add_job_invoices(o, p, v, job_id);
	if (err == 0 && sees_section(v, PORTAL_SECTION_ESTIMATES))
		err = pt_view_add_job_estimates(o, p, v, job_id);
	if (err == 0 && sees_section(v, PORTAL_SECTION_APPOINTMENTS))
		err = pt_view_add_job_appointments(o, p, v, job_id);
	return err;
}

int pt_view_job(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	portal_id id = parse_job_id(arg);
	portal_job *j = NULL;
	cJSON *o = NULL;
	int err;

	/* Whatever the reason (not a number, no such job, another client's,
	 * outside the link's job), one answer: nothing to tell apart. */
	if (!pt_viewer_sees_job(p, v, id) || portal_job_get(&j, p, id) < 0)
		return pt_view_not_found(p, "job", arg);
	if ((err = job_to_json(&o, p, j, 1)) == 0 &&
	    (err = add_warranty(o, p, j->id)) == 0 &&
	    (err = add_job_documents(o, p, v, j->id)) == 0 &&
	    !cJSON_AddItemToObject(doc, "job", o))
		err = pt_oom(p);
	if (err < 0)
		cJSON_Delete(o);
	portal_job_free(j);
	return err;
}

/* --- service history --------------------------------------------------- */

/* A job belongs to the history once it is done: repaired at least once,
 * or closed. */
static int job_is_past(const portal_job *j)
{
	const char *note;

	return completion(j, &note) != 0 || j->status == PORTAL_JOB_CLOSED;
}

/* The viewer's past jobs on asset `asset_id` (0: those on no asset),
 * newest first, each with the warranty still running on it. */
static int add_past_jobs(cJSON *list, portal *p, const job_ids *w, portal_id asset_id)
{
	int err = PORTAL_OK;

	for (size_t i = 0; err == 0 && i < w->n; i++) {
		portal_job *j = NULL;
		cJSON *o = NULL;
		if ((err = portal_job_get(&j, p, w->ids[i])) == 0 &&
		    j->asset_id == asset_id && job_is_past(j) &&
		    (err = job_to_json(&o, p, j, 1)) == 0) {
			cJSON_DeleteItemFromObject(o, "timeline");
			if ((err = add_warranty(o, p, j->id)) == 0)
				err = append(p, list, o);
			else
				cJSON_Delete(o);
		}
		portal_job_free(j);
	}
	return err;
}

typedef struct history_walk {
	portal *p;
	const pt_viewer *v;
	portal_id scope;
	const job_ids *jobs;
	cJSON *assets;
} history_walk;

static int add_history_asset(const portal_asset *a, void *ctx)
{
	history_walk *w = ctx;
	cJSON *o, *jobs;

	if (!sees_asset(w->v, w->scope, a->id))
		return 0;
	if ((o = pt_asset_to_json(w->p, a)) == NULL)
		return pt_oom(w->p);
	if (append(w->p, w->assets, o) < 0 ||
	    (jobs = cJSON_AddArrayToObject(o, "jobs")) == NULL)
		return pt_oom(w->p);
	return add_past_jobs(jobs, w->p, w->jobs, a->id);
}

int pt_view_history(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	history_walk w = { p, v, 0, NULL, NULL };
	cJSON *other;
	job_ids jobs;
	int err;

	(void)arg;
	if ((err = scope_asset(&w.scope, p, v)) < 0 || (err = viewer_jobs(&jobs, p, v)) < 0)
		return err;
	w.jobs = &jobs;
	if ((w.assets = cJSON_AddArrayToObject(doc, "assets")) == NULL ||
	    (other = cJSON_AddArrayToObject(doc, "other_jobs")) == NULL)
		err = pt_oom(p);
	if (err == 0)
		err = portal_asset_foreach(p, v->client_id, add_history_asset, &w);
	if (err == 0)
		err = add_past_jobs(other, p, &jobs, 0);
	free(jobs.ids);
	return err;
}

/* --- dashboard: money ------------------------------------------------- */

typedef struct month_sum {
	int key;                 /* year * 12 + month - 1 */
	int count;
	portal_money invoiced, paid, balance;
} month_sum;

typedef struct money_walk {
	portal *p;
	portal_money balance_due, invoiced, paid;
	month_sum *months;
	size_t n_months, cap_months;
	portal_id *invoices;     /* every invoice in scope, for its payments */
	size_t n_invoices, cap_invoices;
	int64_t counts[PT_PAY_METHOD_LAST + 1];
	portal_money amounts[PT_PAY_METHOD_LAST + 1];
	portal_id job_id;
	int overflow;
} money_walk;

static int grow(void **arr, size_t *cap, size_t n, size_t size)
{
	size_t ncap;
	void *grown;

	if (n < *cap)
		return 0;
	ncap = *cap ? *cap * 2 : 16;
	if ((grown = realloc(*arr, ncap * size)) == NULL)
		return -1;
	*arr = grown;
	*cap = ncap;
	return 0;
}

static month_sum *month_of(money_walk *w, int key)
{
	month_sum *m;

	for (size_t i = 0; i < w->n_months; i++)
		if (w->months[i].key == key)
			return &w->months[i];
	if (grow((void **)&w->months, &w->cap_months, w->n_months, sizeof(*m)) < 0)
		return NULL;
	m = &w->months[w->n_months++];
	memset(m, 0, sizeof(*m));
	m->key = key;
	return m;
}

static int add_invoice(const portal_invoice *inv, void *ctx)
{
	money_walk *w = ctx;
	portal_money open = inv->balance > 0 ? inv->balance : 0;
	month_sum *m;
	int64_t day;
	char date[11];
	int err;

	if (inv->issued_at == 0)
		return 0;
	if (grow((void **)&w->invoices, &w->cap_invoices, w->n_invoices, sizeof(portal_id)) < 0)
		return pt_oom(w->p);
	w->invoices[w->n_invoices++] = inv->id;
	if (inv->voided_at)
		return 0;
	if ((err = pt_local_day(&day, w->p, inv->issued_at)) < 0)
		return err;
	pt_day_format(date, day);
	if ((m = month_of(w, atoi(date) * 12 + atoi(date + 5) - 1)) == NULL)
		return pt_oom(w->p);
	m->count++;
	w->overflow |= pt_money_add(&m->invoiced, inv->totals.total) |
		pt_money_add(&m->paid, inv->paid) | pt_money_add(&m->balance, open) |
		pt_money_add(&w->invoiced, inv->totals.total) |
		pt_money_add(&w->paid, inv->paid) | pt_money_add(&w->balance_due, open);
	return 0;
}

static int in_scope_invoice(const money_walk *w, portal_id invoice_id)
{
	for (size_t i = 0; i < w->n_invoices; i++)
		if (w->invoices[i] == invoice_id)
			return 1;
	return 0;
}

/* A refund is counted against its payment's method and subtracted; only
 * payments count as payments. */
static int add_payment(const portal_payment *pay, void *ctx)
{
	money_walk *w = ctx;
	int m = (int)pay->method;

	if (w->job_id != 0 && (pay->invoice_id == 0 || !in_scope_invoice(w, pay->invoice_id)))
		return 0;
	if (m < PORTAL_PAY_CASH || m > PT_PAY_METHOD_LAST)
		m = PORTAL_PAY_OTHER;
	if (pay->refund_of == 0)
		w->counts[m]++;
	w->overflow |= pt_money_add(&w->amounts[m], pay->amount);
	return 0;
}

static int by_month(const void *a, const void *b)
{
	const month_sum *x = a, *y = b;

	return (x->key > y->key) - (x->key < y->key);
}

static cJSON *months_to_json(money_walk *w)
{
	cJSON *a = cJSON_CreateArray();

	if (w->n_months > 0)
		qsort(w->months, w->n_months, sizeof(w->months[0]), by_month);
	for (size_t i = 0; a != NULL && i < w->n_months; i++) {
		const month_sum *m = &w->months[i];
		cJSON *o = cJSON_CreateObject();
		char month[16];
		snprintf(month, sizeof(month), "%04d-%02d", (m->key / 12) % 10000, m->key % 12 + 1);
		if (append(w->p, a, o) < 0 ||
		    !cJSON_AddStringToObject(o, "month", month) ||
		    !cJSON_AddNumberToObject(o, "count", m->count) ||
		    !pt_json_add_money(o, "invoiced", m->invoiced) ||
		    !pt_json_add_money(o, "paid", m->paid) ||
		    !pt_json_add_money(o, "balance", m->balance)) {
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

static cJSON *methods_to_json(const money_walk *w)
{
	cJSON *o = cJSON_CreateObject(), *list;
	portal_money total = 0;
	int64_t count = 0;

	if (o == NULL || (list = cJSON_AddArrayToObject(o, "methods")) == NULL)
		goto fail;
	for (int m = PORTAL_PAY_CASH; m <= PT_PAY_METHOD_LAST; m++) {
		cJSON *item = cJSON_CreateObject();
		if (item == NULL || !cJSON_AddItemToArray(list, item)) {
			cJSON_Delete(item);
			goto fail;
		}
		if (!cJSON_AddStringToObject(item, "method",
			portal_payment_method_name((portal_payment_method)m)) ||
		    !cJSON_AddStringToObject(item, "label",
			portal_payment_method_label((portal_payment_method)m)) ||
		    !cJSON_AddNumberToObject(item, "count", (double)w->counts[m]) ||
		    !pt_json_add_money(item, "amount", w->amounts[m]))
			goto fail;
		count += w->counts[m];
		if (pt_money_add(&total, w->amounts[m]) < 0)
			goto fail;
	}
	if (!cJSON_AddNumberToObject(o, "count", (double)count) ||
	    !pt_json_add_money(o, "total", total))
		goto fail;
	return o;
fail:
	cJSON_Delete(o);
	return NULL;
}

/* Add `item` (NULL when out of memory) to `doc` under `name`. */
static int add_item(portal *p, cJSON *doc, const char *name, cJSON *item)
{
	if (item == NULL || !cJSON_AddItemToObject(doc, name, item)) {
		cJSON_Delete(item);
		return pt_oom(p);
	}
	return PORTAL_OK;
}

/* What the client owes and paid: the invoices' parts when the shop shows
 * invoices, the payments' when it shows payments. */
static int add_money(cJSON *doc, portal *p, const pt_viewer *v)
{
	portal_invoice_filter filter = { v->client_id, v->job_id, 0 };
	money_walk w;
	cJSON *totals = NULL;
	portal_money credit;
	int err;

	memset(&w, 0, sizeof(w));
	w.p = p;
	w.job_id = v->job_id;
	if ((err = portal_invoice_foreach(p, &filter, add_invoice, &w)) == 0 &&
	    sees_section(v, PORTAL_SECTION_PAYMENTS))
		err = portal_payment_foreach(p, v->client_id, 0, add_payment, &w);
	if (err == 0 && w.overflow)
		err = pt_error(p, PORTAL_ERROR, NULL, "the client's totals are out of range");
	if (err == 0 && sees_section(v, PORTAL_SECTION_INVOICES)) {
		err = pt_oom(p);
		if (pt_json_add_money(doc, "balance_due", w.balance_due) &&
		    (totals = cJSON_AddObjectToObject(doc, "totals")) != NULL &&
		    pt_json_add_money(totals, "invoiced", w.invoiced) &&
		    pt_json_add_money(totals, "paid", w.paid))
			err = PORTAL_OK;
		/* Credit belongs to the client, not to any one job. */
		if (err == 0 && v->job_id == 0 &&
		    (err = portal_account_credit(&credit, p, v->client_id)) == 0 &&
		    !pt_json_add_money(totals, "account_credit", credit))
			err = pt_oom(p);
		if (err == 0)
			err = add_item(p, doc, "monthly", months_to_json(&w));
	}
	if (err == 0 && sees_section(v, PORTAL_SECTION_PAYMENTS))
		err = add_item(p, doc, "payments_by_method", methods_to_json(&w));
	free(w.months);
	free(w.invoices);
	return err;
}

/* --- dashboard: the rest ------------------------------------------------ */

typedef struct dash_walk {
	portal *p;
	const pt_viewer *v;
	portal_id scope;         /* the job's asset for a job-scoped viewer */
	cJSON *list;
} dash_walk;

static int add_dash_asset(const portal_asset *a, void *ctx)
{
	dash_walk *w = ctx;

	if (!sees_asset(w->v, w->scope, a->id))
		return 0;
	return append(w->p, w->list, pt_asset_to_json(w->p, a));
}

static int add_technician(cJSON *o, portal *p, portal_id tech_id)
{
	portal_tech *t = NULL;
	int err;

	/* The name only: a technician's phone is the shop's business. */
	if (tech_id == 0)
		return cJSON_AddNullToObject(o, "technician") ? PORTAL_OK : pt_oom(p);
	if ((err = portal_tech_get(&t, p, tech_id)) == 0 &&
	    !cJSON_AddStringToObject(o, "technician", t->name))
		err = pt_oom(p);
	portal_tech_free(t);
	return err;
}

static int add_dash_appointment(const portal_appointment *a, void *ctx)
{
	dash_walk *w = ctx;
	cJSON *o;
	int err;

	if (a->status == PORTAL_APPT_COMPLETED || a->status == PORTAL_APPT_CANCELLED ||
	    a->status == PORTAL_APPT_NO_SHOW || a->client_id != w->v->client_id ||
	    (w->v->job_id != 0 && a->job_id != w->v->job_id))
		return 0;
	if ((o = cJSON_CreateObject()) == NULL || (err = append(w->p, w->list, o)) < 0)
		return pt_oom(w->p);
	if (!cJSON_AddNumberToObject(o, "id", (double)a->id) ||
	    !pt_json_add_id(o, "job_id", a->job_id) ||
	    !cJSON_AddStringToObject(o, "status", portal_appointment_status_name(a->status)) ||
	    !cJSON_AddStringToObject(o, "status_label", portal_appointment_status_label(a->status)) ||
	    !pt_view_add_time(o, "window_start", w->p, a->window_start) ||
	    !pt_view_add_time(o, "window_end", w->p, a->window_end))
		return pt_oom(w->p);
	if ((err = add_technician(o, w->p, a->technician_id)) < 0)
		return err;
	return add_address_line(o, w->p, a->address_id);
}

static int add_dash_reminder(const portal_reminder *r, void *ctx)
{
	dash_walk *w = ctx;
	cJSON *o;

	if (r->client_id != w->v->client_id || !sees_asset(w->v, w->scope, r->asset_id))
		return 0;
	if ((o = cJSON_CreateObject()) == NULL || append(w->p, w->list, o) < 0 ||
	    !cJSON_AddNumberToObject(o, "id", (double)r->id) ||
	    !cJSON_AddNumberToObject(o, "asset_id", (double)r->asset_id) ||
	    !cJSON_AddStringToObject(o, "asset_label", r->asset_label) ||
	    !cJSON_AddStringToObject(o, "description", r->description) ||
	    !cJSON_AddStringToObject(o, "next_due", r->next_due) ||
	    !cJSON_AddNumberToObject(o, "days_left", r->days_left) ||
	    !cJSON_AddBoolToObject(o, "overdue", r->days_left < 0))
		return pt_oom(w->p);
	return 0;
}

static int add_dash_job(const portal_job *j, void *ctx)
{
	dash_walk *w = ctx;
	cJSON *o = NULL;
	int err;

	if (!job_is_open(j) || (w->v->job_id != 0 && j->id != w->v->job_id))
		return 0;
	if ((err = job_to_json(&o, w->p, j, 0)) < 0)
		return err;
	return append(w->p, w->list, o);
}

static int add_list(cJSON *doc, dash_walk *w, const char *name)
{
	return (w->list = cJSON_AddArrayToObject(doc, name)) ? PORTAL_OK : pt_oom(w->p);
}

int pt_view_dashboard(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	portal_appointment_filter upcoming = { v->client_id, 0, 0, 0 };
	dash_walk w = { p, v, 0, NULL };
	int64_t unread;
	int err;

	(void)arg;
	/* Windows ending after a second ago: one ending right now still counts. */
	upcoming.from = portal_now(p) - 1;
	if ((err = scope_asset(&w.scope, p, v)) < 0 || (err = add_money(doc, p, v)) < 0)
		return err;
	if ((err = add_list(doc, &w, "assets")) < 0 ||
	    (err = portal_asset_foreach(p, v->client_id, add_dash_asset, &w)) < 0)
		return err;
	if (sees_section(v, PORTAL_SECTION_APPOINTMENTS) &&
	    ((err = add_list(doc, &w, "upcoming_appointments")) < 0 ||
	     (err = portal_appointment_foreach(p, &upcoming, add_dash_appointment, &w)) < 0))
		return err;
	if ((err = add_list(doc, &w, "reminders")) < 0 ||
	    (err = portal_reminder_foreach(p, v->client_id, DUE_SOON_DAYS,
		add_dash_reminder, &w)) < 0)
		return err;
	if ((err = add_list(doc, &w, "open_jobs")) < 0 ||
	    (err = portal_job_foreach(p, v->client_id, add_dash_job, &w)) < 0)
		return err;
	if ((err = pt_view_add_visit_today(doc, p, v)) < 0 ||
	    (err = pt_notification_unread_for(&unread, p, v)) < 0)
		return err;
	return cJSON_AddNumberToObject(doc, "unread_notifications", (double)unread) ?
		PORTAL_OK : pt_oom(p);
}
