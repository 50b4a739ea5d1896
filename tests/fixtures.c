/* SPDX-License-Identifier: MIT */
/*
 * fixtures.c - the records every unit test builds its shop from: a client
 * with an address and an asset, a job, a booked visit, estimates and
 * invoices with their lines, payments, reminders, a session, the demo
 * shop. Each is written once, here, and takes as parameters the values
 * the tests vary, leaving every other field at the library's default, so
 * that a test shows only the data its case depends on and a change to how
 * a record is added is made in one place.
 */
#include "fixtures.h"
#include "helpers.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

portal *th_open_demo(void)
{
	portal *p = th_open();
	int rc = portal_demo_fill(p);

	if (rc != PORTAL_OK)
		fail_msg("portal_demo_fill: %d (%s)", rc, portal_errmsg(p));
	return p;
}

/* ---------------------------------------------------------------------
 * Clients.
 */

portal_id th_add_client(portal *p, const char *name)
{
	return th_add_reachable_client(p, name, NULL, NULL, PORTAL_UNCHANGED);
}

portal_id th_add_reachable_client(portal *p, const char *name, const char *email,
	const char *phone, int sms_consent)
{
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	portal_id id = 0;
	int rc;

	f.name = name;
	f.email = email;
	f.phone = phone;
	f.sms_consent = sms_consent;
	if ((rc = portal_client_add(&id, p, &f)) != PORTAL_OK)
		fail_msg("adding client %s: %d (%s)", name, rc, portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

portal_session th_session_for(portal_id client, portal_id job)
{
	portal_session s;

	memset(&s, 0, sizeof(s));
	s.id = 1;
	s.client_id = client;
	s.job_id = job;
	s.sections = PORTAL_SECTIONS_ALL;
	snprintf(s.source, sizeof(s.source), "%s", "203.0.113.9");
	return s;
}

/* ---------------------------------------------------------------------
 * What a client owns.
 */

/* The fields of `house` `street` in Toronto, in `region` unless NULL. */
static portal_address_fields in_toronto(const char *house, const char *street,
	const char *region)
{
	portal_address_fields f = PORTAL_ADDRESS_FIELDS_INIT;

	f.house_number = house;
	f.street = street;
	f.city = "Toronto";
	f.region = region;
	return f;
}

portal_id th_add_address(portal *p, portal_id client, const char *house, const char *street,
	const char *region)
{
	portal_address_fields f = in_toronto(house, street, region);

	return th_add_address_fields(p, client, &f);
}

portal_id th_add_located_address(portal *p, portal_id client, const char *house,
	const char *street, double latitude, double longitude)
{
	portal_address_fields f = in_toronto(house, street, NULL);

	f.has_location = 1;
	f.latitude = latitude;
	f.longitude = longitude;
	return th_add_address_fields(p, client, &f);
}

portal_id th_add_address_fields(portal *p, portal_id client, const portal_address_fields *f)
{
	portal_id id = 0;
	int rc;

	if ((rc = portal_address_add(&id, p, client, f)) != PORTAL_OK)
		fail_msg("adding address %s %s: %d (%s)",
			f->house_number ? f->house_number : "NULL", f->street ? f->street : "NULL",
			rc, portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

portal_id th_add_asset(portal *p, portal_id client, portal_asset_kind kind,
	const char *category, const char *make, const char *model)
{
	portal_asset_fields f = PORTAL_ASSET_FIELDS_INIT;
	portal_id id = 0;
	int rc;

	f.kind = kind;
	f.category = category;
	f.make = make;
	f.model = model;
	if ((rc = portal_asset_add(&id, p, client, &f)) != PORTAL_OK)
		fail_msg("adding asset %s: %d (%s)", category ? category : "NULL", rc,
			portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

portal_id th_add_reminder(portal *p, portal_id asset, const char *description,
	int interval_days, const char *due_on)
{
	portal_reminder_fields f = PORTAL_REMINDER_FIELDS_INIT;
	portal_id id = 0;
	int rc;

	f.asset_id = asset;
	f.description = description;
	f.interval_days = interval_days;
	f.due_on = due_on;
	if ((rc = portal_reminder_add(&id, p, &f)) != PORTAL_OK)
		fail_msg("adding reminder \"%s\": %d (%s)", description ? description : "NULL",
			rc, portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

/* ---------------------------------------------------------------------
 * Work.
 */

portal_id th_add_job(portal *p, portal_id client, portal_id asset, portal_id address,
	const char *problem, portal_time booked_at)
{
	portal_job_fields f = PORTAL_JOB_FIELDS_INIT;
	portal_id id = 0;
	int rc;

	f.client_id = client;
	f.asset_id = asset;
	f.address_id = address;
	f.problem = problem;
	f.booked_at = booked_at;
	if ((rc = portal_job_add(&id, p, &f)) != PORTAL_OK)
		fail_msg("booking job \"%s\": %d (%s)", problem ? problem : "NULL", rc,
			portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

portal_id th_add_visit(portal *p, const portal_appointment_fields *f)
{
	portal_id id = 0;
	int rc;

	if ((rc = portal_appointment_add(&id, p, f)) != PORTAL_OK)
		fail_msg("booking a visit from %lld to %lld: %d (%s)", (long long)f->window_start,
			(long long)f->window_end, rc, portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

portal_id th_book_visit(portal *p, portal_id client, const char *start, const char *end)
{
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
	portal_id id = 0;
	int rc;

	f.client_id = client;
	f.window_start = th_at(p, start);
	f.window_end = th_at(p, end);
	if ((rc = portal_appointment_add(&id, p, &f)) != PORTAL_OK)
		fail_msg("booking %s..%s: %d (%s)", start, end, rc, portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

/* ---------------------------------------------------------------------
 * Money.
 */

portal_id th_add_estimate(portal *p, portal_id client, portal_id job)
{
	portal_estimate_fields f = PORTAL_ESTIMATE_FIELDS_INIT;
	portal_id id = 0;
	int rc;

	f.client_id = client;
	f.job_id = job;
	if ((rc = portal_estimate_add(&id, p, &f)) != PORTAL_OK)
		fail_msg("adding an estimate: %d (%s)", rc, portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

portal_id th_add_estimate_line(portal *p, portal_id estimate, portal_line_kind kind,
	const char *description, portal_money price)
{
	portal_line_fields f = PORTAL_LINE_FIELDS_INIT;
	portal_id id = 0;
	int rc;

	f.kind = kind;
	f.description = description;
	f.unit_price = price;
	if ((rc = portal_estimate_line_add(&id, p, estimate, &f)) != PORTAL_OK)
		fail_msg("adding line \"%s\" to estimate %lld: %d (%s)",
			description ? description : "NULL", (long long)estimate, rc,
			portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

void th_send_estimate(portal *p, portal_id estimate, portal_time sent_at)
{
	int rc = portal_estimate_send(p, estimate, sent_at);

	if (rc != PORTAL_OK)
		fail_msg("sending estimate %lld: %d (%s)", (long long)estimate, rc,
			portal_errmsg(p));
}

portal_id th_add_invoice(portal *p, portal_id client, portal_id job, const char *number)
{
	portal_invoice_fields f = PORTAL_INVOICE_FIELDS_INIT;
	portal_id id = 0;
	int rc;

	f.client_id = client;
	f.job_id = job;
	f.number = number;
	if ((rc = portal_invoice_add(&id, p, &f)) != PORTAL_OK)
		fail_msg("adding invoice %s: %d (%s)", number ? number : "(next)", rc,
			portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

portal_id th_add_invoice_line(portal *p, portal_id invoice, portal_line_kind kind,
	const char *description, portal_money price, int taxable)
{
	portal_line_fields f = PORTAL_LINE_FIELDS_INIT;
	portal_id id = 0;
	int rc;

	f.kind = kind;
	f.description = description;
	f.unit_price = price;
	f.taxable = taxable;
	if ((rc = portal_invoice_line_add(&id, p, invoice, &f)) != PORTAL_OK)
		fail_msg("adding a line to invoice %lld: %d (%s)", (long long)invoice,
			rc, portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

void th_issue_invoice(portal *p, portal_id invoice, portal_time issued_at, portal_time due_at)
{
	int rc = portal_invoice_issue(p, invoice, issued_at, due_at);

	if (rc != PORTAL_OK)
		fail_msg("issuing invoice %lld: %d (%s)", (long long)invoice, rc, portal_errmsg(p));
}

portal_id th_add_payment(portal *p, portal_id client, portal_id invoice, portal_money amount,
	portal_payment_method method, portal_time received_at)
{
	portal_payment_fields f = PORTAL_PAYMENT_FIELDS_INIT;
	portal_id id = 0;
	int rc;

	f.client_id = client;
	f.invoice_id = invoice;
	f.amount = amount;
	f.method = method;
	f.received_at = received_at;
	if ((rc = portal_payment_add(&id, p, &f)) != PORTAL_OK)
		fail_msg("paying %lld cents: %d (%s)", (long long)amount, rc, portal_errmsg(p));
	assert_true(id > 0);
	return id;
}
