"""A refusal of the program's own rules, said by one ``Message``.

The domain's errors that reach the officer (a dossier that cannot take
another round, a second re-appointment, a paper that cannot be made, a
counter without its agency code) subclass ``Refusal``: they are raised with
a message constant and its values, and ``str()`` speaks the language chosen
for the process — in the window (``ui.operations.officer_message``) as on the
command line. A value that is itself a ``Message`` (a status, a label) is
said in the same language.
"""

from __future__ import annotations

from app.i18n import Language, Message, OfficerError, current_language


class Refusal(OfficerError):
    """``message`` with ``values``; ``text(language)`` says it in another language."""

    def __init__(self, message: Message, /, **values: object) -> None:
        self.message, self.values = message, values
        super().__init__(self.text(current_language()))

    def text(self, language: Language) -> str:
        values = {
            name: value.text(language) if isinstance(value, Message) else value
            for name, value in self.values.items()
        }
        return self.message.text(language, **values)

    def __str__(self) -> str:
        return self.text(current_language())
