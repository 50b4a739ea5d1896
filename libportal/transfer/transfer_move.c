/* SPDX-License-Identifier: MIT */
/*
 * transfer_move.c - a shop moved from its SQLite file into a host's
 * PostgreSQL database, whole: its records, its settings, and what an
 * export leaves home on purpose (the secret that hashes its links, the
 * links and sessions themselves, the lookup counters), so that every
 * link a customer holds and every session open goes on working.
 */
#include "store.h"
#include "store_transfer.h"

typedef struct move {
	portal *to;
	int table;
	/* Whether a write failed (its error is the host's), rather than a
	 * read of the file (the file's handle has it). */
	int write_failed;
} move;

static int put_row(const pt_transfer_value *values, size_t n, void *ctx)
{
	move *m = ctx;
	int err = pt_store_move_insert(m->to, m->table, values, n);

	m->write_failed = err < 0;
	return err;
}

/* Every row of every table, read in one moment of the file, written in
 * the host's transaction; the error is said on the host's handle. */
static int copy_tables(portal *from, const char *path, portal *to)
{
	move m = { to, 0, 0 };
	int err;

	if ((err = pt_store_read_begin(from)) == 0) {
		for (m.table = 0; err == 0 && m.table < PT_MOVE_TABLE_COUNT; m.table++)
			err = pt_store_move_walk(from, m.table, put_row, &m);
		err = pt_store_end(from, err);
	}
	if (err < 0 && !m.write_failed)
		err = pt_error(to, err, NULL, "%s: %s", path, portal_errmsg(from));
	return err;
}

int portal_host_shop_move(portal *host, const char *path, const char *name)
{
	portal *from = NULL;
	int err;

	if ((err = pt_store_require_host(host)) < 0 ||
	    (err = pt_shop_name_check(host, name)) < 0)
		return err;
	if ((err = portal_open(&from, path, PORTAL_OPEN_READONLY)) < 0) {
		err = pt_error(host, err, NULL, "%s", from ? portal_errmsg(from) : "out of memory");
		portal_close(from);
		return err;
	}
	/* One transaction: the shop is made with everything in it, or not
	 * at all. References are checked at its end, as rows come table by
	 * table. */
	if ((err = pt_store_begin(host)) == 0) {
		err = pt_store_host_shop_create(host, name);
		if (err == 0)
			err = pt_store_transfer_prepare(host);
		if (err == 0)
			err = copy_tables(from, path, host);
		err = pt_store_end(host, err);
	}
	/* The shop of a rolled back transaction is no shop. */
	if (err < 0)
		pt_store_shop_switch(host, NULL);
	portal_close(from);
	return err;
}
