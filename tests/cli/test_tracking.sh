#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of technician tracking: positions, the arrival they imply,
# the dispatcher's arrival time and the tracking document, through the
# real `portal` binary. The clock is fixed at Sunday 2026-11-22 10:00 in
# Toronto (lib.sh); PORTAL_NOW moves it per command.
#
#   sh tests/cli/test_tracking.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "init" -- $P init
run 0 "timezone" -- $P shop set timezone America/Toronto
run 0 "shop phone" -- $P shop set phone 866-415-3937
run 0 "client" -- $P client add "Ann Lee"
run 0 "client 2" -- $P client add "Bo Ng"
run 0 "address" -- $P address add 1 --house 120 --street "King St W" --city Toronto --lat 43.6487 --lon -79.3854
run 0 "address 2" -- $P address add 2 --house 48 --street "Queen St E" --city Toronto
run 0 "tech" -- $P tech add "Sam Okafor" --phone 416-555-0177
run 0 "tech 2" -- $P tech add "Lee Chen"
run 0 "tech 2 leaves" -- $P tech deactivate 2
run 0 "visit tomorrow" -- $P appointment add 1 --start "2026-11-23 08:00" --end "2026-11-23 12:00" --tech 1
run 0 "visit today" -- $P appointment add 2 --start "2026-11-22 10:00" --end "2026-11-22 14:00" --tech 1

run 0 "tech --help" -- $P tech --help
stdout_has "tech --help" "portal tech ping TECH LAT LON"
run 0 "appointment --help" -- $P appointment --help
stdout_has "appointment --help" "portal appointment track ID"

# --- pings -----------------------------------------------------------------
dump shop.db >snap
run 2 "latitude out of range" -- $P tech ping 1 90.5 -79.38
stderr_is_one_line "latitude out of range" "position.latitude"
run 2 "longitude out of range" -- $P tech ping 1 43.6 -180.5
stderr_is_one_line "longitude out of range" "position.longitude"
run 2 "not a number" -- $P tech ping 1 north -79.38
stderr_is_one_line "not a number" "LAT: 'north' is not a number"
run 2 "nan" -- $P tech ping 1 nan -79.38
run 2 "accuracy too large" -- $P tech ping 1 43.6 -79.38 --accuracy 200000
stderr_is_one_line "accuracy too large" "position.accuracy"
run 2 "negative accuracy" -- $P tech ping 1 43.6 -79.38 --accuracy -5
run 2 "in the future" -- $P tech ping 1 43.6 -79.38 --at "2026-11-22 10:01"
stderr_is_one_line "in the future" "position.at"
run 1 "no such technician" -- $P tech ping 9 43.6 -79.38
run 3 "a technician who left" -- $P tech ping 2 43.6 -79.38
run 2 "missing LON" -- $P tech ping 1 43.6
unchanged_since "refused pings" shop.db snap

run 0 "ping" -- $P tech ping 1 43.70 -79.40 --accuracy 15 --at "2026-11-22 09:50"
stdout_has "ping" "technician #1 at 43.700000, -79.400000 (within 15 m) at 2026-11-22 09:50 EST"
run 0 "ping --json" -- $P --json tech ping 1 43.71 -79.41
stdout_is_json "ping --json"
expect_equal "ping --json: latest" "$(json_value 'd["latitude"]')" "43.71"
expect_equal "ping --json: no accuracy" "$(json_value 'd["accuracy_m"]')" "None"
dump shop.db >snap
run 0 "an older ping" -- $P tech ping 1 10 10 --at "2026-11-22 09:55"
stdout_has "an older ping" "ignored: technician #1 has a later position"
unchanged_since "an older ping is ignored" shop.db snap
expect_equal "one row per technician" "$(dump shop.db technician_positions | wc -l | tr -d ' ')" "1"

# --- the document by day and state ----------------------------------------------
run 0 "track before the day" -- $P --json appointment track 1
expect_equal "not yet" "$(json_value 'd["state"]')" "not_yet"
expect_equal "opens at midnight" "$(json_value 'd["tracking_opens_at_text"]')" "2026-11-23T00:00:00-05:00"
expect_equal "no position before the day" "$(json_value '"position" in d')" "False"
run 0 "track before the day, text" -- $P appointment track 1
stdout_has "track text" "Tracking opens on the day of your visit."
export PORTAL_NOW="2026-11-23 07:00"
run 0 "track on the day" -- $P --json appointment track 1
expect_equal "scheduled" "$(json_value 'd["state"]')" "scheduled"
expect_equal "first name only" "$(json_value 'd["technician"]["first_name"]')" "Sam"
run 0 "en route" -- $P appointment status 1 en-route
export PORTAL_NOW="2026-11-23 07:10"
run 0 "ping 10 km away" -- $P tech ping 1 43.738632 -79.3854 --accuracy 12
export PORTAL_NOW="2026-11-23 07:15"
run 0 "track en route" -- $P --json appointment track 1
expect_equal "en route" "$(json_value 'd["state"]')" "en_route"
expect_equal "5 minutes ago" "$(json_value 'd["updated_minutes_ago"]')" "5"
expect_equal "straight" "$(json_value 'd["distance_m"]')" "10000"
expect_equal "by road" "$(json_value 'd["road_distance_m"]')" "13000"
expect_equal "eta from distance" "$(json_value 'd["eta_text"]')" "2026-11-23T07:34:30-05:00"
expect_equal "not stale" "$(json_value 'd["stale"]')" "False"
expect_equal "the shop's phone" "$(json_value 'd["contact"]["phone"]')" "+18664153937"
if grep -q "4165550177" "$OUT"; then bad "the technician's phone is shown"; else ok; fi
run 0 "track en route, text" -- $P appointment track 1
stdout_has "text: distance" "10.0 km (about 13.0 km by road)"
PORTAL_NOW="2026-11-23 07:20:01" run 0 "stale" -- $P --json appointment track 1
expect_equal "stale after 10 minutes" "$(json_value 'd["stale"]')" "True"

# --- the dispatcher's arrival time -------------------------------------------------
dump shop.db >snap
run 2 "eta in the past" -- $P appointment eta 1 "2026-11-23 07:00"
stderr_is_one_line "eta in the past" "appointment.eta"
run 2 "eta and --clear" -- $P appointment eta 1 "2026-11-23 08:00" --clear
run 2 "eta without a time" -- $P appointment eta 1
run 1 "eta of no visit" -- $P appointment eta 9 "2026-11-23 08:00"
unchanged_since "refused ETAs" shop.db snap
run 0 "eta" -- $P appointment eta 1 "2026-11-23 07:50"
stdout_has "eta" "expected at 2026-11-23 07:50 EST"
run 0 "track with the dispatcher's eta" -- $P --json appointment track 1
expect_equal "dispatcher's eta" "$(json_value 'd["eta_text"] + " " + d["eta_source"]')" \
	"2026-11-23T07:50:00-05:00 dispatcher"
run 0 "eta --clear --json" -- $P --json appointment eta 1 --clear
expect_equal "cleared" "$(json_value 'd["eta_source"]')" "distance"

# --- arrival within 125 m ------------------------------------------------------------
export PORTAL_NOW="2026-11-23 07:30"
run 0 "ping 150 m away" -- $P tech ping 1 43.6500490 -79.3854
run 0 "still en route" -- $P --json appointment show 1
expect_equal "150 m: still en route" "$(json_value 'd["status"]')" "en_route"
export PORTAL_NOW="2026-11-23 07:31"
run 0 "ping 100 m away" -- $P tech ping 1 43.6495993 -79.3854
run 0 "arrived" -- $P --json appointment show 1
expect_equal "100 m: arrived" "$(json_value 'd["status"]')" "arrived"
run 0 "track after arrival" -- $P --json appointment track 1
expect_equal "arrived state" "$(json_value 'd["state"]')" "arrived"
if grep -q "latitude" "$OUT"; then bad "a position is shown after arrival"; else ok; fi
run 3 "eta after arrival" -- $P appointment eta 1 "2026-11-23 08:00"
unset PORTAL_NOW
export PORTAL_NOW=2026-11-22T15:00:00Z

run 1 "track no such visit" -- $P appointment track 9
stderr_is_one_line "track no such visit" "no appointment #9"

finish
