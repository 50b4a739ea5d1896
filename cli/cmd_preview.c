/* SPDX-License-Identifier: MIT */
/*
 * cmd_preview.c - `portal preview`: exactly what a client sees in the
 * portal, page by page.
 *
 * The library builds each page as a JSON document (portal/view.h); this
 * prints it as it is with --json, or as indented "Label: value" lines
 * for people. Money and times print in their "_text" forms.
 */
#include "cli.h"
#include "preview_html.h"

#include <cjson/cJSON.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const char preview_usage[] =
	"usage: portal preview CLIENT [VIEW [ARG]] [--job JOB]\n"
	"       portal preview CLIENT [VIEW [ARG]] [--job JOB] --html [-o FILE]\n"
	"                      [--static DIR]\n"
	"       portal preview --list\n\n"
	"Shows exactly what client CLIENT sees on page VIEW of the portal\n"
	"(default: dashboard), as after a lookup, or with --job as through a\n"
	"secure link limited to job JOB. Pages: dashboard, jobs, job ID,\n"
	"history, invoices, invoice NUMBER, estimates, estimate NUMBER,\n"
	"payments, statement, inspections, appointments, profile, policies,\n"
	"access-log (--list prints them). A page of a section the shop hides\n"
	"from the client exits 1, as does a record the client may not see.\n"
	"Nothing is logged or changed.\n\n"
	"  --html        the page itself, as portal.cgi sends it to the client, its\n"
	"                stylesheet named by its file so it opens in a browser\n"
	"  -o FILE       write the page to FILE (default: standard output)\n"
	"  --static DIR  the portal's static files (default: as portal serve)\n";

/* The frame's fields: printed as the page's heading, not in its body. */
static const char *const frame_keys[] = {
	"view", "generated_at", "generated_at_text", "client", "shop", "sections",
	"job_scope", NULL
};

static int is_frame_key(const char *key)
{
	for (size_t i = 0; frame_keys[i]; i++)
		if (strcmp(frame_keys[i], key) == 0)
			return 1;
	return 0;
}

static int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* "balance_due" reads "Balance due". */
static const char *label_of(char *buf, size_t len, const char *key)
{
	size_t i;

	for (i = 0; key[i] && i + 1 < len; i++)
		buf[i] = key[i] == '_' || key[i] == '-' ? ' ' : key[i];
	buf[i] = '\0';
	if (buf[0])
		buf[0] = (char)toupper((unsigned char)buf[0]);
	return buf;
}

static void print_scalar(const cJSON *v)
{
	if (cJSON_IsString(v))
		fputs(v->valuestring, stdout);
	else if (cJSON_IsNumber(v))
		printf("%.15g", v->valuedouble);
	else if (cJSON_IsBool(v))
		fputs(cJSON_IsTrue(v) ? "yes" : "no", stdout);
	else
		fputs("-", stdout);
}

static int is_scalar(const cJSON *v)
{
	return !cJSON_IsObject(v) && !cJSON_IsArray(v);
}

static void render_object(const cJSON *o, int indent, int item, int top);

static void render_array(const cJSON *a, const char *label, int indent)
{
	const cJSON *v;
	int first = 1;

	printf("%*s%s:", indent, "", label);
	if (cJSON_GetArraySize(a) == 0) {
		puts(" none");
		return;
	}
	if (is_scalar(cJSON_GetArrayItem(a, 0))) {
		cJSON_ArrayForEach(v, a) {
			fputs(first ? " " : ", ", stdout);
			print_scalar(v);
			first = 0;
		}
		putchar('\n');
		return;
	}
	putchar('\n');
	cJSON_ArrayForEach(v, a)
		render_object(v, indent + 2, 1, 0);
}

/*
 * Print the fields of `o` at `indent`; as a list item (`item`), its first
 * line starts with "- ". A field K with a "K_text" beside it prints the
 * text under K's label.
 */
static void render_object(const cJSON *o, int indent, int item, int top)
{
	const cJSON *v;
	char label[64], key[80];
	int pad = indent;

	cJSON_ArrayForEach(v, o) {
		const cJSON *shown = v;
		/* Empty text says nothing to a person: leave the line out. */
		if ((top && is_frame_key(v->string)) ||
		    (cJSON_IsString(v) && v->valuestring[0] == '\0'))
			continue;
		if (ends_with(v->string, "_text")) {
			snprintf(key, sizeof(key), "%.*s", (int)(strlen(v->string) - 5), v->string);
			if (cJSON_GetObjectItemCaseSensitive(o, key) != NULL)
				continue;
		} else {
			snprintf(key, sizeof(key), "%s_text", v->string);
			if (cJSON_GetObjectItemCaseSensitive(o, key) != NULL)
				shown = cJSON_GetObjectItemCaseSensitive(o, key);
		}
		label_of(label, sizeof(label), v->string);
		if (item) {
			printf("%*s- ", indent - 2, "");
			pad = 0;
			item = 0;
		}
		if (cJSON_IsObject(v)) {
			printf("%*s%s:\n", pad, "", label);
			render_object(v, indent + 2, 0, 0);
		} else if (cJSON_IsArray(v)) {
			render_array(v, label, pad);
		} else {
			printf("%*s%-22s ", pad, "", label);
			print_scalar(shown);
			putchar('\n');
		}
		pad = indent;
	}
}

static const char *text_at(const cJSON *o, const char *a, const char *b)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, a);

	if (b != NULL)
		v = cJSON_GetObjectItemCaseSensitive(v, b);
	return cJSON_IsString(v) ? v->valuestring : "";
}

static void render_heading(const cJSON *doc)
{
	const cJSON *scope = cJSON_GetObjectItemCaseSensitive(doc, "job_scope");
	const cJSON *sections = cJSON_GetObjectItemCaseSensitive(doc, "sections");
	char label[64];

	printf("%s", text_at(doc, "shop", "name"));
	if (*text_at(doc, "shop", "phone"))
		printf(" - %s", text_at(doc, "shop", "phone"));
	if (*text_at(doc, "shop", "email"))
		printf(" - %s", text_at(doc, "shop", "email"));
	printf("\n%s for %s", label_of(label, sizeof(label), text_at(doc, "view", NULL)),
		text_at(doc, "client", "name"));
	if (cJSON_IsNumber(scope))
		printf(" (job #%.0f only)", scope->valuedouble);
	printf(", as of %s\n", text_at(doc, "generated_at_text", NULL));
	render_array(sections, "Sections", 0);
	putchar('\n');
}

static int render(portal_buf *doc)
{
	cJSON *root = cJSON_Parse(doc->ptr);

	portal_buf_dispose(doc);
	if (root == NULL) {
		fprintf(stderr, "portal: the page could not be read\n");
		return EXIT_STORE;
	}
	render_heading(root);
	render_object(root, 0, 0, 1);
	cJSON_Delete(root);
	return EXIT_OK;
}

static int list_views(cli *c)
{
	cJSON *names = c->json ? cJSON_CreateArray() : NULL;
	const char *name;
	char *text;

	for (size_t i = 0; (name = portal_view_name_at(i)) != NULL; i++) {
		if (names != NULL)
			cJSON_AddItemToArray(names, cJSON_CreateString(name));
		else
			printf("%s%s\n", name, portal_view_takes_arg(name) == 1 ?
				(strcmp(name, "job") == 0 ? " ID" : " NUMBER") : "");
	}
	if (!c->json)
		return EXIT_OK;
	if (names == NULL || (text = cJSON_Print(names)) == NULL) {
		cJSON_Delete(names);
		fprintf(stderr, "portal: out of memory\n");
		return EXIT_STORE;
	}
	puts(text);
	cJSON_free(text);
	cJSON_Delete(names);
	return EXIT_OK;
}

int cmd_preview(cli *c, int argc, char **argv)
{
	const char *pos[3] = { NULL, NULL, NULL }, *job = NULL, *out = NULL, *static_dir = NULL;
	int list = 0, html = 0;
	const cli_opt opts[] = {
		{ "job", &job, NULL }, { "list", NULL, &list }, { "html", NULL, &html },
		{ "o", &out, NULL }, { "output", &out, NULL }, { "static", &static_dir, NULL },
		{ NULL, NULL, NULL }
	};
	portal_buf doc = PORTAL_BUF_INIT;
	portal_id client, job_id = 0;
	int rc = cli_parse(argc, argv, opts, pos, 0, 3, preview_usage), err;

	CLI_PARSED(rc);
	if (list)
		return list_views(c);
	if (pos[0] == NULL) {
		fprintf(stderr, "portal: missing argument\n%s", preview_usage);
		return EXIT_USAGE;
	}
	if ((out || static_dir) && !html)
		return cli_usage_error("%s goes with --html", out ? "-o" : "--static");
	if (html && c->json)
		return cli_usage_error("--html and --json cannot go together");
	if ((rc = cli_id_arg(&client, pos[0], "client")) != 0 ||
	    (job && (rc = cli_id_arg(&job_id, job, "--job")) != 0) ||
	    (rc = cli_open(c, 0)) != 0)
		return rc;
	if (html) {
		preview_html_args a = { client, job_id, pos[1] ? pos[1] : "dashboard", pos[2],
			out, static_dir };
		return preview_html(c, &a);
	}
	err = portal_preview(&doc, c->p, client, job_id, pos[1] ? pos[1] : "dashboard", pos[2]);
	if (err < 0)
		return cli_fail(c, err);
	return c->json ? cli_print_json(&doc) : render(&doc);
}
