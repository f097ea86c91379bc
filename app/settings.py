"""The counter's settings: declared options, stored as ``settings.json`` in the data folder.

Each option is declared once in ``OPTIONS`` (name, type, default, Vietnamese and
English label, the rule a value must follow); the command line and, later, the
settings window are built from these declarations. The file carries
``"settings_version"``; a file written by an older program is brought up to
date by the numbered functions in ``UPGRADES``, applied in order, so that a
counter keeps its configuration across updates. docs/settings.md lists the
options.

Nothing is ever reset silently: a value that breaks its rule, or a file that is
not what this program writes, is refused with a message naming the option (or
the file) and what is wrong. Writing goes through a temporary file and an
atomic rename, so a power cut leaves either the old file or the new one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from app.dossier_code import AGENCY_CODE_PATTERN, BlockOutOfRange, SerialBlock, counter_block
from app.workdays import DueRule, OfficeHours, Session

SETTINGS_FILE = "settings.json"
VERSION_KEY = "settings_version"
SETTINGS_VERSION = 1

Value = str | int
# Turns the data of a file of version n - 1 into the data of version n.
Upgrade = Callable[[dict[str, Any]], dict[str, Any]]

# UPGRADES[n] upgrades a version n - 1 file to version n. Version 1 is the
# first, so there is nothing to upgrade yet; when an option is renamed or its
# meaning changes, bump SETTINGS_VERSION and add the step here.
UPGRADES: Mapping[int, Upgrade] = {}


class SettingError(ValueError):
    """A value breaks the rule of its option (or names no option)."""

    def __init__(self, name: str, rule: str, value: object = None) -> None:
        self.name = name
        self.rule = rule
        got = "" if value is None else f" (got {json.dumps(value, ensure_ascii=False)})"
        super().__init__(f"{name}: {rule}{got}")


class SettingsFileError(Exception):
    """``settings.json`` cannot be used; the message names the file and every problem."""

    def __init__(self, file: Path, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        if len(problems) == 1:
            super().__init__(f"{file}: {problems[0]}")
        else:
            super().__init__(f"{file}:\n" + "\n".join(f"  {problem}" for problem in problems))


# ------------------------------------------------------------------ value rules


_CLOCK = re.compile(r"([01]?\d|2[0-3]):([0-5]\d)")
# The same pattern the dossier code (<agency code>-<YYMMDD>-<NNNN>) is read with.
_AGENCY_CODE = re.compile(AGENCY_CODE_PATTERN)


def parse_clock(text: str) -> dt.time:
    """``HH:MM`` (``H:MM`` too) as a time; ValueError otherwise."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a time HH:MM: {text!r}")
    return dt.time(int(match[1]), int(match[2]))


def parse_sessions(text: str) -> tuple[Session, ...]:
    """``07:30-11:30,13:00-17:00`` as sessions; empty text is no session at all."""
    if not text.strip():
        return ()
    sessions: list[Session] = []
    for part in text.split(","):
        start, dash, end = part.partition("-")
        if not dash:
            raise ValueError(f"not a session HH:MM-HH:MM: {part!r}")
        # Session refuses a session that ends before it starts.
        session = Session(parse_clock(start), parse_clock(end))
        if sessions and session.start < sessions[-1].end:
            raise ValueError("sessions must be in order and must not overlap")
        sessions.append(session)
    return tuple(sessions)


def format_sessions(sessions: tuple[Session, ...]) -> str:
    return ",".join(f"{s.start:%H:%M}-{s.end:%H:%M}" for s in sessions)


def _agency_code(value: str) -> str:
    if value and (len(value) > 50 or not _AGENCY_CODE.fullmatch(value)):
        raise ValueError(value)
    return value


def _one_line(value: str) -> str:
    if len(value) > 200 or any(not char.isprintable() for char in value):
        raise ValueError(value)
    return value


def _names(value: str) -> str:
    """The local officer list until sign-in with passwords and roles arrives."""
    names = [" ".join(name.split()) for name in value.split(",") if name.strip()]
    if any(len(name) > 100 for name in names):
        raise ValueError("name too long")
    return ", ".join(names)


def officer_names(settings: Settings) -> list[str]:
    return [name for name in settings.officers.split(", ") if name]


def _whole_number(low: int, high: int) -> Callable[[int], int]:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise ValueError(value)
        return value

    return check


def _sessions(allow_none: bool) -> Callable[[str], str]:
    def check(value: str) -> str:
        sessions = parse_sessions(value)
        if not sessions and not allow_none:
            raise ValueError(value)
        # Stored in one spelling, whatever spacing or "7:30" was typed.
        return format_sessions(sessions)

    return check


def _clock(allow_empty: bool) -> Callable[[str], str]:
    def check(value: str) -> str:
        if allow_empty and not value:
            return value
        return f"{parse_clock(value):%H:%M}"

    return check


def _one_of(*choices: str) -> Callable[[str], str]:
    def check(value: str) -> str:
        if value not in choices:
            raise ValueError(value)
        return value

    return check


# ---------------------------------------------------------------------- options


@dataclass(frozen=True)
class Option:
    """One declared setting."""

    name: str
    kind: Literal["text", "int"]
    default: Value
    label_vi: str
    label_en: str
    rule: str  # what a value must be, as shown when one is refused
    # Returns the value in its stored spelling; raises ValueError when it breaks the rule.
    convert: Callable[[Any], Value]

    def label(self, language: str) -> str:
        return self.label_en if language == "en" else self.label_vi

    def from_text(self, text: str) -> Value:
        """A value typed by a person (command line, settings window)."""
        text = unicodedata.normalize("NFC", text.strip())
        if self.kind == "int":
            if not text.isascii() or not text.isdigit():
                raise SettingError(self.name, self.rule, text)
            return self.check(int(text))
        return self.check(text)

    def from_json(self, raw: object) -> Value:
        """A value read from ``settings.json``: it must already have the right JSON type."""
        if self.kind == "int":
            # bool is an int to Python, never to a person editing the file.
            if not isinstance(raw, int) or isinstance(raw, bool):
                raise SettingError(self.name, self.rule, raw)
            return self.check(raw)
        if not isinstance(raw, str):
            raise SettingError(self.name, self.rule, raw)
        return self.check(unicodedata.normalize("NFC", raw))

    def check(self, value: Value) -> Value:
        """The value in its stored spelling, or SettingError naming the rule."""
        if self.kind == "int":
            if not isinstance(value, int) or isinstance(value, bool):
                raise SettingError(self.name, self.rule, value)
        elif isinstance(value, str):
            value = str(value)  # a StrEnum member (DueRule) is stored as its plain value
        else:
            raise SettingError(self.name, self.rule, value)
        try:
            return self.convert(value)
        except ValueError as error:
            raise SettingError(self.name, self.rule, value) from error


# The papers a counter prints, each with its own paper size, copies and printer.
PAPER_KINDS = ("bm01", "bm02", "bm03", "form", "register")
_KIND_LABELS = {
    "bm01": ("BM 01", "BM 01"),
    "bm02": ("BM 02", "BM 02"),
    "bm03": ("BM 03", "BM 03"),
    "form": ("đơn đề nghị", "application forms"),
    "register": ("sổ theo dõi", "register"),
}
# Slips are A5 (Circular 01/2018); the application forms are A4 as the decision
# prints them. The register is always A4 landscape, so it has no paper option.
_DEFAULT_PAPER = {"bm01": "A5", "bm02": "A5", "bm03": "A5", "form": "A4"}


def _paper_options() -> tuple[Option, ...]:
    options: list[Option] = []
    for kind, paper in _DEFAULT_PAPER.items():
        vi, en = _KIND_LABELS[kind]
        options.append(
            Option(
                f"paper_{kind}",
                "text",
                paper,
                f"Khổ giấy in {vi}",
                f"Paper size for {en}",
                '"A5" or "A4"',
                _one_of("A5", "A4"),
            )
        )
    for kind in PAPER_KINDS:
        vi, en = _KIND_LABELS[kind]
        options.append(
            Option(
                f"copies_{kind}",
                "int",
                1,
                f"Số bản in {vi}",
                f"Copies of {en}",
                "a whole number from 1 to 20",
                _whole_number(1, 20),
            )
        )
    for kind in PAPER_KINDS:
        vi, en = _KIND_LABELS[kind]
        options.append(
            Option(
                f"printer_{kind}",
                "text",
                "",
                f"Máy in mặc định cho {vi}",
                f"Default printer for {en}",
                'a printer name as the system lists it ("" = the system\'s default printer)',
                _one_line,
            )
        )
    return tuple(options)


_SESSIONS_RULE = (
    "sessions HH:MM-HH:MM separated by commas, each ending after it starts, in order "
    "and not overlapping"
)

OPTIONS: tuple[Option, ...] = (
    Option(
        "agency_code",
        "text",
        "",
        "Mã định danh cơ quan",
        "Agency code",
        "an agency code of the national standard: groups of digits and capital letters "
        'separated by dots, e.g. 000.17.22.H56 ("" = not configured)',
        _agency_code,
    ),
    Option(
        "receiving_point",
        "text",
        "",
        "Điểm tiếp nhận",
        "Receiving point",
        "one line of text, at most 200 characters",
        _one_line,
    ),
    Option(
        "officers",
        "text",
        "",
        "Cán bộ tiếp nhận tại quầy (cách nhau bằng dấu phẩy)",
        "Officers of this counter (separated by commas)",
        "names separated by commas, each at most 100 characters",
        _names,
    ),
    Option(
        "counter_number",
        "int",
        1,
        "Số quầy",
        "Counter number",
        "a whole number from 1 to 99",
        _whole_number(1, 99),
    ),
    Option(
        "serial_block_size",
        "int",
        500,
        "Số hồ sơ dành sẵn cho mỗi quầy mỗi ngày",
        "Dossier serials reserved per counter per day",
        "a whole number from 1 to 9999",
        _whole_number(1, 9999),
    ),
    Option(
        "office_hours_weekday",
        "text",
        "07:30-11:30,13:00-17:00",
        "Giờ làm việc thứ Hai – thứ Sáu",
        "Office hours Monday–Friday",
        f"one or more {_SESSIONS_RULE}, e.g. 07:30-11:30,13:00-17:00",
        _sessions(allow_none=False),
    ),
    Option(
        "office_hours_saturday",
        "text",
        "",
        "Giờ tiếp nhận thứ Bảy (trống: không tiếp nhận)",
        "Saturday opening hours (empty: closed)",
        f'"" (closed on Saturdays) or {_SESSIONS_RULE}, e.g. 07:30-11:30',
        _sessions(allow_none=True),
    ),
    Option(
        "morning_cutoff",
        "text",
        "11:30",
        "Giờ chốt buổi sáng (trả kết quả trong ngày)",
        "Morning cut-off (same-day result)",
        "a time HH:MM, e.g. 11:30",
        _clock(allow_empty=False),
    ),
    Option(
        "afternoon_cutoff",
        "text",
        "",
        "Giờ chốt buổi chiều (trống: giờ kết thúc làm việc)",
        "Afternoon cut-off (empty: closing time)",
        '"" (the weekday closing time) or a time HH:MM, e.g. 16:30',
        _clock(allow_empty=True),
    ),
    Option(
        "due_rule",
        "text",
        str(DueRule.HOURS),
        "Cách tính ngày hẹn trả kết quả",
        "Due-date rule",
        " or ".join(f'"{rule}"' for rule in DueRule),
        _one_of(*DueRule),
    ),
    Option(
        "language",
        "text",
        "vi",
        "Ngôn ngữ",
        "Language",
        '"vi" or "en"',
        _one_of("vi", "en"),
    ),
    # ------------------------------------------------------------ printing
    # What the papers say about the agency (docs/printing.md).
    Option(
        "agency_name",
        "text",
        "",
        "Tên cơ quan (in trên giấy tờ)",
        "Agency name (printed on the papers)",
        "one line of text, at most 200 characters, e.g. Sở Giao thông vận tải Thành phố "
        'Hồ Chí Minh ("" = not configured; needed to print)',
        _one_line,
    ),
    Option(
        "parent_agency",
        "text",
        "",
        "Cơ quan chủ quản (dòng trên tên cơ quan, nếu có)",
        "Parent agency (line above the agency's name, if any)",
        'one line of text, at most 200 characters ("" = none)',
        _one_line,
    ),
    Option(
        "place_name",
        "text",
        "",
        "Địa danh ghi trước ngày tháng",
        "Place name before the date",
        "one line of text, at most 200 characters, e.g. Thành phố Hồ Chí Minh "
        '("" = not configured; needed to print)',
        _one_line,
    ),
    Option(
        "help_website",
        "text",
        "",
        "Trang thông tin hướng dẫn (BM 02, BM 03)",
        "Help website (BM 02, BM 03)",
        'one line of text, at most 200 characters ("" = left out)',
        _one_line,
    ),
    Option(
        "help_officer",
        "text",
        "",
        "Người/bộ phận hướng dẫn (BM 02, BM 03)",
        "Who helps applicants (BM 02, BM 03)",
        'one line of text, at most 200 characters ("" = a blank to fill in by hand)',
        _one_line,
    ),
    Option(
        "help_phone",
        "text",
        "",
        "Số điện thoại hướng dẫn (BM 02, BM 03)",
        "Help phone number (BM 02, BM 03)",
        'one line of text, at most 200 characters ("" = a blank to fill in by hand)',
        _one_line,
    ),
    *_paper_options(),
)
OPTIONS_BY_NAME: Mapping[str, Option] = {option.name: option for option in OPTIONS}


def option(name: str) -> Option:
    found = OPTIONS_BY_NAME.get(name)
    if found is None:
        raise SettingError(name, f"no such setting; known: {', '.join(OPTIONS_BY_NAME)}")
    return found


# --------------------------------------------------------------------- settings


@dataclass(frozen=True)
class Settings:
    """Every option's value; the fields are the options, in the same order.

    A ``Settings`` always holds valid values (checked on construction), so what
    is derived from it (office hours, serials) cannot fail.
    """

    agency_code: str
    receiving_point: str
    officers: str
    counter_number: int
    serial_block_size: int
    office_hours_weekday: str
    office_hours_saturday: str
    morning_cutoff: str
    afternoon_cutoff: str
    due_rule: str
    language: str
    agency_name: str
    parent_agency: str
    place_name: str
    help_website: str
    help_officer: str
    help_phone: str
    paper_bm01: str
    paper_bm02: str
    paper_bm03: str
    paper_form: str
    copies_bm01: int
    copies_bm02: int
    copies_bm03: int
    copies_form: int
    copies_register: int
    printer_bm01: str
    printer_bm02: str
    printer_bm03: str
    printer_form: str
    printer_register: str

    def __post_init__(self) -> None:
        for declared in OPTIONS:
            # Stored in the option's own spelling ("7:30" becomes "07:30").
            object.__setattr__(self, declared.name, declared.check(getattr(self, declared.name)))
        # The one rule across options: the counter's block of serials must fit
        # the 4 digits of a dossier code, or reception would fail at the counter.
        try:
            counter_block(self.counter_number, self.serial_block_size)
        except BlockOutOfRange as error:
            raise SettingError("counter_number", str(error)) from error

    @classmethod
    def defaults(cls) -> Settings:
        values: dict[str, Any] = {declared.name: declared.default for declared in OPTIONS}
        return cls(**values)

    def value(self, name: str) -> Value:
        value: Value = getattr(self, option(name).name)
        return value

    def with_value(self, name: str, value: Value) -> Settings:
        return self._replaced(name, option(name).check(value))

    def with_text(self, name: str, text: str) -> Settings:
        """The settings with ``name`` set from text typed by a person."""
        return self._replaced(name, option(name).from_text(text))

    def _replaced(self, name: str, value: Value) -> Settings:
        changes: dict[str, Any] = {name: value}
        try:
            return dataclasses.replace(self, **changes)
        except SettingError as error:
            # The value obeys its own rule but not one across options: name the
            # option being changed, which is the one the person can fix now.
            raise SettingError(name, error.rule) from error

    def as_dict(self) -> dict[str, Value]:
        return {declared.name: self.value(declared.name) for declared in OPTIONS}


def office_hours_and_rule(settings: Settings) -> tuple[OfficeHours, DueRule]:
    """What ``app.workdays.compute_due`` needs from the settings."""
    cutoff = settings.afternoon_cutoff
    hours = OfficeHours(
        weekday=parse_sessions(settings.office_hours_weekday),
        saturday=parse_sessions(settings.office_hours_saturday),
        morning_cutoff=parse_clock(settings.morning_cutoff),
        afternoon_cutoff=parse_clock(cutoff) if cutoff else None,
    )
    return hours, DueRule(settings.due_rule)


def serial_block(settings: Settings) -> SerialBlock:
    """The dossier serials this counter may hand out offline each day.

    Counter n reserves ``(n-1)*size+1 .. n*size``, so counters that cannot reach
    the central database never give two dossiers the same serial.
    """
    return counter_block(settings.counter_number, settings.serial_block_size)


# ------------------------------------------------------------------------- file


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILE


def load_settings(
    data_dir: Path,
    upgrades: Mapping[int, Upgrade] = UPGRADES,
    version: int = SETTINGS_VERSION,
) -> Settings:
    """The settings in ``data_dir``; the defaults when no file was written yet.

    ``upgrades`` and ``version`` are parameters for the tests of the upgrade path.
    """
    file = settings_path(data_dir)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings.defaults()
    except UnicodeDecodeError as error:
        raise SettingsFileError(file, [f"not UTF-8 text ({error.reason})"]) from error
    except OSError as error:
        raise SettingsFileError(file, [f"cannot be read ({error.strerror})"]) from error
    return parse_settings(text, file, upgrades, version)


def parse_settings(
    text: str,
    file: Path,
    upgrades: Mapping[int, Upgrade] = UPGRADES,
    version: int = SETTINGS_VERSION,
) -> Settings:
    """The settings in ``text`` (the content of ``file``), upgraded to ``version``."""
    if not text.strip():
        # What a power cut during a non-atomic write leaves; never taken as "defaults".
        raise SettingsFileError(file, ["the file is empty"])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise SettingsFileError(file, [f"not valid JSON: {error.msg} at {where}"]) from error
    if not isinstance(data, dict):
        raise SettingsFileError(file, ['not a JSON object {"settings_version": ..., ...}'])
    found = data.get(VERSION_KEY)
    if not isinstance(found, int) or isinstance(found, bool) or found < 0:
        raise SettingsFileError(
            file, [f'"{VERSION_KEY}" must be a whole number (this program writes {version})']
        )
    if found > version:
        raise SettingsFileError(
            file,
            [
                f'"{VERSION_KEY}" is {found}: written by a newer motcua; '
                f"this one reads up to version {version}"
            ],
        )
    return _settings_from_data(_upgrade(data, found, version, upgrades, file), file)


def _upgrade(
    data: dict[str, Any], found: int, version: int, upgrades: Mapping[int, Upgrade], file: Path
) -> dict[str, Any]:
    for target in range(found + 1, version + 1):
        step = upgrades.get(target)
        if step is None:
            raise SettingsFileError(
                file, [f'"{VERSION_KEY}" {found} cannot be upgraded: no step to version {target}']
            )
        try:
            data = step(dict(data))
        except (KeyError, TypeError, ValueError) as error:
            raise SettingsFileError(
                file, [f"upgrade from version {target - 1} to {target} failed: {error!r}"]
            ) from error
        data[VERSION_KEY] = target
    return data


def _settings_from_data(data: dict[str, Any], file: Path) -> Settings:
    problems = [
        f"{key}: no such setting; known: {', '.join(OPTIONS_BY_NAME)}"
        for key in data
        if key != VERSION_KEY and key not in OPTIONS_BY_NAME
    ]
    values: dict[str, Any] = {}
    for declared in OPTIONS:
        # A missing option takes its default: the file may be written by hand.
        if declared.name not in data:
            values[declared.name] = declared.default
            continue
        try:
            values[declared.name] = declared.from_json(data[declared.name])
        except SettingError as error:
            problems.append(str(error))
    if problems:
        raise SettingsFileError(file, problems)
    try:
        return Settings(**values)
    except SettingError as error:
        raise SettingsFileError(file, [str(error)]) from error


def save_settings(data_dir: Path, settings: Settings) -> Path:
    """Write every option (defaults too, so the file shows the whole configuration)."""
    file = settings_path(data_dir)
    data: dict[str, Any] = {VERSION_KEY: SETTINGS_VERSION, **settings.as_dict()}
    try:
        write_atomically(file, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except OSError as error:
        raise SettingsFileError(file, [f"cannot be written ({error.strerror})"]) from error
    return file


def change_setting(data_dir: Path, name: str, text: str) -> Settings:
    """Set one option from typed text and save; a corrupt file is refused, not replaced."""
    settings = load_settings(data_dir).with_text(name, text)
    save_settings(data_dir, settings)
    return settings


def write_atomically(file: Path, text: str) -> None:
    """Replace ``file`` with ``text`` so that a crash leaves the old or the new content.

    The temporary file is in the same folder (a rename is atomic only within one
    file system) and is synced before the rename, so the rename never points to
    data still in the disk cache.
    """
    handle, temp_name = tempfile.mkstemp(prefix=f".{file.name}.", suffix=".tmp", dir=file.parent)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        temp.replace(file)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(file.parent)


def _sync_folder(folder: Path) -> None:
    # POSIX keeps the rename itself in the folder's entry; Windows cannot open
    # a folder this way and makes the rename durable on its own.
    if os.name == "nt":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        # Some file systems refuse to sync a folder; the data is synced already.
        with contextlib.suppress(OSError):
            os.fsync(descriptor)
    finally:
        os.close(descriptor)
