#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of `portal preview --html` on the demo shop: the page the
# client's browser would get, its title and words, written to standard
# output or whole into a file; its refusals, each one `portal:` line with
# its exit code; and that nothing of the shop changes (no link, no
# session, no line of the client's access log). The clock is fixed at
# Sunday 2026-11-22 10:00 in Toronto (lib.sh).
#
#   sh tests/cli/test_preview_html.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "demo" -- $P demo
dump shop.db >before.dump
for t in sessions access_links audit_log; do dump shop.db $t >"before.$t"; done

stdout_lacks() {
	if grep -qF -- "$2" "$OUT"; then bad "$1: stdout has '$2'"; else ok; fi
}

# Zoë Laurent (client 1): her overview, as her browser gets it.
run 0 "preview --html" -- $P preview 1 --html
stdout_has "preview --html" "<!doctype html>"
stdout_has "preview --html: the page's title" "<title>Overview – Northside Appliance &amp; Auto Repair</title>"
stdout_has "preview --html: whose portal" "Portal of <strong>Zoë Laurent</strong>"
stdout_has "preview --html: the stylesheet by its file" '<link rel="stylesheet" href="file:///'
stdout_has "preview --html: months in words" ">October 2026</time>"
stdout_lacks "preview --html: no token in a form" 'name="csrf" value="'
if grep -qE '>[0-9]{4}-[0-9]{2}(-[0-9]{2})?( [0-9]{2}:[0-9]{2})?<' "$OUT"; then
	bad "preview --html: an ISO date shown"; else ok; fi

# A page with an argument, into a file: the same bytes as on stdout.
run 0 "job page" -- $P preview 1 job 1 --html
cp "$OUT" job.stdout
run 0 "job page -o" -- $P preview 1 job 1 --html -o job.html
if cmp -s job.html job.stdout; then ok; else bad "-o: the file is not the page"; fi
if grep -qF "Fridge not cooling" job.html; then ok; else bad "-o: the job's words"; fi
expect_equal "-o: nothing on stdout" "$(wc -c <"$OUT" | tr -d ' ')" "0"

# Every view of the client, including the access log, which stays empty.
for v in dashboard jobs history invoices estimates payments statement inspections \
	appointments profile policies access-log tracking notifications chat; do
	run 0 "preview $v --html" -- $P preview 1 "$v" --html
	stdout_has "preview $v --html" "</html>"
done
run 0 "preview --html --job" -- $P preview 2 jobs --job 13 --html
stdout_has "preview --html --job" "This link shows"

# Refusals: one line, the documented exit code, no page.
run 1 "unknown client" -- $P preview 99 --html
stderr_is_one_line "unknown client" "no client"
run 1 "another client's job" -- $P preview 1 job 2 --html
stderr_is_one_line "another client's job" "no job 2$"
run 1 "--job of another client" -- $P preview 1 --html --job 13
stderr_is_one_line "--job of another client" "client #1 has no job #13"
run 1 "unknown view" -- $P preview 1 garden --html
stderr_is_one_line "unknown view" "no view named 'garden'"
run 2 "-o without --html" -- $P preview 1 -o x.html
stderr_is_one_line "-o without --html" "-o goes with --html$"
run 2 "--html with --json" -- $P --json preview 1 --html
stderr_is_one_line "--html with --json" "--html and --json cannot go together$"
run 5 "an unwritable file" -- $P preview 1 --html -o /nonexistent/dir/x.html
stderr_is_one_line "an unwritable file" "/nonexistent/dir/x.html: No such file"
run 2 "no static files" -- $P preview 1 --html --static /nonexistent/static
stderr_is_one_line "no static files" "static directory '/nonexistent/static' not found$"
[ ! -e x.html ] && ok || bad "a refused preview wrote a file"

# Nothing changed: every row as before, no link, no session, no audit.
unchanged_since "nothing changed" shop.db before.dump
for t in sessions access_links audit_log; do
	if dump shop.db $t | cmp -s - "before.$t"; then ok; else bad "$t: a row was added"; fi
done

finish
