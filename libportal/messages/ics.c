/* SPDX-License-Identifier: MIT */
/*
 * ics.c - a visit as an iCalendar object (RFC 5545).
 *
 * The rules relied on: content lines end with CRLF (3.1); a line longer
 * than 75 octets is folded by CRLF and one space, and we fold between
 * UTF-8 characters, never inside one; TEXT values escape backslash,
 * semicolon, comma and newline (3.3.11); DTSTAMP, DTSTART and DTEND are
 * UTC times with "Z" (3.3.5, form 2), so no VTIMEZONE is needed.
 */
#include "internal.h"
#include "civil_words.h"
#include "local_days.h"
#include "store.h"
#include "store_appointment.h"
#include "settings.h"
#include "outbox_queue.h"
#include "tz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ICS_LINE_OCTETS 75

/* Write the content line `line` folded at 75 octets, each part ending at
 * a character boundary. */
static int put_folded(portal_buf *out, const char *line)
{
	size_t len = strlen(line), off = 0, max = ICS_LINE_OCTETS;
	int err = 0;

	while (err == 0) {
		size_t n = len - off;
		if (n > max) {
			n = max;
			while (n > 0 && ((unsigned char)line[off + n] & 0xC0) == 0x80)
				n--;
		}
		if ((err = pt_buf_put(out, line + off, n)) == 0)
			err = pt_buf_puts(out, "\r\n");
		off += n;
		if (off >= len)
			break;
		/* The space that starts a continuation line is one of its 75. */
		if (err == 0)
			err = pt_buf_puts(out, " ");
		max = ICS_LINE_OCTETS - 1;
	}
	return err;
}

/* Append `s` as an escaped TEXT value. */
static int put_text(portal_buf *b, const char *s)
{
	int err = 0;

	for (; err == 0 && *s; s++) {
		switch (*s) {
		case '\\': err = pt_buf_puts(b, "\\\\"); break;
		case ';': err = pt_buf_puts(b, "\\;"); break;
		case ',': err = pt_buf_puts(b, "\\,"); break;
		case '\n': err = pt_buf_puts(b, "\\n"); break;
		case '\r': break;
		default: err = pt_buf_put(b, s, 1); break;
		}
	}
	return err;
}

/* One property: NAME:VALUE with the value escaped as TEXT when `text`. */
static int put_property(portal_buf *out, const char *name, const char *value, int text)
{
	portal_buf line = PORTAL_BUF_INIT;
	int err = pt_buf_printf(&line, "%s:", name);

	if (err == 0)
		err = text ? put_text(&line, value) : pt_buf_puts(&line, value);
	if (err == 0)
		err = put_folded(out, line.ptr);
	portal_buf_dispose(&line);
	return err;
}

/* "20261123T130000Z". */
static char *utc_stamp(char buf[17], portal_time t)
{
	int64_t days = t / 86400, secs = t % 86400;
	int y, m, d;

	if (secs < 0) {
		secs += 86400;
		days--;
	}
	pt_tz_civil_from_days(days, &y, &m, &d);
	snprintf(buf, 17, "%04u%02u%02uT%02u%02u%02uZ", (unsigned)y % 10000u, (unsigned)m % 100u,
		(unsigned)d % 100u, (unsigned)(secs / 3600), (unsigned)(secs / 60 % 60),
		(unsigned)(secs % 60));
	return buf;
}

/* The words of the event: the window, the cancellation terms, the shop. */
static int describe(portal_buf *b, portal *p, const portal_appointment *a, const char *shop,
	const char *phone)
{
	char window[PORTAL_WORDS_LEN], until[PORTAL_WORDS_LEN];
	char fee_text[PORTAL_MONEY_STRLEN], *url = NULL;
	int64_t notice, fee;
	int err;

	if ((err = pt_setting_int(&notice, p, "cancellation_notice_hours")) < 0 ||
	    (err = pt_setting_int(&fee, p, "late_cancellation_fee")) < 0 ||
	    (err = pt_setting_text(&url, p, "portal_url")) < 0)
		return err;
	if ((err = pt_window_words(window, sizeof(window), p, a->window_start,
			a->window_end, PT_WORDS_NOW)) < 0 ||
	    (err = pt_time_words(until, sizeof(until), p, a->window_start - notice * 3600,
			PORTAL_WORDS_DAY_TIME, PT_WORDS_NOW)) < 0) {
		free(url);
		return err;
	}
	portal_shop_money_format(fee_text, p, fee);
	if (a->status == PORTAL_APPT_CANCELLED)
		err = pt_buf_printf(b, "This visit was cancelled.\n");
	else
		err = pt_buf_printf(b, "The technician arrives %s.\n", window);
	if (err == 0 && a->status != PORTAL_APPT_CANCELLED) {
		if (fee > 0)
			err = pt_buf_printf(b, "Cancellation is free until %s; after that, a late "
				"cancellation fee of %s applies.\n", until, fee_text);
		else
			err = pt_buf_printf(b, "Cancellation is free.\n");
	}
	if (err == 0)
		err = pt_buf_printf(b, "Your portal: %s\n%s%s%s", url, shop,
			phone[0] ? ", " : "", phone);
	free(url);
	return err;
}

static int write_event(portal_buf *out, portal *p, const portal_appointment *a)
{
	portal_address *addr = NULL;
	portal_buf where = PORTAL_BUF_INIT, text = PORTAL_BUF_INIT, uid = PORTAL_BUF_INIT;
	char *shop = NULL, *phone = NULL, *domain = NULL, stamp[17], summary[300];
	int cancelled = a->status == PORTAL_APPT_CANCELLED, err;

	if ((err = pt_setting_text(&shop, p, "name")) < 0 ||
	    (err = pt_setting_text(&phone, p, "phone")) < 0 ||
	    (pt_phone_for_people(phone), 0) ||
	    (err = pt_shop_domain(&domain, p)) < 0 ||
	    (err = describe(&text, p, a, shop, phone)) < 0)
		goto done;
	if (a->address_id && pt_store_address_get(&addr, p, a->address_id) == 0)
		err = portal_address_format(&where, addr);
	snprintf(summary, sizeof(summary), "%s from %s", cancelled ? "Cancelled: visit" : "Visit",
		shop);
	if (err == 0)
		err = pt_buf_printf(&uid, "appointment-%lld@%s", (long long)a->id, domain);
	if (err < 0 ||
	    (err = put_property(out, "BEGIN", "VEVENT", 0)) < 0 ||
	    (err = put_property(out, "UID", uid.ptr, 0)) < 0 ||
	    (err = put_property(out, "DTSTAMP", utc_stamp(stamp, portal_now(p)), 0)) < 0 ||
	    (err = put_property(out, "DTSTART", utc_stamp(stamp, a->window_start), 0)) < 0 ||
	    (err = put_property(out, "DTEND", utc_stamp(stamp, a->window_end), 0)) < 0 ||
	    /* A calendar replaces the event it has only for a higher sequence. */
	    (err = put_property(out, "SEQUENCE", cancelled ? "1" : "0", 0)) < 0 ||
	    (err = put_property(out, "STATUS", cancelled ? "CANCELLED" : "CONFIRMED", 0)) < 0 ||
	    (err = put_property(out, "SUMMARY", summary, 1)) < 0 ||
	    (where.ptr && (err = put_property(out, "LOCATION", where.ptr, 1)) < 0) ||
	    (err = put_property(out, "DESCRIPTION", text.ptr, 1)) < 0)
		goto done;
	err = put_property(out, "END", "VEVENT", 0);
done:
	portal_address_free(addr);
	portal_buf_dispose(&where);
	portal_buf_dispose(&text);
	portal_buf_dispose(&uid);
	free(shop);
	free(phone);
	free(domain);
	return err;
}

int portal_appointment_ics(portal_buf *out, portal *p, portal_id id)
{
	portal_appointment *a = NULL;
	portal_buf ics = PORTAL_BUF_INIT;
	char prodid[80];
	int err;

	if ((err = pt_store_appointment_get(&a, p, id)) < 0)
		return err;
	snprintf(prodid, sizeof(prodid), "-//libportal//portal %s//EN", portal_version());
	if ((err = put_property(&ics, "BEGIN", "VCALENDAR", 0)) < 0 ||
	    (err = put_property(&ics, "VERSION", "2.0", 0)) < 0 ||
	    (err = put_property(&ics, "PRODID", prodid, 0)) < 0 ||
	    (err = put_property(&ics, "CALSCALE", "GREGORIAN", 0)) < 0 ||
	    (err = put_property(&ics, "METHOD", "PUBLISH", 0)) < 0 ||
	    (err = write_event(&ics, p, a)) < 0 ||
	    (err = put_property(&ics, "END", "VCALENDAR", 0)) < 0)
		goto done;
	portal_buf_dispose(out);
	*out = ics;
	ics = (portal_buf)PORTAL_BUF_INIT;
done:
	portal_buf_dispose(&ics);
	portal_appointment_free(a);
	return err == PORTAL_ENOMEM ? pt_oom(p) : err;
}
