/* SPDX-License-Identifier: MIT */
/*
 * store_schema.c - the schema, as an ordered list of migrations.
 *
 * Migration N takes a database from user_version N-1 to N. A released
 * migration is never edited: a change to the schema is a new migration
 * appended below. Version 1 creates the whole data model of the product
 * brief, including tables whose features arrive in later releases, so
 * that every shop database has the same shape from the start.
 *
 * Conventions: times are INTEGER UTC seconds, money INTEGER cents,
 * quantities INTEGER thousandths, enumerations INTEGER codes from the
 * public headers, text NOT NULL DEFAULT '' (the empty string, not NULL,
 * means "none"), and optional links to other rows are NULL.
 */
#include "sql.h"
#include "sqlite_schema.h"

#include <stddef.h>

static const char migration_1[] =
	/* The shop's settings (portal/shop.h) and secrets that are never
	 * printed, such as the key that hashes access-link tokens. */
	"CREATE TABLE settings ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL"
	") WITHOUT ROWID;"
	"CREATE TABLE secrets ("
	"  name TEXT PRIMARY KEY,"
	"  value BLOB NOT NULL"
	") WITHOUT ROWID;"

	"CREATE TABLE clients ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL CHECK (name <> ''),"
	"  email TEXT NOT NULL DEFAULT '',"
	"  phone TEXT NOT NULL DEFAULT '',"
	"  sms_consent INTEGER NOT NULL DEFAULT 0 CHECK (sms_consent IN (0, 1)),"
	"  sms_consent_at INTEGER NOT NULL DEFAULT 0,"
	"  portal_enabled INTEGER NOT NULL DEFAULT 1 CHECK (portal_enabled IN (0, 1)),"
	"  hidden_sections TEXT NOT NULL DEFAULT '',"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX clients_name ON clients (name COLLATE NOCASE);"
	"CREATE INDEX clients_phone ON clients (phone);"

	/* house_key is the house number as the lookup compares it. */
	"CREATE TABLE addresses ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  house_number TEXT NOT NULL CHECK (house_number <> ''),"
	"  house_key TEXT NOT NULL,"
	"  unit TEXT NOT NULL DEFAULT '',"
	"  street TEXT NOT NULL,"
	"  city TEXT NOT NULL,"
	"  region TEXT NOT NULL DEFAULT '',"
	"  postal_code TEXT NOT NULL DEFAULT '',"
	"  country TEXT NOT NULL DEFAULT 'CA',"
	"  latitude REAL,"
	"  longitude REAL,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX addresses_client ON addresses (client_id);"

	"CREATE TABLE assets ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  kind INTEGER NOT NULL CHECK (kind IN (1, 2)),"
	"  category TEXT NOT NULL,"
	"  make TEXT NOT NULL,"
	"  model TEXT NOT NULL DEFAULT '',"
	"  serial TEXT NOT NULL DEFAULT '',"
	"  vin TEXT NOT NULL DEFAULT '',"
	"  year INTEGER NOT NULL DEFAULT 0,"
	"  acquired_on TEXT NOT NULL DEFAULT '',"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX assets_client ON assets (client_id);"

	"CREATE TABLE technicians ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL CHECK (name <> ''),"
	"  phone TEXT NOT NULL DEFAULT '',"
	"  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),"
	"  created_at INTEGER NOT NULL"
	");"
	/* Only the latest position of each technician is kept: no history. */
	"CREATE TABLE technician_positions ("
	"  technician_id INTEGER PRIMARY KEY REFERENCES technicians (id),"
	"  latitude REAL NOT NULL,"
	"  longitude REAL NOT NULL,"
	"  accuracy_m REAL,"
	"  at INTEGER NOT NULL"
	");"

	/* A job's status is the status of its latest event. */
	"CREATE TABLE jobs ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  asset_id INTEGER REFERENCES assets (id),"
	"  address_id INTEGER REFERENCES addresses (id),"
	"  warranty_of_job_id INTEGER REFERENCES jobs (id),"
	"  problem TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX jobs_client ON jobs (client_id);"
	"CREATE TABLE job_events ("
	"  id INTEGER PRIMARY KEY,"
	"  job_id INTEGER NOT NULL REFERENCES jobs (id),"
	"  status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 12),"
	"  at INTEGER NOT NULL,"
	"  note TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX job_events_job ON job_events (job_id, id);"

	/* Estimates and invoices share the line-item shape. A NULL issued_at
	 * is a draft. Statuses are derived from dates and payments, never
	 * stored, so they cannot go stale. */
	"CREATE TABLE estimates ("
	"  id INTEGER PRIMARY KEY,"
	"  number TEXT NOT NULL UNIQUE,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  job_id INTEGER REFERENCES jobs (id),"
	"  issued_at INTEGER,"
	"  valid_until INTEGER,"
	"  tax_rate INTEGER NOT NULL DEFAULT 0,"
	"  decided_at INTEGER,"
	"  approver_name TEXT NOT NULL DEFAULT '',"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX estimates_client ON estimates (client_id);"
	/* decision: 0 pending, 1 approved, 2 declined. */
	"CREATE TABLE estimate_lines ("
	"  id INTEGER PRIMARY KEY,"
	"  estimate_id INTEGER NOT NULL REFERENCES estimates (id),"
	"  position INTEGER NOT NULL,"
	"  kind INTEGER NOT NULL,"
	"  description TEXT NOT NULL,"
	"  quantity INTEGER NOT NULL,"
	"  unit_price INTEGER NOT NULL,"
	"  taxable INTEGER NOT NULL DEFAULT 1 CHECK (taxable IN (0, 1)),"
	"  decision INTEGER NOT NULL DEFAULT 0 CHECK (decision IN (0, 1, 2)),"
	"  decided_at INTEGER,"
	"  inspection_item_id INTEGER REFERENCES inspection_items (id)"
	");"
	"CREATE INDEX estimate_lines_estimate ON estimate_lines (estimate_id, position);"

	/* number_key is the invoice number as the lookup compares it. */
	"CREATE TABLE invoices ("
	"  id INTEGER PRIMARY KEY,"
	"  number TEXT NOT NULL UNIQUE,"
	"  number_key TEXT NOT NULL UNIQUE,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  job_id INTEGER REFERENCES jobs (id),"
	"  estimate_id INTEGER REFERENCES estimates (id),"
	"  issued_at INTEGER,"
	"  due_at INTEGER,"
	"  tax_rate INTEGER NOT NULL DEFAULT 0,"
	"  voided_at INTEGER,"
	"  void_reason TEXT NOT NULL DEFAULT '',"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX invoices_client ON invoices (client_id);"
	"CREATE TABLE invoice_lines ("
	"  id INTEGER PRIMARY KEY,"
	"  invoice_id INTEGER NOT NULL REFERENCES invoices (id),"
	"  position INTEGER NOT NULL,"
	"  kind INTEGER NOT NULL,"
	"  description TEXT NOT NULL,"
	"  quantity INTEGER NOT NULL,"
	"  unit_price INTEGER NOT NULL,"
	"  taxable INTEGER NOT NULL DEFAULT 1 CHECK (taxable IN (0, 1)),"
	"  estimate_line_id INTEGER REFERENCES estimate_lines (id),"
	"  appointment_id INTEGER REFERENCES appointments (id)"
	");"
	"CREATE INDEX invoice_lines_invoice ON invoice_lines (invoice_id, position);"

	/* A refund is a negative payment that names the payment it refunds.
	 * A payment without an invoice is account credit. */
	"CREATE TABLE payments ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  invoice_id INTEGER REFERENCES invoices (id),"
	"  amount INTEGER NOT NULL,"
	"  method INTEGER NOT NULL,"
	"  received_at INTEGER NOT NULL,"
	"  reference TEXT NOT NULL DEFAULT '',"
	"  refund_of INTEGER REFERENCES payments (id),"
	"  reason TEXT NOT NULL DEFAULT '',"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX payments_client ON payments (client_id, received_at);"
	"CREATE INDEX payments_invoice ON payments (invoice_id);"

	"CREATE TABLE inspections ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  job_id INTEGER REFERENCES jobs (id),"
	"  asset_id INTEGER REFERENCES assets (id),"
	"  technician_id INTEGER REFERENCES technicians (id),"
	"  inspected_at INTEGER NOT NULL,"
	"  summary TEXT NOT NULL DEFAULT '',"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX inspections_client ON inspections (client_id);"
	/* condition: 1 good, 2 needs attention, 3 urgent. */
	"CREATE TABLE inspection_items ("
	"  id INTEGER PRIMARY KEY,"
	"  inspection_id INTEGER NOT NULL REFERENCES inspections (id),"
	"  position INTEGER NOT NULL,"
	"  item TEXT NOT NULL,"
	"  condition INTEGER NOT NULL CHECK (condition IN (1, 2, 3)),"
	"  note TEXT NOT NULL DEFAULT '',"
	"  recommendation TEXT NOT NULL DEFAULT '',"
	"  recommended_price INTEGER"
	");"

	/* An appointment is a visit with an arrival window. */
	"CREATE TABLE appointments ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  job_id INTEGER REFERENCES jobs (id),"
	"  address_id INTEGER REFERENCES addresses (id),"
	"  technician_id INTEGER REFERENCES technicians (id),"
	"  window_start INTEGER NOT NULL,"
	"  window_end INTEGER NOT NULL CHECK (window_end > window_start),"
	"  status INTEGER NOT NULL,"
	"  door_code TEXT NOT NULL DEFAULT '',"
	"  eta_at INTEGER,"
	"  status_at INTEGER NOT NULL,"
	"  cancelled_at INTEGER,"
	"  fee_invoice_id INTEGER REFERENCES invoices (id),"
	"  notes TEXT NOT NULL DEFAULT '',"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX appointments_client ON appointments (client_id, window_start);"
	"CREATE INDEX appointments_window ON appointments (window_start);"

	/* Next service per asset: every interval_days after the last
	 * service, or on a set date. */
	"CREATE TABLE reminders ("
	"  id INTEGER PRIMARY KEY,"
	"  asset_id INTEGER NOT NULL REFERENCES assets (id),"
	"  description TEXT NOT NULL,"
	"  interval_days INTEGER,"
	"  due_on TEXT NOT NULL DEFAULT '',"
	"  last_done_on TEXT NOT NULL DEFAULT '',"
	"  created_at INTEGER NOT NULL"
	");"
	"CREATE INDEX reminders_asset ON reminders (asset_id);"

	/* Customer access. Tokens and session ids are stored only as keyed
	 * hashes. */
	"CREATE TABLE access_links ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  job_id INTEGER REFERENCES jobs (id),"
	"  token_hash BLOB NOT NULL UNIQUE,"
	"  created_at INTEGER NOT NULL,"
	"  expires_at INTEGER NOT NULL,"
	"  last_used_at INTEGER,"
	"  revoked_at INTEGER"
	");"
	"CREATE INDEX access_links_client ON access_links (client_id);"
	"CREATE TABLE sessions ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  job_id INTEGER REFERENCES jobs (id),"
	"  link_id INTEGER REFERENCES access_links (id),"
	"  id_hash BLOB NOT NULL UNIQUE,"
	"  csrf_hash BLOB NOT NULL,"
	"  source_addr TEXT NOT NULL DEFAULT '',"
	"  created_at INTEGER NOT NULL,"
	"  last_seen_at INTEGER NOT NULL,"
	"  ended_at INTEGER,"
	"  end_reason TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX sessions_client ON sessions (client_id);"
	/* Failed lookups, counted per source address and per invoice number
	 * ('addr' / 'invoice') inside the rate-limit windows, and the locks
	 * they set. */
	"CREATE TABLE lookup_failures ("
	"  id INTEGER PRIMARY KEY,"
	"  scope TEXT NOT NULL CHECK (scope IN ('addr', 'invoice')),"
	"  subject TEXT NOT NULL,"
	"  at INTEGER NOT NULL"
	");"
	"CREATE INDEX lookup_failures_subject ON lookup_failures (scope, subject, at);"
	"CREATE TABLE lookup_locks ("
	"  scope TEXT NOT NULL CHECK (scope IN ('addr', 'invoice')),"
	"  subject TEXT NOT NULL,"
	"  until INTEGER NOT NULL,"
	"  PRIMARY KEY (scope, subject)"
	") WITHOUT ROWID;"
	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  source_addr TEXT NOT NULL DEFAULT '',"
	"  client_id INTEGER REFERENCES clients (id),"
	"  event TEXT NOT NULL,"
	"  outcome TEXT NOT NULL,"
	"  detail TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX audit_log_client ON audit_log (client_id, at);"
	"CREATE INDEX audit_log_at ON audit_log (at);"

	"CREATE TABLE notifications ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  at INTEGER NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  subject_id INTEGER,"
	"  text TEXT NOT NULL,"
	"  read_at INTEGER"
	");"
	"CREATE INDEX notifications_client ON notifications (client_id, id);"
	"CREATE TABLE chat_messages ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  at INTEGER NOT NULL,"
	"  from_shop INTEGER NOT NULL CHECK (from_shop IN (0, 1)),"
	"  body TEXT NOT NULL,"
	"  read_at INTEGER"
	");"
	"CREATE INDEX chat_messages_client ON chat_messages (client_id, id);"
	/* Requests from the client that the shop resolves: profile changes,
	 * new visits, warranty callbacks. The request's content is a JSON
	 * object whose fields depend on its kind. */
	"CREATE TABLE requests ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER NOT NULL REFERENCES clients (id),"
	"  kind TEXT NOT NULL,"
	"  content TEXT NOT NULL,"
	"  job_id INTEGER REFERENCES jobs (id),"
	"  status TEXT NOT NULL DEFAULT 'open',"
	"  created_at INTEGER NOT NULL,"
	"  resolved_at INTEGER,"
	"  resolution TEXT NOT NULL DEFAULT ''"
	");"
	"CREATE INDEX requests_status ON requests (status, created_at);"
	/* Every outgoing email or SMS, rendered in full, kept after delivery. */
	"CREATE TABLE outbox ("
	"  id INTEGER PRIMARY KEY,"
	"  client_id INTEGER REFERENCES clients (id),"
	"  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),"
	"  kind TEXT NOT NULL,"
	"  recipient TEXT NOT NULL,"
	"  message TEXT NOT NULL,"
	"  created_at INTEGER NOT NULL,"
	"  not_before INTEGER NOT NULL,"
	"  attempts INTEGER NOT NULL DEFAULT 0,"
	"  last_error TEXT NOT NULL DEFAULT '',"
	"  delivered_at INTEGER"
	");"
	"CREATE INDEX outbox_pending ON outbox (delivered_at, not_before);";

/* Schema 2: who approved or declined each estimate line (a customer may
 * decide lines on different days); the rule that added an invoice line
 * ("service_call_credit"), so it is added once and shown as such; and the
 * indexes the money queries use. */
static const char migration_2[] =
	"ALTER TABLE estimate_lines ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';"
	"ALTER TABLE invoice_lines ADD COLUMN rule TEXT NOT NULL DEFAULT '';"
	"CREATE INDEX estimates_job ON estimates (job_id);"
	"CREATE INDEX invoices_job ON invoices (job_id);"
	"CREATE INDEX invoice_lines_estimate_line ON invoice_lines (estimate_line_id);"
	"CREATE INDEX invoice_lines_appointment ON invoice_lines (appointment_id);"
	"CREATE INDEX payments_refund_of ON payments (refund_of);"
	"CREATE INDEX inspections_job ON inspections (job_id);"
	"CREATE INDEX inspection_items_inspection ON inspection_items (inspection_id, position);"
	"CREATE INDEX estimate_lines_item ON estimate_lines (inspection_item_id);"
	"CREATE INDEX appointments_tech ON appointments (technician_id, window_start);";

/* Requests: the appointment that approving one booked, so the request and
 * the visit lead to each other; and the index a client's own requests are
 * read by. */
static const char migration_requests[] =
	"ALTER TABLE requests ADD COLUMN appointment_id INTEGER REFERENCES appointments (id);"
	"CREATE INDEX requests_client ON requests (client_id, id);";
/* The outbox's delivery state: where each message stands (pending,
 * delivered, failed for good, skipped for want of consent; codes of
 * portal/outbox.h), the record it is about (so a visit's reminder is
 * queued once), and an SMS's segment count. */
static const char migration_outbox_delivery[] =
	"ALTER TABLE outbox ADD COLUMN status INTEGER NOT NULL DEFAULT 1"
	"  CHECK (status BETWEEN 1 AND 4);"
	"ALTER TABLE outbox ADD COLUMN subject_id INTEGER;"
	"ALTER TABLE outbox ADD COLUMN segments INTEGER NOT NULL DEFAULT 0;"
	"UPDATE outbox SET status = 2 WHERE delivered_at IS NOT NULL;"
	"DROP INDEX outbox_pending;"
	"CREATE INDEX outbox_due ON outbox (status, not_before);"
	"CREATE INDEX outbox_subject ON outbox (kind, subject_id);";

/* Numbering: a new invoice or estimate takes the highest all-digit number
 * plus one. These indexes hold the numbers' values, so that the highest
 * is the last entry of an index rather than the end of a walk through
 * every document. SQLite uses a partial index only for a query whose
 * WHERE repeats the index's: the statements of store_billing.c
 * (pt_store_invoice_next_number(), pt_store_estimate_next_number()) say
 * the same words. */
static const char migration_numbers[] =
	"CREATE INDEX invoices_number_value ON invoices (CAST(number_key AS INTEGER))"
	"  WHERE number_key NOT GLOB '*[^0-9]*' AND length(number_key) <= 18;"
	"CREATE INDEX estimates_number_value ON estimates (CAST(substr(number, 2) AS INTEGER))"
	"  WHERE substr(number, 1, 1) = 'E' AND substr(number, 2) NOT GLOB '*[^0-9]*'"
	"  AND length(number) BETWEEN 2 AND 19;";

/* Numbering in words PostgreSQL reads the same: the indexes of schema 5
 * tell an all-digit number by NOT GLOB '*[^0-9]*', which only SQLite
 * knows. They are made again with trim(): a number is all digits when
 * trimming every digit off its ends leaves nothing. Its value is a
 * BIGINT, as PostgreSQL's INTEGER has 32 bits, and an empty number is
 * left out (it counted as 0, and PostgreSQL refuses to cast it). The
 * next-number statements of sqlite_billing.c repeat each WHERE word for
 * word, so the highest number is still the last entry of an index. */
static const char migration_numbers_portable[] =
	"DROP INDEX invoices_number_value;"
	"DROP INDEX estimates_number_value;"
	"CREATE INDEX invoices_number_value ON invoices (CAST(number_key AS BIGINT))"
	"  WHERE trim(number_key, '0123456789') = ''"
	"  AND length(number_key) BETWEEN 1 AND 18;"
	"CREATE INDEX estimates_number_value ON estimates (CAST(substr(number, 2) AS BIGINT))"
	"  WHERE substr(number, 1, 1) = 'E' AND trim(substr(number, 2), '0123456789') = ''"
	"  AND length(number) BETWEEN 2 AND 19;";

/* Clients are listed by their name folded with lower() (PT_SQL_FOLD,
 * sqlite_dialect.h), which PostgreSQL reads too, rather than with
 * SQLite's COLLATE NOCASE. Both fold A-Z and nothing else, so the order
 * does not change; this index gives it, in place of schema 1's. */
static const char migration_clients_folded[] =
	"DROP INDEX clients_name;"
	"CREATE INDEX clients_name_folded ON clients (lower(name));";

static const char *const migrations[] = {
	migration_1,
	migration_2,
	migration_requests,
	migration_outbox_delivery,
	migration_numbers,
	migration_numbers_portable,
	migration_clients_folded,
};

int pt_schema_latest(void)
{
	return (int)(sizeof(migrations) / sizeof(migrations[0]));
}

const char *pt_schema_migration(int version)
{
	if (version < 1 || version > pt_schema_latest())
		return NULL;
	return migrations[version - 1];
}
