/* SPDX-License-Identifier: MIT */
/*
 * pdf_statement.c - a client's statement of account as a PDF.
 *
 * It prints the statement portal_statement_json() computes, entry by
 * entry, so the paper and the portal can never disagree: charges and
 * payments in time order with the running balance, then the ageing of
 * what is still open.
 */
#include "pdf_doc.h"
#include "json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const pt_pdf_column entry_columns[] = {
	{ "DATE", 0.14f, 0 },
	{ "DESCRIPTION", 0.44f, 0 },
	{ "CHARGES", 0.14f, 1 },
	{ "PAYMENTS", 0.14f, 1 },
	{ "BALANCE", 0.14f, 1 },
};

static const pt_pdf_column ageing_columns[] = {
	{ "CURRENT", 0.17f, 1 },
	{ "1-30 DAYS", 0.17f, 1 },
	{ "31-60 DAYS", 0.17f, 1 },
	{ "61-90 DAYS", 0.17f, 1 },
	{ "OVER 90 DAYS", 0.16f, 1 },
	{ "OPEN TOTAL", 0.16f, 1 },
};

static const char *const ageing_keys[] = {
	"current", "days_1_30", "days_31_60", "days_61_90", "over_90", "total",
};

static portal_money json_money(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsNumber(v) ? (portal_money)v->valuedouble : 0;
}

static const char *json_string(const cJSON *o, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);

	return cJSON_IsString(v) ? v->valuestring : "";
}

static void add_entry(pt_pdf_doc *d, pt_pdf_item *table, const cJSON *e)
{
	portal_money amount = json_money(e, "amount");
	char *cells[5], day[PORTAL_WORDS_LEN];

	cells[0] = (char *)pt_pdf_day(day, sizeof(day), json_string(e, "date"));
	cells[1] = (char *)json_string(e, "description");
	cells[2] = amount > 0 ? pt_pdf_money(d, amount) : NULL;
	cells[3] = amount < 0 ? pt_pdf_money(d, -amount) : NULL;
	cells[4] = pt_pdf_money(d, json_money(e, "balance"));
	pt_pdf_row_add(d, table, (const char *const *)cells);
	free(cells[2]);
	free(cells[3]);
	free(cells[4]);
}

static void add_ageing(pt_pdf_doc *d, const cJSON *ageing)
{
	pt_pdf_item *table = pt_pdf_table(d, "Ageing of the open balance", ageing_columns, 6);
	char *cells[6];

	for (size_t i = 0; i < 6; i++)
		cells[i] = pt_pdf_money(d, json_money(ageing, ageing_keys[i]));
	pt_pdf_row_add(d, table, (const char *const *)cells);
	for (size_t i = 0; i < 6; i++)
		free(cells[i]);
}

/* PAID when nothing is owed, OVERDUE when some of it is past due. */
static void set_mark(pt_pdf_doc *d, const cJSON *root)
{
	const cJSON *ageing = cJSON_GetObjectItemCaseSensitive(root, "ageing");
	portal_money balance = json_money(root, "balance");
	portal_money current = json_money(ageing, "current");
	portal_money open = json_money(ageing, "total");

	if (balance <= 0)
		pt_pdf_mark(d, "PAID", PT_PDF_TONE_GOOD);
	else if (open > current)
		pt_pdf_mark(d, "OVERDUE", PT_PDF_TONE_ALERT);
	else
		pt_pdf_mark(d, "DUE", PT_PDF_TONE_NOTICE);
}

static int build(pt_pdf_doc *d, portal *p, portal_id client_id, const cJSON *root)
{
	const cJSON *e;
	pt_pdf_item *table, *totals;
	char *balance, day[PORTAL_WORDS_LEN];
	int err;

	/* First: the balance below is written in the shop's currency. */
	if ((err = pt_pdf_shop(d, p)) < 0)
		return err;
	d->title = pt_pdf_strdup(d, "Statement of account");
	d->number = pt_pdf_printf(d, "%lld", (long long)client_id);
	d->number_label = "Client";
	set_mark(d, root);
	pt_pdf_fact(d, "As of", pt_pdf_day(day, sizeof(day), json_string(root, "as_of_date")));
	balance = pt_pdf_dollars(d, json_money(root, "balance"));
	pt_pdf_fact(d, "Balance", balance);
	free(balance);
	if ((err = pt_pdf_parties(d, p, client_id, 0)) < 0)
		return err;
	table = pt_pdf_table(d, "Account activity", entry_columns, 5);
	cJSON_ArrayForEach(e, cJSON_GetObjectItemCaseSensitive(root, "entries"))
		add_entry(d, table, e);
	if (cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(root, "entries")) == 0)
		pt_pdf_text(d, NULL, "No invoices or payments on this account yet.");
	add_ageing(d, cJSON_GetObjectItemCaseSensitive(root, "ageing"));
	totals = pt_pdf_totals(d);
	if (json_money(root, "account_credit") != 0)
		pt_pdf_money_total(d, totals, "Account credit", -json_money(root, "account_credit"), 0);
	pt_pdf_money_total(d, totals, "Balance due", json_money(root, "balance"), 1);
	return pt_pdf_terms(d, p);
}

int portal_statement_pdf(portal_buf *out, portal *p, portal_id client_id,
	portal_time as_of, const portal_pdf_options *opt)
{
	portal_buf json = PORTAL_BUF_INIT;
	cJSON *root = NULL;
	pt_pdf_doc d;
	int err;

	if (out == NULL)
		return pt_error(p, PORTAL_EINVAL, "out", "no buffer for the PDF");
	if ((err = portal_statement_json(&json, p, client_id, as_of)) < 0)
		return err;
	if ((root = cJSON_Parse(json.ptr)) == NULL)
		err = pt_oom(p);
	pt_pdf_doc_init(&d, "statement");
	if (err == 0 && (err = build(&d, p, client_id, root)) == 0)
		err = pt_pdf_finish(out, p, &d, opt);
	pt_pdf_doc_free(&d);
	cJSON_Delete(root);
	portal_buf_dispose(&json);
	return err;
}
