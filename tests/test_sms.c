/* SPDX-License-Identifier: MIT */
/*
 * test_sms.c - unit tests of what is particular to SMS (sms.c): segment
 * counts, quiet hours, the keywords customers text back, and the
 * customer's own choice in the portal.
 *
 * The shop is in America/Toronto at TH_NOW (Sunday 2026-11-22 10:00 EST).
 * Ann (416-555-0199) agreed to SMS; Bob (416-555-0122) did not.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "fixtures.h"
#include "outbox_queue.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static struct {
	portal_id ann, bob;
} fx;

static int setup(void **state)
{
	portal *p = th_open();

	assert_int_equal(portal_shop_set(p, "name", "Fix-It Repair"), PORTAL_OK);
	assert_int_equal(portal_shop_set(p, "phone", "866-415-3937"), PORTAL_OK);
	assert_int_equal(portal_shop_set(p, "sms_gateway_command", "/bin/true"), PORTAL_OK);
	fx.ann = th_add_reachable_client(p, "Ann Lee", NULL, "416-555-0199", 1);
	fx.bob = th_add_reachable_client(p, "Bob Stone", NULL, "416-555-0122", 0);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static char *repeat(const char *unit, int n)
{
	size_t len = strlen(unit);
	char *s = malloc(len * (size_t)n + 1);

	assert_non_null(s);
	for (int i = 0; i < n; i++)
		memcpy(s + len * (size_t)i, unit, len);
	s[len * (size_t)n] = '\0';
	return s;
}

static portal_client *client(portal *p, portal_id id)
{
	portal_client *c = NULL;

	assert_int_equal(portal_client_get(&c, p, id), PORTAL_OK);
	return c;
}

static int consent_of(portal *p, portal_id id)
{
	portal_client *c = client(p, id);
	int on = c->sms_consent;

	portal_client_free(c);
	return on;
}

/* ---------------------------------------------------------------------
 * Segments.
 */

static void test_sms__segment_counts(void **state)
{
	static const struct {
		const char *unit;      /* repeated `times`, after `prefix` */
		int times;
		const char *prefix;
		int segments;
		portal_sms_encoding encoding;
	} cases[] = {
		{ "a", 160, "", 1, PORTAL_SMS_GSM7 },
		{ "a", 161, "", 2, PORTAL_SMS_GSM7 },
		{ "a", 306, "", 2, PORTAL_SMS_GSM7 },
		{ "a", 307, "", 3, PORTAL_SMS_GSM7 },
		/* Accents of the GSM table stay 7-bit. */
		{ "\xc3\xa9", 160, "", 1, PORTAL_SMS_GSM7 },             /* é */
		{ "\xce\x94", 161, "", 2, PORTAL_SMS_GSM7 },             /* Δ */
		/* Extension characters take two septets. */
		{ "\xe2\x82\xac", 80, "", 1, PORTAL_SMS_GSM7 },          /* € x 80 = 160 */
		{ "\xe2\x82\xac", 1, "", 1, PORTAL_SMS_GSM7 },
		{ "{", 81, "", 2, PORTAL_SMS_GSM7 },
		{ "a", 159, "[", 2, PORTAL_SMS_GSM7 },                    /* 161 septets */
		{ "a", 158, "~", 1, PORTAL_SMS_GSM7 },                    /* 160 septets */
		/* Outside the GSM table: UCS-2, 70 / 67 UTF-16 units. */
		{ "\xd0\xb6", 70, "", 1, PORTAL_SMS_UCS2 },              /* ж */
		{ "\xd0\xb6", 71, "", 2, PORTAL_SMS_UCS2 },
		{ "\xd0\xb6", 134, "", 2, PORTAL_SMS_UCS2 },
		{ "\xd0\xb6", 135, "", 3, PORTAL_SMS_UCS2 },
		{ "a", 69, "\xc3\xab", 1, PORTAL_SMS_UCS2 },              /* ë is not GSM */
		{ "a", 70, "\xc3\xa7", 2, PORTAL_SMS_UCS2 },              /* nor ç */
		{ "a", 10, "`", 1, PORTAL_SMS_UCS2 },                     /* nor the backtick */
		/* An emoji is two UTF-16 units. */
		{ "\xf0\x9f\x98\x80", 35, "", 1, PORTAL_SMS_UCS2 },
		{ "\xf0\x9f\x98\x80", 36, "", 2, PORTAL_SMS_UCS2 },
		{ "a", 0, "", 1, PORTAL_SMS_GSM7 },
	};
	(void)state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		char *body = repeat(cases[i].unit, cases[i].times);
		char *text = malloc(strlen(cases[i].prefix) + strlen(body) + 1);
		portal_sms_encoding enc = 0;
		int n;

		assert_non_null(text);
		strcpy(text, cases[i].prefix);
		strcat(text, body);
		n = portal_sms_segments(text, &enc);
		if (n != cases[i].segments || enc != cases[i].encoding)
			fail_msg("case %zu: %d segments (encoding %d), want %d (%d)", i, n, (int)enc,
				cases[i].segments, (int)cases[i].encoding);
		free(body);
		free(text);
	}
	{
		/* An escape pair is never split: 152 + "\xe2\x82\xac" + 152 is 306
		 * septets, but the euro sign does not fit the first part's last
		 * septet, so it takes three parts, not two. */
		char *a = repeat("a", 152), text[400];
		snprintf(text, sizeof(text), "%s\xe2\x82\xac%s", a, a);
		assert_int_equal(portal_sms_segments(text, NULL), 3);
		snprintf(text, sizeof(text), "%s\xe2\x82\xac%.151s", a, a);
		assert_int_equal(portal_sms_segments(text, NULL), 2);
		free(a);
	}
	assert_int_equal(portal_sms_segments("bad \xc3", NULL), -1);
	assert_int_equal(portal_sms_segments(NULL, NULL), -1);
}

/* ---------------------------------------------------------------------
 * Quiet hours.
 */

static void test_sms__quiet_hours_end_in_the_morning(void **state)
{
	static const struct {
		const char *now, *until;
	} cases[] = {
		{ "2026-11-22 20:59", "2026-11-22 20:59" },
		{ "2026-11-22 21:00", "2026-11-23 08:00" },
		{ "2026-11-22 23:59", "2026-11-23 08:00" },
		{ "2026-11-23 00:00", "2026-11-23 08:00" },
		{ "2026-11-23 07:59", "2026-11-23 08:00" },
		{ "2026-11-23 08:00", "2026-11-23 08:00" },
		{ "2026-11-23 12:00", "2026-11-23 12:00" },
		/* The night the clocks go forward is an hour shorter. */
		{ "2027-03-13 22:00", "2027-03-14 08:00" },
		{ "2027-03-14 01:30", "2027-03-14 08:00" },
	};
	portal *p = *state;
	portal_time t;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		assert_int_equal(pt_sms_quiet_end(&t, p, th_at(p, cases[i].now)), PORTAL_OK);
		if (t != th_at(p, cases[i].until))
			fail_msg("%s: held until %lld, want %s", cases[i].now, (long long)t,
				cases[i].until);
	}
	assert_int_equal(pt_sms_quiet_end(&t, p, th_at(p, "2027-03-14 01:30")), PORTAL_OK);
	assert_int_equal(t, th_at(p, "2027-03-14T08:00:00-04:00"));

	/* The shop's own hours; equal ends mean none. */
	assert_int_equal(portal_shop_set(p, "quiet_hours_start", "12:00"), PORTAL_OK);
	assert_int_equal(portal_shop_set(p, "quiet_hours_end", "13:30"), PORTAL_OK);
	assert_int_equal(pt_sms_quiet_end(&t, p, th_at(p, "2026-11-22 12:10")), PORTAL_OK);
	assert_int_equal(t, th_at(p, "2026-11-22 13:30"));
	assert_int_equal(pt_sms_quiet_end(&t, p, th_at(p, "2026-11-22 22:00")), PORTAL_OK);
	assert_int_equal(t, th_at(p, "2026-11-22 22:00"));
	assert_int_equal(portal_shop_set(p, "quiet_hours_end", "12:00"), PORTAL_OK);
	assert_int_equal(pt_sms_quiet_end(&t, p, th_at(p, "2026-11-22 12:10")), PORTAL_OK);
	assert_int_equal(t, th_at(p, "2026-11-22 12:10"));
}

/* ---------------------------------------------------------------------
 * Inbound keywords.
 */

static portal_outbox_message *message(portal *p, portal_id id)
{
	portal_outbox_message *m = NULL;

	assert_int_equal(portal_outbox_get(&m, p, id), PORTAL_OK);
	return m;
}

static void test_sms__stop_and_its_synonyms_opt_out_with_one_confirmation(void **state)
{
	static const char *const words[] = {
		"STOP", " stop ", "Stop\n", "STOPALL", "unsubscribe", "Cancel", "END", "quit"
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(words); i++) {
		portal_sms_inbound_result r;
		portal_outbox_message *m;
		portal_client *c;
		portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
		portal_outbox_report rep;

		portal_set_now(p, TH_NOW + (portal_time)i * 60);
		f.sms_consent = 1;
		assert_int_equal(portal_client_update(p, fx.ann, &f), PORTAL_OK);
		assert_int_equal(portal_sms_inbound(&r, p, "+1 (416) 555-0199", words[i]), PORTAL_OK);
		assert_int_equal(r.action, PORTAL_SMS_OPTED_OUT);
		assert_int_equal(r.client_id, fx.ann);
		c = client(p, fx.ann);
		assert_int_equal(c->sms_consent, 0);
		assert_int_equal(c->sms_consent_at, TH_NOW + (portal_time)i * 60);
		portal_client_free(c);
		/* One confirmation, sent although the number just opted out. */
		assert_true(r.reply_id > 0);
		assert_non_null(strstr(r.reply, "no more texts"));
		m = message(p, r.reply_id);
		assert_string_equal(m->kind, "sms_opt_out");
		assert_string_equal(m->recipient, "+14165550199");
		assert_string_equal(m->message, r.reply);
		portal_outbox_message_free(m);
		assert_int_equal(portal_outbox_deliver(&rep, p), PORTAL_OK);
		assert_int_equal(rep.delivered, 1);
		assert_int_equal(rep.skipped, 0);
	}
}

static void test_sms__start_opts_back_in_and_help_answers(void **state)
{
	portal *p = *state;
	portal_sms_inbound_result r;
	portal_outbox_message *m;

	assert_int_equal(portal_sms_inbound(&r, p, "4165550122", "start"), PORTAL_OK);
	assert_int_equal(r.action, PORTAL_SMS_OPTED_IN);
	assert_int_equal(consent_of(p, fx.bob), 1);
	assert_non_null(strstr(r.reply, "again"));
	assert_int_equal(portal_sms_inbound(&r, p, "4165550122", "STOP"), PORTAL_OK);
	assert_int_equal(consent_of(p, fx.bob), 0);
	assert_int_equal(portal_sms_inbound(&r, p, "4165550122", " Unstop "), PORTAL_OK);
	assert_int_equal(r.action, PORTAL_SMS_OPTED_IN);
	assert_int_equal(consent_of(p, fx.bob), 1);

	assert_int_equal(portal_sms_inbound(&r, p, "416-555-0199", "help"), PORTAL_OK);
	assert_int_equal(r.action, PORTAL_SMS_HELP);
	assert_non_null(strstr(r.reply, "Fix-It Repair"));
	assert_non_null(strstr(r.reply, "Call us at 866-415-3937."));
	m = message(p, r.reply_id);
	assert_string_equal(m->kind, "sms_help");
	portal_outbox_message_free(m);
	/* HELP changes nothing. */
	assert_int_equal(consent_of(p, fx.ann), 1);
}

static void test_sms__replies_are_not_held_by_quiet_hours(void **state)
{
	portal *p = *state;
	portal_sms_inbound_result r;
	portal_outbox_message *m;

	portal_set_now(p, th_at(p, "2026-11-22 23:30"));
	assert_int_equal(portal_sms_inbound(&r, p, "4165550199", "STOP"), PORTAL_OK);
	m = message(p, r.reply_id);
	assert_int_equal(m->not_before, th_at(p, "2026-11-22 23:30"));
	portal_outbox_message_free(m);
}

static void test_sms__unknown_numbers_and_other_text(void **state)
{
	portal *p = *state;
	portal_sms_inbound_result r;

	TH_CHECK_REFUSED(p, "unknown STOP", portal_sms_inbound(&r, p, "416-555-0000", "STOP"),
		PORTAL_OK, NULL);
	assert_int_equal(r.action, PORTAL_SMS_IGNORED);
	assert_int_equal(r.reply_id, 0);
	assert_string_equal(r.reply, "");
	TH_CHECK_REFUSED(p, "unknown START", portal_sms_inbound(&r, p, "416-555-0000", "START"),
		PORTAL_OK, NULL);
	TH_CHECK_REFUSED(p, "a sentence", portal_sms_inbound(&r, p, "416-555-0199",
		"please stop texting me"), PORTAL_OK, NULL);
	assert_int_equal(r.action, PORTAL_SMS_IGNORED);
	assert_int_equal(r.client_id, fx.ann);
	TH_CHECK_REFUSED(p, "not a number", portal_sms_inbound(&r, p, "hello", "STOP"),
		PORTAL_EINVAL, "sms.from");
	TH_CHECK_REFUSED(p, "no body", portal_sms_inbound(&r, p, "4165550199", NULL),
		PORTAL_EINVAL, "sms.body");

	/* HELP is answered even for an unknown number. */
	assert_int_equal(portal_sms_inbound(&r, p, "416-555-0000", "HELP"), PORTAL_OK);
	assert_int_equal(r.action, PORTAL_SMS_HELP);
	assert_int_equal(r.client_id, 0);
	assert_true(r.reply_id > 0);
}

static void test_sms__every_client_of_a_number_opts_out(void **state)
{
	portal *p = *state;
	portal_id twin = th_add_reachable_client(p, "Ann Lee's shop", NULL, "416-555-0199", 1);
	portal_sms_inbound_result r;

	assert_int_equal(portal_sms_inbound(&r, p, "4165550199", "STOP"), PORTAL_OK);
	assert_int_equal(consent_of(p, fx.ann), 0);
	assert_int_equal(consent_of(p, twin), 0);
}

/* ---------------------------------------------------------------------
 * The customer's choice in the portal.
 */

static void test_sms__customer_turns_sms_on_and_off(void **state)
{
	portal *p = *state;
	portal_session s;
	portal_id nophone = th_add_reachable_client(p, "Dan Wu", NULL, NULL, PORTAL_UNCHANGED);

	memset(&s, 0, sizeof(s));
	s.client_id = fx.bob;
	snprintf(s.source, sizeof(s.source), "203.0.113.7");
	portal_set_now(p, TH_NOW + 60);
	assert_int_equal(portal_customer_sms_consent(p, &s, 1), PORTAL_OK);
	assert_int_equal(consent_of(p, fx.bob), 1);
	assert_int_equal(portal_customer_sms_consent(p, &s, 0), PORTAL_OK);
	assert_int_equal(consent_of(p, fx.bob), 0);

	TH_CHECK_REFUSED(p, "no session", portal_customer_sms_consent(p, NULL, 1),
		PORTAL_EINVAL, "session");
	TH_CHECK_REFUSED(p, "not 0 or 1", portal_customer_sms_consent(p, &s, 2),
		PORTAL_EINVAL, "sms_consent");
	s.client_id = 999;
	TH_CHECK_REFUSED(p, "no such client", portal_customer_sms_consent(p, &s, 1),
		PORTAL_ENOTFOUND, NULL);
	s.client_id = nophone;
	TH_CHECK_REFUSED(p, "no phone", portal_customer_sms_consent(p, &s, 1),
		PORTAL_ERULE, NULL);
	assert_int_equal(portal_customer_sms_consent(p, &s, 0), PORTAL_OK);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_sms__segment_counts),
		T(test_sms__quiet_hours_end_in_the_morning),
		T(test_sms__stop_and_its_synonyms_opt_out_with_one_confirmation),
		T(test_sms__start_opts_back_in_and_help_answers),
		T(test_sms__replies_are_not_held_by_quiet_hours),
		T(test_sms__unknown_numbers_and_other_text),
		T(test_sms__every_client_of_a_number_opts_out),
		T(test_sms__customer_turns_sms_on_and_off),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
