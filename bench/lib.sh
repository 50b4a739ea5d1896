# SPDX-License-Identifier: MIT
# lib.sh - what the web benchmarks share (web.sh, pg.sh): their wrk
# settings, messages, the programs they need, a free port on 127.0.0.1
# and one wrk run. Sourced from the source tree's root, with the
# benchmark's name in bench_name:
#
#     bench_name=web.sh; . bench/lib.sh
: "${bench_name:?set bench_name before sourcing bench/lib.sh}"
seconds=${PORTAL_BENCH_SECONDS:-10}
threads=${PORTAL_BENCH_THREADS:-2}
conns=${PORTAL_BENCH_CONNS:-4}

say() { printf '%s: %s\n' "$bench_name" "$*" >&2; }
die() { say "$*"; exit 1; }

# What the benchmarks need beyond the build's packages: wrk and lighttpd.
scripts/setup-deps
if ! command -v wrk >/dev/null 2>&1; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	say "installing wrk"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
lighttpd=$(command -v lighttpd || echo /usr/sbin/lighttpd)
[ -x "$lighttpd" ] || die "lighttpd not found"

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# wrk_run OUT WRK_ARGS...: one run of wrk, its report in OUT; prints
# "req/s p50 p99" and fails when any answer was not 2xx.
wrk_run() {
	out=$1
	shift
	wrk -t "$threads" -c "$conns" -d "${seconds}s" --latency "$@" > "$out"
	if grep -q "Non-2xx" "$out"; then
		cat "$out" >&2
		die "some answers were not 2xx"
	fi
	awk '/Requests\/sec:/ { rps = $2 }
	     $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
	     END { printf "%s %s %s\n", rps, p50, p99 }' "$out"
}
