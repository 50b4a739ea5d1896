/* SPDX-License-Identifier: MIT */
/*
 * record_text.c - records written as one line of text for people: an
 * address as the shop's paperwork writes it.
 */
#include "record.h"

int portal_address_format(portal_buf *out, const portal_address *a)
{
	int err = 0;

	/* Canadian usage writes the unit before the civic number: 5-120. */
	if (a->unit[0])
		err |= pt_buf_printf(out, "%s-", a->unit);
	err |= pt_buf_printf(out, "%s %s, %s", a->house_number, a->street, a->city);
	if (a->region[0])
		err |= pt_buf_printf(out, ", %s", a->region);
	if (a->postal_code[0])
		err |= pt_buf_printf(out, " %s", a->postal_code);
	return err ? PORTAL_ENOMEM : PORTAL_OK;
}
