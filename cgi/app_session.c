/* SPDX-License-Identifier: MIT */
/*
 * app_session.c - the session cookie, and the checks every POST passes
 * before it may change anything: its Origin and its CSRF token.
 *
 * Comparing origins is HTTP plumbing of the front end (what browsers,
 * web servers and proxies pass), not a rule of the shop's: it lives here,
 * and reads the shop's settings only through the library's API.
 */
#include "app.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

/* Strict: the cookie never goes to another site's request, not even a
 * link followed from one (the portal asks for the session again then). */
#define COOKIE_ATTRIBUTES "Path=/; Secure; HttpOnly; SameSite=Strict"

/* A failure of the database, not an answer about the session. */
static int unavailable(int err)
{
	return err == PORTAL_ESTORE || err == PORTAL_ENOMEM || err == PORTAL_EIO ||
		err == PORTAL_ENOTDB || err == PORTAL_EVERSION;
}

int app_session(app *a)
{
	const char *token = request_cookie(&a->req, APP_COOKIE);
	int err;

	if (a->session != NULL)
		return 0;
	if (token == NULL || a->p == NULL)
		return APP_NO_SESSION;
	if ((err = portal_session_check(&a->session, a->p, token, a->source)) == PORTAL_OK)
		return 0;
	if (unavailable(err)) {
		app_log_failure(a->p, "checking a session");
		app_error(a, 503, "The portal is not available right now; please try later.");
		return APP_UNAVAILABLE;
	}
	app_clear_session_cookie(a);
	return APP_NO_SESSION;
}

int app_set_session_cookie(app *a, const portal_session *s)
{
	char value[PORTAL_TOKEN_LEN + 128];

	snprintf(value, sizeof(value), APP_COOKIE "=%s; " COOKIE_ATTRIBUTES, s->token);
	return response_add_header(&a->res, "Set-Cookie", value);
}

int app_clear_session_cookie(app *a)
{
	return response_add_header(&a->res, "Set-Cookie",
		APP_COOKIE "=; Max-Age=0; " COOKIE_ATTRIBUTES);
}

/*
 * An origin as browsers compare them (RFC 6454): scheme, host and port,
 * the port always written out (80 for http, 443 for https), the host in
 * lower case, an IPv6 literal in the one spelling inet_ntop() gives it.
 * Web servers disagree on what they pass (nginx's $host drops the port,
 * a TLS-terminating proxy hides the scheme), so both sides are parsed to
 * this form rather than compared as text.
 */
typedef struct site {
	int https;
	char host[256];
	unsigned port;
} site;

static unsigned default_port(int https)
{
	return https ? 443 : 80;
}

/* A port of 1 to 5 digits, 1 to 65535, that is all of s[0..n). */
static int port_of(unsigned *out, const char *s, size_t n)
{
	unsigned v = 0;

	if (n == 0 || n > 5)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (unsigned)(s[i] - '0');
	}
	if (v == 0 || v > 65535)
		return -1;
	*out = v;
	return 0;
}

/* An IPv6 literal "[...]" at the start of s[0..n) into o->host: the
 * length it takes, or 0 when there is none. */
static size_t ipv6_host(site *o, const char *s, size_t n)
{
	const char *end = memchr(s, ']', n);
	char text[INET6_ADDRSTRLEN];
	unsigned char bin[sizeof(struct in6_addr)];
	size_t len = end != NULL ? (size_t)(end - s) - 1 : 0;

	if (len == 0 || len >= sizeof(text))
		return 0;
	memcpy(text, s + 1, len);
	text[len] = '\0';
	if (inet_pton(AF_INET6, text, bin) != 1 || inet_ntop(AF_INET6, bin, text, sizeof(text)) == NULL)
		return 0;
	snprintf(o->host, sizeof(o->host), "[%s]", text);
	return len + 2;
}

/* The host at the start of s[0..n) into o->host: a name of letters,
 * digits, '-', '.' and '_' in lower case, or an IPv6 literal. The length
 * it takes, or 0 when there is none. A user name ("a@") is no host. */
static size_t host_of(site *o, const char *s, size_t n)
{
	size_t len = 0;

	if (n > 0 && s[0] == '[')
		return ipv6_host(o, s, n);
	while (len < n && (isalnum((unsigned char)s[len]) || strchr("-._", s[len]) != NULL))
		len++;
	if (len == 0 || len >= sizeof(o->host))
		return 0;
	for (size_t i = 0; i < len; i++)
		o->host[i] = (char)tolower((unsigned char)s[i]);
	o->host[len] = '\0';
	return len;
}

/* An authority "host[:port]" that is all of s[0..n) into `o`, with
 * `port_when_none` when it names no port. 0, or -1 when it is not one:
 * anything after the port ("8080.evil.example"), a port out of range. */
static int authority_of(site *o, const char *s, size_t n, unsigned port_when_none)
{
	size_t h = host_of(o, s, n);

	if (h == 0)
		return -1;
	if (h == n) {
		o->port = port_when_none;
		return 0;
	}
	return s[h] == ':' ? port_of(&o->port, s + h + 1, n - h - 1) : -1;
}

/* "http://" or "https://", in any case, into o->https: the length of
 * the prefix, or 0 for any other scheme. */
static size_t scheme_of(site *o, const char *s)
{
	o->https = strncasecmp(s, "https://", 8) == 0;
	if (o->https)
		return 8;
	return strncasecmp(s, "http://", 7) == 0 ? 7 : 0;
}

/* An Origin header: "scheme://host[:port]" and nothing more. */
static int origin_of(site *o, const char *text)
{
	size_t n = scheme_of(o, text);

	return n == 0 ? -1 : authority_of(o, text + n, strlen(text + n), default_port(o->https));
}

/* The origin of an address such as the shop's portal_url, whatever
 * path follows its host. */
static int url_origin(site *o, const char *url)
{
	size_t n = scheme_of(o, url);

	return n == 0 ? -1 : authority_of(o, url + n, strcspn(url + n, "/?#"),
		default_port(o->https));
}

/* The last value of a header that proxies append to ("https, http"),
 * trimmed, into `out`: the value the nearest proxy gave. */
static int last_value(char *out, size_t len, const char *header)
{
	const char *comma = strrchr(header, ','), *s = comma != NULL ? comma + 1 : header;
	size_t n;

	s += strspn(s, " \t");
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n == 0 || n >= len)
		return -1;
	memcpy(out, s, n);
	out[n] = '\0';
	return 0;
}

/* What the shop's own proxy says of the request the browser made: its
 * scheme (X-Forwarded-Proto) into o->https and its Host
 * (X-Forwarded-Host) into `host`, when it says them. 1 when it said
 * either, else 0. */
static int proxy_says(site *o, char *host, size_t len, const request *r)
{
	char proto[8];
	int said = 0;

	if (r->forwarded_proto != NULL && last_value(proto, sizeof(proto), r->forwarded_proto) == 0 &&
	    (strcasecmp(proto, "https") == 0 || strcasecmp(proto, "http") == 0)) {
		o->https = strcasecmp(proto, "https") == 0;
		said = 1;
	}
	if (r->forwarded_host != NULL && last_value(host, len, r->forwarded_host) == 0)
		said = 1;
	return said;
}

/* The request's own origin: its scheme (HTTPS or REQUEST_SCHEME) and its
 * Host, or what the shop's trusted proxy says of them. A Host without a
 * port (nginx's $host) was reached on SERVER_PORT; behind a proxy that
 * port is the proxy's way in, not the browser's, so the scheme's own. */
static int own_site(site *o, const request *r, int via_proxy)
{
	char forwarded_host[sizeof(o->host) + 8] = "";
	const char *host = r->host;
	int proxied = 0;
	unsigned port;

	o->https = r->https;
	if (via_proxy)
		proxied = proxy_says(o, forwarded_host, sizeof(forwarded_host), r);
	if (forwarded_host[0] != '\0')
		host = forwarded_host;
	if (host == NULL)
		return -1;
	if (proxied || r->server_port == NULL ||
	    port_of(&port, r->server_port, strlen(r->server_port)) < 0)
		port = default_port(o->https);
	return authority_of(o, host, strlen(host), port);
}

static int same_site(const site *a, const site *b)
{
	return a->https == b->https && a->port == b->port && strcmp(a->host, b->host) == 0;
}

/* A browser's Origin names the page that made the request. The pages ask
 * for Referrer-Policy no-referrer (a link's token must never leave in a
 * Referer), and under that policy browsers send "Origin: null" even on a
 * page's own form (Fetch, "serialize a request origin"). Sec-Fetch-Site,
 * which no page can set, then says whether the form came from this site. */
int app_origin_matches(const request *r, const char *public_url, int via_proxy)
{
	site origin, own;

	if (r->origin == NULL)
		return 1;
	if (strcmp(r->origin, "null") == 0)
		return r->fetch_site != NULL && strcmp(r->fetch_site, "same-origin") == 0;
	if (origin_of(&origin, r->origin) < 0)
		return 0;
	if (public_url != NULL && url_origin(&own, public_url) == 0 && same_site(&origin, &own))
		return 1;
	return own_site(&own, r, via_proxy) == 0 && same_site(&origin, &own);
}

/* A setting that cannot be read counts as unset: the check then believes
 * less, never more. */
int app_origin_ok(const app *a)
{
	const request *r = &a->req;
	portal_buf url = PORTAL_BUF_INIT;
	int ok;

	if (r->origin == NULL || strcmp(r->origin, "null") == 0 || a->p == NULL)
		return app_origin_matches(r, NULL, 0);
	ok = app_origin_matches(r, portal_shop_public_url(&url, a->p) == 1 ? url.ptr : NULL,
		portal_request_via_proxy(a->p, r->remote_addr));
	portal_buf_dispose(&url);
	return ok;
}

/* The session of a form's request, found only when the form carries its
 * CSRF token: the library then restarts nothing for a refused form. */
static int form_session(app *a, const char *csrf)
{
	const char *token = request_cookie(&a->req, APP_COOKIE);
	int err;

	if (a->session != NULL)
		return portal_session_csrf_ok(a->session, csrf) ? 0 : -1;
	if (token == NULL || a->p == NULL)
		return -1;
	err = portal_session_check_form(&a->session, a->p, token, csrf, a->source);
	if (err == PORTAL_ENOTFOUND)
		app_clear_session_cookie(a);
	return err == PORTAL_OK ? 0 : -1;
}

int app_post_guard(app *a)
{
	const char *csrf = request_form(&a->req, "csrf");

	if (!app_origin_ok(a)) {
		app_error(a, 403, "This form was sent from another site, so nothing was changed.");
		return -1;
	}
	if (form_session(a, csrf) < 0) {
		app_error(a, 403, "This form has expired, so nothing was changed. "
			"Open the portal again and send it once more.");
		return -1;
	}
	return 0;
}
