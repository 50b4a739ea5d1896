#!/bin/sh
# SPDX-License-Identifier: MIT
# pg.sh - the same dashboard, resident behind lighttpd's mod_scgi, on
# SQLite and on PostgreSQL, in one run:
#
#   1. one shop of N clients and M invoices in a SQLite file;
#   2. the same shop (same seed) on PostgreSQL;
#   3. one shop among 1,000 shops of 1,000 invoices each, all in one
#      PostgreSQL database;
#
# and the time `portal host add` takes to make a shop. bench/README.md
# says what each figure means.
#
#   bench/pg.sh
#
# Environment (all optional):
#   PORTAL_BENCH_DIR       work directory (default build-bench/pg); the
#                          SQLite shop is cached there between runs
#   PORTAL_BENCH_SECONDS   length of each wrk run (default 10)
#   PORTAL_BENCH_THREADS   wrk threads (default 2)
#   PORTAL_BENCH_CONNS     wrk connections (default 4)
#   PORTAL_BENCH_CLIENTS, PORTAL_BENCH_INVOICES   the single shop's size
#                          (default 10,000 and 100,000)
#   PORTAL_BENCH_SHOPS     how many shops of 1,000 invoices (default 1,000)
#
# The PostgreSQL cluster is a throw-away one (scripts/pg-cluster) in a
# temporary directory, on a unix socket; traffic goes to 127.0.0.1 only;
# each run is bounded in time; the servers this script starts are stopped
# by their process ids whatever happens.
set -eu
cd "$(dirname "$0")/.."
root=$(pwd)

build=build-bench
work=${PORTAL_BENCH_DIR:-$build/pg}
n_clients=${PORTAL_BENCH_CLIENTS:-10000}
n_invoices=${PORTAL_BENCH_INVOICES:-100000}
n_shops=${PORTAL_BENCH_SHOPS:-1000}

# wrk, lighttpd and the helpers the web benchmarks share.
bench_name=pg.sh
. bench/lib.sh

cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DPORTAL_BUILD_TESTS=OFF \
	-DPORTAL_BUILD_BENCH=ON -DPORTAL_POSTGRESQL=ON >/dev/null
cmake --build "$build" -j "$(nproc)" --target portal_cli portal_cgi portal_gen_shop >/dev/null
portal="$root/$build/cli/portal"
cgi="$root/$build/cgi/portal.cgi"
gen="$root/$build/bench/gen_shop"

mkdir -p "$work"
work=$(cd "$work" && pwd)
db="$work/shop-$n_clients-$n_invoices.db"

# ---- the servers, stopped whatever happens ---------------------------------
cluster=$(mktemp -d /tmp/pt-pg-bench.XXXXXX)
pids=""
stop_all() {
	for pid in $pids; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	pids=""
	scripts/pg-cluster stop "$cluster" >/dev/null 2>&1 || true
}
trap stop_all EXIT
trap 'stop_all; exit 130' INT TERM
eval "$(scripts/pg-cluster start "$cluster")"
owner=$PORTAL_PG_OWNER
app=$PORTAL_PG_APP
admin="postgresql:///portal?host=$cluster&user=postgres_admin"

# ---- the shops -----------------------------------------------------------------
if [ ! -f "$db" ]; then
	say "generating $db (once)"
	"$gen" --clients "$n_clients" --invoices "$n_invoices" "$db.new"
	mv "$db.new" "$db"
fi
say "generating the same shop on PostgreSQL (a few minutes)"
"$gen" --clients "$n_clients" --invoices "$n_invoices" --shop big "$owner" 2>&1 | tail -1 >&2
"$portal" --db "$owner" host grant portal_app

# Adding shops: the whole command, each time a new process, as an
# operator runs it.
start=$(date +%s%N)
i=0
while [ $i -lt 100 ]; do
	"$portal" --db "$app" host add "empty$i" >/dev/null
	i=$((i + 1))
done
add_ms=$(awk -v ns="$(( $(date +%s%N) - start ))" 'BEGIN { printf "%.1f", ns / 100 / 1e6 }')

# Many shops: one made through the library, then copied as a whole, its
# rows given each new shop's id (as the database's superuser, which row-
# level security does not hold), so that 1,000 shops take seconds.
say "generating $n_shops shops of 1,000 invoices"
"$gen" --clients 100 --invoices 1000 --shop many0 "$owner" 2>&1 | tail -1 >&2
psql "$admin" -X -q -v ON_ERROR_STOP=1 -v n="$n_shops" <<'SQL'
SELECT set_config('bench.n', :'n', false) \g /dev/null
DO $$
DECLARE
	src BIGINT := (SELECT id FROM portal_shops WHERE name = 'many0');
	sid BIGINT;
	t TEXT;
	cols TEXT;
BEGIN
	SET CONSTRAINTS ALL DEFERRED;
	FOR s IN 1 .. current_setting('bench.n')::int - 1 LOOP
		INSERT INTO portal_shops (name, created_at) VALUES ('many' || s, 0) RETURNING id INTO sid;
		FOR t IN SELECT c.table_name FROM information_schema.columns c
		         WHERE c.column_name = 'shop_id' AND c.table_schema = 'public' LOOP
			SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position)
			  INTO cols FROM information_schema.columns
			 WHERE table_name = t AND table_schema = 'public' AND column_name <> 'shop_id';
			EXECUTE format('INSERT INTO %I (%s, shop_id) SELECT %s, $1 FROM %I WHERE shop_id = $2',
			               t, cols, cols, t) USING sid, src;
		END LOOP;
	END LOOP;
END $$;
ANALYZE;
SQL
middle="many$((n_shops / 2))"

# ---- lighttpd with two resident portal.cgi per shop ----------------------------
# serve NAME DB SHOP: a lighttpd on a free port, in $port. Not in a
# subshell, so that its pid reaches stop_all.
serve() {
	port=$(free_port)
	mkdir -p "$work/$1"
	echo "hello" > "$work/$1/hello.txt"
	cat > "$work/$1/lighttpd.conf" <<EOF
server.document-root = "$work/$1"
server.bind = "127.0.0.1"
server.port = $port
server.errorlog = "$work/$1/error.log"
server.modules = ( "mod_rewrite", "mod_scgi" )
url.rewrite-once = ( "^/hello\\.txt$" => "\$0", "^(/[^?]*)(\\?.*)?$" => "/portal.cgi\$1\$2" )
scgi.server = ( "/portal.cgi" => ( ( "socket" => "$work/$1/portal.sock",
  "bin-path" => "$cgi", "max-procs" => 2, "check-local" => "disable",
  "bin-environment" => ( "PORTAL_DB" => "$2", "PORTAL_SHOP" => "$3" ) ) ) )
EOF
	"$lighttpd" -D -f "$work/$1/lighttpd.conf" &
	pids="$pids $!"
	tries=0
	until curl -s -o /dev/null "http://127.0.0.1:$port/hello.txt"; do
		tries=$((tries + 1))
		[ "$tries" -lt 100 ] || die "lighttpd ($1) did not answer"
		sleep 0.1
	done
}
# session DB SHOP PORT: the cookie of client #1's link.
session() {
	if [ -n "$2" ]; then set -- "$1" "--shop $2" "$3"; fi
	url=$("$portal" --db "$1" $2 --json access link 1 |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["url"])')
	curl -s -o /dev/null -D - -H "Host: localhost:$3" "http://127.0.0.1:$3/k/${url##*/k/}" |
		tr -d '\r' | sed -n 's/^[Ss]et-[Cc]ookie: \(__Host-portal=[^;]*\);.*/\1/p'
}
measure() {
	wrk_run "$work/wrk-$1.txt" -H "Host: localhost:$2" -H "Cookie: $3" \
		"http://127.0.0.1:$2/portal"
}

serve sqlite "$db" ""
sq_port=$port
serve pg "$app" big
pg_port=$port
serve many "$app" "$middle"
many_port=$port
sq_cookie=$(session "$db" "" "$sq_port")
pg_cookie=$(session "$app" big "$pg_port")
many_cookie=$(session "$app" "$middle" "$many_port")
[ -n "$sq_cookie" ] && [ -n "$pg_cookie" ] && [ -n "$many_cookie" ] || die "no session"

printf '%-46s %10s %10s %10s\n' "resident dashboard ($threads threads, $conns conns, ${seconds} s)" \
	"req/s" "p50" "p99"
set -- $(measure sqlite "$sq_port" "$sq_cookie")
sq_rps=$1
printf '%-46s %10s %10s %10s\n' "SQLite, $n_clients clients, $n_invoices invoices" "$1" "$2" "$3"
set -- $(measure pg "$pg_port" "$pg_cookie")
pg_rps=$1
printf '%-46s %10s %10s %10s\n' "PostgreSQL, the same shop" "$1" "$2" "$3"
set -- $(measure many "$many_port" "$many_cookie")
many_rps=$1
printf '%-46s %10s %10s %10s\n' "PostgreSQL, 1 of $n_shops shops x 1,000 invoices" "$1" "$2" "$3"
awk -v s="$sq_rps" -v p="$pg_rps" -v m="$many_rps" 'BEGIN {
	printf "ratio PostgreSQL / SQLite: %.2f\n", p / s
	printf "ratio PostgreSQL many shops / SQLite: %.2f\n", m / s
}'
echo "portal host add: $add_ms ms a shop (the whole command, 100 shops)"
