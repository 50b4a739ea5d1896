/*
 * json.h - building the JSON documents the library returns.
 *
 * Every document is built with cJSON and handed over in a portal_buf.
 * Field names are stable: front ends and integrators rely on them.
 */
#ifndef PORTAL_JSON_H
#define PORTAL_JSON_H

#include "internal.h"

#include <cjson/cJSON.h>

/*
 * Print `root` into `out` and free it. When `err` is already an error,
 * only free `root` and return `err`; so a builder ends with
 * `return pt_json_finish(out, p, root, err);`.
 */
int pt_json_finish(portal_buf *out, portal *p, cJSON *root, int err);

/* Add a time as ISO 8601 in the shop's zone, or null when `t` is 0. */
cJSON *pt_json_add_time(cJSON *obj, const char *name, portal *p, portal_time t);

/* Add an id, or null when it is 0. */
cJSON *pt_json_add_id(cJSON *obj, const char *name, portal_id id);

/* State of a foreach walk that collects records into a JSON array. */
typedef struct pt_json_walk {
	portal *p;
	cJSON *array;
} pt_json_walk;

/* Append `item` (built by a *_to_json() that returns NULL when out of
 * memory) to the walk's array; the return value suits a foreach callback. */
int pt_json_walk_add(pt_json_walk *w, cJSON *item);

#endif
