/* SPDX-License-Identifier: MIT */
/*
 * handlers.h - the functions the route table names, one group per file.
 * Each takes the request's app and the path segments its pattern
 * captured, answers in a->res and returns 0.
 */
#ifndef CGI_HANDLERS_H
#define CGI_HANDLERS_H

#include "app.h"

/* handlers_session.c */
int handle_landing(app *a, const char *const *args);
int handle_session_open(app *a, const char *const *args);
int handle_link(app *a, const char *const *args);
int handle_link_fresh(app *a, const char *const *args);
int handle_logout(app *a, const char *const *args);

/* handlers_views.c */
int handle_dashboard(app *a, const char *const *args);
int handle_view(app *a, const char *const *args);
int handle_api_view(app *a, const char *const *args);
int handle_favicon(app *a, const char *const *args);

/* handlers_health.c */
int handle_healthz(app *a, const char *const *args);

/* handlers_visits.c */
int handle_visit_ics(app *a, const char *const *args);
int handle_visit_cancel_page(app *a, const char *const *args);
int handle_visit_cancel(app *a, const char *const *args);
int handle_visit_request(app *a, const char *const *args);
int handle_warranty_callback(app *a, const char *const *args);

/* handlers_account.c */
int handle_chat_post(app *a, const char *const *args);
int handle_chat_read(app *a, const char *const *args);
int handle_notifications_read(app *a, const char *const *args);
int handle_profile_request(app *a, const char *const *args);
int handle_sms_consent(app *a, const char *const *args);

/* handlers_billing.c */
int handle_estimate_decide(app *a, const char *const *args);
int handle_estimate_renew(app *a, const char *const *args);
int handle_invoice_pdf(app *a, const char *const *args);
enum record_number_use { NUMBER_FOR_FILE_NAME, NUMBER_FOR_PATH };
int handlers_record_number(app *a, const char *view, const char *arg, char *out,
	size_t len, enum record_number_use use);

#endif
