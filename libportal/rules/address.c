/* SPDX-License-Identifier: MIT */
/*
 * address.c - service addresses: validation and the one-line form.
 */
#include "internal.h"
#include "rules.h"
#include "store.h"
#include "validate.h"

#include <stdlib.h>
#include <string.h>

static int validate_address(portal_address *a, portal *p, const portal_address_fields *f)
{
	int err;

	if (f == NULL || f->version != PORTAL_ADDRESS_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_address_fields: missing or of an unknown version");
	if ((err = pt_valid_house_number(&a->house_number, p, "address.house_number",
			f->house_number)) < 0 ||
	    (err = pt_valid_text(&a->unit, p, "address.unit", f->unit, 0, 12, 0)) < 0 ||
	    (err = pt_valid_text(&a->street, p, "address.street", f->street, 1, 120, 0)) < 0 ||
	    (err = pt_valid_text(&a->city, p, "address.city", f->city, 1, 80, 0)) < 0 ||
	    (err = pt_valid_text(&a->region, p, "address.region", f->region, 0, 80, 0)) < 0 ||
	    (err = pt_valid_country(&a->country, p, "address.country", f->country)) < 0 ||
	    (err = pt_valid_postal_code(&a->postal_code, p, "address.postal_code",
			f->postal_code, a->country)) < 0)
		return err;
	if (strchr(a->unit, '-') != NULL)
		return pt_error(p, PORTAL_EINVAL, "address.unit", "'%s': give the unit alone, e.g. 5",
			a->unit);
	a->has_location = f->has_location != 0;
	if (a->has_location) {
		if ((err = pt_valid_location(p, "address.location", f->latitude, f->longitude)) < 0)
			return err;
		a->latitude = f->latitude;
		a->longitude = f->longitude;
	}
	return PORTAL_OK;
}

int portal_address_add(portal_id *out, portal *p, portal_id client_id,
	const portal_address_fields *f)
{
	portal_address *a = calloc(1, sizeof(*a));
	portal_client *c = NULL;
	char *key = NULL;
	portal_id id = 0;
	int err;

	if (a == NULL)
		return pt_oom(p);
	a->client_id = client_id;
	if ((err = pt_store_client_get(&c, p, client_id)) < 0 ||
	    (err = validate_address(a, p, f)) < 0)
		goto done;
	if ((key = pt_house_key(a->house_number)) == NULL) {
		err = pt_oom(p);
		goto done;
	}
	if ((err = pt_store_address_insert(&id, p, a, key)) == 0 && out != NULL)
		*out = id;
done:
	free(key);
	portal_client_free(c);
	portal_address_free(a);
	return err;
}

int pt_address_check(portal_address **out, portal *p, const portal_address_fields *f)
{
	portal_address *a = calloc(1, sizeof(*a));
	int err;

	*out = NULL;
	if (a == NULL)
		return pt_oom(p);
	if ((err = validate_address(a, p, f)) < 0) {
		portal_address_free(a);
		return err;
	}
	*out = a;
	return PORTAL_OK;
}

int portal_address_update(portal *p, portal_id id, const portal_address_fields *f)
{
	portal_address *old = NULL, *a = NULL;
	char *key = NULL;
	int err;

	if ((err = pt_store_address_get(&old, p, id)) < 0 ||
	    (err = pt_address_check(&a, p, f)) < 0)
		goto done;
	a->id = id;
	a->client_id = old->client_id;
	if ((key = pt_house_key(a->house_number)) == NULL)
		err = pt_oom(p);
	else
		err = pt_store_address_update(p, a, key);
done:
	free(key);
	portal_address_free(old);
	portal_address_free(a);
	return err;
}

int portal_address_get(portal_address **out, portal *p, portal_id id)
{
	return pt_store_address_get(out, p, id);
}

int portal_address_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_address *a, void *ctx), void *ctx)
{
	return pt_store_address_foreach(p, client_id, cb, ctx);
}

