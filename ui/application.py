"""Starting the counter window: settings, language, catalogue, set-up, sign-in, store, window."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

from app.catalogue.loader import CatalogueError, load_catalogue_for
from app.counter import CounterSession
from app.datadir import DataDirError, resolve_data_dir
from app.failures import EXIT_BAD_CATALOGUE, EXIT_BAD_INPUT, EXIT_OK, EXIT_STORE, StoreUnusable
from app.i18n import choose_language
from app.settings import Settings, SettingsFileError, load_settings, missing_steps
from app.settings.camera import camera_of
from ui.main_window import MainWindow
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
from ui.setup_assistant import SetupAssistant
from ui.sign_in import SignInDialog
from ui.translation import install_language
from ui.worker import Worker


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
    sign_in = SignInDialog(set_up, set_up=lambda shown: set_up_if_needed(data_dir, shown))
    if sign_in.exec() != QDialog.DialogCode.Accepted:
        return EXIT_OK
    settings = sign_in.settings
    try:
        session = open_session_with_progress(data_dir, settings, sign_in.chosen_officer())
    except StoreUnusable as error:
        # Missing, emptied, replaced, damaged, on a full disk or a read-only folder: one
        # dialog naming the file and what to do, and nothing numbered (docs/store.md).
        title = QCoreApplication.translate("application", "The dossier store cannot be used")
        return _stop(app, title, str(error), EXIT_STORE)
    camera = camera_of(settings)
    window = MainWindow(catalogue, session, camera=camera.make)
    if camera.device is not None:
        window.reception.photo_panel.use_camera(camera.make, camera.device)
    window.show()
    code = app.exec()
    session.close()
    return code


def set_up_if_needed(data_dir: Path, settings: Settings) -> Settings | None:
    """``settings`` when the counter is set up; else the assistant's, or None if cancelled."""
    steps = missing_steps(data_dir, settings)
    if not steps:
        return settings
    worker = Worker()
    try:
        assistant = SetupAssistant(data_dir, settings, steps, settings.language, Operations(worker))
        if assistant.exec() != QDialog.DialogCode.Accepted:
            return None
        return assistant.settings
    finally:
        worker.stop()


def open_session_with_progress(data_dir: Path, settings: Settings, officer: str) -> CounterSession:
    """Open (and, after an update, migrate) the store without freezing the window."""
    progress = QProgressDialog(
        QCoreApplication.translate("application", "Opening the dossier store…"), "", 0, 0
    )
    progress.setCancelButton(None)
    progress.setWindowModality(Qt.WindowModality.ApplicationModal)
    progress.setMinimumDuration(300)
    worker = Worker()
    loop = QEventLoop()
    outcome: list[object] = []

    def finish(result: object) -> None:
        outcome.append(result)
        loop.quit()

    worker.run(lambda: CounterSession.open(data_dir, settings, officer), finish, finish)
    loop.exec()
    worker.stop()
    progress.close()
    if isinstance(outcome[0], Exception):
        raise outcome[0]
    assert isinstance(outcome[0], CounterSession)
    return outcome[0]
