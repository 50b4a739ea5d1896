/* SPDX-License-Identifier: MIT */
/*
 * test_client.c - unit tests for clients, service addresses, assets and
 * technicians (client.c, address.c, asset.c, tech.c).
 *
 * Every test runs on a fresh shop database whose clock is fixed at TH_NOW
 * (2026-11-22T15:00:00Z, 10:00 in Toronto). Every refusal is checked three
 * ways: the return code, the field named by portal_errfield(), and a
 * fingerprint of the whole database taken before and after the call.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "fixtures.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* For th_check_refusal(): any field may be named, but one must be. */

/* 2027-01-01T03:00:00Z: 22:00 on 2026-12-31 in Toronto. */
#define NEW_YEAR_UTC ((portal_time)1798772400)
/* 2026-11-23T03:00:00Z: 22:00 on 2026-11-22 in Toronto. */
#define LATE_EVENING ((portal_time)1795402800)

/* ---------------------------------------------------------------------
 * Fixtures and helpers.
 */

static int setup(void **state)
{
	*state = th_open();
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static portal_client *get_client(portal *p, portal_id id)
{
	portal_client *c = NULL;

	assert_int_equal(portal_client_get(&c, p, id), PORTAL_OK);
	assert_non_null(c);
	return c;
}

/* The address of the format example: unit 5, 120 King St W. */
static portal_address_fields king_street(void)
{
	portal_address_fields f = PORTAL_ADDRESS_FIELDS_INIT;

	f.house_number = "120";
	f.unit = "5";
	f.street = "King St W";
	f.city = "Toronto";
	f.region = "ON";
	f.postal_code = "M5H 1J9";
	return f;
}

static portal_address *get_address(portal *p, portal_id id)
{
	portal_address *a = NULL;

	assert_int_equal(portal_address_get(&a, p, id), PORTAL_OK);
	assert_non_null(a);
	return a;
}

static portal_asset_fields fridge(void)
{
	portal_asset_fields f = PORTAL_ASSET_FIELDS_INIT;

	f.kind = PORTAL_ASSET_APPLIANCE;
	f.category = "Refrigerator";
	f.make = "Whirlpool";
	f.model = "WRF555SDFZ";
	f.serial = "K81234567";
	f.year = 2019;
	f.acquired_on = "2019-06-14";
	return f;
}

static portal_asset_fields truck(void)
{
	portal_asset_fields f = PORTAL_ASSET_FIELDS_INIT;

	f.kind = PORTAL_ASSET_VEHICLE;
	f.category = "Truck";
	f.make = "Freightliner";
	f.model = "M2";
	f.vin = "1M8GDM9AXKP042788";
	f.year = 2019;
	return f;
}

static portal_asset *get_asset(portal *p, portal_id id)
{
	portal_asset *a = NULL;

	assert_int_equal(portal_asset_get(&a, p, id), PORTAL_OK);
	assert_non_null(a);
	return a;
}

/* A string of `n` copies of `s`; the caller frees it. */
static char *repeat(const char *s, size_t n)
{
	size_t len = strlen(s);
	char *out = malloc(len * n + 1);

	assert_non_null(out);
	for (size_t i = 0; i < n; i++)
		memcpy(out + i * len, s, len);
	out[len * n] = '\0';
	return out;
}

/* What a foreach walk saw. */
struct walk {
	char names[16][128];
	portal_id ids[16];
	size_t n;
	size_t stop_at;     /* return `stop_with` from this call (1-based); 0 never */
	int stop_with;
};

static int collect_client(const portal_client *c, void *ctx)
{
	struct walk *w = ctx;

	assert_true(w->n < ARRAY_LEN(w->names));
	snprintf(w->names[w->n], sizeof(w->names[0]), "%s", c->name);
	w->ids[w->n] = c->id;
	w->n++;
	return w->n == w->stop_at ? w->stop_with : 0;
}

static int collect_tech(const portal_tech *t, void *ctx)
{
	struct walk *w = ctx;

	assert_true(w->n < ARRAY_LEN(w->names));
	snprintf(w->names[w->n], sizeof(w->names[0]), "%s", t->name);
	w->ids[w->n] = t->id;
	w->n++;
	return w->n == w->stop_at ? w->stop_with : 0;
}

static int collect_address(const portal_address *a, void *ctx)
{
	struct walk *w = ctx;

	assert_true(w->n < ARRAY_LEN(w->names));
	snprintf(w->names[w->n], sizeof(w->names[0]), "%s", a->house_number);
	w->ids[w->n] = a->id;
	w->n++;
	return w->n == w->stop_at ? w->stop_with : 0;
}

static int collect_asset(const portal_asset *a, void *ctx)
{
	struct walk *w = ctx;

	assert_true(w->n < ARRAY_LEN(w->names));
	snprintf(w->names[w->n], sizeof(w->names[0]), "%s", a->make);
	w->ids[w->n] = a->id;
	w->n++;
	return w->n == w->stop_at ? w->stop_with : 0;
}

/* Check that a walk saw exactly `want` (a NULL-terminated list), in order. */
static void check_walk(const struct walk *w, const char *what, const char *const *want)
{
	size_t n = 0;

	while (want[n] != NULL)
		n++;
	for (size_t i = 0; i < n && i < w->n; i++)
		if (strcmp(w->names[i], want[i]) != 0)
			fail_msg("%s: item %zu is \"%s\", want \"%s\"", what, i,
				w->names[i], want[i]);
	if (w->n != n)
		fail_msg("%s: saw %zu items, want %zu", what, w->n, n);
}

static cJSON *parse_json(const portal_buf *buf)
{
	cJSON *root;

	assert_non_null(buf->ptr);
	assert_int_equal(strlen(buf->ptr), buf->size);
	root = cJSON_Parse(buf->ptr);
	if (root == NULL)
		fail_msg("not JSON: %s", buf->ptr);
	return root;
}

static const char *json_string(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	if (!cJSON_IsString(v))
		fail_msg("\"%s\" is not a string", key);
	return v->valuestring;
}

/* ---------------------------------------------------------------------
 * Clients: adding and reading.
 */

static void test_client__add_with_every_field_reads_back_normalised(void **state)
{
	portal *p = *state;
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	portal_client *c;
	portal_id id = 0;

	f.name = "  Zoë Laurent  ";
	f.email = "Zoe.Laurent@Example.COM";
	f.phone = "416-555-0199";
	f.sms_consent = 1;
	f.notes = "Gate code 4410\r\nDog in the yard";
	assert_int_equal(portal_client_add(&id, p, &f), PORTAL_OK);
	assert_true(id > 0);

	c = get_client(p, id);
	assert_int_equal(c->id, id);
	assert_string_equal(c->name, "Zoë Laurent");
	assert_string_equal(c->email, "Zoe.Laurent@example.com");
	assert_string_equal(c->phone, "+14165550199");
	assert_int_equal(c->sms_consent, 1);
	assert_int_equal(c->sms_consent_at, TH_NOW);
	assert_int_equal(c->portal_enabled, 1);
	assert_string_equal(c->notes, "Gate code 4410\nDog in the yard");
	assert_int_equal(c->created_at, TH_NOW);
	portal_client_free(c);
}

static void test_client__add_without_optional_fields_gives_empty_strings(void **state)
{
	portal *p = *state;
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	portal_client *c;
	portal_id id = 0;

	f.name = "Björn Andersson";
	assert_int_equal(portal_client_add(&id, p, &f), PORTAL_OK);
	c = get_client(p, id);
	assert_string_equal(c->name, "Björn Andersson");
	assert_string_equal(c->email, "");
	assert_string_equal(c->phone, "");
	assert_string_equal(c->notes, "");
	assert_int_equal(c->sms_consent, 0);
	assert_int_equal(c->sms_consent_at, 0);
	portal_client_free(c);
}

static void test_client__add_without_consent_leaves_sms_consent_at_zero(void **state)
{
	portal *p = *state;
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	portal_client *c;
	portal_id id = 0;

	f.name = "Siobhán O'Connor";
	f.phone = "416-555-0105";
	f.sms_consent = 0;
	assert_int_equal(portal_client_add(&id, p, &f), PORTAL_OK);
	c = get_client(p, id);
	assert_int_equal(c->sms_consent, 0);
	assert_int_equal(c->sms_consent_at, 0);
	portal_client_free(c);
}

static void test_client__add_accepts_a_null_id_pointer(void **state)
{
	portal *p = *state;
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	struct walk w = { .n = 0 };

	f.name = "Nobody Counts";
	assert_int_equal(portal_client_add(NULL, p, &f), PORTAL_OK);
	assert_int_equal(portal_client_foreach(p, NULL, collect_client, &w), 0);
	assert_int_equal(w.n, 1);
	assert_string_equal(w.names[0], "Nobody Counts");
}

static void test_client__phone_forms_are_normalised_to_e164(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "416-555-0199", "+14165550199" },
		{ "(416) 555-0199", "+14165550199" },
		{ "416.555.0199", "+14165550199" },
		{ "4165550199", "+14165550199" },
		{ "1-416-555-0199", "+14165550199" },
		{ "+1 416 555 0199", "+14165550199" },
		{ "  416 555 0199  ", "+14165550199" },
		{ "+49 30 5550 1034", "+493055501034" },
		{ "+44 20 7946 0958", "+442079460958" },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
		portal_client *c;
		portal_id id = 0;
		int rc;

		f.name = "Phone Test";
		f.phone = cases[i].in;
		if ((rc = portal_client_add(&id, p, &f)) != PORTAL_OK)
			fail_msg("row %zu (\"%s\"): refused with %d (%s)", i, cases[i].in, rc,
				portal_errmsg(p));
		c = get_client(p, id);
		if (strcmp(c->phone, cases[i].want) != 0)
			fail_msg("row %zu (\"%s\"): stored \"%s\", want \"%s\"", i, cases[i].in,
				c->phone, cases[i].want);
		portal_client_free(c);
	}
}

static void test_client__name_is_required_and_changes_nothing(void **state)
{
	portal *p = *state;
	char *too_long = repeat("a", 121);
	const struct {
		const char *name;
	} cases[] = {
		{ NULL }, { "" }, { "   " }, { "\t\n" }, { too_long }, { "Bad\x01Name" },
		{ "Line\nBreak" }, { "\xff\xfe" },
	};

	th_add_client(p, "Existing Client");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
		portal_id id = -1;
		char what[64];

		f.name = cases[i].name;
		f.email = "ok@example.com";
		snprintf(what, sizeof(what), "row %zu", i);
		TH_CHECK_REFUSED(p, what, portal_client_add(&id, p, &f), PORTAL_EINVAL,
			"client.name");
		if (id != -1)
			fail_msg("row %zu: the id was written on failure", i);
	}
	free(too_long);
}

static void test_client__name_length_counts_characters_not_bytes(void **state)
{
	portal *p = *state;
	char *name120 = repeat("é", 120), *name121 = repeat("é", 121);
	portal_client *c;
	portal_id id;

	id = th_add_client(p, name120);
	c = get_client(p, id);
	assert_string_equal(c->name, name120);
	portal_client_free(c);
	{
		portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
		f.name = name121;
		TH_CHECK_REFUSED(p, "121 characters", portal_client_add(NULL, p, &f),
			PORTAL_EINVAL, "client.name");
	}
	free(name120);
	free(name121);
}

static void test_client__valid_emails_are_kept_with_the_domain_lower_cased(void **state)
{
	static const struct {
		const char *in, *want;
	} cases[] = {
		{ "bob@example.com", "bob@example.com" },
		{ " Bob.Smith@Example.COM ", "Bob.Smith@example.com" },
		{ "bob+repairs@mail.example.co.uk", "bob+repairs@mail.example.co.uk" },
		{ "o'connor@example.ie", "o'connor@example.ie" },
		{ "x@my-shop.example.ca", "x@my-shop.example.ca" },
		{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com",
		  "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com" },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
		portal_client *c;
		portal_id id = 0;
		int rc;

		f.name = "Email Test";
		f.email = cases[i].in;
		if ((rc = portal_client_add(&id, p, &f)) != PORTAL_OK)
			fail_msg("row %zu (\"%s\"): refused with %d (%s)", i, cases[i].in, rc,
				portal_errmsg(p));
		c = get_client(p, id);
		if (strcmp(c->email, cases[i].want) != 0)
			fail_msg("row %zu (\"%s\"): stored \"%s\", want \"%s\"", i, cases[i].in,
				c->email, cases[i].want);
		portal_client_free(c);
	}
}

static void test_client__invalid_email_changes_nothing(void **state)
{
	static const char *const cases[] = {
		"bob",
		"bob@",
		"@example.com",
		"bob@example",
		"bob@localhost",
		"bob@@example.com",
		"bob smith@example.com",
		"bob..smith@example.com",
		".bob@example.com",
		"bob.@example.com",
		"bob@-example.com",
		"bob@example-.com",
		"bob@example..com",
		"bob@example.c",
		"bob@exa mple.com",
		"bob(at)example.com",
		"bob@example.com.",
		/* 65 characters before the @ (64 is the limit) */
		"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa@example.com",
		/* a label of 64 characters */
		"bob@aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com",
	};
	portal *p = *state;

	th_add_client(p, "Existing Client");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
		char what[80];

		f.name = "Bob Smith";
		f.email = cases[i];
		snprintf(what, sizeof(what), "row %zu (\"%s\")", i, cases[i]);
		TH_CHECK_REFUSED(p, what, portal_client_add(NULL, p, &f), PORTAL_EINVAL,
			"client.email");
	}
}

static void test_client__invalid_phone_changes_nothing(void **state)
{
	static const char *const cases[] = {
		"555-0199",             /* no area code */
		"416-555-019",          /* 9 digits */
		"416-555-01999",        /* 11 digits not starting with 1 */
		"116-555-0199",         /* area code starts with 1 */
		"416-155-0199",         /* exchange starts with 1 */
		"+1 116 555 0199",
		"+1 416 555 019",
		"+0 416 555 0199",      /* no country code 0 */
		"+12345",               /* too short */
		"+1234567890123456",    /* 16 digits, E.164 allows 15 */
		"416-555-CALL",
		"416-555-0199 ext 2",
		"416+555-0199",
		"phone",
	};
	portal *p = *state;

	th_add_client(p, "Existing Client");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
		char what[80];

		f.name = "Bob Smith";
		f.phone = cases[i];
		snprintf(what, sizeof(what), "row %zu (\"%s\")", i, cases[i]);
		TH_CHECK_REFUSED(p, what, portal_client_add(NULL, p, &f), PORTAL_EINVAL,
			"client.phone");
	}
}

static void test_client__sms_consent_without_a_phone_changes_nothing(void **state)
{
	static const char *const phones[] = { NULL, "", "   " };
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(phones); i++) {
		portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
		char what[64];

		f.name = "Ayşe Yılmaz";
		f.phone = phones[i];
		f.sms_consent = 1;
		snprintf(what, sizeof(what), "row %zu", i);
		TH_CHECK_REFUSED(p, what, portal_client_add(NULL, p, &f), PORTAL_EINVAL,
			"client.sms_consent");
	}
}

static void test_client__sms_consent_other_than_0_or_1_is_refused(void **state)
{
	portal *p = *state;
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;

	f.name = "Ayşe Yılmaz";
	f.phone = "416-555-0109";
	f.sms_consent = 2;
	TH_CHECK_REFUSED(p, "sms_consent 2", portal_client_add(NULL, p, &f), PORTAL_EINVAL,
		"client.sms_consent");
}

static void test_client__fields_of_an_unknown_version_are_refused(void **state)
{
	portal *p = *state;
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	portal_id id = th_add_client(p, "Existing Client");

	f.version = PORTAL_CLIENT_FIELDS_VERSION + 1;
	f.name = "Versioned";
	TH_CHECK_REFUSED(p, "add, version 2", portal_client_add(NULL, p, &f), PORTAL_EINVAL, NULL);
	TH_CHECK_REFUSED(p, "add, NULL", portal_client_add(NULL, p, NULL), PORTAL_EINVAL, NULL);
	TH_CHECK_REFUSED(p, "update, version 2", portal_client_update(p, id, &f), PORTAL_EINVAL,
		NULL);
	TH_CHECK_REFUSED(p, "update, NULL", portal_client_update(p, id, NULL), PORTAL_EINVAL, NULL);
}

/* ---------------------------------------------------------------------
 * Clients: updating.
 */

/* A client with every field, added at TH_NOW with SMS consent. */
static portal_id add_full_client(portal *p)
{
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	portal_id id = 0;

	f.name = "Amélie Côté";
	f.email = "amelie.cote@example.ca";
	f.phone = "514-555-0104";
	f.sms_consent = 1;
	f.notes = "Prefers mornings";
	assert_int_equal(portal_client_add(&id, p, &f), PORTAL_OK);
	return id;
}

static void test_client__update_changes_only_given_fields(void **state)
{
	portal *p = *state;
	portal_id id = add_full_client(p);
	portal_id other = th_add_reachable_client(p, "Other", "o@example.com", NULL,
		PORTAL_UNCHANGED);
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	portal_client *c, *o;

	portal_set_now(p, TH_NOW + 3600);
	f.email = "AMELIE@Example.CA";
	assert_int_equal(portal_client_update(p, id, &f), PORTAL_OK);
	c = get_client(p, id);
	assert_string_equal(c->name, "Amélie Côté");
	assert_string_equal(c->email, "AMELIE@example.ca");
	assert_string_equal(c->phone, "+15145550104");
	assert_int_equal(c->sms_consent, 1);
	assert_int_equal(c->sms_consent_at, TH_NOW);
	assert_string_equal(c->notes, "Prefers mornings");
	assert_int_equal(c->created_at, TH_NOW);
	portal_client_free(c);

	f.email = NULL;
	f.name = "Amélie Côté-Tremblay";
	f.phone = "+1 438 555 0100";
	assert_int_equal(portal_client_update(p, id, &f), PORTAL_OK);
	c = get_client(p, id);
	assert_string_equal(c->name, "Amélie Côté-Tremblay");
	assert_string_equal(c->email, "AMELIE@example.ca");
	assert_string_equal(c->phone, "+14385550100");
	assert_string_equal(c->notes, "Prefers mornings");
	assert_int_equal(c->sms_consent_at, TH_NOW);
	portal_client_free(c);

	/* The other client is untouched. */
	o = get_client(p, other);
	assert_string_equal(o->name, "Other");
	assert_string_equal(o->email, "o@example.com");
	portal_client_free(o);
}

static void test_client__update_with_no_fields_changes_nothing(void **state)
{
	portal *p = *state;
	portal_id id = add_full_client(p);
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	char *before = th_fingerprint(th_db_path()), *after;

	portal_set_now(p, TH_NOW + 60);
	assert_int_equal(portal_client_update(p, id, &f), PORTAL_OK);
	after = th_fingerprint(th_db_path());
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_client__update_with_empty_string_clears_optional_fields(void **state)
{
	portal *p = *state;
	portal_id id = add_full_client(p);
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	portal_client *c;

	f.email = "";
	f.notes = "";
	f.phone = "";
	f.sms_consent = 0;
	assert_int_equal(portal_client_update(p, id, &f), PORTAL_OK);
	c = get_client(p, id);
	assert_string_equal(c->name, "Amélie Côté");
	assert_string_equal(c->email, "");
	assert_string_equal(c->phone, "");
	assert_string_equal(c->notes, "");
	assert_int_equal(c->sms_consent, 0);
	portal_client_free(c);
}

static void test_client__invalid_update_leaves_the_row_as_it_was(void **state)
{
	static const struct {
		const char *name, *email, *phone, *notes;
		int sms;
		const char *field;
	} cases[] = {
		{ "New Name", "not-an-email", NULL, NULL, PORTAL_UNCHANGED, "client.email" },
		{ "New Name", "new@example.com", "123", NULL, PORTAL_UNCHANGED, "client.phone" },
		{ NULL, "new@example.com", NULL, "bell\a", PORTAL_UNCHANGED, "client.notes" },
		{ "", "new@example.com", NULL, NULL, PORTAL_UNCHANGED, "client.name" },
		{ "   ", NULL, NULL, "new notes", PORTAL_UNCHANGED, "client.name" },
		/* Clearing the phone while the client consents to SMS. */
		{ "New Name", NULL, "", NULL, PORTAL_UNCHANGED, "client.sms_consent" },
		{ "New Name", NULL, "", NULL, 1, "client.sms_consent" },
		{ "New Name", NULL, NULL, NULL, 7, "client.sms_consent" },
	};
	portal *p = *state;
	portal_id id = add_full_client(p);

	portal_set_now(p, TH_NOW + 3600);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
		portal_client *c;
		char what[64];

		f.name = cases[i].name;
		f.email = cases[i].email;
		f.phone = cases[i].phone;
		f.notes = cases[i].notes;
		f.sms_consent = cases[i].sms;
		snprintf(what, sizeof(what), "row %zu", i);
		TH_CHECK_REFUSED(p, what, portal_client_update(p, id, &f), PORTAL_EINVAL,
			cases[i].field);
		c = get_client(p, id);
		if (strcmp(c->name, "Amélie Côté") != 0 ||
		    strcmp(c->email, "amelie.cote@example.ca") != 0 ||
		    strcmp(c->phone, "+15145550104") != 0 || c->sms_consent != 1 ||
		    c->sms_consent_at != TH_NOW)
			fail_msg("row %zu: the client changed", i);
		portal_client_free(c);
	}
}

static void test_client__sms_consent_at_moves_only_when_consent_changes(void **state)
{
	static const struct {
		portal_time now;
		int sms;                 /* given to update */
		const char *name;        /* given to update */
		int want_sms;
		portal_time want_at;
	} steps[] = {
		{ TH_NOW + 3600, PORTAL_UNCHANGED, "Renamed Once", 1, TH_NOW },
		{ TH_NOW + 7200, 1, NULL, 1, TH_NOW },                 /* same consent */
		{ TH_NOW + 10800, 0, NULL, 0, TH_NOW + 10800 },        /* withdrawn */
		{ TH_NOW + 14400, 0, "Renamed Twice", 0, TH_NOW + 10800 },
		{ TH_NOW + 18000, PORTAL_UNCHANGED, NULL, 0, TH_NOW + 10800 },
		{ TH_NOW + 21600, 1, NULL, 1, TH_NOW + 21600 },        /* given again */
	};
	portal *p = *state;
	portal_id id = add_full_client(p);

	for (size_t i = 0; i < ARRAY_LEN(steps); i++) {
		portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
		portal_client *c;
		int rc;

		portal_set_now(p, steps[i].now);
		f.sms_consent = steps[i].sms;
		f.name = steps[i].name;
		if ((rc = portal_client_update(p, id, &f)) != PORTAL_OK)
			fail_msg("step %zu: %d (%s)", i, rc, portal_errmsg(p));
		c = get_client(p, id);
		if (c->sms_consent != steps[i].want_sms || c->sms_consent_at != steps[i].want_at)
			fail_msg("step %zu: consent %d at %lld, want %d at %lld", i,
				c->sms_consent, (long long)c->sms_consent_at, steps[i].want_sms,
				(long long)steps[i].want_at);
		portal_client_free(c);
	}
}

static void test_client__consent_given_on_update_needs_a_phone(void **state)
{
	portal *p = *state;
	portal_id id = th_add_reachable_client(p, "No Phone", "np@example.com", NULL,
		PORTAL_UNCHANGED);
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	portal_client *c;

	f.sms_consent = 1;
	TH_CHECK_REFUSED(p, "consent without phone", portal_client_update(p, id, &f),
		PORTAL_EINVAL, "client.sms_consent");

	/* With the phone in the same update it is accepted. */
	portal_set_now(p, TH_NOW + 600);
	f.phone = "647-555-0102";
	assert_int_equal(portal_client_update(p, id, &f), PORTAL_OK);
	c = get_client(p, id);
	assert_int_equal(c->sms_consent, 1);
	assert_int_equal(c->sms_consent_at, TH_NOW + 600);
	assert_string_equal(c->phone, "+16475550102");
	portal_client_free(c);
}

static void test_client__update_of_a_missing_client_is_not_found(void **state)
{
	static const portal_id ids[] = { 0, -1, 2, 999999 };
	portal *p = *state;

	th_add_client(p, "Only Client");
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
		char what[64];

		f.name = "Ghost";
		snprintf(what, sizeof(what), "id %lld", (long long)ids[i]);
		TH_CHECK_REFUSED(p, what, portal_client_update(p, ids[i], &f), PORTAL_ENOTFOUND,
			NULL);
	}
}

static void test_client__get_of_a_missing_client_is_not_found(void **state)
{
	static const portal_id ids[] = { 0, -1, 2, 999999 };
	portal *p = *state;

	th_add_client(p, "Only Client");
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		portal_client *c = NULL;
		int rc = portal_client_get(&c, p, ids[i]);

		if (rc != PORTAL_ENOTFOUND)
			fail_msg("id %lld: returned %d, want PORTAL_ENOTFOUND", (long long)ids[i], rc);
		assert_null(portal_errfield(p));
		portal_client_free(c);
	}
}

static void test_client__free_null_is_a_no_op(void **state)
{
	portal_buf empty = PORTAL_BUF_INIT;

	(void)state;
	portal_client_free(NULL);
	portal_address_free(NULL);
	portal_asset_free(NULL);
	portal_tech_free(NULL);
	portal_buf_dispose(NULL);
	portal_buf_dispose(&empty);
	assert_null(empty.ptr);
}

/* ---------------------------------------------------------------------
 * Clients: walking and searching.
 */

static void add_search_clients(portal *p)
{
	th_add_reachable_client(p, "carol Diaz", "carol@example.org", "905-555-0106",
		PORTAL_UNCHANGED);
	th_add_reachable_client(p, "Alice Martin", "alice@example.com", "416-555-0101",
		PORTAL_UNCHANGED);
	th_add_reachable_client(p, "bob Stone", "BOB@Example.NET", NULL, PORTAL_UNCHANGED);
	th_add_reachable_client(p, "Alice", NULL, "647-555-0102", PORTAL_UNCHANGED);
	th_add_reachable_client(p, "100% Appliances", "sales@hundred.example.com", NULL,
		PORTAL_UNCHANGED);
	th_add_client(p, "1000 Appliances");
	th_add_client(p, "Ann_Marie Roy");
	th_add_client(p, "Annamarie Roy");
}

static void test_client__foreach_walks_all_clients_by_name(void **state)
{
	static const char *const want[] = {
		"100% Appliances", "1000 Appliances", "Alice", "Alice Martin", "Ann_Marie Roy",
		"Annamarie Roy", "bob Stone", "carol Diaz", NULL,
	};
	portal *p = *state;
	struct walk w = { .n = 0 };

	add_search_clients(p);
	assert_int_equal(portal_client_foreach(p, NULL, collect_client, &w), 0);
	check_walk(&w, "search NULL", want);
	memset(&w, 0, sizeof(w));
	assert_int_equal(portal_client_foreach(p, "", collect_client, &w), 0);
	check_walk(&w, "search \"\"", want);
}

static void test_client__foreach_on_an_empty_shop_calls_nothing(void **state)
{
	portal *p = *state;
	struct walk w = { .n = 0 };

	assert_int_equal(portal_client_foreach(p, NULL, collect_client, &w), 0);
	assert_int_equal(w.n, 0);
}

static void test_client__foreach_search_matches_name_email_or_phone(void **state)
{
	static const struct {
		const char *search;
		const char *want[8];
	} cases[] = {
		{ "ALICE", { "Alice", "Alice Martin", NULL } },
		{ "alice", { "Alice", "Alice Martin", NULL } },
		{ "mARtin", { "Alice Martin", NULL } },
		{ "BOB", { "bob Stone", NULL } },
		{ "example.net", { "bob Stone", NULL } },
		{ "EXAMPLE.ORG", { "carol Diaz", NULL } },
		{ "9055550106", { "carol Diaz", NULL } },
		{ "+1647", { "Alice", NULL } },
		/* Phones are searched as people write them. */
		{ "(905) 555-0106", { "carol Diaz", NULL } },
		{ "905-555", { "carol Diaz", NULL } },
		{ "appliances", { "100% Appliances", "1000 Appliances", NULL } },
		{ "roy", { "Ann_Marie Roy", "Annamarie Roy", NULL } },
		{ "nobody", { NULL } },
	};
	portal *p = *state;

	add_search_clients(p);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct walk w = { .n = 0 };
		char what[64];
		int rc = portal_client_foreach(p, cases[i].search, collect_client, &w);

		snprintf(what, sizeof(what), "row %zu (\"%s\")", i, cases[i].search);
		if (rc != 0)
			fail_msg("%s: returned %d", what, rc);
		check_walk(&w, what, cases[i].want);
	}
}

static void test_client__foreach_search_with_percent_or_underscore_matches_literally(void **state)
{
	static const struct {
		const char *search;
		const char *want[4];
	} cases[] = {
		{ "%", { "100% Appliances", NULL } },
		{ "100%", { "100% Appliances", NULL } },
		{ "0% a", { "100% Appliances", NULL } },
		{ "_", { "Ann_Marie Roy", NULL } },
		{ "n_m", { "Ann_Marie Roy", NULL } },
		{ "%%", { NULL } },
		{ "a%e", { NULL } },
		{ "a_i", { NULL } },
	};
	portal *p = *state;

	add_search_clients(p);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct walk w = { .n = 0 };
		char what[64];

		snprintf(what, sizeof(what), "row %zu (\"%s\")", i, cases[i].search);
		assert_int_equal(portal_client_foreach(p, cases[i].search, collect_client, &w), 0);
		check_walk(&w, what, cases[i].want);
	}
}

static void test_client__foreach_search_with_a_backslash_matches_literally(void **state)
{
	static const struct {
		const char *search;
		const char *want[3];
	} cases[] = {
		{ "\\", { "Back\\Slash", NULL } },
		{ "k\\s", { "Back\\Slash", NULL } },
		{ "\\%", { NULL } },
		{ "\\_", { NULL } },
	};
	portal *p = *state;

	th_add_client(p, "Back\\Slash");
	th_add_client(p, "Backslash");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct walk w = { .n = 0 };
		char what[64];

		snprintf(what, sizeof(what), "row %zu (\"%s\")", i, cases[i].search);
		assert_int_equal(portal_client_foreach(p, cases[i].search, collect_client, &w), 0);
		check_walk(&w, what, cases[i].want);
	}
}

/* A search longer than any name, email or phone finds nobody, and is no
 * error however long it is. */
static void test_client__foreach_search_longer_than_any_field_finds_nobody(void **state)
{
	portal *p = *state;
	struct walk w = { .n = 0 };
	size_t len = 100000;
	char *search = malloc(len + 1);

	assert_non_null(search);
	memset(search, 'a', len);
	search[len] = '\0';
	add_search_clients(p);
	assert_int_equal(portal_client_foreach(p, search, collect_client, &w), 0);
	assert_int_equal(w.n, 0);
	search[120] = '\0';
	assert_int_equal(portal_client_foreach(p, search, collect_client, &w), 0);
	assert_int_equal(w.n, 0);
	free(search);
}

/* Case is folded for A-Z only, and folded names sort by code point: the
 * rule of every store, whatever its database (sqlite_dialect.h). */
static void test_client__foreach_folds_the_case_of_a_to_z_only(void **state)
{
	static const struct {
		const char *search;
		const char *want[6];
	} cases[] = {
		{ NULL, { "Emile Roy", "zed Roy", "Zoë Roy", "Émile Roy", "émile Roy", NULL } },
		{ "EMILE", { "Emile Roy", NULL } },
		{ "ÉMILE", { "Émile Roy", NULL } },
		{ "émile", { "émile Roy", NULL } },
		{ "ZOË", { NULL } },
		{ "zoë", { "Zoë Roy", NULL } },
	};
	portal *p = *state;

	th_add_client(p, "Zoë Roy");
	th_add_client(p, "Émile Roy");
	th_add_client(p, "émile Roy");
	th_add_client(p, "Emile Roy");
	th_add_client(p, "zed Roy");
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct walk w = { .n = 0 };
		char what[64];

		snprintf(what, sizeof(what), "row %zu (\"%s\")", i,
			cases[i].search ? cases[i].search : "NULL");
		assert_int_equal(portal_client_foreach(p, cases[i].search, collect_client, &w), 0);
		check_walk(&w, what, cases[i].want);
	}
}

static void test_client__foreach_stops_when_the_callback_returns_non_zero(void **state)
{
	static const struct {
		size_t stop_at;
		int stop_with;
	} cases[] = { { 1, 1 }, { 2, 42 }, { 3, -7 }, { 8, 5 } };
	portal *p = *state;

	add_search_clients(p);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		struct walk w = { .n = 0 };
		int rc;

		w.stop_at = cases[i].stop_at;
		w.stop_with = cases[i].stop_with;
		rc = portal_client_foreach(p, NULL, collect_client, &w);
		if (rc != cases[i].stop_with || w.n != cases[i].stop_at)
			fail_msg("row %zu: returned %d after %zu calls, want %d after %zu", i, rc,
				w.n, cases[i].stop_with, cases[i].stop_at);
	}
	/* The walk can run again in full after being stopped. */
	{
		struct walk w = { .n = 0 };
		assert_int_equal(portal_client_foreach(p, NULL, collect_client, &w), 0);
		assert_int_equal(w.n, 8);
	}
}

/* ---------------------------------------------------------------------
 * Addresses.
 */

static void test_client__address_add_reads_back_normalised(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Łukasz Kowalski"), id;
	portal_address_fields f = PORTAL_ADDRESS_FIELDS_INIT;
	portal_address *a;

	f.house_number = " 48 ";
	f.unit = "2";
	f.street = "Roncesvalles Ave";
	f.city = "Toronto";
	f.region = "ON";
	f.postal_code = "m6r2k3";
	f.has_location = 1;
	f.latitude = 43.6424;
	f.longitude = -79.4488;
	id = th_add_address_fields(p, client, &f);

	a = get_address(p, id);
	assert_int_equal(a->id, id);
	assert_int_equal(a->client_id, client);
	assert_string_equal(a->house_number, "48");
	assert_string_equal(a->unit, "2");
	assert_string_equal(a->street, "Roncesvalles Ave");
	assert_string_equal(a->city, "Toronto");
	assert_string_equal(a->region, "ON");
	assert_string_equal(a->postal_code, "M6R 2K3");
	assert_string_equal(a->country, "CA");
	assert_int_equal(a->has_location, 1);
	assert_true(a->latitude == 43.6424);
	assert_true(a->longitude == -79.4488);
	portal_address_free(a);
}

static void test_client__address_without_location_has_none(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Jürgen Müller"), id;
	portal_address_fields f = king_street();
	portal_address *a;

	f.unit = NULL;
	f.region = NULL;
	f.postal_code = NULL;
	f.latitude = 999.0;     /* ignored: has_location is 0 */
	id = th_add_address_fields(p, client, &f);
	a = get_address(p, id);
	assert_int_equal(a->has_location, 0);
	assert_string_equal(a->unit, "");
	assert_string_equal(a->region, "");
	assert_string_equal(a->postal_code, "");
	assert_string_equal(a->country, "CA");
	portal_address_free(a);
}

static void test_client__postal_codes_are_checked_and_normalised(void **state)
{
	static const struct {
		const char *country, *in, *want;   /* want NULL: refused */
	} cases[] = {
		{ NULL, "m6r2k3", "M6R 2K3" },
		{ "CA", "M6R 2K3", "M6R 2K3" },
		{ "ca", "m6r-2k3", "M6R 2K3" },
		{ NULL, "  m5h 1j9 ", "M5H 1J9" },
		{ NULL, "", "" },
		{ "US", "10001", "10001" },
		{ "us", "10001-1234", "10001-1234" },
		{ "GB", "SW1A 1AA", "SW1A 1AA" },
		{ NULL, "M6R 2K", NULL },
		{ NULL, "M6R 2K33", NULL },
		{ NULL, "D6R 2K3", NULL },      /* D never starts a code */
		{ NULL, "W6R 2K3", NULL },
		{ NULL, "M6R 2KO", NULL },
		{ NULL, "123456", NULL },
		{ NULL, "10001", NULL },
		{ "US", "1000", NULL },
		{ "US", "ABCDE", NULL },
		{ "US", "M6R 2K3", NULL },
		{ "GB", "SW1A_1AA", NULL },
	};
	portal *p = *state;
	portal_id client = th_add_client(p, "Postal Tester");

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_address_fields f = king_street();
		char what[80];

		f.country = cases[i].country;
		f.postal_code = cases[i].in;
		snprintf(what, sizeof(what), "row %zu (%s \"%s\")", i,
			cases[i].country ? cases[i].country : "default", cases[i].in);
		if (cases[i].want != NULL) {
			portal_address *a;
			portal_id id = 0;
			int rc = portal_address_add(&id, p, client, &f);
			if (rc != PORTAL_OK)
				fail_msg("%s: refused with %d (%s)", what, rc, portal_errmsg(p));
			a = get_address(p, id);
			if (strcmp(a->postal_code, cases[i].want) != 0)
				fail_msg("%s: stored \"%s\", want \"%s\"", what, a->postal_code,
					cases[i].want);
			portal_address_free(a);
		} else {
			TH_CHECK_REFUSED(p, what, portal_address_add(NULL, p, client, &f),
				PORTAL_EINVAL, "address.postal_code");
		}
	}
}

static void test_client__house_number_rules(void **state)
{
	static const struct {
		const char *in;
		int ok;
		const char *want;
	} cases[] = {
		{ "120", 1, "120" },
		{ "120A", 1, "120A" },
		{ "120 1/2", 1, "120 1/2" },
		{ "120½", 1, "120½" },
		{ " 7 ", 1, "7" },
		{ "", 0, NULL },
		{ "   ", 0, NULL },
		{ NULL, 0, NULL },
		{ "A120", 0, NULL },
		{ "5-120", 0, NULL },
		{ "#120", 0, NULL },
		{ "120,", 0, NULL },
		{ "½", 0, NULL },
		{ "1234567890123", 0, NULL },   /* 13 characters */
	};
	portal *p = *state;
	portal_id client = th_add_client(p, "House Tester");

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_address_fields f = king_street();
		char what[64];

		f.house_number = cases[i].in;
		snprintf(what, sizeof(what), "row %zu (\"%s\")", i, cases[i].in ? cases[i].in : "NULL");
		if (cases[i].ok) {
			portal_address *a;
			portal_id id = 0;
			int rc = portal_address_add(&id, p, client, &f);
			if (rc != PORTAL_OK)
				fail_msg("%s: refused with %d (%s)", what, rc, portal_errmsg(p));
			a = get_address(p, id);
			if (strcmp(a->house_number, cases[i].want) != 0)
				fail_msg("%s: stored \"%s\", want \"%s\"", what, a->house_number,
					cases[i].want);
			portal_address_free(a);
		} else {
			TH_CHECK_REFUSED(p, what, portal_address_add(NULL, p, client, &f),
				PORTAL_EINVAL, "address.house_number");
		}
	}
}

static void test_client__unit_containing_a_dash_is_refused(void **state)
{
	static const struct {
		const char *unit, *field;
	} cases[] = {
		{ "5-", "address.unit" },
		{ "5-120", "address.unit" },
		{ "-5", "address.unit" },
		{ "Suite 1234567", "address.unit" },   /* 13 characters */
		{ "5\t6", "address.unit" },
	};
	portal *p = *state;
	portal_id client = th_add_client(p, "Unit Tester");

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_address_fields f = king_street();
		char what[64];

		f.unit = cases[i].unit;
		snprintf(what, sizeof(what), "row %zu (\"%s\")", i, cases[i].unit);
		TH_CHECK_REFUSED(p, what, portal_address_add(NULL, p, client, &f), PORTAL_EINVAL,
			cases[i].field);
	}
}

static void test_client__location_out_of_range_is_refused(void **state)
{
	static const struct {
		double lat, lon;
	} cases[] = {
		{ 90.0001, 0.0 }, { -90.0001, 0.0 }, { 0.0, 180.0001 }, { 0.0, -180.0001 },
		{ 1000.0, -79.0 }, { NAN, 0.0 }, { 0.0, NAN }, { INFINITY, 0.0 },
		{ 0.0, -INFINITY },
	};
	portal *p = *state;
	portal_id client = th_add_client(p, "Location Tester");

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_address_fields f = king_street();
		char what[80];

		f.has_location = 1;
		f.latitude = cases[i].lat;
		f.longitude = cases[i].lon;
		snprintf(what, sizeof(what), "row %zu (%g, %g)", i, cases[i].lat, cases[i].lon);
		TH_CHECK_REFUSED(p, what, portal_address_add(NULL, p, client, &f), PORTAL_EINVAL,
			"address.location");
	}
}

static void test_client__location_at_the_limits_is_accepted(void **state)
{
	static const struct {
		double lat, lon;
	} cases[] = { { 90.0, 180.0 }, { -90.0, -180.0 }, { 0.0, 0.0 } };
	portal *p = *state;
	portal_id client = th_add_client(p, "Location Tester");

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_address_fields f = king_street();
		portal_address *a;
		portal_id id = 0;
		int rc;

		f.has_location = 1;
		f.latitude = cases[i].lat;
		f.longitude = cases[i].lon;
		if ((rc = portal_address_add(&id, p, client, &f)) != PORTAL_OK)
			fail_msg("row %zu: refused with %d (%s)", i, rc, portal_errmsg(p));
		a = get_address(p, id);
		if (!a->has_location || a->latitude != cases[i].lat || a->longitude != cases[i].lon)
			fail_msg("row %zu: stored %d (%g, %g)", i, a->has_location, a->latitude,
				a->longitude);
		portal_address_free(a);
	}
}

static void test_client__address_required_fields_are_named(void **state)
{
	static const struct {
		const char *street, *city, *country, *field;
	} cases[] = {
		{ NULL, "Toronto", NULL, "address.street" },
		{ "  ", "Toronto", NULL, "address.street" },
		{ "King St W", NULL, NULL, "address.city" },
		{ "King St W", "", NULL, "address.city" },
		{ "King St W", "Toronto", "CAN", "address.country" },
		{ "King St W", "Toronto", "C1", "address.country" },
	};
	portal *p = *state;
	portal_id client = th_add_client(p, "Field Tester");

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_address_fields f = king_street();
		char what[64];

		f.street = cases[i].street;
		f.city = cases[i].city;
		f.country = cases[i].country;
		f.postal_code = NULL;
		snprintf(what, sizeof(what), "row %zu", i);
		TH_CHECK_REFUSED(p, what, portal_address_add(NULL, p, client, &f), PORTAL_EINVAL,
			cases[i].field);
	}
}

static void test_client__address_for_a_missing_client_is_not_found_and_writes_nothing(void **state)
{
	static const portal_id ids[] = { 0, -3, 2, 999999 };
	portal *p = *state;
	portal_address_fields f = king_street();

	th_add_client(p, "Only Client");
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		portal_id out = -1;
		char what[64];

		snprintf(what, sizeof(what), "client %lld", (long long)ids[i]);
		TH_CHECK_REFUSED(p, what, portal_address_add(&out, p, ids[i], &f), PORTAL_ENOTFOUND,
			NULL);
		if (out != -1)
			fail_msg("%s: the id was written on failure", what);
	}
}

static void test_client__address_get_of_a_missing_address_is_not_found(void **state)
{
	portal *p = *state;
	portal_address *a = NULL;

	assert_int_equal(portal_address_get(&a, p, 1), PORTAL_ENOTFOUND);
	assert_null(portal_errfield(p));
	portal_address_free(a);
}

static void test_client__address_format_writes_one_line(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Zoë Laurent"), id;
	portal_address_fields f = king_street();
	portal_buf out = PORTAL_BUF_INIT;
	portal_address *a;

	f.postal_code = "m5h1j9";
	id = th_add_address_fields(p, client, &f);
	a = get_address(p, id);
	assert_int_equal(portal_address_format(&out, a), PORTAL_OK);
	assert_string_equal(out.ptr, "5-120 King St W, Toronto, ON M5H 1J9");
	assert_int_equal(out.size, strlen("5-120 King St W, Toronto, ON M5H 1J9"));
	portal_buf_dispose(&out);
	assert_null(out.ptr);
	assert_int_equal(out.size, 0);
	portal_address_free(a);

	/* Without unit, region and postal code. */
	f = king_street();
	f.house_number = "48";
	f.unit = NULL;
	f.street = "Roncesvalles Ave";
	f.region = NULL;
	f.postal_code = NULL;
	id = th_add_address_fields(p, client, &f);
	a = get_address(p, id);
	assert_int_equal(portal_address_format(&out, a), PORTAL_OK);
	assert_string_equal(out.ptr, "48 Roncesvalles Ave, Toronto");
	portal_buf_dispose(&out);
	portal_address_free(a);
}

static void test_client__address_foreach_walks_oldest_first_and_stops(void **state)
{
	static const char *const want[] = { "120", "48", "9", NULL };
	portal *p = *state;
	portal_id alice = th_add_client(p, "Alice"), bob = th_add_client(p, "Bob");
	portal_address_fields f = king_street();
	struct walk w = { .n = 0 };

	th_add_address_fields(p, alice, &f);
	f.house_number = "77";
	th_add_address_fields(p, bob, &f);
	f.house_number = "48";
	th_add_address_fields(p, alice, &f);
	f.house_number = "9";
	th_add_address_fields(p, alice, &f);

	assert_int_equal(portal_address_foreach(p, alice, collect_address, &w), 0);
	check_walk(&w, "alice", want);
	memset(&w, 0, sizeof(w));
	w.stop_at = 2;
	w.stop_with = 3;
	assert_int_equal(portal_address_foreach(p, alice, collect_address, &w), 3);
	assert_int_equal(w.n, 2);
	memset(&w, 0, sizeof(w));
	assert_int_equal(portal_address_foreach(p, 999, collect_address, &w), 0);
	assert_int_equal(w.n, 0);
}

/* ---------------------------------------------------------------------
 * Assets.
 */

static void test_client__appliance_with_serial_reads_back(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Zoë Laurent"), id = 0;
	portal_asset_fields f = fridge();
	portal_asset *a;

	f.notes = "Ice maker replaced 2023";
	f.serial = " K81234567 ";
	assert_int_equal(portal_asset_add(&id, p, client, &f), PORTAL_OK);
	assert_true(id > 0);
	a = get_asset(p, id);
	assert_int_equal(a->id, id);
	assert_int_equal(a->client_id, client);
	assert_int_equal(a->kind, PORTAL_ASSET_APPLIANCE);
	assert_string_equal(a->category, "Refrigerator");
	assert_string_equal(a->make, "Whirlpool");
	assert_string_equal(a->model, "WRF555SDFZ");
	assert_string_equal(a->serial, "K81234567");
	assert_string_equal(a->vin, "");
	assert_int_equal(a->year, 2019);
	assert_string_equal(a->acquired_on, "2019-06-14");
	assert_string_equal(a->notes, "Ice maker replaced 2023");
	portal_asset_free(a);
}

static void test_client__vehicle_with_vin_reads_back(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Siobhán O'Connor"), id = 0;
	portal_asset_fields f = truck();
	portal_asset *a;

	f.vin = "1m8gdm9axkp042788";     /* stored upper case */
	f.acquired_on = "2020-05-30";
	assert_int_equal(portal_asset_add(&id, p, client, &f), PORTAL_OK);
	a = get_asset(p, id);
	assert_int_equal(a->kind, PORTAL_ASSET_VEHICLE);
	assert_string_equal(a->vin, "1M8GDM9AXKP042788");
	assert_string_equal(a->serial, "");
	assert_int_equal(a->year, 2019);
	assert_string_equal(a->acquired_on, "2020-05-30");
	portal_asset_free(a);
}

static void test_client__optional_asset_fields_may_be_left_out(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Minimal"), id = 0;
	portal_asset_fields f = PORTAL_ASSET_FIELDS_INIT;
	portal_asset *a;

	f.kind = PORTAL_ASSET_VEHICLE;
	f.category = "Sedan";
	f.make = "Toyota";
	assert_int_equal(portal_asset_add(&id, p, client, &f), PORTAL_OK);
	a = get_asset(p, id);
	assert_string_equal(a->model, "");
	assert_string_equal(a->serial, "");
	assert_string_equal(a->vin, "");
	assert_int_equal(a->year, 0);
	assert_string_equal(a->acquired_on, "");
	assert_string_equal(a->notes, "");
	portal_asset_free(a);
}

static void test_client__vin_on_an_appliance_is_refused(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Zoë Laurent");
	portal_asset_fields f = fridge();

	f.vin = "1M8GDM9AXKP042788";
	TH_CHECK_REFUSED(p, "appliance with VIN", portal_asset_add(NULL, p, client, &f),
		PORTAL_EINVAL, "asset.vin");
}

static void test_client__vin_rules(void **state)
{
	static const struct {
		const char *vin;
		int ok;
	} cases[] = {
		{ "1M8GDM9AXKP042788", 1 },
		{ "4T1B11HK7JU512345", 1 },     /* not a real car, but a valid check digit */
		{ "YV1ZW25UDK1234567", 1 },     /* outside North America: no check digit */
		{ "WVWZZZ1JZ3W386752", 1 },
		{ "1M8GDM9A1KP042788", 0 },     /* wrong check digit */
		{ "1M8GDM9AXKP042789", 0 },     /* a mistyped last character */
		{ "1M8GDM9AXKP04278", 0 },      /* 16 characters */
		{ "1M8GDM9AXKP0427881", 0 },    /* 18 characters */
		{ "1M8GDM9AXKP04278O", 0 },     /* letter O */
		{ "1M8GDM9AXKP0I2788", 0 },     /* letter I */
		{ "YV1ZW25UDK123456Q", 0 },     /* letter Q */
		{ "1M8GDM9AXKP-42788", 0 },
	};
	portal *p = *state;
	portal_id client = th_add_client(p, "VIN Tester");

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_asset_fields f = truck();
		char what[64];

		f.vin = cases[i].vin;
		snprintf(what, sizeof(what), "row %zu (%s)", i, cases[i].vin);
		if (cases[i].ok) {
			int rc = portal_asset_add(NULL, p, client, &f);
			if (rc != PORTAL_OK)
				fail_msg("%s: refused with %d (%s)", what, rc, portal_errmsg(p));
		} else {
			TH_CHECK_REFUSED(p, what, portal_asset_add(NULL, p, client, &f), PORTAL_EINVAL,
				"asset.vin");
		}
	}
}

static void test_client__model_year_rules(void **state)
{
	static const struct {
		int year, ok;
	} cases[] = {
		{ 0, 1 }, { 1900, 1 }, { 2019, 1 }, { 2026, 1 }, { 2027, 1 },
		{ 1899, 0 }, { 2028, 0 }, { -2019, 0 }, { 1, 0 }, { 99999, 0 },
	};
	portal *p = *state;
	portal_id client = th_add_client(p, "Year Tester");

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_asset_fields f = truck();
		char what[64];

		f.year = cases[i].year;
		snprintf(what, sizeof(what), "row %zu (%d)", i, cases[i].year);
		if (cases[i].ok) {
			portal_asset *a;
			portal_id id = 0;
			int rc = portal_asset_add(&id, p, client, &f);
			if (rc != PORTAL_OK)
				fail_msg("%s: refused with %d (%s)", what, rc, portal_errmsg(p));
			a = get_asset(p, id);
			if (a->year != cases[i].year)
				fail_msg("%s: stored %d", what, a->year);
			portal_asset_free(a);
		} else {
			TH_CHECK_REFUSED(p, what, portal_asset_add(NULL, p, client, &f), PORTAL_EINVAL,
				"asset.year");
		}
	}
}

static void test_client__model_year_limit_follows_the_shop_time_zone(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Year Tester");
	portal_asset_fields f = truck();

	/* 2027 has begun in UTC but it is still 2026 in Toronto. */
	portal_set_now(p, NEW_YEAR_UTC);
	f.year = 2028;
	TH_CHECK_REFUSED(p, "2028 on new year's eve", portal_asset_add(NULL, p, client, &f),
		PORTAL_EINVAL, "asset.year");
	f.year = 2027;
	assert_int_equal(portal_asset_add(NULL, p, client, &f), PORTAL_OK);
}

static void test_client__acquired_on_rules(void **state)
{
	static const struct {
		const char *date;
		int ok;
	} cases[] = {
		{ "2026-11-22", 1 },    /* today in Toronto */
		{ "2026-11-21", 1 },
		{ "1900-01-01", 1 },
		{ "2024-02-29", 1 },
		{ "", 1 },
		{ "2026-11-23", 0 },    /* tomorrow */
		{ "2027-01-01", 0 },
		{ "2025-02-29", 0 },
		{ "2026-02-30", 0 },
		{ "2026-13-01", 0 },
		{ "2026-00-10", 0 },
		{ "2026-11-00", 0 },
		{ "1899-12-31", 0 },
		{ "22/11/2026", 0 },
		{ "2026-1-5", 0 },
		{ "2026-11-22T10", 0 },
		{ "yesterday", 0 },
	};
	portal *p = *state;
	portal_id client = th_add_client(p, "Date Tester");

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_asset_fields f = fridge();
		char what[64];

		f.acquired_on = cases[i].date;
		snprintf(what, sizeof(what), "row %zu (\"%s\")", i, cases[i].date);
		if (cases[i].ok) {
			portal_asset *a;
			portal_id id = 0;
			int rc = portal_asset_add(&id, p, client, &f);
			if (rc != PORTAL_OK)
				fail_msg("%s: refused with %d (%s)", what, rc, portal_errmsg(p));
			a = get_asset(p, id);
			if (strcmp(a->acquired_on, cases[i].date) != 0)
				fail_msg("%s: stored \"%s\"", what, a->acquired_on);
			portal_asset_free(a);
		} else {
			TH_CHECK_REFUSED(p, what, portal_asset_add(NULL, p, client, &f), PORTAL_EINVAL,
				"asset.acquired_on");
		}
	}
}

static void test_client__acquired_on_today_follows_the_shop_time_zone(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Date Tester");
	portal_asset_fields f = fridge();

	/* 03:00 UTC on the 23rd is still the evening of the 22nd in Toronto. */
	portal_set_now(p, LATE_EVENING);
	f.acquired_on = "2026-11-23";
	TH_CHECK_REFUSED(p, "tomorrow in Toronto", portal_asset_add(NULL, p, client, &f),
		PORTAL_EINVAL, "asset.acquired_on");
	f.acquired_on = "2026-11-22";
	assert_int_equal(portal_asset_add(NULL, p, client, &f), PORTAL_OK);
}

static void test_client__asset_fields_are_checked(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Asset Tester");
	char *long_make = repeat("x", 61);
	struct {
		const char *what;
		portal_asset_fields f;
		const char *field;
	} cases[] = {
		{ "kind 0", fridge(), "asset.kind" },
		{ "kind 3", fridge(), "asset.kind" },
		{ "no category", fridge(), "asset.category" },
		{ "no make", fridge(), "asset.make" },
		{ "make too long", fridge(), "asset.make" },
		{ "serial too short", fridge(), "asset.serial" },
		{ "serial with #", fridge(), "asset.serial" },
		{ "notes with ESC", fridge(), "asset.notes" },
		{ "unknown version", fridge(), NULL },
	};

	cases[0].f.kind = (portal_asset_kind)0;
	cases[1].f.kind = (portal_asset_kind)3;
	cases[2].f.category = NULL;
	cases[3].f.make = " ";
	cases[4].f.make = long_make;
	cases[5].f.serial = "K8";
	cases[6].f.serial = "K8#1234";
	cases[7].f.notes = "see \x1b[31m";
	cases[8].f.version = PORTAL_ASSET_FIELDS_VERSION + 1;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++)
		TH_CHECK_REFUSED(p, cases[i].what, portal_asset_add(NULL, p, client, &cases[i].f),
			PORTAL_EINVAL, cases[i].field);
	TH_CHECK_REFUSED(p, "NULL fields", portal_asset_add(NULL, p, client, NULL),
		PORTAL_EINVAL, NULL);
	free(long_make);
}

static void test_client__asset_kind_parse_and_name(void **state)
{
	static const struct {
		const char *text;
		int ok;
		portal_asset_kind want;
	} cases[] = {
		{ "appliance", 1, PORTAL_ASSET_APPLIANCE },
		{ "Appliance", 1, PORTAL_ASSET_APPLIANCE },
		{ "VEHICLE", 1, PORTAL_ASSET_VEHICLE },
		{ "vehicle", 1, PORTAL_ASSET_VEHICLE },
		{ "", 0, 0 },
		{ NULL, 0, 0 },
		{ "car", 0, 0 },
		{ "vehicles", 0, 0 },
		{ " vehicle", 0, 0 },
	};

	(void)state;
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_asset_kind k = (portal_asset_kind)99;
		int rc = portal_asset_kind_parse(&k, cases[i].text);

		if (cases[i].ok && (rc != 0 || k != cases[i].want))
			fail_msg("row %zu (\"%s\"): rc %d kind %d", i, cases[i].text, rc, (int)k);
		if (!cases[i].ok && (rc != -1 || k != (portal_asset_kind)99))
			fail_msg("row %zu (\"%s\"): rc %d kind %d, want -1 and untouched", i,
				cases[i].text ? cases[i].text : "NULL", rc, (int)k);
	}
	assert_string_equal(portal_asset_kind_name(PORTAL_ASSET_APPLIANCE), "appliance");
	assert_string_equal(portal_asset_kind_name(PORTAL_ASSET_VEHICLE), "vehicle");
	assert_null(portal_asset_kind_name((portal_asset_kind)0));
	assert_null(portal_asset_kind_name((portal_asset_kind)3));
	assert_null(portal_asset_kind_name((portal_asset_kind)-1));
}

static void test_client__asset_for_a_missing_client_is_not_found(void **state)
{
	static const portal_id ids[] = { 0, -1, 2, 999999 };
	portal *p = *state;
	portal_asset_fields f = fridge();

	th_add_client(p, "Only Client");
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		portal_id out = -1;
		char what[64];

		snprintf(what, sizeof(what), "client %lld", (long long)ids[i]);
		TH_CHECK_REFUSED(p, what, portal_asset_add(&out, p, ids[i], &f), PORTAL_ENOTFOUND,
			NULL);
		if (out != -1)
			fail_msg("%s: the id was written on failure", what);
	}
}

static void test_client__asset_get_of_a_missing_asset_is_not_found(void **state)
{
	portal *p = *state;
	portal_asset *a = NULL;
	portal_buf out = PORTAL_BUF_INIT;

	assert_int_equal(portal_asset_get(&a, p, 1), PORTAL_ENOTFOUND);
	assert_null(portal_errfield(p));
	portal_asset_free(a);
	assert_int_equal(portal_asset_json(&out, p, 1), PORTAL_ENOTFOUND);
	portal_buf_dispose(&out);
}

static void test_client__asset_foreach_walks_one_client_or_all(void **state)
{
	static const char *const alice_want[] = { "Whirlpool", "Freightliner", NULL };
	static const char *const all_want[] = { "Whirlpool", "Bosch", "Freightliner", NULL };
	portal *p = *state;
	portal_id alice = th_add_client(p, "Alice"), bob = th_add_client(p, "Bob");
	portal_asset_fields f = fridge();
	struct walk w = { .n = 0 };

	assert_int_equal(portal_asset_add(NULL, p, alice, &f), PORTAL_OK);
	f.make = "Bosch";
	assert_int_equal(portal_asset_add(NULL, p, bob, &f), PORTAL_OK);
	f = truck();
	assert_int_equal(portal_asset_add(NULL, p, alice, &f), PORTAL_OK);

	assert_int_equal(portal_asset_foreach(p, alice, collect_asset, &w), 0);
	check_walk(&w, "alice", alice_want);
	memset(&w, 0, sizeof(w));
	assert_int_equal(portal_asset_foreach(p, 0, collect_asset, &w), 0);
	check_walk(&w, "all", all_want);
	memset(&w, 0, sizeof(w));
	w.stop_at = 1;
	w.stop_with = -9;
	assert_int_equal(portal_asset_foreach(p, 0, collect_asset, &w), -9);
	assert_int_equal(w.n, 1);
}

static void test_client__asset_json_describes_the_asset(void **state)
{
	portal *p = *state;
	portal_id client = th_add_client(p, "Alice"), id = 0;
	portal_asset_fields f = truck();
	portal_buf out = PORTAL_BUF_INIT;
	cJSON *root, *arr;

	assert_int_equal(portal_asset_add(&id, p, client, &f), PORTAL_OK);
	assert_int_equal(portal_asset_json(&out, p, id), PORTAL_OK);
	root = parse_json(&out);
	assert_true(cJSON_IsObject(root));
	assert_string_equal(json_string(root, "kind"), "vehicle");
	assert_string_equal(json_string(root, "vin"), "1M8GDM9AXKP042788");
	assert_int_equal((int)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(root, "year")),
		2019);
	cJSON_Delete(root);
	portal_buf_dispose(&out);

	assert_int_equal(portal_asset_list_json(&out, p, client), PORTAL_OK);
	arr = parse_json(&out);
	assert_true(cJSON_IsArray(arr));
	assert_int_equal(cJSON_GetArraySize(arr), 1);
	cJSON_Delete(arr);
	portal_buf_dispose(&out);
}

/* ---------------------------------------------------------------------
 * Technicians.
 */

static void test_client__tech_add_reads_back(void **state)
{
	portal *p = *state;
	portal_tech *t = NULL;
	portal_id id = 0;

	assert_int_equal(portal_tech_add(&id, p, " Marc Tremblay ", "416-555-0190"), PORTAL_OK);
	assert_true(id > 0);
	assert_int_equal(portal_tech_get(&t, p, id), PORTAL_OK);
	assert_int_equal(t->id, id);
	assert_string_equal(t->name, "Marc Tremblay");
	assert_string_equal(t->phone, "+14165550190");
	assert_int_equal(t->active, 1);
	portal_tech_free(t);
}

static void test_client__tech_phone_is_optional(void **state)
{
	static const char *const phones[] = { NULL, "", "  " };
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(phones); i++) {
		portal_tech *t = NULL;
		portal_id id = 0;
		int rc = portal_tech_add(&id, p, "Priya Natarajan", phones[i]);

		if (rc != PORTAL_OK)
			fail_msg("row %zu: refused with %d (%s)", i, rc, portal_errmsg(p));
		assert_int_equal(portal_tech_get(&t, p, id), PORTAL_OK);
		if (strcmp(t->phone, "") != 0)
			fail_msg("row %zu: phone \"%s\"", i, t->phone);
		portal_tech_free(t);
	}
}

static void test_client__invalid_tech_changes_nothing(void **state)
{
	static const struct {
		const char *name, *phone, *field;
	} cases[] = {
		{ NULL, NULL, "tech.name" },
		{ "", "416-555-0190", "tech.name" },
		{ "   ", NULL, "tech.name" },
		{ "Kofi\nMensah", NULL, "tech.name" },
		{ "Kofi Mensah", "555", "tech.phone" },
		{ "Kofi Mensah", "call me", "tech.phone" },
	};
	portal *p = *state;

	assert_int_equal(portal_tech_add(NULL, p, "Existing Tech", NULL), PORTAL_OK);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_id out = -1;
		char what[64];

		snprintf(what, sizeof(what), "row %zu", i);
		TH_CHECK_REFUSED(p, what, portal_tech_add(&out, p, cases[i].name, cases[i].phone),
			PORTAL_EINVAL, cases[i].field);
		if (out != -1)
			fail_msg("%s: the id was written on failure", what);
	}
}

static void test_client__tech_set_active_turns_a_tech_off_and_on(void **state)
{
	portal *p = *state;
	portal_tech *t = NULL;
	portal_id id = 0, other = 0;

	assert_int_equal(portal_tech_add(&id, p, "Kofi Mensah", NULL), PORTAL_OK);
	assert_int_equal(portal_tech_add(&other, p, "Marc Tremblay", NULL), PORTAL_OK);
	assert_int_equal(portal_tech_set_active(p, id, 0), PORTAL_OK);
	assert_int_equal(portal_tech_get(&t, p, id), PORTAL_OK);
	assert_int_equal(t->active, 0);
	portal_tech_free(t);
	assert_int_equal(portal_tech_get(&t, p, other), PORTAL_OK);
	assert_int_equal(t->active, 1);
	portal_tech_free(t);

	/* Setting the same value again is fine; any non-zero means active. */
	assert_int_equal(portal_tech_set_active(p, id, 0), PORTAL_OK);
	assert_int_equal(portal_tech_set_active(p, id, 5), PORTAL_OK);
	assert_int_equal(portal_tech_get(&t, p, id), PORTAL_OK);
	assert_int_equal(t->active, 1);
	portal_tech_free(t);
}

static void test_client__tech_set_active_on_a_missing_tech_is_not_found(void **state)
{
	static const portal_id ids[] = { 0, -1, 2, 999999 };
	portal *p = *state;
	portal_tech *t = NULL;

	assert_int_equal(portal_tech_add(NULL, p, "Only Tech", NULL), PORTAL_OK);
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		char what[64];

		snprintf(what, sizeof(what), "tech %lld", (long long)ids[i]);
		TH_CHECK_REFUSED(p, what, portal_tech_set_active(p, ids[i], 0), PORTAL_ENOTFOUND,
			NULL);
	}
	assert_int_equal(portal_tech_get(&t, p, 2), PORTAL_ENOTFOUND);
	portal_tech_free(t);
}

static void test_client__tech_foreach_walks_by_name_and_stops(void **state)
{
	static const char *const want[] = {
		"kofi Mensah", "Marc Tremblay", "Priya Natarajan", NULL,
	};
	portal *p = *state;
	struct walk w = { .n = 0 };
	portal_buf out = PORTAL_BUF_INIT;
	cJSON *arr;

	assert_int_equal(portal_tech_add(NULL, p, "Priya Natarajan", "416-555-0191"), PORTAL_OK);
	assert_int_equal(portal_tech_add(NULL, p, "Marc Tremblay", NULL), PORTAL_OK);
	assert_int_equal(portal_tech_add(NULL, p, "kofi Mensah", NULL), PORTAL_OK);

	assert_int_equal(portal_tech_foreach(p, collect_tech, &w), 0);
	check_walk(&w, "techs", want);
	memset(&w, 0, sizeof(w));
	w.stop_at = 2;
	w.stop_with = 11;
	assert_int_equal(portal_tech_foreach(p, collect_tech, &w), 11);
	assert_int_equal(w.n, 2);

	assert_int_equal(portal_tech_list_json(&out, p), PORTAL_OK);
	arr = parse_json(&out);
	assert_true(cJSON_IsArray(arr));
	assert_int_equal(cJSON_GetArraySize(arr), 3);
	assert_string_equal(json_string(cJSON_GetArrayItem(arr, 0), "name"), "kofi Mensah");
	cJSON_Delete(arr);
	portal_buf_dispose(&out);
}

/* ---------------------------------------------------------------------
 * JSON.
 */

static void test_client__client_json_has_its_addresses_and_assets(void **state)
{
	portal *p = *state;
	portal_id id = add_full_client(p), other = th_add_client(p, "Other");
	portal_address_fields af = king_street();
	portal_asset_fields f1 = fridge(), f2 = truck();
	portal_buf out = PORTAL_BUF_INIT;
	const cJSON *addrs, *assets, *a;
	cJSON *root;

	th_add_address_fields(p, id, &af);
	af.house_number = "48";
	af.unit = NULL;
	th_add_address_fields(p, id, &af);
	af.house_number = "999";
	th_add_address_fields(p, other, &af);
	assert_int_equal(portal_asset_add(NULL, p, id, &f1), PORTAL_OK);
	assert_int_equal(portal_asset_add(NULL, p, other, &f1), PORTAL_OK);
	assert_int_equal(portal_asset_add(NULL, p, id, &f2), PORTAL_OK);

	assert_int_equal(portal_client_json(&out, p, id), PORTAL_OK);
	root = parse_json(&out);
	assert_true(cJSON_IsObject(root));
	assert_int_equal((portal_id)cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(root, "id")),
		id);
	assert_string_equal(json_string(root, "name"), "Amélie Côté");
	assert_string_equal(json_string(root, "email"), "amelie.cote@example.ca");
	assert_string_equal(json_string(root, "phone"), "+15145550104");
	assert_true(cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(root, "sms_consent")));

	addrs = cJSON_GetObjectItemCaseSensitive(root, "addresses");
	assert_true(cJSON_IsArray(addrs));
	assert_int_equal(cJSON_GetArraySize(addrs), 2);
	a = cJSON_GetArrayItem(addrs, 0);
	assert_string_equal(json_string(a, "house_number"), "120");
	assert_string_equal(json_string(a, "unit"), "5");
	assert_string_equal(json_string(a, "line"), "5-120 King St W, Toronto, ON M5H 1J9");
	assert_string_equal(json_string(cJSON_GetArrayItem(addrs, 1), "house_number"), "48");

	assets = cJSON_GetObjectItemCaseSensitive(root, "assets");
	assert_true(cJSON_IsArray(assets));
	assert_int_equal(cJSON_GetArraySize(assets), 2);
	assert_string_equal(json_string(cJSON_GetArrayItem(assets, 0), "kind"), "appliance");
	assert_string_equal(json_string(cJSON_GetArrayItem(assets, 0), "serial"), "K81234567");
	assert_string_equal(json_string(cJSON_GetArrayItem(assets, 1), "kind"), "vehicle");
	assert_string_equal(json_string(cJSON_GetArrayItem(assets, 1), "vin"), "1M8GDM9AXKP042788");
	cJSON_Delete(root);
	portal_buf_dispose(&out);
}

static void test_client__client_json_without_records_has_empty_arrays(void **state)
{
	portal *p = *state;
	portal_id id = th_add_client(p, "Lonely");
	portal_buf out = PORTAL_BUF_INIT;
	cJSON *root;

	assert_int_equal(portal_client_json(&out, p, id), PORTAL_OK);
	root = parse_json(&out);
	assert_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "addresses")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "addresses")), 0);
	assert_true(cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(root, "assets")));
	assert_int_equal(cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "assets")), 0);
	assert_true(cJSON_IsNull(cJSON_GetObjectItemCaseSensitive(root, "sms_consent_at")));
	cJSON_Delete(root);
	portal_buf_dispose(&out);
}

static void test_client__client_json_of_a_missing_client_is_not_found(void **state)
{
	portal *p = *state;
	portal_buf out = PORTAL_BUF_INIT;

	th_add_client(p, "Only Client");
	assert_int_equal(portal_client_json(&out, p, 2), PORTAL_ENOTFOUND);
	assert_null(portal_errfield(p));
	assert_null(out.ptr);
	portal_buf_dispose(&out);
}

static void test_client__client_list_json_is_an_array_of_the_matching_clients(void **state)
{
	static const struct {
		const char *search;
		const char *want[8];
	} cases[] = {
		{ NULL, { "100% Appliances", "1000 Appliances", "Alice", "Alice Martin",
			  "Ann_Marie Roy", "Annamarie Roy", "bob Stone", "carol Diaz" } },
		{ "alice", { "Alice", "Alice Martin" } },
		{ "%", { "100% Appliances" } },
		{ "nobody", { NULL } },
	};
	portal *p = *state;

	add_search_clients(p);
	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		portal_buf out = PORTAL_BUF_INIT;
		int rc = portal_client_list_json(&out, p, cases[i].search);
		size_t n = 0;
		cJSON *arr;

		if (rc != PORTAL_OK)
			fail_msg("row %zu: %d (%s)", i, rc, portal_errmsg(p));
		arr = parse_json(&out);
		if (!cJSON_IsArray(arr))
			fail_msg("row %zu: not an array: %s", i, out.ptr);
		while (n < 8 && cases[i].want[n] != NULL)
			n++;
		if ((size_t)cJSON_GetArraySize(arr) != n)
			fail_msg("row %zu: %d clients, want %zu", i, cJSON_GetArraySize(arr), n);
		for (size_t k = 0; k < n; k++) {
			const cJSON *c = cJSON_GetArrayItem(arr, (int)k);
			if (strcmp(json_string(c, "name"), cases[i].want[k]) != 0)
				fail_msg("row %zu: item %zu is %s, want %s", i, k,
					json_string(c, "name"), cases[i].want[k]);
		}
		cJSON_Delete(arr);
		portal_buf_dispose(&out);
	}
}

/* ---------------------------------------------------------------------
 */

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_client__add_with_every_field_reads_back_normalised),
		T(test_client__add_without_optional_fields_gives_empty_strings),
		T(test_client__add_without_consent_leaves_sms_consent_at_zero),
		T(test_client__add_accepts_a_null_id_pointer),
		T(test_client__phone_forms_are_normalised_to_e164),
		T(test_client__name_is_required_and_changes_nothing),
		T(test_client__name_length_counts_characters_not_bytes),
		T(test_client__valid_emails_are_kept_with_the_domain_lower_cased),
		T(test_client__invalid_email_changes_nothing),
		T(test_client__invalid_phone_changes_nothing),
		T(test_client__sms_consent_without_a_phone_changes_nothing),
		T(test_client__sms_consent_other_than_0_or_1_is_refused),
		T(test_client__fields_of_an_unknown_version_are_refused),
		T(test_client__update_changes_only_given_fields),
		T(test_client__update_with_no_fields_changes_nothing),
		T(test_client__update_with_empty_string_clears_optional_fields),
		T(test_client__invalid_update_leaves_the_row_as_it_was),
		T(test_client__sms_consent_at_moves_only_when_consent_changes),
		T(test_client__consent_given_on_update_needs_a_phone),
		T(test_client__update_of_a_missing_client_is_not_found),
		T(test_client__get_of_a_missing_client_is_not_found),
		T(test_client__free_null_is_a_no_op),
		T(test_client__foreach_walks_all_clients_by_name),
		T(test_client__foreach_on_an_empty_shop_calls_nothing),
		T(test_client__foreach_search_matches_name_email_or_phone),
		T(test_client__foreach_search_with_percent_or_underscore_matches_literally),
		T(test_client__foreach_search_with_a_backslash_matches_literally),
		T(test_client__foreach_search_longer_than_any_field_finds_nobody),
		T(test_client__foreach_folds_the_case_of_a_to_z_only),
		T(test_client__foreach_stops_when_the_callback_returns_non_zero),
		T(test_client__address_add_reads_back_normalised),
		T(test_client__address_without_location_has_none),
		T(test_client__postal_codes_are_checked_and_normalised),
		T(test_client__house_number_rules),
		T(test_client__unit_containing_a_dash_is_refused),
		T(test_client__location_out_of_range_is_refused),
		T(test_client__location_at_the_limits_is_accepted),
		T(test_client__address_required_fields_are_named),
		T(test_client__address_for_a_missing_client_is_not_found_and_writes_nothing),
		T(test_client__address_get_of_a_missing_address_is_not_found),
		T(test_client__address_format_writes_one_line),
		T(test_client__address_foreach_walks_oldest_first_and_stops),
		T(test_client__appliance_with_serial_reads_back),
		T(test_client__vehicle_with_vin_reads_back),
		T(test_client__optional_asset_fields_may_be_left_out),
		T(test_client__vin_on_an_appliance_is_refused),
		T(test_client__vin_rules),
		T(test_client__model_year_rules),
		T(test_client__model_year_limit_follows_the_shop_time_zone),
		T(test_client__acquired_on_rules),
		T(test_client__acquired_on_today_follows_the_shop_time_zone),
		T(test_client__asset_fields_are_checked),
		T(test_client__asset_kind_parse_and_name),
		T(test_client__asset_for_a_missing_client_is_not_found),
		T(test_client__asset_get_of_a_missing_asset_is_not_found),
		T(test_client__asset_foreach_walks_one_client_or_all),
		T(test_client__asset_json_describes_the_asset),
		T(test_client__tech_add_reads_back),
		T(test_client__tech_phone_is_optional),
		T(test_client__invalid_tech_changes_nothing),
		T(test_client__tech_set_active_turns_a_tech_off_and_on),
		T(test_client__tech_set_active_on_a_missing_tech_is_not_found),
		T(test_client__tech_foreach_walks_by_name_and_stops),
		T(test_client__client_json_has_its_addresses_and_assets),
		T(test_client__client_json_without_records_has_empty_arrays),
		T(test_client__client_json_of_a_missing_client_is_not_found),
		T(test_client__client_list_json_is_an_array_of_the_matching_clients),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
