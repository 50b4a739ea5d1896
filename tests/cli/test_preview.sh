#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of `portal preview` on the demo shop: every view of the
# client's work and account prints for people and as one JSON document,
# and refusals exit as documented. The clock is fixed at Sunday
# 2026-11-22 10:00 in Toronto (lib.sh).
#
#   sh tests/cli/test_preview.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "demo" -- $P demo

run 0 "preview --help" -- $P preview --help
stdout_has "preview --help" "usage: portal preview"
run 0 "preview --list" -- $P preview --list
stdout_has "preview --list" "dashboard"
stdout_has "preview --list" "job ID"
stdout_has "preview --list" "access-log"
run 0 "preview --list --json" -- $P --json preview --list
stdout_is_json "preview --list --json"
expect_equal "every view listed" "$(json_value 'len(d)')" "18"

# Zoë Laurent (client 1): a closed fridge repair, invoiced and paid.
for v in dashboard jobs history profile policies access-log; do
	run 0 "preview $v" -- $P preview 1 $v
	stdout_has "preview $v" "Zoë Laurent"
	run 0 "preview $v --json" -- $P --json preview 1 $v
	stdout_is_json "preview $v --json"
	expect_equal "$v: the view" "$(json_value 'd["view"]')" "$v"
done
run 0 "preview job" -- $P preview 1 job 1
stdout_has "preview job" "Fridge not cooling"
stdout_has "preview job" "Labour until"
run 0 "preview default" -- $P preview 1
stdout_has "preview default" "Dashboard for Zoë Laurent"
stdout_has "preview default" "Balance due"

run 0 "dashboard --json" -- $P --json preview 1
expect_equal "dashboard: money as cents and text" \
	"$(json_value 'isinstance(d["balance_due"], int) and d["balance_due_text"] == "%d.%02d" % divmod(d["balance_due"], 100)')" "True"
expect_equal "dashboard: the client's assets" \
	"$(json_value 'all(a["client_id"] == 1 for a in d["assets"])')" "True"
run 0 "history --json" -- $P --json preview 1 history
expect_equal "history: the fridge's repair with its warranty" \
	"$(json_value 'd["assets"][0]["jobs"][0]["warranty"]["labour_until"]')" "2027-01-07"
run 0 "profile --json" -- $P --json preview 1 profile
expect_equal "profile: no notes" "$(json_value '"notes" in json.dumps(d)')" "False"
run 0 "policies --json" -- $P --json preview 1 policies
expect_equal "policies: the service call fee" "$(json_value 'd["values"]["service_call_fee"]')" "12000"

# A link limited to one job: Łukasz Kowalski (client 2), job 13 only.
run 0 "preview --job" -- $P --json preview 2 jobs --job 13
expect_equal "--job: one job" "$(json_value '[j["id"] for j in d["jobs"]]')" "[13]"
expect_equal "--job: the scope" "$(json_value 'd["job_scope"]')" "13"
run 1 "--job of another client" -- $P preview 1 --job 13
stderr_is_one_line "--job of another client" "client #1 has no job #13"

# Guessed job ids: another client's answers as one that does not exist.
run 1 "another client's job" -- $P preview 1 job 2
stderr_is_one_line "another client's job" "no job 2$"
run 1 "no such job" -- $P preview 1 job 999
stderr_is_one_line "no such job" "no job 999$"
run 1 "not a job id" -- $P preview 1 job abc
stderr_is_one_line "not a job id" "no job abc$"
run 1 "outside the link's job" -- $P preview 2 job 2 --job 13
stderr_is_one_line "outside the link's job" "no job 2$"

run 1 "unknown view" -- $P preview 1 garden
stderr_is_one_line "unknown view" "no view named 'garden'"
run 1 "unknown client" -- $P preview 99
run 2 "job without an id" -- $P preview 1 job
run 2 "an argument too many" -- $P preview 1 jobs 3
run 2 "not a client id" -- $P preview ann
run 2 "missing client" -- $P preview

# A section the shop hides: its views exit 1, the dashboard leaves it out.
shop_sql shop.db "UPDATE clients SET hidden_sections = 'invoices,payments' WHERE id = 1"
run 1 "hidden invoices" -- $P preview 1 invoices
stderr_is_one_line "hidden invoices" "the shop does not show invoices"
run 0 "dashboard without money" -- $P --json preview 1
expect_equal "dashboard: no balance" "$(json_value '"balance_due" in d or "payments_by_method" in d')" "False"

finish
