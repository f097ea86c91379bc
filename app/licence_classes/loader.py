"""Reading the licence-class data folder, and refusing a bad one clearly.

Every problem is reported as *file*, *path inside it*, *rule broken*
(``app.datafiles``), as the catalogue's are. Beyond each file's own shape the loader
checks what makes the files one body of law: periods that neither overlap nor leave a
gap, mappings between systems that exist, every class of the old system mapped
exactly once (so a held class is never dropped without a word), and every class and
restriction a mapping names defined.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from app.catalogue.loader import validate_data
from app.datafiles import DataError, DataProblem, read_toml
from app.licence_classes.model import ClassMapping, ClassSystem

KINDS = ("class-system", "class-mapping")


class ClassDataError(DataError):
    """The licence-class data cannot be used; ``problems`` says exactly why."""

    what = "the licence-class data"


@dataclass(frozen=True)
class ClassData:
    """Every class system, oldest first, and every mapping between two of them."""

    systems: tuple[ClassSystem, ...]
    mappings: tuple[ClassMapping, ...]

    def system(self, system_id: str) -> ClassSystem:
        return next(system for system in self.systems if system.id == system_id)

    def mapping(self, from_system: str, to_system: str) -> ClassMapping | None:
        return next(
            (
                mapping
                for mapping in self.mappings
                if mapping.from_system == from_system and mapping.to_system == to_system
            ),
            None,
        )


def shipped_class_dir() -> Path:
    """The folder holding the licence-class data shipped with the program."""
    return Path(str(resources.files("app.licence_classes") / "data"))


@functools.cache
def shipped_class_data() -> ClassData:
    """The shipped data, read and checked once per process (the files never change under it)."""
    return load_class_data(shipped_class_dir())


def load_class_data(folder: Path) -> ClassData:
    """Load and check every ``*.toml`` of ``folder``; raise ``ClassDataError`` if any is bad."""
    problems: list[DataProblem] = []
    systems: dict[str, tuple[str, ClassSystem]] = {}
    mappings: list[tuple[str, ClassMapping]] = []
    files = sorted(folder.glob("*.toml")) if folder.is_dir() else []
    if not files:
        raise ClassDataError([DataProblem(str(folder), "", "holds no licence-class file")])
    for file in files:
        parsed = _parse(file, problems)
        if isinstance(parsed, ClassSystem):
            if parsed.id in systems:
                problems.append(DataProblem(str(file), "id", f"'{parsed.id}' is used twice"))
            systems[parsed.id] = (str(file), parsed)
        elif isinstance(parsed, ClassMapping):
            mappings.append((str(file), parsed))
    if not problems:
        problems.extend(_check_systems(list(systems.values())))
        by_id = {system_id: system for system_id, (_, system) in systems.items()}
        for origin, mapping in mappings:
            problems.extend(_check_mapping(origin, mapping, by_id))
        problems.extend(_check_one_mapping_per_pair(mappings))
    if problems:
        raise ClassDataError(problems)
    ordered = sorted((system for _, system in systems.values()), key=lambda s: s.valid_from)
    return ClassData(tuple(ordered), tuple(mapping for _, mapping in mappings))


def _parse(file: Path, problems: list[DataProblem]) -> ClassSystem | ClassMapping | None:
    raw = read_toml(file, problems)
    if raw is None:
        return None
    kind = raw.get("kind")
    if kind == "class-system":
        return validate_data(raw, str(file), ClassSystem, problems)
    if kind == "class-mapping":
        return validate_data(raw, str(file), ClassMapping, problems)
    problems.append(DataProblem(str(file), "kind", f"must be one of: {', '.join(KINDS)}"))
    return None


def _check_systems(systems: list[tuple[str, ClassSystem]]) -> Iterator[DataProblem]:
    """Each system's classes are unique; the periods follow each other without gap or overlap."""
    for file, system in systems:
        yield from _duplicates(file, "class", [entry.key for entry in system.classes])
        if system.replaced_by is not None and system.replaced_by not in {
            other.id for _, other in systems
        }:
            yield DataProblem(file, "replaced_by", f"no class system '{system.replaced_by}'")
    ordered = sorted(systems, key=lambda pair: pair[1].valid_from)
    for (file, earlier), (_, later) in itertools.pairwise(ordered):
        if earlier.valid_until is None:
            yield DataProblem(
                file, "valid_until", f"needed: '{later.id}' takes effect on {later.valid_from}"
            )
        elif earlier.valid_until + dt.timedelta(days=1) != later.valid_from:
            rule = f"must be the day before '{later.id}' takes effect ({later.valid_from})"
            yield DataProblem(file, "valid_until", rule)
    for file, system in ordered[1:]:
        if system.reads_older_licences:
            yield DataProblem(
                file, "reads_older_licences", "only the oldest class system may read older ones"
            )


def _check_mapping(
    file: str, mapping: ClassMapping, systems: dict[str, ClassSystem]
) -> Iterator[DataProblem]:
    source, target = systems.get(mapping.from_system), systems.get(mapping.to_system)
    if source is None:
        yield DataProblem(file, "from", f"no class system '{mapping.from_system}'")
    if target is None:
        yield DataProblem(file, "to", f"no class system '{mapping.to_system}'")
    if source is None or target is None:
        return
    yield from _duplicates(file, "restriction", [entry.id for entry in mapping.restrictions])
    yield from _duplicates(file, "row", [row.from_class for row in mapping.rows], key="from")
    restriction_ids = {entry.id for entry in mapping.restrictions}
    for index, row in enumerate(mapping.rows):
        path = f"row[{index}]"
        if source.find(row.from_class) is None:
            yield DataProblem(file, f"{path}.from", _not_in(row.from_class, source))
        for position, code in enumerate(row.to):
            if target.find(code) is None:
                yield DataProblem(file, f"{path}.to[{position}]", _not_in(code, target))
        for position, restriction in enumerate(row.restrictions):
            if restriction not in restriction_ids:
                rule = f"no restriction '{restriction}' in this file"
                yield DataProblem(file, f"{path}.restrictions[{position}]", rule)
    mapped = {row.from_class for row in mapping.rows}
    for key in source.class_keys():
        if key not in mapped:
            yield DataProblem(file, "row", f"class '{key}' of '{source.id}' has no row")


def _check_one_mapping_per_pair(mappings: list[tuple[str, ClassMapping]]) -> Iterator[DataProblem]:
    seen: set[tuple[str, str]] = set()
    for file, mapping in mappings:
        pair = (mapping.from_system, mapping.to_system)
        if pair in seen:
            yield DataProblem(file, "", f"a second mapping from '{pair[0]}' to '{pair[1]}'")
        seen.add(pair)


def _duplicates(file: str, path: str, values: list[str], key: str = "") -> Iterator[DataProblem]:
    seen: set[str] = set()
    suffix = f".{key}" if key else ""
    for index, value in enumerate(values):
        if value in seen:
            yield DataProblem(file, f"{path}[{index}]{suffix}", f"'{value}' is used twice")
        seen.add(value)


def _not_in(key: str, system: ClassSystem) -> str:
    return f"no class '{key}' in '{system.id}' (its classes: {', '.join(system.class_keys())})"
