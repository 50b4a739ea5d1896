/* SPDX-License-Identifier: MIT */
/*
 * handlers_billing.c - the customer's decisions on an estimate, and
 * their invoices as PDF.
 */
#include "handlers.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

static int is_unreserved(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		c == '-' || c == '_' || c == '.' || c == '~';
}

/* `number` into `out`: as a file name, its letters, digits, '-' and '_'
 * only, cut to fit; as a path segment, whole, every byte but the
 * unreserved ones escaped as the pages write them ("2026/0042" is
 * "2026%2F0042"), or nothing when it does not fit. The length written. */
static size_t number_as(char *out, size_t len, const char *number, enum record_number_use use)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *s = number;
	size_t n = 0;

	for (; *s && n + 1 < len; s++) {
		unsigned char c = (unsigned char)*s;

		if (use == NUMBER_FOR_FILE_NAME) {
			if (is_unreserved(*s) && *s != '.' && *s != '~')
				out[n++] = *s;
		} else if (is_unreserved(*s)) {
			out[n++] = *s;
		} else if (n + 3 < len) {
			out[n++] = '%';
			out[n++] = hex[c >> 4];
			out[n++] = hex[c & 15];
		} else {
			break;
		}
	}
	if (use == NUMBER_FOR_PATH && *s != '\0')
		n = 0;
	out[n] = '\0';
	return n;
}

/*
 * The number of record `view`/`arg` as the library stores it (the
 * "number" of its object named `view`), into `out` as `use` needs it. A
 * redirect or a file name is then built from the shop's own text, never
 * from what the request typed. 0 or -1.
 */
int handlers_record_number(app *a, const char *view, const char *arg, char *out,
	size_t len, enum record_number_use use)
{
	portal_buf doc = PORTAL_BUF_INIT;
	cJSON *root = NULL;
	const cJSON *number;
	size_t n = 0;

	out[0] = '\0';
	if (portal_view(&doc, a->p, a->session, view, arg) == PORTAL_OK &&
	    (root = cJSON_Parse(doc.ptr)) != NULL &&
	    cJSON_IsString(number = cJSON_GetObjectItemCaseSensitive(
		cJSON_GetObjectItemCaseSensitive(root, view), "number")))
		n = number_as(out, len, number->valuestring, use);
	cJSON_Delete(root);
	portal_buf_dispose(&doc);
	return n > 0 ? 0 : -1;
}

static int parse_decision(portal_decision *out, const char *text)
{
	if (text != NULL && strcmp(text, "approve") == 0)
		*out = PORTAL_DECISION_APPROVED;
	else if (text != NULL && strcmp(text, "decline") == 0)
		*out = PORTAL_DECISION_DECLINED;
	else
		return -1;
	return 0;
}

int handle_estimate_decide(app *a, const char *const *args)
{
	const char *line = request_form(&a->req, "line");
	portal_id line_id = line && *line ? app_parse_id(line) : 0;
	portal_decision decision;
	char number[3 * 40 + 1], path[sizeof(number) + 32];
	int err;

	if (app_post_guard(a) < 0)
		return 0;
	if (line_id < 0 || parse_decision(&decision, request_form(&a->req, "decision")) < 0) {
		app_error(a, 400, "The form is not one the portal sent.");
		return 0;
	}
	err = portal_customer_estimate_decide(a->p, a->session, args[0], line_id, decision,
		request_form(&a->req, "name"));
	if (err == PORTAL_OK && handlers_record_number(a, "estimate", args[0], number,
			sizeof(number), NUMBER_FOR_PATH) == 0)
		snprintf(path, sizeof(path), "/portal/estimate/%s", number);
	else
		snprintf(path, sizeof(path), "/portal/estimates");
	app_form_result(a, err, path, "decided", "estimate", args[0]);
	return 0;
}

/* Ask for a new estimate in place of an expired one; the answer goes back
 * to the estimate, named by its stored number. */
int handle_estimate_renew(app *a, const char *const *args)
{
	char number[3 * 40 + 1], path[sizeof(number) + 32];
	int err;

	if (app_post_guard(a) < 0)
		return 0;
	err = portal_customer_request_estimate(NULL, a->p, a->session, args[0]);
	if (err == PORTAL_OK && handlers_record_number(a, "estimate", args[0], number,
			sizeof(number), NUMBER_FOR_PATH) == 0)
		snprintf(path, sizeof(path), "/portal/estimate/%s", number);
	else
		snprintf(path, sizeof(path), "/portal/estimates");
	app_form_result(a, err, path, "renew", "estimate", args[0]);
	return 0;
}

/* The file is named from the number the shop stored, never from what the
 * request typed ("#10231" and "inv-10231" download invoice-10231.pdf). */
int handle_invoice_pdf(app *a, const char *const *args)
{
	portal_buf pdf = PORTAL_BUF_INIT;
	char number[32], disposition[96];
	int err;

	if ((err = app_session(a)) < 0) {
		if (err == APP_NO_SESSION)
			app_redirect(a, "/", "expired");
		return 0;
	}
	if ((err = portal_customer_invoice_pdf(&pdf, a->p, a->session, args[0])) < 0) {
		app_error(a, app_status_of(err), err == PORTAL_EDENIED ? app_refusal(a) :
			err == PORTAL_ENOTFOUND ? "We could not find that page." :
			"The PDF could not be made; please try again later.");
		return 0;
	}
	if (handlers_record_number(a, "invoice", args[0], number, sizeof(number),
		NUMBER_FOR_FILE_NAME) < 0)
		snprintf(number, sizeof(number), "invoice");
	snprintf(disposition, sizeof(disposition), "attachment; filename=\"invoice-%s.pdf\"",
		number);
	a->res.content_type = "application/pdf";
	response_add_header(&a->res, "Content-Disposition", disposition);
	if (html_rawn(&a->res.body, pdf.ptr, pdf.size) < 0)
		response_plain_page(&a->res, 500, "Out of memory.");
	portal_buf_dispose(&pdf);
	return 0;
}
