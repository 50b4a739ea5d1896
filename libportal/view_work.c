/*
 * view_work.c - (to be written)
 */
#include "views.h"

int pt_view_dashboard(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	(void)doc;
	(void)v;
	(void)arg;
	return pt_error(p, PORTAL_ERROR, NULL, "view not written yet");
}

int pt_view_jobs(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	(void)doc;
	(void)v;
	(void)arg;
	return pt_error(p, PORTAL_ERROR, NULL, "view not written yet");
}

int pt_view_job(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	(void)doc;
	(void)v;
	(void)arg;
	return pt_error(p, PORTAL_ERROR, NULL, "view not written yet");
}

int pt_view_history(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	(void)doc;
	(void)v;
	(void)arg;
	return pt_error(p, PORTAL_ERROR, NULL, "view not written yet");
}

