#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of the refusals the shop's `portal` meets under the same rules
# as the customer's forms (tests/cgi/test_refusals.py): each exits with its
# code, prints exactly one `portal:` line, and changes nothing.
#
#   sh tests/cli/test_refusals.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "demo" -- $P demo

# Estimates: an expired one, a line decided already, a name too short.
run 0 "an estimate" -- $P --json estimate add 9 --job 9
OLD=$(json_value 'd["number"]')
run 0 "its line" -- $P estimate line "$OLD" labour Thermostat --price 80
run 0 "sent weeks ago" -- $P --json estimate send "$OLD" --at 2026-11-01
# The refusal says the last valid day in words, as "Sun 8 Nov" (this year).
DAY=$(LC_ALL=C date -u -d "$(json_value 'd["last_valid_day"]')" '+%a %-d %b')
refused 3 "approve an expired estimate" \
	"estimate $OLD expired at the end of $DAY (shop time); ask the shop for a new estimate" \
	-- $P estimate approve "$OLD" --name "Ayşe Yılmaz"
run 0 "approve line 1" -- $P estimate approve E1009 --name "Ayşe Yılmaz" --line 1
refused 3 "approve line 1 again" "line 1 of estimate E1009 is approved already" \
	-- $P estimate approve E1009 --name "Ayşe Yılmaz" --line 1
refused 2 "a name too short" "estimate.name: must be 2 to 100 characters (got 1)" \
	-- $P estimate decline E1009 --name A

# Visits: cancelled twice, too long a window.
run 0 "cancel visit 2" -- $P appointment cancel 2
refused 3 "cancel visit 2 again" "appointment #2 is cancelled and cannot change" \
	-- $P appointment cancel 2

# The chat: empty, too long.
refused 2 "an empty reply" "chat.text: the message is empty" -- $P chat reply 9 "   "
LONG=$(python3 -c 'print("x" * 2001)')
refused 2 "a reply too long" "chat.text: a message is at most 2000 characters; this one has 2001" \
	-- $P chat reply 9 "$LONG"

# A client's details, as the profile form asks for them.
refused 2 "an email that is not one" "client.email: 'bob@' is not an email address" \
	-- $P client set 9 --email bob@
refused 2 "a phone that is not one" \
	"client.phone: '12' is not a phone number (10 digits, or + and the country code)" \
	-- $P client set 9 --phone 12

# A new estimate asked from the portal, as the portal stores it: the shop
# sees it, answers it once, without a window.
shop_sql shop.db "INSERT INTO requests (client_id, kind, content, job_id, created_at)
	VALUES (9, 'estimate', '{\"estimate\":\"$OLD\",\"estimate_id\":99}', 9, 1795359000)"
run 0 "requests list" -- $P requests list
stdout_has "the request for a new estimate" "a new estimate in place of expired $OLD"
ID=$(shop_sql shop.db "SELECT max(id) FROM requests")
refused 2 "a window for a new estimate" "window: a request for a new estimate has no window" \
	-- $P requests approve "$ID" --window 1
run 0 "approve it" -- $P requests approve "$ID"
stdout_has "the answer" "Approved: the shop will send you a new estimate in place of $OLD."
refused 3 "approve it again" "request #$ID is approved already" -- $P requests approve "$ID"

finish
