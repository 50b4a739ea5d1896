/* SPDX-License-Identifier: MIT */
/*
 * deliver.c - handing the outbox's messages to the programs that send them.
 *
 * Email goes to a sendmail-compatible program (`sendmail -t -i`: the
 * recipients are read from the headers, a line with a lone dot is not the
 * end), SMS to the shop's gateway command with the number as the last
 * argument. Both get the message on their standard input and say "sent"
 * by exiting 0. They are run directly, never through a shell, so nothing
 * in a message or a number can become a command.
 *
 * Each message is claimed in one transaction (a lease: its not_before
 * moves a few minutes ahead, so a second run at the same time leaves it
 * alone), sent outside any transaction (a slow program must not hold the
 * database's write lock), and marked in another. A message is marked
 * delivered once and never sent again.
 */
#define _POSIX_C_SOURCE 200809L

#include "outbox_queue.h"
#include "store.h"
#include "settings.h"
#include "store_outbox.h"
#include "validate.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* A program that has not finished after this long is stopped. */
#define PROGRAM_TIMEOUT_MS 60000
/* How long a claimed message is left alone by other runs: longer than
 * any program may take. */
#define CLAIM_LEASE_SECONDS 300
#define MAX_ARGS 32

/* ---- running a program --------------------------------------------------- */

static int64_t monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* In the child: never returns. Only async-signal-safe calls. */
static void exec_child(char *const argv[], int in, int out)
{
	static const char msg[] = "cannot execute the program\n";

	if (dup2(in, 0) < 0 || dup2(out, 1) < 0 || dup2(out, 2) < 0)
		_exit(126);
	execvp(argv[0], argv);
	if (write(2, msg, sizeof(msg) - 1) < 0)
		_exit(127);
	_exit(127);
}

/* Feed `input` to the child on `in_fd` and collect the start of what it
 * says on `out_fd` into `said`, until it closes its output or time runs
 * out. Returns 0, or -1 on a timeout. */
static int converse(int in_fd, int out_fd, const char *input, size_t len, char *said,
	size_t said_len)
{
	int64_t deadline = monotonic_ms() + PROGRAM_TIMEOUT_MS;
	size_t written = 0, got = 0;
	char sink[512];

	while (out_fd >= 0) {
		struct pollfd fds[2];
		int nfds = 0, left = (int)(deadline - monotonic_ms());
		if (left <= 0)
			return -1;
		fds[nfds++] = (struct pollfd){ out_fd, POLLIN, 0 };
		if (in_fd >= 0)
			fds[nfds++] = (struct pollfd){ in_fd, POLLOUT, 0 };
		if (poll(fds, (nfds_t)nfds, left) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (in_fd >= 0 && fds[1].revents) {
			ssize_t n = write(in_fd, input + written, len - written);
			if (n > 0)
				written += (size_t)n;
			/* Done, or the program stopped reading (EPIPE). */
			if (written == len || (n < 0 && errno != EAGAIN && errno != EINTR)) {
				close(in_fd);
				in_fd = -1;
			}
		}
		if (fds[0].revents) {
			ssize_t n = read(out_fd, sink, sizeof(sink));
			if (n > 0 && got + 1 < said_len) {
				size_t keep = (size_t)n < said_len - 1 - got ? (size_t)n : said_len - 1 - got;
				memcpy(said + got, sink, keep);
				got += keep;
				said[got] = '\0';
			} else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
				out_fd = -1;
			}
		}
	}
	if (in_fd >= 0)
		close(in_fd);
	return 0;
}

/* The first line of what the program said, for the message's error: any
 * bytes at all, made valid text before the store keeps them. */
static void first_line(char *s)
{
	s[strcspn(s, "\r\n")] = '\0';
	pt_text_scrub(s);
}

/*
 * Run argv with `input` on its standard input. 0 when it exited 0; else
 * -1 with `error` saying why. SIGPIPE is blocked while writing (a program
 * may exit without reading everything) and a pending one is consumed, so
 * the calling process never dies of it.
 */
static int run_program(char *const argv[], const char *input, size_t len,
	char *error, size_t error_len)
{
	int in[2] = { -1, -1 }, out[2] = { -1, -1 }, status = 0, timed_out;
	char said[240] = "";
	sigset_t pipe_set, old_set;
	struct timespec zero = { 0, 0 };
	pid_t pid;

	if (pipe(in) < 0 || pipe(out) < 0) {
		snprintf(error, error_len, "cannot run %s: %s", argv[0], strerror(errno));
		goto fail_fds;
	}
	fcntl(in[1], F_SETFD, FD_CLOEXEC);
	fcntl(out[0], F_SETFD, FD_CLOEXEC);
	if ((pid = fork()) < 0) {
		snprintf(error, error_len, "cannot run %s: %s", argv[0], strerror(errno));
		goto fail_fds;
	}
	if (pid == 0)
		exec_child(argv, in[0], out[1]);
	close(in[0]);
	close(out[1]);
	fcntl(in[1], F_SETFL, O_NONBLOCK);
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old_set);
	timed_out = converse(in[1], out[0], input, len, said, sizeof(said)) < 0;
	close(out[0]);
	if (timed_out)
		kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	while (sigtimedwait(&pipe_set, NULL, &zero) == SIGPIPE)
		;
	pthread_sigmask(SIG_SETMASK, &old_set, NULL);
	first_line(said);
	if (timed_out)
		snprintf(error, error_len, "%s did not finish within %d seconds", argv[0],
			PROGRAM_TIMEOUT_MS / 1000);
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	else if (WIFEXITED(status))
		snprintf(error, error_len, "%s exited with status %d%s%s", argv[0],
			WEXITSTATUS(status), said[0] ? ": " : "", said);
	else
		snprintf(error, error_len, "%s was stopped by signal %d", argv[0],
			WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return -1;
fail_fds:
	for (int i = 0; i < 2; i++) {
		if (in[i] >= 0)
			close(in[i]);
		if (out[i] >= 0)
			close(out[i]);
	}
	return -1;
}

/* ---- one message ------------------------------------------------------------- */

/* The delivery settings, read once per run. */
typedef struct delivery {
	char *sendmail;
	char *gateway;
	int64_t max_attempts, retry_minutes, retry_max_minutes;
	portal_outbox_report report;
} delivery;

/* Split `command` (a copy, changed in place) on spaces into argv. */
static int split_command(char **argv, size_t max, char *command)
{
	size_t n = 0;
	char *save = NULL;

	for (char *tok = strtok_r(command, " ", &save); tok && n + 1 < max;
	     tok = strtok_r(NULL, " ", &save))
		argv[n++] = tok;
	argv[n] = NULL;
	return (int)n;
}

/* Send `m` with the program for its channel: 0, or -1 with `error`. */
static int send_message(const delivery *d, const portal_outbox_message *m, char *error,
	size_t error_len)
{
	char *argv[MAX_ARGS], *command;
	int rc, n;

	if (strcmp(m->channel, "email") == 0) {
		char *args[] = { d->sendmail, "-t", "-i", NULL };
		return run_program(args, m->message, strlen(m->message), error, error_len);
	}
	if (d->gateway[0] == '\0') {
		snprintf(error, error_len, "no SMS gateway is set (sms_gateway_command)");
		return -1;
	}
	if ((command = pt_strdup(d->gateway)) == NULL) {
		snprintf(error, error_len, "out of memory");
		return -1;
	}
	n = split_command(argv, MAX_ARGS - 1, command);
	argv[n] = m->recipient;
	argv[n + 1] = NULL;
	rc = run_program(argv, m->message, strlen(m->message), error, error_len);
	free(command);
	return rc;
}

/* Why an SMS may not go to its recipient any more; NULL when it may. */
static const char *sms_refusal(portal *p, const portal_outbox_message *m)
{
	portal_client *c = NULL;
	const char *why = NULL;

	if (!pt_outbox_needs_consent(m->kind))
		return NULL;
	if (m->client_id == 0 || pt_store_client_get(&c, p, m->client_id) < 0)
		why = "no client to check SMS consent for";
	else if (!c->sms_consent)
		why = "the client withdrew SMS consent";
	else if (strcmp(c->phone, m->recipient) != 0)
		why = "the client's phone number changed";
	portal_client_free(c);
	return why;
}

/* The wait after failed attempt number `attempts`: doubling, capped. */
static portal_time backoff(const delivery *d, int attempts)
{
	int64_t minutes = d->retry_minutes;

	for (int i = 1; i < attempts && minutes < d->retry_max_minutes; i++)
		minutes *= 2;
	if (minutes > d->retry_max_minutes)
		minutes = d->retry_max_minutes;
	return minutes * 60;
}

/* The URL of a secure link is the customer's key, and every message to a
 * client carries one (outbox_queue.c): the outbox keeps it only while it
 * has to send it. Once the message is delivered, given up or skipped,
 * each "/k/TOKEN" in it loses its token. */
static int forget_link(portal *p, const portal_outbox_message *m)
{
	static const char gone[] = "/k/(sent)";
	char *text, *w;
	const char *r;
	size_t n;
	int err;

	if (strstr(m->message, "/k/") == NULL)
		return PORTAL_OK;
	if ((text = malloc(strlen(m->message) + sizeof(gone))) == NULL)
		return pt_oom(p);
	for (r = m->message, w = text; *r; ) {
		n = strncmp(r, "/k/", 3) == 0 ? strspn(r + 3,
			"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") : 0;
		if (n == PORTAL_TOKEN_LEN) {
			memcpy(w, gone, sizeof(gone) - 1);
			w += sizeof(gone) - 1;
			r += 3 + n;
		} else {
			*w++ = *r++;
		}
	}
	*w = '\0';
	err = pt_store_outbox_set_message(p, m->id, text);
	free(text);
	return err;
}

/*
 * Claim message `id` if it is still pending and due: skip or hold an SMS
 * that may not go now, else lease it to this run. *out gets the message
 * to send, or NULL when there is nothing to send.
 */
static int claim(portal_outbox_message **out, portal *p, delivery *d, portal_id id,
	portal_time now)
{
	portal_outbox_message *m = NULL;
	portal_time until = now;
	const char *why;
	int err;

	*out = NULL;
	if ((err = pt_store_begin(p)) < 0)
		return err;
	if ((err = pt_store_outbox_get(&m, p, id)) < 0 || m->status != PORTAL_OUTBOX_PENDING ||
	    m->not_before > now)
		goto done;
	if (strcmp(m->channel, "sms") == 0 && (why = sms_refusal(p, m)) != NULL) {
		if ((err = pt_store_outbox_skip(p, id, why)) == 0 &&
		    (err = forget_link(p, m)) == 0)
			d->report.skipped++;
		goto done;
	}
	if (strcmp(m->channel, "sms") == 0 && !pt_outbox_is_reply(m->kind) &&
	    (err = pt_sms_quiet_end(&until, p, now)) == 0 && until > now) {
		if ((err = pt_store_outbox_hold(p, id, until)) == 0)
			d->report.held++;
		goto done;
	}
	if (err == 0 && (err = pt_store_outbox_hold(p, id, now + CLAIM_LEASE_SECONDS)) == 0) {
		*out = m;
		m = NULL;
	}
done:
	portal_outbox_message_free(m);
	return pt_store_end(p, err);
}

static int deliver_one(portal *p, delivery *d, portal_id id)
{
	portal_outbox_message *m = NULL;
	portal_time now = portal_now(p);
	char error[400];
	int err, attempts;

	if ((err = claim(&m, p, d, id, now)) < 0 || m == NULL)
		return err;
	if (send_message(d, m, error, sizeof(error)) == 0) {
		err = pt_store_outbox_delivered(p, id, portal_now(p));
		d->report.delivered += err == 0;
		if (err == 0)
			err = forget_link(p, m);
	} else {
		attempts = m->attempts + 1;
		now = portal_now(p);
		err = pt_store_outbox_failed(p, id, error, now + backoff(d, attempts),
			attempts >= d->max_attempts);
		d->report.failed += err == 0;
		if (err == 0 && attempts >= d->max_attempts)
			err = forget_link(p, m);
	}
	portal_outbox_message_free(m);
	return err;
}

int portal_outbox_deliver(portal_outbox_report *out, portal *p)
{
	delivery d;
	portal_id *ids = NULL;
	size_t n = 0;
	int err;

	memset(&d, 0, sizeof(d));
	if ((err = pt_setting_text(&d.sendmail, p, "sendmail_path")) < 0 ||
	    (err = pt_setting_text(&d.gateway, p, "sms_gateway_command")) < 0 ||
	    (err = pt_setting_int(&d.max_attempts, p, "outbox_max_attempts")) < 0 ||
	    (err = pt_setting_int(&d.retry_minutes, p, "outbox_retry_minutes")) < 0 ||
	    (err = pt_setting_int(&d.retry_max_minutes, p, "outbox_retry_max_minutes")) < 0 ||
	    (err = pt_store_outbox_due(&ids, &n, p, portal_now(p))) < 0)
		goto done;
	for (size_t i = 0; err == 0 && i < n; i++)
		err = deliver_one(p, &d, ids[i]);
done:
	if (out)
		*out = d.report;
	free(ids);
	free(d.sendmail);
	free(d.gateway);
	return err;
}
