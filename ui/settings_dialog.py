"""The counter's settings, one field per declared option (``app.settings.OPTIONS``).

Nothing here knows the options: adding one to the declarations adds its field.
A value is checked against its rule as it is typed, the rule shown in red
under the form, and saving writes the versioned file atomically.
"""

from __future__ import annotations

from pathlib import Path

from app.settings import OPTIONS, SettingError, Settings, save_settings
from ui.fields import ERROR_STYLE
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)


class SettingsDialog(QDialog):
    def __init__(
        self, data_dir: Path, settings: Settings, language: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Counter settings"))
        self.resize(720, 640)
        self.data_dir, self.settings = data_dir, settings
        self.edits: dict[str, QLineEdit] = {}
        form_widget = QWidget()
        form = QFormLayout(form_widget)
        for declared in OPTIONS:
            edit = QLineEdit(str(settings.value(declared.name)))
            edit.setObjectName(declared.name)
            edit.setToolTip(declared.rule)
            edit.textEdited.connect(self._check)
            form.addRow(declared.label(language), edit)
            self.edits[declared.name] = edit
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(form_widget)
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
        layout.addWidget(scroll)
        layout.addWidget(QLabel(self.tr("Changes apply the next time the program starts.")))
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)

    def edited(self) -> Settings:
        """The settings as typed; SettingError names the first option that breaks its rule."""
        settings = self.settings
        for name, edit in self.edits.items():
            settings = settings.with_text(name, edit.text())
        return settings

    def _check(self) -> Settings | None:
        for edit in self.edits.values():
            edit.setStyleSheet("")
        try:
            settings = self.edited()
        except SettingError as error:
            self.edits[error.name].setStyleSheet(ERROR_STYLE)
            self.problem.setText(str(error))
            self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
            return None
        self.problem.clear()
        self.buttons.button(QDialogButtonBox.StandardButton.Save).setEnabled(True)
        return settings

    def _save(self) -> None:
        settings = self._check()
        if settings is not None:
            save_settings(self.data_dir, settings)
            self.settings = settings
            self.accept()
