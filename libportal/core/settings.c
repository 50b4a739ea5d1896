/* SPDX-License-Identifier: MIT */
/*
 * settings.c - the shop's settings as every rule reads them: the table of
 * known keys with their types and defaults, and reading with defaults,
 * cached for the life of a transaction.
 *
 * Checking a value a shop types is shop.c's; this module only reads what
 * the store holds, so the modules below the rules can ask for a setting
 * without reaching up to the shop's own API.
 */
#include "settings.h"
#include "store.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The defaults are the shop's published policy in the product brief. */
static const portal_setting_info settings[] = {
	{ "name", PORTAL_SETTING_TEXT, "My Repair Shop", "the shop's name, as customers know it" },
	{ "phone", PORTAL_SETTING_PHONE, "", "the phone number customers call" },
	{ "email", PORTAL_SETTING_EMAIL, "", "the email address customers write to" },
	{ "address", PORTAL_SETTING_TEXT, "", "the shop's postal address, on one line" },
	{ "timezone", PORTAL_SETTING_TIMEZONE, "UTC",
	  "IANA time zone for every rule that speaks of days, e.g. America/Toronto" },
	{ "currency", PORTAL_SETTING_CURRENCY, "CAD", "ISO 4217 currency code" },
	{ "tax_rate", PORTAL_SETTING_PERCENT, "13", "sales tax on taxable lines, in percent" },
	{ "service_call_fee", PORTAL_SETTING_MONEY, "120.00",
	  "diagnosis visit fee before tax; non-refundable, credited toward the repair" },
	{ "estimate_validity_days", PORTAL_SETTING_DAYS, "7",
	  "days an estimate can be approved after it is issued" },
	{ "labour_warranty_days", PORTAL_SETTING_DAYS, "90",
	  "labour warranty from completion, same problem only" },
	{ "parts_warranty_days", PORTAL_SETTING_DAYS, "30",
	  "parts warranty from completion, same problem only" },
	{ "warranty_exclusions", PORTAL_SETTING_LONGTEXT,
	  "Unrelated issues, misuse, improper maintenance, external damage, pests, "
	  "weather events, or an appliance relocated after the repair. The warranty "
	  "is not transferable.",
	  "what the warranty does not cover, in plain words" },
	{ "cancellation_notice_hours", PORTAL_SETTING_HOURS, "12",
	  "free cancellation up to this many hours before the arrival window" },
	{ "late_cancellation_fee", PORTAL_SETTING_MONEY, "60.00",
	  "fee for a cancellation inside the notice period" },
	{ "no_show_fee", PORTAL_SETTING_MONEY, "60.00",
	  "fee when the customer misses the appointment or cannot be reached" },
	{ "portal_url", PORTAL_SETTING_URL, "http://localhost:8080",
	  "the portal's address as customers reach it; secure links start with it" },
	{ "link_days", PORTAL_SETTING_DAYS, "21",
	  "days a secure link works, unless the shop gives it another expiry" },
	{ "session_idle_minutes", PORTAL_SETTING_MINUTES, "30",
	  "a portal session ends after this many minutes without a request" },
	{ "session_max_hours", PORTAL_SETTING_HOURS, "12",
	  "a portal session ends this many hours after it opened, in use or not" },
	{ "lookup_addr_limit", PORTAL_SETTING_COUNT, "10",
	  "failed lookups from one network address before it is refused" },
	{ "lookup_addr_window_minutes", PORTAL_SETTING_MINUTES, "15",
	  "the period over which failed lookups from one address are counted" },
	{ "lookup_addr_lock_minutes", PORTAL_SETTING_MINUTES, "15",
	  "how long an address that reached the limit is refused" },
	{ "lookup_invoice_limit", PORTAL_SETTING_COUNT, "5",
	  "failed lookups of one invoice number, from any address, before it is refused" },
	{ "lookup_invoice_window_minutes", PORTAL_SETTING_MINUTES, "60",
	  "the period over which failed lookups of one invoice number are counted" },
	{ "lookup_invoice_lock_minutes", PORTAL_SETTING_MINUTES, "60",
	  "how long an invoice number that reached the limit is refused" },
	{ "fresh_link_addr_limit", PORTAL_SETTING_COUNT, "5",
	  "requests for a fresh link from one network address before it is refused" },
	{ "fresh_link_addr_window_minutes", PORTAL_SETTING_MINUTES, "60",
	  "the period over which requests for a fresh link from one address are counted" },
	{ "fresh_link_client_limit", PORTAL_SETTING_COUNT, "3",
	  "fresh links sent to one client in the period; more requests are answered alike "
	  "and send nothing" },
	{ "fresh_link_client_window_minutes", PORTAL_SETTING_MINUTES, "1440",
	  "the period over which fresh links sent to one client are counted" },
	{ "tracking_speed_kmh", PORTAL_SETTING_COUNT, "40",
	  "average speed of a technician on the way, in km/h, for the arrival estimate" },
	{ "tracking_road_factor", PORTAL_SETTING_COUNT, "130",
	  "road distance as a percentage of the straight line (130: 1.3 times)" },
	{ "tracking_stale_minutes", PORTAL_SETTING_MINUTES, "10",
	  "minutes without a position before the customer is told it is not current" },
	{ "arrival_radius_m", PORTAL_SETTING_COUNT, "125",
	  "metres from the service address at which a technician en route has arrived" },
	{ "sendmail_path", PORTAL_SETTING_COMMAND, "/usr/sbin/sendmail",
	  "the sendmail-compatible program that delivers email, run as PATH -t -i" },
	{ "sms_gateway_command", PORTAL_SETTING_COMMAND, "",
	  "the command that sends an SMS, given the number as its last argument and "
	  "the text on its input; empty: the shop sends no SMS" },
	{ "quiet_hours_start", PORTAL_SETTING_CLOCKTIME, "21:00",
	  "no SMS from this time of day (shop time)..." },
	{ "quiet_hours_end", PORTAL_SETTING_CLOCKTIME, "08:00",
	  "...until this time: SMS due in between are held until then" },
	{ "outbox_max_attempts", PORTAL_SETTING_COUNT, "8",
	  "delivery attempts of a message before it is marked failed" },
	{ "outbox_retry_minutes", PORTAL_SETTING_MINUTES, "5",
	  "the wait after a first failed delivery; it doubles after each further one" },
	{ "outbox_retry_max_minutes", PORTAL_SETTING_MINUTES, "720",
	  "the longest wait between two delivery attempts" },
	{ "logo_path", PORTAL_SETTING_FILE, "",
	  "a PNG or JPEG logo printed at the top of invoices, estimates and statements" },
	{ "pdf_font", PORTAL_SETTING_FILE, "",
	  "a TrueType font for PDFs whose text the built-in fonts lack; empty: DejaVu Sans" },
	{ "trusted_proxy", PORTAL_SETTING_IPADDR, "",
	  "the address of the shop's own reverse proxy, whose X-Forwarded-For the "
	  "web portal believes; empty: the portal is reached directly" },
};

#define SETTING_COUNT (sizeof(settings) / sizeof(settings[0]))

size_t portal_setting_count(void)
{
	return SETTING_COUNT;
}

const portal_setting_info *portal_setting_at(size_t i)
{
	return i < SETTING_COUNT ? &settings[i] : NULL;
}

const portal_setting_info *portal_setting_find(const char *key)
{
	for (size_t i = 0; key != NULL && i < SETTING_COUNT; i++)
		if (strcmp(settings[i].key, key) == 0)
			return &settings[i];
	return NULL;
}

int pt_parse_scaled(const char *s, int decimals, int64_t max, int64_t *out)
{
	int64_t v = 0;
	int seen = 0, frac = -1;

	for (; *s; s++) {
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (!isdigit((unsigned char)*s) || frac == decimals)
			return -1;
		v = v * 10 + (*s - '0');
		seen = 1;
		if (frac >= 0)
			frac++;
		if (v > max * 1000)
			return -1;
	}
	if (!seen || frac == 0)
		return -1;
	for (frac = frac < 0 ? 0 : frac; frac < decimals; frac++)
		v *= 10;
	if (v > max)
		return -1;
	*out = v;
	return 0;
}

const portal_setting_info *pt_setting_info(portal *p, const char *key)
{
	const portal_setting_info *info = portal_setting_find(key);

	if (info == NULL)
		pt_error(p, PORTAL_ENOTFOUND, NULL,
			"no setting named '%s' (see `portal shop show`)", key ? key : "");
	return info;
}

/* The stored text of setting number `i`, or its default. */
static int read_setting(char **out, portal *p, size_t i)
{
	int err = pt_store_setting_get(out, p, settings[i].key);

	if (err == PORTAL_ENOTFOUND) {
		*out = pt_strdup(settings[i].default_value);
		err = *out ? PORTAL_OK : pt_oom(p);
	}
	return err;
}

/*
 * Settings are read by nearly every rule, often several times in one
 * page, and make a third of the statements a page would run. Inside a
 * transaction the shop cannot change under the handle but by the handle's
 * own writes, so each value is read once per outermost transaction: the
 * cache belongs to the transaction whose serial it holds and is cleared
 * by every settings write. Outside a transaction nothing is cached, so a
 * change made by another process is seen by the next read.
 */
struct pt_settings_cache {
	uint64_t serial;
	char *values[SETTING_COUNT];
};

void pt_settings_forget(portal *p)
{
	struct pt_settings_cache *c = p->settings;

	if (c == NULL)
		return;
	for (size_t i = 0; i < SETTING_COUNT; i++) {
		free(c->values[i]);
		c->values[i] = NULL;
	}
	c->serial = 0;
}

void pt_settings_free(portal *p)
{
	pt_settings_forget(p);
	free(p->settings);
	p->settings = NULL;
}

/* Keep the stored value of a known key; unknown keys (from a newer
 * release, say) are left alone. */
static int keep_stored(const char *key, const char *value, void *ctx)
{
	struct pt_settings_cache *c = ctx;
	const portal_setting_info *info = portal_setting_find(key);
	size_t i;

	if (info == NULL)
		return 0;
	i = (size_t)(info - settings);
	free(c->values[i]);
	return (c->values[i] = pt_strdup(value)) ? 0 : PORTAL_ENOMEM;
}

/* Every setting at once, in one statement: a page asks for several. */
static int load_all(portal *p, struct pt_settings_cache *c)
{
	int err = pt_store_setting_foreach(p, keep_stored, c);

	for (size_t i = 0; err == 0 && i < SETTING_COUNT; i++)
		if (c->values[i] == NULL &&
		    (c->values[i] = pt_strdup(settings[i].default_value)) == NULL)
			err = PORTAL_ENOMEM;
	if (err == PORTAL_ENOMEM)
		err = pt_oom(p);
	if (err < 0)
		pt_settings_forget(p);
	return err;
}

/* The cache for the transaction now open, filled when it held another
 * one's values; NULL outside a transaction or when out of memory. */
static struct pt_settings_cache *cache_now(portal *p)
{
	uint64_t serial = pt_store_txn_serial(p);

	if (serial == 0)
		return NULL;
	if (p->settings == NULL && (p->settings = calloc(1, sizeof(*p->settings))) == NULL)
		return NULL;
	if (p->settings->serial != serial) {
		pt_settings_forget(p);
		if (load_all(p, p->settings) < 0)
			return NULL;
		p->settings->serial = serial;
	}
	return p->settings;
}

int pt_setting_text(char **out, portal *p, const char *key)
{
	const portal_setting_info *info = pt_setting_info(p, key);
	struct pt_settings_cache *c;
	size_t i;

	if (info == NULL)
		return PORTAL_ENOTFOUND;
	i = (size_t)(info - settings);
	if ((c = cache_now(p)) == NULL)
		return read_setting(out, p, i);
	return (*out = pt_strdup(c->values[i])) ? PORTAL_OK : pt_oom(p);
}

int pt_setting_put(portal *p, const char *key, const char *value)
{
	pt_settings_forget(p);
	return pt_store_setting_put(p, key, value);
}

int pt_setting_int(int64_t *out, portal *p, const char *key)
{
	const portal_setting_info *info = pt_setting_info(p, key);
	char *s = NULL;
	int err;

	if (info == NULL)
		return PORTAL_ENOTFOUND;
	if ((err = pt_setting_text(&s, p, key)) < 0)
		return err;
	switch (info->type) {
	case PORTAL_SETTING_MONEY: err = pt_parse_scaled(s, 2, PORTAL_MONEY_MAX, out); break;
	case PORTAL_SETTING_PERCENT: err = pt_parse_scaled(s, 3, 100000, out); break;
	case PORTAL_SETTING_DAYS:
	case PORTAL_SETTING_HOURS:
	case PORTAL_SETTING_MINUTES:
	case PORTAL_SETTING_COUNT: err = pt_parse_scaled(s, 0, 100000, out); break;
	case PORTAL_SETTING_CLOCKTIME:
		/* Minutes since midnight: "21:00" is 1260. */
		err = strlen(s) == 5 ? 0 : -1;
		*out = (int64_t)atoi(s) * 60 + atoi(s + 3);
		break;
	default: err = -1; break;
	}
	free(s);
	if (err < 0)
		return pt_error(p, PORTAL_ERROR, NULL, "setting '%s' is not a number", key);
	return PORTAL_OK;
}
