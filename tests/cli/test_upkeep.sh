#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of keeping the shop's database: `portal check` (the database
# and the settings a real shop must make) and `portal backup` (a copy of
# one moment, taken while the shop writes, replacing the last one only
# when whole), with each refusal's sentence and exit status.
#
#   sh tests/cli/test_upkeep.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "init" -- $P init

# --- check: what a new shop has not set -------------------------------------------
run 3 "check: a new shop" -- $P check
stdout_has "name" 'setup: name: the shop'"'"'s name is not set: customers read "My Repair Shop" (portal shop set name "...")'
stdout_has "timezone" "setup: timezone: the time zone is not set: every time is shown in UTC (portal shop set timezone America/Toronto)"
stdout_has "portal_url" "setup: portal_url: the public URL is not set, or names this machine only: the links in messages reach no customer (portal shop set portal_url https://...)"
stdout_has "email" "setup: email: the shop's email is not set: emails have no sender and customers no address to write to (portal shop set email ...)"
stdout_has "phone" "setup: phone: the shop's phone is not set: pages and messages give no number to call (portal shop set phone ...)"
expect_equal "check: one line each" "$(wc -l <"$OUT")" "5"
run 3 "check --json" -- $P --json check
stdout_is_json "check --json"
expect_equal "check --json: not ok" "$(json_value 'd["ok"]')" "False"
expect_equal "check --json: findings" \
	"$(json_value '",".join(f["kind"] + ":" + f["subject"] for f in d["findings"])')" \
	"setup:name,setup:timezone,setup:portal_url,setup:email,setup:phone"

run 0 "name" -- $P shop set name "Fix-It Appliance"
run 0 "timezone" -- $P shop set timezone America/Toronto
run 0 "email" -- $P shop set email shop@fixit.example
run 0 "phone" -- $P shop set phone 4165550100
# A URL only this machine reaches is no public URL.
run 0 "local url" -- $P shop set portal_url http://127.0.0.1:8080
run 3 "check: a local URL" -- $P check
stdout_has "local URL" "setup: portal_url: the public URL is not set, or names this machine only: the links in messages reach no customer (portal shop set portal_url https://...)"
expect_equal "only the URL" "$(wc -l <"$OUT")" "1"
run 0 "url" -- $P shop set portal_url https://portal.fixit.example
run 0 "check: set up" -- $P check
stdout_has "check: set up" "the shop's database is sound and the shop is set up"
run 0 "check --json: set up" -- $P --json check
expect_equal "check --json: ok" "$(json_value 'd["ok"], d["findings"]')" "(True, [])"
# The check only reads.
dump shop.db >before.dump
run 0 "check again" -- $P check
unchanged_since "check" shop.db before.dump

# --- backup --------------------------------------------------------------------------
if on_pg; then
	# A server's shops are backed up with the server's own tool.
	refused 2 "backup on PostgreSQL" "a shop on PostgreSQL is backed up with the server's pg_dump, which copies every shop of the database at one moment (docs/deploy.md, \"Backups\")" -- $P backup copy.db
	if [ ! -e copy.db ]; then ok; else bad "a refused backup wrote a file"; fi
	finish
	exit $?
fi

run 0 "client" -- $P client add "Ann Lee" --email ann@example.com
run 0 "address" -- $P address add 1 --house 120 --street "King St W" --city Toronto
run 0 "backup" -- $P backup copy.db
stdout_has "backup" "backed up the shop to copy.db ("
expect_equal "backup: owner only" "$(stat -c %a copy.db)" "600"
if dump shop.db | cmp -s - "$(dump copy.db >copy.dump; echo copy.dump)"; then ok
else bad "the backup holds another shop than the shop's"; fi
run 0 "the backup opens as a shop" -- $PORTAL --db copy.db check
run 0 "backup --json" -- $P --json backup copy.db
expect_equal "backup --json" "$(json_value 'd["backup"], d["bytes"] > 0')" "('copy.db', True)"

# Refusals, and nothing left behind by them.
refused 2 "backup onto the shop" "shop.db is the shop's database itself; back it up to another file" \
	-- $P backup shop.db
refused 2 "backup onto the shop by another name" \
	"./shop.db is the shop's database itself; back it up to another file" -- $P backup ./shop.db
refused 5 "backup into no directory" \
	"cannot write a backup beside nowhere/copy.db: No such file or directory" -- $P backup nowhere/copy.db
mkdir taken.db
refused 5 "backup onto a directory" "taken.db: Is a directory" -- $P backup taken.db
if ls ./*.tmp-* >/dev/null 2>&1; then bad "a failed backup left its temporary file"; else ok; fi
run 2 "backup without a file" -- $P backup
run 0 "the earlier backup is whole" -- $PORTAL --db copy.db check

# A backup taken while the shop writes is one moment of it: whole, checked,
# with every client that was committed before it began.
i=0
while [ $i -lt 40 ]; do $P client add "Client $i" >/dev/null 2>&1; i=$((i + 1)); done &
writer=$!
sleep 0.3
run 0 "backup while writing" -- $P backup busy.db
wait $writer
run 0 "the busy backup checks" -- $PORTAL --db busy.db check
n_backup=$($PORTAL --db busy.db --json client list | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
n_shop=$($P --json client list | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
expect_equal "the shop has every client" "$n_shop" "41"
if [ "$n_backup" -ge 1 ] && [ "$n_backup" -le 41 ]; then ok
else bad "the busy backup holds $n_backup clients"; fi

# --- check: a damaged database --------------------------------------------------------
# A client removed behind the library's back leaves its address pointing
# nowhere; a page overwritten leaves the file unreadable in part.
cp copy.db orphans.db
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("PRAGMA foreign_keys=OFF"); c.execute("DELETE FROM clients WHERE id=1"); c.commit()' orphans.db
run 5 "check: a missing client" -- $PORTAL --db orphans.db check
stdout_has "missing client" "damage: references: row 1 of addresses refers to a row of clients that does not exist"
run 5 "check --json: damage" -- $PORTAL --db orphans.db --json check
expect_equal "check --json: damage" "$(json_value 'd["findings"][0]["kind"]')" "damage"

cp busy.db torn.db
pages=$(($(stat -c %s torn.db) / 4096))
python3 -c 'import sys; f=open(sys.argv[1],"r+b"); f.seek(4096*int(sys.argv[2])); f.write(b"\xa5"*4096)' torn.db $((pages - 2))
run 5 "check: a torn page" -- $PORTAL --db torn.db check
stdout_has "torn page" "damage: database: "

finish
