/* SPDX-License-Identifier: MIT */
/*
 * map.h - the technician and the home on a small map, as inline SVG.
 *
 * No tiles and no third-party host: the map is drawn from the positions
 * in the tracking document alone, north up, with a scale bar and labels,
 * so a person can read how far and which way the technician is.
 */
#ifndef PORTAL_PAGE_MAP_H
#define PORTAL_PAGE_MAP_H

#include <cjson/cJSON.h>

#include "html.h"

/* A distance in whole metres as people say it: "850 m", "1.9 km". */
void map_distance(html_buf *out, long long metres);

/* The map of an en-route visit of the tracking document: the technician
 * at `position`, the home at `destination` when the document gives its
 * coordinates; without them, the home with a ring at `distance_m`, as the
 * direction is then unknown. Nothing without a position. */
void map_draw(html_buf *out, const cJSON *visit);

#endif
