/* SPDX-License-Identifier: MIT */
/*
 * preview_html.c - `portal preview --html`: the page itself, as the
 * client's browser would get it from portal.cgi, drawn by the same pages
 * library from the same view, for the shop's preview session
 * (portal_preview_session()): no link, no session, nothing logged.
 */
/* realpath() is an X/Open function. */
#define _XOPEN_SOURCE 700

#include "cli.h"
#include "pdf_export.h"
#include "preview_html.h"
#include "serve.h"

#include <cjson/cJSON.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "page.h"

/* The page of `view` for session `s` into `html`. */
static int render_page(html_buf *html, cli *c, const portal_session *s, const char *view,
	const char *arg, const char *static_base)
{
	portal_buf doc = PORTAL_BUF_INIT, name = PORTAL_BUF_INIT;
	cJSON *json = NULL;
	page_ctx ctx;
	int err, rc = EXIT_OK;

	if ((err = portal_view(&doc, c->p, s, view, arg)) < 0)
		return cli_fail(c, err);
	memset(&ctx, 0, sizeof(ctx));
	if (portal_shop_get(&name, c->p, "name") == PORTAL_OK)
		ctx.shop_name = name.ptr;
	ctx.static_base = static_base;
	if ((json = cJSON_Parse(doc.ptr)) == NULL ||
	    page_view(html, view, json, &ctx) < 0 || html_status(html) < 0) {
		fprintf(stderr, "portal: the page could not be built\n");
		rc = EXIT_STORE;
	}
	cJSON_Delete(json);
	portal_buf_dispose(&doc);
	portal_buf_dispose(&name);
	return rc;
}

/* The page's bytes to `path`, whole or not at all, or to stdout. */
static int write_page(const html_buf *html, const char *path)
{
	portal_buf bytes = PORTAL_BUF_INIT;
	char err[512];

	if (path == NULL) {
		if (fwrite(html->ptr, 1, html->size, stdout) != html->size || fflush(stdout) != 0) {
			fprintf(stderr, "portal: the page could not be written\n");
			return EXIT_STORE;
		}
		return EXIT_OK;
	}
	bytes.ptr = html->ptr;
	bytes.size = html->size;
	if (pdf_write_file(path, &bytes, err, sizeof(err)) < 0) {
		fprintf(stderr, "portal: %s\n", err);
		return EXIT_STORE;
	}
	return EXIT_OK;
}

int preview_html(cli *c, const preview_html_args *a)
{
	char dir[PATH_MAX], base[PATH_MAX + 8];
	portal_session *s = NULL;
	html_buf html = HTML_BUF_INIT;
	int err, rc;

	/* The stylesheet by its file: the page opens in a browser as it is. */
	if (serve_static_dir(dir, a->static_dir) < 0)
		return EXIT_USAGE;
	snprintf(base, sizeof(base), "file://%s", dir);
	if ((err = portal_preview_session(&s, c->p, a->client, a->job)) < 0)
		return cli_fail(c, err);
	rc = render_page(&html, c, s, a->view, a->arg, base);
	portal_session_free(s);
	if (rc == EXIT_OK)
		rc = write_page(&html, a->out);
	html_free(&html);
	return rc;
}
