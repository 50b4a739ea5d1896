/* SPDX-License-Identifier: MIT */
/*
 * portal/access.h - how a customer gets into the portal, and how the shop
 * controls it: lookups, secure links, sessions and the client's switches.
 *
 * A customer has no account. They get in one of two ways:
 *
 *  - a lookup: a number and the house number printed on their paperwork
 *    (an invoice's number, an estimate's, or the booking number of a
 *    visit's confirmation). That is a weak secret, so every miss answers
 *    the same, and misses are rate limited per network address and per
 *    number (shop settings lookup_addr_* and lookup_invoice_*);
 *  - a secure link: 256 random bits, kept by the shop only as a keyed
 *    hash, expiring (setting link_days), revocable, and optionally limited
 *    to one job. The shop sends one on demand, every message the library
 *    queues for a client carries one to the page it is about, and a dead
 *    link asks for a fresh one (portal_link_fresh()).
 *
 * Either opens a session: a second random token the portal keeps in a
 * cookie, stored hashed too, ending after session_idle_minutes without a
 * request or session_max_hours after it opened, on logout, when the
 * client's links are revoked, and when the shop turns the client's access
 * off. Every step is written to the audit log (portal/audit.h) without
 * the tokens.
 *
 * `source` arguments are the caller's network address as the front end
 * knows it ("203.0.113.7", "2001:db8::1"); NULL or "" for none. They are
 * recorded and rate limited, never trusted for anything else.
 */
#ifndef PORTAL_ACCESS_H
#define PORTAL_ACCESS_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/*
 * Sections: the parts of the portal a shop can hide from a client. The
 * dashboard, jobs, service history, profile, policies and the access log
 * are always shown.
 */
typedef enum portal_section {
	PORTAL_SECTION_INVOICES = 1 << 0,     /**< invoices and the statement */
	PORTAL_SECTION_ESTIMATES = 1 << 1,
	PORTAL_SECTION_PAYMENTS = 1 << 2,
	PORTAL_SECTION_INSPECTIONS = 1 << 3,
	PORTAL_SECTION_APPOINTMENTS = 1 << 4,
	PORTAL_SECTION_TRACKING = 1 << 5,     /**< the technician on the day of a visit */
	PORTAL_SECTION_CHAT = 1 << 6
} portal_section;

/** Every section: what a client sees unless the shop hides some. */
#define PORTAL_SECTIONS_ALL 0x7fu

/** "invoices", "estimates", ... for one section bit; NULL for others. */
PORTAL_EXTERN(const char *) portal_section_name(portal_section s);

/**
 * Parse a comma-separated list of section names ("invoices, payments";
 * case and spaces ignored; "all" for every section, "" for none) into a
 * bit set.
 * @return PORTAL_OK or PORTAL_EINVAL naming the unknown section
 */
PORTAL_EXTERN(int) portal_sections_parse(unsigned *out, const char *list);

/** The sections client `client_id` sees, as a bit set, into `*out`. */
PORTAL_EXTERN(int) portal_client_sections(unsigned *out, portal *p, portal_id client_id);

/**
 * Show client `client_id` exactly the sections in `visible` (a bit set of
 * portal_section). Takes effect on the client's next request.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL (unknown bits)
 */
PORTAL_EXTERN(int) portal_client_set_sections(portal *p, portal_id client_id,
	unsigned visible);

/**
 * Turn client `client_id`'s portal access on (1) or off (0). Off: lookups
 * and links are refused with a message to call the shop, and every open
 * session of the client ends, in one transaction. Logged.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_client_set_access(portal *p, portal_id client_id, int enabled);

/**
 * Put the house number as a customer typed it into the form addresses are
 * compared in: case, spaces and '#' ignored, "1/2" and "½" alike, a unit
 * prefix dropped ("5-120" and "#5 - 120" are civic number 120), a street
 * name after the number dropped ("120 King St W" is 120).
 * @return PORTAL_OK, or PORTAL_EINVAL when nothing like a house number is
 *         left or it does not fit `len` bytes
 */
PORTAL_EXTERN(int) portal_house_number_key(char *buf, size_t len, const char *typed);

/* ---- the address of a request -------------------------------------- */

/** Room for any address as text (an IPv6 address with a zone, and a NUL). */
#define PORTAL_SOURCE_LEN 64

/**
 * Write IP address `text` ("192.0.2.7", "2001:DB8::0:1") in the one form
 * inet_ntop() gives it ("2001:db8::1") into `out` (`len` bytes).
 * @return PORTAL_OK, or PORTAL_EINVAL when it is not an IPv4 or IPv6
 *         address or does not fit
 */
PORTAL_EXTERN(int) portal_ip_canonical(char *out, size_t len, const char *text);

/**
 * The `source` to pass for a web request that came from peer address
 * `remote_addr` carrying an X-Forwarded-For header `forwarded_for` (NULL
 * when it has none), into `out` (`len` bytes, PORTAL_SOURCE_LEN is
 * enough). The header is believed only when the peer is the shop's own
 * proxy (the setting "trusted_proxy"): then the source is its last
 * address, the one that proxy saw. Otherwise, or when that address is
 * not one, the source is the peer; "" when there is none. Anyone can
 * send the header, so nothing else is ever read from it.
 * @return PORTAL_OK (possibly ""), or a storage error reading the setting
 */
PORTAL_EXTERN(int) portal_request_source(char *out, size_t len, portal *p,
	const char *remote_addr, const char *forwarded_for);

/**
 * Did a web request from peer address `remote_addr` come through the
 * shop's own proxy (the setting "trusted_proxy")? Only then are the
 * X-Forwarded-* headers it carries believed: the client's address
 * (portal_request_source()), and the scheme and host the browser used.
 * @return 1 when it did; 0 when it did not, when no proxy is set, or when
 *         the setting cannot be read (the header is then not believed)
 */
PORTAL_EXTERN(int) portal_request_via_proxy(portal *p, const char *remote_addr);

/* ---- sessions ------------------------------------------------------ */

/** Length of a token as text: 256 bits in URL-safe base64, unpadded. */
#define PORTAL_TOKEN_LEN 43

/**
 * An open session, as returned to the front end. `token` is the session
 * id to hand the browser (a cookie); `csrf` is the token every form of
 * this session carries back. Both are secrets: never log them.
 * Freed (and wiped) with portal_session_free().
 */
typedef struct portal_session {
	portal_id id;
	portal_id client_id;
	portal_id job_id;           /**< the only job it shows; 0: every job */
	portal_id link_id;          /**< the link that opened it; 0: a lookup */
	unsigned sections;          /**< portal_section bits the client sees */
	portal_time created_at;
	/** When the idle timer last restarted: this request, or one less
	 * than a minute before it (a check renews at most once a minute). */
	portal_time last_seen_at;
	portal_time expires_at;     /**< when it ends if no request comes first */
	char token[PORTAL_TOKEN_LEN + 1];
	char csrf[PORTAL_TOKEN_LEN + 1];
	char source[64];            /**< the address of the current request */
} portal_session;

/** Wipe and free a session. NULL is a no-op. */
PORTAL_EXTERN(void) portal_session_free(portal_session *s);

/**
 * The shop's preview of client `client_id`'s portal (limited to job
 * `job_id` when not 0, as through a link for that job), into `*out`
 * (the caller frees it with portal_session_free()): a session to show
 * their pages with portal_view() and their invoice PDFs, made without
 * writing anything. No link, no session and no entry of the client's
 * access log is made; its `id` is 0 and it has no token and no CSRF
 * token, so no form is accepted with it, and every action of the
 * customer (portal/customer.h) refuses it with PORTAL_EDENIED. A client
 * whose access is off can be previewed.
 * @return PORTAL_OK; PORTAL_ENOTFOUND for an unknown client or a job that
 *         is not theirs
 */
PORTAL_EXTERN(int) portal_preview_session(portal_session **out, portal *p,
	portal_id client_id, portal_id job_id);

/**
 * Look up a client by a number and a house number, as a customer typed
 * them, from network address `source`. The number is an issued invoice's
 * ("10231"), a sent estimate's ("E1009") or a booking number ("J12": the
 * job of a visit; "V7": a visit without one), all normalised as
 * portal_invoice_number_key() does. A match opens a session (`*out`, the
 * caller frees it) for the whole client.
 *
 * Every miss (no such number, another house, a draft invoice, an estimate
 * not sent), whatever kind of number was typed, gives the same
 * PORTAL_ENOTFOUND and message, after about the same work, and counts
 * against the address and the number. An address or invoice
 * number over its limit is refused with PORTAL_ERATELIMIT (the message
 * says when to try again) even when the pair is right; locks end on their
 * own and never block a secure link. A match for a client whose access is
 * off is PORTAL_EDENIED with a message to call the shop.
 *
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_ERATELIMIT, PORTAL_EDENIED
 */
PORTAL_EXTERN(int) portal_lookup(portal_session **out, portal *p,
	const char *invoice_number, const char *house_number, const char *source);

/**
 * How many seconds from now until lookups of `invoice_number` (as typed)
 * from `source` are no longer refused, into `*seconds`: the later end of
 * the locks on the address and on the invoice number, at least 1 while
 * either holds, 0 when neither does. For a front end's Retry-After after
 * portal_lookup() answered PORTAL_ERATELIMIT. Nothing is counted or logged.
 * @return PORTAL_OK, or a storage error
 */
PORTAL_EXTERN(int) portal_lookup_retry_after(int64_t *seconds, portal *p,
	const char *invoice_number, const char *source);

/**
 * Exchange the token of a secure link for a session (`*out`, the caller
 * frees it) limited to the link's job if it has one. Marks the link used.
 * An unknown, expired or revoked token is PORTAL_ENOTFOUND with a message
 * that says which and to ask the shop for a new link; a client whose
 * access is off is PORTAL_EDENIED.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EDENIED
 */
PORTAL_EXTERN(int) portal_link_open(portal_session **out, portal *p,
	const char *token, const char *source);

/**
 * The one answer to a request for a fresh link that is not rate limited,
 * whatever became of it: a front end shows exactly these words.
 */
#define PORTAL_LINK_FRESH_ANSWER "If that link was one of ours, a fresh link is on " \
	"its way to the email address or phone number we have on file for you."

/**
 * "Send me a fresh link", asked from network address `source` by whoever
 * holds `token`, a link that no longer opens (expired or revoked). When
 * the token is a link of the shop's, a new link for the same client and
 * job is queued (portal/outbox.h) to the email address, else the phone,
 * the shop has on file for that client: never to one the asker gives.
 * Nothing tells the asker whether that happened: an unknown token, a
 * client whose access is off, one the shop cannot reach and one who was
 * sent fresh_link_client_limit links within
 * fresh_link_client_window_minutes all answer PORTAL_OK too, and the
 * front end shows PORTAL_LINK_FRESH_ANSWER. Only the address's own limit
 * shows: more than fresh_link_addr_limit requests from `source` within
 * fresh_link_addr_window_minutes are PORTAL_ERATELIMIT, with the seconds
 * until it ends in `*retry_after` (0 otherwise). Every request is logged
 * (event "link.fresh"), without the token.
 * @return PORTAL_OK, PORTAL_ERATELIMIT
 */
PORTAL_EXTERN(int) portal_link_fresh(int64_t *retry_after, portal *p, const char *token,
	const char *source);

/**
 * The check a front end makes on every request: is `token` (from the
 * cookie) an open session? On success `*out` (the caller frees it) is the
 * session with its CSRF token and the client's current sections, and the
 * idle timer restarts when it last did a minute ago or more; otherwise
 * the check reads only, without taking the write lock. An unknown,
 * ended, idle or too old session is
 * PORTAL_ENOTFOUND with a message saying which (an expired one is ended
 * and logged).
 * @return PORTAL_OK, PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_session_check(portal_session **out, portal *p,
	const char *token, const char *source);

/**
 * portal_session_check() for a form sent in session `token`: the session
 * is returned, and its idle timer restarted, only when `csrf` (the form's
 * field; NULL counts as missing) is the session's CSRF token. A form with
 * a missing or wrong token is PORTAL_EDENIED and changes nothing.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EDENIED
 */
PORTAL_EXTERN(int) portal_session_check_form(portal_session **out, portal *p,
	const char *token, const char *csrf, const char *source);

/**
 * 1 when `csrf` (from a form) is the CSRF token of session `s`, else 0.
 * Compared in constant time; NULL is never valid.
 */
PORTAL_EXTERN(int) portal_session_csrf_ok(const portal_session *s, const char *csrf);

/**
 * Log out: end the session whose token is `token`. Logged.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (unknown or already ended)
 */
PORTAL_EXTERN(int) portal_session_end(portal *p, const char *token, const char *source);

/* ---- secure links -------------------------------------------------- */

/** Options of a new link. */
typedef struct portal_link_fields {
	unsigned int version;
	/** Limit the link to this job of the client; 0 for the whole client. */
	portal_id job_id;
	/** Days until it expires (1..365); 0 for the shop's link_days. */
	int days;
} portal_link_fields;

#define PORTAL_LINK_FIELDS_VERSION 1
#define PORTAL_LINK_FIELDS_INIT { PORTAL_LINK_FIELDS_VERSION, 0, 0 }

/**
 * Create a secure link for client `client_id` (`f` may be NULL for the
 * defaults). The full URL (the shop's portal_url + "/k/" + token) goes to
 * `url` and can never be read again: only its keyed hash is stored.
 * `id` (may be NULL) receives the link's id. Logged without the token.
 * @return PORTAL_OK, PORTAL_ENOTFOUND (client, or a job not theirs),
 *         PORTAL_EINVAL (days), PORTAL_EDENIED (access is off)
 */
PORTAL_EXTERN(int) portal_link_create(portal_buf *url, portal_id *id, portal *p,
	portal_id client_id, const portal_link_fields *f);

/**
 * Create a secure link for client `client_id` (as portal_link_create(),
 * `f` may be NULL) and queue it for the customer by `channel`, "email" or
 * "sms", in one transaction: the URL goes only to the customer, never to
 * the shop. `id` (may be NULL) receives the link's id. portal/outbox.h
 * delivers it.
 * @return as portal_link_create(); PORTAL_EINVAL for another channel;
 *         PORTAL_ERULE when the client cannot be reached that way (no
 *         email address, no phone or no SMS consent: the message says)
 */
PORTAL_EXTERN(int) portal_link_send(portal_id *id, portal *p, portal_id client_id,
	const portal_link_fields *f, const char *channel);

/** A link as the shop sees it: never its token. */
typedef struct portal_link {
	portal_id id;
	portal_id client_id;
	portal_id job_id;           /**< 0: the whole client */
	portal_time created_at;
	portal_time expires_at;
	portal_time last_used_at;   /**< 0: never used */
	portal_time revoked_at;     /**< 0: not revoked */
} portal_link;

/** "active", "expired" or "revoked": the state of `l` at `now`. */
PORTAL_EXTERN(const char *) portal_link_state(const portal_link *l, portal_time now);

/**
 * Call `cb` for each link of client `client_id`, newest first. The link is
 * valid during the call; a non-zero return stops the walk and is returned.
 */
PORTAL_EXTERN(int) portal_link_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_link *l, void *ctx), void *ctx);

/** The links of `client_id` as a JSON array (with their state), into `out`. */
PORTAL_EXTERN(int) portal_link_list_json(portal_buf *out, portal *p, portal_id client_id);

/**
 * Revoke link `link_id` and end the sessions it opened, in one
 * transaction. Logged. Revoking a revoked link changes nothing.
 * @return PORTAL_OK, PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_link_revoke(portal *p, portal_id link_id);

/**
 * Revoke every link of client `client_id` and end all their sessions
 * (lookups' too), in one transaction. `count` (may be NULL) receives how
 * many links were revoked. Logged.
 * @return PORTAL_OK, PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_link_revoke_all(int *count, portal *p, portal_id client_id);

PORTAL_END_DECL

#endif
