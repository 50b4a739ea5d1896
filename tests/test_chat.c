/* SPDX-License-Identifier: MIT */
/*
 * test_chat.c - the chat (chat.c, customer.c, view_messages.c): messages in
 * order and since an id, both sides' unread counts, the length limit and
 * control characters, a hidden chat refused, and one client never seeing
 * another's messages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers.h"
#include "fixtures.h"

static void check(portal *p, int rc, const char *what)
{
	if (rc != PORTAL_OK)
		fail_msg("%s: %d (%s)", what, rc, portal_errmsg(p));
}

struct thread {
	int count;
	portal_id id[8];
	int from_shop[8];
	char body[8][64];
};

static int keep(const portal_chat_message *m, void *ctx)
{
	struct thread *t = ctx;

	if (t->count < 8) {
		t->id[t->count] = m->id;
		t->from_shop[t->count] = m->from_shop;
		snprintf(t->body[t->count], sizeof(t->body[0]), "%s", m->body);
	}
	t->count++;
	return 0;
}

static struct thread thread_of(portal *p, portal_id client, portal_id since)
{
	struct thread t;

	memset(&t, 0, sizeof(t));
	check(p, portal_chat_foreach(p, client, since, keep, &t), "reading the chat");
	return t;
}

static int64_t unread(portal *p, portal_id client, portal_chat_side side)
{
	int64_t n = -1;

	check(p, portal_chat_unread(&n, p, client, side), "unread");
	return n;
}

static int setup(void **state)
{
	*state = th_open();
	return 0;
}

static int teardown(void **state)
{
	portal_close(*state);
	th_cleanup();
	return 0;
}

static void test_chat__messages_come_in_order_and_since_an_id(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_session s = th_session_for(ada, 0);
	portal_id first, reply, second;
	struct thread t;

	check(p, portal_customer_chat_post(&first, p, &s, "Is my dryer ready?"), "post");
	check(p, portal_chat_reply(&reply, p, ada, "Tomorrow at noon."), "reply");
	check(p, portal_customer_chat_post(&second, p, &s, "Thanks!"), "post again");
	t = thread_of(p, ada, 0);
	assert_int_equal(t.count, 3);
	assert_string_equal(t.body[0], "Is my dryer ready?");
	assert_int_equal(t.from_shop[0], 0);
	assert_string_equal(t.body[1], "Tomorrow at noon.");
	assert_int_equal(t.from_shop[1], 1);
	assert_string_equal(t.body[2], "Thanks!");
	assert_true(first < reply && reply < second);

	t = thread_of(p, ada, reply);
	assert_int_equal(t.count, 1);
	assert_int_equal(t.id[0], second);
	assert_int_equal(thread_of(p, ada, second).count, 0);
}

static void test_chat__each_side_counts_what_it_has_not_read(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_id bob = th_add_client(p, "Bob Client");
	portal_session sa = th_session_for(ada, 0), sb = th_session_for(bob, 0);
	portal_id a1, a2, r1;

	check(p, portal_customer_chat_post(&a1, p, &sa, "one"), "ada 1");
	check(p, portal_customer_chat_post(&a2, p, &sa, "two"), "ada 2");
	check(p, portal_customer_chat_post(NULL, p, &sb, "bob"), "bob");
	check(p, portal_chat_reply(&r1, p, ada, "answer"), "reply");
	assert_int_equal(unread(p, 0, PORTAL_CHAT_SHOP), 3);
	assert_int_equal(unread(p, ada, PORTAL_CHAT_SHOP), 2);
	assert_int_equal(unread(p, bob, PORTAL_CHAT_SHOP), 1);
	assert_int_equal(unread(p, ada, PORTAL_CHAT_CLIENT), 1);
	assert_int_equal(unread(p, bob, PORTAL_CHAT_CLIENT), 0);

	/* The shop reads Ada's first message: her second stays unread. */
	check(p, portal_chat_mark_read(p, ada, a1), "shop reads");
	assert_int_equal(unread(p, ada, PORTAL_CHAT_SHOP), 1);
	assert_int_equal(unread(p, 0, PORTAL_CHAT_SHOP), 2);
	/* Reading her side never marks the shop's reply. */
	assert_int_equal(unread(p, ada, PORTAL_CHAT_CLIENT), 1);
	check(p, portal_customer_chat_mark_read(p, &sa, 0), "client reads");
	assert_int_equal(unread(p, ada, PORTAL_CHAT_CLIENT), 0);
	assert_int_equal(unread(p, ada, PORTAL_CHAT_SHOP), 1);
	check(p, portal_chat_mark_read(p, ada, 0), "shop reads all");
	assert_int_equal(unread(p, 0, PORTAL_CHAT_SHOP), 1);

	assert_int_equal(portal_chat_unread(NULL, p, 0, PORTAL_CHAT_CLIENT), PORTAL_EINVAL);
	assert_int_equal(portal_chat_unread(NULL, p, 999, PORTAL_CHAT_SHOP), PORTAL_ENOTFOUND);
	(void)a2;
	(void)r1;
}

static void test_chat__control_characters_go_and_newlines_stay(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_session s = th_session_for(ada, 0);
	struct thread t;

	check(p, portal_customer_chat_post(NULL, p, &s,
		"  Hello\x01\x1b[31m shop\r\nline two\t!\x7f \xc2\x85 "), "post");
	t = thread_of(p, ada, 0);
	assert_string_equal(t.body[0], "Hello[31m shop\nline two!");
}

static void test_chat__empty_too_long_and_not_utf8_are_refused(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_session s = th_session_for(ada, 0);
	char *text = malloc(PORTAL_CHAT_MAX * 2 + 8);

	TH_CHECK_REFUSED(p, "empty", portal_customer_chat_post(NULL, p, &s, ""),
		PORTAL_EINVAL, "chat.text");
	TH_CHECK_REFUSED(p, "only control characters",
		portal_customer_chat_post(NULL, p, &s, " \x01\x02\r\n "), PORTAL_EINVAL, "chat.text");
	TH_CHECK_REFUSED(p, "not UTF-8", portal_chat_reply(NULL, p, ada, "caf\xe9"),
		PORTAL_EINVAL, "chat.text");
	/* The limit counts characters: 2000 two-byte ones pass, 2001 do not. */
	for (int i = 0; i < PORTAL_CHAT_MAX; i++)
		memcpy(text + 2 * i, "\xc3\xa9", 2);
	text[2 * PORTAL_CHAT_MAX] = '\0';
	check(p, portal_chat_reply(NULL, p, ada, text), "2000 characters");
	strcat(text, "x");
	TH_CHECK_REFUSED(p, "2001 characters", portal_chat_reply(NULL, p, ada, text),
		PORTAL_EINVAL, "chat.text");
	TH_CHECK_REFUSED(p, "no such client", portal_chat_reply(NULL, p, 999, "hello"),
		PORTAL_ENOTFOUND, NULL);
	free(text);
}

static void test_chat__a_hidden_chat_is_refused(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_session s = th_session_for(ada, 0);
	portal_buf doc = PORTAL_BUF_INIT;

	check(p, portal_client_set_sections(p, ada, PORTAL_SECTIONS_ALL & ~PORTAL_SECTION_CHAT),
		"hiding chat");
	TH_CHECK_REFUSED(p, "post", portal_customer_chat_post(NULL, p, &s, "hello"),
		PORTAL_EDENIED, NULL);
	TH_CHECK_REFUSED(p, "mark read", portal_customer_chat_mark_read(p, &s, 0),
		PORTAL_EDENIED, NULL);
	assert_int_equal(portal_preview(&doc, p, ada, 0, "chat", NULL), PORTAL_EDENIED);
	portal_buf_dispose(&doc);
}

static void test_chat__the_view_shows_only_the_clients_own_conversation(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_id bob = th_add_client(p, "Bob Client");
	portal_session sa = th_session_for(ada, 0), sb = th_session_for(bob, 0);
	portal_buf doc = PORTAL_BUF_INIT;
	char *before;

	check(p, portal_customer_chat_post(NULL, p, &sa, "Ada asks"), "ada");
	check(p, portal_customer_chat_post(NULL, p, &sb, "Bob's secret"), "bob");
	check(p, portal_chat_reply(NULL, p, ada, "Shop answers Ada"), "reply");

	before = th_fingerprint(th_db_path());
	check(p, portal_preview(&doc, p, ada, 0, "chat", NULL), "chat view");
	assert_true(th_contains(&doc, "\"view\":\t\"chat\""));
	assert_true(th_contains(&doc, "Ada asks"));
	assert_true(th_contains(&doc, "Shop answers Ada"));
	assert_true(th_contains(&doc, "\"from\":\t\"you\""));
	assert_true(th_contains(&doc, "\"from\":\t\"shop\""));
	assert_true(th_contains(&doc, "\"unread\":\t1"));
	assert_true(th_contains(&doc, "\"max_length\":\t2000"));
	assert_false(th_contains(&doc, "Bob"));
	portal_buf_dispose(&doc);
	/* Showing the chat marks nothing read. */
	th_check_refusal(p, "the view changes nothing", PORTAL_OK, PORTAL_OK, NULL, before);
	assert_int_equal(unread(p, ada, PORTAL_CHAT_CLIENT), 1);
}

static int keep_conversation(const portal_chat_conversation *c, void *ctx)
{
	portal_chat_conversation *list = ctx;
	int i = 0;

	while (list[i].client_id)
		i++;
	list[i] = *c;
	list[i].client_name = NULL;
	return 0;
}

static void test_chat__the_shop_lists_conversations_newest_first(void **state)
{
	portal *p = *state;
	portal_id ada = th_add_client(p, "Ada Client");
	portal_id bob = th_add_client(p, "Bob Client");
	portal_session sa = th_session_for(ada, 0), sb = th_session_for(bob, 0);
	portal_chat_conversation list[4];
	portal_buf doc = PORTAL_BUF_INIT;

	check(p, portal_customer_chat_post(NULL, p, &sa, "Ada"), "ada");
	check(p, portal_customer_chat_post(NULL, p, &sb, "Bob"), "bob");
	check(p, portal_chat_mark_read(p, bob, 0), "read bob");
	memset(list, 0, sizeof(list));
	check(p, portal_chat_conversation_foreach(p, 0, keep_conversation, list), "all");
	assert_int_equal(list[0].client_id, bob);
	assert_int_equal(list[0].unread, 0);
	assert_int_equal(list[1].client_id, ada);
	assert_int_equal(list[1].unread, 1);
	memset(list, 0, sizeof(list));
	check(p, portal_chat_conversation_foreach(p, 1, keep_conversation, list), "unread");
	assert_int_equal(list[0].client_id, ada);
	assert_int_equal(list[1].client_id, 0);
	check(p, portal_chat_conversation_list_json(&doc, p, 1), "json");
	assert_true(th_contains(&doc, "\"client_name\":\t\"Ada Client\""));
	assert_false(th_contains(&doc, "Bob"));
	portal_buf_dispose(&doc);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_chat__messages_come_in_order_and_since_an_id),
		T(test_chat__each_side_counts_what_it_has_not_read),
		T(test_chat__control_characters_go_and_newlines_stay),
		T(test_chat__empty_too_long_and_not_utf8_are_refused),
		T(test_chat__a_hidden_chat_is_refused),
		T(test_chat__the_view_shows_only_the_clients_own_conversation),
		T(test_chat__the_shop_lists_conversations_newest_first),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
