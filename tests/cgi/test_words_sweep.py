#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_words_sweep.py - every page and PDF a customer reads says times in words.

Through the real portal.cgi behind lighttpd (`portal serve`, the helpers
of test_http.py), several clients of the demo shop log in with an invoice
number and their house number; every page each can reach from the
overview is fetched (links of this site, GET only, a bounded number),
and each invoice PDF found is read back with pdftotext. No text a person
reads may hold an ISO day ("2026-11-22"), a time on the 24-hour clock
("14:30" without am or pm) or a raw enumeration name ("no_show",
"en_route"): those belong in attributes (<time datetime>, classes) and in
the JSON, never in the words.

    python3 test_words_sweep.py PORTAL_BINARY PORTAL_CGI

Prints "N passed, M failed"; exits non-zero on any failure.
"""
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from urllib.parse import urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_http as web  # noqa: E402  (reads the same arguments)
from test_http import check, form, session_cookie  # noqa: E402

# Clients of the demo shop: an issued invoice's number and the house
# number of their address.
CLIENTS = [("10014", "63"), ("10009", "310"), ("10001", "120"), ("10003", "48"),
           ("10006", "4820"), ("10011", "77")]
MAX_PAGES = 120  # per client: the crawl ends even if pages link on forever

ISO_DAY = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
# A clock time not followed by am or pm, nor by the end of a window that is
# ("1:00–3:00 pm" says its half of the day once, at the end).
CLOCK_24H = re.compile(r"\b\d{1,2}:\d{2}\b(?!\s*(?:am|pm)\b)"
                       r"(?!\s*\u2013\s*\d{1,2}:\d{2}\s*(?:am|pm)\b)")
ENUM_NAME = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")


class VisibleText(HTMLParser):
    """The text of a page a person reads: no attributes, scripts or styles."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.skip, self.texts = 0, []
        self.hrefs = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self.skip:
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip and data.strip():
            self.texts.append(data)


def local(href):
    """The path and query of a link on this site, or None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    return parts.path + ("?" + parts.query if parts.query else "")


def offences(text):
    """What `text` says that is not for people: (kind, the words), each once."""
    found = []
    for kind, pattern in (("an ISO day", ISO_DAY), ("a 24-hour time", CLOCK_24H),
                          ("an enumeration name", ENUM_NAME)):
        for m in pattern.finditer(text):
            start = max(0, m.start() - 30)
            found.append((kind, text[start:m.end() + 30].replace("\n", " ")))
    return found


def check_words(where, text):
    bad = offences(text)
    check(f"{where} says times and states in words", not bad, bad[:5])


def pdf_text(body):
    r = subprocess.run(["pdftotext", "-layout", "-", "-"], input=body,
                       capture_output=True, timeout=60)
    return r.stdout.decode("utf-8", "replace") if r.returncode == 0 else None


def skipped(target):
    """Addresses the sweep leaves alone: other ways in, files, downloads
    that are no page (the calendar file) and the way out."""
    return (target == "/" or target.startswith("/k/") or target.startswith("/static/")
            or target.startswith("/api/") or target.endswith(".ics")
            or "logout" in target)


def sweep(portal, who, cookie):
    """Every page `who` reaches from the overview; the PDFs linked."""
    seen, queue, pdfs = {"/portal"}, ["/portal"], []
    while queue and len(seen) <= MAX_PAGES:
        path = queue.pop(0)
        a = portal.request("GET", path, cookie=cookie, check_headers=False)
        check(f"{who}: GET {path}", a.status == 200, a.status)
        if a.status != 200 or not (a.header("Content-Type") or "").startswith("text/html"):
            continue
        page = VisibleText()
        page.feed(a.text())
        check_words(f"{who}: {path}", "\n".join(page.texts))
        for href in page.hrefs:
            target = local(href)
            if target is None or target in seen or skipped(target):
                continue
            seen.add(target)
            (pdfs if target.endswith("/pdf") else queue).append(target)
    check(f"{who}: the sweep ended within {MAX_PAGES} pages", len(seen) <= MAX_PAGES,
          len(seen))
    return len(seen), pdfs


def check_pdfs(portal, who, cookie, pdfs):
    for path in pdfs:
        a = portal.request("GET", path, cookie=cookie, check_headers=False)
        check(f"{who}: {path} downloads", a.status == 200 and a.body[:5] == b"%PDF-",
              a.status)
        if a.status != 200:
            continue
        text = pdf_text(a.body)
        check(f"{who}: pdftotext reads {path}", text is not None)
        if text is not None:
            check_words(f"{who}: {path}", text)


def test_clients(portal):
    pages = pdfs_read = 0
    for invoice, house in CLIENTS:
        who = f"client of invoice {invoice}"
        a = portal.request("POST", "/session", form(invoice=invoice, house=house,
                                                     next="dashboard"))
        cookie = session_cookie(a)
        check(f"{who} and house {house} open the portal", a.status == 303 and cookie,
              a.status)
        if not cookie:
            continue
        n, pdfs = sweep(portal, who, cookie)
        check_pdfs(portal, who, cookie, pdfs)
        pages += n
        pdfs_read += len(pdfs)
    # A sweep that reached nothing would pass without reading a word.
    check("the sweep read many pages", pages >= 10 * len(CLIENTS), pages)
    check("and some invoice PDFs", pdfs_read >= len(CLIENTS), pdfs_read)


def test_the_patterns():
    """The patterns themselves: what they catch and what they let by."""
    for text in ("2026-11-22", "at 14:30.", "visit of 8:00-12:00", "status no_show"):
        check(f"{text!r} is caught", offences(text))
    for text in ("Sun 22 Nov, 1:00 pm", "Mon 7 Dec, 1:00\u20133:00 pm",
                 "Mon 23 Nov, 11:00 pm \u2013 Tue 24 Nov, 1:00 am", "866-415-3937",
                 "December 2026", "Invoice 10014"):
        check(f"{text!r} passes", not offences(text), offences(text))


def main():
    test_the_patterns()
    return web.run("words", lambda portal, _: test_clients(portal), alarm=400)


if __name__ == "__main__":
    sys.exit(main())
