"""The status bar: where, who, and whether the printer, camera and central database answer."""

from __future__ import annotations

from app.counter import CounterSession
from ui.qt import QLabel, QPrinterInfo, QStatusBar, QWidget


class CounterStatusBar(QStatusBar):
    def __init__(self, session: CounterSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        settings = session.settings
        self.place = QLabel(settings.receiving_point or self.tr("Receiving point not set"))
        self.counter = QLabel(self.tr("Counter {n}").format(n=settings.counter_number))
        self.officer = QLabel(session.officer)
        self.printer = QLabel()
        self.camera = QLabel(self.tr("Camera: none"))
        self.sync = QLabel(self.tr("Central database: not connected"))
        for label in (self.place, self.counter, self.officer, self.printer, self.camera, self.sync):
            self.addPermanentWidget(label)
        self.show_printer()

    def show_printer(self) -> None:
        name = QPrinterInfo.defaultPrinterName()
        self.printer.setText(
            self.tr("Printer: {name}").format(name=name) if name else self.tr("Printer: none")
        )

    def show_camera(self, text: str) -> None:
        self.camera.setText(text)

    def show_sync(self, text: str) -> None:
        self.sync.setText(text)
