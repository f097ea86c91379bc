"""The catalogue versions and the working-day overrides a counter uses: what the program
ships, and what the centre published (``motcua central publish …``) and sync brought.

Every publication is checked on the counter with the rules the shipped files obey
(``app.catalogue.loader.catalogue_from_files``, ``app.workdays.parse_overrides``): one
that fails here (written for a newer program, or damaged) is not used and is reported in
``ReferenceData.unusable``, never raised, so the counter goes on with what it has. The
shipped files stay the fallback: a version the centre publishes under a shipped version's
id replaces it, another id is one more version; the version in force on a day is the one
with the latest ``valid_from`` on or before it. The centre's override table, when it has a
usable one, replaces the shipped one.

A version is checked once per content (by its hash) in a process: reading the
publications again after each sync round does not parse the TOML again.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.catalogue.loader import (
    CatalogueError,
    NoCatalogueInForce,
    catalogue_from_files,
    content_hash,
    load_catalogue,
    read_catalogue_files,
    shipped_catalogue_dir,
    version_folders,
)
from app.catalogue.model import Catalogue, CatalogueOrigin
from app.datafiles import DataError, DataProblem
from app.i18n import Message
from app.workdays import (
    OverrideEntry,
    OverrideTable,
    WorkCalendar,
    load_shipped_overrides,
    parse_overrides,
)
from db.store_name import STORE_FILE
from db.sync.reference_file import Publication, publications_in

if TYPE_CHECKING:
    from db.store import Store

CATALOGUE = "catalogue"  # the kinds of reference item (db.central.reference_data)
HOLIDAYS = "holidays"
HOLIDAYS_KEY = "overrides"
KINDS = (CATALOGUE, HOLIDAYS)
CENTRE = "centre"  # how a publication is named in its problems: centre/<kind>/<key>/<file>

UNUSABLE_CATALOGUE = Message(
    "Danh mục thủ tục {key} do trung tâm ban hành không dùng được ở phiên bản chương trình"
    " này (cần cập nhật chương trình); quầy tiếp tục dùng danh mục đang có",
    "The procedure catalogue {key} the centre published cannot be used by this version of"
    " the program (update the program); the counter goes on with the catalogue it has",
)
UNUSABLE_HOLIDAYS = Message(
    "Bảng ngày nghỉ, ngày làm bù do trung tâm ban hành không dùng được ở phiên bản chương"
    " trình này (cần cập nhật chương trình); quầy tiếp tục dùng bảng đi kèm chương trình",
    "The table of days off and swapped working days the centre published cannot be used by"
    " this version of the program (update the program); the counter goes on with the one"
    " shipped with the program",
)
# Rules of a publication's form, worded as the loader's rules are (file, path, rule).
NOT_A_PUBLICATION = "not in the form of a publication"
HASH_MISMATCH = "the content does not match its published hash"
IN_USE = Message(
    "Danh mục đang dùng: {version} ({short_hash}, {origin}); bảng ngày nghỉ: {holidays} ({where})",
    "Catalogue in use: {version} ({short_hash}, {origin}); days-off table: {holidays} ({where})",
)
ORIGINS = {
    CatalogueOrigin.SHIPPED: Message("đi kèm chương trình", "shipped with the program"),
    CatalogueOrigin.CENTRE: Message("do trung tâm ban hành", "published by the centre"),
}


@dataclass(frozen=True)
class Unusable:
    """A publication of the centre this program cannot use, and why (file, path, rule)."""

    kind: str
    key: str
    version: int  # the centre's version of the item
    problems: tuple[DataProblem, ...]

    def sentence(self) -> str:
        template = UNUSABLE_CATALOGUE if self.kind == CATALOGUE else UNUSABLE_HOLIDAYS
        return template(key=self.key)


@dataclass(frozen=True)
class ReferenceData:
    """What the counter evaluates and counts days with, from the shipped files and the
    centre's publications."""

    catalogues: tuple[Catalogue, ...]  # every usable version, oldest valid_from first
    overrides: OverrideTable
    overrides_origin: CatalogueOrigin
    unusable: tuple[Unusable, ...] = ()
    root: Path = field(default_factory=shipped_catalogue_dir)  # named when none is in force

    def catalogue_for(self, day: dt.date) -> Catalogue:
        """The version in force on ``day``: the latest ``valid_from`` on or before it (the
        centre's first when both have the same); ``NoCatalogueInForce`` when none is."""
        in_force = [c for c in self.catalogues if c.manifest.valid_from <= day]
        if not in_force:
            raise NoCatalogueInForce(self.root, day)
        return max(in_force, key=_precedence)

    @property
    def calendar(self) -> WorkCalendar:
        return _calendar(self.overrides)

    def in_use(self, day: dt.date) -> str:
        """One line: the catalogue version of ``day`` (id, short hash, origin) and the
        override table's version and origin."""
        try:
            catalogue = self.catalogue_for(day)
        except NoCatalogueInForce:
            version, short_hash, origin = "—", "—", ORIGINS[CatalogueOrigin.SHIPPED]
        else:
            version, short_hash = catalogue.version, catalogue.short_hash
            origin = ORIGINS[catalogue.origin]
        return IN_USE(
            version=version,
            short_hash=short_hash,
            origin=origin,
            holidays=self.overrides.version,
            where=ORIGINS[self.overrides_origin],
        )

    def as_dict(self, day: dt.date) -> dict[str, Any]:
        """What is in use on ``day`` and what the centre published that cannot be, as JSON."""
        try:
            catalogue: Catalogue | None = self.catalogue_for(day)
        except NoCatalogueInForce:
            catalogue = None
        return {
            "catalogue": None
            if catalogue is None
            else {
                "version": catalogue.version,
                "content_hash": catalogue.content_hash,
                "origin": str(catalogue.origin),
                "valid_from": catalogue.manifest.valid_from.isoformat(),
            },
            "holidays": {
                "version": self.overrides.version,
                "origin": str(self.overrides_origin),
            },
            "unusable": [
                {
                    "kind": item.kind,
                    "key": item.key,
                    "version": item.version,
                    "problems": [str(problem) for problem in item.problems],
                }
                for item in self.unusable
            ],
        }


def _precedence(catalogue: Catalogue) -> tuple[dt.date, bool]:
    return catalogue.manifest.valid_from, catalogue.origin is CatalogueOrigin.CENTRE


def reference_data_of(store: Store, root: Path | None = None) -> ReferenceData:
    """The counter's reference data, with what the store holds of the centre's."""
    from db.sync.reference_items import publications  # the store is open: its stack is loaded

    return reference_data(publications(store, KINDS), root)


def reference_data_at(data_dir: Path | None, root: Path | None = None) -> ReferenceData:
    """The same for a command that does not open the store: its file read-only (none: the
    shipped data only), with SQLite alone: ``motcua due``, ``catalog`` and ``check`` load
    neither SQLAlchemy nor the models (issue 19)."""
    found = [] if data_dir is None else publications_in(data_dir / STORE_FILE, KINDS)
    return reference_data(found, root)


def reference_data(published: Iterable[Publication], root: Path | None = None) -> ReferenceData:
    """The shipped versions (their folders under ``root``; a bad one is a ``CatalogueError``:
    the program never starts on a guess) with the centre's usable publications on top."""
    root = root or shipped_catalogue_dir()
    by_id = {catalogue.version: catalogue for catalogue in shipped_catalogues(root)}
    overrides, overrides_origin = load_shipped_overrides(), CatalogueOrigin.SHIPPED
    unusable: list[Unusable] = []
    for item in published:
        try:
            if item.kind == CATALOGUE:
                catalogue = _centre_catalogue(item)
                by_id[catalogue.version] = catalogue
            elif item.kind == HOLIDAYS and item.key == HOLIDAYS_KEY:
                overrides, overrides_origin = _centre_overrides(item), CatalogueOrigin.CENTRE
        except DataError as error:
            unusable.append(Unusable(item.kind, item.key, item.version, tuple(error.problems)))
    versions = sorted(by_id.values(), key=_precedence)
    return ReferenceData(tuple(versions), overrides, overrides_origin, tuple(unusable), root)


def shipped_catalogues(root: Path | None = None) -> list[Catalogue]:
    """Every version folder under ``root`` (default: the program's), each checked once per
    content."""
    return [_checked_folder(folder) for folder in version_folders(root or shipped_catalogue_dir())]


# Checked content, by its hash and origin: a version is parsed once per process.
_CHECKED: dict[tuple[str, CatalogueOrigin], Catalogue | CatalogueError] = {}
_CALENDARS: dict[tuple[OverrideEntry, ...], WorkCalendar] = {}


def _checked_folder(folder: Path) -> Catalogue:
    problems: list[DataProblem] = []
    files = read_catalogue_files(folder, problems)
    if problems:
        # A file that cannot be read: the loader names it with every other problem.
        return load_catalogue(folder)
    key = (content_hash(files), CatalogueOrigin.SHIPPED)
    checked = _CHECKED.get(key)
    if not isinstance(checked, Catalogue):
        # The files already read are checked as they are: the folder is not read twice.
        checked = _CHECKED[key] = catalogue_from_files(files, str(folder))
    return checked


def _centre_catalogue(item: Publication) -> Catalogue:
    """The centre's version, checked as a folder is; ``CatalogueError`` when it fails."""
    origin = f"{CENTRE}/{CATALOGUE}/{item.key}"
    payload = _payload(item, origin)
    files = payload.get("files")
    if not (
        isinstance(files, dict)
        and all(isinstance(k, str) and isinstance(v, str) for k, v in files.items())
    ):
        raise CatalogueError([DataProblem(origin, "files", NOT_A_PUBLICATION)])
    found = content_hash(files)
    if found != payload.get("content_hash"):
        raise CatalogueError([DataProblem(origin, "content_hash", HASH_MISMATCH)])
    key = (found, CatalogueOrigin.CENTRE)
    if key not in _CHECKED:
        try:
            _CHECKED[key] = catalogue_from_files(files, origin, CatalogueOrigin.CENTRE)
        except CatalogueError as error:
            _CHECKED[key] = error
    checked = _CHECKED[key]
    if isinstance(checked, CatalogueError):
        raise checked
    return checked


def _centre_overrides(item: Publication) -> OverrideTable:
    origin = f"{CENTRE}/{HOLIDAYS}/{item.key}"
    payload = _payload(item, origin)
    text = payload.get("text")
    if not isinstance(text, str):
        raise DataError([DataProblem(origin, "text", NOT_A_PUBLICATION)])
    if overrides_hash(text) != payload.get("content_hash"):
        raise DataError([DataProblem(origin, "content_hash", HASH_MISMATCH)])
    return parse_overrides(text, origin)


def overrides_hash(text: str) -> str:
    """The content hash of an override table's text (what is published with it)."""
    return content_hash({"overrides.toml": text})


def _payload(item: Publication, origin: str) -> dict[str, Any]:
    try:
        payload = json.loads(item.payload)
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        raise DataError([DataProblem(origin, "", NOT_A_PUBLICATION)])
    return payload


def _calendar(table: OverrideTable) -> WorkCalendar:
    """One calendar per override table (building one reads the ``holidays`` tables)."""
    calendar = _CALENDARS.get(table.entries)
    if calendar is None:
        calendar = _CALENDARS[table.entries] = WorkCalendar(table.entries)
    return calendar
