/* SPDX-License-Identifier: MIT */
/*
 * access.c - the client's access switch, and house numbers as customers
 * type them.
 */
#include "session.h"
#include "settings.h"
#include "audit_log.h"
#include "store_access.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int portal_client_set_access(portal *p, portal_id client_id, int enabled)
{
	int err;

	if (enabled != 0 && enabled != 1)
		return pt_error(p, PORTAL_EINVAL, "client.portal_enabled",
			"access is on (1) or off (0), not %d", enabled);
	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_store_client_set_access(p, client_id, enabled)) == 0 && !enabled)
		err = pt_sessions_end(p, client_id, 0, 0, "access_off");
	if (err == 0)
		err = pt_audit(p, enabled ? "access.on" : "access.off", "ok", client_id, NULL, "%s",
			"");
	return pt_store_end(p, err);
}

/* ---- house numbers ------------------------------------------------- */

static const char half[] = "\xc2\xbd";	/* ½ */

static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t' || *s == '#')
		s++;
	return s;
}

/*
 * A unit before the civic number: "5-120", "#5 - 120", "A-120". What
 * comes before the first '-' must be short and plain, and a digit must
 * follow it; then the number starts after the '-'.
 */
static const char *skip_unit(const char *s)
{
	const char *dash = strchr(s, '-'), *after;

	if (dash == NULL || dash - s > 10)
		return s;
	for (const char *c = s; c < dash; c++)
		if (!isalnum((unsigned char)*c) && *c != ' ' && *c != '#' && *c != '\t')
			return s;
	after = skip_blanks(dash + 1);
	return isdigit((unsigned char)*after) ? after : s;
}

/* Append `n` bytes of `add` to the key, lower-cased; -1 when full. */
static int put(char *buf, size_t len, size_t *w, const char *add, size_t n)
{
	if (*w + n >= len)
		return -1;
	for (size_t i = 0; i < n; i++)
		buf[(*w)++] = (char)tolower((unsigned char)add[i]);
	buf[*w] = '\0';
	return 0;
}

/* A fraction after the number: "½" or digits "/" digits. Its length in
 * bytes, or 0. */
static size_t fraction_len(const char *s)
{
	size_t n = 0;

	if (strncmp(s, half, 2) == 0)
		return 2;
	while (isdigit((unsigned char)s[n]))
		n++;
	if (n == 0 || s[n] != '/' || !isdigit((unsigned char)s[n + 1]))
		return 0;
	n++;
	while (isdigit((unsigned char)s[n]))
		n++;
	return n;
}

static int put_fraction(char *buf, size_t len, size_t *w, const char *s, size_t n)
{
	if (strncmp(s, half, 2) == 0)
		return put(buf, len, w, "1/2", 3);
	return put(buf, len, w, s, n);
}

int portal_house_number_key(char *buf, size_t len, const char *typed)
{
	const char *s, *t;
	size_t w = 0, n;

	if (buf == NULL || len == 0)
		return PORTAL_EINVAL;
	buf[0] = '\0';
	if (typed == NULL)
		return PORTAL_EINVAL;
	s = skip_unit(skip_blanks(typed));
	for (n = 0; isdigit((unsigned char)s[n]); n++)
		;
	if (n == 0 || put(buf, len, &w, s, n) < 0)
		goto bad;
	s += n;
	/* A letter: "120A" always; "120 A" only at the end, since "120 E
	 * Main St" names a street, not unit E. */
	t = skip_blanks(s);
	if (isalpha((unsigned char)*s) && !isalpha((unsigned char)s[1])) {
		if (put(buf, len, &w, s, 1) < 0)
			goto bad;
		s++;
	} else if (t != s && isalpha((unsigned char)*t) && *skip_blanks(t + 1) == '\0') {
		if (put(buf, len, &w, t, 1) < 0)
			goto bad;
		s = t + 1;
	}
	/* "120 1/2", "120½", "120 ½". The street name, if any, is dropped. */
	t = skip_blanks(s);
	if ((n = fraction_len(t)) > 0 && put_fraction(buf, len, &w, t, n) < 0)
		goto bad;
	return PORTAL_OK;
bad:
	buf[0] = '\0';
	return PORTAL_EINVAL;
}
