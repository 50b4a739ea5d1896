#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of estimates and invoices: the real `portal` binary, the main
# flows a shop runs, and the exit codes of refusals.
#
#   sh tests/cli/test_billing.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "init" -- $P init
run 0 "timezone" -- $P shop set timezone America/Toronto
run 0 "client" -- $P client add "Ann Lee"
run 0 "address" -- $P address add 1 --house 120 --street "King St W" --city Toronto
run 0 "job" -- $P job add 1 --problem "Fridge is warm"

# --- the diagnosis visit: the service call fee at the shop's price ---------
run 0 "invoice add" -- $P invoice add 1 --job 1
stdout_has "invoice add" "Invoice 10001"
run 0 "fee line" -- $P invoice line 10001 service-call-fee
stdout_has "fee at the shop's price" "120.00"
run 0 "issue" -- $P invoice issue "#10001"
stdout_has "issued invoice is due" "Due"
stdout_has "fee plus 13% tax" "135.60"
run 3 "a line on an issued invoice" -- $P invoice line 10001 part "Fan" --price 10
stderr_is_one_line "issued invoice refuses lines" "invoice 10001 was issued"
for typed in "10001" "#10001" " 10001 " "inv-10001" "INV 10001" "Invoice #10001"; do
	run 0 "find invoice as '$typed'" -- $P invoice show "$typed"
done
run 1 "unknown invoice" -- $P invoice show 99999

# --- an estimate, decided line by line ----------------------------------------
run 0 "estimate add" -- $P estimate add 1 --job 1
stdout_has "estimate add" "Estimate E1001"
run 0 "labour line" -- $P estimate line E1001 labour "Replace evaporator fan" --price 95 --qty 1.5
run 0 "part line" -- $P estimate line E1001 part "Evaporator fan motor" --price 89.99
run 0 "coil cleaning" -- $P estimate line E1001 labour "Clean condenser coil" --price 40
run 2 "negative price" -- $P estimate line E1001 part "Refund" --price -5
run 2 "price missing" -- $P estimate line E1001 part "Fan"
run 2 "unknown kind" -- $P estimate line E1001 tip "Thanks" --price 5
run 0 "send" -- $P --json estimate send e-1001
expect_equal "sent" "$(json_value 'd["status"]')" "sent"
expect_equal "last valid day" "$(json_value 'd["last_valid_day"]')" "2026-11-29"
expect_equal "tax once on the document" "$(json_value 'd["totals"]["tax"]')" "3542"
run 3 "no lines after sending" -- $P estimate line E1001 part "More" --price 1
run 2 "approve needs a name" -- $P estimate approve E1001
run 0 "approve line 1" -- $P estimate approve E1001 --line 1 --name "Ann Lee"
run 0 "approve line 2" -- $P estimate approve E1001 --line 2 --name "Ann Lee"
run 3 "line 1 again" -- $P estimate approve E1001 --line 1 --name "Ann Lee"
run 1 "no line 9" -- $P estimate approve E1001 --line 9 --name "Ann Lee"
run 0 "show as typed" -- $P estimate show "#1001"
stdout_has "show: who approved" "[approved by Ann Lee]"
stdout_has "show: the line still pending" "[pending]"
stdout_has "show: expired from the local midnight after day 7" "Expires    2026-11-30 00:00 EST"
run 0 "list --json" -- $P --json estimate list --client 1
expect_equal "list: partly decided" "$(json_value '[(e["number"], e["status"]) for e in d]')" \
	"[('E1001', 'partly_decided')]"
run 1 "show an unknown estimate" -- $P estimate show E1999
stderr_is_one_line "show an unknown estimate" "no estimate E1999"
run 0 "decline the rest" -- $P --json estimate decline E1001 --name "Ann Lee"
expect_equal "partly approved" "$(json_value 'd["status"]')" "partly_approved"

# The approved lines are on a new draft invoice, with the fee credited.
run 0 "draft invoice" -- $P --json invoice show 10002
expect_equal "approved lines and the credit" \
	"$(json_value '[l["description"] for l in d["lines"]]')" \
	"['Replace evaporator fan', 'Evaporator fan motor', 'Service call fee credited']"
expect_equal "credit amount" "$(json_value 'd["lines"][2]["amount"]')" "-12000"
# 142.50 + 89.99 - 120.00 = 112.49, tax 14.62 (14.6237 rounded once).
expect_equal "repair total after credit" "$(json_value 'd["totals"]["total"]')" "12711"
run 0 "issue repair invoice" -- $P invoice issue 10002 --due 2026-12-07
run 0 "job invoiced" -- $P --json job show 1
expect_equal "job status" "$(json_value 'd["status"]')" "invoiced"

# --- an expired estimate exits 3 with a message that says when ------------------
run 0 "old estimate" -- $P estimate add 1
run 0 "old line" -- $P estimate line E1002 labour "Door seal" --price 60
run 0 "sent long ago" -- $P estimate send E1002 --at "2026-11-01 09:00"
run 3 "expired estimate" -- $P estimate approve E1002 --name "Ann Lee"
stderr_is_one_line "expired message" "estimate E1002 expired at the end of Sun 8 Nov"
if grep -q "ask the shop" "$ERR"; then ok; else bad "expired message: says to ask the shop"; fi

# --- statuses, void, lists ------------------------------------------------------------
run 0 "list overdue" -- $P --json invoice list --status overdue
expect_equal "nothing overdue yet" "$(json_value 'len(d)')" "0"
PORTAL_NOW=2026-11-23T15:00:00Z run 0 "next day" -- $P --json invoice list --status overdue
expect_equal "the fee invoice is overdue the next day" "$(json_value '[i["number"] for i in d]')" "['10001']"
run 2 "void needs a reason" -- $P invoice void 10002
run 0 "void" -- $P invoice void 10002 --reason "Entered twice"
stdout_has "void" "Void"
run 3 "void twice" -- $P invoice void 10002 --reason "Again"
run 2 "bad status" -- $P invoice list --status lost
run 0 "monthly" -- $P invoice monthly
expect_equal "one month, the void left out" "$(json_value '[(m["month"], m["invoiced"]) for m in d]')" "[('2026-11', 13560)]"
run 0 "given number" -- $P invoice add 1 --number "A-77"
run 3 "taken number" -- $P invoice add 1 --number "a77"
for cmd in "estimate" "invoice"; do
	run 0 "$cmd --help" -- $PORTAL $cmd --help
	stdout_has "$cmd --help" "usage: portal $cmd"
done

finish
