/* SPDX-License-Identifier: MIT */
/*
 * errors.c - return codes and the per-handle error message.
 */
#include "internal.h"
#include "validate.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* What the customer reads when the shop's own machinery failed: its
 * details are for the shop's log, not for them. */
#define SAY_OUR_SIDE "Something went wrong on our side; please try again later."

const char *portal_strerror(int code)
{
	switch (code) {
	case PORTAL_OK: return "ok";
	case PORTAL_ERROR: return "internal error";
	case PORTAL_ENOMEM: return "out of memory";
	case PORTAL_EINVAL: return "invalid value";
	case PORTAL_ENOTFOUND: return "not found";
	case PORTAL_EDENIED: return "access denied";
	case PORTAL_ERULE: return "refused by a rule";
	case PORTAL_ERATELIMIT: return "too many attempts";
	case PORTAL_ESTORE: return "database error";
	case PORTAL_EIO: return "input/output error";
	case PORTAL_ENOTDB: return "not a portal database";
	case PORTAL_EVERSION: return "database from a newer version";
	case PORTAL_EEXISTS: return "already exists";
	default: return "unknown error";
	}
}

const char *portal_errmsg(const portal *p)
{
	if (p == NULL)
		return "out of memory";
	return p->errmsg[0] ? p->errmsg : "ok";
}

const char *portal_errmsg_customer(const portal *p)
{
	if (p == NULL)
		return SAY_OUR_SIDE;
	return p->errsay[0] ? p->errsay : "ok";
}

const char *portal_errfield(const portal *p)
{
	if (p == NULL || p->errfield[0] == '\0')
		return NULL;
	return p->errfield;
}

/* A refusal of what was asked, which the customer can act on, as opposed
 * to a failure of the store, a file or memory. */
static int is_refusal(int code)
{
	return code == PORTAL_EINVAL || code == PORTAL_ENOTFOUND || code == PORTAL_EDENIED ||
		code == PORTAL_ERULE || code == PORTAL_ERATELIMIT || code == PORTAL_EEXISTS;
}

/* `s` as a sentence: a capital first, a full stop last. */
static void make_sentence(char *s, size_t size)
{
	size_t n = strlen(s);

	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)toupper((unsigned char)s[0]);
	if (n > 0 && !strchr(".!?", s[n - 1]) && n + 1 < size) {
		s[n] = '.';
		s[n + 1] = '\0';
	}
}

/* The customer's sentence until pt_say() words one: the message without
 * its field (a name for the program, not for people). */
static void default_say(portal *p, int code, const char *msg)
{
	if (!is_refusal(code)) {
		snprintf(p->errsay, sizeof(p->errsay), "%s", SAY_OUR_SIDE);
		return;
	}
	snprintf(p->errsay, sizeof(p->errsay), "%s", msg);
	pt_text_scrub(p->errsay);
	make_sentence(p->errsay, sizeof(p->errsay));
}

int pt_verror(portal *p, int code, const char *field, const char *fmt, va_list ap)
{
	char msg[sizeof(p->errmsg) - sizeof(p->errfield) - 2];

	if (p == NULL)
		return code;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (field != NULL) {
		snprintf(p->errfield, sizeof(p->errfield), "%s", field);
		snprintf(p->errmsg, sizeof(p->errmsg), "%s: %s", field, msg);
	} else {
		p->errfield[0] = '\0';
		snprintf(p->errmsg, sizeof(p->errmsg), "%s", msg);
	}
	/* Messages quote what people typed; a newline or escape sequence in
	 * it must not start a second line in a log or on a terminal, nor a
	 * message cut short end in half a character. */
	pt_text_scrub(p->errmsg);
	default_say(p, code, msg);
	return code;
}

int pt_say(portal *p, int code, const char *fmt, ...)
{
	va_list ap;

	if (p == NULL)
		return code;
	va_start(ap, fmt);
	vsnprintf(p->errsay, sizeof(p->errsay), fmt, ap);
	va_end(ap);
	pt_text_scrub(p->errsay);
	make_sentence(p->errsay, sizeof(p->errsay));
	return code;
}

/* The fields a customer's form can send, in the customer's words. */
static const struct { const char *field, *words; } field_words[] = {
	{ "estimate.name", "your name" },
	{ "client.name", "your name" },
	{ "client.email", "the email address" },
	{ "client.phone", "the phone number" },
	{ "request.problem", "the description of the problem" },
	{ "address.house_number", "the house number" },
	{ "address.unit", "the unit" },
	{ "address.street", "the street" },
	{ "address.city", "the city" },
	{ "address.region", "the province or state" },
	{ "address.postal_code", "the postal code" },
	{ "address.country", "the country" },
};

const char *pt_field_words(const char *field)
{
	for (size_t i = 0; field && i < sizeof(field_words) / sizeof(field_words[0]); i++)
		if (strcmp(field_words[i].field, field) == 0)
			return field_words[i].words;
	return "this field";
}

int pt_error(portal *p, int code, const char *field, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	code = pt_verror(p, code, field, fmt, ap);
	va_end(ap);
	return code;
}

int pt_oom(portal *p)
{
	return pt_error(p, PORTAL_ENOMEM, NULL, "out of memory");
}
