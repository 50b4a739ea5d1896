/* SPDX-License-Identifier: MIT */
/*
 * views.h - the body of each view's page, one function per view, grouped
 * in files by what the customer is looking at: the overview
 * (page_dashboard.c), their work (page_work.c), invoices
 * (page_invoices.c), estimates (page_estimates.c), payments and the
 * statement (page_money.c), visits (page_visits.c), account
 * (page_account.c), the technician (page_tracking.c) and messages
 * (page_messages.c).
 * page_view.c picks one by the view's name and draws it in the frame.
 */
#ifndef PORTAL_PAGE_VIEWS_H
#define PORTAL_PAGE_VIEWS_H

#include "frame.h"

void view_dashboard(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_jobs(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_job(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_history(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_invoices(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_invoice(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_estimates(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_estimate(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_payments(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_statement(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_inspections(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_appointments(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_profile(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_policies(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_access_log(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_tracking(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_notifications(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);
void view_chat(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx);

#endif
