/* SPDX-License-Identifier: MIT */
/*
 * tracking_doc.c - the tracking document of a visit: what the customer
 * sees of the technician, by the visit's day and status.
 *
 * The position is shown only while the visit is en route, and only a
 * position measured since the technician set out: before that, the
 * latest position may be another customer's door.
 */
#include "tracking_rules.h"
#include "tracking_doc.h"
#include "local_days.h"
#include "settings.h"
#include "appointment_notice.h"
#include "store_tracking.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What the document is built from, read once. */
struct tracking_facts {
	portal_time now;
	portal_time opens_at;           /* local midnight of the visit's day */
	portal_tech *tech;
	portal_address *address;
	portal_tech_position pos;
	int has_pos;
	portal_time eta_at;             /* the dispatcher's; 0: none */
	char *shop_name, *shop_phone;
	int64_t speed_kmh, road_factor, stale_minutes;
};

static void free_facts(struct tracking_facts *f)
{
	portal_tech_free(f->tech);
	portal_address_free(f->address);
	free(f->shop_name);
	free(f->shop_phone);
}

static int read_position(struct tracking_facts *f, portal *p, const portal_appointment *a)
{
	int err;

	if (a->status != PORTAL_APPT_EN_ROUTE || a->technician_id == 0)
		return PORTAL_OK;
	err = pt_store_position_get(&f->pos, p, a->technician_id);
	if (err == PORTAL_ENOTFOUND)
		return PORTAL_OK;
	f->has_pos = err == 0 && f->pos.at >= a->status_at;
	return err;
}

static int read_facts(struct tracking_facts *f, portal *p, const portal_appointment *a)
{
	int64_t day;
	int err;

	memset(f, 0, sizeof(*f));
	f->now = portal_now(p);
	if ((err = pt_local_day(&day, p, a->window_start)) < 0 ||
	    (err = pt_local_day_begin(&f->opens_at, p, day)) < 0 ||
	    (a->technician_id && (err = pt_store_tech_get(&f->tech, p, a->technician_id)) < 0) ||
	    (a->address_id && (err = pt_store_address_get(&f->address, p, a->address_id)) < 0) ||
	    (err = read_position(f, p, a)) < 0 ||
	    (err = pt_store_appointment_eta_get(&f->eta_at, p, a->id)) < 0 ||
	    (err = pt_setting_text(&f->shop_name, p, "name")) < 0 ||
	    (err = pt_setting_text(&f->shop_phone, p, "phone")) < 0 ||
	    (err = pt_setting_int(&f->speed_kmh, p, "tracking_speed_kmh")) < 0 ||
	    (err = pt_setting_int(&f->road_factor, p, "tracking_road_factor")) < 0 ||
	    (err = pt_setting_int(&f->stale_minutes, p, "tracking_stale_minutes")) < 0)
		return err;
	return PORTAL_OK;
}

/* ---------------------------------------------------------------------
 * The parts of the document.
 */

/* Open: not before the visit's day; closed: cancelled or missed. */
static const char *state_of(const portal_appointment *a, const struct tracking_facts *f)
{
	if (a->status <= PORTAL_APPT_EN_ROUTE && f->now < f->opens_at)
		return "not_yet";
	return portal_appointment_status_name(a->status);
}

static void message_of(char *buf, size_t len, const portal_appointment *a,
	const struct tracking_facts *f)
{
	char name[64];

	pt_tech_first_name(name, sizeof(name), f->tech);
	if (a->status <= PORTAL_APPT_EN_ROUTE && f->now < f->opens_at) {
		snprintf(buf, len, "Tracking opens on the day of your visit.");
		return;
	}
	switch (a->status) {
	case PORTAL_APPT_SCHEDULED:
	case PORTAL_APPT_CONFIRMED:
		snprintf(buf, len, "Your visit is today. You can follow your technician "
			"here once they are on the way.");
		break;
	case PORTAL_APPT_EN_ROUTE: snprintf(buf, len, "%s is on the way.", name); break;
	case PORTAL_APPT_ARRIVED: snprintf(buf, len, "%s has arrived.", name); break;
	case PORTAL_APPT_IN_PROGRESS: snprintf(buf, len, "Work is in progress."); break;
	case PORTAL_APPT_COMPLETED: snprintf(buf, len, "Your visit is complete."); break;
	case PORTAL_APPT_CANCELLED: snprintf(buf, len, "This visit was cancelled."); break;
	default: snprintf(buf, len, "We missed you at this visit: please call the shop."); break;
	}
}

static void add_head(pt_json_builder *b, cJSON *o, const portal_appointment *a,
	const struct tracking_facts *f)
{
	char message[160];
	cJSON *contact;

	message_of(message, sizeof(message), a, f);
	pt_jb_int(b, o, "id", a->id);
	pt_jb_string(b, o, "state", state_of(a, f));
	pt_jb_string(b, o, "status", portal_appointment_status_name(a->status));
	pt_jb_string(b, o, "status_label", portal_appointment_status_label(a->status));
	pt_jb_string(b, o, "message", message);
	/* Customers call the shop, never the technician's own number. */
	contact = pt_jb_object(b, o, "contact");
	pt_jb_string(b, contact, "name", f->shop_name);
	pt_jb_string(b, contact, "phone", f->shop_phone);
}

/* "<name>_words": time `t` as the page writes it, so that a script
 * redrawing the page from a polled document writes the same words as the
 * server did; null for no time. */
static void add_time_words(pt_json_builder *b, cJSON *o, portal *p, const char *name,
	portal_time t)
{
	char key[64], words[PORTAL_WORDS_LEN];

	snprintf(key, sizeof(key), "%s_words", name);
	if (t == 0 || pt_time_words(words, sizeof(words), p, t, PORTAL_WORDS_DAY_TIME,
		PT_WORDS_NOW) < 0)
		pt_jb_null(b, o, key);
	else
		pt_jb_string(b, o, key, words);
}

static void add_visit(pt_json_builder *b, cJSON *o, portal *p, const portal_appointment *a)
{
	char words[PORTAL_WORDS_LEN];

	pt_jb_seconds(b, o, "window_start", a->window_start);
	pt_jb_seconds(b, o, "window_end", a->window_end);
	if (pt_window_words(words, sizeof(words), p, a->window_start, a->window_end,
		PT_WORDS_NOW) < 0)
		pt_jb_null(b, o, "window_words");
	else
		pt_jb_string(b, o, "window_words", words);
	pt_jb_string(b, o, "door_code", a->door_code);
}

static void add_technician(pt_json_builder *b, cJSON *o, const struct tracking_facts *f)
{
	char name[64];
	cJSON *t;

	if (f->tech == NULL) {
		pt_jb_null(b, o, "technician");
		return;
	}
	pt_tech_first_name(name, sizeof(name), f->tech);
	t = pt_jb_object(b, o, "technician");
	pt_jb_string(b, t, "first_name", name);
}

/* The straight distance from the position to the address, when both are
 * known; -1 otherwise. */
static double straight_distance(const struct tracking_facts *f)
{
	if (!f->has_pos || f->address == NULL || !f->address->has_location)
		return -1;
	return pt_distance_m(f->pos.latitude, f->pos.longitude, f->address->latitude,
		f->address->longitude);
}

/* Roads are never shorter than the straight line: a factor under 100 %
 * counts as 100 %. */
static double road_distance(const struct tracking_facts *f, double straight)
{
	int64_t factor = f->road_factor < 100 ? 100 : f->road_factor;

	return straight * (double)factor / 100.0;
}

/* The dispatcher's time while it is still ahead; else the road distance
 * at the average speed from now; else none. */
static portal_time eta_of(const struct tracking_facts *f, double road_m, const char **source)
{
	double metres_per_second = (double)f->speed_kmh / 3.6;

	if (f->eta_at != 0 && f->eta_at >= f->now) {
		*source = "dispatcher";
		return f->eta_at;
	}
	if (road_m < 0 || metres_per_second <= 0) {
		*source = NULL;
		return 0;
	}
	*source = "distance";
	return f->now + (portal_time)llround(road_m / metres_per_second);
}

/* Where an expected arrival falls against the arrival window: the word
 * of the document and the words the customer reads. */
static void add_eta_window(pt_json_builder *b, cJSON *o, const portal_appointment *a,
	portal_time eta)
{
	const char *word = NULL, *text = NULL;

	if (eta == 0) {
		/* Nothing expected, nothing to explain. */
	} else if (eta < a->window_start) {
		word = "early";
		text = "earlier than your window";
	} else if (eta > a->window_end) {
		word = "late";
		text = "later than your window";
	} else {
		word = "within";
		text = "within your window";
	}
	if (word == NULL) {
		pt_jb_null(b, o, "eta_window");
		pt_jb_null(b, o, "eta_window_text");
		return;
	}
	pt_jb_string(b, o, "eta_window", word);
	pt_jb_string(b, o, "eta_window_text", text);
}

static void add_number_or_null(pt_json_builder *b, cJSON *o, const char *name, int known,
	double v)
{
	if (known)
		pt_jb_number(b, o, name, v);
	else
		pt_jb_null(b, o, name);
}

static void add_position(pt_json_builder *b, cJSON *o, const struct tracking_facts *f)
{
	cJSON *pos;

	if (!f->has_pos) {
		pt_jb_null(b, o, "position");
		return;
	}
	pos = pt_jb_object(b, o, "position");
	pt_jb_number(b, pos, "latitude", f->pos.latitude);
	pt_jb_number(b, pos, "longitude", f->pos.longitude);
	add_number_or_null(b, pos, "accuracy_m", f->pos.accuracy_m >= 0,
		round(f->pos.accuracy_m));
}

/* The service address's own position, so a map can draw the home and
 * the technician together; null when the address has none. It is the
 * customer's own address: nothing they do not know already. */
static void add_destination(pt_json_builder *b, cJSON *o, const struct tracking_facts *f)
{
	cJSON *home;

	if (f->address == NULL || !f->address->has_location) {
		pt_jb_null(b, o, "destination");
		return;
	}
	home = pt_jb_object(b, o, "destination");
	pt_jb_number(b, home, "latitude", f->address->latitude);
	pt_jb_number(b, home, "longitude", f->address->longitude);
}

/* En route: where the technician is, how far, when they should arrive,
 * and whether the position has gone quiet. */
static void add_en_route(pt_json_builder *b, cJSON *o, portal *p, const portal_appointment *a,
	const struct tracking_facts *f)
{
	double straight = straight_distance(f), road = straight < 0 ? -1 : road_distance(f, straight);
	portal_time quiet_since = f->has_pos ? f->pos.at : a->status_at;
	const char *source = NULL;
	portal_time eta = eta_of(f, road, &source);

	add_position(b, o, f);
	add_destination(b, o, f);
	pt_jb_seconds(b, o, "updated_at", f->has_pos ? f->pos.at : 0);
	add_time_words(b, o, p, "updated_at", f->has_pos ? f->pos.at : 0);
	add_number_or_null(b, o, "updated_minutes_ago", f->has_pos,
		(double)((f->now - f->pos.at) / 60));
	pt_jb_bool(b, o, "stale", f->now - quiet_since > f->stale_minutes * 60);
	add_number_or_null(b, o, "distance_m", straight >= 0, round(straight));
	add_number_or_null(b, o, "road_distance_m", road >= 0, round(road));
	pt_jb_seconds(b, o, "eta", eta);
	add_time_words(b, o, p, "eta", eta);
	if (source)
		pt_jb_string(b, o, "eta_source", source);
	else
		pt_jb_null(b, o, "eta_source");
	add_eta_window(b, o, a, eta);
}

static cJSON *tracking_to_json(portal *p, const portal_appointment *a,
	const struct tracking_facts *f)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	add_head(&b, o, a, f);
	/* Cancelled and missed visits: the status, nothing more. */
	if (a->status == PORTAL_APPT_CANCELLED || a->status == PORTAL_APPT_NO_SHOW)
		return pt_jb_done(&b, o);
	add_visit(&b, o, p, a);
	if (a->status <= PORTAL_APPT_EN_ROUTE && f->now < f->opens_at) {
		pt_jb_seconds(&b, o, "tracking_opens_at", f->opens_at);
		return pt_jb_done(&b, o);
	}
	add_technician(&b, o, f);
	pt_jb_seconds(&b, o, "status_at", a->status_at);
	add_time_words(&b, o, p, "status_at", a->status_at);
	if (a->status == PORTAL_APPT_EN_ROUTE)
		add_en_route(&b, o, p, a, f);
	return pt_jb_done(&b, o);
}

cJSON *pt_tracking_visit(portal *p, const portal_appointment *a, int *err)
{
	struct tracking_facts f;
	cJSON *o = NULL;

	if ((*err = read_facts(&f, p, a)) == 0 && (o = tracking_to_json(p, a, &f)) == NULL)
		*err = pt_oom(p);
	free_facts(&f);
	return o;
}

int portal_tracking_json(portal_buf *out, portal *p, portal_id id)
{
	portal_appointment *a = NULL;
	cJSON *root = NULL;
	int err;

	if ((err = portal_appointment_get(&a, p, id)) == 0)
		root = pt_tracking_visit(p, a, &err);
	portal_appointment_free(a);
	return pt_json_finish(out, p, root, err);
}
