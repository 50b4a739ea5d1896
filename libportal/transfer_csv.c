/*
 * transfer_csv.c - records from another system's CSV files. Not written
 * yet: it refuses.
 */
#include "internal.h"

#include <portal/transfer.h>

int portal_import_csv(portal *p, const char *const *paths, size_t count,
	const portal_import_options *opt, portal_import_result *result)
{
	(void)paths; (void)count; (void)opt; (void)result;
	return pt_error(p, PORTAL_ERROR, NULL, "CSV import is not available yet");
}
