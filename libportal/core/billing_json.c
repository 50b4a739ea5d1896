/*
 * billing_json.c - the JSON form of estimates, invoices, their lines and
 * totals. Money is integer cents; a formatted copy rides along where
 * people read it ("total_text": "135.60").
 */
#include "local_days.h"
#include "record_json.h"

#include <stdio.h>
#include <string.h>

#define ADD(expr) (failed |= ((expr) == NULL))

static cJSON *finish(cJSON *o, int failed)
{
	if (failed) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

cJSON *pt_json_add_money(cJSON *obj, const char *name, portal_money cents)
{
	char key[64], text[PORTAL_MONEY_STRLEN];

	if (cJSON_AddNumberToObject(obj, name, (double)cents) == NULL)
		return NULL;
	snprintf(key, sizeof(key), "%s_text", name);
	return cJSON_AddStringToObject(obj, key, portal_money_format(text, sizeof(text), cents));
}

static cJSON *line_to_json(portal *p, const portal_line *l, int with_decision)
{
	cJSON *o = cJSON_CreateObject();
	char qty[32];
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(cJSON_AddNumberToObject(o, "id", (double)l->id));
	ADD(cJSON_AddNumberToObject(o, "position", l->position));
	ADD(cJSON_AddStringToObject(o, "kind", portal_line_kind_name(l->kind)));
	ADD(cJSON_AddStringToObject(o, "kind_label", portal_line_kind_label(l->kind)));
	ADD(cJSON_AddStringToObject(o, "description", l->description));
	ADD(cJSON_AddStringToObject(o, "quantity",
		portal_quantity_format(qty, sizeof(qty), l->quantity)));
	ADD(pt_json_add_money(o, "unit_price", l->unit_price));
	ADD(pt_json_add_money(o, "amount", l->amount));
	ADD(cJSON_AddBoolToObject(o, "taxable", l->taxable));
	if (with_decision) {
		ADD(cJSON_AddStringToObject(o, "decision", portal_decision_name(l->decision)));
		ADD(pt_json_add_time(o, "decided_at", p, l->decided_at));
		ADD(cJSON_AddStringToObject(o, "decided_by", l->decided_by));
		ADD(pt_json_add_id(o, "inspection_item_id", l->inspection_item_id));
	}
	return finish(o, failed);
}

cJSON *pt_lines_to_json(portal *p, const portal_line *lines, size_t n, int with_decision)
{
	cJSON *a = cJSON_CreateArray();

	for (size_t i = 0; a != NULL && i < n; i++) {
		cJSON *l = line_to_json(p, &lines[i], with_decision);
		if (l == NULL || !cJSON_AddItemToArray(a, l)) {
			cJSON_Delete(l);
			cJSON_Delete(a);
			return NULL;
		}
	}
	return a;
}

cJSON *pt_totals_to_json(const portal_totals *t)
{
	cJSON *o = cJSON_CreateObject();
	char rate[32];
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(pt_json_add_money(o, "subtotal", t->subtotal));
	ADD(pt_json_add_money(o, "taxable", t->taxable));
	ADD(pt_json_add_money(o, "tax", t->tax));
	ADD(pt_json_add_money(o, "total", t->total));
	/* The rate as the shop typed it: 13000 thousandths is "13". */
	snprintf(rate, sizeof(rate), "%d", t->tax_rate / 1000);
	if (t->tax_rate % 1000) {
		size_t n = strlen(rate);
		snprintf(rate + n, sizeof(rate) - n, ".%03d", t->tax_rate % 1000);
		while (rate[strlen(rate) - 1] == '0')
			rate[strlen(rate) - 1] = '\0';
	}
	ADD(cJSON_AddStringToObject(o, "tax_rate", rate));
	return finish(o, failed);
}

cJSON *pt_estimate_to_json(portal *p, const portal_estimate *e)
{
	cJSON *o = cJSON_CreateObject();
	char last[11];
	int64_t day;
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(cJSON_AddNumberToObject(o, "id", (double)e->id));
	ADD(cJSON_AddStringToObject(o, "number", e->number));
	ADD(cJSON_AddNumberToObject(o, "client_id", (double)e->client_id));
	ADD(pt_json_add_id(o, "job_id", e->job_id));
	ADD(cJSON_AddStringToObject(o, "status", portal_estimate_status_name(e->status)));
	ADD(pt_json_add_time(o, "issued_at", p, e->issued_at));
	ADD(pt_json_add_time(o, "valid_until", p, e->valid_until));
	/* The last valid day, as people say it. */
	if (e->valid_until && pt_local_day(&day, p, e->valid_until) == 0)
		ADD(cJSON_AddStringToObject(o, "last_valid_day", pt_day_format(last, day - 1)));
	else
		ADD(cJSON_AddNullToObject(o, "last_valid_day"));
	ADD(cJSON_AddStringToObject(o, "notes", e->notes));
	ADD(cJSON_AddItemToObject(o, "totals", pt_totals_to_json(&e->totals)) ? o : NULL);
	ADD(cJSON_AddItemToObject(o, "approved", pt_totals_to_json(&e->approved)) ? o : NULL);
	if (e->lines)
		ADD(cJSON_AddItemToObject(o, "lines",
			pt_lines_to_json(p, e->lines, e->line_count, 1)) ? o : NULL);
	return finish(o, failed);
}

cJSON *pt_invoice_to_json(portal *p, const portal_invoice *inv)
{
	cJSON *o = cJSON_CreateObject();
	int failed = o == NULL;

	if (failed)
		return NULL;
	ADD(cJSON_AddNumberToObject(o, "id", (double)inv->id));
	ADD(cJSON_AddStringToObject(o, "number", inv->number));
	ADD(cJSON_AddNumberToObject(o, "client_id", (double)inv->client_id));
	ADD(pt_json_add_id(o, "job_id", inv->job_id));
	ADD(pt_json_add_id(o, "estimate_id", inv->estimate_id));
	ADD(cJSON_AddStringToObject(o, "status", portal_invoice_status_name(inv->status)));
	ADD(cJSON_AddStringToObject(o, "status_label", portal_invoice_status_label(inv->status)));
	ADD(pt_json_add_time(o, "issued_at", p, inv->issued_at));
	ADD(pt_json_add_time(o, "due_at", p, inv->due_at));
	ADD(pt_json_add_time(o, "voided_at", p, inv->voided_at));
	ADD(cJSON_AddStringToObject(o, "void_reason", inv->void_reason));
	ADD(cJSON_AddStringToObject(o, "notes", inv->notes));
	ADD(cJSON_AddItemToObject(o, "totals", pt_totals_to_json(&inv->totals)) ? o : NULL);
	ADD(pt_json_add_money(o, "paid", inv->paid));
	ADD(pt_json_add_money(o, "balance", inv->balance));
	ADD(cJSON_AddNumberToObject(o, "days_overdue", inv->days_overdue));
	if (inv->lines)
		ADD(cJSON_AddItemToObject(o, "lines",
			pt_lines_to_json(p, inv->lines, inv->line_count, 0)) ? o : NULL);
	return finish(o, failed);
}
