/*
 * page_visits.c - the customer's visits: inspections, appointments and the
 * page that confirms a cancellation after showing what it costs.
 */
#include "page.h"

#include "doc.h"
#include "frame.h"
#include "parts.h"
#include "views.h"

/* What cancelling costs, as the library quoted it: free until a moment,
 * or the late fee once that moment is past. */
static void cancel_quote(html_buf *out, const cJSON *quote)
{
	if (doc_bool(quote, "late")) {
		html_raw(out, "<p class=\"warning\">Cancelling now costs <strong>");
		part_money(out, quote, "fee");
		html_raw(out, "</strong>");
		if (doc_str(quote, "free_until")) {
			html_raw(out, ": free cancellation ended ");
			part_iso_time(out, doc_str(quote, "free_until"));
		}
		html_raw(out, ".</p>");
	} else {
		html_raw(out, "<p>Cancelling is free");
		if (doc_str(quote, "free_until")) {
			html_raw(out, " until ");
			part_iso_time(out, doc_str(quote, "free_until"));
		}
		html_raw(out, ".</p>");
	}
}

static void cancel_body(html_buf *out, const cJSON *quote, const void *arg, const page_ctx *ctx)
{
	long long id = doc_int(quote, "appointment_id", 0);

	cancel_quote(out, quote);
	html_raw(out, "<form method=\"post\" action=\"/portal/appointments/");
	html_printf(out, "%lld", id);
	html_raw(out, "/cancel\" class=\"confirm\">");
	part_csrf(out, ctx);
	part_hidden(out, "confirm", "yes");
	html_raw(out, "<p><button type=\"submit\" class=\"danger\">");
	html_raw(out, doc_bool(quote, "late") ? "Cancel the visit and accept the fee" :
		"Cancel the visit");
	html_raw(out, "</button> <a href=\"/portal/appointments\">Keep my visit</a></p></form>");
}

int page_cancel_confirm(html_buf *out, const cJSON *quote, const page_ctx *ctx)
{
	/* The quote is the page's document: it names no sections, so the
	 * frame draws no navigation, only the way back in the form. */
	page_frame f = { "Cancel your visit?", "appointments", quote, NULL, cancel_body, NULL };

	return page_frame_render(out, &f, ctx);
}
