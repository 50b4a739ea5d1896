/* SPDX-License-Identifier: MIT */
/*
 * demo_money.c - the demo shop's money and visits, made through the
 * public API at the moments of each job's timeline, so that every status
 * the demo shows is one the library derived.
 */
#include "demo_money.h"
#include "local_days.h"

#include <stddef.h>

#define HOUR ((portal_time)3600)
#define DAY (24 * HOUR)

struct demo_line {
	portal_line_kind kind;
	const char *description;
	int64_t quantity;         /* thousandths; 0 for one */
	portal_money price;
};

struct demo_money {
	size_t job;               /* index into demo.c's jobs[] */
	/* The diagnosis visit's fee: charged when > 0, paid by this method
	 * (0: unpaid), this much (0: all of it). */
	int fee;
	portal_payment_method fee_paid_by;
	portal_money fee_paid;
	struct demo_line lines[3];
	int decline_last;         /* the customer declines the last line */
	int due_days;             /* days to pay its invoices; 0: on receipt */
	portal_payment_method paid_by;
};

/* Money at every stage: invoices paid, due, partly paid, overdue and
 * draft; one estimate valid, one expired, one partly approved. */
static const struct demo_money money[] = {
	{ 0, 1, PORTAL_PAY_CREDIT_CARD, 0,
	  { { PORTAL_LINE_LABOUR, "Replace start relay and overload", 1000, 9500 },
	    { PORTAL_LINE_PART, "Start relay and overload kit", 0, 4850 } },
	  0, 0, PORTAL_PAY_FINANCING },
	{ 1, 0, 0, 0,
	  { { PORTAL_LINE_LABOUR, "Replace front pads, resurface rotors", 2500, 11000 },
	    { PORTAL_LINE_PART, "Front brake pads, ceramic", 0, 8999 },
	    { PORTAL_LINE_DISCOUNT, "Loyalty discount", 0, 2000 } },
	  0, 0, PORTAL_PAY_DEBIT },
	{ 2, 1, PORTAL_PAY_CASH, 0,
	  { { PORTAL_LINE_LABOUR, "Clear drain line, replace drain pump", 1000, 9500 },
	    { PORTAL_LINE_PART, "Drain pump", 0, 12900 } },
	  0, 30, 0 },
	{ 3, 1, PORTAL_PAY_DEBIT, 0,
	  { { PORTAL_LINE_LABOUR, "Replace heating element and thermal fuse", 1500, 9500 },
	    { PORTAL_LINE_PART, "Heating element", 0, 7995 },
	    { PORTAL_LINE_PART, "Thermal fuse", 0, 1450 } },
	  0, 0, 0 },
	{ 4, 0, 0, 0,
	  { { PORTAL_LINE_LABOUR, "Replace ignition coil, cylinder 3", 1000, 11000 },
	    { PORTAL_LINE_PART, "Ignition coil", 0, 14500 } },
	  0, 0, 0 },
	{ 5, 1, 0, 0,
	  { { PORTAL_LINE_LABOUR, "Replace igniter switch and wiring", 1000, 9500 },
	    { PORTAL_LINE_PART, "Igniter switch", 0, 5800 } },
	  0, 0, 0 },
	{ 6, 1, PORTAL_PAY_ETRANSFER, 5000,
	  { { PORTAL_LINE_PART, "Freezer door gasket", 0, 8900 },
	    { PORTAL_LINE_LABOUR, "Fit door gasket", 1000, 9500 } },
	  0, 0, 0 },
	{ 7, 0, 0, 0,
	  { { PORTAL_LINE_LABOUR, "Replace A/C compressor clutch", 3000, 11000 },
	    { PORTAL_LINE_PART, "Compressor clutch kit", 0, 26500 },
	    { PORTAL_LINE_OTHER_FEE, "Refrigerant recharge", 0, 8900 } },
	  1, 0, 0 },
	{ 8, 1, 0, 0,
	  { { PORTAL_LINE_PART, "Oven temperature sensor", 0, 4200 },
	    { PORTAL_LINE_LABOUR, "Replace and calibrate sensor", 1000, 9500 } },
	  0, 14, 0 },
	{ 11, 0, 0, 0,
	  { { PORTAL_LINE_LABOUR, "Replace rear sway bar links", 1500, 11000 },
	    { PORTAL_LINE_PART, "Sway bar links, pair", 0, 7600 } },
	  0, 0, 0 },
};

#define MONEY_COUNT (sizeof(money) / sizeof(money[0]))

static const struct demo_money *money_of(size_t job)
{
	for (size_t i = 0; i < MONEY_COUNT; i++)
		if (money[i].job == job)
			return &money[i];
	return NULL;
}

static int pay(portal *p, portal_id invoice, portal_payment_method method,
	portal_money amount, portal_time at, const char *reference)
{
	portal_payment_fields f = PORTAL_PAYMENT_FIELDS_INIT;
	portal_invoice *inv = NULL;
	int err;

	if (amount == 0) {
		if ((err = portal_invoice_get(&inv, p, invoice)) < 0)
			return err;
		amount = inv->balance;
		portal_invoice_free(inv);
	}
	f.invoice_id = invoice;
	f.amount = amount;
	f.method = method;
	f.received_at = at;
	f.reference = reference;
	return portal_payment_add(NULL, p, &f);
}

/* The diagnosis visit: the service call fee, on its own invoice. */
static int charge_fee(portal *p, const pt_demo_ids *ids, const struct demo_money *m,
	portal_time at)
{
	portal_invoice_fields f = PORTAL_INVOICE_FIELDS_INIT;
	portal_line_fields lf = PORTAL_LINE_FIELDS_INIT;
	portal_id invoice;
	int err;

	f.client_id = ids->clients[m->job];
	f.job_id = ids->jobs[m->job];
	lf.kind = PORTAL_LINE_SERVICE_CALL_FEE;
	lf.description = "Service call: diagnosis visit";
	lf.unit_price = PORTAL_PRICE_SHOP_FEE;
	if ((err = portal_invoice_add(&invoice, p, &f)) < 0 ||
	    (err = portal_invoice_line_add(NULL, p, invoice, &lf)) < 0 ||
	    (err = portal_invoice_issue(p, invoice, at, m->due_days ? at + m->due_days * DAY : 0)) < 0)
		return err;
	if (m->fee_paid_by)
		err = pay(p, invoice, m->fee_paid_by, m->fee_paid, at, NULL);
	return err;
}

static int send_estimate(portal *p, const pt_demo_ids *ids, const struct demo_money *m,
	portal_time at)
{
	portal_estimate_fields f = PORTAL_ESTIMATE_FIELDS_INIT;
	portal_id id;
	int err;

	f.client_id = ids->clients[m->job];
	f.job_id = ids->jobs[m->job];
	if ((err = portal_estimate_add(&id, p, &f)) < 0)
		return err;
	for (size_t i = 0; i < 3 && m->lines[i].description && err == 0; i++) {
		portal_line_fields lf = PORTAL_LINE_FIELDS_INIT;
		lf.kind = m->lines[i].kind;
		lf.description = m->lines[i].description;
		lf.quantity = m->lines[i].quantity;
		lf.unit_price = m->lines[i].price;
		err = portal_estimate_line_add(NULL, p, id, &lf);
	}
	return err ? err : portal_estimate_send(p, id, at);
}

/* The job's estimate and draft invoice: the newest of each. */
static int first_estimate(const portal_estimate *e, void *ctx)
{
	*(portal_id *)ctx = e->id;
	return 1;
}

static int first_invoice(const portal_invoice *inv, void *ctx)
{
	*(portal_id *)ctx = inv->id;
	return 1;
}

static int approve(portal *p, const pt_demo_ids *ids, const struct demo_money *m)
{
	portal_estimate *e = NULL;
	portal_id id = 0;
	const char *name = ids->names[m->job];
	int err = portal_estimate_foreach(p, ids->clients[m->job], first_estimate, &id);

	if (err < 0 || (err = portal_estimate_get(&e, p, id)) < 0)
		return err < 0 ? err : PORTAL_OK;
	/* Customers answer within days: an old job's timeline is spread
	 * wider than an estimate stays valid. */
	if (portal_now(p) > e->issued_at + 2 * DAY)
		portal_set_now(p, e->issued_at + 2 * DAY);
	if (m->decline_last && e->line_count > 1)
		err = portal_estimate_decide(p, id, e->lines[e->line_count - 1].id,
			PORTAL_DECISION_DECLINED, name);
	if (err >= 0)
		err = portal_estimate_decide(p, id, 0, PORTAL_DECISION_APPROVED, name);
	portal_estimate_free(e);
	return err;
}

static int draft_invoice(portal_id *out, portal *p, const pt_demo_ids *ids, size_t job)
{
	portal_invoice_filter filter = { 0, 0, PORTAL_INVOICE_DRAFT };
	int err;

	filter.job_id = ids->jobs[job];
	*out = 0;
	err = portal_invoice_foreach(p, &filter, first_invoice, out);
	return err < 0 ? err : PORTAL_OK;
}

static int invoice_repair(portal *p, const pt_demo_ids *ids, const struct demo_money *m,
	portal_time at)
{
	portal_id id;
	int err;

	if ((err = draft_invoice(&id, p, ids, m->job)) < 0 || id == 0)
		return err;
	return portal_invoice_issue(p, id, at, m->due_days ? at + m->due_days * DAY : 0);
}

static int pay_repair(portal *p, const pt_demo_ids *ids, const struct demo_money *m,
	portal_time at)
{
	portal_invoice_filter filter = { 0, 0, 0 };
	portal_id id = 0;
	int err;

	filter.job_id = ids->jobs[m->job];
	if ((err = portal_invoice_foreach(p, &filter, first_invoice, &id)) < 0 || id == 0)
		return err < 0 ? err : PORTAL_OK;
	return pay(p, id, m->paid_by, 0, at, m->paid_by == PORTAL_PAY_FINANCING ?
		"Financing plan 2209-114" : NULL);
}

static int job_reached(int *out, portal *p, portal_id job, portal_job_status s)
{
	portal_job *j = NULL;
	int err = portal_job_get(&j, p, job);

	if (err == 0)
		*out = j->status == s;
	portal_job_free(j);
	return err;
}

int pt_demo_money_step(portal *p, const pt_demo_ids *ids, size_t job,
	portal_job_status s, portal_time at, int *advanced)
{
	const struct demo_money *m = money_of(job);
	int err = PORTAL_OK;

	*advanced = 0;
	if (m == NULL)
		return PORTAL_OK;
	switch (s) {
	case PORTAL_JOB_DIAGNOSED:
		if (m->fee)
			err = charge_fee(p, ids, m, at);
		return err;
	case PORTAL_JOB_ESTIMATE_SENT:
		err = send_estimate(p, ids, m, at);
		break;
	case PORTAL_JOB_APPROVED:
		err = approve(p, ids, m);
		break;
	case PORTAL_JOB_INVOICED:
		err = invoice_repair(p, ids, m, at);
		break;
	case PORTAL_JOB_PAID:
		if (m->paid_by)
			err = pay_repair(p, ids, m, at);
		break;
	default:
		return PORTAL_OK;
	}
	if (err == 0)
		err = job_reached(advanced, p, ids->jobs[job], s);
	return err;
}

/* --- after the timelines ------------------------------------------------ */

/* Local day `days` from the day of `now`, at `hour`:`minute`. */
static portal_time local_at(portal *p, portal_time now, int days, int hour, int minute)
{
	portal_time t = 0;
	int64_t day = 0;

	if (pt_local_day(&day, p, now) == 0)
		pt_local_day_begin(&t, p, day + days);
	return t + hour * HOUR + minute * 60;
}

static int visit(portal_id *out, portal *p, const pt_demo_ids *ids, size_t job,
	size_t tech, portal_time start, portal_time end, const char *notes)
{
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;

	f.client_id = ids->clients[job];
	f.job_id = ids->jobs[job];
	f.technician_id = ids->techs[tech];
	f.window_start = start;
	f.window_end = end;
	f.notes = notes;
	return portal_appointment_add(out, p, &f);
}

/* Visits: one today with its technician on the way, one tomorrow, one
 * completed, and one cancelled too late, which charged the fee. */
static int add_visits(portal *p, const pt_demo_ids *ids, portal_time now)
{
	portal_time today = local_at(p, now, 0, 13, 0), past;
	portal_id id;
	int err;

	/* Booked this morning, or now if the day is young; even when the
	 * demo is made after the window. */
	portal_set_now(p, now < today - 5 * HOUR ? now : today - 5 * HOUR);
	if ((err = visit(&id, p, ids, 4, 0, today, today + 2 * HOUR,
			"Ignition coil replacement at the customer's driveway")) < 0 ||
	    (err = portal_appointment_set_status(p, id, PORTAL_APPT_CONFIRMED, 0)) < 0 ||
	    (err = visit(NULL, p, ids, 5, 1, local_at(p, now, 1, 9, 0),
			local_at(p, now, 1, 12, 0), "Igniter switch arrived")) < 0)
		return err;
	/* Some of the demo's records change at their own times. */
	past = local_at(p, now, -11, 9, 0);
	portal_set_now(p, past - DAY);
	if ((err = visit(&id, p, ids, 3, 2, past, past + 3 * HOUR, NULL)) < 0)
		return err;
	portal_set_now(p, past + 2 * HOUR);
	if ((err = portal_appointment_set_status(p, id, PORTAL_APPT_COMPLETED, 0)) < 0)
		return err;
	past = local_at(p, now, -3, 10, 0);
	portal_set_now(p, past - 5 * DAY);
	if ((err = visit(&id, p, ids, 6, 1, past, past + 2 * HOUR,
			"Customer asked to rebook")) < 0)
		return err;
	/* Two hours before the window: inside the 12-hour notice. */
	portal_set_now(p, past - 2 * HOUR);
	err = portal_appointment_cancel(NULL, p, id);
	portal_set_now(p, now);
	return err;
}

static int inspect(portal *p, const pt_demo_ids *ids, size_t job, size_t tech,
	portal_time at, const char *summary, const portal_inspection_item_fields *items,
	size_t n)
{
	portal_inspection_fields f = PORTAL_INSPECTION_FIELDS_INIT;
	portal_id id;
	int err;

	f.job_id = ids->jobs[job];
	f.technician_id = ids->techs[tech];
	f.inspected_at = at;
	f.summary = summary;
	if ((err = portal_inspection_add(&id, p, &f)) < 0)
		return err;
	for (size_t i = 0; i < n && err == 0; i++)
		err = portal_inspection_item_add(NULL, p, id, &items[i]);
	return err;
}

static int add_inspections(portal *p, const pt_demo_ids *ids, portal_time now)
{
	static const portal_inspection_item_fields car[] = {
		{ PORTAL_INSPECTION_ITEM_FIELDS_VERSION, "Front tires", PORTAL_CONDITION_NEEDS_ATTENTION,
		  "3 mm tread left, even wear", "Replace front tires (pair)", 42000 },
		{ PORTAL_INSPECTION_ITEM_FIELDS_VERSION, "Wiper blades", PORTAL_CONDITION_URGENT,
		  "Streaking; rubber split on the driver's side", "Replace wiper blades", 4500 },
		{ PORTAL_INSPECTION_ITEM_FIELDS_VERSION, "Brakes", PORTAL_CONDITION_GOOD,
		  "Pads at 7 mm front and rear", NULL, -1 },
		{ PORTAL_INSPECTION_ITEM_FIELDS_VERSION, "Cabin air filter", PORTAL_CONDITION_GOOD,
		  NULL, NULL, -1 },
	};
	static const portal_inspection_item_fields fridge[] = {
		{ PORTAL_INSPECTION_ITEM_FIELDS_VERSION, "Condenser coil", PORTAL_CONDITION_NEEDS_ATTENTION,
		  "Dusty; cleaned during the visit", "Yearly coil cleaning", 6500 },
		{ PORTAL_INSPECTION_ITEM_FIELDS_VERSION, "Door gaskets", PORTAL_CONDITION_GOOD,
		  NULL, NULL, -1 },
		{ PORTAL_INSPECTION_ITEM_FIELDS_VERSION, "Temperatures", PORTAL_CONDITION_GOOD,
		  "Fridge 3 C, freezer -18 C", NULL, -1 },
	};
	int err;

	if ((err = inspect(p, ids, 9, 2, local_at(p, now, -3, 11, 30),
			"Annual service: two items to plan for.", car,
			sizeof(car) / sizeof(car[0]))) < 0)
		return err;
	return inspect(p, ids, 0, 0, local_at(p, now, -118, 10, 0),
		"Checked after the relay repair.", fridge, sizeof(fridge) / sizeof(fridge[0]));
}

static int remind(portal *p, portal_id asset, const char *what, int every,
	const char *due_on, const char *done_on)
{
	portal_reminder_fields f = PORTAL_REMINDER_FIELDS_INIT;
	portal_id id;
	int err;

	f.asset_id = asset;
	f.description = what;
	f.interval_days = every;
	f.due_on = due_on;
	if ((err = portal_reminder_add(&id, p, &f)) == 0 && done_on)
		err = portal_reminder_done(p, id, done_on);
	return err;
}

/* Reminders: one overdue, some due soon, some far off. */
static int add_reminders(portal *p, const pt_demo_ids *ids, portal_time now)
{
	char soon[11], overdue_done[11], done[11];
	int64_t today = 0;
	int err;

	if ((err = pt_local_day(&today, p, now)) < 0)
		return err;
	pt_day_format(soon, today + 12);
	pt_day_format(overdue_done, today - 372);
	pt_day_format(done, today - 150);
	if ((err = remind(p, ids->assets[0][0], "Clean the condenser coil", 365, NULL,
			overdue_done)) < 0 ||
	    (err = remind(p, ids->assets[1][0], "Oil and filter change", 180, NULL, done)) < 0 ||
	    (err = remind(p, ids->assets[3][0], "Clean the dryer vent", 365, soon, NULL)) < 0 ||
	    (err = remind(p, ids->assets[9][0], "Tire rotation", 240, NULL, NULL)) < 0)
		return err;
	return remind(p, ids->assets[11][0], "Winter tires on", 0, soon, NULL);
}

/* A fee invoice entered twice and voided; a repair partly paid before its
 * due day; a deposit left as account credit and partly refunded. */
static int add_corrections(portal *p, const pt_demo_ids *ids, portal_time now)
{
	portal_invoice_fields f = PORTAL_INVOICE_FIELDS_INIT;
	portal_line_fields lf = PORTAL_LINE_FIELDS_INIT;
	portal_payment_fields pf = PORTAL_PAYMENT_FIELDS_INIT;
	portal_id invoice, deposit;
	int err;

	f.client_id = ids->clients[2];
	f.job_id = ids->jobs[2];
	lf.kind = PORTAL_LINE_SERVICE_CALL_FEE;
	lf.unit_price = PORTAL_PRICE_SHOP_FEE;
	if ((err = portal_invoice_add(&invoice, p, &f)) < 0 ||
	    (err = portal_invoice_line_add(NULL, p, invoice, &lf)) < 0 ||
	    (err = portal_invoice_issue(p, invoice, 0, 0)) < 0 ||
	    (err = portal_invoice_void(p, invoice, "Entered twice")) < 0)
		return err;
	/* Half the dishwasher repair paid ahead of its due day. */
	{
		portal_invoice_filter due = { 0, 0, PORTAL_INVOICE_DUE };
		portal_id repair = 0;
		due.job_id = ids->jobs[2];
		if ((err = portal_invoice_foreach(p, &due, first_invoice, &repair)) < 0 ||
		    (repair && (err = pay(p, repair, PORTAL_PAY_ETRANSFER, 10000,
				local_at(p, now, -2, 19, 40), "e-Transfer CA8Z2Q")) < 0))
			return err;
	}
	pf.client_id = ids->clients[11];
	pf.amount = 10000;
	pf.method = PORTAL_PAY_CHEQUE;
	pf.received_at = local_at(p, now, -29, 15, 0);
	pf.reference = "Cheque 0412";
	if ((err = portal_payment_add(&deposit, p, &pf)) < 0)
		return err;
	return portal_payment_refund(NULL, p, deposit, 4000,
		"Repair cancelled: deposit returned, less the inspection", local_at(p, now, -1, 10, 0));
}

int pt_demo_extras(portal *p, const pt_demo_ids *ids, portal_time now)
{
	int err;

	portal_set_now(p, now);
	if ((err = add_visits(p, ids, now)) < 0 || (err = add_inspections(p, ids, now)) < 0 ||
	    (err = add_reminders(p, ids, now)) < 0)
		return err;
	return add_corrections(p, ids, now);
}
