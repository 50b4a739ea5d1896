/* SPDX-License-Identifier: MIT */
/*
 * fuzz_replay.c - every file of the fuzz corpus through the request
 * parser, in the normal build, so CI runs the corpus without clang:
 *
 *     portal_fuzz_replay DIR...
 *     portal_fuzz_replay --scgi DIR...    (SCGI heads: fuzz_scgi_input)
 *
 * Prints "N passed, 0 failed"; a crash or a sanitizer report fails it.
 */
#include "fuzz_input.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int (*fuzz_input)(const uint8_t *data, size_t size) = fuzz_request_input;

static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	unsigned char *data = NULL;
	long size;

	if (f == NULL || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0 || (data = malloc((size_t)size + 1)) == NULL ||
	    fread(data, 1, (size_t)size, f) != (size_t)size) {
		fprintf(stderr, "portal_fuzz_replay: cannot read %s\n", path);
		if (f)
			fclose(f);
		free(data);
		return -1;
	}
	fclose(f);
	fuzz_input(data, (size_t)size);
	free(data);
	return 0;
}

int main(int argc, char **argv)
{
	int count = 0, failed = 0;

	for (int i = 1; i < argc; i++) {
		DIR *d;
		struct dirent *e;
		char path[4096];

		if (strcmp(argv[i], "--scgi") == 0) {
			fuzz_input = fuzz_scgi_input;
			continue;
		}
		d = opendir(argv[i]);
		if (d == NULL) {
			fprintf(stderr, "portal_fuzz_replay: cannot open %s\n", argv[i]);
			return 1;
		}
		while ((e = readdir(d)) != NULL) {
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof(path), "%s/%s", argv[i], e->d_name);
			if (replay_file(path) < 0)
				failed++;
			else
				count++;
		}
		closedir(d);
	}
	printf("%d passed, %d failed\n", count, failed);
	return failed || count == 0 ? 1 : 0;
}
