/* SPDX-License-Identifier: MIT */
/*
 * client.c - clients: validation, updates and their JSON form.
 */
#include "internal.h"
#include "json.h"
#include "record_json.h"
#include "store.h"
#include "validate.h"

#include <stdlib.h>
#include <string.h>

typedef int (*text_check)(char **out, portal *p, const char *field, const char *in);

static int check_name(char **out, portal *p, const char *field, const char *in)
{
	return pt_valid_text(out, p, field, in, 1, 120, 0);
}

static int check_email(char **out, portal *p, const char *field, const char *in)
{
	return pt_valid_email(out, p, field, in, 0);
}

static int check_phone(char **out, portal *p, const char *field, const char *in)
{
	return pt_valid_phone(out, p, field, in, 0);
}

static int check_notes(char **out, portal *p, const char *field, const char *in)
{
	return pt_valid_text(out, p, field, in, 0, 2000, PT_TEXT_MULTILINE);
}

/* Replace *slot with the validated `in` when `in` is given. */
static int apply(char **slot, portal *p, const char *field, const char *in, text_check check)
{
	char *v;
	int err;

	if (in == NULL)
		return PORTAL_OK;
	if ((err = check(&v, p, field, in)) < 0)
		return err;
	free(*slot);
	*slot = v;
	return PORTAL_OK;
}

/* Apply the given fields of `f` to `c`; `c` is left partly changed on
 * failure, so callers work on a copy they throw away. */
static int apply_fields(portal_client *c, portal *p, const portal_client_fields *f)
{
	int err;

	if (f == NULL || f->version != PORTAL_CLIENT_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_client_fields: missing or of an unknown version");
	if ((err = apply(&c->name, p, "client.name", f->name, check_name)) < 0 ||
	    (err = apply(&c->email, p, "client.email", f->email, check_email)) < 0 ||
	    (err = apply(&c->phone, p, "client.phone", f->phone, check_phone)) < 0 ||
	    (err = apply(&c->notes, p, "client.notes", f->notes, check_notes)) < 0)
		return err;
	if (f->sms_consent != PORTAL_UNCHANGED) {
		if (f->sms_consent != 0 && f->sms_consent != 1)
			return pt_error(p, PORTAL_EINVAL, "client.sms_consent", "must be 0 or 1");
		if (f->sms_consent != c->sms_consent) {
			c->sms_consent = f->sms_consent;
			c->sms_consent_at = portal_now(p);
		}
	}
	if (c->sms_consent && c->phone[0] == '\0')
		return pt_error(p, PORTAL_EINVAL, "client.sms_consent",
			"SMS consent needs a phone number");
	return PORTAL_OK;
}

int portal_client_add(portal_id *out, portal *p, const portal_client_fields *f)
{
	portal_client c = { 0 };
	portal_id id = 0;
	int err;

	c.name = pt_strdup("");
	c.email = pt_strdup("");
	c.phone = pt_strdup("");
	c.notes = pt_strdup("");
	if (!c.name || !c.email || !c.phone || !c.notes)
		err = pt_oom(p);
	else if ((err = apply_fields(&c, p, f)) == 0 && c.name[0] == '\0')
		err = pt_error(p, PORTAL_EINVAL, "client.name", "required");
	if (err == 0) {
		c.created_at = portal_now(p);
		err = pt_store_client_insert(&id, p, &c);
	}
	free(c.name);
	free(c.email);
	free(c.phone);
	free(c.notes);
	if (err == 0 && out != NULL)
		*out = id;
	return err;
}

int portal_client_update(portal *p, portal_id id, const portal_client_fields *f)
{
	portal_client *c = NULL;
	int err;

	if ((err = pt_store_client_get(&c, p, id)) == 0 &&
	    (err = apply_fields(c, p, f)) == 0)
		err = pt_store_client_update(p, c);
	portal_client_free(c);
	return err;
}

int portal_client_get(portal_client **out, portal *p, portal_id id)
{
	return pt_store_client_get(out, p, id);
}

/* Phones are stored as E.164, but people search them as they write them
 * ("416-555-0199"): the digits of such a search also match phones. A
 * search with fewer than 3 digits is a name, not a phone. */
static void search_digits(char out[32], const char *search)
{
	char digits[32];
	size_t n = 0;

	out[0] = '\0';
	for (const char *c = search ? search : ""; *c; c++) {
		if (*c >= '0' && *c <= '9' && n < sizeof(digits) - 1)
			digits[n++] = *c;
		else if (!strchr(" -.()+", *c))
			return;
	}
	if (n >= 3) {
		memcpy(out, digits, n);
		out[n] = '\0';
	}
}

int portal_client_foreach(portal *p, const char *search,
	int (*cb)(const portal_client *c, void *ctx), void *ctx)
{
	char digits[32];

	search_digits(digits, search);
	return pt_store_client_foreach(p, search, digits, cb, ctx);
}

int portal_client_json(portal_buf *out, portal *p, portal_id id)
{
	portal_client *c = NULL;
	pt_json_walk w = { p, NULL };
	cJSON *root = NULL;
	int err;

	if ((err = pt_store_client_get(&c, p, id)) < 0)
		return err;
	if ((root = pt_client_to_json(p, c)) == NULL)
		err = pt_oom(p);
	if (err == 0 && (w.array = cJSON_AddArrayToObject(root, "addresses")) == NULL)
		err = pt_oom(p);
	if (err == 0)
		err = pt_store_address_foreach(p, id, pt_walk_address, &w);
	if (err == 0 && (w.array = cJSON_AddArrayToObject(root, "assets")) == NULL)
		err = pt_oom(p);
	if (err == 0)
		err = pt_store_asset_foreach(p, id, pt_walk_asset, &w);
	portal_client_free(c);
	return pt_json_finish(out, p, root, err);
}

int portal_client_list_json(portal_buf *out, portal *p, const char *search)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err = w.array ? PORTAL_OK : pt_oom(p);

	if (err == 0)
		err = portal_client_foreach(p, search, pt_walk_client, &w);
	return pt_json_finish(out, p, w.array, err);
}
