# SPDX-License-Identifier: MIT
"""portal - libportal, the client portal library for repair shops, from Python.

A ctypes binding over libportal's library (libshopportal.so.0): no compiler,
no third-party package.

    import portal
    with portal.Shop("shop.db") as shop:
        session = shop.lookup("10231", "120")
        print(session.view("dashboard")["balance_due_text"])

The library is found through the `library` argument of Shop, then the
PORTAL_LIBRARY environment variable, then the soname libshopportal.so.0 on
the system's library path.
"""
from ._lib import EXPECTED_MAJOR, LibraryError, load
from .errors import (AlreadyExists, Denied, ImportProblems, InternalError,
                     InvalidInput, NewerDatabase, NotADatabase, NotFound,
                     OutOfMemory, PortalError, PortalIOError, RateLimited,
                     RuleRefused, StoreError)
from .session import Session
from .shop import (PRICE_SHOP_FEE, TIME_DATE, TIME_HUMAN, TIME_ISO, Shop)

__all__ = [
    "Shop", "Session", "open", "version", "version_number", "load", "LibraryError",
    "PortalError", "InternalError", "OutOfMemory", "InvalidInput", "ImportProblems",
    "NotFound", "Denied", "RuleRefused", "RateLimited", "StoreError",
    "PortalIOError", "NotADatabase", "NewerDatabase", "AlreadyExists",
    "PRICE_SHOP_FEE", "TIME_ISO", "TIME_HUMAN", "TIME_DATE", "EXPECTED_MAJOR",
]


def open(path, create=False, readonly=False, library=None):
    """Open a shop database: the same as Shop(path, ...)."""
    return Shop(path, create=create, readonly=readonly, library=library)


def version(library=None):
    """The version of the libportal actually loaded, e.g. "0.1.0"."""
    return load(library).portal_version().decode()


def version_number(library=None):
    """MAJOR * 10000 + MINOR * 100 + PATCH of the libportal loaded."""
    return load(library).portal_version_number()
