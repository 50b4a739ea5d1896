/* SPDX-License-Identifier: MIT */
/*
 * serve_config.c - the lighttpd configuration of `portal serve`: every
 * path to portal.cgi except /static/, which lighttpd serves itself from
 * the portal's static files, on 127.0.0.1 only, with PORTAL_DB set.
 * portal.cgi runs once per request (mod_cgi), or stays resident and
 * answers over SCGI (mod_scgi starts it with its socket).
 */
#include "serve.h"

#include <stdlib.h>
#include <string.h>

/* The headers portal.cgi sends, set on lighttpd's own answers too (the
 * static files, its own errors after the request line was read). */
static const char *const headers[][2] = {
	{ "Content-Security-Policy", "default-src 'self'; object-src 'none'; base-uri 'none'; "
	  "frame-ancestors 'none'; form-action 'self'" },
	{ "X-Content-Type-Options", "nosniff" },
	{ "Referrer-Policy", "no-referrer" },
	{ "Cache-Control", "no-store" },
	{ "X-Robots-Tag", "noindex" },
	{ "X-Frame-Options", "DENY" },
};

/* A string lighttpd reads back exactly: no quote, backslash or control. */
static int plain(const char *s)
{
	for (; *s; s++)
		if (*s == '"' || *s == '\\' || (unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

/* PORTAL_DB, then the variables of `pass_env` that are set, as the
 * pairs of a lighttpd list indented by `indent`. */
static void write_variables(FILE *out, const serve_config *c, const char *indent)
{
	fprintf(out, "%s\"PORTAL_DB\" => \"%s\"", indent, c->db);
	for (size_t i = 0; c->pass_env && c->pass_env[i]; i++) {
		const char *v = getenv(c->pass_env[i]);
		if (v != NULL && *v != '\0' && plain(v))
			fprintf(out, ",\n%s\"%s\" => \"%s\"", indent, c->pass_env[i], v);
	}
}

/* mod_cgi: a process per request, its variables set by mod_setenv. */
static void write_cgi(FILE *out, const serve_config *c)
{
	fprintf(out, "$HTTP[\"url\"] =~ \"^/portal\\.cgi\" { cgi.assign = ( \"\" => \"\" ) }\n"
		"setenv.set-environment = (\n");
	write_variables(out, c, "  ");
	fputs("\n)\n", out);
}

/* mod_scgi: lighttpd starts SERVE_RESIDENT_PROCS portal.cgi processes,
 * each with its socket as its standard input and these variables, and
 * restarts one that ends. "check-local" off: the path names no file. */
static void write_scgi(FILE *out, const serve_config *c)
{
	fprintf(out, "scgi.server = ( \"/portal.cgi\" => ( (\n"
		"  \"socket\" => \"%s/" SERVE_SOCKET "\",\n"
		"  \"bin-path\" => \"%s\",\n"
		"  \"max-procs\" => %d,\n"
		"  \"check-local\" => \"disable\",\n"
		"  \"bin-environment\" => (\n", c->dir, c->cgi, SERVE_RESIDENT_PROCS);
	write_variables(out, c, "    ");
	fputs("\n  )\n) ) )\n", out);
}

int serve_write_config(FILE *out, const serve_config *c)
{
	if (!plain(c->dir) || !plain(c->db) || !plain(c->cgi) || !plain(c->static_dir))
		return -1;
	fprintf(out, "# Written by `portal serve`; removed when it stops.\n"
		"server.document-root = \"%s/root\"\n"
		"server.bind = \"127.0.0.1\"\n"
		"server.port = %d\n"
		"server.pid-file = \"%s/lighttpd.pid\"\n"
		"server.max-request-field-size = 32768\n"
		"server.modules = ( \"mod_alias\", \"mod_rewrite\", \"mod_setenv\", \"%s\" )\n"
		"mimetype.assign = ( \".css\" => \"text/css; charset=utf-8\",\n"
		"  \".js\" => \"text/javascript; charset=utf-8\",\n"
		"  \".svg\" => \"image/svg+xml; charset=utf-8\", \".png\" => \"image/png\" )\n"
		"alias.url = ( \"/static/\" => \"%s/\"%s%s%s )\n"
		"url.rewrite-once = ( \"^/static/.*\" => \"$0\",\n"
		"  \"^(/[^?]*)(\\?.*)?$\" => \"/portal.cgi$1$2\" )\n",
		c->dir, c->port, c->dir, c->resident ? "mod_scgi" : "mod_cgi",
		c->static_dir, c->resident ? "" : ", \"/portal.cgi\" => \"",
		c->resident ? "" : c->cgi, c->resident ? "" : "\"");
	if (c->resident)
		write_scgi(out, c);
	else
		write_cgi(out, c);
	fputs("setenv.set-response-header = (\n", out);
	for (size_t i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		fprintf(out, "  \"%s\" => \"%s\"%s\n", headers[i][0], headers[i][1],
			i + 1 < sizeof(headers) / sizeof(headers[0]) ? "," : "");
	fputs(")\n", out);
	return ferror(out) ? -1 : 0;
}
