#!/bin/sh
# SPDX-License-Identifier: MIT
# web.sh - the web benchmark: wrk against lighttpd on 127.0.0.1, in one
# run, for a static file, a trivial "hello" CGI program, and portal.cgi
# serving the dashboard of a logged-in session on a shop of 100,000
# clients and 1,000,000 invoices twice: started for each request
# (mod_cgi, as `portal serve` runs it) and resident behind mod_scgi (as
# `portal serve --resident` runs it). bench/README.md says what each
# figure means.
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
# Traffic goes to 127.0.0.1 only; each run is bounded in time; the two
# lighttpd servers are started by this script and stopped by their
# process ids whatever happens (each stops the portal.cgi it started).
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

build=build-bench
work=${PORTAL_BENCH_DIR:-$build/web}
client=${PORTAL_BENCH_CLIENT:-1}
n_clients=${PORTAL_BENCH_CLIENTS:-100000}
n_invoices=${PORTAL_BENCH_INVOICES:-1000000}
# portal.cgi to measure: this build's, or another's to compare with.
cgi_override=${PORTAL_BENCH_CGI:-}

# ---- what it needs: wrk, lighttpd (bench/lib.sh) ---------------------------
bench_name=web.sh
. bench/lib.sh

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

# ---- lighttpd, configured as `portal serve` does, plus the hello CGI, and
# ---- a second one as `portal serve --resident` does -----------------------
port=$(free_port)
resident_port=$(free_port)
while [ "$resident_port" = "$port" ]; do resident_port=$(free_port); done
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

# The same site with portal.cgi resident: lighttpd's mod_scgi starts two
# of them, each given PORTAL_DB (`portal serve --resident` writes the same).
cat > "$work/lighttpd-resident.conf" <<EOF
# Written by bench/web.sh: portal serve --resident's configuration, plus
# /hello.txt.
server.document-root = "$work/root"
server.bind = "127.0.0.1"
server.port = $resident_port
server.pid-file = "$work/lighttpd-resident.pid"
server.errorlog = "$work/lighttpd-resident-error.log"
server.max-request-field-size = 32768
server.modules = ( "mod_alias", "mod_rewrite", "mod_setenv", "mod_scgi" )
mimetype.assign = ( ".css" => "text/css; charset=utf-8",
  ".js" => "text/javascript; charset=utf-8", ".txt" => "text/plain; charset=utf-8" )
alias.url = ( "/static/" => "$root/cgi/static/" )
url.rewrite-once = ( "^/static/.*" => "\$0", "^/hello\\.txt$" => "\$0",
  "^(/[^?]*)(\\?.*)?$" => "/portal.cgi\$1\$2" )
scgi.server = ( "/portal.cgi" => ( ( "socket" => "$work/portal.sock",
  "bin-path" => "$cgi", "max-procs" => 2, "check-local" => "disable",
  "bin-environment" => ( "PORTAL_DB" => "$db" ) ) ) )
setenv.set-response-header = ( "X-Content-Type-Options" => "nosniff",
  "Cache-Control" => "no-store" )
EOF

server_pid=""
resident_pid=""
stop_servers() {
	for pid in $server_pid $resident_pid; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	server_pid=""
	resident_pid=""
}
trap stop_servers EXIT
trap 'stop_servers; exit 130' INT TERM

# Wait until the lighttpd of process $1 answers at $2.
wait_for() {
	tries=0
	until curl -s -o /dev/null "$2/hello.txt"; do
		tries=$((tries + 1))
		[ "$tries" -lt 100 ] || die "lighttpd did not answer at $2"
		kill -0 "$1" 2>/dev/null || die "lighttpd stopped: see the error logs in $work"
		sleep 0.1
	done
}

"$lighttpd" -D -f "$work/lighttpd.conf" &
server_pid=$!
"$lighttpd" -D -f "$work/lighttpd-resident.conf" &
resident_pid=$!
base="http://127.0.0.1:$port"
resident_base="http://127.0.0.1:$resident_port"
host="localhost:$port"
wait_for "$server_pid" "$base"
wait_for "$resident_pid" "$resident_base"

# ---- a logged-in session -------------------------------------------------------
url=$("$portal" --db "$db" --json access link "$client" |
	python3 -c 'import json, sys; print(json.load(sys.stdin)["url"])')
token=${url##*/k/}
cookie=$(curl -s -o /dev/null -D - -H "Host: $host" "$base/k/$token" |
	tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(__Host-portal=[^;]*\);.*/\1/p')
[ -n "$cookie" ] || die "the secure link gave no session cookie"
# The dashboard of that session from both servers.
check_dashboard() {
	page="$work/dashboard-$1.html"
	status=$(curl -s -o "$page" -w '%{http_code}' -H "Host: $host" -H "Cookie: $cookie" \
		"$2/portal")
	[ "$status" = 200 ] || die "the dashboard ($1) answered $status, not 200"
	grep -q "Open repairs" "$page" && grep -q "Money" "$page" ||
		die "the answer ($1) is not the dashboard: see $page"
	say "the dashboard of client #$client ($1): $(wc -c < "$page") bytes"
}
check_dashboard cgi "$base"
check_dashboard resident "$resident_base"

# ---- the measures ----------------------------------------------------------------
# One wrk run: prints "req/s p50 p99"; fails when any answer was not 2xx.
measure() {
	name=$1
	shift
	wrk_run "$work/wrk-$name.txt" -H "Host: $host" "$@"
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
r=$(measure resident -H "Cookie: $cookie" "$resident_base/portal") || exit 1
set -- $r
resident_rps=$1
printf '%-34s %10s %10s %10s\n' "portal.cgi resident (SCGI)" "$1" "$2" "$3"
awk -v p="$portal_rps" -v r="$resident_rps" -v h="$hello_rps" 'BEGIN {
	printf "ratio portal.cgi / hello CGI: %.2f\n", p / h
	printf "ratio portal.cgi resident (SCGI) / hello CGI: %.2f\n", r / h
}'

# The session was used throughout: the last request must still be in it.
for b in "$base" "$resident_base"; do
	status=$(curl -s -o /dev/null -w '%{http_code}' -H "Host: $host" -H "Cookie: $cookie" \
		"$b/portal")
	[ "$status" = 200 ] || die "the session ended during the run ($status)"
done
