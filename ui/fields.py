"""Input fields that know their place in the request and show its rule when broken.

Every field carries the request path it fills ("applicant.date_of_birth"), so
the assessment's errors land on the field that caused them, in red, with the
rule as its tooltip.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ui.qt import QCheckBox, QComboBox, QLineEdit, QSpinBox, QWidget

ERROR_STYLE = "border: 2px solid #c62828;"


class Field:
    """What the form asks of each input: its path, its value, and showing a problem."""

    path: str
    widget: QWidget

    def value(self) -> Any:
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        raise NotImplementedError

    def show_problem(self, rule: str | None) -> None:
        self.widget.setStyleSheet(ERROR_STYLE if rule else "")
        self.widget.setToolTip(rule or "")


class TextField(Field):
    def __init__(self, path: str, placeholder: str = "", upper: bool = False) -> None:
        self.path, self.upper = path, upper
        self.widget = self.edit = QLineEdit()
        self.edit.setPlaceholderText(placeholder)

    def value(self) -> str | None:
        text = self.edit.text().strip()
        return (text.upper() if self.upper else text) or None

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class DateField(TextField):
    """A date typed as dd/mm/yyyy, the way Vietnamese papers print it."""

    def __init__(self, path: str) -> None:
        super().__init__(path, "dd/mm/yyyy")

    def value(self) -> str | None:
        text = self.edit.text().strip()
        if not text:
            return None
        try:
            return dt.datetime.strptime(text, "%d/%m/%Y").date().isoformat()
        except ValueError:
            return text  # the request model names the rule: not a valid date

    def set_value(self, value: Any) -> None:
        day = value if isinstance(value, dt.date) else None
        if isinstance(value, str) and value:
            day = dt.date.fromisoformat(value)
        self.edit.setText(day.strftime("%d/%m/%Y") if day else "")


class ListField(TextField):
    """Several short values in one line: licence classes "B2 C"."""

    def value(self) -> list[str] | None:  # type: ignore[override]
        text = self.edit.text().replace(",", " ").split()
        return [part.upper() for part in text] or None

    def set_value(self, value: Any) -> None:
        self.edit.setText(" ".join(value or []))


class ChoiceField(Field):
    """A choice; its first entry is usually "not known yet" (None)."""

    def __init__(self, path: str, choices: list[tuple[Any, str]]) -> None:
        self.path = path
        self.widget = self.combo = QComboBox()
        for key, label in choices:
            self.combo.addItem(label, key)

    def value(self) -> Any:
        return self.combo.currentData()

    def set_value(self, value: Any) -> None:
        index = self.combo.findData(value)
        self.combo.setCurrentIndex(max(index, 0))


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
