/*
 * json.c - building the JSON documents the library returns.
 */
#include "json.h"

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
