/* SPDX-License-Identifier: MIT */
/*
 * routes.c - every URL of the portal (docs/http.md). The first match
 * wins, so the longer fixed paths stand before the patterns that would
 * also take them.
 */
#include "handlers.h"

const route app_routes[] = {
	{ "GET", "/", handle_landing },
	{ "POST", "/session", handle_session_open },
	{ "GET", "/k/*", handle_link },
	{ "GET", "/k/*/*", handle_link },
	{ "GET", "/k/*/*/*", handle_link },
	{ "POST", "/link/fresh", handle_link_fresh },
	{ "POST", "/logout", handle_logout },
	{ "GET", "/favicon.ico", handle_favicon },
	{ "GET", "/healthz", handle_healthz },

	{ "GET", "/api/v1/*", handle_api_view },
	{ "GET", "/api/v1/*/*", handle_api_view },

	{ "GET", "/portal/invoice/*/pdf", handle_invoice_pdf },
	{ "GET", "/portal/appointments/*/ics", handle_visit_ics },
	{ "GET", "/portal/appointments/*/cancel", handle_visit_cancel_page },
	{ "POST", "/portal/appointments/*/cancel", handle_visit_cancel },
	{ "POST", "/portal/appointments/request", handle_visit_request },
	{ "POST", "/portal/estimate/*/decide", handle_estimate_decide },
	{ "POST", "/portal/estimate/*/renew", handle_estimate_renew },
	{ "POST", "/portal/chat", handle_chat_post },
	{ "POST", "/portal/chat/read", handle_chat_read },
	{ "POST", "/portal/notifications/read", handle_notifications_read },
	{ "POST", "/portal/profile/request", handle_profile_request },
	{ "POST", "/portal/profile/sms", handle_sms_consent },
	{ "POST", "/portal/job/*/warranty-callback", handle_warranty_callback },

	{ "GET", "/portal", handle_dashboard },
	{ "GET", "/portal/*", handle_view },
	{ "GET", "/portal/*/*", handle_view },
	{ NULL, NULL, NULL }
};
