/* SPDX-License-Identifier: MIT */
/*
 * transfer_csv.c - a shop's records from another system's CSV files: the
 * files read, each one's kind told by its header row, then every row
 * written through the library's own calls in one transaction, kept only
 * when no row had a problem.
 *
 * Rows are validated by writing them: the library's calls are the rules,
 * and a record a later row names (a client, an invoice) must exist for
 * that row to be checked. So a problem does not stop the import: the
 * transaction is already lost, and going on finds the other problems a
 * shop wants to fix in one pass. A failure of the storage itself does
 * stop it: after some of those SQLite has rolled the transaction back on
 * its own, and what came next would be written outside it.
 */
#include "transfer_csv.h"
#include "import_report.h"
#include "csv_reader.h"
#include "store.h"
#include "validate.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading the files ------------------------------------------------- */

static int load_file(portal *p, pt_csv_file *f)
{
	FILE *in = fopen(f->path, "rb");
	size_t cap = 0, n;
	char *more;
	int saved;

	if (in == NULL)
		return pt_error(p, PORTAL_EIO, NULL, "%s: %s", f->path, strerror(errno));
	do {
		if (cap - f->len < 65536) {
			cap = cap ? cap * 2 : 131072;
			if ((more = realloc(f->data, cap + 1)) == NULL) {
				fclose(in);
				return pt_oom(p);
			}
			f->data = more;
		}
		n = fread(f->data + f->len, 1, cap - f->len, in);
		f->len += n;
	} while (n > 0);
	saved = errno;
	if (ferror(in)) {
		fclose(in);
		return pt_error(p, PORTAL_EIO, NULL, "%s: %s", f->path, strerror(saved));
	}
	fclose(in);
	f->data[f->len] = '\0';
	return PORTAL_OK;
}

/* The line of byte `at` of `f`, counted as the CSV reader counts. */
static long line_at(const pt_csv_file *f, size_t at)
{
	long line = 1;

	for (size_t i = 0; i < at; i++)
		if (f->data[i] == '\n' || (f->data[i] == '\r' && f->data[i + 1] != '\n'))
			line++;
	return line;
}

/* Spreadsheets save "CSV" in the machine's old code page unless told
 * "CSV UTF-8", and "Unicode text" as UTF-16: say which, once per file,
 * rather than a problem in every name with an accent. */
static int check_text(pt_import *im, const pt_csv_file *f)
{
	const unsigned char *s = (const unsigned char *)f->data;
	uint32_t cp;

	if (f->len >= 2 && ((s[0] == 0xFF && s[1] == 0xFE) || (s[0] == 0xFE && s[1] == 0xFF)))
		return pt_csv_problem(im, f, 0, NULL,
			"the file is UTF-16; save it as \"CSV UTF-8\"");
	for (size_t i = 0; i < f->len;) {
		size_t n = s[i] ? pt_utf8_decode(s + i, &cp) : 0;
		if (n == 0)
			return pt_csv_problem(im, f, line_at(f, i), NULL,
				"not UTF-8 text; save the file as \"CSV UTF-8\"");
		i += n;
	}
	return 0;
}

/* A column's name as spreadsheets let people write it ("Client Ref")
 * in the form of the kinds' tables ("client_ref"), in place. */
static void normalise_name(char *s)
{
	char *r = s, *w = s;

	while (*r == ' ' || *r == '\t')
		r++;
	for (; *r; r++)
		*w++ = (*r == ' ' || *r == '\t' || *r == '-') ? '_' : (char)tolower((unsigned char)*r);
	while (w > s && w[-1] == '_')
		w--;
	*w = '\0';
}

static int column_index(const pt_csv_kind *kind, const char *name)
{
	for (int i = 0; kind->columns[i]; i++)
		if (strcmp(kind->columns[i], name) == 0)
			return i;
	return -1;
}

/* How well `names` fit `kind`: the required columns it lacks and the
 * columns it has that the kind does not know. */
static void fit(const pt_csv_kind *kind, char **names, size_t count, size_t *missing,
	size_t *unknown)
{
	*missing = *unknown = 0;
	for (size_t i = 0; i < kind->required; i++) {
		size_t j = 0;
		while (j < count && strcmp(names[j], kind->columns[i]) != 0)
			j++;
		*missing += j == count;
	}
	for (size_t j = 0; j < count; j++)
		*unknown += column_index(kind, names[j]) < 0;
}

/* The kind whose required columns are all there with the fewest unknown
 * ones; else the kind the file is named after ("clients.csv"), to say
 * what it lacks. */
static const pt_csv_kind *guess_kind(const pt_csv_file *f, char **names, size_t count,
	int *complete)
{
	const pt_csv_kind *best = NULL, *named = NULL;
	const char *base = strrchr(f->path, '/');
	size_t best_unknown = 0, missing, unknown;

	base = base ? base + 1 : f->path;
	for (size_t k = 0; pt_csv_kinds[k]; k++) {
		const pt_csv_kind *kind = pt_csv_kinds[k];
		size_t n = strlen(kind->name);
		fit(kind, names, count, &missing, &unknown);
		if (missing == 0 && (best == NULL || unknown < best_unknown)) {
			best = kind;
			best_unknown = unknown;
		}
		if (strncmp(base, kind->name, n) == 0 && (base[n] == '.' || base[n] == '_' ||
				base[n] == '-'))
			named = kind;
	}
	*complete = best != NULL;
	return best ? best : named;
}

static int report_header(pt_import *im, const pt_csv_file *f, const pt_csv_kind *kind,
	char **names, size_t count)
{
	for (size_t i = 0; i < kind->required; i++) {
		size_t j = 0;
		while (j < count && strcmp(names[j], kind->columns[i]) != 0)
			j++;
		if (j == count)
			pt_csv_problem(im, f, 1, kind->columns[i],
				"%s needs this column", kind->name);
	}
	for (size_t j = 0; j < count; j++)
		if (column_index(kind, names[j]) < 0)
			pt_csv_problem(im, f, 1, names[j][0] ? names[j] : NULL,
				"%s has no such column (see docs/import.md)", kind->name);
	return 1;
}

/* Tell the kind of `f` from its header row and map its columns. */
static int read_header(pt_import *im, pt_csv_file *f, pt_csv *r)
{
	const pt_csv_kind *kind;
	size_t missing, unknown;
	int complete, rc = pt_csv_next(r);

	if (rc == -2)
		return pt_oom(im->p);
	if (rc == 0)
		return pt_csv_problem(im, f, 0, NULL, "the file is empty: a header row is needed");
	if (rc < 0)
		return pt_csv_problem(im, f, r->record_line, NULL, "%s", r->error);
	for (size_t i = 0; i < r->count; i++)
		normalise_name(r->fields[i]);
	if ((kind = guess_kind(f, r->fields, r->count, &complete)) == NULL)
		return pt_csv_problem(im, f, 1, NULL, "not a kind of file this import knows:"
			" the header row names the columns of clients, addresses, assets,"
			" invoices, invoice_lines or payments (see docs/import.md)");
	fit(kind, r->fields, r->count, &missing, &unknown);
	if (missing || unknown)
		return report_header(im, f, kind, r->fields, r->count);
	for (size_t i = 0; i < PT_CSV_MAX_COLUMNS; i++)
		f->at[i] = -1;
	for (size_t j = 0; j < r->count; j++) {
		int c = column_index(kind, r->fields[j]);
		if (f->at[c] >= 0)
			return pt_csv_problem(im, f, 1, kind->columns[c], "this column appears twice");
		f->at[c] = (int)j;
	}
	f->kind = kind;
	return 0;
}

static int stopped(const pt_import *im)
{
	return im->problems >= im->max_problems;
}

/* Read `f` through: its kind, and its rows counted, each row's shape
 * checked. The values are read again when the rows are written. */
static int survey(pt_import *im, pt_csv_file *f)
{
	pt_csv r;
	int rc;

	if (check_text(im, f) != 0)
		return 0;
	pt_csv_init(&r, f->data, f->len);
	if ((rc = read_header(im, f, &r)) == 0) {
		while (!stopped(im) && (rc = pt_csv_next(&r)) != 0) {
			if (rc == -2)
				break;
			if (rc == 1)
				f->rows++;
			else
				pt_csv_problem(im, f, r.record_line, NULL, "%s", r.error);
		}
		rc = rc == -2 ? pt_oom(im->p) : 0;
	}
	pt_csv_dispose(&r);
	return rc < 0 ? rc : 0;
}

/* ---- writing the rows -------------------------------------------------- */

static char *trim(char *s)
{
	char *end;

	while (*s == ' ' || *s == '\t')
		s++;
	end = s + strlen(s);
	while (end > s && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*end = '\0';
	return s;
}

static int write_row(pt_import *im, const pt_csv_file *f, pt_csv *r)
{
	pt_csv_row row;
	int rc;

	row.file = f;
	row.line = r->record_line;
	for (size_t i = 0; i < PT_CSV_MAX_COLUMNS; i++)
		row.values[i] = f->at[i] >= 0 ? trim(r->fields[f->at[i]]) : "";
	/* Each row is a part of the import's transaction that can fail
	 * alone: a row refused half way (an invoice number already taken)
	 * leaves nothing behind, and the import goes on reporting on a
	 * transaction that is still whole, as a server database requires. */
	if ((rc = pt_store_savepoint(im->p)) < 0)
		return rc;
	rc = f->kind->apply(im, &row);
	pt_store_release(im->p, rc != 0 ? (rc < 0 ? rc : PORTAL_ERULE) : PORTAL_OK);
	if (rc == 0) {
		im->result.records++;
		(*(size_t *)((char *)&im->result + f->kind->counted_in))++;
	}
	im->done++;
	if (im->opt->on_progress != NULL)
		im->opt->on_progress(im->done, im->total, im->opt->progress_ctx);
	return rc < 0 ? rc : 0;
}

static int write_file(pt_import *im, const pt_csv_file *f)
{
	pt_csv r;
	int rc, err = 0;

	pt_csv_init(&r, f->data, f->len);
	if (pt_csv_next(&r) != 1)      /* the header, read before */
		err = pt_oom(im->p);
	while (err == 0 && !stopped(im) && (rc = pt_csv_next(&r)) != 0) {
		if (rc == -2)
			err = pt_oom(im->p);
		else if (rc == 1)
			err = write_row(im, f, &r);
	}
	pt_csv_dispose(&r);
	return err;
}

/* Every kind in its turn, so that what a row names is written before it. */
static int write_all(pt_import *im, pt_csv_file *files, size_t count)
{
	int err = 0;

	for (size_t k = 0; pt_csv_kinds[k] && err == 0 && !stopped(im); k++) {
		const pt_csv_kind *kind = pt_csv_kinds[k];
		for (size_t i = 0; i < count && err == 0 && !stopped(im); i++)
			if (files[i].kind == kind)
				err = write_file(im, &files[i]);
		if (err == 0 && !stopped(im) && kind->then != NULL)
			err = kind->then(im);
	}
	return err;
}

/* In one transaction, kept only when every row went in and this is no
 * dry run. The library's calls join it (pt_store_begin nests), and one
 * of them failing marks it failed, so nothing of a refused call stays. */
static int write_in_transaction(pt_import *im, pt_csv_file *files, size_t count)
{
	portal *p = im->p;
	int err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	p->quiet = 1;
	err = write_all(im, files, count);
	p->quiet = 0;
	if (err == 0 && (im->problems > 0 || im->opt->dry_run)) {
		pt_store_end(p, PORTAL_ERROR);
		return PORTAL_OK;
	}
	return pt_store_end(p, err);
}

static void import_dispose(pt_import *im)
{
	for (size_t i = 0; i < im->invoice_count; i++) {
		free(im->invoices[i].number);
		free(im->invoices[i].void_reason);
	}
	free(im->invoices);
	pt_refs_dispose(&im->clients);
	pt_refs_dispose(&im->invoice_keys);
}

static int import_files(pt_import *im, pt_csv_file *files, size_t count)
{
	int err = 0;

	for (size_t i = 0; i < count && err == 0; i++)
		err = load_file(im->p, &files[i]);
	for (size_t i = 0; i < count && err == 0 && !stopped(im); i++) {
		err = survey(im, &files[i]);
		im->total += files[i].rows;
	}
	if (err == 0 && im->problems == 0)
		err = write_in_transaction(im, files, count);
	if (err == 0 && im->problems > 0)
		err = pt_error(im->p, PORTAL_EINVAL, NULL, "%zu problem%s in the files%s;"
			" nothing was imported", im->problems, im->problems == 1 ? "" : "s",
			stopped(im) ? " (reading stopped there)" : "");
	return err;
}

int portal_import_csv(portal *p, const char *const *paths, size_t count,
	const portal_import_options *opt, portal_import_result *result)
{
	static const portal_import_options defaults = PORTAL_IMPORT_OPTIONS_INIT;
	pt_import im;
	pt_csv_file *files;
	int err;

	if (result != NULL)
		memset(result, 0, sizeof(*result));
	if (paths == NULL || count == 0)
		return pt_error(p, PORTAL_EINVAL, NULL, "no file to import");
	if ((files = calloc(count, sizeof(*files))) == NULL)
		return pt_oom(p);
	memset(&im, 0, sizeof(im));
	im.p = p;
	im.opt = opt ? opt : &defaults;
	im.max_problems = pt_import_max_problems(im.opt);
	for (size_t i = 0; i < count; i++)
		files[i].path = paths[i];
	err = import_files(&im, files, count);
	if (result != NULL) {
		*result = im.result;
		result->problems = im.problems;
	}
	for (size_t i = 0; i < count; i++)
		free(files[i].data);
	free(files);
	import_dispose(&im);
	return err;
}
