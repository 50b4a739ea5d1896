/* SPDX-License-Identifier: MIT */
/*
 * transfer_csv_kinds.c - the six kinds of CSV file a shop brings from its
 * previous system, their columns (docs/import.md), and how a row becomes
 * a record through the same public calls the CLI makes, so that every
 * row meets the same rules.
 *
 * Refs join the files: a client's `ref` is named by the `client_ref` of
 * its addresses, assets, invoices and payments; an invoice's `number` by
 * the `invoice_number` of its lines and payments. A row whose client or
 * invoice had a problem of its own is passed over in silence: the
 * problem is reported once, where it is.
 */
#include "transfer_csv.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define V(row, c) ((row)->values[c])

/* The row of an invoice's own line in its file, for problems found when
 * it is issued, after its lines. */
static pt_csv_row row_of_invoice(const pt_csv_invoice *inv)
{
	pt_csv_row row;

	memset(&row, 0, sizeof(row));
	row.file = inv->file;
	row.line = inv->line;
	return row;
}

/* NULL for an empty optional value, which the library reads as "none". */
static const char *opt_text(const char *v)
{
	return *v ? v : NULL;
}

/* "yes"/"no" as spreadsheets write them; `empty` when left blank. */
static int parse_yes_no(int *out, const char *v, int empty)
{
	static const char *const yes[] = { "yes", "y", "true", "1", "x" };
	static const char *const no[] = { "no", "n", "false", "0" };

	if (*v == '\0') {
		*out = empty;
		return 0;
	}
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcasecmp(v, yes[i]) == 0)
			return *out = 1, 0;
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strcasecmp(v, no[i]) == 0)
			return *out = 0, 0;
	return -1;
}

/* A date or a time in the shop's zone, as portal_time_parse() reads it;
 * 0 when empty. Returns 0 or what the row returns for a problem. */
static int time_value(portal_time *out, pt_import *im, const pt_csv_row *row,
	const char *column, const char *v)
{
	int err;

	*out = 0;
	if (*v == '\0')
		return 0;
	if ((err = portal_time_parse(out, im->p, v)) < 0)
		return pt_csv_refused(im, row, column, err);
	return 0;
}

static int money_value(portal_money *out, pt_import *im, const pt_csv_row *row,
	const char *column, const char *v)
{
	if (portal_money_parse(out, v) < 0)
		return pt_csv_problem(im, row->file, row->line, column,
			"'%s' is not an amount such as 12.50 or $1,234.56", v);
	return 0;
}

/*
 * The client the row names in `column`. Returns 0 with *out; 1 when the
 * ref is unknown (reported) or its client's row had a problem (already
 * reported).
 */
static int client_of(portal_id *out, pt_import *im, const pt_csv_row *row, int column)
{
	const char *name = row->file->kind->columns[column], *ref = V(row, column);
	int64_t id;

	if (*ref == '\0')
		return pt_csv_problem(im, row->file, row->line, name, "required");
	if (!pt_refs_get(&im->clients, ref, &id))
		return pt_csv_problem(im, row->file, row->line, name,
			"no client has the ref '%s' in the clients file", ref);
	*out = id;
	return id ? 0 : 1;
}

/* The invoice of the files the row names in `column`, as client_of().
 * An invoice with a broken line still takes more lines, to check them
 * too, but no payment: it is not issued. */
static int invoice_of(pt_csv_invoice **out, pt_import *im, const pt_csv_row *row, int column,
	int for_payment)
{
	const char *name = row->file->kind->columns[column], *number = V(row, column);
	char key[PORTAL_INVOICE_NUMBER_MAX + 1];
	int64_t at;

	if (portal_invoice_number_key(key, sizeof(key), number) < 0 ||
	    !pt_refs_get(&im->invoice_keys, key, &at))
		return pt_csv_problem(im, row->file, row->line, name,
			"no invoice has the number '%s' in the invoices file", number);
	if (at == 0 || im->invoices[at - 1].id == 0)
		return 1;
	*out = &im->invoices[at - 1];
	if (for_payment && (*out)->broken)
		return 1;
	return 0;
}

/* ---- clients.csv ---------------------------------------------------------- */

enum { CL_REF, CL_NAME, CL_EMAIL, CL_PHONE, CL_SMS, CL_NOTES };

static const char *const client_columns[] = {
	"ref", "name", "email", "phone", "sms_consent", "notes", NULL
};

static int client_row(pt_import *im, const pt_csv_row *row)
{
	portal_client_fields f = PORTAL_CLIENT_FIELDS_INIT;
	const char *ref = V(row, CL_REF);
	portal_id id;
	int rc, err;

	if (*ref == '\0')
		return pt_csv_problem(im, row->file, row->line, "ref",
			"required: the client's id in the previous system, which the other"
			" files name as client_ref");
	if ((rc = pt_refs_add(&im->clients, ref, 0)) < 0)
		return pt_oom(im->p);
	if (rc == 1)
		return pt_csv_problem(im, row->file, row->line, "ref",
			"another client has the ref '%s'", ref);
	if (parse_yes_no(&f.sms_consent, V(row, CL_SMS), 0) < 0)
		return pt_csv_problem(im, row->file, row->line, "sms_consent",
			"'%s' is not yes or no", V(row, CL_SMS));
	f.name = V(row, CL_NAME);
	f.email = V(row, CL_EMAIL);
	f.phone = V(row, CL_PHONE);
	f.notes = V(row, CL_NOTES);
	if ((err = portal_client_add(&id, im->p, &f)) < 0)
		return pt_csv_refused(im, row, NULL, err);
	pt_refs_set(&im->clients, ref, id);
	return 0;
}

static const pt_csv_kind clients_kind = {
	"clients", client_columns, 2, offsetof(portal_import_result, clients),
	client_row, NULL
};

/* ---- addresses.csv -------------------------------------------------------- */

enum { AD_CLIENT, AD_HOUSE, AD_STREET, AD_CITY, AD_UNIT, AD_REGION, AD_POSTAL,
	AD_COUNTRY, AD_LAT, AD_LON };

static const char *const address_columns[] = {
	"client_ref", "house_number", "street", "city", "unit", "region", "postal_code",
	"country", "latitude", "longitude", NULL
};

static int degrees(double *out, const char *v)
{
	char *end;

	*out = strtod(v, &end);
	return end != v && *end == '\0' ? 0 : -1;
}

static int location(portal_address_fields *f, pt_import *im, const pt_csv_row *row)
{
	const char *lat = V(row, AD_LAT), *lon = V(row, AD_LON);

	if (*lat == '\0' && *lon == '\0')
		return 0;
	if (*lat == '\0' || *lon == '\0')
		return pt_csv_problem(im, row->file, row->line, *lat ? "longitude" : "latitude",
			"latitude and longitude go together: both or neither");
	if (degrees(&f->latitude, lat) < 0)
		return pt_csv_problem(im, row->file, row->line, "latitude",
			"'%s' is not a number of degrees such as 43.6426", lat);
	if (degrees(&f->longitude, lon) < 0)
		return pt_csv_problem(im, row->file, row->line, "longitude",
			"'%s' is not a number of degrees such as -79.3871", lon);
	f->has_location = 1;
	return 0;
}

static int address_row(pt_import *im, const pt_csv_row *row)
{
	portal_address_fields f = PORTAL_ADDRESS_FIELDS_INIT;
	portal_id client = 0;
	int rc, err;

	if ((rc = client_of(&client, im, row, AD_CLIENT)) != 0 ||
	    (rc = location(&f, im, row)) != 0)
		return rc;
	f.house_number = V(row, AD_HOUSE);
	f.street = V(row, AD_STREET);
	f.city = V(row, AD_CITY);
	f.unit = opt_text(V(row, AD_UNIT));
	f.region = opt_text(V(row, AD_REGION));
	f.postal_code = opt_text(V(row, AD_POSTAL));
	f.country = opt_text(V(row, AD_COUNTRY));
	if ((err = portal_address_add(NULL, im->p, client, &f)) < 0)
		return pt_csv_refused(im, row, NULL, err);
	return 0;
}

static const pt_csv_kind addresses_kind = {
	"addresses", address_columns, 4, offsetof(portal_import_result, addresses),
	address_row, NULL
};

/* ---- assets.csv ----------------------------------------------------------- */

enum { AS_CLIENT, AS_KIND, AS_CATEGORY, AS_MAKE, AS_MODEL, AS_SERIAL, AS_VIN,
	AS_YEAR, AS_ACQUIRED, AS_NOTES };

static const char *const asset_columns[] = {
	"client_ref", "kind", "category", "make", "model", "serial", "vin", "year",
	"acquired_on", "notes", NULL
};

static int year_value(int *out, const char *v)
{
	char *end;
	long y;

	*out = 0;
	if (*v == '\0')
		return 0;
	y = strtol(v, &end, 10);
	if (end == v || *end != '\0' || y < 0 || y > 9999)
		return -1;
	*out = (int)y;
	return 0;
}

static int asset_row(pt_import *im, const pt_csv_row *row)
{
	portal_asset_fields f = PORTAL_ASSET_FIELDS_INIT;
	portal_id client = 0;
	int rc, err;

	if ((rc = client_of(&client, im, row, AS_CLIENT)) != 0)
		return rc;
	if (portal_asset_kind_parse(&f.kind, V(row, AS_KIND)) < 0)
		return pt_csv_problem(im, row->file, row->line, "kind",
			"'%s' is not appliance or vehicle", V(row, AS_KIND));
	if (year_value(&f.year, V(row, AS_YEAR)) < 0)
		return pt_csv_problem(im, row->file, row->line, "year",
			"'%s' is not a year such as 2019", V(row, AS_YEAR));
	f.category = V(row, AS_CATEGORY);
	f.make = V(row, AS_MAKE);
	f.model = opt_text(V(row, AS_MODEL));
	f.serial = opt_text(V(row, AS_SERIAL));
	f.vin = opt_text(V(row, AS_VIN));
	f.acquired_on = opt_text(V(row, AS_ACQUIRED));
	f.notes = opt_text(V(row, AS_NOTES));
	if ((err = portal_asset_add(NULL, im->p, client, &f)) < 0)
		return pt_csv_refused(im, row, NULL, err);
	return 0;
}

static const pt_csv_kind assets_kind = {
	"assets", asset_columns, 4, offsetof(portal_import_result, assets),
	asset_row, NULL
};

/* ---- invoices.csv --------------------------------------------------------- */

enum { IN_NUMBER, IN_CLIENT, IN_STATUS, IN_ISSUED, IN_DUE, IN_VOID_REASON, IN_NOTES,
	IN_TOTAL, IN_VOIDED };

static const char *const invoice_columns[] = {
	"number", "client_ref", "status", "issued_at", "due_at", "void_reason", "notes",
	"total", "voided_at", NULL
};

/* What the previous system says of an invoice it voided without a reason. */
#define VOID_REASON_DEFAULT "void in the previous system"

/* draft, issued or void; empty: issued when it has an issue date. The
 * other statuses (paid, overdue ...) follow from the dates and payments. */
static int status_value(pt_csv_invoice *inv, pt_import *im, const pt_csv_row *row)
{
	const char *v = V(row, IN_STATUS);

	if (*v == '\0')
		inv->status = *V(row, IN_ISSUED) ? 'i' : 'd';
	else if (strcasecmp(v, "draft") == 0)
		inv->status = 'd';
	else if (strcasecmp(v, "issued") == 0)
		inv->status = 'i';
	else if (strcasecmp(v, "void") == 0 || strcasecmp(v, "voided") == 0)
		inv->status = 'v';
	else
		return pt_csv_problem(im, row->file, row->line, "status",
			"'%s' is not draft, issued or void (paid, overdue and the like"
			" follow from the dates and the payments)", v);
	if (inv->status == 'd' && (*V(row, IN_ISSUED) || *V(row, IN_DUE)))
		return pt_csv_problem(im, row->file, row->line,
			*V(row, IN_ISSUED) ? "issued_at" : "due_at",
			"a draft is not issued yet: no issue or due date");
	if (inv->status == 'i' && *V(row, IN_ISSUED) == '\0')
		return pt_csv_problem(im, row->file, row->line, "issued_at",
			"required for an issued invoice");
	return 0;
}

/* The invoice's facts for its issue, after its lines. */
static int invoice_facts(pt_csv_invoice *inv, pt_import *im, const pt_csv_row *row)
{
	const char *reason = V(row, IN_VOID_REASON);
	int rc;

	if ((rc = status_value(inv, im, row)) != 0 ||
	    (rc = time_value(&inv->issued_at, im, row, "issued_at", V(row, IN_ISSUED))) != 0 ||
	    (rc = time_value(&inv->due_at, im, row, "due_at", V(row, IN_DUE))) != 0 ||
	    (rc = time_value(&inv->voided_at, im, row, "voided_at", V(row, IN_VOIDED))) != 0)
		return rc;
	if (*V(row, IN_TOTAL)) {
		if ((rc = money_value(&inv->total, im, row, "total", V(row, IN_TOTAL))) != 0)
			return rc;
		inv->has_total = 1;
	}
	if ((*reason || inv->voided_at) && inv->status != 'v')
		return pt_csv_problem(im, row->file, row->line,
			*reason ? "void_reason" : "voided_at", "only a void invoice is voided");
	/* Voided when issued unless told otherwise: a statement of any day
	 * before the move must not show the invoice open. */
	if (inv->status == 'v' && inv->voided_at == 0)
		inv->voided_at = inv->issued_at;
	if (inv->status == 'v' && (inv->void_reason = strdup(*reason ? reason :
			VOID_REASON_DEFAULT)) == NULL)
		return pt_oom(im->p);
	return 0;
}

static pt_csv_invoice *invoice_slot(pt_import *im)
{
	if (im->invoice_count == im->invoice_cap) {
		size_t cap = im->invoice_cap ? im->invoice_cap * 2 : 64;
		pt_csv_invoice *more = realloc(im->invoices, cap * sizeof(*more));
		if (more == NULL)
			return NULL;
		im->invoices = more;
		im->invoice_cap = cap;
	}
	memset(&im->invoices[im->invoice_count], 0, sizeof(im->invoices[0]));
	return &im->invoices[im->invoice_count];
}

/* Claim the number's key in the files; 1 when it was claimed before. */
static int claim_number(pt_import *im, const pt_csv_row *row, char *key, size_t len)
{
	const char *number = V(row, IN_NUMBER);
	int rc;

	if (portal_invoice_number_key(key, len, number) < 0)
		return pt_csv_problem(im, row->file, row->line, "number",
			"'%s' is not an invoice number: letters or digits, at most %d", number,
			PORTAL_INVOICE_NUMBER_MAX);
	if ((rc = pt_refs_add(&im->invoice_keys, key, 0)) < 0)
		return pt_oom(im->p);
	if (rc == 1)
		return pt_csv_problem(im, row->file, row->line, "number",
			"another invoice has the number %s", number);
	return 0;
}

static int invoice_row(pt_import *im, const pt_csv_row *row)
{
	portal_invoice_fields f = PORTAL_INVOICE_FIELDS_INIT;
	char key[PORTAL_INVOICE_NUMBER_MAX + 1];
	pt_csv_invoice *inv;
	int rc, err;

	if ((rc = claim_number(im, row, key, sizeof(key))) != 0 ||
	    (rc = client_of(&f.client_id, im, row, IN_CLIENT)) != 0)
		return rc;
	if ((inv = invoice_slot(im)) == NULL)
		return pt_oom(im->p);
	/* Kept even when the row has a problem, so that its lines and
	 * payments are passed over and its facts freed. */
	im->invoice_count++;
	pt_refs_set(&im->invoice_keys, key, (int64_t)im->invoice_count);
	inv->file = row->file;
	inv->line = row->line;
	if ((inv->number = strdup(V(row, IN_NUMBER))) == NULL)
		return pt_oom(im->p);
	if ((rc = invoice_facts(inv, im, row)) != 0)
		return rc;
	f.number = V(row, IN_NUMBER);
	f.notes = opt_text(V(row, IN_NOTES));
	if ((err = portal_invoice_add(&inv->id, im->p, &f)) < 0)
		return pt_csv_refused(im, row, err == PORTAL_EEXISTS ? "number" : NULL, err);
	return 0;
}

static const pt_csv_kind invoices_kind = {
	"invoices", invoice_columns, 2, offsetof(portal_import_result, invoices),
	invoice_row, NULL
};

/* ---- invoice_lines.csv ---------------------------------------------------- */

enum { LI_INVOICE, LI_KIND, LI_PRICE, LI_DESCRIPTION, LI_QUANTITY, LI_TAXABLE };

static const char *const line_columns[] = {
	"invoice_number", "kind", "unit_price", "description", "quantity", "taxable", NULL
};

static int line_fields(portal_line_fields *f, pt_import *im, const pt_csv_row *row)
{
	const char *quantity = V(row, LI_QUANTITY);
	int rc;

	if (portal_line_kind_parse(&f->kind, V(row, LI_KIND)) < 0)
		return pt_csv_problem(im, row->file, row->line, "kind",
			"'%s' is not labour, part, service_call_fee, other_fee, discount or credit",
			V(row, LI_KIND));
	if (*quantity && portal_quantity_parse(&f->quantity, quantity) < 0)
		return pt_csv_problem(im, row->file, row->line, "quantity",
			"'%s' is not a quantity such as 1, 1.5 or 0.25", quantity);
	if ((rc = money_value(&f->unit_price, im, row, "unit_price", V(row, LI_PRICE))) != 0)
		return rc;
	if (parse_yes_no(&f->taxable, V(row, LI_TAXABLE), -1) < 0)
		return pt_csv_problem(im, row->file, row->line, "taxable",
			"'%s' is not yes or no", V(row, LI_TAXABLE));
	f->description = opt_text(V(row, LI_DESCRIPTION));
	return 0;
}

static int line_row(pt_import *im, const pt_csv_row *row)
{
	portal_line_fields f = PORTAL_LINE_FIELDS_INIT;
	pt_csv_invoice *inv = NULL;
	int rc, err;

	if ((rc = invoice_of(&inv, im, row, LI_INVOICE, 0)) != 0)
		return rc;
	if ((rc = line_fields(&f, im, row)) == 0 &&
	    (err = portal_invoice_line_add(NULL, im->p, inv->id, &f)) < 0)
		rc = pt_csv_refused(im, row, NULL, err);
	/* An invoice missing a line would be issued for the wrong total. */
	if (rc != 0)
		inv->broken = 1;
	return rc;
}

/* The total the file gives must be the total the lines make at the
 * shop's tax rate: a difference means a rate or a line that did not
 * come across as it was. */
static int check_total(pt_import *im, const pt_csv_invoice *inv)
{
	char got[PORTAL_MONEY_STRLEN], want[PORTAL_MONEY_STRLEN];
	portal_invoice *stored = NULL;
	pt_csv_row row = row_of_invoice(inv);
	int err, rc = 0;

	if ((err = portal_invoice_get(&stored, im->p, inv->id)) < 0)
		return pt_csv_refused(im, &row, NULL, err);
	if (stored->totals.total != inv->total)
		rc = pt_csv_problem(im, inv->file, inv->line, "total",
			"the lines come to %s with tax at the shop's rate, the file says %s",
			portal_shop_money_format(got, im->p, stored->totals.total),
			portal_shop_money_format(want, im->p, inv->total));
	portal_invoice_free(stored);
	return rc;
}

/* Once every line is in: issue, check the total, void, as the file says. */
static int settle_invoice(pt_import *im, const pt_csv_invoice *inv)
{
	pt_csv_row row = row_of_invoice(inv);
	int err, rc;

	if (inv->issued_at != 0 &&
	    (err = portal_invoice_issue(im->p, inv->id, inv->issued_at, inv->due_at)) < 0)
		return pt_csv_refused(im, &row, NULL, err);
	if (inv->has_total && (rc = check_total(im, inv)) != 0)
		return rc;
	if (inv->status == 'v' &&
	    (err = portal_invoice_void_at(im->p, inv->id, inv->void_reason, inv->voided_at)) < 0)
		return pt_csv_refused(im, &row, NULL, err);
	return 0;
}

static int settle_invoices(pt_import *im)
{
	int rc;

	for (size_t i = 0; i < im->invoice_count && im->problems < im->max_problems; i++) {
		pt_csv_invoice *inv = &im->invoices[i];
		if (inv->id == 0 || inv->broken)
			continue;
		if ((rc = settle_invoice(im, inv)) < 0)
			return rc;
		/* Its payments are passed over, as for a broken line. */
		inv->broken = rc != 0;
	}
	return 0;
}

static const pt_csv_kind lines_kind = {
	"invoice_lines", line_columns, 3, offsetof(portal_import_result, invoice_lines),
	line_row, settle_invoices
};

/* ---- payments.csv --------------------------------------------------------- */

enum { PA_AMOUNT, PA_METHOD, PA_PAID, PA_INVOICE, PA_CLIENT, PA_REFERENCE };

static const char *const payment_columns[] = {
	"amount", "method", "paid_at", "invoice_number", "client_ref", "reference", NULL
};

/* The invoice paid, or for account credit the client paying. */
static int payment_target(portal_payment_fields *f, pt_import *im, const pt_csv_row *row)
{
	pt_csv_invoice *inv = NULL;
	int rc;

	if (*V(row, PA_CLIENT) && (rc = client_of(&f->client_id, im, row, PA_CLIENT)) != 0)
		return rc;
	if (*V(row, PA_INVOICE) == '\0') {
		if (f->client_id == 0)
			return pt_csv_problem(im, row->file, row->line, "invoice_number",
				"required, or client_ref for a payment on account credit");
		return 0;
	}
	if ((rc = invoice_of(&inv, im, row, PA_INVOICE, 1)) != 0)
		return rc;
	f->invoice_id = inv->id;
	return 0;
}

static int payment_row(pt_import *im, const pt_csv_row *row)
{
	portal_payment_fields f = PORTAL_PAYMENT_FIELDS_INIT;
	int rc, err;

	if ((rc = payment_target(&f, im, row)) != 0 ||
	    (rc = money_value(&f.amount, im, row, "amount", V(row, PA_AMOUNT))) != 0)
		return rc;
	if (portal_payment_method_parse(&f.method, V(row, PA_METHOD)) < 0)
		return pt_csv_problem(im, row->file, row->line, "method",
			"'%s' is not cash, debit, credit_card, cheque, e_transfer, financing"
			" or other", V(row, PA_METHOD));
	if (*V(row, PA_PAID) == '\0')
		return pt_csv_problem(im, row->file, row->line, "paid_at",
			"required: the day the money came in");
	if ((rc = time_value(&f.received_at, im, row, "paid_at", V(row, PA_PAID))) != 0)
		return rc;
	f.reference = opt_text(V(row, PA_REFERENCE));
	if ((err = portal_payment_add(NULL, im->p, &f)) < 0)
		return pt_csv_refused(im, row, NULL, err);
	return 0;
}

static const pt_csv_kind payments_kind = {
	"payments", payment_columns, 3, offsetof(portal_import_result, payments),
	payment_row, NULL
};

const pt_csv_kind *const pt_csv_kinds[] = {
	&clients_kind, &addresses_kind, &assets_kind, &invoices_kind, &lines_kind,
	&payments_kind, NULL
};
