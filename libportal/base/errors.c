/*
 * errors.c - return codes and the per-handle error message.
 */
#include "internal.h"
#include "validate.h"

#include <stdio.h>
#include <string.h>

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

const char *portal_errfield(const portal *p)
{
	if (p == NULL || p->errfield[0] == '\0')
		return NULL;
	return p->errfield;
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
	return code;
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
