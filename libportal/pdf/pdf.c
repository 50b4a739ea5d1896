/* SPDX-License-Identifier: MIT */
/*
 * pdf.c - what every PDF shares: the options, the choice of font, the
 * shop's header, the parties and the terms.
 */
#include "pdf_doc.h"
#include "pdf_font.h"
#include "settings.h"
#include "policy.h"
#include "local_days.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 2000-01-01T00:00:00Z: the creation date of a deterministic document
 * when the caller gives none. */
#define DETERMINISTIC_EPOCH 946684800

/* Where Debian (fonts-dejavu-core) and other systems keep DejaVu Sans. */
static const char *const font_candidates[] = {
	"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
	"/usr/share/fonts/TTF/DejaVuSans.ttf",
	"/usr/share/fonts/dejavu/DejaVuSans.ttf",
	"/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf",
	"/usr/local/share/fonts/DejaVuSans.ttf",
	"/usr/local/share/fonts/dejavu/DejaVuSans.ttf",
};

/* The TrueType font to embed: the caller's, the shop's, or the first
 * DejaVu Sans found. *setting holds what the caller frees. */
static const char *font_path(char **setting, portal *p, const portal_pdf_options *opt)
{
	*setting = NULL;
	if (opt->font_path != NULL && *opt->font_path != '\0')
		return opt->font_path;
	if (pt_setting_text(setting, p, "pdf_font") == 0 && **setting != '\0')
		return *setting;
	for (size_t i = 0; i < sizeof(font_candidates) / sizeof(font_candidates[0]); i++)
		if (access(font_candidates[i], R_OK) == 0)
			return font_candidates[i];
	return NULL;
}

int pt_pdf_finish(portal_buf *out, portal *p, const pt_pdf_doc *d,
	const portal_pdf_options *opt)
{
	static const portal_pdf_options defaults = PORTAL_PDF_OPTIONS_INIT;
	pt_pdf_render_opts o;
	char *setting;
	int err;

	if (opt == NULL)
		opt = &defaults;
	if (opt->version != PORTAL_PDF_OPTIONS_VERSION)
		return pt_error(p, PORTAL_EINVAL, "options", "unknown version of the PDF options");
	if (opt->font != PORTAL_PDF_FONT_AUTO && opt->font != PORTAL_PDF_FONT_EMBED)
		return pt_error(p, PORTAL_EINVAL, "font", "unknown font choice");
	if (opt->created_at < 0)
		return pt_error(p, PORTAL_EINVAL, "created_at", "the creation date is before 1970");
	if (d->failed)
		return pt_oom(p);
	memset(&o, 0, sizeof(o));
	o.deterministic = opt->deterministic != 0;
	o.created_at = opt->created_at ? opt->created_at :
		o.deterministic ? DETERMINISTIC_EPOCH : portal_now(p);
	o.embed = opt->font == PORTAL_PDF_FONT_EMBED || !pt_pdf_doc_is_winansi(d);
	o.font_path = o.embed ? font_path(&setting, p, opt) : (setting = NULL, NULL);
	if (o.embed && o.font_path == NULL)
		err = pt_error(p, PORTAL_EIO, NULL, "this document has characters beyond Western "
			"European ones and needs a TrueType font: install fonts-dejavu-core or "
			"set the shop's pdf_font");
	else if (o.embed && pt_pdf_font_check(o.font_path) != 0)
		err = pt_error(p, PORTAL_EIO, NULL, "the font for this document cannot be used: "
			"%s is not a TrueType font file that can be read", o.font_path);
	else
		err = pt_pdf_doc_render(out, p, d, &o);
	free(setting);
	return err;
}

/* ---------------------------------------------------------------------
 * The shop.
 */

int pt_pdf_shop(pt_pdf_doc *d, portal *p)
{
	char *name = NULL, *address = NULL, *phone = NULL, *email = NULL, *logo = NULL;
	char people[32];
	char *currency = NULL;
	int err;

	if ((err = pt_setting_text(&name, p, "name")) == 0 &&
	    (err = pt_setting_text(&address, p, "address")) == 0 &&
	    (err = pt_setting_text(&phone, p, "phone")) == 0 &&
	    (err = pt_setting_text(&email, p, "email")) == 0 &&
	    (err = pt_setting_text(&logo, p, "logo_path")) == 0 &&
	    (err = pt_setting_text(&currency, p, "currency")) == 0) {
		snprintf(d->currency, sizeof(d->currency), "%s", currency);
		d->shop_name = pt_pdf_strdup(d, name);
		if (*address)
			d->shop_lines[0] = pt_pdf_strdup(d, address);
		if (*phone || *email)
			d->shop_lines[1] = pt_pdf_printf(d, "%s%s%s",
				portal_words_phone(people, sizeof(people), phone),
				*phone && *email ? "  \xC2\xB7  " : "", email);
		if (*logo)
			d->logo_path = pt_pdf_strdup(d, logo);
	}
	free(name);
	free(currency);
	free(address);
	free(phone);
	free(email);
	free(logo);
	return err;
}

/* The shop's terms, one policy a line; the tax is in the totals, and
 * the consent to text messages is asked for where it is given, not on
 * a bill. */
static int add_term(const char *key, const char *title, const char *text, void *ctx)
{
	pt_pdf_doc *d = ctx;
	char *more;

	if (strcmp(key, "tax") == 0 || strcmp(key, "sms") == 0)
		return 0;
	more = d->terms ? pt_pdf_printf(d, "%s\n%s: %s", d->terms, title, text) :
		pt_pdf_printf(d, "%s: %s", title, text);
	free(d->terms);
	d->terms = more;
	return more ? 0 : -1;
}

int pt_pdf_terms(pt_pdf_doc *d, portal *p)
{
	pt_terms t;
	int err;

	if ((err = pt_terms_read(&t, p)) == 0 && pt_policies_foreach(&t, add_term, d) < 0)
		err = pt_oom(p);
	pt_terms_free(&t);
	return err;
}

/* ---------------------------------------------------------------------
 * The parties: who is billed, where the work was done, on what.
 */

static int add_client(pt_pdf_doc *d, portal *p, portal_id client_id)
{
	char phone[32];
	portal_client *c;
	pt_pdf_block *b;
	int err;

	if ((err = portal_client_get(&c, p, client_id)) < 0)
		return err;
	b = pt_pdf_block_add(d, "BILL TO");
	pt_pdf_block_line(d, b, c->name);
	pt_pdf_block_line(d, b, c->email);
	pt_pdf_block_line(d, b, portal_words_phone(phone, sizeof(phone), c->phone));
	portal_client_free(c);
	return PORTAL_OK;
}

/* The first address of the client, when the job names none. */
static int first_address(const portal_address *a, void *ctx)
{
	*(portal_id *)ctx = a->id;
	return 1;
}

static int add_address(pt_pdf_doc *d, portal *p, portal_id client_id, portal_id address_id)
{
	portal_buf line = PORTAL_BUF_INIT;
	portal_address *a;
	int err;

	if (address_id == 0 &&
	    (err = portal_address_foreach(p, client_id, first_address, &address_id)) < 0)
		return err;
	if (address_id == 0)
		return PORTAL_OK;
	if ((err = portal_address_get(&a, p, address_id)) < 0)
		return err;
	if ((err = portal_address_format(&line, a)) == 0)
		pt_pdf_block_line(d, pt_pdf_block_add(d, "SERVICE ADDRESS"), line.ptr);
	portal_buf_dispose(&line);
	portal_address_free(a);
	return err;
}

static int add_asset(pt_pdf_doc *d, portal *p, portal_id asset_id)
{
	portal_asset *a;
	pt_pdf_block *b;
	char *what, *year = NULL;
	int err;

	if (asset_id == 0)
		return PORTAL_OK;
	if ((err = portal_asset_get(&a, p, asset_id)) < 0)
		return err;
	b = pt_pdf_block_add(d, a->kind == PORTAL_ASSET_VEHICLE ? "VEHICLE" : "APPLIANCE");
	if (a->year > 0)
		year = pt_pdf_printf(d, "%d ", a->year);
	what = pt_pdf_printf(d, "%s%s%s%s", year ? year : "", a->make,
		*a->make && *a->model ? " " : "", a->model);
	pt_pdf_block_line(d, b, what);
	pt_pdf_block_line(d, b, a->category);
	if (*a->vin) {
		free(what);
		what = pt_pdf_printf(d, "VIN %s", a->vin);
		pt_pdf_block_line(d, b, what);
	} else if (*a->serial) {
		free(what);
		what = pt_pdf_printf(d, "Serial %s", a->serial);
		pt_pdf_block_line(d, b, what);
	}
	free(what);
	free(year);
	portal_asset_free(a);
	return PORTAL_OK;
}

int pt_pdf_parties(pt_pdf_doc *d, portal *p, portal_id client_id, portal_id job_id)
{
	portal_job *job = NULL;
	char *title;
	int err;

	if (job_id != 0 && (err = portal_job_get(&job, p, job_id)) < 0)
		return err;
	if ((err = add_client(d, p, client_id)) == 0 &&
	    (err = add_address(d, p, client_id, job ? job->address_id : 0)) == 0 &&
	    (err = add_asset(d, p, job ? job->asset_id : 0)) == 0 && job != NULL) {
		title = pt_pdf_printf(d, "Job %lld", (long long)job->id);
		pt_pdf_text(d, title, job->problem);
		free(title);
	}
	portal_job_free(job);
	return err;
}

/* ---------------------------------------------------------------------
 * Figures and dates as printed.
 */

char *pt_pdf_money(pt_pdf_doc *d, portal_money cents)
{
	char text[PORTAL_MONEY_STRLEN];

	portal_money_format(text, sizeof(text), cents);
	return pt_pdf_strdup(d, text);
}

char *pt_pdf_dollars(pt_pdf_doc *d, portal_money cents)
{
	char text[PORTAL_MONEY_STRLEN];

	portal_money_format_currency(text, sizeof(text), cents, d->currency);
	return pt_pdf_strdup(d, text);
}

void pt_pdf_money_total(pt_pdf_doc *d, pt_pdf_item *totals, const char *label,
	portal_money cents, int strong)
{
	char *value = pt_pdf_dollars(d, cents);

	pt_pdf_total(d, totals, label, value, strong);
	free(value);
}

void pt_pdf_tax_total(pt_pdf_doc *d, pt_pdf_item *totals, const portal_totals *t)
{
	char rate[32], *label;

	/* The rate is in thousandths of a percent, as a quantity is in
	 * thousandths: "13", "9.975". */
	portal_quantity_format(rate, sizeof(rate), t->tax_rate);
	label = pt_pdf_printf(d, "Tax (%s%%)", rate);
	pt_pdf_money_total(d, totals, label ? label : "Tax", t->tax, 0);
	free(label);
}

pt_pdf_row *pt_pdf_line_row(pt_pdf_doc *d, pt_pdf_item *table, const portal_line *l,
	const char *last)
{
	char qty[32];
	char *cells[PT_PDF_MAX_COLS] = { NULL };
	pt_pdf_row *row;

	portal_quantity_format(qty, sizeof(qty), l->quantity);
	cells[0] = l->description;
	cells[1] = qty;
	cells[2] = pt_pdf_money(d, l->unit_price);
	cells[3] = pt_pdf_money(d, l->amount);
	cells[4] = (char *)last;
	if ((row = pt_pdf_row_add(d, table, (const char *const *)cells)) != NULL)
		row->note = pt_pdf_printf(d, "%s%s", portal_line_kind_label(l->kind),
			l->taxable ? "" : ", no tax");
	free(cells[2]);
	free(cells[3]);
	return row;
}

void pt_pdf_mark(pt_pdf_doc *d, const char *mark, pt_pdf_tone tone)
{
	free(d->mark);
	d->mark = pt_pdf_strdup(d, mark);
	d->tone = tone;
}

const char *pt_pdf_date(char *buf, size_t len, portal *p, portal_time t)
{
	/* A document is kept for years: its days say their year. */
	if (t == 0 || pt_time_words(buf, len, p, t, PORTAL_WORDS_DAY, 0) < 0)
		snprintf(buf, len, "%s", "");
	return buf;
}

const char *pt_pdf_day(char *buf, size_t len, const char *iso)
{
	if (portal_words_iso(buf, len, iso, PORTAL_WORDS_DAY, 0) < 0)
		snprintf(buf, len, "%s", iso ? iso : "");
	return buf;
}
