"""The central password's file when the platform has no credential store: libpq's own
password-file format (``host:port:database:user:password``, ``\\`` escaping ``:`` and
``\\``), in the data folder, readable by the program's user only (0600).

libpq's format rather than one of our own: IT staff know it, ``psql`` can use the file
as it is (``PGPASSFILE``), and migration 0007 writes the password it takes out of an
older store's URL here without needing the program above the store.
"""

from __future__ import annotations

import os
from pathlib import Path

from psycopg.conninfo import conninfo_to_dict

from db.private_files import PRIVATE_FILE

PASSFILE = "central.pgpass"


def _fields(url: str) -> tuple[str, str, str, str]:
    info = conninfo_to_dict(url)
    return (
        str(info.get("host", "localhost")),
        str(info.get("port", "5432")),
        str(info.get("dbname", "")),
        str(info.get("user", "")),
    )


def _escaped(value: str) -> str:
    return value.replace("\\", "\\\\").replace(":", "\\:")


def _split(line: str) -> list[str]:
    fields, current, escaped = [], "", False
    for char in line:
        if escaped:
            current, escaped = current + char, False
        elif char == "\\":
            escaped = True
        elif char == ":":
            fields.append(current)
            current = ""
        else:
            current += char
    return [*fields, current]


def _lines(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []


def read_password(path: Path, url: str) -> str | None:
    """The password the file holds for the URL's account (exact match), if any."""
    wanted = list(_fields(url))
    for line in _lines(path):
        fields = _split(line)
        if len(fields) == 5 and fields[:4] == wanted:
            return fields[4]
    return None


def write_password(path: Path, url: str, password: str | None) -> None:
    """Set (or with None, remove) the URL's account's password; the file is rewritten whole,
    created 0600 whatever the umask, and removed when nothing is left in it."""
    wanted = list(_fields(url))
    kept = [line for line in _lines(path) if _split(line)[:4] != wanted]
    if password is not None:
        kept.append(":".join(_escaped(field) for field in [*wanted, password]))
    if not kept:
        path.unlink(missing_ok=True)
        return
    write_secret(path, "".join(f"{line}\n" for line in kept).encode("utf-8"))


def write_secret(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a private temporary file: the secret is never in a
    file another user could read, not even for a moment (``os.open`` with the mode, then
    ``fchmod``: the umask cannot widen it). Windows ignores the mode bits; there the data
    folder is in the user's own profile, which other users cannot read."""
    temporary = path.with_name(f".{path.name}.partial")
    temporary.unlink(missing_ok=True)
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, PRIVATE_FILE)
    with os.fdopen(descriptor, "wb") as file:
        file.write(data)
        file.flush()
        os.fsync(file.fileno())
    temporary.replace(path)
