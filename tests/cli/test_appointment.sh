#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of appointments and the warranty check: the real `portal`
# binary, the flows a shop runs, and the exit codes of refusals. The clock
# is fixed at Sunday 2026-11-22 10:00 in Toronto (lib.sh).
#
#   sh tests/cli/test_appointment.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "init" -- $P init
run 0 "timezone" -- $P shop set timezone America/Toronto
run 0 "client" -- $P client add "Ann Lee"
run 0 "client 2" -- $P client add "Zoë Laurent"
run 0 "address" -- $P address add 1 --house 120 --street "King St W" --city Toronto
run 0 "tech" -- $P tech add "Sam Okafor" --phone 416-555-0177
run 0 "tech 2" -- $P tech add "Lee Chen"
run 0 "tech 2 leaves" -- $P tech deactivate 2
run 0 "job" -- $P job add 1 --problem "Dryer does not heat"

for cmd in "appointment" "warranty"; do
	run 0 "$cmd --help" -- $P $cmd --help
	stdout_has "$cmd --help" "usage: portal $cmd"
done

# --- booking -------------------------------------------------------------
run 0 "add" -- $P appointment add 1 --start "2026-11-23 08:00" --end "2026-11-23 12:00" --job 1
stdout_has "add" "appointment #1, door code "
run 0 "add --json" -- $P --json appointment add 2 --start "2026-11-23 13:00" --end "2026-11-23 17:00" --notes "Side door"
stdout_is_json "add --json"
expect_equal "add: scheduled" "$(json_value 'd["status"]')" "scheduled"
expect_equal "add: a 4-digit door code" "$(json_value 'len(d["door_code"]) == 4 and d["door_code"].isdigit()')" "True"
expect_equal "add: no address for Zoë" "$(json_value 'd["address"]')" "None"
dump shop.db >snap
run 2 "window of 13 hours" -- $P appointment add 1 --start "2026-11-23 08:00" --end "2026-11-23 21:00"
stderr_is_one_line "window of 13 hours" "appointment.window_end"
run 2 "window ending before it starts" -- $P appointment add 1 --start "2026-11-23 08:00" --end "2026-11-23 07:00"
run 2 "add without --end" -- $P appointment add 1 --start "2026-11-23 08:00"
run 2 "a technician who left" -- $P appointment add 1 --start "2026-11-23 08:00" --end "2026-11-23 09:00" --tech 2
stderr_is_one_line "a technician who left" "appointment.technician"
run 1 "no such client" -- $P appointment add 9 --start "2026-11-23 08:00" --end "2026-11-23 09:00"
run 2 "not a time" -- $P appointment add 1 --start "tomorrow" --end "2026-11-23 09:00"
unchanged_since "refused bookings" shop.db snap

# --- assigning, moving -------------------------------------------------------
run 0 "assign" -- $P appointment assign 1 1
stdout_has "assign" "Sam Okafor"
run 2 "assign a technician who left" -- $P appointment assign 1 2
run 1 "assign no such appointment" -- $P appointment assign 9 1
run 0 "status confirmed" -- $P appointment status 1 confirmed
stdout_has "status confirmed" "Confirmed"
run 3 "status backwards" -- $P appointment status 1 scheduled
stderr_is_one_line "status backwards" "appointment #1 is confirmed"
run 2 "status cancelled points to cancel" -- $P appointment status 1 cancelled
stderr_is_one_line "status cancelled" ".*portal appointment cancel 1"
run 2 "unknown status" -- $P appointment status 1 teleported
run 2 "status in the future" -- $P appointment status 1 en-route --at "2026-11-22 11:00"
stderr_is_one_line "status in the future" "appointment.at"

# --- cancelling: the 12-hour notice ---------------------------------------------
# The window starts 2026-11-23 08:00: free until 20:00 the evening before.
dump shop.db >snap
run 0 "cancel --dry-run, in time" -- $P appointment cancel 1 --dry-run
stdout_has "cancel --dry-run, in time" "is free (until 2026-11-22 20:00 EST)"
unchanged_since "dry run in time" shop.db snap
PORTAL_NOW="2026-11-22 20:00:01" run 0 "cancel --dry-run, 1 s late" -- $P appointment cancel 1 --dry-run
stdout_has "cancel --dry-run, late" "late-cancellation fee of 60.00"
unchanged_since "dry run late" shop.db snap
PORTAL_NOW="2026-11-22 21:00" run 0 "cancel --dry-run --json" -- $P --json appointment cancel 1 --dry-run
expect_equal "dry run: late" "$(json_value 'd["cancellation"]["late"]')" "True"
expect_equal "dry run: fee" "$(json_value 'd["cancellation"]["fee"]')" "6000"
expect_equal "dry run: still confirmed" "$(json_value 'd["status"]')" "confirmed"
unchanged_since "dry run --json" shop.db snap
PORTAL_NOW="2026-11-22 21:00" run 0 "cancel late" -- $P appointment cancel 1
stdout_has "cancel late" "cancelled"
stdout_has "cancel late: the fee" "Late-cancellation fee 60.00 charged on invoice 10001"
run 0 "the fee's invoice" -- $P --json invoice show 10001
expect_equal "fee invoice line" "$(json_value 'd["lines"][0]["description"]')" \
	"Late cancellation fee: visit of Mon 23 Nov 2026, 8:00 am–12:00 pm"
expect_equal "fee invoice amount" "$(json_value 'd["lines"][0]["amount"]')" "6000"
dump shop.db >snap
run 3 "cancel again" -- $P appointment cancel 1
stderr_is_one_line "cancel again" "appointment #1 is cancelled"
run 3 "dry run of a cancelled visit" -- $P appointment cancel 1 --dry-run
run 3 "no-show after cancelling" -- $P appointment no-show 1
run 3 "assign a cancelled visit" -- $P appointment assign 1 1
unchanged_since "refusals of a cancelled visit" shop.db snap
run 0 "show a cancelled visit" -- $P appointment show 1
stdout_has "show: status" "Cancelled"
stdout_has "show: fee invoice" "invoice 10001"
run 1 "cancel no such appointment" -- $P appointment cancel 9

run 0 "add long before" -- $P appointment add 1 --start "2026-12-01 08:00" --end "2026-12-01 10:00"
run 0 "cancel in time" -- $P appointment cancel 3
stdout_has "cancel in time" "No fee"

# --- no-show -------------------------------------------------------------------
dump shop.db >snap
run 3 "no-show before the window" -- $P appointment no-show 2
stderr_is_one_line "no-show before the window" ".*window has started"
unchanged_since "no-show before the window" shop.db snap
PORTAL_NOW="2026-11-23 14:30" run 0 "no-show" -- $P appointment no-show 2
stdout_has "no-show: the fee" "No-show fee 60.00 charged on invoice 10002"
PORTAL_NOW="2026-11-23 14:40" run 3 "no-show again" -- $P appointment no-show 2
run 0 "the no-show invoice" -- $P --json invoice show 10002
expect_equal "no-show invoice line" "$(json_value 'd["lines"][0]["description"]')" \
	"Missed appointment fee: visit of Mon 23 Nov 2026, 1:00–5:00 pm"

# --- listing ---------------------------------------------------------------------
run 0 "add for the 24th" -- $P appointment add 1 --start "2026-11-24 08:00" --end "2026-11-24 12:00" --tech 1
run 0 "add for today" -- $P appointment add 1 --start "2026-11-22 13:00" --end "2026-11-22 17:00"
run 0 "list" -- $P appointment list
stdout_has "list" "Ann Lee"
run 0 "list --day" -- $P --json appointment list --day 2026-11-23
expect_equal "list --day: the 23rd" "$(json_value '[a["id"] for a in d]')" "[1, 2]"
run 0 "list --day today" -- $P --json appointment list --day today
expect_equal "list --day today" "$(json_value '[a["id"] for a in d]')" "[5]"
run 0 "list --tech" -- $P --json appointment list --tech 1
expect_equal "list --tech" "$(json_value '[a["id"] for a in d]')" "[1, 4]"
run 0 "list --client" -- $P --json appointment list --client 2
expect_equal "list --client" "$(json_value '[a["id"] for a in d]')" "[2]"
run 0 "list --from --to" -- $P --json appointment list --from "2026-11-23 12:00" --to "2026-11-24 08:00"
expect_equal "list --from --to" "$(json_value '[a["id"] for a in d]')" "[2]"
run 2 "list --day not a date" -- $P appointment list --day 2026-02-30
stderr_is_one_line "list --day not a date" "appointment.day"
run 2 "list --day with --from" -- $P appointment list --day today --from "2026-11-22"

# --- show --json -------------------------------------------------------------------
run 0 "show --json" -- $P --json appointment show 4
stdout_is_json "show --json"
expect_equal "show: technician" "$(json_value 'd["technician_name"]')" "Sam Okafor"
expect_equal "show: window" "$(json_value 'd["window_start"]')" "2026-11-24T08:00:00-05:00"
expect_equal "show: cancellation" "$(json_value 'd["cancellation"]["free_until"]')" "2026-11-23T20:00:00-05:00"
if grep -q 4165550177 "$OUT"; then bad "show --json has the technician's phone"; else ok; fi
run 1 "show no such appointment" -- $P appointment show 9

# --- the visit's progress ---------------------------------------------------------------
run 0 "en route" -- $P appointment status 5 en_route
run 0 "arrived (skipping nothing)" -- $P appointment status 5 arrived
run 3 "cancel once arrived" -- $P appointment cancel 5
run 0 "completed" -- $P appointment status 5 completed
run 3 "a completed visit does not change" -- $P appointment status 5 completed

# --- warranty ------------------------------------------------------------------------
run 0 "repaired" -- $P job status 1 repaired
run 0 "warranty check" -- $P warranty check 1
stdout_has "warranty check" "Labour is covered until Sat 20 Feb 2027 and parts until Tue 22 Dec."
run 0 "warranty check on day 90" -- $P warranty check 1 --on "2027-02-20 23:59"
stdout_has "day 90" "Labour is covered until Sat 20 Feb 2027; parts ended on Tue 22 Dec."
run 0 "warranty check on day 91 (exit 0: an answer)" -- $P warranty check 1 --on "2027-02-21"
stdout_has "day 91" "The warranty has ended"
run 0 "warranty with an excluded cause" -- $P warranty check 1 --cause pests
stdout_has "pests" "excludes problems caused by pests"
run 0 "warranty --json with a cause" -- $P --json warranty check 1 --cause external-damage
expect_equal "json: cause" "$(json_value 'd["claim"]["cause"]')" "external_damage"
expect_equal "json: reason" "$(json_value 'd["labour_reason"]')" "excluded_cause"
expect_equal "json: labour_until" "$(json_value 'd["labour_until"]')" "2027-02-20"
run 0 "warranty for another problem" -- $P warranty check 1 --other-problem
stdout_has "other problem" "only the problem that was repaired"
run 0 "warranty for a new owner" -- $P warranty check 1 --owner-changed
stdout_has "owner changed" "not transferable"
run 2 "unknown cause" -- $P warranty check 1 --cause aliens
run 2 "a claim before the repair" -- $P warranty check 1 --on "2026-11-22 09:59"
stderr_is_one_line "claim before the repair" "warranty.at"
run 0 "job 2 not repaired" -- $P job add 2 --problem "Oven"
run 0 "warranty of a job not repaired" -- $P warranty check 2
stdout_has "not repaired" "not completed"
run 1 "warranty of no such job" -- $P warranty check 9

finish
