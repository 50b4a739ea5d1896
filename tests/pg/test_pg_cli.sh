#!/bin/sh
# SPDX-License-Identifier: MIT
# The real `portal` binary on a PostgreSQL database of many shops: the
# host's commands, the programs' role held by row-level security, writers
# in several processes at once, and a shop moved from its SQLite file.
#
#   sh tests/pg/test_pg_cli.sh path/to/portal ENV_FILE
#
# ENV_FILE is the ctest fixture's (tests/pg_cluster_fixture.sh): the
# owner's URI of the throw-away cluster's database, and its directory.
ENV_FILE=${2:?usage: $0 PORTAL_BINARY ENV_FILE}
. "$(dirname "$0")/../cli/lib.sh" "$1"
PORTAL_TEST_PG=""
PORTAL_TEST_PG_DIR=""
. "$ENV_FILE"
OWNER=$PORTAL_TEST_PG
APP="postgresql:///portal?host=$PORTAL_TEST_PG_DIR&user=portal_app"
# Shops of their own, whatever else runs on the cluster.
A=pga$$
B=pgb$$

# psql as the programs' role: one value, or the error.
app_sql() {
	psql "$APP" -X -A -t -v ON_ERROR_STOP=1 -c "$1" 2>&1
}

# --- the host ----------------------------------------------------------------
run 0 "host add" -- $PORTAL --db "$OWNER" host add "$A"
stdout_has "host add" "shop $A ready"
run 0 "host add B" -- $PORTAL --db "$OWNER" host add "$B"
run 3 "host add again" -- $PORTAL --db "$OWNER" host add "$A"
stderr_is_one_line "host add again" "name: the shop $A already exists"
run 2 "host add bad name" -- $PORTAL --db "$OWNER" host add "North Side"
stderr_is_one_line "host add bad name" "name: a shop's name is made of a-z, 0-9, '.', '-' and '_'"
run 0 "grant" -- $PORTAL --db "$OWNER" host grant portal_app
run 0 "host list" -- $PORTAL --db "$OWNER" host list
stdout_has "host list A" "$A "
stdout_has "host list B" "$B "
run 5 "host on a file" -- $PORTAL --db shop.db host list
stderr_is_one_line "host on a file" "shop.db: a SQLite file holds one shop; a host of many shops is a PostgreSQL database"

run 5 "no shop named" -- $PORTAL --db "$APP" client list
stderr_is_one_line "no shop named" "a PostgreSQL database holds many shops: name one (--shop, or PORTAL_SHOP)"
run 5 "missing shop" -- $PORTAL --db "$APP" --shop nosuch$$ client list
stderr_is_one_line "missing shop" "no shop named nosuch$$ on this database"

run 5 "unreachable server" -- $PORTAL --db "postgresql:///portal?host=$WORK/nosocket" --shop x client list
stderr_is_one_line "unreachable server" "cannot connect to PostgreSQL: connection to server on socket \"$WORK/nosocket/.s.PGSQL.5432\" failed"
run 5 "init with a bad shop name" -- $PORTAL --db "$OWNER" --shop "North Side" init
stderr_is_one_line "init with a bad shop name" "name: a shop's name is made of a-z, 0-9, '.', '-' and '_'"
run 2 "host limit not a number" -- $PORTAL --db "$OWNER" host limit many
stderr_is_one_line "host limit not a number" "limit: 'many' is not a number of lookups"
run 2 "host grant no role" -- $PORTAL --db "$OWNER" host grant ""
stderr_is_one_line "host grant no role" "role: name the database role"
run 2 "host move bad name" -- $PORTAL --db "$OWNER" host move shop.db "North Side"
stderr_is_one_line "host move bad name" "name: a shop's name is made of a-z, 0-9, '.', '-' and '_'"
run 1 "host move no file" -- $PORTAL --db "$OWNER" host move "$WORK/none.db" "m$$"
stderr_is_one_line "host move no file" "$WORK/none.db: no such database (run \`portal init\`)"
echo "not a database" >text.db
run 5 "host move not a database" -- $PORTAL --db "$OWNER" host move text.db "m$$"
stderr_is_one_line "host move not a database" "reading the database header: not a portal database"
run 0 "a shop on a file" -- $PORTAL --db small.db init
run 3 "host move onto a taken name" -- $PORTAL --db "$OWNER" host move small.db "$A"
stderr_is_one_line "host move onto a taken name" "name: the shop $A already exists"
run 0 "nothing moved in" -- $PORTAL --db "$OWNER" host list
if grep -q "^m$$ " "$OUT"; then bad "a refused move left a shop"; else ok; fi
# A database with no portal schema, opened without making one.
psql "postgresql:///postgres?host=$PORTAL_TEST_PG_DIR&user=postgres_admin" -X -q \
	-c "CREATE DATABASE empty$$" >/dev/null 2>&1
run 5 "no portal schema" -- $PORTAL --db "postgresql:///empty$$?host=$PORTAL_TEST_PG_DIR&user=postgres_admin" --shop x client list
stderr_is_one_line "no portal schema" "the PostgreSQL database has no portal schema (run \`portal init\` with a shop)"
psql "postgresql:///postgres?host=$PORTAL_TEST_PG_DIR&user=postgres_admin" -X -q \
	-c "DROP DATABASE empty$$" >/dev/null 2>&1

# --- the programs' role, shop by shop ---------------------------------------
PA="$PORTAL --db $APP --shop $A"
PB="$PORTAL --db $APP --shop $B"
run 0 "A client" -- $PA client add "Ann Lee" --email ann@example.com
stdout_has "A client" "client #1"
run 0 "B client" -- $PB client add "Bob Stone" --email bob@example.com
stdout_has "B client: ids per shop" "client #1"
run 0 "A address" -- $PA address add 1 --house 120 --street "King St W" --city Toronto
run 0 "A invoice" -- $PA invoice add 1 --number A-1
run 0 "A line" -- $PA invoice line A-1 labour "Repair" --price 100
run 0 "A issue" -- $PA invoice issue A-1
run 1 "B cannot see A's invoice" -- $PB invoice show A-1
stderr_is_one_line "B cannot see A's invoice" "no invoice A1"
run 0 "B lists its own clients" -- $PB client list
stdout_has "B lists its own" "Bob Stone"
if grep -q "Ann Lee" "$OUT"; then bad "B sees A's client"; else ok; fi
run 1 "B lookup of A's invoice" -- $PB lookup A-1 120
stderr_is_one_line "B lookup of A's invoice" "nothing matches that number and house number"
run 0 "A lookup of its invoice" -- $PA lookup A-1 120
expect_equal "no shop set reads nothing" "$(app_sql 'SELECT count(*) FROM clients')" "0"
case $(app_sql "INSERT INTO clients (name, created_at) VALUES ('X', 0)") in
*"null value"*|*"row-level security"*|*violates*) ok ;;
*) bad "a connection with no shop set could write" ;;
esac
case $(app_sql "ALTER TABLE clients DISABLE ROW LEVEL SECURITY") in
*"must be owner"*) ok ;;
*) bad "the programs' role could turn row-level security off" ;;
esac
case $(app_sql "SELECT set_config('portal.shop', '-1', false); SELECT count(*) FROM invoices") in
*0) ok ;;
*) bad "an unknown shop reads rows" ;;
esac

# --- disabled -----------------------------------------------------------------
run 0 "disable" -- $PORTAL --db "$OWNER" host disable "$B"
run 5 "disabled shop" -- $PB client list
stderr_is_one_line "disabled shop" "the shop $B is disabled"
run 0 "enable" -- $PORTAL --db "$OWNER" host enable "$B"
run 0 "enabled again" -- $PB client list
run 1 "disable missing" -- $PORTAL --db "$OWNER" host disable nosuch$$
stderr_is_one_line "disable missing" "no shop named nosuch$$"

# --- three writers at once: 300 invoices, 300 consecutive numbers -----------
for w in 1 2 3; do
	(
		i=0
		while [ $i -lt 100 ]; do
			$PA invoice add 1 >>"writer$w.out" 2>>"writer$w.err" || echo "exit $?" >>"writer$w.err"
			i=$((i + 1))
		done
	) &
done
wait
if [ -s writer1.err ] || [ -s writer2.err ] || [ -s writer3.err ]; then
	bad "concurrent writers failed: $(cat writer1.err writer2.err writer3.err | head -3)"
else
	ok
fi
sed -n 's/^Invoice \([0-9]*\) .*/\1/p' writer1.out writer2.out writer3.out | sort -n >numbers
expect_equal "300 invoices" "$(wc -l <numbers | tr -d ' ')" "300"
expect_equal "300 distinct" "$(sort -u numbers | wc -l | tr -d ' ')" "300"
first=$(head -1 numbers)
last=$(tail -1 numbers)
expect_equal "consecutive" "$((last - first + 1))" "300"
# An export reads a shop-wide table a batch at a time (pg.c): 301 invoices
# are two batches and a part, each invoice once.
run 0 "export A" -- $PA export
expect_equal "export: every invoice once" \
	"$(json_value 'len(set(i["number"] for i in d["invoices"])), len(d["invoices"])')" "(301, 301)"

# --- two deliveries at once send each message once ---------------------------
cat >gateway <<SCRIPT
#!/bin/sh
sleep 0.05
printf '%s\n' "\$1" >>"$WORK/sms.out"
cat >/dev/null
SCRIPT
chmod +x gateway
run 0 "gateway" -- $PA shop set sms_gateway_command "$WORK/gateway"
run 0 "timezone" -- $PA shop set timezone America/Toronto
i=0
while [ $i -lt 20 ]; do
	run 0 "sms client $i" -- $PA client add "Client $i" --phone "416-555-01$((10 + i))" --sms yes
	i=$((i + 1))
done
run 0 "queue" -- $PA access link 2 --send sms
i=3
while [ $i -le 21 ]; do
	$PA access link $i --send sms >/dev/null 2>&1 || bad "queue $i"
	i=$((i + 1))
done
$PA outbox deliver >deliver1.out 2>&1 &
d1=$!
$PA outbox deliver >deliver2.out 2>&1 &
d2=$!
wait $d1 $d2
expect_equal "each message once" "$(sort sms.out | uniq -d | wc -l | tr -d ' ')" "0"
expect_equal "every message" "$(wc -l <sms.out | tr -d ' ')" "20"

# --- a shop moved from its SQLite file ----------------------------------------
run 0 "demo on a file" -- $PORTAL --db demo.db demo
run 0 "export the file" -- $PORTAL --db demo.db export -o file.json
C=pgc$$
run 0 "new shop" -- $PORTAL --db "$OWNER" host add "$C"
run 0 "import into PostgreSQL" -- $PORTAL --db "$APP" --shop "$C" import file.json
run 0 "export from PostgreSQL" -- $PORTAL --db "$APP" --shop "$C" export -o pg.json
if cmp -s file.json pg.json; then ok; else bad "the exports differ: $(cmp file.json pg.json)"; fi

finish
