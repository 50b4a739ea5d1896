# lib.sh - what the CLI test scripts share: a temporary directory with a
# fixed clock, and checks that count passes and failures. Sourced by each
# tests/cli/test_*.sh with the portal binary as $1; the script ends with
#
#     finish
#
# which prints "N passed, M failed" and gives the exit status.
set -u

PORTAL=${1:?usage: $0 PORTAL_BINARY}
WORK=$(mktemp -d /tmp/portal-cli-XXXXXX)
trap 'rm -rf "$WORK"' EXIT INT TERM
cd "$WORK" || exit 1

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
dump() { sqlite3 "$1" .dump; }
unchanged_since() {  # unchanged_since NAME DB SNAPSHOT
	if dump "$2" | cmp -s - "$3"; then ok; else bad "$1: the database changed"; fi
}

finish() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}
