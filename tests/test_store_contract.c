/* SPDX-License-Identifier: MIT */
/*
 * test_store_contract.c - the promises of the store's neutral interface
 * (libportal/store/store.h), which a second backend must keep too and
 * the SQLite backend enforces: writes under the shop's write lock, no
 * statement after a failed one, parts of a transaction that fail alone,
 * walks that are over before anything writes, and text that is UTF-8.
 */
#include "helpers.h"
#include "fixtures.h"
#include "store.h"
#include "store_billing.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* The name of client `id`, read back by a connection of the test's own. */
static void stored_name(char *out, size_t len, portal_id id)
{
	char *name = th_sql_text("SELECT name FROM clients WHERE id = ?1", id);

	assert_non_null(name);
	snprintf(out, len, "%s", name);
	free(name);
}

static portal_client *client(portal *p, portal_id id)
{
	portal_client *c = NULL;

	assert_int_equal(pt_store_client_get(&c, p, id), PORTAL_OK);
	return c;
}

static void test_store__a_write_inside_a_read_transaction_is_refused(void **state)
{
	portal *p = *state;
	portal_id id = th_add_client(p, "Ann Reader");
	portal_client *c = client(p, id);
	char *before = th_fingerprint(th_db_path()), *after;

	assert_int_equal(pt_store_read_begin(p), PORTAL_OK);
	free(c->name);
	c->name = strdup("Changed");
	assert_int_equal(pt_store_client_update(p, c), PORTAL_ESTORE);
	assert_string_equal(portal_errmsg(p), "a write inside a read-only transaction");
	assert_int_equal(pt_store_end(p, PORTAL_ESTORE), PORTAL_ESTORE);
	after = th_fingerprint(th_db_path());
	assert_string_equal(before, after);
	portal_client_free(c);
	free(before);
	free(after);
}

/* What a walk's callback tries to write, and what it got. */
typedef struct walk_writer {
	portal *p;
	int err;
	char msg[200];
} walk_writer;

static int write_from_walk(const portal_client *c, void *ctx)
{
	walk_writer *w = ctx;
	portal_client copy = *c;

	copy.notes = "written from a walk";
	w->err = pt_store_client_update(w->p, &copy);
	snprintf(w->msg, sizeof(w->msg), "%s", portal_errmsg(w->p));
	return 0;
}

static void test_store__a_walk_callback_cannot_write(void **state)
{
	portal *p = *state;
	walk_writer w = { p, 0, "" };

	th_add_client(p, "Ann Walker");
	assert_int_equal(pt_store_begin(p), PORTAL_OK);
	assert_int_equal(pt_store_client_foreach(p, "", "", write_from_walk, &w), PORTAL_OK);
	assert_int_equal(w.err, PORTAL_ESTORE);
	assert_string_equal(w.msg, "a write while a walk is going on");
	assert_int_equal(pt_store_end(p, PORTAL_OK), PORTAL_OK);
}

static void test_store__the_next_number_needs_the_write_lock(void **state)
{
	portal *p = *state;
	int64_t n = -1;

	assert_int_equal(pt_store_invoice_next_number(&n, p), PORTAL_ERROR);
	assert_non_null(strstr(portal_errmsg(p), "outside a writing transaction"));
	assert_int_equal(pt_store_read_begin(p), PORTAL_OK);
	assert_int_equal(pt_store_estimate_next_number(&n, p), PORTAL_ERROR);
	pt_store_end(p, PORTAL_ESTORE);

	assert_int_equal(pt_store_begin(p), PORTAL_OK);
	assert_int_equal(pt_store_invoice_next_number(&n, p), PORTAL_OK);
	assert_int_equal(pt_store_end(p, PORTAL_OK), PORTAL_OK);
	assert_int_equal(n, 0);
}

static void test_store__nothing_runs_after_a_failed_statement(void **state)
{
	portal *p = *state;
	portal_id id = th_add_client(p, "Ann Failing");
	portal_id inv = th_add_invoice(p, id, 0, "3001");
	portal_invoice dup = { 0 };
	portal_id out;
	portal_client *c = NULL;

	(void)inv;
	dup.number = "3001";
	dup.client_id = id;
	dup.notes = "";
	assert_int_equal(pt_store_begin(p), PORTAL_OK);
	assert_int_equal(pt_store_invoice_insert(&out, p, &dup, "3001"), PORTAL_EEXISTS);
	assert_int_equal(pt_store_client_get(&c, p, id), PORTAL_ESTORE);
	assert_string_equal(portal_errmsg(p),
		"a statement after a failed one in the same transaction");
	assert_null(c);
	assert_int_equal(pt_store_end(p, PORTAL_EEXISTS), PORTAL_EEXISTS);

	/* The next transaction starts whole. */
	c = client(p, id);
	assert_string_equal(c->name, "Ann Failing");
	portal_client_free(c);
}

static void test_store__a_failed_part_is_undone_and_the_rest_commits(void **state)
{
	portal *p = *state;
	portal_id id = th_add_client(p, "Ann Parts");
	portal_id inv = th_add_invoice(p, id, 0, "3001");
	portal_invoice dup = { 0 };
	portal_client *c = client(p, id);
	portal_id out;
	char name[64];

	(void)inv;
	dup.number = "3001";
	dup.client_id = id;
	dup.notes = "";
	assert_int_equal(pt_store_begin(p), PORTAL_OK);

	/* A part that writes, then fails: its write is undone. */
	assert_int_equal(pt_store_savepoint(p), PORTAL_OK);
	free(c->name);
	c->name = strdup("Written in the failed part");
	assert_int_equal(pt_store_client_update(p, c), PORTAL_OK);
	assert_int_equal(pt_store_invoice_insert(&out, p, &dup, "3001"), PORTAL_EEXISTS);
	assert_int_equal(pt_store_release(p, PORTAL_EEXISTS), PORTAL_EEXISTS);

	/* A part that succeeds is kept, and so is the transaction. */
	assert_int_equal(pt_store_savepoint(p), PORTAL_OK);
	free(c->name);
	c->name = strdup("Written after it");
	assert_int_equal(pt_store_client_update(p, c), PORTAL_OK);
	assert_int_equal(pt_store_release(p, PORTAL_OK), PORTAL_OK);
	assert_int_equal(pt_store_end(p, PORTAL_OK), PORTAL_OK);

	stored_name(name, sizeof(name), id);
	assert_string_equal(name, "Written after it");
	portal_client_free(c);
}

static void test_store__a_savepoint_needs_a_writing_transaction(void **state)
{
	portal *p = *state;

	assert_int_equal(pt_store_savepoint(p), PORTAL_ERROR);
	assert_int_equal(pt_store_read_begin(p), PORTAL_OK);
	assert_int_equal(pt_store_savepoint(p), PORTAL_ERROR);
	pt_store_end(p, PORTAL_OK);
}

static void test_store__text_that_is_not_utf8_is_stored_as_replacement_characters(void **state)
{
	portal *p = *state;
	portal_id id = th_add_client(p, "Ann Bytes");
	portal_client *c = client(p, id);
	char name[64];

	/* Below the validation of typed fields, which refuses such text: a
	 * program's output, say, reaches the store as it came. */
	free(c->name);
	c->name = strdup("Caf\xe9 \xff\xfe" "ok");
	assert_int_equal(pt_store_client_update(p, c), PORTAL_OK);
	stored_name(name, sizeof(name), id);
	assert_string_equal(name, "Caf\xef\xbf\xbd \xef\xbf\xbd\xef\xbf\xbdok");
	portal_client_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
		T(test_store__a_write_inside_a_read_transaction_is_refused),
		T(test_store__a_walk_callback_cannot_write),
		T(test_store__the_next_number_needs_the_write_lock),
		T(test_store__nothing_runs_after_a_failed_statement),
		T(test_store__a_failed_part_is_undone_and_the_rest_commits),
		T(test_store__a_savepoint_needs_a_writing_transaction),
		T(test_store__text_that_is_not_utf8_is_stored_as_replacement_characters),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
