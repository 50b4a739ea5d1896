/* SPDX-License-Identifier: MIT */
/*
 * portal/warranty.h - is a return visit covered by the repair's warranty?
 *
 * A repair's warranty runs from its completion, the latest "repaired"
 * event of the job: labour for `labour_warranty_days` (90), parts for
 * `parts_warranty_days` (30), counted in calendar days in the shop's time
 * zone. Completed on day D, labour is covered through the whole of day
 * D + 90: day 90 is covered, day 91 is not.
 *
 * Only the same problem is covered, and not when it was caused by misuse,
 * improper maintenance, external damage, pests, weather or relocating the
 * appliance, nor for a new owner (the warranty is not transferable).
 */
#ifndef PORTAL_WARRANTY_H
#define PORTAL_WARRANTY_H

#include "common.h"
#include "buf.h"

PORTAL_BEGIN_DECL

/** What caused the problem, as reported. Values are stable. */
typedef enum portal_warranty_cause {
	PORTAL_CAUSE_NONE = 0,
	PORTAL_CAUSE_MISUSE = 1,
	PORTAL_CAUSE_IMPROPER_MAINTENANCE = 2,
	PORTAL_CAUSE_EXTERNAL_DAMAGE = 3,
	PORTAL_CAUSE_PESTS = 4,
	PORTAL_CAUSE_WEATHER = 5,
	PORTAL_CAUSE_RELOCATED = 6
} portal_warranty_cause;

/** "none", "misuse", "improper_maintenance", "external_damage", "pests",
 * "weather", "relocated"; NULL if unknown. */
PORTAL_EXTERN(const char *) portal_warranty_cause_name(portal_warranty_cause c);

/** Parse a cause as typed ("external-damage", "Pests"). @return 0 or -1 */
PORTAL_EXTERN(int) portal_warranty_cause_parse(portal_warranty_cause *out, const char *text);

/** The circumstances of a claim. */
typedef struct portal_warranty_claim {
	unsigned int version;
	portal_time at;             /**< when the problem is reported; 0 for now */
	int same_problem;           /**< 1 when it is the problem repaired */
	portal_warranty_cause cause;
	int owner_changed;          /**< 1 when the appliance changed hands */
} portal_warranty_claim;

#define PORTAL_WARRANTY_CLAIM_VERSION 1
#define PORTAL_WARRANTY_CLAIM_INIT { PORTAL_WARRANTY_CLAIM_VERSION, 0, 1, PORTAL_CAUSE_NONE, 0 }

/** Why a claim is not covered. */
typedef enum portal_warranty_reason {
	PORTAL_WARRANTY_COVERED = 0,
	PORTAL_WARRANTY_NOT_COMPLETED = 1,  /**< the repair is not done */
	PORTAL_WARRANTY_EXPIRED = 2,
	PORTAL_WARRANTY_OTHER_PROBLEM = 3,
	PORTAL_WARRANTY_EXCLUDED_CAUSE = 4,
	PORTAL_WARRANTY_OWNER_CHANGED = 5
} portal_warranty_reason;

/** The answer to a claim for one job. */
typedef struct portal_warranty {
	portal_time completed_at;   /**< 0 when not completed */
	/** The last covered local dates, "2027-02-20"; "" when not completed. */
	char labour_until[11];
	char parts_until[11];
	/** The first instants no longer covered; 0 when not completed. */
	portal_time labour_ends;
	portal_time parts_ends;
	int labour_covered;
	int parts_covered;
	/** Why labour (or else parts) is not covered; COVERED when both are. */
	portal_warranty_reason labour_reason;
	portal_warranty_reason parts_reason;
	/** One sentence for people, e.g. "Labour is covered until 2027-02-20;
	 * parts ended on 2026-12-22." */
	char explanation[200];
} portal_warranty;

/**
 * Answer `claim` (NULL: the same problem, no cause, now) for job `job_id`.
 * @return PORTAL_OK, PORTAL_ENOTFOUND, PORTAL_EINVAL
 */
PORTAL_EXTERN(int) portal_warranty_check(portal_warranty *out, portal *p, portal_id job_id,
	const portal_warranty_claim *claim);

/** The same answer as a JSON object. */
PORTAL_EXTERN(int) portal_warranty_json(portal_buf *out, portal *p, portal_id job_id,
	const portal_warranty_claim *claim);

PORTAL_END_DECL

#endif
