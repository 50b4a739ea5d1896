/* SPDX-License-Identifier: MIT */
/*
 * record_enums.c - the names, labels and parsing of every enumeration.
 *
 * A name is the stable word the JSON documents, the CLI and the exports
 * use ("partly_paid"); a label is what a person reads ("Partly paid").
 * Every enumeration is one table read by the same three helpers, so each
 * parses what people type in the same way: case, spaces and '-' do not
 * matter ("Partly paid", "partly-paid" and "PARTLY_PAID" are one value),
 * and a table may add the other words people use for a value.
 */
#include "record.h"

#include <ctype.h>
#include <string.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *pt_enum_name(const pt_enum *e, int value)
{
	return value >= e->first && value <= e->last ? e->names[value].name : NULL;
}

const char *pt_enum_label(const pt_enum *e, int value)
{
	return value >= e->first && value <= e->last ? e->names[value].label : NULL;
}

int pt_enum_parse(int *out, const pt_enum *e, const char *text)
{
	char norm[32];

	if (text == NULL)
		return -1;
	if (e->trim) {
		while (isspace((unsigned char)*text))
			text++;
		if (pt_name_normalise(norm, sizeof(norm), text) < 0)
			return -1;
	} else if (pt_name_fold(norm, sizeof(norm), text) < 0) {
		return -1;
	}
	for (int v = e->first; v <= e->last; v++) {
		if (strcmp(norm, e->names[v].name) == 0) {
			*out = v;
			return 0;
		}
	}
	for (size_t i = 0; i < e->synonym_count; i++) {
		if (strcmp(norm, e->synonyms[i].typed) == 0) {
			*out = e->synonyms[i].value;
			return 0;
		}
	}
	return -1;
}

/* Parse `text` into *out, an enum variable of any type, and return 0; or
 * return -1. */
#define RETURN_PARSED(out, e, text)					\
	do {								\
		int v_;							\
		if (pt_enum_parse(&v_, (e), (text)) < 0)		\
			return -1;					\
		*(out) = v_;						\
		return 0;						\
	} while (0)

/* Jobs. */

static const pt_enum_entry job_statuses[] = {
	{ NULL, NULL },
	{ "booked", "Booked" },
	{ "diagnosed", "Diagnosed" },
	{ "estimate_sent", "Estimate sent" },
	{ "approved", "Approved" },
	{ "parts_ordered", "Parts ordered" },
	{ "parts_arrived", "Parts arrived" },
	{ "repair_scheduled", "Repair scheduled" },
	{ "repaired", "Repaired" },
	{ "invoiced", "Invoiced" },
	{ "paid", "Paid" },
	{ "closed", "Closed" },
	{ "cancelled", "Cancelled" },
};
static const pt_enum job_status_enum = {
	job_statuses, PORTAL_JOB_BOOKED, PORTAL_JOB_CANCELLED, NULL, 0, 0
};

const char *portal_job_status_name(portal_job_status s)
{
	return pt_enum_name(&job_status_enum, (int)s);
}

const char *portal_job_status_label(portal_job_status s)
{
	return pt_enum_label(&job_status_enum, (int)s);
}

int portal_job_status_parse(portal_job_status *out, const char *text)
{
	RETURN_PARSED(out, &job_status_enum, text);
}

/* Appointments. */

static const pt_enum_entry appointment_statuses[] = {
	{ NULL, NULL },
	{ "scheduled", "Scheduled" },
	{ "confirmed", "Confirmed" },
	{ "en_route", "En route" },
	{ "arrived", "Arrived" },
	{ "in_progress", "In progress" },
	{ "completed", "Completed" },
	{ "cancelled", "Cancelled" },
	{ "no_show", "No show" },
};
static const pt_enum appointment_status_enum = {
	appointment_statuses, PORTAL_APPT_SCHEDULED, PORTAL_APPT_NO_SHOW, NULL, 0, 0
};

const char *portal_appointment_status_name(portal_appointment_status s)
{
	return pt_enum_name(&appointment_status_enum, (int)s);
}

const char *portal_appointment_status_label(portal_appointment_status s)
{
	return pt_enum_label(&appointment_status_enum, (int)s);
}

int portal_appointment_status_parse(portal_appointment_status *out, const char *text)
{
	RETURN_PARSED(out, &appointment_status_enum, text);
}

/* Assets. */

static const pt_enum_entry asset_kinds[] = {
	{ NULL, NULL },
	{ "appliance", "Appliance" },
	{ "vehicle", "Vehicle" },
};
static const pt_enum asset_kind_enum = {
	asset_kinds, PORTAL_ASSET_APPLIANCE, PORTAL_ASSET_VEHICLE, NULL, 0, 0
};

const char *portal_asset_kind_name(portal_asset_kind kind)
{
	return pt_enum_name(&asset_kind_enum, (int)kind);
}

int portal_asset_kind_parse(portal_asset_kind *out, const char *text)
{
	RETURN_PARSED(out, &asset_kind_enum, text);
}

/* Estimates. */

static const pt_enum_entry estimate_statuses[] = {
	{ NULL, NULL },
	{ "draft", "Draft" },
	{ "sent", "Sent" },
	{ "partly_decided", "Partly decided" },
	{ "approved", "Approved" },
	{ "partly_approved", "Partly approved" },
	{ "declined", "Declined" },
	{ "expired", "Expired" },
};
static const pt_enum estimate_status_enum = {
	estimate_statuses, PORTAL_ESTIMATE_DRAFT, PORTAL_ESTIMATE_EXPIRED, NULL, 0, 0
};

const char *portal_estimate_status_name(portal_estimate_status s)
{
	return pt_enum_name(&estimate_status_enum, (int)s);
}

/* Inspections. */

static const pt_enum_entry conditions[] = {
	{ NULL, NULL },
	{ "good", "Good" },
	{ "needs_attention", "Needs attention" },
	{ "urgent", "Urgent" },
};
static const pt_enum condition_enum = {
	conditions, PORTAL_CONDITION_GOOD, PORTAL_CONDITION_URGENT, NULL, 0, 1
};

const char *portal_condition_name(portal_condition c)
{
	return pt_enum_name(&condition_enum, (int)c);
}

const char *portal_condition_label(portal_condition c)
{
	return pt_enum_label(&condition_enum, (int)c);
}

int portal_condition_parse(portal_condition *out, const char *text)
{
	RETURN_PARSED(out, &condition_enum, text);
}

/* Invoices. */

static const pt_enum_entry invoice_statuses[] = {
	{ NULL, NULL },
	{ "draft", "Draft" },
	{ "due", "Due" },
	{ "partly_paid", "Partly paid" },
	{ "paid", "Paid" },
	{ "overdue", "Overdue" },
	{ "void", "Void" },
};
static const pt_enum invoice_status_enum = {
	invoice_statuses, PORTAL_INVOICE_DRAFT, PORTAL_INVOICE_VOID, NULL, 0, 1
};

const char *portal_invoice_status_name(portal_invoice_status s)
{
	return pt_enum_name(&invoice_status_enum, (int)s);
}

const char *portal_invoice_status_label(portal_invoice_status s)
{
	return pt_enum_label(&invoice_status_enum, (int)s);
}

int portal_invoice_status_parse(portal_invoice_status *out, const char *text)
{
	RETURN_PARSED(out, &invoice_status_enum, text);
}

/* Lines and the decisions on them. */

static const pt_enum_entry line_kinds[] = {
	{ NULL, NULL },
	{ "labour", "Labour" },
	{ "part", "Part" },
	{ "service_call_fee", "Service call fee" },
	{ "other_fee", "Fee" },
	{ "discount", "Discount" },
	{ "credit", "Credit" },
};
/* The American spellings people type. */
static const pt_enum_synonym line_kind_synonyms[] = {
	{ "labor", PORTAL_LINE_LABOUR },
	{ "parts", PORTAL_LINE_PART },
	{ "fee", PORTAL_LINE_OTHER_FEE },
};
static const pt_enum line_kind_enum = {
	line_kinds, PORTAL_LINE_LABOUR, PORTAL_LINE_CREDIT,
	line_kind_synonyms, COUNT(line_kind_synonyms), 1
};

const char *portal_line_kind_name(portal_line_kind k)
{
	return pt_enum_name(&line_kind_enum, (int)k);
}

const char *portal_line_kind_label(portal_line_kind k)
{
	return pt_enum_label(&line_kind_enum, (int)k);
}

int portal_line_kind_parse(portal_line_kind *out, const char *text)
{
	RETURN_PARSED(out, &line_kind_enum, text);
}

static const pt_enum_entry decisions[] = {
	{ "pending", "Pending" },
	{ "approved", "Approved" },
	{ "declined", "Declined" },
};
static const pt_enum decision_enum = {
	decisions, PORTAL_DECISION_PENDING, PORTAL_DECISION_DECLINED, NULL, 0, 0
};

const char *portal_decision_name(portal_decision d)
{
	return pt_enum_name(&decision_enum, (int)d);
}

/* Payments. */

static const pt_enum_entry payment_methods[] = {
	{ NULL, NULL },
	{ "cash", "Cash" },
	{ "debit", "Debit" },
	{ "credit_card", "Credit card" },
	{ "cheque", "Cheque" },
	{ "e_transfer", "E-transfer" },
	{ "financing", "Financing" },
	{ "other", "Other" },
};
/* What people also type for a method, after normalising. */
static const pt_enum_synonym payment_method_synonyms[] = {
	{ "check", PORTAL_PAY_CHEQUE },
	{ "credit", PORTAL_PAY_CREDIT_CARD },
	{ "card", PORTAL_PAY_CREDIT_CARD },
	{ "creditcard", PORTAL_PAY_CREDIT_CARD },
	{ "debit_card", PORTAL_PAY_DEBIT },
	{ "etransfer", PORTAL_PAY_ETRANSFER },
	{ "interac", PORTAL_PAY_ETRANSFER },
	{ "interac_e_transfer", PORTAL_PAY_ETRANSFER },
	{ "email_transfer", PORTAL_PAY_ETRANSFER },
	{ "finance", PORTAL_PAY_FINANCING },
};
static const pt_enum payment_method_enum = {
	payment_methods, PORTAL_PAY_CASH, PT_PAY_METHOD_LAST,
	payment_method_synonyms, COUNT(payment_method_synonyms), 1
};

const char *portal_payment_method_name(portal_payment_method m)
{
	return pt_enum_name(&payment_method_enum, (int)m);
}

const char *portal_payment_method_label(portal_payment_method m)
{
	return pt_enum_label(&payment_method_enum, (int)m);
}

int portal_payment_method_parse(portal_payment_method *out, const char *text)
{
	RETURN_PARSED(out, &payment_method_enum, text);
}

/* Requests. */

static const pt_enum_entry request_kinds[] = {
	{ NULL, NULL },
	{ "profile", "Profile change" },
	{ "appointment", "Visit" },
	{ "warranty_callback", "Warranty call-back" },
	{ "estimate", "New estimate" },
};
static const pt_enum request_kind_enum = {
	request_kinds, PORTAL_REQUEST_PROFILE, PORTAL_REQUEST_ESTIMATE, NULL, 0, 0
};

const char *portal_request_kind_name(portal_request_kind k)
{
	return pt_enum_name(&request_kind_enum, (int)k);
}

static const pt_enum_entry request_statuses[] = {
	{ NULL, NULL },
	{ "open", "Open" },
	{ "approved", "Approved" },
	{ "rejected", "Rejected" },
};
static const pt_enum request_status_enum = {
	request_statuses, PORTAL_REQUEST_OPEN, PORTAL_REQUEST_REJECTED, NULL, 0, 0
};

const char *portal_request_status_name(portal_request_status s)
{
	return pt_enum_name(&request_status_enum, (int)s);
}

/* The outbox. */

static const pt_enum_entry outbox_statuses[] = {
	{ NULL, NULL },
	{ "pending", "Pending" },
	{ "delivered", "Delivered" },
	{ "failed", "Failed" },
	{ "skipped", "Skipped" },
};
static const pt_enum outbox_status_enum = {
	outbox_statuses, PORTAL_OUTBOX_PENDING, PORTAL_OUTBOX_SKIPPED, NULL, 0, 0
};

const char *portal_outbox_status_name(portal_outbox_status s)
{
	return pt_enum_name(&outbox_status_enum, (int)s);
}

/* Warranty. */

static const pt_enum_entry warranty_causes[] = {
	{ "none", "None" },
	{ "misuse", "Misuse" },
	{ "improper_maintenance", "Improper maintenance" },
	{ "external_damage", "External damage" },
	{ "pests", "Pests" },
	{ "weather", "Weather" },
	{ "relocated", "Relocated" },
};
static const pt_enum warranty_cause_enum = {
	warranty_causes, PORTAL_CAUSE_NONE, PORTAL_CAUSE_RELOCATED, NULL, 0, 0
};

const char *portal_warranty_cause_name(portal_warranty_cause c)
{
	return pt_enum_name(&warranty_cause_enum, (int)c);
}

int portal_warranty_cause_parse(portal_warranty_cause *out, const char *text)
{
	RETURN_PARSED(out, &warranty_cause_enum, text);
}
