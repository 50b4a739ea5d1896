#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of the ways in that need no invoice: `portal lookup` with an
# estimate's number and a booking number, their misses and locks, and the
# link every message to a client carries, read through `portal outbox`.
# The clock is fixed at Sunday 2026-11-22 10:00 in Toronto (lib.sh).
#
#   sh tests/cli/test_ways_in.sh path/to/portal
. "$(dirname "$0")/lib.sh"

cat >sendmail <<SCRIPT
#!/bin/sh
cat >>"$WORK/sendmail.out"
SCRIPT
chmod +x sendmail

MISS="nothing matches that number and house number; check both on your paperwork"
P="$PORTAL --db shop.db"
run 0 "init" -- $P init
run 0 "timezone" -- $P shop set timezone America/Toronto
run 0 "email" -- $P shop set email shop@fixit.example
run 0 "portal url" -- $P shop set portal_url https://portal.example.com
run 0 "sendmail" -- $P shop set sendmail_path "$WORK/sendmail"
run 0 "client" -- $P client add "Ann Lee" --email ann@example.com
run 0 "client 2" -- $P client add "Bob Stone" --email bob@example.com
run 0 "address" -- $P address add 1 --house 120 --street "King St W" --city Toronto
run 0 "address 2" -- $P address add 2 --house 48 --street "Roncesvalles Ave" --city Toronto
run 0 "job" -- $P job add 1 --problem "Dryer does not heat"

# --- the booking confirmation carries its number and a link ------------------
run 0 "visit of the job" -- $P appointment add 1 --start "2026-11-23 08:00" \
	--end "2026-11-23 12:00" --job 1
run 0 "visit without a job" -- $P appointment add 2 --start "2026-11-24 08:00" \
	--end "2026-11-24 12:00"
run 0 "outbox" -- $P outbox list
stdout_has "outbox: booked" "appointment_booked"
run 0 "confirmation" -- $P outbox show 1
stdout_has "confirmation: number" "Your booking number is J1: with your house number"
if grep -Eq '^https://portal\.example\.com/k/[A-Za-z0-9_-]{43}/appointments.?$' "$OUT"
then ok; else bad "the confirmation has no link to the job's visits"; fi
run 0 "confirmation 2" -- $P outbox show 2
stdout_has "confirmation 2: number" "Your booking number is V2: with your house number"

# --- lookups by estimate and booking numbers ----------------------------------
run 0 "estimate" -- $P estimate add 1 --job 1
run 0 "estimate line" -- $P estimate line E1001 labour "Replace the element" --price 95
run 0 "draft estimate" -- $P estimate add 1 --job 1
run 0 "send" -- $P estimate send E1001
run 0 "by estimate" -- $P lookup E1001 120 --from 203.0.113.7
stdout_has "by estimate" "match: Ann Lee (client #1)"
stdout_has "by estimate: scope" "whole account"
run 0 "by estimate as typed" -- $P lookup "# e-1001" "120 King St W" --from 203.0.113.7
stdout_has "by estimate as typed" "match: Ann Lee (client #1)"
run 0 "by job" -- $P --json lookup j1 120 --from 203.0.113.7
expect_equal "by job: client" "$(json_value 'd["client_id"]')" "1"
run 0 "by visit" -- $P lookup V2 48 --from 203.0.113.7
stdout_has "by visit" "match: Bob Stone (client #2)"

# Every miss reads the same, byte for byte, whatever kind of number.
run 1 "miss: estimate, other house" -- $P lookup E1001 121 --from 203.0.113.8
stderr_is_one_line "miss: estimate, other house" "$MISS"
cp "$ERR" miss_first
for pair in "E1002 120" "J1 48" "J99 120" "V2 120" "10001 120" "E1001 48"; do
	# shellcheck disable=SC2086
	run 1 "miss: $pair" -- $P lookup $pair --from 203.0.113.8
	if cmp -s "$ERR" miss_first; then ok; else bad "miss $pair reads differently"; fi
done

# Five misses on one estimate number, from anywhere, lock it for an hour:
# two above, three here.
for i in 1 2 3; do
	run 1 "estimate miss $i" -- $P lookup E1001 12$i --from 198.51.100.$i
done
run 4 "estimate number locked" -- $P lookup E1001 120 --from 198.51.100.9
stderr_is_one_line "estimate number locked" \
	"too many failed lookups; try again after 11:00 am"
for i in 1 2 3 4; do
	run 1 "job miss $i" -- $P lookup J1 13$i --from 198.51.100.$i
done
run 4 "job number locked" -- $P lookup J1 120 --from 198.51.100.9
stderr_is_one_line "job number locked" \
	"too many failed lookups; try again after 11:00 am"
run 0 "another number" -- $P lookup V2 48 --from 198.51.100.9
run 0 "audit" -- $P audit
if grep -Eq 'lookup +miss +number E1002$' "$OUT"; then ok; else bad "audit: the miss"; fi
if grep -Eq 'lookup +refused +number J1$' "$OUT"; then ok; else bad "audit: the refusal"; fi

# --- every message's link is forgotten on delivery ----------------------------
run 0 "estimate message" -- $P outbox show 3
stdout_has "estimate message" "Subject: Estimate E1001"
if grep -Eq '^https://portal\.example\.com/k/[A-Za-z0-9_-]{43}/estimate/E1001.?$' "$OUT"
then ok; else bad "the estimate's message has no link to the estimate"; fi
run 0 "deliver" -- $P outbox deliver
stdout_has "deliver" "delivered 3, failed 0"
run 0 "delivered" -- $P outbox show 3
stdout_has "delivered: no token" "https://portal.example.com/k/(sent)/estimate/E1001"
if grep -Eq '/k/[A-Za-z0-9_-]{43}' sendmail.out; then ok; else bad "the mail lost its links"; fi
if dump shop.db outbox | grep -Eq '/k/[A-Za-z0-9_-]{43}'
then bad "a token stayed in the outbox"; else ok; fi

finish
