/* SPDX-License-Identifier: MIT */
/*
 * customer.c - what a customer does in a session: the shop's own actions
 * behind the checks that keep one client out of another's records.
 */
#include "customer_checks.h"
#include "rules.h"
#include "audit_log.h"
#include "chat_requests.h"

#include <stdio.h>

int pt_refuse_hidden(portal *p, unsigned section)
{
	const char *name = portal_section_name((portal_section)section);

	return pt_say(p, pt_error(p, PORTAL_EDENIED, NULL,
			"the shop does not show %s in this portal; call the shop for them", name),
		"The shop does not offer %s in this portal; please call the shop", name);
}

/* The session's client sees `section` now (the shop may have hidden it
 * since the session opened). */
int pt_customer_check_section(portal *p, const portal_session *s, unsigned section)
{
	unsigned visible;
	int err;

	if (s == NULL || s->client_id <= 0)
		return pt_error(p, PORTAL_EINVAL, "session", "this needs an open session");
	if ((err = portal_client_sections(&visible, p, s->client_id)) < 0)
		return err;
	if (!(visible & section))
		return pt_refuse_hidden(p, section);
	return PORTAL_OK;
}

/* A record of `client_id` on `job_id` is the session's to act on. */
int pt_session_owns(const portal_session *s, portal_id client_id, portal_id job_id)
{
	return client_id == s->client_id && (s->job_id == 0 || job_id == s->job_id);
}

/* Chat and requests are the client's, not a job's: a session limited to
 * one job may use them too, but a callback names a job the session sees. */
static int check_session(portal *p, const portal_session *s)
{
	if (s == NULL || s->client_id <= 0)
		return pt_error(p, PORTAL_EINVAL, "session", "this needs an open session");
	return PORTAL_OK;
}

int pt_session_is_preview(const portal_session *s)
{
	return s != NULL && s->client_id > 0 && s->id == 0;
}

/* What a customer does changes the shop: their open session, the section
 * it needs (0: none), and never the shop's preview, which only reads. */
static int check_action(portal *p, const portal_session *s, unsigned section)
{
	int err = section ? pt_customer_check_section(p, s, section) : check_session(p, s);

	if (err < 0)
		return err;
	if (pt_session_is_preview(s))
		return pt_say(p, pt_error(p, PORTAL_EDENIED, NULL,
				"the preview of a client's portal is read-only; nothing was changed"),
			"This is the shop's preview of your portal: nothing can be changed here.");
	return PORTAL_OK;
}

/* The estimate `number` as the session may see it: sent, the client's,
 * inside its job. Any other answers as an unknown number would. */
static int find_estimate(portal_id *out, portal *p, const portal_session *s,
	const char *number)
{
	portal_estimate *e = NULL;
	int visible;

	if (portal_estimate_find(out, p, number) < 0 || portal_estimate_get(&e, p, *out) < 0)
		goto not_found;
	visible = e->issued_at != 0 && pt_session_owns(s, e->client_id, e->job_id);
	portal_estimate_free(e);
	if (visible)
		return PORTAL_OK;
not_found:
	return pt_error(p, PORTAL_ENOTFOUND, NULL, "no estimate %.40s", number ? number : "");
}

int portal_customer_estimate_decide(portal *p, const portal_session *s,
	const char *number, portal_id line_id, portal_decision decision, const char *name)
{
	portal_id id;
	int err;

	if ((err = check_action(p, s, PORTAL_SECTION_ESTIMATES)) < 0 ||
	    (err = find_estimate(&id, p, s, number)) < 0)
		return err;
	return pt_estimate_decide(p, id, line_id, decision, name, s->source);
}

int portal_customer_request_estimate(portal_id *out, portal *p, const portal_session *s,
	const char *number)
{
	portal_estimate *e = NULL;
	portal_id id;
	int err;

	if ((err = check_action(p, s, PORTAL_SECTION_ESTIMATES)) < 0 ||
	    (err = find_estimate(&id, p, s, number)) < 0)
		return err;
	if ((err = portal_estimate_get(&e, p, id)) == 0)
		err = pt_request_estimate(out, p, e, s->source);
	portal_estimate_free(e);
	return err;
}

static int find_appointment(portal *p, const portal_session *s, portal_id id)
{
	portal_appointment *a = NULL;
	int visible = 0;

	if (portal_appointment_get(&a, p, id) == 0)
		visible = pt_session_owns(s, a->client_id, a->job_id);
	portal_appointment_free(a);
	if (visible)
		return PORTAL_OK;
	return pt_error(p, PORTAL_ENOTFOUND, NULL, "no appointment #%lld", (long long)id);
}

int portal_customer_appointment_cancel_quote(portal_cancellation *out, portal *p,
	const portal_session *s, portal_id id)
{
	int err;

	if ((err = pt_customer_check_section(p, s, PORTAL_SECTION_APPOINTMENTS)) < 0 ||
	    (err = find_appointment(p, s, id)) < 0)
		return err;
	return portal_appointment_cancel_quote(out, p, id, 0);
}

int portal_customer_appointment_cancel(portal_cancellation *out, portal *p,
	const portal_session *s, portal_id id)
{
	int err;

	if ((err = check_action(p, s, PORTAL_SECTION_APPOINTMENTS)) < 0 ||
	    (err = find_appointment(p, s, id)) < 0)
		return err;
	return pt_appointment_cancel(out, p, id, s->source);
}

int portal_customer_appointment_ics(portal_buf *out, portal *p, const portal_session *s,
	portal_id id)
{
	int err;

	if ((err = pt_customer_check_section(p, s, PORTAL_SECTION_APPOINTMENTS)) < 0 ||
	    (err = find_appointment(p, s, id)) < 0)
		return err;
	return portal_appointment_ics(out, p, id);
}

int portal_customer_chat_post(portal_id *out, portal *p, const portal_session *s,
	const char *text)
{
	int err;

	if ((err = check_action(p, s, PORTAL_SECTION_CHAT)) < 0)
		return err;
	return pt_chat_post(out, p, s->client_id, text, s->source);
}

int portal_customer_chat_mark_read(portal *p, const portal_session *s, portal_id up_to)
{
	int err;

	if ((err = check_action(p, s, PORTAL_SECTION_CHAT)) < 0)
		return err;
	return pt_chat_client_read(p, s->client_id, up_to);
}

int portal_customer_notifications_mark_read(portal *p, const portal_session *s,
	portal_id up_to)
{
	int err;

	if ((err = check_action(p, s, 0)) < 0)
		return err;
	return portal_notification_mark_read(p, s->client_id, up_to);
}

int portal_customer_request_profile(portal_id *out, portal *p, const portal_session *s,
	const portal_profile_change *c)
{
	int err;

	if ((err = check_action(p, s, 0)) < 0)
		return err;
	return pt_request_profile(out, p, s->client_id, s->id, c, s->source);
}

int portal_customer_request_appointment(portal_id *out, portal *p, const portal_session *s,
	const portal_visit_request *v)
{
	int err;

	if ((err = check_action(p, s, PORTAL_SECTION_APPOINTMENTS)) < 0)
		return err;
	return pt_request_visit(out, p, s->client_id, PORTAL_REQUEST_APPOINTMENT, 0, v,
		s->source);
}

int portal_customer_request_warranty_callback(portal_id *out, portal *p,
	const portal_session *s, portal_id job_id, const portal_visit_request *v)
{
	portal_job *j = NULL;
	int visible = 0, err;

	if ((err = check_action(p, s, PORTAL_SECTION_APPOINTMENTS)) < 0)
		return err;
	if (job_id > 0 && portal_job_get(&j, p, job_id) == 0)
		visible = pt_session_owns(s, j->client_id, j->id);
	portal_job_free(j);
	if (!visible)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "no job #%lld", (long long)job_id);
	return pt_request_visit(out, p, s->client_id, PORTAL_REQUEST_WARRANTY_CALLBACK, job_id,
		v, s->source);
}

