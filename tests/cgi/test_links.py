#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_links.py - every link the portal writes reaches its record.

A client whose invoice and estimate numbers hold '/', '#', '?', '%' and
spaces ("2026/0042", "50% dep"), as a shop's own numbering or an import
from its previous system gives them. Through the real portal.cgi behind
lighttpd (`portal serve`, the helpers of test_http.py): the customer
finds the job with such a number, then every link of every page is
followed, the PDF and calendar downloads and the forms' addresses
included, and each must answer 200. A server that decoded %2F into a
separator, or a page that wrote a number into a path unescaped, would
answer 404 or lead to another page.

    python3 test_links.py PORTAL_BINARY PORTAL_CGI

Prints "N passed, M failed"; exits non-zero on any failure.
"""
import os
import re
import sys
from html.parser import HTMLParser
from urllib.parse import quote, unquote, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_http as web  # noqa: E402  (reads the same arguments)
from test_http import check, form, session_cookie, csrf_of  # noqa: E402

CLIENT, HOUSE = "9", "63"  # Ayşe Yılmaz of the demo shop, repair #9
INVOICES = ["2026/0042", "INV #7", "Q?3", "50% dep", "A B 9"]
ESTIMATES = ["E2026/7", "E#8?x", "E 9%"]


class Links(HTMLParser):
    """The addresses a page leads to: links, forms, its stylesheet and script."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.actions = [], []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("a", "link") and a.get("href"):
            self.hrefs.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.hrefs.append(a["src"])
        elif tag == "form" and a.get("action"):
            self.actions.append((a.get("method", "get").upper(), a["action"]))


def links_of(body):
    p = Links()
    p.feed(body)
    return p


def local(href):
    """The path and query of a link on this site, without its fragment; None
    for another scheme (tel:, mailto:) or a fragment alone."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return parts.path + ("?" + parts.query if parts.query else "")


def add_invoice(portal, number):
    portal.cli("invoice", "add", CLIENT, "--job", "9", "--number", number)
    portal.cli("invoice", "line", number, "labour", "Work on " + number, "--price", "25")
    portal.cli("invoice", "issue", number)


def add_estimate(portal, number):
    """A sent estimate renumbered as an import from the shop's previous
    system would have numbered it: the CLI numbers estimates itself."""
    made = portal.cli("estimate", "add", CLIENT, "--job", "9").stdout
    given = re.search(r"Estimate (E\d+)", made).group(1)
    portal.cli("estimate", "line", given, "part", "Part for " + number, "--price", "40")
    portal.cli("estimate", "send", given)
    portal.shop_sql("UPDATE estimates SET number = '%s' WHERE number = '%s'"
                    % (number.replace("'", "''"), given))


def setup(portal):
    for number in INVOICES:
        add_invoice(portal, number)
    for number in ESTIMATES:
        add_estimate(portal, number)
    # A payment on one, so the payments and statement pages link to it too.
    portal.cli("payment", "add", INVOICES[0], "5.00", "--method", "cash")


def crawl(portal, cookie):
    """Every page reachable from the overview; the addresses seen, each
    with the page that wrote it."""
    seen, queue, forms = {"/portal": "(start)"}, ["/portal"], []
    while queue:
        path = queue.pop(0)
        a = portal.request("GET", path, cookie=cookie, check_headers=False)
        check(f"GET {path} (linked from {seen[path]})", a.status == 200, a.status)
        if a.status != 200 or not (a.header("Content-Type") or "").startswith("text/html"):
            continue
        found = links_of(a.text())
        for href in found.hrefs:
            target = local(href)
            if target is None or target in seen or target.startswith("/static/"):
                continue
            if target == "/" or target.startswith("/k/"):
                continue
            seen[target] = path
            queue.append(target)
        forms.extend((method, action, path) for method, action in found.actions)
    return seen, forms


def test_every_link_answers(portal, cookie):
    seen, forms = crawl(portal, cookie)
    for number in INVOICES:
        page = "/portal/invoice/" + quote(number, safe="")
        check(f"the page of invoice {number!r} was linked", page in seen, sorted(seen)[:80])
        check(f"its PDF was linked", page + "/pdf" in seen)
    for number in ESTIMATES:
        page = "/portal/estimate/" + quote(number, safe="")
        check(f"the page of estimate {number!r} was linked", page in seen)
    # Each page of a record names that record, not another one.
    for number in INVOICES + ESTIMATES:
        kind = "estimate" if number.startswith("E") else "invoice"
        a = portal.request("GET", f"/portal/{kind}/{quote(number, safe='')}", cookie=cookie)
        check(f"the {kind} page shows {number!r}", a.status == 200 and
              web.html.escape(number, quote=False) in a.text(), a.status)
        api = portal.request("GET", f"/api/v1/{kind}/{quote(number, safe='')}", cookie=cookie)
        check(f"the API names {kind} {number!r}", api.status == 200 and
              web.json.loads(api.body)[kind]["number"] == number, api.status)
    # The PDF's file name keeps letters, digits, '-' and '_' only.
    pdf = portal.request("GET", "/portal/invoice/" + quote(INVOICES[0], safe="") + "/pdf",
                         cookie=cookie)
    check("the PDF of 2026/0042 downloads", pdf.status == 200 and pdf.body[:5] == b"%PDF-",
          pdf.status)
    check("and is named from its number", 'filename="invoice-20260042.pdf"' in
          (pdf.header("Content-Disposition") or ""), pdf.header("Content-Disposition"))
    return forms


def test_forms_lead_back(portal, cookie, forms):
    """Every form posts to this site, a record's form to that record's
    address, and deciding an estimate with an odd number leads back to
    that estimate's page."""
    for method, action, page in forms:
        check(f"{method} form of {page} posts to this site", local(action) is not None, action)
    for number in ESTIMATES:
        action = "/portal/estimate/" + quote(number, safe="") + "/decide"
        check(f"the form of estimate {number!r} posts to it",
              any(a == action for _, a, _ in forms), action)
    csrf = csrf_of(portal.request("GET", "/portal", cookie=cookie))
    number = ESTIMATES[0]
    path = "/portal/estimate/" + quote(number, safe="")
    a = portal.request("POST", path + "/decide", form(csrf=csrf, line="", decision="approve",
                                                     name="Ayşe Yılmaz"), cookie=cookie)
    where = a.header("Location") or ""
    check("a decision is answered with a redirect", a.status == 303, a.status)
    back = portal.request("GET", urlsplit(where).path, cookie=cookie)
    check(f"which leads to estimate {number!r}", back.status == 200 and number in
          web.html.unescape(back.text()), f"{where} {back.status}")
    check("and the estimate is approved", "approved by Ayşe Yılmaz" in
          portal.cli("estimate", "show", number).stdout)


def test_lookup_with_the_number(portal):
    """The number as printed finds the job, and the session it opens is
    the one the crawl uses."""
    a = portal.request("POST", "/session", form(invoice=INVOICES[0], house=HOUSE,
                                                 next="dashboard"))
    check("invoice 2026/0042 and house 63 open the portal", a.status == 303, a.status)
    return session_cookie(a)


def test_a_decoded_slash_is_not_a_separator(portal, cookie):
    """The same number written with a real slash is another address."""
    a = portal.request("GET", "/portal/invoice/2026/0042", cookie=cookie, check_headers=False)
    check("/portal/invoice/2026/0042 is no invoice page", a.status == 404, a.status)
    b = portal.request("GET", "/portal/invoice/2026%2f0042", cookie=cookie)
    check("a lower-case escape names it too", b.status == 200, b.status)
    check("unquote is the inverse", unquote(quote(INVOICES[0], safe="")) == INVOICES[0])


def scenario(portal, _):
    cookie = test_lookup_with_the_number(portal)
    check("a session cookie", cookie is not None)
    forms = test_every_link_answers(portal, cookie)
    test_a_decoded_slash_is_not_a_separator(portal, cookie)
    test_forms_lead_back(portal, cookie, forms)


def main():
    return web.run("links", scenario, prepare=setup)


if __name__ == "__main__":
    sys.exit(main())
