/* SPDX-License-Identifier: MIT */
/*
 * pg_schema.c - the PostgreSQL schema, as an ordered list of migrations.
 *
 * Migration N takes a database from schema version N-1 to N, as in
 * sqlite_schema.c, and a released migration is never edited. PostgreSQL
 * joined at SQLite's schema 7, so 7 is its baseline: an empty database
 * goes from 0 to 7 in one migration that makes the whole schema, and
 * migrations 1 to 6, which no PostgreSQL database has ever needed, are
 * empty. A later change to the schema is one migration here and one in
 * sqlite_schema.c, under the same number, so that a version means the
 * same tables on either engine.
 *
 * The tables are SQLite's schema 7: the same names, the same columns in
 * the same order, the same checks, defaults and uniqueness, in
 * PostgreSQL's words. Every INTEGER is a BIGINT, as ids, times and money
 * need 64 bits; REAL is DOUBLE PRECISION and BLOB is BYTEA; every TEXT is COLLATE "C", so that text is compared, sorted and
 * kept unique by its bytes, as SQLite's BINARY does, whatever locale the
 * server has. Only the final state of SQLite's history is made: the
 * COLLATE NOCASE and NOT GLOB indexes that later migrations dropped have
 * no counterpart here.
 *
 * One database holds many shops, listed in portal_shops. Every other
 * table holds one kind of a shop's records and ends with shop_id, so that
 * its other columns keep SQLite's order for the store's statements and
 * the export. shop_id leads every key and every index, and every
 * reference names it, so that a record can only point at a record of its
 * own shop. A connection names its shop in the setting portal.shop; the
 * new row takes it as its shop_id, and row-level security shows and lets
 * it change that shop's rows only. A connection that names no shop sees
 * nothing and writes nothing. The store's statements never mention
 * shop_id, and run as they do on SQLite.
 *
 * Ids are chosen as SQLite chooses those of an INTEGER PRIMARY KEY: when
 * a row comes without one, the shop's highest plus one. Each shop's ids
 * thus count from 1, as they did in the shop's own SQLite file, and an
 * import that writes ids leaves nothing, such as a sequence, behind them
 * to move. Writers hold the shop's write lock (pt_store_begin(),
 * store.h), so two of them never take the same id.
 */
#include "pg_schema.h"

#include <stdio.h>
#include <stdlib.h>

/* The last column of a table of a shop's records. A row that does not
 * name its shop is the connection's, so the store's INSERTs leave it out. */
#define SHOP_ID \
	"  shop_id BIGINT NOT NULL DEFAULT portal_current_shop()" \
	" REFERENCES portal_shops (id),"

/* A reference to a record of the same shop. It is DEFERRABLE so that an
 * import, which writes records that name records it writes later, can
 * have them checked at its commit (SET CONSTRAINTS ALL DEFERRED). */
#define SAME_SHOP(column, table) \
	"  FOREIGN KEY (shop_id, " column ") REFERENCES " table " (shop_id, id)" \
	" DEFERRABLE INITIALLY IMMEDIATE"

/* A table of a shop's records is seen and changed through the
 * connection's shop only. FORCE holds the tables' owner to it too, as the
 * owner may be the role that imports a shop. */
#define SHOP_ROWS(table) \
	"ALTER TABLE " table " ENABLE ROW LEVEL SECURITY;" \
	"ALTER TABLE " table " FORCE ROW LEVEL SECURITY;" \
	"CREATE POLICY " table "_shop ON " table \
	"  USING (shop_id = portal_current_shop())" \
	"  WITH CHECK (shop_id = portal_current_shop());"

/*
 * A table whose records have ids that the database chooses: the shop's
 * next id in the table, as SQLite gives it (writers hold the shop's lock).
 * A function per table, so that its query is planned once per connection
 * rather than at every row; its search path is the one the schema was
 * made with, so that no caller's path can point it at another table.
 */
#define NEXT_ID(table) \
	"CREATE FUNCTION " table "_next_id() RETURNS trigger" \
	"  LANGUAGE plpgsql SET search_path FROM CURRENT" \
	"  AS $$ BEGIN" \
	"    IF NEW.id IS NULL THEN" \
	"      SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM " table \
	"        WHERE shop_id = NEW.shop_id;" \
	"    END IF;" \
	"    RETURN NEW;" \
	"  END $$;" \
	"CREATE TRIGGER " table "_next_id BEFORE INSERT ON " table \
	"  FOR EACH ROW EXECUTE FUNCTION " table "_next_id();"

/* Every table under row-level security, for the privileges. */
#define SHOP_TABLES \
	"settings, secrets, clients, addresses, assets, technicians," \
	" technician_positions, jobs, job_events, inspections, inspection_items," \
	" estimates, estimate_lines, invoices, appointments, invoice_lines," \
	" payments, reminders, access_links, sessions, lookup_failures," \
	" lookup_locks, audit_log, notifications, chat_messages, requests, outbox"

static const char migration_7[] =
	/* The database's mark and schema version, which SQLite keeps in its
	 * file's header (PRAGMA application_id, user_version): one row, shared
	 * by every shop, as the schema is. */
	"CREATE TABLE portal_meta ("
	"  singleton BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),"
	"  application_id BIGINT NOT NULL,"
	"  schema_version BIGINT NOT NULL,"
	/* An address's failed lookups across all the host's shops that
	 * lock it out of every one (rules/lookup.c); 0: no such limit. */
	"  host_lookup_limit BIGINT NOT NULL DEFAULT 25 CHECK (host_lookup_limit >= 0)"
	");"

	/* The shops. A shop that leaves is disabled rather than deleted, as
	 * its records name it. A connection reads this table before it has
	 * chosen a shop, so it is not under row-level security. */
	"CREATE TABLE portal_shops ("
	"  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,"
	"  name TEXT COLLATE \"C\" NOT NULL UNIQUE CHECK (name <> ''),"
	"  created_at BIGINT NOT NULL,"
	"  disabled_at BIGINT"
	");"

	/* The connection's shop, or NULL when it names none. A setting that
	 * was set and then ended with its transaction reads as '', not as
	 * missing, hence nullif(). */
	/* Refuses a transaction of a disabled shop: every transaction of a
	 * shop calls it first (pg.c), so that disabling a shop stops the
	 * programs that have it open, not only those that open it next; they
	 * then answer as when the database cannot be reached. */
	"CREATE FUNCTION portal_shop_check(shop BIGINT) RETURNS void"
	"  LANGUAGE plpgsql STABLE SET search_path FROM CURRENT"
	"  AS $$ BEGIN"
	"    IF EXISTS (SELECT 1 FROM portal_shops WHERE id = shop AND disabled_at IS NOT NULL) THEN"
	"      RAISE EXCEPTION 'the shop is disabled' USING ERRCODE = 'PT001';"
	"    END IF;"
	"  END $$;"
	"CREATE FUNCTION portal_current_shop() RETURNS BIGINT"
	"  LANGUAGE sql STABLE"
	"  AS $$ SELECT nullif(current_setting('portal.shop', true), '')::bigint $$;"

	/* The shop's settings (portal/shop.h) and secrets that are never
	 * printed, such as the key that hashes access-link tokens. */
	"CREATE TABLE settings ("
	"  key TEXT COLLATE \"C\" NOT NULL,"
	"  value TEXT COLLATE \"C\" NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, key)"
	");"
	SHOP_ROWS("settings")
	"CREATE TABLE secrets ("
	"  name TEXT COLLATE \"C\" NOT NULL,"
	"  value BYTEA NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, name)"
	");"
	SHOP_ROWS("secrets")

	"CREATE TABLE clients ("
	"  id BIGINT NOT NULL,"
	"  name TEXT COLLATE \"C\" NOT NULL CHECK (name <> ''),"
	"  email TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  phone TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  sms_consent BIGINT NOT NULL DEFAULT 0 CHECK (sms_consent IN (0, 1)),"
	"  sms_consent_at BIGINT NOT NULL DEFAULT 0,"
	"  portal_enabled BIGINT NOT NULL DEFAULT 1 CHECK (portal_enabled IN (0, 1)),"
	"  hidden_sections TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  notes TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  created_at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id)"
	");"
	"CREATE INDEX clients_phone ON clients (shop_id, phone);"
	/* The order of the client list, PT_SQL_FOLD(name). */
	"CREATE INDEX clients_name_folded ON clients (shop_id, lower(name));"
	SHOP_ROWS("clients")
	NEXT_ID("clients")

	/* house_key is the house number as the lookup compares it. */
	"CREATE TABLE addresses ("
	"  id BIGINT NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  house_number TEXT COLLATE \"C\" NOT NULL CHECK (house_number <> ''),"
	"  house_key TEXT COLLATE \"C\" NOT NULL,"
	"  unit TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  street TEXT COLLATE \"C\" NOT NULL,"
	"  city TEXT COLLATE \"C\" NOT NULL,"
	"  region TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  postal_code TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  country TEXT COLLATE \"C\" NOT NULL DEFAULT 'CA',"
	"  latitude DOUBLE PRECISION,"
	"  longitude DOUBLE PRECISION,"
	"  created_at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("client_id", "clients")
	");"
	"CREATE INDEX addresses_client ON addresses (shop_id, client_id);"
	SHOP_ROWS("addresses")
	NEXT_ID("addresses")

	"CREATE TABLE assets ("
	"  id BIGINT NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  kind BIGINT NOT NULL CHECK (kind IN (1, 2)),"
	"  category TEXT COLLATE \"C\" NOT NULL,"
	"  make TEXT COLLATE \"C\" NOT NULL,"
	"  model TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  serial TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  vin TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  year BIGINT NOT NULL DEFAULT 0,"
	"  acquired_on TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  notes TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  created_at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("client_id", "clients")
	");"
	"CREATE INDEX assets_client ON assets (shop_id, client_id);"
	SHOP_ROWS("assets")
	NEXT_ID("assets")

	"CREATE TABLE technicians ("
	"  id BIGINT NOT NULL,"
	"  name TEXT COLLATE \"C\" NOT NULL CHECK (name <> ''),"
	"  phone TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  active BIGINT NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  created_at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id)"
	");"
	SHOP_ROWS("technicians")
	NEXT_ID("technicians")
	/* Only the latest position of each technician is kept: no history. */
	"CREATE TABLE technician_positions ("
	"  technician_id BIGINT NOT NULL,"
	"  latitude DOUBLE PRECISION NOT NULL,"
	"  longitude DOUBLE PRECISION NOT NULL,"
	"  accuracy_m DOUBLE PRECISION,"
	"  at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, technician_id),"
	SAME_SHOP("technician_id", "technicians")
	");"
	SHOP_ROWS("technician_positions")

	/* A job's status is the status of its latest event. */
	"CREATE TABLE jobs ("
	"  id BIGINT NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  asset_id BIGINT,"
	"  address_id BIGINT,"
	"  warranty_of_job_id BIGINT,"
	"  problem TEXT COLLATE \"C\" NOT NULL,"
	"  created_at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("client_id", "clients") ","
	SAME_SHOP("asset_id", "assets") ","
	SAME_SHOP("address_id", "addresses") ","
	SAME_SHOP("warranty_of_job_id", "jobs")
	");"
	"CREATE INDEX jobs_client ON jobs (shop_id, client_id);"
	SHOP_ROWS("jobs")
	NEXT_ID("jobs")
	"CREATE TABLE job_events ("
	"  id BIGINT NOT NULL,"
	"  job_id BIGINT NOT NULL,"
	"  status BIGINT NOT NULL CHECK (status BETWEEN 1 AND 12),"
	"  at BIGINT NOT NULL,"
	"  note TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("job_id", "jobs")
	");"
	"CREATE INDEX job_events_job ON job_events (shop_id, job_id, id);"
	SHOP_ROWS("job_events")
	NEXT_ID("job_events")

	/* Inspections come before estimates here, where SQLite has them after:
	 * an estimate line names an inspection item, and PostgreSQL makes a
	 * reference only to a table that exists. */
	"CREATE TABLE inspections ("
	"  id BIGINT NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  job_id BIGINT,"
	"  asset_id BIGINT,"
	"  technician_id BIGINT,"
	"  inspected_at BIGINT NOT NULL,"
	"  summary TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  created_at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("client_id", "clients") ","
	SAME_SHOP("job_id", "jobs") ","
	SAME_SHOP("asset_id", "assets") ","
	SAME_SHOP("technician_id", "technicians")
	");"
	"CREATE INDEX inspections_client ON inspections (shop_id, client_id);"
	"CREATE INDEX inspections_job ON inspections (shop_id, job_id);"
	SHOP_ROWS("inspections")
	NEXT_ID("inspections")
	/* condition: 1 good, 2 needs attention, 3 urgent. */
	"CREATE TABLE inspection_items ("
	"  id BIGINT NOT NULL,"
	"  inspection_id BIGINT NOT NULL,"
	"  position BIGINT NOT NULL,"
	"  item TEXT COLLATE \"C\" NOT NULL,"
	"  condition BIGINT NOT NULL CHECK (condition IN (1, 2, 3)),"
	"  note TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  recommendation TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  recommended_price BIGINT,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("inspection_id", "inspections")
	");"
	"CREATE INDEX inspection_items_inspection"
	"  ON inspection_items (shop_id, inspection_id, position);"
	SHOP_ROWS("inspection_items")
	NEXT_ID("inspection_items")

	/* Estimates and invoices share the line-item shape. A NULL issued_at
	 * is a draft. Statuses are derived from dates and payments, never
	 * stored, so they cannot go stale. */
	"CREATE TABLE estimates ("
	"  id BIGINT NOT NULL,"
	"  number TEXT COLLATE \"C\" NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  job_id BIGINT,"
	"  issued_at BIGINT,"
	"  valid_until BIGINT,"
	"  tax_rate BIGINT NOT NULL DEFAULT 0,"
	"  decided_at BIGINT,"
	"  approver_name TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  notes TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  created_at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	"  UNIQUE (shop_id, number),"
	SAME_SHOP("client_id", "clients") ","
	SAME_SHOP("job_id", "jobs")
	");"
	"CREATE INDEX estimates_client ON estimates (shop_id, client_id);"
	"CREATE INDEX estimates_job ON estimates (shop_id, job_id);"
	/* The highest all-digit number, for the next one (SQLite's schema 6;
	 * the next-number statement repeats the WHERE word for word). */
	"CREATE INDEX estimates_number_value"
	"  ON estimates (shop_id, CAST(substr(number, 2) AS BIGINT))"
	"  WHERE substr(number, 1, 1) = 'E' AND trim(substr(number, 2), '0123456789') = ''"
	"  AND length(number) BETWEEN 2 AND 19;"
	SHOP_ROWS("estimates")
	NEXT_ID("estimates")
	/* decision: 0 pending, 1 approved, 2 declined. */
	"CREATE TABLE estimate_lines ("
	"  id BIGINT NOT NULL,"
	"  estimate_id BIGINT NOT NULL,"
	"  position BIGINT NOT NULL,"
	"  kind BIGINT NOT NULL,"
	"  description TEXT COLLATE \"C\" NOT NULL,"
	"  quantity BIGINT NOT NULL,"
	"  unit_price BIGINT NOT NULL,"
	"  taxable BIGINT NOT NULL DEFAULT 1 CHECK (taxable IN (0, 1)),"
	"  decision BIGINT NOT NULL DEFAULT 0 CHECK (decision IN (0, 1, 2)),"
	"  decided_at BIGINT,"
	"  inspection_item_id BIGINT,"
	"  decided_by TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("estimate_id", "estimates") ","
	SAME_SHOP("inspection_item_id", "inspection_items")
	");"
	"CREATE INDEX estimate_lines_estimate"
	"  ON estimate_lines (shop_id, estimate_id, position);"
	"CREATE INDEX estimate_lines_item ON estimate_lines (shop_id, inspection_item_id);"
	SHOP_ROWS("estimate_lines")
	NEXT_ID("estimate_lines")

	/* number_key is the invoice number as the lookup compares it. */
	"CREATE TABLE invoices ("
	"  id BIGINT NOT NULL,"
	"  number TEXT COLLATE \"C\" NOT NULL,"
	"  number_key TEXT COLLATE \"C\" NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  job_id BIGINT,"
	"  estimate_id BIGINT,"
	"  issued_at BIGINT,"
	"  due_at BIGINT,"
	"  tax_rate BIGINT NOT NULL DEFAULT 0,"
	"  voided_at BIGINT,"
	"  void_reason TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  notes TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  created_at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	"  UNIQUE (shop_id, number),"
	"  UNIQUE (shop_id, number_key),"
	SAME_SHOP("client_id", "clients") ","
	SAME_SHOP("job_id", "jobs") ","
	SAME_SHOP("estimate_id", "estimates")
	");"
	"CREATE INDEX invoices_client ON invoices (shop_id, client_id);"
	"CREATE INDEX invoices_job ON invoices (shop_id, job_id);"
	/* The highest all-digit number, as for estimates. */
	"CREATE INDEX invoices_number_value"
	"  ON invoices (shop_id, CAST(number_key AS BIGINT))"
	"  WHERE trim(number_key, '0123456789') = ''"
	"  AND length(number_key) BETWEEN 1 AND 18;"
	SHOP_ROWS("invoices")
	NEXT_ID("invoices")

	/* An appointment is a visit with an arrival window. It comes before
	 * invoice lines here, as a line may name the visit it bills. */
	"CREATE TABLE appointments ("
	"  id BIGINT NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  job_id BIGINT,"
	"  address_id BIGINT,"
	"  technician_id BIGINT,"
	"  window_start BIGINT NOT NULL,"
	"  window_end BIGINT NOT NULL CHECK (window_end > window_start),"
	"  status BIGINT NOT NULL,"
	"  door_code TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  eta_at BIGINT,"
	"  status_at BIGINT NOT NULL,"
	"  cancelled_at BIGINT,"
	"  fee_invoice_id BIGINT,"
	"  notes TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  created_at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("client_id", "clients") ","
	SAME_SHOP("job_id", "jobs") ","
	SAME_SHOP("address_id", "addresses") ","
	SAME_SHOP("technician_id", "technicians") ","
	SAME_SHOP("fee_invoice_id", "invoices")
	");"
	"CREATE INDEX appointments_client ON appointments (shop_id, client_id, window_start);"
	"CREATE INDEX appointments_window ON appointments (shop_id, window_start);"
	"CREATE INDEX appointments_tech"
	"  ON appointments (shop_id, technician_id, window_start);"
	SHOP_ROWS("appointments")
	NEXT_ID("appointments")

	/* rule names the rule that added the line ("service_call_credit"),
	 * so it is added once and shown as such. */
	"CREATE TABLE invoice_lines ("
	"  id BIGINT NOT NULL,"
	"  invoice_id BIGINT NOT NULL,"
	"  position BIGINT NOT NULL,"
	"  kind BIGINT NOT NULL,"
	"  description TEXT COLLATE \"C\" NOT NULL,"
	"  quantity BIGINT NOT NULL,"
	"  unit_price BIGINT NOT NULL,"
	"  taxable BIGINT NOT NULL DEFAULT 1 CHECK (taxable IN (0, 1)),"
	"  estimate_line_id BIGINT,"
	"  appointment_id BIGINT,"
	"  rule TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("invoice_id", "invoices") ","
	SAME_SHOP("estimate_line_id", "estimate_lines") ","
	SAME_SHOP("appointment_id", "appointments")
	");"
	"CREATE INDEX invoice_lines_invoice ON invoice_lines (shop_id, invoice_id, position);"
	"CREATE INDEX invoice_lines_estimate_line"
	"  ON invoice_lines (shop_id, estimate_line_id);"
	"CREATE INDEX invoice_lines_appointment ON invoice_lines (shop_id, appointment_id);"
	SHOP_ROWS("invoice_lines")
	NEXT_ID("invoice_lines")

	/* A refund is a negative payment that names the payment it refunds.
	 * A payment without an invoice is account credit. */
	"CREATE TABLE payments ("
	"  id BIGINT NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  invoice_id BIGINT,"
	"  amount BIGINT NOT NULL,"
	"  method BIGINT NOT NULL,"
	"  received_at BIGINT NOT NULL,"
	"  reference TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  refund_of BIGINT,"
	"  reason TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  created_at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("client_id", "clients") ","
	SAME_SHOP("invoice_id", "invoices") ","
	SAME_SHOP("refund_of", "payments")
	");"
	"CREATE INDEX payments_client ON payments (shop_id, client_id, received_at);"
	"CREATE INDEX payments_invoice ON payments (shop_id, invoice_id);"
	"CREATE INDEX payments_refund_of ON payments (shop_id, refund_of);"
	SHOP_ROWS("payments")
	NEXT_ID("payments")

	/* Next service per asset: every interval_days after the last
	 * service, or on a set date. */
	"CREATE TABLE reminders ("
	"  id BIGINT NOT NULL,"
	"  asset_id BIGINT NOT NULL,"
	"  description TEXT COLLATE \"C\" NOT NULL,"
	"  interval_days BIGINT,"
	"  due_on TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  last_done_on TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  created_at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("asset_id", "assets")
	");"
	"CREATE INDEX reminders_asset ON reminders (shop_id, asset_id);"
	SHOP_ROWS("reminders")
	NEXT_ID("reminders")

	/* Customer access. Tokens and session ids are stored only as keyed
	 * hashes. */
	"CREATE TABLE access_links ("
	"  id BIGINT NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  job_id BIGINT,"
	"  token_hash BYTEA NOT NULL,"
	"  created_at BIGINT NOT NULL,"
	"  expires_at BIGINT NOT NULL,"
	"  last_used_at BIGINT,"
	"  revoked_at BIGINT,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	"  UNIQUE (shop_id, token_hash),"
	SAME_SHOP("client_id", "clients") ","
	SAME_SHOP("job_id", "jobs")
	");"
	"CREATE INDEX access_links_client ON access_links (shop_id, client_id);"
	SHOP_ROWS("access_links")
	NEXT_ID("access_links")
	"CREATE TABLE sessions ("
	"  id BIGINT NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  job_id BIGINT,"
	"  link_id BIGINT,"
	"  id_hash BYTEA NOT NULL,"
	"  csrf_hash BYTEA NOT NULL,"
	"  source_addr TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  created_at BIGINT NOT NULL,"
	"  last_seen_at BIGINT NOT NULL,"
	"  ended_at BIGINT,"
	"  end_reason TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	"  UNIQUE (shop_id, id_hash),"
	SAME_SHOP("client_id", "clients") ","
	SAME_SHOP("job_id", "jobs") ","
	SAME_SHOP("link_id", "access_links")
	");"
	"CREATE INDEX sessions_client ON sessions (shop_id, client_id);"
	SHOP_ROWS("sessions")
	NEXT_ID("sessions")
	/* Failed lookups, counted per source address and per invoice number
	 * ('addr' / 'invoice') inside the rate-limit windows, and the locks
	 * they set. */
	"CREATE TABLE lookup_failures ("
	"  id BIGINT NOT NULL,"
	"  scope TEXT COLLATE \"C\" NOT NULL CHECK (scope IN ('addr', 'invoice')),"
	"  subject TEXT COLLATE \"C\" NOT NULL,"
	"  at BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id)"
	");"
	"CREATE INDEX lookup_failures_subject"
	"  ON lookup_failures (shop_id, scope, subject, at);"
	SHOP_ROWS("lookup_failures")
	NEXT_ID("lookup_failures")
	"CREATE TABLE lookup_locks ("
	"  scope TEXT COLLATE \"C\" NOT NULL CHECK (scope IN ('addr', 'invoice')),"
	"  subject TEXT COLLATE \"C\" NOT NULL,"
	"  until BIGINT NOT NULL,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, scope, subject)"
	");"
	SHOP_ROWS("lookup_locks")
	/* The lookups' misses and locks per network address across every
	 * shop of the host, on top of each shop's own (rules/lookup.c): one
	 * address guessing at many shops is held as if it guessed at one.
	 * Not per shop, so not under row-level security; they hold network
	 * addresses and times, nothing of any shop. */
	"CREATE TABLE portal_host_lookup_failures ("
	"  subject TEXT COLLATE \"C\" NOT NULL,"
	"  at BIGINT NOT NULL"
	");"
	"CREATE INDEX portal_host_lookup_failures_subject"
	"  ON portal_host_lookup_failures (subject, at);"
	"CREATE TABLE portal_host_lookup_locks ("
	"  subject TEXT COLLATE \"C\" PRIMARY KEY,"
	"  until BIGINT NOT NULL"
	");"
	"CREATE TABLE audit_log ("
	"  id BIGINT NOT NULL,"
	"  at BIGINT NOT NULL,"
	"  source_addr TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  client_id BIGINT,"
	"  event TEXT COLLATE \"C\" NOT NULL,"
	"  outcome TEXT COLLATE \"C\" NOT NULL,"
	"  detail TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("client_id", "clients")
	");"
	"CREATE INDEX audit_log_client ON audit_log (shop_id, client_id, at);"
	"CREATE INDEX audit_log_at ON audit_log (shop_id, at);"
	SHOP_ROWS("audit_log")
	NEXT_ID("audit_log")

	"CREATE TABLE notifications ("
	"  id BIGINT NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  at BIGINT NOT NULL,"
	"  kind TEXT COLLATE \"C\" NOT NULL,"
	"  subject_id BIGINT,"
	"  text TEXT COLLATE \"C\" NOT NULL,"
	"  read_at BIGINT,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("client_id", "clients")
	");"
	"CREATE INDEX notifications_client ON notifications (shop_id, client_id, id);"
	SHOP_ROWS("notifications")
	NEXT_ID("notifications")
	"CREATE TABLE chat_messages ("
	"  id BIGINT NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  at BIGINT NOT NULL,"
	"  from_shop BIGINT NOT NULL CHECK (from_shop IN (0, 1)),"
	"  body TEXT COLLATE \"C\" NOT NULL,"
	"  read_at BIGINT,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("client_id", "clients")
	");"
	"CREATE INDEX chat_messages_client ON chat_messages (shop_id, client_id, id);"
	SHOP_ROWS("chat_messages")
	NEXT_ID("chat_messages")
	/* Requests from the client that the shop resolves: profile changes,
	 * new visits, warranty callbacks. The request's content is a JSON
	 * object whose fields depend on its kind; appointment_id is the visit
	 * that approving one booked. */
	"CREATE TABLE requests ("
	"  id BIGINT NOT NULL,"
	"  client_id BIGINT NOT NULL,"
	"  kind TEXT COLLATE \"C\" NOT NULL,"
	"  content TEXT COLLATE \"C\" NOT NULL,"
	"  job_id BIGINT,"
	"  status TEXT COLLATE \"C\" NOT NULL DEFAULT 'open',"
	"  created_at BIGINT NOT NULL,"
	"  resolved_at BIGINT,"
	"  resolution TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  appointment_id BIGINT,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("client_id", "clients") ","
	SAME_SHOP("job_id", "jobs") ","
	SAME_SHOP("appointment_id", "appointments")
	");"
	"CREATE INDEX requests_status ON requests (shop_id, status, created_at);"
	"CREATE INDEX requests_client ON requests (shop_id, client_id, id);"
	SHOP_ROWS("requests")
	NEXT_ID("requests")
	/* Every outgoing email or SMS, rendered in full, kept after delivery.
	 * status is where it stands (portal/outbox.h), subject_id the record
	 * it is about, segments an SMS's count. */
	"CREATE TABLE outbox ("
	"  id BIGINT NOT NULL,"
	"  client_id BIGINT,"
	"  channel TEXT COLLATE \"C\" NOT NULL CHECK (channel IN ('email', 'sms')),"
	"  kind TEXT COLLATE \"C\" NOT NULL,"
	"  recipient TEXT COLLATE \"C\" NOT NULL,"
	"  message TEXT COLLATE \"C\" NOT NULL,"
	"  created_at BIGINT NOT NULL,"
	"  not_before BIGINT NOT NULL,"
	"  attempts BIGINT NOT NULL DEFAULT 0,"
	"  last_error TEXT COLLATE \"C\" NOT NULL DEFAULT '',"
	"  delivered_at BIGINT,"
	"  status BIGINT NOT NULL DEFAULT 1 CHECK (status BETWEEN 1 AND 4),"
	"  subject_id BIGINT,"
	"  segments BIGINT NOT NULL DEFAULT 0,"
	SHOP_ID
	"  PRIMARY KEY (shop_id, id),"
	SAME_SHOP("client_id", "clients")
	");"
	"CREATE INDEX outbox_due ON outbox (shop_id, status, not_before);"
	"CREATE INDEX outbox_subject ON outbox (shop_id, kind, subject_id);"
	SHOP_ROWS("outbox")
	NEXT_ID("outbox")

	/* The mark of every portal database, "port" in ASCII (0x706f7274),
	 * as in a SQLite file's header; and this version. */
	"INSERT INTO portal_meta (application_id, schema_version) VALUES (1886351988, 7);";

/* Versions 1 to 6 are SQLite's history, which a PostgreSQL database
 * starts past. */
static const char *const migrations[] = {
	"",
	"",
	"",
	"",
	"",
	"",
	migration_7,
};

int pt_pg_schema_latest(void)
{
	return (int)(sizeof(migrations) / sizeof(migrations[0]));
}

const char *pt_pg_schema_migration(int version)
{
	if (version < 1 || version > pt_pg_schema_latest())
		return NULL;
	return migrations[version - 1];
}

/* One role name for each %s. Functions may be executed by anyone unless
 * revoked; they are granted all the same, so that the list says all that
 * the role uses. The sequence is the one portal_shops' identity makes. */
#define GRANT_FORMAT \
	"GRANT USAGE ON SCHEMA public TO %s;" \
	"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE " SHOP_TABLES " TO %s;" \
	"GRANT SELECT, INSERT, UPDATE ON TABLE portal_shops TO %s;" \
	"GRANT SELECT ON TABLE portal_meta TO %s;" \
	"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE portal_host_lookup_failures," \
	" portal_host_lookup_locks TO %s;" \
	"GRANT USAGE ON SEQUENCE portal_shops_id_seq TO %s;" \
	"GRANT EXECUTE ON FUNCTION portal_current_shop(), portal_shop_check(BIGINT) TO %s;"

char *pt_pg_schema_grant_sql(const char *quoted_role)
{
	const char *r = quoted_role;
	int n = snprintf(NULL, 0, GRANT_FORMAT, r, r, r, r, r, r, r);
	char *sql;

	if (n < 0 || (sql = malloc((size_t)n + 1)) == NULL)
		return NULL;
	snprintf(sql, (size_t)n + 1, GRANT_FORMAT, r, r, r, r, r, r, r);
	return sql;
}
