/*
 * main.c - portal.cgi: the customer's web portal as a CGI program
 * (RFC 3875). The web server sets PORTAL_DB to the shop's database; each
 * request is one run of this program.
 */
#include "app.h"

int main(void)
{
	return app_run(&request_source_cgi, stdout);
}
