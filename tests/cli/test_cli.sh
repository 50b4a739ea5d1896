#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests: the real `portal` binary on temporary databases.
#
#   sh tests/cli/test_cli.sh path/to/portal
#
# Each check runs one command and compares its exit code, and where it
# matters its output, with what PRODUCT.md promises. Ends with
# "N passed, M failed".
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"

# --- help, usage, version ----------------------------------------------
run 0 "--help" -- $PORTAL --help
stdout_has "--help" "Exit codes"
run 2 "no command is a usage error" -- $PORTAL
run 2 "unknown command" -- $PORTAL frobnicate
stderr_is_one_line "unknown command" "unknown command"
run 0 "--version" -- $PORTAL --version
stdout_has "--version" "libportal"
for cmd in init demo shop client address asset tech job; do
	run 0 "$cmd --help" -- $PORTAL $cmd --help
	stdout_has "$cmd --help" "usage: portal $cmd"
done
run 0 "job status --help" -- $PORTAL job status --help
run 2 "unknown option" -- $P client list --colour
run 2 "unknown subcommand" -- $P client frob

# --- opening ---------------------------------------------------------------
if on_sqlite; then
	run 5 "missing database" -- $PORTAL --db nothere.db client list
	stderr_is_one_line "missing database" ".*portal init"
	[ ! -e nothere.db ] && ok || bad "missing database was created"
	# Files that are not a shop's: SQLite only.
	printf 'not a database, just text\n' >notes.txt
	cp notes.txt notes.orig
	run 5 "text file is not a shop" -- $PORTAL --db notes.txt client list
	stderr_is_one_line "text file" ".*not a portal database"
	cmp -s notes.txt notes.orig && ok || bad "text file was changed"
	run 5 "init refuses a text file" -- $PORTAL --db notes.txt init
	cmp -s notes.txt notes.orig && ok || bad "init changed a text file"
else
	run 5 "missing shop" -- $PORTAL --db nothere.db client list
	stderr_is_one_line "missing shop" "no shop named $(shop_of nothere.db) on this database"
fi

run 0 "init" -- $P init
stdout_has "init" "ready"
dump shop.db >snap
run 0 "init twice changes nothing" -- $P init
unchanged_since "init twice" shop.db snap
run 0 "--json init" -- $P --json init
stdout_is_json "--json init"
PORTAL_DB=shop.db run 0 "PORTAL_DB is the default database" -- $PORTAL shop get currency
stdout_has "PORTAL_DB" "CAD"

# --- shop settings -----------------------------------------------------------
run 0 "shop show" -- $P shop show
stdout_has "shop show" "service_call_fee"
stdout_has "shop show" "120.00"
run 0 "shop set timezone" -- $P shop set timezone America/Toronto
run 0 "shop set tax rate" -- $P shop set tax_rate 13%
stdout_has "shop set tax rate" "tax_rate = 13"
dump shop.db >snap
run 2 "bad tax rate" -- $P shop set tax_rate 130
stderr_is_one_line "bad tax rate" "shop.tax_rate"
unchanged_since "bad tax rate" shop.db snap
run 2 "bad time zone" -- $P shop set timezone Mars/Base
stderr_is_one_line "bad time zone" "shop.timezone"
unchanged_since "bad time zone" shop.db snap
run 1 "unknown setting" -- $P shop set colour blue
run 0 "--json shop show" -- $P --json shop show
stdout_is_json "--json shop show"
expect_equal "--json shop show" "$(json_value 'd["timezone"]')" "America/Toronto"

# --- clients and addresses ---------------------------------------------------
run 0 "client add" -- $P client add "Zoë Laurent" --email zoe@example.com --phone 416-555-0101 --sms yes
stdout_has "client add" "client #1"
run 0 "client show" -- $P client show 1
stdout_has "client show" "Zoë Laurent"
stdout_has "client show" "+14165550101"
dump shop.db >snap
run 2 "client with a bad email" -- $P client add "Łukasz Kowalski" --email lukasz@
stderr_is_one_line "bad email" "client.email"
unchanged_since "bad email" shop.db snap
run 2 "client without a name" -- $P client add "  "
stderr_is_one_line "no name" "client.name"
run 2 "bad --sms" -- $P client add "Renée" --sms maybe
run 2 "sms without phone" -- $P client add "Renée Lefèvre" --sms yes
stderr_is_one_line "sms without phone" "client.sms_consent"
unchanged_since "refused clients" shop.db snap
run 1 "missing client" -- $P client show 99
stderr_is_one_line "missing client" "no client #99"
run 2 "bad client id" -- $P client show abc
run 0 "client set" -- $P client set 1 --email "" --notes "Gate code 1234"
run 0 "--json client show" -- $P --json client show 1
stdout_is_json "--json client show"
expect_equal "client set clears email" "$(json_value 'd["email"]')" ""
expect_equal "client set notes" "$(json_value 'd["notes"]')" "Gate code 1234"

run 0 "address add" -- $P address add 1 --house 120 --unit 5 --street "King St W" --city Toronto --region ON --postal m5h1j9 --lat 43.6487 --lon -79.3817
stdout_has "address add" "address #1"
run 0 "address list" -- $P address list 1
stdout_has "address list" "5-120 King St W, Toronto, ON M5H 1J9"
dump shop.db >snap
run 2 "house number with unit" -- $P address add 1 --house 5-120 --street "King St W" --city Toronto
stderr_is_one_line "house number" "address.house_number"
run 2 "bad postal code" -- $P address add 1 --house 7 --street "King St W" --city Toronto --postal 12345
stderr_is_one_line "postal code" "address.postal_code"
run 2 "latitude out of range" -- $P address add 1 --house 7 --street "King St W" --city Toronto --lat 91 --lon 0
run 2 "latitude without longitude" -- $P address add 1 --house 7 --street "King St W" --city Toronto --lat 43
run 1 "address of a missing client" -- $P address add 42 --house 7 --street "King St W" --city Toronto
unchanged_since "refused addresses" shop.db snap

# --- assets and technicians --------------------------------------------------
run 0 "appliance" -- $P asset add 1 --kind appliance --category Refrigerator --make Whirlpool --model WRF555SDFZ --serial K81234567 --year 2019 --acquired 2019-06-14
stdout_has "appliance" "asset #1"
run 0 "vehicle" -- $P asset add 1 --kind vehicle --category Sedan --make Toyota --model Corolla --vin 4t1b11hk7ju512345 --year 2018
run 0 "--json asset show" -- $P --json asset show 2
stdout_is_json "--json asset show"
expect_equal "VIN upper-cased" "$(json_value 'd["vin"]')" "4T1B11HK7JU512345"
dump shop.db >snap
run 2 "mistyped VIN" -- $P asset add 1 --kind vehicle --category Sedan --make Toyota --vin 4T1B11HK8JU512345
stderr_is_one_line "mistyped VIN" "asset.vin"
run 2 "VIN on an appliance" -- $P asset add 1 --kind appliance --category Washer --make LG --vin 4T1B11HK7JU512345
run 2 "future model year" -- $P asset add 1 --kind vehicle --category Sedan --make Toyota --year 2031
stderr_is_one_line "future year" "asset.year"
run 2 "bad kind" -- $P asset add 1 --kind boat --category Boat --make Bayliner
unchanged_since "refused assets" shop.db snap
run 0 "asset list" -- $P asset list 1
stdout_has "asset list" "Whirlpool"
run 0 "tech add" -- $P tech add "Marc Tremblay" --phone 416-555-0190
run 0 "tech list" -- $P tech list
stdout_has "tech list" "Marc Tremblay"
run 0 "tech deactivate" -- $P tech deactivate 1
run 1 "missing tech" -- $P tech deactivate 9

# --- jobs and their timelines ------------------------------------------------
run 0 "job add" -- $P job add 1 --asset 1 --problem "Fridge not cooling" --at "2026-11-20 09:30"
stdout_has "job add" "job #1"
run 0 "job status" -- $P job status 1 diagnosed --note "Start relay failed" --at "2026-11-20 14:00"
run 0 "job status with a label" -- $P job status 1 "Estimate sent"
run 0 "job show" -- $P job show 1
stdout_has "job show" "Job #1  Estimate sent"
stdout_has "job show" "2026-11-20 09:30 EST   Booked"
stdout_has "job show" "Start relay failed"
stdout_has "job show" "5-120 King St W"
run 0 "--json job show" -- $P --json job show 1
stdout_is_json "--json job show"
expect_equal "timeline length" "$(json_value 'len(d["timeline"])')" "3"
expect_equal "timeline order" "$(json_value '",".join(e["status"] for e in d["timeline"])')" "booked,diagnosed,estimate_sent"
expect_equal "client name in job" "$(json_value 'd["client_name"]')" "Zoë Laurent"
dump shop.db >snap
run 3 "same status twice" -- $P job status 1 estimate_sent
stderr_is_one_line "same status" "job #1 is already"
run 2 "status before the last one" -- $P job status 1 approved --at "2026-11-20 10:00"
stderr_is_one_line "back in time" "job.at"
run 2 "status in the future" -- $P job status 1 approved --at "2026-11-23 10:00"
run 2 "unknown status" -- $P job status 1 teleported
run 2 "bad time" -- $P job status 1 approved --at "next tuesday"
run 2 "asset of another client" -- sh -c "$P client add 'Jürgen Müller' >/dev/null && $P job add 2 --asset 1 --problem 'Leak'"
stderr_is_one_line "another client's asset" "job.asset"
run 1 "job of a missing client" -- $P job add 77 --problem "Leak"
run 0 "job cancelled" -- $P job status 1 cancelled --note "Customer bought a new fridge"
run 3 "cancelled job is final" -- $P job status 1 approved
stderr_is_one_line "final" "job #1 is cancelled"
run 0 "job list" -- $P job list --client 1
stdout_has "job list" "Cancelled"
run 0 "--json job list" -- $P job list --client 1 --json
stdout_is_json "--json job list"

# --- what the foundation promised of every record command -------------------
# A shop database of a newer schema, or another program's SQLite file:
# exit 5, one line, the file byte for byte as it was. SQLite files only:
# on PostgreSQL the schema is the database's, checked once for all its
# shops (tests/test_store.c).
if on_sqlite; then
cp shop.db newer.db
sqlite3 newer.db "PRAGMA journal_mode = DELETE; PRAGMA user_version = 999" >/dev/null
cp newer.db newer.orig
run 5 "newer schema" -- $PORTAL --db newer.db client list
stderr_is_one_line "newer schema" ".*newer"
cmp -s newer.db newer.orig && ok || bad "a newer shop was changed"
sqlite3 other.db "CREATE TABLE notes (body TEXT)"
cp other.db other.orig
run 5 "another program's SQLite file" -- $PORTAL --db other.db init
stderr_is_one_line "other SQLite file" ".*not a portal database"
cmp -s other.db other.orig && ok || bad "another program's file was changed"
fi

# Every record command prints one JSON document with --json.
for args in "shop set name Zoë" "shop get name" "client list" \
	"client add Björn --phone 416-555-0112" "client set 1 --notes Dog" \
	"address list 1" "asset list 1" "asset show 1" "tech add Kofi" "tech list" \
	"tech activate 1" "job add 1 --problem Dryer" "job status 2 diagnosed" "job list"; do
	run 0 "--json $args" -- $P --json $args && stdout_is_json "--json $args"
done
run 0 "--json address add" -- $P --json address add 1 --house 7 --street "Rue Émile" --city Québec
stdout_is_json "--json address add"
run 0 "--json asset add" -- $P --json asset add 1 --kind appliance --category Dryer --make Miele
stdout_is_json "--json asset add"
expect_equal "--json asset add kind" "$(json_value 'd["kind"]')" "appliance"
run 0 "--json client show has the consent time" -- $P --json client show 1
expect_equal "consent time" "$(json_value 'd["sms_consent_at"][:10]')" "2026-11-22"

# Each field the library checks, refused with exit 2 and one line naming
# it, the database unchanged.
dump shop.db >snap
long=$(printf '%0130d' 0)
for case in "client.name|client add $long" \
	"client.phone|client add Ann --phone 12" \
	"client.email|client set 1 --email ann@" \
	"tech.phone|tech add Ann --phone abc" \
	"address.house_number|address add 1 --street Main --city Toronto" \
	"asset.vin|asset add 1 --kind vehicle --category Sedan --make Toyota --vin 4T1B11HK7JU51234" \
	"shop.service_call_fee|shop set service_call_fee -5" \
	"shop.late_cancellation_fee|shop set late_cancellation_fee -0.01" \
	"shop.phone|shop set phone 555" \
	"shop.email|shop set email shop@" \
	"shop.timezone|shop set timezone Europe/Nowhere"; do
	field=${case%%|*}
	run 2 "$field refused" -- $P ${case#*|} && stderr_is_one_line "$field refused" "$field: "
done
unchanged_since "refused fields" shop.db snap

# --- the demo shop -------------------------------------------------------------
run 0 "demo" -- $PORTAL --db demo.db demo
stdout_has "demo" "Łukasz Kowalski"
stdout_has "demo" "Timeline:"
dump demo.db >snap
run 3 "demo twice" -- $PORTAL --db demo.db demo
stderr_is_one_line "demo twice" "the database already has"
unchanged_since "demo twice" demo.db snap
run 0 "demo clients" -- $PORTAL --db demo.db --json client list
expect_equal "a dozen demo clients" "$(json_value 'len(d)')" "12"
run 0 "demo client list" -- $PORTAL --db demo.db client list
columns=$(python3 -c 'import sys; print(sorted({l.rindex(" +") for l in open(sys.argv[1], encoding="utf-8")}))' "$OUT")
expect_equal "phones line up after accented names" "$columns" "[68]"
run 0 "demo jobs" -- $PORTAL --db demo.db --json job list
expect_equal "demo jobs at every stage" "$(json_value 'len(set(j["status"] for j in d))')" "12"

run 0 "demo assets" -- $PORTAL --db demo.db --json asset list
expect_equal "demo appliances and vehicles" "$(json_value '",".join(sorted(set(a["kind"] for a in d)))')" "appliance,vehicle"
run 0 "demo addresses with accents" -- $PORTAL --db demo.db address list 4
stdout_has "demo addresses with accents" "Montréal"

# The commands scripts/run suggests work on the demo as it says.
run 0 "demo lookup" -- $PORTAL --db demo.db lookup 10003 48 --from 203.0.113.5
stdout_has "demo lookup" "Łukasz Kowalski"
run 0 "demo preview" -- $PORTAL --db demo.db preview 2
run 0 "demo preview invoice" -- $PORTAL --db demo.db --json preview 2 invoice 10003
expect_equal "demo invoice in the portal" "$(json_value 'd["invoice"]["number"]')" "10003"
run 0 "demo link" -- $PORTAL --db demo.db access link 2
stdout_has "demo link" "/k/"
run 0 "demo en route" -- $PORTAL --db demo.db appointment status 1 en_route
run 0 "demo ping" -- $PORTAL --db demo.db tech ping 1 43.6629 -79.3957
run 0 "demo track" -- $PORTAL --db demo.db appointment track 1
stdout_has "demo track" "Marc is on the way"
run 0 "demo notifications" -- $PORTAL --db demo.db notifications 5
stdout_has "demo notifications" "tech.en_route"

# A shop is named only on a database of many shops.
if on_sqlite; then
run 5 "a shop on a file" -- $PORTAL --db demo.db --shop north client list
stderr_is_one_line "a shop on a file" "demo.db: a shop is named only on a PostgreSQL database; a SQLite file holds one shop"
run 5 "a host on a file" -- $PORTAL --db demo.db host list
stderr_is_one_line "a host on a file" "demo.db: a SQLite file holds one shop; a host of many shops is a PostgreSQL database (postgresql://...)"
fi

finish
