/* SPDX-License-Identifier: MIT */
/*
 * balance_pdf.c - a program of the shop's own that links libportal: it
 * finds an invoice by its number, prints what the invoice's client owes,
 * and writes the invoice as a PDF.
 *
 *     balance_pdf SHOP.db INVOICE [OUT.pdf]
 *
 * OUT.pdf defaults to invoice-NUMBER.pdf. Exit codes follow the `portal`
 * command line: 0 ok, 1 no such invoice, 2 usage, 5 the database or the
 * file failed.
 *
 * Build it against an installed libportal with pkg-config:
 *
 *     cc -o balance_pdf balance_pdf.c $(pkg-config --cflags --libs shopportal)
 *
 * or with CMake and find_package(shopportal) (CMakeLists.txt beside it).
 */
#include <portal.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { EXIT_NOT_FOUND = 1, EXIT_USAGE = 2, EXIT_FAILED = 5 };

/* What failed, with the library's reason; the database or the PDF
 * failing exits 5. */
static int fail(portal *p, const char *what)
{
	fprintf(stderr, "balance_pdf: %s: %s\n", what, portal_errmsg(p));
	return EXIT_FAILED;
}

/* The invoice, and what its client owes over all their invoices as the
 * statement of account counts it (the library's figure, not one this
 * program adds up). */
static int print_balance(portal *p, const portal_invoice *inv)
{
	portal_client *client = NULL;
	portal_balance owed;
	char total[PORTAL_MONEY_STRLEN], balance[PORTAL_MONEY_STRLEN];
	char open[PORTAL_MONEY_STRLEN], credit[PORTAL_MONEY_STRLEN];
	char owes[PORTAL_MONEY_STRLEN];

	if (portal_client_get(&client, p, inv->client_id) < 0 ||
	    portal_client_balance(&owed, p, inv->client_id, 0) < 0) {
		portal_client_free(client);
		return fail(p, "reading the client's account");
	}
	printf("Invoice %s (%s): total %s, balance %s\n", inv->number,
		portal_invoice_status_label(inv->status),
		portal_money_format(total, sizeof(total), inv->totals.total),
		portal_money_format(balance, sizeof(balance), inv->balance));
	printf("Client %s owes %s: %s on %d open invoice%s, less %s of account credit\n",
		client->name, portal_money_format(owes, sizeof(owes), owed.balance),
		portal_money_format(open, sizeof(open), owed.open), owed.open_invoices,
		owed.open_invoices == 1 ? "" : "s",
		portal_money_format(credit, sizeof(credit), owed.account_credit));
	portal_client_free(client);
	return EXIT_SUCCESS;
}

/* Write the PDF bytes to `path`; a file left half written is removed. */
static int write_file(const char *path, const portal_buf *pdf)
{
	FILE *f = fopen(path, "wb");

	if (f == NULL) {
		fprintf(stderr, "balance_pdf: cannot write %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fwrite(pdf->ptr, 1, pdf->size, f) != pdf->size) {
		fprintf(stderr, "balance_pdf: cannot write %s: %s\n", path, strerror(errno));
		fclose(f);
		remove(path);
		return -1;
	}
	if (fclose(f) != 0) {
		fprintf(stderr, "balance_pdf: cannot write %s: %s\n", path, strerror(errno));
		remove(path);
		return -1;
	}
	return 0;
}

static int write_pdf(portal *p, const portal_invoice *inv, const char *out)
{
	portal_buf pdf = PORTAL_BUF_INIT;
	char name[PORTAL_INVOICE_NUMBER_MAX + 16];
	int rc = EXIT_SUCCESS;

	if (out == NULL) {
		snprintf(name, sizeof(name), "invoice-%s.pdf", inv->number);
		out = name;
	}
	if (portal_invoice_pdf(&pdf, p, inv->id, NULL) < 0)
		return fail(p, "rendering the PDF");
	if (write_file(out, &pdf) < 0)
		rc = EXIT_FAILED;
	else
		printf("Wrote %s (%zu bytes)\n", out, pdf.size);
	portal_buf_dispose(&pdf);
	return rc;
}

int main(int argc, char **argv)
{
	portal *p = NULL;
	portal_invoice *inv = NULL;
	portal_id id;
	int rc;

	if (argc < 3 || argc > 4) {
		fprintf(stderr, "usage: balance_pdf SHOP.db INVOICE [OUT.pdf]\n");
		return EXIT_USAGE;
	}
	if (portal_open(&p, argv[1], PORTAL_OPEN_READONLY) < 0) {
		fprintf(stderr, "balance_pdf: %s\n", portal_errmsg(p));
		portal_close(p);
		return EXIT_FAILED;
	}
	rc = portal_invoice_find(&id, p, argv[2]);
	if (rc == PORTAL_ENOTFOUND) {
		fprintf(stderr, "balance_pdf: no invoice '%s' in %s\n", argv[2], argv[1]);
		rc = EXIT_NOT_FOUND;
	} else if (rc < 0 || portal_invoice_get(&inv, p, id) < 0) {
		rc = fail(p, "reading the invoice");
	} else if ((rc = print_balance(p, inv)) == EXIT_SUCCESS) {
		rc = write_pdf(p, inv, argc == 4 ? argv[3] : NULL);
	}
	portal_invoice_free(inv);
	portal_close(p);
	return rc;
}
