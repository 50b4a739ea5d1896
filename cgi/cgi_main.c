/* SPDX-License-Identifier: MIT */
/*
 * cgi_main.c - portal.cgi: the customer's web portal as a CGI program
 * (RFC 3875). The web server sets PORTAL_DB to the shop's database; each
 * request is one run of this program.
 *
 * Started with a listening socket as its standard input (lighttpd's
 * bin-path, spawn-fcgi, systemd's socket activation), the same program
 * stays resident and answers SCGI requests on it instead (scgi.h).
 */
#include "app.h"
#include "scgi.h"

#include <unistd.h>

int main(void)
{
	if (scgi_is_listening(STDIN_FILENO))
		return scgi_serve(STDIN_FILENO);
	return app_run(&request_source_cgi, stdout);
}
