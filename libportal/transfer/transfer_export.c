/* SPDX-License-Identifier: MIT */
/*
 * transfer_export.c - the whole shop out as one JSON document.
 *
 * The document has one record per line, so that a line number names a
 * record (an import reports its problems by line), and it is written in
 * id order, so that two exports of the same shop are the same bytes but
 * for the time they were made. docs/import.md describes it.
 *
 * It is built a piece at a time in a small buffer handed to the caller's
 * sink whenever it fills, so its size is the sink's business, not the
 * memory's.
 */
#include "internal.h"
#include "json.h"
#include "transfer_kinds.h"

#include <portal/transfer.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the buffer holds before it goes to the sink. */
#define PIECE (64 * 1024)

typedef struct exporter {
	portal *p;
	portal_buf piece;          /* not yet handed to the sink */
	portal_export_sink sink;
	void *ctx;
	const pt_kind *kind;
	size_t written;   /* items of the open array or object */
} exporter;

/* Hand the piece to the sink: all of it, or only once it is full. */
static int flush(exporter *x, int all)
{
	if (x->piece.size == 0 || (!all && x->piece.size < PIECE))
		return PORTAL_OK;
	if (x->sink(x->piece.ptr, x->piece.size, x->ctx) != 0)
		return pt_error(x->p, PORTAL_EIO, NULL, "the export's output refused the document");
	x->piece.size = 0;
	return PORTAL_OK;
}

static int put(exporter *x, const char *s)
{
	return pt_buf_puts(&x->piece, s) < 0 ? pt_oom(x->p) : flush(x, 0);
}

/* Append `item` printed on one line, then free it. */
static int put_item(exporter *x, cJSON *item)
{
	char *text = item ? cJSON_PrintUnformatted(item) : NULL;
	int err;

	cJSON_Delete(item);
	if (text == NULL)
		return pt_oom(x->p);
	err = put(x, text);
	free(text);
	return err;
}

/* Each item of an array or object starts a line. */
static int next_item(exporter *x)
{
	return put(x, x->written++ ? ",\n" : "\n");
}

static int open_section(exporter *x, const char *name, const char *bracket)
{
	int err;

	x->written = 0;
	if ((err = put(x, ",\n")) < 0 || (err = put_item(x, cJSON_CreateString(name))) < 0)
		return err;
	return put(x, bracket);
}

static int close_section(exporter *x, const char *bracket)
{
	int err = x->written ? put(x, "\n") : PORTAL_OK;

	return err < 0 ? err : put(x, bracket);
}

/* The header's members on the first line, the object left open. */
static int put_header(exporter *x)
{
	cJSON *h = cJSON_CreateObject();
	char *text, now[24];
	int err;

	snprintf(now, sizeof(now), "%lld", (long long)portal_now(x->p));
	if (h == NULL || !cJSON_AddStringToObject(h, "format", PT_EXPORT_FORMAT) ||
	    !cJSON_AddNumberToObject(h, "version", PT_EXPORT_VERSION) ||
	    !cJSON_AddNumberToObject(h, "schema_version", portal_schema_version(x->p)) ||
	    !cJSON_AddStringToObject(h, "library_version", portal_version()) ||
	    !cJSON_AddRawToObject(h, "exported_at", now) ||
	    !pt_json_add_time(h, "exported_at_text", x->p, portal_now(x->p))) {
		cJSON_Delete(h);
		return pt_oom(x->p);
	}
	text = cJSON_PrintUnformatted(h);
	cJSON_Delete(h);
	if (text == NULL)
		return pt_oom(x->p);
	/* Drop the closing brace: the sections follow. */
	text[strlen(text) - 1] = '\0';
	err = put(x, text);
	free(text);
	return err;
}

static int put_setting(const char *key, const char *value, void *ctx)
{
	exporter *x = ctx;
	int err;

	if ((err = next_item(x)) < 0 || (err = put_item(x, cJSON_CreateString(key))) < 0 ||
	    (err = put(x, ":")) < 0)
		return err;
	return put_item(x, cJSON_CreateString(value));
}

/*
 * A secure link's URL is the customer's key. The outbox forgets it once
 * the message is sent (deliver.c); a message still waiting has it, and
 * the document must not: each "/k/TOKEN" loses its token. The link would
 * not work from the new shop anyway, whose secret differs.
 */
static char *without_tokens(const char *s)
{
	static const char alphabet[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	static const char gone[] = "/k/(removed)";
	char *text = malloc(strlen(s) + sizeof(gone)), *w = text;
	size_t n;

	if (text == NULL)
		return NULL;
	while (*s) {
		n = strncmp(s, "/k/", 3) == 0 ? strspn(s + 3, alphabet) : 0;
		if (n == PORTAL_TOKEN_LEN) {
			memcpy(w, gone, sizeof(gone) - 1);
			w += sizeof(gone) - 1;
			s += 3 + n;
		} else {
			*w++ = *s++;
		}
	}
	*w = '\0';
	return text;
}

static cJSON *value_json(exporter *x, const pt_transfer_value *v)
{
	char num[24], *clean;
	cJSON *item;

	switch (v->type) {
	case PT_VALUE_NULL:
		return cJSON_CreateNull();
	case PT_VALUE_INT:
		/* Written as digits, not through a double: exact at any size. */
		snprintf(num, sizeof(num), "%lld", (long long)v->i);
		return cJSON_CreateRaw(num);
	case PT_VALUE_REAL:
		return cJSON_CreateNumber(v->d);
	default:
		if (x->kind != pt_transfer_kind_at(PT_TRANSFER_OUTBOX) || strcmp(v->name, "message") != 0)
			return cJSON_CreateString(v->s);
		if ((clean = without_tokens(v->s)) == NULL)
			return NULL;
		item = cJSON_CreateString(clean);
		free(clean);
		return item;
	}
}

static int put_record(const pt_transfer_value *v, size_t n, void *ctx)
{
	exporter *x = ctx;
	cJSON *o = cJSON_CreateObject(), *item;
	int err;

	for (size_t i = 0; o != NULL && i < n; i++) {
		if ((item = value_json(x, &v[i])) == NULL || !cJSON_AddItemToObject(o, v[i].name, item)) {
			cJSON_Delete(item);
			cJSON_Delete(o);
			o = NULL;
		}
	}
	if (o == NULL)
		return pt_oom(x->p);
	if ((err = next_item(x)) < 0)
		return err;
	return put_item(x, o);
}

static int put_document(exporter *x)
{
	int err;

	if ((err = put_header(x)) < 0 || (err = open_section(x, "settings", ":{")) < 0 ||
	    (err = pt_store_transfer_settings(x->p, put_setting, x)) < 0 ||
	    (err = close_section(x, "}")) < 0)
		return err;
	for (int k = 0; k < PT_TRANSFER_KIND_COUNT; k++) {
		x->kind = pt_transfer_kind_at((pt_transfer_kind)k);
		if ((err = open_section(x, x->kind->name, ":[")) < 0 ||
		    (err = pt_store_transfer_walk(x->p, (pt_transfer_kind)k, put_record, x)) < 0 ||
		    (err = close_section(x, "]")) < 0)
			return err;
	}
	return put(x, "\n}\n");
}

int portal_export_json_write(portal *p, portal_export_sink sink, void *ctx)
{
	exporter x = { p, PORTAL_BUF_INIT, sink, ctx, NULL, 0 };
	int err;

	if (sink == NULL)
		return pt_error(p, PORTAL_EINVAL, NULL, "no sink to export into");
	/* One read transaction, so the document is one moment of the shop
	 * even while the portal serves, and the shop's writers go on. */
	if ((err = pt_store_read_begin(p)) < 0)
		return err;
	if ((err = put_document(&x)) == 0)
		err = flush(&x, 1);
	err = pt_store_end(p, err);
	portal_buf_dispose(&x.piece);
	return err;
}

/* The sink of portal_export_json(): the whole document in memory. */
typedef struct whole {
	portal_buf doc;
	int oom;
} whole;

static int append(const void *data, size_t len, void *ctx)
{
	whole *w = ctx;

	w->oom = pt_buf_put(&w->doc, data, len) < 0;
	return w->oom ? -1 : 0;
}

int portal_export_json(portal *p, portal_buf *out)
{
	whole w = { PORTAL_BUF_INIT, 0 };
	int err;

	if (out == NULL)
		return pt_error(p, PORTAL_EINVAL, NULL, "no buffer to export into");
	err = portal_export_json_write(p, append, &w);
	if (err == PORTAL_EIO && w.oom)
		err = pt_oom(p);
	if (err == 0 && pt_buf_put(out, w.doc.ptr, w.doc.size) < 0)
		err = pt_oom(p);
	portal_buf_dispose(&w.doc);
	return err;
}
