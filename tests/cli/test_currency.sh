#!/bin/sh
# SPDX-License-Identifier: MIT
# A euro shop through the real `portal` binary: its PDFs (read back with
# pdftotext) and the payment commands write every amount with the euro
# sign and never a dollar.
#
#   sh tests/cli/test_currency.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
EURO=$(printf '\342\202\254')

run 0 "demo" -- $P demo
run 0 "euro shop" -- $P shop set currency EUR

pdf_text() {  # pdf_text NAME FILE WANT...: the text has each WANT, no "$"
	name=$1 file=$2
	shift 2
	pdftotext -layout "$file" "$WORK/pdf.txt" 2>/dev/null || bad "$name: pdftotext"
	for want in "$@"; do
		if grep -qF -- "$want" "$WORK/pdf.txt"; then ok
		else bad "$name: the PDF's text lacks '$want'"; fi
	done
	if grep -qF '$' "$WORK/pdf.txt"; then bad "$name: the PDF writes a dollar sign"
	else ok; fi
}

run 0 "invoice pdf" -- $P invoice pdf "#10005" -o due.pdf
pdf_text "invoice" due.pdf "-${EURO}120.00" "${EURO}117.52" "-${EURO}100.00" "${EURO}17.52" \
	"Cancelling a visit"
run 0 "statement pdf" -- $P statement pdf 3 -o statement.pdf
pdf_text "statement" statement.pdf "${EURO}17.52"

run 0 "payment" -- $P payment add 10005 5.00 --method cash
stdout_has "payment in euros" "${EURO}5.00 by"
stdout_has "balance in euros" "balance ${EURO}12.52"
if grep -qF '$' "$OUT"; then bad "the payment's lines write a dollar sign"; else ok; fi

run 0 "pound shop" -- $P shop set currency GBP
run 0 "invoice pdf in pounds" -- $P invoice pdf "#10005" -o gbp.pdf
pdf_text "pounds" gbp.pdf "$(printf '\302\243')12.52"

finish
