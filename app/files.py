"""Writing a file so that a crash, a power cut or a full disk leaves the old content or the new.

Settings, papers and exports all go through ``write_atomically``: the data is
written to a temporary file in the same folder (a rename is atomic only within
one file system), synced, renamed over the target, and the folder is synced so
that the rename itself survives a power cut. Python's standard library has no
such writer (``tempfile`` and ``os.replace`` are the parts); the third-party
ones (atomicwrites) are unmaintained, so the dozen lines live here.

A full disk, a failing disk or a folder this account may not write to is raised
as ``FileNotWritten``: one sentence naming the file and what to do (exit code 6,
``app.failures``). It is still an ``OSError``, so a caller that says more about
the file it writes (``app.settings.storage``) goes on catching it as one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from pathlib import Path

from app.failures import StoreUnusable
from app.i18n import Message

DISK_FULL = Message(
    "{file}: không ghi được vì ổ đĩa đã đầy; tệp cũ (nếu có) vẫn còn nguyên. Cán bộ IT giải "
    "phóng dung lượng ổ đĩa rồi làm lại",
    "{file}: cannot be written, the disk is full; the old file (if any) is intact. IT staff "
    "free space on the disk, then do it again",
)
DISK_FAILED = Message(
    "{file}: không ghi được vì lỗi đọc ghi ổ đĩa; tệp cũ (nếu có) vẫn còn nguyên. Cán bộ IT "
    "kiểm tra ổ đĩa rồi làm lại",
    "{file}: cannot be written, the disk failed to read or write; the old file (if any) is "
    "intact. IT staff check the disk, then do it again",
)
FOLDER_READ_ONLY = Message(
    "{file}: không ghi được vì thư mục {folder} không cho phép ghi; cán bộ IT cho tài khoản "
    "này quyền ghi vào thư mục đó, hoặc chọn thư mục khác",
    "{file}: cannot be written, the folder {folder} may not be written to; IT staff give this "
    "account the right to write there, or choose another folder",
)
_NOT_WRITTEN = {
    errno.ENOSPC: DISK_FULL,
    errno.EDQUOT: DISK_FULL,
    errno.EIO: DISK_FAILED,
    errno.EROFS: FOLDER_READ_ONLY,
    errno.EACCES: FOLDER_READ_ONLY,
    errno.EPERM: FOLDER_READ_ONLY,
}


class FileNotWritten(StoreUnusable, OSError):
    """A file could not be written for a reason of the disk or the folder, not of the data."""

    def __init__(self, message: Message, error: OSError, file: Path) -> None:
        super().__init__(message, file=file, folder=file.parent)
        self.errno, self.strerror, self.filename = error.errno, error.strerror, str(file)


def write_atomically(file: Path, data: bytes | str) -> Path:
    """Replace ``file`` with ``data`` (text is written as UTF-8 with ``\\n`` line ends)."""
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        handle, temp_name = tempfile.mkstemp(
            prefix=f".{file.name}.", suffix=".tmp", dir=file.parent
        )
    except OSError as error:
        raise _not_written(error, file) from error
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(payload)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(file)
    except BaseException as error:
        temp.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _not_written(error, file) from error
        raise
    sync_folder(file.parent)
    return file


def _not_written(error: OSError, file: Path) -> OSError:
    """``FileNotWritten`` for a fault of the disk or the folder; any other error as it is
    (a name too long, a folder where the file should be: the caller's input)."""
    message = _NOT_WRITTEN.get(error.errno or 0)
    return error if message is None else FileNotWritten(message, error, file)


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
