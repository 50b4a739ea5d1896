# SPDX-License-Identifier: MIT
"""shop.py - one open shop database: the Shop class.

A Shop owns one `portal *` handle, released with portal_close() by
close(), by leaving a `with` block, or at the latest when the object is
collected. Every call that fails raises the PortalError subclass of its
code. Documents come back as dicts parsed from the library's JSON, PDFs
as bytes; every portal_buf is disposed of and every record freed by the
library's own functions before the method returns, whatever happens.
"""
import ctypes
import json
import os
from ctypes import byref

from . import _convert as cv
from . import _lib
from . import errors
from .session import Session

OPEN_DEFAULT = 0
OPEN_CREATE = 1
OPEN_READONLY = 2

PRICE_SHOP_FEE = -1          # PORTAL_PRICE_SHOP_FEE: the shop's current fee

TIME_ISO, TIME_HUMAN, TIME_DATE = 0, 1, 2
_TIME_STRLEN = 40

PDF_FONT_AUTO, PDF_FONT_EMBED = 0, 1


def _address_dict(a):
    return {
        "id": a.id, "client_id": a.client_id,
        "house_number": cv.pystr(a.house_number), "unit": cv.pystr(a.unit),
        "street": cv.pystr(a.street), "city": cv.pystr(a.city),
        "region": cv.pystr(a.region), "postal_code": cv.pystr(a.postal_code),
        "country": cv.pystr(a.country),
        "latitude": a.latitude if a.has_location else None,
        "longitude": a.longitude if a.has_location else None,
    }


class Shop:
    """An open shop database.

        with portal.Shop("shop.db", create=True) as shop:
            cid = shop.add_client("Zoë Laurent", email="zoe@example.com")
    """

    def __init__(self, path, create=False, readonly=False, library=None):
        self._lib = _lib.load(library)
        self._p = None
        flags = (OPEN_CREATE if create else 0) | (OPEN_READONLY if readonly else 0)
        handle = ctypes.c_void_p()
        rc = self._lib.portal_open(byref(handle), os.fsencode(path), flags)
        if rc < 0:
            # The handle exists even on failure, to say why; release it after.
            try:
                raise self._error(rc, handle)
            finally:
                self._lib.portal_close(handle)
        self._p = handle
        self.path = os.fspath(path)

    # ---- the handle -------------------------------------------------

    def close(self):
        """Release the handle (portal_close). Calling it again does nothing."""
        p, self._p = self._p, None
        if p is not None:
            self._lib.portal_close(p)

    @property
    def closed(self):
        return self._p is None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if getattr(self, "_p", None) is not None:
            self.close()

    def _handle(self):
        if self._p is None:
            raise ValueError("the shop is closed")
        return self._p

    def _error(self, rc, handle=None):
        lib = self._lib
        p = self._p if handle is None else handle
        message = cv.pystr(lib.portal_errmsg(p))
        field = cv.pystr(lib.portal_errfield(p))
        return errors.error_class(rc)(rc, message, field,
                                      cv.pystr(lib.portal_strerror(rc)))

    def _check(self, rc):
        if rc < 0:
            raise self._error(rc)
        return rc

    def _call(self, name, *args):
        """Call `name`(p, *args) and raise on a negative return."""
        return self._check(getattr(self._lib, name)(self._handle(), *args))

    def _bytes(self, name, *args):
        """Call `name`(&buf, p, *args) and return the buffer's bytes."""
        buf = _lib.portal_buf()
        try:
            self._check(getattr(self._lib, name)(byref(buf), self._handle(), *args))
            return ctypes.string_at(buf.ptr, buf.size) if buf.size else b""
        finally:
            self._lib.portal_buf_dispose(byref(buf))

    def _json(self, name, *args):
        """Call `name`(&buf, p, *args) and parse the document it wrote."""
        return json.loads(self._bytes(name, *args))

    def _new_id(self, name, *args):
        """Call `name`(&id, p, *args) and return the id it wrote."""
        out = _lib.portal_id()
        self._check(getattr(self._lib, name)(byref(out), self._handle(), *args))
        return out.value

    def _call_out(self, name, out, *args):
        """Call `name`(&out, p, *args): `out` a ctypes value or pointer to fill."""
        self._check(getattr(self._lib, name)(byref(out), self._handle(), *args))

    def _enum(self, parse_name, value, field):
        return cv.enum(self._lib, parse_name, value, field)

    def _money(self, value, field):
        return cv.money(self._lib, value, field)

    def _time(self, value, field):
        return cv.when(self, value, field)

    # ---- clock, schema, demo ----------------------------------------

    @property
    def schema_version(self):
        return self._lib.portal_schema_version(self._handle())

    def now(self):
        """The handle's current time, UTC seconds (portal_now)."""
        return self._lib.portal_now(self._handle())

    def set_now(self, now):
        """Fix the handle's clock at `now` (portal_set_now); None restores the system clock."""
        if now is None:
            self._lib.portal_set_clock(self._handle(), None, None)
        else:
            self._lib.portal_set_now(self._handle(), self._time(now, "now"))

    def parse_time(self, value):
        """A time as typed in the shop's zone ("2026-11-22 14:30", "@1700000000")."""
        out = _lib.portal_time()
        self._call_out("portal_time_parse", out, cv.text(value))
        return out.value

    def format_time(self, t, style=TIME_ISO):
        """`t` in the shop's zone: TIME_ISO, TIME_HUMAN or TIME_DATE."""
        buf = ctypes.create_string_buffer(_TIME_STRLEN)
        self._lib.portal_time_format(buf, _TIME_STRLEN, self._handle(), t, style)
        return buf.value.decode()

    def fill_demo(self):
        """Fill an empty shop with the demo shop (portal_demo_fill)."""
        self._call("portal_demo_fill")

    # ---- settings ---------------------------------------------------

    def setting(self, key):
        """The value of setting `key` as canonical text."""
        return self._bytes("portal_shop_get", cv.text(key)).decode()

    def set_setting(self, key, value):
        """Validate and store setting `key` ("$1,200" is stored "1200.00")."""
        self._call("portal_shop_set", cv.text(key), cv.text(str(value)))

    def settings(self):
        """Every setting as {key: canonical text}."""
        return self._json("portal_shop_json")

    def setting_descriptions(self):
        """Every known setting: [{"key", "default", "description"}], in the library's order."""
        lib = self._lib
        infos = (lib.portal_setting_at(i).contents for i in range(lib.portal_setting_count()))
        return [{"key": cv.pystr(i.key), "default": cv.pystr(i.default_value),
                 "description": cv.pystr(i.description)} for i in infos]

    # ---- clients and addresses --------------------------------------

    def _client_fields(self, name, email, phone, sms_consent, notes):
        return _lib.portal_client_fields(
            _lib.portal_client_fields.VERSION, cv.text(name), cv.text(email),
            cv.text(phone), cv.flag(sms_consent), cv.text(notes))

    def add_client(self, name, email=None, phone=None, sms_consent=None, notes=None):
        """Add a client; returns its id."""
        f = self._client_fields(name, email, phone, sms_consent, notes)
        return self._new_id("portal_client_add", byref(f))

    def update_client(self, client_id, name=None, email=None, phone=None,
                      sms_consent=None, notes=None):
        """Change the given fields of a client ("" clears an optional one)."""
        f = self._client_fields(name, email, phone, sms_consent, notes)
        self._call("portal_client_update", client_id, byref(f))

    def client(self, client_id):
        """A client with their addresses and assets."""
        return self._json("portal_client_json", client_id)

    def clients(self, search=None):
        """The clients whose name, email or phone contains `search`, by name."""
        return self._json("portal_client_list_json", cv.text(search))

    def _address_fields(self, house_number, street, city, unit, region,
                        postal_code, country, latitude, longitude):
        located = latitude is not None and longitude is not None
        return _lib.portal_address_fields(
            _lib.portal_address_fields.VERSION, cv.text(house_number), cv.text(unit),
            cv.text(street), cv.text(city), cv.text(region), cv.text(postal_code),
            cv.text(country), int(located), latitude or 0.0, longitude or 0.0)

    def add_address(self, client_id, house_number, street, city, unit=None,
                    region=None, postal_code=None, country=None,
                    latitude=None, longitude=None):
        """Add a service address to a client; returns its id."""
        f = self._address_fields(house_number, street, city, unit, region,
                                 postal_code, country, latitude, longitude)
        return self._new_id("portal_address_add", client_id, byref(f))

    def update_address(self, address_id, house_number, street, city, unit=None,
                       region=None, postal_code=None, country=None,
                       latitude=None, longitude=None):
        """Replace every field of an address (a correction, not a move)."""
        f = self._address_fields(house_number, street, city, unit, region,
                                 postal_code, country, latitude, longitude)
        self._call("portal_address_update", address_id, byref(f))

    def address(self, address_id):
        """An address as a dict, with "text": the one line a person reads."""
        rec = ctypes.POINTER(_lib.portal_address)()
        buf = _lib.portal_buf()
        try:
            self._call_out("portal_address_get", rec, address_id)
            result = _address_dict(rec.contents)
            self._check(self._lib.portal_address_format(byref(buf), rec))
            result["text"] = ctypes.string_at(buf.ptr, buf.size).decode()
            return result
        finally:
            self._lib.portal_buf_dispose(byref(buf))
            self._lib.portal_address_free(rec)

    def addresses(self, client_id):
        """The addresses of a client, oldest first (portal_address_foreach)."""
        found = []

        def visit(a, ctx):
            found.append(_address_dict(a.contents))
            return 0

        self._call("portal_address_foreach", client_id, _lib.address_cb(visit), None)
        return found

    # ---- assets and technicians -------------------------------------

    def add_asset(self, client_id, kind, category, make, model=None, serial=None,
                  vin=None, year=0, acquired_on=None, notes=None):
        """Add an appliance or vehicle (`kind` "appliance" / "vehicle"); returns its id."""
        f = _lib.portal_asset_fields(
            _lib.portal_asset_fields.VERSION,
            self._enum("portal_asset_kind_parse", kind, "asset.kind"),
            cv.text(category), cv.text(make), cv.text(model), cv.text(serial),
            cv.text(vin), year or 0, cv.text(acquired_on), cv.text(notes))
        return self._new_id("portal_asset_add", client_id, byref(f))

    def asset(self, asset_id):
        return self._json("portal_asset_json", asset_id)

    def assets(self, client_id=0):
        """The assets of a client (0: every client)."""
        return self._json("portal_asset_list_json", client_id)

    def add_technician(self, name, phone=None):
        return self._new_id("portal_tech_add", cv.text(name), cv.text(phone))

    def set_technician_active(self, tech_id, active):
        self._call("portal_tech_set_active", tech_id, int(bool(active)))

    def technician(self, tech_id):
        """A technician as {"id", "name", "phone", "active"}."""
        rec = ctypes.POINTER(_lib.portal_tech)()
        try:
            self._call_out("portal_tech_get", rec, tech_id)
            t = rec.contents
            return {"id": t.id, "name": cv.pystr(t.name), "phone": cv.pystr(t.phone),
                    "active": bool(t.active)}
        finally:
            self._lib.portal_tech_free(rec)

    def technicians(self):
        return self._json("portal_tech_list_json")

    # ---- jobs -------------------------------------------------------

    def add_job(self, client_id, problem, asset_id=0, address_id=0, booked_at=None):
        """Book a job; returns its id."""
        f = _lib.portal_job_fields(_lib.portal_job_fields.VERSION, client_id, asset_id,
                                   address_id, cv.text(problem),
                                   self._time(booked_at, "job.booked_at"))
        return self._new_id("portal_job_add", byref(f))

    def set_job_status(self, job_id, status, note=None, at=None):
        """Move a job to `status` ("diagnosed", "estimate_sent" ... or its int)."""
        self._call("portal_job_set_status", job_id,
                   self._enum("portal_job_status_parse", status, "job.status"),
                   cv.text(note), self._time(at, "job.at"))

    def job(self, job_id):
        """A job with its client's name, asset, address and timeline."""
        return self._json("portal_job_json", job_id)

    def jobs(self, client_id=0):
        return self._json("portal_job_list_json", client_id)

    # ---- lines, estimates, invoices ---------------------------------

    def _line_fields(self, kind, description, quantity, unit_price, taxable):
        return _lib.portal_line_fields(
            _lib.portal_line_fields.VERSION,
            self._enum("portal_line_kind_parse", kind, "line.kind"),
            cv.text(description), cv.quantity(self._lib, quantity, "line.quantity"),
            self._money(unit_price, "line.unit_price"), cv.flag(taxable))

    def add_estimate(self, client_id, job_id=0, notes=None):
        """Start a draft estimate; returns its id."""
        f = _lib.portal_estimate_fields(_lib.portal_estimate_fields.VERSION,
                                        client_id, job_id, cv.text(notes))
        return self._new_id("portal_estimate_add", byref(f))

    def add_estimate_line(self, estimate_id, kind, unit_price, quantity=None,
                          description=None, taxable=None):
        """Add a line to a draft estimate; returns the line's id.

        `kind` "labour", "part", "service_call_fee", "other_fee", "discount",
        "credit"; `unit_price` cents or "120.00" (PRICE_SHOP_FEE for the
        shop's fee); `quantity` in units, None for 1; `taxable` None for the
        kind's default.
        """
        f = self._line_fields(kind, description, quantity, unit_price, taxable)
        return self._new_id("portal_estimate_line_add", estimate_id, byref(f))

    def send_estimate(self, estimate_id, at=None):
        self._call("portal_estimate_send", estimate_id, self._time(at, "estimate.at"))

    def decide_estimate(self, estimate_id, decision, name, line_id=0):
        """Approve or decline (`decision` "approved" / "declined") a line, 0: every pending one."""
        self._call("portal_estimate_decide", estimate_id, line_id,
                   cv.decision(decision), cv.text(name))

    def find_estimate(self, number):
        """The id of estimate `number` as typed ("E1001", "#1001")."""
        return self._new_id("portal_estimate_find", cv.text(number))

    def estimate(self, estimate_id):
        return self._json("portal_estimate_json", estimate_id)

    def estimates(self, client_id=0):
        return self._json("portal_estimate_list_json", client_id)

    def add_invoice(self, client_id, job_id=0, number=None, notes=None):
        """Start a draft invoice (`number` None for the next free one); returns its id."""
        f = _lib.portal_invoice_fields(_lib.portal_invoice_fields.VERSION, client_id,
                                       job_id, cv.text(number), cv.text(notes))
        return self._new_id("portal_invoice_add", byref(f))

    def add_invoice_line(self, invoice_id, kind, unit_price, quantity=None,
                         description=None, taxable=None):
        """Add a line to a draft invoice (arguments as add_estimate_line)."""
        f = self._line_fields(kind, description, quantity, unit_price, taxable)
        return self._new_id("portal_invoice_line_add", invoice_id, byref(f))

    def issue_invoice(self, invoice_id, issued_at=None, due_at=None):
        """Issue a draft invoice; `due_at` None: due on receipt."""
        self._call("portal_invoice_issue", invoice_id,
                   self._time(issued_at, "invoice.issued_at"),
                   self._time(due_at, "invoice.due_at"))

    def void_invoice(self, invoice_id, reason):
        self._call("portal_invoice_void", invoice_id, cv.text(reason))

    def find_invoice(self, number):
        """The id of invoice `number` as typed ("#10231", "inv-10231")."""
        return self._new_id("portal_invoice_find", cv.text(number))

    def invoice(self, invoice_id):
        """An invoice with its lines, totals, payments and status."""
        return self._json("portal_invoice_json", invoice_id)

    def invoices(self, client_id=0, job_id=0, status=None):
        """The invoices matching the filter, newest first."""
        f = _lib.portal_invoice_filter(
            client_id, job_id,
            0 if status is None else
            self._enum("portal_invoice_status_parse", status, "invoice.status"))
        return self._json("portal_invoice_list_json", byref(f))

    # ---- payments and statements ------------------------------------

    def add_payment(self, amount, method, invoice_id=0, client_id=0, received_at=None,
                    reference=None, excess_to_credit=False):
        """Record a payment (`method` "cash", "debit", "e_transfer" ...); returns its id."""
        f = _lib.portal_payment_fields(
            _lib.portal_payment_fields.VERSION, client_id, invoice_id,
            self._money(amount, "payment.amount"),
            self._enum("portal_payment_method_parse", method, "payment.method"),
            self._time(received_at, "payment.received_at"), cv.text(reference),
            int(bool(excess_to_credit)))
        return self._new_id("portal_payment_add", byref(f))

    def refund_payment(self, payment_id, reason, amount=0, at=None):
        """Refund `amount` (0: all that is left) of a payment; returns the refund's id."""
        return self._new_id("portal_payment_refund", payment_id,
                            self._money(amount, "refund.amount"), cv.text(reason),
                            self._time(at, "refund.at"))

    def payment(self, payment_id):
        return self._json("portal_payment_json", payment_id)

    def payments(self, client_id=0, invoice_id=0):
        return self._json("portal_payment_list_json", client_id, invoice_id)

    def account_credit(self, client_id):
        """A client's unused account credit, in cents."""
        out = _lib.portal_money()
        self._call_out("portal_account_credit", out, client_id)
        return out.value

    def client_balance(self, client_id, as_of=None):
        """What a client owes, as the statement counts it: a dict of
        open, open_invoices, account_credit and balance (cents)."""
        out = _lib.portal_balance()
        self._call_out("portal_client_balance", out, client_id,
                       self._time(as_of, "statement.as_of"))
        return {name: getattr(out, name) for name, _ in out._fields_}

    def statement(self, client_id, as_of=None):
        """A client's statement of account (entries, ageing, balance)."""
        return self._json("portal_statement_json", client_id,
                          self._time(as_of, "statement.as_of"))

    # ---- appointments -----------------------------------------------

    def add_appointment(self, client_id, window_start, window_end, job_id=0,
                        address_id=0, technician_id=0, notes=None):
        """Book a visit in an arrival window; returns its id."""
        f = _lib.portal_appointment_fields(
            _lib.portal_appointment_fields.VERSION, client_id, job_id, address_id,
            technician_id, self._time(window_start, "appointment.window_start"),
            self._time(window_end, "appointment.window_end"), cv.text(notes))
        return self._new_id("portal_appointment_add", byref(f))

    def assign_appointment(self, appointment_id, tech_id):
        self._call("portal_appointment_assign", appointment_id, tech_id)

    def set_appointment_status(self, appointment_id, status, at=None):
        """Move a visit forward ("confirmed", "en_route", "arrived" ...)."""
        self._call("portal_appointment_set_status", appointment_id,
                   self._enum("portal_appointment_status_parse", status,
                              "appointment.status"),
                   self._time(at, "appointment.at"))

    def cancel_quote(self, appointment_id, at=None):
        """What cancelling would cost at `at` (None: now), changing nothing."""
        out = _lib.portal_cancellation()
        self._call_out("portal_appointment_cancel_quote", out, appointment_id,
                       self._time(at, "appointment.at"))
        return _cancellation_dict(out)

    def cancel_appointment(self, appointment_id):
        """Cancel a visit now, charging the late fee when it applies."""
        out = _lib.portal_cancellation()
        self._call_out("portal_appointment_cancel", out, appointment_id)
        return _cancellation_dict(out)

    def appointment_no_show(self, appointment_id):
        """Record a missed visit; returns the fee charged, in cents."""
        fee = _lib.portal_money()
        self._call_out("portal_appointment_no_show", fee, appointment_id)
        return fee.value

    def appointment(self, appointment_id):
        return self._json("portal_appointment_json", appointment_id)

    def appointments(self, client_id=0, technician_id=0, start=None, end=None, day=None):
        """The visits whose window overlaps [start, end), or local day `day` ("today")."""
        f = _lib.portal_appointment_filter(client_id, technician_id,
                                           self._time(start, "filter.from"),
                                           self._time(end, "filter.to"))
        if day is not None:
            self._check(self._lib.portal_appointment_filter_day(
                byref(f), self._handle(), cv.text(day)))
        return self._json("portal_appointment_list_json", byref(f))

    # ---- portal access ----------------------------------------------

    def client_sections(self, client_id):
        """The names of the sections a client sees."""
        out = ctypes.c_uint()
        self._call_out("portal_client_sections", out, client_id)
        return cv.section_names(self._lib, out.value)

    def set_client_sections(self, client_id, sections):
        """Show a client exactly `sections`: names ("invoices, payments"), a list, or bits."""
        if isinstance(sections, int):
            bits = sections
        else:
            if not isinstance(sections, str):
                sections = ",".join(sections)
            out = ctypes.c_uint()
            self._check(self._lib.portal_sections_parse(byref(out), cv.text(sections)))
            bits = out.value
        self._call("portal_client_set_sections", client_id, bits)

    def set_client_access(self, client_id, enabled):
        """Turn a client's portal access on or off (off ends their sessions)."""
        self._call("portal_client_set_access", client_id, int(bool(enabled)))

    def lookup(self, invoice_number, house_number, source=None):
        """The customer's way in: a Session, or NotFound / RateLimited / Denied."""
        out = ctypes.POINTER(_lib.portal_session)()
        self._call_out_session("portal_lookup", out, cv.text(invoice_number),
                               cv.text(house_number), cv.text(source))
        return Session(self, out)

    def create_link(self, client_id, job_id=0, days=0):
        """A secure link for a client: returns (url, link_id). The URL is shown only once."""
        f = _lib.portal_link_fields(_lib.portal_link_fields.VERSION, job_id, days)
        url = _lib.portal_buf()
        link_id = _lib.portal_id()
        try:
            self._check(self._lib.portal_link_create(byref(url), byref(link_id),
                                                     self._handle(), client_id, byref(f)))
            return ctypes.string_at(url.ptr, url.size).decode(), link_id.value
        finally:
            self._lib.portal_buf_dispose(byref(url))

    def open_link(self, token, source=None):
        """Exchange a link's token (or its whole URL) for a Session."""
        if "/k/" in token:
            token = token.rsplit("/k/", 1)[1]
        out = ctypes.POINTER(_lib.portal_session)()
        self._call_out_session("portal_link_open", out, cv.text(token), cv.text(source))
        return Session(self, out)

    def check_session(self, token, source=None):
        """The session whose cookie token is `token`, as a Session."""
        out = ctypes.POINTER(_lib.portal_session)()
        self._call_out_session("portal_session_check", out, cv.text(token),
                               cv.text(source))
        return Session(self, out)

    def _call_out_session(self, name, out, *args):
        rc = getattr(self._lib, name)(byref(out), self._handle(), *args)
        if rc < 0:
            self._lib.portal_session_free(out)   # NULL on failure; free is a no-op then
            raise self._error(rc)

    def revoke_link(self, link_id):
        self._call("portal_link_revoke", link_id)

    def links(self, client_id):
        return self._json("portal_link_list_json", client_id)

    # ---- what the customer sees -------------------------------------

    def view_names(self):
        return cv.view_names(self._lib)

    def preview(self, client_id, name="dashboard", arg=None, job_id=0):
        """View `name` exactly as a client sees it (job_id: as through a job's link)."""
        return self._json("portal_preview", client_id, job_id, cv.text(name),
                          cv.text(None if arg is None else str(arg)))

    def _pdf_options(self, deterministic, created_at, embed_font, font_path):
        return _lib.portal_pdf_options(
            _lib.portal_pdf_options.VERSION, int(bool(deterministic)),
            self._time(created_at, "pdf.created_at"),
            PDF_FONT_EMBED if embed_font else PDF_FONT_AUTO,
            None if font_path is None else os.fsencode(font_path))

    def invoice_pdf(self, invoice_id, deterministic=False, created_at=None,
                    embed_font=False, font_path=None):
        """An invoice as PDF bytes."""
        opt = self._pdf_options(deterministic, created_at, embed_font, font_path)
        return self._bytes("portal_invoice_pdf", invoice_id, byref(opt))

    def estimate_pdf(self, estimate_id, deterministic=False, created_at=None,
                     embed_font=False, font_path=None):
        """An estimate as PDF bytes."""
        opt = self._pdf_options(deterministic, created_at, embed_font, font_path)
        return self._bytes("portal_estimate_pdf", estimate_id, byref(opt))

    def statement_pdf(self, client_id, as_of=None, deterministic=False,
                      created_at=None, embed_font=False, font_path=None):
        """A client's statement of account as PDF bytes."""
        opt = self._pdf_options(deterministic, created_at, embed_font, font_path)
        return self._bytes("portal_statement_pdf", client_id,
                           self._time(as_of, "statement.as_of"), byref(opt))

    # ---- moving in and out ------------------------------------------

    def export_json(self, parse=True):
        """The whole shop as one document: a dict, or the JSON bytes with parse=False."""
        buf = _lib.portal_buf()
        try:
            self._check(self._lib.portal_export_json(self._handle(), byref(buf)))
            data = ctypes.string_at(buf.ptr, buf.size) if buf.size else b""
        finally:
            self._lib.portal_buf_dispose(byref(buf))
        return json.loads(data) if parse else data

    def import_csv(self, paths, dry_run=False, max_problems=0, progress=None):
        """Import CSV files, all or nothing; returns the number of records.

        Invalid rows raise ImportProblems with every problem in .problems.
        `progress(done, total)` is called as records are read.
        """
        if isinstance(paths, (str, bytes, os.PathLike)):
            paths = [paths]
        names = [os.fsencode(path) for path in paths]
        array = (ctypes.c_char_p * max(len(names), 1))(*names)
        return self._import("portal_import_csv", (array, len(names)),
                            dry_run, max_problems, progress)

    def import_json(self, path, dry_run=False, max_problems=0, progress=None):
        """Import what export_json wrote into an empty shop; returns the number of records."""
        return self._import("portal_import_json", (os.fsencode(path),),
                            dry_run, max_problems, progress)

    def _import(self, name, args, dry_run, max_problems, progress):
        problems = []
        raised = []

        def on_problem(problem, ctx):
            pr = problem.contents
            problems.append({"file": cv.pystr(pr.file), "line": pr.line,
                             "field": cv.pystr(pr.field), "message": cv.pystr(pr.message)})

        def on_progress(done, total, ctx):
            if progress is not None and not raised:
                try:
                    progress(done, total)
                except BaseException as e:   # cannot cross C; raised after the call
                    raised.append(e)

        opt = _lib.portal_import_options(int(bool(dry_run)),
                                         _lib.import_problem_cb(on_problem), None,
                                         _lib.import_progress_cb(on_progress), None,
                                         max_problems)
        result = _lib.portal_import_result()
        rc = getattr(self._lib, name)(self._handle(), *args, byref(opt), byref(result))
        if raised:
            raise raised[0]
        if rc == errors.EINVAL:
            e = self._error(rc)
            raise errors.ImportProblems(rc, e.message, e.field, e.description,
                                        problems, result.records)
        self._check(rc)
        return result.records


def _cancellation_dict(c):
    return {"free_until": c.free_until, "late": bool(c.late), "fee": c.fee}
