/* SPDX-License-Identifier: MIT */
/*
 * app_render.c - turning results into answers: pages through the pages
 * library, JSON errors under /api/, redirects after forms.
 */
#include "app.h"
#include "page.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int app_status_of(int err)
{
	switch (err) {
	case PORTAL_OK: return 200;
	case PORTAL_EINVAL: return 400;
	case PORTAL_ENOTFOUND: return 404;
	case PORTAL_EDENIED: return 403;
	case PORTAL_ERULE: return 409;
	case PORTAL_ERATELIMIT: return 429;
	default: return 500;
	}
}

const char *app_keep_message(app *a, const char *text)
{
	if (text == NULL || text == a->message)
		return text;
	snprintf(a->message, sizeof(a->message), "%s", text);
	return a->message;
}

const char *app_refusal(app *a)
{
	return app_keep_message(a, portal_errmsg_customer(a->p));
}

static int is_api(const app *a)
{
	return a->req.path != NULL && strncmp(a->req.path, "/api/", 5) == 0;
}

/* The shop's name for the page's title, or NULL. The caller disposes. */
static const char *shop_name(app *a, portal_buf *name)
{
	if (a->p == NULL || portal_shop_get(name, a->p, "name") < 0)
		return NULL;
	return name->ptr;
}

void app_page_ctx_init(app *a, page_ctx *ctx, portal_buf *name, const char *error)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->csrf = a->session ? a->session->csrf : NULL;
	ctx->shop_name = shop_name(a, name);
	ctx->flash = a->flash;
	ctx->error = error;
}

void app_send_page(app *a, int status, html_buf *html, int rc)
{
	if (rc < 0 || html_status(html) < 0) {
		html_free(html);
		response_plain_page(&a->res, 500, "The page could not be built.");
		return;
	}
	/* The page's buffer is the body's kind: hand it over, not a copy. */
	html_free(&a->res.body);
	a->res.body = *html;
	html_init(html);
	a->res.status = status;
	a->res.content_type = "text/html; charset=utf-8";
}

static void json_error(app *a, int status, const char *message)
{
	cJSON *root = cJSON_CreateObject(), *e = cJSON_AddObjectToObject(root, "error");
	char *text;

	cJSON_AddNumberToObject(e, "status", status);
	cJSON_AddStringToObject(e, "message", message);
	text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	html_free(&a->res.body);
	a->res.status = status;
	a->res.content_type = "application/json; charset=utf-8";
	if (text == NULL || html_raw(&a->res.body, text) < 0 ||
	    html_raw(&a->res.body, "\n") < 0)
		response_plain_page(&a->res, 500, "Out of memory.");
	free(text);
}

void app_error(app *a, int status, const char *message)
{
	html_buf html = HTML_BUF_INIT;
	portal_buf name = PORTAL_BUF_INIT;
	page_ctx ctx;
	int rc;

	message = app_keep_message(a, message);
	if (is_api(a)) {
		json_error(a, status, message);
		return;
	}
	app_page_ctx_init(a, &ctx, &name, NULL);
	ctx.flash = NULL;
	rc = page_status(&html, status, message, &ctx);
	app_send_page(a, status, &html, rc);
	portal_buf_dispose(&name);
}

/* The message to show for a refusal: never the library's words for a
 * missing record, which repeat what was typed and would tell another
 * client's record from a missing one by their length. */
static const char *refusal_message(app *a, int err)
{
	if (err == PORTAL_ENOTFOUND || err == PORTAL_EINVAL)
		return "We could not find that page.";
	if (err == PORTAL_EDENIED)
		return app_refusal(a);
	return "Something went wrong on our side; please try again later.";
}

void app_view_page(app *a, const char *view, const char *arg, int status,
	const char *error)
{
	portal_buf doc = PORTAL_BUF_INIT, name = PORTAL_BUF_INIT;
	html_buf html = HTML_BUF_INIT;
	cJSON *json = NULL;
	page_ctx ctx;
	int err, rc = -1;

	error = app_keep_message(a, error);
	if ((err = portal_view(&doc, a->p, a->session, view, arg)) < 0) {
		app_error(a, app_status_of(err == PORTAL_EINVAL ? PORTAL_ENOTFOUND : err),
			refusal_message(a, err));
		return;
	}
	if ((json = cJSON_Parse(doc.ptr)) != NULL) {
		app_page_ctx_init(a, &ctx, &name, error);
		rc = page_view(&html, view, json, &ctx);
	}
	app_send_page(a, status, &html, rc);
	cJSON_Delete(json);
	portal_buf_dispose(&doc);
	portal_buf_dispose(&name);
}

/* The landing page, or with `dead` the page of a link that no longer
 * opens. The page prints the library's public document; when the shop
 * cannot be read the forms are still drawn, without the shop's words. */
static void landing(app *a, int status, const char *error, const char *invoice,
	const char *house, const char *dead)
{
	portal_buf public = PORTAL_BUF_INIT, name = PORTAL_BUF_INIT;
	cJSON *doc = NULL;
	html_buf html = HTML_BUF_INIT;
	page_ctx ctx;
	int rc;

	error = app_keep_message(a, error);
	if (portal_view_public(&public, a->p) == PORTAL_OK)
		doc = cJSON_Parse(public.ptr);
	if (doc == NULL)
		doc = cJSON_CreateObject();
	app_page_ctx_init(a, &ctx, &name, error);
	rc = dead ? page_link_dead(&html, doc, dead, &ctx) :
		page_landing(&html, doc, invoice, house, &ctx);
	app_send_page(a, status, &html, rc);
	cJSON_Delete(doc);
	portal_buf_dispose(&public);
	portal_buf_dispose(&name);
}

void app_landing(app *a, int status, const char *error, const char *invoice,
	const char *house)
{
	landing(a, status, error, invoice, house, NULL);
}

void app_link_dead(app *a, int status, const char *error, const char *token)
{
	landing(a, status, error, NULL, NULL, token);
}

void app_redirect(app *a, const char *path, const char *done)
{
	char location[256];

	snprintf(location, sizeof(location), "%s%s%s", path, done ? "?done=" : "",
		done ? done : "");
	if (response_redirect(&a->res, location) < 0)
		response_plain_page(&a->res, 500, "The next page could not be named.");
}

void app_form_result(app *a, int err, const char *path, const char *done,
	const char *view, const char *arg)
{
	if (err == PORTAL_OK)
		app_redirect(a, path, done);
	else if (err == PORTAL_EINVAL || err == PORTAL_ERULE || err == PORTAL_EDENIED)
		app_view_page(a, view, arg, app_status_of(err), app_refusal(a));
	else
		app_error(a, app_status_of(err), refusal_message(a, err));
}

static const struct { const char *word, *text; } flashes[] = {
	{ "logout", "You have left the portal." },
	{ "expired", "Your session has ended. Find your job again, or open the link the "
	  "shop sent you." },
	{ "decided", "Thank you: your decision was sent to the shop." },
	{ "renew", "Your request was sent. The shop will send you a new estimate." },
	{ "cancelled", "Your visit was cancelled." },
	{ "requested", "Your request was sent. The shop will confirm a time with you." },
	{ "sent", "Your message was sent." },
	{ "read", "Marked as read." },
	{ "profile", "Your change was sent to the shop, which will confirm it." },
	{ "sms_on", "You will receive text messages from the shop." },
	{ "sms_off", "You will no longer receive text messages from the shop." },
	{ "callback", "Your warranty visit request was sent. The shop will confirm a time." },
};

const char *app_flash_text(const char *done)
{
	for (size_t i = 0; done && i < sizeof(flashes) / sizeof(flashes[0]); i++)
		if (strcmp(flashes[i].word, done) == 0)
			return flashes[i].text;
	return NULL;
}

portal_id app_parse_id(const char *text)
{
	portal_id v = 0;

	if (text == NULL || *text == '\0' || strlen(text) > 15)
		return -1;
	for (const char *s = text; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}
