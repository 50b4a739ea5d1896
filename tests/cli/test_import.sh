#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of `portal import`: the sample CSV files of docs/import.md
# (tests/cli/data/import/) into a new shop, then read back through the
# commands a shop uses; bad files refused with every problem printed as
# FILE:LINE: COLUMN: message and nothing written.
#
#   sh tests/cli/test_import.sh path/to/portal
DATA=$(cd "$(dirname "$0")/data/import" && pwd)
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "init" -- $P init
run 0 "timezone" -- $P shop set timezone America/Toronto
cp "$DATA"/*.csv .

# --- help and usage ------------------------------------------------------------
run 0 "import --help" -- $P import --help
stdout_has "import --help" "usage: portal import"
run 2 "no file" -- $P import
run 2 "neither csv nor json" -- $P import clients.txt
stderr_is_one_line "neither csv nor json" "clients.txt: not a .csv or .json file"
run 2 "csv and json mixed" -- $P import clients.csv shop.json
stderr_is_one_line "csv and json mixed" "CSV files and a JSON document are imported apart"
run 2 "two json" -- $P import a.json b.json
run 5 "a missing file" -- $P import clients.csv nowhere.csv
stderr_is_one_line "a missing file" "nowhere.csv: No such file"

# --- a dry run writes nothing ------------------------------------------------------
dump shop.db >snap
run 0 "dry run" -- $P import --dry-run clients.csv addresses.csv assets.csv invoices.csv \
	invoice_lines.csv payments.csv
stdout_has "dry run" "dry run: 31 records would be imported (4 clients, 4 addresses, 4 assets, 5 invoices, 10 invoice_lines, 4 payments); nothing was written"
unchanged_since "dry run" shop.db snap

# --- a bad file: every problem, nothing written ----------------------------------
cat >bad_clients.csv <<'CSV'
ref,name,email,phone,sms_consent
C-1,Zoë Tremblay,zoe@example,416-555-0142,yes
C-2,"Nowak,
Łukasz",,,maybe
C-3,,,,
CSV
cat >bad_lines.csv <<'CSV'
invoice_number,kind,description,quantity,unit_price,taxable
INV-2041,labour,Fan motor,1.5,120.00,yes
INV-9999,part,Belt,1,10,
CSV
run 3 "bad rows" -- $P import bad_clients.csv addresses.csv invoices.csv bad_lines.csv
grep -v '^portal: ' "$ERR" >problems
expect_equal "first problem" "$(sed -n 1p problems)" "bad_clients.csv:2: email: 'zoe@example' is not an email address"
expect_equal "a quoted line break counts" "$(sed -n 2p problems)" "bad_clients.csv:3: sms_consent: 'maybe' is not yes or no"
expect_equal "the line after it" "$(sed -n 3p problems)" "bad_clients.csv:5: name: required"
expect_equal "unknown invoice" "$(grep '^bad_lines' problems)" "bad_lines.csv:3: invoice_number: no invoice has the number 'INV-9999' in the invoices file"
expect_equal "last line" "$(tail -n 1 "$ERR")" "portal: $(grep -c . problems) problems in the files; nothing was imported"
unchanged_since "bad rows" shop.db snap

printf 'sku,description,price\nA1,Belt,12.00\n' >parts.csv
run 3 "unknown header" -- $P import clients.csv parts.csv
expect_equal "unknown header" "$(head -n 1 "$ERR" | cut -c1-49)" "parts.csv:1: not a kind of file this import knows"
unchanged_since "unknown header" shop.db snap

run 3 "json summary of problems" -- $P import --json bad_clients.csv
stdout_is_json "json summary of problems"
expect_equal "json problems" "$(json_value '" ".join(map(str, (len(d["problems"]), d["imported"], d["problems"][1]["line"], d["problems"][1]["column"])))')" "3 False 3 sms_consent"

# The JSON import is its own; until it exists it refuses, writing nothing.
printf '{}' >shop.json
$P import shop.json >"$OUT" 2>"$ERR"
rc=$?
if [ "$rc" -ne 2 ]; then ok; else bad "a JSON document goes to the JSON import (exit $rc)"; fi
unchanged_since "json import" shop.db snap

# --- the sample shop -------------------------------------------------------------
run 0 "import" -- $P import payments.csv invoice_lines.csv invoices.csv assets.csv \
	addresses.csv clients.csv
stdout_has "import" "imported 31 records (4 clients, 4 addresses, 4 assets, 5 invoices, 10 invoice_lines, 4 payments)"
if [ -s "$ERR" ]; then bad "no progress line when stderr is no terminal"; else ok; fi

run 0 "clients" -- $P client list
stdout_has "clients" "Zoë Tremblay"
stdout_has "clients" "Łukasz Nowak"
stdout_has "clients" "Müller, Jürgen"
run 0 "client show" -- $P client show 3
stdout_has "client show" "Prefers \"Mr. Müller\" on invoices"
stdout_has "client show" "7 Glen Erin Dr, Mississauga, ON L5L 1Z3"
run 0 "address normalised" -- $P client show 1
stdout_has "address normalised" "5-120 King St W, Toronto, ON M5V 2T6"

run 0 "invoice show" -- $P invoice show INV-2043
stdout_has "invoice show" "Overdue"
stdout_has "invoice show" "1,310.74"
run 0 "a paid invoice" -- $P --json invoice show 2041
expect_equal "a paid invoice" "$(json_value '" ".join(map(str, (d["status"], d["balance"])))')" "paid 0"
run 0 "a void invoice" -- $P --json invoice show INV-2044
expect_equal "a void invoice" "$(json_value '" ".join(map(str, (d["status"], d["void_reason"])))')" "void Entered twice"
run 0 "a draft" -- $P --json invoice show INV-2045
expect_equal "a draft" "$(json_value 'd["status"]')" "draft"

run 0 "statement" -- $P statement 1
stdout_has "statement" "Zoë Tremblay"
stdout_has "statement" "Payment on invoice INV-2042 (E-transfer"
stdout_has "statement balance" "Balance                   72.88"
run 0 "account credit" -- $P --json statement 4
expect_equal "account credit" "$(json_value 'd["account_credit"]')" "5000"

run 0 "nothing told to the clients" -- $P --json outbox list
expect_equal "nothing told to the clients" "$(json_value 'len(d)')" "0"

# Imported twice: every number is taken now, and still nothing is written.
dump shop.db >snap2
run 3 "again" -- $P import --json clients.csv addresses.csv assets.csv invoices.csv \
	invoice_lines.csv payments.csv
stdout_is_json "again"
expect_equal "again" "$(json_value '" ".join(map(str, (d["problems"][0]["file"], d["problems"][0]["line"], d["problems"][0]["column"])))')" "invoices.csv 2 number"
unchanged_since "again" shop.db snap2
# Each taken number is refused by the store half way through its row; the
# row is undone alone and the import goes on to report every other one.
run 3 "again, as text" -- $P import clients.csv addresses.csv assets.csv invoices.csv \
	invoice_lines.csv payments.csv
expect_equal "the first taken number" "$(sed -n 1p "$ERR")" \
	"invoices.csv:2: number: invoice number INV-2041 is taken"
expect_equal "every taken number" "$(grep -c ': number: invoice number INV-20[0-9]* is taken$' "$ERR")" "5"
expect_equal "again, the summary" "$(tail -n 1 "$ERR")" "portal: 5 problems in the files; nothing was imported"
unchanged_since "again, as text" shop.db snap2

finish
