/* SPDX-License-Identifier: MIT */
/*
 * cmd_payment.c - `portal payment` (payments, refunds, the breakdown by
 * method) and `portal statement` (a client's statement of account).
 *
 * The breakdown and the statement exist in the library as JSON only, so
 * their human form is printed from that document: the numbers are the
 * library's, this file only lays them out.
 */
#include "cli.h"

#include <cjson/cJSON.h>
#include <string.h>

static const char payment_usage[] =
	"usage: portal payment add INVOICE AMOUNT --method M [--at TIME] [--reference R] [--credit]\n"
	"       portal payment add --client CLIENT AMOUNT --method M [--at TIME] [--reference R]\n"
	"       portal payment refund PAYMENT [AMOUNT] --reason TEXT [--at TIME]\n"
	"       portal payment show PAYMENT\n"
	"       portal payment list [--client CLIENT] [--invoice NUMBER]\n"
	"       portal payment breakdown [--client CLIENT] [--from TIME] [--to TIME]\n\n"
	"INVOICE is the invoice number as printed (10002, #10002, INV-10002).\n"
	"M is one of: cash, debit, credit_card, cheque, e_transfer, financing, other.\n"
	"A payment over the invoice's balance is refused (exit 3) unless --credit\n"
	"puts the rest on the client's account credit; with --client and no\n"
	"invoice the whole payment is account credit. A refund without AMOUNT\n"
	"gives back all that is left of the payment. breakdown sums money received\n"
	"from --from up to (not including) --to, refunds subtracted.\n"
	"TIME is shop time (2026-11-22 14:30), ISO 8601 with an offset, or\n"
	"@UNIXSECONDS; it defaults to now.\n";

static const char statement_usage[] =
	"usage: portal statement CLIENT [--as-of TIME]\n"
	"       portal statement pdf CLIENT [-o FILE] [--as-of TIME]\n\n"
	"The client's statement of account: every invoice, payment, refund and\n"
	"void in time order with the running balance, then what is open by days\n"
	"past due (current, 1-30, 31-60, 61-90, over 90), the account credit and\n"
	"the balance. --as-of shows the account as it stood then; a date alone\n"
	"(2026-10-31) means the end of that day. Default: now.\n";

static const char *money(char buf[PORTAL_MONEY_STRLEN], portal_money cents)
{
	return portal_money_format(buf, PORTAL_MONEY_STRLEN, cents);
}

static int amount_arg(portal_money *out, const char *text, const char *what)
{
	if (portal_money_parse(out, text) < 0)
		return cli_usage_error("%s: '%s' is not an amount (such as 120.50)", what, text);
	return 0;
}

static int method_arg(portal_payment_method *out, const char *text)
{
	if (text == NULL)
		return cli_usage_error("--method is required (see portal payment --help)");
	if (portal_payment_method_parse(out, text) < 0)
		return cli_usage_error("--method: '%s' is not a payment method (see portal payment"
			" --help)", text);
	return 0;
}

static int print_payment_json(cli *c, portal_id id)
{
	portal_buf doc = PORTAL_BUF_INIT;
	int err;

	if ((err = portal_payment_json(&doc, c->p, id)) < 0)
		return cli_fail(c, err);
	return cli_print_json(&doc);
}

static int print_invoice_balance(cli *c, portal_id invoice_id)
{
	portal_invoice *inv = NULL;
	char m[PORTAL_MONEY_STRLEN];
	int err;

	if ((err = portal_invoice_get(&inv, c->p, invoice_id)) < 0)
		return cli_fail(c, err);
	printf("invoice %s: %s, balance %s\n", inv->number,
		portal_invoice_status_label(inv->status), portal_shop_money_format(m, c->p, inv->balance));
	portal_invoice_free(inv);
	return EXIT_OK;
}

static int print_credit(cli *c, portal_id client_id)
{
	char m[PORTAL_MONEY_STRLEN];
	portal_money credit;
	int err;

	if ((err = portal_account_credit(&credit, c->p, client_id)) < 0)
		return cli_fail(c, err);
	printf("account credit: %s\n", portal_shop_money_format(m, c->p, credit));
	return EXIT_OK;
}

/* What a recorded payment or refund did, in a few lines. */
static int print_recorded(cli *c, portal_id id, int show_credit)
{
	portal_payment *pay = NULL;
	char m[PORTAL_MONEY_STRLEN];
	int err, rc = EXIT_OK;

	if (c->json)
		return print_payment_json(c, id);
	if ((err = portal_payment_get(&pay, c->p, id)) < 0)
		return cli_fail(c, err);
	if (pay->refund_of)
		printf("refund #%lld: %s of payment #%lld (%s)\n", (long long)pay->id,
			portal_shop_money_format(m, c->p, -pay->amount), (long long)pay->refund_of,
			portal_payment_method_label(pay->method));
	else if (pay->invoice_id)
		printf("payment #%lld: %s by %s on invoice %s\n", (long long)pay->id,
			portal_shop_money_format(m, c->p, pay->amount), portal_payment_method_label(pay->method),
			pay->invoice_number);
	else
		printf("payment #%lld: %s by %s to account credit\n", (long long)pay->id,
			portal_shop_money_format(m, c->p, pay->amount), portal_payment_method_label(pay->method));
	if (pay->invoice_id)
		rc = print_invoice_balance(c, pay->invoice_id);
	if (rc == EXIT_OK && (show_credit || pay->invoice_id == 0))
		rc = print_credit(c, pay->client_id);
	portal_payment_free(pay);
	return rc;
}

static int find_invoice(cli *c, portal_id *out, const char *number)
{
	int err = portal_invoice_find(out, c->p, number);

	return err < 0 ? cli_fail(c, err) : 0;
}

static int payment_add(cli *c, int argc, char **argv)
{
	portal_payment_fields f = PORTAL_PAYMENT_FIELDS_INIT;
	const char *pos[2] = { NULL, NULL }, *client = NULL, *method = NULL, *at = NULL;
	const cli_opt opts[] = {
		{ "client", &client, NULL }, { "method", &method, NULL }, { "at", &at, NULL },
		{ "reference", &f.reference, NULL }, { "credit", NULL, &f.excess_to_credit },
		{ NULL, NULL, NULL }
	};
	const char *invoice = NULL, *amount;
	portal_id id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 2, payment_usage), err;

	CLI_PARSED(rc);
	if (pos[1] != NULL) {
		invoice = pos[0];
		amount = pos[1];
	} else if (client != NULL) {
		amount = pos[0];
	} else {
		return cli_usage_error("give an INVOICE and an AMOUNT, or --client for account credit");
	}
	if ((client && (rc = cli_id_arg(&f.client_id, client, "--client")) != 0) ||
	    (rc = amount_arg(&f.amount, amount, "amount")) != 0 ||
	    (rc = method_arg(&f.method, method)) != 0 ||
	    (rc = cli_open(c, 0)) != 0 ||
	    (at && (rc = cli_time_arg(c, &f.received_at, at)) != 0) ||
	    (invoice && (rc = find_invoice(c, &f.invoice_id, invoice)) != 0))
		return rc;
	if ((err = portal_payment_add(&id, c->p, &f)) < 0)
		return cli_fail(c, err);
	return print_recorded(c, id, f.excess_to_credit);
}

static int payment_refund(cli *c, int argc, char **argv)
{
	const char *pos[2] = { NULL, NULL }, *reason = NULL, *at = NULL;
	const cli_opt opts[] = {
		{ "reason", &reason, NULL }, { "at", &at, NULL }, { NULL, NULL, NULL }
	};
	portal_money amount = 0;
	portal_time when = 0;
	portal_id payment_id, id;
	int rc = cli_parse(argc, argv, opts, pos, 1, 2, payment_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&payment_id, pos[0], "payment")) != 0 ||
	    (pos[1] && (rc = amount_arg(&amount, pos[1], "amount")) != 0) ||
	    (rc = cli_open(c, 0)) != 0 ||
	    (at && (rc = cli_time_arg(c, &when, at)) != 0))
		return rc;
	if ((err = portal_payment_refund(&id, c->p, payment_id, amount, reason, when)) < 0)
		return cli_fail(c, err);
	return print_recorded(c, id, 0);
}

static void print_payment(cli *c, const portal_payment *pay)
{
	char m[PORTAL_MONEY_STRLEN], when[PORTAL_TIME_STRLEN], ref[32];

	printf("%s #%lld  %s\n", pay->refund_of ? "Refund" : "Payment", (long long)pay->id,
		portal_shop_money_format(m, c->p, pay->refund_of ? -pay->amount : pay->amount));
	printf("%-10s #%lld\n", "Client", (long long)pay->client_id);
	cli_field("Invoice", pay->invoice_id ? pay->invoice_number : "account credit");
	cli_field("Method", portal_payment_method_label(pay->method));
	cli_field(pay->refund_of ? "Refunded" : "Received",
		cli_time(c, pay->received_at, when, sizeof(when)));
	cli_field("Reference", pay->reference);
	if (pay->refund_of) {
		snprintf(ref, sizeof(ref), "payment #%lld", (long long)pay->refund_of);
		cli_field("Refund of", ref);
		cli_field("Reason", pay->reason);
	} else if (pay->refunded) {
		printf("%-10s %s\n", "Refunded", portal_shop_money_format(m, c->p, pay->refunded));
	}
}

static int payment_show(cli *c, int argc, char **argv)
{
	const char *pos[1];
	portal_payment *pay = NULL;
	portal_id id;
	int rc = cli_parse(argc, argv, NULL, pos, 1, 1, payment_usage), err;

	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&id, pos[0], "payment")) != 0 || (rc = cli_open(c, 0)) != 0)
		return rc;
	if (c->json)
		return print_payment_json(c, id);
	if ((err = portal_payment_get(&pay, c->p, id)) < 0)
		return cli_fail(c, err);
	print_payment(c, pay);
	portal_payment_free(pay);
	return EXIT_OK;
}

static int print_payment_row(const portal_payment *pay, void *ctx)
{
	cli *c = ctx;
	char m[PORTAL_MONEY_STRLEN], when[PORTAL_TIME_STRLEN], what[48];

	if (pay->refund_of)
		snprintf(what, sizeof(what), "refund of #%lld", (long long)pay->refund_of);
	else if (pay->invoice_id)
		snprintf(what, sizeof(what), "invoice %s", pay->invoice_number);
	else
		snprintf(what, sizeof(what), "account credit");
	printf("#%-5lld client #%-5lld %-22s %-22s %-12s %12s  %s\n", (long long)pay->id,
		(long long)pay->client_id, cli_time(c, pay->received_at, when, sizeof(when)),
		what, portal_payment_method_label(pay->method), money(m, pay->amount),
		pay->refund_of ? pay->reason : pay->reference);
	return 0;
}

static int payment_list(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	const char *client = NULL, *invoice = NULL;
	const cli_opt opts[] = {
		{ "client", &client, NULL }, { "invoice", &invoice, NULL }, { NULL, NULL, NULL }
	};
	portal_id client_id = 0, invoice_id = 0;
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, payment_usage), err;

	CLI_PARSED(rc);
	if ((client && (rc = cli_id_arg(&client_id, client, "--client")) != 0) ||
	    (rc = cli_open(c, 0)) != 0 ||
	    (invoice && (rc = find_invoice(c, &invoice_id, invoice)) != 0))
		return rc;
	if (c->json) {
		if ((err = portal_payment_list_json(&doc, c->p, client_id, invoice_id)) < 0)
			return cli_fail(c, err);
		return cli_print_json(&doc);
	}
	if ((err = portal_payment_foreach(c->p, client_id, invoice_id, print_payment_row, c)) < 0)
		return cli_fail(c, err);
	return EXIT_OK;
}

/* A number of the library's JSON (cents, counts); 0 when absent. */
static int64_t json_int(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? (int64_t)v->valuedouble : 0;
}

static const char *json_text(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

/* Print a document of the library: as it is with --json, otherwise laid
 * out for people by `lay_out`. Disposes of `doc`. */
static int print_doc(cli *c, portal_buf *doc, void (*lay_out)(const cJSON *root))
{
	cJSON *root;

	if (c->json)
		return cli_print_json(doc);
	root = cJSON_Parse(doc->ptr);
	portal_buf_dispose(doc);
	if (root == NULL) {
		fputs("portal: out of memory\n", stderr);
		return EXIT_STORE;
	}
	lay_out(root);
	cJSON_Delete(root);
	return EXIT_OK;
}

static void print_breakdown(const cJSON *root)
{
	const cJSON *item;
	char m[PORTAL_MONEY_STRLEN];

	printf("%-14s %6s %16s\n", "Method", "Count", "Amount");
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "methods"))
		printf("%-14s %6lld %16s\n", json_text(item, "label"),
			(long long)json_int(item, "count"), money(m, json_int(item, "amount")));
	printf("%-14s %6lld %16s\n", "Total", (long long)json_int(root, "count"),
		money(m, json_int(root, "total")));
}

static int payment_breakdown(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	cli_span span;
	int rc = cli_parse_span(c, argc, argv, payment_usage, &span), err;

	CLI_PARSED(rc);
	if ((err = portal_payment_breakdown_json(&doc, c->p, span.client_id, span.from,
	    span.to)) < 0)
		return cli_fail(c, err);
	return print_doc(c, &doc, print_breakdown);
}

int cmd_payment(cli *c, int argc, char **argv)
{
	static const cli_command subs[] = {
		{ "add", payment_add, NULL },
		{ "refund", payment_refund, NULL },
		{ "show", payment_show, NULL },
		{ "list", payment_list, NULL },
		{ "breakdown", payment_breakdown, NULL },
		{ NULL, NULL, NULL }
	};

	return cli_dispatch(c, argc, argv, subs, payment_usage);
}

static void print_statement(const cJSON *root)
{
	static const struct {
		const char *key, *label;
	} ageing[] = {
		{ "current", "Current" }, { "days_1_30", "1-30 days" },
		{ "days_31_60", "31-60 days" }, { "days_61_90", "61-90 days" },
		{ "over_90", "Over 90 days" }, { "total", "Open total" },
	};
	const cJSON *item, *aged = cJSON_GetObjectItemCaseSensitive(root, "ageing");
	char m[PORTAL_MONEY_STRLEN], b[PORTAL_MONEY_STRLEN];

	printf("Statement of account: %s (client #%lld), as of %s\n\n",
		json_text(root, "client_name"), (long long)json_int(root, "client_id"),
		json_text(root, "as_of_date"));
	printf("%-10s  %-50s %14s %14s\n", "Date", "Description", "Amount", "Balance");
	cJSON_ArrayForEach(item, cJSON_GetObjectItemCaseSensitive(root, "entries"))
		printf("%-10s  %-50.50s %14s %14s\n", json_text(item, "date"),
			json_text(item, "description"), money(m, json_int(item, "amount")),
			money(b, json_int(item, "balance")));
	putchar('\n');
	for (size_t i = 0; i < sizeof(ageing) / sizeof(ageing[0]); i++)
		printf("%-16s %14s\n", ageing[i].label, money(m, json_int(aged, ageing[i].key)));
	printf("%-16s %14s\n", "Account credit", money(m, json_int(root, "account_credit")));
	printf("%-16s %14s\n", "Balance", money(m, json_int(root, "balance")));
}

int cmd_statement(cli *c, int argc, char **argv)
{
	portal_buf doc = PORTAL_BUF_INIT;
	const char *pos[1], *as_of = NULL;
	const cli_opt opts[] = { { "as-of", &as_of, NULL }, { NULL, NULL, NULL } };
	portal_time when = 0;
	portal_id client_id;
	int rc, err;

	if (argc > 1 && strcmp(argv[1], "pdf") == 0)
		return cmd_statement_pdf(c, argc - 1, argv + 1);
	rc = cli_parse(argc, argv, opts, pos, 1, 1, statement_usage);
	CLI_PARSED(rc);
	if ((rc = cli_id_arg(&client_id, pos[0], "client")) != 0 ||
	    (rc = cli_open(c, 0)) != 0 ||
	    (as_of && (rc = cli_as_of_arg(c, &when, as_of)) != 0))
		return rc;
	if ((err = portal_statement_json(&doc, c->p, client_id, when)) < 0)
		return cli_fail(c, err);
	return print_doc(c, &doc, print_statement);
}
