#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_first_visit.py - a customer's first visits to the portal.

Through the real portal.cgi behind lighttpd (`portal serve`, the helpers
of test_http.py), for Łukasz of the demo shop, who has a paid repair and
a booked one and many past events but never opened the portal:

- his first visit shows no old events as new notifications;
- his paid repair is not among the open repairs;
- the access log shows one row per visit, however many pages each
  visit opened: when, how (invoice and house number, or a secure link)
  and his address masked;
- what happens after his first visit is news on the next one.

    python3 test_first_visit.py PORTAL_BINARY PORTAL_CGI

Prints "N passed, M failed"; exits non-zero on any failure.
"""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_http as web  # noqa: E402  (reads the same arguments)
from test_http import check, form, session_cookie  # noqa: E402

CLIENT, INVOICE, HOUSE = "2", "10003", "48"
PAID_JOB, OPEN_JOB = 2, 13


def section(page, heading):
    """The HTML from the <h2> named `heading` to the next <h2>."""
    m = re.search(r"<h2[^>]*>" + re.escape(heading) + r"</h2>(.*?)(?=<h2|</main>)", page, re.S)
    return m.group(1) if m else ""


def visit_rows(portal, cookie):
    page = portal.request("GET", "/portal/access-log", cookie=cookie).text()
    table = re.search(r'<table class="list" id="visits">.*?<tbody>(.*?)</tbody>', page, re.S)
    return re.findall(r"<tr>(.*?)</tr>", table.group(1), re.S) if table else []


def test_first_visit(portal):
    before = json.loads(portal.cli("--json", "preview", CLIENT, "dashboard").stdout)
    check("the shop's history would count as news", before["unread_notifications"] > 0,
          before["unread_notifications"])
    a = portal.request("POST", "/session", form(invoice=INVOICE, house=HOUSE, next="dashboard"))
    cookie = session_cookie(a)
    check("invoice and house number open the portal", a.status == 303 and cookie, a.status)
    page = portal.request("GET", "/portal", cookie=cookie).text()
    check("the first visit shows nothing as new", "new notification" not in page)
    api = json.loads(portal.request("GET", "/api/v1/dashboard", cookie=cookie).body)
    check("and counts nothing unread", api["unread_notifications"] == 0,
          api["unread_notifications"])
    opened = [j["id"] for j in api["open_jobs"]]
    check("the paid repair is not open", PAID_JOB not in opened and OPEN_JOB in opened, opened)
    repairs = section(page, "Open repairs")
    check("the page's open repairs are the booked one only",
          f"/portal/job/{OPEN_JOB}\"" in repairs and f"/portal/job/{PAID_JOB}\"" not in repairs,
          repairs[:300])
    notes = json.loads(portal.request("GET", "/api/v1/notifications", cookie=cookie).body)
    check("the history is still there, read", len(notes["notifications"]) > 0 and
          notes["unread"] == 0, notes["unread"])
    for path in ("/portal/jobs", "/portal/invoices", "/portal/notifications", "/portal/profile"):
        portal.request("GET", path, cookie=cookie)
    rows = visit_rows(portal, cookie)
    check("one visit is one row of the access log", len(rows) == 1, len(rows))
    check("it says how", rows and "With the invoice number and house number" in rows[0], rows)
    check("and from where, masked", rows and "127.0.0.x" in rows[0] and "127.0.0.1" not in rows[0],
          rows)
    check("and when", rows and '<time datetime="2026-11-22T10:00:00-05:00">' in rows[0], rows)
    return cookie


def test_next_visit(portal):
    portal.cli("job", "status", str(OPEN_JOB), "diagnosed", "--note", "Drum bearing worn")
    token = re.search(r"/k/([A-Za-z0-9_-]{43})", portal.cli("access", "link", CLIENT).stdout)
    a = portal.request("GET", "/k/" + token.group(1))
    cookie = session_cookie(a)
    check("the link opens a session", a.status == 303 and cookie, a.status)
    page = portal.request("GET", "/portal", cookie=cookie).text()
    check("what happened since the first visit is news", "1 new notification" in page)
    rows = visit_rows(portal, cookie)
    check("two visits, two rows", len(rows) == 2, len(rows))
    check("the newest first, by the link", rows and "With a secure link" in rows[0], rows)


def scenario(portal, _):
    test_first_visit(portal)
    test_next_visit(portal)


def main():
    return web.run("first", scenario, alarm=200)


if __name__ == "__main__":
    sys.exit(main())
