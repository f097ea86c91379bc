"""The counter's main window: receiving, today's dossiers and the catalogue, one key away."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from app.catalogue.model import Catalogue
from app.changes import Changes
from app.counter import CounterSession
from app.settings import Settings, effective_now
from app.settings.camera import camera_of
from app.sync_ops import BackgroundSync, SyncStatus, sync_status
from camera.sources import FrameSource, webcam
from ui.catalogue_page import CataloguePage
from ui.operations import Operations
from ui.qt import (
    QAction,
    QCloseEvent,
    QGuiApplication,
    QKeySequence,
    QMainWindow,
    QMessageBox,
    QSize,
    Qt,
    QTabWidget,
    QTimer,
    QToolButton,
)
from ui.reception_page import ReceptionPage
from ui.settings_dialog import SettingsDialog
from ui.status_bar import CounterStatusBar
from ui.today_page import TodayPage
from ui.worker import Worker

STATUS_INTERVAL_MS = 5000


class MainWindow(QMainWindow):
    def __init__(
        self,
        catalogue: Catalogue,
        session: CounterSession,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        camera: Callable[[int], FrameSource] = webcam,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("motcua — One-stop counter"))
        self.session = session
        self.worker = Worker(self)
        self.operations = Operations(self.worker, self)
        self.reception = ReceptionPage(catalogue, session, self.operations, now, camera)
        self.today = TodayPage(
            session, self.operations, lambda: now().date(), catalogue=catalogue, now=now
        )
        self.catalogue_page = CataloguePage(catalogue)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.reception, self.tr("&Receive"))
        self.tabs.addTab(self.today, self.tr("&Today's dossiers"))
        self.tabs.addTab(self.catalogue_page, self.tr("&Catalogue"))
        self.setCentralWidget(self.tabs)
        self.status = CounterStatusBar(session)
        self.setStatusBar(self.status)
        for index in range(3):
            self._tab_shortcut(index)
        self.sync = self._start_sync(session)
        settings_action = QAction(self.tr("Settings…"), self)
        settings_action.setShortcut(QKeySequence("Ctrl+,"))
        settings_action.triggered.connect(self.open_settings)
        self.addAction(settings_action)
        # Beside the tabs rather than in a menu bar: every line of height counts at 720 px.
        settings_button = QToolButton()
        settings_button.setObjectName("settingsButton")
        settings_button.setDefaultAction(settings_action)
        settings_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.tabs.setCornerWidget(settings_button)
        sync_now = QAction(self.tr("Sync now"), self)
        sync_now.setShortcut(QKeySequence("Ctrl+Shift+S"))
        sync_now.triggered.connect(self._sync_now)
        self.addAction(sync_now)
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_INTERVAL_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        self.refresh_status()
        self.operations.changed.connect(self._changed)
        # The camera's words follow the camera thread's own reports, not a timer.
        photo_panel = self.reception.photo_panel
        photo_panel.camera_changed.connect(self.status.show_camera)
        self.status.show_camera(photo_panel.camera_state)
        self.today.complete_requested.connect(self._complete)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.reception.picker.query.setFocus()
        self.fit_screen()

    def fit_screen(self) -> None:
        """Open on the whole available screen of a counter PC (1280×720, 1366×768), or at a
        comfortable size centred on a larger one; never larger than the screen."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        available = screen.availableGeometry()
        comfortable = QSize(1440, 900)
        if available.width() <= comfortable.width() or available.height() <= comfortable.height():
            self.resize(available.size())
            self.setWindowState(Qt.WindowState.WindowMaximized)
            return
        self.resize(comfortable)
        self.move(available.center() - self.rect().center())

    def _start_sync(self, session: CounterSession) -> BackgroundSync | None:
        """Sync runs on its own thread when IT staff configured a central database."""
        if not sync_status(session.store).configured:
            return None
        running = BackgroundSync(session.store, session.settings)
        running.start()
        return running

    def open_settings(self) -> SettingsDialog:
        session = self.session
        dialog = SettingsDialog(
            session.data_dir, session.settings, session.settings.language, self.operations, self
        )
        # The options that apply at once do so now; the rest wait for the next start.
        dialog.saved.connect(
            lambda saved: setattr(session, "settings", effective_now(session.settings, saved))
        )
        in_use = session.settings.camera_source

        def use_camera(saved: Settings) -> None:
            # A camera source chosen in the settings takes over the photo panel at once.
            if saved.camera_source != in_use:
                camera = camera_of(saved)
                self.reception.photo_panel.use_camera(camera.make, camera.device)

        dialog.saved.connect(use_camera)
        dialog.open()
        return dialog

    def _sync_now(self) -> None:
        if self.sync is not None:
            self.sync.sync_now()

    def refresh_status(self) -> None:
        """Read the local sync state off the GUI thread; never the network."""
        store = self.session.store
        self.operations.query(
            self, lambda: sync_status(store), self._show_sync, failure=lambda _error: None
        )

    def _show_sync(self, status: SyncStatus) -> None:
        self.status.show_sync(status)

    def _changed(self, changes: Changes) -> None:
        if changes.sync_state:
            self.refresh_status()

    def _tab_shortcut(self, index: int) -> None:
        action = QAction(self)
        action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
        action.triggered.connect(lambda: self.tabs.setCurrentIndex(index))
        self.addAction(action)

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.reception:
            self.reception.picker.query.setFocus()

    def _complete(self, dossier_id: str, request: Any) -> None:
        if not self.reception.may_discard():
            return
        self.reception.complete_dossier(dossier_id, request)
        self.tabs.setCurrentWidget(self.reception)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt API)
        if self.reception.has_unsaved_changes():
            answer = QMessageBox.question(
                self,
                self.tr("Quit?"),
                self.tr("The dossier on screen has not been saved. Quit anyway?"),
            )
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        self.reception.photo_panel.shutdown()
        self._status_timer.stop()
        if self.sync is not None:
            self.sync.stop()
        self.worker.stop()
        event.accept()
