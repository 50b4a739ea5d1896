#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of inspections and service reminders: the real `portal`
# binary, the flows a shop runs, and the exit codes of refusals.
#
#   sh tests/cli/test_inspection.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "init" -- $P init
run 0 "timezone" -- $P shop set timezone America/Toronto
run 0 "Alice" -- $P client add "Alice Martin"
run 0 "Bob" -- $P client add "Bob Stone"
run 0 "fridge" -- $P asset add 1 --kind appliance --category Refrigerator --make Whirlpool --model WRF555SDFZ
run 0 "dryer" -- $P asset add 1 --kind appliance --category Dryer --make Maytag
run 0 "truck" -- $P asset add 2 --kind vehicle --category "Pickup truck" --make Ford --model F-150
run 0 "job" -- $P job add 1 --asset 1 --problem "Fridge is warm" --at "2026-11-21 09:00"
run 0 "tech" -- $P tech add "Sam Okafor" --phone 416-555-0142

# --- help ------------------------------------------------------------------
for cmd in "inspection" "inspection add" "inspection item" "inspection estimate" \
	"inspection show" "inspection list" "reminder" "reminder add" "reminder done" \
	"reminder show" "reminder list" "reminders"; do
	run 0 "$cmd --help" -- $P $cmd --help
	stdout_has "$cmd --help" "usage: portal ${cmd%% *}"
done
run 2 "inspection without a subcommand" -- $P inspection
run 2 "unknown subcommand" -- $P inspection frob

# --- an inspection on a job ----------------------------------------------------
run 0 "inspection add" -- $P inspection add --job 1 --tech 1 --summary "Runs warm" --at "2026-11-22 09:15"
stdout_has "inspection add" "inspection #1"
run 0 "item good" -- $P inspection item 1 "Door seal" --condition good
stdout_has "item good" "item #1"
run 0 "item needs attention" -- $P inspection item 1 "Condenser coils" --condition needs-attention --note "Thick dust" --recommend "Clean the condenser coils" --price 89.50
run 0 "item urgent" -- $P inspection item 1 "Start relay" --condition Urgent --recommend "Replace the start relay" --price '$145.50'
run 0 "inspection show" -- $P inspection show 1
stdout_has "show: worst condition" "Inspection #1  Urgent"
stdout_has "show: client" "Alice Martin"
stdout_has "show: asset of the job" "Whirlpool WRF555SDFZ"
stdout_has "show: technician" "Sam Okafor"
stdout_has "show: time" "2026-11-22 09:15 EST"
stdout_has "show: price" "145.50"
run 0 "--json inspection show" -- $P --json inspection show 1
stdout_is_json "--json inspection show"
expect_equal "client from the job" "$(json_value 'd["client_id"]')" "1"
expect_equal "asset from the job" "$(json_value 'd["asset_label"]')" "Whirlpool WRF555SDFZ"
expect_equal "worst" "$(json_value 'd["worst"]')" "urgent"
expect_equal "conditions" "$(json_value '",".join(i["condition"] for i in d["items"])')" "good,needs_attention,urgent"
expect_equal "price in cents" "$(json_value 'd["items"][2]["recommended_price"]')" "14550"
expect_equal "technician named" "$(json_value 'd["technician_name"]')" "Sam Okafor"
if grep -q "4165550142" "$OUT"; then bad "the technician's phone is shown"; else ok; fi

# --- refusals change nothing ----------------------------------------------------
dump shop.db >snap
run 2 "neither job nor client" -- $P inspection add --summary "Nobody"
run 2 "Bob on Alice's job" -- $P inspection add --job 1 --client 2
stderr_is_one_line "Bob on Alice's job" "inspection.client"
run 2 "Bob's truck for Alice" -- $P inspection add --client 1 --asset 3
stderr_is_one_line "Bob's truck" "inspection.asset"
run 2 "in the future" -- $P inspection add --client 1 --at "2026-11-22 10:01"
stderr_is_one_line "future" "inspection.inspected_at"
run 1 "missing job" -- $P inspection add --job 9
run 1 "missing technician" -- $P inspection add --client 1 --tech 9
run 2 "a price without a recommendation" -- $P inspection item 1 "Fan" --condition good --price 20
stderr_is_one_line "price without recommendation" "inspection_item.recommended_price"
run 2 "no condition" -- $P inspection item 1 "Fan"
run 2 "unknown condition" -- $P inspection item 1 "Fan" --condition fine
run 2 "not an amount" -- $P inspection item 1 "Fan" --condition good --recommend "Fix" --price 12.345
run 1 "item of a missing inspection" -- $P inspection item 9 "Fan" --condition good
run 1 "missing inspection" -- $P inspection show 9
run 2 "bad id" -- $P inspection show abc
unchanged_since "refused inspections" shop.db snap

# --- recommended repairs onto an estimate -------------------------------------
run 0 "estimate for Alice" -- $P estimate add 1 --job 1
run 0 "estimate for Bob" -- $P estimate add 2
run 0 "item to estimate" -- $P inspection estimate 3 E1001 --kind part
stdout_has "item to estimate" "estimate line #1"
run 0 "second item as labour" -- $P --json inspection estimate 2 e-1001
stdout_is_json "--json inspection estimate"
expect_equal "line price" "$(json_value 'd["lines"][1]["unit_price"]')" "8950"
expect_equal "line description" "$(json_value 'd["lines"][1]["description"]')" "Clean the condenser coils"
expect_equal "line kind" "$(json_value 'd["lines"][0]["kind"]')" "part"
expect_equal "line link" "$(json_value 'd["lines"][1]["inspection_item_id"]')" "2"
run 0 "show links the line" -- $P inspection show 1
stdout_has "show links the line" "(estimate line #1)"
dump shop.db >snap
run 3 "an item goes on an estimate once" -- $P inspection estimate 3 E1001
stderr_is_one_line "once" "item #3 is already"
run 2 "another client's estimate" -- $P inspection estimate 3 E1002
stderr_is_one_line "another client" "inspection_item.estimate"
run 2 "no recommendation" -- $P inspection estimate 1 E1001
run 2 "as a discount" -- $P inspection estimate 2 E1001 --kind discount
run 2 "unknown kind" -- $P inspection estimate 2 E1001 --kind tip
run 1 "missing estimate" -- $P inspection estimate 2 E9999
run 1 "missing item" -- $P inspection estimate 99 E1001
unchanged_since "refused estimate lines" shop.db snap
run 0 "send the estimate" -- $P estimate send E1001
run 0 "a new priced item" -- $P inspection item 1 "Fan" --condition needs-attention --recommend "Replace the fan" --price 60
dump shop.db >snap
run 3 "a sent estimate" -- $P inspection estimate 4 E1001
stderr_is_one_line "sent" "estimate E1001 was sent"
unchanged_since "sent estimate" shop.db snap

# --- lists ---------------------------------------------------------------------
run 0 "inspection without a job" -- $P inspection add --client 2 --asset 3
run 0 "inspection list" -- $P inspection list
stdout_has "inspection list" "No items yet"
stdout_has "inspection list" "Runs warm"
run 0 "--json inspection list for Bob" -- $P --json inspection list --client 2
expect_equal "Bob's inspections" "$(json_value 'len(d)')" "1"
expect_equal "Bob's truck" "$(json_value 'd[0]["asset_label"]')" "Ford F-150"

# --- service reminders ---------------------------------------------------------
run 0 "reminder every 180 days" -- $P reminder add 1 --description "Clean the condenser coils" --every 180
stdout_has "every 180 days" "2027-05-21"
run 0 "reminder on a date" -- $P reminder add 3 --description "Oil change" --on 2026-11-01
stdout_has "overdue" "21 days overdue"
run 0 "reminder with both" -- $P reminder add 2 --description "Clean the dryer vent" --every 365 --on 2026-12-01
stdout_has "both: the date first" "2026-12-01"
run 0 "reminder done" -- $P reminder done 1 --on 2026-10-01
stdout_has "done" "2027-03-30"
run 0 "--json reminder show" -- $P --json reminder show 3
stdout_is_json "--json reminder show"
expect_equal "asset label without a model" "$(json_value 'd["asset_label"]')" "Maytag Dryer"
expect_equal "days left" "$(json_value 'd["days_left"]')" "9"
run 0 "reminders" -- $P --json reminders
expect_equal "due in 30 days, overdue first" "$(json_value '",".join(str(r["id"]) for r in d)')" "2,3"
run 0 "reminders in 200 days" -- $P --json reminders --days 200
expect_equal "soonest first" "$(json_value '",".join(str(r["id"]) for r in d)')" "2,3,1"
run 0 "Bob's reminders" -- $P --json reminders --client 2
expect_equal "Bob's" "$(json_value '",".join(str(r["id"]) for r in d)')" "2"
run 0 "reminders text" -- $P reminders
stdout_has "reminders text" "Ford F-150"
stdout_has "reminders text" "in 9 days"
run 0 "reminder list" -- $P reminder list --client 1
stdout_has "reminder list" "Clean the dryer vent"
stdout_has "reminder list" "Clean the condenser coils"
dump shop.db >snap
run 2 "done in the future" -- $P reminder done 1 --on 2026-11-23
stderr_is_one_line "future" "reminder.last_done_on"
run 2 "done on no date" -- $P reminder done 1 --on 2026-02-29
run 2 "neither interval nor date" -- $P reminder add 1 --description "Someday"
stderr_is_one_line "neither" "reminder.interval_days"
run 2 "not a date" -- $P reminder add 1 --description "Vent" --on 2027-02-29
stderr_is_one_line "not a date" "reminder.due_on"
run 2 "interval too long" -- $P reminder add 1 --description "Vent" --every 3661
run 2 "interval not a number" -- $P reminder add 1 --description "Vent" --every weekly
run 2 "days not a number" -- $P reminders --days soon
run 1 "missing asset" -- $P reminder add 9 --description "Vent" --every 30
run 1 "missing reminder" -- $P reminder done 9
unchanged_since "refused reminders" shop.db snap
# Set dates on a leap day work, and a year after it is February 28.
PORTAL_NOW=2028-02-29T17:00:00Z run 0 "yearly from a leap day" -- $P --json reminder add 1 --description "Yearly" --every 365
expect_equal "a year after a leap day" "$(json_value 'd["next_due"]')" "2029-02-28"

finish
