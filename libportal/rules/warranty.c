/* SPDX-License-Identifier: MIT */
/*
 * warranty.c - is a return visit covered by the repair's warranty?
 *
 * The warranty is counted in the shop's calendar days: completed on local
 * day D, labour is covered through the whole of day D + labour days,
 * whatever hour the repair ended and however long the days between were
 * (a day when the clocks change is still one day).
 */
#include "internal.h"
#include "local_days.h"
#include "settings.h"
#include "json.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* What each cause is, after "caused by" in an explanation. */
static const char *const cause_words[] = {
	"", "misuse", "improper maintenance", "external damage", "pests", "weather",
	"relocating the appliance",
};

static const char *const reason_names[] = {
	"covered", "not_completed", "expired", "other_problem", "excluded_cause",
	"owner_changed",
};

/* The time of the latest "repaired" event: a repair done again after a
 * call-back restarts the warranty. 0 when the job was never repaired. */
static portal_time completion(const portal_job *j)
{
	portal_time at = 0;

	for (size_t i = 0; i < j->event_count; i++)
		if (j->events[i].status == PORTAL_JOB_REPAIRED && j->events[i].at >= at)
			at = j->events[i].at;
	return at;
}

/* One reason for both parts of the warranty, when the claim itself is
 * outside it; COVERED when only the dates decide. */
static portal_warranty_reason claim_reason(const portal_warranty_claim *c)
{
	if (c->owner_changed)
		return PORTAL_WARRANTY_OWNER_CHANGED;
	if (!c->same_problem)
		return PORTAL_WARRANTY_OTHER_PROBLEM;
	if (c->cause != PORTAL_CAUSE_NONE)
		return PORTAL_WARRANTY_EXCLUDED_CAUSE;
	return PORTAL_WARRANTY_COVERED;
}

static void explain(portal_warranty *w, const portal_warranty_claim *c, portal *p)
{
	char *s = w->explanation;
	size_t n = sizeof(w->explanation);
	char labour[32], parts[32];

	/* A reason of the claim is the same for labour and parts; otherwise
	 * the dates decide, each for itself. */
	switch (w->labour_reason) {
	case PORTAL_WARRANTY_NOT_COMPLETED:
		snprintf(s, n, "The repair is not completed yet, so its warranty has not started.");
		return;
	case PORTAL_WARRANTY_OWNER_CHANGED:
		snprintf(s, n, "Not covered: the warranty is not transferable to a new owner.");
		return;
	case PORTAL_WARRANTY_OTHER_PROBLEM:
		snprintf(s, n, "Not covered: the warranty covers only the problem that was "
			"repaired.");
		return;
	case PORTAL_WARRANTY_EXCLUDED_CAUSE:
		snprintf(s, n, "Not covered: the warranty excludes problems caused by %s.",
			cause_words[c->cause]);
		return;
	default:
		break;
	}
	/* The sentence is read by people: its days in words, the ISO days
	 * stay in their own fields. */
	if (pt_iso_day_words(labour, sizeof(labour), p, w->labour_until, PT_WORDS_NOW) < 0)
		snprintf(labour, sizeof(labour), "%s", w->labour_until);
	if (pt_iso_day_words(parts, sizeof(parts), p, w->parts_until, PT_WORDS_NOW) < 0)
		snprintf(parts, sizeof(parts), "%s", w->parts_until);
	if (w->labour_covered && w->parts_covered)
		snprintf(s, n, "Labour is covered until %s and parts until %s.", labour, parts);
	else if (w->labour_covered)
		snprintf(s, n, "Labour is covered until %s; parts ended on %s.", labour, parts);
	else if (w->parts_covered)
		snprintf(s, n, "Parts are covered until %s; labour ended on %s.", parts, labour);
	else
		snprintf(s, n, "The warranty has ended: labour on %s, parts on %s.", labour, parts);
}

static int check_claim(portal *p, const portal_warranty_claim *c)
{
	if (c->version != PORTAL_WARRANTY_CLAIM_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_warranty_claim: of an unknown version");
	if (portal_warranty_cause_name(c->cause) == NULL)
		return pt_error(p, PORTAL_EINVAL, "warranty.cause", "unknown cause %d",
			(int)c->cause);
	return PORTAL_OK;
}

/* Fill the dates of `w` for a repair completed at w->completed_at. */
static int dates(portal_warranty *w, portal *p)
{
	int64_t day, labour_days, parts_days;
	int err;

	if ((err = pt_setting_int(&labour_days, p, "labour_warranty_days")) < 0 ||
	    (err = pt_setting_int(&parts_days, p, "parts_warranty_days")) < 0 ||
	    (err = pt_local_day(&day, p, w->completed_at)) < 0 ||
	    (err = pt_local_day_begin(&w->labour_ends, p, day + labour_days + 1)) < 0 ||
	    (err = pt_local_day_begin(&w->parts_ends, p, day + parts_days + 1)) < 0)
		return err;
	pt_day_format(w->labour_until, day + labour_days);
	pt_day_format(w->parts_until, day + parts_days);
	return PORTAL_OK;
}

int portal_warranty_check(portal_warranty *out, portal *p, portal_id job_id,
	const portal_warranty_claim *claim)
{
	static const portal_warranty_claim plain = PORTAL_WARRANTY_CLAIM_INIT;
	portal_warranty w;
	portal_job *j = NULL;
	portal_warranty_reason reason;
	portal_time at;
	int err;

	memset(&w, 0, sizeof(w));
	if (claim == NULL)
		claim = &plain;
	if ((err = check_claim(p, claim)) < 0 || (err = portal_job_get(&j, p, job_id)) < 0)
		goto done;
	at = claim->at ? claim->at : portal_now(p);
	w.completed_at = completion(j);
	if (w.completed_at == 0) {
		w.labour_reason = w.parts_reason = PORTAL_WARRANTY_NOT_COMPLETED;
		goto answer;
	}
	if (at < w.completed_at) {
		err = pt_error(p, PORTAL_EINVAL, "warranty.at",
			"a claim cannot be made before the repair was completed");
		goto done;
	}
	if ((err = dates(&w, p)) < 0)
		goto done;
	reason = claim_reason(claim);
	if (reason != PORTAL_WARRANTY_COVERED) {
		w.labour_reason = w.parts_reason = reason;
	} else {
		w.labour_reason = at < w.labour_ends ? PORTAL_WARRANTY_COVERED :
			PORTAL_WARRANTY_EXPIRED;
		w.parts_reason = at < w.parts_ends ? PORTAL_WARRANTY_COVERED :
			PORTAL_WARRANTY_EXPIRED;
	}
answer:
	w.labour_covered = w.labour_reason == PORTAL_WARRANTY_COVERED;
	w.parts_covered = w.parts_reason == PORTAL_WARRANTY_COVERED;
	explain(&w, claim, p);
	if (out != NULL)
		*out = w;
done:
	portal_job_free(j);
	return err;
}

/* The claim the answer is for, as the document repeats it. */
static void add_claim(pt_json_builder *b, cJSON *o, const portal_warranty_claim *claim)
{
	cJSON *c = pt_jb_object(b, o, "claim");

	if (c == NULL)
		return;
	pt_jb_time(b, c, "at", claim->at ? claim->at : portal_now(b->p));
	pt_jb_bool(b, c, "same_problem", claim->same_problem);
	pt_jb_string(b, c, "cause", portal_warranty_cause_name(claim->cause));
	pt_jb_bool(b, c, "owner_changed", claim->owner_changed);
}

int portal_warranty_json(portal_buf *out, portal *p, portal_id job_id,
	const portal_warranty_claim *claim)
{
	static const portal_warranty_claim plain = PORTAL_WARRANTY_CLAIM_INIT;
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	portal_warranty w;
	cJSON *o;
	int err;

	if (claim == NULL)
		claim = &plain;
	if ((err = portal_warranty_check(&w, p, job_id, claim)) < 0)
		return err;
	if ((o = cJSON_CreateObject()) == NULL)
		return pt_json_finish(out, p, NULL, pt_oom(p));
	pt_jb_int(&b, o, "job_id", job_id);
	pt_jb_time(&b, o, "completed_at", w.completed_at);
	pt_jb_text(&b, o, "labour_until", w.labour_until);
	pt_jb_text(&b, o, "parts_until", w.parts_until);
	pt_jb_time(&b, o, "labour_ends", w.labour_ends);
	pt_jb_time(&b, o, "parts_ends", w.parts_ends);
	pt_jb_bool(&b, o, "labour_covered", w.labour_covered);
	pt_jb_bool(&b, o, "parts_covered", w.parts_covered);
	pt_jb_string(&b, o, "labour_reason", reason_names[w.labour_reason]);
	pt_jb_string(&b, o, "parts_reason", reason_names[w.parts_reason]);
	pt_jb_string(&b, o, "explanation", w.explanation);
	add_claim(&b, o, claim);
	return pt_json_finish(out, p, o, pt_jb_error(&b));
}
