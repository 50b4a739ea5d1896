#!/bin/sh
# SPDX-License-Identifier: MIT
# `portal export` through the real binary: the demo shop into a file
# (whole, private, valid JSON with the demo's clients), or on standard
# output the same bytes; the database is only read.
#
#   sh tests/cli/test_export.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"

run 0 "demo" -- $P demo
dump shop.db >"$WORK/before.sql"

# --- into a file -------------------------------------------------------------
run 0 "export -o" -- $P export -o shop.json
stdout_has "says where it wrote" "exported the shop to shop.json"
if python3 -m json.tool shop.json >/dev/null 2>&1; then ok
else bad "export -o: shop.json is not valid JSON"; fi
for name in "Zoë Laurent" "Łukasz Kowalski" "Ольга Смирнова" "Björn Andersson"; do
	if grep -qF "\"name\":\"$name\"" shop.json; then ok
	else bad "export -o: shop.json lacks the client $name"; fi
done
if python3 -c '
import json, sys
d = json.load(open("shop.json"))
assert d["format"] == "libportal-export" and d["version"] == 1, "header"
assert len(d["clients"]) == 12, "twelve clients"
for kind in ("addresses", "assets", "jobs", "invoices", "invoice_lines", "payments"):
    assert len(d[kind]) > 0, kind
for absent in ("secrets", "access_links", "sessions"):
    assert absent not in d, absent
' 2>"$WORK/py.err"; then ok
else bad "export -o: the document's content ($(cat "$WORK/py.err" | tail -1))"; fi
# One record per line: the first client is on the line after "clients":[.
line=$(grep -n '^"clients":\[$' shop.json | cut -d: -f1)
if sed -n "$((line + 1))p" shop.json | grep -q '^{"id":1,"name":"Zoë Laurent"'; then ok
else bad "export -o: the first client is not on the line after the array's start"; fi
# The clients' details stay with the shop's owner.
if [ "$(stat -c %a shop.json)" = "600" ]; then ok
else bad "export -o: shop.json is readable by others ($(stat -c %a shop.json))"; fi
if ls shop.json.* >/dev/null 2>&1; then bad "export -o: a temporary file was left"; else ok; fi
unchanged_since "export only reads" shop.db "$WORK/before.sql"

# --- --json: the same document; with -o, where it went --------------------
run 0 "export to stdout" -- $P export --json
if cmp -s "$OUT" shop.json; then ok; else bad "export --json: differs from the file"; fi
run 0 "export --json -o" -- $P --json export -o again.json
stdout_is_json "export --json -o"
expect_equal "export --json -o names the file" "$(json_value 'd["file"]')" "again.json"
if cmp -s again.json shop.json; then ok; else bad "two exports differ"; fi

# --- failures ----------------------------------------------------------------
run 5 "export into a missing directory" -- $P export -o no/such/dir/shop.json
stderr_is_one_line "export into a missing directory" "no/such/dir/shop.json"
if [ -e no ]; then bad "a failed export left something"; else ok; fi
run 2 "export with an argument" -- $P export extra
run 0 "export --help" -- $P export --help
stdout_has "help" "usage: portal export"

finish
