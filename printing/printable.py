"""What a paper prints of a text: composed, without control characters, and bounded.

Text reaches the papers from the store, the settings and the centre, and a store
written under older rules (or by another program) may hold what the input rules
refuse today: a NUL in a name, which no workbook cell may hold; a line break or a
right-to-left override; a 100,000-character address, which made BM 01 sixty pages
long and the register's table a row taller than a page. So:

- every text is cleaned where a paper prints it: the paragraphs of
  ``printing.official_paper``, the workbook's cells and the PDF's metadata all go
  through ``printable``;
- every value of the data a paper is made from (``printing.model``) is bounded
  when that data is made (``bounded``), at the bound its kind of field has at
  input (``app.dossier.request``), the last character an ellipsis: one field can
  never make a slip longer than its page count;
- a table cell is wrapped, then clipped to its share of the page
  (``official_paper.bordered_table``): a register row is never larger than a page.
"""

from __future__ import annotations

import dataclasses
import functools
import unicodedata
from collections.abc import Mapping
from enum import Enum
from typing import Any, Final

from pydantic import BaseModel

from app.dossier.request import NAME_MAX, TEXT_MAX

ELLIPSIS = "…"
# Characters that are no text: controls (Cc), format characters (Cf: zero-width
# joiners, bidirectional overrides, soft hyphens), private use (Co), lone surrogates
# (Cs), and the line and paragraph separators (Zl, Zp).
NOT_TEXT = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
# More than the bound is read before cleaning, in case cleaning shortens the text; a
# longer text is cut first so that cleaning never walks a megabyte to print 300 characters.
_READ_AHEAD = 4

# The bound of each kind of field a paper prints, for the dataclasses of
# ``printing.model`` (a request's own fields have theirs in the model): in a field's
# metadata, ``bound(NAME)``; a field without one is a text, ``TEXT``.
NAME: Final = NAME_MAX
TEXT: Final = TEXT_MAX
# The program's own words (the catalogue's, in an evaluation) and the dossier code,
# printed exactly (a code is also drawn as a barcode): never cut.
AS_IS: Final = None
_BOUND = "printed_bound"


def bound(limit: int | None) -> dict[str, int | None]:
    """A dataclass field's metadata: the most characters of it a paper prints."""
    return {_BOUND: limit}


def printable(text: str, limit: int | None = None) -> str:
    """``text`` as a paper prints it: NFC, control and format characters left out (a line
    break or a tab becomes a space), and at most ``limit`` characters, the last an ellipsis.

    By hand, not with ``re``: the standard library's expressions have no Unicode
    categories, and this is the only place that needs them.
    """
    cut = limit is not None and len(text) > limit * _READ_AHEAD
    if limit is not None and cut:
        text = text[: limit * _READ_AHEAD]
    composed = unicodedata.normalize("NFC", text)
    if any(unicodedata.category(char) in NOT_TEXT for char in composed):
        composed = "".join(
            (" " if char.isspace() else "") if unicodedata.category(char) in NOT_TEXT else char
            for char in composed
        )
    if limit is not None and (cut or len(composed) > limit):
        return composed[: max(limit - 1, 0)].rstrip() + ELLIPSIS
    return composed


def bounded(data: Any, limit: int | None = TEXT) -> Any:
    """``data`` with every text printable and within its field's bound: a text, a list or
    mapping of them (``limit`` each), a pydantic model (each field at the length it
    declares, else ``TEXT``) or a dataclass (each field at its ``bound``, else ``TEXT``).
    The same object comes back when nothing had to change."""
    if isinstance(data, str) and not isinstance(data, Enum):
        # A value's own edges: a control character left out at its end leaves a space.
        text = printable(data, limit).strip()
        return data if text == data else text
    if isinstance(data, BaseModel):
        return _bounded_model(data)
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        changes = changed_fields(data)
        return dataclasses.replace(data, **changes) if changes else data
    if isinstance(data, list | tuple):
        items = [bounded(item, limit) for item in data]
        if all(new is old for new, old in zip(items, data, strict=True)):
            return data
        return type(data)(items)
    if isinstance(data, Mapping):
        values = {key: bounded(value, limit) for key, value in data.items()}
        if all(values[key] is value for key, value in data.items()):
            return data
        return values
    return data


class PaperData:
    """The base of a paper's dataclass (``printing.model``): its texts made printable and
    bounded as it is made."""

    def __post_init__(self) -> None:
        # Frozen dataclasses: the bounded values replace the given ones once, here.
        for name, value in changed_fields(self).items():
            object.__setattr__(self, name, value)


def changed_fields(data: Any) -> dict[str, Any]:
    """The fields of the dataclass ``data`` that ``bounded`` changes, with their new values:
    what a paper's dataclass sets on itself once made (``printing.model``)."""
    changes = {}
    for field in dataclasses.fields(data):
        limit = field.metadata.get(_BOUND, TEXT)
        if limit is AS_IS:
            continue
        value = getattr(data, field.name)
        new = bounded(value, limit)
        if new is not value:
            changes[field.name] = new
    return changes


def _bounded_model(model: BaseModel) -> BaseModel:
    limits = _declared_lengths(type(model))
    changes = {}
    for name in type(model).model_fields:
        value = getattr(model, name)
        new = bounded(value, limits.get(name, TEXT))
        if new is not value:
            changes[name] = new
    return model.model_copy(update=changes) if changes else model


@functools.cache
def _declared_lengths(model: type[BaseModel]) -> dict[str, int]:
    """The longest text each field of ``model`` takes at input, as its JSON Schema says
    (``maxLength``, also inside ``anyOf`` for an optional field)."""
    lengths = {}
    for name, schema in model.model_json_schema()["properties"].items():
        for option in (schema, *schema.get("anyOf", ())):
            if "maxLength" in option:
                lengths[name] = int(option["maxLength"])
                break
    return lengths
