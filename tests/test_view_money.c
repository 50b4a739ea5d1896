/* SPDX-License-Identifier: MIT */
/*
 * test_view_money.c - unit tests for the customer's money views
 * (view_money.c): invoices, invoice, estimates, estimate, payments and
 * statement, built through portal_preview() as the portal builds them.
 *
 * The clock is at TH_NOW, Sunday 2026-11-22 10:00 in Toronto, tax 13%.
 * Alice has two jobs: on the first, invoice 10231 ($135.60, issued 45
 * days ago, due on receipt, $35.60 paid in cash: overdue) and a draft
 * 10233; on the second, invoice 10232 ($226.00, issued yesterday, due in
 * two weeks, $26.00 paid by debit: partly paid). She also paid $50.00 of
 * account credit by cheque and got $10.00 of it back. Bob has invoice
 * 20417, paid, and a draft 20418. Alice has estimate E1001 (sent) and
 * E1002 (draft); Bob has E1003.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "fixtures.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

#define HOUR ((portal_time)3600)
#define DAY (24 * HOUR)

static struct {
	portal_id alice, bob;
	portal_id alice_job, alice_job2, bob_job;
	portal_id a1, a2, a3, b1, b2;
	portal_id credit;
} fx;

/* ---------------------------------------------------------------------
 * Fixtures and helpers.
 */

static void check(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

/* An invoice numbered `number` with one labour line of `price` cents;
 * issued at `issued_at` and due `due_days` later unless `issued_at` is 0
 * (a draft). */
static portal_id invoice(portal *p, portal_id client, portal_id job, const char *number,
	portal_money price, portal_time issued_at, int due_days)
{
	portal_id id = th_add_invoice(p, client, job, number);

	th_add_invoice_line(p, id, PORTAL_LINE_LABOUR, NULL, price, -1);
	if (issued_at)
		th_issue_invoice(p, id, issued_at, due_days ? issued_at + due_days * DAY : 0);
	return id;
}

/* An estimate with a labour line and a part line, sent at `sent_at`
 * unless 0. */
static portal_id estimate(portal *p, portal_id client, portal_id job, portal_time sent_at)
{
	portal_id id = th_add_estimate(p, client, job);

	th_add_estimate_line(p, id, PORTAL_LINE_LABOUR, NULL, 10000);
	th_add_estimate_line(p, id, PORTAL_LINE_PART, NULL, 5000);
	if (sent_at)
		th_send_estimate(p, id, sent_at);
	return id;
}

static int setup(void **state)
{
	portal *p = th_open();

	memset(&fx, 0, sizeof(fx));
	fx.alice = th_add_client(p, "Alice Martin");
	fx.bob = th_add_client(p, "Bob Stone");
	fx.alice_job = th_add_job(p, fx.alice, 0, 0, "Dryer does not heat", TH_NOW - 60 * DAY);
	fx.alice_job2 = th_add_job(p, fx.alice, 0, 0, "Dryer does not heat", TH_NOW - 60 * DAY);
	fx.bob_job = th_add_job(p, fx.bob, 0, 0, "Dryer does not heat", TH_NOW - 60 * DAY);
	fx.a1 = invoice(p, fx.alice, fx.alice_job, "10231", 12000, TH_NOW - 45 * DAY, 0);
	fx.a2 = invoice(p, fx.alice, fx.alice_job2, "10232", 20000, TH_NOW - DAY, 14);
	fx.a3 = invoice(p, fx.alice, fx.alice_job, "10233", 30000, 0, 0);
	fx.b1 = invoice(p, fx.bob, fx.bob_job, "20417", 10000, TH_NOW - 3 * DAY, 0);
	fx.b2 = invoice(p, fx.bob, fx.bob_job, "20418", 10000, 0, 0);
	th_add_payment(p, 0, fx.a1, 3560, PORTAL_PAY_CASH, TH_NOW - 40 * DAY);
	th_add_payment(p, 0, fx.a2, 2600, PORTAL_PAY_DEBIT, TH_NOW - HOUR);
	th_add_payment(p, 0, fx.b1, 11300, PORTAL_PAY_DEBIT, TH_NOW - 2 * DAY);
	fx.credit = th_add_payment(p, fx.alice, 0, 5000, PORTAL_PAY_CHEQUE, TH_NOW - 3 * DAY);
	check(p, portal_payment_refund(NULL, p, fx.credit, 1000, "Overpaid", TH_NOW - DAY),
		"refunding");
	estimate(p, fx.alice, fx.alice_job, TH_NOW - DAY);
	estimate(p, fx.alice, fx.alice_job, 0);
	estimate(p, fx.bob, fx.bob_job, TH_NOW - DAY);
	*state = p;
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

/* View `name` as `client` sees it (through job `job`'s link unless 0). */
static cJSON *view(portal *p, portal_id client, portal_id job, const char *name,
	const char *arg)
{
	portal_buf b = PORTAL_BUF_INIT;
	cJSON *doc;
	int rc = portal_preview(&b, p, client, job, name, arg);

	if (rc != PORTAL_OK)
		fail_msg("view %s %s: %d (%s)", name, arg ? arg : "", rc, portal_errmsg(p));
	doc = cJSON_Parse(b.ptr);
	portal_buf_dispose(&b);
	assert_non_null(doc);
	return doc;
}

/* The view is refused with `want` and, when given, message `msg`. */
static void refused(portal *p, portal_id client, portal_id job, const char *name,
	const char *arg, int want, const char *msg)
{
	portal_buf b = PORTAL_BUF_INIT;
	int rc = portal_preview(&b, p, client, job, name, arg);

	if (rc != want)
		fail_msg("view %s '%s': %d, wanted %d (%s)", name, arg ? arg : "", rc, want,
			portal_errmsg(p));
	assert_null(b.ptr);
	if (msg)
		assert_string_equal(portal_errmsg(p), msg);
	portal_buf_dispose(&b);
}

/* The item at `path` ("invoice.totals.total") of `o`; fails when absent. */
static const cJSON *at(const cJSON *o, const char *path)
{
	char key[64];
	const char *dot;

	while ((dot = strchr(path, '.')) != NULL) {
		snprintf(key, sizeof(key), "%.*s", (int)(dot - path), path);
		o = cJSON_GetObjectItemCaseSensitive(o, key);
		if (o == NULL)
			fail_msg("no %s", key);
		path = dot + 1;
	}
	o = cJSON_GetObjectItemCaseSensitive(o, path);
	if (o == NULL)
		fail_msg("no %s", path);
	return o;
}

static int64_t num(const cJSON *o, const char *path)
{
	const cJSON *n = at(o, path);

	assert_true(cJSON_IsNumber(n));
	return (int64_t)n->valuedouble;
}

static const char *str(const cJSON *o, const char *path)
{
	const cJSON *s = at(o, path);

	if (!cJSON_IsString(s))
		fail_msg("%s is not a string", path);
	return s->valuestring;
}

static int is_null(const cJSON *o, const char *path)
{
	return cJSON_IsNull(at(o, path));
}

static int is_true(const cJSON *o, const char *path)
{
	return cJSON_IsTrue(at(o, path));
}

static cJSON *parse_buf(portal_buf *b)
{
	cJSON *doc = cJSON_Parse(b->ptr);

	portal_buf_dispose(b);
	assert_non_null(doc);
	return doc;
}

/* The library's own invoice `id`; the caller frees it. */
static portal_invoice *library_invoice(portal *p, portal_id id)
{
	portal_invoice *inv = NULL;

	check(p, portal_invoice_get(&inv, p, id), "reading an invoice");
	return inv;
}

static int first_invoice(const portal_invoice *inv, void *ctx)
{
	*(portal_id *)ctx = inv->id;
	return 1;
}

/* ---------------------------------------------------------------------
 * invoices
 */

static void test_view_money__invoices_lists_issued_invoices_newest_first(void **state)
{
	portal *p = *state;
	cJSON *doc = view(p, fx.alice, 0, "invoices", NULL);
	const cJSON *list = at(doc, "invoices"), *item;
	portal_id ids[] = { fx.a2, fx.a1 };
	size_t i = 0;

	assert_string_equal(str(doc, "view"), "invoices");
	assert_int_equal(cJSON_GetArraySize(list), 2);      /* the draft 10233 is not there */
	cJSON_ArrayForEach(item, list) {
		portal_invoice *inv = library_invoice(p, ids[i++]);
		assert_string_equal(str(item, "number"), inv->number);
		assert_string_equal(str(item, "status"), portal_invoice_status_name(inv->status));
		assert_string_equal(str(item, "status_label"), portal_invoice_status_label(inv->status));
		assert_int_equal(num(item, "issued_at"), inv->issued_at);
		assert_int_equal(num(item, "due_at"), inv->due_at);
		assert_int_equal(num(item, "total"), inv->totals.total);
		assert_int_equal(num(item, "paid"), inv->paid);
		assert_int_equal(num(item, "balance"), inv->balance);
		assert_int_equal(num(item, "days_overdue"), inv->days_overdue);
		assert_int_equal(num(item, "job_id"), inv->job_id);
		portal_invoice_free(inv);
	}
	item = cJSON_GetArrayItem(list, 0);
	assert_string_equal(str(item, "status"), "partly_paid");
	assert_string_equal(str(item, "total_text"), "226.00");
	assert_string_equal(str(item, "due_date"), "2026-12-05");
	assert_string_equal(str(item, "issued_at_text"), "2026-11-21T10:00:00-05:00");
	item = cJSON_GetArrayItem(list, 1);
	assert_string_equal(str(item, "status"), "overdue");
	assert_string_equal(str(item, "status_label"), "Overdue");
	assert_int_equal(num(item, "days_overdue"), 45);
	assert_string_equal(str(item, "balance_text"), "100.00");
	assert_true(is_null(item, "voided_at"));

	assert_int_equal(num(doc, "totals.count"), 2);
	assert_int_equal(num(doc, "totals.invoiced"), 13560 + 22600);
	assert_int_equal(num(doc, "totals.paid"), 3560 + 2600);
	assert_int_equal(num(doc, "totals.balance_due"), 10000 + 20000);
	assert_string_equal(str(doc, "totals.balance_due_text"), "300.00");
	assert_int_equal(num(doc, "totals.overdue_count"), 1);
	assert_int_equal(num(doc, "totals.overdue"), 10000);
	cJSON_Delete(doc);
}

static void test_view_money__invoices_never_show_another_client(void **state)
{
	portal *p = *state;
	portal_buf b = PORTAL_BUF_INIT;

	check(p, portal_preview(&b, p, fx.alice, 0, "invoices", NULL), "alice's invoices");
	assert_false(th_contains(&b, "20417"));
	assert_false(th_contains(&b, "20418"));
	assert_false(th_contains(&b, "10233"));
	assert_false(th_contains(&b, "Bob"));
	portal_buf_dispose(&b);
	check(p, portal_preview(&b, p, fx.bob, 0, "invoices", NULL), "bob's invoices");
	assert_true(th_contains(&b, "\"20417\""));
	assert_false(th_contains(&b, "1023"));
	assert_false(th_contains(&b, "20418"));
	portal_buf_dispose(&b);
}

static void test_view_money__invoices_hide_a_voided_draft(void **state)
{
	portal *p = *state;
	cJSON *doc;

	check(p, portal_invoice_void(p, fx.a3, "Started by mistake"), "voiding the draft");
	doc = view(p, fx.alice, 0, "invoices", NULL);
	assert_int_equal(cJSON_GetArraySize(at(doc, "invoices")), 2);
	cJSON_Delete(doc);
	refused(p, fx.alice, 0, "invoice", "10233", PORTAL_ENOTFOUND, "no invoice 10233");
}

static void test_view_money__a_void_invoice_says_so_and_owes_nothing(void **state)
{
	portal *p = *state;
	portal_id v = invoice(p, fx.alice, fx.alice_job, "10240", 5000, TH_NOW - DAY, 0);
	cJSON *doc;

	check(p, portal_invoice_void(p, v, "Entered twice"), "voiding");
	doc = view(p, fx.alice, 0, "invoice", "10240");
	assert_string_equal(str(doc, "invoice.status"), "void");
	assert_string_equal(str(doc, "invoice.status_label"), "Void");
	assert_string_equal(str(doc, "invoice.void_reason"), "Entered twice");
	assert_int_equal(num(doc, "invoice.voided_at"), TH_NOW);
	assert_int_equal(num(doc, "invoice.balance"), 0);
	cJSON_Delete(doc);
	doc = view(p, fx.alice, 0, "invoices", NULL);
	assert_int_equal(num(doc, "totals.count"), 3);
	assert_int_equal(num(doc, "totals.balance_due"), 30000);
	assert_int_equal(num(doc, "totals.invoiced"), 13560 + 22600);
	cJSON_Delete(doc);
}

/* ---------------------------------------------------------------------
 * invoice
 */

static void test_view_money__invoice_shows_the_whole_invoice(void **state)
{
	portal *p = *state;
	portal_invoice *inv = library_invoice(p, fx.a1);
	cJSON *doc = view(p, fx.alice, 0, "invoice", "#10231");
	const cJSON *line, *pay1;

	assert_string_equal(str(doc, "view"), "invoice");
	assert_string_equal(str(doc, "invoice.number"), "10231");
	assert_string_equal(str(doc, "invoice.status"), "overdue");
	assert_int_equal(num(doc, "invoice.totals.subtotal"), inv->totals.subtotal);
	assert_int_equal(num(doc, "invoice.totals.tax"), inv->totals.tax);
	assert_int_equal(num(doc, "invoice.totals.total"), inv->totals.total);
	assert_string_equal(str(doc, "invoice.totals.tax_rate"), "13");
	assert_int_equal(num(doc, "invoice.total"), 13560);
	assert_int_equal(num(doc, "invoice.paid"), inv->paid);
	assert_int_equal(num(doc, "invoice.balance"), inv->balance);
	assert_int_equal(cJSON_GetArraySize(at(doc, "invoice.lines")), (int)inv->line_count);
	line = cJSON_GetArrayItem(at(doc, "invoice.lines"), 0);
	assert_string_equal(str(line, "kind"), "labour");
	assert_int_equal(num(line, "amount"), 12000);
	assert_int_equal(cJSON_GetArraySize(at(doc, "invoice.payments")), 1);
	pay1 = cJSON_GetArrayItem(at(doc, "invoice.payments"), 0);
	assert_string_equal(str(pay1, "kind"), "payment");
	assert_string_equal(str(pay1, "method"), "cash");
	assert_string_equal(str(pay1, "method_label"), "Cash");
	assert_int_equal(num(pay1, "amount"), 3560);
	assert_string_equal(str(pay1, "amount_text"), "35.60");
	assert_int_equal(num(pay1, "received_at"), TH_NOW - 40 * DAY);
	/* No repair was approved on an estimate: no credit, and the job is
	 * not repaired yet. */
	assert_true(is_null(doc, "invoice.service_call_credit"));
	assert_true(is_null(doc, "invoice.estimate_number"));
	assert_false(is_true(doc, "invoice.warranty.completed"));
	assert_true(is_null(doc, "invoice.warranty.labour_until"));
	portal_invoice_free(inv);
	cJSON_Delete(doc);
}

static void test_view_money__invoice_takes_the_number_as_people_type_it(void **state)
{
	static const char *const typed[] = {
		"10231", "#10231", " 10231 ", "inv-10231", "INV 10231", "Invoice #10231",
		"No. 10231", "010231",
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(typed); i++) {
		cJSON *doc = view(p, fx.alice, 0, "invoice", typed[i]);
		assert_string_equal(str(doc, "invoice.number"), "10231");
		cJSON_Delete(doc);
	}
}

/*
 * The heart of the portal's promise: whatever number is typed, another
 * client's invoice, a draft, one outside the link's job, an unknown
 * number and garbage all answer the same code and the same message.
 */
static void test_view_money__invoice_of_another_client_answers_as_unknown(void **state)
{
	static const char *const bobs[] = {
		"20417", "#20417", " 20417 ", "inv-20417", "INV 20417", "Invoice #20417",
		"No. 20417", "020417",
		"20418", "#20418", "inv-20418",              /* Bob's draft */
	};
	static const char *const alices[] = { "10231", "#10231", "inv-10231", "010231" };
	static const char *const unknown[] = {
		"99999", "#99999", "inv-99999", "", "!!!", "10231x", "' OR 1=1 --", "#", "INV",
		"123456789012345678901234567890",
	};
	portal *p = *state;
	portal_id ids[] = { fx.a1, fx.a2, fx.b1, fx.b2 };
	char msg[128], typed[32];

	for (size_t i = 0; i < ARRAY_LEN(bobs); i++) {
		snprintf(msg, sizeof(msg), "no invoice %s", bobs[i]);
		refused(p, fx.alice, 0, "invoice", bobs[i], PORTAL_ENOTFOUND, msg);
	}
	/* Alice's own through a link to her other job; her draft. */
	for (size_t i = 0; i < ARRAY_LEN(alices); i++) {
		snprintf(msg, sizeof(msg), "no invoice %s", alices[i]);
		refused(p, fx.alice, fx.alice_job2, "invoice", alices[i], PORTAL_ENOTFOUND, msg);
		refused(p, fx.bob, 0, "invoice", alices[i], PORTAL_ENOTFOUND, msg);
	}
	refused(p, fx.alice, 0, "invoice", "#10233", PORTAL_ENOTFOUND, "no invoice #10233");
	for (size_t i = 0; i < ARRAY_LEN(unknown); i++) {
		if (*unknown[i] == '\0') {
			/* No argument at all is a usage error, not a lookup. */
			refused(p, fx.alice, 0, "invoice", unknown[i], PORTAL_EINVAL, NULL);
			continue;
		}
		snprintf(msg, sizeof(msg), "no invoice %.40s", unknown[i]);
		refused(p, fx.alice, 0, "invoice", unknown[i], PORTAL_ENOTFOUND, msg);
	}
	/* Ids instead of numbers. */
	for (size_t i = 0; i < ARRAY_LEN(ids); i++) {
		snprintf(typed, sizeof(typed), "%lld", (long long)ids[i]);
		snprintf(msg, sizeof(msg), "no invoice %s", typed);
		refused(p, fx.alice, 0, "invoice", typed, PORTAL_ENOTFOUND, msg);
		snprintf(typed, sizeof(typed), "#%lld", (long long)ids[i]);
		snprintf(msg, sizeof(msg), "no invoice %s", typed);
		refused(p, fx.bob, 0, "invoice", typed, PORTAL_ENOTFOUND, msg);
	}
	/* And refusing changed nothing. */
	TH_CHECK_REFUSED(p, "another client's invoice",
		portal_preview(&(portal_buf)PORTAL_BUF_INIT, p, fx.alice, 0, "invoice", "20417"),
		PORTAL_ENOTFOUND, NULL);
}

static void test_view_money__invoice_credits_the_service_call_fee(void **state)
{
	portal *p = *state;
	portal_id job = th_add_job(p, fx.alice, 0, 0, "Dryer does not heat", TH_NOW - 60 * DAY);
	portal_id fee, est, repair = 0;
	portal_invoice_filter drafts = { 0, 0, PORTAL_INVOICE_DRAFT };
	portal_estimate *e = NULL;
	portal_invoice *inv;
	cJSON *doc;

	/* The diagnosis visit's fee, on its own invoice. */
	fee = th_add_invoice(p, fx.alice, job, "10300");
	th_add_invoice_line(p, fee, PORTAL_LINE_SERVICE_CALL_FEE, NULL, PORTAL_PRICE_SHOP_FEE, -1);
	th_issue_invoice(p, fee, TH_NOW - 3 * DAY, 0);
	/* The customer goes ahead with the repair. */
	est = estimate(p, fx.alice, job, TH_NOW - 2 * DAY);
	check(p, portal_estimate_decide(p, est, 0, PORTAL_DECISION_APPROVED, "Alice Martin"),
		"approving");
	check(p, portal_estimate_get(&e, p, est), "reading the estimate");
	drafts.job_id = job;
	assert_true(portal_invoice_foreach(p, &drafts, first_invoice, &repair) >= 0);
	assert_true(repair > 0);
	check(p, portal_invoice_issue(p, repair, 0, 0), "issuing the repair");
	inv = library_invoice(p, repair);

	doc = view(p, fx.alice, 0, "invoice", inv->number);
	assert_int_equal(num(doc, "invoice.total"), inv->totals.total);
	assert_int_equal(num(doc, "invoice.service_call_credit.amount"), 12000);
	assert_string_equal(str(doc, "invoice.service_call_credit.amount_text"), "120.00");
	assert_string_equal(str(doc, "invoice.service_call_credit.description"),
		"Service call fee credited");
	assert_int_equal(num(doc, "invoice.service_call_credit.position"), 3);
	assert_string_equal(str(doc, "invoice.estimate_number"), e->number);
	/* Not repaired yet: the warranty has not started. */
	assert_false(is_true(doc, "invoice.warranty.completed"));
	cJSON_Delete(doc);

	/* The fee's own invoice bills no repair: no credit, no warranty. */
	doc = view(p, fx.alice, 0, "invoice", "10300");
	assert_true(is_null(doc, "invoice.service_call_credit"));
	assert_true(is_null(doc, "invoice.warranty"));
	cJSON_Delete(doc);

	/* Repaired today: labour 90 days, parts 30. */
	check(p, portal_job_set_status(p, job, PORTAL_JOB_REPAIRED, NULL, TH_NOW), "repaired");
	doc = view(p, fx.alice, 0, "invoice", inv->number);
	assert_true(is_true(doc, "invoice.warranty.completed"));
	assert_int_equal(num(doc, "invoice.warranty.completed_at"), TH_NOW);
	assert_string_equal(str(doc, "invoice.warranty.labour_until"), "2027-02-20");
	assert_string_equal(str(doc, "invoice.warranty.parts_until"), "2026-12-22");
	assert_true(is_true(doc, "invoice.warranty.labour_covered"));
	assert_non_null(strstr(str(doc, "invoice.warranty.explanation"), "Sat 20 Feb 2027"));
	cJSON_Delete(doc);
	portal_invoice_free(inv);
	portal_estimate_free(e);
}

/* ---------------------------------------------------------------------
 * estimates and estimate
 */

static void test_view_money__estimates_show_sent_ones_only(void **state)
{
	portal *p = *state;
	portal_estimate *e = NULL;
	portal_id id = 0;
	cJSON *doc = view(p, fx.alice, 0, "estimates", NULL);
	const cJSON *item;

	assert_int_equal(cJSON_GetArraySize(at(doc, "estimates")), 1);    /* not the draft */
	item = cJSON_GetArrayItem(at(doc, "estimates"), 0);
	check(p, portal_estimate_find(&id, p, "E1001"), "finding E1001");
	check(p, portal_estimate_get(&e, p, id), "reading E1001");
	assert_string_equal(str(item, "number"), "E1001");
	assert_string_equal(str(item, "status"), "sent");
	assert_int_equal(num(item, "valid_until"), e->valid_until);
	assert_string_equal(str(item, "last_valid_day"), "2026-11-28");
	assert_false(is_true(item, "expired"));
	assert_true(is_true(item, "can_approve"));
	assert_int_equal(num(item, "total"), e->totals.total);
	assert_int_equal(num(item, "total"), 16950);
	assert_true(is_null(item, "decided_by"));
	assert_int_equal(num(doc, "awaiting_decision"), 1);
	portal_estimate_free(e);
	cJSON_Delete(doc);
}

static void test_view_money__estimate_shows_decisions_and_who_made_them(void **state)
{
	portal *p = *state;
	portal_estimate *e = NULL;
	portal_id id = 0;
	cJSON *doc;
	const cJSON *l1, *l2;

	check(p, portal_estimate_find(&id, p, "E1001"), "finding E1001");
	check(p, portal_estimate_get(&e, p, id), "reading E1001");
	check(p, portal_estimate_decide(p, id, e->lines[1].id, PORTAL_DECISION_DECLINED,
		"Alice Martin"), "declining the part");
	doc = view(p, fx.alice, 0, "estimate", "e-1001");
	assert_string_equal(str(doc, "estimate.status"), "partly_decided");
	assert_true(is_true(doc, "estimate.can_approve"));
	assert_non_null(strstr(str(doc, "estimate.validity_notice"), "Sat 28 Nov"));
	l1 = cJSON_GetArrayItem(at(doc, "estimate.lines"), 0);
	l2 = cJSON_GetArrayItem(at(doc, "estimate.lines"), 1);
	assert_string_equal(str(l1, "decision"), "pending");
	assert_true(is_null(l1, "decided_by"));
	assert_true(is_null(l1, "decided_at"));
	assert_string_equal(str(l2, "decision"), "declined");
	assert_string_equal(str(l2, "decision_label"), "Declined");
	assert_string_equal(str(l2, "decided_by"), "Alice Martin");
	assert_int_equal(num(l2, "decided_at"), TH_NOW);
	assert_string_equal(str(doc, "estimate.decided_by"), "Alice Martin");
	assert_int_equal(num(doc, "estimate.totals.total"), e->totals.total);
	cJSON_Delete(doc);

	portal_set_now(p, TH_NOW + HOUR);
	check(p, portal_estimate_decide(p, id, 0, PORTAL_DECISION_APPROVED, "Alice M."),
		"approving the rest");
	doc = view(p, fx.alice, 0, "estimate", "#1001");
	assert_string_equal(str(doc, "estimate.status"), "partly_approved");
	assert_string_equal(str(doc, "estimate.status_label"), "Partly approved");
	assert_false(is_true(doc, "estimate.can_approve"));
	assert_int_equal(num(doc, "estimate.approved.total"), 11300);
	assert_int_equal(num(doc, "estimate.approved_total"), 11300);
	assert_string_equal(str(doc, "estimate.decided_by"), "Alice M.");
	cJSON_Delete(doc);
	portal_estimate_free(e);
}

static void test_view_money__an_expired_estimate_says_so(void **state)
{
	portal *p = *state;
	cJSON *doc;

	/* Sent Saturday 21 November: valid through Saturday 28 November. */
	portal_set_now(p, TH_NOW + 6 * DAY + 13 * HOUR);       /* Sat 23:00 */
	doc = view(p, fx.alice, 0, "estimate", "E1001");
	assert_false(is_true(doc, "estimate.expired"));
	assert_true(is_true(doc, "estimate.can_approve"));
	cJSON_Delete(doc);
	portal_set_now(p, TH_NOW + 6 * DAY + 14 * HOUR);       /* Sun 00:00 */
	doc = view(p, fx.alice, 0, "estimate", "E1001");
	assert_string_equal(str(doc, "estimate.status"), "expired");
	assert_true(is_true(doc, "estimate.expired"));
	assert_false(is_true(doc, "estimate.can_approve"));
	assert_non_null(strstr(str(doc, "estimate.validity_notice"), "expired"));
	cJSON_Delete(doc);
	doc = view(p, fx.alice, 0, "estimates", NULL);
	assert_int_equal(num(doc, "awaiting_decision"), 0);
	cJSON_Delete(doc);
}

static void test_view_money__estimate_of_another_client_answers_as_unknown(void **state)
{
	static const char *const typed[] = {
		"E1003", "e1003", "e-1003", "#1003", "estimate 1003", "1003",   /* Bob's */
		"E1002", "e-1002",                                               /* a draft */
		"E9999", "junk", "3",                                            /* unknown, an id */
	};
	portal *p = *state;
	char msg[128];

	for (size_t i = 0; i < ARRAY_LEN(typed); i++) {
		snprintf(msg, sizeof(msg), "no estimate %s", typed[i]);
		refused(p, fx.alice, 0, "estimate", typed[i], PORTAL_ENOTFOUND, msg);
	}
	refused(p, fx.bob, 0, "estimate", "E1001", PORTAL_ENOTFOUND, "no estimate E1001");
	/* Alice's own through the link to her other job. */
	refused(p, fx.alice, fx.alice_job2, "estimate", "E1001", PORTAL_ENOTFOUND,
		"no estimate E1001");
}

/* ---------------------------------------------------------------------
 * payments
 */

static void test_view_money__payments_newest_first_with_breakdown(void **state)
{
	portal *p = *state;
	portal_buf b = PORTAL_BUF_INIT;
	cJSON *doc = view(p, fx.alice, 0, "payments", NULL), *lib;
	const cJSON *list = at(doc, "payments"), *m, *lm;
	static const char *const kinds[] = { "payment", "refund", "payment", "payment" };
	static const portal_money amounts[] = { 2600, -1000, 5000, 3560 };
	int i = 0;

	assert_int_equal(cJSON_GetArraySize(list), 4);
	cJSON_ArrayForEach(m, list) {
		assert_string_equal(str(m, "kind"), kinds[i]);
		assert_int_equal(num(m, "amount"), amounts[i]);
		i++;
	}
	m = cJSON_GetArrayItem(list, 1);
	assert_string_equal(str(m, "reason"), "Overpaid");
	assert_true(is_true(m, "account_credit"));
	assert_true(is_null(m, "invoice_number"));
	m = cJSON_GetArrayItem(list, 2);
	assert_int_equal(num(m, "refunded"), 1000);
	assert_string_equal(str(cJSON_GetArrayItem(list, 0), "invoice_number"), "10232");

	/* The breakdown by method is the library's. */
	check(p, portal_payment_breakdown_json(&b, p, fx.alice, 0, 0), "breakdown");
	lib = parse_buf(&b);
	assert_int_equal(cJSON_GetArraySize(at(doc, "by_method")),
		cJSON_GetArraySize(at(lib, "methods")));
	for (i = 0; i < cJSON_GetArraySize(at(lib, "methods")); i++) {
		m = cJSON_GetArrayItem(at(doc, "by_method"), i);
		lm = cJSON_GetArrayItem(at(lib, "methods"), i);
		assert_string_equal(str(m, "method"), str(lm, "method"));
		assert_int_equal(num(m, "count"), num(lm, "count"));
		assert_int_equal(num(m, "amount"), num(lm, "amount"));
	}
	assert_int_equal(num(doc, "totals.count"), num(lib, "count"));
	assert_int_equal(num(doc, "totals.net"), num(lib, "total"));
	assert_int_equal(num(doc, "totals.received"), 11160);
	assert_int_equal(num(doc, "totals.refunded"), 1000);
	cJSON_Delete(lib);

	/* Per month of the shop's calendar, newest first. */
	assert_int_equal(cJSON_GetArraySize(at(doc, "by_month")), 2);
	m = cJSON_GetArrayItem(at(doc, "by_month"), 0);
	assert_string_equal(str(m, "month"), "2026-11");
	assert_int_equal(num(m, "count"), 2);
	assert_int_equal(num(m, "received"), 7600);
	assert_int_equal(num(m, "refunded"), 1000);
	assert_int_equal(num(m, "net"), 6600);
	m = cJSON_GetArrayItem(at(doc, "by_month"), 1);
	assert_string_equal(str(m, "month"), "2026-10");
	assert_int_equal(num(m, "net"), 3560);
	assert_int_equal(num(doc, "account_credit"), 4000);
	cJSON_Delete(doc);
}

/* ---------------------------------------------------------------------
 * statement
 */

static void test_view_money__statement_is_the_librarys(void **state)
{
	portal *p = *state;
	portal_buf b = PORTAL_BUF_INIT;
	cJSON *doc = view(p, fx.alice, 0, "statement", NULL), *lib;
	const cJSON *e, *le;
	int i;

	check(p, portal_statement_json(&b, p, fx.alice, 0), "statement");
	lib = parse_buf(&b);
	assert_int_equal(num(doc, "statement.balance"), num(lib, "balance"));
	assert_int_equal(num(doc, "statement.account_credit"), num(lib, "account_credit"));
	assert_int_equal(num(doc, "statement.account_credit"), 4000);
	assert_int_equal(num(doc, "statement.balance"), 30000 - 4000);
	assert_string_equal(str(doc, "statement.balance_text"), "260.00");
	assert_int_equal(num(doc, "statement.ageing.total"), num(lib, "ageing.total"));
	assert_int_equal(num(doc, "statement.ageing.days_31_60"), 10000);
	assert_int_equal(num(doc, "statement.ageing.current"), 20000);
	assert_string_equal(str(doc, "statement.ageing.current_text"), "200.00");
	assert_int_equal(num(doc, "statement.as_of"), TH_NOW);
	assert_int_equal(cJSON_GetArraySize(at(doc, "statement.entries")),
		cJSON_GetArraySize(at(lib, "entries")));
	for (i = 0; i < cJSON_GetArraySize(at(lib, "entries")); i++) {
		e = cJSON_GetArrayItem(at(doc, "statement.entries"), i);
		le = cJSON_GetArrayItem(at(lib, "entries"), i);
		assert_int_equal(num(e, "amount"), num(le, "amount"));
		assert_int_equal(num(e, "balance"), num(le, "balance"));
		assert_string_equal(str(e, "at_text"), str(le, "at"));
		assert_string_equal(str(e, "description"), str(le, "description"));
		assert_null(cJSON_GetObjectItem(e, "payment_id"));
	}
	e = cJSON_GetArrayItem(at(doc, "statement.entries"), 0);
	assert_int_equal(num(e, "at"), TH_NOW - 45 * DAY);
	assert_int_equal(cJSON_GetArraySize(at(doc, "statement.open_invoices")), 2);
	assert_null(cJSON_GetObjectItem(at(doc, "statement"), "client_id"));
	cJSON_Delete(lib);
	cJSON_Delete(doc);
}

/* ---------------------------------------------------------------------
 * Job scope and sections.
 */

static void test_view_money__a_job_link_shows_that_jobs_money_only(void **state)
{
	portal *p = *state;
	cJSON *doc;

	doc = view(p, fx.alice, fx.alice_job, "invoices", NULL);
	assert_int_equal(num(doc, "job_scope"), fx.alice_job);
	assert_int_equal(cJSON_GetArraySize(at(doc, "invoices")), 1);
	assert_string_equal(str(cJSON_GetArrayItem(at(doc, "invoices"), 0), "number"), "10231");
	assert_int_equal(num(doc, "totals.balance_due"), 10000);
	cJSON_Delete(doc);
	refused(p, fx.alice, fx.alice_job, "invoice", "10232", PORTAL_ENOTFOUND,
		"no invoice 10232");

	/* Only the payment on 10231: not 10232's, not the account credit. */
	doc = view(p, fx.alice, fx.alice_job, "payments", NULL);
	assert_int_equal(cJSON_GetArraySize(at(doc, "payments")), 1);
	assert_int_equal(num(cJSON_GetArrayItem(at(doc, "payments"), 0), "amount"), 3560);
	assert_int_equal(num(doc, "totals.net"), 3560);
	assert_true(is_null(doc, "account_credit"));
	cJSON_Delete(doc);

	doc = view(p, fx.alice, fx.alice_job2, "estimates", NULL);
	assert_int_equal(cJSON_GetArraySize(at(doc, "estimates")), 0);
	cJSON_Delete(doc);
	doc = view(p, fx.alice, fx.alice_job, "estimates", NULL);
	assert_int_equal(cJSON_GetArraySize(at(doc, "estimates")), 1);
	cJSON_Delete(doc);

	/* The statement covers every job: not through a job's link. */
	refused(p, fx.alice, fx.alice_job, "statement", NULL, PORTAL_EDENIED, NULL);
	assert_non_null(strstr(portal_errmsg(p), "one job"));
}

static void test_view_money__hidden_sections_are_denied(void **state)
{
	static const struct {
		unsigned hidden;
		const char *name, *arg;
	} cases[] = {
		{ PORTAL_SECTION_INVOICES, "invoices", NULL },
		{ PORTAL_SECTION_INVOICES, "invoice", "10231" },
		{ PORTAL_SECTION_INVOICES, "statement", NULL },
		{ PORTAL_SECTION_ESTIMATES, "estimates", NULL },
		{ PORTAL_SECTION_ESTIMATES, "estimate", "E1001" },
		{ PORTAL_SECTION_PAYMENTS, "payments", NULL },
	};
	portal *p = *state;

	for (size_t i = 0; i < ARRAY_LEN(cases); i++) {
		cJSON *doc;
		check(p, portal_client_set_sections(p, fx.alice,
			PORTAL_SECTIONS_ALL & ~cases[i].hidden), "hiding");
		refused(p, fx.alice, 0, cases[i].name, cases[i].arg, PORTAL_EDENIED, NULL);
		refused(p, fx.alice, fx.alice_job, cases[i].name, cases[i].arg, PORTAL_EDENIED, NULL);
		check(p, portal_client_set_sections(p, fx.alice, PORTAL_SECTIONS_ALL), "showing");
		doc = view(p, fx.alice, 0, cases[i].name, cases[i].arg);
		cJSON_Delete(doc);
	}
	/* Another client's switches are their own. */
	check(p, portal_client_set_sections(p, fx.bob, 0), "hiding all of Bob's");
	cJSON_Delete(view(p, fx.alice, 0, "payments", NULL));
}

/* ---------------------------------------------------------------------
 * The demo shop.
 */

static int collect_client(const portal_client *c, void *ctx)
{
	portal_id *ids = ctx;

	for (size_t i = 0; i < 64; i++)
		if (ids[i] == 0) {
			ids[i] = c->id;
			break;
		}
	return 0;
}

static void check_demo_invoices(portal *p, portal_id client)
{
	cJSON *doc = view(p, client, 0, "invoices", NULL), *st;
	const cJSON *item;
	portal_money due = 0;

	cJSON_ArrayForEach(item, at(doc, "invoices")) {
		portal_id id = 0;
		portal_invoice *inv;
		cJSON *one;
		check(p, portal_invoice_find(&id, p, str(item, "number")), "finding");
		inv = library_invoice(p, id);
		assert_int_equal(inv->client_id, client);
		assert_int_not_equal(inv->status, PORTAL_INVOICE_DRAFT);
		assert_string_equal(str(item, "status"), portal_invoice_status_name(inv->status));
		assert_int_equal(num(item, "total"), inv->totals.total);
		assert_int_equal(num(item, "paid"), inv->paid);
		assert_int_equal(num(item, "balance"), inv->balance);
		if (inv->status != PORTAL_INVOICE_VOID && inv->balance > 0)
			due += inv->balance;
		one = view(p, client, 0, "invoice", str(item, "number"));
		assert_int_equal(num(one, "invoice.totals.total"), inv->totals.total);
		assert_int_equal(cJSON_GetArraySize(at(one, "invoice.lines")), (int)inv->line_count);
		cJSON_Delete(one);
		portal_invoice_free(inv);
	}
	assert_int_equal(num(doc, "totals.balance_due"), due);
	/* What the invoices say is due is what the statement ages. */
	st = view(p, client, 0, "statement", NULL);
	assert_int_equal(num(st, "statement.ageing.total"), due);
	cJSON_Delete(st);
	cJSON_Delete(doc);
}

static void check_demo_estimates_and_payments(portal *p, portal_id client)
{
	portal_buf b = PORTAL_BUF_INIT;
	cJSON *doc = view(p, client, 0, "estimates", NULL), *lib;
	const cJSON *item;

	cJSON_ArrayForEach(item, at(doc, "estimates")) {
		portal_estimate *e = NULL;
		portal_id id = 0;
		check(p, portal_estimate_find(&id, p, str(item, "number")), "finding");
		check(p, portal_estimate_get(&e, p, id), "reading");
		assert_int_equal(e->client_id, client);
		assert_string_equal(str(item, "status"), portal_estimate_status_name(e->status));
		assert_int_equal(num(item, "total"), e->totals.total);
		cJSON_Delete(view(p, client, 0, "estimate", e->number));
		portal_estimate_free(e);
	}
	cJSON_Delete(doc);
	doc = view(p, client, 0, "payments", NULL);
	check(p, portal_payment_breakdown_json(&b, p, client, 0, 0), "breakdown");
	lib = parse_buf(&b);
	assert_int_equal(num(doc, "totals.net"), num(lib, "total"));
	assert_int_equal(num(doc, "totals.count"), num(lib, "count"));
	cJSON_Delete(lib);
	cJSON_Delete(doc);
}

static void test_view_money__demo_shop_views_show_what_the_library_computed(void **state)
{
	portal *p = th_open_demo();
	portal_id clients[64] = { 0 };
	portal_buf b = PORTAL_BUF_INIT;
	int statuses = 0;

	*state = p;
	check(p, portal_client_foreach(p, NULL, collect_client, clients), "listing clients");
	for (size_t i = 0; i < 64 && clients[i]; i++) {
		check_demo_invoices(p, clients[i]);
		check_demo_estimates_and_payments(p, clients[i]);
		check(p, portal_preview(&b, p, clients[i], 0, "invoices", NULL), "invoices");
		statuses |= th_contains(&b, "\"overdue\"") << 0;
		statuses |= th_contains(&b, "\"partly_paid\"") << 1;
		statuses |= th_contains(&b, "\"void\"") << 2;
		statuses |= th_contains(&b, "\"paid\"") << 3;
		assert_false(th_contains(&b, "\"draft\""));
		portal_buf_dispose(&b);
	}
	/* The demo has invoices in every status a customer sees. */
	assert_int_equal(statuses, 0xf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_view_money__invoices_lists_issued_invoices_newest_first, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__invoices_never_show_another_client, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__invoices_hide_a_voided_draft, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__a_void_invoice_says_so_and_owes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__invoice_shows_the_whole_invoice, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__invoice_takes_the_number_as_people_type_it, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__invoice_of_another_client_answers_as_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__invoice_credits_the_service_call_fee, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__estimates_show_sent_ones_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__estimate_shows_decisions_and_who_made_them, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__an_expired_estimate_says_so, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__estimate_of_another_client_answers_as_unknown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__payments_newest_first_with_breakdown, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__statement_is_the_librarys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__a_job_link_shows_that_jobs_money_only, setup, teardown),
		cmocka_unit_test_setup_teardown(test_view_money__hidden_sections_are_denied, setup, teardown),
		cmocka_unit_test_teardown(test_view_money__demo_shop_views_show_what_the_library_computed, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
