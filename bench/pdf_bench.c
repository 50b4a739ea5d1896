/* SPDX-License-Identifier: MIT */
/*
 * pdf_bench.c - how fast one process renders the same invoice as a PDF,
 * with the built-in fonts and with an embedded TrueType font.
 *
 *   pdf_bench --db FILE --invoice NUMBER [--count N] [--embed-count N]
 *             [--rounds R] [--font FILE] [--out DIR] [--only builtin|embed]
 *
 * Each font choice is rendered a few times untimed first (the page cache,
 * the allocator, the font file), then in R rounds of N renders; a round's
 * time divided by N is its time per PDF, and the median round is reported,
 * so one round disturbed by the rest of a shared machine does not move the
 * figure. Each PDF goes into a fresh portal_buf that is disposed again, as
 * a web portal answering one download after another would do.
 *
 * The result is one line of key=value pairs on stdout, for bench/pdf.sh to
 * read. With --out DIR the last PDF of each kind is kept there as
 * builtin.pdf and embed.pdf, so its size and fonts can be checked.
 *
 * A benchmark, not a test: it is built with the project and never run by
 * the test suite, because its figures mean something only on a quiet
 * machine and only as ratios measured in one run.
 */
#include <portal.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_ROUNDS 99

static const char usage[] =
	"usage: pdf_bench --db FILE --invoice NUMBER [--count N] [--embed-count N]\n"
	"                 [--rounds R] [--font FILE] [--out DIR] [--only builtin|embed]\n\n"
	"Render invoice NUMBER as a PDF N times in each of R rounds (defaults: 200\n"
	"with the built-in fonts, 20 with the embedded font, 7 rounds), after a\n"
	"warm-up, and print one line of key=value pairs for each font choice: the\n"
	"microseconds per PDF of the median round (KIND_us; also _mean, _min and\n"
	"_max), PDFs per second at the median (KIND_per_s) and the size of the PDF\n"
	"(KIND_bytes), where KIND is builtin or embed.\n"
	"--font names the TrueType font to embed (default: the shop's, else DejaVu\n"
	"Sans). --out DIR keeps the last PDF of each kind as DIR/builtin.pdf and\n"
	"DIR/embed.pdf. --only measures one font choice, for a profiler.\n";

typedef struct bench_args {
	const char *db, *invoice, *font, *out, *only;
	long count, embed_count, rounds;
} bench_args;

/* What one font choice measured. */
typedef struct result {
	double us_median, us_mean, us_min, us_max;
	size_t bytes;
} result;

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* One render, the PDF thrown away unless `keep` is given. */
static int render(portal *p, portal_id id, const portal_pdf_options *opt, portal_buf *keep)
{
	portal_buf pdf = PORTAL_BUF_INIT;
	int err = portal_invoice_pdf(&pdf, p, id, opt);

	if (err < 0)
		fprintf(stderr, "pdf_bench: invoice pdf: %s\n", portal_errmsg(p));
	if (keep != NULL && err == 0) {
		portal_buf_dispose(keep);
		*keep = pdf;
	} else {
		portal_buf_dispose(&pdf);
	}
	return err;
}

/* Warm up, then time `rounds` rounds of `count` renders each. */
static int measure(result *res, portal *p, portal_id id, const portal_pdf_options *opt,
	long count, long rounds, portal_buf *last)
{
	double per_pdf[MAX_ROUNDS], sum = 0;
	long warmup = count / 10 > 3 ? count / 10 : 3;

	for (long i = 0; i < warmup; i++)
		if (render(p, id, opt, last) < 0)
			return -1;
	for (long r = 0; r < rounds; r++) {
		double start = now_us();
		for (long i = 0; i < count; i++)
			if (render(p, id, opt, NULL) < 0)
				return -1;
		per_pdf[r] = (now_us() - start) / (double)count;
		sum += per_pdf[r];
	}
	qsort(per_pdf, (size_t)rounds, sizeof(per_pdf[0]), by_value);
	res->us_median = rounds % 2 ? per_pdf[rounds / 2] :
		(per_pdf[rounds / 2 - 1] + per_pdf[rounds / 2]) / 2;
	res->us_mean = sum / (double)rounds;
	res->us_min = per_pdf[0];
	res->us_max = per_pdf[rounds - 1];
	res->bytes = last->size;
	return 0;
}

static int keep_file(const char *dir, const char *name, const portal_buf *pdf)
{
	char path[4096];
	FILE *f;
	int ok;

	if (dir == NULL)
		return 0;
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if ((f = fopen(path, "wb")) == NULL) {
		fprintf(stderr, "pdf_bench: %s: %s\n", path, strerror(errno));
		return -1;
	}
	ok = fwrite(pdf->ptr, 1, pdf->size, f) == pdf->size;
	if (fclose(f) != 0 || !ok) {
		fprintf(stderr, "pdf_bench: %s: cannot write\n", path);
		return -1;
	}
	return 0;
}

static void print_result(const char *kind, const result *r)
{
	printf(" %s_us=%.1f %s_us_mean=%.1f %s_us_min=%.1f %s_us_max=%.1f %s_per_s=%.0f"
		" %s_bytes=%zu", kind, r->us_median, kind, r->us_mean, kind, r->us_min,
		kind, r->us_max, kind, 1e6 / r->us_median, kind, r->bytes);
}

static int number_arg(long *out, const char *name, const char *text, long max)
{
	char *end;
	long n;

	errno = 0;
	n = strtol(text, &end, 10);
	if (errno != 0 || *end != '\0' || n < 1 || n > max) {
		fprintf(stderr, "pdf_bench: %s wants a number from 1 to %ld\n", name, max);
		return -1;
	}
	*out = n;
	return 0;
}

static int parse_args(bench_args *a, int argc, char **argv)
{
	memset(a, 0, sizeof(*a));
	a->count = 200;
	a->embed_count = 20;
	a->rounds = 7;
	for (int i = 1; i < argc; i++) {
		const char *opt = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(opt, "--help") == 0 || strcmp(opt, "-h") == 0) {
			fputs(usage, stdout);
			exit(0);
		}
		if (val == NULL) {
			fprintf(stderr, "pdf_bench: %s needs a value\n%s", opt, usage);
			return -1;
		}
		i++;
		if (strcmp(opt, "--db") == 0)
			a->db = val;
		else if (strcmp(opt, "--invoice") == 0)
			a->invoice = val;
		else if (strcmp(opt, "--font") == 0)
			a->font = val;
		else if (strcmp(opt, "--out") == 0)
			a->out = val;
		else if (strcmp(opt, "--only") == 0) {
			if (strcmp(val, "builtin") != 0 && strcmp(val, "embed") != 0) {
				fprintf(stderr, "pdf_bench: --only wants builtin or embed\n");
				return -1;
			}
			a->only = val;
		}
		else if (strcmp(opt, "--count") == 0) {
			if (number_arg(&a->count, opt, val, 1000000) < 0)
				return -1;
		} else if (strcmp(opt, "--embed-count") == 0) {
			if (number_arg(&a->embed_count, opt, val, 1000000) < 0)
				return -1;
		} else if (strcmp(opt, "--rounds") == 0) {
			if (number_arg(&a->rounds, opt, val, MAX_ROUNDS) < 0)
				return -1;
		} else {
			fprintf(stderr, "pdf_bench: unknown option %s\n%s", opt, usage);
			return -1;
		}
	}
	if (a->db == NULL || a->invoice == NULL) {
		fprintf(stderr, "pdf_bench: --db and --invoice are needed\n%s", usage);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	portal_pdf_options builtin = PORTAL_PDF_OPTIONS_INIT, embed = PORTAL_PDF_OPTIONS_INIT;
	struct {
		const char *kind;
		const portal_pdf_options *opt;
		long count;
		portal_buf last;
		result res;
	} runs[] = {
		{ .kind = "builtin", .opt = &builtin, .last = PORTAL_BUF_INIT },
		{ .kind = "embed", .opt = &embed, .last = PORTAL_BUF_INIT },
	};
	size_t nruns = sizeof(runs) / sizeof(runs[0]);
	bench_args a;
	portal *p = NULL;
	portal_id id;
	int rc = 1;

	if (parse_args(&a, argc, argv) < 0)
		return 2;
	embed.font = PORTAL_PDF_FONT_EMBED;
	embed.font_path = a.font;
	runs[0].count = a.count;
	runs[1].count = a.embed_count;
	if (portal_open(&p, a.db, PORTAL_OPEN_READONLY) < 0 ||
	    portal_invoice_find(&id, p, a.invoice) < 0) {
		fprintf(stderr, "pdf_bench: %s\n", p ? portal_errmsg(p) : "out of memory");
		goto done;
	}
	for (size_t i = 0; i < nruns; i++) {
		char name[32];
		if (a.only != NULL && strcmp(a.only, runs[i].kind) != 0)
			continue;
		snprintf(name, sizeof(name), "%s.pdf", runs[i].kind);
		if (measure(&runs[i].res, p, id, runs[i].opt, runs[i].count, a.rounds,
		    &runs[i].last) < 0 || keep_file(a.out, name, &runs[i].last) < 0)
			goto done;
	}
	printf("invoice=%s count=%ld embed_count=%ld rounds=%ld", a.invoice, a.count,
		a.embed_count, a.rounds);
	for (size_t i = 0; i < nruns; i++)
		if (a.only == NULL || strcmp(a.only, runs[i].kind) == 0)
			print_result(runs[i].kind, &runs[i].res);
	printf("\n");
	rc = fflush(stdout) == 0 ? 0 : 1;
done:
	for (size_t i = 0; i < nruns; i++)
		portal_buf_dispose(&runs[i].last);
	portal_close(p);
	return rc;
}
