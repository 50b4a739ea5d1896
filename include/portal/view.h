/* SPDX-License-Identifier: MIT */
/*
 * portal/view.h - what the customer sees, as JSON documents.
 *
 * Each page of the portal is a view: one JSON object the library builds
 * for a session, honouring its job scope and the sections the shop lets
 * the client see. The web portal, the CLI's preview and the bindings all
 * show these same documents; docs/views.md describes every field.
 *
 * Every view has the same frame:
 *
 *     { "view": "invoices", "generated_at": 1795359600,
 *       "generated_at_text": "2026-11-22T10:00:00-05:00", "client": {"name": ...},
 *       "shop": {"name": ..., "phone": ...}, "sections": ["invoices", ...],
 *       "job_scope": null, ...the view's own fields }
 *
 * Views that take an argument: "job" (a job id), "invoice" (an invoice
 * number as typed), "estimate" (an estimate number as typed). Asking for a
 * record of another client, or outside the session's job, answers exactly
 * as for one that does not exist.
 */
#ifndef PORTAL_VIEW_H
#define PORTAL_VIEW_H

#include "common.h"
#include "buf.h"
#include "access.h"

PORTAL_BEGIN_DECL

/**
 * The name of view number `i` ("dashboard", "jobs", "job", "history",
 * "invoices", "invoice", "estimates", "estimate", "payments", "statement",
 * "inspections", "appointments", "profile", "policies", "access-log",
 * "tracking", "notifications", "chat"), or
 * NULL past the end.
 */
PORTAL_EXTERN(const char *) portal_view_name_at(size_t i);

/**
 * 1 when view `name` needs an argument (a job id or a document number),
 * 0 when it takes none, -1 when there is no such view.
 */
PORTAL_EXTERN(int) portal_view_takes_arg(const char *name);

/**
 * Build view `name` (with `arg` where it takes one, else NULL) for
 * session `s` (from portal_session_check()) into `out`. The caller
 * disposes `out`.
 *
 * @return PORTAL_OK; PORTAL_ENOTFOUND for an unknown view or a record the
 *         session may not see; PORTAL_EDENIED for a section the shop hides
 *         from this client; PORTAL_EINVAL for a missing or extra argument
 */
PORTAL_EXTERN(int) portal_view(portal_buf *out, portal *p, const portal_session *s,
	const char *name, const char *arg);

/**
 * Build view `name` exactly as client `client_id` would see it after a
 * lookup (or, with `job_id` not 0, through a link limited to that job),
 * for the shop's preview. Nothing is logged or changed.
 * @return as portal_view(); PORTAL_ENOTFOUND also for an unknown client
 *         or a job that is not theirs
 */
PORTAL_EXTERN(int) portal_preview(portal_buf *out, portal *p, portal_id client_id,
	portal_id job_id, const char *name, const char *arg);

/**
 * Build the shop's public document into `out`: what anyone may read
 * before reaching a portal, with no session and nothing of any client.
 * `view` is "public"; `shop` holds the shop's `name`, `phone`, `email`,
 * `address` and `currency`; `policies`, `values` and `faq` are as in the
 * policies view. The caller disposes `out`.
 *
 * @return PORTAL_OK, or PORTAL_ESTORE when the settings cannot be read
 */
PORTAL_EXTERN(int) portal_view_public(portal_buf *out, portal *p);

PORTAL_END_DECL

#endif
