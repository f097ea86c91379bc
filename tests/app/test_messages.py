"""Every message outside the window, walked in both languages.

Found rather than listed: each module of ``app``, ``camera`` and ``printing`` is
imported and every ``Message`` it holds at module level — alone, or in a dict,
tuple or list — is checked, so a new message is checked the day it is written.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import unicodedata
from collections.abc import Iterator
from types import ModuleType

import pytest

from app.i18n import LANGUAGES, Message, choose_language, current_language

PACKAGES = ("app", "camera", "printing")
# Modules that open the window or need a display: not message holders.
SKIPPED = {"app.cli.main"}


def _modules() -> Iterator[ModuleType]:
    for name in PACKAGES:
        package = importlib.import_module(name)
        yield package
        for info in pkgutil.walk_packages(package.__path__, f"{name}."):
            if info.name not in SKIPPED:
                yield importlib.import_module(info.name)


def _messages(value: object, where: str, depth: int = 0) -> Iterator[tuple[str, Message]]:
    if isinstance(value, Message):
        yield where, value
    elif depth < 3 and isinstance(value, dict):
        for key, item in value.items():
            yield from _messages(item, f"{where}[{key!r}]", depth + 1)
    elif depth < 3 and isinstance(value, tuple | list | frozenset | set):
        for index, item in enumerate(value):
            yield from _messages(item, f"{where}[{index}]", depth + 1)


def _all_messages() -> dict[str, Message]:
    found: dict[str, Message] = {}
    seen: set[int] = set()
    for module in _modules():
        for name, value in vars(module).items():
            if name.startswith("__"):
                continue
            for where, message in _messages(value, f"{module.__name__}.{name}"):
                # A message imported into another module is walked where it is declared.
                if id(message) not in seen:
                    seen.add(id(message))
                    found[where] = message
    return found


MESSAGES = _all_messages()
# Vietnamese letters that do not decompose into a base letter and a combining mark.
VIETNAMESE_LETTERS = set("đĐ")


_PLACEHOLDER = re.compile(r"(?<!\{)\{([A-Za-z_][A-Za-z0-9_]*)(?:[:!][^{}]*)?\}")


def _placeholders(template: str) -> set[str]:
    """``{name}`` and ``{name:02d}``; other braces are text (a message used without values)."""
    return set(_PLACEHOLDER.findall(template))


def _is_vietnamese(character: str) -> bool:
    if character in VIETNAMESE_LETTERS:
        return True
    decomposed = unicodedata.normalize("NFD", character)
    return decomposed[0].isascii() and any(unicodedata.combining(c) for c in decomposed[1:])


def test_the_walk_finds_the_messages_of_every_area() -> None:
    modules = {where.split(".")[0] for where in MESSAGES}
    assert modules == set(PACKAGES)
    assert len(MESSAGES) > 150
    walked = {id(message) for message in MESSAGES.values()}
    for module, name in (
        ("app.dossier.problems", "REQUIRED"),
        ("app.dossier.evaluation", "NOT_HANDED_IN"),
        ("app.workdays.explanation", "DUE"),
        ("app.idcard", "SEX_DIFFERS"),
        ("camera.messages", "ALL_GOOD"),
        ("app.cli.output", "REQUEST_INVALID"),
        ("printing.wording", "NATIONALITIES"),
    ):
        value = getattr(importlib.import_module(module), name)
        assert all(id(m) in walked for _, m in _messages(value, name)), f"{module}.{name}"


@pytest.mark.parametrize("where", sorted(MESSAGES))
def test_message(where: str) -> None:
    message = MESSAGES[where]
    assert message.vi.strip() and message.en.strip(), "both languages are written"
    assert _placeholders(message.vi) == _placeholders(message.en), "the same placeholders"
    assert unicodedata.is_normalized("NFC", message.vi), "Vietnamese in NFC"
    assert unicodedata.is_normalized("NFC", message.en)
    assert not [c for c in message.en if _is_vietnamese(c)], "no Vietnamese in the English"
    values: dict[str, object] = dict.fromkeys(_placeholders(message.vi), 7)
    for language in LANGUAGES:
        assert message.text(language, **values)


def test_the_chosen_language_speaks_every_message() -> None:
    before = current_language()
    try:
        for language in LANGUAGES:
            choose_language(language)
            for message in MESSAGES.values():
                values = dict.fromkeys(_placeholders(message.vi), 7)
                assert message(**values) == message.text(language, **values)
    finally:
        choose_language(before)


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        choose_language("fr")
