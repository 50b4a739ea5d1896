#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_ways_in.py - the ways into portal.cgi that need no invoice.

The server of test_http.py (`portal serve` on the demo shop, a fixed
clock), with a sendmail that keeps what it is given: a booking's
confirmation and its link to the visit, lookups by estimate and booking
numbers that miss exactly as invoice numbers do, and a dead link's
"send me a fresh link": one answer whatever the token, mail only to the
address on file, the address's limit with Retry-After, the client's limit
answered alike.

    python3 test_ways_in.py PORTAL_BINARY PORTAL_CGI

Prints "N passed, M failed"; exits non-zero on any failure.
"""
import html
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_http as H  # noqa: E402
from test_http import check, form, session_cookie  # noqa: E402

MISS = "Nothing matches that number and house number; check both on your paperwork."
FRESH = ("If that link was one of ours, a fresh link is on its way to the email "
         "address or phone number we have on file for you.")
LOCKED = "Too many failed lookups; try again after 11:00 am."
FRESH_LOCKED = "Too many requests for a fresh link from here; try again after "
TOKEN = r"/k/([A-Za-z0-9_-]{43})"


def error_line(a):
    m = re.search(r'<p class="error" role="alert">(.*?)</p>', a.text())
    return html.unescape(m.group(1)) if m else None


def flash_line(a):
    m = re.search(r'<p class="flash" role="status">(.*?)</p>', a.text())
    return html.unescape(m.group(1)) if m else None


class Shop:
    """A client of the demo shop with a job, reached by email through a
    sendmail that appends each message to a file."""

    def __init__(self, portal):
        self.portal = portal
        self.mail = os.path.join(portal.work, "mail.out")
        script = os.path.join(portal.work, "sendmail")
        with open(script, "w") as f:
            f.write(f"#!/bin/sh\ncat >>'{self.mail}'\nprintf '\\n.\\n' >>'{self.mail}'\n")
        os.chmod(script, 0o755)
        portal.cli("shop", "set", "sendmail_path", script)
        portal.cli("shop", "set", "email", "shop@fixit.example")
        out = portal.cli("--json", "client", "add", "Wes Ways", "--email",
                         "wes@example.com").stdout
        self.client = json.loads(out)["id"]
        portal.cli("address", "add", str(self.client), "--house", "77", "--street",
                   "Harbord St", "--city", "Toronto")
        self.job = json.loads(portal.cli("--json", "job", "add", str(self.client),
                                         "--problem", "Fridge hums").stdout)["id"]

    def deliver(self):
        self.portal.cli("outbox", "deliver")

    def mails(self):
        if not os.path.exists(self.mail):
            return []
        return [m for m in open(self.mail, encoding="utf-8").read().split("\n.\n") if m.strip()]

    def outbox(self):
        return json.loads(self.portal.cli("--json", "outbox", "list").stdout)


def test_booking_confirmation_opens_the_visits(portal, shop):
    portal.cli("appointment", "add", str(shop.client), "--start", "2026-11-24 08:00",
               "--end", "2026-11-24 12:00", "--job", str(shop.job))
    shop.deliver()
    mail = shop.mails()[-1]
    check("the confirmation goes to the client", "To: Wes Ways <wes@example.com>" in mail,
          mail[:300])
    check("it prints the booking number", f"Your booking number is J{shop.job}:" in mail)
    m = re.search(TOKEN + r"/appointments", mail)
    check("it carries a link to the visits", m is not None, mail[-400:])
    a = portal.request("GET", f"/k/{m.group(1)}/appointments")
    check("the link lands on the visits", a.status == 303 and
          a.header("Location") == "/portal/appointments", (a.status, a.header("Location")))
    cookie = session_cookie(a)
    a = portal.request("GET", "/api/v1/dashboard", cookie=cookie)
    check("its session is the job's", a.status == 200 and
          json.loads(a.body).get("job_scope") not in (None, False), a.text()[:300])
    check("the outbox kept no token", not any(
        re.search(TOKEN, portal.cli("outbox", "show", str(msg["id"])).stdout)
        for msg in shop.outbox()))


def test_lookup_by_estimate_and_booking_numbers(portal, shop):
    portal.cli("estimate", "add", str(shop.client), "--job", str(shop.job))
    number = json.loads(portal.cli("--json", "estimate", "list", "--client",
                                   str(shop.client)).stdout)[0]["number"]
    portal.cli("estimate", "line", number, "labour", "Replace the fan", "--price", "90")
    portal.cli("estimate", "send", number)
    for typed, house in ((number, "77"), (number.lower(), "77 Harbord St"),
                         (f"J{shop.job}", "77"), (f"j-{shop.job}", "#77")):
        a = portal.request("POST", "/session", form(invoice=typed, house=house,
                                                   next="dashboard"))
        check(f"lookup by {typed}", a.status == 303 and a.header("Location") == "/portal" and
              session_cookie(a) is not None, (a.status, a.header("Location")))
    answers = [portal.request("POST", "/session", form(invoice=typed, house=house))
               for typed, house in (("10014", "1"), (number, "78"), (f"J{shop.job}", "78"),
                                    ("E9999", "77"))]
    check("every kind of number misses with one sentence", all(
        a.status == 200 and error_line(a) == MISS and a.header("Set-Cookie") is None
        for a in answers), [(a.status, error_line(a)) for a in answers])
    # Four more misses on the estimate's number, from anywhere, lock it (5).
    for house in ("79", "80", "81", "82"):
        portal.request("POST", "/session", form(invoice=number, house=house))
    a = portal.request("POST", "/session", form(invoice=number, house="77"))
    check("an estimate number locked: 429", a.status == 429 and
          error_line(a) == LOCKED and a.header("Retry-After") == "3600",
          (a.status, error_line(a), a.header("Retry-After")))
    return number


def revoked_link(portal, shop):
    out = portal.cli("access", "link", str(shop.client), "--job", str(shop.job)).stdout
    token = re.search(TOKEN, out).group(1)
    links = json.loads(portal.cli("--json", "access", "list", str(shop.client)).stdout)
    portal.cli("access", "revoke", str(links[0]["id"]))
    return token


def fresh(portal, token, **extra):
    return portal.request("POST", "/link/fresh", form(token=token, **extra))


def test_dead_link_offers_a_fresh_one(portal, shop):
    dead = revoked_link(portal, shop)
    for token, why in ((dead, "This link was withdrawn by the shop; ask the shop for a new link."),
                       ("A" * 43, "This link is not known; ask the shop for a new link.")):
        a = portal.request("GET", f"/k/{token}")
        check("a dead link is 404", a.status == 404 and a.header("Set-Cookie") is None, a.status)
        check("it says why", error_line(a) == why, error_line(a))
        check("it offers a fresh link", 'action="/link/fresh"' in a.text() and
              f'name="token" value="{token}"' in a.text() and
              "Send me a fresh link" in a.text())

    before = len(shop.outbox())
    a = fresh(portal, dead, email="mallory@example.com", phone="+14165550000")
    check("the fresh-link answer: 200 and the sentence", a.status == 200 and
          flash_line(a) == FRESH, (a.status, flash_line(a)))
    msgs = shop.outbox()
    check("one message, to the address on file", len(msgs) == before + 1 and
          msgs[0]["recipient"] == "wes@example.com" and msgs[0]["kind"] == "access_link",
          msgs[:1])
    unknown = fresh(portal, "A" * 43)
    garbage = fresh(portal, "<not a token>")
    check("an unknown token gets the same answer", unknown.status == 200 and
          garbage.status == 200 and flash_line(unknown) == FRESH and
          flash_line(garbage) == FRESH, (unknown.status, flash_line(unknown)))
    check("... and sends nothing", len(shop.outbox()) == before + 1)

    shop.deliver()
    mail = shop.mails()[-1]
    check("the fresh link is mailed to the client", "To: Wes Ways <wes@example.com>" in mail and
          "mallory" not in mail, mail[:300])
    m = re.search(TOKEN + r"/job/(\d+)", mail)
    check("it opens the same job", m is not None and m.group(2) == str(shop.job), mail[-300:])
    a = portal.request("GET", f"/k/{m.group(1)}/job/{m.group(2)}")
    check("and lands on the job's page", a.status == 303 and
          a.header("Location") == f"/portal/job/{shop.job}", (a.status, a.header("Location")))

    print_before = portal.fingerprint()
    a = portal.request("POST", "/link/fresh", form(token=dead),
                       headers={"Origin": "http://evil.example"})
    check("another site's form is 403 and changes nothing", a.status == 403 and
          portal.fingerprint() == print_before, a.status)
    return dead


def test_fresh_link_limits(portal, shop, dead):
    # Three requests from here so far; the client's limit is three a day,
    # met before the address's when the address may ask ten times.
    portal.cli("shop", "set", "fresh_link_addr_limit", "10")
    fresh(portal, dead)
    fresh(portal, dead)
    before = len(shop.outbox())
    a = fresh(portal, dead)
    check("over the client's limit: the same answer", a.status == 200 and
          flash_line(a) == FRESH, (a.status, flash_line(a)))
    check("... and nothing sent", len(shop.outbox()) == before)
    log = portal.cli("audit", "--client", str(shop.client)).stdout
    check("the audit log says so", re.search(r"link\.fresh +limited", log) is not None, log[-500:])
    # Seven from this address within the hour: the eighth is refused.
    portal.cli("shop", "set", "fresh_link_addr_limit", "7")
    a = fresh(portal, "A" * 43)
    check("under the address's limit", a.status == 200 and flash_line(a) == FRESH, a.status)
    a = fresh(portal, "A" * 43)
    check("over the address's limit: 429", a.status == 429, a.status)
    check("... with the time to try again", (error_line(a) or "").startswith(FRESH_LOCKED) and
          flash_line(a) is None, error_line(a))
    check("... and Retry-After", (a.header("Retry-After") or "").isdigit() and
          0 < int(a.header("Retry-After")) <= 3600, a.header("Retry-After"))
    log = portal.cli("audit").stdout
    check("the refusal is logged", re.search(r"link\.fresh +refused", log) is not None)


def scenario(portal, shop):
    test_booking_confirmation_opens_the_visits(portal, shop)
    test_lookup_by_estimate_and_booking_numbers(portal, shop)
    dead = test_dead_link_offers_a_fresh_one(portal, shop)
    test_fresh_link_limits(portal, shop, dead)


def main():
    return H.run("ways", scenario, prepare=Shop)


if __name__ == "__main__":
    sys.exit(main())
