# SPDX-License-Identifier: MIT
"""fixtures.py - real shop databases in temporary directories for the tests.

Every shop's clock is fixed at NOW (Sunday 22 November 2026, 10:00 in
Toronto), so dates in the demo shop and in the rules are the same on
every run. The library comes from PORTAL_LIBRARY (ctest sets it to the
build tree's libshopportal.so).
"""
import os
import shutil
import tempfile
import unittest

import portal

NOW = 1795359600             # 2026-11-22T15:00:00Z
HOUR = 3600
DAY = 24 * HOUR


class ShopTest(unittest.TestCase):
    """A test with a fresh temporary directory and its shops closed afterwards."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="portal-python-")
        self.addCleanup(shutil.rmtree, self.dir, ignore_errors=True)

    def path(self, name="shop.db"):
        return os.path.join(self.dir, name)

    def open_shop(self, name="shop.db", create=True, **kw):
        shop = portal.Shop(self.path(name), create=create, **kw)
        self.addCleanup(shop.close)
        shop.set_now(NOW)
        return shop

    def demo_shop(self, name="shop.db"):
        shop = self.open_shop(name)
        shop.fill_demo()
        return shop

    def empty_shop(self, name="shop.db"):
        shop = self.open_shop(name)
        shop.set_setting("timezone", "America/Toronto")
        return shop

    def house_number(self, shop, client_id):
        return shop.addresses(client_id)[0]["house_number"]

    def assertRefused(self, cls, code, call, *args, **kw):
        """`call` raises `cls` with `code`, a message and the code's name; returns it."""
        with self.assertRaises(cls) as cm:
            call(*args, **kw)
        e = cm.exception
        self.assertEqual(e.code, code)
        self.assertEqual(e.name, portal.errors.code_name(code))
        self.assertTrue(e.message and e.message != "ok", e.message)
        self.assertEqual(str(e), e.message)
        return e
