/*
 * transfer_json.c - the whole shop out as JSON, and back into an empty
 * shop. Not written yet: both refuse.
 */
#include "internal.h"

#include <portal/transfer.h>

int portal_import_json(portal *p, const char *path,
	const portal_import_options *opt, portal_import_result *result)
{
	(void)path; (void)opt; (void)result;
	return pt_error(p, PORTAL_ERROR, NULL, "JSON import is not available yet");
}

int portal_export_json(portal *p, portal_buf *out)
{
	(void)out;
	return pt_error(p, PORTAL_ERROR, NULL, "export is not available yet");
}
