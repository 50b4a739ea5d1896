/*
 * shop.c - the shop's settings: the table of known keys with their types
 * and defaults, validation by type, and reading with defaults.
 */
#include "internal.h"
#include "json.h"
#include "store.h"
#include "tz.h"
#include "validate.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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

/* A non-negative decimal with at most `decimals` decimals, scaled:
 * ("9.975", 3) gives 9975. */
static int parse_scaled(const char *s, int decimals, int64_t max, int64_t *out)
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

static int canonical_percent(char **out, portal *p, const char *field, const char *s)
{
	char buf[32];
	size_t n = strlen(s);
	int64_t v;

	if (n > 0 && s[n - 1] == '%')
		n--;
	snprintf(buf, sizeof(buf), "%.*s", (int)n, s);
	if (n >= sizeof(buf) || parse_scaled(buf, 3, 100000, &v) < 0)
		return pt_error(p, PORTAL_EINVAL, field,
			"'%s' is not a percentage from 0 to 100 with at most 3 decimals", s);
	snprintf(buf, sizeof(buf), "%lld.%03lld", (long long)(v / 1000), (long long)(v % 1000));
	/* "13.000" reads better as "13", "9.500" as "9.5". */
	n = strlen(buf);
	while (buf[n - 1] == '0')
		buf[--n] = '\0';
	if (buf[n - 1] == '.')
		buf[--n] = '\0';
	return (*out = pt_strdup(buf)) ? PORTAL_OK : pt_oom(p);
}

static int canonical_count(char **out, portal *p, const char *field, const char *s, int64_t max)
{
	char buf[24];
	int64_t v;

	if (strchr(s, '.') != NULL || parse_scaled(s, 0, max, &v) < 0)
		return pt_error(p, PORTAL_EINVAL, field, "'%s' is not a whole number from 0 to %lld",
			s, (long long)max);
	snprintf(buf, sizeof(buf), "%lld", (long long)v);
	return (*out = pt_strdup(buf)) ? PORTAL_OK : pt_oom(p);
}

static int canonical_money(char **out, portal *p, const char *field, const char *s)
{
	char buf[PORTAL_MONEY_STRLEN];
	portal_money v;

	if (portal_money_parse(&v, s) < 0 || v < 0)
		return pt_error(p, PORTAL_EINVAL, field, "'%s' is not an amount such as 120.00", s);
	snprintf(buf, sizeof(buf), "%lld.%02lld", (long long)(v / 100), (long long)(v % 100));
	return (*out = pt_strdup(buf)) ? PORTAL_OK : pt_oom(p);
}

static int canonical_timezone(char **out, portal *p, const char *field, const char *s)
{
	char err[160];
	tz *z;

	/* "localtime" is a link to the host's own zone, not a place: a shop
	 * database moved to another machine would change its days. */
	if (strcmp(s, "localtime") == 0 || strcmp(s, "posixrules") == 0)
		return pt_error(p, PORTAL_EINVAL, field, "'%s' is not an IANA zone name "
			"such as America/Toronto", s);
	if (tz_load(&z, s, NULL, err, sizeof(err)) < 0)
		return pt_error(p, PORTAL_EINVAL, field, "%s", err);
	tz_free(z);
	return (*out = pt_strdup(s)) ? PORTAL_OK : pt_oom(p);
}

/* A whole number from `min` to `max`. */
static int canonical_range(char **out, portal *p, const char *field, const char *s,
	int64_t min, int64_t max)
{
	int64_t v;

	if (strchr(s, '.') != NULL || parse_scaled(s, 0, max, &v) < 0 || v < min)
		return pt_error(p, PORTAL_EINVAL, field, "'%s' is not a whole number from %lld to %lld",
			s, (long long)min, (long long)max);
	return canonical_count(out, p, field, s, max);
}

/* The portal's public address: links are built by appending "/k/TOKEN",
 * so it has a scheme and a host, and no query, fragment or final '/'. */
static int canonical_url(char **out, portal *p, const char *field, const char *s)
{
	const char *host;
	size_t n = strlen(s);

	if (strncmp(s, "https://", 8) == 0)
		host = s + 8;
	else if (strncmp(s, "http://", 7) == 0)
		host = s + 7;
	else
		goto bad;
	if (*host == '\0' || *host == '/' || strpbrk(s, " ?#\"<>\\") != NULL)
		goto bad;
	while (n > 0 && s[n - 1] == '/')
		n--;
	if ((*out = malloc(n + 1)) == NULL)
		return pt_oom(p);
	memcpy(*out, s, n);
	(*out)[n] = '\0';
	return PORTAL_OK;
bad:
	return pt_error(p, PORTAL_EINVAL, field,
		"'%s' is not a web address such as https://portal.example.com", s);
}

/* A time of day "H:MM" or "HH:MM", 00:00 to 23:59, written "HH:MM". */
static int canonical_clocktime(char **out, portal *p, const char *field, const char *s)
{
	char buf[8];
	int h, m, n = 0;

	if (sscanf(s, "%2d:%2d%n", &h, &m, &n) != 2 || s[n] != '\0' || !isdigit((unsigned char)s[0]) ||
	    strlen(s) < 4 || s[strlen(s) - 3] != ':' || h < 0 || h > 23 || m < 0 || m > 59)
		return pt_error(p, PORTAL_EINVAL, field, "'%s' is not a time of day such as 21:00", s);
	snprintf(buf, sizeof(buf), "%02d:%02d", h, m);
	return (*out = pt_strdup(buf)) ? PORTAL_OK : pt_oom(p);
}

static int canonical_currency(char **out, portal *p, const char *field, const char *s)
{
	char buf[4];

	if (strlen(s) != 3)
		goto bad;
	for (int i = 0; i < 3; i++) {
		if (!isalpha((unsigned char)s[i]))
			goto bad;
		buf[i] = (char)toupper((unsigned char)s[i]);
	}
	buf[3] = '\0';
	return (*out = pt_strdup(buf)) ? PORTAL_OK : pt_oom(p);
bad:
	return pt_error(p, PORTAL_EINVAL, field, "'%s' is not a three-letter currency code", s);
}

/* A file the library reads later (a logo, a font): checked now, so a
 * typing mistake is refused at once rather than met in every PDF. */
static int canonical_file(char **out, portal *p, const char *field, const char *value)
{
	struct stat st;
	int err;

	if ((err = pt_valid_text(out, p, field, value, 0, 400, 0)) < 0 || **out == '\0')
		return err;
	if (**out != '/' || stat(*out, &st) != 0 || !S_ISREG(st.st_mode) ||
	    access(*out, R_OK) != 0) {
		err = pt_error(p, PORTAL_EINVAL, field,
			"%s must be the absolute path of a readable file", field);
		free(*out);
		*out = NULL;
	}
	return err;
}

/* An IPv4 or IPv6 address, written as inet_ntop() writes it, so that a
 * front end compares it with the address of a request as text. */
static int canonical_ipaddr(char **out, portal *p, const char *field, const char *s)
{
	char buf[64];

	if (*s == '\0')
		return (*out = pt_strdup("")) ? PORTAL_OK : pt_oom(p);
	if (portal_ip_canonical(buf, sizeof(buf), s) < 0)
		return pt_error(p, PORTAL_EINVAL, field,
			"'%.64s' is not an IP address such as 192.0.2.10 or 2001:db8::1", s);
	return (*out = pt_strdup(buf)) ? PORTAL_OK : pt_oom(p);
}

/* Check `value` for setting `info` and give its canonical text. */
static int canonical_value(char **out, portal *p, const portal_setting_info *info,
	const char *value)
{
	char field[64], *s;
	int err;

	snprintf(field, sizeof(field), "shop.%s", info->key);
	switch (info->type) {
	case PORTAL_SETTING_PHONE:
		return pt_valid_phone(out, p, field, value, 0);
	case PORTAL_SETTING_EMAIL:
		return pt_valid_email(out, p, field, value, 0);
	case PORTAL_SETTING_LONGTEXT:
		return pt_valid_text(out, p, field, value, 0, 4000, PT_TEXT_MULTILINE);
	case PORTAL_SETTING_COMMAND:
		return pt_valid_text(out, p, field, value, 0, 400, 0);
	case PORTAL_SETTING_FILE:
		return canonical_file(out, p, field, value);
	case PORTAL_SETTING_TEXT:
		return pt_valid_text(out, p, field, value,
			strcmp(info->key, "name") == 0 ? 1 : 0, 200, 0);
	case PORTAL_SETTING_IPADDR:
		return canonical_ipaddr(out, p, field, value);
	default:
		break;
	}
	if ((err = pt_valid_text(&s, p, field, value, 1,
			info->type == PORTAL_SETTING_URL ? 200 : 64, 0)) < 0)
		return err;
	switch (info->type) {
	case PORTAL_SETTING_TIMEZONE: err = canonical_timezone(out, p, field, s); break;
	case PORTAL_SETTING_PERCENT: err = canonical_percent(out, p, field, s); break;
	case PORTAL_SETTING_MONEY: err = canonical_money(out, p, field, s); break;
	case PORTAL_SETTING_DAYS: err = canonical_count(out, p, field, s, 3650); break;
	case PORTAL_SETTING_HOURS: err = canonical_count(out, p, field, s, 720); break;
	case PORTAL_SETTING_CURRENCY: err = canonical_currency(out, p, field, s); break;
	case PORTAL_SETTING_MINUTES: err = canonical_range(out, p, field, s, 1, 10080); break;
	case PORTAL_SETTING_COUNT: err = canonical_range(out, p, field, s, 1, 100000); break;
	case PORTAL_SETTING_URL: err = canonical_url(out, p, field, s); break;
	case PORTAL_SETTING_CLOCKTIME: err = canonical_clocktime(out, p, field, s); break;
	default: err = pt_error(p, PORTAL_ERROR, field, "unknown setting type"); break;
	}
	free(s);
	return err;
}

static const portal_setting_info *find_or_fail(portal *p, const char *key)
{
	const portal_setting_info *info = portal_setting_find(key);

	if (info == NULL)
		pt_error(p, PORTAL_ENOTFOUND, NULL,
			"no setting named '%s' (see `portal shop show`)", key ? key : "");
	return info;
}

int pt_setting_text(char **out, portal *p, const char *key)
{
	const portal_setting_info *info = find_or_fail(p, key);
	int err;

	if (info == NULL)
		return PORTAL_ENOTFOUND;
	err = pt_store_setting_get(out, p, key);
	if (err == PORTAL_ENOTFOUND) {
		*out = pt_strdup(info->default_value);
		err = *out ? PORTAL_OK : pt_oom(p);
	}
	return err;
}

int pt_setting_int(int64_t *out, portal *p, const char *key)
{
	const portal_setting_info *info = find_or_fail(p, key);
	char *s = NULL;
	int err;

	if (info == NULL)
		return PORTAL_ENOTFOUND;
	if ((err = pt_setting_text(&s, p, key)) < 0)
		return err;
	switch (info->type) {
	case PORTAL_SETTING_MONEY: err = parse_scaled(s, 2, PORTAL_MONEY_MAX, out); break;
	case PORTAL_SETTING_PERCENT: err = parse_scaled(s, 3, 100000, out); break;
	case PORTAL_SETTING_DAYS:
	case PORTAL_SETTING_HOURS:
	case PORTAL_SETTING_MINUTES:
	case PORTAL_SETTING_COUNT: err = parse_scaled(s, 0, 100000, out); break;
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

int portal_shop_get(portal_buf *out, portal *p, const char *key)
{
	char *s;
	int err;

	if ((err = pt_setting_text(&s, p, key)) < 0)
		return err;
	pt_buf_attach(out, s);
	return PORTAL_OK;
}

int portal_shop_set(portal *p, const char *key, const char *value)
{
	const portal_setting_info *info = find_or_fail(p, key);
	char *canonical = NULL;
	int err;

	if (info == NULL)
		return PORTAL_ENOTFOUND;
	if ((err = canonical_value(&canonical, p, info, value)) < 0)
		return err;
	err = pt_store_setting_put(p, key, canonical);
	free(canonical);
	return err;
}

int portal_shop_json(portal_buf *out, portal *p)
{
	cJSON *root = cJSON_CreateObject();
	char *s;
	int err = PORTAL_OK;

	if (root == NULL)
		return pt_oom(p);
	for (size_t i = 0; i < SETTING_COUNT && err == 0; i++) {
		if ((err = pt_setting_text(&s, p, settings[i].key)) < 0)
			break;
		if (cJSON_AddStringToObject(root, settings[i].key, s) == NULL)
			err = pt_oom(p);
		free(s);
	}
	return pt_json_finish(out, p, root, err);
}
