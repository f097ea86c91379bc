"""What a support call asks first: which program, which catalogue, which store, which folder.

``motcua --version`` prints these facts and the About box shows them, from this one
place. Reading them changes nothing: the data folder is not created and an existing
store is read, never migrated (an older store is upgraded, with its backup, when the
program opens it for work: ``app.store_ops.open_store``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

from app.datadir import chosen_data_dir
from app.i18n import Message

if TYPE_CHECKING:
    from app.catalogue.model import Catalogue

APP_NAME = "motcua"
# Only when the package's metadata is missing (a frozen build that was not given it).
UNKNOWN = Message("không rõ", "unknown")

VERSION_LINE = Message("motcua {version}", "motcua {version}")
CATALOGUE_LINE = Message(
    "Danh mục thủ tục đang áp dụng: {version} (mã nội dung {hash})",
    "Procedure catalogue in force: {version} (content {hash})",
)
CATALOGUE_UNUSABLE = Message(
    "Danh mục thủ tục: không dùng được ({reason})",
    "Procedure catalogue: cannot be used ({reason})",
)
STORE_LINE = Message(
    "Kho hồ sơ: {path}, phiên bản lược đồ {revision}",
    "Dossier store: {path}, schema revision {revision}",
)
NO_STORE = Message(
    "Kho hồ sơ: chưa có (tạo khi chương trình mở lần đầu)",
    "Dossier store: none yet (created when the program first opens)",
)
STORE_UNREADABLE = Message(
    "Kho hồ sơ: {path}, không đọc được phiên bản lược đồ",
    "Dossier store: {path}, its schema revision cannot be read",
)
DATA_FOLDER_LINE = Message("Thư mục dữ liệu: {folder}", "Data folder: {folder}")


@dataclass(frozen=True)
class AboutFacts:
    version: str
    catalogue: str  # the catalogue line, already worded
    store: str  # the store line, already worded
    data_folder: Path

    def lines(self) -> list[str]:
        return [
            VERSION_LINE(version=self.version),
            self.catalogue,
            self.store,
            DATA_FOLDER_LINE(folder=self.data_folder),
        ]


def program_version() -> str:
    """The installed package's version (pyproject.toml's, kept in the frozen build too)."""
    try:
        return metadata.version(APP_NAME)
    except metadata.PackageNotFoundError:
        return UNKNOWN()


def about_facts(data_dir: Path | None = None, catalogue: Catalogue | None = None) -> AboutFacts:
    """The facts for ``data_dir`` (else the folder the environment names), worded in the
    chosen language; ``catalogue``: the one in use (the window's), else the shipped
    version in force today."""
    folder = chosen_data_dir(data_dir)
    return AboutFacts(
        version=program_version(),
        catalogue=_catalogue_line(catalogue),
        store=_store_line(folder),
        data_folder=folder,
    )


def _catalogue_line(catalogue: Catalogue | None) -> str:
    from app.catalogue.loader import CatalogueError, load_catalogue_for

    if catalogue is None:
        try:
            catalogue = load_catalogue_for(dt.date.today())
        except CatalogueError as error:
            return CATALOGUE_UNUSABLE(reason=str(error).splitlines()[0])
    return CATALOGUE_LINE(version=catalogue.version, hash=catalogue.short_hash)


def _store_line(folder: Path) -> str:
    from db.store import STORE_FILE

    path = folder / STORE_FILE
    if not path.is_file():
        return NO_STORE()
    revision = store_revision(path)
    if revision is None:
        return STORE_UNREADABLE(path=path)
    return STORE_LINE(path=path, revision=revision)


def store_revision(path: Path) -> str | None:
    """The schema revision of the store file at ``path``, read as it is (never migrated:
    an older store is upgraded, after its backup, when the program opens it for work);
    None when it cannot be read (damaged, not a store)."""
    from db.store_failure import StoreFailure
    from db.store_file import examine

    try:
        return examine(path).revision
    except StoreFailure:  # ``motcua store check`` is the one to say what is wrong
        return None
