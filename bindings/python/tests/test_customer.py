# SPDX-License-Identifier: MIT
"""The customer's side: the lookup, secure links, sessions, the views as
dicts, PDFs as bytes, and one client never reaching another's records."""
import unittest

import portal
from portal import errors

from fixtures import ShopTest

FRAME = {"view", "generated_at", "generated_at_text", "client", "shop", "sections",
         "job_scope"}
SOURCE = "203.0.113.7"


class CustomerTest(ShopTest):
    def setUp(self):
        super().setUp()
        self.shop = self.demo_shop()
        # Invoice 10005 belongs to demo client 3, partly paid; 10003 to client 2.
        self.mine = "10005"
        self.client_id = self.shop.invoice(self.shop.find_invoice(self.mine))["client_id"]
        self.theirs = "10003"
        self.other_id = self.shop.invoice(self.shop.find_invoice(self.theirs))["client_id"]
        self.assertNotEqual(self.client_id, self.other_id)

    def lookup(self):
        session = self.shop.lookup(self.mine, self.house_number(self.shop, self.client_id),
                                   SOURCE)
        self.addCleanup(session.close)
        return session


class TestLookup(CustomerTest):
    def test_the_invoice_and_house_number_open_a_session(self):
        s = self.lookup()
        self.assertEqual(s.client_id, self.client_id)
        self.assertEqual((s.job_id, s.link_id), (0, 0))
        self.assertEqual(len(s.token), 43)
        self.assertEqual(len(s.csrf), 43)
        self.assertIn("invoices", s.sections)
        again = self.shop.check_session(s.token, SOURCE)
        self.addCleanup(again.close)
        self.assertEqual(again.id, s.id)

    def test_typed_forms_of_the_invoice_number_and_house_number_match(self):
        house = self.house_number(self.shop, self.client_id)
        with self.shop.lookup(f"inv-{self.mine}", f" {house} ", SOURCE) as s:
            self.assertEqual(s.client_id, self.client_id)

    def test_a_miss_is_not_found_and_the_limit_is_rate_limited(self):
        self.shop.set_setting("lookup_addr_limit", 3)
        house = self.house_number(self.shop, self.client_id)
        misses = set()
        for _ in range(3):
            e = self.assertRefused(portal.NotFound, errors.ENOTFOUND,
                                   self.shop.lookup, self.mine, "99999", SOURCE)
            misses.add(e.message)
        self.assertEqual(len(misses), 1)
        e = self.assertRefused(portal.RateLimited, errors.ERATELIMIT,
                               self.shop.lookup, self.mine, house, SOURCE)
        self.assertIn("try again", e.message.lower())
        with self.shop.lookup(self.mine, house, "198.51.100.9") as s:
            self.assertEqual(s.client_id, self.client_id)

    def test_access_off_is_denied(self):
        self.shop.set_client_access(self.client_id, False)
        self.assertRefused(portal.Denied, errors.EDENIED, self.shop.lookup, self.mine,
                           self.house_number(self.shop, self.client_id), SOURCE)

    def test_logging_out_ends_the_session(self):
        s = self.lookup()
        token = s.token
        s.end(SOURCE)
        with self.assertRaises(ValueError):
            s.view("dashboard")
        self.assertRefused(portal.NotFound, errors.ENOTFOUND, self.shop.check_session,
                           token, SOURCE)


class TestLinks(CustomerTest):
    def test_a_link_opens_a_session_limited_to_its_job(self):
        job = self.shop.jobs(self.client_id)[0]["id"]
        url, link_id = self.shop.create_link(self.client_id, job_id=job, days=3)
        self.assertIn("/k/", url)
        with self.shop.open_link(url, SOURCE) as s:
            self.assertEqual((s.client_id, s.job_id, s.link_id), (self.client_id, job, link_id))
            self.assertEqual([j["id"] for j in s.view("jobs")["jobs"]], [job])
        # Among the links the shop's messages to the client carry.
        [link] = [l for l in self.shop.links(self.client_id) if l["id"] == link_id]
        self.assertEqual((link["id"], link["state"]), (link_id, "active"))
        self.shop.revoke_link(link_id)
        e = self.assertRefused(portal.NotFound, errors.ENOTFOUND,
                               self.shop.open_link, url.rsplit("/", 1)[1])
        self.assertIn("new link", e.message)


class TestViews(CustomerTest):
    def test_every_view_without_an_argument_is_a_dict_with_the_frame(self):
        s = self.lookup()
        names = self.shop.view_names()
        self.assertIn("dashboard", names)
        for name in names:
            if name in ("job", "invoice", "estimate"):
                continue
            with self.subTest(view=name):
                v = s.view(name)
                self.assertLessEqual(FRAME, set(v), name)
                self.assertEqual(v["view"], name)
                self.assertEqual(v["client"]["name"], self.shop.client(self.client_id)["name"])

    def test_the_dashboard_shows_the_balance_the_shop_computes(self):
        s = self.lookup()
        d = s.view("dashboard")
        statement = self.shop.statement(self.client_id)
        self.assertEqual(d["balance_due"], statement["balance"])
        self.assertEqual(d["balance_due_text"], "17.52")
        self.assertEqual(d, self.shop.preview(self.client_id, "dashboard"))

    def test_an_invoice_view_takes_its_number(self):
        v = self.lookup().view("invoice", self.mine)
        self.assertEqual(v["invoice"]["number"], self.mine)
        self.assertEqual(v["invoice"]["balance"], 1752)

    def test_another_clients_invoice_answers_as_one_that_does_not_exist(self):
        s = self.lookup()
        other = self.assertRefused(portal.NotFound, errors.ENOTFOUND,
                                   s.view, "invoice", self.theirs)
        missing = self.assertRefused(portal.NotFound, errors.ENOTFOUND,
                                     s.view, "invoice", "77777")
        self.assertEqual(other.message.replace(self.theirs, "N"),
                         missing.message.replace("77777", "N"))
        self.assertRefused(portal.NotFound, errors.ENOTFOUND, s.invoice_pdf, self.theirs)
        their_job = self.shop.jobs(self.other_id)[0]["id"]
        self.assertRefused(portal.NotFound, errors.ENOTFOUND, s.view, "job", their_job)

    def test_a_hidden_section_is_denied(self):
        s = self.lookup()
        self.shop.set_client_sections(self.client_id, ["estimates", "payments"])
        self.assertEqual(self.shop.client_sections(self.client_id), ["estimates", "payments"])
        s = self.shop.check_session(s.token, SOURCE)
        self.addCleanup(s.close)
        self.assertNotIn("invoices", s.sections)
        self.assertRefused(portal.Denied, errors.EDENIED, s.view, "invoices")
        self.assertRefused(portal.Denied, errors.EDENIED, s.invoice_pdf, self.mine)

    def test_a_view_that_does_not_exist_and_a_missing_argument(self):
        s = self.lookup()
        self.assertRefused(portal.NotFound, errors.ENOTFOUND, s.view, "secrets")
        self.assertRefused(portal.InvalidInput, errors.EINVAL, s.view, "invoice")

    def test_the_customer_approves_an_estimate_of_their_own(self):
        shop = self.shop
        job = shop.add_job(self.client_id, "Dishwasher leaks")
        est = shop.add_estimate(self.client_id, job_id=job)
        line = shop.add_estimate_line(est, "part", "45.00")
        shop.add_estimate_line(est, "labour", "60.00")
        shop.send_estimate(est)
        number = shop.estimate(est)["number"]
        s = self.lookup()
        s.decide_estimate(number, "approved", "Jürgen Müller", line_id=line)
        s.decide_estimate(number, "declined", "Jürgen Müller")
        decisions = [ln["decision"] for ln in shop.estimate(est)["lines"]]
        self.assertEqual(decisions, ["approved", "declined"])
        self.assertRefused(portal.RuleRefused, errors.ERULE, s.decide_estimate,
                           number, "approved", "Jürgen Müller")


class TestPdf(CustomerTest):
    def test_documents_are_pdf_bytes(self):
        shop = self.shop
        inv = shop.find_invoice(self.mine)
        est = shop.estimates(self.client_id)[0]["id"]
        for name, pdf in [("invoice", shop.invoice_pdf(inv)),
                          ("estimate", shop.estimate_pdf(est)),
                          ("statement", shop.statement_pdf(self.client_id)),
                          ("customer invoice", self.lookup().invoice_pdf(self.mine))]:
            with self.subTest(document=name):
                self.assertIsInstance(pdf, bytes)
                self.assertTrue(pdf.startswith(b"%PDF-"), pdf[:16])
                self.assertTrue(pdf.rstrip().endswith(b"%%EOF"))

    def test_deterministic_documents_repeat_byte_for_byte(self):
        inv = self.shop.find_invoice(self.mine)
        first = self.shop.invoice_pdf(inv, deterministic=True)
        self.shop.set_now("2026-12-01 09:00")
        self.assertEqual(self.shop.invoice_pdf(inv, deterministic=True), first)

    def test_a_missing_invoice_has_no_pdf(self):
        self.assertRefused(portal.NotFound, errors.ENOTFOUND, self.shop.invoice_pdf, 9999)


if __name__ == "__main__":
    unittest.main()
