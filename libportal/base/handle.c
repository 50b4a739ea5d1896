/* SPDX-License-Identifier: MIT */
/*
 * handle.c - what every layer asks of the handle itself: its clock, and
 * the schema version it opened.
 *
 * Every rule asks the handle's clock, never the system's, so tests and
 * previews can fix "now"; the store stamps rows with it too, so it lives
 * below the store.
 */
#include "internal.h"

#include <time.h>

int portal_schema_version(const portal *p)
{
	return p ? p->schema_version : 0;
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
