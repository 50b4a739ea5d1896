/* SPDX-License-Identifier: MIT */
/*
 * cli.h - what the `portal` commands share: the open shop, output mode,
 * argument parsing and the mapping from library codes to exit codes.
 *
 * Commands parse their arguments, call the library and print. Rules and
 * queries belong to the library, never here.
 */
#ifndef PORTAL_CLI_H
#define PORTAL_CLI_H

#include <portal.h>
#include <stdio.h>

/* Exit codes of PRODUCT.md. */
enum {
	EXIT_OK = 0,
	EXIT_NOTFOUND = 1,   /* not found or denied */
	EXIT_USAGE = 2,
	EXIT_RULE = 3,
	EXIT_RATELIMIT = 4,
	EXIT_STORE = 5
};

typedef struct cli {
	/* A SQLite file, or a postgresql:// URI with the shop's name. */
	const char *db_path;
	const char *shop;
	int json;
	portal *p;
} cli;

typedef struct cli_command {
	const char *name;
	int (*run)(cli *c, int argc, char **argv);
	const char *summary;
} cli_command;

/* An option of a command: `--name VALUE` (or `--name=VALUE`), or a flag
 * when `value` is NULL. A one-letter option is also written `-n VALUE`. */
typedef struct cli_opt {
	const char *name;
	const char **value;
	int *flag;
} cli_opt;

/*
 * Parse `argv` (argv[0] is the subcommand's name) into `opts` and up to
 * `max_pos` positional arguments. Returns 0, EXIT_USAGE after printing the
 * problem and `usage`, or -1 after printing `usage` for --help (the
 * command then exits 0). Positionals must number min_pos..max_pos.
 */
int cli_parse(int argc, char **argv, const cli_opt *opts, const char **pos,
	int min_pos, int max_pos, const char *usage);

/* Finish a command whose parse returned `rc`: -1 (help) becomes 0. */
#define CLI_PARSED(rc) do { if ((rc) != 0) return (rc) < 0 ? EXIT_OK : (rc); } while (0)

/* Open the shop database named by --db / $PORTAL_DB / ./portal.db. */
int cli_open(cli *c, int flags);

/* Print "portal: <library message>" and give the exit code for `err`. */
int cli_fail(cli *c, int err);

/* Print "portal: <message>" and return EXIT_USAGE. */
int cli_usage_error(const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 1, 2)))
#endif
	;

/* The exit code for a library return code. */
int cli_exit_code(int err);

/* Parse a record id such as "12" or "#12". Returns 0 or -1. */
int cli_parse_id(portal_id *out, const char *text);

/* Parse an id argument or print a usage error naming `what`. */
int cli_id_arg(portal_id *out, const char *text, const char *what);

/* Parse a time argument in the shop's zone, printing the error. */
int cli_time_arg(cli *c, portal_time *out, const char *text);

/* Parse --as-of TIME as cli_time_arg() does, except that a date alone
 * means the end of that day. */
int cli_as_of_arg(cli *c, portal_time *out, const char *text);

/* A report's span: one client's or every client's, between two times. */
typedef struct cli_span {
	portal_id client_id;    /* 0: every client */
	portal_time from, to;   /* 0: open at that end */
} cli_span;

/*
 * Parse a report's options, `[--client CLIENT] [--from TIME] [--to TIME]`
 * and no positionals, into `span`, opening the shop first because the times
 * are read in its zone. Returns as cli_parse() does, or the exit code of a
 * bad value or of a shop that would not open.
 */
int cli_parse_span(cli *c, int argc, char **argv, const char *usage, cli_span *span);

/* Print a JSON document from the library (and dispose of it). */
int cli_print_json(portal_buf *doc);

/* Print "<label> <value>" lines aligned, skipping empty values. */
void cli_field(const char *label, const char *value);

/* The printf width (for %-*s) that pads UTF-8 text `s` to `columns`
 * characters: printf counts bytes, and "Zoë" has more bytes than letters. */
int cli_width(const char *s, int columns);

/* Print the time `t` in the shop's zone for people. */
const char *cli_time(cli *c, portal_time t, char *buf, size_t len);

/* Commands, one file each. */
int cmd_init(cli *c, int argc, char **argv);
int cmd_demo(cli *c, int argc, char **argv);
int cmd_shop(cli *c, int argc, char **argv);
int cmd_client(cli *c, int argc, char **argv);
int cmd_address(cli *c, int argc, char **argv);
int cmd_asset(cli *c, int argc, char **argv);
int cmd_tech(cli *c, int argc, char **argv);
int cmd_host(cli *c, int argc, char **argv);
int cmd_job(cli *c, int argc, char **argv);
int cmd_estimate(cli *c, int argc, char **argv);
int cmd_invoice(cli *c, int argc, char **argv);
int cmd_payment(cli *c, int argc, char **argv);
int cmd_statement(cli *c, int argc, char **argv);
int cmd_inspection(cli *c, int argc, char **argv);
int cmd_appointment(cli *c, int argc, char **argv);
int cmd_warranty(cli *c, int argc, char **argv);
int cmd_reminder(cli *c, int argc, char **argv);
int cmd_reminders(cli *c, int argc, char **argv);
int cmd_access(cli *c, int argc, char **argv);
int cmd_lookup(cli *c, int argc, char **argv);
int cmd_preview(cli *c, int argc, char **argv);
int cmd_audit(cli *c, int argc, char **argv);
int cmd_chat(cli *c, int argc, char **argv);
int cmd_requests(cli *c, int argc, char **argv);
int cmd_notifications(cli *c, int argc, char **argv);
int cmd_outbox(cli *c, int argc, char **argv);
int cmd_sms(cli *c, int argc, char **argv);
int cmd_export(cli *c, int argc, char **argv);
int cmd_backup(cli *c, int argc, char **argv);
int cmd_check(cli *c, int argc, char **argv);
/* cmd_pdf.c: `invoice pdf`, `estimate pdf`, `statement pdf`. */
int cmd_invoice_pdf(cli *c, int argc, char **argv);
int cmd_estimate_pdf(cli *c, int argc, char **argv);
int cmd_statement_pdf(cli *c, int argc, char **argv);
int cmd_serve(cli *c, int argc, char **argv);
int cmd_import(cli *c, int argc, char **argv);

/* Dispatch `argv[0]` among `subs` (NULL-terminated), or print `usage`. */
int cli_dispatch(cli *c, int argc, char **argv, const cli_command *subs, const char *usage);

/* Shared printers, used by more than one command. */
int cli_print_job_timeline(cli *c, portal_id job_id);

/* A line item from `KIND [DESCRIPTION] --price P [--qty Q] [--no-tax]`
 * into `f` (initialised by the caller). Returns 0 or EXIT_USAGE. A
 * service call fee without --price takes the shop's fee. */
int cli_line_fields(portal_line_fields *f, const char *kind, const char *description,
	const char *price, const char *qty, int no_tax);
void cli_print_lines(const portal_line *lines, size_t n, int with_decision);
void cli_print_totals(const portal_totals *t);

#endif
