#!/bin/sh
# SPDX-License-Identifier: MIT
# CLI tests of payments, refunds, account credit, the breakdown by method
# and the statement of account: the real `portal` binary.
#
#   sh tests/cli/test_payment.sh path/to/portal
. "$(dirname "$0")/lib.sh"

P="$PORTAL --db shop.db"
run 0 "init" -- $P init
run 0 "timezone" -- $P shop set timezone America/Toronto
run 0 "client" -- $P client add "Ann Lee"
run 0 "second client" -- $P client add "Bo Chen"
run 0 "job" -- $P job add 1 --problem "Dryer does not heat" --at "2026-10-01 08:00"
# 10001: $135.60 issued 2026-10-01, due 2026-10-15, on the job.
run 0 "invoice 10001" -- $P invoice add 1 --job 1
run 0 "line" -- $P invoice line 10001 labour "Replace element" --price 120
run 0 "issue 10001" -- $P invoice issue 10001 --at "2026-10-01 09:00" --due 2026-10-15
# 10002: $135.60 issued 2026-11-20, due 2026-12-01.
run 0 "invoice 10002" -- $P invoice add 1
run 0 "line" -- $P invoice line 10002 part "Belt" --price 120
run 0 "issue 10002" -- $P invoice issue 10002 --at "2026-11-20 09:00" --due 2026-12-01
# 10003: a draft.
run 0 "invoice 10003" -- $P invoice add 1
run 0 "line" -- $P invoice line 10003 part "Knob" --price 10

# --- help --------------------------------------------------------------------
run 0 "payment --help" -- $P payment --help
stdout_has "payment --help" "usage: portal payment"
run 0 "payment add --help" -- $P payment add --help
stdout_has "payment add --help" "--credit"
run 0 "statement --help" -- $P statement --help
stdout_has "statement --help" "usage: portal statement"

# --- paying invoices ---------------------------------------------------------
run 0 "partial payment" -- $P payment add 10001 50 --method cash --at "2026-10-05 12:00"
stdout_has "partial payment" "payment #1"
stdout_has "partial payment balance" "invoice 10001: Overdue, balance \$85.60"

dump shop.db >snap
run 3 "overpayment" -- $P payment add INV-10002 150 --method debit
stderr_is_one_line "overpayment" "a payment of \$150.00 exceeds the balance of \$135.60 on invoice 10002; record the rest as account credit"
unchanged_since "overpayment" shop.db snap
run 2 "unknown method" -- $P payment add 10002 10 --method bitcoin
stderr_is_one_line "unknown method" "--method: 'bitcoin'"
run 2 "no method" -- $P payment add 10002 10
run 2 "not an amount" -- $P payment add 10002 ten --method cash
run 2 "zero amount" -- $P payment add 10002 0 --method cash
stderr_is_one_line "zero amount" "payment.amount"
run 2 "in the future" -- $P payment add 10002 10 --method cash --at "2026-11-23 09:00"
stderr_is_one_line "in the future" "payment.received_at"
run 2 "neither invoice nor client" -- $P payment add 10 --method cash
run 1 "unknown invoice" -- $P payment add 99999 10 --method cash
run 3 "a draft" -- $P payment add 10003 10 --method cash
stderr_is_one_line "a draft" "invoice 10003 is a draft"
run 2 "another client's invoice" -- $P payment add --client 2 10002 10 --method cash
stderr_is_one_line "another client's invoice" "payment.client"
run 1 "credit for a missing client" -- $P payment add --client 9 10 --method cash
unchanged_since "refused payments" shop.db snap

run 0 "overpayment to credit" -- $P payment add 10002 150 --method debit --reference "TX 991" --credit
stdout_has "overpayment to credit" "payment #2"
stdout_has "invoice paid" "invoice 10002: Paid, balance \$0.00"
stdout_has "the rest is credit" "account credit: \$14.40"
run 0 "account credit" -- $P --json payment add --client 1 25 --method e-transfer
stdout_is_json "account credit"
expect_equal "credit has no invoice" "$(json_value 'd["invoice_id"]')" "None"
expect_equal "credit amount" "$(json_value 'd["amount"]')" "2500"
expect_equal "credit method" "$(json_value 'd["method"]')" "e_transfer"

run 0 "pay 10001 in full" -- $P payment add 10001 85.60 --method credit-card
stdout_has "paid in full" "invoice 10001: Paid"
run 0 "job show" -- $P --json job show 1
expect_equal "the job is paid" "$(json_value 'd["status"]')" "paid"

# --- refunds -----------------------------------------------------------------
dump shop.db >snap
run 3 "refund beyond the payment" -- $P payment refund 1 50.01 --reason "Too much"
stderr_is_one_line "refund beyond" "a refund of \$50.01 exceeds the \$50.00 left of payment #1"
run 2 "refund without a reason" -- $P payment refund 1 10
stderr_is_one_line "refund without a reason" "refund.reason"
run 1 "refund of a missing payment" -- $P payment refund 99 --reason "Nothing"
unchanged_since "refused refunds" shop.db snap
run 0 "partial refund" -- $P payment refund 1 20 --reason "Overcharged"
stdout_has "partial refund" "refund #6: \$20.00 of payment #1 (Cash)"
stdout_has "refund reopens the invoice" "invoice 10001: Overdue, balance \$20.00"
run 3 "refund of a refund" -- $P payment refund 6 --reason "Undo"
stderr_is_one_line "refund of a refund" "payment #6 is a refund"
run 0 "refund the rest" -- $P --json payment refund 1 --reason "Returned"
stdout_is_json "refund the rest"
expect_equal "the rest" "$(json_value 'd["amount"]')" "-3000"
expect_equal "refund of" "$(json_value 'd["refund_of"]')" "1"
run 3 "nothing left" -- $P payment refund 1 --reason "Again"

# --- reading -------------------------------------------------------------------
run 0 "show" -- $P payment show 1
stdout_has "show" "Refunded   \$50.00"
run 0 "show a refund" -- $P payment show 6
stdout_has "show a refund" "Overcharged"
run 1 "show missing" -- $P payment show 99
run 0 "list" -- $P payment list --client 1
stdout_has "list" "refund of #1"
run 0 "list --json" -- $P --json payment list --invoice "#10001"
stdout_is_json "list --json"
expect_equal "10001 has two payments and two refunds" "$(json_value 'len(d)')" "4"
expect_equal "refunded so far" "$(json_value 'd[0]["refunded"]')" "5000"
run 1 "list of an unknown invoice" -- $P payment list --invoice 99999

run 0 "breakdown" -- $P payment breakdown
stdout_has "breakdown cash" "Cash"
stdout_has "breakdown total" "Total"
run 0 "breakdown --json" -- $P --json payment breakdown --client 1 --from 2026-11-01 --to 2026-12-01
stdout_is_json "breakdown --json"
expect_equal "every method" "$(json_value 'len(d["methods"])')" "7"
expect_equal "cash: refunds only in November" "$(json_value 'd["methods"][0]["amount"]')" "-5000"
expect_equal "debit" "$(json_value 'd["methods"][1]["amount"]')" "15000"
expect_equal "total" "$(json_value 'd["total"]')" "21060"
run 2 "breakdown backwards" -- $P payment breakdown --from 2026-12-01 --to 2026-11-01

# --- statement -------------------------------------------------------------------
run 0 "statement" -- $P statement 1
stdout_has "statement header" "Statement of account: Ann Lee"
stdout_has "statement entry" "Invoice 10001"
stdout_has "statement ageing" "31-60 days"
stdout_has "statement credit" "Account credit"
run 0 "statement --json" -- $P --json statement 1
stdout_is_json "statement --json"
expect_equal "open: 50.00 on 10001, 38 days late" "$(json_value 'd["ageing"]["days_31_60"]')" "5000"
expect_equal "credit" "$(json_value 'd["account_credit"]')" "3940"
expect_equal "balance" "$(json_value 'd["balance"]')" "1060"
expect_equal "last running balance" "$(json_value 'd["entries"][-1]["balance"]')" "1060"
run 0 "statement as of a day" -- $P --json statement 1 --as-of 2026-10-05
expect_equal "as of the first payment's day" "$(json_value 'd["balance"]')" "8560"
expect_equal "current then" "$(json_value 'd["ageing"]["current"]')" "8560"
run 1 "statement of a missing client" -- $P statement 9
run 2 "statement of a bad id" -- $P statement abc

finish
