/* SPDX-License-Identifier: MIT */
/*
 * source_mask.h - a network address as the customer may be shown it
 * (source.c): enough to tell their own network from another, not enough
 * to name the machine.
 */
#ifndef PORTAL_SOURCE_MASK_H
#define PORTAL_SOURCE_MASK_H

#include <stddef.h>

/*
 * `source` masked into `out`: an IPv4 address keeps its first three
 * numbers ("203.0.113.x"), an IPv6 address its first three groups
 * ("2001:db8:85a3:x"); "shop" and "" stay as they are; anything else is
 * "hidden". Always NUL-terminated when `len` > 0.
 */
void pt_source_mask(char *out, size_t len, const char *source);

#endif
