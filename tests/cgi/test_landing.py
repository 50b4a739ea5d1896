#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_landing.py - the landing page tells a customer the shop's terms.

Through the real portal.cgi behind lighttpd (`portal serve`, the helpers
of test_http.py) on the demo shop: before any session, the front page
shows every policy of the shop (the service call fee, estimates, the
warranty and what it leaves out, cancelling, missed visits, text
messages, tax), the answers to the questions customers ask (where the
invoice number is, whether their information is secure, a link that no
longer opens), the shop's address, and the exact consent words for text
messages; each as the library words it from the shop's settings, so a
setting the shop changes with `portal shop set` changes the page. The
profile asks for consent to texts with the same words.

    python3 test_landing.py PORTAL_BINARY PORTAL_CGI

Prints "N passed, M failed"; exits non-zero on any failure.
"""
import json
import os
import re
import sys
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_http as web  # noqa: E402  (reads the same arguments)
from test_http import check, check_security, login  # noqa: E402

SMS = ("Message frequency varies. Message and data rates may apply. "
       "Reply STOP to opt out, HELP for help.")
ADDRESS = "2150 Dundas St W, Toronto, ON M6R 1X3"  # the demo shop's


class Text(HTMLParser):
    """A page's text as a person reads it, one string per element's text,
    and the sections by their id."""

    def __init__(self):
        super().__init__()
        self.parts, self.ids, self.stack = [], {}, []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.stack.append(a.get("id"))
        if tag == "br":
            self.stack.pop()

    def handle_endtag(self, tag):
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        self.parts.append(data)
        for i in self.stack:
            if i:
                self.ids[i] = self.ids.get(i, "") + " " + data


def read(body):
    p = Text()
    p.feed(body)
    return " ".join(" ".join(p.parts).split()), p.ids


def landing(portal):
    a = portal.request("GET", "/")
    check("the landing page answers 200", a.status == 200, a.status)
    check_security("the landing page", a)
    return read(a.text())


def public_doc(portal):
    """The policies and answers as the library words them: the preview of
    the policies view of a demo client (the same sentences)."""
    r = portal.cli("--json", "preview", "9", "policies")
    return json.loads(r.stdout)


def test_every_policy(portal):
    text, ids = landing(portal)
    doc = public_doc(portal)
    keys = [p["key"] for p in doc["policies"]]
    check("the library has every policy", keys == [
        "service_call_fee", "estimate_validity", "warranty", "warranty_exclusions",
        "cancellation", "no_show", "sms", "tax"], keys)
    for p in doc["policies"]:
        section = " ".join(ids.get("policy-" + p["key"], "").split())
        check(f"policy {p['key']}: its title", p["title"] in section, section)
        check(f"policy {p['key']}: its words", p["text"] in section, section)
    for words in ["A diagnosis visit costs $120.00 plus tax. It is not refundable, and it "
                  "is credited toward the repair when you go ahead with it.",
                  "An estimate can be approved for 7 days after it is sent.",
                  "Labour is guaranteed for 90 days and parts for 30 days",
                  "The warranty is not transferable.",
                  "Cancel at least 12 hours before the arrival window at no charge. "
                  "A later cancellation costs $60.00.",
                  "a fee of $60.00 applies",
                  "Sales tax of 13% is added"]:
        check(f"the page says: {words[:40]}...", words in text)
    check("the SMS policy carries the exact consent words",
          SMS in " ".join(ids.get("policy-sms", "").split()), ids.get("policy-sms"))


def test_the_answers(portal):
    text, ids = landing(portal)
    doc = public_doc(portal)
    keys = [q["key"] for q in doc["faq"]]
    check("the library answers three questions",
          keys == ["invoice_number", "security", "link_expired"], keys)
    for q in doc["faq"]:
        section = " ".join(ids.get("faq-" + q["key"], "").split())
        check(f"question {q['key']}: asked", q["question"] in section, section)
        check(f"question {q['key']}: answered", q["answer"] in section, section)
    check("how to find the invoice number",
          "Where do I find my invoice number? It is printed at the top of your invoice" in text)
    check("whether the information is secure",
          "Is my information secure? Your portal opens only with a number from your "
          "paperwork and your house number, or with the secure link we sent you." in text)
    check("the answer quotes the shop's link days", "a link works for 21 days" in text)


def test_the_address(portal):
    text, ids = landing(portal)
    contact = " ".join(ids.get("contact-title", "").split())
    check("the contact section is titled", contact == "How to reach us", contact)
    check("the shop's address is shown", ADDRESS in text)
    check("with its name, phone and email", re.search(
        r"How to reach us Northside Appliance & Auto Repair " + re.escape(ADDRESS) +
        r" \+?1?[-0-9 ]*866[-0-9 ]*415[-0-9 ]*3937 service@northside-repair\.example\.com",
        text) is not None, text[-300:])


def test_the_shop_changes_it(portal):
    portal.cli("shop", "set", "address", "Unit 4 & 5, 12 Main St <rear>, Halifax, NS")
    portal.cli("shop", "set", "service_call_fee", "95")
    portal.cli("shop", "set", "link_days", "7")
    a = portal.request("GET", "/")
    body = a.text()
    text, _ = read(body)
    check("the new address, escaped",
          "Unit 4 &amp; 5, 12 Main St &lt;rear&gt;, Halifax, NS" in body and "<rear>" not in body)
    check("the new address reads as typed", "Unit 4 & 5, 12 Main St <rear>, Halifax, NS" in text)
    check("the old address is gone", ADDRESS not in text)
    check("the new fee", "A diagnosis visit costs $95.00 plus tax." in text)
    check("the new link days", "a link works for 7 days" in text)
    portal.cli("shop", "set", "address", "")
    text, ids = landing(portal)
    check("no address, no empty line for it", "Halifax" not in text and "contact-title" in ids)
    portal.cli("shop", "set", "address", ADDRESS)


def test_the_dead_link_page(portal):
    a = portal.request("GET", "/k/" + "A" * 43)
    text, _ = read(a.text())
    check("a dead link's page offers a fresh link", "Send me a fresh link" in text, a.status)
    check("and shows the policies too", SMS in text and ADDRESS in text)


def test_the_profile(portal):
    cookie, _ = login(portal, "10014", "63")
    a = portal.request("GET", "/portal/profile", cookie=cookie)
    text, ids = read(a.text())
    section = " ".join(ids.get("sms-title", "").split())
    check("the profile asks about text messages", section == "Text messages", section)
    check("the profile's consent carries the exact words", SMS in text)
    form_at = a.text().find('action="/portal/profile/sms"')
    check("the words come before the button", 0 <= a.text().find("Message frequency varies") < form_at)
    a = portal.request("GET", "/portal/policies", cookie=cookie)
    text, _ = read(a.text())
    check("the policies page carries them too", SMS in text)
    check("and answers the questions", "Is my information secure?" in text)


def scenario(portal, _):
    test_every_policy(portal)
    test_the_answers(portal)
    test_the_address(portal)
    test_the_shop_changes_it(portal)
    test_the_dead_link_page(portal)
    test_the_profile(portal)


def main():
    return web.run("landing", scenario)


if __name__ == "__main__":
    sys.exit(main())
