#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""An invoice as one self-contained HTML page, for the PDF benchmark.

    invoice_html.py SHOP.json CLIENT.json JOB.json INVOICE.json > invoice.html

The files are what `portal --json shop show`, `client show ID`, `job show
ID` ({} for an invoice without a job) and `invoice show NUMBER` print. The
page carries what the invoice PDF does, in the way an HTML-based invoicing
system would write it: the shop's header, the title and mark, the dates,
who is billed, where and on what, the job, the lines, the totals and the
shop's terms. Everything is inline (styles, no images, no web fonts), so
the browser that prints it reads nothing but this one file.
"""
import html
import json
import sys


def esc(value):
    return html.escape(str(value if value is not None else ""))


def day(stamp):
    """The date part of an ISO 8601 time, or a dash."""
    return esc(stamp[:10]) if stamp else "-"


STYLE = """
@page { size: Letter; margin: 0.67in; }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 9.5pt;
       color: #1f1f24; margin: 0; }
header { display: flex; justify-content: space-between; border-bottom: 1px solid #ccc;
         padding-bottom: 12pt; margin-bottom: 12pt; }
.shop h1 { font-size: 15pt; margin: 0 0 4pt; }
.shop p, .facts td { margin: 0; color: #666; font-size: 9pt; }
.title { text-align: right; }
.title h2 { font-size: 20pt; margin: 0; }
.mark { display: inline-block; color: #fff; font-weight: bold; padding: 3pt 8pt;
        margin: 6pt 0; }
.mark.paid { background: #17803d; } .mark.due { background: #a86100; }
.mark.overdue, .mark.void { background: #bd1a1a; } .mark.draft { background: #737379; }
.facts { margin-left: auto; border-collapse: collapse; }
.facts td + td { color: #1f1f24; text-align: right; padding-left: 24pt; }
.parties { display: flex; gap: 24pt; margin-bottom: 14pt; }
.parties h3 { font-size: 8pt; color: #666; margin: 0 0 3pt; }
.parties p { margin: 0; }
.job h3 { font-size: 10.5pt; margin: 0 0 3pt; } .job p { margin: 0 0 12pt; }
footer { margin-top: 18pt; border-top: 0.5pt solid #ccc; color: #666; font-size: 7.5pt; }
footer h3 { font-size: 8.5pt; color: #1f1f24; margin: 6pt 0 3pt; } footer p { margin: 0; }
table.lines { width: 100%; border-collapse: collapse; }
table.lines th { background: #eef0f2; font-size: 8.5pt; text-align: left; padding: 4pt; }
table.lines td { border-bottom: 0.5pt solid #ccc; padding: 4pt; vertical-align: top; }
table.lines .num { text-align: right; white-space: nowrap; }
table.totals { margin: 12pt 0 0 auto; border-collapse: collapse; min-width: 230pt; }
table.totals td { padding: 2pt 4pt; }
table.totals td + td { text-align: right; }
table.totals tr.strong td { font-weight: bold; font-size: 11pt;
                            border-top: 0.6pt solid #ccc; }
"""

MARKS = {
    "paid": ("PAID", "paid"),
    "void": ("VOID", "void"),
    "draft": ("DRAFT", "draft"),
    "overdue": ("OVERDUE", "overdue"),
}


def header(shop, inv):
    mark, tone = MARKS.get(inv["status"], ("DUE", "due"))
    contact = "  ·  ".join(x for x in (shop.get("phone"), shop.get("email")) if x)
    return f"""<header>
<div class="shop"><h1>{esc(shop["name"])}</h1>
<p>{esc(shop.get("address"))}</p><p>{esc(contact)}</p></div>
<div class="title"><h2>INVOICE</h2><div>No. {esc(inv["number"])}</div>
<div class="mark {tone}">{mark}</div>
<table class="facts">
<tr><td>Issued</td><td>{day(inv.get("issued_at"))}</td></tr>
<tr><td>Due</td><td>{day(inv.get("due_at"))}</td></tr>
<tr><td>Balance due</td><td>${esc(inv["balance_text"])}</td></tr>
</table></div>
</header>"""


def parties(client, job):
    addresses = {a["id"]: a["line"] for a in client.get("addresses", [])}
    address = addresses.get(job.get("address_id")) or next(iter(addresses.values()), "")
    asset = next((a for a in client.get("assets", []) if a["id"] == job.get("asset_id")), None)
    appliance = ""
    if asset:
        serial = f'VIN {asset["vin"]}' if asset["vin"] else f'Serial {asset["serial"]}'
        appliance = f"""<div><h3>{esc(asset["kind"].upper())}</h3>
<p><b>{esc(asset["year"] or "")} {esc(asset["make"])} {esc(asset["model"])}</b></p>
<p>{esc(asset["category"])}</p><p>{esc(serial)}</p></div>"""
    return f"""<section class="parties">
<div><h3>BILL TO</h3><p><b>{esc(client["name"])}</b></p>
<p>{esc(client.get("email"))}</p><p>{esc(client.get("phone"))}</p></div>
<div><h3>SERVICE ADDRESS</h3><p>{esc(address)}</p></div>
{appliance}
</section>"""


def job_section(job):
    if not job:
        return ""
    return f'<section class="job"><h3>Job {esc(job["id"])}</h3><p>{esc(job["problem"])}</p></section>'


def terms(shop):
    return f"""<footer><h3>Terms</h3>
<p>Service call: a diagnosis visit costs ${esc(shop["service_call_fee"])} plus tax, credited
toward the repair when you go ahead with it.</p>
<p>Warranty: labour is guaranteed for {esc(shop["labour_warranty_days"])} days and parts for
{esc(shop["parts_warranty_days"])} days from the day of the repair, for the same problem only.
{esc(shop["warranty_exclusions"])}</p>
<p>Cancelling a visit: at least {esc(shop["cancellation_notice_hours"])} hours before the
arrival window at no charge; later, ${esc(shop["late_cancellation_fee"])}. Missed visits:
${esc(shop["no_show_fee"])}.</p></footer>"""


def lines(inv):
    rows = "\n".join(
        f'<tr><td>{esc(line["description"])}</td><td>{esc(line["kind_label"])}</td>'
        f'<td class="num">{esc(line["quantity"])}</td>'
        f'<td class="num">{esc(line["unit_price_text"])}</td>'
        f'<td class="num">{esc(line["amount_text"])}</td></tr>'
        for line in inv["lines"])
    return f"""<table class="lines">
<thead><tr><th>Description</th><th>Kind</th><th class="num">Qty</th>
<th class="num">Unit price</th><th class="num">Amount</th></tr></thead>
<tbody>
{rows}
</tbody></table>"""


def totals(inv):
    t = inv["totals"]
    rows = [
        ("Subtotal", t["subtotal_text"], False),
        (f'Tax ({esc(t["tax_rate"])}%)', t["tax_text"], False),
        ("Total", t["total_text"], True),
        ("Payments received", inv["paid_text"], False),
        ("Balance due", inv["balance_text"], True),
    ]
    body = "\n".join(
        f'<tr{" class=strong" if strong else ""}><td>{label}</td><td>${esc(value)}</td></tr>'
        for label, value, strong in rows)
    return f'<table class="totals">\n{body}\n</table>'


def page(shop, client, job, inv):
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Invoice {esc(inv["number"])} - {esc(shop["name"])}</title>
<style>{STYLE}</style></head>
<body>
{header(shop, inv)}
{parties(client, job)}
{job_section(job)}
{lines(inv)}
{totals(inv)}
{terms(shop)}
</body></html>
"""


def main(argv):
    if len(argv) != 5:
        sys.stderr.write("usage: invoice_html.py SHOP.json CLIENT.json JOB.json INVOICE.json\n")
        return 2
    docs = []
    for path in argv[1:]:
        with open(path, encoding="utf-8") as f:
            docs.append(json.load(f))
    sys.stdout.write(page(*docs))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
