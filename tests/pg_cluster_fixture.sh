#!/bin/sh
# SPDX-License-Identifier: MIT
# The PostgreSQL cluster that the unit tests' second run (pg.unit.*)
# uses, as a ctest fixture:
#
#   pg_cluster_fixture.sh start PG_CLUSTER ENV_FILE
#       start a throw-away cluster with PG_CLUSTER (scripts/pg-cluster) in
#       a new directory under /tmp, and write to ENV_FILE, for
#       tests/pg_env.sh, the URI of its database (PORTAL_TEST_PG) and the
#       directory (PORTAL_TEST_PG_DIR)
#       with PORTAL (the portal binary) in the environment, the host's
#       limit on lookups across shops is turned off (below)
#   pg_cluster_fixture.sh stop PG_CLUSTER ENV_FILE
#       stop the cluster ENV_FILE names, remove its directory and ENV_FILE
#
# A cluster that a run which never got to its stop left behind is
# stopped before a new one starts, so runs do not pile them up.
set -eu

[ $# -eq 3 ] || { echo "usage: $0 start|stop PG_CLUSTER ENV_FILE" >&2; exit 2; }
action=$1
cluster=$2
env_file=$3

stop() {
	[ -f "$env_file" ] || return 0
	PORTAL_TEST_PG_DIR=""
	. "$env_file"
	if [ -n "$PORTAL_TEST_PG_DIR" ]; then
		sh "$cluster" stop "$PORTAL_TEST_PG_DIR"
	fi
	rm -f "$env_file"
}

case $action in
start)
	stop
	dir=$(mktemp -d /tmp/pt-pg.XXXXXX)
	if ! out=$(sh "$cluster" start "$dir"); then
		sh "$cluster" stop "$dir" || true
		exit 1
	fi
	eval "$out"
	# The unit tests' shops are shops of one host, and each test's
	# lookups come from the same few made-up addresses at the same fixed
	# time: the host's limit across shops would add up what belongs to
	# separate tests. It is off here; the web test, which runs alone
	# (tests/pg/test_pg_web.py), turns it on for itself.
	if [ -n "${PORTAL:-}" ] &&
	   ! "$PORTAL" --db "$PORTAL_PG_OWNER" host limit 0 >"$dir/limit.log" 2>&1; then
		cat "$dir/limit.log" >&2
		sh "$cluster" stop "$dir" || true
		exit 1
	fi
	# Written whole and then moved, so a test never reads half of it.
	printf "PORTAL_TEST_PG='%s'\nPORTAL_TEST_PG_DIR='%s'\n" "$PORTAL_PG_OWNER" "$dir" \
		>"$env_file.tmp"
	mv "$env_file.tmp" "$env_file"
	echo "PostgreSQL cluster in $dir"
	;;
stop)
	stop
	;;
*)
	echo "usage: $0 start|stop PG_CLUSTER ENV_FILE" >&2
	exit 2
	;;
esac
