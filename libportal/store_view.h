/*
 * store_view.h - what only the customer's views read: their unread
 * notifications (store_view.c). Private.
 */
#ifndef LIBPORTAL_STORE_VIEW_H
#define LIBPORTAL_STORE_VIEW_H

#include "store.h"

/*
 * The number of unread notifications of `client_id`; with `job_id` not 0,
 * only those about that job (kind "job", subject the job).
 */
int pt_store_notifications_unread(int64_t *out, portal *p, portal_id client_id,
	portal_id job_id);

#endif
