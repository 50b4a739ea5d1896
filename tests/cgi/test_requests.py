#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_requests.py - what a customer asks the shop from the portal's forms.

An expired estimate says, on each waiting line, when it expired, and offers
to ask for a new one: the request reaches the shop's `portal requests list`.
The profile form asks for an address change without JavaScript, and
`portal requests approve` then changes the address.

    python3 test_requests.py PORTAL_BINARY PORTAL_CGI

Prints "N passed, M failed"; exits non-zero on any failure.
"""
import datetime
import json
import sys

import test_http as h
from test_http import check, form


def made(portal, *args):
    return json.loads(portal.cli("--json", *args).stdout)


def expired_estimate(portal):
    e = made(portal, "estimate", "add", "9", "--job", "9")
    portal.cli("estimate", "line", e["number"], "labour", "Thermostat", "--price", "80")
    return made(portal, "estimate", "send", e["number"], "--at", "2026-11-01")


def test_expired_estimate(portal, cookie, csrf, e):
    number = e["number"]
    d = datetime.date.fromisoformat(e["last_valid_day"])
    day = f"{d:%a} {d.day} {d:%b}"  # in words, as the page says it
    page = portal.request("GET", f"/portal/estimate/{number}", cookie=cookie).text()
    check("an expired line says when it expired", f"Expired at the end of {day}" in page)
    check("no line of it waits for a decision", "Waiting for your decision" not in page)
    check("no decision is offered", "/decide" not in page)
    check("it offers to ask for a new one", f'action="/portal/estimate/{number}/renew"' in page)
    doc = json.loads(portal.request("GET", f"/api/v1/estimate/{number}", cookie=cookie).body)
    check("its JSON says a new one can be asked", doc["estimate"]["can_ask_new"] is True and
          doc["estimate"]["new_estimate_asked"] is False, doc["estimate"])

    a = portal.request("POST", f"/portal/estimate/{number.lower()}/renew", form(csrf=csrf),
                       cookie=cookie)
    check("asking: 303 to the estimate", a.status == 303 and
          a.header("Location") == f"/portal/estimate/{number}?done=renew", a.header("Location"))
    page = portal.request("GET", f"/portal/estimate/{number}?done=renew", cookie=cookie).text()
    check("the page thanks", "The shop will send you a new estimate." in page)
    check("the page says it was asked", "You asked the shop for a new estimate" in page and
          "/renew" not in page)
    listed = portal.cli("requests", "list").stdout
    check("the shop sees it", f"estimate          open     client #9" in listed and
          f"a new estimate in place of expired {number}" in listed, listed)
    request = made(portal, "requests", "list")[-1]
    check("its kind and job", request["kind"] == "estimate" and request["job_id"] == 9, request)
    portal.cli("requests", "approve", str(request["id"]))
    check("approved, the client is told", "Approved: the shop will send you a new estimate "
          f"in place of {number}." in portal.cli("notifications", "9").stdout)


def test_address_change(portal, cookie, csrf):
    page = portal.request("GET", "/portal/profile", cookie=cookie).text()
    check("the profile form has the address", 'name="street"' in page and
          'name="address_id"' in page and '<option value="9">' in page)
    a = portal.request("POST", "/portal/profile/request", form(
        csrf=csrf, name="", email="", phone="", address_id="9", house_number="65",
        unit="", street="Eglinton Ave E", city="Toronto", region="ON",
        postal_code="m4p1g8", country=""), cookie=cookie)
    check("address change: 303", a.status == 303 and
          a.header("Location") == "/portal/profile?done=profile", a.status)
    page = portal.request("GET", "/portal/profile", cookie=cookie).text()
    check("it waits for the shop", "65 Eglinton Ave E, Toronto, ON M4P 1G8" in page)
    request = made(portal, "requests", "list")[-1]
    check("the shop sees the address", request["kind"] == "profile" and
          request["content"]["address_id"] == 9 and
          request["content"]["address"]["house_number"] == "65", request)
    portal.cli("requests", "approve", str(request["id"]))
    address = made(portal, "address", "list", "9")["addresses"][0]
    check("approved, the address changed", address["id"] == 9 and
          address["line"] == "65 Eglinton Ave E, Toronto, ON M4P 1G8", address)
    a = portal.request("POST", "/session", form(invoice="10014", house="65"))
    check("the new house number finds the job", a.status == 303, a.status)


def scenario(portal, e):
    cookie, csrf = h.login(portal, "10014", "63")
    test_expired_estimate(portal, cookie, csrf, e)
    test_address_change(portal, cookie, csrf)


def main():
    return h.run("requests", scenario, prepare=expired_estimate, alarm=120)


if __name__ == "__main__":
    sys.exit(main())
