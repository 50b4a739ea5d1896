/* SPDX-License-Identifier: MIT */
/*
 * portal/job.h - jobs (work orders) and their status timelines.
 *
 * A job is one repair for one client, usually on one asset at one address.
 * Its status is not a stored field but the latest event of its timeline:
 * every change is an event with its time and an optional note, and the
 * customer sees the whole timeline.
 */
#ifndef PORTAL_JOB_H
#define PORTAL_JOB_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/** The steps of a job, in their usual order. Values are stored: never renumber. */
typedef enum portal_job_status {
	PORTAL_JOB_BOOKED = 1,
	PORTAL_JOB_DIAGNOSED = 2,
	PORTAL_JOB_ESTIMATE_SENT = 3,
	PORTAL_JOB_APPROVED = 4,
	PORTAL_JOB_PARTS_ORDERED = 5,
	PORTAL_JOB_PARTS_ARRIVED = 6,
	PORTAL_JOB_REPAIR_SCHEDULED = 7,
	PORTAL_JOB_REPAIRED = 8,
	PORTAL_JOB_INVOICED = 9,
	PORTAL_JOB_PAID = 10,
	PORTAL_JOB_CLOSED = 11,
	PORTAL_JOB_CANCELLED = 12
} portal_job_status;

/** The stable name of `s`: "booked", "estimate_sent" ...; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_job_status_name(portal_job_status s);

/** A label for people: "Estimate sent"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_job_status_label(portal_job_status s);

/**
 * Parse a status as typed: "estimate_sent", "estimate-sent", "Estimate
 * sent" (any case). @return 0 or -1
 */
PORTAL_EXTERN(int) portal_job_status_parse(portal_job_status *out, const char *text);

/** Values of a new job's fields. */
typedef struct portal_job_fields {
	unsigned int version;
	portal_id client_id;     /**< required */
	/** The asset repaired; 0 for none. It must belong to the client. */
	portal_id asset_id;
	/**
	 * Where the work happens; 0 picks the client's first address. It must
	 * belong to the client. A client without an address may have jobs done
	 * in the shop.
	 */
	portal_id address_id;
	/** The problem as the customer reported it; 1..2000 characters. */
	const char *problem;
	/** When the job was booked; 0 for now. Not in the future. */
	portal_time booked_at;
} portal_job_fields;

#define PORTAL_JOB_FIELDS_VERSION 1
#define PORTAL_JOB_FIELDS_INIT { PORTAL_JOB_FIELDS_VERSION, 0, 0, 0, NULL, 0 }

/** One step of a job's timeline. */
typedef struct portal_job_event {
	portal_id id;
	portal_job_status status;
	portal_time at;
	char *note;              /**< "" when none; never NULL */
} portal_job_event;

/** A job as stored, with its timeline. Strings are never NULL. */
typedef struct portal_job {
	portal_id id;
	portal_id client_id;
	portal_id asset_id;      /**< 0 for none */
	portal_id address_id;    /**< 0 for none */
	char *problem;
	portal_job_status status; /**< the status of the latest event */
	portal_time booked_at;    /**< time of the first event */
	portal_time updated_at;   /**< time of the latest event */
	size_t event_count;
	portal_job_event *events; /**< oldest first; NULL in foreach walks */
} portal_job;

/**
 * Book a job: the job and its first "booked" event, in one transaction.
 * @param out  receives the new job's id (may be NULL)
 * @return PORTAL_OK, PORTAL_ENOTFOUND (client, asset or address), PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_job_add(portal_id *out, portal *p, const portal_job_fields *f);

/**
 * Move job `id` to `status`, adding an event at `at` (0 for now) with an
 * optional `note` (NULL or "", at most 500 characters).
 *
 * Rules: a closed or cancelled job does not change (PORTAL_ERULE); the
 * new status must differ from the current one (PORTAL_ERULE); `at` may not
 * be earlier than the latest event nor later than now (PORTAL_EINVAL).
 *
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL, PORTAL_ERULE
 */
PORTAL_EXTERN(int) portal_job_set_status(portal *p, portal_id id,
	portal_job_status status, const char *note, portal_time at);

/**
 * Read job `id` with its timeline. The caller frees `*out` with
 * portal_job_free(). @return PORTAL_OK or PORTAL_ENOTFOUND
 */
PORTAL_EXTERN(int) portal_job_get(portal_job **out, portal *p, portal_id id);

/** Free a job returned by the library. NULL is a no-op. */
PORTAL_EXTERN(void) portal_job_free(portal_job *j);

/**
 * Call `cb` for each job of client `client_id` (0: every client), newest
 * booking first. The job passed to `cb` has no events (event_count 0) and
 * is valid only during the call. A non-zero return from `cb` stops the
 * walk and is returned.
 */
PORTAL_EXTERN(int) portal_job_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_job *j, void *ctx), void *ctx);

/**
 * Job `id` as a JSON object with its client's name, asset, address and
 * timeline, into `out`. The caller disposes `out`.
 */
PORTAL_EXTERN(int) portal_job_json(portal_buf *out, portal *p, portal_id id);

/** The jobs of `client_id` (0: all) with their timelines as a JSON array. */
PORTAL_EXTERN(int) portal_job_list_json(portal_buf *out, portal *p, portal_id client_id);

PORTAL_END_DECL

#endif
