# SPDX-License-Identifier: MIT
"""errors.py - every negative return code of libportal as a Python exception.

Each exception carries the code (the negative PORTAL_E* int), its name
("PORTAL_ENOTFOUND"), the library's message for the failure
(portal_errmsg) and, for invalid input, the field at fault
(portal_errfield). The class tells the kind of failure, so a caller
catches NotFound or RuleRefused rather than comparing numbers.
"""

OK = 0
ERROR = -1
ENOMEM = -2
EINVAL = -3
ENOTFOUND = -4
EDENIED = -5
ERULE = -6
ERATELIMIT = -7
ESTORE = -8
EIO = -9
ENOTDB = -10
EVERSION = -11
EEXISTS = -12

_NAMES = {
    ERROR: "PORTAL_ERROR", ENOMEM: "PORTAL_ENOMEM", EINVAL: "PORTAL_EINVAL",
    ENOTFOUND: "PORTAL_ENOTFOUND", EDENIED: "PORTAL_EDENIED", ERULE: "PORTAL_ERULE",
    ERATELIMIT: "PORTAL_ERATELIMIT", ESTORE: "PORTAL_ESTORE", EIO: "PORTAL_EIO",
    ENOTDB: "PORTAL_ENOTDB", EVERSION: "PORTAL_EVERSION", EEXISTS: "PORTAL_EEXISTS",
}


def code_name(code):
    """"PORTAL_ENOTFOUND" for -4; "PORTAL_E?<code>" for a code this binding does not know."""
    return _NAMES.get(code, f"PORTAL_E?{code}")


class PortalError(Exception):
    """A libportal call returned a negative code.

    code         the negative PORTAL_E* int
    name         its name, e.g. "PORTAL_ENOTFOUND"
    message      the library's one-line message (portal_errmsg)
    field        the field at fault for invalid input ("client.email"), else None
    description  the code's static description (portal_strerror)
    """

    def __init__(self, code, message, field=None, description=None):
        super().__init__(message)
        self.code = code
        self.name = code_name(code)
        self.message = message
        self.field = field
        self.description = description

    def __repr__(self):
        return f"{type(self).__name__}({self.name}, {self.message!r})"


class InternalError(PortalError):
    """PORTAL_ERROR: an unexpected failure inside the library."""


class OutOfMemory(PortalError):
    """PORTAL_ENOMEM."""


class InvalidInput(PortalError):
    """PORTAL_EINVAL: an argument or field value is invalid; see .field."""


class ImportProblems(InvalidInput):
    """An import found invalid rows and wrote nothing.

    problems  a list of dicts {"file", "line", "field", "message"}, one per problem
    records   how many records were read and valid
    """

    def __init__(self, code, message, field=None, description=None,
                 problems=(), records=0):
        super().__init__(code, message, field, description)
        self.problems = list(problems)
        self.records = records


class NotFound(PortalError):
    """PORTAL_ENOTFOUND: no such record, or not one this caller may see."""


class Denied(PortalError):
    """PORTAL_EDENIED: access denied (a hidden section, access turned off, a bad CSRF token)."""


class RuleRefused(PortalError):
    """PORTAL_ERULE: a business rule refused the operation."""


class RateLimited(PortalError):
    """PORTAL_ERATELIMIT: too many attempts; the message says when to try again."""


class StoreError(PortalError):
    """PORTAL_ESTORE: the database failed (read-only, locked, full, corrupt)."""


class PortalIOError(PortalError):
    """PORTAL_EIO: reading or writing a file failed."""


class NotADatabase(PortalError):
    """PORTAL_ENOTDB: the file is not a portal database."""


class NewerDatabase(PortalError):
    """PORTAL_EVERSION: the database was written by a newer libportal."""


class AlreadyExists(PortalError):
    """PORTAL_EEXISTS: the record already exists (e.g. an invoice number taken)."""


_CLASSES = {
    ERROR: InternalError, ENOMEM: OutOfMemory, EINVAL: InvalidInput,
    ENOTFOUND: NotFound, EDENIED: Denied, ERULE: RuleRefused,
    ERATELIMIT: RateLimited, ESTORE: StoreError, EIO: PortalIOError,
    ENOTDB: NotADatabase, EVERSION: NewerDatabase, EEXISTS: AlreadyExists,
}


def error_class(code):
    """The exception class for `code`; PortalError itself for an unknown one."""
    return _CLASSES.get(code, PortalError)
