/* SPDX-License-Identifier: MIT */
/*
 * inspection.c - inspections: who and what was inspected, what was found
 * item by item, and recommended repairs turned into estimate lines.
 */
#include "internal.h"
#include "billing.h"
#include "json.h"
#include "record_json.h"
#include "store_inspection.h"
#include "validate.h"

#include <stdlib.h>
#include <string.h>

/* ---------------------------------------------------------------------
 * Recording an inspection.
 */

/* With a job, the inspection is of the job's client and, unless another
 * asset is named, of the job's asset; without one the client must be
 * named. */
static int take_job(portal_inspection *in, portal *p, const portal_inspection_fields *f)
{
	portal_job *j = NULL;
	portal_client *c = NULL;
	int err;

	in->job_id = f->job_id;
	in->asset_id = f->asset_id;
	if (f->job_id == 0) {
		if (f->client_id == 0)
			return pt_error(p, PORTAL_EINVAL, "inspection.client",
				"an inspection without a job needs a client");
		in->client_id = f->client_id;
		err = pt_store_client_get(&c, p, f->client_id);
		portal_client_free(c);
		return err;
	}
	if ((err = pt_store_job_get(&j, p, f->job_id, 0)) < 0)
		return err;
	if (f->client_id != 0 && f->client_id != j->client_id)
		err = pt_error(p, PORTAL_EINVAL, "inspection.client",
			"job #%lld is another client's", (long long)f->job_id);
	in->client_id = j->client_id;
	if (in->asset_id == 0)
		in->asset_id = j->asset_id;
	portal_job_free(j);
	return err;
}

/* An inspection must never show one client's appliance to another. */
static int check_asset(portal *p, const portal_inspection *in)
{
	portal_asset *a = NULL;
	int err;

	if (in->asset_id == 0)
		return PORTAL_OK;
	if ((err = pt_store_asset_get(&a, p, in->asset_id)) == 0 && a->client_id != in->client_id)
		err = pt_error(p, PORTAL_EINVAL, "inspection.asset",
			"asset #%lld belongs to another client", (long long)in->asset_id);
	portal_asset_free(a);
	return err;
}

static int check_technician(portal *p, portal_id id)
{
	portal_tech *t = NULL;
	int err;

	if (id == 0)
		return PORTAL_OK;
	err = pt_store_tech_get(&t, p, id);
	portal_tech_free(t);
	return err;
}

static int check_inspected_at(portal *p, portal_time at)
{
	if (at < 0)
		return pt_error(p, PORTAL_EINVAL, "inspection.inspected_at", "not a time");
	if (at > portal_now(p))
		return pt_error(p, PORTAL_EINVAL, "inspection.inspected_at",
			"an inspection cannot be in the future");
	return PORTAL_OK;
}

int portal_inspection_add(portal_id *out, portal *p, const portal_inspection_fields *f)
{
	portal_inspection in = { 0 };
	portal_id id = 0;
	int err;

	if (f == NULL || f->version != PORTAL_INSPECTION_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_inspection_fields: missing or of an unknown version");
	in.technician_id = f->technician_id;
	in.inspected_at = f->inspected_at ? f->inspected_at : portal_now(p);
	if ((err = take_job(&in, p, f)) == 0 &&
	    (err = check_asset(p, &in)) == 0 &&
	    (err = check_technician(p, in.technician_id)) == 0 &&
	    (err = check_inspected_at(p, in.inspected_at)) == 0 &&
	    (err = pt_valid_text(&in.summary, p, "inspection.summary", f->summary, 0, 2000,
			PT_TEXT_MULTILINE)) == 0 &&
	    (err = pt_store_inspection_insert(&id, p, &in)) == 0 && out != NULL)
		*out = id;
	free(in.summary);
	return err;
}

/* A price is what the recommended repair would cost: without the repair
 * it means nothing, and it must fit on an estimate line. */
static int check_price(portal *p, const portal_inspection_item *it)
{
	if (it->recommended_price == -1)
		return PORTAL_OK;
	if (it->recommended_price < 0 || it->recommended_price > PORTAL_UNIT_PRICE_MAX)
		return pt_error(p, PORTAL_EINVAL, "inspection_item.recommended_price",
			"a price is 0 to 10,000,000.00, or none");
	if (it->recommendation[0] == '\0')
		return pt_error(p, PORTAL_EINVAL, "inspection_item.recommended_price",
			"a price needs a recommendation to price");
	return PORTAL_OK;
}

static int validate_item(portal_inspection_item *it, portal *p,
	const portal_inspection_item_fields *f)
{
	int err;

	if (f == NULL || f->version != PORTAL_INSPECTION_ITEM_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_inspection_item_fields: missing or of an unknown version");
	if (portal_condition_name(f->condition) == NULL)
		return pt_error(p, PORTAL_EINVAL, "inspection_item.condition",
			"must be good, needs attention or urgent");
	it->condition = f->condition;
	it->recommended_price = f->recommended_price;
	/* The recommendation becomes an estimate line's description: one line. */
	if ((err = pt_valid_text(&it->item, p, "inspection_item.item", f->item, 1, 200, 0)) < 0 ||
	    (err = pt_valid_text(&it->note, p, "inspection_item.note", f->note, 0, 1000,
			PT_TEXT_MULTILINE)) < 0 ||
	    (err = pt_valid_text(&it->recommendation, p, "inspection_item.recommendation",
			f->recommendation, 0, 500, 0)) < 0)
		return err;
	return check_price(p, it);
}

int portal_inspection_item_add(portal_id *out, portal *p, portal_id id,
	const portal_inspection_item_fields *f)
{
	portal_inspection_item it = { 0 };
	portal_inspection *in = NULL;
	portal_id item_id = 0;
	int err;

	if ((err = pt_store_inspection_get(&in, p, id, 0)) == 0 &&
	    (err = validate_item(&it, p, f)) == 0 &&
	    (err = pt_store_inspection_item_insert(&item_id, p, id, &it)) == 0 && out != NULL)
		*out = item_id;
	portal_inspection_free(in);
	pt_inspection_item_clear(&it);
	return err;
}

/* ---------------------------------------------------------------------
 * Recommended repairs to estimate lines.
 */

/* What a recommendation needs to become a line: a client in common with
 * the estimate, a repair and its price, and no line made from it yet. */
static int check_item_for_estimate(portal *p, const portal_inspection_item *it,
	portal_id inspection_id, const portal_estimate *e, portal_line_kind kind)
{
	portal_inspection *in = NULL;
	int err;

	if ((err = pt_store_inspection_get(&in, p, inspection_id, 0)) < 0)
		return err;
	if (in->client_id != e->client_id)
		err = pt_error(p, PORTAL_EINVAL, "inspection_item.estimate",
			"estimate %s is another client's", e->number);
	else if (it->recommendation[0] == '\0' || it->recommended_price < 0)
		err = pt_error(p, PORTAL_EINVAL, "inspection_item.recommendation",
			"item #%lld has no recommended repair with a price", (long long)it->id);
	else if (kind == PORTAL_LINE_DISCOUNT || kind == PORTAL_LINE_CREDIT)
		err = pt_error(p, PORTAL_EINVAL, "inspection_item.kind",
			"a recommended repair is charged, not a %s", portal_line_kind_name(kind));
	else if (it->estimate_line_id != 0)
		err = pt_error(p, PORTAL_ERULE, NULL,
			"item #%lld is already line #%lld of an estimate", (long long)it->id,
			(long long)it->estimate_line_id);
	portal_inspection_free(in);
	return err;
}

int portal_inspection_item_to_estimate(portal_id *out_line, portal *p,
	portal_id item_id, portal_id estimate_id, portal_line_kind kind)
{
	portal_line_fields f = PORTAL_LINE_FIELDS_INIT;
	portal_inspection_item *it = NULL;
	portal_estimate *e = NULL;
	portal_id inspection_id = 0, line_id = 0;
	int err;

	/* Under one lock, so that the same item cannot become two lines. */
	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_store_inspection_item_get(&it, &inspection_id, p, item_id)) < 0 ||
	    (err = portal_estimate_get(&e, p, estimate_id)) < 0 ||
	    (err = check_item_for_estimate(p, it, inspection_id, e, kind)) < 0)
		goto end;
	f.kind = kind;
	f.description = it->recommendation;
	f.quantity = 1000;
	f.unit_price = it->recommended_price;
	f.taxable = -1;
	err = pt_estimate_line_add(&line_id, p, estimate_id, &f, item_id);
end:
	err = pt_store_end(p, err);
	if (err == 0 && out_line != NULL)
		*out_line = line_id;
	pt_inspection_item_free(it);
	portal_estimate_free(e);
	return err;
}

/* ---------------------------------------------------------------------
 * Reading.
 */

int portal_inspection_get(portal_inspection **out, portal *p, portal_id id)
{
	return pt_store_inspection_get(out, p, id, 1);
}

int portal_inspection_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_inspection *in, void *ctx), void *ctx)
{
	return pt_store_inspection_foreach(p, client_id, cb, ctx);
}

cJSON *pt_json_add_condition(cJSON *o, const char *name, const char *label_name,
	portal_condition c)
{
	const char *n = portal_condition_name(c);

	if (n == NULL)
		return cJSON_AddNullToObject(o, name) && cJSON_AddNullToObject(o, label_name) ?
			o : NULL;
	return cJSON_AddStringToObject(o, name, n) &&
		cJSON_AddStringToObject(o, label_name, portal_condition_label(c)) ? o : NULL;
}

static cJSON *item_to_json(const portal_inspection_item *it)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(NULL);
	cJSON *o = cJSON_CreateObject();

	if (o == NULL)
		return NULL;
	pt_jb_int(&b, o, "id", it->id);
	pt_jb_int(&b, o, "position", it->position);
	pt_jb_string(&b, o, "item", it->item);
	pt_jb_check(&b, pt_json_add_condition(o, "condition", "condition_label",
		it->condition) != NULL);
	pt_jb_string(&b, o, "note", it->note);
	pt_jb_string(&b, o, "recommendation", it->recommendation);
	if (it->recommended_price >= 0) {
		pt_jb_money(&b, o, "recommended_price", it->recommended_price);
	} else {
		pt_jb_null(&b, o, "recommended_price");
		pt_jb_null(&b, o, "recommended_price_text");
	}
	pt_jb_id(&b, o, "estimate_line_id", it->estimate_line_id);
	return pt_jb_done(&b, o);
}

/* The names of the records an inspection points to. The technician's
 * phone stays out: this document is also what the customer sees. */
static int add_names(cJSON *o, portal *p, const portal_inspection *in)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	portal_client *c = NULL;
	portal_asset *a = NULL;
	portal_tech *t = NULL;
	char *label = NULL;
	int err;

	if ((err = pt_store_client_get(&c, p, in->client_id)) < 0 ||
	    (in->asset_id && (err = pt_store_asset_get(&a, p, in->asset_id)) < 0) ||
	    (in->technician_id && (err = pt_store_tech_get(&t, p, in->technician_id)) < 0))
		goto done;
	if (a != NULL)
		label = pt_asset_label(a->make, a->model, a->category);
	pt_jb_check(&b, a == NULL || label != NULL);
	pt_jb_string(&b, o, "client_name", c->name);
	if (label)
		pt_jb_string(&b, o, "asset_label", label);
	else
		pt_jb_null(&b, o, "asset_label");
	if (t)
		pt_jb_string(&b, o, "technician_name", t->name);
	else
		pt_jb_null(&b, o, "technician_name");
	err = pt_jb_error(&b);
done:
	free(label);
	portal_client_free(c);
	portal_asset_free(a);
	portal_tech_free(t);
	return err;
}

static cJSON *inspection_document(portal *p, portal_id id, int *err)
{
	pt_json_builder b = PT_JSON_BUILDER_INIT(p);
	portal_inspection *in = NULL;
	cJSON *o = NULL, *items;

	if ((*err = pt_store_inspection_get(&in, p, id, 1)) < 0)
		return NULL;
	if ((o = cJSON_CreateObject()) == NULL) {
		*err = pt_oom(p);
		goto done;
	}
	pt_jb_int(&b, o, "id", in->id);
	pt_jb_int(&b, o, "client_id", in->client_id);
	pt_jb_id(&b, o, "job_id", in->job_id);
	pt_jb_id(&b, o, "asset_id", in->asset_id);
	pt_jb_id(&b, o, "technician_id", in->technician_id);
	pt_jb_time(&b, o, "inspected_at", in->inspected_at);
	pt_jb_string(&b, o, "summary", in->summary);
	pt_jb_check(&b, pt_json_add_condition(o, "worst", "worst_label", in->worst) != NULL);
	items = pt_jb_array(&b, o, "items");
	for (size_t i = 0; !b.failed && i < in->item_count; i++)
		pt_jb_append(&b, items, item_to_json(&in->items[i]));
	if ((*err = pt_jb_error(&b)) == 0)
		*err = add_names(o, p, in);
done:
	if (*err < 0) {
		cJSON_Delete(o);
		o = NULL;
	}
	portal_inspection_free(in);
	return o;
}

int portal_inspection_json(portal_buf *out, portal *p, portal_id id)
{
	int err;
	cJSON *root = inspection_document(p, id, &err);

	return pt_json_finish(out, p, root, err);
}

static int add_inspection_document(const portal_inspection *in, void *ctx)
{
	pt_json_walk *w = ctx;
	int err;
	cJSON *o = inspection_document(w->p, in->id, &err);

	return o ? pt_json_walk_add(w, o) : err;
}

int portal_inspection_list_json(portal_buf *out, portal *p, portal_id client_id)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err = w.array ? PORTAL_OK : pt_oom(p);

	if (err == 0)
		err = pt_store_inspection_foreach(p, client_id, add_inspection_document, &w);
	return pt_json_finish(out, p, w.array, err);
}
