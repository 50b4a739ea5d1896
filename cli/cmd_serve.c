/* SPDX-License-Identifier: MIT */
/*
 * cmd_serve.c - `portal serve`: the customer's portal on this machine,
 * through lighttpd and portal.cgi, until Ctrl-C.
 *
 * The configuration goes into a private temporary directory that is
 * removed when lighttpd stops. lighttpd listens on 127.0.0.1 only: this
 * is for trying the portal and for tests; docs/deploy.md says how to put
 * it on the web.
 */
/* realpath() is an X/Open function. */
#define _XOPEN_SOURCE 700

#include "cli.h"
#include "serve.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef PORTAL_CGI_PATH
# define PORTAL_CGI_PATH ""
#endif
#ifndef PORTAL_STATIC_DIR
# define PORTAL_STATIC_DIR ""
#endif
/* Where `cmake --install` puts them, from the directory of `portal`. */
#ifndef PORTAL_CGI_FROM_BIN
# define PORTAL_CGI_FROM_BIN "../libexec/portal/portal.cgi"
#endif
#ifndef PORTAL_STATIC_FROM_BIN
# define PORTAL_STATIC_FROM_BIN "../share/portal/static"
#endif

static const char serve_usage[] =
	"usage: portal serve [--port N] [--db FILE|URI] [--shop NAME] [--cgi FILE]\n"
	"                    [--static DIR] [--lighttpd FILE] [--resident]\n\n"
	"Serves the customer's portal of the shop database at\n"
	"http://localhost:N/ (default port 8080) through lighttpd and portal.cgi,\n"
	"listening on 127.0.0.1 only, until Ctrl-C or SIGTERM. Browsers keep the\n"
	"portal's Secure cookie over plain HTTP only for localhost, so open the\n"
	"address as printed.\n\n"
	"  --cgi FILE       portal.cgi (default: $PORTAL_CGI, then the one\n"
	"                   installed with this portal, else the one built)\n"
	"  --static DIR     the portal's static files (default: $PORTAL_STATIC,\n"
	"                   then those installed, else the source tree's)\n"
	"  --lighttpd FILE  the web server (default: $PORTAL_LIGHTTPD, then\n"
	"                   lighttpd on the PATH or in /usr/sbin)\n"
	"  --resident       keep portal.cgi running between requests: lighttpd\n"
	"                   starts two and speaks SCGI to them (mod_scgi), rather\n"
	"                   than starting one for each request (mod_cgi)\n\n"
	"PORTAL_NOW, when set, is passed on, so the portal shows that moment.\n";

/* Variables of this process that portal.cgi gets too, when set. */
static const char *const pass_env[] = {
	"PORTAL_SHOP", "PORTAL_NOW", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS", NULL
};

static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static const char *pick(const char *option, const char *env_name, const char *fallback)
{
	const char *env = getenv(env_name);

	if (option != NULL && *option != '\0')
		return option;
	return env != NULL && *env != '\0' ? env : fallback;
}

/* `rel` from the directory of the running program, into `out`, when it
 * exists: an installed `portal` serves the portal.cgi and static files
 * installed with it, wherever the tree was installed or moved. Else
 * `built`, those of the build tree. */
static const char *installed_or(char out[PATH_MAX], const char *rel, const char *built)
{
	ssize_t n = readlink("/proc/self/exe", out, PATH_MAX - 1);
	char *slash;
	size_t dir_len;

	if (n <= 0)
		return built;
	out[n] = '\0';
	if ((slash = strrchr(out, '/')) == NULL)
		return built;
	dir_len = (size_t)(slash - out) + 1;
	if (dir_len + strlen(rel) >= PATH_MAX)
		return built;
	strcpy(out + dir_len, rel);
	return access(out, F_OK) == 0 ? out : built;
}

/* The absolute path of an existing `path` into `out`, or an error. */
static int absolute(char out[PATH_MAX], const char *path, const char *what)
{
	if (path == NULL || *path == '\0' || realpath(path, out) == NULL) {
		fprintf(stderr, "portal: %s '%s' not found\n", what, path ? path : "");
		return -1;
	}
	return 0;
}

int serve_static_dir(char *out, const char *option)
{
	char installed[PATH_MAX];

	return absolute(out, pick(option, "PORTAL_STATIC",
		installed_or(installed, PORTAL_STATIC_FROM_BIN, PORTAL_STATIC_DIR)),
		"static directory");
}

static const char *find_lighttpd(const char *option)
{
	const char *chosen = pick(option, "PORTAL_LIGHTTPD", NULL);

	if (chosen != NULL)
		return chosen;
	return access("/usr/sbin/lighttpd", X_OK) == 0 ? "/usr/sbin/lighttpd" : "lighttpd";
}

static int write_config(const serve_config *c, char *conf, size_t len)
{
	char root[PATH_MAX];
	FILE *f;
	int rc;

	snprintf(root, sizeof(root), "%s/root", c->dir);
	snprintf(conf, len, "%s/lighttpd.conf", c->dir);
	if (mkdir(root, 0700) < 0 || (f = fopen(conf, "w")) == NULL) {
		fprintf(stderr, "portal: cannot write in %s: %s\n", c->dir, strerror(errno));
		return -1;
	}
	rc = serve_write_config(f, c);
	if (fclose(f) != 0 || rc < 0) {
		fprintf(stderr, "portal: a path cannot go into lighttpd's configuration "
			"(quotes, backslashes and control characters cannot)\n");
		return -1;
	}
	return 0;
}

static void remove_dir(const char *dir)
{
	static const char *const files[] = { "lighttpd.conf", "lighttpd.pid", NULL };
	char path[PATH_MAX];

	for (size_t i = 0; files[i]; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	/* The resident processes' sockets, when lighttpd left them. */
	for (int i = 0; i < SERVE_RESIDENT_PROCS; i++) {
		snprintf(path, sizeof(path), "%s/" SERVE_SOCKET "-%d", dir, i);
		unlink(path);
	}
	snprintf(path, sizeof(path), "%s/root", dir);
	rmdir(path);
	rmdir(dir);
}

/* Run lighttpd in the foreground until it ends or a signal asks us to
 * stop it. Its exit status, or 0 after a clean stop. */
static int run_lighttpd(const char *lighttpd, const char *conf)
{
	struct sigaction sa;
	pid_t pid;
	int status = 0;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if ((pid = fork()) < 0)
		return -1;
	if (pid == 0) {
		execlp(lighttpd, lighttpd, "-D", "-f", conf, (char *)NULL);
		fprintf(stderr, "portal: cannot run %s: %s\n", lighttpd, strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return -1;
		if (stop_signal)
			kill(pid, SIGTERM);
	}
	if (stop_signal)
		return 0;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int serve(serve_config *c, const char *lighttpd)
{
	char dir[] = "/tmp/portal-serve-XXXXXX", conf[PATH_MAX];
	int rc;

	if (mkdtemp(dir) == NULL) {
		fprintf(stderr, "portal: cannot make a temporary directory: %s\n", strerror(errno));
		return EXIT_STORE;
	}
	c->dir = dir;
	if (write_config(c, conf, sizeof(conf)) < 0) {
		remove_dir(dir);
		return EXIT_STORE;
	}
	printf("Serving %s at http://localhost:%d/ (Ctrl-C stops)\n", c->label, c->port);
	fflush(stdout);
	rc = run_lighttpd(lighttpd, conf);
	remove_dir(dir);
	if (rc != 0) {
		fprintf(stderr, "portal: lighttpd stopped with status %d\n", rc);
		return EXIT_STORE;
	}
	return EXIT_OK;
}

int cmd_serve(cli *c, int argc, char **argv)
{
	const char *port_text = NULL, *db = NULL, *shop = NULL, *cgi = NULL, *static_dir = NULL;
	const char *lighttpd = NULL;
	int resident = 0;
	const cli_opt opts[] = { { "port", &port_text, NULL }, { "db", &db, NULL },
		{ "shop", &shop, NULL }, { "cgi", &cgi, NULL }, { "static", &static_dir, NULL },
		{ "lighttpd", &lighttpd, NULL }, { "resident", NULL, &resident },
		{ NULL, NULL, NULL } };
	char db_path[PATH_MAX], cgi_path[PATH_MAX], static_path[PATH_MAX];
	char installed_cgi[PATH_MAX];
	serve_config conf = { NULL, db_path, cgi_path, static_path, 8080, pass_env, 0, NULL };
	portal_id port = 8080;
	int rc = cli_parse(argc, argv, opts, NULL, 0, 0, serve_usage);

	CLI_PARSED(rc);
	if (port_text != NULL && (cli_parse_id(&port, port_text) < 0 || port > 65535))
		return cli_usage_error("--port needs a port number from 1 to 65535");
	conf.port = (int)port;
	conf.resident = resident;
	if (db != NULL)
		c->db_path = db;
	if (shop != NULL)
		c->shop = shop;
	/* Open it once here, so that a missing or foreign file is said now
	 * rather than on the first page. */
	if ((rc = cli_open(c, PORTAL_OPEN_READONLY)) != 0)
		return rc;
	conf.label = portal_db_label(c->p);
	/* The shop of a PostgreSQL database goes to portal.cgi with it. */
	if (c->shop != NULL && *c->shop != '\0' && setenv("PORTAL_SHOP", c->shop, 1) != 0)
		return EXIT_STORE;
	/* A file is passed by its absolute path; what opened without being
	 * a file is a database server's URI, passed as it is. */
	if (realpath(c->db_path, db_path) == NULL)
		snprintf(db_path, sizeof(db_path), "%s", c->db_path);
	if (absolute(cgi_path, pick(cgi, "PORTAL_CGI",
		installed_or(installed_cgi, PORTAL_CGI_FROM_BIN, PORTAL_CGI_PATH)), "portal.cgi") < 0 ||
	    serve_static_dir(static_path, static_dir) < 0)
		return EXIT_STORE;
	return serve(&conf, find_lighttpd(lighttpd));
}
