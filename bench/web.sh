#!/bin/sh
# web.sh - the web benchmark: wrk against lighttpd on 127.0.0.1, in one
# run, for a static file, a trivial "hello" CGI program and portal.cgi
# serving the dashboard of a logged-in session, on a shop of 100,000
# clients and 1,000,000 invoices. bench/README.md says what each figure
# means.
#
#   bench/web.sh              build, generate the shop once, measure
#
# Environment (all optional):
#   PORTAL_BENCH_DIR       work directory (default build-bench/web): the
#                          shop database is cached there between runs
#   PORTAL_BENCH_SECONDS   length of each wrk run (default 10)
#   PORTAL_BENCH_THREADS   wrk threads (default 2)
#   PORTAL_BENCH_CONNS     wrk connections (default 4)
#   PORTAL_BENCH_CLIENT    the client whose dashboard is asked (default 1)
#   PORTAL_BENCH_CLIENTS, PORTAL_BENCH_INVOICES   the shop's size
#   PORTAL_BENCH_CGI       another build's portal.cgi, to compare
#
# portal.cgi runs on the real clock, as it does for the shop: the session
# is opened just before the runs, and each request renews its idle timer
# (30 minutes), so it stays open throughout; the script checks that it
# still is after the last run.
#
# Traffic goes to 127.0.0.1 only; each run is bounded in time; lighttpd is
# started by this script and stopped by its process id whatever happens.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

build=build-bench
work=${PORTAL_BENCH_DIR:-$build/web}
seconds=${PORTAL_BENCH_SECONDS:-10}
threads=${PORTAL_BENCH_THREADS:-2}
conns=${PORTAL_BENCH_CONNS:-4}
client=${PORTAL_BENCH_CLIENT:-1}
n_clients=${PORTAL_BENCH_CLIENTS:-100000}
n_invoices=${PORTAL_BENCH_INVOICES:-1000000}
# portal.cgi to measure: this build's, or another's to compare with.
cgi_override=${PORTAL_BENCH_CGI:-}

say() { printf 'web.sh: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

# ---- what it needs --------------------------------------------------------
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

# A release build of its own, tests left out.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPORTAL_BUILD_TESTS=OFF \
	-DPORTAL_BUILD_BENCH=ON >/dev/null
cmake --build "$build" -j "$(nproc)" \
	--target portal_cli portal_cgi portal_gen_shop portal_hello_cgi >/dev/null
portal="$root/$build/cli/portal"
cgi=${cgi_override:-"$root/$build/cgi/portal.cgi"}
[ -x "$cgi" ] || die "no portal.cgi at $cgi"
hello="$root/$build/bench/hello.cgi"

mkdir -p "$work"
work=$(cd "$work" && pwd)
db="$work/shop-$n_clients-$n_invoices.db"

# ---- the shop, made once -----------------------------------------------------
if [ ! -f "$db" ]; then
	say "generating $db (once; a few minutes)"
	rm -f "$db.new" "$db.new-wal" "$db.new-shm"
	"$build/bench/gen_shop" --clients "$n_clients" --invoices "$n_invoices" "$db.new"
	mv "$db.new" "$db"
fi

# ---- lighttpd, configured as `portal serve` does, plus the hello CGI -------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$work/root"
echo "hello" > "$work/root/hello.txt"
cat > "$work/lighttpd.conf" <<EOF
# Written by bench/web.sh: portal serve's configuration, plus /hello.cgi
# and /hello.txt.
server.document-root = "$work/root"
server.bind = "127.0.0.1"
server.port = $port
server.pid-file = "$work/lighttpd.pid"
server.errorlog = "$work/lighttpd-error.log"
server.max-request-field-size = 32768
server.modules = ( "mod_alias", "mod_rewrite", "mod_setenv", "mod_cgi" )
mimetype.assign = ( ".css" => "text/css; charset=utf-8",
  ".js" => "text/javascript; charset=utf-8", ".txt" => "text/plain; charset=utf-8" )
alias.url = ( "/static/" => "$root/cgi/static/", "/portal.cgi" => "$cgi",
  "/hello.cgi" => "$hello" )
url.rewrite-once = ( "^/static/.*" => "\$0", "^/hello\\.(cgi|txt)$" => "\$0",
  "^(/[^?]*)(\\?.*)?$" => "/portal.cgi\$1\$2" )
\$HTTP["url"] =~ "^/(portal|hello)\\.cgi" { cgi.assign = ( "" => "" ) }
setenv.set-environment = ( "PORTAL_DB" => "$db" )
setenv.set-response-header = ( "X-Content-Type-Options" => "nosniff",
  "Cache-Control" => "no-store" )
EOF

server_pid=""
stop_server() {
	if [ -n "$server_pid" ]; then
		kill "$server_pid" 2>/dev/null || true
		wait "$server_pid" 2>/dev/null || true
		server_pid=""
	fi
}
trap stop_server EXIT
trap 'stop_server; exit 130' INT TERM

"$lighttpd" -D -f "$work/lighttpd.conf" &
server_pid=$!
base="http://127.0.0.1:$port"
host="localhost:$port"
tries=0
until curl -s -o /dev/null "$base/hello.txt"; do
	tries=$((tries + 1))
	[ "$tries" -lt 100 ] || die "lighttpd did not answer on port $port"
	kill -0 "$server_pid" 2>/dev/null || die "lighttpd stopped: see $work/lighttpd-error.log"
	sleep 0.1
done

# ---- a logged-in session -------------------------------------------------------
url=$("$portal" --db "$db" --json access link "$client" |
	python3 -c 'import json, sys; print(json.load(sys.stdin)["url"])')
token=${url##*/k/}
cookie=$(curl -s -o /dev/null -D - -H "Host: $host" "$base/k/$token" |
	tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(__Host-portal=[^;]*\);.*/\1/p')
[ -n "$cookie" ] || die "the secure link gave no session cookie"
page="$work/dashboard.html"
status=$(curl -s -o "$page" -w '%{http_code}' -H "Host: $host" -H "Cookie: $cookie" \
	"$base/portal")
[ "$status" = 200 ] || die "the dashboard answered $status, not 200"
grep -q "Open repairs" "$page" && grep -q "Money" "$page" ||
	die "the answer is not the dashboard: see $page"
say "the dashboard of client #$client: $(wc -c < "$page") bytes"

# ---- the measures ----------------------------------------------------------------
# One wrk run: prints "req/s p50 p99"; fails when any answer was not 2xx.
measure() {
	out="$work/wrk-$1.txt"
	shift
	wrk -t "$threads" -c "$conns" -d "${seconds}s" --latency -H "Host: $host" "$@" > "$out"
	if grep -q "Non-2xx" "$out"; then
		cat "$out" >&2
		die "some answers were not 2xx"
	fi
	awk '/Requests\/sec:/ { rps = $2 }
	     $1 == "50%" { p50 = $2 } $1 == "99%" { p99 = $2 }
	     END { printf "%s %s %s\n", rps, p50, p99 }' "$out"
}

printf '%-34s %10s %10s %10s\n' "what ($threads threads, $conns connections, ${seconds} s)" \
	"req/s" "p50" "p99"
r=$(measure static "$base/static/portal.css") || exit 1
set -- $r
printf '%-34s %10s %10s %10s\n' "static file (/static/portal.css)" "$1" "$2" "$3"
r=$(measure hello "$base/hello.cgi") || exit 1
set -- $r
hello_rps=$1
printf '%-34s %10s %10s %10s\n' "hello CGI (/hello.cgi)" "$1" "$2" "$3"
r=$(measure portal -H "Cookie: $cookie" "$base/portal") || exit 1
set -- $r
portal_rps=$1
printf '%-34s %10s %10s %10s\n' "portal.cgi dashboard (/portal)" "$1" "$2" "$3"
awk -v p="$portal_rps" -v h="$hello_rps" \
	'BEGIN { printf "ratio portal.cgi / hello CGI: %.2f\n", p / h }'

# The session was used throughout: the last request must still be in it.
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" -H "Cookie: $cookie" \
	"$base/portal")
[ "$status" = 200 ] || die "the session ended during the run ($status)"
