/* SPDX-License-Identifier: MIT */
/*
 * view_build.h - building the customer's views (portal/view.h).
 *
 * view.c checks the view's name, argument and section, builds the frame
 * every view shares, and calls one builder from the files below, which
 * add the view's own fields to `doc`. A builder sees the client only
 * through a pt_viewer: it never shows a record of another client, nor
 * outside the viewer's job, and answers for such a record exactly as for
 * one that does not exist (pt_view_not_found()).
 */
#ifndef PORTAL_VIEWS_H
#define PORTAL_VIEWS_H

#include "json.h"

/* Who is looking: a client, maybe limited to one job, and the sections
 * the shop shows them. */
typedef struct pt_viewer {
	portal_id client_id;
	portal_id job_id;        /* 0: every job of the client */
	unsigned sections;       /* portal_section bits */
} pt_viewer;

typedef int (*pt_view_builder)(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);

/* 1 when the viewer may see job `job_id` (of their client). */
int pt_viewer_sees_job(portal *p, const pt_viewer *v, portal_id job_id);

/* The one answer for a record the viewer may not see or that does not
 * exist: PORTAL_ENOTFOUND, "no <noun> <arg>". */
int pt_view_not_found(portal *p, const char *noun, const char *arg);

/* The builders, by file. */
/* view_work.c */
int pt_view_dashboard(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
int pt_view_jobs(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
int pt_view_job(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
int pt_view_history(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
/* view_money.c */
int pt_view_invoices(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
int pt_view_invoice(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
int pt_view_estimates(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
int pt_view_estimate(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
int pt_view_payments(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
int pt_view_statement(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
/* The job view's parts: job `job_id`'s issued invoices ("invoices") and
 * sent estimates ("estimates") as arrays of `o`, each item as in the
 * invoices and estimates views. */
int pt_view_add_job_invoices(cJSON *o, portal *p, const pt_viewer *v, portal_id job_id);
int pt_view_add_job_estimates(cJSON *o, portal *p, const pt_viewer *v, portal_id job_id);
/* view_visits.c */
int pt_view_inspections(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
int pt_view_appointments(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
/* Job `job_id`'s visits as an array "appointments" of `o`, each as in the
 * appointments view. */
int pt_view_add_job_appointments(cJSON *o, portal *p, const pt_viewer *v, portal_id job_id);
/* view_account.c */
int pt_view_profile(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
int pt_view_policies(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
int pt_view_access_log(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
/* view_tracking.c */
int pt_view_tracking(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
/* The dashboard's "visit_today": the visit the tracking view follows when
 * it is today, or null; absent when both its sections are hidden. */
int pt_view_add_visit_today(cJSON *doc, portal *p, const pt_viewer *v);
/* view_messages.c; and the unread count the dashboard shows too. */
int pt_notification_unread_for(int64_t *count, portal *p, const pt_viewer *v);
int pt_view_notifications(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);
int pt_view_chat(cJSON *doc, portal *p, const pt_viewer *v, const char *arg);

#endif
