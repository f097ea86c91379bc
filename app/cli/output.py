"""How commands print results and errors, in the language of the counter's settings.

The language is chosen once, before a command runs (``choose_cli_language``):
every message the command says afterwards comes from ``app.i18n`` in it.

The exit codes are ``app.failures``' own, repeated here so that a command takes
what it prints and the code it exits with from one place; ``docs/exit-codes.md``
lists them for the people who script the program.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from app import failures
from app.catalogue.currency import NotCurrent, sentences
from app.i18n import DEFAULT_LANGUAGE, Language, Message, OfficerError, choose_language

# The exit codes of app.failures' kinds, here with the rest of what a command prints.
EXIT_OK = failures.EXIT_OK
EXIT_BAD_INPUT = failures.EXIT_BAD_INPUT
EXIT_BAD_CATALOGUE = failures.EXIT_BAD_CATALOGUE
EXIT_NOT_FOUND = failures.EXIT_NOT_FOUND
EXIT_CENTRAL = failures.EXIT_CENTRAL
EXIT_STORE = failures.EXIT_STORE
EXIT_REFUSED = failures.EXIT_REFUSED
# The command line's own two: a fault of the program itself (a bug; the message names its
# kind and how to get the details), and Ctrl+C (the shells' 128 + SIGINT).
EXIT_FAULT = 1
EXIT_INTERRUPTED = 130


class UsageError(OfficerError):
    """Bad input from the person at the keyboard; the message says what and where (exit 2)."""


# Headings and messages several commands share.
REQUEST_INVALID = Message("{where}: hồ sơ không hợp lệ:", "{where}: the request is invalid:")
NO_SUCH_FILE = Message("{path}: không có tệp này", "{path}: no such file")
NOT_UTF8 = Message("{path}: không phải văn bản UTF-8", "{path}: not UTF-8 text")
CANNOT_READ = Message("{path}: không đọc được ({reason})", "{path}: cannot be read ({reason})")
NOT_A_DATE = Message(
    "{option}: phải là một ngày dạng YYYY-MM-DD (đã nhập '{text}')",
    "{option}: must be a date YYYY-MM-DD (got '{text}')",
)
NOT_A_LOCAL_TIME = Message(
    '{option}: phải là giờ địa phương "YYYY-MM-DD HH:MM", ví dụ "2026-11-23 09:10"'
    " (đã nhập '{text}')",
    '{option}: must be a local time "YYYY-MM-DD HH:MM", e.g. "2026-11-23 09:10" (got \'{text}\')',
)
NO_SUCH_TIME = Message(
    "{option}: '{text}' không phải thời điểm có thật", "{option}: '{text}' is no such time"
)


def choose_cli_language(data_dir: str | None) -> Language:
    """The language of the counter's settings (its data folder: ``--data-dir``, else
    ``MOTCUA_DATA_DIR``, else the platform's); Vietnamese when they cannot be read.

    Only read, never created: ``motcua check`` must not make a data folder.
    """
    from app.datadir import chosen_data_dir  # not at import: platformdirs is for this only

    language: str = DEFAULT_LANGUAGE
    try:
        folder = chosen_data_dir(Path(data_dir) if data_dir else None)
        if folder.is_dir():
            from app.settings import load_settings  # the settings know their own file

            language = load_settings(folder).language
    except Exception:
        # Whatever is wrong with the folder or its settings, the command itself says it,
        # in Vietnamese, once it reads them.
        language = DEFAULT_LANGUAGE
    return choose_language(language)  # the settings hold only languages the program speaks


WARNING = Message("cảnh báo: {sentence}", "warning: {sentence}")


def warn_not_current(reasons: Sequence[NotCurrent], day: dt.date) -> None:
    """Why the catalogue version may no longer apply to ``day``, one sentence a line on
    stderr (``check``, ``receive``, ``due``): stdout stays the result a script reads."""
    for sentence in sentences(reasons, day):
        print(printable(WARNING(sentence=sentence)), file=sys.stderr)


def not_current_json(reasons: Sequence[NotCurrent]) -> list[dict[str, Any]]:
    """The reasons as a command's JSON carries them (``catalogue_not_current``)."""
    return [reason.model_dump(mode="json") for reason in reasons]


def request_invalid(where: object, problems: Sequence[object]) -> str:
    """A refused request: the heading, then one ``  Label: rule`` line per problem."""
    lines = "\n".join(f"  {problem}" for problem in problems)
    return f"{REQUEST_INVALID(where=where)}\n{lines}"


def fail(command: str, message: str, code: int) -> int:
    """``motcua <command>: <message>`` on stderr; returns ``code``.

    A message may quote what was typed, and what was typed may hold bytes that are
    not UTF-8 (``sys.argv`` carries them as lone surrogates): those are written as
    ``\\udcff`` escapes rather than failing to print.
    """
    where = f"motcua {command}" if command else "motcua"
    print(printable(f"{where}: {message}"), file=sys.stderr)
    return code


def printable(text: str) -> str:
    """``text`` with any lone surrogate written as its ``\\udcXX`` escape."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def print_json(value: BaseModel | list[Any] | dict[str, Any]) -> None:
    if isinstance(value, BaseModel):
        text = value.model_dump_json(indent=2, by_alias=True)
    else:
        text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(text + "\n")
