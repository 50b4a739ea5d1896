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

/* Through a temporary name renamed into place, so a reader never sees
 * half a shop. mkstemp's private mode is kept: the document holds the
 * clients' names, addresses and door codes. */
static int write_whole(const char *path, const portal_buf *doc)
{
	char tmp[4096];
	FILE *f = NULL;
	int fd = -1, ok;

	if (snprintf(tmp, sizeof(tmp), "%s.XXXXXX", path) >= (int)sizeof(tmp)) {
		fprintf(stderr, "portal: %s: the name is too long\n", path);
		return EXIT_STORE;
	}
	if ((fd = mkstemp(tmp)) < 0 || (f = fdopen(fd, "wb")) == NULL) {
		fprintf(stderr, "portal: %s: %s\n", path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp);
		}
		return EXIT_STORE;
	}
	ok = fwrite(doc->ptr, 1, doc->size, f) == doc->size;
	ok = (fflush(f) == 0) && (fsync(fileno(f)) == 0) && ok;
	ok = (fclose(f) == 0) && ok;
	if (!ok || rename(tmp, path) != 0) {
		fprintf(stderr, "portal: %s: %s\n", path, strerror(errno));
		unlink(tmp);
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
	portal_buf doc = PORTAL_BUF_INIT;
	const char *out = NULL;
	const cli_opt opts[] = {
		{ "o", &out, NULL }, { "output", &out, NULL }, { NULL, NULL, NULL }
	};
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, export_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, PORTAL_OPEN_READONLY)) != 0)
		return rc;
	if ((err = portal_export_json(c->p, &doc)) < 0)
		return cli_fail(c, err);
	if (out != NULL) {
		if ((rc = write_whole(out, &doc)) == EXIT_OK)
			rc = print_written(c, out, doc.size);
	} else if (fwrite(doc.ptr, 1, doc.size, stdout) != doc.size || fflush(stdout) != 0) {
		fprintf(stderr, "portal: writing the document: %s\n", strerror(errno));
		rc = EXIT_STORE;
	}
	portal_buf_dispose(&doc);
	return rc;
}
