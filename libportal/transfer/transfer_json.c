/* SPDX-License-Identifier: MIT */
/*
 * transfer_json.c - a shop's export document read back into an empty
 * shop: the file read and parsed, its header checked, the ids of every
 * kind gathered (so a record may name one further down), then every
 * record checked and written in one transaction that is kept only when
 * no problem was found and it is not a dry run. Records are checked and
 * written by transfer_record.c; the export is transfer_export.c.
 */
#include "transfer_import.h"
#include "import_report.h"
#include "store.h"
#include "transfer_lines.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Report progress every this many records, and at the end. */
#define PROGRESS_EVERY 500

static int read_file(char **out, size_t *len, portal *p, const char *path)
{
	FILE *f = fopen(path, "rb");
	portal_buf b = PORTAL_BUF_INIT;
	char chunk[65536];
	size_t n;
	int failed;

	*out = NULL;
	if (f == NULL)
		return pt_error(p, PORTAL_EIO, NULL, "cannot read %s: %s", path, strerror(errno));
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (pt_buf_put(&b, chunk, n) < 0) {
			fclose(f);
			portal_buf_dispose(&b);
			return pt_oom(p);
		}
	failed = ferror(f);
	fclose(f);
	if (failed) {
		portal_buf_dispose(&b);
		return pt_error(p, PORTAL_EIO, NULL, "cannot read %s", path);
	}
	*len = b.size;
	*out = b.ptr ? b.ptr : pt_strdup("");
	return *out ? PORTAL_OK : pt_oom(p);
}

static int only_space(const char *s, const char *end)
{
	for (; s < end; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

/* Parse the document, or report where it stops being JSON. (cJSON's own
 * check for trailing text misreads a buffer given by length, so the rest
 * is checked here.) */
static cJSON *parse(pt_importer *im, const char *text, size_t len, long *bad_line)
{
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);

	*bad_line = 0;
	if (end == NULL || end < text || end > text + len)
		end = text + len;
	if (root != NULL && only_space(end, text + len))
		return root;
	cJSON_Delete(root);
	root = NULL;
	if (pt_json_cut_short(text, len))
		end = text + len;
	*bad_line = pt_line_at(text, (size_t)(end - text));
	if (end == text + len)
		pt_import_problem(im, *bad_line, NULL,
			"not valid JSON: the document ends too early (is the file cut short?)");
	else
		pt_import_problem(im, *bad_line, NULL, "not valid JSON near \"%.20s\"", end);
	return NULL;
}

static long line_of(const long *lines, size_t count, size_t i)
{
	return i < count ? lines[i] : 0;
}

static int is_header_key(const char *name)
{
	static const char *const keys[] = {
		"format", "version", "schema_version", "library_version", "exported_at",
		"exported_at_text", "settings",
	};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(keys[i], name) == 0)
			return 1;
	return 0;
}

/* The header says what the document is; a newer one is refused before
 * any record is read, since its records may mean something else. */
static void check_header(pt_importer *im, const cJSON *root, const pt_line_map *map)
{
	const cJSON *item;
	int64_t version = 0, schema = 0;
	size_t i = 0;

	if (!cJSON_IsObject(root)) {
		pt_import_problem(im, 1, NULL, "the document is not a JSON object");
		return;
	}
	item = cJSON_GetObjectItemCaseSensitive(root, "format");
	if (!cJSON_IsString(item) || strcmp(item->valuestring, PT_EXPORT_FORMAT) != 0) {
		pt_import_problem(im, 1, "format",
			"not a shop export: \"format\" must be \"" PT_EXPORT_FORMAT "\"");
		return;
	}
	if (pt_import_whole(cJSON_GetObjectItemCaseSensitive(root, "version"), &version) < 0 || version < 1)
		pt_import_problem(im, 1, "version", "\"version\" must be a whole number from 1");
	else if (version > PT_EXPORT_VERSION)
		pt_import_problem(im, 1, "version", "the document is version %lld, written by a "
			"newer libportal; this libportal %s reads version %d: upgrade it",
			(long long)version, portal_version(), PT_EXPORT_VERSION);
	if (pt_import_whole(cJSON_GetObjectItemCaseSensitive(root, "schema_version"), &schema) < 0 || schema < 1)
		pt_import_problem(im, 1, "schema_version",
			"\"schema_version\" must be a whole number from 1");
	else if (schema > pt_store_schema_latest())
		pt_import_problem(im, 1, "schema_version", "the shop's schema version %lld is newer "
			"than this libportal %s knows (%d): upgrade it",
			(long long)schema, portal_version(), pt_store_schema_latest());
	cJSON_ArrayForEach(item, root) {
		long line = line_of(map->members, map->member_count, i++);
		int k = pt_transfer_kind_find(item->string);

		if (k < 0 && !is_header_key(item->string))
			pt_import_problem(im, line, item->string, "unknown key \"%s\"", item->string);
		else if (k >= 0 && !cJSON_IsArray(item))
			pt_import_problem(im, line, item->string, "\"%s\" must be an array of records",
				item->string);
		else if (strcmp(item->string, "settings") == 0 && !cJSON_IsObject(item))
			pt_import_problem(im, line, "settings",
				"\"settings\" must be an object of names and values");
	}
}

/* Every id of every kind, before any record is checked: a record may
 * name one that comes later in the document. */
static int gather_ids(pt_importer *im, const cJSON *root, size_t *total)
{
	const cJSON *list, *rec;
	int64_t id;
	int err = PORTAL_OK;

	*total = 0;
	for (int k = 0; k < PT_TRANSFER_KIND_COUNT && err == 0; k++) {
		const pt_kind *kind = pt_transfer_kind_at((pt_transfer_kind)k);
		pt_id_set *s = &im->ids[k];

		list = cJSON_GetObjectItemCaseSensitive(root, kind->name);
		cJSON_ArrayForEach(rec, list) {
			(*total)++;
			if (err == 0 && cJSON_IsObject(rec) &&
			    pt_import_whole(cJSON_GetObjectItemCaseSensitive(rec, kind->keys[0].name), &id) == 0)
				err = pt_import_add_id(im, s, id);
		}
		pt_import_sort_ids(s);
	}
	return err;
}

/* The settings replace the new shop's, each checked as `portal shop set`
 * checks it. */
static int import_settings(pt_importer *im, const cJSON *settings, const pt_line_map *map,
	size_t *item)
{
	const cJSON *s;
	int err;

	cJSON_ArrayForEach(s, settings) {
		long line = line_of(map->items, map->item_count, (*item)++);

		if (pt_import_stopped(im))
			continue;
		if (!cJSON_IsString(s)) {
			pt_import_problem(im, line, s->string, "setting %s: the value must be a string",
				s->string);
			continue;
		}
		err = portal_shop_set(im->p, s->string, s->valuestring);
		if (err == PORTAL_EINVAL || err == PORTAL_ENOTFOUND)
			pt_import_problem(im, line, s->string, "setting %s: %s", s->string,
				portal_errmsg(im->p));
		else if (err < 0)
			return err;
	}
	return PORTAL_OK;
}

static void progress(pt_importer *im, size_t done, size_t total)
{
	if (im->opt->on_progress != NULL)
		im->opt->on_progress(done, total, im->opt->progress_ctx);
}

/* Walk the document's members in order, as the line map lists them. */
/*
 * One record, as a part of the import's transaction that can fail alone:
 * a record the library refuses half way (a number another record took)
 * leaves nothing behind, and the import goes on to report the next
 * problem on a transaction that is still whole, as a server database
 * requires. Negative only for a failure that stops the import.
 */
static int import_one(pt_importer *im, pt_transfer_kind k, const cJSON *rec, long line)
{
	size_t problems = im->problems;
	int err;

	if ((err = pt_store_savepoint(im->p)) < 0)
		return err;
	if ((err = pt_import_record(im, k, rec, line)) < 0)
		return pt_store_release(im->p, err);
	pt_store_release(im->p, im->problems > problems ? PORTAL_ERULE : PORTAL_OK);
	return PORTAL_OK;
}

static int import_members(pt_importer *im, const cJSON *root, const pt_line_map *map,
	size_t total)
{
	const cJSON *member, *rec;
	size_t item = 0, done = 0;
	int err = PORTAL_OK;

	cJSON_ArrayForEach(member, root) {
		int k = pt_transfer_kind_find(member->string);

		if (strcmp(member->string, "settings") == 0 && cJSON_IsObject(member)) {
			if ((err = import_settings(im, member, map, &item)) < 0)
				return err;
			continue;
		}
		cJSON_ArrayForEach(rec, member) {
			long line = line_of(map->items, map->item_count, item++);

			if (k < 0 || !cJSON_IsArray(member) || pt_import_stopped(im))
				continue;
			if ((err = import_one(im, (pt_transfer_kind)k, rec, line)) < 0)
				return err;
			if (++done % PROGRESS_EVERY == 0)
				progress(im, done, total);
		}
	}
	progress(im, done, total);
	return PORTAL_OK;
}

/* The records written inside one transaction, kept only when all were
 * valid and this is not a dry run. */
static int import_document(pt_importer *im, const cJSON *root, const pt_line_map *map)
{
	size_t total;
	int err;

	if ((err = gather_ids(im, root, &total)) < 0)
		return err;
	if ((err = pt_store_begin(im->p)) < 0)
		return err;
	if ((err = pt_store_transfer_prepare(im->p)) == 0)
		err = import_members(im, root, map, total);
	if (err < 0)
		return pt_store_end(im->p, err);
	if (im->problems > 0 || im->opt->dry_run) {
		/* Roll back: a failure code ends the transaction without keeping it. */
		pt_store_end(im->p, PORTAL_ERROR);
		return PORTAL_OK;
	}
	return pt_store_end(im->p, PORTAL_OK);
}

static int refuse_if_not_empty(portal *p)
{
	int has = 0, err = pt_store_transfer_has_records(&has, p);

	if (err == 0 && has)
		err = pt_error(p, PORTAL_ERULE, NULL, "the shop already has records: import "
			"into a new, empty shop database (portal --db NEW.db init)");
	return err;
}

int portal_import_json(portal *p, const char *path,
	const portal_import_options *opt, portal_import_result *result)
{
	static const portal_import_options defaults = PORTAL_IMPORT_OPTIONS_INIT;
	pt_importer im;
	pt_line_map map = { NULL, 0, NULL, 0 };
	cJSON *root = NULL;
	char *text = NULL;
	size_t len = 0;
	long bad_line = 0;
	int err;

	memset(&im, 0, sizeof(im));
	im.p = p;
	im.path = path;
	im.opt = opt ? opt : &defaults;
	im.max_problems = pt_import_max_problems(im.opt);
	if (result != NULL)
		memset(result, 0, sizeof(*result));
	if (path == NULL)
		return pt_error(p, PORTAL_EINVAL, NULL, "no file to import");
	if ((err = refuse_if_not_empty(p)) < 0 || (err = read_file(&text, &len, p, path)) < 0)
		return err;
	if ((root = parse(&im, text, len, &bad_line)) == NULL) {
		err = pt_error(p, PORTAL_EINVAL, NULL, "%s: line %ld: not valid JSON; nothing "
			"was imported", path, bad_line);
		goto done;
	}
	if (pt_line_map_build(&map, text, len) < 0) {
		err = pt_oom(p);
		goto done;
	}
	check_header(&im, root, &map);
	if (im.problems == 0 && (err = import_document(&im, root, &map)) < 0)
		goto done;
	if (im.problems > 0)
		err = pt_error(p, PORTAL_EINVAL, NULL, "%s: %zu problem%s%s; nothing was imported",
			path, im.problems, im.problems == 1 ? "" : "s",
			pt_import_stopped(&im) ? " (reading stopped there)" : "");
done:
	if (result != NULL) {
		result->records = im.records;
		result->problems = im.problems;
		result->clients = im.written[PT_TRANSFER_CLIENTS];
		result->addresses = im.written[PT_TRANSFER_ADDRESSES];
		result->assets = im.written[PT_TRANSFER_ASSETS];
		result->invoices = im.written[PT_TRANSFER_INVOICES];
		result->invoice_lines = im.written[PT_TRANSFER_INVOICE_LINES];
		result->payments = im.written[PT_TRANSFER_PAYMENTS];
	}
	for (int k = 0; k < PT_TRANSFER_KIND_COUNT; k++)
		free(im.ids[k].ids);
	pt_line_map_free(&map);
	cJSON_Delete(root);
	free(text);
	return err;
}
