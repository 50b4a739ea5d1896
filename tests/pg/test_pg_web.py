#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Three web processes, one PostgreSQL database.

Three resident portal.cgi processes, each started as a web server's
mod_scgi starts it (a listening socket as its standard input, PORTAL_DB,
PORTAL_SHOP and PORTAL_NOW in its environment), serve one shop of the
throw-away cluster of the ctest fixture, as three web machines would:

- 30 wrong lookups from one address, spread over the three, record
  exactly 10 misses; then every process answers 429;
- a session opened on one is accepted by the others, and revoking its
  link from the CLI ends it on all three;
- a session of shop A, sent with every id and number of shop B, finds
  nothing of B: each answer is the one a missing record gets.

    python3 test_pg_web.py PORTAL PORTAL_CGI ENV_FILE

Every process is stopped, by its PID, and the temporary directory removed.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from urllib.parse import urlencode

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from scgi_client import netstring, read_all, split_cgi_answer  # noqa: E402

PORTAL, CGI, ENV_FILE = sys.argv[1], sys.argv[2], sys.argv[3]
NOW = "2026-11-22T15:00:00Z"
TIMEOUT = 20

passed = failed = 0
UNAVAILABLE = "The portal is not available right now; please try later."


def ip(n):
    """A network address of this run alone: a host's lookup counts are
    kept across its shops, and outlive them."""
    return f"2001:db8:{n:x}::{os.getpid():x}"


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
    else:
        failed += 1
        print(f"FAIL: {name} {detail}"[:600])


def read_env(path):
    env = {}
    with open(path) as f:
        for line in f:
            name, _, value = line.strip().partition("=")
            env[name] = value.strip("'")
    return env


class Shop:
    """A shop of the host, driven through the real CLI as the programs' role."""

    def __init__(self, owner, app, name):
        self.owner, self.app, self.name = owner, app, name
        self.env = dict(os.environ, PORTAL_NOW=NOW)
        self.cli("--db", owner, "host", "add", name, shop=False)

    def cli(self, *args, shop=True):
        cmd = [PORTAL] + (["--db", self.app, "--shop", self.name] if shop else []) + list(args)
        r = subprocess.run(cmd, env=self.env, capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise RuntimeError(f"portal {' '.join(args)}: {r.stderr}")
        return r.stdout


class Resident:
    """portal.cgi on a listening unix socket, bound to one shop."""

    def __init__(self, work, n, shop, by_host=False, db=None, env_shop=None):
        self.path = os.path.join(work, f"resident{n}.sock")
        self.log = os.path.join(work, f"resident{n}.log")
        listener = socket.socket(socket.AF_UNIX)
        listener.bind(self.path)
        listener.listen(16)
        # Its connections carry the shop's name, so that the test ends
        # only theirs (test_reconnect), never another test's. A host's
        # process serves the shop each request's host name names.
        env = dict(os.environ, PORTAL_DB=db or shop.app, PORTAL_NOW=NOW, PGAPPNAME=shop.name)
        if by_host:
            env["PORTAL_SHOP_BY_HOST"] = "1"
        elif db is None:
            env["PORTAL_SHOP"] = shop.name
        # What the server's configuration says, when a test sets it itself.
        if env_shop is not None:
            env.pop("PORTAL_SHOP", None)
            if env_shop:
                env["PORTAL_SHOP"] = env_shop
        self.proc = subprocess.Popen([CGI], stdin=listener, env=env,
                                     stderr=open(self.log, "w"))
        listener.close()

    def request(self, method, uri, body="", cookie=None, addr=ip(10), host="localhost"):
        data = body.encode()
        pairs = [("CONTENT_LENGTH", str(len(data))), ("SCGI", "1"),
                 ("REQUEST_METHOD", method), ("REQUEST_URI", uri),
                 ("REMOTE_ADDR", addr), ("HTTP_HOST", host)]
        if data:
            pairs.append(("CONTENT_TYPE", "application/x-www-form-urlencoded"))
        if cookie:
            pairs.append(("HTTP_COOKIE", cookie))
        s = socket.socket(socket.AF_UNIX)
        s.settimeout(TIMEOUT)
        s.connect(self.path)
        try:
            s.sendall(netstring(pairs) + data)
            s.shutdown(socket.SHUT_WR)
            raw = read_all(s)
        finally:
            s.close()
        status, headers, body = split_cgi_answer(raw)
        return status, headers, body.decode("utf-8", "replace")

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def cookie_of(headers):
    m = re.match(r"(__Host-portal=[A-Za-z0-9_-]{43});", headers.get("set-cookie", ""))
    return m.group(1) if m else None


def misses_recorded(owner, shop):
    sql = ("SELECT set_config('portal.shop', (SELECT id FROM portal_shops WHERE name = "
           f"'{shop}')::text, false); SELECT count(*) FROM lookup_failures WHERE scope = 'addr'"
           " AND subject = '" + ip(10) + "'")
    r = subprocess.run(["psql", owner, "-X", "-A", "-t", "-c", sql], capture_output=True,
                       text=True, timeout=30)
    return r.stdout.strip().splitlines()[-1] if r.stdout.strip() else r.stderr


def test_reconnect(procs, shop, admin):
    """A connection the server ends is made again by the next request,
    which is answered as if nothing had happened."""
    out = shop.cli("access", "link", "3")
    token = re.search(r"/k/([A-Za-z0-9_-]{43})", out).group(1)
    _, headers, _ = procs[0].request("GET", f"/k/{token}", addr=ip(40))
    cookie = cookie_of(headers)
    for p in procs:
        p.request("GET", "/api/v1/dashboard", cookie=cookie, addr=ip(40))
    r = subprocess.run(["psql", admin, "-X", "-A", "-t", "-c",
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        f" WHERE application_name = '{shop.name}'"],
                       capture_output=True, text=True, timeout=30)
    check("the server ended the connections", r.stdout.strip() not in ("", "0"), r.stdout)
    for n, p in enumerate(procs):
        status, _, _ = p.request("GET", "/api/v1/dashboard", cookie=cookie, addr=ip(40))
        check(f"process {n} answers on a new connection", status == 200, status)


def test_one_process_many_shops(work, shop_a, shop_c):
    """A host's resident process serves each request the shop its host
    name names, on one connection; a session never crosses shops."""
    procs = [Resident(work, 20 + n, shop_a, by_host=True) for n in range(2)]
    try:
        a_name = json.loads(shop_a.cli("--json", "shop", "show"))["name"]
        out = shop_a.cli("access", "link", "4")
        token = re.search(r"/k/([A-Za-z0-9_-]{43})", out).group(1)
        status, headers, _ = procs[0].request("GET", f"/k/{token}", addr=ip(50),
                                              host=shop_a.name)
        cookie = cookie_of(headers)
        check("host mode: the link opens a session", status == 303 and cookie, status)
        for host in (shop_a.name, shop_a.name.upper() + ":8443"):
            status, _, body = procs[1].request("GET", "/api/v1/dashboard", cookie=cookie,
                                               addr=ip(50), host=host)
            check(f"host mode: {host} is shop A", status == 200 and a_name in body, status)
        status, _, body = procs[1].request("GET", "/api/v1/dashboard", cookie=cookie,
                                           addr=ip(50), host=shop_c.name)
        check("host mode: A's session is nothing on C's host", status == 401, status)
        check("host mode: nothing of A on C's host", a_name not in body)
        status, _, body = procs[0].request("GET", "/", addr=ip(50), host=shop_c.name)
        check("host mode: C's landing page", status == 200 and a_name not in body, status)
        status, _, body = procs[0].request("GET", "/", addr=ip(50), host="nosuch.example")
        check("host mode: an unknown host is no portal", status == 404 and
              "There is no portal at this address." in body, status)
        check("host mode: an unknown host shows no shop", a_name not in body)
        status, _, body = procs[0].request("GET", "/api/v1/dashboard", addr=ip(50),
                                           host="nosuch.example")
        check("host mode: an unknown host, JSON 404", status == 404 and
              json.loads(body)["error"]["message"] == "There is no portal at this address.",
              body)
        status, _, body = procs[0].request("GET", "/api/v1/dashboard", cookie=cookie,
                                           addr=ip(50), host=shop_a.name)
        check("host mode: back to A on the same process", status == 200 and a_name in body,
              status)
    finally:
        for p in procs:
            p.stop()


class FileShop:
    """A shop in its own SQLite file, the embedded default."""

    def __init__(self, path, name, app):
        self.path, self.name, self.app = path, name, app
        self.env = dict(os.environ, PORTAL_NOW=NOW)

    def cli(self, *args):
        r = subprocess.run([PORTAL, "--db", self.path] + list(args), env=self.env,
                           capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise RuntimeError(f"portal {' '.join(args)}: {r.stderr}")
        return r.stdout


def test_move_keeps_links_and_sessions(work, owner, app):
    """A shop moved from its SQLite file into the host: the link a
    customer holds and the session open in their browser go on working,
    and the shop exports byte for byte as it did."""
    name = f"moved{os.getpid()}"
    f = FileShop(os.path.join(work, "moving.db"), name, app)
    f.cli("demo")
    token = re.search(r"/k/([A-Za-z0-9_-]{43})", f.cli("access", "link", "2")).group(1)
    before = Resident(work, 30, f, db=f.path)
    try:
        status, headers, _ = before.request("GET", f"/k/{token}", addr=ip(60))
        cookie = cookie_of(headers)
        check("on the file: the link opens a session", status == 303 and cookie, status)
    finally:
        before.stop()
    exported = f.cli("export")
    r = subprocess.run([PORTAL, "--db", owner, "host", "move", f.path, name],
                       env=f.env, capture_output=True, text=True, timeout=120)
    check("host move", r.returncode == 0, r.stderr)
    r = subprocess.run([PORTAL, "--db", owner, "host", "move", f.path, name],
                       env=f.env, capture_output=True, text=True, timeout=120)
    check("host move onto a taken name: exit 3", r.returncode == 3 and
          r.stderr == f"portal: name: the shop {name} already exists\n", r.stderr)
    moved = Shop.__new__(Shop)
    moved.owner, moved.app, moved.name, moved.env = owner, app, name, f.env
    check("moved: the same export", moved.cli("export") == exported)
    after = Resident(work, 31, moved)
    try:
        status, _, body = after.request("GET", "/api/v1/dashboard", cookie=cookie,
                                        addr=ip(60))
        check("moved: the open session goes on", status == 200, status)
        status, headers, _ = after.request("GET", f"/k/{token}", addr=ip(61))
        check("moved: the customer's link still opens", status == 303 and
              cookie_of(headers) is not None, status)
    finally:
        after.stop()


def test_host_limit(work, shops):
    """An address that misses at many shops, a few at each, is locked out
    of all of them once its misses across the host reach 25, though no
    shop saw its own limit (10)."""
    procs = [Resident(work, 40 + n, shops[0], by_host=True) for n in range(2)]
    # Addresses of this run alone: the host's counts outlive its shops.
    addr, other = f"2001:db8::{os.getpid():x}", f"2001:db8:1::{os.getpid():x}"
    try:
        answers = []
        for i in range(25):
            shop = shops[i % len(shops)]
            status, _, _ = procs[i % 2].request(
                "POST", "/session", urlencode({"invoice": str(40000 + i), "house": "1"}),
                addr=addr, host=shop.name)
            answers.append(status)
        check("host limit: 25 misses answered as misses", 429 not in answers, answers)
        for shop in shops:
            status, headers, body = procs[1].request(
                "POST", "/session", urlencode({"invoice": "10001", "house": "1"}),
                addr=addr, host=shop.name)
            check(f"host limit: {shop.name} refuses the address", status == 429, status)
            check(f"host limit: {shop.name} says when to retry",
                  int(headers.get("retry-after", "0")) > 0, headers.get("retry-after"))
        r = subprocess.run([PORTAL, "--db", shops[1].app, "--shop", shops[1].name, "lookup",
                            "10001", "1", "--from", addr], env=shops[1].env,
                           capture_output=True, text=True, timeout=60)
        check("host limit: the CLI's lookup is refused too (exit 4)", r.returncode == 4 and
              r.stderr.startswith("portal: too many failed lookups; try again after "),
              r.stderr)
        status, _, _ = procs[0].request(
            "POST", "/session", urlencode({"invoice": "40000", "house": "1"}),
            addr=other, host=shops[0].name)
        check("host limit: another address is not held", status != 429, status)
    finally:
        for p in procs:
            p.stop()


def test_refused_configurations(work, shop, file_path):
    """A server configured with a shop that cannot be opened answers every
    page 500 and every JSON call 500 with the same sentence, and says why
    on stderr, naming no connection string."""
    cases = [
        ("a shop named on a file", file_path, "north",
         f"{file_path}: a shop is named only on a PostgreSQL database; a SQLite file"
         " holds one shop"),
        ("no shop named", None, "",
         "a PostgreSQL database holds many shops: name one (--shop, or PORTAL_SHOP)"),
        ("a missing shop", None, "nosuch",
         "no shop named nosuch on this database (run `portal init` with --shop nosuch)"),
        ("a disabled shop", None, shop.name, f"the shop {shop.name} is disabled"),
    ]
    shop.cli("--db", shop.owner, "host", "disable", shop.name, shop=False)
    try:
        for n, (what, db, env_shop, why) in enumerate(cases):
            r = Resident(work, 50 + n, shop, db=db, env_shop=env_shop)
            try:
                status, _, body = r.request("GET", "/", addr=ip(80))
                check(f"{what}: the page 500", status == 500 and UNAVAILABLE in body, status)
                status, headers, body = r.request("GET", "/api/v1/dashboard", addr=ip(80))
                check(f"{what}: JSON 500", status == 500 and
                      json.loads(body)["error"]["message"] == UNAVAILABLE, body)
            finally:
                r.stop()
            with open(r.log) as f:
                log = f.read()
            check(f"{what}: stderr says why", why in log, log)
            check(f"{what}: stderr names no URI", "postgresql:///" not in log.replace(
                "on postgresql://", ""), log)
    finally:
        shop.cli("--db", shop.owner, "host", "enable", shop.name, shop=False)


def test_rate_limit_across_processes(procs, owner, shop):
    answers = []
    for i in range(30):
        status, headers, _ = procs[i % 3].request(
            "POST", "/session", urlencode({"invoice": str(30000 + i), "house": "1"}))
        answers.append(status)
    check("the first 10 misses are answered as misses", all(s != 429 for s in answers[:10]),
          answers)
    check("then every request is refused 429", all(s == 429 for s in answers[10:]), answers)
    check("every process refuses", {i % 3 for i in range(10, 30) if answers[i] == 429} ==
          {0, 1, 2})
    check("exactly 10 misses recorded", misses_recorded(owner, shop.name) == "10",
          misses_recorded(owner, shop.name))


def test_session_across_processes(procs, shop):
    out = shop.cli("access", "link", "2")
    token = re.search(r"/k/([A-Za-z0-9_-]{43})", out).group(1)
    status, headers, _ = procs[0].request("GET", f"/k/{token}", addr=ip(20))
    cookie = cookie_of(headers)
    check("the link opens a session on process 0", status == 303 and cookie, status)
    for n in (1, 2):
        status, _, _ = procs[n].request("GET", "/api/v1/dashboard", cookie=cookie,
                                        addr=ip(20))
        check(f"process {n} accepts the session", status == 200, status)
    links = json.loads(shop.cli("--json", "access", "list", "2"))
    shop.cli("access", "revoke", str(links[0]["id"]))
    for n in (0, 1, 2):
        status, _, _ = procs[n].request("GET", "/api/v1/dashboard", cookie=cookie,
                                        addr=ip(20))
        check(f"revoked from the CLI: process {n} ends the session", status == 401, status)


ROUTES = [
    # (method, route with {} for the value, kind of value)
    ("GET", "/portal/invoice/{}", "invoice"), ("GET", "/api/v1/invoice/{}", "invoice"),
    ("GET", "/portal/invoice/{}/pdf", "invoice"),
    ("GET", "/portal/estimate/{}", "estimate"), ("GET", "/api/v1/estimate/{}", "estimate"),
    ("POST", "/portal/estimate/{}/decide", "estimate"),
    ("GET", "/portal/job/{}", "job"), ("GET", "/api/v1/job/{}", "job"),
    ("POST", "/portal/job/{}/warranty-callback", "job"),
    ("GET", "/portal/appointments/{}/ics", "appointment"),
    ("GET", "/portal/appointments/{}/cancel", "appointment"),
    ("POST", "/portal/appointments/{}/cancel", "appointment"),
]
NOWHERE = {"invoice": "Z-404", "estimate": "Z-404", "job": "987654", "appointment": "987654"}


def blank(body, value):
    """`body` with `value` blanked where it stands as a whole word."""
    return re.sub(r"(?<![0-9A-Za-z-])" + re.escape(value) + r"(?![0-9A-Za-z-])", "?", body)


def csrf_of(body):
    m = re.search(r'name="csrf" value="([A-Za-z0-9_-]{43})"', body)
    return m.group(1) if m else ""


def test_isolation(procs_a, shop_a, shop_b):
    """With shop A's session, every id and number of shop B answers
    exactly as a record that exists nowhere."""
    out = shop_a.cli("access", "link", "1")
    token = re.search(r"/k/([A-Za-z0-9_-]{43})", out).group(1)
    _, headers, _ = procs_a[0].request("GET", f"/k/{token}", addr=ip(30))
    cookie = cookie_of(headers)
    check("shop A's session", cookie is not None)
    _, _, page = procs_a[0].request("GET", "/portal", cookie=cookie, addr=ip(30))
    form = urlencode({"csrf": csrf_of(page), "decision": "approve", "name": "X"})
    export = json.loads(shop_b.cli("export"))
    values = {"invoice": [i["number"] for i in export["invoices"]],
              "estimate": [e["number"] for e in export["estimates"]],
              "job": [str(j["id"]) for j in export["jobs"]],
              "appointment": [str(v["id"]) for v in export["appointments"]]}
    tried = 0
    for method, route, kind in ROUTES:
        body = form if method == "POST" else ""
        want = procs_a[1].request(method, route.format(NOWHERE[kind]), body, cookie=cookie,
                                  addr=ip(30))
        check(f"{method} {route}: a record that is nowhere is refused",
              want[0] in (303, 400, 404), want[0])
        for n, v in enumerate(values[kind]):
            got = procs_a[n % 3].request(method, route.format(v), body, cookie=cookie,
                                         addr=ip(30))
            tried += 1
            check(f"{method} {route.format(v)}: B's record answers as missing",
                  got[0] == want[0] and
                  blank(got[2], v) == blank(blank(want[2], NOWHERE[kind]), v),
                  f"{got[0]} vs {want[0]}")
    check("every kind of B's records was tried", tried > 50, tried)
    return cookie


def test_disabled_while_open(procs, shop, cookie):
    """Disabling a shop stops the processes that have it open, at their
    next request, page or JSON, and keeps the customer's cookie."""
    for p in procs:
        status, _, _ = p.request("GET", "/api/v1/dashboard", cookie=cookie, addr=ip(30))
        check("before: the dashboard", status == 200, status)
    shop.cli("--db", shop.owner, "host", "disable", shop.name, shop=False)
    status, headers, body = procs[0].request("GET", "/api/v1/dashboard", cookie=cookie,
                                             addr=ip(30))
    check("disabled: JSON 503", status == 503 and
          json.loads(body)["error"]["message"] == UNAVAILABLE, body)
    check("disabled: the cookie is kept", "set-cookie" not in headers, headers)
    for n, p in enumerate(procs[1:], 1):
        status, headers, body = p.request("GET", "/portal", cookie=cookie, addr=ip(30))
        check(f"disabled: process {n} serves nothing of the shop", status == 503, status)
        check(f"disabled: process {n} says so", UNAVAILABLE in body, body[-300:])
        check(f"disabled: process {n} keeps the cookie", "set-cookie" not in headers)
    shop.cli("--db", shop.owner, "host", "enable", shop.name, shop=False)
    status, _, _ = procs[1].request("GET", "/api/v1/dashboard", cookie=cookie, addr=ip(30))
    check("enabled again: the dashboard", status == 200, status)


def main():
    env = read_env(ENV_FILE)
    owner = env["PORTAL_TEST_PG"]
    app = f"postgresql:///portal?host={env['PORTAL_TEST_PG_DIR']}&user=portal_app"
    work = tempfile.mkdtemp(prefix="portal-pg-web-")
    procs_all = []
    try:
        pid = os.getpid()
        a = Shop(owner, app, f"weba{pid}")
        a.cli("--db", owner, "host", "grant", "portal_app", shop=False)
        # The host's limit as a host has it (the suite's cluster turns it
        # off for the unit tests; this test runs alone).
        a.cli("--db", owner, "host", "limit", "25", shop=False)
        a.cli("demo")
        b = Shop(owner, app, f"webb{pid}")
        b.cli("demo")
        # A shop of one client with nothing of its own: every number and
        # id of the demo shop B is one it does not have.
        c = Shop(owner, app, f"webc{pid}")
        c.cli("shop", "set", "timezone", "America/Toronto")
        c.cli("client", "add", "Ann Lee", "--email", "ann@example.com")
        procs = [Resident(work, n, a) for n in range(3)]
        procs_c = [Resident(work, 10 + n, c) for n in range(3)]
        procs_all = procs + procs_c
        test_session_across_processes(procs, a)
        test_reconnect(procs, a, f"postgresql:///portal?host={env['PORTAL_TEST_PG_DIR']}"
                       "&user=postgres_admin")
        test_one_process_many_shops(work, a, c)
        test_move_keeps_links_and_sessions(work, owner, app)
        test_host_limit(work, [a, b, c])
        test_refused_configurations(work, c, os.path.join(work, "moving.db"))
        cookie = test_isolation(procs_c, c, b)
        test_disabled_while_open(procs_c, c, cookie)
        test_rate_limit_across_processes(procs, owner, a)
    finally:
        for p in procs_all:
            p.stop()
        subprocess.run([PORTAL, "--db", owner, "host", "limit", "0"], timeout=60)
        shutil.rmtree(work, ignore_errors=True)
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
