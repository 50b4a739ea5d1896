/* SPDX-License-Identifier: MIT */
/*
 * pdf_export.c - PDFs into files: one at a time, or every invoice of the
 * shop at once on every processor.
 *
 * A file is written under a temporary name beside it and renamed into
 * place, so a reader never sees half a PDF and a failure leaves no file.
 *
 * The bulk export shares the work between threads, each with its own
 * handle on the database (a handle is not shared between threads). The
 * main thread walks the shop's invoices (a cursor, read a batch at a
 * time) into a short queue that the workers take the next invoice from,
 * so a long invoice does not hold the others back and a shop of a
 * million invoices is never held in memory at once: the walk waits
 * while the queue is full.
 */
#include "pdf_export.h"

#include <cJSON.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_JOBS 64
/* Invoices walked ahead of the workers. */
#define QUEUE_LEN 64

char *pdf_safe_name(char *buf, size_t len, const char *number)
{
	size_t i = 0;

	for (; number[i] != '\0' && i + 1 < len; i++) {
		unsigned char ch = (unsigned char)number[i];
		buf[i] = (char)((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
			(ch >= '0' && ch <= '9') || ch == '-' || ch == '_' || ch == '.' ? ch : '_');
	}
	buf[i] = '\0';
	return buf;
}

int pdf_write_file(const char *path, const portal_buf *pdf, char *err, size_t errlen)
{
	char tmp[4096];
	FILE *f;
	int fd, ok;

	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp)) {
		snprintf(err, errlen, "%s: the name is too long", path);
		return -1;
	}
	if ((fd = mkstemp(tmp)) < 0 || (f = fdopen(fd, "wb")) == NULL) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return -1;
	}
	ok = fwrite(pdf->ptr, 1, pdf->size, f) == pdf->size;
	ok = (fclose(f) == 0) && ok;
	/* mkstemp makes the file private; a PDF is as readable as any file. */
	if (ok) {
		mode_t mask = umask(0);
		umask(mask);
		ok = chmod(tmp, 0666 & ~mask) == 0 && rename(tmp, path) == 0;
	}
	if (!ok) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* {"<key>": text, "<count_key>": count} on one line of stdout. */
static int print_pair(const char *key, const char *text, const char *count_key, double count)
{
	cJSON *o = cJSON_CreateObject();
	char *line = NULL;

	if (o != NULL && cJSON_AddStringToObject(o, key, text) &&
	    cJSON_AddNumberToObject(o, count_key, count))
		line = cJSON_PrintUnformatted(o);
	cJSON_Delete(o);
	if (line == NULL)
		return EXIT_STORE;
	puts(line);
	cJSON_free(line);
	return EXIT_OK;
}

int pdf_print_written(const char *path, size_t size)
{
	return print_pair("file", path, "bytes", (double)size);
}

/* ---------------------------------------------------------------------
 * Every invoice.
 */

typedef struct invoice_ref {
	portal_id id;
	char name[128];     /* the number as a file name part */
} invoice_ref;

typedef struct export {
	cli *c;
	const char *dir;
	int deterministic;
	portal_time now;
	pthread_mutex_t lock;
	pthread_cond_t changed;     /* the queue, the walk's end or a failure */
	invoice_ref queue[QUEUE_LEN];   /* under lock: a ring */
	size_t head, len;           /* under lock */
	int walked;                 /* under lock: the walk has ended */
	size_t done;                /* under lock */
	int failed;                 /* under lock: the first failure stops the rest */
	int rc;
	char error[4200];
	int progress;               /* stderr is a terminal */
} export;

/* Record the first failure and wake everyone; 1 when the export should
 * stop. */
static int fail(export *x, int rc, const char *what)
{
	pthread_mutex_lock(&x->lock);
	if (!x->failed) {
		x->failed = 1;
		x->rc = rc;
		snprintf(x->error, sizeof(x->error), "%s", what);
	}
	pthread_cond_broadcast(&x->changed);
	pthread_mutex_unlock(&x->lock);
	return 1;
}

/* The walk's end, good or bad: the workers finish what is queued. */
static void end_walk(export *x)
{
	pthread_mutex_lock(&x->lock);
	x->walked = 1;
	pthread_cond_broadcast(&x->changed);
	pthread_mutex_unlock(&x->lock);
}

/* The walk's step: queue an issued invoice, waiting while the queue is
 * full. Drafts are the shop's work in progress: they are not exported.
 * Non-zero stops the walk once the export failed. */
static int enqueue(const portal_invoice *inv, void *ctx)
{
	export *x = ctx;
	invoice_ref *ref;
	int stop;

	if (inv->issued_at == 0)
		return 0;
	pthread_mutex_lock(&x->lock);
	while (x->len == QUEUE_LEN && !x->failed)
		pthread_cond_wait(&x->changed, &x->lock);
	if (!(stop = x->failed)) {
		ref = &x->queue[(x->head + x->len++) % QUEUE_LEN];
		ref->id = inv->id;
		pdf_safe_name(ref->name, sizeof(ref->name), inv->number);
		pthread_cond_broadcast(&x->changed);
	}
	pthread_mutex_unlock(&x->lock);
	return stop;
}

/* The next invoice to write into *ref, waiting for the walk; 0 when
 * none is left. `finished_one` counts the one just written and prints
 * the progress line. */
static int take_next(export *x, int finished_one, invoice_ref *ref)
{
	int got = 0;

	pthread_mutex_lock(&x->lock);
	if (finished_one) {
		x->done++;
		if (x->progress)
			fprintf(stderr, "\rportal: %zu invoices written", x->done);
	}
	while (x->len == 0 && !x->walked && !x->failed)
		pthread_cond_wait(&x->changed, &x->lock);
	if (!x->failed && x->len > 0) {
		*ref = x->queue[x->head];
		x->head = (x->head + 1) % QUEUE_LEN;
		x->len--;
		got = 1;
		pthread_cond_broadcast(&x->changed);
	}
	pthread_mutex_unlock(&x->lock);
	return got;
}

static int write_one(export *x, portal *p, const invoice_ref *ref)
{
	portal_pdf_options opt = PORTAL_PDF_OPTIONS_INIT;
	portal_buf pdf = PORTAL_BUF_INIT;
	char path[4096], err[4200];
	int code, rc = 0;

	opt.deterministic = x->deterministic;
	if ((code = portal_invoice_pdf(&pdf, p, ref->id, &opt)) < 0) {
		snprintf(err, sizeof(err), "invoice %s: %s", ref->name, portal_errmsg(p));
		rc = fail(x, cli_exit_code(code), err);
	} else if (snprintf(path, sizeof(path), "%s/invoice-%s.pdf", x->dir, ref->name) >=
			(int)sizeof(path) ||
		   pdf_write_file(path, &pdf, err, sizeof(err)) < 0) {
		rc = fail(x, EXIT_STORE, err);
	}
	portal_buf_dispose(&pdf);
	return rc;
}

static void *worker(void *arg)
{
	export *x = arg;
	invoice_ref ref;
	portal *p;
	int code, more;

	if ((code = portal_open_shop(&p, x->c->db_path, x->c->shop, 0)) < 0) {
		fail(x, EXIT_STORE, portal_errmsg(p));
		portal_close(p);
		return NULL;
	}
	portal_set_now(p, x->now);
	for (more = take_next(x, 0, &ref); more; more = take_next(x, 1, &ref))
		if (write_one(x, p, &ref))
			break;
	portal_close(p);
	return NULL;
}

/* Walk the shop's invoices into the queue while `n` workers write them,
 * and wait for them all. The walk cannot write PDFs itself (it waits for
 * room in the queue), so without a single worker the export fails. */
static int run_export(export *x, long n)
{
	pthread_t threads[MAX_JOBS];
	long started = 0;
	int err;

	for (; started < n; started++)
		if (pthread_create(&threads[started], NULL, worker, x) != 0)
			break;
	if (started == 0)
		fail(x, EXIT_STORE, "cannot start a thread to write the PDFs");
	err = portal_invoice_foreach(x->c->p, NULL, enqueue, x);
	if (err < 0)
		fail(x, err == PORTAL_ENOMEM ? EXIT_STORE : cli_exit_code(err),
			err == PORTAL_ENOMEM ? "out of memory" : portal_errmsg(x->c->p));
	end_walk(x);
	for (long i = 0; i < started; i++)
		pthread_join(threads[i], NULL);
	if (x->progress && x->done > 0)
		fputc('\n', stderr);
	return x->failed ? -1 : 0;
}

static int check_args(const char *number, const char *dir, const char *jobs,
	const char *out, long *njobs)
{
	char *end;

	if (number != NULL)
		return cli_usage_error("--all writes every invoice; give no NUMBER");
	if (out != NULL)
		return cli_usage_error("--all writes into --dir DIR, not -o");
	if (dir == NULL || *dir == '\0')
		return cli_usage_error("--all needs --dir DIR");
	*njobs = sysconf(_SC_NPROCESSORS_ONLN);
	if (jobs != NULL) {
		errno = 0;
		*njobs = strtol(jobs, &end, 10);
		if (errno != 0 || *end != '\0' || *njobs < 1 || *njobs > MAX_JOBS)
			return cli_usage_error("--jobs must be a number from 1 to %d", MAX_JOBS);
	}
	if (*njobs < 1)
		*njobs = 1;
	if (*njobs > MAX_JOBS)
		*njobs = MAX_JOBS;
	return 0;
}

static int make_dir(const char *dir)
{
	struct stat st;

	if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
		fprintf(stderr, "portal: %s: %s\n", dir, strerror(errno));
		return EXIT_STORE;
	}
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "portal: %s is not a directory\n", dir);
		return EXIT_STORE;
	}
	return 0;
}

static int report(cli *c, const export *x)
{
	if (c->json)
		return print_pair("dir", x->dir, "written", (double)x->done);
	printf("wrote %zu invoice PDF%s to %s\n", x->done, x->done == 1 ? "" : "s", x->dir);
	return EXIT_OK;
}

int pdf_export_invoices(cli *c, const char *number, const char *dir, const char *jobs,
	const char *out, int deterministic)
{
	export x;
	long njobs = 1;
	int rc;

	if ((rc = check_args(number, dir, jobs, out, &njobs)) != 0 ||
	    (rc = cli_open(c, 0)) != 0 || (rc = make_dir(dir)) != 0)
		return rc;
	memset(&x, 0, sizeof(x));
	x.c = c;
	x.dir = dir;
	x.deterministic = deterministic;
	x.now = portal_now(c->p);
	x.progress = isatty(STDERR_FILENO);
	pthread_mutex_init(&x.lock, NULL);
	pthread_cond_init(&x.changed, NULL);
	if (run_export(&x, njobs) < 0)
		rc = (fprintf(stderr, "portal: %s\n", x.error), x.rc);
	else
		rc = report(c, &x);
	pthread_cond_destroy(&x.changed);
	pthread_mutex_destroy(&x.lock);
	return rc;
}
