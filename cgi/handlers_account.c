/* SPDX-License-Identifier: MIT */
/*
 * handlers_account.c - what the customer sends about their account: a
 * chat message, the shop's messages read, notifications read, a profile
 * change request, SMS on or off.
 */
#include "handlers.h"

#include <string.h>

int handle_chat_post(app *a, const char *const *args)
{
	int err;

	(void)args;
	if (app_post_guard(a) < 0)
		return 0;
	err = portal_customer_chat_post(NULL, a->p, a->session, request_form(&a->req, "text"));
	app_form_result(a, err, "/portal/chat", "sent", "chat", NULL);
	return 0;
}

/* The shop's messages read up to `up_to`: the newest the page showed, so
 * one that arrived since stays new. Empty: all of them. */
int handle_chat_read(app *a, const char *const *args)
{
	const char *up_to = request_form(&a->req, "up_to");
	portal_id id = up_to && *up_to ? app_parse_id(up_to) : 0;

	(void)args;
	if (app_post_guard(a) < 0)
		return 0;
	if (id < 0) {
		app_error(a, 400, "The form is not one the portal sent.");
		return 0;
	}
	app_form_result(a, portal_customer_chat_mark_read(a->p, a->session, id),
		"/portal/chat", "read", "chat", NULL);
	return 0;
}

int handle_notifications_read(app *a, const char *const *args)
{
	const char *up_to = request_form(&a->req, "up_to");
	portal_id id = up_to && *up_to ? app_parse_id(up_to) : 0;
	int err;

	(void)args;
	if (app_post_guard(a) < 0)
		return 0;
	err = id < 0 ? PORTAL_EINVAL :
		portal_customer_notifications_mark_read(a->p, a->session, id);
	if (err == PORTAL_EINVAL && id < 0)
		app_error(a, 400, "The form is not one the portal sent.");
	else
		app_form_result(a, err, "/portal/notifications", "read", "notifications", NULL);
	return 0;
}

/* An empty field is a field left unchanged. */
static const char *changed(app *a, const char *name)
{
	const char *v = request_form(&a->req, name);

	return v != NULL && *v != '\0' ? v : NULL;
}

/* The fields of the form's address, in the order of portal_address_fields. */
static const char *const address_names[] = {
	"house_number", "unit", "street", "city", "region", "postal_code", "country"
};
#define ADDRESS_FIELDS (sizeof(address_names) / sizeof(address_names[0]))

/* The address the form asks for, into `f`: 1 when any of its fields was
 * filled in (the library checks them all), 0 when the address is left
 * as it is. */
static int read_address(app *a, portal_address_fields *f)
{
	const char *v[ADDRESS_FIELDS];
	int any = 0;

	for (size_t i = 0; i < ADDRESS_FIELDS; i++) {
		v[i] = request_form(&a->req, address_names[i]);
		any |= v[i] != NULL && *v[i] != '\0';
		if (v[i] == NULL)
			v[i] = "";
	}
	f->house_number = v[0];
	f->unit = v[1];
	f->street = v[2];
	f->city = v[3];
	f->region = v[4];
	f->postal_code = v[5];
	f->country = v[6];
	return any;
}

/* Which address a change corrects: an id of the profile's, or "new" (or
 * nothing) for a new service address. -1 for anything else. */
static portal_id address_choice(app *a)
{
	const char *v = request_form(&a->req, "address_id");

	if (v == NULL || *v == '\0' || strcmp(v, "new") == 0)
		return 0;
	return app_parse_id(v);
}

int handle_profile_request(app *a, const char *const *args)
{
	portal_profile_change c = PORTAL_PROFILE_CHANGE_INIT;
	portal_address_fields address = PORTAL_ADDRESS_FIELDS_INIT;
	int err;

	(void)args;
	if (app_post_guard(a) < 0)
		return 0;
	c.name = changed(a, "name");
	c.email = changed(a, "email");
	c.phone = changed(a, "phone");
	if (read_address(a, &address)) {
		c.address = &address;
		if ((c.address_id = address_choice(a)) < 0) {
			app_error(a, 400, "The form is not one the portal sent.");
			return 0;
		}
	}
	err = portal_customer_request_profile(NULL, a->p, a->session, &c);
	app_form_result(a, err, "/portal/profile", "profile", "profile", NULL);
	return 0;
}

int handle_sms_consent(app *a, const char *const *args)
{
	const char *sms = request_form(&a->req, "sms");
	int on = sms && strcmp(sms, "on") == 0, off = sms && strcmp(sms, "off") == 0;
	int err;

	(void)args;
	if (app_post_guard(a) < 0)
		return 0;
	if (!on && !off) {
		app_error(a, 400, "The form is not one the portal sent.");
		return 0;
	}
	err = portal_customer_sms_consent(a->p, a->session, on);
	app_form_result(a, err, "/portal/profile", on ? "sms_on" : "sms_off", "profile", NULL);
	return 0;
}
