"""About motcua (F1): the facts a support call asks first, and a button to copy them.

The version, the catalogue version the window uses, the store's schema revision and the
data folder: ``app.about``'s facts, the same ``motcua --version`` prints, read off the GUI
thread (the store's revision is read from its file).
"""

from __future__ import annotations

from app.about import AboutFacts
from ui.qt import (
    QDialog,
    QDialogButtonBox,
    QGuiApplication,
    QLabel,
    QPushButton,
    Qt,
    QVBoxLayout,
    QWidget,
)

KEY_ABOUT = "F1"


class AboutDialog(QDialog):
    def __init__(self, facts: AboutFacts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About motcua"))
        self.facts = facts
        # Wide enough that a data folder's path and the catalogue line read on one line each.
        self.setMinimumWidth(self.fontMetrics().horizontalAdvance("m") * 40)
        layout = QVBoxLayout(self)
        self.fact_labels: list[QLabel] = []
        for line in facts.lines():
            label = QLabel(line)
            label.setWordWrap(True)
            # IT staff read these out or paste them into a support request.
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            layout.addWidget(label)
            self.fact_labels.append(label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.copy_button = QPushButton(self.tr("&Copy"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(self.copy)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def copy(self) -> None:
        QGuiApplication.clipboard().setText("\n".join(self.facts.lines()))
