/* SPDX-License-Identifier: MIT */
/*
 * billing.c - what estimates and invoices share: the tax rate a document
 * is worked out at, and the job it may be for.
 */
#include "billing.h"
#include "settings.h"
#include "store.h"

/* The rate a document uses: its own once sent or issued, else the shop's. */
int pt_document_rate(int32_t *rate, portal *p, portal_time issued_at, int32_t stored)
{
	int64_t v;
	int err;

	if (issued_at) {
		*rate = stored;
		return PORTAL_OK;
	}
	if ((err = pt_setting_int(&v, p, "tax_rate")) < 0)
		return err;
	*rate = (int32_t)v;
	return PORTAL_OK;
}

/* A job given with a client must be that client's. */
int pt_check_job_client(portal *p, const char *field, portal_id job_id, portal_id client_id)
{
	portal_job *j = NULL;
	int err;

	if (job_id == 0)
		return PORTAL_OK;
	if ((err = pt_store_job_get(&j, p, job_id, 0)) < 0)
		return err;
	if (j->client_id != client_id)
		err = pt_error(p, PORTAL_EINVAL, field, "job #%lld belongs to another client",
			(long long)job_id);
	portal_job_free(j);
	return err;
}
