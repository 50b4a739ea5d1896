#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of the shop's address, which the portal's landing page and
# every PDF show: `portal shop set address` stores it on one line as
# typed (spaces around it trimmed), and a value that cannot be printed on
# one line is refused with its code and exactly one `portal:` line,
# changing nothing.
#
#   sh tests/cli/test_shop_address.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "demo" -- $P demo
run 0 "the demo shop's address" -- $P shop get address
stdout_has "the demo shop's address" "2150 Dundas St W, Toronto, ON M6R 1X3"

run 0 "set" -- $P shop set address "  Unit 4 & 5, 12 Main St, Halifax, NS B3H 1A1  "
stdout_has "set" "address = Unit 4 & 5, 12 Main St, Halifax, NS B3H 1A1"
run 0 "get" -- $P shop get address
expect_equal "get: stdout" "$(cat "$OUT")" "Unit 4 & 5, 12 Main St, Halifax, NS B3H 1A1"
run 0 "in the settings' JSON" -- $P --json shop show
expect_equal "show --json" "$(json_value 'd["address"]')" \
	"Unit 4 & 5, 12 Main St, Halifax, NS B3H 1A1"

NL=$(printf '12 Main St\nHalifax')
TAB=$(printf '12 Main St\tHalifax')
LONG=$(printf '%0201d' 0)
BAD=$(printf '12 Main St \377')
refused 2 "two lines" "shop.address: control characters are not allowed" \
	-- $P shop set address "$NL"
refused 2 "a tab" "shop.address: control characters are not allowed" \
	-- $P shop set address "$TAB"
refused 2 "too long" "shop.address: must be 0 to 200 characters (got 201)" \
	-- $P shop set address "$LONG"
refused 2 "not UTF-8" "shop.address: not valid UTF-8 text" \
	-- $P shop set address "$BAD"
run 0 "still the address set" -- $P shop get address
expect_equal "after the refusals" "$(cat "$OUT")" "Unit 4 & 5, 12 Main St, Halifax, NS B3H 1A1"

# Emptied: the shop has no address, and the portal shows none.
run 0 "empty" -- $P shop set address ""
run 0 "get empty" -- $P shop get address
expect_equal "empty: stdout" "$(cat "$OUT")" ""

finish
