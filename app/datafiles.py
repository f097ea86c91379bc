"""The data files reviewers edit (the catalogue, the working-day overrides): read and refused alike.

Every problem is reported as *file*, *place inside it*, *rule broken*, so the
reviewer who edits a file finds the line without reading code; and a file that
cannot be read, is not UTF-8 or is not TOML says so in the same words wherever
it is loaded.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# More than this many problems is a wrong file or folder, not a list to work through.
SHOWN_PROBLEMS = 20
# The largest data file read: the longest procedure file is ~15 KB.
MAX_DATA_FILE_BYTES = 1 << 20


@dataclass(frozen=True)
class DataProblem:
    file: str  # the file, or where the data came from (e.g. "central database")
    path: str  # the place inside it, e.g. "override[2] (2026-01-10)"; empty for the whole file
    rule: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.path}" if self.path else self.file
        return f"{where}: {self.rule}"


class DataError(Exception):
    """The data cannot be used; ``problems`` says exactly why. ``what`` names the data."""

    what = "the data"

    def __init__(self, problems: list[DataProblem]) -> None:
        self.problems = problems
        shown = "\n".join(f"  {problem}" for problem in problems[:SHOWN_PROBLEMS])
        hidden = len(problems) - SHOWN_PROBLEMS
        more = f"\n  … and {hidden} more" if hidden > 0 else ""
        super().__init__(f"{self.what} is invalid:\n{shown}{more}")


def read_toml(file: Path, problems: list[DataProblem]) -> dict[str, Any] | None:
    """The file's content, or None with the reason appended to ``problems``."""
    text = read_text(file, problems)
    return None if text is None else parse_toml(text, str(file), problems)


def read_text(file: Path, problems: list[DataProblem]) -> str | None:
    """The file's UTF-8 text, or None with the reason appended to ``problems``."""
    try:
        with file.open("rb") as stream:
            data = stream.read(MAX_DATA_FILE_BYTES + 1)
        text = data.decode("utf-8")
    except FileNotFoundError:
        problems.append(DataProblem(str(file), "", "file not found"))
    except UnicodeDecodeError as error:
        problems.append(DataProblem(str(file), "", f"not UTF-8 text ({error.reason})"))
    except OSError as error:
        problems.append(DataProblem(str(file), "", f"cannot be read ({error.strerror})"))
    else:
        if len(data) > MAX_DATA_FILE_BYTES:
            limit = f"at most {MAX_DATA_FILE_BYTES // 1024} KB"
            problems.append(DataProblem(str(file), "", f"too large for a data file ({limit})"))
            return None
        return text
    return None


def parse_toml(text: str, origin: str, problems: list[DataProblem]) -> dict[str, Any] | None:
    """TOML text from any source, or None with the reason appended to ``problems``."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        problems.append(DataProblem(origin, "", f"not valid TOML: {error}"))
    except RecursionError:  # tomllib recurses once per level of nested arrays and tables
        problems.append(DataProblem(origin, "", "not valid TOML: nested too deeply"))
    except ValueError:  # int() refuses more than 4,300 digits
        problems.append(DataProblem(origin, "", "not valid TOML: a number is too long"))
    return None
