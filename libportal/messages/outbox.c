/* SPDX-License-Identifier: MIT */
/*
 * outbox.c - the outbox: messages rendered in full and queued, and read
 * back by the shop.
 *
 * An email is stored exactly as the sendmail program will receive it, so
 * what `portal outbox show` prints is what the customer gets.
 */
#include "outbox_queue.h"
#include "local_days.h"
#include "settings.h"
#include "json.h"
#include "store_outbox.h"
#include "tz.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* RFC 5322 caps a line at 998 octets before its CRLF. */
#define EMAIL_LINE_MAX 998
/* An encoded-word is at most 75 characters: 12 of framing and the base64
 * of at most 45 octets (60 characters). */
#define ENCODED_WORD_OCTETS 45

int pt_outbox_is_reply(const char *kind)
{
	return strncmp(kind, "sms_", 4) == 0;
}

int pt_outbox_needs_consent(const char *kind)
{
	return strcmp(kind, "sms_opt_out") != 0 && strcmp(kind, "sms_help") != 0;
}

int pt_shop_domain(char **out, portal *p)
{
	char *email = NULL, *url = NULL;
	const char *at, *host;
	size_t n;
	int err;

	if ((err = pt_setting_text(&email, p, "email")) < 0)
		return err;
	if ((at = strchr(email, '@')) != NULL && at[1] != '\0') {
		*out = pt_strdup(at + 1);
		free(email);
		return *out ? PORTAL_OK : pt_oom(p);
	}
	free(email);
	if ((err = pt_setting_text(&url, p, "portal_url")) < 0)
		return err;
	host = strstr(url, "://");
	host = host ? host + 3 : url;
	n = strcspn(host, ":/");
	if (n == 0) {
		host = "localhost";
		n = strlen(host);
	}
	if ((*out = malloc(n + 1)) != NULL) {
		memcpy(*out, host, n);
		(*out)[n] = '\0';
	}
	free(url);
	return *out ? PORTAL_OK : pt_oom(p);
}

/* ---- email rendering ------------------------------------------------- */

static int is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 0;
	return 1;
}

/* Characters a phrase may hold without quoting (atext and spaces). */
static int is_plain_phrase(const char *s)
{
	for (; *s; s++)
		if (!(*s == ' ' || (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || strchr("!#$%&'*+-/=?^_`{|}~", *s)))
			return 0;
	return 1;
}

/* `s` as RFC 2047 "B" encoded-words, folded onto continuation lines, each
 * word holding whole UTF-8 characters. */
static int put_encoded_words(portal_buf *b, const char *s)
{
	char b64[sodium_base64_ENCODED_LEN(ENCODED_WORD_OCTETS,
		sodium_base64_VARIANT_ORIGINAL)];
	size_t len = strlen(s), off = 0, n;
	int err = 0;

	while (err == 0 && off < len) {
		n = len - off < ENCODED_WORD_OCTETS ? len - off : ENCODED_WORD_OCTETS;
		/* Back up to the start of a character. */
		while (off + n < len && n > 0 && ((unsigned char)s[off + n] & 0xC0) == 0x80)
			n--;
		sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)s + off, n,
			sodium_base64_VARIANT_ORIGINAL);
		err = pt_buf_printf(b, "%s=?UTF-8?B?%s?=", off ? "\r\n " : "", b64);
		off += n;
	}
	return err;
}

/* An ASCII subject folded at spaces to keep lines near 78 characters
 * (RFC 5322 2.2.3); `used` is what the line already holds. */
static int put_folded_words(portal_buf *b, const char *s, size_t used)
{
	int err = 0;

	while (err == 0 && *s) {
		size_t n = strcspn(s + 1, " ") + 1;
		if (used + n > 78 && used > 10 && *s == ' ') {
			err = pt_buf_puts(b, "\r\n");
			used = 0;
		}
		if (err == 0)
			err = pt_buf_put(b, s, n);
		used += n;
		s += n;
	}
	return err;
}

/* A display name or subject: as it is when it can be, else quoted
 * (ASCII) or encoded (anything else). */
static int put_phrase(portal_buf *b, const char *s, int quote)
{
	int err = 0;

	if (!is_ascii(s))
		return put_encoded_words(b, s);
	if (!quote)
		return put_folded_words(b, s, strlen("Subject: "));
	if (is_plain_phrase(s))
		return pt_buf_puts(b, s);
	err = pt_buf_puts(b, "\"");
	for (; err == 0 && *s; s++)
		err = (*s == '"' || *s == '\\') ? pt_buf_printf(b, "\\%c", *s) : pt_buf_put(b, s, 1);
	return err ? err : pt_buf_puts(b, "\"");
}

static int put_mailbox(portal_buf *b, const char *header, const char *name, const char *addr)
{
	int err = pt_buf_printf(b, "%s: ", header);

	if (err == 0 && name && *name) {
		err = put_phrase(b, name, 1);
		if (err == 0)
			err = pt_buf_printf(b, " <%s>\r\n", addr);
		return err;
	}
	return err ? err : pt_buf_printf(b, "%s\r\n", addr);
}

/* "Sun, 22 Nov 2026 10:00:00 -0500": the shop's local time and offset. */
static int put_date(portal_buf *b, portal *p, portal_time t)
{
	static const char *const days[] = { "Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat" };
	static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
		"Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	const tz *z = pt_shop_tz(p);
	int32_t off;
	tz_civil c;

	if (z == NULL)
		return PORTAL_EIO;
	pt_tz_to_civil(z, t, &c);
	off = c.utc_offset < 0 ? -c.utc_offset : c.utc_offset;
	return pt_buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d %c%02d%02d\r\n",
		days[c.wday % 7], c.day, months[(c.month - 1) % 12], c.year, c.hour, c.minute,
		c.second, c.utc_offset < 0 ? '-' : '+', (int)(off / 3600), (int)(off % 3600 / 60));
}

static int put_message_id(portal_buf *b, portal *p, portal_time t)
{
	unsigned char rnd[12];
	char hex[sizeof(rnd) * 2 + 1], *domain = NULL;
	int err;

	if ((err = pt_shop_domain(&domain, p)) < 0)
		return err;
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
	err = pt_buf_printf(b, "Message-ID: <%lld.%s@%s>\r\n", (long long)t, hex, domain);
	free(domain);
	return err;
}

/* The body with CRLF line ends; a line longer than the limit is broken at
 * its last space before it, or between two characters. */
static int put_body(portal_buf *b, const char *text)
{
	int err = 0;

	while (err == 0 && *text) {
		size_t n = strcspn(text, "\n"), end = n, cut;

		if (end > 0 && text[end - 1] == '\r')
			end--;
		if (end <= EMAIL_LINE_MAX) {
			if ((err = pt_buf_put(b, text, end)) == 0)
				err = pt_buf_puts(b, "\r\n");
			text += n + (text[n] == '\n');
			continue;
		}
		for (cut = EMAIL_LINE_MAX; cut > 0 && text[cut] != ' '; cut--)
			;
		if (cut == 0)
			for (cut = EMAIL_LINE_MAX; ((unsigned char)text[cut] & 0xC0) == 0x80; cut--)
				;
		if ((err = pt_buf_put(b, text, cut)) == 0)
			err = pt_buf_puts(b, "\r\n");
		text += cut + (text[cut] == ' ');
	}
	return err;
}

int pt_email_render(portal_buf *out, portal *p, const pt_outbox_draft *d)
{
	char *shop = NULL, *shop_email = NULL;
	portal_time now = portal_now(p);
	int err;

	if ((err = pt_setting_text(&shop, p, "name")) < 0 ||
	    (err = pt_setting_text(&shop_email, p, "email")) < 0)
		goto done;
	if ((err = put_mailbox(out, "From", shop, shop_email)) < 0 ||
	    (err = put_mailbox(out, "To", d->to_name, d->recipient)) < 0 ||
	    (err = pt_buf_puts(out, "Subject: ")) < 0 ||
	    (err = put_phrase(out, d->subject, 0)) < 0 ||
	    (err = pt_buf_puts(out, "\r\n")) < 0 ||
	    (err = put_date(out, p, now)) < 0 ||
	    (err = put_message_id(out, p, now)) < 0 ||
	    (err = pt_buf_puts(out, "MIME-Version: 1.0\r\n"
		"Content-Type: text/plain; charset=UTF-8\r\n"
		"Content-Transfer-Encoding: 8bit\r\n"
		"Auto-Submitted: auto-generated\r\n\r\n")) < 0)
		goto done;
	err = put_body(out, d->text);
done:
	free(shop);
	free(shop_email);
	return err == PORTAL_ENOMEM ? pt_oom(p) : err;
}

/* ---- queueing ----------------------------------------------------------- */

int pt_outbox_queue(portal_id *id, portal *p, const pt_outbox_draft *d)
{
	portal_outbox_message m;
	portal_buf email = PORTAL_BUF_INIT;
	int sms = strcmp(d->channel, "sms") == 0, err;

	if (p->quiet) {
		if (id != NULL)
			*id = 0;
		return PORTAL_OK;
	}
	memset(&m, 0, sizeof(m));
	m.client_id = d->client_id;
	m.channel = (char *)d->channel;
	m.kind = (char *)d->kind;
	m.subject_id = d->subject_id;
	m.recipient = (char *)d->recipient;
	m.created_at = m.not_before = portal_now(p);
	if (sms) {
		m.message = (char *)d->text;
		if ((m.segments = portal_sms_segments(d->text, NULL)) < 0)
			return pt_error(p, PORTAL_EINVAL, "outbox.message", "the text is not UTF-8");
		if (!pt_outbox_is_reply(d->kind) &&
		    (err = pt_sms_quiet_end(&m.not_before, p, m.created_at)) < 0)
			return err;
	} else {
		if ((err = pt_email_render(&email, p, d)) < 0)
			goto done;
		m.message = email.ptr;
	}
	err = pt_store_outbox_insert(id, p, &m);
done:
	portal_buf_dispose(&email);
	return err;
}

/* ---- reading ------------------------------------------------------------ */

int portal_outbox_foreach(portal *p, portal_outbox_filter filter,
	int (*cb)(const portal_outbox_message *m, void *ctx), void *ctx)
{
	if (filter < PORTAL_OUTBOX_ALL || filter > PORTAL_OUTBOX_ONLY_FAILED)
		return pt_error(p, PORTAL_EINVAL, "filter", "not an outbox filter");
	return pt_store_outbox_foreach(p, filter, cb, ctx);
}

int portal_outbox_get(portal_outbox_message **out, portal *p, portal_id id)
{
	*out = NULL;
	return pt_store_outbox_get(out, p, id);
}

static cJSON *message_to_json(portal *p, const portal_outbox_message *m, int full)
{
	cJSON *o = cJSON_CreateObject();
	int failed = o == NULL;

	failed |= !pt_json_add_id(o, "id", m->id) ||
		!pt_json_add_id(o, "client_id", m->client_id) ||
		!cJSON_AddStringToObject(o, "channel", m->channel) ||
		!cJSON_AddStringToObject(o, "kind", m->kind) ||
		!pt_json_add_id(o, "subject_id", m->subject_id) ||
		!cJSON_AddStringToObject(o, "recipient", m->recipient) ||
		!cJSON_AddStringToObject(o, "status", portal_outbox_status_name(m->status)) ||
		!cJSON_AddNumberToObject(o, "segments", m->segments) ||
		!cJSON_AddNumberToObject(o, "created_at", (double)m->created_at) ||
		!pt_json_add_time(o, "created_at_text", p, m->created_at) ||
		!cJSON_AddNumberToObject(o, "not_before", (double)m->not_before) ||
		!pt_json_add_time(o, "not_before_text", p, m->not_before) ||
		!cJSON_AddNumberToObject(o, "attempts", m->attempts) ||
		!cJSON_AddStringToObject(o, "last_error", m->last_error) ||
		!(m->delivered_at ? cJSON_AddNumberToObject(o, "delivered_at",
			(double)m->delivered_at) : cJSON_AddNullToObject(o, "delivered_at")) ||
		!pt_json_add_time(o, "delivered_at_text", p, m->delivered_at) ||
		(full && !cJSON_AddStringToObject(o, "message", m->message));
	if (failed) {
		cJSON_Delete(o);
		return NULL;
	}
	return o;
}

static int walk_message(const portal_outbox_message *m, void *ctx)
{
	pt_json_walk *w = ctx;

	return pt_json_walk_add(w, message_to_json(w->p, m, 0));
}

int portal_outbox_list_json(portal_buf *out, portal *p, portal_outbox_filter filter)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err;

	if (w.array == NULL)
		return pt_oom(p);
	err = portal_outbox_foreach(p, filter, walk_message, &w);
	return pt_json_finish(out, p, w.array, err);
}

int portal_outbox_json(portal_buf *out, portal *p, portal_id id)
{
	portal_outbox_message *m = NULL;
	cJSON *o = NULL;
	int err;

	if ((err = portal_outbox_get(&m, p, id)) == 0 && (o = message_to_json(p, m, 1)) == NULL)
		err = pt_oom(p);
	portal_outbox_message_free(m);
	return pt_json_finish(out, p, o, err);
}
