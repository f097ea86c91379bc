"""The one message mechanism outside the window: every sentence in Vietnamese and English.

Why a typed catalogue and not gettext: the program speaks exactly two
languages, and the Vietnamese text is the legal one, reviewed by the
department side by side with the English. A ``Message`` holds both, declared
as a module constant next to the code that says it, so a missing translation
is a missing constructor argument (mypy and the test that walks every
message catch it), a misspelt key is a NameError at import, and nothing has
to be compiled or installed before the command line can speak. The window's
own widget strings stay in Qt's ``.ts`` files, where Qt Linguist can edit them.

The language is chosen once per process (``choose_language``) from the
counter's settings; code that renders for a known reader (a paper, which is
always Vietnamese) passes the language explicitly with ``Message.text``.

Placeholders use ``str.format`` names: ``Message("Còn {count} ngày", "{count} days left")``;
a value may itself be a ``Message``, said in the sentence's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = get_args(Language)
DEFAULT_LANGUAGE: Language = "vi"

_chosen: list[Language] = [DEFAULT_LANGUAGE]


def choose_language(language: str) -> Language:
    """Make ``language`` the language of every message from now on; returns it."""
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}; known: {', '.join(LANGUAGES)}")
    chosen: Language = "en" if language == "en" else "vi"
    _chosen[0] = chosen
    return chosen


def current_language() -> Language:
    return _chosen[0]


@dataclass(frozen=True)
class Message:
    """One sentence (or label) in both languages; placeholders in ``{name}`` form."""

    vi: str
    en: str

    def text(self, language: Language, **values: object) -> str:
        """The sentence in ``language``; a value that is a ``Message`` itself (a field's
        label, a form's name) is said in the same language as the sentence around it."""
        template = self.en if language == "en" else self.vi
        if not values:
            return template
        return template.format(
            **{
                name: value.text(language) if isinstance(value, Message) else value
                for name, value in values.items()
            }
        )

    def __call__(self, **values: object) -> str:
        """The sentence in the chosen language."""
        return self.text(current_language(), **values)


class OfficerError(Exception):
    """An error of the program's own rules whose message is written for the officer.

    ``str(error)`` is shown as it is (in the chosen language): it names the field
    by its label and what is expected. Any other exception is a fault: the window
    names its kind for IT staff and never shows its text.
    """


class Refusal(OfficerError):
    """A refusal of the program's own rules, raised with one ``Message`` and its values.

    The domain's errors that reach the officer (a dossier that cannot take another
    round, a second re-appointment, a paper that cannot be made, a counter without
    its agency code) subclass it; ``str()`` speaks the language chosen for the
    process, ``text(language)`` another.
    """

    def __init__(self, message: Message, /, **values: object) -> None:
        self.message, self.values = message, values
        super().__init__(self.text(current_language()))

    def text(self, language: Language) -> str:
        return self.message.text(language, **self.values)

    def __str__(self) -> str:
        return self.text(current_language())
