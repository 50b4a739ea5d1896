#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""test_origin.py - the Origin check of portal.cgi behind Debian's nginx.

Debian 12's nginx, with fcgiwrap running portal.cgi, passes the Host as
`$host`: without its port (the HTTP_HOST of /etc/nginx/fastcgi_params).
A second server of the same nginx ends TLS and proxies to the first, as
a TLS-terminating proxy in front of the portal does: the portal then
hears of HTTPS only through X-Forwarded-Proto. Checked through both,
with the demo shop and a fixed clock:

- a lookup and the chat page's own "Mark as read" POST, each with the
  Origin a browser sends, are answered as forms (303), straight to nginx
  and through the proxy once the shop names it as its trusted_proxy;
- through a proxy the shop does not name, or with another site's Origin,
  the answer is 403 with the portal's sentence, and nothing changed;
- the shop's portal_url is an origin accepted whatever the Host says.

    python3 test_origin.py PORTAL_BINARY PORTAL_CGI

nginx and fcgiwrap run as this script's own processes on 127.0.0.1,
each in a session of its own, from a temporary configuration, and are
stopped by their PIDs (with whatever they started). With
PORTAL_TEST_PG in the environment (tests/pg_env.sh) the demo shop is a
shop of that PostgreSQL database. SHOP_TOOL (tests/shop_tool.c) reads
the shop beside the server. Prints "N passed, M failed"; exits non-zero
on any failure.
"""
import hashlib
import http.client
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import test_http as H  # noqa: E402
from test_http import CGI, NOW, PG, PORTAL, SHOP_TOOL, Answer, check, free_port  # noqa: E402

NGINX = os.environ.get("PORTAL_NGINX", "/usr/sbin/nginx")
FCGIWRAP = os.environ.get("PORTAL_FCGIWRAP", "/usr/sbin/fcgiwrap")
FASTCGI_PARAMS = "/etc/nginx/fastcgi_params"
FOREIGN = "This form was sent from another site, so nothing was changed."

def wait_for(path_or_port, proc, what):
    deadline = time.time() + 20
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} ended: {proc.stderr.read()}")
        try:
            if isinstance(path_or_port, int):
                socket.create_connection(("127.0.0.1", path_or_port), timeout=1).close()
                return
            if os.path.exists(path_or_port):
                return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not listen in time")


def stop(proc):
    """SIGTERM to the process group its PID leads (it was started in a
    session of its own, so the group is its own and its children's),
    SIGKILL when it will not go."""
    if proc is None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=10)
    except ProcessLookupError:
        proc.wait()
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


class Servers:
    """The demo shop, fcgiwrap, and nginx: `port` runs portal.cgi as Debian
    configures it, `tls_port` ends TLS and proxies to `port`."""

    def __init__(self, work):
        self.work = work
        self.db = PG or os.path.join(work, "portal.db")
        self.shop = f"origin{os.getpid()}" if PG else None
        self.target = ["--db", self.db] + (["--shop", self.shop] if PG else [])
        self.env = dict(os.environ, PORTAL_NOW=NOW)
        self.port, self.tls_port = free_port(), free_port()
        self.socket = os.path.join(work, "fcgiwrap.sock")
        self.fcgiwrap = self.nginx = None
        self.cli("demo")

    def cli(self, *args):
        r = subprocess.run([PORTAL, *self.target, *args], env=self.env,
                           capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise RuntimeError(f"portal {' '.join(args)}: {r.stderr}")
        return r

    def shop_params(self):
        params = {"PORTAL_DB": self.db, "PORTAL_NOW": NOW}
        if PG:
            params["PORTAL_SHOP"] = self.shop
        return "".join(f"            fastcgi_param {k} \"{v}\";\n" for k, v in params.items())

    def config(self):
        w = self.work
        temp = "".join(f"    {kind}_temp_path {w}/{kind};\n" for kind in
                       ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        return f"""daemon off;
master_process off;
pid {w}/nginx.pid;
error_log {w}/error.log warn;
events {{ worker_connections 64; }}
http {{
    access_log off;
{temp}
    server {{
        listen 127.0.0.1:{self.port};
        client_max_body_size 64k;
        location / {{
            include {FASTCGI_PARAMS};
            # What Debian 12's fastcgi_params says: the Host without its port.
            fastcgi_param HTTP_HOST $host;
            fastcgi_param SCRIPT_FILENAME {CGI};
{self.shop_params()}            fastcgi_pass unix:{self.socket};
        }}
    }}
    server {{
        listen 127.0.0.1:{self.tls_port} ssl;
        ssl_certificate {w}/cert.pem;
        ssl_certificate_key {w}/key.pem;
        location / {{
            proxy_pass http://127.0.0.1:{self.port};
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_set_header X-Forwarded-Host $host:$server_port;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
        }}
    }}
}}
"""

    def start(self):
        for tool in (NGINX, FCGIWRAP, FASTCGI_PARAMS):
            if not os.path.exists(tool):
                raise RuntimeError(f"{tool} is missing: scripts/setup-deps installs "
                                   "nginx-light and fcgiwrap")
        subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-subj", "/CN=127.0.0.1", "-days", "2",
                        "-keyout", os.path.join(self.work, "key.pem"),
                        "-out", os.path.join(self.work, "cert.pem")],
                       capture_output=True, timeout=60, check=True)
        conf = os.path.join(self.work, "nginx.conf")
        with open(conf, "w") as f:
            f.write(self.config())
        self.fcgiwrap = subprocess.Popen([FCGIWRAP, "-s", "unix:" + self.socket],
                                         env=self.env, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.PIPE, text=True,
                                         start_new_session=True)
        wait_for(self.socket, self.fcgiwrap, "fcgiwrap")
        self.nginx = subprocess.Popen([NGINX, "-p", self.work, "-c", conf,
                                       "-e", os.path.join(self.work, "error.log")],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                      text=True, start_new_session=True)
        wait_for(self.port, self.nginx, "nginx")
        wait_for(self.tls_port, self.nginx, "nginx")

    def stop(self):
        stop(self.nginx)
        stop(self.fcgiwrap)

    def request(self, method, path, body=None, cookie=None, headers=None, tls=False):
        port = self.tls_port if tls else self.port
        h = {"Host": f"127.0.0.1:{port}"}
        if cookie:
            h["Cookie"] = cookie
        if body is not None:
            h["Content-Type"] = "application/x-www-form-urlencoded"
        h.update(headers or {})
        if tls:
            conn = http.client.HTTPSConnection("127.0.0.1", port, timeout=20,
                                               context=ssl._create_unverified_context())
        else:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        for k, v in h.items():
            conn.putheader(k, v)
        data = body.encode() if body is not None else None
        if data is not None:
            conn.putheader("Content-Length", str(len(data)))
        conn.endheaders(data)
        r = conn.getresponse()
        a = Answer(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
        conn.close()
        return a

    def fingerprint(self):
        return hashlib.sha256(subprocess.run(
            [SHOP_TOOL, "dump", self.db, self.shop or "-"],
            capture_output=True, timeout=30, check=True).stdout).hexdigest()


def session_cookie(a):
    m = re.match(r"(__Host-portal=[A-Za-z0-9_-]{43});", a.header("Set-Cookie") or "")
    return m.group(1) if m else None


def csrf_of(a):
    m = re.search(r'name="csrf" value="([A-Za-z0-9_-]{43})"', a.text())
    return m.group(1) if m else None


def accepted(s, what, origin, tls=False, host=None):
    """A lookup and the chat's "Mark as read" with `origin`: both answered."""
    headers = {"Origin": origin}
    if host:
        headers["Host"] = host
    a = s.request("POST", "/session", urlencode({"invoice": "10014", "house": "63"}),
                  headers=headers, tls=tls)
    check(f"{what}: the lookup is 303 to the portal", a.status == 303 and
          a.header("Location") == "/portal", f"{a.status} {a.header('Location')} "
          f"{a.text()[:300]}")
    cookie = session_cookie(a)
    check(f"{what}: the lookup sets the cookie", cookie is not None)
    page = s.request("GET", "/portal/chat", cookie=cookie, tls=tls,
                     headers={"Host": host} if host else None)
    csrf = csrf_of(page)
    check(f"{what}: the chat page carries its token", csrf is not None, page.status)
    a = s.request("POST", "/portal/chat/read", urlencode({"csrf": csrf or "", "up_to": ""}),
                  cookie=cookie, headers=headers, tls=tls)
    check(f"{what}: Mark as read is 303", a.status == 303 and
          a.header("Location") == "/portal/chat?done=read",
          f"{a.status} {a.header('Location')} {a.text()[:300]}")
    return cookie, csrf


def refused(s, what, origin, cookie, csrf, tls=False):
    """The same two POSTs with `origin`: 403, the sentence, nothing changed."""
    before = s.fingerprint()
    a = s.request("POST", "/session", urlencode({"invoice": "10014", "house": "63"}),
                  headers={"Origin": origin}, tls=tls)
    check(f"{what}: the lookup is 403", a.status == 403, a.status)
    check(f"{what}: the lookup says why", FOREIGN in a.text(), a.text()[:300])
    check(f"{what}: the lookup sets no cookie", a.header("Set-Cookie") is None)
    a = s.request("POST", "/portal/chat/read", urlencode({"csrf": csrf or "", "up_to": ""}),
                  cookie=cookie, headers={"Origin": origin}, tls=tls)
    check(f"{what}: Mark as read is 403", a.status == 403, a.status)
    check(f"{what}: Mark as read says why", FOREIGN in a.text(), a.text()[:300])
    check(f"{what}: nothing changed", s.fingerprint() == before)


def test_host_without_its_port(s):
    origin = f"http://127.0.0.1:{s.port}"
    cookie, csrf = accepted(s, "nginx, $host", origin)
    accepted(s, "nginx, a host name in capitals", f"http://localhost:{s.port}",
             host=f"LOCALHOST:{s.port}")
    for evil in (f"http://127.0.0.1:{s.port}.evil.example", f"http://a@127.0.0.1:{s.port}",
                 f"http://127.0.0.1:{s.port}1", "http://127.0.0.1",
                 f"https://127.0.0.1:{s.port}", "http://evil.example"):
        refused(s, f"nginx, Origin {evil}", evil, cookie, csrf)


def test_behind_a_tls_proxy(s):
    origin = f"https://127.0.0.1:{s.tls_port}"
    # A proxy the shop has not named: its X-Forwarded-Proto is not believed.
    cookie, csrf = accepted(s, "straight to nginx", f"http://127.0.0.1:{s.port}")
    refused(s, "through a proxy the shop did not name", origin, cookie, csrf, tls=True)
    s.cli("shop", "set", "trusted_proxy", "127.0.0.1")
    accepted(s, "through the shop's trusted proxy", origin, tls=True)
    refused(s, "through the trusted proxy, another site", "https://evil.example",
            cookie, csrf, tls=True)
    # Anyone else saying X-Forwarded-Proto is not listened to.
    s.cli("shop", "set", "trusted_proxy", "10.0.0.2")
    refused(s, "through a proxy that is not the shop's", origin, cookie, csrf, tls=True)
    a = s.request("POST", "/session", urlencode({"invoice": "10014", "house": "63"}),
                  headers={"Origin": f"https://127.0.0.1:{s.port}",
                           "X-Forwarded-Proto": "https"})
    check("X-Forwarded-Proto from a client is ignored: 403",
          a.status == 403 and FOREIGN in a.text(), a.status)
    s.cli("shop", "set", "trusted_proxy", "")


def test_portal_url_is_the_authority(s):
    cookie, csrf = accepted(s, "before portal_url", f"http://127.0.0.1:{s.port}")
    refused(s, "the public address before it is set", "https://portal.example.test",
            cookie, csrf)
    s.cli("shop", "set", "portal_url", "https://portal.example.test")
    accepted(s, "portal_url, whatever the Host says", "https://portal.example.test")
    accepted(s, "portal_url, through an unnamed proxy", "https://portal.example.test",
             tls=True)
    refused(s, "portal_url set, another site", "https://evil.example", cookie, csrf)


def main():
    signal.alarm(200)
    work = tempfile.mkdtemp(prefix="portal-origin-")
    s = None
    try:
        s = Servers(work)
        if PG:
            print(f"the demo shop is {s.shop} on PostgreSQL")
        s.start()
        test_host_without_its_port(s)
        test_behind_a_tls_proxy(s)
        test_portal_url_is_the_authority(s)
    except Exception as e:  # a broken setup is a failure, never a pass
        check("the run", False, repr(e))
    finally:
        if s is not None:
            s.stop()
            log = os.path.join(work, "error.log")
            if H.failed and os.path.exists(log):
                print(open(log).read()[-2000:])
        shutil.rmtree(work, ignore_errors=True)
    print(f"{H.passed} passed, {H.failed} failed")
    return 1 if H.failed else 0


if __name__ == "__main__":
    sys.exit(main())
