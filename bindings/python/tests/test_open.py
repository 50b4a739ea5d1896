# SPDX-License-Identifier: MIT
"""Finding the library, opening and closing a shop, and the clock."""
import ast
import ctypes
import ctypes.util
import os
import re
import pathlib
import sqlite3
import unittest

import portal
from unittest import mock

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
            portal.load(os.path.join(os.path.dirname(__file__), "no-such-libshopportal.so"))
        self.assertIn("no-such-libshopportal.so", str(cm.exception))

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


class TestFindingTheLibrary(unittest.TestCase):
    """Only libportal's own library, by its soname: Debian's libportal1 (the
    Flatpak portal library) is found under the bare name "portal" too, and
    loading it ends in an AttributeError far from the cause."""

    BARE = re.compile(r"^(lib)?portal(\.so(\.\d+)*)?$")

    def tried_without_path(self):
        """The names load() hands the loader with no path and no
        $PORTAL_LIBRARY, none of them found; and the error it raises."""
        tried, searched = [], []

        def cdll(name, *args, **kw):
            tried.append(name)
            raise OSError(f"{name}: cannot open shared object file")

        env = {k: v for k, v in os.environ.items() if k != "PORTAL_LIBRARY"}
        with mock.patch.dict(os.environ, env, clear=True), \
                mock.patch.object(_lib, "_loaded", {}), \
                mock.patch.object(ctypes, "CDLL", cdll), \
                mock.patch.object(ctypes.util, "find_library",
                                  lambda name: searched.append(name)):
            with self.assertRaises(portal.LibraryError) as cm:
                _lib.load()
        return tried, searched, str(cm.exception)

    def test_only_its_own_soname_is_asked_for(self):
        tried, searched, _ = self.tried_without_path()
        self.assertEqual(tried, ["libshopportal.so.0"])
        self.assertEqual(searched, [])
        for name in tried:
            self.assertIsNone(self.BARE.match(os.path.basename(name)),
                              f"the binding would load {name!r}")

    def test_the_source_names_no_bare_library(self):
        # Whatever path a later change adds, the module may not name the
        # bare library nor search for one.
        tree = ast.parse(pathlib.Path(_lib.__file__).read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                self.assertIsNone(self.BARE.match(node.value),
                                  f"_lib.py names the library {node.value!r}")
            if isinstance(node, ast.Attribute):
                self.assertNotEqual(node.attr, "find_library",
                                    "_lib.py searches for a library by name")

    def test_none_found_says_what_was_looked_for_and_how_to_point_at_one(self):
        _, _, message = self.tried_without_path()
        self.assertIn("libshopportal.so.0", message)
        self.assertIn("PORTAL_LIBRARY", message)
        self.assertIn("library=", message)

    def test_another_library_is_refused_with_its_name(self):
        libc = ctypes.util.find_library("c")
        with mock.patch.object(_lib, "_loaded", {}):
            with self.assertRaises(portal.LibraryError) as cm:
                _lib.load(libc)
        self.assertIn("is not libportal's library (libshopportal.so.0)", str(cm.exception))


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
