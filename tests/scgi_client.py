# SPDX-License-Identifier: MIT
"""SCGI as a web server speaks it to a resident portal.cgi: the request's
netstring, reading the whole answer, and splitting the CGI answer
("Status: ..." then headers) into its parts. Shared by the HTTP tests
(tests/cgi/test_http.py) and the PostgreSQL web test
(tests/pg/test_pg_web.py)."""


def netstring(pairs):
    """The SCGI header block of (name, value) pairs."""
    head = b"".join(k.encode() + b"\0" + v.encode() + b"\0" for k, v in pairs)
    return str(len(head)).encode() + b":" + head + b","


def read_all(s):
    """Everything the socket `s` sends until it closes."""
    out = b""
    while True:
        d = s.recv(65536)
        if not d:
            return out
        out += d


def split_cgi_answer(raw):
    """(status, headers by lower-case name, body bytes); status 0 if none."""
    head, _, body = raw.partition(b"\r\n\r\n")
    headers, status = {}, 0
    for line in head.decode("utf-8", "replace").split("\r\n"):
        name, _, value = line.partition(": ")
        if name == "Status":
            status = int(value.split()[0])
        elif name:
            headers[name.lower()] = value
    return status, headers, body
