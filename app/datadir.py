"""Where the counter keeps its own files (settings now, the dossier store later).

First source that gives a folder wins: the ``--data-dir`` option, then the
``MOTCUA_DATA_DIR`` environment variable (one variable set by the IT person
for every command and the window), then the per-user data folder of the
platform (``%LOCALAPPDATA%\\motcua`` on Windows, ``~/.local/share/motcua`` on
Linux), so a counter that was never configured still works.

A folder the program creates is 0700, and the platform's default one is narrowed to 0700
when an older version left it open: it holds citizens' data and the central password's
file. A folder IT staff named is left as they set it up (its files are 0600 all the same).
On Windows the folder is in the user's own profile, closed to other users.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import platformdirs

from app.i18n import Message, Refusal
from db.private_files import private_folder

APP_NAME = "motcua"
ENV_VAR = "MOTCUA_DATA_DIR"

NOT_A_FOLDER = Message(
    "{folder} (lấy từ {source}): đường dẫn này là một tệp chứ không phải thư mục; "
    "hãy chỉ định thư mục khác hoặc chuyển tệp đó đi",
    "{folder} (from {source}): exists but is not a folder; "
    "give another folder or move that file away",
)
CANNOT_CREATE = Message(
    "{folder} (lấy từ {source}): không tạo được thư mục ({reason}); "
    "hãy chỉ định một thư mục mà tài khoản này được quyền ghi",
    "{folder} (from {source}): cannot be created ({reason}); "
    "give a folder this account may write to",
)
USER_DATA_FOLDER = Message(
    "thư mục dữ liệu mặc định của người dùng", "the platform's user data folder"
)


class DataDirError(Refusal):
    """The data folder cannot be used; the message names the folder, its source and why."""


def default_data_dir() -> Path:
    # appauthor=False: no "motcua\motcua" nesting on Windows.
    return platformdirs.user_data_path(APP_NAME, appauthor=False)


def chosen_data_dir(option: Path | None) -> Path:
    """The data folder the options and environment name, without creating it."""
    return _choose(option, os.environ)[0]


def resolve_data_dir(option: Path | None, environ: Mapping[str, str] | None = None) -> Path:
    """The data folder (absolute), created with its parents if it does not exist yet."""
    folder, source = _choose(option, os.environ if environ is None else environ)
    if folder.exists() and not folder.is_dir():
        raise DataDirError(NOT_A_FOLDER, folder=folder, source=source)
    try:
        created = not folder.exists()
        folder.mkdir(parents=True, exist_ok=True)
        if created or source is USER_DATA_FOLDER:
            private_folder(folder)
    except OSError as error:
        raise DataDirError(
            CANNOT_CREATE, folder=folder, source=source, reason=error.strerror
        ) from error
    return folder


def _choose(option: Path | None, environ: Mapping[str, str]) -> tuple[Path, str | Message]:
    if option is not None:
        return _absolute(option), "--data-dir"
    # An empty variable counts as unset: that is how it is cleared in a .bat file.
    from_env = environ.get(ENV_VAR, "").strip()
    if from_env:
        return _absolute(Path(from_env)), ENV_VAR
    return default_data_dir(), USER_DATA_FOLDER


def _absolute(folder: Path) -> Path:
    # "~" is expanded here too: a value set in a service file is not seen by a shell.
    return folder.expanduser().absolute()
