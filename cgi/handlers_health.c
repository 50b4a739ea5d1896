/* SPDX-License-Identifier: MIT */
/*
 * handlers_health.c - GET /healthz: does the shop's database answer? For
 * a load balancer or a monitor, which read the status: 200 with "ok", or
 * 503 with the reason on stderr (the web server's error log). It needs no
 * session and says nothing of the shop.
 */
#include "handlers.h"

#include <string.h>

void app_health(app *a, int answers)
{
	a->res.status = answers ? 200 : 503;
	a->res.content_type = "text/plain; charset=utf-8";
	html_free(&a->res.body);
	html_raw(&a->res.body, answers ? "ok\n" : "the database does not answer\n");
}

int app_is_health_check(const app *a)
{
	return a->req.raw_path != NULL && strcmp(a->req.raw_path, "/healthz") == 0;
}

int handle_healthz(app *a, const char *const *args)
{
	int answers = portal_ping(a->p) == PORTAL_OK;

	(void)args;
	if (!answers)
		app_log_failure(a->p, "health check");
	app_health(a, answers);
	return 0;
}
