"""Files only the program's user may read: the store, its -wal and -shm, its copies, the
password file.

The modes are set explicitly (``os.open`` with the mode, then ``chmod``), so a permissive
umask cannot widen them. SQLite gives the -wal, -shm and journal files the mode of the
database file they belong to, so a store file created 0600 keeps its companions 0600 too.
On Windows the mode bits mean nothing: there the data folder is in the user's own profile
(``%LOCALAPPDATA%``), which other users of the PC cannot open.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700
_COMPANIONS = ("-wal", "-shm", "-journal")


def private_database(path: Path) -> None:
    """Before SQLite opens ``path``: create it empty and 0600 if missing (an empty file is a
    new database to SQLite), else narrow it and its companions to 0600. A failure is left
    for SQLite's own opening to report, as the store's fault it is."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        descriptor = os.open(path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE)
        try:
            os.fchmod(descriptor, PRIVATE_FILE)
        finally:
            os.close(descriptor)
        for suffix in _COMPANIONS:
            with contextlib.suppress(FileNotFoundError):
                path.with_name(path.name + suffix).chmod(PRIVATE_FILE)


def private_folder(path: Path) -> None:
    """Narrow a folder the program made to 0700 (its parents are left as they are)."""
    if os.name == "posix":
        path.chmod(PRIVATE_FOLDER)
