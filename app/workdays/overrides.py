"""The override table: announced days off and swapped working days.

The ``holidays`` package knows the statutory holidays and the swaps announced
before its release. Anything announced later (or a correction to it) lives in
a small TOML table shipped with the program, and the central database will
distribute further entries; both go through the same checks here, so a bad
entry is refused with the file, the entry and the rule it breaks.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from app.datafiles import DataError, DataProblem, parse_toml, read_toml

FORMAT = 1
_TOP_KEYS = {"format", "version", "override"}
_REQUIRED_KEYS = ("date", "kind", "name", "source")
_ENTRY_KEYS = {*_REQUIRED_KEYS, "swap_with"}


class OverrideKind(StrEnum):
    DAY_OFF = "day-off"  # ngày nghỉ (hoán đổi hoặc nghỉ thêm)
    WORKING_DAY = "working-day"  # ngày làm việc (thường là thứ Bảy làm bù)


@dataclass(frozen=True)
class OverrideEntry:
    """One announced change to the ordinary calendar."""

    date: dt.date
    kind: OverrideKind
    name: str  # Vietnamese name or reason, shown in explanations
    source: str  # the legal text that announced it
    # The other day of a swap: a day off names the Saturday worked for it and
    # vice versa; None for a day off that is not paid back.
    swap_with: dt.date | None = None


@dataclass(frozen=True)
class OverrideTable:
    origin: str  # where the entries came from (file path or feed name), for messages
    version: str
    entries: tuple[OverrideEntry, ...]


# The file (or feed), the entry (e.g. "override[2] (2026-01-10)"; empty for the
# whole file) and the rule it breaks.
OverrideProblem = DataProblem


class OverrideError(DataError):
    """The override table cannot be used; ``problems`` says exactly why."""

    what = "the working-day override table"


def shipped_overrides_path() -> Path:
    return Path(str(resources.files("app.workdays") / "data" / "overrides.toml"))


def load_shipped_overrides() -> OverrideTable:
    return load_overrides(shipped_overrides_path())


def load_overrides(file: Path) -> OverrideTable:
    """Read and check an override file; raise ``OverrideError`` if it is bad."""
    problems: list[OverrideProblem] = []
    raw = read_toml(file, problems)
    if raw is None:
        raise OverrideError(problems)
    return table_from_data(raw, str(file))


def parse_overrides(text: str, origin: str) -> OverrideTable:
    """Check override TOML text from any source (file, central database)."""
    problems: list[OverrideProblem] = []
    raw = parse_toml(text, origin, problems)
    if raw is None:
        raise OverrideError(problems)
    return table_from_data(raw, origin)


def table_from_data(raw: Mapping[str, Any], origin: str) -> OverrideTable:
    """Check already-parsed data (a TOML document or the same shape from JSON)."""
    problems: list[OverrideProblem] = []

    def whole(rule: str) -> None:
        problems.append(OverrideProblem(origin, "", rule))

    for key in sorted(set(raw) - _TOP_KEYS):
        whole(f"unknown key '{key}' (allowed: {', '.join(sorted(_TOP_KEYS))})")
    if raw.get("format") != FORMAT:
        whole(f"'format' must be {FORMAT}")
    version = raw.get("version")
    if not isinstance(version, str) or not version.strip():
        whole("'version' must be a non-empty string")
        version = ""
    items = raw.get("override", [])
    if not isinstance(items, list):
        whole("'override' must be an array of tables ([[override]])")
        items = []

    entries: list[OverrideEntry] = []
    for index, item in enumerate(items):
        entry = _entry(item, origin, f"override[{index}]", problems)
        if entry is not None:
            entries.append(entry)
    if problems:
        raise OverrideError(problems)
    check_entries(entries, origin)
    return OverrideTable(origin, version, tuple(entries))


def check_entries(entries: Iterable[OverrideEntry], origin: str) -> None:
    """Rules across entries: one entry a day, and both halves of every swap present.

    Entries built in code (e.g. from a central database feed) go through this
    too, so every source obeys the same rules as the shipped file.
    """
    problems: list[OverrideProblem] = []
    by_date: dict[dt.date, OverrideEntry] = {}
    listed = list(entries)
    for index, entry in enumerate(listed):
        label = f"override[{index}] ({entry.date.isoformat()})"
        if entry.date in by_date:
            problems.append(OverrideProblem(origin, label, "a second entry for the same date"))
        by_date[entry.date] = entry
    for index, entry in enumerate(listed):
        label = f"override[{index}] ({entry.date.isoformat()})"
        if entry.swap_with is None:
            if entry.kind is OverrideKind.WORKING_DAY and entry.date.weekday() >= 5:
                # A worked weekend day that gives no day off in return is a
                # swap with its other half missing, not a rule we can apply.
                problems.append(
                    OverrideProblem(origin, label, "a working weekend day needs 'swap_with'")
                )
            continue
        if entry.swap_with == entry.date:
            problems.append(OverrideProblem(origin, label, "'swap_with' is the entry's own date"))
            continue
        partner = by_date.get(entry.swap_with)
        if partner is None:
            problems.append(
                OverrideProblem(
                    origin,
                    label,
                    f"'swap_with' = {entry.swap_with.isoformat()} has no entry of its own",
                )
            )
        elif partner.kind is entry.kind or partner.swap_with != entry.date:
            problems.append(
                OverrideProblem(
                    origin,
                    label,
                    f"the entry for {entry.swap_with.isoformat()} must be of the other kind "
                    f"and have swap_with = {entry.date.isoformat()}",
                )
            )
    if problems:
        raise OverrideError(problems)


def _entry(
    item: object, origin: str, label: str, problems: list[OverrideProblem]
) -> OverrideEntry | None:
    if not isinstance(item, dict):
        problems.append(OverrideProblem(origin, label, "must be a table"))
        return None
    day = item.get("date")
    if isinstance(day, dt.date) and not isinstance(day, dt.datetime):
        label = f"{label} ({day.isoformat()})"
    before = len(problems)

    def bad(rule: str) -> None:
        problems.append(OverrideProblem(origin, label, rule))

    for key in sorted(set(item) - _ENTRY_KEYS):
        bad(f"unknown key '{key}' (allowed: {', '.join(sorted(_ENTRY_KEYS))})")
    for key in _REQUIRED_KEYS:
        if key not in item:
            bad(f"'{key}' is missing")
    if "date" in item and not _is_date(day):
        bad("'date' must be a TOML date such as 2026-01-02 (no time, no quotes)")
    swap_with = item.get("swap_with")
    if swap_with is not None and not _is_date(swap_with):
        bad("'swap_with' must be a TOML date such as 2026-01-10 (no time, no quotes)")
    kind = item.get("kind")
    allowed = [k.value for k in OverrideKind]
    if "kind" in item and kind not in allowed:
        bad(f"'kind' must be one of {', '.join(allowed)}")
    for key in ("name", "source"):
        value = item.get(key)
        if key not in item:
            continue
        if not isinstance(value, str) or not value.strip():
            bad(f"'{key}' must be a non-empty string")
        elif unicodedata.normalize("NFC", value) != value:
            bad(f"'{key}' must be Unicode NFC (composed Vietnamese letters)")
    if len(problems) > before or not isinstance(kind, str):
        return None
    return OverrideEntry(
        date=item["date"],
        kind=OverrideKind(kind),
        name=item["name"],
        source=item["source"],
        swap_with=swap_with,
    )


def _is_date(value: object) -> bool:
    # tomllib gives datetime for "2026-01-02 00:00"; a datetime is a date subclass.
    return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
