/* SPDX-License-Identifier: MIT */
/*
 * demo.c - a realistic demo shop, built through the public API so that
 * every demo record passes the same validation as the shop's own.
 */
#include "internal.h"
#include "local_days.h"
#include "demo_money.h"
#include "store.h"
#include "tz.h"

#include <stddef.h>
#include <string.h>

#define DAY (24 * 60 * 60)
#define HOUR (60 * 60)

struct demo_asset {
	portal_asset_kind kind;
	const char *category, *make, *model, *serial, *vin;
	int year;
	const char *acquired_on;
};

struct demo_client {
	const char *name, *email, *phone;
	int sms;
	const char *house, *unit, *street, *city, *region, *postal;
	double lat, lon;
	struct demo_asset assets[2];
};

/* Names and addresses with the accents and scripts a real shop meets. */
static const struct demo_client clients[] = {
	{ "Zoë Laurent", "zoe.laurent@example.com", "416-555-0101", 1,
	  "120", "5", "King St W", "Toronto", "ON", "M5H 1J9", 43.6487, -79.3817,
	  { { PORTAL_ASSET_APPLIANCE, "Refrigerator", "Whirlpool", "WRF555SDFZ", "K81234567", NULL, 2019, "2019-06-14" } } },
	{ "Łukasz Kowalski", "lukasz.k@example.com", "647-555-0102", 1,
	  "48", NULL, "Roncesvalles Ave", "Toronto", "ON", "M6R 2K3", 43.6424, -79.4488,
	  { { PORTAL_ASSET_VEHICLE, "Sedan", "Toyota", "Corolla", NULL, "4T1B11HK7JU512345", 2018, "2018-03-02" },
	    { PORTAL_ASSET_APPLIANCE, "Washer", "LG", "WM3900HWA", "LGW-77812", NULL, 2021, "2021-01-20" } } },
	{ "Jürgen Müller", "j.mueller@example.de", "+49 30 5550 1034", 0,
	  "17", NULL, "Bloor St W", "Toronto", "ON", "M5S 1W4", 43.6677, -79.3948,
	  { { PORTAL_ASSET_APPLIANCE, "Dishwasher", "Bosch", "SHPM88Z75N", "FD9901-44", NULL, 2020, "2020-09-01" } } },
	{ "Amélie Côté", "amelie.cote@example.ca", "514-555-0104", 1,
	  "4820", NULL, "Ch. de la Côte-Sainte-Catherine", "Montréal", "QC", "H3T 1R3", 45.5048, -73.6217,
	  { { PORTAL_ASSET_APPLIANCE, "Dryer", "Samsung", "DVE45R6100C", "SD-310027", NULL, 2019, NULL } } },
	{ "Siobhán O'Connor", "siobhan@example.ie", "416-555-0105", 0,
	  "9", NULL, "Queen St E", "Toronto", "ON", "M5C 1R5", 43.6532, -79.3760,
	  { { PORTAL_ASSET_VEHICLE, "Pickup truck", "Ford", "F-150", NULL, "1FTEW1EP0LFA23456", 2020, "2020-05-30" } } },
	{ "José García", "jose.garcia@example.com", "905-555-0106", 1,
	  "310", NULL, "Lakeshore Rd E", "Mississauga", "ON", "L5G 1H3", 43.5540, -79.5860,
	  { { PORTAL_ASSET_APPLIANCE, "Range", "GE", "JB645RKSS", "GE-5521-A", NULL, 2017, "2017-11-11" } } },
	{ "Nguyễn Thị Hoa", "hoa.nguyen@example.com", "416-555-0107", 1,
	  "77", "12", "Spadina Ave", "Toronto", "ON", "M5V 2J4", 43.6452, -79.3955,
	  { { PORTAL_ASSET_APPLIANCE, "Freezer", "Frigidaire", "FFFU20F2VW", "FR-20881", NULL, 2022, "2022-02-08" } } },
	{ "Đorđe Petrović", "djordje.p@example.rs", "647-555-0108", 0,
	  "1402", NULL, "Danforth Ave", "Toronto", "ON", "M4J 1M9", 43.6830, -79.3260,
	  { { PORTAL_ASSET_VEHICLE, "Hatchback", "Honda", "Civic", NULL, "2HGFC2F53GH534567", 2016, "2016-08-19" } } },
	{ "Ayşe Yılmaz", "ayse.yilmaz@example.com", "416-555-0109", 1,
	  "63", NULL, "Eglinton Ave E", "Toronto", "ON", "M4P 1G8", 43.7070, -79.3950,
	  { { PORTAL_ASSET_APPLIANCE, "Wall oven", "KitchenAid", "KOSE500ESS", "KA-88120", NULL, 2018, NULL } } },
	{ "Renée Lefèvre", "renee.lefevre@example.fr", "613-555-0110", 0,
	  "5", NULL, "Rue de l'Église", "Gatineau", "QC", "J9H 3K6", 45.4030, -75.8510,
	  { { PORTAL_ASSET_VEHICLE, "Electric sedan", "Tesla", "Model 3", NULL, "5YJ3E1EA1KF398765", 2019, "2019-12-05" } } },
	{ "Ольга Смирнова", "olga.smirnova@example.com", "416-555-0111", 1,
	  "880", NULL, "Sheppard Ave W", "Toronto", "ON", "M3H 2T2", 43.7540, -79.4440,
	  { { PORTAL_ASSET_APPLIANCE, "Washer", "Maytag", "MVW6230HW", "MT-44102", NULL, 2021, "2021-07-07" } } },
	{ "Björn Andersson", "bjorn@example.se", "416-555-0112", 0,
	  "21", NULL, "Harbord St", "Toronto", "ON", "M5S 1G4", 43.6622, -79.4030,
	  { { PORTAL_ASSET_VEHICLE, "Wagon", "Volvo", "V60", NULL, "YV1ZW25UDK1234567", 2019, NULL } } },
};

#define CLIENT_COUNT (sizeof(clients) / sizeof(clients[0]))

struct demo_job {
	size_t client;      /* index into clients[] */
	int asset;          /* index into that client's assets, -1 for none */
	const char *problem;
	portal_job_status reached;
	int booked_days_ago;
	const char *note;   /* note on the last step */
};

/* Jobs at every stage of the timeline, oldest first. */
static const struct demo_job jobs[] = {
	{ 0, 0, "Fridge not cooling; freezer fine. Clicking noise from the back.",
	  PORTAL_JOB_CLOSED, 120, "Start relay replaced; temperatures normal after 24 h." },
	{ 1, 0, "Brakes squeal when stopping at low speed.",
	  PORTAL_JOB_PAID, 60, "Paid by debit card." },
	{ 2, 0, "Dishwasher leaves water at the bottom after every cycle.",
	  PORTAL_JOB_INVOICED, 21, "Invoice emailed." },
	{ 3, 0, "Dryer runs but does not heat.",
	  PORTAL_JOB_REPAIRED, 12, "Heating element and thermal fuse replaced." },
	{ 4, 0, "Check-engine light on; rough idle when cold.",
	  PORTAL_JOB_REPAIR_SCHEDULED, 10, "Ignition coil replacement booked." },
	{ 5, 0, "Front left burner will not light.",
	  PORTAL_JOB_PARTS_ARRIVED, 9, "Igniter switch arrived." },
	{ 6, 0, "Freezer frosting up; door seal torn.",
	  PORTAL_JOB_PARTS_ORDERED, 6, "Door gasket on order, about 5 business days." },
	{ 7, 0, "Air conditioning blows warm air.",
	  PORTAL_JOB_APPROVED, 5, "Customer approved compressor clutch repair." },
	{ 8, 0, "Oven temperature off by about 40 degrees.",
	  PORTAL_JOB_ESTIMATE_SENT, 4, "Estimate for new temperature sensor sent." },
	{ 9, 0, "Annual service and tire rotation.",
	  PORTAL_JOB_DIAGNOSED, 3, "Front tires at 3 mm; recommend replacement." },
	{ 10, 0, "Washer stops mid-cycle with error code F9 E1.",
	  PORTAL_JOB_BOOKED, 1, NULL },
	{ 11, 0, "Rattle from the rear suspension over bumps.",
	  PORTAL_JOB_CANCELLED, 30, "Customer sold the car." },
	{ 1, 1, "Washer shakes hard on the spin cycle.",
	  PORTAL_JOB_BOOKED, 0, NULL },
};

#define JOB_COUNT (sizeof(jobs) / sizeof(jobs[0]))

static int set_shop(portal *p)
{
	static const char *const settings[][2] = {
		{ "name", "Northside Appliance & Auto Repair" },
		{ "phone", "866-415-3937" },
		{ "email", "service@northside-repair.example.com" },
		{ "address", "2150 Dundas St W, Toronto, ON M6R 1X3" },
		{ "timezone", "America/Toronto" },
		{ "tax_rate", "13" },
		{ "currency", "CAD" },
	};
	int err = PORTAL_OK;

	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]) && err == 0; i++)
		err = portal_shop_set(p, settings[i][0], settings[i][1]);
	return err;
}

static int add_techs(portal *p, portal_id ids[3])
{
	int err;

	if ((err = portal_tech_add(&ids[0], p, "Marc Tremblay", "416-555-0190")) == 0 &&
	    (err = portal_tech_add(&ids[1], p, "Priya Natarajan", "416-555-0191")) == 0)
		err = portal_tech_add(&ids[2], p, "Kofi Mensah", "416-555-0192");
	return err;
}

static int add_client(portal *p, const struct demo_client *d, portal_id *id,
	portal_id asset_ids[2])
{
	portal_client_fields cf = PORTAL_CLIENT_FIELDS_INIT;
	portal_address_fields af = PORTAL_ADDRESS_FIELDS_INIT;
	int err;

	cf.name = d->name;
	cf.email = d->email;
	cf.phone = d->phone;
	cf.sms_consent = d->sms;
	af.house_number = d->house;
	af.unit = d->unit;
	af.street = d->street;
	af.city = d->city;
	af.region = d->region;
	af.postal_code = d->postal;
	af.has_location = 1;
	af.latitude = d->lat;
	af.longitude = d->lon;
	if ((err = portal_client_add(id, p, &cf)) < 0 ||
	    (err = portal_address_add(NULL, p, *id, &af)) < 0)
		return err;
	for (int i = 0; i < 2 && d->assets[i].make != NULL; i++) {
		const struct demo_asset *a = &d->assets[i];
		portal_asset_fields f = PORTAL_ASSET_FIELDS_INIT;
		f.kind = a->kind;
		f.category = a->category;
		f.make = a->make;
		f.model = a->model;
		f.serial = a->serial;
		f.vin = a->vin;
		f.year = a->year;
		f.acquired_on = a->acquired_on;
		if ((err = portal_asset_add(&asset_ids[i], p, *id, &f)) < 0)
			return err;
	}
	return PORTAL_OK;
}

/* Move `t` into the shop's working hours of its day (9:00 to 17:00,
 * spread by `step`), but never before `after` nor past `now`. */
static portal_time working_hours(portal *p, portal_time now, portal_time t, int step,
	portal_time after)
{
	const struct tz *z = pt_shop_tz(p);

	if (z != NULL)
		t = pt_tz_day_start(z, t) + 9 * HOUR + (step * 97 % 480) * 60;
	if (t <= after)
		t = after + 20 * 60;
	if (t > now)
		t = now;
	return t;
}

/* Walk the usual path from booking to `reached`, spread over the days
 * since the booking, so the timeline reads like a real one. At each step
 * the handle's clock is that step's time, and the job's money is made
 * then: sending its estimate is what moves it to "estimate sent". A
 * cancelled job stops after the estimate. */
static int add_job(portal *p, pt_demo_ids *ids, size_t index, portal_time now)
{
	const struct demo_job *d = &jobs[index];
	portal_job_fields f = PORTAL_JOB_FIELDS_INIT;
	portal_time booked, at;
	portal_job_status last;
	int err, steps, advanced;

	booked = now - (portal_time)d->booked_days_ago * DAY;
	f.client_id = ids->clients[d->client];
	f.asset_id = d->asset >= 0 ? ids->assets[d->client][d->asset] : 0;
	f.problem = d->problem;
	f.booked_at = at = working_hours(p, now, booked, 0, booked - DAY);
	if ((err = portal_job_add(&ids->jobs[index], p, &f)) < 0)
		return err;
	last = d->reached == PORTAL_JOB_CANCELLED ? PORTAL_JOB_ESTIMATE_SENT : d->reached;
	steps = (int)last - 1;
	for (int s = PORTAL_JOB_DIAGNOSED; s <= (int)last && err == 0; s++) {
		portal_time target = booked + (now - booked) * (s - 1) / (steps + 1);
		at = working_hours(p, now, target, s, at);
		portal_set_now(p, at);
		err = pt_demo_money_step(p, ids, index, (portal_job_status)s, at, &advanced);
		if (err == 0 && !advanced)
			err = portal_job_set_status(p, ids->jobs[index], (portal_job_status)s,
				s == (int)d->reached ? d->note : NULL, at);
	}
	portal_set_now(p, now);
	if (err == 0 && d->reached == PORTAL_JOB_CANCELLED)
		err = portal_job_set_status(p, ids->jobs[index], PORTAL_JOB_CANCELLED, d->note,
			working_hours(p, now, now - DAY, 3, at));
	return err;
}

static int fill(portal *p, portal_time now)
{
	pt_demo_ids ids;
	int err;

	memset(&ids, 0, sizeof(ids));
	if ((err = set_shop(p)) < 0 || (err = add_techs(p, ids.techs)) < 0)
		return err;
	for (size_t i = 0; i < CLIENT_COUNT; i++) {
		ids.names[i] = clients[i].name;
		if ((err = add_client(p, &clients[i], &ids.clients[i], ids.assets[i])) < 0)
			return err;
	}
	for (size_t i = 0; i < JOB_COUNT && err == 0; i++)
		err = add_job(p, &ids, i, now);
	return err ? err : pt_demo_extras(p, &ids, now);
}

/* The demo plays its records at their own times; the caller's clock is
 * put back afterwards, whatever happened. */
static int fill_in_time(portal *p)
{
	portal_clock_fn clock = p->clock;
	void *clock_ctx = p->clock_ctx;
	portal_time fixed = p->fixed_now, now = portal_now(p);
	int err = fill(p, now);

	p->clock = clock;
	p->clock_ctx = clock_ctx;
	p->fixed_now = fixed;
	return err;
}

int portal_demo_fill(portal *p)
{
	int64_t count = 0;
	int err;

	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_store_count_clients(&count, p)) == 0 && count > 0)
		err = pt_error(p, PORTAL_ERULE, NULL,
			"the database already has %lld clients; the demo needs an empty shop",
			(long long)count);
	if (err == 0)
		err = fill_in_time(p);
	return pt_store_end(p, err);
}

/* pt_demo_ids has room for exactly the tables above. */
typedef char pt_demo_ids_fit[(CLIENT_COUNT == 12 && JOB_COUNT == 13) ? 1 : -1];
