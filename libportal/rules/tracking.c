/* SPDX-License-Identifier: MIT */
/*
 * tracking.c - technicians' positions, the arrival they imply, and the
 * arrival time a dispatcher sets.
 */
#include "tracking_rules.h"
#include "local_days.h"
#include "json.h"
#include "settings.h"
#include "appointment_notice.h"
#include "store_appointment.h"
#include "store_tracking.h"

#include <math.h>
#include <stdlib.h>

/* The mean radius of the Earth (IUGG), in metres. */
#define EARTH_RADIUS_M 6371008.8
#define DEGREES_TO_RADIANS (3.14159265358979323846 / 180.0)

/* A position's accuracy beyond 100 km says nothing about where anyone is. */
#define ACCURACY_MAX_M 100000.0

/* How long after its window ends a dispatcher may still expect a visit:
 * later is a mistyped day rather than a late technician. */
#define ETA_AFTER_WINDOW_MAX (12 * 3600)

double pt_distance_m(double lat1, double lon1, double lat2, double lon2)
{
	double phi1 = lat1 * DEGREES_TO_RADIANS, phi2 = lat2 * DEGREES_TO_RADIANS;
	double dphi = phi2 - phi1, dlambda = (lon2 - lon1) * DEGREES_TO_RADIANS;
	double h = sin(dphi / 2) * sin(dphi / 2) +
		cos(phi1) * cos(phi2) * sin(dlambda / 2) * sin(dlambda / 2);

	/* Rounding can push h a hair past 1 for points at opposite ends. */
	return 2.0 * EARTH_RADIUS_M * asin(sqrt(h < 1.0 ? h : 1.0));
}

/* ---------------------------------------------------------------------
 * Positions.
 */

static int check_position(portal *p, const portal_tech_position *pos)
{
	if (!isfinite(pos->latitude) || pos->latitude < -90.0 || pos->latitude > 90.0)
		return pt_error(p, PORTAL_EINVAL, "position.latitude",
			"a latitude is a number of degrees from -90 to 90");
	if (!isfinite(pos->longitude) || pos->longitude < -180.0 || pos->longitude > 180.0)
		return pt_error(p, PORTAL_EINVAL, "position.longitude",
			"a longitude is a number of degrees from -180 to 180");
	/* Negative means "not given"; NaN is neither given nor not. */
	if (isnan(pos->accuracy_m) || pos->accuracy_m > ACCURACY_MAX_M)
		return pt_error(p, PORTAL_EINVAL, "position.accuracy",
			"an accuracy is a number of metres from 0 to 100000");
	if (pos->at < 0)
		return pt_error(p, PORTAL_EINVAL, "position.at", "not a time");
	if (pos->at > portal_now(p))
		return pt_error(p, PORTAL_EINVAL, "position.at",
			"a position cannot be measured in the future");
	return PORTAL_OK;
}

/* Only a technician still with the shop reports where they are. */
static int check_reporting_tech(portal *p, portal_id tech_id)
{
	portal_tech *t = NULL;
	int err;

	if ((err = pt_store_tech_get(&t, p, tech_id)) == 0 && !t->active)
		err = pt_error(p, PORTAL_ERULE, NULL,
			"technician #%lld (%s) no longer works for the shop: their position "
			"is not kept", (long long)tech_id, t->name);
	portal_tech_free(t);
	return err;
}

/* The visits a position may end: en route, no later than the position. */
typedef struct en_route_visits {
	portal_time at;
	portal_id *ids;
	size_t count, cap;
} en_route_visits;

static int collect_en_route(const portal_appointment *a, void *ctx)
{
	en_route_visits *v = ctx;
	portal_id *grown;

	/* A position from before the technician set out says nothing about
	 * this trip. */
	if (a->status != PORTAL_APPT_EN_ROUTE || a->status_at > v->at)
		return 0;
	if (v->count == v->cap) {
		v->cap = v->cap ? 2 * v->cap : 4;
		if ((grown = realloc(v->ids, v->cap * sizeof(*grown))) == NULL)
			return PORTAL_ENOMEM;
		v->ids = grown;
	}
	v->ids[v->count++] = a->id;
	return 0;
}

/* Is `pos` within the arrival radius of visit `id`'s address? 0 when
 * the address has no coordinates. */
static int is_at_address(int *yes, portal *p, portal_id id, const portal_tech_position *pos,
	int64_t radius_m)
{
	portal_appointment *a = NULL;
	portal_address *addr = NULL;
	int err;

	*yes = 0;
	if ((err = pt_store_appointment_get(&a, p, id)) == 0 && a->address_id &&
	    (err = pt_store_address_get(&addr, p, a->address_id)) == 0 && addr->has_location)
		*yes = pt_distance_m(pos->latitude, pos->longitude, addr->latitude,
			addr->longitude) <= (double)radius_m;
	portal_address_free(addr);
	portal_appointment_free(a);
	return err;
}

/* Mark arrived the visits of the position's day that the technician is
 * on the way to and has reached. The visits are gathered first and
 * changed after the walk, so the walk never reads rows it changes. */
static int arrive_nearby(portal *p, const portal_tech_position *pos)
{
	portal_appointment_filter f = { 0, 0, 0, 0 };
	en_route_visits v = { pos->at, NULL, 0, 0 };
	int64_t day, radius_m;
	int err, yes;

	f.technician_id = pos->technician_id;
	if ((err = pt_setting_int(&radius_m, p, "arrival_radius_m")) < 0 ||
	    (err = pt_local_day(&day, p, pos->at)) < 0 ||
	    (err = pt_local_day_begin(&f.from, p, day)) < 0 ||
	    (err = pt_local_day_begin(&f.to, p, day + 1)) < 0)
		return err;
	err = pt_store_appointment_foreach(p, &f, collect_en_route, &v);
	if (err == PORTAL_ENOMEM)
		err = pt_oom(p);
	for (size_t i = 0; err == 0 && i < v.count; i++)
		if ((err = is_at_address(&yes, p, v.ids[i], pos, radius_m)) == 0 && yes)
			err = portal_appointment_set_status(p, v.ids[i], PORTAL_APPT_ARRIVED,
				pos->at);
	free(v.ids);
	return err;
}

/* Keep `pos` unless a later one is kept already. */
static int record_position(portal *p, const portal_tech_position *pos)
{
	portal_tech_position kept;
	int err = pt_store_position_get(&kept, p, pos->technician_id);

	if (err == 0 && kept.at > pos->at)
		return PORTAL_OK;
	if (err < 0 && err != PORTAL_ENOTFOUND)
		return err;
	if ((err = pt_store_position_put(p, pos)) < 0)
		return err;
	return arrive_nearby(p, pos);
}

int portal_tech_ping(portal *p, portal_id tech_id, double lat, double lon,
	double accuracy_m, portal_time at)
{
	portal_tech_position pos;
	int err;

	pos.technician_id = tech_id;
	pos.latitude = lat;
	pos.longitude = lon;
	pos.accuracy_m = accuracy_m < 0 ? -1.0 : accuracy_m;
	pos.at = at == 0 ? portal_now(p) : at;
	if ((err = check_position(p, &pos)) < 0)
		return err;
	/* The position and the arrival it implies land together. */
	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = check_reporting_tech(p, tech_id)) == 0)
		err = record_position(p, &pos);
	return pt_store_end(p, err);
}

int portal_tech_position_get(portal_tech_position *out, portal *p, portal_id tech_id)
{
	portal_tech *t = NULL;
	int err;

	if ((err = pt_store_tech_get(&t, p, tech_id)) < 0)
		return err;
	portal_tech_free(t);
	return pt_store_position_get(out, p, tech_id);
}

int portal_tech_position_json(portal_buf *out, portal *p, portal_id tech_id)
{
	portal_tech_position pos;
	cJSON *o = NULL;
	int err;

	if ((err = portal_tech_position_get(&pos, p, tech_id)) == 0 &&
	    (o = cJSON_CreateObject()) != NULL &&
	    (!cJSON_AddNumberToObject(o, "technician_id", (double)tech_id) ||
	     !cJSON_AddNumberToObject(o, "latitude", pos.latitude) ||
	     !cJSON_AddNumberToObject(o, "longitude", pos.longitude) ||
	     !(pos.accuracy_m >= 0 ? cJSON_AddNumberToObject(o, "accuracy_m", pos.accuracy_m)
		: cJSON_AddNullToObject(o, "accuracy_m")) ||
	     !cJSON_AddNumberToObject(o, "at", (double)pos.at) ||
	     !pt_json_add_time(o, "at_text", p, pos.at))) {
		cJSON_Delete(o);
		o = NULL;
	}
	return pt_json_finish(out, p, o, err);
}

/* ---------------------------------------------------------------------
 * The dispatcher's arrival time.
 */

static int check_eta(portal *p, const portal_appointment *a, portal_time at)
{
	if (a->status != PORTAL_APPT_SCHEDULED && a->status != PORTAL_APPT_CONFIRMED &&
	    a->status != PORTAL_APPT_EN_ROUTE)
		return pt_error(p, PORTAL_ERULE, NULL,
			"appointment #%lld is %s: an arrival time no longer applies",
			(long long)a->id, portal_appointment_status_name(a->status));
	if (at == 0)
		return PORTAL_OK;
	if (at < 0)
		return pt_error(p, PORTAL_EINVAL, "appointment.eta", "not a time");
	if (at < portal_now(p))
		return pt_error(p, PORTAL_EINVAL, "appointment.eta",
			"an expected arrival cannot be in the past");
	if (at > a->window_end + ETA_AFTER_WINDOW_MAX)
		return pt_error(p, PORTAL_EINVAL, "appointment.eta",
			"an expected arrival more than 12 hours after the window is "
			"another day: move the visit instead");
	return PORTAL_OK;
}

int portal_appointment_set_eta(portal *p, portal_id id, portal_time at)
{
	portal_appointment *a = NULL;
	int err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_store_appointment_get(&a, p, id)) == 0 &&
	    (err = check_eta(p, a, at)) == 0 &&
	    (err = pt_store_appointment_eta_set(p, id, at)) == 0 && at != 0)
		err = pt_notice_eta(p, a, at);
	err = pt_store_end(p, err);
	portal_appointment_free(a);
	return err;
}

int portal_appointment_eta(portal_time *at, portal *p, portal_id id)
{
	return pt_store_appointment_eta_get(at, p, id);
}
