/* SPDX-License-Identifier: MIT */
/*
 * pdf_font.c - the table directory of a TrueType font, checked
 * (pdf_font.h).
 */
#include "pdf_font.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* A font has a few dozen tables; a larger count is not a font. */
#define MAX_TABLES 256
#define OFFSET_TABLE 12
#define TABLE_RECORD 16

/* The tables the PDF library reads to embed a TrueType font. */
static const char *const needed[] = {
	"cmap", "glyf", "head", "hhea", "hmtx", "loca", "maxp", "name",
};

static uint32_t be32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Every table record within the file, and the needed tables among them. */
static int directory_ok(const unsigned char *dir, unsigned tables, uint64_t size)
{
	unsigned found = 0;

	for (unsigned i = 0; i < tables; i++) {
		const unsigned char *rec = dir + (size_t)i * TABLE_RECORD;
		uint64_t offset = be32(rec + 8), length = be32(rec + 12);

		if (offset + length > size)
			return -1;
		for (size_t k = 0; k < sizeof(needed) / sizeof(needed[0]); k++)
			if (memcmp(rec, needed[k], 4) == 0)
				found |= 1u << k;
	}
	return found == (1u << (sizeof(needed) / sizeof(needed[0]))) - 1 ? 0 : -1;
}

int pt_pdf_font_check(const char *path)
{
	unsigned char head[OFFSET_TABLE], *dir = NULL;
	struct stat st;
	unsigned tables;
	uint32_t version;
	int rc = -1;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return -1;
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode) ||
	    fread(head, 1, sizeof(head), f) != sizeof(head))
		goto out;
	version = be32(head);
	tables = (unsigned)head[4] << 8 | head[5];
	/* TrueType outlines only: 1.0 or Apple's 'true'; not 'OTTO' (CFF). */
	if ((version != 0x00010000u && version != 0x74727565u) ||
	    tables == 0 || tables > MAX_TABLES ||
	    (uint64_t)st.st_size < OFFSET_TABLE + (uint64_t)tables * TABLE_RECORD)
		goto out;
	if ((dir = malloc((size_t)tables * TABLE_RECORD)) == NULL ||
	    fread(dir, TABLE_RECORD, tables, f) != tables)
		goto out;
	rc = directory_ok(dir, tables, (uint64_t)st.st_size);
out:
	free(dir);
	fclose(f);
	return rc;
}
