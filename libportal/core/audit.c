/* SPDX-License-Identifier: MIT */
/*
 * audit.c - the audit log: writing entries that cannot be forged into
 * extra lines, and reading them back for the shop and the client.
 */
#include "audit_log.h"
#include "json.h"
#include "store_audit.h"
#include "validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void pt_audit_encode(char *out, size_t len, const char *in)
{
	const unsigned char *s = (const unsigned char *)(in ? in : "");
	size_t w = 0, n;
	uint32_t cp;

	while (*s) {
		n = pt_utf8_decode(s, &cp);
		if (n == 0 || cp < 0x20 || cp == 0x7f || cp == '\\') {
			if (w + 4 >= len)
				break;
			snprintf(out + w, 5, "\\x%02x", *s);
			w += 4;
			s++;
			continue;
		}
		if (w + n >= len)
			break;
		memcpy(out + w, s, n);
		w += n;
		s += n;
	}
	out[w] = '\0';
}

int pt_audit(portal *p, const char *event, const char *outcome, portal_id client_id,
	const char *source, const char *fmt, ...)
{
	char raw[256], detail[512], src[64];
	portal_audit_entry e;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	pt_audit_encode(detail, sizeof(detail), raw);
	pt_audit_encode(src, sizeof(src), source == NULL ? PT_AUDIT_SHOP :
		*source ? source : PT_AUDIT_UNKNOWN);
	e.id = 0;
	e.at = portal_now(p);
	e.source = src;
	e.client_id = client_id;
	e.event = event;
	e.outcome = outcome;
	e.detail = detail;
	return pt_store_audit_insert(p, &e);
}

int portal_audit_foreach(portal *p, const portal_audit_filter *filter,
	int (*cb)(const portal_audit_entry *e, void *ctx), void *ctx)
{
	portal_audit_filter all = PORTAL_AUDIT_FILTER_INIT;

	if (filter == NULL)
		filter = &all;
	if (filter->version != PORTAL_AUDIT_FILTER_VERSION)
		return pt_error(p, PORTAL_EINVAL, "filter.version", "unknown filter version %u",
			filter->version);
	if (filter->limit < 0)
		return pt_error(p, PORTAL_EINVAL, "filter.limit", "the limit cannot be negative");
	return pt_store_audit_foreach(p, filter, cb, ctx);
}

static int walk_entry(const portal_audit_entry *e, void *ctx)
{
	pt_json_walk *w = ctx;
	cJSON *o = cJSON_CreateObject();

	if (o != NULL &&
	    (!pt_json_add_id(o, "id", e->id) ||
	     !cJSON_AddNumberToObject(o, "at", (double)e->at) ||
	     !pt_json_add_time(o, "at_text", w->p, e->at) ||
	     !cJSON_AddStringToObject(o, "source", e->source) ||
	     !pt_json_add_id(o, "client_id", e->client_id) ||
	     !cJSON_AddStringToObject(o, "event", e->event) ||
	     !cJSON_AddStringToObject(o, "outcome", e->outcome) ||
	     !cJSON_AddStringToObject(o, "detail", e->detail))) {
		cJSON_Delete(o);
		o = NULL;
	}
	return pt_json_walk_add(w, o);
}

int portal_audit_json(portal_buf *out, portal *p, const portal_audit_filter *filter)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err;

	if (w.array == NULL)
		return pt_oom(p);
	err = portal_audit_foreach(p, filter, walk_entry, &w);
	return pt_json_finish(out, p, w.array, err);
}
