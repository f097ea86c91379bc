"""Reading a catalogue version from its folder, and refusing a bad one clearly.

Every problem is reported as *file*, *path inside it*, *rule broken*
(``app.datafiles``): the reviewer who edits a file must be able to find the
line without reading code.
The program never starts on a guess.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import unicodedata
from collections.abc import Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from app.catalogue.model import Catalogue, CatalogueManifest, CatalogueOrigin, Procedure
from app.catalogue.rules import COMPARISON_OPERATORS, OPERATORS, FactTest, fact_tests
from app.datafiles import DataError, DataProblem, parse_toml, read_text
from app.dossier.facts import FACTS

M = TypeVar("M", bound=BaseModel)
MANIFEST_NAME = "catalogue.toml"

CatalogueProblem = DataProblem  # the catalogue's name for it, as its callers know it


class CatalogueError(DataError):
    """The catalogue cannot be used; ``problems`` says exactly why."""

    what = "the procedure catalogue"


class NoCatalogueInForce(CatalogueError):
    """Every version takes effect after the day asked for: the day is the problem."""

    def __init__(self, root: Path, day: dt.date) -> None:
        self.day = day
        super().__init__(
            [CatalogueProblem(str(root), "", f"no catalogue version is in force on {day:%d/%m/%Y}")]
        )


def shipped_catalogue_dir() -> Path:
    """The folder holding the catalogue versions shipped with the program."""
    return Path(str(resources.files("app.catalogue") / "data"))


# A catalogue version as its files: name ("catalogue.toml", "gv-cap.toml") → UTF-8 text.
# A folder on disk and a version published at the centre are both read through it, so
# the counter and the publisher check them with the same rules.
CatalogueFiles = Mapping[str, str]


def load_catalogue(folder: Path) -> Catalogue:
    """Load and check one catalogue version; raise ``CatalogueError`` if it is bad."""
    return load_version(folder)[0]


def load_version(folder: Path) -> tuple[Catalogue, dict[str, str]]:
    """One catalogue version and the files it was read from (what the centre publishes:
    the text checked is the text stored); ``CatalogueError`` if it is bad."""
    problems: list[CatalogueProblem] = []
    files = read_catalogue_files(folder, problems)
    if not problems:
        return catalogue_from_files(files, str(folder)), files
    # A file that could not be read is named once, by why; its content's problems are unknown.
    unread = {problem.file for problem in problems}
    try:
        catalogue_from_files(files, str(folder))
    except CatalogueError as error:
        problems.extend(p for p in error.problems if not _about_unread(p, unread))
    raise CatalogueError(problems)


def _about_unread(problem: CatalogueProblem, unread: set[str]) -> bool:
    return problem.file in unread or any(
        problem.rule.startswith(f"no file {Path(file).name} ") for file in unread
    )


def read_catalogue_files(folder: Path, problems: list[CatalogueProblem]) -> dict[str, str]:
    """The ``*.toml`` files of ``folder`` as text; one that cannot be read is a problem."""
    files: dict[str, str] = {}
    for file in sorted(folder.glob("*.toml")):
        text = read_text(file, problems)
        if text is not None:
            files[file.name] = text
    return files


def content_hash(files: CatalogueFiles) -> str:
    """sha256 over the files' names and bytes, in name order: the same text, the same hash."""
    digest = hashlib.sha256()
    for name in sorted(files):
        for part in (name, files[name]):
            data = part.encode("utf-8")
            digest.update(len(data).to_bytes(8, "big"))
            digest.update(data)
    return digest.hexdigest()


def catalogue_from_files(
    files: CatalogueFiles, origin: str, source: CatalogueOrigin = CatalogueOrigin.SHIPPED
) -> Catalogue:
    """Check one catalogue version given as its files; ``origin`` names it in problems
    (a folder, or the centre's publication). Raise ``CatalogueError`` if it is bad."""
    problems: list[CatalogueProblem] = []
    manifest_name = f"{origin}/{MANIFEST_NAME}"
    manifest_text = files.get(MANIFEST_NAME)
    if manifest_text is None:
        problems.append(CatalogueProblem(manifest_name, "", "file not found"))
        manifest = None
    else:
        manifest = _parse(manifest_text, manifest_name, CatalogueManifest, problems)
    if manifest is None:
        # Which procedures the version holds is unknown; the procedure files there are still
        # checked, each by its own name, so that one run names every problem of the folder.
        for name in sorted(files):
            if name != MANIFEST_NAME:
                _load_procedure(files[name], f"{origin}/{name}", name[: -len(".toml")], problems)
        raise CatalogueError(problems)

    procedures: dict[str, Procedure] = {}
    for index, procedure_id in enumerate(manifest.procedures):
        name = f"{procedure_id}.toml"
        if name not in files:
            problems.append(
                CatalogueProblem(
                    manifest_name,
                    f"procedures[{index}]",
                    f"no file {name} for procedure '{procedure_id}'",
                )
            )
            continue
        procedure = _load_procedure(files[name], f"{origin}/{name}", procedure_id, problems)
        if procedure is not None:
            procedures[procedure_id] = procedure
    listed = {f"{procedure_id}.toml" for procedure_id in manifest.procedures}
    for stray in sorted(files):
        if stray != MANIFEST_NAME and stray not in listed:
            problems.append(
                CatalogueProblem(
                    f"{origin}/{stray}", "", f"not listed in the procedures of {MANIFEST_NAME}"
                )
            )
    if problems:
        raise CatalogueError(problems)
    return Catalogue(
        manifest=manifest,
        procedures=procedures,
        content_hash=content_hash(files),
        origin=source,
    )


def _load_procedure(
    text: str, file: str, procedure_id: str, problems: list[CatalogueProblem]
) -> Procedure | None:
    """One procedure file, checked; what is wrong is appended to ``problems``."""
    raw = parse_toml(text, file, problems)
    if raw is None:
        return None
    procedure, found = validate_procedure_data(raw, file, procedure_id)
    problems.extend(found)
    return procedure


def load_catalogue_for(day: dt.date, root: Path | None = None) -> Catalogue:
    """The catalogue version in force on ``day``: the latest one already effective."""
    root = root or shipped_catalogue_dir()
    versions = [load_catalogue(folder) for folder in version_folders(root)]
    in_force = [c for c in versions if c.manifest.valid_from <= day]
    if not in_force:
        raise NoCatalogueInForce(root, day)
    return max(in_force, key=lambda c: c.manifest.valid_from)


def version_folders(root: Path) -> list[Path]:
    """The folders of ``root``, one per catalogue version; a root that is no folder, or
    holds none, is a catalogue that cannot be used, named."""
    try:
        folders = sorted(entry for entry in root.iterdir() if entry.is_dir())
    except FileNotFoundError as error:
        raise CatalogueError([CatalogueProblem(str(root), "", "no such folder")]) from error
    except NotADirectoryError as error:
        raise CatalogueError([CatalogueProblem(str(root), "", "not a folder")]) from error
    except OSError as error:
        reason = f"cannot be read ({error.strerror})"
        raise CatalogueError([CatalogueProblem(str(root), "", reason)]) from error
    if not folders:
        rule = f"holds no catalogue version (a folder with its {MANIFEST_NAME})"
        raise CatalogueError([CatalogueProblem(str(root), "", rule)])
    return folders


def _parse(text: str, file: str, model: type[M], problems: list[CatalogueProblem]) -> M | None:
    raw = parse_toml(text, file, problems)
    return None if raw is None else validate_data(raw, file, model, problems)


def validate_data(
    raw: dict[str, Any], file: str, model: type[M], problems: list[CatalogueProblem]
) -> M | None:
    """Check the parsed content of one file; append what is wrong to ``problems``."""
    problems.extend(
        CatalogueProblem(file, path, "text must be Unicode NFC (composed Vietnamese letters)")
        for path in _non_nfc_strings(raw, "")
    )
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        # One message per place: a union reports each member it tried.
        messages: dict[str, list[str]] = {}
        for detail in error.errors(include_url=False):
            found = messages.setdefault(_location(detail["loc"]), [])
            if detail["msg"] not in found:
                found.append(detail["msg"])
        problems.extend(
            CatalogueProblem(file, path, " or ".join(found)) for path, found in messages.items()
        )
        return None


def validate_procedure_data(
    raw: dict[str, Any], file: str, expected_id: str
) -> tuple[Procedure | None, list[CatalogueProblem]]:
    """Everything the loader checks for one procedure file, on its parsed content."""
    problems: list[CatalogueProblem] = []
    procedure = validate_data(raw, file, Procedure, problems)
    if procedure is not None:
        problems.extend(_check_procedure(file, expected_id, procedure))
    return procedure, problems


_PREDICATE_KEYS = {"require", "applies_when", "required_when", "not"}
_PREDICATE_TAGS = {"all", "any", "not", "fact"}
_UNION_MEMBERS = {"int", "date", "str", "bool", "float", "time", "datetime"}


def _location(loc: tuple[int | str, ...]) -> str:
    """pydantic's error location as the path a reader finds in the file.

    pydantic inserts the tag of the predicate it tried (``require.all.all[2]``)
    and the member of a union (``at_least.int``); neither is in the file.
    """
    path = ""
    expect_tag = False
    for index, part in enumerate(loc):
        if expect_tag and part in _PREDICATE_TAGS:
            expect_tag = False
            continue
        if isinstance(part, int):
            path += f"[{part}]"
            expect_tag = index > 0 and loc[index - 1] in ("all", "any")
            continue
        if part in _UNION_MEMBERS or part.startswith(("list[", "function-")):
            continue
        path += f".{part}" if path else part
        expect_tag = part in _PREDICATE_KEYS
    return path


def _non_nfc_strings(value: Any, path: str) -> Iterator[str]:
    if isinstance(value, str):
        if unicodedata.normalize("NFC", value) != value:
            yield path
    elif isinstance(value, dict):
        for key, child in value.items():
            yield from _non_nfc_strings(child, f"{path}.{key}" if path else key)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _non_nfc_strings(child, f"{path}[{index}]")


def _check_procedure(file: str, expected_id: str, procedure: Procedure) -> list[CatalogueProblem]:
    problems: list[CatalogueProblem] = []

    def problem(path: str, rule: str) -> None:
        problems.append(CatalogueProblem(file, path, rule))

    if procedure.id != expected_id:
        problem("id", f"the id must be '{expected_id}', the name of the file")
    item_lists = (
        [("items", procedure.items or [])]
        if procedure.subcases is None
        else [(f"subcases[{i}].items", case.items) for i, case in enumerate(procedure.subcases)]
    )
    for path, items in item_lists:
        _check_unique([item.id for item in items], path, "id", problem)
        for index, item in enumerate(items):
            if item.required_when is not None:
                for test_path, test in fact_tests(
                    item.required_when, f"{path}[{index}].required_when"
                ):
                    _check_test(test_path, test, procedure, problem)
    if procedure.subcases is not None:
        _check_unique(procedure.subcase_ids(), "subcases", "id", problem)
    _check_unique([condition.id for condition in procedure.conditions], "conditions", "id", problem)
    for index, condition in enumerate(procedure.conditions):
        for part in ("applies_when", "require"):
            predicate = getattr(condition, part)
            if predicate is not None:
                for test_path, test in fact_tests(predicate, f"conditions[{index}].{part}"):
                    _check_test(test_path, test, procedure, problem)
    _check_unique([str(channel.id) for channel in procedure.channels], "channels", "id", problem)
    if procedure.card is not None and procedure.photo is None:
        # The card prints the holder's photo: a procedure without one cannot make a card.
        problem("card", "a procedure whose result is a card needs its [photo]")
    return problems


def _check_unique(values: list[str], path: str, key: str, problem: Any) -> None:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            problem(f"{path}[{index}].{key}", f"'{value}' is used twice")
        seen.add(value)


_OPERAND_TYPES: dict[str, tuple[type, ...]] = {
    "bool": (bool,),
    "int": (int,),
    "text": (str,),
    "date": (dt.date,),
}


def _check_test(path: str, test: FactTest, procedure: Procedure, problem: Any) -> None:
    fact = FACTS.get(test.fact)
    if fact is None:
        problem(f"{path}.fact", f"unknown fact '{test.fact}'; known facts: {', '.join(FACTS)}")
        return
    operator = test.operator
    if fact.kind not in OPERATORS[operator]:
        problem(
            f"{path}.{operator}",
            f"operator '{operator}' does not apply to '{test.fact}', a {fact.kind} fact",
        )
        return
    operand = test.operand
    if operator in ("equals", *COMPARISON_OPERATORS) and fact.kind in _OPERAND_TYPES:
        expected = _OPERAND_TYPES[fact.kind]
        # bool is an int in Python; a yes/no is never a number here.
        wrong_bool = isinstance(operand, bool) and fact.kind != "bool"
        if wrong_bool or not isinstance(operand, expected):
            rule = f"'{test.fact}' is a {fact.kind} fact; the value must be one too"
            problem(f"{path}.{operator}", rule)
    subcase_test = test.fact == "dossier.subcase" and operator == "equals"
    if subcase_test and operand not in procedure.subcase_ids():
        problem(f"{path}.equals", f"no sub-case '{operand}' in this procedure")
