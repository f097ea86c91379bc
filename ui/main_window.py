"""The counter's main window: receiving, today's dossiers, the catalogue, handing results
back, the results due soon, the statistics and the card data, one key away (Ctrl+1 … Ctrl+7).

It is the signed-in officer's (``session.officer``). The session menu beside the tabs
locks it (Ctrl+L), switches officer (Ctrl+Shift+O) or signs out (Ctrl+Shift+Q); after
``idle_lock_minutes`` without a key or the mouse it warns for a minute, then locks by
itself (``ui/idle.py``). Locked, the lock screen covers the tabs, which are kept as
they were, and only the same officer's password opens them again
(``ui/lock_screen.py``). Another officer switches officer: the locked officer's
unsaved dossier is discarded (after asking) and the window is theirs. An action the
officer's role may not do asks a supervisor or IT staff to approve it
(``ui/approval.py``); the settings are IT's, the day's trail (Ctrl+J) the
supervisor's and IT's. Forwarding the day's dossiers to the processing unit
(Ctrl+Shift+F) and taking in the results it delivers (Ctrl+Shift+R) are the window's
keys too, also on the hand-back screen; closing the day (Ctrl+Shift+D, the session menu)
is also on the statistics' day view.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import time
from collections.abc import Callable
from typing import Any

from app.about import AboutFacts, about_facts
from app.catalogue.loader import NoCatalogueInForce
from app.catalogue.model import Catalogue
from app.changes import NOTHING, Changes, Done
from app.counter import CounterSession
from app.officers.identity import Officer
from app.officers.outcomes import SignedIn
from app.officers.sign_in import lock, sign_out
from app.permissions import Authority, Permission, RoleRefused, require
from app.reference_data import ReferenceData
from app.settings import Settings, effective_now
from app.settings.camera import camera_of
from app.sync_ops import BackgroundSync, SyncStatus, sync_status
from camera.sources import FrameSource, webcam
from ui.about_dialog import KEY_ABOUT, AboutDialog
from ui.approval import Approvals
from ui.card_page import CardPage
from ui.catalogue_page import CataloguePage
from ui.change_password import ChangePasswordDialog
from ui.forward_dialog import ForwardDialog
from ui.hand_back_page import KEY_FORWARD, KEY_RESULTS_IN, HandBackPage
from ui.idle import IdleWatch
from ui.late_results_page import LateResultsPage
from ui.lock_screen import LockScreen
from ui.operations import Operations
from ui.qt import (
    QAction,
    QApplication,
    QCloseEvent,
    QDialog,
    QEvent,
    QGuiApplication,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QObject,
    QSize,
    QStackedWidget,
    Qt,
    QTabWidget,
    QTimer,
    QToolButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from ui.reception_page import ReceptionPage
from ui.results_in_dialog import ResultsInDialog
from ui.settings_dialog import SettingsDialog
from ui.sign_in import SignInDialog, session_gate
from ui.statistics_page import KEY_CLOSE_DAY, StatisticsPage
from ui.status_bar import CounterStatusBar
from ui.today_page import TodayPage
from ui.trail_dialog import TrailDialog, open_trail
from ui.worker import Worker

STATUS_INTERVAL_MS = 5000
KEY_LOCK = "Ctrl+L"
KEY_SWITCH = "Ctrl+Shift+O"
KEY_SIGN_OUT = "Ctrl+Shift+Q"
KEY_TRAIL = "Ctrl+J"


class MainWindow(QMainWindow):
    # A sync round ended: emitted on the sync thread, delivered on the window's (queued).
    synced = Signal()

    def __init__(
        self,
        catalogue: Catalogue,
        session: CounterSession,
        now: Callable[[], dt.datetime] = dt.datetime.now,
        camera: Callable[[int], FrameSource] = webcam,
        idle_clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self.setWindowTitle(self.tr("motcua — One-stop counter"))
        self.session, self.now, self.catalogue = session, now, catalogue
        self.worker = Worker(self)
        self.operations = Operations(self.worker, self)
        self.approvals = Approvals(session, self.operations, now)
        self.operations.approver = self.approvals
        self.signed_in: Officer | None = session.officer
        self.locked = False
        self.hidden_dialogs: list[QDialog] = []
        # Where the officer was typing when the window locked: the cursor goes back there.
        self.focus_at_lock: QWidget | None = None
        self.switch_dialog: SignInDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self.trail: TrailDialog | None = None
        self.settings_dialog: SettingsDialog | None = None
        self.about_dialog: AboutDialog | None = None
        self.reception = ReceptionPage(catalogue, session, self.operations, now, camera)
        self.today = TodayPage(
            session, self.operations, lambda: now().date(), catalogue=catalogue, now=now
        )
        self.catalogue_page = CataloguePage(catalogue)
        self.hand_back = HandBackPage(session, self.operations, catalogue, now)
        self.late_results = LateResultsPage(session, self.operations, catalogue, now)
        self.statistics = StatisticsPage(session, self.operations, catalogue, now)
        self.card_data = CardPage(session, self.operations, catalogue, now)
        self.forward_dialog: ForwardDialog | None = None
        self.results_in_dialog: ResultsInDialog | None = None
        self.tabs = QTabWidget()
        self.tabs.addTab(self.reception, self.tr("&Receive"))
        self.tabs.addTab(self.today, self.tr("&Today's dossiers"))
        self.tabs.addTab(self.catalogue_page, self.tr("&Catalogue"))
        self.tabs.addTab(self.hand_back, self.tr("Hand &over results"))
        self.tabs.addTab(self.late_results, self.tr("&Due soon"))
        self.tabs.addTab(self.statistics, self.tr("Statistics"))
        self.tabs.addTab(self.card_data, self.tr("Card data"))
        # The idle warning above the tabs; the lock screen instead of them when locked.
        self.idle_banner = QLabel()
        self.idle_banner.setObjectName("idleWarning")
        self.idle_banner.setWordWrap(True)
        self.idle_banner.setStyleSheet(
            "background: #fff3cd; color: #5d4200; padding: 6px; font-weight: bold;"
        )
        self.idle_banner.hide()
        work = QWidget()
        work_layout = QVBoxLayout(work)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.setSpacing(0)
        work_layout.addWidget(self.idle_banner)
        work_layout.addWidget(self.tabs, 1)
        self.lock_screen = LockScreen(session_gate(session), session.settings, self.operations, now)
        self.lock_screen.unlocked.connect(self._unlocked)
        self.lock_screen.switch_requested.connect(self.switch_officer)
        self.lock_screen.signed_in.connect(self._signed_in_here)
        self.stack = QStackedWidget()
        self.stack.addWidget(work)
        self.stack.addWidget(self.lock_screen)
        self.setCentralWidget(self.stack)
        self.status = CounterStatusBar(session)
        self.setStatusBar(self.status)
        # The window's own keys, off while it is locked (the pages' keys are off with them).
        self.work_actions: list[QAction] = []
        for index in range(self.tabs.count()):
            self._tab_shortcut(index)
        self.told_ready: tuple[str, ...] = ()
        self.synced.connect(self._after_sync)
        self.sync = self._start_sync(session)
        self.settings_action = self._action(self.tr("Settings…"), "Ctrl+,", self.open_settings)
        self._action(self.tr("Sync now"), "Ctrl+Shift+S", self._sync_now)
        self.forward_action = self._action(
            self.tr("Forward to the processing unit…"), KEY_FORWARD, self.open_forward
        )
        self.results_in_action = self._action(
            self.tr("Results from the processing unit…"), KEY_RESULTS_IN, self.open_results_in
        )
        self.hand_back.forward_requested.connect(self.forward_action.trigger)
        self.hand_back.results_in_requested.connect(self.results_in_action.trigger)
        self.lock_action = self._action(self.tr("Lock now"), KEY_LOCK, self.lock_now)
        self.trail_action = self._action(self.tr("Today's trail…"), KEY_TRAIL, self.open_trail)
        # The day the statistics' day view shows (today until another is shown).
        self.close_day_action = self._action(
            self.tr("Close the day…"), KEY_CLOSE_DAY, self.statistics.ask_to_close_day
        )
        self.sign_out_action = self._action(self.tr("Sign out"), KEY_SIGN_OUT, self.sign_out)
        # Also from the lock screen (another officer at a locked window).
        self.switch_action = QAction(self.tr("Switch officer…"), self)
        self.switch_action.setShortcut(QKeySequence(KEY_SWITCH))
        self.switch_action.triggered.connect(self.switch_officer)
        self.addAction(self.switch_action)
        # Beside the tabs rather than in a menu bar: every line of height counts at 720 px.
        self.session_menu = QMenu(self)
        for action in (self.lock_action, self.switch_action, self.sign_out_action):
            self.session_menu.addAction(action)
        self.session_menu.addSeparator()
        self.session_menu.addAction(self.trail_action)
        self.session_menu.addAction(self.close_day_action)
        self.session_menu.addAction(self.settings_action)
        self.session_menu.addSeparator()
        self.about_action = self._action(self.tr("About motcua…"), KEY_ABOUT, self.open_about)
        self.session_menu.addAction(self.about_action)
        self.session_button = QToolButton()
        self.session_button.setObjectName("sessionButton")
        self.session_button.setMenu(self.session_menu)
        self.session_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        settings_button = QToolButton()
        settings_button.setObjectName("settingsButton")
        settings_button.setDefaultAction(self.settings_action)
        settings_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        corner = QWidget()
        corner_layout = QHBoxLayout(corner)
        corner_layout.setContentsMargins(0, 0, 0, 0)
        corner_layout.addWidget(self.session_button)
        corner_layout.addWidget(settings_button)
        self.tabs.setCornerWidget(corner)
        self._show_officer(session.officer)
        self.idle = IdleWatch(lambda: self.session.settings.idle_lock_minutes, idle_clock, self)
        self.idle.warning.connect(self._idle_warning)
        self.idle.active.connect(self.idle_banner.hide)
        self.idle.idle.connect(lambda: self.lock(idle=True))
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_INTERVAL_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        self.refresh_status()
        self.status.show_reference(session.reference_data(), now().date())
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
        running = BackgroundSync(session.store, session.settings, on_round=self._round_ended)
        running.start()
        return running

    def _round_ended(self) -> None:
        """On the sync thread: hand over to the window's thread."""
        with contextlib.suppress(RuntimeError):  # the window is gone (closing): nobody to tell
            self.synced.emit()

    def _after_sync(self) -> None:
        """The results the centre set ready since the last round: told on the hand-back
        screen, and every screen showing dossiers reads them again."""
        self.refresh_status()
        self.refresh_reference()
        if self.sync is not None and self.sync.became_ready != self.told_ready:
            self.tell_became_ready(self.sync.became_ready)

    def refresh_reference(self) -> None:
        """The centre's catalogue versions and days off as the store holds them after a sync
        round, read off the GUI thread (each content is checked once)."""
        session = self.session
        self.operations.query(
            self, session.refresh_reference, self.use_reference, failure=lambda _error: None
        )

    def use_reference(self, reference: ReferenceData) -> None:
        """Shown in the status bar; a new catalogue version for today is used from the next
        dossier on (the one on screen keeps its version)."""
        today = self.now().date()
        self.status.show_reference(reference, today)
        try:
            catalogue = reference.catalogue_for(today)
        except NoCatalogueInForce:
            return  # the window keeps the version it has; the status bar says none is
        if (catalogue.content_hash, catalogue.origin) == (
            self.catalogue.content_hash,
            self.catalogue.origin,
        ):
            return
        self.catalogue = catalogue
        self.reception.use_catalogue(catalogue)
        # The pages that only name procedures read the new version from their next refresh.
        for page in (self.today, self.hand_back, self.late_results, self.statistics):
            page.catalogue = catalogue
        self.card_data.catalogue = catalogue

    def tell_became_ready(self, codes: tuple[str, ...]) -> None:
        self.told_ready = codes
        if codes:
            self.hand_back.show_became_ready(codes)
            self.operations.changed.emit(Changes(dossiers=True))

    def _action(self, text: str, key: str, slot: Callable[[], object]) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(key))
        action.triggered.connect(slot)
        self.addAction(action)
        self.work_actions.append(action)
        return action

    def _show_officer(self, officer: Officer | None) -> None:
        self.status.show_officer(officer)
        self.session_button.setText(
            officer.login + " ▾" if officer is not None else self.tr("Session ▾")
        )
        self.session_button.setToolTip(
            self.tr("Lock ({lock}), switch officer ({switch}), sign out ({out})")
            .replace("{lock}", KEY_LOCK)
            .replace("{switch}", KEY_SWITCH)
            .replace("{out}", KEY_SIGN_OUT)
        )

    # ------------------------------------------------------------ permissions

    def _with_permission(self, permission: Permission, go: Callable[[Authority], object]) -> None:
        """``go`` with the officer's authority, or once someone who may has approved."""
        try:
            authority = require(self.session.officer, permission)
        except RoleRefused as refused:

            def granted(approved: Authority) -> None:
                go(approved)

            self.approvals(self, refused, granted, lambda: None)
            return
        go(authority)

    def open_about(self) -> None:
        """The version, the catalogue in use, the store's revision and the data folder."""
        data_dir, catalogue = self.session.data_dir, self.catalogue
        self.operations.query(self, lambda: about_facts(data_dir, catalogue), self._show_about)

    def _show_about(self, facts: AboutFacts) -> None:
        self.about_dialog = AboutDialog(facts, self)
        self.about_dialog.open()

    def open_settings(self) -> None:
        """The settings dialog, IT's: with another role, once IT staff have approved."""
        self._with_permission(Permission.CHANGE_SETTINGS, self.show_settings)

    def show_settings(self, authority: Authority) -> SettingsDialog:
        """The settings dialog, saving with ``authority`` (IT's, or IT's approval)."""
        session = self.session
        dialog = SettingsDialog(
            session, session.settings.language, self.operations, self, authority
        )
        self.settings_dialog = dialog
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

    def open_trail(self) -> None:
        """Today's trail at this counter (supervisor or IT; approved otherwise)."""
        open_trail(self, self.session, self.operations, self.now().date(), self._trail_shown)

    def _trail_shown(self, dialog: TrailDialog) -> None:
        self.trail = dialog

    def open_forward(self) -> None:
        """The dossiers still to forward, marked with one key; the hand-over list printed."""
        if self.forward_dialog is not None:
            self.forward_dialog.deleteLater()
        dialog = ForwardDialog(self.session, self.operations, self.now, self.catalogue, self)
        self.forward_dialog = dialog
        dialog.open()

    def open_results_in(self) -> None:
        """The processing unit's results, scanned one by one."""
        if self.results_in_dialog is not None:
            self.results_in_dialog.deleteLater()
        dialog = ResultsInDialog(self.session, self.operations, self.now, self)
        self.results_in_dialog = dialog
        dialog.open()

    # ------------------------------------------------------------ sessions

    def _record(self, work: Callable[[], None]) -> None:
        """A lock or sign-out, recorded in the trail on the worker (nothing to refresh)."""

        def run() -> Done[None]:
            work()
            return Done(None, NOTHING)

        self.operations.change(self, run, failure=lambda _error: None)

    def _idle_warning(self, seconds: int) -> None:
        self.idle_banner.setText(
            self.tr(
                "No activity: this counter locks in {n} s. Press a key or move the mouse to"
                " stay signed in."
            ).replace("{n}", str(seconds))
        )
        self.idle_banner.show()

    def _set_working(self, working: bool) -> None:
        for action in self.work_actions:
            action.setEnabled(working)
        self.switch_action.setEnabled(working or self.signed_in is not None)
        self.stack.setCurrentIndex(0 if working else 1)
        # Covered, no dialog may show over the lock screen (a paper's preview at the end of
        # an operation begun before the lock): it waits, hidden, for the unlock.
        app = QApplication.instance()
        if app is not None and working:
            app.removeEventFilter(self)
        elif app is not None:
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            event.type() == QEvent.Type.Show
            and isinstance(watched, QDialog)
            and not isinstance(watched, QMessageBox)
            and watched not in (self.switch_dialog, self.password_dialog)
            and watched not in self.hidden_dialogs
            and self._owns(watched)
        ):
            self.hidden_dialogs.append(watched)
            QTimer.singleShot(0, watched.hide)
        return False

    def _owns(self, dialog: QDialog) -> bool:
        parent = dialog.parentWidget()
        while parent is not None:
            if parent is self:
                return True
            parent = parent.parentWidget()
        return False

    def lock_now(self) -> None:
        self.lock(idle=False)

    def lock(self, idle: bool) -> None:
        """Hide the screen (kept as it is) until the officer's password is typed."""
        officer = self.signed_in
        if officer is None or self.locked:
            return
        self.locked = True
        self.focus_at_lock = QApplication.focusWidget()
        self.idle.pause()
        self.idle_banner.hide()
        # A dialog open on the screen (a paper's preview, the settings) hides with it.
        self.hidden_dialogs = [
            dialog
            for dialog in self.findChildren(QDialog)
            if dialog.isVisible() and dialog is not self.switch_dialog
        ]
        for dialog in self.hidden_dialogs:
            dialog.hide()
        store, at = self.session.store, self.now()
        self._record(lambda: lock(store, officer, now=at, idle=idle))
        self._set_working(False)
        self.lock_screen.show_locked(officer, idle)

    def _unlocked(self) -> None:
        self.locked = False
        self._set_working(True)
        for dialog in self.hidden_dialogs:
            dialog.show()
        self.hidden_dialogs = []
        self.idle.resume()
        kept = self.focus_at_lock
        self.focus_at_lock = None
        if kept is not None and kept.isVisible():
            kept.setFocus()
        elif self.tabs.currentWidget() is self.reception:
            self.reception.picker.query.setFocus()

    def _discard_ok(self, question: str) -> bool:
        """True when nothing unsaved is on screen, or the officer agrees to drop it."""
        if not self.reception.has_unsaved_changes():
            return True
        answer = QMessageBox.question(self, self.tr("Discard the unsaved dossier?"), question)
        return answer == QMessageBox.StandardButton.Yes

    def sign_out(self) -> None:
        """End the officer's session; the window waits for the next one to sign in."""
        officer = self.signed_in
        if officer is None or not self._discard_ok(
            self.tr("The dossier on screen has not been saved. Sign out and discard it?")
        ):
            return
        store, at = self.session.store, self.now()
        self._record(lambda: sign_out(store, officer, now=at))
        self._end_session()
        self.lock_screen.show_signed_out()

    def _end_session(self) -> None:
        """Nothing of the officer's work stays for the next one."""
        for dialog in self.hidden_dialogs:
            dialog.reject()
        for dialog in self.findChildren(QDialog):
            if dialog is not self.switch_dialog and dialog.isVisible():
                dialog.reject()
        self.hidden_dialogs = []
        self.reception.clear()
        self.hand_back.clear()
        self.card_data.say("", problem=False)  # the last action's codes are not the next's
        self.signed_in = None
        self.locked = False
        self.idle.pause()
        self.idle_banner.hide()
        self._set_working(False)
        self._show_officer(None)

    def switch_officer(self) -> None:
        """Another officer takes the counter: the screen is hidden first, and the current
        officer's unsaved dossier is discarded (after asking) once the next one is in;
        cancelled, the window stays locked for the current officer."""
        if self.signed_in is None:
            self.lock_screen.show_signed_out()
            return
        if self.switch_dialog is not None:
            return
        if not self._discard_ok(
            self.tr(
                "The dossier on screen has not been saved. It will be discarded when the"
                " next officer signs in. Go on?"
            )
        ):
            return
        self.lock(idle=False)
        dialog = SignInDialog(
            session_gate(self.session),
            self.session.settings,
            self.operations,
            self.now,
            self,
            title=self.tr("Switch officer"),
        )
        self.switch_dialog = dialog
        self.lock_screen.show_switching(self.signed_in)
        dialog.rejected.connect(self._switch_cancelled)
        dialog.accepted.connect(lambda: self._switched(dialog.officer))
        dialog.finished.connect(lambda _code: self._switch_closed(dialog))
        dialog.open()

    def _switch_cancelled(self) -> None:
        if self.signed_in is not None and self.locked:
            self.lock_screen.show_locked(self.signed_in, idle=False)

    def _switch_closed(self, dialog: SignInDialog) -> None:
        if self.switch_dialog is dialog:
            self.switch_dialog = None
        dialog.deleteLater()

    def _switched(self, officer: Officer | None) -> None:
        previous = self.signed_in
        if officer is None:
            return
        if previous is not None and officer.login == previous.login:
            self.lock_screen.password.clear()
            self._unlocked()  # the same officer: their screen back as it was
            return
        if previous is not None:
            store, at = self.session.store, self.now()
            self._record(lambda: sign_out(store, previous, now=at))
        self._end_session()
        self._become(officer)

    def _signed_in_here(self, signed: SignedIn) -> None:
        """Someone signed in on the signed-out window (changing their password first if
        IT set it)."""
        if not signed.must_change:
            self._become(signed.officer)
            return
        dialog = ChangePasswordDialog(
            session_gate(self.session).change_password,
            signed.officer,
            self.session.settings.password_min_length,
            self.operations,
            self.now,
            self,
        )
        self.password_dialog = dialog
        dialog.accepted.connect(lambda: self._become(signed.officer))
        dialog.rejected.connect(self.lock_screen.show_signed_out)
        dialog.open()

    def _become(self, officer: Officer) -> None:
        """The window is ``officer``'s from now on: every page acts as them."""
        for dialog in self.hidden_dialogs:  # the previous officer's, finished meanwhile
            dialog.reject()
        self.hidden_dialogs = []
        self.focus_at_lock = None  # the previous officer's place
        self.session.officer = officer
        self.signed_in = officer
        self.locked = False
        self._show_officer(officer)
        self._set_working(True)
        self.idle.resume()
        self.tabs.setCurrentWidget(self.reception)
        self.reception.picker.query.setFocus()

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
        self.work_actions.append(action)

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
        officer = self.signed_in
        if officer is not None:
            store, at = self.session.store, self.now()
            self._record(lambda: sign_out(store, officer, now=at))
        self.idle.stop()
        self.reception.photo_panel.shutdown()
        self._status_timer.stop()
        if self.sync is not None:
            self.sync.stop()
        self.worker.stop()
        event.accept()
