/* SPDX-License-Identifier: MIT */
/*
 * view_viewer.c - what every view asks of the viewer: may they see this
 * job, and the one answer for what they may not see.
 */
#include "view_build.h"
#include "store.h"

int pt_view_not_found(portal *p, const char *noun, const char *arg)
{
	return pt_error(p, PORTAL_ENOTFOUND, NULL, "no %s %.40s", noun, arg ? arg : "");
}

int pt_viewer_sees_job(portal *p, const pt_viewer *v, portal_id job_id)
{
	portal_job *j;
	int sees;

	if (job_id == 0 || (v->job_id != 0 && job_id != v->job_id))
		return 0;
	if (pt_store_job_get(&j, p, job_id, 0) < 0)
		return 0;
	sees = j->client_id == v->client_id;
	portal_job_free(j);
	return sees;
}
