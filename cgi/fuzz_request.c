/* SPDX-License-Identifier: MIT */
/*
 * fuzz_request.c - the libFuzzer target of the request parser: built with
 * clang when PORTAL_FUZZ is on.
 *
 *     cmake -S . -B build-fuzz -DCMAKE_C_COMPILER=clang -DPORTAL_FUZZ=ON
 *     cmake --build build-fuzz --target portal_fuzz_request
 *     build-fuzz/cgi/portal_fuzz_request -max_len=4096 tests/fuzz/request
 */
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_request_input(data, size);
	return 0;
}
