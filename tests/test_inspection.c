/* SPDX-License-Identifier: MIT */
/*
 * test_inspection.c - unit tests for inspections, their items and the
 * estimate lines made from their recommendations (inspection.c).
 *
 * Every test runs on a fresh shop database whose clock is fixed at TH_NOW
 * (2026-11-22T15:00:00Z, 10:00 in Toronto). Alice has a fridge (Whirlpool
 * WRF555SDFZ), a dishwasher (Bosch, no model) and a job on the fridge; Bob
 * has a truck and a job on it; Sam is a technician with a phone. Every
 * refusal is checked three ways: the return code, the field named, and a
 * fingerprint of the whole database taken before and after the call.
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

static struct {
	portal_id alice, bob;
	portal_id fridge, dishwasher, truck;
	portal_id alice_job, bob_job;
	portal_id sam;
} fx;

/* ---------------------------------------------------------------------
 * Fixtures and helpers.
 */

static int setup(void **state)
{
	portal *p = th_open();

	memset(&fx, 0, sizeof(fx));
	fx.alice = th_add_client(p, "Alice Martin");
	fx.bob = th_add_client(p, "Bob Stone");
	fx.fridge = th_add_asset(p, fx.alice, PORTAL_ASSET_APPLIANCE, "Refrigerator", "Whirlpool",
		"WRF555SDFZ");
	fx.dishwasher = th_add_asset(p, fx.alice, PORTAL_ASSET_APPLIANCE, "Dishwasher", "Bosch",
		NULL);
	fx.truck = th_add_asset(p, fx.bob, PORTAL_ASSET_VEHICLE, "Pickup truck", "Ford", "F-150");
	fx.alice_job = th_add_job(p, fx.alice, fx.fridge, 0, "Fridge warm", TH_NOW - 2 * DAY);
	fx.bob_job = th_add_job(p, fx.bob, fx.truck, 0, "Brakes squeal", TH_NOW - 2 * DAY);
	assert_int_equal(portal_tech_add(&fx.sam, p, "Sam Okafor", "416-555-0142"), PORTAL_OK);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static portal_id inspect(portal *p, portal_id job, portal_id client, portal_id asset,
	portal_time at)
{
	portal_inspection_fields f = PORTAL_INSPECTION_FIELDS_INIT;
	portal_id id = 0;
	int rc;

	f.job_id = job;
	f.client_id = client;
	f.asset_id = asset;
	f.technician_id = fx.sam;
	f.inspected_at = at;
	f.summary = "Yearly check";
	if ((rc = portal_inspection_add(&id, p, &f)) != PORTAL_OK)
		fail_msg("inspection: %d (%s)", rc, portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

static portal_id add_item(portal *p, portal_id inspection, const char *item,
	portal_condition c, const char *recommendation, portal_money price)
{
	portal_inspection_item_fields f = PORTAL_INSPECTION_ITEM_FIELDS_INIT;
	portal_id id = 0;
	int rc;

	f.item = item;
	f.condition = c;
	f.recommendation = recommendation;
	f.recommended_price = price;
	if ((rc = portal_inspection_item_add(&id, p, inspection, &f)) != PORTAL_OK)
		fail_msg("item \"%s\": %d (%s)", item, rc, portal_errmsg(p));
	assert_true(id > 0);
	return id;
}

static portal_inspection *get(portal *p, portal_id id)
{
	portal_inspection *in = NULL;

	assert_int_equal(portal_inspection_get(&in, p, id), PORTAL_OK);
	assert_non_null(in);
	return in;
}

static cJSON *parse(const portal_buf *doc)
{
	cJSON *root;

	assert_non_null(doc->ptr);
	if ((root = cJSON_Parse(doc->ptr)) == NULL)
		fail_msg("not JSON: %s", doc->ptr);
	return root;
}

static const char *json_string(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(v))
		fail_msg("\"%s\" is not a string", key);
	return v->valuestring;
}

static double json_number(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsNumber(v))
		fail_msg("\"%s\" is not a number", key);
	return v->valuedouble;
}

static int json_is_null(const cJSON *o, const char *key)
{
	return cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(o, key));
}

/* ---------------------------------------------------------------------
 * Recording an inspection.
 */

static void test_inspection__on_a_job_takes_its_client_and_asset(void **state)
{
	portal *p = *state;
	portal_inspection_fields f = PORTAL_INSPECTION_FIELDS_INIT;
	portal_inspection *in;
	portal_id id = 0;

	f.job_id = fx.alice_job;
	f.summary = "  Fridge runs warm.\r\nCondenser dusty.  ";
	assert_int_equal(portal_inspection_add(&id, p, &f), PORTAL_OK);
	in = get(p, id);
	assert_int_equal(in->id, id);
	assert_int_equal(in->job_id, fx.alice_job);
	assert_int_equal(in->client_id, fx.alice);
	assert_int_equal(in->asset_id, fx.fridge);
	assert_int_equal(in->technician_id, 0);
	assert_int_equal(in->inspected_at, TH_NOW);
	assert_string_equal(in->summary, "Fridge runs warm.\nCondenser dusty.");
	assert_int_equal(in->worst, 0);
	assert_int_equal(in->item_count, 0);
	portal_inspection_free(in);
	portal_inspection_free(NULL);
}

static void test_inspection__given_client_and_asset_are_kept(void **state)
{
	static const struct {
		const char *what;
		int job;                /* 1: Alice's job */
		int client;             /* 1: Alice */
		int asset;              /* 0 none, 1 fridge, 2 dishwasher */
		int want_asset;
	} cases[] = {
		{ "job and its client", 1, 1, 0, 1 },
		{ "job and another asset of the client", 1, 0, 2, 2 },
		{ "client without a job", 0, 1, 0, 0 },
		{ "client and asset without a job", 0, 1, 2, 2 },
	};
	portal *p = *state;
	const portal_id assets[] = { 0, fx.fridge, fx.dishwasher };

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id id = inspect(p, cases[i].job ? fx.alice_job : 0,
			cases[i].client ? fx.alice : 0, assets[cases[i].asset], TH_NOW - HOUR);
		portal_inspection *in = get(p, id);

		if (in->client_id != fx.alice || in->asset_id != assets[cases[i].want_asset] ||
		    in->job_id != (cases[i].job ? fx.alice_job : 0) || in->technician_id != fx.sam ||
		    in->inspected_at != TH_NOW - HOUR)
			fail_msg("%s: client %lld job %lld asset %lld", cases[i].what,
				(long long)in->client_id, (long long)in->job_id,
				(long long)in->asset_id);
		portal_inspection_free(in);
	}
}

static void test_inspection__another_clients_job_or_asset_is_refused(void **state)
{
	portal *p = *state;
	char *long_summary = malloc(2002);
	const struct {
		const char *what;
		portal_id job, client, asset, tech;
		portal_time at;
		const char *summary;
		int want;
		const char *field;
	} cases[] = {
		{ "Bob as the client of Alice's job", fx.alice_job, fx.bob, 0, 0, 0, NULL,
		  PORTAL_EINVAL, "inspection.client" },
		{ "Alice as the client of Bob's job", fx.bob_job, fx.alice, 0, 0, 0, NULL,
		  PORTAL_EINVAL, "inspection.client" },
		{ "Bob's truck on Alice's job", fx.alice_job, 0, fx.truck, 0, 0, NULL,
		  PORTAL_EINVAL, "inspection.asset" },
		{ "Bob's truck for Alice", 0, fx.alice, fx.truck, 0, 0, NULL,
		  PORTAL_EINVAL, "inspection.asset" },
		{ "Alice's fridge on Bob's job", fx.bob_job, fx.bob, fx.fridge, 0, 0, NULL,
		  PORTAL_EINVAL, "inspection.asset" },
		{ "neither job nor client", 0, 0, fx.fridge, 0, 0, NULL,
		  PORTAL_EINVAL, "inspection.client" },
		{ "in the future", fx.alice_job, 0, 0, 0, TH_NOW + 1, NULL,
		  PORTAL_EINVAL, "inspection.inspected_at" },
		{ "a negative time", fx.alice_job, 0, 0, 0, -5, NULL,
		  PORTAL_EINVAL, "inspection.inspected_at" },
		{ "a summary of 2001 characters", 0, fx.alice, 0, 0, 0, long_summary,
		  PORTAL_EINVAL, "inspection.summary" },
		{ "job 999", 999, 0, 0, 0, 0, NULL, PORTAL_ENOTFOUND, NULL },
		{ "client 999", 0, 999, 0, 0, 0, NULL, PORTAL_ENOTFOUND, NULL },
		{ "asset 999", 0, fx.alice, 999, 0, 0, NULL, PORTAL_ENOTFOUND, NULL },
		{ "technician 999", fx.alice_job, 0, 0, 999, 0, NULL, PORTAL_ENOTFOUND, NULL },
	};

	assert_non_null(long_summary);
	memset(long_summary, 's', 2001);
	long_summary[2001] = '\0';
	inspect(p, fx.alice_job, 0, 0, 0);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_inspection_fields f = PORTAL_INSPECTION_FIELDS_INIT;
		portal_id out = -1;

		f.job_id = cases[i].job;
		f.client_id = cases[i].client;
		f.asset_id = cases[i].asset;
		f.technician_id = cases[i].tech;
		f.inspected_at = cases[i].at;
		f.summary = cases[i].summary;
		TH_CHECK_REFUSED(p, cases[i].what, portal_inspection_add(&out, p, &f),
			cases[i].want, cases[i].field);
		if (out != -1)
			fail_msg("%s: the id was written on failure", cases[i].what);
	}
	free(long_summary);
}

static void test_inspection__fields_of_an_unknown_version_are_refused(void **state)
{
	portal *p = *state;
	portal_inspection_fields f = PORTAL_INSPECTION_FIELDS_INIT;
	portal_inspection_item_fields it = PORTAL_INSPECTION_ITEM_FIELDS_INIT;
	portal_id id = inspect(p, fx.alice_job, 0, 0, 0);

	f.version = PORTAL_INSPECTION_FIELDS_VERSION + 1;
	f.client_id = fx.alice;
	TH_CHECK_REFUSED(p, "version 2", portal_inspection_add(NULL, p, &f), PORTAL_EINVAL, NULL);
	TH_CHECK_REFUSED(p, "NULL", portal_inspection_add(NULL, p, NULL), PORTAL_EINVAL, NULL);
	it.version = PORTAL_INSPECTION_ITEM_FIELDS_VERSION + 1;
	it.item = "Door seal";
	it.condition = PORTAL_CONDITION_GOOD;
	TH_CHECK_REFUSED(p, "item version 2", portal_inspection_item_add(NULL, p, id, &it),
		PORTAL_EINVAL, NULL);
	TH_CHECK_REFUSED(p, "item NULL", portal_inspection_item_add(NULL, p, id, NULL),
		PORTAL_EINVAL, NULL);
}

/* ---------------------------------------------------------------------
 * Items and conditions.
 */

static void test_inspection__items_keep_their_order_and_the_worst_condition(void **state)
{
	static const struct {
		const char *item;
		portal_condition condition;
		portal_condition worst;     /* after this item */
	} steps[] = {
		{ "Door seal", PORTAL_CONDITION_GOOD, PORTAL_CONDITION_GOOD },
		{ "Condenser coils", PORTAL_CONDITION_NEEDS_ATTENTION,
		  PORTAL_CONDITION_NEEDS_ATTENTION },
		{ "Thermostat", PORTAL_CONDITION_GOOD, PORTAL_CONDITION_NEEDS_ATTENTION },
		{ "Start relay", PORTAL_CONDITION_URGENT, PORTAL_CONDITION_URGENT },
		{ "Fan", PORTAL_CONDITION_NEEDS_ATTENTION, PORTAL_CONDITION_URGENT },
	};
	portal *p = *state;
	portal_id id = inspect(p, fx.alice_job, 0, 0, 0);
	portal_id ids[ARRAY_LEN(steps)];
	portal_inspection *in = get(p, id);

	assert_int_equal(in->worst, 0);
	portal_inspection_free(in);
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		ids[i] = add_item(p, id, steps[i].item, steps[i].condition, NULL, -1);
		in = get(p, id);
		if (in->worst != steps[i].worst || in->item_count != i + 1)
			fail_msg("after %s: worst %d with %zu items, want %d with %zu", steps[i].item,
				(int)in->worst, in->item_count, (int)steps[i].worst, i + 1);
		portal_inspection_free(in);
	}
	in = get(p, id);
	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		const portal_inspection_item *it = &in->items[i];
		if (it->id != ids[i] || it->position != (int)i + 1 ||
		    strcmp(it->item, steps[i].item) != 0 || it->condition != steps[i].condition ||
		    it->recommended_price != -1 || it->recommendation[0] || it->note[0] ||
		    it->estimate_line_id != 0)
			fail_msg("item %zu: #%lld at %d \"%s\" condition %d", i, (long long)it->id,
				it->position, it->item, (int)it->condition);
	}
	portal_inspection_free(in);
}

static void test_inspection__item_fields_are_trimmed_and_kept(void **state)
{
	portal *p = *state;
	portal_id id = inspect(p, 0, fx.alice, fx.fridge, 0);
	portal_inspection_item_fields f = PORTAL_INSPECTION_ITEM_FIELDS_INIT;
	portal_inspection *in;
	portal_id item = 0;

	f.item = "  Condenser coils ";
	f.condition = PORTAL_CONDITION_NEEDS_ATTENTION;
	f.note = " Thick dust.\nFan strains. ";
	f.recommendation = " Clean the condenser coils ";
	f.recommended_price = 8950;
	assert_int_equal(portal_inspection_item_add(&item, p, id, &f), PORTAL_OK);
	in = get(p, id);
	assert_int_equal(in->item_count, 1);
	assert_int_equal(in->items[0].id, item);
	assert_string_equal(in->items[0].item, "Condenser coils");
	assert_string_equal(in->items[0].note, "Thick dust.\nFan strains.");
	assert_string_equal(in->items[0].recommendation, "Clean the condenser coils");
	assert_int_equal(in->items[0].recommended_price, 8950);
	portal_inspection_free(in);

	/* The limits themselves are accepted. */
	add_item(p, id, "Free check", PORTAL_CONDITION_GOOD, "Tighten the hinge", 0);
	add_item(p, id, "Everything", PORTAL_CONDITION_URGENT, "Replace the fridge",
		PORTAL_UNIT_PRICE_MAX);
	add_item(p, id, "Advice only", PORTAL_CONDITION_GOOD, "Keep the coils clean", -1);
}

static void test_inspection__invalid_items_are_refused(void **state)
{
	portal *p = *state;
	portal_id id = inspect(p, fx.alice_job, 0, 0, 0);
	char item201[202], note1001[1002], rec501[502];
	const struct {
		const char *what;
		const char *item;
		int condition;
		const char *note, *recommendation;
		portal_money price;
		const char *field;
	} cases[] = {
		{ "a price without a recommendation", "Seal", 2, NULL, NULL, 5000,
		  "inspection_item.recommended_price" },
		{ "a price with a blank recommendation", "Seal", 2, NULL, "   ", 0,
		  "inspection_item.recommended_price" },
		{ "a negative price", "Seal", 2, NULL, "Replace", -2,
		  "inspection_item.recommended_price" },
		{ "a price past the maximum", "Seal", 2, NULL, "Replace", PORTAL_UNIT_PRICE_MAX + 1,
		  "inspection_item.recommended_price" },
		{ "no condition", "Seal", 0, NULL, NULL, -1, "inspection_item.condition" },
		{ "condition 4", "Seal", 4, NULL, NULL, -1, "inspection_item.condition" },
		{ "no item", "", 1, NULL, NULL, -1, "inspection_item.item" },
		{ "NULL item", NULL, 1, NULL, NULL, -1, "inspection_item.item" },
		{ "201 characters", item201, 1, NULL, NULL, -1, "inspection_item.item" },
		{ "a note of 1001 characters", "Seal", 1, note1001, NULL, -1,
		  "inspection_item.note" },
		{ "a recommendation of 501 characters", "Seal", 2, NULL, rec501, -1,
		  "inspection_item.recommendation" },
		{ "a recommendation on two lines", "Seal", 2, NULL, "Replace\nthe seal", -1,
		  "inspection_item.recommendation" },
	};

	memset(item201, 'i', 201);
	item201[201] = '\0';
	memset(note1001, 'n', 1001);
	note1001[1001] = '\0';
	memset(rec501, 'r', 501);
	rec501[501] = '\0';
	add_item(p, id, "An earlier item", PORTAL_CONDITION_GOOD, NULL, -1);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_inspection_item_fields f = PORTAL_INSPECTION_ITEM_FIELDS_INIT;
		portal_id out = -1;

		f.item = cases[i].item;
		f.condition = (portal_condition)cases[i].condition;
		f.note = cases[i].note;
		f.recommendation = cases[i].recommendation;
		f.recommended_price = cases[i].price;
		TH_CHECK_REFUSED(p, cases[i].what, portal_inspection_item_add(&out, p, id, &f),
			PORTAL_EINVAL, cases[i].field);
		if (out != -1)
			fail_msg("%s: the id was written on failure", cases[i].what);
	}
}

static void test_inspection__item_of_a_missing_inspection_is_not_found(void **state)
{
	static const portal_id ids[] = { 0, -1, 2, 999 };
	portal *p = *state;
	portal_inspection *in = NULL;
	portal_buf doc = PORTAL_BUF_INIT;

	inspect(p, fx.alice_job, 0, 0, 0);
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		portal_inspection_item_fields f = PORTAL_INSPECTION_ITEM_FIELDS_INIT;
		char what[64];

		f.item = "Seal";
		f.condition = PORTAL_CONDITION_GOOD;
		snprintf(what, sizeof(what), "inspection %lld", (long long)ids[i]);
		TH_CHECK_REFUSED(p, what, portal_inspection_item_add(NULL, p, ids[i], &f),
			PORTAL_ENOTFOUND, NULL);
		assert_int_equal(portal_inspection_get(&in, p, ids[i]), PORTAL_ENOTFOUND);
		assert_null(in);
		assert_int_equal(portal_inspection_json(&doc, p, ids[i]), PORTAL_ENOTFOUND);
		assert_null(doc.ptr);
	}
}

static void test_inspection__condition_names_labels_and_parsing(void **state)
{
	static const struct {
		const char *text;
		int want;               /* 0: refused */
	} cases[] = {
		{ "good", 1 }, { "Good", 1 }, { "GOOD", 1 },
		{ "needs_attention", 2 }, { "needs-attention", 2 }, { "Needs attention", 2 },
		{ "urgent", 3 }, { "Urgent", 3 },
		{ "", 0 }, { NULL, 0 }, { "bad", 0 }, { "needs", 0 }, { "2", 0 },
		{ "needsattention", 0 }, { "needs__attention", 0 },
		/* Spaces around are forgiven, as for the other names. */
		{ " urgent ", 3 }, { "Needs-Attention", 2 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_condition c = (portal_condition)99;
		int rc = portal_condition_parse(&c, cases[i].text);

		if (cases[i].want && (rc != 0 || c != (portal_condition)cases[i].want))
			fail_msg("\"%s\": rc %d condition %d, want %d", cases[i].text, rc, (int)c,
				cases[i].want);
		if (!cases[i].want && (rc != -1 || c != (portal_condition)99))
			fail_msg("\"%s\": rc %d condition %d, want refused and untouched",
				cases[i].text ? cases[i].text : "NULL", rc, (int)c);
	}
	assert_string_equal(portal_condition_name(PORTAL_CONDITION_GOOD), "good");
	assert_string_equal(portal_condition_name(PORTAL_CONDITION_NEEDS_ATTENTION),
		"needs_attention");
	assert_string_equal(portal_condition_name(PORTAL_CONDITION_URGENT), "urgent");
	assert_string_equal(portal_condition_label(PORTAL_CONDITION_NEEDS_ATTENTION),
		"Needs attention");
	assert_string_equal(portal_condition_label(PORTAL_CONDITION_URGENT), "Urgent");
	assert_null(portal_condition_name((portal_condition)0));
	assert_null(portal_condition_label((portal_condition)4));
	assert_null(portal_condition_name((portal_condition)-1));
}

/* ---------------------------------------------------------------------
 * Recommended repairs to estimate lines.
 */

static void test_inspection__item_becomes_an_estimate_line_once(void **state)
{
	portal *p = *state;
	portal_id id = inspect(p, fx.alice_job, 0, 0, 0);
	portal_id item = add_item(p, id, "Start relay", PORTAL_CONDITION_URGENT,
		"Replace the start relay", 14500);
	portal_id est = th_add_estimate(p, fx.alice, 0), other = th_add_estimate(p, fx.alice, 0);
	portal_id line = 0;
	portal_estimate *e = NULL;
	portal_inspection *in;

	assert_int_equal(portal_inspection_item_to_estimate(&line, p, item, est,
		PORTAL_LINE_PART), PORTAL_OK);
	assert_true(line > 0);
	assert_int_equal(portal_estimate_get(&e, p, est), PORTAL_OK);
	assert_int_equal(e->line_count, 1);
	assert_int_equal(e->lines[0].id, line);
	assert_int_equal(e->lines[0].kind, PORTAL_LINE_PART);
	assert_string_equal(e->lines[0].description, "Replace the start relay");
	assert_int_equal(e->lines[0].quantity, 1000);
	assert_int_equal(e->lines[0].unit_price, 14500);
	assert_int_equal(e->lines[0].amount, 14500);
	assert_int_equal(e->lines[0].taxable, 1);
	assert_int_equal(e->lines[0].inspection_item_id, item);
	portal_estimate_free(e);

	in = get(p, id);
	assert_int_equal(in->items[0].estimate_line_id, line);
	portal_inspection_free(in);

	/* Once only, on this estimate or another. */
	TH_CHECK_REFUSED(p, "the same item again",
		portal_inspection_item_to_estimate(NULL, p, item, est, PORTAL_LINE_PART),
		PORTAL_ERULE, NULL);
	TH_CHECK_REFUSED(p, "the same item on another estimate",
		portal_inspection_item_to_estimate(NULL, p, item, other, PORTAL_LINE_LABOUR),
		PORTAL_ERULE, NULL);
}

static void test_inspection__item_to_estimate_refusals(void **state)
{
	portal *p = *state;
	portal_id id = inspect(p, fx.alice_job, 0, 0, 0);
	portal_id priced = add_item(p, id, "Coils", PORTAL_CONDITION_NEEDS_ATTENTION,
		"Clean the coils", 8950);
	portal_id unpriced = add_item(p, id, "Hinge", PORTAL_CONDITION_NEEDS_ATTENTION,
		"Tighten the hinge", -1);
	portal_id bare = add_item(p, id, "Seal", PORTAL_CONDITION_GOOD, NULL, -1);
	portal_id draft = th_add_estimate(p, fx.alice, 0);
	portal_id bobs = th_add_estimate(p, fx.bob, 0);
	portal_id sent = th_add_estimate(p, fx.alice, 0);
	portal_line_fields lf = PORTAL_LINE_FIELDS_INIT;
	const struct {
		const char *what;
		portal_id item, estimate;
		portal_line_kind kind;
		int want;
		const char *field;
	} cases[] = {
		{ "a sent estimate", priced, sent, PORTAL_LINE_LABOUR, PORTAL_ERULE, NULL },
		{ "another client's estimate", priced, bobs, PORTAL_LINE_LABOUR, PORTAL_EINVAL,
		  "inspection_item.estimate" },
		{ "a recommendation without a price", unpriced, draft, PORTAL_LINE_LABOUR,
		  PORTAL_EINVAL, "inspection_item.recommendation" },
		{ "no recommendation", bare, draft, PORTAL_LINE_LABOUR, PORTAL_EINVAL,
		  "inspection_item.recommendation" },
		{ "as a discount", priced, draft, PORTAL_LINE_DISCOUNT, PORTAL_EINVAL,
		  "inspection_item.kind" },
		{ "as a credit", priced, draft, PORTAL_LINE_CREDIT, PORTAL_EINVAL,
		  "inspection_item.kind" },
		{ "an unknown kind", priced, draft, (portal_line_kind)99, PORTAL_EINVAL,
		  TH_FIELD_ANY },
		{ "item 999", 999, draft, PORTAL_LINE_LABOUR, PORTAL_ENOTFOUND, NULL },
		{ "item 0", 0, draft, PORTAL_LINE_LABOUR, PORTAL_ENOTFOUND, NULL },
		{ "estimate 999", priced, 999, PORTAL_LINE_LABOUR, PORTAL_ENOTFOUND, NULL },
	};

	lf.description = "Diagnosis";
	lf.unit_price = 12000;
	assert_int_equal(portal_estimate_line_add(NULL, p, sent, &lf), PORTAL_OK);
	assert_int_equal(portal_estimate_send(p, sent, 0), PORTAL_OK);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id out = -1;

		TH_CHECK_REFUSED(p, cases[i].what, portal_inspection_item_to_estimate(&out, p,
			cases[i].item, cases[i].estimate, cases[i].kind), cases[i].want,
			cases[i].field);
		if (out != -1)
			fail_msg("%s: the line id was written on failure", cases[i].what);
	}

	/* After all that, the item still becomes a line of the draft. */
	assert_int_equal(portal_inspection_item_to_estimate(NULL, p, priced, draft,
		PORTAL_LINE_OTHER_FEE), PORTAL_OK);
}

/* ---------------------------------------------------------------------
 * Walks and JSON.
 */

struct walk {
	portal_id ids[8];
	portal_condition worst[8];
	size_t n;
};

static int collect(const portal_inspection *in, void *ctx)
{
	struct walk *w = ctx;

	assert_true(w->n < ARRAY_LEN(w->ids));
	if (in->item_count != 0 || in->items != NULL)
		fail_msg("inspection %lld in a walk has items", (long long)in->id);
	w->ids[w->n] = in->id;
	w->worst[w->n] = in->worst;
	w->n++;
	return 0;
}

static void test_inspection__foreach_walks_newest_first_with_the_worst_condition(void **state)
{
	portal *p = *state;
	portal_id a = inspect(p, fx.alice_job, 0, 0, TH_NOW - 3 * DAY);
	portal_id b = inspect(p, fx.bob_job, 0, 0, TH_NOW - DAY);
	portal_id c = inspect(p, 0, fx.alice, fx.dishwasher, TH_NOW - 2 * DAY);
	struct walk all = { .n = 0 }, alice = { .n = 0 }, nobody = { .n = 0 };

	add_item(p, a, "Seal", PORTAL_CONDITION_GOOD, NULL, -1);
	add_item(p, a, "Relay", PORTAL_CONDITION_URGENT, NULL, -1);
	add_item(p, b, "Pads", PORTAL_CONDITION_NEEDS_ATTENTION, NULL, -1);
	assert_int_equal(portal_inspection_foreach(p, 0, collect, &all), PORTAL_OK);
	assert_int_equal(all.n, 3);
	assert_int_equal(all.ids[0], b);
	assert_int_equal(all.ids[1], c);
	assert_int_equal(all.ids[2], a);
	assert_int_equal(all.worst[0], PORTAL_CONDITION_NEEDS_ATTENTION);
	assert_int_equal(all.worst[1], 0);
	assert_int_equal(all.worst[2], PORTAL_CONDITION_URGENT);
	assert_int_equal(portal_inspection_foreach(p, fx.alice, collect, &alice), PORTAL_OK);
	assert_int_equal(alice.n, 2);
	assert_int_equal(alice.ids[0], c);
	assert_int_equal(alice.ids[1], a);
	assert_int_equal(portal_inspection_foreach(p, 999, collect, &nobody), PORTAL_OK);
	assert_int_equal(nobody.n, 0);
}

static void test_inspection__json_names_the_technician_without_a_phone(void **state)
{
	portal *p = *state;
	portal_id id = inspect(p, fx.alice_job, 0, 0, 0);
	portal_id good = add_item(p, id, "Seal", PORTAL_CONDITION_GOOD, NULL, -1);
	portal_id relay = add_item(p, id, "Start relay", PORTAL_CONDITION_URGENT,
		"Replace the start relay", 14550);
	portal_id line = 0;
	portal_buf doc = PORTAL_BUF_INIT;
	cJSON *o, *items, *it;

	assert_int_equal(portal_inspection_item_to_estimate(&line, p, relay,
		th_add_estimate(p, fx.alice, 0), PORTAL_LINE_LABOUR), PORTAL_OK);
	assert_int_equal(portal_inspection_json(&doc, p, id), PORTAL_OK);
	/* The technician's phone is for the shop only. */
	assert_false(th_contains(&doc, "4165550142"));
	assert_false(th_contains(&doc, "phone"));
	o = parse(&doc);
	assert_int_equal(json_number(o, "id"), id);
	assert_int_equal(json_number(o, "client_id"), fx.alice);
	assert_string_equal(json_string(o, "client_name"), "Alice Martin");
	assert_int_equal(json_number(o, "job_id"), fx.alice_job);
	assert_int_equal(json_number(o, "asset_id"), fx.fridge);
	assert_string_equal(json_string(o, "asset_label"), "Whirlpool WRF555SDFZ");
	assert_int_equal(json_number(o, "technician_id"), fx.sam);
	assert_string_equal(json_string(o, "technician_name"), "Sam Okafor");
	assert_string_equal(json_string(o, "inspected_at"), "2026-11-22T10:00:00-05:00");
	assert_string_equal(json_string(o, "summary"), "Yearly check");
	assert_string_equal(json_string(o, "worst"), "urgent");
	assert_string_equal(json_string(o, "worst_label"), "Urgent");
	items = cJSON_GetObjectItemCaseSensitive(o, "items");
	assert_int_equal(cJSON_GetArraySize(items), 2);
	it = cJSON_GetArrayItem(items, 0);
	assert_int_equal(json_number(it, "id"), good);
	assert_string_equal(json_string(it, "condition"), "good");
	assert_string_equal(json_string(it, "condition_label"), "Good");
	assert_true(json_is_null(it, "recommended_price"));
	assert_true(json_is_null(it, "estimate_line_id"));
	it = cJSON_GetArrayItem(items, 1);
	assert_int_equal(json_number(it, "position"), 2);
	assert_string_equal(json_string(it, "item"), "Start relay");
	assert_string_equal(json_string(it, "condition"), "urgent");
	assert_string_equal(json_string(it, "recommendation"), "Replace the start relay");
	assert_int_equal(json_number(it, "recommended_price"), 14550);
	assert_string_equal(json_string(it, "recommended_price_text"), "145.50");
	assert_int_equal(json_number(it, "estimate_line_id"), line);
	cJSON_Delete(o);
	portal_buf_dispose(&doc);

	/* Without job, asset or technician: nulls, and no worst condition. */
	{
		portal_inspection_fields f = PORTAL_INSPECTION_FIELDS_INIT;

		f.client_id = fx.bob;
		assert_int_equal(portal_inspection_add(&id, p, &f), PORTAL_OK);
	}
	assert_int_equal(portal_inspection_json(&doc, p, id), PORTAL_OK);
	o = parse(&doc);
	assert_true(json_is_null(o, "job_id"));
	assert_true(json_is_null(o, "asset_id"));
	assert_true(json_is_null(o, "asset_label"));
	assert_true(json_is_null(o, "technician_name"));
	assert_true(json_is_null(o, "worst"));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(o, "items")), 0);
	cJSON_Delete(o);
	portal_buf_dispose(&doc);

	assert_int_equal(portal_inspection_list_json(&doc, p, fx.alice), PORTAL_OK);
	o = parse(&doc);
	assert_int_equal(cJSON_GetArraySize(o), 1);
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(
		cJSON_GetArrayItem(o, 0), "items")), 2);
	cJSON_Delete(o);
	portal_buf_dispose(&doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(test_inspection__##name, setup, teardown)
		T(on_a_job_takes_its_client_and_asset),
		T(given_client_and_asset_are_kept),
		T(another_clients_job_or_asset_is_refused),
		T(fields_of_an_unknown_version_are_refused),
		T(items_keep_their_order_and_the_worst_condition),
		T(item_fields_are_trimmed_and_kept),
		T(invalid_items_are_refused),
		T(item_of_a_missing_inspection_is_not_found),
		T(condition_names_labels_and_parsing),
		T(item_becomes_an_estimate_line_once),
		T(item_to_estimate_refusals),
		T(foreach_walks_newest_first_with_the_worst_condition),
		T(json_names_the_technician_without_a_phone),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
