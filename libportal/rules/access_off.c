/* SPDX-License-Identifier: MIT */
/*
 * access_off.c - the one sentence every way into the portal answers with
 * when the shop has turned a client's access off: a lookup, a secure
 * link and a session alike, so none tells more than the others.
 */
#include "session.h"
#include "settings.h"

#include <stdlib.h>

int pt_access_off(portal *p, int code)
{
	char *phone = NULL;
	int err;

	if (pt_setting_text(&phone, p, "phone") < 0 || phone == NULL || *phone == '\0')
		err = pt_error(p, code, NULL, "portal access to this account is off; "
			"please call the shop");
	else
		err = pt_error(p, code, NULL, "portal access to this account is off; "
			"please call the shop at %s", phone);
	free(phone);
	return err;
}
