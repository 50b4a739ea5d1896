/* SPDX-License-Identifier: MIT */
/*
 * shop.c - the shop's settings as the shop sets them: each value checked
 * by its type and stored in its canonical text (settings.c reads them).
 */
#include "internal.h"
#include "json.h"
#include "settings.h"
#include "store.h"
#include "tz.h"
#include "validate.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>


static int canonical_percent(char **out, portal *p, const char *field, const char *s)
{
	char buf[32];
	size_t n = strlen(s);
	int64_t v;

	if (n > 0 && s[n - 1] == '%')
		n--;
	snprintf(buf, sizeof(buf), "%.*s", (int)n, s);
	if (n >= sizeof(buf) || pt_parse_scaled(buf, 3, 100000, &v) < 0)
		return pt_error(p, PORTAL_EINVAL, field,
			"'%s' is not a percentage from 0 to 100 with at most 3 decimals", s);
	snprintf(buf, sizeof(buf), "%lld.%03lld", (long long)(v / 1000), (long long)(v % 1000));
	/* "13.000" reads better as "13", "9.500" as "9.5". */
	n = strlen(buf);
	while (buf[n - 1] == '0')
		buf[--n] = '\0';
	if (buf[n - 1] == '.')
		buf[--n] = '\0';
	return (*out = pt_strdup(buf)) ? PORTAL_OK : pt_oom(p);
}

static int canonical_count(char **out, portal *p, const char *field, const char *s, int64_t max)
{
	char buf[24];
	int64_t v;

	if (strchr(s, '.') != NULL || pt_parse_scaled(s, 0, max, &v) < 0)
		return pt_error(p, PORTAL_EINVAL, field, "'%s' is not a whole number from 0 to %lld",
			s, (long long)max);
	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	return (*out = pt_strdup(buf)) ? PORTAL_OK : pt_oom(p);
}

static int canonical_money(char **out, portal *p, const char *field, const char *s)
{
	char buf[PORTAL_MONEY_STRLEN];
	portal_money v;

	if (portal_money_parse(&v, s) < 0 || v < 0)
		return pt_error(p, PORTAL_EINVAL, field, "'%s' is not an amount such as 120.00", s);
	snprintf(buf, sizeof(buf), "%lld.%02lld", (long long)(v / 100), (long long)(v % 100));
	return (*out = pt_strdup(buf)) ? PORTAL_OK : pt_oom(p);
}

static int canonical_timezone(char **out, portal *p, const char *field, const char *s)
{
	char err[160];
	tz *z;

	/* "localtime" is a link to the host's own zone, not a place: a shop
	 * database moved to another machine would change its days. */
	if (strcmp(s, "localtime") == 0 || strcmp(s, "posixrules") == 0)
		return pt_error(p, PORTAL_EINVAL, field, "'%s' is not an IANA zone name "
			"such as America/Toronto", s);
	if (pt_tz_load(&z, s, NULL, err, sizeof(err)) < 0)
		return pt_error(p, PORTAL_EINVAL, field, "%s", err);
	pt_tz_free(z);
	return (*out = pt_strdup(s)) ? PORTAL_OK : pt_oom(p);
}

/* A whole number from `min` to `max`. */
static int canonical_range(char **out, portal *p, const char *field, const char *s,
	int64_t min, int64_t max)
{
	int64_t v;

	if (strchr(s, '.') != NULL || pt_parse_scaled(s, 0, max, &v) < 0 || v < min)
		return pt_error(p, PORTAL_EINVAL, field, "'%s' is not a whole number from %lld to %lld",
			s, (long long)min, (long long)max);
	return canonical_count(out, p, field, s, max);
}

/* The portal's public address: links are built by appending "/k/TOKEN",
 * so it has a scheme and a host, and no query, fragment or final '/'. */
static int canonical_url(char **out, portal *p, const char *field, const char *s)
{
	const char *host;
	size_t n = strlen(s);

	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		goto bad;
	if (*host == '\0' || *host == '/' || strpbrk(s, " ?#\"<>\\") != NULL)
		goto bad;
	while (n > 0 && s[n - 1] == '/')
		n--;
	if ((*out = malloc(n + 1)) == NULL)
		return pt_oom(p);
	memcpy(*out, s, n);
	(*out)[n] = '\0';
	return PORTAL_OK;
bad:
	return pt_error(p, PORTAL_EINVAL, field,
		"'%s' is not a web address such as https://portal.example.com", s);
}

/* A time of day "H:MM" or "HH:MM", 00:00 to 23:59, written "HH:MM". */
static int canonical_clocktime(char **out, portal *p, const char *field, const char *s)
{
	char buf[8];
	int h, m, n = 0;

	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || s[n] != '\0' || !isdigit((unsigned char)s[0]) ||
	    strlen(s) < 4 || s[strlen(s) - 3] != ':' || h < 0 || h > 23 || m < 0 || m > 59)
		return pt_error(p, PORTAL_EINVAL, field, "'%s' is not a time of day such as 21:00", s);
	snprintf(buf, sizeof(buf), "%02d:%02d", h, m);
	return (*out = pt_strdup(buf)) ? PORTAL_OK : pt_oom(p);
}

static int canonical_currency(char **out, portal *p, const char *field, const char *s)
{
	char buf[4];

	if (strlen(s) != 3)
		goto bad;
	for (int i = 0; i < 3; i++) {
		if (!isalpha((unsigned char)s[i]))
			goto bad;
		buf[i] = (char)toupper((unsigned char)s[i]);
	}
	buf[3] = '\0';
	return (*out = pt_strdup(buf)) ? PORTAL_OK : pt_oom(p);
bad:
	return pt_error(p, PORTAL_EINVAL, field, "'%s' is not a three-letter currency code", s);
}

/* A file the library reads later (a logo, a font): checked now, so a
 * typing mistake is refused at once rather than met in every PDF. */
static int canonical_file(char **out, portal *p, const char *field, const char *value)
{
	struct stat st;
	int err;

	if ((err = pt_valid_text(out, p, field, value, 0, 400, 0)) < 0 || **out == '\0')
		return err;
	if (**out != '/' || stat(*out, &st) != 0 || !S_ISREG(st.st_mode) ||
	    access(*out, R_OK) != 0) {
		err = pt_error(p, PORTAL_EINVAL, field,
			"%s must be the absolute path of a readable file", field);
		free(*out);
		*out = NULL;
	}
	return err;
}

/* An IPv4 or IPv6 address, written as inet_ntop() writes it, so that a
 * front end compares it with the address of a request as text. */
static int canonical_ipaddr(char **out, portal *p, const char *field, const char *s)
{
	char buf[64];

	if (*s == '\0')
		return (*out = pt_strdup("")) ? PORTAL_OK : pt_oom(p);
	if (portal_ip_canonical(buf, sizeof(buf), s) < 0)
		return pt_error(p, PORTAL_EINVAL, field,
			"'%.64s' is not an IP address such as 192.0.2.10 or 2001:db8::1", s);
	return (*out = pt_strdup(buf)) ? PORTAL_OK : pt_oom(p);
}

/* Check `value` for setting `info` and give its canonical text. */
static int canonical_value(char **out, portal *p, const portal_setting_info *info,
	const char *value)
{
	char field[64], *s;
	int err;

	snprintf(field, sizeof(field), "shop.%s", info->key);
	switch (info->type) {
	case PORTAL_SETTING_PHONE:
		return pt_valid_phone(out, p, field, value, 0);
	case PORTAL_SETTING_EMAIL:
		return pt_valid_email(out, p, field, value, 0);
	case PORTAL_SETTING_LONGTEXT:
		return pt_valid_text(out, p, field, value, 0, 4000, PT_TEXT_MULTILINE);
	case PORTAL_SETTING_COMMAND:
		return pt_valid_text(out, p, field, value, 0, 400, 0);
	case PORTAL_SETTING_FILE:
		return canonical_file(out, p, field, value);
	case PORTAL_SETTING_TEXT:
		return pt_valid_text(out, p, field, value,
			strcmp(info->key, "name") == 0 ? 1 : 0, 200, 0);
	case PORTAL_SETTING_IPADDR:
		return canonical_ipaddr(out, p, field, value);
	default:
		break;
	}
	if ((err = pt_valid_text(&s, p, field, value, 1,
			info->type == PORTAL_SETTING_URL ? 200 : 64, 0)) < 0)
		return err;
	switch (info->type) {
	case PORTAL_SETTING_TIMEZONE: err = canonical_timezone(out, p, field, s); break;
	case PORTAL_SETTING_PERCENT: err = canonical_percent(out, p, field, s); break;
	case PORTAL_SETTING_MONEY: err = canonical_money(out, p, field, s); break;
	case PORTAL_SETTING_DAYS: err = canonical_count(out, p, field, s, 3650); break;
	case PORTAL_SETTING_HOURS: err = canonical_count(out, p, field, s, 720); break;
	case PORTAL_SETTING_CURRENCY: err = canonical_currency(out, p, field, s); break;
	case PORTAL_SETTING_MINUTES: err = canonical_range(out, p, field, s, 1, 10080); break;
	case PORTAL_SETTING_COUNT: err = canonical_range(out, p, field, s, 1, 100000); break;
	case PORTAL_SETTING_URL: err = canonical_url(out, p, field, s); break;
	case PORTAL_SETTING_CLOCKTIME: err = canonical_clocktime(out, p, field, s); break;
	default: err = pt_error(p, PORTAL_ERROR, field, "unknown setting type"); break;
	}
	free(s);
	return err;
}

int portal_shop_get(portal_buf *out, portal *p, const char *key)
{
	char *s;
	int err;

	if ((err = pt_setting_text(&s, p, key)) < 0)
		return err;
	pt_buf_attach(out, s);
	return PORTAL_OK;
}

/* Does `url` name a host only this machine reaches: localhost, a
 * *.localhost name, 127.0.0.0/8 or [::1]? */
static int url_is_local(const char *url)
{
	const char *h = strstr(url, "://");
	char host[256];
	unsigned char a[sizeof(struct in6_addr)];
	size_t n, len;

	if (h == NULL)
		return 1;
	h += 3;
	if (*h == '[') {
		n = strcspn(++h, "]");
	} else {
		n = strcspn(h, ":/?#");
	}
	if (n == 0 || n >= sizeof(host))
		return 1;
	for (size_t i = 0; i < n; i++)
		host[i] = (char)tolower((unsigned char)h[i]);
	host[n] = '\0';
	len = strlen(host);
	if (strcmp(host, "localhost") == 0 ||
	    (len > 10 && strcmp(host + len - 10, ".localhost") == 0))
		return 1;
	if (inet_pton(AF_INET, host, a) == 1)
		return a[0] == 127;
	return inet_pton(AF_INET6, host, a) == 1 && IN6_IS_ADDR_LOOPBACK((struct in6_addr *)a);
}

int portal_shop_public_url(portal_buf *out, portal *p)
{
	char *s;
	int err;

	if ((err = pt_setting_text(&s, p, "portal_url")) < 0)
		return err;
	if (url_is_local(s)) {
		free(s);
		return 0;
	}
	pt_buf_attach(out, s);
	return 1;
}

int portal_shop_set(portal *p, const char *key, const char *value)
{
	const portal_setting_info *info = pt_setting_info(p, key);
	char *canonical = NULL;
	int err;

	if (info == NULL)
		return PORTAL_ENOTFOUND;
	if ((err = canonical_value(&canonical, p, info, value)) < 0)
		return err;
	err = pt_setting_put(p, key, canonical);
	free(canonical);
	return err;
}

int portal_shop_json(portal_buf *out, portal *p)
{
	cJSON *root = cJSON_CreateObject();
	char *s;
	int err = PORTAL_OK;

	if (root == NULL)
		return pt_oom(p);
	for (size_t i = 0; i < portal_setting_count() && err == 0; i++) {
		if ((err = pt_setting_text(&s, p, portal_setting_at(i)->key)) < 0)
			break;
		if (cJSON_AddStringToObject(root, portal_setting_at(i)->key, s) == NULL)
			err = pt_oom(p);
		free(s);
	}
	return pt_json_finish(out, p, root, err);
}
