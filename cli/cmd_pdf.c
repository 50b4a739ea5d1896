/* SPDX-License-Identifier: MIT */
/*
 * cmd_pdf.c - `portal invoice pdf`, `portal estimate pdf` and
 * `portal statement pdf`: one document into a file or onto stdout.
 *
 * The file is written whole or not at all (pdf_write_file()).
 */
#include "cli.h"
#include "pdf_export.h"

#include <string.h>

static const char invoice_pdf_usage[] =
	"usage: portal invoice pdf NUMBER [-o FILE] [--deterministic]\n"
	"       portal invoice pdf --all --dir DIR [--jobs N] [--deterministic]\n\n"
	"Write invoice NUMBER as a PDF to FILE (default invoice-NUMBER.pdf; - for\n"
	"stdout). --all writes every issued invoice (drafts are left out) into DIR\n"
	"as invoice-NUMBER.pdf, using N processors at once (default: all of them)\n"
	"and showing progress on a terminal. --deterministic fixes the creation\n"
	"date and document id, so the same records give the same bytes.\n";

static const char estimate_pdf_usage[] =
	"usage: portal estimate pdf NUMBER [-o FILE] [--deterministic]\n\n"
	"Write estimate NUMBER as a PDF to FILE (default estimate-NUMBER.pdf; - for\n"
	"stdout): its lines, how long it can be approved, and each line's decision.\n";

static const char statement_pdf_usage[] =
	"usage: portal statement pdf CLIENT [-o FILE] [--as-of TIME] [--deterministic]\n\n"
	"Write CLIENT's statement of account as a PDF to FILE (default\n"
	"statement-CLIENT.pdf; - for stdout).\n";

/* Write `pdf` where -o says, and say what was written. */
static int deliver(cli *c, const portal_buf *pdf, const char *out, const char *fallback)
{
	char err[4200];

	if (strcmp(out ? out : fallback, "-") == 0) {
		if (fwrite(pdf->ptr, 1, pdf->size, stdout) != pdf->size || fflush(stdout) != 0) {
			fprintf(stderr, "portal: cannot write the PDF to stdout\n");
			return EXIT_STORE;
		}
		return EXIT_OK;
	}
	if (pdf_write_file(out ? out : fallback, pdf, err, sizeof(err)) < 0) {
		fprintf(stderr, "portal: %s\n", err);
		return EXIT_STORE;
	}
	if (c->json)
		return pdf_print_written(out ? out : fallback, pdf->size);
	else
		printf("wrote %s (%zu bytes)\n", out ? out : fallback, pdf->size);
	return EXIT_OK;
}

/* The document of `kind` numbered `number` (as typed) into `pdf`, and
 * its number as stored into `stored`, for the default file name. */
static int render_numbered(cli *c, portal_buf *pdf, char *stored, size_t len,
	const char *kind, const char *number, const portal_pdf_options *opt)
{
	portal_invoice *inv;
	portal_estimate *e;
	portal_id id;
	int err;

	if (strcmp(kind, "invoice") == 0) {
		if ((err = portal_invoice_find(&id, c->p, number)) < 0 ||
		    (err = portal_invoice_get(&inv, c->p, id)) < 0)
			return err;
		pdf_safe_name(stored, len, inv->number);
		portal_invoice_free(inv);
		return portal_invoice_pdf(pdf, c->p, id, opt);
	}
	if ((err = portal_estimate_find(&id, c->p, number)) < 0 ||
	    (err = portal_estimate_get(&e, c->p, id)) < 0)
		return err;
	pdf_safe_name(stored, len, e->number);
	portal_estimate_free(e);
	return portal_estimate_pdf(pdf, c->p, id, opt);
}

static int render_one(cli *c, const char *kind, const char *number, const char *out,
	int deterministic)
{
	portal_pdf_options opt = PORTAL_PDF_OPTIONS_INIT;
	portal_buf pdf = PORTAL_BUF_INIT;
	char fallback[200], name[128];
	int err, rc;

	opt.deterministic = deterministic;
	if ((err = render_numbered(c, &pdf, name, sizeof(name), kind, number, &opt)) < 0)
		return cli_fail(c, err);
	snprintf(fallback, sizeof(fallback), "%s-%s.pdf", kind, name);
	rc = deliver(c, &pdf, out, fallback);
	portal_buf_dispose(&pdf);
	return rc;
}

int cmd_invoice_pdf(cli *c, int argc, char **argv)
{
	const char *pos[1] = { NULL }, *out = NULL, *dir = NULL, *jobs = NULL;
	int all = 0, deterministic = 0;
	const cli_opt opts[] = {
		{ "o", &out, NULL }, { "output", &out, NULL }, { "all", NULL, &all },
		{ "dir", &dir, NULL }, { "jobs", &jobs, NULL },
		{ "deterministic", NULL, &deterministic }, { NULL, NULL, NULL }
	};
	int rc = cli_parse(argc, argv, opts, pos, 0, 1, invoice_pdf_usage);

	CLI_PARSED(rc);
	if (all)
		return pdf_export_invoices(c, pos[0], dir, jobs, out, deterministic);
	if (pos[0] == NULL)
		return cli_usage_error("invoice pdf needs a NUMBER, or --all --dir DIR");
	if (dir != NULL || jobs != NULL)
		return cli_usage_error("--dir and --jobs go with --all");
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	return render_one(c, "invoice", pos[0], out, deterministic);
}

int cmd_estimate_pdf(cli *c, int argc, char **argv)
{
	const char *pos[1], *out = NULL;
	int deterministic = 0;
	const cli_opt opts[] = {
		{ "o", &out, NULL }, { "output", &out, NULL },
		{ "deterministic", NULL, &deterministic }, { NULL, NULL, NULL }
	};
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, estimate_pdf_usage);

	CLI_PARSED(rc);
	if ((rc = cli_open(c, 0)) != 0)
		return rc;
	return render_one(c, "estimate", pos[0], out, deterministic);
}

int cmd_statement_pdf(cli *c, int argc, char **argv)
{
	portal_pdf_options opt = PORTAL_PDF_OPTIONS_INIT;
	portal_buf pdf = PORTAL_BUF_INIT;
	const char *pos[1], *out = NULL, *as_of = NULL;
	const cli_opt opts[] = {
		{ "o", &out, NULL }, { "output", &out, NULL }, { "as-of", &as_of, NULL },
		{ "deterministic", NULL, &opt.deterministic }, { NULL, NULL, NULL }
	};
	char fallback[64];
	portal_time when = 0;
	portal_id client_id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 1, statement_pdf_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&client_id, pos[0], "client")) != 0 ||
	    (rc = cli_open(c, 0)) != 0 ||
	    (as_of && (rc = cli_as_of_arg(c, &when, as_of)) != 0))
		return rc;
	if ((err = portal_statement_pdf(&pdf, c->p, client_id, when, &opt)) < 0)
		return cli_fail(c, err);
	snprintf(fallback, sizeof(fallback), "statement-%lld.pdf", (long long)client_id);
	rc = deliver(c, &pdf, out, fallback);
	portal_buf_dispose(&pdf);
	return rc;
}
