/* SPDX-License-Identifier: MIT */
/*
 * pdf_render.c - laying a pt_pdf_doc out on Letter pages with libharu.
 *
 * The page is drawn top-down with a cursor `y`: the first page carries
 * the shop's header, the parties and the facts; every item after that
 * asks for the height it needs (ensure()) and starts a new page when it
 * does not fit, a table repeating its header there. Page numbers need the
 * page count, so the footers are drawn last, once every page exists
 * (libharu keeps each page's content open until the document is saved).
 *
 * Widths are measured per character with the font's own metrics, cached
 * for the first code points, which is what keeps a plain invoice well
 * under a millisecond.
 */
#include "pdf_doc.h"
#include "pdf_text.h"
#include "validate.h"

#include <hpdf.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PAGE_W 612.0f
#define PAGE_H 792.0f
#define MARGIN 48.0f
#define RIGHT (PAGE_W - MARGIN)
#define CONTENT_W (PAGE_W - 2 * MARGIN)
#define BOTTOM (MARGIN + 30.0f)     /* the footer lives below this */
#define CELL_PAD 4.0f
#define LOGO_MAX_H 56.0f
#define LOGO_MAX_W 150.0f

/* Code points whose widths are cached: Latin-1, Latin Extended-A. */
#define WIDTH_CACHE 0x180

typedef struct rgb { float r, g, b; } rgb;

static const rgb INK = { 0.12f, 0.12f, 0.14f };
static const rgb GREY = { 0.40f, 0.40f, 0.43f };
static const rgb RULE = { 0.80f, 0.80f, 0.82f };
static const rgb BAND = { 0.93f, 0.94f, 0.95f };
static const rgb WHITE = { 1, 1, 1 };

static const rgb tones[] = {
	[PT_PDF_TONE_GOOD] = { 0.09f, 0.50f, 0.24f },
	[PT_PDF_TONE_NOTICE] = { 0.66f, 0.38f, 0.00f },
	[PT_PDF_TONE_ALERT] = { 0.74f, 0.10f, 0.10f },
	[PT_PDF_TONE_MUTED] = { 0.45f, 0.45f, 0.48f },
};

typedef struct render {
	portal *p;
	const pt_pdf_doc *d;
	HPDF_Doc pdf;
	HPDF_Font font[2];          /* regular, bold */
	int unicode;                /* one embedded font; bold is drawn thicker */
	float widths[2][WIDTH_CACHE];
	HPDF_Page *pages;
	size_t npages, pages_cap;
	HPDF_Page page;
	struct {                    /* what `page` was last set to */
		HPDF_Page page;
		rgb fill, stroke;
		int font;               /* -1: none yet */
		float size, line_width;
	} state;
	float y;
	HPDF_STATUS error, detail;  /* the first libharu error */
	int oom;
	char scratch[1024];
} render;

static void on_hpdf_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void *user_data)
{
	render *r = user_data;

	if (r->error == 0) {
		r->error = error_no;
		r->detail = detail_no;
	}
}

static int failed(const render *r)
{
	return r->error != 0 || r->oom;
}

/* ---------------------------------------------------------------------
 * Text: measuring, cutting and drawing.
 */

static float char_width(render *r, int bold, uint32_t cp)
{
	float *cache = r->widths[bold];

	if (cp < WIDTH_CACHE) {
		if (cache[cp] < 0)
			cache[cp] = (float)HPDF_Font_GetUnicodeWidth(r->font[bold], (HPDF_UNICODE)cp);
		return cache[cp];
	}
	return (float)HPDF_Font_GetUnicodeWidth(r->font[bold],
		(HPDF_UNICODE)(cp > 0xFFFF ? 0xFFFD : cp));
}

/* Width in points of the first `len` bytes of `s`. */
static float width_of(render *r, int bold, float size, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	float w = 0;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = pt_utf8_decode(u + i, &cp);
		if (n == 0) {
			cp = '?';
			n = 1;
		}
		w += char_width(r, bold, cp);
		i += n;
	}
	return w * size / 1000.0f;
}

/* The number of bytes of `s` that make its next line at most `width`
 * wide: up to a newline, else to the last space that fits, else as many
 * characters as fit (at least one). *next is where the line after starts. */
/* A space where a line may end: not the one between a time and its "am"
 * or "pm" ("10:00 am"), which would leave a clock on one line and its half
 * of the day on the next. */
static int breakable(const char *s, size_t i)
{
	const char *t = s + i + 1;

	if (s[i] != ' ')
		return 0;
	return !(i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9' &&
		(t[0] == 'a' || t[0] == 'p') && t[1] == 'm' &&
		!((t[2] >= 'a' && t[2] <= 'z') || (t[2] >= 'A' && t[2] <= 'Z')));
}

static size_t line_break(render *r, int bold, float size, const char *s, float width,
	const char **next)
{
	size_t i = 0, last_space = 0;
	float w = 0;

	while (s[i] != '\0' && s[i] != '\n') {
		size_t n = pt_pdf_char_len(s + i);
		w += width_of(r, bold, size, s + i, n);
		if (w > width && i > 0) {
			if (last_space > 0) {
				*next = s + last_space + 1;
				return last_space;
			}
			*next = s + i;
			return i;
		}
		if (breakable(s, i))
			last_space = i;
		i += n;
	}
	*next = s[i] == '\n' ? s + i + 1 : s + i;
	return i;
}

/* Colours, font and line width are set only when they change: each call
 * costs libharu far more than the text it draws. The state is forgotten
 * whenever another page is drawn on. */
static void sync_page(render *r)
{
	if (r->state.page == r->page)
		return;
	r->state.page = r->page;
	r->state.fill.r = r->state.stroke.r = -1;
	r->state.font = -1;
	r->state.line_width = -1;
}

static int same(rgb a, rgb b)
{
	return a.r == b.r && a.g == b.g && a.b == b.b;
}

static void set_fill(render *r, rgb c)
{
	sync_page(r);
	if (!same(r->state.fill, c)) {
		HPDF_Page_SetRGBFill(r->page, c.r, c.g, c.b);
		r->state.fill = c;
	}
}

static void set_stroke(render *r, rgb c, float width)
{
	sync_page(r);
	if (!same(r->state.stroke, c)) {
		HPDF_Page_SetRGBStroke(r->page, c.r, c.g, c.b);
		r->state.stroke = c;
	}
	if (r->state.line_width != width) {
		HPDF_Page_SetLineWidth(r->page, width);
		r->state.line_width = width;
	}
}

static void set_font(render *r, int bold, float size)
{
	sync_page(r);
	if (r->state.font != bold || r->state.size != size) {
		HPDF_Page_SetFontAndSize(r->page, r->font[bold], size);
		r->state.font = bold;
		r->state.size = size;
	}
}

/* Draw `len` bytes of `s` with its left end at `x` and baseline `y`. */
static void show(render *r, float x, float y, int bold, float size, rgb color,
	const char *s, size_t len)
{
	char *text = r->scratch;

	if (len >= sizeof(r->scratch))
		len = sizeof(r->scratch) - 1;
	memcpy(text, s, len);
	text[len] = '\0';
	if (!r->unicode) {
		char latin[sizeof(r->scratch)];
		pt_pdf_winansi(latin, sizeof(latin), text);
		memcpy(text, latin, strlen(latin) + 1);
	}
	set_fill(r, color);
	if (r->unicode && bold)
		set_stroke(r, color, size / 30.0f);
	set_font(r, bold, size);
	HPDF_Page_BeginText(r->page);
	if (r->unicode && bold)
		HPDF_Page_SetTextRenderingMode(r->page, HPDF_FILL_THEN_STROKE);
	HPDF_Page_TextOut(r->page, x, y, text);
	if (r->unicode && bold)
		HPDF_Page_SetTextRenderingMode(r->page, HPDF_FILL);
	HPDF_Page_EndText(r->page);
}

static void show_left(render *r, float x, float y, int bold, float size, rgb color,
	const char *s)
{
	show(r, x, y, bold, size, color, s, strlen(s));
}

static void show_right(render *r, float right, float y, int bold, float size, rgb color,
	const char *s)
{
	size_t len = strlen(s);

	show(r, right - width_of(r, bold, size, s, len), y, bold, size, color, s, len);
}

/* Draw `s` wrapped to `width` from baseline `y` down, `lead` apart; the
 * number of lines. With `draw` 0 only count them. */
static int show_wrapped(render *r, float x, float y, float width, int bold, float size,
	float lead, rgb color, const char *s, int draw)
{
	int lines = 0;

	while (s != NULL && *s != '\0') {
		const char *next;
		size_t len = line_break(r, bold, size, s, width, &next);
		if (draw)
			show(r, x, y - lines * lead, bold, size, color, s, len);
		lines++;
		s = next;
	}
	return lines;
}

static void rule(render *r, float x1, float x2, float y, rgb color, float width)
{
	set_stroke(r, color, width);
	HPDF_Page_MoveTo(r->page, x1, y);
	HPDF_Page_LineTo(r->page, x2, y);
	HPDF_Page_Stroke(r->page);
}

static void box(render *r, float x, float y, float w, float h, rgb color)
{
	set_fill(r, color);
	HPDF_Page_Rectangle(r->page, x, y, w, h);
	HPDF_Page_Fill(r->page);
}

/* ---------------------------------------------------------------------
 * Pages.
 */

static void new_page(render *r)
{
	HPDF_Page page;

	if (r->npages == r->pages_cap) {
		size_t cap = r->pages_cap ? r->pages_cap * 2 : 8;
		HPDF_Page *more = realloc(r->pages, cap * sizeof(*more));
		if (more == NULL) {
			r->oom = 1;
			return;
		}
		r->pages = more;
		r->pages_cap = cap;
	}
	if ((page = HPDF_AddPage(r->pdf)) == NULL)
		return;
	HPDF_Page_SetWidth(page, PAGE_W);
	HPDF_Page_SetHeight(page, PAGE_H);
	r->pages[r->npages++] = page;
	r->page = page;
	r->y = PAGE_H - MARGIN;
	if (r->npages > 1) {
		char head[200];
		snprintf(head, sizeof(head), "%s %s (continued)", r->d->title, r->d->number);
		show_left(r, MARGIN, r->y - 10, 1, 10, INK, r->d->shop_name);
		show_right(r, RIGHT, r->y - 10, 0, 10, GREY, head);
		rule(r, MARGIN, RIGHT, r->y - 18, RULE, 0.5f);
		r->y -= 34;
	}
}

/* Room for `height` more points on this page, or a new page; 1 when a
 * new page was started. */
static int ensure(render *r, float height)
{
	if (r->y - height >= BOTTOM || failed(r))
		return 0;
	new_page(r);
	return 1;
}

static void draw_footers(render *r)
{
	char left[200], right[64];

	snprintf(left, sizeof(left), "%s %s - %s", r->d->title, r->d->number, r->d->shop_name);
	for (size_t i = 0; i < r->npages && !failed(r); i++) {
		r->page = r->pages[i];
		snprintf(right, sizeof(right), "Page %zu of %zu", i + 1, r->npages);
		rule(r, MARGIN, RIGHT, MARGIN + 14, RULE, 0.5f);
		show_left(r, MARGIN, MARGIN + 2, 0, 8, GREY, left);
		show_right(r, RIGHT, MARGIN + 2, 0, 8, GREY, right);
	}
}

/* ---------------------------------------------------------------------
 * The first page's header.
 */

/* The shop's logo at the top left; its width, or 0 when there is none or
 * it cannot be read (the document is printed without it). */
static float draw_logo(render *r)
{
	const char *path = r->d->logo_path;
	size_t len = path ? strlen(path) : 0;
	HPDF_Image img;
	float w, h, scale;

	if (len == 0)
		return 0;
	if (len > 4 && (strcmp(path + len - 4, ".png") == 0 || strcmp(path + len - 4, ".PNG") == 0))
		img = HPDF_LoadPngImageFromFile(r->pdf, path);
	else
		img = HPDF_LoadJpegImageFromFile(r->pdf, path);
	if (img == NULL) {
		HPDF_ResetError(r->pdf);
		r->error = 0;
		return 0;
	}
	w = (float)HPDF_Image_GetWidth(img);
	h = (float)HPDF_Image_GetHeight(img);
	if (w <= 0 || h <= 0)
		return 0;
	scale = LOGO_MAX_H / h;
	if (w * scale > LOGO_MAX_W)
		scale = LOGO_MAX_W / w;
	HPDF_Page_DrawImage(r->page, img, MARGIN, r->y - h * scale, w * scale, h * scale);
	return w * scale + 12;
}

/* Shop name and contact lines at the left; the lowest y used. */
static float draw_shop(render *r)
{
	float x = MARGIN + draw_logo(r), y = r->y - 16;
	float width = RIGHT - 200 - x;

	y -= 16 * (show_wrapped(r, x, y, width, 1, 15, 17, INK, r->d->shop_name, 1) - 1);
	for (size_t i = 0; i < 3; i++) {
		if (r->d->shop_lines[i] == NULL)
			continue;
		y -= 12;
		y -= 11 * (show_wrapped(r, x, y, width, 0, 9, 11, GREY, r->d->shop_lines[i], 1) - 1);
	}
	return y < r->y - LOGO_MAX_H ? y : r->y - LOGO_MAX_H;
}

/* Title, number, mark and facts at the right; the lowest y used. */
static float draw_title(render *r)
{
	const pt_pdf_doc *d = r->d;
	float y = r->y - 18;
	char number[120];

	show_right(r, RIGHT, y, 1, 20, INK, d->title);
	snprintf(number, sizeof(number), "%s %s", d->number_label ? d->number_label : "No.",
		d->number);
	y -= 16;
	show_right(r, RIGHT, y, 0, 11, INK, number);
	if (d->mark != NULL) {
		float w = width_of(r, 1, 12, d->mark, strlen(d->mark)) + 16;
		y -= 26;
		box(r, RIGHT - w, y - 6, w, 20, tones[d->tone]);
		show_right(r, RIGHT - 8, y, 1, 12, WHITE, d->mark);
	}
	y -= 6;
	for (size_t i = 0; i < d->nfacts; i++) {
		y -= 13;
		show_left(r, RIGHT - 190, y, 0, 9, GREY, d->facts[i].label);
		show_right(r, RIGHT, y, 0, 9, INK, d->facts[i].value);
	}
	return y;
}

/* The parties side by side: bill to, service address, the appliance. */
static void draw_blocks(render *r)
{
	const pt_pdf_doc *d = r->d;
	float col = d->nblocks ? CONTENT_W / (float)d->nblocks : 0, lowest = r->y;

	for (size_t i = 0; i < d->nblocks; i++) {
		const pt_pdf_block *b = &d->blocks[i];
		float x = MARGIN + col * (float)i, y = r->y;
		show_left(r, x, y, 1, 8, GREY, b->title);
		y -= 13;
		for (size_t l = 0; l < b->nlines; l++)
			y -= 11.5f * (float)show_wrapped(r, x, y, col - 12, l == 0, 9.5f, 11.5f,
				INK, b->lines[l], 1);
		if (y < lowest)
			lowest = y;
	}
	r->y = lowest - 8;
}

static void draw_header(render *r)
{
	float left = draw_shop(r), right = draw_title(r);

	r->y = (left < right ? left : right) - 16;
	rule(r, MARGIN, RIGHT, r->y + 6, RULE, 0.75f);
	r->y -= 12;
	draw_blocks(r);
}

/* ---------------------------------------------------------------------
 * Items.
 */

static void table_head(render *r, const pt_pdf_item *t)
{
	float x = MARGIN;

	box(r, MARGIN, r->y - 16, CONTENT_W, 18, BAND);
	for (size_t c = 0; c < t->ncols; c++) {
		float w = CONTENT_W * t->cols[c].share;
		if (t->cols[c].right)
			show_right(r, x + w - CELL_PAD, r->y - 10, 1, 8.5f, INK, t->cols[c].title);
		else
			show_left(r, x + CELL_PAD, r->y - 10, 1, 8.5f, INK, t->cols[c].title);
		x += w;
	}
	r->y -= 20;
}

/* The height row `row` needs; with `draw`, draw it. */
static float table_row(render *r, const pt_pdf_item *t, const pt_pdf_row *row, int draw)
{
	float x = MARGIN, y = r->y - 11, tallest = 0;

	for (size_t c = 0; c < t->ncols; c++) {
		float w = CONTENT_W * t->cols[c].share, h;
		if (t->cols[c].right) {
			if (draw)
				show_right(r, x + w - CELL_PAD, y, row->strong, 9.5f, INK, row->cells[c]);
			h = 12;
		} else {
			h = 12.0f * (float)show_wrapped(r, x + CELL_PAD, y, w - 2 * CELL_PAD,
				row->strong, 9.5f, 12, INK, row->cells[c], draw);
			if (c == 0 && row->note != NULL)
				h += 11.0f * (float)show_wrapped(r, x + CELL_PAD, y - h + 1,
					w - 2 * CELL_PAD, 0, 8, 11, GREY, row->note, draw);
		}
		if (h > tallest)
			tallest = h;
		x += w;
	}
	tallest += 6;
	if (draw)
		rule(r, MARGIN, RIGHT, r->y - tallest + 2, RULE, 0.4f);
	return tallest;
}

static void draw_table(render *r, const pt_pdf_item *t)
{
	ensure(r, (t->title ? 18 : 0) + 20 + 18);
	if (t->title != NULL) {
		show_left(r, MARGIN, r->y - 11, 1, 11, INK, t->title);
		r->y -= 18;
	}
	table_head(r, t);
	for (size_t i = 0; i < t->nrows && !failed(r); i++) {
		float h = table_row(r, t, &t->rows[i], 0);
		if (ensure(r, h))
			table_head(r, t);
		table_row(r, t, &t->rows[i], 1);
		r->y -= h;
	}
	r->y -= 10;
}

static void draw_totals(render *r, const pt_pdf_item *t)
{
	float x = RIGHT - 230;

	for (size_t i = 0; i < t->npairs && !failed(r); i++) {
		const pt_pdf_pair *pair = &t->pairs[i];
		float size = pair->strong ? 11 : 9.5f, h = pair->strong ? 18 : 14;
		ensure(r, h);
		if (pair->strong)
			rule(r, x, RIGHT, r->y - 2, RULE, 0.6f);
		show_left(r, x, r->y - h + 4, pair->strong, size, INK, pair->label);
		show_right(r, RIGHT - CELL_PAD, r->y - h + 4, pair->strong, size, INK, pair->value);
		r->y -= h;
	}
	r->y -= 12;
}

/* A heading and a paragraph that may flow onto the next page. */
static void draw_paragraph(render *r, const char *title, const char *text, float size,
	rgb color)
{
	float lead = size * 1.3f;

	ensure(r, (title ? 16 : 0) + lead);
	if (title != NULL) {
		show_left(r, MARGIN, r->y - 10, 1, size + 1, INK, title);
		r->y -= 15;
	}
	while (*text != '\0' && !failed(r)) {
		const char *next;
		size_t len = line_break(r, 0, size, text, CONTENT_W, &next);
		ensure(r, lead);
		show(r, MARGIN, r->y - size, 0, size, color, text, len);
		r->y -= lead;
		text = next;
	}
	r->y -= 10;
}

static void draw_items(render *r)
{
	for (size_t i = 0; i < r->d->nitems && !failed(r); i++) {
		const pt_pdf_item *it = &r->d->items[i];
		switch (it->kind) {
		case PT_PDF_TABLE: draw_table(r, it); break;
		case PT_PDF_TOTALS: draw_totals(r, it); break;
		case PT_PDF_TEXT: draw_paragraph(r, it->title, it->text, 9.5f, INK); break;
		}
	}
	if (r->d->terms != NULL && !failed(r)) {
		ensure(r, 40);
		rule(r, MARGIN, RIGHT, r->y, RULE, 0.5f);
		r->y -= 6;
		draw_paragraph(r, "Terms", r->d->terms, 7.5f, GREY);
	}
}

/* ---------------------------------------------------------------------
 * The document: fonts, metadata, bytes.
 */

static int use_fonts(render *r, const pt_pdf_render_opts *o)
{
	const char *name;

	if (!o->embed) {
		r->font[0] = HPDF_GetFont(r->pdf, "Helvetica", "WinAnsiEncoding");
		r->font[1] = HPDF_GetFont(r->pdf, "Helvetica-Bold", "WinAnsiEncoding");
		return failed(r) ? -1 : 0;
	}
	r->unicode = 1;
	if (HPDF_UseUTFEncodings(r->pdf) != HPDF_OK ||
	    (name = HPDF_LoadTTFontFromFile(r->pdf, o->font_path, HPDF_TRUE)) == NULL)
		return -1;
	r->font[0] = r->font[1] = HPDF_GetFont(r->pdf, name, "UTF-8");
	return failed(r) ? -1 : 0;
}

/* The creation date, and an id: random, or in deterministic mode a hash
 * of what the document is, so the same records give the same bytes. */
static void set_identity(render *r, const pt_pdf_render_opts *o)
{
	unsigned char id[16];
	char title[160], seed[200];
	struct tm tm;
	time_t t = (time_t)o->created_at;
	HPDF_Date date = { 0 };
	HPDF_Array ids;

	gmtime_r(&t, &tm);
	date.year = tm.tm_year + 1900;
	date.month = tm.tm_mon + 1;
	date.day = tm.tm_mday;
	date.hour = tm.tm_hour;
	date.minutes = tm.tm_min;
	date.seconds = tm.tm_sec;
	date.ind = 'Z';
	HPDF_SetInfoDateAttr(r->pdf, HPDF_INFO_CREATION_DATE, date);
	snprintf(title, sizeof(title), "%s %s", r->d->title, r->d->number);
	pt_pdf_winansi(seed, sizeof(seed), title);
	HPDF_SetInfoAttr(r->pdf, HPDF_INFO_TITLE, seed);
	HPDF_SetInfoAttr(r->pdf, HPDF_INFO_CREATOR, "libportal " PORTAL_VERSION);
	if (o->deterministic) {
		snprintf(seed, sizeof(seed), "%s|%s|%lld", r->d->kind, r->d->number,
			(long long)o->created_at);
		crypto_generichash(id, sizeof(id), (const unsigned char *)seed, strlen(seed),
			NULL, 0);
	} else {
		randombytes_buf(id, sizeof(id));
	}
	if ((ids = HPDF_Array_New(r->pdf->mmgr)) == NULL)
		return;
	HPDF_Array_Add(ids, HPDF_Binary_New(r->pdf->mmgr, id, sizeof(id)));
	HPDF_Array_Add(ids, HPDF_Binary_New(r->pdf->mmgr, id, sizeof(id)));
	HPDF_Dict_Add(r->pdf->trailer, "ID", ids);
}

/* The saved document into `out`, all or nothing. */
static int save(render *r, portal_buf *out)
{
	HPDF_UINT32 size;
	char *bytes;
	int err;

	if (HPDF_SaveToStream(r->pdf) != HPDF_OK)
		return -1;
	size = HPDF_GetStreamSize(r->pdf);
	if ((bytes = malloc(size ? size : 1)) == NULL) {
		r->oom = 1;
		return -1;
	}
	if (HPDF_ReadFromStream(r->pdf, (HPDF_BYTE *)bytes, &size) != HPDF_OK &&
	    r->error != HPDF_STREAM_EOF) {
		free(bytes);
		return -1;
	}
	r->error = 0;
	err = pt_buf_put(out, bytes, size);
	free(bytes);
	if (err < 0)
		r->oom = 1;
	return err < 0 ? -1 : 0;
}

static int render_error(render *r)
{
	if (r->oom || r->error == HPDF_FAILD_TO_ALLOC_MEM)
		return pt_error(r->p, PORTAL_ENOMEM, NULL, "out of memory while making the PDF");
	if (r->error == HPDF_TTF_CANNOT_EMBEDDING_FONT || r->error == HPDF_FILE_OPEN_ERROR ||
	    r->error == HPDF_TTF_INVALID_FOMAT || r->error == HPDF_TTF_INVALID_CMAP ||
	    r->error == HPDF_TTF_MISSING_TABLE)
		return pt_error(r->p, PORTAL_EIO, NULL,
			"the font for this document cannot be used (PDF library error 0x%04X)",
			(unsigned)r->error);
	return pt_error(r->p, PORTAL_EIO, NULL, "the PDF could not be made (PDF library error 0x%04X, %u)",
		(unsigned)r->error, (unsigned)r->detail);
}

int pt_pdf_doc_render(portal_buf *out, portal *p, const pt_pdf_doc *d,
	const pt_pdf_render_opts *o)
{
	render r;
	int ok, err;

	if (d->failed)
		return pt_oom(p);
	memset(&r, 0, sizeof(r));
	r.p = p;
	r.d = d;
	for (size_t i = 0; i < WIDTH_CACHE; i++)
		r.widths[0][i] = r.widths[1][i] = -1;
	if ((r.pdf = HPDF_NewEx(on_hpdf_error, NULL, NULL, 0, &r)) == NULL)
		return pt_oom(p);
	HPDF_SetCompressionMode(r.pdf, HPDF_COMP_ALL);
	ok = use_fonts(&r, o) == 0;
	if (ok) {
		set_identity(&r, o);
		new_page(&r);
		draw_header(&r);
		draw_items(&r);
		draw_footers(&r);
		ok = !failed(&r) && save(&r, out) == 0;
	}
	err = ok ? PORTAL_OK : render_error(&r);
	HPDF_Free(r.pdf);
	free(r.pages);
	return err;
}
