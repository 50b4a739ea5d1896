#!/bin/sh
# SPDX-License-Identifier: MIT
# cgi_link.sh - what a request to portal.cgi, started as a CGI program,
# pays for loading SQLite and libsodium as shared libraries (the default)
# rather than having them linked in (-DPORTAL_CGI_STATIC_DEPS=ON). One
# run builds both programs from the same objects, opens a customer's
# session on a shop, and times both answering that customer's dashboard,
# each started afresh N times by hyperfine with the CGI variables set as a
# web server sets them. bench/README.md says what the figures mean.
#
#   bench/cgi_link.sh
#
# Environment (all optional):
#   PORTAL_BENCH_RUNS     runs of each program (default 500, after 20 warm-up runs)
#   PORTAL_BENCH_DB       the shop database (default: a demo shop made in a
#                         temporary directory); build-bench/web's large shop
#                         of bench/web.sh is one choice
#   PORTAL_BENCH_CLIENT   the client whose dashboard is asked (default 1)
#
# Nothing is served: each program reads its request from the environment,
# writes the page to standard output and ends, as under mod_cgi.
set -eu
cd "$(dirname "$0")/.."

bench_name=cgi_link.sh
say() { printf '%s: %s\n' "$bench_name" "$*" >&2; }
die() { say "$*"; exit 1; }

build=build-bench
runs=${PORTAL_BENCH_RUNS:-500}
client=${PORTAL_BENCH_CLIENT:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

scripts/setup-deps
if ! command -v hyperfine >/dev/null 2>&1; then
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	say "installing hyperfine"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends hyperfine >/dev/null
fi

# ---- both programs, from one release build: only the link differs ---------
# build_cgi ON|OFF NAME: portal.cgi with PORTAL_CGI_STATIC_DEPS set so,
# copied to $work/NAME. The build is left with the default (OFF), as
# bench/web.sh expects it.
build_cgi() {
	cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPORTAL_BUILD_TESTS=OFF \
		-DPORTAL_BUILD_BENCH=ON -DPORTAL_CGI_STATIC_DEPS="$1" >/dev/null
	cmake --build "$build" -j "$(nproc)" --target portal_cli portal_cgi >/dev/null
	cp "$build/cgi/portal.cgi" "$work/$2"
}
build_cgi ON static.cgi
build_cgi OFF shared.cgi
portal="$build/cli/portal"
needs() { readelf -d "$work/$1" | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | tr '\n' ' '; }
case " $(needs static.cgi)" in
*libsqlite3* | *libsodium*) die "static.cgi still loads SQLite or libsodium: $(needs static.cgi)" ;;
esac
case " $(needs shared.cgi)" in
*libsqlite3*libsodium* | *libsodium*libsqlite3*) ;;
*) die "shared.cgi does not load SQLite and libsodium: $(needs shared.cgi)" ;;
esac

# ---- the shop and a customer's session ---------------------------------------
db=${PORTAL_BENCH_DB:-}
if [ -z "$db" ]; then
	db="$work/shop.db"
	"$portal" --db "$db" demo >/dev/null
fi
url=$("$portal" --db "$db" --json access link "$client" |
	python3 -c 'import json, sys; print(json.load(sys.stdin)["url"])')
export GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 REQUEST_METHOD=GET
export HTTP_HOST=localhost SERVER_NAME=localhost SERVER_PORT=80 REMOTE_ADDR=127.0.0.1
export PORTAL_DB="$db"
unset PORTAL_NOW PORTAL_SHOP HTTP_COOKIE QUERY_STRING
cookie=$(REQUEST_URI="/k/${url##*/k/}" "$work/shared.cgi" |
	tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(__Host-portal=[^;]*\);.*/\1/p')
[ -n "$cookie" ] || die "the secure link gave no session cookie"
export REQUEST_URI=/portal HTTP_COOKIE="$cookie"
for cgi in static.cgi shared.cgi; do
	"$work/$cgi" >"$work/$cgi.html"
	grep -q "Open repairs" "$work/$cgi.html" ||
		die "$cgi did not answer the dashboard: $(head -c 300 "$work/$cgi.html")"
done

# ---- the measurement -----------------------------------------------------------
say "dashboard of client #$client, $runs runs of each, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine -N --style basic --warmup 20 --runs "$runs" --export-json "$work/runs.json" \
	-n "static SQLite and libsodium" "$work/static.cgi" \
	-n "shared SQLite and libsodium" "$work/shared.cgi" >&2
python3 - "$work/runs.json" <<'EOF'
import json, statistics, sys
rs = json.load(open(sys.argv[1]))["results"]
print("| portal.cgi, one dashboard request | median | mean | min | user+system |")
print("|---|---|---|---|---|")
for r in rs:
    ms = [t * 1000 for t in r["times"]]
    print(f"| {r['command']} | {statistics.median(ms):.2f} ms | {statistics.mean(ms):.2f} ms "
          f"| {min(ms):.2f} ms | {(r['user'] + r['system']) * 1000:.2f} ms |")
static, shared = rs
def ratio(f):
    return f(shared) / f(static)
print()
print(f"shared / static: {ratio(lambda r: statistics.median(r['times'])):.3f} at the median, "
      f"{ratio(lambda r: min(r['times'])):.3f} at the fastest, "
      f"{ratio(lambda r: r['user'] + r['system']):.3f} in processor time")
EOF
