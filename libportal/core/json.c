/* SPDX-License-Identifier: MIT */
/*
 * json.c - building the JSON documents the library returns.
 */
#include "json.h"

#include <stdio.h>
#include <stdlib.h>

int pt_json_finish(portal_buf *out, portal *p, cJSON *root, int err)
{
	char *text;

	if (err < 0 || root == NULL) {
		cJSON_Delete(root);
		return err < 0 ? err : pt_oom(p);
	}
	text = cJSON_Print(root);
	cJSON_Delete(root);
	if (text == NULL)
		return pt_oom(p);
	/* cJSON allocates with malloc unless told otherwise, so the text can
	 * be handed over to the buffer as it is. */
	pt_buf_attach(out, text);
	return PORTAL_OK;
}

cJSON *pt_json_add_time(cJSON *obj, const char *name, portal *p, portal_time t)
{
	char buf[PORTAL_TIME_STRLEN];

	if (t == 0)
		return cJSON_AddNullToObject(obj, name);
	return cJSON_AddStringToObject(obj, name,
		portal_time_format(buf, sizeof(buf), p, t, PORTAL_TIME_ISO));
}

cJSON *pt_json_add_id(cJSON *obj, const char *name, portal_id id)
{
	if (id == 0)
		return cJSON_AddNullToObject(obj, name);
	return cJSON_AddNumberToObject(obj, name, (double)id);
}

int pt_json_walk_add(pt_json_walk *w, cJSON *item)
{
	if (item == NULL || !cJSON_AddItemToArray(w->array, item)) {
		cJSON_Delete(item);
		return pt_oom(w->p);
	}
	return PORTAL_OK;
}

int pt_jb_check(pt_json_builder *b, int ok)
{
	if (!ok)
		b->failed = 1;
	return b->failed ? -1 : 0;
}

int pt_jb_string(pt_json_builder *b, cJSON *obj, const char *name, const char *s)
{
	return b->failed ? -1 : pt_jb_check(b, cJSON_AddStringToObject(obj, name, s) != NULL);
}

int pt_jb_text(pt_json_builder *b, cJSON *obj, const char *name, const char *s)
{
	if (s == NULL || *s == '\0')
		return pt_jb_null(b, obj, name);
	return pt_jb_string(b, obj, name, s);
}

int pt_jb_int(pt_json_builder *b, cJSON *obj, const char *name, int64_t n)
{
	return pt_jb_number(b, obj, name, (double)n);
}

int pt_jb_number(pt_json_builder *b, cJSON *obj, const char *name, double n)
{
	return b->failed ? -1 : pt_jb_check(b, cJSON_AddNumberToObject(obj, name, n) != NULL);
}

int pt_jb_bool(pt_json_builder *b, cJSON *obj, const char *name, int v)
{
	return b->failed ? -1 : pt_jb_check(b, cJSON_AddBoolToObject(obj, name, v) != NULL);
}

int pt_jb_null(pt_json_builder *b, cJSON *obj, const char *name)
{
	return b->failed ? -1 : pt_jb_check(b, cJSON_AddNullToObject(obj, name) != NULL);
}

int pt_jb_id(pt_json_builder *b, cJSON *obj, const char *name, portal_id id)
{
	return b->failed ? -1 : pt_jb_check(b, pt_json_add_id(obj, name, id) != NULL);
}

int pt_jb_time(pt_json_builder *b, cJSON *obj, const char *name, portal_time t)
{
	return b->failed ? -1 : pt_jb_check(b, pt_json_add_time(obj, name, b->p, t) != NULL);
}

/* "<name>_text", the key of the text that rides along with a value. */
static const char *text_key(char *key, size_t len, const char *name)
{
	snprintf(key, len, "%s_text", name);
	return key;
}

int pt_jb_seconds(pt_json_builder *b, cJSON *obj, const char *name, portal_time t)
{
	char key[64];

	text_key(key, sizeof(key), name);
	if (t == 0) {
		pt_jb_null(b, obj, name);
		return pt_jb_null(b, obj, key);
	}
	pt_jb_int(b, obj, name, t);
	return pt_jb_time(b, obj, key, t);
}

int pt_jb_money(pt_json_builder *b, cJSON *obj, const char *name, portal_money cents)
{
	char key[64], text[PORTAL_MONEY_STRLEN];

	pt_jb_int(b, obj, name, cents);
	return pt_jb_string(b, obj, text_key(key, sizeof(key), name),
		portal_money_format(text, sizeof(text), cents));
}

cJSON *pt_jb_object(pt_json_builder *b, cJSON *obj, const char *name)
{
	cJSON *o = b->failed ? NULL : cJSON_AddObjectToObject(obj, name);

	pt_jb_check(b, o != NULL);
	return o;
}

cJSON *pt_jb_array(pt_json_builder *b, cJSON *obj, const char *name)
{
	cJSON *a = b->failed ? NULL : cJSON_AddArrayToObject(obj, name);

	pt_jb_check(b, a != NULL);
	return a;
}

cJSON *pt_jb_item(pt_json_builder *b, cJSON *obj, const char *name, cJSON *item)
{
	if (b->failed || item == NULL || !cJSON_AddItemToObject(obj, name, item)) {
		cJSON_Delete(item);
		b->failed = 1;
		return NULL;
	}
	return item;
}

cJSON *pt_jb_append(pt_json_builder *b, cJSON *array, cJSON *item)
{
	if (b->failed || item == NULL || !cJSON_AddItemToArray(array, item)) {
		cJSON_Delete(item);
		b->failed = 1;
		return NULL;
	}
	return item;
}

cJSON *pt_jb_done(pt_json_builder *b, cJSON *obj)
{
	if (b->failed) {
		cJSON_Delete(obj);
		return NULL;
	}
	return obj;
}

int pt_jb_error(const pt_json_builder *b)
{
	return b->failed ? pt_oom(b->p) : PORTAL_OK;
}
