#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_refusals.py - every form of the portal through every refusal it can meet.

Each POST route of cgi/routes.c is sent, in a session of the demo shop, each
refusal the library (or the portal itself) can give it, and the answer is
checked: its HTTP status, the exact sentence the customer reads on the page,
and that the shop's database did not change. A POST route without a case
here fails the run, so a new form comes with its refusals.

    python3 test_refusals.py PORTAL_BINARY PORTAL_CGI [--resident]

With --resident the portal runs as `portal serve --resident`: one process
answers every request, so a sentence that belonged to an earlier request,
another client's included, would show here. The server, the client and the
checks are those of test_http.py.

Prints "N passed, M failed"; exits non-zero on any failure.
"""
import datetime
import html
import json
import os
import re
import sys

import test_http as h  # the same arguments: PORTAL_BINARY PORTAL_CGI [--resident]
from test_http import check, form

ROUTES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "cgi", "routes.c")
FORM_EXPIRED = ("This form has expired, so nothing was changed. Open the portal again and "
                "send it once more.")
NOT_FOUND = "We could not find that page."
NOT_SENT = "The form is not one the portal sent."
# What a lookup writes even when refused: every attempt is logged and counted.
LOOKUP_TABLES = ("audit_log", "lookup_failures", "lookup_locks")


def day_words(iso):
    """A day of this year as the customer reads it: "2026-11-08" is "Sun 8 Nov"."""
    d = datetime.date.fromisoformat(iso)
    return f"{d:%a} {d.day} {d:%b}"


def post_routes():
    text = open(ROUTES).read()
    return re.findall(r'\{\s*"POST",\s*"([^"]+)"', text)


def said(a):
    """The sentence the customer reads: the page's alert, or the status page's text."""
    t = a.text()
    m = (re.search(r'role="alert">(.*?)</p>', t, re.S) or
         re.search(r'<main[^>]*>.*?<h1[^>]*>.*?</h1>\s*<p>(.*?)</p>', t, re.S))
    return html.unescape(m.group(1)) if m else None


def fingerprint(portal, ignore=()):
    """The shop's rows but those of the tables in `ignore`, each row after
    its table's name (the store's dump: a table's name alone on a line,
    then its rows, which always hold a '|'; a text value's later lines do
    not look like a table's name)."""
    rows, table = [], None
    for line in portal.dump().decode("utf-8").splitlines():
        if "|" not in line and re.fullmatch(r"[a-z_]+", line):
            table = line
        if table not in ignore:
            rows.append(line)
    return rows


class Case:
    """One refusal: POST `path` with `fields` as `who`, expecting `status` and `say`.
    `setup` and `undo` are CLI commands run before and after (not part of
    what must stay unchanged); a setup step may also be a function of the
    portal (a request the refusal needs first). Text in braces is filled from the records
    prepare() made."""

    def __init__(self, route, name, path, fields, status, say, who="ayse", setup=(),
                 undo=(), csrf=True, ignore=(), headers=None):
        self.route, self.name, self.path, self.fields = route, name, path, fields
        self.status, self.say, self.who = status, say, who
        self.setup, self.undo, self.csrf, self.ignore = setup, undo, csrf, ignore
        self.headers = headers


def window(start, end, n=1):
    return {f"start{n}": start, f"end{n}": end}


VISIT = dict(problem="The oven runs hot", **window("2026-11-25T09:00", "2026-11-25T12:00"))


def visit(**changes):
    fields = dict(VISIT)
    fields.update(changes)
    return fields


def hidden(section):
    return ([["access", "sections", "9", "--hide", section]],
            [["access", "sections", "9", "--show", section]])


def cases():
    hide_appts, show_appts = hidden("appointments")
    hide_est, show_est = hidden("estimates")
    hide_chat, show_chat = hidden("chat")
    offer = "The shop does not offer {} in this portal; please call the shop."
    c = []
    r = "/session"
    c += [Case(r, "a miss", r, dict(invoice="10014", house="64"), 200,
               "Nothing matches that number and house number; check both on "
               "your paperwork.", who=None, csrf=False, ignore=LOOKUP_TABLES),
          Case(r, "access off", r, dict(invoice="10014", house="63"), 403,
               "Portal access to this account is off; please call the shop at "
               "+18664153937.", who=None, csrf=False, ignore=LOOKUP_TABLES,
               setup=[["access", "off", "9"]], undo=[["access", "on", "9"]])]
    r = "/link/fresh"
    # Whatever the token, one answer; what is refused is the asker: a form
    # from another site, and an address over its limit (logged, as every
    # request for a fresh link is).
    c += [Case(r, "from another site", r, dict(token="A" * 43), 403,
               "This form was sent from another site, so nothing was changed.", who=None,
               csrf=False, headers={"Origin": "https://evil.example"}),
          Case(r, "over the address's limit", r, dict(token="A" * 43), 429,
               "Too many requests for a fresh link from here; try again after 11:00 am.",
               who=None, csrf=False, ignore=("audit_log",),
               setup=[["shop", "set", "fresh_link_addr_limit", "1"],
                      lambda portal: portal.request("POST", "/link/fresh", form(token="B" * 43))],
               undo=[["shop", "set", "fresh_link_addr_limit", "5"]])]
    r = "/logout"
    c += [Case(r, "a wrong token", r, dict(csrf="A" * 43), 403, FORM_EXPIRED, csrf=False)]

    r = "/portal/appointments/*/cancel"
    cancel = dict(confirm="yes")
    c += [Case(r, "cancelled already", "/portal/appointments/{cancelled}/cancel", cancel, 409,
               "Visit #{cancelled} was cancelled and can no longer change."),
          Case(r, "completed", "/portal/appointments/{completed}/cancel", cancel, 409,
               "Visit #{completed} was completed and can no longer change."),
          Case(r, "missed", "/portal/appointments/{missed}/cancel", cancel, 409,
               "Visit #{missed} was marked as missed and can no longer change."),
          Case(r, "the technician arrived", "/portal/appointments/{arrived}/cancel", cancel, 409,
               "Appointment #{arrived} cannot be cancelled: the technician has arrived."),
          Case(r, "another client's visit", "/portal/appointments/2/cancel", cancel, 404,
               NOT_FOUND),
          Case(r, "no such visit", "/portal/appointments/9999/cancel", cancel, 404, NOT_FOUND),
          Case(r, "appointments hidden", "/portal/appointments/{open}/cancel", cancel, 403,
               offer.format("appointments"), setup=hide_appts, undo=show_appts)]

    for r, path in (("/portal/appointments/request", "/portal/appointments/request"),
                    ("/portal/job/*/warranty-callback", "/portal/job/{repaired}/warranty-callback")):
        c += [Case(r, "no problem", path, visit(problem="  "), 400,
                   "Please fill in the description of the problem."),
              Case(r, "a problem too long", path, visit(problem="x" * 1001), 400,
                   "The description of the problem must be 1 to 1000 characters long; "
                   "it has 1001."),
              Case(r, "no window", path, visit(start1="", end1=""), 400,
                   "Give at least one preferred time for the visit, and at most 3."),
              Case(r, "a window in the past", path,
                   visit(start1="2026-11-20T09:00", end1="2026-11-20T12:00"), 400,
                   "Preferred time 1 starts in the past; choose a later one."),
              Case(r, "a window ending before it starts", path,
                   visit(start1="2026-11-25T12:00", end1="2026-11-25T09:00"), 400,
                   "Preferred time 1 must end after it starts."),
              Case(r, "a window over 12 hours", path,
                   visit(start1="2026-11-25T08:00", end1="2026-11-25T20:01"), 400,
                   "Preferred time 1 is longer than 12 hours; choose a shorter one."),
              Case(r, "a bad second window", path,
                   visit(**window("2026-11-26T09:00", "2026-11-26T08:00", 2)), 400,
                   "Preferred time 2 must end after it starts."),
              Case(r, "a time that is not one", path, visit(start1="tomorrow"), 400,
                   "'tomorrow' is not a date and time; give one such as 2026-11-25 09:00."),
              Case(r, "a window without its end", path, visit(end1=""), 400,
                   "Please give a date and time, such as 2026-11-25 09:00."),
              Case(r, "appointments hidden", path, VISIT, 403, offer.format("appointments"),
                   setup=hide_appts, undo=show_appts)]
    r = "/portal/job/*/warranty-callback"
    c += [Case(r, "a repair not finished", "/portal/job/9/warranty-callback", VISIT, 409,
               "Job #9 is not repaired yet: a warranty visit is for a finished repair."),
          Case(r, "a warranty that ended", "/portal/job/{old_job}/warranty-callback", VISIT, 409,
               "The warranty on job #{old_job} ended: labour was covered until Wed 1 Apr, "
               "parts until Sat 31 Jan; call the shop to book a visit."),
          Case(r, "another client's job", "/portal/job/6/warranty-callback", VISIT, 404,
               NOT_FOUND),
          Case(r, "a job that is not a number", "/portal/job/x/warranty-callback", VISIT, 404,
               NOT_FOUND)]

    r = "/portal/estimate/*/decide"
    decide = dict(line="0", decision="approve", name="Ayşe Yılmaz")
    c += [Case(r, "an expired estimate", "/portal/estimate/{expired}/decide", decide, 409,
               "Estimate {expired} expired at the end of {expired_day} and can no longer "
               "be approved; you can ask the shop for a new one."),
          Case(r, "a line decided already", "/portal/estimate/E1009/decide",
               dict(decide, line="{decided_line}"), 409,
               "Line 1 of estimate E1009 is approved already."),
          Case(r, "every line decided", "/portal/estimate/{all_decided}/decide", decide, 409,
               "Every line of estimate {all_decided} is decided already."),
          Case(r, "a name too short", "/portal/estimate/E1009/decide", dict(decide, name="A"),
               400, "Your name must be 2 to 100 characters long; it has 1."),
          Case(r, "no name", "/portal/estimate/E1009/decide", dict(decide, name=" "), 400,
               "Please fill in your name."),
          Case(r, "a line of no estimate", "/portal/estimate/E1009/decide",
               dict(decide, line="99999"), 404, NOT_FOUND),
          Case(r, "another client's estimate", "/portal/estimate/E1006/decide", decide, 404,
               NOT_FOUND),
          Case(r, "a decision that is not one", "/portal/estimate/E1009/decide",
               dict(decide, decision="maybe"), 400, NOT_SENT),
          Case(r, "estimates hidden", "/portal/estimate/E1009/decide", decide, 403,
               offer.format("estimates"), setup=hide_est, undo=show_est)]

    r = "/portal/estimate/*/renew"
    c += [Case(r, "an estimate still open", "/portal/estimate/E1009/renew", {}, 409,
               "Estimate E1009 has not expired: you can still approve or decline it."),
          Case(r, "asked already", "/portal/estimate/{renewed}/renew", {}, 409,
               "You have asked for a new estimate in place of {renewed} already; the shop "
               "will answer soon."),
          Case(r, "another client's estimate", "/portal/estimate/E1006/renew", {}, 404,
               NOT_FOUND),
          Case(r, "estimates hidden", "/portal/estimate/{expired}/renew", {}, 403,
               offer.format("estimates"), setup=hide_est, undo=show_est)]

    r = "/portal/chat"
    c += [Case(r, "an empty message", r, dict(text=" \n "), 400,
               "Your message is empty; write something before sending it."),
          Case(r, "a message too long", r, dict(text="x" * 2001), 400,
               "Your message is 2001 characters long; a message can have 2000 at most."),
          Case(r, "bytes that are not text", r, "text=caf%E9", 400,
               "Your message has characters that cannot be read; please type it again."),
          Case(r, "chat hidden", r, dict(text="Hello"), 403, offer.format("chat"),
               setup=hide_chat, undo=show_chat)]
    r = "/portal/chat/read"
    c += [Case(r, "a message id that is not one", r, dict(up_to="-1"), 400, NOT_SENT),
          Case(r, "chat hidden", r, dict(up_to=""), 403, offer.format("chat"),
               setup=hide_chat, undo=show_chat)]
    r = "/portal/notifications/read"
    c += [Case(r, "an id that is not one", r, dict(up_to="x"), 400, NOT_SENT)]

    r = "/portal/profile/request"
    address = dict(address_id="{address}", house_number="5", street="Elm St", city="Toronto")
    c += [Case(r, "nothing to change", r, dict(name="", email="", phone=""), 400,
               "Fill in what you want to change before sending the request."),
          Case(r, "a name too long", r, dict(name="x" * 121), 400,
               "Your name must be 1 to 120 characters long; it has 121."),
          Case(r, "an email that is not one", r, dict(email="bob@"), 400,
               "'bob@' is not an email address."),
          Case(r, "a phone that is not one", r, dict(phone="12"), 400,
               "'12' is not a phone number (10 digits, or + and the country code)."),
          Case(r, "an address without a house number", r, dict(address, house_number=""), 400,
               "Please fill in the house number."),
          Case(r, "an address without a street", r, dict(address, street=""), 400,
               "Please fill in the street."),
          Case(r, "a house number that is not one", r, dict(address, house_number="Elm"), 400,
               "'Elm' is not a house number (digits first, e.g. 120 or 120A; the unit has "
               "its own field)."),
          Case(r, "a postal code that is not one", r, dict(address, postal_code="XYZ"), 400,
               "'XYZ' is not a postal code of CA."),
          Case(r, "a country that is not one", r, dict(address, country="C1"), 400,
               "'C1' is not a two-letter country code."),
          Case(r, "another client's address", r, dict(address, address_id="{other_address}"),
               400, "We could not find that address on your profile."),
          Case(r, "an address id that is not one", r, dict(address, address_id="x"), 400,
               NOT_SENT)]
    r = "/portal/profile/sms"
    c += [Case(r, "texts without a phone", r, dict(sms="on"), 409,
               "There is no phone number on file to text: ask the shop to add one.",
               setup=[["client", "set", "9", "--sms", "no", "--phone", ""]],
               undo=[["client", "set", "9", "--phone", "+14165550109"]]),
          Case(r, "a choice that is not one", r, dict(sms="maybe"), 400, NOT_SENT)]
    return c


def made(portal, *args):
    return json.loads(portal.cli("--json", *args).stdout)


def prepare(portal):
    """The records the refusals need, made through the CLI as the shop would."""
    ctx = {}

    def appointment(status=None, start="2026-11-24T09:00", end="2026-11-24T12:00"):
        a = made(portal, "appointment", "add", "9", "--job", "9", "--start", start,
                 "--end", end, "--tech", "1")
        if status == "cancelled":
            portal.cli("appointment", "cancel", str(a["id"]))
        elif status == "missed":
            portal.cli("appointment", "no-show", str(a["id"]))
        elif status:
            portal.cli("appointment", "status", str(a["id"]), status)
        return a["id"]

    ctx["open"] = appointment()
    ctx["cancelled"] = appointment("cancelled")
    now = dict(start="2026-11-22T09:00", end="2026-11-22T12:00")
    ctx["arrived"] = appointment("arrived", **now)
    ctx["missed"] = appointment("missed", **now)
    completed = appointment("arrived", **now)
    portal.cli("appointment", "status", str(completed), "completed")
    ctx["completed"] = completed

    # A repair finished in time for a callback, and one whose warranty ran out.
    job = made(portal, "job", "add", "9", "--problem", "Dryer squeaks", "--at", "2026-11-01")
    portal.cli("job", "status", str(job["id"]), "repaired", "--at", "2026-11-10")
    ctx["repaired"] = job["id"]
    job = made(portal, "job", "add", "9", "--problem", "Old fridge", "--at", "2025-12-20")
    portal.cli("job", "status", str(job["id"]), "repaired", "--at", "2026-01-01")
    ctx["old_job"] = job["id"]

    def estimate(sent_at):
        e = made(portal, "estimate", "add", "9", "--job", "9")
        for text in ("Thermostat", "Labour"):
            portal.cli("estimate", "line", e["number"], "labour", text, "--price", "80")
        return made(portal, "estimate", "send", e["number"], "--at", sent_at)

    e = estimate("2026-11-01")
    ctx["expired"], ctx["expired_day"] = e["number"], day_words(e["last_valid_day"])
    ctx["renewed"] = estimate("2026-11-02")["number"]
    ctx["all_decided"] = estimate("2026-11-20")["number"]
    portal.cli("estimate", "decline", ctx["all_decided"], "--name", "Ayşe Yılmaz")
    first = made(portal, "estimate", "show", "E1009")["lines"][0]["id"]
    portal.cli("estimate", "approve", "E1009", "--name", "Ayşe Yılmaz", "--line", "1")
    ctx["decided_line"] = first
    ctx["address"] = made(portal, "address", "list", "9")["addresses"][0]["id"]
    ctx["other_address"] = made(portal, "address", "list", "6")["addresses"][0]["id"]
    return ctx


def fill(value, ctx):
    if isinstance(value, str):
        return value.format(**ctx)
    return {k: fill(v, ctx) for k, v in value.items()}


def run_case(portal, case, ctx, sessions):
    what = f"{case.route} {case.name}"
    for args in case.setup:
        if callable(args):
            args(portal)
        else:
            portal.cli(*args)
    try:
        cookie, csrf = sessions[case.who] if case.who else (None, None)
        fields = fill(case.fields, ctx)
        if isinstance(fields, dict):
            if case.csrf:
                fields = dict(fields, csrf=csrf)
            body = form(**fields)
        else:
            body = fields + (f"&csrf={csrf}" if case.csrf else "")
        before = fingerprint(portal, case.ignore)
        a = portal.request("POST", fill(case.path, ctx), body, cookie=cookie,
                           headers=case.headers)
        check(f"{what}: status {case.status}", a.status == case.status, a.status)
        want = fill(case.say, ctx)
        check(f"{what}: says what was refused", said(a) == want, f"{said(a)!r} != {want!r}")
        after = fingerprint(portal, case.ignore)
        check(f"{what}: changed nothing", after == before,
              [line for line in after if line not in before][:3])
    finally:
        for args in case.undo:
            portal.cli(*args)


def ask_once(portal, session, number):
    """A new estimate asked in place of `number`, so asking again is refused."""
    cookie, csrf = session
    a = portal.request("POST", f"/portal/estimate/{number}/renew", form(csrf=csrf),
                       cookie=cookie)
    check("a new estimate asked", a.status == 303, a.status)


def test_rate_limit(portal):
    """Five misses lock an invoice number; the sixth attempt is told until when."""
    for house in ("1", "2", "3", "4", "5"):
        portal.request("POST", "/session", form(invoice="10001", house=house))
    before = fingerprint(portal, LOOKUP_TABLES)
    a = portal.request("POST", "/session", form(invoice="10001", house="6"))
    check("/session locked: 429", a.status == 429, a.status)
    check("/session locked: says until when", said(a) ==
          "Too many failed lookups; try again after 11:00 am.", said(a))
    check("/session locked: changed nothing", fingerprint(portal, LOOKUP_TABLES) == before)


def test_unusable_font(portal, work, session):
    """A shop's pdf_font that is not a font: the download is refused with
    one sentence, and the customer's name (beyond Western European
    letters) is what needs the font."""
    font = os.path.join(work, "not-a-font.ttf")
    with open(font, "w") as f:
        f.write("not a font\n")
    portal.cli("shop", "set", "pdf_font", font)
    try:
        a = portal.request("GET", "/portal/invoice/10014/pdf", cookie=session[0])
        check("an unusable font: 500", a.status == 500, a.status)
        check("an unusable font: says so", said(a) ==
              "The PDF could not be made; please try again later.", said(a))
    finally:
        portal.cli("shop", "set", "pdf_font", "")


def test_every_form_has_its_refusals(all_cases):
    routes = post_routes()
    check("the router has POST routes", len(routes) > 5, routes)
    for route in routes:
        check(f"{route}: its refusals are tested", any(c.route == route for c in all_cases))
    for c in all_cases:
        check(f"{c.route} is a POST route of the router", c.route in routes)


def scenario(portal, ctx):
    all_cases = cases()
    test_every_form_has_its_refusals(all_cases)
    sessions = {"ayse": h.login(portal, "10014", "63")}
    ask_once(portal, sessions["ayse"], ctx["renewed"])
    # The lookups last: turning access off ends the client's sessions.
    for case in sorted(all_cases, key=lambda c: c.route == "/session"):
        run_case(portal, case, ctx, sessions)
    test_rate_limit(portal)
    test_unusable_font(portal, portal.work, h.login(portal, "10014", "63"))


def main():
    return h.run("refusals", scenario, prepare=prepare, alarm=300)


if __name__ == "__main__":
    sys.exit(main())
