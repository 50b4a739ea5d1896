/* SPDX-License-Identifier: MIT */
/*
 * sql_dump.c - every row of a shop as text (store_dump.h).
 */
#include "sql.h"
#include "store_dump.h"

#include <stdlib.h>

/*
 * The tables of the schema in the order of their names, each with the
 * statement that reads it in the order of its key. The list is written
 * out rather than read from the engine's catalogue, which the engines
 * keep differently; a table added to the schema is added here.
 */
static const struct {
	const char *name;
	const char *sql;
} tables[] = {
	{ "access_links", "SELECT * FROM access_links ORDER BY id" },
	{ "addresses", "SELECT * FROM addresses ORDER BY id" },
	{ "appointments", "SELECT * FROM appointments ORDER BY id" },
	{ "assets", "SELECT * FROM assets ORDER BY id" },
	{ "audit_log", "SELECT * FROM audit_log ORDER BY id" },
	{ "chat_messages", "SELECT * FROM chat_messages ORDER BY id" },
	{ "clients", "SELECT * FROM clients ORDER BY id" },
	{ "estimate_lines", "SELECT * FROM estimate_lines ORDER BY id" },
	{ "estimates", "SELECT * FROM estimates ORDER BY id" },
	{ "inspection_items", "SELECT * FROM inspection_items ORDER BY id" },
	{ "inspections", "SELECT * FROM inspections ORDER BY id" },
	{ "invoice_lines", "SELECT * FROM invoice_lines ORDER BY id" },
	{ "invoices", "SELECT * FROM invoices ORDER BY id" },
	{ "job_events", "SELECT * FROM job_events ORDER BY id" },
	{ "jobs", "SELECT * FROM jobs ORDER BY id" },
	{ "lookup_failures", "SELECT * FROM lookup_failures ORDER BY id" },
	{ "lookup_locks", "SELECT * FROM lookup_locks ORDER BY scope, subject" },
	{ "notifications", "SELECT * FROM notifications ORDER BY id" },
	{ "outbox", "SELECT * FROM outbox ORDER BY id" },
	{ "payments", "SELECT * FROM payments ORDER BY id" },
	{ "reminders", "SELECT * FROM reminders ORDER BY id" },
	{ "requests", "SELECT * FROM requests ORDER BY id" },
	{ "secrets", "SELECT * FROM secrets ORDER BY name" },
	{ "sessions", "SELECT * FROM sessions ORDER BY id" },
	{ "settings", "SELECT * FROM settings ORDER BY key" },
	{ "technician_positions", "SELECT * FROM technician_positions ORDER BY technician_id" },
	{ "technicians", "SELECT * FROM technicians ORDER BY id" },
};

/* One value of the row: bytes in hex, anything else as the engine
 * writes it as text. */
static int put_value(portal_buf *b, pt_stmt *st, int i)
{
	const unsigned char *v;
	size_t n;
	int err = PORTAL_OK;

	if (pt_col_type_of(st, i) != PT_COL_BLOB) {
		const char *s = pt_col_text(st, i);
		return s != NULL ? pt_buf_puts(b, s) : PORTAL_OK;
	}
	v = pt_col_blob(st, i, &n);
	for (size_t k = 0; err == 0 && k < n; k++)
		err = pt_buf_printf(b, "%02x", v[k]);
	return err;
}

static int dump_table(portal_buf *b, portal *p, size_t t)
{
	pt_stmt *st = pt_stmt_get(p, tables[t].sql);
	int rc = PT_DONE, err;

	if (st == NULL)
		return PORTAL_ESTORE;
	err = pt_buf_printf(b, "%s\n", tables[t].name);
	while (err == 0 && (rc = pt_step(st)) == PT_ROW) {
		for (int i = 0; err == 0 && i < pt_col_count(st); i++)
			if ((i > 0 && (err = pt_buf_puts(b, "|")) < 0) ||
			    (err = put_value(b, st, i)) < 0)
				break;
		if (err == 0)
			err = pt_buf_puts(b, "\n");
	}
	if (err < 0)
		err = pt_oom(p);
	else if (rc != PT_DONE)
		err = pt_store_fail(p, "reading the shop");
	pt_stmt_done(st);
	return err;
}

int pt_store_dump(char **out, portal *p)
{
	portal_buf b = PORTAL_BUF_INIT;
	int err;

	*out = NULL;
	if ((err = pt_store_read_begin(p)) < 0)
		return err;
	/* An empty shop still gives a string. */
	err = pt_buf_puts(&b, "") < 0 ? pt_oom(p) : PORTAL_OK;
	for (size_t t = 0; err == 0 && t < sizeof(tables) / sizeof(tables[0]); t++)
		err = dump_table(&b, p, t);
	err = pt_store_end(p, err);
	if (err < 0) {
		portal_buf_dispose(&b);
		return err;
	}
	*out = b.ptr;
	return PORTAL_OK;
}
