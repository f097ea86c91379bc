"""What can go wrong with the store's file itself, told apart by what IT staff must do.

SQLite reports a damaged file, a full disk, a failing disk or a folder that
cannot be written with its own result codes; the store turns them into one
``StoreFailure`` naming the file and the kind of fault, so the program above
(``app.store_ops``) says one clear sentence and never shows a traceback or the
library's text. Any other database error (a unique key, a bug) is not a fault
of the file and passes through unchanged.
"""

from __future__ import annotations

import datetime as dt
import enum
import errno
import sqlite3
import sys
from pathlib import Path


class Fault(enum.Enum):
    DAMAGED = "damaged"  # not a whole SQLite database (malformed, not a database)
    FULL = "full"  # the disk (or the store's page limit) is full
    DISK = "disk"  # the disk could not be read or written (I/O error)
    UNWRITABLE = "unwritable"  # the file or its folder cannot be opened or written
    BUSY = "busy"  # another program held the store past the busy timeout
    UNVERIFIED = "unverified"  # a backup just written did not pass its check
    NEWER = "newer"  # written by a newer motcua, at a schema this one does not know
    HELD = "held"  # numbering from the reserve waits for the store to catch up


class StoreFailure(Exception):
    """The store's file cannot be used as it is; ``fault`` says why, ``path`` which file
    (None when raised inside a transaction: the store names its file as it passes)."""

    def __init__(self, fault: Fault, path: Path | None, detail: str = "") -> None:
        super().__init__(fault, path, detail)
        # The detail is for the log (an SQLite result name), never for the officer.
        self.fault, self.path, self.detail = fault, path, detail

    def __str__(self) -> str:
        detail = f" ({self.detail})" if self.detail else ""
        return f"{self.path}: {self.fault.value}{detail}"


class ReserveHeld(StoreFailure):
    """A restored or new store may not number from the counter's reserve until it knows
    which codes were issued before (the counter's record or a catch-up with the centre)."""

    def __init__(self, agency: str, day: dt.date) -> None:
        super().__init__(Fault.HELD, None, f"agency {agency}, {day:%Y-%m-%d}")
        self.agency, self.day = agency, day


# SQLite's primary result codes (https://www.sqlite.org/rescode.html).
_SQLITE_FAULTS = {
    3: Fault.UNWRITABLE,  # SQLITE_PERM
    5: Fault.BUSY,  # SQLITE_BUSY
    6: Fault.BUSY,  # SQLITE_LOCKED
    8: Fault.UNWRITABLE,  # SQLITE_READONLY
    10: Fault.DISK,  # SQLITE_IOERR
    11: Fault.DAMAGED,  # SQLITE_CORRUPT
    13: Fault.FULL,  # SQLITE_FULL
    14: Fault.UNWRITABLE,  # SQLITE_CANTOPEN
    26: Fault.DAMAGED,  # SQLITE_NOTADB
}
_OS_FAULTS = {
    errno.ENOSPC: Fault.FULL,
    errno.EDQUOT: Fault.FULL,
    errno.EIO: Fault.DISK,
    errno.EROFS: Fault.UNWRITABLE,
    errno.EACCES: Fault.UNWRITABLE,
    errno.EPERM: Fault.UNWRITABLE,
}


def failure_of(error: BaseException, path: Path) -> StoreFailure | None:
    """The store failure ``error`` is, or None when it is not a fault of the file."""
    if isinstance(error, StoreFailure):
        if error.path is None:
            error.path = path
        return error
    cause = _driver_error(error)
    if isinstance(cause, sqlite3.Error):
        code = getattr(cause, "sqlite_errorcode", None)
        fault = None if code is None else _SQLITE_FAULTS.get(code & 0xFF)
        if fault is None:
            return None
        return StoreFailure(fault, path, getattr(cause, "sqlite_errorname", ""))
    if isinstance(cause, OSError) and cause.errno in _OS_FAULTS:
        return StoreFailure(_OS_FAULTS[cause.errno], path, errno.errorcode.get(cause.errno, ""))
    return None


def _driver_error(error: BaseException) -> BaseException:
    """The SQLite (or OS) error under SQLAlchemy's wrapper, or ``error`` itself. SQLAlchemy
    is looked up, not imported: an error can only be its wrapper when it is loaded, and a
    store file read with sqlite3 alone (``db.store_file``, before the sign-in dialog shows)
    should not load it for this check (issue 19)."""
    exceptions = sys.modules.get("sqlalchemy.exc")
    if exceptions is not None and isinstance(error, exceptions.DBAPIError):
        original: BaseException = error.orig
        return original
    return error
