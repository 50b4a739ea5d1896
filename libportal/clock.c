/*
 * clock.c - times in the shop's time zone.
 */
#include "internal.h"
#include "store.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct tz *pt_shop_tz(portal *p)
{
	char *name = NULL;
	char err[160];
	tz *z = NULL;

	if (pt_setting_text(&name, p, "timezone") < 0)
		return NULL;
	if (p->tz != NULL && strcmp(p->tz_name, name) == 0) {
		free(name);
		return p->tz;
	}
	/* The name was validated when it was set, but the system's zoneinfo
	 * may have changed since, or the database been moved to a machine
	 * without it. */
	if (strlen(name) >= sizeof(p->tz_name) || tz_load(&z, name, NULL, err, sizeof(err)) < 0) {
		pt_error(p, PORTAL_EIO, "shop.timezone", "%s", z ? "name too long" : err);
		free(name);
		return NULL;
	}
	tz_free(p->tz);
	p->tz = z;
	snprintf(p->tz_name, sizeof(p->tz_name), "%s", name);
	free(name);
	return z;
}

int portal_time_parse(portal_time *out, portal *p, const char *text)
{
	const tz *z = pt_shop_tz(p);
	int64_t t;

	if (z == NULL)
		return PORTAL_EIO;
	if (text == NULL || tz_parse(z, text, &t) < 0)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"'%s' is not a time: use YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS] "
			"(shop time, or with Z or +HH:MM), or @UNIXSECONDS",
			text ? text : "");
	*out = t;
	return PORTAL_OK;
}

char *portal_time_format(char *buf, size_t len, portal *p, portal_time t,
	portal_time_style style)
{
	const tz *z;
	tz_civil c;

	if (len == 0)
		return buf;
	buf[0] = '\0';
	if (t == 0 || (z = pt_shop_tz(p)) == NULL)
		return buf;
	tz_to_civil(z, t, &c);
	switch (style) {
	case PORTAL_TIME_DATE:
		snprintf(buf, len, "%04d-%02d-%02d", c.year, c.month, c.day);
		break;
	case PORTAL_TIME_HUMAN:
		snprintf(buf, len, "%04d-%02d-%02d %02d:%02d %s",
			c.year, c.month, c.day, c.hour, c.minute, c.abbr);
		break;
	default:
		tz_format(z, t, buf, len);
		break;
	}
	return buf;
}
