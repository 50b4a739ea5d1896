/* SPDX-License-Identifier: MIT */
/*
 * page_estimates.c - the customer's estimates: the list with how long each
 * can still be approved, and one estimate with a decision per line and one
 * for every waiting line, each signed with a typed name.
 */
#include <stdio.h>

#include "doc.h"
#include "lists.h"
#include "parts.h"
#include "records.h"
#include "views.h"

void view_estimates(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	long long waiting = doc_int(doc, "awaiting_decision", 0);

	if (waiting > 0) {
		html_raw(out, "<p class=\"notice\">");
		part_count(out, waiting, "estimate waits", "estimates wait");
		html_raw(out, " for your decision.</p>");
	}
	if (doc_count(doc, "estimates") == 0) {
		part_empty(out, "You have no estimates.");
		return;
	}
	list_estimates(out, doc_arr(doc, "estimates"), "Your estimates, newest first");
	part_currency(out, doc);
}

/* The typed name and the two buttons of a decision; `id` keeps the
 * label bound to its own field when a page holds many forms. */
static void decision_fields(html_buf *out, const char *id, const char *approve,
	const char *decline)
{
	html_raw(out, "<p><label for=\"");
	html_raw(out, id);
	html_raw(out, "\">Your name</label><input type=\"text\" id=\"");
	html_raw(out, id);
	html_raw(out, "\" name=\"name\" autocomplete=\"name\" required maxlength=\"200\"></p>"
		"<p class=\"buttons\"><button type=\"submit\" name=\"decision\" value=\"approve\">");
	html_raw(out, approve);
	html_raw(out, "</button> <button type=\"submit\" name=\"decision\" value=\"decline\" class=\"secondary\">");
	html_raw(out, decline);
	html_raw(out, "</button></p>");
}

/* One line's own decision form, while the estimate can be approved and
 * the line still waits. */
static void line_form(html_buf *out, const cJSON *est, const cJSON *line, const page_ctx *ctx)
{
	char id[40], value[24];
	long long line_id = doc_int(line, "id", 0);

	snprintf(id, sizeof(id), "name-line-%lld", line_id);
	snprintf(value, sizeof(value), "%lld", line_id);
	part_form(out, "decide", "/portal/estimate/", doc_str(est, "number"), "/decide", ctx);
	part_hidden(out, "line", value);
	decision_fields(out, id, "Approve", "Decline");
	html_raw(out, "</form>");
}

static void line_decision(html_buf *out, const cJSON *est, const cJSON *line, const page_ctx *ctx)
{
	part_badge(out, doc_str(line, "decision"), doc_str(line, "decision_label"));
	if (doc_str(line, "decided_by")) {
		html_raw(out, "<p class=\"sub\">");
		html_text(out, doc_str(line, "decided_by"));
		html_raw(out, ", ");
		part_time(out, line, "decided_at");
		html_raw(out, "</p>");
	}
	if (doc_bool(est, "can_approve") && doc_is(line, "decision", "pending"))
		line_form(out, est, line, ctx);
}

static void estimate_lines(html_buf *out, const cJSON *est, const page_ctx *ctx)
{
	const cJSON *line;

	html_raw(out, "<table class=\"lines\"><caption>What we propose</caption><thead><tr>");
	rec_line_head(out);
	html_raw(out, "<th scope=\"col\">Your decision</th></tr></thead><tbody>");
	cJSON_ArrayForEach(line, doc_arr(est, "lines")) {
		html_raw(out, "<tr>");
		rec_line_cells(out, line, NULL, NULL);
		html_raw(out, "<td data-label=\"Your decision\">");
		line_decision(out, est, line, ctx);
		html_raw(out, "</td></tr>");
	}
	html_raw(out, "</tbody></table>");
}

/* One decision for every line still waiting (line 0). */
static void all_form(html_buf *out, const cJSON *est, const page_ctx *ctx)
{
	if (!doc_bool(est, "can_approve"))
		return;
	html_raw(out, "<section class=\"card\" aria-labelledby=\"all-title\">"
		"<h2 id=\"all-title\">Decide every waiting line</h2>"
		"<p>Typing your name signs your decision, as on paper.</p>");
	part_form(out, "decide", "/portal/estimate/", doc_str(est, "number"), "/decide", ctx);
	part_hidden(out, "line", "0");
	decision_fields(out, "name-all", "Approve all waiting lines", "Decline all waiting lines");
	html_raw(out, "</form></section>");
}

/* An expired estimate offers to ask the shop for a new one, once. */
static void renew_form(html_buf *out, const cJSON *est, const page_ctx *ctx)
{
	if (doc_bool(est, "new_estimate_asked")) {
		part_p(out, "notice", "You asked the shop for a new estimate; it will answer you "
			"here and by message.");
		return;
	}
	if (!doc_bool(est, "can_ask_new"))
		return;
	html_raw(out, "<section class=\"card\" aria-labelledby=\"renew-title\">"
		"<h2 id=\"renew-title\">Ask for a new estimate</h2>"
		"<p>The shop will look at the repair again and send you a new estimate.</p>");
	part_form(out, "renew", "/portal/estimate/", doc_str(est, "number"), "/renew", ctx);
	html_raw(out, "<p class=\"buttons\"><button type=\"submit\">Ask for a new estimate"
		"</button></p></form></section>");
}

static void estimate_facts(html_buf *out, const cJSON *est)
{
	html_raw(out, "<p>");
	part_badge(out, doc_str(est, "status"), doc_str(est, "status_label"));
	html_raw(out, "</p>");
	part_p(out, "rule", doc_str(est, "validity_notice"));
	html_raw(out, "<dl>");
	part_row_time(out, "Sent", est, "issued_at");
	if (doc_str(est, "last_valid_day")) {
		part_row_open(out, "Valid until");
		part_day(out, doc_str(est, "last_valid_day"));
		part_row_close(out);
	}
	if (doc_num(est, "job_id", NULL)) {
		part_row_open(out, "Repair");
		part_link_id(out, "/portal/job/", doc_int(est, "job_id", 0), "", "See the repair");
		part_row_close(out);
	}
	if (doc_str(est, "decided_at_text")) {
		part_row_open(out, "Last decision");
		part_time(out, est, "decided_at");
		if (doc_str(est, "decided_by")) {
			html_raw(out, " by ");
			html_text(out, doc_str(est, "decided_by"));
		}
		part_row_close(out);
	}
	html_raw(out, "</dl>");
}

void view_estimate(html_buf *out, const cJSON *doc, const void *arg, const page_ctx *ctx)
{
	const cJSON *est = doc_obj(doc, "estimate");

	estimate_facts(out, est);
	if (doc_bool(est, "can_approve"))
		part_p(out, NULL, "To decide, type your name and choose Approve or Decline on "
			"each line, or for every waiting line at once below the totals.");
	estimate_lines(out, est, ctx);
	part_h2(out, "Totals");
	rec_totals(out, doc_obj(est, "totals"));
	html_raw(out, "<h3>Approved so far</h3>");
	rec_totals(out, doc_obj(est, "approved"));
	part_currency(out, doc);
	part_p(out, "notes", doc_str(est, "notes"));
	all_form(out, est, ctx);
	renew_form(out, est, ctx);
	html_raw(out, "<p><a href=\"/portal/estimates\">All your estimates</a></p>");
}
