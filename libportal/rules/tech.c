/* SPDX-License-Identifier: MIT */
/*
 * tech.c - technicians.
 */
#include "internal.h"
#include "json.h"
#include "record_json.h"
#include "store.h"
#include "validate.h"

#include <stdlib.h>

int portal_tech_add(portal_id *out, portal *p, const char *name, const char *phone)
{
	portal_tech t = { 0 };
	portal_id id = 0;
	int err;

	t.active = 1;
	if ((err = pt_valid_text(&t.name, p, "tech.name", name, 1, 120, 0)) == 0 &&
	    (err = pt_valid_phone(&t.phone, p, "tech.phone", phone, 0)) == 0)
		err = pt_store_tech_insert(&id, p, &t);
	free(t.name);
	free(t.phone);
	if (err == 0 && out != NULL)
		*out = id;
	return err;
}

int portal_tech_set_active(portal *p, portal_id id, int active)
{
	return pt_store_tech_set_active(p, id, active != 0);
}

int portal_tech_get(portal_tech **out, portal *p, portal_id id)
{
	return pt_store_tech_get(out, p, id);
}

int portal_tech_foreach(portal *p, int (*cb)(const portal_tech *t, void *ctx), void *ctx)
{
	return pt_store_tech_foreach(p, cb, ctx);
}

int portal_tech_list_json(portal_buf *out, portal *p)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err = w.array ? PORTAL_OK : pt_oom(p);

	if (err == 0)
		err = pt_store_tech_foreach(p, pt_walk_tech, &w);
	return pt_json_finish(out, p, w.array, err);
}
