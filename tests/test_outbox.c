/* SPDX-License-Identifier: MIT */
/*
 * test_outbox.c - unit tests of the outbox: messages rendered and queued
 * (outbox.c, outbox_queue.c), delivered through real programs (deliver.c).
 *
 * Every test runs on a fresh shop in America/Toronto at TH_NOW (Sunday
 * 2026-11-22 10:00 EST). Delivery goes through two small shell scripts
 * written into the test's temporary directory: a sendmail that appends
 * its arguments and its input to files, and an SMS gateway that does the
 * same, or exits 1 while a file named "gateway.fail" exists. Nothing
 * leaves the machine.
 *
 * Clients: Ann (email, phone, agreed to SMS), Bob (email only), Carol
 * (phone, no SMS consent), Dan (no contact at all).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "helpers.h"
#include "fixtures.h"
#include "outbox_queue.h"

#define MINUTE ((portal_time)60)
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

static struct {
	char dir[128];
	portal_id ann, bob, carol, dan;
	portal_id ann_home;
} fx;

/* ---------------------------------------------------------------------
 * Fixtures.
 */

static const char *in_dir(const char *name)
{
	static char path[4][256];
	static int slot;
	char *s = path[slot++ % 4];

	snprintf(s, 256, "%s/%s", fx.dir, name);
	return s;
}

static void write_script(const char *name, const char *body)
{
	const char *path = in_dir(name);

	th_write_file(path, body, strlen(body));
	assert_int_equal(chmod(path, 0755), 0);
}

static void set(portal *p, const char *key, const char *value)
{
	if (portal_shop_set(p, key, value) != PORTAL_OK)
		fail_msg("shop set %s: %s", key, portal_errmsg(p));
}

static int setup(void **state)
{
	portal *p = th_open();
	char script[1024], command[300];

	memset(&fx, 0, sizeof(fx));
	snprintf(fx.dir, sizeof(fx.dir), "%s", th_tempdir());
	snprintf(script, sizeof(script),
		"#!/bin/sh\n"
		"printf '%%s\\n' \"$*\" >> '%s/sendmail.args'\n"
		"cat >> '%s/sendmail.out'\n", fx.dir, fx.dir);
	write_script("sendmail", script);
	snprintf(script, sizeof(script),
		"#!/bin/sh\n"
		"if [ -e '%s/gateway.fail' ]; then echo 'gateway down: try later' >&2; exit 1; fi\n"
		"printf '%%s|' \"$@\" >> '%s/sms.out'\n"
		"cat >> '%s/sms.out'\n"
		"printf '\\n' >> '%s/sms.out'\n", fx.dir, fx.dir, fx.dir, fx.dir);
	write_script("gateway", script);

	set(p, "name", "Réparations Zoë");
	set(p, "email", "shop@fixit.example");
	set(p, "phone", "866-415-3937");
	set(p, "sendmail_path", in_dir("sendmail"));
	/* Split on spaces: the gateway gets --sender shop, then the number. */
	snprintf(command, sizeof(command), "%s --sender shop", in_dir("gateway"));
	set(p, "sms_gateway_command", command);

	fx.ann = th_add_reachable_client(p, "Ann Lee", "ann@example.com", "416-555-0199", 1);
	fx.bob = th_add_reachable_client(p, "Bob Stone", "bob@example.com", NULL, PORTAL_UNCHANGED);
	fx.carol = th_add_reachable_client(p, "Carol Diaz", NULL, "416-555-0111", 0);
	fx.dan = th_add_reachable_client(p, "Dan Wu", NULL, NULL, PORTAL_UNCHANGED);
	fx.ann_home = th_add_address(p, fx.ann, "120", "King St W", NULL);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

/* ---------------------------------------------------------------------
 * Helpers.
 */

typedef struct collected {
	int n;
	portal_id ids[32];
} collected;

static int collect(const portal_outbox_message *m, void *ctx)
{
	collected *c = ctx;

	if (c->n < 32)
		c->ids[c->n] = m->id;
	c->n++;
	return 0;
}

static int count(portal *p, portal_outbox_filter filter)
{
	collected c = { 0, { 0 } };

	assert_int_equal(portal_outbox_foreach(p, filter, collect, &c), PORTAL_OK);
	return c.n;
}

/* The newest message; the caller frees it. */
static portal_outbox_message *newest(portal *p)
{
	collected c = { 0, { 0 } };
	portal_outbox_message *m = NULL;

	assert_int_equal(portal_outbox_foreach(p, PORTAL_OUTBOX_ALL, collect, &c), PORTAL_OK);
	assert_true(c.n > 0);
	assert_int_equal(portal_outbox_get(&m, p, c.ids[0]), PORTAL_OK);
	return m;
}

/* The oldest message; the caller frees it. */
static portal_outbox_message *oldest(portal *p)
{
	collected c = { 0, { 0 } };
	portal_outbox_message *m = NULL;

	assert_int_equal(portal_outbox_foreach(p, PORTAL_OUTBOX_ALL, collect, &c), PORTAL_OK);
	assert_true(c.n > 0);
	assert_int_equal(portal_outbox_get(&m, p, c.ids[c.n - 1]), PORTAL_OK);
	return m;
}

/* Forget the booking confirmations that booking the visits of a test
 * queued: their own test is test_outbox__booking_confirms_with_a_link. */
static void forget_bookings(void)
{
	th_sql_exec("DELETE FROM outbox WHERE kind = 'appointment_booked'");
}

static portal_outbox_message *get(portal *p, portal_id id)
{
	portal_outbox_message *m = NULL;

	assert_int_equal(portal_outbox_get(&m, p, id), PORTAL_OK);
	return m;
}

static portal_outbox_report deliver(portal *p)
{
	portal_outbox_report r;

	if (portal_outbox_deliver(&r, p) != PORTAL_OK)
		fail_msg("deliver: %s", portal_errmsg(p));
	return r;
}

static void check_report(portal_outbox_report r, int delivered, int failed, int held,
	int skipped)
{
	if (r.delivered != delivered || r.failed != failed || r.held != held ||
	    r.skipped != skipped)
		fail_msg("report: delivered %d failed %d held %d skipped %d; expected %d %d %d %d",
			r.delivered, r.failed, r.held, r.skipped, delivered, failed, held, skipped);
}

/* The content of a file of the test directory, "" when missing. */
static char *slurp(const char *name)
{
	size_t len = 0;
	unsigned char *data = th_read_file(in_dir(name), &len);
	char *s = calloc(1, len + 1);

	assert_non_null(s);
	if (data)
		memcpy(s, data, len);
	free(data);
	return s;
}

static int occurrences(const char *haystack, const char *needle)
{
	int n = 0;

	for (const char *q = haystack; (q = strstr(q, needle)) != NULL; q += strlen(needle))
		n++;
	return n;
}

/* Every line ends with CRLF and holds at most 998 octets, whole UTF-8
 * characters only. */
static void check_crlf_lines(const char *what, const char *s)
{
	size_t line = 0;

	for (size_t i = 0; s[i]; i++) {
		if (s[i] == '\n') {
			if (i == 0 || s[i - 1] != '\r')
				fail_msg("%s: a line ends with a bare LF at %zu", what, i);
			line = 0;
			continue;
		}
		if (s[i] == '\r' && s[i + 1] != '\n')
			fail_msg("%s: a bare CR at %zu", what, i);
		if (++line > 999)
			fail_msg("%s: a line over 998 octets", what);
		if (line == 1 && ((unsigned char)s[i] & 0xC0) == 0x80)
			fail_msg("%s: a line starts inside a UTF-8 character", what);
	}
}

/* ---------------------------------------------------------------------
 * Rendering and queueing.
 */

static void test_outbox__email_is_a_whole_rfc5322_message(void **state)
{
	portal *p = *state;
	portal_outbox_report r;
	char *mail, *args;

	assert_int_equal(pt_outbox_access_link(p, fx.ann, "https://portal.example/k/abc",
		TH_NOW + 21 * DAY, "email"), PORTAL_OK);
	r = deliver(p);
	check_report(r, 1, 0, 0, 0);
	mail = slurp("sendmail.out");
	args = slurp("sendmail.args");
	assert_string_equal(args, "-t -i\n");
	check_crlf_lines("email", mail);
	/* The shop's name is not ASCII: an encoded-word, in UTF-8. */
	assert_non_null(strstr(mail, "From: =?UTF-8?B?UsOpcGFyYXRpb25zIFpvw6s=?= "
		"<shop@fixit.example>\r\n"));
	assert_non_null(strstr(mail, "To: Ann Lee <ann@example.com>\r\n"));
	assert_non_null(strstr(mail, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(mail, "Date: Sun, 22 Nov 2026 10:00:00 -0500\r\n"));
	assert_non_null(strstr(mail, "@fixit.example>\r\n"));
	assert_non_null(strstr(mail, "\r\nMessage-ID: <"));
	assert_non_null(strstr(mail, "MIME-Version: 1.0\r\n"));
	assert_non_null(strstr(mail, "Content-Type: text/plain; charset=UTF-8\r\n"));
	assert_non_null(strstr(mail, "Content-Transfer-Encoding: 8bit\r\n"));
	/* Headers end with an empty line; the body is in plain words. */
	assert_non_null(strstr(mail, "\r\n\r\nHello Ann Lee,\r\n"));
	assert_non_null(strstr(mail, "https://portal.example/k/abc\r\n"));
	assert_non_null(strstr(mail, "Sun 13 Dec, 10:00 am"));
	free(mail);
	free(args);
}

static void test_outbox__ascii_subject_stays_readable_and_message_ids_differ(void **state)
{
	portal *p = *state;
	portal_outbox_message *a, *b;
	const char *ida, *idb;

	set(p, "name", "Fix-It Appliance Repair");
	assert_int_equal(pt_outbox_access_link(p, fx.bob, "https://x.example/k/1", TH_NOW + DAY,
		"email"), PORTAL_OK);
	a = newest(p);
	assert_int_equal(pt_outbox_access_link(p, fx.bob, "https://x.example/k/2", TH_NOW + DAY,
		"email"), PORTAL_OK);
	b = newest(p);
	assert_non_null(strstr(a->message,
		"From: Fix-It Appliance Repair <shop@fixit.example>\r\n"));
	assert_non_null(strstr(a->message,
		"Subject: Your link to the Fix-It Appliance Repair portal\r\n"));
	ida = strstr(a->message, "Message-ID: ");
	idb = strstr(b->message, "Message-ID: ");
	assert_non_null(ida);
	assert_non_null(idb);
	assert_true(strncmp(ida, idb, strcspn(ida, "\r")) != 0);
	portal_outbox_message_free(a);
	portal_outbox_message_free(b);
}

static void test_outbox__sms_link_only_with_consent(void **state)
{
	portal *p = *state;
	portal_outbox_message *m;

	/* Carol has a phone but never agreed; Dan has nothing; neither is an
	 * error for the queue, but the shop's check says why. */
	assert_int_equal(pt_outbox_access_link(p, fx.carol, "https://x/k/1", TH_NOW + DAY, "sms"),
		PORTAL_OK);
	assert_int_equal(pt_outbox_access_link(p, fx.dan, "https://x/k/1", TH_NOW + DAY, "email"),
		PORTAL_OK);
	assert_int_equal(count(p, PORTAL_OUTBOX_ALL), 0);
	assert_int_equal(pt_outbox_can_reach(p, fx.carol, "sms"), PORTAL_ERULE);
	assert_non_null(strstr(portal_errmsg(p), "has not agreed to SMS"));
	assert_int_equal(pt_outbox_can_reach(p, fx.dan, "email"), PORTAL_ERULE);
	assert_int_equal(pt_outbox_can_reach(p, fx.ann, "sms"), PORTAL_OK);
	assert_int_equal(pt_outbox_can_reach(p, 999, "sms"), PORTAL_ENOTFOUND);

	assert_int_equal(pt_outbox_access_link(p, fx.ann, "https://x/k/2", TH_NOW + DAY, "sms"),
		PORTAL_OK);
	m = newest(p);
	assert_string_equal(m->channel, "sms");
	assert_string_equal(m->recipient, "+14165550199");
	assert_string_equal(m->kind, "access_link");
	/* "ë" is not in the GSM alphabet: UCS-2, and over 70 characters. */
	assert_int_equal(m->segments, 2);
	assert_non_null(strstr(m->message, "https://x/k/2"));
	assert_int_equal(m->not_before, TH_NOW);
	portal_outbox_message_free(m);
}

/* The outbox is handed the records it writes about, as the rules hand
 * it theirs; these read them by id for the tests. */
static int on_my_way(portal *p, portal_id visit)
{
	portal_appointment *a = NULL;
	int err = portal_appointment_get(&a, p, visit);

	if (err == 0)
		err = pt_outbox_on_my_way(p, a);
	portal_appointment_free(a);
	return err;
}

static int invoice_ready(portal *p, portal_id id)
{
	portal_invoice *inv = NULL;
	int err = portal_invoice_get(&inv, p, id);

	if (err == 0)
		err = pt_outbox_invoice_ready(p, inv);
	portal_invoice_free(inv);
	return err;
}

static void test_outbox__no_gateway_no_sms(void **state)
{
	portal *p = *state;
	portal_id visit = th_book_visit(p, fx.ann, "2026-11-22 10:00", "2026-11-22 12:00");
	portal_outbox_message *m;

	set(p, "sms_gateway_command", "");
	assert_int_equal(on_my_way(p, visit), PORTAL_OK);
	m = newest(p);
	assert_string_equal(m->channel, "email");
	portal_outbox_message_free(m);
}

static void test_outbox__on_my_way_by_sms_else_email(void **state)
{
	portal *p = *state;
	portal_id ann_visit = th_book_visit(p, fx.ann, "2026-11-22 10:00", "2026-11-22 12:00");
	portal_id bob_visit = th_book_visit(p, fx.bob, "2026-11-22 13:00", "2026-11-22 15:00");
	portal_id dan_visit = th_book_visit(p, fx.dan, "2026-11-22 13:00", "2026-11-22 15:00");
	portal_appointment *a = NULL;
	portal_outbox_message *m;
	portal_id tech;

	forget_bookings();
	assert_int_equal(portal_tech_add(&tech, p, "Sam Okafor", "416-555-0177"), PORTAL_OK);
	assert_int_equal(portal_appointment_assign(p, ann_visit, tech), PORTAL_OK);
	assert_int_equal(portal_appointment_get(&a, p, ann_visit), PORTAL_OK);

	assert_int_equal(on_my_way(p, ann_visit), PORTAL_OK);
	m = newest(p);
	assert_string_equal(m->channel, "sms");
	assert_string_equal(m->kind, "on_my_way");
	assert_int_equal(m->subject_id, ann_visit);
	/* First name and door code; never the technician's own number. */
	assert_non_null(strstr(m->message, "Sam is on the way"));
	assert_null(strstr(m->message, "Okafor"));
	assert_null(strstr(m->message, "0177"));
	assert_non_null(strstr(m->message, a->door_code));
	assert_non_null(strstr(m->message, "866-415-3937"));
	portal_outbox_message_free(m);
	portal_appointment_free(a);

	assert_int_equal(on_my_way(p, bob_visit), PORTAL_OK);
	m = newest(p);
	assert_string_equal(m->channel, "email");
	assert_string_equal(m->recipient, "bob@example.com");
	assert_non_null(strstr(m->message, "Subject: Your technician is on the way\r\n"));
	portal_outbox_message_free(m);

	assert_int_equal(on_my_way(p, dan_visit), PORTAL_OK);
	assert_int_equal(count(p, PORTAL_OUTBOX_ALL), 2);
	assert_int_equal(on_my_way(p, 999), PORTAL_ENOTFOUND);
}

static portal_id sent_estimate(portal *p, portal_id client)
{
	portal_id id = th_add_estimate(p, client, 0);

	th_add_estimate_line(p, id, PORTAL_LINE_LABOUR, "Replace the heating element", 12000);
	th_send_estimate(p, id, 0);
	return id;
}

static void test_outbox__estimate_and_invoice_ready_by_email_else_sms(void **state)
{
	portal *p = *state;
	portal_outbox_message *m;
	portal_id est, inv;

	/* Sending the estimate queued its message. */
	est = sent_estimate(p, fx.ann);
	assert_int_equal(count(p, PORTAL_OUTBOX_ALL), 1);
	m = newest(p);
	assert_int_equal(m->subject_id, est);
	assert_string_equal(m->channel, "email");
	assert_string_equal(m->kind, "estimate_ready");
	assert_non_null(strstr(m->message, "E1001"));
	assert_non_null(strstr(m->message, "$135.60"));
	assert_non_null(strstr(m->message, "Sun 29 Nov"));
	portal_outbox_message_free(m);

	inv = th_add_invoice(p, fx.carol, 0, NULL);
	th_add_invoice_line(p, inv, PORTAL_LINE_LABOUR, NULL, 6000, -1);
	th_issue_invoice(p, inv, 0, 0);
	/* Carol has no email and no consent: nothing. With consent: SMS. */
	assert_int_equal(invoice_ready(p, inv), PORTAL_OK);
	assert_int_equal(count(p, PORTAL_OUTBOX_ALL), 1);
	{
		portal_client_fields cf = PORTAL_CLIENT_FIELDS_INIT;
		cf.sms_consent = 1;
		assert_int_equal(portal_client_update(p, fx.carol, &cf), PORTAL_OK);
	}
	assert_int_equal(invoice_ready(p, inv), PORTAL_OK);
	m = newest(p);
	assert_string_equal(m->channel, "sms");
	assert_string_equal(m->kind, "invoice_ready");
	assert_non_null(strstr(m->message, "$67.80"));
	portal_outbox_message_free(m);
}

/* A chat message of the shop, written as the chat module will. */
static portal_id add_chat(portal *p, portal_id client, const char *body)
{
	(void)p;
	return th_sql_bind("INSERT INTO chat_messages (client_id, at, from_shop, body)"
		" VALUES (?1, ?2, 1, ?3) RETURNING id", "iit", (int64_t)client, (int64_t)TH_NOW,
		body);
}

static void test_outbox__chat_reply_carries_the_answer_in_lines_of_998_octets(void **state)
{
	portal *p = *state;
	portal_outbox_message *m;
	char body[3200];
	portal_id msg;
	size_t n = 0;

	/* 1500 "é" without a space: the line must break between characters. */
	for (int i = 0; i < 1500; i++) {
		body[n++] = (char)0xC3;
		body[n++] = (char)0xA9;
	}
	body[n] = '\0';
	msg = add_chat(p, fx.bob, body);
	assert_int_equal(pt_outbox_chat_reply(p, fx.bob, msg), PORTAL_OK);
	m = newest(p);
	assert_string_equal(m->kind, "chat_reply");
	check_crlf_lines("chat reply", m->message);
	portal_outbox_message_free(m);

	msg = add_chat(p, fx.ann, "Yes, Tuesday works; the part arrived.");
	assert_int_equal(pt_outbox_chat_reply(p, fx.ann, msg), PORTAL_OK);
	m = newest(p);
	assert_string_equal(m->channel, "email");
	assert_non_null(strstr(m->message, "Yes, Tuesday works; the part arrived.\r\n"));
	portal_outbox_message_free(m);
	/* Another client's message is not found. */
	assert_int_equal(pt_outbox_chat_reply(p, fx.bob, msg), PORTAL_ENOTFOUND);
}

/* ---------------------------------------------------------------------
 * Delivery.
 */

static void test_outbox__sms_goes_to_the_gateway_with_the_number_last(void **state)
{
	portal *p = *state;
	char *sent;

	assert_int_equal(pt_outbox_access_link(p, fx.ann, "https://x/k/9", TH_NOW + DAY, "sms"),
		PORTAL_OK);
	check_report(deliver(p), 1, 0, 0, 0);
	sent = slurp("sms.out");
	assert_true(strncmp(sent, "--sender|shop|+14165550199|Réparations Zoë: your portal "
		"link https://x/k/9", 70) == 0);
	free(sent);
}

static void test_outbox__failing_gateway_is_retried_with_backoff_then_marked_once(void **state)
{
	portal *p = *state;
	portal_outbox_message *m;
	portal_id id;
	char *sent;

	assert_int_equal(pt_outbox_access_link(p, fx.ann, "https://x/k/1", TH_NOW + DAY, "sms"),
		PORTAL_OK);
	m = newest(p);
	id = m->id;
	portal_outbox_message_free(m);
	th_write_file(in_dir("gateway.fail"), "", 0);

	check_report(deliver(p), 0, 1, 0, 0);
	m = get(p, id);
	assert_int_equal(m->status, PORTAL_OUTBOX_PENDING);
	assert_int_equal(m->attempts, 1);
	assert_non_null(strstr(m->last_error, "exited with status 1: gateway down: try later"));
	assert_int_equal(m->not_before, TH_NOW + 5 * MINUTE);
	portal_outbox_message_free(m);

	/* Not due yet: nothing is tried. */
	check_report(deliver(p), 0, 0, 0, 0);
	/* Due again: the wait doubles, 5, 10, 20 minutes. */
	portal_set_now(p, TH_NOW + 5 * MINUTE);
	check_report(deliver(p), 0, 1, 0, 0);
	m = get(p, id);
	assert_int_equal(m->attempts, 2);
	assert_int_equal(m->not_before, TH_NOW + 15 * MINUTE);
	portal_outbox_message_free(m);
	portal_set_now(p, TH_NOW + 15 * MINUTE);
	check_report(deliver(p), 0, 1, 0, 0);
	m = get(p, id);
	assert_int_equal(m->not_before, TH_NOW + 35 * MINUTE);
	portal_outbox_message_free(m);

	unlink(in_dir("gateway.fail"));
	portal_set_now(p, TH_NOW + 35 * MINUTE);
	check_report(deliver(p), 1, 0, 0, 0);
	m = get(p, id);
	assert_int_equal(m->status, PORTAL_OUTBOX_DELIVERED);
	assert_int_equal(m->delivered_at, TH_NOW + 35 * MINUTE);
	assert_int_equal(m->attempts, 3);
	portal_outbox_message_free(m);
	/* Marked once: later runs send nothing. */
	portal_set_now(p, TH_NOW + 2 * DAY);
	check_report(deliver(p), 0, 0, 0, 0);
	sent = slurp("sms.out");
	assert_int_equal(occurrences(sent, "https://x/k/1"), 1);
	free(sent);
}

static void test_outbox__backoff_is_capped_and_failures_are_kept(void **state)
{
	portal *p = *state;
	portal_outbox_message *m;
	portal_time now = TH_NOW;
	portal_id id;

	set(p, "outbox_max_attempts", "4");
	set(p, "outbox_retry_max_minutes", "12");
	set(p, "sendmail_path", in_dir("no-such-sendmail"));
	assert_int_equal(pt_outbox_access_link(p, fx.bob, "https://x/k/1", TH_NOW + DAY, "email"),
		PORTAL_OK);
	m = newest(p);
	id = m->id;
	portal_outbox_message_free(m);
	for (int i = 1; i <= 4; i++) {
		check_report(deliver(p), 0, 1, 0, 0);
		m = get(p, id);
		assert_int_equal(m->attempts, i);
		/* 5, 10, then 12 (the cap) minutes. */
		assert_int_equal(m->not_before - now, (i == 1 ? 5 : i == 2 ? 10 : 12) * MINUTE);
		assert_int_equal(m->status, i < 4 ? PORTAL_OUTBOX_PENDING : PORTAL_OUTBOX_FAILED);
		assert_non_null(strstr(m->last_error, "no-such-sendmail exited with status 127"));
		now = m->not_before;
		portal_outbox_message_free(m);
		portal_set_now(p, now);
	}
	/* Failed for good: kept, listed, never tried again. */
	portal_set_now(p, now + DAY);
	check_report(deliver(p), 0, 0, 0, 0);
	assert_int_equal(count(p, PORTAL_OUTBOX_ONLY_FAILED), 1);
	assert_int_equal(count(p, PORTAL_OUTBOX_ONLY_PENDING), 0);
	assert_int_equal(count(p, PORTAL_OUTBOX_ALL), 1);
}

static void test_outbox__sms_to_a_client_who_opted_out_is_skipped(void **state)
{
	portal *p = *state;
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	portal_outbox_message *m;
	char *sent;

	assert_int_equal(pt_outbox_access_link(p, fx.ann, "https://x/k/1", TH_NOW + DAY, "sms"),
		PORTAL_OK);
	f.sms_consent = 0;
	assert_int_equal(portal_client_update(p, fx.ann, &f), PORTAL_OK);
	check_report(deliver(p), 0, 0, 0, 1);
	m = newest(p);
	assert_int_equal(m->status, PORTAL_OUTBOX_SKIPPED);
	assert_string_equal(m->last_error, "the client withdrew SMS consent");
	assert_int_equal(m->delivered_at, 0);
	portal_outbox_message_free(m);
	sent = slurp("sms.out");
	assert_string_equal(sent, "");
	free(sent);
	assert_int_equal(count(p, PORTAL_OUTBOX_ONLY_FAILED), 1);
	check_report(deliver(p), 0, 0, 0, 0);
}

static void test_outbox__quiet_hours_hold_sms_until_eight(void **state)
{
	portal *p = *state;
	portal_id visit = th_book_visit(p, fx.ann, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_outbox_message *m;

	forget_bookings();
	/* Queued at 22:30: held until 08:00 the next morning. */
	portal_set_now(p, th_at(p, "2026-11-22 22:30"));
	assert_int_equal(pt_outbox_access_link(p, fx.ann, "https://x/k/1", TH_NOW + DAY, "sms"),
		PORTAL_OK);
	m = newest(p);
	assert_int_equal(m->not_before, th_at(p, "2026-11-23 08:00"));
	portal_outbox_message_free(m);
	check_report(deliver(p), 0, 0, 0, 0);
	/* Email is not held. */
	assert_int_equal(pt_outbox_access_link(p, fx.bob, "https://x/k/2", TH_NOW + DAY, "email"),
		PORTAL_OK);
	check_report(deliver(p), 1, 0, 0, 0);
	portal_set_now(p, th_at(p, "2026-11-23 07:59"));
	check_report(deliver(p), 0, 0, 0, 0);
	portal_set_now(p, th_at(p, "2026-11-23 08:00"));
	check_report(deliver(p), 1, 0, 0, 0);

	/* Queued at 20:50, due, but delivery runs at 21:10: held then. */
	portal_set_now(p, th_at(p, "2026-11-23 20:50"));
	assert_int_equal(on_my_way(p, visit), PORTAL_OK);
	m = newest(p);
	assert_int_equal(m->not_before, th_at(p, "2026-11-23 20:50"));
	portal_outbox_message_free(m);
	portal_set_now(p, th_at(p, "2026-11-23 21:10"));
	check_report(deliver(p), 0, 0, 1, 0);
	m = newest(p);
	assert_int_equal(m->not_before, th_at(p, "2026-11-24 08:00"));
	assert_int_equal(m->attempts, 0);
	portal_outbox_message_free(m);
}

/* ---------------------------------------------------------------------
 * Reminders.
 */

static void test_outbox__reminders_for_tomorrows_visits_once(void **state)
{
	portal *p = *state;
	portal_id ann = th_book_visit(p, fx.ann, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_id bob = th_book_visit(p, fx.bob, "2026-11-23 23:00", "2026-11-24 01:00");
	portal_id cancelled = th_book_visit(p, fx.bob, "2026-11-23 13:00", "2026-11-23 15:00");
	portal_outbox_message *m;
	int queued = -1;

	th_book_visit(p, fx.ann, "2026-11-22 13:00", "2026-11-22 15:00");    /* today */
	th_book_visit(p, fx.ann, "2026-11-24 08:00", "2026-11-24 12:00");    /* the day after */
	th_book_visit(p, fx.dan, "2026-11-23 08:00", "2026-11-23 12:00");    /* no contact */
	assert_int_equal(portal_appointment_cancel(NULL, p, cancelled), PORTAL_OK);
	forget_bookings();

	assert_int_equal(portal_outbox_queue_reminders(&queued, p), PORTAL_OK);
	assert_int_equal(queued, 2);
	assert_int_equal(count(p, PORTAL_OUTBOX_ALL), 2);
	assert_int_equal(portal_outbox_queue_reminders(&queued, p), PORTAL_OK);
	assert_int_equal(queued, 0);
	portal_set_now(p, TH_NOW + 6 * HOUR);
	assert_int_equal(portal_outbox_queue_reminders(NULL, p), PORTAL_OK);
	assert_int_equal(count(p, PORTAL_OUTBOX_ALL), 2);

	m = newest(p);
	assert_int_equal(m->subject_id, bob);
	assert_string_equal(m->channel, "email");
	assert_non_null(strstr(m->message, "Mon 23 Nov, 11:00 pm \xe2\x80\x93 Tue 24 Nov, 1:00 am"));
	assert_non_null(strstr(m->message, "$60.00"));
	portal_outbox_message_free(m);
	m = oldest(p);
	assert_int_equal(m->subject_id, ann);
	assert_string_equal(m->channel, "sms");
	assert_string_equal(m->kind, "appointment_reminder");
	assert_non_null(strstr(m->message, "until Sun 22 Nov, 8:00 pm"));
	portal_outbox_message_free(m);
}

/* ---------------------------------------------------------------------
 * Every message is a way in.
 */

/* The newest message of `kind`: its link must be "/k/TOKEN/" + `landing`,
 * open a session of `client` limited to `job`, and expire when the shop's
 * link_days (5 here) say. */
static void check_way_in(portal *p, const char *kind, portal_id client, portal_id job,
	const char *landing)
{
	portal_outbox_message *m = newest(p);
	char token[PORTAL_TOKEN_LEN + 1];
	portal_session *s = NULL;
	portal_time expires;
	const char *k;

	assert_string_equal(m->kind, kind);
	if ((k = strstr(m->message, "http://localhost:8080/k/")) == NULL)
		fail_msg("%s carries no link: %s", kind, m->message);
	k += strlen("http://localhost:8080/k/");
	snprintf(token, sizeof(token), "%s", k);
	if (strncmp(k + PORTAL_TOKEN_LEN, landing, strlen(landing)) != 0)
		fail_msg("%s: the link opens %.30s, not %s", kind, k + PORTAL_TOKEN_LEN, landing);
	portal_outbox_message_free(m);
	/* Only its keyed hash is stored. */
	assert_int_equal(th_sql_int("SELECT count(*) FROM access_links WHERE id = "
		"(SELECT max(id) FROM access_links) AND length(token_hash) = 32", 0), 1);
	expires = th_sql_int("SELECT expires_at FROM access_links WHERE id = "
		"(SELECT max(id) FROM access_links)", 0);
	assert_int_equal(expires, th_at(p, "2026-11-28 00:00"));
	if (portal_link_open(&s, p, token, "203.0.113.7") != PORTAL_OK)
		fail_msg("%s: the link does not open: %s", kind, portal_errmsg(p));
	assert_int_equal(s->client_id, client);
	assert_int_equal(s->job_id, job);
	portal_session_free(s);
}

/* A job of Ann's with a visit, an estimate, an invoice, and a chat. */
static void test_outbox__every_message_carries_a_link_to_its_page(void **state)
{
	portal *p = *state;
	portal_appointment_fields f = PORTAL_APPOINTMENT_FIELDS_INIT;
	portal_id job = th_add_job(p, fx.ann, 0, 0, "Dryer does not heat", 0), visit, est, inv;
	char landing[32];

	set(p, "link_days", "5");
	f.client_id = fx.ann;
	f.job_id = job;
	f.window_start = th_at(p, "2026-11-23 08:00");
	f.window_end = th_at(p, "2026-11-23 12:00");
	visit = th_add_visit(p, &f);
	check_way_in(p, "appointment_booked", fx.ann, job, "/appointments ");
	{
		portal_outbox_message *m = newest(p);
		snprintf(landing, sizeof(landing), "Booking number J%lld.", (long long)job);
		assert_non_null(strstr(m->message, landing));
		portal_outbox_message_free(m);
	}
	assert_int_equal(on_my_way(p, visit), PORTAL_OK);
	check_way_in(p, "on_my_way", fx.ann, job, "/tracking ");
	assert_int_equal(portal_outbox_queue_reminders(NULL, p), PORTAL_OK);
	check_way_in(p, "appointment_reminder", fx.ann, job, "/appointments ");

	est = th_add_estimate(p, fx.ann, job);
	th_add_estimate_line(p, est, PORTAL_LINE_LABOUR, NULL, 12000);
	th_send_estimate(p, est, 0);
	check_way_in(p, "estimate_ready", fx.ann, job, "/estimate/E1001\r\n");
	inv = th_add_invoice(p, fx.ann, job, "10231");
	th_add_invoice_line(p, inv, PORTAL_LINE_LABOUR, NULL, 6000, -1);
	th_issue_invoice(p, inv, 0, 0);
	assert_int_equal(invoice_ready(p, inv), PORTAL_OK);
	check_way_in(p, "invoice_ready", fx.ann, job, "/invoice/10231\r\n");
	/* The chat is the client's, not a job's. */
	assert_int_equal(pt_outbox_chat_reply(p, fx.ann, add_chat(p, fx.ann, "Tuesday works.")),
		PORTAL_OK);
	check_way_in(p, "chat_reply", fx.ann, 0, "/chat\r\n");
}

static void test_outbox__delivery_forgets_every_messages_token(void **state)
{
	portal *p = *state;
	portal_id visit;
	portal_outbox_message *m;

	set(p, "link_days", "5");
	visit = th_book_visit(p, fx.bob, "2026-11-23 08:00", "2026-11-23 12:00");
	/* A visit without a job: the booking number is the visit's, the link
	 * the whole client's. */
	check_way_in(p, "appointment_booked", fx.bob, 0, "/appointments\r\n");
	m = newest(p);
	{
		char number[32];
		snprintf(number, sizeof(number), "booking number is V%lld:", (long long)visit);
		assert_non_null(strstr(m->message, number));
	}
	portal_outbox_message_free(m);
	assert_int_equal(on_my_way(p, visit), PORTAL_OK);
	check_report(deliver(p), 2, 0, 0, 0);
	assert_int_equal(th_sql_int("SELECT count(*) FROM outbox WHERE message LIKE "
		"'%/k/(sent)/appointments%'", 0), 1);
	assert_int_equal(th_sql_int("SELECT count(*) FROM outbox WHERE message LIKE "
		"'%/k/(sent)/tracking%'", 0), 1);
	assert_int_equal(th_sql_int("SELECT count(*) FROM outbox WHERE message LIKE "
		"'%/k/%' AND message NOT LIKE '%/k/(sent)/%'", 0), 0);
}

static void test_outbox__a_client_whose_access_is_off_gets_the_front_door(void **state)
{
	portal *p = *state;
	portal_outbox_message *m;

	assert_int_equal(portal_client_set_access(p, fx.bob, 0), PORTAL_OK);
	th_book_visit(p, fx.bob, "2026-11-23 08:00", "2026-11-23 12:00");
	m = newest(p);
	assert_string_equal(m->kind, "appointment_booked");
	assert_null(strstr(m->message, "/k/"));
	assert_non_null(strstr(m->message, "http://localhost:8080/\r\n"));
	portal_outbox_message_free(m);
	assert_int_equal(th_sql_int("SELECT count(*) FROM access_links", 0), 0);
}

/* ---------------------------------------------------------------------
 * Reading.
 */

static void test_outbox__json_lists_and_shows(void **state)
{
	portal *p = *state;
	portal_buf doc = PORTAL_BUF_INIT;

	assert_int_equal(pt_outbox_access_link(p, fx.ann, "https://x/k/1", TH_NOW + DAY, "sms"),
		PORTAL_OK);
	assert_int_equal(portal_outbox_list_json(&doc, p, PORTAL_OUTBOX_ALL), PORTAL_OK);
	assert_true(th_contains(&doc, "\"status\":\t\"pending\""));
	assert_true(th_contains(&doc, "\"segments\":\t2"));
	assert_false(th_contains(&doc, "\"message\""));
	portal_buf_dispose(&doc);
	assert_int_equal(portal_outbox_json(&doc, p, 1), PORTAL_OK);
	assert_true(th_contains(&doc, "\"message\":\t\"R\xc3\xa9parations"));
	assert_true(th_contains(&doc, "\"delivered_at\":\tnull"));
	portal_buf_dispose(&doc);
	assert_int_equal(portal_outbox_json(&doc, p, 99), PORTAL_ENOTFOUND);
	assert_string_equal(portal_outbox_status_name(PORTAL_OUTBOX_SKIPPED), "skipped");
	assert_null(portal_outbox_status_name((portal_outbox_status)9));
}

static void test_outbox__clocktime_settings_are_checked(void **state)
{
	portal *p = *state;
	portal_buf v = PORTAL_BUF_INIT;

	assert_int_equal(portal_shop_set(p, "quiet_hours_start", "7:30"), PORTAL_OK);
	assert_int_equal(portal_shop_get(&v, p, "quiet_hours_start"), PORTAL_OK);
	assert_string_equal(v.ptr, "07:30");
	portal_buf_dispose(&v);
	TH_CHECK_REFUSED(p, "24:00", portal_shop_set(p, "quiet_hours_end", "24:00"),
		PORTAL_EINVAL, "shop.quiet_hours_end");
	TH_CHECK_REFUSED(p, "9pm", portal_shop_set(p, "quiet_hours_end", "9pm"),
		PORTAL_EINVAL, "shop.quiet_hours_end");
	TH_CHECK_REFUSED(p, "08:5", portal_shop_set(p, "quiet_hours_end", "08:5"),
		PORTAL_EINVAL, "shop.quiet_hours_end");
}

/* ---------------------------------------------------------------------
 * The shop's currency.
 */

static void test_outbox__a_euro_shop_writes_euros_never_dollars(void **state)
{
	portal *p = *state;
	portal_id visit = th_book_visit(p, fx.bob, "2026-11-23 08:00", "2026-11-23 12:00");
	portal_buf said = PORTAL_BUF_INIT;
	portal_outbox_message *m;

	assert_int_equal(portal_shop_set(p, "currency", "EUR"), PORTAL_OK);
	assert_int_equal(portal_outbox_queue_reminders(NULL, p), PORTAL_OK);
	m = newest(p);
	assert_int_equal(m->subject_id, visit);
	assert_non_null(strstr(m->message, "\xe2\x82\xac" "60.00"));
	assert_null(strchr(m->message, '$'));
	portal_outbox_message_free(m);

	/* Cancelled the evening before: the late fee, told in euros. */
	portal_set_now(p, th_at(p, "2026-11-22 21:00"));
	assert_int_equal(portal_appointment_cancel(NULL, p, visit), PORTAL_OK);
	assert_int_equal(portal_notification_list_json(&said, p, fx.bob, 0, 10), PORTAL_OK);
	assert_true(th_contains(&said, "A late-cancellation fee of \xe2\x82\xac" "60.00 applies."));
	assert_false(th_contains(&said, "$"));
	portal_buf_dispose(&said);

	/* Any other code is written before the amount. */
	assert_int_equal(portal_shop_set(p, "currency", "chf"), PORTAL_OK);
	assert_int_equal(portal_appointment_cancel(NULL, p,
		th_book_visit(p, fx.bob, "2026-11-23 06:00", "2026-11-23 07:30")), PORTAL_OK);
	assert_int_equal(portal_notification_list_json(&said, p, fx.bob, 0, 10), PORTAL_OK);
	assert_true(th_contains(&said, "A late-cancellation fee of CHF 60.00 applies."));
	portal_buf_dispose(&said);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_outbox__email_is_a_whole_rfc5322_message),
		T(test_outbox__ascii_subject_stays_readable_and_message_ids_differ),
		T(test_outbox__sms_link_only_with_consent),
		T(test_outbox__no_gateway_no_sms),
		T(test_outbox__on_my_way_by_sms_else_email),
		T(test_outbox__estimate_and_invoice_ready_by_email_else_sms),
		T(test_outbox__chat_reply_carries_the_answer_in_lines_of_998_octets),
		T(test_outbox__sms_goes_to_the_gateway_with_the_number_last),
		T(test_outbox__failing_gateway_is_retried_with_backoff_then_marked_once),
		T(test_outbox__backoff_is_capped_and_failures_are_kept),
		T(test_outbox__sms_to_a_client_who_opted_out_is_skipped),
		T(test_outbox__quiet_hours_hold_sms_until_eight),
		T(test_outbox__reminders_for_tomorrows_visits_once),
		T(test_outbox__every_message_carries_a_link_to_its_page),
		T(test_outbox__delivery_forgets_every_messages_token),
		T(test_outbox__a_client_whose_access_is_off_gets_the_front_door),
		T(test_outbox__json_lists_and_shows),
		T(test_outbox__clocktime_settings_are_checked),
		T(test_outbox__a_euro_shop_writes_euros_never_dollars),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
