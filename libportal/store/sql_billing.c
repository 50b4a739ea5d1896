/* SPDX-License-Identifier: MIT */
/*
 * store_billing.c - storage of estimates, invoices and their lines.
 */
#include "sql.h"
#include "store_billing.h"

#include <stdlib.h>
#include <string.h>

static void bind_id_or_null(pt_stmt *st, int i, portal_id id)
{
	if (id)
		pt_bind_int64(st, i, id);
	else
		pt_bind_null(st, i);
}

/* The number after the prefix of the highest all-digit number, or 0. */
static int next_number(int64_t *out, portal *p, pt_stmt *st, const char *what)
{
	int rc;

	if (st == NULL)
		return PORTAL_ESTORE;
	if ((rc = pt_store_require_lock(p, what)) < 0) {
		pt_stmt_done(st);
		return rc;
	}
	rc = pt_step(st);
	*out = rc == PT_ROW ? pt_col_int64(st, 0) : 0;
	pt_stmt_done(st);
	return rc == PT_ROW ? PORTAL_OK : pt_store_fail(p, what);
}

/* The id of the one document whose number `st` (binding ?1) matches. */
static int find_by_number(portal_id *out, portal *p, pt_stmt *st, const char *number,
	const char *noun)
{
	int rc;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, number);
	rc = pt_step(st);
	if (rc == PT_ROW)
		*out = pt_col_int64(st, 0);
	pt_stmt_done(st);
	if (rc == PT_ROW)
		return PORTAL_OK;
	if (rc == PT_DONE)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "no %s %s", noun, number);
	return pt_store_fail(p, "finding a document by its number");
}

/* --- lines ------------------------------------------------------------ */

/* Both line tables are read into the same column layout. */
#define LINE_COLUMNS \
	"id, position, kind, description, quantity, unit_price, taxable"

static int line_from_row(portal_line *l, pt_stmt *st)
{
	memset(l, 0, sizeof(*l));
	l->id = pt_col_int64(st, 0);
	l->position = pt_col_int(st, 1);
	l->kind = (portal_line_kind)pt_col_int(st, 2);
	l->quantity = pt_col_int64(st, 4);
	l->unit_price = pt_col_int64(st, 5);
	l->taxable = pt_col_int(st, 6);
	l->decision = (portal_decision)pt_col_int(st, 7);
	l->decided_at = pt_col_int64(st, 8);
	l->inspection_item_id = pt_col_int64(st, 10);
	/* Stored lines were checked when added; a line edited by hand into
	 * something out of range counts as zero rather than as garbage. */
	if (portal_line_amount(&l->amount, l->kind, l->quantity, l->unit_price) < 0)
		l->amount = 0;
	l->description = pt_col_strdup(st, 3);
	l->decided_by = pt_col_strdup(st, 9);
	return l->description && l->decided_by ? 0 : -1;
}

static int read_lines(portal_line **out, size_t *n, portal *p, pt_stmt *st,
	portal_id id)
{
	portal_line *lines = NULL;
	size_t count = 0, cap = 0;
	int rc, err = PORTAL_OK;

	*out = NULL;
	*n = 0;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	while ((rc = pt_step(st)) == PT_ROW) {
		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			portal_line *grown = realloc(lines, ncap * sizeof(*grown));
			if (grown == NULL) {
				err = pt_oom(p);
				break;
			}
			lines = grown;
			cap = ncap;
		}
		if (line_from_row(&lines[count++], st) < 0) {
			err = pt_oom(p);
			break;
		}
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading line items");
	pt_stmt_done(st);
	if (err < 0) {
		portal_lines_free(lines, count);
		return err;
	}
	*out = lines;
	*n = count;
	return PORTAL_OK;
}

int pt_store_estimate_lines(portal_line **out, size_t *n, portal *p, portal_id id)
{
	return read_lines(out, n, p, pt_stmt_get(p,
		"SELECT " LINE_COLUMNS ", decision, decided_at, decided_by, inspection_item_id"
		" FROM estimate_lines WHERE estimate_id = ?1 ORDER BY position"), id);
}

int pt_store_invoice_lines(portal_line **out, size_t *n, portal *p, portal_id id)
{
	return read_lines(out, n, p, pt_stmt_get(p,
		"SELECT " LINE_COLUMNS ", 0, 0, '', 0"
		" FROM invoice_lines WHERE invoice_id = ?1 ORDER BY position"), id);
}

static void bind_line(pt_stmt *st, portal_id doc_id, const portal_line *l)
{
	pt_bind_int64(st, 1, doc_id);
	pt_bind_int(st, 2, (int)l->kind);
	pt_bind_text(st, 3, l->description);
	pt_bind_int64(st, 4, l->quantity);
	pt_bind_int64(st, 5, l->unit_price);
	pt_bind_int(st, 6, l->taxable ? 1 : 0);
}

int pt_store_estimate_line_insert(portal_id *out, portal *p, portal_id estimate_id,
	const portal_line *l, portal_id inspection_item_id)
{
	static const char sql[] =
		"INSERT INTO estimate_lines (estimate_id, position, kind, description,"
		" quantity, unit_price, taxable, inspection_item_id)"
		" VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM estimate_lines"
		" WHERE estimate_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	bind_line(st, estimate_id, l);
	bind_id_or_null(st, 7, inspection_item_id);
	return pt_store_insert(out, p, st, "adding an estimate line");
}

int pt_store_invoice_line_insert(portal_id *out, portal *p, portal_id invoice_id,
	const portal_line *l, const pt_line_origin *origin)
{
	static const char sql[] =
		"INSERT INTO invoice_lines (invoice_id, position, kind, description,"
		" quantity, unit_price, taxable, estimate_line_id, appointment_id, rule)"
		" VALUES (?1, (SELECT coalesce(max(position), 0) + 1 FROM invoice_lines"
		" WHERE invoice_id = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	bind_line(st, invoice_id, l);
	bind_id_or_null(st, 7, origin ? origin->estimate_line_id : 0);
	bind_id_or_null(st, 8, origin ? origin->appointment_id : 0);
	pt_bind_text(st, 9, origin ? origin->rule : NULL);
	return pt_store_insert(out, p, st, "adding an invoice line");
}

/* --- estimates ---------------------------------------------------------- */

#define ESTIMATE_SELECT \
	"SELECT id, number, client_id, job_id, notes, issued_at, valid_until, tax_rate" \
	" FROM estimates"

static portal_estimate *estimate_from_row(pt_stmt *st)
{
	portal_estimate *e = calloc(1, sizeof(*e));

	if (e == NULL)
		return NULL;
	e->id = pt_col_int64(st, 0);
	e->number = pt_col_strdup(st, 1);
	e->client_id = pt_col_int64(st, 2);
	e->job_id = pt_col_int64(st, 3);
	e->notes = pt_col_strdup(st, 4);
	e->issued_at = pt_col_int64(st, 5);
	e->valid_until = pt_col_int64(st, 6);
	e->totals.tax_rate = pt_col_int(st, 7);
	if (e->number == NULL || e->notes == NULL) {
		portal_estimate_free(e);
		return NULL;
	}
	return e;
}

int pt_store_estimate_next_number(int64_t *out, portal *p)
{
	/* The last entry of the index estimates_number_value: its WHERE and
	 * its value word for word (schema 6, sqlite_schema.c), in order and
	 * LIMIT 1 (see pt_store_invoice_next_number()). */
	return next_number(out, p, pt_stmt_get(p,
		"SELECT coalesce((SELECT CAST(substr(number, 2) AS BIGINT) FROM estimates"
		" WHERE substr(number, 1, 1) = 'E' AND trim(substr(number, 2), '0123456789') = ''"
		" AND length(number) BETWEEN 2 AND 19"
		" ORDER BY CAST(substr(number, 2) AS BIGINT) DESC LIMIT 1), 0)"),
		"numbering an estimate");
}

int pt_store_estimate_insert(portal_id *out, portal *p, const portal_estimate *e)
{
	static const char sql[] =
		"INSERT INTO estimates (number, client_id, job_id, notes, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, e->number);
	pt_bind_int64(st, 2, e->client_id);
	bind_id_or_null(st, 3, e->job_id);
	pt_bind_text(st, 4, e->notes);
	pt_bind_int64(st, 5, portal_now(p));
	return pt_store_insert(out, p, st, "adding an estimate");
}

int pt_store_estimate_get(portal_estimate **out, portal *p, portal_id id)
{
	pt_stmt *st = pt_stmt_get(p, ESTIMATE_SELECT " WHERE id = ?1");
	int err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	PT_STORE_ONE(p, st, out, estimate_from_row, "estimate", id, err);
	return err;
}

int pt_store_estimate_find(portal_id *out, portal *p, const char *number)
{
	return find_by_number(out, p, pt_stmt_get(p, "SELECT id FROM estimates WHERE number = ?1"),
		number, "estimate");
}

int pt_store_estimate_foreach(portal *p, portal_id client_id,
	int (*cb)(portal_estimate *e, void *ctx), void *ctx)
{
	/* One client's rows through their index (sql.h). */
	static const char sql_all[] = ESTIMATE_SELECT " ORDER BY created_at DESC, id DESC";
	static const char sql_client[] = ESTIMATE_SELECT
		" WHERE client_id = ?1 ORDER BY created_at DESC, id DESC";
	pt_stmt *st = pt_stmt_client(p, client_id, sql_client, sql_all, NULL);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	PT_STORE_WALK(p, st, portal_estimate, estimate_from_row, portal_estimate_free,
		cb, ctx, "listing estimates", err);
	pt_stmt_done(st);
	return err;
}

int pt_store_estimate_send(portal *p, portal_id id, portal_time issued_at,
	portal_time valid_until, int32_t tax_rate)
{
	pt_stmt *st = pt_stmt_get(p,
		"UPDATE estimates SET issued_at = ?2, valid_until = ?3, tax_rate = ?4"
		" WHERE id = ?1");

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int64(st, 2, issued_at);
	pt_bind_int64(st, 3, valid_until);
	pt_bind_int(st, 4, tax_rate);
	return pt_store_exec(p, st, "sending an estimate");
}

int pt_store_estimate_line_decide(portal *p, portal_id line_id, portal_decision d,
	portal_time at, const char *name)
{
	pt_stmt *st = pt_stmt_get(p,
		"UPDATE estimate_lines SET decision = ?2, decided_at = ?3, decided_by = ?4"
		" WHERE id = ?1");

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, line_id);
	pt_bind_int(st, 2, (int)d);
	pt_bind_int64(st, 3, at);
	pt_bind_text(st, 4, name);
	return pt_store_exec(p, st, "recording a decision");
}

int pt_store_estimate_decided(portal *p, portal_id id, portal_time at, const char *name)
{
	pt_stmt *st = pt_stmt_get(p,
		"UPDATE estimates SET decided_at = ?2, approver_name = ?3 WHERE id = ?1");

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int64(st, 2, at);
	pt_bind_text(st, 3, name);
	return pt_store_exec(p, st, "recording a decision");
}

/* --- invoices ------------------------------------------------------------- */

#define INVOICE_SELECT \
	"SELECT i.id, i.number, i.client_id, i.job_id, i.estimate_id, i.notes," \
	" i.issued_at, i.due_at, i.voided_at, i.void_reason, i.tax_rate," \
	" (SELECT coalesce(sum(amount), 0) FROM payments WHERE invoice_id = i.id)" \
	" FROM invoices i"

static portal_invoice *invoice_from_row(pt_stmt *st)
{
	portal_invoice *inv = calloc(1, sizeof(*inv));

	if (inv == NULL)
		return NULL;
	inv->id = pt_col_int64(st, 0);
	inv->number = pt_col_strdup(st, 1);
	inv->client_id = pt_col_int64(st, 2);
	inv->job_id = pt_col_int64(st, 3);
	inv->estimate_id = pt_col_int64(st, 4);
	inv->notes = pt_col_strdup(st, 5);
	inv->issued_at = pt_col_int64(st, 6);
	inv->due_at = pt_col_int64(st, 7);
	inv->voided_at = pt_col_int64(st, 8);
	inv->void_reason = pt_col_strdup(st, 9);
	inv->totals.tax_rate = pt_col_int(st, 10);
	inv->paid = pt_col_int64(st, 11);
	if (inv->number == NULL || inv->notes == NULL || inv->void_reason == NULL) {
		portal_invoice_free(inv);
		return NULL;
	}
	return inv;
}

int pt_store_invoice_next_number(int64_t *out, portal *p)
{
	/* The last entry of the index invoices_number_value: its WHERE and
	 * its value word for word (schema 6, sqlite_schema.c), in order and
	 * LIMIT 1. Every planner reads that as one step from the end of the
	 * index; max() is one too in SQLite, but PostgreSQL may walk the
	 * whole index for it when it guesses the WHERE keeps few rows. */
	return next_number(out, p, pt_stmt_get(p,
		"SELECT coalesce((SELECT CAST(number_key AS BIGINT) FROM invoices"
		" WHERE trim(number_key, '0123456789') = ''"
		" AND length(number_key) BETWEEN 1 AND 18"
		" ORDER BY CAST(number_key AS BIGINT) DESC LIMIT 1), 0)"),
		"numbering an invoice");
}

int pt_store_invoice_insert(portal_id *out, portal *p, const portal_invoice *inv,
	const char *number_key)
{
	static const char sql[] =
		"INSERT INTO invoices (number, number_key, client_id, job_id, notes, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_text(st, 1, inv->number);
	pt_bind_text(st, 2, number_key);
	pt_bind_int64(st, 3, inv->client_id);
	bind_id_or_null(st, 4, inv->job_id);
	pt_bind_text(st, 5, inv->notes);
	pt_bind_int64(st, 6, portal_now(p));
	if ((rc = pt_step(st)) == PT_ROW) {
		*out = pt_col_int64(st, 0);
		rc = pt_step(st);
	}
	pt_stmt_done(st);
	if (rc == PT_DONE)
		return PORTAL_OK;
	if (pt_store_failed_unique(p)) {
		pt_store_statement_failed(p);
		return pt_error(p, PORTAL_EEXISTS, NULL,
			"invoice number %s is taken", inv->number);
	}
	return pt_store_fail(p, "adding an invoice");
}

int pt_store_invoice_get(portal_invoice **out, portal *p, portal_id id)
{
	pt_stmt *st = pt_stmt_get(p, INVOICE_SELECT " WHERE i.id = ?1");
	int err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	PT_STORE_ONE(p, st, out, invoice_from_row, "invoice", id, err);
	return err;
}

int pt_store_invoice_find(portal_id *out, portal *p, const char *number_key)
{
	return find_by_number(out, p,
		pt_stmt_get(p, "SELECT id FROM invoices WHERE number_key = ?1"), number_key, "invoice");
}

int pt_store_invoice_foreach(portal *p, portal_id client_id, portal_id job_id,
	int (*cb)(portal_invoice *inv, void *ctx), void *ctx)
{
	/* One client's rows through their index (sql.h). */
	static const char sql_all[] = INVOICE_SELECT
		" WHERE ?1 = 0 OR i.job_id = ?1"
		" ORDER BY coalesce(i.issued_at, i.created_at) DESC, i.id DESC";
	static const char sql_client[] = INVOICE_SELECT
		" WHERE i.client_id = ?1 AND (?2 = 0 OR i.job_id = ?2)"
		" ORDER BY coalesce(i.issued_at, i.created_at) DESC, i.id DESC";
	pt_stmt *st;
	int n, err = PORTAL_OK;

	if ((st = pt_stmt_client(p, client_id, sql_client, sql_all, &n)) == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, n, job_id);
	PT_STORE_WALK(p, st, portal_invoice, invoice_from_row, portal_invoice_free,
		cb, ctx, "listing invoices", err);
	pt_stmt_done(st);
	return err;
}

int pt_store_invoice_issue(portal *p, portal_id id, portal_time issued_at,
	portal_time due_at, int32_t tax_rate)
{
	pt_stmt *st = pt_stmt_get(p,
		"UPDATE invoices SET issued_at = ?2, due_at = ?3, tax_rate = ?4 WHERE id = ?1");

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int64(st, 2, issued_at);
	pt_bind_int64(st, 3, due_at);
	pt_bind_int(st, 4, tax_rate);
	return pt_store_exec(p, st, "issuing an invoice");
}

int pt_store_invoice_void(portal *p, portal_id id, portal_time at, const char *reason)
{
	pt_stmt *st = pt_stmt_get(p,
		"UPDATE invoices SET voided_at = ?2, void_reason = ?3 WHERE id = ?1");

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int64(st, 2, at);
	pt_bind_text(st, 3, reason);
	return pt_store_exec(p, st, "voiding an invoice");
}

int pt_store_invoice_set_estimate(portal *p, portal_id id, portal_id estimate_id)
{
	pt_stmt *st = pt_stmt_get(p,
		"UPDATE invoices SET estimate_id = ?2 WHERE id = ?1 AND estimate_id IS NULL");

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	pt_bind_int64(st, 2, estimate_id);
	return pt_store_exec(p, st, "linking an invoice to its estimate");
}

int pt_store_invoice_job_draft(portal_id *out, portal *p, portal_id job_id)
{
	pt_stmt *st = pt_stmt_get(p,
		"SELECT id FROM invoices WHERE job_id = ?1 AND issued_at IS NULL"
		" AND voided_at IS NULL ORDER BY id DESC LIMIT 1");
	int rc;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, job_id);
	rc = pt_step(st);
	*out = rc == PT_ROW ? pt_col_int64(st, 0) : 0;
	pt_stmt_done(st);
	return rc == PT_ROW || rc == PT_DONE ? PORTAL_OK :
		pt_store_fail(p, "finding a job's draft invoice");
}

int pt_store_job_service_fees(portal_money *amount, int *taxable, portal *p,
	portal_id job_id)
{
	/* Fee lines are positive, so (q * u + 500) / 1000 rounds them as
	 * portal_line_amount() does. */
	pt_stmt *st = pt_stmt_get(p,
		"SELECT coalesce(sum((l.quantity * l.unit_price + 500) / 1000), 0),"
		" coalesce(max(l.taxable), 0)"
		" FROM invoice_lines l JOIN invoices i ON i.id = l.invoice_id"
		" WHERE i.job_id = ?1 AND i.voided_at IS NULL AND l.kind = ?2");
	int rc;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, job_id);
	pt_bind_int(st, 2, PORTAL_LINE_SERVICE_CALL_FEE);
	rc = pt_step(st);
	if (rc == PT_ROW) {
		*amount = pt_col_int64(st, 0);
		*taxable = pt_col_int(st, 1);
	}
	pt_stmt_done(st);
	return rc == PT_ROW ? PORTAL_OK : pt_store_fail(p, "reading service call fees");
}

int pt_store_job_has_rule_line(int *out, portal *p, portal_id job_id, const char *rule)
{
	/* 1 or 0, not a truth value PostgreSQL would give as a boolean. */
	pt_stmt *st = pt_stmt_get(p,
		"SELECT CASE WHEN EXISTS (SELECT 1 FROM invoice_lines l"
		" JOIN invoices i ON i.id = l.invoice_id"
		" WHERE i.job_id = ?1 AND i.voided_at IS NULL AND l.rule = ?2) THEN 1 ELSE 0 END");
	int rc;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, job_id);
	pt_bind_text(st, 2, rule);
	rc = pt_step(st);
	if (rc == PT_ROW)
		*out = pt_col_int(st, 0);
	pt_stmt_done(st);
	return rc == PT_ROW ? PORTAL_OK : pt_store_fail(p, "reading a job's invoices");
}

int pt_store_invoice_rule_line(portal_id *out, portal *p, portal_id invoice_id,
	const char *rule)
{
	pt_stmt *st = pt_stmt_get(p,
		"SELECT id FROM invoice_lines WHERE invoice_id = ?1 AND rule = ?2"
		" ORDER BY position LIMIT 1");
	int rc;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, invoice_id);
	pt_bind_text(st, 2, rule);
	*out = 0;
	rc = pt_step(st);
	if (rc == PT_ROW)
		*out = pt_col_int64(st, 0);
	pt_stmt_done(st);
	return rc == PT_ROW || rc == PT_DONE ? PORTAL_OK :
		pt_store_fail(p, "reading an invoice's lines");
}
