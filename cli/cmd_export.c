/* SPDX-License-Identifier: MIT */
/*
 * cmd_export.c - `portal export`: the whole shop as one JSON document,
 * to move it to another database or out of libportal altogether.
 */
#include "cli.h"
#include "pdf_export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char export_usage[] =
	"usage: portal export [--json] [-o FILE]\n\n"
	"Write the whole shop as one JSON document: the settings and every\n"
	"record (clients, addresses, assets, technicians, jobs and their\n"
	"timelines, estimates, invoices, payments, inspections, visits,\n"
	"reminders, notifications, chat, requests, the outbox and the audit\n"
	"log), one record per line, in id order. The shop's secret key, secure\n"
	"links and sessions are left out. `portal import FILE` reads the\n"
	"document back into a new, empty shop database. docs/import.md\n"
	"describes it.\n\n"
	"  --json         the format (JSON is the only one)\n"
	"  -o, --output FILE  write FILE (readable by its owner only: it holds\n"
	"                 the clients' details) instead of standard output; the\n"
	"                 file is whole or absent\n";

/* Where the document goes: standard output, or a file written through a
 * temporary name renamed into place, so a reader never sees half a shop.
 * mkstemp's private mode is kept: the document holds the clients' names,
 * addresses and door codes. */
typedef struct output {
	const char *path;   /* NULL: standard output */
	char tmp[4096];
	FILE *f;
	size_t size;
	int error;          /* errno of a failed write */
} output;

static const char *output_name(const output *o)
{
	return o->path ? o->path : "writing the document";
}

static int open_output(output *o, const char *path)
{
	int fd;

	memset(o, 0, sizeof(*o));
	o->path = path;
	if (path == NULL) {
		o->f = stdout;
		return EXIT_OK;
	}
	if (snprintf(o->tmp, sizeof(o->tmp), "%s.XXXXXX", path) >= (int)sizeof(o->tmp)) {
		fprintf(stderr, "portal: %s: the name is too long\n", path);
		return EXIT_STORE;
	}
	if ((fd = mkstemp(o->tmp)) < 0 || (o->f = fdopen(fd, "wb")) == NULL) {
		fprintf(stderr, "portal: %s: %s\n", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		return EXIT_STORE;
	}
	return EXIT_OK;
}

/* The export's sink: each piece as it comes. */
static int put_piece(const void *data, size_t len, void *ctx)
{
	output *o = ctx;

	if (fwrite(data, 1, len, o->f) != len) {
		o->error = errno ? errno : EIO;
		return -1;
	}
	o->size += len;
	return 0;
}

/* Standard output flushed, or the file synced and renamed into place;
 * when `keep` is 0 or that fails, the file is removed. */
static int close_output(output *o, int keep)
{
	int ok;

	if (o->path == NULL)
		ok = !keep || fflush(stdout) == 0;
	else {
		ok = !keep || (fflush(o->f) == 0 && fsync(fileno(o->f)) == 0);
		ok = (fclose(o->f) == 0) && ok;
		if (!keep || !ok || rename(o->tmp, o->path) != 0) {
			ok = ok && !keep;
			unlink(o->tmp);
		}
	}
	if (!ok) {
		fprintf(stderr, "portal: %s: %s\n", output_name(o), strerror(errno));
		return EXIT_STORE;
	}
	return EXIT_OK;
}

static int print_written(cli *c, const char *path, size_t size)
{
	if (c->json)
		return pdf_print_written(path, size);
	printf("exported the shop to %s (%zu bytes)\n", path, size);
	return EXIT_OK;
}

int cmd_export(cli *c, int argc, char **argv)
{
	const char *out = NULL;
	const cli_opt opts[] = {
		{ "o", &out, NULL }, { "output", &out, NULL }, { NULL, NULL, NULL }
	};
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, export_usage), err;
	output o;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, PORTAL_OPEN_READONLY)) != 0 || (rc = open_output(&o, out)) != 0)
		return rc;
	err = portal_export_json_write(c->p, put_piece, &o);
	if (err != PORTAL_OK) {
		close_output(&o, 0);
		if (o.error == 0)
			return cli_fail(c, err);
		fprintf(stderr, "portal: %s: %s\n", output_name(&o), strerror(o.error));
		return EXIT_STORE;
	}
	if ((rc = close_output(&o, 1)) != EXIT_OK)
		return rc;
	return out != NULL ? print_written(c, out, o.size) : EXIT_OK;
}
