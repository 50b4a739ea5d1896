/* SPDX-License-Identifier: MIT */
/*
 * pg_none.c - the PostgreSQL driver of a library built without libpq:
 * a postgresql:// target is refused with the reason.
 */
#include "sql.h"

int pt_pg_open(portal *p, const char *target, const char *shop)
{
	(void)target;
	(void)shop;
	return pt_error(p, PORTAL_EINVAL, NULL,
		"this libportal was built without PostgreSQL (libpq); "
		"rebuild it with -DPORTAL_POSTGRESQL=ON");
}

int pt_pg_grant(portal *p, const char *role)
{
	(void)role;
	return pt_pg_open(p, NULL, NULL);
}

int pt_pg_shop_switch(portal *p, const char *shop)
{
	(void)shop;
	return pt_pg_open(p, NULL, NULL);
}

int pt_pg_shop_create(portal *p, const char *shop)
{
	(void)shop;
	return pt_pg_open(p, NULL, NULL);
}
