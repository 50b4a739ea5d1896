/* SPDX-License-Identifier: MIT */
/*
 * cmd_upkeep.c - `portal backup` and `portal check`: keeping the shop's
 * database (portal/upkeep.h).
 */
#include "cli.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <sys/stat.h>

static const char backup_usage[] =
	"usage: portal backup FILE\n\n"
	"Copy the shop to FILE as it is at this moment, while the portal goes on\n"
	"serving. The copy is checked and flushed before it replaces FILE, so a\n"
	"failed backup leaves the previous one; FILE is readable by its owner\n"
	"only (it holds every customer's details and the shop's secret). The copy\n"
	"is a shop database, opened as the shop is. A shop on PostgreSQL is\n"
	"backed up with pg_dump (docs/deploy.md).\n";

static int print_json(cJSON *doc)
{
	char *text = doc ? cJSON_PrintUnformatted(doc) : NULL;

	cJSON_Delete(doc);
	if (text == NULL) {
		fprintf(stderr, "portal: out of memory\n");
		return EXIT_STORE;
	}
	puts(text);
	cJSON_free(text);
	return EXIT_OK;
}

static int print_backup_json(const char *path, long long bytes)
{
	cJSON *doc = cJSON_CreateObject();

	if (doc == NULL || !cJSON_AddStringToObject(doc, "backup", path) ||
	    !cJSON_AddNumberToObject(doc, "bytes", (double)bytes)) {
		cJSON_Delete(doc);
		doc = NULL;
	}
	return print_json(doc);
}

int cmd_backup(cli *c, int argc, char **argv)
{
	const char *pos[1] = { NULL };
	struct stat sb;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, backup_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, PORTAL_OPEN_READONLY)) != 0)
		return rc;
	if ((err = portal_backup(c->p, pos[0])) != PORTAL_OK)
		return cli_fail(c, err);
	if (stat(pos[0], &sb) != 0)
		sb.st_size = 0;
	if (c->json)
		return print_backup_json(pos[0], (long long)sb.st_size);
	printf("backed up the shop to %s (%lld bytes)\n", pos[0], (long long)sb.st_size);
	return EXIT_OK;
}

static const char check_usage[] =
	"usage: portal check\n\n"
	"Check the shop's database (its pages, the references between its\n"
	"records, its schema version) and the settings a shop serving customers\n"
	"must set (name, time zone, public URL, email, phone). Each finding is a\n"
	"line. Exit status: 0 when nothing was found, 3 when only settings are\n"
	"missing, 5 when the database is damaged (restore it from a backup).\n";

typedef struct findings {
	int damage, setup;
	cJSON *list;    /* with --json */
} findings;

static int found(const portal_check_finding *f, void *ctx)
{
	findings *s = ctx;
	const char *kind = f->kind == PORTAL_CHECK_DAMAGE ? "damage" : "setup";
	cJSON *o;

	*(f->kind == PORTAL_CHECK_DAMAGE ? &s->damage : &s->setup) += 1;
	if (s->list == NULL) {
		printf("%s: %s: %s\n", kind, f->subject, f->problem);
		return 0;
	}
	if ((o = cJSON_CreateObject()) == NULL || !cJSON_AddItemToArray(s->list, o) ||
	    !cJSON_AddStringToObject(o, "kind", kind) ||
	    !cJSON_AddStringToObject(o, "subject", f->subject) ||
	    !cJSON_AddStringToObject(o, "problem", f->problem))
		return PORTAL_ENOMEM;
	return 0;
}

static int print_findings_json(findings *s)
{
	cJSON *doc = cJSON_CreateObject();

	if (doc == NULL || !cJSON_AddBoolToObject(doc, "ok", s->damage + s->setup == 0) ||
	    !cJSON_AddItemToObject(doc, "findings", s->list)) {
		cJSON_Delete(doc);
		return print_json(NULL);
	}
	s->list = NULL;
	return print_json(doc);
}

int cmd_check(cli *c, int argc, char **argv)
{
	findings s = { 0, 0, NULL };
	int rc = cli_parse(argc, argv, NULL, NULL, 0, 0, check_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_open(c, PORTAL_OPEN_READONLY)) != 0)
		return rc;
	if (c->json && (s.list = cJSON_CreateArray()) == NULL) {
		fprintf(stderr, "portal: out of memory\n");
		return EXIT_STORE;
	}
	if ((err = portal_check(c->p, found, &s)) != PORTAL_OK) {
		cJSON_Delete(s.list);
		return cli_fail(c, err);
	}
	if (c->json && (rc = print_findings_json(&s)) != EXIT_OK) {
		cJSON_Delete(s.list);   /* NULL once the document holds it */
		return rc;
	}
	if (!c->json && s.damage + s.setup == 0)
		printf("the shop's database is sound and the shop is set up\n");
	return s.damage ? EXIT_STORE : s.setup ? EXIT_RULE : EXIT_OK;
}
