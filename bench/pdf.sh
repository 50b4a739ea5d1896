#!/bin/sh
# SPDX-License-Identifier: MIT
# bench/pdf.sh - what an invoice PDF costs, measured in one run on one
# invoice of a demo shop:
#
#   1. PDFs per second in one process (pdf_bench), with the built-in fonts
#      and with DejaVu Sans embedded;
#   2. milliseconds per PDF as a fresh process (`portal invoice pdf`, what
#      a web portal pays when it runs the CLI per download);
#   3. the size of each PDF;
#   4. the same invoice as an HTML page printed to PDF by headless
#      Chromium, a fresh browser each time, the way HTML-based invoicing
#      systems make their PDFs.
#
# then a table and the ratios. Figures from one run on one machine are
# compared with each other, never with another run's: a shared machine is
# noisy, ratios measured side by side much less so.
#
#   bench/pdf.sh [--invoice NUMBER] [--runs N] [--chromium-runs N]
#
# Installs the Debian packages it is missing (as scripts/setup-deps does),
# builds `portal` and pdf_bench in build/ when they are missing or out of
# date, and removes everything it made on exit. Every step has a time limit.
set -eu
cd "$(dirname "$0")/.."

usage="usage: bench/pdf.sh [--invoice NUMBER] [--runs N] [--chromium-runs N]

  --invoice NUMBER    the invoice to render (default: the issued invoice of
                      the demo shop in plain Latin text with the most lines)
  --runs N            fresh-process runs of 'portal invoice pdf' (default 200)
  --chromium-runs N   runs of headless Chromium (default 5)"

invoice=""
runs=200
chromium_runs=5
while [ $# -gt 0 ]; do
	case "$1" in
	--invoice) invoice="${2:?$usage}"; shift 2 ;;
	--runs) runs="${2:?$usage}"; shift 2 ;;
	--chromium-runs) chromium_runs="${2:?$usage}"; shift 2 ;;
	-h|--help) echo "$usage"; exit 0 ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
done
case "$runs$chromium_runs" in
*[!0-9]*) echo "bench/pdf.sh: --runs and --chromium-runs take numbers" >&2; exit 2 ;;
esac
if [ "$runs" -lt 1 ] || [ "$chromium_runs" -lt 1 ]; then
	echo "bench/pdf.sh: --runs and --chromium-runs must be at least 1" >&2
	exit 2
fi

say() { printf '%s\n' "$*" >&2; }
die() { say "bench/pdf.sh: $*"; exit 1; }

# --- What the benchmark needs --------------------------------------------

install_missing() {
	missing=""
	for pkg in "$@"; do
		if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
			missing="$missing $pkg"
		fi
	done
	[ -z "$missing" ] && return 0
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	say "bench/pdf.sh: installing$missing"
	timeout 600 $sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive timeout 1800 $sudo apt-get install -y -qq \
		--no-install-recommends $missing >/dev/null
}

timeout 3600 scripts/setup-deps
install_missing chromium poppler-utils hyperfine fonts-dejavu-core

build=build
if ! grep -q '^PORTAL_BUILD_BENCH:BOOL=ON' "$build/CMakeCache.txt" 2>/dev/null; then
	say "bench/pdf.sh: configuring $build/"
	timeout 300 cmake -S . -B "$build" -DPORTAL_BUILD_BENCH=ON >/dev/null
fi
timeout 900 cmake --build "$build" -j "$(nproc)" --target portal_cli pdf_bench >/dev/null
portal="$build/cli/portal"
pdf_bench="$build/bench/pdf_bench"
# The project's default build type is RelWithDebInfo (-O2); a Debug or
# sanitizer build would measure the instrumentation.
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:STRING=//p' "$build/CMakeCache.txt")
build_type=${build_type:-RelWithDebInfo}
if [ "$build_type" = Debug ] || grep -q '^PORTAL_SANITIZE:BOOL=ON' "$build/CMakeCache.txt"; then
	say "bench/pdf.sh: warning: $build/ is a $build_type or sanitizer build; figures will be slow"
fi
chromium=$(command -v chromium || command -v chromium-browser) || die "no chromium"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/portal-pdf-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
# hyperfine -N splits its commands at spaces.
case "$tmp" in *[[:space:]]*) die "$tmp: a temporary directory without spaces, please (TMPDIR)" ;; esac

# --- Small functions ------------------------------------------------------

# The value of KEY in a line of key=value pairs.
field() { printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"; }

# A figure (mean, median, min, user+system ...) of the Nth command of a
# hyperfine JSON export, in milliseconds: hyperfine_ms FILE N FIGURE
hyperfine_ms() {
	python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))["results"][int(sys.argv[2])]
print("%.3f" % (sum(r[k] for k in sys.argv[3].split("+")) * 1000))' "$1" "$2" "$3"
}

# awk for arithmetic: calc 'a / b' a b
calc() { awk -v a="$2" -v b="${3:-0}" "BEGIN { printf \"%.${4:-1}f\", $1 }"; }

# Has this PDF an embedded font?
embeds_font() {
	timeout 30 pdffonts "$1" 2>/dev/null | awk 'NR > 2 && $(NF-4) == "yes" { found = 1 } END { exit !found }'
}

pages() { timeout 30 pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }

size() { wc -c <"$1" | tr -d ' '; }

# --- The demo shop and its invoice ----------------------------------------

db="$tmp/shop.db"
timeout 60 "$portal" --db "$db" demo >/dev/null

# Issued invoices (no drafts, nothing void) as "lines number", most lines first.
issued_invoices() {
	timeout 30 "$portal" --db "$db" --json invoice list >"$tmp/list.json"
	for n in $(python3 -c 'import json, sys
for i in json.load(open(sys.argv[1])):
    if i["status"] not in ("draft", "void"):
        print(i["number"])' "$tmp/list.json"); do
		timeout 30 "$portal" --db "$db" --json invoice show "$n" >"$tmp/inv.json"
		python3 -c 'import json, sys
print(len(json.load(open(sys.argv[1]))["lines"]), sys.argv[2])' "$tmp/inv.json" "$n"
	done | sort -k1,1nr -k2,2
}

if [ -z "$invoice" ]; then
	for n in $(issued_invoices | awk '{ print $2 }'); do
		timeout 30 "$portal" --db "$db" invoice pdf "$n" -o "$tmp/pick.pdf" >/dev/null
		if ! embeds_font "$tmp/pick.pdf"; then
			invoice=$n
			break
		fi
	done
	[ -n "$invoice" ] || die "the demo shop has no invoice in plain Latin text"
fi
timeout 30 "$portal" --db "$db" --json invoice show "$invoice" >"$tmp/invoice.json" ||
	die "no invoice $invoice"
lines=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["lines"]))' \
	"$tmp/invoice.json")
say "bench/pdf.sh: invoice $invoice ($lines lines)"

# --- In one process ---------------------------------------------------------

say "bench/pdf.sh: in one process (pdf_bench) ..."
inproc=$(timeout -k 5 600 "$pdf_bench" --db "$db" --invoice "$invoice" --out "$tmp")
embeds_font "$tmp/builtin.pdf" && die "invoice $invoice needs the embedded font: pick a Latin one"
embeds_font "$tmp/embed.pdf" || die "pdf_bench's embedded-font PDF embeds no font"
builtin_us=$(field builtin_us "$inproc")
builtin_per_s=$(field builtin_per_s "$inproc")
embed_us=$(field embed_us "$inproc")
embed_per_s=$(field embed_per_s "$inproc")
builtin_bytes=$(field builtin_bytes "$inproc")
embed_bytes=$(field embed_bytes "$inproc")

# --- A fresh process per PDF ----------------------------------------------

# `portal --version` is the same program started and ended with no work:
# what of a fresh process is only exec and loading the shared libraries.
say "bench/pdf.sh: fresh processes, $runs runs of portal invoice pdf and of portal --version ..."
timeout -k 5 900 hyperfine -N --warmup 10 --runs "$runs" --export-json "$tmp/fresh.json" \
	"$portal --db $db invoice pdf $invoice -o $tmp/fresh.pdf" "$portal --version" \
	>"$tmp/fresh.log" 2>&1 || { cat "$tmp/fresh.log" >&2; die "portal invoice pdf failed"; }
fresh_mean=$(hyperfine_ms "$tmp/fresh.json" 0 mean)
fresh_median=$(hyperfine_ms "$tmp/fresh.json" 0 median)
fresh_min=$(hyperfine_ms "$tmp/fresh.json" 0 min)
start_mean=$(hyperfine_ms "$tmp/fresh.json" 1 mean)
start_median=$(hyperfine_ms "$tmp/fresh.json" 1 median)
start_min=$(hyperfine_ms "$tmp/fresh.json" 1 min)
# The load of the machine moves a fresh process's processor time much
# less than its wall-clock time.
fresh_cpu=$(hyperfine_ms "$tmp/fresh.json" 0 user+system)
start_cpu=$(hyperfine_ms "$tmp/fresh.json" 1 user+system)
fresh_bytes=$(size "$tmp/fresh.pdf")
embeds_font "$tmp/fresh.pdf" && die "portal invoice pdf embedded a font in invoice $invoice"

# --- The same invoice through HTML and Chromium -----------------------------

client=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["client_id"])' \
	"$tmp/invoice.json")
job=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["job_id"] or "")' \
	"$tmp/invoice.json")
timeout 30 "$portal" --db "$db" --json shop show >"$tmp/shop.json"
timeout 30 "$portal" --db "$db" --json client show "$client" >"$tmp/client.json"
if [ -n "$job" ]; then
	timeout 30 "$portal" --db "$db" --json job show "$job" >"$tmp/job.json"
else
	echo '{}' >"$tmp/job.json"
fi
timeout 30 python3 bench/invoice_html.py "$tmp/shop.json" "$tmp/client.json" \
	"$tmp/job.json" "$tmp/invoice.json" >"$tmp/invoice.html"

say "bench/pdf.sh: headless Chromium, $chromium_runs cold runs ..."
# Cold: a new browser with an empty profile each run, nothing kept between.
timeout -k 10 $((chromium_runs * 130 + 60)) hyperfine -N --runs "$chromium_runs" \
	--prepare "rm -rf $tmp/profile" --export-json "$tmp/chromium.json" \
	"timeout -k 5 120 $chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer --user-data-dir=$tmp/profile --print-to-pdf=$tmp/chromium.pdf file://$tmp/invoice.html" \
	>"$tmp/chromium.log" 2>&1 || { cat "$tmp/chromium.log" >&2; die "chromium failed"; }
[ -s "$tmp/chromium.pdf" ] || die "chromium wrote no PDF"
chromium_mean=$(hyperfine_ms "$tmp/chromium.json" 0 mean)
chromium_median=$(hyperfine_ms "$tmp/chromium.json" 0 median)
chromium_min=$(hyperfine_ms "$tmp/chromium.json" 0 min)
chromium_bytes=$(size "$tmp/chromium.pdf")

# --- The table and the ratios ---------------------------------------------

ms() { calc 'a / b' "$1" "${2:-1}" "${3:-2}"; }
per_s() { calc '1000 / a' "$1" 0 "${2:-0}"; }
row() { printf '| %-40s | %10s | %10s | %10s | %8s | %8s |\n' "$@"; }
bar() { awk -v v="$1" -v b="$2" 'BEGIN { print (v >= b ? "meets the bar" : "BELOW THE BAR") }'; }

vs_chromium=$(calc 'a / b' "$chromium_median" "$fresh_median" 0)
vs_chromium_min=$(calc 'a / b' "$chromium_min" "$fresh_min" 0)
embed_size=$(calc 'a / b' "$embed_bytes" "$builtin_bytes" 1)
embed_time=$(calc 'a / b' "$embed_us" "$builtin_us" 1)

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
chromium_version=$(timeout 30 "$chromium" --version 2>/dev/null | head -n 1 || true)
hpdf_version=$(dpkg-query -W -f='${Version}' libhpdf-dev 2>/dev/null || echo "?")

echo
echo "libportal PDF benchmark, $(date -u +%Y-%m-%d), $(nproc) cores (${cpu:-unknown CPU}), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$build/ $build_type build, libharu $hpdf_version, ${chromium_version:-Chromium}"
echo "invoice $invoice: $lines lines, pages: $(pages "$tmp/builtin.pdf") (libportal), $(pages "$tmp/chromium.pdf") (Chromium)"
echo
row "how (times in ms per PDF)" median mean min "PDFs/s" bytes
row "----------------------------------------" ---------- ---------- ---------- -------- --------
row "in one process, built-in fonts" "$(ms "$builtin_us" 1000 3)" "$(ms "$(field builtin_us_mean "$inproc")" 1000 3)" \
	"$(ms "$(field builtin_us_min "$inproc")" 1000 3)" "$builtin_per_s" "$builtin_bytes"
row "in one process, DejaVu Sans embedded" "$(ms "$embed_us" 1000)" "$(ms "$(field embed_us_mean "$inproc")" 1000)" \
	"$(ms "$(field embed_us_min "$inproc")" 1000)" "$embed_per_s" "$embed_bytes"
row "fresh process: portal invoice pdf" "$(ms "$fresh_median")" "$(ms "$fresh_mean")" "$(ms "$fresh_min")" \
	"$(per_s "$fresh_median")" "$fresh_bytes"
row "  of which start-up: portal --version" "$(ms "$start_median")" "$(ms "$start_mean")" "$(ms "$start_min")" "" ""
row "HTML printed by headless Chromium, cold" "$(ms "$chromium_median" 1 0)" "$(ms "$chromium_mean" 1 0)" \
	"$(ms "$chromium_min" 1 0)" "$(per_s "$chromium_median" 2)" "$chromium_bytes"
echo
echo "In one process: $(field rounds "$inproc") rounds of $(field count "$inproc") PDFs (embedded: $(field embed_count "$inproc")) after a warm-up, the median round."
echo "Fresh process: $runs runs after 10 warm-up runs; processor time (user + system, mean)"
echo "$(ms "$fresh_cpu") ms, of which start-up $(ms "$start_cpu") ms. Chromium: $chromium_runs runs, each a new browser with an empty profile."
echo
echo "Chromium / portal fresh process:  ${vs_chromium}x at the median, ${vs_chromium_min}x at the minimum (bar: at least 400x, $(bar "$vs_chromium" 400))"
echo "In one process, built-in fonts:   $builtin_per_s PDFs/s (bar: at least 1,000/s, $(bar "$builtin_per_s" 1000))"
echo "Embedded font / built-in fonts:   ${embed_size}x the size, ${embed_time}x the time in one process"
