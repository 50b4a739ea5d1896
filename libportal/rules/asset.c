/* SPDX-License-Identifier: MIT */
/*
 * asset.c - appliances and vehicles: validation and kinds.
 */
#include "internal.h"
#include "local_days.h"
#include "json.h"
#include "record_json.h"
#include "store.h"
#include "tz.h"
#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static int check_serial(portal *p, const char *serial)
{
	for (const char *c = serial; *c; c++)
		if (!(isalnum((unsigned char)*c) || strchr(" -/.", *c)))
			return pt_error(p, PORTAL_EINVAL, "asset.serial",
				"'%s': letters, digits, spaces and - / . only", serial);
	if (*serial && strlen(serial) < 3)
		return pt_error(p, PORTAL_EINVAL, "asset.serial", "at least 3 characters");
	return PORTAL_OK;
}

/* The model year may be next year's (cars are sold a year ahead), never
 * later; the acquisition date may not be in the future. */
static int check_dates(portal *p, const portal_asset *a)
{
	const struct tz *z = pt_shop_tz(p);
	tz_civil today;
	char buf[12];

	if (z == NULL)
		return PORTAL_EIO;
	pt_tz_to_civil(z, portal_now(p), &today);
	if (a->year != 0 && (a->year < 1900 || a->year > today.year + 1))
		return pt_error(p, PORTAL_EINVAL, "asset.year", "%d is not a model year (1900 to %d)",
			a->year, today.year + 1);
	snprintf(buf, sizeof(buf), "%04d-%02d-%02d", today.year, today.month, today.day);
	if (a->acquired_on[0] && strcmp(a->acquired_on, buf) > 0)
		return pt_error(p, PORTAL_EINVAL, "asset.acquired_on", "%s is in the future",
			a->acquired_on);
	return PORTAL_OK;
}

static int validate_asset(portal_asset *a, portal *p, const portal_asset_fields *f)
{
	int err;

	if (f == NULL || f->version != PORTAL_ASSET_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_asset_fields: missing or of an unknown version");
	if (portal_asset_kind_name(f->kind) == NULL)
		return pt_error(p, PORTAL_EINVAL, "asset.kind", "must be appliance or vehicle");
	a->kind = f->kind;
	a->year = f->year;
	if ((err = pt_valid_text(&a->category, p, "asset.category", f->category, 1, 60, 0)) < 0 ||
	    (err = pt_valid_text(&a->make, p, "asset.make", f->make, 1, 60, 0)) < 0 ||
	    (err = pt_valid_text(&a->model, p, "asset.model", f->model, 0, 60, 0)) < 0 ||
	    (err = pt_valid_text(&a->serial, p, "asset.serial", f->serial, 0, 40, 0)) < 0 ||
	    (err = check_serial(p, a->serial)) < 0 ||
	    (err = pt_valid_vin(&a->vin, p, "asset.vin", f->vin)) < 0 ||
	    (err = pt_valid_date(&a->acquired_on, p, "asset.acquired_on", f->acquired_on, 0)) < 0 ||
	    (err = pt_valid_text(&a->notes, p, "asset.notes", f->notes, 0, 2000,
			PT_TEXT_MULTILINE)) < 0)
		return err;
	if (a->vin[0] && a->kind != PORTAL_ASSET_VEHICLE)
		return pt_error(p, PORTAL_EINVAL, "asset.vin", "only vehicles have a VIN");
	return check_dates(p, a);
}

int portal_asset_add(portal_id *out, portal *p, portal_id client_id,
	const portal_asset_fields *f)
{
	portal_asset *a = calloc(1, sizeof(*a));
	portal_client *c = NULL;
	portal_id id = 0;
	int err;

	if (a == NULL)
		return pt_oom(p);
	a->client_id = client_id;
	if ((err = pt_store_client_get(&c, p, client_id)) == 0 &&
	    (err = validate_asset(a, p, f)) == 0 &&
	    (err = pt_store_asset_insert(&id, p, a)) == 0 && out != NULL)
		*out = id;
	portal_client_free(c);
	portal_asset_free(a);
	return err;
}

int portal_asset_get(portal_asset **out, portal *p, portal_id id)
{
	return pt_store_asset_get(out, p, id);
}

int portal_asset_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_asset *a, void *ctx), void *ctx)
{
	return pt_store_asset_foreach(p, client_id, cb, ctx);
}

int portal_asset_json(portal_buf *out, portal *p, portal_id id)
{
	portal_asset *a = NULL;
	cJSON *root = NULL;
	int err;

	if ((err = pt_store_asset_get(&a, p, id)) == 0 &&
	    (root = pt_asset_to_json(p, a)) == NULL)
		err = pt_oom(p);
	portal_asset_free(a);
	return pt_json_finish(out, p, root, err);
}

int portal_asset_list_json(portal_buf *out, portal *p, portal_id client_id)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err = w.array ? PORTAL_OK : pt_oom(p);

	if (err == 0)
		err = pt_store_asset_foreach(p, client_id, pt_walk_asset, &w);
	return pt_json_finish(out, p, w.array, err);
}
