/* SPDX-License-Identifier: MIT */
/*
 * portal.h - libportal, the client portal library for repair and service
 * shops. Include this one header; it includes every module's header.
 *
 * Conventions, for every function:
 * - Fallible functions return PORTAL_OK (0) or a negative PORTAL_E* code;
 *   portal_errmsg() tells why (portal/errors.h).
 * - Output parameters come first.
 * - Records returned by the library are freed with their own _free();
 *   bytes and documents come in a portal_buf, freed with
 *   portal_buf_dispose(). The header of each function says which.
 * - Times are UTC seconds (portal_time); money is cents (portal_money).
 * - Lists are walks: portal_x_foreach(p, ..., cb, ctx). A callback may
 *   call any other function on the handle, except start a walk of the
 *   same kind (that one fails with PORTAL_ESTORE).
 */
#ifndef PORTAL_H
#define PORTAL_H

#include "portal/common.h"
#include "portal/version.h"
#include "portal/errors.h"
#include "portal/buf.h"
#include "portal/db.h"
#include "portal/host.h"
#include "portal/clock.h"
#include "portal/money.h"
#include "portal/shop.h"
#include "portal/client.h"
#include "portal/asset.h"
#include "portal/tech.h"
#include "portal/job.h"
#include "portal/line.h"
#include "portal/estimate.h"
#include "portal/invoice.h"
#include "portal/payment.h"
#include "portal/inspection.h"
#include "portal/appointment.h"
#include "portal/tracking.h"
#include "portal/warranty.h"
#include "portal/reminder.h"
#include "portal/access.h"
#include "portal/audit.h"
#include "portal/view.h"
#include "portal/customer.h"
#include "portal/notify.h"
#include "portal/chat.h"
#include "portal/outbox.h"
#include "portal/ics.h"
#include "portal/pdf.h"
#include "portal/transfer.h"
#include "portal/demo.h"
#include "portal/words.h"
#include "portal/upkeep.h"

#endif
