# SPDX-License-Identifier: MIT
"""Memory the library hands out goes back through the library's own
functions: every portal_buf through portal_buf_dispose(), every record
through its _free(), on success and on failure alike."""
import collections
import unittest

import portal

from fixtures import ShopTest

FREES = ["portal_buf_dispose", "portal_address_free", "portal_tech_free",
         "portal_session_free"]


class TestMemory(ShopTest):
    def setUp(self):
        super().setUp()
        self.shop = self.demo_shop()
        self.calls = collections.Counter()
        lib = self.shop._lib
        for name in FREES:
            real = getattr(lib, name)
            setattr(lib, name, self.counting(name, real))
            self.addCleanup(setattr, lib, name, real)

    def counting(self, name, real):
        def call(*args):
            self.calls[name] += 1
            return real(*args)
        return call

    def frees(self, call, *args):
        """The free functions `call` made, whether it returned or raised."""
        self.calls.clear()
        try:
            call(*args)
        except portal.PortalError:
            pass
        return dict(self.calls)

    def test_documents_and_pdfs_dispose_their_buffer(self):
        inv = self.shop.find_invoice("10005")
        for call, args in [(self.shop.client, (3,)), (self.shop.client, (999,)),
                           (self.shop.preview, (3, "invoices")),
                           (self.shop.preview, (3, "no-such-view")),
                           (self.shop.invoice_pdf, (inv,)),
                           (self.shop.invoice_pdf, (999,)),
                           (self.shop.setting, ("tax_rate",))]:
            with self.subTest(call=call.__name__, args=args):
                self.assertEqual(self.frees(call, *args), {"portal_buf_dispose": 1})

    def test_records_are_freed_by_their_own_function(self):
        self.assertEqual(self.frees(self.shop.address, 1),
                         {"portal_address_free": 1, "portal_buf_dispose": 1})
        self.assertEqual(self.frees(self.shop.address, 999),
                         {"portal_address_free": 1, "portal_buf_dispose": 1})
        self.assertEqual(self.frees(self.shop.technician, 1), {"portal_tech_free": 1})
        self.assertEqual(self.frees(self.shop.technician, 999), {"portal_tech_free": 1})

    def test_a_session_is_freed_once_when_closed(self):
        house = self.house_number(self.shop, 3)
        self.assertEqual(self.frees(self.shop.lookup, "10005", "99999"),
                         {"portal_session_free": 1})
        self.calls.clear()
        with self.shop.lookup("10005", house) as s:
            s.view("dashboard")
            self.assertEqual(dict(self.calls), {"portal_buf_dispose": 1})
        self.assertEqual(self.calls["portal_session_free"], 1)
        s.close()
        self.assertEqual(self.calls["portal_session_free"], 1)


if __name__ == "__main__":
    unittest.main()
