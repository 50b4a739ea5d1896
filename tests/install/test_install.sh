# SPDX-License-Identifier: MIT
# test_install.sh - what `cmake --install` gives an integrator, proved by
# using it as one would: the example program (examples/balance_pdf.c) is
# built in the build tree, then from the staged install's own copy of it
# through pkg-config (shopportal, shared, and shopportal-static) and
# through find_package(shopportal); each build runs on a demo shop and its
# PDF is read back. Nothing installed takes a name of Debian's libportal
# (the Flatpak portal library), and a static build needs no
# libshopportal.so. The staged
# `portal serve` must serve the portal.cgi and static files installed
# beside it, and the staged man page must render without a warning.
#
#     sh test_install.sh PORTAL BUILD_DIR EXAMPLE
#
# PORTAL and EXAMPLE are the build tree's programs; CC and CMAKE in the
# environment name the compiler and cmake of the build.
. "$(dirname "$0")/../cli/lib.sh"

BUILD=${2:?usage: $0 PORTAL BUILD_DIR EXAMPLE}
EXAMPLE=${3:?usage: $0 PORTAL BUILD_DIR EXAMPLE}
CC=${CC:-cc}
CMAKE=${CMAKE:-cmake}
STAGE="$WORK/stage"
server=""

# The example and the CLI must agree on "now": both take the real clock.
unset PORTAL_NOW PORTAL_CGI PORTAL_STATIC

stop_server() {
	if [ -n "$server" ]; then
		kill "$server" 2>/dev/null
		wait "$server" 2>/dev/null
		server=""
	fi
}
trap 'stop_server; cd /; rm -rf "$WORK"' EXIT INT TERM

# A demo shop, and what the CLI says about a partly paid invoice: its
# number, its total, and what its client owes (statement balance).
"$PORTAL" --db "$WORK/shop.db" demo >/dev/null 2>&1 || { echo "FAIL: portal demo"; exit 1; }
run 0 "invoice list" -- "$PORTAL" --db "$WORK/shop.db" --json invoice list --status partly-paid
INVOICE=$(json_value 'd[0]["number"]')
TOTAL=$(json_value 'd[0]["totals"]["total_text"]')
CLIENT=$(json_value 'd[0]["client_id"]')
run 0 "statement" -- "$PORTAL" --db "$WORK/shop.db" --json statement "$CLIENT"
OWES=$(json_value '"{:,}.{:02d}".format(d["balance"] // 100, d["balance"] % 100)')

# check_example NAME BINARY: it prints the invoice and the client's
# balance, and writes a PDF that shows the number and the total.
check_example() {
	pdf="$WORK/$1.pdf"
	run 0 "$1: runs" -- "$2" "$WORK/shop.db" "$INVOICE" "$pdf" || return
	stdout_has "$1" "Invoice $INVOICE "
	stdout_has "$1" "total $TOTAL,"
	stdout_has "$1" " owes $OWES:"
	stdout_has "$1" "Wrote $pdf"
	if pdftotext "$pdf" "$WORK/pdf.txt" 2>/dev/null &&
	   grep -qF "$INVOICE" "$WORK/pdf.txt" && grep -qF "$TOTAL" "$WORK/pdf.txt"; then ok
	else bad "$1: the PDF does not show invoice $INVOICE and its total $TOTAL"; fi
	run 1 "$1: unknown invoice" -- "$2" "$WORK/shop.db" 99999 "$WORK/none.pdf"
	if grep -q "^balance_pdf: no invoice '99999'" "$ERR" && [ ! -e "$WORK/none.pdf" ]; then ok
	else bad "$1: an unknown invoice is not one clear line, or left a file"; fi
	run 5 "$1: missing shop" -- "$2" "$WORK/missing.db" "$INVOICE"
	run 2 "$1: usage" -- "$2"
}

# (1) The example of the build tree.
check_example build "$EXAMPLE"

# (2) The staged install, and the example built from its own copy with
# pkg-config against the shared library.
run 0 "cmake --install" -- "$CMAKE" --install "$BUILD" --prefix "$STAGE"
pc=$(find "$STAGE" -name shopportal.pc)
LIBDIR=$(dirname "$(dirname "$pc")")
export PKG_CONFIG_PATH="$LIBDIR/pkgconfig"
for f in include/portal.h include/portal/version.h include/portal/invoice.h bin/portal \
	libexec/portal/portal.cgi share/portal/static/portal.css share/man/man1/portal.1 \
	share/doc/libportal/README.md share/doc/libportal/docs/cli.md \
	share/doc/libportal/examples/balance_pdf.c; do
	if [ -f "$STAGE/$f" ]; then ok; else bad "install: no $f"; fi
done
for f in libshopportal.a libshopportal.so pkgconfig/shopportal-static.pc \
	cmake/shopportal/shopportalConfig.cmake cmake/shopportal/shopportalConfigVersion.cmake \
	cmake/shopportal/shopportalTargets.cmake; do
	if [ -f "$LIBDIR/$f" ]; then ok; else bad "install: no $f in $LIBDIR"; fi
done
# Debian's libportal1 and libportal-dev own these names.
clash=$(find "$STAGE" \( -name 'libportal.so*' -o -name 'libportal.a' -o -name 'libportal.pc' \
	-o -path '*/cmake/portal' \) | tr '\n' ' ')
if [ -z "$clash" ]; then ok; else bad "install: names of Debian's libportal: $clash"; fi
run 0 "soname" -- readelf -d "$LIBDIR/libshopportal.so"
stdout_has "soname" "Library soname: [libshopportal.so.0]"

run 0 "pkg-config" -- pkg-config --modversion shopportal
stdout_has "pkg-config" "$("$PORTAL" --version | sed 's/^portal \([^ ]*\).*/\1/')"
cp -R "$STAGE/share/doc/libportal/examples" "$WORK/pc"
run 0 "pkg-config build" -- make -C "$WORK/pc" CC="$CC" CFLAGS="-O1 -g -Wall -Wextra -Werror"
run 0 "pkg-config: ldd" -- env LD_LIBRARY_PATH="$LIBDIR" ldd "$WORK/pc/balance_pdf"
stdout_has "pkg-config: the staged library is loaded" "libshopportal.so.0 => $LIBDIR/libshopportal.so.0"
export LD_LIBRARY_PATH="$LIBDIR"
check_example pkg-config "$WORK/pc/balance_pdf"
unset LD_LIBRARY_PATH

# (4) The same through shopportal-static: libshopportal.a and what it
# needs, with the example's `make static` and with the README's command.
# Neither may need libshopportal.so, even where the loader would find it.
# static_only NAME BINARY
static_only() {
	if readelf -d "$2" | grep -q "NEEDED.*shopportal"; then
		bad "$1: the example still needs libshopportal.so"
	else ok; fi
	run 0 "$1: ldd" -- env LD_LIBRARY_PATH="$LIBDIR" ldd "$2"
	if grep -q "shopportal" "$OUT"; then bad "$1: ldd shows libshopportal.so"
	else ok; fi
	stdout_has "$1: ldd" "libsqlite3.so"
}
run 0 "static build" -- make -C "$WORK/pc" static CC="$CC" CFLAGS="-O1 -g -Wall -Wextra -Werror"
static_only static "$WORK/pc/balance_pdf"
check_example static "$WORK/pc/balance_pdf"
# shellcheck disable=SC2046
run 0 "README static build" -- $CC -O1 -Wall -Wextra -Werror -o "$WORK/readme_static" \
	"$WORK/pc/balance_pdf.c" $(pkg-config --cflags --libs shopportal-static)
static_only "README static" "$WORK/readme_static"
check_example "README static" "$WORK/readme_static"

# (3) A fresh CMake project: find_package(shopportal) with the staged
# prefix, against shopportal::shopportal, then shopportal::shopportal_static.
cp -R "$STAGE/share/doc/libportal/examples" "$WORK/cm"
for kind in shared static; do
	flag=OFF
	[ "$kind" = static ] && flag=ON
	run 0 "find_package $kind: configure" -- "$CMAKE" -S "$WORK/cm" -B "$WORK/cm-$kind" \
		-DCMAKE_C_COMPILER="$CC" -DCMAKE_PREFIX_PATH="$STAGE" \
		-DPORTAL_EXAMPLE_STATIC=$flag -DCMAKE_C_FLAGS="-Wall -Wextra -Werror" &&
	run 0 "find_package $kind: build" -- "$CMAKE" --build "$WORK/cm-$kind" &&
	check_example "find_package-$kind" "$WORK/cm-$kind/balance_pdf"
done
run 0 "find_package: ldd" -- ldd "$WORK/cm-shared/balance_pdf"
stdout_has "find_package: the staged library is loaded (RPATH)" \
	"libshopportal.so.0 => $LIBDIR/libshopportal.so.0"
static_only "find_package static" "$WORK/cm-static/balance_pdf"

# (5) The staged `portal serve`, without --cgi or --static, on a free port
# of 127.0.0.1: it answers the landing page and the stylesheet, from the
# portal.cgi and static files installed beside it.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$STAGE/bin/portal" --db "$WORK/shop.db" serve --port "$port" >"$WORK/serve.out" 2>&1 &
server=$!
landing=""
for _ in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	if curl -s --max-time 5 -o "$WORK/landing.html" "http://127.0.0.1:$port/"; then
		landing=yes
		break
	fi
	kill -0 "$server" 2>/dev/null || break
	sleep 0.5
done
if [ -n "$landing" ] && grep -q "Track your repair" "$WORK/landing.html"; then ok
else bad "serve: no landing page on port $port ($(cat "$WORK/serve.out"))"; fi
if curl -s --max-time 5 "http://127.0.0.1:$port/static/portal.css" | cmp -s - "$STAGE/share/portal/static/portal.css"; then ok
else bad "serve: /static/portal.css is not the installed one"; fi
# lighttpd's configuration names the installed files, not the build tree's.
lighttpd=""
for stat in /proc/[0-9]*/stat; do
	if [ "$(awk '{ print $4 }' "$stat" 2>/dev/null)" = "$server" ]; then
		lighttpd=$(basename "$(dirname "$stat")")
		break
	fi
done
conf=$(tr '\0' '\n' <"/proc/$lighttpd/cmdline" 2>/dev/null | sed -n '/^-f$/{n;p;}')
if [ -n "$conf" ] && grep -qF "$STAGE/libexec/portal/portal.cgi" "$conf" &&
   grep -qF "$STAGE/share/portal/static" "$conf"; then ok
else bad "serve: lighttpd was not given the installed portal.cgi and static files"; fi
stop_server

# (6) The staged man page renders without a warning.
if command -v groff >/dev/null 2>&1; then
	run 0 "man page" -- groff -man -Tutf8 -ww -z "$STAGE/share/man/man1/portal.1"
	if [ -s "$ERR" ]; then bad "man page: groff warns"; else ok; fi
	run 0 "man page text" -- groff -man -Tascii -P-cbou "$STAGE/share/man/man1/portal.1"
	stdout_has "man page" "PORTAL(1)"
	stdout_has "man page" "EXIT STATUS"
	stdout_has "man page" "portal serve [--port N]"
else
	echo "groff is not installed: the man page was not rendered"
fi

finish
