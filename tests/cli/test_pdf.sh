#!/bin/sh
# SPDX-License-Identifier: MIT
# PDF tests through the real `portal` binary, read back with poppler's
# pdftotext, pdfinfo, pdffonts and pdftoppm: every figure, date, name and
# mark is found in the text, long invoices flow onto more pages with the
# table header repeated, and every page renders.
#
#   sh tests/cli/test_pdf.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"

text_of() { pdftotext -layout "$1" - 2>/dev/null; }
pdf_has() {  # pdf_has NAME FILE TEXT...
	name=$1 file=$2
	shift 2
	text_of "$file" >"$WORK/pdf.txt"
	for want in "$@"; do
		if grep -qF -- "$want" "$WORK/pdf.txt"; then ok
		else bad "$name: the PDF's text lacks '$want'"; fi
	done
}
pages_of() { pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'; }
embeds_font() { pdffonts "$1" 2>/dev/null | tail -n +3 | grep -q ' yes '; }
renders() {  # renders NAME FILE PAGES: pdftoppm draws every page
	rm -rf "$WORK/png" && mkdir "$WORK/png"
	if pdftoppm -r 30 -png "$2" "$WORK/png/p" 2>"$WORK/ppm.err" &&
	   [ "$(ls "$WORK/png" | wc -l)" -eq "$3" ]; then ok
	else bad "$1: pdftoppm did not render $3 pages"; fi
}

run 0 "demo" -- $P demo
dump shop.db >"$WORK/before.sql"

# --- a paid invoice for a name beyond Latin-1: the embedded font ----------
run 0 "invoice pdf" -- $P invoice pdf 10003 -o paid.pdf
stdout_has "says where it wrote" "wrote paid.pdf"
pdf_has "paid invoice" paid.pdf "Invoice" "No. 10003" "PAID" "Łukasz Kowalski" \
	"48 Roncesvalles Ave" "2018 Toyota Corolla" "Brakes squeal" \
	"Replace front pads, resurface rotors" "275.00" "89.99" "-20.00" \
	"\$344.99" "Tax (13%)" "\$44.85" "\$389.84" "Payments received" "Balance due" \
	"\$0.00" "Tue 10 Nov 2026" "On receipt" "Mon 16 Nov 2026" \
	"Labour until Tue 2 Feb 2027, parts until Fri 4 Dec 2026" \
	"Page 1 of 1" "Cancelling a visit" "Northside Appliance & Auto Repair"
if embeds_font paid.pdf; then ok; else bad "a name with Ł embeds the TrueType font"; fi
renders "paid invoice" paid.pdf 1

# --- a partly paid invoice in plain Western European text: built-in fonts --
run 0 "latin invoice" -- $P invoice pdf "#10005" -o due.pdf
pdf_has "due invoice" due.pdf "DUE" "Jürgen Müller" "Partly paid" \
	"Service call fee credited" "-\$120.00" "\$117.52" "-\$100.00" "\$17.52" "Fri 20 Nov 2026" "Sun 20 Dec 2026"
if embeds_font due.pdf; then bad "plain Latin text embeds no font"; else ok; fi
latin=$(wc -c <due.pdf)
embedded=$(wc -c <paid.pdf)
if [ "$latin" -lt 10000 ] && [ "$embedded" -gt "$latin" ]; then ok
else bad "a Latin invoice stays small ($latin bytes; embedded $embedded)"; fi

run 0 "overdue invoice" -- $P invoice pdf 10011 -o overdue.pdf
pdf_has "overdue invoice" overdue.pdf "OVERDUE" "\$85.60"
run 0 "void invoice" -- $P invoice pdf 10016 -o void.pdf
pdf_has "void invoice" void.pdf "VOID" "Nothing is owed"
run 0 "draft invoice" -- $P invoice pdf 10013 -o draft.pdf
pdf_has "draft invoice" draft.pdf "DRAFT"

# --- the default file name, stdout, JSON -----------------------------------
run 0 "default name" -- $P invoice pdf inv-10005
if cmp -s due.pdf invoice-10005.pdf; then bad "two renderings have different ids"; else ok; fi
[ -s invoice-10005.pdf ] && ok || bad "invoice-NUMBER.pdf is the default file"
run 0 "stdout" -- $P invoice pdf 10005 -o -
if head -c 5 "$OUT" | grep -q '%PDF-'; then ok; else bad "-o - writes the PDF to stdout"; fi
run 0 "json" -- $P --json invoice pdf 10005 -o j.pdf
stdout_is_json "pdf --json"
expect_equal "json names the file" "$(json_value 'd["file"]')" "j.pdf"
expect_equal "json counts the bytes" "$(json_value 'd["bytes"]')" "$(wc -c <j.pdf | tr -d ' ')"

# --- deterministic mode: the same records give the same bytes ------------
run 0 "deterministic 1" -- $P invoice pdf 10003 -o d1.pdf --deterministic
run 0 "deterministic 2" -- $P invoice pdf 10003 -o d2.pdf --deterministic
if cmp -s d1.pdf d2.pdf; then ok; else bad "--deterministic gives the same bytes"; fi
if pdfinfo d1.pdf | grep -q "CreationDate:.*2000"; then ok
else bad "--deterministic fixes the creation date"; fi

# --- estimates: validity and each line's decision ---------------------------
run 0 "estimate pdf" -- $P estimate pdf E1008 -o est.pdf
pdf_has "partly approved estimate" est.pdf "Estimate" "E1008" "PARTLY APPROVED" \
	"Valid until" "Approved by" "Declined" "Approved total"
run 0 "pending estimate" -- $P estimate pdf E1009 -o pending.pdf
pdf_has "pending estimate" pending.pdf "AWAITING APPROVAL" "Pending" "Sat 28 Nov 2026" \
	"until the end of Sat 28 Nov 2026."

# --- the statement of account ----------------------------------------------
run 0 "statement pdf" -- $P statement pdf 3 -o st.pdf
$P --json statement 3 >"$OUT"
balance=$(json_value '"%d.%02d" % divmod(d["balance"], 100)')
pdf_has "statement" st.pdf "Statement of account" "Client 3" "Account activity" \
	"Ageing of the open balance" "OVER 90 DAYS" "Invoice 10005" "Balance due" "\$$balance"

unchanged_since "rendering changes nothing" shop.db "$WORK/before.sql"

# --- a 200-line invoice for a name no built-in font has --------------------
run 0 "client beyond Latin-1" -- $P client add "Đorđe Petrović-Őry Дмитрий"
client=$(shop_sql shop.db "SELECT max(id) FROM clients")
run 0 "long invoice" -- $P --json invoice add "$client"
number=$(json_value 'd["number"]')
i=1
while [ "$i" -le 200 ]; do
	$P invoice line "$number" part "Part $i of the long repair: a description long enough to wrap onto a second line inside its column" --price 1.25 >/dev/null 2>&1 || bad "line $i"
	i=$((i + 1))
done
run 0 "issue long" -- $P invoice issue "$number"
run 0 "long pdf" -- $P invoice pdf "$number" -o long.pdf
pages=$(pages_of long.pdf)
if [ "${pages:-0}" -ge 5 ]; then ok; else bad "200 wrapped lines take at least 5 pages ($pages)"; fi
pdf_has "long invoice" long.pdf "Đorđe Petrović-Őry Дмитрий" "Part 1 of the long repair" \
	"Part 200 of the long repair" "Page 1 of $pages" "Page $pages of $pages" "\$250.00" \
	"(continued)"
heads=$(grep -c "DESCRIPTION" "$WORK/pdf.txt")
expect_equal "the table header on every page" "$heads" "$pages"
renders "long invoice" long.pdf "$pages"

# --- every invoice at once ------------------------------------------------------
issued=$(shop_sql shop.db "SELECT count(*) FROM invoices WHERE issued_at IS NOT NULL AND issued_at > 0")
run 0 "bulk export" -- $P invoice pdf --all --dir all --jobs 2
stdout_has "bulk export counts" "wrote $issued invoice PDFs to all"
expect_equal "one file per issued invoice" "$(ls all | wc -l | tr -d ' ')" "$issued"
broken=0
for f in all/*.pdf; do pdfinfo "$f" >/dev/null 2>&1 || broken=$((broken + 1)); done
expect_equal "every exported file is a PDF" "$broken" 0
if [ -e all/invoice-10013.pdf ]; then bad "drafts are not exported"; else ok; fi
# On a terminal (script(1) gives it one) the export counts as it goes.
script -qec "$P invoice pdf --all --dir tty --jobs 2" /dev/null >"$WORK/tty.out" 2>&1
if grep -q "portal: $issued invoices written" "$WORK/tty.out"; then ok
else bad "progress on a terminal: $(head -c 300 "$WORK/tty.out")"; fi
# More invoices than the export walks ahead of its workers (64): the
# walk waits for room and every invoice is written once.
printf 'ref,name\nM-1,Many Invoices\n' >many-clients.csv
{
	echo "number,client_ref,status,issued_at,due_at"
	n=1
	while [ "$n" -le 300 ]; do
		echo "M-$n,M-1,issued,2026-10-01,2026-10-31"
		n=$((n + 1))
	done
} >many-invoices.csv
{
	echo "invoice_number,kind,description,quantity,unit_price,taxable"
	n=1
	while [ "$n" -le 300 ]; do
		echo "M-$n,labour,Visit $n,1,50.00,yes"
		n=$((n + 1))
	done
} >many-lines.csv
run 0 "a shop of many invoices" -- $PORTAL --db many.db init
run 0 "300 invoices" -- $PORTAL --db many.db import many-clients.csv many-invoices.csv \
	many-lines.csv
run 0 "300 PDFs" -- $PORTAL --db many.db invoice pdf --all --dir many --jobs 3
stdout_has "300 PDFs" "wrote 300 invoice PDFs to many"
expect_equal "300 files" "$(ls many | wc -l | tr -d ' ')" "300"
run 0 "bulk json" -- $P --json invoice pdf --all --dir all2 --jobs 1
expect_equal "bulk json" "$(json_value 'd["written"]')" "$issued"

# --- refusals: a clear error, no file, nothing changed ------------------------
run 1 "unknown invoice" -- $P invoice pdf 99999 -o none.pdf
stderr_is_one_line "unknown invoice" "no invoice"
[ -e none.pdf ] && bad "no file for an unknown invoice" || ok
run 5 "unwritable place" -- $P invoice pdf 10005 -o missing/dir/x.pdf
[ -z "$(ls missing 2>/dev/null)" ] && ok || bad "no file left behind"
run 2 "all without dir" -- $P invoice pdf --all
run 2 "all with a number" -- $P invoice pdf 10005 --all --dir x
run 2 "jobs out of range" -- $P invoice pdf --all --dir x --jobs 0
run 1 "unknown estimate" -- $P estimate pdf E9999
run 1 "unknown client" -- $P statement pdf 999
run 2 "logo must exist" -- $P shop set logo_path /nonexistent/logo.png
run 2 "font must be absolute" -- $P shop set pdf_font DejaVuSans.ttf

# --- a font the shop names that cannot be read: EIO, nothing written ---------
printf 'not a font\n' >"$WORK/notafont.ttf"
run 0 "a font that is a file" -- $P shop set pdf_font "$WORK/notafont.ttf"
run 5 "unusable font" -- $P invoice pdf 10003 -o bad-font.pdf
stderr_is_one_line "unusable font" "the font for this document cannot be used"
[ -e bad-font.pdf ] && bad "no file from a failed render" || ok
run 0 "latin text needs no font" -- $P invoice pdf 10005 -o fine.pdf
run 0 "font setting cleared" -- $P shop set pdf_font ""

finish
