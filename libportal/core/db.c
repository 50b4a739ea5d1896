/* SPDX-License-Identifier: MIT */
/*
 * db.c - opening and closing a shop: the handle and its store.
 */
#include "settings.h"
#include "store.h"
#include "tz.h"

#include <stdlib.h>
#include <string.h>

int portal_open_shop(portal **out, const char *target, const char *shop, int flags)
{
	portal *p;

	*out = p = calloc(1, sizeof(*p));
	if (p == NULL)
		return PORTAL_ENOMEM;
	if (target == NULL || *target == '\0')
		return pt_error(p, PORTAL_EINVAL, NULL, "no database path given");
	if ((flags & PORTAL_OPEN_CREATE) && (flags & PORTAL_OPEN_READONLY))
		return pt_error(p, PORTAL_EINVAL, NULL, "cannot create a read-only database");
	return pt_store_open(p, target, shop, flags);
}

int portal_open(portal **out, const char *path, int flags)
{
	return portal_open_shop(out, path, NULL, flags);
}

const char *portal_db_label(const portal *p)
{
	return p != NULL ? pt_store_label(p) : "";
}

void portal_close(portal *p)
{
	if (p == NULL)
		return;
	pt_store_close(p);
	pt_settings_free(p);
	pt_tz_free(p->tz);
	free(p);
}

int portal_schema_version_supported(void)
{
	return pt_store_schema_latest();
}

