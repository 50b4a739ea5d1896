/*
 * sms.c - what is particular to SMS: segment counts, quiet hours, the
 * customer's consent and the keywords customers text back.
 */
#include "outbox_queue.h"
#include "settings.h"
#include "audit_log.h"
#include "store_outbox.h"
#include "tz.h"
#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- segments ---------------------------------------------------------- */

/* GSM 03.38 characters outside ASCII in the basic table (one septet). */
static const uint16_t gsm_basic_extra[] = {
	0x00A3, 0x00A5, 0x00E8, 0x00E9, 0x00F9, 0x00EC, 0x00F2, 0x00C7, 0x00D8, 0x00F8,
	0x00C5, 0x00E5, 0x0394, 0x03A6, 0x0393, 0x039B, 0x03A9, 0x03A0, 0x03A8, 0x03A3,
	0x0398, 0x039E, 0x00C6, 0x00E6, 0x00DF, 0x00C9, 0x00A4, 0x00A1, 0x00C4, 0x00D6,
	0x00D1, 0x00DC, 0x00A7, 0x00BF, 0x00E4, 0x00F6, 0x00F1, 0x00FC, 0x00E0
};

/* Septets a character takes in GSM 7-bit: 1 in the basic table, 2 in the
 * extension table (escape + code), 0 when it has no GSM form. */
static int gsm_septets(uint32_t cp)
{
	if (cp > 0 && cp < 0x80) {
		if (isalnum((int)cp) || strchr(" !\"#%&'()*+,-./:;<=>?@$_\n\r", (int)cp))
			return 1;
		if (strchr("^{}\\[~]|\f", (int)cp))
			return 2;
		return 0;
	}
	for (size_t i = 0; i < sizeof(gsm_basic_extra) / sizeof(gsm_basic_extra[0]); i++)
		if (gsm_basic_extra[i] == cp)
			return 1;
	return cp == 0x20AC ? 2 : 0;   /* the euro sign is in the extension table */
}

/* Parts of at most `per_part` units, never splitting one character's
 * units (an escape pair, a surrogate pair) between two parts. */
static int count_parts(const unsigned char *s, int gsm, int single, int per_part)
{
	int total = 0, parts = 1, cur = 0;
	const unsigned char *q;
	uint32_t cp;
	size_t n;

	for (q = s; *q; q += n) {
		n = pt_utf8_decode(q, &cp);
		total += gsm ? gsm_septets(cp) : (cp > 0xFFFF ? 2 : 1);
	}
	if (total <= single)
		return 1;
	for (q = s; *q; q += n) {
		int u;
		n = pt_utf8_decode(q, &cp);
		u = gsm ? gsm_septets(cp) : (cp > 0xFFFF ? 2 : 1);
		if (cur + u > per_part) {
			parts++;
			cur = 0;
		}
		cur += u;
	}
	return parts;
}

int portal_sms_segments(const char *text, portal_sms_encoding *encoding)
{
	const unsigned char *s = (const unsigned char *)text;
	int gsm = 1;
	uint32_t cp;
	size_t n;

	if (text == NULL)
		return -1;
	for (; *s; s += n) {
		if ((n = pt_utf8_decode(s, &cp)) == 0)
			return -1;
		if (gsm_septets(cp) == 0)
			gsm = 0;
	}
	if (encoding)
		*encoding = gsm ? PORTAL_SMS_GSM7 : PORTAL_SMS_UCS2;
	s = (const unsigned char *)text;
	return gsm ? count_parts(s, 1, 160, 153) : count_parts(s, 0, 70, 67);
}

/* ---- quiet hours ----------------------------------------------------------- */

int pt_sms_quiet_end(portal_time *out, portal *p, portal_time t)
{
	int64_t start, end, day, minute;
	const tz *z;
	tz_civil c;
	int err;

	*out = t;
	if ((err = pt_setting_int(&start, p, "quiet_hours_start")) < 0 ||
	    (err = pt_setting_int(&end, p, "quiet_hours_end")) < 0)
		return err;
	if (start == end)
		return PORTAL_OK;
	if ((z = pt_shop_tz(p)) == NULL)
		return PORTAL_EIO;
	tz_to_civil(z, t, &c);
	minute = c.hour * 60 + c.minute;
	if (start < end ? (minute < start || minute >= end) : (minute < start && minute >= end))
		return PORTAL_OK;
	/* Quiet: they end today, or tomorrow when they began this evening. */
	day = tz_days_from_civil(c.year, c.month, c.day) + (minute >= end);
	memset(&c, 0, sizeof(c));
	tz_civil_from_days(day, &c.year, &c.month, &c.day);
	c.hour = (int)(end / 60);
	c.minute = (int)(end % 60);
	if (tz_from_civil(z, &c, out) < 0)
		return pt_error(p, PORTAL_ERROR, NULL, "the end of the quiet hours is out of range");
	return PORTAL_OK;
}

/* ---- inbound keywords ----------------------------------------------------- */

static const char *const opt_out_words[] = {
	"STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", NULL
};
static const char *const opt_in_words[] = { "START", "UNSTOP", NULL };

static int is_one_of(const char *word, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(word, *list) == 0)
			return 1;
	return 0;
}

/* The whole message as a keyword: trimmed, upper case; "" when it is
 * longer than any keyword. */
static void keyword_of(char *out, size_t len, const char *body)
{
	size_t n;

	while (isspace((unsigned char)*body))
		body++;
	n = strlen(body);
	while (n > 0 && isspace((unsigned char)body[n - 1]))
		n--;
	out[0] = '\0';
	if (n >= len)
		return;
	for (size_t i = 0; i < n; i++)
		out[i] = (char)toupper((unsigned char)body[i]);
	out[n] = '\0';
}

/* Queue the answer `text` of `kind` to `phone`. */
static int queue_reply(portal_sms_inbound_result *out, portal *p, const char *phone,
	const char *kind)
{
	pt_outbox_draft d = { 0 };

	d.client_id = out->client_id;
	d.kind = kind;
	d.channel = "sms";
	d.recipient = phone;
	d.text = out->reply;
	return pt_outbox_queue(&out->reply_id, p, &d);
}

static int change_consent(portal_sms_inbound_result *out, portal *p, const char *phone,
	const char *word, int on)
{
	char *shop = NULL;
	int err;

	if ((err = pt_setting_text(&shop, p, "name")) < 0)
		return err;
	if (on)
		snprintf(out->reply, sizeof(out->reply), "%s: you will get our texts about your "
			"repairs and visits again. Reply STOP to stop them, HELP for help.", shop);
	else
		snprintf(out->reply, sizeof(out->reply), "%s: you will get no more texts from "
			"us. Reply START to get them again.", shop);
	free(shop);
	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_store_sms_consent_by_phone(p, phone, on, portal_now(p))) == 0 &&
	    (err = pt_audit(p, on ? "sms.opt_in" : "sms.opt_out", "ok", out->client_id, "sms",
		"%s from %s", word, phone)) == 0)
		err = queue_reply(out, p, phone, on ? "sms_opt_in" : "sms_opt_out");
	return pt_store_end(p, err);
}

static int answer_help(portal_sms_inbound_result *out, portal *p, const char *phone)
{
	char *shop = NULL, *shop_phone = NULL;
	int err;

	if ((err = pt_setting_text(&shop, p, "name")) == 0 &&
	    (err = pt_setting_text(&shop_phone, p, "phone")) == 0) {
		pt_phone_for_people(shop_phone);
		snprintf(out->reply, sizeof(out->reply), "%s: texts about your repairs and "
			"visits.%s%s%s Reply STOP to opt out, START to opt in.", shop,
			shop_phone[0] ? " Call us at " : "", shop_phone, shop_phone[0] ? "." : "");
		err = queue_reply(out, p, phone, "sms_help");
	}
	free(shop);
	free(shop_phone);
	return err;
}

int portal_sms_inbound(portal_sms_inbound_result *out, portal *p, const char *from_number,
	const char *body)
{
	char word[16], *phone = NULL;
	int err;

	memset(out, 0, sizeof(*out));
	if (body == NULL)
		return pt_error(p, PORTAL_EINVAL, "sms.body", "an inbound SMS needs its text");
	if ((err = pt_valid_phone(&phone, p, "sms.from", from_number, 1)) < 0)
		return err;
	keyword_of(word, sizeof(word), body);
	if ((err = pt_store_client_by_phone(&out->client_id, p, phone)) < 0)
		goto done;
	if (strcmp(word, "HELP") == 0) {
		out->action = PORTAL_SMS_HELP;
		err = answer_help(out, p, phone);
	} else if (out->client_id == 0) {
		/* An unknown number: nothing to change, nobody to answer. */
	} else if (is_one_of(word, opt_out_words)) {
		out->action = PORTAL_SMS_OPTED_OUT;
		err = change_consent(out, p, phone, word, 0);
	} else if (is_one_of(word, opt_in_words)) {
		out->action = PORTAL_SMS_OPTED_IN;
		err = change_consent(out, p, phone, word, 1);
	}
done:
	if (err < 0) {
		out->action = PORTAL_SMS_IGNORED;
		out->reply[0] = '\0';
		out->reply_id = 0;
	}
	free(phone);
	return err;
}

/* ---- the customer's choice in the portal ------------------------------------- */

int portal_customer_sms_consent(portal *p, const portal_session *s, int on)
{
	portal_client *c = NULL;
	int err;

	if (s == NULL || s->client_id <= 0)
		return pt_error(p, PORTAL_EINVAL, "session", "this needs an open session");
	if (on != 0 && on != 1)
		return pt_error(p, PORTAL_EINVAL, "sms_consent", "must be 0 or 1");
	if ((err = portal_client_get(&c, p, s->client_id)) < 0)
		return err;
	if (on && c->phone[0] == '\0') {
		err = pt_error(p, PORTAL_ERULE, NULL, "there is no phone number on file to text: "
			"ask the shop to add one");
	} else if ((err = pt_store_begin(p)) == 0) {
		if ((err = pt_store_sms_consent_set(p, c->id, on, portal_now(p))) == 0)
			err = pt_audit(p, on ? "sms.opt_in" : "sms.opt_out", "ok", c->id, s->source,
				"in the portal");
		err = pt_store_end(p, err);
	}
	portal_client_free(c);
	return err;
}
