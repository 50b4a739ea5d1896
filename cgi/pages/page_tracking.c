/* SPDX-License-Identifier: MIT */
/*
 * page_tracking.c - the technician on the way.
 *
 * What the page shows depends on the visit's state in the document:
 * before the day only when tracking opens; on the day the technician and
 * the status; en route the map, the ETA and how fresh the position is;
 * from arrival on, never a position. The script polls /api/v1/tracking and
 * updates the elements with the ids below, or reloads the page when the
 * state changes, as the page's shape then changes too.
 */
#include "doc.h"
#include "map.h"
#include "parts.h"
#include "views.h"

static void no_visit(html_buf *out, const cJSON *doc)
{
	part_p(out, "lead", doc_str(doc, "message"));
	if (doc_shows(doc, "appointments"))
		html_raw(out, "<p><a href=\"/portal/appointments\">Ask for a visit</a></p>");
}

static void visit_head(html_buf *out, const cJSON *v)
{
	html_raw(out, "<p id=\"track-status\">");
	part_badge(out, doc_str(v, "status"), doc_str(v, "status_label"));
	html_raw(out, "</p><p class=\"lead\" id=\"track-message\">");
	html_text(out, doc_str(v, "message"));
	html_raw(out, "</p>");
	if (doc_str(v, "tracking_opens_at_text")) {
		html_raw(out, "<p class=\"rule\">Tracking opens on ");
		part_iso_day(out, doc_str(v, "tracking_opens_at_text"));
		html_raw(out, ".</p>");
	}
}

/* When: the document's expected time, who set it, and where it falls
 * against the window. */
static void eta_row(html_buf *out, const cJSON *v)
{
	part_row_open(out, "Expected at");
	html_raw(out, "<strong id=\"track-eta\">");
	part_time(out, v, "eta");
	html_raw(out, "</strong> <span class=\"sub\" id=\"track-eta-source\">");
	html_raw(out, doc_is(v, "eta_source", "dispatcher") ? "set by our dispatcher" :
		"estimated from the distance");
	html_raw(out, "</span>");
	if (doc_str(v, "eta_window_text")) {
		html_raw(out, " <span class=\"eta-window\" id=\"track-eta-window\">(");
		html_text(out, doc_str(v, "eta_window_text"));
		html_raw(out, ")</span>");
	}
	part_row_close(out);
}

static void distance_row(html_buf *out, const cJSON *v)
{
	part_row_open(out, "Distance");
	html_raw(out, "<span id=\"track-distance\">about ");
	map_distance(out, doc_int(v, "distance_m", 0));
	html_raw(out, "</span>");
	if (doc_num(v, "road_distance_m", NULL)) {
		html_raw(out, " <span class=\"sub\" id=\"track-road\">(about ");
		map_distance(out, doc_int(v, "road_distance_m", 0));
		html_raw(out, " by road)</span>");
	}
	part_row_close(out);
}

static void updated_row(html_buf *out, const cJSON *v)
{
	part_row_open(out, "Position");
	html_raw(out, "<span id=\"track-updated\">updated ");
	part_count(out, doc_int(v, "updated_minutes_ago", 0), "min", "min");
	html_raw(out, " ago</span> <span id=\"track-updated-at\">");
	part_time(out, v, "updated_at");
	html_raw(out, "</span>");
	part_row_close(out);
}

/* How far, when, and how fresh: the document's numbers, as they are.
 * Each value has an element of its own, which the script sets from the
 * document it polls; a value that comes or goes redraws the page. */
static void en_route(html_buf *out, const cJSON *v)
{
	html_raw(out, "<dl class=\"track\">");
	if (doc_str(v, "eta_text"))
		eta_row(out, v);
	if (doc_num(v, "distance_m", NULL))
		distance_row(out, v);
	if (doc_num(v, "updated_minutes_ago", NULL))
		updated_row(out, v);
	html_raw(out, "</dl>");
	html_raw(out, doc_bool(v, "stale") ?
		"<p class=\"warning\" id=\"track-stale\">The position has not been updated for a while.</p>" :
		"<p class=\"warning\" id=\"track-stale\" hidden>The position has not been updated for a while.</p>");
	map_draw(out, v);
}

static void visit_facts(html_buf *out, const cJSON *v)
{
	const char *tech = doc_str(doc_obj(v, "technician"), "first_name");

	html_raw(out, "<dl>");
	if (doc_str(v, "window_start_text")) {
		part_row_open(out, "Arrival window");
		html_raw(out, "<span id=\"track-window\">");
		part_window(out, v, "window_start", "window_end");
		html_raw(out, "</span>");
		part_row_close(out);
	}
	if (tech && tech[0]) {
		part_row_open(out, "Technician");
		html_raw(out, "<span id=\"track-tech\">");
		html_text(out, tech);
		html_raw(out, "</span>");
		part_row_close(out);
	}
	if (doc_str(v, "status_at_text")) {
		part_row_open(out, "Status since");
		html_raw(out, "<span id=\"track-status-at\">");
		part_time(out, v, "status_at");
		html_raw(out, "</span>");
		part_row_close(out);
	}
	if (doc_str(v, "door_code")) {
		part_row_open(out, "Door code");
		html_raw(out, "<strong class=\"code\" id=\"track-door\">");
		html_text(out, doc_str(v, "door_code"));
		html_raw(out, "</strong> <span class=\"sub\">the technician at your door knows it</span>");
		part_row_close(out);
	}
	html_raw(out, "</dl>");
}

static void contact(html_buf *out, const cJSON *v)
{
	const cJSON *c = doc_obj(v, "contact");

	if (doc_str(c, "phone") == NULL)
		return;
	html_raw(out, "<p>Need to reach us? Call ");
	html_text(out, doc_str(c, "name"));
	part_phone(out, " at ", doc_str(c, "phone"));
	html_raw(out, ".</p>");
}

void view_tracking(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *v = doc_obj(doc, "visit");

	if (v == NULL) {
		no_visit(out, doc);
		return;
	}
	/* The script compares this with the state it polls. */
	html_raw(out, "<div class=\"tracking\" id=\"tracking\" data-state=\"");
	html_text(out, doc_str(v, "state"));
	html_raw(out, "\">");
	visit_head(out, v);
	if (doc_is(v, "state", "en_route"))
		en_route(out, v);
	visit_facts(out, v);
	contact(out, v);
	html_raw(out, "</div>");
}
