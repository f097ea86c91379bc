"""Starting the counter window: settings, language, set-up, sign-in, store, window.

On the everyday start (a counter set up, its store holding accounts) the sign-in dialog is
shown first and the store opens behind it (``ui/store_opening.py``): the officer types while
SQLAlchemy, Alembic and the window's stack load, and a store that cannot be used closes the
dialog with the store's one message before anyone has signed in (issue 19). A new counter,
or a store to look at first (missing, emptied, from before accounts), has its store opened
before any dialog; a store with no account at all is set up with its first IT staff account
(``ui/setup_assistant.py``). The officer who signs in (``ui/sign_in.py``) has the window until
they sign out, switch officer or quit. The shipped catalogue, and the centre's versions the
last sync round brought, are read after the sign-in, when the window is built.
"""

from __future__ import annotations

import datetime as dt
import importlib
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from app.counter_start import CounterStore, open_counter_store, store_has_accounts
from app.datadir import DataDirError, resolve_data_dir
from app.failures import EXIT_BAD_CATALOGUE, EXIT_BAD_INPUT, EXIT_OK, EXIT_STORE, StoreUnusable
from app.i18n import choose_language
from app.officers.identity import NOBODY_SIGNED_IN, Officer, Role
from app.officers.outcomes import SignedIn
from app.settings import Settings, SettingsFileError, load_settings, missing_steps
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
from ui.store_opening import StoreOpening
from ui.translation import install_language
from ui.worker import Worker

if TYPE_CHECKING:  # loaded on the store's thread while the sign-in dialog shows (below)
    from app.counter import CounterSession

T = TypeVar("T")

# What the window needs once an officer has signed in and the sign-in dialog does not: the
# main window with its pages, the session, the camera's choice. Imported on a thread of its
# own while the sign-in dialog is on screen (the officer types for seconds; importing them
# first made the dialog wait a second or more, issue 19). Importing is only loading code:
# no widget is made off the GUI thread.
WINDOW_STACK = ("ui.main_window", "app.counter", "app.settings.camera")


def import_window_stack() -> None:
    """Import ``WINDOW_STACK``. On a thread other than the GUI's: a later ``import`` of one
    of them on the GUI thread waits for this one (Python's import lock) instead of importing
    it twice; an error is raised again by that import, where the window is built."""
    for name in WINDOW_STACK:
        try:
            importlib.import_module(name)
        except Exception:  # raised again by the GUI thread's own import, and shown there
            return


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
    # A counter not set up yet is set up before anyone signs in: no dossier is typed
    # at a counter that could not store it.
    set_up = set_up_if_needed(data_dir, settings)
    if set_up is None:
        return EXIT_OK
    filled = [
        name for name in Settings.model_fields if getattr(set_up, name) != getattr(settings, name)
    ]
    settings = set_up
    opening = StoreOpening(
        lambda: open_counter_store(data_dir, settings), also_load=import_window_stack
    )
    try:
        if filled or not store_has_accounts(data_dir):
            # A new counter, or a store to look at first (missing, emptied, damaged, from
            # before accounts): opened before any dialog, its first account made by the
            # set-up assistant.
            officer = _first_start(data_dir, settings, opening, filled)
        else:
            # The everyday start: the sign-in dialog at once, the store opened behind it.
            officer = sign_in_at_start(data_dir, settings, _gate(opening), None, opening)
    except StoreUnusable as error:
        # Missing, emptied, replaced, damaged, on a full disk or a read-only folder: one
        # dialog naming the file and what to do, and nothing numbered (docs/store.md).
        title = QCoreApplication.translate("application", "The dossier store cannot be used")
        return _stop(app, title, str(error), EXIT_STORE)
    try:
        if officer is None:
            return EXIT_OK
        # Loaded while the sign-in dialog was on screen (``StoreOpening``'s ``also_load``).
        from app.counter import CounterSession

        return _run_window(app, CounterSession(data_dir, settings, officer, opening.store()))
    finally:
        opening.wait()
        store = opening.opened()
        if store is not None:
            store.close()


def _gate(opening: StoreOpening[CounterStore]) -> Gate:
    """What the sign-in dialog does with the store: on the dialog's worker, which waits for
    the store to be open and imports its code there (the dialog itself stays responsive)."""

    def sign_in(login: str, password: str, at: dt.datetime) -> SignedIn:
        from app.officers.sign_in import sign_in

        return sign_in(opening.store(), login, password, now=at)

    def change_password(officer: Officer, password: str, length: int, at: dt.datetime) -> None:
        from app.officers.accounts import change_own_password

        change_own_password(opening.store(), officer, password, minimum_length=length, now=at)

    def unlock(officer: Officer, password: str, at: dt.datetime) -> None:
        from app.officers.sign_in import unlock

        unlock(opening.store(), officer, password, now=at)

    return Gate(sign_in=sign_in, change_password=change_password, unlock=unlock)


def _first_start(
    data_dir: Path, settings: Settings, opening: StoreOpening[CounterStore], filled: list[str]
) -> Officer | None:
    """The store opened (and, after an update, migrated) before any dialog, without freezing
    the window; the set-up assistant's first account when it has none; then the sign-in."""
    from app.audit import record_settings_change
    from app.officers.accounts import add_account, has_accounts

    store = with_progress(_opening(), opening.store)
    if filled:
        # The assistant fills only options still empty, before anyone can sign in (a new
        # counter has no account yet); what it filled is recorded, by nobody signed in.
        with_progress(
            _opening(),
            lambda: record_settings_change(store, NOBODY_SIGNED_IN, filled, via="set-up"),
        )
    any_account = with_progress(_opening(), lambda: has_accounts(store))
    minimum = settings.password_min_length
    return sign_in_at_start(
        data_dir,
        settings,
        _gate(opening),
        None
        if any_account
        else lambda login, name, password, at: add_account(
            store, None, login, name, Role.IT, password, minimum_length=minimum, now=at
        ),
        opening,
    )


def _run_window(app: QApplication, session: CounterSession) -> int:
    """The main window, the officer's until they quit."""
    # Loaded while the sign-in dialog was on screen (``StoreOpening``'s ``also_load``).
    from app.catalogue.loader import CatalogueError
    from app.settings.camera import camera_of
    from ui.main_window import MainWindow

    try:
        # The centre's catalogue versions and days off, as the last sync round brought them;
        # the shipped ones are the fallback, and must themselves be usable.
        reference = with_progress(_opening(), session.refresh_reference)
        catalogue = reference.catalogue_for(dt.date.today())
    except CatalogueError as error:
        title = QCoreApplication.translate("application", "The catalogue cannot be used")
        return _stop(app, title, str(error), EXIT_BAD_CATALOGUE)
    camera = camera_of(session.settings)
    window = MainWindow(catalogue, session, camera=camera.make)
    if camera.device is not None:
        window.reception.photo_panel.use_camera(camera.make, camera.device)
    window.show()
    return app.exec()


def sign_in_at_start(
    data_dir: Path,
    settings: Settings,
    gate: Gate,
    first_account: Callable[[str, str, str, dt.datetime], Officer] | None,
    opening: StoreOpening[CounterStore],
) -> Officer | None:
    """The officer who signed in; None when they cancelled. A store without accounts gets
    its first IT staff account first (the set-up assistant's last page). The store's opening
    starts once the dialog is painted, if it has not yet; a store that cannot be used closes
    the dialog and is raised (StoreUnusable)."""
    worker = Worker()
    failures: list[Exception] = []
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
        dialog.first_painted.connect(opening.start)

        def unusable(error: Exception) -> None:
            failures.append(error)
            dialog.reject()

        opening.failed.connect(unusable)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        if failures:
            raise failures[0]
        return dialog.officer if accepted else None
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
