/* SPDX-License-Identifier: MIT */
/*
 * serve.h - what `portal serve` hands lighttpd: its configuration file.
 */
#ifndef PORTAL_CLI_SERVE_H
#define PORTAL_CLI_SERVE_H

#include <stdio.h>

typedef struct serve_config {
	const char *dir;          /* the private temporary directory */
	const char *db;           /* absolute path of the shop database */
	const char *cgi;          /* absolute path of portal.cgi */
	const char *static_dir;   /* absolute path of the static files */
	int port;
	const char *const *pass_env;  /* NULL-ended names passed on to portal.cgi when set */
	int resident;             /* portal.cgi resident behind mod_scgi, not mod_cgi */
	const char *label;        /* the database as it may be printed */
} serve_config;

/* The resident portal.cgi processes lighttpd starts (`--resident`): one
 * answers one request at a time. */
#define SERVE_RESIDENT_PROCS 2
/* Their sockets, in `dir`: lighttpd adds "-0", "-1"... for each process. */
#define SERVE_SOCKET "portal.sock"

/* The absolute path of the portal's static files into `out` (PATH_MAX
 * bytes): `option` when given, else $PORTAL_STATIC, else those installed
 * with this portal, else the source tree's. 0, or -1 after saying why. */
int serve_static_dir(char *out, const char *option);

/* Write the lighttpd configuration of `c` to `out`. -1 when a path holds
 * a character the configuration syntax cannot carry safely. */
int serve_write_config(FILE *out, const serve_config *c);

#endif
