"""``settings.json`` in the data folder: reading, writing and numbered upgrades.

The file carries ``"settings_version"``. A file written by an older program is
brought up to date by the numbered functions in ``UPGRADES``, applied in order
(the model is MusicBrainz Picard's ``config_upgrade.py``): before the first
step the file is copied, byte for byte, to
``settings.before-v<N>-<YYYYmmdd-HHMMSS>.json`` beside it, and the upgraded
settings are written back, so the upgrade runs once and the old file can be
put back by hand.

Nothing is ever reset silently: a value that breaks its rule, or a file that is
not what this program writes, is refused with a message naming the file, the
option and what is wrong. Writing goes through ``app.files.write_atomically``,
so a power cut leaves either the old file or the new one.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.files import FileNotWritten, write_atomically
from app.i18n import Language, Message, OfficerError, current_language
from app.settings.options import SettingError, Settings, option, settings_problems

SETTINGS_FILE = "settings.json"
VERSION_KEY = "settings_version"
SETTINGS_VERSION = 2

# Turns the data of a file of version n - 1 into the data of version n.
Upgrade = Callable[[dict[str, Any]], dict[str, Any]]


def _v2_officer_accounts(data: dict[str, Any]) -> dict[str, Any]:
    """The officers' names list gave way to accounts with passwords (issue 13): the names
    had no password, so IT staff add each officer as an account (docs/officers.md)."""
    data.pop("officers", None)
    return data


# UPGRADES[n] upgrades a version n - 1 file to version n: when an option is renamed or
# its meaning changes, bump SETTINGS_VERSION and add the step here.
UPGRADES: Mapping[int, Upgrade] = {2: _v2_officer_accounts}


@dataclass(frozen=True)
class Said:
    """One problem of the file, in both languages."""

    message: Message
    values: dict[str, object] = field(default_factory=dict)

    def text(self, language: Language) -> str:
        return self.message.text(language, **self.values)


Problem = Said | SettingError

EMPTY = Message("tệp rỗng", "the file is empty")
NOT_JSON = Message(
    "không phải JSON hợp lệ: {error} ở dòng {line}, cột {column}",
    "not valid JSON: {error} at line {line}, column {column}",
)
NOT_OBJECT = Message(
    'không phải một đối tượng JSON {"settings_version": ..., ...}',
    'not a JSON object {"settings_version": ..., ...}',
)
BAD_VERSION = Message(
    '"settings_version" phải là một số nguyên (chương trình này ghi {version})',
    '"settings_version" must be a whole number (this program writes {version})',
)
NEWER = Message(
    '"settings_version" là {found}: do một motcua mới hơn ghi; bản này đọc đến phiên bản {version}',
    '"settings_version" is {found}: written by a newer motcua; '
    "this one reads up to version {version}",
)
NO_STEP = Message(
    '"settings_version" {found} không nâng cấp được: không có bước lên phiên bản {target}',
    '"settings_version" {found} cannot be upgraded: no step to version {target}',
)
STEP_FAILED = Message(
    "nâng cấp từ phiên bản {before} lên {target} không thành công: {error}",
    "upgrade from version {before} to {target} failed: {error}",
)
NOT_UTF8 = Message("không phải văn bản UTF-8 ({reason})", "not UTF-8 text ({reason})")
UNREADABLE = Message("không đọc được ({reason})", "cannot be read ({reason})")
UNWRITABLE = Message("không ghi được ({reason})", "cannot be written ({reason})")
IN_FILE = Message("{name} — {problem}", "{name} — {problem}")


class SettingsFileError(OfficerError):
    """``settings.json`` cannot be used; the message names the file and every problem."""

    def __init__(self, file: Path, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems
        super().__init__(self.text(current_language()))

    def problem_texts(self, language: Language) -> list[str]:
        texts = []
        for problem in self.problems:
            if isinstance(problem, SettingError) and problem.label is not None:
                # Who edits the file by hand needs the key as it is spelt there.
                texts.append(
                    IN_FILE.text(language, name=problem.name, problem=problem.text(language))
                )
            else:
                texts.append(problem.text(language))
        return texts

    def text(self, language: Language) -> str:
        texts = self.problem_texts(language)
        if len(texts) == 1:
            return f"{self.file}: {texts[0]}"
        return f"{self.file}:\n" + "\n".join(f"  {text}" for text in texts)

    def __str__(self) -> str:
        return self.text(current_language())


def settings_path(data_dir: Path) -> Path:
    return data_dir / SETTINGS_FILE


def backup_name(found: int, now: dt.datetime) -> str:
    """The copy kept before upgrading a version ``found`` file."""
    return f"settings.before-v{found}-{now:%Y%m%d-%H%M%S}.json"


def load_settings(
    data_dir: Path,
    upgrades: Mapping[int, Upgrade] = UPGRADES,
    version: int = SETTINGS_VERSION,
    now: Callable[[], dt.datetime] = dt.datetime.now,
) -> Settings:
    """The settings in ``data_dir``; the defaults when no file was written yet.

    An older file is copied aside, upgraded and written back. ``upgrades``,
    ``version`` and ``now`` are parameters for the tests of the upgrade path.
    """
    file = settings_path(data_dir)
    try:
        raw = file.read_bytes()
        text = raw.decode("utf-8")
    except FileNotFoundError:
        return Settings.defaults()
    except UnicodeDecodeError as error:
        raise SettingsFileError(file, [Said(NOT_UTF8, {"reason": error.reason})]) from error
    except OSError as error:
        raise SettingsFileError(file, [Said(UNREADABLE, {"reason": error.strerror})]) from error
    data, found = _versioned_data(text, file, version)
    if found == version:
        return _settings_from_data(data, file)
    upgraded = _settings_from_data(_upgrade(data, found, version, upgrades, file), file)
    backup = file.with_name(backup_name(found, now()))
    try:
        write_atomically(backup, raw)
    except FileNotWritten:
        raise  # a full or read-only disk: the data folder's problem, said as such (exit 6)
    except OSError as error:
        raise SettingsFileError(backup, [Said(UNWRITABLE, {"reason": error.strerror})]) from error
    _write(file, upgraded, version)
    return upgraded


def parse_settings(
    text: str,
    file: Path,
    upgrades: Mapping[int, Upgrade] = UPGRADES,
    version: int = SETTINGS_VERSION,
) -> Settings:
    """The settings in ``text`` (the content of ``file``), upgraded to ``version`` in memory."""
    data, found = _versioned_data(text, file, version)
    return _settings_from_data(_upgrade(data, found, version, upgrades, file), file)


def _versioned_data(text: str, file: Path, version: int) -> tuple[dict[str, Any], int]:
    if not text.strip():
        # What a power cut during a non-atomic write leaves; never taken as "defaults".
        raise SettingsFileError(file, [Said(EMPTY)])
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        where = {"error": error.msg, "line": error.lineno, "column": error.colno}
        raise SettingsFileError(file, [Said(NOT_JSON, where)]) from error
    if not isinstance(data, dict):
        raise SettingsFileError(file, [Said(NOT_OBJECT)])
    found = data.get(VERSION_KEY)
    if not isinstance(found, int) or isinstance(found, bool) or found < 0:
        raise SettingsFileError(file, [Said(BAD_VERSION, {"version": version})])
    if found > version:
        raise SettingsFileError(file, [Said(NEWER, {"found": found, "version": version})])
    return data, found


def _upgrade(
    data: dict[str, Any], found: int, version: int, upgrades: Mapping[int, Upgrade], file: Path
) -> dict[str, Any]:
    for target in range(found + 1, version + 1):
        step = upgrades.get(target)
        if step is None:
            raise SettingsFileError(file, [Said(NO_STEP, {"found": found, "target": target})])
        try:
            data = step(dict(data))
        except (KeyError, TypeError, ValueError) as error:
            values = {"before": target - 1, "target": target, "error": repr(error)}
            raise SettingsFileError(file, [Said(STEP_FAILED, values)]) from error
        data[VERSION_KEY] = target
    return data


def _settings_from_data(data: dict[str, Any], file: Path) -> Settings:
    # A missing option takes its default: the file may be written by hand.
    values = {key: value for key, value in data.items() if key != VERSION_KEY}
    problems: list[Problem] = list(settings_problems(values))
    if problems:
        raise SettingsFileError(file, problems)
    return Settings.model_validate(values)


def save_settings(data_dir: Path, settings: Settings) -> Path:
    """Write every option (defaults too, so the file shows the whole configuration)."""
    file = settings_path(data_dir)
    _write(file, settings, SETTINGS_VERSION)
    return file


def _write(file: Path, settings: Settings, version: int) -> None:
    data: dict[str, Any] = {VERSION_KEY: version, **settings.as_dict()}
    try:
        write_atomically(file, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    except FileNotWritten:
        raise  # a full or read-only disk: the data folder's problem, said as such (exit 6)
    except OSError as error:
        raise SettingsFileError(file, [Said(UNWRITABLE, {"reason": error.strerror})]) from error


def change_setting(data_dir: Path, name: str, text: str) -> Settings:
    """Set one option from typed text and save; a corrupt file is refused, not replaced."""
    option(name)  # an unknown name is refused before the file is read
    settings = load_settings(data_dir).with_text(name, text)
    save_settings(data_dir, settings)
    return settings
