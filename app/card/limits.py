"""The card's text limits, as data (``app/card/data/limits.toml``): the project's assumptions.

No public specification of the card-printing system's input exists, so the longest text
each record field may hold is data a reviewer can change, each line marked as an
assumption in the file. The loader refuses a file that leaves a text field of the record
without a limit or names a field the record does not have, with its file, place and rule
(``app.datafiles``), as the catalogue's loader does.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt

from app.catalogue.loader import validate_data
from app.datafiles import DataError, DataProblem, read_toml

# Every text field of a record (``record_fields``), a list's entries as "*".
TEXT_FIELDS = (
    "dossier_code",
    "procedure.id",
    "procedure.national_code",
    "catalogue_version",
    "holder.full_name",
    "holder.sex",
    "holder.nationality",
    "holder.residence",
    "holder.identity_document.type",
    "holder.identity_document.number",
    "licence.number",
    "licence.issuing_authority",
    "licence.law",
    "licence.classes.*.class",
    "licence.classes.*.restrictions.*.code",
    "licence.classes.*.restrictions.*.text",
    "old_licences.*.number",
    "old_licences.*.classes.*",
    "old_licences.*.issuer",
    "photo.file",
    "photo.sha256",
    "photo.officer",
)


class CardLimitsError(DataError):
    """The card limits cannot be used; ``problems`` says exactly why."""

    what = "the card's text limits"


class CardLimits(BaseModel):
    """``limits.toml``: the longest text per record field, in characters."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: Literal["card-limits"]
    format: Literal[1]
    max_characters: dict[str, StrictInt] = Field(min_length=1)

    def limit_of(self, field: str) -> int | None:
        """The limit of a field path (list entries as "*"); None for a field the card has
        no limit for (the dates and hashes records.json writes as text)."""
        return self.max_characters.get(field)


def shipped_limits_file() -> Path:
    return Path(str(resources.files("app.card") / "data" / "limits.toml"))


@functools.cache
def shipped_limits() -> CardLimits:
    """The shipped limits, read and checked once per process."""
    return load_limits(shipped_limits_file())


def load_limits(file: Path) -> CardLimits:
    """Read and check a limits file; ``CardLimitsError`` names every problem."""
    problems: list[DataProblem] = []
    raw = read_toml(file, problems)
    limits = None if raw is None else validate_data(raw, str(file), CardLimits, problems)
    if limits is not None:
        problems.extend(_coverage_problems(limits, str(file)))
    if problems or limits is None:
        raise CardLimitsError(problems)
    return limits


def _coverage_problems(limits: CardLimits, file: str) -> list[DataProblem]:
    given = limits.max_characters
    problems = [
        DataProblem(file, f"max_characters.{field}", "the record has no such text field")
        for field in given
        if field not in TEXT_FIELDS
    ]
    problems += [
        DataProblem(file, "max_characters", f"no limit for the text field {field}")
        for field in TEXT_FIELDS
        if field not in given
    ]
    problems += [
        DataProblem(file, f"max_characters.{field}", "a limit is a whole number of at least 1")
        for field, limit in given.items()
        if limit < 1
    ]
    return problems
