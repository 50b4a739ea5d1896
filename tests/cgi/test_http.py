#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_http.py - portal.cgi behind a real lighttpd on 127.0.0.1.

Started through `portal serve` on a demo shop with a fixed clock, so the
whole chain a customer meets is under test: every route, the lookup and
its limits, secure links, logout, CSRF and Origin refusals that change
nothing, one client never reaching another's records, the security
headers on every answer, and malformed requests answered cleanly.

    python3 test_http.py PORTAL_BINARY PORTAL_CGI [--resident]

With --resident the same checks run against `portal serve --resident`
(portal.cgi kept running behind lighttpd's mod_scgi), and one resident
portal.cgi is also spoken to directly over SCGI: customers one after
another on the same process see only their own session, flash and
errors, and malformed or stalled requests leave it answering.

With PORTAL_TEST_PG in the environment (tests/pg_env.sh) the demo shop
is a shop of that PostgreSQL database instead of a SQLite file.
SHOP_TOOL (tests/shop_tool.c) reads the shop beside the server.

Prints "N passed, M failed"; exits non-zero on any failure. Bounded in
time; the server is always stopped and its directory removed.
"""
import hashlib
import http.client
import html
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from scgi_client import netstring, read_all, split_cgi_answer  # noqa: E402

PORTAL, CGI = sys.argv[1], sys.argv[2]
RESIDENT = "--resident" in sys.argv[3:]
PG = os.environ.get("PORTAL_TEST_PG")
SHOP_TOOL = os.environ["SHOP_TOOL"]
# How long portal.cgi waits for a stalled request (cgi/scgi_server.c).
SCGI_TIMEOUT = 10
NOW = "2026-11-22T15:00:00Z"
SECURITY = {
    "Content-Security-Policy": "default-src 'self'; object-src 'none'; base-uri 'none'; "
                               "frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex",
}
NO_ARG_VIEWS = ["dashboard", "jobs", "history", "invoices", "estimates", "payments",
                "statement", "inspections", "appointments", "profile", "policies",
                "access-log", "tracking", "notifications", "chat"]

passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name} {detail}"[:600])


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        return self.headers.get(name.lower())

    def text(self):
        return self.body.decode("utf-8", "replace")


class Portal:
    """The demo shop, `portal serve` on a free port, and a client for it."""

    def __init__(self, work):
        self.work = work
        # A SQLite file of its own, or a shop of its own on PostgreSQL.
        self.db = PG or os.path.join(work, "portal.db")
        self.shop = f"http{os.getpid()}" if PG else None
        self.target = ["--db", self.db] + (["--shop", self.shop] if PG else [])
        self.static = os.path.join(work, "static")
        self.asan_dir = os.path.join(work, "asan")
        os.mkdir(self.static)
        os.mkdir(self.asan_dir)
        with open(os.path.join(self.static, "probe.css"), "w") as f:
            f.write("body { color: black; }\n")
        self.env = dict(os.environ, PORTAL_NOW=NOW)
        for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
            if var in self.env:
                self.env[var] += ":log_path=" + os.path.join(self.asan_dir, var.lower())
        self.cli("demo")
        self.port = free_port()
        self.server = None

    def cli(self, *args, ok=True):
        r = subprocess.run([PORTAL, *self.target, *args], env=self.env,
                           capture_output=True, text=True, timeout=60)
        if ok and r.returncode != 0:
            raise RuntimeError(f"portal {' '.join(args)}: {r.stderr}")
        return r

    def start(self):
        self.server = subprocess.Popen(
            [PORTAL, "serve", "--port", str(self.port), *self.target, "--cgi", CGI,
             "--static", self.static] + (["--resident"] if RESIDENT else []),
            env=self.env, stdout=subprocess.PIPE,
            stderr=subprocess.PIPE, text=True, start_new_session=True)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.server.poll() is not None:
                raise RuntimeError("portal serve ended: " + self.server.stderr.read())
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("portal serve did not listen in time")

    def stop(self):
        """SIGTERM, as Ctrl-C would; the exit status, or None if it had to be killed."""
        if self.server is None or self.server.poll() is not None:
            return self.server.returncode if self.server else None
        self.server.send_signal(signal.SIGTERM)
        try:
            return self.server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.server.pid, signal.SIGKILL)
            self.server.wait()
            return None

    def request(self, method, path, body=None, cookie=None, headers=None,
                form=True, check_headers=True):
        h = {"Host": f"localhost:{self.port}"}
        if cookie:
            h["Cookie"] = cookie
        if body is not None and form:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        h.update(headers or {})
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=20)
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for k, v in h.items():
            conn.putheader(k, v)
        data = body.encode() if isinstance(body, str) else body
        if data is not None:
            conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data)
        r = conn.getresponse()
        a = Answer(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        conn.close()
        if check_headers:
            check_security(f"{method} {path[:60]}", a)
        return a

    def shop_env(self):
        """The variables that name the shop to portal.cgi."""
        return {"PORTAL_DB": self.db, **({"PORTAL_SHOP": self.shop} if PG else {})}

    def shop_sql(self, statement):
        """One statement both engines read alike, beside the server, through
        the store (a row as an import would have written it)."""
        return subprocess.run([SHOP_TOOL, "sql", self.db, self.shop or "-", statement],
                              capture_output=True, text=True, timeout=30, check=True).stdout

    def dump(self):
        """Every row of the shop as the store dumps it (tests/shop_tool.c):
        a line with each table's name, then a line per row."""
        return subprocess.run([SHOP_TOOL, "dump", self.db, self.shop or "-"],
                              capture_output=True, timeout=30, check=True).stdout

    def fingerprint(self):
        return hashlib.sha256(self.dump()).hexdigest()


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def check_security(what, a):
    for name, value in SECURITY.items():
        check(f"{what}: {name}", a.header(name) == value, f"got {a.header(name)!r}")
    ctype = a.header("Content-Type") or ""
    check(f"{what}: charset", "charset=" in ctype or ctype == "application/pdf",
          f"got {ctype!r}")


def form(**fields):
    from urllib.parse import urlencode
    return urlencode(fields)


def session_cookie(a):
    m = re.match(r"(__Host-portal=[A-Za-z0-9_-]{43});", a.header("Set-Cookie") or "")
    return m.group(1) if m else None


def csrf_of(a):
    m = re.search(r'name="csrf" value="([A-Za-z0-9_-]{43})"', a.text())
    return m.group(1) if m else None


def login(portal, invoice, house):
    a = portal.request("POST", "/session", form(invoice=invoice, house=house, next="dashboard"))
    cookie = session_cookie(a)
    page = portal.request("GET", "/portal", cookie=cookie)
    return cookie, csrf_of(page)


# ---- the checks, one function per area ----------------------------------------

def test_landing_and_lookup(portal):
    a = portal.request("GET", "/")
    check("landing 200", a.status == 200, a.status)
    check("landing is HTML", a.header("Content-Type") == "text/html; charset=utf-8")
    check("landing has the forms", 'action="/session"' in a.text())
    h = portal.request("HEAD", "/")
    check("HEAD 200 without a body", h.status == 200 and h.body == b"", h.status)

    miss1 = portal.request("POST", "/session", form(invoice="10014", house="1"))
    miss2 = portal.request("POST", "/session", form(invoice="99999", house="63"))
    check("a miss is 200 with the uniform words", miss1.status == 200 and
          "Nothing matches that number and house number" in miss1.text())
    check("every miss reads the same", "Nothing matches" in miss2.text())
    check("a miss sets no cookie", miss1.header("Set-Cookie") is None)

    a = portal.request("POST", "/session", form(invoice="10014", house="63", next="tracking"))
    check("lookup 303", a.status == 303, a.status)
    check("lookup to tracking", a.header("Location") == "/portal/tracking", a.header("Location"))
    cookie = a.header("Set-Cookie") or ""
    check("cookie attributes", re.fullmatch(
        r"__Host-portal=[A-Za-z0-9_-]{43}; Path=/; Secure; HttpOnly; SameSite=Strict",
        cookie) is not None, cookie)


def test_every_view(portal, cookie):
    for view in NO_ARG_VIEWS:
        path = "/portal" if view == "dashboard" else f"/portal/{view}"
        a = portal.request("GET", path, cookie=cookie)
        check(f"page {view}", a.status == 200, f"{a.status} {a.text()[:200]}")
        a = portal.request("GET", f"/api/v1/{view}", cookie=cookie)
        check(f"api {view}", a.status == 200 and
              a.header("Content-Type") == "application/json; charset=utf-8", a.status)
        if a.status == 200:
            check(f"api {view} is its view", json.loads(a.body)["view"] == view)
    for path in ("/portal/job/9", "/portal/invoice/10014", "/portal/estimate/E1009",
                 "/api/v1/job/9", "/api/v1/invoice/%2310014", "/api/v1/estimate/e-1009"):
        a = portal.request("GET", path, cookie=cookie)
        check(f"record {path}", a.status == 200, f"{a.status} {a.text()[:200]}")
    a = portal.request("GET", "/portal/invoice/inv-10014/pdf", cookie=cookie)
    check("invoice PDF 200", a.status == 200, f"{a.status} {a.text()[:200]}")
    check("invoice PDF type", a.header("Content-Type") == "application/pdf")
    check("invoice PDF named from the stored number", a.header("Content-Disposition") ==
          'attachment; filename="invoice-10014.pdf"', a.header("Content-Disposition"))
    check("invoice PDF body", a.body.startswith(b"%PDF-"))
    a = portal.request("GET", "/portal/nosuchview", cookie=cookie)
    check("unknown view 404", a.status == 404, a.status)


def test_without_a_session(portal):
    a = portal.request("GET", "/api/v1/dashboard")
    check("api without a session 401", a.status == 401, a.status)
    check("401 is JSON", json.loads(a.body)["error"]["status"] == 401)
    a = portal.request("GET", "/portal/invoices", cookie="__Host-portal=" + "A" * 43)
    check("page without a session goes to the start", a.status == 303 and
          a.header("Location") == "/?done=expired", a.header("Location"))


def test_other_clients_records(portal, cookie, csrf):
    """Client 9's session asks for client 6's records: each answers exactly
    as a record that does not exist."""
    pairs = [("/portal/invoice/10009", "/portal/invoice/99999"),
             ("/api/v1/invoice/10009", "/api/v1/invoice/99999"),
             ("/portal/estimate/E1006", "/portal/estimate/E9999"),
             ("/api/v1/estimate/E1006", "/api/v1/estimate/E9999"),
             ("/portal/job/6", "/portal/job/9999"),
             ("/api/v1/job/6", "/api/v1/job/9999"),
             ("/portal/appointments/2/ics", "/portal/appointments/9999/ics"),
             ("/portal/appointments/2/cancel", "/portal/appointments/9999/cancel"),
             ("/portal/invoice/10009/pdf", "/portal/invoice/99999/pdf")]
    for theirs, missing in pairs:
        a = portal.request("GET", theirs, cookie=cookie)
        b = portal.request("GET", missing, cookie=cookie)
        check(f"{theirs} is 404", a.status == 404, a.status)
        check(f"{theirs} reads as {missing}", a.status == b.status and a.body == b.body)
    before = portal.fingerprint()
    for path, body in (("/portal/appointments/2/cancel", form(csrf=csrf, confirm="yes")),
                       ("/portal/estimate/E1006/decide",
                        form(csrf=csrf, line="0", decision="approve", name="Ayşe")),
                       ("/portal/job/6/warranty-callback",
                        form(csrf=csrf, problem="x", start1="2026-11-25T09:00",
                             end1="2026-11-25T12:00"))):
        a = portal.request("POST", path, body, cookie=cookie)
        check(f"POST {path} is 404", a.status == 404, a.status)
    check("another client's records unchanged", portal.fingerprint() == before)


def test_csrf_and_origin(portal, cookie, csrf):
    origin = {"Origin": f"http://localhost:{portal.port}"}
    cases = [("no token", form(text="hi"), origin),
             ("a wrong token", form(csrf="A" * 43, text="hi"), origin),
             ("an empty token", form(csrf="", text="hi"), origin),
             ("another site", form(csrf=csrf, text="hi"), {"Origin": "http://evil.example"}),
             ("an opaque origin", form(csrf=csrf, text="hi"), {"Origin": "null"}),
             ("an opaque origin from another site", form(csrf=csrf, text="hi"),
              {"Origin": "null", "Sec-Fetch-Site": "cross-site"}),
             ("an opaque origin of the same site without a token", form(text="hi"),
              {"Origin": "null", "Sec-Fetch-Site": "same-origin"})]
    for name, body, headers in cases:
        before = portal.fingerprint()
        a = portal.request("POST", "/portal/chat", body, cookie=cookie, headers=headers)
        check(f"CSRF {name}: 403", a.status == 403, a.status)
        check(f"CSRF {name}: nothing changed", portal.fingerprint() == before)
    before = portal.fingerprint()
    a = portal.request("POST", "/logout", form(csrf="B" * 43), cookie=cookie)
    check("logout with a wrong token 403", a.status == 403, a.status)
    check("logout refused changes nothing", portal.fingerprint() == before)
    a = portal.request("POST", "/session", form(invoice="10014", house="63"),
                       headers={"Origin": "http://evil.example"})
    check("lookup from another site 403", a.status == 403 and a.header("Set-Cookie") is None)
    a = portal.request("POST", "/portal/chat", form(csrf=csrf, text="Hello from the web"),
                       cookie=cookie, headers=origin)
    check("the right token and origin pass", a.status == 303, a.status)
    a = portal.request("POST", "/portal/chat", form(csrf=csrf, text="No origin header"),
                       cookie=cookie)
    check("no Origin with the right token passes", a.status == 303, a.status)
    # What a browser sends on the page's own form under no-referrer.
    same_site = {"Origin": "null", "Sec-Fetch-Site": "same-origin"}
    a = portal.request("POST", "/portal/chat", form(csrf=csrf, text="From the page's form"),
                       cookie=cookie, headers=same_site)
    check("Origin null from this site with the right token passes", a.status == 303, a.status)
    a = portal.request("POST", "/session", form(invoice="10014", house="63"),
                       headers={"Origin": "null", "Sec-Fetch-Site": "cross-site"})
    check("lookup with an opaque origin from another site 403",
          a.status == 403 and a.header("Set-Cookie") is None, a.status)


def test_forms(portal, cookie, csrf):
    def post(path, **fields):
        return portal.request("POST", path, form(csrf=csrf, **fields), cookie=cookie)

    a = post("/portal/estimate/e1009/decide", line="20", decision="approve", name="Ayşe Yılmaz")
    check("estimate decide 303 to its canonical number",
          a.status == 303 and a.header("Location") == "/portal/estimate/E1009?done=decided",
          f"{a.status} {a.header('Location')}")
    a = post("/portal/estimate/E1009/decide", line="20", decision="approve", name="Ayşe")
    check("deciding twice is refused on the page", a.status == 409, a.status)
    a = post("/portal/estimate/E1009/decide", line="x", decision="approve", name="A")
    check("a malformed line is 400", a.status == 400, a.status)
    a = post("/portal/chat", text="Is the part in?")
    check("chat 303", a.status == 303 and a.header("Location") == "/portal/chat?done=sent")
    a = post("/portal/chat", text="   ")
    check("an empty message is refused", a.status == 400, a.status)
    a = post("/portal/notifications/read", up_to="")
    check("notifications read 303", a.status == 303 and
          a.header("Location") == "/portal/notifications?done=read")
    a = post("/portal/profile/request", name="", email="ayse@example.org", phone="")
    check("profile request 303", a.status == 303 and
          a.header("Location") == "/portal/profile?done=profile", a.status)
    a = post("/portal/profile/sms", sms="off")
    check("sms off 303", a.status == 303 and
          a.header("Location") == "/portal/profile?done=sms_off", a.status)
    a = post("/portal/profile/sms", sms="on")
    check("sms on 303", a.status == 303, a.status)
    a = post("/portal/appointments/request", problem="Oven still runs hot",
             start1="2026-11-25T09:00", end1="2026-11-25T12:00",
             start2="2026-11-26T13:00", end2="2026-11-26T17:00")
    check("visit request 303", a.status == 303 and
          a.header("Location") == "/portal/appointments?done=requested", a.status)
    a = post("/portal/appointments/request", problem="x", start1="tomorrow", end1="")
    check("a bad window is 400", a.status == 400, a.status)
    a = post("/portal/job/9/warranty-callback", problem="Again", start1="2026-11-25T09:00",
             end1="2026-11-25T12:00")
    check("a callback on a job not repaired is refused", a.status == 409, a.status)
    page = portal.request("GET", "/portal/chat?done=sent", cookie=cookie)
    check("the flash is shown", "Your message was sent." in page.text())


def test_visits(portal):
    cookie, csrf = login(portal, "10009", "310")
    a = portal.request("GET", "/portal/appointments/2/ics", cookie=cookie)
    check("ics 200", a.status == 200, a.status)
    check("ics type", a.header("Content-Type") == "text/calendar; charset=utf-8")
    check("ics filename", a.header("Content-Disposition") ==
          'attachment; filename="visit-2.ics"', a.header("Content-Disposition"))
    check("ics body", a.body.startswith(b"BEGIN:VCALENDAR"))
    a = portal.request("GET", "/portal/appointments/2/cancel", cookie=cookie)
    check("cancel confirmation 200", a.status == 200, a.status)
    check("confirmation posts confirm=yes", 'name="confirm"' in a.text())
    a = portal.request("POST", "/portal/appointments/2/cancel", form(csrf=csrf), cookie=cookie)
    check("cancel without confirm goes back to the quote", a.status == 303 and
          a.header("Location") == "/portal/appointments/2/cancel")
    a = portal.request("POST", "/portal/appointments/2/cancel",
                       form(csrf=csrf, confirm="yes"), cookie=cookie)
    check("cancel 303", a.status == 303 and
          a.header("Location") == "/portal/appointments?done=cancelled", a.status)
    a = portal.request("POST", "/portal/appointments/2/cancel",
                       form(csrf=csrf, confirm="yes"), cookie=cookie)
    check("cancelling twice is refused", a.status == 409, a.status)
    return cookie, csrf


def test_logout(portal, cookie, csrf):
    a = portal.request("POST", "/logout", form(csrf=csrf), cookie=cookie)
    check("logout 303", a.status == 303 and a.header("Location") == "/?done=logout")
    check("logout clears the cookie", (a.header("Set-Cookie") or "").startswith(
        "__Host-portal=; Max-Age=0;"))
    a = portal.request("GET", "/api/v1/dashboard", cookie=cookie)
    check("the ended session is refused", a.status == 401, a.status)


def link_token(portal, client):
    url = portal.cli("access", "link", str(client)).stdout
    m = re.search(r"/k/([A-Za-z0-9_-]{43})", url)
    return m.group(1)


def test_links(portal):
    token = link_token(portal, 6)
    a = portal.request("GET", f"/k/{token}")
    check("link 303 to the portal", a.status == 303 and a.header("Location") == "/portal")
    cookie = session_cookie(a)
    check("link sets the cookie", cookie is not None)
    check("the token is not in the answer", token.encode() not in a.body and
          token not in json.dumps(a.headers))
    a = portal.request("GET", "/api/v1/dashboard", cookie=cookie)
    check("link session works", a.status == 200, a.status)
    a = portal.request("GET", "/k/" + "A" * 43)
    check("unknown link 404", a.status == 404 and a.header("Set-Cookie") is None, a.status)
    a = portal.request("GET", "/k/short")
    check("malformed link 404", a.status == 404, a.status)

    links = json.loads(portal.cli("--json", "access", "list", "6").stdout)
    portal.cli("access", "revoke", str(links[0]["id"]))
    a = portal.request("GET", f"/k/{token}")
    check("revoked link refused", a.status == 404 and a.header("Set-Cookie") is None, a.status)
    a = portal.request("GET", "/api/v1/dashboard", cookie=cookie)
    check("its session ended", a.status == 401, a.status)

    token = link_token(portal, 6)
    a = portal.request("GET", f"/k/{token}")
    cookie = session_cookie(a)
    portal.cli("access", "off", "6")
    phone = json.loads(portal.cli("--json", "shop", "show").stdout)["phone"]
    words = html.escape(f"Portal access to this account is off; please call the shop at {phone}.")
    a = portal.request("GET", f"/k/{token}")
    check("link of a client turned off refused", a.status == 403 and
          a.header("Set-Cookie") is None, a.status)
    check("link of a client turned off says why", words in a.text(), a.text()[-600:])
    a = portal.request("POST", "/session", form(invoice="10009", house="310"))
    check("lookup of a client turned off refused", a.status == 403 and
          a.header("Set-Cookie") is None, a.status)
    check("lookup of a client turned off says why", words in a.text(), a.text()[-600:])
    # A session opened before the shop turned access off ends at its next
    # request: the page goes to the start, which says so, and the JSON
    # answers 401.
    a = portal.request("GET", "/portal", cookie=cookie)
    check("a session of a client turned off ends", a.status == 303 and
          a.header("Location") == "/?done=expired", (a.status, a.header("Location")))
    a = portal.request("GET", "/?done=expired")
    check("the start says the session ended", "Your session has ended." in a.text())
    a = portal.request("GET", "/api/v1/dashboard", cookie=cookie)
    check("its JSON says the session ended", a.status == 401 and
          json.loads(a.body)["error"]["status"] == 401, (a.status, a.text()[:300]))
    portal.cli("access", "on", "6")


def test_malformed(portal, cookie):
    for path in ("/a%zz", "/x%4", "/?q=%G0", "/portal?done=%zz"):
        a = portal.request("GET", path)
        check(f"{path} 400", a.status == 400, a.status)
    # lighttpd refuses a NUL in the address itself, before any configuration
    # applies (docs/deploy.md); portal.cgi would too.
    a = portal.request("GET", "/portal/a%00b", check_headers=False)
    check("a NUL in the path 400", a.status == 400, a.status)
    a = portal.request("GET", "/", cookie="a=" + "x" * 20000)
    check("a huge cookie 400", a.status == 400, a.status)
    a = portal.request("POST", "/portal/chat", "text=" + "x" * (64 * 1024), cookie=cookie)
    check("a body over 64 KiB 413", a.status == 413, a.status)
    a = portal.request("POST", "/portal/chat", '{"text": "hi"}', cookie=cookie, form=False,
                       headers={"Content-Type": "application/json"})
    check("JSON posted 415", a.status == 415, a.status)
    a = portal.request("PUT", "/portal/chat", "x=1", cookie=cookie)
    check("PUT 405", a.status == 405, a.status)
    check("405 says what is allowed", a.header("Allow") == "POST, GET, HEAD", a.header("Allow"))
    a = portal.request("GET", "/no/such/page")
    check("unknown path 404", a.status == 404, a.status)
    a = portal.request("GET", "/static/probe.css")
    check("static file 200", a.status == 200, a.status)
    check("static css type", a.header("Content-Type") == "text/css; charset=utf-8")
    # A request without a method never gets past the server; portal.cgi run
    # without one answers 400 all the same.
    r = subprocess.run([CGI], env={**portal.shop_env(), "PATH_INFO": "/"},
                       capture_output=True, timeout=20)
    check("no method: 400", r.stdout.startswith(b"Status: 400 Bad Request\r\n"), r.stdout[:80])
    check("no method: headers", b"\r\nX-Content-Type-Options: nosniff\r\n" in r.stdout)


def test_rate_limits(portal):
    """Five misses lock an invoice number; ten lock the address (every
    request here is 127.0.0.1). Both answer 429 with Retry-After."""
    for house in ("1", "2", "3", "4", "5"):
        portal.request("POST", "/session", form(invoice="10001", house=house))
    a = portal.request("POST", "/session", form(invoice="10001", house="6"))
    check("invoice locked: 429", a.status == 429, a.status)
    check("invoice lock Retry-After", a.header("Retry-After") == "3600", a.header("Retry-After"))
    check("429 sets no cookie", a.header("Set-Cookie") is None)
    got = None
    for n in range(20000, 20012):
        a = portal.request("POST", "/session", form(invoice=str(n), house="1"))
        if a.status == 429:
            got = a
            break
    check("address locked: 429", got is not None)
    if got:
        retry = int(got.header("Retry-After") or "0")
        check("address lock Retry-After", 0 < retry <= 900, retry)
    a = portal.request("POST", "/session", form(invoice="10014", house="63"))
    check("the right pair from a locked address: 429", a.status == 429, a.status)


# ---- one resident portal.cgi, spoken to directly over SCGI -----------------------

def test_health(portal):
    """GET /healthz: the database answers, or 503 when it does not."""
    a = portal.request("GET", "/healthz")
    check("healthz: 200 ok", (a.status, a.body) == (200, b"ok\n"), (a.status, a.body))
    check("healthz: plain text", a.header("content-type") == "text/plain; charset=utf-8",
          a.header("content-type"))
    if PG:
        return  # a server that stops answering is proved in tests/pg/test_pg_web.py
    # The file gone from under the portal: it cannot be opened.
    os.rename(portal.db, portal.db + ".away")
    try:
        a = portal.request("GET", "/healthz")
        check("healthz: 503 without the database",
              (a.status, a.body) == (503, b"the database does not answer\n"), (a.status, a.body))
    finally:
        os.rename(portal.db + ".away", portal.db)
    a = portal.request("GET", "/healthz")
    check("healthz: 200 once it is back", a.status == 200, a.status)


class Resident:
    """portal.cgi started as lighttpd's mod_scgi starts it: a listening
    socket as its standard input, PORTAL_DB and PORTAL_NOW in its
    environment. Every request goes to this one process."""

    def __init__(self, portal):
        self.portal = portal
        self.path = os.path.join(portal.work, "resident.sock")
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(self.path)
        listener.listen(16)
        env = dict(portal.env, **portal.shop_env())
        self.proc = subprocess.Popen([CGI], stdin=listener, env=env,
                                     stderr=subprocess.DEVNULL)
        listener.close()

    def connect(self):
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(SCGI_TIMEOUT + 10)
        s.connect(self.path)
        return s

    def send_raw(self, raw, close_write=True):
        """Send `raw` bytes; the whole answer, or b"" when it closed without one."""
        s = self.connect()
        try:
            s.sendall(raw)
            if close_write:
                s.shutdown(socket.SHUT_WR)
            return read_all(s)
        finally:
            s.close()

    def request(self, method, uri, body=b"", cookie=None, headers=None):
        body = body.encode() if isinstance(body, str) else body
        pairs = [("CONTENT_LENGTH", str(len(body))), ("SCGI", "1"),
                 ("REQUEST_METHOD", method), ("REQUEST_URI", uri),
                 ("REMOTE_ADDR", "192.0.2.10"), ("HTTP_HOST", "localhost")]
        if body:
            pairs.append(("CONTENT_TYPE", "application/x-www-form-urlencoded"))
        if cookie:
            pairs.append(("HTTP_COOKIE", cookie))
        pairs += list((headers or {}).items())
        a = parse_cgi_answer(self.send_raw(netstring(pairs) + body))
        check_security(f"SCGI {method} {uri[:60]}", a)
        return a

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None


def parse_cgi_answer(raw):
    """A CGI answer ("Status: ..." then headers) as an Answer; status 0 if none."""
    return Answer(*split_cgi_answer(raw))


def test_resident_customers_one_after_another(r):
    """Client 9, then nobody, then client 6, then client 9 again, all on one
    process: each request sees only its own session, flash and errors."""
    def login(invoice, house):
        a = r.request("POST", "/session", form(invoice=invoice, house=house, next="dashboard"))
        check(f"resident lookup {invoice}: 303", a.status == 303, a.status)
        return session_cookie(a)

    ayse = login("10014", "63")
    a = r.request("GET", "/api/v1/profile", cookie=ayse)
    check("resident: client 9's profile", a.status == 200 and "Ayşe" in a.text(), a.status)
    page = r.request("GET", "/portal/chat?done=sent", cookie=ayse)
    check("resident: client 9's flash shown", "Your message was sent." in page.text())
    ayse_csrf = csrf_of(page)
    a = r.request("POST", "/portal/chat", form(csrf=ayse_csrf, text="  "), cookie=ayse)
    check("resident: an empty message refused", a.status == 400, a.status)
    refused_page = a.text()

    a = r.request("GET", "/api/v1/dashboard")
    check("resident: no cookie next is 401", a.status == 401, a.status)
    a = r.request("GET", "/portal")
    check("resident: no cookie next goes to the start", a.status == 303, a.status)
    a = r.request("GET", "/")
    check("resident: the landing after a session has no session in it",
          a.status == 200 and "Ayşe" not in a.text() and ayse_csrf not in a.text() and
          "Your message was sent." not in a.text() and a.header("Set-Cookie") is None)

    jose = login("10009", "310")
    a = r.request("GET", "/api/v1/profile", cookie=jose)
    check("resident: client 6 sees client 6", a.status == 200 and "José" in a.text() and
          "Ayşe" not in a.text(), a.text()[:200])
    page = r.request("GET", "/portal/chat", cookie=jose)
    check("resident: client 6's page has nothing of client 9's requests",
          page.status == 200 and "Ayşe" not in page.text() and ayse_csrf not in page.text() and
          "Your message was sent." not in page.text(), page.status)
    check("resident: nor the error client 9's form had",
          refused_page != page.text() and csrf_of(page) not in (None, ayse_csrf))
    a = r.request("GET", "/api/v1/invoice/10014", cookie=jose)
    check("resident: client 9's invoice is 404 for client 6", a.status == 404, a.status)
    a = r.request("GET", "/api/v1/profile", cookie=ayse)
    check("resident: client 9 again sees client 9", a.status == 200 and "Ayşe" in a.text() and
          "José" not in a.text())


def test_resident_configuration_only_from_its_environment(r):
    a = r.request("GET", "/api/v1/policies", headers={
        "PORTAL_DB": "/nonexistent/other.db", "PORTAL_NOW": "2001-01-01T00:00:00Z"})
    check("resident: PORTAL_DB in a request is ignored", a.status == 401, a.status)
    a = r.request("GET", "/", headers={"PORTAL_DB": "/nonexistent/other.db"})
    check("resident: the shop is the one it was started on", a.status == 200, a.status)


def test_resident_malformed_requests(r):
    def still_answers(after):
        a = r.request("GET", "/")
        check(f"resident answers after {after}", a.status == 200, a.status)

    cases = [("a request that is not SCGI", b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"),
             ("a bad length", b"12x:whatever,"),
             ("a missing comma", netstring([("CONTENT_LENGTH", "0"), ("SCGI", "1")])[:-1] + b";"),
             ("a header without a NUL", b"20:CONTENT_LENGTH\x000\x00SCGI\x001,"),
             ("no CONTENT_LENGTH", netstring([("SCGI", "1"), ("REQUEST_METHOD", "GET")])),
             ("no SCGI=1", netstring([("CONTENT_LENGTH", "0"), ("REQUEST_METHOD", "GET")])),
             ("an oversized head", b"70000:" + b"x" * 1000)]
    for name, raw in cases:
        a = parse_cgi_answer(r.send_raw(raw))
        check(f"resident: {name} is 400", a.status == 400, a.status)
        check_security(f"resident: {name}", a)
        still_answers(name)
    out = r.send_raw(netstring([("CONTENT_LENGTH", "0"), ("SCGI", "1")])[:30])
    check("resident: a truncated head gets a 400", out.startswith(b"Status: 400"), out[:40])
    still_answers("a truncated head")
    s = r.connect()
    s.close()
    still_answers("a connection closed at once")

    big = form(text="x" * (64 * 1024))
    a = r.request("POST", "/portal/chat", big)
    check("resident: a body over 64 KiB is 413, answered whole", a.status == 413 and
          a.body.endswith(b"</html>\n"), a.status)
    still_answers("a body over 64 KiB")
    raw = netstring([("CONTENT_LENGTH", "40"), ("SCGI", "1"), ("REQUEST_METHOD", "POST"),
                     ("REQUEST_URI", "/session"),
                     ("CONTENT_TYPE", "application/x-www-form-urlencoded")]) + b"invoice=1"
    a = parse_cgi_answer(r.send_raw(raw))
    check("resident: a body shorter than its length is 400", a.status == 400, a.status)
    still_answers("a short body")


def test_resident_stalled_peer(r):
    """A peer that sends half a head and waits is dropped after the
    timeout; the request behind it is then answered."""
    stalled = r.connect()
    stalled.sendall(b"100:CONTENT_LENGTH\x00")
    time.sleep(0.2)
    start = time.time()
    a = r.request("GET", "/")
    took = time.time() - start
    check("resident: the request behind a stalled one is answered", a.status == 200, a.status)
    check("resident: after the timeout, not forever", took < SCGI_TIMEOUT + 5, took)
    stalled.settimeout(5)
    try:
        out = read_all(stalled)
    except OSError:
        out = b""
    check("resident: the stalled peer got a 400 or nothing", out == b"" or
          out.startswith(b"Status: 400"), out[:40])
    stalled.close()


def wait_for_residents_to_end(portal, limit=10):
    """lighttpd signals the resident portal.cgi processes it started and
    exits without waiting: give them the moment they need to close the
    shop and write any sanitizer report."""
    marker = (f"PORTAL_SHOP={portal.shop}" if PG else "PORTAL_DB=" + portal.db).encode()
    deadline = time.time() + limit
    while time.time() < deadline:
        alive = False
        for pid in filter(str.isdigit, os.listdir("/proc")):
            try:
                if (os.readlink(f"/proc/{pid}/exe") == os.path.realpath(CGI) and
                        marker in open(f"/proc/{pid}/environ", "rb").read().split(b"\0")):
                    alive = True
            except OSError:
                pass
        if not alive:
            return
        time.sleep(0.1)
    check("the resident processes end with the server", False)


def test_resident(portal):
    r = Resident(portal)
    try:
        test_resident_customers_one_after_another(r)
        test_resident_configuration_only_from_its_environment(r)
        test_resident_malformed_requests(r)
        test_resident_stalled_peer(r)
        check("resident: one process served every request", r.proc.poll() is None)
    finally:
        status = r.stop()
    check("resident: SIGTERM ends it cleanly", status == 0, status)


def check_no_sanitizer_reports(portal):
    reports = os.listdir(portal.asan_dir)
    check("no sanitizer reports from portal.cgi", not reports, reports)
    for r in reports:
        print(open(os.path.join(portal.asan_dir, r)).read()[:3000])


def run(name, scenario, prepare=None, alarm=240):
    """The whole run of an HTTP test script: the demo shop served
    (Portal), `prepare(portal)` before the server starts, then
    `scenario(portal, what prepare gave)`; then the server stopped by
    SIGTERM, as Ctrl-C would, and portal.cgi's sanitizer reports looked
    for. Any exception is a failure, never a pass. Prints "N passed, M
    failed" and returns the exit status."""
    signal.alarm(alarm)
    work = tempfile.mkdtemp(prefix=f"portal-{name}-")
    portal = None
    try:
        portal = Portal(work)
        prepared = prepare(portal) if prepare else None
        portal.start()
        scenario(portal, prepared)
        status = portal.stop()
        check("portal serve stops cleanly on SIGTERM", status == 0, status)
        if RESIDENT:
            wait_for_residents_to_end(portal)
        check_no_sanitizer_reports(portal)
    except Exception as e:  # a broken setup is a failure, never a pass
        check("the run", False, repr(e))
    finally:
        if portal is not None:
            portal.stop()
        subprocess.run(["rm", "-rf", work])
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


def main():
    signal.alarm(240)
    work = tempfile.mkdtemp(prefix="portal-http-")
    portal = None
    try:
        portal = Portal(work)
        if PG:
            print(f"the demo shop is {portal.shop} on PostgreSQL")
        portal.start()
        test_landing_and_lookup(portal)
        cookie, csrf = login(portal, "10014", "63")
        check("a session page carries the CSRF token", csrf is not None)
        test_without_a_session(portal)
        test_every_view(portal, cookie)
        test_other_clients_records(portal, cookie, csrf)
        test_csrf_and_origin(portal, cookie, csrf)
        test_forms(portal, cookie, csrf)
        test_visits(portal)
        test_links(portal)
        test_malformed(portal, cookie)
        test_logout(portal, cookie, csrf)
        test_rate_limits(portal)
        test_health(portal)
        if RESIDENT:
            test_resident(portal)
        serve_dirs = set(os.listdir(tempfile.gettempdir()))
        status = portal.stop()
        check("portal serve stops cleanly on SIGTERM", status == 0, status)
        left = [d for d in os.listdir(tempfile.gettempdir())
                if d.startswith("portal-serve-") and d in serve_dirs]
        check("its directory is removed", not any(
            os.path.exists(os.path.join(tempfile.gettempdir(), d, "lighttpd.conf"))
            and open(os.path.join(tempfile.gettempdir(), d, "lighttpd.conf")).read().find(
                str(portal.port)) >= 0 for d in left))
        if RESIDENT:
            wait_for_residents_to_end(portal)
        reports = os.listdir(portal.asan_dir)
        check("no sanitizer reports from portal.cgi", not reports, reports)
        for r in reports:
            print(open(os.path.join(portal.asan_dir, r)).read()[:3000])
    except Exception as e:  # a broken setup is a failure, never a pass
        check("the run", False, repr(e))
    finally:
        if portal is not None:
            portal.stop()
        subprocess.run(["rm", "-rf", work])
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
