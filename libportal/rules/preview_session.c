/* SPDX-License-Identifier: MIT */
/*
 * preview_session.c - the shop's preview of a client's portal: a session
 * held only in memory, so the shop sees exactly the client's pages
 * without a link, a session row or a line in the client's access log.
 */
#include "internal.h"
#include "customer_checks.h"

#include <stdlib.h>

/* Client `client_id` exists and, when `job_id` is not 0, owns that job. */
static int check_client_job(portal *p, portal_id client_id, portal_id job_id)
{
	portal_client *c = NULL;
	portal_job *j = NULL;
	int err, theirs;

	if ((err = portal_client_get(&c, p, client_id)) < 0)
		return err;
	portal_client_free(c);
	if (job_id == 0)
		return PORTAL_OK;
	theirs = portal_job_get(&j, p, job_id) == PORTAL_OK && j->client_id == client_id;
	portal_job_free(j);
	if (!theirs)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "client #%lld has no job #%lld",
			(long long)client_id, (long long)job_id);
	return PORTAL_OK;
}

int portal_preview_session(portal_session **out, portal *p, portal_id client_id,
	portal_id job_id)
{
	portal_session *s;
	int err;

	*out = NULL;
	if ((err = check_client_job(p, client_id, job_id)) < 0)
		return err;
	if ((s = calloc(1, sizeof(*s))) == NULL)
		return pt_oom(p);
	/* id 0, no token, no CSRF token: pt_session_is_preview(). */
	s->client_id = client_id;
	s->job_id = job_id;
	s->created_at = s->last_seen_at = portal_now(p);
	if ((err = portal_client_sections(&s->sections, p, client_id)) < 0) {
		portal_session_free(s);
		return err;
	}
	*out = s;
	return PORTAL_OK;
}
