/* SPDX-License-Identifier: MIT */
/*
 * token.h - the random tokens of links and sessions, and the keyed hashes
 * the shop keeps of them instead (private header).
 *
 * A token is 256 random bits, written as 43 characters of URL-safe
 * base64 without padding. The database holds only a keyed BLAKE2b hash
 * of it (crypto_generichash), keyed with the shop's own secret link_key,
 * with a domain word ("link", "session", "csrf") in front, so that a hash
 * made for one use never stands for another, and a copy of the database
 * without the key cannot be checked against guesses offline.
 */
#ifndef PORTAL_TOKEN_H
#define PORTAL_TOKEN_H

#include "internal.h"
#include "store_access.h"

/* Random bytes in a token. */
#define PT_TOKEN_BYTES 32

/* Domains of the keyed hash. */
#define PT_HASH_LINK "link"
#define PT_HASH_SESSION "session"
#define PT_HASH_CSRF "csrf"

/* A new random token: its bytes and its text. */
int pt_token_new(unsigned char bytes[PT_TOKEN_BYTES], char text[PORTAL_TOKEN_LEN + 1],
	portal *p);

/* Write `bytes` as token text. */
void pt_token_encode(char text[PORTAL_TOKEN_LEN + 1], const unsigned char bytes[PT_TOKEN_BYTES]);

/* Read token text strictly: exactly PORTAL_TOKEN_LEN characters of the
 * URL-safe alphabet that decode to PT_TOKEN_BYTES bytes, unused bits
 * zero. 0, or -1 for anything else (NULL included). */
int pt_token_decode(unsigned char bytes[PT_TOKEN_BYTES], const char *text);

/* The keyed hash of `data` in `domain`, keyed with the shop's link_key. */
int pt_token_hash(unsigned char out[PT_HASH_BYTES], portal *p, const char *domain,
	const unsigned char *data, size_t len);

#endif
