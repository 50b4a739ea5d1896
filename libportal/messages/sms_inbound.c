/* SPDX-License-Identifier: MIT */
/*
 * sms_inbound.c - the customer's SMS consent and the keywords customers
 * text back: STOP and its synonyms, START, HELP.
 */
#include "outbox_queue.h"
#include "store.h"
#include "civil_words.h"
#include "settings.h"
#include "audit_log.h"
#include "store_outbox.h"
#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	if ((err = pt_store_client_get(&c, p, s->client_id)) < 0)
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
