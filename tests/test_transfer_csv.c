/* SPDX-License-Identifier: MIT */
/*
 * test_transfer_csv.c - unit tests for the CSV import: the RFC 4180
 * reader (csv_reader.c) and portal_import_csv() (transfer_csv.c,
 * transfer_csv_kinds.c): a whole shop brought in and read back through
 * the library's views, every problem reported where it is with nothing
 * written, dry runs, and the nested transaction the import relies on.
 *
 * The clock is at TH_NOW, Sunday 2026-11-22 10:00 in Toronto, tax 13%.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "fixtures.h"
#include "csv_reader.h"
#include "store.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* ---------------------------------------------------------------------
 * The reader.
 */

static pt_csv reader;

static void read_text(const char *text)
{
	pt_csv_init(&reader, text, strlen(text));
}

static void expect_record(long line, size_t count, ...)
{
	va_list ap;

	if (pt_csv_next(&reader) != 1)
		fail_msg("no record at line %ld: %s", line, reader.error);
	assert_int_equal(reader.record_line, line);
	assert_int_equal(reader.count, count);
	va_start(ap, count);
	for (size_t i = 0; i < count; i++)
		assert_string_equal(reader.fields[i], va_arg(ap, const char *));
	va_end(ap);
}

static void test_csv_reader__quotes_hold_commas_quotes_and_line_breaks(void **state)
{
	(void)state;
	read_text("name,notes\n"
		"\"Müller, Jürgen\",\"Says \"\"hi\"\"\"\n"
		"Zoë,\"two\nlines\"\n"
		"Ann,\"\"\n");
	expect_record(1, 2, "name", "notes");
	expect_record(2, 2, "Müller, Jürgen", "Says \"hi\"");
	expect_record(3, 2, "Zoë", "two\nlines");
	/* The record after a quoted line break starts a line later. */
	expect_record(5, 2, "Ann", "");
	assert_int_equal(pt_csv_next(&reader), 0);
	pt_csv_dispose(&reader);
}

static void test_csv_reader__crlf_bom_and_blank_rows(void **state)
{
	(void)state;
	read_text("\xEF\xBB\xBFref,name\r\n"
		"1,\"a\r\nb\"\r\n"
		"\r\n"
		",\r\n"
		"2,Łukasz\r\n"
		"3,last without a line break");
	expect_record(1, 2, "ref", "name");
	/* CRLF inside quotes becomes one "\n". */
	expect_record(2, 2, "1", "a\nb");
	expect_record(6, 2, "2", "Łukasz");
	expect_record(7, 2, "3", "last without a line break");
	assert_int_equal(pt_csv_next(&reader), 0);
	pt_csv_dispose(&reader);
}

static void test_csv_reader__ragged_and_broken_rows_are_refused_and_reading_goes_on(void **state)
{
	(void)state;
	read_text("a,b,c\n"
		"1,2\n"
		"1,2,3,4\n"
		"1,x\"y\",3\n"
		"\"1\"x,2,3\n"
		"4,5,6\n"
		"7,\"never closed,8\n9,10\n");
	expect_record(1, 3, "a", "b", "c");
	assert_int_equal(pt_csv_next(&reader), -1);
	assert_int_equal(reader.record_line, 2);
	assert_non_null(strstr(reader.error, "2 fields where the header row has 3"));
	assert_int_equal(pt_csv_next(&reader), -1);
	assert_int_equal(reader.record_line, 3);
	assert_int_equal(pt_csv_next(&reader), -1);
	assert_int_equal(reader.record_line, 4);
	assert_non_null(strstr(reader.error, "does not start with one"));
	assert_int_equal(pt_csv_next(&reader), -1);
	assert_int_equal(reader.record_line, 5);
	assert_non_null(strstr(reader.error, "closing"));
	expect_record(6, 3, "4", "5", "6");
	assert_int_equal(pt_csv_next(&reader), -1);
	assert_int_equal(reader.record_line, 7);
	assert_non_null(strstr(reader.error, "not closed"));
	assert_int_equal(pt_csv_next(&reader), 0);
	pt_csv_dispose(&reader);
}

/* ---------------------------------------------------------------------
 * The import: fixtures.
 */

static char dir[200];

typedef struct problems {
	size_t count;
	char text[40][300];   /* "FILE:LINE: COLUMN: message", FILE without its dir */
} problems;

static void collect(const portal_import_problem *pr, void *ctx)
{
	problems *ps = ctx;
	const char *base = strrchr(pr->file, '/');

	if (ps->count < ARRAY_LEN(ps->text))
		snprintf(ps->text[ps->count], sizeof(ps->text[0]), "%s:%ld: %s: %s",
			base ? base + 1 : pr->file, pr->line, pr->field ? pr->field : "-",
			pr->message);
	ps->count++;
}

/* Is there a problem starting with `start`? */
static void expect_problem(const problems *ps, const char *start)
{
	for (size_t i = 0; i < ps->count && i < ARRAY_LEN(ps->text); i++)
		if (strncmp(ps->text[i], start, strlen(start)) == 0)
			return;
	for (size_t i = 0; i < ps->count && i < ARRAY_LEN(ps->text); i++)
		print_message("  %s\n", ps->text[i]);
	fail_msg("no problem starting '%s'", start);
}

static const char *write_csv(const char *name, const char *text)
{
	static char paths[16][300];
	static int slot;
	char *path = paths[slot++ % 16];

	snprintf(path, sizeof(paths[0]), "%s/%s", dir, name);
	th_write_file(path, text, strlen(text));
	return path;
}

static const char clients_csv[] =
	"\xEF\xBB\xBFref,name,email,phone,sms_consent,notes\r\n"
	"C1,Zoë Tremblay,zoe@example.ca,416-555-0142,yes,\"Side door.\r\nCall first.\"\r\n"
	"C2,Łukasz Nowak,,647-555-0187,no,\r\n"
	"C3,\"Müller, Jürgen\",,,,\r\n";
static const char addresses_csv[] =
	"client_ref,house_number,unit,street,city,region,postal_code,latitude,longitude\n"
	"C1,120,5,King St W,Toronto,ON,m5v2t6,43.6475,-79.3859\n"
	"C2,48,,Rue Saint-Denis,Montréal,QC,H2X 3K8,,\n";
static const char assets_csv[] =
	"client_ref,kind,category,make,model,serial,year\n"
	"C1,appliance,Refrigerator,Whirlpool,WRF555SDFZ,K93820451,2019\n"
	"C2,Vehicle,Pickup truck,Toyota,Tacoma,,2021\n";
/* 1001: $120 labour + $40 part = $160 + 13% = $180.80, paid in full.
 * 1002: $200 labour = $226.00, $100 paid, due 2026-10-31: overdue.
 * 1003: void. 1004: a draft. */
static const char invoices_csv[] =
	"Number,Client Ref,Status,Issued At,Due At,Total,Void Reason\n"
	"1001,C1,issued,2026-09-03,2026-09-17,$180.80,\n"
	"1002,C2,,2026-10-20 14:30,2026-10-31,,\n"
	"1003,C3,void,2026-10-21,,,Entered twice\n"
	"1004,C1,draft,,,,\n";
static const char lines_csv[] =
	"invoice_number,kind,description,quantity,unit_price,taxable\n"
	"1001,labour,Replace fan motor,1,120.00,yes\n"
	"1001,part,Fan motor,1,\"$40.00\",\n"
	"1002,labour,Brakes,2,100,\n"
	"1003,labour,Diagnosis,1,95,\n"
	"1004,part,Gasket,1,78.40,\n";
static const char payments_csv[] =
	"invoice_number,client_ref,amount,method,paid_at,reference\n"
	"1001,,180.80,credit card,2026-09-10,VISA 4421\n"
	"1002,,\"$100.00\",cheque,2026-10-25,Cheque 1184\n"
	",C3,50,cash,2026-11-01,Deposit\n";

static const char *shop_files[6];

static void write_shop_files(void)
{
	shop_files[0] = write_csv("clients.csv", clients_csv);
	shop_files[1] = write_csv("addresses.csv", addresses_csv);
	shop_files[2] = write_csv("assets.csv", assets_csv);
	/* Told by their header, not their name, and in any order. */
	shop_files[3] = write_csv("export-3.csv", payments_csv);
	shop_files[4] = write_csv("export-1.csv", invoices_csv);
	shop_files[5] = write_csv("export-2.csv", lines_csv);
}

static int setup(void **state)
{
	*state = th_open();
	snprintf(dir, sizeof(dir), "%s", th_tempdir());
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static int import(portal *p, const char *const *paths, size_t n, int dry_run,
	problems *ps, portal_import_result *res)
{
	portal_import_options opt = PORTAL_IMPORT_OPTIONS_INIT;

	memset(ps, 0, sizeof(*ps));
	opt.dry_run = dry_run;
	opt.on_problem = collect;
	opt.problem_ctx = ps;
	return portal_import_csv(p, paths, n, &opt, res);
}

static int count_one(const void *rec, void *ctx)
{
	(void)rec;
	(*(size_t *)ctx)++;
	return 0;
}

static int count_outbox(const portal_outbox_message *m, void *ctx) { return count_one(m, ctx); }
static int count_client(const portal_client *c, void *ctx) { return count_one(c, ctx); }

static portal_id invoice_id(portal *p, const char *number)
{
	portal_id id = 0;

	assert_int_equal(portal_invoice_find(&id, p, number), PORTAL_OK);
	return id;
}

/* ---------------------------------------------------------------------
 * The import: tests.
 */

static void test_import_csv__a_whole_shop_reads_back_through_the_views(void **state)
{
	portal *p = *state;
	portal_import_result res;
	portal_invoice *inv = NULL;
	portal_buf doc = PORTAL_BUF_INIT;
	problems ps;
	size_t clients = 0, messages = 0;
	portal_money credit = 0;

	write_shop_files();
	if (import(p, shop_files, 6, 0, &ps, &res) != PORTAL_OK)
		fail_msg("import: %s; first problem: %s", portal_errmsg(p), ps.text[0]);
	assert_int_equal(ps.count, 0);
	assert_int_equal(res.records, 3 + 2 + 2 + 4 + 5 + 3);
	assert_int_equal(res.clients, 3);
	assert_int_equal(res.addresses, 2);
	assert_int_equal(res.assets, 2);
	assert_int_equal(res.invoices, 4);
	assert_int_equal(res.invoice_lines, 5);
	assert_int_equal(res.payments, 3);

	assert_int_equal(portal_client_foreach(p, "Zoë", count_client, &clients), 0);
	assert_int_equal(clients, 1);
	assert_int_equal(portal_client_json(&doc, p, 1), PORTAL_OK);
	assert_true(th_contains(&doc, "\"M5V 2T6\""));
	assert_true(th_contains(&doc, "Side door.\\nCall first."));
	assert_true(th_contains(&doc, "Whirlpool"));
	portal_buf_dispose(&doc);

	assert_int_equal(portal_invoice_get(&inv, p, invoice_id(p, "1001")), PORTAL_OK);
	assert_int_equal(inv->status, PORTAL_INVOICE_PAID);
	assert_int_equal(inv->totals.total, 18080);
	assert_int_equal(inv->line_count, 2);
	portal_invoice_free(inv);
	assert_int_equal(portal_invoice_get(&inv, p, invoice_id(p, "1002")), PORTAL_OK);
	assert_int_equal(inv->status, PORTAL_INVOICE_OVERDUE);
	assert_int_equal(inv->balance, 12600);
	portal_invoice_free(inv);
	assert_int_equal(portal_invoice_get(&inv, p, invoice_id(p, "1003")), PORTAL_OK);
	assert_int_equal(inv->status, PORTAL_INVOICE_VOID);
	assert_string_equal(inv->void_reason, "Entered twice");
	/* Void when issued: no statement of the past shows it open. */
	assert_int_equal(inv->voided_at, inv->issued_at);
	portal_invoice_free(inv);
	assert_int_equal(portal_invoice_get(&inv, p, invoice_id(p, "1004")), PORTAL_OK);
	assert_int_equal(inv->status, PORTAL_INVOICE_DRAFT);
	portal_invoice_free(inv);

	/* Łukasz's statement: the invoice, the cheque, the balance. */
	assert_int_equal(portal_statement_json(&doc, p, 2, 0), PORTAL_OK);
	assert_true(th_contains(&doc, "\"balance\":\t12600"));
	assert_true(th_contains(&doc, "Cheque 1184"));
	portal_buf_dispose(&doc);
	assert_int_equal(portal_account_credit(&credit, p, 3), PORTAL_OK);
	assert_int_equal(credit, 5000);

	/* The past is not news: nothing was queued for the clients. */
	assert_int_equal(portal_outbox_foreach(p, PORTAL_OUTBOX_ALL, count_outbox, &messages), 0);
	assert_int_equal(messages, 0);
	assert_int_equal(portal_notification_list_json(&doc, p, 1, 0, 0), PORTAL_OK);
	assert_string_equal(doc.ptr, "[]");
	portal_buf_dispose(&doc);
}

static void test_import_csv__each_bad_row_is_reported_where_it_is_nothing_written(void **state)
{
	portal *p = *state;
	portal_import_result res;
	problems ps;
	char *before = th_fingerprint(th_db_path());
	char *after;
	const char *files[4];

	files[0] = write_csv("clients.csv",
		"ref,name,email,notes\n"
		"C1,Zoë,not-an-email,\"two\nlines\"\n"      /* line 2, spans 3 */
		"C2,,,\n"                                     /* line 4 */
		"C1,Ann,,\n"                                  /* line 5: ref twice */
		"C4,Bo,,\n");
	files[1] = write_csv("invoices.csv",
		"number,client_ref,issued_at,due_at\n"
		"2001,C4,2026-11-01,\n"
		"2002,C9,2026-11-01,\n"                       /* unknown client */
		"2003,C4,next week,\n");                      /* not a time */
	files[2] = write_csv("lines.csv",
		"invoice_number,kind,unit_price,quantity\n"
		"2001,labour,120,1\n"
		"2004,labour,120,1\n"                         /* unknown invoice */
		"2001,massage,120,1\n"                        /* unknown kind */
		"2001,part,12.345,1\n");                      /* not an amount */
	files[3] = write_csv("payments.csv",
		"invoice_number,amount,method,paid_at\n"
		"2001,10,bitcoin,2026-11-02\n"
		"2001,10,cash,2026-12-25\n");                 /* in the future */

	assert_int_equal(import(p, files, 4, 0, &ps, &res), PORTAL_EINVAL);
	expect_problem(&ps, "clients.csv:2: email: ");
	expect_problem(&ps, "clients.csv:4: name: required");
	expect_problem(&ps, "clients.csv:5: ref: another client has the ref 'C1'");
	expect_problem(&ps, "invoices.csv:3: client_ref: no client has the ref 'C9'");
	expect_problem(&ps, "invoices.csv:4: issued_at: ");
	expect_problem(&ps, "lines.csv:3: invoice_number: no invoice has the number '2004'");
	expect_problem(&ps, "lines.csv:4: kind: 'massage' is not labour");
	expect_problem(&ps, "lines.csv:5: unit_price: '12.345' is not an amount");
	/* Invoice 2001 lost lines: it is not issued, and its payments are
	 * passed over rather than reported as paying a draft. */
	assert_int_equal(ps.count, 8);
	assert_int_equal(res.problems, 8);
	assert_non_null(strstr(portal_errmsg(p), "8 problems in the files; nothing was imported"));

	after = th_fingerprint(th_db_path());
	assert_string_equal(before, after);
	free(before);
	free(after);
}

/* A number the shop already gave is refused by the store itself, half way
 * through writing the row: the row is undone alone, and the import goes
 * on reporting the rows after it in a transaction that is still whole. */
static void test_import_csv__a_taken_number_is_reported_and_the_import_goes_on(void **state)
{
	portal *p = *state;
	portal_import_result res;
	problems ps;
	char *before, *after;
	const char *files[2];

	th_add_invoice(p, th_add_client(p, "Ann Shop"), 0, "2001");
	before = th_fingerprint(th_db_path());
	files[0] = write_csv("clients.csv", "ref,name\nC4,Bo\n");
	files[1] = write_csv("invoices.csv",
		"number,client_ref,issued_at,due_at\n"
		"2001,C4,2026-11-01,\n"                       /* taken */
		"2002,C4,2026-11-01,\n"
		"2003,C9,2026-11-01,\n");                     /* unknown client */

	assert_int_equal(import(p, files, 2, 0, &ps, &res), PORTAL_EINVAL);
	expect_problem(&ps, "invoices.csv:2: number: invoice number 2001 is taken");
	expect_problem(&ps, "invoices.csv:4: client_ref: no client has the ref 'C9'");
	/* The row after the taken number was written, and checked again
	 * when the import issued its invoices. */
	expect_problem(&ps, "invoices.csv:3: -: invoice 2002 has no lines");
	assert_int_equal(ps.count, 3);
	after = th_fingerprint(th_db_path());
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_import_csv__rules_found_at_issue_and_payment_name_their_rows(void **state)
{
	portal *p = *state;
	problems ps;
	char *before = th_fingerprint(th_db_path());
	char *after;
	const char *files[4];

	files[0] = write_csv("clients.csv", "ref,name\nC1,Zoë\n");
	files[1] = write_csv("invoices.csv",
		"number,client_ref,issued_at,due_at,total\n"
		"2001,C1,2026-11-01,2026-10-01,\n"            /* due before issue */
		"2002,C1,2026-11-01,,$99.00\n"                /* total differs */
		"2003,C1,2026-11-01,,\n");                    /* no lines */
	files[2] = write_csv("lines.csv",
		"invoice_number,kind,unit_price\n"
		"2001,labour,120\n"
		"2002,labour,120\n");
	files[3] = write_csv("payments.csv",
		"invoice_number,amount,method,paid_at\n"
		"2002,10,bitcoin,2026-11-02\n"
		"2002,500,cash,2026-11-02\n");                /* more than owed */

	assert_int_equal(import(p, files, 4, 0, &ps, NULL), PORTAL_EINVAL);
	expect_problem(&ps, "invoices.csv:2: due_at: an invoice cannot be due before");
	expect_problem(&ps, "invoices.csv:3: total: the lines come to $135.60");
	expect_problem(&ps, "invoices.csv:4: -: invoice 2003 has no lines");
	assert_int_equal(ps.count, 3);

	files[1] = write_csv("invoices2.csv",
		"number,client_ref,issued_at\n2002,C1,2026-11-01\n");
	files[2] = write_csv("lines2.csv", "invoice_number,kind,unit_price\n2002,labour,120\n");
	assert_int_equal(import(p, files, 4, 0, &ps, NULL), PORTAL_EINVAL);
	expect_problem(&ps, "payments.csv:2: method: 'bitcoin' is not cash");
	expect_problem(&ps, "payments.csv:3: -: a payment of $500.00 exceeds the balance");
	assert_int_equal(ps.count, 2);

	after = th_fingerprint(th_db_path());
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_import_csv__a_dry_run_checks_everything_and_writes_nothing(void **state)
{
	portal *p = *state;
	portal_import_result res;
	problems ps;
	char *before = th_fingerprint(th_db_path());
	char *after;

	write_shop_files();
	assert_int_equal(import(p, shop_files, 6, 1, &ps, &res), PORTAL_OK);
	assert_int_equal(ps.count, 0);
	assert_int_equal(res.records, 19);
	assert_int_equal(res.invoices, 4);
	after = th_fingerprint(th_db_path());
	assert_string_equal(before, after);
	free(before);
	free(after);
	/* And then for real, on the same handle. */
	assert_int_equal(import(p, shop_files, 6, 0, &ps, &res), PORTAL_OK);
	assert_int_equal(invoice_id(p, "1004") > 0, 1);
}

static void test_import_csv__a_file_of_no_known_kind_is_refused(void **state)
{
	portal *p = *state;
	problems ps;
	const char *files[3];
	char *before = th_fingerprint(th_db_path());
	char *after;

	files[0] = write_csv("clients.csv", "ref,name\nC1,Zoë\n");
	files[1] = write_csv("parts.csv", "sku,description,price\nA1,Belt,12.00\n");
	files[2] = write_csv("addresses.csv",
		"client_ref,house_number,street,city,colour,street\n"
		"C1,1,Main St,Toronto,red,Main St\n");
	assert_int_equal(import(p, files, 3, 0, &ps, NULL), PORTAL_EINVAL);
	expect_problem(&ps, "parts.csv:1: -: not a kind of file this import knows");
	expect_problem(&ps, "addresses.csv:1: colour: addresses has no such column");
	assert_int_equal(ps.count, 2);

	/* Named after a kind, the file is told what it lacks. */
	files[1] = write_csv("invoices.csv", "number,client\n1,C1\n");
	files[2] = write_csv("assets.csv", "");
	assert_int_equal(import(p, files, 3, 0, &ps, NULL), PORTAL_EINVAL);
	expect_problem(&ps, "invoices.csv:1: client_ref: invoices needs this column");
	expect_problem(&ps, "invoices.csv:1: client: invoices has no such column");
	expect_problem(&ps, "assets.csv:0: -: the file is empty");

	files[1] = write_csv("twice.csv", "ref,name,Name\nC2,Ann,Ann\n");
	assert_int_equal(import(p, files, 2, 0, &ps, NULL), PORTAL_EINVAL);
	expect_problem(&ps, "twice.csv:1: name: this column appears twice");

	after = th_fingerprint(th_db_path());
	assert_string_equal(before, after);
	free(before);
	free(after);
}

static void test_import_csv__text_not_in_utf8_is_told_once(void **state)
{
	portal *p = *state;
	problems ps;
	const char *files[1];

	/* "Müller" in Latin-1, as a spreadsheet saves plain "CSV". */
	files[0] = write_csv("clients.csv", "ref,name\nC1,Zo\xEB\nC2,M\xFCller\n");
	assert_int_equal(import(p, files, 1, 0, &ps, NULL), PORTAL_EINVAL);
	assert_int_equal(ps.count, 1);
	expect_problem(&ps, "clients.csv:2: -: not UTF-8 text");
	files[0] = write_csv("utf16.csv", "\xFF\xFEr\0e\0f\0");
	assert_int_equal(import(p, files, 1, 0, &ps, NULL), PORTAL_EINVAL);
	expect_problem(&ps, "utf16.csv:0: -: the file is UTF-16");
}

static void test_import_csv__reports_stop_at_the_limit(void **state)
{
	portal *p = *state;
	portal_import_options opt = PORTAL_IMPORT_OPTIONS_INIT;
	portal_import_result res;
	problems ps;
	const char *files[1];
	char text[4096] = "ref,name,email\n";

	for (int i = 0; i < 50; i++)
		snprintf(text + strlen(text), sizeof(text) - strlen(text), "C%d,N,bad\n", i);
	files[0] = write_csv("clients.csv", text);
	memset(&ps, 0, sizeof(ps));
	opt.on_problem = collect;
	opt.problem_ctx = &ps;
	opt.max_problems = 5;
	assert_int_equal(portal_import_csv(p, files, 1, &opt, &res), PORTAL_EINVAL);
	assert_int_equal(ps.count, 5);
	assert_int_equal(res.problems, 5);
	assert_non_null(strstr(portal_errmsg(p), "reading stopped there"));
}

static void test_import_csv__a_missing_file_is_an_io_error(void **state)
{
	portal *p = *state;
	problems ps;
	const char *files[2];

	files[0] = write_csv("clients.csv", "ref,name\nC1,Zoë\n");
	files[1] = "/nonexistent/payments.csv";
	assert_int_equal(import(p, files, 2, 0, &ps, NULL), PORTAL_EIO);
	assert_non_null(strstr(portal_errmsg(p), "/nonexistent/payments.csv"));
	assert_int_equal(portal_import_csv(p, NULL, 0, NULL, NULL), PORTAL_EINVAL);
}

typedef struct progress {
	size_t calls, last_done, total;
} progress;

static void on_progress(size_t done, size_t total, void *ctx)
{
	progress *pg = ctx;

	if (pg->calls == 0)
		pg->total = total;
	assert_int_equal(total, pg->total);
	assert_true(done == pg->last_done + 1);
	pg->calls++;
	pg->last_done = done;
}

static void test_import_csv__progress_counts_every_row_of_a_known_total(void **state)
{
	portal *p = *state;
	portal_import_options opt = PORTAL_IMPORT_OPTIONS_INIT;
	progress pg = { 0, 0, 0 };

	write_shop_files();
	opt.on_progress = on_progress;
	opt.progress_ctx = &pg;
	assert_int_equal(portal_import_csv(p, shop_files, 6, &opt, NULL), PORTAL_OK);
	assert_int_equal(pg.total, 19);
	assert_int_equal(pg.calls, 19);
	assert_int_equal(pg.last_done, 19);
}

/* The import leans on this: inside an outer transaction a refused call
 * marks the whole of it failed, later calls still work in it, the outer
 * end rolls everything back, and the handle is whole afterwards. */
static void test_import_csv__a_refused_inner_call_rolls_back_the_outer_transaction(void **state)
{
	portal *p = *state;
	portal_line_fields line = PORTAL_LINE_FIELDS_INIT;
	portal_invoice_fields f = PORTAL_INVOICE_FIELDS_INIT;
	portal_id client, inv;
	char *before;
	char *after;
	size_t clients = 0;

	client = th_add_client(p, "Ann Lee");
	f.client_id = client;
	line.unit_price = 12000;
	assert_int_equal(portal_invoice_add(&inv, p, &f), PORTAL_OK);
	assert_int_equal(portal_invoice_line_add(NULL, p, inv, &line), PORTAL_OK);
	assert_int_equal(portal_invoice_issue(p, inv, 0, 0), PORTAL_OK);
	before = th_fingerprint(th_db_path());

	assert_int_equal(pt_store_begin(p), PORTAL_OK);
	assert_int_equal(th_add_client(p, "Bo Chen") > 0, 1);
	/* Refused inside its own nested begin/end: an issued invoice. */
	assert_int_equal(portal_invoice_line_add(NULL, p, inv, &line), PORTAL_ERULE);
	assert_int_equal(th_add_client(p, "Cy Diaz") > 0, 1);
	assert_int_equal(portal_client_foreach(p, NULL, count_client, &clients), 0);
	assert_int_equal(clients, 3);
	assert_true(pt_store_end(p, PORTAL_OK) < 0);

	after = th_fingerprint(th_db_path());
	assert_string_equal(before, after);
	free(after);
	free(before);
	/* The next transaction starts clean and commits. */
	assert_int_equal(th_add_client(p, "Di Evans") > 0, 1);
	clients = 0;
	assert_int_equal(portal_client_foreach(p, NULL, count_client, &clients), 0);
	assert_int_equal(clients, 2);
}

/* portal_invoice_void_at(), added for the import: a void in the past,
 * never before the issue nor in the future. */
static void test_import_csv__an_invoice_voided_when_it_was(void **state)
{
	portal *p = *state;
	portal_line_fields line = PORTAL_LINE_FIELDS_INIT;
	portal_invoice_fields f = PORTAL_INVOICE_FIELDS_INIT;
	portal_invoice *inv = NULL;
	portal_id id;
	const portal_time issued = TH_NOW - 10 * 86400;

	f.client_id = th_add_client(p, "Ann Lee");
	line.unit_price = 12000;
	assert_int_equal(portal_invoice_add(&id, p, &f), PORTAL_OK);
	assert_int_equal(portal_invoice_line_add(NULL, p, id, &line), PORTAL_OK);
	assert_int_equal(portal_invoice_issue(p, id, issued, 0), PORTAL_OK);
	TH_CHECK_REFUSED(p, "before the issue",
		portal_invoice_void_at(p, id, "typo", issued - 1), PORTAL_EINVAL, "invoice.voided_at");
	TH_CHECK_REFUSED(p, "in the future",
		portal_invoice_void_at(p, id, "typo", TH_NOW + 1), PORTAL_EINVAL, "invoice.voided_at");
	assert_int_equal(portal_invoice_void_at(p, id, "typo", issued + 60), PORTAL_OK);
	assert_int_equal(portal_invoice_get(&inv, p, id), PORTAL_OK);
	assert_int_equal(inv->status, PORTAL_INVOICE_VOID);
	assert_int_equal(inv->voided_at, issued + 60);
	portal_invoice_free(inv);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_reader__quotes_hold_commas_quotes_and_line_breaks),
		cmocka_unit_test(test_csv_reader__crlf_bom_and_blank_rows),
		cmocka_unit_test(test_csv_reader__ragged_and_broken_rows_are_refused_and_reading_goes_on),
		T(test_import_csv__a_whole_shop_reads_back_through_the_views),
		T(test_import_csv__each_bad_row_is_reported_where_it_is_nothing_written),
		T(test_import_csv__a_taken_number_is_reported_and_the_import_goes_on),
		T(test_import_csv__rules_found_at_issue_and_payment_name_their_rows),
		T(test_import_csv__a_dry_run_checks_everything_and_writes_nothing),
		T(test_import_csv__a_file_of_no_known_kind_is_refused),
		T(test_import_csv__text_not_in_utf8_is_told_once),
		T(test_import_csv__reports_stop_at_the_limit),
		T(test_import_csv__a_missing_file_is_an_io_error),
		T(test_import_csv__progress_counts_every_row_of_a_known_total),
		T(test_import_csv__a_refused_inner_call_rolls_back_the_outer_transaction),
		T(test_import_csv__an_invoice_voided_when_it_was),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
