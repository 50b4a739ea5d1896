#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of `portal audit`: the shop's actions on the demo are logged,
# filters by client, time and count, JSON, and usage errors.
#
#   sh tests/cli/test_audit.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "demo" -- $P demo

run 0 "audit --help" -- $P audit --help
stdout_has "audit --help" "usage: portal audit"

# The demo's approvals and its late cancellation are in the log.
run 0 "audit" -- $P audit
stdout_has "approval logged" "estimate.approve"
stdout_has "cancellation logged" "appointment.cancel"
stdout_has "the shop as source" "shop"

# E1009 is client #9's estimate, waiting for an answer.
run 0 "decline E1009" -- $P estimate decline E1009 --name "Demo Customer"
run 0 "audit --client 9" -- $P audit --client 9
stdout_has "decline logged for the client" "estimate.decline"
stdout_has "its number" "E1009"
if grep -q "#8 " "$OUT"; then bad "--client 9 shows another client"; else ok; fi

run 0 "audit --since now" -- $P audit --since "2026-11-22 09:59"
# Besides the links the demo's messages carry, made at the same minute.
expect_equal "only the new entry" "$(grep -vc ' link\.create ' "$OUT")" "1"
run 0 "audit --limit 2" -- $P audit --limit 2
expect_equal "two entries" "$(wc -l <"$OUT" | tr -d ' ')" "2"

run 0 "audit --json" -- $P --json audit --client 9
stdout_is_json "audit --json"
expect_equal "event in JSON" "$(json_value 'd[-1]["event"]')" "estimate.decline"
expect_equal "client in JSON" "$(json_value 'd[-1]["client_id"]')" "9"

run 2 "bad limit" -- $P audit --limit zero
stderr_is_one_line "bad limit" "--limit"
run 2 "bad client" -- $P audit --client nobody
run 2 "extra argument" -- $P audit everything

finish
