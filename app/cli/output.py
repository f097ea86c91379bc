"""How commands print results and errors."""

from __future__ import annotations

import json
import sys
from typing import Any

from pydantic import BaseModel

EXIT_OK = 0
EXIT_BAD_INPUT = 2
EXIT_BAD_CATALOGUE = 3


class UsageError(Exception):
    """Bad input from the person at the keyboard; the message says what and where."""


def fail(command: str, message: str, code: int) -> int:
    print(f"motcua {command}: {message}", file=sys.stderr)
    return code


def print_json(value: BaseModel | list[Any] | dict[str, Any]) -> None:
    if isinstance(value, BaseModel):
        text = value.model_dump_json(indent=2, by_alias=True)
    else:
        text = json.dumps(value, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write(text + "\n")
