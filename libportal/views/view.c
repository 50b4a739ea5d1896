/* SPDX-License-Identifier: MIT */
/*
 * view.c - the customer's views: the table of views, the checks every view
 * shares (name, argument, section, who may see what) and their frame.
 */
#include "view_build.h"
#include "customer_checks.h"
#include "store.h"
#include "settings.h"

#include <stdlib.h>
#include <string.h>

static const struct view {
	const char *name;
	unsigned section;          /* 0: always shown */
	int takes_arg;
	pt_view_builder build;
} views[] = {
	{ "dashboard", 0, 0, pt_view_dashboard },
	{ "jobs", 0, 0, pt_view_jobs },
	{ "job", 0, 1, pt_view_job },
	{ "history", 0, 0, pt_view_history },
	{ "invoices", PORTAL_SECTION_INVOICES, 0, pt_view_invoices },
	{ "invoice", PORTAL_SECTION_INVOICES, 1, pt_view_invoice },
	{ "estimates", PORTAL_SECTION_ESTIMATES, 0, pt_view_estimates },
	{ "estimate", PORTAL_SECTION_ESTIMATES, 1, pt_view_estimate },
	{ "payments", PORTAL_SECTION_PAYMENTS, 0, pt_view_payments },
	{ "statement", PORTAL_SECTION_INVOICES, 0, pt_view_statement },
	{ "inspections", PORTAL_SECTION_INSPECTIONS, 0, pt_view_inspections },
	{ "appointments", PORTAL_SECTION_APPOINTMENTS, 0, pt_view_appointments },
	{ "profile", 0, 0, pt_view_profile },
	{ "policies", 0, 0, pt_view_policies },
	{ "access-log", 0, 0, pt_view_access_log },
	{ "tracking", PORTAL_SECTION_TRACKING, 0, pt_view_tracking },
	{ "notifications", 0, 0, pt_view_notifications },
	{ "chat", PORTAL_SECTION_CHAT, 0, pt_view_chat },
};

#define VIEW_COUNT (sizeof(views) / sizeof(views[0]))

static const struct view *find_view(const char *name)
{
	for (size_t i = 0; name != NULL && i < VIEW_COUNT; i++)
		if (strcmp(views[i].name, name) == 0)
			return &views[i];
	return NULL;
}

const char *portal_view_name_at(size_t i)
{
	return i < VIEW_COUNT ? views[i].name : NULL;
}

int portal_view_takes_arg(const char *name)
{
	const struct view *v = find_view(name);

	return v ? v->takes_arg : -1;
}

/* The fields every view starts with: what it is, when, for whom, and
 * what the client may open from it. */
static int add_frame(cJSON *doc, portal *p, const pt_viewer *v, const char *name)
{
	portal_client *c = NULL;
	cJSON *client, *shop, *sections;
	char *shop_name = NULL, *shop_phone = NULL, *shop_email = NULL, *currency = NULL;
	portal_time now = portal_now(p);
	int err;

	if ((err = portal_client_get(&c, p, v->client_id)) < 0 ||
	    (err = pt_setting_text(&shop_name, p, "name")) < 0 ||
	    (err = pt_setting_text(&shop_phone, p, "phone")) < 0 ||
	    (err = pt_setting_text(&shop_email, p, "email")) < 0 ||
	    (err = pt_setting_text(&currency, p, "currency")) < 0)
		goto done;
	err = pt_oom(p);
	if (!cJSON_AddStringToObject(doc, "view", name) ||
	    !cJSON_AddNumberToObject(doc, "generated_at", (double)now) ||
	    !pt_json_add_time(doc, "generated_at_text", p, now) ||
	    (client = cJSON_AddObjectToObject(doc, "client")) == NULL ||
	    !cJSON_AddStringToObject(client, "name", c->name) ||
	    (shop = cJSON_AddObjectToObject(doc, "shop")) == NULL ||
	    !cJSON_AddStringToObject(shop, "name", shop_name) ||
	    !cJSON_AddStringToObject(shop, "phone", shop_phone) ||
	    !cJSON_AddStringToObject(shop, "email", shop_email) ||
	    /* Every amount of every view is in cents of this currency. */
	    !cJSON_AddStringToObject(shop, "currency", currency) ||
	    (sections = cJSON_AddArrayToObject(doc, "sections")) == NULL ||
	    !pt_json_add_id(doc, "job_scope", v->job_id))
		goto done;
	for (unsigned bit = 1; bit & PORTAL_SECTIONS_ALL; bit <<= 1) {
		cJSON *s;
		if (!(v->sections & bit))
			continue;
		s = cJSON_CreateString(portal_section_name((portal_section)bit));
		if (s == NULL || !cJSON_AddItemToArray(sections, s)) {
			cJSON_Delete(s);
			goto done;
		}
	}
	err = PORTAL_OK;
done:
	portal_client_free(c);
	free(shop_name);
	free(shop_phone);
	free(shop_email);
	free(currency);
	return err;
}

static int build(portal_buf *out, portal *p, const pt_viewer *v, const char *name,
	const char *arg)
{
	const struct view *view = find_view(name);
	cJSON *doc;
	int err;

	if (view == NULL)
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "no view named '%.40s'", name ? name : "");
	if (view->takes_arg && (arg == NULL || *arg == '\0'))
		return pt_error(p, PORTAL_EINVAL, "arg", "the %s view needs %s", view->name,
			strcmp(view->name, "job") == 0 ? "a job id" : "a document number");
	if (!view->takes_arg && arg != NULL && *arg != '\0')
		return pt_error(p, PORTAL_EINVAL, "arg", "the %s view takes no argument", view->name);
	if (view->section && !(v->sections & view->section))
		return pt_refuse_hidden(p, view->section);
	if ((doc = cJSON_CreateObject()) == NULL)
		return pt_oom(p);
	/* One page reads one moment of the shop: a payment recorded while it
	 * is built never shows in its list but not in its balance. */
	if ((err = pt_store_read_begin(p)) == 0) {
		err = add_frame(doc, p, v, view->name);
		if (err == 0)
			err = view->build(doc, p, v, view->takes_arg ? arg : NULL);
		err = pt_store_end(p, err);
	}
	return pt_json_finish(out, p, doc, err);
}

int portal_view(portal_buf *out, portal *p, const portal_session *s,
	const char *name, const char *arg)
{
	pt_viewer v;
	int err;

	if (s == NULL || s->client_id <= 0)
		return pt_error(p, PORTAL_EINVAL, "session", "a view needs an open session");
	v.client_id = s->client_id;
	v.job_id = s->job_id;
	/* The shop's switches apply from the next request on: read them now
	 * rather than trust what the session was opened with. */
	if ((err = portal_client_sections(&v.sections, p, s->client_id)) < 0)
		return err;
	return build(out, p, &v, name, arg);
}

int portal_preview(portal_buf *out, portal *p, portal_id client_id, portal_id job_id,
	const char *name, const char *arg)
{
	pt_viewer v;
	int err;

	v.client_id = client_id;
	v.job_id = job_id;
	if ((err = portal_client_sections(&v.sections, p, client_id)) < 0)
		return err;
	if (job_id != 0 && !pt_viewer_sees_job(p, &v, job_id))
		return pt_error(p, PORTAL_ENOTFOUND, NULL, "client #%lld has no job #%lld",
			(long long)client_id, (long long)job_id);
	return build(out, p, &v, name, arg);
}
