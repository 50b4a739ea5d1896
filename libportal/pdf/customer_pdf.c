/* SPDX-License-Identifier: MIT */
/*
 * customer_pdf.c - a customer downloading an invoice PDF in a session:
 * only an issued invoice of their own, logged before it is handed over.
 */
#include "customer_checks.h"
#include "audit_log.h"

/* The invoice `number` as the session may see it: issued, the client's,
 * inside its job. Any other answers as an unknown number would. */
static int find_invoice(portal_invoice **out, portal *p, const portal_session *s,
	const char *number)
{
	portal_id id;

	*out = NULL;
	if (portal_invoice_find(&id, p, number) == 0 && portal_invoice_get(out, p, id) == 0 &&
	    (*out)->issued_at != 0 && pt_session_owns(s, (*out)->client_id, (*out)->job_id))
		return PORTAL_OK;
	portal_invoice_free(*out);
	*out = NULL;
	return pt_error(p, PORTAL_ENOTFOUND, NULL, "no invoice %.40s", number ? number : "");
}

int portal_customer_invoice_pdf(portal_buf *out, portal *p, const portal_session *s,
	const char *number)
{
	portal_buf pdf = PORTAL_BUF_INIT;
	portal_invoice *inv;
	int err;

	if ((err = pt_customer_check_section(p, s, PORTAL_SECTION_INVOICES)) < 0 ||
	    (err = find_invoice(&inv, p, s, number)) < 0)
		return err;
	/* Logged before it is handed over, so no download goes unlogged;
	 * the shop's preview is no download of the client's. */
	if ((err = portal_invoice_pdf(&pdf, p, inv->id, NULL)) == 0 &&
	    (pt_session_is_preview(s) || (err = pt_audit(p, "pdf.download", "ok", s->client_id,
		s->source, "invoice %s", inv->number)) == 0) &&
	    (err = pt_buf_put(out, pdf.ptr, pdf.size)) < 0)
		err = pt_oom(p);
	portal_buf_dispose(&pdf);
	portal_invoice_free(inv);
	return err;
}
