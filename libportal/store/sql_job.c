/* SPDX-License-Identifier: MIT */
/*
 * store_job.c - storage of jobs and their timelines.
 */
#include "sql.h"

#include <stdlib.h>

/* A job's status, booking time and latest change come from its events:
 * the first event is the booking, the latest one the current status. */
#define JOB_SELECT \
	"SELECT j.id, j.client_id, j.asset_id, j.address_id, j.problem," \
	" (SELECT status FROM job_events WHERE job_id = j.id ORDER BY id DESC LIMIT 1)," \
	" (SELECT min(at) FROM job_events WHERE job_id = j.id)," \
	" (SELECT max(at) FROM job_events WHERE job_id = j.id)" \
	" FROM jobs j"

static portal_job *job_from_row(pt_stmt *st)
{
	portal_job *j = calloc(1, sizeof(*j));

	if (j == NULL)
		return NULL;
	j->id = pt_col_int64(st, 0);
	j->client_id = pt_col_int64(st, 1);
	j->asset_id = pt_col_int64(st, 2);
	j->address_id = pt_col_int64(st, 3);
	j->problem = pt_col_strdup(st, 4);
	j->status = (portal_job_status)pt_col_int(st, 5);
	j->booked_at = pt_col_int64(st, 6);
	j->updated_at = pt_col_int64(st, 7);
	if (j->problem == NULL) {
		portal_job_free(j);
		return NULL;
	}
	return j;
}

static void bind_id_or_null(pt_stmt *st, int i, portal_id id)
{
	if (id)
		pt_bind_int64(st, i, id);
	else
		pt_bind_null(st, i);
}

int pt_store_job_insert(portal_id *out, portal *p, const portal_job *j)
{
	static const char sql[] =
		"INSERT INTO jobs (client_id, asset_id, address_id, problem, created_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5)"
		" RETURNING id";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, j->client_id);
	bind_id_or_null(st, 2, j->asset_id);
	bind_id_or_null(st, 3, j->address_id);
	pt_bind_text(st, 4, j->problem);
	pt_bind_int64(st, 5, portal_now(p));
	return pt_store_insert(out, p, st, "adding a job");
}

int pt_store_job_event_insert(portal *p, portal_id job_id, portal_job_status status,
	portal_time at, const char *note)
{
	static const char sql[] =
		"INSERT INTO job_events (job_id, status, at, note) VALUES (?1, ?2, ?3, ?4)";
	pt_stmt *st = pt_stmt_get(p, sql);

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, job_id);
	pt_bind_int(st, 2, (int)status);
	pt_bind_int64(st, 3, at);
	pt_bind_text(st, 4, note);
	return pt_store_exec(p, st, "adding a job event");
}

static int read_events(portal *p, portal_job *j)
{
	static const char sql[] =
		"SELECT id, status, at, note FROM job_events WHERE job_id = ?1 ORDER BY id";
	pt_stmt *st = pt_stmt_get(p, sql);
	size_t cap = 0;
	int rc, err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, j->id);
	while ((rc = pt_step(st)) == PT_ROW) {
		portal_job_event *e;
		if (j->event_count == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			e = realloc(j->events, ncap * sizeof(*e));
			if (e == NULL) {
				err = pt_oom(p);
				break;
			}
			j->events = e;
			cap = ncap;
		}
		e = &j->events[j->event_count];
		e->id = pt_col_int64(st, 0);
		e->status = (portal_job_status)pt_col_int(st, 1);
		e->at = pt_col_int64(st, 2);
		if ((e->note = pt_col_strdup(st, 3)) == NULL) {
			err = pt_oom(p);
			break;
		}
		j->event_count++;
	}
	if (err == 0 && rc != PT_DONE)
		err = pt_store_fail(p, "reading a job's timeline");
	pt_stmt_done(st);
	return err;
}

int pt_store_job_get(portal_job **out, portal *p, portal_id id, int with_events)
{
	static const char sql[] = JOB_SELECT " WHERE j.id = ?1";
	pt_stmt *st = pt_stmt_get(p, sql);
	int err;

	*out = NULL;
	if (st == NULL)
		return PORTAL_ESTORE;
	pt_bind_int64(st, 1, id);
	PT_STORE_ONE(p, st, out, job_from_row, "job", id, err);
	if (err == 0 && with_events && (err = read_events(p, *out)) < 0) {
		portal_job_free(*out);
		*out = NULL;
	}
	return err;
}

int pt_store_job_foreach(portal *p, portal_id client_id,
	int (*cb)(const portal_job *j, void *ctx), void *ctx)
{
	/* One client's rows through their index (sql.h). A job without
	 * events (an import can make one) has no latest change: it comes
	 * last, which SQLite does of itself and PostgreSQL when told. */
	static const char sql_all[] =
		JOB_SELECT " ORDER BY 7 DESC NULLS LAST, j.id DESC";
	static const char sql_client[] =
		JOB_SELECT " WHERE j.client_id = ?1 ORDER BY 7 DESC NULLS LAST, j.id DESC";
	pt_stmt *st = pt_stmt_client(p, client_id, sql_client, sql_all, NULL);
	int err = PORTAL_OK;

	if (st == NULL)
		return PORTAL_ESTORE;
	PT_STORE_WALK(p, st, portal_job, job_from_row, portal_job_free, cb, ctx,
		"listing jobs", err);
	pt_stmt_done(st);
	return err;
}
