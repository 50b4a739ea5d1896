# SPDX-License-Identifier: MIT
"""session.py - a customer's session: what a lookup or a secure link opens.

A Session holds the library's `portal_session *` and frees (and wipes) it
with portal_session_free() on close(), at the end of a `with` block, or
when collected. Its views and actions run as the customer: another
client's record answers NotFound, a hidden section Denied.
"""
import json

from . import _convert as cv


class Session:
    """An open customer session (from Shop.lookup, open_link, check_session)."""

    def __init__(self, shop, ptr):
        self._shop = shop
        self._s = ptr
        s = ptr.contents
        self.id = s.id
        self.client_id = s.client_id
        self.job_id = s.job_id
        self.link_id = s.link_id
        self.created_at = s.created_at
        self.expires_at = s.expires_at
        self.token = s.token.decode()
        self.csrf = s.csrf.decode()

    @property
    def sections(self):
        """The names of the sections the client sees."""
        return cv.section_names(self._shop._lib, self._ptr().contents.sections)

    def _ptr(self):
        if self._s is None:
            raise ValueError("the session is closed")
        return self._s

    def close(self):
        """Free the session record (portal_session_free); it stays open in the shop."""
        s, self._s = self._s, None
        if s is not None:
            self._shop._lib.portal_session_free(s)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_s", None) is not None:
            self.close()

    def end(self, source=None):
        """Log out: end the session in the shop (portal_session_end), then close()."""
        shop = self._shop
        self._ptr()
        try:
            shop._check(shop._lib.portal_session_end(shop._handle(), cv.text(self.token),
                                                     cv.text(source)))
        finally:
            self.close()

    def view(self, name="dashboard", arg=None):
        """View `name` ("dashboard", "invoice" with a number ...) as a dict."""
        return json.loads(self._shop._bytes("portal_view", self._ptr(), cv.text(name),
                                            cv.text(None if arg is None else str(arg))))

    def invoice_pdf(self, number):
        """Invoice `number` as PDF bytes, the download written to the audit log."""
        return self._shop._bytes("portal_customer_invoice_pdf", self._ptr(),
                                 cv.text(number))

    def decide_estimate(self, number, decision, name, line_id=0):
        """Approve or decline line `line_id` (0: every pending line) of estimate `number`."""
        self._shop._call("portal_customer_estimate_decide", self._ptr(), cv.text(number),
                         line_id, cv.decision(decision), cv.text(name))

    def __repr__(self):
        state = "closed" if self._s is None else f"client {self.client_id}"
        return f"<portal.Session {self.id} {state}>"
