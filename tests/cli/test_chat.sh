#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of `portal chat`, `portal requests` and `portal notifications`
# on the demo shop. What clients write comes from the portal; here it is
# put in the database as the portal would store it.
#
#   sh tests/cli/test_chat.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "demo" -- $P demo

run 0 "chat --help" -- $P chat --help
stdout_has "chat --help" "usage: portal chat"
run 0 "requests --help" -- $P requests --help
stdout_has "requests --help" "usage: portal requests"
run 0 "notifications --help" -- $P notifications --help

# The demo's invoices and estimates left their notifications.
run 0 "notifications 9" -- $P notifications 9
stdout_has "estimate sent" "estimate.sent"
stdout_has "invoice issued" "invoice.issued"
run 0 "notifications --json" -- $P --json notifications 9 --unread
stdout_is_json "notifications --json"
expect_equal "all unread" "$(json_value 'all(not n["read"] for n in d)')" "True"
run 1 "notifications of nobody" -- $P notifications 999
stderr_is_one_line "notifications of nobody" "no client"

# The client writes; the shop sees it unread, answers, and reads it.
shop_sql shop.db "INSERT INTO chat_messages (client_id, at, from_shop, body)
	VALUES (9, 1795359000, 0, 'Is my oven fixed?')"
run 0 "chat list --unread" -- $P chat list --unread
stdout_has "the client with unread" "#9"
stdout_has "one unread" "1 unread"
run 0 "chat reply" -- $P chat reply 9 "Tomorrow at noon.
The shop"
stdout_has "reply sent" "sent to client #9"
run 0 "chat list 9" -- $P chat list 9
stdout_has "client's message" "Is my oven fixed?"
stdout_has "shop's reply" "Tomorrow at noon."
stdout_has "second line indented" "    The shop"
run 0 "chat list 9 --since 1" -- $P --json chat list 9 --since 1
expect_equal "only the reply" "$(json_value 'len(d)')" "1"
expect_equal "from the shop" "$(json_value 'd[0]["from"]')" "shop"
run 0 "chat read 9" -- $P chat read 9
stdout_has "none unread" "0 unread"
run 0 "chat list --unread after reading" -- $P chat list --unread
expect_equal "nothing unread" "$(wc -c <"$OUT" | tr -d ' ')" "0"

dump shop.db >before.sql
run 2 "empty reply" -- $P chat reply 9 "   "
stderr_is_one_line "empty reply" "chat.text"
run 1 "reply to nobody" -- $P chat reply 999 "hello"
unchanged_since "refused replies" shop.db before.sql
run 2 "reply without text" -- $P chat reply 9

# A visit request with two windows, as the portal stores it.
shop_sql shop.db "INSERT INTO requests (client_id, kind, content, created_at)
	VALUES (9, 'appointment', '{\"problem\":\"Fan is noisy\",\"windows\":[{\"start\":1795550400,\"end\":1795557600},{\"start\":1795636800,\"end\":1795644000}]}', 1795359000)"
run 0 "requests list" -- $P requests list
stdout_has "the request" "appointment"
stdout_has "its summary" "Fan is noisy"
run 0 "requests show --json" -- $P --json requests show 1
stdout_is_json "requests show --json"
expect_equal "two windows" "$(json_value 'len(d["content"]["windows"])')" "2"
expect_equal "open" "$(json_value 'd["status"]')" "open"

dump shop.db >before.sql
run 2 "approve without a window" -- $P requests approve 1
stderr_is_one_line "approve without a window" "window"
run 2 "window 4" -- $P requests approve 1 --window 4
run 2 "reject without a reason" -- $P requests reject 1
unchanged_since "refused answers" shop.db before.sql

run 0 "approve window 2" -- $P requests approve 1 --window 2
stdout_has "approved" "approved"
stdout_has "the visit" "Visit"
run 0 "the visit is booked" -- $P --json appointment list --client 9
expect_equal "window 2 booked" "$(json_value 'any(a["window_start"].startswith("2026-11-25T15:00") for a in d)')" "True"
run 3 "approve twice" -- $P requests approve 1 --window 1
stderr_is_one_line "approve twice" "request #1 is approved already"
run 0 "requests list after" -- $P requests list
expect_equal "none open" "$(wc -c <"$OUT" | tr -d ' ')" "0"
run 0 "requests list --all" -- $P requests list --all
stdout_has "resolved shown" "approved"
run 0 "client told" -- $P notifications 9 --unread
stdout_has "request answered" "request.resolved"
run 1 "no such request" -- $P requests show 99
stderr_is_one_line "no such request" "no request #99"

finish
