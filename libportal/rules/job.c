/* SPDX-License-Identifier: MIT */
/*
 * job.c - jobs and the rules of their status timelines.
 */
#include "internal.h"
#include "rules.h"
#include "json.h"
#include "notify_log.h"
#include "record_json.h"
#include "store.h"
#include "validate.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The asset and the address of a job must be the client's own: a job
 * must never show one client's appliance or house to another. */
static int check_owned(portal *p, const portal_job_fields *f, portal_id *address_id)
{
	portal_asset *asset = NULL;
	portal_address *addr = NULL;
	int err = PORTAL_OK;

	if (f->asset_id) {
		if ((err = pt_store_asset_get(&asset, p, f->asset_id)) == 0 &&
		    asset->client_id != f->client_id)
			err = pt_error(p, PORTAL_EINVAL, "job.asset",
				"asset #%lld belongs to another client", (long long)f->asset_id);
		portal_asset_free(asset);
		if (err < 0)
			return err;
	}
	*address_id = f->address_id;
	if (*address_id == 0)
		return pt_store_address_first(address_id, p, f->client_id);
	if ((err = pt_store_address_get(&addr, p, *address_id)) == 0 &&
	    addr->client_id != f->client_id)
		err = pt_error(p, PORTAL_EINVAL, "job.address",
			"address #%lld belongs to another client", (long long)*address_id);
	portal_address_free(addr);
	return err;
}

static int check_event_time(portal *p, portal_time at, portal_time after)
{
	if (at > portal_now(p))
		return pt_error(p, PORTAL_EINVAL, "job.at", "a status change cannot be in the future");
	if (at < after)
		return pt_error(p, PORTAL_EINVAL, "job.at",
			"a status change cannot be earlier than the one before it");
	return PORTAL_OK;
}

int portal_job_add(portal_id *out, portal *p, const portal_job_fields *f)
{
	portal_job j = { 0 };
	portal_client *c = NULL;
	portal_id id = 0;
	portal_time at;
	int err;

	if (f == NULL || f->version != PORTAL_JOB_FIELDS_VERSION)
		return pt_error(p, PORTAL_EINVAL, NULL,
			"portal_job_fields: missing or of an unknown version");
	at = f->booked_at ? f->booked_at : portal_now(p);
	j.client_id = f->client_id;
	j.asset_id = f->asset_id;
	if ((err = pt_store_client_get(&c, p, f->client_id)) < 0 ||
	    (err = check_owned(p, f, &j.address_id)) < 0 ||
	    (err = pt_valid_text(&j.problem, p, "job.problem", f->problem, 1, 2000,
			PT_TEXT_MULTILINE)) < 0 ||
	    (err = check_event_time(p, at, 0)) < 0)
		goto done;
	if ((err = pt_store_begin(p)) < 0)
		goto done;
	err = pt_store_job_insert(&id, p, &j);
	if (err == 0)
		err = pt_store_job_event_insert(p, id, PORTAL_JOB_BOOKED, at, "");
	if ((err = pt_store_end(p, err)) == 0 && out != NULL)
		*out = id;
done:
	portal_client_free(c);
	free(j.problem);
	return err;
}

/* Tell the client that their job moved, with the problem it is about so
 * they know which job is meant. */
static int notify_status(portal *p, const portal_job *j, portal_job_status status)
{
	int n = (int)strnlen(j->problem, 80);

	/* A long problem is cut on a character's first byte. */
	while (n > 0 && ((unsigned char)j->problem[n] & 0xc0) == 0x80)
		n--;
	/* "(Oven runs cold.)" reads better without the problem's full stop. */
	if (n > 0 && j->problem[n - 1] == '.')
		n--;
	return pt_notify(p, j->client_id, "job.status", j->id, "Your job #%lld (%.*s) is now: %s.",
		(long long)j->id, n, j->problem, portal_job_status_label(status));
}

int portal_job_set_status(portal *p, portal_id id, portal_job_status status,
	const char *note, portal_time at)
{
	portal_job *j = NULL;
	char *clean = NULL;
	int err;

	if (portal_job_status_name(status) == NULL)
		return pt_error(p, PORTAL_EINVAL, "job.status", "unknown status %d", (int)status);
	if (at == 0)
		at = portal_now(p);
	if ((err = pt_valid_text(&clean, p, "job.note", note, 0, 500, PT_TEXT_MULTILINE)) < 0)
		return err;
	/* Read and write under one lock, so two people moving the same job
	 * at once cannot both pass the checks against a stale status. */
	if ((err = pt_store_begin(p)) < 0)
		goto done;
	if ((err = pt_store_job_get(&j, p, id, 0)) < 0)
		goto end;
	if (j->status == PORTAL_JOB_CLOSED || j->status == PORTAL_JOB_CANCELLED)
		err = pt_error(p, PORTAL_ERULE, NULL, "job #%lld is %s and cannot change",
			(long long)id, portal_job_status_name(j->status));
	else if (j->status == status)
		err = pt_error(p, PORTAL_ERULE, NULL, "job #%lld is already %s",
			(long long)id, portal_job_status_name(status));
	else if ((err = check_event_time(p, at, j->updated_at)) == 0 &&
		 (err = pt_store_job_event_insert(p, id, status, at, clean)) == 0)
		err = notify_status(p, j, status);
end:
	err = pt_store_end(p, err);
done:
	portal_job_free(j);
	free(clean);
	return err;
}

int portal_job_get(portal_job **out, portal *p, portal_id id)
{
	return pt_store_job_get(out, p, id, 1);
}

int portal_job_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_job *j, void *ctx), void *ctx)
{
	return pt_store_job_foreach(p, client_id, cb, ctx);
}

/* The job with its timeline and the records it points to, as the shop
 * sees it. */
static cJSON *job_document(portal *p, portal_id id, int *err)
{
	portal_job *j = NULL;
	portal_client *c = NULL;
	portal_asset *a = NULL;
	portal_address *addr = NULL;
	cJSON *o = NULL, *item;

	if ((*err = pt_store_job_get(&j, p, id, 1)) < 0 ||
	    (*err = pt_store_client_get(&c, p, j->client_id)) < 0 ||
	    (j->asset_id && (*err = pt_store_asset_get(&a, p, j->asset_id)) < 0) ||
	    (j->address_id && (*err = pt_store_address_get(&addr, p, j->address_id)) < 0))
		goto done;
	*err = PORTAL_ENOMEM;
	if ((o = pt_job_to_json(p, j)) == NULL ||
	    cJSON_AddStringToObject(o, "client_name", c->name) == NULL)
		goto done;
	item = a ? pt_asset_to_json(p, a) : cJSON_CreateNull();
	if (item == NULL || !cJSON_AddItemToObject(o, "asset", item))
		goto done;
	item = addr ? pt_address_to_json(p, addr) : cJSON_CreateNull();
	if (item == NULL || !cJSON_AddItemToObject(o, "address", item))
		goto done;
	*err = PORTAL_OK;
done:
	if (*err == PORTAL_ENOMEM)
		pt_oom(p);
	if (*err < 0) {
		cJSON_Delete(o);
		o = NULL;
	}
	portal_job_free(j);
	portal_client_free(c);
	portal_asset_free(a);
	portal_address_free(addr);
	return o;
}

int portal_job_json(portal_buf *out, portal *p, portal_id id)
{
	int err;
	cJSON *root = job_document(p, id, &err);

	return pt_json_finish(out, p, root, err);
}

static int add_job_document(const portal_job *j, void *ctx)
{
	pt_json_walk *w = ctx;
	int err;
	cJSON *o = job_document(w->p, j->id, &err);

	return o ? pt_json_walk_add(w, o) : err;
}

int portal_job_list_json(portal_buf *out, portal *p, portal_id client_id)
{
	pt_json_walk w = { p, cJSON_CreateArray() };
	int err = w.array ? PORTAL_OK : pt_oom(p);

	if (err == 0)
		err = pt_store_job_foreach(p, client_id, add_job_document, &w);
	return pt_json_finish(out, p, w.array, err);
}

int pt_job_advance(portal *p, portal_id job_id, portal_job_status status, portal_time at)
{
	portal_job *j = NULL;
	int err;

	if (job_id == 0)
		return PORTAL_OK;
	if ((err = pt_store_job_get(&j, p, job_id, 0)) < 0)
		return err;
	if (j->status != status && j->status != PORTAL_JOB_CLOSED &&
	    j->status != PORTAL_JOB_CANCELLED &&
	    (err = pt_store_job_event_insert(p, job_id, status,
			at > j->updated_at ? at : j->updated_at, "")) == 0)
		err = notify_status(p, j, status);
	portal_job_free(j);
	return err;
}
