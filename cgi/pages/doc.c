/* SPDX-License-Identifier: MIT */
/*
 * doc.c - tolerant getters over cJSON view documents.
 */
#include "doc.h"

#include <string.h>

static const cJSON *item(const cJSON *obj, const char *key)
{
	if (obj == NULL || !cJSON_IsObject(obj))
		return NULL;
	return cJSON_GetObjectItemCaseSensitive(obj, key);
}

const char *doc_str(const cJSON *obj, const char *key)
{
	const cJSON *v = item(obj, key);

	return cJSON_IsString(v) ? v->valuestring : NULL;
}

const char *doc_text(const cJSON *obj, const char *key)
{
	const char *s = doc_str(obj, key);

	return s ? s : "";
}

int doc_num(const cJSON *obj, const char *key, double *out)
{
	const cJSON *v = item(obj, key);

	if (!cJSON_IsNumber(v))
		return 0;
	if (out)
		*out = v->valuedouble;
	return 1;
}

long long doc_int(const cJSON *obj, const char *key, long long fallback)
{
	double d;

	/* Ids, counts and cents fit a double exactly far beyond anything a
	 * shop holds; the bounds only keep the conversion defined. */
	if (!doc_num(obj, key, &d) || d != d || d > 9e15 || d < -9e15)
		return fallback;
	return (long long)d;
}

int doc_bool(const cJSON *obj, const char *key)
{
	return cJSON_IsTrue(item(obj, key)) ? 1 : 0;
}

const cJSON *doc_obj(const cJSON *obj, const char *key)
{
	const cJSON *v = item(obj, key);

	return cJSON_IsObject(v) ? v : NULL;
}

const cJSON *doc_arr(const cJSON *obj, const char *key)
{
	const cJSON *v = item(obj, key);

	return cJSON_IsArray(v) ? v : NULL;
}

int doc_count(const cJSON *obj, const char *key)
{
	const cJSON *a = doc_arr(obj, key);

	return a ? cJSON_GetArraySize(a) : 0;
}

int doc_shows(const cJSON *doc, const char *section)
{
	const cJSON *s;

	cJSON_ArrayForEach(s, doc_arr(doc, "sections"))
		if (cJSON_IsString(s) && strcmp(s->valuestring, section) == 0)
			return 1;
	return 0;
}

int doc_is(const cJSON *obj, const char *key, const char *want)
{
	const char *s = doc_str(obj, key);

	return s != NULL && strcmp(s, want) == 0;
}

int doc_job_scoped(const cJSON *doc)
{
	const cJSON *scope = item(doc, "job_scope");

	return scope != NULL && !cJSON_IsNull(scope);
}

int doc_year(const cJSON *obj, const char *key)
{
	const char *s = doc_str(obj, key);
	int year = 0;

	for (int i = 0; s != NULL && i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		year = year * 10 + (s[i] - '0');
	}
	return s != NULL && s[4] == '-' ? year : 0;
}
