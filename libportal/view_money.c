/*
 * view_money.c - (to be written)
 */
#include "views.h"

int pt_view_invoices(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	(void)doc;
	(void)v;
	(void)arg;
	return pt_error(p, PORTAL_ERROR, NULL, "view not written yet");
}

int pt_view_invoice(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	(void)doc;
	(void)v;
	(void)arg;
	return pt_error(p, PORTAL_ERROR, NULL, "view not written yet");
}

int pt_view_estimates(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	(void)doc;
	(void)v;
	(void)arg;
	return pt_error(p, PORTAL_ERROR, NULL, "view not written yet");
}

int pt_view_estimate(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	(void)doc;
	(void)v;
	(void)arg;
	return pt_error(p, PORTAL_ERROR, NULL, "view not written yet");
}

int pt_view_payments(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	(void)doc;
	(void)v;
	(void)arg;
	return pt_error(p, PORTAL_ERROR, NULL, "view not written yet");
}

int pt_view_statement(cJSON *doc, portal *p, const pt_viewer *v, const char *arg)
{
	(void)doc;
	(void)v;
	(void)arg;
	return pt_error(p, PORTAL_ERROR, NULL, "view not written yet");
}

