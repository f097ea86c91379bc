"""Starting the counter window: settings, language, catalogue, set-up, store, sign-in, window.

The store is opened before anyone signs in (the accounts are in it; sign-in works
offline). A store with no account at all is set up with its first IT staff account
(``ui/setup_assistant.py``); then the officer signs in (``ui/sign_in.py``) and the
window is theirs until they sign out, switch officer or quit.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from app.audit import record_settings_change
from app.catalogue.loader import CatalogueError, load_catalogue_for
from app.datadir import DataDirError, resolve_data_dir
from app.failures import EXIT_BAD_CATALOGUE, EXIT_BAD_INPUT, EXIT_OK, EXIT_STORE, StoreUnusable
from app.i18n import choose_language
from app.officers.accounts import add_account, change_own_password, has_accounts
from app.officers.identity import NOBODY_SIGNED_IN, Officer, Role
from app.officers.sign_in import sign_in, unlock
from app.settings import Settings, SettingsFileError, load_settings, missing_steps
from app.store_ops import open_store
from ui.operations import Operations
from ui.qt import (
    QApplication,
    QCoreApplication,
    QDialog,
    QEventLoop,
    QMessageBox,
    QProgressDialog,
    Qt,
)
from ui.qt_logging import route_qt_messages_to_logging
from ui.sign_in import Gate, SignInDialog
from ui.translation import install_language
from ui.worker import Worker

T = TypeVar("T")

# What the window needs once an officer has signed in and the sign-in dialog does not: the
# main window with its pages, the session, the camera's choice. Imported on a thread of its
# own while the sign-in dialog is on screen (the officer types for seconds; importing them
# first made the dialog wait a second or more, issue 19). Importing is only loading code:
# no widget is made off the GUI thread.
WINDOW_STACK = ("ui.main_window", "app.counter", "app.settings.camera")


def load_window_stack() -> threading.Thread:
    """Start importing ``WINDOW_STACK`` in the background. A later ``import`` of one of them
    on the GUI thread waits for this one (Python's import lock) instead of importing it
    twice; an error is raised again by that import, where the window is built."""

    def load() -> None:
        for name in WINDOW_STACK:
            try:
                importlib.import_module(name)
            except Exception:  # raised again by the GUI thread's own import, and shown there
                return

    loading = threading.Thread(target=load, name="motcua-window-stack", daemon=True)
    loading.start()
    return loading


def _opening() -> str:
    return QCoreApplication.translate("application", "Opening the dossier store…")


def create_application(argv: list[str], language: str) -> QApplication:
    route_qt_messages_to_logging()
    app = QApplication(argv)
    app.setApplicationName("motcua")
    app.setOrganizationName("motcua")
    # One choice for the whole process: the widgets' .ts and every app.i18n message.
    choose_language(language)
    install_language(app, language)
    return app


def _stop(app: QApplication, title: str, message: str, code: int) -> int:
    QMessageBox.critical(None, title, message)
    print(f"motcua: {message}", file=sys.stderr)
    return code


def run_counter_window() -> int:
    try:
        data_dir = resolve_data_dir(None)
        settings = load_settings(data_dir)
    except (DataDirError, SettingsFileError) as error:
        app = create_application(sys.argv, "vi")
        title = QCoreApplication.translate("application", "The settings cannot be used")
        return _stop(app, title, str(error), EXIT_BAD_INPUT)
    app = create_application(sys.argv, settings.language)
    try:
        catalogue = load_catalogue_for(dt.date.today())
    except CatalogueError as error:
        title = QCoreApplication.translate("application", "The catalogue cannot be used")
        return _stop(app, title, str(error), EXIT_BAD_CATALOGUE)
    # A counter not set up yet is set up before anyone signs in: no dossier is typed
    # at a counter that could not store it.
    set_up = set_up_if_needed(data_dir, settings)
    if set_up is None:
        return EXIT_OK
    filled = [
        name for name in Settings.model_fields if getattr(set_up, name) != getattr(settings, name)
    ]
    settings = set_up
    try:
        # Opened (and, after an update, migrated) without freezing the window.
        store = with_progress(_opening(), lambda: open_store(data_dir, settings))
    except StoreUnusable as error:
        # Missing, emptied, replaced, damaged, on a full disk or a read-only folder: one
        # dialog naming the file and what to do, and nothing numbered (docs/store.md).
        title = QCoreApplication.translate("application", "The dossier store cannot be used")
        return _stop(app, title, str(error), EXIT_STORE)
    if filled:
        # The assistant fills only options still empty, before anyone can sign in (a new
        # counter has no account yet); what it filled is recorded, by nobody signed in.
        with_progress(
            _opening(),
            lambda: record_settings_change(store, NOBODY_SIGNED_IN, filled, via="set-up"),
        )
    try:
        minimum = settings.password_min_length
        gate = Gate(
            sign_in=lambda login, password, at: sign_in(store, login, password, now=at),
            change_password=lambda officer, password, length, at: change_own_password(
                store, officer, password, minimum_length=length, now=at
            ),
            unlock=lambda officer, password, at: unlock(store, officer, password, now=at),
        )
        any_account = with_progress(_opening(), lambda: has_accounts(store))
        load_window_stack()
        officer = sign_in_at_start(
            data_dir,
            settings,
            gate,
            None
            if any_account
            else lambda login, name, password, at: add_account(
                store, None, login, name, Role.IT, password, minimum_length=minimum, now=at
            ),
        )
        if officer is None:
            return EXIT_OK
        # Loaded while the sign-in dialog was on screen (``load_window_stack``).
        from app.counter import CounterSession
        from app.settings.camera import camera_of
        from ui.main_window import MainWindow

        session = CounterSession(data_dir, settings, officer, store)
        # The centre's catalogue versions and days off, as the last sync round brought them
        # (the shipped ones checked above are the fallback).
        reference = with_progress(_opening(), session.refresh_reference)
        catalogue = reference.catalogue_for(dt.date.today())
        camera = camera_of(settings)
        window = MainWindow(catalogue, session, camera=camera.make)
        if camera.device is not None:
            window.reception.photo_panel.use_camera(camera.make, camera.device)
        window.show()
        return app.exec()
    finally:
        store.close()


def sign_in_at_start(
    data_dir: Path,
    settings: Settings,
    gate: Gate,
    first_account: Callable[[str, str, str, dt.datetime], Officer] | None,
) -> Officer | None:
    """The officer who signed in; None when they cancelled. A store without accounts gets
    its first IT staff account first (the set-up assistant's last page)."""
    worker = Worker()
    try:
        operations = Operations(worker)
        if first_account is not None:
            from ui.setup_assistant import SetupAssistant  # a new counter only: see below

            assistant = SetupAssistant(
                data_dir, settings, [], settings.language, operations, first_account=first_account
            )
            if assistant.exec() != QDialog.DialogCode.Accepted:
                return None
        dialog = SignInDialog(gate, settings, operations)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.officer
    finally:
        worker.stop()


def set_up_if_needed(data_dir: Path, settings: Settings) -> Settings | None:
    """``settings`` when the counter is set up; else the assistant's, or None if cancelled."""
    steps = missing_steps(data_dir, settings)
    if not steps:
        return settings
    # Imported only here: its settings widgets bring the photo checks (OpenCV, NumPy),
    # which a counter already set up does not load before the sign-in dialog.
    from ui.setup_assistant import SetupAssistant

    worker = Worker()
    try:
        assistant = SetupAssistant(data_dir, settings, steps, settings.language, Operations(worker))
        if assistant.exec() != QDialog.DialogCode.Accepted:
            return None
        return assistant.settings
    finally:
        worker.stop()


def with_progress(label: str, work: Callable[[], T]) -> T:
    """``work``'s result, run on a worker thread while a progress box shows ``label``."""
    progress = QProgressDialog(label, "", 0, 0)
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(300)
    worker = Worker()
    loop = QEventLoop()
    results: list[T] = []
    failures: list[Exception] = []

    def done(result: T) -> None:
        results.append(result)
        loop.quit()

    def failed(error: Exception) -> None:
        failures.append(error)
        loop.quit()

    worker.run(work, done, failed)
    loop.exec()
    worker.stop()
    progress.close()
    if failures:
        raise failures[0]
    return results[0]
