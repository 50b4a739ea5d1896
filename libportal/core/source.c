/* SPDX-License-Identifier: MIT */
/*
 * source.c - the network address a web request came from, as the
 * library records and rate limits it.
 *
 * The peer's address (REMOTE_ADDR) cannot be forged over TCP; an
 * X-Forwarded-For header can be, by anyone. So the header counts only
 * when the peer is the proxy the shop named, and then only the address
 * that proxy added itself: the last one.
 */
#include "internal.h"
#include "settings.h"
#include "source_mask.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int portal_ip_canonical(char *out, size_t len, const char *text)
{
	unsigned char addr[sizeof(struct in6_addr)];
	char buf[INET6_ADDRSTRLEN];
	int family = text && strchr(text, ':') ? AF_INET6 : AF_INET;

	if (len > 0)
		out[0] = '\0';
	if (text == NULL || inet_pton(family, text, addr) != 1 ||
	    inet_ntop(family, addr, buf, sizeof(buf)) == NULL || strlen(buf) >= len)
		return PORTAL_EINVAL;
	memcpy(out, buf, strlen(buf) + 1);
	return PORTAL_OK;
}

/* The last address of "client, proxy1, proxy2", trimmed, into `out`. */
static int last_forwarded(char *out, size_t len, const char *header)
{
	const char *comma = strrchr(header, ',');
	const char *s = comma ? comma + 1 : header;
	char buf[PORTAL_SOURCE_LEN];
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strcspn(s, " \t");
	if (n == 0 || n >= sizeof(buf) || s[n + strspn(s + n, " \t")] != '\0')
		return PORTAL_EINVAL;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return portal_ip_canonical(out, len, buf);
}

/* Is `peer` (canonical) the shop's trusted proxy? *yes, or the storage
 * error reading the setting. */
static int is_trusted_proxy(int *yes, portal *p, const char *peer)
{
	char *proxy = NULL;
	int err;

	*yes = 0;
	if ((err = pt_setting_text(&proxy, p, "trusted_proxy")) < 0)
		return err;
	*yes = proxy[0] != '\0' && strcmp(proxy, peer) == 0;
	free(proxy);
	return PORTAL_OK;
}

static void canonical_peer(char *out, size_t len, const char *remote_addr)
{
	if (portal_ip_canonical(out, len, remote_addr) < 0)
		snprintf(out, len, "%s", remote_addr);
}

int portal_request_via_proxy(portal *p, const char *remote_addr)
{
	char peer[PORTAL_SOURCE_LEN];
	int yes;

	if (remote_addr == NULL || *remote_addr == '\0')
		return 0;
	canonical_peer(peer, sizeof(peer), remote_addr);
	return is_trusted_proxy(&yes, p, peer) == PORTAL_OK && yes;
}

int portal_request_source(char *out, size_t len, portal *p, const char *remote_addr,
	const char *forwarded_for)
{
	char peer[PORTAL_SOURCE_LEN];
	int proxied, err;

	if (len == 0)
		return pt_error(p, PORTAL_EINVAL, NULL, "no room for an address");
	out[0] = '\0';
	if (remote_addr == NULL || *remote_addr == '\0')
		return PORTAL_OK;
	canonical_peer(peer, sizeof(peer), remote_addr);
	if (forwarded_for != NULL && *forwarded_for != '\0') {
		if ((err = is_trusted_proxy(&proxied, p, peer)) < 0)
			return err;
		if (proxied && last_forwarded(out, len, forwarded_for) == PORTAL_OK)
			return PORTAL_OK;
	}
	snprintf(out, len, "%s", peer);
	return PORTAL_OK;
}

/* The first three groups of an IPv6 address, from its bytes: the network
 * a provider hands one customer (/48) rather than the machine. */
static void mask_ipv6(char *out, size_t len, const unsigned char *a)
{
	snprintf(out, len, "%x:%x:%x:x", a[0] << 8 | a[1], a[2] << 8 | a[3], a[4] << 8 | a[5]);
}

void pt_source_mask(char *out, size_t len, const char *source)
{
	unsigned char a[sizeof(struct in6_addr)];

	if (len == 0)
		return;
	if (source == NULL || *source == '\0' || strcmp(source, "shop") == 0)
		snprintf(out, len, "%s", source ? source : "");
	else if (inet_pton(AF_INET, source, a) == 1)
		snprintf(out, len, "%u.%u.%u.x", a[0], a[1], a[2]);
	else if (inet_pton(AF_INET6, source, a) == 1)
		mask_ipv6(out, len, a);
	else
		snprintf(out, len, "hidden");
}
