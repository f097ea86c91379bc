"""Writing a file so that a crash, a power cut or a full disk leaves the old content or the new.

Settings, papers and exports all go through ``write_atomically``: the data is
written to a temporary file in the same folder (a rename is atomic only within
one file system), synced, renamed over the target, and the folder is synced so
that the rename itself survives a power cut. Python's standard library has no
such writer (``tempfile`` and ``os.replace`` are the parts); the third-party
ones (atomicwrites) are unmaintained, so the dozen lines live here.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(file: Path, data: bytes | str) -> Path:
    """Replace ``file`` with ``data`` (text is written as UTF-8 with ``\\n`` line ends)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    handle, temp_name = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(file)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    sync_folder(file.parent)
    return file


def sync_folder(folder: Path) -> None:
    """Make a rename or a new file in ``folder`` durable.

    POSIX keeps the rename in the folder's entry, which needs its own sync;
    Windows cannot open a folder this way and makes the rename durable itself.
    """
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        # Some file systems refuse to sync a folder; the data is synced already.
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
