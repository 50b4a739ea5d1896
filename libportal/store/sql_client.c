/* SPDX-License-Identifier: MIT */
/*
 * store_client.c - storage of clients and their service addresses.
 */
#include "sql.h"

#include <stdlib.h>
#include <string.h>

#define CLIENT_COLUMNS \
	"id, name, email, phone, sms_consent, sms_consent_at, portal_enabled, notes, created_at"

static portal_client *client_from_row(pt_stmt *st)
{
	portal_client *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	c->id = pt_col_int64(st, 0);
	c->name = pt_col_strdup(st, 1);
	c->email = pt_col_strdup(st, 2);
	c->phone = pt_col_strdup(st, 3);
	c->sms_consent = pt_col_int(st, 4);
	c->sms_consent_at = pt_col_int64(st, 5);
	c->portal_enabled = pt_col_int(st, 6);
	c->notes = pt_col_strdup(st, 7);
	c->created_at = pt_col_int64(st, 8);
	if (!c->name || !c->email || !c->phone || !c->notes) {
		portal_client_free(c);
		return NULL;
	}
	return c;
}

int pt_store_client_insert(portal_id *out, portal *p, const portal_client *c)
{
	static const char sql[] =
		"INSERT INTO clients (name, email, phone, sms_consent, sms_consent_at, notes, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, c->name);
	pt_bind_text(st, 2, c->email);
	pt_bind_text(st, 3, c->phone);
	pt_bind_int(st, 4, c->sms_consent);
	pt_bind_int64(st, 5, c->sms_consent_at);
	pt_bind_text(st, 6, c->notes);
	pt_bind_int64(st, 7, c->created_at);
	return pt_store_insert(out, p, st, "adding a client");
}

int pt_store_client_update(portal *p, const portal_client *c)
{
	static const char sql[] =
		"UPDATE clients SET name = ?2, email = ?3, phone = ?4, sms_consent = ?5,"
		" sms_consent_at = ?6, notes = ?7 WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, c->id);
	pt_bind_text(st, 2, c->name);
	pt_bind_text(st, 3, c->email);
	pt_bind_text(st, 4, c->phone);
	pt_bind_int(st, 5, c->sms_consent);
	pt_bind_int64(st, 6, c->sms_consent_at);
	pt_bind_text(st, 7, c->notes);
	return pt_store_exec(p, st, "updating a client");
}

int pt_store_client_get(portal_client **out, portal *p, portal_id id)
{
	static const char sql[] = "SELECT " CLIENT_COLUMNS " FROM clients WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	PT_STORE_ONE(p, st, out, client_from_row, "client", id, err);
	return err;
}

/*
 * A LIKE pattern that finds `s` anywhere in a text, for ESCAPE '\': the
 * '%', '_' and '\' people type stay plain characters. It is folded as
 * PT_SQL_FOLD() folds the columns it is matched against (A-Z only), here
 * rather than in SQL, where a parameter would fold by the server's locale.
 * "" for an empty `s`; NULL when out of memory.
 */
static char *like_anywhere(const char *s)
{
	size_t n = 0;
	char *pat;

	if (s == NULL || *s == '\0')
		return pt_strdup("");
	if ((pat = malloc(2 * strlen(s) + 3)) == NULL)
		return NULL;
	pat[n++] = '%';
	for (; *s; s++) {
		if (*s == '%' || *s == '_' || *s == '\\')
			pat[n++] = '\\';
		pat[n++] = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
	}
	pat[n++] = '%';
	pat[n] = '\0';
	return pat;
}

/* A search longer than any pattern an engine takes finds nobody,
 * without asking (sql.h). */
static int pattern_fits(const char *pat)
{
	return strlen(pat) <= PT_LIKE_PATTERN_MAX;
}

int pt_store_client_foreach(portal *p, const char *search, const char *digits,
	int (*cb)(const portal_client *c, void *ctx), void *ctx)
{
	/* ?1 is the pattern of the search ("" lists every client), folded,
	 * found in the name or email folded alike, or in the phone as it is.
	 * Phones are E.164, a '+' and digits, which no folding changes. ?2 is the pattern of the search's
	 * digits, "" when they are not to be matched. */
	static const char sql[] =
		"SELECT " CLIENT_COLUMNS " FROM clients"
		" WHERE ?1 = ''"
		" OR " PT_SQL_FOLD("name") " LIKE ?1 ESCAPE '\\'"
		" OR " PT_SQL_FOLD("email") " LIKE ?1 ESCAPE '\\'"
		" OR phone LIKE ?1 ESCAPE '\\'"
		" OR (?2 <> '' AND phone LIKE ?2 ESCAPE '\\')"
		" ORDER BY " PT_SQL_FOLD("name") ", id";
	char *pat = like_anywhere(search), *digits_pat = like_anywhere(digits);
	pt_stmt *st = NULL;
	int err = PORTAL_OK;

	if (pat == NULL || digits_pat == NULL)
		err = pt_oom(p);
	else if ((st = pt_stmt_get(p, sql)) == NULL)
		err = PORTAL_ESTORE;
	else if (pattern_fits(pat)) {
		pt_bind_text(st, 1, pat);
		pt_bind_text(st, 2, digits_pat);
		PT_STORE_WALK(p, st, portal_client, client_from_row, portal_client_free, cb, ctx,
			"listing clients", err);
	}
	pt_stmt_done(st);
	free(pat);
	free(digits_pat);
	return err;
}

#define ADDRESS_COLUMNS \
	"id, client_id, house_number, unit, street, city, region, postal_code, country," \
	" latitude, longitude"

static portal_address *address_from_row(pt_stmt *st)
{
	portal_address *a = calloc(1, sizeof(*a));

	if (a == NULL)
		return NULL;
	a->id = pt_col_int64(st, 0);
	a->client_id = pt_col_int64(st, 1);
	a->house_number = pt_col_strdup(st, 2);
	a->unit = pt_col_strdup(st, 3);
	a->street = pt_col_strdup(st, 4);
	a->city = pt_col_strdup(st, 5);
	a->region = pt_col_strdup(st, 6);
	a->postal_code = pt_col_strdup(st, 7);
	a->country = pt_col_strdup(st, 8);
	a->has_location = pt_col_type_of(st, 9) != PT_COL_NULL;
	a->latitude = pt_col_double(st, 9);
	a->longitude = pt_col_double(st, 10);
	if (!a->house_number || !a->unit || !a->street || !a->city || !a->region ||
	    !a->postal_code || !a->country) {
		portal_address_free(a);
		return NULL;
	}
	return a;
}

int pt_store_address_insert(portal_id *out, portal *p, const portal_address *a,
	const char *house_key)
{
	static const char sql[] =
		"INSERT INTO addresses (client_id, house_number, house_key, unit, street, city,"
		" region, postal_code, country, latitude, longitude, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, a->client_id);
	pt_bind_text(st, 2, a->house_number);
	pt_bind_text(st, 3, house_key);
	pt_bind_text(st, 4, a->unit);
	pt_bind_text(st, 5, a->street);
	pt_bind_text(st, 6, a->city);
	pt_bind_text(st, 7, a->region);
	pt_bind_text(st, 8, a->postal_code);
	pt_bind_text(st, 9, a->country);
	if (a->has_location) {
		pt_bind_double(st, 10, a->latitude);
		pt_bind_double(st, 11, a->longitude);
	}
	pt_bind_int64(st, 12, portal_now(p));
	return pt_store_insert(out, p, st, "adding an address");
}

int pt_store_address_update(portal *p, const portal_address *a, const char *house_key)
{
	static const char sql[] =
		"UPDATE addresses SET house_number = ?2, house_key = ?3, unit = ?4, street = ?5,"
		" city = ?6, region = ?7, postal_code = ?8, country = ?9, latitude = ?10,"
		" longitude = ?11 WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, a->id);
	pt_bind_text(st, 2, a->house_number);
	pt_bind_text(st, 3, house_key);
	pt_bind_text(st, 4, a->unit);
	pt_bind_text(st, 5, a->street);
	pt_bind_text(st, 6, a->city);
	pt_bind_text(st, 7, a->region);
	pt_bind_text(st, 8, a->postal_code);
	pt_bind_text(st, 9, a->country);
	if (a->has_location) {
		pt_bind_double(st, 10, a->latitude);
		pt_bind_double(st, 11, a->longitude);
	}
	return pt_store_exec(p, st, "changing an address");
}

int pt_store_address_get(portal_address **out, portal *p, portal_id id)
{
	static const char sql[] = "SELECT " ADDRESS_COLUMNS " FROM addresses WHERE id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	PT_STORE_ONE(p, st, out, address_from_row, "address", id, err);
	return err;
}

int pt_store_address_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_address *a, void *ctx), void *ctx)
{
	static const char sql[] =
		"SELECT " ADDRESS_COLUMNS " FROM addresses WHERE client_id = ?1 ORDER BY id";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	PT_STORE_WALK(p, st, portal_address, address_from_row, portal_address_free, cb, ctx,
		"listing addresses", err);
	pt_stmt_done(st);
	return err;
}

int pt_store_address_first(portal_id *out, portal *p, portal_id client_id)
{
	static const char sql[] = "SELECT min(id) FROM addresses WHERE client_id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, client_id);
	if (pt_step(st) == PT_ROW)
		*out = pt_col_int64(st, 0);
	else
		err = pt_store_fail(p, "reading addresses");
	pt_stmt_done(st);
	return err;
}
