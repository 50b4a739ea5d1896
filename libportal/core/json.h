/* SPDX-License-Identifier: MIT */
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

/*
 * A document under construction. cJSON's Add* functions return NULL when
 * out of memory, and a check after each one buries a document's fields
 * under its checks. A builder remembers the first failure instead, so a
 * document is written as a plain list of pt_jb_*() calls and checked
 * once at the end, with pt_jb_done() or pt_jb_error(). Once it has
 * failed, the calls add nothing more: the whole document is given up.
 *
 * `p` formats times in the shop's zone and receives the error; it may be
 * NULL in a builder that adds no time and reports no error.
 */
typedef struct pt_json_builder {
	portal *p;
	int failed;
} pt_json_builder;

#define PT_JSON_BUILDER_INIT(p) { (p), 0 }

/*
 * Add field `name` to object `obj`. Each returns 0, or -1 when `b` has
 * failed, by this call or an earlier one. A NULL `obj` (a container that
 * could not be added) fails as well, and so does a NULL `s` given to
 * pt_jb_string(), as in cJSON: text that may be missing goes through
 * pt_jb_text(), which writes null for NULL or "".
 */
int pt_jb_string(pt_json_builder *b, cJSON *obj, const char *name, const char *s);
int pt_jb_text(pt_json_builder *b, cJSON *obj, const char *name, const char *s);
int pt_jb_int(pt_json_builder *b, cJSON *obj, const char *name, int64_t n);
int pt_jb_number(pt_json_builder *b, cJSON *obj, const char *name, double n);
int pt_jb_bool(pt_json_builder *b, cJSON *obj, const char *name, int v);
int pt_jb_null(pt_json_builder *b, cJSON *obj, const char *name);
/* An id, or null when it is 0 (as pt_json_add_id()). */
int pt_jb_id(pt_json_builder *b, cJSON *obj, const char *name, portal_id id);
/* ISO 8601 in the shop's zone, or null when `t` is 0 (as pt_json_add_time()). */
int pt_jb_time(pt_json_builder *b, cJSON *obj, const char *name, portal_time t);
/* UTC seconds under `name` and ISO 8601 under "<name>_text", both null
 * when `t` is 0: the form of the times scripts compute with. */
int pt_jb_seconds(pt_json_builder *b, cJSON *obj, const char *name, portal_time t);
/* Integer cents under `name` and their text under "<name>_text" ("135.60"). */
int pt_jb_money(pt_json_builder *b, cJSON *obj, const char *name, portal_money cents);

/* A new empty object or array under `name`; NULL when `b` has failed. */
cJSON *pt_jb_object(pt_json_builder *b, cJSON *obj, const char *name);
cJSON *pt_jb_array(pt_json_builder *b, cJSON *obj, const char *name);

/*
 * Add `item`, built elsewhere (NULL when that ran out of memory), under
 * `name`, or append it to `array`. The builder owns `item` from the call
 * on: it is freed when it cannot be added. Returns `item`, or NULL when
 * `b` has failed.
 */
cJSON *pt_jb_item(pt_json_builder *b, cJSON *obj, const char *name, cJSON *item);
cJSON *pt_jb_append(pt_json_builder *b, cJSON *array, cJSON *item);

/*
 * Count a step the builder does not take itself, such as formatting the
 * text of a field or another module's add: `ok` false fails `b`. Returns
 * 0, or -1 when `b` has failed.
 */
int pt_jb_check(pt_json_builder *b, int ok);

/* `obj`, or NULL once it is freed when `b` has failed: the end of a
 * function that returns a new object. */
cJSON *pt_jb_done(pt_json_builder *b, cJSON *obj);

/* PORTAL_OK, or the out-of-memory error on `b->p` when `b` has failed:
 * the end of a function that adds to an object it was given. */
int pt_jb_error(const pt_json_builder *b);

/* State of a foreach walk that collects records into a JSON array. */
typedef struct pt_json_walk {
	portal *p;
	cJSON *array;
} pt_json_walk;

/* Append `item` (built by a *_to_json() that returns NULL when out of
 * memory) to the walk's array; the return value suits a foreach callback. */
int pt_json_walk_add(pt_json_walk *w, cJSON *item);

#endif
