/* SPDX-License-Identifier: MIT */
/*
 * fuzz_scgi.c - the libFuzzer target of the SCGI head a resident
 * portal.cgi reads, and of the request over it: built with clang when
 * PORTAL_FUZZ is on.
 *
 *     cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPORTAL_FUZZ=ON
 *     cmake --build build-fuzz --target portal_fuzz_scgi
 *     build-fuzz/cgi/portal_fuzz_scgi -max_len=8192 tests/fuzz/scgi
 */
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_scgi_input(data, size);
	return 0;
}
