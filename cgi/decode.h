/* SPDX-License-Identifier: MIT */
/*
 * decode.h - strict decoding of the text of a request: percent escapes
 * (RFC 3986) and application/x-www-form-urlencoded pairs.
 */
#ifndef CGI_DECODE_H
#define CGI_DECODE_H

#include <stddef.h>

#include "request.h"

/*
 * Decode `len` bytes of `s` into a new NUL-terminated string (*out, the
 * caller frees it). `plus_is_space`: '+' stands for a space, as in forms
 * and queries. Refused (-1, nothing allocated): a '%' not followed by two
 * hex digits, an escape or a byte that is NUL or a control character other
 * than tab, CR and LF. -2 when out of memory.
 */
int decode_percent(char **out, const char *s, size_t len, int plus_is_space);

/*
 * Split "a=1&b=two+words" into `params` (appending). Empty pieces are
 * skipped, a piece without '=' has the value "". Returns 0, -1 for bad
 * text or more than REQUEST_PARAMS_MAX pairs, -2 out of memory.
 */
int decode_urlencoded(req_params *params, const char *s, size_t len);

/*
 * Split a Cookie header ("a=1; b=2") into `params` (appending), values
 * unquoted and not decoded (RFC 6265). Pieces without '=' are skipped.
 * Returns as decode_urlencoded().
 */
int decode_cookies(req_params *params, const char *s);

/* Append a pair (copies both); 0, -1 when full, -2 out of memory. */
int params_add(req_params *params, const char *name, size_t nlen,
	const char *value, size_t vlen);

void params_free(req_params *params);

/* The first value of `name`, or NULL. */
const char *params_get(const req_params *params, const char *name);

#endif
