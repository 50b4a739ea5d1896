#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of customer access: secure links shown once, their list,
# revocation, the client's switch and sections, and lookups with their
# exit codes (0 match, 1 miss or denied, 4 rate limited).
#
#   sh tests/cli/test_access.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "init" -- $P init
run 0 "timezone" -- $P shop set timezone America/Toronto
run 0 "portal url" -- $P shop set portal_url https://portal.example.com
run 0 "phone" -- $P shop set phone 416-555-0199
run 0 "client" -- $P client add "Ann Lee"
run 0 "address" -- $P address add 1 --house 120 --street "King St W" --city Toronto
run 0 "job" -- $P job add 1 --problem "Dryer does not heat"
run 0 "invoice" -- $P invoice add 1
run 0 "line" -- $P invoice line 10001 labour "Replace element" --price 120
run 0 "issue" -- $P invoice issue 10001

# --- help --------------------------------------------------------------------
run 0 "access --help" -- $P access --help
stdout_has "access --help" "usage: portal access link CLIENT"
for sub in link list revoke on off sections; do
	run 0 "access $sub --help" -- $P access $sub --help
	stdout_has "access $sub --help" "usage: portal access"
done
run 0 "lookup --help" -- $P lookup --help
stdout_has "lookup --help" "usage: portal lookup NUMBER HOUSE"
run 2 "access without a subcommand" -- $P access

# --- links -------------------------------------------------------------------
run 0 "link" -- $P access link 1
stdout_has "link" "link #1 for client #1, whole account, valid through 2026-12-13"
stdout_has "link url" "https://portal.example.com/k/"
TOKEN=$(grep -o '/k/[A-Za-z0-9_-]*' "$OUT" | cut -c4-)
expect_equal "token length" "${#TOKEN}" 43
run 0 "job link" -- $P --json access link 1 --job 1 --days 3
stdout_is_json "job link"
expect_equal "job link scope" "$(json_value 'd["job_id"]')" "1"
expect_equal "job link last day" "$(json_value 'd["valid_through"]')" "2026-11-25"
TOKEN2=$(json_value 'd["url"]' | cut -d/ -f5)
run 2 "400 days" -- $P access link 1 --days 400
run 1 "no such client" -- $P access link 9
run 1 "another client's job" -- $P access link 1 --job 7

run 0 "list" -- $P access list 1
stdout_has "list" "job #1"
stdout_has "list" "whole account"
stdout_has "list" "active"
if grep -qF -- "$TOKEN" "$OUT" || grep -qF -- "$TOKEN2" "$OUT"; then bad "list shows a token"; else ok; fi
run 0 "list --json" -- $P --json access list 1
stdout_is_json "list --json"
expect_equal "two links" "$(json_value 'len(d)')" "2"
if grep -qF -- "$TOKEN" "$OUT"; then bad "list --json shows a token"; else ok; fi
if dump shop.db | grep -qF -- "$TOKEN"; then bad "a token is in the shop"; else ok; fi
# The file itself too, free pages and journal included.
if on_sqlite && grep -qF -- "$TOKEN" shop.db shop.db-wal 2>/dev/null; then
	bad "a token is in the database file"
else ok; fi

run 0 "revoke" -- $P access revoke 1
stdout_has "revoke" "link #1 revoked"
run 0 "list after revoke" -- $P --json access list 1
expect_equal "revoked" "$(json_value '[l["state"] for l in d if l["id"] == 1][0]')" "revoked"
run 1 "revoke no such link" -- $P access revoke 99
run 2 "revoke needs one of" -- $P access revoke
run 0 "revoke all" -- $P --json access revoke --client 1
expect_equal "revoke all count" "$(json_value 'd["revoked"]')" "1"

# --- the switch and sections -------------------------------------------------
run 0 "off" -- $P access off 1
stdout_has "off" "portal access of client #1 is off"
run 1 "link while off" -- $P access link 1
stderr_is_one_line "link while off" "portal access of client #1 is off"
run 1 "lookup while off" -- $P lookup 10001 120
stderr_is_one_line "lookup while off" "portal access to this account is off; please call the shop at +14165550199"
run 0 "on" -- $P --json access on 1
expect_equal "on" "$(json_value 'd["portal_enabled"]')" "True"
run 1 "on for no client" -- $P access on 9

run 0 "sections" -- $P access sections 1
stdout_has "sections" "invoices, estimates, payments, inspections, appointments, tracking, chat"
run 0 "hide" -- $P access sections 1 --hide "chat, tracking"
stdout_has "hide" "client #1 sees: invoices, estimates, payments, inspections, appointments"
run 0 "show" -- $P --json access sections 1 --show chat
expect_equal "show" "$(json_value '",".join(d["sections"])')" "invoices,estimates,payments,inspections,appointments,chat"
run 2 "unknown section" -- $P access sections 1 --hide billing
run 0 "hide all" -- $P access sections 1 --hide all
stdout_has "hide all" "none"
run 0 "show all" -- $P access sections 1 --show all

# --- lookups -----------------------------------------------------------------
run 0 "lookup" -- $P lookup "Invoice #10001" "120 King St W" --from 203.0.113.7
stdout_has "lookup" "match: Ann Lee (client #1)"
stdout_has "lookup scope" "whole account"
stdout_has "lookup ends" "2026-11-22 10:30 EST"
run 0 "lookup --json" -- $P --json lookup 10001 120 --from 203.0.113.7
stdout_is_json "lookup --json"
expect_equal "lookup client" "$(json_value 'd["client_id"]')" "1"
if grep -q '"token"\|"csrf"' "$OUT"; then bad "lookup prints a token"; else ok; fi

run 1 "miss" -- $P lookup 10001 121 --from 203.0.113.8
stderr_is_one_line "miss" "nothing matches that number and house number; check both on your paperwork"
cp "$ERR" miss_known
run 1 "miss on no invoice" -- $P lookup 99999 120 --from 203.0.113.8
if cmp -s "$ERR" miss_known; then ok; else bad "misses answer differently"; fi
# 10 misses from one address lock it: the next attempt and the right pair
# are refused.
for i in 3 4 5 6 7 8 9 10; do
	run 1 "miss $i" -- $P lookup 2000$i 120 --from 203.0.113.8
done
run 4 "address locked" -- $P lookup 20011 120 --from 203.0.113.8
stderr_is_one_line "address locked" "too many failed lookups; try again after 10:15 am"
run 4 "right pair from a locked address" -- $P lookup 10001 120 --from 203.0.113.8
run 0 "another address" -- $P lookup 10001 120 --from 203.0.113.9
PORTAL_NOW=2026-11-22T15:15:00Z run 0 "after the lock" -- $P lookup 10001 120 --from 203.0.113.8

run 0 "audit" -- shop_sql shop.db "SELECT event || ' ' || outcome FROM audit_log"
stdout_has "audit: link.create" "link.create ok"
stdout_has "audit: lookup miss" "lookup miss"
stdout_has "audit: lookup refused" "lookup refused"
stdout_has "audit: access.off" "access.off ok"
stdout_has "audit: link.revoke" "link.revoke ok"

finish
