#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of the outbox, inbound SMS and calendar files: the real
# `portal` binary delivering through a test sendmail and a test SMS
# gateway (shell scripts in the temporary directory that append what they
# receive to files; nothing leaves the machine). The clock is fixed at
# Sunday 2026-11-22 10:00 in Toronto (lib.sh).
#
#   sh tests/cli/test_outbox.sh path/to/portal
. "$(dirname "$0")/lib.sh"

cat >sendmail <<SCRIPT
#!/bin/sh
printf '%s\n' "\$*" >>"$WORK/sendmail.args"
cat >>"$WORK/sendmail.out"
SCRIPT
cat >gateway <<SCRIPT
#!/bin/sh
if [ -e "$WORK/gateway.fail" ]; then printf 'gateway down \033[31m\377\n' >&2; exit 1; fi
printf '%s ' "\$@" >>"$WORK/sms.out"
cat >>"$WORK/sms.out"
echo >>"$WORK/sms.out"
SCRIPT
chmod +x sendmail gateway

P="$PORTAL --db shop.db"
run 0 "init" -- $P init
run 0 "timezone" -- $P shop set timezone America/Toronto
run 0 "name" -- $P shop set name "Réparations Zoë"
run 0 "phone" -- $P shop set phone 866-415-3937
run 0 "sendmail" -- $P shop set sendmail_path "$WORK/sendmail"
run 2 "quiet hours refused" -- $P shop set quiet_hours_start 25:00
stderr_is_one_line "quiet hours refused" "shop.quiet_hours_start"
run 0 "client by email" -- $P client add "Ann Lee" --email ann@example.com
run 0 "client by sms" -- $P client add "Bob Stone" --phone 416-555-0122 --sms yes
run 0 "address" -- $P address add 1 --house 120 --street "King St W" --city Toronto
run 0 "address 2" -- $P address add 2 --house 48 --street "Roncesvalles Ave" --city Toronto
run 0 "visit" -- $P appointment add 1 --start "2026-11-23 08:00" --end "2026-11-23 12:00"
run 0 "visit 2" -- $P appointment add 2 --start "2026-11-23 13:00" --end "2026-11-23 17:00"
# The shop can reach its clients from here on: booking the visits above
# sent no confirmation (those are tested in test_ways_in.sh).
run 0 "email" -- $P shop set email shop@fixit.example
run 0 "gateway" -- $P shop set sms_gateway_command "$WORK/gateway --from shop"

for cmd in "outbox" "sms"; do
	run 0 "$cmd --help" -- $P $cmd --help
	stdout_has "$cmd --help" "usage: portal $cmd"
done

# --- reminders, once --------------------------------------------------------
run 0 "remind" -- $P outbox remind
stdout_has "remind" "queued 2 reminders"
run 0 "remind again" -- $P outbox remind
stdout_has "remind again" "queued 0 reminders"
run 0 "list" -- $P outbox list
stdout_has "list: email" "appointment_reminder ann@example.com"
stdout_has "list: sms" "+14165550122"
run 0 "list --json" -- $P --json outbox list --pending
stdout_is_json "list --json"
expect_equal "two pending" "$(json_value 'len(d)')" "2"
run 2 "list two filters" -- $P outbox list --pending --failed
run 0 "show" -- $P outbox show 1
# The window's dash is not ASCII: the subject is an encoded word, which
# begins with "Reminder: your visit tomorrow,".
stdout_has "show: subject" "Subject: =?UTF-8?B?UmVtaW5kZXI6IHlvdXIgdmlzaXQgdG9tb3Jyb3cs"
stdout_has "show: date" "Date: Sun, 22 Nov 2026 10:00:00 -0500"
run 1 "show no such message" -- $P outbox show 99
stderr_is_one_line "show no such message" "no message #99"

# --- delivery -----------------------------------------------------------------
touch gateway.fail
run 0 "deliver, gateway down" -- $P outbox deliver
stdout_has "deliver, gateway down" "delivered 1, failed 1, held 0, skipped 0"
# What the gateway said is kept as one line of valid text: its escape
# sequence and its stray byte cannot reach the shop's terminal.
run 0 "the gateway's answer" -- $P --json outbox show 2
expect_equal "the gateway's answer" "$(json_value 'd["last_error"].split(" exited ")[1]')" \
	"with status 1: gateway down ?[31m?"
expect_equal "sendmail -t -i" "$(cat sendmail.args)" "-t -i"
if python3 - "$WORK/sendmail.out" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
assert data.count(b'\n') == data.count(b'\r\n'), 'bare LF'
head = data.split(b'\r\n\r\n', 1)[0].decode('ascii')
assert 'From: =?UTF-8?B?' in head and 'MIME-Version: 1.0' in head, head
assert 'Content-Type: text/plain; charset=UTF-8' in head, head
assert all(len(l) <= 998 for l in data.split(b'\r\n'))
PY
then ok; else bad "the email is not a CRLF RFC 5322 message"; fi
run 0 "deliver, not due yet" -- $P outbox deliver
stdout_has "not due yet" "delivered 0, failed 0"
rm gateway.fail
run 0 "deliver later" -- env PORTAL_NOW=2026-11-22T15:06:00Z $P outbox deliver
stdout_has "deliver later" "delivered 1, failed 0"
expect_equal "sms sent once" "$(grep -c 'reminder of your visit' sms.out)" "1"
expect_equal "to the number" "$(cut -c1-22 sms.out)" "--from shop +141655501"
run 0 "deliver again" -- env PORTAL_NOW=2026-11-22T18:00:00Z $P outbox deliver
stdout_has "deliver again" "delivered 0, failed 0, held 0, skipped 0"
run 0 "show attempts" -- $P --json outbox show 2
expect_equal "delivered after one failure" "$(json_value 'd["status"], d["attempts"]')" "('delivered', 1)"

# --- inbound SMS ------------------------------------------------------------------
run 0 "STOP" -- $P sms inbound --from "+1 416 555 0122" --body " stop "
stdout_has "STOP" "opted_out (client #2)"
stdout_has "STOP reply" "no more texts"
run 0 "client shows consent off" -- $P --json client show 2
expect_equal "consent off" "$(json_value 'd["sms_consent"]')" "False"
run 0 "HELP" -- $P --json sms inbound --from 4165550000 --body HELP
stdout_is_json "HELP"
expect_equal "help from an unknown number" "$(json_value 'd["action"], d["client_id"]')" "('help', None)"
dump shop.db >snap
run 0 "unknown STOP" -- $P sms inbound --from 4165550000 --body STOP
stdout_has "unknown STOP" "ignored"
unchanged_since "unknown STOP" shop.db snap
run 2 "not a number" -- $P sms inbound --from hello --body STOP
stderr_is_one_line "not a number" "sms.from"
run 2 "no body" -- $P sms inbound --from 4165550122
run 0 "START" -- $P sms inbound --from 4165550122 --body Start
stdout_has "START" "opted_in"

# --- calendar -------------------------------------------------------------------------
run 0 "ics" -- $P appointment ics 1
stdout_has "ics" "DTSTART:20261123T130000Z"
run 0 "ics -o" -- $P appointment ics 1 -o visit.ics
if python3 - "$WORK/visit.ics" <<'PY'
import sys
data = open(sys.argv[1], 'rb').read()
lines = data.split(b'\r\n')
assert lines[-1] == b'' and b'\n' not in b''.join(lines), 'CRLF'
assert all(len(l) <= 75 for l in lines), 'folding'
for l in lines: l.decode('utf-8')
assert b'METHOD:PUBLISH' in data and b'UID:appointment-1@fixit.example' in data
PY
then ok; else bad "visit.ics breaks RFC 5545 line rules"; fi
run 1 "ics no such visit" -- $P appointment ics 9
run 2 "ics bad -o" -- $P appointment ics 1 -x file

# --- a secure link sent to the customer ----------------------------------------
# The shop never sees the URL; the outbox keeps it until it is delivered.
: >sendmail.out
run 0 "link --send email" -- $P access link 1 --send email
stdout_has "link queued" "queued by email"
if grep -q "/k/" "$OUT"; then bad "link --send printed the URL"; else ok; fi
run 3 "link --send sms without consent" -- $P access link 1 --send sms
run 2 "link --send fax" -- $P access link 1 --send fax
run 0 "deliver the link" -- $P outbox deliver
token=$(grep -o '/k/[A-Za-z0-9_-]\{43\}' sendmail.out | head -1 | cut -c4-)
expect_equal "the customer got a 43-character token" "${#token}" "43"
if dump shop.db outbox | grep -qF "$token"; then
	bad "the token stays in the outbox after delivery"
else ok; fi
if shop_sql shop.db "SELECT message FROM outbox WHERE kind = 'access_link'" | grep -q "/k/(sent)"
then ok; else bad "the delivered link message does not say it was sent"; fi

finish
