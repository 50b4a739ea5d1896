/* SPDX-License-Identifier: MIT */
/*
 * response.c - writing the answer, always with the security headers.
 */
#include "response.h"

#include <stdlib.h>
#include <string.h>

/* What every answer says, whatever it is: no script or style from
 * elsewhere, no plugins, no <base>, never inside a frame, forms only
 * to the portal; no sniffing of types, no Referer (a link's token must
 * never leave in one), nothing cached, nothing indexed. */
static const char *const security_headers[] = {
	"Content-Security-Policy: default-src 'self'; object-src 'none'; base-uri 'none'; "
	"frame-ancestors 'none'; form-action 'self'",
	"X-Content-Type-Options: nosniff",
	"Referrer-Policy: no-referrer",
	"Cache-Control: no-store",
	"X-Robots-Tag: noindex",
	"X-Frame-Options: DENY",
	NULL
};

static const struct { int status; const char *reason; } reasons[] = {
	{ 200, "OK" }, { 303, "See Other" }, { 400, "Bad Request" },
	{ 401, "Unauthorized" }, { 403, "Forbidden" }, { 404, "Not Found" },
	{ 405, "Method Not Allowed" }, { 409, "Conflict" }, { 413, "Content Too Large" },
	{ 415, "Unsupported Media Type" }, { 422, "Unprocessable Content" },
	{ 429, "Too Many Requests" }, { 500, "Internal Server Error" },
	{ 503, "Service Unavailable" },
};

void response_init(response *r)
{
	memset(r, 0, sizeof(*r));
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
}

static void drop_headers(response *r)
{
	for (size_t i = 0; i < r->header_count; i++)
		free(r->headers[i].value);
	r->header_count = 0;
}

void response_free(response *r)
{
	drop_headers(r);
	html_free(&r->body);
}

const char *response_reason(int status)
{
	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].reason;
	return "Error";
}

static int value_is_safe(const char *v)
{
	for (; *v; v++)
		if ((unsigned char)*v < 0x20 || *v == 0x7f)
			return 0;
	return 1;
}

int response_add_header(response *r, const char *name, const char *value)
{
	char *copy;

	if (r->header_count >= RESPONSE_HEADERS_MAX || !value_is_safe(value))
		return -1;
	if ((copy = strdup(value)) == NULL)
		return -1;
	r->headers[r->header_count].name = name;
	r->headers[r->header_count].value = copy;
	r->header_count++;
	return 0;
}

const char *response_get_header(const response *r, const char *name)
{
	for (size_t i = 0; i < r->header_count; i++)
		if (strcmp(r->headers[i].name, name) == 0)
			return r->headers[i].value;
	return NULL;
}

/* "404 Not Found": the status and its reason, as the title and heading say it. */
static void status_words(html_buf *b, int status)
{
	html_printf(b, "%d ", status);
	html_text(b, response_reason(status));
}

void response_plain_page(response *r, int status, const char *message)
{
	html_buf *b = &r->body;

	drop_headers(r);
	html_free(b);
	r->status = status;
	r->content_type = "text/html; charset=utf-8";
	html_raw(b, "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
		"<meta name=\"robots\" content=\"noindex\"><title>");
	status_words(b, status);
	html_raw(b, "</title></head>\n<body><h1>");
	status_words(b, status);
	html_raw(b, "</h1>\n<p>");
	html_text(b, message);
	html_raw(b, "</p>\n<p><a href=\"/\">Back to the start</a></p></body></html>\n");
}

int response_redirect(response *r, const char *location)
{
	if (location[0] != '/' || location[1] == '/' || location[1] == '\\')
		return -1;
	html_free(&r->body);
	r->status = 303;
	r->content_type = "text/plain; charset=utf-8";
	if (response_add_header(r, "Location", location) < 0)
		return -1;
	return html_raw(&r->body, "See Other\n");
}

int response_write(const response *r, FILE *out)
{
	fprintf(out, "Status: %d %s\r\n", r->status, response_reason(r->status));
	fprintf(out, "Content-Type: %s\r\n", r->content_type);
	for (size_t i = 0; security_headers[i]; i++)
		fprintf(out, "%s\r\n", security_headers[i]);
	for (size_t i = 0; i < r->header_count; i++)
		fprintf(out, "%s: %s\r\n", r->headers[i].name, r->headers[i].value);
	fprintf(out, "Content-Length: %zu\r\n\r\n", r->body.size);
	if (!r->head_only && r->body.size)
		fwrite(r->body.ptr, 1, r->body.size, out);
	return fflush(out) == 0 && !ferror(out) ? 0 : -1;
}
