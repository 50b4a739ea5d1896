/* SPDX-License-Identifier: MIT */
/*
 * estimate.c - estimates, their validity and the customer's decisions.
 */
#include "internal.h"
#include "rules.h"
#include "local_days.h"
#include "settings.h"
#include "audit_log.h"
#include "billing.h"
#include "json.h"
#include "notify_log.h"
#include "outbox_queue.h"
#include "record_json.h"
#include "store_billing.h"
#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static portal_estimate_status derive_status(const portal_estimate *e, portal_time now)
{
	size_t approved = 0, declined = 0;

	if (e->issued_at == 0)
		return PORTAL_ESTIMATE_DRAFT;
	for (size_t i = 0; i < e->line_count; i++) {
		approved += e->lines[i].decision == PORTAL_DECISION_APPROVED;
		declined += e->lines[i].decision == PORTAL_DECISION_DECLINED;
	}
	if (approved + declined < e->line_count)
		return now >= e->valid_until ? PORTAL_ESTIMATE_EXPIRED :
			approved + declined ? PORTAL_ESTIMATE_PARTLY_DECIDED : PORTAL_ESTIMATE_SENT;
	if (declined == 0)
		return PORTAL_ESTIMATE_APPROVED;
	return approved ? PORTAL_ESTIMATE_PARTLY_APPROVED : PORTAL_ESTIMATE_DECLINED;
}

/* Fill the derived fields of a stored estimate: lines (kept only when
 * `keep_lines`), totals, approved totals and status. */
static int complete(portal *p, portal_estimate *e, int keep_lines)
{
	portal_line *approved = NULL;
	size_t n = 0;
	int32_t rate;
	int err;

	if ((err = pt_store_estimate_lines(&e->lines, &e->line_count, p, e->id)) < 0 ||
	    (err = pt_document_rate(&rate, p, e->issued_at, e->totals.tax_rate)) < 0 ||
	    (err = pt_totals(&e->totals, p, e->lines, e->line_count, rate)) < 0)
		goto done;
	/* The approved lines are the estimate's lines minus the others. */
	if (e->line_count && (approved = malloc(e->line_count * sizeof(*approved))) == NULL) {
		err = pt_oom(p);
		goto done;
	}
	for (size_t i = 0; i < e->line_count; i++)
		if (e->lines[i].decision == PORTAL_DECISION_APPROVED)
			approved[n++] = e->lines[i];
	err = pt_totals(&e->approved, p, approved, n, rate);
	e->status = derive_status(e, portal_now(p));
done:
	free(approved);
	if (!keep_lines || err < 0) {
		portal_lines_free(e->lines, e->line_count);
		e->lines = NULL;
		e->line_count = 0;
	}
	return err;
}

int portal_estimate_get(portal_estimate **out, portal *p, portal_id id)
{
	int err;

	*out = NULL;
	if ((err = pt_store_estimate_get(out, p, id)) < 0)
		return err;
	if ((err = complete(p, *out, 1)) < 0) {
		portal_estimate_free(*out);
		*out = NULL;
	}
	return err;
}

int portal_estimate_add(portal_id *out, portal *p, const portal_estimate_fields *f)
{
	portal_estimate e = { 0 };
	portal_client *c = NULL;
	char number[32];
	int64_t last;
	portal_id id;
	int err;

	if (f == NULL || f->version != PORTAL_ESTIMATE_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_estimate_fields: missing or of an unknown version");
	e.client_id = f->client_id;
	e.job_id = f->job_id;
	if ((err = pt_store_client_get(&c, p, f->client_id)) < 0 ||
	    (err = pt_check_job_client(p, "estimate.job", f->job_id, f->client_id)) < 0 ||
	    (err = pt_valid_text(&e.notes, p, "estimate.notes", f->notes, 0, 2000,
			PT_TEXT_MULTILINE)) < 0 ||
	    (err = pt_store_begin(p)) < 0)
		goto done;
	if ((err = pt_store_estimate_next_number(&last, p)) == 0) {
		snprintf(number, sizeof(number), "E%lld", (long long)(last ? last + 1 : 1001));
		e.number = number;
		err = pt_store_estimate_insert(&id, p, &e);
	}
	if ((err = pt_store_end(p, err)) == 0 && out)
		*out = id;
done:
	portal_client_free(c);
	free(e.notes);
	return err;
}

static int check_draft(portal *p, const portal_estimate *e)
{
	if (e->issued_at)
		return pt_error(p, PORTAL_ERULE, NULL,
			"estimate %s was sent and cannot change; make a new one", e->number);
	return PORTAL_OK;
}

int pt_estimate_line_add(portal_id *out, portal *p, portal_id estimate_id,
	const portal_line_fields *f, portal_id inspection_item_id)
{
	portal_estimate *e = NULL;
	portal_line l;
	int err;

	if ((err = pt_line_prepare(&l, p, f)) < 0)
		goto done;
	if ((err = pt_store_begin(p)) < 0)
		goto done;
	if ((err = pt_store_estimate_get(&e, p, estimate_id)) == 0 &&
	    (err = check_draft(p, e)) == 0)
		err = pt_store_estimate_line_insert(out, p, estimate_id, &l, inspection_item_id);
	/* The sum must stay within range with the new line. */
	if (err == 0)
		err = complete(p, e, 0);
	err = pt_store_end(p, err);
done:
	portal_estimate_free(e);
	free(l.description);
	return err;
}

int portal_estimate_line_add(portal_id *out, portal *p, portal_id id,
	const portal_line_fields *f)
{
	return pt_estimate_line_add(out, p, id, f, 0);
}

/* Valid through the end of local day issue + N: expired from the start of
 * the day after. */
static int validity_end(portal_time *out, portal *p, portal_time issued_at)
{
	int64_t day, days;
	int err;

	if ((err = pt_setting_int(&days, p, "estimate_validity_days")) < 0 ||
	    (err = pt_local_day(&day, p, issued_at)) < 0)
		return err;
	return pt_local_day_begin(out, p, day + days + 1);
}

/* Tell the client that sent estimate `id` waits for their answer, in the
 * portal and through the outbox, with the total and the last valid day as
 * they were fixed by sending it. */
static int announce_sent(portal *p, portal_id id)
{
	portal_estimate *e = NULL;
	char total[PORTAL_MONEY_STRLEN], last[PORTAL_WORDS_LEN];
	int64_t day = 0;
	int err;

	if ((err = portal_estimate_get(&e, p, id)) < 0 ||
	    (err = pt_local_day(&day, p, e->valid_until)) < 0 ||
	    (err = pt_day_words(last, sizeof(last), p, day - 1, PT_WORDS_NOW)) < 0)
		goto done;
	portal_shop_money_format(total, p, e->totals.total);
	if ((err = pt_notify(p, e->client_id, "estimate.sent", id,
			"Estimate %s is ready for your answer: %s, valid until %s.",
			e->number, total, last)) == 0)
		err = pt_outbox_estimate_ready(p, e);
done:
	portal_estimate_free(e);
	return err;
}

int portal_estimate_send(portal *p, portal_id id, portal_time at)
{
	portal_estimate *e = NULL;
	portal_time until;
	int32_t rate;
	int err;

	if (at == 0)
		at = portal_now(p);
	if (at > portal_now(p))
		return pt_error(p, PORTAL_EINVAL, "estimate.issued_at",
			"an estimate cannot be sent in the future");
	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = portal_estimate_get(&e, p, id)) < 0 || (err = check_draft(p, e)) < 0)
		goto end;
	if (e->line_count == 0) {
		err = pt_error(p, PORTAL_ERULE, NULL, "estimate %s has no lines to send", e->number);
		goto end;
	}
	if ((err = pt_document_rate(&rate, p, 0, 0)) < 0 ||
	    (err = validity_end(&until, p, at)) < 0 ||
	    (err = pt_store_estimate_send(p, id, at, until, rate)) < 0)
		goto end;
	if ((err = pt_job_advance(p, e->job_id, PORTAL_JOB_ESTIMATE_SENT, at)) == 0)
		err = announce_sent(p, id);
end:
	err = pt_store_end(p, err);
	portal_estimate_free(e);
	return err;
}

/* The message the customer reads when they are too late. */
static int expired(portal *p, const portal_estimate *e)
{
	char last[PORTAL_WORDS_LEN];
	int64_t day = 0;

	pt_local_day(&day, p, e->valid_until);
	pt_day_words(last, sizeof(last), p, day - 1, PT_WORDS_NOW);
	return pt_say(p, pt_error(p, PORTAL_ERULE, NULL,
			"estimate %s expired at the end of %s (shop time); ask the shop for a new"
			" estimate", e->number, last),
		"Estimate %s expired at the end of %s and can no longer be approved; you can"
		" ask the shop for a new one", e->number, last);
}

static int check_decidable(portal *p, const portal_estimate *e, portal_id line_id)
{
	size_t i;

	if (e->status == PORTAL_ESTIMATE_DRAFT)
		return pt_error(p, PORTAL_ERULE, NULL, "estimate %s has not been sent", e->number);
	if (line_id == 0) {
		if (e->status != PORTAL_ESTIMATE_SENT && e->status != PORTAL_ESTIMATE_PARTLY_DECIDED &&
		    e->status != PORTAL_ESTIMATE_EXPIRED)
			return pt_error(p, PORTAL_ERULE, NULL,
				"every line of estimate %s is decided already", e->number);
	} else {
		for (i = 0; i < e->line_count && e->lines[i].id != line_id; i++)
			;
		if (i == e->line_count)
			return pt_error(p, PORTAL_ENOTFOUND, NULL,
				"estimate %s has no line #%lld", e->number, (long long)line_id);
		if (e->lines[i].decision != PORTAL_DECISION_PENDING)
			return pt_error(p, PORTAL_ERULE, NULL,
				"line %d of estimate %s is %s already", e->lines[i].position,
				e->number, portal_decision_name(e->lines[i].decision));
	}
	if (e->status == PORTAL_ESTIMATE_EXPIRED)
		return expired(p, e);
	return PORTAL_OK;
}

/* The repair the customer goes ahead with: the approved labour and parts.
 * Zero when they approved none. */
static portal_money approved_repair(const portal_estimate *e)
{
	portal_money sum = 0;

	for (size_t i = 0; i < e->line_count; i++)
		if (e->lines[i].decision == PORTAL_DECISION_APPROVED &&
		    (e->lines[i].kind == PORTAL_LINE_LABOUR || e->lines[i].kind == PORTAL_LINE_PART))
			sum += e->lines[i].amount;
	return sum;
}

/*
 * The service call fee rule: when the customer goes ahead with the repair
 * on the same job, the diagnosis fee charged on that job is credited on
 * the repair's invoice, once, as its own line.
 */
static int credit_service_call(portal *p, const portal_estimate *e, portal_id invoice_id)
{
	static const pt_line_origin origin = { 0, 0, PT_SERVICE_CALL_CREDIT_RULE };
	portal_line credit;
	portal_money fees = 0, repair = approved_repair(e);
	int taxable = 0, done = 0, err;

	if (e->job_id == 0 || repair <= 0)
		return PORTAL_OK;
	if ((err = pt_store_job_service_fees(&fees, &taxable, p, e->job_id)) < 0 ||
	    (err = pt_store_job_has_rule_line(&done, p, e->job_id, origin.rule)) < 0)
		return err;
	if (fees <= 0 || done)
		return PORTAL_OK;
	/* Credited toward the repair: never more than the repair itself. */
	if (fees > repair)
		fees = repair;
	memset(&credit, 0, sizeof(credit));
	credit.kind = PORTAL_LINE_CREDIT;
	credit.description = (char *)"Service call fee credited";
	credit.quantity = 1000;
	credit.unit_price = fees;
	credit.taxable = taxable;
	return pt_store_invoice_line_insert(NULL, p, invoice_id, &credit, &origin);
}

/* Once no line is pending, the approved ones become invoice lines: on the
 * job's draft invoice, or a new one. */
static int approved_to_invoice(portal *p, const portal_estimate *e)
{
	portal_invoice_fields f = PORTAL_INVOICE_FIELDS_INIT;
	pt_line_origin origin = { 0, 0, NULL };
	portal_invoice *inv = NULL;
	portal_id invoice_id = 0;
	int err = PORTAL_OK;

	if (e->status != PORTAL_ESTIMATE_APPROVED && e->status != PORTAL_ESTIMATE_PARTLY_APPROVED)
		return PORTAL_OK;
	if (e->job_id && (err = pt_store_invoice_job_draft(&invoice_id, p, e->job_id)) < 0)
		return err;
	f.client_id = e->client_id;
	f.job_id = e->job_id;
	if (invoice_id == 0 && (err = portal_invoice_add(&invoice_id, p, &f)) < 0)
		return err;
	for (size_t i = 0; err == 0 && i < e->line_count; i++) {
		if (e->lines[i].decision != PORTAL_DECISION_APPROVED)
			continue;
		origin.estimate_line_id = e->lines[i].id;
		err = pt_store_invoice_line_insert(NULL, p, invoice_id, &e->lines[i], &origin);
	}
	if (err == 0)
		err = pt_store_invoice_set_estimate(p, invoice_id, e->id);
	if (err == 0)
		err = credit_service_call(p, e, invoice_id);
	/* Reading the invoice back sums it: its total must stay in range
	 * with the approved lines, as with a line added by hand. */
	if (err == 0)
		err = portal_invoice_get(&inv, p, invoice_id);
	portal_invoice_free(inv);
	return err;
}

static int record_decisions(portal *p, const portal_estimate *e, portal_id line_id,
	portal_decision d, const char *name, portal_time now)
{
	int err = PORTAL_OK;

	for (size_t i = 0; err == 0 && i < e->line_count; i++) {
		const portal_line *l = &e->lines[i];
		if (l->decision == PORTAL_DECISION_PENDING && (line_id == 0 || l->id == line_id))
			err = pt_store_estimate_line_decide(p, l->id, d, now, name);
	}
	if (err == 0)
		err = pt_store_estimate_decided(p, e->id, now, name);
	return err;
}

int portal_estimate_decide(portal *p, portal_id id, portal_id line_id,
	portal_decision decision, const char *name)
{
	return pt_estimate_decide(p, id, line_id, decision, name, NULL);
}

/* The decision and its audit entry are written together. */
static int log_decision(portal *p, const portal_estimate *e, portal_id line_id,
	portal_decision decision, const char *source)
{
	const char *event = decision == PORTAL_DECISION_APPROVED ?
		"estimate.approve" : "estimate.decline";

	if (line_id)
		return pt_audit(p, event, "ok", e->client_id, source, "estimate %s line #%lld",
			e->number, (long long)line_id);
	return pt_audit(p, event, "ok", e->client_id, source, "estimate %s, every pending line",
		e->number);
}

int pt_estimate_decide(portal *p, portal_id id, portal_id line_id,
	portal_decision decision, const char *name, const char *source)
{
	portal_estimate *e = NULL;
	portal_time now = portal_now(p);
	char *clean = NULL;
	int err;

	if (decision != PORTAL_DECISION_APPROVED && decision != PORTAL_DECISION_DECLINED)
		return pt_error(p, PORTAL_EINVAL, "estimate.decision",
			"a decision is to approve or to decline");
	if ((err = pt_valid_text(&clean, p, "estimate.name", name, 2, 100, 0)) < 0)
		return err;
	if ((err = pt_store_begin(p)) < 0)
		goto done;
	if ((err = portal_estimate_get(&e, p, id)) < 0 ||
	    (err = check_decidable(p, e, line_id)) < 0 ||
	    (err = record_decisions(p, e, line_id, decision, clean, now)) < 0 ||
	    (err = log_decision(p, e, line_id, decision, source)) < 0)
		goto end;
	/* Read back the decided estimate: its new status says what follows. */
	portal_estimate_free(e);
	if ((err = portal_estimate_get(&e, p, id)) < 0 ||
	    (err = approved_to_invoice(p, e)) < 0)
		goto end;
	if (e->status == PORTAL_ESTIMATE_APPROVED || e->status == PORTAL_ESTIMATE_PARTLY_APPROVED)
		err = pt_job_advance(p, e->job_id, PORTAL_JOB_APPROVED, now);
end:
	err = pt_store_end(p, err);
done:
	portal_estimate_free(e);
	free(clean);
	return err;
}

/* "E1001", "e-1001", "#1001", "Estimate 1001" and "EST 1001" are one. A
 * number as stored is found as it is first: an imported estimate keeps
 * its previous system's number ("E2026/0042"), which the typed forms
 * cannot spell. */
int portal_estimate_find(portal_id *out, portal *p, const char *number)
{
	static const char *const prefixes[] = { "ESTIMATE", "EST", "E" };
	char key[32] = "E";
	size_t n = 1;
	const char *s = number ? number : "";
	int err;

	if (*s != '\0' && (err = pt_store_estimate_find(out, p, s)) != PORTAL_ENOTFOUND)
		return err;

	while (*s == ' ' || *s == '#')
		s++;
	for (size_t i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t len = strlen(prefixes[i]);
		if (strncasecmp(s, prefixes[i], len) == 0 && !isalpha((unsigned char)s[len])) {
			s += len;
			break;
		}
	}
	for (; *s; s++) {
		if (isdigit((unsigned char)*s)) {
			if (n == 1 && *s == '0')
				continue;
			if (n + 1 >= sizeof(key))
				break;
			key[n++] = *s;
		} else if (*s != ' ' && *s != '-' && *s != '#' && *s != '.') {
			n = 0;
			break;
		}
	}
	if (n <= 1)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "no estimate %s", number ? number : "");
	key[n] = '\0';
	return pt_store_estimate_find(out, p, key);
}

typedef struct estimate_walk {
	portal *p;
	int (*cb)(const portal_estimate *e, void *ctx);
	void *ctx;
} estimate_walk;

static int walk_one(portal_estimate *e, void *ctx)
{
	estimate_walk *w = ctx;
	int err = complete(w->p, e, 0);

	return err < 0 ? err : w->cb(e, w->ctx);
}

int portal_estimate_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_estimate *e, void *ctx), void *ctx)
{
	estimate_walk w = { p, cb, ctx };

	return pt_store_estimate_foreach(p, client_id, walk_one, &w);
}

int portal_estimate_json(portal_buf *out, portal *p, portal_id id)
{
	portal_estimate *e = NULL;
	cJSON *o = NULL;
	int err;

	if ((err = portal_estimate_get(&e, p, id)) == 0 &&
	    (o = pt_estimate_to_json(p, e)) == NULL)
		err = pt_oom(p);
	portal_estimate_free(e);
	return pt_json_finish(out, p, o, err);
}

static int add_estimate(const portal_estimate *e, void *ctx)
{
	return pt_json_walk_add(ctx, pt_estimate_to_json(((pt_json_walk *)ctx)->p, e));
}

int portal_estimate_list_json(portal_buf *out, portal *p, portal_id client_id)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err = w.array ? PORTAL_OK : pt_oom(p);

	if (err == 0)
		err = portal_estimate_foreach(p, client_id, add_estimate, &w);
	return pt_json_finish(out, p, w.array, err);
}

const char *pt_estimate_status_label(portal_estimate_status s)
{
	switch (s) {
	case PORTAL_ESTIMATE_DRAFT: return "Draft";
	case PORTAL_ESTIMATE_SENT: return "Waiting for your decision";
	case PORTAL_ESTIMATE_PARTLY_DECIDED: return "Partly decided";
	case PORTAL_ESTIMATE_APPROVED: return "Approved";
	case PORTAL_ESTIMATE_PARTLY_APPROVED: return "Partly approved";
	case PORTAL_ESTIMATE_DECLINED: return "Declined";
	case PORTAL_ESTIMATE_EXPIRED: return "Expired";
	}
	return "";
}

/* Still open to the customer's decision: sent, valid, lines pending. */
int pt_estimate_can_approve(const portal_estimate *e)
{
	return e->status == PORTAL_ESTIMATE_SENT || e->status == PORTAL_ESTIMATE_PARTLY_DECIDED;
}

/* What the customer is told about the estimate's validity. */
int pt_estimate_validity_notice(char *buf, size_t len, portal *p, const portal_estimate *e,
	int this_year)
{
	char last[PORTAL_WORDS_LEN];
	int64_t day;
	int err;

	if ((err = pt_local_day(&day, p, e->valid_until)) < 0)
		return err;
	if ((err = pt_day_words(last, sizeof(last), p, day - 1, this_year)) < 0)
		return err;
	if (e->status == PORTAL_ESTIMATE_EXPIRED)
		snprintf(buf, len, "This estimate expired at the end of %s and can no longer be "
			"approved. Ask the shop for a new estimate.", last);
	else if (pt_estimate_can_approve(e))
		snprintf(buf, len, "You can approve or decline this estimate until the end of %s.",
			last);
	else
		snprintf(buf, len, "Every line of this estimate has been decided.");
	return PORTAL_OK;
}
