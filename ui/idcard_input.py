"""The box a handheld QR scanner types into: the citizen-ID card's text, then Enter.

A scanner in keyboard mode ("keyboard wedge") types the payload as keystrokes
and ends with Enter. The box parses it; a good card is emitted as
``IdCardReading`` for the applicant form to fill in, with the warnings shown
beside it; a bad one is explained and changes nothing. Either way the text is
selected, so the next scan replaces it instead of being appended. The same
path takes a QR read by the camera (``submit``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from app.idcard import IdCardReading, PayloadError, parse_payload
from camera.messages import Language
from ui.qt import QLabel, QLineEdit, QVBoxLayout, QWidget, Signal

OK_STYLE = "color: #2e7d32;"
WARNING_STYLE = "color: #ef6c00;"
ERROR_STYLE = "color: #c62828;"


class IdCardInput(QWidget):
    parsed = Signal(object)  # IdCardReading

    def __init__(
        self,
        language: Language = "vi",
        today: Callable[[], dt.date] = dt.date.today,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.language: Language = language
        self._today = today
        self.line = QLineEdit()
        self.line.setObjectName("idCardPayload")
        self.line.setPlaceholderText(self.tr("Scan the QR code on the citizen ID card"))
        self.line.returnPressed.connect(lambda: self.submit(self.line.text()))
        self.message = QLabel()
        self.message.setObjectName("idCardMessage")
        self.message.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.line)
        layout.addWidget(self.message)

    def submit(self, payload: str) -> IdCardReading | None:
        """Parse a payload (typed by the scanner or read by the camera); emit it when good."""
        try:
            reading = parse_payload(payload, self._today())
        except PayloadError as error:
            self._say(error.message_vi if self.language == "vi" else str(error), ERROR_STYLE)
            self.line.selectAll()
            return None
        warnings = [
            w.message_vi if self.language == "vi" else w.message_en for w in reading.warnings
        ]
        if warnings:
            self._say(" ".join(warnings), WARNING_STYLE)
        else:
            self._say(self.tr("ID card read; the applicant's fields are filled in."), OK_STYLE)
        self.line.selectAll()
        self.parsed.emit(reading)
        return reading

    def _say(self, text: str, style: str) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(style)
