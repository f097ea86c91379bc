"""How commands print results and errors, in the language of the counter's settings.

The language is chosen once, before a command runs (``choose_cli_language``):
every message the command says afterwards comes from ``app.i18n`` in it.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from app.i18n import DEFAULT_LANGUAGE, Language, Message, choose_language

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_BAD_CATALOGUE = 3


class UsageError(Exception):
    """Bad input from the person at the keyboard; the message says what and where."""


# Headings and messages several commands share.
REQUEST_INVALID = Message("{where}: hồ sơ không hợp lệ:", "{where}: the request is invalid:")
NO_SUCH_FILE = Message("{path}: không có tệp này", "{path}: no such file")
NOT_UTF8 = Message("{path}: không phải văn bản UTF-8", "{path}: not UTF-8 text")
CANNOT_READ = Message("{path}: không đọc được ({reason})", "{path}: cannot be read ({reason})")
NOT_A_DATE = Message(
    "{option}: phải là một ngày dạng YYYY-MM-DD (đã nhập '{text}')",
    "{option}: must be a date YYYY-MM-DD (got '{text}')",
)
NO_CATALOGUE_ON = Message(
    "{option}: không có danh mục thủ tục nào có hiệu lực ngày {day}",
    "{option}: no procedure catalogue is in force on {day}",
)
NOT_A_LOCAL_TIME = Message(
    '{option}: phải là giờ địa phương "YYYY-MM-DD HH:MM", ví dụ "2026-11-23 09:10"'
    " (đã nhập '{text}')",
    '{option}: must be a local time "YYYY-MM-DD HH:MM", e.g. "2026-11-23 09:10" (got \'{text}\')',
)
NO_SUCH_TIME = Message(
    "{option}: '{text}' không phải thời điểm có thật", "{option}: '{text}' is no such time"
)


def choose_cli_language(args: argparse.Namespace) -> Language:
    """The language of the counter's settings (its data folder: ``--data-dir``, else
    ``MOTCUA_DATA_DIR``, else the platform's); Vietnamese when they cannot be read.

    Only read, never created: ``motcua check`` must not make a data folder.
    """
    language: str = DEFAULT_LANGUAGE
    folder = _data_dir(getattr(args, "data_dir", None))
    if folder is not None and folder.is_dir():
        try:
            from app.settings import load_settings  # the settings know their own file

            language = load_settings(folder).language
        except Exception:
            language = DEFAULT_LANGUAGE
    return choose_language(language if language in ("vi", "en") else DEFAULT_LANGUAGE)


def _data_dir(option: object) -> Path | None:
    if isinstance(option, Path | str) and str(option):
        return Path(option).expanduser()
    from_env = os.environ.get("MOTCUA_DATA_DIR", "").strip()
    if from_env:
        return Path(from_env).expanduser()
    from app.datadir import default_data_dir

    return default_data_dir()


def problem_lines(problems: list[Any]) -> str:
    """A request's problems, one ``  Label: rule`` line each."""
    return "\n".join(f"  {problem}" for problem in problems)


def fail(command: str, message: str, code: int) -> int:
    print(f"motcua {command}: {message}", file=sys.stderr)
    return code


def print_json(value: BaseModel | list[Any] | dict[str, Any]) -> None:
    if isinstance(value, BaseModel):
        text = value.model_dump_json(indent=2, by_alias=True)
    else:
        text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(text + "\n")
