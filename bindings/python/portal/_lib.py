# SPDX-License-Identifier: MIT
"""_lib.py - finding libportal's library and declaring the C functions the binding calls.

The library is installed as libshopportal.so.0, and only that name is
looked for: Debian's libportal1 (the Flatpak portal library) installs a
libportal.so.1 that the loader would find under the bare name "portal".

Every C function the package uses is declared here, with its argument
and return types, so a wrong call fails in Python rather than in C. The
structs mirror the headers in include/portal/ field for field; each input
struct carries the version its header's _INIT macro sets.
"""
import ctypes
import os
import threading
from ctypes import (CFUNCTYPE, POINTER, Structure, c_char, c_char_p, c_double,
                    c_int, c_int32, c_int64, c_long, c_size_t, c_uint, c_void_p)

# The major version of libportal this binding was written for: a library
# with another major version may have changed a struct or a function.
EXPECTED_MAJOR = 0

# The soname of that major version, the one name the loader is asked for.
SONAME = f"libshopportal.so.{EXPECTED_MAJOR}"

portal_id = c_int64
portal_time = c_int64
portal_money = c_int64
portal_p = c_void_p          # portal * (opaque)

TOKEN_LEN = 43
SOURCE_LEN = 64


class LibraryError(OSError):
    """libshopportal.so.0 could not be found, loaded, or is the wrong library or version."""


class portal_buf(Structure):
    _fields_ = [("ptr", POINTER(c_char)), ("size", c_size_t), ("asize", c_size_t)]


class portal_setting_info(Structure):
    _fields_ = [("key", c_char_p), ("type", c_int),
                ("default_value", c_char_p), ("description", c_char_p)]


class portal_client_fields(Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("name", c_char_p), ("email", c_char_p),
                ("phone", c_char_p), ("sms_consent", c_int), ("notes", c_char_p)]


class portal_address_fields(Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("house_number", c_char_p), ("unit", c_char_p),
                ("street", c_char_p), ("city", c_char_p), ("region", c_char_p),
                ("postal_code", c_char_p), ("country", c_char_p),
                ("has_location", c_int), ("latitude", c_double), ("longitude", c_double)]


class portal_address(Structure):
    _fields_ = [("id", portal_id), ("client_id", portal_id),
                ("house_number", c_char_p), ("unit", c_char_p), ("street", c_char_p),
                ("city", c_char_p), ("region", c_char_p), ("postal_code", c_char_p),
                ("country", c_char_p), ("has_location", c_int),
                ("latitude", c_double), ("longitude", c_double)]


class portal_asset_fields(Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("kind", c_int), ("category", c_char_p),
                ("make", c_char_p), ("model", c_char_p), ("serial", c_char_p),
                ("vin", c_char_p), ("year", c_int), ("acquired_on", c_char_p),
                ("notes", c_char_p)]


class portal_tech(Structure):
    _fields_ = [("id", portal_id), ("name", c_char_p), ("phone", c_char_p),
                ("active", c_int)]


class portal_job_fields(Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("client_id", portal_id), ("asset_id", portal_id),
                ("address_id", portal_id), ("problem", c_char_p),
                ("booked_at", portal_time)]


class portal_line_fields(Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("kind", c_int), ("description", c_char_p),
                ("quantity", c_int64), ("unit_price", portal_money), ("taxable", c_int)]


class portal_estimate_fields(Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("client_id", portal_id), ("job_id", portal_id),
                ("notes", c_char_p)]


class portal_invoice_fields(Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("client_id", portal_id), ("job_id", portal_id),
                ("number", c_char_p), ("notes", c_char_p)]


class portal_invoice_filter(Structure):
    _fields_ = [("client_id", portal_id), ("job_id", portal_id), ("status", c_int)]


class portal_payment_fields(Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("client_id", portal_id), ("invoice_id", portal_id),
                ("amount", portal_money), ("method", c_int), ("received_at", portal_time),
                ("reference", c_char_p), ("excess_to_credit", c_int)]


class portal_appointment_fields(Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("client_id", portal_id), ("job_id", portal_id),
                ("address_id", portal_id), ("technician_id", portal_id),
                ("window_start", portal_time), ("window_end", portal_time),
                ("notes", c_char_p)]


class portal_appointment_filter(Structure):
    _fields_ = [("client_id", portal_id), ("technician_id", portal_id),
                ("from_", portal_time), ("to", portal_time)]


class portal_cancellation(Structure):
    _fields_ = [("free_until", portal_time), ("late", c_int), ("fee", portal_money)]


class portal_session(Structure):
    _fields_ = [("id", portal_id), ("client_id", portal_id), ("job_id", portal_id),
                ("link_id", portal_id), ("sections", c_uint),
                ("created_at", portal_time), ("last_seen_at", portal_time),
                ("expires_at", portal_time),
                ("token", c_char * (TOKEN_LEN + 1)), ("csrf", c_char * (TOKEN_LEN + 1)),
                ("source", c_char * SOURCE_LEN)]


class portal_link_fields(Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("job_id", portal_id), ("days", c_int)]


class portal_pdf_options(Structure):
    VERSION = 1
    _fields_ = [("version", c_uint), ("deterministic", c_int), ("created_at", portal_time),
                ("font", c_int), ("font_path", c_char_p)]


class portal_import_problem(Structure):
    _fields_ = [("file", c_char_p), ("line", c_long), ("field", c_char_p),
                ("message", c_char_p)]


import_problem_cb = CFUNCTYPE(None, POINTER(portal_import_problem), c_void_p)
import_progress_cb = CFUNCTYPE(None, c_size_t, c_size_t, c_void_p)


class portal_import_options(Structure):
    _fields_ = [("dry_run", c_int), ("on_problem", import_problem_cb),
                ("problem_ctx", c_void_p), ("on_progress", import_progress_cb),
                ("progress_ctx", c_void_p), ("max_problems", c_size_t)]


class portal_balance(Structure):
    _fields_ = [("open", c_int64), ("open_invoices", c_int),
                ("account_credit", c_int64), ("balance", c_int64)]


class portal_import_result(Structure):
    _fields_ = [("records", c_size_t), ("problems", c_size_t),
                ("clients", c_size_t), ("addresses", c_size_t), ("assets", c_size_t),
                ("invoices", c_size_t), ("invoice_lines", c_size_t), ("payments", c_size_t)]


address_cb = CFUNCTYPE(c_int, POINTER(portal_address), c_void_p)

P = POINTER
BUF = P(portal_buf)
ID = portal_id
TIME = portal_time
OUT_ID = P(portal_id)

# name: (restype, argtypes). int results are return codes unless noted.
_FUNCTIONS = {
    # version, errors, buffers
    "portal_version": (c_char_p, []),
    "portal_version_number": (c_int, []),
    "portal_strerror": (c_char_p, [c_int]),
    "portal_errmsg": (c_char_p, [portal_p]),
    "portal_errfield": (c_char_p, [portal_p]),
    "portal_buf_dispose": (None, [BUF]),
    # db, clock, demo
    "portal_open": (c_int, [P(portal_p), c_char_p, c_int]),
    "portal_close": (None, [portal_p]),
    "portal_schema_version": (c_int, [portal_p]),
    "portal_set_clock": (None, [portal_p, c_void_p, c_void_p]),
    "portal_set_now": (None, [portal_p, TIME]),
    "portal_now": (TIME, [portal_p]),
    "portal_time_parse": (c_int, [P(portal_time), portal_p, c_char_p]),
    "portal_time_format": (c_char_p, [P(c_char), c_size_t, portal_p, TIME, c_int]),
    "portal_money_parse": (c_int, [P(portal_money), c_char_p]),
    "portal_quantity_parse": (c_int, [P(c_int64), c_char_p]),
    "portal_demo_fill": (c_int, [portal_p]),
    # shop settings
    "portal_setting_count": (c_size_t, []),
    "portal_setting_at": (P(portal_setting_info), [c_size_t]),
    "portal_shop_get": (c_int, [BUF, portal_p, c_char_p]),
    "portal_shop_set": (c_int, [portal_p, c_char_p, c_char_p]),
    "portal_shop_json": (c_int, [BUF, portal_p]),
    # clients and addresses
    "portal_client_add": (c_int, [OUT_ID, portal_p, P(portal_client_fields)]),
    "portal_client_update": (c_int, [portal_p, ID, P(portal_client_fields)]),
    "portal_client_json": (c_int, [BUF, portal_p, ID]),
    "portal_client_list_json": (c_int, [BUF, portal_p, c_char_p]),
    "portal_address_add": (c_int, [OUT_ID, portal_p, ID, P(portal_address_fields)]),
    "portal_address_update": (c_int, [portal_p, ID, P(portal_address_fields)]),
    "portal_address_get": (c_int, [P(P(portal_address)), portal_p, ID]),
    "portal_address_free": (None, [P(portal_address)]),
    "portal_address_foreach": (c_int, [portal_p, ID, address_cb, c_void_p]),
    "portal_address_format": (c_int, [BUF, P(portal_address)]),
    # assets
    "portal_asset_kind_parse": (c_int, [P(c_int), c_char_p]),
    "portal_asset_add": (c_int, [OUT_ID, portal_p, ID, P(portal_asset_fields)]),
    "portal_asset_json": (c_int, [BUF, portal_p, ID]),
    "portal_asset_list_json": (c_int, [BUF, portal_p, ID]),
    # technicians
    "portal_tech_add": (c_int, [OUT_ID, portal_p, c_char_p, c_char_p]),
    "portal_tech_set_active": (c_int, [portal_p, ID, c_int]),
    "portal_tech_get": (c_int, [P(P(portal_tech)), portal_p, ID]),
    "portal_tech_free": (None, [P(portal_tech)]),
    "portal_tech_list_json": (c_int, [BUF, portal_p]),
    # jobs
    "portal_job_status_parse": (c_int, [P(c_int), c_char_p]),
    "portal_job_add": (c_int, [OUT_ID, portal_p, P(portal_job_fields)]),
    "portal_job_set_status": (c_int, [portal_p, ID, c_int, c_char_p, TIME]),
    "portal_job_json": (c_int, [BUF, portal_p, ID]),
    "portal_job_list_json": (c_int, [BUF, portal_p, ID]),
    # lines, estimates
    "portal_line_kind_parse": (c_int, [P(c_int), c_char_p]),
    "portal_estimate_add": (c_int, [OUT_ID, portal_p, P(portal_estimate_fields)]),
    "portal_estimate_line_add": (c_int, [OUT_ID, portal_p, ID, P(portal_line_fields)]),
    "portal_estimate_send": (c_int, [portal_p, ID, TIME]),
    "portal_estimate_decide": (c_int, [portal_p, ID, ID, c_int, c_char_p]),
    "portal_estimate_find": (c_int, [OUT_ID, portal_p, c_char_p]),
    "portal_estimate_json": (c_int, [BUF, portal_p, ID]),
    "portal_estimate_list_json": (c_int, [BUF, portal_p, ID]),
    # invoices
    "portal_invoice_status_parse": (c_int, [P(c_int), c_char_p]),
    "portal_invoice_add": (c_int, [OUT_ID, portal_p, P(portal_invoice_fields)]),
    "portal_invoice_line_add": (c_int, [OUT_ID, portal_p, ID, P(portal_line_fields)]),
    "portal_invoice_issue": (c_int, [portal_p, ID, TIME, TIME]),
    "portal_invoice_void": (c_int, [portal_p, ID, c_char_p]),
    "portal_invoice_find": (c_int, [OUT_ID, portal_p, c_char_p]),
    "portal_invoice_json": (c_int, [BUF, portal_p, ID]),
    "portal_invoice_list_json": (c_int, [BUF, portal_p, P(portal_invoice_filter)]),
    # payments, statements
    "portal_payment_method_parse": (c_int, [P(c_int), c_char_p]),
    "portal_payment_add": (c_int, [OUT_ID, portal_p, P(portal_payment_fields)]),
    "portal_payment_refund": (c_int, [OUT_ID, portal_p, ID, portal_money, c_char_p, TIME]),
    "portal_payment_json": (c_int, [BUF, portal_p, ID]),
    "portal_payment_list_json": (c_int, [BUF, portal_p, ID, ID]),
    "portal_account_credit": (c_int, [P(portal_money), portal_p, ID]),
    "portal_statement_json": (c_int, [BUF, portal_p, ID, TIME]),
    "portal_client_balance": (c_int, [P(portal_balance), portal_p, ID, TIME]),
    # appointments
    "portal_appointment_status_parse": (c_int, [P(c_int), c_char_p]),
    "portal_appointment_add": (c_int, [OUT_ID, portal_p, P(portal_appointment_fields)]),
    "portal_appointment_assign": (c_int, [portal_p, ID, ID]),
    "portal_appointment_set_status": (c_int, [portal_p, ID, c_int, TIME]),
    "portal_appointment_cancel_quote": (c_int, [P(portal_cancellation), portal_p, ID, TIME]),
    "portal_appointment_cancel": (c_int, [P(portal_cancellation), portal_p, ID]),
    "portal_appointment_no_show": (c_int, [P(portal_money), portal_p, ID]),
    "portal_appointment_filter_day": (c_int, [P(portal_appointment_filter), portal_p, c_char_p]),
    "portal_appointment_json": (c_int, [BUF, portal_p, ID]),
    "portal_appointment_list_json": (c_int, [BUF, portal_p, P(portal_appointment_filter)]),
    # access: sections, lookup, links, sessions
    "portal_section_name": (c_char_p, [c_int]),
    "portal_sections_parse": (c_int, [P(c_uint), c_char_p]),
    "portal_client_sections": (c_int, [P(c_uint), portal_p, ID]),
    "portal_client_set_sections": (c_int, [portal_p, ID, c_uint]),
    "portal_client_set_access": (c_int, [portal_p, ID, c_int]),
    "portal_lookup": (c_int, [P(P(portal_session)), portal_p, c_char_p, c_char_p, c_char_p]),
    "portal_link_create": (c_int, [BUF, OUT_ID, portal_p, ID, P(portal_link_fields)]),
    "portal_link_open": (c_int, [P(P(portal_session)), portal_p, c_char_p, c_char_p]),
    "portal_link_revoke": (c_int, [portal_p, ID]),
    "portal_link_list_json": (c_int, [BUF, portal_p, ID]),
    "portal_session_check": (c_int, [P(P(portal_session)), portal_p, c_char_p, c_char_p]),
    "portal_session_end": (c_int, [portal_p, c_char_p, c_char_p]),
    "portal_session_free": (None, [P(portal_session)]),
    # views, customer actions, PDFs
    "portal_view_name_at": (c_char_p, [c_size_t]),
    "portal_view": (c_int, [BUF, portal_p, P(portal_session), c_char_p, c_char_p]),
    "portal_preview": (c_int, [BUF, portal_p, ID, ID, c_char_p, c_char_p]),
    "portal_customer_estimate_decide": (c_int, [portal_p, P(portal_session), c_char_p, ID,
                                                c_int, c_char_p]),
    "portal_invoice_pdf": (c_int, [BUF, portal_p, ID, P(portal_pdf_options)]),
    "portal_estimate_pdf": (c_int, [BUF, portal_p, ID, P(portal_pdf_options)]),
    "portal_statement_pdf": (c_int, [BUF, portal_p, ID, TIME, P(portal_pdf_options)]),
    "portal_customer_invoice_pdf": (c_int, [BUF, portal_p, P(portal_session), c_char_p]),
    # moving in and out
    "portal_import_csv": (c_int, [portal_p, P(c_char_p), c_size_t,
                                  P(portal_import_options), P(portal_import_result)]),
    "portal_import_json": (c_int, [portal_p, c_char_p, P(portal_import_options),
                                   P(portal_import_result)]),
    "portal_export_json": (c_int, [portal_p, BUF]),
}


def _declare(dll):
    for name, (restype, argtypes) in _FUNCTIONS.items():
        try:
            fn = getattr(dll, name)
        except AttributeError:
            raise LibraryError(f"{dll._name}: no function {name}; "
                               "is it an older libportal?") from None
        fn.restype = restype
        fn.argtypes = argtypes


def _check_version(dll):
    try:
        dll.portal_version_number.restype = c_int
    except AttributeError:
        raise LibraryError(f"{dll._name} is not libportal's library ({SONAME}): it has no "
                           "portal_version_number; set PORTAL_LIBRARY to the path of "
                           f"{SONAME}") from None
    dll.portal_version.restype = c_char_p
    major = dll.portal_version_number() // 10000
    if major != EXPECTED_MAJOR:
        text = dll.portal_version().decode()
        raise LibraryError(f"{dll._name} is libportal {text}; this binding needs "
                           f"version {EXPECTED_MAJOR}.x")


def _candidates(path):
    """Where to look: the caller's path, else $PORTAL_LIBRARY, else the soname.

    Never ctypes.util.find_library("portal") or "libportal.so": those are
    names of Debian's Flatpak portal library too.
    """
    if path:
        return [os.fspath(path)]
    env = os.environ.get("PORTAL_LIBRARY")
    if env:
        return [env]
    return [SONAME]


_loaded = {}
_lock = threading.Lock()


def load(path=None):
    """The loaded library, declared and version-checked; cached by path."""
    names = _candidates(path)
    with _lock:
        for name in names:
            if name in _loaded:
                return _loaded[name]
        errors = []
        for name in names:
            try:
                dll = ctypes.CDLL(name)
            except OSError as e:
                errors.append(str(e))
                continue
            _check_version(dll)
            _declare(dll)
            _loaded[name] = dll
            return dll
        raise LibraryError(
            f"libportal's library {SONAME} was not found: install libportal "
            "(cmake --install) where the dynamic loader looks, or set PORTAL_LIBRARY to "
            f"the path of its {SONAME} (in a build tree, build/libportal/"
            "libshopportal.so), or pass that path as library=. Tried: "
            + "; ".join(errors or ["nothing"]))
