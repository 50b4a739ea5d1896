/* SPDX-License-Identifier: MIT */
/*
 * portal/buf.h - bytes returned by the library.
 *
 * Functions that return text or bytes (JSON documents, PDFs) fill a
 * portal_buf the caller provides. The library allocates `ptr`; the caller
 * releases it with portal_buf_dispose(), never with free(), so a binding
 * never needs to know which allocator the library used.
 */
#ifndef PORTAL_BUF_H
#define PORTAL_BUF_H

#include "common.h"

PORTAL_BEGIN_DECL

typedef struct portal_buf {
	/** The bytes, followed by a NUL that `size` does not count; NULL when empty. */
	char *ptr;
	/** Number of bytes in `ptr`. */
	size_t size;
	/** Bytes allocated; owned by the library, do not change. */
	size_t asize;
} portal_buf;

/** Static initialiser: `portal_buf out = PORTAL_BUF_INIT;` */
#define PORTAL_BUF_INIT { NULL, 0, 0 }

/**
 * Free the memory held by `buf` and reset it to PORTAL_BUF_INIT, so it may
 * be filled again. NULL and an empty buffer are no-ops.
 */
PORTAL_EXTERN(void) portal_buf_dispose(portal_buf *buf);

PORTAL_END_DECL

#endif
