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

#define ADD(expr) (failed |= ((expr) == NULL))

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

/* A time as seconds, with "<name>_text" in the shop's zone; null for 0. */
static int add_time(cJSON *o, const char *name, portal *p, portal_time t)
{
	char text_name[64];

	snprintf(text_name, sizeof(text_name), "%s_text", name);
	if ((t ? cJSON_AddNumberToObject(o, name, (double)t) : cJSON_AddNullToObject(o, name))
	    == NULL)
		return -1;
	return pt_json_add_time(o, text_name, p, t) ? 0 : -1;
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

static int add_head(cJSON *o, const portal_appointment *a, const struct tracking_facts *f)
{
	char message[160];
	cJSON *contact;
	int failed = 0;

	message_of(message, sizeof(message), a, f);
	ADD(cJSON_AddNumberToObject(o, "id", (double)a->id));
	ADD(cJSON_AddStringToObject(o, "state", state_of(a, f)));
	ADD(cJSON_AddStringToObject(o, "status", portal_appointment_status_name(a->status)));
	ADD(cJSON_AddStringToObject(o, "status_label", portal_appointment_status_label(a->status)));
	ADD(cJSON_AddStringToObject(o, "message", message));
	/* Customers call the shop, never the technician's own number. */
	ADD(contact = cJSON_AddObjectToObject(o, "contact"));
	if (contact != NULL) {
		ADD(cJSON_AddStringToObject(contact, "name", f->shop_name));
		ADD(cJSON_AddStringToObject(contact, "phone", f->shop_phone));
	}
	return failed ? -1 : 0;
}

static int add_visit(cJSON *o, portal *p, const portal_appointment *a)
{
	int failed = 0;

	failed |= add_time(o, "window_start", p, a->window_start);
	failed |= add_time(o, "window_end", p, a->window_end);
	ADD(cJSON_AddStringToObject(o, "door_code", a->door_code));
	return failed ? -1 : 0;
}

static int add_technician(cJSON *o, const struct tracking_facts *f)
{
	char name[64];
	cJSON *t;

	if (f->tech == NULL)
		return cJSON_AddNullToObject(o, "technician") ? 0 : -1;
	pt_tech_first_name(name, sizeof(name), f->tech);
	if ((t = cJSON_AddObjectToObject(o, "technician")) == NULL)
		return -1;
	return cJSON_AddStringToObject(t, "first_name", name) ? 0 : -1;
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

static int add_number_or_null(cJSON *o, const char *name, int known, double v)
{
	return (known ? cJSON_AddNumberToObject(o, name, v) : cJSON_AddNullToObject(o, name))
		? 0 : -1;
}

static int add_position(cJSON *o, const struct tracking_facts *f)
{
	cJSON *pos;
	int failed = 0;

	if (!f->has_pos)
		return cJSON_AddNullToObject(o, "position") ? 0 : -1;
	if ((pos = cJSON_AddObjectToObject(o, "position")) == NULL)
		return -1;
	ADD(cJSON_AddNumberToObject(pos, "latitude", f->pos.latitude));
	ADD(cJSON_AddNumberToObject(pos, "longitude", f->pos.longitude));
	failed |= add_number_or_null(pos, "accuracy_m", f->pos.accuracy_m >= 0,
		round(f->pos.accuracy_m));
	return failed ? -1 : 0;
}

/* The service address's own position, so a map can draw the home and
 * the technician together; null when the address has none. It is the
 * customer's own address: nothing they do not know already. */
static int add_destination(cJSON *o, const struct tracking_facts *f)
{
	cJSON *home;
	int failed = 0;

	if (f->address == NULL || !f->address->has_location)
		return cJSON_AddNullToObject(o, "destination") ? 0 : -1;
	if ((home = cJSON_AddObjectToObject(o, "destination")) == NULL)
		return -1;
	ADD(cJSON_AddNumberToObject(home, "latitude", f->address->latitude));
	ADD(cJSON_AddNumberToObject(home, "longitude", f->address->longitude));
	return failed ? -1 : 0;
}

/* En route: where the technician is, how far, when they should arrive,
 * and whether the position has gone quiet. */
static int add_en_route(cJSON *o, portal *p, const portal_appointment *a,
	const struct tracking_facts *f)
{
	double straight = straight_distance(f), road = straight < 0 ? -1 : road_distance(f, straight);
	portal_time quiet_since = f->has_pos ? f->pos.at : a->status_at;
	const char *source = NULL;
	portal_time eta = eta_of(f, road, &source);
	int failed = 0;

	failed |= add_position(o, f);
	failed |= add_destination(o, f);
	failed |= add_time(o, "updated_at", p, f->has_pos ? f->pos.at : 0);
	failed |= add_number_or_null(o, "updated_minutes_ago", f->has_pos,
		(double)((f->now - f->pos.at) / 60));
	ADD(cJSON_AddBoolToObject(o, "stale", f->now - quiet_since > f->stale_minutes * 60));
	failed |= add_number_or_null(o, "distance_m", straight >= 0, round(straight));
	failed |= add_number_or_null(o, "road_distance_m", road >= 0, round(road));
	failed |= add_time(o, "eta", p, eta);
	ADD(source ? cJSON_AddStringToObject(o, "eta_source", source)
		: cJSON_AddNullToObject(o, "eta_source"));
	return failed ? -1 : 0;
}

static cJSON *tracking_to_json(portal *p, const portal_appointment *a,
	const struct tracking_facts *f)
{
	cJSON *o = cJSON_CreateObject();
	int failed = o == NULL;

	if (failed)
		return NULL;
	failed |= add_head(o, a, f);
	/* Cancelled and missed visits: the status, nothing more. */
	if (a->status == PORTAL_APPT_CANCELLED || a->status == PORTAL_APPT_NO_SHOW)
		goto done;
	failed |= add_visit(o, p, a);
	if (a->status <= PORTAL_APPT_EN_ROUTE && f->now < f->opens_at) {
		failed |= add_time(o, "tracking_opens_at", p, f->opens_at);
		goto done;
	}
	failed |= add_technician(o, f);
	failed |= add_time(o, "status_at", p, a->status_at);
	if (a->status == PORTAL_APPT_EN_ROUTE)
		failed |= add_en_route(o, p, a, f);
done:
	if (failed) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
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
