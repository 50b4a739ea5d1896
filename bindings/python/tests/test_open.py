# SPDX-License-Identifier: MIT
"""Finding the library, opening and closing a shop, and the clock."""
import ctypes
import os
import pathlib
import sqlite3
import unittest

import portal
from portal import _lib, errors

from fixtures import NOW, ShopTest


class TestLibrary(unittest.TestCase):
    def test_version_is_the_major_the_binding_expects(self):
        number = portal.version_number()
        self.assertEqual(number // 10000, portal.EXPECTED_MAJOR)
        major, minor, patch = (int(x) for x in portal.version().split("."))
        self.assertEqual(major * 10000 + minor * 100 + patch, number)

    def test_an_explicit_path_wins_over_the_environment(self):
        lib = portal.load(os.environ["PORTAL_LIBRARY"])
        self.assertIs(portal.load(), lib)
        with self.assertRaises(portal.LibraryError) as cm:
            portal.load(os.path.join(os.path.dirname(__file__), "no-such-libportal.so"))
        self.assertIn("no-such-libportal.so", str(cm.exception))

    def test_another_major_version_is_refused(self):
        dll = ctypes.CDLL(os.environ["PORTAL_LIBRARY"])
        saved = _lib.EXPECTED_MAJOR
        _lib.EXPECTED_MAJOR = saved + 1
        try:
            with self.assertRaises(portal.LibraryError) as cm:
                _lib._check_version(dll)
            self.assertIn(portal.version(), str(cm.exception))
        finally:
            _lib.EXPECTED_MAJOR = saved


class TestOpen(ShopTest):
    def test_create_then_reopen(self):
        with portal.Shop(self.path(), create=True) as shop:
            shop.set_now(NOW)
            cid = shop.add_client("Zoë Laurent")
            self.assertGreater(shop.schema_version, 0)
        self.assertTrue(shop.closed)
        with portal.open(self.path()) as shop:
            self.assertEqual(shop.client(cid)["name"], "Zoë Laurent")

    def test_close_is_idempotent_and_a_closed_shop_refuses_calls(self):
        shop = portal.Shop(self.path(), create=True)
        shop.close()
        shop.close()
        with self.assertRaises(ValueError):
            shop.clients()

    def test_a_missing_file_without_create_is_not_found(self):
        e = self.assertRefused(portal.NotFound, errors.ENOTFOUND,
                               portal.Shop, self.path("missing.db"))
        self.assertFalse(os.path.exists(self.path("missing.db")))
        self.assertIsNone(e.field)

    def test_a_file_that_is_not_a_shop_is_refused_and_left_alone(self):
        path = self.path("other.db")
        with sqlite3.connect(path) as db:
            db.execute("CREATE TABLE songs (title TEXT)")
        before = pathlib.Path(path).read_bytes()
        self.assertRefused(portal.NotADatabase, errors.ENOTDB, portal.Shop, path)
        self.assertEqual(pathlib.Path(path).read_bytes(), before)

    def test_a_read_only_shop_refuses_writes(self):
        self.open_shop().add_client("Zoë Laurent")
        shop = self.open_shop(create=False, readonly=True)
        self.assertEqual(len(shop.clients()), 1)
        self.assertRefused(portal.StoreError, errors.ESTORE, shop.add_client, "Renée Lefèvre")

    def test_the_clock_is_fixed_and_restored(self):
        shop = self.empty_shop()
        self.assertEqual(shop.now(), NOW)
        shop.set_now("2026-11-23 08:00")
        self.assertEqual(shop.now(), NOW + 22 * 3600)   # 08:00 EST is 13:00Z
        self.assertEqual(shop.format_time(shop.now()), "2026-11-23T08:00:00-05:00")
        shop.set_now(None)
        self.assertGreater(shop.now(), 1700000000)
        self.assertNotEqual(shop.now(), NOW + 22 * 3600)

    def test_a_typo_in_a_time_is_invalid_input(self):
        shop = self.open_shop()
        self.assertRefused(portal.InvalidInput, errors.EINVAL, shop.parse_time, "next tuesday")


if __name__ == "__main__":
    unittest.main()
