/* SPDX-License-Identifier: MIT */
/*
 * record_free.c - freeing every record the library hands out.
 *
 * The store builds records and every layer above it frees them, so their
 * free functions live below both: a record's shape is all they need.
 * Each accepts NULL.
 */
#include "record.h"

#include <sodium.h>
#include <stdlib.h>

void portal_address_free(portal_address *a)
{
	if (a == NULL)
		return;
	free(a->house_number);
	free(a->unit);
	free(a->street);
	free(a->city);
	free(a->region);
	free(a->postal_code);
	free(a->country);
	free(a);
}

void portal_appointment_free(portal_appointment *a)
{
	if (a == NULL)
		return;
	free(a->door_code);
	free(a->notes);
	free(a);
}

void portal_asset_free(portal_asset *a)
{
	if (a == NULL)
		return;
	free(a->category);
	free(a->make);
	free(a->model);
	free(a->serial);
	free(a->vin);
	free(a->acquired_on);
	free(a->notes);
	free(a);
}

void portal_client_free(portal_client *c)
{
	if (c == NULL)
		return;
	free(c->name);
	free(c->email);
	free(c->phone);
	free(c->notes);
	free(c);
}

void portal_estimate_free(portal_estimate *e)
{
	if (e == NULL)
		return;
	portal_lines_free(e->lines, e->line_count);
	free(e->number);
	free(e->notes);
	free(e);
}

void pt_inspection_item_clear(portal_inspection_item *it)
{
	free(it->item);
	free(it->note);
	free(it->recommendation);
}

void pt_inspection_item_free(portal_inspection_item *it)
{
	if (it == NULL)
		return;
	pt_inspection_item_clear(it);
	free(it);
}

void portal_inspection_free(portal_inspection *in)
{
	if (in == NULL)
		return;
	for (size_t i = 0; i < in->item_count; i++)
		pt_inspection_item_clear(&in->items[i]);
	free(in->items);
	free(in->summary);
	free(in);
}

void portal_invoice_free(portal_invoice *inv)
{
	if (inv == NULL)
		return;
	portal_lines_free(inv->lines, inv->line_count);
	free(inv->number);
	free(inv->notes);
	free(inv->void_reason);
	free(inv);
}

void portal_job_free(portal_job *j)
{
	if (j == NULL)
		return;
	for (size_t i = 0; i < j->event_count; i++)
		free(j->events[i].note);
	free(j->events);
	free(j->problem);
	free(j);
}

void portal_lines_free(portal_line *lines, size_t n)
{
	if (lines == NULL)
		return;
	for (size_t i = 0; i < n; i++) {
		free(lines[i].description);
		free(lines[i].decided_by);
	}
	free(lines);
}

void portal_outbox_message_free(portal_outbox_message *m)
{
	if (m == NULL)
		return;
	free(m->channel);
	free(m->kind);
	free(m->recipient);
	free(m->message);
	free(m->last_error);
	free(m);
}

void portal_payment_free(portal_payment *pay)
{
	if (pay == NULL)
		return;
	free(pay->invoice_number);
	free(pay->reference);
	free(pay->reason);
	free(pay);
}

void portal_reminder_free(portal_reminder *r)
{
	if (r == NULL)
		return;
	free(r->asset_label);
	free(r->description);
	free(r->due_on);
	free(r->last_done_on);
	free(r);
}

void portal_request_free(portal_request *r)
{
	if (r == NULL)
		return;
	free(r->resolution);
	free(r->summary);
	free(r->content);
	free(r);
}

void portal_session_free(portal_session *s)
{
	if (s == NULL)
		return;
	sodium_memzero(s, sizeof(*s));
	free(s);
}

void portal_tech_free(portal_tech *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->phone);
	free(t);
}
