"""What changed between two catalogue versions, field by field, from the loaded models.

The people who write a new decision into data check their work by comparing the
new version with the one before: which procedures came and went, and in each
procedure which items, conditions, channels (times, fees), steps and texts
changed. The comparison walks the pydantic models, so a field added to the model
is compared without a change here; the TOML text (comments, order of keys,
quoting) never shows as a difference.

A place is written as the key path of the procedure file, with the id of a
listed element instead of its position: ``items[don-de-nghi].name``,
``conditions[doi-truoc-khi-het-han].require``. Elements without a unique id (the
forms, the records kept, the steps, whose ids repeat) are matched by position:
``forms[1].name``, ``channels[direct].steps[3].time``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from pydantic import BaseModel
from pydantic_core import to_jsonable_python

from app.catalogue.model import Catalogue, Procedure, WorkflowStep

# The key of an element of a list, when its model has one (items, conditions, channels…).
KEY_FIELD = "id"
# The manifest lists its procedures; the comparison reports them one by one instead.
MANIFEST_LIST_OF_PROCEDURES = "procedures"


class ChangeKind(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


@dataclass(frozen=True)
class FieldChange:
    """One difference: a value changed, or a listed element added or removed."""

    path: str  # e.g. "items[don-de-nghi].name"
    kind: ChangeKind
    label: str  # the nearest named element, e.g. "01. Đơn đề nghị …"; "" when none
    old: Any = None  # the value as JSON would hold it; None for an element added
    new: Any = None  # None for an element removed

    def as_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "kind": str(self.kind),
            "label": self.label,
            "old": self.old,
            "new": self.new,
        }


@dataclass(frozen=True)
class ProcedureRef:
    id: str
    name: str


@dataclass(frozen=True)
class ProcedureChanges:
    id: str
    name: str  # the new version's name
    changes: list[FieldChange]


@dataclass(frozen=True)
class CatalogueDiff:
    old_version: str
    new_version: str
    manifest: list[FieldChange] = field(default_factory=list)
    added: list[ProcedureRef] = field(default_factory=list)
    removed: list[ProcedureRef] = field(default_factory=list)
    changed: list[ProcedureChanges] = field(default_factory=list)

    @property
    def no_difference(self) -> bool:
        return not (self.manifest or self.added or self.removed or self.changed)

    def as_json(self) -> dict[str, Any]:
        return {
            "old_version": self.old_version,
            "new_version": self.new_version,
            "no_difference": self.no_difference,
            "manifest": [change.as_json() for change in self.manifest],
            "procedures_added": [{"id": p.id, "name": p.name} for p in self.added],
            "procedures_removed": [{"id": p.id, "name": p.name} for p in self.removed],
            "procedures_changed": [
                {"id": p.id, "name": p.name, "changes": [c.as_json() for c in p.changes]}
                for p in self.changed
            ],
        }


def diff_catalogues(old: Catalogue, new: Catalogue) -> CatalogueDiff:
    """Every difference from ``old`` to ``new``, procedures in the new version's order."""
    manifest = [
        change
        for change in compare(old.manifest, new.manifest, "", "")
        if change.path != MANIFEST_LIST_OF_PROCEDURES
    ]
    added = [_ref(p) for key, p in new.procedures.items() if key not in old.procedures]
    removed = [_ref(p) for key, p in old.procedures.items() if key not in new.procedures]
    changed = []
    for key, procedure in new.procedures.items():
        if key in old.procedures:
            changes = list(compare(old.procedures[key], procedure, "", ""))
            if changes:
                changed.append(ProcedureChanges(key, procedure.name, changes))
    return CatalogueDiff(old.version, new.version, manifest, added, removed, changed)


def _ref(procedure: Procedure) -> ProcedureRef:
    return ProcedureRef(procedure.id, procedure.name)


def compare(old: Any, new: Any, path: str, label: str) -> Iterator[FieldChange]:
    """The differences between two values found at ``path`` (models, lists or plain values)."""
    if isinstance(old, BaseModel) and type(old) is type(new):
        for name in type(old).model_fields:
            yield from compare(getattr(old, name), getattr(new, name), _join(path, name), label)
    elif _keyed_lists(old, new):
        yield from _compare_keyed(old, new, path)
    elif _model_list(old) and _model_list(new):
        yield from _compare_by_position(old, new, path, label)
    elif old != new:
        yield FieldChange(path, ChangeKind.CHANGED, label, _plain(old), _plain(new))


def _compare_keyed(
    old: Sequence[BaseModel], new: Sequence[BaseModel], path: str
) -> Iterator[FieldChange]:
    """Elements with ids: matched by id, so an element inserted does not shift the others."""
    old_by_key = {getattr(element, KEY_FIELD): element for element in old}
    new_keys = {getattr(element, KEY_FIELD) for element in new}
    for key, element in old_by_key.items():
        if key not in new_keys:
            where = f"{path}[{key}]"
            yield FieldChange(where, ChangeKind.REMOVED, label_of(element), _plain(element))
    for element in new:
        key = getattr(element, KEY_FIELD)
        where = f"{path}[{key}]"
        if key not in old_by_key:
            yield FieldChange(where, ChangeKind.ADDED, label_of(element), None, _plain(element))
        else:
            yield from compare(old_by_key[key], element, where, label_of(element))


def _compare_by_position(
    old: Sequence[BaseModel], new: Sequence[BaseModel], path: str, label: str
) -> Iterator[FieldChange]:
    for index, (before, after) in enumerate(zip(old, new, strict=False)):
        yield from compare(before, after, f"{path}[{index}]", label_of(after) or label)
    for index in range(len(new), len(old)):
        element = old[index]
        where = f"{path}[{index}]"
        yield FieldChange(where, ChangeKind.REMOVED, label_of(element), _plain(element))
    for index in range(len(old), len(new)):
        element = new[index]
        where = f"{path}[{index}]"
        yield FieldChange(where, ChangeKind.ADDED, label_of(element), None, _plain(element))


def label_of(element: BaseModel) -> str:
    """How a reviewer names an element: its number and name as printed, else its name."""
    name = getattr(element, "name", "")
    if not isinstance(name, str):
        return ""
    # An item is printed "01. Đơn đề nghị…", a step "B2 Thẩm định…"; a channel by its name.
    number = getattr(element, "number", "")
    step = getattr(element, KEY_FIELD, "") if isinstance(element, WorkflowStep) else ""
    prefix = f"{number}." if number else step
    return f"{prefix} {name}".strip()


def _model_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(element, BaseModel) for element in value)


def _keyed_lists(old: Any, new: Any) -> bool:
    """Two lists of models each with an id, no id twice in either: matched by id.

    A list with a repeated id (the decision's step rows repeat "B1"; unnumbered rows
    share the empty id) is compared by position instead.
    """
    return _keyed(old) and _keyed(new)


def _keyed(value: Any) -> bool:
    if not _model_list(value):
        return False
    if any(KEY_FIELD not in type(element).model_fields for element in value):
        return False
    keys = [getattr(element, KEY_FIELD) for element in value]
    return len(set(keys)) == len(keys)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _plain(value: Any) -> Any:
    """The value as JSON holds it (dates as ISO text, enums as their value)."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", exclude_none=True)
    return to_jsonable_python(value)
