/* SPDX-License-Identifier: MIT */
/*
 * sections.c - the parts of the portal a shop can hide from a client.
 */
#include "internal.h"
#include "store_access.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	portal_section bit;
	const char *name;
} sections[] = {
	{ PORTAL_SECTION_INVOICES, "invoices" },
	{ PORTAL_SECTION_ESTIMATES, "estimates" },
	{ PORTAL_SECTION_PAYMENTS, "payments" },
	{ PORTAL_SECTION_INSPECTIONS, "inspections" },
	{ PORTAL_SECTION_APPOINTMENTS, "appointments" },
	{ PORTAL_SECTION_TRACKING, "tracking" },
	{ PORTAL_SECTION_CHAT, "chat" },
};

#define SECTION_COUNT (sizeof(sections) / sizeof(sections[0]))

const char *portal_section_name(portal_section s)
{
	for (size_t i = 0; i < SECTION_COUNT; i++)
		if (sections[i].bit == s)
			return sections[i].name;
	return NULL;
}

/* One name of a list, trimmed and lower-cased into `word`; 0 when it is
 * longer than any section's name. */
static int take_word(char *word, size_t len, const char *s, size_t n)
{
	while (n > 0 && isspace((unsigned char)*s))
		s++, n--;
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		n--;
	if (n >= len)
		return 0;
	for (size_t i = 0; i < n; i++)
		word[i] = (char)tolower((unsigned char)s[i]);
	word[n] = '\0';
	return 1;
}

static int parse_list(unsigned *out, portal *p, const char *list)
{
	unsigned bits = 0;
	const char *s = list ? list : "";

	for (;;) {
		size_t n = strcspn(s, ",");
		char word[16];
		size_t i = 0;

		if (!take_word(word, sizeof(word), s, n))
			goto bad;
		if (strcmp(word, "all") == 0) {
			bits |= PORTAL_SECTIONS_ALL;
		} else if (word[0] != '\0') {
			for (i = 0; i < SECTION_COUNT; i++)
				if (strcmp(sections[i].name, word) == 0)
					break;
			if (i == SECTION_COUNT)
				goto bad;
			bits |= (unsigned)sections[i].bit;
		}
		if (s[n] == '\0')
			break;
		s += n + 1;
		continue;
bad:
		return pt_error(p, PORTAL_EINVAL, "sections", "'%.*s' is not a section (invoices, "
			"estimates, payments, inspections, appointments, tracking, chat)",
			(int)(n > 40 ? 40 : n), s);
	}
	*out = bits;
	return PORTAL_OK;
}

int portal_sections_parse(unsigned *out, const char *list)
{
	return parse_list(out, NULL, list);
}

int portal_client_sections(unsigned *out, portal *p, portal_id client_id)
{
	unsigned hidden;
	char *stored;
	int err;

	if ((err = pt_store_client_hidden_sections(&stored, p, client_id)) < 0)
		return err;
	err = parse_list(&hidden, p, stored);
	free(stored);
	if (err < 0)
		return pt_error(p, PORTAL_ESTORE, NULL, "client #%lld has unreadable sections",
			(long long)client_id);
	*out = PORTAL_SECTIONS_ALL & ~hidden;
	return PORTAL_OK;
}

int portal_client_set_sections(portal *p, portal_id client_id, unsigned visible)
{
	char hidden[128] = "";

	if (visible & ~PORTAL_SECTIONS_ALL)
		return pt_error(p, PORTAL_EINVAL, "sections", "unknown section bits 0x%x",
			visible & ~PORTAL_SECTIONS_ALL);
	for (size_t i = 0; i < SECTION_COUNT; i++) {
		if (visible & (unsigned)sections[i].bit)
			continue;
		if (hidden[0])
			strcat(hidden, ",");
		strcat(hidden, sections[i].name);
	}
	return pt_store_client_set_hidden_sections(p, client_id, hidden);
}
