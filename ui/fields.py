"""Input fields that know their place in the request and show its rule when broken.

Every field carries the request path it fills ("applicant.date_of_birth"), so
the assessment's errors land on the field that caused them: the input in red
and, right under it, the sentence that names the field by its label and says
what is expected ("Ngày sinh: nhập ngày/tháng/năm, ví dụ 15/03/1985").
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from typing import Any

from app.countries import COUNTRIES, find_country
from app.dates import DateKind, format_date, parse_date
from app.i18n import Language
from ui.qt import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QLabel,
    QLineEdit,
    QSpinBox,
    Qt,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "border: 2px solid #c62828;"
PROBLEM_STYLE = "color: #c62828;"
# A date typed in full (four-digit year): nothing more can follow, the form moves on.
FULL_DATE = re.compile(r"[0-9]{1,2}\s*([/.\- ])\s*[0-9]{1,2}\s*\1\s*[0-9]{4}|[0-9]{8}")


class Field:
    """What the form asks of each input: its path, its value, and showing a problem."""

    path: str
    widget: QWidget
    # Called when the value is complete without Enter (a date typed in full): the form
    # moves on to the next field still to fill (``ui.forms.NextField``).
    on_complete: Callable[[Field], None] | None = None
    _cell: QWidget | None = None
    _problem: QLabel | None = None

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    @property
    def cell(self) -> QWidget:
        """The input with its problem line under it: what the form lays out."""
        if self._cell is None:
            self._cell = QWidget()
            self._cell.setObjectName("fieldCell")  # the input and its problem line, seen together
            column = QVBoxLayout(self._cell)
            column.setContentsMargins(0, 0, 0, 0)
            column.setSpacing(1)
            column.addWidget(self.widget)
            self._problem = QLabel()
            self._problem.setObjectName("fieldProblem")
            self._problem.setWordWrap(True)
            self._problem.setStyleSheet(PROBLEM_STYLE)
            self._problem.setVisible(False)
            column.addWidget(self._problem)
        return self._cell

    def problem(self) -> str:
        """The sentence shown under the input, "" when the value is in order."""
        return self._problem.text() if self._problem is not None else ""

    def show_problem(self, sentence: str | None) -> None:
        """``sentence``: the field's label and what is expected; None when in order."""
        self.widget.setStyleSheet(ERROR_STYLE if sentence else "")
        self.widget.setToolTip(sentence or "")
        if self._problem is not None:
            self._problem.setText(sentence or "")
            self._problem.setVisible(bool(sentence))


class TextField(Field):
    def __init__(self, path: str, placeholder: str = "", upper: bool = False) -> None:
        self.path, self.upper = path, upper
        self.widget = self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)

    def value(self) -> str | None:
        """The text without its outer spaces; None while nothing is typed. Only spaces
        typed go to the request as they are, and the field's rule says what is wrong."""
        typed = self.edit.text()
        text = typed.strip()
        if not text:
            return typed or None
        return text.upper() if self.upper else text

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class DateField(TextField):
    """A date typed as papers print it, or quicker (15.03.1985, 15031985, 15/3/85), shown
    back as dd/mm/yyyy when the officer leaves the field. ``kind``: in which century a
    two-digit year lies (``app.dates``)."""

    def __init__(self, path: str, kind: DateKind = DateKind.PAST) -> None:
        super().__init__(path, "dd/mm/yyyy")
        self.kind = kind
        self.edit.editingFinished.connect(self._normalise)
        self.edit.textEdited.connect(self._moves_on_when_complete)

    def _moves_on_when_complete(self, text: str) -> None:
        if (
            self.on_complete is not None
            and FULL_DATE.fullmatch(text.strip())
            and parse_date(text, self.kind) is not None
        ):
            self.on_complete(self)

    def value(self) -> str | None:
        text = self.edit.text().strip()
        if not text:
            return None
        day = parse_date(text, self.kind)
        # Not a day: the text goes to the request, whose rule says what to type.
        return day.isoformat() if day else text

    def set_value(self, value: Any) -> None:
        day = value if isinstance(value, dt.date) else None
        if isinstance(value, str) and value:
            day = parse_date(value, self.kind)
        self.edit.setText(format_date(day) if day else "" if value is None else str(value))

    def _normalise(self) -> None:
        day = parse_date(self.edit.text(), self.kind)
        if day is not None and self.edit.text() != format_date(day):
            self.edit.setText(format_date(day))


class CountryField(TextField):
    """A country of ISO 3166, typed ahead by its name in either language or its code;
    the request gets the code ("KR"). A code typed whole in capitals moves on, like a
    full date: nothing longer starts with it, while a name ("Đức") may still grow."""

    def __init__(self, path: str, language: Language, placeholder: str = "") -> None:
        super().__init__(path, placeholder)
        self.language = language
        choices = sorted(
            (country.choice(language) for country in COUNTRIES.values()), key=str.casefold
        )
        self.completer = QCompleter(choices, self.edit)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.edit.setCompleter(self.completer)
        self.edit.textEdited.connect(self._moves_on_when_complete)

    def _moves_on_when_complete(self, text: str) -> None:
        code = text.strip()
        if self.on_complete is not None and len(code) == 2 and code.isupper() and code in COUNTRIES:
            popup = self.completer.popup()
            if popup is not None:
                popup.hide()
            self.on_complete(self)

    def value(self) -> str | None:
        text = self.edit.text().strip()
        if not text:
            return None
        country = find_country(text)
        return country.code if country else text  # not a country: the rule says so

    def set_value(self, value: Any) -> None:
        country = COUNTRIES.get(str(value)) if value else None
        self.edit.setText(country.choice(self.language) if country else str(value or ""))


class ListField(TextField):
    """Several short values in one line: licence classes "B2 C"."""

    def value(self) -> list[str] | None:  # type: ignore[override]
        text = self.edit.text().replace(",", " ").split()
        return [part.upper() for part in text] or None

    def set_value(self, value: Any) -> None:
        self.edit.setText(" ".join(value or []))


CHOICE_WIDTH = 24  # characters a choice box shows before it cuts a long entry


class ChoiceField(Field):
    """A choice; its first entry is usually "not known yet" (None)."""

    def __init__(self, path: str, choices: list[tuple[Any, str]]) -> None:
        self.path = path
        self.widget = self.combo = QComboBox()
        for key, label in choices:
            self.combo.addItem(label, key)
            self.combo.setItemData(self.combo.count() - 1, label, Qt.ItemDataRole.ToolTipRole)
        # A long entry ("Chấm dứt hợp đồng lao động…") is cut in the box, whole in its list
        # and tooltip, so it never makes the form wider than the counter's screen.
        self.combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.combo.setMinimumContentsLength(CHOICE_WIDTH)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(max(index, 0))

    def by_initial(self, letter: str) -> tuple[int, bool] | None:
        """The entry a letter chooses: the next one after the current (round the end) whose
        label starts with it, diacritics aside ("d" for "Đại học"), and whether it is the
        only one; None when no label starts with it."""
        wanted = _folded(letter)
        if not wanted:
            return None
        count = self.combo.count()
        starting = [i for i in range(count) if _folded(self.combo.itemText(i))[:1] == wanted]
        if not starting:
            return None
        current = self.combo.currentIndex()
        following = next((i for i in starting if i > current), starting[0])
        return following, len(starting) == 1


class CheckField(Field):
    def __init__(self, path: str, label: str) -> None:
        self.path = path
        self.widget = self.box = QCheckBox(label)

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: Any) -> None:
        self.box.setChecked(bool(value))


class NumberField(Field):
    def __init__(self, path: str, maximum: int = 1200) -> None:
        self.path = path
        self.widget = self.spin = QSpinBox()
        self.spin.setRange(-1, maximum)
        self.spin.setSpecialValueText("—")  # -1: not filled in
        self.spin.setValue(-1)

    def value(self) -> int | None:
        number = self.spin.value()
        return None if number < 0 else number

    def set_value(self, value: Any) -> None:
        self.spin.setValue(-1 if value is None else int(value))


def _folded(text: str) -> str:
    """Lower case without diacritics: "Đại" -> "dai"."""
    text = text.strip().casefold().replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def put(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``value`` at a dotted path of the request data; None leaves the key out."""
    if value is None:
        return
    *parents, last = path.split(".")
    node = data
    for key in parents:
        node = node.setdefault(key, {})
    node[last] = value


def get(data: dict[str, Any], path: str) -> Any:
    """The value at a dotted path of request data ("licences.0.number"), or None."""
    node: Any = data
    for key in path.split("."):
        if isinstance(node, list):
            node = node[int(key)] if key.isdigit() and int(key) < len(node) else None
        elif isinstance(node, dict):
            node = node.get(key)
        else:
            return None
    return node
