/* SPDX-License-Identifier: MIT */
/*
 * store_dump.h - every row of a shop as text, to tell whether two
 * moments of a shop hold the same records: the tests compare one before
 * and after a call that must change nothing.
 */
#ifndef PORTAL_STORE_DUMP_H
#define PORTAL_STORE_DUMP_H

#include "store.h"

/*
 * Every table of the shop, in the order of their names: a line with the
 * name, then a line per row in the order of its key, the values as text
 * between '|' (NULL as nothing, bytes in hex). On PostgreSQL a row
 * shows its shop_id too, so a dump is compared only with one of the
 * same engine. Read in one snapshot. The caller frees *out with free().
 */
int pt_store_dump(char **out, portal *p);

#endif
