/* SPDX-License-Identifier: MIT */
/*
 * gen_shop.c - a large shop for the web benchmark (bench/web.sh): clients
 * with a service address each, and issued invoices with lines and
 * payments, made through the library's public calls so every record
 * passes the same validation as the shop's own.
 *
 *     gen_shop [--clients N] [--invoices N] [--seed S] [--batch N] [--shop NAME] DB
 *
 * Defaults: 100,000 clients, 1,000,000 invoices, seed 1, 20,000 calls a
 * transaction. The same seed gives the same records (the shop's secret
 * key aside, which is random by design). The clock is fixed at
 * 2026-11-22T15:00:00Z (GEN_NOW); invoices are issued over the three
 * years before it. Progress goes to stderr. DB is a SQLite file, or a
 * postgresql:// URI with the shop's --shop NAME (made when missing).
 *
 * The public calls each commit on their own; a batch of them is wrapped
 * in one outer transaction with the storage layer's pt_store_begin() /
 * pt_store_end(), which the calls join, as the demo shop does. That is
 * the only private call used, and the reason this program links the
 * static library.
 */
#include <portal.h>

#include "store.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define GEN_NOW ((portal_time)1795359600)  /* 2026-11-22T15:00:00Z */
#define DAY ((portal_time)86400)
#define SPREAD (3 * 365 * DAY)

typedef struct gen {
	portal *p;
	uint64_t rng;
	long clients, invoices, batch;
	long calls;            /* public calls in the open transaction */
	int in_txn;
	double started;
} gen;

/* splitmix64: small, fast, and the same sequence on every machine. */
static uint64_t next_rand(gen *g)
{
	uint64_t z = (g->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* A number in [0, n). */
static long pick(gen *g, long n)
{
	return (long)(next_rand(g) % (uint64_t)n);
}

static double seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int fail(gen *g, const char *what, int err)
{
	fprintf(stderr, "gen_shop: %s: %s (%d)\n", what, portal_errmsg(g->p), err);
	return err;
}

/* Count one public call; every `batch` calls, commit and start again. */
static int step(gen *g)
{
	int err;

	if (g->in_txn && ++g->calls < g->batch)
		return 0;
	if (g->in_txn && (err = pt_store_end(g->p, 0)) < 0)
		return fail(g, "committing", err);
	g->in_txn = 0;
	if ((err = pt_store_begin(g->p)) < 0)
		return fail(g, "starting a transaction", err);
	g->in_txn = 1;
	g->calls = 0;
	return 0;
}

static int finish(gen *g)
{
	int err = 0;

	if (g->in_txn && (err = pt_store_end(g->p, 0)) < 0)
		fail(g, "committing", err);
	g->in_txn = 0;
	return err;
}

static void progress(gen *g, const char *what, long done, long total)
{
	double t = seconds() - g->started;

	if (done % (total / 20 > 0 ? total / 20 : 1) != 0 && done != total)
		return;
	fprintf(stderr, "gen_shop: %-8s %9ld / %ld  %6.1f s  %8.0f /s\n", what, done, total,
		t, t > 0 ? (double)done / t : 0.0);
}

static const char *const first_names[] = {
	"Zoë", "Łukasz", "Jürgen", "Amélie", "Siobhán", "José", "Hoa", "Đorđe",
	"Ayşe", "Renée", "Ольга", "Björn", "Priya", "Kwame", "Mei", "Tomás",
};
static const char *const last_names[] = {
	"Laurent", "Kowalski", "Müller", "Côté", "O'Connor", "García", "Nguyễn",
	"Petrović", "Yılmaz", "Lefèvre", "Смирнова", "Andersson", "Patel", "Mensah",
	"Chen", "Silva",
};
static const char *const streets[] = {
	"King St W", "Roncesvalles Ave", "Bloor St W", "Queen St E", "Spadina Ave",
	"Danforth Ave", "Eglinton Ave E", "Harbord St", "Lakeshore Rd E", "Yonge St",
};

#define COUNT(a) ((long)(sizeof(a) / sizeof((a)[0])))

static int add_client(gen *g, long i)
{
	portal_client_fields cf = PORTAL_CLIENT_FIELDS_INIT;
	portal_address_fields af = PORTAL_ADDRESS_FIELDS_INIT;
	char name[128], email[64], phone[32], house[24];
	portal_id id;
	int err;

	snprintf(name, sizeof(name), "%s %s", first_names[pick(g, COUNT(first_names))],
		last_names[pick(g, COUNT(last_names))]);
	snprintf(email, sizeof(email), "client%ld@example.com", i + 1);
	snprintf(phone, sizeof(phone), "416-555-%04ld", (i + 1) % 10000);
	snprintf(house, sizeof(house), "%ld", 1 + pick(g, 9999));
	cf.name = name;
	cf.email = email;
	cf.phone = phone;
	cf.sms_consent = (int)pick(g, 2);
	if ((err = step(g)) < 0)
		return err;
	if ((err = portal_client_add(&id, g->p, &cf)) < 0)
		return fail(g, "adding a client", err);
	af.house_number = house;
	af.street = streets[pick(g, COUNT(streets))];
	af.city = "Toronto";
	af.region = "ON";
	af.postal_code = "M5V 2T6";
	if ((err = step(g)) < 0)
		return err;
	if ((err = portal_address_add(NULL, g->p, id, &af)) < 0)
		return fail(g, "adding an address", err);
	return 0;
}

static int add_line(gen *g, portal_id invoice, portal_line_kind kind,
	const char *description, int64_t quantity, portal_money price)
{
	portal_line_fields lf = PORTAL_LINE_FIELDS_INIT;
	int err;

	lf.kind = kind;
	lf.description = description;
	lf.quantity = quantity;
	lf.unit_price = price;
	if ((err = step(g)) < 0)
		return err;
	if ((err = portal_invoice_line_add(NULL, g->p, invoice, &lf)) < 0)
		return fail(g, "adding a line", err);
	return 0;
}

/* One to three lines: labour, usually a part, sometimes a discount. */
static int add_lines(gen *g, portal_id invoice)
{
	int err;

	if ((err = add_line(g, invoice, PORTAL_LINE_LABOUR, "Diagnose and repair",
		500 * (1 + pick(g, 6)), 9500)) < 0)
		return err;
	if (pick(g, 10) < 8 && (err = add_line(g, invoice, PORTAL_LINE_PART,
		"Replacement part", 0, 1000 + pick(g, 40000))) < 0)
		return err;
	if (pick(g, 10) == 0 && (err = add_line(g, invoice, PORTAL_LINE_DISCOUNT,
		"Loyalty discount", 0, 500)) < 0)
		return err;
	return 0;
}

/* Most invoices are paid in full, some in part, some not at all; a
 * payment comes within 20 days of the issue, never after now. */
static int add_payment(gen *g, portal_id invoice, portal_time issued)
{
	portal_payment_fields pf = PORTAL_PAYMENT_FIELDS_INIT;
	portal_invoice *inv = NULL;
	long kind = pick(g, 10);
	portal_time at = issued + pick(g, 20) * DAY;
	int err;

	if (kind >= 8)
		return 0;
	if ((err = portal_invoice_get(&inv, g->p, invoice)) < 0)
		return fail(g, "reading an invoice", err);
	pf.invoice_id = invoice;
	pf.amount = kind == 7 ? inv->balance / 2 : inv->balance;
	pf.method = (portal_payment_method)(PORTAL_PAY_CASH + pick(g, 7));
	pf.received_at = at < GEN_NOW ? at : GEN_NOW;
	portal_invoice_free(inv);
	if (pf.amount <= 0)
		return 0;
	if ((err = step(g)) < 0 || (err = portal_payment_add(NULL, g->p, &pf)) < 0)
		return fail(g, "adding a payment", err);
	return 0;
}

static int add_invoice(gen *g, long i)
{
	portal_invoice_fields f = PORTAL_INVOICE_FIELDS_INIT;
	portal_time issued = GEN_NOW - SPREAD + pick(g, SPREAD);
	char number[24];
	portal_id id;
	int err;

	/* An explicit number: the next free one is found by scanning every
	 * invoice, too slow a million times over. */
	snprintf(number, sizeof(number), "%ld", 100001 + i);
	f.client_id = 1 + pick(g, g->clients);
	f.number = number;
	if ((err = step(g)) < 0)
		return err;
	if ((err = portal_invoice_add(&id, g->p, &f)) < 0)
		return fail(g, "adding an invoice", err);
	if ((err = add_lines(g, id)) < 0 || (err = step(g)) < 0)
		return err;
	if ((err = portal_invoice_issue(g->p, id, issued,
		pick(g, 2) ? issued + 30 * DAY : 0)) < 0)
		return fail(g, "issuing an invoice", err);
	return add_payment(g, id, issued);
}

static int generate(gen *g)
{
	int err;

	g->started = seconds();
	for (long i = 0; i < g->clients; i++) {
		if ((err = add_client(g, i)) < 0)
			return err;
		progress(g, "clients", i + 1, g->clients);
	}
	if ((err = finish(g)) < 0)
		return err;
	g->started = seconds();
	for (long i = 0; i < g->invoices; i++) {
		if ((err = add_invoice(g, i)) < 0)
			return err;
		progress(g, "invoices", i + 1, g->invoices);
	}
	return finish(g);
}

static int number_arg(long *out, const char *text, long min)
{
	char *end;
	long v = strtol(text, &end, 10);

	if (*text == '\0' || *end != '\0' || v < min)
		return -1;
	*out = v;
	return 0;
}

static int usage(void)
{
	fputs("usage: gen_shop [--clients N] [--invoices N] [--seed S] [--batch N] DB\n", stderr);
	return 2;
}

int main(int argc, char **argv)
{
	gen g = { NULL, 1, 100000, 1000000, 20000, 0, 0, 0.0 };
	const char *db = NULL, *shop = NULL;
	long seed = 1;
	int err, i;

	for (i = 1; i < argc; i++) {
		long *target = strcmp(argv[i], "--clients") == 0 ? &g.clients :
			strcmp(argv[i], "--invoices") == 0 ? &g.invoices :
			strcmp(argv[i], "--seed") == 0 ? &seed :
			strcmp(argv[i], "--batch") == 0 ? &g.batch : NULL;
		if (strcmp(argv[i], "--shop") == 0 && i + 1 < argc)
			shop = argv[++i];
		else if (target == NULL && argv[i][0] != '-' && db == NULL)
			db = argv[i];
		else if (target == NULL || i + 1 == argc ||
			 number_arg(target, argv[++i], target == &g.invoices ? 0 : 1) < 0)
			return usage();
	}
	if (db == NULL)
		return usage();
	g.rng = (uint64_t)seed;
	if ((err = portal_open_shop(&g.p, db, shop, PORTAL_OPEN_CREATE)) < 0) {
		fprintf(stderr, "gen_shop: %s: %s\n", db, g.p ? portal_errmsg(g.p) : "out of memory");
		portal_close(g.p);
		return 1;
	}
	portal_set_now(g.p, GEN_NOW);
	err = generate(&g);
	if (err < 0 && g.in_txn)
		pt_store_end(g.p, err);
	portal_close(g.p);
	return err < 0 ? 1 : 0;
}
