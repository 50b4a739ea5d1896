/*
 * db.c - the portal handle: open, close, and its clock.
 */
#include "settings.h"
#include "store.h"
#include "tz.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

int portal_open(portal **out, const char *path, int flags)
{
	portal *p;

	*out = p = calloc(1, sizeof(*p));
	if (p == NULL)
		return PORTAL_ENOMEM;
	if (path == NULL || *path == '\0')
		return pt_error(p, PORTAL_EINVAL, NULL, "no database path given");
	if ((flags & PORTAL_OPEN_CREATE) && (flags & PORTAL_OPEN_READONLY))
		return pt_error(p, PORTAL_EINVAL, NULL, "cannot create a read-only database");
	return pt_store_open(p, path, flags);
}

void portal_close(portal *p)
{
	if (p == NULL)
		return;
	pt_store_close(p);
	pt_settings_free(p);
	tz_free(p->tz);
	free(p);
}

int portal_schema_version(const portal *p)
{
	return p ? p->schema_version : 0;
}

int portal_schema_version_supported(void)
{
	return pt_store_schema_latest();
}

static portal_time fixed_clock(void *ctx)
{
	return ((portal *)ctx)->fixed_now;
}

void portal_set_clock(portal *p, portal_clock_fn fn, void *ctx)
{
	p->clock = fn;
	p->clock_ctx = ctx;
}

void portal_set_now(portal *p, portal_time now)
{
	p->fixed_now = now;
	portal_set_clock(p, fixed_clock, p);
}

portal_time portal_now(portal *p)
{
	if (p->clock != NULL)
		return p->clock(p->clock_ctx);
	return (portal_time)time(NULL);
}
