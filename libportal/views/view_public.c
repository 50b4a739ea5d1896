/* SPDX-License-Identifier: MIT */
/*
 * view_public.c - what anyone may read before reaching a portal: how to
 * reach the shop, its policies and the answers to the questions
 * customers ask (portal_view_public()).
 *
 * The landing page prints it. Nothing of any client is in it, so it is
 * built without a session, from the shop's settings alone.
 */
#include "view_build.h"
#include "settings.h"
#include "store.h"

#include <stdlib.h>

/* The settings of the shop the page shows, in this order. */
static const char *const shop_keys[] = { "name", "phone", "email", "address", "currency" };

static int add_shop(cJSON *doc, portal *p)
{
	cJSON *shop = cJSON_AddObjectToObject(doc, "shop");
	char *value = NULL;
	int err = PORTAL_OK;

	if (shop == NULL)
		return pt_oom(p);
	for (size_t i = 0; i < sizeof(shop_keys) / sizeof(shop_keys[0]) && err == 0; i++) {
		if ((err = pt_setting_text(&value, p, shop_keys[i])) < 0)
			break;
		if (!cJSON_AddStringToObject(shop, shop_keys[i], value))
			err = pt_oom(p);
		free(value);
	}
	return err;
}

static int add_public(cJSON *doc, portal *p)
{
	portal_time now = portal_now(p);
	int err;

	if (!cJSON_AddStringToObject(doc, "view", "public") ||
	    !cJSON_AddNumberToObject(doc, "generated_at", (double)now) ||
	    !pt_json_add_time(doc, "generated_at_text", p, now))
		return pt_oom(p);
	if ((err = add_shop(doc, p)) < 0)
		return err;
	/* The policies view's own fields: the same sentences in either place. */
	return pt_view_policies(doc, p, NULL, NULL);
}

int portal_view_public(portal_buf *out, portal *p)
{
	cJSON *doc = cJSON_CreateObject();
	int err;

	if (doc == NULL)
		return pt_oom(p);
	if ((err = pt_store_read_begin(p)) == 0) {
		err = add_public(doc, p);
		err = pt_store_end(p, err);
	}
	return pt_json_finish(out, p, doc, err);
}
