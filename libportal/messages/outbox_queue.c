/* SPDX-License-Identifier: MIT */
/*
 * outbox_queue.c - the words of each message the shop sends, and the
 * choice of email or SMS for each client.
 *
 * Visits (on the way, tomorrow's reminder) are timely: SMS first when the
 * client agreed to it, else email. Documents and answers (estimate,
 * invoice, chat reply) are read at leisure: email first, else SMS. An
 * access link goes the way the shop asked, or not at all.
 */
#include "outbox_queue.h"
#include "local_days.h"
#include "settings.h"
#include "store.h"
#include "store_outbox.h"
#include "link_mint.h"
#include "tz.h"
#include "civil_words.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What every message says about the shop. */
typedef struct shop_words {
	char *name;
	char *phone;     /* as people read it: "866-415-3937" */
	char *url;       /* the portal's address */
} shop_words;

static void shop_words_free(shop_words *w)
{
	free(w->name);
	free(w->phone);
	free(w->url);
}

static int shop_words_load(shop_words *w, portal *p)
{
	int err;

	memset(w, 0, sizeof(*w));
	if ((err = pt_setting_text(&w->name, p, "name")) < 0 ||
	    (err = pt_setting_text(&w->phone, p, "phone")) < 0 ||
	    (err = pt_setting_text(&w->url, p, "portal_url")) < 0) {
		shop_words_free(w);
		return err;
	}
	pt_phone_for_people(w->phone);
	return PORTAL_OK;
}

const char *pt_outbox_unreachable(portal *p, const portal_client *c, const char *channel)
{
	const char *why = NULL;
	char *setting = NULL;

	if (strcmp(channel, "email") == 0) {
		if (c->email[0] == '\0')
			return "has no email address";
		if (pt_setting_text(&setting, p, "email") < 0 || setting[0] == '\0')
			why = "cannot get email: the shop's email is not set (portal shop set email)";
	} else if (strcmp(channel, "sms") == 0) {
		if (c->phone[0] == '\0')
			return "has no phone number";
		if (!c->sms_consent)
			return "has not agreed to SMS";
		if (pt_setting_text(&setting, p, "sms_gateway_command") < 0 || setting[0] == '\0')
			why = "cannot get SMS: no SMS gateway is set (sms_gateway_command)";
	} else {
		return "cannot be reached that way: use email or sms";
	}
	free(setting);
	return why;
}

int pt_outbox_can_reach(portal *p, portal_id client_id, const char *channel)
{
	portal_client *c = NULL;
	const char *why;
	int err;

	if ((err = pt_store_client_get(&c, p, client_id)) < 0)
		return err;
	why = pt_outbox_unreachable(p, c, channel ? channel : "");
	err = why ? pt_error(p, PORTAL_ERULE, NULL, "client #%lld %s", (long long)client_id, why)
		: PORTAL_OK;
	portal_client_free(c);
	return err;
}

/* `first` if it reaches the client, else `second`, else NULL. */
static const char *pick_channel(portal *p, const portal_client *c, const char *first,
	const char *second)
{
	if (pt_outbox_unreachable(p, c, first) == NULL)
		return first;
	if (second && pt_outbox_unreachable(p, c, second) == NULL)
		return second;
	return NULL;
}

/* Fill the draft's addressing for client `c` on `channel`. */
static void address_draft(pt_outbox_draft *d, const portal_client *c, const char *channel)
{
	d->client_id = c->id;
	d->channel = channel;
	d->to_name = c->name;
	d->recipient = strcmp(channel, "sms") == 0 ? c->phone : c->email;
}

static int is_sms(const pt_outbox_draft *d)
{
	return strcmp(d->channel, "sms") == 0;
}

/* The greeting and the signature of an email around its words. */
static int email_open(portal_buf *b, const portal_client *c)
{
	return pt_buf_printf(b, "Hello %s,\n\n", c->name);
}

static int email_close(portal_buf *b, const shop_words *w)
{
	return pt_buf_printf(b, "\n\n%s%s%s\n", w->name, w->phone[0] ? "\n" : "", w->phone);
}

/* Free a buffer that may hold a link's token, wiped first. */
static void wipe(portal_buf *b)
{
	if (b->ptr != NULL)
		sodium_memzero(b->ptr, b->size);
	portal_buf_dispose(b);
}

/*
 * The address a message to client `c` points at, into `url`: a new secure
 * link limited to job `job_id` (0: the whole client) that opens page
 * `landing` ("estimate/E1009", "tracking"), so that every message is a
 * way in, even for a customer without an invoice. It is made as the
 * message is rendered, in the same transaction; the outbox keeps its
 * token only until the message is delivered (deliver.c). A client whose
 * access is off is pointed at the portal's front door.
 */
static int message_url(portal_buf *url, portal *p, const portal_client *c,
	portal_id job_id, const char *landing)
{
	portal_link l;
	portal_id id = 0;
	char *base = NULL;
	int err;

	/* A quiet handle (an import, the demo) queues nothing: no link. */
	if (!c->portal_enabled || p->quiet) {
		if ((err = pt_portal_base(&base, p)) < 0)
			return err;
		err = pt_buf_printf(url, "%s/", base);
		free(base);
		return err < 0 ? pt_oom(p) : PORTAL_OK;
	}
	memset(&l, 0, sizeof(l));
	l.client_id = c->id;
	l.job_id = job_id;
	l.created_at = portal_now(p);
	return pt_link_mint(url, &id, p, &l, 0, landing);
}

/* A document's number as a path segment of the portal, or NULL when it
 * holds a character that would need escaping there. */
static const char *number_segment(const char *number)
{
	size_t n = strspn(number, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789-_");

	return n > 0 && number[n] == '\0' ? number : NULL;
}

/* Queue the draft whose words are in `text`, then free them. */
static int queue_text(portal *p, pt_outbox_draft *d, portal_buf *text, int err)
{
	if (err == 0 && text->ptr == NULL)
		err = PORTAL_ENOMEM;
	if (err == PORTAL_ENOMEM)
		err = pt_oom(p);
	if (err == 0) {
		d->text = text->ptr;
		err = pt_outbox_queue(NULL, p, d);
	}
	wipe(text);
	return err;
}

/* ---- access link ---------------------------------------------------------- */

int pt_outbox_access_link(portal *p, portal_id client_id, const char *url,
	portal_time expires_at, const char *channel)
{
	pt_outbox_draft d = { 0 };
	portal_buf text = PORTAL_BUF_INIT;
	portal_client *c = NULL;
	char until[PORTAL_TIME_STRLEN], subject[300];
	shop_words w;
	int err;

	if ((err = pt_store_client_get(&c, p, client_id)) < 0)
		return err;
	if (channel == NULL || pt_outbox_unreachable(p, c, channel) != NULL ||
	    (err = shop_words_load(&w, p)) < 0) {
		portal_client_free(c);
		return err;
	}
	address_draft(&d, c, channel);
	d.kind = "access_link";
	pt_time_words(until, sizeof(until), p, expires_at, PORTAL_WORDS_DAY_TIME, PT_WORDS_NOW);
	if (is_sms(&d)) {
		err = pt_buf_printf(&text, "%s: your portal link %s works until %s. "
			"Reply STOP to opt out.", w.name, url, until);
	} else {
		snprintf(subject, sizeof(subject), "Your link to the %s portal", w.name);
		d.subject = subject;
		if ((err = email_open(&text, c)) == 0)
			err = pt_buf_printf(&text, "Here is your link to your portal at %s, where "
				"you can follow your repairs, visits, estimates and invoices:\n\n%s\n\n"
				"It works until %s. Anyone who has this link can open your portal, "
				"so please keep it to yourself.", w.name, url, until);
		if (err == 0)
			err = email_close(&text, &w);
	}
	err = queue_text(p, &d, &text, err);
	shop_words_free(&w);
	portal_client_free(c);
	return err;
}

/* ---- visits ------------------------------------------------------------------ */

/* A visit with everything its messages mention, and the message being
 * written about it (visit_message_open()). */
typedef struct visit {
	const portal_appointment *a;
	portal_client *c;
	char address[300];
	char tech[64];          /* the technician's first name; "" for none */
	char window[120];
	shop_words w;
	portal_buf link;        /* the way in the message carries */
	pt_outbox_draft d;
} visit;

static void visit_free(visit *v)
{
	wipe(&v->link);
	shop_words_free(&v->w);
	portal_client_free(v->c);
}

/* What the messages of visit `a` mention besides `a` itself, which the
 * caller keeps. */
static int visit_load(visit *v, portal *p, const portal_appointment *a)
{
	portal_address *addr = NULL;
	portal_tech *t = NULL;
	portal_buf line = PORTAL_BUF_INIT;
	int err;

	memset(v, 0, sizeof(*v));
	v->a = a;
	if ((err = pt_store_client_get(&v->c, p, a->client_id)) < 0 ||
	    (err = pt_window_words(v->window, sizeof(v->window), p, v->a->window_start,
		v->a->window_end, PT_WORDS_NOW)) < 0)
		return err;
	if (v->a->address_id && pt_store_address_get(&addr, p, v->a->address_id) == 0 &&
	    portal_address_format(&line, addr) == 0 && line.ptr)
		snprintf(v->address, sizeof(v->address), "%s", line.ptr);
	portal_buf_dispose(&line);
	portal_address_free(addr);
	/* The customer knows the technician by first name only. */
	if (v->a->technician_id && pt_store_tech_get(&t, p, v->a->technician_id) == 0)
		snprintf(v->tech, sizeof(v->tech), "%.*s", (int)strcspn(t->name, " "), t->name);
	portal_tech_free(t);
	return PORTAL_OK;
}

/*
 * The start of every message about visit `a`: the visit, the client's
 * channel (a text first), the shop's words, and a link that opens `page`,
 * with the draft addressed as `kind`. 1 when the client can be reached on
 * no channel, so there is nothing to send; 0; or an error. Either way
 * visit_message_close() ends it.
 */
static int visit_message_open(visit *v, portal *p, const portal_appointment *a,
	const char *page, const char *kind)
{
	const char *channel;
	int err;

	if ((err = visit_load(v, p, a)) < 0)
		return err;
	if ((channel = pick_channel(p, v->c, "sms", "email")) == NULL)
		return 1;
	if ((err = shop_words_load(&v->w, p)) < 0 ||
	    (err = message_url(&v->link, p, v->c, a->job_id, page)) < 0)
		return err;
	address_draft(&v->d, v->c, channel);
	v->d.kind = kind;
	v->d.subject_id = a->id;
	return 0;
}

/* Queue the message `text` unless `err`, and free what the visit held. */
static int visit_message_close(visit *v, portal *p, portal_buf *text, int err)
{
	err = err == 1 ? 0 : queue_text(p, &v->d, text, err);
	visit_free(v);
	return err;
}

int pt_outbox_on_my_way(portal *p, const portal_appointment *a)
{
	portal_buf text = PORTAL_BUF_INIT;
	const char *who;
	visit v;
	int err;

	if ((err = visit_message_open(&v, p, a, "tracking", "on_my_way")) != 0)
		return visit_message_close(&v, p, &text, err);
	v.d.subject = "Your technician is on the way";
	who = v.tech[0] ? v.tech : "Your technician";
	if (is_sms(&v.d)) {
		err = pt_buf_printf(&text, "%s: %s is on the way to you. Door code %s: the "
			"technician will say it at your door. Follow them: %s Questions: %s",
			v.w.name, who, v.a->door_code, v.link.ptr, v.w.phone);
	} else if ((err = email_open(&text, v.c)) == 0) {
		err = pt_buf_printf(&text, "%s from %s is on the way to %s for your visit of "
			"%s.\n\nYour door code is %s: the technician will say it at your door, "
			"so you know who is there.\n\nFollow your technician on the way:\n\n%s",
			who, v.w.name, v.address[0] ? v.address : "you", v.window, v.a->door_code,
			v.link.ptr);
		if (err == 0)
			err = email_close(&text, &v.w);
	}
	return visit_message_close(&v, p, &text, err);
}

void pt_booking_number(char *buf, size_t len, const portal_appointment *a)
{
	if (a->job_id)
		snprintf(buf, len, "J%lld", (long long)a->job_id);
	else
		snprintf(buf, len, "V%lld", (long long)a->id);
}

int pt_outbox_booked(portal *p, const portal_appointment *a)
{
	portal_buf text = PORTAL_BUF_INIT;
	char number[32], subject[200];
	visit v;
	int err;

	if ((err = visit_message_open(&v, p, a, "appointments", "appointment_booked")) != 0)
		return visit_message_close(&v, p, &text, err);
	pt_booking_number(number, sizeof(number), a);
	snprintf(subject, sizeof(subject), "Your visit is booked: %s", v.window);
	v.d.subject = subject;
	if (is_sms(&v.d)) {
		err = pt_buf_printf(&text, "%s: your visit is booked for %s. Booking number %s. "
			"Your portal: %s Reply STOP to opt out.", v.w.name, v.window, number,
			v.link.ptr);
	} else if ((err = email_open(&text, v.c)) == 0) {
		err = pt_buf_printf(&text, "Your visit from %s is booked for %s%s%s.\n\n"
			"Your booking number is %s: with your house number it opens your portal "
			"on our site. This link opens it directly:\n\n%s", v.w.name, v.window,
			v.address[0] ? ", at " : "", v.address, number, v.link.ptr);
		if (err == 0)
			err = email_close(&text, &v.w);
	}
	return visit_message_close(&v, p, &text, err);
}

int pt_outbox_reminder(portal *p, const portal_appointment *a)
{
	portal_buf text = PORTAL_BUF_INIT;
	char free_until[PORTAL_TIME_STRLEN], fee[PORTAL_MONEY_STRLEN], subject[200];
	int64_t notice, fee_cents;
	visit v;
	int err;

	if ((err = visit_message_open(&v, p, a, "appointments", "appointment_reminder")) != 0 ||
	    (err = pt_setting_int(&notice, p, "cancellation_notice_hours")) < 0 ||
	    (err = pt_setting_int(&fee_cents, p, "late_cancellation_fee")) < 0)
		return visit_message_close(&v, p, &text, err);
	pt_time_words(free_until, sizeof(free_until), p, v.a->window_start - notice * 3600,
		PORTAL_WORDS_DAY_TIME, PT_WORDS_NOW);
	portal_shop_money_format(fee, p, fee_cents);
	snprintf(subject, sizeof(subject), "Reminder: your visit tomorrow, %s", v.window);
	v.d.subject = subject;
	if (is_sms(&v.d)) {
		err = pt_buf_printf(&text, "%s: reminder of your visit tomorrow, %s. Free "
			"cancellation until %s, later %s. Details: %s Questions: %s. Reply STOP "
			"to opt out.", v.w.name, v.window, free_until, fee, v.link.ptr, v.w.phone);
	} else if ((err = email_open(&text, v.c)) == 0) {
		err = pt_buf_printf(&text, "This is a reminder of your visit from %s tomorrow, "
			"%s%s%s.\n\nYou can cancel for free until %s; after that a late "
			"cancellation fee of %s applies. Your portal has the details: %s",
			v.w.name, v.window, v.address[0] ? ", at " : "", v.address, free_until, fee,
			v.link.ptr);
		if (err == 0)
			err = email_close(&text, &v.w);
	}
	return visit_message_close(&v, p, &text, err);
}

/* ---- documents and answers ---------------------------------------------------- */

int pt_outbox_estimate_ready(portal *p, const portal_estimate *e)
{
	pt_outbox_draft d = { 0 };
	portal_buf text = PORTAL_BUF_INIT, link = PORTAL_BUF_INIT;
	portal_client *c = NULL;
	char total[PORTAL_MONEY_STRLEN], until[PORTAL_TIME_STRLEN], subject[300], landing[64];
	const char *channel;
	shop_words w;
	int err;

	if ((err = pt_store_client_get(&c, p, e->client_id)) < 0 ||
	    (channel = pick_channel(p, c, "email", "sms")) == NULL ||
	    (err = shop_words_load(&w, p)) < 0)
		goto out;
	snprintf(landing, sizeof(landing), "estimate/%s", number_segment(e->number) ?
		e->number : "");
	if ((err = message_url(&link, p, c, e->job_id, number_segment(e->number) ? landing :
			"estimates")) < 0)
		goto words;
	portal_shop_money_format(total, p, e->totals.total);
	/* valid_until is the first instant it has expired. */
	pt_time_words(until, sizeof(until), p, e->valid_until - 1, PORTAL_WORDS_DAY,
		PT_WORDS_NOW);
	address_draft(&d, c, channel);
	d.kind = "estimate_ready";
	d.subject_id = e->id;
	snprintf(subject, sizeof(subject), "Estimate %s from %s", e->number, w.name);
	d.subject = subject;
	if (is_sms(&d)) {
		err = pt_buf_printf(&text, "%s: your estimate %s (%s) is ready; approve or "
			"decline it by %s in your portal: %s Reply STOP to opt out.", w.name,
			e->number, total, until, link.ptr);
	} else if ((err = email_open(&text, c)) == 0) {
		err = pt_buf_printf(&text, "Your estimate %s is ready: %s, tax included.\n\n"
			"You can read it and approve or decline it in your portal until %s:\n\n%s",
			e->number, total, until, link.ptr);
		if (err == 0)
			err = email_close(&text, &w);
	}
	err = queue_text(p, &d, &text, err);
words:
	wipe(&link);
	shop_words_free(&w);
out:
	portal_client_free(c);
	return err;
}

int pt_outbox_invoice_ready(portal *p, const portal_invoice *inv)
{
	pt_outbox_draft d = { 0 };
	portal_buf text = PORTAL_BUF_INIT, link = PORTAL_BUF_INIT;
	portal_client *c = NULL;
	char total[PORTAL_MONEY_STRLEN], due[PORTAL_TIME_STRLEN], subject[300], landing[64];
	const char *channel;
	shop_words w;
	int err;

	if ((err = pt_store_client_get(&c, p, inv->client_id)) < 0 ||
	    (channel = pick_channel(p, c, "email", "sms")) == NULL ||
	    (err = shop_words_load(&w, p)) < 0)
		goto out;
	snprintf(landing, sizeof(landing), "invoice/%s", number_segment(inv->number) ?
		inv->number : "");
	if ((err = message_url(&link, p, c, inv->job_id, number_segment(inv->number) ?
			landing : "invoices")) < 0)
		goto words;
	portal_shop_money_format(total, p, inv->totals.total);
	pt_time_words(due, sizeof(due), p, inv->due_at, PORTAL_WORDS_DAY, PT_WORDS_NOW);
	address_draft(&d, c, channel);
	d.kind = "invoice_ready";
	d.subject_id = inv->id;
	snprintf(subject, sizeof(subject), "Invoice %s from %s", inv->number, w.name);
	d.subject = subject;
	if (is_sms(&d)) {
		err = pt_buf_printf(&text, "%s: your invoice %s (%s, due %s) is in your "
			"portal: %s Reply STOP to opt out.", w.name, inv->number, total, due,
			link.ptr);
	} else if ((err = email_open(&text, c)) == 0) {
		err = pt_buf_printf(&text, "Your invoice %s is ready: %s, due %s.\n\n"
			"You can see it and download it as a PDF in your portal:\n\n%s",
			inv->number, total, due, link.ptr);
		if (err == 0)
			err = email_close(&text, &w);
	}
	err = queue_text(p, &d, &text, err);
words:
	wipe(&link);
	shop_words_free(&w);
out:
	portal_client_free(c);
	return err;
}

int pt_outbox_chat_reply(portal *p, portal_id client_id, portal_id message_id)
{
	pt_outbox_draft d = { 0 };
	portal_buf text = PORTAL_BUF_INIT, link = PORTAL_BUF_INIT;
	portal_client *c = NULL;
	char *body = NULL, subject[300];
	const char *channel;
	shop_words w;
	int err;

	if ((err = pt_store_client_get(&c, p, client_id)) < 0 ||
	    (err = pt_store_chat_body(&body, p, client_id, message_id)) < 0 ||
	    (channel = pick_channel(p, c, "email", "sms")) == NULL ||
	    (err = shop_words_load(&w, p)) < 0)
		goto out;
	if ((err = message_url(&link, p, c, 0, "chat")) < 0)
		goto words;
	address_draft(&d, c, channel);
	d.kind = "chat_reply";
	d.subject_id = message_id;
	snprintf(subject, sizeof(subject), "%s answered your message", w.name);
	d.subject = subject;
	if (is_sms(&d)) {
		err = pt_buf_printf(&text, "%s: %s\nAnswer in your portal: %s", w.name, body,
			link.ptr);
	} else if ((err = email_open(&text, c)) == 0) {
		err = pt_buf_printf(&text, "%s answered your message in the portal:\n\n%s\n\n"
			"To answer, open your portal: %s", w.name, body, link.ptr);
		if (err == 0)
			err = email_close(&text, &w);
	}
	err = queue_text(p, &d, &text, err);
words:
	wipe(&link);
	shop_words_free(&w);
out:
	free(body);
	portal_client_free(c);
	return err;
}
