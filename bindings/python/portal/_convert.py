# SPDX-License-Identifier: MIT
"""_convert.py - Python values to the C library's and back.

Text crosses as UTF-8. Money is int cents; a str is parsed as the library
parses typed amounts ("120", "$1,200.00"). Quantities are units (2, "1.5",
Decimal("0.25")) and cross as thousandths. Times are int UTC seconds; a
str is parsed in the shop's time zone, an aware datetime is converted.
"""
import ctypes
import datetime
import decimal

from . import errors


def text(value):
    """A str (or None) as the bytes a const char * argument takes."""
    if value is None or isinstance(value, bytes):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected str, got {type(value).__name__}")
    return value.encode("utf-8")


def pystr(value):
    """Bytes read from a char * field, as str (None stays None)."""
    return None if value is None else value.decode("utf-8", "replace")


def invalid(field, message):
    """An InvalidInput raised by the binding itself, before calling the library."""
    return errors.InvalidInput(errors.EINVAL, f"{field}: {message}", field,
                               "invalid value")


def enum(lib, parse_name, value, field):
    """An enum argument: its int, or its name parsed by the library's _parse()."""
    if isinstance(value, bool):
        raise TypeError(f"{field}: expected a name or an int")
    if isinstance(value, int):
        return value
    out = ctypes.c_int()
    if getattr(lib, parse_name)(ctypes.byref(out), text(value)) != 0:
        raise invalid(field, f"unknown value {value!r}")
    return out.value


def money(lib, value, field):
    """An amount as int cents; a str or Decimal is parsed as typed."""
    if isinstance(value, bool) or isinstance(value, float):
        raise TypeError(f"{field}: money is int cents or a str such as '120.00', "
                        "never a float")
    if isinstance(value, int):
        return value
    return _parse(lib.portal_money_parse, value, field, "not an amount")


def quantity(lib, value, field):
    """A quantity in units (int, str, Decimal or float) as thousandths; None is 1."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise TypeError(f"{field}: expected a number")
    if isinstance(value, (int, float)):
        value = repr(value)
    return _parse(lib.portal_quantity_parse, value, field,
                  "not a quantity (up to three decimals)")


def _parse(parse_fn, value, field, complaint):
    """`value` (str or Decimal) through a handle-free parser of the library
    that returns 0 or -1 and writes an int64."""
    if isinstance(value, decimal.Decimal):
        value = f"{value:f}"
    out = ctypes.c_int64()
    if parse_fn(ctypes.byref(out), text(value)) != 0:
        raise invalid(field, f"{complaint}: {value!r}")
    return out.value


def when(shop, value, field):
    """A time as UTC seconds: int, str in the shop's zone, aware datetime; None is 0."""
    if value is None:
        return 0
    if isinstance(value, bool):
        raise TypeError(f"{field}: expected a time")
    if isinstance(value, int):
        return value
    if isinstance(value, datetime.datetime):
        if value.tzinfo is None:
            raise invalid(field, "a datetime without a time zone is ambiguous")
        return int(value.timestamp())
    return shop.parse_time(value)


def flag(value):
    """None as PORTAL_UNCHANGED (-1), a truth value as 1 or 0."""
    return -1 if value is None else int(bool(value))


_SECTION_BITS = [1 << i for i in range(7)]   # portal_section


def decision(value):
    """A customer's decision: "approved" / "declined" (or the C enum's int)."""
    names = {"approved": 1, "approve": 1, "declined": 2, "decline": 2}
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.lower() in names:
        return names[value.lower()]
    raise invalid("decision", f"expected 'approved' or 'declined', got {value!r}")


def section_names(lib, bits):
    """The names of the section bits set in `bits`."""
    return [pystr(lib.portal_section_name(bit)) for bit in _SECTION_BITS if bits & bit]


def view_names(lib):
    """Every view's name, in the library's order."""
    names = []
    while True:
        name = lib.portal_view_name_at(len(names))
        if name is None:
            return names
        names.append(name.decode())
