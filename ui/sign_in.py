"""Who is at the counter: every dossier records its officer and counter.

Until passwords and roles arrive, the officer picks their name from the local
list IT staff keep in the settings (``officers``). A counter not set up yet is
set up first (``ui/setup_assistant.py``); should the list still be empty, the
dialog offers the assistant again rather than a dead end.
"""

from __future__ import annotations

from collections.abc import Callable

from app.settings import Settings, officer_names
from ui.qt import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QPushButton, QWidget

# Runs the set-up assistant; the settings it saved, or None when it was cancelled.
SetUp = Callable[[Settings], Settings | None]


class SignInDialog(QDialog):
    def __init__(
        self, settings: Settings, parent: QWidget | None = None, set_up: SetUp | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to the counter"))
        self.settings = settings
        self._set_up = set_up
        self.officer = QComboBox()
        self.officer.setObjectName("officer")
        self.where = QLabel()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.no_officer = QLabel(self.tr("No officer is listed for this counter yet."))
        self.no_officer.setWordWrap(True)
        self.set_up_button = QPushButton(self.tr("&Set up this counter…"))
        self.set_up_button.setObjectName("setUpCounter")
        self.set_up_button.clicked.connect(self._run_set_up)
        layout = QFormLayout(self)
        layout.addRow(self.where)
        layout.addRow(self.tr("&Officer"), self.officer)
        layout.addRow(self.no_officer)
        layout.addRow(self.set_up_button)
        layout.addRow(self.buttons)
        self.show_settings(settings)

    def show_settings(self, settings: Settings) -> None:
        """The point, the counter and its officers as ``settings`` have them."""
        self.settings = settings
        self.officer.clear()
        self.officer.addItems(officer_names(settings))
        place = settings.receiving_point or self.tr("(receiving point not set)")
        self.where.setText(
            self.tr("{place} — counter {n}").format(place=place, n=settings.counter_number)
        )
        empty = self.officer.count() == 0
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not empty)
        self.no_officer.setVisible(empty)
        self.set_up_button.setVisible(empty and self._set_up is not None)

    def _run_set_up(self) -> None:
        if self._set_up is None:
            return
        saved = self._set_up(self.settings)
        if saved is not None:
            self.show_settings(saved)
            self.officer.setFocus()

    def chosen_officer(self) -> str:
        return self.officer.currentText()
