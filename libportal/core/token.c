/* SPDX-License-Identifier: MIT */
/*
 * token.c - random tokens and their keyed hashes (see token.h).
 */
#include "token.h"

#include <sodium.h>
#include <string.h>

/* libsodium must be initialised once before its random numbers are used;
 * sodium_init() is safe to call again and from several threads. */
static int ready(portal *p)
{
	if (sodium_init() < 0)
		return pt_error(p, PORTAL_ERROR, NULL, "libsodium failed to initialise");
	return PORTAL_OK;
}

void pt_token_encode(char text[PORTAL_TOKEN_LEN + 1], const unsigned char bytes[PT_TOKEN_BYTES])
{
	sodium_bin2base64(text, PORTAL_TOKEN_LEN + 1, bytes, PT_TOKEN_BYTES,
		sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int pt_token_new(unsigned char bytes[PT_TOKEN_BYTES], char text[PORTAL_TOKEN_LEN + 1],
	portal *p)
{
	int err;

	if ((err = ready(p)) < 0)
		return err;
	randombytes_buf(bytes, PT_TOKEN_BYTES);
	pt_token_encode(text, bytes);
	return PORTAL_OK;
}

int pt_token_decode(unsigned char bytes[PT_TOKEN_BYTES], const char *text)
{
	size_t len = 0;
	const char *end = NULL;

	if (text == NULL || strlen(text) != PORTAL_TOKEN_LEN)
		return -1;
	/* libsodium refuses characters outside the alphabet and non-zero
	 * unused bits, so each token has exactly one spelling. */
	if (sodium_base642bin(bytes, PT_TOKEN_BYTES, text, PORTAL_TOKEN_LEN, NULL, &len, &end,
		sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    len != PT_TOKEN_BYTES || end != text + PORTAL_TOKEN_LEN) {
		sodium_memzero(bytes, PT_TOKEN_BYTES);
		return -1;
	}
	return 0;
}

int pt_token_hash(unsigned char out[PT_HASH_BYTES], portal *p, const char *domain,
	const unsigned char *data, size_t len)
{
	unsigned char key[crypto_generichash_KEYBYTES];
	crypto_generichash_state st;
	int err;

	if ((err = ready(p)) < 0 ||
	    (err = pt_store_secret(key, sizeof(key), p, "link_key")) < 0)
		return err;
	/* The domain word and its NUL come first, so "link" + data and
	 * "session" + data never collide. */
	crypto_generichash_init(&st, key, sizeof(key), PT_HASH_BYTES);
	crypto_generichash_update(&st, (const unsigned char *)domain, strlen(domain) + 1);
	crypto_generichash_update(&st, data, len);
	crypto_generichash_final(&st, out, PT_HASH_BYTES);
	sodium_memzero(&st, sizeof(st));
	sodium_memzero(key, sizeof(key));
	return PORTAL_OK;
}
