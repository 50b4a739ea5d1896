/* SPDX-License-Identifier: MIT */
/*
 * cli.c - argument parsing, opening the shop and printing errors.
 */
#include "cli.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const cli_opt *find_opt(const cli_opt *opts, const char *name, size_t len)
{
	for (; opts && opts->name; opts++)
		if (strlen(opts->name) == len && strncmp(opts->name, name, len) == 0)
			return opts;
	return NULL;
}

static int parse_option(int argc, char **argv, int *i, const cli_opt *opts, const char *usage)
{
	/* "-o" is the option named "o", as "--o" would be. */
	const char *arg = argv[*i] + (argv[*i][1] == '-' ? 2 : 1), *eq = strchr(arg, '=');
	size_t len = eq ? (size_t)(eq - arg) : strlen(arg);
	const cli_opt *o = find_opt(opts, arg, len);

	if (o == NULL) {
		fprintf(stderr, "portal: unknown option --%.*s\n%s", (int)len, arg, usage);
		return EXIT_USAGE;
	}
	if (o->flag != NULL) {
		if (eq != NULL) {
			fprintf(stderr, "portal: --%s takes no value\n%s", o->name, usage);
			return EXIT_USAGE;
		}
		*o->flag = 1;
		return 0;
	}
	if (eq != NULL) {
		*o->value = eq + 1;
	} else if (*i + 1 < argc) {
		*o->value = argv[++*i];
	} else {
		fprintf(stderr, "portal: --%s needs a value\n%s", o->name, usage);
		return EXIT_USAGE;
	}
	return 0;
}

int cli_parse(int argc, char **argv, const cli_opt *opts, const char **pos,
	int min_pos, int max_pos, const char *usage)
{
	int npos = 0, only_pos = 0, rc;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!only_pos && (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)) {
			fputs(usage, stdout);
			return -1;
		}
		if (!only_pos && strcmp(a, "--") == 0) {
			only_pos = 1;
		} else if (!only_pos && (strncmp(a, "--", 2) == 0 ||
			   (a[0] == '-' && isalpha((unsigned char)a[1]) && a[2] == '\0'))) {
			if ((rc = parse_option(argc, argv, &i, opts, usage)) != 0)
				return rc;
		} else if (npos < max_pos) {
			pos[npos++] = a;
		} else {
			fprintf(stderr, "portal: unexpected argument '%s'\n%s", a, usage);
			return EXIT_USAGE;
		}
	}
	if (npos < min_pos) {
		fprintf(stderr, "portal: missing argument\n%s", usage);
		return EXIT_USAGE;
	}
	return 0;
}

int cli_exit_code(int err)
{
	switch (err) {
	case PORTAL_OK: return EXIT_OK;
	case PORTAL_ENOTFOUND:
	case PORTAL_EDENIED: return EXIT_NOTFOUND;
	case PORTAL_EINVAL: return EXIT_USAGE;
	case PORTAL_ERULE:
	case PORTAL_EEXISTS: return EXIT_RULE;
	case PORTAL_ERATELIMIT: return EXIT_RATELIMIT;
	default: return EXIT_STORE;
	}
}

int cli_fail(cli *c, int err)
{
	fprintf(stderr, "portal: %s\n", portal_errmsg(c->p));
	return cli_exit_code(err);
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("portal: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

/* PORTAL_NOW fixes the clock, so that a script or a test can see what
 * the shop and its customers will see at another time. */
static int apply_fixed_now(cli *c)
{
	const char *now = getenv("PORTAL_NOW");
	portal_time t;
	int err;

	if (now == NULL || *now == '\0')
		return 0;
	if ((err = portal_time_parse(&t, c->p, now)) < 0) {
		fprintf(stderr, "portal: PORTAL_NOW: %s\n", portal_errmsg(c->p));
		return EXIT_USAGE;
	}
	portal_set_now(c->p, t);
	return 0;
}

int cli_open(cli *c, int flags)
{
	int err = portal_open_shop(&c->p, c->db_path, c->shop, flags);

	/* A database that cannot be opened is a storage problem, even when
	 * the library says the file is not there. */
	if (err < 0) {
		cli_fail(c, err);
		return EXIT_STORE;
	}
	return apply_fixed_now(c);
}

int cli_parse_id(portal_id *out, const char *text)
{
	char *end;
	long long v;

	if (text == NULL)
		return -1;
	if (*text == '#')
		text++;
	if (*text < '0' || *text > '9')
		return -1;
	errno = 0;
	v = strtoll(text, &end, 10);
	if (errno != 0 || *end != '\0' || v <= 0)
		return -1;
	*out = v;
	return 0;
}

int cli_id_arg(portal_id *out, const char *text, const char *what)
{
	if (cli_parse_id(out, text) < 0)
		return cli_usage_error("%s: '%s' is not an id (a number such as 12)", what,
			text ? text : "");
	return 0;
}

int cli_time_arg(cli *c, portal_time *out, const char *text)
{
	int err = portal_time_parse(out, c->p, text);

	return err < 0 ? cli_fail(c, err) : 0;
}

/* A date alone means the whole of that day: a statement as of it, printed
 * or as a PDF, includes what happened during it. */
int cli_as_of_arg(cli *c, portal_time *out, const char *text)
{
	char end_of_day[32];
	portal_time day;

	if (strlen(text) == 10 && portal_time_parse(&day, c->p, text) == 0) {
		snprintf(end_of_day, sizeof(end_of_day), "%s 23:59:59", text);
		return cli_time_arg(c, out, end_of_day);
	}
	return cli_time_arg(c, out, text);
}

int cli_parse_span(cli *c, int argc, char **argv, const char *usage, cli_span *span)
{
	const char *client = NULL, *from = NULL, *to = NULL;
	const cli_opt opts[] = {
		{ "client", &client, NULL }, { "from", &from, NULL }, { "to", &to, NULL },
		{ NULL, NULL, NULL }
	};
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, usage);

	span->client_id = 0;
	span->from = span->to = 0;
	if (rc != 0 ||
	    (client && (rc = cli_id_arg(&span->client_id, client, "--client")) != 0) ||
	    (rc = cli_open(c, 0)) != 0 ||
	    (from && (rc = cli_time_arg(c, &span->from, from)) != 0) ||
	    (to && (rc = cli_time_arg(c, &span->to, to)) != 0))
		return rc;
	return 0;
}

int cli_print_json(portal_buf *doc)
{
	fwrite(doc->ptr, 1, doc->size, stdout);
	fputc('\n', stdout);
	portal_buf_dispose(doc);
	return EXIT_OK;
}

void cli_field(const char *label, const char *value)
{
	if (value != NULL && *value != '\0')
		printf("%-10s %s\n", label, value);
}

int cli_width(const char *s, int columns)
{
	int extra = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) == 0x80)
			extra++;
	return columns + extra;
}

const char *cli_time(cli *c, portal_time t, char *buf, size_t len)
{
	return portal_time_format(buf, len, c->p, t, PORTAL_TIME_HUMAN);
}

int cli_dispatch(cli *c, int argc, char **argv, const cli_command *subs, const char *usage)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? EXIT_USAGE : EXIT_OK;
	}
	for (; subs->name; subs++)
		if (strcmp(argv[1], subs->name) == 0)
			return subs->run(c, argc - 1, argv + 1);
	fprintf(stderr, "portal: %s: unknown subcommand '%s'\n%s", argv[0], argv[1], usage);
	return EXIT_USAGE;
}
