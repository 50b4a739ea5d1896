/* SPDX-License-Identifier: MIT */
/*
 * store_transfer.c - storage of a whole shop moving out and in.
 *
 * Each kind of record has a SELECT that reads every column worth taking
 * along, in id order, and an INSERT that writes the same columns back by
 * name. What no kind reads stays home: the shop's secret key (secrets),
 * secure links (access_links: their token hashes are keyed by that
 * secret, and a link is a key to the customer's records), sessions (their
 * id and CSRF hashes are live logins), and the lookup rate limits
 * (lookup_failures, lookup_locks: the running portal's counters, not
 * records). The derived columns (house_key, number_key) are recomputed.
 */
#include "sql.h"
#include "store_transfer.h"

#include <string.h>

typedef struct transfer_sql {
	const char *select;
	const char *insert;
} transfer_sql;

/* Indexed by pt_transfer_kind. */
static const transfer_sql kind_sql[PT_TRANSFER_KIND_COUNT] = {
	[PT_TRANSFER_CLIENTS] = {
		"SELECT id, name, email, phone, sms_consent, sms_consent_at, portal_enabled,"
		" hidden_sections, notes, created_at FROM clients ORDER BY id",
		"INSERT INTO clients (id, name, email, phone, sms_consent, sms_consent_at,"
		" portal_enabled, hidden_sections, notes, created_at) VALUES (:id, :name, :email,"
		" :phone, :sms_consent, :sms_consent_at, :portal_enabled, :hidden_sections, :notes,"
		" :created_at)" },
	[PT_TRANSFER_ADDRESSES] = {
		"SELECT id, client_id, house_number, unit, street, city, region, postal_code,"
		" country, latitude, longitude, created_at FROM addresses ORDER BY id",
		"INSERT INTO addresses (id, client_id, house_number, house_key, unit, street, city,"
		" region, postal_code, country, latitude, longitude, created_at) VALUES (:id,"
		" :client_id, :house_number, :house_key, :unit, :street, :city, :region,"
		" :postal_code, :country, :latitude, :longitude, :created_at)" },
	[PT_TRANSFER_ASSETS] = {
		"SELECT id, client_id, kind, category, make, model, serial, vin, year, acquired_on,"
		" notes, created_at FROM assets ORDER BY id",
		"INSERT INTO assets (id, client_id, kind, category, make, model, serial, vin, year,"
		" acquired_on, notes, created_at) VALUES (:id, :client_id, :kind, :category, :make,"
		" :model, :serial, :vin, :year, :acquired_on, :notes, :created_at)" },
	[PT_TRANSFER_TECHNICIANS] = {
		"SELECT id, name, phone, active, created_at FROM technicians ORDER BY id",
		"INSERT INTO technicians (id, name, phone, active, created_at)"
		" VALUES (:id, :name, :phone, :active, :created_at)" },
	[PT_TRANSFER_TECHNICIAN_POSITIONS] = {
		"SELECT technician_id, latitude, longitude, accuracy_m, at"
		" FROM technician_positions ORDER BY technician_id",
		"INSERT INTO technician_positions (technician_id, latitude, longitude, accuracy_m, at)"
		" VALUES (:technician_id, :latitude, :longitude, :accuracy_m, :at)" },
	[PT_TRANSFER_JOBS] = {
		"SELECT id, client_id, asset_id, address_id, warranty_of_job_id, problem, created_at"
		" FROM jobs ORDER BY id",
		"INSERT INTO jobs (id, client_id, asset_id, address_id, warranty_of_job_id, problem,"
		" created_at) VALUES (:id, :client_id, :asset_id, :address_id, :warranty_of_job_id,"
		" :problem, :created_at)" },
	[PT_TRANSFER_JOB_EVENTS] = {
		"SELECT id, job_id, status, at, note FROM job_events ORDER BY id",
		"INSERT INTO job_events (id, job_id, status, at, note)"
		" VALUES (:id, :job_id, :status, :at, :note)" },
	[PT_TRANSFER_INSPECTIONS] = {
		"SELECT id, client_id, job_id, asset_id, technician_id, inspected_at, summary,"
		" created_at FROM inspections ORDER BY id",
		"INSERT INTO inspections (id, client_id, job_id, asset_id, technician_id,"
		" inspected_at, summary, created_at) VALUES (:id, :client_id, :job_id, :asset_id,"
		" :technician_id, :inspected_at, :summary, :created_at)" },
	[PT_TRANSFER_INSPECTION_ITEMS] = {
		"SELECT id, inspection_id, position, item, condition, note, recommendation,"
		" recommended_price FROM inspection_items ORDER BY id",
		"INSERT INTO inspection_items (id, inspection_id, position, item, condition, note,"
		" recommendation, recommended_price) VALUES (:id, :inspection_id, :position, :item,"
		" :condition, :note, :recommendation, :recommended_price)" },
	[PT_TRANSFER_ESTIMATES] = {
		"SELECT id, number, client_id, job_id, issued_at, valid_until, tax_rate, decided_at,"
		" approver_name, notes, created_at FROM estimates ORDER BY id",
		"INSERT INTO estimates (id, number, client_id, job_id, issued_at, valid_until,"
		" tax_rate, decided_at, approver_name, notes, created_at) VALUES (:id, :number,"
		" :client_id, :job_id, :issued_at, :valid_until, :tax_rate, :decided_at,"
		" :approver_name, :notes, :created_at)" },
	[PT_TRANSFER_ESTIMATE_LINES] = {
		"SELECT id, estimate_id, position, kind, description, quantity, unit_price, taxable,"
		" decision, decided_at, decided_by, inspection_item_id FROM estimate_lines ORDER BY id",
		"INSERT INTO estimate_lines (id, estimate_id, position, kind, description, quantity,"
		" unit_price, taxable, decision, decided_at, decided_by, inspection_item_id) VALUES"
		" (:id, :estimate_id, :position, :kind, :description, :quantity, :unit_price,"
		" :taxable, :decision, :decided_at, :decided_by, :inspection_item_id)" },
	[PT_TRANSFER_INVOICES] = {
		"SELECT id, number, client_id, job_id, estimate_id, issued_at, due_at, tax_rate,"
		" voided_at, void_reason, notes, created_at FROM invoices ORDER BY id",
		"INSERT INTO invoices (id, number, number_key, client_id, job_id, estimate_id,"
		" issued_at, due_at, tax_rate, voided_at, void_reason, notes, created_at) VALUES"
		" (:id, :number, :number_key, :client_id, :job_id, :estimate_id, :issued_at, :due_at,"
		" :tax_rate, :voided_at, :void_reason, :notes, :created_at)" },
	[PT_TRANSFER_APPOINTMENTS] = {
		"SELECT id, client_id, job_id, address_id, technician_id, window_start, window_end,"
		" status, door_code, eta_at, status_at, cancelled_at, fee_invoice_id, notes,"
		" created_at FROM appointments ORDER BY id",
		"INSERT INTO appointments (id, client_id, job_id, address_id, technician_id,"
		" window_start, window_end, status, door_code, eta_at, status_at, cancelled_at,"
		" fee_invoice_id, notes, created_at) VALUES (:id, :client_id, :job_id, :address_id,"
		" :technician_id, :window_start, :window_end, :status, :door_code, :eta_at,"
		" :status_at, :cancelled_at, :fee_invoice_id, :notes, :created_at)" },
	[PT_TRANSFER_INVOICE_LINES] = {
		"SELECT id, invoice_id, position, kind, description, quantity, unit_price, taxable,"
		" estimate_line_id, appointment_id, rule FROM invoice_lines ORDER BY id",
		"INSERT INTO invoice_lines (id, invoice_id, position, kind, description, quantity,"
		" unit_price, taxable, estimate_line_id, appointment_id, rule) VALUES (:id,"
		" :invoice_id, :position, :kind, :description, :quantity, :unit_price, :taxable,"
		" :estimate_line_id, :appointment_id, :rule)" },
	[PT_TRANSFER_PAYMENTS] = {
		"SELECT id, client_id, invoice_id, amount, method, received_at, reference, refund_of,"
		" reason, created_at FROM payments ORDER BY id",
		"INSERT INTO payments (id, client_id, invoice_id, amount, method, received_at,"
		" reference, refund_of, reason, created_at) VALUES (:id, :client_id, :invoice_id,"
		" :amount, :method, :received_at, :reference, :refund_of, :reason, :created_at)" },
	[PT_TRANSFER_REMINDERS] = {
		"SELECT id, asset_id, description, interval_days, due_on, last_done_on, created_at"
		" FROM reminders ORDER BY id",
		"INSERT INTO reminders (id, asset_id, description, interval_days, due_on,"
		" last_done_on, created_at) VALUES (:id, :asset_id, :description, :interval_days,"
		" :due_on, :last_done_on, :created_at)" },
	[PT_TRANSFER_NOTIFICATIONS] = {
		"SELECT id, client_id, at, kind, subject_id, text, read_at FROM notifications"
		" ORDER BY id",
		"INSERT INTO notifications (id, client_id, at, kind, subject_id, text, read_at)"
		" VALUES (:id, :client_id, :at, :kind, :subject_id, :text, :read_at)" },
	[PT_TRANSFER_CHAT_MESSAGES] = {
		"SELECT id, client_id, at, from_shop, body, read_at FROM chat_messages ORDER BY id",
		"INSERT INTO chat_messages (id, client_id, at, from_shop, body, read_at)"
		" VALUES (:id, :client_id, :at, :from_shop, :body, :read_at)" },
	[PT_TRANSFER_REQUESTS] = {
		"SELECT id, client_id, kind, content, job_id, status, created_at, resolved_at,"
		" resolution, appointment_id FROM requests ORDER BY id",
		"INSERT INTO requests (id, client_id, kind, content, job_id, status, created_at,"
		" resolved_at, resolution, appointment_id) VALUES (:id, :client_id, :kind, :content,"
		" :job_id, :status, :created_at, :resolved_at, :resolution, :appointment_id)" },
	[PT_TRANSFER_OUTBOX] = {
		"SELECT id, client_id, channel, kind, recipient, message, created_at, not_before,"
		" attempts, last_error, delivered_at, status, subject_id, segments FROM outbox"
		" ORDER BY id",
		"INSERT INTO outbox (id, client_id, channel, kind, recipient, message, created_at,"
		" not_before, attempts, last_error, delivered_at, status, subject_id, segments)"
		" VALUES (:id, :client_id, :channel, :kind, :recipient, :message, :created_at,"
		" :not_before, :attempts, :last_error, :delivered_at, :status, :subject_id,"
		" :segments)" },
	[PT_TRANSFER_AUDIT_LOG] = {
		"SELECT id, at, source_addr, client_id, event, outcome, detail FROM audit_log"
		" ORDER BY id",
		"INSERT INTO audit_log (id, at, source_addr, client_id, event, outcome, detail)"
		" VALUES (:id, :at, :source_addr, :client_id, :event, :outcome, :detail)" },
};

/* The widest kind has 15 columns. */
#define MAX_COLUMNS 24

static void row_values(pt_stmt *st, pt_transfer_value *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		int c = (int)i;

		memset(&v[i], 0, sizeof(v[i]));
		v[i].name = pt_col_name(st, c);
		switch (pt_col_type_of(st, c)) {
		case PT_COL_NULL:
			v[i].type = PT_VALUE_NULL;
			break;
		case PT_COL_INT:
			v[i].type = PT_VALUE_INT;
			v[i].i = pt_col_int64(st, c);
			break;
		case PT_COL_REAL:
			v[i].type = PT_VALUE_REAL;
			v[i].d = pt_col_double(st, c);
			break;
		case PT_COL_BLOB:
			v[i].type = PT_VALUE_BLOB;
			v[i].s = (const char *)pt_col_blob(st, c, &v[i].len);
			break;
		default:
			v[i].type = PT_VALUE_TEXT;
			v[i].s = pt_col_text(st, c);
			if (v[i].s == NULL)
				v[i].s = "";
			break;
		}
	}
}

/* Every row `sql` reads, as named values. */
static int walk_rows(portal *p, const char *sql,
	int (*cb)(const pt_transfer_value *values, size_t n, void *ctx), void *ctx)
{
	pt_transfer_value values[MAX_COLUMNS];
	pt_stmt *st;
	size_t n;
	int rc = PT_DONE, err = PORTAL_OK;

	if ((st = pt_stmt_walk(p, sql)) == NULL)
		return PORTAL_ESTORE;
	while (err == 0 && (rc = pt_step(st)) == PT_ROW) {
		/* A server database tells a statement's columns with its
		 * first row. */
		if ((n = (size_t)pt_col_count(st)) > MAX_COLUMNS) {
			err = pt_error(p, PORTAL_ERROR, NULL, "too many columns to export");
			break;
		}
		row_values(st, values, n);
		err = cb(values, n, ctx);
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading the shop's records");
	pt_stmt_done(st);
	return err;
}

int pt_store_transfer_walk(portal *p, pt_transfer_kind kind,
	int (*cb)(const pt_transfer_value *values, size_t n, void *ctx), void *ctx)
{
	if ((unsigned)kind >= PT_TRANSFER_KIND_COUNT)
		return pt_error(p, PORTAL_ERROR, NULL, "no such kind of record");
	return walk_rows(p, kind_sql[kind].select, cb, ctx);
}

int pt_store_transfer_settings(portal *p,
	int (*cb)(const char *key, const char *value, void *ctx), void *ctx)
{
	static const char sql[] = "SELECT key, value FROM settings ORDER BY key";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc = PT_DONE, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	while (err == 0 && (rc = pt_step(st)) == PT_ROW) {
		const char *key = pt_col_text(st, 0);
		const char *value = pt_col_text(st, 1);
		err = cb(key ? key : "", value ? value : "", ctx);
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading the settings");
	pt_stmt_done(st);
	return err;
}

int pt_store_transfer_has_records(int *out, portal *p)
{
	static const char sql[] =
		"SELECT CASE WHEN EXISTS (SELECT 1 FROM clients)"
		" OR EXISTS (SELECT 1 FROM technicians)"
		" OR EXISTS (SELECT 1 FROM technician_positions) OR EXISTS (SELECT 1 FROM audit_log)"
		" OR EXISTS (SELECT 1 FROM outbox) OR EXISTS (SELECT 1 FROM access_links)"
		" OR EXISTS (SELECT 1 FROM sessions) THEN 1 ELSE 0 END";
	pt_stmt *st = pt_stmt_get(p, sql);
	int rc, err = PORTAL_OK;

	/* Every other record belongs to a client, so these tables are enough.
	 * The answer is 1 or 0, not a truth value PostgreSQL would give as a
	 * boolean. */
	*out = 0;
	if (st == NULL)
		return PORTAL_ESTORE;
	rc = pt_step(st);
	if (rc == PT_ROW)
		*out = pt_col_int(st, 0);
	else
		err = pt_store_fail(p, "counting the shop's records");
	pt_stmt_done(st);
	return err;
}

int pt_store_transfer_prepare(portal *p)
{
	static const char sql_clear[] = "DELETE FROM settings";
	/* An import writes records that name records written later in the
	 * same transaction; references are checked at its commit. */
	static const char sql_defer_sqlite[] = "PRAGMA defer_foreign_keys = ON";
	static const char sql_defer_pg[] = "SET CONSTRAINTS ALL DEFERRED";
	pt_stmt *st;
	int err;

	if ((st = pt_stmt_get(p, sql_clear)) == NULL)
		return PORTAL_ESTORE;
	if ((err = pt_store_exec(p, st, "clearing the settings")) < 0)
		return err;
	if ((st = pt_stmt_get(p, PT_SQL_DIALECT(p, sql_defer_sqlite, sql_defer_pg))) == NULL)
		return PORTAL_ESTORE;
	return pt_store_exec(p, st, "deferring reference checks");
}

static const pt_transfer_value *find_value(const pt_transfer_value *v, size_t n,
	const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return &v[i];
	return NULL;
}

static int bind_value(pt_stmt *st, int i, const pt_transfer_value *v)
{
	switch (v->type) {
	case PT_VALUE_INT: return pt_bind_int64(st, i, v->i);
	case PT_VALUE_REAL: return pt_bind_double(st, i, v->d);
	case PT_VALUE_TEXT: return pt_bind_text(st, i, v->s);
	case PT_VALUE_BLOB: return pt_bind_blob(st, i, v->s, v->len);
	default: return pt_bind_null(st, i);
	}
}

/* Write one row with `sql`, each parameter given the value of its name. */
static int insert_row(portal *p, const char *sql, const pt_transfer_value *values, size_t n)
{
	pt_stmt *st;
	int count, rc;

	if ((st = pt_stmt_get(p, sql)) == NULL)
		return PORTAL_ESTORE;
	count = pt_param_count(st);
	for (int i = 1; i <= count; i++) {
		const char *name = pt_param_name(st, i);
		const pt_transfer_value *v = find_value(values, n, name + 1);

		if (v == NULL) {
			pt_stmt_done(st);
			return pt_error(p, PORTAL_ERROR, NULL, "no value for %s", name + 1);
		}
		if (bind_value(st, i, v) != 0) {
			pt_stmt_done(st);
			return pt_store_fail(p, "writing a record");
		}
	}
	rc = pt_step(st);
	if (rc == PT_DONE) {
		pt_stmt_done(st);
		return PORTAL_OK;
	}
	/* A constraint is the document's fault (two records with one id or
	 * number), said in the engine's words; anything else is the store's. */
	if (pt_store_failed_constraint(p)) {
		pt_store_statement_failed(p);
		rc = pt_error(p, PORTAL_EINVAL, NULL,
			"another record has the same id or number, or a value is out of range (%s)",
			pt_store_errmsg(p));
		pt_stmt_done(st);
		return rc;
	}
	rc = pt_store_fail(p, "writing a record");
	pt_stmt_done(st);
	return rc;
}

int pt_store_transfer_insert(portal *p, pt_transfer_kind kind,
	const pt_transfer_value *values, size_t n)
{
	if ((unsigned)kind >= PT_TRANSFER_KIND_COUNT)
		return pt_error(p, PORTAL_ERROR, NULL, "no such kind of record");
	return insert_row(p, kind_sql[kind].insert, values, n);
}

/*
 * Every table of a shop, every column, for a move that keeps everything
 * (portal_host_shop_move()): the shop's secret, its links and sessions
 * and its lookup counters too, each row as it is, derived columns and
 * all. The same tables and columns on both engines (pg_schema.c).
 */
static const struct {
	const char *table;
	const char *select;
	const char *insert;
} move_sql[PT_MOVE_TABLE_COUNT] = {
	{ "access_links",
		"SELECT id, client_id, job_id, token_hash, created_at, expires_at,"
		" last_used_at, revoked_at FROM access_links ORDER BY id",
		"INSERT INTO access_links (id, client_id, job_id, token_hash,"
		" created_at, expires_at, last_used_at, revoked_at) VALUES (:id,"
		" :client_id, :job_id, :token_hash, :created_at, :expires_at,"
		" :last_used_at, :revoked_at)" },
	{ "addresses",
		"SELECT id, client_id, house_number, house_key, unit, street, city,"
		" region, postal_code, country, latitude, longitude, created_at FROM"
		" addresses ORDER BY id",
		"INSERT INTO addresses (id, client_id, house_number, house_key, unit,"
		" street, city, region, postal_code, country, latitude, longitude,"
		" created_at) VALUES (:id, :client_id, :house_number, :house_key,"
		" :unit, :street, :city, :region, :postal_code, :country, :latitude,"
		" :longitude, :created_at)" },
	{ "appointments",
		"SELECT id, client_id, job_id, address_id, technician_id,"
		" window_start, window_end, status, door_code, eta_at, status_at,"
		" cancelled_at, fee_invoice_id, notes, created_at FROM appointments"
		" ORDER BY id",
		"INSERT INTO appointments (id, client_id, job_id, address_id,"
		" technician_id, window_start, window_end, status, door_code, eta_at,"
		" status_at, cancelled_at, fee_invoice_id, notes, created_at) VALUES"
		" (:id, :client_id, :job_id, :address_id, :technician_id,"
		" :window_start, :window_end, :status, :door_code, :eta_at,"
		" :status_at, :cancelled_at, :fee_invoice_id, :notes, :created_at)" },
	{ "assets",
		"SELECT id, client_id, kind, category, make, model, serial, vin,"
		" year, acquired_on, notes, created_at FROM assets ORDER BY id",
		"INSERT INTO assets (id, client_id, kind, category, make, model,"
		" serial, vin, year, acquired_on, notes, created_at) VALUES (:id,"
		" :client_id, :kind, :category, :make, :model, :serial, :vin, :year,"
		" :acquired_on, :notes, :created_at)" },
	{ "audit_log",
		"SELECT id, at, source_addr, client_id, event, outcome, detail FROM"
		" audit_log ORDER BY id",
		"INSERT INTO audit_log (id, at, source_addr, client_id, event,"
		" outcome, detail) VALUES (:id, :at, :source_addr, :client_id,"
		" :event, :outcome, :detail)" },
	{ "chat_messages",
		"SELECT id, client_id, at, from_shop, body, read_at FROM"
		" chat_messages ORDER BY id",
		"INSERT INTO chat_messages (id, client_id, at, from_shop, body,"
		" read_at) VALUES (:id, :client_id, :at, :from_shop, :body, :read_at)" },
	{ "clients",
		"SELECT id, name, email, phone, sms_consent, sms_consent_at,"
		" portal_enabled, hidden_sections, notes, created_at FROM clients"
		" ORDER BY id",
		"INSERT INTO clients (id, name, email, phone, sms_consent,"
		" sms_consent_at, portal_enabled, hidden_sections, notes, created_at)"
		" VALUES (:id, :name, :email, :phone, :sms_consent, :sms_consent_at,"
		" :portal_enabled, :hidden_sections, :notes, :created_at)" },
	{ "estimate_lines",
		"SELECT id, estimate_id, position, kind, description, quantity,"
		" unit_price, taxable, decision, decided_at, inspection_item_id,"
		" decided_by FROM estimate_lines ORDER BY id",
		"INSERT INTO estimate_lines (id, estimate_id, position, kind,"
		" description, quantity, unit_price, taxable, decision, decided_at,"
		" inspection_item_id, decided_by) VALUES (:id, :estimate_id,"
		" :position, :kind, :description, :quantity, :unit_price, :taxable,"
		" :decision, :decided_at, :inspection_item_id, :decided_by)" },
	{ "estimates",
		"SELECT id, number, client_id, job_id, issued_at, valid_until,"
		" tax_rate, decided_at, approver_name, notes, created_at FROM"
		" estimates ORDER BY id",
		"INSERT INTO estimates (id, number, client_id, job_id, issued_at,"
		" valid_until, tax_rate, decided_at, approver_name, notes,"
		" created_at) VALUES (:id, :number, :client_id, :job_id, :issued_at,"
		" :valid_until, :tax_rate, :decided_at, :approver_name, :notes,"
		" :created_at)" },
	{ "inspection_items",
		"SELECT id, inspection_id, position, item, condition, note,"
		" recommendation, recommended_price FROM inspection_items ORDER BY id",
		"INSERT INTO inspection_items (id, inspection_id, position, item,"
		" condition, note, recommendation, recommended_price) VALUES (:id,"
		" :inspection_id, :position, :item, :condition, :note,"
		" :recommendation, :recommended_price)" },
	{ "inspections",
		"SELECT id, client_id, job_id, asset_id, technician_id, inspected_at,"
		" summary, created_at FROM inspections ORDER BY id",
		"INSERT INTO inspections (id, client_id, job_id, asset_id,"
		" technician_id, inspected_at, summary, created_at) VALUES (:id,"
		" :client_id, :job_id, :asset_id, :technician_id, :inspected_at,"
		" :summary, :created_at)" },
	{ "invoice_lines",
		"SELECT id, invoice_id, position, kind, description, quantity,"
		" unit_price, taxable, estimate_line_id, appointment_id, rule FROM"
		" invoice_lines ORDER BY id",
		"INSERT INTO invoice_lines (id, invoice_id, position, kind,"
		" description, quantity, unit_price, taxable, estimate_line_id,"
		" appointment_id, rule) VALUES (:id, :invoice_id, :position, :kind,"
		" :description, :quantity, :unit_price, :taxable, :estimate_line_id,"
		" :appointment_id, :rule)" },
	{ "invoices",
		"SELECT id, number, number_key, client_id, job_id, estimate_id,"
		" issued_at, due_at, tax_rate, voided_at, void_reason, notes,"
		" created_at FROM invoices ORDER BY id",
		"INSERT INTO invoices (id, number, number_key, client_id, job_id,"
		" estimate_id, issued_at, due_at, tax_rate, voided_at, void_reason,"
		" notes, created_at) VALUES (:id, :number, :number_key, :client_id,"
		" :job_id, :estimate_id, :issued_at, :due_at, :tax_rate, :voided_at,"
		" :void_reason, :notes, :created_at)" },
	{ "job_events",
		"SELECT id, job_id, status, at, note FROM job_events ORDER BY id",
		"INSERT INTO job_events (id, job_id, status, at, note) VALUES (:id,"
		" :job_id, :status, :at, :note)" },
	{ "jobs",
		"SELECT id, client_id, asset_id, address_id, warranty_of_job_id,"
		" problem, created_at FROM jobs ORDER BY id",
		"INSERT INTO jobs (id, client_id, asset_id, address_id,"
		" warranty_of_job_id, problem, created_at) VALUES (:id, :client_id,"
		" :asset_id, :address_id, :warranty_of_job_id, :problem, :created_at)" },
	{ "lookup_failures",
		"SELECT id, scope, subject, at FROM lookup_failures ORDER BY id",
		"INSERT INTO lookup_failures (id, scope, subject, at) VALUES (:id,"
		" :scope, :subject, :at)" },
	{ "lookup_locks",
		"SELECT scope, subject, until FROM lookup_locks ORDER BY scope,"
		" subject",
		"INSERT INTO lookup_locks (scope, subject, until) VALUES (:scope,"
		" :subject, :until)" },
	{ "notifications",
		"SELECT id, client_id, at, kind, subject_id, text, read_at FROM"
		" notifications ORDER BY id",
		"INSERT INTO notifications (id, client_id, at, kind, subject_id,"
		" text, read_at) VALUES (:id, :client_id, :at, :kind, :subject_id,"
		" :text, :read_at)" },
	{ "outbox",
		"SELECT id, client_id, channel, kind, recipient, message, created_at,"
		" not_before, attempts, last_error, delivered_at, status, subject_id,"
		" segments FROM outbox ORDER BY id",
		"INSERT INTO outbox (id, client_id, channel, kind, recipient,"
		" message, created_at, not_before, attempts, last_error,"
		" delivered_at, status, subject_id, segments) VALUES (:id,"
		" :client_id, :channel, :kind, :recipient, :message, :created_at,"
		" :not_before, :attempts, :last_error, :delivered_at, :status,"
		" :subject_id, :segments)" },
	{ "payments",
		"SELECT id, client_id, invoice_id, amount, method, received_at,"
		" reference, refund_of, reason, created_at FROM payments ORDER BY id",
		"INSERT INTO payments (id, client_id, invoice_id, amount, method,"
		" received_at, reference, refund_of, reason, created_at) VALUES (:id,"
		" :client_id, :invoice_id, :amount, :method, :received_at,"
		" :reference, :refund_of, :reason, :created_at)" },
	{ "reminders",
		"SELECT id, asset_id, description, interval_days, due_on,"
		" last_done_on, created_at FROM reminders ORDER BY id",
		"INSERT INTO reminders (id, asset_id, description, interval_days,"
		" due_on, last_done_on, created_at) VALUES (:id, :asset_id,"
		" :description, :interval_days, :due_on, :last_done_on, :created_at)" },
	{ "requests",
		"SELECT id, client_id, kind, content, job_id, status, created_at,"
		" resolved_at, resolution, appointment_id FROM requests ORDER BY id",
		"INSERT INTO requests (id, client_id, kind, content, job_id, status,"
		" created_at, resolved_at, resolution, appointment_id) VALUES (:id,"
		" :client_id, :kind, :content, :job_id, :status, :created_at,"
		" :resolved_at, :resolution, :appointment_id)" },
	{ "secrets",
		"SELECT name, value FROM secrets ORDER BY name",
		"INSERT INTO secrets (name, value) VALUES (:name, :value)" },
	{ "sessions",
		"SELECT id, client_id, job_id, link_id, id_hash, csrf_hash,"
		" source_addr, created_at, last_seen_at, ended_at, end_reason FROM"
		" sessions ORDER BY id",
		"INSERT INTO sessions (id, client_id, job_id, link_id, id_hash,"
		" csrf_hash, source_addr, created_at, last_seen_at, ended_at,"
		" end_reason) VALUES (:id, :client_id, :job_id, :link_id, :id_hash,"
		" :csrf_hash, :source_addr, :created_at, :last_seen_at, :ended_at,"
		" :end_reason)" },
	{ "settings",
		"SELECT key, value FROM settings ORDER BY key",
		"INSERT INTO settings (key, value) VALUES (:key, :value)" },
	{ "technician_positions",
		"SELECT technician_id, latitude, longitude, accuracy_m, at FROM"
		" technician_positions ORDER BY technician_id",
		"INSERT INTO technician_positions (technician_id, latitude,"
		" longitude, accuracy_m, at) VALUES (:technician_id, :latitude,"
		" :longitude, :accuracy_m, :at)" },
	{ "technicians",
		"SELECT id, name, phone, active, created_at FROM technicians ORDER BY"
		" id",
		"INSERT INTO technicians (id, name, phone, active, created_at) VALUES"
		" (:id, :name, :phone, :active, :created_at)" },
};

int pt_store_move_walk(portal *p, int table,
	int (*cb)(const pt_transfer_value *values, size_t n, void *ctx), void *ctx)
{
	if (table < 0 || table >= PT_MOVE_TABLE_COUNT)
		return pt_error(p, PORTAL_ERROR, NULL, "no such table");
	return walk_rows(p, move_sql[table].select, cb, ctx);
}

int pt_store_move_insert(portal *p, int table, const pt_transfer_value *values, size_t n)
{
	if (table < 0 || table >= PT_MOVE_TABLE_COUNT)
		return pt_error(p, PORTAL_ERROR, NULL, "no such table");
	return insert_row(p, move_sql[table].insert, values, n);
}
