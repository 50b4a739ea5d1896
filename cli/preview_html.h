/* SPDX-License-Identifier: MIT */
/*
 * preview_html.h - `portal preview --html`: a client's page as HTML.
 */
#ifndef PORTAL_CLI_PREVIEW_HTML_H
#define PORTAL_CLI_PREVIEW_HTML_H

#include "cli.h"

typedef struct preview_html_args {
	portal_id client, job;     /* job 0: the whole client */
	const char *view, *arg;    /* a view of portal/view.h and its argument */
	const char *out;           /* the file to write, or NULL for stdout */
	const char *static_dir;    /* the static files, or NULL for serve's */
} preview_html_args;

/* Write the page of `a` for the shop's preview of its client; the exit code. */
int preview_html(cli *c, const preview_html_args *a);

#endif
