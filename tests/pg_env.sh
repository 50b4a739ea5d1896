#!/bin/sh
# SPDX-License-Identifier: MIT
# Run a unit test on the PostgreSQL cluster of the ctest fixture:
#
#   pg_env.sh ENV_FILE TEST [ARG...]
#
# ENV_FILE is what tests/pg_cluster_fixture.sh wrote; its PORTAL_TEST_PG
# makes the test's shops (tests/helpers.c) shops of that database.
set -eu

[ $# -ge 2 ] || { echo "usage: $0 ENV_FILE TEST [ARG...]" >&2; exit 2; }
env_file=$1
shift
[ -f "$env_file" ] || { echo "pg_env.sh: no cluster: $env_file is missing" >&2; exit 1; }
PORTAL_TEST_PG=""
. "$env_file"
[ -n "$PORTAL_TEST_PG" ] || { echo "pg_env.sh: $env_file names no database" >&2; exit 1; }
export PORTAL_TEST_PG
exec "$@"
