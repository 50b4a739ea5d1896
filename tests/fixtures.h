/* SPDX-License-Identifier: MIT */
/*
 * fixtures.h - the records the unit tests build their shops from: clients,
 * their addresses and assets, jobs, booked visits, estimates, invoices and
 * their lines, payments, reminders, a session of a client and the demo
 * shop. Each test states only the values its case depends on; every
 * other field keeps the library's default.
 *
 * Every function here fails the test, with the library's message, when
 * the library refuses the record: a fixture that could not be built would
 * only make the test fail later, somewhere less clear. Ids of new records
 * are checked to be positive.
 */
#ifndef PORTAL_TEST_FIXTURES_H
#define PORTAL_TEST_FIXTURES_H

#include <portal.h>

/* The demo shop (portal_demo_fill()) on a fresh th_open() database. */
portal *th_open_demo(void);

/* ---------------------------------------------------------------------
 * Clients.
 */

/* A client with only a name. */
portal_id th_add_client(portal *p, const char *name);

/* A client who can be reached: `email` and `phone` NULL when none,
 * `sms_consent` 1 or 0, or PORTAL_UNCHANGED to say nothing of it. */
portal_id th_add_reachable_client(portal *p, const char *name, const char *email,
	const char *phone, int sms_consent);

/* A session of `client` (limited to `job` unless 0) seeing every
 * section, from address 203.0.113.9, built by hand: the customer
 * functions trust the session they are given. */
portal_session th_session_for(portal_id client, portal_id job);

/* ---------------------------------------------------------------------
 * What a client owns.
 */

/* A service address `house` `street` in Toronto, in `region` unless NULL. */
portal_id th_add_address(portal *p, portal_id client, const char *house, const char *street,
	const char *region);

/* A service address `house` `street` in Toronto at (latitude, longitude),
 * for the tests that measure distances from it. */
portal_id th_add_located_address(portal *p, portal_id client, const char *house,
	const char *street, double latitude, double longitude);

/* A service address with every field as given, for the tests that need a
 * unit or a postal code. */
portal_id th_add_address_fields(portal *p, portal_id client, const portal_address_fields *f);

/* An asset of `kind`; `make` and `model` NULL when unknown. */
portal_id th_add_asset(portal *p, portal_id client, portal_asset_kind kind,
	const char *category, const char *make, const char *model);

/* A reminder on `asset`, due every `interval_days` (0: no interval)
 * and on the shop date `due_on` (NULL: no set date). */
portal_id th_add_reminder(portal *p, portal_id asset, const char *description,
	int interval_days, const char *due_on);

/* ---------------------------------------------------------------------
 * Work.
 */

/* A job of `client` on `asset` at `address` (each 0: none), booked at
 * `booked_at` (0: now). */
portal_id th_add_job(portal *p, portal_id client, portal_id asset, portal_id address,
	const char *problem, portal_time booked_at);

/* A visit booked with every field as given. */
portal_id th_add_visit(portal *p, const portal_appointment_fields *f);

/* A visit of `client` for the window [start, end), typed in shop time as
 * people type them ("2026-11-23 08:00"): no job, address or technician. */
portal_id th_book_visit(portal *p, portal_id client, const char *start, const char *end);

/* ---------------------------------------------------------------------
 * Money.
 */

/* A draft estimate of `client`, on `job` unless 0, without lines. */
portal_id th_add_estimate(portal *p, portal_id client, portal_id job);

/* A line of `kind` at `price` cents, quantity 1, taxable by its kind;
 * `description` NULL takes the kind's label. */
portal_id th_add_estimate_line(portal *p, portal_id estimate, portal_line_kind kind,
	const char *description, portal_money price);

/* Send `estimate` at `sent_at` (0: now). */
void th_send_estimate(portal *p, portal_id estimate, portal_time sent_at);

/* A draft invoice of `client`, on `job` unless 0, numbered `number`
 * (NULL: the next free number), without lines. */
portal_id th_add_invoice(portal *p, portal_id client, portal_id job, const char *number);

/* A line of `kind` at `price` cents, quantity 1; `description` NULL takes
 * the kind's label; `taxable` 1, 0, or -1 by its kind. */
portal_id th_add_invoice_line(portal *p, portal_id invoice, portal_line_kind kind,
	const char *description, portal_money price, int taxable);

/* Issue `invoice` at `issued_at` (0: now), due at `due_at` (0: on receipt). */
void th_issue_invoice(portal *p, portal_id invoice, portal_time issued_at, portal_time due_at);

/* A payment of `amount` cents by `method`, received at `received_at` (0:
 * now): on `invoice`, or account credit of `client` when `invoice` is 0.
 * `client` may be 0 on an invoice, which names its client. */
portal_id th_add_payment(portal *p, portal_id client, portal_id invoice, portal_money amount,
	portal_payment_method method, portal_time received_at);

#endif
