/* SPDX-License-Identifier: MIT */
/*
 * fuzz_input.h - one fuzz input through the request parser and router.
 *
 * An input is the CGI environment as "NAME=value" lines, an empty line,
 * then the body:
 *
 *     REQUEST_METHOD=POST
 *     REQUEST_URI=/portal/chat?x=%41
 *     CONTENT_TYPE=application/x-www-form-urlencoded
 *     CONTENT_LENGTH=8
 *
 *     text=hi!
 *
 * The libFuzzer target (fuzz_request.c) and the corpus replay that CI
 * runs (fuzz_replay.c) share this entry, so a crash found by one is a
 * test case of the other.
 */
#ifndef CGI_FUZZ_INPUT_H
#define CGI_FUZZ_INPUT_H

#include <stddef.h>
#include <stdint.h>

/* Parse `data` as a request and route it. Returns the parse status (0
 * or an HTTP status); crashes, leaks and sanitizer reports are the bugs. */
int fuzz_request_input(const uint8_t *data, size_t size);

/* `data` as the bytes a resident portal.cgi reads from a connection: the
 * SCGI head (scgi_parse), then, when it is whole, the request over it,
 * parsed and routed as above. Returns the parse result. */
int fuzz_scgi_input(const uint8_t *data, size_t size);

#endif
