# SPDX-License-Identifier: MIT
"""The shop's records through the binding: settings, clients and addresses,
assets, technicians, jobs, estimates, invoices, payments, appointments."""
import unittest

import portal
from portal import errors

from fixtures import DAY, HOUR, NOW, ShopTest


class RecordTest(ShopTest):
    def setUp(self):
        super().setUp()
        self.shop = self.empty_shop()
        self.client_id = self.shop.add_client("Zoë Laurent", email="zoe@example.com",
                                              phone="416-555-0101", sms_consent=True)
        self.address_id = self.shop.add_address(self.client_id, "120", "King St W",
                                                "Toronto", unit="5", region="ON",
                                                postal_code="m5h1j9")


class TestSettings(RecordTest):
    def test_defaults_are_the_published_policy(self):
        self.assertEqual(self.shop.setting("service_call_fee"), "120.00")
        self.assertEqual(self.shop.settings()["estimate_validity_days"], "7")

    def test_a_value_is_stored_in_canonical_form(self):
        self.shop.set_setting("service_call_fee", "$1,200")
        self.assertEqual(self.shop.setting("service_call_fee"), "1200.00")
        self.shop.set_setting("link_days", 30)
        self.assertEqual(self.shop.settings()["link_days"], "30")

    def test_a_bad_value_names_the_field_and_changes_nothing(self):
        e = self.assertRefused(portal.InvalidInput, errors.EINVAL,
                               self.shop.set_setting, "tax_rate", "thirteen")
        self.assertEqual(e.field, "shop.tax_rate")
        self.assertIn("thirteen", e.message)
        self.assertEqual(self.shop.setting("tax_rate"), "13")

    def test_every_setting_is_described_with_its_default(self):
        described = self.shop.setting_descriptions()
        self.assertEqual([d["key"] for d in described], list(self.shop.settings()))
        fee = next(d for d in described if d["key"] == "service_call_fee")
        self.assertEqual(fee["default"], "120.00")
        self.assertTrue(fee["description"])

    def test_an_unknown_key_is_not_found(self):
        self.assertRefused(portal.NotFound, errors.ENOTFOUND, self.shop.setting, "colour")


class TestClients(RecordTest):
    def test_a_client_reads_back_with_their_address(self):
        c = self.shop.client(self.client_id)
        self.assertEqual(c["name"], "Zoë Laurent")
        self.assertEqual(c["phone"], "+14165550101")
        self.assertTrue(c["sms_consent"])
        self.assertEqual([a["id"] for a in c["addresses"]], [self.address_id])

    def test_update_changes_only_the_fields_given(self):
        self.shop.update_client(self.client_id, email="zoe.laurent@example.com")
        c = self.shop.client(self.client_id)
        self.assertEqual(c["email"], "zoe.laurent@example.com")
        self.assertEqual(c["name"], "Zoë Laurent")
        self.assertTrue(c["sms_consent"])

    def test_search(self):
        self.shop.add_client("Renée Lefèvre")
        self.assertEqual([c["name"] for c in self.shop.clients()],
                         ["Renée Lefèvre", "Zoë Laurent"])
        self.assertEqual([c["name"] for c in self.shop.clients("lef")], ["Renée Lefèvre"])

    def test_a_bad_email_names_the_field_and_adds_nobody(self):
        e = self.assertRefused(portal.InvalidInput, errors.EINVAL, self.shop.add_client,
                               "Renée Lefèvre", email="renee at example")
        self.assertEqual(e.field, "client.email")
        self.assertEqual(len(self.shop.clients()), 1)

    def test_an_unknown_client_is_not_found(self):
        self.assertRefused(portal.NotFound, errors.ENOTFOUND, self.shop.client, 999)

    def test_addresses_read_back_as_records_and_one_line(self):
        a = self.shop.address(self.address_id)
        self.assertEqual(a["postal_code"], "M5H 1J9")
        self.assertEqual(a["text"], "5-120 King St W, Toronto, ON M5H 1J9")
        self.assertIsNone(a["latitude"])
        second = self.shop.add_address(self.client_id, "48", "Roncesvalles Ave", "Toronto",
                                       latitude=43.64, longitude=-79.45)
        self.assertEqual([x["id"] for x in self.shop.addresses(self.client_id)],
                         [self.address_id, second])
        self.assertAlmostEqual(self.shop.address(second)["latitude"], 43.64)
        self.shop.update_address(second, "50", "Roncesvalles Ave", "Toronto")
        self.assertEqual(self.shop.address(second)["house_number"], "50")

    def test_an_address_without_a_house_number_is_refused(self):
        e = self.assertRefused(portal.InvalidInput, errors.EINVAL, self.shop.add_address,
                               self.client_id, "", "King St W", "Toronto")
        self.assertEqual(e.field, "address.house_number")
        self.assertRefused(portal.NotFound, errors.ENOTFOUND, self.shop.address, 999)


class TestAssetsAndTechnicians(RecordTest):
    def test_assets(self):
        dryer = self.shop.add_asset(self.client_id, "appliance", "Dryer", "Whirlpool",
                                    serial="WP-123")
        car = self.shop.add_asset(self.client_id, "vehicle", "Sedan", "Toyota",
                                  model="Corolla", year=2019)
        self.assertEqual(self.shop.asset(dryer)["serial"], "WP-123")
        self.assertEqual(self.shop.asset(car)["kind"], "vehicle")
        self.assertEqual(len(self.shop.assets(self.client_id)), 2)
        e = self.assertRefused(portal.InvalidInput, errors.EINVAL, self.shop.add_asset,
                               self.client_id, "boat", "Canoe", "Old Town")
        self.assertEqual(e.field, "asset.kind")

    def test_technicians(self):
        t = self.shop.add_technician("Marc Tremblay", "416-555-0190")
        self.assertEqual(self.shop.technician(t),
                         {"id": t, "name": "Marc Tremblay", "phone": "+14165550190",
                          "active": True})
        self.shop.set_technician_active(t, False)
        self.assertFalse(self.shop.technician(t)["active"])
        self.assertEqual([x["name"] for x in self.shop.technicians()], ["Marc Tremblay"])
        self.assertRefused(portal.NotFound, errors.ENOTFOUND, self.shop.technician, 999)


class TestJobs(RecordTest):
    def test_a_job_and_its_timeline(self):
        job = self.shop.add_job(self.client_id, "Dryer does not heat",
                                booked_at=NOW - DAY)
        self.shop.set_job_status(job, "diagnosed", note="Heating element open")
        j = self.shop.job(job)
        self.assertEqual(j["status"], "diagnosed")
        self.assertEqual(j["address_id"], self.address_id)
        self.assertEqual([(e["status"], e["note"]) for e in j["timeline"]],
                         [("booked", ""), ("diagnosed", "Heating element open")])
        self.assertEqual([x["id"] for x in self.shop.jobs(self.client_id)], [job])

    def test_the_same_status_twice_is_refused(self):
        job = self.shop.add_job(self.client_id, "Dryer does not heat")
        e = self.assertRefused(portal.RuleRefused, errors.ERULE,
                               self.shop.set_job_status, job, "booked")
        self.assertEqual(len(self.shop.job(job)["timeline"]), 1)
        self.assertIsNone(e.field)


class TestEstimatesAndInvoices(RecordTest):
    def estimate(self):
        job = self.shop.add_job(self.client_id, "Dryer does not heat")
        est = self.shop.add_estimate(self.client_id, job_id=job)
        self.shop.add_estimate_line(est, "service_call_fee", portal.PRICE_SHOP_FEE)
        self.shop.add_estimate_line(est, "part", "89.99", description="Heating element")
        self.shop.add_estimate_line(est, "labour", 9500, quantity="1.5")
        return job, est

    def test_an_estimate_sent_then_approved_becomes_the_draft_invoice(self):
        job, est = self.estimate()
        self.assertEqual(self.shop.estimate(est)["status"], "draft")
        self.shop.send_estimate(est)
        e = self.shop.estimate(est)
        self.assertEqual((e["number"], e["status"], e["last_valid_day"]),
                         ("E1001", "sent", "2026-11-29"))
        self.assertEqual(e["totals"]["subtotal"], 12000 + 8999 + 14250)
        self.assertEqual(self.shop.find_estimate("e-1001"), est)
        self.shop.decide_estimate(est, "approved", "Zoë Laurent")
        self.assertEqual(self.shop.estimate(est)["status"], "approved")
        self.assertEqual(self.shop.job(job)["status"], "approved")
        [inv] = self.shop.invoices(client_id=self.client_id)
        self.assertEqual((inv["status"], inv["estimate_id"]), ("draft", est))

    def test_an_expired_estimate_is_refused(self):
        _, est = self.estimate()
        self.shop.send_estimate(est)
        self.shop.set_now("2026-11-30 00:00")
        e = self.assertRefused(portal.RuleRefused, errors.ERULE, self.shop.decide_estimate,
                               est, "approved", "Zoë Laurent")
        self.assertIn("expired", e.message)
        self.assertEqual(self.shop.estimate(est)["status"], "expired")

    def test_an_invoice_issued_paid_and_refunded(self):
        inv = self.shop.add_invoice(self.client_id, number="INV-500")
        self.shop.add_invoice_line(inv, "labour", "100.00", quantity=2)
        self.shop.issue_invoice(inv)
        i = self.shop.invoice(inv)
        self.assertEqual((i["status"], i["totals"]["total"]), ("due", 22600))
        self.assertEqual(self.shop.find_invoice("inv 500"), inv)

        pay = self.shop.add_payment("100.00", "e-transfer", invoice_id=inv)
        self.assertEqual(self.shop.invoice(inv)["status"], "partly_paid")
        self.assertEqual(self.shop.payment(pay)["amount"], 10000)
        e = self.assertRefused(portal.RuleRefused, errors.ERULE, self.shop.add_payment,
                               50000, "cash", invoice_id=inv)
        self.assertEqual(self.shop.invoice(inv)["balance"], 12600)
        self.assertIsNone(e.field)

        self.shop.add_payment(50000, "cash", invoice_id=inv, excess_to_credit=True)
        self.assertEqual(self.shop.invoice(inv)["status"], "paid")
        self.assertEqual(self.shop.account_credit(self.client_id), 50000 - 12600)
        refund = self.shop.refund_payment(pay, "Paid twice", amount=2500)
        self.assertEqual(self.shop.payment(refund)["amount"], -2500)
        self.assertEqual(len(self.shop.payments(invoice_id=inv)), 3)
        statement = self.shop.statement(self.client_id)
        self.assertEqual(statement["balance"], 2500 - (50000 - 12600))
        self.assertEqual(self.shop.client_balance(self.client_id),
                         {"open": 2500, "open_invoices": 1,
                          "account_credit": 50000 - 12600,
                          "balance": 2500 - (50000 - 12600)})

    def test_a_void_invoice_and_the_rules_around_it(self):
        inv = self.shop.add_invoice(self.client_id)
        self.assertRefused(portal.RuleRefused, errors.ERULE, self.shop.issue_invoice, inv)
        self.shop.add_invoice_line(inv, "part", 4500)
        self.shop.issue_invoice(inv, due_at="2026-12-05")
        self.shop.void_invoice(inv, "Entered twice")
        self.assertEqual(self.shop.invoice(inv)["status"], "void")
        self.assertEqual(self.shop.invoices(status="void")[0]["id"], inv)
        self.assertRefused(portal.RuleRefused, errors.ERULE,
                           self.shop.add_invoice_line, inv, "part", 100)
        self.assertRefused(portal.AlreadyExists, errors.EEXISTS,
                           self.shop.add_invoice, self.client_id, number=self.shop.invoice(inv)["number"])

    def test_money_is_never_a_float(self):
        inv = self.shop.add_invoice(self.client_id)
        with self.assertRaises(TypeError):
            self.shop.add_invoice_line(inv, "part", 45.0)
        e = self.assertRefused(portal.InvalidInput, errors.EINVAL,
                               self.shop.add_invoice_line, inv, "part", "4.5.0")
        self.assertEqual(e.field, "line.unit_price")


class TestAppointments(RecordTest):
    def test_a_visit_cancelled_late_charges_the_fee_once(self):
        tech = self.shop.add_technician("Marc Tremblay")
        visit = self.shop.add_appointment(self.client_id, "2026-11-22 14:00",
                                          "2026-11-22 17:00")
        self.shop.assign_appointment(visit, tech)
        self.shop.set_appointment_status(visit, "confirmed")
        a = self.shop.appointment(visit)
        self.assertEqual((a["status"], a["technician_name"]), ("confirmed", "Marc Tremblay"))
        self.assertEqual([x["id"] for x in self.shop.appointments(day="today")], [visit])
        self.assertEqual(self.shop.appointments(day="2026-11-23"), [])

        quote = self.shop.cancel_quote(visit)
        self.assertEqual(quote, {"free_until": NOW + 4 * HOUR - 12 * HOUR, "late": True,
                                 "fee": 6000})
        self.assertEqual(self.shop.cancel_appointment(visit), quote)
        a = self.shop.appointment(visit)
        self.assertEqual(a["status"], "cancelled")
        self.assertEqual(self.shop.invoice(a["fee_invoice_id"])["totals"]["subtotal"], 6000)
        self.assertRefused(portal.RuleRefused, errors.ERULE,
                           self.shop.cancel_appointment, visit)

    def test_a_no_show_and_a_window_too_long(self):
        visit = self.shop.add_appointment(self.client_id, NOW - HOUR, NOW + HOUR)
        self.assertEqual(self.shop.appointment_no_show(visit), 6000)
        self.assertRefused(portal.InvalidInput, errors.EINVAL, self.shop.add_appointment,
                           self.client_id, NOW + DAY, NOW + DAY + 13 * HOUR)
        self.assertRefused(portal.InvalidInput, errors.EINVAL,
                           self.shop.set_appointment_status, visit, "warp speed")


if __name__ == "__main__":
    unittest.main()
