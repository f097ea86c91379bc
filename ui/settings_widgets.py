"""One typed widget per declared option, chosen by the option's rule.

``WholeNumber`` → spin box with the rule's bounds; ``OneOf`` → choice list;
``Clock`` → time editor (with a box for "empty" when the rule allows it);
``Sessions`` → a pair of time editors per session; ``PrinterName`` → the
installed printers (another name can be typed); ``PathName`` → a line edit
with Browse buttons (``QFileDialog``); ``CameraSource`` → the kind of source,
then a webcam's number or name, or a file's path; any other text rule → a line
edit with the rule under it. ``OptionField.value()`` gives the value in the
option's JSON type, or ``SettingError`` (label and rule) for a line edit whose
text breaks its rule.
"""

from __future__ import annotations

from collections.abc import Callable

from app.i18n import Language
from app.settings import (
    CAMERA_KINDS,
    CameraSource,
    Clock,
    OneOf,
    Option,
    PathName,
    Pattern,
    PrinterName,
    Sessions,
    Value,
    WholeNumber,
    parse_clock,
    parse_sessions,
)
from ui.fields import ERROR_STYLE
from ui.qt import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPrinterInfo,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QStackedWidget,
    QTime,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

TIME_FORMAT = "HH:mm"


def _time_edit(text: str) -> QTimeEdit:
    edit = QTimeEdit()
    edit.setDisplayFormat(TIME_FORMAT)
    if text:
        clock = parse_clock(text)
        edit.setTime(QTime(clock.hour, clock.minute))
    return edit


def _clock_text(edit: QTimeEdit) -> str:
    return edit.time().toString(TIME_FORMAT)


class OptionField(QWidget):
    """The widget of one option: its value, a signal-like hook on change, its problem shown."""

    def __init__(self, declared: Option, language: Language) -> None:
        super().__init__()
        self.declared = declared
        self.setObjectName(declared.name)
        self.setToolTip(declared.rule.describe().text(language))
        self.layout_ = QHBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)

    @property
    def focus_widget(self) -> QWidget:
        """What the label is the buddy of, and what gets the focus when the value is refused."""
        raise NotImplementedError

    def value(self) -> Value:
        raise NotImplementedError

    def on_change(self, call: Callable[[], None]) -> None:
        raise NotImplementedError

    def show_problem(self, broken: bool) -> None:
        self.focus_widget.setStyleSheet(ERROR_STYLE if broken else "")


class NumberField(OptionField):
    def __init__(self, declared: Option, rule: WholeNumber, value: int, language: Language) -> None:
        super().__init__(declared, language)
        self.spin = QSpinBox()
        self.spin.setRange(rule.low, rule.high)
        self.spin.setValue(value)
        self.spin.setAccelerated(True)
        self.layout_.addWidget(self.spin)
        self.layout_.addStretch(1)

    @property
    def focus_widget(self) -> QWidget:
        return self.spin

    def value(self) -> Value:
        return self.spin.value()

    def on_change(self, call: Callable[[], None]) -> None:
        self.spin.valueChanged.connect(lambda _value: call())


class ChoiceField(OptionField):
    def __init__(self, declared: Option, rule: OneOf, value: str, language: Language) -> None:
        super().__init__(declared, language)
        self.combo = QComboBox()
        for choice in rule.choices:
            self.combo.addItem(rule.name(choice).text(language), choice)
        self.combo.setCurrentIndex(max(0, self.combo.findData(value)))
        self.layout_.addWidget(self.combo)
        self.layout_.addStretch(1)

    @property
    def focus_widget(self) -> QWidget:
        return self.combo

    def value(self) -> Value:
        return str(self.combo.currentData())

    def on_change(self, call: Callable[[], None]) -> None:
        self.combo.currentIndexChanged.connect(lambda _index: call())


class ClockField(OptionField):
    """A time; when the rule allows "empty", a box with what empty means turns the time off."""

    def __init__(self, declared: Option, rule: Clock, value: str, language: Language) -> None:
        super().__init__(declared, language)
        self.time = _time_edit(value)
        self.empty: QCheckBox | None = None
        if rule.empty is not None:
            self.empty = QCheckBox(rule.empty.text(language))
            self.empty.setChecked(not value)
            self.empty.toggled.connect(lambda checked: self.time.setEnabled(not checked))
            self.time.setEnabled(bool(value))
        self.layout_.addWidget(self.time)
        if self.empty is not None:
            self.layout_.addWidget(self.empty)
        self.layout_.addStretch(1)

    @property
    def focus_widget(self) -> QWidget:
        return self.time

    def value(self) -> Value:
        if self.empty is not None and self.empty.isChecked():
            return ""
        return _clock_text(self.time)

    def on_change(self, call: Callable[[], None]) -> None:
        self.time.timeChanged.connect(lambda _time: call())
        if self.empty is not None:
            self.empty.toggled.connect(lambda _checked: call())


class SessionsField(OptionField):
    """One row per possible session: a box to open it, its start and end."""

    def __init__(
        self,
        declared: Option,
        rule: Sessions,
        value: str,
        language: Language,
        session_label: Callable[[int], str],
    ) -> None:
        super().__init__(declared, language)
        grid_host = QWidget()
        grid = QGridLayout(grid_host)
        grid.setContentsMargins(0, 0, 0, 0)
        sessions = parse_sessions(value)
        self.rows: list[tuple[QCheckBox, QTimeEdit, QTimeEdit]] = []
        for index in range(rule.at_most):
            used = index < len(sessions)
            start = _time_edit(f"{sessions[index].start:%H:%M}" if used else "")
            end = _time_edit(f"{sessions[index].end:%H:%M}" if used else "")
            box = QCheckBox(session_label(index + 1))
            box.setChecked(used)
            for edit in (start, end):
                edit.setEnabled(used)
                box.toggled.connect(edit.setEnabled)
            grid.addWidget(box, index, 0)
            grid.addWidget(start, index, 1)
            grid.addWidget(QLabel("–"), index, 2)
            grid.addWidget(end, index, 3)
            self.rows.append((box, start, end))
        grid.setColumnStretch(4, 1)
        column = QVBoxLayout()
        column.addWidget(grid_host)
        self.layout_.addLayout(column)

    @property
    def focus_widget(self) -> QWidget:
        return self.rows[0][0]

    def value(self) -> Value:
        return ",".join(
            f"{_clock_text(start)}-{_clock_text(end)}"
            for box, start, end in self.rows
            if box.isChecked()
        )

    def on_change(self, call: Callable[[], None]) -> None:
        for box, start, end in self.rows:
            box.toggled.connect(lambda _checked: call())
            start.timeChanged.connect(lambda _time: call())
            end.timeChanged.connect(lambda _time: call())

    def show_problem(self, broken: bool) -> None:
        for _box, start, end in self.rows:
            for edit in (start, end):
                edit.setStyleSheet(ERROR_STYLE if broken and edit.isEnabled() else "")


class PrinterField(OptionField):
    """The printers the system lists; the empty entry is the system's default printer."""

    def __init__(self, declared: Option, rule: PrinterName, value: str, language: Language) -> None:
        super().__init__(declared, language)
        self.combo = QComboBox()
        self.combo.setEditable(True)
        self.combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.combo.addItem("")
        self.combo.addItems(QPrinterInfo.availablePrinterNames())
        line = self.combo.lineEdit()
        if rule.empty is not None and line is not None:
            line.setPlaceholderText(rule.empty.text(language))
        self.combo.setCurrentText(value)
        self.combo.setMinimumContentsLength(30)
        self.layout_.addWidget(self.combo)
        self.layout_.addStretch(1)

    @property
    def focus_widget(self) -> QWidget:
        return self.combo

    def value(self) -> Value:
        return self.declared.parse(self.combo.currentText())

    def on_change(self, call: Callable[[], None]) -> None:
        self.combo.currentTextChanged.connect(lambda _text: call())


class LineField(OptionField):
    """An option typed in one line: its value is what the line says, read by the rule."""

    def __init__(self, declared: Option, value: str, language: Language) -> None:
        super().__init__(declared, language)
        self.edit = QLineEdit(value)

    @property
    def focus_widget(self) -> QWidget:
        return self.edit

    def value(self) -> Value:
        return self.declared.parse(self.edit.text())


class TextField(LineField):
    """Free text; the rule is shown under the edit, what "empty" means as its placeholder."""

    def __init__(self, declared: Option, value: str, language: Language, show_rule: bool) -> None:
        super().__init__(declared, value, language)
        empty = getattr(declared.rule, "empty", None)
        if empty is not None:
            self.edit.setPlaceholderText(empty.text(language))
        column = QVBoxLayout()
        column.addWidget(self.edit)
        if show_rule:
            rule = QLabel(declared.rule.describe().text(language))
            rule.setObjectName(f"{declared.name}_rule")
            rule.setWordWrap(True)
            rule.setStyleSheet("color: #616161;")
            column.addWidget(rule)
        self.layout_.addLayout(column)

    def on_change(self, call: Callable[[], None]) -> None:
        self.edit.textEdited.connect(lambda _text: call())


class PathField(LineField):
    """A path typed or chosen with Browse (a file; a folder too when the rule takes one)."""

    def __init__(
        self, declared: Option, rule: PathName, value: str, language: Language, filter_: str = ""
    ) -> None:
        super().__init__(declared, value, language)
        self.filter = filter_
        self.edit.setMinimumWidth(160)
        if rule.empty is not None:
            self.edit.setPlaceholderText(rule.empty.text(language))
        self.browse_file = QPushButton(self.tr("&Browse…"))
        self.browse_file.setObjectName(f"{declared.name}_file")
        self.browse_file.clicked.connect(self._choose_file)
        self.browse_folder = QPushButton(self.tr("F&older…"))
        self.browse_folder.setObjectName(f"{declared.name}_folder")
        self.browse_folder.clicked.connect(self._choose_folder)
        self.browse_folder.setVisible(rule.folders)
        self.layout_.addWidget(self.edit, 1)
        self.layout_.addWidget(self.browse_file)
        self.layout_.addWidget(self.browse_folder)

    def path_text(self) -> str:
        return self.edit.text().strip()

    def on_change(self, call: Callable[[], None]) -> None:
        self.edit.textChanged.connect(lambda _text: call())

    def _choose_file(self) -> None:
        name, _chosen = QFileDialog.getOpenFileName(
            self, self.tr("Choose a file"), self.path_text(), self.filter
        )
        if name:
            self.edit.setText(name)

    def _choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Choose a folder"), self.path_text())
        if name:
            self.edit.setText(name)


class CameraSourceField(OptionField):
    """The kind of source, then a webcam's number (or device name) or a file's path."""

    def __init__(
        self, declared: Option, rule: CameraSource, value: str, language: Language
    ) -> None:
        super().__init__(declared, language)
        choice = rule.choice(value)
        self.kind = QComboBox()
        self.kind.setObjectName(f"{declared.name}_kind")
        for kind, name in CAMERA_KINDS.items():
            self.kind.addItem(name.text(language), kind)
        self.kind.setCurrentIndex(max(0, self.kind.findData(choice.kind)))
        # A webcam by its number, as the photo panel lists them, or a device name typed in.
        self.device = QComboBox()
        self.device.setObjectName(f"{declared.name}_device")
        self.device.setEditable(True)
        self.device.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.device.addItems([str(number) for number in range(1, 11)])
        self.device.setCurrentText(choice.target if choice.kind == "webcam" else "1")
        self.device.setMinimumContentsLength(12)
        self.path = PathField(
            declared, rule.path, "" if choice.kind == "webcam" else choice.target, language
        )
        self.path.setObjectName(f"{declared.name}_path")
        self.targets = QStackedWidget()
        device_host = QWidget()
        device_row = QHBoxLayout(device_host)
        device_row.setContentsMargins(0, 0, 0, 0)
        device_row.addWidget(self.device)
        device_row.addStretch(1)
        self.targets.addWidget(device_host)
        self.targets.addWidget(self.path)
        self.kind.currentIndexChanged.connect(lambda _index: self._show_target())
        self._show_target()
        # The kind above what it names: the form stays as narrow as its other rows.
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind)
        kind_row.addStretch(1)
        column = QVBoxLayout()
        column.addLayout(kind_row)
        column.addWidget(self.targets)
        self.layout_.addLayout(column, 1)
        # One row, however tall the form's other rows make the tab.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)

    def _show_target(self) -> None:
        kind = str(self.kind.currentData())
        self.targets.setCurrentIndex(0 if kind == "webcam" else 1)
        self.path.browse_folder.setVisible(kind == "image")
        self.path.filter = (
            self.tr("Videos (*.avi *.mp4 *.mkv *.mov *.wmv *.webm)")
            if kind == "video"
            else self.tr("Images (*.jpg *.jpeg *.png *.bmp *.tif *.tiff)")
        )

    @property
    def focus_widget(self) -> QWidget:
        return self.kind

    def value(self) -> Value:
        kind = str(self.kind.currentData())
        target = self.device.currentText() if kind == "webcam" else self.path.edit.text()
        return self.declared.parse(f"{kind}:{target.strip()}")

    def on_change(self, call: Callable[[], None]) -> None:
        self.kind.currentIndexChanged.connect(lambda _index: call())
        self.device.currentTextChanged.connect(lambda _text: call())
        self.path.on_change(call)

    def show_problem(self, broken: bool) -> None:
        target = self.device if self.targets.currentIndex() == 0 else self.path.edit
        target.setStyleSheet(ERROR_STYLE if broken else "")


def field_for(
    declared: Option, value: Value, language: Language, session_label: Callable[[int], str]
) -> OptionField:
    """The widget that fits the option's rule."""
    rule = declared.rule
    if isinstance(rule, WholeNumber) and isinstance(value, int):
        return NumberField(declared, rule, value, language)
    text = str(value)
    if isinstance(rule, OneOf):
        return ChoiceField(declared, rule, text, language)
    if isinstance(rule, Clock):
        return ClockField(declared, rule, text, language)
    if isinstance(rule, Sessions):
        return SessionsField(declared, rule, text, language, session_label)
    if isinstance(rule, PrinterName):
        return PrinterField(declared, rule, text, language)
    if isinstance(rule, CameraSource):
        return CameraSourceField(declared, rule, text, language)
    if isinstance(rule, PathName):
        return PathField(declared, rule, text, language)
    # Text of a fixed shape (the agency code) shows its rule; free text needs no more.
    return TextField(declared, text, language, show_rule=isinstance(rule, Pattern))
