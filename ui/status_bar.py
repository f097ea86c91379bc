"""The status bar: where, who, whether the printer, camera and central database answer, and
which catalogue version and days-off table are in use (shipped, or published by the centre)."""

from __future__ import annotations

import datetime as dt

from app.catalogue.loader import NoCatalogueInForce
from app.catalogue.model import CatalogueOrigin
from app.counter import CounterSession
from app.datafiles import SHOWN_PROBLEMS
from app.officers.identity import Officer
from app.reference_data import ReferenceData
from app.sync_ops import SyncStatus
from camera.grabber import SourceState
from ui.qt import QLabel, QPrinterInfo, QStatusBar, QWidget


class CounterStatusBar(QStatusBar):
    def __init__(self, session: CounterSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        settings = session.settings
        self.place = QLabel(settings.receiving_point or self.tr("Receiving point not set"))
        self.counter = QLabel(self.tr("Counter {n}").format(n=settings.counter_number))
        self.officer = QLabel()
        self.officer.setObjectName("officerName")
        self.printer = QLabel()
        self.camera = QLabel()
        self.camera.setObjectName("cameraState")
        self.sync = QLabel(self.tr("Central database: not connected"))
        self.reference = QLabel()
        self.reference.setObjectName("referenceData")
        # Never what makes the window wider than a counter's screen: cut short, whole in its tip.
        self.reference.setMinimumWidth(1)
        labels = (self.place, self.counter, self.officer, self.printer, self.camera, self.sync)
        for label in (*labels, self.reference):
            self.addPermanentWidget(label)
        self.show_printer()
        self.show_camera(SourceState.STOPPED)
        self.show_officer(session.officer)

    def show_officer(self, officer: Officer | None) -> None:
        """Who is signed in (nobody, between two officers)."""
        if officer is None:
            self.officer.setText(self.tr("Nobody signed in"))
            self.officer.setToolTip("")
            return
        self.officer.setText(officer.full_name)
        self.officer.setToolTip(f"{officer.login} — {officer.role_name()}")

    def show_printer(self) -> None:
        name = QPrinterInfo.defaultPrinterName()
        self.printer.setText(
            self.tr("Printer: {name}").format(name=name) if name else self.tr("Printer: none")
        )

    def show_camera(self, state: SourceState) -> None:
        """The camera thread's last report (``PhotoPanel.camera_changed``)."""
        texts = {
            SourceState.RUNNING: self.tr("Camera: on"),
            SourceState.UNAVAILABLE: self.tr("Camera: not found, retrying"),
        }
        self.camera.setText(texts.get(state, self.tr("Camera: off")))
        self.camera.setStyleSheet("color: #c62828;" if state is SourceState.UNAVAILABLE else "")

    def show_reference(self, reference: ReferenceData, day: dt.date) -> None:
        """The catalogue version of ``day`` and the days-off table in use, and where they came
        from; red, asking for an update, when the centre published one this program cannot
        use (the counter goes on with what it has)."""
        origins = {
            CatalogueOrigin.SHIPPED: self.tr("shipped"),
            CatalogueOrigin.CENTRE: self.tr("centre"),
        }
        try:
            catalogue = reference.catalogue_for(day)
        except NoCatalogueInForce:
            text = self.tr("Catalogue: none in force")
        else:
            text = self.tr("Catalogue {version} #{hash} ({origin})").format(
                version=catalogue.version,
                hash=catalogue.short_hash,
                origin=origins[catalogue.origin],
            )
        text += self.tr(" · days off {version}").format(version=reference.overrides.version)
        tips = [reference.in_use(day)]
        if reference.unusable:
            text += self.tr(" — update the program")
            for unusable in reference.unusable:
                tips.append(unusable.sentence())
                tips.extend(f"  {problem}" for problem in unusable.problems[:SHOWN_PROBLEMS])
        self.reference.setText(text)
        self.reference.setToolTip("\n".join(tips))
        self.reference.setStyleSheet(
            "color: #c62828; font-weight: bold;" if reference.unusable else ""
        )

    def show_sync(self, status: SyncStatus) -> None:
        """Pending operations, the last good round, the last error; red when offline too long."""
        if not status.configured:
            self.sync.setText(self.tr("Central database: not connected"))
            self.sync.setStyleSheet("")
            return
        last = (
            status.last_success_at.astimezone().strftime("%H:%M %d/%m")
            if status.last_success_at
            else self.tr("never")
        )
        text = self.tr("Sync: {pending} waiting, last {last}").format(
            pending=status.pending, last=last
        )
        if status.rejected:
            text += self.tr(", {n} refused by the centre").format(n=len(status.rejected))
        if status.unverified:
            # IT staff allowed this centre without TLS checks: nobody should forget it.
            text += self.tr(" — connection not verified")
        if status.last_error:
            text += self.tr(" — error: {error}").format(error=status.last_error[:80])
        self.sync.setText(text)
        tips = [status.last_error] if status.last_error else []
        if status.unverified:
            tips.append(
                self.tr(
                    "The central database's certificate is not checked: the connection could"
                    " be read or altered on the way. IT staff: add sslmode=verify-full to its"
                    " address."
                )
            )
        self.sync.setToolTip("\n".join(tips))
        self.sync.setStyleSheet(
            "color: #c62828; font-weight: bold;"
            if status.offline_warning or status.unverified
            else ""
        )
