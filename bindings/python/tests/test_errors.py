# SPDX-License-Identifier: MIT
"""Every negative code is an exception of its own class, carrying the code,
its name, the library's message and, for invalid input, the field."""
import unittest

import portal
from portal import errors

from fixtures import ShopTest

CLASSES = {
    -1: portal.InternalError, -2: portal.OutOfMemory, -3: portal.InvalidInput,
    -4: portal.NotFound, -5: portal.Denied, -6: portal.RuleRefused,
    -7: portal.RateLimited, -8: portal.StoreError, -9: portal.PortalIOError,
    -10: portal.NotADatabase, -11: portal.NewerDatabase, -12: portal.AlreadyExists,
}


class TestErrorClasses(unittest.TestCase):
    def test_every_code_of_errors_h_has_its_class_and_name(self):
        lib = portal.load()
        for code, cls in CLASSES.items():
            with self.subTest(code=code):
                self.assertIs(errors.error_class(code), cls)
                self.assertTrue(issubclass(cls, portal.PortalError))
                self.assertTrue(errors.code_name(code).startswith("PORTAL_E"))
                # The library knows every code this binding names.
                self.assertNotEqual(lib.portal_strerror(code), b"unknown error")
        self.assertEqual(errors.code_name(-4), "PORTAL_ENOTFOUND")
        self.assertEqual(errors.code_name(-1), "PORTAL_ERROR")
        self.assertIs(errors.error_class(-99), portal.PortalError)
        self.assertEqual(portal.load().portal_strerror(-13), b"unknown error")


class TestErrorsFromTheLibrary(ShopTest):
    def test_an_error_carries_code_name_message_and_description(self):
        shop = self.empty_shop()
        with self.assertRaises(portal.PortalError) as cm:
            shop.job(42)
        e = cm.exception
        self.assertIsInstance(e, portal.NotFound)
        self.assertEqual((e.code, e.name, e.description),
                         (-4, "PORTAL_ENOTFOUND", "not found"))
        self.assertIn("42", e.message)
        self.assertIsNone(e.field)
        self.assertIn("PORTAL_ENOTFOUND", repr(e))

    def test_invalid_input_names_the_field(self):
        shop = self.empty_shop()
        cid = shop.add_client("Zoë Laurent")
        with self.assertRaises(portal.InvalidInput) as cm:
            shop.update_client(cid, phone="call me")
        e = cm.exception
        self.assertEqual((e.code, e.field), (-3, "client.phone"))
        self.assertTrue(e.message.startswith("client.phone: "), e.message)

    def test_the_message_is_the_latest_failures(self):
        shop = self.empty_shop()
        first = self.assertRefused(portal.NotFound, -4, shop.invoice, 7)
        second = self.assertRefused(portal.InvalidInput, -3, shop.add_client, "")
        self.assertNotEqual(first.message, second.message)
        self.assertEqual(second.field, "client.name")


if __name__ == "__main__":
    unittest.main()
