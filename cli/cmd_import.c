/* SPDX-License-Identifier: MIT */
/*
 * cmd_import.c - `portal import`: a shop's records from CSV files of its
 * previous system, or from the JSON document `portal export` writes.
 *
 * The library checks and writes; this file sorts the files by what they
 * are, prints each problem as compilers do (FILE:LINE: COLUMN: message)
 * so that editors can jump to it, and says what was imported.
 */
#include "cli.h"

#include <cjson/cJSON.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char import_usage[] =
	"usage: portal import [--dry-run] [--json] FILE.csv...\n"
	"       portal import [--dry-run] [--json] FILE.json\n\n"
	"Bring a shop's records in: CSV files from another system, one file per\n"
	"kind of record (clients, addresses, assets, invoices, invoice_lines,\n"
	"payments), each told by its header row (docs/import.md lists the\n"
	"columns); or the JSON document `portal export --json` wrote, into an\n"
	"empty shop. Every row is checked by the same rules as the commands that\n"
	"add records one by one. All or nothing: one problem anywhere and\n"
	"nothing is written. Each problem is printed on stderr as\n"
	"FILE:LINE: COLUMN: message, then the command exits 3.\n"
	"--dry-run checks everything and writes nothing.\n";

/* What the import gathers for the summary: the problems, for --json. */
typedef struct report {
	cJSON *problems;    /* NULL without --json */
	int progress;       /* stderr is a terminal */
	int last_percent;
} report;

static void print_problem(const portal_import_problem *pr, void *ctx)
{
	report *r = ctx;

	if (r->progress && r->last_percent >= 0) {
		fputs("\r\033[K", stderr);   /* the progress line gives way */
		r->last_percent = -1;
	}
	if (pr->line > 0 && pr->field)
		fprintf(stderr, "%s:%ld: %s: %s\n", pr->file, pr->line, pr->field, pr->message);
	else if (pr->line > 0)
		fprintf(stderr, "%s:%ld: %s\n", pr->file, pr->line, pr->message);
	else
		fprintf(stderr, "%s: %s\n", pr->file, pr->message);
	if (r->problems != NULL) {
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "file", pr->file);
		cJSON_AddNumberToObject(o, "line", (double)pr->line);
		if (pr->field)
			cJSON_AddStringToObject(o, "column", pr->field);
		else
			cJSON_AddNullToObject(o, "column");
		cJSON_AddStringToObject(o, "message", pr->message);
		cJSON_AddItemToArray(r->problems, o);
	}
}

/* "n/total" on a terminal, redrawn when the percentage moves. */
static void print_progress(size_t done, size_t total, void *ctx)
{
	report *r = ctx;
	int percent = total ? (int)(done * 100 / total) : 100;

	if (percent == r->last_percent && done != total)
		return;
	r->last_percent = percent;
	fprintf(stderr, "\rportal: %zu/%zu rows", done, total);
	if (done == total)
		fputc('\n', stderr);
}

static int has_extension(const char *path, const char *ext)
{
	size_t n = strlen(path), e = strlen(ext);

	return n > e && strcasecmp(path + n - e, ext) == 0;
}

/* All CSV, or one JSON file; anything else is a usage error. */
static int check_files(const char **files, int count, int *json)
{
	int csv = 0, js = 0;

	for (int i = 0; i < count; i++) {
		if (has_extension(files[i], ".csv"))
			csv++;
		else if (has_extension(files[i], ".json"))
			js++;
		else
			return cli_usage_error("%s: not a .csv or .json file", files[i]);
	}
	if (csv && js)
		return cli_usage_error("CSV files and a JSON document are imported apart");
	if (js > 1)
		return cli_usage_error("one JSON document at a time");
	*json = js;
	return 0;
}

static const struct {
	const char *label;
	size_t offset;
} kinds[] = {
	{ "clients", offsetof(portal_import_result, clients) },
	{ "addresses", offsetof(portal_import_result, addresses) },
	{ "assets", offsetof(portal_import_result, assets) },
	{ "invoices", offsetof(portal_import_result, invoices) },
	{ "invoice_lines", offsetof(portal_import_result, invoice_lines) },
	{ "payments", offsetof(portal_import_result, payments) },
};

static size_t count_of(const portal_import_result *res, size_t i)
{
	return *(const size_t *)((const char *)res + kinds[i].offset);
}

static void print_counts(const portal_import_result *res, int dry_run)
{
	const char *sep = "";

	printf(dry_run ? "dry run: %zu records would be imported (" :
		"imported %zu records (", res->records);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		printf("%s%zu %s", sep, count_of(res, i), kinds[i].label);
		sep = ", ";
	}
	puts(dry_run ? "); nothing was written" : ")");
}

static int print_summary_json(const portal_import_result *res, int dry_run, int written,
	report *r)
{
	cJSON *doc = cJSON_CreateObject();
	char *text;

	cJSON_AddBoolToObject(doc, "dry_run", dry_run);
	cJSON_AddBoolToObject(doc, "imported", written);
	cJSON_AddNumberToObject(doc, "records", (double)res->records);
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		cJSON_AddNumberToObject(doc, kinds[i].label, (double)count_of(res, i));
	cJSON_AddItemToObject(doc, "problems", r->problems);
	r->problems = NULL;
	if ((text = cJSON_PrintUnformatted(doc)) != NULL)
		puts(text);
	free(text);
	cJSON_Delete(doc);
	return text ? EXIT_OK : EXIT_STORE;
}

/* Rows with problems are a refusal (3), not a usage error: the command
 * was right, the shop's data was not. */
static int exit_code(int err)
{
	return err == PORTAL_EINVAL ? EXIT_RULE : cli_exit_code(err);
}

static int run_import(cli *c, const char **files, int count, int json, int dry_run)
{
	portal_import_options opt = PORTAL_IMPORT_OPTIONS_INIT;
	portal_import_result res;
	report r = { NULL, 0, -1 };
	int err, rc;

	memset(&res, 0, sizeof(res));
	r.progress = isatty(STDERR_FILENO);
	if (c->json && (r.problems = cJSON_CreateArray()) == NULL)
		return EXIT_STORE;
	opt.dry_run = dry_run;
	opt.on_problem = print_problem;
	opt.problem_ctx = &r;
	if (r.progress) {
		opt.on_progress = print_progress;
		opt.progress_ctx = &r;
	}
	if (json)
		err = portal_import_json(c->p, files[0], &opt, &res);
	else
		err = portal_import_csv(c->p, files, (size_t)count, &opt, &res);
	if (err < 0)
		fprintf(stderr, "portal: %s\n", portal_errmsg(c->p));
	rc = exit_code(err);
	if (c->json && (err == 0 || err == PORTAL_EINVAL)) {
		if (print_summary_json(&res, dry_run, err == 0 && !dry_run, &r) != EXIT_OK)
			rc = EXIT_STORE;
	} else if (err == 0) {
		print_counts(&res, dry_run);
	}
	cJSON_Delete(r.problems);
	return rc;
}

int cmd_import(cli *c, int argc, char **argv)
{
	const char **files;
	int dry_run = 0, json = 0, rc;
	const cli_opt opts[] = { { "dry-run", NULL, &dry_run }, { NULL, NULL, NULL } };

	if ((files = calloc((size_t)argc + 1, sizeof(*files))) == NULL)
		return EXIT_STORE;
	rc = cli_parse(argc, argv, opts, files, 1, argc, import_usage);
	if (rc == 0) {
		int count = 0;
		while (files[count])
			count++;
		if ((rc = check_files(files, count, &json)) == 0 && (rc = cli_open(c, 0)) == 0)
			rc = run_import(c, files, count, json, dry_run);
	} else if (rc < 0) {
		rc = EXIT_OK;
	}
	free(files);
	return rc;
}
