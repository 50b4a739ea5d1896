/* SPDX-License-Identifier: MIT */
/*
 * test_warranty.c - unit tests for the warranty check (warranty.c).
 *
 * The shop is in America/Toronto with the default policy: labour 90 days,
 * parts 30 days from the local day of completion, the day itself not
 * counted, the last day covered to its end. Completions and claims are
 * written in shop time so that each row reads as its case.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "fixtures.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define HOUR ((portal_time)3600)
#define DAY (24 * HOUR)

static portal_id alice;

static int setup(void **state)
{
	portal *p = th_open();

	alice = th_add_client(p, "Alice Martin");
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

/* A job booked a day before `repaired` (shop time) and repaired then;
 * NULL leaves it booked. The clock is moved to the repair to record it. */
static portal_id repaired_job(portal *p, const char *repaired)
{
	portal_time when = repaired ? th_at(p, repaired) : TH_NOW;
	portal_id id;

	portal_set_now(p, when);
	id = th_add_job(p, alice, 0, 0, "Dishwasher does not drain", when - DAY);
	if (repaired)
		assert_int_equal(portal_job_set_status(p, id, PORTAL_JOB_REPAIRED, NULL, when),
			PORTAL_OK);
	portal_set_now(p, TH_NOW);
	return id;
}

static void check(portal *p, portal_id job, const char *what,
	const portal_warranty_claim *claim, portal_warranty *out)
{
	int rc = portal_warranty_check(out, p, job, claim);

	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

/* ---------------------------------------------------------------------
 * The dates.
 */

static void test_warranty__days_are_counted_in_the_shops_calendar(void **state)
{
	static const struct {
		const char *what;
		const char *repaired, *claim;
		int labour, parts;
		const char *labour_until, *parts_until;
	} cases[] = {
		{ "the day of the repair", "2026-11-22 10:00", "2026-11-22 10:00", 1, 1,
		  "2027-02-20", "2026-12-22" },
		{ "parts day 30, its last second: covered", "2026-11-22 10:00",
		  "2026-12-22 23:59:59", 1, 1, "2027-02-20", "2026-12-22" },
		{ "parts day 31: not covered", "2026-11-22 10:00", "2026-12-23 00:00", 1, 0,
		  "2027-02-20", "2026-12-22" },
		{ "labour day 90, its last second: covered", "2026-11-22 10:00",
		  "2027-02-20 23:59:59", 1, 0, "2027-02-20", "2026-12-22" },
		{ "labour day 91: not covered", "2026-11-22 10:00", "2027-02-21 00:00", 0, 0,
		  "2027-02-20", "2026-12-22" },
		/* 23:30 in Toronto is already the next day in UTC; the shop's
		 * day counts. */
		{ "repaired at 23:30 local: day 90 covered", "2026-11-22 23:30",
		  "2027-02-20 18:00", 1, 0, "2027-02-20", "2026-12-22" },
		{ "repaired at 23:30 local: day 91 not", "2026-11-22 23:30",
		  "2027-02-21 00:00:00", 0, 0, "2027-02-20", "2026-12-22" },
		{ "repaired at 00:30 local counts that day", "2026-11-23 00:30",
		  "2027-02-21 12:00", 1, 0, "2027-02-21", "2026-12-23" },
		/* 2027-12-01 + 90 days is leap day 2028-02-29. */
		{ "leap day 2028-02-29 is day 90: covered", "2027-12-01 15:00",
		  "2028-02-29 23:59:59", 1, 0, "2028-02-29", "2027-12-31" },
		{ "2028-03-01 is day 91: not covered", "2027-12-01 15:00",
		  "2028-03-01 00:00", 0, 0, "2028-02-29", "2027-12-31" },
		/* Daylight time starts on 2027-03-14: 90 days are still 90 dates. */
		{ "over the change to summer time: day 90", "2027-01-10 09:00",
		  "2027-04-10 23:59:59", 1, 0, "2027-04-10", "2027-02-09" },
		{ "over the change to summer time: day 91", "2027-01-10 09:00",
		  "2027-04-11 00:00", 0, 0, "2027-04-10", "2027-02-09" },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_warranty_claim claim = PORTAL_WARRANTY_CLAIM_INIT;
		portal_id job = repaired_job(p, cases[i].repaired);
		portal_warranty w;

		claim.at = th_at(p, cases[i].claim);
		check(p, job, cases[i].what, &claim, &w);
		if (w.labour_covered != cases[i].labour || w.parts_covered != cases[i].parts ||
		    strcmp(w.labour_until, cases[i].labour_until) != 0 ||
		    strcmp(w.parts_until, cases[i].parts_until) != 0)
			fail_msg("%s: labour %d until %s, parts %d until %s; want %d until %s, "
				"%d until %s", cases[i].what, w.labour_covered, w.labour_until,
				w.parts_covered, w.parts_until, cases[i].labour,
				cases[i].labour_until, cases[i].parts, cases[i].parts_until);
		assert_int_equal(w.completed_at, th_at(p, cases[i].repaired));
		assert_int_equal(w.labour_reason, cases[i].labour ? PORTAL_WARRANTY_COVERED :
			PORTAL_WARRANTY_EXPIRED);
		assert_int_equal(w.parts_reason, cases[i].parts ? PORTAL_WARRANTY_COVERED :
			PORTAL_WARRANTY_EXPIRED);
		/* The ends are the local midnights after the last days. */
		{
			char day[PORTAL_TIME_STRLEN], iso[PORTAL_TIME_STRLEN];
			portal_time_format(day, sizeof(day), p, w.labour_ends - 1, PORTAL_TIME_DATE);
			portal_time_format(iso, sizeof(iso), p, w.labour_ends, PORTAL_TIME_ISO);
			if (strcmp(day, cases[i].labour_until) != 0 || !strstr(iso, "T00:00:00"))
				fail_msg("%s: labour ends at %s", cases[i].what, iso);
			portal_time_format(day, sizeof(day), p, w.parts_ends - 1, PORTAL_TIME_DATE);
			portal_time_format(iso, sizeof(iso), p, w.parts_ends, PORTAL_TIME_ISO);
			if (strcmp(day, cases[i].parts_until) != 0 || !strstr(iso, "T00:00:00"))
				fail_msg("%s: parts end at %s", cases[i].what, iso);
		}
	}
}

static void test_warranty__ends_are_the_local_midnights_after_the_last_days(void **state)
{
	portal *p = *state;
	portal_id job = repaired_job(p, "2027-01-10 09:00");
	portal_warranty_claim claim = PORTAL_WARRANTY_CLAIM_INIT;
	portal_warranty w;

	claim.at = th_at(p, "2027-01-10 09:00");
	check(p, job, "summer time", &claim, &w);
	/* Labour's day 90, 2027-04-10, is in summer time: it ends at 00:00 EDT. */
	assert_int_equal(w.labour_ends, th_at(p, "2027-04-11T00:00:00-04:00"));
	assert_int_equal(w.parts_ends, th_at(p, "2027-02-10T00:00:00-05:00"));
	assert_string_equal(w.labour_until, "2027-04-10");
	assert_string_equal(w.parts_until, "2027-02-09");
}

static void test_warranty__the_latest_repair_restarts_it(void **state)
{
	portal *p = *state;
	portal_id job = repaired_job(p, "2026-08-01 10:00");
	portal_warranty_claim claim = PORTAL_WARRANTY_CLAIM_INIT;
	portal_warranty w;

	/* A call-back: diagnosed again and repaired again in October. */
	assert_int_equal(portal_job_set_status(p, job, PORTAL_JOB_DIAGNOSED, NULL,
		th_at(p, "2026-10-01 09:00")), PORTAL_OK);
	assert_int_equal(portal_job_set_status(p, job, PORTAL_JOB_REPAIRED, "Again",
		th_at(p, "2026-10-02 16:00")), PORTAL_OK);
	assert_int_equal(portal_job_set_status(p, job, PORTAL_JOB_INVOICED, NULL, 0),
		PORTAL_OK);
	claim.at = th_at(p, "2026-11-22 10:00");
	check(p, job, "second repair", &claim, &w);
	assert_int_equal(w.completed_at, th_at(p, "2026-10-02 16:00"));
	assert_string_equal(w.labour_until, "2026-12-31");
	assert_string_equal(w.parts_until, "2026-11-01");
	assert_true(w.labour_covered);
	assert_false(w.parts_covered);
}

static void test_warranty__days_follow_the_settings(void **state)
{
	portal *p = *state;
	portal_id job = repaired_job(p, "2026-11-02 10:00");
	portal_warranty w;

	assert_int_equal(portal_shop_set(p, "labour_warranty_days", "365"), PORTAL_OK);
	assert_int_equal(portal_shop_set(p, "parts_warranty_days", "0"), PORTAL_OK);
	check(p, job, "a year of labour, no parts", NULL, &w);
	assert_string_equal(w.labour_until, "2027-11-02");
	assert_string_equal(w.parts_until, "2026-11-02");
	assert_true(w.labour_covered);
	assert_false(w.parts_covered);
}

/* ---------------------------------------------------------------------
 * Why a claim is not covered.
 */

static void test_warranty__reasons_in_their_order(void **state)
{
	static const struct {
		const char *what;
		int repaired;               /* 0: the job is not repaired */
		const char *claim;          /* shop time */
		int same_problem;
		portal_warranty_cause cause;
		int owner_changed;
		portal_warranty_reason labour, parts;
		const char *explanation;    /* a part of it */
	} cases[] = {
		{ "covered", 1, "2026-12-01 10:00", 1, PORTAL_CAUSE_NONE, 0,
		  PORTAL_WARRANTY_COVERED, PORTAL_WARRANTY_COVERED,
		  "Labour is covered until Sat 20 Feb 2027 and parts until Tue 22 Dec." },
		{ "parts expired", 1, "2027-01-05 10:00", 1, PORTAL_CAUSE_NONE, 0,
		  PORTAL_WARRANTY_COVERED, PORTAL_WARRANTY_EXPIRED,
		  "Labour is covered until Sat 20 Feb 2027; parts ended on Tue 22 Dec." },
		{ "both expired", 1, "2027-06-01 10:00", 1, PORTAL_CAUSE_NONE, 0,
		  PORTAL_WARRANTY_EXPIRED, PORTAL_WARRANTY_EXPIRED, "ended" },
		{ "misuse", 1, "2026-12-01 10:00", 1, PORTAL_CAUSE_MISUSE, 0,
		  PORTAL_WARRANTY_EXCLUDED_CAUSE, PORTAL_WARRANTY_EXCLUDED_CAUSE, "misuse" },
		{ "improper maintenance", 1, "2026-12-01 10:00", 1,
		  PORTAL_CAUSE_IMPROPER_MAINTENANCE, 0, PORTAL_WARRANTY_EXCLUDED_CAUSE,
		  PORTAL_WARRANTY_EXCLUDED_CAUSE, "improper maintenance" },
		{ "external damage", 1, "2026-12-01 10:00", 1, PORTAL_CAUSE_EXTERNAL_DAMAGE, 0,
		  PORTAL_WARRANTY_EXCLUDED_CAUSE, PORTAL_WARRANTY_EXCLUDED_CAUSE,
		  "external damage" },
		{ "pests", 1, "2026-12-01 10:00", 1, PORTAL_CAUSE_PESTS, 0,
		  PORTAL_WARRANTY_EXCLUDED_CAUSE, PORTAL_WARRANTY_EXCLUDED_CAUSE, "pests" },
		{ "weather", 1, "2026-12-01 10:00", 1, PORTAL_CAUSE_WEATHER, 0,
		  PORTAL_WARRANTY_EXCLUDED_CAUSE, PORTAL_WARRANTY_EXCLUDED_CAUSE, "weather" },
		{ "relocated", 1, "2026-12-01 10:00", 1, PORTAL_CAUSE_RELOCATED, 0,
		  PORTAL_WARRANTY_EXCLUDED_CAUSE, PORTAL_WARRANTY_EXCLUDED_CAUSE, "relocating" },
		{ "excluded cause beats expired", 1, "2027-06-01 10:00", 1, PORTAL_CAUSE_PESTS, 0,
		  PORTAL_WARRANTY_EXCLUDED_CAUSE, PORTAL_WARRANTY_EXCLUDED_CAUSE, "pests" },
		{ "other problem", 1, "2026-12-01 10:00", 0, PORTAL_CAUSE_NONE, 0,
		  PORTAL_WARRANTY_OTHER_PROBLEM, PORTAL_WARRANTY_OTHER_PROBLEM, "only the problem" },
		{ "other problem beats an excluded cause", 1, "2026-12-01 10:00", 0,
		  PORTAL_CAUSE_WEATHER, 0, PORTAL_WARRANTY_OTHER_PROBLEM,
		  PORTAL_WARRANTY_OTHER_PROBLEM, "only the problem" },
		{ "owner changed", 1, "2026-12-01 10:00", 1, PORTAL_CAUSE_NONE, 1,
		  PORTAL_WARRANTY_OWNER_CHANGED, PORTAL_WARRANTY_OWNER_CHANGED, "new owner" },
		{ "owner changed beats everything after it", 1, "2027-06-01 10:00", 0,
		  PORTAL_CAUSE_MISUSE, 1, PORTAL_WARRANTY_OWNER_CHANGED,
		  PORTAL_WARRANTY_OWNER_CHANGED, "new owner" },
		{ "not completed", 0, "2026-12-01 10:00", 1, PORTAL_CAUSE_NONE, 0,
		  PORTAL_WARRANTY_NOT_COMPLETED, PORTAL_WARRANTY_NOT_COMPLETED, "not completed" },
		{ "not completed beats everything", 0, "2026-12-01 10:00", 0, PORTAL_CAUSE_PESTS, 1,
		  PORTAL_WARRANTY_NOT_COMPLETED, PORTAL_WARRANTY_NOT_COMPLETED, "not completed" },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_warranty_claim claim = PORTAL_WARRANTY_CLAIM_INIT;
		portal_id job = repaired_job(p, cases[i].repaired ? "2026-11-22 10:00" : NULL);
		portal_warranty w;

		claim.at = th_at(p, cases[i].claim);
		claim.same_problem = cases[i].same_problem;
		claim.cause = cases[i].cause;
		claim.owner_changed = cases[i].owner_changed;
		check(p, job, cases[i].what, &claim, &w);
		if (w.labour_reason != cases[i].labour || w.parts_reason != cases[i].parts)
			fail_msg("%s: reasons %d and %d, want %d and %d", cases[i].what,
				(int)w.labour_reason, (int)w.parts_reason, (int)cases[i].labour,
				(int)cases[i].parts);
		assert_int_equal(w.labour_covered, cases[i].labour == PORTAL_WARRANTY_COVERED);
		assert_int_equal(w.parts_covered, cases[i].parts == PORTAL_WARRANTY_COVERED);
		if (strstr(w.explanation, cases[i].explanation) == NULL)
			fail_msg("%s: \"%s\" does not say \"%s\"", cases[i].what, w.explanation,
				cases[i].explanation);
		if (!cases[i].repaired) {
			assert_int_equal(w.completed_at, 0);
			assert_string_equal(w.labour_until, "");
			assert_string_equal(w.parts_until, "");
			assert_int_equal(w.labour_ends, 0);
			assert_int_equal(w.parts_ends, 0);
		} else {
			/* The dates are known whatever the reason. */
			assert_string_equal(w.labour_until, "2027-02-20");
			assert_string_equal(w.parts_until, "2026-12-22");
		}
	}
}

static void test_warranty__refusals(void **state)
{
	portal *p = *state;
	portal_id job = repaired_job(p, "2026-11-20 10:00");
	portal_warranty_claim before = PORTAL_WARRANTY_CLAIM_INIT;
	portal_warranty_claim cause = PORTAL_WARRANTY_CLAIM_INIT;
	portal_warranty_claim version = PORTAL_WARRANTY_CLAIM_INIT;
	portal_warranty w;

	before.at = th_at(p, "2026-11-20 09:59:59");
	cause.cause = (portal_warranty_cause)7;
	version.version = PORTAL_WARRANTY_CLAIM_VERSION + 1;
	TH_CHECK_REFUSED(p, "a claim before the repair",
		portal_warranty_check(&w, p, job, &before), PORTAL_EINVAL, "warranty.at");
	TH_CHECK_REFUSED(p, "an unknown cause", portal_warranty_check(&w, p, job, &cause),
		PORTAL_EINVAL, "warranty.cause");
	TH_CHECK_REFUSED(p, "a claim of an unknown version",
		portal_warranty_check(&w, p, job, &version), PORTAL_EINVAL, NULL);
	TH_CHECK_REFUSED(p, "no such job", portal_warranty_check(&w, p, 999, NULL),
		PORTAL_ENOTFOUND, NULL);

	/* At the very second of the repair is not before it. */
	before.at = th_at(p, "2026-11-20 10:00");
	check(p, job, "at the repair", &before, &w);
	assert_true(w.labour_covered);
}

static void test_warranty__null_claim_is_the_same_problem_now(void **state)
{
	portal *p = *state;
	portal_id job = repaired_job(p, "2026-11-20 10:00");
	portal_warranty w;

	check(p, job, "NULL claim", NULL, &w);
	assert_true(w.labour_covered);
	assert_true(w.parts_covered);
	/* NULL out is allowed: the answer is then only the code. */
	assert_int_equal(portal_warranty_check(NULL, p, job, NULL), PORTAL_OK);
}

static void test_warranty__cause_names_and_parse(void **state)
{
	static const struct {
		portal_warranty_cause cause;
		const char *name;
	} names[] = {
		{ PORTAL_CAUSE_NONE, "none" },
		{ PORTAL_CAUSE_MISUSE, "misuse" },
		{ PORTAL_CAUSE_IMPROPER_MAINTENANCE, "improper_maintenance" },
		{ PORTAL_CAUSE_EXTERNAL_DAMAGE, "external_damage" },
		{ PORTAL_CAUSE_PESTS, "pests" },
		{ PORTAL_CAUSE_WEATHER, "weather" },
		{ PORTAL_CAUSE_RELOCATED, "relocated" },
	};
	static const struct {
		const char *text;
		int ok;
		portal_warranty_cause want;
	} typed[] = {
		{ "external-damage", 1, PORTAL_CAUSE_EXTERNAL_DAMAGE },
		{ "Pests", 1, PORTAL_CAUSE_PESTS },
		{ "Improper maintenance", 1, PORTAL_CAUSE_IMPROPER_MAINTENANCE },
		{ "WEATHER", 1, PORTAL_CAUSE_WEATHER },
		{ "flood", 0, 0 },
		{ "", 0, 0 },
		{ NULL, 0, 0 },
	};
	(void)state;

	for (size_t i = 0; i < ARRAY_LEN(names); i++) {
		portal_warranty_cause got;
		assert_string_equal(portal_warranty_cause_name(names[i].cause), names[i].name);
		assert_int_equal(portal_warranty_cause_parse(&got, names[i].name), 0);
		assert_int_equal(got, names[i].cause);
	}
	assert_null(portal_warranty_cause_name((portal_warranty_cause)7));
	assert_null(portal_warranty_cause_name((portal_warranty_cause)-1));
	for (size_t i = 0; i < ARRAY_LEN(typed); i++) {
		portal_warranty_cause got = 0;
		int rc = portal_warranty_cause_parse(&got, typed[i].text);
		if ((rc == 0) != typed[i].ok || (typed[i].ok && got != typed[i].want))
			fail_msg("parsing \"%s\": %d, cause %d", typed[i].text ? typed[i].text : "NULL",
				rc, (int)got);
	}
}

/* ---------------------------------------------------------------------
 * JSON.
 */

static const cJSON *item(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (v == NULL)
		fail_msg("no \"%s\" in the document", key);
	return v;
}

static const char *json_string(const cJSON *o, const char *key)
{
	const cJSON *v = item(o, key);

	if (!cJSON_IsString(v))
		fail_msg("\"%s\" is not a string", key);
	return v->valuestring;
}

static void test_warranty__json_has_every_field_and_the_claim(void **state)
{
	portal *p = *state;
	portal_id job = repaired_job(p, "2026-11-22 10:00");
	portal_warranty_claim claim = PORTAL_WARRANTY_CLAIM_INIT;
	portal_buf out = PORTAL_BUF_INIT;
	const cJSON *c;
	cJSON *root;

	claim.at = th_at(p, "2027-01-05 10:00");
	claim.cause = PORTAL_CAUSE_EXTERNAL_DAMAGE;
	assert_int_equal(portal_warranty_json(&out, p, job, &claim), PORTAL_OK);
	root = cJSON_Parse(out.ptr);
	assert_non_null(root);
	assert_int_equal((portal_id)item(root, "job_id")->valuedouble, job);
	assert_string_equal(json_string(root, "completed_at"), "2026-11-22T10:00:00-05:00");
	assert_string_equal(json_string(root, "labour_until"), "2027-02-20");
	assert_string_equal(json_string(root, "parts_until"), "2026-12-22");
	assert_string_equal(json_string(root, "labour_ends"), "2027-02-21T00:00:00-05:00");
	assert_string_equal(json_string(root, "parts_ends"), "2026-12-23T00:00:00-05:00");
	assert_true(cJSON_IsFalse(item(root, "labour_covered")));
	assert_true(cJSON_IsFalse(item(root, "parts_covered")));
	assert_string_equal(json_string(root, "labour_reason"), "excluded_cause");
	assert_string_equal(json_string(root, "parts_reason"), "excluded_cause");
	assert_non_null(strstr(json_string(root, "explanation"), "external damage"));
	c = item(root, "claim");
	assert_string_equal(json_string(c, "at"), "2027-01-05T10:00:00-05:00");
	assert_true(cJSON_IsTrue(item(c, "same_problem")));
	assert_string_equal(json_string(c, "cause"), "external_damage");
	assert_true(cJSON_IsFalse(item(c, "owner_changed")));
	cJSON_Delete(root);
	portal_buf_dispose(&out);

	/* Not completed: the dates are null. */
	job = repaired_job(p, NULL);
	assert_int_equal(portal_warranty_json(&out, p, job, NULL), PORTAL_OK);
	root = cJSON_Parse(out.ptr);
	assert_non_null(root);
	assert_true(cJSON_IsNull(item(root, "completed_at")));
	assert_true(cJSON_IsNull(item(root, "labour_until")));
	assert_true(cJSON_IsNull(item(root, "parts_ends")));
	assert_string_equal(json_string(root, "labour_reason"), "not_completed");
	assert_string_equal(json_string(item(root, "claim"), "cause"), "none");
	cJSON_Delete(root);
	portal_buf_dispose(&out);

	TH_CHECK_REFUSED(p, "json of no such job", portal_warranty_json(&out, p, 999, NULL),
		PORTAL_ENOTFOUND, NULL);
	assert_null(out.ptr);
}

/* ---------------------------------------------------------------------
 */

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_warranty__days_are_counted_in_the_shops_calendar),
		T(test_warranty__ends_are_the_local_midnights_after_the_last_days),
		T(test_warranty__the_latest_repair_restarts_it),
		T(test_warranty__days_follow_the_settings),
		T(test_warranty__reasons_in_their_order),
		T(test_warranty__refusals),
		T(test_warranty__null_claim_is_the_same_problem_now),
		T(test_warranty__cause_names_and_parse),
		T(test_warranty__json_has_every_field_and_the_claim),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
