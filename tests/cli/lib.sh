# SPDX-License-Identifier: MIT
# lib.sh - what the CLI test scripts share: a temporary directory with a
# fixed clock, the engine the shops are on, and checks that count passes
# and failures. Sourced by each tests/cli/test_*.sh with the portal binary
# as $1; the script ends with
#
#     finish
#
# which prints "N passed, M failed" and gives the exit status.
#
# The scripts name their shops as SQLite files (--db shop.db). With
# PORTAL_TEST_PG set (tests/pg_env.sh: the URI of a PostgreSQL database)
# the same script runs on that database instead: $PORTAL is then a
# wrapper that turns each such file name into a shop of the database of
# its own. SHOP_TOOL (tests/shop_tool.c, set by ctest) reads and writes a
# shop beside the programs through the store, on either engine.
set -u

PORTAL=${1:?usage: $0 PORTAL_BINARY}
SHOP_TOOL=${SHOP_TOOL:-}
PG=${PORTAL_TEST_PG:-}
WORK=$(mktemp -d /tmp/portal-cli-XXXXXX)
trap 'rm -rf "$WORK"' EXIT INT TERM
cd "$WORK" || exit 1

# The shops of this run on PostgreSQL: a name of their own for each file
# name, so scripts share the database in parallel.
SHOP_PREFIX=c$$_$(basename "$0" .sh | tr -c 'a-z0-9\n' '_')
shop_of() { printf '%s_%s' "$SHOP_PREFIX" "$(basename "$1" | tr -c 'a-z0-9\n' '_')"; }
on_pg() { [ -n "$PG" ]; }
on_sqlite() { [ -z "$PG" ]; }

if on_pg; then
	cat >"$WORK/portal" <<EOF_WRAPPER
#!/bin/sh
# --db FILE (and \$PORTAL_DB) as a shop of the PostgreSQL database.
map() { case \$1 in *://*) printf '%s' "\$1" ;; *) printf '%s_%s' '$SHOP_PREFIX' "\$(basename "\$1" | tr -c 'a-z0-9\n' '_')" ;; esac; }
if [ -n "\${PORTAL_DB:-}" ]; then
	case \$PORTAL_DB in *://*) ;; *) PORTAL_SHOP=\$(map "\$PORTAL_DB"); PORTAL_DB='$PG'; export PORTAL_DB PORTAL_SHOP ;; esac
fi
db=""
for a do
	shift
	if [ "\$db" = next ]; then
		db=""
		case \$a in
		*://*|-*|"") set -- "\$@" "\$a" ;;
		*) set -- "\$@" '$PG' --shop "\$(map "\$a")" ;;
		esac
		continue
	fi
	[ "\$a" = --db ] && db=next
	set -- "\$@" "\$a"
done
exec '$PORTAL' "\$@"
EOF_WRAPPER
	chmod +x "$WORK/portal"
	PORTAL="$WORK/portal"
fi

# A fixed clock: Sunday 2026-11-22 10:00 in Toronto.
export PORTAL_NOW=2026-11-22T15:00:00Z
unset PORTAL_DB

passed=0
failed=0
OUT="$WORK/out"
ERR="$WORK/err"

ok() { passed=$((passed + 1)); }
bad() {
	failed=$((failed + 1))
	echo "FAIL: $1"
	echo "  stdout: $(head -c 600 "$OUT")"
	echo "  stderr: $(head -c 600 "$ERR")"
}

# run EXPECTED_EXIT NAME -- COMMAND...: run it, check the exit code.
run() {
	expect=$1
	name=$2
	shift 3
	"$@" >"$OUT" 2>"$ERR"
	rc=$?
	if [ "$rc" -ne "$expect" ]; then
		bad "$name (exit $rc, expected $expect)"
		return 1
	fi
	ok
	return 0
}

# Output checks on the last run.
stdout_has() {
	if grep -qF -- "$2" "$OUT"; then ok; else bad "$1: stdout lacks '$2'"; fi
}
stderr_is_one_line() {
	lines=$(wc -l <"$ERR")
	if [ "$lines" -eq 1 ] && grep -q "^portal: $2" "$ERR"; then ok
	else bad "$1: stderr is not one 'portal: $2' line"; fi
}
stdout_is_json() {
	if python3 -c 'import json,sys; json.load(open(sys.argv[1]))' "$OUT" 2>/dev/null; then ok
	else bad "$1: stdout is not one JSON document"; fi
}
json_value() {  # json_value EXPR: evaluate a Python expression on the JSON in $OUT as `d`
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$OUT" "$1"
}
expect_equal() {
	if [ "$2" = "$3" ]; then ok; else bad "$1: got '$2', expected '$3'"; fi
}
# The target and shop shop_tool takes for what a script names FILE.
tool_target() {
	[ -n "$SHOP_TOOL" ] || { echo "lib.sh: SHOP_TOOL must name tests/shop_tool" >&2; exit 1; }
	if on_pg; then printf '%s\n%s\n' "$PG" "$(shop_of "$1")"; else printf '%s\n-\n' "$1"; fi
}
# dump FILE [TABLE]: every row of the shop (or of one table), as the store dumps it.
dump() {
	set -- "$(tool_target "$1" | head -1)" "$(tool_target "$1" | tail -1)" ${2:+"$2"}
	"$SHOP_TOOL" dump "$@"
}
# shop_sql FILE STATEMENT: one statement both engines read alike, beside
# the programs (a row the portal would write); prints its rows.
shop_sql() {
	"$SHOP_TOOL" sql "$(tool_target "$1" | head -1)" "$(tool_target "$1" | tail -1)" "$2"
}
unchanged_since() {  # unchanged_since NAME DB SNAPSHOT
	if dump "$2" | cmp -s - "$3"; then ok; else bad "$1: the database changed"; fi
}

# refused EXIT NAME LINE -- COMMAND...: exit EXIT, stderr exactly LINE,
# and the shop in shop.db as it was.
refused() {
	expect=$1 name=$2 line=$3
	shift 4
	dump shop.db >before.sql
	run "$expect" "$name" -- "$@"
	expect_equal "$name: stderr" "$(cat "$ERR")" "portal: $line"
	unchanged_since "$name" shop.db before.sql
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
