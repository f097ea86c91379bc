"""The counter's settings window, built from the declared options (``app.settings.OPTIONS``).

Nothing here knows the options: one tab per group, one typed widget per option
(``ui/settings_widgets.py`` picks it from the option's rule), the label with a
mnemonic and the widget as its buddy. Every change is checked at once against
the declarations; a refused value is shown with the option's label and rule in
the counter's language, its widget outlined, and Save is disabled. Saving
writes the versioned file atomically and emits ``saved`` with the new
``Settings``: the main window applies the options marked "at once"
(``app.settings.effective_now``); the others (marked *) wait for the next start.

Changing the settings is IT staff's (``Permission.CHANGE_SETTINGS``): the window opens
this dialog with the authority it has (IT signed in, or IT's approval for this once),
and saving goes through ``app.counter_ops.change_settings`` with it, which records the
names of the options changed in the audit trail.
"""

from __future__ import annotations

from app.changes import Done
from app.counter import CounterSession
from app.counter_ops import change_settings
from app.i18n import Language
from app.permissions import Authority
from app.settings import (
    GROUPS,
    OPTIONS,
    Applies,
    SettingError,
    Settings,
    SettingsFileError,
    Value,
)
from app.sync_ops import check_reserve_settings
from ui.operations import Operations, officer_message
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGuiApplication,
    QLabel,
    QScrollArea,
    QSize,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.settings_widgets import OptionField, field_for

NEXT_START_MARK = " *"


def with_mnemonic(text: str, used: set[str]) -> str:
    """``text`` with ``&`` before its first letter (a-z) not yet used on this tab."""
    text = text.replace("&", "&&")
    for index, char in enumerate(text):
        key = char.lower()
        if key.isascii() and key.isalpha() and key not in used:
            used.add(key)
            return f"{text[:index]}&{text[index:]}"
    return text


class SettingsDialog(QDialog):
    saved = Signal(object)  # the new Settings, once written

    def __init__(
        self,
        session: CounterSession,
        language: str,
        operations: Operations,
        parent: QWidget | None = None,
        authority: Authority | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Counter settings"))
        # 860×620 where there is room; on a 1280×720 screen (less its task bar) no taller
        # than the screen: each tab scrolls, the buttons stay in view.
        screen = QGuiApplication.primaryScreen()
        room = screen.availableGeometry().size() - QSize(40, 60) if screen else QSize(860, 620)
        self.resize(QSize(860, 620).boundedTo(room))
        settings = session.settings
        self.session, self.settings, self.operations = session, settings, operations
        self.authority = authority
        self.language: Language = "en" if language == "en" else "vi"
        self.fields: dict[str, OptionField] = {}
        self.tabs = QTabWidget()
        self.tab_of: dict[str, int] = {}
        for group in GROUPS:
            form_widget = QWidget()
            form = QFormLayout(form_widget)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            used: set[str] = set()
            for declared in OPTIONS:
                if declared.group != group:
                    continue
                field = field_for(
                    declared, settings.value(declared.name), self.language, self._session_label
                )
                field.on_change(self._recheck)
                text = declared.label_in(self.language)
                if declared.applies is Applies.NEXT_START:
                    text += NEXT_START_MARK
                label = QLabel(with_mnemonic(text, used))
                label.setBuddy(field.focus_widget)
                form.addRow(label, field)
                self.fields[declared.name] = field
                self.tab_of[declared.name] = self.tabs.count()
            scroll = QScrollArea()
            scroll.setWidgetResizable(True)
            scroll.setWidget(form_widget)
            self.tabs.addTab(scroll, group.text(self.language))
        self.problem = QLabel()
        self.problem.setObjectName("settingsProblem")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        note = QLabel(
            self.tr(
                "* Applies the next time the program starts; "
                "the other settings apply as soon as they are saved."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def _session_label(self, number: int) -> str:
        return self.tr("Session {n}").replace("{n}", str(number))

    def edited(self) -> Settings:
        """The settings as entered; SettingError names the first option that breaks its rule."""
        changes: dict[str, Value] = {}
        for name, field in self.fields.items():
            value = field.value()
            if value != self.settings.value(name):
                changes[name] = value
        return self.settings.with_values(changes)

    def _recheck(self) -> None:
        self._check()

    def _check(self) -> Settings | None:
        for field in self.fields.values():
            field.show_problem(False)
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        try:
            settings = self.edited()
        except SettingError as error:
            if error.name in self.fields:
                self.fields[error.name].show_problem(True)
            self.problem.setText(error.text(self.language))
            save.setEnabled(False)
            return None
        self.problem.clear()
        save.setEnabled(True)
        return settings

    def _save(self) -> None:
        settings = self._check()
        if settings is None:
            return
        session, given = self.session, self.authority

        def save(authority: Authority | None) -> Done[Settings]:
            # A registered counter keeps the number and reserve size the centre holds.
            check_reserve_settings(session.data_dir, settings)
            return change_settings(session, settings, authority=authority or given)

        self.buttons.setEnabled(False)  # one save at a time, however often Enter is pressed
        self.operations.change_approved(self, save, self._saved, failure=self._refused)

    def _saved(self, settings: Settings) -> None:
        self.settings = settings
        self.saved.emit(settings)
        self.accept()

    def _refused(self, error: Exception) -> None:
        self.buttons.setEnabled(True)
        if isinstance(error, SettingsFileError):
            self.problem.setText(error.text(self.language))
        else:
            self.problem.setText(officer_message(error))
