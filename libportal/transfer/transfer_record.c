/* SPDX-License-Identifier: MIT */
/*
 * transfer_record.c - one record of an imported document: every key
 * known, present once and of its type, every value passing the rule the
 * library applies when the shop types it (validate.h), every reference
 * naming a record of the document; then the record written, its id kept.
 */
#include "transfer_import.h"
#include "validate.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* More than the widest kind's keys, with room for a derived column. */
#define MAX_VALUES 24

/* The largest whole number a double holds exactly. */
#define EXACT_MAX 9007199254740992.0

typedef struct record {
	pt_importer *im;
	pt_transfer_kind k;
	const pt_kind *kind;
	const cJSON *obj;
	long line;
	char label[80];
	pt_transfer_value v[MAX_VALUES];
	size_t n;
	char *owned[MAX_VALUES];
	size_t owned_count;
	size_t problems;
} record;

static void bad(record *r, const char *field, const char *fmt, ...) PT_PRINTF(3, 4);

static void bad(record *r, const char *field, const char *fmt, ...)
{
	char msg[400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	r->problems++;
	pt_import_problem(r->im, r->line, field, "%s: %s", r->label, msg);
}

int pt_import_whole(const cJSON *item, int64_t *out)
{
	double d;

	if (!cJSON_IsNumber(item))
		return -1;
	d = item->valuedouble;
	if (d != floor(d) || fabs(d) > EXACT_MAX)
		return -1;
	*out = (int64_t)d;
	return 0;
}

static pt_transfer_value *add_value(record *r, const char *name, pt_value_type type)
{
	pt_transfer_value *v = &r->v[r->n++];

	memset(v, 0, sizeof(*v));
	v->name = name;
	v->type = type;
	return v;
}

static const pt_transfer_value *value_of(const record *r, const char *name)
{
	for (size_t i = 0; i < r->n; i++)
		if (strcmp(r->v[i].name, name) == 0)
			return &r->v[i];
	return NULL;
}

/* Keep `text` (malloc'ed, now owned by the record) as the value of `name`. */
static void add_text(record *r, const char *name, char *text)
{
	r->owned[r->owned_count++] = text;
	add_value(r, name, PT_VALUE_TEXT)->s = text;
}

/* The end of a check through validate.h: keep the clean text, or report
 * the library's own words. Only a failure other than the value's stops. */
static int checked(record *r, const pt_key *key, int err, char *clean)
{
	if (err == 0) {
		add_text(r, key->name, clean);
		return PORTAL_OK;
	}
	free(clean);
	if (err != PORTAL_EINVAL)
		return err;
	bad(r, key->name, "%s", portal_errmsg(r->im->p));
	return PORTAL_OK;
}

static int check_number(record *r, const pt_key *key, const cJSON *item)
{
	int64_t n;

	if (key->type == PT_KEY_REAL) {
		if (!cJSON_IsNumber(item))
			bad(r, key->name, "%s must be a number", key->name);
		else if (item->valuedouble < (double)key->min || item->valuedouble > (double)key->max)
			bad(r, key->name, "%s must be from %lld to %lld", key->name,
				(long long)key->min, (long long)key->max);
		else
			add_value(r, key->name, PT_VALUE_REAL)->d = item->valuedouble;
		return PORTAL_OK;
	}
	if (pt_import_whole(item, &n) < 0) {
		bad(r, key->name, "%s must be a whole number", key->name);
		return PORTAL_OK;
	}
	if (key->type == PT_KEY_REF) {
		if (!pt_import_has_id(r->im, key->ref, n))
			bad(r, key->name, "%s %lld: the document has no %s #%lld", key->name,
				(long long)n, pt_transfer_kind_at(key->ref)->noun, (long long)n);
	} else if (key->type == PT_KEY_MONEY && key->min == 0 && n < 0) {
		bad(r, key->name, "%s is an amount in cents, never negative", key->name);
	} else if (n < key->min || n > key->max) {
		bad(r, key->name, "%s must be from %lld to %lld", key->name,
			(long long)key->min, (long long)key->max);
	}
	add_value(r, key->name, PT_VALUE_INT)->i = n;
	return PORTAL_OK;
}

/* Text the library wrote itself: any valid UTF-8. */
static int check_string(record *r, const pt_key *key, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	size_t len;
	char *copy;

	for (; *u; u += len) {
		if ((len = pt_utf8_decode(u, &cp)) == 0) {
			bad(r, key->name, "%s is not valid UTF-8 text", key->name);
			return PORTAL_OK;
		}
	}
	if ((copy = pt_strdup(s)) == NULL)
		return pt_oom(r->im->p);
	add_text(r, key->name, copy);
	return PORTAL_OK;
}

static int check_word(record *r, const pt_key *key, const char *s)
{
	for (size_t i = 0; key->words[i] != NULL; i++)
		if (strcmp(key->words[i], s) == 0)
			return check_string(r, key, s);
	bad(r, key->name, "%s \"%s\" is none of the known values", key->name, s);
	return PORTAL_OK;
}

static int check_json(record *r, const pt_key *key, const char *s)
{
	cJSON *doc = cJSON_Parse(s);
	int object = cJSON_IsObject(doc);

	cJSON_Delete(doc);
	if (!object) {
		bad(r, key->name, "%s must be a JSON object, as text", key->name);
		return PORTAL_OK;
	}
	return check_string(r, key, s);
}

/* A postal code is checked against the record's country, when that is one. */
static int check_postal_code(record *r, const pt_key *key, const char *s)
{
	const cJSON *c = cJSON_GetObjectItemCaseSensitive(r->obj, "country");
	char *country = NULL, *clean = NULL;
	int err;

	if (!cJSON_IsString(c) || pt_valid_country(&country, r->im->p, "country", c->valuestring) < 0)
		return check_string(r, key, s);
	err = pt_valid_postal_code(&clean, r->im->p, key->name, s, country);
	free(country);
	return checked(r, key, err, clean);
}

static int check_text(record *r, const pt_key *key, const char *s)
{
	portal *p = r->im->p;
	const char *name = key->name;
	char *clean = NULL;
	int err;

	switch (key->type) {
	case PT_KEY_TEXT:
		err = pt_valid_text(&clean, p, name, s, (size_t)key->min, (size_t)key->max,
			(key->flags & PT_KEY_MULTILINE) ? PT_TEXT_MULTILINE : 0);
		break;
	case PT_KEY_EMAIL: err = pt_valid_email(&clean, p, name, s, 0); break;
	case PT_KEY_PHONE: err = pt_valid_phone(&clean, p, name, s, 0); break;
	case PT_KEY_VIN: err = pt_valid_vin(&clean, p, name, s); break;
	case PT_KEY_HOUSE_NUMBER: err = pt_valid_house_number(&clean, p, name, s); break;
	case PT_KEY_DATE: err = pt_valid_date(&clean, p, name, s, 0); break;
	case PT_KEY_COUNTRY: err = pt_valid_country(&clean, p, name, s); break;
	case PT_KEY_POSTAL_CODE: return check_postal_code(r, key, s);
	case PT_KEY_WORD: return check_word(r, key, s);
	case PT_KEY_JSON: return check_json(r, key, s);
	default: return check_string(r, key, s);
	}
	return checked(r, key, err, clean);
}

static int is_text_key(pt_key_type t)
{
	return t >= PT_KEY_TEXT;
}

static int check_key(record *r, const pt_key *key)
{
	const cJSON *item = cJSON_GetObjectItemCaseSensitive(r->obj, key->name);

	if (item == NULL) {
		bad(r, key->name, "%s is missing", key->name);
		return PORTAL_OK;
	}
	if (cJSON_IsNull(item)) {
		if (key->flags & PT_KEY_NULL)
			add_value(r, key->name, PT_VALUE_NULL);
		else
			bad(r, key->name, "%s cannot be null", key->name);
		return PORTAL_OK;
	}
	if (!is_text_key(key->type))
		return check_number(r, key, item);
	if (!cJSON_IsString(item)) {
		bad(r, key->name, "%s must be a string", key->name);
		return PORTAL_OK;
	}
	return check_text(r, key, item->valuestring);
}

static const pt_key *find_key(const pt_kind *kind, const char *name)
{
	for (size_t i = 0; i < kind->key_count; i++)
		if (strcmp(kind->keys[i].name, name) == 0)
			return &kind->keys[i];
	return NULL;
}

/* Every key of the record must be one of its kind's, and given once. */
static void check_key_names(record *r)
{
	const cJSON *item, *other;

	cJSON_ArrayForEach(item, r->obj) {
		if (find_key(r->kind, item->string) == NULL) {
			bad(r, item->string, "unknown key \"%s\"", item->string);
			continue;
		}
		for (other = r->obj->child; other != item; other = other->next)
			if (strcmp(other->string, item->string) == 0) {
				bad(r, item->string, "%s is given twice", item->string);
				break;
			}
	}
}

/* The columns the store keeps beside what people typed, and the rules
 * that join two keys of one record. */
static int derive(record *r)
{
	const pt_transfer_value *a, *b;
	char key[PORTAL_INVOICE_NUMBER_MAX + 1], *copy;

	switch (r->k) {
	case PT_TRANSFER_ADDRESSES:
		a = value_of(r, "house_number");
		if ((copy = pt_house_key(a->s)) == NULL)
			return pt_oom(r->im->p);
		add_text(r, "house_key", copy);
		break;
	case PT_TRANSFER_INVOICES:
		a = value_of(r, "number");
		if (portal_invoice_number_key(key, sizeof(key), a->s) < 0) {
			bad(r, "number", "number \"%s\" has no letter or digit to look it up by", a->s);
			break;
		}
		if ((copy = pt_strdup(key)) == NULL)
			return pt_oom(r->im->p);
		add_text(r, "number_key", copy);
		break;
	case PT_TRANSFER_PAYMENTS:
		a = value_of(r, "amount");
		b = value_of(r, "refund_of");
		if (b->type == PT_VALUE_NULL && a->i <= 0)
			bad(r, "amount", "a payment's amount is more than 0 (a refund names refund_of)");
		else if (b->type != PT_VALUE_NULL && a->i >= 0)
			bad(r, "amount", "a refund's amount is negative");
		break;
	case PT_TRANSFER_APPOINTMENTS:
		a = value_of(r, "window_start");
		b = value_of(r, "window_end");
		if (b->i <= a->i)
			bad(r, "window_end", "the arrival window ends after it starts");
		break;
	default:
		break;
	}
	return PORTAL_OK;
}

static void set_label(record *r)
{
	const char *first = r->kind->keys[0].name;
	const cJSON *id = cJSON_IsObject(r->obj)
		? cJSON_GetObjectItemCaseSensitive(r->obj, first) : NULL;
	int64_t n;

	if (pt_import_whole(id, &n) == 0)
		snprintf(r->label, sizeof(r->label), "%s #%lld", r->kind->noun, (long long)n);
	else
		snprintf(r->label, sizeof(r->label), "%s", r->kind->noun);
}

int pt_import_record(pt_importer *im, pt_transfer_kind k, const cJSON *obj, long line)
{
	record r;
	int err = PORTAL_OK;

	memset(&r, 0, sizeof(r));
	r.im = im;
	r.k = k;
	r.kind = pt_transfer_kind_at(k);
	r.obj = obj;
	r.line = line;
	set_label(&r);
	if (!cJSON_IsObject(obj)) {
		bad(&r, NULL, "a record is a JSON object {...}");
		return PORTAL_OK;
	}
	check_key_names(&r);
	for (size_t i = 0; i < r.kind->key_count && err == 0; i++)
		err = check_key(&r, &r.kind->keys[i]);
	if (err == 0 && r.problems == 0)
		err = derive(&r);
	if (err == 0 && r.problems == 0) {
		err = pt_store_transfer_insert(im->p, k, r.v, r.n);
		if (err == PORTAL_EINVAL) {
			bad(&r, NULL, "%s", portal_errmsg(im->p));
			err = PORTAL_OK;
		}
		if (err == 0 && r.problems == 0) {
			im->records++;
			im->written[k]++;
		}
	}
	for (size_t i = 0; i < r.owned_count; i++)
		free(r.owned[i]);
	return err;
}
