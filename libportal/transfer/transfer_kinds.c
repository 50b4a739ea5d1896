/* SPDX-License-Identifier: MIT */
/*
 * transfer_kinds.c - the keys of each kind of record in the export
 * document, with the value each takes. The limits are the library's own
 * (client.c, address.c, line.c ...): an imported record passes the rules
 * a record typed into the shop passes. Text the library writes itself
 * (outbox messages, notifications, the audit log) is only checked to be
 * text, since no person typed it.
 */
#include "transfer_kinds.h"

#include <string.h>

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define BIG ((int64_t)1 << 53)   /* the largest whole number a JSON reader keeps exact */

#define ID { "id", PT_KEY_ID, 0, 1, BIG, 0, NULL }
#define REF(n, k) { n, PT_KEY_REF, 0, 0, 0, k, NULL }
#define REF_NULL(n, k) { n, PT_KEY_REF, PT_KEY_NULL, 0, 0, k, NULL }
#define INT(n, lo, hi) { n, PT_KEY_INT, 0, lo, hi, 0, NULL }
#define INT_NULL(n, lo, hi) { n, PT_KEY_INT, PT_KEY_NULL, lo, hi, 0, NULL }
#define FLAG(n) INT(n, 0, 1)
#define TIME(n) { n, PT_KEY_TIME, 0, 0, BIG, 0, NULL }
#define TIME_NULL(n) { n, PT_KEY_TIME, PT_KEY_NULL, 0, BIG, 0, NULL }
#define MONEY(n, lo, hi) { n, PT_KEY_MONEY, 0, lo, hi, 0, NULL }
#define MONEY_NULL(n, lo, hi) { n, PT_KEY_MONEY, PT_KEY_NULL, lo, hi, 0, NULL }
#define REAL(n, lo, hi) { n, PT_KEY_REAL, 0, lo, hi, 0, NULL }
#define REAL_NULL(n, lo, hi) { n, PT_KEY_REAL, PT_KEY_NULL, lo, hi, 0, NULL }
#define TEXT(n, lo, hi) { n, PT_KEY_TEXT, 0, lo, hi, 0, NULL }
#define LINES(n, lo, hi) { n, PT_KEY_TEXT, PT_KEY_MULTILINE, lo, hi, 0, NULL }
#define STRING(n) { n, PT_KEY_STRING, 0, 0, 0, 0, NULL }
#define WORD(n, w) { n, PT_KEY_WORD, 0, 0, 0, 0, w }
#define KEY(n, t) { n, t, 0, 0, 0, 0, NULL }

/* Line positions, counts and ids the library writes: generous bounds. */
#define COUNT_MAX ((int64_t)1000000000)

static const pt_key clients[] = {
	ID, TEXT("name", 1, 120), KEY("email", PT_KEY_EMAIL), KEY("phone", PT_KEY_PHONE),
	FLAG("sms_consent"), TIME("sms_consent_at"), FLAG("portal_enabled"),
	STRING("hidden_sections"), LINES("notes", 0, 2000), TIME("created_at"),
};

static const pt_key addresses[] = {
	ID, REF("client_id", PT_TRANSFER_CLIENTS), KEY("house_number", PT_KEY_HOUSE_NUMBER),
	TEXT("unit", 0, 12), TEXT("street", 1, 120), TEXT("city", 1, 80), TEXT("region", 0, 80),
	KEY("postal_code", PT_KEY_POSTAL_CODE), KEY("country", PT_KEY_COUNTRY),
	REAL_NULL("latitude", -90, 90), REAL_NULL("longitude", -180, 180), TIME("created_at"),
};

static const pt_key assets[] = {
	ID, REF("client_id", PT_TRANSFER_CLIENTS), INT("kind", 1, 2), TEXT("category", 1, 60),
	TEXT("make", 1, 60), TEXT("model", 0, 60), TEXT("serial", 0, 40), KEY("vin", PT_KEY_VIN),
	INT("year", 0, 9999), KEY("acquired_on", PT_KEY_DATE), LINES("notes", 0, 2000),
	TIME("created_at"),
};

static const pt_key technicians[] = {
	ID, TEXT("name", 1, 120), KEY("phone", PT_KEY_PHONE), FLAG("active"), TIME("created_at"),
};

static const pt_key technician_positions[] = {
	REF("technician_id", PT_TRANSFER_TECHNICIANS), REAL("latitude", -90, 90),
	REAL("longitude", -180, 180), REAL_NULL("accuracy_m", 0, 1e7), TIME("at"),
};

static const pt_key jobs[] = {
	ID, REF("client_id", PT_TRANSFER_CLIENTS), REF_NULL("asset_id", PT_TRANSFER_ASSETS),
	REF_NULL("address_id", PT_TRANSFER_ADDRESSES), REF_NULL("warranty_of_job_id", PT_TRANSFER_JOBS),
	LINES("problem", 1, 2000), TIME("created_at"),
};

static const pt_key job_events[] = {
	ID, REF("job_id", PT_TRANSFER_JOBS), INT("status", 1, 12), TIME("at"), LINES("note", 0, 500),
};

static const pt_key inspections[] = {
	ID, REF("client_id", PT_TRANSFER_CLIENTS), REF_NULL("job_id", PT_TRANSFER_JOBS),
	REF_NULL("asset_id", PT_TRANSFER_ASSETS), REF_NULL("technician_id", PT_TRANSFER_TECHNICIANS),
	TIME("inspected_at"), LINES("summary", 0, 2000), TIME("created_at"),
};

static const pt_key inspection_items[] = {
	ID, REF("inspection_id", PT_TRANSFER_INSPECTIONS), INT("position", 0, COUNT_MAX),
	TEXT("item", 1, 200), INT("condition", 1, 3), LINES("note", 0, 1000),
	TEXT("recommendation", 0, 500), MONEY_NULL("recommended_price", 0, PORTAL_UNIT_PRICE_MAX),
};

static const pt_key estimates[] = {
	ID, TEXT("number", 1, 40), REF("client_id", PT_TRANSFER_CLIENTS),
	REF_NULL("job_id", PT_TRANSFER_JOBS), TIME_NULL("issued_at"), TIME_NULL("valid_until"),
	INT("tax_rate", 0, 100000), TIME_NULL("decided_at"), STRING("approver_name"),
	LINES("notes", 0, 2000), TIME("created_at"),
};

static const pt_key estimate_lines[] = {
	ID, REF("estimate_id", PT_TRANSFER_ESTIMATES), INT("position", 0, COUNT_MAX),
	INT("kind", 1, 6), TEXT("description", 1, 500), INT("quantity", 1, PORTAL_QUANTITY_MAX),
	MONEY("unit_price", 0, PORTAL_UNIT_PRICE_MAX), FLAG("taxable"), INT("decision", 0, 2),
	TIME_NULL("decided_at"), STRING("decided_by"),
	REF_NULL("inspection_item_id", PT_TRANSFER_INSPECTION_ITEMS),
};

static const pt_key invoices[] = {
	ID, TEXT("number", 1, PORTAL_INVOICE_NUMBER_MAX), REF("client_id", PT_TRANSFER_CLIENTS),
	REF_NULL("job_id", PT_TRANSFER_JOBS), REF_NULL("estimate_id", PT_TRANSFER_ESTIMATES),
	TIME_NULL("issued_at"), TIME_NULL("due_at"), INT("tax_rate", 0, 100000),
	TIME_NULL("voided_at"), TEXT("void_reason", 0, 500), LINES("notes", 0, 2000),
	TIME("created_at"),
};

static const pt_key appointments[] = {
	ID, REF("client_id", PT_TRANSFER_CLIENTS), REF_NULL("job_id", PT_TRANSFER_JOBS),
	REF_NULL("address_id", PT_TRANSFER_ADDRESSES),
	REF_NULL("technician_id", PT_TRANSFER_TECHNICIANS), TIME("window_start"),
	TIME("window_end"), INT("status", 1, 8), STRING("door_code"), TIME_NULL("eta_at"),
	TIME("status_at"), TIME_NULL("cancelled_at"), REF_NULL("fee_invoice_id", PT_TRANSFER_INVOICES),
	LINES("notes", 0, 1000), TIME("created_at"),
};

static const pt_key invoice_lines[] = {
	ID, REF("invoice_id", PT_TRANSFER_INVOICES), INT("position", 0, COUNT_MAX),
	INT("kind", 1, 6), TEXT("description", 1, 500), INT("quantity", 1, PORTAL_QUANTITY_MAX),
	MONEY("unit_price", 0, PORTAL_UNIT_PRICE_MAX), FLAG("taxable"),
	REF_NULL("estimate_line_id", PT_TRANSFER_ESTIMATE_LINES),
	REF_NULL("appointment_id", PT_TRANSFER_APPOINTMENTS), STRING("rule"),
};

/* A refund is the one negative amount (transfer_json.c checks it names
 * the payment it refunds). */
static const pt_key payments[] = {
	ID, REF("client_id", PT_TRANSFER_CLIENTS), REF_NULL("invoice_id", PT_TRANSFER_INVOICES),
	MONEY("amount", -PORTAL_MONEY_MAX, PORTAL_MONEY_MAX), INT("method", 1, 7),
	TIME("received_at"), TEXT("reference", 0, 100), REF_NULL("refund_of", PT_TRANSFER_PAYMENTS),
	TEXT("reason", 0, 500), TIME("created_at"),
};

static const pt_key reminders[] = {
	ID, REF("asset_id", PT_TRANSFER_ASSETS), TEXT("description", 1, 200),
	INT_NULL("interval_days", 0, 36500), KEY("due_on", PT_KEY_DATE),
	KEY("last_done_on", PT_KEY_DATE), TIME("created_at"),
};

static const pt_key notifications[] = {
	ID, REF("client_id", PT_TRANSFER_CLIENTS), TIME("at"), STRING("kind"),
	INT_NULL("subject_id", 0, BIG), STRING("text"), TIME_NULL("read_at"),
};

static const pt_key chat_messages[] = {
	ID, REF("client_id", PT_TRANSFER_CLIENTS), TIME("at"), FLAG("from_shop"), STRING("body"),
	TIME_NULL("read_at"),
};

static const char *const request_kinds[] = { "profile", "appointment", "warranty_callback",
	"estimate", NULL };
static const char *const request_statuses[] = { "open", "approved", "rejected", NULL };

static const pt_key requests[] = {
	ID, REF("client_id", PT_TRANSFER_CLIENTS), WORD("kind", request_kinds),
	KEY("content", PT_KEY_JSON), REF_NULL("job_id", PT_TRANSFER_JOBS),
	WORD("status", request_statuses), TIME("created_at"), TIME_NULL("resolved_at"),
	STRING("resolution"), REF_NULL("appointment_id", PT_TRANSFER_APPOINTMENTS),
};

static const char *const channels[] = { "email", "sms", NULL };

static const pt_key outbox[] = {
	ID, REF_NULL("client_id", PT_TRANSFER_CLIENTS), WORD("channel", channels), STRING("kind"),
	STRING("recipient"), STRING("message"), TIME("created_at"), TIME("not_before"),
	INT("attempts", 0, COUNT_MAX), STRING("last_error"), TIME_NULL("delivered_at"),
	INT("status", 1, 4), INT_NULL("subject_id", 0, BIG), INT("segments", 0, COUNT_MAX),
};

static const pt_key audit_log[] = {
	ID, TIME("at"), STRING("source_addr"), REF_NULL("client_id", PT_TRANSFER_CLIENTS),
	STRING("event"), STRING("outcome"), STRING("detail"),
};

#define KIND(name, noun) { #name, noun, name, ARRAY_LEN(name) }

/* Indexed by pt_transfer_kind. */
static const pt_kind kinds[PT_TRANSFER_KIND_COUNT] = {
	[PT_TRANSFER_CLIENTS] = KIND(clients, "client"),
	[PT_TRANSFER_ADDRESSES] = KIND(addresses, "address"),
	[PT_TRANSFER_ASSETS] = KIND(assets, "asset"),
	[PT_TRANSFER_TECHNICIANS] = KIND(technicians, "technician"),
	[PT_TRANSFER_TECHNICIAN_POSITIONS] = KIND(technician_positions, "position of technician"),
	[PT_TRANSFER_JOBS] = KIND(jobs, "job"),
	[PT_TRANSFER_JOB_EVENTS] = KIND(job_events, "job event"),
	[PT_TRANSFER_INSPECTIONS] = KIND(inspections, "inspection"),
	[PT_TRANSFER_INSPECTION_ITEMS] = KIND(inspection_items, "inspection item"),
	[PT_TRANSFER_ESTIMATES] = KIND(estimates, "estimate"),
	[PT_TRANSFER_ESTIMATE_LINES] = KIND(estimate_lines, "estimate line"),
	[PT_TRANSFER_INVOICES] = KIND(invoices, "invoice"),
	[PT_TRANSFER_APPOINTMENTS] = KIND(appointments, "appointment"),
	[PT_TRANSFER_INVOICE_LINES] = KIND(invoice_lines, "invoice line"),
	[PT_TRANSFER_PAYMENTS] = KIND(payments, "payment"),
	[PT_TRANSFER_REMINDERS] = KIND(reminders, "reminder"),
	[PT_TRANSFER_NOTIFICATIONS] = KIND(notifications, "notification"),
	[PT_TRANSFER_CHAT_MESSAGES] = KIND(chat_messages, "chat message"),
	[PT_TRANSFER_REQUESTS] = KIND(requests, "request"),
	[PT_TRANSFER_OUTBOX] = KIND(outbox, "outbox message"),
	[PT_TRANSFER_AUDIT_LOG] = KIND(audit_log, "audit entry"),
};

const pt_kind *pt_transfer_kind_at(pt_transfer_kind k)
{
	return (unsigned)k < PT_TRANSFER_KIND_COUNT ? &kinds[k] : NULL;
}

int pt_transfer_kind_find(const char *name)
{
	for (int k = 0; k < PT_TRANSFER_KIND_COUNT; k++)
		if (strcmp(kinds[k].name, name) == 0)
			return k;
	return -1;
}
