/* SPDX-License-Identifier: MIT */
/*
 * map.c - an inline SVG map of the technician and the home.
 *
 * The positions are projected around the home on a flat plane
 * (equirectangular): over the few kilometres of a visit the error is far
 * below what a phone's screen can show. This is drawing, not a rule: the
 * distance and the ETA the customer reads are the library's own numbers.
 * The script moves the technician's marker with the same projection,
 * read from the SVG's data attributes.
 */
#include "map.h"

#include <math.h>

#include "doc.h"
#include "parts.h"

#define MAP_W 320
#define MAP_H 240
#define MAP_MARGIN 44
#define MAP_MIN_SPAN_M 400.0  /* never zoom closer than this across */
#define M_PER_DEG_LAT 110540.0
#define M_PER_DEG_LON 111320.0
#define MAP_PI 3.14159265358979323846

/* A point in metres east and north of the home. */
typedef struct { double east, north; } offset;

/* What the projection needs, once fitted to the two points. */
typedef struct {
	double lat0, lon0;  /* the home */
	double mid_e, mid_n; /* metres from the home to the map's centre */
	double scale;       /* pixels per metre */
} projection;

static offset offset_of(const projection *p, double lat, double lon)
{
	offset o;

	o.east = (lon - p->lon0) * cos(p->lat0 * MAP_PI / 180.0) * M_PER_DEG_LON;
	o.north = (lat - p->lat0) * M_PER_DEG_LAT;
	return o;
}

static double px_x(const projection *p, offset o)
{
	return MAP_W / 2.0 + (o.east - p->mid_e) * p->scale;
}

static double px_y(const projection *p, offset o)
{
	return MAP_H / 2.0 - (o.north - p->mid_n) * p->scale;
}

/* Centre the map between the two points and zoom so both fit. */
static void fit(projection *p, offset tech)
{
	double span_e = fabs(tech.east), span_n = fabs(tech.north), se, sn;

	p->mid_e = tech.east / 2;
	p->mid_n = tech.north / 2;
	if (span_e < MAP_MIN_SPAN_M)
		span_e = MAP_MIN_SPAN_M;
	if (span_n < MAP_MIN_SPAN_M)
		span_n = MAP_MIN_SPAN_M;
	se = (MAP_W - 2.0 * MAP_MARGIN) / span_e;
	sn = (MAP_H - 2.0 * MAP_MARGIN) / span_n;
	p->scale = se < sn ? se : sn;
}

void map_distance(html_buf *out, long long metres)
{
	if (metres < 1000)
		html_printf(out, "%lld m", metres);
	else if (metres % 1000 == 0)
		html_printf(out, "%lld km", metres / 1000);
	else
		html_printf(out, "%.1f km", metres / 1000.0);
}

/* The round lengths a scale bar may show, longest first. */
static const long long lengths[] = { 20000, 10000, 5000, 2000, 1000, 500, 200, 100, 50, 20, 10 };

/* The longest round length that takes at most a third of the map. */
static long long scale_length(double scale)
{
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++)
		if (lengths[i] * scale <= MAP_W / 3.0)
			return lengths[i];
	return 10;
}

static void scale_bar(html_buf *out, double scale)
{
	long long len = scale_length(scale);
	double w = len * scale;

	html_printf(out, "<g class=\"scale\"><path id=\"map-scale-bar\" d=\"M12 %d v6 h%.1f v-6\"></path>"
		"<text id=\"map-scale-text\" x=\"12\" y=\"%d\">", MAP_H - 20, w, MAP_H - 24);
	map_distance(out, len);
	html_raw(out, "</text></g>");
}

static void north_arrow(html_buf *out)
{
	html_printf(out, "<g class=\"north\" transform=\"translate(%d 14)\">"
		"<path d=\"M0 16 L6 0 L12 16 L6 12 Z\"></path>"
		"<text x=\"6\" y=\"30\">N</text></g>", MAP_W - 24);
}

/* A house at (x, y), labelled. */
static void home_marker(html_buf *out, double x, double y)
{
	html_printf(out, "<g id=\"map-home\" class=\"home\" transform=\"translate(%.1f %.1f)\">"
		"<path d=\"M-9 0 L0 -9 L9 0 V9 H-9 Z\"></path>"
		"<text x=\"0\" y=\"24\">Your home</text></g>", x, y);
}

static void tech_marker(html_buf *out, double x, double y, double accuracy_px,
	const char *name)
{
	html_printf(out, "<g id=\"map-tech\" class=\"tech\" transform=\"translate(%.1f %.1f)\">", x, y);
	if (accuracy_px > 0)
		html_printf(out, "<circle id=\"map-accuracy\" class=\"accuracy\" r=\"%.1f\"></circle>", accuracy_px);
	html_raw(out, "<circle class=\"dot\" r=\"7\"></circle><text id=\"map-tech-name\" x=\"0\" y=\"-13\">");
	html_text(out, name);
	html_raw(out, "</text></g>");
}

/* The sentence a screen reader says instead of the picture, from the
 * document's own distances. */
static void map_words(html_buf *out, const cJSON *visit, const char *name)
{
	html_raw(out, "<title id=\"map-title\">Where ");
	html_text(out, name);
	html_raw(out, " is</title><desc id=\"map-desc\">");
	if (doc_num(visit, "distance_m", NULL)) {
		html_text(out, name);
		html_raw(out, " is about ");
		map_distance(out, doc_int(visit, "distance_m", 0));
		html_raw(out, " from your home in a straight line");
		if (doc_num(visit, "road_distance_m", NULL)) {
			html_raw(out, ", about ");
			map_distance(out, doc_int(visit, "road_distance_m", 0));
			html_raw(out, " by road");
		}
		html_raw(out, ".");
	} else {
		html_raw(out, "The position of ");
		html_text(out, name);
		html_raw(out, ".");
	}
	html_raw(out, "</desc>");
}

static void svg_open(html_buf *out, const char *mode)
{
	html_printf(out, "<svg class=\"map\" id=\"map\" viewBox=\"0 0 %d %d\" role=\"img\" "
		"aria-labelledby=\"map-title map-desc\" focusable=\"false\" data-mode=\"", MAP_W, MAP_H);
	html_raw(out, mode);
	html_raw(out, "\"");
}

/* What the script needs to draw the map again as this file would: the
 * projection's constants and the scale bar's lengths. */
static void svg_constants(html_buf *out)
{
	html_printf(out, " data-margin=\"%d\" data-min-span=\"%.0f\" data-scales=\"", MAP_MARGIN,
		MAP_MIN_SPAN_M);
	for (size_t i = 0; i < sizeof(lengths) / sizeof(lengths[0]); i++)
		html_printf(out, "%s%lld", i ? " " : "", lengths[i]);
	html_raw(out, "\"");
}

/* Both points known: the real layout, north up. */
static void map_positions(html_buf *out, const cJSON *visit, const cJSON *pos,
	const cJSON *home, const char *name)
{
	projection p;
	offset h = { 0, 0 }, t;
	double lat = 0, lon = 0, acc = 0;

	doc_num(home, "latitude", &p.lat0);
	doc_num(home, "longitude", &p.lon0);
	doc_num(pos, "latitude", &lat);
	doc_num(pos, "longitude", &lon);
	doc_num(pos, "accuracy_m", &acc);
	t = offset_of(&p, lat, lon);
	fit(&p, t);
	svg_open(out, "positions");
	svg_constants(out);
	html_printf(out, " data-lat0=\"%.6f\" data-lon0=\"%.6f\" data-mid-e=\"%.1f\" "
		"data-mid-n=\"%.1f\" data-scale=\"%.6f\">", p.lat0, p.lon0, p.mid_e, p.mid_n, p.scale);
	map_words(out, visit, name);
	html_printf(out, "<rect class=\"ground\" width=\"%d\" height=\"%d\"></rect>", MAP_W, MAP_H);
	html_printf(out, "<line id=\"map-route\" class=\"route\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"></line>",
		px_x(&p, h), px_y(&p, h), px_x(&p, t), px_y(&p, t));
	home_marker(out, px_x(&p, h), px_y(&p, h));
	tech_marker(out, px_x(&p, t), px_y(&p, t), acc * p.scale, name);
	scale_bar(out, p.scale);
	north_arrow(out);
	html_raw(out, "</svg>");
}

/* Only the distance known: the home, and a ring where the technician is
 * somewhere on it; drawing a direction would be a guess. */
static void map_ring(html_buf *out, const cJSON *visit, const char *name)
{
	double d = (double)doc_int(visit, "distance_m", 0), r = MAP_H / 2.0 - 34, scale;

	scale = d > 1 ? r / d : 1;
	svg_open(out, "distance");
	svg_constants(out);
	html_printf(out, " data-distance=\"%lld\">", doc_int(visit, "distance_m", 0));
	map_words(out, visit, name);
	html_printf(out, "<rect class=\"ground\" width=\"%d\" height=\"%d\"></rect>", MAP_W, MAP_H);
	html_printf(out, "<circle class=\"ring\" cx=\"%d\" cy=\"%d\" r=\"%.1f\"></circle>",
		MAP_W / 2, MAP_H / 2, r);
	html_printf(out, "<text id=\"map-ring-label\" class=\"ring-label\" x=\"%d\" y=\"%.1f\">", MAP_W / 2, MAP_H / 2 - r - 6);
	html_text(out, name);
	html_raw(out, " is about ");
	map_distance(out, doc_int(visit, "distance_m", 0));
	html_raw(out, " away</text>");
	home_marker(out, MAP_W / 2.0, MAP_H / 2.0);
	scale_bar(out, scale);
	html_raw(out, "</svg>");
}

void map_draw(html_buf *out, const cJSON *visit)
{
	const cJSON *pos = doc_obj(visit, "position");
	const cJSON *home = doc_obj(visit, "destination");
	const char *name = doc_str(doc_obj(visit, "technician"), "first_name");
	int both = doc_num(home, "latitude", NULL) && doc_num(home, "longitude", NULL);

	if (pos == NULL || !doc_num(pos, "latitude", NULL) || !doc_num(pos, "longitude", NULL))
		return;

	if (!both && !doc_num(visit, "distance_m", NULL))
		return;
	if (name == NULL)
		name = "Your technician";
	html_raw(out, "<figure class=\"map\">");
	if (both)
		map_positions(out, visit, pos, home, name);
	else
		map_ring(out, visit, name);
	html_raw(out, "<figcaption>Approximate position. Straight-line distance; "
		"the road is longer.</figcaption></figure>");
}
