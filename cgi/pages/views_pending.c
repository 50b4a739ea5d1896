/*
 * views_pending.c - view bodies not drawn yet: their pages show the frame
 * and the title, so the program can serve every route while the bodies
 * are written one group at a time.
 */
#include "views.h"

#define PENDING(name) \
	void name(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx) \
	{ \
		(void)doc; (void)arg; (void)ctx; \
		html_raw(out, "<p>This page is being prepared.</p>"); \
	}

PENDING(view_dashboard)
PENDING(view_jobs)
PENDING(view_job)
PENDING(view_history)
PENDING(view_invoices)
PENDING(view_invoice)
PENDING(view_estimates)
PENDING(view_estimate)
PENDING(view_payments)
PENDING(view_statement)
PENDING(view_inspections)
PENDING(view_appointments)
PENDING(view_profile)
PENDING(view_policies)
PENDING(view_access_log)
PENDING(view_tracking)
PENDING(view_notifications)
PENDING(view_chat)
