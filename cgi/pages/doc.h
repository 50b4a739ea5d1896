/* SPDX-License-Identifier: MIT */
/*
 * doc.h - reading a view document without tripping on what is missing.
 *
 * A document may leave a field out (a hidden section) or hold null (a
 * time not known yet). The pages read it only through these getters, which
 * answer NULL, 0 or false for anything absent or of the wrong type, so a
 * page shows less rather than crashing on an unexpected document.
 */
#ifndef PORTAL_PAGE_DOC_H
#define PORTAL_PAGE_DOC_H

#include <cjson/cJSON.h>

/* The string `key` of `obj`, or NULL. */
const char *doc_str(const cJSON *obj, const char *key);

/* The string `key` of `obj`, or "" (for text that is simply empty). */
const char *doc_text(const cJSON *obj, const char *key);

/* Whether `key` of `obj` is a number; its value in *out when it is. */
int doc_num(const cJSON *obj, const char *key, double *out);

/* The number `key` of `obj` as an integer, or `fallback`. */
long long doc_int(const cJSON *obj, const char *key, long long fallback);

/* The year of the ISO time or day `key` of `obj` ("2026-11-22T..."
 * gives 2026), or 0 when it has none. */
int doc_year(const cJSON *obj, const char *key);

/* 1 when `key` of `obj` is true, else 0. */
int doc_bool(const cJSON *obj, const char *key);

/* The object `key` of `obj`, or NULL (also for null). */
const cJSON *doc_obj(const cJSON *obj, const char *key);

/* The array `key` of `obj`, or NULL. */
const cJSON *doc_arr(const cJSON *obj, const char *key);

/* The number of items of array `key` of `obj` (0 when absent). */
int doc_count(const cJSON *obj, const char *key);

/* Whether the frame's `sections` list names `section`. */
int doc_shows(const cJSON *doc, const char *section);

/* Whether the document is for a link limited to one job (`job_scope` set). */
int doc_job_scoped(const cJSON *doc);

/* Whether `key` of `obj` equals the string `want`. */
int doc_is(const cJSON *obj, const char *key, const char *want);

#endif
