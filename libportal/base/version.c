/* SPDX-License-Identifier: MIT */
/*
 * version.c - the version of the library that is actually loaded.
 */
#include "internal.h"

const char *portal_version(void)
{
	return PORTAL_VERSION;
}

int portal_version_number(void)
{
	return PORTAL_VERSION_NUMBER;
}
