/* SPDX-License-Identifier: MIT */
/*
 * billing_json.c - the JSON form of estimates, invoices, their lines and
 * totals. Money is integer cents; a formatted copy rides along where
 * people read it ("total_text": "135.60").
 */
#include "local_days.h"
#include "record_json.h"

#include <stdio.h>
#include <string.h>

/* For the modules that add a lone amount; documents written with a
 * builder call pt_jb_money() directly. */
cJSON *pt_json_add_money(cJSON *obj, const char *name, portal_money cents)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(NULL);

	return pt_jb_money(&b, obj, name, cents) == 0 ? obj : NULL;
}

static cJSON *line_to_json(portal *p, const portal_line *l, int with_decision)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();
	char qty[32];

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "id", l->id);
	pt_jb_int(&b, o, "position", l->position);
	pt_jb_string(&b, o, "kind", portal_line_kind_name(l->kind));
	pt_jb_string(&b, o, "kind_label", portal_line_kind_label(l->kind));
	pt_jb_string(&b, o, "description", l->description);
	pt_jb_string(&b, o, "quantity", portal_quantity_format(qty, sizeof(qty), l->quantity));
	pt_jb_money(&b, o, "unit_price", l->unit_price);
	pt_jb_money(&b, o, "amount", l->amount);
	pt_jb_bool(&b, o, "taxable", l->taxable);
	if (with_decision) {
		pt_jb_string(&b, o, "decision", portal_decision_name(l->decision));
		pt_jb_time(&b, o, "decided_at", l->decided_at);
		pt_jb_string(&b, o, "decided_by", l->decided_by);
		pt_jb_id(&b, o, "inspection_item_id", l->inspection_item_id);
	}
	return pt_jb_done(&b, o);
}

cJSON *pt_lines_to_json(portal *p, const portal_line *lines, size_t n, int with_decision)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a != NULL && !b.failed && i < n; i++)
		pt_jb_append(&b, a, line_to_json(p, &lines[i], with_decision));
	return pt_jb_done(&b, a);
}

/* The rate as the shop typed it: 13000 thousandths is "13". */
static const char *tax_rate_format(char *rate, size_t len, int tax_rate)
{
	snprintf(rate, len, "%d", tax_rate / 1000);
	if (tax_rate % 1000) {
		size_t n = strlen(rate);
		snprintf(rate + n, len - n, ".%03d", tax_rate % 1000);
		while (rate[strlen(rate) - 1] == '0')
			rate[strlen(rate) - 1] = '\0';
	}
	return rate;
}

cJSON *pt_totals_to_json(const portal_totals *t)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(NULL);
	cJSON *o = cJSON_CreateObject();
	char rate[32];

	if (o == NULL)
		return NULL;
	pt_jb_money(&b, o, "subtotal", t->subtotal);
	pt_jb_money(&b, o, "taxable", t->taxable);
	pt_jb_money(&b, o, "tax", t->tax);
	pt_jb_money(&b, o, "total", t->total);
	pt_jb_string(&b, o, "tax_rate", tax_rate_format(rate, sizeof(rate), t->tax_rate));
	return pt_jb_done(&b, o);
}

cJSON *pt_estimate_to_json(portal *p, const portal_estimate *e)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();
	char last[11];
	int64_t day;

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "id", e->id);
	pt_jb_string(&b, o, "number", e->number);
	pt_jb_int(&b, o, "client_id", e->client_id);
	pt_jb_id(&b, o, "job_id", e->job_id);
	pt_jb_string(&b, o, "status", portal_estimate_status_name(e->status));
	pt_jb_time(&b, o, "issued_at", e->issued_at);
	pt_jb_time(&b, o, "valid_until", e->valid_until);
	/* The last valid day, as people say it. */
	if (e->valid_until && pt_local_day(&day, p, e->valid_until) == 0)
		pt_jb_string(&b, o, "last_valid_day", pt_day_format(last, day - 1));
	else
		pt_jb_null(&b, o, "last_valid_day");
	pt_jb_string(&b, o, "notes", e->notes);
	pt_jb_item(&b, o, "totals", pt_totals_to_json(&e->totals));
	pt_jb_item(&b, o, "approved", pt_totals_to_json(&e->approved));
	if (e->lines)
		pt_jb_item(&b, o, "lines", pt_lines_to_json(p, e->lines, e->line_count, 1));
	return pt_jb_done(&b, o);
}

cJSON *pt_invoice_to_json(portal *p, const portal_invoice *inv)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "id", inv->id);
	pt_jb_string(&b, o, "number", inv->number);
	pt_jb_int(&b, o, "client_id", inv->client_id);
	pt_jb_id(&b, o, "job_id", inv->job_id);
	pt_jb_id(&b, o, "estimate_id", inv->estimate_id);
	pt_jb_string(&b, o, "status", portal_invoice_status_name(inv->status));
	pt_jb_string(&b, o, "status_label", portal_invoice_status_label(inv->status));
	pt_jb_time(&b, o, "issued_at", inv->issued_at);
	pt_jb_time(&b, o, "due_at", inv->due_at);
	pt_jb_time(&b, o, "voided_at", inv->voided_at);
	pt_jb_string(&b, o, "void_reason", inv->void_reason);
	pt_jb_string(&b, o, "notes", inv->notes);
	pt_jb_item(&b, o, "totals", pt_totals_to_json(&inv->totals));
	pt_jb_money(&b, o, "paid", inv->paid);
	pt_jb_money(&b, o, "balance", inv->balance);
	pt_jb_int(&b, o, "days_overdue", inv->days_overdue);
	if (inv->lines)
		pt_jb_item(&b, o, "lines", pt_lines_to_json(p, inv->lines, inv->line_count, 0));
	return pt_jb_done(&b, o);
}
