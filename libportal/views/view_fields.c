/* SPDX-License-Identifier: MIT */
/*
 * view_fields.c - the pieces of the customer's views that more than one
 * view shows.
 */
#include "view_fields.h"
#include "store_inspection.h"

#include <stdio.h>
#include <stdlib.h>

cJSON *pt_view_add_time(cJSON *obj, const char *name, portal *p, portal_time t)
{
	char key[64];

	snprintf(key, sizeof(key), "%s_text", name);
	if (t == 0)
		return cJSON_AddNullToObject(obj, name) ? cJSON_AddNullToObject(obj, key) : NULL;
	if (!cJSON_AddNumberToObject(obj, name, (double)t))
		return NULL;
	return pt_json_add_time(obj, key, p, t);
}

int pt_view_add_asset_ref(cJSON *obj, portal *p, portal_id asset_id)
{
	portal_asset *a = NULL;
	char *label = NULL;
	int err;

	if (asset_id == 0)
		return cJSON_AddNullToObject(obj, "asset_id") &&
			cJSON_AddNullToObject(obj, "asset_label") ? PORTAL_OK : pt_oom(p);
	if ((err = portal_asset_get(&a, p, asset_id)) < 0)
		return err;
	label = pt_asset_label(a->make, a->model, a->category);
	err = label && pt_json_add_id(obj, "asset_id", asset_id) &&
		cJSON_AddStringToObject(obj, "asset_label", label) ? PORTAL_OK : pt_oom(p);
	free(label);
	portal_asset_free(a);
	return err;
}

cJSON *pt_view_add_text_or_null(cJSON *obj, const char *name, const char *text)
{
	if (text == NULL || *text == '\0')
		return cJSON_AddNullToObject(obj, name);
	return cJSON_AddStringToObject(obj, name, text);
}

int pt_view_append(portal *p, cJSON *a, cJSON *item)
{
	if (item == NULL || !cJSON_AddItemToArray(a, item)) {
		cJSON_Delete(item);
		return pt_oom(p);
	}
	return PORTAL_OK;
}

int pt_id_list_add(pt_id_list *l, portal_id id)
{
	if (l->n == l->cap) {
		size_t ncap = l->cap ? l->cap * 2 : 16;
		portal_id *grown = realloc(l->ids, ncap * sizeof(*grown));
		if (grown == NULL)
			return pt_oom(l->p);
		l->ids = grown;
		l->cap = ncap;
	}
	l->ids[l->n++] = id;
	return PORTAL_OK;
}

int pt_id_list_has(const pt_id_list *l, portal_id id)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->ids[i] == id)
			return 1;
	return 0;
}
