# SPDX-License-Identifier: MIT
# test_conventions.sh - the library's shape, which the rest of the code and
# every program linking it rely on, proved on the built files and the
# sources rather than trusted:
#
#   - the shared library has the soname libshopportal.so.0 (not
#     libportal's: Debian's Flatpak portal library owns that) and exports
#     only portal_* symbols (hidden default visibility, PORTAL_EXTERN opts
#     in); the static library is built beside it, and every external
#     symbol it defines carries the project's prefix (portal_ public, pt_
#     private), so a program linking it statically meets no name of ours
#     that could be its own or another library's;
#   - portal.h includes every public header;
#   - SQL stays in the store (libportal/store/), SQLite's calls in its
#     driver (store/sqlite*.[ch]) and libpq's in the PostgreSQL driver
#     (store/pg*.c), so the store's query files run on either engine;
#   - the library leaves the host process's global state alone: no TZ,
#     tzset(), localtime() or mktime(), no locale, no signal handlers.
#
#     sh test_conventions.sh LIBPORTAL_SO LIBPORTAL_A SOURCE_DIR
SO=${1:?usage: $0 LIBPORTAL_SO LIBPORTAL_A SOURCE_DIR}
A=${2:?usage: $0 LIBPORTAL_SO LIBPORTAL_A SOURCE_DIR}
SRC=${3:?usage: $0 LIBPORTAL_SO LIBPORTAL_A SOURCE_DIR}
. "$(dirname "$0")/../cli/lib.sh" "$SO"

# --- the built libraries ----------------------------------------------------
run 0 "soname" -- readelf -d "$SO"
stdout_has "soname" "Library soname: [libshopportal.so.0]"
run 0 "exports" -- nm -D --defined-only "$SO"
awk 'NF >= 3 { print $3 }' "$OUT" | sed 's/@.*//' >exports
others=$(grep -v '^portal_' exports | tr '\n' ' ')
[ -z "$others" ] && ok || bad "the shared library exports more than portal_*: $others"
[ "$(wc -l <exports)" -gt 100 ] && ok || bad "the shared library exports almost nothing"
# Every function a header declares is there to be linked.
sed -n 's/^PORTAL_EXTERN([^)]*) *\**\(portal_[a-z0-9_]*\)(.*/\1/p' \
	"$SRC"/include/portal/*.h "$SRC"/include/portal/version.h.in | sort -u >declared
missing=$(sort -u exports | comm -23 declared - | tr '\n' ' ')
[ -s declared ] && [ -z "$missing" ] && ok || bad "declared but not exported: $missing"
run 0 "static library" -- nm --defined-only "$A"
stdout_has "static library" " T portal_open"
# Defined external symbols only (nm -g: upper-case types); the archive's
# member headers and blank lines have fewer than three fields.
run 0 "static symbols" -- nm -g --defined-only "$A"
awk 'NF >= 3 { print $3 }' "$OUT" >static_symbols
# A sanitizer build adds its own markers (__odr_asan.NAME, __asan_*): the
# compiler's, not the library's.
unprefixed=$(grep -vE '^(portal_|pt_|__odr_asan[._]|__asan_|__ubsan_)' static_symbols |
	sort -u | tr '\n' ' ')
[ -z "$unprefixed" ] && ok || bad "the static library defines symbols without portal_ or pt_: $unprefixed"
[ "$(wc -l <static_symbols)" -gt 100 ] && ok || bad "the static library defines almost nothing"

# --- the umbrella header ----------------------------------------------------
for h in "$SRC"/include/portal/*.h "$SRC"/include/portal/version.h.in; do
	name=$(basename "$h" .in)
	grep -q "^#include \"portal/$name\"" "$SRC/include/portal.h" && ok ||
		bad "portal.h does not include portal/$name"
done

# --- the sources ------------------------------------------------------------
cd "$SRC/libportal" || exit 1
# Outside the store nothing writes SQL, and nothing names an engine: the
# handle holds an opaque store, and the store's headers are neutral.
sql=$(grep -lE 'sqlite3|SQLITE_|libpq|PGconn|PGresult|"(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|BEGIN) ' \
	*/*.c */*.h | grep -v '^store/' | tr '\n' ' ')
[ -z "$sql" ] && ok || bad "SQL or a database engine outside the store: $sql"
# Inside it, each engine's calls stay in its driver; the query files and
# the store's common code speak only sql.h.
engine=$(grep -lE 'sqlite3|SQLITE_' store/*.c store/*.h | grep -vE '^store/sqlite(_[a-z_]+)?\.[ch]$' |
	tr '\n' ' ')
[ -z "$engine" ] && ok || bad "SQLite's calls outside its driver: $engine"
engine=$(grep -lE 'libpq|PGconn|PGresult|PQ[a-z]+\(' store/*.c store/*.h | grep -vE '^store/pg(_[a-z_]+)?\.[ch]$' |
	tr '\n' ' ')
[ -z "$engine" ] && ok || bad "libpq's calls outside the PostgreSQL driver: $engine"
global=$(grep -nE '\b(setenv|putenv|unsetenv|tzset|localtime|localtime_r|mktime|setlocale|signal|sigaction|srand)\(' \
	*/*.c | tr '\n' ' ')
[ -z "$global" ] && ok || bad "the library touches the process's global state: $global"

cd "$WORK" || exit 1
finish
