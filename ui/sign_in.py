"""Who is at the counter: every dossier records its officer and counter.

Until passwords and roles arrive, the officer picks their name from the local
list IT staff keep in the settings (``officers``).
"""

from __future__ import annotations

from app.settings import Settings, officer_names
from ui.qt import QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget


class SignInDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to the counter"))
        self.officer = QComboBox()
        self.officer.setObjectName("officer")
        self.officer.addItems(officer_names(settings))
        place = settings.receiving_point or self.tr("(receiving point not set)")
        where = QLabel(
            self.tr("{place} — counter {n}").format(place=place, n=settings.counter_number)
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QFormLayout(self)
        layout.addRow(where)
        layout.addRow(self.tr("&Officer"), self.officer)
        layout.addRow(buttons)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.officer.count() > 0)
        if self.officer.count() == 0:
            layout.addRow(
                QLabel(
                    self.tr(
                        "No officer is listed for this counter. IT staff add them with: "
                        'motcua settings set officers "Name One, Name Two"'
                    )
                )
            )

    def chosen_officer(self) -> str:
        return self.officer.currentText()
