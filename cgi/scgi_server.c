/* SPDX-License-Identifier: MIT */
/*
 * scgi_server.c - the resident loop: accept a connection, read one SCGI
 * request within limits and a deadline, answer it through the app on the
 * kept shop handle, close, next.
 *
 * One request at a time: the web server starts as many processes as it
 * wants answers in parallel (lighttpd's max-procs, systemd's or
 * spawn-fcgi's instances), and a database handle serves one thread.
 */
/* pselect() and sigaction() are POSIX. */
#define _POSIX_C_SOURCE 200809L

#include "scgi.h"
#include "app.h"
#include "response.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/* How long one request may take to arrive, and each write of the answer:
 * a peer that stalls is dropped, and the next request served. */
#define SCGI_TIMEOUT_MS 10000
/* How much of a body left unread (an answer given before reading it, as
 * 413) is read and dropped, so that closing does not reset the answer. */
#define SCGI_DRAIN_MAX (1024 * 1024)
/* The answer is written in one piece when it fits. */
#define SCGI_WRITE_BUFFER (64 * 1024)

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig)
{
	stop_signal = sig;
}

typedef struct conn {
	int fd;
	struct timespec deadline;
} conn;

static long ms_until(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long)(t->tv_sec - now.tv_sec) * 1000 + (t->tv_nsec - now.tv_nsec) / 1000000;
}

/* Up to `n` bytes from the connection before its deadline: the count, 0
 * at its end, -1 on an error or when the deadline passed. */
static long conn_read(void *ctx, char *buf, size_t n)
{
	conn *c = ctx;
	struct pollfd pfd = { c->fd, POLLIN, 0 };
	long left;
	ssize_t got;

	for (;;) {
		if ((left = ms_until(&c->deadline)) <= 0)
			return -1;
		if (poll(&pfd, 1, (int)left) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (pfd.revents == 0)
			continue;
		if ((got = read(c->fd, buf, n)) >= 0 || errno != EINTR)
			return (long)got;
	}
}

/* The header netstring into `buf`: its result, `*len` the bytes read. */
static int read_head(conn *c, scgi_request *req, char *buf, size_t *len,
	const char **why)
{
	int rc = SCGI_MORE;

	*len = 0;
	while (rc == SCGI_MORE && *len < SCGI_NETSTRING_MAX) {
		long n = conn_read(c, buf + *len, SCGI_NETSTRING_MAX - *len);
		if (n <= 0) {
			/* A connection closed before a byte wants no answer. */
			*why = *len > 0 ? "The request ended before its head." : NULL;
			return SCGI_BAD;
		}
		*len += (size_t)n;
		rc = scgi_parse(req, buf, *len, why);
	}
	return rc;
}

/* The answer to a request whose head could not be read: a short page,
 * with the headers every answer has. */
static void answer_bad_head(FILE *out, const char *why)
{
	response res;

	response_init(&res);
	response_plain_page(&res, 400, why);
	response_write(&res, out);
	response_free(&res);
}

/* What is left of the body, read and dropped within limits. */
static void drain(conn *c, unsigned long long left)
{
	char buf[4096];
	long n;

	if (left > SCGI_DRAIN_MAX)
		left = SCGI_DRAIN_MAX;
	while (left > 0 && (n = conn_read(c, buf, sizeof(buf))) > 0)
		left = (unsigned long long)n < left ? left - (unsigned long long)n : 0;
}

static void serve_one(app_shop *shop, int fd, char *buf)
{
	conn c = { fd, { 0, 0 } };
	scgi_request req;
	scgi_input in;
	request_source src;
	const char *why;
	size_t len;
	FILE *out;
	int rc;

	clock_gettime(CLOCK_MONOTONIC, &c.deadline);
	c.deadline.tv_sec += SCGI_TIMEOUT_MS / 1000;
	if ((out = fdopen(fd, "w")) == NULL) {
		close(fd);
		return;
	}
	setvbuf(out, NULL, _IOFBF, SCGI_WRITE_BUFFER);
	rc = read_head(&c, &req, buf, &len, &why);
	if (rc != SCGI_OK && why != NULL) {
		fprintf(stderr, "portal.cgi: SCGI: %s\n", why);
		answer_bad_head(out, why);
	} else if (rc == SCGI_OK) {
		scgi_input_init(&in, &req, buf, len);
		in.more = conn_read;
		in.ctx = &c;
		src = scgi_source(&in);
		app_run_shop(shop, &src, out);
		/* The answer is whole: say so, then let the peer finish
		 * sending what was not read. */
		fflush(out);
		shutdown(fd, SHUT_WR);
		drain(&c, in.left);
	}
	fclose(out);
}

int scgi_is_listening(int fd)
{
	int on = 0;
	socklen_t len = sizeof(on);

	return getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &on, &len) == 0 && on;
}

/* SIGPIPE ignored (a peer gone is a write error), the stop signals
 * blocked except while waiting for a connection: a request under way is
 * always finished, and a stop is never missed. */
static void setup_signals(sigset_t *waiting)
{
	static const int stops[] = { SIGTERM, SIGINT, SIGHUP };
	struct sigaction sa;
	sigset_t blocked;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_IGN;
	sigaction(SIGPIPE, &sa, NULL);
	sa.sa_handler = on_stop;
	sigemptyset(&blocked);
	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++) {
		sigaction(stops[i], &sa, NULL);
		sigaddset(&blocked, stops[i]);
	}
	sigprocmask(SIG_BLOCK, &blocked, waiting);
	for (size_t i = 0; i < sizeof(stops) / sizeof(stops[0]); i++)
		sigdelset(waiting, stops[i]);
}

/* The next connection, or -1 when a stop signal came. */
static int next_connection(int listen_fd, const sigset_t *waiting)
{
	static const struct timespec pause_on_error = { 0, 100 * 1000 * 1000 };
	fd_set ready;
	int fd;

	while (!stop_signal) {
		FD_ZERO(&ready);
		FD_SET(listen_fd, &ready);
		if (pselect(listen_fd + 1, &ready, NULL, NULL, NULL, waiting) < 0) {
			if (errno != EINTR)
				nanosleep(&pause_on_error, NULL);
			continue;
		}
		if ((fd = accept(listen_fd, NULL, NULL)) >= 0)
			return fd;
		/* Another process took it (EAGAIN), the peer left, or out of
		 * descriptors for a moment: wait for the next one. */
		if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM)
			nanosleep(&pause_on_error, NULL);
	}
	return -1;
}

int scgi_serve(int listen_fd)
{
	const char *by_host = getenv("PORTAL_SHOP_BY_HOST");
	app_shop shop = { getenv("PORTAL_DB"), getenv("PORTAL_NOW"), getenv("PORTAL_SHOP"),
		by_host != NULL && strcmp(by_host, "1") == 0, NULL, 0, 0, 0 };
	sigset_t waiting;
	char *buf = malloc(SCGI_NETSTRING_MAX);
	int fd, flags;

	if (buf == NULL || listen_fd >= FD_SETSIZE) {
		fputs("portal.cgi: cannot serve SCGI on this descriptor\n", stderr);
		free(buf);
		return 1;
	}
	if (shop.db != NULL && *shop.db == '\0')
		shop.db = NULL;
	if (shop.now != NULL && *shop.now == '\0')
		shop.now = NULL;
	/* Non-blocking, so a connection another process accepted first
	 * cannot leave this one waiting in accept() past a stop signal. */
	flags = fcntl(listen_fd, F_GETFL);
	fcntl(listen_fd, F_SETFL, flags | O_NONBLOCK);
	setup_signals(&waiting);
	while ((fd = next_connection(listen_fd, &waiting)) >= 0) {
		struct timeval send_timeout = { SCGI_TIMEOUT_MS / 1000, 0 };
		/* Some systems hand the listening socket's O_NONBLOCK on. */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send_timeout, sizeof(send_timeout));
		serve_one(&shop, fd, buf);
	}
	app_shop_close(&shop);
	free(buf);
	return 0;
}
